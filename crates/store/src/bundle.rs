//! Bundles: a workshop or a whole process in one file that another laptop can import. A bundle
//! is itself a Cafehost database holding just those workshops (with photos and statements), so
//! it is written and read with the same schema, checks and migrations as the main file. Import
//! adds what is new by id and leaves what is known alone, so importing twice changes nothing;
//! a process that exists under the same title on both laptops becomes one.

use std::path::{Path, PathBuf};

use cafehost_core::WorkshopId;
use rusqlite::params;

use crate::open::beside;
use crate::{OpenError, Result, Store, StoreError};

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BundleImport {
    /// Workshops new to this database.
    pub workshops_added: u32,
    /// Workshops it already had (left as they are).
    pub workshops_known: u32,
    /// Notes added.
    pub notes_added: u32,
    /// Photos added.
    pub photos_added: u32,
    /// Statements added.
    pub statements_added: u32,
}

/// Why a bundle could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The file is not a Cafehost bundle, is damaged, or comes from a newer version.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// Reading or writing the file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A query failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for BundleError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(StoreError::from(e))
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BundleError + '_ {
    move |source| BundleError::Io { path: path.to_owned(), source }
}

/// The scratch copies of bundles being imported are named `<database>.import-<uuid>`.
const IMPORT_SCRATCH: &str = ".import-";

/// Removes scratch copies left by imports that were interrupted (a crash, a kill). Only old
/// ones: a copy younger than an hour may belong to an import running in another process.
pub(crate) fn remove_import_leftovers(database: &Path) {
    let (Some(dir), Some(name)) = (database.parent(), database.file_name()) else { return };
    let prefix = format!("{}{IMPORT_SCRATCH}", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > std::time::Duration::from_secs(3600)));
        if file.starts_with(&prefix) && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The schema of a database as SQLite keeps it, in a fixed order.
fn schema(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<(String, String, Option<String>)>> {
    // SQLite's own tables (statistics, sequences) come and go with use; they are not compared.
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(path, suffix));
    }
}

/// Rows of `table` belonging to the attached workshops (`w`: the ids as a temp table).
const COPY_OUT: &[(&str, &str)] = &[
    ("workshop", "id IN (SELECT id FROM temp.bundle_ids)"),
    ("round", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
    ("participant", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
    ("cafe_table", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
    (
        "table_question",
        "table_id IN (SELECT id FROM main.cafe_table WHERE workshop_id IN (SELECT id FROM temp.bundle_ids))",
    ),
    ("seat", "round_id IN (SELECT id FROM main.round WHERE workshop_id IN (SELECT id FROM temp.bundle_ids))"),
    ("note", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
    ("attachment", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
];

impl Store {
    /// Writes the given workshops — with their process, participants, seats, notes, photos and
    /// the statements of their process (or of the workshop) — to a new bundle file at `path`,
    /// replacing it whole (written beside it first, then renamed).
    pub fn export_bundle(&mut self, workshops: &[WorkshopId], path: &Path) -> Result<(), BundleError> {
        let partial = beside(path, ".part");
        remove_with_sidecars(&partial);
        drop(Store::open(&partial)?);
        self.conn.execute("ATTACH DATABASE ?1 AS bundle", [partial.display().to_string()])?;
        let copied = self.copy_out(workshops);
        let detached = self.conn.execute("DETACH DATABASE bundle", []);
        copied?;
        detached?;
        std::fs::rename(&partial, path).map_err(io(path))?;
        remove_with_sidecars(&partial);
        Ok(())
    }

    fn copy_out(&mut self, workshops: &[WorkshopId]) -> Result<(), BundleError> {
        let tx = self.tx()?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS bundle_ids (id TEXT PRIMARY KEY); DELETE FROM temp.bundle_ids;",
        )?;
        for w in workshops {
            tx.execute("INSERT OR IGNORE INTO temp.bundle_ids (id) VALUES (?1)", [w.to_string()])?;
        }
        tx.execute(
            "INSERT INTO bundle.process SELECT * FROM main.process
             WHERE id IN (SELECT process_id FROM main.workshop WHERE id IN (SELECT id FROM temp.bundle_ids))",
            [],
        )?;
        for (table, filter) in COPY_OUT {
            tx.execute(&format!("INSERT INTO bundle.{table} SELECT * FROM main.{table} WHERE {filter}"), [])?;
        }
        tx.execute(
            "INSERT INTO bundle.statement SELECT * FROM main.statement
             WHERE process_id IN (SELECT id FROM bundle.process)
                OR (process_id IS NULL AND workshop_id IN (SELECT id FROM temp.bundle_ids))",
            [],
        )?;
        tx.execute(
            "INSERT INTO bundle.statement_source SELECT * FROM main.statement_source
             WHERE statement_id IN (SELECT id FROM bundle.statement) AND note_id IN (SELECT id FROM bundle.note)",
            [],
        )?;
        tx.execute(
            "INSERT INTO bundle.statement_link SELECT * FROM main.statement_link
             WHERE from_id IN (SELECT id FROM bundle.statement) AND to_id IN (SELECT id FROM bundle.statement)",
            [],
        )?;
        tx.execute("DELETE FROM temp.bundle_ids", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Imports a bundle: adds the workshops, notes, photos and statements this database does not
    /// have yet (by id), in one transaction. The bundle file is only read; a copy is checked (and
    /// migrated, if older) first, so a foreign, damaged or newer file is refused untouched.
    pub fn import_bundle(&mut self, path: &Path) -> Result<BundleImport, BundleError> {
        // Only a regular file with content can be a bundle (a pipe would block, an empty file
        // would open as a new database).
        let meta = std::fs::metadata(path).map_err(io(path))?;
        if !meta.is_file() || meta.len() == 0 {
            return Err(OpenError::NotADatabase { path: path.to_owned() }.into());
        }
        // A private scratch copy per import, so two imports at once never share one.
        let copy = beside(&self.path, &format!("{IMPORT_SCRATCH}{}", uuid::Uuid::new_v4()));
        std::fs::copy(path, &copy).map_err(io(path))?;
        let checked = Store::open(&copy).and_then(|bundle| self.check_bundle(bundle, &copy));
        if let Err(e) = checked {
            remove_with_sidecars(&copy);
            // The refusal names the user's file, not the scratch copy.
            return Err(e.about(path).into());
        }
        self.conn.execute("ATTACH DATABASE ?1 AS bundle", [copy.display().to_string()])?;
        let imported = self.copy_in();
        let detached = self.conn.execute("DETACH DATABASE bundle", []);
        remove_with_sidecars(&copy);
        let imported = imported?;
        detached?;
        Ok(imported)
    }

    /// A bundle is read only when it is exactly what Cafehost writes: the same tables, indexes,
    /// triggers and no views of its own (so no query of the import can be made to run away), and
    /// every row readable as the app will read it (so one bad row cannot break the workshop list
    /// of the whole database later).
    fn check_bundle(&self, bundle: Store, copy: &Path) -> Result<(), OpenError> {
        let damaged = |detail: String| OpenError::Corrupt { path: copy.to_owned(), detail };
        let ours = schema(&self.conn).map_err(|e| damaged(e.to_string()))?;
        let theirs = schema(&bundle.conn).map_err(|e| damaged(e.to_string()))?;
        if ours != theirs {
            return Err(damaged("its tables are not the ones Cafehost writes".to_owned()));
        }
        let unreadable = |e: StoreError| damaged(format!("a row cannot be read: {e}"));
        let mut bundle = bundle;
        let summaries = bundle.workshop_summaries().map_err(unreadable)?;
        for (process, summary) in summaries {
            if let Some(p) = process {
                bundle.process(p).map_err(unreadable)?;
                bundle.statements(crate::Scope::Process(p)).map_err(unreadable)?;
            }
            bundle.workshop_setup(summary.id).map_err(unreadable)?;
            bundle.seats(summary.id).map_err(unreadable)?;
            bundle.run_state(summary.id).map_err(unreadable)?;
            bundle.notes(crate::Scope::Workshop(summary.id)).map_err(unreadable)?;
            bundle.attachments(summary.id).map_err(unreadable)?;
            bundle.statements(crate::Scope::Workshop(summary.id)).map_err(unreadable)?;
        }
        bundle.close().map_err(unreadable)
    }

    fn copy_in(&mut self) -> Result<BundleImport, BundleError> {
        let tx = self.tx()?;
        let count = |sql: &str| -> rusqlite::Result<u32> { tx.query_row(sql, [], |r| r.get(0)) };
        let workshops_known = count("SELECT count(*) FROM bundle.workshop WHERE id IN (SELECT id FROM main.workshop)")?;
        let workshops_total = count("SELECT count(*) FROM bundle.workshop")?;
        let notes_before = count("SELECT count(*) FROM main.note")?;
        let photos_before = count("SELECT count(*) FROM main.attachment")?;
        let statements_before = count("SELECT count(*) FROM main.statement")?;
        // A process known under the same title (on another laptop it got another id) is the same.
        tx.execute("INSERT OR IGNORE INTO main.process SELECT * FROM bundle.process", [])?;
        let process_here = "(SELECT m.id FROM main.process m JOIN bundle.process b ON m.title = b.title COLLATE NOCASE
                             WHERE b.id = {column})";
        let workshop_process = process_here.replace("{column}", "w.process_id");
        tx.execute(
            &format!(
                "INSERT OR IGNORE INTO main.workshop
                 (id, process_id, title, date, start_time, place, purpose, language, travel_mode, created_at, updated_at)
                 SELECT w.id, {workshop_process}, w.title, w.date, w.start_time, w.place, w.purpose, w.language,
                        w.travel_mode, w.created_at, w.updated_at
                 FROM bundle.workshop w"
            ),
            [],
        )?;
        for table in ["round", "participant", "cafe_table", "table_question", "seat", "note", "attachment"] {
            tx.execute(&format!("INSERT OR IGNORE INTO main.{table} SELECT * FROM bundle.{table}"), [])?;
        }
        let statement_process = process_here.replace("{column}", "s.process_id");
        tx.execute(
            &format!(
                "INSERT OR IGNORE INTO main.statement
                 (id, process_id, workshop_id, level, text, field_of_action, votes, owner, time_frame, status,
                  created_at, updated_at)
                 SELECT s.id, {statement_process}, s.workshop_id, s.level, s.text, s.field_of_action, s.votes, s.owner,
                        s.time_frame, s.status, s.created_at, s.updated_at
                 FROM bundle.statement s"
            ),
            [],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO main.statement_source SELECT * FROM bundle.statement_source
             WHERE note_id IN (SELECT id FROM main.note) AND statement_id IN (SELECT id FROM main.statement)",
            [],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO main.statement_link SELECT * FROM bundle.statement_link
             WHERE from_id IN (SELECT id FROM main.statement) AND to_id IN (SELECT id FROM main.statement)",
            params![],
        )?;
        let imported = BundleImport {
            workshops_added: workshops_total - workshops_known,
            workshops_known,
            notes_added: count("SELECT count(*) FROM main.note")? - notes_before,
            photos_added: count("SELECT count(*) FROM main.attachment")? - photos_before,
            statements_added: count("SELECT count(*) FROM main.statement")? - statements_before,
        };
        tx.commit()?;
        Ok(imported)
    }
}
