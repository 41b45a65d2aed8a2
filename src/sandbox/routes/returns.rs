//! Return/refund family, returns: Search Returns (also 202602), Approve and Reject Return with
//! their `idempotency_key`, Get Return Records, Calculate Refund, Get Aftersale Eligibility;
//! Get Reject Reasons is shared with cancellations (`return_or_cancel_id`). Admin routes serve
//! the buyers' photos and let a script make a buyer open a request.
//!
//! One sandbox extension of Approve Return, for what TikTok's public reference does not show
//! how to send (a search of the docs, issues and code corpora found no field or endpoint for
//! it): `return_shipping_fee.{amount, currency}` deducts a fee from the buyer's refund and
//! reports it as `shipping_fee_amount[].buyer_paid_return_shipping_fee`; the client reads that
//! back and tells the seller when a fee was not applied. A seller's own return label is not
//! sent at all: the use case RET-SHIP-LABEL gives it to the buyer "outside of TikTok Shop".

use super::fulfillment::op;
use super::paging::{cursor, page_size, token};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::returns::lifecycle::{Ask, open};
use crate::sandbox::returns::ops::{self, Approval};
use crate::sandbox::returns::{SbReturn, json as rj};
use crate::sandbox::state::SandboxState;
use crate::sandbox::world::World;
use axum::http::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::str::FromStr;
use std::sync::Arc;

pub fn routes() -> Vec<Route> {
    let r = |method: Method, pattern: &'static str, handler| Route {
        method,
        pattern,
        cipher: CipherRule::Required,
        handler,
    };
    vec![
        r(Method::POST, "/return_refund/202309/returns/search", search),
        r(Method::POST, "/return_refund/202602/returns/search", search),
        r(Method::POST, "/return_refund/202309/returns/{return_id}/approve", approve),
        r(Method::POST, "/return_refund/202309/returns/{return_id}/reject", reject),
        r(Method::GET, "/return_refund/202309/returns/{return_id}/records", records),
        r(Method::POST, "/return_refund/202309/refunds/calculate", calculate),
        r(Method::GET, "/return_refund/202309/orders/{order_id}/aftersale_eligibility", eligibility),
    ]
}

fn strings(v: &Value, k: &str) -> Option<Vec<String>> {
    v.get(k).and_then(|x| x.as_array()).map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect())
}

fn invalid(what: &str) -> Reply {
    Reply::err(200, 25001001, format!("An invalid request parameter was passed. {what}"))
}

fn search(w: &mut World, c: &Call) -> Reply {
    let size = match page_size(c, 50, Some(10)) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let after = match cursor(c) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let by_update = c.query.get("sort_field").map(String::as_str) == Some("update_time");
    let asc = c.query.get("sort_order").map(String::as_str) != Some("DESC");
    let ids = strings(&body, "return_ids");
    let orders = strings(&body, "order_ids");
    let buyers = strings(&body, "buyer_user_ids");
    let types = strings(&body, "return_types");
    let statuses = strings(&body, "return_status");
    let arbitration = strings(&body, "arbitration_status");
    let proposed = strings(&body, "seller_proposed_return_type");
    let int = |k: &str| body.get(k).and_then(|v| v.as_i64());
    let (cge, clt, uge, ult) =
        (int("create_time_ge"), int("create_time_lt"), int("update_time_ge"), int("update_time_lt"));
    let shop = c.shop_id().to_string();
    let Some(all) = w.returns.by_shop.get(&shop) else {
        return Reply::ok(json!({"return_orders": [], "total_count": 0, "next_page_token": ""}));
    };
    let sc = w.commerce.get(&shop);
    let buyer_of = |r: &SbReturn| sc.and_then(|c| c.orders.get(&r.order_id)).map(|o| o.user_id.clone());
    let mut rows: Vec<(i64, &SbReturn)> = all
        .values()
        .filter(|x| ids.as_ref().is_none_or(|v| v.contains(&x.id)))
        .filter(|x| orders.as_ref().is_none_or(|v| v.contains(&x.order_id)))
        .filter(|x| buyers.as_ref().is_none_or(|v| buyer_of(x).is_some_and(|b| v.contains(&b))))
        .filter(|x| types.as_ref().is_none_or(|v| v.iter().any(|t| t == x.return_type)))
        .filter(|x| statuses.as_ref().is_none_or(|v| v.iter().any(|t| t == x.status)))
        .filter(|x| arbitration.as_ref().is_none_or(|v| x.arbitration.is_some_and(|a| v.iter().any(|t| t == a))))
        .filter(|x| {
            proposed.as_ref().is_none_or(|v| x.partial_refund.is_some() && v.iter().any(|t| t == "PARTIAL_REFUND"))
        })
        .filter(|x| cge.is_none_or(|t| x.create_time >= t) && clt.is_none_or(|t| x.create_time < t))
        .filter(|x| uge.is_none_or(|t| x.update_time >= t) && ult.is_none_or(|t| x.update_time < t))
        .map(|x| (if by_update { x.update_time } else { x.create_time }, x))
        .collect();
    rows.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    if !asc {
        rows.reverse();
    }
    let total = rows.len();
    let start = match &after {
        Some((v, id)) => rows
            .iter()
            .position(|(k, x)| if asc { (*k, &x.id) > (*v, id) } else { (*k, &x.id) < (*v, id) })
            .unwrap_or(total),
        None => 0,
    };
    let page: Vec<_> = rows.iter().skip(start).take(size).collect();
    let next = if start + size < total {
        page.last().map(|(k, x)| token(*k, &x.id)).unwrap_or_default()
    } else {
        String::new()
    };
    let list: Vec<Value> = page.iter().map(|(_, x)| rj::return_order(w, x)).collect();
    Reply::ok(json!({"return_orders": list, "next_page_token": next, "total_count": total}))
}

fn return_id(c: &Call) -> String {
    c.path_params.first().cloned().unwrap_or_default()
}

fn money_of(v: &Value) -> Option<(Decimal, String)> {
    let amount = v.get("amount")?.as_str().and_then(|s| Decimal::from_str(s).ok())?;
    Some((amount, v.get("currency").and_then(|c| c.as_str()).unwrap_or("").to_string()))
}

fn approve(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(decision) = body.get("decision").and_then(|v| v.as_str()) else {
        return invalid("decision is required.");
    };
    let a = Approval {
        decision: decision.to_string(),
        buyer_keep_item: body.get("buyer_keep_item").and_then(|v| v.as_bool()).unwrap_or(false),
        partial: body.get("partial_refund").and_then(money_of),
        shipping_fee: body.get("return_shipping_fee").and_then(money_of).map(|m| m.0),
    };
    let key = c.query.get("idempotency_key").map(String::as_str);
    if key.is_some_and(|k| k.len() > 255) {
        return invalid("idempotency_key is longer than 255 characters.");
    }
    match ops::approve(w, c.shop_id(), &return_id(c), key, &a, c.now) {
        Ok(()) => Reply::empty(),
        Err(e) => op(e),
    }
}

fn reject(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let s = |k: &str| body.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let (decision, reason) = (s("decision"), s("reject_reason"));
    if decision.is_empty() || reason.is_empty() {
        return invalid("decision and reject_reason are required.");
    }
    // `images[].image_id`: URIs from Upload Product Image, by this seller (the reference page of
    // Reject Return says where they come from).
    let mut images = Vec::new();
    for i in body.get("images").and_then(|v| v.as_array()).map(Vec::as_slice).unwrap_or_default() {
        let id = i.get("image_id").and_then(|v| v.as_str()).unwrap_or("");
        match w.catalog.images.get(id) {
            Some(img) if img.open_id == c.open_id => images.push(id.to_string()),
            _ => return invalid(&format!("images: {id:?} is not an image this seller uploaded.")),
        }
    }
    let key = c.query.get("idempotency_key").map(String::as_str);
    match ops::reject(w, c.shop_id(), &return_id(c), key, &decision, &reason, &s("comment"), &images, c.now) {
        Ok(()) => Reply::empty(),
        Err(e) => op(e),
    }
}

fn records(w: &mut World, c: &Call) -> Reply {
    match w.returns.get(c.shop_id(), &return_id(c)) {
        Some(r) => Reply::ok(rj::records(w, r)),
        None => Reply::err(200, 25007006, "Order not found."),
    }
}

/// Get Reject Reasons for a return: the reasons valid for its current state.
pub fn reasons_of(r: &SbReturn) -> Reply {
    let reasons: Vec<Value> = ops::reject_reasons(r).iter().map(|(n, t)| json!({"name": n, "text": t})).collect();
    Reply::ok(json!({ "reasons": reasons }))
}

fn calculate(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let order = body.get("order_id").and_then(|v| v.as_str()).unwrap_or("");
    let Some(o) = w.commerce.get(c.shop_id()).and_then(|sc| sc.orders.get(order)) else {
        return Reply::err(200, 25007006, "Order not found.");
    };
    let mut lines = strings(&body, "order_line_item_ids").unwrap_or_default();
    if let Some(skus) = body.get("skus").and_then(|v| v.as_array()) {
        for s in skus {
            let sku = s.get("sku_id").and_then(|v| v.as_str()).unwrap_or("");
            let n = s.get("quantity").and_then(|v| v.as_u64()).unwrap_or(1) as usize;
            let add: Vec<String> = o
                .live_lines()
                .filter(|l| l.sku_id == sku && !lines.contains(&l.id))
                .take(n)
                .map(|l| l.id.clone())
                .collect();
            lines.extend(add);
        }
    }
    if lines.is_empty() {
        lines = o.live_lines().map(|l| l.id.clone()).collect();
    }
    if lines.iter().any(|id| !o.lines.iter().any(|l| &l.id == id)) {
        return invalid("order_line_item_ids names a line of another order.");
    }
    let (sub, ship, tax, rdf) = ops::base_refund(o, &lines);
    let m = crate::sandbox::commerce::json::money;
    Reply::ok(json!({"order_refund_amount": {
        "currency": o.currency, "refund_total": m(sub + ship + tax + rdf), "refund_subtotal": m(sub),
        "refund_shipping_fee": m(ship), "refund_tax": m(tax), "retail_delivery_fee": m(rdf),
    }}))
}

fn eligibility(w: &mut World, c: &Call) -> Reply {
    let order = c.path_params.first().cloned().unwrap_or_default();
    let Some(o) = w.commerce.get(c.shop_id()).and_then(|sc| sc.orders.get(&order)) else {
        return Reply::err(200, 25007006, "Order not found.");
    };
    let busy: Vec<String> = w
        .returns
        .of_order(c.shop_id(), &order)
        .filter(|r| !r.status.ends_with("COMPLETE") && !r.status.contains("REJECT") && !r.status.ends_with("CANCEL"))
        .flat_map(|r| r.line_ids.clone())
        .collect();
    let mut by_sku: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
    for l in &o.lines {
        let (ok, code, why) = if l.cancelled.is_some() {
            (false, 25001011, "The order line is cancelled")
        } else if busy.contains(&l.id) {
            (false, 25001011, "A return is in process for this line")
        } else {
            let ok_cancel = o.is_open();
            let ok_return = matches!(o.status, "DELIVERED" | "COMPLETED" | "IN_TRANSIT");
            for (t, ok) in [("CANCEL", ok_cancel), ("REFUND", ok_return), ("RETURN_AND_REFUND", ok_return)] {
                by_sku.entry(l.sku_id.clone()).or_default().push(json!({
                    "request_type": t, "eligible": ok, "order_line_items_ids": [l.id],
                    "ineligible_code": if ok { 0 } else { 25001003 },
                    "ineligible_reason": if ok { "" } else { "invalid order status" },
                }));
            }
            continue;
        };
        for t in ["CANCEL", "REFUND", "RETURN_AND_REFUND"] {
            by_sku.entry(l.sku_id.clone()).or_default().push(json!({
                "request_type": t, "eligible": ok, "order_line_items_ids": [l.id], "ineligible_code": code,
                "ineligible_reason": why,
            }));
        }
    }
    let list: Vec<Value> = by_sku.into_iter().map(|(s, v)| json!({"sku_id": s, "line_item_eligibility": v})).collect();
    Reply::ok(json!({ "sku_eligibility": list }))
}

/// `GET /_sandbox/returns/images/{file}`: a buyer's photo, a product image or a seller's label.
pub async fn image(axum::extract::Path(file): axum::extract::Path<String>) -> axum::response::Response {
    use axum::response::IntoResponse;
    if !file.ends_with(".png") || file.contains('/') {
        return (axum::http::StatusCode::NOT_FOUND, "no such image").into_response();
    }
    let png = crate::sandbox::returns::image::png(&file);
    ([(axum::http::header::CONTENT_TYPE, "image/png")], png).into_response()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenRequest {
    shop_id: String,
    order_id: String,
    /// refund, return or replacement.
    kind: String,
    note: Option<String>,
}

/// `POST /_sandbox/returns/open`: the buyer of a delivered order opens a request.
pub async fn buyer_opens(
    axum::extract::State(s): axum::extract::State<Arc<SandboxState>>,
    axum::Json(q): axum::Json<OpenRequest>,
) -> (axum::http::StatusCode, axum::Json<Value>) {
    let ask = match q.kind.as_str() {
        "refund" => Ask::Refund,
        "return" => Ask::ReturnAndRefund,
        "replacement" => Ask::Replacement,
        _ => {
            return (
                axum::http::StatusCode::BAD_REQUEST,
                axum::Json(json!({"error": "kind: refund, return or replacement"})),
            );
        }
    };
    let now = s.clock.now();
    let id = open(&mut s.lock(), &q.shop_id, &q.order_id, ask, now, q.note.as_deref());
    s.flush_outgoing();
    match id {
        Some(id) => (axum::http::StatusCode::OK, axum::Json(json!({"return_id": id}))),
        None => (
            axum::http::StatusCode::CONFLICT,
            axum::Json(json!({"error": "the order is not delivered, or has a request open"})),
        ),
    }
}
