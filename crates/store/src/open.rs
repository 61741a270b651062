//! Opening the file without ever damaging it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};
use rusqlite_migration::{HookResult, M, Migrations};

/// Marks a SQLite file as Cafehost's (`PRAGMA application_id`, "CAFE" in ASCII).
pub const APPLICATION_ID: i32 = 0x4341_4645;

/// The schema's history, one migration per version.
fn migrations() -> Vec<M<'static>> {
    vec![
        // The application id is written in the first migration's transaction: a file that has
        // Cafehost's tables always says it is Cafehost's, even when the first start was killed.
        M::up_with_hook(include_str!("../migrations/0001_initial.sql"), mark_as_cafehost),
        M::up(include_str!("../migrations/0002_run_state.sql")),
        M::up(include_str!("../migrations/0003_note_search.sql")),
        M::up(include_str!("../migrations/0004_walk_in.sql")),
        M::up(include_str!("../migrations/0005_statement_number.sql")),
        M::up(include_str!("../migrations/0006_phone_capture.sql")),
        M::up(include_str!("../migrations/0007_process_structure.sql")),
        M::up(include_str!("../migrations/0008_field_situation.sql")),
        M::up(include_str!("../migrations/0009_participant_pairs.sql")),
        M::up(include_str!("../migrations/0010_statement_labels.sql")),
        M::up(include_str!("../migrations/0011_participant_wishes.sql")),
        M::up(include_str!("../migrations/0012_person_choice.sql")),
    ]
}

fn mark_as_cafehost(tx: &Transaction<'_>) -> HookResult {
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    give_identity(tx)?;
    Ok(())
}

/// The setting that names a database file: a random id given at creation, kept by copies and
/// backups, so a journal written for another database can be told apart.
const DATABASE_ID: &str = "database.id";

fn give_identity(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO setting (key, value) VALUES (?1, ?2)",
        [DATABASE_ID, &uuid::Uuid::new_v4().to_string()],
    )?;
    Ok(())
}

fn identity(conn: &Connection) -> Option<String> {
    conn.query_row("SELECT value FROM setting WHERE key = ?1", [DATABASE_ID], |r| r.get(0)).ok()
}

/// The files SQLite keeps beside a database while it works: the write-ahead log, its index, and
/// the rollback journal.
pub const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = 12;

/// Why a database file was not opened. In every case the file was left as it was.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The file exists but is not a SQLite database at all.
    #[error("{path} is not a Cafehost database (it is not a SQLite file)")]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// A SQLite database of some other program.
    #[error("{path} belongs to another program, not Cafehost")]
    Foreign {
        /// The file.
        path: PathBuf,
    },
    /// Written by a newer Cafehost; opening it here could lose what that version stored.
    #[error(
        "{path} was written by a newer Cafehost (schema {found}, this version knows up to {supported}); please update Cafehost"
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// SQLite's integrity check failed.
    #[error("{path} is damaged: {detail}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What the check reported.
        detail: String,
    },
    /// The file or its folder could not be read or written.
    #[error("cannot access {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A journal file lies beside the database that does not belong to it (left from another
    /// state of the file, another database or another program): applying it would damage the
    /// database, so neither file was touched.
    #[error(
        "{sidecar} beside {path} does not belong to this database; both were left untouched. Move {sidecar} to another folder (keep it), then start again"
    )]
    StraySidecar {
        /// The database.
        path: PathBuf,
        /// The journal file.
        sidecar: PathBuf,
    },
    /// Upgrading the schema failed; the transaction was rolled back and a copy was kept.
    #[error("cannot upgrade {path}: {detail}")]
    Migration {
        /// The file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
}

impl OpenError {
    /// The same refusal, said about `path` (the user's file rather than a private copy of it).
    #[must_use]
    pub fn about(self, path: &Path) -> Self {
        let path = path.to_owned();
        match self {
            Self::NotADatabase { .. } => Self::NotADatabase { path },
            Self::Foreign { .. } => Self::Foreign { path },
            Self::Newer { found, supported, .. } => Self::Newer { path, found, supported },
            Self::Corrupt { detail, .. } => Self::Corrupt { path, detail },
            Self::Io { source, .. } => Self::Io { path, source },
            Self::StraySidecar { sidecar, .. } => Self::StraySidecar { path, sidecar },
            Self::Migration { detail, .. } => Self::Migration { path, detail },
        }
    }
}

pub(crate) fn open(path: &Path) -> Result<Connection, OpenError> {
    let io = |source| OpenError::Io { path: path.to_owned(), source };
    let existed = match std::fs::metadata(path) {
        Ok(meta) => meta.len() > 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(e)),
    };
    if existed {
        // Look at the header before SQLite does: SQLite would happily turn some non-database
        // files into a database on the first write.
        check_header(path)?;
        check_sidecars(path)?;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| sqlite_open_error(path, &e))?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(|e| sqlite_open_error(path, &e))?;
    let version = if existed { inspect(&conn, path)? } else { 0 };
    // From here on, the file is known to be ours (or new).
    conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| sqlite_open_error(path, &e))?;
    conn.pragma_update(None, "synchronous", "FULL").map_err(|e| sqlite_open_error(path, &e))?;
    conn.pragma_update(None, "foreign_keys", true).map_err(|e| sqlite_open_error(path, &e))?;
    // Functions in views and triggers only when harmless: a file from elsewhere (a bundle, a
    // restored backup) cannot make a query here call anything with side effects.
    conn.pragma_update(None, "trusted_schema", false).map_err(|e| sqlite_open_error(path, &e))?;
    if version < SCHEMA_VERSION {
        if version > 0 {
            keep_copy(&conn, path, version)?;
        }
        let migration_error = |detail: String| OpenError::Migration { path: path.to_owned(), detail };
        Migrations::new(migrations()).to_latest(&mut conn).map_err(|e| migration_error(e.to_string()))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(|e| migration_error(e.to_string()))?;
    }
    // Files made before databases had an identity get one now.
    if identity(&conn).is_none() {
        give_identity(&conn).map_err(|e| sqlite_open_error(path, &e))?;
    }
    Ok(conn)
}

/// `path` with a suffix added to its file name (`cafehost.db` → `cafehost.db-wal`).
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// A journal beside the database is applied by SQLite as soon as the file is opened. Whether it
/// belongs is tried on a copy first: the database with its journal must open as a sound Cafehost
/// database. When it does not, but the database alone does, the journal is a stray (an older
/// state's, another database's) and the open is refused before either file is touched.
fn check_sidecars(path: &Path) -> Result<(), OpenError> {
    let journals: Vec<PathBuf> = ["-wal", "-journal"]
        .iter()
        .map(|suffix| beside(path, suffix))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0))
        .collect();
    let Some(sidecar) = journals.first().cloned() else { return Ok(()) };
    let stray = || OpenError::StraySidecar { path: path.to_owned(), sidecar: sidecar.clone() };
    match (probe(path, &journals), probe(path, &[])) {
        // Sound with the journal and it is this database's own (or the file alone is unreadable,
        // as a file is before its first checkpoint): SQLite may apply it.
        (Ok(with), Ok(alone)) if with == alone || alone.is_none() => Ok(()),
        (Ok(_), Err(_)) => Ok(()),
        // Another database's journal, sound or not, while the file alone is sound.
        (_, Ok(_)) => Err(stray()),
        (Err(e), Err(_)) => Err(e),
    }
}

/// Opens a copy of the database (and of the given journals) in a private folder beside it and
/// checks it as [`open`] would, fully; returns the identity it finds. The original files are
/// only read.
fn probe(path: &Path, journals: &[PathBuf]) -> Result<Option<String>, OpenError> {
    let io = |source| OpenError::Io { path: path.to_owned(), source };
    let dir = beside(path, &format!(".probe-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir(&dir).map_err(io)?;
    let copy = dir.join(path.file_name().unwrap_or_default());
    let outcome = (|| {
        std::fs::copy(path, &copy).map_err(io)?;
        for journal in journals {
            let name = journal.file_name().unwrap_or_default();
            std::fs::copy(journal, dir.join(name)).map_err(io)?;
        }
        let conn = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| sqlite_open_error(path, &e))?;
        inspect(&conn, path)?;
        match full_check(&conn) {
            Ok(None) => Ok(identity(&conn)),
            Ok(Some(problems)) => Err(OpenError::Corrupt { path: path.to_owned(), detail: problems }),
            Err(e) => Err(sqlite_open_error(path, &e)),
        }
    })();
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

/// `None` when SQLite's full `integrity_check` and the foreign-key check find nothing, the
/// problems otherwise. Slower than `quick_check`: it also compares every index with its table.
pub(crate) fn full_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut problems: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check(20)")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        if lines.len() == 1 && lines[0] == "ok" { Vec::new() } else { lines }
    };
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let broken: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {} points to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })?
        .take(20)
        .collect::<rusqlite::Result<_>>()?;
    problems.extend(broken);
    Ok(if problems.is_empty() { None } else { Some(problems.join("; ")) })
}

/// A read-only connection to a database that [`open`] has already checked and migrated.
pub(crate) fn open_reader(path: &Path) -> Result<Connection, OpenError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| sqlite_open_error(path, &e))?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(|e| sqlite_open_error(path, &e))?;
    conn.pragma_update(None, "query_only", true).map_err(|e| sqlite_open_error(path, &e))?;
    Ok(conn)
}

fn check_header(path: &Path) -> Result<(), OpenError> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|source| OpenError::Io { path: path.to_owned(), source })?;
    match file.read_exact(&mut header) {
        Ok(()) if &header == b"SQLite format 3\0" => Ok(()),
        Ok(()) => Err(OpenError::NotADatabase { path: path.to_owned() }),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(OpenError::NotADatabase { path: path.to_owned() })
        }
        Err(source) => Err(OpenError::Io { path: path.to_owned(), source }),
    }
}

/// Reads identity and version of an existing file without writing to it.
fn inspect(conn: &Connection, path: &Path) -> Result<u32, OpenError> {
    let corrupt = |detail: String| OpenError::Corrupt { path: path.to_owned(), detail };
    let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map_err(|e| sqlite_open_error(path, &e));
    let application_id = read("PRAGMA application_id")?;
    let user_version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_schema")?;
    if application_id != i64::from(APPLICATION_ID) && (application_id != 0 || objects > 0) {
        return Err(OpenError::Foreign { path: path.to_owned() });
    }
    let version = u32::try_from(user_version).map_err(|_| corrupt(format!("schema version {user_version}")))?;
    if version > SCHEMA_VERSION {
        return Err(OpenError::Newer { path: path.to_owned(), found: version, supported: SCHEMA_VERSION });
    }
    match integrity_problems(conn) {
        Ok(None) => Ok(version),
        Ok(Some(problems)) => Err(corrupt(problems)),
        Err(e) => Err(sqlite_open_error(path, &e)),
    }
}

/// `None` when `PRAGMA quick_check` finds the file sound, the problems otherwise (what every
/// open runs; `cafehost check` and the app's daily check run [`full_check`]).
pub(crate) fn integrity_problems(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check(20)")?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(if lines.len() == 1 && lines[0] == "ok" { None } else { Some(lines.join("; ")) })
}

/// Copies the database aside before a migration changes it, e.g. `cafehost.db.v1.bak`.
fn keep_copy(conn: &Connection, path: &Path, version: u32) -> Result<(), OpenError> {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(format!(".v{version}.bak"));
    let copy = path.with_file_name(name);
    conn.backup(rusqlite::MAIN_DB, &copy, None)
        .map_err(|e| OpenError::Migration { path: path.to_owned(), detail: format!("cannot keep a copy: {e}") })
}

fn sqlite_open_error(path: &Path, e: &rusqlite::Error) -> OpenError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => OpenError::NotADatabase { path: path.to_owned() },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            OpenError::Corrupt { path: path.to_owned(), detail: e.to_string() }
        }
        _ => OpenError::Io { path: path.to_owned(), source: std::io::Error::other(e.to_string()) },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_migration_marks_the_file_as_cafehosts_in_its_own_transaction() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let first = super::migrations().into_iter().take(1).collect();
        rusqlite_migration::Migrations::new(first).to_latest(&mut conn).unwrap();
        let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!(id, super::APPLICATION_ID, "a file with Cafehost's tables says it is Cafehost's");
        assert!(super::identity(&conn).is_some(), "and has its own identity");
    }

    #[test]
    fn the_schema_version_is_the_number_of_migrations() {
        assert_eq!(super::SCHEMA_VERSION as usize, super::migrations().len());
    }
}
