//! The TikTok Shop Open API client: signing, envelope and error taxonomy, retries, per-shop
//! rate limiting with priority lanes, pagination, and typed endpoints per family. It does not
//! touch the store, the UI or channels.

pub mod auth;
pub mod authorization;
pub mod cancellations;
pub mod client;
pub mod envelope;
pub mod error;
pub mod event;
pub mod finance;
pub mod fulfillment;
pub mod inventory;
pub mod limiter;
pub mod listing;
pub mod logistics;
pub mod optimize;
pub mod order_dto;
pub mod orders;
pub mod package_detail;
pub mod paging;
pub mod photos;
pub mod product_status;
pub mod products;
pub mod quality;
pub mod retry;
pub mod returns;
pub mod sign;
pub mod wire;

pub use client::{ApiClient, ApiConfig, ApiRequest, ApiResponse, Auth, ShopRef, TokenSource};
pub use error::{ApiError, ErrorClass};
pub use limiter::Lane;
