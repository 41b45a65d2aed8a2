//! The help overlay, generated from the keymap: every bound action with its keys and what it
//! does, per table. Dangerous actions and writes are left out in read-only mode.

use crate::ui::action::Scope;
use crate::ui::keymap::Keymap;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

#[derive(Default)]
pub struct Help {
    pub scroll: u16,
}

pub fn lines(keymap: &Keymap, read_only: bool) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        let title = match scope {
            Scope::Global => "Everywhere",
            Scope::Shops => "Shops",
            Scope::Orders => "Orders (and the order detail)",
            Scope::Packages => "Packages",
            Scope::Mapping => "Mapping",
            Scope::Listings => "Listings",
            Scope::Inbox => "Inbox",
        };
        out.push(Line::styled(title, theme::header()));
        for (action, keys) in keymap.bindings(scope) {
            if action.hidden(read_only) {
                continue;
            }
            let mut spans =
                vec![Span::styled(format!("  {:<16}", keys.join(", ")), theme::key()), Span::raw(action.description().to_string())];
            if action.dangerous() {
                spans.push(Span::styled("  (asks first)", theme::dim()));
            }
            out.push(Line::from(spans));
        }
        out.push(Line::from(""));
    }
    out.push(Line::styled("In text fields keys type text; enter confirms, esc cancels.", theme::dim()));
    if read_only {
        out.push(Line::styled("Read-only mode: dangerous actions and writes (shipping, mapping) are hidden.", theme::dim()));
    }
    out
}

impl Help {
    pub fn render(&self, f: &mut Frame, area: Rect, keymap: &Keymap, read_only: bool) {
        let text = lines(keymap, read_only);
        let h = (text.len() as u16 + 2).min(area.height.saturating_sub(2));
        let r = super::centered(area, 72, h);
        f.render_widget(Clear, r);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(" Help · j/k scroll · esc close ", theme::title()));
        f.render_widget(Paragraph::new(text).block(block).scroll((self.scroll, 0)), r);
    }
}
