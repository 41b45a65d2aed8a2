//! Fulfilment: shipping (own carrier or TikTok's), tracking, splits and combines, labels, and
//! the carrier mapping and warehouses shipping depends on.

use crate::domain::package::CarrierMapping;
use crate::domain::role::Capability;
use serde::{Deserialize, Serialize};

/// One order to ship with the seller's carrier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipRequest {
    pub order_id: String,
    /// The platform's carrier name (mapped to a TikTok provider per shop).
    pub carrier: String,
    pub tracking: String,
    /// Lines to ship now; empty: every line still to ship.
    pub line_ids: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FulfilmentCommand {
    /// Ship orders with the seller's carrier (one or many: batch ship).
    Ship {
        requests: Vec<ShipRequest>,
    },
    /// TikTok shipping: a pickup slot, or drop-off when `pickup_slot` is None.
    ShipTiktok {
        order_id: String,
        package_id: Option<String>,
        pickup_slot: Option<(i64, i64)>,
    },
    UpdateTracking {
        package_id: String,
        carrier: String,
        tracking: String,
    },
    SplitOrder {
        order_id: String,
        groups: Vec<Vec<String>>,
    },
    FetchCombinable {
        shop_id: String,
    },
    Combine {
        shop_id: String,
        pre_package_id: String,
        order_ids: Vec<String>,
    },
    Uncombine {
        package_id: String,
    },
    FetchHandoverSlots {
        package_id: String,
    },
    PrintLabel {
        package_id: String,
    },
    AddCarrier {
        name: String,
    },
    RemoveCarrier {
        name: String,
    },
    /// Import carriers from a CSV file (read by the engine: the console does no I/O).
    ImportCarriers {
        path: std::path::PathBuf,
    },
    MapCarrier {
        mapping: CarrierMapping,
    },
    RefreshWarehouses {
        shop_id: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FulfilmentAnswer {
    /// Handover options of a TikTok-shipped package.
    HandoverSlots { package_id: String, can_pickup: bool, can_drop_off: bool, slots: Vec<(i64, i64)> },
    /// Orders TikTok would ship together: (pre-generated package id, order ids).
    Combinable { shop_id: String, groups: Vec<(String, Vec<String>)> },
}

impl FulfilmentCommand {
    pub fn needs(&self) -> Option<Capability> {
        match self {
            FulfilmentCommand::FetchCombinable { .. }
            | FulfilmentCommand::FetchHandoverSlots { .. }
            | FulfilmentCommand::RefreshWarehouses { .. } => None,
            _ => Some(Capability::Fulfilment),
        }
    }
}
