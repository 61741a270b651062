//! The written documents after a workshop: its minutes and the concept draft of a process, as
//! DOCX, PDF, Markdown, HTML and CSV, in German or English. The caller gathers everything into a
//! [`MinutesInput`] (setups, notes, photos, timetables, statements); [`content`] turns it once
//! into a list of blocks (headings, paragraphs, list items, tables, photos), one function per
//! chapter, and each writer in [`render`] turns the blocks into its format, so all formats say the
//! same (the CSV files list the notes and statements directly). With `pseudonymise`, every
//! person's name is replaced by initials ("Anna Müller" → "A. M."): in the attendance, as table
//! host and note author, and inside every text typed about the workshop (notes, summaries,
//! statements, topics, questions, …) by the rule of `cafehost_core::pseudonym`, also after a
//! title ("Frau Schulze"); a statement's owner that reads as a person's name ("Lisa Schmitz")
//! too, while offices ("Jugendamt") stay;
//! photos are captioned by table, round and number instead of their file names. Every photo, in
//! every document, is embedded without its metadata (EXIF, XMP, IPTC, comments: see
//! `metadata`), upright and downsampled to at most 1400 pixels on its long side (a JPEG of
//! quality 80: see `downsample`), once per document; Markdown and CSV, which show no photo,
//! decode none and need no photo bytes in their input.

mod content;
mod downsample;
mod labels;
mod metadata;
mod render;

use cafehost_core::consolidation::StatementLabels;
use cafehost_core::run::ScheduledStep;
use cafehost_core::{AttachmentId, Language, Note, RoundId, Statement, TableId, WorkshopSetup};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::ExportError;
use content::Pictures;

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The minutes ("Protokoll") of one workshop.
    #[default]
    Minutes,
    /// The concept draft ("Konzeptentwurf") of a process.
    Concept,
}

/// A photo to show with the notes of its table and round (the minutes), or to name as a
/// statement's source (every document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Its id, as statements name it among their sources.
    pub id: AttachmentId,
    /// The table, if any.
    pub table_id: Option<TableId>,
    /// The round, if any.
    pub round_id: Option<RoundId>,
    /// Its original file name (for captions and the Markdown placeholder; left out when
    /// pseudonymised, since it may name someone).
    pub file_name: String,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// The image file's bytes (documents embed a downsampled, upright copy without its metadata).
    /// Markdown and CSV show no photo and do not read them: they may be empty there.
    pub bytes: Vec<u8>,
    /// Clockwise rotation to apply: 0, 90, 180 or 270.
    pub rotation_degrees: u32,
}

/// The rules a document copy is made by ([`Photo::document_copy`]: its long side, quality): a
/// copy kept from other rules (an older version) is made again.
pub const DOCUMENT_COPY_RULES: u32 = 1;

impl Photo {
    /// The photo as documents embed it (upright, at most 1400 px, no metadata; its rotation
    /// applied, so 0 here), for a caller that wants to hold copies rather than originals; the
    /// bytes are empty when the picture cannot be decoded (documents then show its caption).
    #[must_use]
    pub fn document_copy(self) -> Self {
        let picture = content::Picture::of(&self);
        let (media_type, bytes) =
            picture.map_or_else(|| (self.media_type.clone(), Vec::new()), |p| (p.media_type.to_owned(), p.bytes));
        Self { media_type, bytes, rotation_degrees: 0, ..self }
    }
}

/// One workshop as the minutes see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopMinutes {
    /// Its number in its process ("W2"), in the order the workshops took place; 1 for a workshop
    /// of no process. Every document and CSV names the workshop by it, whichever workshops it
    /// covers.
    pub number: u32,
    /// Details, tables (with questions and hosts), rounds, participants with attendance.
    pub setup: WorkshopSetup,
    /// Its notes and summaries.
    pub notes: Vec<Note>,
    /// Its photos: the minutes show them; every document names those a statement comes from.
    /// A concept draft needs no bytes.
    pub photos: Vec<Photo>,
    /// Its timetable (`cafehost_core::run::schedule` of its agenda from its start time): the
    /// programme lists it, and the rounds' clock times come from it.
    pub schedule: Vec<ScheduledStep>,
}

/// Everything a minutes document or concept draft shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesInput {
    /// Minutes or concept draft.
    pub kind: DocumentKind,
    /// The document's title: the workshop's (minutes) or the process's (concept).
    pub title: String,
    /// The process the workshops belong to, if any.
    pub process_title: Option<String>,
    /// The process's description (the concept's purpose; else the workshops' purposes are used).
    pub process_description: String,
    /// The process's guiding vision ("Leitbild"): the concept draft opens with it.
    pub process_vision: String,
    /// Language of the labels.
    pub language: Language,
    /// The workshops, in the order they took place (each with its number, W1, W2, …).
    pub workshops: Vec<WorkshopMinutes>,
    /// The statements to show, goals first; sources may point at notes of the workshops above
    /// (others are counted as from other workshops).
    pub statements: Vec<Statement>,
    /// The labels of every statement of the scope ("Z 2.1", "M 2.1.3"), made by the core from all
    /// of them and the process's fields of action in their order (`StatementLabels::new`), so a
    /// statement shown here names a goal by the label it has everywhere, shown here or not.
    pub labels: StatementLabels,
    /// Entries of the workshops' lists decided by hand to be one person, or someone of their own
    /// (`cafehost_core::participation`): the concept counts people by them.
    pub chosen_people: cafehost_core::participation::ChosenPeople,
    /// List the participants' names under their organisation (else only counts).
    pub include_names: bool,
    /// Replace people's names by initials: in the attendance, as hosts and authors, inside the
    /// texts (notes, summaries, statements, …), as owners; photos are captioned without their
    /// file names.
    pub pseudonymise: bool,
    /// When the document is made, written into its properties (DOCX, PDF); `None` leaves it
    /// undated (tests that compare bytes).
    pub created: Option<chrono::DateTime<chrono::Utc>>,
}

/// How a document is written, beyond what it says: choices the app may offer. The defaults are
/// what [`markdown`], [`html`], [`docx`] and [`pdf`] use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DocumentOptions {
    /// PDF only: write PDF/A-2u (archival) besides PDF/UA-1, for a records office that files
    /// PDF/A only. Needs `MinutesInput::created` (PDF/A requires the date it was made).
    pub pdf_archive: bool,
    /// Concept drafts: the fields of action in this order (as typed; compared case- and
    /// accent-blind). Fields not listed follow in the order the statements first name them.
    pub field_order: Vec<String>,
    /// Concept drafts: each field's starting situation ("Ausgangslage") as (field name, text),
    /// names compared as in `field_order`; it opens the field's chapter, which a field with a
    /// situation gets even before any statement names it.
    pub field_situations: Vec<(String, String)>,
}

/// Markdown (`CommonMark` with pipe tables). Photos appear as a caption line (with the file name
/// unless pseudonymised), since a Markdown file cannot hold them.
pub fn markdown(input: &MinutesInput) -> String {
    markdown_with(input, &DocumentOptions::default())
}

/// [`markdown`] with options.
pub fn markdown_with(input: &MinutesInput, options: &DocumentOptions) -> String {
    render::markdown::render(&content::document(input, options, Pictures::CaptionsOnly))
}

/// One self-contained HTML page: styles inline, photos as `data:` URIs, all text escaped.
pub fn html(input: &MinutesInput) -> String {
    html_with(input, &DocumentOptions::default())
}

/// [`html`] with options.
pub fn html_with(input: &MinutesInput, options: &DocumentOptions) -> String {
    render::html::render(&content::document(input, options, Pictures::Embed), input.language)
}

/// Every note as CSV for spreadsheets: semicolon-separated, UTF-8 with BOM, CRLF, formula-like
/// cells defused with a leading apostrophe.
pub fn csv_notes(input: &MinutesInput) -> String {
    render::csv::notes(input)
}

/// Every statement as CSV (as [`csv_notes`]), with its level, number, sources and links.
pub fn csv_statements(input: &MinutesInput) -> String {
    render::csv::statements(input)
}

/// A Word document (Office Open XML): headings with Word's heading styles, tables, photos.
pub fn docx(input: &MinutesInput) -> Result<Vec<u8>, ExportError> {
    docx_with(input, &DocumentOptions::default())
}

/// [`docx`] with options.
pub fn docx_with(input: &MinutesInput, options: &DocumentOptions) -> Result<Vec<u8>, ExportError> {
    render::docx::render(&content::document(input, options, Pictures::Embed), input.language, input.created)
}

/// A tagged PDF (A4, PDF/UA-1) with the embedded fonts and the photos.
pub fn pdf(input: &MinutesInput) -> Result<Vec<u8>, ExportError> {
    pdf_with(input, &DocumentOptions::default())
}

/// [`pdf`] with options: with `pdf_archive`, also PDF/A-2u.
pub fn pdf_with(input: &MinutesInput, options: &DocumentOptions) -> Result<Vec<u8>, ExportError> {
    render::pdf::render(
        &content::document(input, options, Pictures::Embed),
        input.language,
        input.created,
        options.pdf_archive,
    )
}
