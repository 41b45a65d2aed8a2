//! A one-line text prompt (a store or carrier name, a tracking number typed or scanned, a file
//! path, a comment). What the text is for travels with it as an [`Ask`].

use crate::ui::flows::Ask;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

pub struct Prompt {
    pub title: String,
    pub help: String,
    pub input: TextArea<'static>,
    pub error: Option<String>,
    pub purpose: Ask,
}

impl Prompt {
    pub fn new(title: &str, help: &str, initial: &str, purpose: Ask) -> Prompt {
        let mut input = TextArea::new(vec![initial.to_string()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_cursor_line_style(ratatui::style::Style::new());
        input.set_block(Block::default().borders(Borders::ALL));
        Prompt { title: title.into(), help: help.into(), input, error: None, purpose }
    }

    pub fn value(&self) -> String {
        self.input.lines().first().map(|l| l.trim().to_string()).unwrap_or_default()
    }

    pub fn render(&self, f: &mut Frame, area: Rect) {
        let r = super::centered(area, 72, 8);
        f.render_widget(Clear, r);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(format!(" {} ", self.title), theme::title()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [help, input, err] = Layout::vertical([Constraint::Length(1), Constraint::Length(3), Constraint::Length(1)]).areas(inner);
        f.render_widget(Paragraph::new(Line::styled(self.help.clone(), theme::dim())), help);
        f.render_widget(&self.input, input);
        if let Some(e) = &self.error {
            f.render_widget(Paragraph::new(Line::styled(e.clone(), theme::error())), err);
        }
    }
}
