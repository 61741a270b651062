//! Saving printouts (and later exports) as files in the export folder, under names a person
//! recognises: the workshop's title and what the document is, in the document's language.

use std::path::{Path, PathBuf};

use cafehost_core::{Language, WorkshopId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Cafehost, Documents, PrintOptions, Printable, Result};

/// A file Cafehost wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedFile {
    /// Where it is.
    pub path: String,
    /// Its size.
    pub bytes: u32,
}

fn document_name(document: Printable, language: Language, options: &PrintOptions) -> &'static str {
    let some = options.route_cards_for.is_some();
    match (document, language) {
        (Printable::TableCards, Language::De) => "Tischkarten",
        (Printable::TableCards, Language::En) => "Table cards",
        // Route cards for a few people (after a re-plan) are not mistaken for the full set.
        (Printable::RouteCards, Language::De) if some => "Laufzettel (Auswahl)",
        (Printable::RouteCards, Language::En) if some => "Route cards (selection)",
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

/// Writes `bytes` to `path` through a temporary file beside it and a rename, so a crash never
/// leaves half a file (or an empty one) where the previous one was.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |source| AppError::Write { path: path.to_owned(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let mut partial = path.as_os_str().to_owned();
    partial.push(format!(".{}.part", uuid::Uuid::new_v4()));
    let partial = PathBuf::from(partial);
    let written = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.map_err(failed)
}

/// `path`, or when a file is there already `name (2).ext`, `name (3).ext` …: a document saved
/// again never silently replaces the one saved before (it may have been sent already).
pub(crate) fn free_name(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_owned();
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..10_000)
        .map(|n| path.with_file_name(format!("{stem} ({n}){extension}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.to_owned())
}

/// `path` as a place to write a file the user asked for: its folder is created, and the
/// database, its journals and the automatic backups are refused (`file.protected`).
pub(crate) fn write_target(app: &Cafehost, path: &Path) -> Result<PathBuf> {
    let failed = |source| AppError::Write { path: path.to_owned(), source };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(failed)?;
    let name = path.file_name().ok_or_else(|| AppError::ProtectedPath { path: path.to_owned() })?;
    let target = std::fs::canonicalize(dir).map_err(failed)?.join(name);
    let data = std::fs::canonicalize(app.data_dir()).map_err(failed)?;
    let database = data.join(crate::DATABASE_FILE);
    let own =
        std::iter::once(String::new()).chain(cafehost_store::SIDECARS.iter().map(|s| (*s).to_owned())).any(|suffix| {
            let mut p = database.as_os_str().to_owned();
            p.push(suffix);
            p == target.as_os_str()
        });
    let backup = target.starts_with(data.join(crate::backups::BACKUP_FOLDER));
    let migration_copy =
        target.parent() == Some(data.as_path()) && name.to_string_lossy().starts_with(crate::DATABASE_FILE);
    if own || backup || migration_copy {
        return Err(AppError::ProtectedPath { path: path.to_owned() });
    }
    Ok(target)
}

impl Cafehost {
    /// Writes a file the user asked for (a CLI `--out`): refused over the database, its
    /// journals or a backup; the folder is created; written whole or not at all.
    pub fn save_output(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let target = write_target(self, path)?;
        write_whole(&target, bytes)
    }
}

impl Documents<'_> {
    /// Renders a printable and saves it as `<workshop title> – <document>.pdf` in the export
    /// folder (`… (2).pdf` when that name is taken: an earlier printout is never replaced).
    /// Route cards for chosen people only (`options.route_cards_for`) are named
    /// `… – Laufzettel (Auswahl).pdf`.
    pub fn save_printable(
        &self,
        workshop: WorkshopId,
        document: Printable,
        language: Language,
        options: PrintOptions,
    ) -> Result<SavedFile> {
        let title = self.0.read(|s| Ok(s.workshop(workshop)?.details.title))?;
        let name = format!("{} – {}.pdf", file_stem(&title), document_name(document, language, &options));
        let pdf = self.print_with(workshop, document, language, options)?;
        let path: PathBuf = free_name(&self.0.export_dir.join(name));
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
