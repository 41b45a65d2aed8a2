//! The last message whole (`M`): what the status line showed last, however long, and the
//! engine's last sync error, wrapped; it scrolls no further than its end. The same view shows an
//! answer too long for the status line under its own title (`MessageView::answer`: the Listings
//! pane's search of TikTok's products).

use crate::domain::time::clock;
use crate::ui::app::App;
use crate::ui::global;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{OnScan, Overlay, Reply};
use crate::ui::{RenderCtx, theme};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::cell::Cell;

#[derive(Default)]
pub struct MessageView {
    /// The last message: when, whether a failure, the text.
    pub message: Option<(i64, bool, String)>,
    /// The engine's last error: when, the text.
    pub error: Option<(i64, String)>,
    pub scroll: u16,
    end: Cell<Option<u16>>,
    /// An answer shown instead of the last message: its title and its lines, already sanitised.
    pub answer: Option<(String, Vec<Line<'static>>)>,
}

impl MessageView {
    pub fn of(app: &App) -> MessageView {
        MessageView {
            message: app.last_message.as_ref().map(|t| (t.at, t.error, t.text.clone())),
            error: app.health.last_error.clone(),
            ..MessageView::default()
        }
    }

    /// An answer under its title (lines of untrusted text sanitised by the caller).
    pub fn answer(title: String, lines: Vec<Line<'static>>) -> MessageView {
        MessageView { answer: Some((title, lines)), ..MessageView::default() }
    }

    pub fn lines(&self) -> Vec<Line<'static>> {
        if let Some((_, lines)) = &self.answer {
            return lines.clone();
        }
        let mut out = Vec::new();
        match &self.message {
            Some((at, error, text)) => {
                out.push(Line::styled(format!("Last message, {} UTC", clock(*at)), theme::header()));
                let style = if *error { theme::error() } else { theme::ok() };
                out.extend(text.lines().map(|l| Line::styled(l.to_string(), style)));
            }
            None => out.push(Line::styled("No message since start.", theme::dim())),
        }
        if let Some((at, e)) = &self.error {
            out.push(Line::from(""));
            out.push(Line::styled(format!("Last sync error, {} UTC", clock(*at)), theme::header()));
            out.push(Line::styled(e.clone(), theme::error()));
        }
        out.push(Line::from(""));
        out.push(Line::styled("Every failure is also in the log (L).", theme::dim()));
        out
    }
}

impl Overlay for MessageView {
    fn on_scan(&self) -> OnScan {
        OnScan::Give
    }

    fn on_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply {
        let closers = [&global::MESSAGE, &global::HELP, &global::LOG, &global::QUIT];
        super::help::scroll_key(&mut self.scroll, self.end.get(), key, keymap, &closers)
    }

    fn render(&self, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
        let (title, r) = match &self.answer {
            Some((t, _)) => (format!(" {t} · esc close "), super::centered(area, 110, area.height.saturating_sub(2))),
            None => {
                (" Last message · esc close ".into(), super::centered(area, 76, area.height.saturating_sub(2).min(16)))
            }
        };
        f.render_widget(Clear, r);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        let text = Paragraph::new(self.lines()).wrap(Wrap { trim: false });
        let end = global::scroll_end(&text, block.inner(r));
        self.end.set(Some(end));
        f.render_widget(text.block(block).scroll((self.scroll.min(end), 0)), r);
    }
}
