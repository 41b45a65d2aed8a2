//! The Mapping pane: the platform's carriers mapped to TikTok's shipping providers per shop
//! (SHOP-MAN-CARRIER, with each shop's warehouses: CAT-PRE-WAREHOUSE), and per shop the
//! catalogue mappings: product types to categories (CAT-MAP-PROD), vendors to brands
//! (CAT-PRE-BRANDS), each mapped category's attributes (CAT-PRE-ATTRIBUTE).

mod carriers;
mod catalog;

pub use carriers::MappingRow;
pub use catalog::CatalogRow;

use crate::domain::role::Capability;
use crate::message::Topic;
use crate::store::views::{ProductFacets, ShopCatalog};
use crate::ui::action::Action;
use crate::ui::flows::{carriers as carrier_flows, catalog_map};
use crate::ui::keymap::Keymap;
use crate::ui::list_state::Cursor;
use crate::ui::loaded::Loaded;
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::{Shared, ShopChoice};
use crate::ui::{Cx, RenderCtx};
use ratatui::Frame;
use ratatui::layout::Rect;

pub const ADD_CARRIER: Action =
    Action::new("add-carrier", "add", "add one of your carriers", carrier_flows::add).writes(Capability::Fulfilment);
pub const MAP_CARRIER: Action = Action::new(
    "map-carrier",
    "map",
    "map the selected carrier, product type, vendor or attribute",
    catalog_map::map_selected,
)
.writes(Capability::Catalog);
pub const IMPORT_CARRIERS: Action =
    Action::new("import-carriers", "import", "import carriers from a CSV file", carrier_flows::import)
        .writes(Capability::Fulfilment);
pub const REMOVE_CARRIER: Action =
    Action::new("remove-carrier", "remove", "remove the selected carrier and its mappings", carrier_flows::remove)
        .dangerous(Capability::Fulfilment);
pub const REFRESH_WAREHOUSES: Action = Action::new(
    "refresh-warehouses",
    "refresh",
    "pull warehouses, delivery options and providers",
    carrier_flows::refresh_warehouses,
);
pub const MAPPING_SECTION: Action = Action::new(
    "mapping-section",
    "section",
    "switch between carriers, categories, brands and attributes",
    |app, cx| {
        if let Some((p, shared)) = app.pane_with_shared::<MappingPane>() {
            p.next_section();
            p.load(cx, shared);
        }
        vec![]
    },
);
pub const MAPPING_SHOP: Action =
    Action::new("mapping-shop", "shop", "the next shop (categories, brands, attributes)", |app, cx| {
        if let Some((p, shared)) = app.pane_with_shared::<MappingPane>() {
            p.next_shop(shared, cx);
        }
        vec![]
    });
pub const RECOMMEND_CATEGORY: Action = Action::new(
    "recommend-category",
    "recommend",
    "ask TikTok to recommend a category for the product type",
    catalog_map::recommend_selected,
)
.writes(Capability::Catalog);
pub const CREATE_BRAND: Action = Action::new(
    "create-brand",
    "new brand",
    "create a custom brand for the vendor (2-30 characters)",
    catalog_map::new_brand_selected,
)
.writes(Capability::Catalog);

pub const SPEC: PaneSpec = PaneSpec {
    table: "mapping",
    title: "Mapping",
    short: "Map",
    help: "Mapping",
    go: Action::new("go-mapping", "mapping", "go to Mapping (carriers, categories, brands)", |app, cx| {
        app.show::<MappingPane>(cx);
        vec![]
    }),
    key: 'm',
    actions: &[
        &ADD_CARRIER,
        &MAP_CARRIER,
        &IMPORT_CARRIERS,
        &REMOVE_CARRIER,
        &REFRESH_WAREHOUSES,
        &MAPPING_SECTION,
        &MAPPING_SHOP,
        &RECOMMEND_CATEGORY,
        &CREATE_BRAND,
    ],
};

/// What the pane shows: carriers, or one of the catalogue mappings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Section {
    #[default]
    Carriers,
    Categories,
    Brands,
    Attributes,
}

impl Section {
    pub const ALL: [Section; 4] = [Section::Carriers, Section::Categories, Section::Brands, Section::Attributes];

    /// Actions that mean nothing in this section (kept out of the hints, refused).
    pub fn idle_actions(self) -> &'static [&'static Action] {
        match self {
            Section::Carriers => &[&MAPPING_SHOP, &RECOMMEND_CATEGORY, &CREATE_BRAND],
            Section::Categories => {
                &[&ADD_CARRIER, &REMOVE_CARRIER, &IMPORT_CARRIERS, &REFRESH_WAREHOUSES, &CREATE_BRAND]
            }
            Section::Brands => {
                &[&ADD_CARRIER, &REMOVE_CARRIER, &IMPORT_CARRIERS, &REFRESH_WAREHOUSES, &RECOMMEND_CATEGORY]
            }
            Section::Attributes => &[
                &ADD_CARRIER,
                &REMOVE_CARRIER,
                &IMPORT_CARRIERS,
                &REFRESH_WAREHOUSES,
                &RECOMMEND_CATEGORY,
                &CREATE_BRAND,
            ],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Section::Carriers => "carriers",
            Section::Categories => "categories",
            Section::Brands => "brands",
            Section::Attributes => "attributes",
        }
    }
}

#[derive(Default)]
pub struct MappingPane {
    pub section: Section,
    pub cursor: Cursor,
    pub(crate) page: usize,
    /// The shop of the catalogue sections and the store it lists.
    pub shop: ShopChoice,
    pub catalog: Loaded<ShopCatalog>,
    pub facets: Loaded<ProductFacets>,
    pub cat_cursor: Cursor,
}

impl MappingPane {
    pub fn next_section(&mut self) {
        let i = Section::ALL.iter().position(|s| *s == self.section).unwrap_or(0);
        self.section = Section::ALL[(i + 1) % Section::ALL.len()];
        self.cat_cursor = Cursor::default();
    }

    pub fn next_shop(&mut self, shared: &Shared, cx: &Cx) {
        if self.shop.next(shared) {
            self.load_catalog(cx);
            self.cat_cursor.clamp(self.catalog_rows().len());
        }
    }

    /// The catalogue sections' shop id.
    pub fn catalog_shop(&self) -> Option<&str> {
        self.shop.id()
    }

    fn load_catalog(&mut self, cx: &Cx) {
        match &self.shop.get() {
            Some((shop, store)) => {
                self.catalog = Loaded::from_result(cx.views.shop_catalog(shop, store));
                self.facets = Loaded::from_result(cx.views.product_facets(store));
            }
            None => {
                self.catalog = Loaded::Ready(ShopCatalog::default());
                self.facets = Loaded::Ready(ProductFacets::default());
            }
        }
    }
}

impl Pane for MappingPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        *topic == Topic::Carriers || self.shop.touched_by(topic)
    }

    fn load(&mut self, cx: &Cx, shared: &Shared) {
        self.shop.follow(shared);
        self.load_catalog(cx);
        if let Some(e) = shared.shops.error() {
            self.catalog = Loaded::Failed(e.to_string());
        }
        self.cursor.clamp(carriers::rows(&shared.carriers_view()).len());
        self.cat_cursor.clamp(self.catalog_rows().len());
    }

    fn navigate(&mut self, nav: Nav, _cx: &Cx, shared: &Shared) {
        if self.section == Section::Carriers {
            let n = carriers::rows(&shared.carriers_view()).len();
            self.cursor.navigate(nav, n, self.page);
        } else {
            let n = self.catalog_rows().len();
            self.cat_cursor.navigate(nav, n, self.page);
        }
    }

    fn idle(&self) -> &'static [&'static Action] {
        self.section.idle_actions()
    }

    fn idle_message(&self, a: &Action, keymap: &Keymap) -> String {
        let keys = keymap.keys_for(&MAPPING_SECTION).join(", ");
        format!("Nothing to {} in the {} section: {keys} switches sections", a.hint, self.section.label())
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        if self.section != Section::Carriers {
            return self.render_catalog(f, area, ctx);
        }
        self.render_carriers(f, area, ctx);
    }
}
