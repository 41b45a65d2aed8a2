//! The panes, one module each; the registry lists them in tab order.

pub mod inbox;
pub mod listings;
pub mod mapping;
pub mod orders;
pub mod packages;
pub mod shops;
