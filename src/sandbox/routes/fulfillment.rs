//! Fulfillment family: packages (search, detail), shipping (ship package, batch ship, Mark
//! Package As Shipped), tracking updates, splits and combines, handover slots, shipping
//! documents, tracking events and TTS Tracking Validation (202508).

use super::paging::{cursor, page_size, token};
use crate::sandbox::commerce::ops::{self, OpError};
use crate::sandbox::commerce::package_json as cj;
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
        r(Method::POST, "/fulfillment/202309/packages/search", search),
        r(Method::GET, "/fulfillment/202309/packages/{package_id}", detail),
        r(Method::POST, "/fulfillment/202309/packages/{package_id}/ship", ship),
        r(Method::POST, "/fulfillment/202309/packages/ship", batch_ship),
        r(Method::POST, "/fulfillment/202309/orders/{order_id}/packages", mark_shipped),
        r(Method::POST, "/fulfillment/202309/packages/{package_id}/shipping_info/update", update_package_tracking),
        r(Method::POST, "/fulfillment/202309/orders/{order_id}/shipping_info/update", update_order_tracking),
        r(Method::GET, "/fulfillment/202309/packages/{package_id}/handover_time_slots", handover_slots),
        r(Method::GET, "/fulfillment/202309/packages/{package_id}/shipping_documents", documents),
        r(Method::GET, "/fulfillment/202309/orders/{order_id}/tracking", tracking),
        r(Method::GET, "/fulfillment/202508/tts_tracking_validation", tracking_validation),
        r(Method::GET, "/fulfillment/202309/orders/split_attributes", split_attributes),
        r(Method::POST, "/fulfillment/202309/orders/{order_id}/split", split),
        r(Method::GET, "/fulfillment/202309/combinable_packages/search", combinable),
        r(Method::POST, "/fulfillment/202309/packages/combine", combine),
        r(Method::POST, "/fulfillment/202309/packages/{package_id}/uncombine", uncombine),
    ]
}

pub fn op(e: OpError) -> Reply {
    Reply::err(200, e.code, e.message)
}

fn id(c: &Call) -> String {
    c.path_params.first().cloned().unwrap_or_default()
}

fn text(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(String::from)
}

fn strings(v: &Value, k: &str) -> Option<Vec<String>> {
    v.get(k).and_then(|x| x.as_array()).map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect())
}

fn search(w: &mut World, c: &Call) -> Reply {
    let size = match page_size(c, 50, None) {
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
    let asc = c.query.get("sort_order").map(String::as_str) == Some("ASC");
    let status = text(&body, "package_status");
    let int = |k: &str| body.get(k).and_then(|v| v.as_i64());
    let (cge, clt, uge, ult) =
        (int("create_time_ge"), int("create_time_lt"), int("update_time_ge"), int("update_time_lt"));
    let Some(sc) = w.commerce.get(c.shop_id()) else {
        return Reply::ok(json!({"packages": [], "total_count": 0}));
    };
    let mut all: Vec<(i64, &crate::sandbox::commerce::model::SbPackage)> = sc
        .packages
        .values()
        .filter(|p| status.as_ref().is_none_or(|s| p.status == s))
        .filter(|p| cge.is_none_or(|t| p.create_time >= t) && clt.is_none_or(|t| p.create_time < t))
        .filter(|p| uge.is_none_or(|t| p.update_time >= t) && ult.is_none_or(|t| p.update_time < t))
        .map(|p| (if by_update { p.update_time } else { p.create_time }, p))
        .collect();
    all.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    if !asc {
        all.reverse();
    }
    let total = all.len();
    let start = match &after {
        Some((v, pid)) => all
            .iter()
            .position(|(k, p)| if asc { (*k, &p.id) > (*v, pid) } else { (*k, &p.id) < (*v, pid) })
            .unwrap_or(total),
        None => 0,
    };
    let page: Vec<_> = all.iter().skip(start).take(size).collect();
    let next = if start + size < total {
        page.last().map(|(k, p)| token(*k, &p.id)).unwrap_or_default()
    } else {
        String::new()
    };
    let list: Vec<Value> = page.iter().map(|(_, p)| cj::package_summary(sc, p)).collect();
    Reply::ok(json!({"packages": list, "next_page_token": next, "total_count": total}))
}

fn detail(w: &mut World, c: &Call) -> Reply {
    match w.commerce.get(c.shop_id()).and_then(|sc| sc.packages.get(&id(c)).map(|p| cj::package_detail(sc, p))) {
        Some(v) => Reply::ok(v),
        None => Reply::err(200, 21011028, "The package does not belong to the current shop."),
    }
}

fn slot(v: &Value) -> Option<(i64, i64)> {
    let s = v.get("pickup_slot")?;
    Some((s.get("start_time")?.as_i64()?, s.get("end_time")?.as_i64()?))
}

fn self_shipment(v: &Value) -> Option<(String, String)> {
    let s = v.get("self_shipment")?;
    Some((text(s, "tracking_number")?, text(s, "shipping_provider_id")?))
}

fn ship(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let handover = text(&body, "handover_method");
    match ops::ship_package(w, c.shop_id(), &id(c), handover.as_deref(), slot(&body), self_shipment(&body), c.now) {
        Ok(()) => Reply::empty(),
        Err(e) => op(e),
    }
}

fn batch_ship(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(list) = body.get("packages").and_then(|v| v.as_array()).cloned() else {
        return Reply::err(200, 21001001, "Invalid parameters. packages is required.");
    };
    let mut errors = Vec::new();
    for p in list {
        let pid = text(&p, "id").unwrap_or_default();
        let handover = text(&p, "handover_method");
        if let Err(e) = ops::ship_package(w, c.shop_id(), &pid, handover.as_deref(), slot(&p), self_shipment(&p), c.now)
        {
            errors.push(json!({"code": e.code, "message": e.message, "detail": {"package_id": pid}}));
        }
    }
    Reply::ok(json!({ "errors": errors }))
}

fn mark_shipped(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (Some(tracking), Some(provider)) = (text(&body, "tracking_number"), text(&body, "shipping_provider_id")) else {
        return Reply::err(200, 21001001, "Invalid parameters. tracking_number and shipping_provider_id are required.");
    };
    let order = id(c);
    match ops::mark_shipped(
        w,
        c.shop_id(),
        &order,
        strings(&body, "order_line_item_ids").filter(|v| !v.is_empty()),
        &tracking,
        &provider,
        c.now,
    ) {
        // `warning.message` says when the provider matched ambiguously; the sandbox's never do.
        Ok((pkg, lines)) => Reply::ok(
            json!({"order_id": order, "package_id": pkg, "order_line_item_ids": lines, "warning": {"message": ""}}),
        ),
        Err(e) => op(e),
    }
}

fn tracking_body(c: &Call) -> Result<(String, String), Reply> {
    let body = c.json()?;
    match (text(&body, "tracking_number"), text(&body, "shipping_provider_id")) {
        (Some(t), Some(p)) => Ok((t, p)),
        _ => {
            Err(Reply::err(200, 21001001, "Invalid parameters. tracking_number and shipping_provider_id are required."))
        }
    }
}

fn update_package_tracking(w: &mut World, c: &Call) -> Reply {
    let (t, p) = match tracking_body(c) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match ops::update_tracking(w, c.shop_id(), &id(c), &t, &p, c.now) {
        Ok(()) => Reply::empty(),
        Err(e) => op(e),
    }
}

fn update_order_tracking(w: &mut World, c: &Call) -> Reply {
    let (t, p) = match tracking_body(c) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let shipped: Vec<String> = w
        .commerce
        .get(c.shop_id())
        .and_then(|sc| {
            sc.orders.get(&id(c)).map(|o| {
                o.lines
                    .iter()
                    .filter_map(|l| l.package_id.clone())
                    .filter(|p| sc.packages.get(p).is_some_and(|pk| pk.shipped_time.is_some()))
                    .collect()
            })
        })
        .unwrap_or_default();
    let mut uniq = shipped.clone();
    uniq.sort();
    uniq.dedup();
    match uniq.as_slice() {
        [] => Reply::err(200, 21011043, "The package has not been shipped yet."),
        [one] => match ops::update_tracking(w, c.shop_id(), one, &t, &p, c.now) {
            Ok(()) => Reply::empty(),
            Err(e) => op(e),
        },
        _ => Reply::err(
            200,
            21011048,
            "There are multiple packages that can be shipped, please specify the package to update.",
        ),
    }
}

fn handover_slots(w: &mut World, c: &Call) -> Reply {
    let Some(p) = w.commerce.get(c.shop_id()).and_then(|sc| sc.packages.get(&id(c))) else {
        return Reply::err(200, 21011028, "The package does not belong to the current shop.");
    };
    if p.shipping_type != "TIKTOK" {
        return Reply::err(
            200,
            11021009,
            "No available shipping services for this request. The package is shipped by the seller.",
        );
    }
    let slots: Vec<Value> = ops::pickup_slots(c.now)
        .into_iter()
        .map(|(s, e)| json!({"start_time": s, "end_time": e, "avaliable": true}))
        .collect();
    Reply::ok(json!({
        "can_pickup": true, "can_drop_off": true, "can_van_collection": false,
        "drop_off_point_url": "https://www.tiktok.com/shop/dropoff", "pickup_slots": slots,
    }))
}

fn documents(w: &mut World, c: &Call) -> Reply {
    let kind = c.query.get("document_type").cloned().unwrap_or_default();
    const KINDS: [&str; 6] = [
        "SHIPPING_LABEL",
        "PACKING_SLIP",
        "SHIPPING_LABEL_AND_PACKING_SLIP",
        "SHIPPING_LABEL_PICTURE",
        "HAZMAT_LABEL",
        "INVOICE_LABEL",
    ];
    if !KINDS.contains(&kind.as_str()) {
        return Reply::err(
            200,
            21001001,
            "Invalid parameters. document_type is required (SHIPPING_LABEL, PACKING_SLIP, ...).",
        );
    }
    let base = w.base_url.clone();
    let Some(p) = w.commerce.get(c.shop_id()).and_then(|sc| sc.packages.get(&id(c))) else {
        return Reply::err(200, 21011028, "The package does not belong to the current shop.");
    };
    if p.shipping_type != "TIKTOK" {
        return Reply::err(
            200,
            11034002,
            "This API is only applicable to TikTok Shipping orders. For seller shipping, please obtain the shipping \
                label from your carrier.",
        );
    }
    match (&p.label_token, &p.tracking_number) {
        (Some(t), Some(tr)) => {
            Reply::ok(json!({"doc_url": format!("{base}/_sandbox/docs/{t}.pdf"), "tracking_number": tr}))
        }
        _ => Reply::err(200, 21023035, "Please arrange shipment before retrieving the shipping document."),
    }
}

fn tracking(w: &mut World, c: &Call) -> Reply {
    let Some(sc) = w.commerce.get(c.shop_id()).filter(|sc| sc.orders.contains_key(&id(c))) else {
        return Reply::err(200, 21008111, "The order or package does not belong to the current seller.");
    };
    let mut ev: Vec<Value> = sc
        .tracking
        .get(&id(c))
        .map(|v| v.iter().map(|(t, d)| json!({"description": d, "update_time_millis": t})).collect())
        .unwrap_or_default();
    ev.reverse();
    Reply::ok(json!({ "tracking": ev }))
}

/// TTS Tracking Validation: whether a tracking number is one of TikTok Shipping's, and whether
/// TikTok collects that parcel (a pickup); a number TikTok did not issue is neither.
fn tracking_validation(w: &mut World, c: &Call) -> Reply {
    let Some(number) = c.query.get("tracking_number").filter(|t| !t.is_empty()) else {
        return Reply::err(200, 21001001, "Invalid parameters. tracking_number is required.");
    };
    let pkg =
        w.commerce.get(c.shop_id()).and_then(|sc| sc.tracking_numbers.get(number).and_then(|p| sc.packages.get(p)));
    let tiktok = pkg.is_some_and(|p| p.shipping_type == "TIKTOK");
    let collection = tiktok && pkg.is_some_and(|p| p.handover_method == Some("PICKUP"));
    Reply::ok(json!({"is_tiktok_shipping": tiktok, "is_tiktok_collection": collection}))
}

fn split_attributes(w: &mut World, c: &Call) -> Reply {
    let ids: Vec<String> = c
        .query
        .get("order_ids")
        .map(|s| s.split(',').filter(|x| !x.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    if ids.is_empty() || ids.len() > 50 {
        return Reply::err(200, 21001001, "Invalid parameters. order_ids must hold between 1 and 50 ids.");
    }
    let Some(sc) = w.commerce.get(c.shop_id()) else {
        return Reply::ok(json!({"split_attributes": []}));
    };
    let list: Vec<Value> = ids
        .iter()
        .filter(|id| sc.orders.contains_key(*id))
        .map(|id| match ops::splittable(sc, id) {
            Ok(_) => json!({
                "order_id": id, "can_split": true, "must_split": false, "must_split_reasons": [], "reason": "",
            }),
            Err(why) => json!({
                "order_id": id, "can_split": false, "must_split": false, "must_split_reasons": [], "reason": why,
            }),
        })
        .collect();
    Reply::ok(json!({ "split_attributes": list }))
}

fn split(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let groups: Vec<(String, Vec<String>)> = body
        .get("splittable_groups")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|g| (text(g, "id").unwrap_or_default(), strings(g, "order_line_item_ids").unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    match ops::split(w, c.shop_id(), &id(c), groups, "ROLE_SELLER", c.now) {
        Ok(pk) => Reply::ok(
            json!({"packages": pk.iter().map(|(g, p)| json!({"id": p, "splittable_group_id": g})).collect::<Vec<_>>()}),
        ),
        Err(e) => op(e),
    }
}

fn combinable(w: &mut World, c: &Call) -> Reply {
    let size = match page_size(c, 50, None) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let start: usize = match cursor(c) {
        Ok(Some((n, _))) => n.max(0) as usize,
        Ok(None) => 0,
        Err(r) => return r,
    };
    let groups = w.commerce.get(c.shop_id()).map(ops::combinable).unwrap_or_default();
    let total = groups.len();
    let page: Vec<Value> =
        groups.iter().skip(start).take(size).map(|(id, o)| json!({"id": id, "order_ids": o})).collect();
    let next = if start + size < total { token((start + size) as i64, "combinable") } else { String::new() };
    Reply::ok(json!({"combinable_packages": page, "next_page_token": next, "total_count": total}))
}

fn combine(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let wanted: Vec<(String, Option<Vec<String>>)> = body
        .get("combinable_packages")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|g| (text(g, "id").unwrap_or_default(), strings(g, "order_ids").filter(|v| !v.is_empty())))
                .collect()
        })
        .unwrap_or_default();
    if wanted.is_empty() {
        return Reply::err(200, 21001001, "Invalid parameters. combinable_packages is required.");
    }
    match ops::combine(w, c.shop_id(), wanted, "ROLE_SELLER", c.now) {
        Ok((done, errors)) => Reply::ok(json!({
            "packages": done.iter().map(|(id, o)| json!({"id": id, "order_ids": o})).collect::<Vec<_>>(),
            "errors": errors
                .iter()
                .map(|(code, m, p)| json!({"code": code, "message": m, "detail": {"package_id": p}}))
                .collect::<Vec<_>>(),
        })),
        Err(e) => op(e),
    }
}

fn uncombine(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    match ops::uncombine(w, c.shop_id(), &id(c), strings(&body, "order_ids").filter(|v| !v.is_empty()), c.now) {
        Ok(pk) => Reply::ok(
            json!({"packages": pk.iter().map(|(id, o)| json!({"id": id, "order_ids": o})).collect::<Vec<_>>()}),
        ),
        Err(e) => op(e),
    }
}
