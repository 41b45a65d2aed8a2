//! `tokshop catalog set SKU [--price P] [--stock N]` and `tokshop catalog stock < LINES`: a
//! change to the platform catalogue, committed with the mark that queues its push to every shop
//! where the product is live (in the same transaction: a crash between the change and the push
//! loses nothing). The engine (daemon or console) pushes within a second; `tokshop listings push`
//! pushes now.

use crate::cli::session::{CliError, Globals, actor, open_store};
use crate::domain::audit::Outcome;
use crate::domain::catalog::Product;
use crate::store::{Store, audit, catalog};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

fn now() -> i64 {
    crate::clock::Clock::now(&crate::clock::SystemClock)
}

/// When an engine runs the command, stdin stays here: the feed travels with the arguments.
pub fn inline_stdin(mut args: Vec<String>) -> Vec<String> {
    let words: Vec<&str> = args.iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    let is_feed = words.windows(2).any(|w| w == ["catalog", "stock"]);
    if is_feed && !args.iter().any(|a| a.starts_with("--lines")) {
        let mut text = String::new();
        if std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).is_ok() {
            args.push(format!("--lines={text}"));
        }
    }
    args
}

/// How many shops will receive a product's change (live there, tokshop's or matched).
fn shops_live(store: &Store, p: &Product) -> usize {
    store
        .listings(None)
        .unwrap_or_default()
        .iter()
        .filter(|l| l.store == p.store && l.handle == p.handle && l.status == "ACTIVATE")
        .count()
}

/// `catalog set`: one SKU's price and/or stock.
pub fn set(
    g: &Globals,
    sku: &str,
    price: Option<&str>,
    stock: Option<i64>,
    store_name: Option<&str>,
) -> Result<(), CliError> {
    if price.is_none() && stock.is_none() {
        return Err(CliError::usage("say what changes: --price P and/or --stock N"));
    }
    let price = price
        .map(|p| Decimal::from_str(p.trim()).ok().filter(|d| *d > Decimal::ZERO))
        .map(|p| p.ok_or_else(|| CliError::usage("--price must be a positive amount such as 12.50")))
        .transpose()?;
    if stock.is_some_and(|n| n < 0) {
        return Err(CliError::usage("--stock must be 0 or more"));
    }
    let (_, store) = open_store(g)?;
    let mut p = store
        .product_by_sku(store_name, sku)?
        .ok_or_else(|| CliError::usage(format!("no SKU {sku:?} in the catalogue (tokshop catalog list)")))?;
    let v = p
        .variants
        .iter_mut()
        .find(|v| v.sku == sku)
        .ok_or_else(|| CliError::usage(format!("no SKU {sku:?} in the catalogue")))?;
    let mut what = Vec::new();
    if let Some(n) = stock {
        what.push(format!("stock {} → {n}", v.inventory));
        v.inventory = n;
    }
    if let Some(pr) = price {
        what.push(format!("price {} → {pr} {}", v.price, p.currency));
        v.price = pr;
    }
    let t = now();
    p.updated_at = t;
    let note = what.join(", ");
    store.write(|tx| {
        catalog::put_product(tx, &p)?;
        audit::append(tx, t, &actor(), "catalog set", sku, Outcome::Ok(note.clone()))
    })?;
    crate::outln!("{sku}: {note}; queued for {} live shop(s)", shops_live(&store, &p));
    Ok(())
}

/// One `SKU,QTY` line read, or why not.
fn parse_line(line: &str) -> Result<(String, i64), String> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let [sku, qty] = fields.as_slice() else {
        return Err(format!("expected SKU,QTY, found {} field(s)", fields.len()));
    };
    if sku.is_empty() || sku.chars().any(char::is_whitespace) {
        return Err(format!("{} is not a SKU", crate::domain::text::quoted(sku, 80)));
    }
    let q: i64 =
        qty.parse().map_err(|_| format!("quantity {} is not a whole number", crate::domain::text::quoted(qty, 80)))?;
    if q < 0 {
        return Err(format!("quantity {q} is negative"));
    }
    Ok((sku.to_string(), q))
}

/// `catalog stock`: a stock feed, `SKU,QTY` per line (blank lines and `#` comments skipped).
/// Bad lines are named and refused; the good ones are applied together, so a burst of changes
/// becomes one push per product and shop. Exit 1 when any line was refused.
pub fn feed(g: &Globals, store_name: Option<&str>, lines: Option<String>) -> Result<(), CliError> {
    let text = match lines {
        Some(t) => t,
        None => {
            let mut t = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut t)
                .map_err(|e| CliError::usage(format!("cannot read stdin: {e}")))?;
            t
        }
    };
    let (_, store) = open_store(g)?;
    let mut errors = Vec::new();
    let mut changes: BTreeMap<(String, String), Product> = BTreeMap::new();
    let mut applied = 0usize;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (sku, q) = match parse_line(line) {
            Ok(x) => x,
            Err(e) => {
                errors.push(format!("line {}: {e}", i + 1));
                continue;
            }
        };
        let known = changes
            .values()
            .find(|p| p.variants.iter().any(|v| v.sku == sku))
            .map(|p| (p.store.clone(), p.handle.clone()));
        let key = match known {
            Some(k) => k,
            None => match store.product_by_sku(store_name, &sku)? {
                Some(p) => {
                    let k = (p.store.clone(), p.handle.clone());
                    changes.insert(k.clone(), p);
                    k
                }
                None => {
                    errors.push(format!(
                        "line {}: no SKU {} in the catalogue",
                        i + 1,
                        crate::domain::text::quoted(&sku, 80)
                    ));
                    continue;
                }
            },
        };
        if let Some(v) = changes.get_mut(&key).and_then(|p| p.variants.iter_mut().find(|v| v.sku == sku)) {
            v.inventory = q;
            applied += 1;
        }
    }
    let t = now();
    let note = format!("{applied} line(s) applied to {} product(s), {} refused", changes.len(), errors.len());
    store.write(|tx| {
        for p in changes.values_mut() {
            p.updated_at = t;
            catalog::put_product(tx, p)?;
        }
        audit::append(tx, t, &actor(), "catalog stock", "stdin", Outcome::Ok(note.clone()))
    })?;
    for e in &errors {
        crate::errln!("{e}");
    }
    crate::outln!("{applied} applied, {} refused", errors.len());
    if !errors.is_empty() {
        return Err(CliError::failed(format!("{} line(s) were refused; the others were applied", errors.len())));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_are_read_strictly() {
        assert_eq!(super::parse_line("A-1, 7"), Ok(("A-1".into(), 7)));
        assert!(super::parse_line("A-1").unwrap_err().contains("expected SKU,QTY"));
        assert!(super::parse_line("A-1,x").unwrap_err().contains("not a whole number"));
        assert!(super::parse_line("A-1,-2").unwrap_err().contains("negative"));
        assert!(super::parse_line("A 1,2").unwrap_err().contains("not a SKU"));
    }
}
