//! The outbox of writes to TikTok: committed intent first, outcome recorded after.

use super::Store;
use super::codec::{decode, encode, next_seq};
use super::error::StoreError;
use super::schema::{OUTBOX, OUTBOX_KEYS, OUTBOX_SUBJECTS};
use crate::domain::actor::Actor;
use crate::domain::outbox::{OutboxIntent, OutboxItem, OutboxState};
use redb::{ReadableTable, WriteTransaction};

/// Enqueue an intent under an idempotency key. The same key returns the existing item instead
/// of adding a second one, so a retried command never writes twice. A listing that failed is
/// put back in line: asking again for a listing TikTok refused (after fixing what it named) is
/// a retry, not a duplicate. Another intent on the same subject while one is in line (or after
/// a write TikTok takes once) is refused with [`StoreError::Conflict`] naming who queued it:
/// two people acting on one order at once, one wins and the other is told.
pub fn enqueue(
    txn: &WriteTransaction,
    key: &str,
    shop_id: &str,
    intent: OutboxIntent,
    now: i64,
    actor: &Actor,
) -> Result<OutboxItem, StoreError> {
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
    let subject = intent.subject();
    let mut subjects = txn.open_table(OUTBOX_SUBJECTS)?;
    if let Some(other) = subjects.get(subject.as_str())?.map(|g| g.value())
        && let Some(found) = t.get(other)?
    {
        let first: OutboxItem = decode("outbox", other, found.value())?;
        let blocks = match first.state {
            OutboxState::Pending => true,
            OutboxState::Done { .. } => intent.once(),
            OutboxState::Failed { .. } => false,
        };
        if blocks {
            let who = if first.actor.user.is_empty() { first.actor.to_string() } else { first.actor.user.clone() };
            let state = if first.state == OutboxState::Pending { "is in line" } else { "was done" };
            return Err(StoreError::Conflict(format!(
                "{who} already asked to {} (outbox #{}, queued {}): it {state}, so yours was not sent",
                first.intent.label(),
                first.id,
                crate::domain::time::date_time(first.created_at)
            )));
        }
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
        actor: actor.clone(),
    };
    t.insert(id, encode(&item)?.as_slice())?;
    keys.insert(key, id)?;
    subjects.insert(subject.as_str(), id)?;
    Ok(item)
}

pub fn put(txn: &WriteTransaction, item: &OutboxItem) -> Result<(), StoreError> {
    txn.open_table(OUTBOX)?.insert(item.id, encode(item)?.as_slice())?;
    Ok(())
}

impl Store {
    /// Pending items whose next attempt is due.
    pub fn due_outbox(&self, now: i64) -> Result<Vec<OutboxItem>, StoreError> {
        Ok(self
            .all_outbox()?
            .into_iter()
            .filter(|i| i.state == OutboxState::Pending && i.next_attempt_at <= now)
            .collect())
    }

    pub fn all_outbox(&self) -> Result<Vec<OutboxItem>, StoreError> {
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

    pub fn get_outbox(&self, id: u64) -> Result<Option<OutboxItem>, StoreError> {
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
        let me = Actor::system("test");
        let a = s.write(|t| enqueue(t, "deauth:1", "1", intent.clone(), 10, &me)).expect("enqueue");
        let b = s.write(|t| enqueue(t, "deauth:1", "1", intent.clone(), 20, &me)).expect("enqueue");
        assert_eq!(a.id, b.id);
        assert_eq!(b.created_at, 10);
        assert_eq!(s.all_outbox().expect("all").len(), 1);
        assert_eq!(s.due_outbox(10).expect("due").len(), 1);
        assert_eq!(s.due_outbox(9).expect("due").len(), 0);
    }
}

#[cfg(test)]
mod subject_tests {
    use super::*;
    use crate::domain::role::Role;

    fn ship(tracking: &str) -> OutboxIntent {
        OutboxIntent::MarkShipped {
            shop_id: "s".into(),
            order_id: "o1".into(),
            line_ids: vec![],
            tracking: tracking.into(),
            provider_id: "p".into(),
            carrier: "UPS".into(),
        }
    }

    #[test]
    fn a_second_person_shipping_the_same_order_is_told_who_did() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let alice = Actor::person("alice", Role::Warehouse, "console");
        let bob = Actor::person("bob", Role::Admin, "command");
        let a = s.write(|t| enqueue(t, &ship("1Z1").key(), "s", ship("1Z1"), 10, &alice)).expect("alice ships");
        let again = s.write(|t| enqueue(t, &ship("1Z1").key(), "s", ship("1Z1"), 11, &alice)).expect("same key");
        assert_eq!(again.id, a.id, "the same intent twice is one item");
        let e = s.write(|t| enqueue(t, &ship("1Z2").key(), "s", ship("1Z2"), 12, &bob)).expect_err("bob is refused");
        let StoreError::Conflict(m) = e else { panic!("a conflict") };
        assert!(m.starts_with("alice already asked to ship order o1"), "{m}");
        assert!(m.contains("it is in line, so yours was not sent"), "{m}");
        assert_eq!(s.all_outbox().expect("all").len(), 1, "nothing queued for bob");
        // Once done, a write TikTok takes once stays refused; after a failure anyone may try.
        let mut done = a.clone();
        done.state = OutboxState::Done { at: 20, note: String::new() };
        s.write(|t| put(t, &done)).expect("done");
        let e = s.write(|t| enqueue(t, &ship("1Z3").key(), "s", ship("1Z3"), 21, &bob)).expect_err("still refused");
        let StoreError::Conflict(m) = e else { panic!("a conflict") };
        assert!(m.contains("it was done, so yours was not sent"), "bob is told it already happened: {m}");
        let mut failed = a;
        failed.state = OutboxState::Failed { at: 22, reason: "refused".into() };
        s.write(|t| put(t, &failed)).expect("failed");
        let b = s.write(|t| enqueue(t, &ship("1Z3").key(), "s", ship("1Z3"), 23, &bob)).expect("bob may now");
        assert_eq!(b.actor, bob);
    }
}

#[cfg(test)]
mod requeue_tests {
    use super::*;

    fn listing(draft: bool) -> OutboxIntent {
        OutboxIntent::ListProduct {
            shop_id: "s".into(),
            store: "web".into(),
            handle: "mug".into(),
            idempotency_key: "k".into(),
            as_draft: draft,
            product_id: None,
        }
    }

    fn with_state(s: &Store, item: &OutboxItem, state: OutboxState, attempts: u32) {
        let mut i = item.clone();
        i.state = state;
        i.attempts = attempts;
        s.write(|t| put(t, &i)).expect("put");
    }

    #[test]
    fn asking_again_for_a_listing_that_is_live_sends_nothing_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let me = Actor::system("test");
        let a = s.write(|t| enqueue(t, "list:mug", "s", listing(false), 10, &me)).expect("enqueue");
        with_state(&s, &a, OutboxState::Done { at: 11, note: "live".into() }, 1);
        let b = s.write(|t| enqueue(t, "list:mug", "s", listing(false), 12, &me)).expect("again");
        assert_eq!(b.state, OutboxState::Done { at: 11, note: "live".into() });
        assert!(s.due_outbox(100).expect("due").is_empty(), "a finished listing is not sent again");
    }

    #[test]
    fn a_refused_listing_asked_again_is_retried_fresh_with_what_was_asked_now() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let me = Actor::system("test");
        let a = s.write(|t| enqueue(t, "list:mug", "s", listing(false), 10, &me)).expect("enqueue");
        with_state(&s, &a, OutboxState::Failed { at: 11, reason: "no brand".into() }, 5);
        let b = s.write(|t| enqueue(t, "list:mug", "s", listing(true), 20, &me)).expect("again");
        assert_eq!((b.id, b.state.clone(), b.attempts, b.next_attempt_at), (a.id, OutboxState::Pending, 0, 20));
        assert_eq!(b.intent, listing(true), "the intent asked now, not the old one");
        let due = s.due_outbox(20).expect("due");
        assert_eq!(due.len(), 1);
        assert_eq!((due[0].attempts, due[0].intent.clone()), (0, listing(true)), "stored as returned");
    }

    #[test]
    fn a_failed_shipment_is_not_retried_by_asking_again_only_from_the_inbox() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let me = Actor::system("test");
        let ship = OutboxIntent::MarkShipped {
            shop_id: "s".into(),
            order_id: "o1".into(),
            line_ids: vec![],
            tracking: "1Z".into(),
            provider_id: "p".into(),
            carrier: "UPS".into(),
        };
        let a = s.write(|t| enqueue(t, &ship.key(), "s", ship.clone(), 10, &me)).expect("enqueue");
        with_state(&s, &a, OutboxState::Failed { at: 11, reason: "refused".into() }, 3);
        let b = s.write(|t| enqueue(t, &ship.key(), "s", ship.clone(), 12, &me)).expect("again");
        assert!(matches!(b.state, OutboxState::Failed { .. }), "{:?}", b.state);
        assert!(s.due_outbox(100).expect("due").is_empty(), "a failed ship waits for a person");
    }
}

#[cfg(test)]
#[path = "outbox_props.rs"]
mod props;
