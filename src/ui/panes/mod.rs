//! One file per pane.

pub mod inbox;
pub mod listings;
pub mod mapping;
pub mod mapping_catalog;
pub mod orders;
pub mod packages;
pub mod shops;
