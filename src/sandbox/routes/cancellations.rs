//! Return/refund family, cancellations: search, approve and reject a buyer's request, the
//! seller's own cancellation, and the reject reasons. Search Cancellations and Cancel Order are
//! also served at 202602 (API README §5.6): the same answer; Cancel Order 202602 also takes the
//! lines as `order_line_list[].{order_line_item_id, sub_order_line_item_id}` (a client of the
//! 202602 version, index id 61998462612).

use super::fulfillment::op;
use super::paging::{cursor, page_size, token};
use crate::sandbox::commerce::{cancel_ops, money_json as cj};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::{Value, json};

pub fn routes() -> Vec<Route> {
    let r = |method: Method, pattern: &'static str, handler| Route {
        method,
        pattern,
        cipher: CipherRule::Required,
        handler,
    };
    vec![
        r(Method::POST, "/return_refund/202309/cancellations/search", search),
        r(Method::POST, "/return_refund/202602/cancellations/search", search),
        r(Method::POST, "/return_refund/202309/cancellations/{cancel_id}/approve", approve),
        r(Method::POST, "/return_refund/202309/cancellations/{cancel_id}/reject", reject),
        r(Method::POST, "/return_refund/202309/cancellations", seller_cancel),
        r(Method::POST, "/return_refund/202602/cancellations", seller_cancel),
        r(Method::GET, "/return_refund/202309/reject_reasons", reject_reasons),
    ]
}

fn strings(v: &Value, k: &str) -> Option<Vec<String>> {
    v.get(k).and_then(|x| x.as_array()).map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect())
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
    let ids = strings(&body, "cancel_ids");
    let orders = strings(&body, "order_ids");
    let types = strings(&body, "cancel_types");
    let statuses: Option<Vec<String>> = strings(&body, "cancel_status").map(|v| {
        v.into_iter()
            .map(|s| if s == "CANCELLATION_REQUEST_CANCEL" { "CANCELLATION_REQUEST_CANCELLED".into() } else { s })
            .collect()
    });
    let int = |k: &str| body.get(k).and_then(|v| v.as_i64());
    let (cge, clt, uge, ult) =
        (int("create_time_ge"), int("create_time_lt"), int("update_time_ge"), int("update_time_lt"));
    let Some(sc) = w.commerce.get(c.shop_id()) else {
        return Reply::ok(json!({"cancellations": [], "total_count": 0}));
    };
    let mut all: Vec<(i64, &crate::sandbox::commerce::model::SbCancellation)> = sc
        .cancellations
        .values()
        .filter(|x| ids.as_ref().is_none_or(|v| v.contains(&x.id)))
        .filter(|x| orders.as_ref().is_none_or(|v| v.contains(&x.order_id)))
        .filter(|x| types.as_ref().is_none_or(|v| v.iter().any(|t| t == x.cancel_type)))
        .filter(|x| statuses.as_ref().is_none_or(|v| v.iter().any(|t| t == x.status)))
        .filter(|x| cge.is_none_or(|t| x.create_time >= t) && clt.is_none_or(|t| x.create_time < t))
        .filter(|x| uge.is_none_or(|t| x.update_time >= t) && ult.is_none_or(|t| x.update_time < t))
        .map(|x| (if by_update { x.update_time } else { x.create_time }, x))
        .collect();
    all.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    if !asc {
        all.reverse();
    }
    let total = all.len();
    let start = match &after {
        Some((v, id)) => all
            .iter()
            .position(|(k, x)| if asc { (*k, &x.id) > (*v, id) } else { (*k, &x.id) < (*v, id) })
            .unwrap_or(total),
        None => 0,
    };
    let page: Vec<_> = all.iter().skip(start).take(size).collect();
    let next = if start + size < total {
        page.last().map(|(k, x)| token(*k, &x.id)).unwrap_or_default()
    } else {
        String::new()
    };
    let cancellations: Vec<Value> = page.iter().map(|(_, x)| cj::cancellation(sc, x)).collect();
    Reply::ok(json!({"cancellations": cancellations, "next_page_token": next, "total_count": total}))
}

fn cancel_id(c: &Call) -> String {
    c.path_params.first().cloned().unwrap_or_default()
}

fn approve(w: &mut World, c: &Call) -> Reply {
    match cancel_ops::approve(
        w,
        c.shop_id(),
        &cancel_id(c),
        c.query.get("idempotency_key").map(String::as_str),
        "SELLER",
        c.now,
    ) {
        Ok(()) => Reply::empty(),
        Err(e) => op(e),
    }
}

fn reject(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let reason = body.get("reject_reason").and_then(|v| v.as_str()).unwrap_or("");
    match cancel_ops::reject(
        w,
        c.shop_id(),
        &cancel_id(c),
        c.query.get("idempotency_key").map(String::as_str),
        reason,
        c.now,
    ) {
        Ok(()) => Reply::empty(),
        Err(e) => op(e),
    }
}

fn seller_cancel(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let order = body.get("order_id").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let reason = body.get("cancel_reason").and_then(|v| v.as_str()).unwrap_or("").to_string();
    if order.is_empty() || reason.is_empty() {
        return Reply::err(
            200,
            25001001,
            "An invalid request parameter was passed. order_id and cancel_reason are required.",
        );
    }
    let listed: Vec<String> = body
        .get("order_line_list")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter().filter_map(|x| x.get("order_line_item_id").and_then(|v| v.as_str()).map(String::from)).collect()
        })
        .unwrap_or_default();
    let mut lines = strings(&body, "order_line_item_ids").unwrap_or_default();
    lines.extend(listed.into_iter().filter(|l| !lines.contains(l)).collect::<Vec<_>>());
    match cancel_ops::seller_cancel(w, c.shop_id(), &order, &reason, lines, c.now) {
        Ok((id, status)) => Reply::ok(json!({"cancel_id": id, "cancel_status": status})),
        Err(e) => op(e),
    }
}

fn reject_reasons(w: &mut World, c: &Call) -> Reply {
    let id = c.query.get("return_or_cancel_id").cloned().unwrap_or_default();
    if let Some(r) = w.returns.get(c.shop_id(), &id) {
        return super::returns::reasons_of(r);
    }
    if !w.commerce.get(c.shop_id()).is_some_and(|sc| sc.cancellations.contains_key(&id)) {
        return Reply::err(200, 25001001, "An invalid request parameter was passed. return_or_cancel_id is unknown.");
    }
    let reasons: Vec<Value> = cancel_ops::REJECT_REASONS.iter().map(|(n, t)| json!({"name": n, "text": t})).collect();
    Reply::ok(json!({ "reasons": reasons }))
}
