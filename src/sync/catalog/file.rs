//! Reading a catalogue file (Shopify product CSV or tokshop JSON) for an import, from the
//! console or the command line: the products, one message per refused row, and image paths
//! made absolute against the file's folder (URLs stay as they are).

use crate::domain::catalog::{Product, parse_json};
use crate::domain::shopify_csv;
use std::path::Path;

/// Which parser reads the file: `json` forces one, `None` goes by the extension.
pub fn read(
    file: &Path,
    json: Option<bool>,
    store: &str,
    currency: &str,
) -> Result<(Vec<Product>, Vec<String>), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let text = crate::domain::csv_strict::utf8(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
    let json = json.unwrap_or_else(|| file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")));
    let (mut products, errors) = if json {
        parse_json(text, store, currency)
    } else {
        let (p, e) = shopify_csv::parse(text, store, currency);
        (p, e.iter().map(|e| e.to_string()).collect())
    };
    let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let base = std::fs::canonicalize(&base).unwrap_or(base);
    let resolve = |src: &str| -> String {
        if src.contains("://") || src.is_empty() || Path::new(src).is_absolute() {
            src.to_string()
        } else {
            base.join(src).display().to_string()
        }
    };
    for p in &mut products {
        for i in &mut p.images {
            i.src = resolve(&i.src);
        }
        for v in &mut p.variants {
            v.image = v.image.as_deref().map(resolve);
        }
    }
    Ok((products, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_images_are_resolved_against_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let csv =
            "Handle,Title,Variant SKU,Variant Price,Image Src,Image Position\nmug,Mug,M-1,5.00,images/mug.jpg,1\n";
        let path = dir.path().join("p.csv");
        std::fs::write(&path, csv).expect("write");
        let (products, errors) = read(&path, None, "web", "USD").expect("read");
        assert!(errors.is_empty(), "{errors:?}");
        let src = &products[0].images[0].src;
        assert!(Path::new(src).is_absolute() && src.ends_with("images/mug.jpg"), "{src}");
        assert!(read(&dir.path().join("missing.csv"), None, "web", "USD").unwrap_err().contains("missing.csv"));
    }
}
