//! Returns, refunds and replacements: sync now, the seller's decisions, receiving a returned
//! package, the seller's own return label, and reading reasons.

use crate::domain::role::Capability;
use serde::{Deserialize, Serialize};

/// A seller's decision, as the console or a script asks for it; the engine picks TikTok's
/// `decision` that fits the return's type and state, or refuses with what would fit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decide {
    pub return_id: String,
    pub approve: bool,
    /// Approve a returnless refund (the buyer keeps the item).
    pub keep_item: bool,
    /// Offer a partial refund of this amount (a decimal in the return's currency).
    pub partial: Option<String>,
    /// Deduct a return shipping fee from the buyer's refund.
    pub shipping_fee: Option<String>,
    /// A reject reason's name (from Get Reject Reasons).
    pub reason: String,
    pub comment: String,
    /// A replacement request: refund instead of replacing.
    pub refund_instead: bool,
    /// A rejection's evidence: image files the engine reads (as its own OS user) and uploads.
    #[serde(default)]
    pub images: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReturnsCommand {
    /// Pull returns now (all syncing shops, or one), from `since` when given.
    Sync { shop_id: Option<String>, since: Option<i64> },
    /// Read one return and its records again.
    Refresh { return_id: String },
    /// Approve, offer, charge a fee or reject a request.
    Decide(Decide),
    /// Accept or reject a returned package at the warehouse.
    Receive { return_id: String, accept: bool, reason: String },
    /// Give the buyer the seller's own return label (and approve the return with it).
    Label { return_id: String, file: String, carrier: String, tracking: String, qr_code: bool },
    /// The reject reasons valid for the return's state.
    FetchReasons { return_id: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReturnsAnswer {
    /// (name, text) of each reason.
    Reasons { return_id: String, reasons: Vec<(String, String)> },
}

impl ReturnsCommand {
    pub fn needs(&self) -> Option<Capability> {
        match self {
            ReturnsCommand::Sync { .. } | ReturnsCommand::Refresh { .. } | ReturnsCommand::FetchReasons { .. } => None,
            ReturnsCommand::Decide(_) | ReturnsCommand::Label { .. } => Some(Capability::Returns),
            ReturnsCommand::Receive { .. } => Some(Capability::ReceiveReturns),
        }
    }
}
