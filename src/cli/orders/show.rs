//! `tokshop orders show ORDER` in plain text: what the packing bench and support need, as the
//! console's detail shows it: each line's product, variant, seller SKU and quantity, the buyer's
//! message, the seller's note, the recipient with the address, the money and the history.

use crate::domain::order::{Order, OrderLine};
use crate::domain::time::{date_time, relative};
use crate::store::Store;
use crate::store::error::StoreResult;

/// Lines of the same SKU in the same state are one row with its quantity (TikTok gives one line
/// per unit).
fn grouped(o: &Order) -> Vec<(usize, &OrderLine)> {
    let mut out: Vec<(usize, &OrderLine)> = Vec::new();
    for l in &o.lines {
        let same = |x: &&OrderLine| x.sku_id == l.sku_id && x.cancelled == l.cancelled && x.package_id == l.package_id;
        match out.iter_mut().find(|(_, x)| same(x)) {
            Some((n, _)) => *n += 1,
            None => out.push((1, l)),
        }
    }
    out
}

pub fn print(store: &Store, o: &Order, now: i64) -> StoreResult<()> {
    let cur = o.payment.currency.as_str();
    crate::outln!("Order {} · {} · {} shipping", o.id, o.status.label(), o.shipping_type.label());
    if let Some(t) = o.ship_by {
        crate::outln!("Ship by    {} ({})", date_time(t), relative(t, now));
    }
    crate::outln!("Buyer      {}", o.buyer_nickname);
    if !o.buyer_message.is_empty() {
        crate::outln!("Message    {}", o.buyer_message);
    }
    if !o.seller_note.is_empty() {
        crate::outln!("Our note   {}", o.seller_note);
    }
    crate::outln!("Ship to    {}", o.address.name);
    crate::outln!("           {}", o.address.full_address);
    crate::outln!("           {} {}", o.address.postal_code, o.address.region_code);
    if !o.address.phone.is_empty() {
        crate::outln!("Phone      {}", o.address.phone);
    }
    crate::outln!("Shipping   {}", o.delivery_option_name);
    crate::outln!("Lines ({} items)", o.lines.len());
    for (qty, l) in grouped(o) {
        let state =
            if l.cancelled { "cancelled".to_string() } else { l.display_status.to_lowercase().replace('_', " ") };
        crate::outln!("  {qty} × {} · {} · SKU {}", l.product_name, l.sku_name, l.seller_sku);
        let pkg = l.package_id.as_deref().map(|p| format!(" · package {p}")).unwrap_or_default();
        let trk = l.tracking_number.as_deref().map(|t| format!(" · tracking {t}")).unwrap_or_default();
        crate::outln!("      {} {cur} each · {state}{pkg}{trk}", l.sale_price);
    }
    crate::outln!(
        "Total      {} {cur} (tax {}, shipping {})",
        o.payment.total_amount,
        o.payment.tax,
        o.payment.shipping_fee
    );
    for c in store.cancellations_of(&o.id)? {
        crate::outln!("Cancellation {}: {} · {} · {}", c.id, c.kind_words(), c.status_words(), c.reason_text);
    }
    crate::outln!("History");
    for h in store.order_history(&o.id)? {
        crate::outln!("  {} {} via {}", date_time(h.at), h.status.label(), h.source.label());
    }
    Ok(())
}
