//! The fulfilment family: shipping with the seller's carrier or TikTok's, tracking updates,
//! splits and combines, labels, and the carriers and warehouses shipping depends on.

pub mod commands;
pub mod exec;
pub mod plan;
pub mod warehouses;

pub use plan::*;
