//! Hostile and broken input: every refusal is a typed error that says where.

use crate::handwritten;

use handwritten::{msg, shop};
use soap_runtime::rt;
use soap_runtime::rt::DecodeErrorKind as K;

const ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";

fn decode_with(xml: &[u8], opts: &rt::DecodeOptions) -> Result<(), rt::DecodeError> {
    rt::envelope::decode_response::<msg::GetOrderResponse, shop::GetOrderFault>(
        &shop::GET_ORDER,
        xml,
        opts,
    )
    .map(|_| ())
}

fn error(xml: &[u8]) -> rt::DecodeError {
    error_with(xml, &rt::DecodeOptions::default())
}

fn error_with(xml: &[u8], opts: &rt::DecodeOptions) -> rt::DecodeError {
    match decode_with(xml, opts) {
        Err(e) => e,
        Ok(()) => panic!("accepted: {}", String::from_utf8_lossy(xml)),
    }
}

fn envelope(body: &str) -> String {
    format!("<S:Envelope xmlns:S=\"{ENV}\">\n<S:Body>\n{body}\n</S:Body>\n</S:Envelope>")
}

fn response(order_content: &str) -> String {
    envelope(&format!("<m:getOrderResponse xmlns:m=\"urn:example:shop:msg\"><return>{order_content}</return></m:getOrderResponse>"))
}

const GOOD: &str = "<id>A</id><total>1</total><created>2020-01-01T00:00:00</created>";

#[test]
fn the_baseline_decodes() {
    assert_eq!(
        decode_with(response(GOOD).as_bytes(), &rt::DecodeOptions::strict()),
        Ok(())
    );
}

#[test]
fn a_dtd_is_refused() {
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n{}",
        response("<id>&lol2;</id>")
    );
    let e = error(xml.as_bytes());
    assert_eq!(e.kind, K::DtdForbidden);
    assert_eq!((e.path.as_str(), e.line, e.column), ("", 2, 1));
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    let depth = 10_000;
    let bomb = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let e = error(response(&bomb).as_bytes());
    assert_eq!(e.kind, K::DepthLimit { limit: 64 });
    assert!(
        e.path
            .starts_with("Envelope/Body/getOrderResponse/return/a/a/"),
        "{}",
        e.path
    );
    assert_eq!(e.path.matches('/').count(), 63);
    // Envelope, Body, getOrderResponse and return take 4 levels; the 61st <a> is the 65th level.
    assert_eq!((e.line, e.column), (3, 59 + 60 * 3 + 1));
}

#[test]
fn more_elements_than_the_limit_are_refused() {
    let opts = rt::DecodeOptions {
        max_elements: 10,
        ..Default::default()
    };
    let lines = "<lines><artNo>x</artNo><quantity>1</quantity></lines>".repeat(5);
    let e = error_with(response(&format!("{GOOD}{lines}")).as_bytes(), &opts);
    assert_eq!(e.kind, K::ElementLimit { limit: 10 });
    // Envelope, Body, getOrderResponse, return, id, total, created, lines, artNo,
    // quantity: the second <lines> is the 11th element.
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return");
    assert_eq!((e.line, e.column), (3, 59 + GOOD.len() as u32 + 53 + 1));
}

#[test]
fn messages_over_the_size_limit_are_refused_before_parsing() {
    let opts = rt::DecodeOptions {
        max_size: 100,
        ..Default::default()
    };
    let xml = response(GOOD);
    let e = error_with(xml.as_bytes(), &opts);
    assert_eq!(
        e.kind,
        K::SizeLimit {
            limit: 100,
            size: xml.len()
        }
    );
    assert_eq!((e.path.as_str(), e.line, e.column), ("", 0, 0));
}

#[test]
fn a_truncated_document_is_refused() {
    let xml = response(GOOD);
    let cut = &xml[..xml.find("<created>").unwrap_or(0) + 12];
    let e = error(cut.as_bytes());
    assert_eq!(e.kind, K::Truncated);
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/created");
    assert_eq!((e.line, e.column), (3, 98));
    let e = error(&xml.as_bytes()[..xml.len() - 3]);
    assert_eq!(e.kind, K::Truncated);
    assert_eq!(e.path, "Envelope");
    assert_eq!(error(b"").kind, K::Truncated);
}

#[test]
fn a_mismatched_end_tag_is_refused() {
    let e = error(response("<id>A</ids>").as_bytes());
    assert_eq!(
        e.kind,
        K::MismatchedEndTag {
            expected: "id".into(),
            found: "ids".into()
        }
    );
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/id");
    assert_eq!((e.line, e.column), (3, 65));
}

#[test]
fn an_undeclared_prefix_is_refused() {
    let e = error(response("<x:id>A</x:id>").as_bytes());
    assert_eq!(e.kind, K::UndeclaredPrefix("x".into()));
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return");
    assert_eq!((e.line, e.column), (3, 60));
    let e = error(response("<id y:a='1'>A</id>").as_bytes());
    assert_eq!(e.kind, K::UndeclaredPrefix("y".into()));
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let mut xml = response("<id>AQ</id>").into_bytes();
    let at = xml.iter().position(|b| *b == b'Q').unwrap_or(0);
    xml[at] = 0xFF;
    let e = error(&xml);
    assert_eq!(e.kind, K::InvalidUtf8);
    assert_eq!((e.line, e.column), (3, 65));
}

#[test]
fn garbage_is_refused() {
    for garbage in [
        &b"hello world"[..],
        b"<<<>>>",
        b"\x00\x01\x02",
        b"<a",
        b"<a></a><b/>",
        b"{\"json\": true}",
    ] {
        let e = error(garbage);
        assert!(
            matches!(
                e.kind,
                K::Syntax(_) | K::Truncated | K::NotAnEnvelope { .. }
            ),
            "{garbage:?}: {e}"
        );
        assert!(e.line >= 1, "{e}");
    }
    let e = error(b"<a></a><b/>");
    assert!(
        matches!(e.kind, K::NotAnEnvelope { .. } | K::Syntax(_)),
        "{e}"
    );
}

#[test]
fn an_unknown_entity_is_refused() {
    let e = error(response("<id>a&nbsp;b</id>").as_bytes());
    assert_eq!(e.kind, K::UnknownEntity("nbsp".into()));
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/id");
}

#[test]
fn envelope_structure_errors_are_distinct() {
    let soap12 =
        "<e:Envelope xmlns:e='http://www.w3.org/2003/05/soap-envelope'><e:Body/></e:Envelope>";
    let e = error(soap12.as_bytes());
    assert_eq!(
        e.kind,
        K::VersionMismatch {
            expected: rt::SoapVersion::V11,
            found: rt::SoapVersion::V12,
        }
    );
    let e = error(b"<e:Envelope xmlns:e='urn:not-soap'><e:Body/></e:Envelope>");
    assert_eq!(
        e.kind,
        K::WrongEnvelopeNamespace {
            found: "urn:not-soap".into()
        }
    );
    assert_eq!((e.path.as_str(), e.line, e.column), ("Envelope", 1, 1));

    let e = error(b"<order/>");
    assert_eq!(
        e.kind,
        K::NotAnEnvelope {
            found: "order".into()
        }
    );

    let e = error(format!("<S:Envelope xmlns:S='{ENV}'><S:Header/></S:Envelope>").as_bytes());
    assert_eq!(e.kind, K::MissingBody);
    assert_eq!(e.path, "Envelope");

    let e = error(envelope("").as_bytes());
    assert!(
        matches!(e.kind, K::WrongOperation { ref found, .. } if found == "nothing"),
        "{e}"
    );

    let e = error(envelope("<m:cancelOrderResponse xmlns:m='urn:example:shop:msg'/>").as_bytes());
    assert_eq!(
        e.kind,
        K::WrongOperation {
            expected: "{urn:example:shop:msg}getOrderResponse".into(),
            found: "{urn:example:shop:msg}cancelOrderResponse".into()
        }
    );
    assert_eq!(
        (e.path.as_str(), e.line, e.column),
        ("Envelope/Body/cancelOrderResponse", 3, 1)
    );
}

#[test]
fn an_element_where_text_belongs_is_refused() {
    let e = error(response("<id><b>A</b></id>").as_bytes());
    assert_eq!(e.kind, K::UnexpectedElement { found: "b".into() });
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/id/b");
    assert_eq!((e.line, e.column), (3, 64));
}

#[test]
fn no_prefix_of_a_document_panics() {
    let xml = response(&format!("{GOOD}<lines><artNo>&amp;<![CDATA[x]]></artNo><quantity>1</quantity></lines><note xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:nil='true'/>"));
    let bytes = xml.as_bytes();
    assert_eq!(decode_with(bytes, &rt::DecodeOptions::default()), Ok(()));
    for end in 0..bytes.len() {
        let _ = decode_with(&bytes[..end], &rt::DecodeOptions::default());
    }
    for at in 0..bytes.len() {
        for replacement in [b'<', b'>', b'&', b'/', b'"', 0xC3] {
            let mut broken = bytes.to_vec();
            broken[at] = replacement;
            let _ = decode_with(&broken, &rt::DecodeOptions::strict());
        }
    }
}

#[test]
fn diagnostics_are_capped() {
    let unknown = "<x/>".repeat(200_000);
    let xml = response(&format!("{GOOD}{unknown}"));
    let decoded = rt::envelope::decode_response::<msg::GetOrderResponse, shop::GetOrderFault>(
        &shop::GET_ORDER,
        xml.as_bytes(),
        &rt::DecodeOptions::default(),
    );
    let diagnostics = decoded
        .map(|d| d.diagnostics)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(diagnostics.len(), rt::MAX_DIAGNOSTICS + 1);
    assert_eq!(
        diagnostics[0].kind,
        rt::DiagnosticKind::UnknownElement("x".into())
    );
    assert_eq!(
        diagnostics[rt::MAX_DIAGNOSTICS].kind,
        rt::DiagnosticKind::Suppressed
    );
}

#[test]
fn character_references_in_namespace_names_are_refused() {
    let xml = envelope("<m:getOrderResponse xmlns:m=\"urn:example:shop:m&#115;g\"/>");
    let e = error(xml.as_bytes());
    assert!(matches!(e.kind, K::Syntax(_)), "{e}");
    assert_eq!((e.line, e.column), (3, 1));
}
