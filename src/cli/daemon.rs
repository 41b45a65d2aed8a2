//! `tokshop daemon`: sync and the webhook receiver without a screen, for a server that must
//! never miss a webhook. SIGTERM or Ctrl-C stops it cleanly.

use super::runtime;
use super::session::{CliError, Globals, settings};
use crate::logging::{self, LogRing};
use crate::store::Store;
use crate::sync::{Update, Updates};
use tokio::sync::mpsc;

pub async fn run(g: &Globals) -> Result<(), CliError> {
    let s = settings(g)?;
    s.app()?;
    let _log = logging::init(&s.state_dir, LogRing::default(), true);
    let store = Store::open(&s.data_dir)?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let running =
        runtime::start(&s, store, crate::clock::system(), "daemon", Updates::new(tx), s.webhook_listen, true).await?;
    tracing::info!("tokshop daemon running (pid {}), data dir {}", std::process::id(), s.data_dir.display());
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| CliError::failed(format!("cannot watch for SIGTERM: {e}")))?;
    loop {
        tokio::select! {
            _ = term.recv() => break,
            _ = tokio::signal::ctrl_c() => break,
            u = rx.recv() => match u {
                Some(Update::Done(m)) => tracing::info!("{m}"),
                Some(Update::Failed(m)) => tracing::warn!("{m}"),
                Some(Update::Shops(crate::message::ShopsAnswer::AuthFailed { message, .. })) => {
                    tracing::warn!("authorization failed: {message}")
                }
                Some(_) => {}
                None => break,
            },
        }
    }
    tracing::info!("stopping");
    running.stop();
    // Let in-flight acknowledgements and commits finish.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    Ok(())
}
