//! Properties of the order store over any sequence of updates (proptest): newer `update_time`
//! wins (an equal one with other content is a second change in the same second and wins too);
//! the queue, status and flag indexes hold exactly the keys the stored orders produce, no more,
//! no fewer; every stored package belongs to a stored order's line and carries that line's
//! latest tracking number; and `store check` finds nothing wrong.

use super::tests::order;
use super::*;
use crate::domain::order::OrderStatus;
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};

const STATUSES: [OrderStatus; 6] = [
    OrderStatus::Unpaid,
    OrderStatus::OnHold,
    OrderStatus::AwaitingShipment,
    OrderStatus::AwaitingCollection,
    OrderStatus::InTransit,
    OrderStatus::Cancelled,
];

/// One update: which order, its update time, status, flags, ship-by, and which of its two
/// packages (if any) its line is in, with a tracking number naming the version.
#[derive(Clone, Debug)]
struct Step {
    id: usize,
    t: i64,
    status: usize,
    cancel_requested: bool,
    on_hold: bool,
    ship_by: i64,
    package: Option<u8>,
}

fn step() -> impl Strategy<Value = Step> {
    (0..4usize, 0..6i64, 0..STATUSES.len(), any::<bool>(), any::<bool>(), 0..3i64, proptest::option::of(0..2u8))
        .prop_map(|(id, t, status, cancel_requested, on_hold, ship_by, package)| Step {
            id,
            t,
            status,
            cancel_requested,
            on_hold,
            ship_by,
            package,
        })
}

fn version(s: &Step) -> Order {
    let id = format!("O{}", s.id);
    let mut o = order(&id, STATUSES[s.status].clone(), 1_000 + s.t, 5_000 + s.ship_by * 100);
    o.cancel_requested = s.cancel_requested;
    o.is_on_hold_order = s.on_hold;
    if let Some(p) = s.package {
        o.lines[0].package_id = Some(format!("P{}-{p}", s.id));
        o.lines[0].tracking_number = Some(format!("1Z{}T{}S{}", s.id, s.t, s.status));
    }
    o
}

fn keys(t: &redb::ReadOnlyTable<&str, ()>) -> BTreeSet<String> {
    t.iter().expect("iter").map(|r| r.expect("row").0.value().to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_sequence_of_updates_keeps_the_newest_and_exactly_its_index_keys(
        steps in proptest::collection::vec(step(), 1..24),
        batch in 1..4usize,
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let s = Store::open(dir.path()).expect("open");
        let mut model: HashMap<String, Order> = HashMap::new();
        let versions: Vec<Order> = steps.iter().map(version).collect();
        for chunk in versions.chunks(batch) {
            s.upsert_orders(chunk, Source::Poll, 9_000).expect("upsert");
            for o in chunk {
                if model.get(&o.id).is_none_or(|m| m.update_time <= o.update_time) {
                    model.insert(o.id.clone(), o.clone());
                }
            }
        }
        for (id, want) in &model {
            let got = s.get_order(id).expect("read").expect("stored");
            prop_assert_eq!(&got, want, "order {} is its newest version", id);
        }
        let (mut queue, mut status, mut flags) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        for o in model.values() {
            let row = OrderRow::from(o);
            queue.insert(queue_key(&row));
            status.insert(status_key(&row));
            flags.extend(flag_keys(&row));
        }
        let (got_queue, got_status, got_flags, got_pk) = s
            .read(|r| {
                let mut pk = BTreeSet::new();
                for row in r.open_table(PACKAGES)?.iter()? {
                    let (k, v) = row?;
                    let p: Package = decode("packages", k.value(), v.value())?;
                    pk.insert((p.id, p.tracking_number));
                }
                Ok((
                    keys(&r.open_table(ORDER_QUEUE)?),
                    keys(&r.open_table(ORDER_BY_STATUS)?),
                    keys(&r.open_table(ORDER_FLAGS)?),
                    pk,
                ))
            })
            .expect("read");
        prop_assert_eq!(got_queue, queue);
        prop_assert_eq!(got_status, status);
        prop_assert_eq!(got_flags, flags);
        // Packages: exactly those the newest versions' lines are in, with their tracking.
        let want_pk: BTreeSet<(String, Option<String>)> = model
            .values()
            .filter_map(|o| o.lines[0].package_id.clone().map(|p| (p, o.lines[0].tracking_number.clone())))
            .collect();
        prop_assert_eq!(got_pk, want_pk);
        let report = s.clone().check().expect("check");
        prop_assert!(report.ok(), "store check: {:?}", report.problems);
    }
}
