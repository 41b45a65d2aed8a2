//! `tokshop packages`: packages to fulfil first by ship-by, and TikTok-shipping labels.

use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, open_store};
use crate::sync::fulfilment as fulfil;
use clap::Subcommand;
use serde_json::{Value, json};

#[derive(Subcommand, Debug)]
pub enum PackagesCmd {
    /// Packages to fulfil first by ship-by, then the rest newest first
    List {
        /// At most this many (stderr says when more exist)
        #[arg(long, default_value_t = 200)]
        limit: usize,
        /// Every one, however many
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Save a TikTok-shipping label as PDF (and print it when print_command is set)
    Label { package_id: String },
}

impl PackagesCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            PackagesCmd::List { .. } => None,
            PackagesCmd::Label { .. } => Some(Capability::Fulfilment),
        }
    }
}

pub async fn run(g: &Globals, cmd: PackagesCmd) -> Result<(), CliError> {
    match cmd {
        PackagesCmd::List { limit, all, json } => {
            let (_, store) = open_store(g)?;
            let limit = crate::cli::paging::cap(limit, all);
            let (list, more) = crate::cli::paging::collect(limit, |after, n| store.package_page(after, n))?;
            if more {
                crate::cli::paging::say_more(list.len(), "packages");
            }
            if json {
                let v: Vec<Value> = list
                    .iter()
                    .map(|p| {
                        json!({
                            "id": p.id, "shop_id": p.shop_id, "status": p.status, "tag": p.tag,
                            "shipping_type": p.shipping_type, "tracking_number": p.tracking_number,
                            "shipping_provider_id": p.shipping_provider_id,
                            "shipping_provider_name": p.shipping_provider_name,
                            "order_ids": p.order_ids, "line_ids": p.line_ids, "update_time": p.update_time,
                            "ship_by": p.ship_by, "warehouse_id": p.warehouse_id
                        })
                    })
                    .collect();
                output::json(&v);
            } else {
                let t: Vec<Vec<String>> = list
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.clone(),
                            p.status.clone(),
                            p.tag.clone(),
                            p.shipping_provider_name.clone().unwrap_or_default(),
                            p.tracking_number.clone().unwrap_or_default(),
                            p.order_ids.join(","),
                        ]
                    })
                    .collect();
                output::table(&["PACKAGE", "STATUS", "TAG", "CARRIER", "TRACKING", "ORDERS"], &t);
            }
        }
        PackagesCmd::Label { package_id } => {
            let ctx = open_ctx(g)?;
            let path = fulfil::print_label(&ctx, &package_id).await?;
            crate::outln!("{}", path.display());
        }
    }
    Ok(())
}
