//! `tokshop bench team`: the engine serving a team over a store of N orders (a million by
//! default), as its own process like `tokshop daemon`:
//!
//! - attaching: connect and be welcomed; and to a first frame of the console (every pane read
//!   through the socket);
//! - the Orders pane's keystroke to frame through the socket, beside the same keys on the store
//!   in this process;
//! - a change reaching every one of C attached consoles (a console adds a store; the time until
//!   the last console hears it);
//! - the engine's memory with C consoles each running the Orders pane at once.

use crate::cli::bench::orders::{PaneRun, bench_dir, fill, pane_run, print_keys};
use crate::cli::bench::{ms, pct};
use crate::cli::session::CliError;
use crate::engine::client;
use crate::engine::protocol::{self, Channel, ControlRequest};
use crate::engine::views::RemoteViews;
use crate::message::{ShopsCommand, Topic, Update};
use crate::store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn failed(e: impl std::fmt::Display) -> CliError {
    CliError::failed(e.to_string())
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, CliError> + Send + 'static) -> Result<T, CliError> {
    tokio::task::spawn_blocking(f).await.map_err(failed)?
}

/// Resident and peak memory of a process, in MB (Linux).
fn memory_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse::<f64>().ok()))
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Start `tokshop daemon` on `dir` with throwaway credentials and config, and wait until it answers.
async fn start_engine(dir: &Path, home: &Path) -> Result<tokio::process::Child, CliError> {
    let exe = std::env::current_exe().map_err(failed)?;
    let child = tokio::process::Command::new(exe)
        .arg("--data-dir")
        .arg(dir)
        .arg("daemon")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("TOKSHOP_APP_KEY", "benchkey")
        .env("TOKSHOP_APP_SECRET", "bench-secret")
        .env("TOKSHOP_WEBHOOK_LISTEN", "127.0.0.1:0")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| CliError::failed(format!("cannot start the engine: {e}")))?;
    let socket = protocol::socket_path(dir);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !client::alive(&socket) {
        if Instant::now() > deadline {
            return Err(CliError::failed("the engine did not answer within 60 s"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(child)
}

pub async fn team(n: u64, consoles: usize, dir: Option<&Path>) -> Result<(), CliError> {
    let dir = bench_dir(n, dir);
    fill(&dir, n)?;
    // The same keys on the store in this process, twice: the first run warms the file cache
    // (both sides then read a warm store); the second is the figure.
    let here = {
        let dir = dir.clone();
        blocking(move || {
            let store = Store::open(&dir)?;
            pane_run(&store)?;
            pane_run(&store)
        })
        .await?
    };
    let home = std::env::temp_dir().join(format!("tokshop-bench-team-{}", std::process::id()));
    let mut engine = start_engine(&dir, &home).await?;
    let pid = engine.id().unwrap_or(0);
    let socket = protocol::socket_path(&dir);
    let result = measure(&socket, consoles, pid, &here).await;
    let _ = client::control(&socket, ControlRequest::Stop).await;
    let _ = tokio::time::timeout(Duration::from_secs(15), engine.wait()).await;
    let _ = std::fs::remove_dir_all(&home);
    result
}

async fn measure(socket: &Path, consoles: usize, pid: u32, here: &PaneRun) -> Result<(), CliError> {
    // Attaching: 50 times to a welcome; 10 times to a console's first frame.
    let mut welcome = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        client::connect(socket, Channel::Events, false).await.map_err(failed)?;
        welcome.push(t.elapsed());
    }
    welcome.sort();
    let mut first_frame = Vec::new();
    for _ in 0..10 {
        let s = socket.to_path_buf();
        let run = blocking(move || {
            let t = Instant::now();
            let views = RemoteViews::new(s, false);
            let keymap = crate::ui::keymap::Keymap::load(None).map_err(failed)?;
            let mut app = crate::ui::app::App::new(keymap, false, crate::logging::LogRing::default());
            app.load(&views);
            let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).map_err(failed)?;
            term.draw(|f| app.render(f, 0)).map_err(failed)?;
            Ok(t.elapsed())
        })
        .await?;
        first_frame.push(run);
    }
    first_frame.sort();
    let s = socket.to_path_buf();
    let there = blocking(move || pane_run(&RemoteViews::new(s, false))).await?;
    let fanout = fanout(socket, consoles).await?;
    let (rss_idle, _) = memory_mb(pid);
    let runs: Vec<_> = (0..consoles)
        .map(|_| {
            let s = socket.to_path_buf();
            blocking(move || pane_run(&RemoteViews::new(s, false)))
        })
        .collect();
    let mut busy: Vec<Duration> = Vec::new();
    for r in futures::future::join_all(runs).await {
        busy.extend(r?.keys);
    }
    busy.sort();
    let (rss, peak) = memory_mb(pid);

    crate::outln!("team: one engine (pid {pid}) over {} orders, consoles at 120x40", there.total);
    crate::outln!(
        "  attach: connect and welcome             p50 {}  max {}",
        ms(pct(&welcome, 0.5)),
        ms(pct(&welcome, 1.0))
    );
    crate::outln!(
        "  attach: to a console's first frame      p50 {}  max {}",
        ms(pct(&first_frame, 0.5)),
        ms(pct(&first_frame, 1.0))
    );
    crate::outln!("  Orders pane through the socket:");
    print_keys(&there);
    crate::outln!("  the same keys on the store in this process:");
    print_keys(here);
    crate::outln!(
        "  a change to all {consoles} consoles (20 changes)  p50 {}  max {}",
        ms(pct(&fanout, 0.5)),
        ms(pct(&fanout, 1.0))
    );
    crate::outln!(
        "  {consoles} consoles on the Orders pane at once: key to frame p50 {}  p99 {}",
        ms(pct(&busy, 0.5)),
        ms(pct(&busy, 0.99))
    );
    crate::outln!(
        "  engine memory: {rss_idle:.1} MB with {consoles} consoles attached; {rss:.1} MB after they all ran \
         the pane (peak {peak:.1} MB)"
    );
    Ok(())
}

/// Attach `consoles` consoles; 20 times, one adds a store: the time until the last one hears.
async fn fanout(socket: &Path, consoles: usize) -> Result<Vec<Duration>, CliError> {
    let mut links = Vec::new();
    for _ in 0..consoles.max(1) {
        let (cmds, mut rx) = client::events(PathBuf::from(socket), false);
        match tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
            Ok(Some(Update::Link(crate::message::LinkState::Attached { .. }))) => {}
            other => return Err(CliError::failed(format!("a console did not attach: {other:?}"))),
        }
        links.push((cmds, rx));
    }
    let mut times = Vec::new();
    for i in 0..20 {
        for (_, rx) in links.iter_mut() {
            while rx.try_recv().is_ok() {}
        }
        let name = format!("bench-team-{}-{i}", std::process::id());
        let t = Instant::now();
        links[0].0.send(ShopsCommand::AddStore { name: name.clone() }.into()).map_err(failed)?;
        for (_, rx) in links.iter_mut() {
            loop {
                match tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
                    Ok(Some(Update::Changed(Topic::Shops))) => break,
                    Ok(Some(_)) => continue,
                    _ => return Err(CliError::failed("a console did not hear the change within 10 s")),
                }
            }
        }
        times.push(t.elapsed());
        links[0].0.send(ShopsCommand::RemoveStore { name }.into()).map_err(failed)?;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    times.sort();
    Ok(times)
}
