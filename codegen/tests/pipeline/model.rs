//! The model stage through `Config::model`: unwrapping, operation subsets,
//! documentation stripping, and errors.

use std::path::Path;

use soap_codegen::model::{Builtin, Occurrence, RustType, Unwrap};
use soap_codegen::Config;

fn service() -> Config {
    Config::new()
        .wsdl(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/service/service.wsdl"))
}

#[test]
fn responses_are_unwrapped_wrapped_style() {
    let model = service().model().expect("model");
    let module = model.module("urn:golden:service").expect("service module");
    let unwrap = |name: &str| {
        module
            .operations
            .iter()
            .find(|o| o.name == name)
            .and_then(|o| o.output.as_ref().map(|o| o.unwrap.clone()))
            .expect("operation")
    };
    assert!(
        matches!(unwrap("getOrder"), Unwrap::Field { name, ty } if name == "r#return" && ty.occurrence == Occurrence::One)
    );
    assert!(matches!(unwrap("listIds"), Unwrap::Field { ty, .. }
        if ty.occurrence == Occurrence::Many && ty.ty == RustType::Builtin(Builtin::String)));
    assert!(
        matches!(unwrap("findOrder"), Unwrap::Field { ty, .. } if ty.occurrence == Occurrence::Optional)
    );
    assert_eq!(unwrap("cancelOrder"), Unwrap::Empty);
    assert_eq!(unwrap("stats"), Unwrap::Whole);
}

#[test]
fn operations_subset_prunes_unreachable_types() {
    let full = service().model().expect("model");
    let subset = service().operations(["listIds"]).model().expect("model");
    let module = subset.module("urn:golden:service").expect("service module");
    assert_eq!(module.operations.len(), 1);
    assert_eq!(module.services[0].operations, vec![0]);
    let msg = subset.module("urn:golden:service:msg").expect("msg module");
    let names: Vec<&str> = msg.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["ListIds", "ListIdsResponse"]);
    // Names are decided before pruning: a subset names things like the full model.
    let full_msg = full.module("urn:golden:service:msg").expect("msg module");
    assert!(full_msg.types.len() > msg.types.len());
}

#[test]
fn without_docs_drops_only_documentation() {
    let model = service().model().expect("model");
    let stripped = model.without_docs();
    assert_ne!(model, stripped);
    assert_eq!(stripped, stripped.without_docs());
    let op = &stripped
        .module("urn:golden:service")
        .expect("module")
        .operations[0];
    assert_eq!(op.doc, None);
    assert_eq!(op.name, "getOrder");
}

#[test]
fn unknown_user_message_field_is_reported_with_location() {
    let err = service()
        .user_message("{urn:golden:service:msg}shopError", "nope")
        .model()
        .expect_err("must fail");
    let text = err.to_string();
    assert!(text.contains("service.wsdl:"), "{text}");
    assert!(text.contains("nope"), "{text}");
}

#[test]
fn bad_attribute_is_a_config_error() {
    let err = service()
        .type_attribute(".", "#[derive(")
        .generate_string()
        .expect_err("must fail");
    assert!(err.to_string().contains("#[derive("), "{err}");
}

#[test]
fn type_attributes_are_emitted() {
    let code = service()
        .type_attribute("msg.order", "#[non_exhaustive]")
        .field_attribute(
            "urn:golden:service:msg.order.id",
            "#[doc(alias = \"identifier\")]",
        )
        .generate_string()
        .expect("generate");
    assert!(
        code.contains("#[xml()]\n        #[non_exhaustive]\n        pub struct Order"),
        "{code}"
    );
    assert!(code.contains("#[doc(alias = \"identifier\")]"));
}

#[test]
fn module_override_renames() {
    let code = service()
        .module("urn:golden:service:msg", "messages")
        .generate_string()
        .expect("generate");
    assert!(code.contains("pub mod messages {"));
    assert!(code.contains("super::messages::GetOrder"));
}

#[test]
fn resurs_published_shopflow_subset() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/resurs-v4/ShopFlowService/ShopFlowService.wsdl");
    if !root.is_file() {
        eprintln!("skipping: ../shared is absent");
        return;
    }
    let model = Config::new()
        .wsdl(root)
        .operations([
            "issueCustomerIdentificationToken",
            "invalidateCustomerIdentificationToken",
        ])
        .model()
        .expect("model");
    let v4 = model.module("http://ecommerce.resurs.com/v4").expect("v4");
    assert_eq!(v4.operations.len(), 2);
    assert_eq!(v4.name, "v4");
}

/// The project's own authoring of the Resurs contract (`wsdl/`) and the
/// published one (`../shared`) give the same model, documentation and
/// declaration order aside.
#[test]
fn authored_resurs_wsdl_matches_the_published_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let published = root.join("../shared/resurs-v4/AfterShopFlowService/AfterShopFlowService.wsdl");
    let authored = root.join("wsdl/AfterShopFlowService.wsdl");
    if !published.is_file() || !authored.is_file() {
        eprintln!("skipping: ../shared or wsdl/ is absent");
        return;
    }
    let a = Config::new()
        .wsdl(authored)
        .model()
        .expect("authored model")
        .canonical();
    let b = Config::new()
        .wsdl(published)
        .model()
        .expect("published model")
        .canonical();
    if a != b {
        let (da, db) = (format!("{a:#?}"), format!("{b:#?}"));
        let line = da
            .lines()
            .zip(db.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        let show = |s: &str| {
            s.lines()
                .skip(line.saturating_sub(12))
                .take(20)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "models differ at line {line}:\n--- authored\n{}\n--- published\n{}",
            show(&da),
            show(&db)
        );
    }
}

/// The project's ShopFlow subset equals the published ShopFlowService
/// restricted to the same operations.
#[test]
fn authored_shopflow_subset_matches_the_published_service() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let published = root.join("../shared/resurs-v4/ShopFlowService/ShopFlowService.wsdl");
    let authored = root.join("wsdl/ShopFlowService.wsdl");
    if !published.is_file() || !authored.is_file() {
        eprintln!("skipping: ../shared or wsdl/ is absent");
        return;
    }
    let full = Config::new()
        .wsdl(&authored)
        .model()
        .expect("authored model");
    let ops: Vec<String> = full
        .modules
        .iter()
        .flat_map(|m| m.operations.iter().map(|o| o.name.clone()))
        .collect();
    assert!(!ops.is_empty());
    // Both restricted to the subset's operations: types nothing uses go.
    let a = Config::new()
        .wsdl(authored)
        .operations(ops.clone())
        .model()
        .expect("authored model")
        .canonical();
    let b = Config::new()
        .wsdl(published)
        .operations(ops)
        .model()
        .expect("published model")
        .canonical();
    if a != b {
        let (da, db) = (format!("{a:#?}"), format!("{b:#?}"));
        let line = da
            .lines()
            .zip(db.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        let show = |s: &str| {
            s.lines()
                .skip(line.saturating_sub(12))
                .take(20)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "models differ at line {line}:\n--- authored\n{}\n--- published\n{}",
            show(&da),
            show(&db)
        );
    }
}

/// A WSDL (target namespace `urn:n`, types in the same namespace) written to
/// a scratch file: `schema` holds the element declarations, each operation of
/// `ops` is `(name, input element, Some(output element) | None)`.
fn scratch_wsdl(
    test: &str,
    service: &str,
    schema: &str,
    ops: &[(&str, &str, Option<&str>)],
) -> Config {
    let mut messages = String::new();
    let mut port_type = String::new();
    let mut binding = String::new();
    for (name, input, output) in ops {
        messages.push_str(&format!(
            r#"<message name="{name}In"><part name="p" element="tns:{input}"/></message>"#
        ));
        let (out_msg, out_bind) = match output {
            Some(o) => {
                messages.push_str(&format!(
                    r#"<message name="{name}Out"><part name="p" element="tns:{o}"/></message>"#
                ));
                (
                    format!(r#"<output message="tns:{name}Out"/>"#),
                    r#"<output><soap:body use="literal"/></output>"#.to_string(),
                )
            }
            None => (String::new(), String::new()),
        };
        port_type.push_str(&format!(
            r#"<operation name="{name}"><input message="tns:{name}In"/>{out_msg}</operation>"#
        ));
        binding.push_str(&format!(
            r#"<operation name="{name}"><soap:operation soapAction="{name}"/><input><soap:body use="literal"/></input>{out_bind}</operation>"#
        ));
    }
    let wsdl = format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:n" targetNamespace="urn:n">
  <types><xs:schema targetNamespace="urn:n" elementFormDefault="qualified">{schema}</xs:schema></types>
  {messages}
  <portType name="PT">{port_type}</portType>
  <binding name="B" type="tns:PT"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>{binding}</binding>
  <service name="{service}"><port name="P" binding="tns:B"><soap:address location="http://localhost/"/></port></service>
</definitions>"#
    );
    let dir =
        std::env::temp_dir().join(format!("soap-codegen-model-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("n.wsdl");
    std::fs::write(&path, wsdl).expect("write wsdl");
    Config::new().wsdl(path)
}

const PAIR: &str = r#"<xs:element name="T"><xs:complexType><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="S"><xs:complexType><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:sequence></xs:complexType></xs:element>"#;

#[test]
fn generated_names_do_not_collide_with_fixed_ones() {
    let config = scratch_wsdl(
        "fixed-names",
        "G",
        PAIR,
        &[
            ("new", "T", Some("S")),
            ("inner", "T", Some("S")),
            ("tFields", "T", Some("S")),
        ],
    );
    let model = config.model().expect("model");
    let module = model.module("urn:n").expect("module");
    let types: Vec<&str> = module.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        types,
        ["T2", "S2"],
        "`T` and `S` are the generic parameters"
    );
    let methods: Vec<&str> = module
        .operations
        .iter()
        .map(|o| o.method.as_str())
        .collect();
    assert_eq!(
        methods,
        ["new2", "inner2", "t_fields"],
        "`new`/`inner` are client methods"
    );
    let descriptors: Vec<&str> = module
        .operations
        .iter()
        .map(|o| o.descriptor.as_str())
        .collect();
    assert_eq!(
        descriptors,
        ["NEW", "INNER", "T_FIELDS"],
        "type `T2` has `T2_FIELDS`, so `T_FIELDS` is free"
    );
    let config = scratch_wsdl("statics", "G", PAIR, &[("t2Fields", "T", Some("S"))]);
    let model = config.model().expect("model");
    let op = &model.module("urn:n").expect("module").operations[0];
    assert_eq!(
        op.descriptor, "T2_FIELDS2",
        "`T2_FIELDS` is the static of type `T2`"
    );
    let code = config.generate_string().expect("generate");
    assert!(
        code.contains("pub static T2_FIELDS2: rt::Operation"),
        "{code}"
    );
}

#[test]
fn one_way_operations_have_no_output() {
    let ops = [("ask", "T", Some("S")), ("tell", "T", None)];
    let model = scratch_wsdl("one-way", "G", PAIR, &ops)
        .model()
        .unwrap_or_else(|e| panic!("{e}"));
    let outputs: Vec<(&str, bool)> = model.modules[0]
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o.output.is_some()))
        .collect();
    assert_eq!(outputs, [("ask", true), ("tell", false)]);
    let code = scratch_wsdl("one-way-code", "G", PAIR, &ops)
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("output: None"), "{code}");
}
