//! The console loop: terminal events and engine updates in, commands out; a frame is drawn
//! only when something changed, at most every 33 ms, inside a synchronized update.

use super::ViewSource;
use super::app::App;
use super::scan::{Input, ScanConfig, Scanner};
use crate::clock::SharedClock;
use crate::message::{Command, Topic, Update};
use crossterm::event::{Event, KeyEventKind};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

pub const FRAME: Duration = Duration::from_millis(33);

pub struct Channels {
    pub updates: mpsc::UnboundedReceiver<Update>,
    pub commands: mpsc::UnboundedSender<Command>,
}

/// Options of the loop that differ between a real terminal and tests.
#[derive(Default)]
pub struct LoopOptions {
    /// Wrap frames in the terminal's synchronized-update mode (real terminals only).
    pub synchronized: bool,
    /// Called once after the first frame is on screen.
    pub on_first_frame: Option<Box<dyn FnOnce() + Send>>,
    /// Leave after the first frame (startup measurements).
    pub exit_after_first_frame: bool,
    /// What a barcode scan is (keys faster than a person types, ending in Enter).
    pub scan: ScanConfig,
    /// When a key arrived, in ms (tests pass their own; default: a monotonic clock).
    pub key_ms: Option<Box<dyn Fn() -> u64 + Send>>,
}

/// Keys and scans to the app; its commands to the engine.
fn deliver(app: &mut App, inputs: Vec<Input>, views: &dyn ViewSource, ch: &Channels, now: i64) {
    for i in inputs {
        for c in app.on_input(i, views, now) {
            if ch.commands.send(c).is_err() {
                app.on_update(Update::Failed("the sync engine has stopped".into()), views, now);
            }
        }
    }
}

/// Apply a burst of updates; "changed" notices are coalesced so each view is re-read once.
fn apply(app: &mut App, first: Update, rx: &mut mpsc::UnboundedReceiver<Update>, views: &dyn ViewSource, now: i64) {
    let mut changed: BTreeSet<Topic> = BTreeSet::new();
    let mut next = Some(first);
    let mut budget = 1024;
    while let Some(u) = next.take() {
        match u {
            Update::Changed(t) => {
                changed.insert(t);
            }
            other => app.on_update(other, views, now),
        }
        budget -= 1;
        if budget > 0 {
            next = rx.try_recv().ok();
        }
    }
    for t in changed {
        app.on_update(Update::Changed(t), views, now);
    }
}

pub async fn run<B: Backend, S: Stream<Item = std::io::Result<Event>> + Unpin>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    views: &dyn ViewSource,
    mut ch: Channels,
    clock: SharedClock,
    mut events: S,
    mut opts: LoopOptions,
) -> Result<(), String> {
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let mut last_second = clock.now();
    let started = Instant::now();
    let key_ms = opts.key_ms.take().unwrap_or_else(|| Box::new(move || started.elapsed().as_millis() as u64));
    let mut scanner = Scanner::new(opts.scan);
    loop {
        let since = last_draw.map(|t| t.elapsed()).unwrap_or(FRAME);
        if dirty && since >= FRAME {
            let now = clock.now();
            if opts.synchronized {
                let _ = crossterm::execute!(std::io::stdout(), crossterm::terminal::BeginSynchronizedUpdate);
            }
            let drawn = terminal.draw(|f| app.render(f, now)).map(|_| ()).map_err(|e| format!("cannot draw: {e}"));
            if opts.synchronized {
                let _ = crossterm::execute!(std::io::stdout(), crossterm::terminal::EndSynchronizedUpdate);
            }
            drawn?;
            dirty = false;
            last_draw = Some(Instant::now());
            if let Some(cb) = opts.on_first_frame.take() {
                cb();
            }
            if opts.exit_after_first_frame {
                return Ok(());
            }
        }
        if app.quit {
            return Ok(());
        }
        let mut wait = if dirty { FRAME.saturating_sub(since) } else { Duration::from_millis(250) };
        if let Some(d) = scanner.deadline() {
            // Keys held as a possible scan are let go when their burst ends.
            wait = wait.min(Duration::from_millis(d.saturating_sub(key_ms())));
        }
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind != KeyEventKind::Release => {
                    let inputs = scanner.feed(k, key_ms());
                    deliver(app, inputs, views, &ch, clock.now());
                    dirty = true;
                }
                Some(Ok(Event::Resize(..))) | Some(Ok(Event::Paste(_))) => dirty = true,
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(format!("cannot read the terminal: {e}")),
                None => {
                    deliver(app, scanner.release(), views, &ch, clock.now());
                    return Ok(());
                }
            },
            u = ch.updates.recv() => {
                if let Some(u) = u {
                    apply(app, u, &mut ch.updates, views, clock.now());
                    dirty = true;
                }
            }
            _ = tokio::time::sleep(wait) => {
                let inputs = scanner.tick(key_ms());
                if !inputs.is_empty() {
                    deliver(app, inputs, views, &ch, clock.now());
                    dirty = true;
                }
                let now = clock.now();
                if now != last_second {
                    last_second = now;
                    dirty = true;
                }
            }
        }
    }
}
