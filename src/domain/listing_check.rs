//! The listing check: every rule TikTok enforces, checked before a product leaves, with each
//! missing field named and how to fix it (`tokshop listings check` is this, as a dry run).
//! When nothing is missing the check also yields the plan the payload is built from.

use super::catalog::{Dimensions, Product};
use super::listing::{
    AttributeMapping, AttributeSource, BrandMapping, CategoryMapping, CertificateProof, ChosenValue, Hazmat,
    HazmatKind, ListingDraft, SizeChart,
};
use super::package::Warehouse;
use super::tiktok_catalog::{Attribute, Category, CategoryRequirements, Prerequisites};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// What is missing, in TikTok's terms: `category`, `attributes.Material`, `certifications.…`.
    pub field: String,
    pub problem: String,
    pub fix: String,
}

/// One image as the sync layer found it: where, and what converting it changes (or why not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageNote {
    pub src: String,
    pub result: Result<Vec<String>, String>,
}

pub struct CheckInput<'a> {
    pub product: &'a Product,
    pub draft: &'a ListingDraft,
    pub shop_name: &'a str,
    pub region: &'a str,
    pub currency: &'a str,
    pub prerequisites: Option<&'a Prerequisites>,
    pub category: Option<&'a CategoryMapping>,
    pub category_info: Option<&'a Category>,
    pub requirements: Option<&'a CategoryRequirements>,
    pub brand: Option<&'a BrandMapping>,
    pub attribute_maps: &'a [AttributeMapping],
    pub warehouses: &'a [Warehouse],
    pub images: &'a [ImageNote],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuPlan {
    pub seller_sku: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    pub currency: String,
    pub inventory: Vec<(String, i64)>,
    /// (attribute id or "" for a custom one, attribute name, value id or "", value name).
    pub sales: Vec<(String, String, String, String)>,
    /// The variant's barcode as TikTok's identifier code: (code, GTIN/EAN/UPC/ISBN).
    #[serde(default)]
    pub identifier: Option<(String, String)>,
    /// The variant's own image (a local path), sent as the `sku_img` of its first sales
    /// attribute.
    #[serde(default)]
    pub image: Option<String>,
}

/// Everything the Create Product payload needs, images still as local paths.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPlan {
    pub title: String,
    pub description: String,
    pub category_id: String,
    pub version: String,
    pub brand_id: Option<String>,
    pub images: Vec<String>,
    pub skus: Vec<SkuPlan>,
    pub attributes: Vec<(String, Vec<ChosenValue>)>,
    pub certifications: Vec<(String, CertificateProof)>,
    pub size_chart: Option<SizeChart>,
    #[serde(with = "rust_decimal::serde::str")]
    pub weight_kg: Decimal,
    pub dimensions_cm: Option<Dimensions>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// When the check ran (unix seconds; 0 until stored).
    #[serde(default)]
    pub at: i64,
    pub missing: Vec<Missing>,
    /// Things worth knowing that do not block (image conversions, a brandless listing).
    pub notes: Vec<String>,
    pub plan: Option<ListingPlan>,
}

pub(super) fn miss(field: impl Into<String>, problem: impl Into<String>, fix: impl Into<String>) -> Missing {
    Missing { field: field.into(), problem: problem.into(), fix: fix.into() }
}

pub(super) fn max_price(region: &str) -> Decimal {
    if region == "GB" { Decimal::new(5_600, 0) } else { Decimal::new(7_600, 0) }
}

/// Run every check; `plan` is set only when nothing is missing.
pub fn check(i: &CheckInput) -> CheckReport {
    let mut r = CheckReport::default();
    let p = i.product;
    let d = i.draft;
    let cli = format!("tokshop listings check {} --shop {}", p.handle, d.shop_id);
    match i.prerequisites {
        None => r.missing.push(miss(
            "prerequisites",
            "the shop's listing prerequisites were not checked yet",
            format!("run {cli}"),
        )),
        Some(pr) => {
            for c in pr.failing() {
                let why = c.reasons.join(" ");
                r.missing.push(miss(
                    format!("prerequisites.{}", c.item),
                    why,
                    "fix it in TikTok Shop Seller Center, then check again",
                ));
            }
        }
    }
    let title = d.title.clone().unwrap_or_else(|| p.title.clone());
    let description = d.description.clone().unwrap_or_else(|| p.description_html.clone());
    let texts = [
        (
            "title",
            super::live_edit::title_problem(&title),
            "give the product a title (or a TikTok title in the listing)",
            "shorten it with a TikTok title override",
        ),
        (
            "description",
            super::live_edit::description_problem(&description),
            "write one (TikTok requires it; over 300 characters is recommended)",
            "shorten it with a TikTok description override",
        ),
    ];
    for (field, problem, when_empty, when_long) in texts {
        if let Some(why) = problem {
            let fix = if why.ends_with("is empty") { when_empty } else { when_long };
            r.missing.push(miss(field, why, fix));
        }
    }
    if let Some(link) = super::listing_policy::external_link(&description) {
        r.notes.push(format!(
            "the description links to {link}: TikTok's audit rejects links that send buyers outside TikTok Shop; \
                remove it with a TikTok description override"
        ));
    }
    let category = match (i.category, i.category_info) {
        (None, _) => {
            let ty = if p.product_type.is_empty() { "(no type)".to_string() } else { p.product_type.clone() };
            r.missing.push(miss(
                "category",
                format!("product type {ty:?} is not mapped to a TikTok category for {}", i.shop_name),
                format!(
                    "tokshop categories map {ty:?} --category ID --shop {} (or Recommend in the Mapping pane)",
                    d.shop_id
                ),
            ));
            None
        }
        (Some(m), None) => {
            r.missing.push(miss(
                "category",
                format!("category {} is no longer in TikTok's tree", m.category_id),
                "map the product type again",
            ));
            None
        }
        (Some(m), Some(c)) if !c.is_leaf => {
            r.missing.push(miss(
                "category",
                format!("{} is not a leaf category", m.category_path),
                "map the product type to a leaf",
            ));
            None
        }
        (Some(m), Some(c)) if c.permissions.iter().any(|s| s == "INVITE_ONLY") && i.region != "US" => {
            r.missing.push(miss(
                "category",
                format!("{} is restricted (invite only)", m.category_path),
                "apply in the Qualification Center of Seller Center, or map another category",
            ));
            None
        }
        (Some(m), Some(_)) => Some(m),
    };
    // Asked of every product, whatever its category (CAT-PRE-HAZMAT).
    if d.hazmat.is_none() {
        r.missing.push(miss(
            "hazmat",
            "does the product contain hazardous materials (batteries, flammable liquids, aerosols, corrosives)?",
            "answer the hazmat question in the Listings pane (or tokshop listings set --hazmat)",
        ));
    }
    match i.brand {
        Some(_) => {}
        None if !p.vendor.is_empty() => r.notes.push(format!(
            "vendor {:?} is not mapped to a TikTok brand: the listing goes out without a brand",
            p.vendor
        )),
        None => {}
    }
    // Images: at least one, at most nine used, each convertible to TikTok's requirements.
    let mut images = Vec::new();
    if i.images.is_empty() {
        r.missing.push(miss("main_images", "the product has no image", "add images to the product (local files)"));
    }
    for note in i.images {
        match &note.result {
            Ok(changes) => {
                for c in changes {
                    r.notes.push(format!("image {}: {c}", short(&note.src)));
                }
                images.push(note.src.clone());
            }
            Err(e) => r.missing.push(miss(
                "main_images",
                format!("{}: {e}", short(&note.src)),
                "fix the file or remove the image",
            )),
        }
    }
    if images.len() > 9 {
        r.notes.push(format!("TikTok takes 9 main images: the last {} are left out", images.len() - 9));
        images.truncate(9);
    }
    let skus = super::listing_skus::check_skus(i, &mut r);
    let Some(req) = i.requirements.filter(|_| category.is_some()) else {
        if category.is_some() {
            r.missing.push(miss(
                "category_rules",
                "the category's rules and attributes were not fetched",
                format!("run {cli}"),
            ));
        }
        return r;
    };
    let attributes = check_attributes(i, &req.attributes, &mut r);
    let chosen: BTreeSet<(String, String)> =
        attributes.iter().flat_map(|(a, vs)| vs.iter().map(move |v| (a.clone(), v.id.clone()))).collect();
    let mut certifications = Vec::new();
    for c in &req.rules.certifications {
        let needed = c.is_required
            || c.conditions.iter().any(|k| chosen.contains(&(k.attribute_id.clone(), k.value_id.clone())));
        let proof = d.certifications.get(&c.id).filter(|p| !p.files.is_empty());
        match proof {
            None if needed => r.missing.push(miss(
                format!("certifications.{}", c.name),
                format!("required: {}", c.details),
                "attach the file(s) in the Listings pane",
            )),
            Some(pf) if c.expiration_required && pf.expires_at.is_none() => r.missing.push(miss(
                format!("certifications.{}", c.name),
                "needs an expiry date",
                "set the certificate's expiry date",
            )),
            Some(pf) => certifications.push((c.id.clone(), pf.clone())),
            None => {}
        }
    }
    let size_chart = d.size_chart.clone().filter(|s| s.image.is_some() || s.template_id.is_some());
    if req.rules.size_chart_required && size_chart.is_none() {
        r.missing.push(miss(
            "size_chart",
            "this category requires a size chart",
            "attach a size chart image (at least 1024 px) or a template id",
        ));
    }
    let heaviest = p.variants.iter().filter_map(|v| v.weight_grams).max();
    let weight_kg = d.package_weight_kg.or_else(|| heaviest.map(|g| (g / Decimal::new(1000, 0)).round_dp(3)));
    let weight_kg = match weight_kg {
        Some(w) if w > Decimal::ZERO => Some(w),
        _ => {
            r.missing.push(miss(
                "package_weight",
                "no package weight (the variants have no weight)",
                "set the package weight in the listing",
            ));
            None
        }
    };
    let dims =
        d.package_dimensions_cm.clone().or_else(|| p.variants.iter().filter_map(|v| v.dimensions_cm.clone()).next());
    if req.rules.package_dimension_required && dims.is_none() {
        r.missing.push(miss(
            "package_dimensions",
            "this shop and category require package dimensions",
            "set length, width and height (cm) in the listing",
        ));
    }
    if !r.missing.is_empty() {
        return r;
    }
    let (Some(m), Some(weight_kg)) = (category, weight_kg) else { return r };
    r.plan = Some(ListingPlan {
        title,
        description,
        category_id: m.category_id.clone(),
        version: m.version.clone(),
        brand_id: d.brand_id.clone().or_else(|| i.brand.map(|b| b.brand_id.clone())),
        images,
        skus,
        attributes,
        certifications,
        size_chart,
        weight_kg,
        dimensions_cm: dims,
    });
    r
}

fn short(src: &str) -> String {
    src.rsplit('/').next().unwrap_or(src).to_string()
}

fn pick(a: &Attribute, words: &[&str]) -> Option<ChosenValue> {
    a.values
        .iter()
        .find(|v| words.iter().any(|w| v.name.to_lowercase().contains(w)))
        .map(|v| ChosenValue { id: v.id.clone(), name: v.name.clone() })
}

/// Values the hazmat answer gives the category's dangerous-goods attributes.
fn hazmat_values(a: &Attribute, h: &Hazmat) -> Option<Vec<ChosenValue>> {
    let name = a.name.to_lowercase();
    if name.contains("dangerous goods") || (name.contains("hazardous") && !name.contains("type")) {
        return pick(a, &[if h.contains { "yes" } else { "no" }]).map(|v| vec![v]);
    }
    if name.contains("hazardous material type") && h.contains {
        let vs: Vec<ChosenValue> = h.kinds.iter().filter_map(|k| pick(a, k.keywords())).collect();
        return (!vs.is_empty()).then_some(vs);
    }
    if name.contains("battery type") && h.kinds.contains(&HazmatKind::LithiumBatteries) {
        let bt = h.battery_type.as_deref()?.to_lowercase();
        return a
            .values
            .iter()
            .find(|v| v.name.to_lowercase() == bt)
            .map(|v| vec![ChosenValue { id: v.id.clone(), name: v.name.clone() }]);
    }
    None
}

fn from_mapping(i: &CheckInput, a: &Attribute) -> Option<Vec<ChosenValue>> {
    let cat = i.category.map(|c| c.category_id.as_str()).unwrap_or("");
    let m = i.attribute_maps.iter().find(|m| m.category_id == cat && m.attribute_id == a.id)?;
    let resolve = |raw: &str| -> Option<ChosenValue> {
        m.values
            .iter()
            .find(|x| x.from.eq_ignore_ascii_case(raw))
            .map(|x| ChosenValue { id: x.value_id.clone(), name: x.value_name.clone() })
            .or_else(|| {
                a.values
                    .iter()
                    .find(|v| v.name.eq_ignore_ascii_case(raw))
                    .map(|v| ChosenValue { id: v.id.clone(), name: v.name.clone() })
            })
            .or_else(|| a.customizable.then(|| ChosenValue { id: String::new(), name: raw.to_string() }))
    };
    let vs: Vec<ChosenValue> = match &m.source {
        AttributeSource::Fixed => {
            m.values.iter().map(|x| ChosenValue { id: x.value_id.clone(), name: x.value_name.clone() }).collect()
        }
        AttributeSource::Tag(prefix) => i
            .product
            .tags
            .iter()
            .filter_map(|t| super::catalog::tag_value(t, prefix))
            .filter_map(|v| resolve(&v))
            .collect(),
        AttributeSource::Option(name) => {
            let idx = i.product.options.iter().position(|o| o == name)?;
            let mut seen = BTreeSet::new();
            i.product
                .variants
                .iter()
                .filter_map(|v| v.option_values.get(idx))
                .filter(|v| seen.insert(v.to_string()))
                .filter_map(|v| resolve(v))
                .collect()
        }
    };
    (!vs.is_empty()).then_some(vs)
}

fn check_attributes(i: &CheckInput, attrs: &[Attribute], r: &mut CheckReport) -> Vec<(String, Vec<ChosenValue>)> {
    let d = i.draft;
    let mut out: Vec<(String, Vec<ChosenValue>)> = Vec::new();
    for a in attrs.iter().filter(|a| !a.is_sales()) {
        let vs = d
            .attributes
            .get(&a.id)
            .filter(|v| !v.is_empty())
            .cloned()
            .or_else(|| d.hazmat.as_ref().and_then(|h| hazmat_values(a, h)))
            .or_else(|| from_mapping(i, a));
        if let Some(mut vs) = vs {
            if !a.multiple {
                vs.truncate(1);
            }
            let bad = vs
                .iter()
                .find(|v| if v.id.is_empty() { !a.customizable } else { !a.values.iter().any(|x| x.id == v.id) });
            match bad {
                Some(v) => r.missing.push(miss(
                    format!("attributes.{}", a.name),
                    format!("{:?} is not one of TikTok's values and the attribute takes no custom values", v.name),
                    "choose one of its values",
                )),
                None => out.push((a.id.clone(), vs)),
            }
        }
    }
    // Required ones, and conditional ones whose condition the chosen values meet.
    let chosen: BTreeSet<(String, String)> =
        out.iter().flat_map(|(a, vs)| vs.iter().map(move |v| (a.clone(), v.id.clone()))).collect();
    for a in attrs.iter().filter(|a| !a.is_sales() && !out.iter().any(|(id, _)| id == &a.id)) {
        if d.hazmat.is_none() && a.is_hazmat() {
            // Already asked as "hazmat": the answer fills these.
            continue;
        }
        let because = a.conditions.iter().find(|c| chosen.contains(&(c.attribute_id.clone(), c.value_id.clone())));
        if a.required || because.is_some() {
            let why = match because {
                Some(c) => format!(
                    "required because of the value chosen for attribute {}",
                    attrs.iter().find(|x| x.id == c.attribute_id).map(|x| x.name.as_str()).unwrap_or("?")
                ),
                None => "required by the category".to_string(),
            };
            let fix = if a.customizable {
                "choose or type a value in the Listings pane, or map a tag or option to it"
            } else {
                "choose one of its values in the Listings pane, or map a tag or option to it"
            };
            r.missing.push(miss(format!("attributes.{}", a.name), why, fix));
        }
    }
    out
}

#[cfg(test)]
#[path = "listing_check_tests.rs"]
mod tests;
