//! `tokshop carriers list|add|remove|import|map` (SHOP-MAN-CARRIER) and `tokshop warehouses list`
//! (CAT-PRE-WAREHOUSE).

use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, open_store};
use crate::domain::audit::Outcome;
use crate::domain::package::{Carrier, CarrierMapping};
use crate::store::{audit, fulfilment};
use clap::Subcommand;
use serde_json::{Value, json};

#[derive(Subcommand, Debug)]
pub enum CarriersCmd {
    /// Your carriers and the TikTok provider each maps to, per shop
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a carrier of your platform
    Add {
        name: String,
        /// e.g. https://www.ups.com/track?tracknum={tracking}
        #[arg(long)]
        tracking_url: Option<String>,
    },
    /// Remove a carrier and its mappings
    Remove { name: String },
    /// Import carriers from a CSV file with a `name` column (and optionally `tracking_url`)
    Import { file: std::path::PathBuf },
    /// Map a carrier to a TikTok shipping provider for a shop (and optionally one delivery option)
    Map {
        carrier: String,
        #[arg(long)]
        provider: String,
        #[arg(long)]
        shop: String,
        #[arg(long)]
        delivery_option: Option<String>,
    },
}

impl CarriersCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            CarriersCmd::List { .. } => None,
            _ => Some(Capability::Fulfilment),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum WarehousesCmd {
    /// Warehouses of every shop, with delivery options and shipping providers
    List {
        /// Pull them from TikTok first
        #[arg(long)]
        refresh: bool,
        #[arg(long)]
        json: bool,
    },
}

impl WarehousesCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        match self {
            WarehousesCmd::List { .. } => None,
        }
    }
}

fn now() -> i64 {
    crate::clock::Clock::now(&crate::clock::SystemClock)
}

pub async fn run(g: &Globals, cmd: CarriersCmd) -> Result<(), CliError> {
    match cmd {
        CarriersCmd::List { json } => {
            let (_, store) = open_store(g)?;
            let carriers = store.carriers()?;
            let maps = store.carrier_mappings()?;
            if json {
                let v: Vec<Value> = carriers
                    .iter()
                    .map(|c| {
                        let mappings = maps
                            .iter()
                            .filter(|m| m.carrier == c.name)
                            .map(|m| {
                                json!({
                                    "shop_id": m.shop_id,
                                    "delivery_option_id": Some(&m.delivery_option_id).filter(|d| !d.is_empty()),
                                    "shipping_provider_id": m.provider_id, "shipping_provider_name": m.provider_name
                                })
                            })
                            .collect::<Vec<_>>();
                        json!({"name": c.name, "tracking_url": c.tracking_url, "mappings": mappings})
                    })
                    .collect();
                output::json(&v);
            } else {
                let mut t = Vec::new();
                for c in &carriers {
                    let mine: Vec<&CarrierMapping> = maps.iter().filter(|m| m.carrier == c.name).collect();
                    if mine.is_empty() {
                        t.push(vec![c.name.clone(), "-".into(), "-".into(), "not mapped".into()]);
                    }
                    for m in mine {
                        t.push(vec![
                            c.name.clone(),
                            m.shop_id.clone(),
                            if m.delivery_option_id.is_empty() { "any".into() } else { m.delivery_option_id.clone() },
                            format!("{} ({})", m.provider_name, m.provider_id),
                        ]);
                    }
                }
                output::table(&["CARRIER", "SHOP", "DELIVERY OPTION", "TIKTOK PROVIDER"], &t);
            }
        }
        CarriersCmd::Add { name, tracking_url } => {
            let (_, store) = open_store(g)?;
            let t = now();
            store.write(|tx| {
                fulfilment::add_carrier(tx, &Carrier { name: name.clone(), tracking_url })?;
                audit::append(tx, t, &crate::cli::session::actor(), "carriers add", &name, Outcome::Ok(String::new()))
            })?;
            crate::outln!("Added carrier {name}");
        }
        CarriersCmd::Remove { name } => {
            let (_, store) = open_store(g)?;
            store.write(|tx| fulfilment::remove_carrier(tx, &name))?;
            crate::outln!("Removed carrier {name}");
        }
        CarriersCmd::Import { file } => {
            let bytes =
                std::fs::read(&file).map_err(|e| CliError::usage(format!("cannot read {}: {e}", file.display())))?;
            let text = crate::domain::csv_strict::utf8(&bytes)
                .map_err(|e| CliError::failed(format!("{}: {e}; nothing imported", file.display())))?;
            let (good, bad) = crate::domain::carrier_csv::parse(text);
            let (_, store) = open_store(g)?;
            let added = store.write(|tx| {
                let mut n = 0;
                for c in &good {
                    if fulfilment::add_carrier(tx, c)? {
                        n += 1;
                    }
                }
                Ok(n)
            })?;
            crate::outln!("Imported {} carrier(s) ({added} new) from {}", good.len(), file.display());
            for e in &bad {
                crate::errln!("{}: {e}", file.display());
            }
            crate::outln!("{} imported, {} refused", good.len(), bad.len());
            if !bad.is_empty() {
                return Err(CliError::failed(format!("{} row(s) were refused; the others were imported", bad.len())));
            }
        }
        CarriersCmd::Map { carrier, provider, shop, delivery_option } => {
            let ctx = open_ctx(g)?;
            let s =
                ctx.store.get_shop(&shop)?.ok_or_else(|| CliError::failed(format!("no shop {shop} is known here")))?;
            if ctx.store.warehouses(Some(&shop))?.is_empty() && s.status.syncs() {
                crate::sync::fulfilment::warehouses::sync_warehouses(&ctx, &s, true).await?;
            }
            let options: Vec<_> =
                ctx.store.warehouses(Some(&shop))?.into_iter().flat_map(|w| w.delivery_options).collect();
            let found = options
                .iter()
                .filter(|o| delivery_option.as_ref().is_none_or(|d| &o.id == d))
                .flat_map(|o| o.providers.iter())
                .find(|p| p.id == provider)
                .cloned();
            let Some(p) = found else {
                let known: Vec<String> =
                    options.iter().flat_map(|o| o.providers.iter().map(|p| format!("{} ({})", p.id, p.name))).collect();
                return Err(CliError::failed(format!(
                    "provider {provider} is not offered by shop {shop}{}; its providers: {}",
                    delivery_option.as_ref().map(|d| format!(" for delivery option {d}")).unwrap_or_default(),
                    if known.is_empty() {
                        "none (no seller-shipped delivery option)".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            };
            let m = CarrierMapping {
                carrier: carrier.clone(),
                shop_id: shop.clone(),
                delivery_option_id: delivery_option.unwrap_or_default(),
                provider_id: p.id.clone(),
                provider_name: p.name.clone(),
            };
            let t = now();
            ctx.store.write(|tx| {
                fulfilment::map_carrier(tx, &m)?;
                audit::append(
                    tx,
                    t,
                    &crate::cli::session::actor(),
                    "carriers map",
                    &carrier,
                    Outcome::Ok(format!("{} for shop {shop}", p.name)),
                )
            })?;
            crate::outln!("{carrier} ships as {} ({}) for shop {shop}", p.name, p.id);
        }
    }
    Ok(())
}

pub async fn run_warehouses(g: &Globals, cmd: WarehousesCmd) -> Result<(), CliError> {
    let WarehousesCmd::List { refresh, json } = cmd;
    let store = if refresh {
        let ctx = open_ctx(g)?;
        for s in ctx.store.list_shops()?.into_iter().filter(|s| s.status.syncs()) {
            crate::sync::fulfilment::warehouses::sync_warehouses(&ctx, &s, true).await?;
        }
        ctx.store.clone()
    } else {
        open_store(g)?.1
    };
    let list = store.warehouses(None)?;
    if json {
        output::json(&list.iter().map(warehouse_json).collect::<Vec<_>>());
    } else {
        let mut t = Vec::new();
        for w in &list {
            let opts: Vec<String> = w
                .delivery_options
                .iter()
                .map(|o| {
                    format!(
                        "{} [{}: {}]",
                        o.name,
                        o.kind,
                        o.providers.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
                    )
                })
                .collect();
            t.push(vec![
                w.shop_id.clone(),
                w.id.clone(),
                w.name.clone(),
                w.kind.clone(),
                w.effect_status.clone(),
                opts.join("; "),
            ]);
        }
        output::table(&["SHOP", "WAREHOUSE", "NAME", "TYPE", "STATUS", "DELIVERY OPTIONS"], &t);
    }
    Ok(())
}

/// A warehouse as `--json` shows it: TikTok's `type` for the warehouse's and each delivery
/// option's kind.
fn warehouse_json(w: &crate::domain::package::Warehouse) -> Value {
    let options: Vec<Value> = w
        .delivery_options
        .iter()
        .map(|o| json!({"id": o.id, "name": o.name, "type": o.kind, "shipping_providers": o.providers}))
        .collect();
    json!({
        "id": w.id, "shop_id": w.shop_id, "name": w.name, "effect_status": w.effect_status, "type": w.kind,
        "is_default": w.is_default, "address": w.address, "delivery_options": options,
    })
}
