//! The Orders pane, the queue: orders to ship first, soonest ship-by first, narrowed by
//! status, shop, shipping type, due soon, on hold or cancellation requested, or found by order
//! id, SKU, buyer or tracking number. It holds one window of rows read from the store, never
//! the whole table, and pages through a million orders by index key. Its actions are declared
//! here; the flows they start (ship, split, cancel, ...) live in `ui/flows`.

pub mod detail;
mod detail_text;
mod settlement;
mod table;

use crate::domain::order::{OrderRow, OrderStatus, ShippingType};
use crate::domain::role::Capability;
use crate::domain::shop::ShopStatus;
use crate::message::{OrdersCommand, Topic};
use crate::store::views::OrderQuery;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::flows::{cancel, combine, ship, split, tracking};
use crate::ui::paged::PagedWindow;
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::Shared;
use crate::ui::{Cx, RenderCtx};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::BTreeSet;

/// "Due soon": the ship-by time falls within this many seconds (or has passed).
pub const DUE_SOON: i64 = 24 * 3600;

pub const TABLE: &str = "orders";

pub const OPEN_ORDER: Action =
    Action::new("open-order", "detail", "order detail: lines, address, payment, tax, history", |app, cx| {
        match app.pane::<OrdersPane>().and_then(|p| p.current()).map(|r| r.id.clone()) {
            Some(id) => detail::open(app, &id, cx),
            None => app.toast("No order selected", true, cx.now),
        }
        vec![]
    });
pub const TOGGLE_SELECT: Action =
    Action::new("toggle-select", "select", "select or unselect the order (batch ship)", |app, cx| {
        if let Some((p, shared)) = app.pane_with_shared::<OrdersPane>() {
            p.toggle_mark();
            p.navigate(Nav::Next, cx, shared);
        }
        vec![]
    });
pub const SHIP_ORDERS: Action = Action::new(
    "ship-orders",
    "ship",
    "ship the selected orders (carrier and tracking, or TikTok handover)",
    ship::start,
)
.writes(Capability::Fulfilment);
pub const SPLIT_SHIP: Action =
    Action::new("split-ship", "split", "ship some lines now (a split shipment)", split::start)
        .writes(Capability::Fulfilment);
pub const UPDATE_TRACKING: Action =
    Action::new("update-tracking", "tracking", "change the tracking number after dispatch", tracking::start)
        .writes(Capability::Fulfilment);
pub const COMBINE_ORDERS: Action =
    Action::new("combine-orders", "combine", "combine orders TikTok allows into one package", combine::start)
        .writes(Capability::Fulfilment);
pub const ANSWER_CANCEL: Action =
    Action::new("answer-cancel", "answer", "approve or reject the buyer's cancellation request", cancel::start_answer)
        .dangerous(Capability::Cancellations);
pub const CANCEL_ORDER: Action =
    Action::new("cancel-order", "cancel", "cancel the order with a reason", cancel::start_cancel)
        .dangerous(Capability::Cancellations);
pub const PRINT_LABEL: Action =
    Action::new("print-label", "label", "save and print the TikTok shipping label", tracking::start_label)
        .writes(Capability::Fulfilment);
pub const SEARCH: Action = Action::new("search", "search", "search order id, SKU, buyer or tracking", |app, _| {
    if let Some(p) = app.pane_mut::<OrdersPane>() {
        p.search_input = Some(crate::ui::field::Field::new(p.query.search.as_deref().unwrap_or_default(), 64));
    }
    vec![]
});
pub const SYNC_ORDERS: Action = Action::new("sync-orders", "sync", "pull orders from TikTok now", |app, cx| {
    app.toast("Pulling orders from TikTok…", false, cx.now);
    let shop_id = app.pane::<OrdersPane>().and_then(|p| p.query.shop_id.clone());
    vec![OrdersCommand::SyncOrders { shop_id }.into()]
});
pub const FILTER_STATUS: Action = Action::new("filter-status", "status", "cycle the status filter", |app, cx| {
    filter(app, cx, |q, _, _| {
        let all = OrderStatus::FILTERABLE;
        q.status = match &q.status {
            None => Some(all[2].clone()),
            Some(s) => all.iter().position(|x| x == s).and_then(|i| all.get(i + 1)).cloned(),
        };
    })
});
pub const FILTER_SHOP: Action = Action::new("filter-shop", "shop", "cycle the shop filter", |app, cx| {
    filter(app, cx, |q, shops, _| {
        let ids: Vec<String> = shops.iter().map(|s| s.0.clone()).collect();
        q.shop_id = match &q.shop_id {
            None => ids.first().cloned(),
            Some(s) => ids.iter().position(|x| x == s).and_then(|i| ids.get(i + 1)).cloned(),
        };
    })
});
pub const FILTER_SHIPPING: Action =
    Action::new("filter-shipping", "shipping", "cycle seller / TikTok shipping", |app, cx| {
        filter(app, cx, |q, _, _| {
            q.shipping_type = match q.shipping_type {
                None => Some(ShippingType::Seller),
                Some(ShippingType::Seller) => Some(ShippingType::Tiktok),
                _ => None,
            }
        })
    });
pub const FILTER_DUE: Action =
    Action::new("filter-due", "due", "only orders due within a day or overdue", |app, cx| {
        filter(app, cx, |q, _, now| q.due_before = if q.due_before.is_some() { None } else { Some(now + DUE_SOON) })
    });
pub const FILTER_HOLD: Action = Action::new("filter-hold", "hold", "only orders on hold", |app, cx| {
    filter(app, cx, |q, _, _| q.on_hold = !q.on_hold)
});
pub const FILTER_CANCEL: Action =
    Action::new("filter-cancel", "cancel req", "only orders with a cancellation request", |app, cx| {
        filter(app, cx, |q, _, _| q.cancel_requested = !q.cancel_requested)
    });

pub const SHOW_DISCONNECTED: Action = Action::new(
    "show-disconnected",
    "disconnected",
    "show or hide the orders of disconnected shops (hidden at first; marked X)",
    |app, cx| {
        let disconnected = disconnected(&app.shared);
        let Some(p) = app.pane_mut::<OrdersPane>() else { return vec![] };
        p.show_disconnected = !p.show_disconnected;
        let shown = p.show_disconnected;
        p.query.except_shops = if shown { vec![] } else { disconnected };
        p.restart(cx);
        let what = if shown { "shown, marked X" } else { "hidden" };
        app.toast(format!("Orders of disconnected shops: {what}"), false, cx.now);
        vec![]
    },
);

/// The shops disconnected from TikTok (their orders are hidden unless asked for).
pub fn disconnected(shared: &Shared) -> Vec<String> {
    let Some(v) = shared.shops.ready() else { return vec![] };
    v.rows
        .iter()
        .filter_map(|r| match r {
            crate::store::views::ShopsRow::Shop(l) if l.shop.status == ShopStatus::Disconnected => {
                Some(l.shop.id.clone())
            }
            _ => None,
        })
        .collect()
}

/// The order actions that also work from the order detail, on its order.
pub const DETAIL_ACTIONS: &[&Action] =
    &[&SHIP_ORDERS, &SPLIT_SHIP, &UPDATE_TRACKING, &COMBINE_ORDERS, &CANCEL_ORDER, &ANSWER_CANCEL, &PRINT_LABEL];

pub const SPEC: PaneSpec = PaneSpec {
    table: TABLE,
    title: "Orders",
    short: "Ord",
    help: "Orders (and the order detail)",
    go: Action::new("go-orders", "orders", "go to Orders", |app, cx| {
        app.show::<OrdersPane>(cx);
        vec![]
    }),
    key: 'o',
    actions: &[
        &OPEN_ORDER,
        &TOGGLE_SELECT,
        &SHIP_ORDERS,
        &SPLIT_SHIP,
        &UPDATE_TRACKING,
        &COMBINE_ORDERS,
        &ANSWER_CANCEL,
        &CANCEL_ORDER,
        &PRINT_LABEL,
        &SEARCH,
        &SYNC_ORDERS,
        &FILTER_STATUS,
        &FILTER_SHOP,
        &FILTER_SHIPPING,
        &FILTER_DUE,
        &FILTER_HOLD,
        &FILTER_CANCEL,
        &SHOW_DISCONNECTED,
    ],
};

/// Change a filter and start over.
fn filter(
    app: &mut App,
    cx: &Cx,
    change: impl FnOnce(&mut OrderQuery, &[(String, String)], i64),
) -> Vec<crate::message::Command> {
    let labels = app.shared.shop_labels();
    if let Some(p) = app.pane_mut::<OrdersPane>() {
        change(&mut p.query, &labels, cx.now);
        p.marked.clear();
        p.restart(cx);
    }
    vec![]
}

#[derive(Default)]
pub struct OrdersPane {
    pub query: OrderQuery,
    pub window: PagedWindow<OrderRow>,
    /// Orders picked for a batch action.
    pub marked: BTreeSet<String>,
    pub total: u64,
    /// A search being typed (None when not searching).
    pub search_input: Option<crate::ui::field::Field>,
    /// What a scan named, when the queue shows only its orders (`query.ids`).
    pub scanned: Option<String>,
    /// The orders of disconnected shops are shown (marked), not hidden.
    pub show_disconnected: bool,
}

impl OrdersPane {
    pub fn rows(&self) -> &[OrderRow] {
        self.window.rows()
    }

    pub fn current(&self) -> Option<&OrderRow> {
        self.window.selected()
    }

    /// The orders an action applies to: the marked ones, else the current one.
    pub fn targets(&self) -> Vec<OrderRow> {
        if self.marked.is_empty() {
            return self.current().cloned().into_iter().collect();
        }
        self.rows().iter().filter(|r| self.marked.contains(&r.id)).cloned().collect()
    }

    /// Start over from the top (a filter changed).
    pub fn restart(&mut self, cx: &Cx) {
        let query = self.query.clone();
        let fetch = |after: Option<&str>, limit| cx.views.orders(&query, after, limit);
        self.window.restart(&fetch);
        self.total = cx.views.order_count().unwrap_or(0);
    }

    pub fn toggle_mark(&mut self) {
        if let Some(id) = self.current().map(|r| r.id.clone())
            && !self.marked.remove(&id)
        {
            self.marked.insert(id);
        }
    }

    /// Show only these orders (what a scan named), every other filter off.
    pub fn show_only(&mut self, what: String, ids: Vec<String>, cx: &Cx) {
        self.query = OrderQuery { ids, ..OrderQuery::default() };
        self.scanned = Some(what);
        self.search_input = None;
        self.marked.clear();
        self.restart(cx);
    }

    fn drop_search(&mut self, cx: &Cx) {
        self.search_input = None;
        if self.query.search.take().is_some() {
            self.restart(cx);
        }
    }
}

impl Pane for OrdersPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        match topic {
            Topic::Orders(shop) => self.query.shop_id.as_ref().is_none_or(|s| s == shop),
            Topic::Shops => true,
            _ => false,
        }
    }

    fn load(&mut self, cx: &Cx, shared: &Shared) {
        if !self.show_disconnected {
            self.query.except_shops = disconnected(shared);
        }
        let query = self.query.clone();
        let fetch = |after: Option<&str>, limit| cx.views.orders(&query, after, limit);
        self.window.reload(&fetch);
        self.total = cx.views.order_count().unwrap_or(0);
        // A marked order that has shipped (a batch ship went through) is no longer marked; one
        // whose shipment failed stays marked for another try. Marks off screen are kept.
        let shipped: Vec<String> = self.rows().iter().filter(|r| !r.status.to_ship()).map(|r| r.id.clone()).collect();
        self.marked.retain(|id| !shipped.contains(id));
    }

    fn navigate(&mut self, nav: Nav, cx: &Cx, _shared: &Shared) {
        let query = self.query.clone();
        let fetch = |after: Option<&str>, limit| cx.views.orders(&query, after, limit);
        self.window.navigate(nav, &fetch);
    }

    /// While a search is typed: characters add, backspace removes, enter searches, esc drops it.
    fn take_key(&mut self, key: KeyEvent, cx: &Cx, _shared: &Shared) -> bool {
        let Some(text) = self.search_input.as_mut() else {
            // Esc clears the marked orders (before anything else Esc would do).
            if key.code == KeyCode::Esc && !self.marked.is_empty() {
                self.marked.clear();
                return true;
            }
            // Then it shows every order again after a scan showed only some.
            if key.code == KeyCode::Esc && self.scanned.take().is_some() {
                self.query.ids.clear();
                self.restart(cx);
                return true;
            }
            return false;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => self.drop_search(cx),
            KeyCode::Char('c') if ctrl => self.drop_search(cx),
            KeyCode::Enter => {
                let t = text.text().trim().to_string();
                self.search_input = None;
                self.query.search = (!t.is_empty()).then_some(t);
                self.marked.clear();
                self.restart(cx);
            }
            _ => {
                text.key(key);
            }
        }
        true
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        table::render(self, f, area, ctx);
    }

    fn typing(&self) -> bool {
        self.search_input.is_some()
    }
}
