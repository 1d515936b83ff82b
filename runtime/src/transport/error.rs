//! Why a request could not be carried.

use std::error::Error as StdError;
use std::io;

/// A boxed error from below the transport (hyper, rustls, IO, a custom transport).
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Why a request did not produce a complete HTTP response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// No connection: refused, unreachable, name not resolved.
    #[error("cannot connect to {endpoint}: {reason}")]
    Connect {
        /// The endpoint (without credentials).
        endpoint: String,
        /// The causes, outermost first (`tcp connect error: Connection refused`).
        reason: String,
        /// What the network said (already spelled out in `reason`, so not a `source()`).
        cause: BoxError,
    },
    /// The TLS handshake failed (untrusted or invalid certificate, protocol error).
    #[error("TLS handshake with {endpoint} failed: {reason}")]
    Tls {
        /// The endpoint (without credentials).
        endpoint: String,
        /// The causes, outermost first (`invalid peer certificate: UnknownIssuer`).
        reason: String,
        /// What rustls said (already spelled out in `reason`, so not a `source()`).
        cause: BoxError,
    },
    /// The connection could not be set up within the connect timeout.
    #[error("connecting to {endpoint} timed out")]
    ConnectTimeout {
        /// The endpoint (without credentials).
        endpoint: String,
    },
    /// The connection broke while sending the request or reading the response.
    #[error("I/O with {endpoint} failed: {reason}")]
    Io {
        /// The endpoint (without credentials).
        endpoint: String,
        /// The causes, outermost first.
        reason: String,
        /// The underlying error (already spelled out in `reason`, so not a `source()`).
        cause: BoxError,
    },
    /// The response body is larger than the configured limit; reading stopped.
    #[error("response from {endpoint} exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The endpoint (without credentials).
        endpoint: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// The request could not be built (e.g. a header value with control characters).
    #[error("invalid request to {endpoint}: {reason}")]
    InvalidRequest {
        /// The endpoint (without credentials).
        endpoint: String,
        /// What is wrong.
        reason: String,
    },
    /// Anything else, typically from a custom transport.
    #[error(transparent)]
    Other(BoxError),
}

impl TransportError {
    /// Sorts an error from hyper-util's client: TLS, connect timeout,
    /// connect failure or IO, by walking its source chain.
    pub(crate) fn classify(endpoint: &str, error: hyper_util::client::legacy::Error) -> Self {
        let endpoint = endpoint.to_owned();
        let mut tls = false;
        let mut timed_out = false;
        let mut reasons: Vec<String> = Vec::new();
        // hyper-util's own message ("client error (Connect)") says nothing: start below it.
        let mut cause = error.source();
        while let Some(e) = cause {
            tls |= e.is::<rustls::Error>();
            let message = e.to_string();
            if reasons.last() != Some(&message) {
                reasons.push(message);
            }
            cause = match e.downcast_ref::<io::Error>() {
                Some(io) => {
                    timed_out |= io.kind() == io::ErrorKind::TimedOut;
                    // io::Error::source skips the error it wraps: step into it instead.
                    match io.get_ref() {
                        Some(inner) => Some(inner as &(dyn StdError + 'static)),
                        None => e.source(),
                    }
                }
                None => e.source(),
            };
        }
        let reason = if reasons.is_empty() {
            error.to_string()
        } else {
            reasons.join(": ")
        };
        let connect = error.is_connect();
        let cause: BoxError = Box::new(error);
        if tls {
            Self::Tls {
                endpoint,
                reason,
                cause,
            }
        } else if connect && timed_out {
            Self::ConnectTimeout { endpoint }
        } else if connect {
            Self::Connect {
                endpoint,
                reason,
                cause,
            }
        } else {
            Self::Io {
                endpoint,
                reason,
                cause,
            }
        }
    }

    /// Whether sending the same request again may succeed (nothing reached the service).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Connect { .. } | Self::ConnectTimeout { .. })
    }
}
