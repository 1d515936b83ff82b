//! The Rust-level model: modules per namespace, named types with Rust names,
//! fields with their occurrence, services with unwrapped operations.
//!
//! Built from [`crate::resolve::Resolved`] by [`build`]; everything the
//! emitter needs is decided here (names, boxing, unwrapping), so the emitter
//! only prints.

mod build;
mod builtin;
mod derivation;
mod error;
pub mod naming;
mod prune;
mod recursion;
mod simple;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use build::build;
pub use builtin::{Builtin, FacetKind};
pub use error::{ModelError, ModelErrors};

/// Options of the model stage (the naming and filtering parts of [`crate::Config`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelOptions {
    /// Module name overrides: namespace URI → module name.
    pub modules: BTreeMap<String, String>,
    /// Extra attributes for types: path (`"."` or `"<namespace-or-module>.<XsdName>"`) → attributes.
    pub type_attributes: Vec<(String, String)>,
    /// Extra attributes for fields: path (`"."`, `"<ns-or-module>.<XsdName>"` or
    /// `"<ns-or-module>.<XsdName>.<xmlField>"`) → attributes.
    pub field_attributes: Vec<(String, String)>,
    /// Fault detail fields meant for end users: (`{ns}name` of the detail element or
    /// its type, XML name of the field).
    pub user_messages: Vec<(String, String)>,
    /// Keep only these operations (by WSDL name) and the types they reach.
    pub operations: Option<Vec<String>>,
}

/// The whole generated crate content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    /// Files the model was built from, for the `@generated` header.
    pub sources: Vec<PathBuf>,
    /// Modules in emission order (namespaces in first-declaration order).
    pub modules: Vec<Module>,
}

/// One namespace.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Rust module name (already escaped if needed).
    pub name: String,
    /// Target namespace URI.
    pub namespace: String,
    /// Documentation (schema documentation of the namespace).
    pub doc: Option<String>,
    /// Types in document order.
    pub types: Vec<TypeDef>,
    /// Operation descriptors, fault enums of the services.
    pub operations: Vec<Operation>,
    /// Services (one per SOAP port group) of WSDLs with this target namespace.
    pub services: Vec<Service>,
}

/// An XML name as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct XmlName {
    /// Namespace (None = unqualified).
    pub ns: Option<String>,
    /// Local name.
    pub local: String,
}

/// A Rust type of a value: a built-in mapping or a generated type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustType {
    /// A built-in mapping of an XSD type.
    Builtin(Builtin),
    /// A generated type.
    Named {
        /// Module name.
        module: String,
        /// Type name.
        name: String,
    },
}

/// How often an element occurs, as it shows in the field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Occurrence {
    /// `T`
    One,
    /// `Option<T>`
    Optional,
    /// `rt::Nillable<T>`
    Nillable,
    /// `Option<rt::Nillable<T>>`
    OptionalNillable,
    /// `Vec<T>`
    Many,
    /// `Vec<rt::Nillable<T>>`
    ManyNillable,
}

impl Occurrence {
    /// True when the field is filled by `r.required(..)` on decode.
    pub fn is_required(self) -> bool {
        matches!(self, Occurrence::One | Occurrence::Nillable)
    }
    /// True for `Vec` fields.
    pub fn is_many(self) -> bool {
        matches!(self, Occurrence::Many | Occurrence::ManyNillable)
    }
}

/// The full type of a field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldType {
    /// The value type.
    pub ty: RustType,
    /// Its occurrence.
    pub occurrence: Occurrence,
    /// Boxed because the field is (transitively) recursive.
    pub boxed: bool,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust name.
    pub name: String,
    /// What it was generated from (`XSD complex type `line``, `Element `getOrder``).
    pub origin: String,
    /// The name of the XSD type or element it was generated from (None for
    /// anonymous types and choices).
    pub xml: Option<XmlName>,
    /// XSD name used for `type_attribute` paths (the XSD type/element name,
    /// or the Rust name for anonymous types).
    pub xsd_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Extra attributes from the configuration (Rust source).
    pub attributes: Vec<String>,
    /// The shape.
    pub kind: TypeKind,
}

/// The shape of a generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A struct of element fields, attributes and maybe a text value.
    Struct(Struct),
    /// A restricted simple type: newtype with facets.
    Newtype(Newtype),
    /// An enumeration.
    Enumeration(Enumeration),
    /// A list simple type.
    List(RustType),
    /// A union simple type.
    Union(Vec<Variant>),
    /// A choice (one of several elements).
    Choice(Vec<Alternative>),
    /// Another name for an existing type.
    Alias(RustType),
    /// A complex type other types extend: the enum of it and its derived
    /// types, chosen by `xsi:type`.
    Polymorphic(Polymorphic),
}

/// The types an element declared with a base type may hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Polymorphic {
    /// The declared (base) type.
    pub base: XmlName,
    /// The base is abstract: it has no variant of its own.
    pub is_abstract: bool,
    /// The base (unless abstract), then the derived types that are not
    /// abstract, transitively, depth first in document order.
    pub variants: Vec<PolyVariant>,
}

/// One type of a [`Polymorphic`] enum.
#[derive(Debug, Clone, PartialEq)]
pub struct PolyVariant {
    /// Variant name.
    pub name: String,
    /// The XSD type (what `xsi:type` names).
    pub xml: XmlName,
    /// Its struct.
    pub ty: RustType,
    /// Documentation.
    pub doc: Option<String>,
}

/// A complex type with element content, attributes or simple content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Struct {
    /// Element fields (and choice fields) in content order.
    pub fields: Vec<Field>,
    /// Attributes, in declaration order.
    pub attributes: Vec<Attribute>,
    /// The value of simple content.
    pub text: Option<TextValue>,
}

/// The text value of a simpleContent type.
#[derive(Debug, Clone, PartialEq)]
pub struct TextValue {
    /// Field name (`value`, suffixed on clashes).
    pub name: String,
    /// Value type.
    pub ty: RustType,
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// One element.
    Element(ElementField),
    /// A choice between elements.
    Choice(ChoiceField),
}

impl Field {
    /// Rust name of the field.
    pub fn name(&self) -> &str {
        match self {
            Field::Element(e) => &e.name,
            Field::Choice(c) => &c.name,
        }
    }
}

/// An element field.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementField {
    /// Rust name.
    pub name: String,
    /// Name on the wire.
    pub xml: XmlName,
    /// Type.
    pub ty: FieldType,
    /// `default=` / `fixed=` of the element (documentation only).
    pub default: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
    /// Extra attributes from the configuration.
    pub attributes: Vec<String>,
    /// Set for an `xs:any` wildcard: the field (of `rt::AnyXml`) takes the
    /// children that match no other field and that this admits.
    pub wildcard: Option<Wildcard>,
}

/// The namespace constraint of an `xs:any` wildcard, resolved against the
/// target namespace of the complex type it appears in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wildcard {
    /// `##any`.
    Any,
    /// `##other`: qualified, and not in this namespace.
    Other(Option<String>),
    /// A list of namespaces (`None`: `##local`).
    Only(Vec<Option<String>>),
}

impl Wildcard {
    /// Reads `namespace=` (`##any`, `##other`, or a list of URIs,
    /// `##targetNamespace` and `##local`).
    pub fn parse(namespace: &str, target_ns: Option<&str>) -> Self {
        match namespace.trim() {
            "##any" => Wildcard::Any,
            "##other" => Wildcard::Other(target_ns.map(str::to_owned)),
            list => Wildcard::Only(
                list.split_whitespace()
                    .map(|item| match item {
                        "##local" => None,
                        "##targetNamespace" => target_ns.map(str::to_owned),
                        uri => Some(uri.to_owned()),
                    })
                    .collect(),
            ),
        }
    }
}

/// A field holding a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceField {
    /// Rust name.
    pub name: String,
    /// The choice enum.
    pub ty: RustType,
    /// `One`, `Optional` or `Many`.
    pub occurrence: Occurrence,
    /// The alternatives (same as the enum's).
    pub alternatives: Vec<Alternative>,
    /// Documentation.
    pub doc: Option<String>,
}

/// One alternative of a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Variant name.
    pub variant: String,
    /// Element name on the wire.
    pub xml: XmlName,
    /// The variant's content type (`One`, `Nillable`, `Many`, `ManyNillable`).
    pub ty: FieldType,
    /// Documentation.
    pub doc: Option<String>,
}

/// An attribute field.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Rust name.
    pub name: String,
    /// Name on the wire.
    pub xml: XmlName,
    /// Value type.
    pub ty: RustType,
    /// `use="required"`.
    pub required: bool,
    /// `default=` or `fixed=`: the field is `T`, filled with this when absent.
    pub default: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
}

/// A restricted simple type.
#[derive(Debug, Clone, PartialEq)]
pub struct Newtype {
    /// The wrapped built-in.
    pub inner: Builtin,
    /// Facets merged along the derivation chain.
    pub facets: Facets,
}

/// Facets of a newtype, merged (patterns of one step joined as alternatives;
/// the listed patterns must all match).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facets {
    /// `length`.
    pub length: Option<u64>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// Patterns, each must match.
    pub patterns: Vec<String>,
    /// `minInclusive`.
    pub min_inclusive: Option<String>,
    /// `maxInclusive`.
    pub max_inclusive: Option<String>,
    /// `minExclusive`.
    pub min_exclusive: Option<String>,
    /// `maxExclusive`.
    pub max_exclusive: Option<String>,
    /// `totalDigits`.
    pub total_digits: Option<u32>,
    /// `fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `whiteSpace` of a string type (the built-in's, or a step's that
    /// narrows it); `None` is `preserve`.
    pub white_space: Option<WhiteSpace>,
}

/// The XSD `whiteSpace` facet, in the order a restriction may narrow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WhiteSpace {
    /// `preserve`
    Preserve,
    /// `replace`
    Replace,
    /// `collapse`
    Collapse,
}

impl WhiteSpace {
    /// The facet of a schema value (`collapse`); `None` for anything else.
    pub fn of_xsd(value: &str) -> Option<WhiteSpace> {
        Some(match value {
            "preserve" => WhiteSpace::Preserve,
            "replace" => WhiteSpace::Replace,
            "collapse" => WhiteSpace::Collapse,
            _ => return None,
        })
    }

    /// The schema value (`collapse`).
    pub fn xsd(self) -> &'static str {
        match self {
            WhiteSpace::Preserve => "preserve",
            WhiteSpace::Replace => "replace",
            WhiteSpace::Collapse => "collapse",
        }
    }

    /// The `rt::WhiteSpace` variant's name.
    pub fn variant(self) -> &'static str {
        match self {
            WhiteSpace::Preserve => "Preserve",
            WhiteSpace::Replace => "Replace",
            WhiteSpace::Collapse => "Collapse",
        }
    }
}

/// An enumeration type.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    /// Values in schema order.
    pub values: Vec<EnumValue>,
    /// Name of the catch-all variant (`Unknown`, or `Unknown_`).
    pub unknown: String,
}

/// One enumeration value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Variant name.
    pub variant: String,
    /// XML value.
    pub value: String,
    /// Documentation.
    pub doc: Option<String>,
}

/// A union member.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Variant name.
    pub name: String,
    /// Member type.
    pub ty: RustType,
}

/// A SOAP operation (descriptor + fault enum + error alias).
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// WSDL name.
    pub name: String,
    /// Method name (`snake_case`).
    pub method: String,
    /// Descriptor static (`SCREAMING_SNAKE`).
    pub descriptor: String,
    /// `SOAPAction`.
    pub soap_action: String,
    /// Bound with SOAP 1.2 (the descriptor says `rt::SoapVersion::V12`).
    pub soap12: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// The request element and its type (None: an empty Body, from a
    /// message without parts).
    pub input: Option<Message>,
    /// The response (None: a one-way operation, answered without a body).
    pub output: Option<Output>,
    /// The fault enum, when the operation declares faults.
    pub faults: Option<FaultEnum>,
    /// The typed header sets, when the binding has `soap:header` element parts.
    pub headers: Option<OperationHeaders>,
}

/// The header sets of an operation with `soap:header` parts.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationHeaders {
    /// The client method sending and returning headers (`<op>_with_headers`).
    pub method: String,
    /// `<Op>RequestHeaders` (None: the input has no header parts).
    pub request: Option<HeaderSet>,
    /// `<Op>ResponseHeaders` (None: the output has no header parts).
    pub response: Option<HeaderSet>,
}

/// A generated header struct: one optional field per header part.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderSet {
    /// The struct's name.
    pub name: String,
    /// Its fields, in binding order.
    pub parts: Vec<HeaderPart>,
}

/// One `soap:header` part.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPart {
    /// The field's Rust name.
    pub field: String,
    /// The WSDL part name.
    pub part: String,
    /// The header element.
    pub element: XmlName,
    /// The element's type.
    pub ty: RustType,
}

impl Operation {
    /// The types of the operation's header parts.
    pub fn header_types(&self) -> impl Iterator<Item = RustType> + '_ {
        self.headers
            .iter()
            .flat_map(|h| h.request.iter().chain(&h.response))
            .flat_map(|set| &set.parts)
            .map(|p| p.ty.clone())
    }
}

/// A message element with its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Element name.
    pub element: XmlName,
    /// The element's type.
    pub ty: RustType,
}

/// The response of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The response element (None: an empty Body; `unwrap` is then [`Unwrap::Empty`]).
    pub message: Option<Message>,
    /// What the client returns.
    pub unwrap: Unwrap,
}

/// Wrapped-style unwrapping of a response.
#[derive(Debug, Clone, PartialEq)]
pub enum Unwrap {
    /// The whole response type is returned.
    Whole,
    /// The response is empty: `()` is returned.
    Empty,
    /// The single element field is returned.
    Field {
        /// The field's Rust name.
        name: String,
        /// Its type.
        ty: FieldType,
    },
}

/// The faults of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultEnum {
    /// Enum name (`<Op>Fault`).
    pub name: String,
    /// Error alias name (`<Op>Error`).
    pub error_alias: String,
    /// Variants in document order.
    pub variants: Vec<FaultVariant>,
}

/// One `wsdl:fault`.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultVariant {
    /// Variant name.
    pub variant: String,
    /// WSDL fault name.
    pub fault: String,
    /// The detail element.
    pub element: XmlName,
    /// Its type.
    pub ty: RustType,
    /// Documentation.
    pub doc: Option<String>,
    /// The detail field holding the end-user message, if configured.
    pub user_message: Option<UserMessage>,
}

/// Where the end-user message of a fault detail is.
#[derive(Debug, Clone, PartialEq)]
pub struct UserMessage {
    /// Rust field name.
    pub field: String,
    /// The field's occurrence (`One`, `Optional`, ...).
    pub occurrence: Occurrence,
    /// The field's value type.
    pub ty: RustType,
}

/// A SOAP port: client, server trait and dispatcher.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// WSDL service name.
    pub service: String,
    /// WSDL port name.
    pub port: String,
    /// Client struct name.
    pub client: String,
    /// Server trait name.
    pub server_trait: String,
    /// The trait is this service's own (false: the SOAP 1.2 port shares the
    /// trait of its SOAP 1.1 twin, emitted there).
    pub own_trait: bool,
    /// Dispatcher name.
    pub server: String,
    /// Static listing the operations (`<SERVICE>_OPERATIONS`).
    pub operations_static: String,
    /// `soap:address`.
    pub address: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
    /// Indexes into the module's [`Module::operations`], in port order.
    pub operations: Vec<usize>,
}

impl Module {
    /// The operations `service` (one of [`Module::services`]) serves, in port order.
    pub fn service_operations(&self, service: &Service) -> Vec<&Operation> {
        service
            .operations
            .iter()
            .filter_map(|i| self.operations.get(*i))
            .collect()
    }
}

impl Model {
    /// The same model without any documentation (to compare two authorings
    /// of one contract).
    pub fn without_docs(&self) -> Model {
        let mut model = self.clone();
        for module in &mut model.modules {
            module.doc = None;
            for ty in &mut module.types {
                ty.doc = None;
                strip_kind_docs(&mut ty.kind);
            }
            for op in &mut module.operations {
                op.doc = None;
                if let Some(faults) = &mut op.faults {
                    for v in &mut faults.variants {
                        v.doc = None;
                    }
                }
            }
            for service in &mut module.services {
                service.doc = None;
            }
        }
        model.sources.clear();
        model
    }

    /// The model without documentation and in a canonical order (modules,
    /// types, operations and services sorted by name), so two authorings
    /// of one contract compare equal even when they declare things in a
    /// different order.
    pub fn canonical(&self) -> Model {
        let mut model = self.without_docs();
        model.modules.sort_by(|a, b| a.name.cmp(&b.name));
        for module in &mut model.modules {
            module.types.sort_by(|a, b| a.name.cmp(&b.name));
            let mut order: Vec<usize> = (0..module.operations.len()).collect();
            order.sort_by(|a, b| module.operations[*a].name.cmp(&module.operations[*b].name));
            let remap: std::collections::BTreeMap<usize, usize> = order
                .iter()
                .enumerate()
                .map(|(new, old)| (*old, new))
                .collect();
            let ops = std::mem::take(&mut module.operations);
            let mut slots: Vec<Option<Operation>> = ops.into_iter().map(Some).collect();
            module.operations = order.iter().filter_map(|i| slots[*i].take()).collect();
            for service in &mut module.services {
                for i in &mut service.operations {
                    *i = remap.get(i).copied().unwrap_or(*i);
                }
                service.operations.sort_unstable();
            }
            module.services.sort_by(|a, b| a.client.cmp(&b.client));
        }
        model
    }

    /// Keeps only the named operations (services keep their remaining
    /// operations) and the types reachable from them.
    pub fn retain_operations(&mut self, names: &[String]) {
        prune::retain_operations(self, names);
    }

    /// The module of a namespace.
    pub fn module(&self, namespace: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.namespace == namespace)
    }
}

fn strip_kind_docs(kind: &mut TypeKind) {
    match kind {
        TypeKind::Struct(s) => {
            for f in &mut s.fields {
                match f {
                    Field::Element(e) => e.doc = None,
                    Field::Choice(c) => {
                        c.doc = None;
                        c.alternatives.iter_mut().for_each(|a| a.doc = None);
                    }
                }
            }
            s.attributes.iter_mut().for_each(|a| a.doc = None);
        }
        TypeKind::Enumeration(e) => e.values.iter_mut().for_each(|v| v.doc = None),
        TypeKind::Choice(alts) => alts.iter_mut().for_each(|a| a.doc = None),
        TypeKind::Polymorphic(p) => p.variants.iter_mut().for_each(|v| v.doc = None),
        TypeKind::Newtype(_) | TypeKind::List(_) | TypeKind::Union(_) | TypeKind::Alias(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::Wildcard;

    #[test]
    fn wildcard_namespace_constraints() {
        let tns = Some("urn:t");
        assert_eq!(Wildcard::parse("##any", tns), Wildcard::Any);
        assert_eq!(
            Wildcard::parse(" ##other ", tns),
            Wildcard::Other(Some("urn:t".into()))
        );
        assert_eq!(
            Wildcard::parse("##local ##targetNamespace urn:x", tns),
            Wildcard::Only(vec![None, Some("urn:t".into()), Some("urn:x".into())])
        );
        assert_eq!(
            Wildcard::parse("##targetNamespace", None),
            Wildcard::Only(vec![None])
        );
    }
}
