//! The engine: the one process per data dir that owns the store, the sync tasks, the outbox and
//! the webhook receiver, and serves consoles and headless commands on a Unix socket in the data
//! dir. `tokshop daemon` runs it without a screen; `tokshop demo` runs it with the sandbox in
//! the same process; `tokshop` (the console) attaches to it, starting it in the background when
//! none runs, as tmux starts its server.

pub mod client;
pub mod identity;
pub mod protocol;
pub mod server;
pub mod views;

use crate::cli::runtime::{self, Running};
use crate::cli::session::CliError;
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::message::Update;
use crate::store::Store;
use crate::sync::Updates;
use server::Server;
use std::net::SocketAddr;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::sync::Arc;
use tokio::net::UnixListener;
use tokio::sync::broadcast;

/// Updates the engine keeps for a console that falls behind before telling it to read again.
const BACKLOG: usize = 4096;

/// A running engine: its sync and receiver, and its socket server.
pub struct Engine {
    pub running: Running,
    pub server: Arc<Server>,
}

impl Engine {
    /// Stop serving, syncing and receiving; the socket is removed.
    pub fn stop(&self) {
        self.server.stop.cancel();
        self.running.stop();
        let _ = std::fs::remove_file(&self.server.socket);
    }
}

/// Start the engine on an open store: sync and the receiver (see `runtime::start`), and the
/// socket server. The socket is the owner's only (0600) unless `[team] group` names the OS
/// group of the team: then group members may reach it (0660, the data dir 0710: they may pass
/// through it but not list or read it; the store file stays 0600).
pub async fn start(
    s: &Settings,
    store: Store,
    clock: SharedClock,
    via: &str,
    listen: SocketAddr,
    require_receiver: bool,
) -> Result<Engine, CliError> {
    let (tx, _) = broadcast::channel::<Update>(BACKLOG);
    let all = tx.clone();
    let updates = Updates::from_fn(move |u| {
        match &u {
            Update::Done(m) => tracing::info!("{m}"),
            Update::Failed(m) => tracing::warn!("{m}"),
            _ => {}
        }
        let _ = all.send(u);
    });
    let running = runtime::start(s, store.clone(), clock, via, updates, listen, require_receiver).await?;
    let socket = protocol::socket_path(&s.data_dir);
    let listener = bind(&socket, s)?;
    let owner_uid = std::fs::metadata(&s.data_dir).map(|m| m.uid()).unwrap_or_else(|_| identity::current_uid());
    let server = Arc::new(Server::new(
        store,
        running.ctx.clone(),
        s.clone(),
        running.engine.jobs.clone(),
        tx,
        owner_uid,
        socket.clone(),
    ));
    tokio::spawn(server::serve(listener, server.clone()));
    tracing::info!("engine serving {} (pid {})", socket.display(), std::process::id());
    Ok(Engine { running, server })
}

fn bind(socket: &std::path::Path, s: &Settings) -> Result<UnixListener, CliError> {
    // A socket file left by an engine that died: nobody answers on it.
    if socket.exists() {
        if std::os::unix::net::UnixStream::connect(socket).is_ok() {
            return Err(CliError::usage(format!("an engine already serves {}", socket.display())));
        }
        let _ = std::fs::remove_file(socket);
    }
    let listener = UnixListener::bind(socket)
        .map_err(|e| CliError::failed(format!("cannot listen on {}: {e}", socket.display())))?;
    let mode = if s.team.group.is_some() { 0o660 } else { 0o600 };
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(mode))
        .map_err(|e| CliError::failed(format!("cannot set permissions on {}: {e}", socket.display())))?;
    if let Some(group) = &s.team.group {
        identity::share_with_group(&s.data_dir, socket, group).map_err(CliError::failed)?;
    }
    Ok(listener)
}
