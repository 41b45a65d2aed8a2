//! Per-shop overrides of a product (CAT-PRE-DESCRIP, CAT-PRE-WAREHOUSE): the TikTok title,
//! description and price, and the stock per TikTok sales warehouse. Each prompt starts from
//! what the shop shows now; empty or unchanged means no override.

use super::Pick;
use super::listing::decimal;
use crate::domain::listing::ListingDraft;
use crate::domain::package::Warehouse;
use crate::sync::Command;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};

impl App {
    /// The shop's active sales warehouses, the default first.
    fn sales_warehouses(&self, shop_id: &str) -> Vec<Warehouse> {
        let mut w: Vec<Warehouse> =
            self.mapping.view.warehouses.iter().filter(|w| w.shop_id == shop_id && w.kind == "SALES_WAREHOUSE").cloned().collect();
        w.sort_by_key(|w| (!w.is_default, w.name.clone()));
        w
    }

    pub(crate) fn start_override(&mut self, now: i64) -> Vec<Command> {
        let (Some(d), Some(p)) = (self.listing_draft(now), self.listings.selected_product().cloned()) else { return vec![] };
        let houses = self.sales_warehouses(&d.shop_id);
        // (field key, label): stock is per warehouse when the shop has several.
        let mut fields: Vec<(String, String)> =
            vec![("title".into(), "TikTok title".into()), ("description".into(), "TikTok description".into())];
        fields.extend(p.variants.iter().map(|v| (format!("price {}", v.sku), format!("TikTok price {}", v.sku))));
        for v in &p.variants {
            if houses.len() > 1 {
                fields
                    .extend(houses.iter().map(|w| (format!("stock {} {}", v.sku, w.id), format!("TikTok stock {} in {}", v.sku, w.name))));
            } else {
                fields.push((format!("stock {}", v.sku), format!("TikTok stock {}", v.sku)));
            }
        }
        let items = fields.iter().map(|(_, label)| PickItem::new(label.clone(), "")).collect();
        self.push_picker(Picker::one(
            "Override for this shop",
            format!("What should {} show on this shop?", p.handle),
            items,
            Pick::OverrideField { draft: Box::new(d), fields: fields.into_iter().map(|(k, _)| k).collect() },
        ));
        vec![]
    }

    /// The warehouse a stock field names, or the shop's default sales warehouse.
    fn stock_target(&self, d: &ListingDraft, rest: &str) -> Result<(String, String), String> {
        if let Some((sku, wh)) = rest.split_once(' ') {
            return Ok((sku.to_string(), wh.to_string()));
        }
        let wh = self
            .sales_warehouses(&d.shop_id)
            .first()
            .map(|w| w.id.clone())
            .ok_or("the shop's warehouses are not known: pull them in the Mapping pane (r)")?;
        Ok((rest.to_string(), wh))
    }

    /// What the shop shows now for an override field: the override, else the platform's value
    /// (offered for editing, e.g. to take a link out of a description).
    pub(crate) fn override_current(&self, d: &ListingDraft, field: &str) -> String {
        let Some(p) = self.listings.selected_product() else { return String::new() };
        let variant = |sku: &str| p.variants.iter().find(|v| v.sku == sku);
        match field.split_once(' ') {
            None if field == "title" => d.title.clone().unwrap_or_else(|| p.title.clone()),
            None => d.description.clone().unwrap_or_else(|| p.description_html.clone()),
            Some(("price", sku)) => d.prices.get(sku).copied().or(variant(sku).map(|v| v.price)).map(|x| x.to_string()).unwrap_or_default(),
            Some((_, rest)) => {
                let Ok((sku, wh)) = self.stock_target(d, rest) else { return String::new() };
                let default = self.sales_warehouses(&d.shop_id).first().map(|w| w.id.clone());
                match d.inventory.get(&sku) {
                    Some(per) => per.get(&wh).copied().unwrap_or(0).to_string(),
                    None if default.as_deref() == Some(wh.as_str()) => variant(&sku).map(|v| v.inventory.to_string()).unwrap_or_default(),
                    None => "0".into(),
                }
            }
        }
    }

    pub(crate) fn override_typed(&mut self, mut d: ListingDraft, field: &str, value: &str) -> Result<Vec<Command>, String> {
        let v = value.trim();
        // Empty, or the platform's own value: no override (later platform edits show through).
        let platform =
            self.listings.selected_product().map(|p| if field == "title" { p.title.clone() } else { p.description_html.clone() });
        let own = |v: &str| (!v.is_empty() && platform.as_deref() != Some(v)).then(|| v.to_string());
        match field.split_once(' ') {
            None if field == "title" => d.title = own(v),
            None => d.description = own(v),
            Some(("price", sku)) => {
                d.prices.insert(sku.into(), decimal(v, "price")?);
            }
            Some((_, rest)) => {
                let q: i64 = v.parse().ok().filter(|q| *q >= 0).ok_or_else(|| format!("{v:?} is not a whole number of units"))?;
                let (sku, wh) = self.stock_target(&d, rest)?;
                let default = self.sales_warehouses(&d.shop_id).first().map(|w| w.id.clone());
                let platform_stock =
                    self.listings.selected_product().and_then(|p| p.variants.iter().find(|x| x.sku == sku)).map(|x| x.inventory);
                let per = d.inventory.entry(sku).or_default();
                // The first override of a SKU keeps the platform's stock in the default
                // warehouse, so stocking a second warehouse does not empty the first.
                if let (true, Some(def), Some(n)) = (per.is_empty(), default.filter(|def| *def != wh), platform_stock) {
                    per.insert(def, n);
                }
                // 0: not stocked there (TikTok takes 1 to 99,999 per warehouse listed).
                if q == 0 {
                    per.remove(&wh);
                } else {
                    per.insert(wh, q);
                }
            }
        }
        Ok(self.save_draft(d))
    }
}
