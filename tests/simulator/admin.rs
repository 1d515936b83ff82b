//! The simulator's admin endpoint over loopback: booking payments in the
//! fixtures format, resetting, planning and clearing faults, and the
//! answers to bad requests.

use crate::harness::shell as harness;

use harness::{admin, after_shop, builder, fixture, request, three_payments, Answer};
use resurs_aftershop::msg_aftershopflow::{FinalizePayment, GetPayment};
use resurs_aftershop::simulator::{SimulatorHandle, ADMIN_PATH, AFTER_SHOP_PATH};
use serde_json::json;

async fn started() -> SimulatorHandle {
    builder()
        .fixtures(three_payments())
        .start()
        .await
        .expect("simulator")
}

fn error_of(answer: &Answer) -> String {
    answer.json()["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message: {}", answer.body))
        .to_owned()
}

async fn exists(sim: &SimulatorHandle, id: &str) -> bool {
    let payment_id = resurs_aftershop::common::Id::new(id).expect("id");
    after_shop(sim)
        .get_payment(&GetPayment { payment_id })
        .await
        .is_ok()
}

#[tokio::test]
async fn the_admin_url_is_beside_the_services() {
    let sim = started().await;
    let base = sim
        .after_shop_url()
        .rsplit_once('/')
        .map(|(base, _)| base.to_owned())
        .expect("base");
    assert_eq!(sim.admin_url(), format!("{base}/admin"));
    assert_eq!(
        ADMIN_PATH,
        format!(
            "{}/admin",
            AFTER_SHOP_PATH.rsplit_once('/').expect("path").0
        )
    );
}

#[tokio::test]
async fn book_one_payment_or_an_array() {
    let sim = started().await;
    let one = admin(
        &sim,
        "payments",
        &fixture("NEW-1", "Faktura", "resurs_invoice", "INVOICE").to_string(),
    )
    .await;
    assert_eq!(one.status, 201, "{}", one.body);
    assert_eq!(one.json(), json!(["NEW-1"]));
    let many = admin(
        &sim,
        "payments",
        &json!([
            fixture("NEW-2", "VM", "visa_mastercard", "CARD"),
            fixture(
                "NEW-3",
                "NYTT_KORT",
                "resurs_card_account",
                "REVOLVING_CREDIT"
            ),
        ])
        .to_string(),
    )
    .await;
    assert_eq!(many.status, 201, "{}", many.body);
    assert_eq!(many.json(), json!(["NEW-2", "NEW-3"]));
    for id in ["NEW-1", "NEW-2", "NEW-3"] {
        assert!(exists(&sim, id).await, "{id} is booked");
    }
    let record = sim.bank().record("NEW-2").expect("record");
    assert_eq!(record.total_amount().normalize().to_string(), "250");
}

#[tokio::test]
async fn an_existing_id_is_409_and_books_nothing_of_the_batch() {
    let sim = started().await;
    let answer = admin(
        &sim,
        "payments",
        &json!([
            fixture("NEW-1", "Faktura", "resurs_invoice", "INVOICE"),
            fixture(
                "CARD-1",
                "NYTT_KORT",
                "resurs_card_account",
                "REVOLVING_CREDIT"
            ),
        ])
        .to_string(),
    )
    .await;
    assert_eq!(answer.status, 409, "{}", answer.body);
    assert!(error_of(&answer).contains("CARD-1"), "{}", answer.body);
    assert!(
        !exists(&sim, "NEW-1").await,
        "nothing of the batch is booked"
    );
    assert_eq!(sim.bank().payment_ids(), ["CARD-1", "INV-1", "VISA-1"]);
}

#[tokio::test]
async fn bad_json_and_bad_fixtures_are_400_with_a_message() {
    let sim = started().await;
    let mut no_limit = fixture("NEW-1", "Faktura", "resurs_invoice", "INVOICE");
    no_limit.as_object_mut().expect("object").remove("limit");
    let mut bad_kind = fixture("NEW-1", "Faktura", "resurs_invoice", "INVOICE");
    bad_kind["methodKind"] = json!("cash");
    let twice = json!([
        fixture("NEW-1", "Faktura", "resurs_invoice", "INVOICE"),
        fixture("NEW-1", "Faktura", "resurs_invoice", "INVOICE"),
    ]);
    let cases = [
        ("{\"paymentId\": ".to_owned(), "not valid JSON"),
        ("42".to_owned(), "entry 0 is not a JSON object"),
        (no_limit.to_string(), "missing field `limit`"),
        (bad_kind.to_string(), "`cash` is not one of"),
        (twice.to_string(), "already booked by an earlier entry"),
    ];
    for (body, expected) in cases {
        let answer = admin(&sim, "payments", &body).await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert!(
            error_of(&answer).contains(expected),
            "{body}: {}",
            answer.body
        );
    }
    assert!(!exists(&sim, "NEW-1").await);
}

#[tokio::test]
async fn reset_goes_back_to_the_start_up_fixtures_and_clears_faults() {
    let sim = started().await;
    let client = after_shop(&sim);
    let before = sim.bank().record("CARD-1").expect("record");
    let booked = admin(
        &sim,
        "payments",
        &fixture("NEW-1", "Faktura", "resurs_invoice", "INVOICE").to_string(),
    )
    .await;
    assert_eq!(booked.status, 201, "{}", booked.body);
    client
        .finalize_payment(&FinalizePayment {
            payment_id: resurs_aftershop::common::Id::new("CARD-1").expect("id"),
            ..FinalizePayment::default()
        })
        .await
        .expect("finalized");
    assert_ne!(
        sim.bank().record("CARD-1").expect("record").diffs,
        before.diffs
    );
    let planned = admin(
        &sim,
        "faults",
        r#"{"operation": "getPayment", "call": 1, "action": "http-500"}"#,
    )
    .await;
    assert_eq!(planned.status, 201, "{}", planned.body);

    let reset = admin(&sim, "reset", "").await;
    assert_eq!(reset.status, 204, "{}", reset.body);
    assert!(reset.body.is_empty());
    assert_eq!(sim.bank().payment_ids(), ["CARD-1", "INV-1", "VISA-1"]);
    let after = sim.bank().record("CARD-1").expect("record");
    assert_eq!(after.diffs.len(), before.diffs.len());
    assert_eq!(after.total_amount(), before.total_amount());
    assert_eq!(after.statuses(), before.statuses());
    assert!(exists(&sim, "CARD-1").await, "the planned 500 was cleared");
}

#[tokio::test]
async fn faults_are_planned_and_cleared() {
    let sim = started().await;
    let planned = admin(
        &sim,
        "faults",
        r#"{"operation": "getPayment", "call": 1, "action": "drop-before-commit"}"#,
    )
    .await;
    assert_eq!(planned.status, 201, "{}", planned.body);
    assert_eq!(
        planned.json(),
        json!([{"operation": "getPayment", "call": 1, "action": "drop-before-commit"}])
    );
    let url = format!("{}/faults", sim.admin_url());
    let cleared = request("DELETE", &url, "").await.expect("answer");
    assert_eq!(cleared.status, 204, "{}", cleared.body);
    assert!(exists(&sim, "CARD-1").await, "the planned drop was cleared");

    for (body, expected) in [
        (
            r#"{"operation": "getPaymnet", "call": 1, "action": "http-500"}"#,
            "unknown operation `getPaymnet`",
        ),
        (
            r#"{"operation": "getPayment", "call": 1, "action": "drop-maybe"}"#,
            "unknown action `drop-maybe`",
        ),
        (r#"{"operation": "getPayment""#, "not a fault"),
    ] {
        let answer = admin(&sim, "faults", body).await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert!(
            error_of(&answer).contains(expected),
            "{body}: {}",
            answer.body
        );
    }
    assert!(
        exists(&sim, "CARD-1").await,
        "refused faults are not planned"
    );
}

#[tokio::test]
async fn other_methods_and_paths() {
    let sim = started().await;
    let base = sim.admin_url();
    for (method, route, status) in [
        ("GET", "payments", 405),
        ("DELETE", "reset", 405),
        ("PUT", "faults", 405),
        ("POST", "nothing", 404),
        ("POST", "", 404),
    ] {
        let answer = request(method, &format!("{base}/{route}"), "")
            .await
            .expect("answer");
        assert_eq!(answer.status, status, "{method} {route}: {}", answer.body);
        assert!(!error_of(&answer).is_empty());
    }
    // A path that only starts like the admin path is the services' 404.
    let beside = request("POST", &format!("{base}istrator"), "")
        .await
        .expect("answer");
    assert_eq!(beside.status, 404);
    assert!(beside.body.contains("no SOAP service"), "{}", beside.body);
}
