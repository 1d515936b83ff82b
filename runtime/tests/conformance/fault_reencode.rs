//! A fault decoded leniently goes out again as a fault every peer can read
//! (regression: the `fault` fuzz target found `<faultcode/>` being sent).

use soap_runtime::rt::{envelope, DecodeOptions, FieldName, NoFault, Operation, QName};

static OP: Operation = Operation {
    name: "op",
    soap_action: "",
    version: soap_runtime::rt::SoapVersion::V11,
    input: soap_runtime::rt::Body::Element(FieldName::qualified("urn:t", "op")),
    output: Some(soap_runtime::rt::Body::Element(FieldName::qualified(
        "urn:t",
        "opResponse",
    ))),
    input_headers: &[],
    output_headers: &[],
};

const NO_CODE: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>"#;

#[test]
fn a_fault_without_faultcode_is_resent_as_server() {
    let decoded = envelope::decode_response::<String, NoFault>(
        &OP,
        NO_CODE.as_bytes(),
        &DecodeOptions::default(),
    )
    .unwrap();
    assert_eq!(decoded.diagnostics.len(), 1, "{:?}", decoded.diagnostics);
    let fault = decoded.value.unwrap_err();
    assert_eq!(fault.code, QName::default());
    let again = envelope::encode_fault(::soap_runtime::rt::SoapVersion::V11, &[], &fault);
    let text = String::from_utf8(again.clone()).unwrap();
    assert!(
        text.contains("<faultcode>soapenv:Server</faultcode>"),
        "{text}"
    );
    let back = envelope::decode_response::<String, NoFault>(&OP, &again, &DecodeOptions::strict())
        .unwrap();
    let back = back.value.unwrap_err();
    assert_eq!(back.code.local, "Server");
    assert_eq!(back.string, "boom");
}

#[test]
fn a_qname_that_is_not_readable_is_not_written() {
    use soap_runtime::rt::SimpleType;
    let mut out = String::new();
    for local in ["", "a b", "1x"] {
        let q = QName {
            namespace: None,
            local: local.into(),
        };
        assert!(q.write_text(&mut out).is_err(), "{local:?}");
    }
    assert!(out.is_empty());
}
