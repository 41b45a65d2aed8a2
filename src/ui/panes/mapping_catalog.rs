//! The catalogue sections of the Mapping pane, per shop: product types to categories
//! (CAT-MAP-PROD), vendors to brands (CAT-PRE-BRANDS), and each mapped category's attributes
//! with where their values come from (CAT-PRE-ATTRIBUTE).

use super::mapping::{MappingPane, Section};
use crate::domain::listing::AttributeSource;
use crate::domain::tiktok_catalog::Attribute;
use crate::ui::RenderCtx;
use crate::ui::action::Action;
use crate::ui::theme;
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
    pub fn catalog_shop(&self) -> Option<&str> {
        self.catalog.shops.get(self.shop).map(|s| s.0.as_str())
    }

    fn shop_label(&self) -> String {
        self.catalog.shop_label(self.shop)
    }

    pub fn catalog_rows(&self) -> Vec<CatalogRow> {
        let Some(shop) = self.catalog_shop() else { return vec![] };
        match self.section {
            Section::Carriers => vec![],
            Section::Categories => self.catalog.product_types(shop).into_iter().map(CatalogRow::ProductType).collect(),
            Section::Brands => self.catalog.vendors(shop).into_iter().map(CatalogRow::Vendor).collect(),
            Section::Attributes => {
                let mut cats: Vec<&str> =
                    self.catalog.category_maps.iter().filter(|m| m.shop_id == shop).map(|m| m.category_id.as_str()).collect();
                cats.sort();
                cats.dedup();
                let mut out = Vec::new();
                for c in cats {
                    out.push(CatalogRow::Category(c.to_string()));
                    if let Some(r) = self.catalog.requirements.get(&(shop.to_string(), c.to_string())) {
                        out.extend(r.attributes.iter().map(|a| CatalogRow::Attribute { category_id: c.to_string(), attr: a.clone() }));
                    }
                }
                out
            }
        }
    }

    pub fn selected_catalog_row(&self) -> Option<CatalogRow> {
        self.catalog_rows().get(self.cat_cursor.selected).cloned()
    }

    fn row_line(&self, shop: &str, r: &CatalogRow) -> Line<'static> {
        let v = &self.catalog;
        match r {
            CatalogRow::ProductType(t) => {
                let n = v.products.iter().filter(|p| v.on_shop(shop, p) && &p.product_type == t).count();
                let target = match v.category_maps.iter().find(|m| m.shop_id == shop && &m.product_type == t) {
                    Some(m) => Span::styled(format!("{} ({})", m.category_path, m.category_id), theme::ok()),
                    None => Span::styled("not mapped".to_string(), theme::warn()),
                };
                Line::from(vec![Span::raw(format!("{t} ({n})  → ")), target])
            }
            CatalogRow::Vendor(vendor) => {
                let target = match v.brand_maps.iter().find(|m| m.shop_id == shop && &m.vendor == vendor) {
                    Some(m) => Span::styled(format!("{} ({})", m.brand_name, m.brand_id), theme::ok()),
                    None => Span::styled("not mapped (listings go without a brand)".to_string(), theme::warn()),
                };
                Line::from(vec![Span::raw(format!("{vendor}  → ")), target])
            }
            CatalogRow::Category(id) => {
                let path =
                    v.category_maps.iter().find(|m| &m.category_id == id).map(|m| m.category_path.clone()).unwrap_or_else(|| id.clone());
                let pulled = v.requirements.contains_key(&(shop.to_string(), id.clone()));
                let hint = if pulled { String::new() } else { "  (attributes not pulled yet: check a product of this category)".into() };
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
                    v.attribute_maps.iter().find(|m| m.shop_id == shop && &m.category_id == category_id && m.attribute_id == attr.id).map(
                        |m| match &m.source {
                            AttributeSource::Option(o) => format!("from option {o}"),
                            AttributeSource::Tag(t) => format!("from tags \"{t}: …\""),
                            AttributeSource::Fixed => {
                                format!("fixed: {}", m.values.iter().map(|x| x.value_name.clone()).collect::<Vec<_>>().join(", "))
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

    pub fn render_catalog(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let tabs: Vec<String> =
            Section::ALL.iter().map(|s| if *s == self.section { format!("[{}]", s.label()) } else { s.label().to_string() }).collect();
        let title = format!(" Mapping · {} · {} ", tabs.join(" "), self.shop_label());
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let Some(shop) = self.catalog_shop().map(String::from) else {
            f.render_widget(
                Paragraph::new(Line::styled("Connect a shop to map your catalogue to its categories and brands.", theme::dim())),
                inner,
            );
            return;
        };
        let rows = self.catalog_rows();
        if rows.is_empty() {
            let text = match self.section {
                Section::Attributes => "No category mapped on this shop yet: map product types in the categories section.".to_string(),
                _ => format!("No products yet: import your catalogue in the Listings pane ({}).", ctx.keys(Action::GoListings)),
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
                let l = self.row_line(&shop, r);
                if i == self.cat_cursor.selected { l.style(theme::selected()) } else { l }
            })
            .collect();
        let hint = match self.section {
            Section::Categories => format!(
                "{} map (browse or search)  {} TikTok's recommendation  {} next shop",
                ctx.keys(Action::MapCarrier),
                ctx.keys(Action::RecommendCategory),
                ctx.keys(Action::MappingShop)
            ),
            Section::Brands => format!(
                "{} search and map  {} create a brand  {} next shop",
                ctx.keys(Action::MapCarrier),
                ctx.keys(Action::CreateBrand),
                ctx.keys(Action::MappingShop)
            ),
            _ => format!("{} choose where the values come from  {} next shop", ctx.keys(Action::MapCarrier), ctx.keys(Action::MappingShop)),
        };
        while lines.len() < height {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(hint, theme::dim()));
        f.render_widget(Paragraph::new(lines), inner);
    }
}
