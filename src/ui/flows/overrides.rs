//! Per-shop overrides of a product (CAT-PRE-DESCRIP, CAT-PRE-WAREHOUSE): the TikTok title,
//! description and price, and the stock per TikTok sales warehouse. Each prompt starts from
//! what the shop shows now; empty or unchanged means no override. A price in another currency
//! than the shop's is not offered as a start: the shop's price must be typed.

use super::listing::{decimal, listing_draft, save_draft};
use crate::domain::catalog::Product;
use crate::domain::listing::ListingDraft;
use crate::domain::package::Warehouse;
use crate::message::Command;
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;
use crate::ui::panes::listings::ListingsPane;

/// Separates the parts of a field key (SKUs may hold spaces; never this).
const SEP: char = '\u{1f}';

/// A field of the override picker, parsed from its key.
enum Field {
    Title,
    Description,
    Price(String),
    /// SKU and warehouse (None: the shop's default sales warehouse).
    Stock(String, Option<String>),
}

impl Field {
    fn parse(key: &str) -> Field {
        let parts: Vec<&str> = key.split(SEP).collect();
        match parts.as_slice() {
            ["title"] => Field::Title,
            ["price", sku] => Field::Price(sku.to_string()),
            ["stock", sku] => Field::Stock(sku.to_string(), None),
            ["stock", sku, wh] => Field::Stock(sku.to_string(), Some(wh.to_string())),
            _ => Field::Description,
        }
    }
}

/// What an override is typed against: the shop's sales warehouses and currency, and the
/// platform product.
struct Context {
    houses: Vec<Warehouse>,
    currency: &'static str,
    product: Option<Product>,
}

impl Context {
    fn of(app: &App, shop_id: &str) -> Context {
        let mut houses: Vec<Warehouse> = app
            .shared
            .carriers_view()
            .warehouses
            .into_iter()
            .filter(|w| w.shop_id == shop_id && w.kind == "SALES_WAREHOUSE")
            .collect();
        houses.sort_by_key(|w| (!w.is_default, w.name.clone()));
        let region = app.shared.shop(shop_id).map(|l| l.shop.region.clone()).unwrap_or_default();
        Context {
            houses,
            currency: crate::domain::shop::region_currency(&region),
            product: app.pane::<ListingsPane>().and_then(|p| p.selected_product()).map(|e| e.product.clone()),
        }
    }
}

pub fn start(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(d) = listing_draft(app, cx.now) else { return vec![] };
    let c = Context::of(app, &d.shop_id);
    let Some(p) = c.product.clone() else { return vec![] };
    {
        let houses = &c.houses;
        // (field key, label): stock is per warehouse when the shop has several.
        let mut fields: Vec<(String, String)> =
            vec![("title".into(), "TikTok title".into()), ("description".into(), "TikTok description".into())];
        fields.extend(p.variants.iter().map(|v| (format!("price{SEP}{}", v.sku), format!("TikTok price {}", v.sku))));
        for v in &p.variants {
            if houses.len() > 1 {
                fields.extend(houses.iter().map(|w| {
                    (format!("stock{SEP}{}{SEP}{}", v.sku, w.id), format!("TikTok stock {} in {}", v.sku, w.name))
                }));
            } else {
                fields.push((format!("stock{SEP}{}", v.sku), format!("TikTok stock {}", v.sku)));
            }
        }
        let items = fields.iter().map(|(_, label)| PickItem::new(label.clone(), "")).collect();
        let keys: Vec<String> = fields.into_iter().map(|(k, _)| k).collect();
        app.push(Picker::one(
            "Override for this shop",
            format!("What should {} show on this shop?", p.handle),
            items,
            move |app, chosen, _| {
                let Some(field) = chosen.first().and_then(|i| keys.get(*i)).cloned() else { return vec![] };
                let help = c.help(&field);
                let current = c.current(&d, &field);
                app.push(Prompt::new("Override", &help, &current, move |app, value, _| {
                    c.typed(app, d.clone(), &field, &value)
                }));
                vec![]
            },
        ));
    }
    vec![]
}

impl Context {
    /// The prompt's question for a field.
    fn help(&self, key: &str) -> String {
        let cur = self.currency;
        match Field::parse(key) {
            Field::Title => "TikTok title on this shop (empty or unchanged: the platform's):".into(),
            Field::Description => "TikTok description on this shop (empty or unchanged: the platform's):".into(),
            Field::Price(sku) => format!("TikTok price of {sku} in {cur} (empty: the platform's):"),
            Field::Stock(sku, wh) => {
                let name = wh.and_then(|w| self.houses.iter().find(|x| x.id == w).map(|x| x.name.clone()));
                format!(
                    "TikTok stock of {sku}{} (0: not stocked there):",
                    name.map(|n| format!(" in {n}")).unwrap_or_default()
                )
            }
        }
    }

    /// The warehouse a stock field names, or the shop's default sales warehouse.
    fn stock_warehouse(&self, wh: Option<String>) -> Result<String, String> {
        match wh {
            Some(w) => Ok(w),
            None => self
                .houses
                .first()
                .map(|w| w.id.clone())
                .ok_or_else(|| "the shop's warehouses are not known: pull them in the Mapping pane (r)".into()),
        }
    }

    /// What the shop shows now for an override field: the override, else the platform's value
    /// (offered for editing, e.g. to take a link out of a description). A platform price in
    /// another currency is not offered.
    fn current(&self, d: &ListingDraft, key: &str) -> String {
        let Some(p) = &self.product else { return String::new() };
        let variant = |sku: &str| p.variants.iter().find(|v| v.sku == sku);
        match Field::parse(key) {
            Field::Title => d.title.clone().unwrap_or_else(|| p.title.clone()),
            Field::Description => d.description.clone().unwrap_or_else(|| p.description_html.clone()),
            Field::Price(sku) => match d.prices.get(&sku) {
                Some(x) => x.to_string(),
                None if p.currency == self.currency => variant(&sku).map(|v| v.price.to_string()).unwrap_or_default(),
                None => String::new(),
            },
            Field::Stock(sku, wh) => {
                let Ok(wh) = self.stock_warehouse(wh) else { return String::new() };
                let default = self.houses.first().map(|w| w.id.clone());
                match d.inventory.get(&sku) {
                    Some(per) => per.get(&wh).copied().unwrap_or(0).to_string(),
                    None if default.as_deref() == Some(wh.as_str()) => {
                        variant(&sku).map(|v| v.inventory.to_string()).unwrap_or_default()
                    }
                    None => "0".into(),
                }
            }
        }
    }

    fn typed(&self, app: &mut App, mut d: ListingDraft, key: &str, value: &str) -> Result<Vec<Command>, String> {
        let v = value.trim();
        // The platform's own value, offered and left as it was: nothing to override.
        let overridden = match Field::parse(key) {
            Field::Title => d.title.is_some(),
            Field::Description => d.description.is_some(),
            Field::Price(sku) => d.prices.contains_key(&sku),
            Field::Stock(sku, _) => d.inventory.contains_key(&sku),
        };
        if !overridden && v == self.current(&d, key).trim() {
            return Ok(vec![]);
        }
        let product = self.product.clone();
        match Field::parse(key) {
            Field::Title | Field::Description => {
                let is_title = matches!(Field::parse(key), Field::Title);
                let platform = product
                    .as_ref()
                    .map(|p| if is_title { p.title.trim().to_string() } else { p.description_html.trim().to_string() });
                let own = (!v.is_empty() && platform.as_deref() != Some(v)).then(|| v.to_string());
                if is_title {
                    d.title = own;
                } else {
                    d.description = own;
                }
            }
            Field::Price(sku) if v.is_empty() => {
                d.prices.remove(&sku);
            }
            Field::Price(sku) => {
                d.prices.insert(sku, decimal(v, "price")?);
            }
            Field::Stock(sku, wh) => {
                let q: i64 = v
                    .parse()
                    .ok()
                    .filter(|q| *q >= 0)
                    .ok_or_else(|| format!("{v:?} is not a whole number of units"))?;
                let wh = self.stock_warehouse(wh)?;
                let default = self.houses.first().map(|w| w.id.clone());
                let platform_stock =
                    product.as_ref().and_then(|p| p.variants.iter().find(|x| x.sku == sku)).map(|x| x.inventory);
                let per = d.inventory.entry(sku).or_default();
                // The first override of a SKU keeps the platform's stock in the default
                // warehouse, so stocking a second warehouse does not empty the first.
                if let (true, Some(def), Some(n)) =
                    (per.is_empty(), default.filter(|def| *def != wh), platform_stock.filter(|n| *n > 0))
                {
                    per.insert(def, n);
                }
                // 0: not stocked there (TikTok takes 1 to 99,999 per warehouse listed). A SKU
                // stocked nowhere stays so, and the check says so.
                if q == 0 {
                    per.remove(&wh);
                } else {
                    per.insert(wh, q);
                }
            }
        }
        Ok(save_draft(app, d))
    }
}
