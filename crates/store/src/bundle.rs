//! Bundles: a workshop or a whole process in one file that another laptop can import. A bundle
//! is itself a Cafehost database holding just those workshops (with photos and statements), so
//! it is written and read with the same schema, checks and migrations as the main file. Import
//! adds what is new by id and leaves what is known alone, so importing twice changes nothing;
//! a process that exists under the same title on both laptops becomes one.

use std::path::{Path, PathBuf};

use cafehost_core::WorkshopId;

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
    /// Of the notes, photos and statements added, those in workshops this database already had:
    /// new on the other laptop, or deleted here and now back.
    pub added_to_known: u32,
    /// Tables and rounds the other laptop re-created under a number (or position) this database
    /// already has: taken as the same table (round), with their seats, notes and photos.
    pub matched: u32,
    /// Entries left out because their id belongs to other content here (a participant of
    /// another workshop, say), with the notes and photos placed at them: never attached elsewhere.
    pub skipped: u32,
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
    (
        "participant_pair",
        "first_id IN (SELECT id FROM main.participant WHERE workshop_id IN (SELECT id FROM temp.bundle_ids))",
    ),
    (
        "person_choice",
        "participant_id IN (SELECT id FROM main.participant WHERE workshop_id IN (SELECT id FROM temp.bundle_ids))",
    ),
    ("cafe_table", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
    (
        "table_question",
        "table_id IN (SELECT id FROM main.cafe_table WHERE workshop_id IN (SELECT id FROM temp.bundle_ids))",
    ),
    ("seat", "round_id IN (SELECT id FROM main.round WHERE workshop_id IN (SELECT id FROM temp.bundle_ids))"),
    ("note", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
    ("attachment", "workshop_id IN (SELECT id FROM temp.bundle_ids)"),
];

/// Takes a checked bundle (attached as `bundle`) in. First every row of the bundle is mapped to
/// its row here (`temp.bundle_map`: `how` is `added`, `known`, `matched` or `skipped`), then only
/// rows whose references all map into one and the same workshop here are inserted. So an id that
/// means something else here is skipped, never re-attached, and a table deleted and added again
/// on the other laptop (a new id, the same number) is the table this database already has.
/// Three steps in one transaction: this (processes, workshops, participants), [`MAP_NUMBERED`]
/// for rounds and tables, then [`COPY_IN_REST`].
const COPY_IN: &str = "
DROP VIEW IF EXISTS temp.bundle_place;
DROP VIEW IF EXISTS temp.bundle_placed;
DROP TABLE IF EXISTS temp.bundle_map;
CREATE TEMP TABLE bundle_map (
    kind TEXT NOT NULL, bundle_id TEXT NOT NULL, main_id TEXT, how TEXT NOT NULL, PRIMARY KEY (kind, bundle_id)
);

-- A process known under the same title (on another laptop it got another id) is the same.
INSERT INTO temp.bundle_map
SELECT 'process', b.id,
       coalesce(m.id, (SELECT t.id FROM main.process t WHERE t.title = b.title COLLATE NOCASE), b.id),
       CASE WHEN m.id IS NOT NULL THEN 'known'
            WHEN EXISTS (SELECT 1 FROM main.process t WHERE t.title = b.title COLLATE NOCASE) THEN 'matched'
            ELSE 'added' END
FROM bundle.process b LEFT JOIN main.process m ON m.id = b.id;
INSERT INTO main.process SELECT b.* FROM bundle.process b
JOIN temp.bundle_map m ON m.kind = 'process' AND m.bundle_id = b.id AND m.how = 'added';

INSERT INTO temp.bundle_map
SELECT 'workshop', b.id, b.id, CASE WHEN m.id IS NULL THEN 'added' ELSE 'known' END
FROM bundle.workshop b LEFT JOIN main.workshop m ON m.id = b.id;
-- Its field of action once the fields are mapped (below).
INSERT INTO main.workshop
       (id, process_id, title, date, start_time, place, purpose, language, travel_mode, created_at, updated_at,
        end_time, organiser, moderation, minute_taker, distribution)
SELECT w.id, (SELECT p.main_id FROM temp.bundle_map p WHERE p.kind = 'process' AND p.bundle_id = w.process_id),
       w.title, w.date, w.start_time, w.place, w.purpose, w.language, w.travel_mode, w.created_at, w.updated_at,
       w.end_time, w.organiser, w.moderation, w.minute_taker, w.distribution
FROM bundle.workshop w JOIN temp.bundle_map m ON m.kind = 'workshop' AND m.bundle_id = w.id AND m.how = 'added';

-- Fields of action: known by id in the same list; else the field of that name in the list here
-- (a process matched by title has its own list); else added after the fields here, in the
-- bundle's order, with its starting situation. Skipped when the id belongs to another list here.
-- A field known or matched here whose situation is still empty takes the bundle's: nothing
-- written here is replaced.
DROP TABLE IF EXISTS temp.bundle_field;
CREATE TEMP TABLE bundle_field AS
SELECT f.id, f.name, f.position, f.workshop_id, f.situation,
       (SELECT p.main_id FROM temp.bundle_map p WHERE p.kind = 'process' AND p.bundle_id = f.process_id) AS process_id,
       coalesce((SELECT p.main_id FROM temp.bundle_map p WHERE p.kind = 'process' AND p.bundle_id = f.process_id),
                f.workshop_id) AS scope,
       (SELECT min(o.id) FROM main.field_of_action o
        WHERE coalesce(o.process_id, o.workshop_id) = coalesce(
                  (SELECT p.main_id FROM temp.bundle_map p WHERE p.kind = 'process' AND p.bundle_id = f.process_id),
                  f.workshop_id)
          AND o.name = f.name COLLATE NOCASE) AS same_name
FROM bundle.field_of_action f;
INSERT INTO temp.bundle_map
SELECT 'field', b.id,
       CASE WHEN m.id IS NOT NULL THEN CASE WHEN coalesce(m.process_id, m.workshop_id) = b.scope THEN m.id END
            ELSE coalesce(b.same_name, b.id) END,
       CASE WHEN m.id IS NOT NULL THEN CASE WHEN coalesce(m.process_id, m.workshop_id) = b.scope THEN 'known'
                                            ELSE 'skipped' END
            WHEN b.same_name IS NOT NULL THEN 'matched'
            ELSE 'added' END
FROM temp.bundle_field b LEFT JOIN main.field_of_action m ON m.id = b.id;
INSERT INTO main.field_of_action (id, process_id, workshop_id, position, name, situation)
SELECT b.id, b.process_id, CASE WHEN b.process_id IS NULL THEN b.workshop_id END,
       coalesce((SELECT max(o.position) + 1 FROM main.field_of_action o
                 WHERE coalesce(o.process_id, o.workshop_id) = b.scope), 0)
       + row_number() OVER (PARTITION BY b.scope ORDER BY b.position) - 1,
       b.name, b.situation
FROM temp.bundle_field b JOIN temp.bundle_map m ON m.kind = 'field' AND m.bundle_id = b.id AND m.how = 'added';
UPDATE main.field_of_action SET situation = coalesce(
    (SELECT b.situation FROM temp.bundle_field b
     JOIN temp.bundle_map m ON m.kind = 'field' AND m.bundle_id = b.id AND m.how IN ('known', 'matched')
     WHERE m.main_id = main.field_of_action.id AND b.situation <> ''
     ORDER BY b.position, b.id LIMIT 1), '')
WHERE situation = '';
DROP TABLE temp.bundle_field;
UPDATE main.workshop SET field_id = (
    SELECT f.main_id FROM bundle.workshop b JOIN temp.bundle_map f ON f.kind = 'field' AND f.bundle_id = b.field_id
    WHERE b.id = main.workshop.id)
WHERE id IN (SELECT bundle_id FROM temp.bundle_map WHERE kind = 'workshop' AND how = 'added');

-- Rows of a workshop: known by id in the same workshop, skipped when the id is used elsewhere.
INSERT INTO temp.bundle_map
SELECT 'participant', b.id, CASE WHEN m.id IS NULL OR m.workshop_id = b.workshop_id THEN b.id END,
       CASE WHEN m.id IS NULL THEN 'added' WHEN m.workshop_id = b.workshop_id THEN 'known' ELSE 'skipped' END
FROM bundle.participant b LEFT JOIN main.participant m ON m.id = b.id;
INSERT INTO main.participant SELECT b.* FROM bundle.participant b
JOIN temp.bundle_map m ON m.kind = 'participant' AND m.bundle_id = b.id AND m.how = 'added';

-- Pairs kept apart or together, and who is one person across lists: for people here; what
-- this database decided already stays.
INSERT OR IGNORE INTO main.participant_pair (first_id, second_id, kind)
SELECT f.main_id, s.main_id, b.kind FROM bundle.participant_pair b
JOIN temp.bundle_map f ON f.kind = 'participant' AND f.bundle_id = b.first_id AND f.main_id IS NOT NULL
JOIN temp.bundle_map s ON s.kind = 'participant' AND s.bundle_id = b.second_id AND s.main_id IS NOT NULL;
INSERT OR IGNORE INTO main.person_choice (participant_id, person_id)
SELECT m.main_id, b.person_id FROM bundle.person_choice b
JOIN temp.bundle_map m ON m.kind = 'participant' AND m.bundle_id = b.participant_id AND m.main_id IS NOT NULL;
";

/// Rounds and tables (`{kind}`), mapped by id, else by their position or number (`{key}`): a
/// new id under a number the workshop already has is that one (deleted and added again on the
/// other laptop). Run between [`COPY_IN`] and [`COPY_IN_REST`] for each of [`NUMBERED`].
const MAP_NUMBERED: &str = "
INSERT INTO temp.bundle_map
SELECT '{kind}', b.id,
       CASE WHEN m.id IS NOT NULL THEN CASE WHEN m.workshop_id = b.workshop_id THEN m.id END
            ELSE coalesce((SELECT min(o.id) FROM main.{kind} o
                           WHERE o.workshop_id = b.workshop_id AND o.{key} = b.{key}), b.id) END,
       CASE WHEN m.id IS NOT NULL THEN CASE WHEN m.workshop_id = b.workshop_id THEN 'known' ELSE 'skipped' END
            WHEN EXISTS (SELECT 1 FROM main.{kind} o WHERE o.workshop_id = b.workshop_id AND o.{key} = b.{key})
                 THEN 'matched'
            ELSE 'added' END
FROM bundle.{kind} b LEFT JOIN main.{kind} m ON m.id = b.id;
";

/// The tables whose rows are matched by a number, and that number's column.
const NUMBERED: [(&str, &str); 2] = [("round", "position"), ("cafe_table", "number")];

/// The rest of the import, once rounds and tables are mapped.
const COPY_IN_REST: &str = "
INSERT INTO main.round SELECT b.* FROM bundle.round b
JOIN temp.bundle_map m ON m.kind = 'round' AND m.bundle_id = b.id AND m.how = 'added';
-- A host only when that person is here, in the same workshop.
INSERT INTO main.cafe_table (id, workshop_id, number, topic, capacity, host_id)
SELECT b.id, b.workshop_id, b.number, b.topic, b.capacity,
       (SELECT p.id FROM temp.bundle_map h JOIN main.participant p ON p.id = h.main_id
        WHERE h.kind = 'participant' AND h.bundle_id = b.host_id AND p.workshop_id = b.workshop_id)
FROM bundle.cafe_table b JOIN temp.bundle_map m ON m.kind = 'cafe_table' AND m.bundle_id = b.id AND m.how = 'added';

-- Where a row points to a table and a round: both here, in one workshop.
CREATE TEMP VIEW bundle_place AS
SELECT mt.bundle_id AS table_id, mr.bundle_id AS round_id, mt.main_id AS main_table, mr.main_id AS main_round,
       t.workshop_id
FROM temp.bundle_map mt JOIN main.cafe_table t ON t.id = mt.main_id
JOIN temp.bundle_map mr ON mr.kind = 'round' JOIN main.round r ON r.id = mr.main_id AND r.workshop_id = t.workshop_id
WHERE mt.kind = 'cafe_table';

INSERT OR IGNORE INTO main.table_question (table_id, round_id, text)
SELECT p.main_table, p.main_round, q.text FROM bundle.table_question q
JOIN temp.bundle_place p ON p.table_id = q.table_id AND p.round_id = q.round_id;

INSERT OR IGNORE INTO main.seat (round_id, participant_id, table_id, pinned)
SELECT p.main_round, pm.main_id, p.main_table, s.pinned FROM bundle.seat s
JOIN temp.bundle_place p ON p.table_id = s.table_id AND p.round_id = s.round_id
JOIN temp.bundle_map pm ON pm.kind = 'participant' AND pm.bundle_id = s.participant_id
JOIN main.participant h ON h.id = pm.main_id AND h.workshop_id = p.workshop_id;

-- Notes and photos: skipped when their id is used elsewhere or their table or round is not here.
CREATE TEMP VIEW bundle_placed AS
SELECT b.id, b.workshop_id, b.kind,
       (SELECT t.main_id FROM temp.bundle_map t JOIN main.cafe_table o ON o.id = t.main_id
        WHERE t.kind = 'cafe_table' AND t.bundle_id = b.table_id AND o.workshop_id = b.workshop_id) AS main_table,
       (SELECT r.main_id FROM temp.bundle_map r JOIN main.round o ON o.id = r.main_id
        WHERE r.kind = 'round' AND r.bundle_id = b.round_id AND o.workshop_id = b.workshop_id) AS main_round,
       b.table_id, b.round_id
FROM (SELECT id, workshop_id, table_id, round_id, 'note' AS kind FROM bundle.note
      UNION ALL SELECT id, workshop_id, table_id, round_id, 'attachment' FROM bundle.attachment) b;
INSERT INTO temp.bundle_map
SELECT b.kind, b.id, b.id,
       CASE WHEN m.id IS NOT NULL AND m.workshop_id = b.workshop_id THEN 'known'
            WHEN m.id IS NOT NULL THEN 'skipped'
            WHEN (b.table_id IS NOT NULL AND b.main_table IS NULL) OR (b.round_id IS NOT NULL AND b.main_round IS NULL)
                 THEN 'skipped'
            ELSE 'added' END
FROM temp.bundle_placed b
LEFT JOIN (SELECT id, workshop_id FROM main.note UNION ALL SELECT id, workshop_id FROM main.attachment) m ON m.id = b.id;
UPDATE temp.bundle_map SET main_id = NULL WHERE how = 'skipped';
INSERT INTO main.note (id, workshop_id, table_id, round_id, kind, text, tags, author, created_at, updated_at, source)
SELECT n.id, n.workshop_id, p.main_table, p.main_round, n.kind, n.text, n.tags, n.author, n.created_at, n.updated_at,
       n.source
FROM bundle.note n JOIN temp.bundle_placed p ON p.id = n.id AND p.kind = 'note'
JOIN temp.bundle_map m ON m.kind = 'note' AND m.bundle_id = n.id AND m.how = 'added';
INSERT INTO main.attachment
       (id, workshop_id, table_id, round_id, file_name, media_type, bytes, rotation_degrees, created_at, source)
SELECT a.id, a.workshop_id, p.main_table, p.main_round, a.file_name, a.media_type, a.bytes, a.rotation_degrees,
       a.created_at, a.source
FROM bundle.attachment a JOIN temp.bundle_placed p ON p.id = a.id AND p.kind = 'attachment'
JOIN temp.bundle_map m ON m.kind = 'attachment' AND m.bundle_id = a.id AND m.how = 'added';

-- Statements: known when the id is here for the same workshop (or process), skipped otherwise.
INSERT INTO temp.bundle_map
SELECT 'statement', b.id, b.id,
       CASE WHEN m.id IS NULL THEN 'added'
            WHEN m.workshop_id IS b.workshop_id AND (b.workshop_id IS NOT NULL OR m.process_id IS
                 (SELECT p.main_id FROM temp.bundle_map p WHERE p.kind = 'process' AND p.bundle_id = b.process_id))
                 THEN 'known'
            ELSE 'skipped' END
FROM bundle.statement b LEFT JOIN main.statement m ON m.id = b.id;
-- A new statement keeps its number where that is free on its level and field in its scope here;
-- where it is taken, it gets the next free ones there (after every number here and in the
-- bundle), in its order; so do all but the first of the bundle's own that land on one number (two
-- fields, one skipped, both without a field here). Its field is the one its field maps to here
-- (none when skipped).
DROP TABLE IF EXISTS temp.bundle_statement;
CREATE TEMP TABLE bundle_statement AS
SELECT s.id, (SELECT p.main_id FROM temp.bundle_map p WHERE p.kind = 'process' AND p.bundle_id = s.process_id)
           AS process_id,
       s.workshop_id, s.level, s.number,
       (SELECT f.main_id FROM temp.bundle_map f WHERE f.kind = 'field' AND f.bundle_id = s.field_id) AS field_id
FROM bundle.statement s JOIN temp.bundle_map m ON m.kind = 'statement' AND m.bundle_id = s.id AND m.how = 'added';
UPDATE temp.bundle_statement AS b SET number = r.number
FROM (SELECT t.id,
             (SELECT max(n) FROM (SELECT o.number AS n FROM main.statement o
                                  WHERE coalesce(o.process_id, o.workshop_id) = coalesce(t.process_id, t.workshop_id)
                                    AND o.field_id IS t.field_id AND o.level = t.level
                                  UNION ALL SELECT o.number FROM temp.bundle_statement o
                                  WHERE coalesce(o.process_id, o.workshop_id) = coalesce(t.process_id, t.workshop_id)
                                    AND o.field_id IS t.field_id AND o.level = t.level))
             + row_number() OVER (PARTITION BY coalesce(t.process_id, t.workshop_id), t.field_id, t.level
                                  ORDER BY t.number)
             AS number
      FROM temp.bundle_statement t
      WHERE EXISTS (SELECT 1 FROM main.statement o
                    WHERE coalesce(o.process_id, o.workshop_id) = coalesce(t.process_id, t.workshop_id)
                      AND o.field_id IS t.field_id AND o.level = t.level AND o.number = t.number)
         OR EXISTS (SELECT 1 FROM temp.bundle_statement o
                    WHERE o.id < t.id
                      AND coalesce(o.process_id, o.workshop_id) = coalesce(t.process_id, t.workshop_id)
                      AND o.field_id IS t.field_id AND o.level = t.level AND o.number = t.number)) r
WHERE b.id = r.id;
INSERT INTO main.statement
       (id, process_id, workshop_id, level, number, text, field_id, votes, owner, time_frame, status,
        created_at, updated_at, start_date, end_date, indicator, baseline, target, resources, decision_body,
        decision_date, decision_reference)
SELECT s.id, n.process_id, s.workshop_id, s.level, n.number, s.text, n.field_id, s.votes,
       s.owner, s.time_frame, s.status, s.created_at, s.updated_at, s.start_date, s.end_date, s.indicator,
       s.baseline, s.target, s.resources, s.decision_body, s.decision_date, s.decision_reference
FROM bundle.statement s JOIN temp.bundle_statement n ON n.id = s.id;
DROP TABLE temp.bundle_statement;
-- Sources and links come with a statement that is new here; those of known statements stay ours.
INSERT OR IGNORE INTO main.statement_source (statement_id, note_id)
SELECT s.statement_id, s.note_id FROM bundle.statement_source s
JOIN temp.bundle_map st ON st.kind = 'statement' AND st.bundle_id = s.statement_id AND st.how = 'added'
JOIN temp.bundle_map n ON n.kind = 'note' AND n.bundle_id = s.note_id AND n.how IN ('added', 'known');
INSERT OR IGNORE INTO main.statement_source_photo (statement_id, attachment_id)
SELECT s.statement_id, s.attachment_id FROM bundle.statement_source_photo s
JOIN temp.bundle_map st ON st.kind = 'statement' AND st.bundle_id = s.statement_id AND st.how = 'added'
JOIN temp.bundle_map a ON a.kind = 'attachment' AND a.bundle_id = s.attachment_id AND a.how IN ('added', 'known');
INSERT OR IGNORE INTO main.statement_link (from_id, to_id)
SELECT l.from_id, l.to_id FROM bundle.statement_link l
JOIN temp.bundle_map f ON f.kind = 'statement' AND f.bundle_id = l.from_id AND f.how IN ('added', 'known')
JOIN temp.bundle_map t ON t.kind = 'statement' AND t.bundle_id = l.to_id AND t.how IN ('added', 'known')
WHERE f.how = 'added' OR t.how = 'added';
DROP VIEW temp.bundle_place;
DROP VIEW temp.bundle_placed;
";

impl Store {
    /// Writes the given workshops — with their process, participants, seats, notes, photos and
    /// the statements of their process (or of the workshop) — to a new bundle file at `path`,
    /// replacing it whole (written beside it first, then renamed).
    pub fn export_bundle(&mut self, workshops: &[WorkshopId], path: &Path) -> Result<(), BundleError> {
        let partial = beside(path, ".part");
        remove_with_sidecars(&partial);
        drop(Store::open(&partial)?);
        // A bundle is one self-contained file, written once: a rollback journal, not a
        // write-ahead log that would take every photo twice through the disk.
        let plain = rusqlite::Connection::open(&partial)?;
        plain.pragma_update(None, "journal_mode", "DELETE")?;
        plain.close().map_err(|(_, e)| StoreError::from(e))?;
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
        // A workshop names its field of action, and a field of a workshop of no process names its
        // workshop: the references are checked when the copy is complete.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
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
            "INSERT INTO bundle.field_of_action SELECT * FROM main.field_of_action
             WHERE process_id IN (SELECT id FROM bundle.process)
                OR (process_id IS NULL AND workshop_id IN (SELECT id FROM temp.bundle_ids))",
            [],
        )?;
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
            "INSERT INTO bundle.statement_source_photo SELECT * FROM main.statement_source_photo
             WHERE statement_id IN (SELECT id FROM bundle.statement)
               AND attachment_id IN (SELECT id FROM bundle.attachment)",
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
                bundle.fields_of_action(crate::Scope::Process(p)).map_err(unreadable)?;
            }
            bundle.fields_of_action(crate::Scope::Workshop(summary.id)).map_err(unreadable)?;
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
        tx.execute_batch(COPY_IN)?;
        for (kind, key) in NUMBERED {
            tx.execute_batch(&MAP_NUMBERED.replace("{kind}", kind).replace("{key}", key))?;
        }
        tx.execute_batch(COPY_IN_REST)?;
        let count = |sql: &str| -> rusqlite::Result<u32> { tx.query_row(sql, [], |r| r.get(0)) };
        let mapped = |kind: &str, how: &str| {
            count(&format!("SELECT count(*) FROM temp.bundle_map WHERE kind = '{kind}' AND how = '{how}'"))
        };
        let imported = BundleImport {
            workshops_added: mapped("workshop", "added")?,
            workshops_known: mapped("workshop", "known")?,
            notes_added: mapped("note", "added")?,
            photos_added: mapped("attachment", "added")?,
            statements_added: mapped("statement", "added")?,
            added_to_known: count(
                "SELECT count(*) FROM temp.bundle_map m
                 JOIN (SELECT id, workshop_id FROM bundle.note UNION ALL SELECT id, workshop_id FROM bundle.attachment
                       UNION ALL SELECT id, workshop_id FROM bundle.statement) b ON b.id = m.bundle_id
                 JOIN temp.bundle_map w ON w.kind = 'workshop' AND w.bundle_id = b.workshop_id AND w.how = 'known'
                 WHERE m.kind IN ('note', 'attachment', 'statement') AND m.how = 'added'",
            )?,
            matched: count(
                "SELECT count(*) FROM temp.bundle_map WHERE how = 'matched' AND kind IN ('round', 'cafe_table')",
            )?,
            skipped: count("SELECT count(*) FROM temp.bundle_map WHERE how = 'skipped'")?,
        };
        tx.execute("DROP TABLE temp.bundle_map", [])?;
        tx.commit()?;
        Ok(imported)
    }
}
