//! The console's state: panes, focus, an overlay stack, the status bar. Keys become actions
//! through the keymap (`keys.rs`) and actions become [`Command`]s (`actions.rs`, `flows/`);
//! [`Update`]s make the visible data be re-read. No I/O here: the loop in `run.rs` does it.

use super::flows::Awaiting;
use super::keymap::{Chord, Keymap};
use super::overlays::category_picker::CategoryPicker;
use super::overlays::confirm::Confirm;
use super::overlays::connect::ConnectDialog;
use super::overlays::help::Help;
use super::overlays::log::LogView;
use super::overlays::order::OrderDetail;
use super::overlays::picker::Picker;
use super::overlays::prompt::Prompt;
use super::panes::inbox::InboxPane;
use super::panes::listings::ListingsPane;
use super::panes::mapping::MappingPane;
use super::panes::orders::OrdersPane;
use super::panes::packages::PackagesPane;
use super::panes::shops::ShopsPane;
use super::view::{ShopsRow, ViewSource};
use super::{RenderCtx, chrome};
use crate::logging::LogRing;
use crate::sync::health::HealthSnapshot;
use crate::sync::{Topic, Update};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneId {
    Shops,
    Orders,
    Packages,
    Mapping,
    Inbox,
    Listings,
}

impl PaneId {
    /// Tab order.
    pub const ALL: [PaneId; 6] = [PaneId::Shops, PaneId::Orders, PaneId::Packages, PaneId::Mapping, PaneId::Inbox, PaneId::Listings];

    pub fn step(self, forward: bool) -> PaneId {
        let i = PaneId::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let n = PaneId::ALL.len();
        PaneId::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }]
    }
}

pub enum Overlay {
    Help(Help),
    Log(LogView),
    Confirm(Confirm),
    Prompt(Box<Prompt>),
    Connect(Box<ConnectDialog>),
    Picker(Box<Picker>),
    Order(Box<OrderDetail>),
    Category(Box<CategoryPicker>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub at: i64,
}

pub struct App {
    pub pane: PaneId,
    pub shops: ShopsPane,
    pub orders: OrdersPane,
    pub packages: PackagesPane,
    pub mapping: MappingPane,
    pub inbox: InboxPane,
    pub listings: ListingsPane,
    pub overlays: Vec<Overlay>,
    pub keymap: Keymap,
    pub read_only: bool,
    pub health: HealthSnapshot,
    pub logs: LogRing,
    pub toast: Option<Toast>,
    pub quit: bool,
    /// A flow step waiting for the engine's answer.
    pub awaiting: Option<Awaiting>,
    pub(crate) pending: Vec<Chord>,
}

impl App {
    pub fn new(keymap: Keymap, read_only: bool, logs: LogRing) -> App {
        App {
            pane: PaneId::Shops,
            shops: ShopsPane::default(),
            orders: OrdersPane::default(),
            packages: PackagesPane::default(),
            mapping: MappingPane::default(),
            inbox: InboxPane::default(),
            listings: ListingsPane::default(),
            overlays: Vec::new(),
            keymap,
            read_only,
            health: HealthSnapshot::default(),
            logs,
            toast: None,
            quit: false,
            awaiting: None,
            pending: Vec::new(),
        }
    }

    /// Read every view (at start).
    pub fn load(&mut self, views: &dyn ViewSource) {
        self.set_shops(views);
        self.inbox.set(views.inbox());
        self.mapping.set(views.mapping());
        self.orders.restart(views);
        self.packages.reload(views);
        self.set_catalog(views);
    }

    /// The catalogue view feeds the Listings pane and the Mapping pane's catalogue sections.
    pub(crate) fn set_catalog(&mut self, views: &dyn ViewSource) {
        let v = views.catalog();
        if let Ok(c) = &v {
            self.mapping.catalog = c.clone();
            if self.mapping.shop >= c.shops.len() {
                self.mapping.shop = 0;
            }
        }
        self.listings.set(v);
    }

    fn set_shops(&mut self, views: &dyn ViewSource) {
        self.shops.set(views.shops());
        let labels: Vec<(String, String)> = self
            .shops
            .view
            .rows
            .iter()
            .filter_map(|r| match r {
                ShopsRow::Shop(l) => {
                    Some((l.shop.id.clone(), format!("{} {}", l.shop.name.split_whitespace().next().unwrap_or(""), l.shop.region)))
                }
                _ => None,
            })
            .collect();
        self.orders.shops = labels.clone();
        self.packages.shops = labels;
    }

    pub(crate) fn toast(&mut self, text: impl Into<String>, error: bool, now: i64) {
        self.toast = Some(Toast { text: text.into(), error, at: now });
    }

    /// Open an order's detail over the current pane.
    pub(crate) fn open_order(&mut self, id: &str, views: &dyn ViewSource, now: i64) {
        match views.order_detail(id) {
            Ok(Some(view)) => {
                let shop = self
                    .shops
                    .view
                    .shop(&view.order.shop_id)
                    .map(|l| l.shop.name.clone())
                    .unwrap_or_else(|| "a shop no longer here".into());
                self.overlays.push(Overlay::Order(Box::new(OrderDetail { view, shop, scroll: 0 })))
            }
            Ok(None) => self.toast(format!("Order {id} is not in the store yet; it arrives with the next sync"), true, now),
            Err(e) => self.toast(format!("Cannot read order {id}: {e}"), true, now),
        }
    }

    /// An update from the engine; re-reads views that changed.
    pub fn on_update(&mut self, u: Update, views: &dyn ViewSource, now: i64) {
        if let Some(Overlay::Connect(d)) = self.overlays.iter_mut().rev().find(|o| matches!(o, Overlay::Connect(_)))
            && d.on_update(&u)
        {
            self.overlays.retain(|o| !matches!(o, Overlay::Connect(_)));
        }
        if self.on_awaited(&u, now) {
            return;
        }
        match u {
            Update::Changed(Topic::Shops) => {
                self.set_shops(views);
                self.mapping.set(views.mapping());
                self.set_catalog(views);
            }
            Update::Changed(Topic::Inbox) => self.inbox.set(views.inbox()),
            Update::Changed(Topic::Orders) => {
                self.orders.reload(views);
                for o in &mut self.overlays {
                    if let Overlay::Order(d) = o
                        && let Ok(Some(v)) = views.order_detail(&d.view.order.id)
                    {
                        d.view = v;
                    }
                }
            }
            Update::Changed(Topic::Packages) => self.packages.reload(views),
            Update::Changed(Topic::Mapping) => {
                self.mapping.set(views.mapping());
                self.set_catalog(views);
                self.tree_arrived(views, now);
            }
            Update::Changed(Topic::Catalog) | Update::Changed(Topic::Listings) => self.set_catalog(views),
            Update::Changed(Topic::Webhooks) => {}
            Update::Done(m) => self.toast(m, false, now),
            Update::Failed(m) => self.toast(m, true, now),
            Update::Health(h) => self.health = h,
            Update::AuthFailed { message, .. } if !self.overlays.iter().any(|o| matches!(o, Overlay::Connect(_))) => {
                self.toast(message, true, now)
            }
            _ => {}
        }
    }

    /// Draw everything; a pure function of the state and `now`.
    pub fn render(&mut self, f: &mut Frame, now: i64) {
        let ctx = RenderCtx { now, keymap: &self.keymap, read_only: self.read_only };
        let [top, body, hint, bar] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1), Constraint::Length(1)]).areas(f.area());
        chrome::tabs(f, top, self.pane, self.inbox.view.items.len(), self.read_only);
        match self.pane {
            PaneId::Shops => self.shops.render(f, body, &ctx),
            PaneId::Orders => self.orders.render(f, body, &ctx),
            PaneId::Packages => self.packages.render(f, body, &ctx),
            PaneId::Mapping => self.mapping.render(f, body, &ctx),
            PaneId::Listings => self.listings.render(f, body, &ctx),
            PaneId::Inbox => self.inbox.render(f, body, &ctx),
        }
        let detail_open = matches!(self.overlays.last(), Some(Overlay::Order(_)));
        let idle = if self.pane == PaneId::Mapping && !detail_open { self.mapping.section.idle_actions() } else { &[] };
        chrome::hints(f, hint, &ctx, if detail_open { PaneId::Orders } else { self.pane }, idle, self.toast.as_ref());
        chrome::status(f, bar, &ctx, &self.health, &self.shops.view);
        let logs = self.logs.lines();
        for o in &self.overlays {
            match o {
                Overlay::Help(h) => h.render(f, body, &self.keymap, self.read_only),
                Overlay::Log(l) => l.render(f, body, &logs),
                Overlay::Confirm(c) => c.render(f, body),
                Overlay::Prompt(p) => p.render(f, body),
                Overlay::Connect(d) => d.render(f, body),
                Overlay::Picker(p) => p.render(f, body),
                Overlay::Order(d) => d.render(f, body, now),
                Overlay::Category(c) => c.render(f, body),
            }
        }
    }
}
