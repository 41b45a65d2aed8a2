//! The embedded store: one redb file per data dir, owned by one process.
//!
//! Writes are grouped per aggregate in [`Store::write`] transactions (each commit is durable
//! when it returns); reads are MVCC snapshots that never block the writer. The UI only reads.

pub mod check;
pub mod codec;
pub mod convert;
mod dense;
pub mod error;
pub mod finance;
pub mod fulfilment;
mod handle;
pub mod lock;
pub mod schema;

pub mod attention;
pub mod audit;
pub mod catalog;
pub mod cursors;
pub mod grants;
pub mod listing;
pub mod listing_sync;
pub mod order_queries;
pub mod order_terms;
pub mod orders;
pub mod outbox;
pub mod parcels;
pub mod pending_auth;
pub mod return_labels;
pub mod return_photos;
pub mod returns;
pub mod shops;
pub mod sizes;
pub mod sku_map;
pub mod views;
pub mod webhooks;

pub use error::{StoreError, StoreResult};
pub use webhooks::{IncomingWebhook, PendingWebhook};

use redb::{Database, ReadTransaction, ReadableDatabase, WriteTransaction};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const DB_FILE: &str = "tokshop.redb";

/// No redb file is shorter than its header page: a shorter file is empty or truncated.
const MIN_STORE_BYTES: u64 = 512;

std::thread_local! {
    /// Set while a store transaction runs under [`guarded`].
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Install (again) a panic hook in front of the others that keeps quiet about panics
/// [`guarded`] catches: they become a message, and must not print over the console or make its
/// own hook restore the terminal. Called when a store opens and after the console takes the
/// terminal (whose hook would otherwise run first).
pub fn quiet_caught_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.get() {
            tracing::error!("store: {info}");
        } else {
            previous(info);
        }
    }));
}

/// Run `f`, turning a panic inside it (redb panics on some damaged pages) into an error, so a
/// damaged store is refused with a message and the terminal is restored, never exit 101.
fn guarded<T>(f: impl FnOnce() -> StoreResult<T>) -> StoreResult<T> {
    let outer = GUARDED.replace(true);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.set(outer);
    match r {
        Ok(r) => r,
        Err(p) => {
            let what = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unreadable pages".into());
            Err(StoreError::Panicked(what))
        }
    }
}

#[derive(Clone)]
pub struct Store {
    db: Arc<handle::Handle>,
    dir: PathBuf,
    _lock: Arc<lock::DirLock>,
}

impl Store {
    /// Open (or create) the store in `dir`: the dir becomes 0700, the file 0600, and a second
    /// process gets [`StoreError::InUse`] naming the holder.
    pub fn open(dir: &Path) -> StoreResult<Store> {
        Store::open_with_progress(dir, &mut convert::logged())
    }

    /// [`Store::open`], reporting the progress of a conversion to the compact encoding (a store
    /// written before it is copied, then converted and compacted: `convert.rs`).
    pub fn open_with_progress(dir: &Path, progress: &mut dyn FnMut(&convert::Progress)) -> StoreResult<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::io(format!("cannot create data dir {}", dir.display()), e))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| StoreError::io(format!("cannot set permissions on {}", dir.display()), e))?;
        let lock = lock::DirLock::acquire(dir)?;
        let path = dir.join(DB_FILE);
        let damaged = |what: String| StoreError::Damaged { path: path.clone(), what };
        static QUIET: std::sync::Once = std::sync::Once::new();
        QUIET.call_once(quiet_caught_panics);
        // An existing file is opened, never replaced: redb would turn an empty file into a new store.
        if let Ok(meta) = std::fs::metadata(&path)
            && meta.len() < MIN_STORE_BYTES
        {
            return Err(damaged(format!("{} bytes, shorter than any store: empty or truncated", meta.len())));
        }
        let opened = guarded(|| {
            let db = match Database::create(&path) {
                Ok(db) => db,
                Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
                    return Err(StoreError::InUse { dir: dir.to_path_buf(), pid: None });
                }
                Err(redb::DatabaseError::Storage(redb::StorageError::Corrupted(what))) => return Err(damaged(what)),
                Err(e) => return Err(StoreError::Db(format!("cannot open {}: {e}", path.display()))),
            };
            let mut db = db;
            let found = schema::schema_version(&db)?;
            if found > 0 && found < schema::COMPACT_VERSION {
                convert::backup_before_migrating(&db, &path, found)?;
            }
            schema::migrate(&db)?;
            convert::finish(&mut db, progress)?;
            Ok(db)
        });
        let db = match opened {
            Err(StoreError::Db(m)) if m.contains("orrupt") => return Err(damaged(m)),
            Err(StoreError::Panicked(what)) => return Err(damaged(what)),
            other => other?,
        };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| StoreError::io(format!("cannot set permissions on {}", path.display()), e))?;
        Ok(Store { db: Arc::new(handle::Handle::new(db, path)), dir: dir.to_path_buf(), _lock: Arc::new(lock) })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Run `f` in one write transaction and commit it durably; nothing is written if `f` fails.
    pub fn write<T>(&self, f: impl FnOnce(&WriteTransaction) -> StoreResult<T>) -> StoreResult<T> {
        let db = self.db.get()?;
        let r = self.damage_named(guarded(|| {
            let txn = db.begin_write()?;
            let out = f(&txn)?;
            txn.commit()?;
            Ok(out)
        }));
        drop(db);
        if let Err(e) = &r {
            self.db.failed(e);
        }
        r
    }

    /// Run `f` against a consistent read snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&ReadTransaction) -> StoreResult<T>) -> StoreResult<T> {
        let db = self.db.get()?;
        let r = self.damage_named(guarded(|| {
            let txn = db.begin_read()?;
            f(&txn)
        }));
        drop(db);
        if let Err(e) = &r {
            self.db.failed(e);
        }
        r
    }

    /// A panic inside redb (a damaged page) becomes the one message naming the file.
    fn damage_named<T>(&self, r: StoreResult<T>) -> StoreResult<T> {
        match r {
            Err(StoreError::Panicked(what)) => Err(StoreError::Damaged { path: self.dir.join(DB_FILE), what }),
            other => other,
        }
    }

    /// Compact the file, the order tables and packages copied anew and their indexes rebuilt
    /// dense first (`dense.rs`): (bytes before, bytes after). Needs the store to itself: an engine or
    /// console holding it makes this a [`StoreError::Conflict`].
    pub fn compact(self) -> StoreResult<(u64, u64)> {
        let path = self.dir.join(DB_FILE);
        let size =
            || std::fs::metadata(&path).map(|m| m.len()).map_err(|e| StoreError::io("cannot read the store's size", e));
        let before = size()?;
        let alone = std::sync::Arc::strong_count(&self.db) == 1;
        let done = match alone {
            true => self.db.exclusive(|db| guarded(|| convert::rebuild_and_compact(db, &mut convert::logged()))),
            false => None,
        };
        match done {
            Some(r) => self.damage_named(r)?,
            None => {
                return Err(StoreError::Conflict(
                    "the store is in use (an engine or console holds it): `tokshop daemon stop` first".into(),
                ));
            }
        }
        Ok((before, size()?))
    }

    pub fn schema_version(&self) -> StoreResult<u64> {
        schema::schema_version(&*self.db.get()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_open_names_the_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let _first = Store::open(dir.path()).expect("open");
        // Same process, second handle: the OS lock is per open file description.
        match Store::open(dir.path()) {
            Err(StoreError::InUse { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected InUse, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn creates_private_files_and_current_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let s = Store::open(&data).expect("open");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join(DB_FILE)), 0o600);
        assert_eq!(s.schema_version().expect("version"), schema::CURRENT_VERSION);
        drop(s);
        // Re-opening runs no migration twice and keeps the version.
        let s = Store::open(&data).expect("reopen");
        assert_eq!(s.schema_version().expect("version"), schema::CURRENT_VERSION);
    }
}
