//! The outbox: every write to TikTok is first committed here as an intent with an idempotency
//! key; the drain performs it, records the outcome and retries what is retryable.

use serde::{Deserialize, Serialize};

/// What we intend TikTok to do. Each variant names one write endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutboxIntent {
    /// `DELETE /authorization/202403/shops` for a shop we are disconnecting.
    DeauthorizeShop {
        shop_id: String,
        cipher: String,
        grant_id: String,
    },
    /// Mark Package As Shipped with the seller's carrier (all lines, or some: a split).
    MarkShipped {
        shop_id: String,
        order_id: String,
        line_ids: Vec<String>,
        tracking: String,
        provider_id: String,
        carrier: String,
    },
    /// Ship Package: TikTok shipping (pickup slot or drop-off) or a self shipment.
    ShipPackage {
        shop_id: String,
        package_id: String,
        order_ids: Vec<String>,
        handover: Option<String>,
        pickup_slot: Option<(i64, i64)>,
        tracking: Option<String>,
        provider_id: Option<String>,
        carrier: Option<String>,
    },
    /// Update Package Shipping Info after dispatch.
    UpdateTracking {
        shop_id: String,
        package_id: String,
        order_ids: Vec<String>,
        tracking: String,
        provider_id: String,
        carrier: String,
    },
    /// Split Orders: groups of lines become packages.
    SplitOrder {
        shop_id: String,
        order_id: String,
        groups: Vec<Vec<String>>,
    },
    /// Combine Package.
    Combine {
        shop_id: String,
        pre_package_id: String,
        order_ids: Vec<String>,
    },
    /// Uncombine Packages.
    Uncombine {
        shop_id: String,
        package_id: String,
        order_ids: Vec<String>,
    },
    ApproveCancellation {
        shop_id: String,
        cancel_id: String,
        order_id: String,
    },
    RejectCancellation {
        shop_id: String,
        cancel_id: String,
        order_id: String,
        reason: String,
        comment: String,
    },
    /// The seller cancels an order (or some lines).
    CancelOrder {
        shop_id: String,
        order_id: String,
        reason: String,
        line_ids: Vec<String>,
    },
    /// Create Product from a platform product (or save it as a draft on TikTok); the key is
    /// TikTok's `idempotency_key`, so a retry never lists twice. With `product_id`, the product
    /// is already on TikTok (rejected by the audit, a TikTok draft, or deactivated by TikTok):
    /// Edit Product resubmits that one instead of making another; the key then only names the
    /// attempt (one resubmission per rejection), as Edit Product takes no idempotency key.
    ListProduct {
        shop_id: String,
        store: String,
        handle: String,
        idempotency_key: String,
        as_draft: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        product_id: Option<String>,
    },
    /// Approve or Reject Return with TikTok's `decision`; `seen_update` is the return's
    /// `update_time` the decision was taken on (a later state is a new subject).
    DecideReturn {
        shop_id: String,
        return_id: String,
        order_id: String,
        decision: String,
        seen_update: i64,
        #[serde(default)]
        keep_item: bool,
        /// (amount, currency) of a partial refund offer.
        #[serde(default)]
        partial: Option<(String, String)>,
        /// (amount, currency) of a return shipping fee deducted from the refund.
        #[serde(default)]
        shipping_fee: Option<(String, String)>,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        comment: String,
        /// The seller's own label: (file, carrier, tracking, document type).
        #[serde(default)]
        label: Option<(String, String, String, String)>,
        /// A rejection's evidence image files, uploaded (Upload Product Image) when it is sent.
        #[serde(default)]
        images: Vec<String>,
    },
    /// Update Inventory / Update Price of a shop's changed live products, coalesced: the item
    /// reads the latest values when it runs, so many changes make one call per product. `batch`
    /// numbers a shop's pushes (a change during a push queues the next one).
    PushListings {
        shop_id: String,
        batch: u64,
    },
    /// Activate (`active`) or Deactivate Products, at most 20 of a shop; `asked_at` (unix
    /// milliseconds) tells one request from a later one on the same products.
    SetProductsActive {
        shop_id: String,
        product_ids: Vec<String>,
        active: bool,
        asked_at: i64,
    },
    /// Partial Edit of a live product's title and/or description, after its diff was shown.
    EditListing {
        shop_id: String,
        product_id: String,
        title: Option<String>,
        description: Option<String>,
        asked_at: i64,
    },
    /// Partial Edit of a live product's gallery, attributes and/or package after their diff was
    /// shown (a first image whitened by TikTok's Optimized Images is a gallery edit).
    EditListingDetails {
        shop_id: String,
        product_id: String,
        edit: super::live_edit::DetailsEdit,
        asked_at: i64,
    },
}

impl OutboxIntent {
    /// The family whose executor performs the intent.
    pub fn family(&self) -> super::family::Family {
        use super::family::Family;
        match self {
            OutboxIntent::DeauthorizeShop { .. } => Family::Shops,
            OutboxIntent::MarkShipped { .. }
            | OutboxIntent::ShipPackage { .. }
            | OutboxIntent::UpdateTracking { .. }
            | OutboxIntent::SplitOrder { .. }
            | OutboxIntent::Combine { .. }
            | OutboxIntent::Uncombine { .. } => Family::Fulfilment,
            OutboxIntent::ApproveCancellation { .. }
            | OutboxIntent::RejectCancellation { .. }
            | OutboxIntent::CancelOrder { .. } => Family::Orders,
            OutboxIntent::ListProduct { .. } => Family::Catalog,
            OutboxIntent::DecideReturn { .. } => Family::Returns,
            OutboxIntent::PushListings { .. }
            | OutboxIntent::SetProductsActive { .. }
            | OutboxIntent::EditListing { .. }
            | OutboxIntent::EditListingDetails { .. } => Family::Catalog,
        }
    }

    pub fn label(&self) -> String {
        match self {
            OutboxIntent::DeauthorizeShop { shop_id, .. } => format!("deauthorize shop {shop_id}"),
            OutboxIntent::MarkShipped { order_id, line_ids, tracking, carrier, .. } => {
                let what = if line_ids.is_empty() { String::new() } else { format!(" ({} line(s))", line_ids.len()) };
                format!("ship order {order_id}{what} with {carrier} {tracking}")
            }
            OutboxIntent::ShipPackage { package_id, handover, tracking, carrier, .. } => match (tracking, handover) {
                (Some(t), _) => format!("ship package {package_id} with {} {t}", carrier.as_deref().unwrap_or("")),
                (None, Some(h)) => format!("ship package {package_id} ({})", h.to_lowercase().replace('_', "-")),
                (None, None) => format!("ship package {package_id}"),
            },
            OutboxIntent::UpdateTracking { package_id, tracking, carrier, .. } => {
                format!("update tracking of package {package_id} to {carrier} {tracking}")
            }
            OutboxIntent::SplitOrder { order_id, groups, .. } => {
                format!("split order {order_id} into {} packages", groups.len())
            }
            OutboxIntent::Combine { order_ids, .. } => format!("combine orders {}", order_ids.join(", ")),
            OutboxIntent::Uncombine { package_id, .. } => format!("uncombine package {package_id}"),
            OutboxIntent::ApproveCancellation { order_id, .. } => {
                format!("approve the cancellation of order {order_id}")
            }
            OutboxIntent::RejectCancellation { order_id, .. } => format!("reject the cancellation of order {order_id}"),
            OutboxIntent::CancelOrder { order_id, .. } => format!("cancel order {order_id}"),
            OutboxIntent::ListProduct { handle, as_draft, product_id: None, .. } => {
                format!("{} {handle}", if *as_draft { "save on TikTok as a draft" } else { "list" })
            }
            OutboxIntent::ListProduct { handle, as_draft, product_id: Some(id), .. } => {
                format!(
                    "{} {handle} (TikTok product {id})",
                    if *as_draft { "save as a TikTok draft again" } else { "resubmit" }
                )
            }
            OutboxIntent::DecideReturn { return_id, decision, .. } => {
                format!("{} on return {return_id}", decision.to_lowercase().replace('_', " "))
            }
            OutboxIntent::PushListings { shop_id, batch } => {
                format!("push stock and price to shop {shop_id} (#{batch})")
            }
            OutboxIntent::SetProductsActive { product_ids, active, .. } => {
                format!("{} {}", if *active { "activate" } else { "deactivate" }, product_ids.join(", "))
            }
            OutboxIntent::EditListing { product_id, title, description, .. } => {
                let what: Vec<&str> = [(title.is_some(), "title"), (description.is_some(), "description")]
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, n)| *n)
                    .collect();
                format!("edit the {} of TikTok product {product_id}", what.join(" and "))
            }
            OutboxIntent::EditListingDetails { product_id, edit, .. } => {
                format!("edit the {} of TikTok product {product_id}", edit.fields().join(" and "))
            }
        }
    }

    /// The orders an intent touches (to re-read them afterwards).
    pub fn order_ids(&self) -> Vec<String> {
        match self {
            OutboxIntent::DeauthorizeShop { .. }
            | OutboxIntent::ListProduct { .. }
            | OutboxIntent::PushListings { .. }
            | OutboxIntent::SetProductsActive { .. }
            | OutboxIntent::EditListing { .. }
            | OutboxIntent::EditListingDetails { .. } => vec![],
            OutboxIntent::MarkShipped { order_id, .. }
            | OutboxIntent::SplitOrder { order_id, .. }
            | OutboxIntent::ApproveCancellation { order_id, .. }
            | OutboxIntent::RejectCancellation { order_id, .. }
            | OutboxIntent::CancelOrder { order_id, .. }
            | OutboxIntent::DecideReturn { order_id, .. } => vec![order_id.clone()],
            OutboxIntent::ShipPackage { order_ids, .. }
            | OutboxIntent::UpdateTracking { order_ids, .. }
            | OutboxIntent::Combine { order_ids, .. }
            | OutboxIntent::Uncombine { order_ids, .. } => order_ids.clone(),
        }
    }

    /// The shop an intent writes to.
    pub fn shop_id(&self) -> &str {
        match self {
            OutboxIntent::DeauthorizeShop { shop_id, .. }
            | OutboxIntent::MarkShipped { shop_id, .. }
            | OutboxIntent::ShipPackage { shop_id, .. }
            | OutboxIntent::UpdateTracking { shop_id, .. }
            | OutboxIntent::SplitOrder { shop_id, .. }
            | OutboxIntent::Combine { shop_id, .. }
            | OutboxIntent::Uncombine { shop_id, .. }
            | OutboxIntent::ApproveCancellation { shop_id, .. }
            | OutboxIntent::RejectCancellation { shop_id, .. }
            | OutboxIntent::CancelOrder { shop_id, .. }
            | OutboxIntent::ListProduct { shop_id, .. }
            | OutboxIntent::DecideReturn { shop_id, .. }
            | OutboxIntent::PushListings { shop_id, .. }
            | OutboxIntent::SetProductsActive { shop_id, .. }
            | OutboxIntent::EditListing { shop_id, .. }
            | OutboxIntent::EditListingDetails { shop_id, .. } => shop_id,
        }
    }

    /// What the intent acts on, for telling two people's writes apart: a second intent on the
    /// same subject while the first is in line (or, for a write TikTok takes once, after it
    /// was done) is refused with who queued the first.
    pub fn subject(&self) -> String {
        match self {
            OutboxIntent::DeauthorizeShop { shop_id, .. } => format!("deauthorize:{shop_id}"),
            OutboxIntent::MarkShipped { order_id, line_ids, .. } => format!("ship:{order_id}:{}", line_ids.join(",")),
            OutboxIntent::ShipPackage { package_id, .. } => format!("ship-package:{package_id}"),
            OutboxIntent::UpdateTracking { package_id, .. } => format!("tracking:{package_id}"),
            OutboxIntent::SplitOrder { order_id, .. } => format!("split:{order_id}"),
            OutboxIntent::Combine { pre_package_id, .. } => format!("combine:{pre_package_id}"),
            OutboxIntent::Uncombine { package_id, .. } => format!("uncombine:{package_id}"),
            OutboxIntent::ApproveCancellation { cancel_id, .. }
            | OutboxIntent::RejectCancellation { cancel_id, .. } => {
                format!("answer:{cancel_id}")
            }
            OutboxIntent::CancelOrder { order_id, .. } => format!("cancel:{order_id}"),
            OutboxIntent::ListProduct { shop_id, store, handle, .. } => format!("list:{shop_id}:{store}:{handle}"),
            OutboxIntent::DecideReturn { return_id, seen_update, .. } => format!("return:{return_id}:{seen_update}"),
            OutboxIntent::PushListings { shop_id, batch } => format!("push:{shop_id}:{batch}"),
            OutboxIntent::SetProductsActive { shop_id, product_ids, .. } => {
                format!("product-status:{shop_id}:{}", product_ids.join(","))
            }
            OutboxIntent::EditListing { shop_id, product_id, .. }
            | OutboxIntent::EditListingDetails { shop_id, product_id, .. } => format!("edit:{shop_id}:{product_id}"),
        }
    }

    /// Whether TikTok takes this write once: after it is done, another on the same subject is a
    /// conflict, not a new write. (A listing may be resubmitted after TikTok's audit; a shop
    /// connected again may be disconnected again; a shipped package's tracking may be corrected.)
    pub fn once(&self) -> bool {
        !matches!(
            self,
            OutboxIntent::ListProduct { .. }
                | OutboxIntent::DeauthorizeShop { .. }
                | OutboxIntent::UpdateTracking { .. }
                | OutboxIntent::PushListings { .. }
                | OutboxIntent::SetProductsActive { .. }
                | OutboxIntent::EditListing { .. }
                | OutboxIntent::EditListingDetails { .. }
        )
    }

    /// Performed by the background drain (stock and price pushes), so a long push never holds
    /// up a shipment behind it; its calls also take the limiter's inventory lane.
    pub fn background(&self) -> bool {
        matches!(self, OutboxIntent::PushListings { .. })
    }

    /// The idempotency key: the same intent twice is one write.
    pub fn key(&self) -> String {
        match self {
            OutboxIntent::DeauthorizeShop { shop_id, .. } => format!("deauthorize:{shop_id}"),
            OutboxIntent::MarkShipped { order_id, line_ids, tracking, .. } => {
                format!("ship:{order_id}:{}:{tracking}", line_ids.join(","))
            }
            OutboxIntent::ShipPackage { package_id, .. } => format!("ship-package:{package_id}"),
            OutboxIntent::UpdateTracking { package_id, tracking, .. } => format!("tracking:{package_id}:{tracking}"),
            OutboxIntent::SplitOrder { order_id, groups, .. } => {
                format!("split:{order_id}:{}", groups.iter().map(|g| g.join(",")).collect::<Vec<_>>().join("|"))
            }
            OutboxIntent::Combine { pre_package_id, .. } => format!("combine:{pre_package_id}"),
            OutboxIntent::Uncombine { package_id, order_ids, .. } => {
                format!("uncombine:{package_id}:{}", order_ids.join(","))
            }
            OutboxIntent::ApproveCancellation { cancel_id, .. } => format!("cancel-approve:{cancel_id}"),
            OutboxIntent::RejectCancellation { cancel_id, .. } => format!("cancel-reject:{cancel_id}"),
            OutboxIntent::CancelOrder { order_id, line_ids, .. } => format!("cancel:{order_id}:{}", line_ids.join(",")),
            OutboxIntent::ListProduct { idempotency_key, .. } => format!("list:{idempotency_key}"),
            OutboxIntent::DecideReturn { return_id, seen_update, decision, .. } => {
                format!("return:{return_id}:{seen_update}:{}", decision.to_lowercase())
            }
            OutboxIntent::PushListings { shop_id, batch } => format!("push:{shop_id}:{batch}"),
            OutboxIntent::SetProductsActive { shop_id, product_ids, active, asked_at } => {
                format!("product-status:{shop_id}:{active}:{}:{asked_at}", product_ids.join(","))
            }
            OutboxIntent::EditListing { shop_id, product_id, asked_at, title, description } => {
                let text = format!("{title:?}{description:?}");
                let digest = text
                    .bytes()
                    .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
                format!("edit:{shop_id}:{product_id}:{asked_at}:{digest:016x}")
            }
            OutboxIntent::EditListingDetails { shop_id, product_id, edit, asked_at } => {
                let text = serde_json::to_string(edit).unwrap_or_default();
                let digest = text
                    .bytes()
                    .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
                format!("edit-details:{shop_id}:{product_id}:{asked_at}:{digest:016x}")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutboxState {
    Pending,
    Done { at: i64, note: String },
    Failed { at: i64, reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: u64,
    pub idempotency_key: String,
    pub shop_id: String,
    pub intent: OutboxIntent,
    pub state: OutboxState,
    pub attempts: u32,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Who queued it.
    #[serde(default)]
    pub actor: super::actor::Actor,
}

/// Give up on a retryable failure after this many attempts and hand it to a person.
pub const MAX_ATTEMPTS: u32 = 8;
