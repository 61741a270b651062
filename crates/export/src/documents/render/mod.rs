//! The writers of the documents, one per format: each takes the blocks built by
//! [`super::content`] and writes them in its own way — Word ([`docx`], written directly as a ZIP of
//! XML parts), PDF ([`pdf`], with the printables' fonts and text layout), [`markdown`] and
//! [`html`] — while [`csv`] lists the notes and statements for spreadsheets. User text goes
//! through the escapers of [`crate::common::escape`], so it is never read as markup.

pub mod csv;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;
