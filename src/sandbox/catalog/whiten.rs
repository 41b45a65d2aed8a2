//! The image work behind the sandbox's Optimized Images (`WHITE_BACKGROUND`): the background is
//! the colour most of the image's border has; every pixel joined to the border through pixels
//! near that colour becomes white, so the product in the middle keeps its own colours (a
//! product the colour of its background, touching nothing else, stays untouched where the
//! border does not reach it). The answer is a PNG of the same size.

use image::{ImageFormat, Rgb, RgbImage};
use std::collections::{HashMap, VecDeque};

/// How far (per channel) a pixel may be from the background colour and still be background.
const TOLERANCE: i32 = 40;
const WHITE: Rgb<u8> = Rgb([255, 255, 255]);

fn near(a: &Rgb<u8>, b: &Rgb<u8>) -> bool {
    a.0.iter().zip(b.0.iter()).all(|(x, y)| (i32::from(*x) - i32::from(*y)).abs() <= TOLERANCE)
}

/// The commonest border colour, counted in buckets of 16 per channel and averaged inside its bucket.
fn background(img: &RgbImage) -> Option<Rgb<u8>> {
    let (w, h) = img.dimensions();
    if w == 0 || h == 0 {
        return None;
    }
    let mut buckets: HashMap<[u8; 3], (u32, [u64; 3])> = HashMap::new();
    let mut add = |p: &Rgb<u8>| {
        let e = buckets.entry([p.0[0] >> 4, p.0[1] >> 4, p.0[2] >> 4]).or_insert((0, [0; 3]));
        e.0 += 1;
        for c in 0..3 {
            e.1[c] += u64::from(p.0[c]);
        }
    };
    for x in 0..w {
        add(img.get_pixel(x, 0));
        add(img.get_pixel(x, h - 1));
    }
    for y in 0..h {
        add(img.get_pixel(0, y));
        add(img.get_pixel(w - 1, y));
    }
    let (n, sum) = buckets.into_values().max_by_key(|(n, _)| *n)?;
    let avg = |c: usize| u8::try_from(sum[c] / u64::from(n.max(1))).unwrap_or(u8::MAX);
    Some(Rgb([avg(0), avg(1), avg(2)]))
}

/// The image with its background replaced by white, and how many pixels changed.
pub fn white_background(img: &RgbImage) -> (RgbImage, u64) {
    let mut out = img.clone();
    let Some(bg) = background(img) else { return (out, 0) };
    let (w, h) = img.dimensions();
    let mut seen = vec![false; (w as usize) * (h as usize)];
    let mut queue = VecDeque::new();
    let idx = |x: u32, y: u32| (y as usize) * (w as usize) + x as usize;
    let border = (0..w).flat_map(|x| [(x, 0), (x, h - 1)]).chain((0..h).flat_map(|y| [(0, y), (w - 1, y)]));
    for (x, y) in border {
        if !seen[idx(x, y)] && near(img.get_pixel(x, y), &bg) {
            seen[idx(x, y)] = true;
            queue.push_back((x, y));
        }
    }
    let mut changed = 0;
    while let Some((x, y)) = queue.pop_front() {
        if *out.get_pixel(x, y) != WHITE {
            changed += 1;
        }
        out.put_pixel(x, y, WHITE);
        let mut next = |nx: u32, ny: u32| {
            if !seen[idx(nx, ny)] && near(img.get_pixel(nx, ny), &bg) {
                seen[idx(nx, ny)] = true;
                queue.push_back((nx, ny));
            }
        };
        if x > 0 {
            next(x - 1, y);
        }
        if y > 0 {
            next(x, y - 1);
        }
        if x + 1 < w {
            next(x + 1, y);
        }
        if y + 1 < h {
            next(x, y + 1);
        }
    }
    (out, changed)
}

/// Whether an image's background (its commonest border colour) is already white; None when
/// the bytes are not an image.
pub fn background_is_white(raw: &[u8]) -> Option<bool> {
    let img = image::load_from_memory(raw).ok()?.to_rgb8();
    background(&img).map(|bg| bg.0.iter().all(|c| *c >= 245))
}

/// Decode an uploaded image, whiten its background and encode the result as PNG.
pub fn whiten_bytes(raw: &[u8]) -> Result<(Vec<u8>, u32, u32), String> {
    let img = image::load_from_memory(raw).map_err(|e| format!("cannot decode: {e}"))?.to_rgb8();
    let (out, _) = white_background(&img);
    let mut buf = std::io::Cursor::new(Vec::new());
    out.write_to(&mut buf, ImageFormat::Png).map_err(|e| format!("cannot encode: {e}"))?;
    Ok((buf.into_inner(), out.width(), out.height()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product_on(bg: Rgb<u8>) -> RgbImage {
        RgbImage::from_fn(
            40,
            30,
            |x, y| {
                if (10..30).contains(&x) && (8..22).contains(&y) { Rgb([200, 20, 30]) } else { bg }
            },
        )
    }

    #[test]
    fn the_background_becomes_white_and_the_product_keeps_its_colour() {
        let (out, changed) = white_background(&product_on(Rgb([90, 140, 200])));
        assert_eq!(*out.get_pixel(0, 0), WHITE);
        assert_eq!(*out.get_pixel(39, 29), WHITE);
        assert_eq!(*out.get_pixel(20, 15), Rgb([200, 20, 30]));
        assert_eq!(changed, 40 * 30 - 20 * 14);
    }

    #[test]
    fn a_white_image_changes_nothing_and_a_round_trip_is_a_png() {
        let (_, changed) = white_background(&product_on(WHITE));
        assert_eq!(changed, 0);
        let mut raw = std::io::Cursor::new(Vec::new());
        assert!(product_on(Rgb([10, 10, 10])).write_to(&mut raw, ImageFormat::Png).is_ok());
        let (png, w, h) = whiten_bytes(&raw.into_inner()).unwrap_or_default();
        assert_eq!((&png[1..4], w, h), (&b"PNG"[..], 40, 30));
        assert!(whiten_bytes(b"not an image").is_err());
    }
}
