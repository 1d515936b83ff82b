//! Hostile scale: multi-megabyte inputs of the shapes that used to be quadratic
//! or to amplify memory decode in time proportional to a plain document of the
//! same size (a ratio measured in the same test, not a wall-clock number) and
//! keep memory proportional to the input (a counting global allocator).

#[allow(dead_code)]
mod handwritten;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use handwritten::{msg, shop};
use soap_runtime::rt;

/// Counts live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The tests run one at a time, each whole (the counters are global, and an
/// unmeasured decode in another test would raise the measured peak).
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

// GlobalAlloc is an unsafe trait: the one unsafe code of the workspace.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const MIB: usize = 1024 * 1024;

/// Seconds and peak extra bytes of one decode of `xml` (the outcome is ignored:
/// a refusal must be as cheap as an acceptance).
fn measure(xml: &str) -> (f64, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let outcome = rt::envelope::decode_response::<msg::GetOrderResponse, shop::GetOrderFault>(
        &shop::GET_ORDER,
        xml.as_bytes(),
        &rt::DecodeOptions::default(),
    );
    let seconds = start.elapsed().as_secs_f64();
    drop(outcome);
    (seconds, PEAK.load(Ordering::Relaxed) - base)
}

/// A plain getOrderResponse of about `size` bytes: many lines.
fn plain(size: usize) -> String {
    let line = "<lines><artNo>ART-000001</artNo><quantity>1.00000</quantity></lines>";
    let lines = line.repeat(size / line.len());
    format!(
        "<S:Envelope xmlns:S=\"{ENV}\"><S:Body><m:getOrderResponse xmlns:m=\"urn:example:shop:msg\"><return><id>A</id><total>1</total>{lines}<created>2020-01-01T00:00:00</created></return></m:getOrderResponse></S:Body></S:Envelope>"
    )
}

/// Asserts `hostile` decodes within `ratio` times the plain document of the same
/// size (best of three each, interleaved) and keeps at most `memory` times its size.
fn assert_scales(name: &str, hostile: &str, ratio: f64, memory: f64) {
    let baseline = plain(hostile.len());
    let (mut plain_best, mut hostile_best, mut peak) = (f64::MAX, f64::MAX, 0);
    for _ in 0..3 {
        plain_best = plain_best.min(measure(&baseline).0);
        let (t, m) = measure(hostile);
        hostile_best = hostile_best.min(t);
        peak = peak.max(m);
    }
    let measured = hostile_best / plain_best;
    eprintln!(
        "{name}: {} bytes, {measured:.2}x the plain document, kept {peak} bytes",
        hostile.len()
    );
    assert!(
        measured < ratio,
        "{name}: {} bytes took {measured:.1}x the plain document ({hostile_best:.3}s vs {plain_best:.3}s)",
        hostile.len()
    );
    let limit = (hostile.len() as f64 * memory) as usize;
    assert!(
        peak <= limit,
        "{name}: {} bytes of input kept {peak} bytes (limit {limit})",
        hostile.len()
    );
}

#[test]
fn many_prefix_bindings_resolve_in_linear_time() {
    let _serial = serial();
    // 20,000 bindings on the body element, then elements whose prefix is the first one bound.
    let bindings: String = (0..20_000)
        .map(|i| format!(" xmlns:p{i}=\"urn:n{i}\""))
        .collect();
    let lines = "<p0:lines><artNo>x</artNo><quantity>1</quantity></p0:lines>".repeat(40_000);
    let xml = format!(
        "<S:Envelope xmlns:S=\"{ENV}\"><S:Body{bindings}><m:getOrderResponse xmlns:m=\"urn:example:shop:msg\" xmlns:p0=\"\"><return><id>A</id><total>1</total>{lines}<created>2020-01-01T00:00:00</created></return></m:getOrderResponse></S:Body></S:Envelope>"
    );
    assert!(xml.len() > 2 * MIB);
    // The decoded value (40,000 lines) is most of what is kept.
    assert_scales("prefix bindings", &xml, 4.0, 6.0);
}

#[test]
fn unknown_fault_detail_is_copied_in_linear_time_and_counted() {
    let _serial = serial();
    let bindings: String = (0..2_000)
        .map(|i| format!(" xmlns:p{i}=\"urn:a-long-namespace-name-{i}\""))
        .collect();
    let item = "<p1:unknown a=\"1\"><p2:x>text</p2:x></p1:unknown>";
    let detail = item.repeat(3 * MIB / item.len());
    let xml = format!(
        "<S:Envelope xmlns:S=\"{ENV}\"{bindings}><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>x</faultstring><detail>{detail}</detail></S:Fault></S:Body></S:Envelope>"
    );
    // Each kept element gets the declarations of p1 and p2 added, and the kept
    // text grows by doubling: more than the input, bounded by the size limit.
    assert_scales("unknown fault detail", &xml, 4.0, 8.0);

    // Declarations added to every raw element may make the kept XML exceed what
    // was sent: that is refused once it passes the size limit.
    let many = "<p1999:u/>".repeat(400_000);
    let xml = format!(
        "<S:Envelope xmlns:S=\"{ENV}\"{bindings}><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>x</faultstring><detail>{many}</detail></S:Fault></S:Body></S:Envelope>"
    );
    let e = rt::envelope::decode_response::<msg::GetOrderResponse, shop::GetOrderFault>(
        &shop::GET_ORDER,
        xml.as_bytes(),
        &rt::DecodeOptions::default(),
    )
    .map(|_| ())
    .unwrap_err();
    assert_eq!(
        e.kind,
        rt::DecodeErrorKind::RetainedLimit {
            limit: rt::DecodeOptions::default().max_size
        }
    );
    assert!(e.path.starts_with("Envelope/Body/Fault/detail/u["), "{e}");
}

#[test]
fn unknown_elements_with_huge_namespaces_keep_memory_bounded() {
    let _serial = serial();
    // Each unknown element names a 100 KB namespace; only MAX_DIAGNOSTICS are kept,
    // and those past the cap are not even formatted.
    let uri = "u".repeat(100_000);
    let unknown = "<q:extra/>".repeat(200_000);
    let xml = format!(
        "<S:Envelope xmlns:S=\"{ENV}\"><S:Body><m:getOrderResponse xmlns:m=\"urn:example:shop:msg\"><return xmlns:q=\"urn:{uri}\"><id>A</id><total>1</total>{unknown}<created>2020-01-01T00:00:00</created></return></m:getOrderResponse></S:Body></S:Envelope>"
    );
    // The names are shared: one copy of the namespace, a small record per kept diagnostic.
    assert_scales("unknown elements", &xml, 4.0, 0.5);
}

#[test]
fn many_duplicates_cost_what_plain_elements_cost() {
    let _serial = serial();
    // 150,000 repeats of single-valued fields: each is skipped, the first
    // MAX_DIAGNOSTICS recorded with the position of the one kept.
    let repeats = "<total>2</total><id>B</id><created>2021-01-01T00:00:00</created>".repeat(50_000);
    let xml = format!(
        "<S:Envelope xmlns:S=\"{ENV}\"><S:Body><m:getOrderResponse xmlns:m=\"urn:example:shop:msg\"><return><id>A</id><total>1</total><created>2020-01-01T00:00:00</created>{repeats}</return></m:getOrderResponse></S:Body></S:Envelope>"
    );
    assert!(xml.len() > 3 * MIB);
    assert_scales("duplicates", &xml, 4.0, 0.5);
}
