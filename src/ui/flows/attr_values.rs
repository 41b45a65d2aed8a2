//! Platform values translated to a TikTok attribute's own values (CAT-PRE-ATTRIBUTE): once an
//! attribute is filled from a variant option or from tags, each platform value that is not one
//! of TikTok's by name ("Navy" for a Color that offers "Blue") is asked about in turn: which
//! TikTok value it is, or kept as it is (a custom value, where the attribute allows one).

use super::Pick;
use crate::domain::listing::{AttributeMapping, AttributeSource, ValueMapping};
use crate::domain::tiktok_catalog::Attribute;
use crate::sync::Command;
use crate::sync::catalog_commands::CatalogCommand;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};

impl App {
    /// The platform values the source gives for the products of a category on a shop.
    fn platform_values(&self, shop: &str, category_id: &str, source: &AttributeSource) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in self.listings.view.products_in_category(shop, category_id) {
            match source {
                AttributeSource::Option(name) => {
                    if let Some(i) = p.options.iter().position(|o| o == name) {
                        out.extend(p.variants.iter().filter_map(|x| x.option_values.get(i).cloned()));
                    }
                }
                AttributeSource::Tag(prefix) => out.extend(p.tags.iter().filter_map(|t| crate::domain::catalog::tag_value(t, prefix))),
                AttributeSource::Fixed => {}
            }
        }
        out.retain(|s| !s.is_empty());
        out.sort_by_key(|s| s.to_lowercase());
        out.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        out
    }

    /// Map an attribute from an option or tags: values TikTok does not have by name are asked
    /// about first; the mapping is saved when none is left.
    pub(crate) fn attr_source_mapped(
        &mut self,
        shop_id: String,
        category_id: String,
        attr: Attribute,
        source: AttributeSource,
    ) -> Vec<Command> {
        let pending: Vec<String> = if attr.values.is_empty() {
            vec![]
        } else {
            self.platform_values(&shop_id, &category_id, &source)
                .into_iter()
                .filter(|raw| !attr.values.iter().any(|v| v.name.eq_ignore_ascii_case(raw)))
                .collect()
        };
        let mapping = AttributeMapping {
            shop_id,
            category_id,
            attribute_id: attr.id.clone(),
            attribute_name: attr.name.clone(),
            source,
            values: vec![],
        };
        self.next_attr_value(mapping, attr, pending)
    }

    fn next_attr_value(&mut self, mapping: AttributeMapping, attr: Attribute, mut pending: Vec<String>) -> Vec<Command> {
        if pending.is_empty() {
            return vec![Command::Catalog(CatalogCommand::MapAttribute { mapping: Box::new(mapping) })];
        }
        let raw = pending.remove(0);
        let keep = if attr.customizable {
            format!("keep {raw:?} (a custom value)")
        } else {
            format!("leave {raw:?} out (TikTok allows only its own values)")
        };
        let mut items = vec![PickItem::new(keep, "")];
        items.extend(attr.values.iter().map(|v| PickItem::new(v.name.clone(), v.id.clone())));
        let msg = format!("{raw:?} is not one of TikTok's {} values: which is it?", attr.name);
        self.push_picker(Picker::one(
            format!("{} values", attr.name),
            msg,
            items,
            Pick::AttrValueFor { mapping: Box::new(mapping), attr: Box::new(attr), raw, pending },
        ));
        vec![]
    }

    /// A platform value answered: record it (unless kept as it is) and ask about the next.
    pub(crate) fn attr_value_chosen(
        &mut self,
        mut mapping: AttributeMapping,
        attr: Attribute,
        raw: String,
        pending: Vec<String>,
        chosen: usize,
    ) -> Vec<Command> {
        if let Some(v) = chosen.checked_sub(1).and_then(|i| attr.values.get(i)) {
            mapping.values.push(ValueMapping { from: raw, value_id: v.id.clone(), value_name: v.name.clone() });
        }
        self.next_attr_value(mapping, attr, pending)
    }
}
