//! Printing for people (aligned columns) and for scripts (one JSON document). Headless
//! commands print through [`outln!`] and [`errln!`]: to this process's stdout and stderr, or,
//! when the engine runs the command for a client, back to that client, so the output is the
//! same either way.

use serde::Serialize;
use std::io::Write;
use tokio::sync::mpsc;

/// What a command prints, as the engine streams it to its client.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Printed {
    Out(String),
    Err(String),
}

tokio::task_local! {
    /// Set while the engine runs a headless command for a client.
    pub static SINK: mpsc::UnboundedSender<Printed>;
}

/// Print a line on stdout (or to the engine's client). Every line goes through the one
/// sanitiser ([`crate::domain::text::inert`]): nothing a stranger wrote acts on the terminal.
pub fn out_line(line: String) {
    let line = crate::domain::text::inert(&line).into_owned();
    if SINK.try_with(|s| s.send(Printed::Out(format!("{line}\n")))).is_err() {
        // A reader that went away (`| head`) ends a short command by SIGPIPE (`quiet_broken_pipe`);
        // a long-running mode drops the line instead of panicking as `println!` would.
        let _ = writeln!(std::io::stdout().lock(), "{line}");
    }
}

/// Print a line on stderr (or to the engine's client), inert as [`out_line`].
pub fn err_line(line: String) {
    let line = crate::domain::text::inert(&line).into_owned();
    if SINK.try_with(|s| s.send(Printed::Err(format!("{line}\n")))).is_err() {
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
}

/// `println!` for headless commands: through the engine to its client when it runs there.
#[macro_export]
macro_rules! outln {
    () => { $crate::cli::output::out_line(String::new()) };
    ($($t:tt)*) => { $crate::cli::output::out_line(format!($($t)*)) };
}

/// `eprintln!` for headless commands.
#[macro_export]
macro_rules! errln {
    ($($t:tt)*) => { $crate::cli::output::err_line(format!($($t)*)) };
}

pub fn json<T: Serialize>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => crate::outln!("{}", crate::domain::text::json_inert(&s)),
        Err(e) => crate::errln!("tokshop: cannot encode JSON: {e}"),
    }
}

/// Print rows under a header, each column as wide as its widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let rows: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().map(|c| crate::domain::text::inert_line(c).into_owned()).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{:<w$}", c, w = widths.get(i).copied().unwrap_or(0)))
            .collect();
        crate::outln!("{}", s.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(r);
    }
}
