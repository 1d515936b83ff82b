//! A support day from the shell: the `aftershop` binary against the
//! in-process simulator over loopback. Payments are booked through the
//! admin endpoint; lost answers are injected faults.

use crate::harness::shell as harness;

use harness::{builder, diff, diffs, fixture, Shell, CUSTOMER};
use resurs_aftershop::rules::{AfterShopEvent, ErrorType};
use resurs_aftershop::simulator::Fixtures;
use serde_json::{json, Value};

/// A simulator holding nothing, then an invoice, a card-account and a Visa
/// payment booked through `admin/payments`.
fn booked(name: &str) -> Shell {
    let shell = Shell::start(name, builder().fixtures(Fixtures::Bookings(Vec::new())));
    let booked = shell.admin(
        "payments",
        &json!([
            fixture("INV-1", "Faktura", "resurs_invoice", "INVOICE"),
            fixture(
                "CARD-1",
                "NYTT_KORT",
                "resurs_card_account",
                "REVOLVING_CREDIT"
            ),
            fixture("VISA-1", "VM", "visa_mastercard", "CARD"),
        ])
        .to_string(),
    );
    assert_eq!(booked.status, 201, "{}", booked.body);
    assert_eq!(booked.json(), json!(["INV-1", "CARD-1", "VISA-1"]));
    shell
}

#[test]
fn a_whole_after_shop_day() {
    let shell = booked("day");
    let got = shell.run(&["get", "INV-1"]);
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.json["return"]["id"], "INV-1");
    assert_eq!(got.json["return"]["totalAmount"], "250.00000");

    let part = shell.run(&[
        "finalize",
        "INV-1",
        "--amount",
        "100",
        "--vat",
        "20",
        "--transaction-id",
        "T-1",
        "--order-id",
        "O-1",
        "--invoice-id",
        "F-1",
        "--created-by",
        "ops",
    ]);
    assert_eq!(
        (part.code, part.json.clone()),
        (0, json!({})),
        "{}",
        part.stderr
    );

    let spec = shell.file(
        "more.json",
        r#"{"specLines": [{"id": "2", "artNo": "B-1", "description": "Bulb", "quantity": "1",
            "unitMeasure": "st", "unitAmountWithoutVat": "80", "vatPct": "25",
            "totalVatAmount": "20", "totalAmount": "100"}],
            "totalAmount": "100", "totalVatAmount": "20"}"#,
    );
    let more = shell.run(&["additional-debit", "INV-1", "--spec", &spec]);
    assert_eq!(more.code, 0, "{}", more.stderr);

    let rest = shell.run(&["finalize", "INV-1", "--transaction-id", "T-2"]);
    assert_eq!(rest.code, 0, "{}", rest.stderr);

    let names = shell.run(&["documents", "INV-1"]);
    assert_eq!(names.code, 0, "{}", names.stderr);
    let list = names.json["return"].as_array().expect("names").clone();
    assert_eq!(
        list.len(),
        2,
        "one invoice per finalization: {}",
        names.stdout
    );
    let name = list[0].as_str().expect("name");
    let out = shell.dir.join("invoice.pdf");
    let saved = shell.run(&[
        "document",
        "INV-1",
        name,
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(saved.code, 0, "{}", saved.stderr);
    let pdf = std::fs::read(&out).expect("pdf written");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(saved.json["return"]["bytes"], pdf.len());

    let credit = shell.run(&[
        "credit",
        "INV-1",
        "--amount",
        "50",
        "--vat",
        "10",
        "--transaction-id",
        "C-1",
        "--credit-note-id",
        "CN-1",
    ]);
    assert_eq!(credit.code, 0, "{}", credit.stderr);

    let found = shell.run(&[
        "find",
        "--government-id",
        CUSTOMER,
        "--status",
        "CREDITABLE",
    ]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    let ids: Vec<&str> = found.json["return"]
        .as_array()
        .expect("found")
        .iter()
        .filter_map(|p| p["paymentId"].as_str())
        .collect();
    assert_eq!(ids, ["INV-1"]);

    let payment = shell.payment("INV-1");
    assert_eq!(
        diffs(&payment),
        [
            diff("AUTHORIZE", "", "250"),
            diff("DEBIT", "T-1", "100"),
            diff("AUTHORIZE", "", "100"),
            diff("DEBIT", "T-2", "250"),
            diff("CREDIT", "C-1", "50"),
        ]
    );
    assert_eq!(payment["totalAmount"], "300.00000");
}

#[test]
fn each_rule_check_refuses_before_sending() {
    let shell = booked("refusals");
    let mut frozen = fixture(
        "FROZEN-1",
        "NYTT_KORT",
        "resurs_card_account",
        "REVOLVING_CREDIT",
    );
    frozen["frozen"] = json!(true);
    assert_eq!(shell.admin("payments", &frozen.to_string()).status, 201);
    let before: Vec<Value> = ["INV-1", "CARD-1", "VISA-1", "FROZEN-1"]
        .iter()
        .map(|id| shell.payment(id))
        .collect();
    let bad_spec = shell.file(
        "bad.json",
        r#"{"specLines": [{"id": "1", "artNo": "A-1", "description": "Lamp", "quantity": "1",
            "unitMeasure": "st", "unitAmountWithoutVat": "100", "vatPct": "25",
            "totalVatAmount": "20", "totalAmount": "120"}],
            "totalAmount": "120", "totalVatAmount": "20"}"#,
    );
    let cases: [(&[&str], &str); 9] = [
        (
            &["finalize", "CARD-1", "--amount", "1000"],
            "finalizePayment of 1000 exceeds the maximum of 250",
        ),
        (
            &["credit", "CARD-1", "--amount", "10"],
            "creditPayment is not allowed now",
        ),
        (
            &[
                "annul",
                "VISA-1",
                "--amount",
                "50",
                "--method-kind",
                "VM=visa_mastercard",
            ],
            "is not allowed for payment method kind visa_mastercard",
        ),
        (
            &["finalize", "INV-1", "--spec", &bad_spec],
            "rounding check",
        ),
        (
            &[
                "finalize",
                "CARD-1",
                "--amount",
                "10",
                "--invoice-id",
                "F-9",
            ],
            "invoiceId may only be set for INVOICE payments",
        ),
        (&["credit", "INV-1"], "partPaymentSpec is mandatory"),
        (
            &["finalize", "FROZEN-1"],
            "finalizePayment is not allowed now (DEBITABLE: true, CREDITABLE: false, frozen: true)",
        ),
        (
            &["additional-debit", "CARD-1", "--amount", "10000"],
            "additionalDebitOfPayment of 10000 exceeds the maximum of 4750",
        ),
        (
            &["metadata", "CARD-1", "", "x"],
            "the meta data key must not be empty",
        ),
    ];
    for (args, rule) in cases {
        let run = shell.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("refused by the rules (") && run.stderr.contains(rule),
            "{args:?} should be refused with {rule:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    // Within the 0.05 tolerance of the maximum is a warning, not a refusal.
    let tolerated = shell.run(&["finalize", "CARD-1", "--amount", "250.04", "--dry-run"]);
    assert_eq!(tolerated.code, 0, "{}", tolerated.stderr);
    assert_eq!(tolerated.json["checks"]["verdict"], "ok");
    let warnings = tolerated.json["checks"]["warnings"].to_string();
    assert!(warnings.contains("tolerance"), "{warnings}");

    let after: Vec<Value> = ["INV-1", "CARD-1", "VISA-1", "FROZEN-1"]
        .iter()
        .map(|id| shell.payment(id))
        .collect();
    assert_eq!(before, after, "no refused change reached the bank");
}

#[test]
fn dry_run_prints_the_envelope_and_changes_nothing() {
    let shell = booked("dry");
    let before = shell.payment("CARD-1");
    let run = shell.run(&[
        "finalize",
        "CARD-1",
        "--amount",
        "100",
        "--transaction-id",
        "T-DRY",
        "--dry-run",
        "--method-kind",
        "NYTT_KORT=resurs_card_account",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json["operation"], "finalizePayment");
    let envelope = run.json["envelope"].as_str().expect("envelope");
    let doc = roxmltree::Document::parse(envelope).expect("well-formed envelope");
    let text = |name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    assert_eq!(text("paymentId").as_deref(), Some("CARD-1"));
    assert_eq!(text("preferredTransactionId").as_deref(), Some("T-DRY"));
    assert_eq!(text("totalAmount").as_deref(), Some("100"));
    let checks = &run.json["checks"];
    assert_eq!(checks["verdict"], "ok");
    assert_eq!(checks["amount"], "100");
    assert_eq!(checks["event"], AfterShopEvent::DebitPart.to_string());
    assert_eq!(checks["warnings"], json!([]));
    // A refused change is shown too, with the refusal among the verdicts.
    let refused = shell.run(&["finalize", "CARD-1", "--amount", "1000", "--dry-run"]);
    assert_eq!(refused.code, 0, "{}", refused.stderr);
    assert_eq!(refused.json["checks"]["verdict"], "refused");
    assert_eq!(
        refused.json["checks"]["error_type"],
        ErrorType::InvalidFinalization.to_string()
    );
    let annul = shell.run(&["annul", "VISA-1", "--dry-run"]);
    assert_eq!(annul.code, 0, "{}", annul.stderr);
    assert_eq!(annul.json["operation"], "annulPayment");
    assert_eq!(shell.payment("CARD-1"), before);
    assert_eq!(
        diffs(&shell.payment("VISA-1")),
        [diff("AUTHORIZE", "", "250")]
    );
}

/// Plans `action` for the next finalizePayment, runs `finalize CARD-1
/// --amount 100 --transaction-id T-DROP`, and returns the run and the
/// payment's diffs afterwards.
fn finalize_with(action: &str) -> (harness::Run, Vec<(String, String, String)>) {
    let shell = booked(action);
    let planned = shell.admin(
        "faults",
        &json!({"operation": "finalizePayment", "call": 1, "action": action}).to_string(),
    );
    assert_eq!(planned.status, 201, "{}", planned.body);
    let run = shell.run(&[
        "finalize",
        "CARD-1",
        "--amount",
        "100",
        "--transaction-id",
        "T-DROP",
    ]);
    let diffs = diffs(&shell.payment("CARD-1"));
    (run, diffs)
}

#[test]
fn a_finalize_dropped_after_commit_is_reconciled_without_a_second_debit() {
    let (run, diffs) = finalize_with("drop-after-commit");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json, json!({}), "{}", run.stdout);
    assert!(
        run.stderr.contains("reconciled: the DEBIT of 100"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("once more"), "{}", run.stderr);
    assert_eq!(
        diffs,
        [diff("AUTHORIZE", "", "250"), diff("DEBIT", "T-DROP", "100")]
    );
}

#[test]
fn a_finalize_answered_500_after_commit_is_reconciled_without_a_second_debit() {
    let (run, diffs) = finalize_with("http-500-after-commit");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("HTTP 500"), "{}", run.stderr);
    assert!(
        run.stderr.contains("reconciled: the DEBIT of 100"),
        "{}",
        run.stderr
    );
    assert_eq!(
        diffs,
        [diff("AUTHORIZE", "", "250"), diff("DEBIT", "T-DROP", "100")]
    );
}

#[test]
fn a_finalize_lost_before_commit_is_sent_once_more() {
    for action in ["drop-before-commit", "http-500"] {
        let (run, diffs) = finalize_with(action);
        assert_eq!(run.code, 0, "{action}: {}", run.stderr);
        assert_eq!(run.json, json!({}), "{action}: {}", run.stdout);
        assert!(
            run.stderr.contains("did not land; sending it once more"),
            "{action}: {}",
            run.stderr
        );
        assert_eq!(
            diffs,
            [diff("AUTHORIZE", "", "250"), diff("DEBIT", "T-DROP", "100")],
            "{action}"
        );
    }
}
