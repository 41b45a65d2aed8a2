//! The outbox of writes to TikTok: committed intent first, outcome recorded after.

use super::Store;
use super::codec::{decode, encode, next_seq};
use super::error::{StoreError, StoreResult};
use super::schema::{OUTBOX, OUTBOX_KEYS};
use crate::domain::outbox::{OutboxIntent, OutboxItem, OutboxState};
use redb::{ReadableTable, WriteTransaction};

/// Enqueue an intent under an idempotency key. The same key returns the existing item instead
/// of adding a second one, so a retried command never writes twice. A listing that failed is
/// put back in line: asking again for a listing TikTok refused (after fixing what it named) is
/// a retry, not a duplicate.
pub fn enqueue(
    txn: &WriteTransaction,
    key: &str,
    shop_id: &str,
    intent: OutboxIntent,
    now: i64,
) -> StoreResult<OutboxItem> {
    let mut keys = txn.open_table(OUTBOX_KEYS)?;
    let mut t = txn.open_table(OUTBOX)?;
    if let Some(id) = keys.get(key)?.map(|g| g.value()) {
        let mut item: OutboxItem = {
            let found =
                t.get(id)?.ok_or_else(|| StoreError::Db(format!("outbox key {key:?} points at missing item {id}")))?;
            decode("outbox", id, found.value())?
        };
        // Only a listing is re-queued this way: it is rebuilt and checked again when it runs, and
        // TikTok's idempotency key guards it. Other writes are retried from the Inbox.
        if matches!(item.state, OutboxState::Failed { .. }) && matches!(intent, OutboxIntent::ListProduct { .. }) {
            item.intent = intent;
            item.state = OutboxState::Pending;
            item.attempts = 0;
            item.next_attempt_at = now;
            item.updated_at = now;
            t.insert(id, encode(&item)?.as_slice())?;
            drop(t);
            super::attention::resolve(txn, &format!("outbox:{id}"), now)?;
        }
        return Ok(item);
    }
    let id = next_seq(&t)?;
    let item = OutboxItem {
        id,
        idempotency_key: key.into(),
        shop_id: shop_id.into(),
        intent,
        state: OutboxState::Pending,
        attempts: 0,
        next_attempt_at: now,
        last_error: None,
        created_at: now,
        updated_at: now,
    };
    t.insert(id, encode(&item)?.as_slice())?;
    keys.insert(key, id)?;
    Ok(item)
}

pub fn put(txn: &WriteTransaction, item: &OutboxItem) -> StoreResult<()> {
    txn.open_table(OUTBOX)?.insert(item.id, encode(item)?.as_slice())?;
    Ok(())
}

impl Store {
    /// Pending items whose next attempt is due.
    pub fn due_outbox(&self, now: i64) -> StoreResult<Vec<OutboxItem>> {
        Ok(self
            .all_outbox()?
            .into_iter()
            .filter(|i| i.state == OutboxState::Pending && i.next_attempt_at <= now)
            .collect())
    }

    pub fn all_outbox(&self) -> StoreResult<Vec<OutboxItem>> {
        self.read(|r| {
            let t = r.open_table(OUTBOX)?;
            let mut out = Vec::new();
            for row in t.iter()? {
                let (k, v) = row?;
                out.push(decode("outbox", k.value(), v.value())?);
            }
            Ok(out)
        })
    }

    pub fn get_outbox(&self, id: u64) -> StoreResult<Option<OutboxItem>> {
        self.read(|r| match r.open_table(OUTBOX)?.get(id)? {
            Some(v) => decode("outbox", id, v.value()).map(Some),
            None => Ok(None),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_same_item() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let intent = OutboxIntent::DeauthorizeShop { shop_id: "1".into(), cipher: "c".into(), grant_id: "g".into() };
        let a = s.write(|t| enqueue(t, "deauth:1", "1", intent.clone(), 10)).expect("enqueue");
        let b = s.write(|t| enqueue(t, "deauth:1", "1", intent.clone(), 20)).expect("enqueue");
        assert_eq!(a.id, b.id);
        assert_eq!(b.created_at, 10);
        assert_eq!(s.all_outbox().expect("all").len(), 1);
        assert_eq!(s.due_outbox(10).expect("due").len(), 1);
        assert_eq!(s.due_outbox(9).expect("due").len(), 0);
    }
}
