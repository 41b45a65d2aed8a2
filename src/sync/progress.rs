//! Reporting long work as it goes: one [`Tracker`] per piece of work sends
//! [`Update::Progress`] (at most every 200 ms, and once at the end) to whoever listens: the
//! consoles' gauge, a headless command's bar on stderr, or nobody.

use crate::domain::progress::Progress;
use crate::sync::{Update, Updates};
use std::time::{Duration, Instant};

const EVERY: Duration = Duration::from_millis(200);

/// Work of at least this many items reports its progress (fewer end before a gauge would help).
pub const LONG: usize = 50;

pub struct Tracker {
    key: String,
    label: String,
    unit: String,
    started: Instant,
    last: Option<Instant>,
    updates: Updates,
    /// What was last reported, and whether the end was: work that stops on an error still
    /// takes its gauge away when its tracker goes.
    done: u64,
    ended: bool,
}

impl Tracker {
    pub fn new(updates: &Updates, key: impl Into<String>, label: impl Into<String>, unit: &str) -> Tracker {
        Tracker {
            key: key.into(),
            label: label.into(),
            unit: unit.into(),
            started: Instant::now(),
            last: None,
            updates: updates.clone(),
            done: 0,
            ended: false,
        }
    }

    fn send(&mut self, done: u64, total: Option<u64>, estimated: bool, finished: bool) {
        let p = Progress {
            key: self.key.clone(),
            label: self.label.clone(),
            unit: self.unit.clone(),
            done,
            total,
            estimated,
            elapsed_ms: self.started.elapsed().as_millis() as u64,
            finished,
        };
        self.last = Some(Instant::now());
        self.done = done;
        self.ended |= finished;
        self.updates.send(Update::Progress(p));
    }

    /// `done` so far of `total` (an estimate when `estimated`); sent unless one went out in
    /// the last 200 ms.
    pub fn report(&mut self, done: u64, total: Option<u64>, estimated: bool) {
        if self.last.is_none_or(|t| t.elapsed() >= EVERY) {
            self.send(done, total, estimated, false);
        }
    }

    /// The work ended with `done` (the gauge goes away).
    pub fn finish(&mut self, done: u64) {
        self.send(done, Some(done), false, true);
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        if !self.ended {
            self.finish(self.done);
        }
    }
}

/// A backfill's progress over a look-back (orders, returns): items read, of an estimate from
/// how much of the look-back the windows read so far cover (within a window, its pages over
/// TikTok's `total_count` when the search gives one).
pub struct Lookback {
    tracker: Tracker,
    begin: i64,
    now: i64,
    done: u64,
    in_window: u64,
}

impl Lookback {
    /// Work reading from `begin` to `now`, in windows.
    pub fn new(updates: &Updates, key: String, label: String, unit: &str, begin: i64, now: i64) -> Lookback {
        Lookback { tracker: Tracker::new(updates, key, label, unit), begin, now, done: 0, in_window: 0 }
    }

    /// A page of `read` items from the window `ws..we` (None: up to now); `more` pages follow
    /// in this window.
    pub fn page(&mut self, ws: i64, we: Option<i64>, read: u64, window_total: Option<u64>, more: bool) {
        self.done += read;
        self.in_window += read;
        let end = we.unwrap_or(self.now).max(ws + 1);
        let within = match window_total {
            _ if !more => 1.0,
            Some(t) if t > 0 => (self.in_window as f64 / t as f64).min(1.0),
            _ => 0.0,
        };
        let covered = (ws - self.begin) as f64 + within * (end - ws) as f64;
        let span = (self.now - self.begin).max(1) as f64;
        let fraction = (covered / span).clamp(0.0, 1.0);
        if !more {
            self.in_window = 0;
        }
        let total =
            (fraction > 0.0 && self.done > 0).then(|| ((self.done as f64 / fraction).round() as u64).max(self.done));
        self.tracker.report(self.done, total, true);
    }

    /// The backfill ended with `done` items read.
    pub fn finish(&mut self, done: u64) {
        self.tracker.finish(done);
    }
}
