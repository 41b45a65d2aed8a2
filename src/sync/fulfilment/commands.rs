//! The fulfilment family's commands: shipping, tracking, splits and combines, handover slots,
//! labels, and the carriers and warehouses.

use crate::domain::outbox::OutboxIntent;
use crate::domain::package::Carrier;
use crate::message::{FulfilmentAnswer, FulfilmentCommand, ShipRequest};
use crate::store::fulfilment;
use crate::sync::commands::{Wakes, fail, live_shop, queued};
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, Topic, Update, outbox};

pub async fn run(ctx: &SyncCtx, cmd: FulfilmentCommand, wakes: &Wakes<'_>) {
    match cmd {
        FulfilmentCommand::Ship { requests } => ship(ctx, wakes, requests),
        FulfilmentCommand::ShipTiktok { order_id, package_id, pickup_slot } => queued(
            ctx,
            wakes,
            super::plan_tiktok_ship(ctx, &order_id, package_id.as_deref(), pickup_slot)
                .and_then(|i| outbox::enqueue(ctx, i)),
        ),
        FulfilmentCommand::UpdateTracking { package_id, carrier, tracking } => queued(
            ctx,
            wakes,
            super::plan_update_tracking(ctx, &package_id, &carrier, &tracking).and_then(|i| outbox::enqueue(ctx, i)),
        ),
        FulfilmentCommand::SplitOrder { order_id, groups } => {
            queued(ctx, wakes, super::plan_split(ctx, &order_id, groups).and_then(|i| outbox::enqueue(ctx, i)))
        }
        FulfilmentCommand::FetchCombinable { shop_id } => match live_shop(ctx, &shop_id) {
            Ok(s) => match ctx.api.combinable_packages(&shop_ref(&s)).await {
                Ok(groups) => ctx.updates.send(
                    FulfilmentAnswer::Combinable {
                        shop_id,
                        groups: groups.into_iter().map(|g| (g.id, g.order_ids)).collect(),
                    }
                    .into(),
                ),
                Err(e) => fail(ctx, "Combinable packages", &e),
            },
            Err(e) => fail(ctx, "Combinable packages", &e),
        },
        FulfilmentCommand::Combine { shop_id, pre_package_id, order_ids } => {
            let intent = OutboxIntent::Combine { shop_id, pre_package_id, order_ids };
            queued(ctx, wakes, outbox::enqueue(ctx, intent))
        }
        FulfilmentCommand::Uncombine { package_id } => match ctx.store.get_package(&package_id) {
            Ok(Some(p)) => {
                let intent = OutboxIntent::Uncombine { shop_id: p.shop_id, package_id, order_ids: p.order_ids };
                queued(ctx, wakes, outbox::enqueue(ctx, intent))
            }
            _ => fail(ctx, "Uncombine", &format!("package {package_id} is not in the store")),
        },
        FulfilmentCommand::FetchHandoverSlots { package_id } => {
            match ctx
                .store
                .get_package(&package_id)
                .ok()
                .flatten()
                .and_then(|p| ctx.store.get_shop(&p.shop_id).ok().flatten())
            {
                Some(s) => match ctx.api.handover_time_slots(&shop_ref(&s), &package_id).await {
                    Ok(h) => ctx.updates.send(
                        FulfilmentAnswer::HandoverSlots {
                            package_id,
                            can_pickup: h.can_pickup,
                            can_drop_off: h.can_drop_off,
                            slots: h
                                .pickup_slots
                                .into_iter()
                                .filter(|s| s.available)
                                .map(|s| (s.start_time, s.end_time))
                                .collect(),
                        }
                        .into(),
                    ),
                    Err(e) => fail(ctx, "Handover slots", &e),
                },
                None => fail(ctx, "Handover slots", &format!("package {package_id} is not in the store")),
            }
        }
        FulfilmentCommand::PrintLabel { package_id } => match super::print_label(ctx, &package_id).await {
            Ok(path) => ctx.updates.send(Update::Done(format!("Label saved to {}", path.display()))),
            Err(e) => fail(ctx, "Print label", &e),
        },
        FulfilmentCommand::AddCarrier { name } => {
            match ctx.store.write(|t| fulfilment::add_carrier(t, &Carrier { name: name.clone(), tracking_url: None })) {
                Ok(_) => {
                    ctx.updates.send(Update::Changed(Topic::Carriers));
                    ctx.updates.send(Update::Done(format!("Carrier {name} added")));
                }
                Err(e) => fail(ctx, "Add carrier", &e),
            }
        }
        FulfilmentCommand::RemoveCarrier { name } => match ctx.store.write(|t| fulfilment::remove_carrier(t, &name)) {
            Ok(()) => {
                ctx.updates.send(Update::Changed(Topic::Carriers));
                ctx.updates.send(Update::Done(format!("Carrier {name} removed")));
            }
            Err(e) => fail(ctx, "Remove carrier", &e),
        },
        FulfilmentCommand::ImportCarriers { path } => import_carriers(ctx, &path),
        FulfilmentCommand::MapCarrier { mapping } => match ctx.store.write(|t| fulfilment::map_carrier(t, &mapping)) {
            Ok(()) => {
                ctx.updates.send(Update::Changed(Topic::Carriers));
                ctx.updates.send(Update::Done(format!(
                    "{} ships as {} for shop {}",
                    mapping.carrier, mapping.provider_name, mapping.shop_id
                )));
            }
            Err(e) => fail(ctx, "Map carrier", &e),
        },
        FulfilmentCommand::RefreshWarehouses { shop_id } => match live_shop(ctx, &shop_id) {
            Ok(s) => match super::warehouses::sync_warehouses(ctx, &s, true).await {
                Ok(_) => ctx.updates.send(Update::Done(format!("Warehouses of {} refreshed", s.name))),
                Err(e) => fail(ctx, "Warehouses", &e),
            },
            Err(e) => fail(ctx, "Warehouses", &e),
        },
    }
}

/// Batch ship: every request is checked; the good ones are queued, the others say why.
fn ship(ctx: &SyncCtx, wakes: &Wakes, requests: Vec<ShipRequest>) {
    let mut ok = 0;
    let mut errors = Vec::new();
    for r in &requests {
        match super::plan_ship(ctx, r).and_then(|i| outbox::enqueue(ctx, i)) {
            Ok(_) => ok += 1,
            Err(e) => errors.push(format!("{}: {e}", r.order_id)),
        }
    }
    if ok > 0 {
        wakes.outbox.notify_one();
    }
    match (ok, errors.first()) {
        (_, None) => ctx.updates.send(Update::Done(format!("Queued {ok} shipment(s)"))),
        (0, Some(e)) if requests.len() == 1 => ctx.updates.send(Update::Failed(e.clone())),
        (_, Some(_)) => ctx.updates.send(Update::Failed(format!(
            "Queued {ok} shipment(s); {} refused: {}",
            errors.len(),
            errors.join("; ")
        ))),
    }
}

/// Import carriers from a CSV file; bad rows are named by line, good rows still import.
fn import_carriers(ctx: &SyncCtx, path: &std::path::Path) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return ctx.updates.send(Update::Failed(format!("Cannot read {}: {e}", path.display()))),
    };
    let (good, bad) = crate::domain::carrier_csv::parse(&text);
    let added = ctx.store.write(|t| {
        let mut n = 0;
        for c in &good {
            if fulfilment::add_carrier(t, c)? {
                n += 1;
            }
        }
        Ok(n)
    });
    match added {
        Ok(n) => {
            ctx.updates.send(Update::Changed(Topic::Carriers));
            let summary = format!("Imported {} carrier(s) ({n} new) from {}", good.len(), path.display());
            match bad.first() {
                None => ctx.updates.send(Update::Done(summary)),
                Some(first) => {
                    ctx.updates.send(Update::Failed(format!("{summary}; {} row(s) refused, first: {first}", bad.len())))
                }
            }
        }
        Err(e) => ctx.updates.send(Update::Failed(format!("Import carriers: {e}"))),
    }
}
