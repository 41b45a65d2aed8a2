//! `tokshop` with no subcommand: the console on the configured shops.

use super::runtime::{self, Running};
use super::session::{CliError, Globals, settings};
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::logging::{self, LogRing};
use crate::store::Store;
use crate::sync::{Update, Updates};
use crate::ui::app::App;
use crate::ui::keymap::Keymap;
use crate::ui::run::{Channels, LoopOptions};
use tokio::sync::mpsc;

/// The keymap, with the user's overrides: `--keymap FILE`, else the config dir's keymap.toml.
pub fn load_keymap(g: &Globals, s: &Settings) -> Result<Keymap, CliError> {
    let (path, explicit) = match &g.keymap {
        Some(p) => (p.clone(), true),
        None => (s.keymap_path.clone(), false),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => None,
        Err(e) => {
            return Err(CliError::usage(format!("keymap {}: cannot read it ({e})", path.display())));
        }
    };
    let name = path.display().to_string();
    Keymap::load(text.as_deref().map(|t| (name.as_str(), t))).map_err(|e| CliError::usage(e.to_string()))
}

pub async fn run(g: &Globals) -> Result<(), CliError> {
    let s = settings(g)?;
    s.app()?;
    let keymap = load_keymap(g, &s)?;
    let ring = LogRing::default();
    let _log = logging::init(&s.state_dir, ring.clone(), false);
    let store = Store::open(&s.data_dir)?;
    let (tx, rx) = mpsc::unbounded_channel();
    let clock = crate::clock::system();
    let running =
        runtime::start(&s, store.clone(), clock.clone(), "console", Updates::new(tx), s.webhook_listen, false).await?;
    screen(Screen { store, keymap, read_only: g.read_only, ring, running, updates: rx, clock, opts: default_opts() })
        .await
}

pub fn default_opts() -> LoopOptions {
    LoopOptions { synchronized: true, on_first_frame: None, exit_after_first_frame: false }
}

pub struct Screen {
    pub store: Store,
    pub keymap: Keymap,
    pub read_only: bool,
    pub ring: LogRing,
    pub running: Running,
    pub updates: mpsc::UnboundedReceiver<Update>,
    pub clock: SharedClock,
    pub opts: LoopOptions,
}

/// Restores the terminal however the console ends (ratatui's panic hook covers panics).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Open the screen and run the console until the operator quits.
pub async fn screen(sc: Screen) -> Result<(), CliError> {
    let mut app = App::new(sc.keymap, sc.read_only, sc.ring);
    app.load(&sc.store);
    let mut terminal = ratatui::try_init().map_err(|e| CliError::failed(format!("cannot open the terminal: {e}")))?;
    let restore = Restore;
    let events = crossterm::event::EventStream::new();
    let ch = Channels { updates: sc.updates, commands: sc.running.engine.commands.clone() };
    let result = crate::ui::run::run(&mut terminal, &mut app, &sc.store, ch, sc.clock, events, sc.opts).await;
    drop(restore);
    sc.running.stop();
    result.map_err(CliError::failed)
}
