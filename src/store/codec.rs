//! JSON values in redb tables, with errors that name the table and key.

use super::error::{StoreError, StoreResult};
use redb::{ReadableTable, Table};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub fn encode<T: Serialize>(v: &T) -> StoreResult<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| StoreError::Db(format!("cannot encode a record: {e}")))
}

pub fn decode<T: DeserializeOwned>(table: &'static str, key: impl std::fmt::Display, bytes: &[u8]) -> StoreResult<T> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Decode {
        table,
        key: key.to_string(),
        message: e.to_string(),
    })
}

/// Get and decode one JSON value from a string-keyed table.
pub fn get_str<T: DeserializeOwned>(
    t: &impl ReadableTable<&'static str, &'static [u8]>,
    table: &'static str,
    key: &str,
) -> StoreResult<Option<T>> {
    match t.get(key)? {
        Some(g) => decode(table, key, g.value()).map(Some),
        None => Ok(None),
    }
}

/// Decode every value of a string-keyed table, in key order.
pub fn all_str<T: DeserializeOwned>(
    t: &impl ReadableTable<&'static str, &'static [u8]>,
    table: &'static str,
) -> StoreResult<Vec<T>> {
    let mut out = Vec::new();
    for row in t.iter()? {
        let (k, v) = row?;
        out.push(decode(table, k.value(), v.value())?);
    }
    Ok(out)
}

pub fn put_str<T: Serialize>(t: &mut Table<&'static str, &'static [u8]>, key: &str, v: &T) -> StoreResult<()> {
    t.insert(key, encode(v)?.as_slice())?;
    Ok(())
}

/// The next sequence number of a u64-keyed table (1 for an empty one).
pub fn next_seq<V: redb::Value + 'static>(t: &impl ReadableTable<u64, V>) -> StoreResult<u64> {
    Ok(t.last()?.map(|(k, _)| k.value() + 1).unwrap_or(1))
}
