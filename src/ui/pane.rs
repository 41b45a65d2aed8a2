//! The pane trait: a pane declares what it is (title, short title, keymap table, the key that
//! goes to it, its actions) and knows which changes it watches, how to read its current page,
//! how to move and how to draw. The app holds them in the [registry](super::panes) and
//! generates the tab bar, help, footer hints and pane-switch keys from their declarations.

use super::action::Action;
use super::keymap::Keymap;
use super::shared::Shared;
use super::{Cx, RenderCtx};
use crate::message::Topic;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::any::Any;

/// A movement over a pane's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Next,
    Prev,
    PageDown,
    PageUp,
    First,
    Last,
}

/// What a pane is, declared once in its module.
pub struct PaneSpec {
    /// Its keymap table, and how it is named.
    pub table: &'static str,
    pub title: &'static str,
    /// The tab bar's label when space is short and the pane is not the current one.
    pub short: &'static str,
    /// The help overlay's heading for its actions.
    pub help: &'static str,
    /// The action that shows it (`go-<table>`), bound to its number and to `g <key>`.
    pub go: Action,
    pub key: char,
    /// Its actions, in the order help and hints show them.
    pub actions: &'static [&'static Action],
}

pub trait Pane: Any {
    fn spec(&self) -> &'static PaneSpec;
    /// Whether a change makes its view stale.
    fn watches(&self, topic: &Topic, shared: &Shared) -> bool;
    /// Read its current page (at start, after a change, when shown while stale).
    fn load(&mut self, cx: &Cx, shared: &Shared);
    fn navigate(&mut self, nav: Nav, cx: &Cx, shared: &Shared);
    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx);
    /// A count shown beside its tab ("Inbox (3)").
    fn badge(&self) -> Option<String> {
        None
    }
    /// Its actions that mean nothing in its current state (kept out of the hints, refused).
    fn idle(&self) -> &'static [&'static Action] {
        &[]
    }
    /// Why an idle action does nothing now.
    fn idle_message(&self, a: &Action, _keymap: &Keymap) -> String {
        format!("Nothing to {} here", a.hint)
    }
    /// A key a text field of the pane takes before the keymap does (a search being typed);
    /// true when taken.
    fn take_key(&mut self, _key: KeyEvent, _cx: &Cx, _shared: &Shared) -> bool {
        false
    }
    /// A text field of the pane has the keys (a scan is typed into it).
    fn typing(&self) -> bool {
        false
    }
}
