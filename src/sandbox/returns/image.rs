//! The buyer's photos behind the record URLs: small real PNG files, drawn from the file name so
//! the same URL always serves the same picture (TikTok serves these from its CDN).

use image::{ImageBuffer, Rgb};

/// A 64x48 PNG: a colour from the name, a darker frame and a diagonal (a "damaged" item).
pub fn png(name: &str) -> Vec<u8> {
    let h = name.bytes().fold(2166136261u32, |a, b| (a ^ u32::from(b)).wrapping_mul(16777619));
    let base = [(h & 0xff) as u8 | 0x40, ((h >> 8) & 0xff) as u8 | 0x40, ((h >> 16) & 0xff) as u8 | 0x40];
    let img = ImageBuffer::from_fn(64, 48, |x, y| {
        let edge = x < 3 || y < 3 || x > 60 || y > 44;
        let crack = (x as i32 - (y as i32 * 4 / 3)).abs() < 2;
        if edge || crack { Rgb([base[0] / 3, base[1] / 3, base[2] / 3]) } else { Rgb(base) }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    match img.write_to(&mut out, image::ImageFormat::Png) {
        Ok(()) => out.into_inner(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_real_png_the_same_for_the_same_name() {
        let a = super::png("4035-1.png");
        assert_eq!(&a[1..4], b"PNG");
        assert_eq!(a, super::png("4035-1.png"));
        assert_ne!(a, super::png("4035-2.png"));
    }
}
