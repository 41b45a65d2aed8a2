//! A reader that goes away (`tokshop daemon status | head -1`): every short command ends quietly
//! on a broken pipe, the subcommands of the long-running modes (`daemon status`, `sandbox
//! advance-clock`) too; no panic text on stderr.

use crate::common;
use crate::engine::settings_of;
use crate::ui::{NOW, order_data};

use common::bin::{Env, stderr};
use common::*;
use std::process::Stdio;
use tokshop::sandbox::seed::Seed;

/// Run `args` with a stdout whose reader is already gone (the strict form of `| head -1`: the
/// first line written meets EPIPE, whatever the timing), and give back its stderr.
async fn with_stdout_closed(env: &Env, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut c = env.command(args);
    c.stdout(Stdio::from(writer)).stderr(Stdio::piped()).stdin(Stdio::null());
    let o = tokio::task::spawn_blocking(move || c.output().expect("tokshop runs")).await.expect("join");
    (o.status.code(), stderr(&o))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn short_commands_end_quietly_when_stdout_is_closed() {
    let sb = sandbox(Seed::Empty).await;
    let env = Env::new(Some(&sb.base_url()));
    let s = settings_of(&env);
    drop(order_data::seeded_store(&s.data_dir, NOW));
    let store = tokshop::store::Store::open(&s.data_dir).expect("open");
    let listen = "127.0.0.1:0".parse().expect("addr");
    let e = tokshop::engine::start(&s, store, tokshop::clock::system(), "engine", listen, false).await.expect("engine");
    let clock = ["sandbox", "advance-clock", "60", "--sandbox-url", &sb.base_url()];
    let commands: [&[&str]; 5] = [
        &["daemon", "status"],
        &["daemon", "status", "--json"],
        &clock,
        &["orders", "list"],
        &["stores", "list", "--json"],
    ];
    for args in commands {
        let (code, err) = with_stdout_closed(&env, args).await;
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}: nothing on stderr");
        assert_ne!(code, Some(101), "{args:?}: not the exit code of a panic");
    }

    // As a pipeline reads it: one line, then the reader goes away; the command still ends quietly.
    let mut c = env.command(&["daemon", "status"]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(Stdio::null());
    let o = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut child = c.spawn().expect("spawn");
        let mut first = String::new();
        let out = child.stdout.take().expect("stdout");
        std::io::BufReader::new(out).read_line(&mut first).expect("one line");
        let o = child.wait_with_output().expect("wait");
        (first, o)
    })
    .await
    .expect("join");
    assert!(o.0.starts_with("engine pid"), "{}", o.0);
    assert!(!stderr(&o.1).contains("panicked"), "{}", stderr(&o.1));
    e.stop();
    sb.shutdown();
}
