//! The carrier side of the Mapping pane: the platform's carriers, their mappings, and what
//! each shop's warehouses offer to map them to.

use crate::domain::package::{Carrier, CarrierMapping, DeliveryOption, ShippingProvider, Warehouse};
use crate::store::{Store, StoreResult};
use serde::{Deserialize, Serialize};

/// Carriers, their mappings, and what each shop offers to map them to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MappingView {
    pub carriers: Vec<Carrier>,
    pub mappings: Vec<CarrierMapping>,
    pub warehouses: Vec<Warehouse>,
    /// Live shops: (id, name, region).
    pub shops: Vec<(String, String, String)>,
}

impl MappingView {
    pub fn shop_name(&self, id: &str) -> String {
        self.shops.iter().find(|s| s.0 == id).map(|s| format!("{} {}", s.1, s.2)).unwrap_or_else(|| id.to_string())
    }

    /// A short label: the first word of the shop's name and its region ("Maomao US").
    pub fn shop_short(&self, id: &str) -> String {
        self.shops
            .iter()
            .find(|s| s.0 == id)
            .map(|s| format!("{} {}", s.1.split_whitespace().next().unwrap_or(""), s.2))
            .unwrap_or_else(|| id.to_string())
    }

    /// A shop's delivery options over all its warehouses, each once.
    pub fn options(&self, shop_id: &str) -> Vec<DeliveryOption> {
        let mut out: Vec<DeliveryOption> = Vec::new();
        for o in self.warehouses.iter().filter(|w| w.shop_id == shop_id).flat_map(|w| w.delivery_options.iter()) {
            if !out.iter().any(|x| x.id == o.id) {
                out.push(o.clone());
            }
        }
        out
    }

    /// The providers of one delivery option, or of every option when `option_id` is empty.
    pub fn providers(&self, shop_id: &str, option_id: &str) -> Vec<ShippingProvider> {
        let mut out: Vec<ShippingProvider> = Vec::new();
        for o in self.options(shop_id).into_iter().filter(|o| option_id.is_empty() || o.id == option_id) {
            for p in o.providers {
                if !out.iter().any(|x| x.id == p.id) {
                    out.push(p);
                }
            }
        }
        out
    }
}

impl Store {
    pub fn carriers_view(&self) -> StoreResult<MappingView> {
        Ok(MappingView {
            carriers: self.carriers()?,
            mappings: self.carrier_mappings()?,
            warehouses: self.warehouses(None)?,
            shops: self
                .list_shops()?
                .into_iter()
                .filter(|s| s.status.syncs())
                .map(|s| (s.id, s.name, s.region))
                .collect(),
        })
    }
}
