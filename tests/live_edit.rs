//! Activating, deactivating and editing live products over loopback (CAT-POST-ACTIVATE,
//! CAT-POST-INFO, CAT-POST-SEARCH): each through the outbox, checked against TikTok first, the
//! audit after activation followed; a deactivated product gets no pushes until it is live again.

use crate::live_listings::{live_world, set, stock};
use tokshop::domain::outbox::{OutboxIntent, OutboxState};
use tokshop::sync::catalog::{listing, live_edit};
use tokshop::sync::orders::shop_ref;
use tokshop::sync::outbox;

async fn run(w: &crate::live_listings::Live, intent: OutboxIntent) -> String {
    let item = outbox::enqueue(&w.ctx, intent).expect("enqueue");
    outbox::drain_once(&w.ctx).await;
    match w.ctx.store.get_outbox(item.id).expect("read").expect("item").state {
        OutboxState::Done { note, .. } => note,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn deactivate_then_activate_follows_the_audit_and_pushes_again() {
    let w = live_world().await;
    let pid = w.ctx.store.listings_of(&w.us.id, "main", "glow-serum").expect("l").remove(0).product_id;
    let off = OutboxIntent::SetProductsActive {
        shop_id: w.us.id.clone(),
        product_ids: vec![pid.clone()],
        active: false,
        asked_at: 1,
    };
    assert_eq!(run(&w, off.clone()).await, "1 deactivated");
    let l = w.ctx.store.listing(&w.us.id, &pid).expect("read").expect("listing");
    assert_eq!(l.status, "SELLER_DEACTIVATED");
    // Again after a crash: read first, nothing sent twice.
    let again = tokshop::sync::catalog::live_edit::perform(&w.ctx, &off).await.expect("ours").expect("ok");
    assert!(again.contains("already so (checked before calling)"), "{again}");
    // Off sale: a change goes to the UK shop only.
    set(&w.ctx, "LV-SER-30", Some(2), None);
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!((stock(&w.sb, &w.us, "LV-SER-30"), stock(&w.sb, &w.uk, "LV-SER-30")), (10, 2));
    let on = OutboxIntent::SetProductsActive {
        shop_id: w.us.id.clone(),
        product_ids: vec![pid.clone()],
        active: true,
        asked_at: 2,
    };
    assert!(run(&w, on).await.starts_with("1 activated (TikTok audits it again)"));
    let l = w.ctx.store.listing(&w.us.id, &pid).expect("read").expect("listing");
    assert_eq!((l.status.as_str(), l.audit.as_str()), ("PENDING", "AUDITING"));
    w.sb.advance_clock(61);
    w.sb.tick();
    listing::follow_pending(&w.ctx, &w.us).await.expect("follow");
    let l = w.ctx.store.listing(&w.us.id, &pid).expect("read").expect("listing");
    assert_eq!((l.status.as_str(), l.audit.as_str()), ("ACTIVATE", "APPROVED"));
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!(stock(&w.sb, &w.us, "LV-SER-30"), 2, "live again: the latest stock is pushed");
    w.sb.shutdown();
}

#[tokio::test]
async fn an_edit_shows_its_diff_and_sends_only_what_differs_once() {
    let w = live_world().await;
    let pid = w.ctx.store.listings_of(&w.us.id, "main", "glow-serum").expect("l").remove(0).product_id;
    let now = w.ctx.api.product_text(&shop_ref(&w.us), &pid).await.expect("text");
    let d = live_edit::diff(&now, Some("Glow Serum 30 ml"), Some(&now.description));
    assert_eq!(d.len(), 1, "an unchanged description is not in the diff");
    assert_eq!(
        (d[0].field.as_str(), d[0].tiktok.as_str(), d[0].ours.as_str()),
        ("title", "Glow Serum", "Glow Serum 30 ml")
    );
    let edit = OutboxIntent::EditListing {
        shop_id: w.us.id.clone(),
        product_id: pid.clone(),
        title: Some("Glow Serum 30 ml".into()),
        description: None,
        asked_at: 1,
    };
    let note = run(&w, edit.clone()).await;
    assert!(note.starts_with("title sent with Partial Edit"), "{note}");
    assert_eq!(w.sb.product_json(&w.us.id, &pid).expect("product")["title"], "Glow Serum 30 ml");
    let again = live_edit::perform(&w.ctx, &edit).await.expect("ours").expect("ok");
    assert!(again.contains("already shows it"), "{again}");
    // Search finds it by status and seller SKU.
    let page =
        w.ctx.api.search_products(&shop_ref(&w.us), "ALL", &["LV-SER-50".into()], 100, None).await.expect("search");
    assert_eq!(page.products.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), vec![pid.as_str()]);
    w.sb.shutdown();
}

#[test]
fn two_different_edits_asked_in_the_same_instant_are_two_writes() {
    let e = |t: &str| OutboxIntent::EditListing {
        shop_id: "s".into(),
        product_id: "p".into(),
        title: Some(t.into()),
        description: None,
        asked_at: 5,
    };
    assert_ne!(e("A").key(), e("B").key());
    assert_eq!(e("A").key(), e("A").key(), "the same edit retried is one write");
    assert_eq!(e("A").subject(), e("B").subject(), "but one at a time per product");
}
