//! Serving a SOAP service: generated `<Service>Server<S>` types implement
//! [`Dispatch`]; a [`Router`] mounts them at URL paths and answers
//! `http::Request`s ([`Router::serve_http`]); with the `server` feature,
//! `Server` serves a router over HTTP/1.1 on a TCP listener.
//!
//! ```no_run
//! # #[cfg(feature = "server")]
//! # async fn demo(service: impl soap_runtime::server::Dispatch) -> std::io::Result<()> {
//! use soap_runtime::server::{Router, Server};
//! let router = Router::new().mount("/ws/ShopService", service);
//! let handle = Server::bind("127.0.0.1:8080").await?.serve(router);
//! println!("listening on {}", handle.url());
//! handle.shutdown().await;
//! # Ok(()) }
//! ```

mod handle;
#[cfg(feature = "server")]
mod listen;
mod message;
mod router;

pub use self::handle::{handle, unknown_operation};
#[cfg(feature = "server")]
pub use self::listen::{Server, ServerHandle};
pub use self::message::{Request, Response};
pub use self::router::{Router, DEFAULT_MAX_REQUEST_BYTES};

use crate::rt::BoxFuture;
use crate::xml::Operation;

/// A service the router can call: the operations it serves and a way to run
/// one of them. Generated `<Service>Server<S>` types implement it.
pub trait Dispatch: Send + Sync + 'static {
    /// The operations served, in the order `dispatch` indexes them.
    fn operations(&self) -> &'static [&'static Operation];
    /// Runs operation `index` (an index into [`operations`](Self::operations))
    /// on `request` and returns the HTTP answer (response or fault).
    fn dispatch(&self, index: usize, request: Request) -> BoxFuture<'_, Response>;
}
