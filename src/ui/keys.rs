//! Keys: the top overlay takes them first (text fields type, pickers move, confirmations wait
//! for y/n), then a text field of the pane (a search being typed), then the keymap: the pane's
//! table, then the global one.

use super::Cx;
use super::ViewSource;
use super::app::App;
use super::keymap::{Lookup, chord_of};
use super::overlay::Reply;
use crate::message::Command;
use crossterm::event::KeyEvent;

impl App {
    /// A key press; returns the commands to send to the engine.
    pub fn on_key(&mut self, key: KeyEvent, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let cx = Cx { views, now };
        // Any key lets the status line's message go (`M` shows the last one whole).
        self.dismiss();
        if !self.overlays.is_empty() {
            return self.on_overlay_key(key, &cx);
        }
        if self.panes[self.current].take_key(key, &cx, &self.shared) {
            return vec![];
        }
        self.pending.push(chord_of(&key));
        match self.keymap.lookup(self.current_table(), &self.pending) {
            Lookup::Pending => vec![],
            Lookup::None => {
                self.pending.clear();
                vec![]
            }
            Lookup::Action(a) => {
                self.pending.clear();
                self.perform(a, &cx)
            }
        }
    }

    fn on_overlay_key(&mut self, key: KeyEvent, cx: &Cx) -> Vec<Command> {
        let idx = self.overlays.len() - 1;
        match self.overlays[idx].on_key(key, &self.keymap) {
            Reply::Stay => vec![],
            Reply::Close => {
                self.overlays.remove(idx);
                vec![]
            }
            Reply::Send(cmds) => {
                self.overlays.remove(idx);
                cmds
            }
            Reply::Keep(cmds) => cmds,
            Reply::Next(step) => {
                let mut o = self.overlays.remove(idx);
                match step(self, cx) {
                    Ok(cmds) => cmds,
                    Err(e) => {
                        o.set_error(e);
                        let at = idx.min(self.overlays.len());
                        self.overlays.insert(at, o);
                        vec![]
                    }
                }
            }
            Reply::Run(a) if a.hidden(self.access) => {
                self.refuse(a, cx.now);
                vec![]
            }
            Reply::Run(a) => (a.run)(self, cx),
            Reply::Push(o) => {
                self.overlays.push(o);
                vec![]
            }
            Reply::Complete(typed) => {
                let paths = cx.views.complete_path(&typed).unwrap_or_default();
                self.overlays[idx].completed(paths);
                vec![]
            }
        }
    }
}

impl App {
    /// Perform an action (a key, or the palette): refused with a message when this console may
    /// not, or when it means nothing in the pane's state.
    pub fn perform(&mut self, a: &'static crate::ui::action::Action, cx: &Cx) -> Vec<Command> {
        if a.hidden(self.access) {
            self.refuse(a, cx.now);
            return vec![];
        }
        let pane = self.current_pane();
        if pane.idle().contains(&a) {
            let why = pane.idle_message(a, &self.keymap);
            self.toast(why, true, cx.now);
            return vec![];
        }
        (a.run)(self, cx)
    }

    /// A write this console may not make: said, never silently ignored.
    fn refuse(&mut self, a: &crate::ui::action::Action, now: i64) {
        let why = match self.access {
            crate::domain::role::Role::Viewer => "read-only mode".to_string(),
            role => format!("the {} role", role.name()),
        };
        self.toast(format!("Not in {why}: {} ({}) changes something", a.hint, a.description), true, now);
    }
}
