//! After dispatch: a new tracking number for a shipped package (ORD-3PL-UPDATE), and the TikTok
//! shipping label of a TikTok-shipped order, saved and printed.

use super::{details, order_targets};
use crate::domain::order::ShippingType;
use crate::message::{Command, FulfilmentCommand};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;

pub fn start(app: &mut App, cx: &Cx) -> Vec<Command> {
    let ids: Vec<String> = order_targets(app).into_iter().take(1).collect();
    let Some(details) = details(app, &ids, cx) else { return vec![] };
    let d = &details[0];
    if d.order.shipping_type == ShippingType::Tiktok {
        app.toast(format!("Order {} ships with TikTok: its tracking number is TikTok's", d.order.id), true, cx.now);
        return vec![];
    }
    let shipped: Vec<_> = d.packages.iter().filter(|p| p.shipped()).collect();
    match shipped.as_slice() {
        [] => {
            app.toast(format!("Order {} has no shipped package: ship it first", d.order.id), true, cx.now);
            vec![]
        }
        [p] => package_chosen(app, p.id.clone(), cx),
        many => {
            let items = many
                .iter()
                .map(|p| {
                    PickItem::new(
                        p.id.clone(),
                        format!(
                            "{} {}",
                            p.shipping_provider_name.clone().unwrap_or_default(),
                            p.tracking_number.clone().unwrap_or_default()
                        ),
                    )
                })
                .collect();
            let packages: Vec<String> = many.iter().map(|p| p.id.clone()).collect();
            app.push(Picker::one("Update tracking", "Which package?", items, move |app, chosen, cx| {
                let Some(p) = chosen.first().and_then(|i| packages.get(*i)).cloned() else { return vec![] };
                package_chosen(app, p, cx)
            }));
            vec![]
        }
    }
}

fn package_chosen(app: &mut App, package_id: String, cx: &Cx) -> Vec<Command> {
    let carriers: Vec<String> = app.shared.carriers_view().carriers.into_iter().map(|c| c.name).collect();
    if carriers.is_empty() {
        app.toast("No carriers yet: add yours in the Mapping pane (4, then a)", true, cx.now);
        return vec![];
    }
    let items = carriers.iter().map(|c| PickItem::new(c.clone(), "")).collect();
    let message = format!("Package {package_id}: which carrier carries the new tracking number?");
    app.push(Picker::one("Update tracking", message, items, move |app, chosen, _| {
        let Some(carrier) = chosen.first().and_then(|i| carriers.get(*i)).cloned() else { return vec![] };
        let help = format!("New tracking number for package {package_id} ({carrier}); type or scan it:");
        app.push(Prompt::new("Update tracking", &help, "", move |app, value, _| {
            crate::domain::package::validate_tracking(&value)?;
            app.push(Confirm::new(
                "Update tracking?",
                format!(
                    "Package {package_id} gets tracking number {value} with {carrier}. TikTok allows one change, \
                    within 48 hours of shipping."
                ),
                FulfilmentCommand::UpdateTracking {
                    package_id: package_id.clone(),
                    carrier: carrier.clone(),
                    tracking: value,
                },
                false,
            ));
            Ok(vec![])
        }));
        vec![]
    }));
    vec![]
}

/// `print-label`: the TikTok shipping label of the order's package (which one, when several).
pub fn start_label(app: &mut App, cx: &Cx) -> Vec<Command> {
    let ids: Vec<String> = order_targets(app).into_iter().take(1).collect();
    let Some(details) = details(app, &ids, cx) else { return vec![] };
    let d = &details[0];
    if d.order.shipping_type != ShippingType::Tiktok {
        app.toast(
            format!("Order {} ships with your own carrier: print its label from the carrier", d.order.id),
            true,
            cx.now,
        );
        return vec![];
    }
    let mut packages: Vec<String> = d.packages.iter().map(|p| p.id.clone()).collect();
    if packages.is_empty() {
        packages = d.order.lines.iter().filter_map(|l| l.package_id.clone()).collect();
        packages.dedup();
    }
    match packages.len() {
        0 => {
            app.toast(format!("Order {} has no package yet", d.order.id), true, cx.now);
            vec![]
        }
        1 => print_label(app, packages.remove(0), cx.now),
        _ => {
            let items = packages.iter().map(|p| PickItem::new(p.clone(), "")).collect();
            app.push(Picker::one("Print label", "Which package?", items, move |app, chosen, cx| {
                chosen
                    .first()
                    .and_then(|i| packages.get(*i))
                    .map(|p| print_label(app, p.clone(), cx.now))
                    .unwrap_or_default()
            }));
            vec![]
        }
    }
}

fn print_label(app: &mut App, package_id: String, now: i64) -> Vec<Command> {
    app.toast(format!("Fetching the label of package {package_id}…"), false, now);
    vec![FulfilmentCommand::PrintLabel { package_id }.into()]
}
