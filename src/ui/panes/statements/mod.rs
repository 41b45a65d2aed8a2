//! The Statements pane, for the bookkeeper: a shop's statements by day (settlement, revenue,
//! fees, shipping, adjustments, payment status and a reconciliation mark: ✔ or the
//! difference), a statement's transactions, an order's SKU-level breakdown; payments with the
//! statements each paid, withdrawals, unsettled orders with TikTok's estimate, and the
//! reconciliation's breaks and flags. It reads one shop's view through `ViewSource`.

mod render;

use crate::message::{Command, FinanceCommand, Topic};
use crate::store::views::{FinanceQuery, FinanceView};
use crate::ui::action::Action;
use crate::ui::list_state::Cursor;
use crate::ui::loaded::Loaded;
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::Shared;
use crate::ui::{Cx, RenderCtx};
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Section {
    #[default]
    Statements,
    Payments,
    Withdrawals,
    Unsettled,
    Breaks,
}

impl Section {
    pub const ALL: [Section; 5] =
        [Section::Statements, Section::Payments, Section::Withdrawals, Section::Unsettled, Section::Breaks];
    pub fn label(self) -> &'static str {
        match self {
            Section::Statements => "Statements",
            Section::Payments => "Payments",
            Section::Withdrawals => "Withdrawals",
            Section::Unsettled => "Unsettled",
            Section::Breaks => "Reconciliation",
        }
    }
}

pub const SECTION: Action = Action::new(
    "statements-section",
    "section",
    "statements, payments, withdrawals, unsettled, reconciliation",
    |app, cx| {
        if let Some(p) = app.pane_mut::<StatementsPane>() {
            let i = Section::ALL.iter().position(|s| *s == p.section).unwrap_or(0);
            p.section = Section::ALL.get((i + 1) % Section::ALL.len()).copied().unwrap_or_default();
            p.query.statement_id = None;
            p.query.order_id = None;
            p.cursor = Cursor::default();
            p.detail(cx);
        }
        vec![]
    },
);

pub const SHOP: Action = Action::new("statements-shop", "shop", "show the next shop's money", |app, cx| {
    if let Some(p) = app.pane_mut::<StatementsPane>() {
        let shops = p.view.ready().map(|v| v.shops.clone()).unwrap_or_default();
        let now = p.view.ready().and_then(|v| v.shop_id.clone());
        let i = shops.iter().position(|(id, _)| Some(id) == now.as_ref()).map(|i| i + 1).unwrap_or(0);
        p.query =
            FinanceQuery { shop_id: shops.get(i % shops.len().max(1)).map(|s| s.0.clone()), ..Default::default() };
        p.cursor = Cursor::default();
        p.reload(cx);
    }
    vec![]
});

pub const OPEN: Action =
    Action::new("open-statement", "open", "a statement's transactions; an order's SKU breakdown", |app, cx| {
        let Some(p) = app.pane_mut::<StatementsPane>() else { return vec![] };
        p.open(cx)
    });

pub const BACK: Action = Action::new("statements-back", "back", "back to the list", |app, cx| {
    if let Some(p) = app.pane_mut::<StatementsPane>() {
        if p.query.order_id.take().is_none() {
            p.query.statement_id = None;
        }
        p.detail_cursor = Cursor::default();
        p.detail(cx);
    }
    vec![]
});

pub const SYNC: Action =
    Action::new("sync-finance", "sync", "pull statements, payments and withdrawals now", |app, _| {
        let shop_id = app.pane_mut::<StatementsPane>().and_then(|p| p.view.ready().and_then(|v| v.shop_id.clone()));
        vec![Command::Finance(FinanceCommand::Sync { shop_id })]
    });

pub const SPEC: PaneSpec = PaneSpec {
    table: "statements",
    title: "Statements",
    short: "Stm",
    help: "Statements",
    go: Action::new("go-statements", "statements", "go to Statements", |app, cx| {
        app.show::<StatementsPane>(cx);
        vec![]
    }),
    key: 't',
    actions: &[&OPEN, &BACK, &SECTION, &SHOP, &SYNC],
};

#[derive(Default)]
pub struct StatementsPane {
    pub view: Loaded<FinanceView>,
    pub query: FinanceQuery,
    pub section: Section,
    pub cursor: Cursor,
    pub detail_cursor: Cursor,
    page: usize,
}

impl StatementsPane {
    fn reload(&mut self, cx: &Cx) {
        self.view = Loaded::from_result(cx.views.finance(&self.query));
        let len = self.len();
        if self.cursor.selected >= self.rows() && self.rows() > 0 {
            self.cursor.selected = self.rows() - 1;
        }
        if self.detail_cursor.selected >= len && len > 0 {
            self.detail_cursor.selected = len - 1;
        }
    }

    /// Read only the statement and order shown, keeping the lists (opening and going back do
    /// not read the shop's year again).
    fn detail(&mut self, cx: &Cx) {
        let Some(v) = self.view.ready_mut() else { return self.reload(cx) };
        let q = FinanceQuery { shop_id: v.shop_id.clone(), detail_only: true, ..self.query.clone() };
        match cx.views.finance(&q) {
            Ok(d) => {
                v.detail = d.detail;
                v.order = d.order;
            }
            Err(e) => self.view = Loaded::Failed(e),
        }
    }

    /// Rows of the current section's list.
    fn rows(&self) -> usize {
        let Some(v) = self.view.ready() else { return 0 };
        match self.section {
            Section::Statements => v.statements.len(),
            Section::Payments => v.payments.len(),
            Section::Withdrawals => v.withdrawals.len(),
            Section::Unsettled => v.unsettled.len(),
            Section::Breaks => v.report.breaks.len() + v.report.flags.len(),
        }
    }

    /// Rows of the detail shown (transactions or SKUs).
    fn len(&self) -> usize {
        let Some(v) = self.view.ready() else { return 0 };
        if self.query.order_id.is_some() {
            v.order.as_ref().map(|o| o.skus.len()).unwrap_or(0)
        } else {
            v.detail.as_ref().map(|d| d.1.len()).unwrap_or(0)
        }
    }

    fn open(&mut self, cx: &Cx) -> Vec<Command> {
        let Some(v) = self.view.ready() else { return vec![] };
        if self.query.order_id.is_some() {
            return vec![];
        }
        if let Some((_, txs, _)) = &v.detail {
            let Some(t) = txs.get(self.detail_cursor.selected).filter(|t| !t.order_id.is_empty()) else {
                return vec![];
            };
            let (order, shop) = (t.order_id.clone(), v.shop_id.clone().unwrap_or_default());
            self.query.order_id = Some(order.clone());
            self.detail(cx);
            return vec![Command::Finance(FinanceCommand::FetchOrder { shop_id: shop, order_id: order })];
        }
        let statement = match self.section {
            Section::Statements => v.statements.get(self.cursor.selected).map(|l| l.statement.id.clone()),
            Section::Payments => v.payments.get(self.cursor.selected).and_then(|p| p.1.first().cloned()),
            _ => None,
        };
        if let Some(id) = statement {
            self.query.statement_id = Some(id);
            self.detail_cursor = Cursor::default();
            self.detail(cx);
        }
        vec![]
    }
}

impl Pane for StatementsPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        matches!(topic, Topic::Finance(_) | Topic::Orders(_) | Topic::Shops | Topic::Everything)
    }

    fn load(&mut self, cx: &Cx, _shared: &Shared) {
        self.reload(cx);
    }

    fn navigate(&mut self, nav: Nav, _cx: &Cx, _shared: &Shared) {
        let page = self.page.max(1);
        if self.query.statement_id.is_some() || self.query.order_id.is_some() {
            let len = self.len();
            self.detail_cursor.navigate(nav, len, page);
        } else {
            let len = self.rows();
            self.cursor.navigate(nav, len, page);
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        self.page = area.height.saturating_sub(5) as usize;
        render::draw(self, f, area, ctx);
    }

    fn badge(&self) -> Option<String> {
        let n = self.view.ready().map(|v| v.report.breaks.len()).unwrap_or(0);
        (n > 0).then(|| n.to_string())
    }

    fn idle(&self) -> &'static [&'static Action] {
        if self.query.statement_id.is_some() || self.query.order_id.is_some() { &[&SECTION, &SHOP] } else { &[&BACK] }
    }
}
