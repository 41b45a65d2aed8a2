//! Fixed data and helpers for console snapshots and flows.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokshop::api::limiter::GateStats;
use tokshop::domain::attention::{AttentionItem, AttentionKind};
use tokshop::domain::audit::{AuditEntry, AuditQuery};
use tokshop::domain::catalog::Product;
use tokshop::domain::health::{HealthSnapshot, ShopHealth};
use tokshop::domain::order::OrderRow;
use tokshop::domain::package::{Cancellation, Package};
use tokshop::domain::shop::{SellerType, Shop, ShopStatus};
use tokshop::domain::tiktok_catalog::CategoryTree;
use tokshop::store::Store;
use tokshop::store::views::{
    InboxView, ListingEntry, MappingView, OrderDetailView, OrderQuery, Page, ProductFacets, ShopCatalog, ShopLine,
    ShopsRow, ShopsView, ViewSource,
};
use tokshop::ui::app::App;
use tokshop::ui::keymap::Keymap;

#[path = "order_data.rs"]
pub mod order_data;

#[path = "catalog_data.rs"]
pub mod catalog_data;

/// 2025-11-24 16:00 UTC.
pub const NOW: i64 = 1_764_000_000;
const DAY: i64 = 86_400;

/// Shops and Inbox are fixed; the order side (orders, packages, mapping) is read from a real
/// store holding the fixture day, or fails when `broken`.
pub struct FixedViews {
    pub shops: Result<ShopsView, String>,
    pub inbox: Result<InboxView, String>,
    pub store: Option<(Store, tempfile::TempDir)>,
    pub broken: bool,
}

const BROKEN: &str = "store error: read failed: Input/output error";

/// The store's answer, an error when `broken`, or `empty` when there is no store.
macro_rules! from_store {
    ($self:ident, $empty:expr, |$s:ident| $read:expr) => {
        match &$self.store {
            _ if $self.broken => Err(BROKEN.into()),
            Some(($s, _)) => $read,
            None => Ok($empty),
        }
    };
}

impl ViewSource for FixedViews {
    fn shops(&self) -> Result<ShopsView, String> {
        self.shops.clone()
    }
    fn inbox(&self) -> Result<InboxView, String> {
        self.inbox.clone()
    }
    fn orders(&self, q: &OrderQuery, after: Option<&str>, limit: usize) -> Result<Page<OrderRow>, String> {
        from_store!(self, Page::default(), |s| s.orders(q, after, limit))
    }
    fn order_count(&self) -> Result<u64, String> {
        from_store!(self, 0, |s| ViewSource::order_count(s))
    }
    fn order_detail(&self, id: &str) -> Result<Option<OrderDetailView>, String> {
        from_store!(self, None, |s| ViewSource::order_detail(s, id))
    }
    fn cancellation(&self, id: &str) -> Result<Option<Cancellation>, String> {
        from_store!(self, None, |s| s.cancellation(id))
    }
    fn packages(&self, after: Option<&str>, limit: usize) -> Result<Page<Package>, String> {
        from_store!(self, Page::default(), |s| ViewSource::packages(s, after, limit))
    }
    fn carriers(&self) -> Result<MappingView, String> {
        let mut v = from_store!(self, MappingView::default(), |s| ViewSource::carriers(s))?;
        // The fixed Shops view decides which shops are live.
        v.shops = self.live_shops().into_iter().map(|s| (s.id, s.name, s.region)).collect();
        Ok(v)
    }
    fn shop_catalog(&self, shop_id: &str, store: &str) -> Result<ShopCatalog, String> {
        from_store!(self, ShopCatalog::default(), |s| ViewSource::shop_catalog(s, shop_id, store))
    }
    fn listings(
        &self,
        shop_id: &str,
        store: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<ListingEntry>, String> {
        from_store!(self, Page::default(), |s| ViewSource::listings(s, shop_id, store, after, limit))
    }
    fn product_facets(&self, store: &str) -> Result<ProductFacets, String> {
        from_store!(self, ProductFacets::default(), |s| ViewSource::product_facets(s, store))
    }
    fn products(&self, store: &str, after: Option<&str>, limit: usize) -> Result<Vec<Product>, String> {
        from_store!(self, vec![], |s| ViewSource::products(s, store, after, limit))
    }
    fn product(&self, store: &str, handle: &str) -> Result<Option<Product>, String> {
        from_store!(self, None, |s| ViewSource::product(s, store, handle))
    }
    fn products_of_types(&self, store: &str, types: &[String], limit: usize) -> Result<Vec<Product>, String> {
        from_store!(self, vec![], |s| ViewSource::products_of_types(s, store, types, limit))
    }
    fn category_tree(&self, shop: &str) -> Result<Option<CategoryTree>, String> {
        from_store!(self, None, |s| ViewSource::category_tree(s, shop))
    }
    fn audit(&self, q: &AuditQuery, after: Option<&str>, limit: usize) -> Result<Page<AuditEntry>, String> {
        from_store!(self, Page::default(), |s| ViewSource::audit(s, q, after, limit))
    }
    fn audit_users(&self) -> Result<Vec<String>, String> {
        from_store!(self, vec![], |s| ViewSource::audit_users(s))
    }
    fn finance(&self, q: &tokshop::store::views::FinanceQuery) -> Result<tokshop::store::views::FinanceView, String> {
        from_store!(self, Default::default(), |s| ViewSource::finance(s, q))
    }
    fn returns(
        &self,
        q: &tokshop::store::views::ReturnQuery,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<tokshop::domain::returns::Return>, String> {
        from_store!(self, Page::default(), |s| ViewSource::returns(s, q, after, limit))
    }
    fn return_detail(&self, id: &str) -> Result<Option<tokshop::store::views::ReturnDetail>, String> {
        from_store!(self, None, |s| ViewSource::return_detail(s, id))
    }
    fn scan(&self, code: &str) -> Result<tokshop::store::views::Scanned, String> {
        from_store!(self, tokshop::store::views::Scanned::Nothing, |s| ViewSource::scan(s, code))
    }
    fn complete_path(&self, typed: &str) -> Result<Vec<String>, String> {
        Ok(tokshop::store::views::paths::complete_path(typed))
    }
}

impl FixedViews {
    fn live_shops(&self) -> Vec<Shop> {
        let Ok(sv) = &self.shops else { return vec![] };
        sv.rows
            .iter()
            .filter_map(|r| match r {
                ShopsRow::Shop(l) if l.shop.status.syncs() => Some(l.shop.clone()),
                _ => None,
            })
            .collect()
    }
}

fn shop(id: &str, name: &str, region: &str, store: &str, status: ShopStatus, cross: bool) -> Shop {
    Shop {
        id: id.into(),
        name: name.into(),
        region: region.into(),
        seller_type: if cross { SellerType::CrossBorder } else { SellerType::Local },
        cipher: format!("ROW_{id}"),
        code: format!("{region}CODE{}", &id[id.len() - 3..]),
        store: store.into(),
        status,
        grant_id: "open".into(),
        connected_at: NOW - 40 * DAY,
        updated_at: NOW - DAY,
    }
}

pub fn shops_view() -> ShopsView {
    let line = |s: Shop, seller: &str, auth_days: i64| ShopLine {
        access_expires: (s.status != ShopStatus::Disconnected).then_some(NOW + 5 * DAY + 3600),
        authorization_expires: (s.status != ShopStatus::Disconnected).then_some(NOW + auth_days * DAY),
        seller: seller.into(),
        shop: s,
    };
    ShopsView::build(
        vec!["maomao-web".into(), "northwind-web".into(), "old-store".into()],
        vec![
            line(
                shop("7494049642642441621", "Maomao beauty shop", "GB", "maomao-web", ShopStatus::Active, true),
                "Maomao Beauty",
                300,
            ),
            line(
                shop("7494049642642441622", "Maomao Beauty US", "US", "maomao-web", ShopStatus::Active, true),
                "Maomao Beauty",
                300,
            ),
            line(
                shop(
                    "7494049642642441733",
                    "Northwind Outfitters",
                    "US",
                    "northwind-web",
                    ShopStatus::ReauthorizeBy(NOW + 19 * DAY),
                    false,
                ),
                "Northwind Outfitters",
                19,
            ),
            line(
                shop("7494049642642441899", "Lumen Home UK", "GB", "old-store", ShopStatus::Disconnected, false),
                "",
                0,
            ),
        ],
    )
}

pub fn inbox_view() -> InboxView {
    let item = |key: &str, kind, shop: Option<&str>, title: &str, detail: &str, deadline: Option<i64>| AttentionItem {
        key: key.into(),
        kind,
        shop_id: shop.map(String::from),
        title: title.into(),
        detail: detail.into(),
        deadline,
        created_at: NOW - 3600,
        updated_at: NOW - 3600,
        resolved_at: None,
    };
    InboxView {
        items: vec![
            item(
                "reauth:7494049642642441733",
                AttentionKind::Reauthorize,
                Some("7494049642642441733"),
                "Re-authorize Northwind Outfitters (US) by 2025-12-13",
                "TikTok: Authorization of shop_id 7494049642642441733 is expiring in 19 days. Please direct the \
                    merchant to re-authorize.",
                Some(NOW + 19 * DAY),
            ),
            item(
                "outbox:3",
                AttentionKind::WriteFailed,
                Some("7494049642642441899"),
                "Could not deauthorize shop 7494049642642441899",
                "code 105005: Access denied. Outbox #3 gave up after 1 attempt(s).",
                None,
            ),
        ],
    }
}

pub fn health() -> HealthSnapshot {
    let h = |id: &str, used: u32| ShopHealth {
        shop_id: id.into(),
        stats: Some(GateStats { used_last_second: used, qps: 50, backoff_remaining_ms: 0 }),
        last_ok: Some(NOW - 5),
        last_error: None,
    };
    HealthSnapshot {
        shops: vec![h("7494049642642441621", 3), h("7494049642642441622", 0), h("7494049642642441733", 1)],
        last_error: None,
        receiver: Some("127.0.0.1:8787".into()),
        qps: 50,
    }
}

pub fn app(read_only: bool, views: &FixedViews) -> App {
    let mut app =
        App::new(Keymap::load(None).expect("default keymap"), read_only, tokshop::logging::LogRing::default());
    app.load(views);
    app.health = health();
    app
}

/// Shops, Inbox and the fixture day of orders.
pub fn loaded() -> FixedViews {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = order_data::seeded_store(dir.path(), NOW);
    catalog_data::seed(&store, NOW);
    FixedViews { shops: Ok(shops_view()), inbox: Ok(inbox_view()), store: Some((store, dir)), broken: false }
}

pub fn empty() -> FixedViews {
    FixedViews { shops: Ok(ShopsView::default()), inbox: Ok(InboxView::default()), store: None, broken: false }
}

pub fn broken() -> FixedViews {
    FixedViews { shops: Err(BROKEN.into()), inbox: Err(BROKEN.into()), store: None, broken: true }
}

pub fn draw(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| app.render(f, NOW)).expect("draw");
    t.backend().to_string()
}

/// Press the first key sequence bound to an action, through the keymap.
pub fn press(app: &mut App, views: &dyn ViewSource, action: &str) -> Vec<tokshop::message::Command> {
    let a = app.keymap.action(action).expect("known action");
    let seq = app.keymap.seqs_for(a).into_iter().min_by_key(|s| s.len()).expect("bound");
    let mut out = Vec::new();
    for c in seq {
        out.extend(app.on_key(crossterm::event::KeyEvent::new(c.code, c.mods), views, NOW));
    }
    out
}

pub fn key(app: &mut App, views: &dyn ViewSource, code: crossterm::event::KeyCode) -> Vec<tokshop::message::Command> {
    app.on_key(crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE), views, NOW)
}

/// Choose the n-th item (from 1) of the open picker: move down from the first, then enter.
pub fn choose(app: &mut App, views: &dyn ViewSource, n: usize) -> Vec<tokshop::message::Command> {
    key(app, views, crossterm::event::KeyCode::Home);
    for _ in 1..n {
        key(app, views, crossterm::event::KeyCode::Down);
    }
    key(app, views, crossterm::event::KeyCode::Enter)
}

pub fn type_text(app: &mut App, views: &dyn ViewSource, text: &str) -> Vec<tokshop::message::Command> {
    text.chars().flat_map(|c| key(app, views, crossterm::event::KeyCode::Char(c))).collect()
}

#[macro_export]
macro_rules! snap {
    ($name:expr, $content:expr) => {
        insta::with_settings!({
            snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $content);
        })
    };
}

/// The Orders pane of an app.
pub fn orders(a: &App) -> &tokshop::ui::panes::orders::OrdersPane {
    a.pane::<tokshop::ui::panes::orders::OrdersPane>().expect("the orders pane")
}
