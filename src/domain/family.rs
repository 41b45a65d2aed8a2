//! The families of work. Commands, outbox intents, sync workers and console flows are
//! organised by them, and a family is what a role is allowed to do.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Family {
    /// Stores, shop connections, tokens.
    Shops,
    /// Orders and cancellations.
    Orders,
    /// Shipping, packages, carriers and warehouses.
    Fulfilment,
    /// The platform catalogue, mappings and listings.
    Catalog,
    /// The Inbox of things that need a person.
    Inbox,
    /// Statements, payments, withdrawals and their reconciliation.
    Finance,
    /// Returns, refunds and replacements.
    Returns,
}
