//! HTTP Basic authentication in front of every route of the simulator, as the
//! real service demands it: a request without the credentials of a known
//! user gets `401` with a `WWW-Authenticate: Basic` challenge and reaches
//! nothing behind the guard.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use bytes::Bytes;
use http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderValue, StatusCode};
use soap_runtime::rt::{self, SimpleType};
use soap_runtime::server::{Reply, Response, Service};
use subtle::{Choice, ConstantTimeEq};

/// The realm named in the `WWW-Authenticate` challenge.
pub const REALM: &str = "Resurs Bank simulator";

/// Name of the user a simulator gets when none is configured.
pub const DEMO_USER: &str = "demo";

/// A user the simulator lets in: a name and a password.
///
/// `Debug` and `Display` show the name only.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    name: String,
    password: String,
}

impl User {
    /// A user `name` with `password`.
    pub fn new(name: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            password: password.into(),
        }
    }

    /// The demo user with a fresh random password.
    pub(crate) fn demo() -> Result<Self, getrandom::Error> {
        const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)?;
        let password = bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect::<String>();
        Ok(Self::new(DEMO_USER, password))
    }

    /// The user name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The password.
    pub fn password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// Why a `NAME:PASSWORD` text is not a user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserError {
    /// No `:` between name and password.
    #[error("expected NAME:PASSWORD, found no `:`")]
    NoColon,
    /// The name is empty.
    #[error("the user name before `:` is empty")]
    EmptyName,
}

impl FromStr for User {
    type Err = UserError;

    /// `NAME:PASSWORD`, split at the first `:` (a Basic user name cannot hold
    /// one; a password can).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (name, password) = text.split_once(':').ok_or(UserError::NoColon)?;
        if name.is_empty() {
            return Err(UserError::EmptyName);
        }
        Ok(Self::new(name, password))
    }
}

/// The users a guard lets in.
#[derive(Debug, Clone)]
pub(crate) struct Users(Arc<[User]>);

impl Users {
    pub(crate) fn new(users: Vec<User>) -> Self {
        Self(users.into())
    }

    /// The name of the user whose credentials `headers` carry, if any.
    ///
    /// Every user's name and password are compared in constant time, and
    /// all users are compared whatever matches, so timing does not tell
    /// which part was wrong.
    pub(crate) fn authenticate(&self, headers: &HeaderMap) -> Option<&str> {
        let (name, password) = basic_credentials(headers)?;
        let mut found = None;
        for user in self.0.iter() {
            let matches: Choice = user.name.as_bytes().ct_eq(name.as_bytes())
                & user.password.as_bytes().ct_eq(password.as_bytes());
            if bool::from(matches) {
                found = Some(user.name.as_str());
            }
        }
        found
    }
}

/// The user name and password of an `Authorization: Basic` header (scheme
/// matched case-insensitively, UTF-8 credentials).
pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = rt::Base64Binary::parse_text(encoded.trim()).ok()?.0;
    let text = String::from_utf8(decoded).ok()?;
    let (name, password) = text.split_once(':')?;
    Some((name.to_owned(), password.to_owned()))
}

/// A [`Service`] that passes only requests of known users to `inner`.
pub(crate) struct Guard<S> {
    users: Users,
    inner: S,
}

impl<S> Guard<S> {
    pub(crate) fn new(users: Users, inner: S) -> Self {
        Self { users, inner }
    }
}

impl<S: Service> Service for Guard<S> {
    fn call(&self, request: http::Request<Bytes>) -> rt::BoxFuture<'_, Reply> {
        if self.users.authenticate(request.headers()).is_some() {
            return self.inner.call(request);
        }
        tracing::info!(
            path = request.uri().path(),
            "refused without valid credentials"
        );
        Box::pin(std::future::ready(Reply::Respond(unauthorized())))
    }
}

/// `401` with the Basic challenge.
fn unauthorized() -> Response {
    let challenge = format!("Basic realm=\"{REALM}\", charset=\"UTF-8\"");
    let response = Response::text(
        StatusCode::UNAUTHORIZED,
        "valid HTTP Basic credentials are required\n",
    );
    match HeaderValue::from_str(&challenge) {
        Ok(value) => response.with_header(WWW_AUTHENTICATE, value),
        Err(_) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    fn basic(text: &str) -> String {
        let mut out = String::new();
        rt::Base64Binary(text.as_bytes().to_vec())
            .write_text(&mut out)
            .unwrap();
        format!("Basic {out}")
    }

    #[test]
    fn only_a_known_name_and_password_pass() {
        let users = Users::new(vec![User::new("shop", "secret"), User::new("b", "x:y")]);
        assert_eq!(
            users.authenticate(&headers(&basic("shop:secret"))),
            Some("shop")
        );
        assert_eq!(users.authenticate(&headers(&basic("b:x:y"))), Some("b"));
        assert_eq!(
            users.authenticate(&headers(&basic("shop:secret").replace("Basic", "bAsIc"))),
            Some("shop")
        );
        for refused in [
            basic("shop:wrong"),
            basic("shop:secre"),
            basic("shop:secret2"),
            basic("other:secret"),
            basic("shopsecret"),
            "Basic !!!".to_owned(),
            "Bearer c2hvcDpzZWNyZXQ=".to_owned(),
            "Basic".to_owned(),
        ] {
            assert_eq!(users.authenticate(&headers(&refused)), None, "{refused}");
        }
        assert_eq!(users.authenticate(&HeaderMap::new()), None);
    }

    #[test]
    fn users_parse_from_name_colon_password() {
        let user: User = "shop:se:cret".parse().unwrap();
        assert_eq!((user.name(), user.password()), ("shop", "se:cret"));
        assert_eq!("shop".parse::<User>(), Err(UserError::NoColon));
        assert_eq!(":x".parse::<User>(), Err(UserError::EmptyName));
        assert!(!format!("{user:?}").contains("cret"));
    }

    #[test]
    fn demo_passwords_differ() {
        let (a, b) = (User::demo().unwrap(), User::demo().unwrap());
        assert_eq!(a.name(), DEMO_USER);
        assert_eq!(a.password().len(), 16);
        assert_ne!(a.password(), b.password());
    }
}
