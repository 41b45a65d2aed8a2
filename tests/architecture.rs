//! The boundaries ARCHITECTURE.md states, checked on the source: a module that reaches past its
//! boundary, or a file that outgrows the house size, fails here with the file and line named.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;
const MAX_WIDTH: usize = 120;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let p = entry.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lines of the files under `src/<module>` that name one of `forbidden` (comments aside).
fn reaches(module: &str, forbidden: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    for f in rust_files(&root().join("src").join(module)) {
        let text = std::fs::read_to_string(&f).expect("read");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for bad in forbidden {
                if code.contains(bad) {
                    hits.push(format!("{}:{}: {}", f.strip_prefix(root()).unwrap_or(&f).display(), i + 1, line.trim()));
                }
            }
        }
    }
    hits
}

#[test]
fn the_ui_never_reaches_the_api_sync_webhook_sandbox_or_redb() {
    let hits = reaches(
        "ui",
        &["crate::api", "crate::sync", "crate::webhook", "crate::sandbox", "crate::engine", "redb::", "reqwest::"],
    );
    assert!(hits.is_empty(), "the console reads views and sends commands, nothing more:\n{}", hits.join("\n"));
}

#[test]
fn the_engine_never_draws_and_never_calls_tiktok_itself() {
    let hits = reaches("engine", &["crate::ui", "ratatui", "crate::api", "crate::sandbox", "redb::"]);
    assert!(hits.is_empty(), "engine/ serves the store and routes commands to sync/:\n{}", hits.join("\n"));
}

#[test]
fn the_client_knows_nothing_of_the_store() {
    let hits = reaches("api", &["crate::store", "redb::", "crate::sync", "crate::ui"]);
    assert!(hits.is_empty(), "api/ must not touch the store, sync or the UI:\n{}", hits.join("\n"));
}

#[test]
fn the_sandbox_shares_nothing_with_the_client() {
    let hits = reaches("sandbox", &["crate::api", "crate::sync", "crate::store", "crate::ui"]);
    assert!(hits.is_empty(), "the sandbox is a second implementation of the contract:\n{}", hits.join("\n"));
}

#[test]
fn domain_and_messages_are_plain_data() {
    let forbidden = ["crate::api", "crate::sync", "crate::store", "crate::ui", "crate::sandbox", "ratatui", "redb::"];
    let mut hits = reaches("domain", &forbidden);
    hits.extend(reaches("message", &forbidden));
    assert!(hits.is_empty(), "domain/ and message/ are types and rules only:\n{}", hits.join("\n"));
}

#[test]
fn the_store_calls_no_api_and_knows_no_ui() {
    let hits = reaches("store", &["crate::api", "crate::sync", "crate::ui", "ratatui"]);
    assert!(hits.is_empty(), "store/ must not call the API or know the UI:\n{}", hits.join("\n"));
}

#[test]
fn sync_never_imports_the_ui() {
    let hits = reaches("sync", &["crate::ui", "ratatui"]);
    assert!(hits.is_empty(), "sync/ talks to the console only through messages:\n{}", hits.join("\n"));
}

#[test]
fn files_stay_small_and_lines_narrow() {
    let mut big = Vec::new();
    let mut wide = Vec::new();
    for dir in ["src", "tests"] {
        for f in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&f).expect("read");
            let name = f.strip_prefix(root()).unwrap_or(&f).display().to_string();
            let n = text.lines().count();
            if dir == "src" && n > MAX_LINES {
                big.push(format!("{name}: {n} lines"));
            }
            for (i, line) in text.lines().enumerate() {
                if line.chars().count() > MAX_WIDTH {
                    wide.push(format!("{name}:{}: {} characters", i + 1, line.chars().count()));
                }
            }
        }
    }
    assert!(big.is_empty(), "files over {MAX_LINES} lines (split them by purpose):\n{}", big.join("\n"));
    assert!(wide.is_empty(), "lines over {MAX_WIDTH} characters:\n{}", wide.join("\n"));
}
