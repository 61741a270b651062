//! The content of a document, built once as a list of [`Block`]s in reading order, which every
//! format then writes in its own way: [`minutes`] and [`concept`] each assemble their document
//! chapter by chapter, one function per chapter, from the lookups of a [`Context`] (labels,
//! statement numbers, links, where each note was taken).

mod concept;
mod context;
mod minutes;

pub use context::{Context, question};

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{DocumentKind, DocumentOptions, MinutesInput, Photo, downsample, metadata};

/// A document: its title (for metadata) and its blocks in reading order.
pub struct Doc {
    /// "Protokoll – Arbeit und Übergang".
    pub title: String,
    /// The content.
    pub blocks: Vec<Block>,
}

/// A photo as every format embeds it: without its metadata ([`metadata::strip`]), upright (its
/// EXIF orientation and its own rotation applied to the pixels) and at most
/// [`downsample::LONG_SIDE`] pixels on its long side ([`downsample::copy`]).
#[derive(Clone)]
pub struct Picture {
    /// The image file's bytes.
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png`.
    pub media_type: &'static str,
    /// Width in pixels, as shown.
    pub width: u32,
    /// Height in pixels, as shown.
    pub height: u32,
}

impl Picture {
    /// The photo ready to embed, or `None` when its bytes cannot be read through or decoded (the
    /// document shows its caption only).
    pub fn of(photo: &Photo) -> Option<Self> {
        let stripped = metadata::strip(&photo.bytes)?;
        let turn = metadata::Turn {
            degrees: (photo.rotation_degrees % 360 + stripped.turn.degrees) % 360,
            mirrored: stripped.turn.mirrored,
        };
        let copy = downsample::copy(stripped.bytes, turn)?;
        Some(Self { bytes: copy.bytes, media_type: copy.media_type, width: copy.width, height: copy.height })
    }
}

/// Whether a document embeds its photos (DOCX, PDF, HTML) or shows their captions only
/// (Markdown), which needs no photo decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pictures {
    /// Every photo is made ready to embed ([`Picture::of`]), once per document.
    Embed,
    /// Captions only.
    CaptionsOnly,
}

/// Every photo of the input made ready to embed, by its address in the input, on up to four
/// threads (decoding and shrinking a phone photo takes a while; each is done once per document,
/// whichever format writes it).
fn pictures(input: &MinutesInput) -> HashMap<*const Photo, Picture> {
    let photos: Vec<&Photo> = input.workshops.iter().flat_map(|w| &w.photos).collect();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 4).min(photos.len());
    if threads <= 1 {
        return photos.into_iter().filter_map(|p| Some((std::ptr::from_ref(p), Picture::of(p)?))).collect();
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(p) = photos.get(at) else { return done };
                        if let Some(picture) = Picture::of(p) {
                            done.push((at, picture));
                        }
                    }
                })
            })
            .collect();
        // A worker that panicked loses its photos to their captions rather than the document.
        workers
            .into_iter()
            .filter_map(|w| w.join().ok())
            .flatten()
            .map(|(at, picture)| (std::ptr::from_ref(photos[at]), picture))
            .collect()
    })
}

/// One piece of content.
pub enum Block {
    /// The title page; what follows starts on a new page.
    TitlePage {
        /// "Protokoll".
        kind: String,
        /// The workshop's or process's title.
        title: String,
        /// Date, place, process, one per line.
        lines: Vec<String>,
        /// The purpose, when known.
        purpose: String,
    },
    /// A heading of level 1 to 3.
    Heading(u8, String),
    /// A paragraph of text (may contain line breaks).
    Paragraph(String),
    /// Secondary text: a question, who wrote a note, sources.
    Quiet(String),
    /// A list item at a depth (0 or 1), with secondary text after it.
    Item {
        /// 0 or 1.
        depth: u8,
        /// The text.
        text: String,
        /// Tags, author, sources; may be empty.
        meta: String,
    },
    /// A table with a header row; `widths` are relative column widths.
    Table {
        /// Relative widths, one per column.
        widths: Vec<u16>,
        /// Column headers.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
    /// A photo with a caption; only the caption when the photo cannot be embedded.
    Photo(Option<Picture>, String),
}

/// Relative column widths for a table from what it holds, in characters: each column at least
/// as wide as its header's longest word (headers are never hyphenated) and its cells' longest
/// word (up to 12 characters; longer ones are hyphenated); the room left goes to the columns by
/// how much text they hold, none wider than its longest line. So a column of numbers stays
/// narrow and the statements get the width.
pub fn widths_by_content(header: &[String], rows: &[Vec<String>]) -> Vec<u16> {
    /// About as many characters of table text as fit across an A4 page's text width.
    const ROOM: usize = 100;
    /// A cell's padding, in characters.
    const PAD: usize = 2;
    let chars = |s: &str| s.chars().count();
    let longest_word = |s: &str| s.split_whitespace().map(chars).max().unwrap_or(0);
    // Headers are set bold, a little wider.
    let mut least: Vec<usize> = header.iter().map(|h| longest_word(h) + 1).collect();
    let mut wanted: Vec<usize> = header.iter().map(|h| chars(h) + 1).collect();
    let mut weight: Vec<usize> = vec![1; header.len()];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(header.len()) {
            weight[i] += chars(cell);
            for line in cell.lines() {
                least[i] = least[i].max(longest_word(line).min(12));
                wanted[i] = wanted[i].max(chars(line));
            }
        }
    }
    let mut extra = vec![0usize; header.len()];
    let mut left = ROOM.saturating_sub(PAD * header.len()).saturating_sub(least.iter().sum());
    // Share by weight, none beyond its longest line; what a column cannot take goes round again.
    for _ in 0..4 {
        let open: Vec<usize> = (0..header.len()).filter(|&i| least[i] + extra[i] < wanted[i]).collect();
        let total: usize = open.iter().map(|&i| weight[i]).sum();
        if left == 0 || total == 0 {
            break;
        }
        let mut given = 0;
        for &i in &open {
            let share = (left * weight[i] / total).min(wanted[i] - least[i] - extra[i]);
            extra[i] += share;
            given += share;
        }
        left -= given;
        if given == 0 {
            break;
        }
    }
    (0..header.len()).map(|i| u16::try_from(least[i] + extra[i] + PAD).unwrap_or(u16::MAX)).collect()
}

/// The document for the input's kind, its photos embedded or as captions only.
pub fn document(input: &MinutesInput, options: &DocumentOptions, embed: Pictures) -> Doc {
    let pictures = match (embed, input.kind) {
        // A concept draft shows no photos.
        (Pictures::Embed, DocumentKind::Minutes) => pictures(input),
        _ => HashMap::new(),
    };
    let ctx = Context::new(input, options, pictures);
    let kind = match input.kind {
        DocumentKind::Minutes => ctx.l.minutes,
        DocumentKind::Concept => ctx.l.concept,
    };
    let blocks = match input.kind {
        DocumentKind::Minutes => minutes::blocks(&ctx),
        DocumentKind::Concept => concept::blocks(&ctx),
    };
    Doc { title: format!("{kind} – {}", ctx.text(&input.title)), blocks }
}
