//! SOAP envelopes: encoding requests, responses and faults with their header
//! blocks, decoding them (header blocks captured raw), and peeking at a
//! request for routing. The SOAP version of the operation ([`SoapVersion`])
//! answers everything that differs between SOAP 1.1 and 1.2.

mod decode;
mod encode;
mod fault11;
mod fault12;
mod headers;
mod version;

pub use self::decode::{
    body_element, decode_request, decode_request_message, decode_response, decode_response_message,
    peek, peek_operation, Peeked, ResponseMessage,
};
pub use self::encode::{encode_fault, encode_request, encode_response};
pub use self::headers::{
    HeaderBlock, HeaderRef, ReceivedHeader, ReceivedHeaders, SoapHeaders, WriteHeader,
};
pub use self::version::{SoapVersion, StandardCode, SOAP11_NAMESPACE, SOAP12_NAMESPACE};

use crate::xml::FieldName;

/// What an operation's message puts in the SOAP `Body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// One element (document/literal: the part's element; rpc/literal: the
    /// wrapper named after the operation, holding the parts).
    Element(FieldName),
    /// Nothing: a message with zero parts has an empty `Body`. Its Rust
    /// type reads and writes the `Body` element's content itself (`()`, or
    /// a type without fields).
    Empty,
}

impl Body {
    /// The body element, `None` for an empty body.
    pub const fn element(&self) -> Option<&FieldName> {
        match self {
            Self::Element(element) => Some(element),
            Self::Empty => None,
        }
    }
}

/// One operation of a port, as generated code describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The WSDL operation name.
    pub name: &'static str,
    /// The SOAP action (1.1 `SOAPAction` header, 1.2 `action` parameter; may be empty).
    pub soap_action: &'static str,
    /// The SOAP version of the binding.
    pub version: SoapVersion,
    /// What the request's body holds.
    pub input: Body,
    /// What the response's body holds; `None` for a one-way operation (no response message).
    pub output: Option<Body>,
    /// The header blocks the request may carry (`soap:header` of the input),
    /// the ones a server understands for `mustUnderstand`.
    pub input_headers: &'static [FieldName],
    /// The header blocks the response may carry (`soap:header` of the output).
    pub output_headers: &'static [FieldName],
}

/// A decoded message: the body and the header blocks that came with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Message<T> {
    /// The body (the response, the request, or a fault).
    pub body: T,
    /// The `Header` children, raw; decode one with [`ReceivedHeaders::get`].
    pub headers: ReceivedHeaders,
}

impl<T> Message<T> {
    /// Applies `f` to the body, keeping the headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Message<U> {
        Message {
            body: f(self.body),
            headers: self.headers,
        }
    }
}
