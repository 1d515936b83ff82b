//! WSDL services through parse + resolve: operations merged with bindings,
//! messages reduced to element parts, SOAP 1.2 ports kept and marked, errors.

use crate::resolve_support;

use resolve_support::{run, Scratch};
use soap_codegen::resolve::{Body, MessagePart, QName};

/// The element part of a document/literal Body.
fn part(body: &Body) -> &MessagePart {
    match body {
        Body::Element(part) => part,
        other => panic!("not one element part: {other:?}"),
    }
}

const HEAD: &str = r#"<definitions name="Shop" targetNamespace="urn:svc" xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:tns="urn:svc" xmlns:m="urn:m" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <documentation>The <i>shop</i>.</documentation>
  <types>
    <xs:schema targetNamespace="urn:m" elementFormDefault="qualified">
      <xs:element name="ping"><xs:complexType><xs:sequence><xs:element name="v" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="pong" type="xs:string"/>
      <xs:element name="oops" type="xs:string"/>
    </xs:schema>
  </types>"#;

const MESSAGES: &str = r#"
  <message name="ping"><part name="parameters" element="m:ping"/></message>
  <message name="pong"><part name="parameters" element="m:pong"/></message>
  <message name="oops"><part name="fault" element="m:oops"/></message>
  <portType name="ShopPort">
    <documentation>Port doc.</documentation>
    <operation name="ping">
      <documentation>Pings.</documentation>
      <input message="tns:ping"/><output message="tns:pong"/>
      <fault name="Oops" message="tns:oops"><documentation>Went wrong.</documentation></fault>
    </operation>
    <operation name="notify"><input message="tns:ping"/></operation>
  </portType>"#;

fn binding(name: &str, soap: &str, style: &str, body_use: &str) -> String {
    format!(
        r#"
  <binding name="{name}" type="tns:ShopPort">
    <{soap}:binding style="{style}" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="ping">
      <{soap}:operation soapAction="urn:ping"/>
      <input><{soap}:body use="{body_use}"/></input><output><{soap}:body use="literal"/></output>
      <fault name="Oops"><{soap}:fault name="Oops" use="literal"/></fault>
    </operation>
    <operation name="notify"><input><{soap}:body use="literal"/></input></operation>
  </binding>"#
    )
}

fn wsdl(body: &str) -> String {
    format!("{HEAD}{body}\n</definitions>")
}

fn resolve(test: &str, content: &str) -> Result<soap_codegen::resolve::Resolved, String> {
    let scratch = Scratch::new(test);
    run(&[scratch.write("svc.wsdl", content)])
}

#[test]
fn operations_merge_port_type_and_binding() {
    let content = wsdl(&format!(
        r#"{MESSAGES}{}{}
  <service name="ShopService">
    <documentation>Service doc.</documentation>
    <port name="Soap12Port" binding="tns:B12"><soap12:address location="http://h/12"/></port>
    <port name="Port" binding="tns:B"><soap:address location="http://h/svc"/></port>
  </service>"#,
        binding("B", "soap", "document", "literal"),
        binding("B12", "soap12", "document", "literal"),
    ));
    let r = resolve("merge", &content).unwrap_or_else(|e| panic!("{e}"));
    let w = &r.wsdls[0];
    assert_eq!(w.name.as_deref(), Some("Shop"));
    assert_eq!(w.target_ns, "urn:svc");
    assert_eq!(w.doc.as_deref(), Some("The *shop*."));
    let service = &w.services[0];
    assert_eq!(service.doc.as_deref(), Some("Service doc."));
    assert_eq!(service.ports.len(), 2, "both SOAP ports, in document order");
    assert_eq!(service.ports[0].name, "Soap12Port");
    assert!(service.ports[0].soap12);
    let port = &service.ports[1];
    assert!(!port.soap12);
    assert_eq!(port.name, "Port");
    assert_eq!(port.address.as_deref(), Some("http://h/svc"));
    assert_eq!(port.binding, QName::new(Some("urn:svc"), "B"));
    assert_eq!(port.port_type, QName::new(Some("urn:svc"), "ShopPort"));
    assert_eq!(port.doc.as_deref(), Some("Port doc."));
    let ping = &port.operations[0];
    assert_eq!(ping.soap_action, "urn:ping");
    assert_eq!(ping.doc.as_deref(), Some("Pings."));
    assert_eq!(
        part(&ping.input).message,
        QName::new(Some("urn:svc"), "ping")
    );
    assert_eq!(part(&ping.input).part, "parameters");
    assert_eq!(part(&ping.input).element, QName::new(Some("urn:m"), "ping"));
    assert_eq!(
        ping.output
            .as_ref()
            .and_then(|o| o.element())
            .map(|e| e.local.as_str()),
        Some("pong")
    );
    assert_eq!(ping.faults[0].name, "Oops");
    assert_eq!(ping.faults[0].doc.as_deref(), Some("Went wrong."));
    assert_eq!(
        ping.faults[0].part.element,
        QName::new(Some("urn:m"), "oops")
    );
    let notify = &port.operations[1];
    assert_eq!(
        (notify.output.is_none(), notify.soap_action.as_str()),
        (true, "")
    );
    assert!(r.elements.contains_key(&QName::new(Some("urn:m"), "ping")));
}

#[test]
fn an_rpc_encoded_operation_is_one_error_without_follow_ons() {
    let content = wsdl(&format!(
        r#"{MESSAGES}{}
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h"/></port></service>"#,
        binding("B", "soap", "rpc", "encoded"),
    ));
    let e = resolve("rpc", &content).err().unwrap_or_default();
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 1, "{e}");
    assert!(
        lines[0].contains(
            "svc.wsdl:28:14: unsupported binding style: operation `ping` is rpc/encoded (use=\"encoded\")"
        ),
        "{e}"
    );
}

const RPC: &str = r#"<definitions targetNamespace="urn:svc" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:svc" xmlns:m="urn:m"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <types>
    <xs:schema targetNamespace="urn:m">
      <xs:complexType name="point"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:element name="tag" type="xs:string" nillable="true"/>
    </xs:schema>
  </types>
  <message name="in"><part name="at" type="m:point"/><part name="label" type="xs:string"/><part name="tag" element="m:tag"/></message>
  <message name="out"><part name="result" type="xs:boolean"/></message>
  <message name="none"/>
  <portType name="PT">
    <operation name="move"><input message="tns:in"/><output message="tns:out"/></operation>
    <operation name="tick"><input message="tns:none"/><output message="tns:none"/></operation>
    <operation name="fire"><input message="tns:none"/></operation>
  </portType>
  <binding name="B" type="tns:PT"><soap:binding style="rpc"/>
    <operation name="move"><soap:operation soapAction="move"/>
      <input><soap:body use="literal" namespace="urn:wire"/></input><output><soap:body use="literal" namespace="urn:wire"/></output></operation>
    <operation name="tick"><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
    <operation name="fire"><soap:operation style="document"/><input><soap:body use="literal"/></input></operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h"/></port></service>
</definitions>"#;

#[test]
fn rpc_literal_messages_become_wrapper_elements() {
    use soap_codegen::resolve::{ComplexContent, Term, TypeDef, TypeRef};
    let r = resolve("rpc-literal", RPC).unwrap_or_else(|e| panic!("{e}"));
    let ops = &r.wsdls[0].services[0].ports[0].operations;
    let wrapper = |body: &Body| match body {
        Body::Rpc { wrapper, .. } => wrapper.clone(),
        other => panic!("not rpc: {other:?}"),
    };
    let input = wrapper(&ops[0].input);
    assert_eq!(input, QName::new(Some("urn:wire"), "move"));
    let output = ops[0].output.as_ref().map(wrapper);
    assert_eq!(output, Some(QName::new(Some("urn:wire"), "moveResponse")));
    let Some(TypeDef::AnonComplex(ct)) = r.elements.get(&input).map(|e| &e.ty) else {
        panic!("no wrapper element declared: {:?}", r.elements.keys());
    };
    let ComplexContent::Particle(p) = &ct.content else {
        panic!("{ct:?}")
    };
    let Term::Sequence(children) = &p.term else {
        panic!("{p:?}")
    };
    let children: Vec<_> = children
        .iter()
        .map(|c| match &c.term {
            Term::Element(e) => (e.name.clone(), e.ty.clone(), e.nillable),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        children,
        [
            (
                QName::new(None, "at"),
                TypeDef::Ref(TypeRef::Complex(QName::new(Some("urn:m"), "point"))),
                false
            ),
            (
                QName::new(None, "label"),
                TypeDef::Ref(TypeRef::Builtin("string".into())),
                false
            ),
            (
                QName::new(None, "tag"),
                TypeDef::Ref(TypeRef::Builtin("string".into())),
                true
            ),
        ]
    );
    // Without soap:body namespace=, the WSDL's target namespace; no parts: an empty wrapper.
    let tick = wrapper(&ops[1].input);
    assert_eq!(tick, QName::new(Some("urn:svc"), "tick"));
    assert!(matches!(
        r.elements.get(&tick).map(|e| &e.ty),
        Some(TypeDef::AnonComplex(ct)) if ct.content == ComplexContent::Empty
    ));
    // An operation's style= overrides the binding's: a document one-way with an empty Body.
    assert!(matches!(ops[2].input, Body::Empty { .. }), "{:?}", ops[2]);
    assert!(ops[2].output.is_none());
}

#[test]
fn an_rpc_wrapper_clashing_with_a_declared_element_is_an_error() {
    let content = RPC.replace(
        r#"<xs:schema targetNamespace="urn:m">"#,
        r#"<xs:schema targetNamespace="urn:m"/><xs:schema targetNamespace="urn:svc"><xs:element name="tick" type="xs:int"/></xs:schema><xs:schema targetNamespace="urn:m">"#,
    );
    let e = resolve("rpc-clash", &content).err().unwrap_or_default();
    assert!(
        e.contains("duplicate element (an rpc wrapper) `{urn:svc}tick`"),
        "{e}"
    );
}

#[test]
fn zero_part_messages_are_an_empty_body() {
    let content = wsdl(
        r#"
  <message name="nothing"/>
  <message name="pong"><part name="parameters" element="m:pong"/></message>
  <portType name="ShopPort"><operation name="ping"><input message="tns:nothing"/><output message="tns:nothing"/></operation></portType>
  <binding name="B" type="tns:ShopPort"><soap:binding style="document"/>
    <operation name="ping"><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h"/></port></service>"#,
    );
    let r = resolve("zero-part", &content).unwrap_or_else(|e| panic!("{e}"));
    let op = &r.wsdls[0].services[0].ports[0].operations[0];
    let empty = Body::Empty {
        message: QName::new(Some("urn:svc"), "nothing"),
    };
    assert_eq!(op.input, empty);
    assert_eq!(op.output, Some(empty));
}

#[test]
fn an_encoded_operation_is_reported_before_other_errors() {
    // The schema error is found first (schemas are resolved before services).
    let content = wsdl(&format!(
        r#"{MESSAGES}{}
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h"/></port></service>"#,
        binding("B", "soap", "document", "encoded"),
    ))
    .replace(r#"name="oops" type="xs:string""#, r#"name="oops" type="m:missing""#);
    let e = resolve("encoded", &content).err().unwrap_or_default();
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 2, "{e}");
    assert!(
        lines[0].contains(
            "svc.wsdl:28:14: unsupported binding style: operation `ping` is document/encoded (use=\"encoded\")"
        ),
        "{e}"
    );
    assert!(
        lines[1].contains("svc.wsdl:9:7: unknown type") && lines[1].contains("missing"),
        "{e}"
    );
}

#[test]
fn service_with_only_soap12_is_resolved() {
    let content = wsdl(&format!(
        r#"{MESSAGES}{}
  <service name="S"><port name="P" binding="tns:B"><soap12:address location="http://h"/></port></service>"#,
        binding("B", "soap12", "document", "literal"),
    ));
    let r = resolve("soap12", &content).unwrap_or_else(|e| panic!("{e}"));
    let port = &r.wsdls[0].services[0].ports[0];
    assert!(port.soap12);
    assert_eq!(port.address.as_deref(), Some("http://h"));
    assert_eq!(port.operations[0].soap_action, "urn:ping");
}

#[test]
fn service_without_soap_port_is_an_error() {
    let content = wsdl(&format!(
        r#"{MESSAGES}
  <binding name="H" type="tns:ShopPort"><http:binding xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" verb="POST"/></binding>
  <service name="S"><port name="P" binding="tns:H"/></service>"#,
    ));
    let e = resolve("nosoap", &content).err().unwrap_or_default();
    assert!(e.contains("service `S` has no SOAP 1.1 or 1.2 port"), "{e}");
}

#[test]
fn type_parts_and_unknown_names_are_all_reported() {
    let content = wsdl(
        r#"
  <message name="ping"><part name="a" type="xs:string"/></message>
  <message name="two"><part name="a" element="m:ping"/><part name="b" element="m:pong"/></message>
  <message name="ghost"><part name="a" element="m:ghost"/></message>
  <portType name="PT">
    <operation name="one"><input message="tns:ping"/></operation>
    <operation name="two"><input message="tns:two"/></operation>
    <operation name="three"><input message="tns:ghost"/><output message="tns:missing"/></operation>
    <operation name="four"><input message="tns:ping"/></operation>
  </portType>
  <binding name="B" type="tns:PT">
    <soap:binding style="document"/>
    <operation name="one"/><operation name="two"/><operation name="three"/>
  </binding>
  <binding name="C" type="tns:NoPT"><soap:binding style="document"/></binding>
  <service name="S">
    <port name="P" binding="tns:B"><soap:address location="http://h"/></port>
    <port name="Q" binding="tns:C"><soap:address location="http://h"/></port>
    <port name="R" binding="tns:Nothing"><soap:address location="http://h"/></port>
  </service>"#,
    );
    let e = resolve("unknowns", &content).err().unwrap_or_default();
    for expected in [
        "part `a` of message `ping` uses type=, not element=",
        "message `two` has 2 parts",
        "unknown element `{urn:m}ghost`",
        "unknown message `{urn:svc}missing`",
        "binding `B` has no operation `four`",
        "unknown portType `{urn:svc}NoPT`",
        "unknown binding `{urn:svc}Nothing`",
    ] {
        assert!(e.contains(expected), "missing `{expected}` in:\n{e}");
    }
}

#[test]
fn wsdl_import_of_abstract_definitions_and_schema() {
    let scratch = Scratch::new("wsdlimport");
    scratch.write(
        "types.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m"><xs:element name="ping" type="xs:int"/></xs:schema>"#,
    );
    scratch.write(
        "abstract.wsdl",
        r#"<definitions targetNamespace="urn:abs" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:a="urn:abs" xmlns:m="urn:m">
  <import namespace="urn:m" location="types.xsd"/>
  <message name="ping"><part name="p" element="m:ping"/></message>
  <portType name="PT"><operation name="ping"><input message="a:ping"/></operation></portType>
</definitions>"#,
    );
    let main = scratch.write(
        "main.wsdl",
        r#"<definitions targetNamespace="urn:svc" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:a="urn:abs" xmlns:tns="urn:svc" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
  <import namespace="urn:abs" location="abstract.wsdl"/>
  <binding name="B" type="a:PT"><soap:binding style="document"/><operation name="ping"><soap:operation soapAction="x"/></operation></binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h"/></port></service>
</definitions>"#,
    );
    let r = run(&[main]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.files.len(), 3);
    assert_eq!(r.wsdls.len(), 2);
    let op = &r.wsdls[0].services[0].ports[0].operations[0];
    assert_eq!(part(&op.input).element, QName::new(Some("urn:m"), "ping"));
    assert_eq!(part(&op.input).message, QName::new(Some("urn:abs"), "ping"));
}

const HEADER_MESSAGES: &str = r#"
  <types>
    <xs:schema targetNamespace="urn:h" elementFormDefault="qualified">
      <xs:element name="auth" type="xs:string"/>
      <xs:element name="token" type="xs:string"/>
      <xs:element name="req" type="xs:int"/>
      <xs:element name="resp" type="xs:int"/>
    </xs:schema>
  </types>
  <message name="in">
    <part name="header" element="h:auth"/><part name="token" element="h:token"/><part name="body" element="h:req"/>
  </message>
  <message name="out"><part name="body" element="h:resp"/></message>
  <message name="outHeader"><part name="info" type="xs:string"/></message>
  <portType name="PT"><operation name="op"><input message="tns:in"/><output message="tns:out"/></operation></portType>"#;

fn header_wsdl(input_binding: &str) -> String {
    format!(
        r#"<definitions targetNamespace="urn:svc" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:svc" xmlns:h="urn:h"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema">{HEADER_MESSAGES}
  <binding name="B" type="tns:PT"><soap:binding style="document"/>
    <operation name="op"><soap:operation soapAction="op"/>
      <input>{input_binding}</input>
      <output><soap:body use="literal"/><soap:header message="tns:outHeader" part="info" use="literal"/></output>
    </operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h"/></port></service>
</definitions>"#
    )
}

#[test]
fn parts_bound_to_soap_headers_leave_the_body_part() {
    let content = header_wsdl(
        r#"<soap:header message="tns:in" part="header" use="literal"/>
        <soap:header message="tns:in" part="token" use="literal"/><soap:body use="literal"/>"#,
    );
    let r = resolve("headers", &content).unwrap_or_else(|e| panic!("{e}"));
    let op = &r.wsdls[0].services[0].ports[0].operations[0];
    assert_eq!(part(&op.input).part, "body");
    assert_eq!(part(&op.input).element, QName::new(Some("urn:h"), "req"));
    let headers: Vec<_> = op
        .input_headers
        .iter()
        .map(|h| h.element.local.as_str())
        .collect();
    assert_eq!(headers, ["auth", "token"]);
    assert!(
        op.output_headers.is_empty(),
        "a type= header part is not an element header"
    );
    assert_eq!(
        op.output.as_ref().map(|o| part(o).part.as_str()),
        Some("body")
    );
}

#[test]
fn soap_body_parts_selects_the_body_part() {
    let content = header_wsdl(r#"<soap:body parts="body" use="literal"/>"#);
    let r = resolve("bodyparts", &content).unwrap_or_else(|e| panic!("{e}"));
    let op = &r.wsdls[0].services[0].ports[0].operations[0];
    assert_eq!(part(&op.input).element, QName::new(Some("urn:h"), "req"));

    let content = header_wsdl(r#"<soap:body parts="nothing" use="literal"/>"#);
    let e = resolve("bodyparts-bad", &content).err().unwrap_or_default();
    assert!(
        e.contains("message `{urn:svc}in` has no part `nothing`"),
        "{e}"
    );

    let content = header_wsdl(r#"<soap:body use="literal"/>"#);
    let e = resolve("bodyparts-none", &content)
        .err()
        .unwrap_or_default();
    assert!(e.contains("message `in` has 3 parts"), "{e}");

    let content = header_wsdl(
        r#"<soap:header message="tns:in" part="ghost" use="literal"/><soap:body parts="body" use="literal"/>"#,
    );
    let e = resolve("header-unknown-part", &content)
        .err()
        .unwrap_or_default();
    assert!(
        e.contains("message `{urn:svc}in` has no part `ghost`"),
        "{e}"
    );
}

#[test]
fn an_error_in_a_shared_message_is_reported_once() {
    let content = r#"<definitions targetNamespace="urn:svc" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:svc"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
  <message name="in"><part name="p" element="tns:ghost"/></message>
  <portType name="PT">
    <operation name="a"><input message="tns:in"/></operation>
    <operation name="b"><input message="tns:in"/></operation>
  </portType>
  <binding name="B" type="tns:PT"><soap:binding style="document"/><operation name="a"/><operation name="b"/></binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://h"/></port></service>
</definitions>"#;
    let e = resolve("shared-error", content).err().unwrap_or_default();
    assert_eq!(
        e.matches("unknown element `{urn:svc}ghost`").count(),
        1,
        "{e}"
    );
}

#[test]
fn only_the_selected_operations_are_checked() {
    // `notify` uses a two-part message and a second port has an rpc/encoded binding:
    // both are errors for a full run, neither when only `ping` is generated.
    let content = wsdl(&format!(
        r#"{}{}{}
  <service name="S">
    <port name="P" binding="tns:B"><soap:address location="http://h"/></port>
  </service>
  <service name="Old"><port name="R" binding="tns:R"><soap:address location="http://h/old"/></port></service>"#,
        MESSAGES
            .replace(
                r#"<operation name="notify"><input message="tns:ping"/></operation>"#,
                r#"<operation name="notify"><input message="tns:two"/></operation>"#,
            )
            .replace(
                r#"<portType name="ShopPort">"#,
                r#"<message name="two"><part name="a" element="m:ping"/><part name="b" element="m:pong"/></message>
  <portType name="OldPort"><operation name="legacy"><input message="tns:ping"/><output message="tns:pong"/></operation></portType>
  <portType name="ShopPort">"#,
            ),
        binding("B", "soap", "document", "literal"),
        r#"
  <binding name="R" type="tns:OldPort"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="legacy"><soap:operation soapAction=""/><input><soap:body use="encoded"/></input><output><soap:body use="encoded"/></output></operation>
  </binding>"#,
    ));
    let scratch = Scratch::new("selected");
    let path = scratch.write("svc.wsdl", &content);
    let all = soap_codegen::Config::new().wsdl(&path).generate_string();
    let e = all.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        e.lines()
            .next()
            .is_some_and(|l| l.contains("operation `legacy` is rpc/encoded")),
        "{e}"
    );
    assert!(e.contains("message `two` has 2 parts"), "{e}");
    let code = soap_codegen::Config::new()
        .wsdl(&path)
        .operations(["ping"])
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub async fn ping("), "{code}");
    assert!(
        !code.contains("notify") && !code.contains("legacy"),
        "{code}"
    );
}
