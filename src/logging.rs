//! Logging: a daily-rolling file in the state dir through tracing-appender (never stdout while
//! the screen is up), and a small in-memory ring of recent warnings for the log overlay.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// One captured warning or error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub at: i64,
    pub level: String,
    pub message: String,
}

/// The most recent warnings, newest last.
#[derive(Clone, Default)]
pub struct LogRing(Arc<Mutex<VecDeque<LogLine>>>);

const RING: usize = 200;

impl LogRing {
    pub fn push(&self, line: LogLine) {
        if let Ok(mut r) = self.0.lock() {
            if r.len() == RING {
                r.pop_front();
            }
            r.push_back(line);
        }
    }

    pub fn lines(&self) -> Vec<LogLine> {
        self.0.lock().map(|r| r.iter().cloned().collect()).unwrap_or_default()
    }
}

struct RingLayer(LogRing);

struct MessageVisitor(String);

impl Visit for MessageVisitor {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0 = value.to_string();
        } else {
            self.0.push_str(&format!(" {}={value}", field.name()));
        }
    }
}

impl<S: Subscriber> Layer<S> for RingLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let level = *event.metadata().level();
        if level > Level::WARN {
            return;
        }
        let mut v = MessageVisitor(String::new());
        event.record(&mut v);
        let at =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        self.0.push(LogLine { at, level: level.to_string(), message: v.0 });
    }
}

/// Keeps the file writer flushing; hold it for the life of `main`.
pub struct LogGuard(#[allow(dead_code)] Option<tracing_appender::non_blocking::WorkerGuard>);

/// Install logging: a file under `state_dir` (`tokshop.log.YYYY-MM-DD`), the ring, and
/// optionally stderr (daemon and sandbox, which have no screen).
pub fn init(state_dir: &Path, ring: LogRing, to_stderr: bool) -> LogGuard {
    let filter = || EnvFilter::try_from_env("TOKSHOP_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let private = std::fs::create_dir_all(state_dir).and_then(|()| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(state_dir, std::fs::Permissions::from_mode(0o700))
    });
    let (file_layer, guard) = match private {
        Ok(()) => {
            let appender = tracing_appender::rolling::daily(state_dir, "tokshop.log");
            let (nb, guard) = tracing_appender::non_blocking(appender);
            (Some(tracing_subscriber::fmt::layer().with_writer(nb).with_ansi(false).with_filter(filter())), Some(guard))
        }
        Err(_) => (None, None),
    };
    let stderr_layer =
        to_stderr.then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_filter(filter()));
    let _ = tracing_subscriber::registry().with(file_layer).with(stderr_layer).with(RingLayer(ring)).try_init();
    LogGuard(guard)
}
