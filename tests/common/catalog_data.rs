//! A fixed catalogue for console snapshots and flows, in the same real store as the order day:
//! the Shopify CSV fixture imported into maomao-web, a small cached category tree with the rules
//! of two categories, category/brand/attribute mappings, drafts, check reports computed by the
//! real listing check, and listings in every state (live, in review, rejected, unmatched).
#![allow(dead_code)]

use super::order_data::{GB, US, warehouses};
use rust_decimal::Decimal;
use tokshop::domain::catalog::Dimensions;
use tokshop::domain::listing::{
    AttributeMapping, AttributeSource, BrandMapping, CategoryMapping, ChosenValue, Hazmat, Listing, ListingDraft,
    Origin,
};
use tokshop::domain::listing_check::{CheckInput, ImageNote, check};
use tokshop::domain::tiktok_catalog::{
    Attribute, AttributeValue, Category, CategoryRequirements, CategoryRules, CategoryTree, CertificationRule,
    PrerequisiteCheck, Prerequisites, RemoteSku, RequirementCondition,
};
use tokshop::store::{Store, listing};

pub const BRUSHES: &str = "601450";
pub const RAIN_JACKETS: &str = "601302";

fn cat(id: &str, parent: &str, name: &str, leaf: bool) -> Category {
    Category {
        id: id.into(),
        parent_id: parent.into(),
        name: name.into(),
        is_leaf: leaf,
        permissions: vec!["AVAILABLE".into()],
    }
}

pub fn tree(shop: &str, now: i64) -> CategoryTree {
    let mut categories = vec![
        cat("600001", "0", "Beauty & Personal Care", false),
        cat("600010", "600001", "Makeup", false),
        cat(BRUSHES, "600010", "Makeup Brushes & Sets", true),
        cat("601451", "600010", "Makeup Sponges", true),
        cat("600020", "600001", "Skincare", false),
        cat("601460", "600020", "Face Serums", true),
        cat("601461", "600020", "Face Moisturisers", true),
        cat("600002", "0", "Menswear & Men's Underwear", false),
        cat("600030", "600002", "Men's Tops", false),
        cat(RAIN_JACKETS, "600030", "Rain Jackets", true),
        cat("601303", "600030", "Puffer Jackets", true),
        cat("600003", "0", "Kitchenware", false),
        cat("600040", "600003", "Drinkware", false),
        cat("601500", "600040", "Mugs", true),
        cat("601501", "600040", "Travel Mugs", true),
    ];
    categories[13].permissions = vec!["INVITE_ONLY".into()];
    CategoryTree {
        shop_id: shop.into(),
        version: "v2".into(),
        locale: "en-US".into(),
        fetched_at: now - 7200,
        categories,
    }
}

fn attr(id: &str, name: &str, required: bool, values: &[(&str, &str)], cond: Option<(&str, &str)>) -> Attribute {
    Attribute {
        id: id.into(),
        name: name.into(),
        kind: "PRODUCT_PROPERTY".into(),
        required,
        customizable: name == "Material",
        multiple: name == "Hazardous Material Type",
        values: values.iter().map(|(i, n)| AttributeValue { id: i.to_string(), name: n.to_string() }).collect(),
        conditions: cond
            .map(|(a, v)| vec![RequirementCondition { attribute_id: a.into(), value_id: v.into() }])
            .unwrap_or_default(),
    }
}

fn hazmat_attributes() -> Vec<Attribute> {
    vec![
        attr("101610", "Dangerous Goods or Hazardous Materials", true, &[("1024357", "No"), ("1024358", "Yes")], None),
        attr(
            "101611",
            "Hazardous Material Type",
            false,
            &[
                ("1024400", "Lithium batteries"),
                ("1024401", "Flammable liquids"),
                ("1024402", "Aerosols"),
                ("1024403", "Corrosives"),
            ],
            Some(("101610", "1024358")),
        ),
    ]
}

pub fn requirements(shop: &str, category: &str, now: i64) -> CategoryRequirements {
    let jackets = category == RAIN_JACKETS;
    let mut attributes = vec![attr("100198", "Material", true, &[("1000203", "Nylon"), ("1000210", "Bamboo")], None)];
    if jackets {
        attributes.push(Attribute {
            kind: "SALES_PROPERTY".into(),
            ..attr("100007", "Size", false, &[("1000102", "S"), ("1000103", "M")], None)
        });
    }
    attributes.extend(hazmat_attributes());
    CategoryRequirements {
        shop_id: shop.into(),
        category_id: category.into(),
        fetched_at: now - 7200,
        rules: CategoryRules {
            certifications: vec![CertificationRule {
                id: "700101".into(),
                name: "Safety Data Sheet (SDS)".into(),
                conditions: vec![RequirementCondition { attribute_id: "101610".into(), value_id: "1024358".into() }],
                ..CertificationRule::default()
            }],
            size_chart_supported: jackets,
            size_chart_required: jackets,
            package_dimension_required: true,
            cod_supported: false,
        },
        attributes,
    }
}

/// The fixture catalogue, mappings, drafts, checks and listings, written to `s`.
pub fn seed(s: &Store, now: i64) {
    let csv = include_str!("../fixtures/catalog/shopify-products.csv");
    let (products, _bad_rows) = tokshop::domain::shopify_csv::parse(csv, "maomao-web", "USD");
    s.import_products(&products, now - 86_400).expect("import");
    let find = |h: &str| products.iter().find(|p| p.handle == h).expect("fixture product").clone();
    let map = |product_type: &str, id: &str, path: &str| CategoryMapping {
        shop_id: US.into(),
        product_type: product_type.into(),
        category_id: id.into(),
        category_path: path.into(),
        version: "v2".into(),
    };
    let cat_maps = vec![
        map("Makeup Brushes", BRUSHES, "Beauty & Personal Care > Makeup > Makeup Brushes & Sets"),
        map("Jackets", RAIN_JACKETS, "Menswear & Men's Underwear > Men's Tops > Rain Jackets"),
    ];
    let brand = BrandMapping {
        shop_id: US.into(),
        vendor: "Maomao Beauty".into(),
        brand_id: "7082427311584347905".into(),
        brand_name: "Maomao".into(),
    };
    let material = |category: &str| AttributeMapping {
        shop_id: US.into(),
        category_id: category.into(),
        attribute_id: "100198".into(),
        attribute_name: "Material".into(),
        source: AttributeSource::Tag("Material".into()),
        values: vec![],
    };
    let prereq = |shop: &str, failing: bool| Prerequisites {
        shop_id: shop.into(),
        checked_at: now - 3600,
        checks: vec![
            PrerequisiteCheck { item: "SHOP_STATUS".into(), failed: false, reasons: vec![] },
            PrerequisiteCheck {
                item: "RETURN_WAREHOUSE".into(),
                failed: failing,
                reasons: if failing { vec!["Set up a return warehouse in Seller Center.".into()] } else { vec![] },
            },
        ],
    };
    let brush_draft = ListingDraft {
        shop_id: US.into(),
        store: "maomao-web".into(),
        handle: "bamboo-brush-set".into(),
        hazmat: Some(Hazmat::default()),
        attributes: [("100198".to_string(), vec![ChosenValue { id: "1000210".into(), name: "Bamboo".into() }])].into(),
        package_weight_kg: Some(Decimal::new(3, 1)),
        package_dimensions_cm: Some(Dimensions {
            length: Decimal::new(20, 0),
            width: Decimal::new(10, 0),
            height: Decimal::new(5, 0),
        }),
        ..ListingDraft::default()
    };
    let jacket_draft = ListingDraft {
        shop_id: US.into(),
        store: "maomao-web".into(),
        handle: "packable-rain-jacket".into(),
        ..ListingDraft::default()
    };
    let tree = tree(US, now);
    let reqs = [requirements(US, BRUSHES, now), requirements(US, RAIN_JACKETS, now)];
    let gb_prereq = prereq(US, false);
    let houses: Vec<_> = warehouses().into_iter().filter(|w| w.shop_id == US).collect();
    let attr_maps = [material(BRUSHES), material(RAIN_JACKETS)];
    let run = |handle: &str, draft: &ListingDraft, req: &CategoryRequirements, mapping: &CategoryMapping| {
        let p = find(handle);
        let images: Vec<ImageNote> =
            p.images.iter().map(|i| ImageNote { src: i.src.clone(), result: Ok(vec![]) }).collect();
        let mut r = check(&CheckInput {
            product: &p,
            draft,
            shop_name: "Maomao Beauty US",
            region: "US",
            currency: "USD",
            prerequisites: Some(&gb_prereq),
            category: Some(mapping),
            category_info: tree.get(&mapping.category_id),
            requirements: Some(req),
            brand: (p.vendor == brand.vendor).then_some(&brand),
            attribute_maps: &attr_maps,
            warehouses: &houses,
            images: &images,
        });
        r.at = now - 1800;
        r
    };
    let brush_check = run("bamboo-brush-set", &brush_draft, &reqs[0], &cat_maps[0]);
    let jacket_check = run("packable-rain-jacket", &jacket_draft, &reqs[1], &cat_maps[1]);
    let listing =
        |handle: &str, id: &str, title: &str, origin: Origin, status: &str, audit: &str, skus: &[&str]| Listing {
            shop_id: US.into(),
            product_id: id.into(),
            store: if origin == Origin::Unmatched { String::new() } else { "maomao-web".into() },
            handle: handle.into(),
            title: title.into(),
            origin,
            status: status.into(),
            audit: audit.into(),
            reasons: vec![],
            warnings: vec![],
            skus: skus
                .iter()
                .enumerate()
                .map(|(n, k)| RemoteSku { id: format!("{id}{n}"), seller_sku: k.to_string() })
                .collect(),
            idempotency_key: String::new(),
            updated_at: now - 900,
            sku_links: Default::default(),
        };
    let listings = vec![
        listing(
            "bamboo-brush-set",
            "1729592969712207001",
            "Bamboo Brush Set",
            Origin::Tokshop,
            "ACTIVATE",
            "APPROVED",
            &["MB-BRUSH-5"],
        ),
        Listing {
            reasons: vec!["Product images contain a watermark or promotional text.".into()],
            ..listing(
                "vitamin-c-serum",
                "1729592969712207002",
                "Vitamin C Serum 30 ml",
                Origin::Tokshop,
                "FAILED",
                "FAILED",
                &["MB-SERUM-30"],
            )
        },
        listing(
            "",
            "1729592969712207009",
            "Gift Box (Seller Center)",
            Origin::Unmatched,
            "ACTIVATE",
            "APPROVED",
            &["MB-GIFT-BOX"],
        ),
    ];
    s.write(|t| {
        listing::put_category_tree(t, &tree)?;
        for r in &reqs {
            listing::put_requirements(t, r)?;
        }
        listing::put_prerequisites(t, &gb_prereq)?;
        listing::put_prerequisites(t, &prereq(GB, true))?;
        for m in &cat_maps {
            listing::map_category(t, m)?;
        }
        listing::map_brand(t, &brand)?;
        for m in &attr_maps {
            listing::map_attribute(t, m)?;
        }
        listing::put_draft(t, &brush_draft)?;
        listing::put_draft(t, &jacket_draft)?;
        listing::put_check(t, US, "maomao-web", "bamboo-brush-set", &brush_check)?;
        listing::put_check(t, US, "maomao-web", "packable-rain-jacket", &jacket_check)?;
        for l in &listings {
            listing::put_listing(t, l)?;
        }
        // The brush set's price is not synced to this shop, and Seller Center changed its stock.
        let brushes = &listings[0];
        let sku = brushes.skus[0].id.clone();
        let sync = tokshop::domain::listing_sync::LiveSync {
            shop_id: brushes.shop_id.clone(),
            product_id: brushes.product_id.clone(),
            store: brushes.store.clone(),
            handle: brushes.handle.clone(),
            stops: tokshop::domain::listing_sync::SyncStops { price: true, ..Default::default() },
            drift: vec![tokshop::domain::listing_sync::Drift {
                sku_id: sku,
                seller_sku: "MB-BRUSH-5".into(),
                field: "stock".into(),
                ours: "14".into(),
                theirs: "40".into(),
                seen_at: now - 300,
            }],
            last_outcome: "drift, not overwritten (MB-BRUSH-5 stock: TikTok 40 vs ours 14)".into(),
            last_kind: "drift".into(),
            last_push_at: now - 300,
            ..Default::default()
        };
        tokshop::store::listing_sync::record(t, &sync, None)?;
        Ok(())
    })
    .expect("catalogue fixtures");
}
