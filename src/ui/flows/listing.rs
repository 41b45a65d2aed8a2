//! The Listings pane's flows: the hazmat question (CAT-PRE-HAZMAT), certificates
//! (CAT-PRE-CERT), size chart (CAT-PRE-SIZE), package (CAT-PRE-PKG), attribute values
//! (CAT-PRE-ATTRIBUTE), per-shop overrides (CAT-PRE-DESCRIP, CAT-PRE-WAREHOUSE), product edits,
//! import, listing and drafts, matching and linking. Settings are saved as the listing draft;
//! the engine checks again after each save.

use super::{Ask, Pick};
use crate::domain::catalog::{Dimensions, Product};
use crate::domain::listing::{ChosenValue, Hazmat, HazmatKind, ListingDraft, SizeChart};
use crate::domain::tiktok_catalog::Attribute;
use crate::sync::Command;
use crate::sync::catalog_commands::CatalogCommand;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::panes::listings::ListingRow;
use rust_decimal::Decimal;
use std::str::FromStr;

const HAZMAT_ATTRS: [&str; 3] = ["dangerous goods", "hazardous material", "battery type"];

fn cat(c: CatalogCommand) -> Command {
    Command::Catalog(c)
}

pub(super) fn decimal(s: &str, what: &str) -> Result<Decimal, String> {
    Decimal::from_str(s.trim()).ok().filter(|d| *d > Decimal::ZERO).ok_or_else(|| format!("{what} {s:?} is not a positive number"))
}

impl App {
    pub(super) fn listing_draft(&mut self, now: i64) -> Option<ListingDraft> {
        let d = self.listings.draft();
        if d.is_none() {
            self.toast("Select a product (and connect a shop) first", true, now);
        }
        d
    }

    /// Save the draft (shown at once, checked again by the engine).
    pub(crate) fn save_draft(&mut self, d: ListingDraft) -> Vec<Command> {
        let key = (d.shop_id.clone(), d.store.clone(), d.handle.clone());
        self.listings.view.drafts.insert(key, d.clone());
        vec![cat(CatalogCommand::SaveDraft { draft: Box::new(d) })]
    }

    fn requirements_attrs(&self) -> Option<Vec<Attribute>> {
        let (shop, p) = (self.listings.shop_id()?, self.listings.selected_product()?);
        self.listings.view.requirements_of(shop, p).map(|r| r.attributes.clone())
    }

    pub(crate) fn start_hazmat(&mut self, now: i64) -> Vec<Command> {
        let Some(draft) = self.listing_draft(now) else { return vec![] };
        let items = vec![
            PickItem::new("No", "no batteries, flammable liquids, aerosols, corrosives or other dangerous goods"),
            PickItem::new("Yes", "it contains hazardous materials"),
        ];
        let msg = format!(
            "Does {} contain hazardous materials (batteries, flammable liquids, aerosols, corrosives)? TikTok asks this of every product.",
            draft.handle
        );
        self.push_picker(Picker::one("Hazardous materials", msg, items, Pick::HazmatContains { draft: Box::new(draft) }));
        vec![]
    }

    pub(crate) fn hazmat_contains(&mut self, mut draft: ListingDraft, yes: bool) -> Vec<Command> {
        if !yes {
            draft.hazmat = Some(Hazmat::default());
            return self.save_draft(draft);
        }
        let ticked: Vec<bool> = HazmatKind::ALL.iter().map(|k| draft.hazmat.as_ref().is_some_and(|h| h.kinds.contains(k))).collect();
        let items = HazmatKind::ALL.iter().map(|k| PickItem::new(k.label(), "")).collect();
        self.push_picker(Picker::many(
            "Hazardous materials",
            "Which does it contain?",
            items,
            ticked,
            Pick::HazmatKinds { draft: Box::new(draft) },
        ));
        vec![]
    }

    pub(crate) fn hazmat_kinds(&mut self, mut draft: ListingDraft, chosen: Vec<usize>) -> Vec<Command> {
        let kinds: Vec<HazmatKind> = chosen.iter().filter_map(|i| HazmatKind::ALL.get(*i).copied()).collect();
        let lithium = kinds.contains(&HazmatKind::LithiumBatteries);
        draft.hazmat = Some(Hazmat { contains: true, kinds, battery_type: draft.hazmat.as_ref().and_then(|h| h.battery_type.clone()) });
        if !lithium {
            return self.save_draft(draft);
        }
        let types: Vec<String> = self
            .requirements_attrs()
            .and_then(|a| a.into_iter().find(|x| x.name.to_lowercase().contains("battery type")))
            .map(|a| a.values.into_iter().map(|v| v.name).collect())
            .unwrap_or_default();
        if types.is_empty() {
            self.push_prompt(
                "Battery type",
                "The battery type as TikTok names it (e.g. Lithium-ion):",
                "",
                Ask::BatteryName { draft: Box::new(draft) },
            );
        } else {
            let items = types.iter().map(|t| PickItem::new(t.clone(), "")).collect();
            self.push_picker(Picker::one(
                "Battery type",
                "Which lithium battery?",
                items,
                Pick::BatteryType { draft: Box::new(draft), types },
            ));
        }
        vec![]
    }

    pub(crate) fn start_package(&mut self, now: i64) -> Vec<Command> {
        let Some(d) = self.listing_draft(now) else { return vec![] };
        let mut initial = d.package_weight_kg.map(|w| w.to_string()).unwrap_or_default();
        if let Some(x) = &d.package_dimensions_cm {
            initial.push_str(&format!(" {}x{}x{}", x.length, x.width, x.height));
        }
        self.push_prompt(
            "Package",
            "Weight in kg, then LxWxH in cm (e.g. 0.4 30x20x5):",
            initial.trim(),
            Ask::Package { draft: Box::new(d) },
        );
        vec![]
    }

    pub(crate) fn package_typed(&mut self, mut d: ListingDraft, value: &str) -> Result<Vec<Command>, String> {
        let mut parts = value.split_whitespace();
        let w = parts.next().ok_or("type the weight in kg, e.g. 0.4")?;
        d.package_weight_kg = Some(decimal(w, "weight")?);
        if let Some(dims) = parts.next() {
            let xs: Vec<&str> = dims.split(['x', 'X']).collect();
            let [l, wd, h] = xs.as_slice() else { return Err("dimensions are LxWxH in cm, e.g. 30x20x5".into()) };
            d.package_dimensions_cm =
                Some(Dimensions { length: decimal(l, "length")?, width: decimal(wd, "width")?, height: decimal(h, "height")? });
        }
        Ok(self.save_draft(d))
    }

    pub(crate) fn start_size_chart(&mut self, now: i64) -> Vec<Command> {
        let Some(d) = self.listing_draft(now) else { return vec![] };
        let folder = self.listings.product_folder();
        self.push_prompt(
            "Size chart",
            "Path of the size chart image (at least 1024 px), or template:ID:",
            &folder,
            Ask::SizeChart { draft: Box::new(d) },
        );
        vec![]
    }

    pub(crate) fn size_chart_typed(&mut self, mut d: ListingDraft, value: &str) -> Result<Vec<Command>, String> {
        d.size_chart = Some(match value.trim().strip_prefix("template:") {
            Some(t) if !t.trim().is_empty() => SizeChart { image: None, template_id: Some(t.trim().into()) },
            _ if value.trim().is_empty() => return Err("type a path or template:ID".into()),
            _ => SizeChart { image: Some(value.trim().into()), template_id: None },
        });
        Ok(self.save_draft(d))
    }

    pub(crate) fn start_certificate(&mut self, now: i64) -> Vec<Command> {
        let Some(d) = self.listing_draft(now) else { return vec![] };
        let certs: Vec<(String, String, bool)> = self
            .listings
            .selected_product()
            .and_then(|p| self.listings.view.requirements_of(&d.shop_id, p))
            .map(|r| r.rules.certifications.iter().map(|c| (c.id.clone(), c.name.clone(), c.expiration_required)).collect())
            .unwrap_or_default();
        if certs.is_empty() {
            self.toast("No certificates known for this product's category here: check it first (c)", true, now);
            return vec![];
        }
        let items = certs
            .iter()
            .map(|(id, name, _)| PickItem::new(name.clone(), if d.certifications.contains_key(id) { "attached" } else { "" }))
            .collect();
        self.push_picker(Picker::one(
            "Certificate",
            "Attach a file for which certificate?",
            items,
            Pick::CertFor { draft: Box::new(d), certs },
        ));
        vec![]
    }

    pub(crate) fn cert_typed(
        &mut self,
        mut d: ListingDraft,
        cert_id: String,
        needs_expiry: bool,
        value: &str,
    ) -> Result<Vec<Command>, String> {
        let mut parts = value.split_whitespace();
        let path = parts.next().ok_or("type the file's path")?.to_string();
        let expires = match parts.next() {
            Some(date) => Some(crate::domain::time::parse_date(date).ok_or_else(|| format!("{date:?} is not a date (YYYY-MM-DD)"))?),
            None if needs_expiry => return Err("this certificate needs its expiry date: PATH YYYY-MM-DD".into()),
            None => None,
        };
        let proof = d.certifications.entry(cert_id).or_default();
        proof.files.push(path);
        if expires.is_some() {
            proof.expires_at = expires;
        }
        Ok(self.save_draft(d))
    }

    pub(crate) fn start_attribute(&mut self, now: i64) -> Vec<Command> {
        let Some(d) = self.listing_draft(now) else { return vec![] };
        let Some(attrs) = self.requirements_attrs() else {
            self.toast("The category's attributes are not known here yet: check the product first (c)", true, now);
            return vec![];
        };
        let attrs: Vec<Attribute> =
            attrs.into_iter().filter(|a| !a.is_sales() && !HAZMAT_ATTRS.iter().any(|h| a.name.to_lowercase().contains(h))).collect();
        let items = attrs
            .iter()
            .map(|a| {
                let now_set =
                    d.attributes.get(&a.id).map(|v| v.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(", ")).unwrap_or_default();
                let need = if a.required { "required" } else { "" };
                PickItem::new(a.name.clone(), format!("{need} {now_set}").trim().to_string())
            })
            .collect();
        self.push_picker(Picker::one("Attribute", "Set which attribute?", items, Pick::AttributeFor { draft: Box::new(d), attrs }));
        vec![]
    }

    pub(crate) fn attribute_chosen(&mut self, d: ListingDraft, a: Attribute) -> Vec<Command> {
        if a.values.is_empty() {
            let id = a.id.clone();
            self.push_prompt(&a.name, "Type the value:", "", Ask::CustomValue { draft: Box::new(d), attr_id: id });
            return vec![];
        }
        let mut items: Vec<PickItem> = a.values.iter().map(|v| PickItem::new(v.name.clone(), "")).collect();
        if a.customizable {
            items.push(PickItem::new("Type a custom value…", ""));
        }
        let name = a.name.clone();
        let p = if a.multiple {
            Picker::many(name, "Tick the values", items, vec![], Pick::AttributeValues { draft: Box::new(d), attr: Box::new(a) })
        } else {
            Picker::one(name, "Choose the value", items, Pick::AttributeValues { draft: Box::new(d), attr: Box::new(a) })
        };
        self.push_picker(p);
        vec![]
    }

    pub(crate) fn attribute_values(&mut self, mut d: ListingDraft, a: Attribute, chosen: Vec<usize>) -> Vec<Command> {
        if chosen.contains(&a.values.len()) {
            self.push_prompt(&a.name, "Type the custom value:", "", Ask::CustomValue { draft: Box::new(d), attr_id: a.id });
            return vec![];
        }
        let vs: Vec<ChosenValue> =
            chosen.iter().filter_map(|i| a.values.get(*i)).map(|v| ChosenValue { id: v.id.clone(), name: v.name.clone() }).collect();
        d.attributes.insert(a.id, vs);
        self.save_draft(d)
    }

    pub(crate) fn start_edit_product(&mut self, now: i64) -> Vec<Command> {
        let Some(p) = self.listings.selected_product().cloned() else {
            self.toast("Select a product first", true, now);
            return vec![];
        };
        let mut fields: Vec<String> = ["title", "product type", "vendor", "tags", "description"].iter().map(|s| s.to_string()).collect();
        for v in &p.variants {
            fields.push(format!("price {}", v.sku));
            fields.push(format!("stock {}", v.sku));
            fields.push(format!("grams {}", v.sku));
        }
        let items = fields.iter().map(|f| PickItem::new(f.clone(), "")).collect();
        self.push_picker(Picker::one(
            format!("Edit {}", p.handle),
            "Change which field?",
            items,
            Pick::ProductField { product: Box::new(p), fields },
        ));
        vec![]
    }

    pub(crate) fn product_typed(&mut self, mut p: Product, field: &str, value: &str) -> Result<Vec<Command>, String> {
        let v = value.trim().to_string();
        match field.split_once(' ') {
            Some(("price", sku)) | Some(("stock", sku)) | Some(("grams", sku)) => {
                let var = p.variants.iter_mut().find(|x| x.sku == sku).ok_or("that variant is gone")?;
                match field.split(' ').next() {
                    Some("price") => var.price = decimal(&v, "price")?,
                    Some("stock") => var.inventory = v.parse().map_err(|_| format!("{v:?} is not a whole number"))?,
                    _ => var.weight_grams = Some(decimal(&v, "weight")?),
                }
            }
            _ => match field {
                "title" if v.is_empty() => return Err("the title cannot be empty".into()),
                "title" => p.title = v,
                "product type" => p.product_type = v,
                "vendor" => p.vendor = v,
                "tags" => p.tags = v.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
                _ => p.description_html = v,
            },
        }
        Ok(vec![cat(CatalogCommand::SaveProduct { product: Box::new(p) })])
    }

    pub(crate) fn product_field_chosen(&mut self, p: Product, field: String) -> Vec<Command> {
        let current = match field.split_once(' ') {
            Some(("price", sku)) => p.variants.iter().find(|v| v.sku == sku).map(|v| v.price.to_string()),
            Some(("stock", sku)) => p.variants.iter().find(|v| v.sku == sku).map(|v| v.inventory.to_string()),
            Some(("grams", sku)) => p.variants.iter().find(|v| v.sku == sku).and_then(|v| v.weight_grams).map(|g| g.to_string()),
            _ => Some(match field.as_str() {
                "title" => p.title.clone(),
                "product type" => p.product_type.clone(),
                "vendor" => p.vendor.clone(),
                "tags" => p.tags.join(", "),
                _ => p.description_html.clone(),
            }),
        }
        .unwrap_or_default();
        let help = format!("{} of {}:", field, p.handle);
        self.push_prompt("Edit product", &help, &current, Ask::ProductValue { product: Box::new(p), field });
        vec![]
    }

    pub(crate) fn start_import(&mut self) -> Vec<Command> {
        self.push_prompt(
            "Import catalogue",
            "Path of a Shopify product CSV or tokshop JSON, then optionally the store and currency:",
            "",
            Ask::ImportFile,
        );
        vec![]
    }

    pub(crate) fn import_typed(&mut self, value: &str, now: i64) -> Result<Vec<Command>, String> {
        let mut parts = value.split_whitespace();
        let path = parts.next().ok_or("type the file's path")?.to_string();
        // By default into the store of the shop on screen, in that market's currency.
        let shop = self.listings.shop_id().map(String::from);
        let default_store = shop
            .as_ref()
            .and_then(|s| self.listings.view.shop_stores.get(s).cloned())
            .or_else(|| self.shops.view.store_names().into_iter().next())
            .unwrap_or_else(|| "main".into());
        let region = self.listings.view.shops.get(self.listings.shop).map(|s| s.2.clone()).unwrap_or_default();
        let store = parts.next().map(String::from).unwrap_or(default_store);
        crate::domain::shop::validate_store_name(&store)?;
        let currency =
            parts.next().map(|c| c.to_ascii_uppercase()).unwrap_or_else(|| crate::domain::shop::region_currency(&region).to_string());
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(format!("{currency:?} is not a currency code (like USD or GBP)"));
        }
        self.toast(format!("Importing {path} into {store}…"), false, now);
        Ok(vec![cat(CatalogCommand::Import { path: path.into(), store, currency })])
    }

    pub(crate) fn start_link(&mut self, now: i64) -> Vec<Command> {
        let (Some(ListingRow::Unmatched(l)), Some(shop)) = (self.listings.selected(), self.listings.shop_id().map(String::from)) else {
            self.toast("Select an unmatched TikTok product (at the end of the list)", true, now);
            return vec![];
        };
        let v = &self.listings.view;
        let own: Vec<&crate::domain::catalog::Product> = v.products_of(&shop).into_iter().map(|i| &v.products[i]).collect();
        let products: Vec<(String, String)> = own.iter().map(|p| (p.store.clone(), p.handle.clone())).collect();
        let items = own.iter().map(|p| PickItem::new(p.handle.clone(), p.title.clone())).collect();
        let msg = format!("TikTok product {} ({}) is which platform product?", l.product_id, l.title);
        self.push_picker(Picker::one("Link product", msg, items, Pick::LinkTo { shop_id: shop, product_id: l.product_id, products }));
        vec![]
    }

    /// Check, list or save as a TikTok draft the selected product on the selected shop.
    pub(crate) fn listing_command(&mut self, what: &str, now: i64) -> Vec<Command> {
        let (Some(shop), Some(p)) = (self.listings.shop_id().map(String::from), self.listings.selected_product().cloned()) else {
            self.toast("Select a product (and connect a shop) first", true, now);
            return vec![];
        };
        match what {
            "check" => {
                self.toast(format!("Checking {} on {}…", p.handle, self.listings.shop_label()), false, now);
                vec![cat(CatalogCommand::Check { shop_id: shop, store: p.store, handle: p.handle })]
            }
            _ => {
                let as_draft = what == "draft";
                let shop_label = self.listings.shop_label();
                let theirs: Vec<_> = self
                    .listings
                    .view
                    .listings
                    .iter()
                    .filter(|l| l.shop_id == shop && l.store == p.store && l.handle == p.handle)
                    .cloned()
                    .collect();
                let resubmit = match crate::domain::listing::route(&theirs, &p.handle, &shop_label) {
                    crate::domain::listing::ListingRoute::Refuse(why) => {
                        self.toast(why, true, now);
                        return vec![];
                    }
                    crate::domain::listing::ListingRoute::Resubmit(l) => Some(l),
                    crate::domain::listing::ListingRoute::Create => None,
                };
                if let Some(r) =
                    self.listings.view.checks.get(&crate::ui::view_catalog::CatalogView::key(&shop, &p)).filter(|r| !r.missing.is_empty())
                {
                    let first = &r.missing[0];
                    self.toast(
                        format!("{} cannot leave yet: {} missing ({}: {})", p.handle, r.missing.len(), first.field, first.fix),
                        true,
                        now,
                    );
                    return vec![];
                }
                let (title, msg) = if let Some(l) = &resubmit {
                    let state = match l.status.as_str() {
                        "FAILED" => "rejected by TikTok's audit",
                        "DRAFT" => "a draft on TikTok",
                        _ => "deactivated by TikTok",
                    };
                    (
                        format!("{} {}?", if as_draft { "Save as a TikTok draft again:" } else { "Resubmit" }, p.handle),
                        format!(
                            "TikTok product {} ({state}) is edited to match {} as it is now{}. The same product: its SKUs keep their ids.",
                            l.product_id,
                            p.title,
                            if as_draft { " and stays a draft" } else { " and goes back to TikTok's review" }
                        ),
                    )
                } else if as_draft {
                    (
                        format!("Save {} as a TikTok draft?", p.handle),
                        format!("{} is saved on {shop_label} as a draft: not for sale, not audited.", p.title),
                    )
                } else {
                    (
                        format!("List {}?", p.handle),
                        format!(
                            "{} goes to {shop_label} for TikTok's review, then on sale. Each retry uses the same idempotency key: it is never listed twice.",
                            p.title
                        ),
                    )
                };
                self.push_confirm(
                    title,
                    msg,
                    cat(CatalogCommand::List { shop_id: shop, store: p.store, handle: p.handle, as_draft }),
                    false,
                );
                vec![]
            }
        }
    }
}
