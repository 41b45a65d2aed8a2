//! The embedded store: one redb file per data dir, owned by one process.
//!
//! Writes are grouped per aggregate in [`Store::write`] transactions (each commit is durable
//! when it returns); reads are MVCC snapshots that never block the writer. The UI only reads.

pub mod codec;
pub mod error;
pub mod fulfilment;
pub mod lock;
pub mod schema;

pub mod attention;
pub mod audit;
pub mod catalog;
pub mod cursors;
pub mod grants;
pub mod listing;
pub mod order_queries;
pub mod orders;
pub mod outbox;
pub mod parcels;
pub mod pending_auth;
pub mod returns;
pub mod shops;
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

#[derive(Clone)]
pub struct Store {
    db: Arc<Database>,
    dir: PathBuf,
    _lock: Arc<lock::DirLock>,
}

impl Store {
    /// Open (or create) the store in `dir`: the dir becomes 0700, the file 0600, and a second
    /// process gets [`StoreError::InUse`] naming the holder.
    pub fn open(dir: &Path) -> StoreResult<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::io(format!("cannot create data dir {}", dir.display()), e))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| StoreError::io(format!("cannot set permissions on {}", dir.display()), e))?;
        let lock = lock::DirLock::acquire(dir)?;
        let path = dir.join(DB_FILE);
        let db = match Database::create(&path) {
            Ok(db) => db,
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
                return Err(StoreError::InUse { dir: dir.to_path_buf(), pid: None });
            }
            Err(e) => {
                return Err(StoreError::Db(format!("cannot open {}: {e}", path.display())));
            }
        };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| StoreError::io(format!("cannot set permissions on {}", path.display()), e))?;
        schema::migrate(&db)?;
        Ok(Store { db: Arc::new(db), dir: dir.to_path_buf(), _lock: Arc::new(lock) })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Run `f` in one write transaction and commit it durably; nothing is written if `f` fails.
    pub fn write<T>(&self, f: impl FnOnce(&WriteTransaction) -> StoreResult<T>) -> StoreResult<T> {
        let txn = self.db.begin_write()?;
        let out = f(&txn)?;
        txn.commit()?;
        Ok(out)
    }

    /// Run `f` against a consistent read snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&ReadTransaction) -> StoreResult<T>) -> StoreResult<T> {
        let txn = self.db.begin_read()?;
        f(&txn)
    }

    pub fn schema_version(&self) -> StoreResult<u64> {
        schema::schema_version(&self.db)
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
