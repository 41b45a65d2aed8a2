//! The order detail's money section: whether TikTok has settled the order, what it paid
//! (revenue, shipping, every fee and tax, adjustments, reserve, net) and in which statement
//! and payment. The same numbers as the Statements pane and `tokshop finance order`.

use crate::domain::time::date_time;
use crate::store::views::OrderSettlement;
use crate::ui::theme;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![Span::styled(format!("  {label:<18}"), theme::dim()), Span::raw(value.into())])
}

/// The section's lines (a heading first).
pub fn lines(s: &OrderSettlement) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(""), Line::styled("Settlement (what TikTok pays)", theme::header())];
    let Some(m) = s.money.as_ref() else {
        let text = match &s.statement {
            Some(st) => {
                format!("  Settled in statement {} of {}; `r` in Statements reads its money.", st.id, day(st.time))
            }
            None => "  Not settled yet (TikTok settles after delivery).".to_string(),
        };
        out.push(Line::styled(text, theme::dim()));
        return out;
    };
    let c = &m.currency;
    let amount = |d: Decimal| format!("{d} {c}");
    let t = &m.totals;
    out.push(field("Revenue", amount(t.revenue)));
    out.push(field("Shipping", amount(t.shipping)));
    out.push(field("Fees and tax", amount(t.fee_tax)));
    if !t.adjustment.is_zero() {
        out.push(field("Adjustments", amount(t.adjustment)));
    }
    if !t.reserve.is_zero() {
        out.push(field("Reserve", amount(t.reserve)));
    }
    out.push(field("Net settlement", amount(t.settlement)));
    match &s.statement {
        Some(st) => {
            let paid = if st.payment_id.is_empty() {
                st.payment_status.to_lowercase()
            } else {
                format!("payment {} {}", st.payment_id, st.payment_status.to_lowercase())
            };
            out.push(field("Statement", format!("{} of {} · {paid}", st.id, day(st.time))));
        }
        None => out.push(field("Statement", "not in a statement yet (TikTok's estimate)")),
    }
    out
}

fn day(t: i64) -> String {
    date_time(t).chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::finance::{OrderMoney, Statement, Totals};

    fn text(s: &OrderSettlement) -> String {
        lines(s).iter().map(|l| l.spans.iter().map(|s| s.content.to_string()).collect::<String>() + "\n").collect()
    }

    #[test]
    fn an_unsettled_order_says_so_and_a_settled_one_shows_every_amount_and_its_statement() {
        assert!(text(&OrderSettlement::default()).contains("Not settled yet"));
        let totals = Totals {
            revenue: Decimal::new(3998, 2),
            shipping: Decimal::new(-499, 2),
            fee_tax: Decimal::new(-321, 2),
            adjustment: Decimal::ZERO,
            reserve: Decimal::new(-200, 2),
            settlement: Decimal::new(3178, 2),
        };
        let money = OrderMoney { order_id: "o".into(), currency: "USD".into(), totals, ..OrderMoney::default() };
        let statement = Statement {
            id: "st1".into(),
            time: 1_764_892_800,
            payment_id: "pay9".into(),
            payment_status: "PAID".into(),
            ..Statement::default()
        };
        let t = text(&OrderSettlement { money: Some(money), statement: Some(statement) });
        for want in ["39.98 USD", "-4.99 USD", "-3.21 USD", "Reserve", "-2.00 USD", "31.78 USD", "st1 of 2025-12-05"] {
            assert!(t.contains(want), "{want} in\n{t}");
        }
        assert!(t.contains("payment pay9 paid") && !t.contains("Adjustments"), "{t}");
    }
}
