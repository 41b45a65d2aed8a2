//! Route families of the emulated Open API.

pub mod auth;
pub mod authorization;
pub mod cancellations;
pub mod event;
pub mod finance;
pub mod fulfillment;
pub mod logistics;
pub mod orders;
pub mod paging;
pub mod products;
pub mod products_live;
pub mod products_write;
pub mod returns;
pub mod seller;

use super::gateway::Route;

/// Every gateway route the sandbox serves.
pub fn all() -> Vec<Route> {
    let mut v = Vec::new();
    v.extend(authorization::routes());
    v.extend(seller::routes());
    v.extend(event::routes());
    v.extend(orders::routes());
    v.extend(logistics::routes());
    v.extend(fulfillment::routes());
    v.extend(cancellations::routes());
    v.extend(products::routes());
    v.extend(products_write::routes());
    v.extend(products_live::routes());
    v.extend(finance::routes());
    v.extend(returns::routes());
    v
}
