//! The parcels of packages (weight and dimensions from Get Package Detail): the packages still
//! to read, and storing what was read.

use super::Store;
use super::codec::{decode, encode_bin};
use super::error::StoreResult;
use super::schema::{PACKAGE_PARCEL_TODO, PACKAGES};
use crate::domain::package::{Package, Parcel};
use redb::{ReadableTable, WriteTransaction};

/// Store a package's parcel and take it off the to-read list (even when TikTok gave none, so it
/// is not asked again).
pub fn put_parcel(txn: &WriteTransaction, shop_id: &str, package_id: &str, parcel: &Parcel) -> StoreResult<()> {
    let mut pk = txn.open_table(PACKAGES)?;
    let stored: Option<Package> = match pk.get(package_id)? {
        Some(v) => Some(decode("packages", package_id, v.value())?),
        None => None,
    };
    if let Some(mut p) = stored {
        p.weight = parcel.weight.clone();
        p.dimension = parcel.dimension.clone();
        pk.insert(package_id, encode_bin(&p)?.as_slice())?;
    }
    txn.open_table(PACKAGE_PARCEL_TODO)?.remove(format!("{shop_id}|{package_id}").as_str())?;
    Ok(())
}

impl Store {
    /// Packages of a shop whose parcel is still to read.
    pub fn packages_without_parcel(&self, shop_id: &str, limit: usize) -> StoreResult<Vec<String>> {
        self.read(|r| super::orders::queued(r, PACKAGE_PARCEL_TODO, shop_id, limit))
    }

    pub fn put_parcel(&self, shop_id: &str, package_id: &str, parcel: &Parcel) -> StoreResult<()> {
        self.write(|t| put_parcel(t, shop_id, package_id, parcel))
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::order::{Order, OrderLine, Source};
    use crate::domain::package::{Parcel, Weight};

    #[test]
    fn a_new_package_is_queued_and_its_parcel_outlives_order_updates() {
        let dir = tempfile::tempdir().expect("dir");
        let s = crate::store::Store::open(dir.path()).expect("store");
        let line = OrderLine { id: "l1".into(), package_id: Some("p1".into()), ..OrderLine::default() };
        let mut o =
            Order { id: "o1".into(), shop_id: "s".into(), update_time: 10, lines: vec![line], ..Order::default() };
        s.upsert_orders(std::slice::from_ref(&o), Source::Poll, 10).expect("upsert");
        assert_eq!(s.packages_without_parcel("s", 10).expect("todo"), vec!["p1".to_string()]);
        let parcel =
            Parcel { weight: Some(Weight { value: "450".parse().expect("d"), unit: "GRAM".into() }), dimension: None };
        s.put_parcel("s", "p1", &parcel).expect("parcel");
        assert!(s.packages_without_parcel("s", 10).expect("todo").is_empty());
        o.update_time = 20;
        o.buyer_message = "changed".into();
        s.upsert_orders(&[o], Source::Poll, 20).expect("update");
        assert_eq!(s.get_package("p1").expect("read").and_then(|p| p.weight), parcel.weight);
        assert!(s.packages_without_parcel("s", 10).expect("todo").is_empty());
    }
}
