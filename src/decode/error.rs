//! What can go wrong decoding an envelope to JSON.

use soap_runtime::DecodeError;

use super::operation_names;

/// Why [`decode_envelope`](super::decode_envelope) failed.
#[derive(Debug, thiserror::Error)]
pub enum DecodeEnvelopeError {
    /// No operation has this name.
    #[error("unknown operation '{name}'; valid operations: {}", valid_names())]
    UnknownOperation {
        /// The name given.
        name: String,
    },
    /// The input is not an envelope of the operation (malformed, truncated,
    /// another operation, a value outside its type...). The message says it
    /// all, so the error is not a `source()`.
    #[error("{}", located(.0))]
    Envelope(DecodeError),
    /// The decoded value has no JSON form (a value the runtime cannot write back as text).
    #[error("cannot render the decoded message as JSON: {0}")]
    Render(serde_json::Error),
}

impl From<DecodeError> for DecodeEnvelopeError {
    fn from(error: DecodeError) -> Self {
        Self::Envelope(error)
    }
}

impl From<serde_json::Error> for DecodeEnvelopeError {
    fn from(error: serde_json::Error) -> Self {
        Self::Render(error)
    }
}

impl DecodeEnvelopeError {
    /// The input position (1-based line, column) when the error has one.
    pub fn position(&self) -> Option<(u32, u32)> {
        match self {
            Self::Envelope(e) if e.line > 0 => Some((e.line, e.column)),
            _ => None,
        }
    }
}

fn valid_names() -> String {
    operation_names().collect::<Vec<_>>().join(", ")
}

/// `<what> at <line>:<column> (in <path>)`, leaving out what is unknown.
fn located(e: &DecodeError) -> String {
    let mut text = e.kind.to_string();
    if e.line > 0 {
        let at = format!(" at {}:{}", e.line, e.column);
        // XML syntax messages may already end with the same position.
        if !text.ends_with(&at) {
            text.push_str(&at);
        }
    }
    if !e.path.is_empty() {
        text.push_str(&format!(" (in {})", e.path));
    }
    text
}
