//! Photos without their metadata, before any document embeds them.
//!
//! A phone or camera writes more into a photo than the picture: EXIF (GPS position, time, the
//! camera's owner and serial number, a thumbnail), XMP (names of the people tagged in it, edit
//! history), IPTC (author, captions), comments, and sometimes further pictures after the end of
//! the first (a depth map, a gain map). None of it is shown in a document, and nobody sharing
//! minutes means to share it, so every photo is stripped in every document, pseudonymised or
//! not (the original stays in the database). What is needed to show the picture is kept: the
//! frame, tables and scans of a JPEG with its JFIF header, ICC colour profile and Adobe colour
//! transform; the image chunks of a PNG with those about colour, transparency and pixel size.
//!
//! The EXIF orientation goes with the EXIF. The app shows photos as the camera meant them (the
//! window's web view follows the orientation) and `rotation_degrees` turns them further, so the
//! orientation is read first and added to that turn, which `downsample` then applies to the
//! pixels of the copy every format embeds (the PDF ignored the EXIF orientation before, so a
//! portrait phone photo lay on its side there; whether a word processor or a browser follows it
//! no longer matters, and none of them turns anything). A PNG's `eXIf` chunk is dropped without
//! reading an orientation: cameras write JPEGs.
//!
//! Hand-written rather than a crate: `img-parts` stops reading at the first scan, so comments
//! between the scans of a progressive JPEG and pictures appended after its end would stay, and it
//! does not read the orientation. The filter below keeps what it knows to be picture and drops
//! everything else.

/// How to turn a picture to show it upright: first mirror it (left to right) when `mirrored`,
/// then turn it clockwise by `degrees` (0, 90, 180 or 270).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Turn {
    pub degrees: u32,
    pub mirrored: bool,
}

impl Turn {
    /// The turn an EXIF orientation (1–8) asks for; anything else is upright.
    fn of_orientation(orientation: u16) -> Self {
        let (degrees, mirrored) = match orientation {
            2 => (0, true),
            3 => (180, false),
            4 => (180, true),
            5 => (270, true),
            6 => (90, false),
            7 => (90, true),
            8 => (270, false),
            _ => (0, false),
        };
        Self { degrees, mirrored }
    }
}

/// A photo's picture without its metadata, and the turn its metadata asked for.
#[derive(Debug, PartialEq, Eq)]
pub struct Stripped {
    pub bytes: Vec<u8>,
    pub turn: Turn,
}

/// The photo without metadata, or `None` when it is neither a JPEG nor a PNG that can be read
/// through (a document then shows its caption only, rather than bytes it could not clean).
pub fn strip(bytes: &[u8]) -> Option<Stripped> {
    if bytes.starts_with(PNG_SIGNATURE) {
        return strip_png(bytes).map(|bytes| Stripped { bytes, turn: Turn::default() });
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return strip_jpeg(bytes);
    }
    None
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The PNG chunks that make or colour the picture; every other chunk (`tEXt`, `zTXt`, `iTXt`,
/// `eXIf`, `tIME`, private ones) is left out.
const PNG_PICTURE: &[&[u8]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCV",
    b"cLLI", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = PNG_SIGNATURE.to_vec();
    let mut at = PNG_SIGNATURE.len();
    loop {
        let len = usize::try_from(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?)).ok()?;
        // Length, type, data, CRC.
        let chunk = bytes.get(at..at.checked_add(12)?.checked_add(len)?)?;
        let kind = &chunk[4..8];
        if PNG_PICTURE.contains(&kind) {
            out.extend_from_slice(chunk);
        }
        at += chunk.len();
        if kind == b"IEND" {
            // Whatever follows the end is no part of the picture.
            return Some(out);
        }
    }
}

/// Whether a JPEG segment (marker and payload) belongs to the picture.
fn jpeg_keeps(marker: u8, payload: &[u8]) -> bool {
    match marker {
        // JFIF without a thumbnail (a thumbnail may show what was cropped away).
        0xE0 => payload.starts_with(b"JFIF\0") && payload.len() == 14,
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
        0xEE => payload.starts_with(b"Adobe"),
        // Every other application segment (EXIF and XMP in APP1, IPTC in APP13, …) and comments.
        0xE0..=0xEF | 0xFE => false,
        // Frames, tables, scans, restart intervals: the picture.
        _ => true,
    }
}

fn strip_jpeg(bytes: &[u8]) -> Option<Stripped> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation = None;
    let mut at = 2;
    loop {
        if at >= bytes.len() {
            // A file cut short after a segment: end it properly.
            out.extend_from_slice(&[0xFF, 0xD9]);
            break;
        }
        if bytes[at] != 0xFF {
            return None;
        }
        // Fill bytes may stand before a marker.
        while bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at + 1)?;
        if marker == 0xD9 {
            // The end of the picture; whatever follows (an appended picture) is left out.
            out.extend_from_slice(&[0xFF, 0xD9]);
            break;
        }
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            out.extend_from_slice(&[0xFF, marker]);
            at += 2;
            continue;
        }
        if marker == 0xD8 || marker == 0x00 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]));
        if len < 2 {
            return None;
        }
        let segment = bytes.get(at..at + 2 + len)?;
        let payload = &segment[4..];
        if marker == 0xE1 && orientation.is_none() {
            orientation = payload.strip_prefix(b"Exif\0\0").and_then(exif_orientation);
        }
        if jpeg_keeps(marker, payload) {
            out.extend_from_slice(segment);
        }
        at += segment.len();
        if marker == 0xDA {
            // Entropy-coded data up to the next marker: a 0xFF in it is followed by 0x00 (a
            // stuffed byte) or a restart marker.
            let start = at;
            while at < bytes.len() {
                if bytes[at] == 0xFF && !matches!(bytes.get(at + 1), Some(0x00 | 0xD0..=0xD7)) {
                    break;
                }
                at += 1;
            }
            out.extend_from_slice(&bytes[start..at]);
        }
    }
    Some(Stripped { bytes: out, turn: Turn::of_orientation(orientation.unwrap_or(1)) })
}

/// The orientation (tag 0x0112 of the first image file directory) of an EXIF block, which is a
/// TIFF file: byte order, 42, the offset of the directory; 12-byte entries of tag, type, count,
/// value.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big_endian = match tiff.get(0..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big_endian { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    };
    if u16_at(2)? != 42 {
        return None;
    }
    let directory = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(directory)?);
    (0..entries).map(|n| directory + 2 + 12 * n).find(|&entry| u16_at(entry) == Some(0x0112)).and_then(|entry| {
        // Type 3 is SHORT; its value stands in the first two bytes of the value field.
        (u16_at(entry + 2)? == 3).then(|| u16_at(entry + 8)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An EXIF block (TIFF, big or little endian) with an orientation and an artist's name.
    fn exif(orientation: u16, big_endian: bool) -> Vec<u8> {
        let u16b = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        let u32b = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        let mut t = Vec::new();
        t.extend_from_slice(if big_endian { b"MM" } else { b"II" });
        t.extend_from_slice(&u16b(42));
        t.extend_from_slice(&u32b(8));
        t.extend_from_slice(&u16b(2));
        // Orientation, SHORT, 1, value.
        t.extend_from_slice(&u16b(0x0112));
        t.extend_from_slice(&u16b(3));
        t.extend_from_slice(&u32b(1));
        t.extend_from_slice(&u16b(orientation));
        t.extend_from_slice(&[0, 0]);
        // Artist, ASCII, 12 bytes at offset 38.
        t.extend_from_slice(&u16b(0x013B));
        t.extend_from_slice(&u16b(2));
        t.extend_from_slice(&u32b(12));
        t.extend_from_slice(&u32b(38));
        t.extend_from_slice(&u32b(0));
        t.extend_from_slice(b"Anna Mueller");
        let mut payload = b"Exif\0\0".to_vec();
        payload.extend(t);
        payload
    }

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    /// A JPEG's structure (not decodable, but every kind of segment): JFIF, EXIF, XMP, ICC,
    /// IPTC, a comment, tables, a frame, a scan with a stuffed byte and a restart marker, a
    /// comment between scans, a second scan, the end and an appended picture with its own EXIF.
    fn jpeg(orientation: u16) -> (Vec<u8>, Vec<u8>) {
        let jfif = segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        let icc = segment(0xE2, b"ICC_PROFILE\0\x01\x01colours");
        let dqt = segment(0xDB, &[0; 65]);
        let sof = segment(0xC2, &[8, 0, 8, 0, 16, 1, 1, 0x11, 0]);
        let sos = segment(0xDA, &[1, 1, 0, 0, 63, 0]);
        let scan = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
        let mut file = vec![0xFF, 0xD8];
        for part in [
            jfif.clone(),
            segment(0xE1, &exif(orientation, true)),
            segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Anna Mueller</x:xmpmeta>"),
            icc.clone(),
            segment(0xED, b"Photoshop 3.0\08BIM by Anna Mueller"),
            segment(0xFE, b"Anna Mueller"),
            dqt.clone(),
            sof.clone(),
            sos.clone(),
            scan.to_vec(),
            segment(0xFE, b"Anna Mueller between scans"),
            sos.clone(),
            scan.to_vec(),
            vec![0xFF, 0xD9, 0xFF, 0xD8],
            segment(0xE1, &exif(1, false)),
        ] {
            file.extend(part);
        }
        let mut clean = vec![0xFF, 0xD8];
        for part in [jfif, icc, dqt, sof, sos.clone(), scan.to_vec(), sos, scan.to_vec(), vec![0xFF, 0xD9]] {
            clean.extend(part);
        }
        (file, clean)
    }

    #[test]
    fn a_jpeg_keeps_its_picture_and_loses_its_metadata() {
        let (file, clean) = jpeg(6);
        let stripped = strip(&file).unwrap();
        assert_eq!(stripped.bytes, clean);
        assert_eq!(stripped.turn, Turn { degrees: 90, mirrored: false }, "the orientation is kept as a turn");
        assert!(!stripped.bytes.windows(7).any(|w| w == b"Mueller"), "no name is left");
        // Stripping again changes nothing.
        assert_eq!(strip(&stripped.bytes).unwrap(), Stripped { bytes: clean, turn: Turn::default() });
    }

    #[test]
    fn every_orientation_becomes_a_turn() {
        for (orientation, degrees, mirrored) in [
            (1, 0, false),
            (2, 0, true),
            (3, 180, false),
            (4, 180, true),
            (5, 270, true),
            (6, 90, false),
            (7, 90, true),
            (8, 270, false),
            (9, 0, false),
        ] {
            for big_endian in [true, false] {
                assert_eq!(exif_orientation(&exif(orientation, big_endian)[6..]), Some(orientation));
            }
            assert_eq!(Turn::of_orientation(orientation), Turn { degrees, mirrored }, "{orientation}");
        }
        assert_eq!(exif_orientation(b"MM\0\x2a\0\0\0\x08\0"), None, "cut short");
        assert_eq!(exif_orientation(b"XX"), None);
    }

    #[test]
    fn a_png_keeps_its_picture_chunks_only() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0; 4]);
            c
        };
        let ihdr = chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        let idat = chunk(b"IDAT", b"pixels");
        let srgb = chunk(b"sRGB", &[0]);
        let iend = chunk(b"IEND", b"");
        let mut file = PNG_SIGNATURE.to_vec();
        for part in [
            ihdr.clone(),
            chunk(b"tEXt", b"Author\0Anna Mueller"),
            chunk(b"iTXt", b"Comment\0\0\0\0\0Anna Mueller"),
            chunk(b"zTXt", b"Author\0\0x"),
            chunk(b"eXIf", &exif(6, true)[6..]),
            srgb.clone(),
            idat.clone(),
            iend.clone(),
            b"appended".to_vec(),
        ] {
            file.extend(part);
        }
        let stripped = strip(&file).unwrap();
        assert_eq!(stripped.bytes, [PNG_SIGNATURE.to_vec(), ihdr, srgb, idat, iend].concat());
        assert_eq!(stripped.turn, Turn::default());
    }

    #[test]
    fn what_cannot_be_read_through_is_not_passed_on() {
        assert_eq!(strip(b"GIF89a"), None);
        assert_eq!(strip(&[0xFF, 0xD8, 0x12, 0x34]), None, "no marker where one belongs");
        assert_eq!(strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0x10, 0x00, 1, 2]), None, "a segment longer than the file");
        assert_eq!(strip(&[PNG_SIGNATURE, &[0, 0, 0, 13, b'I', b'H']].concat()), None, "a chunk cut short");
    }
}
