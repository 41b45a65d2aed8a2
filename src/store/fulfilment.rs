//! Cancellations, warehouses with their delivery options and providers, and the platform's
//! carriers with their mappings to TikTok shipping providers (SHOP-MAN-CARRIER).

use super::Store;
use super::codec::{all_str, decode, get_str, put_str};
use super::error::{StoreError, StoreResult};
use super::schema::{CANCELLATIONS, CARRIER_MAP, CARRIERS, WAREHOUSES};
use crate::domain::package::{Cancellation, Carrier, CarrierMapping, Warehouse};
use redb::{ReadableTable, WriteTransaction};

/// Newer-wins upsert of cancellations; returns those that changed.
pub fn upsert_cancellations(txn: &WriteTransaction, list: &[Cancellation]) -> StoreResult<Vec<Cancellation>> {
    let mut t = txn.open_table(CANCELLATIONS)?;
    let mut changed = Vec::new();
    for c in list {
        let old: Option<Cancellation> = get_str(&t, "cancellations", &c.id)?;
        if old.as_ref().is_some_and(|o| o.update_time > c.update_time || o == c) {
            continue;
        }
        put_str(&mut t, &c.id, c)?;
        changed.push(c.clone());
    }
    Ok(changed)
}

/// Replace a shop's warehouses.
pub fn put_warehouses(txn: &WriteTransaction, shop_id: &str, list: &[Warehouse]) -> StoreResult<()> {
    let mut t = txn.open_table(WAREHOUSES)?;
    let (lo, hi) = (format!("{shop_id}|"), format!("{shop_id}|~"));
    let old: Vec<String> =
        t.range(lo.as_str()..hi.as_str())?.map(|r| r.map(|(k, _)| k.value().to_string())).collect::<Result<_, _>>()?;
    for k in old {
        t.remove(k.as_str())?;
    }
    for w in list {
        put_str(&mut t, &format!("{shop_id}|{}", w.id), w)?;
    }
    Ok(())
}

fn map_key(m: &CarrierMapping) -> String {
    format!("{}|{}|{}", m.carrier, m.shop_id, m.delivery_option_id)
}

pub fn add_carrier(txn: &WriteTransaction, c: &Carrier) -> StoreResult<bool> {
    let name = c.name.trim();
    if name.is_empty() || name.len() > 64 || name.contains('|') {
        return Err(StoreError::Conflict(format!("carrier name {:?} is not valid: 1-64 characters, no '|'", c.name)));
    }
    let mut t = txn.open_table(CARRIERS)?;
    let existed = t.get(name)?.is_some();
    put_str(&mut t, name, &Carrier { name: name.to_string(), tracking_url: c.tracking_url.clone() })?;
    Ok(!existed)
}

/// Remove a carrier and its mappings.
pub fn remove_carrier(txn: &WriteTransaction, name: &str) -> StoreResult<()> {
    if txn.open_table(CARRIERS)?.remove(name)?.is_none() {
        return Err(StoreError::NotFound(format!("no carrier named {name:?}")));
    }
    let mut m = txn.open_table(CARRIER_MAP)?;
    let (lo, hi) = (format!("{name}|"), format!("{name}|~"));
    let keys: Vec<String> =
        m.range(lo.as_str()..hi.as_str())?.map(|r| r.map(|(k, _)| k.value().to_string())).collect::<Result<_, _>>()?;
    for k in keys {
        m.remove(k.as_str())?;
    }
    Ok(())
}

/// Map a carrier (created if new) to a provider for a shop and delivery option.
pub fn map_carrier(txn: &WriteTransaction, m: &CarrierMapping) -> StoreResult<()> {
    if txn.open_table(CARRIERS)?.get(m.carrier.as_str())?.is_none() {
        add_carrier(txn, &Carrier { name: m.carrier.clone(), tracking_url: None })?;
    }
    put_str(&mut txn.open_table(CARRIER_MAP)?, &map_key(m), m)
}

impl Store {
    pub fn get_cancellation(&self, id: &str) -> StoreResult<Option<Cancellation>> {
        self.read(|r| get_str(&r.open_table(CANCELLATIONS)?, "cancellations", id))
    }

    /// Cancellations of an order, newest first.
    pub fn cancellations_of(&self, order_id: &str) -> StoreResult<Vec<Cancellation>> {
        let mut v: Vec<Cancellation> = self.read(|r| all_str(&r.open_table(CANCELLATIONS)?, "cancellations"))?;
        v.retain(|c| c.order_id == order_id);
        v.sort_by_key(|c| std::cmp::Reverse(c.update_time));
        Ok(v)
    }

    pub fn pending_cancellations(&self) -> StoreResult<Vec<Cancellation>> {
        let mut v: Vec<Cancellation> = self.read(|r| all_str(&r.open_table(CANCELLATIONS)?, "cancellations"))?;
        v.retain(Cancellation::pending);
        Ok(v)
    }

    pub fn warehouses(&self, shop_id: Option<&str>) -> StoreResult<Vec<Warehouse>> {
        let mut v: Vec<Warehouse> = self.read(|r| all_str(&r.open_table(WAREHOUSES)?, "warehouses"))?;
        if let Some(s) = shop_id {
            v.retain(|w| w.shop_id == s);
        }
        Ok(v)
    }

    pub fn carriers(&self) -> StoreResult<Vec<Carrier>> {
        self.read(|r| all_str(&r.open_table(CARRIERS)?, "carriers"))
    }

    pub fn carrier_mappings(&self) -> StoreResult<Vec<CarrierMapping>> {
        self.read(|r| {
            let t = r.open_table(CARRIER_MAP)?;
            let mut out = Vec::new();
            for e in t.iter()? {
                let (k, v) = e?;
                out.push(decode("carrier_map", k.value(), v.value())?);
            }
            Ok(out)
        })
    }

    /// The provider a carrier ships with for a shop and delivery option (an exact mapping
    /// first, else the carrier's shop-wide one).
    pub fn provider_for(
        &self,
        carrier: &str,
        shop_id: &str,
        delivery_option_id: &str,
    ) -> StoreResult<Option<CarrierMapping>> {
        let all = self.carrier_mappings()?;
        Ok(crate::domain::package::find_mapping(&all, carrier, shop_id, delivery_option_id).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriers_map_per_shop_and_option() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let m = |opt: &str, pid: &str| CarrierMapping {
            carrier: "UPS Ground".into(),
            shop_id: "s1".into(),
            delivery_option_id: opt.into(),
            provider_id: pid.into(),
            provider_name: "UPS".into(),
        };
        s.write(|t| map_carrier(t, &m("", "P-any"))).expect("map");
        s.write(|t| map_carrier(t, &m("OPT2", "P-2"))).expect("map");
        assert_eq!(s.carriers().expect("carriers").len(), 1);
        assert_eq!(
            s.provider_for("UPS Ground", "s1", "OPT2").expect("lookup").map(|m| m.provider_id),
            Some("P-2".into())
        );
        assert_eq!(
            s.provider_for("UPS Ground", "s1", "OPT9").expect("lookup").map(|m| m.provider_id),
            Some("P-any".into())
        );
        assert_eq!(s.provider_for("UPS Ground", "s2", "OPT2").expect("lookup"), None);
        assert!(s.write(|t| add_carrier(t, &Carrier { name: "a|b".into(), tracking_url: None })).is_err());
        s.write(|t| remove_carrier(t, "UPS Ground")).expect("remove");
        assert!(s.carrier_mappings().expect("maps").is_empty());
    }
}
