//! `wsdl:definitions` → [`WsdlDoc`].

use super::loader::{Loader, WSDL_NS};
use super::syntax::{
    Binding, BindingOperation, HeaderBinding, Message, MessageBinding, OperationFault, Part, Port,
    PortType, PortTypeOperation, Protocol, SchemaRef, Service, WsdlDoc, XmlElement, XmlNode,
};
use crate::resolve::ir::XSD_NS;

/// The WSDL SOAP 1.1 binding namespace.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// The WSDL SOAP 1.2 binding namespace.
pub const SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";

fn protocol(el: &XmlElement) -> Protocol {
    match el.ns.as_deref() {
        Some(SOAP11_NS) => Protocol::Soap11,
        Some(SOAP12_NS) => Protocol::Soap12,
        _ => Protocol::Other,
    }
}

fn is_soap(el: &XmlElement, local: &str) -> bool {
    el.is(SOAP11_NS, local) || el.is(SOAP12_NS, local)
}

fn docs(el: &XmlElement) -> Vec<XmlElement> {
    el.children_in(WSDL_NS)
        .filter(|d| d.local == "documentation")
        .cloned()
        .collect()
}

impl Loader<'_> {
    /// Parses a WSDL document of `file` (and its inline schemas).
    pub(crate) fn wsdl(&mut self, file: usize, el: XmlElement) {
        let target_ns = self
            .required_attr(file, &el, "targetNamespace")
            .unwrap_or_default();
        let mut doc = WsdlDoc {
            file,
            name: el.attr("name").map(str::to_owned),
            target_ns,
            docs: docs(&el),
            imports: Vec::new(),
            schemas: Vec::new(),
            messages: Vec::new(),
            port_types: Vec::new(),
            bindings: Vec::new(),
            services: Vec::new(),
        };
        for child in el.children {
            let XmlNode::Element(child) = child else {
                continue;
            };
            if child.ns.as_deref() != Some(WSDL_NS) {
                continue;
            }
            match child.local.as_str() {
                "import" => {
                    let location = self.required_attr(file, &child, "location");
                    let target = location
                        .as_deref()
                        .and_then(|loc| self.locate(file, loc, child.pos));
                    doc.imports.push(SchemaRef {
                        namespace: child.attr("namespace").map(str::to_owned),
                        location,
                        file: target,
                        pos: child.pos,
                    });
                }
                "types" => {
                    for schema in child.children {
                        match schema {
                            XmlNode::Element(s) if s.is(XSD_NS, "schema") => {
                                let index = self.schema(file, s);
                                doc.schemas.push(index);
                            }
                            _ => {}
                        }
                    }
                }
                "message" => {
                    if let Some(m) = self.message(file, &child) {
                        doc.messages.push(m);
                    }
                }
                "portType" => {
                    if let Some(p) = self.port_type(file, &child) {
                        doc.port_types.push(p);
                    }
                }
                "binding" => {
                    if let Some(b) = self.binding(file, &child) {
                        doc.bindings.push(b);
                    }
                }
                "service" => {
                    if let Some(s) = self.service(file, &child) {
                        doc.services.push(s);
                    }
                }
                _ => {}
            }
        }
        let index = self.docs.wsdls.len();
        self.docs.wsdls.push(doc);
        self.docs.files[file].wsdl = Some(index);
    }

    fn message(&mut self, file: usize, el: &XmlElement) -> Option<Message> {
        let name = self.required_attr(file, el, "name")?;
        let mut parts = Vec::new();
        for p in el.children_in(WSDL_NS).filter(|p| p.local == "part") {
            let Some(part_name) = self.required_attr(file, p, "name") else {
                continue;
            };
            parts.push(Part {
                name: part_name,
                element: p.qname_attr("element"),
                ty: p.qname_attr("type"),
                pos: p.pos,
            });
        }
        Some(Message {
            name,
            parts,
            pos: el.pos,
        })
    }

    fn port_type(&mut self, file: usize, el: &XmlElement) -> Option<PortType> {
        let name = self.required_attr(file, el, "name")?;
        let mut operations = Vec::new();
        for op in el.children_in(WSDL_NS).filter(|o| o.local == "operation") {
            let Some(op_name) = self.required_attr(file, op, "name") else {
                continue;
            };
            let io = |local: &str| {
                op.child(WSDL_NS, local)
                    .and_then(|e| e.qname_attr("message"))
            };
            let mut faults = Vec::new();
            for f in op.children_in(WSDL_NS).filter(|f| f.local == "fault") {
                let Some(fault_name) = self.required_attr(file, f, "name") else {
                    continue;
                };
                faults.push(OperationFault {
                    name: fault_name,
                    message: f.qname_attr("message"),
                    docs: docs(f),
                    pos: f.pos,
                });
            }
            operations.push(PortTypeOperation {
                name: op_name,
                docs: docs(op),
                input: io("input"),
                output: io("output"),
                faults,
                pos: op.pos,
            });
        }
        Some(PortType {
            name,
            docs: docs(el),
            operations,
            pos: el.pos,
        })
    }

    fn binding(&mut self, file: usize, el: &XmlElement) -> Option<Binding> {
        let name = self.required_attr(file, el, "name")?;
        let soap = el.elements().find(|e| is_soap(e, "binding"));
        let mut operations = Vec::new();
        for op in el.children_in(WSDL_NS).filter(|o| o.local == "operation") {
            let Some(op_name) = self.required_attr(file, op, "name") else {
                continue;
            };
            let soap_op = op.elements().find(|e| is_soap(e, "operation"));
            let mut uses = Vec::new();
            let (mut input, mut output) = (MessageBinding::default(), MessageBinding::default());
            for msg in op.children_in(WSDL_NS) {
                let (body, binding) = match msg.local.as_str() {
                    "input" => (
                        msg.elements().find(|e| is_soap(e, "body")),
                        Some(&mut input),
                    ),
                    "output" => (
                        msg.elements().find(|e| is_soap(e, "body")),
                        Some(&mut output),
                    ),
                    "fault" => (msg.elements().find(|e| is_soap(e, "fault")), None),
                    _ => (None, None),
                };
                if let Some(body) = body {
                    uses.push((body.attr("use").map(str::to_owned), body.pos));
                }
                let Some(binding) = binding else {
                    continue;
                };
                binding.body_parts = body
                    .and_then(|b| b.attr("parts"))
                    .map(|p| p.split_whitespace().map(str::to_owned).collect());
                binding.body_namespace = body.and_then(|b| b.attr("namespace")).map(str::to_owned);
                for header in msg.elements().filter(|e| is_soap(e, "header")) {
                    uses.push((header.attr("use").map(str::to_owned), header.pos));
                    binding.headers.push(HeaderBinding {
                        message: header.qname_attr("message"),
                        part: header.attr("part").map(str::to_owned),
                        pos: header.pos,
                    });
                }
            }
            operations.push(BindingOperation {
                name: op_name,
                soap_action: soap_op
                    .and_then(|s| s.attr("soapAction"))
                    .map(str::to_owned),
                style: soap_op.and_then(|s| s.attr("style")).map(str::to_owned),
                uses,
                input,
                output,
                pos: op.pos,
            });
        }
        Some(Binding {
            name,
            port_type: el.qname_attr("type"),
            protocol: soap.map_or(Protocol::Other, protocol),
            style: soap.and_then(|s| s.attr("style")).map(str::to_owned),
            style_pos: soap.map_or(el.pos, |s| s.pos),
            operations,
            pos: el.pos,
        })
    }

    fn service(&mut self, file: usize, el: &XmlElement) -> Option<Service> {
        let name = self.required_attr(file, el, "name")?;
        let mut ports = Vec::new();
        for p in el.children_in(WSDL_NS).filter(|p| p.local == "port") {
            let Some(port_name) = self.required_attr(file, p, "name") else {
                continue;
            };
            ports.push(Port {
                name: port_name,
                binding: p.qname_attr("binding"),
                address: p
                    .elements()
                    .find(|e| is_soap(e, "address"))
                    .and_then(|a| a.attr("location"))
                    .map(str::to_owned),
                pos: p.pos,
            });
        }
        Some(Service {
            name,
            docs: docs(el),
            ports,
            pos: el.pos,
        })
    }
}
