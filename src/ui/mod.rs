//! The console: the app (panes, focus, an overlay stack, the status bar), panes behind one
//! trait listed in the registry, overlays, flows per family, the keymap, theme. Rendering is a
//! pure function of the state and an injected clock; the loop in [`run`] is the only place with
//! terminal I/O. The UI reads views through [`ViewSource`] and sends [`Command`]s; it never calls
//! the API, the webhook receiver or the sandbox, and never writes to the store.
//!
//! [`Command`]: crate::message::Command

pub mod action;
pub mod app;
pub mod chrome;
pub mod field;
pub mod flows;
pub mod global;
pub mod keymap;
mod keys;
pub mod list_state;
pub mod loaded;
pub mod notice;
pub mod overlay;
pub mod overlays;
pub mod paged;
pub mod pane;
pub mod panes;
pub mod photos;
pub mod run;
pub mod scan;
mod scanned;
pub mod shared;
pub mod theme;
pub mod wrap;

pub use crate::store::views::ViewSource;

use action::{Access, Action};
use keymap::Keymap;

/// What rendering needs besides the state.
pub struct RenderCtx<'a> {
    pub now: i64,
    pub keymap: &'a Keymap,
    pub access: Access,
    pub shared: &'a shared::Shared,
    pub logs: &'a crate::logging::LogRing,
}

impl RenderCtx<'_> {
    /// The first key bound to an action, for inline hints.
    pub fn keys(&self, a: &Action) -> String {
        self.keymap.keys_for(a).into_iter().next().unwrap_or_else(|| a.name.to_string())
    }

    pub fn read_only(&self) -> bool {
        self.access == Access::Viewer
    }

    /// Whether this console may run the action: a write hint is drawn only when it may.
    pub fn may(&self, a: &Action) -> bool {
        !a.hidden(self.access)
    }
}

/// What performing an action or a flow step works with: where views are read, and the time.
pub struct Cx<'a> {
    pub views: &'a dyn ViewSource,
    pub now: i64,
}
