//! The command palette (`:`): every action of the current pane and the global ones this
//! console may take, found by fuzzy name or description (nucleo, as the category search), run
//! with enter. Typing filters; up/down (or ctrl-n/p) choose; esc closes.

use crate::ui::action::{Access, Action};
use crate::ui::keymap::{Keymap, tables};
use crate::ui::overlay::{OnScan, Overlay, Reply};
use crate::ui::{RenderCtx, global, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub struct Palette {
    pub query: crate::ui::field::Field,
    /// The actions it offers: the pane's first, then the global ones.
    actions: Vec<&'static Action>,
    /// Indices into `actions`, best match first.
    pub shown: Vec<usize>,
    pub selected: usize,
    matcher: Matcher,
}

impl Palette {
    /// The actions of `table` and the global ones that `access` may take.
    pub fn new(table: &str, access: Access) -> Palette {
        let all = tables();
        let pick =
            |name: &str| all.iter().filter(|t| t.name == name).flat_map(|t| t.actions.clone()).collect::<Vec<_>>();
        let mut actions = pick(table);
        actions.extend(pick(global::TABLE));
        actions.retain(|a| !a.hidden(access));
        let mut p = Palette {
            query: crate::ui::field::Field::new("", 40),
            actions,
            shown: vec![],
            selected: 0,
            matcher: Matcher::new(Config::DEFAULT),
        };
        p.refilter();
        p
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.shown.iter().filter_map(|i| self.actions.get(*i)).map(|a| a.name).collect()
    }

    fn refilter(&mut self) {
        self.selected = 0;
        if self.query.text().trim().is_empty() {
            self.shown = (0..self.actions.len()).collect();
            return;
        }
        let pattern = Pattern::parse(&self.query.text(), CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let mut scored: Vec<(usize, u32)> = Vec::new();
        for (i, a) in self.actions.iter().enumerate() {
            let hay = format!("{} {}", a.name, a.description);
            if let Some(s) = pattern.score(Utf32Str::new(&hay, &mut buf), &mut self.matcher) {
                scored.push((i, s));
            }
        }
        // Best score first; ties keep the pane's actions before the global ones.
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.shown = scored.into_iter().map(|(i, _)| i).collect();
    }
}

impl Overlay for Palette {
    fn on_scan(&self) -> OnScan {
        OnScan::Type
    }

    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.shown.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => return Reply::Close,
            KeyCode::Char('c') if ctrl => return Reply::Close,
            KeyCode::Down | KeyCode::Tab => self.selected = (self.selected + 1).min(last),
            KeyCode::Char('n') if ctrl => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => self.selected = self.selected.saturating_sub(1),
            KeyCode::Enter => {
                let Some(a) = self.shown.get(self.selected).and_then(|i| self.actions.get(*i)).copied() else {
                    return Reply::Stay;
                };
                return Reply::Next(Box::new(move |app, cx| Ok(app.perform(a, cx))));
            }
            _ => {
                if self.query.key(key) {
                    self.refilter();
                }
            }
        }
        Reply::Stay
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let r = super::centered(area, 76, area.height.saturating_sub(2).min(18));
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Run an action · type to find · enter run · esc close ", theme::title()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        let mut first = vec![Span::styled(": ", theme::key())];
        first.extend(self.query.spans(ratatui::style::Style::new()));
        let mut lines = vec![Line::from(first)];
        let room = usize::from(inner.height.saturating_sub(1));
        let skip = self.selected.saturating_sub(room.saturating_sub(1));
        for (n, i) in self.shown.iter().enumerate().skip(skip).take(room) {
            let Some(a) = self.actions.get(*i) else { continue };
            let keys = ctx.keymap.keys_for(a).into_iter().next().unwrap_or_default();
            let line = Line::from(vec![
                Span::styled(format!(" {:<8}", keys), theme::key()),
                Span::raw(format!("{:<20} ", a.name)),
                Span::styled(a.description.to_string(), theme::dim()),
            ]);
            lines.push(if n == self.selected { line.style(theme::selected()) } else { line });
        }
        if self.shown.is_empty() {
            lines.push(Line::styled(" no action matches", theme::dim()));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}
