//! `tokshop store check` and `tokshop store backup`: verify a store, and copy it consistently
//! while the engine keeps running.
//!
//! The check reads one snapshot and holds the store's own invariants: every record decodes,
//! every order's packages exist and every order has its queue row, every queue and index entry
//! points at an order, every idempotency key and subject points at an outbox item, every
//! pending or deduplicated webhook at a stored delivery. redb's own page check
//! ([`redb::Database::check_integrity`]) needs the file to itself, so it runs only when no
//! other handle (an engine, a console) holds the store.

use super::codec::decode;
use super::error::{StoreError, StoreResult};
use super::schema::{
    CURSORS, ORDER_QUEUE, ORDER_ROWS, ORDERS, OUTBOX, OUTBOX_KEYS, OUTBOX_SUBJECTS, PACKAGES, WEBHOOK_IDS,
    WEBHOOK_PENDING, WEBHOOKS,
};
use super::{DB_FILE, Store};
use crate::domain::order::Order;
use crate::domain::outbox::OutboxItem;
use redb::{ReadTransaction, ReadableDatabase, ReadableTable};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Problems listed at most; the count says how many there were.
const MAX_LISTED: usize = 50;

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct CheckReport {
    /// Records read, per table.
    pub records: Vec<(String, u64)>,
    /// What is wrong, the first [`MAX_LISTED`].
    pub problems: Vec<String>,
    pub problem_count: u64,
    /// redb's page check: `Some(true)` passed, `Some(false)` repaired or failed, `None` not run
    /// (another handle holds the store).
    pub pages_checked: Option<bool>,
}

impl CheckReport {
    fn problem(&mut self, p: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_LISTED {
            self.problems.push(p);
        }
    }

    pub fn ok(&self) -> bool {
        self.problem_count == 0 && self.pages_checked != Some(false)
    }
}

fn orders(r: &ReadTransaction, rep: &mut CheckReport) -> StoreResult<()> {
    let t = r.open_table(ORDERS)?;
    let rows = r.open_table(ORDER_ROWS)?;
    let packages = r.open_table(PACKAGES)?;
    let mut n = 0;
    for row in t.iter()? {
        let (k, v) = row?;
        n += 1;
        let id = k.value();
        let o: Order = match decode("orders", id, v.value()) {
            Ok(o) => o,
            Err(e) => {
                rep.problem(e.to_string());
                continue;
            }
        };
        if rows.get(id)?.is_none() {
            rep.problem(format!("order {id} has no queue row"));
        }
        for p in &o.package_ids {
            if packages.get(p.as_str())?.is_none() {
                rep.problem(format!("order {id} names package {p}, which is not stored"));
            }
        }
    }
    rep.records.push(("orders".into(), n));
    let mut q = 0;
    for row in r.open_table(ORDER_QUEUE)?.iter()? {
        let key = row?.0.value().to_string();
        q += 1;
        let id = key.rsplit('|').next().unwrap_or_default();
        if t.get(id)?.is_none() {
            rep.problem(format!("queue entry {key:?} points at no order"));
        }
    }
    rep.records.push(("order_queue".into(), q));
    Ok(())
}

fn outbox(r: &ReadTransaction, rep: &mut CheckReport) -> StoreResult<()> {
    let t = r.open_table(OUTBOX)?;
    let mut n = 0;
    for row in t.iter()? {
        let (k, v) = row?;
        n += 1;
        if let Err(e) = decode::<OutboxItem>("outbox", k.value(), v.value()) {
            rep.problem(e.to_string());
        }
    }
    rep.records.push(("outbox".into(), n));
    for (name, table) in [("idempotency key", OUTBOX_KEYS), ("subject", OUTBOX_SUBJECTS)] {
        for row in r.open_table(table)?.iter()? {
            let (k, v) = row?;
            if t.get(v.value())?.is_none() {
                rep.problem(format!("outbox {name} {:?} points at item {}, which is not stored", k.value(), v.value()));
            }
        }
    }
    Ok(())
}

fn webhooks(r: &ReadTransaction, rep: &mut CheckReport) -> StoreResult<()> {
    let t = r.open_table(WEBHOOKS)?;
    for row in r.open_table(WEBHOOK_PENDING)?.iter()? {
        let seq = row?.0.value();
        if t.get(seq)?.is_none() {
            rep.problem(format!("pending webhook #{seq} is not stored"));
        }
    }
    for row in r.open_table(WEBHOOK_IDS)?.iter()? {
        let (k, v) = row?;
        if t.get(v.value())?.is_none() {
            rep.problem(format!("notification {:?} points at webhook #{}, which is not stored", k.value(), v.value()));
        }
    }
    rep.records.push(("webhooks".into(), redb::ReadableTableMetadata::len(&t)?));
    let mut c = 0;
    for row in r.open_table(CURSORS)?.iter()? {
        let (k, v) = row?;
        c += 1;
        if let Err(e) = decode::<serde_json::Value>("cursors", k.value(), v.value()) {
            rep.problem(e.to_string());
        }
    }
    rep.records.push(("cursors".into(), c));
    Ok(())
}

impl Store {
    /// Check the store's invariants on one snapshot, and redb's pages when this is the only
    /// handle on the store.
    pub fn check(self) -> StoreResult<CheckReport> {
        let mut rep = CheckReport::default();
        self.read(|r| {
            orders(r, &mut rep)?;
            outbox(r, &mut rep)?;
            webhooks(r, &mut rep)
        })?;
        // Only when no other handle (an engine's tasks, a console) shares this store.
        if std::sync::Arc::strong_count(&self.db) == 1
            && let Some(checked) = self.db.exclusive(|db| db.check_integrity())
        {
            rep.pages_checked = Some(checked.map_err(|e| StoreError::Db(e.to_string()))?);
        }
        Ok(rep)
    }

    /// Write a consistent copy of the store to `out` (0600), while others keep reading: the
    /// write lock is held for the copy, so no commit lands half-way through it. Returns the
    /// bytes written. The copy is opened and read back before this returns.
    pub fn backup(&self, out: &Path) -> StoreResult<u64> {
        if out.exists() {
            return Err(StoreError::Conflict(format!("{} exists; choose a new file", out.display())));
        }
        let tmp = out.with_extension("partial");
        let src = self.dir.join(DB_FILE);
        let bytes = {
            let db = self.db.get()?;
            let txn = db.begin_write()?;
            let copied =
                std::fs::copy(&src, &tmp).map_err(|e| StoreError::io(format!("cannot write {}", tmp.display()), e));
            txn.abort()?;
            copied?
        };
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| StoreError::io(format!("cannot set permissions on {}", tmp.display()), e))?;
        {
            let copy =
                redb::Database::open(&tmp).map_err(|e| StoreError::Db(format!("the copy cannot be opened: {e}")))?;
            super::schema::schema_version(&copy)?;
            let r = copy.begin_read()?;
            r.open_table(ORDERS)?;
        }
        std::fs::rename(&tmp, out).map_err(|e| StoreError::io(format!("cannot write {}", out.display()), e))?;
        Ok(bytes)
    }
}
