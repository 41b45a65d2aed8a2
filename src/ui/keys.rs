//! Keys: the top overlay takes them first (text fields type, pickers move, confirmations wait
//! for y/n), then a search being typed in the Orders pane, then the keymap of the pane.

use super::action::{Action, Scope};
use super::app::{App, Overlay, PaneId};
use super::keymap::{Lookup, chord_of};
use super::overlays::category_picker::CategoryOutcome;
use super::overlays::connect::Outcome;
use super::overlays::picker::PickOutcome;
use super::view::ViewSource;
use crate::sync::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    pub(crate) fn scope(&self) -> Scope {
        match self.pane {
            PaneId::Shops => Scope::Shops,
            PaneId::Orders => Scope::Orders,
            PaneId::Packages => Scope::Packages,
            PaneId::Mapping => Scope::Mapping,
            PaneId::Inbox => Scope::Inbox,
            PaneId::Listings => Scope::Listings,
        }
    }

    /// A key press; returns the commands to send to the engine.
    pub fn on_key(&mut self, key: KeyEvent, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        if !self.overlays.is_empty() {
            return self.on_overlay_key(key, views, now);
        }
        if self.pane == PaneId::Orders && self.orders.search_input.is_some() {
            self.orders.search_key(key, views);
            return vec![];
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
                if a.hidden(self.read_only) {
                    return Vec::new();
                }
                self.perform(a, views, now)
            }
        }
    }

    fn on_overlay_key(&mut self, key: KeyEvent, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        let top = self.overlays.len() - 1;
        match &mut self.overlays[top] {
            Overlay::Connect(d) => {
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
            Overlay::Prompt(p) => match key.code {
                KeyCode::Esc => {
                    self.overlays.pop();
                    vec![]
                }
                _ if ctrl_c => {
                    self.overlays.pop();
                    vec![]
                }
                KeyCode::Enter => {
                    let (value, purpose) = (p.value(), p.purpose.clone());
                    match self.on_ask(purpose, value, now) {
                        Ok(cmds) => {
                            self.overlays.remove(top);
                            cmds
                        }
                        Err(e) => {
                            if let Some(Overlay::Prompt(p)) = self.overlays.get_mut(top) {
                                p.error = Some(e);
                            }
                            vec![]
                        }
                    }
                }
                _ => {
                    p.input.input(key);
                    p.error = None;
                    vec![]
                }
            },
            Overlay::Picker(p) => match p.on_key(key) {
                PickOutcome::Stay => vec![],
                PickOutcome::Cancel => {
                    self.overlays.pop();
                    vec![]
                }
                PickOutcome::Chosen(chosen) => {
                    let purpose = p.purpose.clone();
                    let cmds = self.on_pick(purpose, chosen, views, now);
                    self.overlays.remove(top);
                    cmds
                }
            },
            Overlay::Confirm(_) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => match self.overlays.pop() {
                    Some(Overlay::Confirm(c)) => vec![c.on_yes],
                    _ => vec![],
                },
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    self.overlays.pop();
                    self.toast("Cancelled", false, now);
                    vec![]
                }
                _ if ctrl_c => {
                    self.overlays.pop();
                    vec![]
                }
                _ => vec![],
            },
            Overlay::Order(_) => self.on_detail_key(key, views, now, ctrl_c),
            Overlay::Category(c) => match c.on_key(key) {
                CategoryOutcome::Stay => vec![],
                CategoryOutcome::Cancel => {
                    self.overlays.pop();
                    vec![]
                }
                CategoryOutcome::Chosen(category_id) => {
                    let (shop_id, product_type) = (c.shop_id.clone(), c.product_type.clone());
                    self.overlays.pop();
                    self.toast(format!("Mapping {product_type:?}…"), false, now);
                    vec![Command::Catalog(crate::sync::catalog_commands::CatalogCommand::MapCategory {
                        shop_id,
                        product_type,
                        category_id,
                    })]
                }
            },
            Overlay::Help(_) | Overlay::Log(_) => {
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
                scroll_by(scroll, action);
                vec![]
            }
        }
    }

    /// The order detail: navigation scrolls; order actions act on this order.
    fn on_detail_key(&mut self, key: KeyEvent, views: &dyn ViewSource, now: i64, ctrl_c: bool) -> Vec<Command> {
        if matches!(key.code, KeyCode::Esc) || ctrl_c {
            self.overlays.pop();
            return vec![];
        }
        let chord = [chord_of(&key)];
        let action = match self.keymap.lookup(Scope::Orders, &chord) {
            Lookup::Action(a) => Some(a),
            _ => None,
        };
        match action {
            Some(Action::OpenOrder) | Some(Action::Quit) => {
                self.overlays.pop();
                vec![]
            }
            Some(Action::Help) => {
                self.overlays.push(Overlay::Help(Default::default()));
                vec![]
            }
            Some(Action::Log) => {
                self.overlays.push(Overlay::Log(Default::default()));
                vec![]
            }
            Some(
                a @ (Action::ShipOrders
                | Action::SplitShip
                | Action::UpdateTracking
                | Action::CombineOrders
                | Action::CancelOrder
                | Action::AnswerCancel
                | Action::PrintLabel),
            ) if !a.hidden(self.read_only) => self.perform(a, views, now),
            other => {
                if let Some(Overlay::Order(d)) = self.overlays.last_mut() {
                    scroll_by(&mut d.scroll, other);
                }
                vec![]
            }
        }
    }
}

fn scroll_by(scroll: &mut u16, action: Option<Action>) {
    match action {
        Some(Action::SelectNext) => *scroll = scroll.saturating_add(1),
        Some(Action::SelectPrev) => *scroll = scroll.saturating_sub(1),
        Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(Action::SelectFirst) => *scroll = 0,
        _ => {}
    }
}
