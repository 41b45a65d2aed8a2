//! One file per pane.

pub mod inbox;
pub mod mapping;
pub mod orders;
pub mod packages;
pub mod shops;
