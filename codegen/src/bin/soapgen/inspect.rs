//! `soapgen inspect`: what a WSDL holds, with the vendor's XML names next to
//! the Rust names the generator gives them, as text or JSON.
//!
//! The report holds no file paths, so the same contract read from different
//! places (a download, a checkout) gives the same report.

use std::fmt::Write;

use serde::Serialize;
use soap_codegen::model::{
    self, Field, FieldType, Model, Occurrence, RustType, TypeKind, Unwrap, XmlName,
};
use soap_codegen::parse::{self, Documents, Protocol, QNameText};
use soap_codegen::resolve::{self, Resolved};

/// Everything `inspect` shows.
#[derive(Debug, Serialize)]
pub struct Report {
    services: Vec<Service>,
    modules: Vec<Module>,
    /// What the generated code leaves out, per construct.
    warnings: Vec<WarningInfo>,
}

/// A [`soap_codegen::Warning`], placed by line and column (no file: the
/// report holds no paths; `soapgen generate` prints the file too).
#[derive(Debug, Serialize)]
struct WarningInfo {
    line: u32,
    column: u32,
    message: String,
}

#[derive(Debug, Serialize)]
struct Service {
    name: String,
    /// Target namespace of the WSDL declaring it.
    namespace: String,
    ports: Vec<Port>,
}

#[derive(Debug, Serialize)]
struct Port {
    name: String,
    /// `soap:address/@location`.
    endpoint: Option<String>,
    /// `{ns}name` of the binding.
    binding: Option<String>,
    /// `1.1`, `1.2`, or `none` for a binding that is not SOAP.
    soap_version: &'static str,
    /// `document` or `rpc`.
    style: String,
    /// The generated client, server trait and dispatcher; None when the
    /// generator made none for this port (SOAP 1.2, not SOAP).
    rust: Option<PortRust>,
    operations: Vec<Operation>,
}

#[derive(Debug, Serialize)]
struct PortRust {
    client: String,
    server_trait: String,
    server: String,
}

#[derive(Debug, Serialize)]
struct Operation {
    xml_name: String,
    /// The method name (None when no code is generated for the port).
    rust_name: Option<String>,
    soap_action: String,
    input: Option<MessageInfo>,
    output: Option<MessageInfo>,
    /// No response: the call completes on HTTP 200/202 with an empty body.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    one_way: bool,
    faults: Vec<Fault>,
    headers: Headers,
}

#[derive(Debug, Serialize)]
struct MessageInfo {
    /// The Body's element (None: an empty Body).
    #[serde(skip_serializing_if = "Option::is_none")]
    element: Option<Name>,
    rust_type: String,
    /// What the client method returns (outputs only: the response type, or
    /// its single field when the response is unwrapped).
    #[serde(skip_serializing_if = "Option::is_none")]
    returns: Option<String>,
}

#[derive(Debug, Serialize)]
struct Fault {
    name: String,
    element: Name,
    rust_type: String,
    /// The variant of the operation's fault enum (`<Op>Fault::<Variant>`).
    rust_variant: String,
}

#[derive(Debug, Serialize)]
struct Headers {
    /// The client and server method with headers (`<op>_with_headers`;
    /// None when the operation has no header parts).
    #[serde(skip_serializing_if = "Option::is_none")]
    rust_method: Option<String>,
    /// The request's header set (`<Op>RequestHeaders`).
    #[serde(skip_serializing_if = "Option::is_none")]
    input_rust_type: Option<String>,
    /// The response's header set (`<Op>ResponseHeaders`).
    #[serde(skip_serializing_if = "Option::is_none")]
    output_rust_type: Option<String>,
    input: Vec<Header>,
    output: Vec<Header>,
}

/// A `soap:header` element part the binding declares, and its field in the
/// header set.
#[derive(Debug, Serialize)]
struct Header {
    /// `{ns}name` of the message.
    message: String,
    part: String,
    element: Name,
    rust_field: String,
    rust_type: String,
}

/// An XML name: namespace (None: unqualified) and local name.
#[derive(Debug, Serialize)]
struct Name {
    namespace: Option<String>,
    name: String,
}

#[derive(Debug, Serialize)]
struct Module {
    rust_name: String,
    namespace: String,
    types: Vec<Type>,
}

#[derive(Debug, Serialize)]
struct Type {
    rust_name: String,
    /// The XSD type or element it is generated from (None: anonymous).
    xml: Option<Name>,
    origin: String,
    #[serde(flatten)]
    kind: Kind,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Kind {
    Struct {
        fields: Vec<StructField>,
        attributes: Vec<AttributeInfo>,
        /// The simple content value.
        text: Option<Member>,
    },
    Newtype {
        inner: String,
        facets: Facets,
    },
    Enumeration {
        values: Vec<EnumValue>,
        unknown_variant: String,
    },
    List {
        item: String,
    },
    Union {
        members: Vec<Member>,
    },
    Choice {
        arms: Vec<Arm>,
    },
    Alias {
        rust_type: String,
    },
    /// A base type and the types derived from it, chosen by `xsi:type`.
    Polymorphic {
        base: Name,
        is_abstract: bool,
        variants: Vec<PolyVariant>,
    },
}

#[derive(Debug, Serialize)]
struct PolyVariant {
    /// The XSD type `xsi:type` names.
    xml: Name,
    rust_variant: String,
    rust_type: String,
}

#[derive(Debug, Serialize)]
struct StructField {
    /// The element name (None for a choice or a wildcard).
    xml: Option<Name>,
    rust_name: String,
    rust_type: String,
    occurrence: &'static str,
    /// `element`, `choice` or `wildcard` (`xs:any`).
    field: &'static str,
    /// The arms of a choice field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    arms: Vec<Arm>,
}

#[derive(Debug, Serialize)]
struct Arm {
    xml: Name,
    rust_variant: String,
    rust_type: String,
    occurrence: &'static str,
}

#[derive(Debug, Serialize)]
struct AttributeInfo {
    xml: Name,
    rust_name: String,
    rust_type: String,
    required: bool,
    default: Option<String>,
}

#[derive(Debug, Serialize)]
struct Member {
    rust_name: String,
    rust_type: String,
}

#[derive(Debug, Serialize)]
struct EnumValue {
    value: String,
    rust_variant: String,
}

#[derive(Debug, Serialize)]
struct Facets {
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_length: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    patterns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_inclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_inclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_exclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_exclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_digits: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fraction_digits: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    white_space: Option<&'static str>,
}

impl Report {
    /// The report of one run: ports and bindings as written (`docs`), SOAP
    /// headers as bound (`resolved`), Rust names as generated (`model`).
    pub fn new(docs: &Documents, resolved: &Resolved, model: &Model) -> Report {
        let mut services = Vec::new();
        for w in &docs.wsdls {
            for s in &w.services {
                let ports = s
                    .ports
                    .iter()
                    .map(|p| port(docs, resolved, model, &s.name, p))
                    .collect();
                services.push(Service {
                    name: s.name.clone(),
                    namespace: w.target_ns.clone(),
                    ports,
                });
            }
        }
        let modules = model
            .modules
            .iter()
            .filter(|m| !m.types.is_empty())
            .map(|m| Module {
                rust_name: m.name.clone(),
                namespace: m.namespace.clone(),
                types: m.types.iter().map(ty_info).collect(),
            })
            .collect();
        let warnings = resolved
            .warnings
            .iter()
            .map(|w| WarningInfo {
                line: w.location.line,
                column: w.location.col,
                message: w.kind.to_string(),
            })
            .collect();
        Report {
            services,
            modules,
            warnings,
        }
    }

    /// Pretty-printed JSON, with a final newline.
    pub fn json(&self) -> String {
        // Serializing plain structs of strings, numbers and options cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The human-readable form.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for s in &self.services {
            let _ = writeln!(out, "Service: {} ({})", s.name, s.namespace);
            for p in &s.ports {
                let _ = writeln!(
                    out,
                    "  Port: {} ({}) SOAP {}, {}",
                    p.name,
                    p.endpoint.as_deref().unwrap_or("no address"),
                    p.soap_version,
                    p.style
                );
                match &p.rust {
                    Some(r) => {
                        let _ = writeln!(
                            out,
                            "    Rust: client {}, server trait {}",
                            r.client, r.server_trait
                        );
                    }
                    None => {
                        let _ = writeln!(out, "    Rust: not generated");
                    }
                }
                let _ = writeln!(out, "    Operations:");
                for op in &p.operations {
                    operation_text(&mut out, op);
                }
            }
        }
        let _ = writeln!(out, "Types:");
        for m in &self.modules {
            let _ = writeln!(out, "  {} ({}):", m.rust_name, m.namespace);
            for t in &m.types {
                type_text(&mut out, t);
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "Not generated:");
            for w in &self.warnings {
                let _ = writeln!(out, "  line {}, column {}: {}", w.line, w.column, w.message);
            }
        }
        out
    }
}

fn operation_text(out: &mut String, op: &Operation) {
    let input = op.input.as_ref().map_or("?", |m| m.rust_type.as_str());
    let returns = op
        .output
        .as_ref()
        .map_or("()", |m| m.returns.as_deref().unwrap_or(&m.rust_type));
    let method = op
        .rust_name
        .as_deref()
        .map(|m| format!(" [{m}]"))
        .unwrap_or_default();
    let one_way = if op.one_way { " (one-way)" } else { "" };
    let _ = writeln!(
        out,
        "      {}({input}) -> {returns}{method}{one_way}",
        op.xml_name
    );
    if !op.soap_action.is_empty() {
        let _ = writeln!(out, "        SOAPAction: {}", op.soap_action);
    }
    for (dir, m) in [("in", &op.input), ("out", &op.output)] {
        if let Some(m) = m {
            let element = m.element.as_ref().map_or("(empty Body)".into(), name_text);
            let _ = writeln!(out, "        {dir}: {element}");
        }
    }
    for f in &op.faults {
        let _ = writeln!(
            out,
            "        fault {}: {} ({})",
            f.name,
            f.rust_type,
            name_text(&f.element)
        );
    }
    for (dir, headers, set) in [
        ("in", &op.headers.input, &op.headers.input_rust_type),
        ("out", &op.headers.output, &op.headers.output_rust_type),
    ] {
        for h in headers {
            let _ = writeln!(
                out,
                "        header {dir}: {} (message {}, part {}) -> {}.{}: {}",
                name_text(&h.element),
                h.message,
                h.part,
                set.as_deref().unwrap_or_default(),
                h.rust_field,
                h.rust_type
            );
        }
    }
    if let Some(method) = &op.headers.rust_method {
        let _ = writeln!(out, "        with headers: {method}");
    }
}

fn type_text(out: &mut String, t: &Type) {
    let xml = t
        .xml
        .as_ref()
        .map(|n| format!(" <{}>", n.name))
        .unwrap_or_default();
    let what = match &t.kind {
        Kind::Struct {
            fields,
            attributes,
            text,
        } => {
            let items: Vec<String> = fields
                .iter()
                .map(|f| {
                    let xml = f.xml.as_ref().map_or("", |n| n.name.as_str());
                    let arms: Vec<String> = f
                        .arms
                        .iter()
                        .map(|a| format!("{} <{}>: {}", a.rust_variant, a.xml.name, a.rust_type))
                        .collect();
                    match f.field {
                        "choice" => {
                            format!("{}: {} = {}", f.rust_name, f.rust_type, arms.join(" | "))
                        }
                        "wildcard" => format!("{}: {} (xs:any)", f.rust_name, f.rust_type),
                        _ if xml == f.rust_name => format!("{xml}: {}", f.rust_type),
                        _ => format!("{xml} ({}): {}", f.rust_name, f.rust_type),
                    }
                })
                .chain(
                    attributes
                        .iter()
                        .map(|a| format!("@{} ({}): {}", a.xml.name, a.rust_name, a.rust_type)),
                )
                .chain(
                    text.iter()
                        .map(|v| format!("{}: {} (text)", v.rust_name, v.rust_type)),
                )
                .collect();
            format!("struct {{ {} }}", items.join(", "))
        }
        Kind::Newtype { inner, .. } => format!("newtype {inner}"),
        Kind::Enumeration { values, .. } => {
            let v: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            format!("enum {}", v.join(" | "))
        }
        Kind::List { item } => format!("list of {item}"),
        Kind::Union { members } => {
            let v: Vec<&str> = members.iter().map(|v| v.rust_type.as_str()).collect();
            format!("union {}", v.join(" | "))
        }
        Kind::Choice { arms } => {
            let v: Vec<String> = arms
                .iter()
                .map(|a| format!("{} <{}>: {}", a.rust_variant, a.xml.name, a.rust_type))
                .collect();
            format!("choice {}", v.join(" | "))
        }
        Kind::Alias { rust_type } => format!("= {rust_type}"),
        Kind::Polymorphic {
            base,
            is_abstract,
            variants,
        } => {
            let v: Vec<String> = variants
                .iter()
                .map(|v| {
                    format!(
                        "{} xsi:type={}: {}",
                        v.rust_variant, v.xml.name, v.rust_type
                    )
                })
                .collect();
            let of = if *is_abstract { "abstract " } else { "" };
            format!("polymorphic {of}{} = {}", base.name, v.join(" | "))
        }
    };
    let _ = writeln!(out, "    {}: {what}{xml}", t.rust_name);
}

fn name_text(n: &Name) -> String {
    match &n.namespace {
        Some(ns) => format!("{{{ns}}}{}", n.name),
        None => n.name.clone(),
    }
}

/// The namespace URI a QName as written refers to, and its local part.
fn bind(q: &QNameText) -> (Option<&str>, &str) {
    match q.text.split_once(':') {
        Some((prefix, local)) => (q.namespaces.uri(Some(prefix)), local),
        None => (q.namespaces.uri(None), q.text.as_str()),
    }
}

fn find_binding<'d>(docs: &'d Documents, q: &QNameText) -> Option<&'d parse::Binding> {
    let (ns, local) = bind(q);
    docs.wsdls
        .iter()
        .filter(|w| ns.is_none_or(|ns| ns == w.target_ns))
        .flat_map(|w| &w.bindings)
        .find(|b| b.name == local)
}

fn port(
    docs: &Documents,
    resolved: &Resolved,
    model: &Model,
    service: &str,
    p: &parse::Port,
) -> Port {
    let binding = p.binding.as_ref().and_then(|q| find_binding(docs, q));
    let soap_version = match binding.map(|b| b.protocol) {
        Some(Protocol::Soap11) => "1.1",
        Some(Protocol::Soap12) => "1.2",
        Some(Protocol::Other) | None => "none",
    };
    let style = binding
        .and_then(|b| b.style.clone())
        .unwrap_or_else(|| "document".to_string());
    let generated = model.modules.iter().find_map(|m| {
        m.services
            .iter()
            .find(|s| s.service == service && s.port == p.name)
            .map(|s| (m, s))
    });
    let bound = resolved
        .wsdls
        .iter()
        .flat_map(|w| &w.services)
        .filter(|s| s.name == service)
        .flat_map(|s| &s.ports)
        .find(|rp| rp.name == p.name);
    let operations = match (generated, bound) {
        (Some((module, s)), Some(bound)) => s
            .operations
            .iter()
            .filter_map(|i| module.operations.get(*i))
            .map(|op| {
                let resolved_op = bound.operations.iter().find(|o| o.name == op.name);
                generated_operation(&module.name, op, resolved_op)
            })
            .collect(),
        _ => binding
            .map(|b| {
                b.operations
                    .iter()
                    .map(|op| Operation {
                        xml_name: op.name.clone(),
                        rust_name: None,
                        soap_action: op.soap_action.clone().unwrap_or_default(),
                        input: None,
                        output: None,
                        one_way: false,
                        faults: Vec::new(),
                        headers: Headers {
                            rust_method: None,
                            input_rust_type: None,
                            output_rust_type: None,
                            input: Vec::new(),
                            output: Vec::new(),
                        },
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    Port {
        name: p.name.clone(),
        endpoint: p.address.clone(),
        binding: p.binding.as_ref().map(|q| {
            let (ns, local) = bind(q);
            name_text(&Name {
                namespace: ns.map(str::to_owned),
                name: local.to_owned(),
            })
        }),
        soap_version,
        style,
        rust: generated.map(|(_, s)| PortRust {
            client: s.client.clone(),
            server_trait: s.server_trait.clone(),
            server: s.server.clone(),
        }),
        operations,
    }
}

fn generated_operation(
    module: &str,
    op: &model::Operation,
    bound: Option<&resolve::Operation>,
) -> Operation {
    let message = |m: Option<&model::Message>, returns| MessageInfo {
        element: m.map(|m| name(&m.element)),
        rust_type: m.map_or("()".to_string(), |m| ty(&m.ty)),
        returns,
    };
    let output = op.output.as_ref().map(|output| {
        let returns = match &output.unwrap {
            Unwrap::Empty => "()".to_string(),
            Unwrap::Field { ty: ft, .. } => shaped(ft),
            Unwrap::Whole => output.message.as_ref().map_or("()".into(), |m| ty(&m.ty)),
        };
        message(output.message.as_ref(), Some(returns))
    });
    let sets = op.headers.as_ref();
    let headers = |set: Option<&model::HeaderSet>,
                   parts: Option<&Vec<resolve::MessagePart>>|
     -> Vec<Header> {
        let parts = parts.map(Vec::as_slice).unwrap_or_default();
        set.into_iter()
            .flat_map(|s| &s.parts)
            .map(|p| Header {
                message: parts
                    .iter()
                    .find(|r| r.part == p.part && xml_name_is(&p.element, &r.element))
                    .map(|r| r.message.to_string())
                    .unwrap_or_default(),
                part: p.part.clone(),
                element: name(&p.element),
                rust_field: p.field.clone(),
                rust_type: ty(&p.ty),
            })
            .collect()
    };
    let set_type = |set: Option<&model::HeaderSet>| set.map(|s| format!("{module}::{}", s.name));
    let request = sets.and_then(|h| h.request.as_ref());
    let response = sets.and_then(|h| h.response.as_ref());
    Operation {
        xml_name: op.name.clone(),
        rust_name: Some(op.method.clone()),
        soap_action: op.soap_action.clone(),
        input: Some(message(op.input.as_ref(), None)),
        one_way: output.is_none(),
        output,
        faults: op
            .faults
            .iter()
            .flat_map(|f| {
                f.variants.iter().map(|v| Fault {
                    name: v.fault.clone(),
                    element: name(&v.element),
                    rust_type: ty(&v.ty),
                    rust_variant: format!("{}::{}", f.name, v.variant),
                })
            })
            .collect(),
        headers: Headers {
            rust_method: sets.map(|h| h.method.clone()),
            input_rust_type: set_type(request),
            output_rust_type: set_type(response),
            input: headers(request, bound.map(|b| &b.input_headers)),
            output: headers(response, bound.map(|b| &b.output_headers)),
        },
    }
}

fn xml_name_is(x: &XmlName, q: &resolve::QName) -> bool {
    x.ns == q.ns && x.local == q.local
}

fn name(x: &XmlName) -> Name {
    Name {
        namespace: x.ns.clone(),
        name: x.local.clone(),
    }
}

fn ty(t: &RustType) -> String {
    match t {
        RustType::Builtin(b) => b.rust().to_string(),
        RustType::Named { module, name } => format!("{module}::{name}"),
    }
}

fn occurrence(o: Occurrence) -> &'static str {
    match o {
        Occurrence::One => "one",
        Occurrence::Optional => "optional",
        Occurrence::Nillable => "nillable",
        Occurrence::OptionalNillable => "optional_nillable",
        Occurrence::Many => "many",
        Occurrence::ManyNillable => "many_nillable",
    }
}

/// The field's Rust type as generated (`Option<Box<T>>`, `Vec<rt::Nillable<T>>`...).
fn shaped(t: &FieldType) -> String {
    let inner = ty(&t.ty);
    let inner = if t.boxed {
        format!("Box<{inner}>")
    } else {
        inner
    };
    wrap(t.occurrence, &inner)
}

fn wrap(o: Occurrence, inner: &str) -> String {
    match o {
        Occurrence::One => inner.to_string(),
        Occurrence::Optional => format!("Option<{inner}>"),
        Occurrence::Nillable => format!("rt::Nillable<{inner}>"),
        Occurrence::OptionalNillable => format!("Option<rt::Nillable<{inner}>>"),
        Occurrence::Many => format!("Vec<{inner}>"),
        Occurrence::ManyNillable => format!("Vec<rt::Nillable<{inner}>>"),
    }
}

fn arm(a: &model::Alternative) -> Arm {
    Arm {
        xml: name(&a.xml),
        rust_variant: a.variant.clone(),
        rust_type: shaped(&a.ty),
        occurrence: occurrence(a.ty.occurrence),
    }
}

fn ty_info(t: &model::TypeDef) -> Type {
    let kind = match &t.kind {
        TypeKind::Struct(s) => Kind::Struct {
            fields: s
                .fields
                .iter()
                .map(|f| match f {
                    Field::Element(e) => StructField {
                        xml: e.wildcard.is_none().then(|| name(&e.xml)),
                        rust_name: e.name.clone(),
                        rust_type: shaped(&e.ty),
                        occurrence: occurrence(e.ty.occurrence),
                        field: if e.wildcard.is_some() {
                            "wildcard"
                        } else {
                            "element"
                        },
                        arms: Vec::new(),
                    },
                    Field::Choice(c) => StructField {
                        xml: None,
                        rust_name: c.name.clone(),
                        rust_type: wrap(c.occurrence, &ty(&c.ty)),
                        occurrence: occurrence(c.occurrence),
                        field: "choice",
                        arms: c.alternatives.iter().map(arm).collect(),
                    },
                })
                .collect(),
            attributes: s
                .attributes
                .iter()
                .map(|a| AttributeInfo {
                    xml: name(&a.xml),
                    rust_name: a.name.clone(),
                    rust_type: if a.required || a.default.is_some() {
                        ty(&a.ty)
                    } else {
                        format!("Option<{}>", ty(&a.ty))
                    },
                    required: a.required,
                    default: a.default.clone(),
                })
                .collect(),
            text: s.text.as_ref().map(|v| Member {
                rust_name: v.name.clone(),
                rust_type: ty(&v.ty),
            }),
        },
        TypeKind::Newtype(n) => Kind::Newtype {
            inner: n.inner.rust().to_string(),
            facets: Facets {
                length: n.facets.length,
                min_length: n.facets.min_length,
                max_length: n.facets.max_length,
                patterns: n.facets.patterns.clone(),
                min_inclusive: n.facets.min_inclusive.clone(),
                max_inclusive: n.facets.max_inclusive.clone(),
                min_exclusive: n.facets.min_exclusive.clone(),
                max_exclusive: n.facets.max_exclusive.clone(),
                total_digits: n.facets.total_digits,
                fraction_digits: n.facets.fraction_digits,
                white_space: n.facets.white_space.map(|ws| ws.xsd()),
            },
        },
        TypeKind::Enumeration(e) => Kind::Enumeration {
            values: e
                .values
                .iter()
                .map(|v| EnumValue {
                    value: v.value.clone(),
                    rust_variant: v.variant.clone(),
                })
                .collect(),
            unknown_variant: e.unknown.clone(),
        },
        TypeKind::List(item) => Kind::List { item: ty(item) },
        TypeKind::Union(members) => Kind::Union {
            members: members
                .iter()
                .map(|v| Member {
                    rust_name: v.name.clone(),
                    rust_type: ty(&v.ty),
                })
                .collect(),
        },
        TypeKind::Choice(arms) => Kind::Choice {
            arms: arms.iter().map(arm).collect(),
        },
        TypeKind::Alias(t) => Kind::Alias { rust_type: ty(t) },
        TypeKind::Polymorphic(p) => Kind::Polymorphic {
            base: name(&p.base),
            is_abstract: p.is_abstract,
            variants: p
                .variants
                .iter()
                .map(|v| PolyVariant {
                    xml: name(&v.xml),
                    rust_variant: v.name.clone(),
                    rust_type: ty(&v.ty),
                })
                .collect(),
        },
    };
    Type {
        rust_name: t.name.clone(),
        xml: t.xml.as_ref().map(name),
        origin: t.origin.clone(),
        kind,
    }
}
