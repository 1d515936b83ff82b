//! Feature `serde`: value types as lexical strings, `Nillable` as null.
#![cfg(feature = "serde")]

use soap_runtime::rt;
use soap_runtime::rt::Nillable;

#[derive(Debug, Clone, PartialEq, Default, rt::Serialize, rt::Deserialize)]
#[serde(crate = "::soap_runtime::rt::serde")]
struct Record {
    #[serde(rename = "amount", default)]
    amount: rt::Decimal,
    #[serde(rename = "created", default)]
    created: rt::DateTime,
    #[serde(rename = "day", default, skip_serializing_if = "Option::is_none")]
    day: Option<rt::Date>,
    #[serde(
        rename = "note",
        default,
        skip_serializing_if = "Option::is_none",
        with = "rt::serde_opt_nillable"
    )]
    note: Option<Nillable<String>>,
    #[serde(rename = "required", default)]
    required: Nillable<i32>,
    #[serde(rename = "blob", default)]
    blob: rt::Base64Binary,
    #[serde(rename = "code", default)]
    code: rt::QName,
}

fn record(note: Option<Nillable<String>>) -> Record {
    Record {
        amount: <rt::Decimal as rt::SimpleType>::parse_text("0.00000000000000000000")
            .unwrap_or_default(),
        created: "2013-07-02T12:51:51+02:00".parse().unwrap_or_default(),
        day: None,
        note,
        required: Nillable::Nil,
        blob: rt::Base64Binary(b"hi".to_vec()),
        code: rt::QName::new("http://schemas.xmlsoap.org/soap/envelope/", "Server"),
    }
}

#[test]
fn values_serialize_as_their_lexical_form() {
    let json =
        serde_json::to_string(&record(Some(Nillable::Value("x".into())))).unwrap_or_default();
    assert_eq!(
        json,
        r#"{"amount":"0.00000000000000000000","created":"2013-07-02T12:51:51+02:00","note":"x","required":null,"blob":"aGk=","code":"{http://schemas.xmlsoap.org/soap/envelope/}Server"}"#
    );
}

#[test]
fn absent_nil_and_value_round_trip() {
    for note in [
        None,
        Some(Nillable::Nil),
        Some(Nillable::Value("x".to_owned())),
    ] {
        let r = record(note);
        let json = serde_json::to_string(&r).unwrap_or_default();
        let back: Record = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(back, r, "{json}");
    }
    let json = serde_json::to_string(&record(Some(Nillable::Nil))).unwrap_or_default();
    assert!(json.contains(r#""note":null"#), "{json}");
    let json = serde_json::to_string(&record(None)).unwrap_or_default();
    assert!(!json.contains("note"), "{json}");
}

#[test]
fn bad_lexical_forms_are_refused() {
    assert!(serde_json::from_str::<rt::DateTime>(r#""2013-13-01T00:00:00""#).is_err());
    assert!(serde_json::from_str::<rt::Date>(r#""2013-01-01""#).is_ok());
    let fixture: Record = serde_json::from_str(r#"{"amount":"25.00000"}"#).unwrap_or_default();
    assert_eq!(fixture.amount.to_string(), "25.00000");
}
