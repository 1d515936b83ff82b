//! The envelope seam: both SOAP versions through one API, header blocks out
//! and back, empty bodies, and SOAP 1.2 faults read as leniently as 1.1 ones.

use crate::handwritten;

use handwritten::msg::ShopError;
use handwritten::shop::GetOrderFault;
use soap_runtime::rt::{
    self, envelope, Body, DecodeOptions, DiagnosticKind, FieldName, HeaderBlock, NoFault,
    Operation, QName, SoapVersion, WriteHeader,
};

const ENV12: &str = "http://www.w3.org/2003/05/soap-envelope";
const SESSION: FieldName = FieldName::qualified("urn:t:h", "session");
const TRACE: FieldName = FieldName::qualified("urn:t:h", "trace");

const fn op(version: SoapVersion, input: Body, output: Option<Body>) -> Operation {
    Operation {
        name: "op",
        soap_action: "urn:t#op",
        version,
        input,
        output,
        input_headers: &[SESSION],
        output_headers: &[],
    }
}

static OP11: Operation = op(
    SoapVersion::V11,
    Body::Element(FieldName::qualified("urn:t", "op")),
    Some(Body::Element(FieldName::qualified("urn:t", "opResponse"))),
);
static OP12: Operation = op(
    SoapVersion::V12,
    Body::Element(FieldName::qualified("urn:t", "op")),
    Some(Body::Element(FieldName::qualified("urn:t", "opResponse"))),
);
static EMPTY12: Operation = op(SoapVersion::V12, Body::Empty, None);
static GET_ORDER12: Operation = op(
    SoapVersion::V12,
    Body::Element(FieldName::qualified("urn:example:shop:msg", "getOrder")),
    Some(Body::Element(FieldName::qualified(
        "urn:example:shop:msg",
        "getOrderResponse",
    ))),
);

fn text(xml: &[u8]) -> &str {
    std::str::from_utf8(xml).unwrap()
}

#[test]
fn header_blocks_are_written_per_version_and_read_back() {
    let session = HeaderBlock::new(SESSION, "s-42".to_owned()).with_must_understand(true);
    let trace = HeaderBlock::new(TRACE, 7_i32).with_role("urn:t:logger");
    let headers: [&dyn WriteHeader; 2] = [&session, &trace];
    for (op, must, role) in [
        (&OP11, "mustUnderstand=\"1\"", "actor=\"urn:t:logger\""),
        (&OP12, "mustUnderstand=\"true\"", "role=\"urn:t:logger\""),
    ] {
        let xml = envelope::encode_request(op, &headers, &"hello".to_owned()).unwrap();
        let body = text(&xml);
        assert!(body.contains(op.version.namespace()), "{body}");
        assert!(body.contains(must) && body.contains(role), "{body}");
        let decoded =
            envelope::decode_request_message::<String>(op, &xml, &DecodeOptions::strict()).unwrap();
        assert_eq!(decoded.value.body, "hello");
        let received = &decoded.value.headers;
        assert_eq!(received.len(), 2);
        let first = received.iter().next().unwrap();
        assert!(first.must_understand);
        assert_eq!(first.name, QName::new("urn:t:h", "session"));
        let got = received.get::<String>(&SESSION).unwrap().unwrap();
        assert_eq!(got.value, "s-42");
        assert_eq!(received.get::<i32>(&TRACE).unwrap().unwrap().value, 7);
        assert_eq!(
            received.find(&TRACE).unwrap().role.as_deref(),
            Some("urn:t:logger")
        );
        assert!(received
            .get::<String>(&FieldName::unqualified("x"))
            .unwrap()
            .is_none());
        // The session block is declared by the operation; the trace block is not
        // for the ultimate receiver: nothing is left not understood.
        assert_eq!(
            received
                .not_understood(op.version, op.input_headers)
                .count(),
            0
        );
        assert_eq!(received.not_understood(op.version, &[]).count(), 1);
    }
}

#[test]
fn a_message_without_header_has_no_header_blocks() {
    let xml = envelope::encode_request(&OP11, &[], &"x".to_owned()).unwrap();
    assert!(!text(&xml).contains("Header"), "{}", text(&xml));
    let decoded =
        envelope::decode_request_message::<String>(&OP11, &xml, &DecodeOptions::default()).unwrap();
    assert!(decoded.value.headers.is_empty());
}

#[test]
fn kept_header_bytes_count_against_the_size_limit() {
    // Each block inherits four namespace declarations when kept raw: more
    // than the message itself once there are enough of them.
    let decls: String = (0..4)
        .map(|i| format!(" xmlns:p{i}='urn:a-long-namespace-name-{i}'"))
        .collect();
    let blocks = "<h:b xmlns:h='urn:h'>p0:x p1:x p2:x p3:x</h:b>".repeat(200);
    let xml = format!(
        "<s:Envelope xmlns:s='{}'{decls}><s:Header>{blocks}</s:Header><s:Body><m:op xmlns:m='urn:t'>v</m:op></s:Body></s:Envelope>",
        SoapVersion::V11.namespace()
    );
    let opts = DecodeOptions {
        max_size: xml.len() + 100,
        ..DecodeOptions::default()
    };
    assert!(envelope::decode_request::<String>(&OP11, xml.as_bytes(), &opts).is_ok());
    let kept = envelope::decode_request_message::<String>(&OP11, xml.as_bytes(), &opts);
    assert!(kept.is_err(), "the raw copies exceed max_size");
}

#[test]
fn an_empty_body_round_trips() {
    let xml = envelope::encode_request(&EMPTY12, &[], &()).unwrap();
    assert!(
        text(&xml).contains("<soapenv:Body></soapenv:Body>"),
        "{}",
        text(&xml)
    );
    let decoded = envelope::decode_request::<()>(&EMPTY12, &xml, &DecodeOptions::strict()).unwrap();
    assert!(decoded.diagnostics.is_empty());
    let answer = envelope::encode_response(&EMPTY12, &[], &()).unwrap();
    let back =
        envelope::decode_response::<(), NoFault>(&EMPTY12, &answer, &DecodeOptions::strict())
            .unwrap();
    assert_eq!(back.value, Ok(()));
    let peeked = envelope::peek(&xml, &DecodeOptions::default()).unwrap();
    assert_eq!((peeked.version, peeked.operation), (SoapVersion::V12, None));
}

#[test]
fn an_envelope_of_the_other_version_is_a_distinct_error() {
    let xml = envelope::encode_request(&OP12, &[], &"x".to_owned()).unwrap();
    let e = envelope::decode_request::<String>(&OP11, &xml, &DecodeOptions::default()).unwrap_err();
    assert_eq!(
        e.kind,
        rt::DecodeErrorKind::VersionMismatch {
            expected: SoapVersion::V11,
            found: SoapVersion::V12
        }
    );
}

#[test]
fn a_soap12_fault_round_trips_with_subcodes_node_role_and_typed_detail() {
    let detail = GetOrderFault::ShopErrorException(ShopError {
        code: 17,
        user_message: "Order 17 is unknown".into(),
    });
    let fault = rt::Fault::client("no such order")
        .with_subcode(QName::new("urn:t:err", "NotFound"))
        .with_subcode(QName::new("urn:t:err", "Order"))
        .with_node("urn:t:node")
        .with_actor("urn:t:role")
        .with_detail(detail.clone());
    let xml = envelope::encode_fault(SoapVersion::V12, &[], &fault);
    let body = text(&xml);
    assert!(
        body.contains("<soapenv:Value>soapenv:Sender</soapenv:Value>"),
        "{body}"
    );
    assert!(body.contains("xml:lang=\"en\""), "{body}");
    let decoded = envelope::decode_response::<String, GetOrderFault>(
        &GET_ORDER12,
        &xml,
        &DecodeOptions::strict(),
    )
    .unwrap();
    assert!(decoded.diagnostics.is_empty(), "{:?}", decoded.diagnostics);
    let back = decoded.value.unwrap_err();
    assert_eq!(back.code, QName::new(ENV12, "Sender"));
    assert!(back.is_code("Client") && back.is_code("Sender"));
    assert_eq!(back.subcodes, fault.subcodes);
    assert_eq!(back.string, "no such order");
    assert_eq!(back.node.as_deref(), Some("urn:t:node"));
    assert_eq!(back.actor.as_deref(), Some("urn:t:role"));
    assert_eq!(back.detail, Some(detail));
    assert_eq!(back.to_string(), "Order 17 is unknown");
    assert_eq!(
        SoapVersion::V12.fault_status(&back.code),
        http::StatusCode::BAD_REQUEST
    );
}

fn fault12(inner: &str) -> Vec<u8> {
    format!(
        "<env:Envelope xmlns:env='{ENV12}' xmlns:m='urn:example:shop:msg'><env:Body><env:Fault>{inner}</env:Fault></env:Body></env:Envelope>"
    )
    .into_bytes()
}

fn decode12(inner: &str, strict: bool) -> (rt::Fault<GetOrderFault>, Vec<rt::Diagnostic>) {
    let opts = DecodeOptions {
        strict,
        ..DecodeOptions::default()
    };
    let decoded =
        envelope::decode_response::<String, GetOrderFault>(&GET_ORDER12, &fault12(inner), &opts)
            .unwrap();
    (decoded.value.unwrap_err(), decoded.diagnostics)
}

#[test]
fn a_soap12_fault_without_reason_is_kept() {
    for strict in [false, true] {
        let (fault, diagnostics) = decode12(
            "<env:Code><env:Value>env:Receiver</env:Value></env:Code>",
            strict,
        );
        assert!(fault.is_code("Server"));
        assert_eq!(fault.string, "");
        assert!(
            diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::MissingRequired("Reason".into())),
            "{diagnostics:?}"
        );
    }
}

#[test]
fn a_soap12_fault_with_an_unknown_or_malformed_code_is_kept() {
    let (fault, _) = decode12(
        "<env:Code><env:Value>m:Busy</env:Value></env:Code><env:Reason><env:Text xml:lang='sv'>Upptagen</env:Text><env:Text xml:lang='en'>Busy</env:Text></env:Reason>",
        true,
    );
    assert_eq!(fault.code, QName::new("urn:example:shop:msg", "Busy"));
    assert_eq!(fault.string, "Upptagen");

    let (fault, diagnostics) = decode12(
        "<env:Code><env:Value>ns1:env:Sender</env:Value></env:Code><env:Reason><env:Text>bad</env:Text></env:Reason>",
        true,
    );
    assert_eq!(fault.code, QName::new(ENV12, "Sender"));
    assert!(
        matches!(&diagnostics[..], [d] if matches!(d.kind, DiagnosticKind::MalformedFaultCode { .. })),
        "{diagnostics:?}"
    );

    let (fault, diagnostics) = decode12(
        "<env:Reason><env:Text>no code</env:Text></env:Reason>",
        false,
    );
    assert_eq!(fault.string, "no code");
    assert!(diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::MissingRequired("Code".into())));
}

#[test]
fn a_soap12_fault_with_an_empty_detail_falls_back_to_the_generic_text() {
    for detail in ["<env:Detail/>", "<env:Detail><m:shopError/></env:Detail>"] {
        let (fault, _) = decode12(
            &format!("<env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text>boom</env:Text></env:Reason>{detail}"),
            true,
        );
        assert_eq!(fault.detail, None, "{detail}");
        assert_eq!(
            fault.to_string(),
            "the service answered with a SOAP fault (code Receiver)"
        );
        assert_eq!(fault.string, "boom");
    }
}
