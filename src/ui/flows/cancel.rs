//! Cancellations: the seller cancels with a reason valid for the order's status
//! (ORD-CANCEL-SELLER); a buyer's request is approved, or rejected with one of TikTok's reasons
//! (ORD-CANCEL-BUYER). Both are dangerous: they confirm, and read-only mode has neither.

use super::{details, order_targets};
use crate::domain::package::seller_cancel_reasons;
use crate::domain::time::{date_time, relative};
use crate::message::{Command, OrdersAnswer, OrdersCommand, Update};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;

pub fn start_cancel(app: &mut App, cx: &Cx) -> Vec<Command> {
    let ids: Vec<String> = order_targets(app).into_iter().take(1).collect();
    let Some(details) = details(app, &ids, cx) else { return vec![] };
    let o = &details[0].order;
    let reasons: Vec<(String, String)> =
        seller_cancel_reasons(o.status.as_wire()).into_iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    if reasons.is_empty() {
        app.toast(format!("Order {} is {}: the seller can no longer cancel it", o.id, o.status.label()), true, cx.now);
        return vec![];
    }
    let items = reasons.iter().map(|(_, t)| PickItem::new(t.clone(), "")).collect();
    let message = format!(
        "Cancel order {} ({}, {} {}): why?",
        o.id,
        o.status.label(),
        o.payment.total_amount,
        o.payment.currency
    );
    let order_id = o.id.clone();
    app.push(Picker::one("Cancel order", message, items, move |app, chosen, _| {
        let Some((reason, text)) = chosen.first().and_then(|i| reasons.get(*i)).cloned() else { return vec![] };
        app.push(Confirm::new(
            format!("Cancel order {order_id}?"),
            format!("Cancel order {order_id} because: {text}. The buyer is refunded; this cannot be undone."),
            OrdersCommand::CancelOrder { order_id, reason },
            true,
        ));
        vec![]
    }));
    vec![]
}

pub fn start_answer(app: &mut App, cx: &Cx) -> Vec<Command> {
    let ids: Vec<String> = order_targets(app).into_iter().take(1).collect();
    answer_for(app, ids, cx)
}

/// Answer the pending buyer request on an order.
pub fn answer_for(app: &mut App, ids: Vec<String>, cx: &Cx) -> Vec<Command> {
    let Some(details) = details(app, &ids, cx) else { return vec![] };
    let d = &details[0];
    let Some(c) = d.cancellations.iter().find(|c| c.pending() && c.cancel_type == "BUYER_CANCEL") else {
        app.toast(format!("Order {} has no cancellation request waiting for an answer", d.order.id), true, cx.now);
        return vec![];
    };
    let due = c
        .deadline
        .map(|t| format!(" Answer by {} ({}); without an answer TikTok grants it.", date_time(t), relative(t, cx.now)))
        .unwrap_or_default();
    let message = format!("The buyer asks to cancel order {}: {}.{due}", d.order.id, c.reason_text);
    let items = vec![
        PickItem::new("Approve", "cancel the order and refund the buyer"),
        PickItem::new("Reject", "keep the order and ship it"),
    ];
    let (cancel_id, order_id) = (c.id.clone(), d.order.id.clone());
    app.push(Picker::one("Cancellation request", message, items, move |app, chosen, cx| {
        answer_chosen(app, cancel_id, order_id, chosen.first() == Some(&0), cx)
    }));
    vec![]
}

fn answer_chosen(app: &mut App, cancel_id: String, order_id: String, approve: bool, cx: &Cx) -> Vec<Command> {
    if approve {
        app.push(Confirm::new(
            "Approve the cancellation?",
            format!("Order {order_id} is cancelled and the buyer refunded. This cannot be undone."),
            OrdersCommand::AnswerCancellation {
                cancel_id,
                approve: true,
                reason: String::new(),
                comment: String::new(),
            },
            true,
        ));
        return vec![];
    }
    let wanted = cancel_id.clone();
    app.wait(Box::new(move |app, u, cx| match u {
        Update::Orders(OrdersAnswer::RejectReasons { cancel_id, reasons }) if *cancel_id == wanted => {
            reject_reasons(app, cancel_id.clone(), order_id.clone(), reasons.clone(), cx.now);
            true
        }
        _ => false,
    }));
    app.toast("Asking TikTok for the reasons a rejection may give…", false, cx.now);
    vec![OrdersCommand::FetchRejectReasons { cancel_id }.into()]
}

fn reject_reasons(app: &mut App, cancel_id: String, order_id: String, reasons: Vec<(String, String)>, now: i64) {
    if reasons.is_empty() {
        app.toast(
            format!("TikTok gives no reason to reject this request on order {order_id}: it can only be approved"),
            true,
            now,
        );
        return;
    }
    let items = reasons.iter().map(|(_, t)| PickItem::new(t.clone(), "")).collect();
    let message = format!("Reject the request to cancel order {order_id} because:");
    app.push(Picker::one("Reject the cancellation", message, items, move |app, chosen, _| {
        let Some((reason, reason_text)) = chosen.first().and_then(|i| reasons.get(*i)).cloned() else { return vec![] };
        let help = format!("Reject: {reason_text}. A comment for the buyer (optional), enter to go on:");
        app.push(Prompt::new("Reject the cancellation", &help, "", move |app, comment, _| {
            app.push(Confirm::new(
                "Reject the cancellation?",
                format!(
                    "Reject the buyer's request to cancel order {order_id}: {reason_text}. The order stays to ship."
                ),
                OrdersCommand::AnswerCancellation {
                    cancel_id: cancel_id.clone(),
                    approve: false,
                    reason: reason.clone(),
                    comment,
                },
                true,
            ));
            Ok(vec![])
        }));
        vec![]
    }));
}

/// An Inbox cancellation request: answer it.
pub fn open_cancellation(app: &mut App, cancel_id: &str, cx: &Cx) -> Vec<Command> {
    match cx.views.cancellation(cancel_id) {
        Ok(Some(c)) => answer_for(app, vec![c.order_id], cx),
        Ok(None) => {
            app.toast(format!("Cancellation {cancel_id} is no longer in the store"), true, cx.now);
            vec![]
        }
        Err(e) => {
            app.toast(format!("Cannot read cancellation {cancel_id}: {e}"), true, cx.now);
            vec![]
        }
    }
}
