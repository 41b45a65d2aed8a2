//! Demo returns: every shop has one in each state support and the warehouse meet: refund-only
//! waiting on the seller, return-and-refund on its way back, a package just received, a
//! replacement request, one in arbitration, one whose deadline passes within the hour, a partial
//! refund the buyer is considering and a completed refund. All carry buyer photos.

use super::REv;
use super::lifecycle::{Ask, open, run_due};
use super::ops::{self, Approval, change};
use crate::sandbox::world::World;

/// Delivered or completed orders of a shop with no return yet, oldest first.
pub fn returnable(w: &World, shop: &str) -> Vec<String> {
    let Some(c) = w.commerce.get(shop) else { return vec![] };
    let mut v: Vec<(i64, String)> = c
        .orders
        .values()
        .filter(|o| matches!(o.status, "DELIVERED" | "COMPLETED") && !o.is_replacement_order)
        .filter(|o| w.returns.of_order(shop, &o.id).next().is_none())
        .map(|o| (o.create_time, o.id.clone()))
        .collect();
    v.sort();
    v.into_iter().map(|x| x.1).collect()
}

fn approve(w: &mut World, shop: &str, id: &str, decision: &str, t: i64) {
    let a = Approval { decision: decision.into(), ..Default::default() };
    let _ = ops::approve(w, shop, id, None, &a, t);
}

/// Seed one shop's returns at sandbox time `now`.
pub fn shop(w: &mut World, shop: &str, now: i64) {
    let mut orders = returnable(w, shop).into_iter();
    let mut next = || orders.next();
    let h = 3600;
    // Refund only, waiting on the seller (deadline in about 40 hours).
    if let Some(o) = next() {
        open(w, shop, &o, Ask::Refund, now - 8 * h, None);
    }
    // Whose deadline passes within the hour.
    if let Some(o) = next() {
        open(w, shop, &o, Ask::Refund, now - 47 * h - 20 * 60, None);
    }
    // Return and refund waiting on the seller.
    if let Some(o) = next() {
        open(w, shop, &o, Ask::ReturnAndRefund, now - 5 * h, None);
    }
    // On its way back: approved, the buyer shipped it.
    if let Some(o) = next()
        && let Some(id) = open(w, shop, &o, Ask::ReturnAndRefund, now - 3 * 86_400, None)
    {
        approve(w, shop, &id, "APPROVE_RETURN", now - 3 * 86_400 + 2 * h);
        run_due(w, now - 12 * h);
        if w.returns.get(shop, &id).is_some_and(|r| r.status == "AWAITING_BUYER_SHIP") {
            w.returns.at(now - 12 * h, REv::BuyerShips { shop: shop.into(), ret: id.clone() });
            run_due(w, now - 12 * h);
        }
    }
    // A package just received, waiting for the warehouse.
    if let Some(o) = next()
        && let Some(id) = open(w, shop, &o, Ask::ReturnAndRefund, now - 6 * 86_400, None)
    {
        approve(w, shop, &id, "APPROVE_RETURN", now - 6 * 86_400 + h);
        run_due(w, now - 30 * 60);
        let arrived = w.returns.get(shop, &id).is_some_and(|r| r.received_time.is_some());
        if !arrived {
            w.returns.at(now - 4 * 86_400, REv::BuyerShips { shop: shop.into(), ret: id.clone() });
            w.returns.at(now - 30 * 60, REv::PackageArrives { shop: shop.into(), ret: id.clone() });
            run_due(w, now - 30 * 60);
        }
    }
    // A replacement request.
    if let Some(o) = next() {
        open(w, shop, &o, Ask::Replacement, now - 10 * h, None);
    }
    // In arbitration: rejected, then the buyer appealed.
    if let Some(o) = next()
        && let Some(id) = open(w, shop, &o, Ask::Refund, now - 4 * 86_400, None)
    {
        let reason = ops::REJECT_REQUEST_REASONS[1].0;
        let _ = ops::reject(w, shop, &id, None, "REJECT_REFUND", reason, "Item works as shown.", &[], now - 3 * 86_400);
        change(w, shop, &id, "BUYER", now - 2 * 86_400, Some("Buyer appealed: TikTok is reviewing the case"), |r| {
            r.arbitration = Some("IN_PROGRESS");
        });
        w.returns.at(now + 2 * 86_400, REv::Arbitrate { shop: shop.into(), ret: id, buyer_wins: true });
    }
    // A partial refund the buyer is considering.
    if let Some(o) = next()
        && let Some(id) = open(w, shop, &o, Ask::Refund, now - 20 * h, None)
    {
        let total = w.returns.get(shop, &id).map(|r| ops::refund_total(w, r)).unwrap_or_default();
        let currency = w.returns.get(shop, &id).map(|r| r.currency).unwrap_or("USD");
        let half = (total / rust_decimal::Decimal::from(2)).round_dp(2);
        let a = Approval {
            decision: "OFFER_PARTIAL_REFUND".into(),
            partial: Some((half, currency.into())),
            ..Default::default()
        };
        // The buyer answers within the hour.
        let _ = ops::approve(w, shop, &id, None, &a, now - 10 * 60);
    }
    // A completed refund.
    if let Some(o) = next()
        && let Some(id) = open(w, shop, &o, Ask::Refund, now - 5 * 86_400, None)
    {
        approve(w, shop, &id, "APPROVE_REFUND", now - 5 * 86_400 + 3 * h);
        run_due(w, now - 4 * 86_400);
    }
    run_due(w, now - 60);
    w.outgoing.clear();
}
