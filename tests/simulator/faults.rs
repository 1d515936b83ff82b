//! Fault injection: each action as a client sees it and as the bank records
//! it, the N-th call counting, faults from the builder, from the admin
//! endpoint and from `aftershop simulate --faults FILE`.

use crate::harness::bank as support;
use crate::harness::shell as harness;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harness::{admin, after_shop, builder};
use resurs_aftershop::msg_aftershopflow::GetPayment;
use resurs_aftershop::reconcile::{classify, Failure};
use resurs_aftershop::rules::MethodKind;
use resurs_aftershop::simulator::{
    Booking, DiffKind, FaultAction, Fixtures, InjectedFault, SimulatorBuilder, SimulatorHandle,
};
use resurs_aftershop::AfterShopClient;
use soap_runtime::Error;
use support::{amount, d, finalize, id, one_line};

const P: &str = "Pay-fault-1";

fn with_card(builder: SimulatorBuilder) -> SimulatorBuilder {
    let booking = Booking {
        limit: d("1000"),
        ..Booking::new(P, MethodKind::ResursCardAccount, one_line("500"))
    };
    builder.fixtures(Fixtures::Bookings(vec![booking]))
}

async fn start(builder: SimulatorBuilder) -> (SimulatorHandle, AfterShopClient) {
    let sim = with_card(builder).start().await.expect("simulator");
    let client = after_shop(&sim);
    (sim, client)
}

fn debited(sim: &SimulatorHandle) -> Vec<String> {
    sim.bank()
        .record(P)
        .expect("payment")
        .diffs
        .iter()
        .filter(|diff| diff.kind == DiffKind::Debit)
        .map(|diff| diff.spec.total_amount.value().normalize().to_string())
        .collect()
}

async fn finalize_10(client: &AfterShopClient) -> Result<(), String> {
    client
        .finalize_payment(&finalize(P, Some(amount("10"))))
        .await
        .map_err(|error| {
            assert_eq!(
                classify(&error),
                Failure::Ambiguous,
                "a lost answer may have committed: {error:?}"
            );
            format!("{error:?}")
        })
}

async fn get(client: &AfterShopClient) -> Result<(), String> {
    client
        .get_payment(&GetPayment { payment_id: id(P) })
        .await
        .map(drop)
        .map_err(|e| format!("{e:?}"))
}

fn fault(operation: &str, call: u64, action: FaultAction) -> InjectedFault {
    InjectedFault::new(operation, call, action).expect("fault")
}

#[tokio::test]
async fn drop_before_commit_closes_the_connection_and_changes_nothing() {
    let (sim, client) =
        start(builder().fault(fault("finalizePayment", 1, FaultAction::DropBeforeCommit))).await;
    let error = finalize_10(&client).await.expect_err("dropped");
    assert!(error.contains("Transport"), "{error}");
    assert_eq!(debited(&sim), Vec::<String>::new());
    finalize_10(&client).await.expect("the next call is served");
    assert_eq!(debited(&sim), ["10"]);
}

#[tokio::test]
async fn drop_after_commit_closes_the_connection_after_the_change() {
    let (sim, client) =
        start(builder().fault(fault("finalizePayment", 1, FaultAction::DropAfterCommit))).await;
    let error = finalize_10(&client).await.expect_err("dropped");
    assert!(error.contains("Transport"), "{error}");
    assert_eq!(debited(&sim), ["10"]);
}

#[tokio::test]
async fn http_500_answers_500_and_changes_nothing() {
    let (sim, client) =
        start(builder().fault(fault("finalizePayment", 1, FaultAction::Http500))).await;
    let error = client
        .finalize_payment(&finalize(P, Some(amount("10"))))
        .await
        .expect_err("500");
    match &error {
        Error::HttpStatus { status, .. } => assert_eq!(status.as_u16(), 500),
        other => panic!("expected HTTP 500, got {other:?}"),
    }
    assert_eq!(debited(&sim), Vec::<String>::new());
}

#[tokio::test]
async fn http_500_after_commit_answers_500_after_the_change() {
    let (sim, client) =
        start(builder().fault(fault("finalizePayment", 1, FaultAction::Http500AfterCommit))).await;
    let error = client
        .finalize_payment(&finalize(P, Some(amount("10"))))
        .await
        .expect_err("500");
    match &error {
        Error::HttpStatus {
            status, snippet, ..
        } => {
            assert_eq!(status.as_u16(), 500);
            assert!(snippet.contains("injected"), "{snippet}");
        }
        other => panic!("expected HTTP 500, got {other:?}"),
    }
    assert_eq!(classify(&error), Failure::Ambiguous);
    assert_eq!(debited(&sim), ["10"]);
}

#[tokio::test]
async fn delay_holds_the_answer_back() {
    let (sim, client) = start(builder()).await;
    get(&client).await.expect("warm-up");
    let started = Instant::now();
    get(&client).await.expect("baseline");
    let baseline = started.elapsed();
    let delay = (baseline * 20).max(Duration::from_millis(50));
    let planned = admin(
        &sim,
        "faults",
        &serde_json::json!({
            "operation": "getPayment", "call": 1, "action": "delay",
            "delay_ms": u64::try_from(delay.as_millis()).expect("ms")
        })
        .to_string(),
    )
    .await;
    assert_eq!(planned.status, 201, "{}", planned.body);
    let started = Instant::now();
    get(&client).await.expect("delayed, then answered");
    let delayed = started.elapsed();
    assert!(delayed >= delay, "{delayed:?} < {delay:?}");
    assert!(
        delayed.as_secs_f64() >= 10.0 * baseline.as_secs_f64(),
        "delayed {delayed:?} vs baseline {baseline:?}"
    );
}

#[tokio::test]
async fn the_nth_call_from_now_is_hit() {
    let (sim, client) = start(builder()).await;
    // Calls made before the fault is planned do not count.
    get(&client).await.expect("before");
    get(&client).await.expect("before");
    let planned = admin(
        &sim,
        "faults",
        r#"[{"operation": "getPayment", "call": 2, "action": "drop-before-commit"},
            {"operation": "finalizePayment", "call": 1, "action": "http-500"}]"#,
    )
    .await;
    assert_eq!(planned.status, 201, "{}", planned.body);
    assert_eq!(planned.json().as_array().expect("planned").len(), 2);
    get(&client).await.expect("call 1 of getPayment");
    let second = get(&client).await.expect_err("call 2 of getPayment");
    assert!(second.contains("Transport"), "{second}");
    get(&client).await.expect("call 3 of getPayment");
    // Other operations count on their own.
    let first_finalize = client
        .finalize_payment(&finalize(P, Some(amount("10"))))
        .await
        .expect_err("call 1 of finalizePayment");
    assert!(matches!(first_finalize, Error::HttpStatus { .. }));
    finalize_10(&client)
        .await
        .expect("call 2 of finalizePayment");
    assert_eq!(debited(&sim), ["10"]);
}

#[tokio::test]
async fn several_faults_on_one_call_add_their_delays() {
    let (sim, client) = start(
        builder()
            .fault(fault(
                "finalizePayment",
                1,
                FaultAction::Delay(Duration::from_millis(20)),
            ))
            .fault(fault("finalizePayment", 1, FaultAction::DropAfterCommit))
            .fault(fault("finalizePayment", 1, FaultAction::Http500)),
    )
    .await;
    let started = Instant::now();
    let error = finalize_10(&client).await.expect_err("dropped");
    assert!(started.elapsed() >= Duration::from_millis(20));
    assert!(error.contains("Transport"), "the first added wins: {error}");
    assert_eq!(debited(&sim), ["10"]);
}

#[test]
fn faults_are_checked_when_made() {
    let unknown = InjectedFault::new("finalisePayment", 1, FaultAction::Http500)
        .expect_err("unknown operation");
    assert!(
        unknown.to_string().contains("`finalisePayment`"),
        "{unknown}"
    );
    assert!(unknown.to_string().contains("finalizePayment"), "{unknown}");
    let zero = InjectedFault::new("getPayment", 0, FaultAction::Http500).expect_err("call 0");
    assert!(zero.to_string().contains("call"), "{zero}");
    for (json, expected) in [
        (
            r#"{"operation": "getPayment", "call": 1, "action": "explode"}"#,
            "unknown action `explode`",
        ),
        (
            r#"{"operation": "getPayment", "call": 1, "action": "delay"}"#,
            "needs delay_ms",
        ),
        (
            r#"{"operation": "getPayment", "call": 1, "action": "http-500", "delay_ms": 5}"#,
            "delay_ms applies to action delay only",
        ),
        (
            r#"[{"operation": "getPayment", "call": 1, "action": "http-500"}, {"operation": "x", "call": 1, "action": "http-500"}]"#,
            "fault 1: unknown operation `x`",
        ),
        (
            r#"{"operation": "getPayment", "call": 1, "action": "http-500", "when": "now"}"#,
            "unknown field `when`",
        ),
    ] {
        let error = InjectedFault::list_from_json(json).expect_err(json);
        assert!(error.to_string().contains(expected), "{json}: {error}");
    }
    let parsed = InjectedFault::list_from_json(
        r#"{"operation": "getPayment", "call": 3, "action": "delay", "delay_ms": 7}"#,
    )
    .expect("fault");
    assert_eq!(
        parsed,
        [fault(
            "getPayment",
            3,
            FaultAction::Delay(Duration::from_millis(7))
        )]
    );
    assert_eq!(
        parsed[0].to_json(),
        serde_json::json!({"operation": "getPayment", "call": 3, "action": "delay", "delay_ms": 7})
    );
}

/// `aftershop simulate --faults FILE`: the file's faults hit from start-up;
/// a bad file is refused with its message.
#[test]
fn simulate_takes_a_faults_file() {
    let dir = std::env::temp_dir().join(format!("aftershop-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let faults = dir.join("faults.json");
    std::fs::write(
        &faults,
        r#"[{"operation": "getPayment", "call": 1, "action": "http-500"}]"#,
    )
    .expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftershop"))
        .args([
            "simulate",
            "--listen",
            "127.0.0.1:0",
            "--user",
            "shop:secret",
            "--faults",
        ])
        .arg(&faults)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("simulate");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("banner");
    let base = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let endpoint = format!("{base}{}", resurs_aftershop::simulator::AFTER_SHOP_PATH);
    let client = AfterShopClient::builder(resurs_aftershop::Environment::Custom(endpoint))
        .credentials(harness::USER, harness::PASSWORD)
        .build()
        .expect("client");
    let request = GetPayment {
        payment_id: id(resurs_aftershop::simulator::DOCUMENTED_PAYMENT),
    };
    let first = runtime.block_on(client.get_payment(&request));
    let second = runtime.block_on(client.get_payment(&request));
    child.kill().expect("stop the simulator");
    child.wait().expect("reap");
    match first {
        Err(Error::HttpStatus { status, .. }) => assert_eq!(status.as_u16(), 500),
        other => panic!("expected the injected 500, got {other:?}"),
    }
    second.expect("the second call is served");

    std::fs::write(
        &faults,
        r#"[{"operation": "getPayment", "call": 1, "action": "sulk"}]"#,
    )
    .expect("write");
    let refused = Command::new(env!("CARGO_BIN_EXE_aftershop"))
        .args([
            "simulate",
            "--listen",
            "127.0.0.1:0",
            "--user",
            "shop:secret",
            "--faults",
        ])
        .arg(&faults)
        .output()
        .expect("simulate");
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("fault 0: unknown action `sulk`"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
