//! Bundles: a workshop or a whole process as one `.cafehost` file for another laptop.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use cafehost_core::WorkshopId;
use cafehost_store::BundleError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::files::file_stem;
use crate::{AppError, BackupReason, Cafehost, Result, SavedFile};

/// The extension of bundle files.
pub const BUNDLE_EXTENSION: &str = "cafehost";

/// What importing a bundle added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BundleOutcome {
    /// Workshops new to this laptop.
    pub workshops_added: u32,
    /// Workshops it already had (left as they are).
    pub workshops_known: u32,
    /// Notes added.
    pub notes_added: u32,
    /// Photos added.
    pub photos_added: u32,
    /// Statements added.
    pub statements_added: u32,
    /// Of the notes, photos and statements added, those in workshops this laptop already had
    /// (new on the other laptop, or deleted here and now back).
    pub added_to_known: u32,
    /// Tables and rounds re-created on the other laptop under a number this laptop has: taken as
    /// the same.
    pub matched: u32,
    /// Entries left out because their id belongs to other content here.
    pub skipped: u32,
}

impl From<BundleError> for AppError {
    fn from(e: BundleError) -> Self {
        match e {
            BundleError::Open(open) => AppError::Open(open),
            BundleError::Io { path, source } => AppError::Write { path, source },
            BundleError::Store(store) => AppError::from(store),
        }
    }
}

/// Workshops as `.cafehost` bundles, to hand them to another laptop and take them in again.
pub struct Bundles<'a>(pub(crate) &'a Cafehost);

impl Bundles<'_> {
    /// Writes a workshop (or, with `whole_process`, every workshop of its process) with its
    /// people, seats, notes, photos and statements to `path`, or to `<title>.cafehost` in the
    /// export folder.
    pub fn export_bundle(&self, workshop: WorkshopId, whole_process: bool, path: Option<PathBuf>) -> Result<SavedFile> {
        let (title, workshops) = self.0.read(|s| {
            let w = s.workshop(workshop)?;
            Ok(match (whole_process, w.process_id) {
                (true, Some(process)) => {
                    let ids = s
                        .workshop_summaries()?
                        .into_iter()
                        .filter(|(p, _)| *p == Some(process))
                        .map(|(_, summary)| summary.id)
                        .collect();
                    (s.process(process)?.title, ids)
                }
                _ => (w.details.title, vec![workshop]),
            })
        })?;
        let path = path.unwrap_or_else(|| {
            crate::files::free_name(&self.0.export_dir.join(format!("{}.{BUNDLE_EXTENSION}", file_stem(&title))))
        });
        let path = crate::files::write_target(self.0, &path)?;
        self.0.with_writer(|s| Ok(s.export_bundle(&workshops, &path)?))?;
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        Ok(SavedFile { path: path.display().to_string(), bytes: u32::try_from(bytes).unwrap_or(u32::MAX) })
    }

    /// Imports a bundle file: what this laptop does not have yet is added; importing the same
    /// bundle again changes nothing.
    pub fn import_bundle(&self, path: &Path) -> Result<BundleOutcome> {
        self.0.backups().before(BackupReason::BundleImport)?;
        let i = self.0.with_writer(|s| Ok(s.import_bundle(path)?))?;
        Ok(BundleOutcome {
            workshops_added: i.workshops_added,
            workshops_known: i.workshops_known,
            notes_added: i.notes_added,
            photos_added: i.photos_added,
            statements_added: i.statements_added,
            added_to_known: i.added_to_known,
            matched: i.matched,
            skipped: i.skipped,
        })
    }

    /// What a bundle file holds (its workshops and counts), without importing anything: a bundle
    /// is a Cafehost database, so it is looked at as a backup is.
    pub fn preview(&self, path: &Path) -> Result<crate::BackupPreview> {
        self.0.backups().preview(path)
    }

    /// Imports a bundle chosen in the window (its bytes, base64-encoded).
    pub fn import_bundle_bytes(&self, base64_bytes: &str) -> Result<BundleOutcome> {
        let bytes = base64::engine::general_purpose::STANDARD.decode(base64_bytes.trim()).map_err(|_| {
            AppError::Invalid(cafehost_core::ValidationError::single("bundle", cafehost_core::FieldProblem::Malformed))
        })?;
        // A private file per import: two imports at once never share one.
        let temp = self.0.export_dir.join(format!(".incoming-{}.cafehost", uuid::Uuid::new_v4()));
        let failed = |source| AppError::Write { path: temp.clone(), source };
        std::fs::create_dir_all(&self.0.export_dir).map_err(failed)?;
        std::fs::write(&temp, bytes).map_err(failed)?;
        let outcome = self.import_bundle(&temp);
        let _ = std::fs::remove_file(&temp);
        outcome
    }
}
