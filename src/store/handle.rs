//! The open database, shared by every clone of the store, and reopened after an I/O error.
//!
//! redb refuses every operation after an I/O error (`StorageError::PreviousIo`: "close and
//! re-open the database"). A full disk or a file-size limit would otherwise make the engine
//! answer 503 to every webhook until it is restarted. Here the failed database is dropped as
//! soon as nothing else is using it, and the next operation opens the file again (redb repairs
//! it from its last durable commit): writes succeed again by themselves once the cause is gone.

use super::error::{StoreError, StoreResult};
use redb::Database;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

pub(super) struct Handle {
    slot: RwLock<Option<Arc<Database>>>,
    path: PathBuf,
}

/// Whether an error means redb will refuse everything until the file is reopened.
fn is_io(e: &StoreError) -> bool {
    match e {
        StoreError::Db(m) => m.contains("I/O error") || m.contains("Storage backend error"),
        _ => false,
    }
}

impl Handle {
    pub(super) fn new(db: Database, path: PathBuf) -> Handle {
        Handle { slot: RwLock::new(Some(Arc::new(db))), path }
    }

    /// The database, reopened first if an I/O error closed it.
    pub(super) fn get(&self) -> StoreResult<Arc<Database>> {
        if let Some(db) = self.slot.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
            return Ok(db.clone());
        }
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        if let Some(db) = slot.as_ref() {
            return Ok(db.clone());
        }
        match Database::create(&self.path) {
            Ok(db) => {
                tracing::info!("the store {} is open again after an I/O error", self.path.display());
                let db = Arc::new(db);
                *slot = Some(db.clone());
                Ok(db)
            }
            Err(e) => Err(StoreError::Db(format!("the store {} cannot be opened again: {e}", self.path.display()))),
        }
    }

    /// After an operation failed: an I/O error closes the database (when no one else is in a
    /// transaction on it) so that the next operation reopens it.
    pub(super) fn failed(&self, e: &StoreError) {
        if !is_io(e) {
            return;
        }
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        if slot.as_ref().is_some_and(|db| Arc::strong_count(db) == 1) {
            tracing::warn!("the store hit an I/O error ({e}); it will be reopened");
            *slot = None;
        }
    }

    /// The database to itself (for redb's page check), when no transaction holds it.
    pub(super) fn exclusive<T>(&self, f: impl FnOnce(&mut Database) -> T) -> Option<T> {
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        slot.as_mut().and_then(Arc::get_mut).map(f)
    }
}
