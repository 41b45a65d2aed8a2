//! Product images made to fit TikTok before upload (CAT-PRE-IMGSIZE), saying what changed:
//! JPG/PNG/WEBP only (others become JPEG), 300..4000 px for main images (100..20000 otherwise,
//! at least 1024 px on the short side for size charts), main images inside 3:4..4:3 (padded onto
//! a white canvas: TikTok would otherwise square them itself), at most 10 MB (re-encoded as JPEG
//! when larger). Source: the Upload Product Image reference page.

use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage, imageops::FilterType};
use std::io::Cursor;

const MAX_BYTES: usize = 10 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseCase {
    Main,
    /// A variant's image, shown with its first sales attribute (`sku_img`).
    Attribute,
    SizeChart,
    Certification,
}

impl UseCase {
    pub fn wire(self) -> &'static str {
        match self {
            UseCase::Main => "MAIN_IMAGE",
            UseCase::Attribute => "ATTRIBUTE_IMAGE",
            UseCase::SizeChart => "SIZE_CHART_IMAGE",
            UseCase::Certification => "CERTIFICATION_IMAGE",
        }
    }

    fn bounds(self) -> (u32, u32) {
        match self {
            UseCase::Main | UseCase::Attribute => (300, 4000),
            UseCase::SizeChart => (1024, 20_000),
            UseCase::Certification => (100, 20_000),
        }
    }
}

/// An image ready to upload: its bytes, file name, and what was changed to get there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    pub changes: Vec<String>,
}

fn encode(img: &DynamicImage, fmt: ImageFormat) -> Result<Vec<u8>, String> {
    let mut out = Cursor::new(Vec::new());
    match fmt {
        ImageFormat::Jpeg => {
            let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
            let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88);
            enc.encode_image(&rgb).map_err(|e| format!("cannot encode JPEG: {e}"))?;
        }
        other => img.write_to(&mut out, other).map_err(|e| format!("cannot encode: {e}"))?,
    }
    Ok(out.into_inner())
}

/// Read and convert a local image for a use case. Image URLs are downloaded at import
/// (`image_fetch`); a URL still here could not be, and its error says so.
pub fn prepare(path: &str, use_case: UseCase) -> Result<Prepared, String> {
    if path.contains("://") {
        return Err("is a URL that could not be downloaded at import (see the import's messages): import again, or \
            point the product at a local file"
            .into());
    }
    let raw = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    prepare_bytes(&raw, path, use_case)
}

pub fn prepare_bytes(raw: &[u8], path: &str, use_case: UseCase) -> Result<Prepared, String> {
    let reader = image::ImageReader::new(Cursor::new(raw))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    let format = reader.format();
    let mut img = reader.decode().map_err(|e| format!("not an image TikTok takes (JPG, PNG, WEBP): {e}"))?;
    let mut changes = Vec::new();
    let (min, max) = use_case.bounds();
    let scale = |img: &DynamicImage, f: f64| {
        let (w, h) = img.dimensions();
        (((f64::from(w) * f).round() as u32).max(1), ((f64::from(h) * f).round() as u32).max(1))
    };
    // Too large: scale down so the long side fits (first, so nothing huge is ever allocated).
    let (w, h) = img.dimensions();
    if w.max(h) > max {
        let (nw, nh) = scale(&img, f64::from(max) / f64::from(w.max(h)));
        img = img.resize_exact(nw, nh, FilterType::Lanczos3);
        changes.push(format!("scaled down from {w}x{h} to {nw}x{nh} (TikTok allows at most {max} px)"));
    }
    // Main images outside 3:4..4:3 go onto a white square canvas (TikTok would otherwise square
    // them itself); the scaling below then keeps the aspect ratio, so nothing is squashed.
    let (w, h) = img.dimensions();
    let ratio = f64::from(w) / f64::from(h);
    if matches!(use_case, UseCase::Main | UseCase::Attribute) && !(0.75..=4.0 / 3.0).contains(&ratio) {
        let side = w.max(h);
        let mut canvas = RgbImage::from_pixel(side, side, Rgb([255, 255, 255]));
        image::imageops::overlay(&mut canvas, &img.to_rgb8(), i64::from((side - w) / 2), i64::from((side - h) / 2));
        img = DynamicImage::ImageRgb8(canvas);
        changes.push(format!("padded to {side}x{side} on white (aspect {ratio:.2} is outside TikTok's 3:4 to 4:3)"));
    }
    // Too small: scale up so the short side reaches the minimum, unless the long side would
    // then pass the maximum (an image that thin cannot meet both without being squashed).
    let (w, h) = img.dimensions();
    if w.min(h) < min {
        let f = f64::from(min) / f64::from(w.min(h));
        let (nw, nh) = scale(&img, f);
        if nw.max(nh) > max {
            return Err(format!(
                "{w}x{h} is too narrow: its short side cannot reach {min} px with the long side within {max} px; crop \
                    it"
            ));
        }
        img = img.resize_exact(nw, nh, FilterType::Lanczos3);
        changes.push(format!("scaled up from {w}x{h} to {nw}x{nh} (TikTok needs at least {min} px)"));
    }
    let keep = matches!(format, Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP));
    let mut fmt = if keep { format.unwrap_or(ImageFormat::Jpeg) } else { ImageFormat::Jpeg };
    if !keep {
        changes.push(format!(
            "converted {} to JPEG",
            format.map(|f| format!("{f:?}").to_uppercase()).unwrap_or_else(|| "the image".into())
        ));
    }
    let mut bytes = if changes.is_empty() && keep { raw.to_vec() } else { encode(&img, fmt)? };
    if bytes.len() > MAX_BYTES {
        let before = bytes.len();
        fmt = ImageFormat::Jpeg;
        bytes = encode(&img, fmt)?;
        changes.push(format!("re-encoded as JPEG: {:.1} MB was over TikTok's 10 MB", before as f64 / 1_048_576.0));
        if bytes.len() > MAX_BYTES {
            return Err(format!(
                "still {:.1} MB after re-encoding; TikTok takes at most 10 MB",
                bytes.len() as f64 / 1_048_576.0
            ));
        }
    }
    let stem = std::path::Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("image");
    let ext = match fmt {
        ImageFormat::Png => "png",
        ImageFormat::WebP => "webp",
        _ => "jpg",
    };
    let (width, height) = img.dimensions();
    Ok(Prepared { bytes, file_name: format!("{stem}.{ext}"), width, height, changes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(RgbImage::from_pixel(w, h, Rgb([200, 30, 30])));
        encode(&img, ImageFormat::Png).expect("png")
    }

    #[test]
    fn a_fitting_image_goes_as_it_is() {
        let raw = png(800, 800);
        let p = prepare_bytes(&raw, "/x/mug.png", UseCase::Main).expect("ok");
        assert!(p.changes.is_empty());
        assert_eq!(p.bytes, raw);
        assert_eq!(p.file_name, "mug.png");
    }

    #[test]
    fn small_wide_and_huge_images_are_fixed_and_say_how() {
        let p = prepare_bytes(&png(200, 150), "a.png", UseCase::Main).expect("ok");
        assert_eq!((p.width, p.height), (400, 300), "4:3 is still inside TikTok's range");
        assert!(p.changes[0].starts_with("scaled up from 200x150 to 400x300"), "{:?}", p.changes);
        let p = prepare_bytes(&png(1600, 600), "b.png", UseCase::Main).expect("ok");
        assert_eq!((p.width, p.height), (1600, 1600));
        assert!(p.changes[0].contains("padded to 1600x1600 on white"), "{:?}", p.changes);
        let p = prepare_bytes(&png(4400, 3300), "c.png", UseCase::Main).expect("ok");
        assert_eq!((p.width, p.height), (4000, 3000));
        let p = prepare_bytes(&png(800, 600), "chart.png", UseCase::SizeChart).expect("ok");
        assert_eq!(p.width.min(p.height), 1024);
        assert!(prepare_bytes(b"nope", "x.png", UseCase::Main).unwrap_err().contains("not an image"));
        assert!(prepare("https://cdn.shopify.com/a.jpg", UseCase::Main).unwrap_err().contains("is a URL"));
        // A thin main image is padded square first, then scaled: never squashed.
        let p = prepare_bytes(&png(100, 2000), "thin.png", UseCase::Main).expect("ok");
        assert_eq!((p.width, p.height), (2000, 2000), "{:?}", p.changes);
        // A tall infographic is scaled down before padding: 4000x4000 at most, never 20000 square.
        let p = prepare_bytes(&png(1000, 20_000), "tall.png", UseCase::Main).expect("ok");
        assert_eq!((p.width, p.height), (4000, 4000), "{:?}", p.changes);
        assert!(p.changes[0].starts_with("scaled down from 1000x20000 to 200x4000"), "{:?}", p.changes);
        let err = prepare_bytes(&png(30, 2000), "strip.png", UseCase::SizeChart).unwrap_err();
        assert!(err.contains("too narrow"), "{err}");
    }
}
