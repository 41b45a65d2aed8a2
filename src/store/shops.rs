//! Platform stores and TikTok shops.

use super::Store;
use super::codec::{all_str, get_str, put_str};
use super::error::{StoreError, StoreResult};
use super::schema::{SHOPS, STORES};
use crate::domain::shop::{PlatformStore, Shop, ShopStatus};
use redb::{ReadTransaction, ReadableTable, WriteTransaction};

pub fn add_store(txn: &WriteTransaction, store: &PlatformStore) -> StoreResult<()> {
    let mut t = txn.open_table(STORES)?;
    if t.get(store.name.as_str())?.is_some() {
        return Err(StoreError::Conflict(format!("store {:?} already exists", store.name)));
    }
    put_str(&mut t, &store.name, store)
}

pub fn get_store(txn: &WriteTransaction, name: &str) -> StoreResult<Option<PlatformStore>> {
    get_str(&txn.open_table(STORES)?, "stores", name)
}

/// Remove a store that no live shop is linked to. Shops it once had stay in history.
pub fn remove_store(txn: &WriteTransaction, name: &str) -> StoreResult<()> {
    let live: Vec<String> = all_shops_w(txn)?
        .into_iter()
        .filter(|s| s.store == name && s.status != ShopStatus::Disconnected)
        .map(|s| format!("{} ({})", s.id, s.name))
        .collect();
    if !live.is_empty() {
        return Err(StoreError::Conflict(format!(
            "store {name:?} still has connected shops: {}; disconnect them first",
            live.join(", ")
        )));
    }
    let mut t = txn.open_table(STORES)?;
    if t.remove(name)?.is_none() {
        return Err(StoreError::NotFound(format!("no store named {name:?}")));
    }
    Ok(())
}

pub fn put_shop(txn: &WriteTransaction, shop: &Shop) -> StoreResult<()> {
    put_str(&mut txn.open_table(SHOPS)?, &shop.id, shop)
}

pub fn get_shop_w(txn: &WriteTransaction, id: &str) -> StoreResult<Option<Shop>> {
    get_str(&txn.open_table(SHOPS)?, "shops", id)
}

pub fn all_shops_w(txn: &WriteTransaction) -> StoreResult<Vec<Shop>> {
    all_str(&txn.open_table(SHOPS)?, "shops")
}

pub fn all_shops(txn: &ReadTransaction) -> StoreResult<Vec<Shop>> {
    all_str(&txn.open_table(SHOPS)?, "shops")
}

pub fn all_stores(txn: &ReadTransaction) -> StoreResult<Vec<PlatformStore>> {
    all_str(&txn.open_table(STORES)?, "stores")
}

impl Store {
    pub fn list_stores(&self) -> StoreResult<Vec<PlatformStore>> {
        self.read(all_stores)
    }

    pub fn list_shops(&self) -> StoreResult<Vec<Shop>> {
        self.read(all_shops)
    }

    pub fn get_shop(&self, id: &str) -> StoreResult<Option<Shop>> {
        self.read(|r| get_str(&r.open_table(SHOPS)?, "shops", id))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::shop::SellerType;

    pub fn shop(id: &str, store: &str, status: ShopStatus) -> Shop {
        Shop {
            id: id.into(),
            name: format!("shop {id}"),
            region: "US".into(),
            seller_type: SellerType::Local,
            cipher: format!("ROW_{id}"),
            code: "CODE".into(),
            store: store.into(),
            status,
            grant_id: "open1".into(),
            connected_at: 1,
            updated_at: 1,
        }
    }

    #[test]
    fn stores_and_shops() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        s.write(|t| add_store(t, &PlatformStore { name: "main".into(), created_at: 1 })).expect("add");
        let dup = s.write(|t| add_store(t, &PlatformStore { name: "main".into(), created_at: 2 }));
        assert!(matches!(dup, Err(StoreError::Conflict(_))));
        s.write(|t| put_shop(t, &shop("1", "main", ShopStatus::Active))).expect("shop");
        let blocked = s.write(|t| remove_store(t, "main"));
        assert!(matches!(blocked, Err(StoreError::Conflict(m)) if m.contains("disconnect them first")));
        s.write(|t| put_shop(t, &shop("1", "main", ShopStatus::Disconnected))).expect("shop");
        s.write(|t| remove_store(t, "main")).expect("remove");
        assert!(s.list_stores().expect("list").is_empty());
        // History stays.
        assert_eq!(s.list_shops().expect("shops").len(), 1);
        assert!(matches!(s.write(|t| remove_store(t, "nope")), Err(StoreError::NotFound(_))));
    }
}
