//! The base under the printables and the documents: the embedded fonts ([`fonts`]) and the text
//! layout and drawing helpers on top of them ([`layout`]), which both the printables and the
//! documents' PDF use; the base labels ("Tisch", "Runde", dates) in German and English
//! ([`labels`]); sort keys and clock spans ([`text`]); the escapers of the text formats
//! ([`escape`]); and the one error type ([`ExportError`]). Nothing here knows about a particular
//! printable or document.

pub mod error;
pub mod escape;
pub mod fonts;
pub mod labels;
pub mod layout;
pub mod text;

pub use error::ExportError;
