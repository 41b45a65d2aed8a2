//! The engine's socket server: every connection is identified by the kernel (peer credentials),
//! given the role the team config says, refused when the config gives none or when it speaks
//! another version, then served on its channel. The role is enforced here, for consoles and
//! scripts alike: a command the role may not send is refused, named, and audited.

use super::identity;
use super::protocol::{
    self, Channel, ClientInfo, ControlReply, ControlRequest, EngineStatus, Greeting, Hello, PROTOCOL, Run, RunOutput,
    ToConsole, ToEngine, VERSION, Welcome,
};
use super::views::ViewCall;
use crate::cli::output::{Printed, SINK};
use crate::cli::session::{IN_ENGINE, InEngine};
use crate::config::Settings;
use crate::domain::actor::Actor;
use crate::domain::audit::Outcome;
use crate::domain::role::Role;
use crate::message::{Command, Topic, Update};
use crate::store::Store;
use crate::sync::engine::Job;
use crate::sync::{SyncCtx, Updates};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::{broadcast, mpsc};
use tokio_util::sync::CancellationToken;

/// What every connection is served from.
pub struct Server {
    pub store: Store,
    /// The engine's own context (its updates go to every console).
    pub ctx: SyncCtx,
    pub settings: Settings,
    pub jobs: mpsc::UnboundedSender<Job>,
    pub updates: broadcast::Sender<Update>,
    pub owner_uid: u32,
    pub socket: PathBuf,
    pub started_at: i64,
    started: Instant,
    clients: Mutex<Vec<ClientInfo>>,
    next_id: AtomicU64,
    pub stop: CancellationToken,
}

impl Server {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Store,
        ctx: SyncCtx,
        settings: Settings,
        jobs: mpsc::UnboundedSender<Job>,
        updates: broadcast::Sender<Update>,
        owner_uid: u32,
        socket: PathBuf,
    ) -> Server {
        let started_at = ctx.now();
        Server {
            store,
            ctx,
            settings,
            jobs,
            updates,
            owner_uid,
            socket,
            started_at,
            started: Instant::now(),
            clients: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1),
            stop: CancellationToken::new(),
        }
    }

    fn clients(&self) -> std::sync::MutexGuard<'_, Vec<ClientInfo>> {
        match self.clients.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    pub fn status(&self) -> EngineStatus {
        EngineStatus {
            pid: std::process::id(),
            version: VERSION.into(),
            started_at: self.started_at,
            uptime_secs: self.started.elapsed().as_secs(),
            socket: self.socket.display().to_string(),
            data_dir: self.settings.data_dir.display().to_string(),
            receiver: self.ctx.health.receiver(),
            clients: self.clients().clone(),
        }
    }

    /// Updates of a client's command: changes go to every console, the rest to the client only.
    /// A write's outcome goes to the audit log, unless its own code recorded it (see
    /// `Store::audit_unless_recorded`; `audit` holds who, what, on what, and the log's seq when
    /// it started).
    fn routed(&self, direct: mpsc::UnboundedSender<Update>, audit: Option<(Actor, String, String, u64)>) -> Updates {
        let (all, store, clock) = (self.updates.clone(), self.store.clone(), self.ctx.clock.clone());
        Updates::from_fn(move |u| match u {
            Update::Changed(_) | Update::Health(_) | Update::Progress(_) => {
                let _ = all.send(u);
            }
            other => {
                if let (Some((actor, what, target, since)), Update::Done(m) | Update::Failed(m)) = (&audit, &other) {
                    let outcome = if matches!(other, Update::Done(_)) {
                        Outcome::Ok(m.clone())
                    } else {
                        Outcome::Failed(m.clone())
                    };
                    if let Ok(true) = store.audit_unless_recorded(*since, clock.now(), actor, what, target, outcome) {
                        let _ = all.send(Update::Changed(Topic::Audit));
                    }
                }
                let _ = direct.send(other);
            }
        })
    }
}

/// Accept connections until the engine stops.
pub async fn serve(listener: UnixListener, server: Arc<Server>) {
    loop {
        let stream = tokio::select! {
            _ = server.stop.cancelled() => return,
            a = listener.accept() => match a {
                Ok((s, _)) => s,
                Err(e) => {
                    tracing::warn!("engine socket: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let server = server.clone();
        tokio::spawn(async move {
            if let Err(e) = handle(stream, server).await {
                tracing::debug!("engine client: {e}");
            }
        });
    }
}

async fn handle(stream: UnixStream, server: Arc<Server>) -> std::io::Result<()> {
    let uid = stream.peer_cred()?.uid();
    let user = identity::user_name(uid).unwrap_or_else(|| uid.to_string());
    let mut conn = protocol::framed(stream);
    let Some(hello) = protocol::recv::<Hello>(&mut conn).await? else { return Ok(()) };
    if hello.protocol != PROTOCOL || hello.version != VERSION {
        let why = format!(
            "this engine is tokshop {VERSION}; the client is tokshop {}: use the same tokshop, or stop the engine \
             (tokshop daemon stop) and start it with this one",
            hello.version
        );
        return protocol::send(&mut conn, &Greeting::Refused(why)).await;
    }
    let Some(role) = identity::role_for(&server.settings.team, &user, uid, server.owner_uid) else {
        let why = format!("user {user} may not use this data dir: the [team] config gives {user} no role");
        tracing::warn!("refused {user} (uid {uid}): no role");
        return protocol::send(&mut conn, &Greeting::Refused(why)).await;
    };
    let role = if hello.viewer { Role::Viewer } else { role };
    let welcome = Welcome { user: user.clone(), role, engine_pid: std::process::id(), version: VERSION.into() };
    protocol::send(&mut conn, &Greeting::Welcome(welcome)).await?;
    let id = server.next_id.fetch_add(1, Ordering::Relaxed);
    let info = ClientInfo { id, user: user.clone(), role, channel: hello.channel, since: server.ctx.now() };
    server.clients().push(info);
    let result = match hello.channel {
        Channel::Views => views(&mut conn, &server).await,
        Channel::Events => events(&mut conn, &server, Actor::person(&user, role, "console")).await,
        Channel::Command => command(&mut conn, &server, Actor::person(&user, role, "command")).await,
        Channel::Control => control(&mut conn, &server, role).await,
    };
    server.clients().retain(|c| c.id != id);
    result
}

async fn views(conn: &mut protocol::Conn, server: &Server) -> std::io::Result<()> {
    while let Some(call) = protocol::recv::<ViewCall>(conn).await? {
        let store = server.store.clone();
        let answer = tokio::task::spawn_blocking(move || call.serve(&store))
            .await
            .unwrap_or_else(|e| Err(format!("the engine could not read the view: {e}")));
        protocol::send(conn, &answer).await?;
    }
    Ok(())
}

/// A short name of a command and what it is about, for the audit log: `fulfilment ship` and the
/// ids it names (orders, packages, shops, cancellations, products), else its body.
fn describe(cmd: &Command) -> (String, String) {
    let v = serde_json::to_value(cmd).unwrap_or_default();
    let family = v.as_object().and_then(|o| o.iter().next());
    let (fam, inner) = family.map(|(k, v)| (k.to_lowercase(), v.clone())).unwrap_or_default();
    let (name, body) = match inner.as_object().and_then(|o| o.iter().next()) {
        Some((k, v)) => (k.clone(), v.clone()),
        None => (inner.as_str().unwrap_or_default().to_string(), serde_json::Value::Null),
    };
    let mut ids = Vec::new();
    named_ids(&body, &mut ids);
    let target = if ids.is_empty() && !body.is_null() { body.to_string() } else { ids.join(", ") };
    (format!("{fam} {name}"), target.chars().take(200).collect())
}

/// The ids a command body names, in order, each once.
fn named_ids(v: &serde_json::Value, out: &mut Vec<String>) {
    const KEYS: [&str; 7] = ["order_id", "package_id", "shop_id", "cancel_id", "return_id", "handle", "statement_id"];
    match v {
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                match x.as_str() {
                    Some(id) if KEYS.contains(&k.as_str()) && !out.iter().any(|s| s == id) => out.push(id.to_string()),
                    _ => named_ids(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| named_ids(x, out)),
        _ => {}
    }
}

async fn events(conn: &mut protocol::Conn, server: &Server, actor: Actor) -> std::io::Result<()> {
    let (direct_tx, mut direct) = mpsc::unbounded_channel::<Update>();
    let mut all = server.updates.subscribe();
    let role = actor.role.unwrap_or(Role::Viewer);
    loop {
        tokio::select! {
            msg = protocol::recv::<ToEngine>(conn) => match msg? {
                None => return Ok(()),
                Some(ToEngine::Command(cmd)) => {
                    let (what, target) = describe(&cmd);
                    match cmd.needs() {
                        Some(c) if !role.can(c) => {
                            let why = c.refusal(&actor.user, role);
                            let refused = Outcome::Failed(format!("refused: {why}"));
                            let _ = server.store.audit(server.ctx.now(), &actor, &what, &target, refused);
                            let _ = server.updates.send(Update::Changed(Topic::Audit));
                            protocol::send(conn, &ToConsole::Update(Update::Failed(format!("Refused: {why}")))).await?;
                        }
                        need => {
                            let since = server.store.audit_seq().unwrap_or(0);
                            let audit = need.map(|_| (actor.clone(), what, target, since));
                            let updates = server.routed(direct_tx.clone(), audit);
                            let _ = server.jobs.send(Job { cmd, actor: actor.clone(), updates });
                        }
                    }
                }
            },
            Some(u) = direct.recv() => protocol::send(conn, &ToConsole::Update(u)).await?,
            u = all.recv() => match u {
                Ok(u) => protocol::send(conn, &ToConsole::Update(u)).await?,
                Err(broadcast::error::RecvError::Lagged(_)) => protocol::send(conn, &ToConsole::Resync).await?,
                Err(broadcast::error::RecvError::Closed) => return Ok(()),
            },
            _ = server.stop.cancelled() => return Ok(()),
        }
    }
}

/// Run one headless command as the client's user and stream what it prints.
async fn command(conn: &mut protocol::Conn, server: &Server, actor: Actor) -> std::io::Result<()> {
    let Some(run) = protocol::recv::<Run>(conn).await? else { return Ok(()) };
    let (tx, mut rx) = mpsc::unbounded_channel::<Printed>();
    let all = server.updates.clone();
    let updates = Updates::from_fn(move |u| {
        if matches!(u, Update::Changed(_)) {
            let _ = all.send(u);
        }
    });
    let role = actor.role.unwrap_or(Role::Viewer);
    let ctx = SyncCtx { actor, updates, ..server.ctx.clone() };
    let inside = InEngine { settings: server.settings.clone(), store: server.store.clone(), ctx };
    let mut task =
        tokio::spawn(IN_ENGINE.scope(inside, SINK.scope(tx, crate::cli::run_headless(run.args, Some(role)))));
    loop {
        tokio::select! {
            Some(p) = rx.recv() => protocol::send(conn, &RunOutput::Printed(p)).await?,
            done = &mut task => {
                while let Ok(p) = rx.try_recv() {
                    protocol::send(conn, &RunOutput::Printed(p)).await?;
                }
                let code = done.unwrap_or(1);
                // A command that wrote left an entry in the audit log.
                let _ = server.updates.send(Update::Changed(Topic::Audit));
                return protocol::send(conn, &RunOutput::Exit(code)).await;
            }
            gone = protocol::recv::<Run>(conn) => {
                // The client left (Ctrl-C): stop its command.
                if matches!(gone, Ok(None) | Err(_)) {
                    task.abort();
                    return Ok(());
                }
            }
        }
    }
}

async fn control(conn: &mut protocol::Conn, server: &Server, role: Role) -> std::io::Result<()> {
    while let Some(req) = protocol::recv::<ControlRequest>(conn).await? {
        match req {
            ControlRequest::Status => protocol::send(conn, &ControlReply::Status(server.status())).await?,
            ControlRequest::Stop if role != Role::Admin => {
                let why = format!("stopping the engine needs the admin role; this user is {}", role.name());
                protocol::send(conn, &ControlReply::Refused(why)).await?;
            }
            ControlRequest::Stop => {
                protocol::send(conn, &ControlReply::Stopping).await?;
                server.stop.cancel();
                return Ok(());
            }
        }
    }
    Ok(())
}
