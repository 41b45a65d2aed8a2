//! The Orders pane, the queue: orders to ship first, soonest ship-by first, narrowed by
//! status, shop, shipping type, due soon, on hold or cancellation requested, or found by order
//! id, SKU, buyer or tracking number. It holds one window of rows read from the store, never
//! the whole table, and pages through a million orders by index key.

use crate::domain::order::{OrderRow, OrderStatus, ShippingType};
use crate::domain::time::relative;
use crate::store::orders::OrderQuery;
use crate::ui::RenderCtx;
use crate::ui::action::Action;
use crate::ui::theme;
use crate::ui::view::ViewSource;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};
use std::collections::BTreeSet;

/// Rows read per page of the window.
const WINDOW: usize = 200;

/// "Due soon": the ship-by time falls within this many seconds (or has passed).
const DUE_SOON: i64 = 24 * 3600;

#[derive(Default)]
pub struct OrdersPane {
    pub query: OrderQuery,
    pub rows: Vec<OrderRow>,
    keys: Vec<String>,
    /// The key this window starts after (None: the start).
    start: Option<String>,
    /// Where earlier windows started, for paging back.
    back: Vec<Option<String>>,
    next: Option<String>,
    pub selected: usize,
    offset: usize,
    page: usize,
    /// Orders picked for a batch action.
    pub marked: BTreeSet<String>,
    pub error: Option<String>,
    pub total: u64,
    /// Shops to cycle through in the shop filter: (id, label).
    pub shops: Vec<(String, String)>,
    /// A search being typed (None when not searching).
    pub search_input: Option<String>,
}

impl OrdersPane {
    /// Re-read the current window (after a change), keeping the selection in place.
    pub fn reload(&mut self, views: &dyn ViewSource) {
        match views.orders(&self.query, self.start.as_deref(), WINDOW) {
            Ok(p) => {
                self.rows = p.rows;
                self.keys = p.keys;
                self.next = p.next;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.total = views.order_count();
        if self.selected >= self.rows.len() {
            self.selected = self.rows.len().saturating_sub(1);
        }
    }

    /// Start over from the top (a filter changed).
    pub fn restart(&mut self, views: &dyn ViewSource) {
        self.start = None;
        self.back.clear();
        self.selected = 0;
        self.offset = 0;
        self.reload(views);
    }

    pub fn current(&self) -> Option<&OrderRow> {
        self.rows.get(self.selected)
    }

    /// The orders an action applies to: the marked ones, else the current one.
    pub fn targets(&self) -> Vec<OrderRow> {
        if self.marked.is_empty() {
            return self.current().cloned().into_iter().collect();
        }
        self.rows.iter().filter(|r| self.marked.contains(&r.id)).cloned().collect()
    }

    fn forward(&mut self, views: &dyn ViewSource) -> bool {
        let Some(next) = self.next.clone() else { return false };
        self.back.push(self.start.take());
        self.start = Some(next);
        self.reload(views);
        true
    }

    fn backward(&mut self, views: &dyn ViewSource) -> bool {
        let Some(prev) = self.back.pop() else { return false };
        self.start = prev;
        self.reload(views);
        true
    }

    pub fn navigate(&mut self, a: Action, views: &dyn ViewSource) {
        let len = self.rows.len();
        match a {
            Action::SelectNext => {
                if self.selected + 1 < len {
                    self.selected += 1;
                } else if self.forward(views) {
                    self.selected = 0;
                    self.offset = 0;
                }
            }
            Action::SelectPrev => {
                if self.selected > 0 {
                    self.selected -= 1;
                } else if self.backward(views) {
                    self.selected = self.rows.len().saturating_sub(1);
                }
            }
            Action::PageDown => {
                if self.selected + self.page < len {
                    self.selected += self.page.max(1);
                } else if self.forward(views) {
                    self.selected = 0;
                    self.offset = 0;
                } else {
                    self.selected = len.saturating_sub(1);
                }
            }
            Action::PageUp => {
                if self.selected >= self.page.max(1) {
                    self.selected -= self.page.max(1);
                } else if self.backward(views) {
                    self.selected = self.rows.len().saturating_sub(1);
                } else {
                    self.selected = 0;
                }
            }
            Action::SelectFirst => self.restart(views),
            Action::SelectLast => self.selected = len.saturating_sub(1),
            _ => {}
        }
    }

    /// A key while a search is typed: characters add, backspace removes, enter searches, esc
    /// drops the search.
    pub fn search_key(&mut self, key: KeyEvent, views: &dyn ViewSource) {
        let Some(text) = self.search_input.as_mut() else { return };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => self.drop_search(views),
            KeyCode::Char('c') if ctrl => self.drop_search(views),
            KeyCode::Char(c) if !ctrl && !c.is_control() && text.chars().count() < 64 => text.push(c),
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Enter => {
                let t = text.trim().to_string();
                self.search_input = None;
                self.query.search = (!t.is_empty()).then_some(t);
                self.marked.clear();
                self.restart(views);
            }
            _ => {}
        }
    }

    fn drop_search(&mut self, views: &dyn ViewSource) {
        self.search_input = None;
        if self.query.search.take().is_some() {
            self.restart(views);
        }
    }

    pub fn toggle_mark(&mut self) {
        if let Some(id) = self.current().map(|r| r.id.clone())
            && !self.marked.remove(&id)
        {
            self.marked.insert(id);
        }
    }

    /// Change a filter and start over.
    pub fn filter(&mut self, a: Action, views: &dyn ViewSource, now: i64) {
        let q = &mut self.query;
        match a {
            Action::FilterStatus => {
                let all = OrderStatus::FILTERABLE;
                q.status = match &q.status {
                    None => Some(all[2].clone()),
                    Some(s) => all.iter().position(|x| x == s).and_then(|i| all.get(i + 1)).cloned(),
                };
            }
            Action::FilterShop => {
                let ids: Vec<String> = self.shops.iter().map(|s| s.0.clone()).collect();
                q.shop_id = match &q.shop_id {
                    None => ids.first().cloned(),
                    Some(s) => ids.iter().position(|x| x == s).and_then(|i| ids.get(i + 1)).cloned(),
                };
            }
            Action::FilterShipping => {
                q.shipping_type = match q.shipping_type {
                    None => Some(ShippingType::Seller),
                    Some(ShippingType::Seller) => Some(ShippingType::Tiktok),
                    _ => None,
                }
            }
            Action::FilterDue => q.due_before = if q.due_before.is_some() { None } else { Some(now + DUE_SOON) },
            Action::FilterHold => q.on_hold = !q.on_hold,
            Action::FilterCancel => q.cancel_requested = !q.cancel_requested,
            _ => return,
        }
        self.marked.clear();
        self.restart(views);
    }

    fn filter_line(&self, ctx: &RenderCtx) -> Line<'static> {
        let q = &self.query;
        let mut tags: Vec<String> = Vec::new();
        let mut tag = |label: String| tags.push(label);
        if let Some(s) = &q.status {
            tag(format!("status: {}", s.label()));
        }
        if let Some(s) = &q.shop_id {
            tag(format!("shop: {}", self.shops.iter().find(|x| &x.0 == s).map(|x| x.1.clone()).unwrap_or_else(|| s.clone())));
        }
        if let Some(t) = &q.shipping_type {
            tag(format!("shipping: {}", t.label()));
        }
        if q.due_before.is_some() {
            tag("due within a day".into());
        }
        if q.on_hold {
            tag("on hold".into());
        }
        if q.cancel_requested {
            tag("cancel requested".into());
        }
        if let (None, Some(t)) = (&self.search_input, &q.search) {
            tag(format!("search: {t}"));
        }
        if !self.marked.is_empty() {
            tag(format!("{} selected", self.marked.len()));
        }
        let mut parts: Vec<Span> = vec![Span::styled(format!("{} orders", self.total), theme::dim())];
        for t in tags {
            parts.push(Span::raw("  "));
            parts.push(Span::styled(t, theme::warn()));
        }
        if let Some(t) = &self.search_input {
            parts.push(Span::raw("  "));
            parts.push(Span::styled(format!("search: {t}█"), theme::key()));
            parts.push(Span::styled("  enter search, esc clear", theme::dim()));
        }
        if parts.len() == 1 {
            parts.push(Span::styled(
                format!(
                    "   {} status  {} shop  {} due  {} search",
                    ctx.keys(Action::FilterStatus),
                    ctx.keys(Action::FilterShop),
                    ctx.keys(Action::FilterDue),
                    ctx.keys(Action::Search)
                ),
                theme::dim(),
            ));
        }
        Line::from(parts)
    }

    pub fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let block = Block::default().borders(Borders::ALL).title(Span::styled(" Orders ", theme::title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        f.render_widget(Paragraph::new(self.filter_line(ctx)), bar);
        if let Some(e) = &self.error {
            f.render_widget(
                Paragraph::new(Line::styled(format!("Cannot show orders: {e}"), theme::error())).wrap(Wrap { trim: true }),
                body,
            );
            return;
        }
        if self.rows.is_empty() {
            let text = if self.next.is_some() {
                vec![
                    Line::from("No match among the orders looked at so far."),
                    Line::styled(format!("More orders follow: press {} to look further.", ctx.keys(Action::SelectNext)), theme::dim()),
                ]
            } else if self.total == 0 {
                vec![
                    Line::from("No orders yet."),
                    Line::styled("Orders arrive once a shop is connected: by webhook at once, and by polling every minute.", theme::dim()),
                ]
            } else {
                vec![
                    Line::from("No order matches these filters."),
                    Line::styled("Change them with the filter keys, or clear the search with / then esc.", theme::dim()),
                ]
            };
            f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), body);
            return;
        }
        let wide = area.width >= 110;
        // A legend for the flags when the window has room to spare.
        let body = if body.height as usize > self.rows.len() + 2 {
            let [table, legend] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
            let text = "C cancel req · H hold · $ COD · S sample · / split · + combined · T TikTok ships";
            f.render_widget(Paragraph::new(Line::styled(text, theme::dim())), legend);
            table
        } else {
            body
        };
        let height = body.height.saturating_sub(1) as usize;
        self.page = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let rows: Vec<Row> = self.rows.iter().enumerate().skip(self.offset).take(height).map(|(i, r)| self.row(r, i, wide, ctx)).collect();
        let header: Vec<&str> = if wide {
            vec!["", "Ship by", "Order", "Shop", "Status", "Buyer", "Qty", "Total", "Flags", "Tracking"]
        } else {
            vec!["", "Ship by", "Order", "Status", "Buyer", "Qty", "Total", "Flags"]
        };
        let widths: Vec<Constraint> = if wide {
            vec![
                Constraint::Length(1),
                Constraint::Length(8),
                Constraint::Length(18),
                Constraint::Length(10),
                Constraint::Length(12),
                Constraint::Fill(1),
                Constraint::Length(5),
                Constraint::Length(12),
                Constraint::Length(8),
                Constraint::Length(20),
            ]
        } else {
            vec![
                Constraint::Length(1),
                Constraint::Length(7),
                Constraint::Length(18),
                Constraint::Length(12),
                Constraint::Fill(1),
                Constraint::Length(3),
                Constraint::Length(11),
                Constraint::Length(6),
            ]
        };
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .column_spacing(1);
        f.render_widget(table, body);
    }

    fn row(&self, r: &OrderRow, i: usize, wide: bool, ctx: &RenderCtx) -> Row<'static> {
        let due = match r.ship_by.filter(|_| r.status.is_open()) {
            Some(t) => relative(t, ctx.now).replace("in ", ""),
            None => "-".into(),
        };
        let overdue = r.status.to_ship() && r.ship_by.is_some_and(|t| t <= ctx.now);
        let soon = r.status.to_ship() && r.ship_by.is_some_and(|t| t <= ctx.now + DUE_SOON);
        let due_style = if overdue {
            theme::error()
        } else if soon {
            theme::warn()
        } else {
            ratatui::style::Style::new()
        };
        let mut flags = String::new();
        if r.cancel_requested {
            flags.push('C');
        }
        if r.on_hold {
            flags.push('H');
        }
        if r.is_cod {
            flags.push('$');
        }
        if r.is_sample {
            flags.push('S');
        }
        match r.split_or_combine.as_deref() {
            Some("SPLIT") => flags.push('/'),
            Some("COMBINED") => flags.push('+'),
            _ => {}
        }
        if r.shipping_type == ShippingType::Tiktok {
            flags.push('T');
        }
        let status_style = match r.status {
            OrderStatus::AwaitingShipment | OrderStatus::PartiallyShipping => theme::warn(),
            OrderStatus::Cancelled => theme::dim(),
            OrderStatus::Delivered | OrderStatus::Completed => theme::ok(),
            _ => ratatui::style::Style::new(),
        };
        let mark = if self.marked.contains(&r.id) { "●" } else { " " };
        let total = format!("{} {}", r.total.round_dp(2), r.currency);
        let shop = self.shops.iter().find(|s| s.0 == r.shop_id).map(|s| s.1.clone()).unwrap_or_default();
        let mut cells =
            vec![Cell::from(Span::styled(mark, theme::key())), Cell::from(Span::styled(due, due_style)), Cell::from(r.id.clone())];
        if wide {
            cells.push(Cell::from(shop));
        }
        cells.extend([
            Cell::from(Span::styled(r.status.label().to_string(), status_style)),
            Cell::from(r.buyer_nickname.clone()),
            Cell::from(r.items.to_string()),
            Cell::from(total),
            Cell::from(Span::styled(flags, if r.cancel_requested { theme::error() } else { theme::dim() })),
        ]);
        if wide {
            cells.push(Cell::from(r.tracking_number.clone().unwrap_or_default()));
        }
        let row = Row::new(cells);
        if i == self.selected { row.style(theme::selected()) } else { row }
    }
}
