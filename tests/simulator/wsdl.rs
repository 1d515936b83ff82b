//! The simulator's `?wsdl` and `?xsd=` documents over loopback: public, every
//! location leads back to the simulator and resolves, and the fetched set
//! gives the generator the same model as the project's `wsdl/`.

use crate::harness::http;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use resurs_aftershop::simulator::{Simulator, SimulatorHandle, AFTER_SHOP_PATH, SHOP_FLOW_PATH};
use soap_codegen::model::Model;
use soap_codegen::Config;

/// Most documents followed from the two WSDLs.
const MAX_DOCUMENTS: usize = 32;

/// `GET target` (path and query) without credentials: status, head, body.
async fn get(sim: &SimulatorHandle, target: &str, host: Option<&str>) -> (u16, String, String) {
    let addr = sim.local_addr();
    let host = host.map_or_else(|| addr.to_string(), str::to_owned);
    let head = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let answer = http::exchange(addr, &head, b"")
        .await
        .expect("http response");
    (answer.status, answer.head, answer.body)
}

/// Every `schemaLocation`, WSDL `import` `location` and `soap:address`
/// `location` of `xml`.
fn locations(xml: &str) -> (Vec<String>, Vec<String>) {
    let doc = roxmltree::Document::parse(xml).expect("served XML");
    let mut imports = Vec::new();
    let mut addresses = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        if let Some(location) = node.attribute("schemaLocation") {
            imports.push(location.to_owned());
        }
        if let Some(location) = node.attribute("location") {
            match node.tag_name().name() {
                "address" => addresses.push(location.to_owned()),
                _ => imports.push(location.to_owned()),
            }
        }
    }
    (imports, addresses)
}

fn config() -> Config {
    Config::new().serde(true).user_message(
        "{http://ecommerce.resurs.com/v4/msg/exception}ECommerceError",
        "userErrorMessage",
    )
}

/// The model without docs and addresses (the served addresses are the
/// simulator's; they are checked on their own).
fn contract(model: &Model) -> Model {
    let mut model = model.without_docs();
    for module in &mut model.modules {
        for service in &mut module.services {
            service.address = None;
        }
    }
    model
}

#[tokio::test]
async fn the_served_descriptions_resolve_and_give_the_same_model() {
    let sim = Simulator::start().await.expect("simulator");
    let base = sim.url();
    let dir = std::env::temp_dir().join(format!("aftershop-wsdl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);

    let mut pending: Vec<String> = [AFTER_SHOP_PATH, SHOP_FLOW_PATH]
        .iter()
        .map(|path| format!("{base}{path}?wsdl"))
        .collect();
    let mut fetched: BTreeMap<String, String> = BTreeMap::new();
    let mut addresses = BTreeSet::new();
    while let Some(url) = pending.pop() {
        if fetched.contains_key(&url) {
            continue;
        }
        assert!(fetched.len() < MAX_DOCUMENTS, "too many documents");
        let target = url
            .strip_prefix(&base)
            .unwrap_or_else(|| panic!("{url} does not lead back to {base}"));
        let (status, head, body) = get(&sim, target, None).await;
        assert_eq!(status, 200, "{url}: {head}\n{body}");
        assert!(
            head.to_ascii_lowercase().contains("content-type: text/xml"),
            "{head}"
        );
        assert!(!body.contains("test.resurs.com"), "{url}");
        let (imports, found) = locations(&body);
        addresses.extend(found);
        pending.extend(imports);
        fetched.insert(url, body);
    }
    // Two WSDLs and six schemas; Exceptions.xsd and common.xsd are reached
    // through both service paths.
    assert_eq!(fetched.len(), 10, "{:?}", fetched.keys());
    assert_eq!(
        addresses,
        BTreeSet::from([sim.after_shop_url(), sim.shop_flow_url()])
    );

    // Saved under the names their `?xsd=` parameters give, relative to the
    // WSDLs: how the generator resolves Resurs's own locations.
    let mut wsdls = Vec::new();
    for (url, body) in &fetched {
        let (service, query) = url.split_once('?').expect("query");
        let file = match query.strip_prefix("xsd=") {
            Some(name) => PathBuf::from(name),
            None => PathBuf::from(format!(
                "{}.wsdl",
                service.rsplit('/').next().expect("service name")
            )),
        };
        let path = dir.join(&file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, body).expect("write");
        if query == "wsdl" {
            wsdls.push(path);
        }
    }
    wsdls.sort();
    let served = wsdls
        .iter()
        .fold(config(), |config, wsdl| config.wsdl(wsdl))
        .model()
        .unwrap_or_else(|e| panic!("the served set does not model:\n{e}"));
    let ours_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("wsdl");
    let ours = config()
        .wsdl(ours_dir.join("AfterShopFlowService.wsdl"))
        .wsdl(ours_dir.join("ShopFlowService.wsdl"))
        .model()
        .expect("wsdl/ models");
    assert!(contract(&served) == contract(&ours), "the models differ");
    let operations = served
        .modules
        .iter()
        .map(|m| m.operations.len())
        .sum::<usize>();
    assert_eq!(operations, 16);
    let served_addresses: BTreeSet<String> = served
        .modules
        .iter()
        .flat_map(|m| m.services.iter().filter_map(|s| s.address.clone()))
        .collect();
    assert_eq!(served_addresses, addresses);
    let _ = std::fs::remove_dir_all(&dir);
    sim.stop().await;
}

#[tokio::test]
async fn descriptions_are_public_and_follow_the_host() {
    let sim = Simulator::builder()
        .user("shop", "secret")
        .start()
        .await
        .expect("simulator");
    let (status, _, body) = get(
        &sim,
        &format!("{AFTER_SHOP_PATH}?WSDL"),
        Some("sim.example:8080"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains(&format!(
        "location=\"http://sim.example:8080{AFTER_SHOP_PATH}\""
    )));
    let (status, _, _) = get(
        &sim,
        &format!("{SHOP_FLOW_PATH}?xsd=schemas%2Ftypes%2Fcommon.xsd"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _, _) = get(&sim, &format!("{SHOP_FLOW_PATH}?xsd=../Cargo.toml"), None).await;
    assert_eq!(status, 404);
    // Anything else still needs credentials.
    let (status, _, _) = get(&sim, AFTER_SHOP_PATH, None).await;
    assert_eq!(status, 401);
    let (status, _, _) = get(&sim, "/other?wsdl", None).await;
    assert_eq!(status, 401);
    sim.stop().await;
}
