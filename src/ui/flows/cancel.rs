//! Cancellations: the seller cancels with a reason valid for the order's status
//! (ORD-CANCEL-SELLER); a buyer's request is approved, or rejected with one of TikTok's reasons
//! (ORD-CANCEL-BUYER). Both are dangerous: they confirm, and read-only mode has neither.

use super::{Awaiting, Pick};
use crate::domain::package::seller_cancel_reasons;
use crate::domain::time::{date_time, relative};
use crate::sync::Command;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::view::ViewSource;

impl App {
    pub(crate) fn start_cancel(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ids: Vec<String> = self.order_targets().into_iter().take(1).collect();
        let Some(details) = self.details(&ids, views, now) else { return vec![] };
        let o = &details[0].order;
        let reasons: Vec<(String, String)> =
            seller_cancel_reasons(o.status.as_wire()).into_iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        if reasons.is_empty() {
            self.toast(format!("Order {} is {}: the seller can no longer cancel it", o.id, o.status.label()), true, now);
            return vec![];
        }
        let items = reasons.iter().map(|(_, t)| PickItem::new(t.clone(), "")).collect();
        let message = format!("Cancel order {} ({}, {} {}): why?", o.id, o.status.label(), o.payment.total_amount, o.payment.currency);
        self.push_picker(Picker::one("Cancel order", message, items, Pick::CancelReason { order_id: o.id.clone(), reasons }));
        vec![]
    }

    pub(crate) fn cancel_reason_chosen(&mut self, order_id: String, reasons: Vec<(String, String)>, i: usize) -> Vec<Command> {
        let Some((reason, text)) = reasons.get(i).cloned() else { return vec![] };
        self.push_confirm(
            format!("Cancel order {order_id}?"),
            format!("Cancel order {order_id} because: {text}. The buyer is refunded; this cannot be undone."),
            Command::CancelOrder { order_id, reason },
            true,
        );
        vec![]
    }

    pub(crate) fn start_answer(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let ids: Vec<String> = self.order_targets().into_iter().take(1).collect();
        self.answer_for(ids, views, now)
    }

    /// Answer the pending buyer request on an order.
    pub(crate) fn answer_for(&mut self, ids: Vec<String>, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let Some(details) = self.details(&ids, views, now) else { return vec![] };
        let d = &details[0];
        let Some(c) = d.cancellations.iter().find(|c| c.pending() && c.cancel_type == "BUYER_CANCEL") else {
            self.toast(format!("Order {} has no cancellation request waiting for an answer", d.order.id), true, now);
            return vec![];
        };
        let due = c
            .deadline
            .map(|t| format!(" Answer by {} ({}); without an answer TikTok grants it.", date_time(t), relative(t, now)))
            .unwrap_or_default();
        let message = format!("The buyer asks to cancel order {}: {}.{due}", d.order.id, c.reason_text);
        let items =
            vec![PickItem::new("Approve", "cancel the order and refund the buyer"), PickItem::new("Reject", "keep the order and ship it")];
        self.push_picker(Picker::one(
            "Cancellation request",
            message,
            items,
            Pick::AnswerChoice { cancel_id: c.id.clone(), order_id: d.order.id.clone() },
        ));
        vec![]
    }

    pub(crate) fn answer_chosen(&mut self, cancel_id: String, order_id: String, approve: bool, now: i64) -> Vec<Command> {
        if approve {
            self.push_confirm(
                "Approve the cancellation?".into(),
                format!("Order {order_id} is cancelled and the buyer refunded. This cannot be undone."),
                Command::AnswerCancellation { cancel_id, approve: true, reason: String::new(), comment: String::new() },
                true,
            );
            return vec![];
        }
        self.awaiting = Some(Awaiting::RejectReasons { cancel_id: cancel_id.clone(), order_id });
        self.toast("Asking TikTok for the reasons a rejection may give…", false, now);
        vec![Command::FetchRejectReasons { cancel_id }]
    }

    pub(crate) fn reject_reasons(&mut self, cancel_id: String, order_id: String, reasons: Vec<(String, String)>, now: i64) {
        if reasons.is_empty() {
            self.toast(format!("TikTok gives no reason to reject this request on order {order_id}: it can only be approved"), true, now);
            return;
        }
        let items = reasons.iter().map(|(_, t)| PickItem::new(t.clone(), "")).collect();
        let message = format!("Reject the request to cancel order {order_id} because:");
        self.push_picker(Picker::one("Reject the cancellation", message, items, Pick::RejectReason { cancel_id, order_id, reasons }));
    }

    /// An Inbox cancellation request: answer it.
    pub(crate) fn open_cancellation(&mut self, cancel_id: &str, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        match views.cancellation(cancel_id) {
            Ok(Some(c)) => self.answer_for(vec![c.order_id], views, now),
            Ok(None) => {
                self.toast(format!("Cancellation {cancel_id} is no longer in the store"), true, now);
                vec![]
            }
            Err(e) => {
                self.toast(format!("Cannot read cancellation {cancel_id}: {e}"), true, now);
                vec![]
            }
        }
    }
}
