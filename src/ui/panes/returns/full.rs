//! One return over the whole screen (enter in the Returns pane): the detail scrolls to its end
//! with the movement keys, the buyer's photos get a larger strip at its foot, and the pane's
//! decision keys act on this return while it is open; esc (or enter again) closes it.

use super::{OPEN_RETURN, SPEC, detail};
use crate::message::Topic;
use crate::store::views::ReturnDetail;
use crate::ui::action::Need;
use crate::ui::app::App;
use crate::ui::global::{self, nav_of, scroll_by, scroll_end};
use crate::ui::keymap::{Keymap, Lookup, chord_of};
use crate::ui::overlay::{Overlay, Reply};
use crate::ui::overlays::{help::Help, log::LogView};
use crate::ui::photos::PhotoStrip;
use crate::ui::{Cx, RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::cell::{Cell, RefCell};

pub struct ReturnFull {
    pub detail: ReturnDetail,
    pub scroll: u16,
    /// Where its text ends, learned when drawn, so scrolling stops there.
    end: Cell<Option<u16>>,
    photos: RefCell<PhotoStrip>,
}

/// Open the selected return over the whole screen.
pub fn open(app: &mut App, cx: &Cx) -> Vec<crate::message::Command> {
    let id = match app.pane::<super::ReturnsPane>().and_then(|p| p.selected()) {
        Some(r) => r.id.clone(),
        None => {
            app.toast("No return selected", true, cx.now);
            return vec![];
        }
    };
    match cx.views.return_detail(&id) {
        Ok(Some(detail)) => {
            app.push(Box::new(ReturnFull { detail, scroll: 0, end: Cell::new(None), photos: RefCell::default() }))
        }
        Ok(None) => app.toast(format!("Return {id} is not in the store"), true, cx.now),
        Err(e) => app.toast(format!("Cannot read return {id}: {e}"), true, cx.now),
    }
    vec![]
}

impl Overlay for ReturnFull {
    fn on_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        if key.code == KeyCode::Esc || ctrl_c {
            return Reply::Close;
        }
        let action = match keymap.lookup(SPEC.table, &[chord_of(&key)]) {
            Lookup::Action(a) => Some(a),
            _ => None,
        };
        match action {
            Some(a) if *a == OPEN_RETURN || *a == global::QUIT => Reply::Close,
            Some(a) if *a == global::HELP => Reply::Push(Box::new(Help::at(SPEC.table))),
            Some(a) if *a == global::LOG => Reply::Push(Box::new(LogView::default())),
            Some(a) if SPEC.actions.contains(&a) && a.need != Need::Read => Reply::Run(a),
            other => {
                scroll_by(&mut self.scroll, other.and_then(nav_of), self.end.get());
                Reply::Stay
            }
        }
    }

    fn on_change(&mut self, topic: &Topic, cx: &Cx) {
        if matches!(topic, Topic::Returns(shop) if *shop == self.detail.ret.shop_id)
            && let Ok(Some(d)) = cx.views.return_detail(&self.detail.ret.id)
        {
            self.detail = d;
        }
    }

    fn table(&self) -> Option<&'static str> {
        Some(SPEC.table)
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        f.render_widget(Clear, area);
        let title = format!(" Return {} · j/k scroll · esc close ", self.detail.ret.id);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let strip = if self.detail.photos.is_empty() || inner.height < 14 { 0 } else { inner.height / 3 };
        let [text, pics] = Layout::vertical([Constraint::Fill(1), Constraint::Length(strip)]).areas(inner);
        let p = Paragraph::new(detail::lines(&self.detail, ctx.now)).wrap(Wrap { trim: false });
        let end = scroll_end(&p, text);
        self.end.set(Some(end));
        f.render_widget(p.scroll((self.scroll.min(end), 0)), text);
        let mut strip = self.photos.borrow_mut();
        strip.render(f, pics, &self.detail.ret.id, &self.detail.photos, &ctx.shared.photos);
    }
}
