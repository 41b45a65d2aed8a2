//! Carrier mapping (SHOP-MAN-CARRIER): the platform's carriers, added by name or from a CSV
//! file, each mapped per shop (and delivery option) to one of TikTok's shipping providers.

use super::{Ask, Pick};
use crate::domain::package::{CarrierMapping, ShippingProvider};
use crate::sync::Command;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};

impl App {
    pub(crate) fn start_add_carrier(&mut self) -> Vec<Command> {
        self.push_prompt("Add a carrier", "Your carrier's name as your platform knows it (e.g. UPS Ground):", "", Ask::CarrierName);
        vec![]
    }

    pub(crate) fn start_import_carriers(&mut self) -> Vec<Command> {
        self.push_prompt(
            "Import carriers",
            "Path of a CSV file with a `name` column (and optionally `tracking_url`):",
            "",
            Ask::CarrierFile,
        );
        vec![]
    }

    pub(crate) fn start_remove_carrier(&mut self, now: i64) -> Vec<Command> {
        let Some(c) = self.mapping.selected_carrier() else {
            self.toast("Select a carrier first", true, now);
            return vec![];
        };
        let n = self.mapping.view.mappings.iter().filter(|m| m.carrier == c).count();
        self.push_confirm(
            format!("Remove carrier {c}?"),
            format!("Remove {c} and its {n} mapping(s)? Orders can no longer ship with it until it is added and mapped again."),
            Command::RemoveCarrier { name: c },
            true,
        );
        vec![]
    }

    pub(crate) fn start_map_carrier(&mut self, now: i64) -> Vec<Command> {
        let Some(carrier) = self.mapping.selected_carrier() else {
            self.toast("Select a carrier first (add one with a)", true, now);
            return vec![];
        };
        let shops = self.mapping.view.shops.clone();
        match shops.len() {
            0 => {
                self.toast("No connected shop to map to: connect one in the Shops pane", true, now);
                vec![]
            }
            1 => self.map_shop_chosen(carrier, shops[0].0.clone(), now),
            _ => {
                let items = shops.iter().map(|(id, name, region)| PickItem::new(format!("{name} {region}"), id.clone())).collect();
                let ids = shops.into_iter().map(|s| s.0).collect();
                self.push_picker(Picker::one(
                    "Map carrier",
                    format!("Map {carrier} for which shop?"),
                    items,
                    Pick::MapShop { carrier, shops: ids },
                ));
                vec![]
            }
        }
    }

    pub(crate) fn map_shop_chosen(&mut self, carrier: String, shop_id: String, now: i64) -> Vec<Command> {
        let options = self.mapping.view.options(&shop_id);
        let shop = self.mapping.view.shop_name(&shop_id);
        if options.is_empty() {
            self.toast(format!("No delivery options known for {shop}: pull its warehouses first (r)"), true, now);
            return vec![];
        }
        let mut items = vec![PickItem::new("Every delivery option", "unless one has its own mapping")];
        let mut ids = vec![String::new()];
        for o in &options {
            items.push(PickItem::new(o.name.clone(), format!("{} · {} provider(s)", o.kind.to_lowercase(), o.providers.len())));
            ids.push(o.id.clone());
        }
        let message = format!("{carrier} for {shop}: for which delivery option?");
        self.push_picker(Picker::one("Map carrier", message, items, Pick::MapOption { carrier, shop_id, options: ids }));
        vec![]
    }

    pub(crate) fn map_option_chosen(&mut self, carrier: String, shop_id: String, option_id: String, now: i64) -> Vec<Command> {
        let providers = self.mapping.view.providers(&shop_id, &option_id);
        if providers.is_empty() {
            self.toast("That delivery option lists no shipping provider: pull the warehouses again (r)", true, now);
            return vec![];
        }
        let items = providers.iter().map(|p| PickItem::new(p.name.clone(), p.id.clone())).collect();
        let message = format!("Which TikTok shipping provider is {carrier}?");
        self.push_picker(Picker::one("Map carrier", message, items, Pick::MapProvider { carrier, shop_id, option_id, providers }));
        vec![]
    }

    /// Record a mapping in the view at once (so a flow can go on) and send it to the engine.
    pub(crate) fn map_locally(&mut self, carrier: &str, shop_id: &str, option_id: &str, p: &ShippingProvider) -> Command {
        let mapping = CarrierMapping {
            carrier: carrier.into(),
            shop_id: shop_id.into(),
            delivery_option_id: option_id.into(),
            provider_id: p.id.clone(),
            provider_name: p.name.clone(),
        };
        let v = &mut self.mapping.view.mappings;
        v.retain(|m| !(m.carrier == carrier && m.shop_id == shop_id && m.delivery_option_id == option_id));
        v.push(mapping.clone());
        Command::MapCarrier { mapping }
    }

    pub(crate) fn start_refresh_warehouses(&mut self, now: i64) -> Vec<Command> {
        let shops = self.mapping.view.shops.clone();
        if shops.is_empty() {
            self.toast("No connected shop: connect one in the Shops pane", true, now);
            return vec![];
        }
        let mut items = vec![PickItem::new("Every shop", format!("{} shop(s)", shops.len()))];
        let mut ids = vec![String::new()];
        for (id, name, region) in shops {
            items.push(PickItem::new(format!("{name} {region}"), id.clone()));
            ids.push(id);
        }
        self.push_picker(Picker::one(
            "Pull warehouses",
            "Warehouses, delivery options and providers of which shop?",
            items,
            Pick::RefreshShop { shops: ids },
        ));
        vec![]
    }
}
