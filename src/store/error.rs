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
        "record {key:?} in table {table} cannot be read ({message}); the store may be damaged: \
         run `tokshop store check`"
    )]
    Decode { table: &'static str, key: String, message: String },
    /// The file is not a readable store; it is left exactly as it is.
    #[error(
        "the store {} is damaged ({what}); it was left as it is. Run `tokshop store check`, restore a backup \
         (README: Backup and restore), or move the file away to start a new store",
        path.display()
    )]
    Damaged { path: PathBuf, what: String },
    #[error("{0}")]
    Schema(String),
    /// redb panicked inside a transaction (turned into [`StoreError::Damaged`] by the store).
    #[error("the store panicked: {0}")]
    Panicked(String),
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
