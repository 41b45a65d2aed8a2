//! The overlay trait: a dialog or view drawn over the panes (help, a picker, a prompt, a
//! confirmation, the order detail, ...). The top one takes every key and answers with a
//! [`Reply`]; what comes next in a multi-step flow travels inside the overlay as a
//! continuation, so the app holds no half-done state and no central list of flow steps.

use super::action::Action;
use super::app::App;
use super::keymap::Keymap;
use super::{Cx, RenderCtx};
use crate::message::{Command, Topic, Update};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::any::Any;

/// The next step of a flow: it may open the next overlay and send commands; an error keeps the
/// overlay it came from open, showing the error.
pub type Step = Box<dyn FnOnce(&mut App, &Cx) -> Result<Vec<Command>, String>>;

pub enum Reply {
    /// Nothing more; it stays open.
    Stay,
    Close,
    /// Close it and send these.
    Send(Vec<Command>),
    /// Keep it open and send these (a dialog that waits for the engine).
    Keep(Vec<Command>),
    /// Close it and take the next step.
    Next(Step),
    /// Keep it and perform an action of the pane it belongs to (the order detail's order actions).
    Run(&'static Action),
    /// Keep it and open another over it.
    Push(Box<dyn Overlay>),
    /// Keep it and complete this file path (the completions come back through `completed`).
    Complete(String),
}

/// What a scanned code does while an overlay is on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnScan {
    /// A dialog waiting for a choice: the scan is refused (it never chooses).
    Refuse,
    /// A text field: the code is typed into it (Enter is still the person's).
    Type,
    /// Something only shown (help, the log, a detail): it closes and the scan opens what it names.
    Give,
}

/// How an overlay took an engine update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heard {
    No,
    /// It used it (nobody else should).
    Yes,
    /// It used it and is finished.
    Done,
}

pub trait Overlay: Any {
    fn render(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx);
    fn on_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply;
    /// Show an error a step refused with.
    fn set_error(&mut self, _error: String) {}
    /// The paths that complete what it asked to complete.
    fn completed(&mut self, _paths: Vec<String>) {}
    fn on_update(&mut self, _u: &Update) -> Heard {
        Heard::No
    }
    /// Re-read what it shows after a change.
    fn on_change(&mut self, _topic: &Topic, _cx: &Cx) {}
    /// The keymap table whose hints show while it is on top (None: the pane's).
    fn table(&self) -> Option<&'static str> {
        None
    }
    /// What a scan does while it is on top.
    fn on_scan(&self) -> OnScan {
        OnScan::Refuse
    }
}
