//! The catalogue family: platform products (import, edit), TikTok's catalogue cached per shop,
//! category, brand and attribute mappings, the listing check, listing and its audit.

pub mod commands;
pub mod diagnose_new;
pub mod drift;
pub mod file;
pub mod image_fetch;
pub mod images;
pub mod listing;
pub mod listing_exec;
pub mod live_details;
pub mod live_edit;
pub mod mapping;
pub mod push;
pub mod quality_apply;
pub mod search;
pub mod stops;
pub mod whiten;

pub use mapping::*;
