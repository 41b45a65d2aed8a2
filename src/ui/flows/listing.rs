//! The Listings pane's flows: the hazmat question (CAT-PRE-HAZMAT), certificates
//! (CAT-PRE-CERT), size chart (CAT-PRE-SIZE), package (CAT-PRE-PKG), attribute values
//! (CAT-PRE-ATTRIBUTE), and checking, listing and saving as a TikTok draft. Settings are saved
//! as the listing draft; the engine checks again after each save.

use crate::domain::catalog::Dimensions;
use crate::domain::listing::{ChosenValue, Hazmat, HazmatKind, ListingDraft, ListingRoute, SizeChart, route};
use crate::domain::tiktok_catalog::Attribute;
use crate::message::{CatalogCommand, Command};
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::confirm::Confirm;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::overlays::prompt::Prompt;
use crate::ui::panes::listings::{ListingsPane, shop_label};
use rust_decimal::Decimal;
use std::str::FromStr;

const HAZMAT_ATTRS: [&str; 3] = ["dangerous goods", "hazardous material", "battery type"];

pub fn decimal(s: &str, what: &str) -> Result<Decimal, String> {
    Decimal::from_str(s.trim())
        .ok()
        .filter(|d| *d > Decimal::ZERO)
        .ok_or_else(|| format!("{what} {s:?} is not a positive number"))
}

/// The selected product's draft on the shop on screen, or a message saying what to select.
pub fn listing_draft(app: &mut App, now: i64) -> Option<ListingDraft> {
    let d = app.pane::<ListingsPane>().and_then(|p| p.draft());
    if d.is_none() {
        app.toast("Select a product (and connect a shop) first", true, now);
    }
    d
}

/// Save the draft (shown at once, checked again by the engine).
pub fn save_draft(app: &mut App, d: ListingDraft) -> Vec<Command> {
    if let Some(p) = app.pane_mut::<ListingsPane>() {
        p.show_draft(&d);
    }
    vec![CatalogCommand::SaveDraft { draft: Box::new(d) }.into()]
}

fn requirements_attrs(app: &App) -> Option<Vec<Attribute>> {
    app.pane::<ListingsPane>()
        .and_then(|p| p.selected_product())
        .and_then(|e| e.requirements.as_ref())
        .map(|r| r.attributes.clone())
}

pub fn start_hazmat(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(draft) = listing_draft(app, cx.now) else { return vec![] };
    let items = vec![
        PickItem::new("No", "no batteries, flammable liquids, aerosols, corrosives or other dangerous goods"),
        PickItem::new("Yes", "it contains hazardous materials"),
    ];
    let msg = format!(
        "Does {} contain hazardous materials (batteries, flammable liquids, aerosols, corrosives)? TikTok asks this of \
            every product.",
        draft.handle
    );
    app.push(Picker::one("Hazardous materials", msg, items, move |app, chosen, _| {
        hazmat_contains(app, draft, chosen.first() == Some(&1))
    }));
    vec![]
}

fn hazmat_contains(app: &mut App, mut draft: ListingDraft, yes: bool) -> Vec<Command> {
    if !yes {
        draft.hazmat = Some(Hazmat::default());
        return save_draft(app, draft);
    }
    let ticked: Vec<bool> =
        HazmatKind::ALL.iter().map(|k| draft.hazmat.as_ref().is_some_and(|h| h.kinds.contains(k))).collect();
    let items = HazmatKind::ALL.iter().map(|k| PickItem::new(k.label(), "")).collect();
    app.push(Picker::many("Hazardous materials", "Which does it contain?", items, ticked, move |app, chosen, _| {
        hazmat_kinds(app, draft, chosen)
    }));
    vec![]
}

fn hazmat_kinds(app: &mut App, mut draft: ListingDraft, chosen: Vec<usize>) -> Vec<Command> {
    let kinds: Vec<HazmatKind> = chosen.iter().filter_map(|i| HazmatKind::ALL.get(*i).copied()).collect();
    let lithium = kinds.contains(&HazmatKind::LithiumBatteries);
    draft.hazmat = Some(Hazmat {
        contains: true,
        kinds,
        battery_type: draft.hazmat.as_ref().and_then(|h| h.battery_type.clone()),
    });
    if !lithium {
        return save_draft(app, draft);
    }
    let types: Vec<String> = requirements_attrs(app)
        .and_then(|a| a.into_iter().find(|x| x.name.to_lowercase().contains("battery type")))
        .map(|a| a.values.into_iter().map(|v| v.name).collect())
        .unwrap_or_default();
    if types.is_empty() {
        app.push(Prompt::new(
            "Battery type",
            "The battery type as TikTok names it (e.g. Lithium-ion):",
            "",
            move |app, value, _| {
                if value.is_empty() {
                    return Err("type the battery type".into());
                }
                let mut draft = draft.clone();
                if let Some(h) = draft.hazmat.as_mut() {
                    h.battery_type = Some(value);
                }
                Ok(save_draft(app, draft))
            },
        ));
    } else {
        let items = types.iter().map(|t| PickItem::new(t.clone(), "")).collect();
        app.push(Picker::one("Battery type", "Which lithium battery?", items, move |app, chosen, _| {
            if let Some(h) = draft.hazmat.as_mut() {
                h.battery_type = chosen.first().and_then(|i| types.get(*i)).cloned();
            }
            save_draft(app, draft)
        }));
    }
    vec![]
}

pub fn start_package(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(d) = listing_draft(app, cx.now) else { return vec![] };
    let mut initial = d.package_weight_kg.map(|w| w.to_string()).unwrap_or_default();
    if let Some(x) = &d.package_dimensions_cm {
        initial.push_str(&format!(" {}x{}x{}", x.length, x.width, x.height));
    }
    app.push(Prompt::new(
        "Package",
        "Weight in kg, then LxWxH in cm (e.g. 0.4 30x20x5):",
        initial.trim(),
        move |app, value, _| package_typed(app, d.clone(), &value),
    ));
    vec![]
}

fn package_typed(app: &mut App, mut d: ListingDraft, value: &str) -> Result<Vec<Command>, String> {
    let mut parts = value.split_whitespace();
    let w = parts.next().ok_or("type the weight in kg, e.g. 0.4")?;
    d.package_weight_kg = Some(decimal(w, "weight")?);
    if let Some(dims) = parts.next() {
        let xs: Vec<&str> = dims.split(['x', 'X']).collect();
        let [l, wd, h] = xs.as_slice() else { return Err("dimensions are LxWxH in cm, e.g. 30x20x5".into()) };
        d.package_dimensions_cm = Some(Dimensions {
            length: decimal(l, "length")?,
            width: decimal(wd, "width")?,
            height: decimal(h, "height")?,
        });
    }
    Ok(save_draft(app, d))
}

pub fn start_size_chart(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(d) = listing_draft(app, cx.now) else { return vec![] };
    let folder = app.pane::<ListingsPane>().map(|p| p.product_folder()).unwrap_or_default();
    app.push(Prompt::new(
        "Size chart",
        "Path of the size chart image (at least 1024 px), or template:ID:",
        &folder,
        move |app, value, _| {
            let mut d = d.clone();
            d.size_chart = Some(match value.trim().strip_prefix("template:") {
                Some(t) if !t.trim().is_empty() => SizeChart { image: None, template_id: Some(t.trim().into()) },
                _ if value.trim().is_empty() => return Err("type a path or template:ID".into()),
                _ => SizeChart { image: Some(value.trim().into()), template_id: None },
            });
            Ok(save_draft(app, d))
        },
    ));
    vec![]
}

pub fn start_certificate(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(d) = listing_draft(app, cx.now) else { return vec![] };
    let certs: Vec<(String, String, bool)> = app
        .pane::<ListingsPane>()
        .and_then(|p| p.selected_product())
        .and_then(|e| e.requirements.as_ref())
        .map(|r| r.rules.certifications.iter().map(|c| (c.id.clone(), c.name.clone(), c.expiration_required)).collect())
        .unwrap_or_default();
    if certs.is_empty() {
        app.toast("No certificates known for this product's category here: check it first (c)", true, cx.now);
        return vec![];
    }
    let items = certs
        .iter()
        .map(|(id, name, _)| {
            PickItem::new(name.clone(), if d.certifications.contains_key(id) { "attached" } else { "" })
        })
        .collect();
    app.push(Picker::one("Certificate", "Attach a file for which certificate?", items, move |app, chosen, _| {
        let Some((id, name, needs_expiry)) = chosen.first().and_then(|i| certs.get(*i)).cloned() else { return vec![] };
        let help = if needs_expiry {
            format!("{name}: path of the PDF or image (Tab completes), then its expiry date (YYYY-MM-DD):")
        } else {
            format!("{name}: path of the PDF or image (Tab completes):")
        };
        let folder = app.pane::<ListingsPane>().map(|p| p.product_folder()).unwrap_or_default();
        app.push(Prompt::path("Certificate", &help, &folder, move |app, value, _| {
            cert_typed(app, d.clone(), id.clone(), needs_expiry, &value)
        }));
        vec![]
    }));
    vec![]
}

fn cert_typed(
    app: &mut App,
    mut d: ListingDraft,
    cert_id: String,
    needs_expiry: bool,
    value: &str,
) -> Result<Vec<Command>, String> {
    // The path may hold spaces: a date at the end (after a space) is the expiry, the rest the path.
    let value = value.trim();
    let (path, expires) = match value.rsplit_once(' ') {
        Some((p, last)) => match crate::domain::time::parse_date(last) {
            Some(d) => (p.trim_end(), Some(d)),
            None => (value, None),
        },
        None => (value, None),
    };
    if path.is_empty() {
        return Err("type the file's path (Tab completes it)".into());
    }
    if expires.is_none() && needs_expiry {
        return Err("this certificate needs its expiry date: PATH YYYY-MM-DD".into());
    }
    let path = path.to_string();
    let proof = d.certifications.entry(cert_id).or_default();
    proof.files.push(path);
    if expires.is_some() {
        proof.expires_at = expires;
    }
    Ok(save_draft(app, d))
}

pub fn start_attribute(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(d) = listing_draft(app, cx.now) else { return vec![] };
    let Some(attrs) = requirements_attrs(app) else {
        app.toast("The category's attributes are not known here yet: check the product first (c)", true, cx.now);
        return vec![];
    };
    let attrs: Vec<Attribute> = attrs
        .into_iter()
        .filter(|a| !a.is_sales() && !HAZMAT_ATTRS.iter().any(|h| a.name.to_lowercase().contains(h)))
        .collect();
    let items = attrs
        .iter()
        .map(|a| {
            let now_set = d
                .attributes
                .get(&a.id)
                .map(|v| v.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            let need = if a.required { "required" } else { "" };
            PickItem::new(a.name.clone(), format!("{need} {now_set}").trim().to_string())
        })
        .collect();
    app.push(Picker::one("Attribute", "Set which attribute?", items, move |app, chosen, _| {
        match chosen.first().and_then(|i| attrs.get(*i)) {
            Some(a) => attribute_chosen(app, d, a.clone()),
            None => vec![],
        }
    }));
    vec![]
}

/// A value TikTok does not list: typed in.
fn custom_value(app: &mut App, d: ListingDraft, a: &Attribute, help: &str) {
    let attr_id = a.id.clone();
    app.push(Prompt::new(&a.name, help, "", move |app, value, _| {
        if value.is_empty() {
            return Err("type a value".into());
        }
        let mut d = d.clone();
        d.attributes.insert(attr_id.clone(), vec![ChosenValue { id: String::new(), name: value }]);
        Ok(save_draft(app, d))
    }));
}

fn attribute_chosen(app: &mut App, d: ListingDraft, a: Attribute) -> Vec<Command> {
    if a.values.is_empty() {
        custom_value(app, d, &a, "Type the value:");
        return vec![];
    }
    let mut items: Vec<PickItem> = a.values.iter().map(|v| PickItem::new(v.name.clone(), "")).collect();
    if a.customizable {
        items.push(PickItem::new("Type a custom value…", ""));
    }
    let name = a.name.clone();
    let p = if a.multiple {
        Picker::many(name, "Tick the values", items, vec![], move |app, chosen, _| attribute_values(app, d, a, chosen))
    } else {
        Picker::one(name, "Choose the value", items, move |app, chosen, _| attribute_values(app, d, a, chosen))
    };
    app.push(p);
    vec![]
}

fn attribute_values(app: &mut App, mut d: ListingDraft, a: Attribute, chosen: Vec<usize>) -> Vec<Command> {
    if chosen.contains(&a.values.len()) {
        custom_value(app, d, &a, "Type the custom value:");
        return vec![];
    }
    let vs: Vec<ChosenValue> = chosen
        .iter()
        .filter_map(|i| a.values.get(*i))
        .map(|v| ChosenValue { id: v.id.clone(), name: v.name.clone() })
        .collect();
    d.attributes.insert(a.id, vs);
    save_draft(app, d)
}

/// The selected product and the shop on screen, or a message.
fn product_on_shop(app: &mut App, now: i64) -> Option<(String, crate::store::views::ProductOnShop)> {
    let found =
        app.pane::<ListingsPane>().and_then(|p| Some((p.shop_id()?.to_string(), p.selected_product()?.clone())));
    if found.is_none() {
        app.toast("Select a product (and connect a shop) first", true, now);
    }
    found
}

fn shop_name(app: &App, shop: &str) -> String {
    app.shared.shop(shop).map(|l| shop_label(&l.shop)).unwrap_or_else(|| "no shop".into())
}

/// `check-listing`: a dry run of every rule for the selected product on the shop.
pub fn check(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some((shop, e)) = product_on_shop(app, cx.now) else { return vec![] };
    let p = e.product;
    app.toast(format!("Checking {} on {}…", p.handle, shop_name(app, &shop)), false, cx.now);
    vec![CatalogCommand::Check { shop_id: shop, store: p.store, handle: p.handle }.into()]
}

pub fn list(app: &mut App, cx: &Cx) -> Vec<Command> {
    list_as(app, cx, false)
}

pub fn draft(app: &mut App, cx: &Cx) -> Vec<Command> {
    list_as(app, cx, true)
}

/// List the selected product on the shop, or save it there as a TikTok draft: refused while the
/// check finds anything missing; a product TikTok already has (rejected, a draft, deactivated
/// by TikTok) is resubmitted as the same product.
fn list_as(app: &mut App, cx: &Cx, as_draft: bool) -> Vec<Command> {
    let Some((shop, e)) = product_on_shop(app, cx.now) else { return vec![] };
    let shop_label = shop_name(app, &shop);
    let p = &e.product;
    let resubmit = match route(&e.listings, &p.handle, &shop_label) {
        ListingRoute::Refuse(why) => {
            app.toast(why, true, cx.now);
            return vec![];
        }
        ListingRoute::Resubmit(l) => Some(l),
        ListingRoute::Create => None,
    };
    if let Some(r) = e.check.as_ref().filter(|r| !r.missing.is_empty()) {
        let first = &r.missing[0];
        app.toast(
            format!("{} cannot leave yet: {} missing ({}: {})", p.handle, r.missing.len(), first.field, first.fix),
            true,
            cx.now,
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
                "TikTok product {} ({state}) is edited to match {} as it is now{}. The same product: its SKUs keep \
                    their ids.",
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
                "{} goes to {shop_label} for TikTok's review, then on sale. Each retry uses the same idempotency key: \
                    it is never listed twice.",
                p.title
            ),
        )
    };
    let cmd = CatalogCommand::List { shop_id: shop, store: p.store.clone(), handle: p.handle.clone(), as_draft };
    app.push(Confirm::new(title, msg, cmd, false));
    vec![]
}
