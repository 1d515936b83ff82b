//! What carries a SOAP request to the endpoint and brings the answer back.
//!
//! [`Client`](crate::Client) builds a [`TransportRequest`] (endpoint, headers,
//! encoded envelope, response size limit) and hands it to a [`Transport`].
//! [`HttpTransport`] is the real one (hyper + rustls, pooled keep-alive
//! connections); tests and applications can put their own underneath with
//! [`Client::with_transport`](crate::Client::with_transport).

mod error;
mod http_transport;
mod message;
mod proxy;
mod tls;

pub use self::error::{BoxError, TransportError};
pub use self::http_transport::{HttpTransport, HttpTransportOptions};
pub use self::message::{TransportRequest, TransportResponse};
pub use self::proxy::{Proxy, ProxyError};
pub use self::tls::TlsConfigError;

use crate::future::BoxFuture;

/// Sends one request and returns the whole response.
///
/// An implementation reads at most
/// [`TransportRequest::max_response_bytes`] of body and answers
/// [`TransportError::ResponseTooLarge`] beyond that. The per-call timeout is
/// applied by the client around `send`; a connect timeout is the transport's
/// business ([`TransportError::ConnectTimeout`]).
pub trait Transport: Send + Sync + 'static {
    /// Sends `request`; any HTTP status is a successful send.
    fn send(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'_, Result<TransportResponse, TransportError>>;

    /// The secrets this transport sends on its own for `endpoint` (a proxy's
    /// password and Basic token), which the client then masks in error text
    /// and logs. None by default.
    fn secrets(&self, endpoint: &http::Uri) -> Vec<String> {
        let _ = endpoint;
        Vec::new()
    }
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'_, Result<TransportResponse, TransportError>> {
        (**self).send(request)
    }

    fn secrets(&self, endpoint: &http::Uri) -> Vec<String> {
        (**self).secrets(endpoint)
    }
}
