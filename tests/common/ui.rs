//! Fixed data and helpers for console snapshots and flows.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokshop::api::limiter::GateStats;
use tokshop::domain::attention::{AttentionItem, AttentionKind};
use tokshop::domain::package::{Cancellation, Package};
use tokshop::domain::shop::{SellerType, Shop, ShopStatus};
use tokshop::store::Store;
use tokshop::store::orders::{OrderPage, OrderQuery};
use tokshop::sync::health::{HealthSnapshot, ShopHealth};
use tokshop::ui::app::App;
use tokshop::ui::keymap::Keymap;
use tokshop::ui::view::{InboxView, MappingView, OrderDetailView, ShopLine, ShopsView, ViewSource};
use tokshop::ui::view_catalog::CatalogView;

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

impl ViewSource for FixedViews {
    fn shops(&self) -> Result<ShopsView, String> {
        self.shops.clone()
    }
    fn inbox(&self) -> Result<InboxView, String> {
        self.inbox.clone()
    }
    fn orders(&self, q: &OrderQuery, after: Option<&str>, limit: usize) -> Result<OrderPage, String> {
        match &self.store {
            _ if self.broken => Err(BROKEN.into()),
            Some((s, _)) => s.orders(q, after, limit),
            None => Ok(OrderPage::default()),
        }
    }
    fn order_count(&self) -> u64 {
        self.store.as_ref().map(|(s, _)| ViewSource::order_count(s)).unwrap_or(0)
    }
    fn order_detail(&self, id: &str) -> Result<Option<OrderDetailView>, String> {
        match &self.store {
            _ if self.broken => Err(BROKEN.into()),
            Some((s, _)) => s.order_detail(id),
            None => Ok(None),
        }
    }
    fn packages(&self, after: Option<&str>, limit: usize) -> Result<(Vec<Package>, Vec<String>, bool), String> {
        match &self.store {
            _ if self.broken => Err(BROKEN.into()),
            Some((s, _)) => ViewSource::packages(s, after, limit),
            None => Ok((vec![], vec![], false)),
        }
    }
    fn mapping(&self) -> Result<MappingView, String> {
        let mut v = match &self.store {
            _ if self.broken => return Err(BROKEN.into()),
            Some((s, _)) => s.mapping()?,
            None => MappingView::default(),
        };
        // The fixed Shops view decides which shops are live.
        v.shops = self.live_shops().into_iter().map(|s| (s.id, s.name, s.region)).collect();
        Ok(v)
    }
    fn catalog(&self) -> Result<CatalogView, String> {
        // The fixed Shops view decides which shops are live and the store each one lists.
        match &self.store {
            _ if self.broken => Err(BROKEN.into()),
            Some((s, _)) => tokshop::ui::view_catalog::catalog_view_for(s, self.live_shops()),
            None => Ok(CatalogView { shops: vec![], ..CatalogView::default() }),
        }
    }
    fn category_tree(&self, shop: &str) -> Result<Option<tokshop::domain::tiktok_catalog::CategoryTree>, String> {
        match &self.store {
            _ if self.broken => Err(BROKEN.into()),
            Some((s, _)) => ViewSource::category_tree(s, shop),
            None => Ok(None),
        }
    }
    fn cancellation(&self, id: &str) -> Result<Option<Cancellation>, String> {
        match &self.store {
            Some((s, _)) => s.cancellation(id),
            None => Ok(None),
        }
    }
}

impl FixedViews {
    fn live_shops(&self) -> Vec<Shop> {
        let Ok(sv) = &self.shops else { return vec![] };
        sv.rows
            .iter()
            .filter_map(|r| match r {
                tokshop::ui::view::ShopsRow::Shop(l) if l.shop.status.syncs() => Some(l.shop.clone()),
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
            line(shop("7494049642642441621", "Maomao beauty shop", "GB", "maomao-web", ShopStatus::Active, true), "Maomao Beauty", 300),
            line(shop("7494049642642441622", "Maomao Beauty US", "US", "maomao-web", ShopStatus::Active, true), "Maomao Beauty", 300),
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
            line(shop("7494049642642441899", "Lumen Home UK", "GB", "old-store", ShopStatus::Disconnected, false), "", 0),
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
                "TikTok: Authorization of shop_id 7494049642642441733 is expiring in 19 days. Please direct the merchant to re-authorize.",
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
    let mut app = App::new(Keymap::load(None).expect("default keymap"), read_only, tokshop::logging::LogRing::default());
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
pub fn press(app: &mut App, views: &dyn ViewSource, action: &str) -> Vec<tokshop::sync::Command> {
    let a = tokshop::ui::action::Action::from_name(action).expect("known action");
    let seq = app.keymap.seqs_for(a).into_iter().min_by_key(|s| s.len()).expect("bound");
    let mut out = Vec::new();
    for c in seq {
        out.extend(app.on_key(crossterm::event::KeyEvent::new(c.code, c.mods), views, NOW));
    }
    out
}

pub fn key(app: &mut App, views: &dyn ViewSource, code: crossterm::event::KeyCode) -> Vec<tokshop::sync::Command> {
    app.on_key(crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE), views, NOW)
}

/// Choose the n-th item (from 1) of the open picker: move down from the first, then enter.
pub fn choose(app: &mut App, views: &dyn ViewSource, n: usize) -> Vec<tokshop::sync::Command> {
    key(app, views, crossterm::event::KeyCode::Home);
    for _ in 1..n {
        key(app, views, crossterm::event::KeyCode::Down);
    }
    key(app, views, crossterm::event::KeyCode::Enter)
}

pub fn type_text(app: &mut App, views: &dyn ViewSource, text: &str) -> Vec<tokshop::sync::Command> {
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
