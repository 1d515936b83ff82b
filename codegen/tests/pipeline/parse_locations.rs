//! Schema location resolution: relative paths, the `xsd=` query parameter
//! (relative to the folder of the run's input), the location map; each file
//! read once; import cycles and location-less imports.

use crate::resolve_support;

use resolve_support::{run, run_with, Scratch};
use soap_codegen::parse::{load, Limits, LocationMap};

fn schema(ns: &str, body: &str) -> String {
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{ns}">{body}</xs:schema>"#
    )
}

#[test]
fn xsd_query_parameter_is_relative_to_the_input_folder() {
    let scratch = Scratch::new("xsdparam");
    scratch.write("schemas/types/common.xsd", &schema("urn:c", ""));
    scratch.write(
        "schemas/messages/msg.xsd",
        &schema(
            "urn:m",
            r#"<xs:import namespace="urn:c" schemaLocation="https://h/ws/S?xsd=schemas/types/common.xsd"/>"#,
        ),
    );
    let root = scratch.write(
        "root.xsd",
        &schema(
            "urn:r",
            r#"<xs:import namespace="urn:m" schemaLocation="https://h/ws/S?xsd=schemas/messages/msg.xsd"/>
<xs:import namespace="urn:c" schemaLocation="schemas/types/common.xsd"/>"#,
        ),
    );
    let r = run(&[root]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.files.len(), 3, "common.xsd read once: {:?}", r.files);
}

#[test]
fn location_map_longest_prefix_wins() {
    let scratch = Scratch::new("locmap");
    scratch.write("general/deep/t.xsd", &schema("urn:wrong", ""));
    scratch.write("specific/t.xsd", &schema("urn:t", ""));
    let root = scratch.write(
        "root.xsd",
        &schema(
            "urn:r",
            r#"<xs:import namespace="urn:t" schemaLocation="https://h/x/deep/t.xsd"/>"#,
        ),
    );
    let map = LocationMap::new()
        .with("https://h/x/", scratch.path().join("general"))
        .with("https://h/x/deep/", scratch.path().join("specific"));
    let r = run_with(std::slice::from_ref(&root), &map).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.namespaces.contains_key("urn:t") && !r.namespaces.contains_key("urn:wrong"));
    assert!(run(&[root]).is_err(), "no map: unresolvable");
}

#[test]
fn import_cycles_and_imports_without_location_are_fine() {
    let scratch = Scratch::new("cycles");
    let a = scratch.write(
        "a.xsd",
        &schema("urn:a", r#"<xs:import namespace="urn:b" schemaLocation="b.xsd"/><xs:element name="x" type="xs:int"/>"#),
    );
    scratch.write(
        "b.xsd",
        &schema("urn:b", r#"<xs:import namespace="urn:a" schemaLocation="./a.xsd"/><xs:import namespace="urn:a"/>"#),
    );
    let docs = load(&[a.clone(), a], &LocationMap::new(), &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.files.len(), 2);
    assert_eq!(docs.schemas.len(), 2, "an input given twice is read once");
    assert_eq!(docs.files[1].root, 0);
    assert_eq!(docs.schemas[1].imports.len(), 2);
    assert_eq!(docs.schemas[1].imports[0].file, Some(0));
    assert_eq!(docs.schemas[1].imports[1].file, None);
}

#[test]
fn parse_ir_keeps_raw_qnames_with_their_namespace_context() {
    let scratch = Scratch::new("rawqname");
    let a = scratch.write(
        "a.xsd",
        &schema(
            "urn:a",
            r#"<xs:element xmlns:p="urn:p" name="x" type="p:t"/>"#,
        ),
    );
    let docs =
        load(&[a], &LocationMap::new(), &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    let component = &docs.schemas[0].components[0];
    assert_eq!(component.name, "x");
    let q = component
        .element
        .qname_attr("type")
        .unwrap_or_else(|| panic!("no type"));
    assert_eq!(q.text, "p:t");
    assert_eq!(q.namespaces.uri(Some("p")), Some("urn:p"));
    assert_eq!((q.pos.line, q.pos.col), (1, 80));
}
