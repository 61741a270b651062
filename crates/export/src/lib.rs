//! Cafehost's exports: what is printed for the day of a World Café and what is written up after
//! it, in German or English. Pure like the core: every function takes the workshop's data and
//! returns the bytes of a file; no files, no clock.
//!
//! The crate holds two subsystems on a common base:
//!
//! - **Printables** (`printables/`): table cards, route cards ("Laufzettel"), the seating plan
//!   per round and the sign-in list, each a PDF drawn page by page, through [`render`] (or
//!   [`table_cards`], [`route_cards`], [`seating_plan`], [`sign_in_list`]).
//! - **Documents** (`documents/`, public as [`minutes`]): the minutes of a workshop and the
//!   concept draft of a process, as DOCX, PDF, Markdown, HTML and CSV, from a [`MinutesInput`].
//! - **Common** (`common/`): the embedded fonts (`DejaVu` Sans, embedded as subsets, so names
//!   such as "Jürgen Straßer", "Şükrü Çelik" or "Łukasz Wiśniewski" print on any computer and
//!   can be searched and copied), text layout and drawing, the base labels, sort keys, the
//!   escapers, and [`ExportError`].
//!
//! The flow is the same for both: **data → blocks → format**. The caller gathers the data (the
//! core's `WorkshopSetup`, seats, notes, statements, photos, and the workshop's timetable from
//! `cafehost_core::run::schedule`, the one timetable of a workshop: round 1 starts after the
//! welcome, breaks count, the harvest ends the day). The printables turn it into a view with
//! lookups and the rounds' clock times and lay it out straight onto PDF pages; the documents
//! build their content once as a list of blocks (headings, paragraphs, items, tables, photos),
//! chapter by chapter, which each format then writes, so every format says the same.

mod common;
mod documents;
mod printables;

pub use common::ExportError;
pub use documents::{DOCUMENT_COPY_RULES, DocumentKind, DocumentOptions, MinutesInput, Photo, WorkshopMinutes};
pub use printables::{
    PhoneLink, PrintOptions, Printable, render, route_cards, seating_plan, sign_in_list, table_cards,
};

/// The minutes and concept drafts (the documents subsystem) under the name the app uses:
/// `cafehost_export::minutes::docx(&input)`, `pdf`, `markdown`, `html`, `csv_notes`,
/// `csv_statements`, and the input types.
pub mod minutes {
    pub use crate::documents::{
        DocumentKind, DocumentOptions, MinutesInput, Photo, WorkshopMinutes, csv_notes, csv_statements, docx,
        docx_with, html, html_with, markdown, markdown_with, pdf, pdf_with,
    };
}
