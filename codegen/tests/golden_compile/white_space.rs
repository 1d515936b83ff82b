//! The string built-ins with their own whiteSpace (`normalizedString`,
//! `token` and the names derived from it), a declared `whiteSpace` on an
//! `xs:string` restriction, and the list built-ins (`NMTOKENS`, `IDREFS`,
//! `ENTITIES`) through the generated code of the `builtin_facets` case.
use crate::builtin_facets::builtin_facets::{Bonus, Collapsed, ShortToken, Tokens};
use crate::{example, roundtrip};
use soap_runtime::rt;

const NS: Option<&str> = Some("urn:golden:builtin_facets");

fn lenient(xml: &str) -> rt::Decoded<Bonus> {
    rt::decode_document::<Bonus>(xml.as_bytes(), NS, "bonus", &rt::DecodeOptions::default())
        .unwrap_or_else(|e| panic!("lenient decode: {e}"))
}

fn refused(value: &Bonus) -> String {
    rt::encode_document(value, NS, "bonus")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

#[test]
fn the_example_keeps_its_values() {
    let v: Bonus = roundtrip("builtin_facets", NS, "bonus");
    let note = v.note.as_ref().map(|n| n.as_str());
    assert_eq!(
        note,
        Some("two  spaces kept"),
        "replace keeps runs of spaces"
    );
    assert_eq!(v.keyword.as_ref().map(|k| k.as_str()), Some("one token"));
    assert_eq!(v.title.as_ref().map(|t| t.as_str()), Some("A title"));
    let tags: Vec<&str> = v
        .tags
        .iter()
        .flat_map(|t| &t.0)
        .map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["a-1", "b.2"]);
    assert_eq!(v.few.as_ref().map(|f| f.value().0.len()), Some(3));
    assert_eq!(v.refs.as_ref().map(|r| r.0.len()), Some(2));
    assert_eq!(v.files.as_ref().map(|f| f.0.len()), Some(1));
}

#[test]
fn received_whitespace_is_normalised_without_a_diagnostic() {
    let xml = String::from_utf8(example("builtin_facets"))
        .expect("utf-8")
        .replace("> one token <", ">\n  one \t token\n<")
        .replace(">two  spaces kept<", ">two\tspaces\nkept<")
        .replace(">short<", "> short\n<")
        .replace(">A title<", ">  A \n\n title  <")
        .replace(">sv-SE<", ">\n sv-SE \n<");
    let decoded = lenient(&xml);
    assert!(decoded.diagnostics.is_empty(), "{:?}", decoded.diagnostics);
    let v = decoded.value;
    assert_eq!(v.keyword.as_ref().map(|k| k.as_str()), Some("one token"));
    assert_eq!(v.note.as_ref().map(|n| n.as_str()), Some("two spaces kept"));
    assert_eq!(v.short.as_ref().map(|s| s.as_str()), Some("short"));
    assert_eq!(v.title.as_ref().map(|t| t.as_str()), Some("A title"));
    assert_eq!(v.lang.as_ref().map(|l| l.as_str()), Some("sv-SE"));
    let strict =
        rt::decode_document::<Bonus>(xml.as_bytes(), NS, "bonus", &rt::DecodeOptions::strict());
    assert!(
        strict.is_ok(),
        "normalising is the XSD rule, not a violation"
    );
}

#[test]
fn values_to_send_must_already_be_normal() {
    assert!(rt::Token::new("one token").is_ok());
    for bad in [" lead", "trail ", "two  spaces", "tab\there"] {
        let e = rt::Token::new(bad).err().map(|e| e.facet);
        assert_eq!(
            e,
            Some(rt::FacetKind::WhiteSpace(rt::WhiteSpace::Collapse)),
            "{bad:?}"
        );
    }
    assert!(rt::NormalizedString::new("a  b").is_ok());
    assert!(rt::NormalizedString::new("a\nb").is_err());
    assert!(
        ShortToken::new("a  b").is_err(),
        "token's whiteSpace is kept"
    );
    assert!(
        ShortToken::new("longer than 8").is_err(),
        "and its own facets"
    );
    assert!(
        Collapsed::new(" A title").is_err(),
        "a declared whiteSpace too"
    );
    assert!(Collapsed::new("A title").is_ok());
}

#[test]
fn name_lists_are_checked_on_encode_and_decode() {
    let v: Bonus = roundtrip("builtin_facets", NS, "bonus");
    let empty = Bonus {
        tags: Some(rt::NmTokens(Vec::new())),
        ..v.clone()
    };
    let e = refused(&empty);
    assert!(e.starts_with("bonus/tags: "), "{e}");
    assert!(e.contains("minLength 1"), "{e}");
    let four: Result<Tokens, _> = "a b c d".parse();
    assert!(four.is_err(), "the restriction's maxLength counts items");
    let bad_item = Bonus {
        refs: Some(rt::IdRefs(vec![
            rt::SimpleType::parse_text("a:b").expect("lexical")
        ])),
        ..v.clone()
    };
    assert!(
        refused(&bad_item).starts_with("bonus/@refs: "),
        "{}",
        refused(&bad_item)
    );

    let xml = String::from_utf8(example("builtin_facets"))
        .expect("utf-8")
        .replace("<b:tags>a-1 b.2</b:tags>", "<b:tags> </b:tags>");
    let decoded = lenient(&xml);
    assert_eq!(decoded.diagnostics.len(), 1, "{:?}", decoded.diagnostics);
    assert!(rt::decode_document::<Bonus>(
        xml.as_bytes(),
        NS,
        "bonus",
        &rt::DecodeOptions::strict()
    )
    .is_err());
}
