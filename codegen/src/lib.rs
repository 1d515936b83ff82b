//! Generates Rust from WSDL 1.1 + XSD: types, async SOAP 1.1 and 1.2 clients and
//! server traits that call `soap-runtime`.
//!
//! The pipeline is staged; every stage is public and testable on its own:
//! [`parse`] → [`resolve`] → [`model`] → [`emit`] → [`format`](mod@format). [`Config`]
//! runs all of them (for `build.rs`), and the `soapgen` command wraps it.
#![forbid(unsafe_code)]

mod config;
pub mod emit;
mod error;
pub mod errors;
pub mod format;
pub mod model;
pub mod parse;
pub mod resolve;
mod warning;

pub use config::{Config, Report};
pub use error::Error;
pub use warning::{Warning, WarningKind};
