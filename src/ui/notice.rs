//! A pane's body when it has words instead of rows: why it cannot show its view, or that there
//! is nothing yet and what would show there. One look for every pane.

use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draw `lines` wrapped in `area`, inside `block` when given.
pub fn notice<'a>(f: &mut Frame, area: Rect, block: Option<Block<'a>>, lines: Vec<Line<'a>>) {
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    f.render_widget(if let Some(b) = block { p.block(b) } else { p }, area);
}

/// "Cannot show `what`: `why`", as an error.
pub fn cannot_show(what: &str, why: &str) -> Vec<Line<'static>> {
    vec![Line::styled(format!("Cannot show {what}: {why}"), theme::error())]
}

/// A headline and, dimmed, what shows here once there is something.
pub fn nothing_yet(headline: impl Into<String>, explain: impl Into<String>) -> Vec<Line<'static>> {
    vec![Line::from(headline.into()), Line::styled(explain.into(), theme::dim())]
}
