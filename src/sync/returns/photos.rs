//! The buyer's photos of returns that wait on the seller (or are in arbitration): each URL not
//! read yet is fetched once, decoded with limits, shrunk to a thumbnail and stored, so the
//! Returns pane can draw it. A photo that cannot be read is only logged: its URL stays on
//! screen, and the next read of the return tries again.

use crate::domain::returns::Return;
use crate::sync::SyncCtx;
use image::ImageReader;
use std::io::Cursor;

/// The longest side of a stored thumbnail, in pixels: enough for a sixel or kitty tile of
/// about 24 cells, and a few KB as JPEG.
pub const THUMBNAIL_SIDE: u32 = 240;
/// At most this many photos per return are read.
pub const PHOTOS_PER_RETURN: usize = 9;

/// Decode (bounded: 8,000 px a side, 128 MB) and re-encode as a JPEG thumbnail.
pub fn thumbnail(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| format!("unreadable photo: {e}"))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(8_000);
    limits.max_image_height = Some(8_000);
    limits.max_alloc = Some(128 << 20);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| format!("not a photo this console can read: {e}"))?;
    let fits = img.width() <= THUMBNAIL_SIDE && img.height() <= THUMBNAIL_SIDE;
    let small = if fits { img.to_rgb8() } else { img.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE).to_rgb8() };
    let mut out = Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&small)
        .map_err(|e| format!("cannot shrink the photo: {e}"))?;
    Ok(out.into_inner())
}

/// Whether a return's photos are worth keeping: the seller has to look at them.
pub fn wanted(r: &Return) -> bool {
    r.waiting() || r.arbitration.as_deref() == Some("IN_PROGRESS")
}

/// Read and store the photos of these returns that are not stored yet.
pub async fn read_new(ctx: &SyncCtx, rets: &[Return]) {
    let urls: Vec<String> = rets
        .iter()
        .filter(|r| wanted(r))
        .flat_map(|r| r.records.iter().flat_map(|x| x.image_urls.iter().cloned()).take(PHOTOS_PER_RETURN))
        .collect();
    if urls.is_empty() {
        return;
    }
    let missing = match ctx.store.photos_missing(&urls) {
        Ok(m) => m,
        Err(e) => return tracing::warn!("return photos not checked: {e}"),
    };
    let mut got = Vec::new();
    for url in missing {
        match ctx.api.fetch_photo(&url).await.map_err(|e| e.to_string()).and_then(|b| thumbnail(&b)) {
            Ok(jpeg) => got.push((url, jpeg)),
            Err(e) => tracing::warn!("return photo {} not read: {e}", crate::domain::text::inert_line(&url)),
        }
    }
    if let Err(e) = ctx.store.put_return_photos(&got) {
        tracing::warn!("return photos not stored: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 30]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).expect("png");
        out.into_inner()
    }

    #[test]
    fn a_photo_becomes_a_small_jpeg_keeping_its_shape() {
        let t = thumbnail(&png(1200, 600)).expect("thumbnail");
        assert_eq!(&t[..2], &[0xff, 0xd8], "a JPEG");
        let back = image::load_from_memory(&t).expect("decodes");
        assert_eq!((back.width(), back.height()), (240, 120));
        assert!(t.len() < crate::store::return_photos::MAX_THUMBNAIL_BYTES);
        // A small photo is not enlarged.
        let small = image::load_from_memory(&thumbnail(&png(64, 48)).expect("small")).expect("decodes");
        assert_eq!((small.width(), small.height()), (64, 48));
        // Too wide but not too tall (a long receipt) is still shrunk.
        let wide = image::load_from_memory(&thumbnail(&png(600, 100)).expect("wide")).expect("decodes");
        assert_eq!((wide.width(), wide.height()), (240, 40));
    }

    #[test]
    fn photos_are_read_only_for_returns_the_seller_must_look_at() {
        let waiting = Return { next_action: Some("SELLER_RESPOND_RECEIVE_PACKAGE".into()), ..Return::default() };
        let arbitration = Return { arbitration: Some("IN_PROGRESS".into()), ..waiting.clone() };
        let closed = Return { status: "RETURN_OR_REFUND_REQUEST_COMPLETE".into(), ..Return::default() };
        let decided = Return { arbitration: Some("SELLER_WIN".into()), ..closed.clone() };
        assert!(wanted(&waiting) && wanted(&arbitration));
        assert!(!wanted(&closed) && !wanted(&decided));
    }

    #[test]
    fn garbage_and_oversized_photos_are_refused_with_a_reason() {
        let e = thumbnail(b"<html>not found</html>").expect_err("garbage");
        assert!(e.contains("photo"), "{e}");
        // A PNG header claiming 9,000 px: refused by the limits before any allocation.
        let e = thumbnail(&png(9_000, 1)).expect_err("too wide");
        assert!(e.contains("not a photo this console can read"), "{e}");
    }
}
