//! A custom in-memory `Transport` under `Client`, builder validation, and
//! `Debug` output that never shows a password.

use crate::handwritten;
use crate::server_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use handwritten::msg::GetOrder;
use handwritten::shop::{ShopServiceClient, ShopServiceServer};
use handwritten::types::Id;
use http_body_util::{BodyExt, Full};
use server_support::{order, Shop, MISSING, SHOP_PATH};
use soap_runtime::client::BuildError;
use soap_runtime::rt;
use soap_runtime::server::Router;
use soap_runtime::transport::{Transport, TransportError, TransportRequest, TransportResponse};
use soap_runtime::{Client, ClientBuilder, Credentials, Diagnostic, Error};

/// Hands requests straight to a `Router`, no sockets; remembers them.
struct InMemory {
    router: Router,
    requests: Mutex<Vec<TransportRequest>>,
}

impl Transport for InMemory {
    fn send(
        &self,
        request: TransportRequest,
    ) -> rt::BoxFuture<'_, Result<TransportResponse, TransportError>> {
        Box::pin(async move {
            if let Ok(mut seen) = self.requests.lock() {
                seen.push(request.clone());
            }
            let mut http_request = http::Request::new(Full::new(request.body));
            *http_request.method_mut() = http::Method::POST;
            *http_request.uri_mut() = request.endpoint;
            *http_request.headers_mut() = request.headers;
            let (parts, body) = self.router.serve_http(http_request).await.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| TransportError::Other(Box::new(e)))?;
            Ok(TransportResponse {
                status: parts.status,
                headers: parts.headers,
                body: body.to_bytes(),
            })
        })
    }
}

/// Answers every request with the same status and body.
struct Canned(http::StatusCode, &'static str);

impl Transport for Canned {
    fn send(
        &self,
        _request: TransportRequest,
    ) -> rt::BoxFuture<'_, Result<TransportResponse, TransportError>> {
        let response = TransportResponse::new(self.0, Bytes::from_static(self.1.as_bytes()));
        Box::pin(async move { Ok(response) })
    }
}

/// Never answers.
struct Silent;

impl Transport for Silent {
    fn send(
        &self,
        _request: TransportRequest,
    ) -> rt::BoxFuture<'_, Result<TransportResponse, TransportError>> {
        Box::pin(std::future::pending())
    }
}

fn in_memory() -> Arc<InMemory> {
    Arc::new(InMemory {
        router: Router::new().mount(SHOP_PATH, ShopServiceServer::new(Shop)),
        requests: Mutex::new(Vec::new()),
    })
}

fn get(id: &str) -> GetOrder {
    GetOrder {
        order_id: Id::new(id).expect("valid id"),
    }
}

#[tokio::test]
async fn a_custom_transport_carries_calls_and_faults() {
    let transport = in_memory();
    let client = ShopServiceClient::new(
        ClientBuilder::new(format!("http://in-memory{SHOP_PATH}"))
            .basic_auth("shop-user", "hunter2-secret")
            .build_with_transport(transport.clone())
            .expect("client"),
    );

    assert_eq!(
        client.get_order(&get("o-1")).await.expect("call"),
        order("o-1")
    );
    let err = client.get_order(&get(MISSING)).await.expect_err("fault");
    assert_eq!(err.user_message(), "The order does not exist.");

    let requests = transport.requests.lock().expect("lock").clone();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].soap_action(), Some("\"urn:getOrder\""));
    assert_eq!(requests[0].endpoint.path(), SHOP_PATH);
    assert_eq!(requests[0].max_response_bytes, 16 * 1024 * 1024);
    let authorization = requests[0]
        .headers
        .get("authorization")
        .expect("basic auth");
    assert!(authorization.is_sensitive());
    let shown = format!("{:?}", requests[0]);
    let token = base64::engine::general_purpose::STANDARD.encode("shop-user:hunter2-secret");
    assert!(
        !shown.contains(&token) && !shown.contains("hunter2"),
        "{shown}"
    );
    let body = std::str::from_utf8(&requests[0].body).expect("UTF-8");
    assert!(body.contains("getOrder") && body.contains("o-1"), "{body}");
}

#[tokio::test]
async fn the_call_timeout_covers_the_transport() {
    let client = ShopServiceClient::new(
        ClientBuilder::new("http://in-memory/shop")
            .timeout(Duration::from_millis(50))
            .build_with_transport(Silent)
            .expect("client"),
    );
    let err = client.get_order(&get("o-1")).await.expect_err("timeout");
    assert!(err.is_timeout(), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_fault_is_read_whatever_the_status() {
    const FAULT: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
        <faultcode>s:Server</faultcode><faultstring>NullPointerException at Foo.java:12</faultstring>
        <detail><m:shopError xmlns:m="urn:example:shop:msg"><code>7</code><userMessage>Try later.</userMessage></m:shopError></detail>
        </s:Fault></s:Body></s:Envelope>"#;
    for status in [
        http::StatusCode::INTERNAL_SERVER_ERROR,
        http::StatusCode::OK,
        http::StatusCode::BAD_REQUEST,
    ] {
        let client = ShopServiceClient::new(
            Client::with_transport("http://in-memory/shop", Canned(status, FAULT)).expect("client"),
        );
        let err = client.get_order(&get("o-1")).await.expect_err("fault");
        assert_eq!(err.to_string(), "Try later.", "status {status}");
        assert_eq!(
            err.fault().map(|f| f.faultstring()),
            Some("NullPointerException at Foo.java:12")
        );
    }
}

/// What the diagnostics hook saw: the operation name and its diagnostics.
type Reported = (String, Vec<Diagnostic>);

#[tokio::test]
async fn diagnostics_reach_the_hook() {
    const LENIENT: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
        <m:getOrderResponse xmlns:m="urn:example:shop:msg"><return><id>o-1</id><total>1.00</total>
        <created>2024-01-01T00:00:00Z</created><surprise>new field</surprise></return></m:getOrderResponse>
        </s:Body></s:Envelope>"#;
    let seen: Arc<Mutex<Vec<Reported>>> = Arc::default();
    let sink = seen.clone();
    let client = ShopServiceClient::new(
        ClientBuilder::new("http://in-memory/shop")
            .on_diagnostics(Arc::new(
                move |op: &rt::Operation, diagnostics: &[Diagnostic]| {
                    if let Ok(mut seen) = sink.lock() {
                        seen.push((op.name.to_owned(), diagnostics.to_vec()));
                    }
                },
            ))
            .build_with_transport(Canned(http::StatusCode::OK, LENIENT))
            .expect("client"),
    );
    let got = client.get_order(&get("o-1")).await.expect("lenient decode");
    assert_eq!(got.id.as_str(), "o-1");
    let seen = seen.lock().expect("lock");
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, "getOrder");
    assert!(!seen[0].1.is_empty());
}

#[test]
fn debug_never_shows_the_password() {
    let credentials = Credentials::new("shop-user", "hunter2-secret");
    let shown = format!("{credentials:?}");
    assert!(
        shown.contains("shop-user") && !shown.contains("hunter2"),
        "{shown}"
    );

    let builder = ClientBuilder::new("https://url-user:url-secret@example.invalid/ws")
        .basic_auth("shop-user", "hunter2-secret");
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains("hunter2") && !shown.contains("url-secret"),
        "{shown}"
    );

    let client = builder.build_with_transport(Silent).expect("client");
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("hunter2") && !shown.contains("url-secret"),
        "{shown}"
    );
    assert_eq!(client.endpoint().to_string(), "https://example.invalid/ws");
    assert_eq!(
        client.credentials().map(Credentials::password),
        Some("hunter2-secret")
    );

    let from_url = ClientBuilder::new("https://url-user:url-secret@example.invalid/ws")
        .build_with_transport(Silent)
        .expect("client");
    assert_eq!(
        from_url.credentials().map(Credentials::user),
        Some("url-user")
    );
    assert!(!format!("{from_url:?}").contains("url-secret"));
}

#[test]
fn bad_endpoints_are_build_errors() {
    let err = ClientBuilder::new("ftp://example.invalid/ws")
        .build()
        .expect_err("scheme");
    assert!(
        matches!(err, BuildError::UnsupportedScheme { ref scheme } if scheme == "ftp"),
        "{err:?}"
    );

    let err = ClientBuilder::new("no url at all")
        .build()
        .expect_err("url");
    assert!(matches!(err, BuildError::InvalidUrl { .. }), "{err:?}");

    let err = ClientBuilder::new("https://u:secret@/")
        .build()
        .expect_err("url");
    assert!(!err.to_string().contains("secret"), "{err}");
}

#[tokio::test]
async fn client_errors_display_for_logs() {
    let client = ShopServiceClient::new(
        Client::with_transport(
            "http://in-memory/shop",
            Canned(http::StatusCode::SERVICE_UNAVAILABLE, ""),
        )
        .expect("client"),
    );
    let err = client.get_order(&get("o-1")).await.expect_err("503");
    assert!(matches!(err, Error::HttpStatus { .. }));
    assert_eq!(err.to_string(), "HTTP 503 Service Unavailable");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn strict_decoding_refuses_what_lenient_decoding_reports() {
    const NO_TOTAL: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
        <m:getOrderResponse xmlns:m="urn:example:shop:msg"><return><id>o-1</id>
        <created>2024-01-01T00:00:00Z</created></return></m:getOrderResponse></s:Body></s:Envelope>"#;
    let lenient = ShopServiceClient::new(
        Client::with_transport(
            "http://in-memory/shop",
            Canned(http::StatusCode::OK, NO_TOTAL),
        )
        .expect("client"),
    );
    let got = lenient.get_order(&get("o-1")).await.expect("lenient");
    assert_eq!(got.total, rt::Decimal::ZERO);

    let strict = ShopServiceClient::new(
        ClientBuilder::new("http://in-memory/shop")
            .strict(true)
            .build_with_transport(Canned(http::StatusCode::OK, NO_TOTAL))
            .expect("client"),
    );
    assert!(strict.inner().is_strict());
    let err = strict.get_order(&get("o-1")).await.expect_err("strict");
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert!(err.to_string().contains("total"), "{err}");
}

#[test]
fn calls_and_errors_fit_in_tasks_and_error_chains() {
    fn send<T: Send>(_: &T) {}
    fn error<E: std::error::Error + Send + Sync + 'static>() {}

    error::<Error<handwritten::shop::GetOrderFault>>();
    error::<Error<soap_runtime::NoFault>>();
    let client = ShopServiceClient::new(
        Client::with_transport("http://in-memory/shop", Silent).expect("client"),
    );
    let request = get("o-1");
    let call = client.get_order(&request);
    send(&call);
    let http = ShopServiceClient::new(Client::new("http://127.0.0.1:1/shop").expect("client"));
    send(&http.get_order(&request));
    let clone = http.clone();
    assert_eq!(clone.inner().endpoint(), http.inner().endpoint());
}
