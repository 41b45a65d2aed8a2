//! One file per pane.

pub mod inbox;
pub mod shops;
