//! Splitting an order (ORD-SPLIT-API): tick the lines of the first package, then ship them now
//! with the seller's carrier (a split shipment) or split the order into packages on TikTok.

use super::ship::{carrier_picker, not_shippable};
use super::{details, order_targets};
use crate::message::{Command, FulfilmentCommand};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};

pub fn start(app: &mut App, cx: &Cx) -> Vec<Command> {
    let ids: Vec<String> = order_targets(app).into_iter().take(1).collect();
    let Some(details) = details(app, &ids, cx) else { return vec![] };
    let d = &details[0];
    if let Some(why) = not_shippable(d) {
        app.toast(format!("Cannot split: {why}"), true, cx.now);
        return vec![];
    }
    let lines: Vec<_> = d.order.lines_to_ship().collect();
    if lines.len() < 2 {
        app.toast(format!("Order {} has one line left to ship: nothing to split, ship it", d.order.id), true, cx.now);
        return vec![];
    }
    let items = lines
        .iter()
        .map(|l| PickItem::new(format!("{} {}", l.seller_sku, l.product_name), format!("{} · {}", l.sku_name, l.id)))
        .collect();
    let ids: Vec<String> = lines.iter().map(|l| l.id.clone()).collect();
    let n = lines.len();
    let order_id = d.order.id.clone();
    app.push(Picker::many(
        format!("Split order {}", d.order.id),
        "Tick the lines for the first package; the others go in a second one.",
        items,
        vec![false; n],
        move |app, chosen, cx| lines_chosen(app, order_id, ids, chosen, cx),
    ));
    vec![]
}

fn lines_chosen(app: &mut App, order_id: String, lines: Vec<String>, chosen: Vec<usize>, cx: &Cx) -> Vec<Command> {
    let ship_now: Vec<String> = chosen.iter().filter_map(|i| lines.get(*i).cloned()).collect();
    let rest: Vec<String> = lines.iter().filter(|l| !ship_now.contains(l)).cloned().collect();
    if rest.is_empty() {
        app.toast("Every line is ticked: that is not a split, ship the order instead", true, cx.now);
        return vec![];
    }
    let items = vec![
        PickItem::new("Ship the ticked lines now", "with your carrier; the rest ships later"),
        PickItem::new("Split into two packages on TikTok", "ship each package later"),
    ];
    let message = format!("{} line(s) in the first package, {} in the second.", ship_now.len(), rest.len());
    app.push(Picker::one(format!("Split order {order_id}"), message, items, move |app, chosen, cx| {
        how_chosen(app, order_id, ship_now, rest, chosen.first().copied().unwrap_or(0), cx)
    }));
    vec![]
}

fn how_chosen(
    app: &mut App,
    order_id: String,
    ship_now: Vec<String>,
    rest: Vec<String>,
    how: usize,
    cx: &Cx,
) -> Vec<Command> {
    if how == 0 {
        let Some(details) = details(app, std::slice::from_ref(&order_id), cx) else { return vec![] };
        let message = format!("Ship {} line(s) of order {order_id} with which carrier?", ship_now.len());
        carrier_picker(app, "Split shipment", message, vec![order_id], ship_now, &details, cx);
        return vec![];
    }
    app.push(Confirm::new(
        format!("Split order {order_id}?"),
        format!(
            "Two packages: lines {} and lines {}. Each ships on its own afterwards.",
            ship_now.join(", "),
            rest.join(", ")
        ),
        FulfilmentCommand::SplitOrder { order_id, groups: vec![ship_now, rest] },
        false,
    ));
    vec![]
}
