//! Overlays drawn over the panes, shared by every family: help, log, confirmation, a text
//! prompt, a picker, the category picker and the connect dialog; TikTok's white image and its
//! suggested title and description for approval. (The order detail belongs to
//! the Orders pane.)

pub mod category_picker;
pub mod confirm;
pub mod connect;
pub mod help;
pub mod log;
pub mod message;
pub mod palette;
pub mod picker;
pub mod prompt;
pub mod suggest;
pub mod whiten;

use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

/// A centred box of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// A view for the seller's approval: a box of at most `w` x `h` (and one cell short of `area`
/// on each side) framed in the key colour with `title`; the area inside it.
pub fn approval_box(f: &mut Frame, area: Rect, w: u16, h: u16, title: String) -> Rect {
    let r = centered(area, area.width.saturating_sub(2).min(w), area.height.saturating_sub(2).min(h));
    f.render_widget(Clear, r);
    let block =
        Block::default().borders(Borders::ALL).border_style(theme::key()).title(Span::styled(title, theme::title()));
    let inner = block.inner(r);
    f.render_widget(block, r);
    inner
}
