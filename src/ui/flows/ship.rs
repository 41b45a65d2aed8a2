//! Shipping from the keyboard: batch ship with the seller's carrier (ORD-3PL-FULFILL), split
//! shipments (ORD-SPLIT-API), TikTok handover (ORD-4PL-FULFILL), tracking updates
//! (ORD-3PL-UPDATE), labels, and combines (ORD-COMBINE-3PL1).

use super::{Ask, Awaiting, Pick};
use crate::domain::order::ShippingType;
use crate::domain::package::find_mapping;
use crate::domain::time::{clock, date_time};
use crate::sync::Command;
use crate::sync::fulfil::ShipRequest;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::view::{OrderDetailView, ViewSource};

/// Why an order cannot ship now, if it cannot.
fn not_shippable(d: &OrderDetailView) -> Option<String> {
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

impl App {
    pub(crate) fn start_ship(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ids = self.order_targets();
        let Some(details) = self.details(&ids, views, now) else { return vec![] };
        if let [d] = details.as_slice()
            && d.order.shipping_type == ShippingType::Tiktok
        {
            return self.start_handover(d, now);
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
            self.toast(format!("Nothing to ship: {}", refused.join("; ")), true, now);
            return vec![];
        }
        let mut message = format!("Ship {} order(s) with which carrier?", ready.len());
        if !refused.is_empty() {
            message.push_str(&format!(" Left out: {}.", refused.join("; ")));
        }
        self.carrier_picker(&format!("Ship {} order(s)", ready.len()), message, ready, vec![], &details, now);
        vec![]
    }

    /// The carrier picker; each carrier says whether it is mapped for these orders' shops.
    fn carrier_picker(
        &mut self,
        title: &str,
        message: String,
        orders: Vec<String>,
        lines: Vec<String>,
        details: &[OrderDetailView],
        now: i64,
    ) {
        let v = &self.mapping.view;
        if v.carriers.is_empty() {
            self.toast("No carriers yet: add yours in the Mapping pane (4, then a), or: tokshop carriers add NAME", true, now);
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
                let detail =
                    if unmapped.is_empty() { "mapped".to_string() } else { format!("not mapped for {}: map it now", unmapped.join(", ")) };
                PickItem::new(c.name.clone(), detail)
            })
            .collect();
        self.push_picker(Picker::one(title, message, items, Pick::ShipCarrier { orders, lines }));
    }

    /// A carrier was picked: map it where it is not mapped yet, then ask the tracking numbers.
    pub(crate) fn carrier_chosen(
        &mut self,
        carrier: String,
        orders: Vec<String>,
        lines: Vec<String>,
        views: &dyn ViewSource,
        now: i64,
    ) -> Vec<Command> {
        let Some(details) = self.details(&orders, views, now) else { return vec![] };
        let v = &self.mapping.view;
        let missing = details.iter().find(|d| find_mapping(&v.mappings, &carrier, &d.order.shop_id, &d.order.delivery_option_id).is_none());
        if let Some(d) = missing {
            let (shop_id, option_id) = (d.order.shop_id.clone(), d.order.delivery_option_id.clone());
            let shop = v.shop_name(&shop_id);
            let providers = v.providers(&shop_id, &option_id);
            if providers.is_empty() {
                self.toast(
                    format!("{carrier} is not mapped for {shop}, and its delivery options are not known yet: pull them in the Mapping pane (4, then r)"),
                    true,
                    now,
                );
                return vec![];
            }
            let items = providers.iter().map(|p| PickItem::new(p.name.clone(), p.id.clone())).collect();
            let message = format!(
                "{carrier} is not mapped to a TikTok shipping provider for {shop} ({}). Map it now: which provider is {carrier}?",
                d.order.delivery_option_name
            );
            self.push_picker(Picker::one(
                "Map it now",
                message,
                items,
                Pick::MapNow { carrier, shop_id, option_id, providers, orders, lines },
            ));
            return vec![];
        }
        self.ask_tracking(carrier, orders, 0, lines, vec![]);
        vec![]
    }

    fn ask_tracking(&mut self, carrier: String, orders: Vec<String>, index: usize, lines: Vec<String>, done: Vec<ShipRequest>) {
        let Some(id) = orders.get(index) else { return };
        let of = if orders.len() > 1 { format!(" ({} of {})", index + 1, orders.len()) } else { String::new() };
        let which = if lines.is_empty() { String::new() } else { format!(", {} line(s)", lines.len()) };
        let help = format!("{carrier} tracking for order {id}{which}{of}; type or scan it:");
        self.push_prompt("Tracking number", &help, "", Ask::Tracking { carrier, orders, index, lines, done });
    }

    pub(crate) fn tracking_typed(
        &mut self,
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
            self.ask_tracking(carrier, orders, index + 1, lines, done);
            return Ok(vec![]);
        }
        let list: Vec<String> = done.iter().take(6).map(|r| format!("{} → {}", r.order_id, r.tracking)).collect();
        let more = if done.len() > 6 { format!(" and {} more", done.len() - 6) } else { String::new() };
        let part = if lines.is_empty() { String::new() } else { format!(" ({} line(s) now, the rest later)", lines.len()) };
        self.push_confirm(
            format!("Ship {} order(s)?", done.len()),
            format!("With {carrier}{part}: {}{more}.", list.join(", ")),
            Command::Ship { requests: done },
            false,
        );
        Ok(vec![])
    }

    pub(crate) fn start_split(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ids: Vec<String> = self.order_targets().into_iter().take(1).collect();
        let Some(details) = self.details(&ids, views, now) else { return vec![] };
        let d = &details[0];
        if let Some(why) = not_shippable(d) {
            self.toast(format!("Cannot split: {why}"), true, now);
            return vec![];
        }
        let lines: Vec<_> = d.order.lines_to_ship().collect();
        if lines.len() < 2 {
            self.toast(format!("Order {} has one line left to ship: nothing to split, ship it", d.order.id), true, now);
            return vec![];
        }
        let items = lines
            .iter()
            .map(|l| PickItem::new(format!("{} {}", l.seller_sku, l.product_name), format!("{} · {}", l.sku_name, l.id)))
            .collect();
        let ids = lines.iter().map(|l| l.id.clone()).collect();
        let n = lines.len();
        self.push_picker(Picker::many(
            format!("Split order {}", d.order.id),
            "Tick the lines for the first package; the others go in a second one.",
            items,
            vec![false; n],
            Pick::SplitLines { order_id: d.order.id.clone(), lines: ids },
        ));
        vec![]
    }

    pub(crate) fn split_lines_chosen(&mut self, order_id: String, lines: Vec<String>, chosen: Vec<usize>, now: i64) -> Vec<Command> {
        let ship_now: Vec<String> = chosen.iter().filter_map(|i| lines.get(*i).cloned()).collect();
        let rest: Vec<String> = lines.iter().filter(|l| !ship_now.contains(l)).cloned().collect();
        if rest.is_empty() {
            self.toast("Every line is ticked: that is not a split, ship the order instead", true, now);
            return vec![];
        }
        let items = vec![
            PickItem::new("Ship the ticked lines now", "with your carrier; the rest ships later"),
            PickItem::new("Split into two packages on TikTok", "ship each package later"),
        ];
        let message = format!("{} line(s) in the first package, {} in the second.", ship_now.len(), rest.len());
        self.push_picker(Picker::one(format!("Split order {order_id}"), message, items, Pick::SplitHow { order_id, now: ship_now, rest }));
        vec![]
    }

    pub(crate) fn split_how_chosen(
        &mut self,
        order_id: String,
        ship_now: Vec<String>,
        rest: Vec<String>,
        how: usize,
        views: &dyn ViewSource,
        now: i64,
    ) -> Vec<Command> {
        if how == 0 {
            let Some(details) = self.details(std::slice::from_ref(&order_id), views, now) else { return vec![] };
            let message = format!("Ship {} line(s) of order {order_id} with which carrier?", ship_now.len());
            self.carrier_picker("Split shipment", message, vec![order_id], ship_now, &details, now);
            return vec![];
        }
        self.push_confirm(
            format!("Split order {order_id}?"),
            format!("Two packages: lines {} and lines {}. Each ships on its own afterwards.", ship_now.join(", "), rest.join(", ")),
            Command::SplitOrder { order_id, groups: vec![ship_now, rest] },
            false,
        );
        vec![]
    }

    fn start_handover(&mut self, d: &OrderDetailView, now: i64) -> Vec<Command> {
        if let Some(why) = not_shippable(d) {
            self.toast(format!("Nothing to ship: {why}"), true, now);
            return vec![];
        }
        let Some(package_id) = d.order.lines_to_ship().find_map(|l| l.package_id.clone()) else {
            self.toast(format!("Order {} has no package yet; TikTok creates it shortly after payment", d.order.id), true, now);
            return vec![];
        };
        self.awaiting = Some(Awaiting::Handover { order_id: d.order.id.clone(), package_id: package_id.clone() });
        self.toast(format!("Asking TikTok how package {package_id} can be handed over…"), false, now);
        vec![Command::FetchHandoverSlots { package_id }]
    }

    pub(crate) fn handover_options(
        &mut self,
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
            self.toast(format!("TikTok offers no handover for package {package_id} right now; try again later"), true, now);
            return;
        }
        let message = format!("Order {order_id}, package {package_id}: how does it reach TikTok's carrier?");
        self.push_picker(Picker::one("TikTok shipping", message, items, Pick::Handover { order_id, package_id, options }));
    }

    pub(crate) fn handover_chosen(&mut self, order_id: String, package_id: String, slot: Option<(i64, i64)>) -> Vec<Command> {
        let how = match slot {
            Some((s, e)) => format!("collected between {} and {}", date_time(s), clock(e)),
            None => "dropped off at a carrier point".into(),
        };
        self.push_confirm(
            format!("Ship package {package_id}?"),
            format!("Order {order_id}: the package is {how}. Print its label with l once TikTok has it."),
            Command::ShipTiktok { order_id, package_id: Some(package_id), pickup_slot: slot },
            false,
        );
        vec![]
    }

    pub(crate) fn start_update_tracking(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ids: Vec<String> = self.order_targets().into_iter().take(1).collect();
        let Some(details) = self.details(&ids, views, now) else { return vec![] };
        let d = &details[0];
        if d.order.shipping_type == ShippingType::Tiktok {
            self.toast(format!("Order {} ships with TikTok: its tracking number is TikTok's", d.order.id), true, now);
            return vec![];
        }
        let shipped: Vec<_> = d.packages.iter().filter(|p| p.shipped()).collect();
        match shipped.as_slice() {
            [] => {
                self.toast(format!("Order {} has no shipped package: ship it first", d.order.id), true, now);
                vec![]
            }
            [p] => self.tracking_package_chosen(p.id.clone(), views, now),
            many => {
                let items = many
                    .iter()
                    .map(|p| {
                        PickItem::new(
                            p.id.clone(),
                            format!(
                                "{} {}",
                                p.shipping_provider_name.clone().unwrap_or_default(),
                                p.tracking_number.clone().unwrap_or_default()
                            ),
                        )
                    })
                    .collect();
                let packages = many.iter().map(|p| p.id.clone()).collect();
                self.push_picker(Picker::one("Update tracking", "Which package?", items, Pick::TrackingPackage { packages }));
                vec![]
            }
        }
    }

    pub(crate) fn tracking_package_chosen(&mut self, package_id: String, _views: &dyn ViewSource, now: i64) -> Vec<Command> {
        if self.mapping.view.carriers.is_empty() {
            self.toast("No carriers yet: add yours in the Mapping pane (4, then a)", true, now);
            return vec![];
        }
        let items = self.mapping.view.carriers.iter().map(|c| PickItem::new(c.name.clone(), "")).collect();
        let message = format!("Package {package_id}: which carrier carries the new tracking number?");
        self.push_picker(Picker::one("Update tracking", message, items, Pick::TrackingCarrier { package_id }));
        vec![]
    }

    pub(crate) fn start_label(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ids: Vec<String> = self.order_targets().into_iter().take(1).collect();
        let Some(details) = self.details(&ids, views, now) else { return vec![] };
        let d = &details[0];
        if d.order.shipping_type != ShippingType::Tiktok {
            self.toast(format!("Order {} ships with your own carrier: print its label from the carrier", d.order.id), true, now);
            return vec![];
        }
        let mut packages: Vec<String> = d.packages.iter().map(|p| p.id.clone()).collect();
        if packages.is_empty() {
            packages = d.order.lines.iter().filter_map(|l| l.package_id.clone()).collect();
            packages.dedup();
        }
        match packages.len() {
            0 => {
                self.toast(format!("Order {} has no package yet", d.order.id), true, now);
                vec![]
            }
            1 => self.print_label(packages.remove(0), now),
            _ => {
                let items = packages.iter().map(|p| PickItem::new(p.clone(), "")).collect();
                self.push_picker(Picker::one("Print label", "Which package?", items, Pick::LabelPackage { packages }));
                vec![]
            }
        }
    }

    pub(crate) fn print_label(&mut self, package_id: String, now: i64) -> Vec<Command> {
        self.toast(format!("Fetching the label of package {package_id}…"), false, now);
        vec![Command::PrintLabel { package_id }]
    }

    pub(crate) fn start_combine(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ids = self.order_targets();
        let Some(details) = self.details(&ids, views, now) else { return vec![] };
        let mut shops: Vec<String> = details.iter().map(|d| d.order.shop_id.clone()).collect();
        shops.dedup();
        if shops.len() != 1 {
            self.toast("Orders combine within one shop: select orders of a single shop", true, now);
            return vec![];
        }
        let shop_id = shops.remove(0);
        self.awaiting = Some(Awaiting::Combinable { shop_id: shop_id.clone(), prefer: ids });
        self.toast(format!("Asking TikTok which packages of {} combine…", self.mapping.view.shop_name(&shop_id)), false, now);
        vec![Command::FetchCombinable { shop_id }]
    }

    pub(crate) fn combinable(&mut self, shop_id: String, prefer: Vec<String>, mut groups: Vec<(String, Vec<String>)>, now: i64) {
        if groups.is_empty() {
            self.toast(
                format!(
                    "TikTok offers nothing to combine for {} now: orders combine when they go to the same buyer and address, from the same warehouse, awaiting shipment",
                    self.mapping.view.shop_name(&shop_id)
                ),
                true,
                now,
            );
            return;
        }
        groups.sort_by_key(|(_, orders)| !orders.iter().any(|o| prefer.contains(o)));
        let items = groups
            .iter()
            .map(|(pre, orders)| PickItem::new(format!("{} orders: {}", orders.len(), orders.join(", ")), format!("package {pre}")))
            .collect();
        let message = "TikTok would ship these orders together. Combine which?".to_string();
        self.push_picker(Picker::one("Combine orders", message, items, Pick::CombineGroup { shop_id, groups }));
    }

    pub(crate) fn combine_chosen(&mut self, shop_id: String, groups: Vec<(String, Vec<String>)>, i: usize) -> Vec<Command> {
        let Some((pre, orders)) = groups.get(i).cloned() else { return vec![] };
        self.push_confirm(
            format!("Combine {} orders?", orders.len()),
            format!("Orders {} become one package ({pre}) with one tracking number. Uncombine from the Packages pane.", orders.join(", ")),
            Command::Combine { shop_id, pre_package_id: pre, order_ids: orders },
            false,
        );
        vec![]
    }
}
