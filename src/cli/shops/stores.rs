//! `tokshop stores add|list|remove`.

use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_store};
use crate::domain::audit::Outcome;
use crate::domain::shop::{PlatformStore, ShopStatus, validate_store_name};
use crate::store::{audit, shops};
use clap::Subcommand;
use serde::Serialize;

#[derive(Subcommand, Debug)]
pub enum StoresCmd {
    /// Add a platform store
    Add { name: String },
    /// List stores and their shops
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a store that has no connected shops
    Remove { name: String },
}

impl StoresCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            StoresCmd::List { .. } => None,
            StoresCmd::Add { .. } | StoresCmd::Remove { .. } => Some(Capability::Shops),
        }
    }
}

#[derive(Serialize)]
struct StoreRow {
    name: String,
    #[serde(rename = "create_time")]
    created_at: i64,
    shops: Vec<String>,
}

fn now() -> i64 {
    crate::clock::Clock::now(&crate::clock::SystemClock)
}

pub async fn run(g: &Globals, cmd: StoresCmd) -> Result<(), CliError> {
    let (_, store) = open_store(g)?;
    match cmd {
        StoresCmd::Add { name } => {
            validate_store_name(&name).map_err(CliError::usage)?;
            let t = now();
            store.write(|tx| {
                shops::add_store(tx, &PlatformStore { name: name.clone(), created_at: t })?;
                audit::append(tx, t, &crate::cli::session::actor(), "stores add", &name, Outcome::Ok(String::new()))?;
                Ok(())
            })?;
            crate::outln!("Added store {name}");
        }
        StoresCmd::Remove { name } => {
            let t = now();
            store.write(|tx| {
                shops::remove_store(tx, &name)?;
                audit::append(
                    tx,
                    t,
                    &crate::cli::session::actor(),
                    "stores remove",
                    &name,
                    Outcome::Ok(String::new()),
                )?;
                Ok(())
            })?;
            crate::outln!("Removed store {name}");
        }
        StoresCmd::List { json } => {
            let all_shops = store.list_shops()?;
            let rows: Vec<StoreRow> = store
                .list_stores()?
                .into_iter()
                .map(|s| StoreRow {
                    shops: all_shops
                        .iter()
                        .filter(|x| x.store == s.name && x.status != ShopStatus::Disconnected)
                        .map(|x| x.id.clone())
                        .collect(),
                    name: s.name,
                    created_at: s.created_at,
                })
                .collect();
            if json {
                output::json(&rows);
            } else {
                let table: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| vec![r.name.clone(), crate::domain::time::date(r.created_at), r.shops.len().to_string()])
                    .collect();
                output::table(&["STORE", "CREATED", "SHOPS"], &table);
            }
        }
    }
    Ok(())
}
