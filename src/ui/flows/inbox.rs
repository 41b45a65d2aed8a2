//! Acting on an Inbox item: re-authorize a shop, retry a failed write, open an order at risk,
//! answer a cancellation request.

use crate::domain::attention::AttentionKind;
use crate::domain::role::Capability;
use crate::message::{Command, InboxCommand};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::panes::inbox::InboxPane;
use crate::ui::panes::orders::{OrdersPane, detail};

pub fn open_item(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(item) = app.pane::<InboxPane>().and_then(|p| p.selected()).cloned() else { return vec![] };
    let (_, rest) = item.key.split_once(':').unwrap_or(("", ""));
    let (may_retry, may_answer) = (app.access.can(Capability::Inbox), app.access.can(Capability::Cancellations));
    match (item.kind, &item.shop_id) {
        (
            AttentionKind::Reauthorize | AttentionKind::Deauthorized | AttentionKind::TokenRefreshFailed,
            Some(shop_id),
        ) => {
            if !app.access.can(Capability::Shops) {
                app.toast(
                    "Re-authorizing a shop changes it: not for this console (read-only or its role); ask an admin",
                    true,
                    cx.now,
                );
                return vec![];
            }
            if let Some(l) = app.shared.shop(shop_id).cloned() {
                return super::shops::reauthorize(app, shop_id, &l.shop.name, &l.shop.store);
            }
            app.toast("That shop is no longer connected here", true, cx.now);
        }
        (AttentionKind::WriteFailed, _) if !may_retry => {
            app.toast("Read-only mode: a failed write cannot be retried here", true, cx.now)
        }
        (AttentionKind::WriteFailed, _) => match rest.parse::<u64>() {
            Ok(id) => {
                app.toast(format!("Retrying outbox #{id}…"), false, cx.now);
                return vec![InboxCommand::RetryOutbox { id }.into()];
            }
            Err(_) => app.toast("This item names no outbox entry to retry", true, cx.now),
        },
        (AttentionKind::OrderAtRisk, _) => {
            app.show::<OrdersPane>(cx);
            detail::open(app, rest, cx);
        }
        (AttentionKind::CancellationRequest, _) if !may_answer => {
            app.toast("Read-only mode: cancellation requests are answered elsewhere", true, cx.now)
        }
        (AttentionKind::CancellationRequest, _) => return super::cancel::open_cancellation(app, rest, cx),
        (AttentionKind::ReturnRequest, _) => crate::ui::panes::returns::open(app, rest, cx),
        _ => app.toast("Nothing to do here beyond reading it; dismiss it when done", false, cx.now),
    }
    vec![]
}
