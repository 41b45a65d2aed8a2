//! The order detail, over the queue: order keys (ship, split, cancel, ...) act on this order
//! while it is open; movement keys scroll; it re-reads itself when its order changes.

use super::{DETAIL_ACTIONS, OPEN_ORDER, TABLE};
use crate::message::Topic;
use crate::store::views::OrderDetailView;
use crate::ui::app::App;
use crate::ui::global::{self, nav_of, scroll_by};
use crate::ui::keymap::{Keymap, Lookup, chord_of};
use crate::ui::overlay::{OnScan, Overlay, Reply};
use crate::ui::overlays::{help::Help, log::LogView};
use crate::ui::{Cx, RenderCtx};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct OrderDetail {
    pub view: OrderDetailView,
    /// The shop's name as the Shops pane shows it.
    pub shop: String,
    /// Its warehouse's name as the Mapping pane shows it.
    pub warehouse: String,
    pub scroll: u16,
    /// Where its text ends, learned when drawn.
    pub end: std::cell::Cell<Option<u16>>,
}

/// Open an order's detail over the current pane.
pub fn open(app: &mut App, id: &str, cx: &Cx) {
    match cx.views.order_detail(id) {
        Ok(Some(view)) => {
            let shop = app
                .shared
                .shop(&view.order.shop_id)
                .map(|l| l.shop.name.clone())
                .unwrap_or_else(|| "a shop no longer here".into());
            let warehouse =
                crate::ui::panes::packages::warehouse_name(app.shared.carriers.ready(), &view.order.warehouse_id);
            app.push(Box::new(OrderDetail { view, shop, warehouse, scroll: 0, end: Default::default() }));
        }
        Ok(None) => {
            app.toast(format!("Order {id} is not in the store yet; it arrives with the next sync"), true, cx.now)
        }
        Err(e) => app.toast(format!("Cannot read order {id}: {e}"), true, cx.now),
    }
}

impl Overlay for OrderDetail {
    fn on_scan(&self) -> OnScan {
        OnScan::Give
    }

    fn on_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        if key.code == KeyCode::Esc || ctrl_c {
            return Reply::Close;
        }
        let action = match keymap.lookup(TABLE, &[chord_of(&key)]) {
            Lookup::Action(a) => Some(a),
            _ => None,
        };
        match action {
            Some(a) if *a == OPEN_ORDER || *a == global::QUIT => Reply::Close,
            Some(a) if *a == global::HELP => Reply::Push(Box::new(Help::at(TABLE))),
            Some(a) if *a == global::LOG => Reply::Push(Box::new(LogView::default())),
            Some(a) if DETAIL_ACTIONS.contains(&a) => Reply::Run(a),
            other => {
                scroll_by(&mut self.scroll, other.and_then(nav_of), self.end.get());
                Reply::Stay
            }
        }
    }

    fn on_change(&mut self, topic: &Topic, cx: &Cx) {
        if matches!(topic, Topic::Orders(shop) if *shop == self.view.order.shop_id)
            && let Ok(Some(v)) = cx.views.order_detail(&self.view.order.id)
        {
            self.view = v;
        }
    }

    fn table(&self) -> Option<&'static str> {
        Some(TABLE)
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        self.draw(f, area, ctx.now);
    }
}
