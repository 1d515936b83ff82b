//! Hostile input: malformed documents, duplicated elements and attributes, and
//! values out of their type, each a typed error or a diagnostic naming where.

#[allow(dead_code)]
#[path = "../handwritten/mod.rs"]
mod handwritten;

use handwritten::{msg, shop};
use soap_runtime::rt;

/// The SOAP 1.1 envelope namespace.
const ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";

type Outcome = Result<rt::Decoded<msg::GetOrderResponse>, rt::DecodeError>;

/// Decodes a `getOrder` response that must not be a fault.
fn decode(xml: &str, opts: &rt::DecodeOptions) -> Outcome {
    let decoded = rt::envelope::decode_response::<msg::GetOrderResponse, shop::GetOrderFault>(
        &shop::GET_ORDER,
        xml.as_bytes(),
        opts,
    )?;
    Ok(decoded.map(|v| v.unwrap_or_else(|f| panic!("fault: {f:?}"))))
}

mod documents;
mod duplicates;
mod values;
