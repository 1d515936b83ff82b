//! SOAP 1.1 faults with the operation's typed detail.

use std::fmt;

use crate::error::{DecodeError, EncodeError};
use crate::value::{AnyXml, QName};
use crate::xml::{FieldName, Reader, Start, Writer};

/// The SOAP 1.1 envelope namespace (also the namespace of the standard fault codes).
pub const SOAP11_NAMESPACE: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// The typed fault details an operation declares (generated: one enum per operation).
pub trait FaultDetail: Sized + Send + 'static {
    /// The detail elements, in the order `read_detail` indexes them.
    fn elements() -> &'static [FieldName];
    /// Reads detail element number `index` of [`elements`](Self::elements).
    fn read_detail(
        index: usize,
        r: &mut Reader<'_>,
        start: &Start<'_>,
    ) -> Result<Self, DecodeError>;
    /// Writes the detail element.
    fn write_detail(&self, w: &mut Writer) -> Result<(), EncodeError>;
    /// The message meant for end users, when the schema has one.
    fn user_message(&self) -> Option<&str> {
        None
    }
}

/// The fault detail of operations that declare no faults: it has no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoFault {}

impl FaultDetail for NoFault {
    fn elements() -> &'static [FieldName] {
        &[]
    }
    fn read_detail(
        _index: usize,
        r: &mut Reader<'_>,
        start: &Start<'_>,
    ) -> Result<Self, DecodeError> {
        Err(r.unexpected(start))
    }
    fn write_detail(&self, _w: &mut Writer) -> Result<(), EncodeError> {
        match *self {}
    }
}

/// A SOAP 1.1 fault: code, the technical `faultstring`, the actor and the detail
/// (typed when it is one of the operation's declared fault elements, raw otherwise).
///
/// `Display` shows the detail's user message or a generic text with the fault
/// code, never the `faultstring` (technical, possibly sensitive): use
/// [`faultstring`](Fault::faultstring) to get it explicitly.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault<F> {
    /// `faultcode`, resolved by namespace (`{http://schemas.xmlsoap.org/soap/envelope/}Server`).
    pub code: QName,
    /// `faultstring`.
    pub string: String,
    /// `faultactor`.
    pub actor: Option<String>,
    /// The typed detail, when the detail holds one of the operation's fault elements.
    pub detail: Option<F>,
    /// Detail elements the operation does not declare, kept raw.
    pub raw_detail: Option<AnyXml>,
}

impl<F> Fault<F> {
    /// A fault with `code` and `faultstring`, no actor and no detail.
    pub fn new(code: QName, string: impl Into<String>) -> Self {
        Self {
            code,
            string: string.into(),
            actor: None,
            detail: None,
            raw_detail: None,
        }
    }
    /// A `soap:Server` fault (the service failed).
    pub fn server(string: impl Into<String>) -> Self {
        Self::new(QName::new(SOAP11_NAMESPACE, "Server"), string)
    }
    /// A `soap:Client` fault (the request was wrong).
    pub fn client(string: impl Into<String>) -> Self {
        Self::new(QName::new(SOAP11_NAMESPACE, "Client"), string)
    }
    /// The same fault with a typed detail.
    pub fn with_detail(self, detail: F) -> Self {
        Self {
            detail: Some(detail),
            ..self
        }
    }
    /// The same fault with a `faultactor`.
    pub fn with_actor(self, actor: impl Into<String>) -> Self {
        Self {
            actor: Some(actor.into()),
            ..self
        }
    }
    /// The technical `faultstring` (not shown by `Display`).
    pub fn faultstring(&self) -> &str {
        &self.string
    }
    /// True for a standard SOAP 1.1 code (`Server`, `Client`, `VersionMismatch`, `MustUnderstand`).
    pub fn is_code(&self, local: &str) -> bool {
        self.code.is(Some(SOAP11_NAMESPACE), local)
    }
}

impl<F: FaultDetail> Fault<F> {
    /// The detail's message for end users, if any.
    pub fn user_message(&self) -> Option<&str> {
        self.detail.as_ref().and_then(FaultDetail::user_message)
    }
}

impl<F: FaultDetail> fmt::Display for Fault<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.user_message() {
            Some(message) => f.write_str(message),
            None => write!(
                f,
                "the service answered with a SOAP fault (code {})",
                self.code.local
            ),
        }
    }
}

impl<F: FaultDetail + fmt::Debug> std::error::Error for Fault<F> {}
