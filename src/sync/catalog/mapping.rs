//! TikTok's catalogue for a shop, fetched when needed and cached in the store: the category
//! tree (v2 for US shops, v1 elsewhere; per locale), a category's rules and attributes, listing
//! prerequisites, brands; and the mappings that point platform data at them.
//!
//! TikTok's reference advises reading categories in real time while its use-case guide advises
//! storing them and refreshing; tokshop caches for a day and refreshes on request.

use crate::api::products::BrandQuery;
use crate::domain::catalog::Product;
use crate::domain::listing::{BrandMapping, CategoryMapping};
use crate::domain::shop::Shop;
use crate::domain::tiktok_catalog::{Brand, CategoryRequirements, CategoryTree, Prerequisites};
use crate::store::listing;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, SyncResult, Topic, Update};

const TREE_TTL: i64 = 86_400;
const REQUIREMENTS_TTL: i64 = 86_400;
const PREREQUISITES_TTL: i64 = 3_600;

/// TikTok's rule: US shops use the 7-level tree (error 12052217 otherwise).
pub fn version_for(shop: &Shop) -> &'static str {
    if shop.region == "US" { "v2" } else { "v1" }
}

pub fn locale_for(shop: &Shop) -> &'static str {
    match shop.region.as_str() {
        "GB" | "IE" => "en-GB",
        _ => "en-US",
    }
}

/// The shop's category tree, from the cache when fresh.
pub async fn tree(ctx: &SyncCtx, shop: &Shop, force: bool) -> SyncResult<CategoryTree> {
    let (version, locale) = (version_for(shop), locale_for(shop));
    let now = ctx.now();
    if !force
        && let Some(t) = ctx.store.category_tree(&shop.id, version, locale)?.filter(|t| now - t.fetched_at < TREE_TTL)
    {
        return Ok(t);
    }
    let categories = ctx.api.get_categories(&shop_ref(shop), version, locale, None).await?;
    let t = CategoryTree {
        shop_id: shop.id.clone(),
        version: version.into(),
        locale: locale.into(),
        fetched_at: now,
        categories,
    };
    ctx.store.write(|w| listing::put_category_tree(w, &t))?;
    ctx.updates.send(Update::Changed(Topic::Mappings(shop.id.clone())));
    Ok(t)
}

/// A category's rules and attributes, from the cache when fresh.
pub async fn requirements(
    ctx: &SyncCtx,
    shop: &Shop,
    category_id: &str,
    force: bool,
) -> SyncResult<CategoryRequirements> {
    let now = ctx.now();
    if !force
        && let Some(r) =
            ctx.store.requirements(&shop.id, category_id)?.filter(|r| now - r.fetched_at < REQUIREMENTS_TTL)
    {
        return Ok(r);
    }
    let (version, locale) = (version_for(shop), locale_for(shop));
    let sr = shop_ref(shop);
    let rules = ctx.api.get_category_rules(&sr, category_id, version, locale).await?;
    let attributes = ctx.api.get_attributes(&sr, category_id, version, locale).await?;
    let r = CategoryRequirements {
        shop_id: shop.id.clone(),
        category_id: category_id.into(),
        fetched_at: now,
        rules,
        attributes,
    };
    ctx.store.write(|w| listing::put_requirements(w, &r))?;
    Ok(r)
}

/// Listing prerequisites (CAT-PRE-PREREQ), checked again after an hour or on request.
pub async fn prerequisites(ctx: &SyncCtx, shop: &Shop, force: bool) -> SyncResult<Prerequisites> {
    let now = ctx.now();
    if !force && let Some(p) = ctx.store.prerequisites(&shop.id)?.filter(|p| now - p.checked_at < PREREQUISITES_TTL) {
        return Ok(p);
    }
    let checks = ctx.api.listing_prerequisites(&shop_ref(shop)).await?;
    let p = Prerequisites { shop_id: shop.id.clone(), checked_at: now, checks };
    ctx.store.write(|w| listing::put_prerequisites(w, &p))?;
    ctx.updates.send(Update::Changed(Topic::Mappings(shop.id.clone())));
    Ok(p)
}

/// Map a product type to a leaf category of the shop's tree (CAT-MAP-PROD).
pub async fn map_category(
    ctx: &SyncCtx,
    shop: &Shop,
    product_type: &str,
    category_id: &str,
) -> SyncResult<CategoryMapping> {
    let t = tree(ctx, shop, false).await?;
    let c = t.get(category_id).ok_or_else(|| {
        SyncError::Invalid(format!("category {category_id} is not in {}'s {} tree", shop.name, t.version))
    })?;
    if !c.is_leaf {
        return Err(SyncError::Invalid(format!(
            "{} ({category_id}) is not a leaf category: map to one of its leaves",
            t.path(category_id)
        )));
    }
    let m = CategoryMapping {
        shop_id: shop.id.clone(),
        product_type: product_type.into(),
        category_id: category_id.into(),
        category_path: t.path(category_id),
        version: t.version.clone(),
    };
    ctx.store.write(|w| listing::map_category(w, &m))?;
    ctx.updates.send(Update::Changed(Topic::Mappings(shop.id.clone())));
    Ok(m)
}

/// Recommend Category for a product from its title, description and main image
/// (CAT-PRE-CATEGORY): the leaf id and its path. The image is converted and uploaded as it
/// would be for listing; a product without a usable local image is asked about by text alone.
pub async fn recommend(ctx: &SyncCtx, shop: &Shop, p: &Product) -> SyncResult<(String, String)> {
    let t = tree(ctx, shop, false).await?;
    let sr = shop_ref(shop);
    let mut images: Vec<&crate::domain::catalog::ProductImage> = p.images.iter().collect();
    images.sort_by_key(|i| i.position);
    let mut uris = Vec::new();
    if let Some(first) = images.first() {
        match crate::sync::catalog::images::prepare(&first.src, crate::sync::catalog::images::UseCase::Main) {
            Ok(prep) => uris.push(
                ctx.api
                    .upload_image(&sr, &prep.file_name, &prep.bytes, crate::sync::catalog::images::UseCase::Main.wire())
                    .await?
                    .uri,
            ),
            Err(e) => tracing::warn!(product = %p.handle, "recommend category without the image {}: {e}", first.src),
        }
    }
    let (leaf, _) = ctx.api.recommend_category(&sr, &p.title, &p.description_html, &uris, &t.version).await?;
    Ok((leaf.clone(), t.path(&leaf)))
}

/// Brands by name prefix (up to 300), authorized ones first. With a category, TikTok also says
/// whether each authorized brand can be used there (Get Brands: "specify this value to obtain
/// an accurate list of brands that you can use in a category").
pub async fn brands(
    ctx: &SyncCtx,
    shop: &Shop,
    prefix: &str,
    only_authorized: bool,
    category_id: Option<&str>,
) -> SyncResult<Vec<Brand>> {
    let q = BrandQuery {
        name_prefix: Some(prefix.to_string()).filter(|p| !p.is_empty()),
        only_authorized,
        version: version_for(shop).into(),
        category_id: category_id.map(String::from),
    };
    let sr = shop_ref(shop);
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..3 {
        let page = ctx.api.get_brands(&sr, &q, 100, token.as_deref()).await?;
        out.extend(page.brands);
        if page.next_page_token.is_empty() {
            break;
        }
        token = Some(page.next_page_token);
    }
    out.sort_by_key(|b| (!b.authorized, b.name.to_lowercase()));
    Ok(out)
}

/// The one category a vendor's products list in on a shop (their product types' mappings), if
/// there is exactly one: brand search then asks about that category.
pub fn vendor_category(ctx: &SyncCtx, shop: &Shop, vendor: &str) -> SyncResult<Option<String>> {
    let maps = ctx.store.category_mappings(Some(&shop.id))?;
    let mut cats: Vec<String> = ctx
        .store
        .products(Some(&shop.store), None, usize::MAX)?
        .iter()
        .filter(|p| p.vendor == vendor)
        .filter_map(|p| maps.iter().find(|m| m.product_type == p.product_type).map(|m| m.category_id.clone()))
        .collect();
    cats.sort();
    cats.dedup();
    Ok(if cats.len() == 1 { cats.pop() } else { None })
}

/// Find brand `brand_id` through Get Brands, which has no lookup by id: among the shop's
/// authorized brands, then by each name hint as a prefix, then (capped) the whole list.
async fn find_brand(ctx: &SyncCtx, shop: &Shop, brand_id: &str, hints: &[&str]) -> SyncResult<Option<Brand>> {
    let sr = shop_ref(shop);
    let mut queries: Vec<(Option<String>, bool, usize)> = vec![(None, true, 20)];
    queries.extend(hints.iter().filter(|h| !h.trim().is_empty()).map(|h| (Some(h.trim().to_string()), false, 10)));
    queries.push((None, false, 30));
    for (prefix, only_authorized, pages) in queries {
        let q = BrandQuery {
            name_prefix: prefix,
            only_authorized,
            version: version_for(shop).into(),
            ..BrandQuery::default()
        };
        let mut token: Option<String> = None;
        for _ in 0..pages {
            let page = ctx.api.get_brands(&sr, &q, 100, token.as_deref()).await?;
            if let Some(b) = page.brands.into_iter().find(|b| b.id == brand_id) {
                return Ok(Some(b));
            }
            if page.next_page_token.is_empty() {
                break;
            }
            token = Some(page.next_page_token);
        }
    }
    Ok(None)
}

/// Map a vendor to a brand (CAT-PRE-BRANDS); unauthorized T1 brands cannot be used. `name` is
/// the brand's name when known (the console's pick), used to find it quickly.
pub async fn map_brand(
    ctx: &SyncCtx,
    shop: &Shop,
    vendor: &str,
    brand_id: &str,
    name: Option<&str>,
) -> SyncResult<BrandMapping> {
    let hints: Vec<&str> = name.into_iter().chain([vendor]).collect();
    let b = find_brand(ctx, shop, brand_id, &hints).await?.ok_or_else(|| {
        SyncError::Invalid(format!(
            "brand {brand_id} is not one {} can use (not found among its authorized brands, brands named like {}, or \
                the first 3,000): check the id with tokshop brands search, or pass --name",
            shop.name,
            hints.iter().map(|h| format!("{h:?}")).collect::<Vec<_>>().join(" or ")
        ))
    })?;
    if !b.selectable() {
        return Err(SyncError::Invalid(format!(
            "{} is a well-known (T1) brand {} is not authorized to sell: apply for it in Seller Center, or choose \
                another",
            b.name, shop.name
        )));
    }
    let m = BrandMapping { shop_id: shop.id.clone(), vendor: vendor.into(), brand_id: b.id, brand_name: b.name };
    ctx.store.write(|w| listing::map_brand(w, &m))?;
    ctx.updates.send(Update::Changed(Topic::Mappings(shop.id.clone())));
    Ok(m)
}

/// Create a custom brand (TikTok: 2-30 characters, at most 50 a day and 1,000 in all) and map
/// the vendor to it.
pub async fn create_brand(ctx: &SyncCtx, shop: &Shop, vendor: &str, name: &str) -> SyncResult<BrandMapping> {
    let id = ctx.api.create_brand(&shop_ref(shop), name).await?;
    let m = BrandMapping { shop_id: shop.id.clone(), vendor: vendor.into(), brand_id: id, brand_name: name.into() };
    ctx.store.write(|w| listing::map_brand(w, &m))?;
    ctx.updates.send(Update::Changed(Topic::Mappings(shop.id.clone())));
    Ok(m)
}
