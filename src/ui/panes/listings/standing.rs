//! The Listings pane's view of a live product's sync (CAT-POST-STOP, CAT-POST-INVENTORY): what
//! is stopped on this shop, the last push's outcome, and what TikTok shows that tokshop did not
//! push (drift), with the command that resolves it.

use super::live_keys::{PUSH_OURS, TAKE_THEIRS, TOGGLE_SYNC};
use crate::domain::listing_sync::LiveSync;
use crate::ui::{RenderCtx, theme};
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

/// The detail's lines about a live product's sync. The keys that change it are named only to a
/// role that may use them (a read-only console is told what is so, never offered a write).
pub fn sync_lines(out: &mut Vec<Line<'static>>, s: Option<&LiveSync>, shop_id: &str, ctx: &RenderCtx) {
    let Some(s) = s else { return };
    let stopped = s.stops.describe();
    out.push(Line::from(vec![
        Span::styled("Sync      ", theme::dim()),
        if stopped.is_empty() {
            Span::raw("stock, price and info follow the platform")
        } else if ctx.may(&TOGGLE_SYNC) {
            Span::styled(format!("stopped for {stopped} ({} resumes)", ctx.keys(&TOGGLE_SYNC)), theme::warn())
        } else {
            Span::styled(format!("stopped for {stopped}"), theme::warn())
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
    if !s.drift.is_empty() && ctx.may(&PUSH_OURS) && ctx.may(&TAKE_THEIRS) {
        out.push(Line::styled(
            format!(
                "  {}: push ours · {}: take theirs (tokshop listings drift --shop {shop_id})",
                ctx.keys(&PUSH_OURS),
                ctx.keys(&TAKE_THEIRS)
            ),
            theme::dim(),
        ));
    }
}
