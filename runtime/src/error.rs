//! The error types of the runtime's XML layer: decoding, encoding, values and facets.

use std::fmt;

/// A received document could not be decoded.
///
/// Says what went wrong ([`DecodeErrorKind`]), at which element
/// (`Envelope/Body/getPaymentResponse/return/paymentDiffs[2]/created`,
/// 1-based indexes on repeated elements) and where in the input (line:column,
/// both 1-based; 0:0 when the input was refused before parsing).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{kind}{}", self.location())]
pub struct DecodeError {
    /// What went wrong.
    pub kind: DecodeErrorKind,
    /// The element path, `/`-separated, from the document root.
    pub path: String,
    /// 1-based line of the offending token.
    pub line: u32,
    /// 1-based column (in characters) of the offending token.
    pub column: u32,
}

impl DecodeError {
    /// ` at <path> (line L, column C)`, leaving out what is unknown.
    fn location(&self) -> String {
        let mut at = String::new();
        if !self.path.is_empty() {
            at.push_str(" at ");
            at.push_str(&self.path);
        }
        if self.line > 0 {
            at.push_str(&format!(" (line {}, column {})", self.line, self.column));
        }
        at
    }
}

impl From<Box<DecodeError>> for DecodeError {
    fn from(boxed: Box<DecodeError>) -> Self {
        *boxed
    }
}

/// What a [`DecodeError`] is about.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input is not UTF-8.
    #[error("the input is not valid UTF-8")]
    InvalidUtf8,
    /// The input is not well-formed XML.
    #[error("malformed XML: {0}")]
    Syntax(String),
    /// The input ended inside the document.
    #[error("the document is truncated")]
    Truncated,
    /// The document has a DTD (SOAP 1.1 forbids it; refusing it rules out entity expansion).
    #[error("a DTD (<!DOCTYPE>) is not allowed in SOAP messages")]
    DtdForbidden,
    /// A reference to an entity other than the five predefined ones.
    #[error("unknown entity reference &{0};")]
    UnknownEntity(String),
    /// The input is larger than [`DecodeOptions::max_size`](crate::xml::DecodeOptions::max_size).
    #[error("the message has {size} bytes, more than the limit of {limit}")]
    SizeLimit {
        /// The limit.
        limit: usize,
        /// The size of the input.
        size: usize,
    },
    /// The raw XML the decoder would keep (unknown fault detail, `anyType` content,
    /// with the namespace declarations it needs) exceeds
    /// [`DecodeOptions::max_size`](crate::xml::DecodeOptions::max_size).
    #[error("the message makes the decoder keep more than the limit of {limit} bytes of raw XML")]
    RetainedLimit {
        /// The limit.
        limit: usize,
    },
    /// Elements nest deeper than [`DecodeOptions::max_depth`](crate::xml::DecodeOptions::max_depth).
    #[error("elements nest deeper than the limit of {limit}")]
    DepthLimit {
        /// The limit.
        limit: usize,
    },
    /// More elements than [`DecodeOptions::max_elements`](crate::xml::DecodeOptions::max_elements).
    #[error("the message has more than the limit of {limit} elements")]
    ElementLimit {
        /// The limit.
        limit: usize,
    },
    /// A namespace prefix with no `xmlns:prefix` declaration in scope.
    #[error("namespace prefix '{0}' is not declared")]
    UndeclaredPrefix(String),
    /// An end tag that does not close the open element.
    #[error("end tag </{found}> does not match <{expected}>")]
    MismatchedEndTag {
        /// The open element.
        expected: String,
        /// The end tag found.
        found: String,
    },
    /// The root is an `Envelope`, but of no SOAP version.
    #[error("envelope namespace is '{found}', which is neither SOAP 1.1 (http://schemas.xmlsoap.org/soap/envelope/) nor SOAP 1.2 (http://www.w3.org/2003/05/soap-envelope)")]
    WrongEnvelopeNamespace {
        /// The namespace found (empty when none).
        found: String,
    },
    /// The envelope is of another SOAP version than the operation's.
    #[error("a SOAP {} envelope, but the operation uses SOAP {}", found.number(), expected.number())]
    VersionMismatch {
        /// The operation's version.
        expected: crate::envelope::SoapVersion,
        /// The envelope's version.
        found: crate::envelope::SoapVersion,
    },
    /// The root element is not a SOAP envelope at all.
    #[error("expected a SOAP Envelope, found {found}")]
    NotAnEnvelope {
        /// The root element found.
        found: String,
    },
    /// The envelope has no `Body`.
    #[error("the envelope has no Body")]
    MissingBody,
    /// The body holds another element than the one the operation expects.
    #[error("expected {expected}, found {found}")]
    WrongOperation {
        /// The element the operation expects (`{namespace}local`).
        expected: String,
        /// What the body holds (`{namespace}local`, or `nothing`).
        found: String,
    },
    /// A required element is absent (strict mode only; otherwise a diagnostic).
    #[error("required element '{0}' is missing")]
    MissingRequired(String),
    /// A second occurrence of a single-valued element or attribute (strict mode
    /// only; otherwise a diagnostic). The error's position is the second one.
    #[error(
        "duplicate of a single-valued item first seen at line {first_line}, column {first_column}"
    )]
    Duplicate {
        /// 1-based line of the first occurrence.
        first_line: u32,
        /// 1-based column of the first occurrence.
        first_column: u32,
    },
    /// An element where text was expected.
    #[error("unexpected element {found}")]
    UnexpectedElement {
        /// The element found (`{namespace}local`).
        found: String,
    },
    /// A value that is not in the type's lexical space.
    #[error(transparent)]
    InvalidValue(#[from] ValueError),
    /// A value outside the type's facets (strict mode only; otherwise a diagnostic).
    #[error(transparent)]
    Facet(#[from] FacetError),
    /// An `xsi:type` naming neither the declared type nor a type derived from it
    /// (strict mode only; otherwise a diagnostic and the declared type is read).
    #[error("xsi:type {found} is not {base} or a type derived from it")]
    UnknownXsiType {
        /// The type named (`{namespace}local`).
        found: String,
        /// The declared type (`{namespace}local`).
        base: String,
    },
    /// An element of an abstract type without an `xsi:type` naming a type derived
    /// from it (in every mode: there is no value to read it as).
    #[error("element of abstract type {base} {}", match found {
        Some(found) => format!("names xsi:type {found}, which is not derived from it"),
        None => "has no xsi:type naming a type derived from it".to_owned(),
    })]
    AbstractType {
        /// The abstract declared type (`{namespace}local`).
        base: String,
        /// The `xsi:type` given, if any (`{namespace}local`).
        found: Option<String>,
    },
}

/// A value could not be encoded: a facet or a value problem, with the element path
/// (`finalizePayment/partPaymentSpec/specLines[2]/vatPct`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct EncodeError {
    /// The element path from the encoded root (attributes as `@name`).
    pub path: String,
    /// What went wrong.
    pub kind: EncodeErrorKind,
}

/// What an [`EncodeError`] is about.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// The value violates a facet of its type (this includes enum `Unknown(..)` values).
    #[error(transparent)]
    Facet(#[from] FacetError),
    /// The value has no lexical form.
    #[error(transparent)]
    Value(#[from] ValueError),
}

/// A text is not in the lexical space of an XSD type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a valid {type_name}{}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
pub struct ValueError {
    /// The XSD type name (`decimal`, `dateTime`...).
    pub type_name: &'static str,
    /// The offending text (cut to 64 characters).
    pub text: String,
    /// Why, when more can be said than the type.
    pub reason: Option<String>,
    /// The text is in the type's lexical space, but the Rust type cannot hold it.
    range: bool,
}

impl ValueError {
    /// A `text` that is not a valid `type_name`.
    pub fn new(type_name: &'static str, text: &str) -> Self {
        Self {
            type_name,
            text: clip(text),
            reason: None,
            range: false,
        }
    }

    /// The same error for a text in the lexical space that the Rust type cannot
    /// hold (a decimal with more than 28 significant digits, an integer overflow).
    pub fn out_of_range(mut self) -> Self {
        self.range = true;
        self
    }

    /// True for a text in the lexical space that the Rust type cannot hold: lenient
    /// decoding takes the nearest value ([`SimpleType::parse_nearest`](crate::rt::SimpleType::parse_nearest))
    /// or leaves the element out, with a diagnostic.
    pub fn is_out_of_range(&self) -> bool {
        self.range
    }

    /// The same error with a reason.
    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

/// A value violates a facet of its XSD type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct FacetError {
    /// The offending value, as text (cut to 64 characters).
    pub value: String,
    /// The violated facet.
    pub facet: FacetKind,
}

/// The facet a [`FacetError`] names, with its bound.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FacetKind {
    /// `length` (characters; octets for binary types; items for lists).
    Length(usize),
    /// `minLength`.
    MinLength(usize),
    /// `maxLength`.
    MaxLength(usize),
    /// `pattern` (the XSD regex).
    Pattern(&'static str),
    /// A `pattern` that cannot be compiled (a schema problem, reported instead of panicking).
    BadPattern {
        /// The XSD regex.
        pattern: &'static str,
        /// Why it does not compile.
        reason: String,
    },
    /// `minInclusive`.
    MinInclusive(&'static str),
    /// `maxInclusive`.
    MaxInclusive(&'static str),
    /// `minExclusive`.
    MinExclusive(&'static str),
    /// `maxExclusive`.
    MaxExclusive(&'static str),
    /// `totalDigits`.
    TotalDigits(u32),
    /// `fractionDigits`.
    FractionDigits(u32),
    /// `enumeration`: the value is not listed (an enum's `Unknown(..)`).
    Enumeration(&'static [&'static str]),
    /// A bound of the schema that is not a number (a schema problem).
    BadBound(&'static str),
    /// `whiteSpace`: a value to send that the facet would change (tabs or
    /// newlines for `replace`; also leading, trailing or repeated spaces
    /// for `collapse`).
    WhiteSpace(crate::facets::WhiteSpace),
}

impl FacetError {
    /// A `value` that violates `facet`.
    pub fn new(value: &str, facet: FacetKind) -> Self {
        Self {
            value: clip(value),
            facet,
        }
    }

    /// An enumeration value the schema does not list (generated enums' `Unknown(..)`).
    pub fn enumeration(value: &str, values: &'static [&'static str]) -> Self {
        Self::new(value, FacetKind::Enumeration(values))
    }

    /// True for an unlisted enumeration value (kept as a diagnostic even in strict decoding).
    pub fn is_enumeration(&self) -> bool {
        matches!(self.facet, FacetKind::Enumeration(_))
    }

    fn describe(&self) -> String {
        let v = &self.value;
        match &self.facet {
            FacetKind::Length(n) => format!("'{v}' does not have length {n}"),
            FacetKind::MinLength(n) => format!("'{v}' is shorter than minLength {n}"),
            FacetKind::MaxLength(n) => format!("'{v}' is longer than maxLength {n}"),
            FacetKind::Pattern(p) => format!("'{v}' does not match pattern '{p}'"),
            FacetKind::BadPattern { pattern, reason } => {
                format!("pattern '{pattern}' cannot be compiled: {reason}")
            }
            FacetKind::MinInclusive(b) => format!("{v} is below minInclusive {b}"),
            FacetKind::MaxInclusive(b) => format!("{v} is above maxInclusive {b}"),
            FacetKind::MinExclusive(b) => format!("{v} is not above minExclusive {b}"),
            FacetKind::MaxExclusive(b) => format!("{v} is not below maxExclusive {b}"),
            FacetKind::TotalDigits(n) => format!("{v} has more than totalDigits {n}"),
            FacetKind::FractionDigits(n) => format!("{v} has more than fractionDigits {n}"),
            FacetKind::Enumeration(values) => {
                format!(
                    "'{v}' is not one of the listed values ({})",
                    values.join(", ")
                )
            }
            FacetKind::BadBound(b) => format!("facet bound '{b}' is not a number"),
            FacetKind::WhiteSpace(ws) => {
                format!("'{v}' is not normal under whiteSpace {}", ws.as_str())
            }
        }
    }
}

impl fmt::Display for FacetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            FacetKind::Length(_) => "length",
            FacetKind::MinLength(_) => "minLength",
            FacetKind::MaxLength(_) => "maxLength",
            FacetKind::Pattern(_) | FacetKind::BadPattern { .. } => "pattern",
            FacetKind::MinInclusive(_) => "minInclusive",
            FacetKind::MaxInclusive(_) => "maxInclusive",
            FacetKind::MinExclusive(_) => "minExclusive",
            FacetKind::MaxExclusive(_) => "maxExclusive",
            FacetKind::TotalDigits(_) => "totalDigits",
            FacetKind::FractionDigits(_) => "fractionDigits",
            FacetKind::Enumeration(_) => "enumeration",
            FacetKind::BadBound(_) => "bound",
            FacetKind::WhiteSpace(_) => "whiteSpace",
        };
        f.write_str(name)
    }
}

/// At most 64 characters of `text`, for error messages.
fn clip(text: &str) -> String {
    match text.char_indices().nth(64) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}
