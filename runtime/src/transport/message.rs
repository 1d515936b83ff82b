//! The request and response a [`Transport`](super::Transport) exchanges.

use bytes::Bytes;
use http::{HeaderMap, StatusCode, Uri};

/// One SOAP request, ready to send: POST `body` to `endpoint` with `headers`.
#[derive(Debug, Clone)]
pub struct TransportRequest {
    /// Where to POST (never contains credentials).
    pub endpoint: Uri,
    /// `Content-Type`, `SOAPAction` (quoted), `User-Agent`, `Authorization`…
    pub headers: HeaderMap,
    /// The encoded envelope.
    pub body: Bytes,
    /// The largest response body accepted; reading stops beyond it.
    pub max_response_bytes: usize,
}

impl TransportRequest {
    /// The `SOAPAction` header as sent (with its quotes), if any.
    pub fn soap_action(&self) -> Option<&str> {
        self.headers.get("soapaction").and_then(|v| v.to_str().ok())
    }
}

/// What came back: the status, the content type and the whole body.
#[derive(Debug, Clone)]
pub struct TransportResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body (at most the request's `max_response_bytes`).
    pub body: Bytes,
}

impl TransportResponse {
    /// A response with the given status and body and no headers.
    pub fn new(status: StatusCode, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }

    /// The `Content-Type` header, if present and readable.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }
}
