//! What each console command does. Long work runs here, on the engine's tasks, never in the UI.

use super::fulfil::{self, ShipRequest};
use super::{Command, SyncCtx, Topic, Update, browser, connections, disconnect, tokens};
use crate::domain::package::Carrier;
use crate::store::{attention, fulfilment};
use tokio::sync::Notify;

/// Whom a command may wake.
pub struct Wakes<'a> {
    pub outbox: &'a Notify,
    pub orders: &'a Notify,
}

fn queued(ctx: &SyncCtx, wakes: &Wakes, r: super::SyncResult<crate::domain::outbox::OutboxItem>) {
    match r {
        Ok(item) => {
            wakes.outbox.notify_one();
            ctx.updates.send(Update::Done(format!("Queued: {} (outbox #{})", item.intent.label(), item.id)));
        }
        Err(e) => ctx.updates.send(Update::Failed(e.to_string())),
    }
}

pub async fn run(ctx: &SyncCtx, cmd: Command, wakes: &Wakes<'_>) {
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        ctx.health.error(None, ctx.now(), &format!("{what}: {e}"));
        ctx.updates.send(Update::Failed(format!("{what}: {e}")));
    };
    match cmd {
        Command::AddStore { name } => match connections::add_store(ctx, &name) {
            Ok(()) => ctx.updates.send(Update::Done(format!("Store {name} added"))),
            Err(e) => fail("Add store", &e),
        },
        Command::RemoveStore { name } => match connections::remove_store(ctx, &name) {
            Ok(()) => ctx.updates.send(Update::Done(format!("Store {name} removed"))),
            Err(e) => fail("Remove store", &e),
        },
        Command::BeginConnect { store, create_store } => {
            if create_store && let Err(e) = connections::add_store(ctx, &store) {
                return ctx.updates.send(Update::AuthFailed { state: String::new(), message: e.to_string() });
            }
            match connections::begin(ctx, &store, crate::domain::authorization::AuthPurpose::Connect, true) {
                Ok((p, url)) => ctx.updates.send(Update::AuthLink { state: p.state, url }),
                Err(e) => ctx.updates.send(Update::AuthFailed { state: String::new(), message: e.to_string() }),
            }
        }
        Command::BeginReauthorize { shop_id } => match connections::begin_reauthorize(ctx, &shop_id, true) {
            Ok((p, url)) => ctx.updates.send(Update::AuthLink { state: p.state, url }),
            Err(e) => ctx.updates.send(Update::AuthFailed { state: String::new(), message: e.to_string() }),
        },
        Command::SubmitCode { state, code } => match connections::exchange(ctx, &state, &code).await {
            Ok(p) => ctx.updates.send(connections::authorized_update(ctx, &p)),
            Err(e) => ctx.updates.send(Update::AuthFailed { state, message: e.to_string() }),
        },
        Command::LinkShops { state, shop_ids } => match connections::link(ctx, &state, Some(&shop_ids)) {
            Ok(linked) => {
                let names: Vec<String> = linked.iter().map(|s| format!("{} ({})", s.name, s.region)).collect();
                ctx.updates.send(Update::Done(format!("Connected {}", names.join(", "))));
                ctx.updates.send(Update::Linked { state, names });
                wakes.orders.notify_one();
            }
            Err(e) => ctx.updates.send(Update::AuthFailed { state, message: e.to_string() }),
        },
        Command::CancelConnect { state } => {
            let _ = ctx.store.write(|t| crate::store::pending_auth::delete_pending(t, &state));
        }
        Command::OpenLink { url } => browser::open(ctx, &url).await,
        Command::Disconnect { shop_id } => match disconnect::disconnect(ctx, &shop_id) {
            Ok(_) => {
                wakes.outbox.notify_one();
                ctx.updates.send(Update::Done(format!("Shop {shop_id} disconnected; deauthorizing on TikTok")));
            }
            Err(e) => fail("Disconnect", &e),
        },
        Command::RefreshToken { shop_id } => match tokens::refresh_shop(ctx, &ctx.tokens, &shop_id).await {
            Ok(_) => ctx.updates.send(Update::Done(format!("Token of shop {shop_id} refreshed"))),
            Err(e) => fail("Refresh token", &e),
        },
        Command::ResolveAttention { key } => {
            let now = ctx.now();
            match ctx.store.write(|t| attention::resolve(t, &key, now)) {
                Ok(_) => ctx.updates.send(Update::Changed(Topic::Inbox)),
                Err(e) => fail("Dismiss", &e),
            }
        }
        Command::SyncOrders { .. } => {
            wakes.orders.notify_one();
            ctx.updates.send(Update::Done("Syncing orders…".into()));
        }
        Command::Ship { requests } => ship(ctx, wakes, requests),
        Command::ShipTiktok { order_id, package_id, pickup_slot } => queued(
            ctx,
            wakes,
            fulfil::plan_tiktok_ship(ctx, &order_id, package_id.as_deref(), pickup_slot).and_then(|i| fulfil::enqueue(ctx, i)),
        ),
        Command::UpdateTracking { package_id, carrier, tracking } => {
            queued(ctx, wakes, fulfil::plan_update_tracking(ctx, &package_id, &carrier, &tracking).and_then(|i| fulfil::enqueue(ctx, i)))
        }
        Command::SplitOrder { order_id, groups } => {
            queued(ctx, wakes, fulfil::plan_split(ctx, &order_id, groups).and_then(|i| fulfil::enqueue(ctx, i)))
        }
        Command::FetchCombinable { shop_id } => match shop(ctx, &shop_id) {
            Ok(s) => match ctx.api.combinable_packages(&super::orders::shop_ref(&s)).await {
                Ok(groups) => {
                    ctx.updates.send(Update::Combinable { shop_id, groups: groups.into_iter().map(|g| (g.id, g.order_ids)).collect() })
                }
                Err(e) => fail("Combinable packages", &e),
            },
            Err(e) => fail("Combinable packages", &e),
        },
        Command::Combine { shop_id, pre_package_id, order_ids } => {
            let intent = crate::domain::outbox::OutboxIntent::Combine { shop_id, pre_package_id, order_ids };
            queued(ctx, wakes, fulfil::enqueue(ctx, intent))
        }
        Command::Uncombine { package_id } => match ctx.store.get_package(&package_id) {
            Ok(Some(p)) => {
                let intent = crate::domain::outbox::OutboxIntent::Uncombine { shop_id: p.shop_id, package_id, order_ids: p.order_ids };
                queued(ctx, wakes, fulfil::enqueue(ctx, intent))
            }
            _ => fail("Uncombine", &format!("package {package_id} is not in the store")),
        },
        Command::FetchHandoverSlots { package_id } => {
            match ctx.store.get_package(&package_id).ok().flatten().and_then(|p| ctx.store.get_shop(&p.shop_id).ok().flatten()) {
                Some(s) => match ctx.api.handover_time_slots(&super::orders::shop_ref(&s), &package_id).await {
                    Ok(h) => ctx.updates.send(Update::HandoverSlots {
                        package_id,
                        can_pickup: h.can_pickup,
                        can_drop_off: h.can_drop_off,
                        slots: h.pickup_slots.into_iter().filter(|s| s.available).map(|s| (s.start_time, s.end_time)).collect(),
                    }),
                    Err(e) => fail("Handover slots", &e),
                },
                None => fail("Handover slots", &format!("package {package_id} is not in the store")),
            }
        }
        Command::PrintLabel { package_id } => match fulfil::print_label(ctx, &package_id).await {
            Ok(path) => ctx.updates.send(Update::Done(format!("Label saved to {}", path.display()))),
            Err(e) => fail("Print label", &e),
        },
        Command::AnswerCancellation { cancel_id, approve, reason, comment } => {
            queued(ctx, wakes, fulfil::plan_answer(ctx, &cancel_id, approve, &reason, &comment).and_then(|i| fulfil::enqueue(ctx, i)))
        }
        Command::FetchRejectReasons { cancel_id } => {
            match ctx.store.get_cancellation(&cancel_id).ok().flatten().and_then(|c| ctx.store.get_shop(&c.shop_id).ok().flatten()) {
                Some(s) => match ctx.api.reject_reasons(&super::orders::shop_ref(&s), &cancel_id).await {
                    Ok(r) => {
                        ctx.updates.send(Update::RejectReasons { cancel_id, reasons: r.into_iter().map(|r| (r.name, r.text)).collect() })
                    }
                    Err(e) => fail("Reject reasons", &e),
                },
                None => fail("Reject reasons", &format!("cancellation {cancel_id} is not in the store")),
            }
        }
        Command::CancelOrder { order_id, reason } => {
            queued(ctx, wakes, fulfil::plan_cancel(ctx, &order_id, &reason, vec![]).and_then(|i| fulfil::enqueue(ctx, i)))
        }
        Command::RetryOutbox { id } => match fulfil::retry(ctx, id) {
            Ok(item) => {
                wakes.outbox.notify_one();
                ctx.updates.send(Update::Done(format!("Retrying: {}", item.intent.label())));
            }
            Err(e) => fail("Retry", &e),
        },
        Command::AddCarrier { name } => {
            match ctx.store.write(|t| fulfilment::add_carrier(t, &Carrier { name: name.clone(), tracking_url: None })) {
                Ok(_) => {
                    ctx.updates.send(Update::Changed(Topic::Mapping));
                    ctx.updates.send(Update::Done(format!("Carrier {name} added")));
                }
                Err(e) => fail("Add carrier", &e),
            }
        }
        Command::RemoveCarrier { name } => match ctx.store.write(|t| fulfilment::remove_carrier(t, &name)) {
            Ok(()) => {
                ctx.updates.send(Update::Changed(Topic::Mapping));
                ctx.updates.send(Update::Done(format!("Carrier {name} removed")));
            }
            Err(e) => fail("Remove carrier", &e),
        },
        Command::ImportCarriers { path } => import_carriers(ctx, &path),
        Command::Catalog(c) => super::catalog_commands::run(ctx, c, wakes).await,
        Command::MapCarrier { mapping } => match ctx.store.write(|t| fulfilment::map_carrier(t, &mapping)) {
            Ok(()) => {
                ctx.updates.send(Update::Changed(Topic::Mapping));
                ctx.updates
                    .send(Update::Done(format!("{} ships as {} for shop {}", mapping.carrier, mapping.provider_name, mapping.shop_id)));
            }
            Err(e) => fail("Map carrier", &e),
        },
        Command::RefreshWarehouses { shop_id } => match shop(ctx, &shop_id) {
            Ok(s) => match super::upkeep::sync_warehouses(ctx, &s, true).await {
                Ok(_) => ctx.updates.send(Update::Done(format!("Warehouses of {} refreshed", s.name))),
                Err(e) => fail("Warehouses", &e),
            },
            Err(e) => fail("Warehouses", &e),
        },
    }
}

fn shop(ctx: &SyncCtx, id: &str) -> super::SyncResult<crate::domain::shop::Shop> {
    ctx.store
        .get_shop(id)?
        .filter(|s| s.status.syncs())
        .ok_or_else(|| super::SyncError::Invalid(format!("shop {id} is not connected and syncing")))
}

/// Batch ship: every request is checked; the good ones are queued, the others say why.
fn ship(ctx: &SyncCtx, wakes: &Wakes, requests: Vec<ShipRequest>) {
    let mut ok = 0;
    let mut errors = Vec::new();
    for r in &requests {
        match fulfil::plan_ship(ctx, r).and_then(|i| fulfil::enqueue(ctx, i)) {
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
        (_, Some(_)) => {
            ctx.updates.send(Update::Failed(format!("Queued {ok} shipment(s); {} refused: {}", errors.len(), errors.join("; "))))
        }
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
            ctx.updates.send(Update::Changed(Topic::Mapping));
            let summary = format!("Imported {} carrier(s) ({n} new) from {}", good.len(), path.display());
            match bad.first() {
                None => ctx.updates.send(Update::Done(summary)),
                Some(first) => ctx.updates.send(Update::Failed(format!("{summary}; {} row(s) refused, first: {first}", bad.len()))),
            }
        }
        Err(e) => ctx.updates.send(Update::Failed(format!("Import carriers: {e}"))),
    }
}
