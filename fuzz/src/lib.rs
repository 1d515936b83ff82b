//! What the fuzz targets share: every operation of the Resurs services with
//! its generated request, response and fault types, and the oracles applied
//! to whatever decodes.
#![forbid(unsafe_code)]

use std::fmt::Debug;

use resurs_aftershop::v4;
use soap_runtime::arbitrary::Arbitrary;
pub use soap_runtime::arbitrary::Visit;
use soap_runtime::rt::{
    self, envelope, DecodeOptions, FaultDetail, Operation, SimpleType, XmlType,
};

/// Visits every operation of AfterShopFlowService and ShopFlowService
/// (the list soap-codegen generates with `Config::arbitrary(true)`).
pub fn each_operation(v: &mut impl Visit) {
    v4::arbitrary_operations(v);
}

/// Small limits, so that a few kilobytes of input can reach every limit path.
pub fn options(strict: bool) -> DecodeOptions {
    DecodeOptions {
        strict,
        max_size: 1 << 20,
        max_depth: 32,
        max_elements: 10_000,
    }
}

/// Decodes `xml` as the answer to every operation, leniently and strictly.
/// What decodes must survive a round trip: encoded again (if the encoder
/// accepts it: lenient decoding keeps facet violations and unknown enum
/// values, which encoding refuses), it decodes to the same value.
pub struct Responses<'a>(pub &'a [u8]);

impl Visit for Responses<'_> {
    fn visit<Req, Resp, F>(&mut self, op: &'static Operation)
    where
        Req: XmlType + Arbitrary + Clone + PartialEq + Send,
        Resp: XmlType + Arbitrary + Clone + PartialEq + Send,
        F: FaultDetail + Debug + Clone + PartialEq,
    {
        for strict in [false, true] {
            let Ok(decoded) = envelope::decode_response::<Resp, F>(op, self.0, &options(strict))
            else {
                continue;
            };
            let again = match &decoded.value {
                Ok(value) => match envelope::encode_response(op, value) {
                    Ok(bytes) => bytes,
                    Err(_) => continue,
                },
                Err(fault) => envelope::encode_fault(fault),
            };
            let redecoded = envelope::decode_response::<Resp, F>(op, &again, &options(false))
                .unwrap_or_else(|e| {
                    panic!(
                        "{}: our own encoding does not decode: {e}\n{}",
                        op.name,
                        String::from_utf8_lossy(&again)
                    )
                });
            match (&decoded.value, &redecoded.value) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{}: response round trip", op.name),
                (Err(a), Err(b)) => same_fault(op, a, b),
                (a, b) => panic!("{}: {a:?} re-decoded as {b:?}", op.name),
            }
        }
    }
}

/// A fault that went through `encode_fault`: code (one no peer could read
/// becomes `soapenv:Server`), string, actor and a
/// typed detail that passes its facets are kept. `encode_fault` leaves out a
/// detail that fails its facets, and a typed detail and the raw one are
/// written side by side, so those parts are compared only when they can be.
fn same_fault<F: FaultDetail + PartialEq + Debug>(
    op: &Operation,
    a: &rt::Fault<F>,
    b: &rt::Fault<F>,
) {
    let readable = rt::QName::parse_text(&a.code.local).is_ok();
    if readable {
        assert_eq!(a.code, b.code, "{}: fault code round trip", op.name);
    } else {
        assert_eq!(b.code.local, "Server", "{}: unreadable fault code", op.name);
    }
    assert_eq!(a.string, b.string, "{}: faultstring round trip", op.name);
    assert_eq!(a.actor, b.actor, "{}: faultactor round trip", op.name);
    if a.raw_detail.is_none() && b.detail.is_some() {
        assert_eq!(a.detail, b.detail, "{}: fault detail round trip", op.name);
    }
}

/// Routes `xml` like the server does (the Body's first element names the
/// operation) and decodes it as that request, leniently and strictly; what
/// decodes must survive `encode_request` → `decode_request`.
pub struct Requests<'a>(pub &'a [u8]);

impl Visit for Requests<'_> {
    fn visit<Req, Resp, F>(&mut self, op: &'static Operation)
    where
        Req: XmlType + Arbitrary + Clone + PartialEq + Send,
        Resp: XmlType + Arbitrary + Clone + PartialEq + Send,
        F: FaultDetail + Debug + Clone + PartialEq,
    {
        let Ok(first) = envelope::peek_operation(self.0, &options(false)) else {
            return;
        };
        if first.namespace.as_deref() != op.input.ns || first.local != op.input.name {
            return;
        }
        for strict in [false, true] {
            let Ok(decoded) = envelope::decode_request::<Req>(op, self.0, &options(strict)) else {
                continue;
            };
            let Ok(again) = envelope::encode_request(op, &decoded.value) else {
                continue;
            };
            let redecoded = envelope::decode_request::<Req>(op, &again, &options(false))
                .unwrap_or_else(|e| {
                    panic!(
                        "{}: our own encoding does not decode: {e}\n{}",
                        op.name,
                        String::from_utf8_lossy(&again)
                    )
                });
            assert_eq!(
                decoded.value, redecoded.value,
                "{}: request round trip",
                op.name
            );
        }
    }
}
