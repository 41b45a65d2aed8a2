//! The buyer's photos of a return, kept as small JPEG thumbnails by their URL, so the Returns
//! pane draws them without reaching TikTok's CDN (the URL is always shown beside them). Only
//! returns that wait on the seller or are in arbitration get their photos read, so the table
//! stays proportional to the open after-sales work, not to the shop's history.

use super::Store;
use super::error::StoreResult;
use super::schema::RETURN_PHOTOS;
use redb::WriteTransaction;
use serde::{Deserialize, Serialize};

/// A thumbnail is refused above this size (a decoder bug or a hostile file must not grow the store).
pub const MAX_THUMBNAIL_BYTES: usize = 64 * 1024;

/// One photo as the detail shows it: its URL and, once read, its thumbnail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnPhoto {
    pub url: String,
    /// JPEG bytes; empty while the photo is not (or cannot be) read.
    #[serde(default)]
    pub jpeg: Vec<u8>,
}

pub fn put(t: &WriteTransaction, url: &str, jpeg: &[u8]) -> StoreResult<()> {
    if jpeg.is_empty() || jpeg.len() > MAX_THUMBNAIL_BYTES {
        return Ok(());
    }
    t.open_table(RETURN_PHOTOS)?.insert(url, jpeg)?;
    Ok(())
}

impl Store {
    /// Which of these URLs have no thumbnail yet.
    pub fn photos_missing(&self, urls: &[String]) -> StoreResult<Vec<String>> {
        self.read(|r| {
            let t = r.open_table(RETURN_PHOTOS)?;
            let mut out = Vec::new();
            for u in urls {
                if t.get(u.as_str())?.is_none() {
                    out.push(u.clone());
                }
            }
            Ok(out)
        })
    }

    /// The photos behind these URLs, in order (a photo not read yet has no bytes).
    pub fn return_photos(&self, urls: &[String]) -> StoreResult<Vec<ReturnPhoto>> {
        self.read(|r| {
            let t = r.open_table(RETURN_PHOTOS)?;
            let mut out = Vec::new();
            for u in urls {
                let jpeg = t.get(u.as_str())?.map(|v| v.value().to_vec()).unwrap_or_default();
                out.push(ReturnPhoto { url: u.clone(), jpeg });
            }
            Ok(out)
        })
    }

    pub fn put_return_photos(&self, photos: &[(String, Vec<u8>)]) -> StoreResult<()> {
        if photos.is_empty() {
            return Ok(());
        }
        self.write(|t| {
            for (u, b) in photos {
                put(t, u, b)?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbnails_are_kept_by_url_and_oversized_ones_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let s = Store::open(dir.path()).expect("open");
        let urls = vec!["https://cdn/a.png".to_string(), "https://cdn/b.png".to_string()];
        assert_eq!(s.photos_missing(&urls).expect("missing"), urls);
        let big = vec![1u8; MAX_THUMBNAIL_BYTES + 1];
        s.put_return_photos(&[(urls[0].clone(), vec![0xff, 0xd8, 1]), (urls[1].clone(), big)]).expect("put");
        assert_eq!(s.photos_missing(&urls).expect("missing"), vec![urls[1].clone()]);
        let got = s.return_photos(&urls).expect("read");
        assert_eq!(got[0].jpeg, vec![0xff, 0xd8, 1]);
        assert!(got[1].jpeg.is_empty(), "the oversized one was not kept");
    }
}
