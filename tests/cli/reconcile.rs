//! `aftershop finalize` when someone else's debit lands while the answer to
//! ours is lost: a loopback proxy in front of the simulator rewrites the
//! first finalizePayment to another transaction id and closes the
//! connection without answering. The CLI must not call that debit its own,
//! nor send again. (Lost answers of the CLI's own calls are injected faults
//! in `aftershop_day.rs`.)

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::harness::shell as harness;

use resurs_aftershop::simulator::AFTER_SHOP_PATH;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A debitable payment of the demo set (250 open).
const DEMO_PAYMENT: &str = "12345";

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
/// finalizePayment is forwarded as someone else's debit (transaction id
/// `OTHER1`) and its answer dropped.
async fn proxy(listener: TcpListener, upstream: std::net::SocketAddr) {
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
                if drop_it {
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
                    return;
                }
                if client.write_all(&response).await.is_err() {
                    return;
                }
            }
        });
    }
}

/// `(transactionId, amount)` of the DEBIT diffs.
fn debits(payment: &serde_json::Value) -> Vec<(String, String)> {
    harness::diffs(payment)
        .into_iter()
        .filter(|(kind, _, _)| kind == "DEBIT")
        .map(|(_, transaction, amount)| (transaction, amount))
        .collect()
}

fn finalize_through_a_rewriting_proxy() -> (i32, String, String, serde_json::Value) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (simulator, listener) = runtime.block_on(async {
        let simulator = harness::builder().start().await.expect("simulator");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy");
        (simulator, listener)
    });
    let endpoint = format!(
        "http://{}{AFTER_SHOP_PATH}",
        listener.local_addr().expect("addr")
    );
    runtime.spawn(proxy(listener, simulator.local_addr()));
    let before = harness::run_at(&endpoint, &["get", DEMO_PAYMENT]);
    assert!(debits(&before.json["return"])
        .iter()
        .all(|(t, _)| t != "T-DROP"));
    let output = harness::run_at(
        &endpoint,
        &[
            "finalize",
            DEMO_PAYMENT,
            "--amount",
            "100",
            "--transaction-id",
            "T-DROP",
        ],
    );
    let after = harness::run_at(&endpoint, &["get", DEMO_PAYMENT]);
    runtime.block_on(simulator.stop());
    (
        output.code,
        output.stdout,
        output.stderr,
        after.json["return"].clone(),
    )
}

#[test]
fn an_unexplained_new_debit_is_reported_and_not_resent() {
    let (code, stdout, stderr, payment) = finalize_through_a_rewriting_proxy();
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
