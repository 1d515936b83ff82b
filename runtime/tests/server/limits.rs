//! The server's [`Limits`] over loopback: slow peers are cut after their
//! deadline and never starve a normal caller; bodies over the size limit get
//! 413; the connection cap holds further connections back; dropping the
//! handle stops the server. Timeouts are short and set per test; every
//! wall-clock assertion is a lower bound ("not cut before the deadline") or
//! an ordering ("answered while the slow ones are still held").

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::StatusCode;
use soap_runtime::rt::BoxFuture;
use soap_runtime::server::{Limits, Reply, Response, Server, ServerHandle, Service};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Answers 200 with the length of the body it was given.
struct Echo;

impl Service for Echo {
    fn call(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Reply> {
        let text = format!("got {} bytes\n", request.body().len());
        Box::pin(std::future::ready(Reply::Respond(Response::text(
            StatusCode::OK,
            text,
        ))))
    }
}

async fn serve(limits: Limits) -> ServerHandle {
    Server::bind("127.0.0.1:0")
        .await
        .expect("bind loopback")
        .limits(limits)
        .serve(Echo)
}

/// Limits too long to matter in a test unless a test shortens one.
fn patient() -> Limits {
    Limits {
        header_read_timeout: Duration::from_secs(120),
        body_read_timeout: Duration::from_secs(120),
        keep_alive_idle_timeout: Duration::from_secs(120),
        ..Limits::default()
    }
}

fn request(body: &str) -> String {
    format!(
        "POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// Reads until the peer closes (or resets) the connection; `None` when it
/// sent nothing at all.
async fn read_answer(stream: &mut TcpStream) -> Option<String> {
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer).await {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("reading the answer: {e}"),
    }
    (!answer.is_empty()).then(|| String::from_utf8_lossy(&answer).into_owned())
}

fn status_of(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"))
}

/// One normal call on a fresh connection: the status and how long it took.
async fn normal_call(addr: SocketAddr) -> (u16, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(request("<x/>").as_bytes())
        .await
        .expect("write");
    let answer = read_answer(&mut stream).await.expect("an answer");
    (status_of(&answer), started.elapsed())
}

/// Writes `bytes` one at a time, `pause` apart, until the peer stops
/// reading; returns how many were written.
async fn dribble(stream: &mut TcpStream, bytes: &[u8], pause: Duration) -> usize {
    for (i, byte) in bytes.iter().enumerate() {
        if stream.write_all(&[*byte]).await.is_err() {
            return i;
        }
        tokio::time::sleep(pause).await;
    }
    bytes.len()
}

#[tokio::test]
async fn a_slow_body_is_cut_with_408_after_the_body_timeout() {
    let timeout = Duration::from_millis(300);
    let handle = serve(Limits {
        body_read_timeout: timeout,
        ..patient()
    })
    .await;
    let mut stream = TcpStream::connect(handle.local_addr())
        .await
        .expect("connect");
    stream
        .write_all(b"POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\n")
        .await
        .expect("head");
    let started = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let body = vec![b'x'; 1000];
    let writing = tokio::spawn(async move {
        let mut sent = 0;
        for byte in body {
            if writer.write_all(&[byte]).await.is_err() {
                break;
            }
            sent += 1;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        sent
    });
    let mut answer = Vec::new();
    let _ = reader.read_to_end(&mut answer).await;
    let cut_after = started.elapsed();
    let answer = String::from_utf8_lossy(&answer);
    assert_eq!(status_of(&answer), 408, "{answer}");
    assert!(answer.to_ascii_lowercase().contains("connection: close"));
    assert!(cut_after >= timeout, "cut after {cut_after:?}");
    writing.abort();
    let _ = writing.await;
    handle.shutdown().await;
}

#[tokio::test]
async fn a_slow_head_is_cut_after_the_header_timeout() {
    let timeout = Duration::from_millis(300);
    let handle = serve(Limits {
        header_read_timeout: timeout,
        ..patient()
    })
    .await;
    let mut stream = TcpStream::connect(handle.local_addr())
        .await
        .expect("connect");
    let started = Instant::now();
    let head = format!("POST /x HTTP/1.1\r\nX-Slow: {}", "a".repeat(2000));
    let sent = dribble(&mut stream, head.as_bytes(), Duration::from_millis(10)).await;
    let answer = read_answer(&mut stream).await;
    let cut_after = started.elapsed();
    assert!(sent < head.len(), "the whole head was accepted");
    assert!(cut_after >= timeout, "cut after {cut_after:?}");
    if let Some(answer) = answer {
        assert!(!answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_timeout() {
    let timeout = Duration::from_millis(300);
    let handle = serve(Limits {
        header_read_timeout: timeout,
        ..patient()
    })
    .await;
    let mut stream = TcpStream::connect(handle.local_addr())
        .await
        .expect("connect");
    let started = Instant::now();
    assert_eq!(read_answer(&mut stream).await, None);
    assert!(started.elapsed() >= timeout);
    handle.shutdown().await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() {
    let idle = Duration::from_millis(300);
    let handle = serve(Limits {
        keep_alive_idle_timeout: idle,
        ..patient()
    })
    .await;
    let mut stream = TcpStream::connect(handle.local_addr())
        .await
        .expect("connect");
    stream
        .write_all(b"POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\nab")
        .await
        .expect("write");
    let mut first = vec![0u8; 4096];
    let n = stream.read(&mut first).await.expect("first answer");
    let answered = Instant::now();
    let first = String::from_utf8_lossy(&first[..n]).into_owned();
    assert_eq!(status_of(&first), 200, "{first}");
    assert!(first.contains("got 2 bytes"), "{first}");
    assert_eq!(read_answer(&mut stream).await, None);
    assert!(answered.elapsed() >= idle);
    handle.shutdown().await;
}

#[tokio::test]
async fn bodies_over_the_size_limit_get_413() {
    let handle = serve(Limits {
        max_request_bytes: 100,
        ..patient()
    })
    .await;
    let addr = handle.local_addr();

    let mut declared = TcpStream::connect(addr).await.expect("connect");
    declared
        .write_all(b"POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 101\r\n\r\n")
        .await
        .expect("head");
    let answer = read_answer(&mut declared).await.expect("answer");
    assert_eq!(status_of(&answer), 413, "{answer}");

    let mut chunked = TcpStream::connect(addr).await.expect("connect");
    let chunk = "y".repeat(60);
    let body = format!("3c\r\n{chunk}\r\n3c\r\n{chunk}\r\n0\r\n\r\n");
    chunked
        .write_all(
            format!("POST /x HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n{body}")
                .as_bytes(),
        )
        .await
        .expect("chunked");
    let answer = read_answer(&mut chunked).await.expect("answer");
    assert_eq!(status_of(&answer), 413, "{answer}");

    let mut at_limit = TcpStream::connect(addr).await.expect("connect");
    at_limit
        .write_all(request(&"z".repeat(100)).as_bytes())
        .await
        .expect("write");
    let answer = read_answer(&mut at_limit).await.expect("answer");
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains("got 100 bytes"), "{answer}");
    handle.shutdown().await;
}

#[tokio::test]
async fn beyond_the_cap_connections_wait_until_a_slot_is_freed() {
    let timeout = Duration::from_millis(400);
    let handle = serve(Limits {
        max_connections: 4,
        header_read_timeout: timeout,
        ..patient()
    })
    .await;
    let addr = handle.local_addr();
    let mut silent = Vec::new();
    for _ in 0..4 {
        silent.push(TcpStream::connect(addr).await.expect("connect"));
    }
    for _ in 0..200 {
        if handle.connections() == 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(handle.connections(), 4);
    let started = Instant::now();
    // Accepted by the kernel (backlog), served once a slot is free: when the
    // silent ones are cut by the header timeout.
    let (status, _) = normal_call(addr).await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= timeout / 2, "{:?}", started.elapsed());
    for mut stream in silent {
        assert_eq!(read_answer(&mut stream).await, None);
    }
    assert!(handle.connections() <= 4);
    handle.shutdown().await;
}

/// A thousand connections dribbling head or body bytes are held open while
/// a normal call on a new connection is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_slow_connections_do_not_starve_a_normal_call() {
    const SLOW: usize = 1000;
    let handle = serve(Limits {
        max_connections: SLOW + 24,
        ..patient()
    })
    .await;
    let addr = handle.local_addr();
    let (baseline_status, baseline) = normal_call(addr).await;
    assert_eq!(baseline_status, 200);

    let mut slow = Vec::with_capacity(SLOW);
    for i in 0..SLOW {
        let mut stream = match TcpStream::connect(addr).await {
            Ok(stream) => stream,
            Err(e) => {
                println!("skipped: only {i} connections could be opened ({e}); raise `ulimit -n`");
                return;
            }
        };
        let start: &[u8] = if i % 2 == 0 {
            b"POST /x HTTP/1.1\r\nHost: test\r\nX-Slow: "
        } else {
            b"POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\n"
        };
        stream.write_all(start).await.expect("start");
        slow.push(stream);
    }
    let dribbling = tokio::spawn(async move {
        for _ in 0..600 {
            for stream in &mut slow {
                let _ = stream.write_all(b"a").await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        slow
    });
    for _ in 0..1000 {
        if handle.connections() >= SLOW {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(handle.connections() >= SLOW, "{}", handle.connections());

    let mut loaded = Duration::ZERO;
    for _ in 0..5 {
        let (status, took) = normal_call(addr).await;
        assert_eq!(status, 200);
        loaded = loaded.max(took);
    }
    // Answered while every slow connection is still held (none was cut to
    // make room), well within the deadlines they run under.
    assert!(handle.connections() >= SLOW, "{}", handle.connections());
    assert!(!dribbling.is_finished());
    println!("normal call: {baseline:?} alone, at most {loaded:?} beside {SLOW} slow connections");
    dribbling.abort();
    let _ = dribbling.await;
    handle.shutdown().await;
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let handle = serve(patient()).await;
    let addr = handle.local_addr();
    let (status, _) = normal_call(addr).await;
    assert_eq!(status, 200);
    let mut idle = TcpStream::connect(addr).await.expect("connect");
    idle.write_all(b"POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n")
        .await
        .expect("write");
    let mut first = vec![0u8; 4096];
    let n = idle.read(&mut first).await.expect("answer");
    assert_eq!(status_of(&String::from_utf8_lossy(&first[..n])), 200);

    drop(handle);
    let mut refused = false;
    for _ in 0..200 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(refused, "still accepting after the handle was dropped");
    // The idle keep-alive connection is closed too.
    assert_eq!(read_answer(&mut idle).await, None);
}
