//! Shipping from the keyboard: batch ship with the seller's carrier (ORD-3PL-FULFILL), the
//! carrier mapped on the spot when it is not yet ("map it now"), one tracking number asked per
//! order (typed or scanned), and TikTok handover for TikTok-shipped orders (ORD-4PL-FULFILL).

use super::{details, order_targets};
use crate::domain::order::ShippingType;
use crate::domain::package::{CarrierMapping, ShippingProvider, find_mapping};
use crate::domain::time::{clock, date_time};
use crate::message::{Command, FulfilmentAnswer, FulfilmentCommand, ShipRequest, Update};
use crate::store::views::OrderDetailView;
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;

/// Why an order cannot ship now, if it cannot.
pub fn not_shippable(d: &OrderDetailView) -> Option<String> {
    let o = &d.order;
    if !o.status.to_ship() {
        return Some(format!("{} is {}", o.id, o.status.label()));
    }
    if o.cancel_requested {
        return Some(format!("{} has a cancellation request: answer it first", o.id));
    }
    if o.lines_to_ship().next().is_none() {
        return Some(format!("{} has no line left to ship", o.id));
    }
    None
}

/// `ship-orders`: the carrier for the selected orders, or TikTok's handover for one order
/// TikTok ships.
pub fn start(app: &mut App, cx: &Cx) -> Vec<Command> {
    let ids = order_targets(app);
    let Some(details) = details(app, &ids, cx) else { return vec![] };
    if let [d] = details.as_slice()
        && d.order.shipping_type == ShippingType::Tiktok
    {
        return start_handover(app, d, cx);
    }
    let mut refused: Vec<String> = Vec::new();
    let mut ready = Vec::new();
    for d in &details {
        match not_shippable(d) {
            Some(why) => refused.push(why),
            None if d.order.shipping_type == ShippingType::Tiktok => {
                refused.push(format!("{} ships with TikTok: hand it over on its own", d.order.id))
            }
            None => ready.push(d.order.id.clone()),
        }
    }
    if ready.is_empty() {
        app.toast(format!("Nothing to ship: {}", refused.join("; ")), true, cx.now);
        return vec![];
    }
    let mut message = format!("Ship {} order(s) with which carrier?", ready.len());
    if !refused.is_empty() {
        message.push_str(&format!(" Left out: {}.", refused.join("; ")));
    }
    carrier_picker(app, &format!("Ship {} order(s)", ready.len()), message, ready, vec![], &details, cx);
    vec![]
}

/// The carrier picker; each carrier says whether it is mapped for these orders' shops.
pub fn carrier_picker(
    app: &mut App,
    title: &str,
    message: String,
    orders: Vec<String>,
    lines: Vec<String>,
    details: &[OrderDetailView],
    cx: &Cx,
) {
    let v = app.shared.carriers_view();
    if v.carriers.is_empty() {
        app.toast(
            "No carriers yet: add yours in the Mapping pane (4, then a), or: tokshop carriers add NAME",
            true,
            cx.now,
        );
        return;
    }
    let items = v
        .carriers
        .iter()
        .map(|c| {
            let unmapped: Vec<String> = details
                .iter()
                .filter(|d| orders.contains(&d.order.id))
                .filter(|d| find_mapping(&v.mappings, &c.name, &d.order.shop_id, &d.order.delivery_option_id).is_none())
                .map(|d| v.shop_name(&d.order.shop_id))
                .fold(Vec::new(), |mut acc, s| {
                    if !acc.contains(&s) {
                        acc.push(s);
                    }
                    acc
                });
            let detail = if unmapped.is_empty() {
                "mapped".to_string()
            } else {
                format!("not mapped for {}: map it now", unmapped.join(", "))
            };
            PickItem::new(c.name.clone(), detail)
        })
        .collect();
    let names: Vec<String> = v.carriers.iter().map(|c| c.name.clone()).collect();
    app.push(Picker::one(title, message, items, move |app, chosen, cx| {
        let Some(c) = chosen.first().and_then(|i| names.get(*i)).cloned() else { return vec![] };
        carrier_chosen(app, c, orders, lines, cx)
    }));
}

/// A carrier was picked: map it where it is not mapped yet, then ask the tracking numbers.
fn carrier_chosen(app: &mut App, carrier: String, orders: Vec<String>, lines: Vec<String>, cx: &Cx) -> Vec<Command> {
    let Some(details) = details(app, &orders, cx) else { return vec![] };
    let v = app.shared.carriers_view();
    let missing = details
        .iter()
        .find(|d| find_mapping(&v.mappings, &carrier, &d.order.shop_id, &d.order.delivery_option_id).is_none());
    if let Some(d) = missing {
        let (shop_id, option_id) = (d.order.shop_id.clone(), d.order.delivery_option_id.clone());
        let shop = v.shop_name(&shop_id);
        let providers = v.providers(&shop_id, &option_id);
        if providers.is_empty() {
            app.toast(
                format!(
                    "{carrier} is not mapped for {shop}, and its delivery options are not known yet: pull them in \
                    the Mapping pane (4, then r)"
                ),
                true,
                cx.now,
            );
            return vec![];
        }
        let items = providers.iter().map(|p| PickItem::new(p.name.clone(), p.id.clone())).collect();
        let message = format!(
            "{carrier} is not mapped to a TikTok shipping provider for {shop} ({}). Map it now: which provider is \
                {carrier}?",
            d.order.delivery_option_name
        );
        app.push(Picker::one("Map it now", message, items, move |app, chosen, cx| {
            let Some(p) = chosen.first().and_then(|i| providers.get(*i)).cloned() else { return vec![] };
            let mut out = vec![map_locally(app, &carrier, &shop_id, &option_id, &p)];
            out.extend(carrier_chosen(app, carrier, orders, lines, cx));
            out
        }));
        return vec![];
    }
    ask_tracking(app, carrier, orders, 0, lines, vec![]);
    vec![]
}

/// Record a mapping in the shared view at once (so a flow can go on) and send it to the engine.
pub fn map_locally(app: &mut App, carrier: &str, shop_id: &str, option_id: &str, p: &ShippingProvider) -> Command {
    let mapping = CarrierMapping {
        carrier: carrier.into(),
        shop_id: shop_id.into(),
        delivery_option_id: option_id.into(),
        provider_id: p.id.clone(),
        provider_name: p.name.clone(),
    };
    if let Some(v) = app.shared.carriers.ready_mut() {
        v.mappings.retain(|m| !(m.carrier == carrier && m.shop_id == shop_id && m.delivery_option_id == option_id));
        v.mappings.push(mapping.clone());
    }
    FulfilmentCommand::MapCarrier { mapping }.into()
}

/// Tracking numbers, one order after another (typed, or scanned: a scanner types and presses
/// enter), then one confirmation for the batch.
fn ask_tracking(
    app: &mut App,
    carrier: String,
    orders: Vec<String>,
    index: usize,
    lines: Vec<String>,
    done: Vec<ShipRequest>,
) {
    let Some(id) = orders.get(index) else { return };
    let of = if orders.len() > 1 { format!(" ({} of {})", index + 1, orders.len()) } else { String::new() };
    let which = if lines.is_empty() { String::new() } else { format!(", {} line(s)", lines.len()) };
    let help = format!("{carrier} tracking for order {id}{which}{of}; type or scan it:");
    app.push(Prompt::new("Tracking number", &help, "", move |app, value, _| {
        tracking_typed(app, carrier.clone(), orders.clone(), index, lines.clone(), done.clone(), value)
    }));
}

fn tracking_typed(
    app: &mut App,
    carrier: String,
    orders: Vec<String>,
    index: usize,
    lines: Vec<String>,
    mut done: Vec<ShipRequest>,
    value: String,
) -> Result<Vec<Command>, String> {
    crate::domain::package::validate_tracking(&value)?;
    if let Some(other) = done.iter().find(|r| r.tracking == value) {
        return Err(format!("{value} is already the tracking number of order {} in this batch", other.order_id));
    }
    let Some(id) = orders.get(index).cloned() else { return Ok(vec![]) };
    done.push(ShipRequest { order_id: id, carrier: carrier.clone(), tracking: value, line_ids: lines.clone() });
    if index + 1 < orders.len() {
        ask_tracking(app, carrier, orders, index + 1, lines, done);
        return Ok(vec![]);
    }
    let list: Vec<String> = done.iter().take(6).map(|r| format!("{} → {}", r.order_id, r.tracking)).collect();
    let more = if done.len() > 6 { format!(" and {} more", done.len() - 6) } else { String::new() };
    let part = if lines.is_empty() { String::new() } else { format!(" ({} line(s) now, the rest later)", lines.len()) };
    app.push(Confirm::new(
        format!("Ship {} order(s)?", done.len()),
        format!("With {carrier}{part}: {}{more}.", list.join(", ")),
        FulfilmentCommand::Ship { requests: done },
        false,
    ));
    Ok(vec![])
}

/// TikTok shipping: ask TikTok how the package can be handed over, then offer drop-off or a
/// pickup slot.
fn start_handover(app: &mut App, d: &OrderDetailView, cx: &Cx) -> Vec<Command> {
    if let Some(why) = not_shippable(d) {
        app.toast(format!("Nothing to ship: {why}"), true, cx.now);
        return vec![];
    }
    let Some(package_id) = d.order.lines_to_ship().find_map(|l| l.package_id.clone()) else {
        app.toast(
            format!("Order {} has no package yet; TikTok creates it shortly after payment", d.order.id),
            true,
            cx.now,
        );
        return vec![];
    };
    let (order_id, wanted) = (d.order.id.clone(), package_id.clone());
    app.wait(Box::new(move |app, u, cx| match u {
        Update::Fulfilment(FulfilmentAnswer::HandoverSlots { package_id, can_pickup, can_drop_off, slots })
            if *package_id == wanted =>
        {
            handover_options(app, order_id.clone(), package_id.clone(), *can_pickup, *can_drop_off, slots, cx.now);
            true
        }
        _ => false,
    }));
    app.toast(format!("Asking TikTok how package {package_id} can be handed over…"), false, cx.now);
    vec![FulfilmentCommand::FetchHandoverSlots { package_id }.into()]
}

fn handover_options(
    app: &mut App,
    order_id: String,
    package_id: String,
    can_pickup: bool,
    can_drop_off: bool,
    slots: &[(i64, i64)],
    now: i64,
) {
    let mut items = Vec::new();
    let mut options = Vec::new();
    if can_drop_off {
        items.push(PickItem::new("Drop off", "at a carrier point, any time before the ship-by time"));
        options.push(None);
    }
    if can_pickup {
        for (s, e) in slots {
            items.push(PickItem::new(format!("Pickup {} – {}", date_time(*s), clock(*e)), "the carrier collects"));
            options.push(Some((*s, *e)));
        }
    }
    if items.is_empty() {
        app.toast(format!("TikTok offers no handover for package {package_id} right now; try again later"), true, now);
        return;
    }
    let message = format!("Order {order_id}, package {package_id}: how does it reach TikTok's carrier?");
    app.push(Picker::one("TikTok shipping", message, items, move |app, chosen, _| {
        let slot = chosen.first().and_then(|i| options.get(*i)).copied().flatten();
        let how = match slot {
            Some((s, e)) => format!("collected between {} and {}", date_time(s), clock(e)),
            None => "dropped off at a carrier point".into(),
        };
        app.push(Confirm::new(
            format!("Ship package {package_id}?"),
            format!("Order {order_id}: the package is {how}. Print its label with l once TikTok has it."),
            FulfilmentCommand::ShipTiktok { order_id, package_id: Some(package_id), pickup_slot: slot },
            false,
        ));
        vec![]
    }));
}
