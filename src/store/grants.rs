//! Credentials: seller grants with their tokens and expiries.

use super::Store;
use super::codec::{all_str, get_str, put_str};
use super::error::StoreResult;
use super::schema::GRANTS;
use crate::domain::grant::Grant;
use redb::WriteTransaction;

pub fn put_grant(txn: &WriteTransaction, g: &Grant) -> StoreResult<()> {
    put_str(&mut txn.open_table(GRANTS)?, &g.open_id, g)
}

pub fn get_grant_w(txn: &WriteTransaction, open_id: &str) -> StoreResult<Option<Grant>> {
    get_str(&txn.open_table(GRANTS)?, "grants", open_id)
}

pub fn delete_grant(txn: &WriteTransaction, open_id: &str) -> StoreResult<bool> {
    Ok(txn.open_table(GRANTS)?.remove(open_id)?.is_some())
}

impl Store {
    pub fn get_grant(&self, open_id: &str) -> StoreResult<Option<Grant>> {
        self.read(|r| get_str(&r.open_table(GRANTS)?, "grants", open_id))
    }

    pub fn list_grants(&self) -> StoreResult<Vec<Grant>> {
        self.read(|r| all_str(&r.open_table(GRANTS)?, "grants"))
    }
}
