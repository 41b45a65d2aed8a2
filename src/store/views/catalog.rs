//! What the Listings pane and the catalogue sections of the Mapping pane show, a shop at a
//! time: the shop's catalogue context (mappings, prerequisites, the rules of its categories),
//! a page of the store's products each with its listings, check and draft on the shop, then
//! the shop's TikTok products nobody matched; and the store's product types and vendors.

use super::Page;
use crate::domain::catalog::Product;
use crate::domain::listing::{AttributeMapping, BrandMapping, CategoryMapping, Listing, ListingDraft};
use crate::domain::listing_check::CheckReport;
use crate::domain::tiktok_catalog::{CategoryRequirements, Prerequisites};
use crate::store::{Store, StoreResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One shop's catalogue context: small (mappings and rules per category), read whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShopCatalog {
    pub shop_id: String,
    /// The platform store the shop lists.
    pub store: String,
    pub products: u64,
    pub prerequisites: Option<Prerequisites>,
    pub category_maps: Vec<CategoryMapping>,
    pub brand_maps: Vec<BrandMapping>,
    pub attribute_maps: Vec<AttributeMapping>,
    /// The cached rules and attributes of each mapped category, by category id.
    pub requirements: BTreeMap<String, CategoryRequirements>,
}

impl ShopCatalog {
    pub fn category_map(&self, product_type: &str) -> Option<&CategoryMapping> {
        self.category_maps.iter().find(|m| m.product_type == product_type)
    }

    pub fn brand_map(&self, vendor: &str) -> Option<&BrandMapping> {
        self.brand_maps.iter().find(|m| m.vendor == vendor)
    }

    /// The product types mapped to a category.
    pub fn types_in(&self, category_id: &str) -> Vec<String> {
        self.category_maps.iter().filter(|m| m.category_id == category_id).map(|m| m.product_type.clone()).collect()
    }
}

/// A row of the Listings pane.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ListingEntry {
    /// A platform product with what it is on the shop.
    Product(ProductOnShop),
    /// A TikTok product made elsewhere that no platform SKU matches.
    Unmatched(Listing),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductOnShop {
    pub product: Product,
    /// Its TikTok products on the shop, newest first.
    pub listings: Vec<Listing>,
    pub check: Option<CheckReport>,
    pub draft: Option<ListingDraft>,
    /// The rules of its category here (the draft's, else its product type's mapping).
    pub requirements: Option<CategoryRequirements>,
    /// The sync state of each of its TikTok products here (stops, last push, drift).
    #[serde(default)]
    pub live: Vec<crate::domain::listing_sync::LiveSync>,
}

impl ProductOnShop {
    /// The listing that says where the product stands on the shop.
    pub fn listing(&self) -> Option<&Listing> {
        self.listings.first()
    }

    /// What the operator set for it on the shop, or an empty draft.
    pub fn draft_or_new(&self, shop_id: &str) -> ListingDraft {
        self.draft.clone().unwrap_or_else(|| ListingDraft {
            shop_id: shop_id.into(),
            store: self.product.store.clone(),
            handle: self.product.handle.clone(),
            ..ListingDraft::default()
        })
    }
}

/// Page keys: products first (`p|{handle}`), then unmatched TikTok products (`u|{product id}`).
const PRODUCT_KEY: &str = "p|";
const UNMATCHED_KEY: &str = "u|";

impl Store {
    pub fn shop_catalog(&self, shop_id: &str, store: &str) -> StoreResult<ShopCatalog> {
        let category_maps = self.category_mappings(Some(shop_id))?;
        let mut requirements = BTreeMap::new();
        for m in &category_maps {
            if let Some(r) = self.requirements(shop_id, &m.category_id)? {
                requirements.insert(m.category_id.clone(), r);
            }
        }
        Ok(ShopCatalog {
            shop_id: shop_id.into(),
            store: store.into(),
            products: self.store_product_count(store)?,
            prerequisites: self.prerequisites(shop_id)?,
            brand_maps: self.brand_mappings(Some(shop_id))?,
            attribute_maps: self.attribute_mappings(shop_id, None)?,
            category_maps,
            requirements,
        })
    }

    /// A page of the Listings pane for a shop listing `store`: at most `limit` rows after the
    /// page key `after`.
    pub fn listing_page(
        &self,
        shop_id: &str,
        store: &str,
        after: Option<&str>,
        limit: usize,
    ) -> StoreResult<Page<ListingEntry>> {
        let mut page = Page::default();
        let unmatched_after = match after {
            Some(a) if a.starts_with(UNMATCHED_KEY) => Some(a[UNMATCHED_KEY.len()..].to_string()),
            _ => {
                let from = after.and_then(|a| a.strip_prefix(PRODUCT_KEY)).map(|h| format!("{store}|{h}"));
                // One more than asked, to know whether more follow.
                let products = self.products(Some(store), from.as_deref(), limit + 1)?;
                for p in products.into_iter().take(limit) {
                    page.keys.push(format!("{PRODUCT_KEY}{}", p.handle));
                    page.rows.push(ListingEntry::Product(self.product_on_shop(shop_id, p)?));
                }
                None
            }
        };
        if page.rows.len() < limit + 1 {
            let want = limit + 1 - page.rows.len();
            for l in self.unmatched_listings(shop_id, unmatched_after.as_deref(), want)? {
                page.keys.push(format!("{UNMATCHED_KEY}{}", l.product_id));
                page.rows.push(ListingEntry::Unmatched(l));
            }
        }
        if page.rows.len() > limit {
            page.rows.truncate(limit);
            page.keys.truncate(limit);
            page.next = page.keys.last().cloned();
        }
        Ok(page)
    }

    fn product_on_shop(&self, shop_id: &str, product: Product) -> StoreResult<ProductOnShop> {
        let draft = self.draft(shop_id, &product.store, &product.handle)?;
        let category = match draft.as_ref().and_then(|d| d.category_id.clone()) {
            Some(c) => Some(c),
            None => self.category_mapping(shop_id, &product.product_type)?.map(|m| m.category_id),
        };
        let requirements = match &category {
            Some(c) => self.requirements(shop_id, c)?,
            None => None,
        };
        let listings = self.listings_of(shop_id, &product.store, &product.handle)?;
        let mut live = Vec::new();
        for l in &listings {
            live.extend(self.live_sync(shop_id, &l.product_id)?);
        }
        Ok(ProductOnShop {
            live,
            listings,
            check: self.last_check(shop_id, &product.store, &product.handle)?,
            draft,
            requirements,
            product,
        })
    }

    /// Products of a store with one of these types (at most `limit`): what an attribute's
    /// values can come from.
    pub fn products_of_types(&self, store: &str, types: &[String], limit: usize) -> StoreResult<Vec<Product>> {
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let batch = self.products(Some(store), after.as_deref(), 500)?;
            let Some(last) = batch.last() else { break };
            after = Some(format!("{}|{}", last.store, last.handle));
            let n = batch.len();
            out.extend(batch.into_iter().filter(|p| types.contains(&p.product_type)));
            if out.len() >= limit || n < 500 {
                break;
            }
        }
        out.truncate(limit);
        Ok(out)
    }
}
