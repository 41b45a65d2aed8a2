//! Pushing stock and price to live listings (CAT-POST-INVENTORY, CAT-POST-PRICE): performs a
//! shop's `PushListings` outbox item. It claims the products changed since the last push, reads
//! what TikTok shows (Inventory Search, 100 products a call; Get Product for a price about to
//! change), works out each SKU's target from the platform (stock less what open orders hold, by
//! the shop's rules; price from the listing settings or the platform), and sends only what
//! differs: one Update Inventory and one Update Price per product at most, whatever the number
//! of changes since. What TikTok changed on its own is drift: reported, not overwritten. A crash
//! anywhere leaves the products marked until their outcome is recorded; the retry reads first,
//! so TikTok gets each value once.

use crate::api::inventory::{PRICE_LOCKED, SEARCH_BATCH};
use crate::api::{ApiError, ErrorClass};
use crate::domain::catalog::Product;
use crate::domain::listing::Listing;
use crate::domain::listing_sync::{LiveSync, Plan, SkuValues, StockRules, Target, plan};
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::store::listing_sync as live;
use crate::sync::SyncCtx;
use crate::sync::catalog::listing::currency_for;
use crate::sync::orders::shop_ref;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// Calls in flight per shop during a push (the limiter still spaces them at the shop's rate).
const IN_FLIGHT: usize = 8;

/// What happened to one product in a push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductOutcome {
    pub product_id: String,
    pub handle: String,
    /// pushed, unchanged, drift, refused, retry, skipped.
    pub kind: &'static str,
    pub note: String,
    pub calls: u32,
}

/// One push of a shop: every product's outcome, and the retryable error that keeps some queued.
#[derive(Debug, Default)]
pub struct PushReport {
    pub outcomes: Vec<ProductOutcome>,
    pub retry: Option<ApiError>,
}

impl PushReport {
    pub fn count(&self, kind: &str) -> usize {
        self.outcomes.iter().filter(|o| o.kind == kind).count()
    }

    pub fn summary(&self) -> String {
        let calls: u32 = self.outcomes.iter().map(|o| o.calls).sum();
        format!(
            "{} product(s): {} pushed, {} unchanged, {} drift, {} refused, {} to retry ({calls} write call(s))",
            self.outcomes.len(),
            self.count("pushed"),
            self.count("unchanged"),
            self.count("drift"),
            self.count("refused"),
            self.count("retry"),
        )
    }
}

fn shop_lock(shop_id: &str) -> Arc<tokio::sync::Mutex<()>> {
    static LOCKS: OnceLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    let m = LOCKS.get_or_init(Mutex::default);
    match m.lock() {
        Ok(mut g) => g.entry(shop_id.to_string()).or_default().clone(),
        Err(_) => Arc::default(),
    }
}

fn io(e: impl std::fmt::Display) -> ApiError {
    ApiError::transport("stock and price push", e.to_string(), None)
}

/// Perform a `PushListings` item: the note says what was pushed; a retryable failure of some
/// products leaves them marked and the item is retried.
pub async fn perform(ctx: &SyncCtx, intent: &OutboxIntent) -> Result<String, ApiError> {
    let OutboxIntent::PushListings { shop_id, batch } = intent else { return Ok(String::new()) };
    let lock = shop_lock(shop_id);
    let _one_at_a_time = lock.lock().await;
    let claimed = ctx.store.write(|t| live::claim(t, shop_id, *batch)).map_err(io)?;
    let shop = ctx.store.get_shop(shop_id).map_err(io)?;
    let Some(shop) = shop.filter(|s| s.status.syncs()) else {
        return Err(ApiError::decode(
            "stock and price push",
            format!("shop {shop_id} is not connected or not syncing: {} product(s) wait for it", claimed.len()),
            None,
        ));
    };
    if claimed.is_empty() {
        return Ok("nothing changed since the last push".into());
    }
    let report = push(ctx, &shop, claimed).await;
    ctx.updates.send(crate::sync::Update::Changed(crate::sync::Topic::Listings(shop.id.clone())));
    let summary = report.summary();
    match report.retry {
        Some(e) => Err(ApiError { message: format!("{summary}; {}", e.message), ..e }),
        None => Ok(summary),
    }
}

/// Push the given products (id, change sequence) of a shop and record each outcome.
pub async fn push(ctx: &SyncCtx, shop: &Shop, products: Vec<(String, u64)>) -> PushReport {
    let mut report = PushReport::default();
    let rules = ctx.store.stock_rules(&shop.id).unwrap_or_default();
    let total = products.len() as u64;
    let mut gauge = (products.len() >= crate::sync::progress::LONG).then(|| {
        let label = format!("Stock and price push to {}", shop.name);
        crate::sync::progress::Tracker::new(&ctx.updates, format!("push {}", shop.id), label, "products")
    });
    for chunk in products.chunks(SEARCH_BATCH) {
        if let Some(g) = gauge.as_mut() {
            g.report(report.outcomes.len() as u64, Some(total), false);
        }
        let ids: Vec<String> = chunk.iter().map(|(p, _)| p.clone()).collect();
        let theirs = match ctx.api.inventory_search(&shop_ref(shop), &ids).await {
            Ok(t) => t,
            Err(e) => {
                for (p, _) in chunk {
                    report.outcomes.push(ProductOutcome {
                        product_id: p.clone(),
                        handle: String::new(),
                        kind: "retry",
                        note: e.to_string(),
                        calls: 0,
                    });
                }
                if e.class == ErrorClass::Retryable {
                    report.retry = Some(e);
                } else {
                    report.retry.get_or_insert(e);
                }
                continue;
            }
        };
        let mut done: Vec<(LiveSync, u64, ProductOutcome)> = Vec::with_capacity(chunk.len());
        for group in chunk.chunks(IN_FLIGHT) {
            let jobs = group.iter().map(|(pid, seq)| {
                let now_there = theirs.get(pid).cloned().unwrap_or_default();
                let rules = &rules;
                async move {
                    let (state, outcome) = push_one(ctx, shop, pid, now_there, rules).await;
                    (state, *seq, outcome)
                }
            });
            done.extend(futures::future::join_all(jobs).await);
        }
        let res = ctx.store.write(|t| {
            for (state, seq, outcome) in &done {
                let pushed = (outcome.kind != "retry").then_some(*seq);
                live::record(t, state, pushed)?;
            }
            Ok(())
        });
        if let Err(e) = res {
            report.retry = Some(io(e));
        }
        for (_, _, o) in done {
            if o.kind == "retry" && report.retry.is_none() {
                report.retry = Some(ApiError::transport("stock and price push", o.note.clone(), None));
            }
            report.outcomes.push(o);
        }
    }
    if let Some(g) = gauge.as_mut() {
        g.finish(report.outcomes.len() as u64);
    }
    report
}

/// What tokshop wants each TikTok SKU of a listing to show.
pub fn targets(ctx: &SyncCtx, shop: &Shop, l: &Listing, p: &Product, rules: &StockRules) -> Vec<Target> {
    let draft = ctx.store.draft(&shop.id, &l.store, &l.handle).ok().flatten().unwrap_or_default();
    let same_currency = p.currency.eq_ignore_ascii_case(currency_for(shop));
    l.skus
        .iter()
        .filter_map(|k| {
            let sku = l.sku_links.get(&k.id).cloned().unwrap_or_else(|| k.seller_sku.clone());
            let v = p.variants.iter().find(|v| v.sku == sku)?;
            let held = ctx.store.held(&p.store, &sku).unwrap_or(0);
            let price = draft.prices.get(&sku).copied().or_else(|| same_currency.then_some(v.price));
            Some(Target {
                sku_id: k.id.clone(),
                seller_sku: k.seller_sku.clone(),
                quantity: rules.listed(v.inventory - held),
                price,
            })
        })
        .collect()
}

fn outcome(state: &LiveSync, kind: &'static str, note: impl Into<String>, calls: u32) -> ProductOutcome {
    ProductOutcome {
        product_id: state.product_id.clone(),
        handle: state.handle.clone(),
        kind,
        note: note.into(),
        calls,
    }
}

async fn push_one(
    ctx: &SyncCtx,
    shop: &Shop,
    pid: &str,
    mut theirs: BTreeMap<String, SkuValues>,
    rules: &StockRules,
) -> (LiveSync, ProductOutcome) {
    let now = ctx.now();
    let listing = ctx.store.listing(&shop.id, pid).ok().flatten();
    let mut state = ctx.store.live_sync(&shop.id, pid).ok().flatten().unwrap_or_default();
    state.shop_id.clone_from(&shop.id);
    state.product_id = pid.to_string();
    let Some(l) = listing.filter(|l| l.status == "ACTIVATE" && !l.handle.is_empty()) else {
        return (state.clone(), outcome(&state, "skipped", "not live on TikTok: nothing sent", 0));
    };
    state.store.clone_from(&l.store);
    state.handle.clone_from(&l.handle);
    let Some(p) = ctx.store.get_product(&l.store, &l.handle).ok().flatten() else {
        return (state.clone(), outcome(&state, "skipped", "no platform product any more: nothing sent", 0));
    };
    let wanted = targets(ctx, shop, &l, &p, rules);
    let force = std::mem::take(&mut state.push_ours);
    let mut calls = 0;
    // A price about to change is read first (Inventory Search carries none); otherwise the
    // price last pushed stands for TikTok's.
    let price_moves = !state.stops.price
        && wanted
            .iter()
            .any(|t| t.price.is_some() && (force || state.pushed.get(&t.sku_id).and_then(|v| v.price) != t.price));
    if price_moves {
        match ctx.api.sku_prices(&shop_ref(shop), pid).await {
            Ok(prices) => {
                for (sku, price) in prices {
                    theirs.entry(sku).or_default().price = Some(price);
                }
            }
            Err(e) => return (state.clone(), failed(&state, e, calls)),
        }
    } else {
        for (sku, v) in theirs.iter_mut() {
            v.price = state.pushed.get(sku).and_then(|p| p.price).or(state.theirs.get(sku).and_then(|p| p.price));
        }
    }
    let plan: Plan = plan(&wanted, &theirs, &state.pushed, state.stops, force, now);
    let mut notes = Vec::new();
    let mut refused = Vec::new();
    if !plan.stock.is_empty() {
        calls += 1;
        match ctx.api.update_inventory(&shop_ref(shop), pid, &plan.stock).await {
            Ok(errors) if errors.is_empty() => {
                notes.push(stock_note(&plan, &theirs));
                for (sku, whs) in &plan.stock {
                    let v = theirs.entry(sku.clone()).or_default();
                    v.warehouses.clone_from(whs);
                }
            }
            Ok(errors) => refused.extend(errors),
            Err(e) if e.class == ErrorClass::Retryable => return (state.clone(), failed(&state, e, calls)),
            Err(e) => refused.push(e.to_string()),
        }
    }
    if !plan.price.is_empty() {
        calls += 1;
        match ctx.api.update_price(&shop_ref(shop), pid, &plan.price, currency_for(shop)).await {
            Ok(()) => {
                notes.push(format!(
                    "price {}",
                    plan.price.values().map(|p| format!("{p} {}", currency_for(shop))).collect::<Vec<_>>().join(", ")
                ));
                for (sku, price) in &plan.price {
                    theirs.entry(sku.clone()).or_default().price = Some(*price);
                }
            }
            Err(e) if e.code.is_some_and(|c| PRICE_LOCKED.contains(&c)) => refused.push(format!(
                "price locked by a promotion on TikTok ({}): not retried; the next change after it ends is pushed",
                e.code.unwrap_or_default()
            )),
            Err(e) if e.class == ErrorClass::Retryable => return (state.clone(), failed(&state, e, calls)),
            Err(e) => refused.push(e.to_string()),
        }
    }
    // What TikTok now shows is the new basis for drift, except where it drifted.
    for t in &wanted {
        if plan.drift.iter().any(|d| d.sku_id == t.sku_id) || refused.iter().any(|r| r.contains(&t.sku_id)) {
            continue;
        }
        if let Some(v) = theirs.get(&t.sku_id) {
            state.pushed.insert(t.sku_id.clone(), v.clone());
        }
    }
    state.theirs = theirs;
    state.drift.clone_from(&plan.drift);
    state.read_at = now;
    state.last_push_at = now;
    let (kind, note) = if !refused.is_empty() {
        ("refused", refused.join("; "))
    } else if !plan.drift.is_empty() {
        ("drift", drift_note(&plan))
    } else if notes.is_empty() {
        ("unchanged", "TikTok already shows the platform's values".to_string())
    } else {
        ("pushed", notes.join("; "))
    };
    state.last_outcome.clone_from(&note);
    state.last_kind = kind.to_string();
    let o = outcome(&state, kind, note, calls);
    (state, o)
}

fn failed(state: &LiveSync, e: ApiError, calls: u32) -> ProductOutcome {
    let kind = if e.class == ErrorClass::Retryable { "retry" } else { "refused" };
    outcome(state, kind, e.to_string(), calls)
}

fn stock_note(plan: &Plan, before: &BTreeMap<String, SkuValues>) -> String {
    let parts: Vec<String> = plan
        .stock
        .iter()
        .map(|(sku, whs)| {
            let old = before.get(sku).map(SkuValues::available).unwrap_or(0);
            let seller = before.get(sku).map(|v| v.seller_sku.as_str()).unwrap_or(sku);
            format!("{seller} {old} → {}", whs.values().sum::<i64>())
        })
        .collect();
    format!("stock {}", parts.join(", "))
}

fn drift_note(plan: &Plan) -> String {
    let parts: Vec<String> = plan
        .drift
        .iter()
        .map(|d| format!("{} {}: TikTok {} vs ours {}", d.seller_sku, d.field, d.theirs, d.ours))
        .collect();
    format!("drift, not overwritten ({})", parts.join("; "))
}

/// How often every live product's stock is read back for drift (Inventory Search, 100 products
/// a call), besides the read before every push.
const DRIFT_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Run the background drain (stock and price pushes) until cancelled: every 250 ms, so a change
/// reaches TikTok within about a second at idle; and hourly, a stock read-back for drift.
pub async fn run(ctx: SyncCtx, cancel: tokio_util::sync::CancellationToken) {
    let mut next_check = std::time::Instant::now() + DRIFT_EVERY;
    loop {
        crate::sync::outbox::drain_background(&ctx, None).await;
        if std::time::Instant::now() >= next_check {
            next_check = std::time::Instant::now() + DRIFT_EVERY;
            for shop in ctx.store.list_shops().unwrap_or_default().into_iter().filter(|s| s.status.syncs()) {
                if let Err(e) = super::drift::check(&ctx, &shop, false).await {
                    tracing::warn!("reading back the stock of {} failed: {e}", shop.name);
                }
            }
        }
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = tokio::time::sleep(std::time::Duration::from_millis(250)) => {}
        }
    }
}
