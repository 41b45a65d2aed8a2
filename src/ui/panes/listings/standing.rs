//! The Listings pane's view of a live product's sync (CAT-POST-STOP, CAT-POST-INVENTORY): what
//! is stopped on this shop, the last push's outcome, and what TikTok shows that tokshop did not
//! push (drift), with the command that resolves it.

use crate::domain::listing_sync::LiveSync;
use crate::ui::theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The list's word for a live product: "live", or with what needs a look.
pub fn live_state(s: Option<&LiveSync>) -> (String, Style) {
    match s {
        Some(s) if !s.drift.is_empty() => ("live · drift".into(), theme::warn()),
        Some(s) if s.stops.any() => ("live · sync stopped".into(), theme::warn()),
        Some(s) if s.last_kind == "refused" => ("live · push refused".into(), theme::error()),
        _ => ("live".into(), theme::ok()),
    }
}

/// The detail's lines about a live product's sync.
pub fn sync_lines(out: &mut Vec<Line<'static>>, s: Option<&LiveSync>, shop_id: &str) {
    let Some(s) = s else { return };
    let stopped = s.stops.describe();
    out.push(Line::from(vec![
        Span::styled("Sync      ", theme::dim()),
        if stopped.is_empty() {
            Span::raw("stock, price and info follow the platform")
        } else {
            Span::styled(format!("stopped for {stopped} (x resumes)"), theme::warn())
        },
    ]));
    if !s.last_outcome.is_empty() && s.drift.is_empty() {
        let style = if s.last_kind == "refused" { theme::error() } else { theme::dim() };
        out.push(Line::styled(format!("  last push: {}", s.last_outcome), style));
    }
    for d in &s.drift {
        out.push(Line::styled(
            format!("  drift: {} {} is {} on TikTok, {} here", d.seller_sku, d.field, d.theirs, d.ours),
            theme::warn(),
        ));
    }
    if !s.drift.is_empty() {
        out.push(Line::styled(
            format!("  O: push ours · T: take theirs (tokshop listings drift --shop {shop_id})"),
            theme::dim(),
        ));
    }
}
