//! Console commands for the catalogue, the mappings and listings; each answers with an Update
//! (a message, a changed view, or data for the next step of a flow).

use crate::domain::catalog::Product;
use crate::domain::shop::Shop;
use crate::message::{CatalogAnswer, CatalogCommand, FoundProduct};
use crate::store::{catalog as store_catalog, listing as store_listing};
use crate::sync::catalog::{self, listing};
use crate::sync::commands::Wakes;
use crate::sync::{SyncCtx, SyncError, SyncResult, Topic, Update, outbox};

fn shop(ctx: &SyncCtx, id: &str) -> SyncResult<Shop> {
    ctx.store
        .get_shop(id)?
        .filter(|s| s.status.syncs())
        .ok_or_else(|| SyncError::Invalid(format!("shop {id} is not connected and syncing")))
}

fn product(ctx: &SyncCtx, store: &str, handle: &str) -> SyncResult<Product> {
    ctx.store
        .get_product(store, handle)?
        .ok_or_else(|| SyncError::Invalid(format!("product {handle} is no longer in {store}")))
}

async fn perform(ctx: &SyncCtx, c: CatalogCommand, wakes: &Wakes<'_>) -> SyncResult<Option<String>> {
    Ok(match c {
        CatalogCommand::Import { path, store, currency } => Some(import(ctx, &path, &store, &currency).await?),
        CatalogCommand::SaveProduct { product } => {
            let p = Product { updated_at: ctx.now(), ..*product };
            ctx.store.write(|w| store_catalog::put_product(w, &p))?;
            ctx.updates.send(Update::Changed(Topic::Products(p.store.clone())));
            Some(format!("Saved {}", p.handle))
        }
        CatalogCommand::FetchCategories { shop_id } => {
            let t = catalog::tree(ctx, &shop(ctx, &shop_id)?, true).await?;
            Some(format!("{} categories pulled ({} tree)", t.categories.len(), t.version))
        }
        CatalogCommand::FetchRequirements { shop_id, category_id } => {
            catalog::requirements(ctx, &shop(ctx, &shop_id)?, &category_id, false).await?;
            ctx.updates.send(Update::Changed(Topic::Mappings(shop_id)));
            None
        }
        CatalogCommand::MapCategory { shop_id, product_type, category_id } => {
            let m = catalog::map_category(ctx, &shop(ctx, &shop_id)?, &product_type, &category_id).await?;
            Some(format!("{product_type:?} lists as {}", m.category_path))
        }
        CatalogCommand::Recommend { shop_id, store, handle } => {
            let s = shop(ctx, &shop_id)?;
            let p = product(ctx, &store, &handle)?;
            let (category_id, path) = catalog::recommend(ctx, &s, &p).await?;
            ctx.updates
                .send(CatalogAnswer::Recommended { shop_id, product_type: p.product_type, category_id, path }.into());
            None
        }
        CatalogCommand::FetchBrands { shop_id, vendor, prefix } => {
            let s = shop(ctx, &shop_id)?;
            let category = catalog::vendor_category(ctx, &s, &vendor)?;
            let brands = catalog::brands(ctx, &s, &prefix, false, category.as_deref()).await?;
            ctx.updates.send(CatalogAnswer::Brands { shop_id, vendor, brands }.into());
            None
        }
        CatalogCommand::MapBrand { shop_id, vendor, brand_id, brand_name } => {
            let m = catalog::map_brand(ctx, &shop(ctx, &shop_id)?, &vendor, &brand_id, Some(&brand_name)).await?;
            Some(format!("{vendor:?} lists as brand {}", m.brand_name))
        }
        CatalogCommand::CreateBrand { shop_id, vendor, name } => {
            let m = catalog::create_brand(ctx, &shop(ctx, &shop_id)?, &vendor, &name).await?;
            Some(format!("Created brand {} for {vendor:?}", m.brand_name))
        }
        CatalogCommand::MapAttribute { mapping } => {
            ctx.store.write(|w| store_listing::map_attribute(w, &mapping))?;
            ctx.updates.send(Update::Changed(Topic::Mappings(mapping.shop_id.clone())));
            Some(format!("{} mapped", mapping.attribute_name))
        }
        CatalogCommand::SaveDraft { draft } => {
            ctx.store.write(|w| store_listing::put_draft(w, &draft))?;
            let (s, p) = (shop(ctx, &draft.shop_id)?, product(ctx, &draft.store, &draft.handle)?);
            let r = listing::check_product(ctx, &s, &p).await?;
            Some(if r.missing.is_empty() {
                format!("{} is ready to list", p.handle)
            } else {
                format!("Saved; {} field(s) still missing", r.missing.len())
            })
        }
        CatalogCommand::Check { shop_id, store, handle } => {
            let (s, p) = (shop(ctx, &shop_id)?, product(ctx, &store, &handle)?);
            let r = listing::check_product(ctx, &s, &p).await?;
            Some(if r.missing.is_empty() {
                format!("{handle} is ready to list on {}", s.name)
            } else {
                format!("{handle}: {} field(s) missing on {}", r.missing.len(), s.name)
            })
        }
        CatalogCommand::CheckPrerequisites { shop_id } => {
            let s = shop(ctx, &shop_id)?;
            let p = catalog::prerequisites(ctx, &s, true).await?;
            let failing = p.failing().len();
            Some(if failing == 0 {
                format!("{} is ready to list products", s.name)
            } else {
                format!("{}: {failing} prerequisite(s) failing", s.name)
            })
        }
        CatalogCommand::List { shop_id, store, handle, as_draft } => {
            let (s, p) = (shop(ctx, &shop_id)?, product(ctx, &store, &handle)?);
            let intent = listing::plan_list(ctx, &s, &p, as_draft).await?;
            let label = intent.label();
            outbox::enqueue(ctx, intent)?;
            wakes.outbox.notify_one();
            Some(format!("Queued: {label} on {}", s.name))
        }
        CatalogCommand::MatchProducts { shop_id } => {
            let s = shop(ctx, &shop_id)?;
            let (m, u) = listing::match_products(ctx, &s).await?;
            Some(format!("{}: {m} matched by SKU, {u} to map by hand", s.name))
        }
        CatalogCommand::Link { shop_id, product_id, store, handle, sku_links } => {
            let (s, p) = (shop(ctx, &shop_id)?, product(ctx, &store, &handle)?);
            listing::link(ctx, &s, &product_id, &p, &sku_links)?;
            Some(format!("TikTok product {product_id} is {handle}"))
        }
        CatalogCommand::SetLiveSync { shop_id, store, handle, stop } => {
            let s = shop(ctx, &shop_id)?;
            let all = crate::domain::listing_sync::SyncStops { stock: true, price: true, info: true };
            catalog::stops::set(ctx, &s, &store, &handle, all, stop)?;
            ctx.updates.send(Update::Changed(Topic::Listings(shop_id)));
            Some(format!("{handle} on {}: sync {}", s.name, if stop { "stopped" } else { "resumed" }))
        }
        CatalogCommand::ResolveDrift { shop_id, store, handle, push_ours } => {
            let s = shop(ctx, &shop_id)?;
            let done = catalog::drift::resolve(ctx, &s, &store, &handle, push_ours)?;
            ctx.updates.send(Update::Changed(Topic::Listings(shop_id)));
            Some(done)
        }
        CatalogCommand::Quality { shop_id, store, handle } => {
            let (s, p) = (shop(ctx, &shop_id)?, product(ctx, &store, &handle)?);
            let (lines, offer) = catalog::diagnose_new::report(ctx, &s, &p).await?;
            ctx.updates.send(CatalogAnswer::Quality { shop_id, handle, lines, offer: Some(offer) }.into());
            None
        }
        CatalogCommand::ApplyQuality { shop_id, store, handle, title, description } => {
            let (s, p) = (shop(ctx, &shop_id)?, product(ctx, &store, &handle)?);
            let done = catalog::quality_apply::apply(ctx, &s, &p, title, description).await?;
            wakes.outbox.notify_one();
            ctx.updates.send(Update::Changed(Topic::Listings(shop_id)));
            Some(done)
        }
        CatalogCommand::Whiten { shop_id, store, handle } => {
            let (s, p) = (shop(ctx, &shop_id)?, product(ctx, &store, &handle)?);
            let image = catalog::whiten::for_console(ctx, &s, &p).await?;
            ctx.updates.send(CatalogAnswer::Whitened { shop_id, handle, image: Box::new(image) }.into());
            None
        }
        CatalogCommand::ApplyWhiten { shop_id, store, handle, optimized_uri } => {
            let (s, p) = (shop(ctx, &shop_id)?, product(ctx, &store, &handle)?);
            let done = catalog::whiten::apply_from_console(ctx, &s, &p, &optimized_uri).await?;
            wakes.outbox.notify_one();
            ctx.updates.send(Update::Changed(Topic::Listings(shop_id)));
            Some(done)
        }
        CatalogCommand::SearchProducts { shop_id, status, skus } => {
            let s = shop(ctx, &shop_id)?;
            let (rows, more) = catalog::search::search(ctx, &s, &status, &skus, catalog::search::CONSOLE_CAP).await?;
            let found = rows
                .into_iter()
                .map(|p| FoundProduct {
                    seller_skus: p.skus.into_iter().map(|k| k.seller_sku).collect(),
                    id: p.id,
                    title: p.title,
                    status: p.status,
                    audit: p.audit,
                })
                .collect();
            let shop_name = s.label();
            ctx.updates.send(CatalogAnswer::Products { shop_id, shop_name, status, skus, found, more }.into());
            None
        }
    })
}

/// Import a catalogue file; bad rows are reported, good rows import; image URLs are
/// downloaded into the data dir.
pub async fn import(ctx: &SyncCtx, path: &std::path::Path, store: &str, currency: &str) -> SyncResult<String> {
    let (mut products, mut errors) =
        crate::sync::catalog::file::read(path, None, store, currency).map_err(SyncError::Invalid)?;
    errors.extend(crate::sync::catalog::image_fetch::localize(&mut products, ctx.store.dir(), &ctx.updates).await);
    let now = ctx.now();
    let (created, stats) = ctx.store.write(|w| {
        let created = crate::store::shops::get_store(w, store)?.is_none();
        if created {
            crate::store::shops::add_store(
                w,
                &crate::domain::shop::PlatformStore { name: store.into(), created_at: now },
            )?;
        }
        Ok((created, store_catalog::import(w, &products, now)?))
    })?;
    ctx.updates.send(Update::Changed(Topic::Products(store.to_string())));
    if created {
        ctx.updates.send(Update::Changed(Topic::Shops));
    }
    let summary = format!(
        "Imported {} product(s): {} added, {} updated, {} unchanged",
        products.len(),
        stats.added,
        stats.updated,
        stats.unchanged
    );
    // Every refused row goes to the log (L in the console), the first one in the message.
    for e in &errors {
        tracing::warn!(file = %path.display(), "catalogue row refused: {e}");
    }
    match errors.first() {
        None => Ok(summary),
        Some(first) => Err(SyncError::Invalid(format!(
            "{summary}; {} row(s) refused, first: {first} (all of them in the log: L)",
            errors.len()
        ))),
    }
}

pub async fn run(ctx: &SyncCtx, c: CatalogCommand, wakes: &Wakes<'_>) {
    match perform(ctx, c, wakes).await {
        Ok(Some(m)) => ctx.updates.send(Update::Done(m)),
        Ok(None) => {}
        Err(e) => ctx.updates.send(Update::Failed(e.to_string())),
    }
}
