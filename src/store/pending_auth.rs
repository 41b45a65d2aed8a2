//! Authorization attempts in flight, keyed by their CSRF state.

use super::Store;
use super::codec::{all_str, get_str, put_str};
use super::error::StoreResult;
use super::schema::PENDING_AUTH;
use crate::domain::authorization::PendingAuth;
use redb::WriteTransaction;

pub fn put_pending(txn: &WriteTransaction, p: &PendingAuth) -> StoreResult<()> {
    put_str(&mut txn.open_table(PENDING_AUTH)?, &p.state, p)
}

pub fn get_pending_w(txn: &WriteTransaction, state: &str) -> StoreResult<Option<PendingAuth>> {
    get_str(&txn.open_table(PENDING_AUTH)?, "pending_auth", state)
}

pub fn delete_pending(txn: &WriteTransaction, state: &str) -> StoreResult<()> {
    txn.open_table(PENDING_AUTH)?.remove(state)?;
    Ok(())
}

/// Drop attempts past their expiry; returns how many went.
pub fn purge_expired(txn: &WriteTransaction, now: i64) -> StoreResult<usize> {
    let all: Vec<PendingAuth> = all_str(&txn.open_table(PENDING_AUTH)?, "pending_auth")?;
    let mut t = txn.open_table(PENDING_AUTH)?;
    let mut n = 0;
    for p in all.iter().filter(|p| p.expires_at <= now) {
        t.remove(p.state.as_str())?;
        n += 1;
    }
    Ok(n)
}

impl Store {
    pub fn get_pending_auth(&self, state: &str) -> StoreResult<Option<PendingAuth>> {
        self.read(|r| get_str(&r.open_table(PENDING_AUTH)?, "pending_auth", state))
    }
}
