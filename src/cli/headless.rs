//! Headless commands and the engine: when an engine serves the data dir, a command is sent to
//! it and runs there as the OS user who typed it (with that user's role), its output streamed
//! back; with no engine, it runs in this process on the store. The output is the same either
//! way: both print through `outln!` and `errln!`.

use super::session::{CliError, Globals, settings};
use super::{Cli, Cmd};
use crate::domain::role::Role;
use crate::engine::{client, protocol};
use clap::Parser;

/// Run `cmd` in the engine if one answers, else here.
pub async fn forward_or_run(g: &Globals, cmd: Cmd) -> Result<(), CliError> {
    let s = settings(g)?;
    let socket = protocol::socket_path(&s.data_dir);
    if !client::alive(&socket) {
        let what = label(&engine_args());
        return audited(g, cmd, &what).await;
    }
    let args = super::catalog::stock::inline_stdin(engine_args());
    match client::run_command(&socket, args).await.map_err(CliError::failed)? {
        0 => Ok(()),
        code => Err(CliError { code, message: String::new() }),
    }
}

/// This process's arguments for the engine: files named relative to here are made absolute,
/// since the engine runs elsewhere (an `--out` file, which does not exist yet, always). The
/// engine reads and writes them as its own OS user.
fn engine_args() -> Vec<String> {
    let here = std::env::current_dir().ok();
    let absolute = |v: &str, new_file: bool| -> String {
        let p = std::path::Path::new(v);
        match &here {
            Some(h) if !v.is_empty() && p.is_relative() && (new_file || h.join(p).exists()) => {
                h.join(p).display().to_string()
            }
            _ => v.to_string(),
        }
    };
    let mut out_next = false;
    std::env::args()
        .skip(1)
        .map(|a| {
            let was_out = std::mem::replace(&mut out_next, a == "--out");
            match a.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => format!("{flag}={}", absolute(value, flag == "--out")),
                _ if a.starts_with('-') => a,
                _ => absolute(&a, was_out),
            }
        })
        .collect()
}

/// Run a headless command inside the engine for a client with `role`; its exit code. What it
/// prints goes to the client (the caller sets the output sink).
pub async fn run_headless(args: Vec<String>, role: Option<Role>) -> i32 {
    let what = label(&args);
    let argv = std::iter::once("tokshop".to_string()).chain(args);
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let text = e.render().to_string();
            let done = matches!(e.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion);
            if done {
                crate::outln!("{}", text.trim_end());
                return 0;
            }
            crate::errln!("{}", text.trim_end());
            return 2;
        }
    };
    let Some(cmd) = cli.command.filter(Cmd::headless) else {
        crate::errln!("tokshop: the engine runs headless commands only");
        return 2;
    };
    let actor = super::session::actor();
    if let (Some(role), Some(c)) = (role, cmd.needs())
        && !role.can(c)
    {
        let why = c.refusal(&actor.user, role);
        record(&Globals::default(), &what, crate::domain::audit::Outcome::Failed(format!("refused: {why}")), u64::MAX);
        crate::errln!("tokshop: refused: {why}");
        return 1;
    }
    let g = Globals { config: cli.config, data_dir: cli.data_dir, keymap: None, read_only: cli.read_only };
    match audited(&g, cmd, &what).await {
        Ok(()) => 0,
        Err(e) => {
            if !e.message.is_empty() {
                crate::errln!("tokshop: {}", e.message);
            }
            e.code
        }
    }
}

/// The command as the audit log names it: its first three words, the global options and their
/// values left out ("orders ship 5764…").
fn label(args: &[String]) -> String {
    const GLOBAL_WITH_VALUE: [&str; 3] = ["--config", "--data-dir", "--keymap"];
    let mut words = Vec::new();
    let mut skip = false;
    for a in args {
        if std::mem::take(&mut skip) {
            continue;
        }
        if GLOBAL_WITH_VALUE.contains(&a.as_str()) {
            skip = true;
        } else if !a.starts_with('-') {
            words.push(a.as_str());
        } else if !words.is_empty() {
            break;
        }
        if words.len() == 3 {
            break;
        }
    }
    words.join(" ")
}

/// Run a command; a write's outcome goes to the audit log with who ran it.
async fn audited(g: &Globals, cmd: Cmd, what: &str) -> Result<(), CliError> {
    let writes = cmd.needs().is_some();
    let since = match super::session::open_store(g) {
        Ok((_, store)) if writes => Some(store.audit_seq().unwrap_or(0)),
        _ => None,
    };
    let r = super::dispatch(g, cmd).await;
    if let Some(since) = since {
        let outcome = match &r {
            Ok(()) => crate::domain::audit::Outcome::Ok(String::new()),
            Err(e) => crate::domain::audit::Outcome::Failed(e.message.clone()),
        };
        record(g, what, outcome, since);
        // Consoles attached to the engine read again what a script may have written.
        if let Some(e) = super::session::in_engine() {
            e.ctx.updates.send(crate::message::Update::Changed(crate::message::Topic::Everything));
        }
    }
    r
}

/// Record a command's outcome unless its own code recorded it since `since`.
fn record(g: &Globals, what: &str, outcome: crate::domain::audit::Outcome, since: u64) {
    let at = crate::clock::Clock::now(&crate::clock::SystemClock);
    if let Ok((_, store)) = super::session::open_store(g) {
        let _ = store.audit_unless_recorded(since, at, &super::session::actor(), what, "", outcome);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_command_is_named_by_its_words_not_its_global_options() {
        let args = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(super::label(&args("--data-dir /d stores add main")), "stores add main");
        assert_eq!(super::label(&args("--read-only --config=/c orders ship 1 --carrier UPS")), "orders ship 1");
        assert_eq!(super::label(&args("carriers remove DHL --yes")), "carriers remove DHL");
    }
}
