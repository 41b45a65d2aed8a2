//! The finance documents of `--json`: TikTok's names (`statement_time`, `settlement_amount`,
//! `revenue_amount`, `fee_tax_amount`, `shipping_cost_amount`, the breakdown's
//! `platform_commission_amount` ...), every amount a decimal string beside its `currency`, a
//! time of 0 (none yet) as null. The stored types keep their own names; only the output maps.

use crate::domain::finance::reconcile::Report;
use crate::domain::finance::{Components, OrderMoney, Payment, Statement, Totals, Transaction, TxSums, Unsettled};
use crate::domain::finance::{SkuMoney, Withdrawal};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

/// A time TikTok has not given yet (0) as null.
fn time(t: i64) -> Value {
    if t == 0 { Value::Null } else { t.into() }
}

/// An id or a word TikTok left empty as null.
fn text(s: &str) -> Value {
    if s.is_empty() { Value::Null } else { s.into() }
}

/// `{"amount": "42.77", "currency": "USD"}`: money where one object holds several currencies.
fn money(amount: Decimal, currency: &str) -> Value {
    json!({"amount": amount.to_string(), "currency": currency})
}

/// Merge `more` into the object `v`.
fn with(mut v: Value, more: Map<String, Value>) -> Value {
    if let Some(m) = v.as_object_mut() {
        m.extend(more);
    }
    v
}

/// The six totals under TikTok's names, with their currency.
fn totals(t: &Totals, currency: &str) -> Map<String, Value> {
    let mut m = Map::new();
    for (k, v) in [
        ("revenue_amount", t.revenue),
        ("shipping_cost_amount", t.shipping),
        ("fee_tax_amount", t.fee_tax),
        ("adjustment_amount", t.adjustment),
        ("reserve_amount", t.reserve),
        ("settlement_amount", t.settlement),
    ] {
        m.insert(k.into(), v.to_string().into());
    }
    m.insert("currency".into(), currency.into());
    m
}

/// The parts of revenue, shipping, fees and taxes under the breakdowns' names.
fn breakdown(p: &Components, currency: &str) -> Value {
    json!({
        "subtotal_before_discount_amount": p.gross_sales.to_string(),
        "seller_discount_amount": p.seller_discount.to_string(),
        "refund_amount": p.refund.to_string(),
        "customer_paid_shipping_fee_amount": p.customer_shipping.to_string(),
        "actual_shipping_fee_amount": p.actual_shipping.to_string(),
        "platform_commission_amount": p.commission.to_string(),
        "transaction_fee_amount": p.transaction_fee.to_string(),
        "affiliate_commission_amount": p.affiliate.to_string(),
        "other_fee_amount": p.other_fees.to_string(),
        "vat_amount": p.vat.to_string(),
        "other_tax_amount": p.other_taxes.to_string(),
        "currency": currency,
    })
}

pub fn statement(s: &Statement) -> Value {
    let v = json!({
        "id": s.id, "shop_id": s.shop_id, "statement_time": s.time, "payment_status": s.payment_status,
        "payment_id": text(&s.payment_id), "payment_time": time(s.payment_time),
        "transactions_pulled": s.pulled.is_some(),
    });
    with(v, totals(&s.totals, &s.currency))
}

pub fn transaction(x: &Transaction) -> Value {
    let v = json!({
        "id": x.id, "statement_id": x.statement_id, "type": x.kind, "order_id": text(&x.order_id),
        "order_create_time": time(x.order_create_time), "adjustment_id": text(&x.adjustment_id),
        "reserve_id": text(&x.reserve_id), "reserve_status": text(&x.reserve_status),
        "estimated_release_time": time(x.estimated_release_time), "breakdown": breakdown(&x.parts, &x.currency),
    });
    with(v, totals(&x.totals, &x.currency))
}

/// What the store sums from a statement's transactions.
pub fn sums(s: &TxSums, currency: &str) -> Value {
    let v = json!({
        "count": s.count,
        "breakdown": breakdown(&s.parts, currency),
        "adjustments": s.adjustments.iter()
            .map(|(k, a)| json!({"type": k, "amount": a.to_string(), "currency": currency})).collect::<Vec<_>>(),
        "reserves": s.reserves.iter().map(|(id, st, a, t)| json!({
            "reserve_id": id, "reserve_status": st, "amount": a.to_string(), "currency": currency,
            "estimated_release_time": time(*t),
        })).collect::<Vec<_>>(),
        "sample_order_ids": s.samples,
        "odd_fees": s.odd_fees.iter()
            .map(|(id, rate)| json!({"transaction_id": id, "commission_rate": rate.to_string()})).collect::<Vec<_>>(),
    });
    with(v, totals(&s.totals, currency))
}

pub fn payment(p: &Payment) -> Value {
    json!({
        "id": p.id, "shop_id": p.shop_id, "create_time": p.create_time, "paid_time": time(p.paid_time),
        "status": p.status, "amount": money(p.amount, &p.currency),
        "settlement_amount": money(p.settlement, &p.before_currency),
        "reserve_amount": money(p.reserve, &p.before_currency),
        "payment_amount_before_exchange": money(p.before_exchange, &p.before_currency),
        "exchange_rate": p.exchange_rate.to_string(), "bank_account": p.bank_account,
    })
}

pub fn withdrawal(w: &Withdrawal) -> Value {
    json!({
        "id": w.id, "shop_id": w.shop_id, "type": w.kind, "amount": w.amount.to_string(), "currency": w.currency,
        "status": w.status, "create_time": w.create_time,
    })
}

fn sku(k: &SkuMoney, currency: &str) -> Value {
    let v = json!({
        "sku_id": k.sku_id, "sku_name": k.sku_name, "product_name": k.product_name, "quantity": k.quantity,
        "statement_id": text(&k.statement_id), "breakdown": breakdown(&k.parts, currency),
    });
    with(v, totals(&k.totals, currency))
}

pub fn order_money(m: &OrderMoney) -> Value {
    let v = json!({
        "order_id": m.order_id, "shop_id": m.shop_id, "fetch_time": m.fetched_at,
        "skus": m.skus.iter().map(|k| sku(k, &m.currency)).collect::<Vec<_>>(),
    });
    with(v, totals(&m.totals, &m.currency))
}

pub fn unsettled(u: &Unsettled) -> Value {
    json!({
        "id": u.id, "shop_id": u.shop_id, "order_id": u.order_id, "order_create_time": time(u.order_create_time),
        "delivery_time": time(u.delivery_time), "estimate": Value::Object(totals(&u.estimate, &u.currency)),
        "estimated_settlement": u.estimated_settlement, "reason": u.reason,
    })
}

/// The reconciliation: its settlement per currency as money.
pub fn report(r: &Report) -> Value {
    json!({
        "statements": r.statements, "transactions": r.transactions, "payments": r.payments,
        "settlement_amount": r.settlement.iter().map(|(c, a)| money(*a, c)).collect::<Vec<_>>(),
        "breaks": r.breaks, "flags": r.flags, "reconciles": r.reconciles(),
    })
}
