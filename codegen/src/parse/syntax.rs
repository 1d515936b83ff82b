//! The parse IR: every file read, as raw WSDL/XSD syntax with positions.
//!
//! QNames in attribute values are kept as written ([`QNameText`]) together
//! with the namespace declarations in scope, so the resolve stage can bind
//! them (and report what it cannot bind, with its position).

use std::path::PathBuf;
use std::sync::Arc;

/// A 1-based line and column inside a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub col: u32,
}

/// The namespace declarations in scope at an element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Namespaces {
    /// `(prefix, uri)` pairs; prefix `None` is the default namespace.
    pub bindings: Vec<(Option<String>, String)>,
}

impl Namespaces {
    /// The URI bound to `prefix` (`None`: the default namespace), if any.
    pub fn uri(&self, prefix: Option<&str>) -> Option<&str> {
        self.bindings
            .iter()
            .find(|(p, _)| p.as_deref() == prefix)
            .map(|(_, uri)| uri.as_str())
    }
}

/// A QName as written in an attribute value, with the namespaces in scope.
#[derive(Debug, Clone, PartialEq)]
pub struct QNameText {
    /// The text, e.g. `tns:paymentSpec`.
    pub text: String,
    /// The declarations in scope where it was written.
    pub namespaces: Arc<Namespaces>,
    /// The position of the element carrying it.
    pub pos: Pos,
}

/// An XML attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlAttribute {
    /// Namespace URI (None for ordinary unprefixed attributes).
    pub ns: Option<String>,
    /// Local name.
    pub local: String,
    /// Value, entities expanded.
    pub value: String,
}

/// A node of mixed content.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlNode {
    /// A child element.
    Element(XmlElement),
    /// Character data (text and CDATA; comments and PIs are dropped).
    Text(String),
}

/// An element as written, with its subtree.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlElement {
    /// Namespace URI of the element name.
    pub ns: Option<String>,
    /// Local name.
    pub local: String,
    /// Attributes in document order (namespace declarations excluded).
    pub attributes: Vec<XmlAttribute>,
    /// Children, in document order.
    pub children: Vec<XmlNode>,
    /// Namespace declarations in scope (shared with the parent when unchanged).
    pub namespaces: Arc<Namespaces>,
    /// Where the start tag begins.
    pub pos: Pos,
}

impl XmlElement {
    /// The value of the unqualified attribute `local`.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.ns.is_none() && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// The unqualified attribute `local` read as a QName.
    pub fn qname_attr(&self, local: &str) -> Option<QNameText> {
        self.attr(local).map(|text| self.qname(text))
    }

    /// `text` as a QName written on this element.
    pub fn qname(&self, text: &str) -> QNameText {
        QNameText {
            text: text.trim().to_owned(),
            namespaces: Arc::clone(&self.namespaces),
            pos: self.pos,
        }
    }

    /// True when the element is `{ns}local`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns.as_deref() == Some(ns) && self.local == local
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &XmlElement> {
        self.children.iter().filter_map(|c| match c {
            XmlNode::Element(e) => Some(e),
            XmlNode::Text(_) => None,
        })
    }

    /// Child elements in namespace `ns`.
    pub fn children_in<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = &'a XmlElement> {
        self.elements().filter(move |e| e.ns.as_deref() == Some(ns))
    }

    /// The first child `{ns}local`.
    pub fn child(&self, ns: &str, local: &str) -> Option<&XmlElement> {
        self.elements().find(|e| e.is(ns, local))
    }
}

/// Everything one run read.
#[derive(Debug, Clone, Default)]
pub struct Documents {
    /// Every file read, in discovery order (inputs first in the order given).
    pub files: Vec<SourceFile>,
    /// Every schema: bare XSD files and the inline schemas of WSDLs.
    pub schemas: Vec<SchemaDoc>,
    /// Every WSDL definitions document.
    pub wsdls: Vec<WsdlDoc>,
}

/// One file read.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    /// The path, as given or as an import resolved it.
    pub path: PathBuf,
    /// Index (into [`Documents::files`]) of the input file whose imports led here.
    pub root: usize,
    /// The WSDL document it holds, if it is a WSDL (index into [`Documents::wsdls`]).
    pub wsdl: Option<usize>,
    /// The schemas it holds (index into [`Documents::schemas`]).
    pub schemas: Vec<usize>,
}

/// What kind of top-level schema component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ComponentKind {
    /// `xs:element`.
    Element,
    /// `xs:complexType`.
    ComplexType,
    /// `xs:simpleType`.
    SimpleType,
    /// `xs:group`.
    Group,
    /// `xs:attributeGroup`.
    AttributeGroup,
    /// `xs:attribute`.
    Attribute,
}

/// A named top-level schema component, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// Its kind.
    pub kind: ComponentKind,
    /// `@name`.
    pub name: String,
    /// The declaration element.
    pub element: XmlElement,
    /// Hash of the declaration's source text and namespace context: two
    /// declarations with the same fingerprint are the same declaration
    /// (e.g. one schema file copied into two service folders).
    pub fingerprint: u64,
}

/// `xs:import` / `xs:include` / `wsdl:import`.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaRef {
    /// `@namespace`.
    pub namespace: Option<String>,
    /// `@schemaLocation` / `@location` as written.
    pub location: Option<String>,
    /// The file it resolved to (index into [`Documents::files`]).
    pub file: Option<usize>,
    /// Where it is written.
    pub pos: Pos,
}

/// One `xs:schema`.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaDoc {
    /// The file holding it (index into [`Documents::files`]).
    pub file: usize,
    /// Position of the `xs:schema` start tag.
    pub pos: Pos,
    /// `@targetNamespace` (None: no namespace, or a chameleon include).
    pub target_ns: Option<String>,
    /// `elementFormDefault="qualified"`.
    pub element_form_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub attribute_form_qualified: bool,
    /// Schema-level `xs:annotation/xs:documentation` elements.
    pub docs: Vec<XmlElement>,
    /// `xs:import`s.
    pub imports: Vec<SchemaRef>,
    /// `xs:include`s.
    pub includes: Vec<SchemaRef>,
    /// Named top-level components, in document order.
    pub components: Vec<Component>,
}

/// One `wsdl:definitions`.
#[derive(Debug, Clone, PartialEq)]
pub struct WsdlDoc {
    /// The file (index into [`Documents::files`]).
    pub file: usize,
    /// `@name`.
    pub name: Option<String>,
    /// `@targetNamespace`.
    pub target_ns: String,
    /// `wsdl:documentation` of the definitions.
    pub docs: Vec<XmlElement>,
    /// `wsdl:import`s.
    pub imports: Vec<SchemaRef>,
    /// Inline schemas of `wsdl:types` (index into [`Documents::schemas`]).
    pub schemas: Vec<usize>,
    /// `wsdl:message`s.
    pub messages: Vec<Message>,
    /// `wsdl:portType`s.
    pub port_types: Vec<PortType>,
    /// `wsdl:binding`s.
    pub bindings: Vec<Binding>,
    /// `wsdl:service`s.
    pub services: Vec<Service>,
}

/// `wsdl:message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `@name`.
    pub name: String,
    /// Its parts.
    pub parts: Vec<Part>,
    /// Where.
    pub pos: Pos,
}

/// `wsdl:part`.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// `@name`.
    pub name: String,
    /// `@element`.
    pub element: Option<QNameText>,
    /// `@type` (not document/literal).
    pub ty: Option<QNameText>,
    /// Where.
    pub pos: Pos,
}

/// `wsdl:portType`.
#[derive(Debug, Clone, PartialEq)]
pub struct PortType {
    /// `@name`.
    pub name: String,
    /// `wsdl:documentation`.
    pub docs: Vec<XmlElement>,
    /// Operations in order.
    pub operations: Vec<PortTypeOperation>,
    /// Where.
    pub pos: Pos,
}

/// `wsdl:portType/wsdl:operation`.
#[derive(Debug, Clone, PartialEq)]
pub struct PortTypeOperation {
    /// `@name`.
    pub name: String,
    /// `wsdl:documentation`.
    pub docs: Vec<XmlElement>,
    /// `wsdl:input/@message`.
    pub input: Option<QNameText>,
    /// `wsdl:output/@message`.
    pub output: Option<QNameText>,
    /// `wsdl:fault`s.
    pub faults: Vec<OperationFault>,
    /// Where.
    pub pos: Pos,
}

/// `wsdl:portType/wsdl:operation/wsdl:fault`.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationFault {
    /// `@name`.
    pub name: String,
    /// `@message`.
    pub message: Option<QNameText>,
    /// `wsdl:documentation`.
    pub docs: Vec<XmlElement>,
    /// Where.
    pub pos: Pos,
}

/// The protocol a binding or port uses, by its extension namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `http://schemas.xmlsoap.org/wsdl/soap/`.
    Soap11,
    /// `http://schemas.xmlsoap.org/wsdl/soap12/`.
    Soap12,
    /// Anything else (HTTP GET/POST, MIME...).
    Other,
}

/// `wsdl:binding`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// `@name`.
    pub name: String,
    /// `@type` (the portType).
    pub port_type: Option<QNameText>,
    /// From the `soap:binding` / `soap12:binding` child.
    pub protocol: Protocol,
    /// `soap:binding/@style` (None: document).
    pub style: Option<String>,
    /// Position of the `soap:binding` element (else of the binding).
    pub style_pos: Pos,
    /// Operations in order.
    pub operations: Vec<BindingOperation>,
    /// Where.
    pub pos: Pos,
}

/// `wsdl:binding/wsdl:operation`.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingOperation {
    /// `@name`.
    pub name: String,
    /// `soap:operation/@soapAction`.
    pub soap_action: Option<String>,
    /// `soap:operation/@style`.
    pub style: Option<String>,
    /// `soap:body/@use`, `soap:header/@use` and `soap:fault/@use` of input,
    /// output and faults, with their positions.
    pub uses: Vec<(Option<String>, Pos)>,
    /// The SOAP binding of the input message.
    pub input: MessageBinding,
    /// The SOAP binding of the output message.
    pub output: MessageBinding,
    /// Where.
    pub pos: Pos,
}

/// `soap:body` and `soap:header` of a binding operation's input or output.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MessageBinding {
    /// `soap:body/@parts` (None: every part not bound to a header).
    pub body_parts: Option<Vec<String>>,
    /// `soap:body/@namespace` (the wrapper element's namespace in rpc style).
    pub body_namespace: Option<String>,
    /// `soap:header` elements, in document order.
    pub headers: Vec<HeaderBinding>,
}

/// One `soap:header`: a part of some message sent as a SOAP header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderBinding {
    /// `@message`.
    pub message: Option<QNameText>,
    /// `@part`.
    pub part: Option<String>,
    /// Where.
    pub pos: Pos,
}

/// `wsdl:service`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// `@name`.
    pub name: String,
    /// `wsdl:documentation`.
    pub docs: Vec<XmlElement>,
    /// Ports in order.
    pub ports: Vec<Port>,
    /// Where.
    pub pos: Pos,
}

/// `wsdl:port`.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// `@name`.
    pub name: String,
    /// `@binding`.
    pub binding: Option<QNameText>,
    /// `soap:address/@location` (or soap12's).
    pub address: Option<String>,
    /// Where.
    pub pos: Pos,
}
