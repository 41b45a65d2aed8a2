//! A yes/no question before a write: red-framed for dangerous actions. Only `y` says yes.

use crate::message::Command;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{Overlay, Reply};
use crate::ui::{RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub struct Confirm {
    pub title: String,
    pub message: String,
    pub on_yes: Command,
    pub danger: bool,
}

impl Confirm {
    pub fn new(
        title: impl Into<String>,
        message: impl Into<String>,
        on_yes: impl Into<Command>,
        danger: bool,
    ) -> Box<Confirm> {
        Box::new(Confirm { title: title.into(), message: message.into(), on_yes: on_yes.into(), danger })
    }
}

impl Overlay for Confirm {
    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match key.code {
            _ if ctrl_c => Reply::Close,
            KeyCode::Char('y') | KeyCode::Char('Y') => Reply::Send(vec![self.on_yes.clone()]),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Reply::Next(Box::new(|app, cx| {
                app.toast("Cancelled", false, cx.now);
                Ok(vec![])
            })),
            _ => Reply::Stay,
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
        // A message of several lines (a diff) keeps them; each wraps at about 60 columns.
        let rows: u16 = self.message.lines().map(|l| l.chars().count() as u16 / 60 + 1).sum();
        let h = (rows + 5).clamp(9, 22);
        let r = super::centered(area, 66, h);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.danger { theme::error() } else { theme::key() })
            .title(Span::styled(format!(" {} ", self.title), theme::title()));
        let mut text: Vec<Line> = self.message.lines().map(|l| Line::from(l.to_string())).collect();
        text.extend([
            Line::from(""),
            Line::from(vec![
                Span::styled("y", theme::key()),
                Span::raw(" yes   "),
                Span::styled("n", theme::key()),
                Span::raw("/"),
                Span::styled("esc", theme::key()),
                Span::raw(" no"),
            ]),
        ]);
        f.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), r);
    }
}
