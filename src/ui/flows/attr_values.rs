//! Platform values translated to a TikTok attribute's own values (CAT-PRE-ATTRIBUTE): once an
//! attribute is filled from a variant option or from tags, each platform value that is not one
//! of TikTok's by name ("Navy" for a Color that offers "Blue") is asked about in turn: which
//! TikTok value it is, or kept as it is (a custom value, where the attribute allows one).

use super::catalog_map::products_in_category;
use crate::domain::listing::{AttributeMapping, AttributeSource, ValueMapping};
use crate::domain::tiktok_catalog::Attribute;
use crate::message::{CatalogCommand, Command};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};

/// The platform values the source gives for the products of a category on a shop.
fn platform_values(app: &App, store: &str, category_id: &str, source: &AttributeSource, cx: &Cx) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in products_in_category(app, store, category_id, cx) {
        match source {
            AttributeSource::Option(name) => {
                if let Some(i) = p.options.iter().position(|o| o == name) {
                    out.extend(p.variants.iter().filter_map(|x| x.option_values.get(i).cloned()));
                }
            }
            AttributeSource::Tag(prefix) => {
                out.extend(p.tags.iter().filter_map(|t| crate::domain::catalog::tag_value(t, prefix)))
            }
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
pub fn mapped(
    app: &mut App,
    shop_id: String,
    store: String,
    category_id: String,
    attr: Attribute,
    source: AttributeSource,
    cx: &Cx,
) -> Vec<Command> {
    let pending: Vec<String> = if attr.values.is_empty() {
        vec![]
    } else {
        platform_values(app, &store, &category_id, &source, cx)
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
    next_value(app, mapping, attr, pending)
}

fn next_value(app: &mut App, mut mapping: AttributeMapping, attr: Attribute, mut pending: Vec<String>) -> Vec<Command> {
    if pending.is_empty() {
        return vec![CatalogCommand::MapAttribute { mapping: Box::new(mapping) }.into()];
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
    app.push(Picker::one(format!("{} values", attr.name), msg, items, move |app, chosen, _| {
        if let Some(v) = chosen.first().and_then(|c| c.checked_sub(1)).and_then(|i| attr.values.get(i)) {
            mapping.values.push(ValueMapping { from: raw, value_id: v.id.clone(), value_name: v.name.clone() });
        }
        next_value(app, mapping, attr, pending)
    }));
    vec![]
}
