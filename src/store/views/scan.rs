//! What a scanned code names: an order id, a package id, a return id, a tracking number (an
//! order's, or a return's return tracking number), or a seller SKU (its orders waiting to ship).
//! Exact matches only: a scan is a whole code. Bounded like every view.

use crate::domain::order::OrderRow;
use crate::domain::package::Package;
use crate::store::Store;
use crate::store::codec::decode;
use crate::store::error::StoreResult;
use crate::store::order_terms::ids_of;
use crate::store::schema::{ORDER_ROWS, ORDER_TERMS, PACKAGES, RETURN_SEARCH, RETURNS};
use serde::{Deserialize, Serialize};

/// The most orders a scan lists (a SKU's orders waiting to ship), and index entries it reads.
pub const SCAN_ORDERS: usize = 500;
const SCAN_READ: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scanned {
    Nothing,
    /// Orders the code names; `what` says how ("package 1153…", "SKU TS-BLK-M").
    Orders {
        what: String,
        ids: Vec<String>,
    },
    /// A return (its id or its return tracking number).
    Return {
        what: String,
        id: String,
    },
    /// A seller SKU: its orders waiting to ship (none, perhaps).
    Sku {
        sku: String,
        ids: Vec<String>,
    },
}

impl Store {
    /// What `code` names, tried in this order: order id, package id, return id, an order's
    /// tracking number, a return's tracking number, a seller SKU (orders waiting to ship).
    pub fn scan_code(&self, code: &str) -> StoreResult<Scanned> {
        let code = code.trim();
        if code.is_empty() {
            return Ok(Scanned::Nothing);
        }
        let lower = code.to_lowercase();
        self.read(|r| {
            let rows = r.open_table(ORDER_ROWS)?;
            if rows.get(code)?.is_some() {
                return Ok(Scanned::Orders { what: format!("order {code}"), ids: vec![code.to_string()] });
            }
            if let Some(v) = r.open_table(PACKAGES)?.get(code)? {
                let p: Package = decode("packages", code, v.value())?;
                return Ok(Scanned::Orders { what: format!("package {code}"), ids: p.order_ids });
            }
            if r.open_table(RETURNS)?.get(code)?.is_some() {
                return Ok(Scanned::Return { what: format!("return {code}"), id: code.to_string() });
            }
            let search = r.open_table(ORDER_TERMS)?;
            let mut ids = ids_of(&search, &format!("trk:{lower}"), SCAN_ORDERS)?;
            if !ids.is_empty() {
                return Ok(Scanned::Orders { what: format!("tracking number {code}"), ids });
            }
            let returns = r.open_multimap_table(RETURN_SEARCH)?;
            if let Some(key) = returns.get(format!("trk:{lower}").as_str())?.next() {
                let key = key?.value().to_string();
                let id = key.rsplit('|').next().unwrap_or("").to_string();
                return Ok(Scanned::Return { what: format!("return tracking number {code}"), id });
            }
            let mut known = false;
            for id in ids_of(&search, &format!("sku:{lower}"), SCAN_READ)? {
                known = true;
                let Some(row) = rows.get(id.as_str())? else { continue };
                let row: OrderRow = decode("order_rows", &id, row.value())?;
                if row.status.to_ship() && ids.len() < SCAN_ORDERS {
                    ids.push(id);
                }
            }
            Ok(match known {
                true => Scanned::Sku { sku: code.to_string(), ids },
                false => Scanned::Nothing,
            })
        })
    }
}
