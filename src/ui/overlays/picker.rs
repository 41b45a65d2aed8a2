//! A list to choose from: one item (enter), or several (space ticks, enter confirms). Other
//! keys do nothing, so a barcode scanned too early cannot pick anything: only enter chooses.
//! Items can be shown but not chosen, with the reason in their detail. What the choice is for
//! travels with the picker as the step that takes it.

use crate::message::Command;
use crate::ui::app::App;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{Overlay, Reply};
use crate::ui::{Cx, RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickItem {
    pub label: String,
    pub detail: String,
    pub enabled: bool,
}

impl PickItem {
    pub fn new(label: impl Into<String>, detail: impl Into<String>) -> PickItem {
        PickItem { label: label.into(), detail: detail.into(), enabled: true }
    }
    pub fn disabled(label: impl Into<String>, detail: impl Into<String>) -> PickItem {
        PickItem { label: label.into(), detail: detail.into(), enabled: false }
    }
}

/// What a choice leads to: the indices chosen (one, or the ticked ones).
pub type OnPick = Box<dyn FnOnce(&mut App, Vec<usize>, &Cx) -> Vec<Command>>;

pub struct Picker {
    pub title: String,
    pub message: String,
    pub items: Vec<PickItem>,
    pub selected: usize,
    /// Several items may be ticked.
    pub multi: bool,
    pub checked: Vec<bool>,
    pub error: Option<String>,
    on_pick: Option<OnPick>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PickOutcome {
    Stay,
    Cancel,
    Chosen(Vec<usize>),
}

impl Picker {
    pub fn one(
        title: impl Into<String>,
        message: impl Into<String>,
        items: Vec<PickItem>,
        on_pick: impl FnOnce(&mut App, Vec<usize>, &Cx) -> Vec<Command> + 'static,
    ) -> Box<Picker> {
        let selected = items.iter().position(|i| i.enabled).unwrap_or(0);
        let checked = vec![false; items.len()];
        Box::new(Picker {
            title: title.into(),
            message: message.into(),
            items,
            selected,
            multi: false,
            checked,
            error: None,
            on_pick: Some(Box::new(on_pick)),
        })
    }

    /// Several items; `ticked` says which start ticked.
    pub fn many(
        title: impl Into<String>,
        message: impl Into<String>,
        items: Vec<PickItem>,
        ticked: Vec<bool>,
        on_pick: impl FnOnce(&mut App, Vec<usize>, &Cx) -> Vec<Command> + 'static,
    ) -> Box<Picker> {
        let mut p = Picker::one(title, message, items, on_pick);
        p.multi = true;
        p.checked = ticked.into_iter().chain(std::iter::repeat(false)).take(p.items.len()).collect();
        p
    }

    /// Only shows something: choosing does nothing more.
    pub fn notice(title: impl Into<String>, message: impl Into<String>, items: Vec<PickItem>) -> Box<Picker> {
        Picker::one(title, message, items, |_, _, _| vec![])
    }

    /// Move and tick; what enter or esc mean.
    pub fn choose_key(&mut self, key: KeyEvent) -> PickOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.items.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => return PickOutcome::Cancel,
            KeyCode::Char('c') if ctrl => return PickOutcome::Cancel,
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            KeyCode::PageDown => self.selected = (self.selected + 10).min(last),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::Char(' ') if self.multi => match self.items.get(self.selected) {
                Some(i) if i.enabled => {
                    self.checked[self.selected] = !self.checked[self.selected];
                    self.error = None;
                }
                Some(i) => self.error = Some(format!("{} cannot be chosen: {}", i.label, i.detail)),
                None => {}
            },
            KeyCode::Enter => return self.choose(),
            _ => {}
        }
        PickOutcome::Stay
    }

    fn choose(&mut self) -> PickOutcome {
        if self.multi {
            let picked: Vec<usize> = (0..self.items.len()).filter(|i| self.checked[*i]).collect();
            if picked.is_empty() {
                self.error = Some("tick at least one with space".into());
                return PickOutcome::Stay;
            }
            return PickOutcome::Chosen(picked);
        }
        match self.items.get(self.selected) {
            Some(i) if i.enabled => PickOutcome::Chosen(vec![self.selected]),
            Some(i) => {
                self.error = Some(format!("{} cannot be chosen: {}", i.label, i.detail));
                PickOutcome::Stay
            }
            None => PickOutcome::Cancel,
        }
    }
}

impl Overlay for Picker {
    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        match self.choose_key(key) {
            PickOutcome::Stay => Reply::Stay,
            PickOutcome::Cancel => Reply::Close,
            PickOutcome::Chosen(chosen) => match self.on_pick.take() {
                Some(next) => Reply::Next(Box::new(move |app, cx| Ok(next(app, chosen, cx)))),
                None => Reply::Close,
            },
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
        let msg_lines = (self.message.chars().count() as u16 / 68 + 1).min(4);
        let want = self.items.len() as u16 + msg_lines + 5;
        let r = super::centered(area, 76, want.max(8));
        f.render_widget(Clear, r);
        let block =
            Block::default().borders(Borders::ALL).title(Span::styled(format!(" {} ", self.title), theme::title()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [msg, list, err, keys] = Layout::vertical([
            Constraint::Length(msg_lines),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        f.render_widget(Paragraph::new(self.message.clone()).wrap(Wrap { trim: true }), msg);
        let height = list.height as usize;
        let offset = (self.selected + 1).saturating_sub(height);
        let lines: Vec<Line> = self
            .items
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, item)| {
                let lead = if self.multi {
                    if self.checked[i] { "[x] ".to_string() } else { "[ ] ".to_string() }
                } else if i == self.selected {
                    "▸ ".to_string()
                } else {
                    "  ".to_string()
                };
                let style = if !item.enabled {
                    theme::dim()
                } else if i == self.selected {
                    theme::selected()
                } else {
                    ratatui::style::Style::new()
                };
                let mut spans = vec![Span::styled(lead, theme::key()), Span::styled(item.label.clone(), style)];
                if !item.detail.is_empty() {
                    spans.push(Span::styled(format!("  {}", item.detail), theme::dim()));
                }
                Line::from(spans)
            })
            .collect();
        f.render_widget(Paragraph::new(lines), list);
        if let Some(e) = &self.error {
            f.render_widget(Paragraph::new(Line::styled(e.clone(), theme::error())), err);
        }
        let hint = if self.multi {
            "j/k move  space tick  enter done  esc cancel"
        } else {
            "j/k move  enter choose  esc cancel"
        };
        f.render_widget(Paragraph::new(Line::styled(hint, theme::dim())), keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn single_choice_skips_disabled_items_and_numbers_choose() {
        let items = vec![PickItem::disabled("A", "not mapped"), PickItem::new("B", ""), PickItem::new("C", "")];
        let mut p = Picker::notice("t", "m", items);
        assert_eq!(p.selected, 1);
        // Digits and letters (a scanned barcode) choose nothing.
        assert_eq!(p.choose_key(k(KeyCode::Char('1'))), PickOutcome::Stay);
        assert_eq!(p.selected, 1);
        p.choose_key(k(KeyCode::Up));
        assert_eq!(p.choose_key(k(KeyCode::Enter)), PickOutcome::Stay);
        assert!(p.error.as_deref().unwrap_or("").contains("not mapped"));
        p.choose_key(k(KeyCode::Down));
        p.choose_key(k(KeyCode::Down));
        assert_eq!(p.choose_key(k(KeyCode::Enter)), PickOutcome::Chosen(vec![2]));
        assert_eq!(p.choose_key(k(KeyCode::Esc)), PickOutcome::Cancel);
    }

    #[test]
    fn multi_choice_needs_one_tick() {
        let items = vec![PickItem::new("A", ""), PickItem::new("B", "")];
        let mut p = Picker::many("t", "m", items, vec![false, false], |_, _, _| vec![]);
        assert_eq!(p.choose_key(k(KeyCode::Enter)), PickOutcome::Stay);
        p.choose_key(k(KeyCode::Down));
        p.choose_key(k(KeyCode::Char(' ')));
        assert_eq!(p.choose_key(k(KeyCode::Enter)), PickOutcome::Chosen(vec![1]));
    }
}
