//! The three-way reconciliation: for a shop and a date range, every link of the chain is
//! checked and each break listed with the amounts on both sides: order → its settlement
//! (settled, or unsettled with TikTok's reason), transactions → statement (component by
//! component), statements → payment (settlements less reserves, at the exchange rate),
//! payment → withdrawal → bank. Also flagged: commission rates outside the usual range,
//! samples, reserves not released yet, adjustments by type. Sums are exact, per currency.

use super::{Payment, Statement, TxSums, Unsettled, Withdrawal};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    /// What link broke: order, statement, payment, withdrawal.
    pub link: String,
    /// The statement, payment, order or withdrawal.
    pub subject: String,
    /// Which amount: settlement, revenue, fee_tax, …
    pub what: String,
    pub currency: String,
    /// TikTok's figure and the figure it should equal.
    pub left: Decimal,
    pub right: Decimal,
    pub note: String,
}

impl Break {
    pub fn difference(&self) -> Decimal {
        self.left - self.right
    }
}

/// Something to know that is not a break.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// sample, reserve, fee_rate, adjustment, unsettled.
    pub kind: String,
    pub subject: String,
    pub currency: String,
    pub amount: Decimal,
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub breaks: Vec<Break>,
    pub flags: Vec<Flag>,
    pub statements: usize,
    pub transactions: u64,
    pub payments: usize,
    /// Settlement per currency over the range.
    pub settlement: BTreeMap<String, Decimal>,
}

impl Report {
    pub fn reconciles(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// An order the shop should be paid for (delivered or completed).
#[derive(Clone, Debug)]
pub struct DueOrder {
    pub id: String,
    pub currency: String,
}

pub struct Input<'a> {
    pub statements: &'a [Statement],
    pub sums: &'a HashMap<String, TxSums>,
    pub payments: &'a [Payment],
    pub withdrawals: &'a [Withdrawal],
    pub due_orders: &'a [DueOrder],
    /// Orders that appear in some statement's transactions.
    pub settled: &'a BTreeSet<String>,
    pub unsettled: &'a HashMap<String, Unsettled>,
    /// Reserves released anywhere (by reserve id), to tell which are still held.
    pub released: &'a BTreeSet<String>,
}

fn r2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn brk(link: &str, subject: &str, what: &str, currency: &str, left: Decimal, right: Decimal, note: &str) -> Break {
    Break {
        link: link.into(),
        subject: subject.into(),
        what: what.into(),
        currency: currency.into(),
        left,
        right,
        note: note.into(),
    }
}

/// The statement-level check alone: TikTok's totals against its transactions' sums.
pub fn statement_breaks(s: &Statement, sums: Option<&TxSums>) -> Vec<Break> {
    let Some(sums) = sums else {
        return vec![brk(
            "statement",
            &s.id,
            "transactions",
            &s.currency,
            s.totals.settlement,
            Decimal::ZERO,
            "transactions not pulled yet",
        )];
    };
    let t = &s.totals;
    let u = &sums.totals;
    [
        ("revenue", t.revenue, u.revenue),
        ("shipping", t.shipping, u.shipping),
        ("fee_tax", t.fee_tax, u.fee_tax),
        ("adjustment", t.adjustment, u.adjustment),
        ("settlement", t.settlement, u.settlement),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(w, a, b)| brk("statement", &s.id, w, &s.currency, a, b, "statement total ≠ sum of its transactions"))
    .collect()
}

pub fn reconcile(i: &Input) -> Report {
    let mut r = Report { statements: i.statements.len(), payments: i.payments.len(), ..Report::default() };
    // Order → settlement.
    for o in i.due_orders {
        if i.settled.contains(&o.id) {
            continue;
        }
        match i.unsettled.get(&o.id) {
            Some(u) => r.flags.push(Flag {
                kind: "unsettled".into(),
                subject: o.id.clone(),
                currency: u.currency.clone(),
                amount: u.estimate.settlement,
                note: format!("{} (estimated {})", u.reason, u.estimated_settlement),
            }),
            None => r.breaks.push(brk(
                "order",
                &o.id,
                "settlement",
                &o.currency,
                Decimal::ZERO,
                Decimal::ZERO,
                "delivered but neither settled nor listed as unsettled",
            )),
        }
    }
    // Transactions → statement.
    let mut by_payment: BTreeMap<&str, Vec<&Statement>> = BTreeMap::new();
    for s in i.statements {
        let sums = i.sums.get(&s.id);
        r.breaks.extend(statement_breaks(s, sums));
        *r.settlement.entry(s.currency.clone()).or_default() += s.totals.settlement;
        if let Some(sums) = sums {
            r.transactions += sums.count;
            for o in &sums.samples {
                r.flags.push(flag("sample", o, &s.currency, Decimal::ZERO, "sample order (100% off)"));
            }
            for (id, rate) in &sums.odd_fees {
                r.flags.push(flag("fee_rate", id, &s.currency, *rate, "commission rate outside the usual range"));
            }
            for (kind, amount) in &sums.adjustments {
                r.flags.push(flag("adjustment", &s.id, &s.currency, *amount, kind));
            }
            for (id, status, amount, release) in &sums.reserves {
                if status == "COLLECTED" && !i.released.contains(id) {
                    let note = format!("reserve held until {}", crate::domain::time::date(*release));
                    r.flags.push(flag("reserve", id, &s.currency, *amount, &note));
                }
            }
        }
        if !s.payment_id.is_empty() {
            by_payment.entry(s.payment_id.as_str()).or_default().push(s);
        }
    }
    // Statements → payment → withdrawal.
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for p in i.payments {
        let stmts = by_payment.get(p.id.as_str()).cloned().unwrap_or_default();
        if p.status == "FAILED" {
            r.breaks.push(brk("payment", &p.id, "status", &p.currency, p.amount, Decimal::ZERO, "payment FAILED"));
        }
        if !stmts.is_empty() {
            let settlement: Decimal = stmts.iter().map(|s| s.totals.settlement).sum();
            let reserve: Decimal = stmts.iter().filter_map(|s| i.sums.get(&s.id)).map(|x| x.totals.reserve).sum();
            let c = &p.before_currency;
            if settlement != p.settlement {
                r.breaks.push(brk(
                    "payment",
                    &p.id,
                    "settlement",
                    c,
                    p.settlement,
                    settlement,
                    "payment ≠ its statements",
                ));
            }
            if reserve != p.reserve {
                r.breaks.push(brk("payment", &p.id, "reserve", c, p.reserve, reserve, "reserve ≠ its statements'"));
            }
            let before = settlement + reserve;
            if before != p.before_exchange {
                r.breaks.push(brk(
                    "payment",
                    &p.id,
                    "payable",
                    c,
                    p.before_exchange,
                    before,
                    "settlement less reserves",
                ));
            }
        }
        let converted = r2(p.before_exchange * p.exchange_rate);
        if converted != p.amount {
            r.breaks.push(brk("payment", &p.id, "amount", &p.currency, p.amount, converted, "at the exchange rate"));
        }
        if p.status == "PAID" {
            let w = i.withdrawals.iter().find(|w| {
                !used.contains(w.id.as_str()) && w.kind == "SETTLE" && w.currency == p.currency && w.amount == p.amount
            });
            match w {
                Some(w) => {
                    used.insert(&w.id);
                    if w.status == "FAILED" {
                        r.breaks.push(brk(
                            "withdrawal",
                            &w.id,
                            "status",
                            &w.currency,
                            w.amount,
                            Decimal::ZERO,
                            "did not reach the bank",
                        ));
                    }
                }
                None => r.breaks.push(brk(
                    "withdrawal",
                    &p.id,
                    "amount",
                    &p.currency,
                    Decimal::ZERO,
                    p.amount,
                    "paid but no withdrawal to the bank matches",
                )),
            }
        }
    }
    r
}

fn flag(kind: &str, subject: &str, currency: &str, amount: Decimal, note: &str) -> Flag {
    Flag { kind: kind.into(), subject: subject.into(), currency: currency.into(), amount, note: note.into() }
}

#[cfg(test)]
#[path = "reconcile_tests.rs"]
mod tests;
