//! The writer: one output `String`, namespace prefixes declared where first
//! needed, facets checked on every value, the element path kept for errors.

use super::escape::{escape_into, escape_tail};
use super::{FieldName, FieldValue, XmlType, XML_NAMESPACE, XSI_NAMESPACE};
use crate::error::{EncodeError, EncodeErrorKind};
use crate::value::{QName, SimpleType};

struct Binding {
    uri: &'static str,
    prefix: String,
}

/// Writes generated types as XML into one output buffer.
pub struct Writer {
    out: String,
    ns: Vec<Binding>,
    /// Element names and their 1-based list index (0: not in a list).
    path: Vec<(&'static str, usize)>,
    /// `ns.len()` at each open element.
    marks: Vec<usize>,
    declared: usize,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("len", &self.out.len())
            .field("path", &self.path_string())
            .finish()
    }
}

impl Writer {
    /// A writer appending to `out`.
    pub fn new(out: String) -> Self {
        Self {
            out,
            // `xml` is bound by definition and never declared (`xml:lang="en"`).
            ns: vec![Binding {
                uri: XML_NAMESPACE,
                prefix: "xml".to_owned(),
            }],
            path: Vec::new(),
            marks: Vec::new(),
            declared: 0,
        }
    }

    /// The output.
    pub fn into_string(self) -> String {
        self.out
    }

    /// Writes the child element `name` (in `ns`; `None` = unqualified) for a field
    /// of any shape: `T`, `Option<T>`, `Vec<T>`, `Nillable<T>`, `Option<Nillable<T>>`,
    /// `Vec<Nillable<T>>`, `Box<T>`, `Option<Box<T>>`.
    pub fn field<K, V: FieldValue<K> + ?Sized>(
        &mut self,
        ns: Option<&'static str>,
        name: &'static str,
        v: &V,
    ) -> Result<(), EncodeError> {
        v.write_field(self, ns, name)
    }

    /// Writes an attribute into the open start tag (facets checked).
    pub fn attribute<T: SimpleType>(
        &mut self,
        ns: Option<&'static str>,
        name: &'static str,
        v: &T,
    ) -> Result<(), EncodeError> {
        v.check_facets()
            .map_err(|e| self.attr_error(name, e.into()))?;
        if let Some(uri) = v.prefixed_namespace() {
            self.declare_inline(QName::VALUE_PREFIX, uri);
        }
        let prefix = ns.map(|uri| self.prefix_or_declare_inline(uri));
        self.out.push(' ');
        if let Some(prefix) = prefix {
            self.out.push_str(&self.ns[prefix].prefix);
            self.out.push(':');
        }
        self.out.push_str(name);
        self.out.push_str("=\"");
        let from = self.out.len();
        v.write_text(&mut self.out)
            .map_err(|e| self.attr_error(name, e.into()))?;
        escape_tail(&mut self.out, from, true);
        self.out.push('"');
        Ok(())
    }

    /// Writes `xsi:type` naming the schema type `ty` into the open start tag,
    /// declaring the prefixes it needs there unless they are in scope.
    pub fn xsi_type(&mut self, ty: FieldName) {
        let xsi = self.prefix_or_declare_inline(XSI_NAMESPACE);
        let prefix = ty.ns.map(|uri| self.prefix_or_declare_inline(uri));
        self.out.push(' ');
        self.out.push_str(&self.ns[xsi].prefix);
        self.out.push_str(":type=\"");
        if let Some(prefix) = prefix {
            self.out.push_str(&self.ns[prefix].prefix);
            self.out.push(':');
        }
        self.out.push_str(ty.name);
        self.out.push('"');
    }

    /// Writes an optional attribute (nothing when `None`).
    pub fn opt_attribute<T: SimpleType>(
        &mut self,
        ns: Option<&'static str>,
        name: &'static str,
        v: &Option<T>,
    ) -> Result<(), EncodeError> {
        match v {
            Some(v) => self.attribute(ns, name, v),
            None => Ok(()),
        }
    }

    /// Writes a value as the text content of the current element (facets checked).
    pub fn text<T: SimpleType>(&mut self, v: &T) -> Result<(), EncodeError> {
        v.check_facets().map_err(|e| self.error(e.into()))?;
        let from = self.out.len();
        v.write_text(&mut self.out)
            .map_err(|e| self.error(e.into()))?;
        escape_tail(&mut self.out, from, false);
        Ok(())
    }

    /// Appends raw XML (already well-formed; used for [`AnyXml`](crate::value::AnyXml)).
    pub fn raw(&mut self, xml: &str) {
        self.out.push_str(xml);
    }

    /// The writer's state, to [`rewind`](Self::rewind) to after a failed write.
    pub(crate) fn mark(&self) -> [usize; 4] {
        [
            self.out.len(),
            self.ns.len(),
            self.path.len(),
            self.marks.len(),
        ]
    }

    /// Takes back everything written since `mark`.
    pub(crate) fn rewind(&mut self, mark: [usize; 4]) {
        let [out, ns, path, marks] = mark;
        self.out.truncate(out);
        self.ns.truncate(ns);
        self.path.truncate(path);
        self.marks.truncate(marks);
    }

    /// Declares `uri` with `prefix` for the rest of the document (the caller wrote the `xmlns`).
    pub(crate) fn bind(&mut self, uri: &'static str, prefix: &str) {
        self.ns.push(Binding {
            uri,
            prefix: prefix.to_owned(),
        });
    }

    /// Declares the namespace a `QName` value's prefix refers to, on the open start tag.
    pub(crate) fn declare_value_namespace<T: SimpleType>(&mut self, v: &T) {
        if let Some(uri) = v.prefixed_namespace() {
            self.declare_inline(QName::VALUE_PREFIX, uri);
        }
    }

    /// Writes one element: `index` is its 1-based position in a list (0: not in one).
    pub(crate) fn element<T: XmlType>(
        &mut self,
        ns: Option<&'static str>,
        name: &'static str,
        index: usize,
        v: &T,
    ) -> Result<(), EncodeError> {
        self.element_with(
            ns,
            name,
            index,
            |w| v.write_attributes(w),
            |w| v.write_content(w),
        )
    }

    /// Writes one element whose attributes and content the closures write.
    pub(crate) fn element_with(
        &mut self,
        ns: Option<&'static str>,
        name: &'static str,
        index: usize,
        attributes: impl FnOnce(&mut Self) -> Result<(), EncodeError>,
        content: impl FnOnce(&mut Self) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        self.open(ns, name, index);
        attributes(self)?;
        self.out.push('>');
        let start = self.out.len();
        content(self)?;
        self.close(ns, name, start);
        Ok(())
    }

    /// Writes `<name xsi:nil="true"/>`.
    pub(crate) fn nil(&mut self, ns: Option<&'static str>, name: &'static str, index: usize) {
        self.open(ns, name, index);
        let xsi = self.prefix_or_declare_inline(XSI_NAMESPACE);
        self.out.push(' ');
        self.out.push_str(&self.ns[xsi].prefix);
        self.out.push_str(":nil=\"true\"/>");
        self.end_scope();
    }

    fn open(&mut self, ns: Option<&'static str>, name: &'static str, index: usize) {
        self.path.push((name, index));
        let mark = self.ns.len();
        self.out.push('<');
        if let Some(uri) = ns {
            match self.find_prefix(uri) {
                Some(i) => {
                    self.out.push_str(&self.ns[i].prefix);
                    self.out.push(':');
                    self.out.push_str(name);
                }
                None => {
                    self.declared += 1;
                    let prefix = format!("ns{}", self.declared);
                    self.out.push_str(&prefix);
                    self.out.push(':');
                    self.out.push_str(name);
                    self.out.push_str(" xmlns:");
                    self.out.push_str(&prefix);
                    self.out.push_str("=\"");
                    escape_into(&mut self.out, uri, true);
                    self.out.push('"');
                    self.ns.push(Binding { uri, prefix });
                }
            }
        } else {
            self.out.push_str(name);
        }
        self.marks_push(mark);
    }

    fn close(&mut self, ns: Option<&'static str>, name: &'static str, content: usize) {
        if self.out.len() == content {
            self.out.pop();
            self.out.push_str("/>");
        } else {
            self.out.push_str("</");
            if let Some(i) = ns.and_then(|uri| self.find_prefix(uri)) {
                self.out.push_str(&self.ns[i].prefix);
                self.out.push(':');
            }
            self.out.push_str(name);
            self.out.push('>');
        }
        self.end_scope();
    }

    fn marks_push(&mut self, mark: usize) {
        self.marks.push(mark);
    }

    fn end_scope(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.ns.truncate(mark);
        }
        self.path.pop();
    }

    fn find_prefix(&self, uri: &str) -> Option<usize> {
        self.ns.iter().rposition(|b| b.uri == uri)
    }

    fn prefix_or_declare_inline(&mut self, uri: &'static str) -> usize {
        if let Some(i) = self.find_prefix(uri) {
            return i;
        }
        let prefix = if uri == XSI_NAMESPACE {
            "xsi".to_owned()
        } else {
            self.declared += 1;
            format!("ns{}", self.declared)
        };
        self.declare_inline(&prefix, uri);
        self.ns.push(Binding { uri, prefix });
        self.ns.len() - 1
    }

    fn declare_inline(&mut self, prefix: &str, uri: &str) {
        self.out.push_str(" xmlns:");
        self.out.push_str(prefix);
        self.out.push_str("=\"");
        escape_into(&mut self.out, uri, true);
        self.out.push('"');
    }

    fn path_string(&self) -> String {
        let mut path = String::new();
        for (i, (name, index)) in self.path.iter().enumerate() {
            if i > 0 {
                path.push('/');
            }
            path.push_str(name);
            if *index > 0 {
                path.push_str(&format!("[{index}]"));
            }
        }
        path
    }

    fn error(&self, kind: EncodeErrorKind) -> EncodeError {
        EncodeError {
            path: self.path_string(),
            kind,
        }
    }

    fn attr_error(&self, name: &str, kind: EncodeErrorKind) -> EncodeError {
        EncodeError {
            path: format!("{}/@{name}", self.path_string()),
            kind,
        }
    }
}
