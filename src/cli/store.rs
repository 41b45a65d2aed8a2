//! `tokshop store check`, `tokshop store backup` and `tokshop store compact`: is the store sound,
//! a consistent copy of it while the engine runs, and its file compacted. Restoring is copying
//! the backup back while nothing runs (the README says how).

use super::output;
use super::session::{CliError, Globals, open_store};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum StoreCmd {
    /// Verify the store: every record readable, every index and reference whole, and redb's
    /// pages when no engine holds the store; exit 1 when anything is wrong
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent copy of the store to a new file (0600), even while the engine runs
    Backup {
        /// The file to write (must not exist)
        #[arg(long)]
        out: PathBuf,
    },
    /// Compact the store's file and print its size before and after (needs the store to itself:
    /// stop the engine first)
    Compact,
}

impl StoreCmd {
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        match self {
            StoreCmd::Check { .. } => None,
            // The copy holds the shops' tokens: as much as connecting shops.
            StoreCmd::Backup { .. } => Some(crate::domain::role::Capability::Shops),
            // Rewrites the whole file: as much as connecting shops.
            StoreCmd::Compact => Some(crate::domain::role::Capability::Shops),
        }
    }
}

pub async fn run(g: &Globals, cmd: StoreCmd) -> Result<(), CliError> {
    let (_, store) = open_store(g)?;
    match cmd {
        StoreCmd::Check { json } => {
            let rep = store.check()?;
            if json {
                output::json(&rep);
            } else {
                let counted: Vec<String> = rep.records.iter().map(|(t, n)| format!("{n} {t}")).collect();
                crate::outln!("read {}", counted.join(", "));
                crate::outln!(
                    "redb pages: {}",
                    match rep.pages_checked {
                        Some(true) => "sound",
                        Some(false) => "damaged (redb repaired what it could)",
                        None => "not checked: the engine holds the store (`tokshop daemon stop` first to check them)",
                    }
                );
                for p in &rep.problems {
                    crate::outln!("problem: {p}");
                }
                if rep.problem_count > rep.problems.len() as u64 {
                    crate::outln!("… and {} more", rep.problem_count - rep.problems.len() as u64);
                }
            }
            if rep.ok() {
                if !json {
                    crate::outln!("the store is sound");
                }
                Ok(())
            } else {
                Err(CliError::failed(format!("the store has {} problem(s)", rep.problem_count.max(1))))
            }
        }
        StoreCmd::Backup { out } => {
            let bytes = store.backup(&out)?;
            crate::outln!("wrote {} ({:.1} MB), a consistent copy of the store", out.display(), bytes as f64 / 1e6);
            Ok(())
        }
        StoreCmd::Compact => {
            let (before, after) = store.compact()?;
            crate::outln!(
                "compacted the store: {:.1} MB before, {:.1} MB after",
                before as f64 / 1e6,
                after as f64 / 1e6
            );
            Ok(())
        }
    }
}
