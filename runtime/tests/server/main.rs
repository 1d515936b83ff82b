//! The server adapter over loopback: routing and HTTP answers, connection and
//! request limits, faults as real server stacks write them.

#[allow(dead_code)]
#[path = "../handwritten/mod.rs"]
mod handwritten;
#[path = "../server_support/mod.rs"]
mod server_support;

mod fault_stacks;
mod limits;
mod over_http;
mod soap12;
