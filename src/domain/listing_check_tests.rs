use super::*;
use crate::domain::catalog::{ProductImage, Variant};
use crate::domain::listing::{CertificateProof, Hazmat, HazmatKind, ValueMapping};
use crate::domain::tiktok_catalog::{
    AttributeValue, CategoryRules, CertificationRule, PrerequisiteCheck, RequirementCondition,
};

fn attr(
    id: &str,
    name: &str,
    kind: &str,
    required: bool,
    values: &[(&str, &str)],
    cond: Option<(&str, &str)>,
) -> Attribute {
    Attribute {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        required,
        customizable: name == "Material",
        multiple: name == "Hazardous Material Type",
        values: values.iter().map(|(i, n)| AttributeValue { id: i.to_string(), name: n.to_string() }).collect(),
        conditions: cond
            .map(|(a, v)| vec![RequirementCondition { attribute_id: a.into(), value_id: v.into() }])
            .unwrap_or_default(),
    }
}

fn requirements() -> CategoryRequirements {
    CategoryRequirements {
        shop_id: "us".into(),
        category_id: "900100".into(),
        fetched_at: 0,
        rules: CategoryRules {
            certifications: vec![
                CertificationRule {
                    id: "700101".into(),
                    name: "Safety Data Sheet (SDS)".into(),
                    conditions: vec![RequirementCondition {
                        attribute_id: "101610".into(),
                        value_id: "1024358".into(),
                    }],
                    ..CertificationRule::default()
                },
                CertificationRule {
                    id: "700102".into(),
                    name: "UN38.3 Test Summary".into(),
                    expiration_required: true,
                    conditions: vec![RequirementCondition {
                        attribute_id: "101611".into(),
                        value_id: "1024400".into(),
                    }],
                    ..CertificationRule::default()
                },
            ],
            size_chart_supported: true,
            size_chart_required: true,
            package_dimension_required: true,
            cod_supported: false,
        },
        attributes: vec![
            attr("100000", "Color", "SALES_PROPERTY", false, &[("1000003", "Navy")], None),
            attr("100007", "Size", "SALES_PROPERTY", false, &[("1000102", "S"), ("1000103", "M")], None),
            attr("100198", "Material", "PRODUCT_PROPERTY", true, &[("1000203", "Nylon")], None),
            attr(
                "101610",
                "Dangerous Goods or Hazardous Materials",
                "PRODUCT_PROPERTY",
                true,
                &[("1024357", "No"), ("1024358", "Yes")],
                None,
            ),
            attr(
                "101611",
                "Hazardous Material Type",
                "PRODUCT_PROPERTY",
                false,
                &[("1024400", "Lithium batteries"), ("1024402", "Aerosols")],
                Some(("101610", "1024358")),
            ),
            attr(
                "101612",
                "Battery Type",
                "PRODUCT_PROPERTY",
                false,
                &[("1024410", "Lithium-ion")],
                Some(("101611", "1024400")),
            ),
        ],
    }
}

fn jacket() -> Product {
    let v = |sku: &str, size: &str| Variant {
        sku: sku.into(),
        option_values: vec![size.into(), "Navy".into()],
        price: Decimal::new(8900, 2),
        inventory: 10,
        weight_grams: Some(Decimal::new(330, 0)),
        ..Variant::default()
    };
    Product {
        store: "web".into(),
        handle: "rain-jacket".into(),
        title: "Packable Rain Jacket".into(),
        description_html: "<p>Light.</p>".into(),
        vendor: "Northwind Outfitters".into(),
        product_type: "Jackets".into(),
        tags: vec!["Material: Nylon".into()],
        options: vec!["Size".into(), "Color".into()],
        variants: vec![v("NW-S", "S"), v("NW-M", "M")],
        images: vec![ProductImage { src: "/img/front.jpg".into(), position: 1, alt: String::new() }],
        currency: "USD".into(),
        updated_at: 0,
    }
}

struct Fixture {
    product: Product,
    draft: ListingDraft,
    prereq: Prerequisites,
    mapping: CategoryMapping,
    category: Category,
    req: CategoryRequirements,
    maps: Vec<AttributeMapping>,
    warehouses: Vec<Warehouse>,
    images: Vec<ImageNote>,
}

fn fixture() -> Fixture {
    Fixture {
        product: jacket(),
        draft: ListingDraft {
            shop_id: "us".into(),
            store: "web".into(),
            handle: "rain-jacket".into(),
            ..ListingDraft::default()
        },
        prereq: Prerequisites {
            shop_id: "us".into(),
            checked_at: 1,
            checks: vec![PrerequisiteCheck { item: "SHOP_STATUS".into(), failed: false, reasons: vec![] }],
        },
        mapping: CategoryMapping {
            shop_id: "us".into(),
            product_type: "Jackets".into(),
            category_id: "900100".into(),
            category_path: "Menswear > Rain Jackets".into(),
            version: "v2".into(),
        },
        category: Category {
            id: "900100".into(),
            parent_id: "900099".into(),
            name: "Rain Jackets".into(),
            is_leaf: true,
            permissions: vec!["AVAILABLE".into()],
        },
        req: requirements(),
        maps: vec![
            AttributeMapping {
                shop_id: "us".into(),
                category_id: "900100".into(),
                attribute_id: "100198".into(),
                attribute_name: "Material".into(),
                source: AttributeSource::Tag("Material".into()),
                values: vec![],
            },
            AttributeMapping {
                shop_id: "us".into(),
                category_id: "900100".into(),
                attribute_id: "100007".into(),
                attribute_name: "Size".into(),
                source: AttributeSource::Option("Size".into()),
                values: vec![ValueMapping { from: "S".into(), value_id: "1000102".into(), value_name: "S".into() }],
            },
        ],
        warehouses: vec![Warehouse {
            id: "w1".into(),
            shop_id: "us".into(),
            kind: "SALES_WAREHOUSE".into(),
            is_default: true,
            ..Warehouse::default()
        }],
        images: vec![ImageNote {
            src: "/img/front.jpg".into(),
            result: Ok(vec!["resized 5000x5000 to 4000x4000".into()]),
        }],
    }
}

fn run(f: &Fixture) -> CheckReport {
    check(&CheckInput {
        product: &f.product,
        draft: &f.draft,
        shop_name: "Northwind US",
        region: "US",
        currency: "USD",
        prerequisites: Some(&f.prereq),
        category: Some(&f.mapping),
        category_info: Some(&f.category),
        requirements: Some(&f.req),
        brand: None,
        attribute_maps: &f.maps,
        warehouses: &f.warehouses,
        images: &f.images,
    })
}

fn fields(r: &CheckReport) -> Vec<String> {
    r.missing.iter().map(|m| m.field.clone()).collect()
}

#[test]
fn every_missing_field_is_named() {
    let mut f = fixture();
    f.product.variants[1].inventory = 0;
    f.prereq.checks.push(PrerequisiteCheck {
        item: "RETURN_WAREHOUSE".into(),
        failed: true,
        reasons: vec!["no return warehouse".into()],
    });
    let r = run(&f);
    assert_eq!(
        fields(&r),
        vec!["prerequisites.RETURN_WAREHOUSE", "hazmat", "skus.NW-M.inventory", "size_chart", "package_dimensions"]
    );
    assert!(r.plan.is_none());
    assert!(
        r.notes.iter().any(|n| n.contains("resized"))
            && r.notes.iter().any(|n| n.contains("not mapped to a TikTok brand"))
    );
}

#[test]
fn hazmat_answers_map_to_attributes_and_pull_in_certificates() {
    let mut f = fixture();
    f.draft.size_chart = Some(SizeChart { image: None, template_id: Some("T1".into()) });
    f.draft.package_dimensions_cm =
        Some(Dimensions { length: Decimal::new(30, 0), width: Decimal::new(20, 0), height: Decimal::new(5, 0) });
    f.draft.hazmat = Some(Hazmat { contains: true, kinds: vec![HazmatKind::LithiumBatteries], battery_type: None });
    let r = run(&f);
    assert_eq!(
        fields(&r),
        vec!["attributes.Battery Type", "certifications.Safety Data Sheet (SDS)", "certifications.UN38.3 Test Summary"]
    );
    f.draft.hazmat = Some(Hazmat {
        contains: true,
        kinds: vec![HazmatKind::LithiumBatteries],
        battery_type: Some("lithium-ion".into()),
    });
    f.draft
        .certifications
        .insert("700101".into(), CertificateProof { files: vec!["/docs/sds.pdf".into()], expires_at: None });
    f.draft
        .certifications
        .insert("700102".into(), CertificateProof { files: vec!["/docs/un383.pdf".into()], expires_at: None });
    assert_eq!(fields(&run(&f)), vec!["certifications.UN38.3 Test Summary"], "the UN38.3 report needs its expiry");
    if let Some(c) = f.draft.certifications.get_mut("700102") {
        c.expires_at = Some(1_900_000_000);
    }
    let r = run(&f);
    assert!(r.missing.is_empty(), "{:?}", r.missing);
    let plan = r.plan.expect("plan");
    let ids: Vec<&str> = plan.attributes.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(ids, vec!["100198", "101610", "101611", "101612"]);
    assert_eq!(plan.attributes[0].1[0].id, "1000203", "the tag Material: Nylon found TikTok's Nylon");
    assert_eq!(
        plan.skus[0].sales[0],
        ("100007".into(), "Size".into(), "1000102".into(), "S".into()),
        "mapped option value"
    );
    assert_eq!(
        plan.skus[0].sales[1],
        ("".into(), "Color".into(), "".into(), "Navy".into()),
        "an unmapped option goes as a custom attribute"
    );
    assert_eq!(plan.weight_kg, Decimal::new(330, 3));
}

#[test]
fn unmapped_category_and_foreign_prices_say_how_to_fix() {
    let f = fixture();
    let mut product = f.product.clone();
    product.currency = "GBP".into();
    let r = check(&CheckInput {
        product: &product,
        draft: &f.draft,
        shop_name: "Northwind US",
        region: "US",
        currency: "USD",
        prerequisites: None,
        category: None,
        category_info: None,
        requirements: None,
        brand: None,
        attribute_maps: &[],
        warehouses: &f.warehouses,
        images: &[],
    });
    assert_eq!(
        fields(&r),
        vec!["prerequisites", "category", "hazmat", "main_images", "skus.NW-S.price", "skus.NW-M.price"]
    );
    assert!(r.missing[1].fix.contains("tokshop categories map \"Jackets\""), "{:?}", r.missing[1]);
}

#[test]
fn a_link_in_the_description_is_warned_about_and_an_override_without_it_clears_it() {
    let mut f = fixture();
    f.product.description_html = "<p>Warm socks. Care guide: https://northwind.example/care</p>".into();
    let linked = |r: &CheckReport| {
        r.notes.iter().any(|n| n.contains("links to https://northwind.example/care") && n.contains("override"))
    };
    assert!(linked(&run(&f)), "{:?}", run(&f).notes);
    f.draft.description = Some("<p>Warm socks.</p>".into());
    assert!(!linked(&run(&f)));
}

#[test]
fn a_sku_taken_out_of_every_warehouse_is_named() {
    let mut f = fixture();
    f.draft.inventory.insert("NW-M".into(), std::collections::BTreeMap::new());
    let r = run(&f);
    let m = r.missing.iter().find(|m| m.field == "skus.NW-M.inventory").expect("named");
    assert!(m.problem.contains("none of the shop's TikTok warehouses"), "{m:?}");
}
