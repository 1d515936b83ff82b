//! The real transport: hyper-util's pooled client over rustls.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use rustls::pki_types::CertificateDer;

use super::proxy::{Proxy, ProxyConnector};
use super::tls::{client_config, TlsConfigError};
use super::{Transport, TransportError, TransportRequest, TransportResponse};
use crate::future::BoxFuture;

/// How [`HttpTransport`] connects.
#[derive(Debug, Clone)]
pub struct HttpTransportOptions {
    /// Limit for setting up the TCP connection (`None`: the OS default).
    pub connect_timeout: Option<Duration>,
    /// Certificates trusted as roots in addition to the webpki (Mozilla) roots, DER encoded.
    pub extra_root_certificates: Vec<CertificateDer<'static>>,
    /// How long an idle keep-alive connection stays in the pool.
    pub pool_idle_timeout: Duration,
    /// How many idle connections per host the pool keeps.
    pub pool_max_idle_per_host: usize,
    /// Which requests go through an HTTP proxy (default: [`Proxy::from_env`],
    /// read when the options are made).
    pub proxy: Proxy,
}

impl Default for HttpTransportOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Some(Duration::from_secs(10)),
            extra_root_certificates: Vec::new(),
            pool_idle_timeout: Duration::from_secs(90),
            pool_max_idle_per_host: 16,
            proxy: Proxy::from_env(),
        }
    }
}

type HyperClient = hyper_util::client::legacy::Client<ProxyConnector, Full<Bytes>>;

/// HTTP/1.1 over TCP or TLS (rustls, certificates verified) with a pool of
/// keep-alive connections. Cheap to clone: clones share the pool, so clients
/// of several services on one host can share one
/// ([`ClientBuilder::build_with_transport`](crate::ClientBuilder::build_with_transport)).
/// Plain HTTP is used only for `http://` endpoints. Through a [`Proxy`]
/// when its rules say so for the endpoint.
#[derive(Clone)]
pub struct HttpTransport {
    client: HyperClient,
    proxy: Proxy,
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("proxy", &self.proxy)
            .finish_non_exhaustive()
    }
}

impl HttpTransport {
    /// A transport with the given options.
    pub fn new(options: &HttpTransportOptions) -> Result<Self, TlsConfigError> {
        let tls = client_config(&options.extra_root_certificates)?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(options.connect_timeout);
        // HTTP/1.1 only: no ALPN, as hyper-rustls's builder does for it.
        let connector = ProxyConnector::new(http, Arc::new(tls), options.proxy.clone());
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_idle_timeout(options.pool_idle_timeout)
            .pool_max_idle_per_host(options.pool_max_idle_per_host)
            .build(connector);
        Ok(Self {
            client,
            proxy: options.proxy.clone(),
        })
    }

    /// Which requests go through a proxy.
    pub fn proxy(&self) -> &Proxy {
        &self.proxy
    }

    async fn exchange(
        &self,
        request: TransportRequest,
    ) -> Result<TransportResponse, TransportError> {
        let endpoint = request.endpoint.to_string();
        let mut http_request = http::Request::new(Full::new(request.body));
        *http_request.method_mut() = http::Method::POST;
        *http_request.uri_mut() = request.endpoint;
        *http_request.headers_mut() = request.headers;
        if let Some(auth) = self.proxy.authorization_for(http_request.uri()) {
            http_request
                .headers_mut()
                .insert(http::header::PROXY_AUTHORIZATION, auth);
        }
        let response = self
            .client
            .request(http_request)
            .await
            .map_err(|e| TransportError::classify(&endpoint, e))?;
        let (parts, body) = response.into_parts();
        let body =
            read_limited(body, &parts.headers, request.max_response_bytes, &endpoint).await?;
        Ok(TransportResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    }
}

impl Transport for HttpTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'_, Result<TransportResponse, TransportError>> {
        Box::pin(self.exchange(request))
    }

    fn secrets(&self, endpoint: &http::Uri) -> Vec<String> {
        self.proxy.secrets_for(endpoint)
    }
}

/// Reads the whole body, refusing (before reading, when `Content-Length`
/// says so, else as soon as it is crossed) more than `limit` bytes.
async fn read_limited(
    mut body: Incoming,
    headers: &http::HeaderMap,
    limit: usize,
    endpoint: &str,
) -> Result<Bytes, TransportError> {
    let too_large = || TransportError::ResponseTooLarge {
        endpoint: endpoint.to_owned(),
        limit,
    };
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut buf = BytesMut::with_capacity(declared.map_or(8 * 1024, |n| n as usize));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| TransportError::Io {
            endpoint: endpoint.to_owned(),
            reason: format!("reading the response body: {e}"),
            cause: Box::new(e),
        })?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > limit {
                return Err(too_large());
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(buf.freeze())
}
