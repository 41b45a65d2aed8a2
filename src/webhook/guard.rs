//! The receiver's door: a cap on open connections and an idle timeout on each, so load nobody
//! asked for (idle sockets held open, slow senders) can neither starve valid senders nor take
//! every file descriptor of the engine.
//!
//! A connection over the cap is accepted and closed at once (the sender sees a reset and
//! retries, as TikTok does), rather than left in the kernel's backlog where it would delay the
//! valid ones behind it. A connection on which neither a byte arrives nor a byte can be sent for
//! [`Limits::idle`] is closed: that bounds both a header that never ends and a keep-alive that is
//! never used.

use axum::serve::Listener;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// How much the receiver takes before it says no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once.
    pub connections: usize,
    /// A connection with no byte in either direction for this long is closed.
    pub idle: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { connections: connection_cap(descriptor_limit()), idle: Duration::from_secs(10) }
    }
}

/// The process's soft limit on open files (1024 when it cannot be read).
pub fn descriptor_limit() -> u64 {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes into the struct we own; no other memory is touched.
    let rc = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) };
    if rc == 0 && lim.rlim_cur != libc::RLIM_INFINITY { lim.rlim_cur } else { 1024 }
}

/// Half the descriptors for webhook senders, the other half kept for the store, the API
/// client, consoles and logs; never fewer than 16 nor more than 8,192.
pub fn connection_cap(descriptors: u64) -> usize {
    usize::try_from(descriptors / 2).unwrap_or(usize::MAX).clamp(16, 8192)
}

/// Counts the receiver's door keeps, for the log and the bench.
#[derive(Debug, Default)]
pub struct DoorCounts {
    pub refused: AtomicU64,
    pub timed_out: AtomicU64,
}

/// A TCP listener that hands out at most `limits.connections` guarded streams at once.
pub struct GuardedListener {
    inner: TcpListener,
    permits: Arc<Semaphore>,
    limits: Limits,
    counts: Arc<DoorCounts>,
    last_warned: Option<Instant>,
}

impl GuardedListener {
    pub fn new(inner: TcpListener, limits: Limits, counts: Arc<DoorCounts>) -> GuardedListener {
        let permits = Arc::new(Semaphore::new(limits.connections.max(1)));
        GuardedListener { inner, permits, limits, counts, last_warned: None }
    }

    fn warn_refused(&mut self) {
        let now = Instant::now();
        if self.last_warned.is_none_or(|t| now.duration_since(t) >= Duration::from_secs(10)) {
            self.last_warned = Some(now);
            tracing::warn!(
                "webhook receiver at its cap of {} open connections; {} refused so far",
                self.limits.connections,
                self.counts.refused.load(Ordering::Relaxed)
            );
        }
    }
}

impl Listener for GuardedListener {
    type Io = Guarded;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Guarded, std::net::SocketAddr) {
        loop {
            let (stream, addr) = match self.inner.accept().await {
                Ok(x) => x,
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: wait a little.
                    tracing::debug!("webhook accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            match self.permits.clone().try_acquire_owned() {
                Ok(permit) => {
                    let _ = stream.set_nodelay(true);
                    let guarded = Guarded::new(stream, permit, self.limits.idle, self.counts.clone());
                    return (guarded, addr);
                }
                Err(_) => {
                    self.counts.refused.fetch_add(1, Ordering::Relaxed);
                    // Close at once with a reset: no lingering, no descriptor kept.
                    let _ = stream.set_zero_linger();
                    drop(stream);
                    self.warn_refused();
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.inner.local_addr()
    }
}

/// A stream that holds its place under the cap and fails once idle too long.
pub struct Guarded {
    io: TcpStream,
    _permit: OwnedSemaphorePermit,
    idle: Duration,
    /// When a byte last moved. The timer is not reset on every read (that costs a lock in
    /// tokio's timer); when it fires early it is re-armed from here.
    last: Instant,
    deadline: Pin<Box<Sleep>>,
    counts: Arc<DoorCounts>,
}

impl Guarded {
    fn new(io: TcpStream, permit: OwnedSemaphorePermit, idle: Duration, counts: Arc<DoorCounts>) -> Guarded {
        let last = Instant::now();
        Guarded { io, _permit: permit, idle, last, deadline: Box::pin(tokio::time::sleep(idle)), counts }
    }

    fn progressed(&mut self) {
        self.last = Instant::now();
    }

    /// When the I/O would wait: fail if the connection has been idle too long.
    fn waited(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        loop {
            match self.deadline.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) => {
                    let due = self.last + self.idle;
                    if due > Instant::now() {
                        self.deadline.as_mut().reset(due);
                        continue;
                    }
                    self.counts.timed_out.fetch_add(1, Ordering::Relaxed);
                    let e = std::io::Error::new(std::io::ErrorKind::TimedOut, "idle webhook connection");
                    return Poll::Ready(Err(e));
                }
            }
        }
    }
}

impl AsyncRead for Guarded {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(r) => {
                this.progressed();
                Poll::Ready(r)
            }
            Poll::Pending => this.waited(cx),
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_write(cx, data) {
            Poll::Ready(r) => {
                this.progressed();
                Poll::Ready(r)
            }
            Poll::Pending => this.waited(cx).map(|r| r.map(|()| 0)),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_flush(cx) {
            Poll::Ready(r) => Poll::Ready(r),
            Poll::Pending => this.waited(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_half_the_descriptors_and_stays_in_bounds() {
        assert_eq!(connection_cap(1024), 512);
        assert_eq!(connection_cap(10), 16);
        assert_eq!(connection_cap(1 << 40), 8192);
    }
}
