//! The use cases of Cafehost, one method each, over the pure core and the store: create a
//! workshop, edit its tables, import a participant list, … The desktop shell, the CLI and the
//! tests all call these same functions, so a feature works the same from every front end and is
//! tested without a window.
//!
//! Each method validates with the core, writes through the store in one transaction, and returns
//! the saved state, so a caller can show exactly what is on disk.

mod bundle;
mod demo;
mod error;
mod files;
mod harvest;
mod minutes;
mod participants;
mod plan;
mod print;
mod run;
mod settings;
mod setup;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cafehost_store::Store;
use chrono::{DateTime, Utc};

pub use bundle::{BUNDLE_EXTENSION, BundleOutcome};
pub use demo::DEMO_TITLE;
pub use error::{AppError, Result};
pub use files::SavedFile;
pub use harvest::{Harvest, HarvestTable, HarvestWorkshop, MAX_PHOTO_BYTES};
pub use minutes::{DocumentKind, ExportFormat};
pub use participants::{ImportOptions, ImportOutcome, WorkshopRef};
pub use plan::{PlanOptions, PlanQuality, RotationPlan, RoundChange};
pub use print::{PrintOptions, Printable};
pub use run::RunView;
pub use settings::AppInfo;

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "cafehost.db";
/// Environment variable that overrides the data folder (the `--data-dir` argument wins over it).
pub const DATA_DIR_ENV: &str = "CAFEHOST_DATA_DIR";
/// Folder name under the OS data folder; equal to the desktop app's identifier.
pub const APP_IDENTIFIER: &str = "org.cafehost.desktop";

/// Where "now" comes from; tests pass a fixed clock.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}

/// The computer's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The data folder: the argument if given, else `CAFEHOST_DATA_DIR`, else the OS's per-user
/// data folder (`~/.local/share/org.cafehost.desktop` on Linux).
pub fn resolve_data_dir(argument: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = argument {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)).ok_or(AppError::NoDataDir)
}

/// An open Cafehost: the store, the clock, and the folder files are saved to.
pub struct Cafehost {
    store: Store,
    clock: Arc<dyn Clock>,
    export_dir: PathBuf,
}

impl Cafehost {
    /// Opens (or creates) the database in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Self> {
        Self::open_with_clock(data_dir, Arc::new(SystemClock))
    }

    /// Opens with a given clock (for tests).
    pub fn open_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let store = Store::open(&data_dir.join(DATABASE_FILE))?;
        // Printouts and exports go where people look for documents; without such a folder, next
        // to the database.
        let export_dir = dirs::document_dir().map_or_else(|| data_dir.join("exports"), |d| d.join("Cafehost"));
        Ok(Self { store, clock, export_dir })
    }

    /// Saves printouts and exports to `dir` instead (the `--export-dir` argument; tests).
    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = dir;
    }

    /// The database file in use.
    pub fn database_path(&self) -> &Path {
        self.store.path()
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
