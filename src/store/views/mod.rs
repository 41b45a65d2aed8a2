//! The console's read API: every view a pane shows, read a page at a time. [`ViewSource`] is
//! what the console reads through (the store here; fixed data in tests); views are plain,
//! serialisable data. Nothing here writes.

pub mod carriers;
pub mod catalog;
pub mod finance;
pub mod orders;
pub mod paths;
pub mod scan;
pub mod shops;

pub use super::catalog::ProductFacets;
pub use super::order_queries::OrderQuery;
pub use carriers::MappingView;
pub use catalog::{ListingEntry, ProductOnShop, ShopCatalog};
pub use finance::{FinanceQuery, FinanceView};
pub use orders::{OrderDetailView, OrderSettlement};
pub use scan::Scanned;
pub use shops::{InboxView, ShopLine, ShopsRow, ShopsView};

use super::{Store, StoreError};
use crate::domain::audit::{AuditEntry, AuditQuery};
use crate::domain::order::OrderRow;
use crate::domain::package::{Cancellation, Package};
use crate::domain::returns::Return;
use crate::domain::tiktok_catalog::CategoryTree;
pub use crate::store::return_photos::ReturnPhoto;
pub use crate::store::returns::{ReturnDetail, ReturnQuery};
use serde::{Deserialize, Serialize};

/// A page of rows with the key of each, and where the next page starts when more follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<R> {
    pub rows: Vec<R>,
    pub keys: Vec<String>,
    /// The key to continue after, when more rows may follow.
    pub next: Option<String>,
}

impl<R> Default for Page<R> {
    fn default() -> Page<R> {
        Page { rows: Vec::new(), keys: Vec::new(), next: None }
    }
}

/// Where the console's views come from. Every read is bounded: one page, one order, one shop's
/// catalogue context. Errors are messages for a person.
pub trait ViewSource {
    fn shops(&self) -> Result<ShopsView, String>;
    fn inbox(&self) -> Result<InboxView, String>;
    /// The order queue in deadline order after an index key.
    fn orders(&self, q: &OrderQuery, after: Option<&str>, limit: usize) -> Result<Page<OrderRow>, String>;
    fn order_count(&self) -> Result<u64, String>;
    fn order_detail(&self, id: &str) -> Result<Option<OrderDetailView>, String>;
    fn cancellation(&self, id: &str) -> Result<Option<Cancellation>, String>;
    /// Packages to fulfil first by ship-by, then the rest newest first, after a key.
    fn packages(&self, after: Option<&str>, limit: usize) -> Result<Page<Package>, String>;
    /// Carriers, their mappings and the shops' warehouses.
    fn carriers(&self) -> Result<MappingView, String>;
    /// A shop's catalogue context; `store` is the platform store it lists.
    fn shop_catalog(&self, shop_id: &str, store: &str) -> Result<ShopCatalog, String>;
    /// A page of the Listings pane.
    fn listings(
        &self,
        shop_id: &str,
        store: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<ListingEntry>, String>;
    fn product_facets(&self, store: &str) -> Result<ProductFacets, String>;
    /// A store's products in handle order after a handle.
    fn products(
        &self,
        store: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<crate::domain::catalog::Product>, String>;
    fn product(&self, store: &str, handle: &str) -> Result<Option<crate::domain::catalog::Product>, String>;
    fn products_of_types(
        &self,
        store: &str,
        types: &[String],
        limit: usize,
    ) -> Result<Vec<crate::domain::catalog::Product>, String>;
    /// A shop's cached category tree (any version and locale), for the category picker.
    fn category_tree(&self, shop_id: &str) -> Result<Option<CategoryTree>, String>;
    /// The audit log newest first, after the entry `after`.
    fn audit(&self, q: &AuditQuery, after: Option<&str>, limit: usize) -> Result<Page<AuditEntry>, String>;
    /// The users who acted lately.
    fn audit_users(&self) -> Result<Vec<String>, String>;
    /// One shop's money: statements, payments, withdrawals, unsettled, the reconciliation, and
    /// the statement and order asked for.
    fn finance(&self, q: &FinanceQuery) -> Result<FinanceView, String>;
    /// The returns queue after a key: waiting on the seller by deadline, then newest.
    fn returns(&self, q: &ReturnQuery, after: Option<&str>, limit: usize) -> Result<Page<Return>, String>;
    /// One return with its history and its order's status.
    fn return_detail(&self, id: &str) -> Result<Option<ReturnDetail>, String>;
    /// What a scanned code names (an order, a package, a tracking number, a return, a SKU).
    fn scan(&self, code: &str) -> Result<Scanned, String>;
    /// The file paths that complete a path typed so far (folders end in `/`).
    fn complete_path(&self, typed: &str) -> Result<Vec<String>, String>;
}

fn msg(e: StoreError) -> String {
    e.to_string()
}

impl ViewSource for Store {
    fn shops(&self) -> Result<ShopsView, String> {
        self.shops_view().map_err(msg)
    }
    fn inbox(&self) -> Result<InboxView, String> {
        self.inbox_view().map_err(msg)
    }
    fn orders(&self, q: &OrderQuery, after: Option<&str>, limit: usize) -> Result<Page<OrderRow>, String> {
        self.order_page(q, after, limit).map_err(msg)
    }
    fn order_count(&self) -> Result<u64, String> {
        Store::order_count(self).map_err(msg)
    }
    fn order_detail(&self, id: &str) -> Result<Option<OrderDetailView>, String> {
        Store::order_detail(self, id).map_err(msg)
    }
    fn cancellation(&self, id: &str) -> Result<Option<Cancellation>, String> {
        self.get_cancellation(id).map_err(msg)
    }
    fn packages(&self, after: Option<&str>, limit: usize) -> Result<Page<Package>, String> {
        self.package_page(after, limit).map_err(msg)
    }
    fn carriers(&self) -> Result<MappingView, String> {
        self.carriers_view().map_err(msg)
    }
    fn shop_catalog(&self, shop_id: &str, store: &str) -> Result<ShopCatalog, String> {
        Store::shop_catalog(self, shop_id, store).map_err(msg)
    }
    fn listings(
        &self,
        shop_id: &str,
        store: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<ListingEntry>, String> {
        self.listing_page(shop_id, store, after, limit).map_err(msg)
    }
    fn product_facets(&self, store: &str) -> Result<ProductFacets, String> {
        Store::product_facets(self, store).map_err(msg)
    }
    fn products_of_types(
        &self,
        store: &str,
        types: &[String],
        limit: usize,
    ) -> Result<Vec<crate::domain::catalog::Product>, String> {
        Store::products_of_types(self, store, types, limit).map_err(msg)
    }
    fn products(
        &self,
        store: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<crate::domain::catalog::Product>, String> {
        let after = after.map(|h| format!("{store}|{h}"));
        Store::products(self, Some(store), after.as_deref(), limit).map_err(msg)
    }
    fn product(&self, store: &str, handle: &str) -> Result<Option<crate::domain::catalog::Product>, String> {
        self.get_product(store, handle).map_err(msg)
    }
    fn category_tree(&self, shop_id: &str) -> Result<Option<CategoryTree>, String> {
        self.any_category_tree(shop_id).map_err(msg)
    }
    fn audit(&self, q: &AuditQuery, after: Option<&str>, limit: usize) -> Result<Page<AuditEntry>, String> {
        self.audit_page(q, after, limit).map_err(msg)
    }
    fn audit_users(&self) -> Result<Vec<String>, String> {
        Store::audit_users(self).map_err(msg)
    }
    fn finance(&self, q: &FinanceQuery) -> Result<FinanceView, String> {
        self.finance_view(q).map_err(msg)
    }
    fn returns(&self, q: &ReturnQuery, after: Option<&str>, limit: usize) -> Result<Page<Return>, String> {
        self.return_page(q, after, limit).map_err(msg)
    }
    fn return_detail(&self, id: &str) -> Result<Option<ReturnDetail>, String> {
        Store::return_detail(self, id).map_err(msg)
    }
    fn scan(&self, code: &str) -> Result<Scanned, String> {
        self.scan_code(code).map_err(msg)
    }
    fn complete_path(&self, typed: &str) -> Result<Vec<String>, String> {
        Ok(paths::complete_path(typed))
    }
}
