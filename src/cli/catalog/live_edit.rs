//! `tokshop listings activate|deactivate|edit` (CAT-POST-ACTIVATE, CAT-POST-INFO) and
//! `tokshop products search` (CAT-POST-SEARCH): a shop's live products from scripts. Writes go
//! through the outbox; an edit prints its field diff against what TikTok shows first.

use crate::api::product_status::STATUS_BATCH;
use crate::cli::catalog::mappings::shop;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx};
use crate::domain::outbox::OutboxIntent;
use crate::sync::catalog::live_edit;
use crate::sync::orders::shop_ref;
use crate::sync::outbox;
use clap::Subcommand;
use serde_json::json;

pub(super) use crate::sync::catalog::quality_apply::asked_at;

/// The TikTok product of a platform product on a shop (its newest that is not deleted).
pub(super) fn product_id_on(
    ctx: &crate::sync::SyncCtx,
    s: &crate::domain::shop::Shop,
    what: &str,
) -> Result<String, CliError> {
    let p = crate::cli::catalog::mappings::product_of(ctx, s, what)?;
    ctx.store
        .listings_of(&s.id, &p.store, &p.handle)?
        .into_iter()
        .filter(|l| l.status != "DELETED")
        .max_by_key(|l| l.updated_at)
        .map(|l| l.product_id)
        .ok_or_else(|| CliError::usage(format!("{} is not on {} (tokshop listings list)", p.handle, s.name)))
}

/// `listings activate|deactivate`: 20 products a call, through the outbox.
pub async fn set_active(g: &Globals, what: &[String], shop_id: &str, active: bool) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, shop_id)?;
    let mut ids = Vec::new();
    for w in what {
        ids.push(product_id_on(&ctx, &s, w)?);
    }
    let mut failed = 0;
    for chunk in ids.chunks(STATUS_BATCH) {
        let intent = OutboxIntent::SetProductsActive {
            shop_id: s.id.clone(),
            product_ids: chunk.to_vec(),
            active,
            asked_at: asked_at(),
        };
        let label = intent.label();
        let item = outbox::enqueue(&ctx, intent)?;
        match crate::cli::orders::settle(&ctx, item.id).await {
            Ok(note) => crate::outln!("{label} on {}: {note}", s.name),
            Err(e) => {
                failed += 1;
                crate::errln!("{label} on {}: {}", s.name, e.message);
            }
        }
    }
    if failed > 0 {
        return Err(CliError::failed(format!("{failed} request(s) did not go through")));
    }
    Ok(())
}

/// `listings edit`: the diff against TikTok's product now; sent (Partial Edit) unless dry-run.
pub async fn edit(
    g: &Globals,
    what: &str,
    shop_id: &str,
    title: Option<String>,
    description: Option<String>,
    dry_run: bool,
    as_json: bool,
) -> Result<(), CliError> {
    if title.is_none() && description.is_none() {
        return Err(CliError::usage(
            "say what changes: --title, --description, --image, --attr, --weight-kg or --dims-cm",
        ));
    }
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, shop_id)?;
    let pid = product_id_on(&ctx, &s, what)?;
    if !dry_run {
        crate::sync::catalog::stops::refuse_if_info_stopped(&ctx, &s, &pid, what)?;
    }
    let now = ctx.api.product_text(&shop_ref(&s), &pid).await.map_err(crate::sync::SyncError::from)?;
    let changes = live_edit::diff(&now, title.as_deref(), description.as_deref());
    if !show_changes(&s, &pid, &changes, dry_run, as_json) {
        return Ok(());
    }
    let intent = OutboxIntent::EditListing {
        shop_id: s.id.clone(),
        product_id: pid,
        title: changes.iter().any(|c| c.field == "title").then(|| title.unwrap_or_default()),
        description: changes.iter().any(|c| c.field == "description").then(|| description.unwrap_or_default()),
        asked_at: asked_at(),
    };
    let label = intent.label();
    let item = outbox::enqueue(&ctx, intent)?;
    let note = crate::cli::orders::settle(&ctx, item.id).await?;
    if !as_json {
        crate::outln!("{label} on {}: {note}", s.name);
    }
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum ProductsCmd {
    /// The shop's TikTok products, by status and seller SKU (Search Products)
    Search {
        #[arg(long)]
        shop: String,
        /// ALL, ACTIVATE, SELLER_DEACTIVATED, PLATFORM_DEACTIVATED, PENDING, FAILED, DRAFT, FREEZE, DELETED
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        sku: Option<String>,
        #[command(flatten)]
        lim: crate::cli::paging::Limit,
        #[arg(long)]
        json: bool,
    },
}

impl ProductsCmd {
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        None
    }
}

/// `products search`: every page of Search Products (`sync::catalog::search`, as the console's `/`).
pub async fn run_products(g: &Globals, cmd: ProductsCmd) -> Result<(), CliError> {
    let ProductsCmd::Search { shop: id, status, sku, lim, json: as_json } = cmd;
    let cap = crate::cli::paging::cap(lim.limit, lim.all);
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, &id)?;
    let status = crate::domain::product_search::status(status.as_deref()).map_err(CliError::usage)?;
    let skus: Vec<String> = sku.into_iter().collect();
    let (all, more) = crate::sync::catalog::search::search(&ctx, &s, &status, &skus, cap).await?;
    if more {
        crate::cli::paging::say_more(all.len(), "products");
    }
    if as_json {
        let v: Vec<_> = all
            .iter()
            .map(|p| {
                json!({"id": p.id, "title": p.title, "status": p.status, "audit": p.audit,
                    "skus": p.skus.iter().map(|k| json!({"id": k.id, "seller_sku": k.seller_sku})).collect::<Vec<_>>()})
            })
            .collect();
        output::json(&json!(v));
    } else {
        let rows: Vec<Vec<String>> = all
            .iter()
            .map(|p| {
                let skus: Vec<&str> = p.skus.iter().map(|k| k.seller_sku.as_str()).collect();
                vec![p.id.clone(), p.status.clone(), p.audit.clone(), skus.join(","), p.title.clone()]
            })
            .collect();
        output::table(&["PRODUCT", "STATUS", "AUDIT", "SKUS", "TITLE"], &rows);
    }
    Ok(())
}

/// Shows an edit's field-level diff (`- TikTok` / `+ ours`, or JSON) before anything leaves;
/// true when there is something to send.
pub(crate) fn show_changes(
    s: &crate::domain::shop::Shop,
    pid: &str,
    changes: &[live_edit::FieldDiff],
    dry_run: bool,
    as_json: bool,
) -> bool {
    let send = !dry_run && !changes.is_empty();
    if as_json {
        output::json(&json!({"product_id": pid, "shop_id": s.id, "changes": changes, "sent": send}));
    } else if changes.is_empty() {
        crate::outln!("TikTok product {pid} on {} already shows this: nothing to send", s.name);
    } else {
        for l in crate::domain::live_edit::diff_lines(changes) {
            crate::outln!("{l}");
        }
    }
    send
}
