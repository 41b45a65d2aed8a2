//! The catalogue sections of the Mapping pane, per shop: product types to categories
//! (CAT-MAP-PROD), vendors to brands (CAT-PRE-BRANDS), and each mapped category's attributes
//! with where their values come from (CAT-PRE-ATTRIBUTE).

use super::{CREATE_BRAND, MAP_CARRIER, MAPPING_SHOP, MappingPane, RECOMMEND_CATEGORY, Section};
use crate::domain::listing::AttributeSource;
use crate::domain::tiktok_catalog::Attribute;
use crate::store::views::{ProductFacets, ShopCatalog};
use crate::ui::notice::{cannot_show, notice};
use crate::ui::panes::listings::{self, shop_label};
use crate::ui::{RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

#[derive(Clone, Debug, PartialEq)]
pub enum CatalogRow {
    ProductType(String),
    Vendor(String),
    /// A mapped category heading its attributes: (id, path).
    Category(String),
    Attribute {
        category_id: String,
        attr: Attribute,
    },
}

impl MappingPane {
    pub fn catalog_rows(&self) -> Vec<CatalogRow> {
        if self.catalog_shop().is_none() {
            return vec![];
        }
        let (Some(cat), Some(facets)) = (self.catalog.ready(), self.facets.ready()) else { return vec![] };
        match self.section {
            Section::Carriers => vec![],
            Section::Categories => facets.types.iter().map(|(t, _)| CatalogRow::ProductType(t.clone())).collect(),
            Section::Brands => facets.vendors.iter().map(|(v, _)| CatalogRow::Vendor(v.clone())).collect(),
            Section::Attributes => {
                let mut cats: Vec<&str> = cat.category_maps.iter().map(|m| m.category_id.as_str()).collect();
                cats.sort();
                cats.dedup();
                let mut out = Vec::new();
                for c in cats {
                    out.push(CatalogRow::Category(c.to_string()));
                    if let Some(r) = cat.requirements.get(c) {
                        out.extend(
                            r.attributes
                                .iter()
                                .map(|a| CatalogRow::Attribute { category_id: c.to_string(), attr: a.clone() }),
                        );
                    }
                }
                out
            }
        }
    }

    pub fn selected_catalog_row(&self) -> Option<CatalogRow> {
        self.catalog_rows().get(self.cat_cursor.selected).cloned()
    }

    fn row_line(v: &ShopCatalog, facets: &ProductFacets, r: &CatalogRow) -> Line<'static> {
        match r {
            CatalogRow::ProductType(t) => {
                let n = facets.types.iter().find(|(x, _)| x == t).map(|(_, n)| *n).unwrap_or(0);
                let target = match v.category_map(t) {
                    Some(m) => Span::styled(format!("{} ({})", m.category_path, m.category_id), theme::ok()),
                    None => Span::styled("not mapped".to_string(), theme::warn()),
                };
                Line::from(vec![Span::raw(format!("{t} ({n})  → ")), target])
            }
            CatalogRow::Vendor(vendor) => {
                let target = match v.brand_map(vendor) {
                    Some(m) => Span::styled(format!("{} ({})", m.brand_name, m.brand_id), theme::ok()),
                    None => Span::styled("not mapped (listings go without a brand)".to_string(), theme::warn()),
                };
                Line::from(vec![Span::raw(format!("{vendor}  → ")), target])
            }
            CatalogRow::Category(id) => {
                let path = v
                    .category_maps
                    .iter()
                    .find(|m| &m.category_id == id)
                    .map(|m| m.category_path.clone())
                    .unwrap_or_else(|| id.clone());
                let pulled = v.requirements.contains_key(id);
                let hint = if pulled {
                    String::new()
                } else {
                    "  (attributes not pulled yet: check a product of this category)".into()
                };
                Line::from(vec![Span::styled(path, theme::header()), Span::styled(hint, theme::dim())])
            }
            CatalogRow::Attribute { category_id, attr } => {
                let need = if attr.required {
                    "required"
                } else if attr.conditions.is_empty() {
                    "optional"
                } else {
                    "conditional"
                };
                let kind = if attr.is_sales() { "variant" } else { "product" };
                let from =
                    v.attribute_maps.iter().find(|m| &m.category_id == category_id && m.attribute_id == attr.id).map(
                        |m| match &m.source {
                            AttributeSource::Option(o) => format!("from option {o}"),
                            AttributeSource::Tag(t) => format!("from tags \"{t}: …\""),
                            AttributeSource::Fixed => {
                                format!(
                                    "fixed: {}",
                                    m.values.iter().map(|x| x.value_name.clone()).collect::<Vec<_>>().join(", ")
                                )
                            }
                        },
                    );
                let from = from.or_else(|| attr.is_hazmat().then(|| "from the hazmat answer".to_string()));
                let style = if from.is_some() {
                    theme::ok()
                } else if attr.required {
                    theme::warn()
                } else {
                    theme::dim()
                };
                Line::from(vec![
                    Span::raw(format!("  {} ", attr.name)),
                    Span::styled(format!("{kind}, {need}  "), theme::dim()),
                    Span::styled(from.unwrap_or_else(|| "set per product".into()), style),
                ])
            }
        }
    }

    pub(super) fn render_catalog(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let tabs: Vec<String> = Section::ALL
            .iter()
            .map(|s| if *s == self.section { format!("[{}]", s.label()) } else { s.label().to_string() })
            .collect();
        let label = self
            .catalog_shop()
            .and_then(|id| ctx.shared.shop(id))
            .map(|l| shop_label(&l.shop))
            .unwrap_or_else(|| "no shop".into());
        let title = format!(" Mapping · {} · {label} ", tabs.join(" "));
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        if self.catalog_shop().is_none() {
            f.render_widget(
                Paragraph::new(Line::styled(
                    "Connect a shop to map your catalogue to its categories and brands.",
                    theme::dim(),
                )),
                inner,
            );
            return;
        }
        if let Some(e) = self.catalog.error().or(self.facets.error()) {
            return notice(f, inner, None, cannot_show("the mapping", e));
        }
        let (cat, facets) = (self.catalog.or_empty(), self.facets.or_empty());
        let rows = self.catalog_rows();
        if rows.is_empty() {
            let text = match self.section {
                Section::Attributes => {
                    "No category mapped on this shop yet: map product types in the categories section.".to_string()
                }
                _ => format!(
                    "No products yet: import your catalogue in the Listings pane ({}).",
                    ctx.keys(&listings::SPEC.go)
                ),
            };
            f.render_widget(Paragraph::new(Line::styled(text, theme::dim())).wrap(Wrap { trim: true }), inner);
            return;
        }
        let height = inner.height.saturating_sub(1) as usize;
        self.page = height.max(1);
        let offset = self.cat_cursor.scroll(height);
        let mut lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, r)| {
                let l = Self::row_line(&cat, &facets, r);
                if i == self.cat_cursor.selected { l.style(theme::selected()) } else { l }
            })
            .collect();
        let hint = match self.section {
            Section::Categories => format!(
                "{} map (browse or search)  {} TikTok's recommendation  {} next shop",
                ctx.keys(&MAP_CARRIER),
                ctx.keys(&RECOMMEND_CATEGORY),
                ctx.keys(&MAPPING_SHOP)
            ),
            Section::Brands => format!(
                "{} search and map  {} create a brand  {} next shop",
                ctx.keys(&MAP_CARRIER),
                ctx.keys(&CREATE_BRAND),
                ctx.keys(&MAPPING_SHOP)
            ),
            _ => format!(
                "{} choose where the values come from  {} next shop",
                ctx.keys(&MAP_CARRIER),
                ctx.keys(&MAPPING_SHOP)
            ),
        };
        while lines.len() < height {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(hint, theme::dim()));
        f.render_widget(Paragraph::new(lines), inner);
    }
}
