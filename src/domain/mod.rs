//! Plain types and rules. No I/O, no wire shapes, no UI, no storage.

pub mod actor;
pub mod attention;
pub mod audit;
pub mod authorization;
pub mod carrier_csv;
pub mod catalog;
pub mod category_search;
pub mod csv_strict;
pub mod family;
pub mod finance;
pub mod grant;
pub mod health;
pub mod listing;
pub mod listing_check;
pub mod listing_payload;
pub mod listing_policy;
mod listing_skus;
pub mod listing_sync;
pub mod live_edit;
pub mod money;
pub mod notification;
pub mod order;
pub mod order_money;
pub mod outbox;
pub mod package;
pub mod progress;
pub mod returns;
pub mod role;
pub mod secret;
pub mod shop;
pub mod shopify_csv;
pub mod sku_map;
pub mod text;
pub mod tiktok_catalog;
pub mod time;

pub use secret::Secret;
