//! WS-Security UsernameToken (OASIS Username Token Profile 1.0/1.1): a
//! `wsse:Security` header block, marked `mustUnderstand`, with the user name
//! and the password as text (`PasswordText`) or as
//! `Base64(SHA-1(nonce + created + password))` (`PasswordDigest`), a fresh
//! nonce and `wsu:Created` per message, and optionally a `wsu:Timestamp`.
//!
//! ```
//! use soap_runtime::client::HeaderScope;
//! use soap_runtime::wssec::UsernameToken;
//! # fn demo(client: &soap_runtime::Client) {
//! client.set_header(UsernameToken::digest("user", "secret"), HeaderScope::Every);
//! # }
//! ```
//!
//! The password never shows in `Debug`, and the client masks it (and its
//! XML-escaped forms) in logs and in text a server echoes back. A server
//! reads and checks a received token with [`ReceivedUsernameToken`].

mod received;

pub use received::ReceivedUsernameToken;

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use ring::rand::SecureRandom as _;

use crate::envelope::WriteHeader;
use crate::error::{EncodeError, EncodeErrorKind, ValueError};
use crate::value::{DateTime, SimpleType};
use crate::xml::{FieldName, Writer};

/// The `wsse` namespace (WSS 1.0 secext).
pub const WSSE_NAMESPACE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// The `wsu` namespace (WSS 1.0 utility).
pub const WSU_NAMESPACE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/// The header element `wsse:Security` (for [`Router::understand`](crate::server::Router::understand)).
pub const SECURITY: FieldName = FieldName {
    ns: Some(WSSE_NAMESPACE),
    name: "Security",
};

const PROFILE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
const BASE64_ENCODING: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// How the password is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PasswordType {
    /// As is (`#PasswordText`): only over TLS.
    Text,
    /// `Base64(SHA-1(nonce + created + password))` (`#PasswordDigest`).
    Digest,
}

impl PasswordType {
    fn uri(self) -> String {
        match self {
            Self::Text => format!("{PROFILE}#PasswordText"),
            Self::Digest => format!("{PROFILE}#PasswordDigest"),
        }
    }
}

/// A `wsse:Security` header block with a `wsse:UsernameToken`; set it as a
/// client default header ([`Client::set_header`](crate::Client::set_header)).
/// Each message gets a new nonce (16 random bytes) and `Created` time,
/// unless fixed with [`with_nonce_and_created`](Self::with_nonce_and_created).
#[derive(Clone, PartialEq, Eq)]
pub struct UsernameToken {
    username: String,
    password: String,
    password_type: PasswordType,
    timestamp: Option<Duration>,
    fixed: Option<(Vec<u8>, DateTime)>,
}

impl UsernameToken {
    /// A token sending `password` as text (with a nonce and `Created`).
    pub fn text(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self::new(username.into(), password.into(), PasswordType::Text)
    }

    /// A token sending the digest of `password`.
    pub fn digest(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self::new(username.into(), password.into(), PasswordType::Digest)
    }

    fn new(username: String, password: String, password_type: PasswordType) -> Self {
        Self {
            username,
            password,
            password_type,
            timestamp: None,
            fixed: None,
        }
    }

    /// The same token with a `wsu:Timestamp` (`Created` now, `Expires`
    /// `ttl` later) before the `UsernameToken`.
    pub fn with_timestamp(self, ttl: Duration) -> Self {
        Self {
            timestamp: Some(ttl),
            ..self
        }
    }

    /// The same token with a fixed nonce and `Created` time on every
    /// message (reproducible messages, tests against published vectors;
    /// a service that refuses replayed nonces refuses the second call).
    pub fn with_nonce_and_created(self, nonce: impl Into<Vec<u8>>, created: DateTime) -> Self {
        Self {
            fixed: Some((nonce.into(), created)),
            ..self
        }
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// How the password is sent.
    pub fn password_type(&self) -> PasswordType {
        self.password_type
    }

    /// `Base64(SHA-1(nonce + created + password))`, the `PasswordDigest` of
    /// the profile (`created` as written in `wsu:Created`).
    pub fn password_digest(nonce: &[u8], created: &str, password: &str) -> String {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY);
        ctx.update(nonce);
        ctx.update(created.as_bytes());
        ctx.update(password.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(ctx.finish().as_ref())
    }

    fn nonce_and_created(&self) -> Result<(Vec<u8>, DateTime), EncodeError> {
        if let Some((nonce, created)) = &self.fixed {
            return Ok((nonce.clone(), *created));
        }
        let mut nonce = vec![0u8; 16];
        ring::rand::SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| error("Nonce", "no system randomness for the nonce"))?;
        Ok((nonce, now()?))
    }
}

fn now() -> Result<DateTime, EncodeError> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let secs = i64::try_from(secs).map_err(|_| error("Created", "the clock is out of range"))?;
    DateTime::from_unix_seconds(secs, 0).map_err(|e| value_error("Created", e))
}

fn error(element: &str, reason: &str) -> EncodeError {
    let mut value = ValueError::new("dateTime", "");
    value.reason = Some(reason.to_owned());
    value_error(element, value)
}

fn value_error(element: &str, value: ValueError) -> EncodeError {
    EncodeError {
        path: format!("Security/{element}"),
        kind: EncodeErrorKind::Value(value),
    }
}

fn lexical(value: &DateTime) -> Result<String, EncodeError> {
    let mut out = String::new();
    value
        .write_text(&mut out)
        .map_err(|e| value_error("Created", e))?;
    Ok(out)
}

impl fmt::Debug for UsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameToken")
            .field("username", &self.username)
            .field("password", &"***")
            .field("password_type", &self.password_type)
            .field("timestamp", &self.timestamp)
            .field("fixed", &self.fixed.is_some())
            .finish()
    }
}

impl WriteHeader for UsernameToken {
    fn element(&self) -> FieldName {
        SECURITY
    }
    fn must_understand(&self) -> bool {
        true
    }
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError> {
        let (nonce, created) = self.nonce_and_created()?;
        let created_text = lexical(&created)?;
        let wsse = Some(WSSE_NAMESPACE);
        let wsu = Some(WSU_NAMESPACE);
        if let Some(ttl) = self.timestamp {
            let secs = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX);
            let expires = created
                .to_unix_seconds()
                .checked_add(secs)
                .ok_or_else(|| error("Timestamp/Expires", "the time to live is out of range"))
                .and_then(|s| {
                    DateTime::from_unix_seconds(s, 0).map_err(|e| value_error("Expires", e))
                })?;
            w.element_with(
                wsu,
                "Timestamp",
                0,
                |w| w.attribute(wsu, "Id", &"TS-1".to_owned()),
                |w| {
                    w.field(wsu, "Created", &created_text)?;
                    w.field(wsu, "Expires", &lexical(&expires)?)
                },
            )?;
        }
        let password = match self.password_type {
            PasswordType::Text => self.password.clone(),
            PasswordType::Digest => Self::password_digest(&nonce, &created_text, &self.password),
        };
        let nonce = base64::engine::general_purpose::STANDARD.encode(&nonce);
        w.element_with(
            wsse,
            "UsernameToken",
            0,
            |w| w.attribute(wsu, "Id", &"UsernameToken-1".to_owned()),
            |w| {
                w.field(wsse, "Username", &self.username)?;
                w.element_with(
                    wsse,
                    "Password",
                    0,
                    |w| w.attribute(None, "Type", &self.password_type.uri()),
                    |w| w.text(&password),
                )?;
                w.element_with(
                    wsse,
                    "Nonce",
                    0,
                    |w| w.attribute(None, "EncodingType", &BASE64_ENCODING.to_owned()),
                    |w| w.text(&nonce),
                )?;
                w.field(wsu, "Created", &created_text)
            },
        )
    }
    fn secrets(&self) -> Vec<String> {
        vec![self.password.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::{encode_request, Body, SoapVersion};
    use crate::xml::Operation;

    // Expected values computed independently with Python:
    // base64.b64encode(hashlib.sha1(b"0123456789abcdef"
    //     + b"2026-12-07T12:00:00Z" + "s3cr\u00e9t".encode()).digest())
    const NONCE: &[u8] = b"0123456789abcdef";
    const NONCE_B64: &str = "MDEyMzQ1Njc4OWFiY2RlZg==";
    const DIGEST: &str = "EpYa/Ns5g5fmm+3yiz6b1VOiX3E=";

    static OP: Operation = Operation {
        name: "Op",
        soap_action: "",
        version: SoapVersion::V11,
        input: Body::Empty,
        output: None,
        input_headers: &[],
        output_headers: &[],
    };

    fn created() -> DateTime {
        DateTime::parse_text("2026-12-07T12:00:00Z").unwrap()
    }

    #[test]
    fn digest_matches_an_independent_computation() {
        let digest = UsernameToken::password_digest(NONCE, "2026-12-07T12:00:00Z", "s3cr\u{e9}t");
        assert_eq!(digest, DIGEST);
    }

    #[test]
    fn digest_token_writes_nonce_created_and_digest() {
        let token = UsernameToken::digest("alice", "s3cr\u{e9}t")
            .with_nonce_and_created(NONCE, created())
            .with_timestamp(Duration::from_secs(300));
        let xml = String::from_utf8(encode_request(&OP, &[&token], &()).unwrap()).unwrap();
        assert!(xml.contains("mustUnderstand=\"1\""), "{xml}");
        assert!(xml.contains(&format!(">{DIGEST}</")), "{xml}");
        assert!(xml.contains(&format!(">{NONCE_B64}</")), "{xml}");
        assert!(xml.contains("#PasswordDigest\""), "{xml}");
        assert!(xml.contains(">2026-12-07T12:05:00Z<"), "{xml}");
        assert!(xml.contains(">alice<"), "{xml}");
        assert!(!xml.contains("s3cr"), "{xml}");
        let ts = xml.find("Timestamp").unwrap();
        assert!(ts < xml.find("UsernameToken").unwrap());
    }

    #[test]
    fn text_token_sends_the_password_and_fresh_nonces() {
        let token = UsernameToken::text("alice", "pw&<1");
        let one = String::from_utf8(encode_request(&OP, &[&token], &()).unwrap()).unwrap();
        let two = String::from_utf8(encode_request(&OP, &[&token], &()).unwrap()).unwrap();
        assert!(one.contains(">pw&amp;&lt;1</"), "{one}");
        assert!(one.contains("#PasswordText\""), "{one}");
        let nonce = |xml: &str| {
            let start = xml.find("Base64Binary\">").unwrap() + "Base64Binary\">".len();
            xml[start..start + 24].to_owned()
        };
        assert_ne!(nonce(&one), nonce(&two));
    }

    #[test]
    fn password_is_redacted_in_debug_and_listed_as_secret() {
        let token = UsernameToken::digest("alice", "hunter2");
        let debug = format!("{token:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("alice"));
        assert_eq!(token.secrets(), vec!["hunter2".to_owned()]);
    }
}
