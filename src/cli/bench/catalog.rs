//! Catalogue and listing benchmarks:
//!
//! - `catalog-import`: a generated Shopify product CSV of N variants read, parsed and imported
//!   into a fresh redb store (the `tokshop catalog import` path), then imported again unchanged.
//! - `category-search`: the US shop's v2 tree (about 11,000 nodes) pulled from the sandbox, then
//!   queries typed one key at a time into the category picker: per keystroke, the fuzzy search
//!   alone and the whole key-to-frame (search + render at 120x40).
//! - `listing`: N products listed through the outbox against the sandbox with a QPS limit on
//!   both sides: calls per second against the limit, and 429 answers after the first second.

use crate::cli::bench::sync::sandbox_with_shop;
use crate::cli::bench::{ms, pct};
use crate::cli::session::CliError;
use crate::domain::catalog::{Dimensions, Product};
use crate::domain::listing::{Hazmat, ListingDraft};
use crate::sandbox::faults::Faults;
use crate::store::Store;
use crate::sync::catalog::{self, file as catalog_file, listing};
use crate::sync::outbox;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const HEADER: &str = "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Option2 Name,Option2 \
    Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,Variant Barcode,\
    Image Src,Image Position,Variant Weight Unit";

/// A Shopify export of `variants` rows: products of 5 variants (size x colour), one image each.
fn shopify_csv(variants: usize) -> String {
    let mut out = String::with_capacity(variants * 160);
    out.push_str(HEADER);
    out.push('\n');
    let sizes = ["XS", "S", "M", "L", "XL"];
    for i in 0..variants {
        let (p, v) = (i / 5, i % 5);
        if v == 0 {
            let _ = write!(
                out,
                "product-{p},Trail Product {p},\"<p>Product {p}, built for the trail.</p>\",Northwind \
                    Outfitters,Jackets,\"outdoor, Material: Nylon\",Size,{},Color,Navy,",
                sizes[v]
            );
        } else {
            let _ = write!(out, "product-{p},,,,,,,{},,Navy,", sizes[v]);
        }
        let image = if v == 0 { format!("images/p{p}.jpg,1") } else { ",".to_string() };
        let _ = writeln!(
            out,
            "NW-{p}-{},{},{},{}.00,,{:013},{image},g",
            sizes[v],
            300 + v,
            10 + v,
            40 + p % 50,
            5_000_000_000_000u64 + i as u64
        );
    }
    out
}

pub fn catalog_import(variants: usize) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| CliError::failed(e.to_string()))?;
    let file = dir.join("products.csv");
    std::fs::write(&file, shopify_csv(variants)).map_err(|e| CliError::failed(e.to_string()))?;
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let store = Store::open(&dir.join("data"))?;
    let t = Instant::now();
    let (products, errors) = catalog_file::read(&file, None, "bench", "USD").map_err(CliError::failed)?;
    let parsed = t.elapsed();
    let stats = store.import_products(&products, 1)?;
    let total = t.elapsed();
    let t2 = Instant::now();
    let (again, _) = catalog_file::read(&file, None, "bench", "USD").map_err(CliError::failed)?;
    let re = store.import_products(&again, 2)?;
    let second = t2.elapsed();
    crate::outln!(
        "catalog-import: {variants} variants, {} products, {:.1} MB of CSV, {} refused rows",
        products.len(),
        size as f64 / 1e6,
        errors.len()
    );
    crate::outln!(
        "  first import: {:.2} s (read + parse {:.2} s, store {:.2} s) = {:.0} variants/s; {} added",
        total.as_secs_f64(),
        parsed.as_secs_f64(),
        (total - parsed).as_secs_f64(),
        variants as f64 / total.as_secs_f64(),
        stats.added
    );
    crate::outln!(
        "  same file again: {:.2} s; {} unchanged, {} updated",
        second.as_secs_f64(),
        re.unchanged,
        re.updated
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

pub async fn category_search() -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-categories-{}", std::process::id()));
    let (sb, ctx, shop) = sandbox_with_shop(&dir, 0).await?;
    let t = Instant::now();
    let tree = catalog::tree(&ctx, &shop, true).await?;
    let fetched = t.elapsed();
    let leaves = tree.categories.iter().filter(|c| c.is_leaf).count();
    let t = Instant::now();
    let mut picker = crate::ui::overlays::category_picker::CategoryPicker::new(&shop.id, "Jackets", tree.clone());
    let opened = t.elapsed();
    crate::outln!(
        "category-search: {} tree of {} nodes ({leaves} leaves), pulled in {}; picker opened (index built) in {}",
        tree.version,
        tree.categories.len(),
        ms(fetched),
        ms(opened)
    );
    let queries = [
        "rain jacket",
        "mens puffer",
        "face serum",
        "camping mug",
        "bike light",
        "kids trainers",
        "phone case",
        "yoga mat",
    ];
    let mut index = crate::domain::category_search::CategoryIndex::new(&tree);
    let mut search = Vec::new();
    let mut first_key = Vec::new();
    let mut frame = Vec::new();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))
        .map_err(|e| CliError::failed(e.to_string()))?;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for _ in 0..5 {
        for q in queries {
            for end in 1..=q.len() {
                let t = Instant::now();
                let hits = index.search(&q[..end], 200);
                search.push(t.elapsed());
                if end == 1 {
                    first_key.push(t.elapsed());
                }
                std::hint::black_box(hits);
            }
            for c in q.chars() {
                let t = Instant::now();
                picker.choose_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                term.draw(|f| picker.draw(f, f.area())).map_err(|e| CliError::failed(e.to_string()))?;
                frame.push(t.elapsed());
            }
            for _ in q.chars() {
                picker.choose_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
        }
    }
    search.sort();
    first_key.sort();
    frame.sort();
    crate::outln!(
        "  search per keystroke ({} keystrokes): p50 {} p99 {} max {}",
        search.len(),
        ms(pct(&search, 0.5)),
        ms(pct(&search, 0.99)),
        ms(pct(&search, 1.0))
    );
    crate::outln!(
        "  of which first keystrokes (every leaf scored): p50 {} max {}",
        ms(pct(&first_key, 0.5)),
        ms(pct(&first_key, 1.0))
    );
    crate::outln!(
        "  key to frame (search + render 120x40): p50 {} p99 {} max {}",
        ms(pct(&frame, 0.5)),
        ms(pct(&frame, 0.99)),
        ms(pct(&frame, 1.0))
    );
    sb.shutdown();
    drop(ctx);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn bench_products(n: usize, image: &str) -> Vec<Product> {
    let text = serde_json::json!({"products": (0..n).map(|i| serde_json::json!({
        "handle": format!("mug-{i}"), "title": format!("Enamel Camping Mug {i}"), "description_html": "<p>A \
            chip-resistant enamel mug.</p>",
        "vendor": "Northwind", "product_type": "Mugs", "images": [{"src": image, "position": 1}],
        "variants": [{"sku": format!("NW-MUG-{i}"), "price": "12.50", "inventory": 40, "weight_grams": "250"}]
    })).collect::<Vec<_>>()})
    .to_string();
    crate::domain::catalog::parse_json(&text, "bench", "USD").0
}

pub async fn listing_run(n: usize, qps: u32) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-listing-{}", std::process::id()));
    let (sb, ctx, shop) = sandbox_with_shop(&dir, qps).await?;
    let image = dir.join("mug.jpg");
    image::RgbImage::from_fn(800, 800, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 120]))
        .save(&image)
        .map_err(|e| CliError::failed(e.to_string()))?;
    let products = bench_products(n, &image.display().to_string());
    ctx.store.import_products(&products, ctx.now())?;
    // Warm-up: the tree, the category's rules and the prerequisites are pulled once and cached.
    let (leaf, _) = catalog::recommend(&ctx, &shop, &products[0]).await?;
    catalog::map_category(&ctx, &shop, "Mugs", &leaf).await?;
    let dims = Dimensions { length: 10.into(), width: 10.into(), height: 9.into() };
    ctx.store.write(|w| {
        for p in &products {
            let d = ListingDraft {
                shop_id: shop.id.clone(),
                store: p.store.clone(),
                handle: p.handle.clone(),
                hazmat: Some(Hazmat::default()),
                package_dimensions_cm: Some(dims.clone()),
                ..ListingDraft::default()
            };
            crate::store::listing::put_draft(w, &d)?;
        }
        Ok(())
    })?;
    let t = Instant::now();
    for p in &products {
        let intent = listing::plan_list(&ctx, &shop, p, false).await?;
        outbox::enqueue(&ctx, intent)?;
    }
    let planned = t.elapsed();
    sb.set_faults(Faults { qps, ..Faults::default() });
    sb.reset_call_log();
    let t = Instant::now();
    while outbox::drain_once(&ctx).await > 0 {}
    let elapsed = t.elapsed();
    let log = sb.call_log();
    let listed = ctx.store.listings(Some(&shop.id))?.len();
    let first = log.first.unwrap_or_else(Instant::now);
    let late_429 = log.limited.iter().filter(|at| at.duration_since(first) > Duration::from_secs(1)).count();
    let rate = log.calls as f64 / elapsed.as_secs_f64();
    crate::outln!("listing: {n} products checked and queued in {:.1} s", planned.as_secs_f64());
    let mut calls = format!(
        "  {listed} listed in {:.1} s: {} API calls (per product: image upload, create, read back), {:.1} calls/s",
        elapsed.as_secs_f64(),
        log.calls,
        rate
    );
    if qps > 0 {
        calls.push_str(&format!(" = {:.0}% of the {qps} QPS limit", 100.0 * rate / f64::from(qps)));
    }
    crate::outln!("{calls}; 429 answers: {} in all, {late_429} after the first second", log.limited.len());
    sb.shutdown();
    drop(ctx);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_generated_csv_parses_with_no_refused_row() {
        let (products, errors) = crate::domain::shopify_csv::parse(&super::shopify_csv(12), "b", "USD");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(products.len(), 3);
        assert_eq!(products.iter().map(|p| p.variants.len()).sum::<usize>(), 12);
    }
}
