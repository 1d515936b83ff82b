//! One `getOrder` call through the whole stack: generated client, envelope
//! encoding, HTTP/1.1 keep-alive over loopback, routing, server decoding and
//! encoding, client decoding; and the same call with its response decoded on
//! the blocking pool (the hand-over cost the blocking-decode threshold avoids
//! for small bodies).
// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

#[allow(dead_code)]
#[path = "../tests/handwritten/mod.rs"]
mod handwritten;

use criterion::{criterion_group, criterion_main, Criterion};
use handwritten::msg::{GetOrder, ShopError};
use handwritten::shop::{
    CancelOrderFault, GetOrderFault, ShopService, ShopServiceClient, ShopServiceServer,
};
use handwritten::types::{Id, Line, Order, OrderState};
use soap_runtime::rt;
use soap_runtime::server::{Router, Server};
use soap_runtime::ClientBuilder;

struct Shop;

impl ShopService for Shop {
    async fn get_order(&self, request: GetOrder) -> Result<Order, rt::Fault<GetOrderFault>> {
        let created = rt::SimpleType::parse_text("2024-05-06T07:08:09Z")
            .map_err(|_| rt::Fault::server("bad fixture"))?;
        Ok(Order {
            id: request.order_id,
            total: rt::Decimal::new(12345, 2),
            lines: (0..20)
                .map(|i| Line {
                    art_no: format!("A-{i}"),
                    quantity: rt::Decimal::new(i, 0),
                })
                .collect(),
            note: None,
            created,
            state: vec![OrderState::Open],
            version: Some(1),
        })
    }

    async fn cancel_order(
        &self,
        _request: handwritten::msg::CancelOrder,
    ) -> Result<(), rt::Fault<CancelOrderFault>> {
        Err(rt::Fault::server("not in this bench")
            .with_detail(CancelOrderFault::ShopErrorException(ShopError::default())))
    }
}

fn loopback_call(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let router = || Router::new().mount("/shop", ShopServiceServer::new(Shop));
    let handle = runtime.block_on(async {
        Server::bind("127.0.0.1:0")
            .await
            .expect("bind loopback")
            .serve(router())
    });
    let client = ShopServiceClient::new(
        ClientBuilder::new(format!("{}/shop", handle.url()))
            .build()
            .expect("client"),
    );
    let request = GetOrder {
        order_id: Id::new("order-1").expect("valid id"),
    };
    c.bench_function("getOrder over loopback (keep-alive)", |b| {
        b.iter(|| runtime.block_on(client.get_order(&request)).expect("call"))
    });
    // The same call with the (small) response handed to the blocking pool:
    // what a body above the blocking-decode threshold pays for leaving the worker.
    let handed_over = ShopServiceClient::new(
        ClientBuilder::new(format!("{}/shop", handle.url()))
            .blocking_decode_threshold(0)
            .build()
            .expect("client"),
    );
    c.bench_function(
        "getOrder over loopback, decoded on the blocking pool",
        |b| {
            b.iter(|| {
                runtime
                    .block_on(handed_over.get_order(&request))
                    .expect("call")
            })
        },
    );
    runtime.block_on(handle.shutdown());
}

criterion_group!(benches, loopback_call);
criterion_main!(benches);
