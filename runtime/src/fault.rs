//! SOAP 1.1 faults with the operation's typed detail.

use std::fmt;

use crate::diag::{Diagnostic, DiagnosticKind};
use crate::error::{DecodeError, DecodeErrorKind, EncodeError, ValueError};
use crate::value::{AnyXml, Namespaces, QName, SimpleType};
use crate::xml::{DecodeOptions, FieldName, Reader, Start, Writer};

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

static FAULT_FIELDS: [FieldName; 4] = [
    FieldName::unqualified("faultcode"),
    FieldName::unqualified("faultstring"),
    FieldName::unqualified("faultactor"),
    FieldName::unqualified("detail"),
];

/// Reads a SOAP 1.1 `Fault` element. A fault is kept whatever the decode options
/// and whatever the stack bent (a malformed `faultcode`, a missing
/// `faultstring`, a detail element its type cannot read): what was bent becomes
/// a diagnostic. Only a document that is not well-formed XML (or exceeds a
/// limit) is an error. Returns the diagnostics of the typed detail, which is
/// read on its own.
pub(crate) fn read_fault<F: FaultDetail>(
    r: &mut Reader<'_>,
    start: &Start<'_>,
) -> Result<(Fault<F>, Vec<Diagnostic>), DecodeError> {
    let _ = start;
    let mut code: Option<FaultCode> = None;
    let mut string: Option<String> = None;
    let mut actor: Option<String> = None;
    let mut detail = None;
    let mut raw_detail: Option<AnyXml> = None;
    let mut diagnostics = Vec::new();
    while let Some((index, child)) = r.next_field(&FAULT_FIELDS)? {
        match index {
            0 => r.read_into(&mut code, &child)?,
            1 => r.read_into(&mut string, &child)?,
            2 => r.read_into(&mut actor, &child)?,
            _ => read_detail(r, &mut detail, &mut raw_detail, &mut diagnostics)?,
        }
    }
    let code = match code {
        Some(FaultCode { code, found: None }) => code,
        Some(FaultCode {
            code,
            found: Some(found),
        }) => {
            r.diagnostic(DiagnosticKind::MalformedFaultCode {
                found,
                used: code.clone(),
            });
            code
        }
        None => {
            r.diagnostic(DiagnosticKind::MissingRequired("faultcode".into()));
            QName::default()
        }
    };
    let string = string.unwrap_or_else(|| {
        r.diagnostic(DiagnosticKind::MissingRequired("faultstring".into()));
        String::new()
    });
    let fault = Fault {
        code,
        string,
        actor,
        detail,
        raw_detail,
    };
    Ok((fault, diagnostics))
}

/// A `faultcode` as sent: a QName in scope, or (`found`) text that is not one,
/// read as its last `:`-separated part. A standard SOAP 1.1 code
/// (`Server`, `Client.Auth`...) gets the envelope namespace, anything else
/// the namespace of the prefix just before it, if declared.
struct FaultCode {
    code: QName,
    found: Option<String>,
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
        let standard = ["Server", "Client", "VersionMismatch", "MustUnderstand"];
        let namespace = if standard.contains(&local.split('.').next().unwrap_or_default()) {
            Some(SOAP11_NAMESPACE)
        } else {
            let prefix = prefixes.rsplit(':').next().unwrap_or_default();
            scope.resolve(prefix).filter(|ns| !ns.is_empty())
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

/// Reads the children of `detail`: the first declared fault element into
/// `detail` (when its type can read it), everything else into `raw`.
fn read_detail<F: FaultDetail>(
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
