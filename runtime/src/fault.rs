//! SOAP faults with the operation's typed detail; what both versions share
//! in reading one (the code, the detail). The versions' own elements are read
//! and written in `envelope::fault11` / `envelope::fault12`.

use std::fmt;

use crate::diag::{Diagnostic, DiagnosticKind};
use crate::envelope::{ReceivedHeaders, SoapHeaders, SoapVersion, WriteHeader};
pub use crate::envelope::{SOAP11_NAMESPACE, SOAP12_NAMESPACE};
use crate::error::{DecodeError, DecodeErrorKind, EncodeError, ValueError};
use crate::value::{AnyXml, Namespaces, QName, SimpleType};
use crate::xml::{DecodeOptions, FieldName, Reader, Start, Writer};

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
    /// The detail element's value (the variant's content), for code that
    /// knows the detail type but not the operation (`downcast_ref`).
    fn detail_value(&self) -> Option<&dyn std::any::Any> {
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

/// A SOAP fault (1.1 or 1.2): code, the technical `faultstring` (1.2
/// `Reason/Text`), the actor (1.2 `Role`) and the detail (typed when it is
/// one of the operation's declared fault elements, raw otherwise); SOAP 1.2
/// adds subcodes and the node.
///
/// Codes are kept as received. The constructors use the SOAP 1.1 codes; the
/// server writes a standard code in the spelling of the operation's version
/// (`Server` is sent as 1.2 `Receiver`, `Client` as `Sender`).
///
/// `Display` shows the detail's user message or a generic text with the fault
/// code, never the `faultstring` (technical, possibly sensitive): use
/// [`faultstring`](Fault::faultstring) to get it explicitly.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault<F> {
    /// `faultcode` (1.2 `Code/Value`), resolved by namespace
    /// (`{http://schemas.xmlsoap.org/soap/envelope/}Server`).
    pub code: QName,
    /// SOAP 1.2 `Subcode/Value`s, outermost first (empty in SOAP 1.1).
    pub subcodes: Vec<QName>,
    /// `faultstring` (1.2: the first `Reason/Text`).
    pub string: String,
    /// `faultactor` (1.2 `Role`).
    pub actor: Option<String>,
    /// SOAP 1.2 `Node` (always `None` in SOAP 1.1).
    pub node: Option<String>,
    /// The typed detail, when the detail holds one of the operation's fault elements.
    pub detail: Option<F>,
    /// Detail elements the operation does not declare, kept raw.
    pub raw_detail: Option<AnyXml>,
    /// The header blocks of the fault message: those received with a
    /// decoded fault, or those a server sends with it ([`Fault::with_header`]).
    pub headers: ReceivedHeaders,
}

impl<F> Fault<F> {
    /// A fault with `code` and `faultstring`, no actor and no detail.
    pub fn new(code: QName, string: impl Into<String>) -> Self {
        Self {
            code,
            subcodes: Vec::new(),
            string: string.into(),
            actor: None,
            node: None,
            detail: None,
            raw_detail: None,
            headers: ReceivedHeaders::default(),
        }
    }
    /// A `soap:Server` fault (the service failed; 1.2 `Receiver`).
    pub fn server(string: impl Into<String>) -> Self {
        Self::new(QName::new(SOAP11_NAMESPACE, "Server"), string)
    }
    /// A `soap:Client` fault (the request was wrong; 1.2 `Sender`).
    pub fn client(string: impl Into<String>) -> Self {
        Self::new(QName::new(SOAP11_NAMESPACE, "Client"), string)
    }
    /// The same fault with a SOAP 1.2 subcode appended (innermost last).
    pub fn with_subcode(mut self, subcode: QName) -> Self {
        self.subcodes.push(subcode);
        self
    }
    /// The same fault with a SOAP 1.2 `Node`.
    pub fn with_node(self, node: impl Into<String>) -> Self {
        Self {
            node: Some(node.into()),
            ..self
        }
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
    /// The same fault with a header block (sent in the fault's `Header`).
    pub fn with_header(mut self, header: &dyn WriteHeader) -> Result<Self, EncodeError> {
        self.headers.push_block(header)?;
        Ok(self)
    }
    /// The same fault with the blocks of a typed header set (the
    /// `<Op>ResponseHeaders` of the operation).
    pub fn with_headers<H: SoapHeaders>(mut self, headers: &H) -> Result<Self, EncodeError> {
        for block in headers.blocks() {
            self.headers.push_block(block.as_ref())?;
        }
        Ok(self)
    }
    /// The technical `faultstring` (not shown by `Display`).
    pub fn faultstring(&self) -> &str {
        &self.string
    }
    /// True when the code is the standard code `local` of either version
    /// (`Server`, `Client`, `VersionMismatch`, `MustUnderstand`, or their
    /// 1.2 names `Receiver`, `Sender`...): `is_code("Server")` holds for
    /// a 1.2 `Receiver` too.
    pub fn is_code(&self, local: &str) -> bool {
        let in_envelope = self
            .code
            .namespace
            .as_deref()
            .and_then(SoapVersion::from_namespace)
            .is_some();
        in_envelope
            && (self.code.local == local
                || SoapVersion::standard_local(local).is_some_and(|code| {
                    SoapVersion::standard_local(&self.code.local) == Some(code)
                }))
    }
}

impl<F: FaultDetail> Fault<F> {
    /// The detail's message for end users, if the detail has one that is not blank.
    pub fn user_message(&self) -> Option<&str> {
        self.detail
            .as_ref()
            .and_then(FaultDetail::user_message)
            .filter(|message| !message.trim().is_empty())
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

/// A fault code as sent: a QName in scope, or (`found`) text that is not one,
/// read as its last `:`-separated part. A standard code (`Server`,
/// `Client.Auth`, `Sender`...) gets the envelope namespace (set by
/// [`FaultCode::resolve`]), anything else the namespace of the prefix just
/// before it, if declared.
pub(crate) struct FaultCode {
    code: QName,
    found: Option<String>,
}

impl FaultCode {
    /// The code, and a `MalformedFaultCode` diagnostic when it was bent; a
    /// missing code is `MissingRequired(element)` and the empty name.
    pub(crate) fn resolve(
        code: Option<Self>,
        version: SoapVersion,
        element: &'static str,
        r: &mut Reader<'_>,
    ) -> QName {
        match code {
            Some(Self { code, found: None }) => code,
            Some(Self {
                mut code,
                found: Some(found),
            }) => {
                if code.namespace.is_none() {
                    let first = code.local.split('.').next().unwrap_or_default();
                    if SoapVersion::standard_local(first).is_some() {
                        code.namespace = Some(version.namespace().to_owned());
                    }
                }
                r.diagnostic(DiagnosticKind::MalformedFaultCode {
                    found,
                    used: code.clone(),
                });
                code
            }
            None => {
                r.diagnostic(DiagnosticKind::MissingRequired(element.into()));
                QName::default()
            }
        }
    }
}

impl SimpleType for FaultCode {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_text_in(text, &())
    }

    fn parse_text_in(text: &str, scope: &dyn Namespaces) -> Result<Self, ValueError> {
        if let Ok(code) = QName::parse_text_in(text, scope) {
            return Ok(Self { code, found: None });
        }
        let found = text.trim();
        let (prefixes, local) = found.rsplit_once(':').unwrap_or(("", found));
        let standard = local.split('.').next().unwrap_or_default();
        let namespace = match SoapVersion::standard_local(standard) {
            Some(_) => None,
            None => {
                let prefix = prefixes.rsplit(':').next().unwrap_or_default();
                scope.resolve(prefix).filter(|ns| !ns.is_empty())
            }
        };
        Ok(Self {
            code: QName {
                namespace: namespace.map(str::to_owned),
                local: local.to_owned(),
            },
            found: Some(found.to_owned()),
        })
    }

    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        self.code.write_text(out)
    }
}

/// Reads the children of `detail` (1.2 `Detail`): the first declared fault
/// element into `detail` (when its type can read it), everything else into `raw`.
pub(crate) fn read_detail<F: FaultDetail>(
    r: &mut Reader<'_>,
    detail: &mut Option<F>,
    raw: &mut Option<AnyXml>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), DecodeError> {
    while let Some(child) = r.next_element()? {
        let known = F::elements().iter().position(|field| {
            field.name == child.local_name()
                && (child.namespace() == field.ns || child.namespace().is_none())
        });
        let xml = match known {
            Some(index) if detail.is_none() => {
                // The reader locates a start tag only for an error; none is raised.
                let at = r.error_at(&child, DecodeErrorKind::Truncated);
                let xml = r.raw_element(&child)?;
                match read_typed::<F>(index, &xml, r.options()) {
                    Ok((value, found)) => {
                        *detail = Some(value);
                        diagnostics.extend(found.into_iter().map(|d| relocate(d, &at)));
                        continue;
                    }
                    Err(reason) => diagnostics.push(Diagnostic {
                        kind: DiagnosticKind::FaultDetailKeptRaw {
                            element: child.qname_display(),
                            reason,
                        },
                        path: crate::diag::Path::from(at.path.as_str()),
                        line: at.line,
                        column: at.column,
                    }),
                }
                xml
            }
            _ => r.raw_element(&child)?,
        };
        match raw {
            Some(AnyXml(kept)) => kept.push_str(&xml),
            None => *raw = Some(AnyXml(xml)),
        }
    }
    Ok(())
}

/// Reads detail element `index` from its raw XML, leniently (strict mode must not
/// turn a fault into a decode error). An element without children whose type
/// requires some is refused: it carries nothing the type could say.
fn read_typed<F: FaultDetail>(
    index: usize,
    xml: &str,
    opts: &DecodeOptions,
) -> Result<(F, Vec<Diagnostic>), String> {
    let lenient = DecodeOptions {
        strict: false,
        ..opts.clone()
    };
    let reason = |e: DecodeError| match e.path.is_empty() {
        true => e.kind.to_string(),
        false => format!("{} at {}", e.kind, e.path),
    };
    let mut r = Reader::new(xml.as_bytes(), &lenient).map_err(reason)?;
    let root = r.root().map_err(reason)?;
    let value = F::read_detail(index, &mut r, &root).map_err(reason)?;
    r.finish().map_err(reason)?;
    let diagnostics = r.into_diagnostics();
    let missing = diagnostics
        .iter()
        .any(|d| matches!(d.kind, DiagnosticKind::MissingRequired(_)));
    if missing && has_no_children(xml, &lenient) {
        return Err("the element is empty".into());
    }
    Ok((value, diagnostics))
}

fn has_no_children(xml: &str, opts: &DecodeOptions) -> bool {
    Reader::new(xml.as_bytes(), opts)
        .and_then(|mut r| {
            r.root()?;
            r.next_element()
        })
        .is_ok_and(|child| child.is_none())
}

/// A diagnostic of a detail read on its own, placed in the whole message: the
/// detail element starts at `at`.
fn relocate(d: Diagnostic, at: &DecodeError) -> Diagnostic {
    let parent = at.path.rsplit_once('/').map_or("", |(parent, _)| parent);
    Diagnostic {
        path: crate::diag::Path::from(format!("{parent}/{}", d.path).as_str()),
        line: at.line + d.line.saturating_sub(1),
        column: match d.line {
            1 => at.column + d.column.saturating_sub(1),
            _ => d.column,
        },
        kind: d.kind,
    }
}
