//! Editing the platform catalogue from the Listings pane: a product's fields (title, type,
//! vendor, tags, description, each variant's price, stock and weight), and importing a
//! catalogue file (read by the engine).

use super::listing::decimal;
use crate::domain::catalog::Product;
use crate::message::{CatalogCommand, Command};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;
use crate::ui::panes::listings::ListingsPane;

pub fn start(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(p) = app.pane::<ListingsPane>().and_then(|l| l.selected_product()).map(|e| e.product.clone()) else {
        app.toast("Select a product first", true, cx.now);
        return vec![];
    };
    let mut fields: Vec<String> =
        ["title", "product type", "vendor", "tags", "description"].iter().map(|s| s.to_string()).collect();
    for v in &p.variants {
        fields.push(format!("price {}", v.sku));
        fields.push(format!("stock {}", v.sku));
        fields.push(format!("grams {}", v.sku));
    }
    let items = fields.iter().map(|f| PickItem::new(f.clone(), "")).collect();
    app.push(Picker::one(
        format!("Edit {}", p.handle),
        "Change which field?",
        items,
        move |app, chosen, _| match chosen.first().and_then(|i| fields.get(*i)).cloned() {
            Some(f) => field_chosen(app, p, f),
            None => vec![],
        },
    ));
    vec![]
}

fn field_chosen(app: &mut App, p: Product, field: String) -> Vec<Command> {
    let current = match field.split_once(' ') {
        Some(("price", sku)) => p.variants.iter().find(|v| v.sku == sku).map(|v| v.price.to_string()),
        Some(("stock", sku)) => p.variants.iter().find(|v| v.sku == sku).map(|v| v.inventory.to_string()),
        Some(("grams", sku)) => {
            p.variants.iter().find(|v| v.sku == sku).and_then(|v| v.weight_grams).map(|g| g.to_string())
        }
        _ => Some(match field.as_str() {
            "title" => p.title.clone(),
            "product type" => p.product_type.clone(),
            "vendor" => p.vendor.clone(),
            "tags" => p.tags.join(", "),
            _ => p.description_html.clone(),
        }),
    }
    .unwrap_or_default();
    let help = format!("{} of {}:", field, p.handle);
    app.push(Prompt::new("Edit product", &help, &current, move |_, value, _| typed(p.clone(), &field, &value)));
    vec![]
}

fn typed(mut p: Product, field: &str, value: &str) -> Result<Vec<Command>, String> {
    let v = value.trim().to_string();
    match field.split_once(' ') {
        Some(("price", sku)) | Some(("stock", sku)) | Some(("grams", sku)) => {
            let var = p.variants.iter_mut().find(|x| x.sku == sku).ok_or("that variant is gone")?;
            match field.split(' ').next() {
                Some("price") => var.price = decimal(&v, "price")?,
                Some("stock") => var.inventory = v.parse().map_err(|_| format!("{v:?} is not a whole number"))?,
                _ => var.weight_grams = Some(decimal(&v, "weight")?),
            }
        }
        _ => match field {
            "title" if v.is_empty() => return Err("the title cannot be empty".into()),
            "title" => p.title = v,
            "product type" => p.product_type = v,
            "vendor" => p.vendor = v,
            "tags" => p.tags = v.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
            _ => p.description_html = v,
        },
    }
    Ok(vec![CatalogCommand::SaveProduct { product: Box::new(p) }.into()])
}

pub fn start_import(app: &mut App, _cx: &Cx) -> Vec<Command> {
    app.push(Prompt::new(
        "Import catalogue",
        "Path of a Shopify product CSV or tokshop JSON, then optionally the store and currency:",
        "",
        |app, value, cx| import_typed(app, &value, cx.now),
    ));
    vec![]
}

fn import_typed(app: &mut App, value: &str, now: i64) -> Result<Vec<Command>, String> {
    let mut parts = value.split_whitespace();
    let path = parts.next().ok_or("type the file's path")?.to_string();
    // By default into the store of the shop on screen, in that market's currency.
    let on_screen = app.pane::<ListingsPane>().and_then(|p| p.shop.get());
    let default_store = on_screen
        .as_ref()
        .map(|(_, store)| store.clone())
        .or_else(|| app.shared.shops_view().store_names().into_iter().next())
        .unwrap_or_else(|| "main".into());
    let region = on_screen.and_then(|(id, _)| app.shared.shop(&id).map(|l| l.shop.region.clone())).unwrap_or_default();
    let store = parts.next().map(String::from).unwrap_or(default_store);
    crate::domain::shop::validate_store_name(&store)?;
    let currency = parts
        .next()
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or_else(|| crate::domain::shop::region_currency(&region).to_string());
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(format!("{currency:?} is not a currency code (like USD or GBP)"));
    }
    app.toast(format!("Importing {path} into {store}…"), false, now);
    Ok(vec![CatalogCommand::Import { path: path.into(), store, currency }.into()])
}
