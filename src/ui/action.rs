//! An action is declared once, next to the code that performs it: its kebab-case name (what
//! keymaps bind), a short hint (the footer), a description (help), whether it is dangerous
//! (always confirmed) and what access it needs, and the function that performs it. Panes list
//! their actions; help, hints, keymap validation and read-only hiding all read the declaration.

use super::Cx;
use super::app::App;
use crate::domain::role::{Capability, Role};
use crate::message::Command;

/// What performing an action does: the app changes, and commands may go to the engine.
pub type Run = fn(&mut App, &Cx) -> Vec<Command>;

/// The access an action needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Looking, moving, opening, asking TikTok for data.
    Read,
    /// Changing something, here or on TikTok: only roles with this capability.
    Write(Capability),
}

/// What a console may do: its user's role (`--read-only` is the viewer role).
pub type Access = Role;

pub struct Action {
    pub name: &'static str,
    pub hint: &'static str,
    pub description: &'static str,
    pub need: Need,
    pub danger: bool,
    /// Shown in the footer hints (the detail scroll keys name themselves where they apply).
    pub hinted: bool,
    pub run: Run,
}

impl Action {
    /// A read action; [`Action::writes`] and [`Action::dangerous`] say otherwise.
    pub const fn new(name: &'static str, hint: &'static str, description: &'static str, run: Run) -> Action {
        Action { name, hint, description, need: Need::Read, danger: false, hinted: true, run }
    }

    /// It changes something, which needs this capability.
    pub const fn writes(mut self, c: Capability) -> Action {
        self.need = Need::Write(c);
        self
    }

    /// Dangerous actions always confirm and are hidden where the console may not write.
    pub const fn dangerous(mut self, c: Capability) -> Action {
        self.need = Need::Write(c);
        self.danger = true;
        self
    }

    pub const fn unhinted(mut self) -> Action {
        self.hinted = false;
        self
    }

    /// Hidden (not shown, not run) for this role.
    pub fn hidden(&self, role: Role) -> bool {
        match self.need {
            Need::Read => false,
            Need::Write(c) => !role.can(c),
        }
    }
}

impl PartialEq for Action {
    fn eq(&self, other: &Action) -> bool {
        self.name == other.name
    }
}

impl Eq for Action {}

impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Action({})", self.name)
    }
}
