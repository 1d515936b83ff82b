//! [`Router`]: services mounted at URL paths, and routing a request to an operation.

use std::fmt;
use std::sync::Arc;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use http::{header, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Full};

use super::handle::invalid_request;
use super::{
    unknown_operation, Dispatch, Reply, Request, Response, Service, DEFAULT_MAX_REQUEST_BYTES,
};
use crate::envelope::{self, Body, SoapVersion};
use crate::future::BoxFuture;
use crate::value::QName;
use crate::xml::{DecodeOptions, FieldName, Operation};

/// Services mounted at URL paths.
///
/// A POST to a mounted path is routed by the element in the SOAP body (its
/// namespace URI and local name against each operation's input element, an
/// empty body to the operations whose input is empty; operations of the
/// envelope's SOAP version first, then the SOAP action breaks ties). Each
/// version is answered in its own envelope. Unknown path: 404. Other
/// methods: 405. A body over the limit: 413. Malformed XML or an unknown body
/// element: a SOAP `Client` (1.2 `Sender`) fault with HTTP 500 (1.2: 400);
/// an envelope of no SOAP version: a SOAP 1.1 `VersionMismatch` fault.
#[derive(Clone)]
pub struct Router {
    routes: Vec<(String, Arc<dyn Dispatch>)>,
    max_request_bytes: usize,
    options: DecodeOptions,
    understood: Arc<[FieldName]>,
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
            understood: Arc::new([]),
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

    /// The largest request body accepted (default 16 MiB). Under a
    /// [`Server`](super::Server), its [`Limits::max_request_bytes`](super::Limits)
    /// applies too, before this one.
    pub fn max_request_bytes(mut self, limit: usize) -> Self {
        self.max_request_bytes = limit;
        self
    }

    /// Accepts header blocks `element` marked `mustUnderstand` in every
    /// operation, besides those the operation declares: a header the
    /// services check themselves, or a layer in front of them does
    /// (`wsse:Security`, [`wssec::SECURITY`](crate::wssec::SECURITY)).
    pub fn understand(mut self, element: FieldName) -> Self {
        let mut all = self.understood.to_vec();
        all.push(element);
        self.understood = all.into();
        self
    }

    /// How request bodies are decoded (default: lenient).
    pub fn decode_options(mut self, options: DecodeOptions) -> Self {
        self.options = options;
        self
    }

    /// Answers one HTTP request (reading its body within the router's
    /// limit), for use in a hyper service of your own. Runs in a
    /// `soap_serve` tracing span with the method, the path and, on
    /// completion, the status.
    pub async fn serve_http<B>(&self, request: http::Request<B>) -> http::Response<Full<Bytes>>
    where
        B: hyper::body::Body,
        B::Error: std::fmt::Display,
    {
        let span = serve_span(request.method(), request.uri().path());
        let answer = async {
            let (parts, body) = request.into_parts();
            let service = match self.locate(&parts) {
                Ok(service) => service,
                Err(response) => return *response,
            };
            match read_limited(body, &parts.headers, self.max_request_bytes).await {
                Ok(body) => self.route(service, parts, body).await,
                Err(response) => response,
            }
        };
        let response = tracing::Instrument::instrument(answer, span.clone()).await;
        span.record("status", response.status().as_u16());
        response.into_http()
    }

    /// The service mounted at the request's path, or the 404 / 405 answer.
    fn locate(&self, parts: &http::request::Parts) -> Result<Arc<dyn Dispatch>, Box<Response>> {
        let path = normalize(parts.uri.path());
        let Some(service) = self.service_at(path) else {
            return Err(Box::new(Response::text(
                StatusCode::NOT_FOUND,
                format!("no SOAP service at {path}\n"),
            )));
        };
        if parts.method != Method::POST {
            return Err(Box::new(
                Response::text(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "SOAP endpoint: POST an envelope\n",
                )
                .with_header(header::ALLOW, HeaderValue::from_static("POST")),
            ));
        }
        Ok(service)
    }

    async fn route(
        &self,
        service: Arc<dyn Dispatch>,
        parts: http::request::Parts,
        body: Bytes,
    ) -> Response {
        let request = Request::new(body, parts.headers)
            .with_decode_options(self.options.clone())
            .with_understood(self.understood.clone());
        route(service.as_ref(), request).await
    }

    fn service_at(&self, path: &str) -> Option<Arc<dyn Dispatch>> {
        self.routes
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, service)| service.clone())
    }
}

impl Service for Router {
    /// Answers a request whose body the server has read; a body over the
    /// router's limit gets 413.
    fn call(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Reply> {
        let span = serve_span(request.method(), request.uri().path());
        let answer = async move {
            let (parts, body) = request.into_parts();
            let service = match self.locate(&parts) {
                Ok(service) => service,
                Err(response) => return *response,
            };
            if body.len() > self.max_request_bytes {
                return too_large(self.max_request_bytes);
            }
            self.route(service, parts, body).await
        };
        Box::pin(async move {
            let response = tracing::Instrument::instrument(answer, span.clone()).await;
            span.record("status", response.status().as_u16());
            Reply::Respond(response)
        })
    }
}

fn serve_span(method: &Method, path: &str) -> tracing::Span {
    tracing::info_span!(
        "soap_serve",
        method = %method,
        path = path,
        operation = tracing::field::Empty,
        status = tracing::field::Empty,
    )
}

/// Runs the operation of `service` whose input element the body holds.
async fn route(service: &dyn Dispatch, request: Request) -> Response {
    let peeked = match envelope::peek(request.body(), request.decode_options()) {
        Ok(peeked) => peeked,
        Err(error) => return invalid_request(SoapVersion::V11, "invalid request", &error),
    };
    let version = peeked.version;
    let request = request.with_envelope(version, peeked.headers);
    let operations = service.operations();
    let takes = |i: &usize| takes(&operations[*i].input, peeked.operation.as_ref());
    let matching: Vec<usize> = (0..operations.len()).filter(takes).collect();
    let same_version: Vec<usize> = matching
        .iter()
        .copied()
        .filter(|&i| operations[i].version == version)
        .collect();
    let candidates = match same_version.is_empty() {
        true => matching,
        false => same_version,
    };
    let action = request.soap_action();
    let index = match candidates.as_slice() {
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

/// Whether an operation whose input is `input` takes a body whose first element is `found`.
fn takes(input: &Body, found: Option<&QName>) -> bool {
    match (input, found) {
        (Body::Element(element), Some(found)) => found.is(element.ns, element.name),
        (Body::Empty, None) => true,
        _ => false,
    }
}

fn warn_on_action_mismatch(op: &Operation, action: Option<&str>) {
    if let Some(action) = action {
        if !op.soap_action.is_empty() && action != op.soap_action {
            tracing::warn!(
                operation = op.name,
                expected = op.soap_action,
                received = action,
                "the SOAP action does not match the body element; routed by the body"
            );
        }
    }
}

/// The 413 answer for a body over `limit` bytes.
pub(crate) fn too_large(limit: usize) -> Response {
    Response::text(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the request body exceeds the limit of {limit} bytes\n"),
    )
}

/// Reads the whole body, answering 413 beyond `limit` bytes (before reading
/// when `Content-Length` says so) and 400 when the body cannot be read.
pub(crate) async fn read_limited<B>(
    body: B,
    headers: &http::HeaderMap,
    limit: usize,
) -> Result<Bytes, Response>
where
    B: hyper::body::Body,
    B::Error: std::fmt::Display,
{
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
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
                return Err(too_large(limit));
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
