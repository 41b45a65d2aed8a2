//! The frame around the panes: the tab line on top, the key hints (or the latest message) and
//! the status bar (per-shop sync health and rate-limit budget, the re-authorization deadline,
//! the last error, the clock) at the bottom.

use super::RenderCtx;
use super::action::Action;
use super::app::Toast;
use super::global;
use super::theme;
use crate::domain::health::HealthSnapshot;
use crate::domain::time::{clock, date};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A pane's tab: its title, its short title, and a count beside it.
pub struct Tab {
    pub title: &'static str,
    pub short: &'static str,
    pub badge: Option<String>,
}

/// The tab line: every pane with its number, the current one with its title. The others get
/// titles as space allows, nearest to the current first: their short titles for all, then full
/// titles. Never cut. `who` (the user and role, or "read-only"; and a shorter form for narrow
/// screens) closes the line, in warning colours when the console may not write.
pub fn tabs(f: &mut Frame, area: Rect, tabs: &[Tab], current: usize, who: [&str; 2], read_only: bool) {
    // How each tab is labelled: 0 full title, 1 short title, 2 its number (and the current
    // one's title always).
    let label = |i: usize, t: &Tab, how: u8| {
        let (name, badge) = match how {
            _ if i == current => (t.title, true),
            0 => (t.title, true),
            1 => (t.short, true),
            _ => ("", false),
        };
        let badge = t.badge.as_ref().filter(|_| badge).map(|b| format!(" ({b})")).unwrap_or_default();
        format!("{} {name}{badge}", i + 1).trim_end().to_string()
    };
    let brand = " tokshop ";
    let marked = |m: &str| if m.is_empty() { String::new() } else { format!("  {m}") };
    let width = |levels: &[u8], mark: &str| -> usize {
        brand.len()
            + 1
            + mark.chars().count()
            + tabs.iter().enumerate().map(|(i, t)| label(i, t, levels[i]).chars().count() + 2).sum::<usize>()
    };
    let room = area.width as usize;
    // The user's name stays when every tab can still have its short title beside it.
    let mark = if width(&vec![1; tabs.len()], &marked(who[0])) <= room { marked(who[0]) } else { marked(who[1]) };
    let mut levels = vec![2u8; tabs.len()];
    let mut order: Vec<usize> = (0..tabs.len()).filter(|i| *i != current).collect();
    order.sort_by_key(|i| i.abs_diff(current));
    for level in [1, 0] {
        if levels.iter().enumerate().any(|(i, l)| i != current && *l > level + 1) {
            break;
        }
        for &i in &order {
            let before = levels[i];
            levels[i] = level;
            if width(&levels, &mark) > room {
                levels[i] = before;
            }
        }
    }
    let mut spans = vec![Span::styled(brand, theme::title()), Span::raw("│")];
    for (i, t) in tabs.iter().enumerate() {
        let style = if i == current { theme::tab_active() } else { theme::tab() };
        spans.push(Span::styled(format!(" {} ", label(i, t, levels[i])), style));
    }
    if !mark.is_empty() {
        spans.push(Span::styled(mark, if read_only { theme::warn() } else { theme::dim() }));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Key hints for a table, or a recent message in their place.
pub fn hints(f: &mut Frame, area: Rect, ctx: &RenderCtx, table: &str, idle: &[&Action], toast: Option<&Toast>) {
    if let Some(t) = toast.filter(|t| ctx.now - t.at < 6) {
        let style = if t.error { theme::error() } else { theme::ok() };
        let mut line = vec![Span::styled(t.text.clone(), style)];
        if t.text.chars().count() > usize::from(area.width) {
            // Cut, and said so: one key shows it whole.
            let more = format!(" {} whole message", ctx.keys(&global::MESSAGE));
            let room = usize::from(area.width).saturating_sub(more.chars().count());
            line = fit(line, room);
            line.push(Span::styled(more, theme::dim()));
        }
        f.render_widget(Paragraph::new(Line::from(line)), area);
        return;
    }
    // Pane actions first; "? help" always stays at the end, the rest is cut to fit.
    let help = ctx.keymap.keys_for(&global::HELP).into_iter().next().map(|k| (k, global::HELP.hint));
    let reserve = help.as_ref().map(|(k, h)| k.chars().count() + h.len() + 1).unwrap_or(0);
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (a, keys) in ctx.keymap.bindings(table) {
        if a.hidden(ctx.access) || idle.contains(&a) || !a.hinted {
            continue;
        }
        let Some(k) = keys.first() else { continue };
        let item = k.chars().count() + a.hint.len() + 3;
        if used + item + reserve > area.width as usize {
            break;
        }
        used += item;
        spans.push(Span::styled(k.clone(), theme::key()));
        spans.push(Span::raw(format!(" {}  ", a.hint)));
    }
    if let Some((k, h)) = help {
        spans.push(Span::styled(k, theme::key()));
        spans.push(Span::raw(format!(" {h}")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A short label for a shop in the status bar: the first word of its name and its region.
fn short(name: &str, region: &str) -> String {
    let first: String = name.split_whitespace().next().unwrap_or(name).chars().take(9).collect();
    format!("{first}·{region}")
}

/// Spans cut to `width` columns; what is cut is marked with an ellipsis.
pub fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return spans;
    }
    let mut out = Vec::new();
    let mut room = width.saturating_sub(1);
    for s in spans {
        let n = s.content.width();
        if n <= room {
            room -= n;
            out.push(s);
            continue;
        }
        // A long first part (a message) is cut; later whole parts (a shop) are left out.
        if out.is_empty() {
            let cut = head(&s.content, room);
            out.push(Span::styled(format!("{}…", cut.trim_end()), s.style));
            return out;
        }
        break;
    }
    // A shop's dot goes with its name.
    while out.last().is_some_and(|s| s.content == "●") {
        out.pop();
    }
    out.push(Span::raw("…"));
    out
}

/// The status bar; `error` is the engine's last error unless a key dismissed it.
pub fn status(
    f: &mut Frame,
    area: Rect,
    ctx: &RenderCtx,
    health: &HealthSnapshot,
    error: Option<&str>,
    lost: Option<&str>,
) {
    let shops = ctx.shared.shops_view();
    let mut spans: Vec<Span> = Vec::new();
    // Read-only stays on screen the whole time.
    if ctx.read_only() {
        spans.push(Span::styled(" READ-ONLY ", theme::read_only()));
        spans.push(Span::raw(" "));
    }
    // A lost engine first of all: nothing on screen is current until it is back.
    if let Some(why) = lost {
        spans.push(Span::styled(format!("✗ engine lost: {why}; reattaching… "), theme::error()));
    }
    // Deadlines and errors first: on a narrow screen they must not be the part that is cut.
    if let Some((name, t)) = shops.soonest_reauthorization() {
        let first: String = name.split_whitespace().next().unwrap_or(&name).chars().take(12).collect();
        spans.push(Span::styled(format!("⚠ re-authorize {first} by {} ", date(t)), theme::warn()));
    }
    if let Some(e) = error {
        spans.push(Span::styled(format!("✗ {e} "), theme::error()));
    }
    for h in &health.shops {
        let Some(line) = shops.shop(&h.shop_id) else {
            continue;
        };
        if !line.shop.status.syncs() {
            continue;
        }
        let dot_style = if h.last_error.is_some() {
            theme::error()
        } else if matches!(line.shop.status, crate::domain::shop::ShopStatus::ReauthorizeBy(_)) {
            theme::warn()
        } else {
            theme::ok()
        };
        spans.push(Span::styled("●", dot_style));
        let name = short(&line.shop.name, &line.shop.region);
        let used = h.stats.as_ref().map(|s| s.used_last_second).unwrap_or(0);
        let budget = match &h.stats {
            Some(s) if s.backoff_remaining_ms > 0 => {
                format!("{name} backoff {}s ", s.backoff_remaining_ms.div_ceil(1000))
            }
            _ if health.qps > 0 => format!("{name} {used}/{} ", health.qps),
            _ => format!("{name} "),
        };
        spans.push(Span::raw(budget));
    }
    let right = format!(" {} UTC ", clock(ctx.now));
    let left_width = area.width.saturating_sub(right.chars().count() as u16);
    let left_area = Rect { width: left_width, ..area };
    let right_area = Rect { x: area.x + left_width, width: area.width - left_width, ..area };
    let spans = fit(spans, usize::from(left_width));
    f.render_widget(Paragraph::new(Line::from(spans)).style(theme::status_bar()), left_area);
    f.render_widget(Paragraph::new(right).style(theme::status_bar()), right_area);
}

/// Long work going on: a gauge with its counts and estimate (the first piece of work; how many
/// more run beside it).
pub fn progress(f: &mut Frame, area: Rect, work: &[crate::domain::progress::Progress]) {
    let Some(p) = work.first() else { return };
    if area.height == 0 {
        return;
    }
    let more = match work.len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    let text = format!("{}: {}{more}", p.label, p.counts());
    // The words first; at least 12 columns of bar after them.
    let label = fit(vec![Span::raw(text)], usize::from(area.width.saturating_sub(13)));
    let gauge = ratatui::widgets::LineGauge::default()
        .ratio(p.ratio().unwrap_or(0.0))
        .filled_symbol("━")
        .unfilled_symbol("─")
        .label(Line::from(label))
        .filled_style(theme::ok())
        .unfilled_style(theme::dim());
    f.render_widget(gauge, area);
}

/// The widths ratatui's `Table` gives its columns in `width` (its layout: the constraints in
/// order, `spacing` between them, no selection column).
pub fn columns(width: u16, widths: &[Constraint], spacing: u16) -> Vec<u16> {
    Layout::horizontal(widths.iter().copied())
        .spacing(spacing)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

/// `text` cut to `width` columns, a cut marked with an ellipsis.
/// Columns are display cells: a CJK character or an emoji takes two, a combining mark none.
pub fn cut(text: &str, width: u16) -> String {
    let w = usize::from(width);
    if text.width() <= w {
        return text.to_string();
    }
    format!("{}…", head(text, w.saturating_sub(1)).trim_end())
}

/// The longest start of `text` that fits in `cols` display columns.
fn head(text: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > cols {
            return &text[..i];
        }
    }
    text
}

/// The one way a table row is made fit: each cell cut to its column's width from [`columns`],
/// a cut marked with an ellipsis, never silently; the style of each cell kept. Id columns are
/// given their whole width by the pane's constraints, so an id is never cut.
pub fn fit_row(cells: Vec<Span<'static>>, cols: &[u16]) -> ratatui::widgets::Row<'static> {
    ratatui::widgets::Row::new(cells.into_iter().enumerate().map(|(n, s)| {
        let w = cols.get(n).copied().unwrap_or(u16::MAX);
        ratatui::widgets::Cell::from(Span::styled(cut(&s.content, w), s.style))
    }))
}

/// [`columns`] of a table drawn in `area` inside a block with borders all round.
pub fn boxed_columns(area: Rect, widths: &[Constraint], spacing: u16) -> Vec<u16> {
    columns(area.width.saturating_sub(2), widths, spacing)
}

/// The rows of a window that are on screen (from `offset`, `height` of them), each cut to its
/// columns with an ellipsis ([`fit_row`]), the selected one highlighted.
pub fn visible_rows<T>(
    rows: &[T],
    (offset, height, selected): (usize, usize, usize),
    cols: &[u16],
    cells: impl Fn(&T) -> Vec<Span<'static>>,
) -> Vec<ratatui::widgets::Row<'static>> {
    rows.iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, r)| {
            let row = fit_row(cells(r), cols);
            if i == selected { row.style(crate::ui::theme::selected()) } else { row }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_are_cut_by_the_columns_they_take() {
        // Ten CJK characters take twenty columns: cut to ten, four fit beside the ellipsis.
        let name = "王小明的美妆旗舰店铺";
        let c = cut(name, 10);
        assert_eq!(c, "王小明的…");
        assert!(c.width() <= 10, "{c:?} takes {}", c.width());
        assert_eq!(cut("ab😀cd", 6), "ab😀cd");
        assert_eq!(cut("ab😀cd", 5), "ab😀…");
        assert_eq!(cut("ab😀cd", 3), "ab…");
        assert_eq!(cut("plain", 5), "plain");
    }

    #[test]
    fn a_status_line_of_wide_text_never_overflows() {
        let spans = vec![Span::raw("已发货的订单 ".repeat(8)), Span::raw("shop")];
        let out = fit(spans, 20);
        let w: usize = out.iter().map(|s| s.content.width()).sum();
        assert!(w <= 20, "{out:?} takes {w}");
        assert!(out[0].content.ends_with('…'));
    }
}
