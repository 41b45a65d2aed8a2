//! Multi-step actions, per family. Each step is an overlay (a picker, a prompt, a
//! confirmation) that carries the step after it as a continuation, so each flow owns its steps
//! and answers; steps that need the engine (handover slots, combinable packages, reject
//! reasons, brands, a recommendation) wait for its answer with [`App::wait`].

pub mod attr_values;
pub mod cancel;
pub mod carriers;
pub mod catalog_map;
pub mod combine;
pub mod inbox;
pub mod link_skus;
pub mod listing;
pub mod listing_edit;
pub mod overrides;
pub mod quality;
pub mod ship;
pub mod shops;
pub mod split;
pub mod tracking;

use super::Cx;
use super::app::App;
use super::panes::orders::OrdersPane;
use super::panes::orders::detail::OrderDetail;
use crate::store::views::OrderDetailView;

/// The orders an order action applies to: the open detail's order, else the marked ones, else
/// the selected row.
pub fn order_targets(app: &App) -> Vec<String> {
    if let Some(d) = app.top::<OrderDetail>() {
        return vec![d.view.order.id.clone()];
    }
    app.pane::<OrdersPane>().map(|p| p.targets().into_iter().map(|r| r.id).collect()).unwrap_or_default()
}

/// Read orders for a flow; a missing one or a read error becomes a message.
pub fn details(app: &mut App, ids: &[String], cx: &Cx) -> Option<Vec<OrderDetailView>> {
    if ids.is_empty() {
        app.toast("Select an order first", true, cx.now);
        return None;
    }
    let mut out = Vec::new();
    for id in ids {
        match cx.views.order_detail(id) {
            Ok(Some(d)) => out.push(d),
            Ok(None) => {
                app.toast(format!("Order {id} is no longer in the store"), true, cx.now);
                return None;
            }
            Err(e) => {
                app.toast(format!("Cannot read order {id}: {e}"), true, cx.now);
                return None;
            }
        }
    }
    Some(out)
}
