//! The Returns pane (support; receiving for the warehouse): every after-sales request, waiting
//! on the seller by deadline first (overdue red, due within a day yellow, with what TikTok does
//! when it passes), then the rest newest first; filters by type, status, shop, arbitration and
//! "waiting on me", and search by return id, order id, buyer, SKU or return tracking number.
//! The selected return's detail shows below (beside, when wide). Decisions are confirmed and
//! hidden for roles without the capability.

mod actions;
mod detail;
mod full;

use crate::domain::returns::{Return, ReturnType, status_label};
use crate::domain::role::Capability;
use crate::domain::text::inert_line;
use crate::domain::time::relative;
use crate::message::Topic;
use crate::store::views::{ReturnDetail, ReturnQuery};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::notice::{cannot_show, nothing_yet, notice};
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;
use crate::ui::paged::PagedWindow;
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::Shared;
use crate::ui::{Cx, RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

fn refilter(app: &mut App, cx: &Cx, f: impl FnOnce(&mut ReturnQuery)) {
    if let Some(p) = app.pane_mut::<ReturnsPane>() {
        f(&mut p.query);
        p.restart(cx);
    }
}

pub const OPEN_RETURN: Action =
    Action::new("open-return", "open", "the whole return: scroll to its end, bigger photos", full::open);
pub const APPROVE: Action =
    Action::new("approve-return", "approve", "approve, with the decision that fits", actions::approve)
        .dangerous(Capability::Returns);
pub const PARTIAL: Action =
    Action::new("offer-partial", "partial", "offer a partial refund (checked against TikTok's)", actions::partial)
        .dangerous(Capability::Returns);
pub const FEE: Action =
    Action::new("shipping-fee", "fee", "approve, deducting a return shipping fee", actions::shipping_fee)
        .dangerous(Capability::Returns);
pub const REJECT: Action =
    Action::new("reject-return", "reject", "reject with one of TikTok's reasons for this state", actions::reject)
        .dangerous(Capability::Returns);
pub const LABEL: Action =
    Action::new("return-label", "label", "approve, keeping your own label for the buyer", actions::label)
        .dangerous(Capability::Returns);
pub const PACKAGE: Action =
    Action::new("package", "package", "accept or reject the selected received package", actions::receive_selected)
        .dangerous(Capability::ReceiveReturns);
pub const RECEIVE: Action =
    Action::new("receive", "receive", "scan a return tracking number or order id to receive", actions::receive_prompt)
        .dangerous(Capability::ReceiveReturns);
pub const TYPE: Action = Action::new("return-type", "type", "show refunds, returns, replacements or all", |app, cx| {
    refilter(app, cx, |q| {
        q.return_type = match q.return_type {
            None => Some(ReturnType::Refund),
            Some(ReturnType::Refund) => Some(ReturnType::ReturnAndRefund),
            Some(ReturnType::ReturnAndRefund) => Some(ReturnType::Replacement),
            Some(ReturnType::Replacement) => None,
        }
    });
    vec![]
});
pub const WAITING: Action = Action::new("waiting", "waiting", "only what waits on me, or everything", |app, cx| {
    refilter(app, cx, |q| q.waiting = !q.waiting);
    vec![]
});
pub const ARBITRATION: Action =
    Action::new("arbitration", "arbitration", "only returns in arbitration, or everything", |app, cx| {
        refilter(app, cx, |q| q.arbitration = !q.arbitration);
        vec![]
    });
pub const SEARCH: Action =
    Action::new("search-returns", "search", "find by return id, order id, buyer, SKU or tracking", |app, _| {
        let help = "Return id, order id, buyer, SKU or return tracking number (empty: everything):";
        app.push(Prompt::new("Search returns", help, "", |app, text, cx| {
            refilter(app, cx, |q| q.search = Some(text.trim().to_string()).filter(|s| !s.is_empty()));
            Ok(vec![])
        }));
        vec![]
    });
pub const STATUS: Action = Action::new("return-status", "status", "show one status, or all", |app, _| {
    const ALL: [&str; 8] = [
        "RETURN_OR_REFUND_REQUEST_PENDING",
        "REPLACEMENT_REQUEST_PENDING",
        "AWAITING_BUYER_SHIP",
        "BUYER_SHIPPED_ITEM",
        "AWAITING_BUYER_RESPONSE",
        "REFUND_OR_RETURN_REQUEST_REJECT",
        "RETURN_OR_REFUND_REQUEST_SUCCESS",
        "RETURN_OR_REFUND_REQUEST_COMPLETE",
    ];
    let mut items = vec![PickItem::new("every status", "")];
    items.extend(ALL.iter().map(|s| PickItem::new(status_label(s), *s)));
    app.push(Picker::one("Status", "Show returns that are:", items, |app, chosen, cx| {
        let st = chosen.first().and_then(|i| i.checked_sub(1)).and_then(|i| ALL.get(i)).map(|s| s.to_string());
        refilter(app, cx, |q| q.status = st);
        vec![]
    }));
    vec![]
});
pub const SHOP: Action = Action::new("return-shop", "shop", "show one shop's returns, or every shop's", |app, _| {
    let shops = app.shared.shop_labels();
    let mut items = vec![PickItem::new("every shop", "")];
    items.extend(shops.iter().map(|(_, l)| PickItem::new(l.clone(), "")));
    app.push(Picker::one("Shop", "Show the returns of:", items, move |app, chosen, cx| {
        let id = chosen.first().and_then(|i| i.checked_sub(1)).and_then(|i| shops.get(i)).map(|s| s.0.clone());
        refilter(app, cx, |q| q.shop_id = id);
        vec![]
    }));
    vec![]
});

pub const SPEC: PaneSpec = PaneSpec {
    table: "returns",
    title: "Returns",
    short: "Ret",
    help: "Returns",
    go: Action::new("go-returns", "returns", "go to Returns", |app, cx| {
        app.show::<ReturnsPane>(cx);
        vec![]
    }),
    key: 'r',
    actions: &[
        &OPEN_RETURN,
        &APPROVE,
        &REJECT,
        &PARTIAL,
        &FEE,
        &LABEL,
        &PACKAGE,
        &RECEIVE,
        &TYPE,
        &WAITING,
        &ARBITRATION,
        &STATUS,
        &SHOP,
        &SEARCH,
    ],
};

/// Show one return (from the Inbox or an order): the pane searches for it.
pub fn open(app: &mut App, id: &str, cx: &Cx) {
    app.show::<ReturnsPane>(cx);
    let id = id.to_string();
    refilter(app, cx, |q| *q = ReturnQuery { search: Some(id), ..Default::default() });
}

#[derive(Default)]
pub struct ReturnsPane {
    pub window: PagedWindow<Return>,
    pub query: ReturnQuery,
    pub detail: Option<Result<ReturnDetail, String>>,
    /// A return to select once it is in the window (the receive prompt found it).
    pub focus: Option<String>,
    photos: crate::ui::photos::PhotoStrip,
}

impl ReturnsPane {
    pub fn selected(&self) -> Option<&Return> {
        self.window.selected()
    }

    fn restart(&mut self, cx: &Cx) {
        let q = self.query.clone();
        self.window.restart(&|after, limit| cx.views.returns(&q, after, limit));
        self.read_detail(cx);
    }

    fn read_detail(&mut self, cx: &Cx) {
        if let Some(id) = self.focus.take() {
            match self.window.rows().iter().position(|r| r.id == id) {
                Some(i) => self.window.cursor.selected = i,
                None => self.focus = Some(id),
            }
        }
        self.detail = self.selected().map(|r| match cx.views.return_detail(&r.id) {
            Ok(Some(d)) => Ok(d),
            Ok(None) => Err(format!("return {} is gone", r.id)),
            Err(e) => Err(e),
        });
    }

    fn filters(&self, ctx: &RenderCtx) -> String {
        let q = &self.query;
        let mut f = vec![q.return_type.map(|t| t.word()).unwrap_or("all types").to_string()];
        if q.waiting {
            f.push("waiting on me".into());
        }
        if q.arbitration {
            f.push("in arbitration".into());
        }
        if let Some(s) = &q.status {
            f.push(status_label(s).into());
        }
        if let Some(s) = &q.shop_id {
            f.push(ctx.shared.shop_label(s));
        }
        if let Some(s) = &q.search {
            f.push(format!("“{}”", inert_line(s)));
        }
        f.join(" · ")
    }
}

impl Pane for ReturnsPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        matches!(topic, Topic::Returns(_) | Topic::Orders(_) | Topic::Shops)
    }

    fn load(&mut self, cx: &Cx, _shared: &Shared) {
        let q = self.query.clone();
        self.window.reload(&|after, limit| cx.views.returns(&q, after, limit));
        self.read_detail(cx);
    }

    fn navigate(&mut self, nav: Nav, cx: &Cx, _shared: &Shared) {
        let q = self.query.clone();
        self.window.navigate(nav, &|after, limit| cx.views.returns(&q, after, limit));
        self.read_detail(cx);
    }

    fn badge(&self) -> Option<String> {
        let n = self.window.rows().iter().filter(|r| r.waiting()).count();
        (n > 0).then(|| if self.window.has_more() { format!("{n}+") } else { n.to_string() })
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let title = format!(" Returns · {} ", self.filters(ctx));
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        if let Some(e) = &self.window.error {
            return notice(f, area, Some(block), cannot_show("returns", e));
        }
        if self.window.rows().is_empty() {
            let explain = "Buyers' refund, return and replacement requests show here, soonest deadline first.";
            let head = if self.query == ReturnQuery::default() { "No returns yet." } else { "No returns match." };
            return notice(f, area, Some(block), nothing_yet(head, explain));
        }
        let wide = area.width >= 110;
        let [list, info] = if wide {
            Layout::horizontal([Constraint::Percentage(62), Constraint::Fill(1)]).areas(area)
        } else {
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area)
        };
        let height = list.height.saturating_sub(3) as usize;
        self.window.page = height.max(1);
        let offset = self.window.cursor.scroll(height);
        let selected = self.window.cursor.selected;
        let widths = [
            Constraint::Length(8),
            Constraint::Length(19),
            Constraint::Length(11),
            Constraint::Fill(1),
            Constraint::Length(if wide { 11 } else { 0 }),
        ];
        let cols = crate::ui::chrome::boxed_columns(list, &widths, 1);
        let rows = crate::ui::chrome::visible_rows(self.window.rows(), (offset, height, selected), &cols, |r| {
            cells(r, wide, ctx.now)
        });
        let header = ["Due", "Return", "Type", "Status", if wide { "Refund" } else { "" }];
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, list);
        let dblock = Block::default().borders(Borders::ALL).title(Span::styled(" Detail ", theme::title()));
        match &self.detail {
            Some(Ok(d)) => {
                let inner = dblock.inner(info);
                f.render_widget(dblock, info);
                // The buyer's photos take the foot of the detail when there is room for them.
                let strip = if d.photos.is_empty() || inner.height < 16 { 0 } else { 8 };
                let [text, pics] = Layout::vertical([Constraint::Fill(1), Constraint::Length(strip)]).areas(inner);
                f.render_widget(Paragraph::new(detail::lines(d, ctx.now)).wrap(Wrap { trim: false }), text);
                self.photos.render(f, pics, &d.ret.id, &d.photos, &ctx.shared.photos);
            }
            Some(Err(e)) => notice(f, info, Some(dblock), cannot_show("the return", e)),
            None => f.render_widget(dblock, info),
        }
    }
}

fn cells(r: &Return, wide: bool, now: i64) -> Vec<Span<'static>> {
    let due = match (r.deadline, r.waiting()) {
        (Some(t), true) => {
            let style = if t < now {
                theme::error()
            } else if t < now + 86_400 {
                theme::warn()
            } else {
                theme::ok()
            };
            Span::styled(relative(t, now).replace("in ", ""), style)
        }
        _ => Span::styled("-", theme::dim()),
    };
    let mut status = status_label(&r.status).to_string();
    if r.arbitration.as_deref() == Some("IN_PROGRESS") {
        status.push_str(" · arbitration");
    } else if r.received() {
        status.push_str(" · received");
    }
    let mut v = vec![due, Span::from(r.id.clone()), Span::from(r.type_word()), Span::from(status)];
    if wide {
        v.push(Span::from(format!("{} {}", r.refund.total, r.refund.currency)));
    }
    v
}
