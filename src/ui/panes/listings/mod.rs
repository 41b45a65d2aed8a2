//! The Listings pane: the platform catalogue against one TikTok shop at a time. Each product
//! shows where it stands there (not checked, N fields missing, ready, pending review, live,
//! rejected); the detail names every missing field with its fix, the listing's status and
//! TikTok's reasons, and what the operator set (hazmat, certificates, size chart, package).
//! TikTok products made elsewhere and not matched by SKU follow, for linking by hand. It reads
//! a window of products at a time with the shop's catalogue context.

mod detail;
mod live_keys;
pub mod search;
mod standing;

use crate::domain::listing::ListingDraft;
use crate::domain::role::Capability;
use crate::message::{CatalogCommand, Topic};
use crate::store::views::{ListingEntry, Page, ProductOnShop, ShopCatalog};
use crate::ui::action::Action;
use crate::ui::flows::{link_skus, listing, listing_edit, overrides};
use crate::ui::loaded::Loaded;
use crate::ui::paged::PagedWindow;
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::{Shared, ShopChoice};
use crate::ui::{Cx, RenderCtx};
use ratatui::Frame;
use ratatui::layout::Rect;

pub const LISTINGS_SHOP: Action = Action::new("listings-shop", "shop", "the next shop", |app, cx| {
    if let Some((p, shared)) = app.pane_with_shared::<ListingsPane>() {
        p.next_shop(shared, cx);
    }
    vec![]
});
pub const CHECK_LISTING: Action =
    Action::new("check-listing", "check", "check every rule for the product on this shop (a dry run)", listing::check);
pub const LIST_PRODUCT: Action =
    Action::new("list-product", "list", "list the product on this shop", listing::list).writes(Capability::Catalog);
pub const DRAFT_ON_TIKTOK: Action =
    Action::new("draft-on-tiktok", "draft", "save the product on this shop as a TikTok draft", listing::draft)
        .writes(Capability::Catalog);
pub const ANSWER_HAZMAT: Action =
    Action::new("answer-hazmat", "hazmat", "answer: does it contain hazardous materials?", listing::start_hazmat)
        .writes(Capability::Catalog);
pub const SET_PACKAGE: Action =
    Action::new("set-package", "package", "package weight (kg) and dimensions (cm)", listing::start_package)
        .writes(Capability::Catalog);
pub const SET_SIZE_CHART: Action =
    Action::new("set-size-chart", "size chart", "size chart image or template", listing::start_size_chart)
        .writes(Capability::Catalog);
pub const ATTACH_CERTIFICATE: Action =
    Action::new("attach-certificate", "cert", "attach a certificate file", listing::start_certificate)
        .writes(Capability::Catalog);
pub const SET_ATTRIBUTE: Action =
    Action::new("set-attribute", "attribute", "choose an attribute value for the product", listing::start_attribute)
        .writes(Capability::Catalog);
pub const SET_OVERRIDE: Action = Action::new(
    "set-override",
    "override",
    "TikTok title, description, price or stock for this shop",
    overrides::start,
)
.writes(Capability::Catalog);
pub const EDIT_PRODUCT: Action =
    Action::new("edit-product", "edit", "edit the platform product", listing_edit::start).writes(Capability::Catalog);
pub const IMPORT_CATALOG: Action = Action::new(
    "import-catalog",
    "import",
    "import a Shopify CSV or tokshop JSON catalogue",
    listing_edit::start_import,
)
.writes(Capability::Catalog);
pub const MATCH_PRODUCTS: Action =
    Action::new("match-products", "match", "pull the shop's TikTok products and match them by SKU", |app, cx| {
        shop_command(app, cx, "Pulling the shop's TikTok products…", |shop_id| CatalogCommand::MatchProducts {
            shop_id,
        })
    });
pub const LINK_LISTING: Action =
    Action::new("link-listing", "link", "link an unmatched TikTok product to a platform product", link_skus::start)
        .writes(Capability::Catalog);
pub const CHECK_PREREQUISITES: Action =
    Action::new("check-prerequisites", "prereqs", "check the shop's listing prerequisites again", |app, cx| {
        shop_command(app, cx, "Checking the shop's prerequisites…", |shop_id| CatalogCommand::CheckPrerequisites {
            shop_id,
        })
    });
pub const DETAIL_DOWN: Action =
    Action::new("detail-down", "detail ↓", "scroll the product's detail down", |app, _| {
        if let Some(p) = app.pane_mut::<ListingsPane>() {
            p.scroll_detail(3);
        }
        vec![]
    })
    .unhinted();
pub const DETAIL_UP: Action = Action::new("detail-up", "detail ↑", "scroll the product's detail up", |app, _| {
    if let Some(p) = app.pane_mut::<ListingsPane>() {
        p.scroll_detail(-3);
    }
    vec![]
})
.unhinted();

pub const SPEC: PaneSpec = PaneSpec {
    table: "listings",
    title: "Listings",
    short: "Lst",
    help: "Listings",
    go: Action::new("go-listings", "listings", "go to Listings", |app, cx| {
        app.show::<ListingsPane>(cx);
        vec![]
    }),
    key: 'l',
    actions: &[
        &CHECK_LISTING,
        &LIST_PRODUCT,
        &DRAFT_ON_TIKTOK,
        &ANSWER_HAZMAT,
        &SET_PACKAGE,
        &SET_SIZE_CHART,
        &ATTACH_CERTIFICATE,
        &SET_ATTRIBUTE,
        &SET_OVERRIDE,
        &EDIT_PRODUCT,
        &IMPORT_CATALOG,
        &MATCH_PRODUCTS,
        &LINK_LISTING,
        &CHECK_PREREQUISITES,
        &DETAIL_DOWN,
        &DETAIL_UP,
        &LISTINGS_SHOP,
        &live_keys::TOGGLE_SYNC,
        &live_keys::PUSH_OURS,
        &live_keys::TAKE_THEIRS,
        &live_keys::LISTING_QUALITY,
        &live_keys::WHITEN_IMAGE,
        &search::SEARCH_PRODUCTS,
    ],
};

/// A command about the pane's shop, announced with a message.
fn shop_command(
    app: &mut crate::ui::app::App,
    cx: &Cx,
    note: &str,
    make: impl FnOnce(String) -> CatalogCommand,
) -> Vec<crate::message::Command> {
    let Some(shop) = app.pane::<ListingsPane>().and_then(|p| p.shop_id()).map(String::from) else {
        app.toast("Connect a shop first", true, cx.now);
        return vec![];
    };
    app.toast(note, false, cx.now);
    vec![make(shop).into()]
}

/// "Maomao Beauty (GB)", or just the name when it already ends with the region.
pub fn shop_label(s: &crate::domain::shop::Shop) -> String {
    s.label()
}

#[derive(Default)]
pub struct ListingsPane {
    /// The shop on screen and the platform store it lists.
    pub shop: ShopChoice,
    pub catalog: Loaded<ShopCatalog>,
    pub window: PagedWindow<ListingEntry>,
    /// First shown row of the detail (it scrolls when a long check report does not fit).
    detail_scroll: u16,
}

impl ListingsPane {
    pub fn shop_id(&self) -> Option<&str> {
        self.shop.id()
    }

    /// The platform store the shop on screen lists.
    pub fn store(&self) -> Option<&str> {
        self.shop.store()
    }

    pub fn next_shop(&mut self, shared: &Shared, cx: &Cx) {
        if self.shop.next(shared) {
            self.detail_scroll = 0;
            self.read(cx, true);
        }
    }

    pub fn selected(&self) -> Option<&ListingEntry> {
        self.window.selected()
    }

    pub fn selected_product(&self) -> Option<&ProductOnShop> {
        match self.selected()? {
            ListingEntry::Product(p) => Some(p),
            ListingEntry::Unmatched(_) => None,
        }
    }

    /// What the operator set for the selected product on the shop, or an empty draft.
    pub fn draft(&self) -> Option<ListingDraft> {
        let (shop, p) = (self.shop_id()?, self.selected_product()?);
        Some(p.draft_or_new(shop))
    }

    /// Show a saved draft at once (the engine checks again and the view follows).
    pub fn show_draft(&mut self, d: &ListingDraft) {
        if let Some(ListingEntry::Product(p)) = self.window.selected_mut()
            && p.product.store == d.store
            && p.product.handle == d.handle
        {
            p.draft = Some(d.clone());
        }
    }

    /// The folder of the selected product's first local image, with a trailing slash: where its
    /// size chart and certificates usually sit, offered as the start of a path.
    pub fn product_folder(&self) -> String {
        let Some(p) = self.selected_product() else { return String::new() };
        p.product
            .images
            .iter()
            .map(|i| i.src.as_str())
            .find(|s| !s.contains("://"))
            .and_then(|s| s.rfind('/').map(|i| s[..=i].to_string()))
            .unwrap_or_default()
    }

    /// Scroll the detail by `rows` (negative: up); rendering keeps it within the text.
    pub fn scroll_detail(&mut self, rows: i32) {
        self.detail_scroll = (i32::from(self.detail_scroll) + rows).clamp(0, i32::from(u16::MAX)) as u16;
    }

    fn read(&mut self, cx: &Cx, restart: bool) {
        let Some((shop, store)) = self.shop.get() else {
            self.catalog = Loaded::Ready(ShopCatalog::default());
            self.window.restart(&|_, _| Ok(Page::default()));
            return;
        };
        self.catalog = Loaded::from_result(cx.views.shop_catalog(&shop, &store));
        let fetch = |after: Option<&str>, limit| cx.views.listings(&shop, &store, after, limit);
        if restart {
            self.window.restart(&fetch);
        } else {
            self.window.reload(&fetch);
        }
    }
}

impl Pane for ListingsPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        self.shop.touched_by(topic)
    }

    fn load(&mut self, cx: &Cx, shared: &Shared) {
        if let Some(e) = shared.shops.error() {
            // Which shop to show is not known: say why.
            self.catalog = Loaded::Failed(e.to_string());
            return;
        }
        let moved = self.shop.follow(shared);
        self.read(cx, moved);
    }

    fn navigate(&mut self, nav: Nav, cx: &Cx, _shared: &Shared) {
        let before = self.window.cursor.selected;
        if let Some((shop, store)) = self.shop.get() {
            self.window.navigate(nav, &|after, limit| cx.views.listings(&shop, &store, after, limit));
        }
        if self.window.cursor.selected != before {
            self.detail_scroll = 0;
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        self.draw(f, area, ctx);
    }
}
