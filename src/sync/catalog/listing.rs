//! Listing a platform product on a shop: gather what the check needs (fetching and caching
//! TikTok's side as needed), run it, store the report; plan the write through the outbox with
//! its idempotency key; follow the audit; match products made elsewhere by seller SKU.

use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::catalog::Product;
use crate::domain::listing::{
    BrandMapping, CategoryMapping, Listing, ListingDraft, ListingRoute, Origin, idempotency_key, route,
};
use crate::domain::listing_check::{CheckInput, CheckReport, ImageNote, Missing, check};
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::domain::tiktok_catalog::RemoteProduct;
use crate::store::{attention, listing};
use crate::sync::catalog::images::{self, UseCase};
use crate::sync::catalog::{self, version_for};
use crate::sync::fulfilment::warehouses as upkeep;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, SyncResult, Topic, Update};
use std::collections::BTreeMap;

/// The currency a shop sells in (local sellers: the market's).
pub fn currency_for(shop: &Shop) -> &'static str {
    crate::domain::shop::region_currency(&shop.region)
}

/// A platform product by SKU or handle, in one store's catalogue (a shop lists only its own
/// store's products) or in any store when `store` is None.
pub fn product(ctx: &SyncCtx, store: Option<&str>, sku_or_handle: &str) -> SyncResult<Product> {
    ctx.store.find_product(store, sku_or_handle)?.ok_or_else(|| {
        let whose = store.map(|s| format!("store {s}'s catalogue")).unwrap_or_else(|| "the catalogue".into());
        SyncError::Invalid(format!("no product or SKU {sku_or_handle:?} in {whose} (tokshop catalog list)"))
    })
}

/// The images of a product in order, each checked as the upload would convert it.
pub fn image_notes(p: &Product) -> Vec<ImageNote> {
    image_notes_with(p, None)
}

/// The notes with the first image replaced by the draft's (a whitened copy the seller approved).
fn image_notes_with(p: &Product, first: Option<&str>) -> Vec<ImageNote> {
    let mut imgs = p.images.clone();
    imgs.sort_by_key(|i| i.position);
    if let (Some(f), Some(i)) = (first, imgs.first_mut()) {
        i.src = f.to_string();
    }
    imgs.iter()
        .map(|i| ImageNote {
            src: i.src.clone(),
            result: images::prepare(&i.src, UseCase::Main).map(|prep| prep.changes),
        })
        .collect()
}

/// The product's listing settings for the shop, or empty ones when it has none yet.
pub fn draft_or_new(ctx: &SyncCtx, shop: &Shop, p: &Product) -> SyncResult<ListingDraft> {
    Ok(ctx.store.draft(&shop.id, &p.store, &p.handle)?.unwrap_or(ListingDraft {
        shop_id: shop.id.clone(),
        store: p.store.clone(),
        handle: p.handle.clone(),
        ..ListingDraft::default()
    }))
}

/// Run the listing check for a product on a shop and store the report.
pub async fn check_product(ctx: &SyncCtx, shop: &Shop, p: &Product) -> SyncResult<CheckReport> {
    let draft = draft_or_new(ctx, shop, p)?;
    let prereq = catalog::prerequisites(ctx, shop, false).await?;
    let tree = catalog::tree(ctx, shop, false).await?;
    let mapping = match &draft.category_id {
        Some(id) => Some(CategoryMapping {
            shop_id: shop.id.clone(),
            product_type: p.product_type.clone(),
            category_id: id.clone(),
            category_path: tree.path(id),
            version: version_for(shop).into(),
        }),
        None => ctx.store.category_mapping(&shop.id, &p.product_type)?,
    };
    let info = mapping.as_ref().and_then(|m| tree.get(&m.category_id)).cloned();
    let requirements = match (&mapping, &info) {
        (Some(m), Some(c)) if c.is_leaf => Some(catalog::requirements(ctx, shop, &m.category_id, false).await?),
        _ => None,
    };
    let brand = match &draft.brand_id {
        Some(id) => Some(BrandMapping {
            shop_id: shop.id.clone(),
            vendor: p.vendor.clone(),
            brand_id: id.clone(),
            brand_name: String::new(),
        }),
        None => ctx.store.brand_mapping(&shop.id, &p.vendor)?,
    };
    let maps = match &mapping {
        Some(m) => ctx.store.attribute_mappings(&shop.id, Some(&m.category_id))?,
        None => vec![],
    };
    let mut warehouses = ctx.store.warehouses(Some(&shop.id))?;
    if warehouses.is_empty() {
        upkeep::sync_warehouses(ctx, shop, true).await?;
        warehouses = ctx.store.warehouses(Some(&shop.id))?;
    }
    let notes = image_notes_with(p, draft.first_image.as_deref());
    let mut report = check(&CheckInput {
        product: p,
        draft: &draft,
        shop_name: &shop.name,
        region: &shop.region,
        currency: currency_for(shop),
        prerequisites: Some(&prereq),
        category: mapping.as_ref(),
        category_info: info.as_ref(),
        requirements: requirements.as_ref(),
        brand: brand.as_ref(),
        attribute_maps: &maps,
        warehouses: &warehouses,
        images: &notes,
    });
    report.missing.extend(unreadable_files(&draft, requirements.as_ref()));
    report.missing.extend(unusable_variant_images(p));
    report.at = ctx.now();
    ctx.store.write(|w| listing::put_check(w, &shop.id, &p.store, &p.handle, &report))?;
    ctx.updates.send(Update::Changed(Topic::Listings(shop.id.clone())));
    Ok(report)
}

/// Certificate and size-chart files the upload would fail on (gone, unreadable, not an image
/// TikTok takes): named by the check, not at send time.
fn unreadable_files(
    d: &ListingDraft,
    req: Option<&crate::domain::tiktok_catalog::CategoryRequirements>,
) -> Vec<Missing> {
    let mut out = Vec::new();
    let problem = |path: &str, use_case: UseCase| -> Option<String> {
        if path.to_ascii_lowercase().ends_with(".pdf") && use_case == UseCase::Certification {
            return match std::fs::metadata(path) {
                Ok(m) if m.is_file() => None,
                Ok(_) => Some(format!("{path} is not a file")),
                Err(e) => Some(format!("{path}: {e}")),
            };
        }
        images::prepare(path, use_case).err().map(|e| format!("{path}: {e}"))
    };
    for (id, proof) in &d.certifications {
        let name = req
            .and_then(|r| r.rules.certifications.iter().find(|c| &c.id == id))
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.clone());
        for f in &proof.files {
            if let Some(why) = problem(f, UseCase::Certification) {
                out.push(Missing {
                    field: format!("certifications.{name}"),
                    problem: why,
                    fix: "attach the file again (a PDF or an image)".into(),
                });
            }
        }
    }
    if let Some(why) =
        d.size_chart.as_ref().and_then(|s| s.image.as_deref()).and_then(|p| problem(p, UseCase::SizeChart))
    {
        out.push(Missing {
            field: "size_chart".into(),
            problem: why,
            fix: "attach the size chart image again, or use a template".into(),
        });
    }
    out
}

/// Variants' own images (sent as `sku_img` when the product has sales attributes) that could not
/// be uploaded: each file is tried once.
fn unusable_variant_images(p: &Product) -> Vec<Missing> {
    if p.variants.len() < 2 {
        return vec![];
    }
    let mut tried: std::collections::BTreeMap<&str, Option<String>> = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for v in &p.variants {
        let Some(img) = v.image.as_deref() else { continue };
        let why = tried.entry(img).or_insert_with(|| images::prepare(img, UseCase::Attribute).err()).clone();
        if let Some(why) = why {
            out.push(Missing {
                field: format!("skus.{}.image", v.sku),
                problem: format!("{img}: {why}"),
                fix: "fix the variant's image on the platform, or re-import".into(),
            });
        }
    }
    out
}

/// Plan listing a product (or saving it as a draft on TikTok): refused while the check finds
/// anything missing; the idempotency key is fixed per deliberate attempt.
pub async fn plan_list(ctx: &SyncCtx, shop: &Shop, p: &Product, as_draft: bool) -> SyncResult<OutboxIntent> {
    let report = check_product(ctx, shop, p).await?;
    if !report.missing.is_empty() {
        let list: Vec<String> = report.missing.iter().map(|m| format!("{}: {}", m.field, m.problem)).collect();
        return Err(SyncError::Invalid(format!(
            "{} cannot be listed on {} yet: {}",
            p.handle,
            shop.name,
            list.join("; ")
        )));
    }
    let earlier = ctx.store.listings_of(&shop.id, &p.store, &p.handle)?;
    let (key, product_id) = match route(&earlier, &p.handle, &shop.name) {
        ListingRoute::Refuse(why) => return Err(SyncError::Invalid(why)),
        ListingRoute::Resubmit(l) => (l.resubmission_key(), Some(l.product_id)),
        ListingRoute::Create => {
            let attempt = earlier.iter().filter(|l| l.origin == Origin::Tokshop).count() as u32 + 1;
            (idempotency_key(&shop.id, &p.store, &p.handle, attempt), None)
        }
    };
    Ok(OutboxIntent::ListProduct {
        shop_id: shop.id.clone(),
        store: p.store.clone(),
        handle: p.handle.clone(),
        idempotency_key: key,
        as_draft,
        product_id,
    })
}

/// Store what TikTok says of a product, raising or settling its Inbox item.
pub fn record(ctx: &SyncCtx, shop: &Shop, base: Listing, remote: &RemoteProduct) -> SyncResult<Listing> {
    let now = ctx.now();
    let l = Listing {
        title: remote.title.clone(),
        status: remote.status.clone(),
        audit: remote.audit.clone(),
        reasons: remote.failed_reasons.clone(),
        skus: if remote.skus.is_empty() { base.skus.clone() } else { remote.skus.clone() },
        updated_at: now,
        ..base
    };
    let key = format!("listing:{}:{}", shop.id, l.product_id);
    ctx.store.write(|w| {
        listing::put_listing(w, &l)?;
        if l.audit == "FAILED" || l.status == "FAILED" {
            attention::upsert(
                w,
                AttentionItem {
                    key: key.clone(),
                    kind: AttentionKind::WriteFailed,
                    shop_id: Some(shop.id.clone()),
                    title: format!(
                        "TikTok rejected {} on {}",
                        if l.handle.is_empty() { &l.title } else { &l.handle },
                        shop.name
                    ),
                    detail: format!("Audit failed: {}. {}", l.reasons.join("; "), rejection_advice(&l)),
                    deadline: None,
                    created_at: now,
                    updated_at: now,
                    resolved_at: None,
                },
            )?;
        } else if l.status == "ACTIVATE" || l.audit == "AUDITING" {
            // Live, or resubmitted and back in review: the rejection is dealt with.
            attention::resolve(w, &key, now)?;
        }
        Ok(())
    })?;
    ctx.updates.send(Update::Changed(Topic::Listings(shop.id.clone())));
    ctx.updates.send(Update::Changed(Topic::Inbox));
    Ok(l)
}

/// What to do about a rejection, as listing again would treat it.
fn rejection_advice(l: &Listing) -> &'static str {
    match route(std::slice::from_ref(l), &l.handle, "") {
        ListingRoute::Resubmit(_) => "Fix it and list again: the same TikTok product is resubmitted.",
        _ if l.status == "ACTIVATE" => {
            "The edit was refused and the live version stays; fix the edit in Seller Center."
        }
        _ => "It was made in Seller Center: fix and resubmit it there.",
    }
}

/// Read one product back from TikTok (a webhook named it, or a poll).
pub async fn refresh(ctx: &SyncCtx, shop: &Shop, product_id: &str) -> SyncResult<Listing> {
    let remote = ctx.api.get_product(&shop_ref(shop), product_id).await?;
    let base = match ctx.store.listing(&shop.id, product_id)? {
        Some(l) => l,
        None => matched(ctx, shop, &remote)?,
    };
    record(ctx, shop, base, &remote)
}

/// A listing for a product made elsewhere: matched to the platform product by seller SKU.
fn matched(ctx: &SyncCtx, shop: &Shop, remote: &RemoteProduct) -> SyncResult<Listing> {
    let mut l = Listing {
        shop_id: shop.id.clone(),
        product_id: remote.id.clone(),
        origin: Origin::Unmatched,
        ..Listing::default()
    };
    for s in &remote.skus {
        if let Some(p) = ctx.store.product_by_sku(Some(&shop.store), &s.seller_sku)? {
            l.store = p.store;
            l.handle = p.handle;
            l.origin = Origin::Matched;
            break;
        }
    }
    Ok(l)
}

/// Pull every product of a shop (CAT-PRE-CAMPAIGN): products not made here are matched to
/// platform products by seller SKU; the rest are listed as unmatched for a person to map.
pub async fn match_products(ctx: &SyncCtx, shop: &Shop) -> SyncResult<(usize, usize)> {
    let sr = shop_ref(shop);
    let (mut matched_n, mut unmatched_n) = (0, 0);
    let mut token: Option<String> = None;
    loop {
        let page = ctx.api.search_products(&sr, "ALL", &[], 100, token.as_deref()).await?;
        for remote in &page.products {
            // Unmatched ones are tried again: their SKU may have been imported since.
            let base = match ctx.store.listing(&shop.id, &remote.id)? {
                Some(l) if l.origin != Origin::Unmatched => l,
                Some(l) => Listing { updated_at: l.updated_at, ..matched(ctx, shop, remote)? },
                None => matched(ctx, shop, remote)?,
            };
            match base.origin {
                Origin::Matched => matched_n += 1,
                Origin::Unmatched => unmatched_n += 1,
                Origin::Tokshop => {}
            }
            record(ctx, shop, base, remote)?;
        }
        if page.next_page_token.is_empty() {
            break;
        }
        token = Some(page.next_page_token);
    }
    Ok((matched_n, unmatched_n))
}

/// Link a TikTok product made elsewhere to a platform product by hand; `sku_links` says which
/// platform SKU each TikTok SKU is (TikTok SKU id or seller SKU → platform SKU) where their
/// seller SKUs differ.
pub fn link(
    ctx: &SyncCtx,
    shop: &Shop,
    product_id: &str,
    p: &Product,
    sku_links: &BTreeMap<String, String>,
) -> SyncResult<Listing> {
    let l = ctx.store.listing(&shop.id, product_id)?.ok_or_else(|| {
        SyncError::Invalid(format!("product {product_id} of {} is not known here: match products first", shop.name))
    })?;
    let mut links = BTreeMap::new();
    for (tiktok, platform) in sku_links {
        let sku = l.skus.iter().find(|s| &s.id == tiktok || &s.seller_sku == tiktok).ok_or_else(|| {
            let known: Vec<String> = l.skus.iter().map(|s| format!("{} ({})", s.id, s.seller_sku)).collect();
            SyncError::Invalid(format!(
                "TikTok product {product_id} has no SKU {tiktok:?}; its SKUs: {}",
                known.join(", ")
            ))
        })?;
        if !p.variants.iter().any(|v| &v.sku == platform) {
            let known: Vec<&str> = p.variants.iter().map(|v| v.sku.as_str()).collect();
            return Err(SyncError::Invalid(format!(
                "{} has no SKU {platform:?}; its SKUs: {}",
                p.handle,
                known.join(", ")
            )));
        }
        links.insert(sku.id.clone(), platform.clone());
    }
    let linked = Listing {
        store: p.store.clone(),
        handle: p.handle.clone(),
        origin: Origin::Matched,
        updated_at: ctx.now(),
        sku_links: links,
        ..l
    };
    ctx.store.write(|w| listing::put_listing(w, &linked))?;
    ctx.updates.send(Update::Changed(Topic::Listings(shop.id.clone())));
    Ok(linked)
}

/// Listings still under review, read back (the poll behind the audit webhooks).
pub async fn follow_pending(ctx: &SyncCtx, shop: &Shop) -> SyncResult<usize> {
    let pending: Vec<Listing> = ctx
        .store
        .listings(Some(&shop.id))?
        .into_iter()
        .filter(|l| l.audit == "AUDITING" || l.status == "PENDING")
        .collect();
    for l in &pending {
        refresh(ctx, shop, &l.product_id).await?;
    }
    Ok(pending.len())
}
