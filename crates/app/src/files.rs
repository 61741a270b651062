//! Saving printouts (and later exports) as files in the export folder, under names a person
//! recognises: the workshop's title and what the document is, in the document's language.

use std::path::{Path, PathBuf};

use cafehost_core::{Language, WorkshopId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Documents, PrintOptions, Printable, Result};

/// A file Cafehost wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedFile {
    /// Where it is.
    pub path: String,
    /// Its size.
    pub bytes: u32,
}

fn document_name(document: Printable, language: Language) -> &'static str {
    match (document, language) {
        (Printable::TableCards, Language::De) => "Tischkarten",
        (Printable::TableCards, Language::En) => "Table cards",
        (Printable::RouteCards, Language::De) => "Laufzettel",
        (Printable::RouteCards, Language::En) => "Route cards",
        (Printable::Seating, Language::De) => "Sitzplan",
        (Printable::Seating, Language::En) => "Seating plan",
        (Printable::SignIn, Language::De) => "Anmeldeliste",
        (Printable::SignIn, Language::En) => "Sign-in list",
    }
}

/// A file name from free text: no path separators or characters Windows refuses, not too long.
pub(crate) fn file_stem(text: &str) -> String {
    let cleaned: String =
        text.chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '-'
                } else {
                    c
                }
            })
            .collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    let short: String = trimmed.chars().take(80).collect();
    if short.is_empty() { "Cafehost".to_owned() } else { short }
}

/// Writes `bytes` to `path` through a temporary file, so a crash never leaves half a file.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |source| AppError::Write { path: path.to_owned(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let partial = path.with_extension("part");
    std::fs::write(&partial, bytes).map_err(failed)?;
    std::fs::rename(&partial, path).map_err(failed)
}

impl Documents<'_> {
    /// Renders a printable and saves it as `<workshop title> – <document>.pdf` in the export
    /// folder, replacing an earlier copy.
    pub fn save_printable(
        &self,
        workshop: WorkshopId,
        document: Printable,
        language: Language,
        options: PrintOptions,
    ) -> Result<SavedFile> {
        let title = self.0.read(|s| Ok(s.workshop(workshop)?.details.title))?;
        let pdf = self.print_with(workshop, document, language, options)?;
        let name = format!("{} – {}.pdf", file_stem(&title), document_name(document, language));
        let path: PathBuf = self.0.export_dir.join(name);
        write_whole(&path, &pdf)?;
        Ok(SavedFile { path: path.display().to_string(), bytes: u32::try_from(pdf.len()).unwrap_or(u32::MAX) })
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(file_stem("Integration durch Bildung"), "Integration durch Bildung");
        assert_eq!(file_stem("Kita/Schule: Übergang?"), "Kita-Schule- Übergang-");
        assert_eq!(file_stem(" ..."), "Cafehost");
        assert_eq!(file_stem(&"x".repeat(300)).len(), 80);
    }
}
