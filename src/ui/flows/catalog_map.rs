//! The Mapping pane's catalogue flows: a product type to a leaf category (browse or fuzzy
//! search, or TikTok's recommendation), a vendor to a brand (search, or create a custom brand),
//! an attribute filled from a variant option, from tags or with fixed values.

use super::{Ask, Awaiting, Pick};
use crate::domain::listing::{AttributeMapping, AttributeSource, ValueMapping};
use crate::domain::tiktok_catalog::{Attribute, Brand};
use crate::sync::Command;
use crate::sync::catalog_commands::CatalogCommand;
use crate::ui::app::{App, Overlay};
use crate::ui::overlays::category_picker::CategoryPicker;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::panes::mapping::{CatalogRow, Section};
use crate::ui::view::ViewSource;

fn cat(c: CatalogCommand) -> Command {
    Command::Catalog(c)
}

impl App {
    /// `m` in the Mapping pane: map whatever the selected row is.
    pub(crate) fn map_selected(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        if self.mapping.section == Section::Carriers {
            return self.start_map_carrier(now);
        }
        let Some(shop) = self.mapping.catalog_shop().map(String::from) else {
            self.toast("Connect a shop first", true, now);
            return vec![];
        };
        match self.mapping.selected_catalog_row() {
            Some(CatalogRow::ProductType(t)) => self.open_category_picker(&shop, &t, views, now),
            Some(CatalogRow::Vendor(v)) => {
                let help = format!("Brands starting with (for vendor {v:?}):");
                let initial = v.split_whitespace().next().unwrap_or("").to_string();
                self.push_prompt("Brand", &help, &initial, Ask::BrandPrefix { shop_id: shop, vendor: v });
                vec![]
            }
            Some(CatalogRow::Attribute { category_id, attr }) => {
                let options = self.options_for_category(&shop, &category_id);
                let items = vec![
                    PickItem::new(
                        "From a variant option",
                        if options.is_empty() { "no product of this category has options".to_string() } else { options.join(", ") },
                    ),
                    PickItem::new("From tags", "tags written Prefix: value, e.g. Material: Nylon"),
                    PickItem::new("A fixed value", "the same for every product of the category"),
                ];
                let msg = format!("Where does {} come from?", attr.name);
                self.push_picker(Picker::one(
                    "Attribute",
                    msg,
                    items,
                    Pick::AttrSource { shop_id: shop, category_id, attr: Box::new(attr), options },
                ));
                vec![]
            }
            Some(CatalogRow::Category(_)) | None => {
                self.toast("Select a product type, vendor or attribute row", true, now);
                vec![]
            }
        }
    }

    fn options_for_category(&self, shop: &str, category_id: &str) -> Vec<String> {
        let mut out: Vec<String> =
            self.listings.view.products_in_category(shop, category_id).into_iter().flat_map(|p| p.options.clone()).collect();
        out.sort();
        out.dedup();
        out
    }

    pub(crate) fn open_category_picker(&mut self, shop: &str, product_type: &str, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        match views.category_tree(shop) {
            Ok(Some(tree)) => {
                self.overlays.push(Overlay::Category(Box::new(CategoryPicker::new(shop, product_type, tree))));
                vec![]
            }
            Ok(None) => {
                self.awaiting = Some(Awaiting::CategoryTree { shop_id: shop.into(), product_type: product_type.into() });
                self.toast("Pulling the shop's category tree from TikTok…", false, now);
                vec![cat(CatalogCommand::FetchCategories { shop_id: shop.into() })]
            }
            Err(e) => {
                self.toast(format!("Cannot read the category tree: {e}"), true, now);
                vec![]
            }
        }
    }

    /// `R`: ask TikTok to recommend a category for the selected product type.
    pub(crate) fn recommend_selected(&mut self, now: i64) -> Vec<Command> {
        let (Some(shop), Some(CatalogRow::ProductType(t))) =
            (self.mapping.catalog_shop().map(String::from), self.mapping.selected_catalog_row())
        else {
            self.toast("Select a product type in the categories section", true, now);
            return vec![];
        };
        let v = &self.listings.view;
        let Some(p) = v.products.iter().find(|p| v.on_shop(&shop, p) && p.product_type == t).cloned() else {
            self.toast(format!("No product of type {t:?} to describe to TikTok"), true, now);
            return vec![];
        };
        self.awaiting = Some(Awaiting::Recommendation { shop_id: shop.clone(), product_type: t });
        self.toast(format!("Asking TikTok to recommend a category for {}…", p.title), false, now);
        vec![cat(CatalogCommand::Recommend { shop_id: shop, store: p.store, handle: p.handle })]
    }

    pub(crate) fn recommended(&mut self, shop_id: String, product_type: String, category_id: String, path: String) {
        self.push_confirm(
            "Use TikTok's recommendation?".into(),
            format!("TikTok recommends {path} for {product_type:?}. Map it?"),
            cat(CatalogCommand::MapCategory { shop_id, product_type, category_id }),
            false,
        );
    }

    /// `n`: create a custom brand for the selected vendor.
    pub(crate) fn new_brand_selected(&mut self, now: i64) -> Vec<Command> {
        let (Some(shop), Some(CatalogRow::Vendor(v))) =
            (self.mapping.catalog_shop().map(String::from), self.mapping.selected_catalog_row())
        else {
            self.toast("Select a vendor in the brands section", true, now);
            return vec![];
        };
        let help = "A brand name: 2 to 30 characters, no emoji, not 5 digits in a row (TikTok allows 50 new brands a day, 1,000 in all):";
        self.push_prompt("Create a brand", help, &v, Ask::NewBrand { shop_id: shop, vendor: v.clone() });
        vec![]
    }

    pub(crate) fn brands_arrived(&mut self, shop_id: String, vendor: String, brands: Vec<Brand>, now: i64) {
        if brands.is_empty() {
            self.toast(format!("No brand by that name: create one for {vendor:?} with n"), true, now);
            return;
        }
        let items = brands
            .iter()
            .map(|b| {
                let what = if b.unavailable_in_category {
                    "authorized, but not available in this vendor's category"
                } else if b.authorized {
                    "authorized"
                } else if b.t1 {
                    "well-known brand you are not authorized for"
                } else {
                    "usable"
                };
                if b.selectable() { PickItem::new(b.name.clone(), what) } else { PickItem::disabled(b.name.clone(), what) }
            })
            .collect();
        self.push_picker(Picker::one("Brand", format!("Which brand is {vendor:?}?"), items, Pick::BrandFor { shop_id, vendor, brands }));
    }

    pub(crate) fn attr_source_chosen(
        &mut self,
        shop_id: String,
        category_id: String,
        attr: Attribute,
        options: Vec<String>,
        how: usize,
        now: i64,
    ) -> Vec<Command> {
        match how {
            0 if options.is_empty() => {
                self.toast("No product of this category has variant options", true, now);
                vec![]
            }
            0 => {
                let items = options.iter().map(|o| PickItem::new(o.clone(), "")).collect();
                let msg = format!("Which option fills {}?", attr.name);
                self.push_picker(Picker::one(
                    "Attribute",
                    msg,
                    items,
                    Pick::AttrOption { shop_id, category_id, attr: Box::new(attr), options },
                ));
                vec![]
            }
            1 => {
                let help = format!("Tag prefix for {} (tags like Prefix: value):", attr.name);
                let initial = attr.name.clone();
                self.push_prompt("Attribute from tags", &help, &initial, Ask::TagPrefix { shop_id, category_id, attr: Box::new(attr) });
                vec![]
            }
            _ if attr.values.is_empty() => {
                self.toast(format!("{} has no fixed values to choose from", attr.name), true, now);
                vec![]
            }
            _ => {
                let items = attr.values.iter().map(|v| PickItem::new(v.name.clone(), v.id.clone())).collect();
                let name = attr.name.clone();
                let p = if attr.multiple {
                    Picker::many(name, "Tick the values", items, vec![], Pick::AttrFixed { shop_id, category_id, attr: Box::new(attr) })
                } else {
                    Picker::one(name, "Choose the value", items, Pick::AttrFixed { shop_id, category_id, attr: Box::new(attr) })
                };
                self.push_picker(p);
                vec![]
            }
        }
    }

    pub(crate) fn attribute_mapping(
        shop_id: String,
        category_id: String,
        attr: &Attribute,
        source: AttributeSource,
        values: Vec<ValueMapping>,
    ) -> Command {
        let mapping =
            AttributeMapping { shop_id, category_id, attribute_id: attr.id.clone(), attribute_name: attr.name.clone(), source, values };
        cat(CatalogCommand::MapAttribute { mapping: Box::new(mapping) })
    }

    /// The tree a flow waited for is cached now: open the category picker.
    pub(crate) fn tree_arrived(&mut self, views: &dyn ViewSource, now: i64) {
        if let Some(Awaiting::CategoryTree { shop_id, product_type }) = self.awaiting.clone()
            && let Ok(Some(_)) = views.category_tree(&shop_id)
        {
            self.awaiting = None;
            self.open_category_picker(&shop_id, &product_type, views, now);
        }
    }
}
