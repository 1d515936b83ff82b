//! `aftershop finalize` when the connection breaks: a loopback proxy in front
//! of the simulator drops the first finalizePayment either after the bank
//! committed it (the CLI must find the debit and not send again) or before
//! forwarding it (the CLI must find nothing and send once more).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use resurs_aftershop::simulator::Simulator;

/// A debitable payment of the demo set (250 open).
const DEMO_PAYMENT: &str = "12345";
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Copy)]
enum Drop {
    /// Forward, let the bank commit, then close without answering.
    AfterCommit,
    /// Close without forwarding.
    BeforeCommit,
    /// Forward, let the bank commit, then answer a bare HTTP 500.
    Http500AfterCommit,
    /// Forward it as someone else's debit (transaction id `OTHER1`), then
    /// close without answering: a new debit the CLI cannot call its own.
    SomeoneElsesDebit,
}

/// Reads one HTTP/1.1 message with a Content-Length body; `None` at EOF.
async fn read_message(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..header_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse().unwrap_or(0));
    while buffer.len() < header_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Some(buffer)
}

/// Forwards each request to `upstream` on a fresh connection; the first
/// finalizePayment is dropped as `mode` says (once).
async fn proxy(listener: TcpListener, upstream: std::net::SocketAddr, mode: Drop) {
    let armed = Arc::new(AtomicBool::new(true));
    loop {
        let Ok((mut client, _)) = listener.accept().await else {
            return;
        };
        let armed = armed.clone();
        tokio::spawn(async move {
            while let Some(mut request) = read_message(&mut client).await {
                let finalize = String::from_utf8_lossy(&request).contains("finalizePayment");
                let drop_it = finalize && armed.swap(false, Ordering::SeqCst);
                if drop_it && matches!(mode, Drop::BeforeCommit) {
                    return;
                }
                if drop_it && matches!(mode, Drop::SomeoneElsesDebit) {
                    let text = String::from_utf8_lossy(&request).replace("T-DROP", "OTHER1");
                    request = text.into_bytes();
                }
                let Ok(mut server) = TcpStream::connect(upstream).await else {
                    return;
                };
                if server.write_all(&request).await.is_err() {
                    return;
                }
                let Some(response) = read_message(&mut server).await else {
                    return;
                };
                if drop_it {
                    if matches!(mode, Drop::Http500AfterCommit) {
                        let _ = client
                            .write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                            .await;
                    }
                    return;
                }
                if client.write_all(&response).await.is_err() {
                    return;
                }
            }
        });
    }
}

fn debits(payment: &serde_json::Value) -> Vec<(String, String)> {
    payment["paymentDiffs"]
        .as_array()
        .expect("diffs")
        .iter()
        .filter(|d| d["type"] == "DEBIT")
        .map(|d| {
            let amount: rust_decimal::Decimal = d["paymentSpec"]["totalAmount"]
                .as_str()
                .expect("amount")
                .parse()
                .expect("decimal");
            (
                d["transactionId"].as_str().unwrap_or_default().to_owned(),
                amount.normalize().to_string(),
            )
        })
        .collect()
}

fn finalize_through_a_dropping_proxy(mode: Drop) -> (i32, String, String, serde_json::Value) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (simulator, listener) = runtime.block_on(async {
        let simulator = Simulator::builder()
            .user("shop", "secret")
            .listen(([127, 0, 0, 1], 0).into())
            .start()
            .await
            .expect("simulator");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy");
        (simulator, listener)
    });
    let path = simulator
        .after_shop_url()
        .split_once(&simulator.url())
        .map(|(_, path)| path.to_owned())
        .expect("path");
    let endpoint = format!("http://{}{path}", listener.local_addr().expect("addr"));
    runtime.spawn(proxy(listener, simulator.local_addr(), mode));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_aftershop"))
            .args(args)
            .env("RESURS_ENDPOINT", &endpoint)
            .env("RESURS_USER", "shop")
            .env("RESURS_PASSWORD", "secret")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run aftershop")
    };
    let before = run(&["get", DEMO_PAYMENT]);
    let before: serde_json::Value = serde_json::from_slice(&before.stdout).expect("json");
    assert!(debits(&before["return"]).iter().all(|(t, _)| t != "T-DROP"));
    let output = run(&[
        "finalize",
        DEMO_PAYMENT,
        "--amount",
        "100",
        "--transaction-id",
        "T-DROP",
    ]);
    let after = run(&["get", DEMO_PAYMENT]);
    let after: serde_json::Value = serde_json::from_slice(&after.stdout).expect("json");
    runtime.block_on(simulator.stop());
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        after["return"].clone(),
    )
}

#[test]
fn a_finalize_dropped_after_commit_is_reconciled_without_a_second_debit() {
    let (code, stdout, stderr, payment) = finalize_through_a_dropping_proxy(Drop::AfterCommit);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "{}");
    assert!(stderr.contains("reconciled: the DEBIT of 100"), "{stderr}");
    assert!(!stderr.contains("once more"), "{stderr}");
    let mine: Vec<_> = debits(&payment)
        .into_iter()
        .filter(|(t, _)| t == "T-DROP")
        .collect();
    assert_eq!(mine, [("T-DROP".to_owned(), "100".to_owned())]);
}

#[test]
fn a_finalize_answered_500_after_commit_is_reconciled_without_a_second_debit() {
    let (code, stdout, stderr, payment) =
        finalize_through_a_dropping_proxy(Drop::Http500AfterCommit);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "{}");
    assert!(stderr.contains("HTTP 500"), "{stderr}");
    assert!(stderr.contains("reconciled: the DEBIT of 100"), "{stderr}");
    let mine: Vec<_> = debits(&payment)
        .into_iter()
        .filter(|(t, _)| t == "T-DROP")
        .collect();
    assert_eq!(mine, [("T-DROP".to_owned(), "100".to_owned())]);
}

#[test]
fn a_finalize_dropped_before_commit_is_sent_once_more() {
    let (code, stdout, stderr, payment) = finalize_through_a_dropping_proxy(Drop::BeforeCommit);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "{}");
    assert!(
        stderr.contains("did not land; sending it once more"),
        "{stderr}"
    );
    let mine: Vec<_> = debits(&payment)
        .into_iter()
        .filter(|(t, _)| t == "T-DROP")
        .collect();
    assert_eq!(mine, [("T-DROP".to_owned(), "100".to_owned())]);
}

#[test]
fn an_unexplained_new_debit_is_reported_and_not_resent() {
    let (code, stdout, stderr, payment) =
        finalize_through_a_dropping_proxy(Drop::SomeoneElsesDebit);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("none with transaction id T-DROP")
            && stderr.contains("check it before sending again"),
        "{stderr}"
    );
    let debits = debits(&payment);
    assert!(debits.iter().all(|(t, _)| t != "T-DROP"), "{debits:?}");
    assert_eq!(debits.iter().filter(|(t, _)| t == "OTHER1").count(), 1);
}
