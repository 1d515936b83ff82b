//! Fault injection: the simulator told to misbehave on the N-th call of an
//! operation, to test how a client copes with a slow, failing or vanishing
//! bank.
//!
//! A fault is `{"operation": "finalizePayment", "call": 1, "action":
//! "drop-after-commit"}` (`call` counts the calls of that operation from the
//! moment the fault is added, 1 = the next; `getCustomerBonus` counts the
//! calls of both services; only SOAP calls that reach the services count,
//! not admin requests or requests refused in front of them). Actions:
//!
//! | action | what the caller sees | the bank |
//! |---|---|---|
//! | `delay` (with `delay_ms`) | the normal answer, `delay_ms` later | changed as usual, after the delay |
//! | `http-500` | HTTP 500, a plain-text body, no SOAP envelope | unchanged |
//! | `http-500-after-commit` | the same HTTP 500 | changed (the call was served, its answer replaced) |
//! | `drop-before-commit` | the connection closed without an answer | unchanged |
//! | `drop-after-commit` | the connection closed without an answer | changed (the call was served, its answer discarded) |
//!
//! When several faults hit the same call, their delays add up and the first
//! added of the others decides the outcome.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::Value;
use soap_runtime::rt::{envelope, BoxFuture, DecodeOptions, Operation};
use soap_runtime::server::{Reply, Response, Service};

use super::log::INJECTED_HEADER;
use crate::v4;

/// What an injected fault does to the call it hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultAction {
    /// Answer normally after waiting this long (`"delay"` with `"delay_ms"`).
    Delay(Duration),
    /// Answer HTTP 500 without serving the call (`"http-500"`).
    Http500,
    /// Serve the call, then answer HTTP 500 instead of its answer
    /// (`"http-500-after-commit"`).
    Http500AfterCommit,
    /// Close the connection without serving the call (`"drop-before-commit"`).
    DropBeforeCommit,
    /// Serve the call, then close the connection without answering
    /// (`"drop-after-commit"`).
    DropAfterCommit,
}

impl FaultAction {
    /// The action names of the JSON form.
    pub const NAMES: [&'static str; 5] = [
        "delay",
        "http-500",
        "http-500-after-commit",
        "drop-before-commit",
        "drop-after-commit",
    ];

    /// The name in the JSON form.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Delay(_) => "delay",
            Self::Http500 => "http-500",
            Self::Http500AfterCommit => "http-500-after-commit",
            Self::DropBeforeCommit => "drop-before-commit",
            Self::DropAfterCommit => "drop-after-commit",
        }
    }
}

/// A fault to inject: `action` on the `call`-th call of `operation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjectedFault {
    operation: &'static str,
    call: u64,
    action: FaultAction,
}

/// Why a fault cannot be injected. Each message includes its cause (none is
/// repeated as `source()`).
#[derive(Debug, thiserror::Error)]
pub enum FaultError {
    /// The operation is not one the simulator serves.
    #[error("unknown operation `{0}` (the simulator serves {names})", names = operation_names())]
    UnknownOperation(String),
    /// The action is not one of [`FaultAction::NAMES`].
    #[error("unknown action `{0}` (expected one of {names})", names = FaultAction::NAMES.join(", "))]
    UnknownAction(String),
    /// `call` is 0.
    #[error("call must be 1 (the next call) or more")]
    ZeroCall,
    /// A `delay` without `delay_ms`.
    #[error("action delay needs delay_ms")]
    MissingDelay,
    /// `delay_ms` on another action.
    #[error("delay_ms applies to action delay only, not to {0}")]
    DelayNotApplicable(&'static str),
    /// The text is not a fault object (or an array of them).
    #[error("not a fault (or an array of faults): {0}")]
    Json(serde_json::Error),
    /// Entry `index` of an array is not a fault.
    #[error("fault {index}: {error}")]
    Entry {
        /// Position in the array, from 0.
        index: usize,
        /// What is wrong with it.
        error: Box<FaultError>,
    },
    /// A faults file cannot be read.
    #[error("cannot read faults file {}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
}

/// The JSON form of a fault.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultJson {
    operation: String,
    call: u64,
    action: String,
    #[serde(default)]
    delay_ms: Option<u64>,
}

impl InjectedFault {
    /// `action` on the `call`-th call of `operation` (an operation name of the
    /// WSDL, e.g. `finalizePayment`) from when the fault is added; 1 = the next.
    pub fn new(operation: &str, call: u64, action: FaultAction) -> Result<Self, FaultError> {
        let operation = served_operations()
            .map(|op| op.name)
            .find(|name| *name == operation)
            .ok_or_else(|| FaultError::UnknownOperation(operation.to_owned()))?;
        if call == 0 {
            return Err(FaultError::ZeroCall);
        }
        Ok(Self {
            operation,
            call,
            action,
        })
    }

    /// The operation name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Which call of the operation it hits, counted from when it is added.
    pub fn call(&self) -> u64 {
        self.call
    }

    /// What it does.
    pub fn action(&self) -> FaultAction {
        self.action
    }

    /// Parses one fault object or an array of them.
    pub fn list_from_json(text: &str) -> Result<Vec<Self>, FaultError> {
        match serde_json::from_str(text).map_err(FaultError::Json)? {
            Value::Array(entries) => entries
                .into_iter()
                .enumerate()
                .map(|(index, entry)| {
                    Self::from_value(entry).map_err(|error| FaultError::Entry {
                        index,
                        error: Box::new(error),
                    })
                })
                .collect(),
            entry => Self::from_value(entry).map(|fault| vec![fault]),
        }
    }

    /// Reads a faults file (a JSON array of fault objects).
    pub fn list_from_file(path: impl AsRef<Path>) -> Result<Vec<Self>, FaultError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|error| FaultError::Io {
            path: path.to_owned(),
            error,
        })?;
        Self::list_from_json(&text)
    }

    fn from_value(value: Value) -> Result<Self, FaultError> {
        let json: FaultJson = serde_json::from_value(value).map_err(FaultError::Json)?;
        let action = match (json.action.as_str(), json.delay_ms) {
            ("delay", Some(ms)) => FaultAction::Delay(Duration::from_millis(ms)),
            ("delay", None) => return Err(FaultError::MissingDelay),
            ("http-500", None) => FaultAction::Http500,
            ("http-500-after-commit", None) => FaultAction::Http500AfterCommit,
            ("drop-before-commit", None) => FaultAction::DropBeforeCommit,
            ("drop-after-commit", None) => FaultAction::DropAfterCommit,
            (other, _) => {
                return Err(match FaultAction::NAMES.iter().find(|n| **n == other) {
                    Some(name) => FaultError::DelayNotApplicable(name),
                    None => FaultError::UnknownAction(other.to_owned()),
                })
            }
        };
        Self::new(&json.operation, json.call, action)
    }

    /// The JSON form.
    pub fn to_json(&self) -> Value {
        let mut json = serde_json::json!({
            "operation": self.operation,
            "call": self.call,
            "action": self.action.name(),
        });
        if let FaultAction::Delay(delay) = self.action {
            json["delay_ms"] = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX).into();
        }
        json
    }
}

/// Every operation of both simulated services, from the generated tables.
fn served_operations() -> impl Iterator<Item = &'static &'static Operation> {
    v4::AFTER_SHOP_FLOW_SERVICE_OPERATIONS
        .iter()
        .chain(v4::SHOP_FLOW_SERVICE_OPERATIONS)
}

fn operation_names() -> String {
    let mut names: Vec<&str> = served_operations().map(|op| op.name).collect();
    names.dedup();
    names.join(", ")
}

/// A fault waiting for its call: `at` is the absolute count of the operation.
#[derive(Debug)]
struct Pending {
    operation: &'static str,
    at: u64,
    action: FaultAction,
}

#[derive(Debug, Default)]
struct PlanState {
    calls: HashMap<&'static str, u64>,
    pending: Vec<Pending>,
}

/// The faults planned for a running simulator, shared by the service that
/// injects them and the admin endpoint that adds and clears them.
#[derive(Debug, Default)]
pub(crate) struct FaultPlan {
    state: Mutex<PlanState>,
}

impl FaultPlan {
    fn lock(&self) -> MutexGuard<'_, PlanState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Plans `fault` for the `call`-th call of its operation from now.
    pub fn add(&self, fault: &InjectedFault) {
        let mut state = self.lock();
        let done = state.calls.get(fault.operation).copied().unwrap_or(0);
        state.pending.push(Pending {
            operation: fault.operation,
            at: done.saturating_add(fault.call),
            action: fault.action,
        });
    }

    /// Drops every planned fault.
    pub fn clear(&self) {
        self.lock().pending.clear();
    }

    /// Counts a call of `operation` and takes the faults planned for it:
    /// the sum of their delays and the first other action.
    fn hit(&self, operation: &'static str) -> (Duration, Option<FaultAction>) {
        let mut state = self.lock();
        let count = state.calls.entry(operation).or_insert(0);
        *count += 1;
        let now = *count;
        let mut delay = Duration::ZERO;
        let mut outcome = None;
        state.pending.retain(|p| {
            if p.operation != operation || p.at != now {
                return true;
            }
            match p.action {
                FaultAction::Delay(d) => delay += d,
                other => {
                    outcome.get_or_insert(other);
                }
            }
            false
        });
        (delay, outcome)
    }
}

/// A service that injects the planned faults in front of `inner` (the
/// router of the simulated services).
pub(crate) struct Inject<S> {
    inner: S,
    plan: Arc<FaultPlan>,
    options: DecodeOptions,
}

impl<S: Service> Inject<S> {
    pub fn new(inner: S, plan: Arc<FaultPlan>) -> Self {
        Self {
            inner,
            plan,
            options: DecodeOptions::default(),
        }
    }

    /// The operation a SOAP request calls (by its body element), if any.
    fn operation(&self, request: &http::Request<Bytes>) -> Option<&'static str> {
        if request.method() != Method::POST {
            return None;
        }
        let found = envelope::peek_operation(request.body(), &self.options).ok()?;
        served_operations()
            .find(|op| op.input.element().is_some_and(|e| found.is(e.ns, e.name)))
            .map(|op| op.name)
    }
}

impl<S: Service> Service for Inject<S> {
    fn call(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Reply> {
        let Some(operation) = self.operation(&request) else {
            return self.inner.call(request);
        };
        let (delay, outcome) = self.plan.hit(operation);
        Box::pin(async move {
            if !delay.is_zero() {
                tracing::info!(operation, ?delay, "injected delay");
                tokio::time::sleep(delay).await;
            }
            match outcome {
                None | Some(FaultAction::Delay(_)) => self.inner.call(request).await,
                Some(FaultAction::Http500) => {
                    tracing::info!(operation, "injected HTTP 500");
                    http_500(operation)
                }
                Some(FaultAction::Http500AfterCommit) => {
                    drop(self.inner.call(request).await);
                    tracing::info!(operation, "injected HTTP 500 after commit");
                    http_500(operation)
                }
                Some(FaultAction::DropBeforeCommit) => {
                    tracing::info!(operation, "injected drop before commit");
                    Reply::Close
                }
                Some(FaultAction::DropAfterCommit) => {
                    drop(self.inner.call(request).await);
                    tracing::info!(operation, "injected drop after commit");
                    Reply::Close
                }
            }
        })
    }
}

/// A plain-text 500, marked with [`INJECTED_HEADER`] for the request log.
fn http_500(operation: &str) -> Reply {
    Reply::Respond(
        Response::text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("injected fault: HTTP 500 for {operation}\n"),
        )
        .with_header(
            http::HeaderName::from_static(INJECTED_HEADER),
            http::HeaderValue::from_static("http-500"),
        ),
    )
}
