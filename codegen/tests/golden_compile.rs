//! Compiles every golden `expected.rs` against `soap-runtime` and round-trips
//! each case's `example.xml` through the generated types: decode, encode,
//! compare the XML trees (expanded names, attributes, trimmed text), decode
//! again and compare the values.
#![allow(missing_docs)]

use std::path::Path;

use soap_runtime::rt;

macro_rules! golden {
    ($($case:ident),* $(,)?) => {
        $(
            #[allow(dead_code)]
            mod $case {
                include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/", stringify!($case), "/expected.rs"));
            }
        )*
    };
}

golden!(
    all,
    any_wildcard,
    attributes,
    builtin_facets,
    builtins,
    choice,
    default_fixed,
    doctype,
    documentation,
    element_ref,
    enumeration,
    extension,
    facets,
    headers,
    import_include,
    keywords,
    list,
    long_names,
    name_clash,
    nested_sequence,
    nillable,
    occurs,
    polymorphism,
    one_way,
    qualified,
    recursive,
    restriction,
    rpc_literal,
    sequence,
    serde,
    shared_element,
    service,
    simple_content,
    soap12,
    union,
    unqualified,
    warnings,
    zero_part,
);

/// The `polymorphism` case beyond its example: decoding, encoding, a loopback call.
#[path = "golden_compile/xsi_type.rs"]
mod xsi_type;

/// The `builtin_facets` case's whitespace-normalised strings and name lists.
#[path = "golden_compile/white_space.rs"]
mod white_space;

/// The `headers` case: its example and a loopback exchange of header blocks.
#[path = "golden_compile/headers.rs"]
mod headers_case;

/// The `doctype` case.
#[path = "golden_compile/doctype.rs"]
mod doctype_case;

fn example(case: &str) -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{case}/example.xml"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn decode<T: rt::XmlType>(case: &str, ns: Option<&'static str>, name: &'static str) -> T {
    let xml = example(case);
    rt::decode_document::<T>(&xml, ns, name, &rt::DecodeOptions::default())
        .unwrap_or_else(|e| panic!("{case}: decode: {e}"))
        .value
}

fn roundtrip<T>(case: &str, ns: Option<&'static str>, name: &'static str) -> T
where
    T: rt::XmlType + std::fmt::Debug + PartialEq,
{
    let value: T = decode(case, ns, name);
    let encoded =
        rt::encode_document(&value, ns, name).unwrap_or_else(|e| panic!("{case}: encode: {e}"));
    let original = String::from_utf8(example(case)).expect("utf-8");
    let a = roxmltree::Document::parse(&original).expect("example parses");
    let b = roxmltree::Document::parse(&encoded)
        .unwrap_or_else(|e| panic!("{case}: output parses: {e}\n{encoded}"));
    same_tree(case, a.root_element(), b.root_element());
    let again =
        rt::decode_document::<T>(encoded.as_bytes(), ns, name, &rt::DecodeOptions::default())
            .unwrap_or_else(|e| panic!("{case}: re-decode: {e}"))
            .value;
    assert_eq!(value, again, "{case}: value changed through encode/decode");
    value
}

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// An `xsi:type` value as `{namespace}local`: the prefixes chosen may differ.
fn expanded_qname(n: roxmltree::Node<'_, '_>, value: &str) -> String {
    let (prefix, local) = value.split_once(':').unwrap_or(("", value));
    let prefix = (!prefix.is_empty()).then_some(prefix);
    match n.lookup_namespace_uri(prefix) {
        Some(ns) => format!("{{{ns}}}{local}"),
        None => local.to_string(),
    }
}

fn same_tree(case: &str, a: roxmltree::Node<'_, '_>, b: roxmltree::Node<'_, '_>) {
    let name = |n: roxmltree::Node<'_, '_>| {
        (
            n.tag_name().namespace().map(str::to_string),
            n.tag_name().name().to_string(),
        )
    };
    assert_eq!(name(a), name(b), "{case}: element names differ");
    let attrs = |n: roxmltree::Node<'_, '_>| {
        let mut v: Vec<(Option<String>, String, String)> = n
            .attributes()
            .map(|x| {
                let value = if x.namespace() == Some(XSI) && x.name() == "type" {
                    expanded_qname(n, x.value())
                } else {
                    x.value().to_string()
                };
                (
                    x.namespace().map(str::to_string),
                    x.name().to_string(),
                    value,
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        attrs(a),
        attrs(b),
        "{case}: attributes of {:?} differ",
        name(a)
    );
    let text = |n: roxmltree::Node<'_, '_>| {
        n.children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect::<String>()
            .trim()
            .to_string()
    };
    assert_eq!(text(a), text(b), "{case}: text of {:?} differs", name(a));
    let ea: Vec<_> = a.children().filter(|c| c.is_element()).collect();
    let eb: Vec<_> = b.children().filter(|c| c.is_element()).collect();
    assert_eq!(
        ea.len(),
        eb.len(),
        "{case}: children of {:?} differ",
        name(a)
    );
    for (x, y) in ea.into_iter().zip(eb) {
        same_tree(case, x, y);
    }
}

#[test]
fn any_wildcard_roundtrips() {
    use any_wildcard::any_wildcard::Record;
    let ns = Some("urn:golden:any_wildcard");
    let decoded = rt::decode_document::<Record>(
        &example("any_wildcard"),
        ns,
        "record",
        &rt::DecodeOptions::strict(),
    )
    .unwrap_or_else(|e| panic!("any_wildcard: decode: {e}"));
    assert!(decoded.diagnostics.is_empty(), "{:?}", decoded.diagnostics);
    let v: Record = roundtrip("any_wildcard", ns, "record");
    assert_eq!(v, decoded.value);
    assert_eq!(
        v.any,
        vec![
            rt::AnyXml(
                r#"<x:ext xmlns="urn:golden:any_wildcard" xmlns:x="urn:golden:x" level="2"><x:inner>deep</x:inner></x:ext>"#
                    .into()
            ),
            rt::AnyXml(
                r#"<y:tag xmlns="urn:golden:any_wildcard" xmlns:y="urn:golden:y">y</y:tag>"#.into()
            ),
        ]
    );
    assert_eq!(
        v.any2,
        Some(rt::AnyXml(r#"<note xmlns="">kept</note>"#.into()))
    );
    assert_eq!(
        v.holder.any,
        rt::AnyXml(r#"<anything xmlns="urn:golden:z"><child/></anything>"#.into())
    );
}

#[test]
fn sequence_roundtrips() {
    let v: sequence::sequence::Person =
        roundtrip("sequence", Some("urn:golden:sequence"), "person");
    assert_eq!(v.name, "Ada");
    assert_eq!(v.age, 36);
}

#[test]
fn nested_sequence_roundtrips() {
    let v: nested_sequence::nested_sequence::Box2 =
        roundtrip("nested_sequence", Some("urn:golden:nested_sequence"), "box");
    assert_eq!((v.width, v.height, v.label), (3, 4, None));
}

#[test]
fn choice_roundtrips() {
    use choice::choice::{Payment, PaymentChoice, PaymentChoice2};
    let v: Payment = roundtrip("choice", Some("urn:golden:choice"), "payment");
    assert_eq!(v.choice, PaymentChoice::Invoice(7));
    assert_eq!(v.choice2.len(), 3);
    assert_eq!(v.choice2[1], PaymentChoice2::Tag("b".into()));
}

#[test]
fn all_roundtrips() {
    let v: all::all::Point = roundtrip("all", Some("urn:golden:all"), "point");
    assert_eq!((v.x, v.y, v.z), (1, 2, None));
}

#[test]
fn occurs_roundtrips() {
    let v: occurs::occurs::Bag = roundtrip("occurs", Some("urn:golden:occurs"), "bag");
    assert_eq!(v.maybe, None);
    assert_eq!(v.many, vec!["a".to_string(), "b".to_string()]);
    assert_eq!(v.some, vec![1, 2]);
}

#[test]
fn nillable_roundtrips() {
    let v: nillable::nillable::Record =
        roundtrip("nillable", Some("urn:golden:nillable"), "record");
    assert_eq!(v.required, rt::Nillable::Nil);
    assert_eq!(v.optional, Some(rt::Nillable::Value("x".to_string())));
    assert_eq!(v.absent, None);
    assert_eq!(v.list, vec![rt::Nillable::Value(1), rt::Nillable::Nil]);
}

#[test]
fn default_fixed_roundtrips() {
    let v: default_fixed::default_fixed::Settings = roundtrip(
        "default_fixed",
        Some("urn:golden:default_fixed"),
        "settings",
    );
    assert_eq!(v.level, 5);
    let fresh = default_fixed::default_fixed::Settings::default();
    assert_eq!(
        (fresh.level, fresh.kind.as_str()),
        (3, "basic"),
        "Default fills attributes with their schema default"
    );
}

#[test]
fn attributes_roundtrip() {
    let v: attributes::attributes::Item =
        roundtrip("attributes", Some("urn:golden:attributes"), "item");
    assert_eq!(
        (v.id.as_str(), v.count, v.unit.as_str()),
        ("i1", Some(2), "kg")
    );
}

#[test]
fn extension_roundtrips() {
    let v: extension::extension::Dog = roundtrip("extension", Some("urn:golden:extension"), "dog");
    assert_eq!(
        (v.name.as_str(), v.breed.as_str(), v.id, v.good),
        ("Rex", "lab", Some(1), Some(true))
    );
}

#[test]
fn polymorphism_roundtrips() {
    use polymorphism::ext::Company;
    use polymorphism::polymorphism::{
        AnyFolder, AnyParty, AnyRecord, Note, Party, Person, SaveRecords,
    };
    let v: SaveRecords = roundtrip(
        "polymorphism",
        Some("urn:golden:polymorphism"),
        "saveRecords",
    );
    let id = |id: &str| id.to_string();
    assert_eq!(
        v.record,
        vec![
            AnyRecord::Party(Party {
                id: id("r1"),
                name: "Ada".into(),
                version: Some(2)
            }),
            AnyRecord::Person(Person {
                id: id("r2"),
                name: "Grace".into(),
                birth_date: Some(rt::SimpleType::parse_text("1906-12-09").unwrap()),
                version: None
            }),
            AnyRecord::Company(Company {
                id: id("r3"),
                name: "ACME".into(),
                vat_id: "SE1".into(),
                version: None
            }),
            AnyRecord::Note(Note {
                id: id("r4"),
                text: "hello".into(),
                version: None
            }),
        ]
    );
    assert!(matches!(&v.owner, Some(AnyParty::Party(p)) if p.name == "Owner"));
    let Some(AnyFolder::SharedFolder(folder)) = &v.folder else {
        panic!("{:?}", v.folder);
    };
    assert_eq!(folder.shared_with, ["ada", "grace"]);
    assert!(matches!(folder.parent.as_deref(), Some(AnyFolder::Folder(p)) if p.title == "Root"));
}

#[test]
fn restriction_roundtrips() {
    let v: restriction::restriction::Narrow =
        roundtrip("restriction", Some("urn:golden:restriction"), "narrow");
    assert_eq!(v.keep.as_deref(), Some("k"));
}

#[test]
fn simple_content_roundtrips() {
    let v: simple_content::simple_content::Amount = roundtrip(
        "simple_content",
        Some("urn:golden:simple_content"),
        "amount",
    );
    assert_eq!(v.currency, "SEK");
    assert_eq!(v.value.to_string(), "12.50");
}

#[test]
fn facets_roundtrip_and_check() {
    use facets::facets::{Code, Either, Percent, ShortName, Small};
    let _: facets::facets::Values = roundtrip("facets", Some("urn:golden:facets"), "values");
    assert!(Code::new("abc").is_ok());
    assert!(Code::new("ab").is_err());
    assert!(ShortName::new("abcde").is_ok());
    assert!(ShortName::new("abcdef").is_err());
    assert!(ShortName::new("ABC").is_err());
    assert!(Either::new("aa").is_ok() && Either::new("bb").is_ok());
    assert!(Either::new("ab").is_err());
    assert!(Percent::new(rt::Decimal::new(10001, 2)).is_err());
    assert!(Percent::new(rt::Decimal::new(1234, 3)).is_err());
    assert!(Small::new(0).is_err() && Small::new(9).is_ok() && Small::new(10).is_err());
}

#[test]
fn built_in_name_strings_are_checked_on_encode_and_reported_on_decode() {
    use builtin_facets::builtin_facets::{Bonus, Code};
    const NS: Option<&str> = Some("urn:golden:builtin_facets");
    let v: Bonus = roundtrip("builtin_facets", NS, "bonus");
    assert_eq!(v.lang.as_ref().map(|l| l.as_str()), Some("sv-SE"));
    assert_eq!(v.id.as_ref().map(|i| i.as_str()), Some("b-1"));
    assert_eq!(v.tag.len(), 2);
    assert!(Code::new("ABCDEFGHI").is_err(), "maxLength");
    assert!(
        Code::new("a:b").is_err(),
        "NCName's own pattern is merged in"
    );
    let refused = |value: &Bonus| {
        rt::encode_document(value, NS, "bonus")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let colon_id = Bonus {
        id: Some(rt::SimpleType::parse_text("a:b").expect("lexical")),
        ..v.clone()
    };
    assert!(
        refused(&colon_id).starts_with("bonus/@id: "),
        "{}",
        refused(&colon_id)
    );
    let bad_lang = Bonus {
        lang: Some(rt::SimpleType::parse_text("not a tag").expect("lexical")),
        ..v.clone()
    };
    assert!(refused(&bad_lang).starts_with("bonus/lang: "));

    let xml = String::from_utf8(example("builtin_facets"))
        .expect("utf-8")
        .replace("<b:owner>c-7</b:owner>", "<b:owner>7c</b:owner>");
    let lenient =
        rt::decode_document::<Bonus>(xml.as_bytes(), NS, "bonus", &rt::DecodeOptions::default())
            .unwrap_or_else(|e| panic!("lenient decode: {e}"));
    assert_eq!(
        lenient.value.owner.as_ref().map(|o| o.as_str()),
        Some("7c"),
        "decoded as sent"
    );
    assert_eq!(lenient.diagnostics.len(), 1, "{:?}", lenient.diagnostics);
    assert!(rt::decode_document::<Bonus>(
        xml.as_bytes(),
        NS,
        "bonus",
        &rt::DecodeOptions::strict()
    )
    .is_err());
}

#[test]
fn builtin_facets_are_checked_on_encode_and_reported_on_decode() {
    use builtin_facets::builtin_facets::{Bonus, Limit, Points};
    const NS: Option<&str> = Some("urn:golden:builtin_facets");
    let v: Bonus = roundtrip("builtin_facets", NS, "bonus");
    assert_eq!(v.points.into_inner(), 500);
    assert_eq!(v.multiplier.into_inner(), 2);
    assert!(matches!(v.limit, Some(Limit::NegativeInteger(n)) if n.into_inner() == -5));
    assert!(rt::PositiveInteger::new(0_u64).is_err());

    let refused = |value: &Bonus| {
        rt::encode_document(value, NS, "bonus")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let zero = Bonus {
        points: rt::PositiveInteger::default(),
        ..v.clone()
    };
    assert_eq!(refused(&zero), "bonus/points: 0 is below minInclusive 1");
    let positive_refund = Bonus {
        refund: Some(rt::SimpleType::parse_text("3").expect("lexical")),
        ..v.clone()
    };
    assert!(refused(&positive_refund).starts_with("bonus/refund: 3 "));
    let zero_in_list = Bonus {
        history: Some(Points(vec![rt::PositiveInteger::default()])),
        ..v.clone()
    };
    assert!(refused(&zero_in_list).starts_with("bonus/history: 0 "));
    let zero_attribute = Bonus {
        multiplier: rt::PositiveInteger::default(),
        ..v.clone()
    };
    assert!(refused(&zero_attribute).starts_with("bonus/@multiplier: 0 "));
    // A union member that fails its built-in facets is not chosen.
    assert_eq!(
        <Limit as rt::SimpleType>::parse_text("5").ok(),
        Some(Limit::String("5".into()))
    );

    let xml = String::from_utf8(example("builtin_facets"))
        .expect("utf-8")
        .replace("<b:points>500</b:points>", "<b:points>0</b:points>")
        .replace("<b:balance>-7</b:balance>", "<b:balance>7</b:balance>");
    let lenient =
        rt::decode_document::<Bonus>(xml.as_bytes(), NS, "bonus", &rt::DecodeOptions::default())
            .unwrap_or_else(|e| panic!("lenient decode: {e}"));
    assert_eq!(lenient.value.points.into_inner(), 0, "decoded as sent");
    let reported: Vec<String> = lenient
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.path, d.kind))
        .collect();
    assert_eq!(
        reported,
        [
            "bonus/points: 0 is below minInclusive 1",
            "bonus/balance[2]: 7 is above maxInclusive 0"
        ]
    );
    let strict =
        rt::decode_document::<Bonus>(xml.as_bytes(), NS, "bonus", &rt::DecodeOptions::strict());
    assert!(
        matches!(strict, Err(ref e) if e.path == "bonus/points"),
        "{strict:?}"
    );
}

#[test]
fn a_referenced_element_has_one_shared_type() {
    use shared_element::shared_element::{Release, ReleaseChoice, Version};
    let v: Release = roundtrip(
        "shared_element",
        Some("urn:golden:shared_element"),
        "release",
    );
    let first: &Version = &v.version;
    assert_eq!(first, &Version { major: 2, minor: 1 });
    let in_document: &Version = &v.document[0].version;
    assert_eq!(in_document, &Version { major: 2, minor: 0 });
    let reused = ReleaseChoice::Version(first.clone());
    assert!(matches!(
        v.choice,
        ReleaseChoice::Version(Version { major: 1, minor: 9 })
    ));
    assert_ne!(reused, v.choice);
}

#[test]
fn warnings_case_generates_what_it_can() {
    let v: warnings::msg::Book = roundtrip("warnings", Some("urn:golden:warnings:msg"), "book");
    let warnings::msg::AnyParty::Party(guest) = v.guest else {
        panic!("guest without xsi:type is the base: {:?}", v.guest);
    };
    assert_eq!(guest.name, "Ada");
}

#[test]
fn enumeration_decodes_unknown_values() {
    use enumeration::enumeration::{State, Ticket};
    let v: Ticket = decode("enumeration", Some("urn:golden:enumeration"), "ticket");
    assert_eq!(
        v.state,
        vec![
            State::Open,
            State::IsClosed,
            State::Unknown_("SOMETHING_NEW".into())
        ]
    );
    assert_eq!(State::from_xml("1"), State::V1);
    assert_eq!(State::from_xml(""), State::Empty);
    assert_eq!(State::from_xml("Unknown"), State::Unknown);
    assert_eq!(String::from(State::IsClosed), "IS_CLOSED");
}

#[test]
fn list_roundtrips() {
    let v: list::list::Lists = roundtrip("list", Some("urn:golden:list"), "lists");
    assert_eq!(v.numbers.0, vec![1, 2, 3]);
}

#[test]
fn union_roundtrips() {
    use union::union::{Size, SizeOrNumber};
    let v: union::union::Shirt = roundtrip("union", Some("urn:golden:union"), "shirt");
    assert_eq!(
        v.size,
        vec![SizeOrNumber::I32(42), SizeOrNumber::Size(Size::Large)]
    );
}

#[test]
fn element_ref_roundtrips() {
    let v: element_ref::element_ref::Post =
        roundtrip("element_ref", Some("urn:golden:element_ref"), "post");
    assert_eq!(v.comment.len(), 2);
}

#[test]
fn qualified_roundtrips() {
    let _: qualified::qualified::Pair =
        roundtrip("qualified", Some("urn:golden:qualified"), "pair");
}

#[test]
fn unqualified_roundtrips() {
    let _: unqualified::unqualified::Pair =
        roundtrip("unqualified", Some("urn:golden:unqualified"), "pair");
}

#[test]
fn recursive_roundtrips() {
    let v: recursive::recursive::Node =
        roundtrip("recursive", Some("urn:golden:recursive"), "node");
    assert_eq!(v.next.as_ref().map(|n| n.value), Some(2));
    assert_eq!(v.wrapper.map(|w| w.inner.value), Some(4));
}

#[test]
fn name_clash_roundtrips() {
    let v: name_clash::a_item::Item =
        roundtrip("name_clash", Some("http://example.com/a/item"), "item");
    let _: &name_clash::b_item::Item = &v.other;
    let _ = name_clash::a_item::Item2::default();
    assert_eq!(v.other2, "y");
}

#[test]
fn builtins_roundtrip() {
    let v: builtins::builtins::All = roundtrip("builtins", Some("urn:golden:builtins"), "all");
    assert_eq!(v.unsigned_long, Some(u64::MAX));
    assert_eq!(v.byte, Some(-128));
}

#[test]
fn keywords_roundtrip() {
    let v: keywords::keywords::Match = roundtrip("keywords", Some("urn:golden:keywords"), "match");
    assert_eq!(v.r#type, keywords::keywords::Type::Fn);
    assert_eq!(
        (v.r#return.as_str(), v.self_.as_str(), v.r#in.as_deref()),
        ("r", "s", Some("x"))
    );
    assert_eq!(
        (v.index, v.r.as_deref(), v.start.as_str()),
        (Some(3), Some("rr"), "st")
    );
    assert_eq!(v.choice, keywords::keywords::MatchChoice::Box(vec![1, 2]));
}

#[test]
fn documentation_roundtrips() {
    let _: documentation::documentation::Paint =
        roundtrip("documentation", Some("urn:golden:documentation"), "paint");
}

#[test]
fn import_include_roundtrips() {
    let v: import_include::msg::Greet =
        roundtrip("import_include", Some("urn:golden:ii:msg"), "greet");
    assert_eq!(v.who.name, "Ada");
    let _ = import_include::types::Greeting::new("hi");
}

#[test]
fn service_response_roundtrips() {
    let v: service::msg::GetOrderResponse = roundtrip(
        "service",
        Some("urn:golden:service:msg"),
        "getOrderResponse",
    );
    assert_eq!(v.r#return.id, "o1");
    assert_eq!(service::service::GET_ORDER.soap_action, "urn:getOrder");
}

#[test]
fn serde_roundtrips_through_xml_and_json() {
    use self::serde::serde::{Order, OrderChoice, State, StateOrCode};
    let v: Order = roundtrip("serde", Some("urn:golden:serde"), "order");
    assert_eq!(v.state, State::Open);
    assert_eq!(v.note, Some(rt::Nillable::Nil));
    assert_eq!(v.code, Some(StateOrCode::I32(7)));
    assert_eq!(v.choice, OrderChoice::Card("visa".into()));
    let json = serde_json::to_string(&v).expect("to json");
    assert!(json.contains("\"note\":null"), "{json}");
    assert!(json.contains("\"state\":\"OPEN\""), "{json}");
    assert!(!json.contains("\"version\""), "{json}");
    let back: Order = serde_json::from_str(&json).expect("from json");
    assert_eq!(back, v);
    let sparse: Order = serde_json::from_str(r#"{"id":"x"}"#).expect("required fields default");
    assert_eq!(sparse.id.as_str(), "x");
}

#[test]
fn long_names_compile_and_roundtrip() {
    use long_names::an_extraordinarily_long_module_name_for_fault_details_that_wraps as faults;
    use long_names::an_extraordinarily_long_module_name_for_simple_values_that_wraps as values;
    let detail: faults::AnExtraordinarilyLongFaultDetailElementNameThatForcesWrapping = roundtrip(
        "long_names",
        Some("urn:golden:long:faults"),
        "anExtraordinarilyLongFaultDetailElementNameThatForcesWrapping",
    );
    assert_eq!(detail.identifier.as_str(), "id-1");
    assert_eq!(
        detail.kind,
        values::AnExtraordinarilyLongEnumerationTypeNameThatWrapsAsWell::AnExtraordinarilyLongEnumerationValueNameThatWraps
    );
    let fault = long_names::long::DoSomethingWithAnExtraordinarilyLongOperationNameFault::AnExtraordinarilyLongFaultNameThatForcesWrappingException(detail);
    assert_eq!(
        rt::FaultDetail::user_message(&fault),
        Some("Try again later.")
    );
    assert!(
        values::AnExtraordinarilyLongRestrictedIdentifierTypeNameThatWraps::new("x".repeat(33))
            .is_err()
    );
}

#[test]
fn one_way_request_roundtrips() {
    let v: one_way::one_way::InvoiceSent =
        roundtrip("one_way", Some("urn:golden:one_way"), "invoiceSent");
    assert_eq!(v.invoice_id, "INV-7");
    assert_eq!(one_way::one_way::INVOICE_SENT.output, None);
}

#[test]
fn zero_part_messages_are_empty_bodies() {
    use zero_part::zero_part::{GET_TIME, RESET, SET_ZONE};
    let v: zero_part::zero_part::Now = roundtrip("zero_part", Some("urn:golden:zero_part"), "now");
    assert_eq!(v.zone.as_deref(), Some("Europe/Stockholm"));
    assert_eq!(GET_TIME.input, rt::Body::Empty);
    assert_eq!(SET_ZONE.output, Some(rt::Body::Empty));
    let request = rt::envelope::encode_request(&RESET, &[], &()).expect("encodes");
    let request = String::from_utf8(request).expect("utf-8");
    assert!(
        request.ends_with("<soapenv:Body></soapenv:Body></soapenv:Envelope>"),
        "{request}"
    );
}

#[test]
fn rpc_literal_wrappers_roundtrip() {
    use rpc_literal::wire::{GetQuote, GetQuoteResponse};
    const WIRE: Option<&str> = Some("urn:golden:rpc_literal:wire");
    let v: GetQuote = roundtrip("rpc_literal", WIRE, "getQuote");
    assert_eq!(
        (v.symbol.as_str(), v.market.as_str(), v.depth),
        ("ACME", "XSTO", 3)
    );
    assert_eq!(
        rpc_literal::rpc_literal::GET_QUOTE.output,
        Some(rt::Body::Element(rt::FieldName::qualified(
            "urn:golden:rpc_literal:wire",
            "getQuoteResponse"
        )))
    );
    let response = GetQuoteResponse {
        quote: rpc_literal::types::Quote {
            symbol: "ACME".into(),
            price: "12.50".parse().expect("decimal"),
        },
    };
    let xml = rt::encode_document(&response, WIRE, "getQuoteResponse").expect("encodes");
    let doc = roxmltree::Document::parse(&xml).expect("parses");
    let quote = doc.root_element().first_element_child().expect("the part");
    assert_eq!(quote.tag_name().namespace(), None, "parts are unqualified");
    assert_eq!(quote.tag_name().name(), "quote");
}

struct Inbox(tokio::sync::mpsc::UnboundedSender<String>);

impl one_way::one_way::InvoiceInboxService for Inbox {
    async fn invoice_sent(
        &self,
        request: one_way::one_way::InvoiceSent,
    ) -> Result<(), rt::Fault<rt::NoFault>> {
        if request.invoice_id.is_empty() {
            return Err(rt::Fault::client("no invoice id"));
        }
        let _ = self.0.send(request.invoice_id);
        Ok(())
    }
    async fn ping(
        &self,
        _request: one_way::one_way::Ping,
    ) -> Result<rt::DateTime, rt::Fault<rt::NoFault>> {
        Ok("2026-12-07T12:00:00Z".parse().expect("dateTime"))
    }
}

#[tokio::test]
async fn a_one_way_call_round_trips_over_loopback() {
    use one_way::one_way::{InvoiceInboxServiceClient, InvoiceInboxServiceServer, InvoiceSent};
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let router =
        rt::server::Router::new().mount("/inbox", InvoiceInboxServiceServer::new(Inbox(tx)));
    let handle = rt::server::Server::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .serve(router);
    let endpoint = format!("{}/inbox", handle.url());
    let client = InvoiceInboxServiceClient::new(
        rt::ClientBuilder::new(endpoint.as_str())
            .build()
            .expect("client"),
    );
    let sent = InvoiceSent {
        invoice_id: "INV-7".into(),
        amount: "120.50".parse().expect("decimal"),
    };
    client.invoice_sent(&sent).await.expect("accepted");
    assert_eq!(rx.recv().await.as_deref(), Some("INV-7"));
    let refused = client
        .invoice_sent(&InvoiceSent {
            invoice_id: String::new(),
            ..sent
        })
        .await
        .expect_err("a fault");
    assert_eq!(
        refused.fault().map(|f| f.string.as_str()),
        Some("no invoice id")
    );
    assert!(client.ping(&one_way::one_way::Ping {}).await.is_ok());

    // On the wire: 202 and no body.
    let body = rt::envelope::encode_request(
        &one_way::one_way::INVOICE_SENT,
        &[],
        &InvoiceSent {
            invoice_id: "INV-8".into(),
            amount: "1".parse().expect("decimal"),
        },
    )
    .expect("encodes");
    let answer = raw_post(&endpoint, "urn:invoiceSent", &body).await;
    assert!(answer.starts_with("HTTP/1.1 202 "), "{answer}");
    assert!(answer.ends_with("\r\n\r\n"), "no body: {answer}");
    assert!(
        !answer.to_ascii_lowercase().contains("content-type"),
        "{answer}"
    );
    assert_eq!(rx.recv().await.as_deref(), Some("INV-8"));
    handle.shutdown().await;
}

struct Clock(std::sync::Mutex<Option<String>>);

impl zero_part::zero_part::ClockService for Clock {
    async fn get_time(&self) -> Result<zero_part::zero_part::Now, rt::Fault<rt::NoFault>> {
        let zone = self.0.lock().map(|z| z.clone()).unwrap_or_default();
        Ok(zero_part::zero_part::Now {
            utc: "2026-12-07T12:00:00Z".parse().expect("dateTime"),
            zone,
        })
    }
    async fn set_zone(
        &self,
        request: zero_part::zero_part::SetZone,
    ) -> Result<(), rt::Fault<rt::NoFault>> {
        if let Ok(mut zone) = self.0.lock() {
            *zone = Some(request.zone);
        }
        Ok(())
    }
    async fn reset(&self) -> Result<(), rt::Fault<rt::NoFault>> {
        if let Ok(mut zone) = self.0.lock() {
            *zone = None;
        }
        Ok(())
    }
}

#[tokio::test]
async fn zero_part_calls_round_trip_over_loopback() {
    use zero_part::zero_part::{ClockServiceClient, ClockServiceServer, SetZone};
    let router = rt::server::Router::new().mount(
        "/clock",
        ClockServiceServer::new(Clock(std::sync::Mutex::new(None))),
    );
    let handle = rt::server::Server::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .serve(router);
    let client = ClockServiceClient::new(
        rt::ClientBuilder::new(format!("{}/clock", handle.url()).as_str())
            .build()
            .expect("client"),
    );
    assert_eq!(client.get_time().await.expect("time").zone, None);
    client
        .set_zone(&SetZone {
            zone: "Europe/Stockholm".into(),
        })
        .await
        .expect("set");
    assert_eq!(
        client.get_time().await.expect("time").zone.as_deref(),
        Some("Europe/Stockholm")
    );
    client
        .reset()
        .await
        .expect("reset: empty Body both ways, routed by SOAPAction");
    assert_eq!(client.get_time().await.expect("time").zone, None);
    handle.shutdown().await;
}

/// POSTs `body` to `url` (`http://127.0.0.1:port/path`) over a raw connection
/// and returns the whole answer.
async fn raw_post(url: &str, action: &str, body: &[u8]) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest.split_at(rest.find('/').expect("path"));
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"{action}\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("read");
    String::from_utf8(answer).expect("utf-8")
}

/// `file` of case `soap12` decoded as a `op` envelope, encoded again and
/// compared as a tree, decoded again and compared as a value.
fn soap12_envelope_roundtrip<T>(file: &str, op: &rt::Operation, request: bool) -> T
where
    T: rt::XmlType + std::fmt::Debug + PartialEq,
{
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/soap12")
        .join(file);
    let xml = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let opts = rt::DecodeOptions::strict();
    let decode = |xml: &[u8]| -> T {
        if request {
            rt::envelope::decode_request::<T>(op, xml, &opts).map(|d| d.value)
        } else {
            rt::envelope::decode_response::<T, rt::NoFault>(op, xml, &opts)
                .map(|d| d.value.unwrap_or_else(|f| panic!("{file}: a fault: {f:?}")))
        }
        .unwrap_or_else(|e| panic!("{file}: decode: {e}"))
    };
    let value = decode(&xml);
    let encoded = if request {
        rt::envelope::encode_request(op, &[], &value)
    } else {
        rt::envelope::encode_response(op, &[], &value)
    }
    .unwrap_or_else(|e| panic!("{file}: encode: {e}"));
    let original = String::from_utf8(xml).expect("utf-8");
    let again = String::from_utf8(encoded.clone()).expect("utf-8");
    assert!(
        again.contains("http://www.w3.org/2003/05/soap-envelope"),
        "{again}"
    );
    let a = roxmltree::Document::parse(&original).expect("example parses");
    let b = roxmltree::Document::parse(&again).expect("output parses");
    same_tree(file, a.root_element(), b.root_element());
    assert_eq!(decode(&encoded), value, "{file}: value changed");
    value
}

#[test]
fn soap12_envelopes_and_fault_roundtrip() {
    use soap12::msg::{GetTime, GetTimeResponse};
    use soap12::soap12::{GetTimeFault, GET_TIME, GET_TIME_SOAP12};
    assert_eq!(GET_TIME_SOAP12.version, rt::SoapVersion::V12);
    assert_eq!(GET_TIME.version, rt::SoapVersion::V11);
    let request: GetTime = soap12_envelope_roundtrip("request.xml", &GET_TIME_SOAP12, true);
    assert_eq!(request.zone, "Europe/Stockholm");
    let response: GetTimeResponse =
        soap12_envelope_roundtrip("example.xml", &GET_TIME_SOAP12, false);
    assert_eq!(response.time.to_string(), "2026-12-07T12:00:00Z");
    let wrong = rt::envelope::decode_request::<GetTime>(
        &GET_TIME,
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/soap12/request.xml"),
        )
        .expect("request.xml"),
        &rt::DecodeOptions::default(),
    );
    assert!(
        matches!(&wrong, Err(e) if matches!(e.kind, rt::DecodeErrorKind::VersionMismatch { .. })),
        "{wrong:?}"
    );

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/soap12/fault.xml");
    let xml = std::fs::read(path).expect("fault.xml");
    let opts = rt::DecodeOptions::strict();
    let decode = |xml: &[u8]| {
        let decoded = rt::envelope::decode_response::<GetTimeResponse, GetTimeFault>(
            &GET_TIME_SOAP12,
            xml,
            &opts,
        )
        .unwrap_or_else(|e| panic!("fault.xml: {e}"));
        assert!(decoded.diagnostics.is_empty(), "{:?}", decoded.diagnostics);
        decoded.value.expect_err("a fault")
    };
    let fault = decode(&xml);
    assert!(fault.is_code("Sender"));
    assert_eq!(
        fault.subcodes,
        [rt::QName::new("urn:golden:soap12:errors", "UnknownZone")]
    );
    assert_eq!(fault.faultstring(), "zone Mars/Olympus is not known");
    assert_eq!(fault.node.as_deref(), Some("http://localhost:8080/clock12"));
    assert!(fault
        .actor
        .as_deref()
        .is_some_and(|r| r.ends_with("/role/ultimateReceiver")));
    let GetTimeFault::ClockFault(detail) = fault.detail.clone().expect("typed detail");
    assert_eq!(detail.reason, "unknown zone");
    assert_eq!(fault.to_string(), "Pick a time zone on Earth.");
    let again = rt::envelope::encode_fault(rt::SoapVersion::V12, &[], &fault);
    assert_eq!(
        decode(&again),
        fault,
        "the fault changed through encode/decode"
    );
}
