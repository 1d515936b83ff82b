//! `xsi:type` polymorphism through the generated code of the `polymorphism`
//! golden case: decoding dispatches on the namespace-resolved `xsi:type`,
//! unknown types are diagnostics (lenient) or errors (strict), an abstract
//! base needs a derived type, encoding declares the prefix it writes, and a
//! client and a server exchange polymorphic values over loopback.
use crate::polymorphism as generated;
use generated::ext::Company;
use generated::polymorphism::{AnyParty, AnyRecord, Note, Party, Person, SaveRecords};
use generated::svc::{RecordsService, RecordsServiceClient, RecordsServiceServer};
use soap_runtime::rt;
use soap_runtime::server::{Router, Server};

const NS: &str = "urn:golden:polymorphism";

fn doc(body: &str) -> String {
    format!(
        r#"<p:saveRecords xmlns:p="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{body}</p:saveRecords>"#
    )
}

fn decode(xml: &str, strict: bool) -> Result<rt::Decoded<SaveRecords>, rt::DecodeError> {
    let opts = if strict {
        rt::DecodeOptions::strict()
    } else {
        rt::DecodeOptions::default()
    };
    rt::decode_document::<SaveRecords>(xml.as_bytes(), Some(NS), "saveRecords", &opts)
}

#[test]
fn a_prefix_declared_on_an_ancestor_resolves_and_a_shadowed_one_is_rebound() {
    let xml = format!(
        r#"<a:saveRecords xmlns:a="{NS}" xmlns:t="urn:golden:polymorphism:ext" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
             <a:record i:type="t:company"><a:id>1</a:id><a:name>N</a:name><t:vatId>V</t:vatId></a:record>
             <a:record xmlns:t="{NS}" i:type="t:person"><a:id>2</a:id><a:name>P</a:name></a:record>
           </a:saveRecords>"#
    );
    let v = decode(&xml, true).unwrap().value;
    assert!(matches!(&v.record[0], AnyRecord::Company(c) if c.vat_id == "V"));
    assert!(matches!(&v.record[1], AnyRecord::Person(p) if p.name == "P"));
}

#[test]
fn a_default_namespace_names_an_unprefixed_xsi_type() {
    let xml = doc(
        r#"<p:owner xmlns="urn:golden:polymorphism" xsi:type="person"><p:id>1</p:id><p:name>D</p:name></p:owner>"#,
    );
    let v = decode(&xml, true).unwrap().value;
    assert!(
        matches!(v.owner, Some(AnyParty::Person(_))),
        "{:?}",
        v.owner
    );
}

#[test]
fn an_unknown_xsi_type_is_read_as_the_base_with_a_diagnostic() {
    let xml = doc(
        r#"<p:owner xsi:type="p:robot"><p:id>1</p:id><p:name>R2</p:name><p:beeps>3</p:beeps></p:owner>"#,
    );
    let decoded = decode(&xml, false).unwrap();
    let Some(AnyParty::Party(owner)) = &decoded.value.owner else {
        panic!("{:?}", decoded.value.owner);
    };
    assert_eq!(owner.name, "R2");
    let kinds: Vec<String> = decoded
        .diagnostics
        .iter()
        .map(|d| d.kind.to_string())
        .collect();
    assert_eq!(
        kinds[0],
        "xsi:type {urn:golden:polymorphism}robot is not {urn:golden:polymorphism}party or a type derived from it; read as {urn:golden:polymorphism}party"
    );
    assert!(matches!(
        &decoded.diagnostics[0].kind,
        rt::DiagnosticKind::UnknownXsiType { found, .. } if found.local == "robot"
    ));
    assert_eq!(decoded.diagnostics[0].path, "saveRecords/owner");
    assert_eq!(decoded.diagnostics.len(), 2, "{kinds:?}");
}

#[test]
fn strict_decoding_refuses_an_unknown_xsi_type() {
    let xml = doc(r#"<p:owner xsi:type="p:robot"><p:id>1</p:id><p:name>R2</p:name></p:owner>"#);
    let e = decode(&xml, true).unwrap_err();
    assert_eq!(
        e.kind,
        rt::DecodeErrorKind::UnknownXsiType {
            found: "{urn:golden:polymorphism}robot".into(),
            base: "{urn:golden:polymorphism}party".into(),
        }
    );
    assert!(e.path.ends_with("owner"), "{e}");
}

#[test]
fn a_malformed_xsi_type_is_a_diagnostic_or_a_strict_error() {
    let xml = doc(r#"<p:owner xsi:type="nope:party"><p:id>1</p:id><p:name>N</p:name></p:owner>"#);
    let decoded = decode(&xml, false).unwrap();
    assert!(matches!(decoded.value.owner, Some(AnyParty::Party(_))));
    assert!(matches!(
        &decoded.diagnostics[0].kind,
        rt::DiagnosticKind::UnknownXsiType { found, .. } if found.namespace.is_none() && found.local == "nope:party"
    ));
    let e = decode(&xml, true).unwrap_err();
    assert!(
        e.to_string().contains("prefix 'nope' is not declared"),
        "{e}"
    );
}

#[test]
fn an_abstract_base_needs_a_derived_type_in_every_mode() {
    let missing = doc(r#"<p:record><p:id>1</p:id></p:record>"#);
    let unknown = doc(r#"<p:record xsi:type="p:robot"><p:id>1</p:id></p:record>"#);
    let itself = doc(r#"<p:record xsi:type="p:record"><p:id>1</p:id></p:record>"#);
    for strict in [false, true] {
        let e = decode(&missing, strict).unwrap_err();
        assert_eq!(
            e.kind,
            rt::DecodeErrorKind::AbstractType {
                base: "{urn:golden:polymorphism}record".into(),
                found: None
            }
        );
        assert_eq!(
            e.kind.to_string(),
            "element of abstract type {urn:golden:polymorphism}record has no xsi:type naming a type derived from it"
        );
        for xml in [&unknown, &itself] {
            let e = decode(xml, strict).unwrap_err();
            assert!(
                matches!(
                    &e.kind,
                    rt::DecodeErrorKind::AbstractType { found: Some(_), .. }
                ),
                "{e}"
            );
        }
    }
}

#[test]
fn a_plain_type_attribute_is_not_an_xsi_type() {
    let xml = doc(r#"<p:owner type="p:person"><p:id>1</p:id><p:name>N</p:name></p:owner>"#);
    let decoded = decode(&xml, true).unwrap();
    assert!(matches!(decoded.value.owner, Some(AnyParty::Party(_))));
}

fn sample() -> SaveRecords {
    SaveRecords {
        record: vec![
            AnyRecord::Note(Note {
                id: "n".into(),
                text: "t".into(),
                version: Some(1),
            }),
            AnyRecord::Company(Company {
                id: "c".into(),
                name: "ACME".into(),
                vat_id: "SE1".into(),
                version: None,
            }),
        ],
        owner: Some(AnyParty::Party(Party {
            id: "o".into(),
            name: "Owner".into(),
            version: None,
        })),
        plain: None,
        folder: None,
    }
}

#[test]
fn encoding_writes_xsi_type_with_a_declared_prefix_and_none_for_the_base() {
    let xml = rt::encode_document(&sample(), Some(NS), "saveRecords").unwrap();
    let tree = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let xsi = "http://www.w3.org/2001/XMLSchema-instance";
    let types: Vec<Option<String>> = tree
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            n.attribute((xsi, "type")).map(|v| {
                let (prefix, local) = v.split_once(':').expect("prefixed");
                let ns = n.lookup_namespace_uri(Some(prefix)).expect("declared");
                format!("{{{ns}}}{local}")
            })
        })
        .collect();
    assert_eq!(
        types,
        [
            Some("{urn:golden:polymorphism}note".to_string()),
            Some("{urn:golden:polymorphism:ext}company".to_string()),
            None,
        ]
    );
    let back = decode(&xml, true).unwrap();
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.value, sample());
}

#[test]
fn serde_names_each_variant_by_its_xsd_type() {
    let json = serde_json::to_value(sample()).unwrap();
    assert_eq!(json["record"][0]["note"]["text"], "t");
    assert_eq!(json["record"][1]["company"]["vatId"], "SE1");
    assert_eq!(json["owner"]["party"]["name"], "Owner");
    let back: SaveRecords = serde_json::from_value(json).unwrap();
    assert_eq!(back, sample());
}

#[test]
fn a_recursive_polymorphic_field_is_boxed_and_roundtrips() {
    use generated::polymorphism::{AnyFolder, Folder, SharedFolder};
    let folder = AnyFolder::SharedFolder(SharedFolder {
        title: "Docs".into(),
        parent: Some(Box::new(AnyFolder::SharedFolder(SharedFolder {
            title: "Root".into(),
            parent: Some(Box::new(AnyFolder::Folder(Folder {
                title: "Top".into(),
                parent: None,
            }))),
            shared_with: vec!["ada".into()],
        }))),
        shared_with: vec!["grace".into()],
    });
    let request = SaveRecords {
        folder: Some(folder),
        ..sample()
    };
    let xml = rt::encode_document(&request, Some(NS), "saveRecords").unwrap();
    assert_eq!(xml.matches("sharedFolder\"").count(), 2, "{xml}");
    assert_eq!(decode(&xml, true).unwrap().value, request);
}

#[test]
fn default_values_are_the_base_or_the_first_derived_type() {
    assert!(matches!(AnyParty::default(), AnyParty::Party(_)));
    assert!(matches!(AnyRecord::default(), AnyRecord::Party(_)));
}

struct Records;

impl RecordsService for Records {
    async fn save_records(
        &self,
        request: SaveRecords,
    ) -> Result<Vec<AnyRecord>, rt::Fault<rt::NoFault>> {
        // Answers with what it received, plus a person for the owner.
        let mut saved = request.record;
        if let Some(AnyParty::Party(p)) = request.owner {
            saved.push(AnyRecord::Person(Person {
                id: p.id,
                name: p.name,
                birth_date: None,
                version: Some(9),
            }));
        }
        Ok(saved)
    }
}

#[tokio::test]
async fn client_and_server_exchange_polymorphic_values_over_loopback() {
    let router = Router::new().mount("/records", RecordsServiceServer::new(Records));
    let handle = Server::bind("127.0.0.1:0")
        .await
        .expect("bind loopback")
        .serve(router);
    let endpoint = format!("{}/records", handle.url());
    let client = RecordsServiceClient::new(
        rt::Client::builder(endpoint)
            .strict(true)
            .build()
            .expect("client"),
    );
    let saved = client.save_records(&sample()).await.expect("call");
    let mut expected = sample().record;
    expected.push(AnyRecord::Person(Person {
        id: "o".into(),
        name: "Owner".into(),
        birth_date: None,
        version: Some(9),
    }));
    assert_eq!(saved, expected);
    handle.shutdown().await;
}
