//! Order family: Get Order List (search with every filter, both sorts and page tokens), Get
//! Order Detail (202309 and 202507, up to 50 ids) and Get Price Detail (202407).

use super::paging::{cursor, page_size, token};
use crate::sandbox::commerce::json;
use crate::sandbox::commerce::model::{SbOrder, ShopCommerce};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::{Value, json};

pub fn routes() -> Vec<Route> {
    vec![
        Route {
            method: Method::POST,
            pattern: "/order/202309/orders/search",
            cipher: CipherRule::Required,
            handler: search,
        },
        Route { method: Method::GET, pattern: "/order/202309/orders", cipher: CipherRule::Required, handler: detail },
        Route { method: Method::GET, pattern: "/order/202507/orders", cipher: CipherRule::Required, handler: detail },
        Route {
            method: Method::GET,
            pattern: "/order/202407/orders/{order_id}/price_detail",
            cipher: CipherRule::Required,
            handler: price_detail,
        },
    ]
}

struct Filter {
    status: Option<String>,
    create_ge: Option<i64>,
    create_lt: Option<i64>,
    update_ge: Option<i64>,
    update_lt: Option<i64>,
    shipping_type: Option<String>,
    buyer: Option<String>,
    cancel_requested: Option<bool>,
    warehouses: Option<Vec<String>>,
}

impl Filter {
    fn parse(body: &Value) -> Result<Filter, Reply> {
        let int = |k: &str| body.get(k).and_then(|v| v.as_i64());
        let text = |k: &str| body.get(k).and_then(|v| v.as_str()).map(String::from);
        let status = text("order_status");
        const STATUSES: [&str; 9] = [
            "UNPAID",
            "ON_HOLD",
            "AWAITING_SHIPMENT",
            "PARTIALLY_SHIPPING",
            "AWAITING_COLLECTION",
            "IN_TRANSIT",
            "DELIVERED",
            "COMPLETED",
            "CANCELLED",
        ];
        if let Some(s) = &status
            && !STATUSES.contains(&s.as_str())
        {
            return Err(Reply::err(200, 21001001, format!("Invalid parameters. Unknown order_status {s:?}.")));
        }
        let warehouses = body
            .get("warehouse_ids")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect::<Vec<_>>());
        if warehouses.as_ref().is_some_and(|w| w.len() > 100) {
            return Err(Reply::err(200, 21001001, "Invalid parameters. At most 100 warehouse_ids."));
        }
        Ok(Filter {
            status,
            create_ge: int("create_time_ge"),
            create_lt: int("create_time_lt"),
            update_ge: int("update_time_ge"),
            update_lt: int("update_time_lt"),
            shipping_type: text("shipping_type"),
            buyer: text("buyer_user_id"),
            cancel_requested: body.get("is_buyer_request_cancel").and_then(|v| v.as_bool()),
            warehouses,
        })
    }

    fn matches(&self, o: &SbOrder) -> bool {
        self.status.as_ref().is_none_or(|s| o.status == s)
            && self.create_ge.is_none_or(|t| o.create_time >= t)
            && self.create_lt.is_none_or(|t| o.create_time < t)
            && self.update_ge.is_none_or(|t| o.update_time >= t)
            && self.update_lt.is_none_or(|t| o.update_time < t)
            && self.shipping_type.as_ref().is_none_or(|s| o.shipping_type == s)
            && self.buyer.as_ref().is_none_or(|b| &o.user_id == b)
            && self.cancel_requested.is_none_or(|c| o.is_buyer_request_cancel == c)
            && self.warehouses.as_ref().is_none_or(|w| w.contains(&o.warehouse_id))
    }
}

fn commerce<'a>(w: &'a World, c: &Call) -> Option<&'a ShopCommerce> {
    w.commerce.get(c.shop_id())
}

fn search(w: &mut World, c: &Call) -> Reply {
    let size = match page_size(c, 100, None) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let by_update = match c.query.get("sort_field").map(String::as_str) {
        None | Some("create_time") => false,
        Some("update_time") => true,
        Some(other) => {
            return Reply::err(
                200,
                21001001,
                format!("Invalid parameters. sort_field {other:?} is not create_time or update_time."),
            );
        }
    };
    let asc = match c.query.get("sort_order").map(String::as_str) {
        None | Some("DESC") => false,
        Some("ASC") => true,
        Some(other) => {
            return Reply::err(200, 21001001, format!("Invalid parameters. sort_order {other:?} is not ASC or DESC."));
        }
    };
    let after = match cursor(c) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let f = match Filter::parse(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let Some(sc) = commerce(w, c) else {
        return Reply::ok(json!({"orders": [], "total_count": 0}));
    };
    let index = if by_update { &sc.by_update } else { &sc.by_create };
    let (lo, hi) = if by_update { (f.update_ge, f.update_lt) } else { (f.create_ge, f.create_lt) };
    let lower = (lo.unwrap_or(i64::MIN), String::new());
    let upper = (hi.unwrap_or(i64::MAX), String::new());
    let range = index.range(lower..upper);
    let iter: Box<dyn Iterator<Item = &(i64, String)>> = if asc { Box::new(range) } else { Box::new(range.rev()) };
    let mut page = Vec::with_capacity(size + 1);
    for key in iter {
        if let Some((v, id)) = &after {
            let past = if asc { (key.0, &key.1) > (*v, id) } else { (key.0, &key.1) < (*v, id) };
            if !past {
                continue;
            }
        }
        if let Some(o) = sc.orders.get(&key.1)
            && f.matches(o)
        {
            page.push((key.0, o));
            if page.len() > size {
                break;
            }
        }
    }
    let more = page.len() > size;
    page.truncate(size);
    let total = sc.orders.values().filter(|o| f.matches(o)).count();
    let next = if more { page.last().map(|(v, o)| token(*v, &o.id)).unwrap_or_default() } else { String::new() };
    let orders: Vec<Value> = page.iter().map(|(_, o)| json::order(sc, o, json::OrderPage::List)).collect();
    Reply::ok(json!({"orders": orders, "next_page_token": next, "total_count": total}))
}

fn detail(w: &mut World, c: &Call) -> Reply {
    let ids: Vec<&str> =
        c.query.get("ids").map(|s| s.split(',').filter(|x| !x.is_empty()).collect()).unwrap_or_default();
    if ids.is_empty() || ids.len() > 50 {
        return Reply::err(200, 21001001, "Invalid parameters. ids must hold between 1 and 50 order ids.");
    }
    let Some(sc) = commerce(w, c) else {
        return Reply::ok(json!({"orders": []}));
    };
    let orders: Vec<Value> =
        ids.iter().filter_map(|id| sc.orders.get(*id)).map(|o| json::order(sc, o, json::OrderPage::Detail)).collect();
    Reply::ok(json!({ "orders": orders }))
}

fn price_detail(w: &mut World, c: &Call) -> Reply {
    let id = c.path_params.first().cloned().unwrap_or_default();
    match commerce(w, c).and_then(|sc| sc.orders.get(&id)) {
        Some(o) => Reply::ok(crate::sandbox::commerce::money_json::price_detail(o)),
        None => Reply::err(200, 21008111, "The order or package does not belong to the current seller."),
    }
}
