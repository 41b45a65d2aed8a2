//! The console's state: the panes (from the registry), which one shows, an overlay stack, what
//! several panes share, the status bar. Keys become actions through the keymap (`keys.rs`);
//! actions and flow steps change the app and return [`Command`]s; [`Update`]s make the views
//! that watch a change re-read themselves. No I/O here: the loop in `run.rs` does it.

use super::action::Access;
use super::keymap::{Chord, Keymap};
use super::overlay::{Heard, Overlay};
use super::pane::{Nav, Pane};
use super::shared::Shared;
use super::{Cx, RenderCtx, ViewSource, chrome, loaded::Loaded, panes::PANES};
use crate::domain::health::HealthSnapshot;
use crate::domain::role::Role;
use crate::logging::{LogLine, LogRing};
use crate::message::{Command, LinkState, ShopsAnswer, Topic, Update};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use std::any::Any;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub at: i64,
}

/// A flow step waiting for the engine's answer: true when the update was its answer.
pub type Waiter = Box<dyn FnMut(&mut App, &Update, &Cx) -> bool>;

pub struct App {
    pub panes: Vec<Box<dyn Pane>>,
    pub current: usize,
    pub overlays: Vec<Box<dyn Overlay>>,
    pub shared: Shared,
    pub keymap: Keymap,
    pub access: Access,
    pub health: HealthSnapshot,
    pub logs: LogRing,
    pub toast: Option<Toast>,
    /// The latest message, kept after the status line lets it go (`M` shows it whole).
    pub last_message: Option<Toast>,
    /// The engine's last error once a key dismissed it from the status bar.
    pub seen_error: Option<(i64, String)>,
    pub quit: bool,
    /// Who the engine says this console's user is, and their role (when attached).
    pub who: Option<(String, Role)>,
    /// Why the link to the engine is lost (the console keeps its screen and reattaches).
    pub lost: Option<String>,
    waiter: Option<Waiter>,
    pub(crate) pending: Vec<Chord>,
    /// Panes whose view changed while they were not shown.
    stale: Vec<bool>,
    /// Long work going on in the engine, oldest first (a gauge above the status bar).
    pub progress: Vec<crate::domain::progress::Progress>,
}

impl App {
    pub fn new(keymap: Keymap, read_only: bool, logs: LogRing) -> App {
        let panes: Vec<Box<dyn Pane>> = PANES.iter().map(|e| (e.make)()).collect();
        let stale = vec![true; panes.len()];
        App {
            panes,
            current: 0,
            overlays: Vec::new(),
            shared: Shared::default(),
            keymap,
            access: if read_only { Access::Viewer } else { Access::Admin },
            health: HealthSnapshot::default(),
            logs,
            toast: None,
            last_message: None,
            seen_error: None,
            quit: false,
            who: None,
            lost: None,
            waiter: None,
            pending: Vec::new(),
            stale,
            progress: Vec::new(),
        }
    }

    /// Read every view (at start).
    pub fn load(&mut self, views: &dyn ViewSource) {
        let cx = Cx { views, now: 0 };
        self.shared.shops = Loaded::from_result(views.shops());
        self.shared.carriers = Loaded::from_result(views.carriers());
        for (p, stale) in self.panes.iter_mut().zip(self.stale.iter_mut()) {
            p.load(&cx, &self.shared);
            *stale = false;
        }
    }

    /// Attached as `user` with `role`: the actions shown are the ones the role may take.
    pub fn attached_as(&mut self, user: &str, role: Role) {
        self.access = role;
        self.who = Some((user.to_string(), role));
    }

    /// The console's link to the engine changed.
    fn on_link(&mut self, l: LinkState, views: &dyn ViewSource, now: i64) {
        match l {
            LinkState::Attached { user, role, .. } => {
                self.attached_as(&user, role);
                if self.lost.take().is_some() {
                    // What changed while detached was not heard: read everything again.
                    self.load(views);
                    self.toast("Reattached to the engine; every pane read again", false, now);
                }
            }
            LinkState::Lost(why) => self.lost = Some(why),
            LinkState::Resync => self.load(views),
        }
    }

    pub fn pane<T: Pane>(&self) -> Option<&T> {
        self.panes.iter().find_map(|p| (p.as_ref() as &dyn Any).downcast_ref::<T>())
    }

    pub fn pane_mut<T: Pane>(&mut self) -> Option<&mut T> {
        self.panes.iter_mut().find_map(|p| (p.as_mut() as &mut dyn Any).downcast_mut::<T>())
    }

    /// A pane with what the panes share (to move or reload it).
    pub fn pane_with_shared<T: Pane>(&mut self) -> Option<(&mut T, &Shared)> {
        let shared = &self.shared;
        self.panes.iter_mut().find_map(|p| (p.as_mut() as &mut dyn Any).downcast_mut::<T>()).map(|p| (p, shared))
    }

    /// The pane on screen.
    pub fn current_pane(&self) -> &dyn Pane {
        self.panes[self.current].as_ref()
    }

    pub fn is_showing<T: Pane>(&self) -> bool {
        (self.current_pane() as &dyn Any).is::<T>()
    }

    pub fn current_table(&self) -> &'static str {
        self.current_pane().spec().table
    }

    /// Show the pane at `index`, re-reading it if it changed while hidden.
    pub fn show_index(&mut self, index: usize, cx: &Cx) {
        if index >= self.panes.len() {
            return;
        }
        self.current = index;
        if self.stale[index] {
            self.stale[index] = false;
            self.panes[index].load(cx, &self.shared);
        }
    }

    /// Show the pane whose keymap table is `table`.
    pub fn show_table(&mut self, table: &str, cx: &Cx) {
        if let Some(i) = self.panes.iter().position(|p| p.spec().table == table) {
            self.show_index(i, cx);
        }
    }

    pub fn show<T: Pane>(&mut self, cx: &Cx) {
        if let Some(i) = self.panes.iter().position(|p| (p.as_ref() as &dyn Any).is::<T>()) {
            self.show_index(i, cx);
        }
    }

    pub fn step_pane(&mut self, forward: bool, cx: &Cx) {
        let n = self.panes.len();
        let i = if forward { (self.current + 1) % n } else { (self.current + n - 1) % n };
        self.show_index(i, cx);
    }

    pub fn navigate(&mut self, nav: Nav, cx: &Cx) -> Vec<Command> {
        self.panes[self.current].navigate(nav, cx, &self.shared);
        vec![]
    }

    pub fn push(&mut self, o: Box<dyn Overlay>) {
        self.overlays.push(o);
    }

    /// The top overlay, if it is a `T`.
    pub fn top<T: Overlay>(&self) -> Option<&T> {
        self.overlays.last().and_then(|o| (o.as_ref() as &dyn Any).downcast_ref::<T>())
    }

    pub fn top_mut<T: Overlay>(&mut self) -> Option<&mut T> {
        self.overlays.last_mut().and_then(|o| (o.as_mut() as &mut dyn Any).downcast_mut::<T>())
    }

    /// A message in the status line; every failure also goes to the log (`L`).
    pub fn toast(&mut self, text: impl Into<String>, error: bool, now: i64) {
        let t = Toast { text: text.into(), error, at: now };
        if error {
            self.logs.push(LogLine { at: now, level: "ERROR".into(), message: t.text.clone() });
        }
        self.last_message = Some(t.clone());
        self.toast = Some(t);
    }

    /// A key was pressed: the status line's message and the engine's last error go.
    pub fn dismiss(&mut self) {
        self.toast = None;
        self.seen_error.clone_from(&self.health.last_error);
    }

    /// Wait for an answer from the engine (the latest wait replaces an earlier one).
    pub fn wait(&mut self, w: Waiter) {
        self.waiter = Some(w);
    }

    pub fn waiting(&self) -> bool {
        self.waiter.is_some()
    }

    /// An engine answer a flow waits for; true when it was used.
    fn answered(&mut self, u: &Update, cx: &Cx) -> bool {
        let Some(mut w) = self.waiter.take() else { return false };
        if w(self, u, cx) {
            return true;
        }
        // The engine could not answer: the failure says why; stop waiting.
        if !matches!(u, Update::Failed(_)) && self.waiter.is_none() {
            self.waiter = Some(w);
        }
        false
    }

    /// An update from the engine; re-reads the views that changed.
    pub fn on_update(&mut self, u: Update, views: &dyn ViewSource, now: i64) {
        let cx = Cx { views, now };
        let mut heard = false;
        for i in (0..self.overlays.len()).rev() {
            match self.overlays[i].on_update(&u) {
                Heard::No => continue,
                Heard::Yes => {}
                Heard::Done => {
                    self.overlays.remove(i);
                }
            }
            heard = true;
            break;
        }
        if let Update::Link(l) = u {
            return self.on_link(l, views, now);
        }
        if let Update::Changed(t) = &u {
            // A change reaches the views first; a step waiting for it then sees them current.
            self.changed(t, &cx);
            self.answered(&u, &cx);
            return;
        }
        if self.answered(&u, &cx) {
            return;
        }
        match u {
            Update::Changed(_) => {}
            Update::Done(m) => self.toast(m, false, now),
            Update::Failed(m) => self.toast(m, true, now),
            Update::Health(h) => {
                if let Some((at, e)) = h.last_error.as_ref().filter(|e| self.health.last_error.as_ref() != Some(e)) {
                    self.logs.push(LogLine { at: *at, level: "ERROR".into(), message: e.clone() });
                }
                self.health = h;
            }
            Update::Shops(ShopsAnswer::AuthFailed { message, .. }) if !heard => self.toast(message, true, now),
            Update::Progress(p) => {
                let at = self.progress.iter().position(|x| x.key == p.key);
                match (at, p.finished) {
                    (Some(i), true) => {
                        self.progress.remove(i);
                    }
                    (Some(i), false) => self.progress[i] = p,
                    (None, false) => self.progress.push(p),
                    (None, true) => {}
                }
            }
            _ => {}
        }
    }

    fn changed(&mut self, t: &Topic, cx: &Cx) {
        match t {
            Topic::Shops => {
                self.shared.shops = Loaded::from_result(cx.views.shops());
                self.shared.carriers = Loaded::from_result(cx.views.carriers());
            }
            Topic::Carriers => self.shared.carriers = Loaded::from_result(cx.views.carriers()),
            _ => {}
        }
        if *t == Topic::Everything {
            self.shared.shops = Loaded::from_result(cx.views.shops());
            self.shared.carriers = Loaded::from_result(cx.views.carriers());
        }
        for i in 0..self.panes.len() {
            if *t != Topic::Everything && !self.panes[i].watches(t, &self.shared) {
                continue;
            }
            if i == self.current {
                self.panes[i].load(cx, &self.shared);
            } else {
                self.stale[i] = true;
            }
        }
        for o in &mut self.overlays {
            o.on_change(t, cx);
        }
    }

    /// Draw everything; a pure function of the state and `now`.
    pub fn render(&mut self, f: &mut Frame, now: i64) {
        let App {
            panes,
            current,
            overlays,
            shared,
            keymap,
            access,
            health,
            logs,
            toast,
            who,
            lost,
            seen_error,
            progress,
            ..
        } = self;
        let ctx = RenderCtx { now, keymap, access: *access, shared, logs };
        let gauge = u16::from(!progress.is_empty());
        let [top, body, work, hint, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(gauge),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(f.area());
        chrome::progress(f, work, progress);
        let tabs: Vec<chrome::Tab> = panes
            .iter()
            .map(|p| chrome::Tab { title: p.spec().title, short: p.spec().short, badge: p.badge() })
            .collect();
        let (full, short) = match who {
            Some((user, Role::Viewer)) => (format!("{user} (read-only)"), "read-only".to_string()),
            Some((user, role)) => (format!("{user} ({})", role.name()), role.name().to_string()),
            None if ctx.read_only() => ("read-only".into(), "read-only".into()),
            None => (String::new(), String::new()),
        };
        chrome::tabs(f, top, &tabs, *current, [&full, &short], ctx.read_only());
        panes[*current].render(f, body, &ctx);
        let (table, idle) = match overlays.last().and_then(|o| o.table()) {
            Some(t) => (t, &[][..]),
            None => (panes[*current].spec().table, panes[*current].idle()),
        };
        chrome::hints(f, hint, &ctx, table, idle, toast.as_ref());
        let error = health.last_error.as_ref().filter(|e| Some(*e) != seen_error.as_ref()).map(|e| e.1.as_str());
        chrome::status(f, bar, &ctx, health, error, lost.as_deref());
        for o in overlays.iter() {
            o.render(f, body, &ctx);
        }
    }
}
