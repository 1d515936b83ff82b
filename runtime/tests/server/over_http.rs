//! The server's HTTP behaviour: methods, paths, limits, malformed bodies,
//! routing, shutdown. Requests are sent with `HttpTransport` on loopback.

use crate::handwritten;
use crate::server_support;

use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, StatusCode};
use server_support::{Shop, ShopServer, SHOP_PATH};
use soap_runtime::rt;
use soap_runtime::server::{Dispatch, Request, Response, Router, Server};
use soap_runtime::transport::{
    HttpTransport, HttpTransportOptions, Transport, TransportError, TransportRequest,
    TransportResponse,
};
use tokio::sync::Notify;

const GET_ORDER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:example:shop:msg">
  <soapenv:Header/>
  <soapenv:Body><m:getOrder><orderId>o-7</orderId><unknownExtra>1</unknownExtra></m:getOrder></soapenv:Body>
</soapenv:Envelope>"#;

async fn post(
    url: &str,
    body: impl Into<Bytes>,
    action: Option<&str>,
) -> Result<TransportResponse, TransportError> {
    let mut headers = HeaderMap::new();
    headers.insert(
        "content-type",
        HeaderValue::from_static("text/xml; charset=utf-8"),
    );
    if let Some(action) = action {
        headers.insert("soapaction", HeaderValue::from_str(action).expect("header"));
    }
    transport()
        .send(TransportRequest {
            endpoint: url.parse().expect("uri"),
            headers,
            body: body.into(),
            max_response_bytes: 1 << 20,
        })
        .await
}

fn transport() -> HttpTransport {
    HttpTransport::new(&HttpTransportOptions::default()).expect("transport")
}

fn text(response: &TransportResponse) -> &str {
    std::str::from_utf8(&response.body).expect("UTF-8 body")
}

#[tokio::test]
async fn a_hand_written_envelope_is_routed_by_its_body_element() {
    let server = ShopServer::start(None).await;
    let response = post(&server.endpoint(), GET_ORDER, None)
        .await
        .expect("sent");
    assert_eq!(response.status, StatusCode::OK, "{}", text(&response));
    assert_eq!(response.content_type(), Some("text/xml; charset=utf-8"));
    assert!(text(&response).contains("getOrderResponse"));
    assert!(text(&response).contains("o-7"));
    server.handle.shutdown().await;
}

#[tokio::test]
async fn a_mismatching_soap_action_is_tolerated() {
    let server = ShopServer::start(None).await;
    let response = post(&server.endpoint(), GET_ORDER, Some("\"urn:somethingElse\""))
        .await
        .expect("sent");
    assert_eq!(response.status, StatusCode::OK, "{}", text(&response));
    server.handle.shutdown().await;
}

#[tokio::test]
async fn malformed_xml_is_a_client_fault_with_the_position() {
    let server = ShopServer::start(None).await;
    let envelope =
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n";
    let bodies = [
        // Broken before the operation element: routing fails.
        format!("{envelope}<soapenv:Body <m:getOrder/>"),
        // Broken inside the operation element: decoding fails.
        format!(
            "{envelope}<soapenv:Body><m:getOrder xmlns:m=\"urn:example:shop:msg\"><orderId>1</orderId></m:getOrdr></soapenv:Body></soapenv:Envelope>"
        ),
    ];
    for body in bodies {
        let response = post(&server.endpoint(), body, None).await.expect("sent");
        assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
        let text = text(&response);
        assert!(
            text.contains("<faultcode>soapenv:Client</faultcode>"),
            "{text}"
        );
        assert!(text.contains("line 2"), "{text}");
    }
    assert_eq!(
        server.seen().len(),
        1,
        "only the routable request reaches the service"
    );
    server.handle.shutdown().await;
}

#[tokio::test]
async fn an_unknown_body_element_is_a_client_fault() {
    let server = ShopServer::start(None).await;
    let body = GET_ORDER.replace("getOrder>", "getInvoice>");
    let response = post(&server.endpoint(), body, None).await.expect("sent");
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    let text = text(&response);
    assert!(
        text.contains("Client") && text.contains("getInvoice"),
        "{text}"
    );
    server.handle.shutdown().await;
}

#[tokio::test]
async fn an_unknown_path_is_404() {
    let server = ShopServer::start(None).await;
    let response = post(
        &format!("{}/elsewhere", server.handle.url()),
        GET_ORDER,
        None,
    )
    .await
    .expect("sent");
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    server.handle.shutdown().await;
}

#[tokio::test]
async fn other_methods_are_405() {
    let server = ShopServer::start(None).await;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<Bytes>>();
    let response = client
        .get(server.endpoint().parse().expect("uri"))
        .await
        .expect("GET answered");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        response.headers().get("allow").map(|v| v.as_bytes()),
        Some(&b"POST"[..])
    );
    server.handle.shutdown().await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let server = ShopServer::start_with(None, |router| router.max_request_bytes(256)).await;
    let big = GET_ORDER.replace("o-7", &"o".repeat(1000));
    let response = post(&server.endpoint(), big, None).await.expect("sent");
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    server.handle.shutdown().await;
}

#[tokio::test]
async fn after_shutdown_connections_are_refused() {
    let server = ShopServer::start(None).await;
    let endpoint = server.endpoint();
    post(&endpoint, GET_ORDER, None)
        .await
        .expect("served before shutdown");
    server.handle.shutdown().await;
    let err = post(&endpoint, GET_ORDER, None)
        .await
        .expect_err("refused after shutdown");
    assert!(matches!(err, TransportError::Connect { .. }), "{err:?}");
}

#[tokio::test]
async fn binding_a_taken_address_names_it() {
    let server = ShopServer::start(None).await;
    let taken = server.handle.local_addr();
    let err = Server::bind(taken).await.expect_err("address in use");
    assert!(err.to_string().contains(&taken.to_string()), "{err}");
    server.handle.shutdown().await;
}

#[test]
fn router_debug_lists_the_paths() {
    let router = Router::new().mount(SHOP_PATH, handwritten::shop::ShopServiceServer::new(Shop));
    assert!(format!("{router:?}").contains(SHOP_PATH));
}

/// Holds every request until released, and says when one has arrived.
struct Gate<D> {
    inner: D,
    arrived: Arc<Notify>,
    release: Arc<Notify>,
}

impl<D: Dispatch> Dispatch for Gate<D> {
    fn operations(&self) -> &'static [&'static rt::Operation] {
        self.inner.operations()
    }

    fn dispatch(&self, index: usize, request: Request) -> rt::BoxFuture<'_, Response> {
        Box::pin(async move {
            self.arrived.notify_one();
            self.release.notified().await;
            self.inner.dispatch(index, request).await
        })
    }
}

#[tokio::test]
async fn shutdown_lets_a_request_in_progress_finish() {
    let arrived = Arc::new(Notify::new());
    let release = Arc::new(Notify::new());
    let router = Router::new().mount(
        SHOP_PATH,
        Gate {
            inner: handwritten::shop::ShopServiceServer::new(Shop),
            arrived: arrived.clone(),
            release: release.clone(),
        },
    );
    let handle = Server::bind("127.0.0.1:0")
        .await
        .expect("bind loopback")
        .serve(router);
    let endpoint = format!("{}{SHOP_PATH}", handle.url());

    let call = tokio::spawn(async move { post(&endpoint, GET_ORDER, None).await });
    arrived.notified().await;
    let shutdown = tokio::spawn(handle.shutdown());
    release.notify_one();

    let response = call.await.expect("call task").expect("answered");
    assert_eq!(response.status, StatusCode::OK);
    shutdown.await.expect("shutdown completes");
}
