//! Combining orders from tokshop (ORD-COMBINE-3PL1): TikTok says which of the shop's packages
//! may ship together; the operator picks a group, preferring the one with the selected orders.

use super::{details, order_targets};
use crate::message::{Command, FulfilmentAnswer, FulfilmentCommand, Update};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};

pub fn start(app: &mut App, cx: &Cx) -> Vec<Command> {
    let ids = order_targets(app);
    let Some(details) = details(app, &ids, cx) else { return vec![] };
    let mut shops: Vec<String> = details.iter().map(|d| d.order.shop_id.clone()).collect();
    shops.dedup();
    if shops.len() != 1 {
        app.toast("Orders combine within one shop: select orders of a single shop", true, cx.now);
        return vec![];
    }
    let shop_id = shops.remove(0);
    let wanted = shop_id.clone();
    app.wait(Box::new(move |app, u, cx| match u {
        Update::Fulfilment(FulfilmentAnswer::Combinable { shop_id, groups }) if *shop_id == wanted => {
            combinable(app, shop_id.clone(), ids.clone(), groups.clone(), cx.now);
            true
        }
        _ => false,
    }));
    let name = app.shared.carriers_view().shop_name(&shop_id);
    app.toast(format!("Asking TikTok which packages of {name} combine…"), false, cx.now);
    vec![FulfilmentCommand::FetchCombinable { shop_id }.into()]
}

fn combinable(app: &mut App, shop_id: String, prefer: Vec<String>, mut groups: Vec<(String, Vec<String>)>, now: i64) {
    if groups.is_empty() {
        let name = app.shared.carriers_view().shop_name(&shop_id);
        app.toast(
            format!(
                "TikTok offers nothing to combine for {name} now: orders combine when they go to the same buyer and \
                    address, from the same warehouse, awaiting shipment"
            ),
            true,
            now,
        );
        return;
    }
    groups.sort_by_key(|(_, orders)| !orders.iter().any(|o| prefer.contains(o)));
    let items = groups
        .iter()
        .map(|(pre, orders)| {
            PickItem::new(format!("{} orders: {}", orders.len(), orders.join(", ")), format!("package {pre}"))
        })
        .collect();
    let message = "TikTok would ship these orders together. Combine which?".to_string();
    app.push(Picker::one("Combine orders", message, items, move |app, chosen, _| {
        let Some((pre, orders)) = chosen.first().and_then(|i| groups.get(*i)).cloned() else { return vec![] };
        app.push(Confirm::new(
            format!("Combine {} orders?", orders.len()),
            format!(
                "Orders {} become one package ({pre}) with one tracking number. Uncombine from the Packages pane.",
                orders.join(", ")
            ),
            FulfilmentCommand::Combine { shop_id, pre_package_id: pre, order_ids: orders },
            false,
        ));
        vec![]
    }));
}
