//! Errors of the resolve stage.

use super::ir::Location;

/// One problem found while binding the documents.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResolveError {
    /// `type=`, `base=`, `itemType=`, `memberTypes=` names no type.
    #[error("{at}: unknown type `{name}`")]
    UnknownType {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// `ref=` or a WSDL part's `element=` names no global element.
    #[error("{at}: unknown element `{name}`")]
    UnknownElement {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// `xs:attribute ref=` names no global attribute.
    #[error("{at}: unknown attribute `{name}`")]
    UnknownAttribute {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// `xs:group ref=` names no group.
    #[error("{at}: unknown group `{name}`")]
    UnknownGroup {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// `xs:attributeGroup ref=` names no attribute group.
    #[error("{at}: unknown attribute group `{name}`")]
    UnknownAttributeGroup {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// `message=` names no WSDL message.
    #[error("{at}: unknown message `{name}`")]
    UnknownMessage {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// `soap:body parts=` or `soap:header part=` names no part of the message.
    #[error("{at}: message `{message}` has no part `{part}`")]
    UnknownPart {
        /// The message, `{namespace}local`.
        message: String,
        /// The part name.
        part: String,
        /// Where it is referenced.
        at: Location,
    },
    /// A port's `binding=` names no binding.
    #[error("{at}: unknown binding `{name}`")]
    UnknownBinding {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// A binding's `type=` names no portType.
    #[error("{at}: unknown portType `{name}`")]
    UnknownPortType {
        /// The name, `{namespace}local`.
        name: String,
        /// Where it is referenced.
        at: Location,
    },
    /// A QName uses a prefix that is not declared.
    #[error("{at}: undeclared namespace prefix `{prefix}` in `{qname}`")]
    UnknownPrefix {
        /// The prefix.
        prefix: String,
        /// The QName as written.
        qname: String,
        /// Where.
        at: Location,
    },
    /// Two different declarations of the same kind and name.
    #[error("{at}: duplicate {kind} `{name}` (first declared at {first})")]
    DuplicateDefinition {
        /// What kind of component (`complexType`, `message`...).
        kind: String,
        /// The name, `{namespace}local`.
        name: String,
        /// The second declaration.
        at: Location,
        /// The first declaration.
        first: Location,
    },
    /// A document-style message with a `type=` part or several body parts,
    /// or a fault message that is not one element part.
    #[error("{at}: not document/literal: {reason}")]
    NotDocumentLiteral {
        /// What is wrong.
        reason: String,
        /// Where.
        at: Location,
    },
    /// A binding (or one of its operations) in a style or use the generator
    /// does not produce: `use="encoded"`, a style other than document or rpc. Listed before every
    /// other error; the operations it concerns are not resolved further.
    #[error(
        "{at}: unsupported binding style: {what} (document/literal and rpc/literal are generated)"
    )]
    UnsupportedStyle {
        /// What the binding says (`binding \`X\` has style="rpc"`).
        what: String,
        /// Where.
        at: Location,
    },
    /// A service with ports but none bound with SOAP 1.1 or 1.2.
    #[error("{at}: service `{service}` has no SOAP 1.1 or 1.2 port")]
    NoSoap11Port {
        /// The service.
        service: String,
        /// Where it is declared.
        at: Location,
    },
    /// A portType operation the binding does not bind.
    #[error("{at}: binding `{binding}` has no operation `{operation}`")]
    MissingBindingOperation {
        /// The operation.
        operation: String,
        /// The binding.
        binding: String,
        /// The portType operation.
        at: Location,
    },
    /// A definition that refers to itself where that is not allowed.
    #[error("{at}: circular {kind} `{name}`")]
    Circular {
        /// What kind of component.
        kind: String,
        /// The name, `{namespace}local`.
        name: String,
        /// Where the cycle closes.
        at: Location,
    },
    /// A required attribute is missing.
    #[error("{at}: `{element}` needs a `{attribute}` attribute")]
    MissingAttribute {
        /// The element's local name.
        element: String,
        /// The attribute.
        attribute: String,
        /// Where.
        at: Location,
    },
    /// An attribute value that does not parse (`minOccurs="x"`...).
    #[error("{at}: invalid {attribute}=\"{value}\"")]
    InvalidValue {
        /// The attribute (or facet).
        attribute: String,
        /// The value as written.
        value: String,
        /// Where.
        at: Location,
    },
    /// A simple type is required but the name is a complex type.
    #[error("{at}: `{name}` is a complex type where a simple type is required")]
    NotSimpleType {
        /// The name, `{namespace}local`.
        name: String,
        /// Where.
        at: Location,
    },
    /// `xs:include` of a schema with a different target namespace.
    #[error("{at}: included schema has target namespace `{found}`, expected `{expected}`")]
    IncludeNamespaceMismatch {
        /// The includer's namespace.
        expected: String,
        /// The included schema's namespace.
        found: String,
        /// The include.
        at: Location,
    },
    /// A construct this generator does not support.
    #[error("{at}: unsupported: {construct}")]
    Unsupported {
        /// What it is.
        construct: String,
        /// Where.
        at: Location,
    },
}

/// All problems of the resolve stage, one per line when displayed.
pub type ResolveErrors = crate::errors::Errors<ResolveError>;
