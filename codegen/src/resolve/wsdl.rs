//! WSDL services: ports, bindings and portType operations merged, messages
//! reduced to what they put in the SOAP Body (one element, nothing, or an
//! rpc wrapper element declared here).

use std::collections::HashMap;

use super::error::ResolveError;
use super::ir::{
    Body as BodyIr, ComplexContent, ComplexType, Documentation, ElementDecl, FaultDecl,
    LocalElement, Location, MessagePart, Occurs, Operation, Particle, Port, QName, Service, Term,
    TypeDef, Wsdl,
};
use super::resolver::Resolver;
use crate::parse::{self, Pos, Protocol, QNameText, WsdlDoc};

/// The named definitions of one WSDL document.
#[derive(Default)]
struct Tables<'d> {
    messages: HashMap<&'d str, &'d parse::Message>,
    port_types: HashMap<&'d str, &'d parse::PortType>,
    bindings: HashMap<&'d str, &'d parse::Binding>,
}

impl<'d> Resolver<'d> {
    /// Resolves the services of every WSDL document.
    pub(crate) fn wsdls(&mut self) {
        let docs = self.docs;
        let tables: Vec<Tables<'d>> = docs.wsdls.iter().map(|w| self.tables(w)).collect();
        for (i, w) in docs.wsdls.iter().enumerate() {
            let scope = self.scope(i);
            let mut services = Vec::new();
            for s in &w.services {
                if let Some(service) = self.service(w, s, &scope, &tables) {
                    services.push(service);
                }
            }
            self.out.wsdls.push(Wsdl {
                file: self.file(w).to_path_buf(),
                name: w.name.clone(),
                target_ns: w.target_ns.clone(),
                doc: Documentation::markdown(&w.docs),
                services,
            });
        }
    }

    fn file(&self, w: &WsdlDoc) -> &'d std::path::Path {
        &self.docs.files[w.file].path
    }

    fn wsdl_at(&self, w: &WsdlDoc, pos: Pos) -> Location {
        Location {
            file: self.file(w).to_path_buf(),
            line: pos.line,
            col: pos.col,
        }
    }

    /// Name tables of `w`, reporting duplicates.
    fn tables(&mut self, w: &'d WsdlDoc) -> Tables<'d> {
        let mut t = Tables::default();
        let dup = |kind: &str, name: &str, at: Pos, first: Pos, errors: &mut Vec<ResolveError>| {
            errors.push(ResolveError::DuplicateDefinition {
                kind: kind.to_owned(),
                name: QName::new(Some(&w.target_ns), name).to_string(),
                at: self_location(self.docs, w, at),
                first: self_location(self.docs, w, first),
            });
        };
        for m in &w.messages {
            if let Some(first) = t.messages.insert(&m.name, m) {
                dup("message", &m.name, m.pos, first.pos, &mut self.errors);
            }
        }
        for p in &w.port_types {
            if let Some(first) = t.port_types.insert(&p.name, p) {
                dup("portType", &p.name, p.pos, first.pos, &mut self.errors);
            }
        }
        for b in &w.bindings {
            if let Some(first) = t.bindings.insert(&b.name, b) {
                dup("binding", &b.name, b.pos, first.pos, &mut self.errors);
            }
        }
        t
    }

    /// `i` and the WSDLs it imports, transitively, in breadth-first order.
    fn scope(&self, i: usize) -> Vec<usize> {
        let mut scope = vec![i];
        let mut next = 0;
        while next < scope.len() {
            let w = &self.docs.wsdls[scope[next]];
            next += 1;
            for import in &w.imports {
                let Some(j) = import.file.and_then(|f| self.docs.files[f].wsdl) else {
                    continue;
                };
                if !scope.contains(&j) {
                    scope.push(j);
                }
            }
        }
        scope
    }

    fn wsdl_qname(&mut self, w: &WsdlDoc, q: &QNameText) -> Option<QName> {
        let at = self.wsdl_at(w, q.pos);
        self.bind(&q.text, &q.namespaces, None, at)
    }

    /// Finds a definition named `q` in the documents of `scope`.
    fn find<'t, T: 'd>(
        &self,
        name: &QName,
        scope: &[usize],
        tables: &'t [Tables<'d>],
        pick: impl Fn(&'t Tables<'d>) -> &'t HashMap<&'d str, &'d T>,
    ) -> Option<(usize, &'d T)> {
        scope.iter().find_map(|&j| {
            let w = &self.docs.wsdls[j];
            if name.ns.as_deref() != Some(w.target_ns.as_str()) {
                return None;
            }
            pick(&tables[j]).get(name.local.as_str()).map(|t| (j, *t))
        })
    }

    fn service(
        &mut self,
        w: &'d WsdlDoc,
        s: &'d parse::Service,
        scope: &[usize],
        tables: &[Tables<'d>],
    ) -> Option<Service> {
        let mut ports = Vec::new();
        let mut soap = false;
        let mut skipped = Vec::new();
        for p in &s.ports {
            let Some(q) = p.binding.as_ref() else {
                self.errors.push(ResolveError::MissingAttribute {
                    element: "port".into(),
                    attribute: "binding".into(),
                    at: self.wsdl_at(w, p.pos),
                });
                continue;
            };
            let Some(binding_name) = self.wsdl_qname(w, q) else {
                continue;
            };
            let Some((bw, binding)) = self.find(&binding_name, scope, tables, |t| &t.bindings)
            else {
                self.errors.push(ResolveError::UnknownBinding {
                    name: binding_name.to_string(),
                    at: self.wsdl_at(w, q.pos),
                });
                continue;
            };
            let soap12 = match binding.protocol {
                Protocol::Soap11 => false,
                Protocol::Soap12 => true,
                Protocol::Other => {
                    skipped.push(p);
                    continue;
                }
            };
            soap = true;
            if let Some(port) = self.port(
                w,
                p,
                &self.docs.wsdls[bw],
                binding,
                binding_name,
                scope,
                tables,
            ) {
                ports.push(Port { soap12, ..port });
            }
        }
        if !soap && !s.ports.is_empty() && self.operations.is_none() {
            self.errors.push(ResolveError::NoSoap11Port {
                service: s.name.clone(),
                at: self.wsdl_at(w, s.pos),
            });
            return None;
        }
        for p in skipped {
            self.out.warnings.push(crate::Warning {
                kind: crate::WarningKind::PortSkipped {
                    service: s.name.clone(),
                    port: p.name.clone(),
                    protocol: "not SOAP",
                },
                location: self.wsdl_at(w, p.pos),
            });
        }
        Some(Service {
            name: s.name.clone(),
            doc: Documentation::markdown(&s.docs),
            ports,
            location: self.wsdl_at(w, s.pos),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn port(
        &mut self,
        w: &'d WsdlDoc,
        p: &'d parse::Port,
        bw: &'d WsdlDoc,
        binding: &'d parse::Binding,
        binding_name: QName,
        scope: &[usize],
        tables: &[Tables<'d>],
    ) -> Option<Port> {
        let Some(pt_q) = binding.port_type.as_ref() else {
            self.errors.push(ResolveError::MissingAttribute {
                element: "binding".into(),
                attribute: "type".into(),
                at: self.wsdl_at(bw, binding.pos),
            });
            return None;
        };
        let pt_name = self.wsdl_qname(bw, pt_q)?;
        let Some((pw, port_type)) = self.find(&pt_name, &self.scope_of(bw, scope), tables, |t| {
            &t.port_types
        }) else {
            self.errors.push(ResolveError::UnknownPortType {
                name: pt_name.to_string(),
                at: self.wsdl_at(bw, pt_q.pos),
            });
            return None;
        };
        let pw = &self.docs.wsdls[pw];
        let filter = self.operations.clone();
        let selected = |name: &str| {
            filter
                .as_ref()
                .is_none_or(|names| names.iter().any(|n| n == name))
        };
        if !port_type.operations.iter().any(|op| selected(&op.name)) {
            let names = port_type.operations.iter().map(|op| op.name.clone());
            self.out.unselected_operations.extend(names);
            return None;
        }
        let binding_ops: HashMap<&str, &parse::BindingOperation> = binding
            .operations
            .iter()
            .map(|o| (o.name.as_str(), o))
            .collect();
        let mut operations = Vec::new();
        for op in &port_type.operations {
            if !selected(&op.name) {
                self.out.unselected_operations.push(op.name.clone());
                continue;
            }
            let Some(bop) = binding_ops.get(op.name.as_str()) else {
                self.errors.push(ResolveError::MissingBindingOperation {
                    operation: op.name.clone(),
                    binding: binding.name.clone(),
                    at: self.wsdl_at(pw, op.pos),
                });
                continue;
            };
            let errors = self.errors.len();
            let style = match bop.style.as_deref() {
                Some(style) => (style, bop.pos),
                None => (
                    binding.style.as_deref().unwrap_or("document"),
                    binding.style_pos,
                ),
            };
            let rpc = style.0 == "rpc";
            if !rpc && style.0 != "document" {
                self.errors.push(ResolveError::UnsupportedStyle {
                    what: format!("operation `{}` has style=\"{}\"", op.name, style.0),
                    at: self.wsdl_at(bw, style.1),
                });
            }
            let encoded = bop.uses.iter().find_map(|(use_, pos)| {
                use_.as_deref()
                    .filter(|u| *u != "literal")
                    .map(|u| (u, *pos))
            });
            if let Some((u, pos)) = encoded {
                self.errors.push(ResolveError::UnsupportedStyle {
                    what: format!(
                        "operation `{}` is {}/{u} (use=\"{u}\")",
                        op.name,
                        if rpc { "rpc" } else { "document" }
                    ),
                    at: self.wsdl_at(bw, pos),
                });
            }
            if self.errors.len() > errors {
                continue;
            }
            if let Some(operation) = self.operation(pw, op, (bw, bop, rpc), scope, tables) {
                operations.push(operation);
            }
        }
        Some(Port {
            name: p.name.clone(),
            address: p.address.clone(),
            binding: binding_name,
            port_type: pt_name,
            doc: Documentation::markdown(&port_type.docs),
            soap12: false,
            operations,
            location: self.wsdl_at(w, p.pos),
        })
    }

    /// The lookup scope for names written in `w`: its own imports first.
    fn scope_of(&self, w: &WsdlDoc, fallback: &[usize]) -> Vec<usize> {
        match self.docs.wsdls.iter().position(|x| std::ptr::eq(x, w)) {
            Some(i) => {
                let mut s = self.scope(i);
                s.extend(
                    fallback
                        .iter()
                        .filter(|j| !s.contains(j))
                        .collect::<Vec<_>>(),
                );
                s
            }
            None => fallback.to_vec(),
        }
    }

    /// `binding`: the binding's document, operation, and whether it is rpc style.
    fn operation(
        &mut self,
        pw: &'d WsdlDoc,
        op: &'d parse::PortTypeOperation,
        (bw, bop, rpc): (&'d WsdlDoc, &parse::BindingOperation, bool),
        scope: &[usize],
        tables: &[Tables<'d>],
    ) -> Option<Operation> {
        let binding_scope = self.scope_of(bw, scope);
        let (input_bound, input_headers) =
            self.headers(bw, (&op.name, "input"), &bop.input, &binding_scope, tables);
        let (output_bound, output_headers) = self.headers(
            bw,
            (&op.name, "output"),
            &bop.output,
            &binding_scope,
            tables,
        );
        let scope = self.scope_of(pw, scope);
        let Some(input_q) = op.input.as_ref() else {
            self.errors.push(ResolveError::Unsupported {
                construct: format!("operation `{}` without input (notification)", op.name),
                at: self.wsdl_at(pw, op.pos),
            });
            return None;
        };
        let wrapper = |binding: &parse::MessageBinding, suffix: &str| {
            rpc.then(|| {
                let ns = binding.body_namespace.as_deref().unwrap_or(&bw.target_ns);
                QName::new(
                    Some(ns).filter(|ns| !ns.is_empty()),
                    &format!("{}{suffix}", op.name),
                )
            })
        };
        let input_body = Body {
            parts: bop.input.body_parts.as_deref(),
            headers: &input_bound,
            at: bop.pos,
            binding: bw,
            wrapper: wrapper(&bop.input, ""),
        };
        let input = self.message_body(pw, input_q, &scope, tables, &input_body);
        let output_body = Body {
            parts: bop.output.body_parts.as_deref(),
            headers: &output_bound,
            at: bop.pos,
            binding: bw,
            wrapper: wrapper(&bop.output, "Response"),
        };
        let output = op
            .output
            .as_ref()
            .map(|q| self.message_body(pw, q, &scope, tables, &output_body));
        let mut faults = Vec::new();
        for f in &op.faults {
            let Some(q) = f.message.as_ref() else {
                self.errors.push(ResolveError::MissingAttribute {
                    element: "fault".into(),
                    attribute: "message".into(),
                    at: self.wsdl_at(pw, f.pos),
                });
                continue;
            };
            if let Some(part) = self.fault_part(pw, q, &scope, tables) {
                faults.push(FaultDecl {
                    name: f.name.clone(),
                    doc: Documentation::markdown(&f.docs),
                    part,
                });
            }
        }
        Some(Operation {
            name: op.name.clone(),
            doc: Documentation::markdown(&op.docs),
            soap_action: bop.soap_action.clone().unwrap_or_default(),
            input: input?,
            output: match output {
                Some(o) => Some(o?),
                None => None,
            },
            input_headers,
            output_headers,
            faults,
            location: self.wsdl_at(pw, op.pos),
        })
    }

    /// The parts that `soap:header` elements of a binding input/output send
    /// as headers: all of them as (message, part), and those with an element.
    /// A `type=` header part has no element to send, so it is no error but a
    /// [`WarningKind::HeaderDropped`](crate::WarningKind::HeaderDropped).
    fn headers(
        &mut self,
        bw: &'d WsdlDoc,
        (operation, direction): (&str, &'static str),
        binding: &parse::MessageBinding,
        scope: &[usize],
        tables: &[Tables<'d>],
    ) -> (Vec<(QName, String)>, Vec<MessagePart>) {
        let mut bound = Vec::new();
        let mut out = Vec::new();
        for h in &binding.headers {
            let (Some(q), Some(part_name)) = (h.message.as_ref(), h.part.as_deref()) else {
                self.errors.push(ResolveError::MissingAttribute {
                    element: "soap:header".into(),
                    attribute: if h.message.is_none() {
                        "message"
                    } else {
                        "part"
                    }
                    .into(),
                    at: self.wsdl_at(bw, h.pos),
                });
                continue;
            };
            let Some((name, mw, message)) = self.message(bw, q, scope, tables) else {
                continue;
            };
            let Some(part) = message.parts.iter().find(|p| p.name == part_name) else {
                self.errors.push(ResolveError::UnknownPart {
                    message: name.to_string(),
                    part: part_name.to_owned(),
                    at: self.wsdl_at(bw, h.pos),
                });
                continue;
            };
            bound.push((name.clone(), part.name.clone()));
            if part.element.is_none() {
                self.out.warnings.push(crate::Warning {
                    kind: crate::WarningKind::HeaderDropped {
                        operation: operation.to_owned(),
                        direction,
                        message: name.to_string(),
                        part: part.name.clone(),
                    },
                    location: self.wsdl_at(bw, h.pos),
                });
                continue;
            }
            if let Some(element) = self.part_element(mw, message, part) {
                out.push(MessagePart {
                    message: name,
                    part: part.name.clone(),
                    element,
                });
            }
        }
        (bound, out)
    }

    /// The message `q` names, with the document declaring it.
    fn message(
        &mut self,
        w: &'d WsdlDoc,
        q: &QNameText,
        scope: &[usize],
        tables: &[Tables<'d>],
    ) -> Option<(QName, &'d WsdlDoc, &'d parse::Message)> {
        let name = self.wsdl_qname(w, q)?;
        let Some((mw, message)) = self.find(&name, scope, tables, |t| &t.messages) else {
            self.errors.push(ResolveError::UnknownMessage {
                name: name.to_string(),
                at: self.wsdl_at(w, q.pos),
            });
            return None;
        };
        Some((name, &self.docs.wsdls[mw], message))
    }

    /// What the message `q` names puts in the SOAP body, as `body` binds it.
    fn message_body(
        &mut self,
        w: &'d WsdlDoc,
        q: &QNameText,
        scope: &[usize],
        tables: &[Tables<'d>],
        body: &Body<'_, 'd>,
    ) -> Option<BodyIr> {
        let (name, mw, message) = self.message(w, q, scope, tables)?;
        let mut parts: Vec<&parse::Part> = message.parts.iter().collect();
        if let Some(listed) = body.parts {
            for missing in listed
                .iter()
                .filter(|l| !parts.iter().any(|p| &p.name == *l))
            {
                self.errors.push(ResolveError::UnknownPart {
                    message: name.to_string(),
                    part: missing.clone(),
                    at: self.wsdl_at(body.binding, body.at),
                });
            }
            parts.retain(|p| listed.contains(&p.name));
        } else {
            parts.retain(|p| {
                !body
                    .headers
                    .iter()
                    .any(|(m, part)| *m == name && *part == p.name)
            });
        }
        if let Some(wrapper) = &body.wrapper {
            return self.rpc_wrapper(name, mw, message, &parts, wrapper.clone());
        }
        match parts.as_slice() {
            [] => Some(BodyIr::Empty { message: name }),
            [part] => {
                let element = self.part_element(mw, message, part)?;
                Some(BodyIr::Element(MessagePart {
                    message: name,
                    part: part.name.clone(),
                    element,
                }))
            }
            _ => {
                self.errors.push(ResolveError::NotDocumentLiteral {
                    reason: format!(
                        "message `{}` has {} {}parts; document style takes at most one element part (rpc style wraps several)",
                        message.name,
                        parts.len(),
                        if parts.len() == message.parts.len() { "" } else { "body " },
                    ),
                    at: self.wsdl_at(mw, message.pos),
                });
                None
            }
        }
    }

    /// Declares the rpc/literal wrapper element `wrapper` of a message: a
    /// sequence of the `parts` as unqualified children, typed by their
    /// `type=` or by their `element=`'s type.
    fn rpc_wrapper(
        &mut self,
        message_name: QName,
        mw: &'d WsdlDoc,
        message: &parse::Message,
        parts: &[&parse::Part],
        wrapper: QName,
    ) -> Option<BodyIr> {
        let location = self.wsdl_at(mw, message.pos);
        let mut children = Vec::new();
        for part in parts {
            let at = self.wsdl_at(mw, part.pos);
            let (ty, reference, nillable) = match (&part.element, &part.ty) {
                (Some(_), _) => {
                    let element = self.part_element(mw, message, part)?;
                    let decl = self.out.elements.get(&element)?;
                    (decl.ty.clone(), Some(element), decl.nillable)
                }
                (None, Some(type_q)) => {
                    let type_name = self.wsdl_qname(mw, type_q)?;
                    let Some(found) = self.named_type(&type_name) else {
                        self.errors.push(ResolveError::UnknownType {
                            name: type_name.to_string(),
                            at: self.wsdl_at(mw, type_q.pos),
                        });
                        return None;
                    };
                    (TypeDef::Ref(found), None, false)
                }
                (None, None) => {
                    self.errors.push(ResolveError::MissingAttribute {
                        element: "part".into(),
                        attribute: "type".into(),
                        at,
                    });
                    return None;
                }
            };
            children.push(Particle {
                occurs: Occurs::ONCE,
                term: Term::Element(Box::new(LocalElement {
                    name: QName::new(None, &part.name),
                    reference,
                    ty,
                    nillable,
                    default: None,
                    fixed: None,
                    doc: None,
                    location: at.clone(),
                })),
                location: at,
            });
        }
        let content = if children.is_empty() {
            ComplexContent::Empty
        } else {
            ComplexContent::Particle(Particle {
                occurs: Occurs::ONCE,
                term: Term::Sequence(children),
                location: location.clone(),
            })
        };
        let decl = ElementDecl {
            name: wrapper.clone(),
            ty: TypeDef::AnonComplex(Box::new(ComplexType {
                name: None,
                target_ns: wrapper.ns.clone(),
                content,
                attributes: Vec::new(),
                any_attribute: false,
                mixed: false,
                is_abstract: false,
                doc: None,
                location: location.clone(),
            })),
            nillable: false,
            default: None,
            fixed: None,
            is_abstract: false,
            doc: None,
            location,
        };
        match self.out.elements.get(&wrapper) {
            None => {
                self.out.elements.insert(wrapper.clone(), decl);
            }
            Some(same) if *same == decl => {}
            Some(other) => {
                self.errors.push(ResolveError::DuplicateDefinition {
                    kind: "element (an rpc wrapper)".into(),
                    name: wrapper.to_string(),
                    at: decl.location,
                    first: other.location.clone(),
                });
                return None;
            }
        }
        Some(BodyIr::Rpc {
            message: message_name,
            wrapper,
        })
    }

    /// The single element part of a fault message.
    fn fault_part(
        &mut self,
        w: &'d WsdlDoc,
        q: &QNameText,
        scope: &[usize],
        tables: &[Tables<'d>],
    ) -> Option<MessagePart> {
        let (name, mw, message) = self.message(w, q, scope, tables)?;
        let [part] = message.parts.as_slice() else {
            self.errors.push(ResolveError::NotDocumentLiteral {
                reason: format!(
                    "fault message `{}` has {} parts; a fault detail is exactly one element part",
                    message.name,
                    message.parts.len(),
                ),
                at: self.wsdl_at(mw, message.pos),
            });
            return None;
        };
        let element = self.part_element(mw, message, part)?;
        Some(MessagePart {
            message: name,
            part: part.name.clone(),
            element,
        })
    }

    /// The global element a part refers to (`element=`; `type=` is not document/literal).
    fn part_element(
        &mut self,
        mw: &'d WsdlDoc,
        message: &parse::Message,
        part: &parse::Part,
    ) -> Option<QName> {
        let Some(element_q) = part.element.as_ref() else {
            let reason = if part.ty.is_some() {
                format!(
                    "part `{}` of message `{}` uses type=, not element=",
                    part.name, message.name
                )
            } else {
                format!(
                    "part `{}` of message `{}` has no element=",
                    part.name, message.name
                )
            };
            self.errors.push(ResolveError::NotDocumentLiteral {
                reason,
                at: self.wsdl_at(mw, part.pos),
            });
            return None;
        };
        let element = self.wsdl_qname(mw, element_q)?;
        if !self.out.elements.contains_key(&element) {
            self.errors.push(ResolveError::UnknownElement {
                name: element.to_string(),
                at: self.wsdl_at(mw, element_q.pos),
            });
            return None;
        }
        Some(element)
    }
}

/// How a binding puts an input or output message into the SOAP body.
struct Body<'a, 'd> {
    /// `soap:body parts=` (None: all parts not sent as headers).
    parts: Option<&'a [String]>,
    /// Parts sent as headers: (message, part).
    headers: &'a [(QName, String)],
    /// The binding operation (for errors).
    at: Pos,
    binding: &'d WsdlDoc,
    /// rpc style: the wrapper element's name.
    wrapper: Option<QName>,
}

fn self_location(docs: &parse::Documents, w: &WsdlDoc, pos: Pos) -> Location {
    Location {
        file: docs.files[w.file].path.clone(),
        line: pos.line,
        col: pos.col,
    }
}
