//! A schema location may lead only into the directory of the input that
//! started the run (symbolic links followed), a mapped directory or an
//! allowed one; anything else is refused with the location and its position.

use crate::resolve_support;

use resolve_support::{run_with, Scratch};
use soap_codegen::parse::{load, Limits, LocationMap, ParseError};

fn schema(ns: &str, body: &str) -> String {
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{ns}">
{body}</xs:schema>"#
    )
}

fn import(location: &str) -> String {
    schema(
        "urn:r",
        &format!(r#"<xs:import namespace="urn:o" schemaLocation="{location}"/>"#),
    )
}

/// The single `LocationOutsideTree` error of a run, or a panic.
fn refused(scratch: &Scratch, root: &std::path::Path, map: &LocationMap) -> ParseError {
    let errors = load(&[root.to_path_buf()], map, &Limits::default())
        .err()
        .unwrap_or_else(|| panic!("{}: the location was followed", scratch.path().display()));
    let errors: Vec<_> = errors.0.into_iter().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = errors.into_iter().next().unwrap();
    assert!(
        matches!(error, ParseError::LocationOutsideTree { .. }),
        "{error:?}"
    );
    error
}

#[test]
fn a_relative_location_leaving_the_tree_is_refused_with_its_position() {
    let scratch = Scratch::new("confine-dotdot");
    scratch.write("outside/o.xsd", &schema("urn:o", ""));
    let root = scratch.write("tree/root.xsd", &import("../outside/o.xsd"));
    let error = refused(&scratch, &root, &LocationMap::new());
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("{}:2:1: ", root.display())),
        "{text}"
    );
    assert!(text.contains("location `../outside/o.xsd`"), "{text}");
    let outside = scratch.path().join("outside/o.xsd").canonicalize().unwrap();
    assert!(text.contains(&outside.display().to_string()), "{text}");
    assert!(text.contains("--allow-path"), "{text}");
    if let ParseError::LocationOutsideTree { resolved, tree, .. } = error {
        assert_eq!(resolved, outside);
        assert_eq!(tree, scratch.path().join("tree").canonicalize().unwrap());
    }
}

#[test]
fn an_absolute_file_url_outside_the_tree_is_refused() {
    let scratch = Scratch::new("confine-fileurl");
    let outside = scratch.write("outside/o.xsd", &schema("urn:o", ""));
    let root = scratch.write(
        "tree/root.xsd",
        &import(&format!("file://{}", outside.display())),
    );
    refused(&scratch, &root, &LocationMap::new());
}

#[test]
fn a_location_map_entry_may_not_climb_out_of_its_directory() {
    let scratch = Scratch::new("confine-mapclimb");
    scratch.write("secret.xsd", &schema("urn:o", ""));
    scratch.write("mapped/m.xsd", &schema("urn:o", ""));
    let root = scratch.write("tree/root.xsd", &import("https://h/x/../secret.xsd"));
    let map = LocationMap::new().with("https://h/x/", scratch.path().join("mapped"));
    refused(&scratch, &root, &map);
    let fine = scratch.write("tree/fine.xsd", &import("https://h/x/m.xsd"));
    run_with(&[fine], &map).unwrap_or_else(|e| panic!("a mapped directory is allowed: {e}"));
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_before_checking() {
    let scratch = Scratch::new("confine-symlink");
    scratch.write("outside/o.xsd", &schema("urn:o", ""));
    scratch.write("tree/inner/i.xsd", &schema("urn:o", ""));
    std::fs::create_dir_all(scratch.path().join("tree")).unwrap();
    std::os::unix::fs::symlink(
        scratch.path().join("outside"),
        scratch.path().join("tree/escape"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        scratch.path().join("tree/inner"),
        scratch.path().join("tree/alias"),
    )
    .unwrap();
    let root = scratch.write("tree/root.xsd", &import("escape/o.xsd"));
    refused(&scratch, &root, &LocationMap::new());
    let inside = scratch.write("tree/inside.xsd", &import("alias/i.xsd"));
    run_with(&[inside], &LocationMap::new())
        .unwrap_or_else(|e| panic!("a link that stays in the tree is fine: {e}"));
}

#[cfg(unix)]
#[test]
fn an_input_reached_through_a_link_is_confined_to_its_real_directory() {
    let scratch = Scratch::new("confine-linkedinput");
    scratch.write("real/o.xsd", &schema("urn:o", ""));
    scratch.write("real/root.xsd", &import("o.xsd"));
    scratch.write("elsewhere/o.xsd", &schema("urn:wrong", ""));
    std::fs::create_dir_all(scratch.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(
        scratch.path().join("real/root.xsd"),
        scratch.path().join("elsewhere/link.xsd"),
    )
    .unwrap();
    // The relative location is read next to the link (as before), but that
    // file is outside the real input's directory.
    let link = scratch.path().join("elsewhere/link.xsd");
    refused(&scratch, &link, &LocationMap::new());
}

#[test]
fn an_allowed_directory_admits_the_location_and_its_subdirectories() {
    let scratch = Scratch::new("confine-allow");
    scratch.write("shared/deep/o.xsd", &schema("urn:o", ""));
    let root = scratch.write("tree/root.xsd", &import("../shared/deep/o.xsd"));
    let r = run_with(
        std::slice::from_ref(&root),
        &LocationMap::new().with_allowed(scratch.path().join("shared")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(r.namespaces.contains_key("urn:o"));
    let other = LocationMap::new().with_allowed(scratch.path().join("shared-not"));
    refused(&scratch, &root, &other);
}

#[test]
fn config_allow_path_reaches_the_parse_stage() {
    let scratch = Scratch::new("confine-config");
    scratch.write(
        "shared/o.xsd",
        &schema("urn:o", r#"<xs:element name="o" type="xs:string"/>"#),
    );
    let root = scratch.write("tree/root.xsd", &import("../shared/o.xsd"));
    let refused = soap_codegen::Config::new().xsd(&root).generate_string();
    let text = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(text.contains("outside"), "{text}");
    soap_codegen::Config::new()
        .xsd(&root)
        .allow_path(scratch.path().join("shared"))
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"));
}
