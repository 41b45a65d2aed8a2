//! The Shops pane's view (stores, each with its shops) and the Inbox's.

use crate::domain::attention::AttentionItem;
use crate::domain::shop::{Shop, ShopStatus};
use crate::store::{Store, StoreResult};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopLine {
    pub shop: Shop,
    pub seller: String,
    pub access_expires: Option<i64>,
    pub authorization_expires: Option<i64>,
}

// A handful of rows per pane: boxing the shop line would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ShopsRow {
    Store { name: String, live_shops: usize },
    Shop(ShopLine),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
            mine.sort_by_key(|s| {
                (s.shop.status == ShopStatus::Disconnected, s.shop.name.clone(), s.shop.region.clone())
            });
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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InboxView {
    pub items: Vec<AttentionItem>,
}

impl Store {
    /// Stores and their shops, each live shop with its seller and expiries.
    pub fn shops_view(&self) -> StoreResult<ShopsView> {
        let stores = self.list_stores()?.into_iter().map(|s| s.name).collect();
        let grants = self.list_grants()?;
        let lines = self
            .list_shops()?
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

    pub fn inbox_view(&self) -> StoreResult<InboxView> {
        // Open items are few by nature (they are what needs a person); read them in one page.
        Ok(InboxView { items: self.open_attention()? })
    }
}
