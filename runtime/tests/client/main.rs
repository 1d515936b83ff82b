//! The client over loopback: HTTP, TLS, the transport seam, proxies, tracing
//! and the call deadline.

#[allow(dead_code)]
#[path = "../handwritten/mod.rs"]
mod handwritten;
#[path = "../server_support/mod.rs"]
mod server_support;

mod deadline;
mod over_http;
mod proxy;
mod spans;
mod tls;
mod transport;
