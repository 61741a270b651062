//! Opening the file without ever damaging it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

/// Marks a SQLite file as Cafehost's (`PRAGMA application_id`, "CAFE" in ASCII).
pub const APPLICATION_ID: i32 = 0x4341_4645;

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_initial.sql")),
    M::up(include_str!("../migrations/0002_run_state.sql")),
    M::up(include_str!("../migrations/0003_note_search.sql")),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = 3;

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
    /// Upgrading the schema failed; the transaction was rolled back and a copy was kept.
    #[error("cannot upgrade {path}: {detail}")]
    Migration {
        /// The file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
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
    if version < SCHEMA_VERSION {
        if version > 0 {
            keep_copy(&conn, path, version)?;
        }
        let migration_error = |detail: String| OpenError::Migration { path: path.to_owned(), detail };
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn).map_err(|e| migration_error(e.to_string()))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(|e| migration_error(e.to_string()))?;
    }
    Ok(conn)
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

/// `None` when `PRAGMA quick_check` finds the file sound, the problems otherwise.
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
    fn the_schema_version_is_the_number_of_migrations() {
        assert_eq!(super::SCHEMA_VERSION as usize, super::MIGRATIONS.len());
    }
}
