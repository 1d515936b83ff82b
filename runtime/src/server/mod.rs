//! Serving a SOAP service: generated `<Service>Server<S>` types implement
//! [`Dispatch`]; a [`Router`] mounts them at URL paths and answers
//! `http::Request`s ([`Router::serve_http`]); with the `server` feature,
//! `Server` serves a router (or any [`Service`], e.g. one that wraps a
//! router) over HTTP/1.1 on a TCP listener, within [`Limits`].
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

#[cfg(feature = "server")]
mod deadline;
mod handle;
mod limits;
#[cfg(feature = "server")]
mod listen;
mod message;
mod router;

pub use self::handle::{handle, handle_with_headers, unknown_operation};
pub use self::limits::{
    Limits, DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT,
    DEFAULT_KEEP_ALIVE_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_REQUEST_BYTES,
    DEFAULT_TLS_HANDSHAKE_TIMEOUT,
};
#[cfg(feature = "server")]
pub use self::listen::{Server, ServerHandle};
pub use self::message::{Request, Response};
pub use self::router::Router;

use bytes::Bytes;

use crate::future::BoxFuture;
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

/// What the [`Server`] serves: one answer per request, whose body the
/// server has already read within its [`Limits`]. [`Router`] implements it;
/// wrap a router in a service of your own to add authentication, extra
/// paths or fault injection in front of it.
pub trait Service: Send + Sync + 'static {
    /// Answers `request`.
    fn call(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Reply>;
}

/// A [`Service`]'s answer to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Send this response.
    Respond(Response),
    /// Close the connection without answering (to test how a client copes
    /// with a peer that disappears).
    Close,
}

impl From<Response> for Reply {
    fn from(response: Response) -> Self {
        Self::Respond(response)
    }
}
