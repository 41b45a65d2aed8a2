//! A shop's logistics and catalogue in the sandbox: warehouses, delivery options with their
//! shipping providers, and products whose SKUs orders are made of.

use super::model::{SbAddress, SbDeliveryOption, SbProduct, SbWarehouse, ShopCommerce};
use crate::sandbox::world::World;
use rust_decimal::Decimal;

pub fn us_address(name: &str, line1: &str, city: &str, state: &str, zip: &str) -> SbAddress {
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    SbAddress {
        name: name.into(),
        first_name: first.into(),
        last_name: last.into(),
        phone_masked: "(+1)213-***-1234".into(),
        line1: line1.into(),
        line2: String::new(),
        city: city.into(),
        state: state.into(),
        postal_code: zip.into(),
        region_code: "US".into(),
    }
}

pub fn gb_address(name: &str, line1: &str, city: &str, county: &str, postcode: &str) -> SbAddress {
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    SbAddress {
        name: name.into(),
        first_name: first.into(),
        last_name: last.into(),
        phone_masked: "(+44)7700-***-123".into(),
        line1: line1.into(),
        line2: String::new(),
        city: city.into(),
        state: county.into(),
        postal_code: postcode.into(),
        region_code: "GB".into(),
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

/// A product: name, one unit packed (grams, length x width x height in cm), whether it is a
/// dangerous good, and its SKUs (name, seller SKU, price).
type Product<'a> = (&'a str, u32, (u32, u32, u32), bool, &'a [(&'a str, &'a str, &'a str)]);

/// Build the commerce side of a shop in `region`, with product names themed by `theme`.
pub fn shop_commerce(w: &mut World, region: &str, theme: &str) -> ShopCommerce {
    let gb = region == "GB";
    let mut id = |first: char| w.digits(first, 19);
    let wh = SbWarehouse {
        id: id('7'),
        name: if gb { "Manchester DC".into() } else { "Newark DC".into() },
        kind: "SALES_WAREHOUSE",
        is_default: true,
        address: if gb {
            gb_address("Dispatch Team", "12 Trafford Way", "Manchester", "Greater Manchester", "M17 1AB")
        } else {
            us_address("Dispatch Team", "400 Doremus Ave", "Newark", "NJ", "07105")
        },
        geolocation: if gb { ("53.46440", "-2.33720") } else { ("40.71900", "-74.12900") },
    };
    let ret = SbWarehouse {
        id: id('7'),
        name: if gb { "Leeds Returns".into() } else { "Reno Returns".into() },
        kind: "RETURN_WAREHOUSE",
        is_default: false,
        address: if gb {
            gb_address("Returns", "3 Aire St", "Leeds", "West Yorkshire", "LS1 4PR")
        } else {
            us_address("Returns", "1 Packer Way", "Reno", "NV", "89502")
        },
        geolocation: if gb { ("53.79400", "-1.54900") } else { ("39.52960", "-119.81380") },
    };
    let providers: Vec<(String, String)> = if gb {
        ["Royal Mail", "DPD", "Evri", "Parcelforce"].iter().map(|n| (id('6'), n.to_string())).collect()
    } else {
        ["USPS", "UPS", "FedEx", "DHL eCommerce"].iter().map(|n| (id('6'), n.to_string())).collect()
    };
    let options = vec![
        SbDeliveryOption {
            id: id('7'),
            name: if gb { "Standard Delivery".into() } else { "Standard shipping".into() },
            kind: "STANDARD",
            providers: vec![],
        },
        SbDeliveryOption { id: id('7'), name: "Shipped by seller".into(), kind: "SEND_BY_SELLER", providers },
    ];
    // The serum is alcohol-based: a flammable liquid shipped as a limited quantity, TikTok's
    // `is_dangerous_good` (hazmat items are packed and labelled apart).
    let catalogue: &[Product] = match theme {
        "beauty" => &[
            (
                "Hydrating Rose Serum 30ml",
                120,
                (10, 6, 6),
                true,
                &[("30ml", "MB-SERUM-30", "24.90"), ("50ml", "MB-SERUM-50", "34.90")],
            ),
            (
                "Matte Lip Tint",
                30,
                (8, 3, 3),
                false,
                &[("Coral", "MB-LIP-COR", "9.99"), ("Berry", "MB-LIP-BER", "9.99"), ("Nude", "MB-LIP-NUD", "9.99")],
            ),
            (
                "Silk Sleep Mask",
                60,
                (20, 10, 2),
                false,
                &[("Black", "MB-MASK-BLK", "14.50"), ("Blush", "MB-MASK-BLU", "14.50")],
            ),
            ("Bamboo Brush Set", 180, (22, 8, 4), false, &[("5 pcs", "MB-BRUSH-5", "19.00")]),
        ],
        "home" => &[
            (
                "Linen Cushion Cover",
                250,
                (30, 25, 3),
                false,
                &[("Sage 45cm", "LH-CUSH-SAG", "18.00"), ("Oat 45cm", "LH-CUSH-OAT", "18.00")],
            ),
            ("Stoneware Mug", 400, (12, 10, 10), false, &[("Speckled", "LH-MUG-SPK", "12.50")]),
            (
                "Soy Candle",
                350,
                (10, 10, 10),
                false,
                &[("Fig", "LH-CAN-FIG", "16.00"), ("Cedar", "LH-CAN-CED", "16.00")],
            ),
        ],
        _ => &[
            (
                "Organic Cotton Tee",
                200,
                (30, 25, 3),
                false,
                &[
                    ("Black / M", "NW-TEE-BLK-M", "22.00"),
                    ("Black / L", "NW-TEE-BLK-L", "22.00"),
                    ("White / M", "NW-TEE-WHT-M", "22.00"),
                ],
            ),
            (
                "Trail Running Socks 3-pack",
                150,
                (20, 12, 4),
                false,
                &[("M", "NW-SOCK-M", "15.00"), ("L", "NW-SOCK-L", "15.00")],
            ),
            (
                "Packable Rain Jacket",
                450,
                (30, 25, 6),
                false,
                &[("Olive / M", "NW-RAIN-OLV-M", "89.00"), ("Navy / L", "NW-RAIN-NVY-L", "89.00")],
            ),
            ("Canvas Tote", 300, (38, 30, 2), false, &[("Natural", "NW-TOTE-NAT", "18.50")]),
        ],
    };
    let products = catalogue
        .iter()
        .map(|(name, grams, dims, dangerous, skus)| SbProduct {
            product_id: id('1'),
            name: name.to_string(),
            skus: skus
                .iter()
                .map(|(sku_name, seller_sku, price)| (id('2'), sku_name.to_string(), seller_sku.to_string(), d(price)))
                .collect(),
            grams: *grams,
            dims_cm: *dims,
            dangerous_good: *dangerous,
        })
        .collect();
    ShopCommerce {
        currency: if gb { "GBP" } else { "USD" },
        region: region.into(),
        warehouses: vec![wh, ret],
        delivery_options: options,
        products,
        ..ShopCommerce::default()
    }
}
