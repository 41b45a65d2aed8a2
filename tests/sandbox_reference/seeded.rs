//! The seeded world the reference test calls: the demo world, with Maomao Beauty's US shop given
//! one object in the right state for every route (a package to ship, an order to split, a
//! cancellation to approve, a product to edit ...), named in `ids`.

use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use tokshop::sandbox::SandboxHandle;
use tokshop::sandbox::commerce::OrderMix;
use tokshop::sandbox::seed::Seed;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shop {
    Us,
    Gb,
}

/// One call: the path with its ids filled in, extra query, and a body (JSON or multipart).
pub struct Req {
    pub shop: Shop,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<String>,
    /// (boundary, bytes) of a multipart upload.
    pub multipart: Option<(String, Vec<u8>)>,
}

impl Req {
    pub fn new(path: impl Into<String>) -> Req {
        Req { shop: Shop::Us, path: path.into(), query: vec![], body: None, multipart: None }
    }
    pub fn q(mut self, k: &str, v: &str) -> Req {
        self.query.push((k.into(), v.into()));
        self
    }
    pub fn body(mut self, b: impl Into<String>) -> Req {
        self.body = Some(b.into());
        self
    }
    pub fn on(mut self, shop: Shop) -> Req {
        self.shop = shop;
        self
    }
}

pub struct Seeded {
    pub sb: SandboxHandle,
    pub token: String,
    pub ciphers: BTreeMap<&'static str, String>,
    pub ids: BTreeMap<&'static str, String>,
}

impl Seeded {
    /// A named object of the seeded world.
    pub fn id(&self, name: &str) -> &str {
        self.ids.get(name).map(String::as_str).unwrap_or_else(|| panic!("the seeded world has no {name}"))
    }

    pub fn cipher(&self, shop: Shop) -> &str {
        &self.ciphers[if shop == Shop::Us { "US" } else { "GB" }]
    }

    async fn call(&self, m: Method, path: &str, q: &[(&str, &str)], body: Option<&str>) -> Value {
        let mut q = q.to_vec();
        q.push(("shop_cipher", self.cipher(Shop::Us)));
        let (status, env) = raw(&self.sb, m, path, &q, Some(&self.token), body).await;
        assert_eq!((status, env["code"].as_i64()), (200, Some(0)), "setup {path}: {env}");
        env["data"].clone()
    }

    fn order_ids(&mut self, mix: OrderMix, n: usize) -> Vec<String> {
        self.sb.set_mix(mix);
        let shop = self.id("shop").to_string();
        self.sb.generate_orders(&shop, n)
    }
}

fn quiet() -> OrderMix {
    OrderMix {
        orders_per_minute: 0.0,
        multi_line: 1.0,
        multi_unit: 0.0,
        tiktok_shipping: 0.0,
        unpaid: 0.0,
        on_hold: 0.0,
        sample: 0.0,
        cod: 0.0,
        replacement: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 0.0,
        after_sales: 0.0,
    }
}

/// A PNG of `w` x `h` pixels.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 180]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

/// A multipart body of one file part `data` and text parts.
pub fn multipart(file: &str, bytes: &[u8], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let b = "tokshopReferenceBoundary".to_string();
    let mut out =
        format!("--{b}\r\nContent-Disposition: form-data; name=\"data\"; filename=\"{file}\"\r\n\r\n").into_bytes();
    out.extend_from_slice(bytes);
    for (k, v) in fields {
        out.extend_from_slice(
            format!("\r\n--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}").as_bytes(),
        );
    }
    out.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (b, out)
}

/// Maomao Beauty's own brand in the demo world, authorized for them.
const MAOMAO_BRAND: &str = "7082427311584391001";

/// The create body of the reference product (a mug: the hazmat question answered "no").
pub fn product_body(s: &Seeded, title: &str) -> Value {
    json!({
        "title": title, "description": "<p>Chip-resistant enamel mug for the trail.</p>",
        "category_id": s.id("leaf"), "category_version": "v2", "main_images": [{"uri": s.id("image")}],
        "brand_id": MAOMAO_BRAND,
        "skus": [{"seller_sku": "REF-MUG-WHT", "price": {"amount": "12.50", "currency": "USD"},
                  "inventory": [{"warehouse_id": s.id("warehouse"), "quantity": 40}],
                  "sales_attributes": [{"id": "100000", "value_id": "1000002", "sku_img": {"uri": s.id("image")},
                                        "supplementary_sku_images": [{"uri": s.id("image")}]}],
                  "identifier_code": {"code": "00012345678905", "type": "GTIN"},
                  "extra_identifier_codes": ["00012345678912"],
                  "external_sku_id": "shopify-44817", "sku_unit_count": "1.00",
                  "external_urls": ["https://maomao.example/products/enamel-mug"],
                  "list_price": {"amount": "15.00", "currency": "USD"},
                  "external_list_prices": [{"source": "SHOPIFY_COMPARE_AT_PRICE", "amount": "16.00",
                                            "currency": "USD"}]}],
        "product_attributes": [{"id": "101610", "values": [{"id": "1024357"}]}],
        "certifications": [{"id": "700101", "images": [{"uri": s.id("image")}],
                            "files": [{"id": s.id("file"), "name": "SDS.PDF", "format": "PDF"}]}],
        "package_weight": {"value": "0.35", "unit": "KILOGRAM"},
        "package_dimensions": {"length": "12", "width": "10", "height": "9", "unit": "CENTIMETER"},
    })
}

fn ship_body(slot: &Value) -> String {
    json!({
        "handover_method": "PICKUP",
        "pickup_slot": {"start_time": slot["start_time"], "end_time": slot["end_time"]},
    })
    .to_string()
}

fn package_of(s: &Seeded, order: &str) -> String {
    let o = s.sb.order_json(s.id("shop"), order).expect("order");
    o["packages"][0]["id"].as_str().expect("a package").to_string()
}

async fn seller_shipped(s: &mut Seeded) {
    let ids = s.order_ids(quiet(), 9);
    for (name, id) in
        ["mark", "upd_pkg", "upd_order", "split", "cancel", "cancel_202602", "approve", "reject", "cancelled"]
            .iter()
            .zip(&ids)
    {
        s.ids.insert(name, id.clone());
    }
    let provider = s.id("provider").to_string();
    for (name, tracking) in [("upd_pkg", "9400111899223197420001"), ("upd_order", "9400111899223197420002")] {
        let body = json!({"tracking_number": tracking, "shipping_provider_id": provider}).to_string();
        let d = s
            .call(Method::POST, &format!("/fulfillment/202309/orders/{}/packages", s.id(name)), &[], Some(&body))
            .await;
        s.ids.insert(
            if name == "upd_pkg" { "upd_pkg_package" } else { "upd_order_package" },
            d["package_id"].as_str().expect("pkg").into(),
        );
    }
    let shop = s.id("shop").to_string();
    for name in ["approve", "reject"] {
        let cid = s.sb.buyer_cancel_request(&shop, s.id(name)).expect("a buyer's request");
        s.ids.insert(if name == "approve" { "approve_cancel" } else { "reject_cancel" }, cid);
    }
    let body = json!({"order_id": s.id("cancelled"), "cancel_reason": "seller_cancel_reason_out_of_stock"}).to_string();
    s.call(Method::POST, "/return_refund/202309/cancellations", &[], Some(&body)).await;
    let o = s.sb.order_json(&shop, s.id("split")).expect("order");
    let lines: Vec<&str> = o["line_items"].as_array().expect("lines").iter().filter_map(|l| l["id"].as_str()).collect();
    let body = json!({"splittable_groups": [
        {"id": "a", "order_line_item_ids": [lines[0]]},
        {"id": "b", "order_line_item_ids": &lines[1..]},
    ]});
    s.ids.insert("split_body", body.to_string());
}

async fn tiktok_shipped(s: &mut Seeded) {
    let ids = s.order_ids(OrderMix { tiktok_shipping: 1.0, ..quiet() }, 4);
    for (name, id) in ["ship", "batch", "label", "slots"].iter().zip(&ids) {
        let pkg = package_of(s, id);
        s.ids.insert(name, pkg);
    }
    for name in ["ship", "batch", "label"] {
        let d = s
            .call(Method::GET, &format!("/fulfillment/202309/packages/{}/handover_time_slots", s.id(name)), &[], None)
            .await;
        let body = ship_body(&d["pickup_slots"][0]);
        s.ids.insert(if name == "ship" { "ship_body" } else { "batch_slot" }, body.clone());
        if name == "label" {
            s.call(Method::POST, &format!("/fulfillment/202309/packages/{}/ship", s.id("label")), &[], Some(&body))
                .await;
        }
    }
    let d = s.call(Method::GET, &format!("/fulfillment/202309/packages/{}", s.id("label")), &[], None).await;
    s.ids.insert("label_tracking", d["tracking_number"].as_str().expect("tracking").into());
}

async fn combined(s: &mut Seeded) {
    let mix = OrderMix { seller_center_combine: 1.0, ..quiet() };
    let pair = s.order_ids(mix.clone(), 1);
    let shop = s.id("shop").to_string();
    let pkg = s.sb.seller_center_combine(&shop, &pair).expect("combine");
    s.ids.insert("combined", pkg);
    s.order_ids(mix, 1);
    let d = s.call(Method::GET, "/fulfillment/202309/combinable_packages/search", &[("page_size", "10")], None).await;
    let group = &d["combinable_packages"][0];
    s.ids.insert(
        "combine_body",
        json!({"combinable_packages": [{"id": group["id"], "order_ids": group["order_ids"]}]}).to_string(),
    );
}

async fn catalogue(s: &mut Seeded) {
    let d = s
        .call(
            Method::GET,
            "/product/202309/categories",
            &[("category_version", "v2"), ("keyword", "Classic Unisex Mugs")],
            None,
        )
        .await;
    let leaf =
        d["categories"].as_array().expect("categories").iter().find(|c| c["is_leaf"] == true).expect("the mug leaf");
    s.ids.insert("leaf", leaf["id"].as_str().expect("id").into());
    let img =
        upload(s, "/product/202309/images/upload", multipart("mug.png", &png(800, 800), &[("use_case", "MAIN_IMAGE")]))
            .await;
    s.ids.insert("image", img["uri"].as_str().expect("image uri").into());
    let pdf =
        upload(s, "/product/202309/files/upload", multipart("SDS.pdf", b"%PDF-1.4\n%sds\n", &[("name", "SDS.pdf")]))
            .await;
    s.ids.insert("file", pdf["id"].as_str().expect("file id").into());
    // The reference product, one the audit fails (an exaggerated claim) and one to edit.
    s.sb.set_audit_secs(30);
    for (name, title, sku) in [
        ("product", "Enamel Camping Mug", "REF-MUG-WHT"),
        ("failed", "Best ever enamel mug, guaranteed", "REF-MUG-RED"),
        ("edited", "Enamel Camping Mug (to edit)", "REF-MUG-GRN"),
    ] {
        let mut b = product_body(s, title);
        b["skus"][0]["seller_sku"] = json!(sku);
        let d = s.call(Method::POST, "/product/202309/products", &[], Some(&b.to_string())).await;
        s.ids.insert(name, d["product_id"].as_str().expect("product").into());
        if name == "product" {
            s.ids.insert("product_sku", d["skus"][0]["id"].as_str().expect("sku").into());
        }
    }
    s.sb.advance_clock(31);
    // A check the shop has not passed, so both versions of Check Listing Prerequisites show one.
    let shop = s.id("shop").to_string();
    s.sb.set_failing_prerequisites(&shop, &["SHOP_TAX"]);
    for (event, address) in
        [("ORDER_STATUS_CHANGE", "https://example.com/a"), ("PACKAGE_UPDATE", "https://example.com/b")]
    {
        let body = json!({"event_type": event, "address": address}).to_string();
        s.call(Method::PUT, "/event/202309/webhooks", &[], Some(&body)).await;
    }
}

/// A multipart upload by hand (the body is not signed): the answer's `data`.
async fn upload(s: &Seeded, path: &str, (boundary, bytes): (String, Vec<u8>)) -> Value {
    let ts = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs().to_string();
    let mut q = vec![("app_key".to_string(), APP_KEY.to_string()), ("timestamp".to_string(), ts)];
    let ct = format!("multipart/form-data; boundary={boundary}");
    q.push(("sign".into(), tokshop::api::sign::sign(APP_SECRET, path, &q, &bytes, &ct)));
    let http = tokshop::api::client::http_client(std::time::Duration::from_secs(10)).expect("http");
    let r = http
        .post(format!("{}{path}", s.sb.base_url()))
        .query(&q)
        .header("content-type", ct)
        .header("x-tts-access-token", &s.token);
    let env: Value = r.body(bytes).send().await.expect("upload").json().await.expect("json");
    assert_eq!(env["code"], 0, "upload {path}: {env}");
    env["data"].clone()
}

/// Northwind's refresh token (for Refresh Token) and a code of Lumen Home (for Get Access
/// Token): other sellers, so Maomao's token stays valid.
async fn tokens(s: &mut Seeded) {
    let g = token_for(&s.sb, Some("Northwind Outfitters")).await;
    s.ids.insert("refresh_token", g.refresh_token.expose().to_string());
    s.ids.insert("auth_code", s.sb.issue_code(Some("Lumen Home")).expect("code"));
}

pub async fn seed() -> Seeded {
    let sb = sandbox(Seed::Demo).await;
    let g = token_for(&sb, Some("Maomao Beauty")).await;
    let token = g.access_token.expose().to_string();
    let shops = shops_of(&sb, &token).await;
    let ciphers = shops.iter().map(|(_, c, r)| (if r == "US" { "US" } else { "GB" }, c.clone())).collect();
    let us = shops.iter().find(|s| s.2 == "US").expect("US shop").0.clone();
    let mut s = Seeded { sb, token, ciphers, ids: BTreeMap::from([("shop", us.clone())]) };
    let d = s.call(Method::GET, "/logistics/202309/warehouses", &[], None).await;
    let wh =
        d["warehouses"].as_array().expect("warehouses").iter().find(|w| w["type"] == "SALES_WAREHOUSE").expect("sales");
    s.ids.insert("warehouse", wh["id"].as_str().expect("id").into());
    let d = s
        .call(Method::GET, &format!("/logistics/202309/warehouses/{}/delivery_options", s.id("warehouse")), &[], None)
        .await;
    let opt = d["delivery_options"]
        .as_array()
        .expect("options")
        .iter()
        .find(|o| o["type"] == "SEND_BY_SELLER")
        .expect("seller");
    s.ids.insert("seller_option", opt["id"].as_str().expect("id").into());
    let d = s
        .call(
            Method::GET,
            &format!("/logistics/202309/delivery_options/{}/shipping_providers", s.id("seller_option")),
            &[],
            None,
        )
        .await;
    s.ids.insert("provider", d["shipping_providers"][0]["id"].as_str().expect("provider").into());
    // A delivered order of the demo history: tracking events, a package after shipping.
    let delivered =
        s.sb.order_ids(&us)
            .into_iter()
            .filter_map(|id| s.sb.order_json(&us, &id))
            .find(|o| o["status"] == "DELIVERED" || o["status"] == "COMPLETED")
            .expect("a delivered order");
    s.ids.insert("delivered", delivered["id"].as_str().expect("id").into());
    s.ids.insert("delivered_package", delivered["packages"][0]["id"].as_str().expect("pkg").into());
    // Returns of the demo: two refund-only requests waiting on the seller, to approve and reject.
    let pending: Vec<String> =
        s.sb.return_ids(&us)
            .into_iter()
            .filter(|id| {
                s.sb.return_json(&us, id).is_some_and(|r| {
                    r["return_status"] == "RETURN_OR_REFUND_REQUEST_PENDING" && r["return_type"] == "REFUND"
                })
            })
            .collect();
    s.ids.insert("ret_approve", pending[0].clone());
    s.ids.insert("ret_reject", pending[1].clone());
    seller_shipped(&mut s).await;
    tiktok_shipped(&mut s).await;
    combined(&mut s).await;
    catalogue(&mut s).await;
    tokens(&mut s).await;
    // Money last: its history of older orders must not move the ids seeded above.
    s.sb.finance_demo();
    let shop = s.id("shop").to_string();
    let first = s.sb.statements(&shop).first().map(|x| x.1.clone()).expect("a statement");
    s.ids.insert("statement", first);
    let order = s.sb.settled_orders(&shop).first().cloned().expect("a settled order");
    s.ids.insert("settled_order", order);
    s
}
