//! [`Server`]: a TCP listener serving a [`Router`] over HTTP/1.1 (plain or
//! TLS), one task per connection, with graceful shutdown.

use std::convert::Infallible;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use super::Router;

/// How long a client may take to send the request head.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a client may take to complete the TLS handshake.
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

/// A bound TCP listener, ready to serve a [`Router`].
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    local_addr: SocketAddr,
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
        })
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Starts serving `router` over plain HTTP on a background task (needs a
    /// tokio runtime) and returns the handle that stops it.
    pub fn serve(self, router: Router) -> ServerHandle {
        self.spawn(router, None)
    }

    /// Like [`serve`](Self::serve), over TLS with `tls` (certificate chain and
    /// key). Connections whose handshake fails are dropped.
    pub fn serve_tls(self, router: Router, tls: Arc<rustls::ServerConfig>) -> ServerHandle {
        self.spawn(router, Some(TlsAcceptor::from(tls)))
    }

    fn spawn(self, router: Router, tls: Option<TlsAcceptor>) -> ServerHandle {
        let (stop, stopped) = oneshot::channel();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let task = tokio::spawn(accept_loop(self.listener, Arc::new(router), tls, stopped));
        ServerHandle {
            local_addr: self.local_addr,
            scheme,
            stop,
            task,
        }
    }
}

/// A running server; [`shutdown`](Self::shutdown) stops it gracefully.
/// Dropping the handle leaves the server running until the runtime ends.
#[derive(Debug)]
pub struct ServerHandle {
    local_addr: SocketAddr,
    scheme: &'static str,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
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

async fn accept_loop(
    listener: TcpListener,
    router: Arc<Router>,
    tls: Option<TlsAcceptor>,
    mut stopped: oneshot::Receiver<()>,
) {
    let graceful = GracefulShutdown::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
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
            router: router.clone(),
            watcher: graceful.watcher(),
            peer,
        };
        tokio::spawn(connection.run(stream, tls.clone()));
    }
    drop(listener);
    graceful.shutdown().await;
}

/// One accepted connection, served on its own task.
struct Connection {
    router: Arc<Router>,
    watcher: Watcher,
    peer: SocketAddr,
}

impl Connection {
    async fn run(self, stream: TcpStream, tls: Option<TlsAcceptor>) {
        let Some(acceptor) = tls else {
            return self.serve(stream).await;
        };
        match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
            Ok(Ok(stream)) => self.serve(stream).await,
            Ok(Err(error)) => tracing::debug!(peer = %self.peer, %error, "TLS handshake failed"),
            Err(_) => tracing::debug!(peer = %self.peer, "TLS handshake timed out"),
        }
    }

    async fn serve<S>(self, stream: S)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let router = self.router;
        let service = service_fn(move |request| {
            let router = router.clone();
            async move { Ok::<_, Infallible>(router.serve_http(request).await) }
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        if let Err(error) = self.watcher.watch(connection).await {
            tracing::debug!(peer = %self.peer, %error, "connection ended with an error");
        }
    }
}
