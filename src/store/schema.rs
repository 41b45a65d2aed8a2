//! Tables, the schema version and ordered migrations.
//!
//! Values of the order tables and packages are compact (postcard, tagged with their version); the
//! others are JSON, readable with any redb tool: see `codec.rs`.

use super::error::{StoreError, StoreResult};
use redb::{MultimapTableDefinition, ReadableDatabase, TableDefinition, WriteTransaction};

pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Platform stores by name.
pub const STORES: TableDefinition<&str, &[u8]> = TableDefinition::new("stores");
/// TikTok shops by shop id.
pub const SHOPS: TableDefinition<&str, &[u8]> = TableDefinition::new("shops");
/// Credentials: seller grants (tokens and expiries) by open_id.
pub const GRANTS: TableDefinition<&str, &[u8]> = TableDefinition::new("grants");
/// Authorization attempts by CSRF state.
pub const PENDING_AUTH: TableDefinition<&str, &[u8]> = TableDefinition::new("pending_auth");
/// The webhook inbox: every delivery by arrival sequence.
pub const WEBHOOKS: TableDefinition<u64, &[u8]> = TableDefinition::new("webhooks");
/// `tts_notification_id` -> sequence, for exactly-once processing.
pub const WEBHOOK_IDS: TableDefinition<&str, u64> = TableDefinition::new("webhook_ids");
/// Accepted deliveries not yet processed.
pub const WEBHOOK_PENDING: TableDefinition<u64, ()> = TableDefinition::new("webhook_pending");
/// Deliveries not accepted (bad signature, malformed, duplicate), by sequence: the bounded
/// sample kept of them ([`super::webhooks::REJECTED_SAMPLE`]).
pub const WEBHOOK_REJECTED: TableDefinition<u64, ()> = TableDefinition::new("webhook_rejected");
/// How many deliveries of each rejected kind ever arrived (`bad_signature`, `malformed`, `duplicate`).
pub const WEBHOOK_TALLY: TableDefinition<&str, u64> = TableDefinition::new("webhook_tally");
/// Writes to TikTok by id.
pub const OUTBOX: TableDefinition<u64, &[u8]> = TableDefinition::new("outbox");
/// Idempotency key -> outbox id.
pub const OUTBOX_KEYS: TableDefinition<&str, u64> = TableDefinition::new("outbox_keys");
/// What an intent acts on (`OutboxIntent::subject`) -> the latest outbox id on it.
pub const OUTBOX_SUBJECTS: TableDefinition<&str, u64> = TableDefinition::new("outbox_subjects");
/// Sync cursors by `shop_id/concern`.
pub const CURSORS: TableDefinition<&str, &[u8]> = TableDefinition::new("cursors");
/// The human inbox by item key.
pub const ATTENTION: TableDefinition<&str, &[u8]> = TableDefinition::new("attention");
/// Append-only audit log by sequence.
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");

/// Orders by id (JSON, without the price detail).
pub const ORDERS: TableDefinition<&str, &[u8]> = TableDefinition::new("orders");
/// The queue row of each order, by id.
pub const ORDER_ROWS: TableDefinition<&str, &[u8]> = TableDefinition::new("order_rows");
/// Queue order: `{0 open|1 closed}{deadline:019}|{id}`.
pub const ORDER_QUEUE: TableDefinition<&str, ()> = TableDefinition::new("order_queue");
/// By status: `{status code}{deadline:019}|{id}`.
pub const ORDER_BY_STATUS: TableDefinition<&str, ()> = TableDefinition::new("order_by_status");
/// By flag (c: cancellation requested, h: on hold): `{flag}{deadline:019}|{id}`.
pub const ORDER_FLAGS: TableDefinition<&str, ()> = TableDefinition::new("order_flags");
/// Search terms (`sku:…`, `nick:…`, `trk:…`, lower case) to order ids, until v17 made them
/// [`ORDER_TERMS`]: only the migrations before it use this.
pub const ORDER_SEARCH: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new("order_search");
/// Search terms of orders: `{term}\0{order id}` (`order_terms.rs`).
pub const ORDER_TERMS: TableDefinition<&str, ()> = TableDefinition::new("order_terms");
/// Status history: `{id}|{seq:05}`.
pub const ORDER_HISTORY: TableDefinition<&str, &[u8]> = TableDefinition::new("order_history");
/// Price detail (tax) per order.
pub const ORDER_PRICES: TableDefinition<&str, &[u8]> = TableDefinition::new("order_prices");
/// Orders whose price detail is still to fetch: `{shop}|{id}`.
pub const ORDER_PRICE_TODO: TableDefinition<&str, ()> = TableDefinition::new("order_price_todo");
/// Packages by id (compact), and newest first: `{inverted update_time:019}|{id}`.
pub const PACKAGES: TableDefinition<&str, &[u8]> = TableDefinition::new("packages");
pub const PACKAGE_ORDER: TableDefinition<&str, ()> = TableDefinition::new("package_order");
/// Packages whose parcel (weight, dimensions) is still to read: `{shop}|{package id}`.
pub const PACKAGE_PARCEL_TODO: TableDefinition<&str, ()> = TableDefinition::new("package_parcel_todo");
/// Cancellations by id.
pub const CANCELLATIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("cancellations");
/// Warehouses (with delivery options and providers): `{shop}|{id}`.
pub const WAREHOUSES: TableDefinition<&str, &[u8]> = TableDefinition::new("warehouses");
/// The platform's carriers by name, and their mappings `{carrier}|{shop}|{delivery option}`.
pub const CARRIERS: TableDefinition<&str, &[u8]> = TableDefinition::new("carriers");
pub const CARRIER_MAP: TableDefinition<&str, &[u8]> = TableDefinition::new("carrier_map");

/// Platform products: `{store}|{handle}`; variant SKUs to products: `{store}|{sku}` -> handle.
pub const PRODUCTS: TableDefinition<&str, &[u8]> = TableDefinition::new("products");
pub const PRODUCT_SKUS: TableDefinition<&str, &str> = TableDefinition::new("product_skus");
/// TikTok's catalogue cached per shop: category trees `{shop}|{version}|{locale}`, a category's
/// rules and attributes `{shop}|{category}|{locale}`, listing prerequisites by shop.
pub const CATEGORY_TREES: TableDefinition<&str, &[u8]> = TableDefinition::new("category_trees");
pub const CATEGORY_RULES: TableDefinition<&str, &[u8]> = TableDefinition::new("category_rules");
pub const PREREQUISITES: TableDefinition<&str, &[u8]> = TableDefinition::new("prerequisites");
/// Mappings: product type -> category `{shop}|{type}`, vendor -> brand `{shop}|{vendor}`,
/// option/tag -> attribute `{shop}|{category}|{attribute}`.
pub const CATEGORY_MAP: TableDefinition<&str, &[u8]> = TableDefinition::new("category_map");
pub const BRAND_MAP: TableDefinition<&str, &[u8]> = TableDefinition::new("brand_map");
pub const ATTRIBUTE_MAP: TableDefinition<&str, &[u8]> = TableDefinition::new("attribute_map");
/// Listings: what the operator set for a product on a shop `{shop}|{store}|{handle}`, and the
/// TikTok products (made here or matched by seller SKU) `{shop}|{product id}`.
pub const LISTING_DRAFTS: TableDefinition<&str, &[u8]> = TableDefinition::new("listing_drafts");
pub const LISTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("listings");
/// The last listing check of a product on a shop: `{shop}|{store}|{handle}`.
pub const LISTING_CHECKS: TableDefinition<&str, &[u8]> = TableDefinition::new("listing_checks");
/// Listings of a platform product on a shop, `{shop}|{store}|{handle}|{product id}`, and the
/// shop's unmatched TikTok products `{shop}|{product id}`: the Listings pane reads a page of
/// products with their listings without reading every listing of the shop.
pub const LISTING_BY_PRODUCT: TableDefinition<&str, ()> = TableDefinition::new("listing_by_product");
pub const LISTING_UNMATCHED: TableDefinition<&str, ()> = TableDefinition::new("listing_unmatched");
/// How many products of a store have each product type and vendor: `{store}|t|{type}` and
/// `{store}|v|{vendor}` -> count, so the Mapping pane lists them without reading the catalogue.
pub const PRODUCT_FACETS: TableDefinition<&str, u64> = TableDefinition::new("product_facets");

/// Finance: statements `{shop}|{time:019}|{id}` and their key by id; transactions
/// `{statement}|{id}` and their sums by statement; the statement an order settled in
/// `{shop}|{order}`; payments and withdrawals `{shop}|{create time:019}|{id}`; an order's money
/// by order id; unsettled orders `{shop}|{order}`.
pub const FIN_STATEMENTS: TableDefinition<&str, &[u8]> = TableDefinition::new("fin_statements");
pub const FIN_STATEMENT_KEYS: TableDefinition<&str, &str> = TableDefinition::new("fin_statement_keys");
pub const FIN_TXS: TableDefinition<&str, &[u8]> = TableDefinition::new("fin_txs");
pub const FIN_TX_SUMS: TableDefinition<&str, &[u8]> = TableDefinition::new("fin_tx_sums");
pub const FIN_ORDER_SETTLED: TableDefinition<&str, &str> = TableDefinition::new("fin_order_settled");
pub const FIN_PAYMENTS: TableDefinition<&str, &[u8]> = TableDefinition::new("fin_payments");
pub const FIN_WITHDRAWALS: TableDefinition<&str, &[u8]> = TableDefinition::new("fin_withdrawals");
pub const FIN_ORDER_MONEY: TableDefinition<&str, &[u8]> = TableDefinition::new("fin_order_money");
pub const FIN_UNSETTLED: TableDefinition<&str, &[u8]> = TableDefinition::new("fin_unsettled");
/// Returns by id; the queue `{0 waiting}{deadline:019}|{id}` or `{1}{inverted update:019}|{id}`;
/// status history `{id}|{seq:05}`; search terms (`ret:`, `ord:`, `sku:`, `trk:`, `nick:`) to queue keys;
/// `{order id}|{return id}` for an order's returns (original and replacement orders).
pub const RETURNS: TableDefinition<&str, &[u8]> = TableDefinition::new("returns");
/// The queue's value is what its filters test (`facets`), so a filtered page reads no return it skips.
pub const RETURN_QUEUE: TableDefinition<&str, &str> = TableDefinition::new("return_queue");
pub const RETURN_HISTORY: TableDefinition<&str, &[u8]> = TableDefinition::new("return_history");
pub const RETURN_SEARCH: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new("return_search");
pub const RETURN_BY_ORDER: TableDefinition<&str, ()> = TableDefinition::new("return_by_order");
/// The buyer's photos of waiting returns, by URL: small JPEG thumbnails (raw bytes, not JSON).
pub const RETURN_PHOTOS: TableDefinition<&str, &[u8]> = TableDefinition::new("return_photos");
/// The seller's own return labels (RET-SHIP-LABEL, given to the buyer outside TikTok) by return id.
pub const RETURN_LABELS: TableDefinition<&str, &[u8]> = TableDefinition::new("return_labels");

const SCHEMA_VERSION_KEY: &str = "schema_version";

type Migration = fn(&WriteTransaction) -> StoreResult<()>;

/// Ordered migrations; entry `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[
    v1_create_tables,
    v2_orders_and_fulfilment,
    v3_catalogue_and_listings,
    v4_listing_and_facet_indexes,
    v5_package_parcels,
    v6_outbox_subjects,
    v7_rejected_webhook_sample,
    v8_returns,
    v9_finance,
    v10_order_search_names,
    v11_package_queue,
    v12_return_photos,
    super::listing_sync::v13_listing_sync,
    super::convert::v14_compact_orders,
    super::convert::v15_compact_packages,
    super::convert::v16_numeric_ids,
    super::order_terms::v17_order_terms,
];

/// The version the last conversion to the compact encoding
/// ([`super::order_terms::v17_order_terms`]) brings a store to: a store found below it is
/// copied before it is migrated (its tables are rewritten). Renumber with its step.
pub const COMPACT_VERSION: u64 = 17;

/// Packages list those to fulfil first by ship-by: re-key the index, learning each stored
/// package's ship-by and warehouse from its first order.
fn v11_package_queue(txn: &WriteTransaction) -> StoreResult<()> {
    use crate::domain::package::Package;
    use redb::ReadableTable;
    let orders = txn.open_table(ORDERS)?;
    let mut packages = txn.open_table(PACKAGES)?;
    let mut idx = txn.open_table(PACKAGE_ORDER)?;
    idx.retain(|_, _| false)?;
    let mut all: Vec<Package> = Vec::new();
    for row in packages.iter()? {
        let (k, v) = row?;
        all.push(super::codec::decode("packages", k.value(), v.value())?);
    }
    for mut p in all {
        if let Some(v) = p.order_ids.first().map(|id| orders.get(id.as_str())).transpose()?.flatten() {
            let o: crate::domain::order::Order = super::codec::decode("orders", &p.order_ids[0], v.value())?;
            p.ship_by = o.ship_by;
            p.warehouse_id = o.warehouse_id;
        }
        idx.insert(super::orders::package_key(&p).as_str(), ())?;
        packages.insert(p.id.as_str(), super::codec::encode(&p)?.as_slice())?;
    }
    Ok(())
}

/// Orders are found by the recipient's name and by their last digits too: index the stored ones.
fn v10_order_search_names(txn: &WriteTransaction) -> StoreResult<()> {
    use redb::ReadableTable;
    let orders = txn.open_table(ORDERS)?;
    let mut search = txn.open_multimap_table(ORDER_SEARCH)?;
    for row in orders.iter()? {
        let (k, v) = row?;
        let o: crate::domain::order::Order = super::codec::decode("orders", k.value(), v.value())?;
        for term in super::orders::search_terms(&o) {
            search.insert(term.as_str(), o.id.as_str())?;
        }
    }
    Ok(())
}

/// Rejected webhooks are kept as a bounded sample with a tally of all of them.
fn v7_rejected_webhook_sample(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(WEBHOOK_REJECTED)?;
    txn.open_table(WEBHOOK_TALLY)?;
    Ok(())
}

pub const CURRENT_VERSION: u64 = MIGRATIONS.len() as u64;

fn v1_create_tables(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(STORES)?;
    txn.open_table(SHOPS)?;
    txn.open_table(GRANTS)?;
    txn.open_table(PENDING_AUTH)?;
    txn.open_table(WEBHOOKS)?;
    txn.open_table(WEBHOOK_IDS)?;
    txn.open_table(WEBHOOK_PENDING)?;
    txn.open_table(OUTBOX)?;
    txn.open_table(OUTBOX_KEYS)?;
    txn.open_table(CURSORS)?;
    txn.open_table(ATTENTION)?;
    txn.open_table(AUDIT)?;
    Ok(())
}

fn v2_orders_and_fulfilment(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(ORDERS)?;
    txn.open_table(ORDER_ROWS)?;
    txn.open_table(ORDER_QUEUE)?;
    txn.open_table(ORDER_BY_STATUS)?;
    txn.open_table(ORDER_FLAGS)?;
    txn.open_multimap_table(ORDER_SEARCH)?;
    txn.open_table(ORDER_HISTORY)?;
    txn.open_table(ORDER_PRICES)?;
    txn.open_table(ORDER_PRICE_TODO)?;
    txn.open_table(PACKAGES)?;
    txn.open_table(PACKAGE_ORDER)?;
    txn.open_table(CANCELLATIONS)?;
    txn.open_table(WAREHOUSES)?;
    txn.open_table(CARRIERS)?;
    txn.open_table(CARRIER_MAP)?;
    Ok(())
}

/// Packages learn their parcel from Get Package Detail: every package stored before is to read.
fn v5_package_parcels(txn: &WriteTransaction) -> StoreResult<()> {
    use redb::ReadableTable;
    let mut todo = txn.open_table(PACKAGE_PARCEL_TODO)?;
    let packages = txn.open_table(PACKAGES)?;
    for row in packages.iter()? {
        let (k, v) = row?;
        let p: crate::domain::package::Package = super::codec::decode("packages", k.value(), v.value())?;
        if p.weight.is_none() && p.dimension.is_none() {
            todo.insert(format!("{}|{}", p.shop_id, p.id).as_str(), ())?;
        }
    }
    Ok(())
}

fn v3_catalogue_and_listings(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(PRODUCTS)?;
    txn.open_table(PRODUCT_SKUS)?;
    txn.open_table(CATEGORY_TREES)?;
    txn.open_table(CATEGORY_RULES)?;
    txn.open_table(PREREQUISITES)?;
    txn.open_table(CATEGORY_MAP)?;
    txn.open_table(BRAND_MAP)?;
    txn.open_table(ATTRIBUTE_MAP)?;
    txn.open_table(LISTING_DRAFTS)?;
    txn.open_table(LISTINGS)?;
    txn.open_table(LISTING_CHECKS)?;
    Ok(())
}

/// Index the listings by platform product and the unmatched ones, and count the products of
/// each store by type and vendor (stores written before v4 are indexed here).
fn v4_listing_and_facet_indexes(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(LISTING_BY_PRODUCT)?;
    txn.open_table(LISTING_UNMATCHED)?;
    txn.open_table(PRODUCT_FACETS)?;
    let listings: Vec<crate::domain::listing::Listing> = super::codec::all_str(&txn.open_table(LISTINGS)?, "listings")?;
    for l in &listings {
        super::listing::index_listing(txn, None, Some(l))?;
    }
    let products: Vec<crate::domain::catalog::Product> = super::codec::all_str(&txn.open_table(PRODUCTS)?, "products")?;
    for p in &products {
        super::catalog::count_facets(txn, None, Some(p))?;
    }
    Ok(())
}

/// Index the outbox by subject, so a second person's write on the same order is told who
/// queued the first.
fn v6_outbox_subjects(txn: &WriteTransaction) -> StoreResult<()> {
    let items: Vec<crate::domain::outbox::OutboxItem> = {
        let t = txn.open_table(OUTBOX)?;
        let mut out = Vec::new();
        for row in redb::ReadableTable::iter(&t)? {
            let (k, v) = row?;
            out.push(super::codec::decode("outbox", k.value(), v.value())?);
        }
        out
    };
    let mut subjects = txn.open_table(OUTBOX_SUBJECTS)?;
    for i in items {
        subjects.insert(i.intent.subject().as_str(), i.id)?;
    }
    Ok(())
}

/// Finance: statements, transactions and their sums, payments, withdrawals, order money.
fn v9_finance(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(FIN_STATEMENTS)?;
    txn.open_table(FIN_STATEMENT_KEYS)?;
    txn.open_table(FIN_TXS)?;
    txn.open_table(FIN_TX_SUMS)?;
    txn.open_table(FIN_ORDER_SETTLED)?;
    txn.open_table(FIN_PAYMENTS)?;
    txn.open_table(FIN_WITHDRAWALS)?;
    txn.open_table(FIN_ORDER_MONEY)?;
    txn.open_table(FIN_UNSETTLED)?;
    Ok(())
}

/// Returns, refunds and replacements.
fn v8_returns(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(RETURNS)?;
    txn.open_table(RETURN_QUEUE)?;
    txn.open_table(RETURN_HISTORY)?;
    txn.open_multimap_table(RETURN_SEARCH)?;
    txn.open_table(RETURN_BY_ORDER)?;
    Ok(())
}

/// Thumbnails of the buyer's photos, drawn in the Returns pane; the seller's own return labels.
fn v12_return_photos(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(RETURN_PHOTOS)?;
    txn.open_table(RETURN_LABELS)?;
    Ok(())
}

pub fn schema_version(db: &redb::Database) -> StoreResult<u64> {
    let r = db.begin_read()?;
    let t = match r.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let v = t.get(SCHEMA_VERSION_KEY)?;
    Ok(v.map(|g| {
        let b = g.value();
        let mut a = [0u8; 8];
        if b.len() == 8 {
            a.copy_from_slice(b);
        }
        u64::from_le_bytes(a)
    })
    .unwrap_or(0))
}

/// Bring the store to [`CURRENT_VERSION`], one committed step at a time.
pub fn migrate(db: &redb::Database) -> StoreResult<()> {
    let found = schema_version(db)?;
    if found > CURRENT_VERSION {
        return Err(StoreError::Schema(format!(
            "the store has schema v{found} but this tokshop knows only up to v{CURRENT_VERSION}; upgrade tokshop"
        )));
    }
    for (i, m) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let txn = db.begin_write()?;
        m(&txn)?;
        {
            let mut meta = txn.open_table(META)?;
            meta.insert(SCHEMA_VERSION_KEY, (i as u64 + 1).to_le_bytes().as_slice())?;
        }
        txn.commit()?;
    }
    Ok(())
}
