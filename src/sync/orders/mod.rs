//! The orders family: orders polled and fetched on webhooks, their price detail, cancellations
//! and the ship-by risk check; the seller's cancels and answers to buyers' requests.

pub mod cancel;
pub mod commands;
pub mod exec;
pub mod poll;
pub mod upkeep;

pub use cancel::{plan_answer, plan_cancel};
pub use poll::*;
