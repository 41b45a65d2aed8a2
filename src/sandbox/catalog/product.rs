//! Products in the sandbox: the create/edit payload checked as TikTok checks it (one error code
//! per call, with the reference's exact messages), stored with ids, and moved through the audit.
//!
//! The reference gives codes but not the order in which TikTok checks; the sandbox checks the
//! category first, then title and description, images, SKUs, attributes, certifications, size
//! chart and package. It has no code for "package dimensions missing" and answers 12052910.

use super::rules::{self, Attr};
use super::tree::Tree;
use super::{CatalogWorld, SbImage};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub type Fail = (i64, String);

fn fail(code: i64, msg: &str) -> Fail {
    (code, msg.to_string())
}

#[derive(Clone, Debug, PartialEq)]
pub struct SbSku {
    pub id: String,
    pub seller_sku: String,
    pub price: String,
    pub currency: String,
    pub inventory: Vec<(String, i64)>,
    /// (attribute id, attribute name, value id, value name).
    pub sales_attributes: Vec<(String, String, String, String)>,
    /// The image of the first sales attribute (`sku_img.uri`).
    pub sku_img: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SbProduct {
    pub id: String,
    pub shop_id: String,
    pub title: String,
    pub description: String,
    pub category_id: String,
    pub category_version: String,
    pub brand: Option<(String, String)>,
    pub main_images: Vec<String>,
    pub skus: Vec<SbSku>,
    pub attributes: AttrValues,
    pub package_weight: (String, String),
    pub package_dimensions: Option<Value>,
    pub certifications: Vec<Value>,
    pub size_chart: Option<Value>,
    pub status: &'static str,
    pub audit: &'static str,
    pub pre_approved: Vec<&'static str>,
    pub audit_failed: Vec<(String, String)>,
    pub create_time: i64,
    pub update_time: i64,
    pub idempotency_key: Option<String>,
    pub external_product_id: String,
    /// The create/edit body as sent (for fields the sandbox only echoes).
    pub body: Value,
}

/// What a shop may use while listing.
pub struct Ctx<'a> {
    pub world: &'a CatalogWorld,
    pub region: &'a str,
    pub open_id: &'a str,
    pub warehouses: Vec<String>,
    pub currency: &'a str,
}

fn s<'v>(v: &'v Value, k: &str) -> &'v str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn arr<'v>(v: &'v Value, k: &str) -> &'v [Value] {
    v.get(k).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn max_price(region: &str) -> f64 {
    match region {
        "GB" => 5_600.0,
        _ => 7_600.0,
    }
}

fn image<'w>(ctx: &'w Ctx, uri: &str) -> Option<&'w SbImage> {
    ctx.world.images.get(uri).filter(|i| i.open_id == ctx.open_id)
}

/// Check a create (or full edit) body; on success the product, its id and SKU ids still blank.
pub fn check(ctx: &Ctx, body: &Value, warnings: &mut Vec<String>) -> Result<SbProduct, Fail> {
    let version = match s(body, "category_version") {
        "" => "v1",
        v => v,
    };
    if ctx.region == "US" && version != "v2" {
        return Err(fail(
            12052217,
            "Incorrect category version. For US shops or global sellers with an active US shop, specify 'category \
                version=v2'. For shops in other regions specify 'category_version=v1'.",
        ));
    }
    let tree: &Tree = if version == "v2" { &ctx.world.v2 } else { &ctx.world.v1 };
    let category_id = s(body, "category_id");
    if category_id.is_empty() {
        return Err(fail(12052002, "Incorrect category format"));
    }
    let Some(leaf) = tree.get(category_id) else {
        let other = if version == "v2" { &ctx.world.v1 } else { &ctx.world.v2 };
        if other.get(category_id).is_some() {
            return Err(fail(
                12052230,
                "The specified category ID is not a leaf category, or it does not belong to the specified category \
                    version. Note: For US shops or global sellers with an active US shop, specify \
                    'category_version=v2'. For shops in other regions, specify 'category_version=v1'. Use the Get \
                    Categories/Get Global Categories endpoint to check the leaf categories that belong to the required \
                    category version.",
            ));
        }
        return Err(fail(12052023, "Category does not exist"));
    };
    if !leaf.is_leaf {
        return Err(fail(12052024, "Category is not final category"));
    }
    if leaf.permission == "INVITE_ONLY" && ctx.region != "US" {
        return Err(fail(
            12052223,
            "This category is restricted. To sell in this category, apply through the Qualification Center in Seller \
                Center.",
        ));
    }
    let title = s(body, "title").trim();
    if title.is_empty() {
        return Err(fail(12052261, "product name is empty"));
    }
    if title.chars().count() > 255 {
        return Err(fail(12052051, "The product name exceed max limit characters"));
    }
    if title.contains("&nbsp;") || title.chars().any(|c| c.is_control()) || title.chars().all(|c| !c.is_alphanumeric())
    {
        return Err(fail(
            12052931,
            "The title must follow these formatting rules: it cannot contain HTML escape characters (e.g., &nbsp;), \
                emojis, or ASCII control characters (e.g., \\u007F). It also cannot consist solely of symbols (e.g., \
                //// or !@#$$$&), nor can it have more than 9 consecutive repeated characters (e.g., aaaaaaaaa or \
                111111111).",
        ));
    }
    let description = s(body, "description");
    if description.trim().is_empty() {
        return Err(fail(12052015, "The product description is required"));
    }
    if description.chars().count() > 10_000 {
        return Err(fail(12052013, "The product description cannot exceed maximum characters"));
    }
    let brand = match s(body, "brand_id") {
        "" => None,
        id => match ctx.world.brand(id, ctx.open_id) {
            None => {
                warnings.push(format!(
                    "The [brand_id]:{id} field is incorrect and has been automatically cleared by \
                    the system. Reason: [Brand does not exist]. You can edit it later."
                ));
                None
            }
            Some(b) if b.t1 && !b.authorized_for(ctx.open_id) => {
                return Err(fail(12052208, "A brand authorization is required to publish this listing."));
            }
            Some(b) => Some((b.id.clone(), b.name.clone())),
        },
    };
    let images = arr(body, "main_images");
    if images.is_empty() {
        return Err(fail(12052028, "Main product image is required"));
    }
    if images.len() > 9 {
        return Err(fail(12052306, "main product images count exceed limit"));
    }
    let mut main_images = Vec::new();
    for i in images {
        let uri = s(i, "uri");
        let Some(img) = image(ctx, uri) else { return Err(fail(12052300, "product main image uri illegal")) };
        if img.width < 300 || img.height < 300 {
            return Err(fail(
                12052301,
                &format!("Width and length of main image must be at least 300, check uri {uri}"),
            ));
        }
        main_images.push(uri.to_string());
    }
    let attrs = rules::attributes(leaf);
    let skus = check_skus(ctx, body, &attrs)?;
    let attributes = check_attributes(body, &attrs)?;
    let chosen: BTreeSet<(String, String)> =
        attributes.iter().flat_map(|(a, _, vs)| vs.iter().map(move |(v, _)| (a.clone(), v.clone()))).collect();
    let rules = rules::rules(leaf, ctx.region);
    let certs = arr(body, "certifications");
    if certs.len() > 10 {
        return Err(fail(12052656, "qualification id duplicate"));
    }
    for c in &rules.certifications {
        let needed = c.is_required
            || c.conditions.iter().any(|k| chosen.contains(&(k.attribute_id.to_string(), k.value_id.to_string())));
        let given = certs.iter().find(|x| s(x, "id") == c.id);
        let has_proof = given.is_some_and(|g| !arr(g, "images").is_empty() || !arr(g, "files").is_empty());
        if needed && !has_proof {
            return Err(fail(12052105, "required qualification miss"));
        }
        if let Some(g) = given
            && c.expiration_required
            && g.get("expiration_date").and_then(Value::as_i64).is_none_or(|t| t <= 0)
        {
            return Err(fail(12052385, "Please enter valid certificate expiration date"));
        }
        for i in given.map(|g| arr(g, "images")).unwrap_or(&[]) {
            if image(ctx, s(i, "uri")).is_none() {
                return Err(fail(12052300, "product main image uri illegal"));
            }
        }
        for f in given.map(|g| arr(g, "files")).unwrap_or(&[]) {
            if ctx.world.files.get(s(f, "id")).is_none_or(|x| x.open_id != ctx.open_id) {
                return Err(fail(12052105, "required qualification miss"));
            }
        }
    }
    let size_chart = body.get("size_chart").filter(|v| !v.is_null()).cloned();
    if rules.size_chart_required {
        let uri = size_chart.as_ref().and_then(|c| c.get("image")).map(|i| s(i, "uri")).unwrap_or("");
        let template = size_chart.as_ref().and_then(|c| c.get("template")).map(|t| s(t, "id")).unwrap_or("");
        if uri.is_empty() && template.is_empty() {
            return Err(fail(12052673, "Product sizechart  image is required"));
        }
        if !uri.is_empty() && image(ctx, uri).is_none() {
            return Err(fail(
                12052670,
                "The size chart image URI is invalid. Note: API users must use the URI generated by the Upload Product \
                    Image API.",
            ));
        }
    }
    let weight = body.get("package_weight").cloned().unwrap_or(Value::Null);
    let (wv, wu) = (s(&weight, "value"), s(&weight, "unit"));
    let units: &[&str] = if ctx.region == "US" { &["KILOGRAM", "POUND"] } else { &["KILOGRAM"] };
    match wv.parse::<f64>() {
        Ok(0.0) => return Err(fail(12052181, "The package weight of the product can not be zero.")),
        Ok(v) if v > 0.0 && units.contains(&wu) => {}
        _ if wu == "POUND" && ctx.region != "US" => {
            return Err(fail(
                12019061,
                "Product weight or dimensions unit does not support the imperial units on non-US local products.",
            ));
        }
        _ => return Err(fail(12019011, "product package weight is invalid")),
    }
    let dims = body.get("package_dimensions").filter(|v| !v.is_null()).cloned();
    if let Some(d) = &dims {
        let unit = s(d, "unit");
        let imperial = unit == "INCH";
        if imperial != (wu == "POUND") {
            return Err(fail(12052915, "package weight unit and dimension unit miss match."));
        }
        let whole = |k: &str| s(d, k).parse::<u64>().is_ok_and(|n| n > 0);
        if !(whole("length") && whole("width") && whole("height")) {
            return Err(fail(12052910, "Invalid input parameters. Refer to the API documentation for details."));
        }
    } else if rules.package_dimension_required {
        return Err(fail(12052910, "Invalid input parameters. Refer to the API documentation for details."));
    }
    let mut pre_approved = Vec::new();
    if leaf.permission == "INVITE_ONLY" {
        pre_approved.push("RESTRICTED_CATEGORY_PENDING");
    }
    Ok(SbProduct {
        id: String::new(),
        shop_id: String::new(),
        title: title.to_string(),
        description: description.to_string(),
        category_id: category_id.to_string(),
        category_version: version.to_string(),
        brand,
        main_images,
        skus,
        attributes,
        package_weight: (wv.to_string(), wu.to_string()),
        package_dimensions: dims,
        certifications: certs.to_vec(),
        size_chart,
        status: "DRAFT",
        audit: "NONE",
        pre_approved,
        audit_failed: vec![],
        create_time: 0,
        update_time: 0,
        idempotency_key: None,
        external_product_id: s(body, "external_product_id").to_string(),
        body: body.clone(),
    })
}

fn check_skus(ctx: &Ctx, body: &Value, attrs: &[Attr]) -> Result<Vec<SbSku>, Fail> {
    let skus = arr(body, "skus");
    if skus.is_empty() {
        return Err(fail(
            12052902,
            "The SKU list is empty. Either omit the list entirely, or provide all required details.",
        ));
    }
    if skus.len() > 300 {
        return Err(fail(12052050, "A single product cannot have more than 100 different SKUs"));
    }
    let mut combos = BTreeSet::new();
    let mut types: Option<BTreeSet<String>> = None;
    let mut out = Vec::new();
    for k in skus {
        let seller_sku = s(k, "seller_sku");
        if seller_sku.chars().count() > 50 || seller_sku.contains(' ') {
            return Err(fail(12052054, "The seller SKU text length cannot exceed max limit characters"));
        }
        let price = k.get("price").cloned().unwrap_or(Value::Null);
        let amount = s(&price, "amount").parse::<f64>().unwrap_or(-1.0);
        let currency = s(&price, "currency").trim();
        if !(0.01..=max_price(ctx.region)).contains(&amount) || currency != ctx.currency {
            return Err(fail(12052073, "The product price is invalid"));
        }
        let mut inventory = Vec::new();
        for i in arr(k, "inventory") {
            let wh = s(i, "warehouse_id");
            if !ctx.warehouses.iter().any(|w| w == wh) {
                return Err(fail(12052097, "The warehouse does not exist"));
            }
            let q = i.get("quantity").and_then(Value::as_i64).unwrap_or(0);
            if !(1..=99_999).contains(&q) {
                return Err(fail(
                    12052055,
                    "The SKU inventory quantity for the warehouse must be within allowed limits.",
                ));
            }
            inventory.push((wh.to_string(), q));
        }
        if inventory.is_empty() {
            return Err(fail(12019022, "SKU must contain a valid warehouse."));
        }
        let mut sales = Vec::new();
        // Only the first sales attribute carries an image (Create Product, `sku_img`).
        let sku_img = match arr(k, "sales_attributes").first().and_then(|a| a.get("sku_img")).map(|i| s(i, "uri")) {
            Some(uri) if image(ctx, uri).is_none() => {
                return Err(fail(12052722, "The image URI does not exist in TikTok Shop."));
            }
            Some(uri) => Some(uri.to_string()),
            None => None,
        };
        for a in arr(k, "sales_attributes") {
            let (id, name) = (s(a, "id"), s(a, "name"));
            let known =
                attrs.iter().find(|x| x.kind == "SALES_PROPERTY" && (x.id == id || (id.is_empty() && x.name == name)));
            if !id.is_empty() && known.is_none() {
                return Err(fail(12052527, "The sale attribute id not exist."));
            }
            if id.is_empty() && name.is_empty() {
                return Err(fail(12052241, "attribute name or attribute id is empty."));
            }
            let (value_id, value_name) = (s(a, "value_id"), s(a, "value_name"));
            if value_id.is_empty() && value_name.is_empty() {
                return Err(fail(12052248, "The sales attribute  value name or attribute value id is empty."));
            }
            let attr_id =
                known.map(|x| x.id.to_string()).unwrap_or_else(|| format!("7{:06}", name.len() * 997 % 1_000_000));
            let attr_name = known.map(|x| x.name.to_string()).unwrap_or_else(|| name.to_string());
            let vname = known
                .and_then(|x| x.values.iter().find(|(vid, _)| *vid == value_id))
                .map(|(_, n)| n.to_string())
                .unwrap_or_else(|| value_name.to_string());
            sales.push((attr_id, attr_name, value_id.to_string(), vname));
        }
        let kinds: BTreeSet<String> = sales.iter().map(|x| x.0.clone()).collect();
        if kinds.len() > 3 {
            return Err(fail(12052525, "The attribute max num cannot exceed 3."));
        }
        if skus.len() > 1 && kinds.is_empty() {
            return Err(fail(12052160, "sku count must be one and disable variables"));
        }
        match &types {
            Some(t) if *t != kinds => return Err(fail(12052560, "The SKU contains duplicate sales attribute.")),
            None => types = Some(kinds),
            _ => {}
        }
        let combo: Vec<String> = sales.iter().map(|x| format!("{}={}", x.0, x.3)).collect();
        if !combos.insert(combo) {
            return Err(fail(12052560, "The SKU contains duplicate sales attribute."));
        }
        out.push(SbSku {
            id: String::new(),
            seller_sku: seller_sku.into(),
            price: s(&price, "amount").into(),
            currency: currency.into(),
            inventory,
            sales_attributes: sales,
            sku_img,
        });
    }
    Ok(out)
}

/// Product attributes: (attribute id, attribute name, [(value id, value name)]).
pub type AttrValues = Vec<(String, String, Vec<(String, String)>)>;

fn check_attributes(body: &Value, attrs: &[Attr]) -> Result<AttrValues, Fail> {
    let mut out: AttrValues = Vec::new();
    let mut seen = BTreeSet::new();
    for a in arr(body, "product_attributes") {
        let id = s(a, "id");
        if id.is_empty() {
            return Err(fail(12052241, "attribute name or attribute id is empty."));
        }
        if !seen.insert(id.to_string()) {
            return Err(fail(12052254, "Duplicate attribute id"));
        }
        let Some(def) = attrs.iter().find(|x| x.id == id && x.kind == "PRODUCT_PROPERTY") else {
            return Err(fail(12052104, "property is required"));
        };
        let values = arr(a, "values");
        if values.len() > 1 && !def.multiple {
            return Err(fail(
                12052246,
                &format!("The product attribute not support multi selected, attribute id is :{id}."),
            ));
        }
        let mut vs = Vec::new();
        for v in values {
            let (vid, vname) = (s(v, "id"), s(v, "name"));
            if !vid.is_empty() {
                match def.values.iter().find(|(i, _)| *i == vid) {
                    Some((i, n)) => vs.push((i.to_string(), n.to_string())),
                    None => {
                        return Err(fail(
                            12052248,
                            "The product attribute  value name or attribute value id is empty.",
                        ));
                    }
                }
            } else if !vname.is_empty() {
                if !def.customizable {
                    return Err(fail(12052247, "Do not support custom product attribute."));
                }
                if vname.chars().count() > 2000 {
                    return Err(fail(
                        12052249,
                        &format!(
                            "The product attribute value name characters cannot exceed 2000, attribute value name is \
                                :{vname}."
                        ),
                    ));
                }
                vs.push((String::new(), vname.to_string()));
            } else {
                return Err(fail(12052248, "The product attribute  value name or attribute value id is empty."));
            }
        }
        if vs.is_empty() {
            return Err(fail(12052248, "The product attribute  value name or attribute value id is empty."));
        }
        out.push((id.to_string(), def.name.to_string(), vs));
    }
    let chosen: BTreeMap<&str, Vec<&str>> =
        out.iter().map(|(a, _, vs)| (a.as_str(), vs.iter().map(|v| v.0.as_str()).collect())).collect();
    for def in attrs.iter().filter(|d| d.kind == "PRODUCT_PROPERTY" && !chosen.contains_key(d.id)) {
        if def.required {
            return Err(fail(12052104, "property is required"));
        }
        if let Some(c) =
            def.conditions.iter().find(|c| chosen.get(c.attribute_id).is_some_and(|vs| vs.contains(&c.value_id)))
        {
            let parent = attrs.iter().find(|x| x.id == c.attribute_id);
            let pname = parent.map(|p| p.name).unwrap_or("");
            let pvalue =
                parent.and_then(|p| p.values.iter().find(|(i, _)| *i == c.value_id)).map(|(_, n)| *n).unwrap_or("");
            return Err((
                12052182,
                format!("The '{}' field is required as you've selected '{pvalue}' for '{pname}'.", def.name),
            ));
        }
    }
    Ok(out)
}
