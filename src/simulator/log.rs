//! The JSON request log (format: the `simulator` module documentation).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http::StatusCode;
use soap_runtime::rt::{self, BoxFuture, DecodeOptions};
use soap_runtime::server::{Reply, Response, Service};

use super::auth::Users;
use super::clock::Instant;
use crate::v4;

/// A response header by which a fault injection marks the answers it made
/// (the log shows them as `injected`).
pub const INJECTED_HEADER: &str = "x-simulator-injected";

/// Why the log cannot be opened.
#[derive(Debug, thiserror::Error)]
#[error("cannot open the request log {}: {cause}", path.display())]
pub struct LogError {
    /// The file.
    pub path: PathBuf,
    /// The cause (in the message, so not a `source()`).
    pub cause: io::Error,
}

/// The log file, shared by all connections.
#[derive(Debug, Clone)]
pub(crate) struct RequestLog {
    file: Arc<Mutex<File>>,
}

impl RequestLog {
    /// Opens `path` for appending (created if missing).
    pub(crate) fn open(path: &Path) -> Result<Self, LogError> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|cause| LogError {
                path: path.to_owned(),
                cause,
            })?;
        Ok(Self {
            file: Arc::new(Mutex::new(file)),
        })
    }

    fn write(&self, entry: &serde_json::Value) {
        let mut line = entry.to_string();
        line.push('\n');
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        if let Err(error) = file.write_all(line.as_bytes()) {
            tracing::warn!(%error, "cannot write the request log");
        }
    }
}

/// A [`Service`] that logs every request `inner` answers (when there is a log).
pub(crate) struct Logged<S> {
    log: Option<RequestLog>,
    users: Users,
    inner: S,
}

impl<S> Logged<S> {
    pub(crate) fn new(log: Option<RequestLog>, users: Users, inner: S) -> Self {
        Self { log, users, inner }
    }
}

impl<S: Service> Service for Logged<S> {
    fn call(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Reply> {
        let Some(log) = &self.log else {
            return self.inner.call(request);
        };
        let started = std::time::Instant::now();
        let time = Instant::now();
        let (operation, payment_id) = request_facts(request.body(), &DecodeOptions::default());
        let user = self
            .users
            .authenticate(request.headers())
            .map(str::to_owned);
        let method = request.method().to_string();
        let path = request.uri().path().to_owned();
        let answering = self.inner.call(request);
        Box::pin(async move {
            let reply = answering.await;
            let (outcome, status) = match &reply {
                Reply::Close => ("injected".to_owned(), None),
                Reply::Respond(response) => (outcome(response), Some(response.status().as_u16())),
            };
            let duration_ms = (started.elapsed().as_secs_f64() * 1e6).round() / 1e3;
            log.write(&serde_json::json!({
                "time": time.to_string(),
                "method": method,
                "path": path,
                "operation": operation,
                "user": user,
                "payment_id": payment_id,
                "outcome": outcome,
                "status": status,
                "duration_ms": duration_ms,
            }));
            reply
        })
    }
}

fn outcome(response: &Response) -> String {
    if response.headers().contains_key(INJECTED_HEADER) {
        return "injected".to_owned();
    }
    match response.status() {
        StatusCode::OK => "ok".to_owned(),
        StatusCode::INTERNAL_SERVER_ERROR => {
            fault_code(response.body()).unwrap_or_else(|| "500".to_owned())
        }
        status => status.as_u16().to_string(),
    }
}

/// The `errorTypeDescription` of a fault's `ECommerceError`, else its `faultcode`.
fn fault_code(body: &[u8]) -> Option<String> {
    // Every operation's fault detail is an `ECommerceError`; getPayment's
    // descriptor reads any of them.
    let decoded = rt::envelope::decode_response::<rt::AnyXml, v4::GetPaymentFault>(
        &v4::GET_PAYMENT,
        body,
        &DecodeOptions::default(),
    )
    .ok()?;
    let fault = decoded.value.err()?;
    Some(match &fault.detail {
        Some(v4::GetPaymentFault::ECommerceErrorException(detail)) => {
            detail.error_type_description.as_str().to_owned()
        }
        None => fault.code.local.clone(),
    })
}

/// The local name of the operation element and its `paymentId` child, when
/// the body has them, read in one pass.
fn request_facts(body: &[u8], options: &DecodeOptions) -> (Option<String>, Option<String>) {
    let Ok(mut r) = rt::Reader::new(body, options) else {
        return (None, None);
    };
    let Ok(operation) = rt::envelope::body_element(&mut r) else {
        return (None, None);
    };
    let operation = operation.local_name().to_owned();
    (Some(operation), payment_id(&mut r))
}

/// The `paymentId` child of the element `r` is in.
fn payment_id(r: &mut rt::Reader<'_>) -> Option<String> {
    loop {
        let child = r.next_element().ok()??;
        if child.local_name() == "paymentId" {
            return r.text::<String>(&child).ok();
        }
        r.skip(&child).ok()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FINALIZE: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><x>1</x></s:Header><s:Body><m:finalizePayment xmlns:m="http://ecommerce.resurs.com/v4/msg/aftershopflow"><orderId>O</orderId><paymentId>Pay-9</paymentId></m:finalizePayment></s:Body></s:Envelope>"#;

    #[test]
    fn the_payment_id_is_read_from_the_operation_element() {
        let options = DecodeOptions::default();
        let (operation, payment_id) = request_facts(FINALIZE.as_bytes(), &options);
        assert_eq!(operation.as_deref(), Some("finalizePayment"));
        assert_eq!(payment_id.as_deref(), Some("Pay-9"));
        assert_eq!(request_facts(b"not xml", &options), (None, None));
        let without = FINALIZE.replace("<paymentId>Pay-9</paymentId>", "");
        let (operation, payment_id) = request_facts(without.as_bytes(), &options);
        assert_eq!(operation.as_deref(), Some("finalizePayment"));
        assert_eq!(payment_id, None);
    }

    #[test]
    fn faults_are_named_by_their_error_type() {
        let fault = rt::Fault::server("no such payment").with_detail(
            v4::GetPaymentFault::ECommerceErrorException(crate::exception::ECommerceError {
                error_type_description: "REFERENCED_DATA_DONT_EXISTS".parse().unwrap(),
                error_type_id: 8,
                fixable_by_you: true,
                user_error_message: "x".parse().unwrap(),
            }),
        );
        let body = rt::envelope::encode_fault(::soap_runtime::rt::SoapVersion::V11, &[], &fault);
        assert_eq!(
            fault_code(&body).as_deref(),
            Some("REFERENCED_DATA_DONT_EXISTS")
        );
        let plain = rt::envelope::encode_fault(
            ::soap_runtime::rt::SoapVersion::V11,
            &[],
            &rt::Fault::<rt::NoFault>::client("bad"),
        );
        assert_eq!(fault_code(&plain).as_deref(), Some("Client"));
        assert_eq!(fault_code(b"<html/>"), None);
    }
}
