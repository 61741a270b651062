//! The copy of a photo that a document embeds: upright, at most [`LONG_SIDE`] pixels on its
//! long side, a JPEG of quality [`QUALITY`] (a 4000 × 3000 phone photo of 2–4 MB becomes 1400 ×
//! 1050 and about 100 KB), so that the minutes of a workshop with 40 photos stay under 5 MB and can
//! be sent by e-mail. The
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
/// 220 dpi; markers on a tablecloth stay legible) and on a screen, and small enough that 40
/// photos of a workshop fit into 5 MB.
pub const LONG_SIDE: u32 = 1400;

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
    // Its size is in its header: a copy already made (one a document embeds as it is) is not
    // decoded again.
    let (width, height) = decoder.dimensions();
    if turn == Turn::default()
        && width.min(height) > 0
        && width.max(height) <= LONG_SIDE
        && stripped.len() <= KEEP_BYTES
    {
        drop(decoder);
        let media_type = if png { "image/png" } else { "image/jpeg" };
        return Some(Copy { bytes: stripped, media_type, width, height });
    }
    let picture = DynamicImage::from_decoder(decoder).ok()?;
    let (width, height) = (picture.width(), picture.height());
    drop(stripped);
    let picture = if width.max(height) > LONG_SIDE { shrunk(picture) } else { picture };
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

/// `picture` fitted into a square of [`LONG_SIDE`], keeping its aspect ratio. Each pixel of the
/// copy is the average of the area of the original it covers (an area filter, as sharp as
/// shrinking by a whole factor allows and free of moiré), in integers and two passes, so a phone
/// photo takes a few tens of milliseconds, not the few hundred of a general filter.
fn shrunk(picture: DynamicImage) -> DynamicImage {
    let (width, height) = (picture.width(), picture.height());
    let scale = f64::from(LONG_SIDE) / f64::from(width.max(height));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // at most LONG_SIDE
    let fit = |side: u32| ((f64::from(side) * scale).round() as u32).clamp(1, LONG_SIDE);
    let (w, h) = (fit(width), fit(height));
    match picture {
        DynamicImage::ImageRgb8(p) => {
            let pixels = area_average(p.as_raw(), (width, height), (w, h), 3);
            image::RgbImage::from_raw(w, h, pixels).map_or(DynamicImage::new_rgb8(w, h), DynamicImage::ImageRgb8)
        }
        DynamicImage::ImageRgba8(p) => {
            let pixels = area_average(p.as_raw(), (width, height), (w, h), 4);
            image::RgbaImage::from_raw(w, h, pixels).map_or(DynamicImage::new_rgba8(w, h), DynamicImage::ImageRgba8)
        }
        DynamicImage::ImageLuma8(p) => {
            let pixels = area_average(p.as_raw(), (width, height), (w, h), 1);
            image::GrayImage::from_raw(w, h, pixels).map_or(DynamicImage::new_luma8(w, h), DynamicImage::ImageLuma8)
        }
        // 16-bit and other rare pictures: the general filter.
        other => other.resize(LONG_SIDE, LONG_SIDE, FilterType::Triangle),
    }
}

/// Fixed-point weights: 1.0 is `1 << WEIGHT_BITS`.
const WEIGHT_BITS: u32 = 14;

/// For each of `to` cells, the cells of `from` it covers with the share of each (summing to 1.0).
fn area_weights(from: u32, to: u32) -> Vec<Vec<(usize, u32)>> {
    let step = f64::from(from) / f64::from(to);
    let one = f64::from(1u32 << WEIGHT_BITS);
    (0..to)
        .map(|i| {
            let (start, end) = (f64::from(i) * step, (f64::from(i) + 1.0) * step);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // within 0..from
            let (first, last) = (start.floor() as usize, (end.ceil() as usize).min(from as usize));
            let mut cells: Vec<(usize, u32)> = (first..last)
                .map(|j| {
                    #[allow(clippy::cast_precision_loss)] // a picture's side
                    let (a, b) = ((j as f64).max(start), ((j + 1) as f64).min(end));
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=one
                    let weight = ((b - a) / step * one).round() as u32;
                    (j, weight)
                })
                .filter(|(_, w)| *w > 0)
                .collect();
            // Rounding may miss 1.0 by a little: the largest share takes the difference.
            let sum: u32 = cells.iter().map(|(_, w)| w).sum();
            if let Some(largest) = cells.iter_mut().max_by_key(|(_, w)| *w) {
                largest.1 = (largest.1 + (1 << WEIGHT_BITS)).saturating_sub(sum);
            }
            cells
        })
        .collect()
}

/// `pixels` (`size`, `channels` bytes each) averaged by area into `to`: rows first, into 8 more
/// bits of precision, then columns.
fn area_average(pixels: &[u8], size: (u32, u32), to: (u32, u32), channels: usize) -> Vec<u8> {
    let (width, height) = (size.0 as usize, size.1 as usize);
    let (w, h) = (to.0 as usize, to.1 as usize);
    let across = area_weights(size.0, to.0);
    let down = area_weights(size.1, to.1);
    // Each row shrunk across, as values × 256.
    let mut rows = vec![0u16; w * height * channels];
    for (y, out) in rows.chunks_exact_mut(w * channels).enumerate() {
        let row = &pixels[y * width * channels..(y + 1) * width * channels];
        for (x, cells) in across.iter().enumerate() {
            for c in 0..channels {
                let sum: u32 = cells.iter().map(|(j, weight)| weight * u32::from(row[j * channels + c])).sum();
                // At most 255 << 14, shifted to 255 << 8.
                out[x * channels + c] = u16::try_from(sum >> (WEIGHT_BITS - 8)).unwrap_or(u16::MAX);
            }
        }
    }
    let mut out = vec![0u8; w * h * channels];
    for (y, cells) in down.iter().enumerate() {
        let line = &mut out[y * w * channels..(y + 1) * w * channels];
        for (i, value) in line.iter_mut().enumerate() {
            let sum: u32 = cells.iter().map(|(j, weight)| weight * u32::from(rows[j * w * channels + i])).sum();
            let rounded = (sum + (1 << (WEIGHT_BITS + 7))) >> (WEIGHT_BITS + 8);
            *value = u8::try_from(rounded).unwrap_or(u8::MAX);
        }
    }
    out
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
        assert_eq!((copy.width, copy.height), (1400, 1050));
        assert_eq!(decoded(&copy).dimensions(), (1400, 1050));
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
    fn shrinking_averages_the_area_each_pixel_covers() {
        // Stripes one pixel wide average to grey; a flat colour stays that colour.
        let stripes = image::GrayImage::from_fn(2800, 10, |x, _| image::Luma([if x % 2 == 0 { 0 } else { 200 }]));
        let grey = shrunk(DynamicImage::ImageLuma8(stripes)).to_luma8();
        assert_eq!(grey.dimensions(), (1400, 5));
        assert!(grey.pixels().all(|p| p[0] == 100), "{:?}", &grey.as_raw()[..8]);
        let flat = image::RgbImage::from_pixel(4000, 3000, image::Rgb([10, 128, 250]));
        let still = shrunk(DynamicImage::ImageRgb8(flat)).to_rgb8();
        assert_eq!(still.dimensions(), (1400, 1050));
        assert!(still.pixels().all(|p| p.0 == [10, 128, 250]));
        // A factor that is not whole: every weight sums to one, nothing is lost at the edges.
        let weights = area_weights(4032, 1600);
        assert!(weights.iter().all(|cells| cells.iter().map(|(_, w)| w).sum::<u32>() == 1 << WEIGHT_BITS));
        assert_eq!(weights.last().and_then(|cells| cells.last()).map(|(j, _)| *j), Some(4031));
    }

    #[test]
    fn what_cannot_be_decoded_is_none() {
        assert_eq!(copy(vec![0xFF, 0xD8, 0xFF, 0xD9], Turn::default()), None);
        assert_eq!(copy(b"\x89PNG\r\n\x1a\nbroken".to_vec(), Turn::default()), None);
    }
}
