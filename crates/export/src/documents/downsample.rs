//! The copy of a photo that a document embeds: upright, at most [`LONG_SIDE`] pixels on its
//! long side, a JPEG of quality [`QUALITY`] (a 4000 × 3000 phone photo of 2–3 MB becomes 1600 ×
//! 1200 and a few hundred KB), so that minutes with a dozen photos can be sent by e-mail. The
//! original stays in the database untouched.
//!
//! The turn a photo needs (its EXIF orientation, read by [`metadata::strip`](super::metadata),
//! and the photo's own `rotation_degrees`) is applied to the pixels here, so every format embeds
//! an upright picture and turns nothing itself: a word processor, a browser and a PDF viewer show
//! it the same, and the layout box of a portrait photo is a portrait box.
//!
//! A photo that is already small enough (upright, within the long side, at most [`KEEP_BYTES`])
//! is embedded as it is, without its metadata; a picture with transparency is written as a PNG.
//! A photo that cannot be decoded is `None`: the document shows its caption only.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};

use super::metadata::Turn;

/// The long side of a photo in a document, in pixels: sharp on a printed A4 page (16 cm at
/// 250 dpi) and on a screen.
pub const LONG_SIDE: u32 = 1600;

/// The JPEG quality of the copies.
pub const QUALITY: u8 = 80;

/// A photo up to this size that needs neither turning nor shrinking is embedded as it is.
pub const KEEP_BYTES: usize = 400 * 1024;

/// A picture ready to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// The image file's bytes.
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png`.
    pub media_type: &'static str,
    /// Width in pixels, upright.
    pub width: u32,
    /// Height in pixels, upright.
    pub height: u32,
}

/// The copy of a photo (a JPEG or PNG already stripped of its metadata) turned by `turn` and
/// shrunk to [`LONG_SIDE`], or `None` when it cannot be decoded.
pub fn copy(stripped: Vec<u8>, turn: Turn) -> Option<Copy> {
    let png = stripped.starts_with(b"\x89PNG\r\n\x1a\n");
    let format = if png { ImageFormat::Png } else { ImageFormat::Jpeg };
    // The decoder's default limits (512 MB for one picture) refuse absurd sizes: a caption then.
    let mut decoder = ImageReader::with_format(Cursor::new(&stripped), format).into_decoder().ok()?;
    let icc = decoder.icc_profile().ok().flatten();
    let picture = DynamicImage::from_decoder(decoder).ok()?;
    let (width, height) = (picture.width(), picture.height());
    if turn == Turn::default() && width.max(height) <= LONG_SIDE && stripped.len() <= KEEP_BYTES {
        let media_type = if png { "image/png" } else { "image/jpeg" };
        return Some(Copy { bytes: stripped, media_type, width, height });
    }
    drop(stripped);
    let picture = if width.max(height) > LONG_SIDE {
        // Fits into the square, keeping the aspect ratio; the triangle filter averages every
        // source pixel when shrinking.
        picture.resize(LONG_SIDE, LONG_SIDE, FilterType::Triangle)
    } else {
        picture
    };
    // Mirror first, then turn clockwise.
    let picture = if turn.mirrored { picture.fliph() } else { picture };
    let picture = match turn.degrees % 360 {
        90 => picture.rotate90(),
        180 => picture.rotate180(),
        270 => picture.rotate270(),
        _ => picture,
    };
    let (width, height) = (picture.width(), picture.height());
    let mut bytes = Vec::new();
    let media_type = if picture.color().has_alpha() {
        let mut encoder = PngEncoder::new(&mut bytes);
        if let Some(icc) = icc {
            // Without it the colours are read as sRGB; a picture nonetheless.
            let _ = encoder.set_icc_profile(icc);
        }
        let rgba = picture.to_rgba8();
        encoder.write_image(&rgba, width, height, image::ExtendedColorType::Rgba8).ok()?;
        "image/png"
    } else {
        let mut encoder = JpegEncoder::new_with_quality(&mut bytes, QUALITY);
        if let Some(icc) = icc {
            let _ = encoder.set_icc_profile(icc);
        }
        if picture.color().has_color() {
            encoder.write_image(&picture.to_rgb8(), width, height, image::ExtendedColorType::Rgb8).ok()?;
        } else {
            encoder.write_image(&picture.to_luma8(), width, height, image::ExtendedColorType::L8).ok()?;
        }
        "image/jpeg"
    };
    Some(Copy { bytes, media_type, width, height })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        // Left half dark, right half light: a turn shows in the pixels.
        let picture = image::RgbImage::from_fn(w, h, |x, _| {
            if x < w / 2 { image::Rgb([20, 20, 20]) } else { image::Rgb([230, 230, 230]) }
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90).encode_image(&picture).unwrap();
        out
    }

    fn decoded(copy: &Copy) -> image::RgbImage {
        image::load_from_memory(&copy.bytes).unwrap().to_rgb8()
    }

    #[test]
    fn a_small_upright_photo_stays_as_it_is() {
        let bytes = jpeg(40, 30);
        let copy = copy(bytes.clone(), Turn::default()).unwrap();
        assert_eq!(copy, Copy { bytes, media_type: "image/jpeg", width: 40, height: 30 });
    }

    #[test]
    fn a_large_photo_shrinks_to_the_long_side() {
        let copy = copy(jpeg(4000, 3000), Turn::default()).unwrap();
        assert_eq!((copy.width, copy.height), (1600, 1200));
        assert_eq!(decoded(&copy).dimensions(), (1600, 1200));
        assert_eq!(copy.media_type, "image/jpeg");
    }

    #[test]
    fn a_turn_is_applied_to_the_pixels() {
        // Turned clockwise a quarter, the dark left half becomes the upper half.
        let copy = copy(jpeg(40, 20), Turn { degrees: 90, mirrored: false }).unwrap();
        assert_eq!((copy.width, copy.height), (20, 40));
        let picture = decoded(&copy);
        assert!(picture.get_pixel(10, 5)[0] < 100 && picture.get_pixel(10, 35)[0] > 150);
        // Mirrored, the dark half is on the right.
        let copy = super::copy(jpeg(40, 20), Turn { degrees: 0, mirrored: true }).unwrap();
        let picture = decoded(&copy);
        assert!(picture.get_pixel(35, 10)[0] < 100 && picture.get_pixel(5, 10)[0] > 150);
    }

    #[test]
    fn what_cannot_be_decoded_is_none() {
        assert_eq!(copy(vec![0xFF, 0xD8, 0xFF, 0xD9], Turn::default()), None);
        assert_eq!(copy(b"\x89PNG\r\n\x1a\nbroken".to_vec(), Turn::default()), None);
    }
}
