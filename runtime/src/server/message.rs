//! The request a [`Dispatch`](super::Dispatch) gets and the response it gives.

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, StatusCode};
use http_body_util::Full;

use crate::xml::DecodeOptions;

/// A received SOAP request: the body, the headers and how to decode it.
#[derive(Debug, Clone)]
pub struct Request {
    body: Bytes,
    headers: HeaderMap,
    options: DecodeOptions,
}

impl Request {
    /// A request with `body` and `headers`, decoded leniently.
    pub fn new(body: impl Into<Bytes>, headers: HeaderMap) -> Self {
        Self {
            body: body.into(),
            headers,
            options: DecodeOptions::default(),
        }
    }

    /// The same request, decoded with `options`.
    pub fn with_decode_options(mut self, options: DecodeOptions) -> Self {
        self.options = options;
        self
    }

    /// The body (a SOAP envelope, if the peer behaves).
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The HTTP headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// How the body is decoded.
    pub fn decode_options(&self) -> &DecodeOptions {
        &self.options
    }

    /// The `SOAPAction` header without its quotes; `None` when absent or empty.
    pub fn soap_action(&self) -> Option<&str> {
        let value = self.headers.get("soapaction")?.to_str().ok()?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        (!value.is_empty()).then_some(value)
    }
}

/// An HTTP answer: status, content type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    status: StatusCode,
    content_type: &'static str,
    body: Bytes,
}

impl Response {
    /// A SOAP envelope (`text/xml; charset=utf-8`) with `status`.
    pub fn xml(status: StatusCode, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            content_type: "text/xml; charset=utf-8",
            body: body.into(),
        }
    }

    /// A plain-text answer (404, 405, 413…).
    pub fn text(status: StatusCode, text: impl Into<Bytes>) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.into(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `Content-Type`.
    pub fn content_type(&self) -> &'static str {
        self.content_type
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The hyper response.
    pub fn into_http(self) -> http::Response<Full<Bytes>> {
        let mut response = http::Response::new(Full::new(self.body));
        *response.status_mut() = self.status;
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        response
    }
}
