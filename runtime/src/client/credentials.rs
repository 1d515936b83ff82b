//! HTTP Basic credentials that never show their password.

use std::fmt;

use base64::Engine as _;
use http::HeaderValue;

/// A user name and password for HTTP Basic authentication.
///
/// `Debug` prints the user name and hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    user: String,
    password: String,
}

impl Credentials {
    /// Credentials for `user` with `password`.
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            user: user.into(),
            password: password.into(),
        }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The password.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// The `Authorization: Basic …` header value, marked sensitive so that
    /// hyper and `Debug` of the header map do not show it.
    pub(crate) fn header_value(&self) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", self.user, self.password));
        let mut value = HeaderValue::from_str(&format!("Basic {token}"))?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}
