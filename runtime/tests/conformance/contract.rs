//! The hand-written "generated" module compiles against `rt`, round-trips, and
//! decodes what real peers send.

use crate::handwritten;

use handwritten::{msg, shop, types};
use soap_runtime::rt;
use soap_runtime::rt::{DecodeErrorKind, DiagnosticKind, Nillable};

type Response = Result<msg::GetOrderResponse, rt::Fault<shop::GetOrderFault>>;

fn dec(s: &str) -> rt::Decimal {
    <rt::Decimal as rt::SimpleType>::parse_text(s).unwrap_or_else(|e| panic!("{e}"))
}

fn order() -> types::Order {
    types::Order {
        id: types::Id::new("Ord-1").unwrap_or_else(|e| panic!("{e}")),
        total: dec("25.00000"),
        lines: vec![
            types::Line {
                art_no: "BOLT-002".into(),
                quantity: dec("10.00000"),
            },
            types::Line {
                art_no: "NUT & <001>".into(),
                quantity: dec("0.00000000000000000000"),
            },
        ],
        note: Some(Nillable::Value("fragile".into())),
        created: "2013-07-02T12:51:51+02:00"
            .parse()
            .unwrap_or_else(|e| panic!("{e}")),
        state: vec![types::OrderState::Open, types::OrderState::IsShipped],
        version: Some(3),
    }
}

fn decode(xml: &str) -> rt::Decoded<Response> {
    decode_with(xml, &rt::DecodeOptions::default()).unwrap_or_else(|e| panic!("decode: {e}"))
}

fn decode_with(
    xml: &str,
    opts: &rt::DecodeOptions,
) -> Result<rt::Decoded<Response>, rt::DecodeError> {
    rt::envelope::decode_response::<msg::GetOrderResponse, shop::GetOrderFault>(
        &shop::GET_ORDER,
        xml.as_bytes(),
        opts,
    )
}

fn decoded_order(xml: &str) -> (types::Order, Vec<rt::Diagnostic>) {
    let d = decode(xml);
    match d.value {
        Ok(r) => (r.r#return, d.diagnostics),
        Err(f) => panic!("unexpected fault {f:?}"),
    }
}

fn encode(order: types::Order) -> String {
    let xml = rt::envelope::encode_response(
        &shop::GET_ORDER,
        &[],
        &msg::GetOrderResponse { r#return: order },
    );
    String::from_utf8(xml.unwrap_or_else(|e| panic!("encode: {e}"))).unwrap_or_default()
}

#[test]
fn get_order_response_round_trips() {
    let xml = encode(order());
    let (back, diagnostics) = decoded_order(&xml);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(back, order());
}

#[test]
fn encoding_has_the_expected_shape() {
    let xml = encode(order());
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"), "{xml}");
    assert!(xml.contains("<ns1:getOrderResponse xmlns:ns1=\"urn:example:shop:msg\"><return version=\"3\"><id>Ord-1</id><total>25.00000</total>"), "{xml}");
    assert!(
        xml.contains(
            "<artNo>NUT &amp; &lt;001&gt;</artNo><quantity>0.00000000000000000000</quantity>"
        ),
        "{xml}"
    );
    assert!(xml.contains("<created>2013-07-02T12:51:51+02:00</created><state>OPEN</state><state>IS_SHIPPED</state></return></ns1:getOrderResponse>"), "{xml}");
    assert!(xml.ends_with("</soapenv:Body></soapenv:Envelope>"));
}

#[test]
fn nil_and_absent_are_distinct() {
    let mut o = order();
    o.note = Some(Nillable::Nil);
    let xml = encode(o.clone());
    assert!(
        xml.contains(
            "<note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>"
        ),
        "{xml}"
    );
    assert_eq!(decoded_order(&xml).0.note, Some(Nillable::Nil));
    o.note = None;
    let xml = encode(o);
    assert!(!xml.contains("note"));
    assert_eq!(decoded_order(&xml).0.note, None);
}

const PEER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
  <S:Header><x:trace xmlns:x="urn:trace">abc</x:trace></S:Header>
  <S:Body>
    <getOrderResponse xmlns="urn:example:shop:msg">
      <return version=" 7 ">
        <!-- comment -->
        <id>Ord-&#49;</id>
        <total>+25.00000</total>
        <lines xmlns=""><artNo><![CDATA[A<&>B]]></artNo><quantity> 1.50 </quantity></lines>
        <lines><artNo>x&amp;y&lt;&#x7A;&apos;&quot;</artNo><quantity>.5</quantity></lines>
        <note>a <![CDATA[b]]> c</note>
        <created>2013-07-02T12:51:51Z</created>
        <state>OPEN</state>
      </return>
    </getOrderResponse>
  </S:Body>
</S:Envelope>
"#;

#[test]
fn accepts_what_real_peers_send() {
    let (o, diagnostics) = decoded_order(PEER);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(o.id.as_str(), "Ord-1");
    assert_eq!(o.total.to_string(), "25.00000");
    assert_eq!(o.version, Some(7));
    assert_eq!(o.lines.len(), 2);
    assert_eq!(o.lines[0].art_no, "A<&>B");
    assert_eq!(o.lines[0].quantity.to_string(), "1.50");
    assert_eq!(o.lines[1].art_no, "x&y<z'\"");
    assert_eq!(o.lines[1].quantity.to_string(), "0.5");
    assert_eq!(o.note, Some(Nillable::Value("a b c".into())));
    assert_eq!(o.created.to_string(), "2013-07-02T12:51:51Z");
}

#[test]
fn odd_prefixes_bom_and_no_header() {
    let xml = "\u{FEFF}<e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/' xmlns:m='urn:example:shop:msg'><e:Body><m:getOrderResponse><m:return><m:id>A</m:id><total>1</total><created>2020-01-01T00:00:00</created></m:return></m:getOrderResponse></e:Body></e:Envelope>";
    let (o, diagnostics) = decoded_order(xml);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(o.id.as_str(), "A");
    assert_eq!(o.total, dec("1"));
    // the same with the BOM as bytes
    let bytes = xml.as_bytes();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
}

#[test]
fn unknown_elements_are_skipped_and_recorded() {
    let xml = PEER.replace(
        "<state>OPEN</state>",
        "<state>OPEN</state><extra><deep a='1'>x</deep></extra><state>LOST</state>",
    );
    let (o, diagnostics) = decoded_order(&xml);
    assert_eq!(
        o.state,
        vec![
            types::OrderState::Open,
            types::OrderState::Unknown("LOST".into())
        ]
    );
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].kind,
        DiagnosticKind::UnknownElement("{urn:example:shop:msg}extra".into())
    );
    assert_eq!(
        diagnostics[0].path,
        "Envelope/Body/getOrderResponse/return/extra"
    );
    assert!(matches!(&diagnostics[1].kind, DiagnosticKind::Facet(e) if e.is_enumeration()));
    assert_eq!(
        diagnostics[1].path,
        "Envelope/Body/getOrderResponse/return/state[2]"
    );
    assert_eq!(diagnostics[1].line, 15);
    // unknown enum values stay diagnostics in strict mode
    assert!(decode_with(&xml, &rt::DecodeOptions::strict()).is_ok());
}

#[test]
fn missing_required_gets_default_and_diagnostic_or_strict_error() {
    let xml = PEER.replace("<created>2013-07-02T12:51:51Z</created>", "");
    let (o, diagnostics) = decoded_order(&xml);
    assert_eq!(o.created, rt::DateTime::default());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].kind,
        DiagnosticKind::MissingRequired("created".into())
    );
    assert_eq!(
        diagnostics[0].path,
        "Envelope/Body/getOrderResponse/return/created"
    );
    let err = decode_with(&xml, &rt::DecodeOptions::strict()).err();
    let err = err.unwrap_or_else(|| panic!("strict decode accepted a missing element"));
    assert_eq!(err.kind, DecodeErrorKind::MissingRequired("created".into()));
    assert_eq!(err.path, "Envelope/Body/getOrderResponse/return/created");
    assert_eq!((err.line, err.column), (16, 7));
}

#[test]
fn facet_violations_are_diagnostics_on_lenient_decode_and_strict_errors() {
    let xml = PEER.replace("<id>Ord-&#49;</id>", "<id>Ord#1</id>");
    let (o, diagnostics) = decoded_order(&xml);
    assert_eq!(o.id.as_str(), "Ord#1");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        matches!(&diagnostics[0].kind, DiagnosticKind::Facet(e) if !e.is_enumeration()),
        "{diagnostics:?}"
    );
    assert_eq!(
        diagnostics[0].path,
        "Envelope/Body/getOrderResponse/return/id"
    );
    let err = decode_with(&xml, &rt::DecodeOptions::strict()).err();
    assert!(matches!(
        err.map(|e| e.kind),
        Some(DecodeErrorKind::Facet(_))
    ));
}

#[test]
fn invalid_value_says_where() {
    let xml = PEER.replace("<quantity>.5</quantity>", "<quantity>1,5</quantity>");
    let err = decode_with(&xml, &rt::DecodeOptions::default())
        .err()
        .unwrap_or_else(|| panic!("accepted 1,5"));
    assert!(
        matches!(&err.kind, DecodeErrorKind::InvalidValue(v) if v.type_name == "decimal" && v.text == "1,5"),
        "{err}"
    );
    assert_eq!(
        err.path,
        "Envelope/Body/getOrderResponse/return/lines[2]/quantity"
    );
    assert_eq!((err.line, err.column), (12, 70));
}

#[test]
fn decimal_scale_and_datetime_are_kept() {
    for (total, created) in [
        ("25.00000", "2013-07-02T12:51:51+02:00"),
        ("0.00000000000000000000", "2013-07-02T12:51:51.120Z"),
    ] {
        let mut o = order();
        o.total = dec(total);
        o.created = created.parse().unwrap_or_else(|e| panic!("{e}"));
        let xml = encode(o.clone());
        assert!(xml.contains(&format!("<total>{total}</total>")));
        assert!(xml.contains(&format!("<created>{created}</created>")));
        let (back, _) = decoded_order(&xml);
        assert_eq!(back.total.to_string(), total);
        assert_eq!(back.created.to_string(), created);
    }
}

#[test]
fn facets_are_checked_on_encode_with_the_path() {
    let mut o = order();
    o.state.push(types::OrderState::Unknown("LOST".into()));
    let err = rt::envelope::encode_response(
        &shop::GET_ORDER,
        &[],
        &msg::GetOrderResponse { r#return: o },
    )
    .err();
    let err = err.unwrap_or_else(|| panic!("an Unknown enum value was encoded"));
    assert_eq!(err.path, "getOrderResponse/return/state[3]");
    assert_eq!(err.to_string(), "getOrderResponse/return/state[3]: 'LOST' is not one of the listed values (OPEN, IS_SHIPPED)");
    let err =
        rt::envelope::encode_response(&shop::GET_ORDER, &[], &msg::GetOrderResponse::default())
            .err();
    assert_eq!(
        err.map(|e| e.to_string()).as_deref(),
        Some("getOrderResponse/return/id: '' is shorter than minLength 1")
    );
}

const FAULT: &str = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
   <soap:Body>
      <soap:Fault>
         <faultcode>soap:Server</faultcode>
         <faultstring>NullPointerException in OrderDao line 42</faultstring>
         <detail>
            <ns3:shopError xmlns:ns2="urn:other" xmlns:ns3="urn:example:shop:msg">
               <code>8</code>
               <userMessage>Beställningen kan inte hittas.</userMessage>
            </ns3:shopError>
         </detail>
      </soap:Fault>
   </soap:Body>
</soap:Envelope>"#;

#[test]
fn faults_decode_into_the_typed_detail() {
    let fault = match decode(FAULT).value {
        Err(f) => f,
        Ok(r) => panic!("expected a fault, got {r:?}"),
    };
    assert_eq!(
        fault.code,
        rt::QName::new("http://schemas.xmlsoap.org/soap/envelope/", "Server")
    );
    assert!(fault.is_code("Server"));
    assert_eq!(
        fault.faultstring(),
        "NullPointerException in OrderDao line 42"
    );
    assert_eq!(
        fault.detail,
        Some(shop::GetOrderFault::ShopErrorException(msg::ShopError {
            code: 8,
            user_message: "Beställningen kan inte hittas.".into()
        }))
    );
    assert_eq!(fault.raw_detail, None);
    assert_eq!(fault.to_string(), "Beställningen kan inte hittas.");
    assert!(!fault.to_string().contains("NullPointer"));
    assert!(
        format!("{fault:?}").contains("NullPointer"),
        "Debug may show the faultstring"
    );
}

#[test]
fn unknown_fault_detail_is_kept_raw_and_display_is_generic() {
    let xml = FAULT.replace("ns3:shopError", "ns3:otherError");
    let fault = match decode(&xml).value {
        Err(f) => f,
        Ok(r) => panic!("expected a fault, got {r:?}"),
    };
    assert_eq!(fault.detail, None);
    let raw = fault.raw_detail.clone().map(|r| r.0).unwrap_or_default();
    assert!(
        raw.starts_with(
            "<ns3:otherError xmlns:ns2=\"urn:other\" xmlns:ns3=\"urn:example:shop:msg\">"
        ),
        "{raw}"
    );
    assert!(raw.ends_with("</ns3:otherError>"), "{raw}");
    assert_eq!(
        fault.to_string(),
        "the service answered with a SOAP fault (code Server)"
    );
    // the raw detail stands on its own
    let tree = rt::decode_document::<rt::AnyXml>(
        raw.as_bytes(),
        Some("urn:example:shop:msg"),
        "otherError",
        &rt::DecodeOptions::default(),
    );
    assert!(tree.is_ok(), "{tree:?}");
}

#[test]
fn encoded_faults_decode_back() {
    let fault: rt::Fault<shop::GetOrderFault> = rt::Fault::server("db down")
        .with_actor("urn:shop")
        .with_detail(shop::GetOrderFault::ShopErrorException(msg::ShopError {
            code: 3,
            user_message: "Försök igen <senare>.".into(),
        }));
    let xml = rt::envelope::encode_fault(::soap_runtime::rt::SoapVersion::V11, &[], &fault);
    let text = String::from_utf8_lossy(&xml);
    assert!(text.contains("<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>db down</faultstring><faultactor>urn:shop</faultactor><detail><ns1:shopError xmlns:ns1=\"urn:example:shop:msg\"><code>3</code>"), "{text}");
    match decode(&text).value {
        Err(back) => assert_eq!(back, fault),
        Ok(r) => panic!("expected a fault, got {r:?}"),
    }
    let custom: rt::Fault<rt::NoFault> = rt::Fault::new(rt::QName::new("urn:codes", "Busy"), "x");
    let xml = rt::envelope::encode_fault(::soap_runtime::rt::SoapVersion::V11, &[], &custom);
    let back = rt::envelope::decode_response::<msg::GetOrderResponse, rt::NoFault>(
        &shop::GET_ORDER,
        &xml,
        &rt::DecodeOptions::default(),
    );
    assert_eq!(
        back.map(|d| d.value.err().map(|f| f.code)),
        Ok(Some(rt::QName::new("urn:codes", "Busy")))
    );
}

#[test]
fn requests_round_trip_and_peek_finds_the_operation() {
    let request = msg::GetOrder {
        order_id: types::Id::new("Ord-9").unwrap_or_else(|e| panic!("{e}")),
    };
    let xml = rt::envelope::encode_request(&shop::GET_ORDER, &[], &request)
        .unwrap_or_else(|e| panic!("{e}"));
    let op = rt::envelope::peek_operation(&xml, &rt::DecodeOptions::default());
    assert_eq!(op, Ok(rt::QName::new("urn:example:shop:msg", "getOrder")));
    let back = rt::envelope::decode_request::<msg::GetOrder>(
        &shop::GET_ORDER,
        &xml,
        &rt::DecodeOptions::default(),
    );
    assert_eq!(back.map(|d| d.value), Ok(request));
    let wrong = rt::envelope::decode_request::<msg::CancelOrder>(
        &shop::CANCEL_ORDER,
        &xml,
        &rt::DecodeOptions::default(),
    );
    let err = wrong
        .err()
        .unwrap_or_else(|| panic!("wrong operation accepted"));
    assert_eq!(
        err.kind,
        DecodeErrorKind::WrongOperation {
            expected: "{urn:example:shop:msg}cancelOrder".into(),
            found: "{urn:example:shop:msg}getOrder".into()
        }
    );
    assert_eq!(err.path, "Envelope/Body/getOrder");
}

#[test]
fn documents_round_trip() {
    let xml = rt::encode_document(&order(), Some("urn:example:shop:types"), "order")
        .unwrap_or_else(|e| panic!("{e}"));
    let back = rt::decode_document::<types::Order>(
        xml.as_bytes(),
        Some("urn:example:shop:types"),
        "order",
        &rt::DecodeOptions::default(),
    );
    assert_eq!(back.map(|d| d.value), Ok(order()));
}
