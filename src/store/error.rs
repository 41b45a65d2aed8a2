use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "data dir {} is in use by pid {}; stop that tokshop first or pass another --data-dir",
        dir.display(),
        pid.map(|p| p.to_string()).unwrap_or_else(|| "unknown".into())
    )]
    InUse { dir: PathBuf, pid: Option<u32> },
    #[error("{context}: {message}")]
    Io { context: String, message: String },
    #[error("store error: {0}")]
    Db(String),
    #[error(
        "record {key:?} in table {table} cannot be read ({message}); the store may have been written by a newer tokshop"
    )]
    Decode { table: &'static str, key: String, message: String },
    #[error("{0}")]
    Schema(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    NotFound(String),
}

impl StoreError {
    pub fn io(context: impl Into<String>, e: std::io::Error) -> StoreError {
        StoreError::Io { context: context.into(), message: e.to_string() }
    }
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self { StoreError::Db(e.to_string()) }
        }
    )*};
}
from_redb!(
    redb::Error,
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::SetDurabilityError
);

pub type StoreResult<T> = Result<T, StoreError>;
