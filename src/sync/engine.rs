//! The engine: runs console commands, processes webhooks as they land, refreshes tokens ahead
//! of expiry, keeps the reminder countdown, drains the outbox and publishes health. A command
//! pressed many times runs once at a time (one job slot per command key).

use super::{Command, SyncCtx, Topic, Update, browser, connections, disconnect, outbox, reminders, tokens, webhooks};
use crate::store::attention;
use crate::webhook::ReceiverEvent;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

pub struct EngineHandle {
    pub commands: mpsc::UnboundedSender<Command>,
    cancel: CancellationToken,
}

impl EngineHandle {
    pub fn stop(&self) {
        self.cancel.cancel();
    }
}

/// How often the slower duties run.
#[derive(Clone, Copy, Debug)]
pub struct Intervals {
    pub housekeeping: Duration,
    pub outbox: Duration,
    pub health: Duration,
}

impl Default for Intervals {
    fn default() -> Self {
        Intervals { housekeeping: Duration::from_secs(30), outbox: Duration::from_secs(2), health: Duration::from_millis(1000) }
    }
}

pub fn spawn(ctx: SyncCtx, mut events: mpsc::UnboundedReceiver<ReceiverEvent>, intervals: Intervals) -> EngineHandle {
    let (tx, mut rx) = mpsc::unbounded_channel::<Command>();
    let cancel = CancellationToken::new();
    let wake = Arc::new(Notify::new());
    let outbox_wake = Arc::new(Notify::new());
    let slots: Arc<Mutex<HashSet<String>>> = Arc::default();

    // Commands from the console.
    {
        let (ctx, cancel, outbox_wake) = (ctx.clone(), cancel.clone(), outbox_wake.clone());
        tokio::spawn(async move {
            loop {
                let cmd = tokio::select! {
                    _ = cancel.cancelled() => return,
                    c = rx.recv() => match c { Some(c) => c, None => return },
                };
                let key = format!("{cmd:?}");
                if let Ok(mut s) = slots.lock()
                    && !s.insert(key.clone())
                {
                    continue;
                }
                let (ctx, slots, outbox_wake) = (ctx.clone(), slots.clone(), outbox_wake.clone());
                tokio::spawn(async move {
                    run(&ctx, cmd, &outbox_wake).await;
                    if let Ok(mut s) = slots.lock() {
                        s.remove(&key);
                    }
                });
            }
        });
    }
    // Receiver events: wake the webhook processor, follow authorization callbacks.
    {
        let (ctx, cancel, wake) = (ctx.clone(), cancel.clone(), wake.clone());
        tokio::spawn(async move {
            loop {
                let ev = tokio::select! {
                    _ = cancel.cancelled() => return,
                    e = events.recv() => match e { Some(e) => e, None => return },
                };
                match ev {
                    ReceiverEvent::Stored(_) => {
                        wake.notify_one();
                        ctx.updates.send(Update::Changed(Topic::Webhooks));
                    }
                    ReceiverEvent::AuthCallback { state, code, error } => {
                        let ctx = ctx.clone();
                        tokio::spawn(async move { connections::on_callback(&ctx, &state, code.as_deref(), error.as_deref()).await });
                    }
                }
            }
        });
    }
    // The webhook processor: on every stored delivery, and once a second as a safety net.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                let c = ctx.clone();
                let _ = tokio::task::spawn_blocking(move || webhooks::process_pending(&c)).await;
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        });
    }
    // Housekeeping: tokens ahead of expiry, the reminder countdown.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                tokens::refresh_due(&ctx, &ctx.tokens).await;
                reminders::check(&ctx);
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = tokio::time::sleep(intervals.housekeeping) => {}
                }
            }
        });
    }
    // The outbox drain.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                outbox::drain_once(&ctx).await;
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = outbox_wake.notified() => {}
                    _ = tokio::time::sleep(intervals.outbox) => {}
                }
            }
        });
    }
    // Health for the status bar.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                ctx.updates.send(Update::Health(ctx.health.snapshot(ctx.api.limiters().snapshot(), ctx.api.config().qps_per_shop)));
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = tokio::time::sleep(intervals.health) => {}
                }
            }
        });
    }
    EngineHandle { commands: tx, cancel }
}

async fn run(ctx: &SyncCtx, cmd: Command, outbox_wake: &Notify) {
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
            }
            Err(e) => ctx.updates.send(Update::AuthFailed { state, message: e.to_string() }),
        },
        Command::CancelConnect { state } => {
            let _ = ctx.store.write(|t| crate::store::pending_auth::delete_pending(t, &state));
        }
        Command::OpenLink { url } => browser::open(ctx, &url).await,
        Command::Disconnect { shop_id } => match disconnect::disconnect(ctx, &shop_id) {
            Ok(_) => {
                outbox_wake.notify_one();
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
    }
}
