//! The connect dialog (SHOP-CONN-SINGLE/MULTI, re-authorization): name the store, show the
//! seller authorization link, take the code pasted into a text field or captured by the
//! receiver's callback, then let the operator choose which authorized shops to link.

use crate::domain::shop::AuthorizedShop;
use crate::message::{Command, ShopsAnswer, ShopsCommand, Update};
use crate::ui::field::Field;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{Heard, OnScan, Overlay, Reply};
use crate::ui::{RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub enum Step {
    /// Which store the shops join.
    Store { input: Field },
    /// Waiting for the engine (link, exchange, linking).
    Working { what: String },
    /// The link is out; waiting for the seller's code (pasted or from the callback).
    Waiting { input: Field },
    /// Pick the shops to link.
    Choose { shops: Vec<(AuthorizedShop, Option<String>)>, checked: Vec<bool>, cursor: usize },
}

pub struct ConnectDialog {
    pub title: String,
    /// Existing store names (to tell "join" from "create").
    pub stores: Vec<String>,
    pub store: String,
    /// For a re-authorization: the shop whose seller must consent again.
    pub reauthorize: Option<String>,
    pub state: Option<String>,
    pub url: Option<String>,
    pub step: Step,
    pub error: Option<String>,
    /// The store name was filled in for the operator: the first letter typed replaces it.
    pub prefilled: bool,
    /// This attempt created the store (removed again when it is cancelled).
    pub created: bool,
}

/// What a key press in the dialog leads to.
pub enum Outcome {
    Stay,
    Send(Command),
    Close(Option<Command>),
}

fn field(initial: &str, placeholder: &str) -> Field {
    Field::boxed(initial, placeholder)
}

impl ConnectDialog {
    pub fn connect(stores: Vec<String>, preselected: Option<String>) -> ConnectDialog {
        let initial = preselected.unwrap_or_default();
        ConnectDialog {
            title: "Connect TikTok shops".into(),
            stores,
            store: String::new(),
            reauthorize: None,
            state: None,
            url: None,
            prefilled: !initial.is_empty(),
            step: Step::Store { input: field(&initial, "store name, e.g. main-street") },
            error: None,
            created: false,
        }
    }

    /// Re-authorization starts at once: the store is the shop's.
    pub fn reauthorize(shop_id: &str, shop_name: &str, store: &str) -> (ConnectDialog, Command) {
        let d = ConnectDialog {
            title: format!("Re-authorize {shop_name}"),
            stores: vec![],
            store: store.into(),
            reauthorize: Some(shop_id.into()),
            state: None,
            url: None,
            step: Step::Working { what: "Preparing the authorization link…".into() },
            error: None,
            prefilled: false,
            created: false,
        };
        (d, ShopsCommand::BeginReauthorize { shop_id: shop_id.into() }.into())
    }

    /// Whether keys go to a text field first (so a scanner or a paste never fires actions).
    pub fn wants_text(&self) -> bool {
        matches!(self.step, Step::Store { .. } | Step::Waiting { .. })
    }

    /// What cancelling sends: forget the attempt, and drop the store it created.
    pub fn cancel_command(&self) -> Option<Command> {
        if self.state.is_none() && !self.created {
            return None;
        }
        let state = self.state.clone().unwrap_or_default();
        let created_store = self.created.then(|| self.store.clone());
        Some(ShopsCommand::CancelConnect { state, created_store }.into())
    }

    fn cancel(&self) -> Outcome {
        Outcome::Close(self.cancel_command())
    }

    pub fn dialog_key(&mut self, key: KeyEvent) -> Outcome {
        if key.code == KeyCode::Esc {
            return self.cancel();
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match &mut self.step {
            Step::Store { input } => {
                if key.code == KeyCode::Enter {
                    let name = input.text().trim().to_string();
                    if let Err(e) = crate::domain::shop::validate_store_name(&name) {
                        self.error = Some(e);
                        return Outcome::Stay;
                    }
                    let create = !self.stores.contains(&name);
                    self.created = create;
                    self.store = name.clone();
                    self.error = None;
                    self.step = Step::Working { what: "Preparing the authorization link…".into() };
                    return Outcome::Send(ShopsCommand::BeginConnect { store: name, create_store: create }.into());
                }
                // Typing over a name filled in for you replaces it (arrows and backspace edit it).
                if std::mem::take(&mut self.prefilled) && matches!(key.code, KeyCode::Char(_)) && !ctrl {
                    *input = field("", "store name, e.g. main-street");
                }
                input.key(key);
                Outcome::Stay
            }
            Step::Waiting { input } => {
                if ctrl && key.code == KeyCode::Char('o') {
                    return match &self.url {
                        Some(url) => Outcome::Send(ShopsCommand::OpenLink { url: url.clone() }.into()),
                        None => Outcome::Stay,
                    };
                }
                if key.code == KeyCode::Enter {
                    let code = input.text().trim().to_string();
                    let Some(state) = self.state.clone() else {
                        return Outcome::Stay;
                    };
                    if code.is_empty() {
                        self.error =
                            Some("Paste the code from the seller's redirect first (or wait for the callback).".into());
                        return Outcome::Stay;
                    }
                    self.error = None;
                    self.step = Step::Working { what: "Exchanging the code…".into() };
                    return Outcome::Send(ShopsCommand::SubmitCode { state, code }.into());
                }
                input.key(key);
                Outcome::Stay
            }
            Step::Working { .. } => Outcome::Stay,
            Step::Choose { shops, checked, cursor } => {
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') => *cursor = (*cursor + 1).min(shops.len().saturating_sub(1)),
                    KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
                    KeyCode::Char(' ') => {
                        let blocked =
                            shops.get(*cursor).and_then(|(_, s)| s.as_ref()).is_some_and(|s| *s != self.store);
                        if let Some(c) = checked.get_mut(*cursor)
                            && !blocked
                        {
                            *c = !*c;
                        }
                    }
                    KeyCode::Enter => {
                        let ids: Vec<String> = shops
                            .iter()
                            .zip(checked.iter())
                            .filter(|(_, c)| **c)
                            .map(|((s, _), _)| s.id.clone())
                            .collect();
                        if ids.is_empty() {
                            self.error = Some("Choose at least one shop (space toggles).".into());
                            return Outcome::Stay;
                        }
                        let Some(state) = self.state.clone() else {
                            return Outcome::Stay;
                        };
                        self.error = None;
                        self.step = Step::Working { what: "Linking the shops…".into() };
                        return Outcome::Send(ShopsCommand::LinkShops { state, shop_ids: ids }.into());
                    }
                    _ => {}
                }
                Outcome::Stay
            }
        }
    }

    /// Follow the engine's answers; returns true when the dialog is finished.
    pub fn follow(&mut self, u: &ShopsAnswer) -> bool {
        match u {
            ShopsAnswer::AuthLink { state, url } if self.state.is_none() => {
                self.state = Some(state.clone());
                self.url = Some(url.clone());
                self.step = Step::Waiting { input: field("", "paste the auth code here") };
            }
            ShopsAnswer::AuthorizedShops { state, shops } if self.state.as_ref() == Some(state) => {
                let checked = shops
                    .iter()
                    .map(|(s, linked)| match &self.reauthorize {
                        Some(id) => &s.id == id || linked.as_ref() == Some(&self.store),
                        None => linked.as_ref().is_none_or(|l| *l == self.store),
                    })
                    .collect();
                self.error = None;
                self.step = Step::Choose { shops: shops.clone(), checked, cursor: 0 };
            }
            ShopsAnswer::AuthFailed { state, message } if state.is_empty() || self.state.as_ref() == Some(state) => {
                self.error = Some(message.clone());
                self.step = match (&self.step, &self.state) {
                    (Step::Working { .. }, None) if self.reauthorize.is_none() => {
                        Step::Store { input: field(&self.store, "store name") }
                    }
                    (Step::Working { what }, Some(_)) if what.starts_with("Linking") => {
                        return false;
                    }
                    (_, Some(_)) => Step::Waiting { input: field("", "paste the auth code here") },
                    _ => return false,
                };
            }
            ShopsAnswer::Linked { state, .. } if self.state.as_ref() == Some(state) => return true,
            _ => {}
        }
        false
    }
}

impl Overlay for ConnectDialog {
    fn on_scan(&self) -> OnScan {
        OnScan::Type
    }

    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Reply::Send(self.cancel_command().into_iter().collect());
        }
        match self.dialog_key(key) {
            Outcome::Stay => Reply::Stay,
            Outcome::Send(c) => Reply::Keep(vec![c]),
            Outcome::Close(c) => Reply::Send(c.into_iter().collect()),
        }
    }

    /// Every authorization answer is the dialog's while it is open.
    fn on_update(&mut self, u: &Update) -> Heard {
        match u {
            Update::Shops(a) if self.follow(a) => Heard::Done,
            Update::Shops(_) => Heard::Yes,
            _ => Heard::No,
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
        let r = super::centered(area, 76, 18);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {} · esc to cancel ", self.title), theme::title()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [body, err] = Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
        match &self.step {
            Step::Store { input } => {
                let [help, field_area, list] =
                    Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Min(1)]).areas(body);
                f.render_widget(
                    Paragraph::new(
                        "Which store do the shops join? Type an existing store or a new name; enter to continue.",
                    )
                    .wrap(Wrap { trim: true }),
                    help,
                );
                f.render_widget(input.widget(), field_area);
                let known = if self.stores.is_empty() {
                    "No stores yet: the name you type is created.".to_string()
                } else {
                    format!("Stores: {}", self.stores.join(", "))
                };
                f.render_widget(Paragraph::new(Line::styled(known, theme::dim())).wrap(Wrap { trim: true }), list);
            }
            Step::Working { what } => f.render_widget(Paragraph::new(what.clone()), body),
            Step::Waiting { input } => {
                let [help, url, field_area] =
                    Layout::vertical([Constraint::Length(2), Constraint::Min(2), Constraint::Length(3)]).areas(body);
                f.render_widget(
                    Paragraph::new(vec![Line::from(format!(
                        "Send this link to the seller of store {}. The code returns through the callback, or paste it \
                            below.",
                        self.store
                    ))])
                    .wrap(Wrap { trim: true }),
                    help,
                );
                let link = self.url.clone().unwrap_or_default();
                f.render_widget(
                    Paragraph::new(vec![
                        Line::styled(link, theme::key()),
                        Line::from(vec![
                            Span::styled("ctrl-o", theme::key()),
                            Span::raw(" open the link   "),
                            Span::styled("enter", theme::key()),
                            Span::raw(" submit the code"),
                        ]),
                    ])
                    .wrap(Wrap { trim: false }),
                    url,
                );
                f.render_widget(input.widget(), field_area);
            }
            Step::Choose { shops, checked, cursor } => {
                let mut lines =
                    vec![Line::from("The seller authorized these shops. space toggles, enter links the checked ones:")];
                for (i, ((s, linked), c)) in shops.iter().zip(checked.iter()).enumerate() {
                    let mark = if *c { "[x]" } else { "[ ]" };
                    let note = match linked {
                        Some(st) if *st == self.store => format!(" (already in {st})"),
                        Some(st) => format!(" (connected to {st}: disconnect it there first)"),
                        None => String::new(),
                    };
                    let text = format!("{mark} {} · {} · {}{note}", s.name, s.region, s.seller_type.as_wire());
                    let style = if i == *cursor { theme::selected() } else { ratatui::style::Style::new() };
                    lines.push(Line::styled(text, style));
                }
                f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            }
        }
        if let Some(e) = &self.error {
            f.render_widget(Paragraph::new(Line::styled(e.clone(), theme::error())).wrap(Wrap { trim: true }), err);
        }
    }
}
