//! The only place in Cafehost that speaks SQL. It owns the schema and its migrations, opens the
//! one database file safely, and offers a method per query, one module per part of the data
//! (workshops and processes, tables, rounds, participants, seats, the run clock, notes, photos
//! and statements, settings, bundles). It stores what it is given: every rule about what may be
//! stored is decided in `cafehost-core` before a method here is called.
//!
//! Opening is careful because the file is the user's only copy of a workshop: a file that is not
//! a Cafehost database, that is damaged, or that a newer Cafehost wrote is refused with a reason
//! and left byte-for-byte untouched; before a migration the old file is copied aside. Every
//! write is a transaction, committed before the call returns (WAL, `synchronous=FULL`), so what
//! the screen shows as saved survives a power cut; [`Store::atomically`] joins the writes of one
//! use case into one transaction, and [`Store::open_reader`] gives a read-only connection whose
//! reads never wait for a writer.

mod access;
mod bundle;
mod convert;
mod fields;
mod harvest;
mod open;
mod pairs;
mod participants;
mod people;
mod rounds;
mod run;
mod seats;
mod settings;
mod tables;
mod workshops;

use std::path::{Path, PathBuf};

pub use bundle::{BundleError, BundleImport};
pub use harvest::Scope;
pub use open::{APPLICATION_ID, OpenError, SCHEMA_VERSION, SIDECARS};
use rusqlite::Connection;
pub use workshops::Totals;

/// A failed query or update.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The entity does not exist (any more).
    #[error("{entity} not found")]
    NotFound {
        /// Which kind of entity.
        entity: &'static str,
    },
    /// A uniqueness rule was broken (e.g. two tables with the same number).
    #[error("conflict: {constraint}")]
    Conflict {
        /// The constraint as SQLite names it.
        constraint: String,
    },
    /// A file beside the database (a backup, a copy) could not be written or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A stored value could not be read back (the file was edited by hand or damaged).
    #[error("unreadable stored value: {0}")]
    BadData(String),
    /// Anything else SQLite reported.
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, Some(msg)) = &e
            && f.code == rusqlite::ErrorCode::ConstraintViolation
            && msg.starts_with("UNIQUE")
        {
            return Self::Conflict { constraint: msg.clone() };
        }
        Self::Sqlite(e)
    }
}

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open Cafehost database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// The partial file of a backup being written is `<target>.part-<uuid>`.
const BACKUP_PARTIAL: &str = ".part-";

impl Store {
    /// Opens (creating if absent) the database at `path`, refusing files it must not touch and
    /// migrating older ones after copying them aside.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        let conn = open::open(path)?;
        bundle::remove_import_leftovers(path);
        Ok(Self { conn, path: path.to_owned() })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs SQLite's full integrity check (every page, every index against its table) and the
    /// foreign-key check; `Ok(())` when the file is sound.
    pub fn check_integrity(&self) -> Result<(), String> {
        open::full_check(&self.conn).map_err(|e| e.to_string()).and_then(|p| match p {
            None => Ok(()),
            Some(problems) => Err(problems),
        })
    }

    /// Folds the write-ahead log back into the database file and empties it, so a copy of the
    /// database file made now (say, to a stick while the app runs) is complete. `false` when a
    /// reader was in the way; the next try (or the close) does it.
    pub fn fold_journal(&self) -> Result<bool> {
        let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// Folds the write-ahead log back into the database file and closes the connection, so that
    /// when it was the last one the folder holds the database file alone (a copy of it is then a
    /// complete copy).
    pub fn close(self) -> Result<()> {
        if !self.conn.is_readonly(rusqlite::MAIN_DB)? {
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        self.conn.close().map_err(|(_, e)| StoreError::from(e))
    }

    /// Removes partial backups left in `folder` by a backup that was interrupted (a kill, a power
    /// loss) more than an hour ago; a younger one may belong to a backup still running.
    pub fn remove_partial_backups(folder: &Path) {
        let Ok(entries) = std::fs::read_dir(folder) else { return };
        for entry in entries.flatten() {
            let partial = entry.file_name().to_string_lossy().contains(BACKUP_PARTIAL);
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > std::time::Duration::from_secs(3600)));
            if partial && stale {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Writes a consistent copy of the whole database to `path` with SQLite's online backup
    /// (writes may go on meanwhile), through a temporary file that is renamed at the end, so an
    /// interrupted backup never leaves half a file under the final name.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        // A partial file of its own: two backups at once (two processes, the same millisecond)
        // must not write into one file.
        let partial = open::beside(path, &format!("{BACKUP_PARTIAL}{}", uuid::Uuid::new_v4()));
        let copied = (|| {
            let mut copy = Connection::open(&partial)?;
            {
                // Every page in one step, from one snapshot: a step-by-step copy starts over
                // whenever another connection writes, which during a café (phones sending notes
                // every second) could be forever.
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
                let mut waits = 0;
                loop {
                    match backup.step(-1)? {
                        rusqlite::backup::StepResult::Done => break,
                        rusqlite::backup::StepResult::More => {}
                        _ if waits < 100 => {
                            waits += 1;
                            std::thread::sleep(std::time::Duration::from_millis(50));
                        }
                        _ => return Err(StoreError::BadData("the database stayed locked during the backup".into())),
                    }
                }
            }
            // The copy is a self-contained file: no journal mode that needs a sidecar.
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            copy.close().map_err(|(_, e)| StoreError::from(e))
        })();
        let renamed = copied.and_then(|()| {
            std::fs::rename(&partial, path).map_err(|source| StoreError::Io { path: path.to_owned(), source })
        });
        if renamed.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        renamed
    }

    /// Replaces the whole database with the one at `source` (a checked, current Cafehost
    /// database; see `Store::open`), in one step of SQLite's backup API: either all of it is
    /// replaced or, on failure, nothing.
    pub fn restore_from(&mut self, source: &Path) -> Result<()> {
        self.conn.restore(rusqlite::MAIN_DB, source, None::<fn(rusqlite::backup::Progress)>)?;
        Ok(())
    }

    /// Opens a read-only connection (beside the writer) to the database at `path`, which an earlier
    /// [`Store::open`] has checked and migrated. In WAL mode its reads see every committed write
    /// and never wait for a writer, so screens and photos load while a long write runs.
    pub fn open_reader(path: &Path) -> Result<Self, OpenError> {
        let conn = open::open_reader(path)?;
        Ok(Self { conn, path: path.to_owned() })
    }

    /// Runs `f` as one write transaction (`BEGIN IMMEDIATE`): everything it writes through this
    /// store is committed together when it returns `Ok`, and nothing when it returns `Err`. This
    /// is how a use case that writes several things keeps them together. A transaction left open
    /// by an earlier panic is rolled back first.
    pub fn atomically<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, E>) -> Result<T, E> {
        self.begin("BEGIN IMMEDIATE")?;
        let outcome = f(self);
        self.finish(outcome)
    }

    /// Runs `f` in one read transaction, so that everything it reads comes from the same
    /// committed state of the file.
    pub fn snapshot<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, E>) -> Result<T, E> {
        self.begin("BEGIN DEFERRED")?;
        let outcome = f(self);
        self.finish(outcome)
    }

    fn begin(&mut self, sql: &str) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        Ok(self.conn.execute_batch(sql)?)
    }

    fn finish<T, E: From<StoreError>>(&mut self, outcome: Result<T, E>) -> Result<T, E> {
        match outcome {
            Ok(value) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(value),
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(StoreError::from(e).into())
                }
            },
            Err(e) => {
                if !self.conn.is_autocommit() {
                    let _ = self.conn.execute_batch("ROLLBACK");
                }
                Err(e)
            }
        }
    }

    /// A transaction for one store method's writes; inside [`Store::atomically`] it is a
    /// savepoint of the outer transaction, so the method's writes commit with the rest.
    fn tx(&mut self) -> Result<Tx<'_>> {
        Ok(if self.conn.is_autocommit() {
            Tx::Own(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
        } else {
            Tx::Nested(self.conn.savepoint()?)
        })
    }

    /// Like [`Store::tx`] for reads that must agree with each other.
    fn read_tx(&mut self) -> Result<Tx<'_>> {
        Ok(if self.conn.is_autocommit() {
            Tx::Own(self.conn.transaction()?)
        } else {
            Tx::Nested(self.conn.savepoint()?)
        })
    }
}

/// A store method's transaction: its own, or a savepoint inside a use case's transaction.
enum Tx<'a> {
    Own(rusqlite::Transaction<'a>),
    Nested(rusqlite::Savepoint<'a>),
}

impl Tx<'_> {
    fn commit(self) -> rusqlite::Result<()> {
        match self {
            Self::Own(tx) => tx.commit(),
            Self::Nested(sp) => sp.commit(),
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Self::Own(tx) => tx,
            Self::Nested(sp) => sp,
        }
    }
}
