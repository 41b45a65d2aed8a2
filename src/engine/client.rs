//! The client side of the engine's socket: consoles attach (their reads through
//! [`RemoteViews`](super::views::RemoteViews), their commands and updates through [`events`]),
//! headless commands run in the engine ([`run_command`]), `daemon status` and `daemon stop`
//! ask it ([`control`]), and a console with no engine starts one in the background
//! ([`start_detached`]).

use super::protocol::{
    self, Channel, ControlReply, ControlRequest, Greeting, Hello, Run, RunOutput, ToConsole, ToEngine, Welcome,
};
use crate::cli::output::Printed;
use crate::message::{Command, LinkState, Update};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::net::UnixStream;
use tokio::sync::mpsc;

/// Whether an engine answers on the socket.
pub fn alive(socket: &Path) -> bool {
    std::os::unix::net::UnixStream::connect(socket).is_ok()
}

/// Connect and say hello; the engine's welcome, or why it refused.
pub async fn connect(socket: &Path, channel: Channel, viewer: bool) -> Result<(protocol::Conn, Welcome), String> {
    let stream = UnixStream::connect(socket).await.map_err(|e| format!("the engine is not reachable ({e})"))?;
    let mut conn = protocol::framed(stream);
    protocol::send(&mut conn, &Hello::new(channel, viewer)).await.map_err(|e| e.to_string())?;
    match protocol::recv::<Greeting>(&mut conn).await.map_err(|e| e.to_string())? {
        Some(Greeting::Welcome(w)) => Ok((conn, w)),
        Some(Greeting::Refused(why)) => Err(why),
        None => Err("the engine closed the connection".into()),
    }
}

/// How long a console waits between attempts to reattach.
const REATTACH: Duration = Duration::from_millis(500);

/// A console's commands and updates: commands go to the engine, updates come from it. The link
/// reattaches by itself; `Update::Link` says when it is lost and when it is back.
pub fn events(socket: PathBuf, viewer: bool) -> (mpsc::UnboundedSender<Command>, mpsc::UnboundedReceiver<Update>) {
    let (cmd_tx, mut cmd_rx) = mpsc::unbounded_channel::<Command>();
    let (upd_tx, upd_rx) = mpsc::unbounded_channel::<Update>();
    tokio::spawn(async move {
        let mut lost: Option<String> = None;
        loop {
            match connect(&socket, Channel::Events, viewer).await {
                Ok((mut conn, w)) => {
                    let attached = LinkState::Attached { user: w.user, role: w.role, engine_pid: w.engine_pid };
                    if upd_tx.send(Update::Link(attached)).is_err() {
                        return;
                    }
                    let why = pump(&mut conn, &mut cmd_rx, &upd_tx).await;
                    if upd_tx.is_closed() {
                        return;
                    }
                    lost = Some(why.clone());
                    let _ = upd_tx.send(Update::Link(LinkState::Lost(why)));
                }
                Err(e) => {
                    if lost.as_deref() != Some(e.as_str()) {
                        lost = Some(e.clone());
                        if upd_tx.send(Update::Link(LinkState::Lost(e))).is_err() {
                            return;
                        }
                    }
                }
            }
            // While detached, commands are refused at once rather than lost.
            let until = Instant::now() + REATTACH;
            while let Ok(Some(_)) =
                tokio::time::timeout(until.saturating_duration_since(Instant::now()), cmd_rx.recv()).await
            {
                let _ = upd_tx.send(Update::Failed("Not sent: the engine is not reachable; try again".into()));
            }
            if upd_tx.is_closed() {
                return;
            }
        }
    });
    (cmd_tx, upd_rx)
}

/// Commands out, updates in, until the link breaks; why it broke.
async fn pump(
    conn: &mut protocol::Conn,
    cmds: &mut mpsc::UnboundedReceiver<Command>,
    updates: &mpsc::UnboundedSender<Update>,
) -> String {
    loop {
        tokio::select! {
            c = cmds.recv() => match c {
                Some(c) => {
                    if let Err(e) = protocol::send(conn, &ToEngine::Command(c)).await {
                        return format!("the engine stopped answering ({e})");
                    }
                }
                None => return "the console closed".into(),
            },
            m = protocol::recv::<ToConsole>(conn) => match m {
                Ok(Some(ToConsole::Update(u))) => {
                    if updates.send(u).is_err() {
                        return "the console closed".into();
                    }
                }
                Ok(Some(ToConsole::Resync)) => {
                    let _ = updates.send(Update::Link(LinkState::Resync));
                }
                Ok(None) => return "the engine stopped".into(),
                Err(e) => return format!("the engine stopped answering ({e})"),
            },
        }
    }
}

/// Run a headless command in the engine: what it prints goes to this process's stdout and
/// stderr as it comes; its exit code is returned.
pub async fn run_command(socket: &Path, args: Vec<String>) -> Result<i32, String> {
    let (mut conn, _) = connect(socket, Channel::Command, false).await?;
    protocol::send(&mut conn, &Run { args }).await.map_err(|e| e.to_string())?;
    loop {
        match protocol::recv::<RunOutput>(&mut conn).await.map_err(|e| e.to_string())? {
            Some(RunOutput::Printed(Printed::Out(s))) => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(s.as_bytes());
                let _ = out.flush();
            }
            Some(RunOutput::Printed(Printed::Err(s))) => eprint!("{s}"),
            Some(RunOutput::Exit(code)) => return Ok(code),
            None => return Err("the engine stopped before the command finished".into()),
        }
    }
}

/// Ask the engine for its status, or to stop.
pub async fn control(socket: &Path, req: ControlRequest) -> Result<ControlReply, String> {
    let (mut conn, _) = connect(socket, Channel::Control, false).await?;
    protocol::send(&mut conn, &req).await.map_err(|e| e.to_string())?;
    protocol::recv::<ControlReply>(&mut conn)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "the engine closed".into())
}

/// Start `tokshop daemon` for a data dir in the background (its own process group, no
/// terminal), and wait until it answers on its socket. Closing the console that started it
/// leaves it running.
pub async fn start_detached(config: Option<&Path>, data_dir: &Path) -> Result<u32, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the tokshop binary: {e}"))?;
    let mut cmd = std::process::Command::new(exe);
    if let Some(c) = config {
        cmd.arg("--config").arg(c);
    }
    cmd.arg("--data-dir").arg(data_dir).arg("daemon");
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn().map_err(|e| format!("cannot start the engine: {e}"))?;
    let socket = protocol::socket_path(data_dir);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if alive(&socket) {
            return Ok(child.id());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "the engine exited at start ({status}); run `tokshop daemon` to see why (its log is in the state dir)"
            ));
        }
        if Instant::now() > deadline {
            return Err(format!("the engine did not answer on {} within 15 s", socket.display()));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
