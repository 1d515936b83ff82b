//! Any bytes as the content of a SOAP 1.1 `Body`, so that mutations go to
//! the `Fault` element and its detail rather than to the envelope, decoded
//! with each operation's typed fault detail.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resurs_aftershop_fuzz::{each_operation, Responses};

const HEAD: &[u8] =
    b"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>";
const TAIL: &[u8] = b"</soap:Body></soap:Envelope>";

fuzz_target!(|data: &[u8]| {
    let envelope = [HEAD, data, TAIL].concat();
    each_operation(&mut Responses(&envelope));
});
