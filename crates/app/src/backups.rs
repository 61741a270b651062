//! Backups: the whole database saved aside as one self-contained SQLite file, automatically (at
//! the first start of a day and before every bulk change: an import, a bundle import, a
//! re-plan, a merge, the deletion of a workshop, a restore) and when the moderator asks for one
//! (to a stick, say). A backup is itself a Cafehost database, so it is checked like one before it
//! is restored; the state before a restore is kept as a backup too.

use std::path::{Path, PathBuf};

use cafehost_core::WorkshopSummary;
use cafehost_store::{SIDECARS, Store};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::files::write_target;
use crate::{AppError, Cafehost, Result, SavedFile};

/// The folder of automatic backups inside the data folder.
pub const BACKUP_FOLDER: &str = "backups";
/// How many automatic backups are kept at most; the oldest go first.
pub const KEEP_AUTOMATIC: usize = 20;
/// How much disk the automatic backups may take together (photos make databases large); the
/// newest [`ALWAYS_KEPT`] are kept whatever their size.
pub const MAX_AUTOMATIC_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Automatic backups kept even beyond [`MAX_AUTOMATIC_BYTES`].
pub const ALWAYS_KEPT: usize = 3;
/// Backups are named by when they were made, to the millisecond: `auto-20261202-080500-123-replan.db`.
const TIMESTAMP: &str = "%Y%m%d-%H%M%S-%3f";
const TIMESTAMP_LEN: usize = 19;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The first start of the day.
    DailyStart,
    /// Before a participant list was imported.
    Import,
    /// Before a bundle was imported.
    BundleImport,
    /// Before seats were planned again.
    Replan,
    /// Before two statements were merged.
    Merge,
    /// Before a workshop was deleted.
    DeleteWorkshop,
    /// Before a backup was restored.
    Restore,
}

impl BackupReason {
    const ALL: [Self; 7] = [
        Self::DailyStart,
        Self::Import,
        Self::BundleImport,
        Self::Replan,
        Self::Merge,
        Self::DeleteWorkshop,
        Self::Restore,
    ];

    fn tag(self) -> &'static str {
        match self {
            Self::DailyStart => "daily-start",
            Self::Import => "import",
            Self::BundleImport => "bundle-import",
            Self::Replan => "replan",
            Self::Merge => "merge",
            Self::DeleteWorkshop => "delete-workshop",
            Self::Restore => "restore",
        }
    }
}

/// One automatic backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// Where it is.
    pub path: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Why.
    pub reason: BackupReason,
    /// Its size.
    pub bytes: u64,
}

/// What a backup holds, shown before it is restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupPreview {
    /// The file.
    pub path: String,
    /// Its workshops, newest first.
    pub workshops: Vec<WorkshopSummary>,
    /// Participants of all workshops.
    pub participants: u32,
    /// Notes and summaries.
    pub notes: u32,
    /// Photos.
    pub photos: u32,
    /// Statements.
    pub statements: u32,
}

/// A private copy of a file beside the database, removed with its journals when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in std::iter::once("").chain(SIDECARS) {
            let mut name = self.0.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

/// Automatic and chosen backups, and restoring one.
pub struct Backups<'a>(pub(crate) &'a Cafehost);

impl Backups<'_> {
    fn folder(&self) -> PathBuf {
        self.0.data_dir().join(BACKUP_FOLDER)
    }

    /// Makes the day's first automatic backup, unless the database is empty or one was made
    /// today already.
    pub fn daily(&self) -> Result<Option<BackupInfo>> {
        Store::remove_partial_backups(&self.folder());
        let today = self.0.now().date_naive();
        if self.list()?.iter().any(|b| b.created_at.date_naive() == today) {
            return Ok(None);
        }
        self.before(BackupReason::DailyStart)
    }

    /// Makes an automatic backup before a bulk change (nothing when the database is empty), and
    /// keeps only the newest [`KEEP_AUTOMATIC`] within [`MAX_AUTOMATIC_BYTES`].
    pub fn before(&self, reason: BackupReason) -> Result<Option<BackupInfo>> {
        if self.0.read(|s| Ok(s.is_empty()?))? {
            return Ok(None);
        }
        let now = self.0.now();
        let folder = self.folder();
        std::fs::create_dir_all(&folder).map_err(|source| AppError::Write { path: folder.clone(), source })?;
        let path = folder.join(format!("auto-{}-{}.db", now.format(TIMESTAMP), reason.tag()));
        self.0.with_reader(|s| Ok(s.backup_to(&path)?))?;
        let mut total = 0u64;
        for (i, backup) in self.list()?.into_iter().enumerate() {
            total = total.saturating_add(backup.bytes);
            if i >= KEEP_AUTOMATIC || (i >= ALWAYS_KEPT && total > MAX_AUTOMATIC_BYTES) {
                let _ = std::fs::remove_file(&backup.path);
            }
        }
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        Ok(Some(BackupInfo { path: path.display().to_string(), created_at: now, reason, bytes }))
    }

    /// The automatic backups, newest first.
    pub fn list(&self) -> Result<Vec<BackupInfo>> {
        let Ok(entries) = std::fs::read_dir(self.folder()) else { return Ok(Vec::new()) };
        let mut found: Vec<BackupInfo> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let (created_at, reason) = parse_name(&name)?;
                let bytes = entry.metadata().ok()?.len();
                Some(BackupInfo { path: entry.path().display().to_string(), created_at, reason, bytes })
            })
            .collect();
        found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.path.cmp(&a.path)));
        Ok(found)
    }

    /// Saves a backup where the moderator chooses (`path`, e.g. on a stick), or as
    /// `Cafehost-Sicherung <date time>.db` in the export folder.
    pub fn save(&self, path: Option<&Path>) -> Result<SavedFile> {
        let path = match path {
            Some(p) => p.to_owned(),
            None => {
                let stamp = self.0.now().format("%Y-%m-%d %H-%M-%S");
                self.0.export_dir.join(format!("Cafehost-Sicherung {stamp}.db"))
            }
        };
        let path = write_target(self.0, &path)?;
        self.0.with_reader(|s| Ok(s.backup_to(&path)?))?;
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        Ok(SavedFile { path: path.display().to_string(), bytes: u32::try_from(bytes).unwrap_or(u32::MAX) })
    }

    /// What the backup at `path` holds. The file is only read: a copy is checked (and brought to
    /// this version's schema), so a foreign, damaged or newer file is refused untouched.
    pub fn preview(&self, path: &Path) -> Result<BackupPreview> {
        let (_scratch, store) = self.checked_copy(path)?;
        preview(&store, path)
    }

    /// Replaces everything with the backup at `path`, after keeping the current state as an
    /// automatic backup. Returns what is now there.
    pub fn restore(&self, path: &Path) -> Result<BackupPreview> {
        let (scratch, store) = self.checked_copy(path)?;
        let shown = preview(&store, path)?;
        store.close()?;
        self.before(BackupReason::Restore)?;
        self.0.with_writer(|s| Ok(s.restore_from(&scratch.0)?))?;
        Ok(shown)
    }

    fn checked_copy(&self, path: &Path) -> Result<(Scratch, Store)> {
        let meta = std::fs::metadata(path).map_err(|source| AppError::Write { path: path.to_owned(), source })?;
        if !meta.is_file() || meta.len() == 0 {
            return Err(cafehost_store::OpenError::NotADatabase { path: path.to_owned() }.into());
        }
        let scratch = Scratch(self.0.data_dir().join(format!(".restore-{}.db", uuid::Uuid::new_v4())));
        std::fs::copy(path, &scratch.0).map_err(|source| AppError::Write { path: scratch.0.clone(), source })?;
        let store = Store::open(&scratch.0).map_err(|e| AppError::Open(e.about(path)))?;
        Ok((scratch, store))
    }
}

fn preview(store: &Store, path: &Path) -> Result<BackupPreview> {
    let totals = store.totals()?;
    Ok(BackupPreview {
        path: path.display().to_string(),
        workshops: store.workshop_summaries()?.into_iter().map(|(_, w)| w).collect(),
        participants: totals.participants,
        notes: totals.notes,
        photos: totals.photos,
        statements: totals.statements,
    })
}

/// `auto-20261202-080500-123-daily-start.db` → when and why.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name.strip_prefix("auto-")?.strip_suffix(".db")?;
    let stamp = rest.get(..TIMESTAMP_LEN)?;
    let tag = rest.get(TIMESTAMP_LEN + 1..)?;
    let created = NaiveDateTime::parse_from_str(stamp, TIMESTAMP).ok()?.and_utc();
    let reason = BackupReason::ALL.into_iter().find(|r| r.tag() == tag)?;
    Some((created, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_when_and_why() {
        let (when, why) = parse_name("auto-20261202-080500-042-bundle-import.db").unwrap();
        assert_eq!(when.format(TIMESTAMP).to_string(), "20261202-080500-042");
        assert_eq!(why, BackupReason::BundleImport);
        assert_eq!(parse_name("auto-2026-oops.db"), None);
        assert_eq!(parse_name("cafehost.db"), None);
        for reason in BackupReason::ALL {
            assert_eq!(parse_name(&format!("auto-20260101-000000-000-{}.db", reason.tag())).map(|p| p.1), Some(reason));
        }
    }
}
