//! The one error type of a call: what went wrong, sorted by what a caller does about it.

use std::fmt;

use http::StatusCode;

use crate::error::{DecodeError, EncodeError};
use crate::fault::Fault;
use crate::transport::TransportError;

/// Which phase of a call ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutPhase {
    /// Setting up the connection (the connect timeout).
    Connect,
    /// The whole call: sending, waiting and reading the body (the call timeout).
    Call,
}

impl fmt::Display for TimeoutPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "connecting",
            Self::Call => "the call",
        })
    }
}

/// Why a call failed. `F` is the operation's fault enum (generated `<Op>Fault`,
/// or [`NoFault`](crate::NoFault)).
///
/// `Display` is meant for logs, except for [`Error::Fault`], which shows the
/// fault's user message (never the technical `faultstring`; use
/// [`Fault`]'s accessors for that). [`Error::user_message`] is the text for
/// end users in every case.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<F> {
    /// The request could not be carried: connection refused, TLS, broken connection.
    Transport(TransportError),
    /// A timeout expired.
    Timeout {
        /// Which one.
        phase: TimeoutPhase,
        /// The endpoint (without credentials).
        endpoint: String,
    },
    /// The response body is larger than the client's limit; reading stopped.
    ResponseTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A non-2xx answer that is not a SOAP fault (a proxy's HTML page, an empty 502).
    HttpStatus {
        /// The HTTP status.
        status: StatusCode,
        /// The `Content-Type` of the answer, if any.
        content_type: Option<String>,
        /// The start of the body (at most 512 bytes, cut at a character boundary).
        snippet: String,
    },
    /// The response is not a readable SOAP envelope for the operation.
    Decode(DecodeError),
    /// The request could not be encoded (a value violates its type); nothing was sent.
    Encode(EncodeError),
    /// The service answered with a SOAP fault.
    Fault(Box<Fault<F>>),
}

impl<F> Error<F> {
    /// Whether the service answered with a SOAP fault.
    pub fn is_fault(&self) -> bool {
        matches!(self, Self::Fault(_))
    }

    /// The SOAP fault, if the service answered with one.
    pub fn fault(&self) -> Option<&Fault<F>> {
        match self {
            Self::Fault(fault) => Some(fault.as_ref()),
            _ => None,
        }
    }

    /// Whether this is a timeout (of any phase).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }

    /// Whether trying the same call again later may succeed: the service
    /// could not be reached, timed out, or a gateway said it is unavailable
    /// (502, 503, 504). A call that timed out may have been carried out:
    /// retry only idempotent operations blindly.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport(e) => e.is_retryable(),
            Self::Timeout { .. } => true,
            Self::HttpStatus { status, .. } => matches!(
                *status,
                StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            ),
            _ => false,
        }
    }
}

impl<F: crate::fault::FaultDetail> Error<F> {
    /// A text for end users: the fault's user message when the service sent
    /// one, otherwise a generic sentence for the kind of failure.
    pub fn user_message(&self) -> &str {
        match self {
            Self::Fault(fault) => fault
                .user_message()
                .unwrap_or("The service reported an error."),
            Self::Transport(_) | Self::Timeout { .. } | Self::HttpStatus { .. } => {
                "The service could not be reached. Please try again later."
            }
            Self::ResponseTooLarge { .. } | Self::Decode(_) => {
                "The service sent an answer that could not be read."
            }
            Self::Encode(_) => "The request contains an invalid value.",
        }
    }
}

impl<F> fmt::Display for Error<F>
where
    Fault<F>: fmt::Display,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(e) => fmt::Display::fmt(e, f),
            Self::Timeout { phase, endpoint } => write!(f, "{phase} timed out ({endpoint})"),
            Self::ResponseTooLarge { limit } => {
                write!(f, "the response exceeds the limit of {limit} bytes")
            }
            Self::HttpStatus {
                status,
                content_type,
                snippet,
            } => {
                write!(f, "HTTP {status}")?;
                if let Some(ct) = content_type {
                    write!(f, " ({ct})")?;
                }
                if !snippet.is_empty() {
                    write!(f, ": {snippet}")?;
                }
                Ok(())
            }
            Self::Decode(e) => write!(f, "cannot decode the response: {e}"),
            Self::Encode(e) => write!(f, "invalid request, nothing sent: {e}"),
            Self::Fault(fault) => fmt::Display::fmt(fault, f),
        }
    }
}

impl<F> std::error::Error for Error<F>
where
    F: fmt::Debug,
    Fault<F>: fmt::Display,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Display already shows these errors: their causes come next.
            Self::Transport(e) => e.source(),
            Self::Decode(e) => e.source(),
            Self::Encode(e) => e.source(),
            _ => None,
        }
    }
}

impl<F> From<TransportError> for Error<F> {
    fn from(error: TransportError) -> Self {
        match error {
            TransportError::ConnectTimeout { endpoint } => Self::Timeout {
                phase: TimeoutPhase::Connect,
                endpoint,
            },
            TransportError::ResponseTooLarge { limit, .. } => Self::ResponseTooLarge { limit },
            other => Self::Transport(other),
        }
    }
}

/// The start of a body for error messages: at most `max` bytes, cut at a
/// character boundary, invalid UTF-8 replaced, surrounding whitespace trimmed.
pub(crate) fn snippet(body: &[u8], max: usize) -> String {
    let head = &body[..body.len().min(max)];
    let head = match std::str::from_utf8(head) {
        Err(e) if e.error_len().is_none() => &head[..e.valid_up_to()],
        _ => head,
    };
    String::from_utf8_lossy(head).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippet_cuts_at_a_char_boundary() {
        let body = "ab€".as_bytes(); // € is 3 bytes
        assert_eq!(snippet(body, 3), "ab");
        assert_eq!(snippet(body, 5), "ab€");
        assert_eq!(snippet(b"  <html>  ", 512), "<html>");
        assert_eq!(snippet(b"\xff\xfeok", 512), "\u{fffd}\u{fffd}ok");
    }
}
