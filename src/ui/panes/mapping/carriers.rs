//! The carrier section of the Mapping pane (SHOP-MAN-CARRIER, CAT-PRE-WAREHOUSE): the
//! platform's carriers with the TikTok shipping provider each maps to per shop, which shops
//! still lack a mapping, and each shop's warehouses with their delivery options and providers.

use super::{ADD_CARRIER, IMPORT_CARRIERS, MAP_CARRIER, MAPPING_SECTION, MappingPane};
use crate::domain::package::CarrierMapping;
use crate::store::views::MappingView;
use crate::ui::notice::{cannot_show, notice};
use crate::ui::{RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// One line of the carrier list: a carrier, or one of its mappings under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MappingRow {
    Carrier {
        name: String,
        tracking_url: Option<String>,
    },
    Mapped(CarrierMapping),
    /// Live shops the carrier has no mapping for at all.
    Unmapped(Vec<String>),
}

impl MappingPane {
    /// The carrier of the selected row (a mapping row belongs to the carrier above it).
    pub fn selected_carrier(&self, view: &MappingView) -> Option<String> {
        rows(view).into_iter().take(self.cursor.selected + 1).rev().find_map(|r| match r {
            MappingRow::Carrier { name, .. } => Some(name),
            _ => None,
        })
    }

    pub(super) fn render_carriers(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let wide = area.width >= 110;
        let [left, right] = if wide {
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
        } else {
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
        };
        let view = ctx.shared.carriers_view();
        self.carrier_list(f, left, ctx, &view);
        warehouses(f, right, &view);
    }

    fn carrier_list(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx, view: &MappingView) {
        let title = format!(
            " Mapping · carriers ({}) · {} for categories, brands, attributes ",
            view.carriers.len(),
            ctx.keys(&MAPPING_SECTION)
        );
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        if let Some(e) = ctx.shared.carriers.error() {
            return notice(f, area, Some(block), cannot_show("the mapping", e));
        }
        let rows = rows(view);
        if rows.is_empty() {
            let p = Paragraph::new(vec![
                Line::from("No carriers yet."),
                Line::styled(
                    format!(
                        "Add your platform's carriers ({}) or import a CSV ({}), then map each to a TikTok shipping \
                            provider per shop ({}).",
                        ctx.keys(&ADD_CARRIER),
                        ctx.keys(&IMPORT_CARRIERS),
                        ctx.keys(&MAP_CARRIER)
                    ),
                    theme::dim(),
                ),
            ])
            .block(block)
            .wrap(Wrap { trim: true });
            f.render_widget(p, area);
            return;
        }
        let inner = block.inner(area);
        f.render_widget(block, area);
        let height = inner.height as usize;
        self.page = height.max(1);
        let offset = self.cursor.scroll(height);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, r)| {
                let line = match r {
                    MappingRow::Carrier { name, tracking_url } => {
                        let mut spans = vec![Span::styled(name.clone(), theme::header())];
                        if let Some(u) = tracking_url {
                            spans.push(Span::styled(format!("  {u}"), theme::dim()));
                        }
                        Line::from(spans)
                    }
                    MappingRow::Unmapped(shops) => {
                        Line::styled(format!("  ✗ not mapped for {}", shops.join(", ")), theme::warn())
                    }
                    MappingRow::Mapped(m) => {
                        let option = if m.delivery_option_id.is_empty() {
                            "every option".to_string()
                        } else {
                            option_name(view, m)
                        };
                        Line::from(vec![
                            Span::raw("  → "),
                            Span::styled(m.provider_name.clone(), theme::ok()),
                            Span::styled(format!(" ({})", m.provider_id), theme::dim()),
                            Span::raw(format!("  {} · {option}", view.shop_short(&m.shop_id))),
                        ])
                    }
                };
                if i == self.cursor.selected { line.style(theme::selected()) } else { line }
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
    }
}

fn option_name(view: &MappingView, m: &CarrierMapping) -> String {
    view.options(&m.shop_id)
        .into_iter()
        .find(|o| o.id == m.delivery_option_id)
        .map(|o| o.name)
        .unwrap_or_else(|| m.delivery_option_id.clone())
}

fn warehouses(f: &mut Frame, area: Rect, view: &MappingView) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Warehouses · delivery options · providers ", theme::title()));
    let mut lines = Vec::new();
    for (id, name, region) in &view.shops {
        lines.push(Line::styled(format!("{name} {region}"), theme::header()));
        let mine: Vec<_> = view.warehouses.iter().filter(|w| &w.shop_id == id).collect();
        if mine.is_empty() {
            lines.push(Line::styled("  not pulled yet (r)", theme::dim()));
        }
        for w in mine {
            let mut tags = vec![w.kind.trim_end_matches("_WAREHOUSE").to_lowercase()];
            if w.is_default {
                tags.push("default".into());
            }
            if w.effect_status != "ENABLED" {
                tags.push(w.effect_status.to_lowercase());
            }
            lines.push(Line::from(vec![
                Span::raw(format!("  {} ", w.name)),
                Span::styled(format!("{} · {}", tags.join(", "), w.id), theme::dim()),
            ]));
            for o in &w.delivery_options {
                let providers: Vec<&str> = o.providers.iter().map(|p| p.name.as_str()).collect();
                lines.push(Line::from(vec![
                    Span::raw(format!("    {}: ", o.name)),
                    Span::styled(
                        if providers.is_empty() { "no provider".into() } else { providers.join(", ") },
                        theme::dim(),
                    ),
                ]));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No connected shop.", theme::dim()));
    }
    f.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

/// Carriers in name order, each followed by its mappings; a carrier names the live shops it
/// is not mapped for at all.
pub fn rows(v: &MappingView) -> Vec<MappingRow> {
    let mut carriers = v.carriers.clone();
    carriers.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Vec::new();
    for c in carriers {
        let mut mine: Vec<&CarrierMapping> = v.mappings.iter().filter(|m| m.carrier == c.name).collect();
        mine.sort_by(|a, b| (&a.shop_id, &a.delivery_option_id).cmp(&(&b.shop_id, &b.delivery_option_id)));
        let unmapped: Vec<String> =
            v.shops.iter().filter(|s| !mine.iter().any(|m| m.shop_id == s.0)).map(|s| v.shop_short(&s.0)).collect();
        out.push(MappingRow::Carrier { name: c.name.clone(), tracking_url: c.tracking_url.clone() });
        out.extend(mine.into_iter().cloned().map(MappingRow::Mapped));
        if !unmapped.is_empty() {
            out.push(MappingRow::Unmapped(unmapped));
        }
    }
    out
}
