//! The append-only audit log.

use super::Store;
use super::codec::{decode, encode, next_seq};
use super::error::StoreResult;
use super::schema::AUDIT;
use crate::domain::audit::{AuditEntry, Outcome};
use redb::{ReadableTable, WriteTransaction};

pub fn append(
    txn: &WriteTransaction,
    at: i64,
    actor: &str,
    command: &str,
    target: &str,
    outcome: Outcome,
) -> StoreResult<u64> {
    let mut t = txn.open_table(AUDIT)?;
    let seq = next_seq(&t)?;
    let e = AuditEntry { seq, at, actor: actor.into(), command: command.into(), target: target.into(), outcome };
    t.insert(seq, encode(&e)?.as_slice())?;
    Ok(seq)
}

impl Store {
    /// Append one entry in its own transaction (for outcomes recorded after the fact).
    pub fn audit(&self, at: i64, actor: &str, command: &str, target: &str, outcome: Outcome) -> StoreResult<u64> {
        self.write(|t| append(t, at, actor, command, target, outcome))
    }

    /// The newest `limit` entries, newest first.
    pub fn recent_audit(&self, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        self.read(|r| {
            let t = r.open_table(AUDIT)?;
            let mut out = Vec::new();
            for row in t.iter()?.rev().take(limit) {
                let (k, v) = row?;
                out.push(decode("audit", k.value(), v.value())?);
            }
            Ok(out)
        })
    }
}
