//! The Listings pane's keys for a live product's sync (CAT-POST-STOP, drift): stop or resume
//! syncing stock, price and information to the shop, and resolve drift by pushing ours or taking
//! TikTok's values. Each sends one command to the engine, which writes the sync state (and,
//! for "push ours" and a resume, queues the push through the outbox). Also TikTok's quality
//! tools for any product: the quality report (`Q`) and the white first image (`W`).

use super::ListingsPane;
use crate::domain::role::Capability;
use crate::message::{CatalogAnswer, CatalogCommand, Command, QualityField, Update};
use crate::ui::Cx;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::flows::quality::Subject;
use crate::ui::overlays::whiten::WhitenView;

/// The shop, store and handle of the selected product when it is live with sync state here.
fn live_selected(app: &App) -> Result<(String, String, String, bool, bool), &'static str> {
    let p = app.pane::<ListingsPane>().ok_or("")?;
    let shop = p.shop_id().ok_or("Connect a shop first")?.to_string();
    let sel = p.selected_product().ok_or("Select a platform product")?;
    if !sel.listings.iter().any(|l| l.status == "ACTIVATE") {
        return Err("The product is not live on this shop");
    }
    let stopped = sel.live.iter().any(|s| s.stops.any());
    let drift = sel.live.iter().any(|s| !s.drift.is_empty());
    Ok((shop, sel.product.store.clone(), sel.product.handle.clone(), stopped, drift))
}

fn toggle_sync(app: &mut App, cx: &Cx) -> Vec<Command> {
    match live_selected(app) {
        Ok((shop_id, store, handle, stopped, _)) => {
            let verb = if stopped { "Resuming" } else { "Stopping" };
            app.toast(format!("{verb} the sync of {handle}…"), false, cx.now);
            vec![CatalogCommand::SetLiveSync { shop_id, store, handle, stop: !stopped }.into()]
        }
        Err(why) => {
            app.toast(why, true, cx.now);
            vec![]
        }
    }
}

fn resolve(app: &mut App, cx: &Cx, push_ours: bool) -> Vec<Command> {
    match live_selected(app) {
        Ok((_, _, _, _, false)) => {
            app.toast("No drift on this product", true, cx.now);
            vec![]
        }
        Ok((shop_id, store, handle, _, true)) => {
            vec![CatalogCommand::ResolveDrift { shop_id, store, handle, push_ours }.into()]
        }
        Err(why) => {
            app.toast(why, true, cx.now);
            vec![]
        }
    }
}

pub const TOGGLE_SYNC: Action = Action::new(
    "toggle-live-sync",
    "stop/resume",
    "stop syncing the live product's stock, price and info to this shop, or resume it",
    toggle_sync,
)
.writes(Capability::Catalog);
pub const PUSH_OURS: Action = Action::new(
    "push-ours",
    "push ours",
    "drift: the next push overwrites TikTok's values with the platform's",
    |app, cx| resolve(app, cx, true),
)
.writes(Capability::Catalog);
pub const TAKE_THEIRS: Action = Action::new(
    "take-theirs",
    "take theirs",
    "drift: keep TikTok's values (its price becomes this shop's price)",
    |app, cx| resolve(app, cx, false),
)
.writes(Capability::Catalog);

/// The shop, store and handle of the selected product (live or not); `None` said in a toast.
fn selected_on_shop(app: &mut App, cx: &Cx) -> Option<(String, String, String)> {
    let p = app.pane::<ListingsPane>()?;
    let (Some(shop_id), Some(sel)) = (p.shop_id().map(String::from), p.selected_product()) else {
        app.toast("Select a platform product on a shop", true, cx.now);
        return None;
    };
    Some((shop_id, sel.product.store.clone(), sel.product.handle.clone()))
}

/// `Q`: TikTok's quality tools for the selected product (live or not yet listed). When the
/// engine answers, a console that may edit listings gets the suggestions to tick and apply
/// (`flows::quality`: the diff first, then `ApplyQuality`); any other reads the report in the
/// message view.
fn quality(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some((shop_id, store, handle)) = selected_on_shop(app, cx) else { return vec![] };
    let (want_shop, want) = (shop_id.clone(), handle.clone());
    let store_of = store.clone();
    app.wait(Box::new(move |app, u, cx| match u {
        Update::Catalog(CatalogAnswer::Quality { shop_id, handle, lines, offer })
            if *shop_id == want_shop && *handle == want =>
        {
            app.toast(lines.join("\n"), false, cx.now);
            // A console that may edit listings picks what to apply; any other reads the report.
            let offer = offer.clone().filter(|o| {
                app.access.can(Capability::Catalog) && o.choices.iter().any(|c| c.field != QualityField::Other)
            });
            if let Some(o) = offer {
                let who = Subject { shop_id: shop_id.clone(), store: store_of.clone(), handle: handle.clone() };
                crate::ui::flows::quality::offer(app, who, lines.first().map_or("", String::as_str), o);
            } else {
                let view = crate::ui::overlays::message::MessageView::of(app);
                app.push(Box::new(view));
            }
            true
        }
        _ => false,
    }));
    app.toast(format!("Asking TikTok about the quality of {handle}…"), false, cx.now);
    vec![CatalogCommand::Quality { shop_id, store, handle }.into()]
}

pub const LISTING_QUALITY: Action = Action::new(
    "listing-quality",
    "quality",
    "TikTok's diagnosis, SEO words and suggestions for the product (before listing too)",
    quality,
);

/// `W`: the selected product's first image with a white background (TikTok's Optimized Images,
/// live or not listed yet). The answer's before and after are shown for approval
/// (`overlays::whiten`); only `y` applies them, an image TikTok optimized before is only said.
fn whiten(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some((shop_id, store, handle)) = selected_on_shop(app, cx) else { return vec![] };
    let (want_shop, want, store_of) = (shop_id.clone(), handle.clone(), store.clone());
    app.wait(Box::new(move |app, u, cx| match u {
        Update::Catalog(CatalogAnswer::Whitened { shop_id, handle, image })
            if *shop_id == want_shop && *handle == want =>
        {
            if image.status == "IGNORE" {
                let why = format!("{handle}'s first image was optimized before: TikTok leaves it as it is");
                app.toast(why, false, cx.now);
            } else {
                let (s, st, h) = (shop_id.clone(), store_of.clone(), handle.clone());
                app.push(WhitenView::new(s, st, h, (**image).clone()));
            }
            true
        }
        _ => false,
    }));
    app.toast(format!("Asking TikTok for a white background on {handle}'s first image…"), false, cx.now);
    vec![CatalogCommand::Whiten { shop_id, store, handle }.into()]
}

pub const WHITEN_IMAGE: Action = Action::new(
    "whiten-image",
    "white bg",
    "the first image with a white background (TikTok's Optimized Images): before and after, applied on y",
    whiten,
)
.writes(Capability::Catalog);
