//! Parse stage errors: every problem of a run reported at once, each with
//! file and line:col; limits for untrusted input.

use crate::resolve_support;

use std::path::PathBuf;

use resolve_support::Scratch;
use soap_codegen::parse::{load, Limits, LocationMap, ParseError, ParseErrors};

fn load_err(inputs: &[PathBuf], limits: &Limits) -> ParseErrors {
    match load(inputs, &LocationMap::new(), limits) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e,
    }
}

const SCHEMA_OPEN: &str =
    r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">"#;

#[test]
fn unresolvable_location_names_importing_file_line_and_url() {
    let scratch = Scratch::new("unresolved");
    let url = "https://example.invalid/schemas/types.xsd";
    let a = scratch.write("a.xsd", &format!("{SCHEMA_OPEN}\n  <xs:import namespace=\"urn:x\" schemaLocation=\"{url}\"/>\n</xs:schema>"));
    let errors = load_err(std::slice::from_ref(&a), &Limits::default());
    assert_eq!(
        errors.0,
        [ParseError::UnresolvedLocation {
            importing_file: a.clone(),
            line: 2,
            col: 3,
            url: url.into()
        }]
    );
    let text = errors.to_string();
    assert!(
        text.contains(&format!("{}:2:3:", a.display())) && text.contains(url),
        "{text}"
    );
}

#[test]
fn malformed_xml_has_line_and_column() {
    let scratch = Scratch::new("malformed");
    let a = scratch.write(
        "a.xsd",
        &format!("{SCHEMA_OPEN}\n  <xs:element name=\"x\">\n</xs:schema>"),
    );
    let errors = load_err(std::slice::from_ref(&a), &Limits::default());
    let [ParseError::XmlSyntax { file, line, .. }] = errors.0.as_slice() else {
        panic!("{errors}")
    };
    assert_eq!((file, *line), (&a, 3));
    assert!(errors.to_string().contains("a.xsd:3:"), "{errors}");
}

/// The DOCTYPE of the stock W3C xmldsig schema: an external DTD that is never
/// fetched, an ATTLIST and entities nobody references.
const XMLDSIG_DOCTYPE: &str = "<!DOCTYPE schema\n  PUBLIC \"-//W3C//DTD XMLSchema 200102//EN\" \"http://www.w3.org/2001/XMLSchema.dtd\"\n [\n   <!ATTLIST schema\n     xmlns:ds CDATA #FIXED \"http://www.w3.org/2000/09/xmldsig#\">\n   <!ENTITY dsig 'http://www.w3.org/2000/09/xmldsig#'>\n   <!ENTITY % p ''>\n   <!ENTITY % s ''>\n  ]>";

#[test]
fn doctype_without_entity_references_is_read() {
    let scratch = Scratch::new("doctype");
    let a = scratch.write(
        "a.xsd",
        &format!("<?xml version=\"1.0\"?>\n{XMLDSIG_DOCTYPE}\n{SCHEMA_OPEN}<xs:element name=\"a\" type=\"xs:string\" fixed=\"&lt;&#65;&amp;\"/></xs:schema>"),
    );
    let docs = load(
        std::slice::from_ref(&a),
        &LocationMap::new(),
        &Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.schemas.len(), 1);
}

#[test]
fn entity_reference_is_refused_with_its_position() {
    let scratch = Scratch::new("entity");
    let a = scratch.write(
        "a.xsd",
        &format!("<?xml version=\"1.0\"?>\n<!DOCTYPE lol [<!ENTITY lol \"lol\">]>\n{SCHEMA_OPEN}\n<xs:annotation><xs:documentation>&lol;</xs:documentation></xs:annotation></xs:schema>"),
    );
    let errors = load_err(std::slice::from_ref(&a), &Limits::default());
    assert_eq!(
        errors.0,
        [ParseError::EntityRefused {
            file: a,
            line: 4,
            col: 34,
            name: "lol".into(),
        }]
    );
}

#[test]
fn entity_bomb_is_refused_before_expansion() {
    let scratch = Scratch::new("bomb");
    let mut dtd = String::from("<!ENTITY l0 \"lol\">");
    for i in 1..10 {
        let prev = format!("&l{};", i - 1);
        dtd.push_str(&format!("<!ENTITY l{i} \"{}\">", prev.repeat(10)));
    }
    let a = scratch.write(
        "a.xsd",
        &format!("<?xml version=\"1.0\"?>\n<!DOCTYPE s [{dtd}]>\n{SCHEMA_OPEN}<xs:element name=\"a\" type=\"xs:string\" default=\"&l9;\"/></xs:schema>"),
    );
    let errors = load_err(std::slice::from_ref(&a), &Limits::default());
    assert!(
        matches!(&errors.0[..], [ParseError::EntityRefused { name, line: 3, .. }] if name == "l9"),
        "{errors}"
    );
}

#[test]
fn several_errors_are_reported_at_once() {
    let scratch = Scratch::new("several");
    let bad = scratch.write(
        "bad.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<oops></xs:schema>",
    );
    let other = scratch.write("other.xml", "<root/>");
    let imports = scratch.write(
        "imports.xsd",
        &format!(
            "{SCHEMA_OPEN}\n<xs:include schemaLocation=\"missing.xsd\"/>\n<xs:import schemaLocation=\"http://nowhere/x.xsd\"/>\n<xs:redefine schemaLocation=\"bad.xsd\"/>\n<xs:complexType/>\n</xs:schema>"
        ),
    );
    let missing = scratch.path().join("nope.wsdl");
    let errors = load_err(&[bad, other, imports, missing], &Limits::default());
    let text = errors.to_string();
    assert_eq!(errors.len(), 7, "{text}");
    assert_eq!(text.lines().count(), 7, "{text}");
    for expected in [
        "bad.xsd:2:",
        "other.xml:1:1: root element `root` is neither",
        "imports.xsd:2:1: cannot resolve location `missing.xsd`",
        "imports.xsd:3:1: cannot resolve location `http://nowhere/x.xsd`",
        "imports.xsd:4:1: unsupported: xs:redefine",
        "imports.xsd:5:1: `complexType` has no `name` attribute",
        "nope.wsdl: cannot read",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
}

#[test]
fn limits_bound_size_nodes_and_depth() {
    let scratch = Scratch::new("limits");
    let deep = format!(
        "{SCHEMA_OPEN}{}{}</xs:schema>",
        "<a>".repeat(40),
        "</a>".repeat(40)
    );
    let a = scratch.write("a.xsd", &deep);
    let tight = Limits {
        max_depth: 10,
        ..Limits::default()
    };
    assert!(matches!(
        load_err(std::slice::from_ref(&a), &tight).0.as_slice(),
        [ParseError::TooDeep { limit: 10, .. }]
    ));
    let few = Limits {
        max_nodes: 20,
        ..Limits::default()
    };
    assert!(matches!(
        load_err(std::slice::from_ref(&a), &few).0.as_slice(),
        [ParseError::TooManyNodes { .. }]
    ));
    let small = Limits {
        max_file_size: 100,
        ..Limits::default()
    };
    assert!(matches!(
        load_err(&[a], &small).0.as_slice(),
        [ParseError::TooLarge { limit: 100, .. }]
    ));
}

#[test]
fn not_utf8_is_a_syntax_error() {
    let scratch = Scratch::new("latin1");
    let a = scratch.write("a.xsd", "");
    std::fs::write(
        &a,
        b"<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<!-- \xe5 --></xs:schema>",
    )
    .ok();
    let errors = load_err(&[a], &Limits::default());
    assert!(
        matches!(
            errors.0.as_slice(),
            [ParseError::XmlSyntax {
                line: 2,
                col: 6,
                ..
            }]
        ),
        "{errors}"
    );
}
