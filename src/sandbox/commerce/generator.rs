//! The order generator: realistic orders in the configured mix (multi-line, several units,
//! seller- and TikTok-shipped, sample, COD, replacement), and a backdated history for the demo.

use super::model::{SbAddress, SbLine, SbOrder};
use super::seed::{gb_address, us_address};
use super::{Ev, HOLD_SECS};
use crate::sandbox::world::World;
use rand::RngExt;
use rust_decimal::Decimal;

const US_BUYERS: [(&str, &str, &str, &str, &str); 6] = [
    ("Avery Johnson", "742 Evergreen Terrace", "Springfield", "IL", "62704"),
    ("Jordan Lee", "1600 Amphitheatre Pkwy", "Mountain View", "CA", "94043"),
    ("Sam Rivera", "350 5th Ave", "New York", "NY", "10118"),
    ("Taylor Brooks", "233 S Wacker Dr", "Chicago", "IL", "60606"),
    ("Morgan Chen", "1 Ferry Building", "San Francisco", "CA", "94111"),
    ("Riley Patel", "1701 Wynkoop St", "Denver", "CO", "80202"),
];
const GB_BUYERS: [(&str, &str, &str, &str, &str); 5] = [
    ("Oliver Smith", "10 Downing St", "London", "Greater London", "SW1A 2AA"),
    ("Amelia Jones", "221B Baker St", "London", "Greater London", "NW1 6XE"),
    ("Harry Taylor", "1 Deansgate", "Manchester", "Greater Manchester", "M3 1AZ"),
    ("Isla Brown", "50 Princes St", "Edinburgh", "City of Edinburgh", "EH2 2BY"),
    ("George Wilson", "5 Broad St", "Bristol", "Bristol", "BS1 2EJ"),
];
/// Colorado's retail delivery fee, charged once per order delivered by motor vehicle with at
/// least one taxable item: $0.28 from July 2025 (tax.colorado.gov/retail-delivery-fee-rates).
const COLORADO_RDF_CENTS: i64 = 28;

const NICKS: [&str; 8] =
    ["skyline_sam", "glowup.daily", "trailrunner88", "cozy.corner", "mintleaf", "nightowl_22", "sunnydays", "pixelfox"];

fn d(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn chance(w: &mut World, p: f64) -> bool {
    p > 0.0 && w.rng.random_bool(p.min(1.0))
}

/// Make one order for `shop` created at `now` (paid or not, per the mix) and schedule its next
/// steps. Returns the order id.
pub fn new_order(w: &mut World, shop: &str, now: i64, buyer: Option<(String, String, SbAddress)>) -> Option<String> {
    let mix = w.mix.clone();
    let c = w.commerce.get(shop)?;
    let gb = c.region == "GB";
    let currency = c.currency;
    let products = c.products.clone();
    let options = c.delivery_options.clone();
    let warehouse = c.warehouses.iter().find(|x| x.is_default).map(|x| x.id.clone()).unwrap_or_default();
    let replaced = c.orders.keys().next_back().cloned();
    if products.is_empty() {
        return None;
    }
    let (user_id, nickname, address) = match buyer {
        Some(b) => b,
        None => {
            let user = w.digits('7', 19);
            let nick = NICKS[w.rng_index(NICKS.len())].to_string();
            let a = if gb {
                let (n, l, city, county, pc) = GB_BUYERS[w.rng_index(GB_BUYERS.len())];
                gb_address(n, l, city, county, pc)
            } else {
                let (n, l, city, st, zip) = US_BUYERS[w.rng_index(US_BUYERS.len())];
                us_address(n, l, city, st, zip)
            };
            (user, nick, a)
        }
    };
    let tiktok = chance(w, mix.tiktok_shipping);
    let option = options.iter().find(|o| (o.kind == "SEND_BY_SELLER") != tiktok).or(options.first())?.clone();
    let sample = chance(w, mix.sample);
    let n_skus = if chance(w, mix.multi_line) { w.rng.random_range(2..4usize) } else { 1 };
    let tax_rate = if gb { Decimal::ZERO } else { Decimal::new(825, 4) };
    let mut lines = Vec::new();
    for _ in 0..n_skus {
        let p = &products[w.rng_index(products.len())];
        let (sku_id, sku_name, seller_sku, price) = p.skus[w.rng_index(p.skus.len())].clone();
        let units = if chance(w, mix.multi_unit) { w.rng.random_range(2..4usize) } else { 1 };
        let discount = if !sample && w.rng.random_bool(0.25) { d(100) } else { Decimal::ZERO };
        for _ in 0..units {
            let sale = if sample { Decimal::ZERO } else { price - discount };
            let tax = (sale * tax_rate).round_dp(2);
            lines.push(SbLine {
                id: w.digits('5', 18),
                sku_id: sku_id.clone(),
                product_id: p.product_id.clone(),
                product_name: p.name.clone(),
                sku_name: sku_name.clone(),
                seller_sku: seller_sku.clone(),
                original_price: price,
                sale_price: sale,
                seller_discount: if sample { price } else { discount },
                platform_discount: Decimal::ZERO,
                tax_rate,
                tax_amount: tax,
                package_id: None,
                cancelled: None,
                is_gift: false,
            });
        }
    }
    let unpaid = chance(w, mix.unpaid);
    let on_hold = !unpaid && chance(w, mix.on_hold);
    let cod = chance(w, mix.cod);
    let replacement = chance(w, mix.replacement) && replaced.is_some();
    let id = format!("576{}", w.digits('4', 15));
    let paid = if unpaid { None } else { Some(now) };
    let base = paid.unwrap_or(now);
    let o = SbOrder {
        id: id.clone(),
        shop_id: shop.into(),
        status: if unpaid {
            "UNPAID"
        } else if on_hold {
            "ON_HOLD"
        } else {
            "AWAITING_SHIPMENT"
        },
        create_time: now,
        update_time: now,
        paid_time: paid,
        user_id,
        buyer_nickname: nickname,
        buyer_message: if w.rng.random_bool(0.2) { "Please ship asap!".into() } else { String::new() },
        seller_note: String::new(),
        shipping_type: if tiktok { "TIKTOK" } else { "SELLER" },
        delivery_option_id: option.id.clone(),
        delivery_option_name: option.name.clone(),
        warehouse_id: warehouse,
        currency,
        shipping_fee: if sample { Decimal::ZERO } else { d(499) },
        // A sample ships free: there is no fee to discount.
        shipping_fee_discount: if !sample && w.rng.random_bool(0.3) { d(499) } else { Decimal::ZERO },
        is_cod: cod,
        is_sample_order: sample,
        is_on_hold_order: on_hold,
        is_replacement_order: replacement,
        replaced_order_id: if replacement { replaced } else { None },
        is_buyer_request_cancel: false,
        request_cancel_time: None,
        cancel_order_sla_time: None,
        cancel_reason: None,
        cancel_time: None,
        cancellation_initiator: None,
        rts_sla_time: base + 2 * 86_400,
        tts_sla_time: base + 3 * 86_400,
        collection_due_time: base + 3 * 86_400,
        delivery_due_time: base + 8 * 86_400,
        rts_time: None,
        collection_time: None,
        delivery_time: None,
        address,
        has_updated_recipient_address: false,
        lines,
        retail_delivery_fee: Decimal::ZERO,
    };
    let o = SbOrder { retail_delivery_fee: retail_delivery_fee(&o), ..o };
    let multi = o.lines.len() > 1;
    let status = o.status;
    w.commerce.get_mut(shop)?.insert(o);
    match status {
        "UNPAID" => {
            let t = now + w.rng.random_range(60..1800i64);
            w.schedule.at(t, Ev::Pay { shop: shop.into(), order: id.clone() });
        }
        "ON_HOLD" => w.schedule.at(now + HOLD_SECS, Ev::ReleaseHold { shop: shop.into(), order: id.clone() }),
        _ => super::lifecycle::ready_to_ship(w, shop, &id, now),
    }
    w.emit(
        1,
        shop,
        serde_json::json!({"order_id": id, "order_status": status, "is_on_hold_order": on_hold, "update_time": now}),
    );
    if chance(w, mix.buyer_cancel) {
        let t = now + w.rng.random_range(600..6 * 3600i64);
        w.schedule.at(t, Ev::BuyerCancelRequest { shop: shop.into(), order: id.clone() });
    }
    if multi && chance(w, mix.seller_center_split) {
        let t = now + w.rng.random_range(HOLD_SECS + 300..HOLD_SECS + 3 * 3600);
        w.schedule.at(t, Ev::SellerCenterSplit { shop: shop.into(), order: id.clone() });
    }
    if w.rng.random_bool(0.02) {
        let t = now + w.rng.random_range(600..3 * 3600i64);
        w.schedule.at(t, Ev::AddressUpdate { shop: shop.into(), order: id.clone() });
    }
    Some(id)
}

/// The US retail delivery fee of an order: Colorado addresses, with a taxed item.
fn retail_delivery_fee(o: &SbOrder) -> Decimal {
    let taxed = o.lines.iter().any(|l| l.tax_amount > Decimal::ZERO);
    if o.address.region_code == "US" && o.address.state == "CO" && taxed {
        d(COLORADO_RDF_CENTS)
    } else {
        Decimal::ZERO
    }
}

/// A new order, sometimes followed by a second one of the same buyer that Seller Center then
/// combines with it.
pub fn generate(w: &mut World, shop: &str, now: i64) -> Vec<String> {
    let Some(first) = new_order(w, shop, now, None) else {
        return vec![];
    };
    let mut out = vec![first.clone()];
    if w.mix.seller_center_combine > 0.0 && w.rng.random_bool(w.mix.seller_center_combine.min(1.0)) {
        let buyer = w
            .commerce
            .get(shop)
            .and_then(|c| c.orders.get(&first))
            .map(|o| (o.user_id.clone(), o.buyer_nickname.clone(), o.address.clone()));
        let saved = w.mix.clone();
        // The pair must be combinable: paid, same shipping type as the first.
        w.mix.unpaid = 0.0;
        w.mix.on_hold = 0.0;
        w.mix.buyer_cancel = 0.0;
        let first_tiktok =
            w.commerce.get(shop).and_then(|c| c.orders.get(&first)).is_some_and(|o| o.shipping_type == "TIKTOK");
        w.mix.tiktok_shipping = if first_tiktok { 1.0 } else { 0.0 };
        if let Some(second) = new_order(w, shop, now + 1, buyer) {
            let t = now + w.rng.random_range(HOLD_SECS + 300..HOLD_SECS + 2 * 3600);
            w.schedule.at(t, Ev::SellerCenterCombine { shop: shop.into(), orders: vec![first, second.clone()] });
            out.push(second);
        }
        w.mix = saved;
    }
    out
}

/// A backdated history for `shop`: `n` orders over the last `days` days, shipped, delivered and
/// completed as their age says, a few recent ones left overdue. Sends no webhooks (nobody was listening).
pub fn history(w: &mut World, shop: &str, now: i64, n: usize, days: i64) {
    let saved = w.mix.clone();
    w.mix.unpaid = 0.0;
    w.mix.on_hold = 0.0;
    w.mix.buyer_cancel = 0.0;
    w.mix.seller_center_split = 0.0;
    w.mix.seller_center_combine = 0.0;
    w.mix.after_sales = 0.0;
    let mut ages: Vec<i64> = (0..n).map(|_| w.rng.random_range(600..days * 86_400)).collect();
    ages.sort_by(|a, b| b.cmp(a));
    for age in ages {
        let t0 = now - age;
        super::lifecycle::run_due(w, t0);
        let Some(id) = new_order(w, shop, t0, None) else {
            continue;
        };
        // A few recent ones are left overdue; older unshipped orders would have been
        // auto-cancelled by TikTok, so everything older has shipped.
        let overdue = age < 4 * 86_400 && w.rng.random_bool(0.3);
        if age > 36 * 3600 && !overdue {
            let ship_at = t0 + w.rng.random_range(4 * 3600..30 * 3600i64);
            super::lifecycle::run_due(w, ship_at);
            super::lifecycle::ship_for_history(w, shop, &id, ship_at);
        }
    }
    super::lifecycle::run_due(w, now);
    w.mix = saved;
    w.outgoing.clear();
}
