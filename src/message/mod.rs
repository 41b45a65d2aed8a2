//! The messages between the console and the engine: [`Command`] (console to engine, one
//! variant per family), [`Update`] (engine to console) and [`Topic`] (what changed). They are
//! plain data, serde-serialisable, so the same messages can cross a socket between a console
//! and an engine in another process. Each family's commands and answers live in its own file.

pub mod catalog;
pub mod finance;
pub mod fulfilment;
pub mod inbox;
pub mod orders;
pub mod returns;
pub mod shops;

pub use catalog::{CatalogAnswer, CatalogCommand, FoundProduct, QualityChoice, QualityField, QualityOffer, WhiteImage};
pub use finance::FinanceCommand;
pub use fulfilment::{FulfilmentAnswer, FulfilmentCommand, ShipRequest};
pub use inbox::InboxCommand;
pub use orders::{OrdersAnswer, OrdersCommand};
pub use returns::{ReturnsAnswer, ReturnsCommand};
pub use shops::{ShopsAnswer, ShopsCommand};

use crate::domain::health::HealthSnapshot;
pub use crate::domain::role::{Capability, Role};
use serde::{Deserialize, Serialize};

/// What the console asks the engine for, by family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Shops(ShopsCommand),
    Orders(OrdersCommand),
    Fulfilment(FulfilmentCommand),
    Catalog(CatalogCommand),
    Inbox(InboxCommand),
    Finance(FinanceCommand),
    Returns(ReturnsCommand),
}

impl Command {
    /// The capability a command needs (None: it only reads, or asks TikTok for data); the
    /// engine refuses it to a role without it.
    pub fn needs(&self) -> Option<Capability> {
        match self {
            Command::Shops(_) => Some(Capability::Shops),
            Command::Orders(c) => c.needs(),
            Command::Fulfilment(c) => c.needs(),
            Command::Catalog(c) => c.needs(),
            Command::Inbox(_) => Some(Capability::Inbox),
            Command::Finance(c) => c.needs(),
            Command::Returns(c) => c.needs(),
        }
    }

    /// The family a command belongs to (its executor).
    pub fn family(&self) -> Family {
        match self {
            Command::Shops(_) => Family::Shops,
            Command::Orders(_) => Family::Orders,
            Command::Fulfilment(_) => Family::Fulfilment,
            Command::Catalog(_) => Family::Catalog,
            Command::Inbox(_) => Family::Inbox,
            Command::Finance(_) => Family::Finance,
            Command::Returns(_) => Family::Returns,
        }
    }
}

/// `From` each family's message into the one that carries it.
macro_rules! carried {
    ($outer:ident: $($inner:ident => $variant:ident),+) => {
        $(impl From<$inner> for $outer {
            fn from(m: $inner) -> $outer {
                $outer::$variant(m)
            }
        })+
    };
}

carried!(Command: ShopsCommand => Shops, OrdersCommand => Orders, FulfilmentCommand => Fulfilment,
    CatalogCommand => Catalog, InboxCommand => Inbox, FinanceCommand => Finance, ReturnsCommand => Returns);

pub use crate::domain::family::Family;

/// What changed in the store, as precisely as the change knows it: the console re-reads only
/// the views that watch it (an order webhook never re-reads the catalogue).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Topic {
    /// Stores, shops and their credentials.
    Shops,
    /// The Inbox of things that need a person.
    Inbox,
    /// The webhook inbox (deliveries, rejects).
    Webhooks,
    /// Orders of a shop.
    Orders(String),
    /// Packages of a shop.
    Packages(String),
    /// The platform's carriers, their mappings and the shops' warehouses.
    Carriers,
    /// A shop's catalogue mappings and TikTok's catalogue cached for it (category tree, rules,
    /// brands, prerequisites).
    Mappings(String),
    /// The platform catalogue of a store.
    Products(String),
    /// A shop's listings, listing drafts and checks.
    Listings(String),
    /// The audit log: who did what, from where, with what outcome.
    Audit,
    /// Anything may have changed (a script wrote through the engine): every view is read again.
    Everything,
    /// A shop's statements, transactions, payments, withdrawals and order money.
    Finance(String),
    /// Returns of a shop.
    Returns(String),
}

/// What the console hears back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Update {
    /// Re-read the views that watch this topic.
    Changed(Topic),
    /// Something finished.
    Done(String),
    /// Something failed; the message says what and why.
    Failed(String),
    Health(HealthSnapshot),
    /// An answer a flow of a family waits for.
    Shops(ShopsAnswer),
    Orders(OrdersAnswer),
    Fulfilment(FulfilmentAnswer),
    Catalog(CatalogAnswer),
    /// The console's own link to the engine (never sent by the engine).
    Link(LinkState),
    Returns(ReturnsAnswer),
    /// Long work going on (a backfill, a bulk push): counts and an estimate.
    Progress(crate::domain::progress::Progress),
}

/// How a console stands with its engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LinkState {
    /// Attached: the engine says who the console's user is and their role.
    Attached { user: String, role: Role, engine_pid: u32 },
    /// The engine is gone or unreachable; the console keeps its last screen and tries again.
    Lost(String),
    /// Updates were missed: read every view again.
    Resync,
}

carried!(Update: ShopsAnswer => Shops, OrdersAnswer => Orders, FulfilmentAnswer => Fulfilment,
    CatalogAnswer => Catalog, ReturnsAnswer => Returns);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_updates_survive_a_round_trip_as_json() {
        let c = Command::from(FulfilmentCommand::Ship {
            requests: vec![ShipRequest {
                order_id: "1".into(),
                carrier: "UPS".into(),
                tracking: "1Z".into(),
                line_ids: vec![],
            }],
        });
        let back: Command = serde_json::from_str(&serde_json::to_string(&c).expect("json")).expect("parse");
        assert_eq!(back, c);
        assert_eq!(back.family(), Family::Fulfilment);
        let u = Update::from(CatalogAnswer::Recommended {
            shop_id: "s".into(),
            product_type: "Mugs".into(),
            category_id: "9".into(),
            path: "Home > Mugs".into(),
        });
        let back: Update = serde_json::from_str(&serde_json::to_string(&u).expect("json")).expect("parse");
        assert_eq!(back, u);
    }
}
