//! The read deadlines of one connection: the request head and the idle
//! wait between requests, enforced on the socket so that a peer dribbling
//! bytes cannot push them back.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// Where a connection is between requests.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Reading a request head, due by the instant.
    Head(Instant),
    /// Answered; waiting for the first byte of the next request until the instant.
    Idle(Instant),
    /// A head has arrived: the body has its own deadline, the service none.
    Busy,
}

/// The phase of one connection, shared by its socket and its service.
#[derive(Debug, Clone)]
pub(crate) struct Deadlines {
    phase: Arc<Mutex<Phase>>,
    header: Duration,
    idle: Duration,
}

impl Deadlines {
    /// A connection just accepted: its first head is due within `header`.
    pub(crate) fn new(header: Duration, idle: Duration) -> Self {
        Self {
            phase: Arc::new(Mutex::new(Phase::Head(Instant::now() + header))),
            header,
            idle,
        }
    }

    /// A head has been read.
    pub(crate) fn busy(&self) {
        self.set(Phase::Busy);
    }

    /// The answer is out; the idle wait starts.
    pub(crate) fn idle(&self) {
        self.set(Phase::Idle(Instant::now() + self.idle));
    }

    fn set(&self, phase: Phase) {
        *self.phase.lock().unwrap_or_else(PoisonError::into_inner) = phase;
    }

    /// The deadline in force, after noting that bytes arrived (`got_bytes`).
    fn due(&self, got_bytes: bool) -> Option<Instant> {
        let mut phase = self.phase.lock().unwrap_or_else(PoisonError::into_inner);
        if got_bytes {
            if let Phase::Idle(_) = *phase {
                *phase = Phase::Head(Instant::now() + self.header);
            }
        }
        match *phase {
            Phase::Head(at) | Phase::Idle(at) => Some(at),
            Phase::Busy => None,
        }
    }
}

/// A socket whose reads fail with `TimedOut` once the deadline in force
/// has passed, which ends the connection.
pub(crate) struct Timed<S> {
    inner: S,
    deadlines: Deadlines,
    sleep: Pin<Box<Sleep>>,
    armed: Option<Instant>,
}

impl<S> Timed<S> {
    pub(crate) fn new(inner: S, deadlines: Deadlines) -> Self {
        Self {
            inner,
            deadlines,
            sleep: Box::pin(tokio::time::sleep_until(Instant::now())),
            armed: None,
        }
    }

    /// `Ready` once `at` has passed; otherwise registers the waker for it.
    fn expired(&mut self, at: Instant, cx: &mut Context<'_>) -> bool {
        if self.armed != Some(at) {
            self.sleep.as_mut().reset(at);
            self.armed = Some(at);
        }
        self.sleep.as_mut().poll(cx).is_ready()
    }
}

fn timed_out() -> io::Error {
    io::Error::new(
        io::ErrorKind::TimedOut,
        "the peer did not send a request head in time",
    )
}

impl<S: AsyncRead + Unpin> AsyncRead for Timed<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some(at) = this.deadlines.due(false) {
            if this.expired(at, cx) {
                return Poll::Ready(Err(timed_out()));
            }
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    this.deadlines.due(true);
                }
                Poll::Ready(result)
            }
            Poll::Pending => match this.deadlines.due(false) {
                Some(at) if this.expired(at, cx) => Poll::Ready(Err(timed_out())),
                _ => Poll::Pending,
            },
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Timed<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
