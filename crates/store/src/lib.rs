//! The only place in Cafehost that speaks SQL. It owns the schema and its migrations, opens the
//! one database file safely, and offers a method per query, grouped by aggregate (workshops,
//! tables, rounds, participants).
//!
//! Opening is careful because the file is the user's only copy of a workshop: a file that is not
//! a Cafehost database, that is damaged, or that a newer Cafehost wrote is refused with a reason
//! and left byte-for-byte untouched; before a migration the old file is copied aside. Every
//! write is its own transaction, committed before the call returns (WAL, `synchronous=FULL`), so
//! what the screen shows as saved survives a power cut.

mod bundle;
mod convert;
mod harvest;
mod open;
mod participants;
mod rounds;
mod run;
mod seats;
mod settings;
mod tables;
mod workshops;

use std::path::{Path, PathBuf};

pub use bundle::{BundleError, BundleImport};
pub use harvest::Scope;
pub use open::{APPLICATION_ID, OpenError, SCHEMA_VERSION};
use rusqlite::Connection;

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

impl Store {
    /// Opens (creating if absent) the database at `path`, refusing files it must not touch and
    /// migrating older ones after copying them aside.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        let conn = open::open(path)?;
        Ok(Self { conn, path: path.to_owned() })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs SQLite's integrity check; `Ok(())` when the file is sound.
    pub fn check_integrity(&self) -> Result<(), String> {
        open::integrity_problems(&self.conn).map_err(|e| e.to_string()).and_then(|p| match p {
            None => Ok(()),
            Some(problems) => Err(problems),
        })
    }

    fn tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }
}
