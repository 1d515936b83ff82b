//! Shared by the client/server tests: a `ShopService` implementation, a
//! header-recording (and optionally auth-checking) wrapper, servers on
//! loopback and raw TCP fakes.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http::{HeaderMap, StatusCode};
use soap_runtime::rt;
use soap_runtime::server::{Dispatch, Request, Response, Router, Server, ServerHandle};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::handwritten::msg::{CancelOrder, GetOrder, ShopError};
use crate::handwritten::shop::{CancelOrderFault, GetOrderFault, ShopService, ShopServiceServer};
use crate::handwritten::types::{Id, Line, Order, OrderState};

/// The path the shop is mounted at.
pub const SHOP_PATH: &str = "/ecommerce-test/ws/V4/ShopService";

/// The order id the shop answers with a typed fault.
pub const MISSING: &str = "missing";
/// The order id the shop answers with a large order (a long note).
pub const BIG: &str = "big";

/// A shop with one known order.
pub struct Shop;

pub fn order(id: &str) -> Order {
    Order {
        id: Id::new(id).expect("valid id"),
        total: rt::Decimal::new(12345, 2),
        lines: vec![Line {
            art_no: "A-1".to_owned(),
            quantity: rt::Decimal::new(2, 0),
        }],
        note: None,
        created: rt::SimpleType::parse_text("2024-05-06T07:08:09Z").expect("valid dateTime"),
        state: vec![OrderState::Open],
        version: Some(3),
    }
}

pub fn shop_error(code: i32, user_message: &str) -> ShopError {
    ShopError {
        code,
        user_message: user_message.to_owned(),
    }
}

/// A SOAP `Server` fault carrying `detail`, with a technical faultstring.
pub fn fault<F>(detail: F, faultstring: &str) -> rt::Fault<F> {
    rt::Fault::server(faultstring).with_detail(detail)
}

impl ShopService for Shop {
    async fn get_order(&self, request: GetOrder) -> Result<Order, rt::Fault<GetOrderFault>> {
        match request.order_id.as_str() {
            MISSING => Err(fault(
                GetOrderFault::ShopErrorException(shop_error(404, "The order does not exist.")),
                "java.lang.IllegalStateException: order lookup failed in OrderDao",
            )),
            BIG => Ok(Order {
                note: Some(rt::Nillable::Value("x".repeat(64 * 1024))),
                ..order(BIG)
            }),
            id => Ok(order(id)),
        }
    }

    async fn cancel_order(&self, request: CancelOrder) -> Result<(), rt::Fault<CancelOrderFault>> {
        match request.order_id.as_str() {
            MISSING => Err(fault(
                CancelOrderFault::ShopErrorException(shop_error(404, "The order does not exist.")),
                "no such order",
            )),
            _ => Ok(()),
        }
    }
}

/// Records the headers of every request and, when `basic` is set, answers
/// 401 to requests without exactly that `Authorization` header.
pub struct Guarded<D> {
    pub inner: D,
    pub basic: Option<String>,
    pub seen: Arc<Mutex<Vec<HeaderMap>>>,
}

impl<D: Dispatch> Dispatch for Guarded<D> {
    fn operations(&self) -> &'static [&'static rt::Operation] {
        self.inner.operations()
    }

    fn dispatch(&self, index: usize, request: Request) -> rt::BoxFuture<'_, Response> {
        if let Ok(mut seen) = self.seen.lock() {
            seen.push(request.headers().clone());
        }
        let authorized = match &self.basic {
            None => true,
            Some(expected) => request
                .headers()
                .get(http::header::AUTHORIZATION)
                .is_some_and(|v| v.as_bytes() == expected.as_bytes()),
        };
        if authorized {
            self.inner.dispatch(index, request)
        } else {
            Box::pin(async {
                Response::text(StatusCode::UNAUTHORIZED, "authentication required\n")
            })
        }
    }
}

/// Serves only `cancelOrder` of the shop (so `getOrder` is unknown to it).
pub struct OnlyCancel(pub ShopServiceServer<Shop>);

static ONLY_CANCEL: [&rt::Operation; 1] = [&crate::handwritten::shop::CANCEL_ORDER];

impl Dispatch for OnlyCancel {
    fn operations(&self) -> &'static [&'static rt::Operation] {
        &ONLY_CANCEL
    }

    fn dispatch(&self, _index: usize, request: Request) -> rt::BoxFuture<'_, Response> {
        // Index 1 of the full service is cancelOrder.
        self.0.dispatch(1, request)
    }
}

/// A shop server on loopback, with its header log.
pub struct ShopServer {
    pub handle: ServerHandle,
    pub seen: Arc<Mutex<Vec<HeaderMap>>>,
}

impl ShopServer {
    pub async fn start(basic: Option<String>) -> Self {
        Self::start_with(basic, |router| router).await
    }

    pub async fn start_with(basic: Option<String>, extra: impl FnOnce(Router) -> Router) -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let guarded = Guarded {
            inner: ShopServiceServer::new(Shop),
            basic,
            seen: seen.clone(),
        };
        let router = extra(Router::new().mount(SHOP_PATH, guarded));
        let handle = Server::bind("127.0.0.1:0")
            .await
            .expect("bind loopback")
            .serve(router);
        Self { handle, seen }
    }

    pub fn endpoint(&self) -> String {
        format!("{}{SHOP_PATH}", self.handle.url())
    }

    pub fn seen(&self) -> Vec<HeaderMap> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// A raw TCP server on loopback that reads a request head and answers
/// `response` verbatim (or, with `None`, never answers), for every connection.
pub async fn raw_server(response: Option<&'static str>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = stream.read(&mut buf).await;
                match response {
                    Some(text) => {
                        let _ = stream.write_all(text.as_bytes()).await;
                        let _ = stream.shutdown().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            });
        }
    });
    addr
}
