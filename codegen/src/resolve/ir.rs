//! The resolve stage's IR: the XSD component model and the WSDL service
//! model, with every reference bound and every include/import followed.
//!
//! Names are kept exactly as in the documents; nothing here is Rust-specific.
//! Every component remembers where it was declared ([`Location`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

/// A place in a source document: file, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file, as the caller named it (or as an import resolved it).
    pub file: PathBuf,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
    }
}

/// An expanded name: namespace URI (None = no namespace) and local name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QName {
    /// Namespace URI; `None` for names in no namespace.
    pub ns: Option<String>,
    /// Local part.
    pub local: String,
}

impl QName {
    /// A name in namespace `ns`.
    pub fn new(ns: Option<&str>, local: &str) -> Self {
        QName {
            ns: ns.map(str::to_owned),
            local: local.to_owned(),
        }
    }
}

impl std::fmt::Display for QName {
    /// Clark notation: `{namespace}local`, or `local` in no namespace.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.ns {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

/// The namespace of XML Schema itself.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The XML namespace (`xml:` prefix, always bound; its attributes are built in).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The SOAP 1.1 encoding namespace: when its schema is not part of the run,
/// its simple types named like XSD built-ins (`soapenc:string`) are those built-ins.
pub const SOAP_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// Everything a run read, resolved.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Every file read (WSDLs and schemas), for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
    /// Top-level element declarations by name.
    pub elements: BTreeMap<QName, ElementDecl>,
    /// Named complex types.
    pub complex_types: BTreeMap<QName, ComplexType>,
    /// Named simple types (user-defined; built-ins are [`TypeRef::Builtin`]).
    pub simple_types: BTreeMap<QName, SimpleType>,
    /// Per target namespace: its `elementFormDefault`/`attributeFormDefault` and
    /// the documentation of its schemas, in reading order.
    pub namespaces: BTreeMap<String, NamespaceInfo>,
    /// The WSDL definitions read, in the order given.
    pub wsdls: Vec<Wsdl>,
    /// Operations of the WSDLs that [`ResolveOptions::operations`](super::ResolveOptions)
    /// left out (not resolved, not checked), by name.
    pub unselected_operations: Vec<String>,
    /// What the generated code will leave out, in document order (each once).
    pub warnings: Vec<crate::Warning>,
}

/// Facts about one target namespace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NamespaceInfo {
    /// Schema-level documentation, if any.
    pub doc: Option<String>,
}

/// Reference to a type: an XSD built-in, or a named user type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// A built-in of the XSD namespace, by local name (`"string"`, `"decimal"`, `"anyType"`...).
    Builtin(String),
    /// A named complex type (key of [`Resolved::complex_types`]).
    Complex(QName),
    /// A named simple type (key of [`Resolved::simple_types`]).
    Simple(QName),
}

/// Where a type is defined: by name, or anonymously in place.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// A reference to a built-in or named type.
    Ref(TypeRef),
    /// An anonymous complex type.
    AnonComplex(Box<ComplexType>),
    /// An anonymous simple type.
    AnonSimple(Box<SimpleType>),
}

/// A top-level `xs:element`.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    /// The element's expanded name.
    pub name: QName,
    /// Its type (`xs:anyType` when none is given).
    pub ty: TypeDef,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `default=`.
    pub default: Option<String>,
    /// `fixed=`.
    pub fixed: Option<String>,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// Normalised documentation (see [`Documentation`]).
    pub doc: Option<String>,
    /// Where it was declared.
    pub location: Location,
}

/// `minOccurs`/`maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Occurs {
    /// `minOccurs` (default 1).
    pub min: u32,
    /// `maxOccurs` (default 1); `None` = `unbounded`.
    pub max: Option<u32>,
}

impl Occurs {
    /// Exactly once.
    pub const ONCE: Occurs = Occurs {
        min: 1,
        max: Some(1),
    };
    /// True when more than one occurrence is allowed.
    pub fn is_repeated(&self) -> bool {
        self.max != Some(1) && self.max != Some(0)
    }
    /// True when the particle may be absent.
    pub fn is_optional(&self) -> bool {
        self.min == 0
    }
}

/// A named or anonymous `xs:complexType`.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplexType {
    /// The type's name; `None` when anonymous.
    pub name: Option<QName>,
    /// The schema target namespace it was declared in (names of local
    /// elements/attributes qualify into it when their form is qualified).
    pub target_ns: Option<String>,
    /// What the content is.
    pub content: ComplexContent,
    /// Attributes (attribute groups expanded, in document order); for a
    /// derived type, only the attributes the derivation itself declares.
    pub attributes: Vec<AttributeDecl>,
    /// `xs:anyAttribute` present.
    pub any_attribute: bool,
    /// `mixed="true"`.
    pub mixed: bool,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// Normalised documentation.
    pub doc: Option<String>,
    /// Where it was declared.
    pub location: Location,
}

/// The content model of a complex type.
#[derive(Debug, Clone, PartialEq)]
pub enum ComplexContent {
    /// No content (`<xs:complexType/>` or only attributes).
    Empty,
    /// Element content: the top particle (model groups are expanded).
    Particle(Particle),
    /// `xs:simpleContent` (extension or restriction of a simple base).
    Simple {
        /// The simple value type (for a restriction of a complex type with simple
        /// content: that type's value type, with `facets` applied).
        base: TypeRef,
        /// The facets of each `xs:restriction` step down from `base`, in
        /// derivation order, each as declared (not merged: the patterns of
        /// one step are alternatives, every step applies). Empty for an extension.
        facets: Vec<Facets>,
    },
    /// `xs:complexContent/xs:extension`: the base's content, then `particle`.
    Extension {
        /// The base type (a complex type, or `anyType`).
        base: TypeRef,
        /// What the extension adds (None when it adds only attributes).
        particle: Option<Particle>,
    },
    /// `xs:complexContent/xs:restriction`: the restricted content as declared.
    Restriction {
        /// The base type.
        base: TypeRef,
        /// The content the restriction declares (None = empty).
        particle: Option<Particle>,
    },
}

/// A particle of a content model.
#[derive(Debug, Clone, PartialEq)]
pub struct Particle {
    /// Occurrence of the particle.
    pub occurs: Occurs,
    /// What it is.
    pub term: Term,
    /// Where it was declared.
    pub location: Location,
}

/// The term of a particle.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A local element declaration, or a reference to a global one.
    Element(Box<LocalElement>),
    /// `xs:sequence` (group references are expanded in place).
    Sequence(Vec<Particle>),
    /// `xs:choice`.
    Choice(Vec<Particle>),
    /// `xs:all`.
    All(Vec<Particle>),
    /// `xs:any` wildcard.
    Any {
        /// `namespace=` as written (`##any`, `##other`, a list...).
        namespace: String,
        /// `processContents=`.
        process_contents: String,
    },
}

/// An element inside a content model.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalElement {
    /// The expanded name on the wire: qualified with the schema's target
    /// namespace when the element's form (`form=` or `elementFormDefault`) is
    /// qualified, or when it references a global element; otherwise `ns: None`.
    pub name: QName,
    /// `Some(global name)` when this is `ref=`.
    pub reference: Option<QName>,
    /// Its type.
    pub ty: TypeDef,
    /// `nillable="true"` (from the referenced declaration for `ref=`).
    pub nillable: bool,
    /// `default=`.
    pub default: Option<String>,
    /// `fixed=`.
    pub fixed: Option<String>,
    /// Normalised documentation (for `ref=`: the local annotation, else the global one).
    pub doc: Option<String>,
    /// Where it was declared.
    pub location: Location,
}

/// An attribute of a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeDecl {
    /// Expanded name (qualified per `form=`/`attributeFormDefault`, or the
    /// referenced global attribute's name).
    pub name: QName,
    /// Its simple type.
    pub ty: TypeDef,
    /// `use="required"`.
    pub required: bool,
    /// `use="prohibited"` (kept so restrictions can drop the attribute).
    pub prohibited: bool,
    /// `default=`.
    pub default: Option<String>,
    /// `fixed=`.
    pub fixed: Option<String>,
    /// Normalised documentation.
    pub doc: Option<String>,
    /// Where it was declared.
    pub location: Location,
}

/// A named or anonymous `xs:simpleType`.
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleType {
    /// The type's name; `None` when anonymous.
    pub name: Option<QName>,
    /// Its variety.
    pub variety: SimpleVariety,
    /// Normalised documentation.
    pub doc: Option<String>,
    /// Where it was declared.
    pub location: Location,
}

/// `restriction`, `list` or `union`.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum SimpleVariety {
    /// `xs:restriction`.
    Restriction {
        /// The base type (built-in or named simple type), or an anonymous simple type.
        base: TypeDef,
        /// The facets this restriction adds (not the base's).
        facets: Facets,
    },
    /// `xs:list`.
    List {
        /// The item type.
        item: TypeDef,
    },
    /// `xs:union`.
    Union {
        /// `memberTypes` then inline members, in order.
        members: Vec<TypeDef>,
    },
}

/// Constraining facets of one restriction step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// `xs:enumeration` values with their documentation, in order.
    pub enumeration: Vec<EnumValue>,
    /// `xs:pattern` values (several in one step are alternatives).
    pub patterns: Vec<String>,
    /// `xs:length`.
    pub length: Option<u64>,
    /// `xs:minLength`.
    pub min_length: Option<u64>,
    /// `xs:maxLength`.
    pub max_length: Option<u64>,
    /// `xs:minInclusive`, lexical.
    pub min_inclusive: Option<String>,
    /// `xs:maxInclusive`, lexical.
    pub max_inclusive: Option<String>,
    /// `xs:minExclusive`, lexical.
    pub min_exclusive: Option<String>,
    /// `xs:maxExclusive`, lexical.
    pub max_exclusive: Option<String>,
    /// `xs:totalDigits`.
    pub total_digits: Option<u32>,
    /// `xs:fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `xs:whiteSpace`.
    pub white_space: Option<String>,
}

/// One `xs:enumeration`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value, as written.
    pub value: String,
    /// Normalised documentation.
    pub doc: Option<String>,
}

/// One WSDL 1.1 document, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Wsdl {
    /// The file.
    pub file: PathBuf,
    /// `definitions/@name`.
    pub name: Option<String>,
    /// `definitions/@targetNamespace`.
    pub target_ns: String,
    /// Normalised documentation of `definitions`.
    pub doc: Option<String>,
    /// Services with their SOAP 1.1 and 1.2 ports, in document order.
    pub services: Vec<Service>,
}

/// A `wsdl:service`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// `@name`.
    pub name: String,
    /// Normalised documentation.
    pub doc: Option<String>,
    /// SOAP 1.1 and 1.2 document/literal ports (others are reported and skipped).
    pub ports: Vec<Port>,
    /// Where it was declared.
    pub location: Location,
}

/// A `wsdl:port` bound with SOAP 1.1 or 1.2.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// Bound with SOAP 1.2 (`soap12:binding`), not 1.1.
    pub soap12: bool,
    /// `@name`.
    pub name: String,
    /// `soap:address/@location`.
    pub address: Option<String>,
    /// The binding's name.
    pub binding: QName,
    /// The portType's name.
    pub port_type: QName,
    /// Normalised documentation of the portType.
    pub doc: Option<String>,
    /// Operations in portType order, merged with their binding.
    pub operations: Vec<Operation>,
    /// Where it was declared.
    pub location: Location,
}

/// One operation: portType messages merged with the binding's SOAP details.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `@name`.
    pub name: String,
    /// Normalised documentation (portType operation).
    pub doc: Option<String>,
    /// `soap:operation/@soapAction` ("" when absent).
    pub soap_action: String,
    /// What the input message puts in the SOAP Body (parts bound to
    /// `soap:header` or left out by `soap:body parts=` excluded).
    pub input: Body,
    /// What the output message puts in the SOAP Body (None for one-way operations).
    pub output: Option<Body>,
    /// Element parts the binding sends as SOAP headers of the request (`soap:header`).
    pub input_headers: Vec<MessagePart>,
    /// Element parts the binding sends as SOAP headers of the response.
    pub output_headers: Vec<MessagePart>,
    /// Faults in document order.
    pub faults: Vec<FaultDecl>,
    /// Where it was declared.
    pub location: Location,
}

/// What a message puts in the SOAP Body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Nothing: the message has no body parts (an empty `soap:Body`).
    Empty {
        /// The message's name.
        message: QName,
    },
    /// document/literal: the one element part.
    Element(MessagePart),
    /// rpc/literal: a wrapper element named after the operation (the
    /// response: operation name + `Response`) in the `soap:body namespace=`,
    /// holding the parts as unqualified children. The resolver declares it
    /// in [`Resolved::elements`] with an anonymous type, so it is generated
    /// like any element.
    Rpc {
        /// The message's name.
        message: QName,
        /// The wrapper element (key of [`Resolved::elements`]).
        wrapper: QName,
    },
}

impl Body {
    /// The element the Body holds (None: empty).
    pub fn element(&self) -> Option<&QName> {
        match self {
            Body::Empty { .. } => None,
            Body::Element(part) => Some(&part.element),
            Body::Rpc { wrapper, .. } => Some(wrapper),
        }
    }
}

/// A message reduced to its element part.
#[derive(Debug, Clone, PartialEq)]
pub struct MessagePart {
    /// The message's name.
    pub message: QName,
    /// The part's name.
    pub part: String,
    /// The global element the part refers to (key of [`Resolved::elements`]).
    pub element: QName,
}

/// A `wsdl:fault` of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultDecl {
    /// `@name`.
    pub name: String,
    /// Normalised documentation.
    pub doc: Option<String>,
    /// Its message's element part.
    pub part: MessagePart,
}

/// Normalises `xs:documentation` / `wsdl:documentation` content into rustdoc
/// Markdown: whitespace collapsed, XHTML markup reduced (`<br/>`, `<p>` →
/// paragraph breaks, `<code>`/`<tt>`/`<pre>` → backticks, `<strong>`/`<b>` →
/// `**`, `<i>`/`<em>` → `*`, `<a href>` → `[text](href)`, `<li>` → `- `).
/// Markdown code spans written in the text (`` `name` ``) are kept; other
/// characters rustdoc would read as markup (`[`, `]`, `<`, `>`, `*`, stray
/// backticks, `_` at word boundaries, a leading `#`/`-`/`1.`) are escaped, and
/// bare URLs become autolinks. See [`Documentation::markdown`].
pub struct Documentation;
