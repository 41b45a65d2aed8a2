//! The console: app state, panes, overlays, keymap, theme. Rendering is a pure function of the
//! state and an injected clock; the loop in [`run`] is the only place with terminal I/O. The
//! UI never calls the API, the webhook receiver or the sandbox, and never writes to the store.

pub mod action;
mod actions;
pub mod app;
pub mod chrome;
pub mod flows;
pub mod keymap;
mod keys;
pub mod list_state;
pub mod overlays;
pub mod panes;
pub mod run;
pub mod scope;
pub mod theme;
pub mod view;
pub mod view_catalog;
pub mod wrap;

use keymap::Keymap;

/// What rendering needs besides the state.
pub struct RenderCtx<'a> {
    pub now: i64,
    pub keymap: &'a Keymap,
    pub read_only: bool,
}

impl RenderCtx<'_> {
    /// The first key bound to an action, for inline hints.
    pub fn keys(&self, a: action::Action) -> String {
        self.keymap.keys_for(a).into_iter().next().unwrap_or_else(|| a.name().to_string())
    }
}
