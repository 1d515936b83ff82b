//! The `aftershop` operator commands end to end: the binary against the
//! in-process simulator over loopback. The after-shop day, the rule
//! refusals, `--dry-run` and reconciliation are in `aftershop_day.rs`.

use crate::harness::shell as harness;

use harness::{builder, run_at, three_payments, Shell, CUSTOMER};
use resurs_aftershop::simulator::AFTER_SHOP_PATH;
use serde_json::json;

fn start(name: &str) -> Shell {
    Shell::start(name, builder().fixtures(three_payments()))
}

#[test]
fn faults_and_other_errors_have_their_exit_codes() {
    let bank = start("exits");
    let missing = bank.run(&["get", "NOPE-1"]);
    assert_eq!(missing.code, 3);
    // The fault as `decode` renders it: code, string and the typed detail.
    assert_eq!(
        missing.json["detail"]["ECommerceError"]["errorTypeId"], 8,
        "{}",
        missing.stdout
    );
    assert!(
        missing.json["faultstring"].is_string(),
        "{}",
        missing.stdout
    );
    assert!(
        missing.stderr.contains("getPayment: "),
        "{}",
        missing.stderr
    );

    let production = run_at("production", &["finalize", "CARD-1", "--amount", "1"]);
    assert_eq!(production.code, 2);
    assert!(
        production.stderr.contains("needs --yes"),
        "{}",
        production.stderr
    );

    let unreachable = run_at(
        &format!("http://127.0.0.1:1{AFTER_SHOP_PATH}"),
        &["get", "CARD-1", "--timeout", "5"],
    );
    assert_eq!(unreachable.code, 2, "{}", unreachable.stderr);

    let bad_status = bank.run(&["find", "--status", "PAID"]);
    assert_eq!(bad_status.code, 2);
    assert!(
        bad_status.stderr.contains("DEBITABLE"),
        "{}",
        bad_status.stderr
    );
}

#[test]
fn metadata_tokens_and_bonus() {
    let bank = start("tokens");
    let stored = bank.run(&["metadata", "CARD-1", "ticket", "SUP-42"]);
    assert_eq!(stored.code, 0, "{}", stored.stderr);
    assert_eq!(
        bank.payment("CARD-1")["metaData"],
        json!([{"key": "ticket", "value": "SUP-42"}])
    );

    let issued = bank.run(&[
        "token",
        "issue",
        "--government-id",
        CUSTOMER,
        "--card-number",
        "4444-INV-1",
        "--ip",
        "127.0.0.1",
    ]);
    assert_eq!(issued.code, 0, "{}", issued.stderr);
    let token = issued.json["return"]["token"]
        .as_str()
        .expect("token")
        .to_owned();

    for args in [
        vec!["bonus", "--government-id", CUSTOMER],
        vec!["bonus", "--token", &token],
        vec![
            "bonus",
            "--government-id",
            CUSTOMER,
            "--card-number",
            "4444-INV-1",
        ],
    ] {
        let run = bank.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_eq!(run.json["return"]["points"], 0, "{args:?}: {}", run.stdout);
    }

    let invalidated = bank.run(&["token", "invalidate", "--token", &token]);
    assert_eq!(invalidated.code, 0, "{}", invalidated.stderr);
    let stale = bank.run(&["bonus", "--token", &token]);
    assert_eq!(stale.code, 3, "{}", stale.stderr);
    assert!(
        stale.json["detail"]["ECommerceError"].is_object(),
        "{}",
        stale.stdout
    );
}
