//! The order detail's text (ORD-SYNC-UPDATE, ORD-SYNC-TAX): lines, the address as TikTok gave
//! it, payment and tax, packages, cancellations and the status history with where each change
//! was learned; two columns on a wide screen.

use super::detail::OrderDetail;
use crate::domain::order::Order;
use crate::domain::time::{date_time, relative};
use crate::ui::global::scroll_end;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use rust_decimal::Decimal;

fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![Span::styled(format!("  {label:<18}"), theme::dim()), Span::raw(value.into())])
}

/// TikTok gives tax rates as fractions ("0.0825"): shown as a percentage.
fn pct(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

fn money(amount: Decimal, currency: &str) -> String {
    format!("{amount} {currency}")
}

fn when(t: Option<i64>, now: i64) -> String {
    t.map(|t| format!("{} ({})", date_time(t), relative(t, now))).unwrap_or_else(|| "-".into())
}

fn flags(o: &Order) -> String {
    let mut f = Vec::new();
    if o.is_cod {
        f.push("cash on delivery".to_string());
    }
    if o.is_sample {
        f.push("sample".into());
    }
    if o.is_on_hold_order {
        f.push("on hold (remorse window)".into());
    }
    if o.is_replacement {
        f.push(format!("replacement of {}", o.replaced_order_id.clone().unwrap_or_else(|| "?".into())));
    }
    if let Some(t) = &o.split_or_combine {
        f.push(t.to_lowercase());
    }
    if o.has_dangerous_goods() {
        f.push("dangerous goods".into());
    }
    if f.is_empty() { "-".into() } else { f.join(", ") }
}

impl OrderDetail {
    /// The order, where it goes, its lines and packages (the left column on a wide screen).
    pub fn left(&self, now: i64) -> Vec<Line<'static>> {
        let v = &self.view;
        let o = &v.order;
        let cur = o.payment.currency.as_str();
        let mut out = vec![
            Line::from(vec![
                Span::styled(format!("Order {}", o.id), theme::header()),
                Span::raw(format!("  {}", o.status.label())),
            ]),
            field("Shop", format!("{} ({})", self.shop, o.shop_id)),
            field("Created", date_time(o.create_time)),
            field("Paid", o.paid_time.map(date_time).unwrap_or_else(|| "not yet".into())),
            field("Ship by", when(o.ship_by, now)),
            field("Updated", date_time(o.update_time)),
            field("Flags", flags(o)),
            field("Buyer", format!("{} ({})", o.buyer_nickname, o.buyer_user_id)),
        ];
        if let Some(t) = o.rts_time {
            out.push(field("Ready to ship", date_time(t)));
        }
        if !o.buyer_message.is_empty() {
            out.push(field("Buyer message", o.buyer_message.clone()));
        }
        if !o.seller_note.is_empty() {
            out.push(field("Seller note", o.seller_note.clone()));
        }
        if o.cancel_requested {
            out.push(Line::from(vec![
                Span::styled("  Cancel requested  ", theme::error()),
                Span::raw(format!(
                    "by {}: {} (answer by {})",
                    o.cancellation_initiator.as_deref().map(crate::domain::package::words).unwrap_or("buyer".into()),
                    o.cancel_reason.clone().unwrap_or_default(),
                    when(o.cancel_deadline, now)
                )),
            ]));
        }
        out.push(Line::from(""));
        out.push(Line::styled("Ship to (as given by TikTok)", theme::header()));
        out.push(field("Name", o.address.name.clone()));
        out.push(field("Phone", o.address.phone.clone()));
        out.push(field("Address", o.address.full_address.clone()));
        out.push(field("Postal code", format!("{} {}", o.address.postal_code, o.address.region_code)));
        out.push(field("Shipping", format!("{} · {}", o.shipping_type.label(), o.delivery_option_name)));
        out.push(field("Warehouse", self.warehouse.clone()));
        out.push(Line::from(""));
        let cancelled = o.lines.iter().filter(|l| l.cancelled).count();
        let lines = match cancelled {
            0 => format!("Lines ({})", o.lines.len()),
            n if n == o.lines.len() => format!("Lines ({}, all cancelled)", o.lines.len()),
            n => format!("Lines ({}, {n} cancelled)", o.lines.len()),
        };
        out.push(Line::styled(lines, theme::header()));
        for l in &o.lines {
            let price = if l.original_price != l.sale_price {
                format!("{} (was {})", money(l.sale_price, cur), l.original_price)
            } else {
                money(l.sale_price, cur)
            };
            let mut state =
                if l.cancelled { "cancelled".to_string() } else { l.display_status.to_lowercase().replace('_', " ") };
            if l.is_dangerous_good {
                state.push_str(" · dangerous good");
            }
            out.push(Line::from(vec![
                Span::raw(format!("  {}  ", l.id)),
                Span::styled(l.seller_sku.clone(), theme::key()),
                Span::raw(format!("  {} · {}  {price}", l.product_name, l.sku_name)),
            ]));
            let pkg = l.package_id.clone().map(|p| format!("package {p}")).unwrap_or_else(|| "no package yet".into());
            let track = match (&l.shipping_provider_name, &l.tracking_number) {
                (Some(p), Some(t)) => format!(" · {p} {t}"),
                (None, Some(t)) => format!(" · {t}"),
                _ => String::new(),
            };
            out.push(Line::styled(format!("      {state} · {pkg}{track}"), theme::dim()));
            match v.platform.get(&l.id) {
                Some(crate::domain::sku_map::PlatformSku::Unknown) | None => {
                    out.push(Line::styled("      platform: not in the catalogue (link it in Listings)", theme::warn()))
                }
                Some(p) => out.push(Line::styled(format!("      platform: {}", p.label()), theme::dim())),
            }
        }
        out.push(Line::from(""));
        out.push(Line::styled(format!("Packages ({})", v.packages.len()), theme::header()));
        if v.packages.is_empty() {
            out.push(Line::styled("  none yet", theme::dim()));
        }
        for pk in &v.packages {
            let tag = if pk.tag.is_empty() || pk.tag == "DEFAULT" {
                String::new()
            } else {
                format!(" [{}]", pk.tag.to_lowercase())
            };
            let track = match (&pk.shipping_provider_name, &pk.tracking_number) {
                (Some(p), Some(t)) => format!("{p} {t}"),
                (_, Some(t)) => t.clone(),
                (Some(p), None) => p.clone(),
                _ => "no tracking yet".into(),
            };
            let parcel = match (&pk.weight, &pk.dimension) {
                (Some(w), Some(d)) => format!(" · {w}, {d}"),
                (Some(w), None) => format!(" · {w}"),
                (None, Some(d)) => format!(" · {d}"),
                (None, None) => String::new(),
            };
            out.push(Line::from(vec![
                Span::raw(format!("  {}  ", pk.id)),
                Span::raw(format!("{}{tag} · {track}{parcel}", pk.status.to_lowercase().replace('_', " "))),
                Span::styled(
                    if pk.order_ids.len() > 1 {
                        format!(" · orders {}", pk.order_ids.join(", "))
                    } else {
                        String::new()
                    },
                    theme::dim(),
                ),
            ]));
        }
        out
    }

    /// Money, cancellations and the status history (the right column on a wide screen).
    pub fn right(&self) -> Vec<Line<'static>> {
        let v = &self.view;
        let o = &v.order;
        let cur = o.payment.currency.as_str();
        let mut out = Vec::new();
        let method =
            o.payment_method.as_deref().filter(|m| !m.is_empty()).map(|m| format!(" · {m}")).unwrap_or_default();
        out.push(Line::styled(format!("Payment{method}"), theme::header()));
        out.extend(payment_lines(o, cur));
        match &o.price {
            Some(pd) => {
                out.push(Line::styled("Tax (price detail)", theme::header()));
                out.push(field("Order tax", format!("{} at {}", money(pd.tax_amount, &pd.currency), pct(pd.tax_rate))));
                for lp in &pd.lines {
                    out.push(field(
                        &format!("Line {}", short(&lp.id)),
                        format!(
                            "{} + tax {} at {}",
                            money(lp.sale_price, &pd.currency),
                            lp.tax_amount,
                            pct(lp.tax_rate)
                        ),
                    ));
                }
            }
            None => out.push(Line::styled("  Price detail not fetched yet.", theme::dim())),
        }
        if !v.cancellations.is_empty() {
            out.push(Line::from(""));
            out.push(Line::styled("Cancellations", theme::header()));
            for c in &v.cancellations {
                out.push(field("What", c.kind_words()));
                out.push(field("Status", c.status_words()));
                if !c.role.is_empty() {
                    out.push(field("By", crate::domain::package::words(&c.role)));
                }
                out.push(field(
                    "Reason",
                    if c.reason_text.is_empty() { "none given".into() } else { c.reason_text.clone() },
                ));
                if let Some(d) = c.deadline.filter(|_| c.pending()) {
                    out.push(field("Answer by", date_time(d)));
                }
                out.push(field("Asked", date_time(c.create_time)));
                out.push(field("Cancellation id", c.id.clone()));
            }
        }
        if o.is_replacement || !v.returns.is_empty() {
            out.push(Line::from(""));
            out.push(Line::styled("Returns and replacements", theme::header()));
            if let Some(orig) = o.replaced_order_id.as_ref().filter(|_| o.is_replacement) {
                out.push(field("Replaces", format!("order {orig}")));
            }
            for r in &v.returns {
                let what = if r.order_id == o.id {
                    format!("{} · {}", r.type_word(), crate::domain::returns::status_label(&r.status))
                } else {
                    format!("made this replacement (order {})", r.order_id)
                };
                let rep = r
                    .replacement_order_id
                    .as_ref()
                    .filter(|_| r.order_id == o.id)
                    .map(|x| format!(" · replacement order {x}"))
                    .unwrap_or_default();
                out.push(field(&r.id, format!("{what}{rep}")));
            }
        }
        out.extend(super::settlement::lines(&v.settlement));
        out.push(Line::from(""));
        out.push(Line::styled("Status history (when · how we learned it)", theme::header()));
        for h in &v.history {
            out.push(Line::from(vec![
                Span::styled(format!("  {}  ", date_time(h.at)), theme::dim()),
                Span::raw(h.status.label().to_string()),
                Span::styled(format!(" · {}", h.source.label()), theme::dim()),
            ]));
        }
        out
    }

    /// Everything, one column.
    pub fn lines(&self, now: i64) -> Vec<Line<'static>> {
        let mut out = self.left(now);
        out.push(Line::from(""));
        out.extend(self.right());
        out
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, now: i64) {
        f.render_widget(Clear, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" Order {} · j/k scroll · esc close ", self.view.order.id), theme::title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        // It scrolls no further than its last line at the bottom.
        let parts: Vec<(Paragraph, Rect)> = if area.width >= 110 {
            let [l, r] =
                Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).spacing(2).areas(inner);
            vec![(Paragraph::new(self.left(now)), l), (Paragraph::new(self.right()), r)]
        } else {
            vec![(Paragraph::new(self.lines(now)), inner)]
        };
        let parts: Vec<(Paragraph, Rect)> = parts.into_iter().map(|(p, a)| (p.wrap(Wrap { trim: false }), a)).collect();
        let end = parts.iter().map(|(p, a)| scroll_end(p, *a)).max().unwrap_or(0);
        self.end.set(Some(end));
        for (p, a) in parts {
            f.render_widget(p.scroll((self.scroll.min(end), 0)), a);
        }
    }
}

/// What the buyer paid, as TikTok itemises it: prices, discounts (shown as taken off), the
/// subtotal, taxes, every fee, the total. Discounts and fees that are zero are left out.
fn payment_lines(o: &Order, cur: &str) -> Vec<Line<'static>> {
    use crate::domain::order_money::MoneyRole;
    let shown: Vec<_> = o
        .money_breakdown()
        .into_iter()
        .filter(|i| {
            matches!(i.role, MoneyRole::Price | MoneyRole::Subtotal | MoneyRole::Total)
                || i.key == "tax"
                || !i.amount.amount.is_zero()
        })
        .collect();
    let width = shown.iter().map(|i| i.label.chars().count()).max().unwrap_or(0).max(18) + 1;
    let row = |label: &str, value: String, style: ratatui::style::Style| {
        Line::from(vec![Span::styled(format!("  {label:<width$}"), theme::dim()), Span::styled(value, style)])
    };
    shown
        .into_iter()
        .map(|i| match i.role {
            MoneyRole::Discount => {
                row(i.label, format!("−{}", money(i.amount.amount, cur)), ratatui::style::Style::new())
            }
            MoneyRole::Subtotal | MoneyRole::Total => row(i.label, money(i.amount.amount, cur), theme::header()),
            _ => row(i.label, money(i.amount.amount, cur), ratatui::style::Style::new()),
        })
        .collect()
}

/// The last six characters of a long id, enough to tell lines apart.
fn short(id: &str) -> String {
    let n = id.chars().count();
    if n <= 8 { id.to_string() } else { format!("…{}", id.chars().skip(n - 6).collect::<String>()) }
}
