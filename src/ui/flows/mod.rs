//! Multi-step actions: each step is an overlay (a picker, a prompt, a confirmation) carrying
//! what the next step needs, so the app holds no hidden half-done state. Some steps wait for
//! the engine (handover slots, combinable packages, reject reasons): [`Awaiting`] says which.

mod attr_values;
mod cancel;
mod catalog_map;
mod link_skus;
mod listing;
mod mapping;
mod overrides;
mod purpose;
mod ship;

pub use purpose::{Ask, Awaiting, Pick};

use super::app::{App, Overlay};
use super::overlays::confirm::Confirm;
use super::overlays::picker::Picker;
use super::overlays::prompt::Prompt;
use super::view::{OrderDetailView, ViewSource};
use crate::sync::{Command, Update};

impl App {
    pub(crate) fn push_picker(&mut self, p: Picker) {
        self.overlays.push(Overlay::Picker(Box::new(p)));
    }

    pub(crate) fn push_prompt(&mut self, title: &str, help: &str, initial: &str, purpose: Ask) {
        self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(title, help, initial, purpose))));
    }

    pub(crate) fn push_confirm(&mut self, title: String, message: String, on_yes: Command, danger: bool) {
        self.overlays.push(Overlay::Confirm(Confirm { title, message, on_yes, danger }));
    }

    /// The orders an order action applies to: the open detail's order, else the marked ones,
    /// else the selected row.
    pub(crate) fn order_targets(&self) -> Vec<String> {
        if let Some(Overlay::Order(d)) = self.overlays.last() {
            return vec![d.view.order.id.clone()];
        }
        self.orders.targets().into_iter().map(|r| r.id).collect()
    }

    /// Read orders for a flow; a missing one or a read error becomes a message.
    pub(crate) fn details(&mut self, ids: &[String], views: &dyn ViewSource, now: i64) -> Option<Vec<OrderDetailView>> {
        if ids.is_empty() {
            self.toast("Select an order first", true, now);
            return None;
        }
        let mut out = Vec::new();
        for id in ids {
            match views.order_detail(id) {
                Ok(Some(d)) => out.push(d),
                Ok(None) => {
                    self.toast(format!("Order {id} is no longer in the store"), true, now);
                    return None;
                }
                Err(e) => {
                    self.toast(format!("Cannot read order {id}: {e}"), true, now);
                    return None;
                }
            }
        }
        Some(out)
    }

    /// A picker's choice: the next step.
    pub(crate) fn on_pick(&mut self, purpose: Pick, chosen: Vec<usize>, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let first = chosen.first().copied().unwrap_or(0);
        match purpose {
            Pick::Nothing => vec![],
            Pick::ShipCarrier { orders, lines } => {
                let Some(c) = self.mapping.view.carriers.get(first).map(|c| c.name.clone()) else { return vec![] };
                self.carrier_chosen(c, orders, lines, views, now)
            }
            Pick::MapNow { carrier, shop_id, option_id, providers, orders, lines } => {
                let Some(p) = providers.get(first).cloned() else { return vec![] };
                let cmd = self.map_locally(&carrier, &shop_id, &option_id, &p);
                let mut out = vec![cmd];
                out.extend(self.carrier_chosen(carrier, orders, lines, views, now));
                out
            }
            Pick::SplitLines { order_id, lines } => self.split_lines_chosen(order_id, lines, chosen, now),
            Pick::SplitHow { order_id, now: ship_now, rest } => self.split_how_chosen(order_id, ship_now, rest, first, views, now),
            Pick::Handover { order_id, package_id, options } => {
                self.handover_chosen(order_id, package_id, options.get(first).copied().flatten())
            }
            Pick::TrackingPackage { packages } => {
                let Some(p) = packages.get(first).cloned() else { return vec![] };
                self.tracking_package_chosen(p, views, now)
            }
            Pick::TrackingCarrier { package_id } => {
                let Some(c) = self.mapping.view.carriers.get(first).map(|c| c.name.clone()) else { return vec![] };
                let help = format!("New tracking number for package {package_id} ({c}); type or scan it:");
                self.push_prompt("Update tracking", &help, "", Ask::NewTracking { package_id, carrier: c });
                vec![]
            }
            Pick::LabelPackage { packages } => packages.get(first).map(|p| self.print_label(p.clone(), now)).unwrap_or_default(),
            Pick::CombineGroup { shop_id, groups } => self.combine_chosen(shop_id, groups, first),
            Pick::CancelReason { order_id, reasons } => self.cancel_reason_chosen(order_id, reasons, first),
            Pick::AnswerChoice { cancel_id, order_id } => self.answer_chosen(cancel_id, order_id, first == 0, now),
            Pick::RejectReason { cancel_id, order_id, reasons } => {
                let Some((reason, reason_text)) = reasons.get(first).cloned() else { return vec![] };
                let help = format!("Reject: {reason_text}. A comment for the buyer (optional), enter to go on:");
                self.push_prompt("Reject the cancellation", &help, "", Ask::RejectComment { cancel_id, order_id, reason, reason_text });
                vec![]
            }
            Pick::MapShop { carrier, shops } => self.map_shop_chosen(carrier, shops.get(first).cloned().unwrap_or_default(), now),
            Pick::MapOption { carrier, shop_id, options } => {
                self.map_option_chosen(carrier, shop_id, options.get(first).cloned().unwrap_or_default(), now)
            }
            Pick::MapProvider { carrier, shop_id, option_id, providers } => {
                let Some(p) = providers.get(first).cloned() else { return vec![] };
                vec![self.map_locally(&carrier, &shop_id, &option_id, &p)]
            }
            Pick::RefreshShop { shops } => {
                let id = shops.get(first).cloned().unwrap_or_default();
                let all: Vec<String> = self.mapping.view.shops.iter().map(|s| s.0.clone()).collect();
                let targets = if id.is_empty() { all } else { vec![id] };
                self.toast(format!("Pulling warehouses of {} shop(s)…", targets.len()), false, now);
                targets.into_iter().map(|shop_id| Command::RefreshWarehouses { shop_id }).collect()
            }
            Pick::HazmatContains { draft } => self.hazmat_contains(*draft, first == 1),
            Pick::HazmatKinds { draft } => self.hazmat_kinds(*draft, chosen),
            Pick::BatteryType { mut draft, types } => {
                if let Some(h) = draft.hazmat.as_mut() {
                    h.battery_type = types.get(first).cloned();
                }
                self.save_draft(*draft)
            }
            Pick::CertFor { draft, certs } => {
                let Some((id, name, needs_expiry)) = certs.get(first).cloned() else { return vec![] };
                let help = if needs_expiry {
                    format!("{name}: path of the PDF or image, then its expiry date (YYYY-MM-DD):")
                } else {
                    format!("{name}: path of the PDF or image:")
                };
                let folder = self.listings.product_folder();
                self.push_prompt("Certificate", &help, &folder, Ask::CertFile { draft, cert_id: id, needs_expiry });
                vec![]
            }
            Pick::AttributeFor { draft, attrs } => match attrs.get(first).cloned() {
                Some(a) => self.attribute_chosen(*draft, a),
                None => vec![],
            },
            Pick::AttributeValues { draft, attr } => self.attribute_values(*draft, *attr, chosen),
            Pick::OverrideField { draft, fields } => {
                let Some(field) = fields.get(first).cloned() else { return vec![] };
                let help = self.override_help(&draft, &field);
                let current = self.override_current(&draft, &field);
                self.push_prompt("Override", &help, &current, Ask::Override { draft, field });
                vec![]
            }
            Pick::ProductField { product, fields } => match fields.get(first).cloned() {
                Some(f) => self.product_field_chosen(*product, f),
                None => vec![],
            },
            Pick::LinkTo { shop_id, product_id, products } => match products.get(first).cloned() {
                Some((store, handle)) => self.link_chosen(shop_id, product_id, store, handle),
                None => vec![],
            },
            Pick::LinkSku { link, tiktok_sku } => self.sku_link_chosen(*link, tiktok_sku, first),
            Pick::BrandFor { shop_id, vendor, brands } => match brands.get(first) {
                Some(b) => vec![Command::Catalog(crate::sync::catalog_commands::CatalogCommand::MapBrand {
                    shop_id,
                    vendor,
                    brand_id: b.id.clone(),
                    brand_name: b.name.clone(),
                })],
                None => vec![],
            },
            Pick::AttrSource { shop_id, category_id, attr, options } => {
                self.attr_source_chosen(shop_id, category_id, *attr, options, first, now)
            }
            Pick::AttrOption { shop_id, category_id, attr, options } => {
                let Some(o) = options.get(first).cloned() else { return vec![] };
                self.attr_source_mapped(shop_id, category_id, *attr, crate::domain::listing::AttributeSource::Option(o))
            }
            Pick::AttrValueFor { mapping, attr, raw, pending } => self.attr_value_chosen(*mapping, *attr, raw, pending, first),
            Pick::AttrFixed { shop_id, category_id, attr } => {
                let values = chosen
                    .iter()
                    .filter_map(|i| attr.values.get(*i))
                    .map(|v| crate::domain::listing::ValueMapping {
                        from: String::new(),
                        value_id: v.id.clone(),
                        value_name: v.name.clone(),
                    })
                    .collect();
                vec![App::attribute_mapping(shop_id, category_id, &attr, crate::domain::listing::AttributeSource::Fixed, values)]
            }
        }
    }

    /// A prompt's text: the next step, or an error that keeps the prompt open.
    pub(crate) fn on_ask(&mut self, purpose: Ask, value: String, now: i64) -> Result<Vec<Command>, String> {
        match purpose {
            Ask::StoreName => {
                crate::domain::shop::validate_store_name(&value)?;
                Ok(vec![Command::AddStore { name: value }])
            }
            Ask::Tracking { carrier, orders, index, lines, done } => self.tracking_typed(carrier, orders, index, lines, done, value),
            Ask::NewTracking { package_id, carrier } => {
                crate::domain::package::validate_tracking(&value)?;
                self.push_confirm(
                    "Update tracking?".into(),
                    format!("Package {package_id} gets tracking number {value} with {carrier}. TikTok allows one change, within 48 hours of shipping."),
                    Command::UpdateTracking { package_id, carrier, tracking: value },
                    false,
                );
                Ok(vec![])
            }
            Ask::CarrierName => {
                if value.is_empty() || value.chars().count() > 64 || value.contains('|') {
                    return Err("a carrier name is 1 to 64 characters, without `|`".into());
                }
                Ok(vec![Command::AddCarrier { name: value }])
            }
            Ask::CarrierFile => {
                if value.is_empty() {
                    return Err("type the path of a CSV file with a `name` column".into());
                }
                self.toast(format!("Importing carriers from {value}…"), false, now);
                Ok(vec![Command::ImportCarriers { path: value.into() }])
            }
            Ask::Package { draft } => self.package_typed(*draft, &value),
            Ask::SizeChart { draft } => self.size_chart_typed(*draft, &value),
            Ask::CertFile { draft, cert_id, needs_expiry } => self.cert_typed(*draft, cert_id, needs_expiry, &value),
            Ask::BatteryName { mut draft } => {
                if value.is_empty() {
                    return Err("type the battery type".into());
                }
                if let Some(h) = draft.hazmat.as_mut() {
                    h.battery_type = Some(value);
                }
                Ok(self.save_draft(*draft))
            }
            Ask::CustomValue { mut draft, attr_id } => {
                if value.is_empty() {
                    return Err("type a value".into());
                }
                draft.attributes.insert(attr_id, vec![crate::domain::listing::ChosenValue { id: String::new(), name: value }]);
                Ok(self.save_draft(*draft))
            }
            Ask::Override { draft, field } => self.override_typed(*draft, &field, &value),
            Ask::ProductValue { product, field } => self.product_typed(*product, &field, &value),
            Ask::ImportFile => self.import_typed(&value, now),
            Ask::BrandPrefix { shop_id, vendor } => {
                self.awaiting = Some(Awaiting::Brands { shop_id: shop_id.clone(), vendor: vendor.clone() });
                self.toast("Asking TikTok for brands…", false, now);
                Ok(vec![Command::Catalog(crate::sync::catalog_commands::CatalogCommand::FetchBrands { shop_id, vendor, prefix: value })])
            }
            Ask::NewBrand { shop_id, vendor } => {
                let n = value.chars().count();
                if !(2..=30).contains(&n) {
                    return Err(format!("{n} characters: TikTok takes brand names of 2 to 30"));
                }
                Ok(vec![Command::Catalog(crate::sync::catalog_commands::CatalogCommand::CreateBrand { shop_id, vendor, name: value })])
            }
            Ask::TagPrefix { shop_id, category_id, attr } => {
                if value.is_empty() {
                    return Err("type the tag prefix, e.g. Material".into());
                }
                Ok(self.attr_source_mapped(shop_id, category_id, *attr, crate::domain::listing::AttributeSource::Tag(value)))
            }
            Ask::RejectComment { cancel_id, order_id, reason, reason_text } => {
                self.push_confirm(
                    "Reject the cancellation?".into(),
                    format!("Reject the buyer's request to cancel order {order_id}: {reason_text}. The order stays to ship."),
                    Command::AnswerCancellation { cancel_id, approve: false, reason, comment: value },
                    true,
                );
                Ok(vec![])
            }
        }
    }

    /// An engine answer a flow waits for; true when it was used.
    pub(crate) fn on_awaited(&mut self, u: &Update, now: i64) -> bool {
        let Some(w) = self.awaiting.clone() else { return false };
        let used = match (&w, u) {
            (Awaiting::Handover { order_id, package_id }, Update::HandoverSlots { package_id: p, can_pickup, can_drop_off, slots })
                if p == package_id =>
            {
                self.handover_options(order_id.clone(), p.clone(), *can_pickup, *can_drop_off, slots, now);
                true
            }
            (Awaiting::Combinable { shop_id, prefer }, Update::Combinable { shop_id: s, groups }) if s == shop_id => {
                self.combinable(shop_id.clone(), prefer.clone(), groups.clone(), now);
                true
            }
            (Awaiting::RejectReasons { cancel_id, order_id }, Update::RejectReasons { cancel_id: c, reasons }) if c == cancel_id => {
                self.reject_reasons(cancel_id.clone(), order_id.clone(), reasons.clone(), now);
                true
            }
            (Awaiting::Brands { shop_id, vendor }, Update::Brands { shop_id: s, vendor: v, brands }) if s == shop_id && v == vendor => {
                self.brands_arrived(s.clone(), v.clone(), brands.clone(), now);
                true
            }
            (
                Awaiting::Recommendation { shop_id, product_type },
                Update::Recommended { shop_id: s, product_type: t, category_id, path },
            ) if s == shop_id && t == product_type => {
                self.recommended(s.clone(), t.clone(), category_id.clone(), path.clone());
                true
            }
            // The engine could not answer: the failure message says why; stop waiting.
            (_, Update::Failed(_)) => {
                self.awaiting = None;
                false
            }
            _ => false,
        };
        if used {
            self.awaiting = None;
        }
        used
    }
}
