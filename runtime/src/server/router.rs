//! [`Router`]: services mounted at URL paths, and routing a request to an operation.

use std::fmt;
use std::sync::Arc;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use http::{header, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Full};

use super::handle::client_fault;
use super::{unknown_operation, Dispatch, Request, Response};
use crate::envelope;
use crate::xml::{DecodeOptions, Operation};

/// The default limit for a request body: 16 MiB.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// Services mounted at URL paths.
///
/// A POST to a mounted path is routed by the element in the SOAP body (its
/// namespace URI and local name against each operation's input element; the
/// `SOAPAction` header breaks ties). Unknown path: 404. Other methods: 405.
/// A body over the limit: 413. Malformed XML or an unknown body element: a
/// SOAP `Client` fault with HTTP 500.
#[derive(Clone)]
pub struct Router {
    routes: Vec<(String, Arc<dyn Dispatch>)>,
    max_request_bytes: usize,
    options: DecodeOptions,
}

impl Default for Router {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field(
                "paths",
                &self.routes.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            )
            .field("max_request_bytes", &self.max_request_bytes)
            .finish_non_exhaustive()
    }
}

impl Router {
    /// A router with nothing mounted, lenient decoding and a 16 MiB request limit.
    pub fn new() -> Self {
        Self {
            routes: Vec::new(),
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            options: DecodeOptions::default(),
        }
    }

    /// Serves `service` at `path` (`/ws/V4/AfterShopFlowService`; a trailing
    /// `/` does not matter). Mounting the same path again replaces the service.
    pub fn mount(mut self, path: &str, service: impl Dispatch) -> Self {
        let path = match normalize(path) {
            p if p.starts_with('/') => p.to_owned(),
            p => format!("/{p}"),
        };
        self.routes.retain(|(p, _)| *p != path);
        self.routes.push((path, Arc::new(service)));
        self
    }

    /// The largest request body accepted (default 16 MiB).
    pub fn max_request_bytes(mut self, limit: usize) -> Self {
        self.max_request_bytes = limit;
        self
    }

    /// How request bodies are decoded (default: lenient).
    pub fn decode_options(mut self, options: DecodeOptions) -> Self {
        self.options = options;
        self
    }

    /// Answers one HTTP request. Runs in a `soap_serve` tracing span with the
    /// method, the path and, on completion, the status.
    pub async fn serve_http<B>(&self, request: http::Request<B>) -> http::Response<Full<Bytes>>
    where
        B: hyper::body::Body,
        B::Error: std::fmt::Display,
    {
        let span = tracing::info_span!(
            "soap_serve",
            method = %request.method(),
            path = request.uri().path(),
            operation = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        let response = tracing::Instrument::instrument(self.answer(request), span.clone()).await;
        span.record("status", response.status().as_u16());
        response
    }

    async fn answer<B>(&self, request: http::Request<B>) -> http::Response<Full<Bytes>>
    where
        B: hyper::body::Body,
        B::Error: std::fmt::Display,
    {
        let path = normalize(request.uri().path());
        let Some(service) = self.service_at(path) else {
            return Response::text(
                StatusCode::NOT_FOUND,
                format!("no SOAP service at {path}\n"),
            )
            .into_http();
        };
        if request.method() != Method::POST {
            let mut response = Response::text(
                StatusCode::METHOD_NOT_ALLOWED,
                "SOAP 1.1 endpoint: POST a text/xml envelope\n",
            )
            .into_http();
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST"));
            return response;
        }
        let (parts, body) = request.into_parts();
        let body = match read_limited(body, &parts.headers, self.max_request_bytes).await {
            Ok(body) => body,
            Err(response) => return response.into_http(),
        };
        let request = Request::new(body, parts.headers).with_decode_options(self.options.clone());
        route(service.as_ref(), request).await.into_http()
    }

    fn service_at(&self, path: &str) -> Option<Arc<dyn Dispatch>> {
        self.routes
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, service)| service.clone())
    }
}

/// Runs the operation of `service` whose input element the body holds.
async fn route(service: &dyn Dispatch, request: Request) -> Response {
    let found = match envelope::peek_operation(request.body(), request.decode_options()) {
        Ok(found) => found,
        Err(error) => return client_fault(format!("invalid request: {error}")),
    };
    let operations = service.operations();
    let matching: Vec<usize> = (0..operations.len())
        .filter(|&i| found.is(operations[i].input.ns, operations[i].input.name))
        .collect();
    let action = request.soap_action();
    let index = match matching.as_slice() {
        [] => return unknown_operation(request).await,
        [only] => *only,
        several => several
            .iter()
            .copied()
            .find(|&i| action == Some(operations[i].soap_action))
            .unwrap_or(several[0]),
    };
    warn_on_action_mismatch(operations[index], action);
    tracing::Span::current().record("operation", operations[index].name);
    service.dispatch(index, request).await
}

fn warn_on_action_mismatch(op: &Operation, action: Option<&str>) {
    if let Some(action) = action {
        if !op.soap_action.is_empty() && action != op.soap_action {
            tracing::warn!(
                operation = op.name,
                expected = op.soap_action,
                received = action,
                "SOAPAction does not match the body element; routed by the body"
            );
        }
    }
}

/// Reads the whole body, answering 413 beyond `limit` bytes (before reading
/// when `Content-Length` says so) and 400 when the body cannot be read.
async fn read_limited<B>(
    body: B,
    headers: &http::HeaderMap,
    limit: usize,
) -> Result<Bytes, Response>
where
    B: hyper::body::Body,
    B::Error: std::fmt::Display,
{
    let too_large = || {
        Response::text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body exceeds the limit of {limit} bytes\n"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = std::pin::pin!(body);
    let mut buf = BytesMut::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            Response::text(
                StatusCode::BAD_REQUEST,
                format!("cannot read the request body: {e}\n"),
            )
        })?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.remaining() > limit {
                return Err(too_large());
            }
            buf.put(data);
        }
    }
    Ok(buf.freeze())
}

/// The path without its trailing `/` (but `/` stays `/`).
fn normalize(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}
