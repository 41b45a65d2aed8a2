//! Shopify's product CSV export: one row per variant (the first row of a handle also carries the
//! product's title, body, vendor, type, tags and option names) plus image-only rows. Bad rows are
//! reported by line and column; the good rows still import.
//!
//! Columns read: Handle, Title, Body (HTML), Vendor, Type (or Product Type), Tags, Option1..3 Name
//! and Value, Variant SKU, Variant Grams, Variant Inventory Qty, Variant Price, Variant Compare At
//! Price, Variant Barcode, Variant Image, Image Src, Image Position, Image Alt Text. Others
//! (Variant Weight Unit, Published, Status, SEO…) are ignored: Shopify writes the weight in grams in
//! Variant Grams whatever unit the shop displays, so the unit column changes nothing. Source:
//! Shopify's "Using CSV files to import and export products" help page (column list, the
//! one-row-per-variant layout, "Variant Grams": the weight in grams).

use super::catalog::{Product, ProductImage, Variant};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
        }
    }
}

struct Cols {
    idx: HashMap<String, usize>,
}

impl Cols {
    fn get<'r>(&self, rec: &'r csv::StringRecord, name: &str) -> &'r str {
        self.idx.get(&name.to_ascii_lowercase()).and_then(|i| rec.get(*i)).unwrap_or("").trim()
    }
}

/// A value quoted in a message: inert and cut to 80 characters.
fn q(v: &str) -> String {
    format!("\"{}\"", super::text::quoted(v, 80))
}

fn decimal(s: &str) -> Option<Decimal> {
    Decimal::from_str(s.trim().trim_start_matches('$')).ok()
}

/// Parse the text of a Shopify product CSV into products of `store` priced in `currency`.
pub fn parse(text: &str, store: &str, currency: &str) -> (Vec<Product>, Vec<RowError>) {
    let mut errors = Vec::new();
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return (
                vec![],
                vec![RowError { line: 1, column: String::new(), message: format!("cannot read the header: {e}") }],
            );
        }
    };
    let cols = Cols { idx: header.iter().enumerate().map(|(i, h)| (h.trim().to_ascii_lowercase(), i)).collect() };
    if !cols.idx.contains_key("handle") {
        let found: Vec<&str> = header.iter().take(6).collect();
        let message = format!("no Handle column: is this a Shopify product export? (found: {})", found.join(", "));
        return (vec![], vec![RowError { line: 1, column: String::new(), message }]);
    }
    let mut products: BTreeMap<String, Product> = BTreeMap::new();
    // Handles in file order, each with the line of its first row (named when it has no Title).
    let mut order: Vec<(String, u64)> = Vec::new();
    let mut seen_skus: HashMap<String, String> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let flaws = super::csv_strict::flaws(text);
    errors.extend(flaws.iter().map(|f| RowError { line: f.line, column: String::new(), message: f.message.clone() }));
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                if super::csv_strict::refused(&flaws, line).is_some() {
                    continue;
                }
                errors.push(RowError { line, column: String::new(), message: format!("unreadable row: {e}") });
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) || super::csv_strict::refused(&flaws, line).is_some() {
            continue;
        }
        let err = |column: &str, message: String| RowError { line, column: column.into(), message };
        let handle = cols.get(&record, "Handle");
        if handle.is_empty() {
            errors.push(err("Handle", "empty: every row names its product's handle".into()));
            continue;
        }
        let p = products.entry(handle.to_string()).or_insert_with(|| {
            order.push((handle.to_string(), line));
            Product { store: store.into(), handle: handle.into(), currency: currency.into(), ..Product::default() }
        });
        // Product fields come with the first row that has them.
        let title = cols.get(&record, "Title");
        if !title.is_empty() && p.title.is_empty() {
            p.title = title.into();
            p.description_html = cols.get(&record, "Body (HTML)").into();
            p.vendor = cols.get(&record, "Vendor").into();
            let ty = cols.get(&record, "Type");
            p.product_type = if ty.is_empty() { cols.get(&record, "Product Type").into() } else { ty.into() };
            p.tags = cols
                .get(&record, "Tags")
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect();
            p.options = (1..=3)
                .map(|i| cols.get(&record, &format!("Option{i} Name")).to_string())
                .filter(|n| !n.is_empty())
                .collect();
        }
        let src = cols.get(&record, "Image Src");
        if !src.is_empty() && !p.images.iter().any(|i| i.src == src) {
            let position = match cols.get(&record, "Image Position") {
                "" => p.images.len() as u32 + 1,
                s => match s.parse::<u32>() {
                    Ok(n) => n,
                    Err(_) => {
                        errors.push(err("Image Position", format!("{} is not a whole number", q(s))));
                        p.images.len() as u32 + 1
                    }
                },
            };
            p.images.push(ProductImage { src: src.into(), position, alt: cols.get(&record, "Image Alt Text").into() });
        }
        let sku = cols.get(&record, "Variant SKU");
        let price = cols.get(&record, "Variant Price");
        let option1 = cols.get(&record, "Option1 Value");
        if sku.is_empty() && price.is_empty() && option1.is_empty() {
            continue; // an image-only row
        }
        if sku.is_empty() {
            errors.push(err(
                "Variant SKU",
                "empty: every variant needs a SKU (tokshop matches listings and orders by SKU)".into(),
            ));
            continue;
        }
        if sku.chars().any(char::is_whitespace) || sku.chars().count() > 50 {
            errors.push(err(
                "Variant SKU",
                format!("{} is not a valid SKU: at most 50 characters, no spaces (TikTok's rule)", q(sku)),
            ));
            continue;
        }
        if let Some(other) = seen_skus.get(sku) {
            errors.push(err("Variant SKU", format!("{sku} is already the SKU of a variant of {other}")));
            continue;
        }
        let Some(price) = decimal(price).filter(|d| *d >= Decimal::ZERO) else {
            errors.push(err("Variant Price", format!("{} is not a price", q(price))));
            continue;
        };
        let compare = match cols.get(&record, "Variant Compare At Price") {
            "" => None,
            s => match decimal(s) {
                Some(d) => Some(d),
                None => {
                    errors.push(err("Variant Compare At Price", format!("{} is not a price", q(s))));
                    continue;
                }
            },
        };
        let inventory = match cols.get(&record, "Variant Inventory Qty") {
            "" => 0,
            s => match s.parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    errors.push(err("Variant Inventory Qty", format!("{} is not a whole number", q(s))));
                    continue;
                }
            },
        };
        let grams = match cols.get(&record, "Variant Grams") {
            "" => None,
            s => match decimal(s).filter(|d| *d >= Decimal::ZERO) {
                Some(d) => Some(d),
                None => {
                    errors.push(err("Variant Grams", format!("{} is not a weight in grams", q(s))));
                    continue;
                }
            },
        };
        let option_values: Vec<String> =
            (1..=p.options.len().max(1)).map(|i| cols.get(&record, &format!("Option{i} Value")).to_string()).collect();
        seen_skus.insert(sku.to_string(), handle.to_string());
        let barcode =
            Some(cols.get(&record, "Variant Barcode").trim_start_matches('\'').to_string()).filter(|b| !b.is_empty());
        let image = Some(cols.get(&record, "Variant Image").to_string()).filter(|s| !s.is_empty());
        p.variants.push(Variant {
            sku: sku.into(),
            option_values,
            price,
            compare_at_price: compare,
            inventory,
            weight_grams: grams,
            dimensions_cm: None,
            barcode,
            image,
        });
    }
    let mut out = Vec::new();
    let mut reported: HashSet<String> = HashSet::new();
    for (h, first) in order {
        let Some(mut p) = products.remove(&h) else { continue };
        if p.title.is_empty() && reported.insert(h.clone()) {
            errors.push(RowError {
                line: first,
                column: "Title".into(),
                message: format!("product {h} has no row with a Title"),
            });
            continue;
        }
        if p.variants.is_empty() {
            continue; // its variant rows were all refused (reported above)
        }
        p.images.sort_by_key(|i| i.position);
        // Shopify's stand-in for "no options": one option "Title" with "Default Title".
        if p.options == ["Title"] && p.variants.iter().all(|v| v.option_values == ["Default Title"]) {
            p.options.clear();
            for v in &mut p.variants {
                v.option_values.clear();
            }
        }
        out.push(p);
    }
    errors.sort_by_key(|e| e.line);
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Variant \
        Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,Variant Barcode,Image Src,Image Position,\
        Variant Weight Unit\n\
rain-jacket,Packable Rain Jacket,\"<p>Light,\nwaterproof.</p>\",Northwind,Jackets,\"outdoor, \
    rain\",Size,S,NW-RAIN-S,320,12,89.00,119.00,0123456789012,https://cdn.shopify.com/a.jpg,1,g\n\
rain-jacket,,,,,,,M,NW-RAIN-M,330,0,89.00,,,https://cdn.shopify.com/b.jpg,2,g\n\
rain-jacket,,,,,,,L,NW-RAIN-L,abc,5,89.00,,,,,g\n\
rain-jacket,,,,,,,,,,,,,,https://cdn.shopify.com/c.jpg,3,\n\
mug,Enamel Mug,,Lumen,Kitchen,,Title,Default Title,LM-MUG,250,40,not-a-price,,,,,g\n\
,Orphan,,,,,,,X,,,1.00,,,,,\n";

    #[test]
    fn variants_group_by_handle_and_bad_cells_are_named() {
        let (products, errors) = parse(CSV, "northwind-web", "USD");
        assert_eq!(products.len(), 1, "the mug's only variant was refused");
        let p = &products[0];
        assert_eq!(
            (p.title.as_str(), p.vendor.as_str(), p.product_type.as_str()),
            ("Packable Rain Jacket", "Northwind", "Jackets")
        );
        assert_eq!(p.description_html, "<p>Light,\nwaterproof.</p>");
        assert_eq!(p.tags, vec!["outdoor", "rain"]);
        assert_eq!(p.skus().collect::<Vec<_>>(), vec!["NW-RAIN-S", "NW-RAIN-M"]);
        assert_eq!(p.variants[0].compare_at_price, Some(Decimal::new(11900, 2)));
        assert_eq!(p.variants[0].weight_grams, Some(Decimal::new(320, 0)));
        assert_eq!(p.images.len(), 3);
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].starts_with("line 5, column Variant Grams: \"abc\""), "{msgs:?}");
        assert!(msgs[1].starts_with("line 7, column Variant Price"), "{msgs:?}");
        assert!(msgs[2].starts_with("line 8, column Handle: empty"), "{msgs:?}");
    }

    #[test]
    fn not_a_shopify_export_is_said_plainly() {
        let (p, e) = parse("name,price\nx,1\n", "s", "USD");
        assert!(p.is_empty());
        assert!(e[0].to_string().contains("no Handle column"), "{e:?}");
    }

    #[test]
    fn duplicate_skus_across_products_are_refused() {
        let csv = "Handle,Title,Variant SKU,Variant Price\na,A,S1,1\nb,B,S1,2\n";
        let (p, e) = parse(csv, "s", "USD");
        assert_eq!(p.len(), 1);
        assert!(e[0].to_string().contains("already the SKU of a variant of a"), "{e:?}");
    }
}
