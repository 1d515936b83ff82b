//! The `aftershop` operator commands end to end: the binary against the
//! in-process simulator over loopback.

use std::path::PathBuf;
use std::process::{Command, Output};

use resurs_aftershop::rules::{AfterShopEvent, ErrorType};
use resurs_aftershop::simulator::{Fixtures, Simulator, SimulatorHandle, AFTER_SHOP_PATH};
use serde_json::{json, Value};

const CUSTOMER: &str = "194608282333";

fn fixture(id: &str, method: &str, kind: &str, method_type: &str) -> Value {
    json!({
        "cardNumber": format!("4444-{id}"),
        "paymentId": id,
        "paymentMethodId": method,
        "paymentMethodType": method_type,
        "methodKind": kind,
        "limit": "5000",
        "customer": {
            "governmentId": CUSTOMER,
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
        }
    })
}

/// A simulator with an invoice, a card-account and a Visa payment, and the
/// runtime serving it.
struct Bank {
    runtime: tokio::runtime::Runtime,
    simulator: Option<SimulatorHandle>,
    dir: PathBuf,
}

impl Bank {
    fn start(name: &str) -> Bank {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let fixtures = json!([
            fixture("INV-1", "Faktura", "resurs_invoice", "INVOICE"),
            fixture(
                "CARD-1",
                "NYTT_KORT",
                "resurs_card_account",
                "REVOLVING_CREDIT"
            ),
            fixture("VISA-1", "VM", "visa_mastercard", "CARD"),
        ]);
        let fixtures = Fixtures::from_json(&fixtures.to_string()).expect("fixtures");
        let simulator = runtime
            .block_on(
                Simulator::builder()
                    .user("shop", "secret")
                    .fixtures(fixtures)
                    .listen(([127, 0, 0, 1], 0).into())
                    .start(),
            )
            .expect("simulator");
        let dir = std::env::temp_dir().join(format!("aftershop-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Bank {
            runtime,
            simulator: Some(simulator),
            dir,
        }
    }

    fn endpoint(&self) -> String {
        self.simulator.as_ref().expect("running").after_shop_url()
    }

    fn run(&self, args: &[&str]) -> Run {
        run_at(&self.endpoint(), args)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, content).expect("write");
        path.display().to_string()
    }

    fn payment(&self, id: &str) -> Value {
        let run = self.run(&["get", id]);
        assert_eq!(run.code, 0, "get {id}: {}", run.stderr);
        run.json["return"].clone()
    }
}

impl Drop for Bank {
    fn drop(&mut self) {
        if let Some(simulator) = self.simulator.take() {
            self.runtime.block_on(simulator.stop());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Run {
    code: i32,
    json: Value,
    stdout: String,
    stderr: String,
}

fn run_at(endpoint: &str, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_aftershop"))
        .args(args)
        .env("RESURS_ENDPOINT", endpoint)
        .env("RESURS_USER", "shop")
        .env("RESURS_PASSWORD", "secret")
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run aftershop");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    Run {
        code: output.status.code().unwrap_or(-1),
        json: serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `(type, transactionId, totalAmount as a number string)` of every diff.
fn diffs(payment: &Value) -> Vec<(String, String, String)> {
    payment["paymentDiffs"]
        .as_array()
        .expect("diffs")
        .iter()
        .map(|diff| {
            let amount: rust_decimal::Decimal = diff["paymentSpec"]["totalAmount"]
                .as_str()
                .expect("amount")
                .parse()
                .expect("decimal");
            (
                diff["type"].as_str().unwrap_or_default().to_owned(),
                diff["transactionId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                amount.normalize().to_string(),
            )
        })
        .collect()
}

fn diff(kind: &str, transaction: &str, amount: &str) -> (String, String, String) {
    (kind.into(), transaction.into(), amount.into())
}

#[test]
fn a_whole_after_shop_day() {
    let bank = Bank::start("day");
    let got = bank.run(&["get", "INV-1"]);
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.json["return"]["id"], "INV-1");

    let part = bank.run(&[
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

    let spec = bank.file(
        "more.json",
        r#"{"specLines": [{"id": "2", "artNo": "B-1", "description": "Bulb", "quantity": "1",
            "unitMeasure": "st", "unitAmountWithoutVat": "80", "vatPct": "25",
            "totalVatAmount": "20", "totalAmount": "100"}],
            "totalAmount": "100", "totalVatAmount": "20"}"#,
    );
    let more = bank.run(&["additional-debit", "INV-1", "--spec", &spec]);
    assert_eq!(more.code, 0, "{}", more.stderr);

    let rest = bank.run(&["finalize", "INV-1", "--transaction-id", "T-2"]);
    assert_eq!(rest.code, 0, "{}", rest.stderr);

    let names = bank.run(&["documents", "INV-1"]);
    assert_eq!(names.code, 0, "{}", names.stderr);
    let list = names.json["return"].as_array().expect("names").clone();
    assert_eq!(list.len(), 2, "{}", names.stdout);
    let name = list[0].as_str().expect("name");
    let out = bank.dir.join("invoice.pdf");
    let saved = bank.run(&[
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

    let refused = bank.run(&["credit", "INV-1"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("partPaymentSpec is mandatory"),
        "{}",
        refused.stderr
    );

    let credit = bank.run(&[
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

    let found = bank.run(&[
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

    let payment = bank.payment("INV-1");
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
}

#[test]
fn each_rule_check_refuses_before_sending() {
    let bank = Bank::start("refusals");
    let before: Vec<Value> = ["INV-1", "CARD-1", "VISA-1"]
        .iter()
        .map(|id| bank.payment(id))
        .collect();
    let bad_spec = bank.file(
        "bad.json",
        r#"{"specLines": [{"id": "1", "artNo": "A-1", "description": "Lamp", "quantity": "1",
            "unitMeasure": "st", "unitAmountWithoutVat": "100", "vatPct": "25",
            "totalVatAmount": "20", "totalAmount": "120"}],
            "totalAmount": "120", "totalVatAmount": "20"}"#,
    );
    let cases: [(&[&str], &str); 5] = [
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
    ];
    for (args, rule) in cases {
        let run = bank.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("refused by the rules (") && run.stderr.contains(rule),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    // Within the 0.05 tolerance of the maximum is a warning, not a refusal.
    let tolerated = bank.run(&["finalize", "CARD-1", "--amount", "250.04", "--dry-run"]);
    assert_eq!(tolerated.code, 0, "{}", tolerated.stderr);
    assert_eq!(tolerated.json["checks"]["verdict"], "ok");
    let warnings = tolerated.json["checks"]["warnings"].to_string();
    assert!(warnings.contains("tolerance"), "{warnings}");

    let after: Vec<Value> = ["INV-1", "CARD-1", "VISA-1"]
        .iter()
        .map(|id| bank.payment(id))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn faults_and_other_errors_have_their_exit_codes() {
    let bank = Bank::start("exits");
    let missing = bank.run(&["get", "NOPE-1"]);
    assert_eq!(missing.code, 3);
    assert!(missing.stdout.is_empty());
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
fn dry_run_prints_the_envelope_and_changes_nothing() {
    let bank = Bank::start("dry");
    let before = bank.payment("CARD-1");
    let run = bank.run(&[
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
    let refused = bank.run(&["finalize", "CARD-1", "--amount", "1000", "--dry-run"]);
    assert_eq!(refused.code, 0, "{}", refused.stderr);
    assert_eq!(refused.json["checks"]["verdict"], "refused");
    assert_eq!(
        refused.json["checks"]["error_type"],
        ErrorType::InvalidFinalization.to_string()
    );
    assert_eq!(bank.payment("CARD-1"), before);
}

#[test]
fn metadata_tokens_and_bonus() {
    let bank = Bank::start("tokens");
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
    assert!(stale.stdout.is_empty());
}
