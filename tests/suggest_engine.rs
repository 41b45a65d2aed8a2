//! TikTok's recommended title and description through a running engine against the sandbox:
//! a console (the real `App` reading views over the engine's socket) presses `Q`, ticks the
//! recommended title, edits it in the side-by-side view and approves the diff with `y`; the
//! sandbox's product then carries the edited text, and esc in the editor sent nothing before.
//! `ApplyQuality` on a product not listed yet keeps the texts in its listing settings for the
//! shop; a text TikTok's rules refuse is named and nothing is kept or sent.

use crate::live_engine::{attached, heard};
use crate::live_listings_cli::{Cli, cli_world};
use crate::ui::{NOW, key, press, type_text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;
use std::time::Duration;
use tokio::task::block_in_place;
use tokshop::engine::views::RemoteViews;
use tokshop::message::{CatalogAnswer, CatalogCommand, Command, Update};
use tokshop::ui::app::App;
use tokshop::ui::overlays::confirm::Confirm;
use tokshop::ui::overlays::picker::Picker;
use tokshop::ui::overlays::prompt::Prompt;
use tokshop::ui::overlays::suggest::SuggestView;
use tokshop::ui::panes::listings::ListingsPane;

const EDITED: &str = "Glow Serum - Vitamin C Face Serum, 30 ml and 50 ml, Edited by the Seller";

/// A console on the engine's views, on the Listings pane with `glow-serum` on shop `shop` selected.
pub(crate) fn console_on(views: &RemoteViews, shop: &str) -> App {
    let keymap = tokshop::ui::keymap::Keymap::load(None).expect("keymap");
    let mut a = App::new(keymap, false, tokshop::logging::LogRing::default());
    a.load(views);
    press(&mut a, views, "go-listings");
    for _ in 0..4 {
        if a.pane::<ListingsPane>().and_then(|p| p.shop_id()) == Some(shop) {
            break;
        }
        press(&mut a, views, "listings-shop");
    }
    for _ in 0..20 {
        let p = a.pane::<ListingsPane>().expect("the pane");
        if p.shop_id() == Some(shop) && p.selected_product().is_some_and(|s| s.product.handle == "glow-serum") {
            return a;
        }
        press(&mut a, views, "select-next");
    }
    panic!("glow-serum is not on the Listings pane of {shop}")
}

fn send(cmds: &tokio::sync::mpsc::UnboundedSender<Command>, out: Vec<Command>) {
    for c in out {
        cmds.send(c).expect("send");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_edits_tiktoks_recommended_title_and_the_edit_reaches_the_sandbox() {
    let c = cli_world().await;
    let (eng, store, cmds, mut rx) = attached(&c).await;
    let us = c.us.clone();
    let pid = store.listings_of(&us, "main", "glow-serum").expect("read")[0].product_id.clone();
    let text_now = || {
        let w = c.sb.state.lock();
        w.catalog.shops.get(&us).and_then(|s| s.products.get(&pid)).map(|p| (p.title.clone(), p.description.clone()))
    };
    let before = text_now().expect("on the sandbox");
    let queued = || store.all_outbox().expect("outbox").len();
    let outbox = queued();
    let views = RemoteViews::new(eng.server.socket.clone(), false);
    let mut a = block_in_place(|| console_on(&views, &us));

    // Q: the engine asks TikTok; its answer becomes the list to tick.
    send(&cmds, block_in_place(|| press(&mut a, &views, "listing-quality")));
    let answer = heard(&mut rx, "the quality report", |u| matches!(u, Update::Catalog(CatalogAnswer::Quality { .. })));
    let answer = answer.await;
    block_in_place(|| a.on_update(answer, &views, NOW));
    let p = a.top::<Picker>().expect("the suggestions to tick");
    let at = p.items.iter().position(|i| i.label.starts_with("title: ") && i.detail.contains("recommended"));
    let at = at.expect("TikTok's recommended title");
    let recommended = p.items[at].label.trim_start_matches("title: ").to_string();
    block_in_place(|| {
        for _ in 0..at {
            key(&mut a, &views, KeyCode::Down);
        }
        key(&mut a, &views, KeyCode::Char(' '));
        assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    });
    let v = a.top::<SuggestView>().expect("the current title beside TikTok's");
    assert_eq!((v.fields[0].now.as_str(), v.fields[0].tiktok.as_deref()), (before.0.as_str(), Some(&*recommended)));

    // e, typing, esc: the edit is dropped; esc again leaves; nothing reaches TikTok.
    let sent = block_in_place(|| {
        let mut out = key(&mut a, &views, KeyCode::Char('e'));
        assert_eq!(a.top::<Prompt>().map(Prompt::value), Some(recommended.clone()), "prefilled with TikTok's");
        out.extend(type_text(&mut a, &views, " NOT THIS"));
        out.extend(key(&mut a, &views, KeyCode::Esc));
        assert!(a.top::<SuggestView>().is_some_and(|v| v.fields[0].edited.is_none()));
        out.extend(key(&mut a, &views, KeyCode::Esc));
        out
    });
    assert!(sent.is_empty() && a.overlays.is_empty(), "{sent:?}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(text_now().as_ref(), Some(&before), "esc sent nothing");
    assert_eq!(queued(), outbox, "nothing queued for TikTok");

    // Again: e, the title replaced, enter, enter (the diff), y: ApplyQuality carries the edit.
    send(&cmds, block_in_place(|| press(&mut a, &views, "listing-quality")));
    let answer = heard(&mut rx, "the report again", |u| matches!(u, Update::Catalog(CatalogAnswer::Quality { .. })));
    let answer = answer.await;
    let out = block_in_place(|| {
        a.on_update(answer, &views, NOW);
        for _ in 0..at {
            key(&mut a, &views, KeyCode::Down);
        }
        key(&mut a, &views, KeyCode::Char(' '));
        key(&mut a, &views, KeyCode::Enter);
        key(&mut a, &views, KeyCode::Char('e'));
        a.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL), &views, NOW);
        type_text(&mut a, &views, EDITED);
        assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
        assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
        let c = a.top::<Confirm>().expect("the diff");
        assert!(c.message.contains(&format!("  + {EDITED}\n")), "{}", c.message);
        key(&mut a, &views, KeyCode::Char('y'))
    });
    let [Command::Catalog(CatalogCommand::ApplyQuality { title, description, .. })] = out.as_slice() else {
        panic!("one ApplyQuality: {out:?}")
    };
    assert_eq!((title.as_deref(), description), (Some(EDITED), &None));
    send(&cmds, out);
    heard(&mut rx, "the edit queued", |u| matches!(u, Update::Done(m) if m.contains("Queued: "))).await;
    crate::common::until("TikTok shows the edited title", || text_now().is_some_and(|t| t.0 == EDITED)).await;
    assert_eq!(text_now().map(|t| t.1), Some(before.1), "the description is kept");
    eng.stop();
    c.sb.shutdown();
}

/// `new-mug` in the catalogue, not listed on any shop.
async fn with_a_new_product(c: &Cli) {
    let doc = json!({"products": [{"handle": "new-mug", "title": "New Mug", "vendor": "Maomao",
        "product_type": "Mugs", "variants": [{"sku": "NM-1", "price": "9.00", "inventory": 3}]}]});
    let file = c.env.home.path().join("more.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let f = file.display().to_string();
    let o = c.env.run_async(&["catalog", "import", &f, "--store", "main", "--format", "tokshop"]).await;
    assert!(o.status.success(), "{}", crate::common::bin::stderr(&o));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_quality_on_a_new_product_keeps_the_texts_in_its_listing_settings() {
    let c = cli_world().await;
    with_a_new_product(&c).await;
    let (eng, store, cmds, mut rx) = attached(&c).await;
    let apply = |title: Option<String>, description: Option<String>| CatalogCommand::ApplyQuality {
        shop_id: c.us.clone(),
        store: "main".into(),
        handle: "new-mug".into(),
        title,
        description,
    };
    let outbox = store.all_outbox().expect("outbox").len();
    // A title TikTok would refuse: named, nothing kept.
    cmds.send(apply(Some("x".repeat(300)), None).into()).expect("send");
    let refused = heard(&mut rx, "the refusal", |u| matches!(u, Update::Failed(_))).await;
    let Update::Failed(why) = refused else { panic!("refused") };
    assert!(why.contains("the title is 300 characters; TikTok allows 255"), "{why}");
    assert_eq!(store.draft(&c.us, "main", "new-mug").expect("read"), None, "nothing kept");
    // TikTok's suggested title and the seller's description: both kept for this shop only.
    let (title, description) = ("New Mug - Enamel Camping Mug for Outdoor Coffee, 350 ml", "<p>An enamel mug.</p>");
    cmds.send(apply(Some(title.into()), Some(description.into())).into()).expect("send");
    let done = heard(&mut rx, "the outcome", |u| matches!(u, Update::Done(_) | Update::Failed(_))).await;
    assert!(matches!(&done, Update::Done(m) if m.contains("listing settings of new-mug")), "{done:?}");
    let d = store.draft(&c.us, "main", "new-mug").expect("read").expect("the listing settings");
    assert_eq!((d.title.as_deref(), d.description.as_deref()), (Some(title), Some(description)));
    assert_eq!(store.draft(&c.uk, "main", "new-mug").expect("read"), None, "the other shop is untouched");
    assert_eq!(store.all_outbox().expect("outbox").len(), outbox, "nothing for TikTok");
    eng.stop();
    c.sb.shutdown();
}
