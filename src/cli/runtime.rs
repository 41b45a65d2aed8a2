//! Starting the long-running parts shared by the console, the daemon and the demo: the webhook
//! receiver and the sync engine, wired with channels.

use super::session::{CliError, build_ctx};
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::store::Store;
use crate::sync::engine::{self, EngineHandle, Intervals};
use crate::sync::{SyncCtx, Updates};
use crate::webhook::{self, Receiver};
use std::net::SocketAddr;
use tokio::sync::mpsc;

pub struct Running {
    pub ctx: SyncCtx,
    pub engine: EngineHandle,
    pub receiver: Option<Receiver>,
}

impl Running {
    pub fn stop(&self) {
        self.engine.stop();
        if let Some(r) = &self.receiver {
            r.shutdown();
        }
    }
}

/// Start the receiver on `listen` and the engine. With `require_receiver`, a receiver that
/// cannot bind is an error (the daemon); otherwise sync runs without it and says so.
pub async fn start(
    s: &Settings,
    store: Store,
    clock: SharedClock,
    actor: &str,
    updates: Updates,
    listen: SocketAddr,
    require_receiver: bool,
) -> Result<Running, CliError> {
    let ctx = build_ctx(s, store.clone(), clock.clone(), actor, updates)?;
    let (app_key, secret) = s.app()?;
    let (ev_tx, ev_rx) = mpsc::unbounded_channel();
    let receiver = match webhook::start(listen, app_key, secret, store, ev_tx, clock).await {
        Ok(r) => {
            ctx.health.set_receiver(r.addr.to_string());
            tracing::info!("webhook receiver on http://{}{}", r.addr, webhook::server::WEBHOOK_PATH);
            Some(r)
        }
        Err(e) if require_receiver => return Err(CliError::failed(e)),
        Err(e) => {
            tracing::warn!("{e}; webhooks are not received (polling still recovers changes)");
            ctx.health.error(None, ctx.now(), &e);
            None
        }
    };
    let engine = engine::spawn(ctx.clone(), ev_rx, Intervals::default());
    Ok(Running { ctx, engine, receiver })
}
