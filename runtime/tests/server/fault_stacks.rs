//! Faults as real server stacks send them (PHP's SoapServer in particular):
//! always a `Fault`, in lenient and strict mode, with what was bent recorded.

use crate::handwritten;
use crate::server_support;

use handwritten::msg::{self, GetOrder};
use handwritten::shop::{self, GetOrderFault, ShopServiceClient};
use handwritten::types::Id;
use server_support::{raw_server, SHOP_PATH};
use soap_runtime::rt::{self, DiagnosticKind};
use soap_runtime::{ClientBuilder, Error};

type Response = Result<msg::GetOrderResponse, rt::Fault<GetOrderFault>>;

const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// A fault body shaped like PHP's SoapServer writes it: `SOAP-ENV` prefix, the
/// service namespace as `ns1` on the envelope, one line.
fn php_fault(code: &str, detail: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{SOAP}\" xmlns:ns1=\"urn:example:shop:msg\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>{code}</faultcode><faultstring>Order 17 not found</faultstring>{detail}</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"
    )
}

fn decode(xml: &str, strict: bool) -> (rt::Fault<GetOrderFault>, Vec<rt::Diagnostic>) {
    let opts = rt::DecodeOptions {
        strict,
        ..rt::DecodeOptions::default()
    };
    let decoded: rt::Decoded<Response> = rt::envelope::decode_response::<
        msg::GetOrderResponse,
        GetOrderFault,
    >(&shop::GET_ORDER, xml.as_bytes(), &opts)
    .unwrap_or_else(|e| panic!("strict={strict}: the fault was lost: {e}"));
    match decoded.value {
        Err(fault) => (fault, decoded.diagnostics),
        Ok(r) => panic!("expected a fault, got {r:?}"),
    }
}

const GENERIC: &str = "the service answered with a SOAP fault (code Server)";

#[test]
fn an_empty_detail_element_keeps_the_fault_and_the_generic_text() {
    let xml = php_fault("SOAP-ENV:Server", "<detail><ns1:shopError/></detail>");
    for strict in [false, true] {
        let (fault, diagnostics) = decode(&xml, strict);
        assert!(fault.is_code("Server"));
        assert_eq!(fault.faultstring(), "Order 17 not found");
        assert_eq!(fault.detail, None, "an empty element says nothing typed");
        assert_eq!(
            fault.raw_detail.as_ref().map(rt::AnyXml::as_str),
            Some("<ns1:shopError xmlns:ns1=\"urn:example:shop:msg\"/>")
        );
        assert_eq!(fault.user_message(), None);
        assert_eq!(fault.to_string(), GENERIC);
        let err: Error<GetOrderFault> = Error::Fault(Box::new(fault));
        assert_eq!(err.user_message(), "The service reported an error.");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(
            d.kind,
            DiagnosticKind::FaultDetailKeptRaw {
                element: "{urn:example:shop:msg}shopError".into(),
                reason: "the element is empty".into(),
            }
        );
        assert_eq!(d.path, "Envelope/Body/Fault/detail/shopError");
        assert_eq!((d.line, d.column), (2, 234), "at <ns1:shopError");
    }
}

#[test]
fn an_empty_user_message_falls_back_to_the_generic_text() {
    let xml = php_fault(
        "SOAP-ENV:Server",
        "<detail><ns1:shopError><code>8</code><userMessage></userMessage></ns1:shopError></detail>",
    );
    for strict in [false, true] {
        let (fault, diagnostics) = decode(&xml, strict);
        assert_eq!(
            fault.detail,
            Some(GetOrderFault::ShopErrorException(msg::ShopError {
                code: 8,
                user_message: String::new(),
            }))
        );
        assert_eq!(fault.user_message(), None);
        assert_eq!(fault.to_string(), GENERIC);
        assert_eq!(
            Error::Fault(Box::new(fault)).user_message(),
            "The service reported an error."
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }
    let blank = xml.replace(
        "<userMessage></userMessage>",
        "<userMessage> \n </userMessage>",
    );
    assert_eq!(decode(&blank, false).0.to_string(), GENERIC);
}

#[test]
fn a_malformed_faultcode_keeps_the_fault() {
    let xml = php_fault(
        "ns1:soap:Server",
        "<detail><ns1:shopError><code>8</code><userMessage>Finns inte.</userMessage></ns1:shopError></detail>",
    );
    for strict in [false, true] {
        let (fault, diagnostics) = decode(&xml, strict);
        assert_eq!(fault.code, rt::QName::new(SOAP, "Server"));
        assert!(fault.is_code("Server"));
        assert_eq!(fault.faultstring(), "Order 17 not found");
        assert_eq!(fault.to_string(), "Finns inte.");
        assert_eq!(
            diagnostics.iter().map(|d| &d.kind).collect::<Vec<_>>(),
            [&DiagnosticKind::MalformedFaultCode {
                found: "ns1:soap:Server".into(),
                used: rt::QName::new(SOAP, "Server"),
            }]
        );
    }
    // An undeclared prefix on a non-standard code: no namespace, the local part kept.
    let (fault, diagnostics) = decode(&php_fault("app:Busy", ""), true);
    assert_eq!(fault.code, rt::QName::unqualified("Busy"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    // Several prefixes: the one before the local part is resolved.
    let (fault, _) = decode(&php_fault("x:ns1:Busy", ""), false);
    assert_eq!(fault.code, rt::QName::new("urn:example:shop:msg", "Busy"));
}

#[test]
fn an_incomplete_detail_is_typed_with_diagnostics_even_in_strict_mode() {
    let xml = php_fault(
        "SOAP-ENV:Server",
        "<detail>\n<ns1:shopError>\n<code>8</code>\n</ns1:shopError></detail>",
    );
    for strict in [false, true] {
        let (fault, diagnostics) = decode(&xml, strict);
        assert_eq!(
            fault.detail,
            Some(GetOrderFault::ShopErrorException(msg::ShopError {
                code: 8,
                user_message: String::new(),
            }))
        );
        assert_eq!(fault.raw_detail, None);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(
            d.kind,
            DiagnosticKind::MissingRequired("userMessage".into())
        );
        assert_eq!(d.path, "Envelope/Body/Fault/detail/shopError/userMessage");
        assert_eq!(d.line, 5, "{d}");
    }
}

#[test]
fn a_detail_its_type_cannot_read_is_kept_raw() {
    let xml = php_fault(
        "SOAP-ENV:Server",
        "<detail>stray text<ns1:shopError><code>eight</code><userMessage>Nej.</userMessage></ns1:shopError><ns1:trace>at OrderDao</ns1:trace></detail>",
    );
    for strict in [false, true] {
        let (fault, diagnostics) = decode(&xml, strict);
        assert_eq!(fault.detail, None);
        let raw = fault.raw_detail.clone().map(|r| r.0).unwrap_or_default();
        assert!(
            raw.starts_with("<ns1:shopError xmlns:ns1=\"urn:example:shop:msg\"><code>eight</code>"),
            "{raw}"
        );
        assert!(
            raw.ends_with("<ns1:trace xmlns:ns1=\"urn:example:shop:msg\">at OrderDao</ns1:trace>"),
            "{raw}"
        );
        assert_eq!(fault.to_string(), GENERIC);
        let kinds: Vec<_> = diagnostics.iter().map(|d| d.kind.to_string()).collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert_eq!(kinds[0], "text between elements ignored");
        assert!(
            kinds[1].starts_with("fault detail {urn:example:shop:msg}shopError kept raw: ")
                && kinds[1].contains("eight")
                && kinds[1].contains("shopError/code"),
            "{kinds:?}"
        );
    }
}

#[test]
fn a_fault_without_faultstring_is_still_a_fault() {
    let xml = php_fault("SOAP-ENV:Client", "")
        .replace("<faultstring>Order 17 not found</faultstring>", "");
    let (fault, diagnostics) = decode(&xml, true);
    assert!(fault.is_code("Client"));
    assert_eq!(fault.faultstring(), "");
    assert_eq!(
        diagnostics.iter().map(|d| &d.kind).collect::<Vec<_>>(),
        [&DiagnosticKind::MissingRequired("faultstring".into())]
    );
}

#[tokio::test]
async fn a_strict_client_gets_the_php_fault_from_an_http_500() {
    let body = php_fault("ns1:soap:Server", "<detail><ns1:shopError/></detail>");
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    );
    let addr = raw_server(Some(response)).await;
    let client = ShopServiceClient::new(
        ClientBuilder::new(format!("http://{addr}{SHOP_PATH}"))
            .strict(true)
            .build()
            .expect("client builds"),
    );
    let request = GetOrder {
        order_id: Id::new("o-17").expect("valid id"),
    };
    let err = client.get_order(&request).await.expect_err("a fault");
    let fault = err
        .fault()
        .unwrap_or_else(|| panic!("expected a fault, got {err:?}"));
    assert!(fault.is_code("Server"));
    assert_eq!(fault.faultstring(), "Order 17 not found");
    assert_eq!(err.user_message(), "The service reported an error.");
    assert!(!err.is_retryable());
}
