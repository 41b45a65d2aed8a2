//! The demo's platform catalogue: a Shopify product CSV with its images (drawn here) written
//! into the demo's data dir, then imported, mapped and checked through the same engine code the
//! console uses, so the Listings pane opens on real states: products ready, products with fields
//! missing (hazmat, size chart, a certificate), a Seller Center product matched by SKU and one
//! left for linking by hand, and a shop blocked by a failed prerequisite.

use crate::domain::shop::Shop;
use crate::sync::catalog::{self, file as catalog_file, listing};
use crate::sync::{SyncCtx, SyncError};
use image::{Rgb, RgbImage};
use std::path::Path;

/// The catalogue as Shopify exports it. Handles, SKUs and types are chosen so that Recommend
/// Category finds them in the sandbox's tree; MB-BRUSH-5 is also a Seller Center product.
const CSV: &str = "\
Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,\
    Variant Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,Variant Barcode,Image Src,\
    Image Position,Variant Weight Unit
bamboo-brush-set,Bamboo Makeup Brush Set,<p>Five vegan brushes with bamboo handles and a cotton pouch.</p>,\
    Maomao Beauty,Makeup Brushes,\"beauty, vegan, Material: Bamboo\",Title,Default Title,,,MB-BRUSH-5,180,60,19.00,\
    24.00,,files/brush-set.jpg,1,g
vitamin-c-serum,Vitamin C Face Serum 30 ml,<p>A brightening serum with 15% vitamin C and hyaluronic acid.</p>,\
    Maomao Beauty,Face Serums,\"beauty, skincare\",Title,Default Title,,,MB-SERUM-30,90,120,24.50,,5012345678900,\
    files/serum.jpg,1,g
rose-body-mist,Rose Body Mist 100 ml,<p>A light rose and musk body mist in a recyclable aerosol can.</p>,Maomao Beauty,\
    Body Mists,\"beauty, fragrance\",Title,Default Title,,,MB-MIST-100,140,35,14.00,,,files/body-mist.jpg,1,g
velvet-lipstick,Velvet Matte Lipstick,<p>Long-wear matte lipstick in three shades.</p>,Maomao Beauty,Lipsticks,beauty,\
    Shade,Ruby,,,MB-LIP-RUBY,30,40,12.00,,,files/lipstick.jpg,1,g
velvet-lipstick,,,,,,,Coral,,,MB-LIP-CORAL,30,25,12.00,,,,,g
velvet-lipstick,,,,,,,Nude,,,MB-LIP-NUDE,30,0,12.00,,,,,g
packable-rain-jacket,Packable Rain Jacket,\
    <p>A light waterproof shell that packs into its own pocket. Seam-sealed; adjustable hood.</p>,Northwind Outfitters,\
    Rain Jackets,\"outdoor, Material: Nylon\",Size,S,Color,Navy,NW-RAIN-S,320,14,89.00,119.00,,files/rain-jacket.jpg,1,g
packable-rain-jacket,,,,,,,M,,Navy,NW-RAIN-M,330,22,89.00,119.00,,,,g
packable-rain-jacket,,,,,,,L,,Navy,NW-RAIN-L,345,9,89.00,119.00,,,,g
merino-hiking-socks,Merino Hiking Socks,<p>Cushioned merino wool socks for long days on the trail.</p>,\
    Northwind Outfitters,Socks,\"outdoor, Material: Wool\",Size,M,,,NW-SOCK-M,80,50,16.00,,,files/socks.jpg,1,g
merino-hiking-socks,,,,,,,L,,,NW-SOCK-L,85,44,16.00,,,,,g
usb-bike-light,Rechargeable USB Bike Light,\
    <p>A 400-lumen front light with a built-in lithium-ion battery; charges over USB-C.</p>,Northwind Outfitters,\
    Bike Lights,\"cycling, Material: Aluminium\",Title,Default Title,,,NW-LIGHT-400,120,30,29.00,,,\
    files/bike-light.jpg,1,g
enamel-camping-mug,Enamel Camping Mug,\
    <p>A chip-resistant enamel mug for the campfire. Campfire recipes: https://northwind.example/recipes</p>,\
    Northwind Outfitters,Camping Mugs,\"outdoor, Material: Enamel\",Title,Default Title,,,NW-MUG-ENAMEL,250,80,12.50,,,\
    files/camping-mug.jpg,1,g
";

/// (file, width, height, colour): the bike light's photo is wide, so the check shows it padded.
const IMAGES: [(&str, u32, u32, [u8; 3]); 9] = [
    ("brush-set.jpg", 1000, 1000, [196, 160, 112]),
    ("serum.jpg", 1000, 1000, [240, 176, 64]),
    ("body-mist.jpg", 900, 900, [232, 150, 170]),
    ("lipstick.jpg", 1000, 1000, [170, 30, 60]),
    ("rain-jacket.jpg", 1000, 1000, [30, 50, 100]),
    ("socks.jpg", 800, 800, [120, 120, 110]),
    ("bike-light.jpg", 1600, 600, [40, 40, 40]),
    ("camping-mug.jpg", 1000, 1000, [235, 235, 225]),
    ("size-chart-rain-jacket.png", 1200, 1200, [255, 255, 255]),
];

/// The documents dangerous goods need (CAT-PRE-CERT): safety data sheets and the UN38.3 test
/// summary of the bike light's lithium battery.
const DOCUMENTS: [(&str, &str); 3] = [
    ("sds-rose-body-mist.pdf", "Safety Data Sheet: Rose Body Mist 100 ml"),
    ("sds-usb-bike-light.pdf", "Safety Data Sheet: Rechargeable USB Bike Light"),
    ("un38-3-usb-bike-light.pdf", "UN38.3 Test Summary: 18650 lithium-ion cell, 2600 mAh"),
];

/// A product photo stand-in: a soft background with the product's colour as a disc.
fn draw(w: u32, h: u32, colour: [u8; 3]) -> RgbImage {
    let (cx, cy, r) = (w as f32 / 2.0, h as f32 / 2.0, w.min(h) as f32 * 0.35);
    RgbImage::from_fn(w, h, |x, y| {
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
        if d < r { Rgb(colour) } else { Rgb([246, 244, 240]) }
    })
}

/// Write the CSV, its images, and the documents an operator attaches (a size chart and a
/// safety data sheet) into `dir`; returns the CSV's path.
pub fn write_files(dir: &Path) -> Result<std::path::PathBuf, String> {
    let files = dir.join("files");
    std::fs::create_dir_all(&files).map_err(|e| format!("cannot create {}: {e}", files.display()))?;
    for (name, w, h, colour) in IMAGES {
        let path = files.join(name);
        draw(w, h, colour).save(&path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for (name, text) in DOCUMENTS {
        let path = files.join(name);
        std::fs::write(&path, minimal_pdf(text)).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let csv = dir.join("products.csv");
    std::fs::write(&csv, CSV).map_err(|e| format!("cannot write {}: {e}", csv.display()))?;
    Ok(csv)
}

/// A one-page PDF holding a line of text.
fn minimal_pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 14 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> \
            >>"
        .to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    out.into_bytes()
}

/// Product types the demo leaves unmapped, for the operator to map in the console.
const LEFT_UNMAPPED: [&str; 1] = ["Lipsticks"];

/// Import the catalogue into the demo stores, map categories by TikTok's recommendation, match
/// Seller Center products by SKU, and check every product on every shop.
pub async fn seed(ctx: &SyncCtx, dir: &Path, shops: &[Shop]) -> Result<String, SyncError> {
    let csv = write_files(dir).map_err(SyncError::Invalid)?;
    for store in ["maomao-web", "northwind-web"] {
        let (mut products, errors) = catalog_file::read(&csv, None, store, "USD").map_err(SyncError::Invalid)?;
        if let Some(e) = errors.first() {
            return Err(SyncError::Invalid(format!("demo catalogue: {e}")));
        }
        let vendor = if store == "maomao-web" { "Maomao Beauty" } else { "Northwind Outfitters" };
        products.retain(|p| p.vendor == vendor);
        let now = ctx.now();
        ctx.store.import_products(&products, now)?;
    }
    let mut checked = 0;
    for shop in shops {
        let products: Vec<_> = ctx.store.products(Some(&shop.store), None, usize::MAX)?;
        for p in &products {
            if LEFT_UNMAPPED.contains(&p.product_type.as_str())
                || ctx.store.category_mapping(&shop.id, &p.product_type)?.is_some()
            {
                continue;
            }
            let (category_id, _) = catalog::recommend(ctx, shop, p).await?;
            catalog::map_category(ctx, shop, &p.product_type, &category_id).await?;
        }
        listing::match_products(ctx, shop).await?;
        for p in &products {
            listing::check_product(ctx, shop, p).await?;
            checked += 1;
        }
    }
    Ok(format!("Demo: catalogue imported and {checked} listing check(s) run ({})", csv.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_files_parse_cleanly_and_the_pdf_is_a_pdf() {
        let dir = tempfile::tempdir().expect("dir");
        let csv = write_files(dir.path()).expect("files");
        let (products, errors) = catalog_file::read(&csv, None, "web", "USD").expect("read");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(products.len(), 8);
        for p in &products {
            for i in &p.images {
                assert!(Path::new(&i.src).exists(), "{} has its image {}", p.handle, i.src);
            }
        }
        let pdf = std::fs::read(dir.path().join("files/sds-rose-body-mist.pdf")).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF\n"));
    }
}
