//! The help overlay, generated from the keymap and the pane registry: every bound action with
//! its keys and what it does, per table, the current pane's first. Actions the console may not
//! perform (read-only) are left out.

use crate::ui::action::Access;
use crate::ui::global::{self, nav_of, scroll_by};
use crate::ui::keymap::{Keymap, Lookup, chord_of};
use crate::ui::overlay::{OnScan, Overlay, Reply};
use crate::ui::panes as registry;
use crate::ui::{RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

#[derive(Default)]
pub struct Help {
    pub scroll: u16,
    /// Where its text ends, learned when drawn.
    pub end: std::cell::Cell<Option<u16>>,
    /// The table shown first (the pane help was opened from).
    pub first: Option<&'static str>,
}

impl Help {
    pub fn at(table: &'static str) -> Help {
        Help { first: Some(table), ..Help::default() }
    }
}

/// The sections in order: the first table (if any), then everywhere, then the other panes.
fn sections(first: Option<&'static str>) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = vec![(global::TABLE, "Everywhere")];
    out.extend(registry::specs().map(|s| (s.table, s.help)));
    if let Some(i) = first.and_then(|f| out.iter().position(|(t, _)| *t == f)) {
        let s = out.remove(i);
        out.insert(0, s);
    }
    out
}

pub fn lines(keymap: &Keymap, access: Access, first: Option<&'static str>) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (table, title) in sections(first) {
        let shown: Vec<_> = keymap.bindings(table).into_iter().filter(|(a, _)| !a.hidden(access)).collect();
        if shown.is_empty() {
            continue;
        }
        out.push(Line::styled(title, theme::header()));
        for (action, keys) in shown {
            let mut spans = vec![
                Span::styled(format!("  {:<16}", keys.join(", ")), theme::key()),
                Span::raw(action.description.to_string()),
            ];
            if action.danger {
                spans.push(Span::styled("  (asks first)", theme::dim()));
            }
            out.push(Line::from(spans));
        }
        out.push(Line::from(""));
    }
    out.push(Line::styled("In text fields keys type text; enter confirms, esc cancels.", theme::dim()));
    if access == Access::Viewer {
        out.push(Line::styled(
            "Read-only mode: dangerous actions and writes (shipping, mapping) are hidden.",
            theme::dim(),
        ));
    } else if access != Access::Admin {
        let note = format!("The {} role: actions it may not take are hidden.", access.name());
        out.push(Line::styled(note, theme::dim()));
    }
    out
}

/// Keys of a scrolling text overlay: esc, enter, ctrl-c, or the key that opened it closes it;
/// movements scroll.
pub fn scroll_key(
    scroll: &mut u16,
    end: Option<u16>,
    key: KeyEvent,
    keymap: &Keymap,
    closers: &[&crate::ui::action::Action],
) -> Reply {
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
    let close = matches!(key.code, KeyCode::Esc | KeyCode::Enter) || ctrl_c;
    let action = match keymap.lookup(global::TABLE, &[chord_of(&key)]) {
        Lookup::Action(a) => Some(a),
        _ => None,
    };
    if close || action.is_some_and(|a| closers.contains(&a)) {
        return Reply::Close;
    }
    scroll_by(scroll, action.and_then(nav_of), end);
    Reply::Stay
}

impl Overlay for Help {
    fn on_scan(&self) -> OnScan {
        OnScan::Give
    }

    fn on_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply {
        scroll_key(&mut self.scroll, self.end.get(), key, keymap, &[&global::HELP, &global::LOG, &global::QUIT])
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let text = lines(ctx.keymap, ctx.access, self.first);
        let h = (text.len() as u16 + 2).min(area.height.saturating_sub(2));
        let r = super::centered(area, 72, h);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Help · j/k scroll · esc close ", theme::title()));
        let end = global::scroll_end(&Paragraph::new(text.clone()), block.inner(r));
        self.end.set(Some(end));
        f.render_widget(Paragraph::new(text).block(block).scroll((self.scroll.min(end), 0)), r);
    }
}
