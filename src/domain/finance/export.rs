//! Exports an accountant can book. `transactions`: one row per transaction with every amount
//! component; `payouts`: one manual journal per payment (sales, shipping, fees by kind, taxes,
//! adjustments, reserves, the payout to the bank), balanced, with both a signed `Amount`
//! (Xero's manual journal import) and `Debit`/`Credit` columns (QuickBooks' journal import).
//! The numbers are the store's, the same the pane and `--json` show.

use super::{Payment, Statement, Transaction, TxSums};
use crate::domain::time::date;
use rust_decimal::Decimal;

pub const TRANSACTION_COLUMNS: [&str; 27] = [
    "statement_id",
    "statement_date",
    "payment_id",
    "shop_id",
    "transaction_id",
    "type",
    "order_id",
    "adjustment_id",
    "reserve_id",
    "currency",
    "gross_sales",
    "seller_discount",
    "refund",
    "revenue",
    "customer_shipping",
    "actual_shipping",
    "shipping",
    "commission",
    "transaction_fee",
    "affiliate_commission",
    "other_fees",
    "vat",
    "other_taxes",
    "fee_tax",
    "adjustment",
    "reserve",
    "settlement",
];

pub const JOURNAL_COLUMNS: [&str; 9] =
    ["JournalNo", "JournalDate", "Narration", "AccountName", "Description", "Debit", "Credit", "Amount", "Currency"];

/// A CSV cell: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or
/// `@` of text (not a number) is defused so a spreadsheet never runs it as a formula.
pub fn cell(s: &str) -> String {
    let numeric = s.parse::<Decimal>().is_ok();
    let s = if !numeric && s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

fn line(cells: &[String]) -> String {
    let v: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    format!("{}\n", v.join(","))
}

fn m(d: Decimal) -> String {
    format!("{:.2}", d)
}

/// One row per transaction of the statements given (each with its transactions).
pub fn transactions(rows: &[(Statement, Vec<Transaction>)]) -> String {
    let mut out = line(&TRANSACTION_COLUMNS.map(String::from));
    for (s, txs) in rows {
        for t in txs {
            let (p, x) = (&t.parts, &t.totals);
            out.push_str(&line(&[
                s.id.clone(),
                date(s.time),
                s.payment_id.clone(),
                s.shop_id.clone(),
                t.id.clone(),
                t.kind.clone(),
                t.order_id.clone(),
                t.adjustment_id.clone(),
                t.reserve_id.clone(),
                s.currency.clone(),
                m(p.gross_sales),
                m(p.seller_discount),
                m(p.refund),
                m(x.revenue),
                m(p.customer_shipping),
                m(p.actual_shipping),
                m(x.shipping),
                m(p.commission),
                m(p.transaction_fee),
                m(p.affiliate),
                m(p.other_fees),
                m(p.vat),
                m(p.other_taxes),
                m(x.fee_tax),
                m(x.adjustment),
                m(x.reserve),
                m(x.settlement),
            ]));
        }
    }
    out
}

/// The journal lines of one payment: (account, description, amount; positive = credit to
/// the account from the seller's point of view of income, i.e. income and payout signs as
/// TikTok reports them).
pub fn journal_lines(p: &Payment, statements: &[(Statement, TxSums)]) -> Vec<(&'static str, String, Decimal)> {
    let mut parts = super::Components::default();
    let mut totals = super::Totals::default();
    let mut adjustments: std::collections::BTreeMap<String, Decimal> = Default::default();
    for (_, s) in statements {
        parts.add(&s.parts);
        totals.add(&s.totals);
        for (k, v) in &s.adjustments {
            *adjustments.entry(k.clone()).or_default() += *v;
        }
    }
    let mut v: Vec<(&'static str, String, Decimal)> = vec![
        ("TikTok Sales", "Sales after seller discounts and refunds".into(), totals.revenue),
        ("TikTok Shipping Income", "Shipping paid by buyers".into(), parts.customer_shipping),
        ("TikTok Shipping Costs", "Shipping charged by TikTok".into(), parts.actual_shipping),
        ("TikTok Commission", "Platform commission".into(), parts.commission),
        ("TikTok Transaction Fees", "Transaction fees".into(), parts.transaction_fee),
        ("TikTok Affiliate Commission", "Creator commission".into(), parts.affiliate),
        ("TikTok Other Fees", "Other fees".into(), parts.other_fees),
        ("VAT on TikTok Fees", "VAT charged on fees".into(), parts.vat),
        ("TikTok Other Taxes", "Other taxes".into(), parts.other_taxes),
    ];
    for (k, a) in adjustments {
        v.push(("TikTok Adjustments", k, a));
    }
    v.push(("TikTok Reserve", "Held in reserve (negative) or released".into(), totals.reserve));
    v.push(("Bank", format!("Payout {} to {}", p.id, p.bank_account), -p.before_exchange));
    v.retain(|(_, _, a)| !a.is_zero());
    v
}

/// One balanced manual journal per payment, in the statements' currency (the payout's
/// converted amount and rate are in the narration).
pub fn payouts(rows: &[(Payment, Vec<(Statement, TxSums)>)]) -> String {
    let mut out = line(&JOURNAL_COLUMNS.map(String::from));
    for (p, statements) in rows {
        let narration = format!(
            "TikTok payout {} ({} statement(s)); paid {} {} at {}",
            p.id,
            statements.len(),
            m(p.amount),
            p.currency,
            p.exchange_rate
        );
        let day = date(if p.paid_time > 0 { p.paid_time } else { p.create_time });
        for (account, what, a) in journal_lines(p, statements) {
            // Income positive is a credit; Xero's Amount is debit-positive.
            let (debit, credit) = if a < Decimal::ZERO { (m(-a), String::new()) } else { (String::new(), m(a)) };
            out.push_str(&line(&[
                p.id.clone(),
                day.clone(),
                narration.clone(),
                account.to_string(),
                what,
                debit,
                credit,
                m(-a),
                p.before_currency.clone(),
            ]));
        }
    }
    out
}
