//! The human inbox.

use super::Store;
use super::codec::{all_str, get_str, put_str};
use super::error::StoreResult;
use super::schema::ATTENTION;
use crate::domain::attention::AttentionItem;
use redb::WriteTransaction;

/// Insert or update an item by key. An update keeps `created_at` and re-opens a resolved item.
pub fn upsert(txn: &WriteTransaction, mut item: AttentionItem) -> StoreResult<()> {
    let mut t = txn.open_table(ATTENTION)?;
    if let Some(old) = get_str::<AttentionItem>(&t, "attention", &item.key)? {
        item.created_at = old.created_at;
    }
    put_str(&mut t, &item.key.clone(), &item)
}

/// Mark an item done; returns false when there is no such open item.
pub fn resolve(txn: &WriteTransaction, key: &str, now: i64) -> StoreResult<bool> {
    let mut t = txn.open_table(ATTENTION)?;
    let Some(mut item) = get_str::<AttentionItem>(&t, "attention", key)? else {
        return Ok(false);
    };
    if item.resolved_at.is_some() {
        return Ok(false);
    }
    item.resolved_at = Some(now);
    item.updated_at = now;
    put_str(&mut t, key, &item)?;
    Ok(true)
}

/// Resolve every open item about a shop whose key starts with `prefix` (e.g. `reauth:`).
pub fn resolve_for_shop(txn: &WriteTransaction, prefix: &str, shop_id: &str, now: i64) -> StoreResult<()> {
    let key = format!("{prefix}{shop_id}");
    resolve(txn, &key, now).map(|_| ())
}

impl Store {
    /// Open items, soonest deadline first.
    pub fn open_attention(&self) -> StoreResult<Vec<AttentionItem>> {
        let mut v: Vec<AttentionItem> = self.read(|r| all_str(&r.open_table(ATTENTION)?, "attention"))?;
        v.retain(|i| i.resolved_at.is_none());
        v.sort_by_key(|i| i.sort_key());
        Ok(v)
    }

    pub fn all_attention(&self) -> StoreResult<Vec<AttentionItem>> {
        let mut v: Vec<AttentionItem> = self.read(|r| all_str(&r.open_table(ATTENTION)?, "attention"))?;
        v.sort_by_key(|i| i.sort_key());
        Ok(v)
    }
}
