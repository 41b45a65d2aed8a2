//! The Shops pane's flows: connecting shops to a store, re-authorizing one, refreshing its
//! token, disconnecting it, adding and removing stores.

use crate::domain::shop::ShopStatus;
use crate::message::{Command, ShopsCommand};
use crate::store::views::ShopsRow;
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::connect::ConnectDialog;
use crate::ui::overlays::prompt::Prompt;
use crate::ui::panes::shops::ShopsPane;

fn selected_shop(app: &App) -> Option<crate::domain::shop::Shop> {
    app.pane::<ShopsPane>().and_then(|p| p.selected_shop(&app.shared)).map(|l| l.shop.clone())
}

pub fn connect(app: &mut App, _cx: &Cx) -> Vec<Command> {
    let preselected = app.pane::<ShopsPane>().and_then(|p| p.selected_store(&app.shared));
    let d = ConnectDialog::connect(app.shared.shops_view().store_names(), preselected);
    app.push(Box::new(d));
    vec![]
}

/// Re-authorize a shop: the dialog shows the link at once.
pub fn reauthorize(app: &mut App, shop_id: &str, name: &str, store: &str) -> Vec<Command> {
    let (d, cmd) = ConnectDialog::reauthorize(shop_id, name, store);
    app.push(Box::new(d));
    vec![cmd]
}

pub fn reauthorize_selected(app: &mut App, cx: &Cx) -> Vec<Command> {
    match selected_shop(app) {
        Some(s) if s.status != ShopStatus::Disconnected => reauthorize(app, &s.id, &s.name, &s.store),
        Some(_) => {
            app.toast("That shop is disconnected: connect it again instead", true, cx.now);
            vec![]
        }
        None => {
            app.toast("Select a shop first", true, cx.now);
            vec![]
        }
    }
}

pub fn refresh_token(app: &mut App, cx: &Cx) -> Vec<Command> {
    match selected_shop(app) {
        Some(s) if s.status.syncs() => {
            app.toast(format!("Refreshing the token of {}…", s.name), false, cx.now);
            return vec![ShopsCommand::RefreshToken { shop_id: s.id }.into()];
        }
        Some(s) => app.toast(format!("{} is {}: re-authorize it instead", s.name, s.status.label()), true, cx.now),
        None => app.toast("Select a shop first", true, cx.now),
    }
    vec![]
}

pub fn disconnect(app: &mut App, cx: &Cx) -> Vec<Command> {
    match selected_shop(app) {
        Some(s) if s.status != ShopStatus::Disconnected => app.push(Confirm::new(
            format!("Disconnect {}?", s.name),
            format!(
                "Disconnect {} ({}, shop {}) from store {}? Its sync stops, TikTok deauthorizes it, and its \
                    credentials are deleted. Its history stays.",
                s.name, s.region, s.id, s.store
            ),
            ShopsCommand::Disconnect { shop_id: s.id.clone() },
            true,
        )),
        Some(_) => app.toast("That shop is already disconnected", true, cx.now),
        None => app.toast("Select a shop first", true, cx.now),
    }
    vec![]
}

pub fn add_store(app: &mut App, _cx: &Cx) -> Vec<Command> {
    app.push(Prompt::new(
        "Add a store",
        "A name for the platform store (letters, digits, - _ .):",
        "",
        |_, value, _| {
            crate::domain::shop::validate_store_name(&value)?;
            Ok(vec![ShopsCommand::AddStore { name: value }.into()])
        },
    ));
    vec![]
}

pub fn remove_store(app: &mut App, cx: &Cx) -> Vec<Command> {
    match app.pane::<ShopsPane>().and_then(|p| p.selected(&app.shared)).cloned() {
        Some(ShopsRow::Store { name, live_shops }) if live_shops > 0 => {
            app.toast(format!("Store {name} still has connected shops: disconnect them first"), true, cx.now)
        }
        Some(ShopsRow::Store { name, .. }) => app.push(Confirm::new(
            format!("Remove store {name}?"),
            format!("Remove store {name}? Shops it once had stay in the history."),
            ShopsCommand::RemoveStore { name },
            true,
        )),
        _ => app.toast("Select a store row first", true, cx.now),
    }
    vec![]
}
