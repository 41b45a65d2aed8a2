//! The platform catalogue: products per store, found by handle or by any variant's SKU.
//! Re-imports update in place by SKU and leave unchanged products untouched.

use super::Store;
use super::codec::{decode, encode};
use super::error::StoreResult;
use super::schema::{PRODUCT_FACETS, PRODUCT_SKUS, PRODUCTS};
use crate::domain::catalog::{ImportStats, Product};
use redb::{ReadableTable, ReadableTableMetadata, WriteTransaction};

fn key(store: &str, handle: &str) -> String {
    format!("{store}|{handle}")
}

/// Import products into their store: a product is the stored one with the same handle, or else
/// the one that holds any of its SKUs (a handle renamed on the platform); an identical product
/// is left as it is.
pub fn import(txn: &WriteTransaction, products: &[Product], now: i64) -> StoreResult<ImportStats> {
    let mut stats = ImportStats::default();
    let mut t = txn.open_table(PRODUCTS)?;
    let mut skus = txn.open_table(PRODUCT_SKUS)?;
    for p in products {
        stats.variants += p.variants.len();
        let mut existing_key = key(&p.store, &p.handle);
        if t.get(existing_key.as_str())?.is_none() {
            let by_sku = p
                .skus()
                .find_map(|s| skus.get(key(&p.store, s).as_str()).ok().flatten().map(|h| h.value().to_string()));
            if let Some(h) = by_sku {
                existing_key = key(&p.store, &h);
            }
        }
        let old: Option<Product> = match t.get(existing_key.as_str())? {
            Some(v) => Some(decode("products", &existing_key, v.value())?),
            None => None,
        };
        if let Some(old) = &old {
            if old.same_content(p) {
                stats.unchanged += 1;
                continue;
            }
            for s in old.skus() {
                skus.remove(key(&old.store, s).as_str())?;
            }
            t.remove(existing_key.as_str())?;
            stats.updated += 1;
        } else {
            stats.added += 1;
        }
        let stored = Product { updated_at: now, ..p.clone() };
        count_facets(txn, old.as_ref(), Some(&stored))?;
        for s in stored.skus() {
            skus.insert(key(&stored.store, s).as_str(), stored.handle.as_str())?;
        }
        t.insert(key(&stored.store, &stored.handle).as_str(), encode(&stored)?.as_slice())?;
        super::listing_sync::product_changed(txn, old.as_ref(), &stored, now)?;
    }
    Ok(stats)
}

/// Save one product edited in the console (its SKUs re-indexed).
pub fn put_product(txn: &WriteTransaction, p: &Product) -> StoreResult<()> {
    let mut t = txn.open_table(PRODUCTS)?;
    let mut skus = txn.open_table(PRODUCT_SKUS)?;
    let k = key(&p.store, &p.handle);
    let old: Option<Product> = match t.get(k.as_str())? {
        Some(v) => Some(decode("products", &k, v.value())?),
        None => None,
    };
    if let Some(old) = &old {
        for s in old.skus() {
            skus.remove(key(&old.store, s).as_str())?;
        }
    }
    count_facets(txn, old.as_ref(), Some(p))?;
    for s in p.skus() {
        skus.insert(key(&p.store, s).as_str(), p.handle.as_str())?;
    }
    t.insert(k.as_str(), encode(p)?.as_slice())?;
    super::listing_sync::product_changed(txn, old.as_ref(), p, p.updated_at)?;
    Ok(())
}

/// Keep the per-store counts of product types and vendors in step with a product that was
/// `old` and is now `new` (either may be absent).
pub fn count_facets(txn: &WriteTransaction, old: Option<&Product>, new: Option<&Product>) -> StoreResult<()> {
    let mut t = txn.open_table(PRODUCT_FACETS)?;
    let keys = |p: &Product| {
        [
            (!p.product_type.is_empty()).then(|| format!("{}|t|{}", p.store, p.product_type)),
            (!p.vendor.is_empty()).then(|| format!("{}|v|{}", p.store, p.vendor)),
        ]
    };
    for k in old.map(keys).into_iter().flatten().flatten() {
        let n = t.get(k.as_str())?.map(|g| g.value()).unwrap_or(0);
        if n <= 1 {
            t.remove(k.as_str())?;
        } else {
            t.insert(k.as_str(), n - 1)?;
        }
    }
    for k in new.map(keys).into_iter().flatten().flatten() {
        let n = t.get(k.as_str())?.map(|g| g.value()).unwrap_or(0);
        t.insert(k.as_str(), n + 1)?;
    }
    Ok(())
}

/// A store's product types and vendors with how many products have each, in name order.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProductFacets {
    pub types: Vec<(String, u64)>,
    pub vendors: Vec<(String, u64)>,
}

impl Store {
    /// The product types and vendors of a store (from their counts, not the catalogue).
    pub fn product_facets(&self, store: &str) -> StoreResult<ProductFacets> {
        self.read(|r| {
            let t = r.open_table(PRODUCT_FACETS)?;
            let lo = format!("{store}|");
            let hi = format!("{store}|\u{10ffff}");
            let mut out = ProductFacets::default();
            for row in t.range(lo.as_str()..hi.as_str())? {
                let (k, v) = row?;
                let rest = &k.value()[lo.len()..];
                match rest.split_once('|') {
                    Some(("t", name)) => out.types.push((name.to_string(), v.value())),
                    Some(("v", name)) => out.vendors.push((name.to_string(), v.value())),
                    _ => {}
                }
            }
            Ok(out)
        })
    }

    /// How many products a store has.
    pub fn store_product_count(&self, store: &str) -> StoreResult<u64> {
        self.read(|r| {
            let t = r.open_table(PRODUCTS)?;
            let lo = format!("{store}|");
            let hi = format!("{store}|~");
            let mut n = 0;
            for row in t.range(lo.as_str()..hi.as_str())? {
                row?;
                n += 1;
            }
            Ok(n)
        })
    }

    pub fn import_products(&self, products: &[Product], now: i64) -> StoreResult<ImportStats> {
        self.write(|t| import(t, products, now))
    }

    pub fn get_product(&self, store: &str, handle: &str) -> StoreResult<Option<Product>> {
        self.read(|r| match r.open_table(PRODUCTS)?.get(key(store, handle).as_str())? {
            Some(v) => decode("products", handle, v.value()).map(Some),
            None => Ok(None),
        })
    }

    /// A product by handle or by one of its SKUs, in one store or any.
    pub fn find_product(&self, store: Option<&str>, sku_or_handle: &str) -> StoreResult<Option<Product>> {
        for s in self.store_names(store)? {
            if let Some(p) = self.get_product(&s, sku_or_handle)? {
                return Ok(Some(p));
            }
        }
        self.product_by_sku(store, sku_or_handle)
    }

    fn store_names(&self, store: Option<&str>) -> StoreResult<Vec<String>> {
        Ok(match store {
            Some(s) => vec![s.to_string()],
            None => self.list_stores()?.into_iter().map(|s| s.name).collect(),
        })
    }

    pub fn product_by_sku(&self, store: Option<&str>, sku: &str) -> StoreResult<Option<Product>> {
        for s in self.store_names(store)? {
            let handle = self
                .read(|r| Ok(r.open_table(PRODUCT_SKUS)?.get(key(&s, sku).as_str())?.map(|h| h.value().to_string())))?;
            if let Some(h) = handle {
                return self.get_product(&s, &h);
            }
        }
        Ok(None)
    }

    /// Products in key order (store, handle), after `after` (a `store|handle` key).
    pub fn products(&self, store: Option<&str>, after: Option<&str>, limit: usize) -> StoreResult<Vec<Product>> {
        self.read(|r| {
            let t = r.open_table(PRODUCTS)?;
            let lo = match (after, store) {
                (Some(a), _) => format!("{a}\u{1}"),
                (None, Some(s)) => format!("{s}|"),
                (None, None) => String::new(),
            };
            let hi = store.map(|s| format!("{s}|~")).unwrap_or_else(|| "\u{10ffff}".into());
            let mut out = Vec::new();
            for row in t.range(lo.as_str()..hi.as_str())?.take(limit) {
                let (k, v) = row?;
                out.push(decode("products", k.value(), v.value())?);
            }
            Ok(out)
        })
    }

    pub fn product_count(&self) -> StoreResult<u64> {
        self.read(|r| Ok(r.open_table(PRODUCTS)?.len()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Variant;
    use rust_decimal::Decimal;

    fn product(handle: &str, skus: &[&str], price: i64) -> Product {
        Product {
            store: "web".into(),
            handle: handle.into(),
            title: handle.to_uppercase(),
            currency: "USD".into(),
            variants: skus
                .iter()
                .map(|s| Variant { sku: s.to_string(), price: Decimal::new(price, 2), ..Variant::default() })
                .collect(),
            ..Product::default()
        }
    }

    #[test]
    fn reimport_is_idempotent_and_updates_by_sku() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let first = vec![product("mug", &["M1"], 1250), product("tee", &["T-S", "T-M"], 1999)];
        assert_eq!(s.import_products(&first, 10).expect("import").added, 2);
        let again = s.import_products(&first, 20).expect("import");
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
        assert_eq!(s.get_product("web", "mug").expect("get").expect("mug").updated_at, 10, "untouched");
        // The platform renamed the handle and changed a price: the same product, updated.
        let renamed = vec![product("enamel-mug", &["M1"], 1300)];
        let st = s.import_products(&renamed, 30).expect("import");
        assert_eq!((st.added, st.updated), (0, 1));
        assert!(s.get_product("web", "mug").expect("get").is_none());
        assert_eq!(s.product_by_sku(Some("web"), "M1").expect("sku").expect("found").handle, "enamel-mug");
        assert_eq!(s.product_count().expect("count"), 2);
        assert_eq!(s.find_product(Some("web"), "T-M").expect("find").map(|p| p.handle), Some("tee".into()));
    }
}
