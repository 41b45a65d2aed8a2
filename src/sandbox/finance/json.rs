//! Finance JSON as the reference pages name it (finance/*.doc.json): amounts are decimal
//! strings in major units with a sibling `currency`, deductions negative.

use super::keys::{self, Keys};
use super::{Breakdown, SbSkuTx, SbStatement, SbTx, ShopFinance};
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub fn m(d: Decimal) -> String {
    format!("{:.2}", d)
}

fn set(mut v: Value, pairs: &[(&str, Decimal)]) -> Value {
    if let Some(o) = v.as_object_mut() {
        for (k, d) in pairs {
            o.insert((*k).to_string(), json!(m(*d)));
        }
    }
    v
}

/// The refund is sent whole as `refund_subtotal_before_discount_amount` (the sandbox refunds
/// after seller discounts and keeps no separate discount refund: `seller_discount_refund_amount`
/// stays zero), so the two add up to what was refunded.
pub fn revenue_breakdown(b: &Breakdown, k: &Keys) -> Value {
    set(
        (k.revenue)(),
        &[
            ("subtotal_before_discount_amount", b.gross_sales),
            ("seller_discount_amount", b.seller_discount),
            ("refund_subtotal_before_discount_amount", b.refund),
        ],
    )
}

pub fn shipping_breakdown(b: &Breakdown, k: &Keys) -> Value {
    set(
        (k.shipping)(),
        &[
            ("customer_paid_shipping_fee_amount", b.customer_shipping),
            ("actual_shipping_fee_amount", b.actual_shipping),
        ],
    )
}

pub fn fee_tax_breakdown(b: &Breakdown, k: &Keys) -> Value {
    json!({
        "fee": set((k.fee)(), &[
            ("platform_commission_amount", b.commission),
            ("transaction_fee_amount", b.transaction_fee),
            ("affiliate_commission_amount", b.affiliate),
        ]),
        "tax": set((k.tax)(), &[("vat_amount", b.vat)]),
    })
}

/// The totals TikTok reports for a statement: its transactions, plus the fault's skew.
pub fn reported(f: &ShopFinance, s: &SbStatement) -> Breakdown {
    let mut b = f.totals(s);
    b.gross_sales += s.skew;
    b
}

pub fn statement_202309(f: &ShopFinance, s: &SbStatement, now: i64) -> Value {
    let b = reported(f, s);
    let pay = f.payments.get(&s.payment_id);
    let status = pay.map(|p| f.payment_status(p, now)).unwrap_or("PROCESSING");
    json!({
        "id": s.id,
        "statement_time": s.time,
        "currency": s.currency,
        "revenue_amount": m(b.revenue()),
        "net_sales_amount": m(b.revenue()),
        "fee_amount": m(b.fee_tax()),
        "shipping_cost_amount": m(b.shipping()),
        "adjustment_amount": m(b.adjustment),
        "settlement_amount": m(b.settlement()),
        "payment_status": status,
        "payment_id": s.payment_id,
        "payment_time": pay.filter(|_| status == "PAID").map(|p| p.paid_time).unwrap_or(0),
    })
}

fn flat(b: &Breakdown) -> Value {
    json!({
        "revenue_amount": m(b.revenue()),
        "net_sales_amount": m(b.revenue()),
        "gross_sales_amount": m(b.gross_sales),
        "seller_discount_amount": m(b.seller_discount),
        "refund_amount": m(b.refund),
        "shipping_cost_amount": m(b.shipping()),
        "customer_paid_shipping_fee_amount": m(b.customer_shipping),
        "actual_shipping_fee_amount": m(b.actual_shipping),
        "fee_amount": m(b.fee_tax()),
        "platform_commission_amount": m(b.commission),
        "transaction_fee_amount": m(b.transaction_fee),
        "affiliate_commission_amount": m(b.affiliate),
        "vat_amount": m(b.vat),
        "adjustment_amount": m(b.adjustment),
        "reserve_amount": m(b.reserve),
        "settlement_amount": m(b.settlement()),
    })
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

pub fn tx_202309(t: &SbTx) -> Value {
    merge(
        json!({"id": t.id, "type": t.kind, "order_id": t.order_id, "adjustment_id": t.adjustment_id,
            "order_create_time": t.order_create_time}),
        flat(&t.b),
    )
}

pub fn tx_202501(t: &SbTx) -> Value {
    let b = &t.b;
    let k = &keys::STATEMENT;
    let mut v = json!({
        "id": t.id,
        "type": t.kind,
        "order_id": t.order_id,
        "order_create_time": t.order_create_time,
        "adjustment_id": t.adjustment_id,
        "adjustment_order_id": if t.adjustment_id.is_empty() { "" } else { t.order_id.as_str() },
        "reserve_id": t.reserve_id,
        "reserve_status": t.reserve_status,
        "associated_order_id": "",
        "estimated_release_time": if t.estimated_release_time > 0 { t.estimated_release_time.to_string() }
            else { String::new() },
        "revenue_amount": m(b.revenue()),
        "revenue_breakdown": revenue_breakdown(b, k),
        "shipping_cost_amount": m(b.shipping()),
        "shipping_cost_breakdown": shipping_breakdown(b, k),
        "fee_tax_amount": m(b.fee_tax()),
        "fee_tax_breakdown": fee_tax_breakdown(b, k),
        "adjustment_amount": m(b.adjustment),
        "reserve_amount": m(b.reserve),
        "settlement_amount": m(b.settlement()),
    });
    if let (Some(o), Some(sup)) = (v.as_object_mut(), k.supplementary) {
        o.insert("supplementary_component".into(), sup());
    }
    v
}

pub fn sku_202501(s: &SbSkuTx, statement_id: &str) -> Value {
    let b = &s.b;
    let k = &keys::ORDER;
    json!({
        "sku_id": s.sku_id,
        "sku_name": s.sku_name,
        "product_name": s.product_name,
        "quantity": s.quantity.to_string(),
        "statement_id": statement_id,
        "revenue_amount": m(b.revenue()),
        "revenue_breakdown": revenue_breakdown(b, k),
        "shipping_cost_amount": m(b.shipping()),
        "shipping_cost_breakdown": shipping_breakdown(b, k),
        "fee_tax_amount": m(b.fee_tax()),
        "fee_tax_breakdown": fee_tax_breakdown(b, k),
        "settlement_amount": m(b.settlement()),
    })
}

pub fn sku_202309(s: &SbSkuTx) -> Value {
    merge(
        json!({"sku_id": s.sku_id, "sku_name": s.sku_name, "product_name": s.product_name, "quantity": s.quantity}),
        flat(&s.b),
    )
}

/// 202501 statement header: totals (as reported) with the reserve and the payable.
pub fn statement_header_202501(f: &ShopFinance, s: &SbStatement) -> Value {
    let b = reported(f, s);
    json!({
        "id": s.id,
        "create_time": s.time,
        "status": "SETTLED",
        "currency": s.currency,
        "payable_amount": m(b.settlement() + b.reserve),
        "total_settlement_amount": m(b.settlement()),
        "total_reserve_amount": m(b.reserve),
        "total_settlement_breakdown": {
            "total_revenue_amount": m(b.revenue()),
            "total_shipping_cost_amount": m(b.shipping()),
            "total_fee_tax_amount": m(b.fee_tax()),
            "total_adjustment_amount": m(b.adjustment),
        },
    })
}
