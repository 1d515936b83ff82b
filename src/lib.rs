//! Typed async client, business rules and an offline simulator for Resurs
//! Bank's After Shop Service API (SOAP).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[path = "generated_stub.rs"]
mod generated;
pub use generated::*;

pub mod error_type;
pub mod rules;
pub use error_type::ErrorType;
pub mod simulator;
