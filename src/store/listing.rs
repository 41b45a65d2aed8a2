//! TikTok's catalogue cached per shop (category trees, category requirements, prerequisites),
//! the mappings (categories, brands, attributes), listing drafts and listings.

use super::Store;
use super::codec::{decode, get_str, put_str};
use super::error::StoreResult;
use super::schema::{
    ATTRIBUTE_MAP, BRAND_MAP, CATEGORY_MAP, CATEGORY_RULES, CATEGORY_TREES, LISTING_BY_PRODUCT, LISTING_CHECKS,
    LISTING_DRAFTS, LISTING_UNMATCHED, LISTINGS, PREREQUISITES,
};
use crate::domain::listing::{AttributeMapping, BrandMapping, CategoryMapping, Listing, ListingDraft, Origin};
use crate::domain::listing_check::CheckReport;
use crate::domain::tiktok_catalog::{CategoryRequirements, CategoryTree, Prerequisites};
use redb::{TableDefinition, WriteTransaction};
use serde::de::DeserializeOwned;

fn tree_key(shop: &str, version: &str, locale: &str) -> String {
    format!("{shop}|{version}|{locale}")
}

fn draft_key(shop: &str, store: &str, handle: &str) -> String {
    format!("{shop}|{store}|{handle}")
}

pub fn put_category_tree(txn: &WriteTransaction, t: &CategoryTree) -> StoreResult<()> {
    put_str(&mut txn.open_table(CATEGORY_TREES)?, &tree_key(&t.shop_id, &t.version, &t.locale), t)
}

pub fn put_requirements(txn: &WriteTransaction, r: &CategoryRequirements) -> StoreResult<()> {
    put_str(&mut txn.open_table(CATEGORY_RULES)?, &format!("{}|{}", r.shop_id, r.category_id), r)
}

pub fn put_prerequisites(txn: &WriteTransaction, p: &Prerequisites) -> StoreResult<()> {
    put_str(&mut txn.open_table(PREREQUISITES)?, &p.shop_id, p)
}

pub fn map_category(txn: &WriteTransaction, m: &CategoryMapping) -> StoreResult<()> {
    put_str(&mut txn.open_table(CATEGORY_MAP)?, &format!("{}|{}", m.shop_id, m.product_type), m)
}

pub fn map_brand(txn: &WriteTransaction, m: &BrandMapping) -> StoreResult<()> {
    put_str(&mut txn.open_table(BRAND_MAP)?, &format!("{}|{}", m.shop_id, m.vendor), m)
}

pub fn map_attribute(txn: &WriteTransaction, m: &AttributeMapping) -> StoreResult<()> {
    put_str(&mut txn.open_table(ATTRIBUTE_MAP)?, &format!("{}|{}|{}", m.shop_id, m.category_id, m.attribute_id), m)
}

pub fn put_draft(txn: &WriteTransaction, d: &ListingDraft) -> StoreResult<()> {
    put_str(&mut txn.open_table(LISTING_DRAFTS)?, &draft_key(&d.shop_id, &d.store, &d.handle), d)
}

pub fn put_check(txn: &WriteTransaction, shop: &str, store: &str, handle: &str, r: &CheckReport) -> StoreResult<()> {
    put_str(&mut txn.open_table(LISTING_CHECKS)?, &draft_key(shop, store, handle), r)
}

/// Upsert a listing; an older `updated_at` never overwrites a newer one.
pub fn put_listing(txn: &WriteTransaction, l: &Listing) -> StoreResult<bool> {
    let mut t = txn.open_table(LISTINGS)?;
    let old: Option<Listing> = get_str(&t, "listings", &l.key())?;
    if old.as_ref().is_some_and(|o| o.updated_at > l.updated_at || o == l) {
        return Ok(false);
    }
    put_str(&mut t, &l.key(), l)?;
    index_listing(txn, old.as_ref(), Some(l))?;
    super::listing_sync::listing_changed(txn, old.as_ref(), l)?;
    Ok(true)
}

fn product_index_key(l: &Listing) -> Option<String> {
    (!l.handle.is_empty()).then(|| format!("{}|{}|{}|{}", l.shop_id, l.store, l.handle, l.product_id))
}

/// Move a listing's index rows from what it was (`old`) to what it is (`new`).
pub fn index_listing(txn: &WriteTransaction, old: Option<&Listing>, new: Option<&Listing>) -> StoreResult<()> {
    let mut by_product = txn.open_table(LISTING_BY_PRODUCT)?;
    let mut unmatched = txn.open_table(LISTING_UNMATCHED)?;
    if let Some(o) = old {
        if let Some(k) = product_index_key(o) {
            by_product.remove(k.as_str())?;
        }
        unmatched.remove(o.key().as_str())?;
    }
    if let Some(n) = new {
        if let Some(k) = product_index_key(n) {
            by_product.insert(k.as_str(), ())?;
        }
        if n.origin == Origin::Unmatched {
            unmatched.insert(n.key().as_str(), ())?;
        }
    }
    Ok(())
}

fn scan<T: DeserializeOwned>(
    store: &Store,
    def: TableDefinition<&str, &[u8]>,
    name: &'static str,
    prefix: &str,
) -> StoreResult<Vec<T>> {
    store.read(|r| {
        let t = r.open_table(def)?;
        let hi = format!("{prefix}\u{10ffff}");
        let mut out = Vec::new();
        for row in t.range(prefix..hi.as_str())? {
            let (k, v) = row?;
            out.push(decode(name, k.value(), v.value())?);
        }
        Ok(out)
    })
}

fn one<T: DeserializeOwned>(
    store: &Store,
    def: TableDefinition<&str, &[u8]>,
    name: &'static str,
    key: &str,
) -> StoreResult<Option<T>> {
    store.read(|r| get_str(&r.open_table(def)?, name, key))
}

impl Store {
    pub fn category_tree(&self, shop: &str, version: &str, locale: &str) -> StoreResult<Option<CategoryTree>> {
        one(self, CATEGORY_TREES, "category_trees", &tree_key(shop, version, locale))
    }

    /// The newest cached tree of a shop, whatever its version and locale.
    pub fn any_category_tree(&self, shop: &str) -> StoreResult<Option<CategoryTree>> {
        Ok(scan::<CategoryTree>(self, CATEGORY_TREES, "category_trees", &format!("{shop}|"))?
            .into_iter()
            .max_by_key(|t| t.fetched_at))
    }

    pub fn requirements(&self, shop: &str, category: &str) -> StoreResult<Option<CategoryRequirements>> {
        one(self, CATEGORY_RULES, "category_rules", &format!("{shop}|{category}"))
    }

    pub fn prerequisites(&self, shop: &str) -> StoreResult<Option<Prerequisites>> {
        one(self, PREREQUISITES, "prerequisites", shop)
    }

    pub fn category_mappings(&self, shop: Option<&str>) -> StoreResult<Vec<CategoryMapping>> {
        scan(self, CATEGORY_MAP, "category_map", &shop.map(|s| format!("{s}|")).unwrap_or_default())
    }

    pub fn category_mapping(&self, shop: &str, product_type: &str) -> StoreResult<Option<CategoryMapping>> {
        one(self, CATEGORY_MAP, "category_map", &format!("{shop}|{product_type}"))
    }

    pub fn brand_mappings(&self, shop: Option<&str>) -> StoreResult<Vec<BrandMapping>> {
        scan(self, BRAND_MAP, "brand_map", &shop.map(|s| format!("{s}|")).unwrap_or_default())
    }

    pub fn brand_mapping(&self, shop: &str, vendor: &str) -> StoreResult<Option<BrandMapping>> {
        one(self, BRAND_MAP, "brand_map", &format!("{shop}|{vendor}"))
    }

    pub fn attribute_mappings(&self, shop: &str, category: Option<&str>) -> StoreResult<Vec<AttributeMapping>> {
        let prefix = match category {
            Some(c) => format!("{shop}|{c}|"),
            None => format!("{shop}|"),
        };
        scan(self, ATTRIBUTE_MAP, "attribute_map", &prefix)
    }

    pub fn draft(&self, shop: &str, store: &str, handle: &str) -> StoreResult<Option<ListingDraft>> {
        one(self, LISTING_DRAFTS, "listing_drafts", &draft_key(shop, store, handle))
    }

    pub fn last_check(&self, shop: &str, store: &str, handle: &str) -> StoreResult<Option<CheckReport>> {
        one(self, LISTING_CHECKS, "listing_checks", &draft_key(shop, store, handle))
    }

    pub fn listings(&self, shop: Option<&str>) -> StoreResult<Vec<Listing>> {
        scan(self, LISTINGS, "listings", &shop.map(|s| format!("{s}|")).unwrap_or_default())
    }

    pub fn listing(&self, shop: &str, product_id: &str) -> StoreResult<Option<Listing>> {
        one(self, LISTINGS, "listings", &format!("{shop}|{product_id}"))
    }

    /// The listings of one platform product on one shop, newest first.
    pub fn listings_of(&self, shop: &str, store: &str, handle: &str) -> StoreResult<Vec<Listing>> {
        let prefix = format!("{shop}|{store}|{handle}|");
        let hi = format!("{prefix}\u{10ffff}");
        let mut v: Vec<Listing> = self.read(|r| {
            let idx = r.open_table(LISTING_BY_PRODUCT)?;
            let t = r.open_table(LISTINGS)?;
            let mut out = Vec::new();
            for row in idx.range(prefix.as_str()..hi.as_str())? {
                let (k, _) = row?;
                let id = k.value().rsplit('|').next().unwrap_or_default().to_string();
                if let Some(l) = get_str::<Listing>(&t, "listings", &format!("{shop}|{id}"))? {
                    out.push(l);
                }
            }
            Ok(out)
        })?;
        v.sort_by_key(|l| std::cmp::Reverse(l.updated_at));
        Ok(v)
    }

    /// The shop's TikTok products nobody matched, by product id after `after`.
    pub fn unmatched_listings(&self, shop: &str, after: Option<&str>, limit: usize) -> StoreResult<Vec<Listing>> {
        let lo = match after {
            Some(a) => format!("{shop}|{a}\u{1}"),
            None => format!("{shop}|"),
        };
        let hi = format!("{shop}|\u{10ffff}");
        self.read(|r| {
            let idx = r.open_table(LISTING_UNMATCHED)?;
            let t = r.open_table(LISTINGS)?;
            let mut out = Vec::new();
            for row in idx.range(lo.as_str()..hi.as_str())?.take(limit) {
                let (k, _) = row?;
                if let Some(l) = get_str::<Listing>(&t, "listings", k.value())? {
                    out.push(l);
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listings_never_go_backwards() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let l = |status: &str, at: i64| Listing {
            shop_id: "s".into(),
            product_id: "p1".into(),
            status: status.into(),
            updated_at: at,
            ..Listing::default()
        };
        assert!(s.write(|t| put_listing(t, &l("PENDING", 10))).expect("put"));
        assert!(s.write(|t| put_listing(t, &l("ACTIVATE", 20))).expect("put"));
        assert!(!s.write(|t| put_listing(t, &l("PENDING", 15))).expect("put"), "older data is ignored");
        assert_eq!(s.listing("s", "p1").expect("get").map(|x| x.status), Some("ACTIVATE".into()));
        let m = CategoryMapping {
            shop_id: "s".into(),
            product_type: "Mugs".into(),
            category_id: "9".into(),
            ..CategoryMapping::default()
        };
        s.write(|t| map_category(t, &m)).expect("map");
        assert_eq!(s.category_mapping("s", "Mugs").expect("get"), Some(m));
        assert!(s.category_mappings(Some("other")).expect("list").is_empty());
    }
}
