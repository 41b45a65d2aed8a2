//! The order detail's view: an order with its history, packages, cancellations and the
//! platform SKU of each line.

use crate::domain::order::{Order, StatusChange};
use crate::domain::package::{Cancellation, Package};
use crate::store::{Store, StoreResult};
use serde::{Deserialize, Serialize};

/// One order with everything the detail view shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderDetailView {
    pub order: Order,
    pub history: Vec<StatusChange>,
    pub packages: Vec<Package>,
    pub cancellations: Vec<Cancellation>,
    /// Line id → the platform SKU it is (CAT-PRE-CAMPAIGN).
    pub platform: std::collections::BTreeMap<String, crate::domain::sku_map::PlatformSku>,
    /// The order's returns, and the ones that made it (a replacement order's original).
    #[serde(default)]
    pub returns: Vec<crate::domain::returns::Return>,
    /// What TikTok paid for it: its settlement transactions (once read) and the statement it
    /// settled in.
    #[serde(default)]
    pub settlement: OrderSettlement,
}

/// An order's money as finance knows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderSettlement {
    pub money: Option<crate::domain::finance::OrderMoney>,
    pub statement: Option<crate::domain::finance::Statement>,
}

impl Store {
    pub fn order_detail(&self, id: &str) -> StoreResult<Option<OrderDetailView>> {
        let Some(order) = self.get_order(id)? else { return Ok(None) };
        let history = self.order_history(id)?;
        let mut ids: Vec<String> =
            order.lines.iter().filter_map(|l| l.package_id.clone()).chain(order.package_ids.iter().cloned()).collect();
        ids.sort();
        ids.dedup();
        let packages = ids.iter().filter_map(|p| self.get_package(p).ok().flatten()).collect();
        let cancellations = self.cancellations_of(id)?;
        let platform = self.platform_skus(&order)?;
        let returns = self.returns_of_order(id)?;
        let statement = match self.settled_in(&order.shop_id, id)? {
            Some(sid) => self.statement(&sid)?,
            None => None,
        };
        let settlement = OrderSettlement { money: self.order_money(id)?, statement };
        Ok(Some(OrderDetailView { order, history, packages, cancellations, platform, returns, settlement }))
    }
}
