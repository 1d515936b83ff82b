//! XSD value types: lexical forms in, exact forms out.

use soap_runtime::rt;
use soap_runtime::rt::SimpleType;

fn text<T: SimpleType>(v: &T) -> String {
    let mut out = String::new();
    v.write_text(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

fn parse<T: SimpleType>(s: &str) -> Result<T, rt::ValueError> {
    T::parse_text(s)
}

#[test]
fn integers_take_the_xsd_lexical_space() {
    assert_eq!(parse::<i32>(" +42\n"), Ok(42));
    assert_eq!(parse::<i64>("-0007"), Ok(-7));
    assert_eq!(parse::<u8>("255"), Ok(255));
    assert!(parse::<u8>("256").is_err());
    assert!(parse::<u64>("-1").is_err());
    assert!(parse::<i32>("1 2").is_err());
    assert!(parse::<i32>("++1").is_err());
    assert!(parse::<i32>("").is_err());
    assert!(parse::<i16>("1.0").is_err());
    assert_eq!(text(&-5i8), "-5");
}

#[test]
fn floats_know_inf_and_nan() {
    assert_eq!(parse::<f64>("INF"), Ok(f64::INFINITY));
    assert_eq!(parse::<f64>("-INF"), Ok(f64::NEG_INFINITY));
    assert!(parse::<f32>("NaN").is_ok_and(f32::is_nan));
    assert_eq!(parse::<f64>("1.5E3"), Ok(1500.0));
    assert!(parse::<f64>("inf").is_err());
    assert!(parse::<f64>("infinity").is_err());
    assert_eq!(text(&f64::NEG_INFINITY), "-INF");
    assert_eq!(text(&f64::NAN), "NaN");
    assert_eq!(text(&0.1f64), "0.1");
}

#[test]
fn booleans() {
    assert_eq!(parse::<bool>(" true "), Ok(true));
    assert_eq!(parse::<bool>("0"), Ok(false));
    assert!(parse::<bool>("TRUE").is_err());
    assert_eq!(text(&true), "true");
}

#[test]
fn decimals_keep_their_scale() {
    for (input, output) in [
        ("25.00000", "25.00000"),
        ("0.00000000000000000000", "0.00000000000000000000"),
        ("+1.0", "1.0"),
        (".5", "0.5"),
        ("5.", "5"),
        ("-0.10", "-0.10"),
        (" 3030.00000 ", "3030.00000"),
    ] {
        let d = parse::<rt::Decimal>(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(text(&d), output, "{input}");
    }
    for bad in [
        "",
        ".",
        "1e5",
        "1_000",
        "NaN",
        "--1",
        "1.2.3",
        "0x10",
        "12345678901234567890123456789012345",
    ] {
        assert!(parse::<rt::Decimal>(bad).is_err(), "{bad}");
    }
}

#[test]
fn dates_round_trip_exactly() {
    let dt: rt::DateTime = parse("2013-07-02T12:51:51+02:00").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text(&dt), "2013-07-02T12:51:51+02:00");
    assert_eq!(
        (
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        ),
        (2013, 7, 2, 12, 51, 51)
    );
    assert_eq!(dt.offset_minutes(), Some(120));
    let built = rt::DateTime::new(2013, 7, 2, 12, 51, 51).and_then(|d| d.with_offset_minutes(120));
    assert_eq!(built, Ok(dt));
    assert_eq!(
        rt::DateTime::from_unix_seconds(dt.to_unix_seconds(), 120),
        Ok(dt)
    );
    let d: rt::Date = parse("2012-10-02").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rt::Date::new(2012, 10, 2), Ok(d));
    assert_eq!(d.offset_minutes(), None);
    let t: rt::Time = parse("08:00:00.500Z").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (text(&t).as_str(), t.nanosecond()),
        ("08:00:00.500Z", 500_000_000)
    );
    assert!(parse::<rt::Date>("2012-10-32").is_err());
    let d: rt::Duration = parse("P1DT2H").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text(&d), "P1DT2H");
}

#[test]
fn binary_types() {
    let b: rt::Base64Binary = parse("aGVs\n bG8=").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.0, b"hello");
    assert_eq!(text(&b), "aGVsbG8=");
    assert!(parse::<rt::Base64Binary>("a===").is_err());
    let h: rt::HexBinary = parse("0fA1").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.0, vec![0x0f, 0xa1]);
    assert_eq!(text(&h), "0FA1");
    assert!(parse::<rt::HexBinary>("abc").is_err());
    assert!(parse::<rt::HexBinary>("zz").is_err());
}

#[test]
fn qnames_resolve_by_namespace() {
    struct Scope;
    impl rt::Namespaces for Scope {
        fn resolve(&self, prefix: &str) -> Option<&str> {
            (prefix == "soap").then_some("http://schemas.xmlsoap.org/soap/envelope/")
        }
    }
    let q = rt::QName::parse_text_in(" soap:Server ", &Scope);
    assert_eq!(
        q,
        Ok(rt::QName::new(
            "http://schemas.xmlsoap.org/soap/envelope/",
            "Server"
        ))
    );
    assert!(rt::QName::parse_text_in("x:Server", &Scope).is_err());
    assert_eq!(
        rt::QName::parse_text_in("Server", &Scope),
        Ok(rt::QName::unqualified("Server"))
    );
    assert!(rt::QName::parse_text("a:b:c").is_err());
}

#[test]
fn nillable_basics() {
    let n: rt::Nillable<i32> = rt::Nillable::default();
    assert!(n.is_nil());
    let v: rt::Nillable<i32> = 5.into();
    assert_eq!(v.value(), Some(&5));
    assert_eq!(v.into_option(), Some(5));
    assert_eq!(rt::collapse_ws("\t a b \n"), "a b");
}

#[test]
fn facet_checks() {
    static PCT: rt::Facets = rt::Facets {
        min_inclusive: Some("0"),
        max_inclusive: Some("100"),
        ..rt::Facets::NONE
    };
    static BROKEN: rt::Facets = rt::Facets {
        patterns: &[&BROKEN_P],
        ..rt::Facets::NONE
    };
    static BROKEN_P: rt::Pattern = rt::Pattern::new("(unclosed");
    assert_eq!(
        PCT.check_decimal(&rt::Decimal::new(120, 0))
            .map_err(|e| e.to_string()),
        Err("120 is above maxInclusive 100".into())
    );
    assert!(PCT.check_i64(100).is_ok());
    assert!(PCT.check_u64(101).is_err());
    assert!(PCT.check_f64(f64::INFINITY).is_err());
    let e = BROKEN.check_str("x").err();
    assert!(matches!(
        e.map(|e| e.facet),
        Some(rt::FacetKind::BadPattern { .. })
    ));
}
