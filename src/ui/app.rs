//! The console's state: panes, focus, an overlay stack, the status bar. Keys become actions
//! through the keymap and actions become [`Command`]s; [`Update`]s make the visible data be
//! re-read. No I/O here: the loop in `run.rs` does it.

use super::action::{Action, Scope};
use super::keymap::{Chord, Keymap, Lookup, chord_of};
use super::overlays::confirm::Confirm;
use super::overlays::connect::{ConnectDialog, Outcome};
use super::overlays::help::Help;
use super::overlays::log::LogView;
use super::overlays::prompt::Prompt;
use super::panes::inbox::InboxPane;
use super::panes::shops::ShopsPane;
use super::view::{ShopsRow, ViewSource};
use super::{RenderCtx, chrome};
use crate::domain::attention::AttentionKind;
use crate::domain::shop::ShopStatus;
use crate::logging::LogRing;
use crate::sync::health::HealthSnapshot;
use crate::sync::{Command, Topic, Update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneId {
    Shops,
    Inbox,
}

pub enum Overlay {
    Help(Help),
    Log(LogView),
    Confirm(Confirm),
    Prompt(Box<Prompt>),
    Connect(Box<ConnectDialog>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub at: i64,
}

pub struct App {
    pub pane: PaneId,
    pub shops: ShopsPane,
    pub inbox: InboxPane,
    pub overlays: Vec<Overlay>,
    pub keymap: Keymap,
    pub read_only: bool,
    pub health: HealthSnapshot,
    pub logs: LogRing,
    pub toast: Option<Toast>,
    pub quit: bool,
    pending: Vec<Chord>,
}

impl App {
    pub fn new(keymap: Keymap, read_only: bool, logs: LogRing) -> App {
        App {
            pane: PaneId::Shops,
            shops: ShopsPane::default(),
            inbox: InboxPane::default(),
            overlays: Vec::new(),
            keymap,
            read_only,
            health: HealthSnapshot::default(),
            logs,
            toast: None,
            quit: false,
            pending: Vec::new(),
        }
    }

    /// Read every view (at start).
    pub fn load(&mut self, views: &dyn ViewSource) {
        self.shops.set(views.shops());
        self.inbox.set(views.inbox());
    }

    fn scope(&self) -> Scope {
        match self.pane {
            PaneId::Shops => Scope::Shops,
            PaneId::Inbox => Scope::Inbox,
        }
    }

    fn toast(&mut self, text: impl Into<String>, error: bool, now: i64) {
        self.toast = Some(Toast { text: text.into(), error, at: now });
    }

    /// A key press; returns the commands to send to the engine.
    pub fn on_key(&mut self, key: KeyEvent, now: i64) -> Vec<Command> {
        if let Some(kind) = self.overlays.last().map(top_kind) {
            return self.on_overlay_key(key, now, kind);
        }
        self.pending.push(chord_of(&key));
        match self.keymap.lookup(self.scope(), &self.pending) {
            Lookup::Pending => Vec::new(),
            Lookup::None => {
                self.pending.clear();
                Vec::new()
            }
            Lookup::Action(a) => {
                self.pending.clear();
                if self.read_only && a.dangerous() {
                    return Vec::new();
                }
                self.perform(a, now)
            }
        }
    }

    fn on_overlay_key(&mut self, key: KeyEvent, now: i64, kind: OverlayKind) -> Vec<Command> {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match kind {
            OverlayKind::Connect => {
                let Some(Overlay::Connect(d)) = self.overlays.last_mut() else {
                    return vec![];
                };
                if ctrl_c {
                    let out = d.state.clone().map(|state| Command::CancelConnect { state });
                    self.overlays.pop();
                    return out.into_iter().collect();
                }
                match d.on_key(key) {
                    Outcome::Stay => vec![],
                    Outcome::Send(c) => vec![c],
                    Outcome::Close(c) => {
                        self.overlays.pop();
                        c.into_iter().collect()
                    }
                }
            }
            OverlayKind::Prompt => {
                let Some(Overlay::Prompt(p)) = self.overlays.last_mut() else {
                    return vec![];
                };
                match key.code {
                    KeyCode::Esc => {
                        self.overlays.pop();
                        vec![]
                    }
                    KeyCode::Enter => {
                        let name = p.value();
                        if let Err(e) = crate::domain::shop::validate_store_name(&name) {
                            p.error = Some(e);
                            return vec![];
                        }
                        self.overlays.pop();
                        vec![Command::AddStore { name }]
                    }
                    _ if ctrl_c => {
                        self.overlays.pop();
                        vec![]
                    }
                    _ => {
                        p.input.input(key);
                        vec![]
                    }
                }
            }
            OverlayKind::Confirm => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => match self.overlays.pop() {
                    Some(Overlay::Confirm(c)) => vec![c.on_yes],
                    _ => vec![],
                },
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    self.overlays.pop();
                    self.toast("Cancelled", false, now);
                    vec![]
                }
                _ => vec![],
            },
            OverlayKind::Help | OverlayKind::Log => {
                let close = matches!(key.code, KeyCode::Esc | KeyCode::Enter) || ctrl_c;
                let action = match self.keymap.lookup(Scope::Global, &[chord_of(&key)]) {
                    Lookup::Action(a) => Some(a),
                    _ => None,
                };
                if close || matches!(action, Some(Action::Help) | Some(Action::Log) | Some(Action::Quit)) {
                    self.overlays.pop();
                    return vec![];
                }
                let scroll = match self.overlays.last_mut() {
                    Some(Overlay::Help(h)) => &mut h.scroll,
                    Some(Overlay::Log(l)) => &mut l.scroll,
                    _ => return vec![],
                };
                match action {
                    Some(Action::SelectNext) => *scroll = scroll.saturating_add(1),
                    Some(Action::SelectPrev) => *scroll = scroll.saturating_sub(1),
                    Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
                    Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                    Some(Action::SelectFirst) => *scroll = 0,
                    _ => {}
                }
                vec![]
            }
        }
    }

    /// Do an action (already allowed by the read-only rule).
    pub fn perform(&mut self, a: Action, now: i64) -> Vec<Command> {
        match a {
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help(Help::default())),
            Action::Log => self.overlays.push(Overlay::Log(LogView::default())),
            Action::NextPane | Action::PrevPane => {
                self.pane = if self.pane == PaneId::Shops { PaneId::Inbox } else { PaneId::Shops };
            }
            Action::GoShops => self.pane = PaneId::Shops,
            Action::GoInbox => self.pane = PaneId::Inbox,
            Action::SelectNext | Action::SelectPrev | Action::PageDown | Action::PageUp | Action::SelectFirst | Action::SelectLast => {
                match self.pane {
                    PaneId::Shops => self.shops.navigate(a),
                    PaneId::Inbox => self.inbox.navigate(a),
                }
            }
            Action::AddStore => self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                "Add a store",
                "A name for the platform store (letters, digits, - _ .):",
                "",
            )))),
            Action::ConnectShop => {
                let d = ConnectDialog::connect(self.shops.view.store_names(), self.shops.selected_store());
                self.overlays.push(Overlay::Connect(Box::new(d)));
            }
            Action::ReauthorizeShop => return self.reauthorize_selected(now),
            Action::RefreshToken => match self.shops.selected_shop().map(|l| l.shop.clone()) {
                Some(s) if s.status.syncs() => {
                    self.toast(format!("Refreshing the token of {}…", s.name), false, now);
                    return vec![Command::RefreshToken { shop_id: s.id }];
                }
                Some(s) => self.toast(format!("{} is {}: re-authorize it instead", s.name, s.status.label()), true, now),
                None => self.toast("Select a shop first", true, now),
            },
            Action::DisconnectShop => match self.shops.selected_shop().map(|l| l.shop.clone()) {
                Some(s) if s.status != ShopStatus::Disconnected => {
                    self.overlays.push(Overlay::Confirm(Confirm {
                        title: format!("Disconnect {}?", s.name),
                        message: format!(
                            "Disconnect {} ({}, shop {}) from store {}? Its sync stops, TikTok deauthorizes it, and its credentials are deleted. Its history stays.",
                            s.name, s.region, s.id, s.store
                        ),
                        on_yes: Command::Disconnect { shop_id: s.id.clone() },
                    }));
                }
                Some(_) => self.toast("That shop is already disconnected", true, now),
                None => self.toast("Select a shop first", true, now),
            },
            Action::RemoveStore => match self.shops.selected().cloned() {
                Some(ShopsRow::Store { name, live_shops }) if live_shops > 0 => {
                    self.toast(format!("Store {name} still has connected shops: disconnect them first"), true, now)
                }
                Some(ShopsRow::Store { name, .. }) => self.overlays.push(Overlay::Confirm(Confirm {
                    title: format!("Remove store {name}?"),
                    message: format!("Remove store {name}? Shops it once had stay in the history."),
                    on_yes: Command::RemoveStore { name },
                })),
                _ => self.toast("Select a store row first", true, now),
            },
            Action::OpenItem => {
                let Some(item) = self.inbox.selected().cloned() else {
                    return vec![];
                };
                match (item.kind, &item.shop_id) {
                    (AttentionKind::Reauthorize | AttentionKind::Deauthorized | AttentionKind::TokenRefreshFailed, Some(shop_id)) => {
                        let id = shop_id.clone();
                        if let Some(l) = self.shops.view.shop(&id) {
                            let (d, cmd) = ConnectDialog::reauthorize(&id, &l.shop.name, &l.shop.store);
                            self.overlays.push(Overlay::Connect(Box::new(d)));
                            return vec![cmd];
                        }
                        self.toast("That shop is no longer connected here", true, now);
                    }
                    _ => self.toast("Nothing to do here beyond reading it; dismiss it when done", false, now),
                }
            }
            Action::DismissItem => {
                if let Some(item) = self.inbox.selected() {
                    return vec![Command::ResolveAttention { key: item.key.clone() }];
                }
            }
        }
        vec![]
    }

    fn reauthorize_selected(&mut self, now: i64) -> Vec<Command> {
        match self.shops.selected_shop().map(|l| l.shop.clone()) {
            Some(s) if s.status != ShopStatus::Disconnected => {
                let (d, cmd) = ConnectDialog::reauthorize(&s.id, &s.name, &s.store);
                self.overlays.push(Overlay::Connect(Box::new(d)));
                vec![cmd]
            }
            Some(_) => {
                self.toast("That shop is disconnected: connect it again instead", true, now);
                vec![]
            }
            None => {
                self.toast("Select a shop first", true, now);
                vec![]
            }
        }
    }

    /// An update from the engine; re-reads views that changed.
    pub fn on_update(&mut self, u: Update, views: &dyn ViewSource, now: i64) {
        if let Some(Overlay::Connect(d)) = self.overlays.iter_mut().rev().find(|o| matches!(o, Overlay::Connect(_)))
            && d.on_update(&u)
        {
            self.overlays.retain(|o| !matches!(o, Overlay::Connect(_)));
        }
        match u {
            Update::Changed(Topic::Shops) => self.shops.set(views.shops()),
            Update::Changed(Topic::Inbox) => self.inbox.set(views.inbox()),
            Update::Changed(Topic::Webhooks) => {}
            Update::Done(m) => self.toast(m, false, now),
            Update::Failed(m) => self.toast(m, true, now),
            Update::Health(h) => self.health = h,
            Update::AuthFailed { message, .. } if !self.overlays.iter().any(|o| matches!(o, Overlay::Connect(_))) => {
                self.toast(message, true, now)
            }
            _ => {}
        }
    }

    /// Draw everything; a pure function of the state and `now`.
    pub fn render(&mut self, f: &mut Frame, now: i64) {
        let ctx = RenderCtx { now, keymap: &self.keymap, read_only: self.read_only };
        let [top, body, hint, bar] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1), Constraint::Length(1)]).areas(f.area());
        chrome::tabs(f, top, self.pane, self.inbox.view.items.len(), self.read_only);
        match self.pane {
            PaneId::Shops => self.shops.render(f, body, &ctx),
            PaneId::Inbox => self.inbox.render(f, body, &ctx),
        }
        chrome::hints(f, hint, &ctx, self.pane, self.toast.as_ref());
        chrome::status(f, bar, &ctx, &self.health, &self.shops.view);
        let logs = self.logs.lines();
        for o in &self.overlays {
            match o {
                Overlay::Help(h) => h.render(f, body, &self.keymap, self.read_only),
                Overlay::Log(l) => l.render(f, body, &logs),
                Overlay::Confirm(c) => c.render(f, body),
                Overlay::Prompt(p) => p.render(f, body),
                Overlay::Connect(d) => d.render(f, body),
            }
        }
    }
}

#[derive(Clone, Copy)]
enum OverlayKind {
    Help,
    Log,
    Confirm,
    Prompt,
    Connect,
}

fn top_kind(o: &Overlay) -> OverlayKind {
    match o {
        Overlay::Help(_) => OverlayKind::Help,
        Overlay::Log(_) => OverlayKind::Log,
        Overlay::Confirm(_) => OverlayKind::Confirm,
        Overlay::Prompt(_) => OverlayKind::Prompt,
        Overlay::Connect(_) => OverlayKind::Connect,
    }
}
