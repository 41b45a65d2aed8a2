//! The log overlay: recent warnings and errors (the full log is in the state dir).

use crate::domain::time::clock;
use crate::ui::global;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{OnScan, Overlay, Reply};
use crate::ui::{RenderCtx, theme};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

#[derive(Default)]
pub struct LogView {
    pub scroll: u16,
    /// Where its text ends, learned when drawn.
    pub end: std::cell::Cell<Option<u16>>,
}

impl Overlay for LogView {
    fn on_scan(&self) -> OnScan {
        OnScan::Give
    }

    fn on_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply {
        super::help::scroll_key(
            &mut self.scroll,
            self.end.get(),
            key,
            keymap,
            &[&global::HELP, &global::LOG, &global::QUIT],
        )
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let lines = ctx.logs.lines();
        let r = super::centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Recent warnings · esc to close ", theme::title()));
        let text: Vec<Line> = if lines.is_empty() {
            vec![Line::styled("No warnings since start.", theme::dim())]
        } else {
            lines
                .iter()
                .rev()
                .map(|l| {
                    let style = if l.level == "ERROR" { theme::error() } else { theme::warn() };
                    Line::from(vec![
                        Span::styled(format!("{} {:<5} ", clock(l.at), l.level), style),
                        Span::raw(l.message.clone()),
                    ])
                })
                .collect()
        };
        let end = global::scroll_end(&Paragraph::new(text.clone()).wrap(Wrap { trim: false }), block.inner(r));
        self.end.set(Some(end));
        let text = Paragraph::new(text).block(block).wrap(Wrap { trim: false });
        f.render_widget(text.scroll((self.scroll.min(end), 0)), r);
    }
}
