//! [`Server`]: a TCP listener serving a [`Service`] (usually a [`Router`])
//! over HTTP/1.1 (plain or TLS), one task per connection, within
//! [`Limits`], with graceful shutdown.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::StatusCode;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use super::deadline::{Deadlines, Timed};
use super::router::read_limited;
#[cfg(doc)]
use super::Router;
use super::{Limits, Reply, Response, Service};

/// A bound TCP listener, ready to serve a [`Service`] such as a [`Router`].
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    local_addr: SocketAddr,
    limits: Limits,
}

impl Server {
    /// Binds `addr` (`127.0.0.1:0` picks a free port). The error names the address.
    pub async fn bind(addr: impl ToSocketAddrs + fmt::Display) -> io::Result<Self> {
        match TcpListener::bind(&addr).await {
            Ok(listener) => Self::from_listener(listener),
            Err(e) => Err(io::Error::new(
                e.kind(),
                format!("cannot listen on {addr}: {e}"),
            )),
        }
    }

    /// Serves on an already bound listener.
    pub fn from_listener(listener: TcpListener) -> io::Result<Self> {
        let local_addr = listener.local_addr()?;
        Ok(Self {
            listener,
            local_addr,
            limits: Limits::default(),
        })
    }

    /// The limits applied to each connection (default: [`Limits::default`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Starts serving `service` over plain HTTP on a background task (needs
    /// a tokio runtime) and returns the handle that owns it.
    pub fn serve(self, service: impl Service) -> ServerHandle {
        self.spawn(Arc::new(service), None)
    }

    /// Like [`serve`](Self::serve), over TLS with `tls` (certificate chain and
    /// key). Connections whose handshake fails are dropped.
    pub fn serve_tls(self, service: impl Service, tls: Arc<rustls::ServerConfig>) -> ServerHandle {
        self.spawn(Arc::new(service), Some(TlsAcceptor::from(tls)))
    }

    fn spawn(self, service: Arc<dyn Service>, tls: Option<TlsAcceptor>) -> ServerHandle {
        let (stop, stopped) = oneshot::channel();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let max_connections = self.limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
        let slots = Arc::new(Semaphore::new(max_connections));
        let accept = AcceptLoop {
            listener: self.listener,
            service,
            tls,
            limits: self.limits,
            slots: slots.clone(),
        };
        ServerHandle {
            local_addr: self.local_addr,
            scheme,
            stop,
            task: tokio::spawn(accept.run(stopped)),
            slots,
            max_connections,
        }
    }
}

/// A running server, owned by this handle.
///
/// [`shutdown`](Self::shutdown) stops it gracefully and waits for it.
/// Dropping the handle stops it too, in the background: the listener is
/// closed at once, requests in progress finish, idle connections are
/// closed. Keep the handle for as long as the server should run.
#[derive(Debug)]
#[must_use = "dropping the handle stops the server"]
pub struct ServerHandle {
    local_addr: SocketAddr,
    scheme: &'static str,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
    slots: Arc<Semaphore>,
    max_connections: usize,
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `http://<local address>` (`https://` over TLS); append a mounted path
    /// to get an endpoint.
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.local_addr)
    }

    /// How many connections are being served now (at most
    /// [`Limits::max_connections`]).
    pub fn connections(&self) -> usize {
        self.max_connections - self.slots.available_permits()
    }

    /// Stops accepting connections, lets requests in progress finish, closes
    /// idle keep-alive connections, and returns when all connections are done.
    pub async fn shutdown(self) {
        // An error means the accept loop already ended.
        let _ = self.stop.send(());
        if let Err(error) = self.task.await {
            tracing::error!(%error, "the server task failed");
        }
    }
}

/// The listener and what every accepted connection shares.
struct AcceptLoop {
    listener: TcpListener,
    service: Arc<dyn Service>,
    tls: Option<TlsAcceptor>,
    limits: Limits,
    slots: Arc<Semaphore>,
}

impl AcceptLoop {
    /// Accepts while a connection slot is free, until `stopped` fires or
    /// its sender (the handle) is dropped.
    async fn run(self, mut stopped: oneshot::Receiver<()>) {
        let graceful = GracefulShutdown::new();
        loop {
            let slot = tokio::select! {
                slot = self.slots.clone().acquire_owned() => match slot {
                    Ok(slot) => slot,
                    Err(_) => break,
                },
                _ = &mut stopped => break,
            };
            let (stream, peer) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Typically out of file descriptors: back off instead of spinning.
                        tracing::warn!(%error, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = &mut stopped => break,
            };
            let connection = Connection {
                service: self.service.clone(),
                watcher: graceful.watcher(),
                peer,
                limits: self.limits,
                deadlines: Deadlines::new(
                    self.limits.header_read_timeout,
                    self.limits.keep_alive_idle_timeout,
                ),
                _slot: slot,
            };
            tokio::spawn(connection.run(stream, self.tls.clone()));
        }
        drop(self.listener);
        graceful.shutdown().await;
    }
}

/// One accepted connection, served on its own task; it holds its slot.
struct Connection {
    service: Arc<dyn Service>,
    watcher: Watcher,
    peer: SocketAddr,
    limits: Limits,
    deadlines: Deadlines,
    _slot: OwnedSemaphorePermit,
}

/// The service closed the connection instead of answering.
#[derive(Debug, thiserror::Error)]
#[error("the service closed the connection without an answer")]
struct Closed;

impl Connection {
    async fn run(self, stream: TcpStream, tls: Option<TlsAcceptor>) {
        let Some(acceptor) = tls else {
            return self.serve(stream).await;
        };
        let handshake = acceptor.accept(stream);
        match tokio::time::timeout(self.limits.tls_handshake_timeout, handshake).await {
            Ok(Ok(stream)) => self.serve(stream).await,
            Ok(Err(error)) => tracing::debug!(peer = %self.peer, %error, "TLS handshake failed"),
            Err(_) => tracing::debug!(peer = %self.peer, "TLS handshake timed out"),
        }
    }

    async fn serve<S>(self, stream: S)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let service = self.service;
        let limits = self.limits;
        let deadlines = self.deadlines.clone();
        let handler = service_fn(move |request: http::Request<Incoming>| {
            let service = service.clone();
            let deadlines = deadlines.clone();
            async move {
                deadlines.busy();
                let reply = match read_body(request, &limits).await {
                    Ok(request) => service.call(request).await,
                    Err(response) => Reply::Respond(response.closing()),
                };
                deadlines.idle();
                match reply {
                    Reply::Respond(response) => Ok(response.into_http()),
                    Reply::Close => Err(Closed),
                }
            }
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(None)
            .serve_connection(TokioIo::new(Timed::new(stream, self.deadlines)), handler);
        if let Err(error) = self.watcher.watch(connection).await {
            tracing::debug!(peer = %self.peer, %error, "connection ended with an error");
        }
    }
}

/// Reads the whole body within the size limit (413) and the body deadline (408).
async fn read_body(
    request: http::Request<Incoming>,
    limits: &Limits,
) -> Result<http::Request<Bytes>, Response> {
    let (parts, body) = request.into_parts();
    let reading = read_limited(body, &parts.headers, limits.max_request_bytes);
    match tokio::time::timeout(limits.body_read_timeout, reading).await {
        Ok(Ok(body)) => Ok(http::Request::from_parts(parts, body)),
        Ok(Err(response)) => Err(response),
        Err(_) => Err(Response::text(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} ms\n",
                limits.body_read_timeout.as_millis()
            ),
        )),
    }
}
