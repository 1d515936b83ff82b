//! `aftershop decode`: one logged SOAP envelope of an After Shop (or ShopFlow
//! token) operation as JSON, for support staff.
//!
//! The envelope is decoded leniently by the runtime into the generated types,
//! then serialized through their serde derives: XML element names as keys, in
//! schema order; decimals and dates as the strings sent; integers and booleans
//! as JSON numbers and booleans; repeatable elements as arrays; nil as `null`;
//! absent elements omitted, including required ones the peer left out (the
//! decoder reports those as diagnostics, see [`Decoded::diagnostics`]).
//!
//! ```
//! use resurs_aftershop::decode::{decode_envelope, Direction, Outcome};
//!
//! let xml = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
//!   <a:getPayment xmlns:a="http://ecommerce.resurs.com/v4/msg/aftershopflow">
//!     <paymentId>p-1</paymentId>
//!   </a:getPayment></s:Body></s:Envelope>"#;
//! let decoded = decode_envelope("getPayment", Direction::Request, xml)?;
//! assert_eq!(decoded.value, Outcome::Message(serde_json::json!({"paymentId": "p-1"})));
//! # Ok::<(), resurs_aftershop::decode::DecodeEnvelopeError>(())
//! ```

#[cfg(feature = "cli")]
mod cli;
mod error;
mod operations;
mod prune;
mod render;

#[cfg(feature = "cli")]
pub use cli::DecodeArgs;
pub use error::DecodeEnvelopeError;
pub use render::{fault_json, Outcome};
pub use soap_runtime::DecodeOptions;
pub use soap_runtime::Decoded;

/// Which side of the operation the envelope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The request (the operation's input element).
    Request,
    /// The response (the output element, or a SOAP fault).
    Response,
}

/// The XML names of the operations [`decode_envelope`] knows, in WSDL order.
pub fn operation_names() -> impl Iterator<Item = &'static str> {
    operations::operations().iter().map(|entry| entry.op.name)
}

/// Decodes one envelope of `operation` (XML name such as `getPayment`, or
/// `get_payment`) into JSON. The diagnostics are what the lenient decoder
/// tolerated; required elements they report missing are left out of the JSON.
pub fn decode_envelope(
    operation: &str,
    direction: Direction,
    xml: &[u8],
) -> Result<Decoded<Outcome>, DecodeEnvelopeError> {
    decode_envelope_with(operation, direction, xml, &DecodeOptions::default())
}

/// [`decode_envelope`] with the decoder's limits and leniency given.
pub fn decode_envelope_with(
    operation: &str,
    direction: Direction,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Outcome>, DecodeEnvelopeError> {
    let decoded = decode_typed(operation, direction, xml, opts)?;
    let value = decoded.value.to_value()?;
    Ok(Decoded {
        value,
        diagnostics: decoded.diagnostics,
    })
}

/// The decoded envelope before it is rendered (the command streams it).
pub(crate) fn decode_typed(
    operation: &str,
    direction: Direction,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<render::Typed>, DecodeEnvelopeError> {
    let entry =
        operations::find(operation).ok_or_else(|| DecodeEnvelopeError::UnknownOperation {
            name: operation.to_owned(),
        })?;
    let decode = match direction {
        Direction::Request => entry.request,
        Direction::Response => entry.response,
    };
    decode(entry.op, xml, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undecodable_input_has_a_position() {
        let e = decode_envelope("getPayment", Direction::Request, b"<a>").err();
        assert_eq!(
            e.as_ref().and_then(DecodeEnvelopeError::position),
            Some((1, 1))
        );
        let e = decode_envelope("nope", Direction::Request, b"").err();
        assert_eq!(e.as_ref().and_then(DecodeEnvelopeError::position), None);
    }
}
