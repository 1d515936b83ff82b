//! The call timeout is one deadline for connect, send, receive and decode;
//! large bodies decode on the blocking pool, small ones in place.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use bytes::Bytes;
use soap_runtime::client::TimeoutPhase;
use soap_runtime::rt::{self, FieldName, Operation, Reader, Start, Writer, XmlType};
use soap_runtime::transport::{Transport, TransportError, TransportRequest, TransportResponse};
use soap_runtime::{ClientBuilder, EncodeError, Error, NoFault};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const NS: &str = "urn:test:deadline";

static ECHO: Operation = Operation {
    name: "echo",
    soap_action: "urn:test:deadline#echo",
    version: rt::SoapVersion::V11,
    input: rt::Body::Element(FieldName::qualified(NS, "echo")),
    output: Some(rt::Body::Element(FieldName::qualified(NS, "echoResponse"))),
    input_headers: &[],
    output_headers: &[],
};

/// The request: an empty element.
#[derive(Debug, Default)]
struct Echo;

impl XmlType for Echo {
    fn write_content(&self, _w: &mut Writer) -> Result<(), EncodeError> {
        Ok(())
    }
    fn read(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Self, rt::DecodeError> {
        r.skip(start)?;
        Ok(Self)
    }
}

/// Where [`Observed`] was decoded, and a gate that holds its decoding.
#[derive(Default)]
struct Probe {
    threads: Mutex<Vec<ThreadId>>,
    gate: Mutex<Option<mpsc::Receiver<()>>>,
}

static GLOBAL_PROBE: Mutex<Option<Arc<Probe>>> = Mutex::new(None);

/// A response that records the thread decoding it and, when the probe has a
/// gate, waits (at most 30 s) for the test to open it.
#[derive(Debug)]
struct Observed;

impl XmlType for Observed {
    fn write_content(&self, _w: &mut Writer) -> Result<(), EncodeError> {
        Ok(())
    }
    fn read(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Self, rt::DecodeError> {
        let probe = GLOBAL_PROBE.lock().unwrap().clone();
        if let Some(probe) = probe {
            probe
                .threads
                .lock()
                .unwrap()
                .push(std::thread::current().id());
            if let Some(gate) = probe.gate.lock().unwrap().take() {
                let _ = gate.recv_timeout(Duration::from_secs(30));
            }
        }
        r.skip(start)?;
        Ok(Self)
    }
}

/// A response envelope whose body is padded with `padding` bytes of text.
fn envelope(padding: usize) -> Bytes {
    Bytes::from(format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <echoResponse xmlns=\"{NS}\"><pad>{}</pad></echoResponse></s:Body></s:Envelope>",
        "x".repeat(padding)
    ))
}

/// Answers every request at once with `body`.
struct Canned(Bytes);

impl Transport for Canned {
    fn send(
        &self,
        _request: TransportRequest,
    ) -> rt::BoxFuture<'_, Result<TransportResponse, TransportError>> {
        let response = TransportResponse::new(http::StatusCode::OK, self.0.clone());
        Box::pin(async move { Ok(response) })
    }
}

/// Serialises the tests that use [`GLOBAL_PROBE`].
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn install(probe: &Arc<Probe>) {
    *GLOBAL_PROBE.lock().unwrap() = Some(probe.clone());
}

#[tokio::test(flavor = "current_thread")]
async fn small_bodies_decode_in_place_and_large_ones_off_the_worker() {
    let _serial = SERIAL.lock().await;
    let probe = Arc::new(Probe::default());
    install(&probe);
    let caller = std::thread::current().id();
    let threshold = 16 * 1024;
    for (padding, off_worker) in [(100, false), (threshold, true)] {
        let client = ClientBuilder::new("http://127.0.0.1:9/echo")
            .blocking_decode_threshold(threshold)
            .build_with_transport(Canned(envelope(padding)))
            .unwrap();
        client
            .call::<Echo, Observed, NoFault>(&ECHO, &Echo)
            .await
            .unwrap();
        let decoded_on = probe.threads.lock().unwrap().pop().unwrap();
        assert_eq!(decoded_on != caller, off_worker, "padding {padding}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deadline_covers_decoding() {
    let _serial = SERIAL.lock().await;
    let (open, gate) = mpsc::channel();
    let probe = Arc::new(Probe {
        gate: Mutex::new(Some(gate)),
        ..Probe::default()
    });
    install(&probe);
    let timeout = Duration::from_millis(200);
    let client = ClientBuilder::new("http://127.0.0.1:9/echo")
        .timeout(timeout)
        .blocking_decode_threshold(0)
        .build_with_transport(Canned(envelope(10)))
        .unwrap();

    // The decoder waits for the gate, which opens only after the call returned.
    let err = client
        .call::<Echo, Observed, NoFault>(&ECHO, &Echo)
        .await
        .expect_err("decoding outlasts the deadline");
    let _ = open.send(());
    match err {
        Error::Timeout { phase, .. } => assert_eq!(phase, TimeoutPhase::Call),
        other => panic!("expected a call timeout, got {other:?}"),
    }
    assert_eq!(
        probe.threads.lock().unwrap().len(),
        1,
        "decoding had started"
    );
}

/// Sends a response head announcing `len` bytes, then one byte every 50 ms.
async fn dribbling_server(len: usize) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = stream.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {len}\r\n\r\n"
                );
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for _ in 0..len {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    if stream.write_all(b" ").await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    addr
}

#[tokio::test]
async fn a_dribbled_body_times_out_at_the_deadline() {
    // The whole body would take 400 x 50 ms = 20 s to arrive.
    let addr = dribbling_server(400).await;
    let timeout = Duration::from_millis(200);
    let client = ClientBuilder::new(format!("http://{addr}/echo"))
        .timeout(timeout)
        .build()
        .unwrap();

    let started = Instant::now();
    let err = client
        .call::<Echo, Observed, NoFault>(&ECHO, &Echo)
        .await
        .expect_err("the body never completes in time");
    let elapsed = started.elapsed();
    match err {
        Error::Timeout { phase, .. } => assert_eq!(phase, TimeoutPhase::Call),
        other => panic!("expected a call timeout, got {other:?}"),
    }
    // Generous: far below the 20 s the body takes, whatever the machine's load.
    assert!(elapsed < timeout * 25, "returned after {elapsed:?}");
}
