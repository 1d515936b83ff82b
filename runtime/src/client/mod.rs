//! Calling a SOAP service: [`Client`], its [`ClientBuilder`] and the call [`Error`].

mod builder;
mod call;
mod credentials;
pub(crate) mod endpoint;
mod error;
mod headers;
pub(crate) mod redact;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, Uri};

pub use self::builder::{
    BuildError, ClientBuilder, DEFAULT_BLOCKING_DECODE_BYTES, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_USER_AGENT,
};
pub use self::credentials::Credentials;
pub use self::error::{Error, TimeoutPhase};
pub use self::headers::HeaderScope;
pub use self::redact::DEFAULT_REDACTED_ELEMENTS;

use self::headers::DefaultHeaders;
use self::redact::{Redactions, Secrets};

use crate::diag::Diagnostic;
use crate::transport::{HttpTransport, Transport};
use crate::xml::Operation;

/// A user hook for what the lenient decoder tolerated in a response.
pub type DiagnosticsHook = Arc<dyn Fn(&Operation, &[Diagnostic]) + Send + Sync>;

/// A SOAP 1.1 client of one endpoint: encodes requests, sends them through
/// its [`Transport`] and decodes responses and faults. Cheap to clone (the
/// configuration and the transport are shared).
///
/// Generated `<Service>Client` types wrap it; [`Client::call`] is what they call.
pub struct Client<T = HttpTransport> {
    config: Arc<Config>,
    transport: Arc<T>,
}

/// What every call of a client uses.
struct Config {
    endpoint: Uri,
    /// `endpoint` as text, for spans and errors (never has credentials).
    endpoint_label: String,
    credentials: Option<Credentials>,
    /// Content-Type, User-Agent, Authorization.
    headers: HeaderMap,
    timeout: Option<Duration>,
    max_response_bytes: usize,
    /// Bodies larger than this decode on the blocking pool.
    blocking_decode_threshold: usize,
    strict: bool,
    on_diagnostics: Option<DiagnosticsHook>,
    /// Elements whose values TRACE logs and echoed error text leave out.
    redactions: Redactions,
    /// Passwords and tokens of this client, masked in logs and error text.
    secrets: Secrets,
    /// Header blocks sent with every call (shared by the clones).
    default_headers: DefaultHeaders,
}

impl Client {
    /// A client of `endpoint` with default options over a new [`HttpTransport`].
    pub fn new(endpoint: impl Into<String>) -> Result<Self, BuildError> {
        ClientBuilder::new(endpoint).build()
    }

    /// A builder for a client of `endpoint`.
    pub fn builder(endpoint: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(endpoint)
    }
}

impl<T: Transport> Client<T> {
    /// A client of `endpoint` with default options that sends through `transport`.
    pub fn with_transport(endpoint: impl Into<String>, transport: T) -> Result<Self, BuildError> {
        ClientBuilder::new(endpoint).build_with_transport(transport)
    }
}

impl<T> Client<T> {
    /// The endpoint requests go to (credentials taken out).
    pub fn endpoint(&self) -> &Uri {
        &self.config.endpoint
    }

    /// The Basic auth credentials, if any.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.config.credentials.as_ref()
    }

    /// The limit for a whole call, if any.
    pub fn timeout(&self) -> Option<Duration> {
        self.config.timeout
    }

    /// The largest response body accepted.
    pub fn max_response_bytes(&self) -> usize {
        self.config.max_response_bytes
    }

    /// Whether responses are decoded strictly.
    pub fn is_strict(&self) -> bool {
        self.config.strict
    }

    /// The transport underneath.
    pub fn transport(&self) -> &T {
        &self.transport
    }
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Self {
            config: self.config.clone(),
            transport: self.transport.clone(),
        }
    }
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.config;
        f.debug_struct("Client")
            .field("endpoint", &c.endpoint_label)
            .field("credentials", &c.credentials)
            .field("timeout", &c.timeout)
            .field("max_response_bytes", &c.max_response_bytes)
            .field("strict", &c.strict)
            .field("default_headers", &c.default_headers.len())
            .field("transport", &std::any::type_name::<T>())
            .finish_non_exhaustive()
    }
}
