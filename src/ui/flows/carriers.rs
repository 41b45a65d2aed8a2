//! Carrier mapping (SHOP-MAN-CARRIER): the platform's carriers, added by name or from a CSV
//! file, each mapped per shop (and delivery option) to one of TikTok's shipping providers; and
//! pulling the shops' warehouses, delivery options and providers.

use super::ship::map_locally;
use crate::message::{Command, FulfilmentCommand};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;
use crate::ui::panes::mapping::MappingPane;

fn selected_carrier(app: &App) -> Option<String> {
    let view = app.shared.carriers_view();
    app.pane::<MappingPane>().and_then(|p| p.selected_carrier(&view))
}

pub fn add(app: &mut App, _cx: &Cx) -> Vec<Command> {
    app.push(Prompt::new(
        "Add a carrier",
        "Your carrier's name as your platform knows it (e.g. UPS Ground):",
        "",
        |_, value, _| {
            if value.is_empty() || value.chars().count() > 64 || value.contains('|') {
                return Err("a carrier name is 1 to 64 characters, without `|`".into());
            }
            Ok(vec![FulfilmentCommand::AddCarrier { name: value }.into()])
        },
    ));
    vec![]
}

pub fn import(app: &mut App, _cx: &Cx) -> Vec<Command> {
    app.push(Prompt::new(
        "Import carriers",
        "Path of a CSV file with a `name` column (and optionally `tracking_url`):",
        "",
        |app, value, cx| {
            if value.is_empty() {
                return Err("type the path of a CSV file with a `name` column".into());
            }
            app.toast(format!("Importing carriers from {value}…"), false, cx.now);
            Ok(vec![FulfilmentCommand::ImportCarriers { path: value.into() }.into()])
        },
    ));
    vec![]
}

pub fn remove(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(c) = selected_carrier(app) else {
        app.toast("Select a carrier first", true, cx.now);
        return vec![];
    };
    let n = app.shared.carriers_view().mappings.iter().filter(|m| m.carrier == c).count();
    app.push(Confirm::new(
        format!("Remove carrier {c}?"),
        format!(
            "Remove {c} and its {n} mapping(s)? Orders can no longer ship with it until it is added and mapped again."
        ),
        FulfilmentCommand::RemoveCarrier { name: c },
        true,
    ));
    vec![]
}

/// Map the selected carrier: for which shop, then which delivery option, then which provider.
pub fn map(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(carrier) = selected_carrier(app) else {
        app.toast("Select a carrier first (add one with a)", true, cx.now);
        return vec![];
    };
    let shops = app.shared.carriers_view().shops;
    match shops.len() {
        0 => {
            app.toast("No connected shop to map to: connect one in the Shops pane", true, cx.now);
            vec![]
        }
        1 => shop_chosen(app, carrier, shops[0].0.clone(), cx),
        _ => {
            let items =
                shops.iter().map(|(id, name, region)| PickItem::new(format!("{name} {region}"), id.clone())).collect();
            let ids: Vec<String> = shops.into_iter().map(|s| s.0).collect();
            app.push(Picker::one(
                "Map carrier",
                format!("Map {carrier} for which shop?"),
                items,
                move |app, chosen, cx| {
                    shop_chosen(app, carrier, chosen.first().and_then(|i| ids.get(*i)).cloned().unwrap_or_default(), cx)
                },
            ));
            vec![]
        }
    }
}

fn shop_chosen(app: &mut App, carrier: String, shop_id: String, cx: &Cx) -> Vec<Command> {
    let v = app.shared.carriers_view();
    let options = v.options(&shop_id);
    let shop = v.shop_name(&shop_id);
    if options.is_empty() {
        app.toast(format!("No delivery options known for {shop}: pull its warehouses first (r)"), true, cx.now);
        return vec![];
    }
    let mut items = vec![PickItem::new("Every delivery option", "unless one has its own mapping")];
    let mut ids = vec![String::new()];
    for o in &options {
        items.push(PickItem::new(
            o.name.clone(),
            format!("{} · {} provider(s)", o.kind.to_lowercase(), o.providers.len()),
        ));
        ids.push(o.id.clone());
    }
    let message = format!("{carrier} for {shop}: for which delivery option?");
    app.push(Picker::one("Map carrier", message, items, move |app, chosen, cx| {
        option_chosen(app, carrier, shop_id, chosen.first().and_then(|i| ids.get(*i)).cloned().unwrap_or_default(), cx)
    }));
    vec![]
}

fn option_chosen(app: &mut App, carrier: String, shop_id: String, option_id: String, cx: &Cx) -> Vec<Command> {
    let providers = app.shared.carriers_view().providers(&shop_id, &option_id);
    if providers.is_empty() {
        app.toast("That delivery option lists no shipping provider: pull the warehouses again (r)", true, cx.now);
        return vec![];
    }
    let items = providers.iter().map(|p| PickItem::new(p.name.clone(), p.id.clone())).collect();
    let message = format!("Which TikTok shipping provider is {carrier}?");
    app.push(Picker::one("Map carrier", message, items, move |app, chosen, _| {
        let Some(p) = chosen.first().and_then(|i| providers.get(*i)).cloned() else { return vec![] };
        vec![map_locally(app, &carrier, &shop_id, &option_id, &p)]
    }));
    vec![]
}

pub fn refresh_warehouses(app: &mut App, cx: &Cx) -> Vec<Command> {
    let shops = app.shared.carriers_view().shops;
    if shops.is_empty() {
        app.toast("No connected shop: connect one in the Shops pane", true, cx.now);
        return vec![];
    }
    let mut items = vec![PickItem::new("Every shop", format!("{} shop(s)", shops.len()))];
    let mut ids = vec![String::new()];
    for (id, name, region) in &shops {
        items.push(PickItem::new(format!("{name} {region}"), id.clone()));
        ids.push(id.clone());
    }
    let all: Vec<String> = shops.into_iter().map(|s| s.0).collect();
    app.push(Picker::one(
        "Pull warehouses",
        "Warehouses, delivery options and providers of which shop?",
        items,
        move |app, chosen, cx| {
            let id = chosen.first().and_then(|i| ids.get(*i)).cloned().unwrap_or_default();
            let targets = if id.is_empty() { all } else { vec![id] };
            app.toast(format!("Pulling warehouses of {} shop(s)…", targets.len()), false, cx.now);
            targets.into_iter().map(|shop_id| FulfilmentCommand::RefreshWarehouses { shop_id }.into()).collect()
        },
    ));
    vec![]
}
