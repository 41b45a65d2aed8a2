//! `tokshop listings check|create|list|set|match|link`: listing platform products on TikTok
//! shops from scripts, with the same check and outbox as the console.

use crate::cli::catalog::mappings::shop;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, open_store};
use crate::domain::catalog::Dimensions;
use crate::domain::listing::{ChosenValue, Hazmat, HazmatKind, ListingDraft, SizeChart};
use crate::store::listing as store_listing;
use crate::sync::catalog::listing;
use crate::sync::outbox as fulfil;
use clap::Subcommand;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

#[derive(Subcommand, Debug)]
pub enum ListingsCmd {
    /// Prerequisites and every category rule, as a dry run: lists each missing field
    Check {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        #[arg(long)]
        json: bool,
    },
    /// List the product on the shop (or save it there as a draft) through the outbox
    Create {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        #[arg(long)]
        draft: bool,
    },
    /// TikTok products per shop: made here, matched by SKU, or unmatched
    List {
        #[arg(long)]
        shop: Option<String>,
        #[command(flatten)]
        lim: crate::cli::paging::Limit,
        #[arg(long)]
        json: bool,
    },
    /// Set what a listing needs beyond the product: hazmat answer, certificates, size chart,
    /// package, attribute values, TikTok title/price/stock
    Set(Box<SetArgs>),
    /// Pull the shop's TikTok products and match those made elsewhere by seller SKU
    Match {
        #[arg(long)]
        shop: String,
    },
    /// Link an unmatched TikTok product to a platform product
    Link {
        product_id: String,
        #[arg(long)]
        shop: String,
        #[arg(long)]
        to: String,
        /// Which platform SKU a TikTok SKU is, where their seller SKUs differ:
        /// TIKTOK_SKU=PLATFORM_SKU (the TikTok SKU by id or seller SKU); repeatable
        #[arg(long = "sku")]
        skus: Vec<String>,
    },
    /// Push pending stock and price changes now and report each product's outcome
    Push {
        #[arg(long)]
        shop: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A shop's stock rules: units kept back, the most listed, the share of the stock listed
    Rules {
        #[arg(long)]
        shop: String,
        #[arg(long)]
        buffer: Option<i64>,
        /// N, or none
        #[arg(long)]
        max: Option<String>,
        /// 1 to 100
        #[arg(long)]
        share: Option<u32>,
    },
    /// Stop syncing a product's stock, price and/or information to a shop (none named: all)
    Stop(super::live::StopArgs),
    /// Resume syncing (the same flags; resuming pushes the product again)
    Resume(super::live::StopArgs),
    /// What TikTok shows that tokshop did not push; resolve with --push-ours or --take-theirs
    Drift {
        #[arg(long)]
        shop: String,
        #[arg(long)]
        json: bool,
        #[arg(long = "push-ours")]
        push_ours: Vec<String>,
        #[arg(long = "take-theirs")]
        take_theirs: Vec<String>,
    },
    /// Activate products on a shop (TikTok audits them again)
    Activate {
        #[arg(required = true)]
        sku_or_handle: Vec<String>,
        #[arg(long)]
        shop: String,
    },
    /// Deactivate products on a shop (off sale at once)
    Deactivate {
        #[arg(required = true)]
        sku_or_handle: Vec<String>,
        #[arg(long)]
        shop: String,
    },
    /// Edit a live product's text, images, attributes or package: the diff first, then Partial Edit
    Edit {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        details: super::edit_details::DetailArgs,
        /// Print the diff only
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// TikTok's SEO words for a live product; --add WORD puts words in its title (diff, then sent)
    Seo {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        #[arg(long = "add")]
        add: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// TikTok's recommended title and description beside the current ones; --apply sends them
    Suggest {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        /// title, description, or title,description
        #[arg(long)]
        apply: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// TikTok's diagnosis of a product (live, or before listing): quality tier, issues, suggestions
    Diagnose {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        /// title, description, image (before listing): take TikTok's suggestions
        #[arg(long)]
        apply: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The first image with a white background (TikTok's Optimized Images), before and after as
    /// files; --apply puts it in the live product's gallery, or in a new product's listing
    Whiten {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        /// Where the after goes (the before beside it as STEM.before.EXT)
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
}

impl ListingsCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            ListingsCmd::Check { .. } | ListingsCmd::List { .. } | ListingsCmd::Match { .. } => None,
            ListingsCmd::Rules { buffer: None, max: None, share: None, .. } => None,
            ListingsCmd::Drift { push_ours, take_theirs, .. } if push_ours.is_empty() && take_theirs.is_empty() => None,
            ListingsCmd::Edit { dry_run: true, .. } | ListingsCmd::Diagnose { apply: None, .. } => None,
            ListingsCmd::Seo { add, .. } if add.is_empty() => None,
            ListingsCmd::Suggest { apply: None, .. } | ListingsCmd::Whiten { apply: false, .. } => None,
            _ => Some(Capability::Catalog),
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct SetArgs {
    pub sku_or_handle: String,
    #[arg(long)]
    pub shop: String,
    /// none, or a comma list of lithium-batteries, flammable-liquids, aerosols, corrosives, other
    #[arg(long)]
    pub hazmat: Option<String>,
    /// Lithium batteries: the battery type as TikTok names it (e.g. Lithium-ion)
    #[arg(long)]
    pub battery_type: Option<String>,
    /// CERT_ID=FILE (repeat; PDF or image)
    #[arg(long = "cert")]
    pub certs: Vec<String>,
    /// CERT_ID=YYYY-MM-DD (or unix seconds): when the certificate expires
    #[arg(long = "cert-expires")]
    pub cert_expires: Vec<String>,
    #[arg(long)]
    pub size_chart: Option<String>,
    #[arg(long)]
    pub size_chart_template: Option<String>,
    #[arg(long)]
    pub weight_kg: Option<String>,
    /// LxWxH in centimetres
    #[arg(long)]
    pub dims_cm: Option<String>,
    /// ATTRIBUTE_ID=VALUE (a value id or a custom name; repeat)
    #[arg(long = "attr")]
    pub attrs: Vec<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// SKU=AMOUNT in the shop's currency (repeat)
    #[arg(long = "price")]
    pub prices: Vec<String>,
    /// SKU:WAREHOUSE=QUANTITY (repeat)
    #[arg(long = "stock")]
    pub stock: Vec<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub brand: Option<String>,
}

fn kv(s: &str, what: &str) -> Result<(String, String), CliError> {
    let (k, v) = s.split_once('=').ok_or_else(|| CliError::usage(format!("{what} {s:?}: write KEY=VALUE")))?;
    Ok((k.trim().to_string(), v.trim().to_string()))
}

fn dec(s: &str, what: &str) -> Result<Decimal, CliError> {
    Decimal::from_str(s.trim()).map_err(|_| CliError::usage(format!("{what} {s:?} is not a number")))
}

fn apply(d: &mut ListingDraft, a: &SetArgs) -> Result<(), CliError> {
    if let Some(h) = &a.hazmat {
        d.hazmat = Some(if h.eq_ignore_ascii_case("none") || h.eq_ignore_ascii_case("no") {
            Hazmat::default()
        } else {
            let kinds = h
                .split(',')
                .map(|k| match k.trim().to_lowercase().as_str() {
                    "lithium-batteries" | "lithium" | "batteries" => Ok(HazmatKind::LithiumBatteries),
                    "flammable-liquids" | "flammable" => Ok(HazmatKind::FlammableLiquids),
                    "aerosols" | "aerosol" => Ok(HazmatKind::Aerosols),
                    "corrosives" | "corrosive" => Ok(HazmatKind::Corrosives),
                    "other" => Ok(HazmatKind::Other),
                    other => Err(CliError::usage(format!(
                        "--hazmat {other:?}: use none, or lithium-batteries, flammable-liquids, aerosols, corrosives, \
                            other"
                    ))),
                })
                .collect::<Result<Vec<_>, _>>()?;
            Hazmat { contains: true, kinds, battery_type: a.battery_type.clone() }
        });
    }
    for c in &a.certs {
        let (id, file) = kv(c, "--cert")?;
        if !std::path::Path::new(&file).is_file() {
            return Err(CliError::usage(format!("--cert {id}: no file {file}")));
        }
        d.certifications.entry(id).or_default().files.push(file);
    }
    for c in &a.cert_expires {
        let (id, t) = kv(c, "--cert-expires")?;
        let t: i64 = t.parse().ok().or_else(|| crate::domain::time::parse_date(&t)).ok_or_else(|| {
            CliError::usage(format!("--cert-expires {id}: {t:?} is neither a date (YYYY-MM-DD) nor unix seconds"))
        })?;
        d.certifications.entry(id).or_default().expires_at = Some(t);
    }
    if a.size_chart.is_some() || a.size_chart_template.is_some() {
        d.size_chart = Some(SizeChart { image: a.size_chart.clone(), template_id: a.size_chart_template.clone() });
    }
    if let Some(w) = &a.weight_kg {
        d.package_weight_kg = Some(dec(w, "--weight-kg")?);
    }
    if let Some(dims) = &a.dims_cm {
        let parts: Vec<&str> = dims.split(['x', 'X']).collect();
        let [l, w, h] = parts.as_slice() else { return Err(CliError::usage("--dims-cm takes LxWxH, e.g. 30x20x5")) };
        d.package_dimensions_cm =
            Some(Dimensions { length: dec(l, "length")?, width: dec(w, "width")?, height: dec(h, "height")? });
    }
    for at in &a.attrs {
        let (id, v) = kv(at, "--attr")?;
        let value = if v.chars().all(|c| c.is_ascii_digit()) {
            ChosenValue { id: v, name: String::new() }
        } else {
            ChosenValue { id: String::new(), name: v }
        };
        d.attributes.entry(id).or_default().push(value);
    }
    if a.title.is_some() {
        d.title = a.title.clone();
    }
    if a.description.is_some() {
        d.description = a.description.clone();
    }
    for p in &a.prices {
        let (sku, amount) = kv(p, "--price")?;
        d.prices.insert(sku, dec(&amount, "--price")?);
    }
    for s in &a.stock {
        let (left, q) = kv(s, "--stock")?;
        let (sku, wh) = left
            .split_once(':')
            .ok_or_else(|| CliError::usage(format!("--stock {s:?}: write SKU:WAREHOUSE=QUANTITY")))?;
        let q: i64 =
            q.parse().map_err(|_| CliError::usage(format!("--stock {s:?}: the quantity is not a whole number")))?;
        d.inventory.entry(sku.to_string()).or_default().insert(wh.to_string(), q);
    }
    if a.category.is_some() {
        d.category_id = a.category.clone();
    }
    if a.brand.is_some() {
        d.brand_id = a.brand.clone();
    }
    Ok(())
}

pub async fn run(g: &Globals, cmd: ListingsCmd) -> Result<(), CliError> {
    match cmd {
        ListingsCmd::Check { sku_or_handle, shop: id, json } => {
            let ctx = open_ctx(g)?;
            let s = shop(&ctx, &id)?;
            let p = crate::cli::catalog::mappings::product_of(&ctx, &s, &sku_or_handle)?;
            let r = listing::check_product(&ctx, &s, &p).await?;
            // A product ready to list is also diagnosed for quality (never blocking: CAT-NFOQUAL-NEWDIAG).
            let quality = match r.missing.is_empty() {
                true => match crate::sync::catalog::diagnose_new::diagnose(&ctx, &s, &p).await {
                    Ok((_, d)) => Some(d),
                    Err(e) => {
                        crate::errln!("quality diagnosis: {e}");
                        None
                    }
                },
                false => None,
            };
            if json {
                output::json(&json!({
                    "handle": p.handle, "shop_id": s.id, "ready": r.missing.is_empty(),
                    "missing": r.missing, "notes": r.notes, "quality": quality
                }));
            } else {
                for m in &r.missing {
                    crate::outln!("missing  {:<40} {}\n         fix: {}", m.field, m.problem, m.fix);
                }
                for n in &r.notes {
                    crate::outln!("note     {n}");
                }
                if r.missing.is_empty() {
                    crate::outln!("{} is ready to list on {}", p.handle, s.name);
                }
                if let Some(d) = &quality {
                    super::diagnose_new::print(d, &p.handle, &s.name);
                }
            }
            if !r.missing.is_empty() {
                return Err(CliError::failed(format!("{} field(s) missing", r.missing.len())));
            }
        }
        ListingsCmd::Create { sku_or_handle, shop: id, draft } => {
            let ctx = open_ctx(g)?;
            let s = shop(&ctx, &id)?;
            let p = crate::cli::catalog::mappings::product_of(&ctx, &s, &sku_or_handle)?;
            let intent = listing::plan_list(&ctx, &s, &p, draft).await?;
            let label = intent.label();
            let item = fulfil::enqueue(&ctx, intent)?;
            let note = crate::cli::orders::settle(&ctx, item.id).await?;
            crate::outln!("{label} on {}: {note}", s.name);
        }
        ListingsCmd::List { shop: only, lim, json } => {
            let (_, store) = open_store(g)?;
            let all = lim.apply(store.listings(only.as_deref())?, "listings");
            if json {
                output::json(&all.iter().map(super::live::listing_json).collect::<Vec<_>>());
            } else {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|l| {
                        vec![
                            l.shop_id.clone(),
                            l.product_id.clone(),
                            if l.handle.is_empty() { "-".into() } else { l.handle.clone() },
                            format!("{:?}", l.origin).to_lowercase(),
                            l.status.to_lowercase(),
                            l.audit.to_lowercase(),
                            l.reasons.join("; "),
                        ]
                    })
                    .collect();
                output::table(&["SHOP", "PRODUCT", "PLATFORM PRODUCT", "ORIGIN", "STATUS", "AUDIT", "REASONS"], &rows);
            }
        }
        ListingsCmd::Set(a) => {
            let ctx = open_ctx(g)?;
            let s = shop(&ctx, &a.shop)?;
            let p = crate::cli::catalog::mappings::product_of(&ctx, &s, &a.sku_or_handle)?;
            let mut d = ctx.store.draft(&s.id, &p.store, &p.handle)?.unwrap_or(ListingDraft {
                shop_id: s.id.clone(),
                store: p.store.clone(),
                handle: p.handle.clone(),
                ..ListingDraft::default()
            });
            apply(&mut d, &a)?;
            ctx.store.write(|w| store_listing::put_draft(w, &d))?;
            crate::outln!("Saved the listing settings of {} for {}", p.handle, s.name);
        }
        ListingsCmd::Match { shop: id } => {
            let ctx = open_ctx(g)?;
            let s = shop(&ctx, &id)?;
            let (m, u) = listing::match_products(&ctx, &s).await?;
            crate::outln!(
                "{}: {m} product(s) made elsewhere matched by seller SKU, {u} unmatched (tokshop listings link)",
                s.name
            );
        }
        ListingsCmd::Link { product_id, shop: id, to, skus } => {
            let ctx = open_ctx(g)?;
            let s = shop(&ctx, &id)?;
            let p = crate::cli::catalog::mappings::product_of(&ctx, &s, &to)?;
            let mut links = std::collections::BTreeMap::new();
            for pair in &skus {
                let (t, pl) = pair
                    .split_once('=')
                    .filter(|(t, pl)| !t.trim().is_empty() && !pl.trim().is_empty())
                    .ok_or_else(|| CliError::usage(format!("--sku {pair:?}: write TIKTOK_SKU=PLATFORM_SKU")))?;
                links.insert(t.trim().to_string(), pl.trim().to_string());
            }
            listing::link(&ctx, &s, &product_id, &p, &links)?;
            crate::outln!("TikTok product {product_id} on {} is now {}", s.name, p.handle);
        }
        ListingsCmd::Push { shop, json } => super::live::push(g, shop, json).await?,
        ListingsCmd::Rules { shop, buffer, max, share } => super::live::rules(g, &shop, buffer, max, share)?,
        ListingsCmd::Stop(a) => super::live::stop(g, &a, true)?,
        ListingsCmd::Resume(a) => super::live::stop(g, &a, false)?,
        ListingsCmd::Drift { shop, json, push_ours, take_theirs } => {
            super::live::drift(g, &shop, json, &push_ours, &take_theirs).await?
        }
        ListingsCmd::Activate { sku_or_handle, shop } => {
            super::live_edit::set_active(g, &sku_or_handle, &shop, true).await?
        }
        ListingsCmd::Deactivate { sku_or_handle, shop } => {
            super::live_edit::set_active(g, &sku_or_handle, &shop, false).await?
        }
        ListingsCmd::Edit { sku_or_handle: what, shop, title, description, details, dry_run, json } => {
            let text = title.is_some() || description.is_some();
            if text && !details.is_empty() && json {
                return Err(CliError::usage("with --json, edit the text and the details in two commands"));
            }
            if text || details.is_empty() {
                super::live_edit::edit(g, &what, &shop, title, description, dry_run, json).await?;
            }
            if !details.is_empty() {
                super::edit_details::for_cli(g, &what, &shop, &details, dry_run, json).await?;
            }
        }
        ListingsCmd::Seo { sku_or_handle, shop, add, json } => {
            super::quality::seo(g, &sku_or_handle, &shop, &add, json).await?
        }
        ListingsCmd::Suggest { sku_or_handle, shop, apply, json } => {
            super::quality::suggest(g, &sku_or_handle, &shop, apply.as_deref(), json).await?
        }
        ListingsCmd::Diagnose { sku_or_handle, shop, apply, json } => {
            super::quality::diagnose(g, &sku_or_handle, &shop, apply.as_deref(), json).await?
        }
        ListingsCmd::Whiten { sku_or_handle, shop, out, apply, json } => {
            super::whiten::whiten(g, &sku_or_handle, &shop, out, apply, json).await?
        }
    }
    Ok(())
}
