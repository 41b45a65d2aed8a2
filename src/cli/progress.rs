//! Long work in a headless command: a progress bar per piece of work on stderr (counts, an
//! estimate, the time left) when stderr is a terminal and the command runs in this process;
//! nothing at all otherwise, so scripts and logs see only the command's own lines.

use crate::message::Update;
use crate::sync::Updates;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;

/// Updates that draw bars, when there is a terminal to draw them on. None inside the engine
/// (its consoles draw the gauge) and when stderr is a file or a pipe.
pub fn bars() -> Option<Updates> {
    if super::session::in_engine().is_some() || !std::io::stderr().is_terminal() {
        return None;
    }
    let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
    let open: Mutex<HashMap<String, ProgressBar>> = Mutex::new(HashMap::new());
    let style = ProgressStyle::with_template("{prefix} {wide_bar} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("━━─");
    Some(Updates::from_fn(move |u| {
        let Update::Progress(p) = u else { return };
        let Ok(mut open) = open.lock() else { return };
        if p.finished {
            if let Some(bar) = open.remove(&p.key) {
                bar.finish_and_clear();
                multi.remove(&bar);
            }
            return;
        }
        let bar = open.entry(p.key.clone()).or_insert_with(|| {
            let b = multi.add(ProgressBar::new(0));
            b.set_style(style.clone());
            b.set_prefix(crate::domain::text::inert(&p.label).into_owned());
            b
        });
        // Without a total yet the bar stays empty (indicatif draws a length of 0 as full).
        let len = p.total.filter(|t| *t > 0).unwrap_or(1);
        bar.set_length(len);
        bar.set_position(if p.total.is_some_and(|t| t > 0) { p.done.min(len) } else { 0 });
        bar.set_message(p.counts());
    }))
}

/// Give `ctx` the bars when there are any (its own updates otherwise stay as they were).
pub fn attach(ctx: &mut crate::sync::SyncCtx) {
    if let Some(u) = bars() {
        ctx.updates = u;
    }
}

/// Open the store, converting a store written before the compact encoding with its progress
/// shown: a bar per table on stderr when stderr is a terminal, and the log's lines always (a
/// million orders take minutes; nobody should wonder whether the command hangs).
pub fn open_store(dir: &std::path::Path) -> crate::store::error::StoreResult<crate::store::Store> {
    let mut log = crate::store::convert::logged();
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{prefix} {wide_bar} {pos}/{len} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("━━─"),
        );
        b
    });
    let mut table = "";
    let store = crate::store::Store::open_with_progress(dir, &mut |p| {
        log(p);
        if let Some(b) = &bar {
            if table != p.table {
                table = p.table;
                b.reset();
                b.set_prefix(format!("store: converting {}", p.table));
            }
            b.set_length(p.total);
            b.set_position(p.done);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    store
}
