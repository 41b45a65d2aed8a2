//! Finance commands: pull now (a shop or all), and pull one order's money. Reading needs no
//! capability.

use super::Capability;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FinanceCommand {
    /// Pull statements, transactions, payments, withdrawals and unsettled orders now.
    Sync { shop_id: Option<String> },
    /// Pull an order's money to the SKU.
    FetchOrder { shop_id: String, order_id: String },
}

impl FinanceCommand {
    pub fn needs(&self) -> Option<Capability> {
        None
    }
}
