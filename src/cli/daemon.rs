//! `tokshop daemon`: the engine without a screen, for a server that must never miss a webhook:
//! sync, the webhook receiver, and the socket consoles and scripts attach to. SIGTERM or Ctrl-C
//! stops it cleanly; SIGHUP (the terminal going away) does not. `--detach` starts it in the
//! background; `status` and `stop` ask a running one.

use super::JsonFlag;
use super::output;
use super::session::{CliError, Globals, settings};
use crate::engine::protocol::{self, ControlReply, ControlRequest};
use crate::engine::{self, client};
use crate::logging::{self, LogRing};
use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct DaemonArgs {
    /// Start the engine in the background and return once it answers
    #[arg(long)]
    pub detach: bool,
    #[command(subcommand)]
    pub cmd: Option<DaemonCmd>,
}

#[derive(Subcommand, Debug)]
pub enum DaemonCmd {
    /// Whether an engine serves the data dir: pid, uptime, socket, attached clients
    Status(JsonFlag),
    /// Stop the engine (it finishes what it is writing first)
    Stop,
}

pub async fn run(g: &Globals, args: DaemonArgs) -> Result<(), CliError> {
    let s = settings(g)?;
    let socket = protocol::socket_path(&s.data_dir);
    match args.cmd {
        Some(DaemonCmd::Status(f)) => status(&socket, &s.data_dir, f.json).await,
        Some(DaemonCmd::Stop) => stop(&socket, &s.data_dir).await,
        None if args.detach => {
            if client::alive(&socket) {
                return Err(CliError::usage(format!("an engine already serves {}", s.data_dir.display())));
            }
            // An old store is converted here, in front of the user, as the console does.
            drop(super::progress::open_store(&s.data_dir)?);
            let pid = client::start_detached(g.config.as_deref(), &s.data_dir).await.map_err(CliError::failed)?;
            crate::outln!("engine started (pid {pid}); socket {}", socket.display());
            Ok(())
        }
        None => foreground(&s).await,
    }
}

async fn foreground(s: &crate::config::Settings) -> Result<(), CliError> {
    s.app()?;
    let _log = logging::init(&s.state_dir, LogRing::default(), true);
    let store = super::progress::open_store(&s.data_dir)?;
    // Signals are watched before anything listens: a SIGTERM as soon as /healthz answers (or
    // during the start) stops the engine cleanly instead of killing the process.
    let signal =
        |k| tokio::signal::unix::signal(k).map_err(|e| CliError::failed(format!("cannot watch for signals: {e}")));
    let mut term = signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut hup = signal(tokio::signal::unix::SignalKind::hangup())?;
    let e = engine::start(s, store, crate::clock::system(), "engine", s.webhook_listen, true).await?;
    tracing::info!("tokshop engine running (pid {}), data dir {}", std::process::id(), s.data_dir.display());
    loop {
        tokio::select! {
            _ = term.recv() => break,
            _ = tokio::signal::ctrl_c() => break,
            _ = hup.recv() => tracing::info!("SIGHUP ignored: the engine outlives the terminal that started it"),
            _ = e.server.stop.cancelled() => break,
        }
    }
    tracing::info!("stopping");
    e.stop();
    // Let in-flight acknowledgements and commits finish.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    Ok(())
}

fn not_running(data_dir: &std::path::Path) -> CliError {
    CliError::failed(format!("no engine serves {}", data_dir.display()))
}

async fn status(socket: &std::path::Path, data_dir: &std::path::Path, json: bool) -> Result<(), CliError> {
    if !client::alive(socket) {
        return Err(not_running(data_dir));
    }
    let st = match client::control(socket, ControlRequest::Status).await.map_err(CliError::failed)? {
        ControlReply::Status(st) => st,
        ControlReply::Refused(why) => return Err(CliError::failed(why)),
        ControlReply::Stopping => return Err(not_running(data_dir)),
    };
    if json {
        output::json(&st);
        return Ok(());
    }
    crate::outln!("engine pid {} (tokshop {}), up {}s", st.pid, st.version, st.uptime_secs);
    crate::outln!("socket {}", st.socket);
    crate::outln!("data dir {}", st.data_dir);
    crate::outln!("webhooks {}", st.receiver.as_deref().unwrap_or("not received (no receiver)"));
    let rows: Vec<Vec<String>> = st
        .clients
        .iter()
        .map(|c| {
            let since = crate::domain::time::date_time(c.since);
            vec![c.user.clone(), c.role.name().into(), format!("{:?}", c.channel).to_lowercase(), since]
        })
        .collect();
    crate::outln!("{} client connection(s)", rows.len());
    if !rows.is_empty() {
        output::table(&["USER", "ROLE", "CHANNEL", "SINCE"], &rows);
    }
    Ok(())
}

async fn stop(socket: &std::path::Path, data_dir: &std::path::Path) -> Result<(), CliError> {
    if !client::alive(socket) {
        return Err(not_running(data_dir));
    }
    let pid = match client::control(socket, ControlRequest::Status).await.map_err(CliError::failed)? {
        ControlReply::Status(st) => Some(st.pid),
        _ => None,
    };
    match client::control(socket, ControlRequest::Stop).await.map_err(CliError::failed)? {
        ControlReply::Refused(why) => return Err(CliError::failed(why)),
        ControlReply::Status(_) | ControlReply::Stopping => {}
    }
    // Until its process is gone: then the store is free for whoever opens it next.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while client::alive(socket) || pid.is_some_and(running) {
        if std::time::Instant::now() > deadline {
            return Err(CliError::failed("the engine is still answering 15 s after it was asked to stop"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    crate::outln!("engine stopped");
    Ok(())
}

/// Whether a process runs (a zombie waiting for its parent does not).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit_once(") ").map(|(_, rest)| !rest.starts_with('Z')))
        .unwrap_or(false)
}
