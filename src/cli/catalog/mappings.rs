//! `tokshop categories search|map|recommend`, `tokshop brands search|map|create` and
//! `tokshop attributes list|map`: platform product types, vendors, options and tags mapped to
//! TikTok's categories, brands and attributes per shop.

use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx};
use crate::domain::category_search::CategoryIndex;
use crate::domain::listing::{AttributeMapping, AttributeSource, ValueMapping};
use crate::domain::shop::Shop;
use crate::store::listing as store_listing;
use crate::sync::SyncCtx;
use crate::sync::catalog;
use clap::Subcommand;
use serde_json::json;

#[derive(Subcommand, Debug)]
pub enum CategoriesCmd {
    /// Fuzzy-search the shop's leaf categories by path
    Search {
        text: String,
        #[arg(long)]
        shop: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Map a platform product type to a leaf category for a shop
    Map {
        product_type: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        shop: String,
    },
    /// Ask TikTok's Recommend Category for a product (by SKU or handle)
    Recommend {
        sku_or_handle: String,
        #[arg(long)]
        shop: String,
        /// Map the product's type to the recommendation right away
        #[arg(long)]
        apply: bool,
    },
}

impl CategoriesCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            CategoriesCmd::Map { .. } => Some(Capability::Catalog),
            _ => None,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum BrandsCmd {
    /// Brands a shop can use, by name prefix
    Search {
        #[arg(default_value = "")]
        prefix: String,
        #[arg(long)]
        shop: String,
        /// Only brands the seller is authorized for
        #[arg(long)]
        authorized: bool,
        /// A category ID: TikTok then says which authorized brands can be used in it
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Map a platform vendor to a TikTok brand for a shop
    Map {
        vendor: String,
        #[arg(long)]
        brand: String,
        #[arg(long)]
        shop: String,
        /// The brand's name (optional): finds the brand quickly among TikTok's many
        #[arg(long)]
        name: Option<String>,
    },
    /// Create a custom brand and map the vendor to it (2-30 characters; TikTok allows 50 a day, 1,000 in all)
    Create {
        name: String,
        #[arg(long)]
        vendor: String,
        #[arg(long)]
        shop: String,
    },
}

impl BrandsCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            BrandsCmd::Search { .. } => None,
            _ => Some(Capability::Catalog),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum AttributesCmd {
    /// A category's attributes with their values and requirement conditions
    List {
        #[arg(long)]
        category: String,
        #[arg(long)]
        shop: String,
        #[arg(long)]
        json: bool,
    },
    /// Fill an attribute from a variant option, from tags `Prefix: value`, or with fixed values
    Map {
        #[arg(long)]
        shop: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        attribute: String,
        #[arg(long, conflicts_with_all = ["from_tag", "value"])]
        from_option: Option<String>,
        #[arg(long, conflicts_with = "value")]
        from_tag: Option<String>,
        /// Fixed values (repeat): a value id, or a custom name where allowed
        #[arg(long)]
        value: Vec<String>,
        /// Platform value to TikTok value: FROM=ID or FROM=NAME (repeat)
        #[arg(long = "map")]
        maps: Vec<String>,
    },
}

impl AttributesCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            AttributesCmd::List { .. } => None,
            _ => Some(Capability::Catalog),
        }
    }
}

pub fn shop(ctx: &SyncCtx, id: &str) -> Result<Shop, CliError> {
    let s = ctx
        .store
        .get_shop(id)?
        .ok_or_else(|| CliError::usage(format!("no shop {id} is known here (tokshop shops list)")))?;
    if !s.status.syncs() {
        return Err(CliError::failed(format!("shop {} is {}: re-authorize it first", s.name, s.status.label())));
    }
    Ok(s)
}

/// A product of the shop's store by SKU or handle; none is a usage error (exit 2), as an unknown
/// shop or SKU is.
pub fn product_of(ctx: &SyncCtx, s: &Shop, sku_or_handle: &str) -> Result<crate::domain::catalog::Product, CliError> {
    ctx.store.find_product(Some(&s.store), sku_or_handle)?.ok_or_else(|| {
        CliError::usage(format!(
            "no product or SKU {sku_or_handle:?} in store {}'s catalogue (tokshop catalog list)",
            s.store
        ))
    })
}

pub async fn run_categories(g: &Globals, cmd: CategoriesCmd) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    match cmd {
        CategoriesCmd::Search { text, shop: id, limit, json } => {
            let s = shop(&ctx, &id)?;
            let tree = catalog::tree(&ctx, &s, false).await?;
            let mut idx = CategoryIndex::new(&tree);
            let hits = idx.search(&text, limit);
            if json {
                let v: Vec<_> = hits
                    .iter()
                    .map(|h| {
                        let permissions = tree.get(&h.id).map(|c| c.permissions.clone()).unwrap_or_default();
                        json!({"id": h.id, "path": h.path, "permissions": permissions})
                    })
                    .collect();
                output::json(&v);
            } else {
                let rows: Vec<Vec<String>> = hits
                    .iter()
                    .map(|h| {
                        vec![
                            h.id.clone(),
                            h.path.clone(),
                            tree.get(&h.id).map(|c| c.permissions.join(",")).unwrap_or_default(),
                        ]
                    })
                    .collect();
                output::table(&["ID", "CATEGORY", "PERMISSION"], &rows);
            }
        }
        CategoriesCmd::Map { product_type, category, shop: id } => {
            let s = shop(&ctx, &id)?;
            let m = catalog::map_category(&ctx, &s, &product_type, &category).await?;
            crate::outln!("{product_type:?} lists as {} ({}) on {}", m.category_path, m.category_id, s.name);
        }
        CategoriesCmd::Recommend { sku_or_handle, shop: id, apply } => {
            let s = shop(&ctx, &id)?;
            let p = product_of(&ctx, &s, &sku_or_handle)?;
            let (leaf, path) = catalog::recommend(&ctx, &s, &p).await?;
            crate::outln!("TikTok recommends {path} ({leaf}) for {}", p.handle);
            if apply {
                let m = catalog::map_category(&ctx, &s, &p.product_type, &leaf).await?;
                crate::outln!("{:?} now lists as {} on {}", p.product_type, m.category_path, s.name);
            }
        }
    }
    Ok(())
}

pub async fn run_brands(g: &Globals, cmd: BrandsCmd) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    match cmd {
        BrandsCmd::Search { prefix, shop: id, authorized, category, json } => {
            let s = shop(&ctx, &id)?;
            let brands = catalog::brands(&ctx, &s, &prefix, authorized, category.as_deref()).await?;
            if json {
                output::json(
                    &brands
                        .iter()
                        .map(|b| {
                            json!({
                                "id": b.id, "name": b.name, "authorized": b.authorized, "t1": b.t1,
                                "usable": b.selectable()
                            })
                        })
                        .collect::<Vec<_>>(),
                );
            } else {
                let rows: Vec<Vec<String>> = brands
                    .iter()
                    .map(|b| {
                        vec![
                            b.id.clone(),
                            b.name.clone(),
                            if b.authorized { "authorized".into() } else { "-".into() },
                            if b.selectable() {
                                "yes".into()
                            } else if b.unavailable_in_category {
                                "no (not available in the category)".into()
                            } else {
                                "no (T1, not authorized)".into()
                            },
                        ]
                    })
                    .collect();
                output::table(&["ID", "BRAND", "AUTHORIZATION", "USABLE"], &rows);
            }
        }
        BrandsCmd::Map { vendor, brand, shop: id, name } => {
            let s = shop(&ctx, &id)?;
            let m = catalog::map_brand(&ctx, &s, &vendor, &brand, name.as_deref()).await?;
            crate::outln!("{vendor:?} lists as brand {} ({}) on {}", m.brand_name, m.brand_id, s.name);
        }
        BrandsCmd::Create { name, vendor, shop: id } => {
            let s = shop(&ctx, &id)?;
            let m = catalog::create_brand(&ctx, &s, &vendor, &name).await?;
            crate::outln!("Created brand {} ({}); {vendor:?} lists as it on {}", m.brand_name, m.brand_id, s.name);
        }
    }
    Ok(())
}

pub async fn run_attributes(g: &Globals, cmd: AttributesCmd) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    match cmd {
        AttributesCmd::List { category, shop: id, json } => {
            let s = shop(&ctx, &id)?;
            let req = catalog::requirements(&ctx, &s, &category, false).await?;
            if json {
                output::json(&serde_json::to_value(&req).unwrap_or_default());
            } else {
                let rows: Vec<Vec<String>> = req
                    .attributes
                    .iter()
                    .map(|a| {
                        let need = if a.required {
                            "required".to_string()
                        } else if a.conditions.is_empty() {
                            "optional".into()
                        } else {
                            "conditional".into()
                        };
                        let vals: Vec<String> =
                            a.values.iter().take(6).map(|v| format!("{} ({})", v.name, v.id)).collect();
                        vec![
                            a.id.clone(),
                            a.name.clone(),
                            a.kind.to_lowercase(),
                            need,
                            if a.customizable { "yes".into() } else { "-".into() },
                            vals.join(", "),
                        ]
                    })
                    .collect();
                output::table(&["ID", "ATTRIBUTE", "TYPE", "NEED", "CUSTOM", "VALUES"], &rows);
            }
        }
        AttributesCmd::Map { shop: id, category, attribute, from_option, from_tag, value, maps } => {
            let s = shop(&ctx, &id)?;
            let req = catalog::requirements(&ctx, &s, &category, false).await?;
            let a = req.attributes.iter().find(|a| a.id == attribute).ok_or_else(|| {
                CliError::usage(format!("category {category} has no attribute {attribute} (tokshop attributes list)"))
            })?;
            let resolve = |raw: &str| -> Result<ValueMapping, CliError> {
                match a.values.iter().find(|v| v.id == raw || v.name.eq_ignore_ascii_case(raw)) {
                    Some(v) => {
                        Ok(ValueMapping { from: String::new(), value_id: v.id.clone(), value_name: v.name.clone() })
                    }
                    None if a.customizable => {
                        Ok(ValueMapping { from: String::new(), value_id: String::new(), value_name: raw.to_string() })
                    }
                    None => Err(CliError::usage(format!(
                        "{raw:?} is not a value of {} and it takes no custom values",
                        a.name
                    ))),
                }
            };
            let (source, mut values) = match (from_option, from_tag) {
                (Some(o), _) => (AttributeSource::Option(o), vec![]),
                (None, Some(t)) => (AttributeSource::Tag(t), vec![]),
                (None, None) if !value.is_empty() => {
                    (AttributeSource::Fixed, value.iter().map(|v| resolve(v)).collect::<Result<Vec<_>, _>>()?)
                }
                _ => return Err(CliError::usage("give --from-option NAME, --from-tag PREFIX or --value V")),
            };
            for m in &maps {
                let (from, to) =
                    m.split_once('=').ok_or_else(|| CliError::usage(format!("--map {m:?}: write FROM=TO")))?;
                values.push(ValueMapping { from: from.trim().to_string(), ..resolve(to.trim())? });
            }
            let mapping = AttributeMapping {
                shop_id: s.id.clone(),
                category_id: category,
                attribute_id: a.id.clone(),
                attribute_name: a.name.clone(),
                source,
                values,
            };
            ctx.store.write(|w| store_listing::map_attribute(w, &mapping))?;
            crate::outln!("{} now comes from {:?} on {}", a.name, mapping.source, s.name);
        }
    }
    Ok(())
}
