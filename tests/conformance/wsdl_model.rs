//! The project's `wsdl/` is its own authoring of Resurs's wire contract:
//! generated with the same configuration, it must give the same model as
//! the WSDLs Resurs serves (`../shared/resurs-v4`), documentation aside.
//!
//! Resurs's ShopFlowService has a dozen operations; the project uses three
//! (the customer-identification tokens and ShopFlow's own `getCustomerBonus`,
//! which takes a token), so that side is restricted with `Config::operations`.
//! Both services have a `getCustomerBonus` (After Shop's by government id,
//! ShopFlow's by token or card); filtering by name keeps both, as the
//! project's `wsdl/` does, so the combined comparison covers all 16.

use std::path::{Path, PathBuf};

use soap_codegen::model::{Model, Module, TypeKind};
use soap_codegen::Config;

const AFTER_SHOP: [&str; 13] = [
    "additionalDebitOfPayment",
    "finalizePayment",
    "annulPayment",
    "creditPayment",
    "addMetaData",
    "getPayment",
    "getPaymentDocument",
    "getPaymentDocumentNames",
    "calculateResultSize",
    "findPayments",
    "insertBonusPoints",
    "withdrawBonusPoints",
    "getCustomerBonus",
];
const TOKENS: [&str; 3] = [
    "getCustomerBonus",
    "issueCustomerIdentificationToken",
    "invalidateCustomerIdentificationToken",
];

/// The configuration `build.rs` uses, without inputs.
fn config() -> Config {
    Config::new().serde(true).user_message(
        "{http://ecommerce.resurs.com/v4/msg/exception}ECommerceError",
        "userErrorMessage",
    )
}

fn ours(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("wsdl")
        .join(file)
}

fn published(test: &str, service: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/resurs-v4");
    if dir.is_dir() {
        Some(dir.join(service).join(format!("{service}.wsdl")))
    } else {
        println!("skipped {test}: ../shared/resurs-v4 is absent");
        None
    }
}

fn model(config: Config, what: &str) -> Model {
    config
        .model()
        .unwrap_or_else(|e| panic!("{what} does not model:\n{e}"))
}

/// Fails with the first differing lines of the two models' Debug output.
fn assert_same_contract(ours: &Model, theirs: &Model, what: &str) {
    let (a, b) = (ours.without_docs(), theirs.without_docs());
    if a == b {
        return;
    }
    let (a, b) = (format!("{a:#?}"), format!("{b:#?}"));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let first = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = first.saturating_sub(12);
    let show =
        |lines: &[&str]| lines[from.min(lines.len())..(first + 8).min(lines.len())].join("\n");
    panic!(
        "{what}: the models differ from Debug line {}\n--- ours (wsdl/)\n{}\n--- published (../shared)\n{}",
        first + 1,
        show(&a),
        show(&b)
    );
}

fn operations(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = model
        .modules
        .iter()
        .flat_map(|m| m.operations.iter().map(|o| o.name.clone()))
        .collect();
    names.sort();
    names
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

fn module<'m>(model: &'m Model, name: &str) -> &'m Module {
    model
        .modules
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no module {name}"))
}

fn has_type(model: &Model, module_name: &str, type_name: &str) -> bool {
    module(model, module_name)
        .types
        .iter()
        .any(|t| t.name == type_name)
}

#[test]
fn our_models_are_the_whole_contract() {
    let after_shop = model(
        config().wsdl(ours("AfterShopFlowService.wsdl")),
        "wsdl/AfterShop",
    );
    assert_eq!(operations(&after_shop), sorted(&AFTER_SHOP));
    let tokens = model(config().wsdl(ours("ShopFlowService.wsdl")), "wsdl/ShopFlow");
    assert_eq!(operations(&tokens), sorted(&TOKENS));

    let both = model(
        config()
            .wsdl(ours("AfterShopFlowService.wsdl"))
            .wsdl(ours("ShopFlowService.wsdl")),
        "wsdl/",
    );
    assert_eq!(operations(&both).len(), 16);
    let names: Vec<&str> = both.modules.iter().map(|m| m.name.as_str()).collect();
    for expected in [
        "common",
        "types_aftershopflow",
        "msg_aftershopflow",
        "exception",
        "types_shopflow",
        "msg_shopflow",
        "v4",
    ] {
        assert!(names.contains(&expected), "module {expected} in {names:?}");
    }
    for (m, t) in [
        ("common", "PaymentSpec"),
        ("common", "SpecLine"),
        ("common", "Id"),
        ("common", "PaymentStatus"),
        ("types_aftershopflow", "Payment"),
        ("types_aftershopflow", "PaymentDiff"),
        ("msg_aftershopflow", "FinalizePayment"),
        ("exception", "ECommerceError"),
        ("types_shopflow", "CustomerCard"),
    ] {
        assert!(has_type(&both, m, t), "type {m}::{t}");
    }
    let services: Vec<&str> = module(&both, "v4")
        .services
        .iter()
        .map(|s| s.client.as_str())
        .collect();
    assert_eq!(
        services,
        ["AfterShopFlowServiceClient", "ShopFlowServiceClient"]
    );
    let status = module(&both, "common")
        .types
        .iter()
        .find(|t| t.name == "PaymentStatus")
        .map(|t| &t.kind);
    let Some(TypeKind::Enumeration(status)) = status else {
        panic!("PaymentStatus is not an enumeration: {status:?}");
    };
    assert_eq!(status.values.len(), 5);
}

#[test]
fn after_shop_models_equal_documentation_aside() {
    let Some(theirs) = published("after_shop_models_equal", "AfterShopFlowService") else {
        return;
    };
    let ours = model(
        config().wsdl(ours("AfterShopFlowService.wsdl")),
        "wsdl/AfterShop",
    );
    let theirs = model(config().wsdl(theirs), "published AfterShop");
    assert_eq!(operations(&theirs), sorted(&AFTER_SHOP));
    assert!(ours != theirs, "two authorings: the documentation differs");
    assert_same_contract(&ours, &theirs, "AfterShopFlowService");
}

#[test]
fn token_models_equal_documentation_aside() {
    let Some(theirs) = published("token_models_equal", "ShopFlowService") else {
        return;
    };
    let ours = model(
        config()
            .wsdl(ours("ShopFlowService.wsdl"))
            .operations(TOKENS),
        "wsdl/ShopFlow",
    );
    let theirs = model(
        config().wsdl(theirs).operations(TOKENS),
        "published ShopFlow",
    );
    assert_eq!(operations(&theirs), sorted(&TOKENS));
    assert_same_contract(&ours, &theirs, "ShopFlowService (token operations)");
}

#[test]
fn combined_models_equal_documentation_aside() {
    let (Some(after_shop), Some(shop_flow)) = (
        published("combined_models_equal", "AfterShopFlowService"),
        published("combined_models_equal", "ShopFlowService"),
    ) else {
        return;
    };
    let kept: Vec<&str> = AFTER_SHOP.iter().chain(&TOKENS).copied().collect();
    let ours = model(
        config()
            .wsdl(ours("AfterShopFlowService.wsdl"))
            .wsdl(ours("ShopFlowService.wsdl"))
            .operations(kept.clone()),
        "wsdl/",
    );
    let theirs = model(
        config()
            .wsdl(after_shop)
            .wsdl(shop_flow)
            .operations(kept.clone()),
        "published pair",
    );
    assert_eq!(operations(&theirs), sorted(&kept));
    assert_same_contract(&ours, &theirs, "both services");
    let bonus = operations(&ours)
        .iter()
        .filter(|o| *o == "getCustomerBonus")
        .count();
    assert_eq!(bonus, 2, "one getCustomerBonus per service");
}

#[test]
#[should_panic(expected = "the models differ from Debug line")]
fn a_difference_is_reported_with_its_lines() {
    let ours = model(config().wsdl(ours("ShopFlowService.wsdl")), "wsdl/ShopFlow");
    let mut changed = ours.clone();
    changed.modules[0].name.push('x');
    assert_same_contract(&ours, &changed, "changed");
}
