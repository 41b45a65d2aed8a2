//! `tokshop bench live-push`: live listings at scale against the in-process sandbox over
//! loopback, with the QPS limit enforced on both sides. Three shops of one store sell the same
//! products (N SKUs, four a product), made in Seller Center and matched; then:
//!
//! - every SKU's stock changes at once (one stock feed): how long until every shop shows it, the
//!   calls per shop against the limit, 429s after the first second, and an order page read
//!   every 200 ms alongside on the fulfilment lane (orders keep syncing);
//! - one SKU changes at idle: from the change to TikTok's answer for every shop (the engine's
//!   background drain polls every 250 ms on top of this);
//! - a drift check of every live SKU of a shop (Inventory Search and Get Product): the share of
//!   the limit it uses.

use crate::cli::bench::{ms, pct};
use crate::cli::session::CliError;
use crate::domain::catalog::{Product, Variant};
use crate::domain::listing::{Listing, Origin};
use crate::domain::shop::Shop;
use crate::domain::tiktok_catalog::RemoteSku;
use crate::sandbox::faults::Faults;
use crate::sandbox::{SandboxHandle, seed::Seed};
use crate::store::{catalog as store_catalog, listing as store_listing};
use crate::sync::catalog::drift;
use crate::sync::shops::connections;
use crate::sync::{SyncCtx, outbox};
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const PER_PRODUCT: usize = 4;

async fn world(dir: &std::path::Path, qps: u32) -> Result<(SandboxHandle, SyncCtx, Vec<Shop>), CliError> {
    let (sb, ctx) = super::sync::sandbox_and_ctx(dir, Seed::Demo, qps).await?;
    let mut shops = Vec::new();
    for seller in ["Maomao Beauty", "Northwind Outfitters"] {
        let code = sb.issue_code(Some(seller)).map_err(CliError::failed)?;
        shops.extend(connections::connect_with_code(&ctx, "bench", &code, None).await?);
    }
    shops.truncate(3);
    Ok((sb, ctx, shops))
}

/// N SKUs in the catalogue and live on every shop (made in Seller Center, matched), pushed once.
async fn seed(sb: &SandboxHandle, ctx: &SyncCtx, shops: &[Shop], skus: usize) -> Result<usize, CliError> {
    let n = skus.div_ceil(PER_PRODUCT);
    let products: Vec<Product> = (0..n)
        .map(|i| Product {
            store: "bench".into(),
            handle: format!("bench-{i:05}"),
            title: format!("Bench product {i}"),
            currency: "USD".into(),
            options: vec!["Size".into()],
            variants: (0..PER_PRODUCT)
                .map(|j| Variant {
                    sku: format!("BN-{i:05}-{j}"),
                    option_values: vec![format!("S{j}")],
                    price: Decimal::new(2000, 2),
                    inventory: 25,
                    ..Variant::default()
                })
                .collect(),
            ..Product::default()
        })
        .collect();
    ctx.store.import_products(&products, ctx.now())?;
    for s in shops {
        let mut listings = Vec::new();
        for p in &products {
            let skus: Vec<(String, String)> = p.variants.iter().map(|v| (v.sku.clone(), "20.00".to_string())).collect();
            let refs: Vec<(&str, &str)> = skus.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let id = sb
                .seller_center_product(&s.id, &p.title, "Mugs", &refs)
                .ok_or_else(|| CliError::failed("the sandbox made no product"))?;
            let json = sb.product_json(&s.id, &id).unwrap_or_default();
            let remote: Vec<RemoteSku> = json["skus"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|k| RemoteSku {
                            id: k["id"].as_str().unwrap_or("").into(),
                            seller_sku: k["seller_sku"].as_str().unwrap_or("").into(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            listings.push(Listing {
                shop_id: s.id.clone(),
                product_id: id,
                store: "bench".into(),
                handle: p.handle.clone(),
                title: p.title.clone(),
                origin: Origin::Matched,
                status: "ACTIVATE".into(),
                audit: "APPROVED".into(),
                skus: remote,
                updated_at: ctx.now(),
                ..Listing::default()
            });
        }
        ctx.store.write(|t| {
            for l in &listings {
                store_listing::put_listing(t, l)?;
            }
            Ok(())
        })?;
    }
    push_all(ctx, shops).await;
    Ok(n)
}

async fn push_all(ctx: &SyncCtx, shops: &[Shop]) {
    loop {
        outbox::drain_background(ctx, None).await;
        let left: usize = shops.iter().map(|s| ctx.store.changed_count(&s.id).unwrap_or(0)).sum();
        if left == 0 {
            return;
        }
        let now = ctx.now();
        let _ = ctx.store.write(|t| {
            for s in shops {
                crate::store::listing_sync::push_now(t, &s.id, now)?;
            }
            Ok(())
        });
    }
}

pub async fn live_push(skus: usize, qps: u32) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-live-push-{}", std::process::id()));
    let (sb, ctx, shops) = world(&dir, qps).await?;
    let t = Instant::now();
    let n = seed(&sb, &ctx, &shops, skus).await?;
    crate::outln!(
        "live-push: {} SKUs ({n} products of {PER_PRODUCT}) live on {} shops, seeded and pushed once in {:.1} s",
        n * PER_PRODUCT,
        shops.len(),
        t.elapsed().as_secs_f64()
    );
    sb.set_faults(Faults { qps, ..Faults::default() });
    // Every SKU changes at once: one feed, one transaction.
    let products = ctx.store.products(Some("bench"), None, usize::MAX)?;
    let before = sb.inventory_calls();
    sb.reset_call_log();
    let t = Instant::now();
    ctx.store.write(|tx| {
        for p in &products {
            let mut p = p.clone();
            for v in &mut p.variants {
                v.inventory = 7;
            }
            store_catalog::put_product(tx, &p)?;
        }
        Ok(())
    })?;
    let marked = t.elapsed();
    let done = AtomicBool::new(false);
    let alongside = super::sync::orders_alongside(&ctx, &shops[0], &done);
    let push = async {
        push_all(&ctx, &shops).await;
        done.store(true, Ordering::Relaxed);
    };
    let ((), mut waits) = tokio::join!(push, alongside);
    let elapsed = t.elapsed();
    let log = sb.call_log();
    let first = log.first.unwrap_or_else(Instant::now);
    let late = log.limited.iter().filter(|at| at.duration_since(first) > Duration::from_secs(1)).count();
    let updates = sb.inventory_calls() - before;
    let ok = shops
        .iter()
        .all(|s| (0..n.min(50)).all(|i| sb.sku_state(&s.id, &format!("BN-{i:05}-0")).map(|x| x.0) == Some(7)));
    crate::outln!(
        "  all {} SKUs changed at once (committed in {}): every shop shows them after {:.1} s; {updates} Update \
         Inventory calls ({} per shop, one per product), {} calls in all, {:.1}/s per shop at a {qps} QPS limit",
        n * PER_PRODUCT,
        ms(marked),
        elapsed.as_secs_f64(),
        updates / shops.len() as u64,
        log.calls,
        log.calls as f64 / elapsed.as_secs_f64() / shops.len() as f64,
    );
    waits.sort();
    crate::outln!(
        "  429 answers: {} in all, {late} after the first second; TikTok equal to the platform (sampled): {ok}; an \
         order page alongside ({} reads): p50 {}, p99 {}, max {}",
        log.limited.len(),
        waits.len(),
        ms(pct(&waits, 0.5)),
        ms(pct(&waits, 0.99)),
        ms(pct(&waits, 1.0))
    );
    // One SKU at idle.
    let mut one = Vec::new();
    for i in 0..20 {
        let mut p = products[i % products.len()].clone();
        p.variants[0].inventory = 8 + i as i64;
        let t = Instant::now();
        ctx.store.write(|tx| store_catalog::put_product(tx, &p))?;
        push_all(&ctx, &shops).await;
        one.push(t.elapsed());
    }
    one.sort();
    crate::outln!(
        "  one SKU at idle, change to TikTok's answer on all {} shops: p50 {}, max {} (plus up to 250 ms for the \
         engine's drain to wake)",
        shops.len(),
        ms(pct(&one, 0.5)),
        ms(pct(&one, 1.0))
    );
    // A drift check of every live SKU of the first shop.
    sb.reset_call_log();
    let t = Instant::now();
    let drifted = drift::check(&ctx, &shops[0], true).await?;
    let elapsed = t.elapsed();
    let rate = sb.call_log().calls as f64 / elapsed.as_secs_f64();
    crate::outln!(
        "  drift check of {} SKUs on one shop: {:.1} s, {rate:.1} calls/s = {:.0}% of the {qps} QPS limit, {} drifted",
        n * PER_PRODUCT,
        elapsed.as_secs_f64(),
        if qps > 0 { 100.0 * rate / f64::from(qps) } else { 0.0 },
        drifted.len()
    );
    sb.shutdown();
    drop(ctx);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
