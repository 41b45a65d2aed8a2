//! Overlays drawn over the panes, shared by every family: help, log, confirmation, a text
//! prompt, a picker, the category picker and the connect dialog. (The order detail belongs to
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
pub mod whiten;

use ratatui::layout::Rect;

/// A centred box of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
