//! Duplicates of single-valued elements and attributes: the first occurrence is
//! kept, each later one is a diagnostic naming both positions (lenient) or an
//! error (strict). A second `<id>`, `<total>` or `<return>` never silently wins.

use soap_runtime::rt;
use soap_runtime::rt::{DecodeErrorKind, DiagnosticKind};

use crate::{decode, ENV};

/// The body on line 2, the order's content from column 1 of line 3.
fn response(returns: &str) -> String {
    format!(
        "<S:Envelope xmlns:S=\"{ENV}\"><S:Body>\n<m:getOrderResponse xmlns:m=\"urn:example:shop:msg\">\n{returns}</m:getOrderResponse></S:Body></S:Envelope>"
    )
}

fn order(content: &str) -> String {
    response(&format!("<return>{content}</return>"))
}

fn duplicate(first_line: u32, first_column: u32) -> DiagnosticKind {
    DiagnosticKind::Duplicate {
        first_line,
        first_column,
    }
}

#[test]
fn a_second_id_is_a_diagnostic_and_the_first_is_kept() {
    let xml = order("<id>A</id><id>B</id><total>1</total><created>2020-01-01T00:00:00</created>");
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    assert_eq!(d.value.r#return.id.as_str(), "A");
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    let diag = &d.diagnostics[0];
    // `<return>` is at column 1; `<id>` at 9, the second `<id>` at 19.
    assert_eq!(diag.kind, duplicate(3, 9));
    assert_eq!((diag.line, diag.column), (3, 19));
    assert_eq!(diag.path, "Envelope/Body/getOrderResponse/return/id[2]");
    let text = diag.to_string();
    assert!(
        text.contains("line 3, column 9") && text.contains("line 3, column 19"),
        "{text}"
    );
}

#[test]
fn a_second_amount_never_replaces_the_first() {
    // Not adjacent: the second total comes after other fields.
    let xml = order(
        "<id>A</id><total>10.00</total><created>2020-01-01T00:00:00</created><total>99999.00</total>",
    );
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    assert_eq!(d.value.r#return.total, rt::Decimal::new(1000, 2));
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].kind, duplicate(3, 19));
    assert_eq!(
        d.diagnostics[0].path,
        "Envelope/Body/getOrderResponse/return/total"
    );

    let e = decode(&xml, &rt::DecodeOptions::strict())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::Duplicate {
            first_line: 3,
            first_column: 19
        }
    );
    assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/total");
    assert_eq!((e.line, e.column), (3, 77));
}

#[test]
fn a_second_return_is_skipped_even_when_it_differs_entirely() {
    let first = "<return><id>A</id><total>1</total><created>2020-01-01T00:00:00</created></return>";
    let second = "<return><id>B</id><total>2</total><created>2021-01-01T00:00:00</created><unknown/></return>";
    let xml = response(&format!("{first}\n{second}"));
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    assert_eq!(d.value.r#return.id.as_str(), "A");
    assert_eq!(d.value.r#return.total, rt::Decimal::from(1));
    // The skipped duplicate's content is not decoded (its unknown child is not reported).
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].kind, duplicate(3, 1));
    assert_eq!((d.diagnostics[0].line, d.diagnostics[0].column), (4, 1));
    assert!(decode(&xml, &rt::DecodeOptions::strict()).is_err());
}

#[test]
fn nillable_and_list_fields() {
    // `note` is optional and nillable: a nil after a value is a duplicate too.
    // `state` is a list: repeats are items, not duplicates.
    let xml = order(
        "<id>A</id><total>1</total><note>x</note><note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/><created>2020-01-01T00:00:00</created><state>OPEN</state><state>IS_SHIPPED</state>",
    );
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    assert_eq!(d.value.r#return.note, Some(rt::Nillable::Value("x".into())));
    assert_eq!(d.value.r#return.state.len(), 2);
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].kind, duplicate(3, 35));
    assert_eq!(
        d.diagnostics[0].path,
        "Envelope/Body/getOrderResponse/return/note[2]"
    );
}

#[test]
fn duplicates_in_every_item_each_name_their_own_first() {
    let item = "<lines><artNo>a</artNo><artNo>b</artNo><quantity>1</quantity></lines>";
    let xml = order(&format!(
        "<id>A</id><total>1</total>{}<created>2020-01-01T00:00:00</created>",
        item.repeat(3)
    ));
    let d = decode(&xml, &rt::DecodeOptions::default()).unwrap();
    let lines = &d.value.r#return.lines;
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.art_no == "a"));
    let at: Vec<(u32, u32, String)> = d
        .diagnostics
        .iter()
        .map(|d| match d.kind {
            DiagnosticKind::Duplicate {
                first_line,
                first_column,
            } => (first_line, first_column, d.path.to_string()),
            ref other => panic!("{other:?}"),
        })
        .collect();
    let art_no = |i: u32| 35 + i * item.len() as u32 + 7;
    assert_eq!(
        at,
        (0..3)
            .map(|i| (
                3,
                art_no(i),
                format!(
                    "Envelope/Body/getOrderResponse/return/lines[{}]/artNo[2]",
                    i + 1
                )
            ))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_second_attribute_is_a_diagnostic_and_the_first_is_kept() {
    let xml = response(
        "<return version=\"1\" version=\"2\"><id>A</id><total>1</total><created>2020-01-01T00:00:00</created></return>",
    );
    match decode(&xml, &rt::DecodeOptions::default()) {
        Ok(d) => {
            assert_eq!(d.value.r#return.version, Some(1));
            assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
            assert_eq!(d.diagnostics[0].kind, duplicate(3, 9));
            assert_eq!((d.diagnostics[0].line, d.diagnostics[0].column), (3, 21));
            assert_eq!(
                d.diagnostics[0].path,
                "Envelope/Body/getOrderResponse/return/@version"
            );
            let e = decode(&xml, &rt::DecodeOptions::strict())
                .map(|_| ())
                .unwrap_err();
            assert_eq!(e.path, "Envelope/Body/getOrderResponse/return/@version");
            assert!(matches!(e.kind, DecodeErrorKind::Duplicate { .. }), "{e}");
        }
        // A tokenizer that refuses repeated attributes outright is as good.
        Err(e) => assert!(matches!(e.kind, DecodeErrorKind::Syntax(_)), "{e}"),
    }
}
