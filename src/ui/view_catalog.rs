//! What the Listings pane and the catalogue half of the Mapping pane show, read from the store.

use crate::domain::catalog::Product;
use crate::domain::listing::{AttributeMapping, BrandMapping, CategoryMapping, Listing, ListingDraft, Origin};
use crate::domain::listing_check::CheckReport;
use crate::domain::shop::Shop;
use crate::domain::tiktok_catalog::{CategoryRequirements, CategoryTree, Prerequisites};
use crate::store::Store;
use std::collections::BTreeMap;

/// `(shop id, store, handle)`.
pub type ListingKey = (String, String, String);

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogView {
    pub products: Vec<Product>,
    /// Live shops: (id, name, region).
    pub shops: Vec<(String, String, String)>,
    /// The platform store each live shop is connected to: a shop lists its own store's products.
    pub shop_stores: BTreeMap<String, String>,
    pub listings: Vec<Listing>,
    pub checks: BTreeMap<ListingKey, CheckReport>,
    pub drafts: BTreeMap<ListingKey, ListingDraft>,
    pub prerequisites: BTreeMap<String, Prerequisites>,
    pub category_maps: Vec<CategoryMapping>,
    pub brand_maps: Vec<BrandMapping>,
    pub attribute_maps: Vec<AttributeMapping>,
    /// Cached requirements by (shop, category).
    pub requirements: BTreeMap<(String, String), CategoryRequirements>,
}

impl CatalogView {
    pub fn listing_of(&self, shop: &str, p: &Product) -> Option<&Listing> {
        self.listings.iter().filter(|l| l.shop_id == shop && l.store == p.store && l.handle == p.handle).max_by_key(|l| l.updated_at)
    }

    pub fn unmatched(&self, shop: &str) -> Vec<&Listing> {
        self.listings.iter().filter(|l| l.shop_id == shop && l.origin == Origin::Unmatched).collect()
    }

    pub fn key(shop: &str, p: &Product) -> ListingKey {
        (shop.to_string(), p.store.clone(), p.handle.clone())
    }

    pub fn category_of(&self, shop: &str, p: &Product) -> Option<String> {
        let d = self.drafts.get(&Self::key(shop, p)).and_then(|d| d.category_id.clone());
        d.or_else(|| {
            self.category_maps.iter().find(|m| m.shop_id == shop && m.product_type == p.product_type).map(|m| m.category_id.clone())
        })
    }

    pub fn requirements_of(&self, shop: &str, p: &Product) -> Option<&CategoryRequirements> {
        let c = self.category_of(shop, p)?;
        self.requirements.get(&(shop.to_string(), c))
    }

    /// "Maomao Beauty (GB)", or just the name when it already ends with the region.
    pub fn shop_label(&self, index: usize) -> String {
        match self.shops.get(index) {
            Some((_, name, region)) if name.ends_with(region.as_str()) => name.clone(),
            Some((_, name, region)) => format!("{name} ({region})"),
            None => "no shop".into(),
        }
    }

    /// Whether a product belongs to the store the shop is connected to.
    pub fn on_shop(&self, shop: &str, p: &Product) -> bool {
        self.shop_stores.get(shop).is_none_or(|s| *s == p.store)
    }

    /// The products a shop lists whose product type is mapped to `category_id` there.
    pub fn products_in_category(&self, shop: &str, category_id: &str) -> Vec<&Product> {
        let types: Vec<&str> = self
            .category_maps
            .iter()
            .filter(|m| m.shop_id == shop && m.category_id == category_id)
            .map(|m| m.product_type.as_str())
            .collect();
        self.products.iter().filter(|p| self.on_shop(shop, p) && types.contains(&p.product_type.as_str())).collect()
    }

    /// The products a shop lists, as indices into `products`.
    pub fn products_of(&self, shop: &str) -> Vec<usize> {
        (0..self.products.len()).filter(|i| self.on_shop(shop, &self.products[*i])).collect()
    }

    /// Distinct product types and vendors of the shop's store.
    pub fn product_types(&self, shop: &str) -> Vec<String> {
        let mut v: Vec<String> =
            self.products.iter().filter(|p| self.on_shop(shop, p)).map(|p| p.product_type.clone()).filter(|t| !t.is_empty()).collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn vendors(&self, shop: &str) -> Vec<String> {
        let mut v: Vec<String> =
            self.products.iter().filter(|p| self.on_shop(shop, p)).map(|p| p.vendor.clone()).filter(|t| !t.is_empty()).collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Read the whole catalogue view (catalogues are thousands of products at most).
pub fn catalog_view(s: &Store) -> Result<CatalogView, String> {
    let live: Vec<Shop> = s.list_shops().map_err(|e| e.to_string())?.into_iter().filter(|x| x.status.syncs()).collect();
    catalog_view_for(s, live)
}

/// The catalogue view against the given live shops.
pub fn catalog_view_for(s: &Store, live: Vec<Shop>) -> Result<CatalogView, String> {
    let e = |e: crate::store::StoreError| e.to_string();
    let products = s.products(None, None, usize::MAX).map_err(e)?;
    let shop_stores = live.iter().map(|x| (x.id.clone(), x.store.clone())).collect();
    let shops: Vec<(String, String, String)> = live.into_iter().map(|x| (x.id, x.name, x.region)).collect();
    let mut checks = BTreeMap::new();
    let mut drafts = BTreeMap::new();
    let mut prerequisites = BTreeMap::new();
    let mut requirements = BTreeMap::new();
    let category_maps = s.category_mappings(None).map_err(e)?;
    for (shop, _, _) in &shops {
        for p in products.iter().filter(|p| shop_stores_has(&shop_stores, shop, p)) {
            let k = CatalogView::key(shop, p);
            if let Some(r) = s.last_check(shop, &p.store, &p.handle).map_err(e)? {
                checks.insert(k.clone(), r);
            }
            if let Some(d) = s.draft(shop, &p.store, &p.handle).map_err(e)? {
                if let Some(c) = &d.category_id
                    && let Some(r) = s.requirements(shop, c).map_err(e)?
                {
                    requirements.insert((shop.clone(), c.clone()), r);
                }
                drafts.insert(k, d);
            }
        }
        if let Some(p) = s.prerequisites(shop).map_err(e)? {
            prerequisites.insert(shop.clone(), p);
        }
        for m in category_maps.iter().filter(|m| &m.shop_id == shop) {
            if let Some(r) = s.requirements(shop, &m.category_id).map_err(e)? {
                requirements.insert((shop.clone(), m.category_id.clone()), r);
            }
        }
    }
    let mut attribute_maps = Vec::new();
    for (shop, _, _) in &shops {
        attribute_maps.extend(s.attribute_mappings(shop, None).map_err(e)?);
    }
    Ok(CatalogView {
        products,
        shops,
        shop_stores,
        listings: s.listings(None).map_err(e)?,
        checks,
        drafts,
        prerequisites,
        category_maps,
        brand_maps: s.brand_mappings(None).map_err(e)?,
        attribute_maps,
        requirements,
    })
}

fn shop_stores_has(m: &BTreeMap<String, String>, shop: &str, p: &Product) -> bool {
    m.get(shop).is_none_or(|s| *s == p.store)
}

/// A shop's cached category tree (any version and locale), for the category picker.
pub fn category_tree(s: &Store, shop: &str) -> Result<Option<CategoryTree>, String> {
    s.any_category_tree(shop).map_err(|e| e.to_string())
}
