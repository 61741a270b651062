//! The use cases of Cafehost, grouped by workflow: [`Setup`] (workshops, tables, rounds),
//! [`People`] (the participant list and its CSV import), [`Seating`] (the rotation plan and seats
//! set by hand), [`Run`] (the clock, check-in and re-planning on the day), [`Notes`] (notes,
//! photos and summaries per table and round), [`Harvest`] (statements consolidated from the
//! notes), [`Documents`] (printouts, minutes and concept drafts), [`Backups`] (everything saved
//! aside, and restored), [`Bundles`] (a workshop to another laptop) and [`Settings`]. Each is a small type reached from [`Cafehost`]
//! (`app.harvest().add_statement(…)`). The desktop shell, the CLI and the tests all call these
//! same functions, so a feature works the same from every front end and is tested without a
//! window.
//!
//! A use case asks the core for every rule, reads from a snapshot and writes everything it
//! changes in one transaction, then returns the saved state, so a caller shows exactly what is on
//! disk. Reads go through one of a few read-only connections: in WAL mode they never wait for a
//! write, and a long read (a backup, the minutes with their photos) holds only one of them, so
//! the screens and the phones stay responsive while a bundle is imported or a plan is saved. Long
//! computations (planning, documents) work on a snapshot and hold no lock while they compute.

mod backups;
mod bundle;
mod demo;
mod error;
mod files;
mod harvest;
mod instance;
mod minutes;
mod notes;
mod participants;
mod phones;
mod plan;
mod print;
mod process_people;
mod run;
mod settings;
mod setup;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use cafehost_store::Store;
use chrono::{DateTime, Utc};

pub use backups::{BackupInfo, BackupPreview, BackupReason, Backups, KEEP_AUTOMATIC};
pub use bundle::{BUNDLE_EXTENSION, BundleOutcome, Bundles};
pub use demo::DEMO_TITLE;
pub use error::{AppError, Result};
pub use files::SavedFile;
pub use harvest::{Harvest, HarvestOverview, HarvestTable, HarvestWorkshop};
pub use instance::{DataDirLock, LOCK_FILE};
pub use minutes::{DocumentKind, ExportFormat};
pub use notes::Notes;
pub use participants::{ImportOutcome, ImportPreviewAndDecision, People, WorkshopRef};
pub use phones::{BallotItem, HostNote, HostRound, HostView, Phones, TableAccess, TablePass};
pub use plan::{PlanOptions, PlanQuality, RotationPlan, RoundChange, SeatMove, Seating, WishesGranted};
pub use print::{Documents, PhoneLink, PrintOptions, Printable};
pub use process_people::{PeopleWorkshop, PersonEntry, ProcessPeople, ProcessPerson};
pub use run::{Run, RunView};
pub use settings::{AppInfo, Place, Settings};
pub use setup::Setup;

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

/// The file that makes a copy of Cafehost portable: when it lies beside the program, the data
/// folder is `data/` beside it too (a USB stick, a laptop where installing needs IT approval).
pub const PORTABLE_MARKER: &str = "cafehost-portable";
/// The data folder of a portable copy, beside the program.
pub const PORTABLE_DATA: &str = "data";

/// The data folder: the argument if given, else `data/` beside the program when the file
/// `cafehost-portable` lies there, else `CAFEHOST_DATA_DIR`, else the OS's per-user data folder
/// (`~/.local/share/org.cafehost.desktop` on Linux).
pub fn resolve_data_dir(argument: Option<PathBuf>) -> Result<PathBuf> {
    let program_dir = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf));
    choose_data_dir(
        argument,
        program_dir.filter(|dir| dir.join(PORTABLE_MARKER).is_file()),
        std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()).map(PathBuf::from),
        os_data_dir(),
    )
}

/// The operating system's per-user data folder of Cafehost (`~/.local/share/org.cafehost.desktop`
/// on Linux): the one the installed app uses when nothing else is said. Only there do a second
/// start and a double-clicked bundle go to the running window; any other folder (a portable
/// copy, `--data-dir`) is its own app.
pub fn os_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The rule of [`resolve_data_dir`], with what it looks at passed in: `portable_program_dir` is
/// the program's folder when the portable marker lies in it.
pub fn choose_data_dir(
    argument: Option<PathBuf>,
    portable_program_dir: Option<PathBuf>,
    environment: Option<PathBuf>,
    os_data_dir: Option<PathBuf>,
) -> Result<PathBuf> {
    argument
        .or_else(|| portable_program_dir.map(|dir| dir.join(PORTABLE_DATA)))
        .or(environment)
        .or(os_data_dir)
        .ok_or(AppError::NoDataDir)
}

/// Read-only connections kept open: a long read (a backup, the minutes with all their photos)
/// holds one while phones, the projector and the screens read through the others.
const READERS: usize = 3;

/// An open Cafehost: the database (a write connection and a few read-only ones), the clock, and
/// the folder files are saved to. It is shared between threads as it is: each connection has its
/// own lock, so a read never waits for a write, nor for another long read.
pub struct Cafehost {
    writer: Mutex<Option<Store>>,
    readers: Vec<Mutex<Option<Store>>>,
    /// Which reader a read waits for when all are busy (taken in turn).
    next_reader: std::sync::atomic::AtomicUsize,
    clock: Arc<dyn Clock>,
    export_dir: PathBuf,
    database: PathBuf,
    /// Since when writes wait in the journal, not yet folded into the database file.
    unfolded_since: Mutex<Option<Instant>>,
    /// A bundle the app was started with, or handed by a second start (double-clicked while the
    /// app ran), waiting for the user's yes.
    opened_with: Mutex<Option<PathBuf>>,
}

impl Cafehost {
    /// Opens (or creates) the database in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Self> {
        Self::open_with_clock(data_dir, Arc::new(SystemClock))
    }

    /// Opens with a given clock (for tests).
    pub fn open_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let database = data_dir.join(DATABASE_FILE);
        let writer = Store::open(&database)?;
        let readers = (0..READERS)
            .map(|_| Store::open_reader(&database).map(|r| Mutex::new(Some(r))))
            .collect::<Result<_, _>>()?;
        // Printouts and exports go where people look for documents; without such a folder, next
        // to the database.
        let export_dir = dirs::document_dir().map_or_else(|| data_dir.join("exports"), |d| d.join("Cafehost"));
        let app = Self {
            writer: Mutex::new(Some(writer)),
            readers,
            next_reader: std::sync::atomic::AtomicUsize::new(0),
            clock,
            export_dir,
            database,
            unfolded_since: Mutex::new(None),
            opened_with: Mutex::new(None),
        };
        app.backups().daily()?;
        Ok(app)
    }

    /// Notes a bundle the app was opened with (a double-click on a `.cafehost` file): the
    /// window offers to import it after showing what it holds; nothing is imported unasked.
    pub fn set_opened_with(&self, file: PathBuf) {
        *self.opened_with.lock().unwrap_or_else(PoisonError::into_inner) = Some(file);
    }

    /// The bundle the app was opened with and not yet offered, if any (taken: it is offered once).
    pub fn take_opened_with(&self) -> Option<PathBuf> {
        self.opened_with.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Saves printouts and exports to `dir` instead (the `--export-dir` argument; tests).
    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = dir;
    }

    /// The folder printouts and exports are saved to.
    pub fn export_dir(&self) -> &Path {
        &self.export_dir
    }

    /// The database file in use.
    pub fn database_path(&self) -> &Path {
        &self.database
    }

    /// Workshops, tables and rounds.
    pub fn setup(&self) -> Setup<'_> {
        Setup(self)
    }

    /// The participant list and its import and export.
    pub fn people(&self) -> People<'_> {
        People(self)
    }

    /// The rotation plan and seats set by hand.
    pub fn seating(&self) -> Seating<'_> {
        Seating(self)
    }

    /// The day of the café: clock, check-in, re-planning.
    pub fn run(&self) -> Run<'_> {
        Run(self)
    }

    /// Notes, photos and summaries per table and round.
    pub fn notes(&self) -> Notes<'_> {
        Notes(self)
    }

    /// Statements consolidated from the notes of a process.
    pub fn harvest(&self) -> Harvest<'_> {
        Harvest(self)
    }

    /// Capture by phone: the tables' access codes, the host's page, dot votes.
    pub fn phones(&self) -> Phones<'_> {
        Phones(self)
    }

    /// Printouts, minutes and concept drafts.
    pub fn documents(&self) -> Documents<'_> {
        Documents(self)
    }

    /// Workshops as `.cafehost` bundles.
    pub fn bundles(&self) -> Bundles<'_> {
        Bundles(self)
    }

    /// Version, preferences, the demo workshop.
    pub fn settings(&self) -> Settings<'_> {
        Settings(self)
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Workshop data saved aside: automatic and chosen backups, restore.
    pub fn backups(&self) -> Backups<'_> {
        Backups(self)
    }

    /// The data folder (where the database and the automatic backups are).
    pub fn data_dir(&self) -> &Path {
        self.database.parent().unwrap_or_else(|| Path::new("."))
    }

    /// Closes the database: the write-ahead log is folded back into `cafehost.db` and the
    /// journal files beside it go, so the folder then holds one complete file (what a copy to a
    /// stick or a backup by hand needs). Later calls answer `app.closed`. Called when the window
    /// closes and when a `Cafehost` is dropped.
    pub fn close(&self) -> Result<()> {
        for reader in &self.readers {
            drop(lock(reader).take());
        }
        match lock(&self.writer).take() {
            Some(store) => Ok(store.close()?),
            None => Ok(()),
        }
    }

    /// Folds the journal into the database file once nothing was written for `quiet`: called
    /// regularly by the desktop shell, so that the database file alone is complete most of the
    /// time, not only after a close. `true` when the file is complete now.
    pub fn fold_journal_when_idle(&self, quiet: std::time::Duration) -> Result<bool> {
        let mut since = self.unfolded_since.lock().unwrap_or_else(PoisonError::into_inner);
        match *since {
            None => Ok(true),
            Some(last) if last.elapsed() < quiet => Ok(false),
            Some(_) => {
                let folded = lock(&self.writer).as_ref().ok_or(AppError::Closed)?.fold_journal()?;
                if folded {
                    *since = None;
                }
                Ok(folded)
            }
        }
    }

    fn wrote(&self) {
        *self.unfolded_since.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
    }

    /// Reads from one consistent snapshot, on a read-only connection.
    fn read<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.reader().as_mut().ok_or(AppError::Closed)?.snapshot(f)
    }

    /// A free read connection, else the next in turn once it is free.
    fn reader(&self) -> MutexGuard<'_, Option<Store>> {
        for reader in &self.readers {
            match reader.try_lock() {
                Ok(guard) => return guard,
                Err(std::sync::TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {}
            }
        }
        let turn = self.next_reader.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[turn])
    }

    /// Writes in one transaction: all of it is saved, or none.
    fn write<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.wrote();
        lock(&self.writer).as_mut().ok_or(AppError::Closed)?.atomically(f)
    }

    /// A read connection as it is (an online backup reads every page through it).
    fn with_reader<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        f(self.reader().as_mut().ok_or(AppError::Closed)?)
    }

    /// The write connection for work that runs its own transactions (bundles attach a second
    /// database, which SQLite allows only outside a transaction; backups and restores).
    fn with_writer<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.wrote();
        f(lock(&self.writer).as_mut().ok_or(AppError::Closed)?)
    }
}

impl Drop for Cafehost {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// A panic while a lock was held must not make every later call fail; the store rolls back a
/// transaction that was left open.
fn lock(store: &Mutex<Option<Store>>) -> MutexGuard<'_, Option<Store>> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}
