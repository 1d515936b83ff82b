//! Diagnostics: what the decoder tolerated in a received message.
//!
//! A diagnostic is a small record: the names and the element path it mentions
//! are shared ([`Name`], [`Path`]) with every other diagnostic of the same
//! message that mentions them, so what diagnostics keep grows with the input
//! they point into, never with their number times the length of a name.

use std::fmt;
use std::sync::Arc;

/// Something a lenient decode accepted but the caller may want to know about.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What was tolerated.
    pub kind: DiagnosticKind,
    /// The element path (`Envelope/Body/getPaymentResponse/return/status[2]`).
    pub path: Path,
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// What a [`Diagnostic`] is about.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// An element the schema does not know was skipped.
    UnknownElement(ElementName),
    /// A required element was absent; the field got its default.
    MissingRequired(Name),
    /// A value violates a facet of its type; it was decoded as sent (strict decoding
    /// refuses it, except an unlisted enumeration value, which becomes `Unknown(..)`).
    Facet(crate::error::FacetError),
    /// `xsi:nil="true"` on an element that is not nillable; the element was ignored.
    UnexpectedNil,
    /// Non-whitespace text where only elements belong; ignored.
    UnexpectedText,
    /// A second occurrence of a single-valued element or attribute (the path names
    /// it, the diagnostic's position is the second one). The first occurrence is
    /// kept and this one skipped; strict decoding refuses it.
    Duplicate {
        /// 1-based line of the first occurrence, the one kept.
        first_line: u32,
        /// 1-based column of the first occurrence.
        first_column: u32,
    },
    /// A value in the lexical space of its type that the Rust type cannot hold
    /// (a decimal with more than 28 significant digits, an integer out of range).
    /// With `rounded`, the nearest value it can hold was taken; otherwise the
    /// element was left out as if absent. Strict decoding refuses it.
    OutOfRange {
        /// Why the text does not fit.
        error: crate::error::ValueError,
        /// The nearest value was taken (false: the element was left out).
        rounded: bool,
    },
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
    /// An `xsi:type` naming neither the declared type of a polymorphic element
    /// nor a type derived from it (a newer peer's type, or a malformed QName,
    /// then with no namespace): the element was read as the declared type.
    /// Strict decoding refuses it.
    UnknownXsiType {
        /// The type the element names (`{namespace}local`).
        found: ElementName,
        /// The declared type it was read as.
        base: ElementName,
    },
    /// More diagnostics than [`MAX_DIAGNOSTICS`](crate::xml::MAX_DIAGNOSTICS) (or
    /// more than the size limit allows to keep); the rest were dropped.
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
            DiagnosticKind::Duplicate {
                first_line,
                first_column,
            } => write!(
                f,
                "duplicate of a single-valued item first seen at line {first_line}, column {first_column}; the first kept, this one skipped"
            ),
            DiagnosticKind::OutOfRange { error, rounded } => {
                if *rounded {
                    write!(f, "{error}; rounded to the nearest value")
                } else {
                    write!(f, "{error}; left out")
                }
            }
            DiagnosticKind::MalformedFaultCode { found, used } => {
                write!(f, "malformed faultcode '{found}' read as {used}")
            }
            DiagnosticKind::FaultDetailKeptRaw { element, reason } => {
                write!(f, "fault detail {element} kept raw: {reason}")
            }
            DiagnosticKind::UnknownXsiType { found, base } => write!(
                f,
                "xsi:type {found} is not {base} or a type derived from it; read as {base}"
            ),
            DiagnosticKind::Suppressed => f.write_str("further diagnostics suppressed"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.kind, self.path)?;
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

/// A name in a diagnostic: static (from the schema) or shared by every
/// diagnostic of a message that names the same text.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Name {
    /// A name from the schema (no allocation).
    pub const fn from_static(name: &'static str) -> Self {
        Self(Repr::Static(name))
    }

    /// A name kept from the input, shared with the clones of the result.
    pub fn shared(name: &str) -> Self {
        Self(Repr::Shared(Arc::from(name)))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<&'static str> for Name {
    fn from(name: &'static str) -> Self {
        Self::from_static(name)
    }
}

impl From<String> for Name {
    fn from(name: String) -> Self {
        Self(Repr::Shared(Arc::from(name)))
    }
}

/// An element name in a diagnostic: namespace (`None` = unqualified) and local name.
/// Shown as `{namespace}local`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ElementName {
    /// The namespace URI.
    pub namespace: Option<Name>,
    /// The local name.
    pub local: Name,
}

impl fmt::Display for ElementName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

/// Parses the form [`Display`](fmt::Display) shows: `{namespace}local` or `local`.
impl From<&'static str> for ElementName {
    fn from(text: &'static str) -> Self {
        let split = text.strip_prefix('{').and_then(|rest| rest.split_once('}'));
        match split {
            Some((ns, local)) => Self {
                namespace: Some(Name::from_static(ns)),
                local: Name::from_static(local),
            },
            None => Self {
                namespace: None,
                local: Name::from_static(text),
            },
        }
    }
}

/// The element path of a diagnostic (`Envelope/Body/op/return[2]/id`, attributes as
/// `@name`), shared by the diagnostics inside the same element.
#[derive(Clone, Default)]
pub struct Path {
    node: Option<Arc<PathNode>>,
    leaf: Option<Leaf>,
}

/// One element of a [`Path`], shared with the paths of everything inside it.
#[derive(Debug)]
pub(crate) struct PathNode {
    pub(crate) parent: Option<Arc<PathNode>>,
    pub(crate) name: Name,
    /// 1-based index shown in the path (0: not shown).
    pub(crate) index: u32,
}

#[derive(Debug, Clone)]
enum Leaf {
    Child(Name),
    Attribute(Name),
}

/// One step of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'p> {
    /// The element (or attribute) name.
    pub name: &'p str,
    /// The 1-based index among same-name siblings, when the path shows it.
    pub index: Option<u32>,
    /// The step is an attribute (`@name`).
    pub attribute: bool,
}

impl Path {
    pub(crate) fn new(node: Option<Arc<PathNode>>) -> Self {
        Self { node, leaf: None }
    }

    /// This path extended by the child element `name` (no index).
    pub(crate) fn child(mut self, name: Name) -> Self {
        self.leaf = Some(Leaf::Child(name));
        self
    }

    /// This path extended by the attribute `name`.
    pub(crate) fn attribute(mut self, name: Name) -> Self {
        self.leaf = Some(Leaf::Attribute(name));
        self
    }

    /// The steps from the document root on.
    pub fn segments(&self) -> Vec<Segment<'_>> {
        let mut out = Vec::new();
        let mut node = self.node.as_deref();
        while let Some(n) = node {
            out.push(Segment {
                name: n.name.as_str(),
                index: (n.index > 0).then_some(n.index),
                attribute: false,
            });
            node = n.parent.as_deref();
        }
        out.reverse();
        match &self.leaf {
            Some(Leaf::Child(name)) => out.push(Segment {
                name: name.as_str(),
                index: None,
                attribute: false,
            }),
            Some(Leaf::Attribute(name)) => out.push(Segment {
                name: name.as_str(),
                index: None,
                attribute: true,
            }),
            None => {}
        }
        out
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.segments().iter().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            if s.attribute {
                f.write_str("@")?;
            }
            f.write_str(s.name)?;
            if let Some(index) = s.index {
                write!(f, "[{index}]")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl PartialEq for Path {
    fn eq(&self, other: &Self) -> bool {
        self.segments() == other.segments()
    }
}

/// Compares what is written with a text, piece by piece.
struct SameAs<'t>(&'t str);

impl fmt::Write for SameAs<'_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        self.0 = self.0.strip_prefix(piece).ok_or(fmt::Error)?;
        Ok(())
    }
}

impl PartialEq<str> for Path {
    fn eq(&self, other: &str) -> bool {
        let mut same = SameAs(other);
        fmt::write(&mut same, format_args!("{self}")).is_ok() && same.0.is_empty()
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// Parses the form [`Display`](fmt::Display) shows (`a/b[2]/@c`), for diagnostics
/// made outside the decoder.
impl From<&str> for Path {
    fn from(text: &str) -> Self {
        let mut node = None;
        let mut leaf = None;
        for step in text.split('/').filter(|s| !s.is_empty()) {
            if let Some(attribute) = step.strip_prefix('@') {
                leaf = Some(Leaf::Attribute(Name::shared(attribute)));
                continue;
            }
            let (name, index) = step
                .strip_suffix(']')
                .and_then(|rest| rest.split_once('['))
                .and_then(|(name, n)| Some((name, n.parse::<u32>().ok()?)))
                .unwrap_or((step, 0));
            node = Some(Arc::new(PathNode {
                parent: node,
                name: Name::shared(name),
                index,
            }));
        }
        Self { node, leaf }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_show_alike() {
        for text in ["Envelope/Body/op/return[2]/id", "a/@b", "a[1]", ""] {
            assert_eq!(Path::from(text).to_string(), text);
        }
        let p = Path::from("a/b[3]").child(Name::from_static("c"));
        assert_eq!(p, "a/b[3]/c");
        assert_eq!(
            p.segments()[1],
            Segment {
                name: "b",
                index: Some(3),
                attribute: false
            }
        );
    }

    #[test]
    fn element_names_show_in_clark_notation() {
        let n = ElementName::from("{urn:x}extra");
        assert_eq!(n.namespace.as_deref(), Some("urn:x"));
        assert_eq!(n.to_string(), "{urn:x}extra");
        assert_eq!(ElementName::from("x").to_string(), "x");
    }
}
