//! The XML layer: a streaming namespace-aware [`Reader`] over `xmlparser`
//! tokens, a [`Writer`] into one output buffer, and the traits generated types
//! implement ([`XmlType`]) or use to dispatch on field shapes ([`FieldValue`],
//! [`FieldSlot`]).

pub(crate) mod escape;
mod field;
mod reader;
mod scan;
mod writer;

pub use field::{kind, FieldItem, FieldSlot, FieldValue};
pub use reader::{Reader, Start, XsiType, MAX_DIAGNOSTICS};
pub use writer::Writer;

/// Appends `text` with the XML special characters escaped.
pub(crate) fn escape_text(out: &mut String, text: &str) {
    escape::escape_into(out, text, false);
}

pub use crate::envelope::Operation;

use crate::diag::Diagnostic;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::value::{AnyXml, SimpleType};

/// The namespace of `xsi:nil` and friends.
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The namespace of the `xml:` prefix (`xml:lang`, `xml:space`), bound without a declaration.
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// An element name as the schema declares it: namespace (`None` = unqualified) and local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldName {
    /// The namespace; `None` for an unqualified local element.
    pub ns: Option<&'static str>,
    /// The local name.
    pub name: &'static str,
}

impl FieldName {
    /// A name in `ns` (`None` = unqualified).
    pub const fn new(ns: Option<&'static str>, name: &'static str) -> Self {
        Self { ns, name }
    }
    /// A namespace-qualified name.
    pub const fn qualified(ns: &'static str, name: &'static str) -> Self {
        Self { ns: Some(ns), name }
    }
    /// An unqualified name.
    pub const fn unqualified(name: &'static str) -> Self {
        Self { ns: None, name }
    }
}

/// The namespaces an `xs:any` wildcard admits (its `namespace=` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wildcard {
    /// `##any`: every element.
    Any,
    /// `##other`: qualified elements outside the given target namespace.
    Other(Option<&'static str>),
    /// An explicit list (`##targetNamespace` and URIs); `None` stands for `##local`.
    Only(&'static [Option<&'static str>]),
}

impl Wildcard {
    /// Whether an element in namespace `ns` (`None` = unqualified) matches.
    pub fn admits(&self, ns: Option<&str>) -> bool {
        match self {
            Wildcard::Any => true,
            Wildcard::Other(target) => ns.is_some() && ns != *target,
            Wildcard::Only(list) => list.contains(&ns),
        }
    }
}

impl std::fmt::Display for FieldName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ns {
            Some(ns) => write!(f, "{{{ns}}}{}", self.name),
            None => f.write_str(self.name),
        }
    }
}

/// Limits and leniency of decoding. `Default` is lenient with sane limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Strict: a missing required element or a facet violation is an error
    /// instead of a diagnostic (lenient decoding takes the value as sent and
    /// records the violation). Enum values the schema does not list are
    /// diagnostics in both modes (they decode into `Unknown(..)`).
    pub strict: bool,
    /// The largest accepted message, in bytes (default 16 MiB).
    pub max_size: usize,
    /// The deepest accepted element nesting (default 64).
    pub max_depth: usize,
    /// The most elements accepted in one message (default 1,000,000).
    pub max_elements: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            strict: false,
            max_size: 16 * 1024 * 1024,
            max_depth: 64,
            max_elements: 1_000_000,
        }
    }
}

impl DecodeOptions {
    /// The defaults with `strict` on.
    pub fn strict() -> Self {
        Self {
            strict: true,
            ..Self::default()
        }
    }
}

/// A decoded value and what the decoder tolerated on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    /// The value.
    pub value: T,
    /// What was tolerated (unknown elements, missing required ones, unlisted enumeration values...).
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Decoded<T> {
    /// Applies `f` to the value, keeping the diagnostics.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Decoded<U> {
        Decoded {
            value: f(self.value),
            diagnostics: self.diagnostics,
        }
    }
}

/// Element content of a type: complex types implement it (generated); every
/// [`SimpleType`] has it through a blanket impl (text content).
pub trait XmlType: Sized {
    /// Writes the attributes into the open start tag.
    fn write_attributes(&self, w: &mut Writer) -> Result<(), EncodeError> {
        let _ = w;
        Ok(())
    }
    /// Writes the content (child elements or text).
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError>;
    /// Reads the element whose start tag is `start`, through its end tag.
    fn read(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Self, DecodeError>;
    /// Reads the element as the value of a field: `None` when lenient decoding
    /// leaves it out (a simple value its Rust type cannot hold, recorded as
    /// [`OutOfRange`](crate::diag::DiagnosticKind::OutOfRange)). Defaults to [`read`](Self::read).
    fn read_field(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Option<Self>, DecodeError> {
        Self::read(r, start).map(Some)
    }
    /// Writes the whole element `name` (`index`: 1-based position in a list, 0
    /// otherwise). Only types that carry their own element name ([`AnyXml`]) override it.
    fn write_element(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
        index: usize,
    ) -> Result<(), EncodeError> {
        w.element(ns, name, index, self)
    }
}

impl XmlType for AnyXml {
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.raw(&self.0);
        Ok(())
    }
    fn read(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Self, DecodeError> {
        r.raw_element(start).map(AnyXml)
    }
    fn write_element(
        &self,
        w: &mut Writer,
        _ns: Option<&'static str>,
        _name: &'static str,
        _index: usize,
    ) -> Result<(), EncodeError> {
        w.raw(&self.0);
        Ok(())
    }
}

/// An element without content: the value of a message with zero parts
/// (children are skipped and recorded as unknown).
impl XmlType for () {
    fn write_content(&self, _w: &mut Writer) -> Result<(), EncodeError> {
        Ok(())
    }
    fn read(r: &mut Reader<'_>, _start: &Start<'_>) -> Result<Self, DecodeError> {
        while let Some(child) = r.next_element()? {
            r.unknown_element(&child);
            r.skip(&child)?;
        }
        Ok(())
    }
}

impl<T: SimpleType> XmlType for T {
    fn write_attributes(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.declare_value_namespace(self);
        Ok(())
    }
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.text(self)
    }
    fn read(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Self, DecodeError> {
        r.text(start)
    }
    fn read_field(r: &mut Reader<'_>, _start: &Start<'_>) -> Result<Option<Self>, DecodeError> {
        r.text_field()
    }
}

/// Decodes a standalone document whose root is `name` in `ns` (`None` = no namespace).
pub fn decode_document<T: XmlType>(
    xml: &[u8],
    ns: Option<&str>,
    name: &str,
    opts: &DecodeOptions,
) -> Result<Decoded<T>, DecodeError> {
    let mut r = Reader::new(xml, opts)?;
    let root = r.root()?;
    if !root.is(ns, name) {
        let expected = match ns {
            Some(ns) => format!("{{{ns}}}{name}"),
            None => name.to_owned(),
        };
        let found = root.qname_display();
        return Err(r.error_at(&root, DecodeErrorKind::WrongOperation { expected, found }));
    }
    let value = T::read(&mut r, &root)?;
    r.finish()?;
    Ok(Decoded {
        value,
        diagnostics: r.into_diagnostics(),
    })
}

/// Encodes a standalone document with root `name` in `ns` (`None` = no namespace).
pub fn encode_document<T: XmlType>(
    value: &T,
    ns: Option<&'static str>,
    name: &'static str,
) -> Result<String, EncodeError> {
    let mut w = Writer::new(String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    w.field(ns, name, value)?;
    Ok(w.into_string())
}
