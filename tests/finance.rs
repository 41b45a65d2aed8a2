//! Finance against the sandbox over loopback: every total the store keeps equals the
//! sandbox's to the cent (USD and GBP), the reconciliation finds exactly the broken statement
//! and the failed payment, a statement TikTok changes is pulled again, page tokens with `+`,
//! `/` and `=` survive, and a sync cut short resumes with nothing doubled.

use crate::common::*;
use rust_decimal::Decimal;
use tokshop::domain::finance::Totals;
use tokshop::sandbox::SandboxHandle;
use tokshop::sandbox::faults::Faults;
use tokshop::sandbox::seed::Seed;
use tokshop::store::finance::read::StatementFilter;
use tokshop::sync::SyncCtx;
use tokshop::sync::finance;

pub async fn demo() -> (SandboxHandle, tempfile::TempDir, SyncCtx, Vec<tokshop::domain::shop::Shop>) {
    let sb = sandbox(Seed::Demo).await;
    sb.finance_demo();
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let shops = connect(&ctx, &sb, "maomao", "Maomao Beauty").await;
    for s in &shops {
        tokshop::sync::orders::sync_shop(&ctx, s, &ctx.orders).await.expect("orders");
    }
    (sb, dir, ctx, shops)
}

fn all(ctx: &SyncCtx, shop: &str) -> Vec<tokshop::domain::finance::Statement> {
    ctx.store.statements(&StatementFilter { shop_id: Some(shop.into()), ..Default::default() }).expect("statements")
}

/// Every statement of the shop: stored totals and stored transaction sums equal the
/// sandbox's own sums of its transactions, component by component.
fn assert_matches_sandbox(sb: &SandboxHandle, ctx: &SyncCtx, shop: &str) -> usize {
    let ids = sb.statements(shop);
    let stored = all(ctx, shop);
    assert_eq!(stored.len(), ids.len(), "every statement stored");
    for s in &stored {
        let want = sb.statement_sums(shop, &s.id).expect("sandbox statement");
        let sums = ctx.store.statement_sums(&s.id).expect("sums").expect("pulled");
        let t = &sums.totals;
        assert_eq!([t.revenue, t.shipping, t.fee_tax, t.adjustment, t.reserve, t.settlement], want, "{}", s.id);
        assert_eq!(s.totals.reserve, want[4]);
    }
    stored.len()
}

#[tokio::test]
async fn demo_money_matches_the_sandbox_to_the_cent_in_usd_and_gbp() {
    let (sb, _d, ctx, shops) = demo().await;
    let mut currencies = Vec::new();
    for shop in &shops {
        let st = finance::sync_shop(&ctx, shop, None).await.expect("finance sync");
        assert!(st.statements > 20, "three months of statements: {st:?}");
        assert_eq!(st.pulled, st.statements);
        assert!(assert_matches_sandbox(&sb, &ctx, &shop.id) > 20);
        currencies.push(all(&ctx, &shop.id)[0].currency.clone());
        let r = ctx.store.reconcile(&shop.id, None, None).expect("reconcile");
        // The demo's one statement whose totals are 1.00 off its transactions.
        let stmt: Vec<_> = r.breaks.iter().filter(|b| b.link == "statement").collect();
        assert_eq!(stmt.len(), 2, "revenue and settlement of the skewed statement: {stmt:?}");
        assert!(stmt.iter().all(|b| b.difference() == Decimal::ONE));
        assert!(r.breaks.iter().any(|b| b.link == "payment" && b.what == "status"), "the failed payment");
        for kind in ["sample", "reserve", "adjustment"] {
            assert!(r.flags.iter().any(|f| f.kind == kind), "flag {kind}: {:?}", r.flags);
        }
        // No order delivered is lost between settled and unsettled.
        assert!(!r.breaks.iter().any(|b| b.link == "order"), "{:?}", r.breaks);
        // Cross-border: paid in CNY at the payment's rate.
        let p = &ctx.store.payments(Some(&shop.id)).expect("payments")[0];
        assert_eq!(p.currency, "CNY");
        assert_ne!(p.exchange_rate, Decimal::ONE);
        let inbox = ctx.store.open_attention().expect("inbox");
        assert!(inbox.iter().any(|i| i.key == format!("recon:{}", shop.id)));
        assert!(inbox.iter().any(|i| i.key.starts_with("payment-failed:")));
    }
    currencies.sort();
    assert_eq!(currencies, ["GBP", "USD"]);
}

#[tokio::test]
async fn a_statement_changed_by_tiktok_is_pulled_again() {
    let (sb, _d, ctx, shops) = demo().await;
    let shop = &shops[0];
    finance::sync_shop(&ctx, shop, None).await.expect("sync");
    let (_, id) = sb.statements(&shop.id).last().cloned().expect("a statement");
    let before = ctx.store.statement(&id).expect("get").expect("stored").totals;
    assert!(sb.amend_statement(&shop.id, &id, "PLATFORM_PENALTY", Decimal::new(-1234, 2)));
    let again = finance::sync_shop(&ctx, shop, None).await.expect("sync again");
    assert_eq!(again.pulled, 1, "only the changed statement is pulled again");
    let after = ctx.store.statement(&id).expect("get").expect("stored").totals;
    assert_eq!(after.adjustment - before.adjustment, Decimal::new(-1234, 2));
    assert_eq!(after.settlement - before.settlement, Decimal::new(-1234, 2));
    assert_matches_sandbox(&sb, &ctx, &shop.id);
    let txs = ctx.store.statement_transactions(&id).expect("txs");
    assert!(txs.iter().any(|t| t.kind == "PLATFORM_PENALTY"));
}

#[tokio::test]
async fn page_tokens_with_plus_slash_and_equals_survive() {
    let (_sb, _d, ctx, shops) = demo().await;
    let sr = tokshop::sync::orders::poll::shop_ref(&shops[0]);
    let mut token: Option<String> = None;
    let mut seen = Vec::new();
    let mut tokens = String::new();
    loop {
        let p = ctx.api.get_statements(&sr, 0, None, 1, token.as_deref()).await.expect("page");
        seen.extend(p.items.into_iter().map(|s| s.id));
        if p.next_page_token.is_empty() {
            break;
        }
        tokens.push_str(&p.next_page_token);
        token = Some(p.next_page_token);
    }
    assert!(tokens.contains('=') && (tokens.contains('+') || tokens.contains('/')), "{tokens}");
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique, seen, "no statement twice");
    assert!(seen.len() > 20);
}

#[tokio::test]
async fn a_sync_cut_short_resumes_with_nothing_doubled() {
    let (sb, _d, ctx, shops) = demo().await;
    let shop = &shops[1];
    sb.set_faults(Faults { error_rate: 0.3, ..Faults::default() });
    let mut failures = 0;
    for _ in 0..6 {
        if finance::sync_shop(&ctx, shop, None).await.is_err() {
            failures += 1;
        }
    }
    sb.set_faults(Faults::default());
    finance::sync_shop(&ctx, shop, None).await.expect("clean sync");
    let _ = failures;
    assert_matches_sandbox(&sb, &ctx, &shop.id);
    let n = ctx.store.payments(Some(&shop.id)).expect("payments").len();
    finance::sync_shop(&ctx, shop, None).await.expect("again");
    assert_eq!(ctx.store.payments(Some(&shop.id)).expect("payments").len(), n);
}

#[tokio::test]
async fn an_order_settles_to_the_sku_and_totals_add_up() {
    let (_sb, _d, ctx, shops) = demo().await;
    let shop = &shops[0];
    finance::sync_shop(&ctx, shop, None).await.expect("sync");
    let s = all(&ctx, &shop.id).remove(0);
    let txs = ctx.store.statement_transactions(&s.id).expect("txs");
    let order = txs.iter().find(|t| t.kind == "ORDER").expect("an order").order_id.clone();
    // An order of a statement months old is read when someone opens it (a year's backfill costs
    // a call per statement, not per order) ...
    assert_eq!(ctx.store.order_money(&order).expect("read"), None);
    // ... and an order in a recent statement has its money read with it, before anyone opens it.
    let newest = all(&ctx, &shop.id).into_iter().max_by_key(|s| s.time).expect("a statement");
    let recent = ctx.store.statement_transactions(&newest.id).expect("txs");
    let fresh = recent.iter().find(|t| t.kind == "ORDER").expect("an order").order_id.clone();
    assert!(ctx.store.order_money(&fresh).expect("read").is_some(), "read with its statement");
    let m = finance::fetch_order(&ctx, shop, &order).await.expect("order money");
    let mut sum = Totals::default();
    for k in &m.skus {
        sum.add(&k.totals);
        assert!(k.quantity >= 1);
    }
    assert_eq!(sum.settlement, m.totals.settlement);
    let tx_sum: Decimal =
        txs.iter().filter(|t| t.order_id == order && t.kind == "ORDER").map(|t| t.totals.settlement).sum();
    assert_eq!(tx_sum, m.totals.settlement);
    // What the order detail's money section reads: the money kept and the statement it settled in.
    assert_eq!(ctx.store.order_money(&order).expect("read"), Some(m.clone()));
    assert_eq!(ctx.store.settled_in(&shop.id, &order).expect("read"), Some(s.id.clone()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_finance_sync_resumes_with_nothing_doubled() {
    use crate::common::bin::{Env, stderr};
    let sb = sandbox(Seed::Demo).await;
    sb.finance_demo();
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    // Slow calls, and the plug pulled once a few dozen have been served: mid-sync.
    sb.set_faults(Faults { latency_ms: 40, ..Faults::default() });
    sb.reset_call_log();
    let mut child = env.command(&["finance", "sync"]).spawn().expect("spawn");
    wait_until("finance calls under way", || sb.call_log().calls >= 30).await;
    assert!(child.try_wait().expect("wait").is_none(), "still syncing when killed");
    assert!(std::process::Command::new("kill").args(["-9", &child.id().to_string()]).status().expect("kill").success());
    let _ = tokio::task::spawn_blocking(move || child.wait()).await;
    sb.set_faults(Faults::default());
    let o = env.run_async(&["finance", "sync"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    // Every statement's stored sums equal the sandbox's: nothing lost, nothing counted twice.
    let ctx = sync_ctx(&sb, &env.data_dir());
    let shops = sb.sellers().iter().find(|s| s.1 == "Maomao Beauty").map(|s| s.2.clone()).unwrap_or_default();
    assert_eq!(shops.len(), 2, "{:?}", sb.sellers());
    for shop in shops {
        assert!(assert_matches_sandbox(&sb, &ctx, &shop) > 0);
    }
    sb.shutdown();
}
