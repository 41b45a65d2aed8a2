//! The outbox's state machine over any sequence of enqueues, re-queues, successes and failures
//! (proptest against a model of the rules): one item per idempotency key; at most one item in
//! line per subject; a write TikTok takes once is never queued again after it was done; a
//! finished item never returns to the line; a failed write is re-queued only when it is a
//! listing (reset to attempt 0 with the new intent), others wait for the Inbox; nothing is
//! dropped.

use super::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    /// Enqueue the intent `variant` of subject `subject`, a listing or a shipment.
    Enqueue { subject: u8, listing: bool, variant: u8 },
    /// The n-th item in line (modulo) finishes: done, or failed for good.
    Finish { n: usize, ok: bool },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2u8, any::<bool>(), 0..2u8).prop_map(|(subject, listing, variant)| Op::Enqueue {
            subject,
            listing,
            variant
        }),
        (0..4usize, any::<bool>()).prop_map(|(n, ok)| Op::Finish { n, ok }),
    ]
}

fn intent(subject: u8, listing: bool, variant: u8) -> OutboxIntent {
    if listing {
        OutboxIntent::ListProduct {
            shop_id: "s".into(),
            store: "main".into(),
            handle: format!("h{subject}"),
            idempotency_key: format!("list-{subject}-{variant}"),
            as_draft: variant == 1,
            product_id: None,
        }
    } else {
        OutboxIntent::MarkShipped {
            shop_id: "s".into(),
            order_id: format!("o{subject}"),
            line_ids: vec![],
            tracking: format!("1Z{variant}"),
            provider_id: "p".into(),
            carrier: "UPS".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Model {
    id: u64,
    key: String,
    subject: String,
    intent: OutboxIntent,
    state: u8, // 0 pending, 1 done, 2 failed
    attempts: u32,
}

fn kind(s: &OutboxState) -> u8 {
    match s {
        OutboxState::Pending => 0,
        OutboxState::Done { .. } => 1,
        OutboxState::Failed { .. } => 2,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn no_sequence_of_requeues_and_outcomes_sends_twice_or_drops_a_write(
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let s = Store::open(dir.path()).expect("open");
        let me = Actor::system("test");
        let mut model: Vec<Model> = Vec::new();
        let mut now = 100;
        for op in ops {
            now += 1;
            match op {
                Op::Enqueue { subject, listing, variant } => {
                    let i = intent(subject, listing, variant);
                    let key = format!("{listing}:{subject}:{variant}");
                    let got = s.write(|t| enqueue(t, &key, "s", i.clone(), now, &me));
                    let subj = i.subject();
                    if let Some(m) = model.iter_mut().find(|m| m.key == key) {
                        if m.state == 2 && listing {
                            (m.state, m.attempts, m.intent) = (0, 0, i.clone());
                        }
                        prop_assert_eq!(got.expect("the same key is the same item").id, m.id);
                        continue;
                    }
                    let latest = model.iter().rev().find(|m| m.subject == subj);
                    let blocks = latest.is_some_and(|m| m.state == 0 || (m.state == 1 && i.once()));
                    if blocks {
                        prop_assert!(matches!(got, Err(StoreError::Conflict(_))), "refused: {:?}", got);
                        continue;
                    }
                    let item = got.expect("queued");
                    prop_assert_eq!(item.state.clone(), OutboxState::Pending);
                    model.push(Model { id: item.id, key, subject: subj, intent: i, state: 0, attempts: 0 });
                }
                Op::Finish { n, ok } => {
                    let line: Vec<usize> = (0..model.len()).filter(|&j| model[j].state == 0).collect();
                    if line.is_empty() {
                        continue;
                    }
                    let j = line[n % line.len()];
                    let mut item = s.get_outbox(model[j].id).expect("read").expect("in the outbox");
                    item.attempts += 1;
                    item.state = if ok {
                        OutboxState::Done { at: now, note: "sent".into() }
                    } else {
                        OutboxState::Failed { at: now, reason: "refused".into() }
                    };
                    s.write(|t| put(t, &item)).expect("put");
                    model[j].state = if ok { 1 } else { 2 };
                    model[j].attempts += 1;
                }
            }
            // The store is the model: every write kept, in its state, none twice.
            let all = s.all_outbox().expect("all");
            prop_assert_eq!(all.len(), model.len(), "nothing dropped or doubled");
            for (got, want) in all.iter().zip(&model) {
                prop_assert_eq!(got.id, want.id);
                prop_assert_eq!(&got.idempotency_key, &want.key);
                prop_assert_eq!(kind(&got.state), want.state, "item {} state", got.id);
                prop_assert_eq!(got.attempts, want.attempts);
                prop_assert_eq!(&got.intent, &want.intent);
            }
            let due: Vec<u64> = s.due_outbox(now).expect("due").into_iter().map(|i| i.id).collect();
            let want_due: Vec<u64> = model.iter().filter(|m| m.state == 0).map(|m| m.id).collect();
            prop_assert_eq!(due, want_due, "exactly the items in line are due");
        }
    }
}
