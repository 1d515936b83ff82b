//! `aftershop decode` streams its JSON: printing many empty items (each a
//! struct of defaults) costs little beyond decoding them, where a JSON tree of
//! the whole answer used to cost about 200 times the input.
#![cfg(feature = "cli")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use resurs_aftershop::decode::DecodeArgs;
use resurs_aftershop::{msg_aftershopflow, v4};
use soap_runtime::rt;

/// Counts live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

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

/// Peak bytes allocated while `f` runs, above what was live before.
fn peak(f: impl FnOnce()) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - base
}

/// Counts what is written, keeps nothing.
struct CountingSink(usize);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn many_empty_items_print_without_a_json_tree() {
    let items = "<return/>".repeat(50_000);
    let xml = format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:findPaymentsResponse xmlns:ns2="http://ecommerce.resurs.com/v4/msg/aftershopflow">{items}</ns2:findPaymentsResponse></soap:Body></soap:Envelope>"#
    );
    // The baseline: decoding alone (the decoded structs of defaults are most of it).
    let decoding = peak(|| {
        let decoded = rt::envelope::decode_response::<
            msg_aftershopflow::FindPaymentsResponse,
            v4::FindPaymentsFault,
        >(
            &v4::FIND_PAYMENTS,
            xml.as_bytes(),
            &rt::DecodeOptions::default(),
        );
        assert!(decoded.is_ok());
    });
    let args = DecodeArgs {
        operation: "findPayments".into(),
        request: false,
        response: true,
        file: None,
        max_size: rt::DecodeOptions::default().max_size,
        accept_truncated: true,
    };
    let mut out = CountingSink(0);
    let mut err = Vec::new();
    let printing = peak(|| {
        let code = args.execute(&mut xml.as_bytes(), &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    });
    // The output itself is large (every default printed) but is not kept.
    assert!(out.0 > 10 * xml.len(), "{} bytes out", out.0);
    // Reading the input (a copy, which grows by doubling) and the kept
    // diagnostics come on top of decoding; a JSON tree would cost ~5x it.
    let limit = decoding + 3 * xml.len() + 1024 * 1024;
    // What the whole tree costs (the library's `decode_envelope` builds one).
    let tree = peak(|| {
        let decoded = resurs_aftershop::decode::decode_envelope(
            "findPayments",
            resurs_aftershop::decode::Direction::Response,
            xml.as_bytes(),
        );
        assert!(decoded.is_ok());
    });
    eprintln!(
        "{} bytes in: decoding {decoding}, printing {printing}, a JSON tree {tree}",
        xml.len()
    );
    assert!(tree > limit, "the test cannot tell a tree from a stream");
    assert!(
        printing <= limit,
        "printing peaked at {printing} bytes, decoding at {decoding} ({} bytes in)",
        xml.len()
    );
}
