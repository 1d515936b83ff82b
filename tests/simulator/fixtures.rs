//! Fixture files: the JSON format, its typed errors, and booking them at start.

use crate::harness::bank as support;

use resurs_aftershop::common::{PaymentMethodType, PaymentStatus};
use resurs_aftershop::rules::MethodKind;
use resurs_aftershop::simulator::{Bank, FixtureError, Fixtures, Simulator};
use serde_json::{json, Value};
use support::*;

fn entry() -> Value {
    json!({
        "paymentId": "Pay-fixture-1",
        "paymentMethodId": "NYTT_KORT",
        "paymentMethodType": "REVOLVING_CREDIT",
        "methodKind": "resurs_card_account",
        "limit": "5000",
        "customer": {
            "governmentId": "194608282333",
            "address": {
                "fullName": "Test Testsson",
                "addressRow1": "Gatan 1",
                "postalArea": "Helsingborg",
                "postalCode": "25220",
                "country": "SE"
            },
            "type": "NATURAL"
        },
        "spec": {
            "specLines": [{
                "id": "1", "artNo": "A-1", "description": "Lamp", "quantity": "2",
                "unitMeasure": "st", "unitAmountWithoutVat": "100", "vatPct": "25",
                "totalVatAmount": "50", "totalAmount": "250"
            }],
            "totalAmount": "250",
            "totalVatAmount": "50"
        },
        "metaData": [{"key": "channel", "value": "web"}],
        "storeId": "STORE-1"
    })
}

fn parse(entries: Value) -> Result<Fixtures, FixtureError> {
    Fixtures::from_json(&entries.to_string())
}

fn invalid(entries: Value) -> (usize, String) {
    match parse(entries) {
        Err(FixtureError::Invalid { index, field, .. }) => (index, field.to_owned()),
        Err(FixtureError::Missing { index, field }) => (index, field.to_owned()),
        Err(FixtureError::UnknownField { index, field }) => (index, field),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn a_valid_entry_is_booked() {
    let fixtures = parse(json!([entry()])).expect("valid");
    let Fixtures::Bookings(bookings) = &fixtures else {
        panic!("bookings expected");
    };
    assert_eq!(bookings[0].method_kind, MethodKind::ResursCardAccount);
    assert_eq!(
        bookings[0].payment_method_type,
        PaymentMethodType::RevolvingCredit
    );
    assert!(!bookings[0].frozen);
    let bank = Bank::new();
    bank.load(&fixtures).expect("load");
    let payment = get(&bank, "Pay-fixture-1");
    assert_eq!(payment.total_amount.to_string(), "250.00000");
    assert_eq!(payment.limit.to_string(), "5000.00000");
    assert_eq!(payment.status, vec![PaymentStatus::Debitable]);
    assert_eq!(payment.meta_data[0].value.as_deref(), Some("web"));
    assert_eq!(
        payment.store_id.as_ref().map(|s| s.as_str()),
        Some("STORE-1")
    );
    assert_eq!(
        payment
            .customer
            .address
            .full_name
            .as_ref()
            .map(|n| n.as_str()),
        Some("Test Testsson")
    );
    assert_eq!(
        payment.payment_diffs[0].created_by.as_deref(),
        Some("SHOP_FLOW")
    );
}

#[test]
fn frozen_and_swish_entries() {
    let mut frozen = entry();
    frozen["frozen"] = json!(true);
    let mut swish = entry();
    swish["paymentId"] = json!("Pay-fixture-2");
    swish["methodKind"] = json!("swish");
    let bank = Bank::new();
    bank.load(&parse(json!([frozen, swish])).expect("valid"))
        .expect("load");
    assert!(get(&bank, "Pay-fixture-1").frozen);
    assert!(get(&bank, "Pay-fixture-2")
        .status
        .contains(&PaymentStatus::IsDebited));
}

#[test]
fn errors_name_the_entry_and_field() {
    let bad = |field: &str, value: Value| {
        let mut e = entry();
        e[field] = value;
        json!([entry_with_id("Pay-ok"), e])
    };
    assert_eq!(
        invalid(bad("methodKind", json!("paypal"))),
        (1, "methodKind".into())
    );
    assert_eq!(invalid(bad("limit", json!("lots"))), (1, "limit".into()));
    assert_eq!(invalid(bad("limit", json!("-1"))), (1, "limit".into()));
    assert_eq!(
        invalid(bad("paymentId", json!("bad*id"))),
        (1, "paymentId".into())
    );
    assert_eq!(
        invalid(bad("paymentMethodType", json!("GOLD"))),
        (1, "paymentMethodType".into())
    );
    assert_eq!(
        invalid(bad("customer", json!("nobody"))),
        (1, "customer".into())
    );
    assert_eq!(invalid(bad("frozen", json!("yes"))), (1, "frozen".into()));
    assert_eq!(
        invalid(bad("spec", json!({"totalAmount": "-5"}))),
        (1, "spec".into())
    );
    let mut unbalanced = entry();
    unbalanced["spec"]["totalAmount"] = json!("300");
    assert_eq!(invalid(json!([unbalanced])), (0, "spec".into()));
    let mut missing = entry();
    missing.as_object_mut().expect("object").remove("spec");
    assert_eq!(invalid(json!([missing])), (0, "spec".into()));
    let mut extra = entry();
    extra["colour"] = json!("blue");
    assert_eq!(invalid(json!([extra])), (0, "colour".into()));
    assert_eq!(invalid(json!([entry(), entry()])), (1, "paymentId".into()));
    let message = parse(bad("methodKind", json!("paypal")))
        .expect_err("bad")
        .to_string();
    assert!(
        message.contains("entry 1") && message.contains("methodKind"),
        "{message}"
    );
}

fn entry_with_id(id: &str) -> Value {
    let mut e = entry();
    e["paymentId"] = json!(id);
    e
}

#[test]
fn not_json_not_an_array_not_an_object() {
    assert!(matches!(
        Fixtures::from_json("[{"),
        Err(FixtureError::Json(_))
    ));
    assert!(matches!(
        parse(json!({"a": 1})),
        Err(FixtureError::NotAnArray)
    ));
    assert!(matches!(
        parse(json!([1])),
        Err(FixtureError::NotAnObject { index: 0 })
    ));
    let missing = Fixtures::from_file("/nonexistent/fixtures.json").expect_err("no file");
    assert!(missing.to_string().contains("/nonexistent/fixtures.json"));
}

#[tokio::test]
async fn the_simulator_starts_with_fixtures_and_stops() {
    let dir = std::env::temp_dir().join(format!("aftershop-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("fixtures.json");
    std::fs::write(&path, json!([entry()]).to_string()).expect("write");
    let fixtures = Fixtures::from_file(&path).expect("fixtures");
    let sim = Simulator::builder()
        .fixtures(fixtures)
        .listen("127.0.0.1:0".parse().expect("addr"))
        .start()
        .await
        .expect("start");
    assert!(sim.url().starts_with("http://127.0.0.1:"));
    assert!(sim
        .after_shop_url()
        .ends_with("/ecommerce-test/ws/V4/AfterShopFlowService"));
    assert!(sim
        .shop_flow_url()
        .ends_with("/ecommerce-test/ws/V4/ShopFlowService"));
    assert_eq!(sim.bank().payment_ids(), ["Pay-fixture-1"]);
    sim.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_default_simulator_holds_the_demo_set() {
    let sim = Simulator::start().await.expect("start");
    assert!(sim
        .bank()
        .payment_ids()
        .contains(&"Pay-1372762301644-3166".to_owned()));
    sim.stop().await;
}

/// Seed: "This "shadow limit" can be applied either for a fixed amount, e.q.
/// 2000SEK, or a percentage of the checkout value, e.q. 10%." A fixture sets
/// it per payment, and its `cardNumber` lets the customer get tokens.
#[test]
fn shadow_limit_and_card_number_from_fixtures() {
    use resurs_aftershop::common::CustomerType;
    use resurs_aftershop::msg_shopflow::IssueCustomerIdentificationToken;
    use resurs_aftershop::types_shopflow::CustomerCard;

    let mut percent = entry();
    percent["shadowLimit"] = json!({"percent": "10"});
    percent["cardNumber"] = json!("4581 0000 1111");
    let mut fixed = entry();
    fixed["paymentId"] = json!("Pay-fixture-2");
    fixed["shadowLimit"] = json!({"fixed": "2000"});
    let bank = Bank::new();
    bank.load(&parse(json!([percent, fixed])).expect("valid"))
        .expect("booked");
    assert_eq!(get(&bank, "Pay-fixture-1").limit.value(), &d("275"));
    assert_eq!(get(&bank, "Pay-fixture-2").limit.value(), &d("2250"));
    let issue = |number: &str| {
        bank.issue_customer_identification_token(IssueCustomerIdentificationToken {
            customer_card: CustomerCard {
                government_id: "194608282333".into(),
                customer_type: Some(CustomerType::Natural),
                card_number: number.into(),
            },
            customer_ip_address: "127.0.0.1".into(),
        })
        .expect("no fault")
    };
    assert!(issue("458100001111").is_some());
    assert!(issue("4581 0000 2222").is_none());

    let mut bad = entry();
    bad["shadowLimit"] = json!({"share": "10"});
    assert_eq!(invalid(json!([bad])), (0, "shadowLimit".to_owned()));
}
