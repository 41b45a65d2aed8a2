//! The SKU part of the listing check: each variant's price (in the shop's currency, within
//! TikTok's range), stock per TikTok warehouse, sales attributes, barcode as identifier code and
//! own image, planned for Create Product.

use super::catalog::Variant;
use super::listing::AttributeSource;
use super::listing_check::{CheckInput, CheckReport, SkuPlan, max_price, miss};
use rust_decimal::Decimal;

pub(super) fn check_skus(i: &CheckInput, r: &mut CheckReport) -> Vec<SkuPlan> {
    let p = i.product;
    let d = i.draft;
    let default_wh =
        i.warehouses.iter().filter(|w| w.kind == "SALES_WAREHOUSE").max_by_key(|w| w.is_default).map(|w| w.id.clone());
    if default_wh.is_none() {
        r.missing.push(miss(
            "inventory",
            "the shop has no sales warehouse (or its warehouses were not pulled)",
            "pull warehouses (Mapping pane, r) or add one in Seller Center",
        ));
    }
    if p.options.len() > 3 {
        r.missing.push(miss(
            "sales_attributes",
            format!("{} options; TikTok allows 3", p.options.len()),
            "merge options on the platform",
        ));
    }
    let mut out = Vec::new();
    for v in &p.variants {
        let sku = &v.sku;
        let price = d.prices.get(sku).copied().unwrap_or(v.price);
        if !d.prices.contains_key(sku) && p.currency != i.currency {
            r.missing.push(miss(
                format!("skus.{sku}.price"),
                format!("the platform price is in {} but the shop sells in {}", p.currency, i.currency),
                "set a TikTok price for the SKU",
            ));
        } else if price <= Decimal::ZERO || price > max_price(i.region) {
            r.missing.push(miss(
                format!("skus.{sku}.price"),
                format!("{price} {} is outside TikTok's range (0.01 to {})", i.currency, max_price(i.region)),
                "set a TikTok price for the SKU",
            ));
        }
        let inventory: Vec<(String, i64)> = match d.inventory.get(sku) {
            Some(per) => per.iter().map(|(w, q)| (w.clone(), *q)).collect(),
            None => default_wh.iter().map(|w| (w.clone(), v.inventory)).collect(),
        };
        if inventory.is_empty() && d.inventory.contains_key(sku) {
            r.missing.push(miss(
                format!("skus.{sku}.inventory"),
                "stocked in none of the shop's TikTok warehouses",
                "set its stock in a warehouse (o), or leave the variant out",
            ));
        }
        for (w, q) in &inventory {
            if !i.warehouses.iter().any(|x| &x.id == w) {
                r.missing.push(miss(
                    format!("skus.{sku}.inventory"),
                    format!("warehouse {w} is not one of the shop's"),
                    "choose one of the shop's warehouses",
                ));
            } else if !(1..=99_999).contains(q) {
                r.missing.push(miss(
                    format!("skus.{sku}.inventory"),
                    format!("{q} in stock; TikTok takes 1 to 99,999"),
                    "restock, or leave the variant out",
                ));
            }
        }
        let identifier = match v.barcode.as_deref().map(super::listing_policy::identifier_code) {
            // Create Product: an identifier code is unique per SKU.
            Some(Ok((code, _)))
                if p.variants.iter().filter(|x| x.barcode.as_deref().map(str::trim) == Some(code.as_str())).count()
                    > 1 =>
            {
                r.notes.push(format!(
                    "{sku}: barcode {code} is on more than one variant; TikTok needs one per SKU, so it is not sent"
                ));
                None
            }
            Some(Ok((code, kind))) => Some((code, kind.to_string())),
            Some(Err(why)) => {
                r.notes.push(format!("{sku}: {why}; it is not sent as the identifier code"));
                None
            }
            None => None,
        };
        let sales = sales_for(i, v);
        let image = v.image.clone().filter(|_| !sales.is_empty());
        out.push(SkuPlan {
            seller_sku: sku.clone(),
            price,
            currency: i.currency.to_string(),
            inventory,
            sales,
            identifier,
            image,
        });
    }
    out
}

/// A variant's sales attributes: mapped options, else custom ones named like the option.
fn sales_for(i: &CheckInput, v: &Variant) -> Vec<(String, String, String, String)> {
    let p = i.product;
    if p.variants.len() < 2 {
        return vec![];
    }
    let cat = i.category.map(|c| c.category_id.as_str()).unwrap_or("");
    let attrs = i.requirements.map(|r| r.attributes.as_slice()).unwrap_or(&[]);
    p.options
        .iter()
        .zip(&v.option_values)
        .map(|(name, value)| {
            let m = i
                .attribute_maps
                .iter()
                .find(|m| m.category_id == cat && m.source == AttributeSource::Option(name.clone()));
            let def = m.and_then(|m| attrs.iter().find(|a| a.id == m.attribute_id && a.is_sales()));
            let mapped = m.and_then(|m| m.values.iter().find(|x| &x.from == value));
            match (def, mapped) {
                (Some(a), Some(x)) => (a.id.clone(), a.name.clone(), x.value_id.clone(), x.value_name.clone()),
                (Some(a), None) => (a.id.clone(), a.name.clone(), String::new(), value.clone()),
                _ => (String::new(), name.chars().take(20).collect(), String::new(), value.chars().take(50).collect()),
            }
        })
        .collect()
}
