//! The request a [`Dispatch`](super::Dispatch) gets and the response it gives.

use std::sync::Arc;

use bytes::Bytes;
use http::header::{HeaderName, CONNECTION, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, StatusCode};
use http_body_util::Full;

use crate::envelope::{Peeked, ReceivedHeaders, SoapVersion};
use crate::xml::{DecodeOptions, FieldName};

/// A received SOAP request: the body, the HTTP headers, how to decode it
/// and, once the router has peeked at it, its SOAP version and header blocks.
#[derive(Debug, Clone)]
pub struct Request {
    body: Bytes,
    headers: HeaderMap,
    options: DecodeOptions,
    /// Set once peeked at.
    version: Option<SoapVersion>,
    soap_headers: ReceivedHeaders,
    /// Header elements understood besides the operation's own (the router's).
    understood: Arc<[FieldName]>,
}

impl Request {
    /// A request with `body` and `headers`, decoded leniently.
    pub fn new(body: impl Into<Bytes>, headers: HeaderMap) -> Self {
        Self {
            body: body.into(),
            headers,
            options: DecodeOptions::default(),
            version: None,
            soap_headers: ReceivedHeaders::default(),
            understood: Arc::new([]),
        }
    }

    /// The same request with what [`peek`](crate::envelope::peek) read of
    /// its envelope (the router does this before dispatching).
    pub fn with_envelope(mut self, version: SoapVersion, headers: ReceivedHeaders) -> Self {
        self.version = Some(version);
        self.soap_headers = headers;
        self
    }

    /// Peeks at the envelope unless that was done ([`with_envelope`](Self::with_envelope)).
    pub(crate) fn peeked(self) -> Result<Self, crate::error::DecodeError> {
        if self.version.is_some() {
            return Ok(self);
        }
        let Peeked {
            version, headers, ..
        } = crate::envelope::peek(&self.body, &self.options)?;
        Ok(self.with_envelope(version, headers))
    }

    /// The same request, with `understood` header elements accepted when
    /// marked `mustUnderstand` besides those the operation declares (the
    /// router passes its [`understand`](super::Router::understand) list).
    pub fn with_understood(mut self, understood: Arc<[FieldName]>) -> Self {
        self.understood = understood;
        self
    }

    /// The header elements understood besides the operation's own.
    pub fn understood(&self) -> &[FieldName] {
        &self.understood
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

    /// The SOAP version of the envelope (SOAP 1.1 until peeked at).
    pub fn soap_version(&self) -> SoapVersion {
        self.version.unwrap_or_default()
    }

    /// The envelope's header blocks (empty until peeked at).
    pub fn soap_headers(&self) -> &ReceivedHeaders {
        &self.soap_headers
    }

    /// The SOAP action without its quotes (1.1 `SOAPAction` header, 1.2
    /// `action` parameter of the content type); `None` when absent or empty.
    pub fn soap_action(&self) -> Option<&str> {
        self.soap_version().request_action(&self.headers)
    }
}

/// An HTTP answer: status, content type, further headers and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    status: StatusCode,
    content_type: &'static str,
    headers: HeaderMap,
    body: Bytes,
}

impl Response {
    /// An answer with `status`, `content_type` and `body`.
    pub fn new(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            content_type,
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }

    /// A SOAP 1.1 envelope (`text/xml; charset=utf-8`) with `status`.
    pub fn xml(status: StatusCode, body: impl Into<Bytes>) -> Self {
        Self::soap(SoapVersion::V11, status, body)
    }

    /// An envelope of `version`, with its content type, and `status`.
    pub fn soap(version: SoapVersion, status: StatusCode, body: impl Into<Bytes>) -> Self {
        Self::new(status, version.content_type(), body)
    }

    /// `202 Accepted` with no body and no `Content-Type`: the answer to a
    /// one-way operation's request.
    pub fn accepted() -> Self {
        Self::new(StatusCode::ACCEPTED, "", Bytes::new())
    }

    /// A plain-text answer (404, 405, 413…).
    pub fn text(status: StatusCode, text: impl Into<Bytes>) -> Self {
        Self::new(status, "text/plain; charset=utf-8", text)
    }

    /// A JSON answer (`application/json`).
    pub fn json(status: StatusCode, body: impl Into<Bytes>) -> Self {
        Self::new(status, "application/json", body)
    }

    /// The same answer with header `name` set to `value` (`Content-Type`
    /// is the one given at construction and cannot be set here).
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        if name != CONTENT_TYPE {
            self.headers.insert(name, value);
        }
        self
    }

    /// The same answer with `Connection: close`: the server closes the
    /// connection once it is sent.
    pub fn closing(self) -> Self {
        self.with_header(CONNECTION, HeaderValue::from_static("close"))
    }

    /// The headers besides `Content-Type`.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `Content-Type` (empty for an answer without a body).
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
        *response.headers_mut() = self.headers;
        if !self.content_type.is_empty() {
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        }
        response
    }
}
