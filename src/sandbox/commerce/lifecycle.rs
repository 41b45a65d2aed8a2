//! The order lifecycle on the sandbox clock: payment, the one-hour remorse window (ON_HOLD),
//! collection, delivery, completion, buyer cancellation requests and their deadline, and the
//! splits, combines and address changes sellers and buyers make outside the API.

use super::ops::{self, recompute, set_status};
use super::{Ev, HOLD_SECS, cancel_ops, generator};
use crate::sandbox::world::World;
use rand::RngExt;
use serde_json::json;

/// A paid order enters AWAITING_SHIPMENT: TikTok-shipped orders get their package at once.
pub fn ready_to_ship(w: &mut World, shop: &str, order: &str, now: i64) {
    let Some(o) = w.commerce.get(shop).and_then(|c| c.orders.get(order)) else {
        return;
    };
    if o.shipping_type == "TIKTOK" && o.lines.iter().all(|l| l.package_id.is_none()) {
        let lines: Vec<String> = o.live_lines().map(|l| l.id.clone()).collect();
        let _ = ops::repackage(w, shop, vec![order.into()], lines, "DEFAULT", now);
    }
}

/// Ship a history order the way its seller would have.
pub fn ship_for_history(w: &mut World, shop: &str, order: &str, at: i64) {
    let Some(c) = w.commerce.get(shop) else {
        return;
    };
    let Some(o) = c.orders.get(order) else { return };
    if o.shipping_type == "TIKTOK" {
        let pkg = o.lines.iter().find_map(|l| l.package_id.clone());
        if let Some(p) = pkg {
            let _ = ops::ship_package(w, shop, &p, Some("DROP_OFF"), None, None, at);
        }
    } else {
        let provider = c
            .delivery_options
            .iter()
            .flat_map(|d| d.providers.iter())
            .next()
            .map(|(id, _)| id.clone())
            .unwrap_or_default();
        let tracking = format!("9400{}", w.digits('1', 18));
        let _ = ops::mark_shipped(w, shop, order, None, &tracking, &provider, at);
    }
}

fn handle(w: &mut World, ev: Ev, t: i64) {
    match ev {
        Ev::Pay { shop, order } => {
            let hold = w.rng.random_bool(w.mix.on_hold.min(1.0));
            if let Some(o) = w.commerce.get_mut(&shop).and_then(|c| c.orders.get_mut(&order)) {
                if o.status != "UNPAID" {
                    return;
                }
                o.paid_time = Some(t);
                o.is_on_hold_order = hold;
                o.rts_sla_time = t + 2 * 86_400;
                o.tts_sla_time = t + 3 * 86_400;
                o.collection_due_time = t + 3 * 86_400;
                o.delivery_due_time = t + 8 * 86_400;
            }
            if hold {
                set_status(w, &shop, &order, "ON_HOLD", t);
                w.schedule.at(t + HOLD_SECS, Ev::ReleaseHold { shop, order });
            } else {
                set_status(w, &shop, &order, "AWAITING_SHIPMENT", t);
                ready_to_ship(w, &shop, &order, t);
            }
        }
        Ev::ReleaseHold { shop, order } => {
            if w.commerce.get(&shop).and_then(|c| c.orders.get(&order)).is_some_and(|o| o.status == "ON_HOLD") {
                set_status(w, &shop, &order, "AWAITING_SHIPMENT", t);
                ready_to_ship(w, &shop, &order, t);
            }
        }
        Ev::Collect { shop, package } => {
            let orders = {
                let Some(c) = w.commerce.get_mut(&shop) else {
                    return;
                };
                let Some(p) = c.packages.get_mut(&package) else {
                    return;
                };
                if p.status != "PROCESSING" {
                    return;
                }
                p.status = "FULFILLING";
                p.update_time = t;
                let orders = p.order_ids.clone();
                for oid in &orders {
                    if let Some(o) = c.orders.get_mut(oid) {
                        o.collection_time = Some(t);
                    }
                    c.tracking
                        .entry(oid.clone())
                        .or_default()
                        .push((t * 1000, "Package picked up by the carrier".into()));
                }
                orders
            };
            for oid in orders {
                recompute(w, &shop, &oid, t);
            }
        }
        Ev::Deliver { shop, order } => {
            {
                let Some(c) = w.commerce.get_mut(&shop) else {
                    return;
                };
                let Some(o) = c.orders.get(&order) else {
                    return;
                };
                if o.status != "IN_TRANSIT" {
                    return;
                }
                let pkgs: Vec<String> = o.lines.iter().filter_map(|l| l.package_id.clone()).collect();
                for p in pkgs {
                    if let Some(pk) = c.packages.get_mut(&p)
                        && pk.shipped_time.is_some()
                    {
                        pk.status = "COMPLETED";
                        pk.update_time = t;
                    }
                }
                if let Some(o) = c.orders.get_mut(&order) {
                    o.delivery_time = Some(t);
                }
                c.tracking.entry(order.clone()).or_default().push((t * 1000, "Your package was delivered!".into()));
            }
            set_status(w, &shop, &order, "DELIVERED", t);
            crate::sandbox::returns::lifecycle::maybe_after_sales(w, &shop, &order, t);
            w.schedule.at(t + 7 * 86_400, Ev::Complete { shop, order });
        }
        Ev::Complete { shop, order } => {
            if w.commerce.get(&shop).and_then(|c| c.orders.get(&order)).is_some_and(|o| o.status == "DELIVERED") {
                set_status(w, &shop, &order, "COMPLETED", t);
            }
        }
        Ev::BuyerCancelRequest { shop, order } => {
            cancel_ops::buyer_request(w, &shop, &order, t);
        }
        Ev::CancelDeadline { shop, cancel } => {
            let _ = cancel_ops::approve(w, &shop, &cancel, None, "SYSTEM", t);
        }
        Ev::SellerCenterSplit { shop, order } => {
            let Some(lines) = w.commerce.get(&shop).and_then(|c| ops::splittable(c, &order).ok()) else {
                return;
            };
            let (first, rest) = lines.split_at(1);
            let _ = ops::split(
                w,
                &shop,
                &order,
                vec![("1".into(), first.to_vec()), ("2".into(), rest.to_vec())],
                "ROLE_SELLER",
                t,
            );
        }
        Ev::SellerCenterCombine { shop, orders } => {
            let group = w.commerce.get(&shop).and_then(|c| {
                ops::combinable(c).into_iter().find(|(_, members)| orders.iter().all(|o| members.contains(o)))
            });
            if let Some((pre, _)) = group {
                let _ = ops::combine(w, &shop, vec![(pre, Some(orders))], "ROLE_SELLER", t);
            }
        }
        Ev::AddressUpdate { shop, order } => {
            let Some(c) = w.commerce.get_mut(&shop) else {
                return;
            };
            let Some(o) = c.orders.get_mut(&order) else {
                return;
            };
            if !o.is_open() {
                return;
            }
            o.address.line2 = "Apt 4B".into();
            o.has_updated_recipient_address = true;
            c.touch(&order, t);
            let update_time = c.orders.get(&order).map(|o| o.update_time).unwrap_or(t);
            w.emit(3, &shop, json!({"order_id": order, "update_time": update_time}));
        }
        Ev::ProductAudit { shop, product } => crate::sandbox::catalog::audit::conclude(w, &shop, &product, t),
    }
}

/// Process every event due by `now`, each at its own time, in order.
pub fn run_due(w: &mut World, now: i64) {
    // Events can schedule further events that are already due: loop until none are.
    for _ in 0..64 {
        let due = w.schedule.due_timed(now);
        if due.is_empty() {
            return;
        }
        for (t, ev) in due {
            handle(w, ev, t);
        }
    }
}

/// One step of the world: generate new orders at the configured rate, then run due events.
pub fn tick(w: &mut World, now: i64) {
    let rate = w.mix.orders_per_minute;
    if rate > 0.0 {
        let step = ((60.0 / rate) as i64).max(1);
        if w.next_generate == 0 || now - w.next_generate > 86_400 {
            // First tick, or the clock jumped a long way: do not make a day of orders at once.
            w.next_generate = now;
        }
        let shops: Vec<String> = w.commerce.keys().cloned().collect();
        while w.next_generate <= now {
            let t = w.next_generate;
            for s in &shops {
                if w.shop_authorized(s, t) {
                    generator::generate(w, s, t);
                }
            }
            w.next_generate += step;
        }
    }
    run_due(w, now);
}
