//! Long headless work shows a progress bar on stderr when stderr is a terminal (here a pty from
//! `script`), with counts and an estimate, and prints nothing of it when stderr is a pipe.

use crate::common;

use common::bin::{Env, stderr, stdout};
use common::*;
use tokshop::sandbox::faults::Faults;
use tokshop::sandbox::seed::Seed;

async fn connected(sb: &tokshop::sandbox::SandboxHandle) -> Env {
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    env
}

/// Run `tokshop ARGS` in a pty (`script` puts stdout and stderr on a terminal): whether it
/// succeeded, and what the terminal showed.
async fn on_a_terminal(env: &Env, args: &str) -> (bool, String) {
    let line = format!("{} {args}", env!("CARGO_BIN_EXE_tokshop"));
    let cmd = env.command(&[]);
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &line, "/dev/null"]).env_clear();
    for (k, v) in cmd.get_envs() {
        if let (Some(v), Some(k)) = (v, k.to_str()) {
            script.env(k, v);
        }
    }
    script.env("TERM", "xterm-256color").stdin(std::process::Stdio::null());
    let o = tokio::task::spawn_blocking(move || script.output().expect("script runs")).await.expect("join");
    (o.status.success(), stdout(&o))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_sync_draws_a_bar_on_a_terminal_and_nothing_in_a_pipe() {
    let sb = sandbox(Seed::Demo).await;
    sb.set_faults(Faults { latency_ms: 15, ..Faults::default() });
    sb.generate_history("7495400334175254168", 60, 10);
    let env = connected(&sb).await;
    let (ok, screen) = on_a_terminal(&env, "orders sync").await;
    assert!(ok, "{screen}");
    assert!(screen.contains("Backfill of Maomao"), "a bar for the backfill: {screen:?}");
    assert!(screen.contains(" orders") && screen.contains('━'), "{screen:?}");
    assert!(screen.contains("Price details of Maomao beauty shop") && screen.contains(" of 100 orders"), "{screen:?}");
    assert!(!screen.contains("of about 0"), "no estimate before anything is read: {screen:?}");
    assert!(screen.contains("order(s) read"), "the command's own lines as well");

    // In a pipe (another data dir, the same backfill and price details): the command's lines only.
    let env = connected(&sb).await;
    let o = env.run_async(&["orders", "sync"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "nothing on a stderr that is not a terminal");
    assert!(stdout(&o).contains("100 price detail(s)") && !stdout(&o).contains('━'), "{}", stdout(&o));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_returns_and_finance_syncs_draw_their_bars_on_a_terminal_only() {
    let sb = sandbox(Seed::Demo).await;
    sb.set_faults(Faults { latency_ms: 15, ..Faults::default() });
    let env = connected(&sb).await;
    let (ok, screen) = on_a_terminal(&env, "returns sync").await;
    assert!(ok, "{screen}");
    assert!(screen.contains("Returns of Maomao") && screen.contains(" returns") && screen.contains('━'), "{screen:?}");
    let (ok, screen) = on_a_terminal(&env, "finance sync").await;
    assert!(ok, "{screen}");
    assert!(screen.contains("Statements of Maomao") && screen.contains('━'), "{screen:?}");

    // In a pipe (another data dir, the same first syncs): the commands' own lines only.
    let env = connected(&sb).await;
    for cmd in [["returns", "sync"], ["finance", "sync"]] {
        let o = env.run_async(&cmd).await;
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stderr(&o), "", "nothing on a stderr that is not a terminal");
        assert!(!stdout(&o).contains('━'), "{}", stdout(&o));
    }
}
