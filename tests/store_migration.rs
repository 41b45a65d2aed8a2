//! A store written before the compact encoding (schema v13: every value JSON) is migrated on
//! open: a backup copy first, the order tables and packages converted in bounded, resumable
//! transactions, every other record left byte for byte, and `tokshop store check` passes after
//! it. A v14 or v15 store (compact, ids as text) has every compact table rewritten with numeric ids.
//!
//! The v13 store is made the way v13 wrote it: the fixtures are written with today's code (whose
//! other tables are still JSON), then the four order tables are written back as JSON and the
//! schema version set to 13, which is exactly what the v13 code stored.

use crate::common;
use crate::ui::{NOW, catalog_data, order_data};

use common::bin::{Env, stderr, stdout};
use redb::{
    ReadableDatabase, ReadableMultimapTable, ReadableTable, ReadableTableMetadata, TableDefinition, TableHandle,
};
use std::collections::BTreeMap;
use tokshop::domain::actor::Actor;
use tokshop::domain::attention::{AttentionItem, AttentionKind};
use tokshop::domain::audit::Outcome;
use tokshop::domain::grant::Grant;
use tokshop::domain::notification::Verdict;
use tokshop::domain::order::{Order, OrderRow, PriceDetail, Source, StatusChange};
use tokshop::domain::package::Package;
use tokshop::domain::role::Role;
use tokshop::domain::secret::Secret;
use tokshop::domain::shop::{PlatformStore, SellerType, Shop, ShopStatus};
use tokshop::store::codec::{decode, encode_bin_v1, is_bin};
use tokshop::store::convert::{BATCH, Progress, backup_path};
use tokshop::store::cursors::{Cursor, put_cursor};
use tokshop::store::schema::{self, META, ORDER_HISTORY, ORDER_PRICES, ORDER_ROWS, ORDERS, PACKAGES};
use tokshop::store::views::Scanned;
use tokshop::store::{DB_FILE, IncomingWebhook, Store};

type Bytes = TableDefinition<'static, &'static str, &'static [u8]>;

/// Every string-keyed table of JSON values other than the order tables.
const OTHER_TABLES: &[Bytes] = &[
    schema::STORES,
    schema::SHOPS,
    schema::GRANTS,
    schema::CURSORS,
    schema::ATTENTION,
    schema::CANCELLATIONS,
    schema::WAREHOUSES,
    schema::CARRIERS,
    schema::CARRIER_MAP,
    schema::PRODUCTS,
    schema::CATEGORY_TREES,
    schema::CATEGORY_RULES,
    schema::PREREQUISITES,
    schema::CATEGORY_MAP,
    schema::BRAND_MAP,
    schema::ATTRIBUTE_MAP,
    schema::LISTING_DRAFTS,
    schema::LISTINGS,
    schema::LISTING_CHECKS,
];

/// The order tables as the v13 code wrote them: JSON.
fn write_back_as_v13(file: &std::path::Path) {
    write_back_as(file, 13);
}

/// The tables as schema `version` wrote them: before v16 the compact values with their ids as
/// text (`BIN_V1`), before v15 packages in JSON, and before v14 the order tables too.
fn write_back_as(file: &std::path::Path, version: u64) {
    fn rewrite<T: serde::Serialize + serde::de::DeserializeOwned>(
        txn: &redb::WriteTransaction,
        def: Bytes,
        name: &'static str,
        json: bool,
    ) {
        let mut t = txn.open_table(def).expect("table");
        let all: Vec<(String, T)> = t
            .iter()
            .expect("iter")
            .map(|r| {
                let (k, v) = r.expect("row");
                (k.value().to_string(), decode(name, k.value(), v.value()).expect("decode"))
            })
            .collect();
        for (k, v) in all {
            let bytes = match json {
                true => serde_json::to_vec(&v).expect("json"),
                false => encode_bin_v1(&v).expect("v1"),
            };
            t.insert(k.as_str(), bytes.as_slice()).expect("insert");
        }
    }
    let db = redb::Database::create(file).expect("redb");
    let txn = db.begin_write().expect("write");
    if version < 16 {
        rewrite::<Order>(&txn, ORDERS, "orders", version < 14);
        rewrite::<OrderRow>(&txn, ORDER_ROWS, "order_rows", version < 14);
        rewrite::<StatusChange>(&txn, ORDER_HISTORY, "order_history", version < 14);
        rewrite::<PriceDetail>(&txn, ORDER_PRICES, "order_prices", version < 14);
        rewrite::<Package>(&txn, PACKAGES, "packages", version < 15);
    }
    if version < 17 {
        // The search terms in the multimap they were in before v17.
        let keys: Vec<String> = raw_keys(&txn.open_table(schema::ORDER_TERMS).expect("terms"));
        txn.delete_table(schema::ORDER_TERMS).expect("delete");
        let mut search = txn.open_multimap_table(schema::ORDER_SEARCH).expect("multimap");
        for k in keys {
            let (term, id) = k.split_once('\0').expect("a term key");
            search.insert(term, id).expect("insert");
        }
    }
    let mut meta = txn.open_table(META).expect("meta");
    meta.insert("schema_version", version.to_le_bytes().as_slice()).expect("version");
    drop(meta);
    txn.commit().expect("commit");
}

fn raw_keys(t: &impl ReadableTable<&'static str, ()>) -> Vec<String> {
    t.iter().expect("iter").map(|e| e.expect("row").0.value().to_string()).collect()
}

/// Every search term of every order, as (term, order id): from the multimap before v17, from
/// `order_terms` after.
fn search_terms(file: &std::path::Path) -> std::collections::BTreeSet<(String, String)> {
    let db = redb::Database::open(file).expect("open");
    let r = db.begin_read().expect("read");
    let mut out = std::collections::BTreeSet::new();
    if let Ok(t) = r.open_table(schema::ORDER_TERMS) {
        for k in raw_keys(&t) {
            let (term, id) = k.split_once('\0').expect("a term key");
            out.insert((term.to_string(), id.to_string()));
        }
    }
    if let Ok(t) = r.open_multimap_table(schema::ORDER_SEARCH) {
        for e in t.iter().expect("iter") {
            let (term, ids) = e.expect("row");
            for id in ids {
                out.insert((term.value().to_string(), id.expect("id").value().to_string()));
            }
        }
    }
    out
}

/// Every record of a table: raw bytes, or decoded (as JSON values) for the order tables.
fn raw(db: &redb::Database, def: Bytes) -> BTreeMap<String, Vec<u8>> {
    let r = db.begin_read().expect("read");
    let t = r.open_table(def).expect("table");
    t.iter().expect("iter").map(|e| e.expect("row")).map(|(k, v)| (k.value().to_string(), v.value().to_vec())).collect()
}

fn decoded<T: serde::Serialize + serde::de::DeserializeOwned>(
    db: &redb::Database,
    def: Bytes,
    name: &'static str,
) -> BTreeMap<String, serde_json::Value> {
    raw(db, def)
        .into_iter()
        .map(|(k, v)| {
            let value: T = decode(name, &k, &v).expect("decode");
            (k, serde_json::to_value(value).expect("value"))
        })
        .collect()
}

type Snapshot = (Vec<BTreeMap<String, Vec<u8>>>, Vec<BTreeMap<String, serde_json::Value>>, Vec<(u64, Vec<u8>)>);

fn snapshot(file: &std::path::Path) -> Snapshot {
    let db = redb::Database::open(file).expect("open");
    let others = OTHER_TABLES.iter().map(|d| raw(&db, *d)).collect();
    let orders = vec![
        decoded::<Order>(&db, ORDERS, "orders"),
        decoded::<OrderRow>(&db, ORDER_ROWS, "order_rows"),
        decoded::<StatusChange>(&db, ORDER_HISTORY, "order_history"),
        decoded::<PriceDetail>(&db, ORDER_PRICES, "order_prices"),
        decoded::<Package>(&db, PACKAGES, "packages"),
    ];
    let r = db.begin_read().expect("read");
    let mut seqs = Vec::new();
    for def in [schema::WEBHOOKS, schema::OUTBOX, schema::AUDIT] {
        for e in r.open_table(def).expect("table").iter().expect("iter") {
            let (k, v) = e.expect("row");
            seqs.push((k.value(), v.value().to_vec()));
        }
    }
    (others, orders, seqs)
}

fn compact_everywhere(file: &std::path::Path) -> bool {
    let db = redb::Database::open(file).expect("open");
    let r = db.begin_read().expect("read");
    [ORDERS, ORDER_ROWS, ORDER_HISTORY, ORDER_PRICES, PACKAGES]
        .iter()
        .all(|d| r.open_table(*d).expect("table").iter().expect("iter").all(|e| is_bin(e.expect("row").1.value())))
}

#[test]
fn a_v13_store_with_every_kind_of_record_migrates_keeping_them_all_and_checks_sound() {
    let env = Env::new(None);
    let dir = env.data_dir();
    let s = order_data::seeded_store(&dir, NOW);
    catalog_data::seed(&s, NOW);
    let hook = IncomingWebhook {
        received_at: NOW,
        body: br#"{"type":1,"data":{"order_id":"576461413038785701"}}"#.to_vec(),
        notification_id: Some("n-1".into()),
        type_code: Some(1),
        shop_id: Some(order_data::US.into()),
        verdict: Verdict::Accepted,
    };
    s.ingest_webhooks(&[hook]).expect("webhook");
    s.audit(
        NOW,
        &Actor::person("alice", Role::Support, "console"),
        "orders ship",
        "576461413038785701",
        Outcome::Ok("done".into()),
    )
    .expect("audit");
    s.write(|t| {
        tokshop::store::shops::add_store(t, &PlatformStore { name: "maomao-web".into(), created_at: NOW })?;
        tokshop::store::shops::put_shop(
            t,
            &Shop {
                id: order_data::US.into(),
                name: "Maomao US".into(),
                region: "US".into(),
                seller_type: SellerType::Local,
                cipher: "ROW_US".into(),
                code: "CODE".into(),
                store: "maomao-web".into(),
                status: ShopStatus::Active,
                grant_id: "open1".into(),
                connected_at: NOW,
                updated_at: NOW,
            },
        )?;
        tokshop::store::grants::put_grant(
            t,
            &Grant {
                open_id: "open1".into(),
                seller_name: "Maomao".into(),
                seller_base_region: "US".into(),
                access_token: Secret::new("TTP_access"),
                access_token_expire_in: NOW + 86_400,
                refresh_token: Secret::new("TTP_refresh"),
                refresh_token_expire_in: NOW + 30 * 86_400,
                granted_scopes: vec!["seller.order.info".into()],
                updated_at: NOW,
            },
        )?;
        tokshop::store::attention::upsert(
            t,
            AttentionItem {
                key: "reauth:7494049642642441622".into(),
                kind: AttentionKind::Reauthorize,
                shop_id: Some(order_data::US.into()),
                title: "re-authorize".into(),
                detail: "in 5 days".into(),
                deadline: Some(NOW + 5 * 86_400),
                created_at: NOW,
                updated_at: NOW,
                resolved_at: None,
            },
        )
    })
    .expect("shops");
    let cursor = Cursor { synced_until: NOW - 60, page_token: None, updated_at: NOW, ..Cursor::default() };
    s.write(|t| put_cursor(t, order_data::US, "orders", &cursor)).expect("cursor");
    assert!(!s.order_history("576461413038785701").expect("history").is_empty());
    drop(s);
    let file = dir.join(DB_FILE);
    write_back_as_v13(&file);
    assert!(!compact_everywhere(&file));
    let before = snapshot(&file);
    let empty: Vec<&str> =
        OTHER_TABLES.iter().zip(&before.0).filter(|(_, t)| t.is_empty()).map(|(d, _)| d.name()).collect();
    assert!(empty.is_empty(), "every other table holds records: {empty:?}");
    assert!(before.1.iter().all(|t| !t.is_empty()), "every order table holds records");

    let terms = search_terms(&file);
    assert!(terms.iter().any(|(t, _)| t.starts_with("sku:")), "the fixture's terms are in the old multimap");
    let mut seen: Vec<Progress> = Vec::new();
    let s = Store::open_with_progress(&dir, &mut |p| seen.push(p.clone())).expect("the v13 store opens");
    assert_eq!(s.schema_version().expect("version"), schema::CURRENT_VERSION);
    assert!(seen.iter().any(|p| p.table == "orders" && p.done == p.total && p.total > 0), "{seen:?}");
    assert!(seen.iter().any(|p| p.table == "compacting"), "{seen:?}");
    let total = s.order_count().expect("count");
    let page = s.order_page(&Default::default(), None, 500).expect("page");
    assert_eq!(page.rows.len() as u64, total);
    drop(s);
    // The backup is the v13 store as it was: its version, its JSON, every record.
    let backup = backup_path(&dir, 13);
    assert!(!compact_everywhere(&backup));
    assert!(snapshot(&backup) == before, "the backup holds every record as it was");
    {
        let db = redb::Database::open(&backup).expect("the backup opens");
        assert_eq!(schema::schema_version(&db).expect("version"), 13);
    }
    assert!(compact_everywhere(&file));
    assert!(snapshot(&file) == before, "every record is kept");
    assert!(search_terms(&file) == terms, "every search term is kept, in order_terms");
    let o = env.run(&["store", "check"]);
    assert!(o.status.success() && stdout(&o).contains("the store is sound"), "{}{}", stdout(&o), stderr(&o));
    // Opening again converts nothing and keeps the backup.
    let mut again = Vec::new();
    drop(Store::open_with_progress(&dir, &mut |p| again.push(p.clone())).expect("reopen"));
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn a_conversion_stopped_after_its_first_batch_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    let n = 2 * BATCH as u64 + 7;
    let day = order_data::orders(NOW);
    let orders: Vec<Order> = (0..n)
        .map(|i| {
            let mut o = day[i as usize % day.len()].clone();
            o.id = format!("9{i:017}");
            o.package_ids = vec![format!("8{i:017}")];
            for (k, l) in o.lines.iter_mut().enumerate() {
                l.id = format!("7{i:015}{k:02}");
                l.package_id = Some(format!("8{i:017}"));
            }
            o
        })
        .collect();
    s.upsert_orders(&orders, Source::Backfill, NOW).expect("orders");
    drop(s);
    let file = dir.path().join(DB_FILE);
    write_back_as_v13(&file);
    let before = snapshot(&file);
    // Stopped (as a kill would) right after the first batch committed.
    let stopped = Store::open_with_progress(dir.path(), &mut |_| panic!("stopped here"));
    assert!(stopped.is_err());
    {
        let db = redb::Database::open(&file).expect("open");
        let r = db.begin_read().expect("read");
        let t = r.open_table(ORDERS).expect("orders");
        let bin = t.iter().expect("iter").filter(|e| is_bin(e.as_ref().expect("row").1.value())).count();
        assert_eq!((t.len().expect("len"), bin), (n, 0), "the orders are all there, as they were");
        let side: Bytes = TableDefinition::new("orders.compact");
        let copied = r.open_table(side).expect("side table").len().expect("len");
        assert_eq!(copied, BATCH as u64, "the first batch is converted and committed");
    }
    let mut seen: Vec<Progress> = Vec::new();
    let s = Store::open_with_progress(dir.path(), &mut |p| seen.push(p.clone())).expect("resumes");
    let first = seen.iter().find(|p| p.table == "orders").expect("orders progress");
    assert_eq!((first.done, first.total), (2 * BATCH as u64, n), "resumed after the first batch: {seen:?}");
    assert_eq!(s.order_count().expect("count"), n);
    drop(s);
    assert!(compact_everywhere(&file));
    assert!(snapshot(&file) == before, "every record is kept");
}

#[test]
fn a_command_on_a_v13_store_converts_it_first_and_answers_from_it() {
    let env = Env::new(None);
    let dir = env.data_dir();
    let s = order_data::seeded_store(&dir, NOW);
    let total = s.order_count().expect("count");
    drop(s);
    let file = dir.join(DB_FILE);
    write_back_as_v13(&file);
    let o = env.run(&["orders", "list", "--all", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listed: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(listed.as_array().map(|a| a.len() as u64), Some(total), "every order, read after converting");
    assert!(compact_everywhere(&file), "the command converted the store before reading it");
    assert!(backup_path(&dir, 13).exists());
}

/// A store of schema `version` (14: packages in JSON; 15: everything compact, ids as text) is
/// backed up, then every order table and packages are rewritten with numeric ids, keeping every
/// record, in fewer bytes.
fn a_compact_store_of_schema(version: u64) {
    let env = Env::new(None);
    let dir = env.data_dir();
    let s = order_data::seeded_store(&dir, NOW);
    drop(s);
    let file = dir.join(DB_FILE);
    write_back_as(&file, version);
    let size = |f: &std::path::Path| -> usize {
        let db = redb::Database::open(f).expect("open");
        [ORDERS, ORDER_ROWS, PACKAGES].iter().map(|d| raw(&db, *d).values().map(Vec::len).sum::<usize>()).sum()
    };
    let bytes_before = size(&file);
    assert!(!compact_everywhere(&file));
    let before = snapshot(&file);
    assert!(!before.1[4].is_empty(), "the fixture has packages");
    let terms = search_terms(&file);

    let mut seen: Vec<Progress> = Vec::new();
    let s = Store::open_with_progress(&dir, &mut |p| seen.push(p.clone())).expect("the store opens");
    assert_eq!(s.schema_version().expect("version"), schema::CURRENT_VERSION);
    drop(s);
    let tables: std::collections::BTreeSet<&str> = seen.iter().map(|p| p.table).collect();
    let rewritten: Vec<&str> = ["orders", "order_rows", "order_history", "order_prices", "packages"]
        .into_iter()
        .filter(|t| tables.contains(t))
        .collect();
    assert_eq!(rewritten.len(), 5, "every compact table is rewritten: {seen:?}");
    assert!(tables.contains("compacting") && tables.contains("order_terms"), "indexes rebuilt, then compacted");
    assert!(compact_everywhere(&file));
    assert!(snapshot(&file) == before, "every record is kept");
    assert!(search_terms(&file) == terms, "every search term is kept, in order_terms");
    let bytes_after = size(&file);
    assert!(bytes_after * 100 < bytes_before * 85, "ids as numbers: {bytes_before} -> {bytes_after} bytes");
    let backup = backup_path(&dir, version);
    assert!(snapshot(&backup) == before, "the backup is the v{version} store as it was");
    let o = env.run(&["store", "check"]);
    assert!(o.status.success() && stdout(&o).contains("the store is sound"), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn a_v14_store_is_backed_up_then_made_compact_with_numeric_ids_keeping_every_record() {
    a_compact_store_of_schema(14);
}

#[test]
fn a_v15_store_is_backed_up_then_rewritten_with_numeric_ids_keeping_every_record() {
    a_compact_store_of_schema(15);
}

#[test]
fn a_v16_store_has_its_search_terms_moved_to_one_key_each_and_no_table_copied() {
    let env = Env::new(None);
    let dir = env.data_dir();
    drop(order_data::seeded_store(&dir, NOW));
    let file = dir.join(DB_FILE);
    write_back_as(&file, 16);
    let orders_before = raw(&redb::Database::open(&file).expect("open"), ORDERS);
    let terms = search_terms(&file);
    assert!(terms.iter().any(|(t, _)| t.starts_with("nick:")), "the fixture's terms are in the old multimap");

    let mut seen: Vec<Progress> = Vec::new();
    drop(Store::open_with_progress(&dir, &mut |p| seen.push(p.clone())).expect("the v16 store opens"));
    let copied = ["orders", "order_rows", "order_history", "order_prices", "packages"];
    assert!(!seen.iter().any(|p| copied.contains(&p.table)), "no table copied: {seen:?}");
    let filled = seen.iter().find(|p| p.table == "order_terms" && p.total > 0).expect("terms filled");
    assert_eq!(filled.done, filled.total, "from every order: {seen:?}");
    assert!(raw(&redb::Database::open(&file).expect("open"), ORDERS) == orders_before, "orders byte for byte");
    assert!(search_terms(&file) == terms, "every search term is kept, in order_terms");
    let db = redb::Database::open(&file).expect("open");
    assert!(db.begin_read().expect("read").open_multimap_table(schema::ORDER_SEARCH).is_err(), "the multimap is gone");
    drop(db);
    let (sku_term, _) = terms.iter().find(|(t, _)| t.starts_with("sku:")).expect("a SKU term");
    let s = Store::open(&dir).expect("open");
    let scanned = s.scan_code(&sku_term["sku:".len()..]).expect("scan");
    assert!(matches!(scanned, Scanned::Sku { .. }), "a scanned SKU is found by its term: {scanned:?}");
    drop(s);
    let o = env.run(&["store", "check"]);
    assert!(o.status.success() && stdout(&o).contains("the store is sound"), "{}{}", stdout(&o), stderr(&o));
}
