//! What each action does: moves between panes and rows, opens dialogs, starts flows. Actions
//! hidden in read-only mode never reach here.

use super::action::Action;
use super::app::{App, Overlay, PaneId};
use super::overlays::connect::ConnectDialog;
use super::overlays::help::Help;
use super::overlays::log::LogView;
use super::view::{ShopsRow, ViewSource};
use crate::domain::attention::AttentionKind;
use crate::domain::shop::ShopStatus;
use crate::sync::Command;

impl App {
    /// Do an action (already allowed by the read-only rule).
    pub fn perform(&mut self, a: Action, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        if self.pane == PaneId::Mapping && self.mapping.section.idle_actions().contains(&a) {
            let section = self.mapping.section.label();
            let keys = self.keymap.keys_for(Action::MappingSection).join(", ");
            self.toast(format!("Nothing to {} in the {section} section: {keys} switches sections", a.hint()), true, now);
            return vec![];
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help(Help::default())),
            Action::Log => self.overlays.push(Overlay::Log(LogView::default())),
            Action::NextPane => self.pane = self.pane.step(true),
            Action::PrevPane => self.pane = self.pane.step(false),
            Action::GoShops => self.pane = PaneId::Shops,
            Action::GoOrders => self.pane = PaneId::Orders,
            Action::GoPackages => self.pane = PaneId::Packages,
            Action::GoMapping => self.pane = PaneId::Mapping,
            Action::GoInbox => self.pane = PaneId::Inbox,
            Action::GoListings => self.pane = PaneId::Listings,
            Action::SelectNext | Action::SelectPrev | Action::PageDown | Action::PageUp | Action::SelectFirst | Action::SelectLast => {
                match self.pane {
                    PaneId::Shops => self.shops.navigate(a),
                    PaneId::Orders => self.orders.navigate(a, views),
                    PaneId::Packages => self.packages.navigate(a, views),
                    PaneId::Mapping => self.mapping.navigate(a),
                    PaneId::Inbox => self.inbox.navigate(a),
                    PaneId::Listings => self.listings.navigate(a),
                }
            }
            Action::AddStore => self.push_prompt(
                "Add a store",
                "A name for the platform store (letters, digits, - _ .):",
                "",
                super::flows::Ask::StoreName,
            ),
            Action::ConnectShop => {
                let d = ConnectDialog::connect(self.shops.view.store_names(), self.shops.selected_store());
                self.overlays.push(Overlay::Connect(Box::new(d)));
            }
            Action::ReauthorizeShop => return self.reauthorize_selected(now),
            Action::RefreshToken => match self.shops.selected_shop().map(|l| l.shop.clone()) {
                Some(s) if s.status.syncs() => {
                    self.toast(format!("Refreshing the token of {}…", s.name), false, now);
                    return vec![Command::RefreshToken { shop_id: s.id }];
                }
                Some(s) => self.toast(format!("{} is {}: re-authorize it instead", s.name, s.status.label()), true, now),
                None => self.toast("Select a shop first", true, now),
            },
            Action::DisconnectShop => match self.shops.selected_shop().map(|l| l.shop.clone()) {
                Some(s) if s.status != ShopStatus::Disconnected => self.push_confirm(
                    format!("Disconnect {}?", s.name),
                    format!(
                        "Disconnect {} ({}, shop {}) from store {}? Its sync stops, TikTok deauthorizes it, and its credentials are deleted. Its history stays.",
                        s.name, s.region, s.id, s.store
                    ),
                    Command::Disconnect { shop_id: s.id.clone() },
                    true,
                ),
                Some(_) => self.toast("That shop is already disconnected", true, now),
                None => self.toast("Select a shop first", true, now),
            },
            Action::RemoveStore => match self.shops.selected().cloned() {
                Some(ShopsRow::Store { name, live_shops }) if live_shops > 0 => {
                    self.toast(format!("Store {name} still has connected shops: disconnect them first"), true, now)
                }
                Some(ShopsRow::Store { name, .. }) => self.push_confirm(
                    format!("Remove store {name}?"),
                    format!("Remove store {name}? Shops it once had stay in the history."),
                    Command::RemoveStore { name },
                    true,
                ),
                _ => self.toast("Select a store row first", true, now),
            },
            Action::OpenItem => return self.open_inbox_item(views, now),
            Action::DismissItem => {
                if let Some(item) = self.inbox.selected() {
                    return vec![Command::ResolveAttention { key: item.key.clone() }];
                }
            }
            Action::FilterStatus | Action::FilterShop | Action::FilterShipping | Action::FilterDue | Action::FilterHold | Action::FilterCancel => {
                self.orders.filter(a, views, now)
            }
            Action::Search => self.orders.search_input = Some(self.orders.query.search.clone().unwrap_or_default()),
            Action::ToggleSelect => {
                self.orders.toggle_mark();
                self.orders.navigate(Action::SelectNext, views);
            }
            Action::OpenOrder => match self.orders.current().map(|r| r.id.clone()) {
                Some(id) => self.open_order(&id, views, now),
                None => self.toast("No order selected", true, now),
            },
            Action::ShipOrders => return self.start_ship(views, now),
            Action::SplitShip => return self.start_split(views, now),
            Action::UpdateTracking => return self.start_update_tracking(views, now),
            Action::CombineOrders => return self.start_combine(views, now),
            Action::CancelOrder => return self.start_cancel(views, now),
            Action::AnswerCancel => return self.start_answer(views, now),
            Action::PrintLabel => return self.start_label(views, now),
            Action::SyncOrders => {
                self.toast("Pulling orders from TikTok…", false, now);
                return vec![Command::SyncOrders { shop_id: self.orders.query.shop_id.clone() }];
            }
            Action::OpenPackage => match self.packages.selected().and_then(|p| p.order_ids.first().cloned()) {
                Some(id) => self.open_order(&id, views, now),
                None => self.toast("No package selected", true, now),
            },
            Action::Uncombine => match self.packages.selected().cloned() {
                Some(p) if p.order_ids.len() > 1 && !p.shipped() => self.push_confirm(
                    format!("Uncombine package {}?", p.id),
                    format!("Orders {} go back to one package each; each ships on its own.", p.order_ids.join(", ")),
                    Command::Uncombine { package_id: p.id },
                    true,
                ),
                Some(p) if p.shipped() => self.toast(format!("Package {} has shipped: it can no longer be uncombined", p.id), true, now),
                Some(p) => self.toast(format!("Package {} holds one order: nothing to uncombine", p.id), true, now),
                None => self.toast("No package selected", true, now),
            },
            Action::AddCarrier => return self.start_add_carrier(),
            Action::RemoveCarrier => return self.start_remove_carrier(now),
            Action::MapCarrier => return self.map_selected(views, now),
            Action::ImportCarriers => return self.start_import_carriers(),
            Action::RefreshWarehouses => return self.start_refresh_warehouses(now),
            Action::MappingSection => self.mapping.next_section(),
            Action::MappingShop => self.mapping.next_shop(),
            Action::RecommendCategory => return self.recommend_selected(now),
            Action::CreateBrand => return self.new_brand_selected(now),
            Action::ListingsShop => self.listings.next_shop(),
            Action::CheckListing => return self.listing_command("check", now),
            Action::ListProduct => return self.listing_command("list", now),
            Action::DraftOnTiktok => return self.listing_command("draft", now),
            Action::AnswerHazmat => return self.start_hazmat(now),
            Action::SetPackage => return self.start_package(now),
            Action::SetSizeChart => return self.start_size_chart(now),
            Action::AttachCertificate => return self.start_certificate(now),
            Action::SetAttribute => return self.start_attribute(now),
            Action::SetOverride => return self.start_override(now),
            Action::EditProduct => return self.start_edit_product(now),
            Action::ImportCatalog => return self.start_import(),
            Action::LinkListing => return self.start_link(now),
            Action::DetailDown => self.listings.scroll_detail(3),
            Action::DetailUp => self.listings.scroll_detail(-3),
            Action::MatchProducts | Action::CheckPrerequisites => {
                let Some(shop) = self.listings.shop_id().map(String::from) else {
                    self.toast("Connect a shop first", true, now);
                    return vec![];
                };
                use crate::sync::catalog_commands::CatalogCommand;
                let c = if a == Action::MatchProducts { CatalogCommand::MatchProducts { shop_id: shop } } else { CatalogCommand::CheckPrerequisites { shop_id: shop } };
                self.toast(if a == Action::MatchProducts { "Pulling the shop's TikTok products…" } else { "Checking the shop's prerequisites…" }, false, now);
                return vec![Command::Catalog(c)];
            }
        }
        vec![]
    }

    fn reauthorize_selected(&mut self, now: i64) -> Vec<Command> {
        match self.shops.selected_shop().map(|l| l.shop.clone()) {
            Some(s) if s.status != ShopStatus::Disconnected => {
                let (d, cmd) = ConnectDialog::reauthorize(&s.id, &s.name, &s.store);
                self.overlays.push(Overlay::Connect(Box::new(d)));
                vec![cmd]
            }
            Some(_) => {
                self.toast("That shop is disconnected: connect it again instead", true, now);
                vec![]
            }
            None => {
                self.toast("Select a shop first", true, now);
                vec![]
            }
        }
    }

    /// Act on an Inbox item: re-authorize, retry a failed write, open an order at risk, answer
    /// a cancellation request.
    fn open_inbox_item(&mut self, views: &dyn ViewSource, now: i64) -> Vec<Command> {
        let Some(item) = self.inbox.selected().cloned() else { return vec![] };
        let (_, rest) = item.key.split_once(':').unwrap_or(("", ""));
        match (item.kind, &item.shop_id) {
            (AttentionKind::Reauthorize | AttentionKind::Deauthorized | AttentionKind::TokenRefreshFailed, Some(shop_id)) => {
                if let Some(l) = self.shops.view.shop(shop_id) {
                    let (d, cmd) = ConnectDialog::reauthorize(shop_id, &l.shop.name, &l.shop.store);
                    self.overlays.push(Overlay::Connect(Box::new(d)));
                    return vec![cmd];
                }
                self.toast("That shop is no longer connected here", true, now);
            }
            (AttentionKind::WriteFailed, _) if self.read_only => {
                self.toast("Read-only mode: a failed write cannot be retried here", true, now)
            }
            (AttentionKind::WriteFailed, _) => match rest.parse::<u64>() {
                Ok(id) => {
                    self.toast(format!("Retrying outbox #{id}…"), false, now);
                    return vec![Command::RetryOutbox { id }];
                }
                Err(_) => self.toast("This item names no outbox entry to retry", true, now),
            },
            (AttentionKind::OrderAtRisk, _) => {
                self.pane = PaneId::Orders;
                self.open_order(rest, views, now);
            }
            (AttentionKind::CancellationRequest, _) if self.read_only => {
                self.toast("Read-only mode: cancellation requests are answered elsewhere", true, now)
            }
            (AttentionKind::CancellationRequest, _) => return self.open_cancellation(rest, views, now),
            _ => self.toast("Nothing to do here beyond reading it; dismiss it when done", false, now),
        }
        vec![]
    }
}
