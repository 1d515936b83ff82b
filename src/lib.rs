//! Typed async client, business rules and an offline simulator for Resurs
//! Bank's After Shop Service API (SOAP).
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/resurs.rs"));
}
pub use generated::*;

mod client;
pub use client::{
    AfterShopClient, Builder, Environment, ShopFlowClient, PRODUCTION_AFTER_SHOP_ENDPOINT,
    PRODUCTION_SHOP_FLOW_ENDPOINT, TEST_AFTER_SHOP_ENDPOINT, TEST_SHOP_FLOW_ENDPOINT,
};

pub mod decode;
pub mod error_type;
mod fault;
pub use fault::{ecommerce_error, ResursFault};
pub mod reconcile;
pub mod rules;
pub use error_type::ErrorType;
#[cfg(feature = "simulator")]
pub mod simulator;
