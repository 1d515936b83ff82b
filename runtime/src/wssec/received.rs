//! The server side of a UsernameToken: [`ReceivedUsernameToken`] reads the
//! token of a request's `wsse:Security` block and checks a password against it.

use std::fmt;

use super::{PasswordType, UsernameToken, SECURITY, WSSE_NAMESPACE, WSU_NAMESPACE};
use crate::envelope::ReceivedHeaders;
use crate::error::{DecodeError, EncodeError};
use crate::value::Base64Binary;
use crate::xml::{Reader, Start, Writer, XmlType};

crate::xml_struct! {
    #[xml()]
    struct SecurityBlock {
        #[xml("UsernameToken", ns = WSSE_NAMESPACE)]
        token: Option<TokenBlock>,
    }
}

crate::xml_struct! {
    #[xml()]
    struct TokenBlock {
        #[xml("Username", ns = WSSE_NAMESPACE)]
        username: String,
        #[xml("Password", ns = WSSE_NAMESPACE)]
        password: Option<PasswordBlock>,
        #[xml("Nonce", ns = WSSE_NAMESPACE)]
        nonce: Option<Base64Binary>,
        #[xml("Created", ns = WSU_NAMESPACE)]
        created: Option<String>,
    }
}

/// `wsse:Password`: its text and `Type` attribute.
#[derive(Debug, Clone, PartialEq, Default)]
struct PasswordBlock {
    value: String,
    kind: Option<String>,
}

impl XmlType for PasswordBlock {
    fn write_attributes(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.opt_attribute(None, "Type", &self.kind)
    }
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.text(&self.value)
    }
    fn read(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Self, DecodeError> {
        let kind = r.attribute(start, None, "Type")?;
        let value = r.text(start)?;
        Ok(Self { value, kind })
    }
}

/// A `wsse:UsernameToken` as a server receives it (from
/// [`Request::soap_headers`](crate::server::Request::soap_headers), in a
/// [`Dispatch`](crate::server::Dispatch) wrapper in front of the generated
/// server; mount it with [`Router::understand`](crate::server::Router::understand)`(`[`SECURITY`]`)`).
/// The password never shows in `Debug`. Freshness of `Created` and replayed
/// nonces are the caller's to check.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceivedUsernameToken {
    username: String,
    password: String,
    password_type: PasswordType,
    nonce: Vec<u8>,
    created: Option<String>,
}

impl ReceivedUsernameToken {
    /// The token of the first `wsse:Security` block; `None` when there is
    /// no such block or it holds no `UsernameToken`. A block that cannot be
    /// read (no `Username`, a nonce that is not base64) is an error.
    pub fn read(headers: &ReceivedHeaders) -> Result<Option<Self>, DecodeError> {
        let Some(block) = headers.get::<SecurityBlock>(&SECURITY)? else {
            return Ok(None);
        };
        let Some(token) = block.value.token else {
            return Ok(None);
        };
        let password = token.password.unwrap_or_default();
        let password_type = match password.kind.as_deref() {
            Some(kind) if kind.ends_with("#PasswordDigest") => PasswordType::Digest,
            _ => PasswordType::Text,
        };
        Ok(Some(Self {
            username: token.username,
            password: password.value,
            password_type,
            nonce: token.nonce.map(|n| n.0).unwrap_or_default(),
            created: token.created,
        }))
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// How the password was sent (`Type`; `PasswordText` when absent).
    pub fn password_type(&self) -> PasswordType {
        self.password_type
    }

    /// `wsu:Created` as written.
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }

    /// Whether the token proves `password`: the same text, or the digest of
    /// the token's nonce, `Created` and `password` (compared in constant time).
    pub fn verify(&self, password: &str) -> bool {
        let expected = match self.password_type {
            PasswordType::Text => password.to_owned(),
            PasswordType::Digest => UsernameToken::password_digest(
                &self.nonce,
                self.created.as_deref().unwrap_or_default(),
                password,
            ),
        };
        let (a, b) = (expected.as_bytes(), self.password.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
    }
}

impl fmt::Debug for ReceivedUsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceivedUsernameToken")
            .field("username", &self.username)
            .field("password", &"***")
            .field("password_type", &self.password_type)
            .field("created", &self.created)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::{encode_request, peek, Body, SoapVersion};
    use crate::value::{DateTime, SimpleType};
    use crate::xml::{DecodeOptions, Operation};

    static OP: Operation = Operation {
        name: "Op",
        soap_action: "",
        version: SoapVersion::V12,
        input: Body::Empty,
        output: None,
        input_headers: &[],
        output_headers: &[],
    };

    fn received(token: &UsernameToken) -> Option<ReceivedUsernameToken> {
        let xml = encode_request(&OP, &[token], &()).unwrap();
        let peeked = peek(&xml, &DecodeOptions::strict()).unwrap();
        ReceivedUsernameToken::read(&peeked.headers).unwrap()
    }

    #[test]
    fn a_digest_token_verifies_its_password_only() {
        let created = DateTime::parse_text("2026-12-07T12:00:00Z").unwrap();
        let token = UsernameToken::digest("alice", "s3cr\u{e9}t")
            .with_nonce_and_created(b"0123456789abcdef".to_vec(), created)
            .with_timestamp(std::time::Duration::from_secs(60));
        let got = received(&token).expect("a token");
        assert_eq!(got.username(), "alice");
        assert_eq!(got.password_type(), PasswordType::Digest);
        assert_eq!(got.created(), Some("2026-12-07T12:00:00Z"));
        assert!(got.verify("s3cr\u{e9}t"));
        assert!(!got.verify("s3cret"));
        assert!(!format!("{got:?}").contains("EpYa"), "{got:?}");
    }

    #[test]
    fn a_text_token_verifies_fresh_nonces_and_no_block_is_none() {
        let got = received(&UsernameToken::text("bob", "pw&<1")).expect("a token");
        assert_eq!(got.password_type(), PasswordType::Text);
        assert!(got.verify("pw&<1"));
        assert!(!got.verify("pw&<2"));
        assert!(!format!("{got:?}").contains("pw&"), "{got:?}");
        let xml = encode_request(&OP, &[], &()).unwrap();
        let peeked = peek(&xml, &DecodeOptions::default()).unwrap();
        assert_eq!(ReceivedUsernameToken::read(&peeked.headers).unwrap(), None);
    }
}
