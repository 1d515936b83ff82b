//! Peak heap during the decode of a 10,000-item findPaymentsResponse, against the
//! size of the input (the budget is 2x). A separate binary: dhat's allocator
//! would distort the timings of `decode`.
//!
//! Only allocations made while the profiler runs count, so the input (built
//! before it starts) is not part of the peak; the decoded value is.

use std::hint::black_box;

#[allow(dead_code)] // shared with `decode`, which uses all of it
mod documents;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The memory budget, as a multiple of the input size.
const BUDGET: f64 = 2.0;

const ITEMS: usize = 10_000;

fn main() {
    let xml = documents::find_payments_response(ITEMS);
    let report = std::env::temp_dir().join("resurs-aftershop-memory-bench-dhat.json");
    let profiler = dhat::Profiler::builder()
        .testing()
        .file_name(report)
        .build();
    let decoded = documents::decode_find_payments(black_box(xml.as_bytes()));
    let during = dhat::HeapStats::get();
    let items = match &decoded {
        Ok(d) => d.value.r#return.len(),
        Err(e) => {
            eprintln!("decoding the bench document failed: {e}");
            std::process::exit(1);
        }
    };
    drop(decoded);
    drop(profiler);
    let input = xml.len() as f64;
    let ratio = during.max_bytes as f64 / input;
    let verdict = if ratio <= BUDGET { "ok" } else { "OVER" };
    println!("findPayments_{}k ({items} items decoded)", ITEMS / 1_000);
    println!("input bytes, peak heap bytes, retained bytes, allocations, peak/input (budget {BUDGET:.1}x)");
    println!(
        "{}, {}, {}, {}, {ratio:.2} {verdict}",
        xml.len(),
        during.max_bytes,
        during.curr_bytes,
        during.total_blocks,
    );
}
