//! The `soap_call` span and its events, captured by a small `Layer`: the
//! fields are there, and no credential or redacted value ever is.

use crate::handwritten;
use crate::server_support;

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use handwritten::msg::GetOrder;
use handwritten::shop::ShopServiceClient;
use handwritten::types::Id;
use server_support::{raw_server, ShopServer, MISSING, SHOP_PATH};
use soap_runtime::{ClientBuilder, Error};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id as SpanId, Record};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

const USER: &str = "shop-user";
const PASSWORD: &str = "pa55/w#rd";
/// Sent in `orderId`, which the tests configure as a redacted element.
const ORDER_ID: &str = "secret-order-4711";

/// What was logged: every span's fields by span name, and every event.
#[derive(Default)]
struct Captured {
    spans: Vec<(String, BTreeMap<String, String>)>,
    events: Vec<(Level, BTreeMap<String, String>)>,
}

impl Captured {
    fn span(&self, name: &str) -> &BTreeMap<String, String> {
        &self
            .spans
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no span {name}"))
            .1
    }

    fn event(&self, message: &str) -> Option<&(Level, BTreeMap<String, String>)> {
        self.events
            .iter()
            .find(|(_, f)| f.get("message").map(String::as_str) == Some(message))
    }

    /// Everything logged, as one text.
    fn all_text(&self) -> String {
        let spans = self.spans.iter().flat_map(|(_, f)| f.iter());
        let events = self.events.iter().flat_map(|(_, f)| f.iter());
        spans
            .chain(events)
            .map(|(k, v)| format!("{k}={v}\n"))
            .collect()
    }
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Captured>>);

/// The index of a span in `Captured::spans`, kept in the span's extensions.
struct Slot(usize);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &SpanId, ctx: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        attrs.record(&mut Fields(&mut fields));
        let mut captured = self.0.lock().unwrap();
        captured
            .spans
            .push((attrs.metadata().name().to_owned(), fields));
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(Slot(captured.spans.len() - 1));
        }
    }

    fn on_record(&self, id: &SpanId, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let Some(slot) = span.extensions().get::<Slot>().map(|s| s.0) else {
            return;
        };
        let mut captured = self.0.lock().unwrap();
        values.record(&mut Fields(&mut captured.spans[slot].1));
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0
            .lock()
            .unwrap()
            .events
            .push((*event.metadata().level(), fields));
    }
}

/// Runs `f` with every span and event captured (this thread only).
async fn captured<F: std::future::Future<Output = ()>>(f: F) -> Captured {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    {
        let _guard = tracing::subscriber::set_default(subscriber);
        f.await;
    }
    let taken = std::mem::take(&mut *capture.0.lock().unwrap());
    taken
}

fn get(id: &str) -> GetOrder {
    GetOrder {
        order_id: Id::new(id).expect("valid id"),
    }
}

fn basic_token() -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"))
}

fn assert_no_secret(text: &str) {
    for secret in [PASSWORD, &basic_token(), ORDER_ID] {
        assert!(!text.contains(secret), "{secret} logged in:\n{text}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_call_logs_its_span_and_bodies_without_secrets() {
    let server = ShopServer::start(Some(format!("Basic {}", basic_token()))).await;
    let endpoint = server
        .endpoint()
        .replacen("http://", "http://shop-user:pa55%2Fw%23rd@", 1);
    let client = ShopServiceClient::new(
        ClientBuilder::new(endpoint)
            .redact_element("orderId")
            .build()
            .unwrap(),
    );

    let log = captured(async {
        client.get_order(&get(ORDER_ID)).await.unwrap();
    })
    .await;

    let span = log.span("soap_call");
    assert_eq!(span["operation"], "getOrder");
    assert_eq!(span["soap_action"], "urn:getOrder");
    assert_eq!(span["endpoint"], server.endpoint());
    assert_eq!(span["http_status"], "200");
    assert_eq!(span["diagnostics"], "0");
    assert_eq!(span["outcome"], "ok");
    assert!(span["duration_ms"].parse::<f64>().unwrap() > 0.0);
    assert!(!span.contains_key("fault_code"));
    let (level, _) = log.event("soap call succeeded").expect("end event");
    assert_eq!(*level, Level::DEBUG);

    let (_, request) = log.event("soap request").expect("request at TRACE");
    assert!(
        request["body"].contains("<orderId>***</orderId>"),
        "{request:?}"
    );
    assert!(
        request["headers"].contains("authorization: <redacted>"),
        "{request:?}"
    );
    assert!(request["headers"].contains("soapaction: \"urn:getOrder\""));
    let (_, response) = log.event("soap response").expect("response at TRACE");
    assert!(
        response["body"].contains("<id>***</id>") || response["body"].contains("getOrderResponse")
    );
    assert!(!response["body"].contains(ORDER_ID), "{response:?}");
    assert_no_secret(&log.all_text());
    server.handle.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_fault_is_logged_with_its_code() {
    let server = ShopServer::start(None).await;
    let client = ShopServiceClient::new(ClientBuilder::new(server.endpoint()).build().unwrap());

    let log = captured(async {
        client.get_order(&get(MISSING)).await.unwrap_err();
    })
    .await;

    let span = log.span("soap_call");
    assert_eq!(span["fault_code"], "Server");
    assert_eq!(span["http_status"], "500");
    assert_eq!(span["outcome"], "fault");
    let (level, failed) = log.event("soap call failed").expect("end event");
    assert_eq!(*level, Level::INFO);
    assert!(
        failed["error"].contains("The order does not exist."),
        "{failed:?}"
    );
    server.handle.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn secrets_echoed_by_a_server_are_masked_in_errors_and_logs() {
    let page: &'static str = Box::leak(
        format!(
            "<html>denied for {USER}:{PASSWORD} (Authorization: Basic {}), order {ORDER_ID}</html>",
            basic_token()
        )
        .into_boxed_str(),
    );
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        )
        .into_boxed_str(),
    );
    let addr = raw_server(Some(response)).await;
    let client = ShopServiceClient::new(
        ClientBuilder::new(format!("http://{addr}{SHOP_PATH}"))
            .basic_auth(USER, PASSWORD)
            .redact_element("orderId")
            .build()
            .unwrap(),
    );

    let mut error = None;
    let log = captured(async {
        error = Some(client.get_order(&get(ORDER_ID)).await.unwrap_err());
    })
    .await;

    let error = error.unwrap();
    let Error::HttpStatus { snippet, .. } = &error else {
        panic!("expected HttpStatus, got {error:?}");
    };
    assert_eq!(
        snippet,
        "<html>denied for shop-user:*** (Authorization: Basic ***), order ***</html>"
    );
    assert_no_secret(&error.to_string());
    assert_no_secret(&format!("{error:?}"));
    assert_eq!(log.span("soap_call")["http_status"], "403");
    assert_no_secret(&log.all_text());
}

#[tokio::test(flavor = "current_thread")]
async fn secrets_echoed_in_a_fault_are_masked() {
    let envelope = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>\
         <faultcode>s:Client</faultcode><faultstring>bad password {PASSWORD} for order {ORDER_ID}</faultstring>\
         <faultactor>{USER}:{PASSWORD}</faultactor><detail><echo xmlns=\"urn:other\">{}</echo></detail>\
         </s:Fault></s:Body></s:Envelope>",
        basic_token()
    );
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{envelope}",
            envelope.len()
        )
        .into_boxed_str(),
    );
    let addr = raw_server(Some(response)).await;
    let client = ShopServiceClient::new(
        ClientBuilder::new(format!("http://{addr}{SHOP_PATH}"))
            .basic_auth(USER, PASSWORD)
            .redact_element("orderId")
            .build()
            .unwrap(),
    );

    let error = client.get_order(&get(ORDER_ID)).await.unwrap_err();
    let fault = error.fault().expect("a fault");
    assert_eq!(fault.string, "bad password *** for order ***");
    assert_eq!(fault.actor.as_deref(), Some("shop-user:***"));
    let raw = &fault.raw_detail.as_ref().expect("raw detail").0;
    assert!(raw.contains(">***</echo>"), "{raw}");
    assert_no_secret(&format!("{error:?}"));
}

#[tokio::test(flavor = "current_thread")]
async fn secrets_echoed_in_an_undecodable_value_are_masked() {
    let envelope = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <m:getOrderResponse xmlns:m=\"urn:example:shop:msg\"><return><id>o-1</id>\
         <total>{PASSWORD}</total></return></m:getOrderResponse></s:Body></s:Envelope>"
    );
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{envelope}",
            envelope.len()
        )
        .into_boxed_str(),
    );
    let addr = raw_server(Some(response)).await;
    let client = ShopServiceClient::new(
        ClientBuilder::new(format!("http://{addr}{SHOP_PATH}"))
            .basic_auth(USER, PASSWORD)
            .build()
            .unwrap(),
    );

    let log = captured(async {
        let error = client.get_order(&get("o-1")).await.unwrap_err();
        let text = error.to_string();
        assert!(text.contains("'***' is not a valid decimal"), "{text}");
        assert_no_secret(&format!("{text} {error:?}"));
    })
    .await;
    assert_no_secret(&log.all_text());
}
