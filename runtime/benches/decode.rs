//! Decoding a getOrderResponse through the hand-written "generated" types,
//! against a bare `xmlparser` pass over the same bytes (the budget is 1.25x):
//! complete lines, and lines that omit the required `quantity` (one diagnostic
//! each, up to the cap), timed interleaved with the tokenizer.
// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion, Throughput};
use soap_runtime::rt;

#[allow(dead_code)]
#[path = "../tests/handwritten/mod.rs"]
mod handwritten;

use handwritten::{msg, shop};

fn envelope(lines: usize) -> Vec<u8> {
    envelope_with(lines, true)
}

fn envelope_with(lines: usize, quantity: bool) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n<soap:Body>\n\
         <ns2:getOrderResponse xmlns:ns2=\"urn:example:shop:msg\">\n<return version=\"2\">\n<id>Ord-1372762301644-3166</id>\n<total>30.000000000000000</total>\n",
    );
    for i in 0..lines {
        if quantity {
            xml.push_str(&format!("  <lines>\n    <artNo>ART-{i:06}</artNo>\n    <quantity>{}.00000</quantity>\n  </lines>\n", i % 97 + 1));
        } else {
            xml.push_str(&format!(
                "  <lines>\n    <artNo>ART-{i:06}</artNo>\n  </lines>\n"
            ));
        }
    }
    xml.push_str("<note>Leave at the door &amp; ring</note>\n<created>2013-07-02T12:51:51+02:00</created>\n<state>IS_SHIPPED</state>\n</return>\n</ns2:getOrderResponse>\n</soap:Body>\n</soap:Envelope>\n");
    xml.into_bytes()
}

fn decode(xml: &[u8]) -> usize {
    let decoded = rt::envelope::decode_response::<msg::GetOrderResponse, shop::GetOrderFault>(
        &shop::GET_ORDER,
        xml,
        &rt::DecodeOptions::default(),
    );
    match decoded {
        Ok(d) => d.value.map(|r| r.r#return.lines.len()).unwrap_or(0),
        Err(e) => panic!("{e}"),
    }
}

fn tokenize(xml: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(xml) else {
        return 0;
    };
    xmlparser::Tokenizer::from(text)
        .filter(|t| black_box(t).is_ok())
        .count()
}

fn cases() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("lines_1000", envelope(1_000)),
        ("lines_10000", envelope(10_000)),
        ("documented_lines_1", envelope_with(1, false)),
        ("documented_lines_1000", envelope_with(1_000, false)),
        ("documented_lines_10000", envelope_with(10_000, false)),
    ]
}

fn bench(c: &mut Criterion) {
    for (name, xml) in cases() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(xml.len() as u64));
        group.bench_function("decode", |b| b.iter(|| decode(black_box(&xml))));
        group.bench_function("xmlparser_tokenize", |b| {
            b.iter(|| tokenize(black_box(&xml)))
        });
        group.finish();
    }
}

/// Nanoseconds per call of `f`, over `iters` calls.
fn batch(iters: u32, f: &impl Fn() -> usize) -> f64 {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f());
    }
    start.elapsed().as_secs_f64() * 1e9 / f64::from(iters)
}

/// The median ratio of decode to tokenizer batches, alternated so that load from
/// elsewhere on the machine hits both alike.
fn ratio(xml: &[u8]) -> (f64, f64, f64) {
    let decoder = || decode(black_box(xml));
    let tokenizer = || tokenize(black_box(xml));
    let once = batch(1, &decoder).max(1.0);
    let iters = (2e7 / once).clamp(1.0, 100_000.0) as u32;
    let mut rows: Vec<(f64, f64)> = (0..31)
        .map(|_| (batch(iters, &tokenizer), batch(iters, &decoder)))
        .collect();
    rows.sort_by(|a, b| (a.1 / a.0).total_cmp(&(b.1 / b.0)));
    let (t, d) = rows[rows.len() / 2];
    (t, d, d / t)
}

fn ratios() {
    for (name, xml) in cases() {
        let (t, d, r) = ratio(&xml);
        println!("{name}: xmlparser {t:.0} ns, decode {d:.0} ns, ratio {r:.2} (budget 1.25)");
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a.starts_with("--profile-time")) {
        ratios();
    }
    Criterion::default().configure_from_args().final_summary();
}
