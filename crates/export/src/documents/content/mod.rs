//! The content of a document, built once as a list of [`Block`]s in reading order, which every
//! format then writes in its own way: [`minutes`] and [`concept`] each assemble their document
//! chapter by chapter, one function per chapter, from the lookups of a [`Context`] (labels,
//! statement numbers, links, where each note was taken).

mod concept;
mod context;
mod minutes;

pub use context::{Context, question};

use super::{DocumentKind, MinutesInput, Photo, image, metadata};

/// A document: its title (for metadata) and its blocks in reading order.
pub struct Doc {
    /// "Protokoll – Arbeit und Übergang".
    pub title: String,
    /// The content.
    pub blocks: Vec<Block>,
}

/// A photo as every format embeds it: without its metadata ([`metadata::strip`]), turned as the
/// app shows it.
pub struct Picture {
    /// The image file's bytes, stripped.
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png`, from the bytes.
    pub media_type: &'static str,
    /// Clockwise turn, 0, 90, 180 or 270: the EXIF orientation's and the photo's own.
    pub degrees: u32,
    /// Mirrored left to right before the turn (some EXIF orientations ask for it).
    pub mirrored: bool,
}

impl Picture {
    /// The photo ready to embed, or `None` when its bytes cannot be read through (the document
    /// shows its caption only).
    pub fn of(photo: &Photo) -> Option<Self> {
        let stripped = metadata::strip(&photo.bytes)?;
        let media_type = image::media_type(&stripped.bytes)?;
        Some(Self {
            media_type,
            degrees: (photo.rotation_degrees % 360 + stripped.turn.degrees) % 360,
            mirrored: stripped.turn.mirrored,
            bytes: stripped.bytes,
        })
    }
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

/// The document for the input's kind.
pub fn document(input: &MinutesInput) -> Doc {
    let ctx = Context::new(input);
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
