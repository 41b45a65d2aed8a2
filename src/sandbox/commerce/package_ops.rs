//! Seller Center-like package operations of the sandbox: split an order into packages, find
//! and combine combinable orders, uncombine a package (Fulfillment API semantics; see `ops`).

use super::model::{SbPackage, ShopCommerce};
use super::ops::*;
use crate::sandbox::world::World;
use serde_json::json;

/// The unshipped lines of an AWAITING_SHIPMENT order that is not combined, or why it cannot split.
pub fn splittable(c: &ShopCommerce, order_id: &str) -> Result<Vec<String>, &'static str> {
    let o = c.orders.get(order_id).ok_or("Order not found")?;
    match o.status {
        "CANCELLED" => return Err("Order has been canceled"),
        "AWAITING_SHIPMENT" => {}
        _ => return Err("Order is not awaiting shipment"),
    }
    if o.live_lines().any(|l| c.package_of(l).is_some_and(|p| p.tag == "COMBINE")) {
        return Err("Order has been combined");
    }
    let lines: Vec<String> = o.live_lines().filter(|l| !c.line_shipped(l)).map(|l| l.id.clone()).collect();
    if lines.len() < 2 {
        return Err("Order has only one item");
    }
    Ok(lines)
}

/// Split Orders: caller-chosen groups of lines become packages.
pub fn split(
    w: &mut World,
    shop: &str,
    order_id: &str,
    groups: Vec<(String, Vec<String>)>,
    role: &str,
    now: i64,
) -> OpResult<Vec<(String, String)>> {
    let c = shop_mut(w, shop)?;
    let lines = match splittable(c, order_id) {
        Ok(l) => l,
        Err("Order not found") => return Err(not_this_seller()),
        Err(_) => return Err(err(21011035, "split order not allowed")),
    };
    let mut seen: Vec<&String> = groups.iter().flat_map(|(_, ids)| ids.iter()).collect();
    let n = seen.len();
    seen.sort();
    seen.dedup();
    if groups.len() < 2
        || groups.iter().any(|(_, ids)| ids.is_empty())
        || seen.len() != n
        || n != lines.len()
        || seen.iter().any(|id| !lines.contains(id))
    {
        return Err(err(
            21011005,
            "Invalid parameters. Please ensure you are passing the correct request parameter(s): every unshipped line \
                in exactly one group, at least two groups.",
        ));
    }
    let mut out = Vec::new();
    for (gid, ids) in groups {
        let pkg = repackage(w, shop, vec![order_id.into()], ids, "SPLIT", now)?;
        out.push((gid, pkg));
    }
    touch_orders(w, shop, &[order_id.to_string()], now);
    let list: Vec<_> = out.iter().map(|(_, p)| json!({"package_id": p, "order_id_list": [order_id]})).collect();
    w.emit(4, shop, json!({"sc_type": "SPLIT", "role_type": role, "package_list": list, "update_time": now}));
    Ok(out)
}

/// Groups of orders that could ship as one package: same buyer, address, warehouse and
/// delivery option, all awaiting shipment and not split or combined. The pre-generated package
/// id is derived from the orders so it stays the same between calls.
pub fn combinable(c: &ShopCommerce) -> Vec<(String, Vec<String>)> {
    let mut groups: std::collections::BTreeMap<(String, String, String, String), Vec<String>> = Default::default();
    for o in c.orders.values().filter(|o| o.status == "AWAITING_SHIPMENT" && !o.is_buyer_request_cancel) {
        let pkgs: Vec<&SbPackage> = o.live_lines().filter_map(|l| c.package_of(l)).collect();
        if pkgs.iter().any(|p| p.tag != "DEFAULT" || p.shipped_time.is_some()) {
            continue;
        }
        groups
            .entry((o.user_id.clone(), o.address.full(), o.warehouse_id.clone(), o.delivery_option_id.clone()))
            .or_default()
            .push(o.id.clone());
    }
    groups
        .into_values()
        .filter(|v| v.len() >= 2)
        .map(|v| {
            let mut h: u64 = 1469598103934665603;
            for b in v.iter().flat_map(|s| s.bytes()) {
                h = (h ^ u64::from(b)).wrapping_mul(1099511628211);
            }
            (format!("11{:017}", h % 100_000_000_000_000_000), v)
        })
        .collect()
}

/// Packages made (id, orders) and per-group errors (code, message, pre-package id).
pub type Combined = (Vec<(String, Vec<String>)>, Vec<(i64, String, String)>);

/// Combine Package: each group's orders become one package (the pre-generated id).
pub fn combine(
    w: &mut World,
    shop: &str,
    wanted: Vec<(String, Option<Vec<String>>)>,
    role: &str,
    now: i64,
) -> OpResult<Combined> {
    let c = shop_mut(w, shop)?;
    let groups = combinable(c);
    let mut done = Vec::new();
    let mut errors = Vec::new();
    for (pre_id, orders) in wanted {
        let Some((_, members)) = groups.iter().find(|(id, _)| *id == pre_id) else {
            errors.push((
                21011031,
                "Order does not belong to pre_pkg. Please ensure you are providing the correct order ID(s)."
                    .to_string(),
                pre_id,
            ));
            continue;
        };
        let orders = orders.unwrap_or_else(|| members.clone());
        if orders.len() < 2 || orders.iter().any(|o| !members.contains(o)) {
            errors.push((
                21011031,
                "Order does not belong to pre_pkg. Please ensure you are providing the correct order ID(s)."
                    .to_string(),
                pre_id,
            ));
            continue;
        }
        let c = shop_mut(w, shop)?;
        let lines: Vec<String> = orders
            .iter()
            .filter_map(|o| c.orders.get(o))
            .flat_map(|o| o.live_lines().map(|l| l.id.clone()).collect::<Vec<_>>())
            .collect();
        let pkg = repackage(w, shop, orders.clone(), lines, "COMBINE", now)?;
        touch_orders(w, shop, &orders, now);
        let package_list = json!([{"package_id": pkg, "order_id_list": orders}]);
        let data = json!({"sc_type": "COMBINE", "role_type": role, "package_list": package_list, "update_time": now});
        w.emit(4, shop, data);
        done.push((pkg, orders));
    }
    Ok((done, errors))
}

/// Uncombine Packages: take orders out of a combined, unshipped package.
pub fn uncombine(
    w: &mut World,
    shop: &str,
    pkg_id: &str,
    orders: Option<Vec<String>>,
    now: i64,
) -> OpResult<Vec<(String, Vec<String>)>> {
    let c = shop_mut(w, shop)?;
    let p = c.packages.get(pkg_id).filter(|p| p.tag == "COMBINE" && p.shipped_time.is_none()).cloned();
    let Some(p) = p else {
        return Err(err(
            21011028,
            "The package does not belong to the current shop. Please ensure you are providing the correct package ID.",
        ));
    };
    let out_orders = orders.unwrap_or_else(|| p.order_ids.clone());
    if out_orders.iter().any(|o| !p.order_ids.contains(o)) {
        return Err(err(21011029, "order does not belong to fulfill unit"));
    }
    let remaining: Vec<String> = p.order_ids.iter().filter(|o| !out_orders.contains(o)).cloned().collect();
    let separate: Vec<String> = if remaining.len() < 2 { p.order_ids.clone() } else { out_orders };
    let mut result = Vec::new();
    for oid in &separate {
        let c = shop_mut(w, shop)?;
        let lines: Vec<String> =
            c.orders.get(oid).map(|o| o.live_lines().map(|l| l.id.clone()).collect()).unwrap_or_default();
        let pkg = repackage(w, shop, vec![oid.clone()], lines, "DEFAULT", now)?;
        result.push((pkg, vec![oid.clone()]));
    }
    if remaining.len() >= 2
        && let Some(pk) = shop_mut(w, shop)?.packages.get_mut(pkg_id)
    {
        pk.order_ids = remaining.clone();
        result.push((pkg_id.to_string(), remaining));
    }
    touch_orders(w, shop, &p.order_ids, now);
    let list: Vec<_> = result.iter().map(|(id, o)| json!({"package_id": id, "order_id_list": o})).collect();
    w.emit(
        4,
        shop,
        json!({"sc_type": "CANCEL_COMBINE", "role_type": "ROLE_SELLER", "package_list": list, "update_time": now}),
    );
    Ok(result)
}
