//! The Listings pane's live commands end to end: a console attached to a running engine sends
//! `SetLiveSync`, `ResolveDrift` (push ours, take theirs) and `Quality` over the socket, as the
//! keys `x`, `O`, `T` and `Q` do; the engine's store, TikTok's (the sandbox's) state and the
//! Update the console hears are each checked afterwards.

use crate::common::bin::stderr;
use crate::engine::settings_of;
use crate::live_listings_cli::{Cli, cli_world};
use rust_decimal::Decimal;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokshop::engine::{self, Engine, client};
use tokshop::message::{CatalogAnswer, CatalogCommand, Command, LinkState, QualityField, Topic, Update};
use tokshop::store::Store;
use tokshop::ui::flows::quality::compose;

/// Wait (at most 20 s) for the first update `want` accepts; the ones before it are dropped.
pub(crate) async fn heard(rx: &mut UnboundedReceiver<Update>, what: &str, want: impl Fn(&Update) -> bool) -> Update {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(u)) if want(&u) => return u,
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the console's link closed waiting for {what}"),
            Err(_) => panic!("no {what} within 20 s"),
        }
    }
}

/// An engine running on the world's data dir, its store, and a console attached to it.
pub(crate) async fn attached(c: &Cli) -> (Engine, Store, UnboundedSender<Command>, UnboundedReceiver<Update>) {
    let s = settings_of(&c.env);
    let store = Store::open(&s.data_dir).expect("the store");
    let listen = "127.0.0.1:0".parse().expect("addr");
    let eng = engine::start(&s, store, tokshop::clock::system(), "engine", listen, false).await.expect("engine");
    let store = eng.server.store.clone();
    let (cmds, mut rx) = client::events(eng.server.socket.clone(), false);
    heard(&mut rx, "the link", |u| matches!(u, Update::Link(LinkState::Attached { .. }))).await;
    (eng, store, cmds, rx)
}

fn done(u: &Update, part: &str) -> bool {
    matches!(u, Update::Done(m) if m.contains(part))
}

/// Wait for the command's outcome (`Done` with `part`) and the shop's Listings topic, in either
/// order (the outcome goes to the console that asked, the topic to every console).
async fn both(rx: &mut UnboundedReceiver<Update>, shop: &str, part: &str) {
    let (mut outcome, mut topic) = (false, false);
    while !(outcome && topic) {
        let u = heard(rx, part, |u| done(u, part) || *u == Update::Changed(Topic::Listings(shop.to_string()))).await;
        outcome |= done(&u, part);
        topic |= matches!(u, Update::Changed(_));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_consoles_live_commands_reach_tiktok_through_a_running_engine() {
    let c = cli_world().await;
    let (eng, store, cmds, mut rx) = attached(&c).await;
    let (us, uk) = (c.us.clone(), c.uk.clone());
    let pid = store.listings_of(&us, "main", "glow-serum").expect("read")[0].product_id.clone();
    let stock = |shop: &str| c.sb.sku_state(shop, "LV-SER-30").expect("sku");
    let cmd = |stop: bool| CatalogCommand::SetLiveSync {
        shop_id: us.clone(),
        store: "main".into(),
        handle: "glow-serum".into(),
        stop,
    };

    // x: stop. The store says all three are stopped; a catalogue change reaches only the other shop.
    cmds.send(cmd(true).into()).expect("send");
    both(&mut rx, &us, ": sync stopped").await;
    let st = store.live_sync(&us, &pid).expect("read").expect("sync state");
    assert!(st.stops.stock && st.stops.price && st.stops.info, "{:?}", st.stops);
    let o = c.env.run_async(&["catalog", "set", "LV-SER-30", "--stock", "12"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    crate::common::until("the other shop follows", || stock(&uk).0 == 12).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(stock(&us).0, 10, "a stopped shop keeps TikTok's stock");

    // x again: resume, and the product catches up at once.
    cmds.send(cmd(false).into()).expect("send");
    heard(&mut rx, "the resume's outcome", |u| done(u, "sync resumed")).await;
    let st = store.live_sync(&us, &pid).expect("read").expect("sync state");
    assert!(!st.stops.stock && !st.stops.price && !st.stops.info, "{:?}", st.stops);
    crate::common::until("the resumed shop catches up", || stock(&us).0 == 12).await;

    // O: a Seller Center edit is drift; push ours overwrites TikTok once.
    let resolve = |push_ours: bool| CatalogCommand::ResolveDrift {
        shop_id: us.clone(),
        store: "main".into(),
        handle: "glow-serum".into(),
        push_ours,
    };
    c.sb.seller_center_edit(&us, "LV-SER-30", Some(77), Some("18.00"));
    let o = c.env.run_async(&["listings", "drift", "--shop", &us]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(store.live_sync(&us, &pid).expect("read").expect("state").drift.len(), 2, "stock and price");
    assert_eq!(stock(&us), (77, "18.00".to_string()), "drift is never overwritten on its own");
    cmds.send(resolve(true).into()).expect("send");
    both(&mut rx, &us, "ours will overwrite TikTok's 2 drifted value(s)").await;
    crate::common::until("TikTok holds ours again", || stock(&us) == (12, "20.00".to_string())).await;
    assert!(store.live_sync(&us, &pid).expect("read").expect("state").drift.is_empty());

    // T: take theirs. TikTok's price becomes this shop's price; nothing is sent to TikTok.
    c.sb.seller_center_edit(&us, "LV-SER-30", Some(40), Some("19.00"));
    let o = c.env.run_async(&["listings", "drift", "--shop", &us]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let (inv, price) = c.sb.push_counters();
    cmds.send(resolve(false).into()).expect("send");
    heard(&mut rx, "take theirs' outcome", |u| done(u, "TikTok's 2 value(s) taken")).await;
    let draft = store.draft(&us, "main", "glow-serum").expect("read").expect("draft");
    assert_eq!(draft.prices.get("LV-SER-30"), Some(&Decimal::new(1900, 2)));
    assert!(store.live_sync(&us, &pid).expect("read").expect("state").drift.is_empty());
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(stock(&us), (40, "19.00".to_string()), "TikTok's values stand");
    assert_eq!(c.sb.push_counters(), (inv, price), "taking theirs sends nothing");

    // Q: the quality report comes back to the console as lines; TikTok's product is unchanged.
    let title_now = || {
        let w = c.sb.state.lock();
        w.catalog.shops.get(&us).and_then(|s| s.products.get(&pid)).map(|p| (p.title.clone(), p.description.clone()))
    };
    let title = title_now();
    assert!(title.is_some(), "the product is on the sandbox");
    cmds.send(
        CatalogCommand::Quality { shop_id: us.clone(), store: "main".into(), handle: "glow-serum".into() }.into(),
    )
    .expect("send");
    let got =
        heard(&mut rx, "the quality report", |u| matches!(u, Update::Catalog(CatalogAnswer::Quality { .. }))).await;
    let Update::Catalog(CatalogAnswer::Quality { shop_id, handle, lines, offer }) = &got else { panic!("{got:?}") };
    assert_eq!((shop_id.as_str(), handle.as_str()), (us.as_str(), "glow-serum"));
    assert!(lines[0].starts_with("glow-serum on ") && lines[0].contains("recommendation(s) left"), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("SEO words: ")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("recommended title: ")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("white background: tokshop listings whiten glow-serum")), "{lines:?}");
    assert_eq!(title_now(), title, "a read only");

    // The seller ticks the recommended title and an SEO word; the console composes the title and
    // ApplyQuality sends it through the outbox: TikTok's product gets it, the description stays.
    let offer = offer.clone().expect("the suggestions to pick from");
    assert!(offer.live);
    assert_eq!(Some((offer.title.clone(), offer.description.clone())), title);
    let at = |f: QualityField, from: Option<&str>| {
        offer.choices.iter().position(|c| c.field == f && from.is_none_or(|x| c.from.ends_with(x))).expect("a choice")
    };
    let picked = [at(QualityField::Title, Some("recommended")), at(QualityField::SeoWord, None)];
    let (new_title, description) = compose(&offer, &picked).expect("one title");
    let new_title = new_title.expect("a title");
    assert!(new_title.ends_with(&offer.choices[picked[1]].text), "{new_title}");
    assert_eq!(description, None);
    let apply = CatalogCommand::ApplyQuality {
        shop_id: us.clone(),
        store: "main".into(),
        handle: "glow-serum".into(),
        title: Some(new_title.clone()),
        description: None,
    };
    cmds.send(apply.into()).expect("send");
    heard(&mut rx, "the edit queued", |u| done(u, "Queued: ")).await;
    crate::common::until("TikTok shows the new title", || title_now().is_some_and(|t| t.0 == new_title)).await;
    assert_eq!(title_now().map(|t| t.1), title.map(|t| t.1), "the description is not touched");
    // The uk shop was never touched by any of it.
    let uk_state = store.listings_of(&uk, "main", "glow-serum").expect("read")[0].product_id.clone();
    assert!(store.live_sync(&uk, &uk_state).expect("read").expect("state").drift.is_empty());
    eng.stop();
    c.sb.shutdown();
}
