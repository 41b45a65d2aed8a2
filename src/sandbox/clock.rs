//! The sandbox clock: wall time plus an offset that tests and operators advance
//! (`POST /_sandbox/clock`). Token lifetimes, auth-code expiry, webhook retries and reminders
//! run on it. The request `timestamp` window is checked against wall time, because the client's
//! clock is the real one: advancing the sandbox simulates days passing, not a skewed client.

use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Debug, Default)]
pub struct SandboxClock {
    offset: AtomicI64,
}

impl SandboxClock {
    pub fn wall() -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
    }

    pub fn now(&self) -> i64 {
        Self::wall() + self.offset.load(Ordering::SeqCst)
    }

    pub fn advance(&self, secs: i64) -> i64 {
        self.offset.fetch_add(secs, Ordering::SeqCst);
        self.now()
    }

    pub fn offset(&self) -> i64 {
        self.offset.load(Ordering::SeqCst)
    }
}
