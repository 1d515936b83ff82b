//! Decoding a getOrderResponse through the hand-written "generated" types,
//! against a bare `xmlparser` pass over the same bytes (the budget is 1.5x).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use soap_runtime::rt;

#[allow(dead_code)]
#[path = "../tests/handwritten/mod.rs"]
mod handwritten;

use handwritten::{msg, shop};

fn envelope(lines: usize) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n<soap:Body>\n\
         <ns2:getOrderResponse xmlns:ns2=\"urn:example:shop:msg\">\n<return version=\"2\">\n<id>Ord-1372762301644-3166</id>\n<total>30.000000000000000</total>\n",
    );
    for i in 0..lines {
        xml.push_str(&format!("  <lines>\n    <artNo>ART-{i:06}</artNo>\n    <quantity>{}.00000</quantity>\n  </lines>\n", i % 97 + 1));
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

fn bench(c: &mut Criterion) {
    for lines in [1_000, 10_000] {
        let xml = envelope(lines);
        assert_eq!(decode(&xml), lines);
        let mut group = c.benchmark_group(format!("get_order_response_{lines}_lines"));
        group.throughput(Throughput::Bytes(xml.len() as u64));
        group.bench_function("decode", |b| b.iter(|| decode(black_box(&xml))));
        group.bench_function("xmlparser_tokenize", |b| {
            b.iter(|| tokenize(black_box(&xml)))
        });
        group.finish();
    }
}

/// The best time of `rounds` runs of `f`.
fn best(rounds: usize, f: impl Fn() -> usize) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ratios() {
    for lines in [1_000, 10_000] {
        let xml = envelope(lines);
        let rounds = if lines > 1_000 { 30 } else { 200 };
        let decode_time = best(rounds, || decode(&xml));
        let tokenize_time = best(rounds, || tokenize(&xml));
        println!(
            "get_order_response_{lines}_lines: decode {decode_time:?}, xmlparser {tokenize_time:?}, ratio {:.2} (budget 1.50)",
            decode_time.as_secs_f64() / tokenize_time.as_secs_f64().max(1e-12)
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    ratios();
    Criterion::default().configure_from_args().final_summary();
}
