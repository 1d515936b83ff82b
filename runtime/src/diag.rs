//! Diagnostics: what the decoder tolerated in a received message.

use std::fmt;

/// Something a lenient decode accepted but the caller may want to know about.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What was tolerated.
    pub kind: DiagnosticKind,
    /// The element path (`Envelope/Body/getPaymentResponse/return/status[2]`).
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// What a [`Diagnostic`] is about.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// An element the schema does not know was skipped (`{namespace}local`).
    UnknownElement(String),
    /// A required element was absent; the field got its default.
    MissingRequired(String),
    /// A value violates a facet of its type; it was decoded as sent (strict decoding
    /// refuses it, except an unlisted enumeration value, which becomes `Unknown(..)`).
    Facet(crate::error::FacetError),
    /// `xsi:nil="true"` on an element that is not nillable; the element was ignored.
    UnexpectedNil,
    /// Non-whitespace text where only elements belong; ignored.
    UnexpectedText,
    /// A `faultcode` that is not a QName in scope (PHP writes `ns1:soap:Server`):
    /// the fault was kept, with the code read as `used`.
    MalformedFaultCode {
        /// The text as sent.
        found: String,
        /// The code the fault got.
        used: crate::value::QName,
    },
    /// A declared fault detail element that could not be read as its type
    /// (empty, or with content its type does not allow): the fault was kept, the
    /// element is in `raw_detail`.
    FaultDetailKeptRaw {
        /// The detail element, `{namespace}local`.
        element: String,
        /// Why it could not be read.
        reason: String,
    },
    /// More diagnostics than [`MAX_DIAGNOSTICS`](crate::xml::MAX_DIAGNOSTICS); the rest were dropped.
    Suppressed,
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiagnosticKind::UnknownElement(name) => write!(f, "unknown element {name} skipped"),
            DiagnosticKind::MissingRequired(name) => {
                write!(f, "required element '{name}' is missing; default used")
            }
            DiagnosticKind::Facet(e) => write!(f, "{e}"),
            DiagnosticKind::UnexpectedNil => {
                f.write_str("xsi:nil on an element that is not nillable; ignored")
            }
            DiagnosticKind::UnexpectedText => f.write_str("text between elements ignored"),
            DiagnosticKind::MalformedFaultCode { found, used } => {
                write!(f, "malformed faultcode '{found}' read as {used}")
            }
            DiagnosticKind::FaultDetailKeptRaw { element, reason } => {
                write!(f, "fault detail {element} kept raw: {reason}")
            }
            DiagnosticKind::Suppressed => f.write_str("further diagnostics suppressed"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {} (line {}, column {})",
            self.kind, self.path, self.line, self.column
        )
    }
}
