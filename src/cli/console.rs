//! `tokshop` with no subcommand: the console, attached to the data dir's engine (started in the
//! background when none runs). It reads its views and sends its commands through the engine.

use super::session::{CliError, Globals, settings};
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::domain::role::Role;
use crate::engine::protocol::Channel;
use crate::engine::views::RemoteViews;
use crate::engine::{client, protocol};
use crate::logging::{self, LogRing};
use crate::message::{Command, Update};
use crate::store::views::ViewSource;
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
    let keymap = load_keymap(g, &s)?;
    let ring = LogRing::default();
    let _log = logging::init(&s.state_dir, ring.clone(), false);
    let socket = attach_or_start(g, &s).await?;
    let opts = default_opts(&s);
    screen(Screen::attached(socket, keymap, g.read_only, ring, crate::clock::system(), opts).await?).await
}

/// The data dir's engine socket, starting the engine in the background when none answers (as
/// tmux starts its server); closing the console leaves it running.
pub async fn attach_or_start(g: &Globals, s: &crate::config::Settings) -> Result<std::path::PathBuf, CliError> {
    let socket = protocol::socket_path(&s.data_dir);
    if !client::alive(&socket) {
        s.app()?;
        // A store from before the compact encoding is converted here, with its progress on this
        // terminal, before the engine starts (which would otherwise convert it unseen and miss
        // its start deadline on a large store); opening an up-to-date store costs milliseconds.
        drop(super::progress::open_store(&s.data_dir)?);
        let pid = client::start_detached(g.config.as_deref(), &s.data_dir).await.map_err(CliError::failed)?;
        tracing::info!("started the engine (pid {pid})");
    }
    Ok(socket)
}

pub fn default_opts(s: &Settings) -> LoopOptions {
    let scan = crate::ui::scan::ScanConfig {
        gap_ms: s.scan_gap_ms,
        min_len: s.scan_min_length,
        ..crate::ui::scan::ScanConfig::default()
    };
    LoopOptions { synchronized: true, scan, ..LoopOptions::default() }
}

pub struct Screen {
    pub views: Box<dyn ViewSource>,
    pub keymap: Keymap,
    pub read_only: bool,
    pub ring: LogRing,
    pub updates: mpsc::UnboundedReceiver<Update>,
    pub commands: mpsc::UnboundedSender<Command>,
    pub clock: SharedClock,
    pub opts: LoopOptions,
    /// Who the engine says the user is, and their role.
    pub who: (String, Role),
}

impl Screen {
    /// A console attached to the engine on `socket`: reads and commands go through it. The
    /// engine is asked first who the user is; a user the team config gives no role is told so
    /// here, before the screen opens.
    pub async fn attached(
        socket: std::path::PathBuf,
        keymap: Keymap,
        read_only: bool,
        ring: LogRing,
        clock: SharedClock,
        opts: LoopOptions,
    ) -> Result<Screen, CliError> {
        let (_, w) = client::connect(&socket, Channel::Control, read_only).await.map_err(CliError::usage)?;
        let views = Box::new(RemoteViews::new(socket.clone(), read_only));
        let (commands, updates) = client::events(socket, read_only);
        Ok(Screen { views, keymap, read_only, ring, updates, commands, clock, opts, who: (w.user, w.role) })
    }
}

/// Restores the terminal however the console ends (ratatui's panic hook covers panics).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// How this terminal draws pictures. Half-blocks unless the environment names a terminal known
/// to speak a graphics protocol (kitty, WezTerm, iTerm2, Ghostty, foot, Konsole): only those are
/// asked (sixel, kitty or iTerm2), once, before any key is read and for at most 300 ms, since a
/// terminal that never answers would hold the first frame for ratatui-image's 2 s default
/// (measured: `bench startup` went from 32 ms to 2 s) and its reader would take a first key.
/// `TOKSHOP_PHOTOS=query` asks any terminal, `halfblocks` never asks, `off` draws none.
fn photos_of_terminal() -> crate::ui::photos::Photos {
    use ratatui_image::picker::{Picker, cap_parser::QueryStdioOptions};
    let ask = || {
        let opts = QueryStdioOptions { timeout: std::time::Duration::from_millis(300), ..Default::default() };
        Picker::from_query_stdio_with_options(opts).unwrap_or_else(|_| Picker::halfblocks())
    };
    let picker = match std::env::var("TOKSHOP_PHOTOS").as_deref() {
        Ok("off") => return crate::ui::photos::Photos::off(),
        Ok("query") => ask(),
        Ok("halfblocks") => Picker::halfblocks(),
        _ if graphics_terminal(|k| std::env::var(k).ok()) => ask(),
        _ => Picker::halfblocks(),
    };
    crate::ui::photos::Photos(Some(picker))
}

/// Whether the environment names a terminal that answers the graphics query.
fn graphics_terminal(env: impl Fn(&str) -> Option<String>) -> bool {
    let has = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    let term = env("TERM").unwrap_or_default();
    let program = env("TERM_PROGRAM").unwrap_or_default();
    has("KITTY_WINDOW_ID")
        || has("WEZTERM_EXECUTABLE")
        || has("KONSOLE_VERSION")
        || ["kitty", "ghostty", "foot"].iter().any(|t| term.contains(t))
        || ["iTerm.app", "WezTerm", "ghostty"].contains(&program.as_str())
}

/// Open the screen and run the console until the operator quits.
pub async fn screen(sc: Screen) -> Result<(), CliError> {
    let mut app = App::new(sc.keymap, sc.read_only, sc.ring);
    app.attached_as(&sc.who.0, sc.who.1);
    app.load(sc.views.as_ref());
    let mut terminal = ratatui::try_init().map_err(|e| CliError::failed(format!("cannot open the terminal: {e}")))?;
    // In front of ratatui's hook: a damaged page caught by the store must not restore the terminal.
    crate::store::quiet_caught_panics();
    let restore = Restore;
    app.shared.photos = photos_of_terminal();
    let events = crossterm::event::EventStream::new();
    let ch = Channels { updates: sc.updates, commands: sc.commands };
    let result = crate::ui::run::run(&mut terminal, &mut app, sc.views.as_ref(), ch, sc.clock, events, sc.opts).await;
    drop(restore);
    result.map_err(CliError::failed)
}

#[cfg(test)]
mod photo_tests {
    #[test]
    fn only_terminals_known_to_answer_are_asked() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert!(super::graphics_terminal(env(&[("TERM", "xterm-kitty")])));
        assert!(super::graphics_terminal(env(&[("TERM_PROGRAM", "iTerm.app"), ("TERM", "xterm-256color")])));
        assert!(!super::graphics_terminal(env(&[("TERM", "xterm-256color")])));
        assert!(!super::graphics_terminal(env(&[("TERM", "screen"), ("KITTY_WINDOW_ID", "")])));
        assert!(!super::graphics_terminal(env(&[])));
    }
}
