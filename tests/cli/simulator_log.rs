//! The simulator's JSON request log: one object per request with time,
//! operation, user, outcome, duration and payment id; never a password.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use resurs_aftershop::msg_aftershopflow::{FinalizePayment, GetPayment};
use resurs_aftershop::simulator::{
    Simulator, SimulatorHandle, AFTER_SHOP_PATH, DOCUMENTED_PAYMENT, MISSING_PAYMENT,
};
use resurs_aftershop::{AfterShopClient, Environment};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn temp_log(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("aftershop-log-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("requests.jsonl")
}

fn entries(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("log file")
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn client(sim: &SimulatorHandle, password: &str) -> AfterShopClient {
    AfterShopClient::builder(Environment::Custom(sim.after_shop_url()))
        .credentials("shop", password)
        .build()
        .expect("client")
}

async fn get_wsdl(sim: &SimulatorHandle) {
    let mut stream = tokio::net::TcpStream::connect(sim.local_addr())
        .await
        .expect("connect");
    let head =
        format!("GET {AFTER_SHOP_PATH}?wsdl HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("read");
    assert!(answer.starts_with(b"HTTP/1.1 200"));
}

#[tokio::test]
async fn every_request_is_one_json_line() {
    let path = temp_log("calls");
    let sim = Simulator::builder()
        .user("shop", "secret-password")
        .log(&path)
        .start()
        .await
        .expect("simulator");
    let good = client(&sim, "secret-password");
    good.get_payment(&GetPayment {
        payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
    })
    .await
    .expect("payment");
    good.get_payment(&GetPayment {
        payment_id: MISSING_PAYMENT.parse().expect("id"),
    })
    .await
    .expect_err("missing");
    client(&sim, "guessed-password")
        .finalize_payment(&FinalizePayment {
            payment_id: "Pay-demo-visa-1".parse().expect("id"),
            ..Default::default()
        })
        .await
        .expect_err("refused");
    get_wsdl(&sim).await;
    sim.stop().await;

    let text = std::fs::read_to_string(&path).expect("log");
    assert!(!text.contains("secret-password") && !text.contains("guessed-password"));
    let log = entries(&path);
    assert_eq!(log.len(), 4, "{text}");
    let (ok, fault, refused, wsdl) = (&log[0], &log[1], &log[2], &log[3]);

    assert_eq!(ok["operation"], "getPayment");
    assert_eq!(ok["user"], "shop");
    assert_eq!(ok["payment_id"], DOCUMENTED_PAYMENT);
    assert_eq!(ok["outcome"], "ok");
    assert_eq!(ok["status"], 200);
    assert_eq!(ok["method"], "POST");
    assert_eq!(ok["path"], AFTER_SHOP_PATH);
    assert!(ok["duration_ms"].as_f64().expect("duration") >= 0.0);
    let time = ok["time"].as_str().expect("time");
    assert!(
        time.len() >= 20 && time.ends_with('Z') && time.as_bytes()[10] == b'T',
        "{time}"
    );

    assert_eq!(fault["outcome"], "REFERENCED_DATA_DONT_EXISTS");
    assert_eq!(fault["status"], 500);
    assert_eq!(fault["payment_id"], MISSING_PAYMENT);

    assert_eq!(refused["operation"], "finalizePayment");
    assert_eq!(refused["outcome"], "401");
    assert_eq!(refused["user"], Value::Null);
    assert_eq!(refused["payment_id"], "Pay-demo-visa-1");

    assert_eq!(wsdl["method"], "GET");
    assert_eq!(wsdl["operation"], Value::Null);
    assert_eq!(wsdl["outcome"], "ok");
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}

#[tokio::test]
async fn a_log_that_cannot_be_opened_stops_the_start() {
    let path = temp_log("missing-dir").with_file_name("no/such/dir/log.jsonl");
    let error = Simulator::builder()
        .log(&path)
        .start()
        .await
        .expect_err("no such directory");
    assert!(error.to_string().contains("no/such/dir"), "{error}");
}

/// Kills the child when the test ends, however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn simulate_log_writes_the_file() {
    let path = temp_log("cli");
    let child = Command::new(env!("CARGO_BIN_EXE_aftershop"))
        .args(["simulate", "--listen", "127.0.0.1:0", "--user", "shop:pw:x"])
        .arg("--log")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn aftershop");
    let mut running = Running(child);
    let stdout = running.0.stdout.take().expect("stdout");
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .expect("reader")
    .expect("a line");
    let base = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    let client = AfterShopClient::builder(Environment::Custom(format!("{base}{AFTER_SHOP_PATH}")))
        .credentials("shop", "pw:x")
        .build()
        .expect("client");
    client
        .get_payment(&GetPayment {
            payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
        })
        .await
        .expect("a user given as NAME:PASSWORD, the password holding a colon");
    drop(running);
    let log = entries(&path);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["user"], "shop");
    assert_eq!(log[0]["outcome"], "ok");
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}

/// An answer made by fault injection is logged as `injected`: an HTTP 500
/// with its status, a dropped connection with status `null`.
#[tokio::test]
async fn injected_answers_are_logged_as_injected() {
    use resurs_aftershop::simulator::{FaultAction, InjectedFault};
    let path = temp_log("injected");
    let fault = |call, action| InjectedFault::new("getPayment", call, action).expect("fault");
    let sim = Simulator::builder()
        .user("shop", "secret-password")
        .fault(fault(1, FaultAction::Http500))
        .fault(fault(2, FaultAction::DropBeforeCommit))
        .log(&path)
        .start()
        .await
        .expect("simulator");
    let client = client(&sim, "secret-password");
    let request = GetPayment {
        payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
    };
    client
        .get_payment(&request)
        .await
        .expect_err("injected 500");
    client.get_payment(&request).await.expect_err("dropped");
    client.get_payment(&request).await.expect("served");
    sim.stop().await;

    let logged = entries(&path);
    let seen: Vec<(&str, Option<u64>)> = logged
        .iter()
        .map(|e| {
            (
                e["outcome"].as_str().expect("outcome"),
                e["status"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("injected", Some(500)),
            ("injected", None),
            ("ok", Some(200))
        ],
        "{logged:?}"
    );
}
