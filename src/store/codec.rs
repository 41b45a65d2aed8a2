//! Values in redb tables, with errors that name the table and key.
//!
//! Two encodings live side by side, told apart by the first byte:
//!
//! - **Compact** ([`encode_bin`]): one tag byte, the value's schema version in its table
//!   ([`BIN_V2`]), then the value in [postcard](https://docs.rs/postcard). Version 2 writes
//!   TikTok's numeric ids as numbers (`domain/ids.rs`: 10 bytes instead of 20, about 300 a
//!   order with its row and package); version 1 wrote them as text and is still read. The order tables
//!   (`orders`, `order_rows`, `order_history`, `order_prices`) and `packages` use it: they are
//!   most of the store and are read on every keystroke of the Orders and Packages panes.
//! - **JSON** ([`encode`]): every other table, readable with any redb tool. A JSON value
//!   starts with `{`, `[`, `"` or a letter or digit, never with a tag byte.
//!
//! [`decode`] reads both, so a store half-way through its migration to the compact encoding
//! (`store/compact.rs`) reads correctly, and an older store's migrations still read its JSON.
//!
//! Why postcard, measured with `tokshop bench codec --orders 20000` (release build with
//! `--features sqlite-bench`, the bench's order of two lines, on the shared 2-core machine; the
//! JSON the store wrote before for comparison):
//!
//! | encoding | order bytes | encode | decode | queue row bytes |
//! |---|---|---|---|---|
//! | JSON | 2,515 | 4.54 µs | 6.42 µs | 447 |
//! | postcard 1.2 | 709 | 1.29 µs | 2.87 µs | 131 |
//! | bitcode 0.6 (serde) | 707 | 8.80 µs | 7.97 µs | 132 |
//!
//! Both are a quarter of the JSON. bitcode is no smaller here (its gains come from its own
//! derive, which would put store attributes on the domain types) and through serde it is slower
//! than JSON; postcard encodes and decodes 3-4x faster than JSON, and its wire format is
//! documented and stable across 1.x, which a file meant to outlive upgrades needs.
//!
//! postcard is not self-describing: a value decodes only into the shape it was written with.
//! A field added to a stored type therefore needs a new tag (`BIN_V3`) and a migration step that
//! rewrites the table, decoding with the old shape; `#[serde(default)]` alone is not enough, and
//! `skip_serializing_if` and `flatten` must never be used on a compact-encoded type (a test in
//! `orders_tests.rs` round-trips every one of them).

use super::error::{StoreError, StoreResult};
use redb::{ReadableTable, Table};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The tag of a compact value: version 1 of its table's postcard shape (ids as text, schema
/// v14 and v15), read only.
pub const BIN_V1: u8 = 0x01;
/// Version 2, written: ids as numbers where they are ones (schema v16).
pub const BIN_V2: u8 = 0x02;

pub fn encode<T: Serialize>(v: &T) -> StoreResult<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| StoreError::Db(format!("cannot encode a record: {e}")))
}

/// The compact encoding: [`BIN_V2`] then postcard.
pub fn encode_bin<T: Serialize>(v: &T) -> StoreResult<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    out.push(BIN_V2);
    postcard::to_io(v, &mut out).map_err(|e| StoreError::Db(format!("cannot encode a record: {e}")))?;
    Ok(out)
}

/// The compact encoding as schema v14 and v15 wrote it ([`BIN_V1`], ids as text): for the
/// tests that make such a store.
pub fn encode_bin_v1<T: Serialize>(v: &T) -> StoreResult<Vec<u8>> {
    let mut out = crate::domain::ids::as_text(|| encode_bin(v))?;
    out[0] = BIN_V1;
    Ok(out)
}

/// Whether a stored value is in today's compact encoding already.
pub fn is_bin(bytes: &[u8]) -> bool {
    bytes.first() == Some(&BIN_V2)
}

/// Decode a value in either encoding.
pub fn decode<T: DeserializeOwned>(table: &'static str, key: impl std::fmt::Display, bytes: &[u8]) -> StoreResult<T> {
    let failed = |message: String| StoreError::Decode { table, key: key.to_string(), message };
    match bytes.split_first() {
        Some((&BIN_V2, rest)) => postcard::from_bytes(rest).map_err(|e| failed(e.to_string())),
        Some((&BIN_V1, rest)) => {
            crate::domain::ids::as_text(|| postcard::from_bytes(rest)).map_err(|e| failed(e.to_string()))
        }
        Some((&tag, _)) if tag < 0x08 => {
            Err(failed(format!("unknown encoding tag {tag}: written by a newer tokshop?")))
        }
        _ => serde_json::from_slice(bytes).map_err(|e| failed(e.to_string())),
    }
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
