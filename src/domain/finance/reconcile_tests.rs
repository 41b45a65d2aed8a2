//! The bookkeeper's chain, link by link: each test breaks one link the way TikTok's data can
//! and checks the report names it with both amounts, and that a whole chain reconciles.

use super::*;
use crate::domain::finance::{Components, Totals, Transaction};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn totals(revenue: &str, fee_tax: &str, reserve: &str) -> Totals {
    let (revenue, fee_tax, reserve) = (d(revenue), d(fee_tax), d(reserve));
    Totals { revenue, fee_tax, reserve, settlement: revenue + fee_tax, ..Totals::default() }
}

fn order_tx(id: &str, order: &str, revenue: &str, commission: &str) -> Transaction {
    let t = totals(revenue, commission, "0");
    Transaction {
        id: id.into(),
        statement_id: "st1".into(),
        kind: "ORDER".into(),
        order_id: order.into(),
        currency: "USD".into(),
        parts: Components { gross_sales: d(revenue), commission: d(commission), ..Components::default() },
        totals: t,
        ..Transaction::default()
    }
}

fn reserve_tx(id: &str, status: &str, amount: &str) -> Transaction {
    Transaction {
        id: format!("tx-{id}"),
        statement_id: "st1".into(),
        kind: "RESERVE".into(),
        reserve_id: id.into(),
        reserve_status: status.into(),
        estimated_release_time: 1_767_225_600,
        currency: "USD".into(),
        totals: Totals { reserve: d(amount), ..Totals::default() },
        ..Transaction::default()
    }
}

/// One statement of two orders (100 and 50, commission 6%), a reserve of 10 held back,
/// paid in one payment and withdrawn to the bank.
struct Chain {
    statements: Vec<Statement>,
    sums: HashMap<String, TxSums>,
    payments: Vec<Payment>,
    withdrawals: Vec<Withdrawal>,
    due: Vec<DueOrder>,
    settled: BTreeSet<String>,
    unsettled: HashMap<String, Unsettled>,
    released: BTreeSet<String>,
}

impl Chain {
    fn new() -> Chain {
        let txs =
            [order_tx("t1", "o1", "100", "-6"), order_tx("t2", "o2", "50", "-3"), reserve_tx("r1", "COLLECTED", "-10")];
        let sums = TxSums::of(&txs);
        let statement = Statement {
            id: "st1".into(),
            currency: "USD".into(),
            totals: Totals { reserve: Decimal::ZERO, ..sums.totals.clone() },
            payment_id: "p1".into(),
            payment_status: "PAID".into(),
            ..Statement::default()
        };
        let payment = Payment {
            id: "p1".into(),
            status: "PAID".into(),
            amount: d("131"),
            currency: "USD".into(),
            settlement: d("141"),
            reserve: d("-10"),
            before_exchange: d("131"),
            before_currency: "USD".into(),
            exchange_rate: d("1"),
            ..Payment::default()
        };
        let withdrawal = Withdrawal {
            id: "w1".into(),
            kind: "SETTLE".into(),
            amount: d("131"),
            currency: "USD".into(),
            status: "SUCCESS".into(),
            ..Withdrawal::default()
        };
        Chain {
            statements: vec![statement],
            sums: HashMap::from([("st1".to_string(), sums)]),
            payments: vec![payment],
            withdrawals: vec![withdrawal],
            due: vec![
                DueOrder { id: "o1".into(), currency: "USD".into() },
                DueOrder { id: "o2".into(), currency: "USD".into() },
            ],
            settled: BTreeSet::from(["o1".to_string(), "o2".to_string()]),
            unsettled: HashMap::new(),
            released: BTreeSet::new(),
        }
    }

    fn report(&self) -> Report {
        reconcile(&Input {
            statements: &self.statements,
            sums: &self.sums,
            payments: &self.payments,
            withdrawals: &self.withdrawals,
            due_orders: &self.due,
            settled: &self.settled,
            unsettled: &self.unsettled,
            released: &self.released,
        })
    }
}

fn only_break(r: &Report) -> &Break {
    assert_eq!(r.breaks.len(), 1, "exactly one break: {:#?}", r.breaks);
    &r.breaks[0]
}

#[test]
fn a_whole_chain_from_orders_to_the_bank_reconciles() {
    let r = Chain::new().report();
    assert!(r.reconciles(), "{:#?}", r.breaks);
    assert_eq!((r.statements, r.payments, r.transactions), (1, 1, 3));
    assert_eq!(r.settlement.get("USD"), Some(&d("141")));
    // The held reserve is worth knowing, not a break.
    assert_eq!(r.flags.len(), 1, "{:#?}", r.flags);
    assert_eq!((r.flags[0].kind.as_str(), r.flags[0].subject.as_str()), ("reserve", "r1"));
    assert_eq!(r.flags[0].amount, d("-10"));
    assert!(r.flags[0].note.starts_with("reserve held until 2026-01-01"), "{}", r.flags[0].note);
}

#[test]
fn a_released_reserve_is_no_longer_flagged() {
    let mut c = Chain::new();
    c.released.insert("r1".into());
    assert!(c.report().flags.is_empty());
    let mut c = Chain::new();
    c.sums.get_mut("st1").expect("sums").reserves[0].1 = "RELEASED".into();
    assert!(c.report().flags.is_empty());
}

#[test]
fn settlement_is_summed_per_currency_across_statements() {
    let mut c = Chain::new();
    let mut gbp = c.statements[0].clone();
    gbp.id = "st2".into();
    gbp.currency = "GBP".into();
    gbp.payment_id = String::new();
    gbp.totals.settlement = d("20.50");
    gbp.totals.revenue = d("20.50");
    gbp.totals.fee_tax = Decimal::ZERO;
    let mut sums = TxSums::of(&[]);
    sums.totals = gbp.totals.clone();
    c.sums.insert("st2".into(), sums);
    let mut usd2 = c.statements[0].clone();
    usd2.id = "st3".into();
    usd2.payment_id = String::new();
    c.sums.insert("st3".into(), c.sums["st1"].clone());
    c.statements.extend([gbp, usd2]);
    let r = c.report();
    assert!(r.reconciles(), "{:#?}", r.breaks);
    assert_eq!(r.settlement.get("USD"), Some(&d("282")));
    assert_eq!(r.settlement.get("GBP"), Some(&d("20.50")));
}

#[test]
fn a_statement_whose_total_is_not_the_sum_of_its_transactions_is_a_break() {
    for what in ["revenue", "shipping", "fee_tax", "adjustment", "settlement"] {
        let mut c = Chain::new();
        let t = &mut c.statements[0].totals;
        let field = match what {
            "revenue" => &mut t.revenue,
            "shipping" => &mut t.shipping,
            "fee_tax" => &mut t.fee_tax,
            "adjustment" => &mut t.adjustment,
            _ => &mut t.settlement,
        };
        *field += d("0.01");
        let r = c.report();
        let b = &r.breaks[0];
        assert_eq!((b.link.as_str(), b.subject.as_str(), b.what.as_str()), ("statement", "st1", what), "{what}");
        assert_eq!(b.difference(), d("0.01"), "{what}");
        assert!(!r.reconciles());
    }
}

#[test]
fn a_statement_without_its_transactions_is_a_break_until_they_are_pulled() {
    let mut c = Chain::new();
    c.sums.clear();
    let r = c.report();
    let b = &r.breaks[0];
    assert_eq!((b.link.as_str(), b.what.as_str(), b.left), ("statement", "transactions", d("141")));
    assert_eq!(b.note, "transactions not pulled yet");
    assert_eq!(r.transactions, 0);
}

#[test]
fn a_delivered_order_never_settled_is_a_break_unless_tiktok_says_why() {
    let mut c = Chain::new();
    c.due.push(DueOrder { id: "o3".into(), currency: "USD".into() });
    let r = c.report();
    let b = only_break(&r);
    assert_eq!((b.link.as_str(), b.subject.as_str()), ("order", "o3"));
    c.unsettled.insert(
        "o3".into(),
        Unsettled {
            order_id: "o3".into(),
            currency: "USD".into(),
            estimate: Totals { settlement: d("12.34"), ..Totals::default() },
            estimated_settlement: "7 days after delivery".into(),
            reason: "awaiting delivery confirmation".into(),
            ..Unsettled::default()
        },
    );
    let r = c.report();
    assert!(r.reconciles(), "{:#?}", r.breaks);
    let f = r.flags.iter().find(|f| f.kind == "unsettled").expect("unsettled flag");
    assert_eq!((f.subject.as_str(), f.amount), ("o3", d("12.34")));
    assert_eq!(f.note, "awaiting delivery confirmation (estimated 7 days after delivery)");
}

#[test]
fn a_payment_that_is_not_its_statements_is_a_break_per_amount() {
    let mut c = Chain::new();
    c.payments[0].settlement = d("140");
    let b = only_break(&c.report()).clone();
    assert_eq!((b.what.as_str(), b.left, b.right), ("settlement", d("140"), d("141")));
    let mut c = Chain::new();
    c.payments[0].reserve = d("-9");
    let b = only_break(&c.report()).clone();
    assert_eq!((b.what.as_str(), b.left, b.right), ("reserve", d("-9"), d("-10")));
    let mut c = Chain::new();
    c.payments[0].before_exchange = d("132");
    let r = c.report();
    assert!(r.breaks.iter().any(|b| b.what == "payable" && b.left == d("132") && b.right == d("131")), "{r:#?}");
}

#[test]
fn a_payment_converted_at_its_rate_matches_to_the_cent_and_no_further() {
    let mut c = Chain::new();
    let p = &mut c.payments[0];
    p.exchange_rate = d("1.2345");
    p.currency = "EUR".into();
    // 131 × 1.2345 = 161.7195 → 161.72 (half away from zero).
    p.amount = d("161.72");
    c.withdrawals[0].amount = d("161.72");
    c.withdrawals[0].currency = "EUR".into();
    assert!(c.report().reconciles(), "{:#?}", c.report().breaks);
    c.payments[0].amount = d("161.71");
    c.withdrawals[0].amount = d("161.71");
    let b = only_break(&c.report()).clone();
    assert_eq!((b.link.as_str(), b.what.as_str(), b.left, b.right), ("payment", "amount", d("161.71"), d("161.72")));
    assert_eq!(b.currency, "EUR");
}

#[test]
fn a_half_cent_rounds_away_from_zero() {
    assert_eq!(r2(d("0.125")), d("0.13"));
    assert_eq!(r2(d("-0.125")), d("-0.13"));
    assert_eq!(r2(d("0.124")), d("0.12"));
}

#[test]
fn a_failed_payment_and_a_failed_withdrawal_are_breaks() {
    let mut c = Chain::new();
    c.payments[0].status = "FAILED".into();
    let b = only_break(&c.report()).clone();
    assert_eq!((b.link.as_str(), b.what.as_str(), b.left), ("payment", "status", d("131")));
    let mut c = Chain::new();
    c.withdrawals[0].status = "FAILED".into();
    let b = only_break(&c.report()).clone();
    assert_eq!((b.link.as_str(), b.subject.as_str(), b.note.as_str()), ("withdrawal", "w1", "did not reach the bank"));
}

#[test]
fn a_paid_payment_needs_its_own_settle_withdrawal_of_the_same_amount_and_currency() {
    for spoil in 0..4 {
        let mut c = Chain::new();
        let w = &mut c.withdrawals[0];
        match spoil {
            0 => w.kind = "WITHDRAW".into(),
            1 => w.currency = "GBP".into(),
            2 => w.amount = d("130.99"),
            _ => c.withdrawals.clear(),
        }
        let b = only_break(&c.report()).clone();
        assert_eq!((b.link.as_str(), b.subject.as_str(), b.right), ("withdrawal", "p1", d("131")), "case {spoil}");
    }
    // Two payments of the same amount cannot share one withdrawal.
    let mut c = Chain::new();
    let mut p2 = c.payments[0].clone();
    p2.id = "p2".into();
    c.payments.push(p2);
    let r = c.report();
    assert!(r.breaks.iter().any(|b| b.link == "withdrawal" && b.subject == "p2"), "{:#?}", r.breaks);
    // A payment still processing needs none.
    let mut c = Chain::new();
    c.payments[0].status = "PROCESSING".into();
    c.withdrawals.clear();
    assert!(c.report().reconciles());
}

#[test]
fn samples_odd_commissions_and_adjustments_are_flagged_not_broken() {
    let mut sample = order_tx("t3", "o9", "0", "0");
    sample.parts.gross_sales = d("30");
    sample.parts.seller_discount = d("-30");
    let odd = order_tx("t4", "o8", "100", "-15");
    let usual = order_tx("t5", "o7", "100", "-9");
    let low = order_tx("t6", "o6", "100", "-2");
    let adj = Transaction {
        id: "t7".into(),
        kind: "SHIPPING_FEE_ADJUSTMENT".into(),
        totals: Totals { adjustment: d("-4.5"), settlement: d("-4.5"), ..Totals::default() },
        ..Transaction::default()
    };
    let adj2 = Transaction { id: "t8".into(), ..adj.clone() };
    let s = TxSums::of(&[sample, odd, usual, low, adj, adj2]);
    assert_eq!(s.count, 6);
    assert_eq!(s.samples, vec!["o9".to_string()]);
    assert_eq!(s.odd_fees, vec![("t4".to_string(), d("0.15"))], "2% and 9% are usual, 15% is not");
    assert_eq!(s.adjustments.get("SHIPPING_FEE_ADJUSTMENT"), Some(&d("-9.0")));
    assert_eq!(s.adjustments.len(), 1, "orders are not adjustments");
    assert_eq!(s.totals.revenue, d("300"));
    assert_eq!(s.parts.commission, d("-26"));
    let mut c = Chain::new();
    let mut st = c.statements[0].clone();
    st.id = "st9".into();
    st.payment_id = String::new();
    st.totals = Totals { reserve: Decimal::ZERO, ..s.totals.clone() };
    c.sums.insert("st9".into(), s);
    c.statements.push(st);
    let r = c.report();
    assert!(r.reconciles(), "{:#?}", r.breaks);
    let kinds: Vec<(&str, &str)> = r.flags.iter().map(|f| (f.kind.as_str(), f.subject.as_str())).collect();
    for want in [("sample", "o9"), ("fee_rate", "t4"), ("adjustment", "st9")] {
        assert!(kinds.contains(&want), "{want:?} in {kinds:?}");
    }
    let adj = r.flags.iter().find(|f| f.kind == "adjustment").expect("adjustment");
    assert_eq!((adj.amount, adj.note.as_str()), (d("-9.0"), "SHIPPING_FEE_ADJUSTMENT"));
}

#[test]
fn a_statement_is_pulled_again_only_when_tiktok_changes_its_totals() {
    let mut s = Statement { totals: totals("10", "-1", "0"), ..Statement::default() };
    assert!(s.needs_transactions(), "never pulled");
    s.pulled = Some(s.totals.clone());
    assert!(!s.needs_transactions());
    for change in 0..5 {
        let mut t = s.clone();
        let x = &mut t.totals;
        *[&mut x.revenue, &mut x.shipping, &mut x.fee_tax, &mut x.adjustment, &mut x.settlement][change] += d("1");
        assert!(t.needs_transactions(), "change {change}");
    }
}

#[test]
fn what_is_paid_out_is_the_settlement_less_reserves() {
    let t = Totals { settlement: d("141"), reserve: d("-10"), ..Totals::default() };
    assert_eq!(t.payable(), d("131"));
    let mut sum = t.clone();
    sum.add(&totals("5", "-1", "-2"));
    assert_eq!((sum.revenue, sum.fee_tax, sum.reserve, sum.settlement), (d("5"), d("-1"), d("-12"), d("145")));
}
