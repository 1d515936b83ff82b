//! Services, ports and operations: messages, fault details, descriptors.

use super::*;

impl Builder<'_> {
    /// The message of a Body: `Some(None)` when it is empty, None on errors.
    pub(super) fn body(
        &mut self,
        body: &resolve::Body,
        location: &Location,
    ) -> Option<Option<Message>> {
        let Some(element) = body.element() else {
            return Some(None);
        };
        let ty = self.element_type(element, location)?;
        Some(Some(Message {
            element: xml_name(element),
            ty,
        }))
    }

    pub(super) fn build_services(&mut self) {
        let resolved = self.resolved;
        // SOAP 1.1 ports first, so that their descriptors keep the plain names.
        for soap12 in [false, true] {
            for wsdl in &resolved.wsdls {
                let module = self.module(&wsdl.target_ns);
                for service in &wsdl.services {
                    let beside = soap12 && service.ports.iter().any(|p| !p.soap12);
                    let ports: Vec<_> = service
                        .ports
                        .iter()
                        .filter(|p| p.soap12 == soap12)
                        .collect();
                    let several = ports.len() > 1;
                    for port in ports {
                        let base = match (several, beside) {
                            (true, _) => naming::type_name(&port.name),
                            (false, false) => naming::type_name(&service.name),
                            (false, true) => naming::type_name(&format!("{}Soap12", service.name)),
                        };
                        let twin = self.soap11_twin(&module, service, port);
                        self.build_port(&module, service, port, &base, twin);
                    }
                }
            }
        }
    }

    /// For a SOAP 1.2 port, the server trait of a SOAP 1.1 port of the same
    /// service with the same portType and operations (its server then
    /// dispatches to the same implementation).
    pub(super) fn soap11_twin(
        &self,
        module: &str,
        service: &resolve::Service,
        port: &resolve::Port,
    ) -> Option<String> {
        if !port.soap12 {
            return None;
        }
        let names = |p: &resolve::Port| {
            p.operations
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
        };
        let twin = service
            .ports
            .iter()
            .find(|p| !p.soap12 && p.port_type == port.port_type && names(p) == names(port))?;
        self.services
            .get(module)?
            .iter()
            .find(|s| s.service == service.name && s.port == twin.name)
            .map(|s| s.server_trait.clone())
    }

    /// Takes the names of the statics the emitter derives from type names,
    /// so that operation descriptors do not collide with them.
    pub(super) fn reserve_type_statics(&mut self) {
        for (module, types) in &self.types {
            let statics = self.statics.entry(module.clone()).or_default();
            for (_, ty) in types {
                statics.unique(naming::type_static(&ty.name, "FIELDS"));
                statics.unique(naming::type_static(&ty.name, "WILDCARDS"));
                statics.unique(naming::type_static(&ty.name, "FACETS"));
                if let TypeKind::Newtype(n) = &ty.kind {
                    for i in 0..n.facets.patterns.len() {
                        statics.unique(naming::type_static(&ty.name, &format!("PATTERN_{i}")));
                    }
                }
            }
        }
    }

    pub(super) fn build_port(
        &mut self,
        module: &str,
        service: &resolve::Service,
        port: &resolve::Port,
        base: &str,
        shared_trait: Option<String>,
    ) {
        let client = self.unique_type_name(module, format!("{}Client", naming::unraw(base)));
        let own_trait = shared_trait.is_none();
        let server_trait =
            shared_trait.unwrap_or_else(|| self.unique_type_name(module, base.to_string()));
        let server = self.unique_type_name(module, format!("{}Server", naming::unraw(base)));
        let operations_static =
            self.statics
                .entry(module.to_string())
                .or_default()
                .unique(format!(
                    "{}_OPERATIONS",
                    naming::constant_name(naming::unraw(base))
                ));
        // The client's own methods.
        let mut methods = Names::new();
        methods.unique("new".to_string());
        methods.unique("inner".to_string());
        let mut indexes = Vec::new();
        for op in &port.operations {
            if let Some(i) = self.operation(module, op, port.soap12, &mut methods) {
                indexes.push(i);
            }
        }
        self.services
            .entry(module.to_string())
            .or_default()
            .push(Service {
                service: service.name.clone(),
                port: port.name.clone(),
                client,
                server_trait,
                own_trait,
                server,
                operations_static,
                address: port.address.clone(),
                doc: port.doc.clone().or_else(|| service.doc.clone()),
                operations: indexes,
            });
    }

    /// The operation's index in the module (`soap12`: of a SOAP 1.2 port).
    /// The SOAP 1.2 twin of a SOAP 1.1 operation gets a `_SOAP12`
    /// descriptor and shares the fault enum.
    pub(super) fn operation(
        &mut self,
        module: &str,
        op: &resolve::Operation,
        soap12: bool,
        methods: &mut Names,
    ) -> Option<usize> {
        let input = self.body(&op.input, &op.location);
        let output = op.output.as_ref().map(|b| self.body(b, &op.location));
        let mut variants = Vec::new();
        let mut variant_names = Names::new();
        for f in &op.faults {
            let Some(ty) = self.element_type(&f.part.element, &op.location) else {
                continue;
            };
            let user_message = self.user_message(&f.part.element, &ty, &op.location);
            variants.push(FaultVariant {
                variant: variant_names.unique(naming::type_name(&f.name)),
                fault: f.name.clone(),
                element: xml_name(&f.part.element),
                ty,
                doc: f.doc.clone(),
                user_message,
            });
        }
        let input = input?;
        let output = match output {
            None => None,
            Some(message) => {
                let message = message?;
                let unwrap = match message.as_ref().map(|m| self.struct_of(&m.ty)) {
                    None => Unwrap::Empty,
                    Some(Some(s)) if s.attributes.is_empty() && s.text.is_none() => {
                        match s.fields.as_slice() {
                            [] => Unwrap::Empty,
                            [Field::Element(f)] => Unwrap::Field {
                                name: f.name.clone(),
                                ty: f.ty.clone(),
                            },
                            _ => Unwrap::Whole,
                        }
                    }
                    Some(_) => Unwrap::Whole,
                };
                Some(Output { message, unwrap })
            }
        };
        // The same operation on another port of the same portType is shared.
        let same = |o: &Operation| {
            o.name == op.name
                && o.soap_action == op.soap_action
                && o.input == input
                && o.output == output
                && o.faults.as_ref().map(|f| &f.variants)
                    == Some(&variants).filter(|v| !v.is_empty())
        };
        let ops = self
            .operations
            .get(module)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some(i) = ops.iter().position(|o| same(o) && o.soap12 == soap12) {
            methods.unique(self.operations[module][i].method.clone());
            if let Some(h) = &self.operations[module][i].headers {
                methods.unique(h.method.clone());
            }
            return Some(i);
        }
        let other_headers = ops.iter().find(|o| same(o)).map(|o| o.headers.clone());
        let other_version = ops.iter().find(|o| same(o)).map(|o| o.faults.clone());
        let twin = soap12 && ops.iter().any(|o| !o.soap12 && o.name == op.name);
        let faults = if let Some(faults) = other_version {
            faults
        } else if variants.is_empty() {
            None
        } else {
            let stem = naming::type_name(&op.name);
            let stem = naming::unraw(&stem);
            Some(FaultEnum {
                name: self.unique_type_name(module, format!("{stem}Fault")),
                error_alias: self.unique_type_name(module, format!("{stem}Error")),
                variants,
            })
        };
        let descriptor = self
            .statics
            .entry(module.to_string())
            .or_default()
            .unique(match twin {
                true => format!("{}_SOAP12", naming::constant_name(&op.name)),
                false => naming::constant_name(&op.name),
            });
        let method = methods.unique(naming::field_name(&op.name));
        let headers = match other_headers {
            Some(headers) => {
                if let Some(h) = &headers {
                    methods.unique(h.method.clone());
                }
                headers
            }
            None => self.operation_headers(module, op, &method, methods),
        };
        let ops = self.operations.entry(module.to_string()).or_default();
        ops.push(Operation {
            name: op.name.clone(),
            method,
            descriptor,
            soap_action: op.soap_action.clone(),
            soap12,
            doc: op.doc.clone(),
            input,
            output,
            faults,
            headers,
        });
        Some(ops.len() - 1)
    }

    pub(super) fn user_message(
        &mut self,
        element: &QName,
        ty: &RustType,
        location: &Location,
    ) -> Option<UserMessage> {
        let el_text = simple::qname_text(element);
        let type_text = self
            .resolved
            .elements
            .get(element)
            .and_then(|e| match &e.ty {
                resolve::TypeDef::Ref(TypeRef::Complex(q)) => Some(simple::qname_text(q)),
                _ => None,
            });
        let (_, field) = self
            .options
            .user_messages
            .iter()
            .find(|(t, _)| *t == el_text || Some(t) == type_text.as_ref())?;
        let found = self.struct_of(ty).and_then(|s| {
            s.fields.iter().find_map(|f| match f {
                Field::Element(e) if e.xml.local == *field => Some(UserMessage {
                    field: e.name.clone(),
                    occurrence: e.ty.occurrence,
                    ty: e.ty.ty.clone(),
                }),
                _ => None,
            })
        });
        if found.is_none() {
            self.errors.push(ModelError::Config {
                what: format!("user_message: `{el_text}` has no element field `{field}`"),
                location: location.clone(),
            });
        }
        found
    }
}
