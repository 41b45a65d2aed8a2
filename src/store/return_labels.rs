//! The seller's own return labels (RET-SHIP-LABEL: "a return shipping label or QR code outside
//! of TikTok Shop"). TikTok's return API takes no label from the seller, so tokshop keeps the
//! label with the return (a copy of the file, the carrier and tracking number) for support to
//! give the buyer outside TikTok, and the warehouse's scan of that tracking number finds the
//! return.

use super::Store;
use super::codec::{all_str, encode, get_str};
use super::error::StoreResult;
use super::schema::RETURN_LABELS;
use redb::WriteTransaction;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerLabel {
    pub return_id: String,
    /// The copy tokshop keeps (under the labels directory).
    pub file: String,
    pub carrier: String,
    pub tracking: String,
    /// SHIPPING_LABEL or QR_CODE (TikTok's `return_shipping_document_type` values).
    pub document_type: String,
    pub created_at: i64,
}

pub fn put(t: &WriteTransaction, l: &SellerLabel) -> StoreResult<()> {
    t.open_table(RETURN_LABELS)?.insert(l.return_id.as_str(), encode(l)?.as_slice())?;
    Ok(())
}

impl Store {
    pub fn return_label(&self, return_id: &str) -> StoreResult<Option<SellerLabel>> {
        self.read(|r| get_str(&r.open_table(RETURN_LABELS)?, "return_labels", return_id))
    }

    /// The returns whose seller label carries this tracking number (labels are few: one per
    /// return the seller gave a label for).
    pub fn returns_by_label_tracking(&self, tracking: &str) -> StoreResult<Vec<String>> {
        let all: Vec<SellerLabel> = self.read(|r| all_str(&r.open_table(RETURN_LABELS)?, "return_labels"))?;
        Ok(all
            .into_iter()
            .filter(|l| !l.tracking.is_empty() && l.tracking.eq_ignore_ascii_case(tracking))
            .map(|l| l.return_id)
            .collect())
    }

    pub fn put_return_label(&self, l: &SellerLabel) -> StoreResult<()> {
        self.write(|t| put(t, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_kept_by_return_and_found_by_its_tracking_number() {
        let dir = tempfile::tempdir().expect("dir");
        let s = Store::open(dir.path()).expect("open");
        let l = SellerLabel {
            return_id: "4035".into(),
            file: "/labels/returns/4035-label.pdf".into(),
            carrier: "UPS".into(),
            tracking: "1ZRET001".into(),
            document_type: "SHIPPING_LABEL".into(),
            created_at: 1,
        };
        s.put_return_label(&l).expect("put");
        assert_eq!(s.return_label("4035").expect("get"), Some(l));
        assert_eq!(s.returns_by_label_tracking("1zret001").expect("find"), vec!["4035".to_string()]);
        assert!(s.returns_by_label_tracking("").expect("find").is_empty());
        assert!(s.return_label("9999").expect("get").is_none());
    }
}
