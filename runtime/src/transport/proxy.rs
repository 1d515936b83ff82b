//! HTTP(S) proxies: which requests go through one (hyper-util's `Matcher`,
//! curl's rules) and the connector that reaches the service through it
//! (hyper-util's CONNECT `Tunnel` for `https://`, absolute-form requests for
//! `http://`).

use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use base64::Engine as _;
use http::header::HeaderValue;
use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_rustls::{HttpsConnector, MaybeHttpsStream};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::proxy::matcher::{Intercept, Matcher};
use hyper_util::rt::TokioIo;
use rustls::ClientConfig;
use tokio::net::TcpStream;
use tower_service::Service;

use super::BoxError;
use crate::client::endpoint::{redact_url, split_credentials};
use crate::client::redact::percent_encode;

/// Why a proxy setting is unusable.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProxyError {
    /// The proxy URL cannot be parsed or names no host (credentials in it are hidden here).
    #[error("invalid proxy URL '{url}': {reason}")]
    InvalidUrl {
        /// The URL, with any user info replaced by `***`.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Which requests of an [`HttpTransport`](super::HttpTransport) go through
/// an HTTP proxy, and which one.
///
/// `https://` endpoints are reached through a `CONNECT` tunnel (TLS runs
/// end to end, the proxy sees only the host and port); `http://` endpoints
/// are sent to the proxy in absolute form. Proxy credentials
/// (`http://user:password@proxy:3128`) become a `Proxy-Authorization: Basic`
/// header (on the `CONNECT`, or on each plain-HTTP request) and are hidden
/// in `Debug`, errors and logs. The proxy itself is spoken to in plain HTTP
/// for tunnels; an `https://` proxy URL works for `http://` endpoints only.
#[derive(Clone)]
pub struct Proxy {
    matcher: Option<Arc<Matcher>>,
    label: Label,
}

#[derive(Clone)]
enum Label {
    Env,
    None,
    Url(String),
    Rules,
}

impl Proxy {
    /// As curl does, from the environment when called: `HTTPS_PROXY` for
    /// `https://` endpoints, `HTTP_PROXY` for `http://` ones (ignored when
    /// `REQUEST_METHOD` is set, as in a CGI script), `ALL_PROXY` for both,
    /// each also in lower case, and `NO_PROXY` (comma-separated hosts,
    /// domains with their subdomains, IP addresses or networks like
    /// `10.0.0.0/8`, `*` for all) for the endpoints that bypass the proxy.
    /// No variable set: no proxy. This is the default.
    pub fn from_env() -> Self {
        Self {
            matcher: Some(Arc::new(Matcher::from_env())),
            label: Label::Env,
        }
    }

    /// No proxy: every endpoint is connected to directly.
    pub fn none() -> Self {
        Self {
            matcher: None,
            label: Label::None,
        }
    }

    /// Every endpoint through the proxy at `url` (`http://[user:password@]host:port`;
    /// without a scheme, `http://` is assumed). Percent-escapes in the
    /// credentials are decoded; a password may also hold `/`, `?`, `#`, `@` as is.
    pub fn url(url: &str) -> Result<Self, ProxyError> {
        let invalid = |reason: &str| ProxyError::InvalidUrl {
            url: redact_url(url),
            reason: reason.to_owned(),
        };
        let text = url.trim();
        let text = if text.contains("://") {
            text.to_owned()
        } else {
            format!("http://{text}")
        };
        let (rest, credentials) = split_credentials(&text);
        let uri: Uri = rest
            .parse()
            .map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
        let scheme = uri.scheme_str().unwrap_or_default();
        if scheme != "http" && scheme != "https" {
            return Err(invalid("the scheme must be http:// or https://"));
        }
        let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
        let normalised = match &credentials {
            Some(c) => format!(
                "{scheme}://{}:{}@{authority}",
                percent_encode(c.user()),
                percent_encode(c.password())
            ),
            None => format!("{scheme}://{authority}"),
        };
        Ok(Self {
            matcher: Some(Arc::new(Matcher::builder().all(normalised).build())),
            label: Label::Url(format!("{scheme}://{authority}")),
        })
    }

    /// The rules the environment variables would give, from explicit values
    /// (a configuration file, a test): `http` and `https` as `HTTP_PROXY` and
    /// `HTTPS_PROXY`, `no_proxy` as `NO_PROXY` (empty strings: unset).
    pub fn rules(http: &str, https: &str, no_proxy: &str) -> Self {
        let matcher = Matcher::builder()
            .http(http.to_owned())
            .https(https.to_owned())
            .no(no_proxy.to_owned())
            .build();
        Self {
            matcher: Some(Arc::new(matcher)),
            label: Label::Rules,
        }
    }

    /// The proxy `endpoint` is reached through, if any.
    fn intercept(&self, endpoint: &Uri) -> Option<Intercept> {
        self.matcher.as_ref()?.intercept(endpoint)
    }

    /// The proxy URL `endpoint` is reached through (without credentials), if any.
    pub fn proxy_for(&self, endpoint: &Uri) -> Option<Uri> {
        self.intercept(endpoint).map(|proxy| proxy.uri().clone())
    }

    /// The `Proxy-Authorization` value a plain-HTTP request to `endpoint` carries, if any.
    pub(crate) fn authorization_for(&self, endpoint: &Uri) -> Option<HeaderValue> {
        if endpoint.scheme_str() != Some("http") {
            return None;
        }
        self.intercept(endpoint)?.basic_auth().cloned()
    }

    /// The proxy secrets used for `endpoint`: the Basic token and the password.
    pub(crate) fn secrets_for(&self, endpoint: &Uri) -> Vec<String> {
        let Some(proxy) = self.intercept(endpoint) else {
            return Vec::new();
        };
        let Some(token) = proxy
            .basic_auth()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Basic "))
        else {
            return Vec::new();
        };
        let mut secrets = vec![token.to_owned()];
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(token)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        if let Some((_, password)) = decoded.as_deref().and_then(|d| d.split_once(':')) {
            secrets.push(password.to_owned());
        }
        secrets
    }
}

impl Default for Proxy {
    fn default() -> Self {
        Self::from_env()
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.label {
            Label::Env => f.write_str("Proxy::from_env")?,
            Label::None => return f.write_str("Proxy::none"),
            Label::Url(url) => return write!(f, "Proxy::url({url})"),
            Label::Rules => f.write_str("Proxy::rules")?,
        }
        // hyper-util's Debug shows the proxy URLs without their credentials.
        match &self.matcher {
            Some(matcher) => write!(f, "({matcher:?})"),
            None => Ok(()),
        }
    }
}

/// A connection to the service: direct, tunnelled, or to the proxy for
/// absolute-form plain-HTTP requests (`proxied`).
pub(crate) struct Conn {
    inner: MaybeHttpsStream<TokioIo<TcpStream>>,
    proxied: bool,
}

impl Connection for Conn {
    fn connected(&self) -> Connected {
        self.inner.connected().proxy(self.proxied)
    }
}

impl Read for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl Write for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }
}

/// Connects to each destination directly or through the proxy [`Proxy`] names for it.
#[derive(Clone)]
pub(crate) struct ProxyConnector {
    http: HttpConnector,
    tls: Arc<ClientConfig>,
    proxy: Proxy,
}

impl ProxyConnector {
    pub(crate) fn new(http: HttpConnector, tls: Arc<ClientConfig>, proxy: Proxy) -> Self {
        Self { http, tls, proxy }
    }
}

/// Why the proxy named for a destination cannot carry it.
#[derive(Debug, thiserror::Error)]
#[error("proxy {proxy}: {reason}")]
struct UnusableProxy {
    proxy: String,
    reason: &'static str,
}

impl Service<Uri> for ProxyConnector {
    type Response = Conn;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Conn, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let Some(proxy) = self.proxy.intercept(&dst) else {
            let mut direct = HttpsConnector::from((self.http.clone(), self.tls.clone()));
            return Box::pin(async move {
                let inner = direct.call(dst).await?;
                Ok(Conn {
                    inner,
                    proxied: false,
                })
            });
        };
        let proxy_uri = proxy.uri().clone();
        match (dst.scheme_str(), proxy_uri.scheme_str()) {
            (Some("https"), Some("http")) => {
                let mut tunnel = Tunnel::new(proxy_uri, self.http.clone());
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                let mut tls = HttpsConnector::from((tunnel, self.tls.clone()));
                Box::pin(async move {
                    let inner = tls.call(dst).await?;
                    Ok(Conn {
                        inner,
                        proxied: false,
                    })
                })
            }
            (Some("http"), Some("http" | "https")) => {
                let mut to_proxy = HttpsConnector::from((self.http.clone(), self.tls.clone()));
                Box::pin(async move {
                    let inner = to_proxy.call(proxy_uri).await?;
                    Ok(Conn {
                        inner,
                        proxied: true,
                    })
                })
            }
            (_, proxy_scheme) => {
                let error = UnusableProxy {
                    proxy: proxy_uri.to_string(),
                    reason: match proxy_scheme {
                        Some("https") => {
                            "CONNECT tunnels through an https:// proxy are not supported"
                        }
                        _ => "only HTTP proxies are supported",
                    },
                };
                Box::pin(async move { Err(error.into()) })
            }
        }
    }
}
