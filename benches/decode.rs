//! Decoding Resurs responses into the generated types against a bare `xmlparser`
//! pass over the same bytes: getPayment (the documented response) and
//! findPayments with 1,000 and 10,000 summaries, complete and of the documented
//! shape (1 to 10,000 items that omit the required `totalBonusPoints`: one
//! diagnostic each, up to the cap). The budget is 1.25x the tokenizer.
//!
//! After criterion's groups it prints `case, tokenizer ns, decode ns, ratio` from
//! its own interleaved timing loop (medians of batches). Under criterion's
//! `--profile-time N` (for a profiler) only the selected benchmark runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};

mod documents;

use documents::{decode_find_payments, decode_get_payment, tokenize, Outcome};
use soap_runtime::Diagnostic;

/// The decoding budget, as a multiple of the tokenizer pass.
const BUDGET: f64 = 1.25;

/// What a decode found: the number of items (diffs, summaries) and the diagnostics.
type Found = Result<(usize, Vec<Diagnostic>), String>;

/// One document and the decoder for it.
struct Case {
    name: String,
    xml: String,
    decode: fn(&[u8]) -> Found,
}

fn found<T>(outcome: Outcome<T>, items: impl Fn(&T) -> usize) -> Found {
    outcome.map(|d| (items(&d.value), d.diagnostics))
}

fn get_payment(xml: &[u8]) -> Found {
    found(decode_get_payment(xml), |r| r.r#return.payment_diffs.len())
}

fn find_payments(xml: &[u8]) -> Found {
    found(decode_find_payments(xml), |r| r.r#return.len())
}

fn cases() -> Vec<Case> {
    let mut cases = vec![Case {
        name: "getPayment".into(),
        xml: documents::GET_PAYMENT_RESPONSE.into(),
        decode: get_payment,
    }];
    for items in [1_000, 10_000] {
        cases.push(Case {
            name: format!("findPayments_{}k", items / 1_000),
            xml: documents::find_payments_response(items),
            decode: find_payments,
        });
    }
    for items in [1, 100, 1_000, 10_000] {
        cases.push(Case {
            name: format!("findPayments_documented_{items}"),
            xml: documents::find_payments_response_documented(items),
            decode: find_payments,
        });
    }
    cases
}

/// Decodes every case once and says what the decoder made of it (a bench of a
/// failing decode would measure the error path).
fn check(cases: &[Case]) -> Result<(), String> {
    for case in cases {
        let (items, diagnostics) = (case.decode)(case.xml.as_bytes())?;
        let listed: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        let shown = listed.len().min(3);
        println!(
            "{}: {} bytes, {} tokens, {items} items, {} diagnostics {}",
            case.name,
            case.xml.len(),
            tokenize(&case.xml),
            diagnostics.len(),
            listed[..shown].join("; ")
        );
    }
    Ok(())
}

fn bench(c: &mut Criterion, cases: &[Case]) {
    for case in cases {
        let mut group = c.benchmark_group(&case.name);
        group.throughput(Throughput::Bytes(case.xml.len() as u64));
        if case.xml.len() > 1_000_000 {
            group.sample_size(10);
        }
        group.bench_function("tokenize", |b| b.iter(|| tokenize(black_box(&case.xml))));
        group.bench_function("decode", |b| {
            b.iter(|| (case.decode)(black_box(case.xml.as_bytes())))
        });
        group.finish();
    }
}

/// Nanoseconds per call of `f`, timed over `iters` calls.
fn batch<R>(iters: u32, f: &impl Fn() -> R) -> f64 {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f());
    }
    start.elapsed().as_secs_f64() * 1e9 / f64::from(iters)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Medians of tokenizer ns, decode ns and of the per-pair ratio. Batches of the
/// two alternate, so load from elsewhere on the machine hits both alike.
fn compare(case: &Case) -> (f64, f64, f64) {
    let tokenizer = || tokenize(black_box(&case.xml));
    let decoder = || (case.decode)(black_box(case.xml.as_bytes()));
    let once = batch(1, &decoder).max(1.0);
    let iters = (Duration::from_millis(20).as_nanos() as f64 / once).clamp(1.0, 100_000.0) as u32;
    let (mut tokens, mut decodes, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..41 {
        let t = batch(iters, &tokenizer);
        let d = batch(iters, &decoder);
        tokens.push(t);
        decodes.push(d);
        ratios.push(d / t);
    }
    (
        median(&mut tokens),
        median(&mut decodes),
        median(&mut ratios),
    )
}

fn table(cases: &[Case]) {
    println!("\ncase, tokenizer ns, decode ns, ratio (budget {BUDGET:.2}x)");
    for case in cases {
        let (t, d, ratio) = compare(case);
        let verdict = if ratio <= BUDGET { "ok" } else { "OVER" };
        println!("{}, {t:.0}, {d:.0}, {ratio:.2} {verdict}", case.name);
    }
}

fn main() {
    let cases = cases();
    if let Err(e) = check(&cases) {
        eprintln!("decoding the bench documents failed: {e}");
        std::process::exit(1);
    }
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    bench(&mut c, &cases);
    c.final_summary();
    let args: Vec<String> = std::env::args().collect();
    let profiling = args.iter().any(|a| a.starts_with("--profile-time"));
    if args.iter().any(|a| a == "--bench") && !profiling {
        table(&cases);
    }
}
