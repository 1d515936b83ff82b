//! [`ClientBuilder`]: endpoint, credentials, timeouts, limits, TLS roots, decoding.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, Uri};
use rustls::pki_types::CertificateDer;

use super::endpoint::{parse_endpoint, redact_url};
use super::redact::{Redactions, Secrets};
use super::{Client, Config, Credentials, DiagnosticsHook};
use crate::transport::{
    HttpTransport, HttpTransportOptions, Proxy, ProxyError, TlsConfigError, Transport,
};

/// The default limit for a response body: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// The default size above which a response body is decoded on tokio's
/// blocking pool instead of the caller's worker thread: 64 KiB (about a
/// quarter of a millisecond of decoding; smaller bodies do not pay for the
/// hand-over).
pub const DEFAULT_BLOCKING_DECODE_BYTES: usize = 64 * 1024;

/// The default `User-Agent`.
pub const DEFAULT_USER_AGENT: &str = concat!("soap-runtime/", env!("CARGO_PKG_VERSION"));

/// Why a [`Client`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The endpoint is not an absolute URL (credentials in it are hidden here).
    #[error("invalid endpoint URL '{url}': {reason}")]
    InvalidUrl {
        /// The URL, with any password replaced by `***`.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The endpoint's scheme is neither `http` nor `https`.
    #[error("unsupported URL scheme '{scheme}' (expected http or https)")]
    UnsupportedScheme {
        /// The scheme found.
        scheme: String,
    },
    /// A header value (user agent, credentials) contains characters HTTP does not allow.
    #[error("invalid value for header {header}")]
    InvalidHeader {
        /// The header name.
        header: &'static str,
    },
    /// The TLS configuration could not be built (e.g. an invalid root certificate).
    #[error(transparent)]
    Tls(#[from] TlsConfigError),
    /// The proxy URL is unusable.
    #[error(transparent)]
    Proxy(#[from] ProxyError),
}

/// Configures a [`Client`]: `ClientBuilder::new(url).basic_auth(u, p).timeout(d).build()?`.
///
/// Credentials in the URL (`https://user:pass@host/…`) are taken out of it and
/// used for Basic auth unless [`basic_auth`](Self::basic_auth) is set.
#[derive(Clone)]
pub struct ClientBuilder {
    endpoint: String,
    credentials: Option<Credentials>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    max_response_bytes: usize,
    blocking_decode_threshold: usize,
    user_agent: String,
    strict: bool,
    root_certificates: Vec<CertificateDer<'static>>,
    on_diagnostics: Option<DiagnosticsHook>,
    redactions: Redactions,
    proxy: ProxySetting,
}

/// The proxy a builder was given, checked when the client is built.
#[derive(Clone)]
enum ProxySetting {
    Env,
    Url(String),
    Config(Proxy),
}

impl ClientBuilder {
    /// A builder for a client of `endpoint` (`http://` or `https://`).
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            credentials: None,
            connect_timeout: HttpTransportOptions::default().connect_timeout,
            timeout: Some(Duration::from_secs(60)),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            blocking_decode_threshold: DEFAULT_BLOCKING_DECODE_BYTES,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            strict: false,
            root_certificates: Vec::new(),
            on_diagnostics: None,
            redactions: Redactions::default(),
            proxy: ProxySetting::Env,
        }
    }

    /// HTTP Basic authentication with `user` and `password`.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::new(user, password));
        self
    }

    /// HTTP Basic authentication with ready-made [`Credentials`].
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Limit for setting up a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// One deadline for the whole call: connecting, sending, receiving and
    /// decoding the response (default 60 s). When it passes, the call returns
    /// [`Error::Timeout`](crate::Error::Timeout) with [`TimeoutPhase::Call`](crate::TimeoutPhase::Call)
    /// (a decode running on the blocking pool finishes there unobserved).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// No limit for the whole call (the connect timeout still applies).
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// The largest response body accepted (default 16 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Response bodies larger than `bytes` are decoded on tokio's blocking
    /// pool (`spawn_blocking`), so that a large answer does not hold up the
    /// other tasks of the caller's worker thread (default
    /// [`DEFAULT_BLOCKING_DECODE_BYTES`]; `usize::MAX`: always decode in place).
    pub fn blocking_decode_threshold(mut self, bytes: usize) -> Self {
        self.blocking_decode_threshold = bytes;
        self
    }

    /// The `User-Agent` header (default `soap-runtime/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Strict decoding: facet violations, missing required elements and
    /// unknown elements are errors instead of diagnostics (default: lenient).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Trusts `der` (a DER-encoded X.509 certificate) as a root, in addition
    /// to the webpki (Mozilla) roots. Checked when the client is built.
    pub fn add_root_certificate(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.root_certificates
            .push(CertificateDer::from(der.into()));
        self
    }

    /// Called with what the lenient decoder tolerated in each response that
    /// had something to report (they are also logged with `tracing::warn!`).
    pub fn on_diagnostics(mut self, hook: DiagnosticsHook) -> Self {
        self.on_diagnostics = Some(hook);
        self
    }

    /// Sends every request through the HTTP proxy at `url`
    /// (`http://[user:password@]host:port`), whatever the environment says.
    /// `https://` endpoints are tunnelled with `CONNECT`; the credentials
    /// become `Proxy-Authorization` and are hidden in `Debug`, errors and logs.
    /// Checked when the client is built ([`BuildError::Proxy`]).
    ///
    /// Without this, [`no_proxy`](Self::no_proxy) or
    /// [`proxy_config`](Self::proxy_config), the proxy comes from the
    /// environment ([`Proxy::from_env`]: `HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY`, `NO_PROXY`, read when the client is built).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxySetting::Url(url.into());
        self
    }

    /// Connects directly, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxySetting::Config(Proxy::none());
        self
    }

    /// Uses these proxy rules (e.g. [`Proxy::rules`] from a configuration file).
    pub fn proxy_config(mut self, proxy: Proxy) -> Self {
        self.proxy = ProxySetting::Config(proxy);
        self
    }

    /// Also redacts the values of elements and attributes with the local name
    /// `name` (any namespace, ASCII case ignored): TRACE logs show `***`
    /// instead, and the values this client sent in them are masked in error
    /// text a server echoes back. Added to [`DEFAULT_REDACTED_ELEMENTS`](super::DEFAULT_REDACTED_ELEMENTS)
    /// (or to the set given to [`redacted_elements`](Self::redacted_elements)).
    pub fn redact_element(mut self, name: impl Into<String>) -> Self {
        self.redactions.add(name.into());
        self
    }

    /// Redacts exactly these elements and attributes instead of
    /// [`DEFAULT_REDACTED_ELEMENTS`](super::DEFAULT_REDACTED_ELEMENTS) (an empty list: none).
    pub fn redacted_elements<S: Into<String>>(
        mut self,
        names: impl IntoIterator<Item = S>,
    ) -> Self {
        self.redactions = Redactions::new(names);
        self
    }

    /// Builds a client over a new [`HttpTransport`] (its own connection pool).
    pub fn build(self) -> Result<Client, BuildError> {
        let (endpoint, url_credentials) = parse_endpoint(&self.endpoint)?;
        match endpoint.scheme_str() {
            Some("http" | "https") => {}
            other => {
                return Err(BuildError::UnsupportedScheme {
                    scheme: other.unwrap_or_default().to_owned(),
                })
            }
        }
        let proxy = match &self.proxy {
            ProxySetting::Env => Proxy::from_env(),
            ProxySetting::Url(url) => Proxy::url(url)?,
            ProxySetting::Config(proxy) => proxy.clone(),
        };
        let transport = HttpTransport::new(&HttpTransportOptions {
            connect_timeout: self.connect_timeout,
            extra_root_certificates: self.root_certificates.clone(),
            proxy,
            ..HttpTransportOptions::default()
        })?;
        self.finish(endpoint, url_credentials, transport)
    }

    /// Builds a client that sends through `transport` (e.g. a shared
    /// [`HttpTransport`], or an in-memory one in tests). The connect timeout
    /// root certificates and proxy are the transport's business and ignored here.
    pub fn build_with_transport<T: Transport>(self, transport: T) -> Result<Client<T>, BuildError> {
        let (endpoint, url_credentials) = parse_endpoint(&self.endpoint)?;
        self.finish(endpoint, url_credentials, transport)
    }

    fn finish<T: Transport>(
        self,
        endpoint: Uri,
        url_credentials: Option<Credentials>,
        transport: T,
    ) -> Result<Client<T>, BuildError> {
        let credentials = self.credentials.or(url_credentials);
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/xml; charset=utf-8"),
        );
        headers.insert(
            USER_AGENT,
            HeaderValue::from_str(&self.user_agent).map_err(|_| BuildError::InvalidHeader {
                header: "User-Agent",
            })?,
        );
        let mut secrets = Secrets::default();
        for secret in transport.secrets(&endpoint) {
            secrets.add(&secret);
        }
        if let Some(credentials) = &credentials {
            let value = credentials
                .header_value()
                .map_err(|_| BuildError::InvalidHeader {
                    header: "Authorization",
                })?;
            secrets.add(credentials.password());
            if let Some(token) = value.to_str().ok().and_then(|v| v.strip_prefix("Basic ")) {
                secrets.add(token);
            }
            headers.insert(AUTHORIZATION, value);
        }
        Ok(Client {
            config: Arc::new(Config {
                endpoint_label: endpoint.to_string(),
                endpoint,
                credentials,
                headers,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
                blocking_decode_threshold: self.blocking_decode_threshold,
                strict: self.strict,
                on_diagnostics: self.on_diagnostics,
                redactions: self.redactions,
                secrets,
                default_headers: Default::default(),
            }),
            transport: Arc::new(transport),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &redact_url(&self.endpoint))
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("blocking_decode_threshold", &self.blocking_decode_threshold)
            .field("user_agent", &self.user_agent)
            .field("strict", &self.strict)
            .field("root_certificates", &self.root_certificates.len())
            .field("on_diagnostics", &self.on_diagnostics.is_some())
            .field("redactions", &self.redactions)
            .field(
                "proxy",
                &match &self.proxy {
                    ProxySetting::Env => "from the environment".to_owned(),
                    ProxySetting::Url(url) => redact_url(url),
                    ProxySetting::Config(proxy) => format!("{proxy:?}"),
                },
            )
            .finish()
    }
}
