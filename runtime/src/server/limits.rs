//! [`Limits`]: what the [`Server`](super::Server) grants one peer before it
//! cuts the connection, so that slow or greedy peers cannot starve others.

use std::time::Duration;

/// Most connections served at once: 512.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// Time to send a request head, from its first byte (or from the accept): 10 s.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Time to send a whole request body, from the end of its head: 30 s.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest request body: 16 MiB.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;
/// Time a keep-alive connection may sit idle between requests: 60 s.
pub const DEFAULT_KEEP_ALIVE_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Time to complete a TLS handshake: 10 s.
pub const DEFAULT_TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Limits the server applies to every connection.
///
/// * `max_connections`: beyond it the server stops accepting; further
///   connections wait in the kernel's listen backlog until a served one
///   ends (they are not refused, and the connections already accepted keep
///   their share). A slot is freed when a connection ends, at the latest
///   when one of the timeouts below cuts it.
/// * `header_read_timeout`: a deadline for the whole request head. For the
///   first request it runs from the accept, for later requests on a
///   keep-alive connection from the first byte of the head. Exceeded: the
///   connection is closed without an answer.
/// * `body_read_timeout`: a deadline for the whole body (not per byte: a
///   peer that sends one byte a second is cut all the same). Exceeded: `408`
///   and the connection is closed.
/// * `max_request_bytes`: a larger body (declared by `Content-Length`, or
///   found while reading) gets `413` and the connection is closed.
/// * `keep_alive_idle_timeout`: how long a connection may wait, after an
///   answer, for the first byte of the next request before it is closed.
/// * `tls_handshake_timeout`: a deadline for the TLS handshake (TLS only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most connections served at once.
    pub max_connections: usize,
    /// Deadline for a request head.
    pub header_read_timeout: Duration,
    /// Deadline for a whole request body.
    pub body_read_timeout: Duration,
    /// Largest request body, in bytes.
    pub max_request_bytes: usize,
    /// Longest idle wait between two requests of a connection.
    pub keep_alive_idle_timeout: Duration,
    /// Deadline for a TLS handshake.
    pub tls_handshake_timeout: Duration,
}

impl Default for Limits {
    /// The `DEFAULT_*` constants of this module: 512 connections, 10 s for a
    /// head, 30 s for a body, 16 MiB, 60 s idle, 10 s for a TLS handshake.
    fn default() -> Self {
        Self {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            keep_alive_idle_timeout: DEFAULT_KEEP_ALIVE_IDLE_TIMEOUT,
            tls_handshake_timeout: DEFAULT_TLS_HANDSHAKE_TIMEOUT,
        }
    }
}
