//! Values in the lexical space of their XSD type that the Rust type cannot hold
//! (a decimal with more than 28 significant digits, an integer overflow) cost one
//! field's diagnostic in lenient decoding, never the whole response; strict
//! decoding refuses them.

use soap_runtime::rt;
use soap_runtime::rt::{DecodeErrorKind, DiagnosticKind};

use crate::{decode, ENV};

fn order(attributes: &str, total: &str) -> String {
    format!(
        "<S:Envelope xmlns:S=\"{ENV}\"><S:Body><m:getOrderResponse xmlns:m=\"urn:example:shop:msg\"><return{attributes}><id>A</id><total>{total}</total><lines><artNo>x</artNo><quantity>2.5</quantity></lines><created>2020-01-01T00:00:00</created></return></m:getOrderResponse></S:Body></S:Envelope>"
    )
}

fn out_of_range(d: &rt::Diagnostic) -> Option<(bool, String)> {
    match &d.kind {
        DiagnosticKind::OutOfRange { error, rounded } => {
            assert!(error.is_out_of_range());
            Some((*rounded, d.path.to_string()))
        }
        _ => None,
    }
}

#[test]
fn a_decimal_with_too_many_digits_is_rounded_with_a_diagnostic() {
    // 31 significant digits: the nearest value with 28 is taken.
    let xml = order("", "1.000000000000000000000000000049");
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    let o = &d.value.r#return;
    assert_eq!(o.total.to_string(), "1.0000000000000000000000000000");
    assert_eq!((o.id.as_str(), o.lines.len()), ("A", 1));
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(
        out_of_range(&d.diagnostics[0]),
        Some((true, "Envelope/Body/getOrderResponse/return/total".into()))
    );
    assert!(d.diagnostics[0].to_string().contains("rounded"));

    let e = decode(&xml, &rt::DecodeOptions::strict())
        .map(|_| ())
        .unwrap_err();
    assert!(
        matches!(&e.kind, DecodeErrorKind::InvalidValue(v) if v.is_out_of_range()),
        "{e}"
    );
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/total");
}

#[test]
fn tiny_amounts_beyond_the_precision_round_to_zero() {
    let xml = order("", "0.000000000000000000000000000000000001");
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    assert!(d.value.r#return.total.is_zero());
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
}

#[test]
fn a_decimal_beyond_the_largest_magnitude_leaves_the_field_out() {
    let xml = order("", "-123456789012345678901234567890.5");
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    let o = &d.value.r#return;
    // The required field is absent: its default, and a second diagnostic saying so.
    assert!(o.total.is_zero());
    assert_eq!((o.id.as_str(), o.lines.len()), ("A", 1));
    let kinds: Vec<_> = d.diagnostics.iter().map(|d| &d.kind).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert_eq!(
        out_of_range(&d.diagnostics[0]),
        Some((false, "Envelope/Body/getOrderResponse/return/total".into()))
    );
    assert_eq!(kinds[1], &DiagnosticKind::MissingRequired("total".into()));
    assert!(decode(&xml, &rt::DecodeOptions::strict()).is_err());
}

#[test]
fn an_integer_overflow_leaves_the_attribute_out() {
    let xml = order(" version=\"99999999999999999999\"", "1");
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    assert_eq!(d.value.r#return.version, None);
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(
        out_of_range(&d.diagnostics[0]),
        Some((
            false,
            "Envelope/Body/getOrderResponse/return/@version".into()
        ))
    );
    let e = decode(&xml, &rt::DecodeOptions::strict())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/@version");
}

#[test]
fn text_outside_the_lexical_space_is_still_an_error() {
    for bad in ["1e5", "abc", "1.2.3"] {
        let e = decode(&order("", bad), &rt::DecodeOptions::default())
            .map(|_| ())
            .unwrap_err();
        assert!(
            matches!(&e.kind, DecodeErrorKind::InvalidValue(v) if !v.is_out_of_range()),
            "{bad}: {e}"
        );
    }
}
