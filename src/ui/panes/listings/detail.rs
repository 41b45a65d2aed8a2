//! Drawing the Listings pane: the product list with where each stands on the shop, and the
//! selected product's detail (what is missing and how to fix it, TikTok's reasons, what the
//! operator set), wrapped with a hanging indent and scrolled when it does not fit.

use super::{
    CHECK_LISTING, DETAIL_DOWN, DETAIL_UP, IMPORT_CATALOG, LINK_LISTING, LIST_PRODUCT, ListingsPane, shop_label,
};
use crate::domain::time::{date_time, relative};
use crate::store::views::{ListingEntry, ProductOnShop};
use crate::ui::notice::{cannot_show, notice};
use crate::ui::{RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

impl ListingsPane {
    /// Where a product stands on the selected shop, and how to show it.
    fn state(&self, p: &ProductOnShop) -> (String, Style) {
        if self.shop_id().is_none() {
            return ("-".into(), theme::dim());
        }
        if let Some(l) = p.listing() {
            return match (l.status.as_str(), l.audit.as_str()) {
                ("ACTIVATE", _) => super::standing::live_state(p.live.iter().find(|s| s.product_id == l.product_id)),
                (_, "FAILED") | ("FAILED", _) => ("rejected".into(), theme::error()),
                ("DRAFT", _) => ("draft on TikTok".into(), theme::warn()),
                (_, "PRE_APPROVED") => ("pre-approved".into(), theme::warn()),
                _ => ("in review".into(), theme::warn()),
            };
        }
        match &p.check {
            None => ("not checked".into(), theme::dim()),
            Some(r) if r.missing.is_empty() => ("ready".into(), theme::ok()),
            Some(r) => (format!("{} missing", r.missing.len()), theme::error()),
        }
    }

    pub(super) fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let count = self.catalog.ready().map(|c| c.products).unwrap_or(0);
        let label = self
            .shop_id()
            .and_then(|id| ctx.shared.shop(id))
            .map(|l| shop_label(&l.shop))
            .unwrap_or_else(|| "no shop".into());
        let title = format!(" Listings · {label} · {count} products ");
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        if let Some(e) = self.catalog.error().or(self.window.error.as_deref()) {
            return notice(f, area, Some(block), cannot_show("listings", e));
        }
        if count == 0 {
            let store = self.store().map(|s| format!(" in {s}")).unwrap_or_default();
            let mut text = vec![Line::from(if self.shop.id().is_none() {
                "No live shop: connect one in the Shops pane to list products on it.".to_string()
            } else {
                format!("No products{store} yet.")
            })];
            if ctx.may(&IMPORT_CATALOG) {
                text.push(Line::styled(
                    format!(
                        "Import your catalogue ({}: a Shopify product CSV or tokshop JSON), or: tokshop catalog import \
                            FILE",
                        ctx.keys(&IMPORT_CATALOG)
                    ),
                    theme::dim(),
                ));
            }
            f.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: true }), area);
            return;
        }
        let inner = block.inner(area);
        f.render_widget(block, area);
        let wide = area.width >= 110;
        let [list, detail] = if wide {
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).spacing(1).areas(inner)
        } else {
            // The list takes what its rows need, up to half; the detail gets the rest.
            let need = u16::try_from(self.window.rows().len() + 1).unwrap_or(u16::MAX);
            Layout::vertical([Constraint::Length(need.min(inner.height / 2)), Constraint::Fill(1)])
                .spacing(1)
                .areas(inner)
        };
        self.render_list(f, list, wide);
        self.render_detail(f, detail, ctx);
    }

    fn render_list(&mut self, f: &mut Frame, area: Rect, wide: bool) {
        let height = area.height.saturating_sub(1) as usize;
        self.window.page = height.max(1);
        let offset = self.window.cursor.scroll(height);
        let selected = self.window.cursor.selected;
        let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
            (
                vec!["Product", "On this shop", "Type", "SKUs", "Stock"],
                vec![
                    Constraint::Fill(1),
                    Constraint::Length(15),
                    Constraint::Length(14),
                    Constraint::Length(4),
                    Constraint::Length(5),
                ],
            )
        } else {
            (
                vec!["Product", "On this shop", "SKUs", "Stock"],
                vec![Constraint::Fill(1), Constraint::Length(15), Constraint::Length(4), Constraint::Length(5)],
            )
        };
        // The table has no border: its columns share the whole width.
        let cols = crate::ui::chrome::columns(area.width, &widths, 1);
        let lines: Vec<Row> = self
            .window
            .rows()
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, r)| {
                let row = match r {
                    ListingEntry::Product(e) => {
                        let p = &e.product;
                        let (state, style) = self.state(e);
                        let stock: i64 = p.variants.iter().map(|v| v.inventory).sum();
                        let mut cells = vec![Span::from(p.handle.clone()), Span::styled(state, style)];
                        if wide {
                            cells.push(Span::from(p.product_type.clone()));
                        }
                        cells.push(Span::from(format!("{}", p.variants.len())));
                        cells.push(Span::from(stock.to_string()));
                        crate::ui::chrome::fit_row(cells, &cols)
                    }
                    ListingEntry::Unmatched(l) => {
                        let mut cells =
                            vec![Span::styled(l.title.clone(), theme::dim()), Span::styled("unmatched", theme::warn())];
                        if wide {
                            cells.push(Span::styled("made on TikTok", theme::dim()));
                        }
                        cells.push(Span::from(l.skus.len().to_string()));
                        cells.push(Span::from(""));
                        crate::ui::chrome::fit_row(cells, &cols)
                    }
                };
                if i == selected { row.style(theme::selected()) } else { row }
            })
            .collect();
        let t = Table::new(lines, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .column_spacing(1);
        f.render_widget(t, area);
    }

    fn render_detail(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let mut out: Vec<Line> = Vec::new();
        match (self.selected(), self.shop_id()) {
            (Some(ListingEntry::Unmatched(l)), _) => {
                out.push(Line::styled(format!("TikTok product {} · {}", l.product_id, l.title), theme::header()));
                out.push(Line::from(format!(
                    "Made outside tokshop; no platform SKU matches: {}",
                    l.skus.iter().map(|s| s.seller_sku.as_str()).collect::<Vec<_>>().join(", ")
                )));
                if ctx.may(&LINK_LISTING) {
                    out.push(Line::styled(
                        format!(
                            "{} links it to a platform product, so its orders map to your SKUs.",
                            ctx.keys(&LINK_LISTING)
                        ),
                        theme::dim(),
                    ));
                }
            }
            (Some(ListingEntry::Product(e)), Some(_)) => self.product_detail(&mut out, e, ctx),
            _ => out.push(Line::styled("Connect a shop to list products on it.", theme::dim())),
        }
        // Wrapped here with a hanging indent, so a continuation sits under its item's text.
        let out: Vec<Line> = out.into_iter().flat_map(|l| crate::ui::wrap::hanging(l, area.width)).collect();
        let total = u16::try_from(out.len()).unwrap_or(u16::MAX);
        let text = Paragraph::new(out);
        if total <= area.height {
            self.detail_scroll = 0;
            f.render_widget(text, area);
            return;
        }
        // Too long for the space: the last row says where we are and how to scroll.
        let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        self.detail_scroll = self.detail_scroll.min(total.saturating_sub(body.height));
        let first = self.detail_scroll + 1;
        let last = (self.detail_scroll + body.height).min(total);
        f.render_widget(text.scroll((self.detail_scroll, 0)), body);
        let keys = format!("{}/{}", ctx.keys(&DETAIL_DOWN), ctx.keys(&DETAIL_UP));
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("── rows {first}–{last} of {total} · {keys} scrolls ──"),
                theme::dim(),
            )),
            footer,
        );
    }

    fn product_detail(&self, out: &mut Vec<Line<'static>>, e: &ProductOnShop, ctx: &RenderCtx) {
        let v = self.catalog.or_empty();
        let p = &e.product;
        out.push(Line::styled(format!("{} · {}", p.handle, p.title), theme::header()));
        let cat = v.category_map(&p.product_type).map(|m| m.category_path.clone());
        out.push(Line::from(vec![
            Span::styled("Category  ", theme::dim()),
            Span::raw(cat.unwrap_or_else(|| format!("{:?} not mapped", p.product_type))),
        ]));
        let brand = v.brand_map(&p.vendor).map(|m| m.brand_name.clone());
        out.push(Line::from(vec![
            Span::styled("Brand     ", theme::dim()),
            Span::raw(brand.unwrap_or_else(|| format!("{:?} not mapped (optional)", p.vendor))),
        ]));
        let listed_in_check =
            e.check.as_ref().is_some_and(|r| r.missing.iter().any(|m| m.field.starts_with("prerequisites")));
        if let Some(pr) = v.prerequisites.as_ref().filter(|_| !listed_in_check) {
            for c in pr.failing() {
                out.push(Line::styled(format!("Shop not ready: {} — {}", c.item, c.reasons.join(" ")), theme::error()));
            }
        }
        if let Some(l) = e.listing() {
            out.push(Line::from(vec![
                Span::styled("On TikTok ", theme::dim()),
                Span::raw(format!(
                    "product {} · {} ({}{})",
                    l.product_id,
                    status_words(&l.status),
                    l.status,
                    if l.audit.is_empty() { String::new() } else { format!(", audit {}", l.audit) }
                )),
            ]));
            for r in &l.reasons {
                out.push(Line::styled(format!("  rejected: {r}"), theme::error()));
            }
            for w in &l.warnings {
                out.push(Line::styled(format!("  TikTok warns: {w}"), theme::warn()));
            }
            let live = e.live.iter().find(|s| s.product_id == l.product_id);
            super::standing::sync_lines(out, live.filter(|_| l.status == "ACTIVATE"), &l.shop_id, ctx);
            if l.origin == crate::domain::listing::Origin::Tokshop
                && ctx.may(&LIST_PRODUCT)
                && matches!(l.status.as_str(), "FAILED" | "DRAFT" | "PLATFORM_DEACTIVATED")
            {
                let what = if l.status == "DRAFT" { "publishes the draft" } else { "resubmits it once fixed" };
                out.push(Line::styled(
                    format!("  {} {what}: the same TikTok product, not a new one.", ctx.keys(&LIST_PRODUCT)),
                    theme::dim(),
                ));
            }
        }
        match &e.check {
            None => out.push(Line::styled(
                format!("Not checked on this shop yet: {} checks every rule.", ctx.keys(&CHECK_LISTING)),
                theme::dim(),
            )),
            Some(r) => {
                let when = format!("checked {} ({})", date_time(r.at), relative(r.at, ctx.now));
                if r.missing.is_empty() {
                    out.push(Line::styled(format!("Ready to list · {when}"), theme::ok()));
                } else {
                    out.push(Line::styled(format!("{} missing · {when}", r.missing.len()), theme::error()));
                }
                for m in &r.missing {
                    out.push(Line::from(vec![
                        Span::styled(format!("  ✗ {} ", m.field), theme::error()),
                        Span::raw(m.problem.clone()),
                    ]));
                    out.push(Line::styled(format!("    → {}", m.fix), theme::dim()));
                }
                for n in &r.notes {
                    out.push(Line::styled(format!("  · {n}"), theme::dim()));
                }
            }
        }
        if let Some(d) = &e.draft {
            let hazmat = match &d.hazmat {
                None => "not answered".to_string(),
                Some(h) if !h.contains => "none".into(),
                Some(h) => h.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", "),
            };
            out.push(Line::from(vec![Span::styled("Hazmat    ", theme::dim()), Span::raw(hazmat)]));
            if !d.certifications.is_empty() {
                out.push(Line::from(vec![
                    Span::styled("Certs     ", theme::dim()),
                    Span::raw(
                        d.certifications
                            .iter()
                            .map(|(id, c)| {
                                let name = e
                                    .requirements
                                    .as_ref()
                                    .and_then(|r| r.rules.certifications.iter().find(|x| &x.id == id))
                                    .map(|x| x.name.clone())
                                    .unwrap_or_else(|| id.clone());
                                format!("{name}: {} file(s)", c.files.len())
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ]));
            }
            if let (Some(w), dims) = (&d.package_weight_kg, &d.package_dimensions_cm) {
                let dims =
                    dims.as_ref().map(|x| format!(", {}x{}x{} cm", x.length, x.width, x.height)).unwrap_or_default();
                out.push(Line::from(vec![
                    Span::styled("Package   ", theme::dim()),
                    Span::raw(format!("{w} kg{dims}")),
                ]));
            } else if let Some(x) = &d.package_dimensions_cm {
                out.push(Line::from(vec![
                    Span::styled("Package   ", theme::dim()),
                    Span::raw(format!("{}x{}x{} cm", x.length, x.width, x.height)),
                ]));
            }
        }
    }
}

/// TikTok's product status in words (Get Product `status`).
fn status_words(status: &str) -> &'static str {
    match status {
        "ACTIVATE" => "live",
        "PENDING" => "in review",
        "FAILED" => "rejected",
        "DRAFT" => "draft",
        "SELLER_DEACTIVATED" => "deactivated by you",
        "PLATFORM_DEACTIVATED" => "deactivated by TikTok",
        "FREEZE" => "frozen by TikTok",
        "DELETED" => "deleted",
        _ => "unknown status",
    }
}
