//! What panes show, read from the store page by page. The UI only reads.

use crate::domain::attention::AttentionItem;
use crate::domain::order::{Order, StatusChange};
use crate::domain::package::{Cancellation, Carrier, CarrierMapping, DeliveryOption, Package, ShippingProvider, Warehouse};
use crate::domain::shop::{Shop, ShopStatus};
use crate::store::Store;
use crate::store::orders::{OrderPage, OrderQuery};

#[derive(Clone, Debug, PartialEq)]
pub struct ShopLine {
    pub shop: Shop,
    pub seller: String,
    pub access_expires: Option<i64>,
    pub authorization_expires: Option<i64>,
}

// A handful of rows per pane: boxing the shop line would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ShopsRow {
    Store { name: String, live_shops: usize },
    Shop(ShopLine),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShopsView {
    pub rows: Vec<ShopsRow>,
}

impl ShopsView {
    /// Stores in name order, each followed by its shops (live first, then disconnected history).
    pub fn build(stores: Vec<String>, shops: Vec<ShopLine>) -> ShopsView {
        let mut rows = Vec::new();
        let mut names = stores;
        for s in &shops {
            if !names.contains(&s.shop.store) {
                names.push(s.shop.store.clone());
            }
        }
        names.sort();
        for name in names {
            let mut mine: Vec<&ShopLine> = shops.iter().filter(|s| s.shop.store == name).collect();
            mine.sort_by_key(|s| (s.shop.status == ShopStatus::Disconnected, s.shop.name.clone(), s.shop.region.clone()));
            let live = mine.iter().filter(|s| s.shop.status != ShopStatus::Disconnected).count();
            rows.push(ShopsRow::Store { name: name.clone(), live_shops: live });
            rows.extend(mine.into_iter().cloned().map(ShopsRow::Shop));
        }
        ShopsView { rows }
    }

    pub fn store_names(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter_map(|r| match r {
                ShopsRow::Store { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn shop(&self, id: &str) -> Option<&ShopLine> {
        self.rows.iter().find_map(|r| match r {
            ShopsRow::Shop(l) if l.shop.id == id => Some(l),
            _ => None,
        })
    }

    /// The soonest "re-authorize by" deadline among live shops.
    pub fn soonest_reauthorization(&self) -> Option<(String, i64)> {
        self.rows
            .iter()
            .filter_map(|r| match r {
                ShopsRow::Shop(l) => match l.shop.status {
                    ShopStatus::ReauthorizeBy(t) => Some((l.shop.name.clone(), t)),
                    _ => None,
                },
                _ => None,
            })
            .min_by_key(|(_, t)| *t)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct InboxView {
    pub items: Vec<AttentionItem>,
}

/// One order with everything the detail view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderDetailView {
    pub order: Order,
    pub history: Vec<StatusChange>,
    pub packages: Vec<Package>,
    pub cancellations: Vec<Cancellation>,
    /// Line id → the platform SKU it is (CAT-PRE-CAMPAIGN).
    pub platform: std::collections::BTreeMap<String, crate::domain::sku_map::PlatformSku>,
}

/// Carriers, their mappings, and what each shop offers to map them to.
#[derive(Clone, Debug, Default, PartialEq)]
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

/// Where views come from (the store, or fixed data in tests). Order-side views default to
/// empty so small test sources need not provide them.
pub trait ViewSource {
    fn shops(&self) -> Result<ShopsView, String>;
    fn inbox(&self) -> Result<InboxView, String>;
    fn orders(&self, _q: &OrderQuery, _after: Option<&str>, _limit: usize) -> Result<OrderPage, String> {
        Ok(OrderPage::default())
    }
    fn order_count(&self) -> u64 {
        0
    }
    fn order_detail(&self, _id: &str) -> Result<Option<OrderDetailView>, String> {
        Ok(None)
    }
    /// Packages newest first after a key: (packages, their keys, more follow).
    fn packages(&self, _after: Option<&str>, _limit: usize) -> Result<(Vec<Package>, Vec<String>, bool), String> {
        Ok((vec![], vec![], false))
    }
    fn mapping(&self) -> Result<MappingView, String> {
        Ok(MappingView::default())
    }
    fn cancellation(&self, _id: &str) -> Result<Option<Cancellation>, String> {
        Ok(None)
    }
    fn catalog(&self) -> Result<super::view_catalog::CatalogView, String> {
        Ok(super::view_catalog::CatalogView::default())
    }
    fn category_tree(&self, _shop: &str) -> Result<Option<crate::domain::tiktok_catalog::CategoryTree>, String> {
        Ok(None)
    }
}

impl ViewSource for Store {
    fn shops(&self) -> Result<ShopsView, String> {
        let stores = self.list_stores().map_err(|e| e.to_string())?.into_iter().map(|s| s.name).collect();
        let grants = self.list_grants().map_err(|e| e.to_string())?;
        let lines = self
            .list_shops()
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|shop| {
                let g = grants.iter().find(|g| g.open_id == shop.grant_id && shop.status != ShopStatus::Disconnected);
                ShopLine {
                    seller: g.map(|g| g.seller_name.clone()).unwrap_or_default(),
                    access_expires: g.map(|g| g.access_token_expire_in),
                    authorization_expires: g.map(|g| g.refresh_token_expire_in),
                    shop,
                }
            })
            .collect();
        Ok(ShopsView::build(stores, lines))
    }

    fn inbox(&self) -> Result<InboxView, String> {
        // Open items are few by nature (they are what needs a person); read them in one page.
        Ok(InboxView { items: self.open_attention().map_err(|e| e.to_string())? })
    }

    fn orders(&self, q: &OrderQuery, after: Option<&str>, limit: usize) -> Result<OrderPage, String> {
        self.order_page(q, after, limit).map_err(|e| e.to_string())
    }

    fn order_count(&self) -> u64 {
        Store::order_count(self).unwrap_or(0)
    }

    fn order_detail(&self, id: &str) -> Result<Option<OrderDetailView>, String> {
        let e = |e: crate::store::StoreError| e.to_string();
        let Some(order) = self.get_order(id).map_err(e)? else { return Ok(None) };
        let history = self.order_history(id).map_err(e)?;
        let mut ids: Vec<String> =
            order.lines.iter().filter_map(|l| l.package_id.clone()).chain(order.package_ids.iter().cloned()).collect();
        ids.sort();
        ids.dedup();
        let packages = ids.iter().filter_map(|p| self.get_package(p).ok().flatten()).collect();
        let cancellations = self.cancellations_of(id).map_err(e)?;
        let platform = self.platform_skus(&order).map_err(e)?;
        Ok(Some(OrderDetailView { order, history, packages, cancellations, platform }))
    }

    fn packages(&self, after: Option<&str>, limit: usize) -> Result<(Vec<Package>, Vec<String>, bool), String> {
        self.package_page(after, limit).map_err(|e| e.to_string())
    }

    fn cancellation(&self, id: &str) -> Result<Option<Cancellation>, String> {
        self.get_cancellation(id).map_err(|e| e.to_string())
    }

    fn catalog(&self) -> Result<super::view_catalog::CatalogView, String> {
        super::view_catalog::catalog_view(self)
    }

    fn category_tree(&self, shop: &str) -> Result<Option<crate::domain::tiktok_catalog::CategoryTree>, String> {
        super::view_catalog::category_tree(self, shop)
    }

    fn mapping(&self) -> Result<MappingView, String> {
        let e = |e: crate::store::StoreError| e.to_string();
        Ok(MappingView {
            carriers: self.carriers().map_err(e)?,
            mappings: self.carrier_mappings().map_err(e)?,
            warehouses: self.warehouses(None).map_err(e)?,
            shops: self.list_shops().map_err(e)?.into_iter().filter(|s| s.status.syncs()).map(|s| (s.id, s.name, s.region)).collect(),
        })
    }
}
