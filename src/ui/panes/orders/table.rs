//! Drawing the order queue: the filter line, the table (narrow or wide) and the flags legend.

use super::{DUE_SOON, FILTER_DUE, FILTER_SHOP, FILTER_STATUS, OrdersPane, SEARCH};
use crate::domain::order::{OrderRow, OrderStatus, ShippingType};
use crate::domain::time::relative;
use crate::ui::global::SELECT_NEXT;
use crate::ui::notice::{cannot_show, notice};
use crate::ui::{RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

pub fn render(p: &mut OrdersPane, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
    p.draw(f, area, ctx);
}

impl OrdersPane {
    fn filter_line(&self, ctx: &RenderCtx) -> Line<'static> {
        let q = &self.query;
        let mut tags: Vec<String> = Vec::new();
        let mut tag = |label: String| tags.push(label);
        if let Some(s) = &q.status {
            tag(format!("status: {}", s.label()));
        }
        if let Some(s) = &q.shop_id {
            let label = ctx.shared.shop_label(s);
            tag(format!("shop: {}", if label.is_empty() { s.clone() } else { label }));
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
        if let Some(what) = &self.scanned {
            tag(format!("scanned {what} (esc: all)"));
        }
        if !self.marked.is_empty() {
            tag(format!("{} selected", self.marked.len()));
        }
        if self.show_disconnected {
            tag("with disconnected shops (X)".into());
        }
        // What shows of how many there are: exact when the whole match is in this window.
        let n = self.rows().len();
        let count = match (self.window.at_start() && !self.window.has_more(), n as u64 == self.total) {
            (true, true) => format!("{} orders", self.total),
            (true, false) => format!("{n} shown of {} orders", self.total),
            (false, _) => format!("{n}+ shown of {} orders", self.total),
        };
        let mut parts: Vec<Span> = vec![Span::styled(count, theme::dim())];
        for t in tags {
            parts.push(Span::raw("  "));
            parts.push(Span::styled(t, theme::warn()));
        }
        if let Some(t) = &self.search_input {
            parts.push(Span::raw("  "));
            parts.push(Span::styled("search: ", theme::key()));
            parts.extend(t.spans(theme::key()));
            parts.push(Span::styled("  enter search, esc clear", theme::dim()));
        }
        if parts.len() == 1 {
            parts.push(Span::styled(
                format!(
                    "   {} status  {} shop  {} due  {} search",
                    ctx.keys(&FILTER_STATUS),
                    ctx.keys(&FILTER_SHOP),
                    ctx.keys(&FILTER_DUE),
                    ctx.keys(&SEARCH)
                ),
                theme::dim(),
            ));
        }
        Line::from(parts)
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let block = Block::default().borders(Borders::ALL).title(Span::styled(" Orders ", theme::title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        f.render_widget(Paragraph::new(self.filter_line(ctx)), bar);
        if let Some(e) = &self.window.error {
            return notice(f, body, None, cannot_show("orders", e));
        }
        if self.rows().is_empty() {
            let text = if self.window.has_more() {
                vec![
                    Line::from("No match among the orders looked at so far."),
                    Line::styled(
                        format!("More orders follow: press {} to look further.", ctx.keys(&SELECT_NEXT)),
                        theme::dim(),
                    ),
                ]
            } else if self.total == 0 {
                vec![
                    Line::from("No orders yet."),
                    Line::styled(
                        "Orders arrive once a shop is connected: by webhook at once, and by polling every minute.",
                        theme::dim(),
                    ),
                ]
            } else {
                vec![
                    Line::from("No order matches these filters."),
                    Line::styled(
                        "Change them with the filter keys, or clear the search with / then esc.",
                        theme::dim(),
                    ),
                ]
            };
            f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), body);
            return;
        }
        let wide = area.width >= 110;
        // A legend for the flags when the window has room to spare.
        let body = if body.height as usize > self.rows().len() + 2 {
            let [table, legend] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
            let mut text =
                "C cancel req · H hold · $ COD · S sample · / split · + combined · T TikTok ships".to_string();
            if self.show_disconnected {
                text.push_str(" · X shop disconnected");
            }
            f.render_widget(Paragraph::new(Line::styled(text, theme::dim())), legend);
            table
        } else {
            body
        };
        let height = body.height.saturating_sub(1) as usize;
        self.window.page = height.max(1);
        let offset = self.window.cursor.scroll(height);
        let header: Vec<&str> = if wide {
            vec!["", "Ship by", "Order", "Shop", "Status", "Buyer", "Qty", "Total", "Flags", "Tracking"]
        } else {
            vec!["", "Ship by", "Order", "Status", "Buyer", "Qty", "Total", "Flags"]
        };
        // Ids are never cut: the order and tracking columns are as wide as the longest shown.
        let widest = |f: &dyn Fn(&OrderRow) -> usize| self.rows().iter().map(f).max().unwrap_or(0) as u16;
        let id_w = widest(&|r| r.id.chars().count()).max(18);
        let trk_w = widest(&|r| r.tracking_number.as_deref().map_or(0, |t| t.chars().count())).clamp(20, 34);
        let widths: Vec<Constraint> = if wide {
            vec![
                Constraint::Length(1),
                Constraint::Length(8),
                Constraint::Length(id_w),
                Constraint::Length(10),
                Constraint::Length(12),
                Constraint::Fill(1),
                Constraint::Length(5),
                Constraint::Length(12),
                Constraint::Length(8),
                Constraint::Length(trk_w),
            ]
        } else {
            vec![
                Constraint::Length(1),
                Constraint::Length(7),
                Constraint::Length(id_w),
                Constraint::Length(12),
                Constraint::Fill(1),
                Constraint::Length(3),
                Constraint::Length(11),
                Constraint::Length(6),
            ]
        };
        // What does not fit its column is cut with an ellipsis, never silently.
        let cols = crate::ui::chrome::columns(body.width, &widths, 1);
        let rows: Vec<Row> = self
            .rows()
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, r)| self.row(r, i, wide, ctx, &cols))
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .column_spacing(1);
        f.render_widget(table, body);
    }

    fn row(&self, r: &OrderRow, i: usize, wide: bool, ctx: &RenderCtx, cols: &[u16]) -> Row<'static> {
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
            Style::new()
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
        let gone = self.show_disconnected
            && ctx
                .shared
                .shop(&r.shop_id)
                .is_some_and(|l| l.shop.status == crate::domain::shop::ShopStatus::Disconnected);
        if gone {
            flags.push('X');
        }
        let status_style = match r.status {
            OrderStatus::AwaitingShipment | OrderStatus::PartiallyShipping => theme::warn(),
            OrderStatus::Cancelled => theme::dim(),
            OrderStatus::Delivered | OrderStatus::Completed => theme::ok(),
            _ => Style::new(),
        };
        let mark = if self.marked.contains(&r.id) { "●" } else { " " };
        let total = format!("{} {}", r.total.round_dp(2), r.currency);
        let shop = ctx.shared.shop_label(&r.shop_id);
        let mut texts = vec![(mark.to_string(), theme::key()), (due, due_style), (r.id.clone(), Style::new())];
        if wide {
            texts.push((shop, Style::new()));
        }
        texts.extend([
            (r.status.label().to_string(), status_style),
            (r.buyer_nickname.clone(), Style::new()),
            (r.items.to_string(), Style::new()),
            (total, Style::new()),
            (flags, if r.cancel_requested { theme::error() } else { theme::dim() }),
        ]);
        if wide {
            texts.push((r.tracking_number.clone().unwrap_or_default(), Style::new()));
        }
        let row =
            crate::ui::chrome::fit_row(texts.into_iter().map(|(t, style)| Span::styled(t, style)).collect(), cols);
        if i == self.window.cursor.selected { row.style(theme::selected()) } else { row }
    }
}
