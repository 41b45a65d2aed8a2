//! Finance family (API README §5.5): Get Statements, Get Payments, Get Withdrawals, Get
//! Transactions by Statement (202309, 202501), Get Transactions by Order (202309, 202501, to
//! the SKU) and Get Unsettled Transactions (202507), with their filters, sorts and page tokens.
//! The reference documents one business error beyond the common ones: 22005007 "given merchant
//! does not exist" (Get Withdrawals).

use super::paging::{cursor, page_size, token};
use crate::sandbox::finance::derive::{order_breakdowns, settle_time, settles};
use crate::sandbox::finance::json::{self as fj, m};
use crate::sandbox::finance::{Breakdown, ShopFinance};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::{Value, json};

fn get(pattern: &'static str, handler: crate::sandbox::gateway::Handler) -> Route {
    Route { method: Method::GET, pattern, cipher: CipherRule::Required, handler }
}

pub fn routes() -> Vec<Route> {
    vec![
        get("/finance/202309/statements", statements),
        get("/finance/202309/payments", payments),
        get("/finance/202309/withdrawals", withdrawals),
        get("/finance/202309/statements/{statement_id}/statement_transactions", statement_txs_202309),
        get("/finance/202501/statements/{statement_id}/statement_transactions", statement_txs_202501),
        get("/finance/202309/orders/{order_id}/statement_transactions", order_txs_202309),
        get("/finance/202501/orders/{order_id}/statement_transactions", order_txs_202501),
        get("/finance/202507/orders/unsettled", unsettled),
    ]
}

/// Transactions after 2025-01-01 only (Get Unsettled Transactions).
const UNSETTLED_FROM: i64 = 1_735_689_600;

struct List {
    size: usize,
    asc: bool,
    after: Option<(i64, String)>,
}

fn list(c: &Call, field: &str, default_size: Option<usize>) -> Result<List, Reply> {
    match c.query.get("sort_field").map(String::as_str) {
        Some(f) if f == field => {}
        Some(other) => return Err(Reply::invalid_param(format!("Invalid sort_field {other:?}: only {field}."))),
        None => return Err(Reply::invalid_param(format!("sort_field is required (only {field})."))),
    }
    let asc = match c.query.get("sort_order").map(String::as_str) {
        None | Some("ASC") => true,
        Some("DESC") => false,
        Some(o) => return Err(Reply::invalid_param(format!("Invalid sort_order {o:?}: ASC or DESC."))),
    };
    Ok(List { size: page_size(c, 100, default_size)?, asc, after: after(c)? })
}

/// A suffix that puts `/` and `=` in every finance page token (TikTok's sample token carries
/// `/` and `+`): clients must send tokens back URL-encoded, byte for byte.
const TOKEN_TAIL: &str = "|f?.";

fn page_token(v: i64, id: &str) -> String {
    token(v, &format!("{id}{TOKEN_TAIL}"))
}

fn after(c: &Call) -> Result<Option<(i64, String)>, Reply> {
    Ok(cursor(c)?.map(|(v, id)| (v, id.trim_end_matches(TOKEN_TAIL).to_string())))
}

fn int(c: &Call, k: &str) -> Result<Option<i64>, Reply> {
    match c.query.get(k).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| Reply::invalid_param(format!("{k} must be a unix timestamp."))),
    }
}

/// A page of `(sort value, id)` keys in the list's order after its cursor, and the next token.
fn page(mut keys: Vec<(i64, String)>, l: &List) -> (Vec<(i64, String)>, String) {
    keys.sort();
    if !l.asc {
        keys.reverse();
    }
    let start = match &l.after {
        None => 0,
        Some((v, id)) => keys
            .iter()
            .position(|(kv, kid)| if l.asc { (kv, kid) > (v, id) } else { (kv, kid) < (v, id) })
            .unwrap_or(keys.len()),
    };
    let rest: Vec<_> = keys.into_iter().skip(start).collect();
    let more = rest.len() > l.size;
    let page: Vec<_> = rest.into_iter().take(l.size).collect();
    let next = if more { page.last().map(|(v, id)| page_token(*v, id)).unwrap_or_default() } else { String::new() };
    (page, next)
}

fn fin<'a>(w: &'a World, c: &Call) -> Option<&'a ShopFinance> {
    w.finance.shops.get(c.shop_id())
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}

fn statements(w: &mut World, c: &Call) -> Reply {
    let l = tri!(list(c, "statement_time", Some(20)));
    let (ge, lt) = (tri!(int(c, "statement_time_ge")), tri!(int(c, "statement_time_lt")));
    let status = c.query.get("payment_status").filter(|s| !s.is_empty()).cloned();
    if let Some(s) = &status
        && !["PAID", "FAILED", "PROCESSING"].contains(&s.as_str())
    {
        return Reply::invalid_param(format!("Invalid payment_status {s:?}: PAID, FAILED or PROCESSING."));
    }
    let Some(f) = fin(w, c) else { return Reply::ok(json!({"statements": [], "next_page_token": ""})) };
    let keys: Vec<(i64, String)> = f
        .by_time
        .iter()
        .filter(|(t, _)| *t <= c.now && ge.is_none_or(|g| *t >= g) && lt.is_none_or(|x| *t < x))
        .filter(|(_, id)| {
            status.as_ref().is_none_or(|want| {
                let s = f.statements.get(id);
                let p = s.and_then(|s| f.payments.get(&s.payment_id));
                p.map(|p| f.payment_status(p, c.now)).unwrap_or("PROCESSING") == want
            })
        })
        .cloned()
        .collect();
    let (page, next) = page(keys, &l);
    let items: Vec<Value> =
        page.iter().filter_map(|(_, id)| f.statements.get(id)).map(|s| fj::statement_202309(f, s, c.now)).collect();
    Reply::ok(json!({"statements": items, "next_page_token": next}))
}

fn money(v: rust_decimal::Decimal, cur: &str) -> Value {
    json!({"value": m(v), "currency": cur})
}

fn payments(w: &mut World, c: &Call) -> Reply {
    let l = tri!(list(c, "create_time", Some(20)));
    let (ge, lt) = (tri!(int(c, "create_time_ge")), tri!(int(c, "create_time_lt")));
    let Some(f) = fin(w, c) else { return Reply::ok(json!({"payments": [], "next_page_token": ""})) };
    let keys: Vec<(i64, String)> = f
        .payments
        .values()
        .filter(|p| {
            p.create_time <= c.now && ge.is_none_or(|g| p.create_time >= g) && lt.is_none_or(|x| p.create_time < x)
        })
        .map(|p| (p.create_time, p.id.clone()))
        .collect();
    let (page, next) = page(keys, &l);
    let items: Vec<Value> = page
        .iter()
        .filter_map(|(_, id)| f.payments.get(id))
        .map(|p| {
            let status = f.payment_status(p, c.now);
            json!({
                "id": p.id,
                "create_time": p.create_time,
                "paid_time": if status == "PAID" { p.paid_time } else { 0 },
                "status": status,
                "amount": money(p.amount, p.currency),
                "settlement_amount": money(p.settlement, p.before_currency),
                "reserve_amount": money(p.reserve, p.before_currency),
                "payment_amount_before_exchange": money(p.before_exchange, p.before_currency),
                "exchange_rate": format!("{:.6}", p.rate),
                "bank_account": p.bank_account,
            })
        })
        .collect();
    Reply::ok(json!({"payments": items, "next_page_token": next}))
}

fn withdrawals(w: &mut World, c: &Call) -> Reply {
    const TYPES: [&str; 4] = ["WITHDRAW", "SETTLE", "TRANSFER", "REVERSE"];
    let types: Vec<String> = c
        .query
        .get("types")
        .map(|t| t.split(',').filter(|x| !x.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    if types.is_empty() {
        return Reply::invalid_param("types is required: WITHDRAW, SETTLE, TRANSFER or REVERSE, comma-joined.");
    }
    if let Some(bad) = types.iter().find(|t| !TYPES.contains(&t.as_str())) {
        return Reply::invalid_param(format!("Invalid type {bad:?}: WITHDRAW, SETTLE, TRANSFER or REVERSE."));
    }
    let size = tri!(page_size(c, 100, Some(20)));
    let after = tri!(after(c));
    let (ge, lt) = (tri!(int(c, "create_time_ge")), tri!(int(c, "create_time_lt")));
    let Some(f) = fin(w, c) else { return Reply::err(200, 22005007, "given merchant does not exist") };
    let keys: Vec<(i64, String)> = f
        .withdrawals
        .values()
        .filter(|x| types.iter().any(|t| t == x.kind))
        .filter(|x| {
            x.create_time <= c.now && ge.is_none_or(|g| x.create_time >= g) && lt.is_none_or(|v| x.create_time < v)
        })
        .map(|x| (x.create_time, x.id.clone()))
        .collect();
    let total = keys.len();
    let (page, next) = page(keys, &List { size, asc: false, after });
    let items: Vec<Value> = page
        .iter()
        .filter_map(|(_, id)| f.withdrawals.get(id))
        .map(|x| {
            let failed = f.payments.get(&x.payment_id).is_some_and(|p| p.failed);
            json!({"id": x.id, "type": x.kind, "amount": m(x.amount), "currency": x.currency,
                "status": if failed { "FAILED" } else { "SUCCESS" }, "create_time": x.create_time})
        })
        .collect();
    Reply::ok(json!({"withdrawals": items, "next_page_token": next, "total_count": total}))
}

fn statement_of<'a>(
    w: &'a World,
    c: &Call,
) -> Result<(&'a ShopFinance, &'a crate::sandbox::finance::SbStatement), Reply> {
    let id = c.path_params.first().cloned().unwrap_or_default();
    fin(w, c)
        .and_then(|f| f.statements.get(&id).filter(|s| s.time <= c.now).map(|s| (f, s)))
        .ok_or_else(|| Reply::invalid_param(format!("Invalid statement_id {id:?}: no such statement of this shop.")))
}

fn tx_page<'a>(
    f: &'a ShopFinance,
    s: &crate::sandbox::finance::SbStatement,
    l: &List,
) -> (Vec<&'a crate::sandbox::finance::SbTx>, String, usize) {
    let keys: Vec<(i64, String)> =
        s.tx_ids.iter().filter_map(|id| f.txs.get(id)).map(|t| (t.order_create_time, t.id.clone())).collect();
    let total = keys.len();
    let (page, next) = page(keys, l);
    (page.iter().filter_map(|(_, id)| f.txs.get(id)).collect(), next, total)
}

fn statement_txs_202309(w: &mut World, c: &Call) -> Reply {
    let l = tri!(list(c, "order_create_time", Some(20)));
    let (f, s) = tri!(statement_of(w, c));
    let b = fj::reported(f, s);
    let (txs, next, total) = tx_page(f, s, &l);
    Reply::ok(json!({
        "statement_id": s.id, "statement_time": s.time, "currency": s.currency,
        "revenue_amount": m(b.revenue()), "net_sales_amount": m(b.revenue()), "fee_amount": m(b.fee_tax()),
        "shipping_cost_amount": m(b.shipping()), "adjustment_amount": m(b.adjustment),
        "settlement_amount": m(b.settlement()),
        "statement_transactions": txs.iter().map(|t| fj::tx_202309(t)).collect::<Vec<_>>(),
        "next_page_token": next, "total_count": total,
    }))
}

fn statement_txs_202501(w: &mut World, c: &Call) -> Reply {
    let l = tri!(list(c, "order_create_time", Some(20)));
    let (f, s) = tri!(statement_of(w, c));
    let (txs, next, total) = tx_page(f, s, &l);
    let mut v = fj::statement_header_202501(f, s);
    if let Some(o) = v.as_object_mut() {
        o.insert("transactions".into(), txs.iter().map(|t| fj::tx_202501(t)).collect());
        o.insert("next_page_token".into(), json!(next));
        o.insert("total_count".into(), json!(total));
    }
    Reply::ok(v)
}

/// An order's settled transactions (those in statements already cut), with the order.
fn order_parts<'a>(w: &'a World, c: &Call) -> (String, i64, &'static str, Vec<&'a crate::sandbox::finance::SbTx>) {
    let id = c.path_params.first().cloned().unwrap_or_default();
    let sc = w.commerce.get(c.shop_id());
    let created = sc.and_then(|s| s.orders.get(&id)).map(|o| o.create_time).unwrap_or(0);
    let currency = sc.map(|s| s.currency).unwrap_or("USD");
    let txs = fin(w, c)
        .map(|f| {
            f.order_txs
                .get(&id)
                .into_iter()
                .flatten()
                .filter_map(|t| f.txs.get(t))
                .filter(|t| f.statements.get(&t.statement_id).is_some_and(|s| s.time <= c.now))
                .collect()
        })
        .unwrap_or_default();
    (id, created, currency, txs)
}

fn order_txs_202309(w: &mut World, c: &Call) -> Reply {
    let (id, created, currency, txs) = order_parts(w, c);
    let f = fin(w, c);
    let items: Vec<Value> = txs
        .iter()
        .map(|t| {
            let time = f.and_then(|f| f.statements.get(&t.statement_id)).map(|s| s.time).unwrap_or(0);
            let mut v = fj::tx_202309(t);
            if let Some(o) = v.as_object_mut() {
                o.insert("statement_id".into(), json!(t.statement_id));
                o.insert("statement_time".into(), json!(time));
                o.insert("status".into(), json!("SETTLED"));
                o.insert("currency".into(), json!(currency));
                o.insert("sku_statement_transactions".into(), t.skus.iter().map(fj::sku_202309).collect());
            }
            v
        })
        .collect();
    Reply::ok(json!({"order_id": id, "order_create_time": created, "statement_transactions": items}))
}

fn order_txs_202501(w: &mut World, c: &Call) -> Reply {
    let (id, created, currency, txs) = order_parts(w, c);
    let mut b = Breakdown::default();
    let mut skus = Vec::new();
    for t in &txs {
        b.add(&t.b);
        skus.extend(t.skus.iter().map(|s| fj::sku_202501(s, &t.statement_id)));
    }
    Reply::ok(json!({
        "order_id": id, "order_create_time": created, "currency": currency,
        "revenue_amount": m(b.revenue()), "shipping_cost_amount": m(b.shipping()),
        "fee_and_tax_amount": m(b.fee_tax()), "settlement_amount": m(b.settlement()),
        "total_count": skus.len(), "sku_transactions": skus,
    }))
}

fn unsettled(w: &mut World, c: &Call) -> Reply {
    let l = tri!(list(c, "order_create_time", Some(20)));
    let (ge, lt) = (tri!(int(c, "search_time_ge")), tri!(int(c, "search_time_lt")));
    let Some(sc) = w.commerce.get(c.shop_id()) else { return Reply::ok(json!({"transactions": [], "total_count": 0})) };
    let f = fin(w, c);
    let days = w.finance.settle_days;
    let open = |o: &&crate::sandbox::commerce::model::SbOrder| {
        o.paid_time.is_some()
            && !matches!(o.status, "UNPAID" | "CANCELLED")
            && o.create_time >= UNSETTLED_FROM
            && ge.is_none_or(|g| o.create_time >= g)
            && lt.is_none_or(|x| o.create_time < x)
            && !f.and_then(|f| f.order_txs.get(&o.id)).is_some_and(|t| {
                t.iter().any(|id| {
                    f.and_then(|f| f.txs.get(id))
                        .and_then(|t| f.and_then(|f| f.statements.get(&t.statement_id)))
                        .is_some_and(|s| s.time <= c.now)
                })
            })
    };
    let keys: Vec<(i64, String)> = sc.orders.values().filter(open).map(|o| (o.create_time, o.id.clone())).collect();
    let total = keys.len();
    let (page, next) = page(keys, &l);
    let mut sum = Breakdown::default();
    let k = &crate::sandbox::finance::keys::UNSETTLED;
    let mut items = Vec::new();
    for o in page.iter().filter_map(|(_, id)| sc.orders.get(id)) {
        let mut b = Breakdown::default();
        for part in order_breakdowns(sc, &w.returns, o) {
            for s in part {
                b.add(&s.b);
            }
        }
        sum.add(&b);
        let (reason, est) = match settle_time(o, days) {
            Some((at, _)) if settles(o) => ("Within the settlement period after delivery".to_string(), at.to_string()),
            _ => ("waiting for delivery".to_string(), format!("{days} days after delivery")),
        };
        items.push(json!({
            "id": format!("9{}", o.id.get(1..).unwrap_or("")), "type": "ORDER", "status": "UNSETTLED",
            "currency": sc.currency, "estimated_settlement": est, "unsettled_reason": reason,
            "order_create_time": o.create_time, "order_delivery_time": o.delivery_time.unwrap_or(0),
            "order_id": o.id, "adjustment_id": "", "adjustment_order_id": "",
            "est_revenue_amount": m(b.revenue()), "revenue_breakdown": fj::revenue_breakdown(&b, k),
            "est_shipping_cost_amount": m(b.shipping()), "shipping_cost_breakdown": fj::shipping_breakdown(&b, k),
            "est_fee_tax_amount": m(b.fee_tax()), "fee_tax_breakdown": fj::fee_tax_breakdown(&b, k),
            "est_adjustment_amount": m(b.adjustment), "est_settlement_amount": m(b.settlement()),
        }));
    }
    Reply::ok(json!({
        "transactions": items, "next_page_token": next, "total_count": total,
        "sum_est_revenue_amount": m(sum.revenue()), "sum_est_fee_amount": m(sum.fee_tax()),
        "sum_est_adjustment_amount": m(sum.adjustment), "sum_est_settlement_amount": m(sum.settlement()),
    }))
}
