//! The platform SKU of each line of an order (CAT-PRE-CAMPAIGN), read from the listings and
//! the catalogue: see `domain::sku_map`.

use super::Store;
use super::error::StoreResult;
use crate::domain::order::Order;
use crate::domain::sku_map::{PlatformSku, resolve};
use std::collections::BTreeMap;

impl Store {
    /// Line id → platform SKU: through the listing of the line's TikTok product (matched or
    /// linked), else the line's seller SKU in the shop's store.
    pub fn platform_skus(&self, order: &Order) -> StoreResult<BTreeMap<String, PlatformSku>> {
        let shop_store = self.get_shop(&order.shop_id)?.map(|s| s.store);
        let mut out = BTreeMap::new();
        for l in &order.lines {
            let listing = self.listing(&order.shop_id, &l.product_id)?;
            let linked = listing.as_ref().and_then(|x| x.sku_links.get(&l.sku_id).cloned());
            let listed = match &listing {
                Some(x) if !x.store.is_empty() && !x.handle.is_empty() => self.get_product(&x.store, &x.handle)?,
                _ => None,
            };
            let product = match (listed, &shop_store) {
                (Some(p), _) => Some(p),
                (None, Some(s)) if !l.seller_sku.is_empty() => self.product_by_sku(Some(s), &l.seller_sku)?,
                _ => None,
            };
            out.insert(l.id.clone(), resolve(&l.seller_sku, linked.as_deref(), product.as_ref()));
        }
        Ok(out)
    }
}
