//! The selected return's detail: lines with quantities and SKUs (platform SKU too), refund
//! amounts as exact decimals with currency, return shipping, the buyer's evidence (reasons,
//! notes, photo URLs), the status history with its sources, the linked orders, and what fits
//! now. Every text a buyer or TikTok wrote goes through the one sanitiser.

use crate::domain::returns::{cents, status_label};
use crate::domain::text::{inert_line, quoted};
use crate::domain::time::{date_time, relative};
use crate::store::views::ReturnDetail;
use crate::ui::theme;
use ratatui::text::{Line, Span};

fn head(s: &str) -> Span<'static> {
    Span::styled(s.to_string(), theme::title())
}

fn kv(k: &str, v: String) -> Line<'static> {
    Line::from(vec![Span::styled(format!("{k}: "), theme::dim()), Span::raw(v)])
}

pub fn lines(d: &ReturnDetail, now: i64) -> Vec<Line<'static>> {
    let r = &d.ret;
    let c = &r.refund.currency;
    let mut out = vec![Line::from(vec![
        head(&format!("Return {} ", r.id)),
        Span::raw(format!("· {} · {}", r.type_word(), status_label(&r.status))),
    ])];
    if let (Some(t), true) = (r.deadline, r.waiting()) {
        let style = if t < now {
            theme::error()
        } else if t < now + 86_400 {
            theme::warn()
        } else {
            theme::ok()
        };
        out.push(Line::from(vec![
            Span::styled(format!("Respond by {} ({})", date_time(t), relative(t, now)), style),
            Span::styled(format!(" · then {}", r.on_deadline()), theme::dim()),
        ]));
    }
    if let Some(a) = &r.arbitration {
        out.push(kv("Arbitration", a.to_lowercase().replace('_', " ")));
    }
    out.push(kv("Reason", inert_line(&r.reason_text).into_owned()));
    out.push(Line::from(head("Lines")));
    for l in &r.lines {
        out.push(Line::from(format!(
            "  1 × {} {} · SKU {} · {} {c}",
            inert_line(&l.seller_sku),
            quoted(&l.product_name, 40),
            l.sku_id,
            cents(l.refund_total)
        )));
    }
    let f = &r.refund;
    out.push(kv(
        "Refund",
        format!(
            "{} {c} (items {}, shipping {}, tax {}, fees {})",
            cents(f.total),
            cents(f.subtotal),
            cents(f.shipping),
            cents(f.tax),
            cents(f.retail_delivery_fee + f.buyer_service_fee)
        ),
    ));
    if let Some(p) = r.partial_refund {
        let answer = match r.buyer_rejected_partial_refund {
            Some(true) => "declined by the buyer",
            Some(false) => "accepted",
            None => "waiting for the buyer",
        };
        out.push(kv("Partial refund", format!("{} {c}, {answer}", cents(p))));
    }
    out.push(kv(
        "Return shipping",
        format!(
            "{} · {} {} · buyer pays {} / seller {} / platform {} {c}",
            r.return_method.to_lowercase().replace('_', " "),
            inert_line(&r.provider_name),
            r.tracking.clone().unwrap_or_else(|| "no tracking yet".into()),
            cents(r.shipping_buyer),
            cents(r.shipping_seller),
            cents(r.shipping_platform)
        ),
    ));
    if let Some(u) = &r.label_url {
        out.push(kv("TikTok's label", inert_line(u).into_owned()));
    }
    if let Some(l) = &d.seller_label {
        let what = if l.document_type == "QR_CODE" { "QR code" } else { "label" };
        out.push(kv(
            &format!("Your {what} (give it to the buyer outside TikTok)"),
            format!("{} · {} {}", inert_line(&l.file), inert_line(&l.carrier), inert_line(&l.tracking)),
        ));
    }
    out.push(Line::from(head("Evidence")));
    let mut n = 0;
    for x in &r.records {
        out.push(Line::from(vec![
            Span::styled(format!("  {} {} ", date_time(x.create_time), inert_line(&x.role)), theme::dim()),
            Span::raw(inert_line(&x.description).into_owned()),
        ]));
        if !x.note.is_empty() {
            out.push(Line::from(format!("    {}", quoted(&x.note, 200))));
        }
        for u in &x.image_urls {
            n += 1;
            out.push(Line::from(Span::styled(format!("    photo {n} {}", inert_line(u)), theme::key())));
        }
    }
    out.push(Line::from(head("History")));
    for h in &d.history {
        out.push(Line::from(format!(
            "  {} {} via {}",
            date_time(h.at),
            status_label(h.status.split(' ').next().unwrap_or("")),
            h.source.label()
        )));
    }
    let order = match &d.order_status {
        Some(s) => format!("{} ({})", r.order_id, s.to_lowercase().replace('_', " ")),
        None => format!("{} (not synced yet)", r.order_id),
    };
    out.push(kv(if d.order_is_replacement { "Order (a replacement)" } else { "Order" }, order));
    if let Some(rep) = &r.replacement_order_id {
        out.push(kv("Replacement order", rep.clone()));
    }
    let fits = r.decisions();
    out.push(kv(
        "Now",
        if fits.is_empty() { "nothing to decide".into() } else { fits.join(", ").to_lowercase().replace('_', " ") },
    ));
    out
}
