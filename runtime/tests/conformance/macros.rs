//! The `rt` macros from outside the crate, the way generated code calls them:
//! newtypes over non-string types, enumerations, and fault enums with several
//! variants (the handwritten contract has string newtypes and one-variant
//! fault enums only).
#![allow(missing_docs)]

use soap_runtime::rt;

rt::newtype! {
    /// A small number.
    #[xsd(name = "small", facets = SMALL_FACETS)]
    #[derive(Eq, Hash, PartialOrd, Ord)]
    pub struct Small(i32);
}
static SMALL_FACETS: rt::Facets = rt::Facets {
    min_inclusive: Some("1"),
    max_inclusive: Some("9"),
    ..rt::Facets::NONE
};

rt::newtype! {
    /// A code.
    #[xsd(name = "code", facets = CODE_FACETS)]
    pub struct Code(String);
}
static CODE_FACETS: rt::Facets = rt::Facets {
    max_length: Some(3),
    ..rt::Facets::NONE
};

rt::enumeration! {
    /// A state.
    pub enum State {
        /// `OPEN`
        Open = "OPEN",
        /// `CLOSED`
        Closed = "CLOSED",
        #[unknown]
        /// Any other value.
        Unknown_(String),
    }
}

rt::fault_enum! {
    /// Faults of a test operation.
    pub enum TestFault {
        /// A fault without a message for users.
        #[element = rt::FieldName::qualified("urn:test", "first")]
        First(String),
        /// A fault whose detail is the message.
        #[element = rt::FieldName::unqualified("second")]
        #[user_message = |detail| Some(detail.as_str())]
        Second(String),
    }
}

static OP: rt::Operation = rt::Operation {
    name: "test",
    soap_action: "",
    version: rt::SoapVersion::V11,
    input: rt::Body::Element(rt::FieldName::qualified("urn:test", "test")),
    output: Some(rt::Body::Element(rt::FieldName::qualified(
        "urn:test",
        "testResponse",
    ))),
    input_headers: &[],
    output_headers: &[],
};

#[test]
fn non_string_newtype_checks_facets_and_names_its_type() {
    assert_eq!(Small::new(5).map(Small::into_inner), Ok(5));
    assert!(Small::new(10).is_err());
    assert!(Small::try_from(0).is_err());
    let parsed: Small = " 7 ".trim().parse().expect("7 is in range");
    assert_eq!(*parsed.value(), 7);
    assert_eq!(parsed.to_string(), "7");
    let error = "12".parse::<Small>().expect_err("12 is out of range");
    assert!(error.to_string().contains("small"), "{error}");
    assert!("x".parse::<Small>().is_err());
    assert!(Small::new(2).ok() < Small::new(3).ok());
}

#[test]
fn string_newtype_has_as_str_and_facet_errors() {
    let code = Code::new("abc").expect("three characters");
    assert_eq!(code.as_str(), "abc");
    assert_eq!(code.as_ref(), "abc");
    assert_eq!(code.to_string(), "abc");
    let error: rt::FacetError = "abcd".parse::<Code>().expect_err("too long");
    assert!(!error.to_string().is_empty());
    assert_eq!(Code::default().as_str(), "");
}

#[test]
fn enumeration_keeps_unknown_values_and_refuses_to_encode_them() {
    assert_eq!(State::VALUES, ["OPEN", "CLOSED"]);
    assert_eq!(State::from_xml("CLOSED"), State::Closed);
    assert_eq!(State::default(), State::Unknown_(String::new()));
    let other = State::from(String::from("PENDING"));
    assert_eq!(other, State::Unknown_("PENDING".into()));
    assert_eq!(String::from(other.clone()), "PENDING");
    assert_eq!(String::from(State::Open), "OPEN");
    assert!(rt::SimpleType::check_facets(&other).is_err());
    assert!(rt::SimpleType::check_facets(&State::Open).is_ok());
    let parsed: State = rt::SimpleType::parse_text("  OPEN ").expect("lexical");
    assert_eq!(parsed, State::Open);
    assert_eq!(State::Closed.to_string(), "CLOSED");
}

#[test]
fn fault_enum_round_trips_every_variant() {
    use rt::FaultDetail;
    assert_eq!(TestFault::elements().len(), 2);
    for detail in [
        TestFault::First("one".into()),
        TestFault::Second("two".into()),
    ] {
        let fault = rt::Fault::new(rt::QName::new("urn:test", "Server"), "failed")
            .with_detail(detail.clone());
        let xml = rt::envelope::encode_fault(::soap_runtime::rt::SoapVersion::V11, &[], &fault);
        let decoded = rt::envelope::decode_response::<String, TestFault>(
            &OP,
            &xml,
            &rt::DecodeOptions::default(),
        )
        .expect("a fault envelope");
        let back = decoded.value.expect_err("a fault");
        assert_eq!(back.detail.as_ref(), Some(&detail));
    }
    assert_eq!(TestFault::First("one".into()).user_message(), None);
    assert_eq!(TestFault::Second("two".into()).user_message(), Some("two"));
}
