//! `tokshop catalog import|list`: the platform catalogue from Shopify's product CSV export or
//! tokshop's own JSON. Bad rows are reported by line and column; the good rows still import;
//! re-importing the same file changes nothing.

pub mod diagnose_new;
pub mod edit_details;
pub mod listings;
pub mod live;
pub mod live_edit;
pub mod mappings;
pub mod quality;
pub mod stock;
pub mod whiten;

use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_store};
use crate::domain::audit::Outcome;
use crate::domain::catalog::Product;
use crate::domain::shop::{PlatformStore, validate_store_name};
use crate::store::{audit, catalog, shops};
use clap::{Subcommand, ValueEnum};
use serde_json::json;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Shopify,
    Tokshop,
}

#[derive(Subcommand, Debug)]
pub enum CatalogCmd {
    /// Import products (re-importing updates in place by SKU)
    Import {
        file: PathBuf,
        /// The platform store the products belong to (created if new; default: the only store)
        #[arg(long)]
        store: Option<String>,
        /// shopify: Shopify's product CSV export; tokshop: tokshop's JSON (default: by extension)
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Currency of the prices (ISO 4217)
        #[arg(long, default_value = "USD")]
        currency: String,
    },
    /// The catalogue: products with their variants
    List {
        #[arg(long)]
        store: Option<String>,
        #[command(flatten)]
        lim: crate::cli::paging::Limit,
        #[arg(long)]
        json: bool,
    },
    /// Change one SKU's price and/or stock (pushed to every shop where it is live)
    Set {
        sku: String,
        #[arg(long)]
        price: Option<String>,
        #[arg(long)]
        stock: Option<i64>,
        #[arg(long)]
        store: Option<String>,
    },
    /// A stock feed on stdin, SKU,QTY per line: bad lines named, good ones applied
    Stock {
        #[arg(long)]
        store: Option<String>,
        /// The feed itself (how stdin reaches a running engine)
        #[arg(long, hide = true)]
        lines: Option<String>,
    },
}

impl CatalogCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            CatalogCmd::List { .. } => None,
            CatalogCmd::Import { .. } | CatalogCmd::Set { .. } | CatalogCmd::Stock { .. } => Some(Capability::Catalog),
        }
    }
}

fn now() -> i64 {
    crate::clock::Clock::now(&crate::clock::SystemClock)
}

/// Read and parse a catalogue file (CSV or JSON): products and one message per refused row.
pub fn read_file(
    file: &std::path::Path,
    format: Option<Format>,
    store: &str,
    currency: &str,
) -> Result<(Vec<Product>, Vec<String>), CliError> {
    let json = format.map(|f| matches!(f, Format::Tokshop));
    crate::sync::catalog::file::read(file, json, store, currency).map_err(CliError::usage)
}

pub async fn run(g: &Globals, cmd: CatalogCmd) -> Result<(), CliError> {
    match cmd {
        CatalogCmd::Set { sku, price, stock: n, store } => {
            return stock::set(g, &sku, price.as_deref(), n, store.as_deref());
        }
        CatalogCmd::Stock { store, lines } => return stock::feed(g, store.as_deref(), lines),
        _ => {}
    }
    let (_, store) = open_store(g)?;
    match cmd {
        CatalogCmd::Import { file, store: name, format, currency } => {
            let currency = currency.trim().to_ascii_uppercase();
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(CliError::usage(format!(
                    "--currency {currency:?} is not an ISO 4217 code such as USD or GBP"
                )));
            }
            let stores = store.list_stores()?;
            let name = match name {
                Some(n) => n,
                None if stores.len() == 1 => stores[0].name.clone(),
                None if stores.is_empty() => {
                    return Err(CliError::usage("no store yet: say which with --store NAME (it is created)"));
                }
                None => {
                    let names: Vec<String> = stores.iter().map(|s| s.name.clone()).collect();
                    return Err(CliError::usage(format!(
                        "several stores ({}): say which with --store NAME",
                        names.join(", ")
                    )));
                }
            };
            validate_store_name(&name).map_err(CliError::usage)?;
            let (mut products, mut errors) = read_file(&file, format, &name, &currency)?;
            // A bar on stderr while the images download, when stderr is a terminal.
            let bars = crate::cli::progress::bars().unwrap_or_else(crate::sync::Updates::none);
            errors.extend(crate::sync::catalog::image_fetch::localize(&mut products, store.dir(), &bars).await);
            let t = now();
            let created = !stores.iter().any(|s| s.name == name);
            let stats = store.write(|tx| {
                if created {
                    shops::add_store(tx, &PlatformStore { name: name.clone(), created_at: t })?;
                }
                let s = catalog::import(tx, &products, t)?;
                let note = format!(
                    "{} added, {} updated, {} unchanged, {} refused",
                    s.added,
                    s.updated,
                    s.unchanged,
                    errors.len()
                );
                audit::append(
                    tx,
                    t,
                    &crate::cli::session::actor(),
                    "catalog import",
                    &file.display().to_string(),
                    Outcome::Ok(note),
                )?;
                Ok(s)
            })?;
            if created {
                crate::outln!("Added store {name}");
            }
            crate::outln!(
                "Imported {} products ({} variants) into {name}: {} added, {} updated, {} unchanged",
                products.len(),
                stats.variants,
                stats.added,
                stats.updated,
                stats.unchanged
            );
            for e in &errors {
                crate::errln!("{}: {e}", file.display());
            }
            crate::outln!("{} imported, {} refused", stats.variants, errors.len());
            if !errors.is_empty() {
                return Err(CliError::failed(format!(
                    "{} row(s) were refused; the others were imported",
                    errors.len()
                )));
            }
        }
        CatalogCmd::List { store: name, lim, json } => {
            let cap = crate::cli::paging::cap(lim.limit, lim.all);
            let products = lim.apply(store.products(name.as_deref(), None, cap.saturating_add(1))?, "products");
            if json {
                let v: Vec<_> = products
                    .iter()
                    .map(|p| {
                        json!({
                            "store": p.store, "handle": p.handle, "title": p.title, "vendor": p.vendor,
                            "product_type": p.product_type,
                            "tags": p.tags, "options": p.options,
                            "images": p.images.iter().map(|i| &i.src).collect::<Vec<_>>(),
                            "variants": p.variants.iter().map(|v| json!({
                                "sku": v.sku, "options": v.option_values,
                                "price": {"amount": v.price.to_string(), "currency": p.currency},
                                "compare_at_price": v.compare_at_price
                                    .map(|c| json!({"amount": c.to_string(), "currency": p.currency})),
                                "inventory": v.inventory, "weight_grams": v.weight_grams.map(|w| w.to_string()),
                                "barcode": v.barcode,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                output::json(&v);
            } else {
                let mut rows = Vec::new();
                for p in &products {
                    for v in &p.variants {
                        rows.push(vec![
                            p.store.clone(),
                            p.handle.clone(),
                            v.sku.clone(),
                            p.variant_label(v),
                            format!("{} {}", v.price, p.currency),
                            v.inventory.to_string(),
                            p.product_type.clone(),
                            p.vendor.clone(),
                        ]);
                    }
                }
                output::table(&["STORE", "HANDLE", "SKU", "VARIANT", "PRICE", "STOCK", "TYPE", "VENDOR"], &rows);
            }
        }
        CatalogCmd::Set { .. } | CatalogCmd::Stock { .. } => {}
    }
    Ok(())
}
