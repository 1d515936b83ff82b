//! The admin endpoint: book payments, reset the bank, plan faults, over HTTP
//! beside the simulated services (at [`ADMIN_PATH`](super::ADMIN_PATH)).
//!
//! | request | body | answer |
//! |---|---|---|
//! | `POST admin/payments` | a payment in the fixtures format, or an array of them | 201 + JSON array of the booked ids; 409 if an id exists (nothing booked); 400 on bad JSON or a bad fixture |
//! | `POST admin/reset` | none | 204: the start-up fixtures, no faults |
//! | `POST admin/faults` | a fault object (see [`super::inject`]), or an array of them | 201 + JSON array of the faults planned; 400 naming an unknown operation or action |
//! | `DELETE admin/faults` | none | 204: no faults planned |
//!
//! Errors have a JSON body `{"error": "..."}`. Another method on these paths
//! is 405, another path under `admin/` is 404.

use std::sync::Arc;

use bytes::Bytes;
use http::header::ALLOW;
use http::{HeaderValue, Method, StatusCode};
use soap_runtime::rt::BoxFuture;
use soap_runtime::server::{Reply, Response, Service};

use super::bank::Bank;
use super::fixtures::Fixtures;
use super::inject::{FaultPlan, InjectedFault};
use crate::rules::ErrorType;

/// Path of the admin endpoint (booking, reset, fault injection): a sibling
/// of the services, so `{base}/admin` where `{base}` is the After Shop
/// endpoint without its last segment.
pub const ADMIN_PATH: &str = "/ecommerce-test/ws/V4/admin";

/// Serves the admin paths and hands everything else to `inner`.
pub(crate) struct Admin<S> {
    inner: S,
    bank: Arc<Bank>,
    fixtures: Fixtures,
    plan: Arc<FaultPlan>,
}

impl<S: Service> Admin<S> {
    /// The admin endpoint of `bank` (reset books `fixtures`) and `plan`.
    pub fn new(inner: S, bank: Arc<Bank>, fixtures: Fixtures, plan: Arc<FaultPlan>) -> Self {
        Self {
            inner,
            bank,
            fixtures,
            plan,
        }
    }

    fn answer(&self, route: &str, method: &Method, body: &[u8]) -> Response {
        match (route, method) {
            ("/payments", &Method::POST) => self.book(body),
            ("/reset", &Method::POST) => self.reset(),
            ("/faults", &Method::POST) => self.add_faults(body),
            ("/faults", &Method::DELETE) => {
                self.plan.clear();
                no_content()
            }
            ("/payments" | "/reset", _) => not_allowed("POST"),
            ("/faults", _) => not_allowed("POST, DELETE"),
            _ => error(
                StatusCode::NOT_FOUND,
                format!("no admin route {ADMIN_PATH}{route}"),
            ),
        }
    }

    fn book(&self, body: &[u8]) -> Response {
        let bookings = match text(body).and_then(|text| {
            Fixtures::bookings_from_json(text).map_err(|e| format!("bad payment: {e}"))
        }) {
            Ok(bookings) => bookings,
            Err(message) => return error(StatusCode::BAD_REQUEST, message),
        };
        match self.bank.book_all(bookings) {
            Ok(ids) => json(StatusCode::CREATED, &serde_json::json!(ids)),
            Err(fault) if fault.error == ErrorType::ObjectWithIdAlreadyExist => {
                error(StatusCode::CONFLICT, fault.message)
            }
            Err(fault) => error(StatusCode::BAD_REQUEST, fault.message),
        }
    }

    fn reset(&self) -> Response {
        self.plan.clear();
        match self.bank.reset(&self.fixtures) {
            Ok(()) => no_content(),
            Err(fault) => error(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot book the start-up fixtures again: {fault}"),
            ),
        }
    }

    fn add_faults(&self, body: &[u8]) -> Response {
        let faults = match text(body).and_then(|text| {
            InjectedFault::list_from_json(text).map_err(|e| format!("bad fault: {e}"))
        }) {
            Ok(faults) => faults,
            Err(message) => return error(StatusCode::BAD_REQUEST, message),
        };
        faults.iter().for_each(|fault| self.plan.add(fault));
        let planned: Vec<_> = faults.iter().map(InjectedFault::to_json).collect();
        json(StatusCode::CREATED, &serde_json::Value::Array(planned))
    }
}

impl<S: Service> Service for Admin<S> {
    fn call(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Reply> {
        let path = request.uri().path().trim_end_matches('/');
        match path.strip_prefix(ADMIN_PATH) {
            Some(route) if route.is_empty() || route.starts_with('/') => {
                let response = self.answer(route, request.method(), request.body());
                tracing::info!(
                    path,
                    method = %request.method(),
                    status = response.status().as_u16(),
                    "admin"
                );
                Box::pin(std::future::ready(Reply::Respond(response)))
            }
            _ => self.inner.call(request),
        }
    }
}

fn text(body: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(body).map_err(|e| format!("the body is not UTF-8: {e}"))
}

fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    Response::json(status, value.to_string())
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    json(status, &serde_json::json!({ "error": message.into() }))
}

fn no_content() -> Response {
    Response::text(StatusCode::NO_CONTENT, Bytes::new())
}

fn not_allowed(allow: &'static str) -> Response {
    error(StatusCode::METHOD_NOT_ALLOWED, format!("allowed: {allow}"))
        .with_header(ALLOW, HeaderValue::from_static(allow))
}
