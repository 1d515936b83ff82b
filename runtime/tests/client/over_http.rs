//! The generated client over `HttpTransport` against the runtime's server
//! (and raw TCP fakes) on loopback.

use crate::handwritten;
use crate::server_support;

use std::time::Duration;

use base64::Engine as _;
use handwritten::msg::{CancelOrder, GetOrder};
use handwritten::shop::{GetOrderFault, ShopServiceClient};
use handwritten::types::Id;
use server_support::{order, raw_server, OnlyCancel, Shop, ShopServer, BIG, MISSING, SHOP_PATH};
use soap_runtime::client::TimeoutPhase;
use soap_runtime::rt;
use soap_runtime::server::Router;
use soap_runtime::transport::TransportError;
use soap_runtime::{ClientBuilder, Error};

fn get(id: &str) -> GetOrder {
    GetOrder {
        order_id: Id::new(id).expect("valid id"),
    }
}

fn shop_client(builder: ClientBuilder) -> ShopServiceClient {
    ShopServiceClient::new(builder.build().expect("client builds"))
}

#[tokio::test]
async fn a_call_returns_the_decoded_response() {
    let server = ShopServer::start(None).await;
    let client = shop_client(ClientBuilder::new(server.endpoint()));

    let got = client.get_order(&get("o-1")).await.expect("call succeeds");
    assert_eq!(got, order("o-1"));
    client
        .cancel_order(&CancelOrder {
            order_id: Id::new("o-1").expect("valid id"),
        })
        .await
        .expect("cancel succeeds");
    // A second call on the same client reuses the pool.
    assert_eq!(
        client
            .get_order(&get("o-2"))
            .await
            .expect("call succeeds")
            .id
            .as_str(),
        "o-2"
    );
    server.handle.shutdown().await;
}

#[tokio::test]
async fn a_typed_fault_shows_the_user_message_not_the_faultstring() {
    let server = ShopServer::start(None).await;
    let client = shop_client(ClientBuilder::new(server.endpoint()));

    let err = client.get_order(&get(MISSING)).await.expect_err("a fault");
    assert!(err.is_fault());
    let fault = err.fault().expect("fault");
    match &fault.detail {
        Some(GetOrderFault::ShopErrorException(detail)) => {
            assert_eq!(detail.code, 404);
            assert_eq!(detail.user_message, "The order does not exist.");
        }
        other => panic!("expected a typed detail, got {other:?}"),
    }
    assert!(fault.string.contains("IllegalStateException"));
    assert_eq!(err.user_message(), "The order does not exist.");
    let shown = err.to_string();
    assert!(shown.contains("The order does not exist."), "{shown}");
    assert!(!shown.contains("IllegalStateException"), "{shown}");
    assert!(!err.is_retryable());
    server.handle.shutdown().await;
}

#[tokio::test]
async fn an_operation_the_service_lacks_is_a_client_fault() {
    let server = ShopServer::start_with(None, |router| {
        router.mount(
            "/only-cancel",
            OnlyCancel(handwritten::shop::ShopServiceServer::new(Shop)),
        )
    })
    .await;
    let client = shop_client(ClientBuilder::new(format!(
        "{}/only-cancel",
        server.handle.url()
    )));

    let err = client
        .get_order(&get("o-1"))
        .await
        .expect_err("unknown operation");
    let fault = err.fault().expect("a SOAP fault");
    assert_eq!(fault.code.local, "Client");
    assert!(fault.detail.is_none());
    assert!(fault.string.contains("getOrder"), "{}", fault.string);
    server.handle.shutdown().await;
}

#[tokio::test]
async fn a_wrong_path_is_http_404() {
    let server = ShopServer::start(None).await;
    let client = shop_client(ClientBuilder::new(format!(
        "{}/no/such/service",
        server.handle.url()
    )));

    match client.get_order(&get("o-1")).await {
        Err(Error::HttpStatus {
            status, snippet, ..
        }) => {
            assert_eq!(status, http::StatusCode::NOT_FOUND);
            assert!(snippet.contains("/no/such/service"), "{snippet}");
        }
        other => panic!("expected HttpStatus 404, got {other:?}"),
    }
    server.handle.shutdown().await;
}

#[tokio::test]
async fn an_html_502_from_a_proxy_is_http_status_with_a_snippet() {
    let page = format!(
        "<html><body><h1>502 Bad Gateway</h1>{}</body></html>",
        "x".repeat(2000)
    );
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        )
        .into_boxed_str(),
    );
    let addr = raw_server(Some(response)).await;
    let client = shop_client(ClientBuilder::new(format!("http://{addr}{SHOP_PATH}")));

    let err = client.get_order(&get("o-1")).await.expect_err("502");
    assert!(err.is_retryable());
    match err {
        Error::HttpStatus {
            status,
            content_type,
            snippet,
        } => {
            assert_eq!(status, http::StatusCode::BAD_GATEWAY);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert!(
                snippet.starts_with("<html><body><h1>502 Bad Gateway"),
                "{snippet}"
            );
            assert!(snippet.len() <= 512);
        }
        other => panic!("expected HttpStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn an_empty_502_is_http_status() {
    let addr = raw_server(Some(
        "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    ))
    .await;
    let client = shop_client(ClientBuilder::new(format!("http://{addr}{SHOP_PATH}")));

    match client.get_order(&get("o-1")).await {
        Err(Error::HttpStatus {
            status, snippet, ..
        }) => {
            assert_eq!(status, http::StatusCode::BAD_GATEWAY);
            assert!(snippet.is_empty());
        }
        other => panic!("expected HttpStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn a_200_that_is_not_xml_is_a_decode_error() {
    let addr = raw_server(Some(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\nConnection: close\r\n\r\n<html>hi</p>x",
    ))
    .await;
    let client = shop_client(ClientBuilder::new(format!("http://{addr}{SHOP_PATH}")));

    let err = client.get_order(&get("o-1")).await.expect_err("not XML");
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let addr = raw_server(None).await;
    let client = shop_client(
        ClientBuilder::new(format!("http://{addr}{SHOP_PATH}")).timeout(Duration::from_millis(200)),
    );

    match client.get_order(&get("o-1")).await {
        Err(Error::Timeout { phase, .. }) => assert_eq!(phase, TimeoutPhase::Call),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

/// A loopback listener whose accept queue is full: the kernel drops further SYNs, so
/// a connect to it hangs. `None` where this kernel completes such connects anyway.
async fn a_listener_that_never_accepts(
) -> Option<(tokio::net::TcpListener, Vec<tokio::net::TcpStream>)> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.bind("127.0.0.1:0".parse().ok()?).ok()?;
    let listener = socket.listen(0).ok()?;
    let addr = listener.local_addr().ok()?;
    let mut queued = Vec::new();
    for _ in 0..8 {
        let connect = tokio::net::TcpStream::connect(addr);
        match tokio::time::timeout(Duration::from_millis(300), connect).await {
            Ok(Ok(stream)) => queued.push(stream),
            Ok(Err(_)) => return None,
            Err(_) => return Some((listener, queued)),
        }
    }
    None
}

#[tokio::test]
async fn a_connect_that_hangs_is_a_connect_timeout() {
    let Some((listener, _queued)) = a_listener_that_never_accepts().await else {
        eprintln!("skipped: this kernel completes loopback connects to a full accept queue");
        return;
    };
    let addr = listener.local_addr().expect("addr");
    let endpoint = format!("http://{addr}{SHOP_PATH}");
    let client = shop_client(
        ClientBuilder::new(endpoint.clone())
            .connect_timeout(Duration::from_millis(200))
            .timeout(Duration::from_secs(60)),
    );

    let err = client.get_order(&get("o-1")).await.expect_err("hangs");
    match &err {
        Error::Timeout {
            phase,
            endpoint: at,
        } => {
            assert_eq!(*phase, TimeoutPhase::Connect);
            assert_eq!(at, &endpoint);
        }
        other => panic!("expected a connect timeout, got {other:?}"),
    }
    assert!(err.is_timeout() && err.is_retryable());
    assert_eq!(
        err.to_string(),
        format!("connecting timed out ({endpoint})")
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let client = shop_client(ClientBuilder::new(format!("http://{addr}{SHOP_PATH}")));

    let err = client.get_order(&get("o-1")).await.expect_err("refused");
    assert!(
        matches!(err, Error::Transport(TransportError::Connect { .. })),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert!(err.to_string().to_lowercase().contains("refused"), "{err}");

    let mut messages = Vec::new();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&err);
    while let Some(e) = cause {
        messages.push(e.to_string());
        cause = e.source();
    }
    for (i, message) in messages.iter().enumerate() {
        for later in &messages[i + 1..] {
            assert!(
                !message.contains(later.as_str()),
                "cause printed twice: {messages:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_a_transport_error() {
    let addr = raw_server(Some("")).await;
    let client = shop_client(ClientBuilder::new(format!("http://{addr}{SHOP_PATH}")));

    let err = client.get_order(&get("o-1")).await.expect_err("no answer");
    assert!(
        matches!(err, Error::Transport(TransportError::Io { .. })),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_response_over_the_limit_is_refused() {
    let server = ShopServer::start(None).await;
    let client = shop_client(ClientBuilder::new(server.endpoint()).max_response_bytes(4096));

    match client.get_order(&get(BIG)).await {
        Err(Error::ResponseTooLarge { limit }) => assert_eq!(limit, 4096),
        other => panic!("expected ResponseTooLarge, got {other:?}"),
    }
    // Small responses still fit.
    client.get_order(&get("o-1")).await.expect("small response");
    server.handle.shutdown().await;
}

#[tokio::test]
async fn basic_auth_reaches_the_server() {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("shop-user:s3cret pass")
    );
    let server = ShopServer::start(Some(expected.clone())).await;

    let authed =
        shop_client(ClientBuilder::new(server.endpoint()).basic_auth("shop-user", "s3cret pass"));
    authed
        .get_order(&get("o-1"))
        .await
        .expect("authorized call");

    let from_url = server
        .endpoint()
        .replacen("http://", "http://shop-user:s3cret%20pass@", 1);
    let authed_by_url = shop_client(ClientBuilder::new(from_url));
    authed_by_url
        .get_order(&get("o-1"))
        .await
        .expect("credentials from the URL");

    let anonymous = shop_client(ClientBuilder::new(server.endpoint()));
    match anonymous.get_order(&get("o-1")).await {
        Err(Error::HttpStatus { status, .. }) => assert_eq!(status, http::StatusCode::UNAUTHORIZED),
        other => panic!("expected 401, got {other:?}"),
    }
    let seen = server.seen();
    assert_eq!(
        seen[0].get("authorization").map(|v| v.as_bytes()),
        Some(expected.as_bytes())
    );
    server.handle.shutdown().await;
}

#[tokio::test]
async fn soap_headers_are_sent() {
    let server = ShopServer::start(None).await;
    let client = shop_client(ClientBuilder::new(server.endpoint()).user_agent("shop-test/1"));
    client.get_order(&get("o-1")).await.expect("call");
    client
        .cancel_order(&CancelOrder {
            order_id: Id::new("o-1").expect("valid id"),
        })
        .await
        .expect("cancel");

    let seen = server.seen();
    let header = |i: usize, name: &str| {
        seen[i]
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header(0, "soapaction").as_deref(), Some("\"urn:getOrder\""));
    assert_eq!(header(1, "soapaction").as_deref(), Some("\"\""));
    assert_eq!(
        header(0, "content-type").as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(header(0, "user-agent").as_deref(), Some("shop-test/1"));
    assert!(header(0, "authorization").is_none());
    server.handle.shutdown().await;
}

#[tokio::test]
async fn an_invalid_request_value_never_reaches_the_wire() {
    let server = ShopServer::start(None).await;
    let client = shop_client(ClientBuilder::new(server.endpoint()));
    // Lexically fine, but `!` is outside the pattern facet of `id`.
    let bad: Id = rt::SimpleType::parse_text("no!such").expect("lexically valid");

    let err = client
        .get_order(&GetOrder { order_id: bad })
        .await
        .expect_err("invalid");
    assert!(matches!(err, Error::Encode(_)), "{err:?}");
    assert!(server.seen().is_empty());
    server.handle.shutdown().await;
}

#[tokio::test]
async fn two_services_at_two_paths() {
    let server = ShopServer::start_with(None, |router: Router| {
        router.mount("/second", handwritten::shop::ShopServiceServer::new(Shop))
    })
    .await;
    let first = shop_client(ClientBuilder::new(server.endpoint()));
    let second = shop_client(ClientBuilder::new(format!(
        "{}/second/",
        server.handle.url()
    )));
    first.get_order(&get("a")).await.expect("first");
    second.get_order(&get("b")).await.expect("second");
    assert_eq!(server.seen().len(), 1);
    server.handle.shutdown().await;
}

/// A one-way operation: the request of `cancelOrder`, no response message.
static NOTIFY: rt::Operation = rt::Operation {
    name: "notify",
    soap_action: "urn:notify",
    version: rt::SoapVersion::V11,
    input: rt::Body::Element(rt::FieldName::qualified(
        "urn:example:shop:msg",
        "cancelOrder",
    )),
    output: None,
    input_headers: &[],
    output_headers: &[],
};

async fn notify(answer: &'static str) -> Result<(), Error<GetOrderFault>> {
    let addr = raw_server(Some(answer)).await;
    let client = ClientBuilder::new(format!("http://{addr}/"))
        .build()
        .expect("client builds");
    let request = CancelOrder {
        order_id: Id::new("o-1").expect("valid id"),
    };
    client.call::<_, (), _>(&NOTIFY, &request).await
}

#[tokio::test]
async fn a_one_way_call_completes_on_202_or_200_without_a_body() {
    notify("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .await
        .expect("202 without a body");
    notify("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .await
        .expect("200 without a body");
    notify("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 86\r\nConnection: close\r\n\r\n<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body/></S:Envelope>")
        .await
        .expect("200 with an empty Body");
    let garbage = notify(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
    )
    .await
    .expect_err("a body that is no envelope");
    assert!(matches!(garbage, Error::Decode(_)), "{garbage:?}");
}

#[tokio::test]
async fn a_fault_answering_a_one_way_call_is_decoded() {
    const FAULT: &str = "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>inbox full</faultstring></S:Fault></S:Body></S:Envelope>";
    let answer: &'static str = Box::leak(
        format!(
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{FAULT}",
            FAULT.len()
        )
        .into_boxed_str(),
    );
    let err = notify(answer).await.expect_err("a fault");
    let fault = err.fault().expect("decoded as a fault");
    assert_eq!(fault.string, "inbox full");
    assert_eq!(fault.code.local, "Server");
}
