//! The buyer's photos behind a return record's `images[].url` (Get Return Records): a plain,
//! unsigned GET of TikTok's CDN URL, bounded in size and time, http(s) only. TikTok's sample
//! URLs are `https://p16-oec-va.ibyteimg.com/...~tplv-...jpeg` (the reference page of Get
//! Return Records), so nothing here signs or sends the shop's token.

use super::{ApiClient, ApiError};

/// A photo larger than this is not read (buyers' photos are a few hundred KB).
pub const MAX_PHOTO_BYTES: usize = 8 << 20;
const ENDPOINT: &str = "return photo";

impl ApiClient {
    /// Read a photo's bytes; refused when the URL is not http(s), the answer is not 200, or
    /// the body passes [`MAX_PHOTO_BYTES`].
    pub async fn fetch_photo(&self, url: &str) -> Result<Vec<u8>, ApiError> {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(ApiError::decode(ENDPOINT, "not an http(s) URL", None));
        }
        let mut resp = self
            .http()
            .get(url)
            .send()
            .await
            .map_err(|e| ApiError::transport(ENDPOINT, e.without_url().to_string(), None))?;
        let status = resp.status().as_u16();
        if status != 200 {
            return Err(ApiError::transport(ENDPOINT, format!("HTTP {status}"), Some(status)));
        }
        if resp.content_length().is_some_and(|n| n > MAX_PHOTO_BYTES as u64) {
            return Err(ApiError::decode(ENDPOINT, "larger than 8 MB", None));
        }
        let mut out = Vec::new();
        while let Some(chunk) =
            resp.chunk().await.map_err(|e| ApiError::transport(ENDPOINT, e.without_url().to_string(), None))?
        {
            if out.len() + chunk.len() > MAX_PHOTO_BYTES {
                return Err(ApiError::decode(ENDPOINT, "larger than 8 MB", None));
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out)
    }
}
