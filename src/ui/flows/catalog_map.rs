//! The Mapping pane's catalogue flows: a product type to a leaf category (browse or fuzzy
//! search, or TikTok's recommendation), a vendor to a brand (search, or create a custom brand),
//! an attribute filled from a variant option, from tags or with fixed values. `m` maps whatever
//! the selected row is, carriers included.

use super::attr_values;
use crate::domain::catalog::Product;
use crate::domain::listing::{AttributeMapping, AttributeSource, ValueMapping};
use crate::domain::tiktok_catalog::{Attribute, Brand};
use crate::message::{CatalogAnswer, CatalogCommand, Command, Topic, Update};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::category_picker::CategoryPicker;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;
use crate::ui::panes::mapping::{CatalogRow, MappingPane, Section};

/// The catalogue sections' shop and the store it lists, with the selected row.
fn selection(app: &App) -> Option<(String, String, Option<CatalogRow>)> {
    let p = app.pane::<MappingPane>()?;
    let (shop, store) = p.shop.get()?;
    Some((shop, store, p.catalog_rows().get(p.cat_cursor.selected).cloned()))
}

/// Products of the shop's store in a category (what attribute values come from).
pub fn products_in_category(app: &App, store: &str, category_id: &str, cx: &Cx) -> Vec<Product> {
    let types =
        app.pane::<MappingPane>().and_then(|p| p.catalog.ready()).map(|c| c.types_in(category_id)).unwrap_or_default();
    cx.views.products_of_types(store, &types, 5000).unwrap_or_default()
}

/// `m` in the Mapping pane: map whatever the selected row is.
pub fn map_selected(app: &mut App, cx: &Cx) -> Vec<Command> {
    if app.pane::<MappingPane>().is_some_and(|p| p.section == Section::Carriers) {
        return super::carriers::map(app, cx);
    }
    if !app.access.can(crate::domain::role::Capability::Catalog) {
        let role = app.access.name();
        app.toast(format!("The {role} role maps carriers; the catalogue's mappings need the admin role"), true, cx.now);
        return vec![];
    }
    let Some((shop, store, row)) = selection(app) else {
        app.toast("Connect a shop first", true, cx.now);
        return vec![];
    };
    match row {
        Some(CatalogRow::ProductType(t)) => open_category_picker(app, &shop, &t, cx),
        Some(CatalogRow::Vendor(v)) => {
            let help = format!("Brands starting with (for vendor {v:?}):");
            let initial = v.split_whitespace().next().unwrap_or("").to_string();
            app.push(Prompt::new("Brand", &help, &initial, move |app, prefix, cx| {
                let (shop_id, vendor) = (shop.clone(), v.clone());
                app.wait(Box::new(move |app, u, cx| match u {
                    Update::Catalog(CatalogAnswer::Brands { shop_id: s, vendor: x, brands })
                        if *s == shop_id && *x == vendor =>
                    {
                        brands_arrived(app, s.clone(), x.clone(), brands.clone(), cx.now);
                        true
                    }
                    _ => false,
                }));
                app.toast("Asking TikTok for brands…", false, cx.now);
                Ok(vec![CatalogCommand::FetchBrands { shop_id: shop.clone(), vendor: v.clone(), prefix }.into()])
            }));
            vec![]
        }
        Some(CatalogRow::Attribute { category_id, attr }) => {
            let mut options: Vec<String> =
                products_in_category(app, &store, &category_id, cx).into_iter().flat_map(|p| p.options).collect();
            options.sort();
            options.dedup();
            let items = vec![
                PickItem::new(
                    "From a variant option",
                    if options.is_empty() {
                        "no product of this category has options".to_string()
                    } else {
                        options.join(", ")
                    },
                ),
                PickItem::new("From tags", "tags written Prefix: value, e.g. Material: Nylon"),
                PickItem::new("A fixed value", "the same for every product of the category"),
            ];
            let msg = format!("Where does {} come from?", attr.name);
            app.push(Picker::one("Attribute", msg, items, move |app, chosen, cx| {
                source_chosen(app, shop, store, category_id, attr, options, chosen.first().copied().unwrap_or(0), cx)
            }));
            vec![]
        }
        Some(CatalogRow::Category(_)) | None => {
            app.toast("Select a product type, vendor or attribute row", true, cx.now);
            vec![]
        }
    }
}

/// The category picker over the shop's cached tree, or the tree pulled first.
fn open_category_picker(app: &mut App, shop: &str, product_type: &str, cx: &Cx) -> Vec<Command> {
    match cx.views.category_tree(shop) {
        Ok(Some(tree)) => {
            app.push(Box::new(CategoryPicker::new(shop, product_type, tree)));
            vec![]
        }
        Ok(None) => {
            let (shop_id, product_type) = (shop.to_string(), product_type.to_string());
            app.wait(Box::new(move |app, u, cx| match u {
                Update::Changed(Topic::Mappings(s))
                    if *s == shop_id && matches!(cx.views.category_tree(s), Ok(Some(_))) =>
                {
                    open_category_picker(app, &shop_id, &product_type, cx);
                    true
                }
                _ => false,
            }));
            app.toast("Pulling the shop's category tree from TikTok…", false, cx.now);
            vec![CatalogCommand::FetchCategories { shop_id: shop.into() }.into()]
        }
        Err(e) => {
            app.toast(format!("Cannot read the category tree: {e}"), true, cx.now);
            vec![]
        }
    }
}

/// `R`: ask TikTok to recommend a category for the selected product type.
pub fn recommend_selected(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some((shop, store, Some(CatalogRow::ProductType(t)))) = selection(app) else {
        app.toast("Select a product type in the categories section", true, cx.now);
        return vec![];
    };
    let Some(p) =
        cx.views.products_of_types(&store, std::slice::from_ref(&t), 1).ok().and_then(|v| v.into_iter().next())
    else {
        app.toast(format!("No product of type {t:?} to describe to TikTok"), true, cx.now);
        return vec![];
    };
    let (shop_id, product_type) = (shop.clone(), t);
    app.wait(Box::new(move |app, u, _| match u {
        Update::Catalog(CatalogAnswer::Recommended { shop_id: s, product_type: x, category_id, path })
            if *s == shop_id && *x == product_type =>
        {
            app.push(Confirm::new(
                "Use TikTok's recommendation?",
                format!("TikTok recommends {path} for {x:?}. Map it?"),
                CatalogCommand::MapCategory {
                    shop_id: s.clone(),
                    product_type: x.clone(),
                    category_id: category_id.clone(),
                },
                false,
            ));
            true
        }
        _ => false,
    }));
    app.toast(format!("Asking TikTok to recommend a category for {}…", p.title), false, cx.now);
    vec![CatalogCommand::Recommend { shop_id: shop, store: p.store, handle: p.handle }.into()]
}

/// `n`: create a custom brand for the selected vendor.
pub fn new_brand_selected(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some((shop, _, Some(CatalogRow::Vendor(v)))) = selection(app) else {
        app.toast("Select a vendor in the brands section", true, cx.now);
        return vec![];
    };
    let help = "A brand name: 2 to 30 characters, no emoji, not 5 digits in a row (TikTok allows 50 new brands a day, \
        1,000 in all):";
    let vendor = v.clone();
    app.push(Prompt::new("Create a brand", help, &v, move |_, name, _| {
        let n = name.chars().count();
        if !(2..=30).contains(&n) {
            return Err(format!("{n} characters: TikTok takes brand names of 2 to 30"));
        }
        Ok(vec![CatalogCommand::CreateBrand { shop_id: shop.clone(), vendor: vendor.clone(), name }.into()])
    }));
    vec![]
}

fn brands_arrived(app: &mut App, shop_id: String, vendor: String, brands: Vec<Brand>, now: i64) {
    if brands.is_empty() {
        app.toast(format!("No brand by that name: create one for {vendor:?} with n"), true, now);
        return;
    }
    let items = brands
        .iter()
        .map(|b| {
            let what = if b.unavailable_in_category {
                "authorized, but not available in this vendor's category"
            } else if b.authorized {
                "authorized"
            } else if b.t1 {
                "well-known brand you are not authorized for"
            } else {
                "usable"
            };
            if b.selectable() { PickItem::new(b.name.clone(), what) } else { PickItem::disabled(b.name.clone(), what) }
        })
        .collect();
    app.push(Picker::one("Brand", format!("Which brand is {vendor:?}?"), items, move |_, chosen, _| {
        match chosen.first().and_then(|i| brands.get(*i)) {
            Some(b) => vec![
                CatalogCommand::MapBrand { shop_id, vendor, brand_id: b.id.clone(), brand_name: b.name.clone() }.into(),
            ],
            None => vec![],
        }
    }));
}

#[allow(clippy::too_many_arguments)]
fn source_chosen(
    app: &mut App,
    shop_id: String,
    store: String,
    category_id: String,
    attr: Attribute,
    options: Vec<String>,
    how: usize,
    cx: &Cx,
) -> Vec<Command> {
    match how {
        0 if options.is_empty() => {
            app.toast("No product of this category has variant options", true, cx.now);
            vec![]
        }
        0 => {
            let items = options.iter().map(|o| PickItem::new(o.clone(), "")).collect();
            let msg = format!("Which option fills {}?", attr.name);
            app.push(Picker::one("Attribute", msg, items, move |app, chosen, cx| {
                let Some(o) = chosen.first().and_then(|i| options.get(*i)).cloned() else { return vec![] };
                attr_values::mapped(app, shop_id, store, category_id, attr, AttributeSource::Option(o), cx)
            }));
            vec![]
        }
        1 => {
            let help = format!("Tag prefix for {} (tags like Prefix: value):", attr.name);
            let initial = attr.name.clone();
            app.push(Prompt::new("Attribute from tags", &help, &initial, move |app, value, cx| {
                if value.is_empty() {
                    return Err("type the tag prefix, e.g. Material".into());
                }
                let source = AttributeSource::Tag(value);
                Ok(attr_values::mapped(
                    app,
                    shop_id.clone(),
                    store.clone(),
                    category_id.clone(),
                    attr.clone(),
                    source,
                    cx,
                ))
            }));
            vec![]
        }
        _ if attr.values.is_empty() => {
            app.toast(format!("{} has no fixed values to choose from", attr.name), true, cx.now);
            vec![]
        }
        _ => {
            let items = attr.values.iter().map(|v| PickItem::new(v.name.clone(), v.id.clone())).collect();
            let name = attr.name.clone();
            let multiple = attr.multiple;
            let fixed = move |_: &mut App, chosen: Vec<usize>, _: &Cx| -> Vec<Command> {
                let values = chosen
                    .iter()
                    .filter_map(|i| attr.values.get(*i))
                    .map(|v| ValueMapping { from: String::new(), value_id: v.id.clone(), value_name: v.name.clone() })
                    .collect();
                vec![attribute_mapping(shop_id, category_id, &attr, AttributeSource::Fixed, values)]
            };
            let p = if multiple {
                Picker::many(name, "Tick the values", items, vec![], fixed)
            } else {
                Picker::one(name, "Choose the value", items, fixed)
            };
            app.push(p);
            vec![]
        }
    }
}

pub fn attribute_mapping(
    shop_id: String,
    category_id: String,
    attr: &Attribute,
    source: AttributeSource,
    values: Vec<ValueMapping>,
) -> Command {
    let mapping = AttributeMapping {
        shop_id,
        category_id,
        attribute_id: attr.id.clone(),
        attribute_name: attr.name.clone(),
        source,
        values,
    };
    CatalogCommand::MapAttribute { mapping: Box::new(mapping) }.into()
}
