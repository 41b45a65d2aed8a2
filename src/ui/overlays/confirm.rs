//! A yes/no question before a write: red-framed for dangerous actions.

use crate::sync::Command;
use crate::ui::theme;
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
    pub fn render(&self, f: &mut Frame, area: Rect) {
        let h = (self.message.chars().count() as u16 / 60 + 6).clamp(9, 16);
        let r = super::centered(area, 66, h);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.danger { theme::error() } else { theme::key() })
            .title(Span::styled(format!(" {} ", self.title), theme::title()));
        let text = vec![
            Line::from(self.message.clone()),
            Line::from(""),
            Line::from(vec![
                Span::styled("y", theme::key()),
                Span::raw(" yes   "),
                Span::styled("n", theme::key()),
                Span::raw("/"),
                Span::styled("esc", theme::key()),
                Span::raw(" no"),
            ]),
        ];
        f.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: true }), r);
    }
}
