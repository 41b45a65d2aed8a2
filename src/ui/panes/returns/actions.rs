//! The Returns pane's decisions, each confirmed: approve (a returnless refund too), a partial
//! refund offer, a return shipping fee, a rejection with one of TikTok's reasons for the
//! state, accepting or rejecting a received package, a replacement or a refund instead, the
//! seller's own label; and the warehouse's receive prompt, which acts only on a whole scanned
//! code that names exactly one package waiting.

use super::ReturnsPane;
use crate::domain::returns::{Return, status_label};
use crate::message::returns::Decide;
use crate::message::{Command, ReturnsAnswer, ReturnsCommand, Update};
use crate::store::views::ReturnQuery;
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;
use rust_decimal::Decimal;
use std::str::FromStr;

fn selected(app: &mut App, cx: &Cx) -> Option<Return> {
    let r = app.pane::<ReturnsPane>().and_then(|p| p.selected()).cloned();
    if r.is_none() {
        app.toast("No return selected", true, cx.now);
    }
    r
}

fn refuse(app: &mut App, r: &Return, what: &str, cx: &Cx) {
    let fits = r.decisions();
    let now = if fits.is_empty() { "nothing".to_string() } else { fits.join(", ").to_lowercase().replace('_', " ") };
    app.toast(format!("Return {} is {}: {what} does not fit; now: {now}", r.id, status_label(&r.status)), true, cx.now);
}

fn decide(app: &mut App, title: String, body: String, d: Decide) {
    app.push(Confirm::new(title, body, ReturnsCommand::Decide(d), true));
}

pub fn approve(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(r) = selected(app, cx) else { return vec![] };
    let Some(decision) = r.approve_decision(false) else {
        refuse(app, &r, "approving", cx);
        return vec![];
    };
    let total = format!("{} {}", r.refund.total, r.refund.currency);
    let id = r.id.clone();
    let base = Decide { return_id: id.clone(), approve: true, ..Default::default() };
    let items = match decision {
        "APPROVE_RETURN" if r.can_buyer_keep_item => vec![
            PickItem::new("Approve the return", "the buyer ships the item back, then is refunded"),
            PickItem::new("Refund, the buyer keeps the item", format!("a returnless refund of {total}")),
        ],
        "APPROVE_REPLACEMENT" => vec![
            PickItem::new("Send a replacement", "TikTok makes a replacement order to ship"),
            PickItem::new("Refund instead", format!("refund {total} and send nothing")),
        ],
        _ => {
            let what = decision.to_lowercase().replace('_', " ");
            decide(app, format!("Approve return {id}?"), format!("{what}: the buyer gets {total}."), base);
            return vec![];
        }
    };
    app.push(Picker::one("Approve", format!("Return {id}: {}", r.reason_text), items, move |app, chosen, _| {
        let second = chosen.first() == Some(&1);
        let mut d = base.clone();
        match decision {
            "APPROVE_RETURN" => d.keep_item = second,
            _ => d.refund_instead = second,
        }
        let what = if second { "refund now" } else { "approve" };
        decide(app, format!("{what} return {}?", d.return_id), format!("The buyer gets {total}."), d);
        vec![]
    }));
    vec![]
}

fn amount_prompt(app: &mut App, cx: &Cx, partial: bool) -> Vec<Command> {
    let Some(r) = selected(app, cx) else { return vec![] };
    let fits =
        if partial { r.decisions().contains(&"OFFER_PARTIAL_REFUND") } else { r.approve_decision(false).is_some() };
    if !fits {
        refuse(app, &r, if partial { "a partial refund" } else { "a return shipping fee" }, cx);
        return vec![];
    }
    let (total, c) = (r.refund.total, r.refund.currency.clone());
    let title = if partial { "Offer a partial refund" } else { "Charge a return shipping fee" };
    let help = if partial {
        format!("Amount to offer, below {total} {c} (checked against TikTok's Calculate Refund):")
    } else {
        format!("Fee deducted from the buyer's refund of {total} {c}:")
    };
    let id = r.id.clone();
    app.push(Prompt::new(title, &help, "", move |app, text, _| {
        let a = Decimal::from_str(text.trim()).map_err(|_| format!("{text:?} is not an amount"))?;
        if a <= Decimal::ZERO || a >= total || a.scale() > 2 {
            return Err(format!("give an amount above 0 and below {total}, with at most two decimals"));
        }
        let mut d = Decide { return_id: id.clone(), approve: true, ..Default::default() };
        let body = if partial {
            d.partial = Some(a.to_string());
            format!("Offer {a} {c} instead of {total} {c}; the buyer accepts or declines.")
        } else {
            d.shipping_fee = Some(a.to_string());
            format!("Approve and deduct {a} {c} of return shipping: the buyer gets {} {c}.", total - a)
        };
        decide(app, format!("{title} on return {id}?"), body, d);
        Ok(vec![])
    }));
    vec![]
}

pub fn partial(app: &mut App, cx: &Cx) -> Vec<Command> {
    amount_prompt(app, cx, true)
}

pub fn shipping_fee(app: &mut App, cx: &Cx) -> Vec<Command> {
    amount_prompt(app, cx, false)
}

/// Ask TikTok for the reasons valid now, then pick one, comment, confirm.
fn with_reasons(app: &mut App, r: &Return, package: bool, cx: &Cx) -> Vec<Command> {
    let wanted = r.id.clone();
    app.wait(Box::new(move |app, u, _| match u {
        Update::Returns(ReturnsAnswer::Reasons { return_id, reasons }) if *return_id == wanted => {
            pick_reason(app, return_id.clone(), reasons.clone(), package);
            true
        }
        _ => false,
    }));
    app.toast("Asking TikTok for the reasons valid now…", false, cx.now);
    vec![ReturnsCommand::FetchReasons { return_id: r.id.clone() }.into()]
}

fn pick_reason(app: &mut App, id: String, reasons: Vec<(String, String)>, package: bool) {
    if reasons.is_empty() {
        app.toast(format!("TikTok gives no reason to reject return {id} now"), true, 0);
        return;
    }
    let items = reasons.iter().map(|(_, t)| PickItem::new(t.clone(), "")).collect();
    app.push(Picker::one("Reject", format!("Reject return {id} because:"), items, move |app, chosen, _| {
        let Some((reason, text)) = chosen.first().and_then(|i| reasons.get(*i)).cloned() else { return vec![] };
        if package {
            let cmd = ReturnsCommand::Receive { return_id: id.clone(), accept: false, reason };
            app.push(Confirm::new(format!("Reject the package of return {id}?"), text, cmd, true));
            return vec![];
        }
        let help = format!("Reject: {text}. A comment for the buyer (optional), enter to go on:");
        let id = id.clone();
        app.push(Prompt::new("Reject", &help, "", move |app, comment, _| {
            let d = Decide { return_id: id.clone(), reason: reason.clone(), comment, ..Default::default() };
            evidence_prompt(app, d, text.clone());
            Ok(vec![])
        }));
        vec![]
    }));
}

/// The rejection's evidence: image files on the engine's machine, separated by commas (the
/// engine checks each before anything is sent, and uploads them with the rejection).
fn evidence_prompt(app: &mut App, d: Decide, text: String) {
    let help = "Evidence image files (optional, separate several with a comma), enter to go on:";
    app.push(Prompt::new("Reject", help, "", move |app, files, _| {
        let images: Vec<String> =
            files.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string).collect();
        let n = images.len();
        let body = if n == 0 { text.clone() } else { format!("{text}. With {n} evidence image(s).") };
        let d = Decide { images, ..d.clone() };
        decide(app, format!("Reject return {}?", d.return_id), body, d);
        Ok(vec![])
    }));
}

pub fn reject(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(r) = selected(app, cx) else { return vec![] };
    match r.reject_decision() {
        Some("REJECT_RECEIVED_PACKAGE") => with_reasons(app, &r, true, cx),
        Some(_) => with_reasons(app, &r, false, cx),
        None => {
            refuse(app, &r, "rejecting", cx);
            vec![]
        }
    }
}

/// Accept or reject a received package: the selected return, or a scanned one.
fn package_choice(app: &mut App, r: Return, cx: &Cx) -> Vec<Command> {
    if !r.received() {
        refuse(app, &r, "a package decision", cx);
        return vec![];
    }
    let items = vec![
        PickItem::new("Accept the package", format!("refund {} {}", r.refund.total, r.refund.currency)),
        PickItem::new("Reject the package", "with one of TikTok's reasons"),
    ];
    let msg = format!("Return {} · order {} · {}", r.id, r.order_id, r.reason_text);
    app.push(Picker::one("Received package", msg, items, move |app, chosen, cx| {
        if chosen.first() == Some(&0) {
            let cmd = ReturnsCommand::Receive { return_id: r.id.clone(), accept: true, reason: String::new() };
            let body = format!("The buyer is refunded {} {}.", r.refund.total, r.refund.currency);
            app.push(Confirm::new(format!("Accept the package of return {}?", r.id), body, cmd, true));
            return vec![];
        }
        with_reasons(app, &r, true, cx)
    }));
    vec![]
}

pub fn receive_selected(app: &mut App, cx: &Cx) -> Vec<Command> {
    match selected(app, cx) {
        Some(r) => package_choice(app, r, cx),
        None => vec![],
    }
}

/// The warehouse's prompt: a whole scanned code (enter), never a partial one.
pub fn receive_prompt(app: &mut App, _cx: &Cx) -> Vec<Command> {
    let help = "Scan the return's tracking number or type the order id, then enter:";
    app.push(Prompt::new("Receive a return", help, "", |app, code, cx| {
        let q = ReturnQuery { search: Some(code.trim().to_string()), ..Default::default() };
        let found = cx.views.returns(&q, None, 20).map_err(|e| format!("cannot read returns: {e}"))?;
        let waiting: Vec<Return> = found.rows.into_iter().filter(|r| r.received()).collect();
        match waiting.as_slice() {
            [one] => {
                if let Some(p) = app.pane_mut::<ReturnsPane>() {
                    p.focus = Some(one.id.clone());
                }
                Ok(package_choice(app, one.clone(), cx))
            }
            [] => Err(format!("no received package waits under {:?}", code.trim())),
            many => Err(format!("{} packages match: scan the return tracking number", many.len())),
        }
    }));
    vec![]
}

pub fn label(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(r) = selected(app, cx) else { return vec![] };
    if !r.decisions().contains(&"APPROVE_RETURN") {
        refuse(app, &r, "a return label", cx);
        return vec![];
    }
    let help = "Your label: FILE [CARRIER TRACKING] (a .png/.pdf; add qr: before FILE for a QR code):";
    let id = r.id.clone();
    app.push(Prompt::new("Provide a return label", help, "", move |app, text, _| {
        let mut words = text.split_whitespace();
        let first = words.next().ok_or("give the label's file")?;
        let (qr, file) = match first.strip_prefix("qr:") {
            Some(f) => (true, f.to_string()),
            None => (false, first.to_string()),
        };
        let (carrier, tracking) = (words.next().unwrap_or("").to_string(), words.next().unwrap_or("").to_string());
        let cmd = ReturnsCommand::Label { return_id: id.clone(), file: file.clone(), carrier, tracking, qr_code: qr };
        let body = format!("Approve return {id}; {file} is kept with it to give the buyer outside TikTok.");
        app.push(Confirm::new(format!("Provide a label for return {id}?"), body, cmd, true));
        Ok(vec![])
    }));
    vec![]
}
