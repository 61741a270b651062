//! Notes (with full-text search), photo attachments and statements: what the harvest stores.

use cafehost_core::{
    Attachment, AttachmentId, FieldOfActionId, Note, NoteId, NoteInput, ProcessId, Statement, StatementId,
    StatementInput, StatementPlan, WorkshopId,
};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::convert::{count, enum_text, enumeration, found, id, json, json_text, opt_id, touched};
use crate::{Result, Store};

/// Where statements belong: a process (consolidating all its workshops) or a single workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// All workshops of a process.
    Process(ProcessId),
    /// One workshop that belongs to no process.
    Workshop(WorkshopId),
}

const NOTE_COLUMNS: &str = "n.id, n.workshop_id, n.table_id, n.round_id, n.kind, n.text, n.tags, n.author, n.created_at, n.updated_at, n.source";

fn note_from_row(row: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: id(row, "id")?,
        workshop_id: id(row, "workshop_id")?,
        table_id: opt_id(row, "table_id")?,
        round_id: opt_id(row, "round_id")?,
        kind: enumeration(row, "kind")?,
        text: row.get("text")?,
        tags: json(row, "tags")?,
        author: row.get("author")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        source: enumeration(row, "source")?,
    })
}

/// The `WHERE` part that limits notes (alias `n`) to a scope, and its parameter.
fn note_scope(scope: Scope) -> (&'static str, String) {
    match scope {
        Scope::Process(p) => ("n.workshop_id IN (SELECT id FROM workshop WHERE process_id = ?1)", p.to_string()),
        Scope::Workshop(w) => ("n.workshop_id = ?1", w.to_string()),
    }
}

fn attachment_from_row(row: &Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: id(row, "id")?,
        workshop_id: id(row, "workshop_id")?,
        table_id: opt_id(row, "table_id")?,
        round_id: opt_id(row, "round_id")?,
        file_name: row.get("file_name")?,
        media_type: row.get("media_type")?,
        byte_len: count(row, "byte_len")?,
        rotation_degrees: count(row, "rotation_degrees")?,
        created_at: row.get("created_at")?,
        source: enumeration(row, "source")?,
    })
}

fn statement_ids(conn: &Connection, sql: &str, statement: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([statement], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn parse_ids<T: From<uuid::Uuid>>(texts: Vec<String>) -> Vec<T> {
    texts.into_iter().filter_map(|t| uuid::Uuid::parse_str(&t).ok().map(T::from)).collect()
}

fn load_links(conn: &Connection, mut statement: Statement) -> Result<Statement> {
    let key = statement.id.to_string();
    statement.source_note_ids = parse_ids(statement_ids(
        conn,
        "SELECT note_id FROM statement_source WHERE statement_id = ?1 ORDER BY note_id",
        &key,
    )?);
    statement.source_photo_ids = parse_ids(statement_ids(
        conn,
        "SELECT attachment_id FROM statement_source_photo WHERE statement_id = ?1 ORDER BY attachment_id",
        &key,
    )?);
    statement.linked_statement_ids = parse_ids(statement_ids(
        conn,
        "SELECT to_id FROM statement_link WHERE from_id = ?1 UNION SELECT from_id FROM statement_link WHERE to_id = ?1",
        &key,
    )?);
    Ok(statement)
}

fn statement_from_row(row: &Row<'_>) -> rusqlite::Result<Statement> {
    Ok(Statement {
        id: id(row, "id")?,
        process_id: opt_id(row, "process_id")?,
        workshop_id: opt_id(row, "workshop_id")?,
        level: enumeration(row, "level")?,
        number: count(row, "number")?,
        text: row.get("text")?,
        field_id: opt_id(row, "field_id")?,
        field_of_action: row.get("field_of_action")?,
        votes: count(row, "votes")?,
        owner: row.get("owner")?,
        time_frame: row.get("time_frame")?,
        status: enumeration(row, "status")?,
        source_note_ids: Vec::new(),
        source_photo_ids: Vec::new(),
        linked_statement_ids: Vec::new(),
        plan: StatementPlan {
            start_date: row.get("start_date")?,
            end_date: row.get("end_date")?,
            indicator: row.get("indicator")?,
            baseline: row.get("baseline")?,
            target: row.get("target")?,
            resources: row.get("resources")?,
            decision_body: row.get("decision_body")?,
            decision_date: row.get("decision_date")?,
            decision_reference: row.get("decision_reference")?,
        },
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// The stored columns of a statement, in the order [`Store::save_statement`] writes them.
const STATEMENT_COLUMNS: &str = "id, process_id, workshop_id, level, number, text, field_id, votes, owner, \
     time_frame, status, created_at, updated_at, start_date, end_date, indicator, baseline, target, resources, \
     decision_body, decision_date, decision_reference";

/// A statement with its field's name (alias `s`; filters name its columns `s.…`).
const STATEMENT_SELECT: &str = "SELECT s.*, coalesce(f.name, '') AS field_of_action
     FROM statement s LEFT JOIN field_of_action f ON f.id = s.field_id";

/// An FTS5 query from what a person typed: every word must occur, as a prefix; quotes and
/// operators are taken literally.
fn match_query(typed: &str) -> Option<String> {
    let words: Vec<String> =
        typed.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Store {
    /// Every note of a workshop or process, oldest first.
    pub fn notes(&self, scope: Scope) -> Result<Vec<Note>> {
        let (filter, key) = note_scope(scope);
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {NOTE_COLUMNS} FROM note n WHERE {filter} ORDER BY n.created_at, n.id"))?;
        let rows = stmt.query_map([key], note_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of the notes in `scope` that match the typed words, best match first.
    pub fn search_notes(&self, scope: Scope, typed: &str) -> Result<Vec<NoteId>> {
        let Some(query) = match_query(typed) else { return Ok(Vec::new()) };
        let (filter, key) = note_scope(scope);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT n.id FROM note_search JOIN note n ON n.rowid = note_search.rowid
             WHERE note_search MATCH ?2 AND {filter} ORDER BY note_search.rank"
        ))?;
        let rows = stmt.query_map(params![key, query], |r| id(r, "id"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One note, if it exists.
    pub fn find_note(&self, note: NoteId) -> Result<Option<Note>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {NOTE_COLUMNS} FROM note n WHERE n.id = ?1"), [note.to_string()], note_from_row)
            .optional()?)
    }

    /// One note.
    pub fn note(&self, note: NoteId) -> Result<Note> {
        found(
            self.conn.query_row(
                &format!("SELECT {NOTE_COLUMNS} FROM note n WHERE n.id = ?1"),
                [note.to_string()],
                note_from_row,
            ),
            "note",
        )
    }

    /// Stores a new note.
    pub fn insert_note(&mut self, note: &Note) -> Result<()> {
        self.conn.execute(
            "INSERT INTO note (id, workshop_id, table_id, round_id, kind, text, tags, author, created_at, updated_at, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                note.id.to_string(),
                note.workshop_id.to_string(),
                note.table_id.map(|t| t.to_string()),
                note.round_id.map(|r| r.to_string()),
                enum_text(&note.kind),
                note.text,
                json_text(&note.tags),
                note.author,
                note.created_at,
                note.updated_at,
                enum_text(&note.source)
            ],
        )?;
        Ok(())
    }

    /// Changes a note's text, tags and author.
    pub fn update_note(&mut self, note: NoteId, input: &NoteInput, now: DateTime<Utc>) -> Result<Note> {
        let rows = self.conn.execute(
            "UPDATE note SET text = ?2, tags = ?3, author = ?4, updated_at = ?5 WHERE id = ?1",
            params![note.to_string(), input.text, json_text(&input.tags), input.author, now],
        )?;
        touched(rows, "note")?;
        self.note(note)
    }

    /// Deletes a note (statements lose it as a source).
    pub fn delete_note(&mut self, note: NoteId) -> Result<()> {
        touched(self.conn.execute("DELETE FROM note WHERE id = ?1", [note.to_string()])?, "note")
    }

    /// The photos of a workshop (without their bytes).
    pub fn attachments(&self, workshop: WorkshopId) -> Result<Vec<Attachment>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, workshop_id, table_id, round_id, file_name, media_type, length(bytes) AS byte_len,
                    rotation_degrees, created_at, source
             FROM attachment WHERE workshop_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([workshop.to_string()], attachment_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The photos, of every workshop, without a document copy made by `rules` (added before
    /// copies were kept, or copied by older rules), oldest first.
    pub fn attachments_without_copy(&self, rules: u32) -> Result<Vec<Attachment>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, workshop_id, table_id, round_id, file_name, media_type, length(bytes) AS byte_len,
                    rotation_degrees, created_at, source
             FROM attachment a
             WHERE NOT EXISTS (SELECT 1 FROM attachment_copy c WHERE c.attachment_id = a.id AND c.rules = ?1)
             ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([rules], attachment_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores a photo with its bytes.
    pub fn insert_attachment(&mut self, attachment: &Attachment, bytes: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO attachment (id, workshop_id, table_id, round_id, file_name, media_type, bytes, rotation_degrees, created_at, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                attachment.id.to_string(),
                attachment.workshop_id.to_string(),
                attachment.table_id.map(|t| t.to_string()),
                attachment.round_id.map(|r| r.to_string()),
                attachment.file_name,
                attachment.media_type,
                bytes,
                attachment.rotation_degrees,
                attachment.created_at,
                enum_text(&attachment.source)
            ],
        )?;
        Ok(())
    }

    /// One photo's description, if it exists.
    pub fn find_attachment(&self, attachment: AttachmentId) -> Result<Option<Attachment>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, workshop_id, table_id, round_id, file_name, media_type, length(bytes) AS byte_len,
                        rotation_degrees, created_at, source
                 FROM attachment WHERE id = ?1",
                [attachment.to_string()],
                attachment_from_row,
            )
            .optional()?)
    }

    /// A photo's media type and bytes.
    pub fn attachment_bytes(&self, attachment: AttachmentId) -> Result<(String, Vec<u8>)> {
        found(
            self.conn.query_row(
                "SELECT media_type, bytes FROM attachment WHERE id = ?1",
                [attachment.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ),
            "attachment",
        )
    }

    /// A photo's document copy as kept (`rules`, media type, bytes), if one was made.
    pub fn attachment_copy(&self, attachment: AttachmentId) -> Result<Option<(u32, String, Vec<u8>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT rules, media_type, bytes FROM attachment_copy WHERE attachment_id = ?1",
                [attachment.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// Keeps photos' document copies (replacing older ones): (photo, rules, media type, bytes).
    /// A photo deleted meanwhile is skipped.
    pub fn save_attachment_copies(&mut self, copies: &[(AttachmentId, u32, String, Vec<u8>)]) -> Result<()> {
        let tx = self.tx()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO attachment_copy (attachment_id, rules, media_type, bytes)
                 SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM attachment WHERE id = ?1)",
            )?;
            for (attachment, rules, media_type, bytes) in copies {
                stmt.execute(params![attachment.to_string(), rules, media_type, bytes])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Turns a photo for display (0, 90, 180 or 270 degrees).
    pub fn rotate_attachment(&mut self, attachment: AttachmentId, degrees: u32) -> Result<()> {
        let rows = self.conn.execute(
            "UPDATE attachment SET rotation_degrees = ?2 WHERE id = ?1",
            params![attachment.to_string(), degrees % 360],
        )?;
        touched(rows, "attachment")
    }

    /// Deletes a photo (statements lose it as a source).
    pub fn delete_attachment(&mut self, attachment: AttachmentId) -> Result<()> {
        touched(self.conn.execute("DELETE FROM attachment WHERE id = ?1", [attachment.to_string()])?, "attachment")
    }

    /// The statements of a process or workshop, with their sources and links.
    pub fn statements(&self, scope: Scope) -> Result<Vec<Statement>> {
        let (filter, key) = match scope {
            Scope::Process(p) => ("s.process_id = ?1", p.to_string()),
            Scope::Workshop(w) => ("s.workshop_id = ?1 AND s.process_id IS NULL", w.to_string()),
        };
        let mut stmt = self.conn.prepare(&format!(
            "{STATEMENT_SELECT} WHERE {filter}
             ORDER BY CASE s.level WHEN 'goal' THEN 0 WHEN 'measure' THEN 1 ELSE 2 END, s.votes DESC, s.created_at"
        ))?;
        let rows = stmt.query_map([key], statement_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(|s| load_links(&self.conn, s)).collect()
    }

    /// One statement with its sources and links.
    pub fn statement(&self, statement: StatementId) -> Result<Statement> {
        let row = self
            .conn
            .query_row(&format!("{STATEMENT_SELECT} WHERE s.id = ?1"), [statement.to_string()], statement_from_row)
            .optional()?
            .ok_or(crate::StoreError::NotFound { entity: "statement" })?;
        load_links(&self.conn, row)
    }

    /// Sets the dot votes of statements (a vote counted on phones).
    pub fn set_statement_votes(&mut self, votes: &[(StatementId, u32)], now: DateTime<Utc>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached("UPDATE statement SET votes = ?2, updated_at = ?3 WHERE id = ?1")?;
        for (statement, count) in votes {
            touched(stmt.execute(params![statement.to_string(), count, now])?, "statement")?;
        }
        Ok(())
    }

    /// Changes what a statement says and its attributes, its field (the entry the core's
    /// `fields::pick` found for the typed name) and its number (which the core gives,
    /// `consolidation::number_for`: its own unless the level or the field changes).
    pub fn update_statement(
        &mut self,
        statement: StatementId,
        input: &StatementInput,
        field: Option<FieldOfActionId>,
        number: u32,
        now: DateTime<Utc>,
    ) -> Result<Statement> {
        let rows = self.conn.execute(
            "UPDATE statement SET level = ?2, text = ?3, field_id = ?4, votes = ?5, owner = ?6, time_frame = ?7,
                    status = ?8, updated_at = ?9, number = ?10 WHERE id = ?1",
            params![
                statement.to_string(),
                enum_text(&input.level),
                input.text,
                field.map(|f| f.to_string()),
                input.votes,
                input.owner,
                input.time_frame,
                enum_text(&input.status),
                now,
                number
            ],
        )?;
        touched(rows, "statement")?;
        self.statement(statement)
    }

    /// Moves statements to `field` (or to none) under the numbers the core gave them there
    /// (`consolidation::numbers_on_field`).
    pub fn move_statements_to_field(
        &mut self,
        numbers: &[(StatementId, u32)],
        field: Option<FieldOfActionId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.tx()?;
        {
            let mut stmt =
                tx.prepare_cached("UPDATE statement SET field_id = ?2, number = ?3, updated_at = ?4 WHERE id = ?1")?;
            for (statement, number) in numbers {
                touched(
                    stmt.execute(params![statement.to_string(), field.map(|f| f.to_string()), number, now])?,
                    "statement",
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Changes a statement's dates, indicator, resources and decision record.
    pub fn update_statement_plan(
        &mut self,
        statement: StatementId,
        plan: &StatementPlan,
        now: DateTime<Utc>,
    ) -> Result<Statement> {
        let rows = self.conn.execute(
            "UPDATE statement SET start_date = ?2, end_date = ?3, indicator = ?4, baseline = ?5, target = ?6,
                    resources = ?7, decision_body = ?8, decision_date = ?9, decision_reference = ?10, updated_at = ?11
             WHERE id = ?1",
            params![
                statement.to_string(),
                plan.start_date,
                plan.end_date,
                plan.indicator,
                plan.baseline,
                plan.target,
                plan.resources,
                plan.decision_body,
                plan.decision_date,
                plan.decision_reference,
                now
            ],
        )?;
        touched(rows, "statement")?;
        self.statement(statement)
    }

    /// Replaces the notes a statement comes from.
    pub fn set_statement_sources(&mut self, statement: StatementId, notes: &[NoteId]) -> Result<Statement> {
        let tx = self.tx()?;
        tx.execute("DELETE FROM statement_source WHERE statement_id = ?1", [statement.to_string()])?;
        write_sources(&tx, statement, notes)?;
        tx.commit()?;
        self.statement(statement)
    }

    /// Replaces the photos a statement comes from.
    pub fn set_statement_photos(&mut self, statement: StatementId, photos: &[AttachmentId]) -> Result<Statement> {
        let tx = self.tx()?;
        tx.execute("DELETE FROM statement_source_photo WHERE statement_id = ?1", [statement.to_string()])?;
        write_photo_sources(&tx, statement, photos)?;
        tx.commit()?;
        self.statement(statement)
    }

    /// Links two statements (e.g. a measure to the goal it serves), or unlinks them.
    pub fn set_statement_link(&mut self, first: StatementId, second: StatementId, linked: bool) -> Result<()> {
        let tx = self.tx()?;
        tx.execute(
            "DELETE FROM statement_link WHERE (from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1)",
            params![first.to_string(), second.to_string()],
        )?;
        if linked {
            tx.execute(
                "INSERT INTO statement_link (from_id, to_id) VALUES (?1, ?2)",
                params![first.to_string(), second.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes a statement as given, its sources (notes and photos) and links included (replacing what was stored
    /// for it); what a merge or split means is decided in `cafehost_core::consolidation`.
    pub fn save_statement(&mut self, statement: &Statement) -> Result<()> {
        let key = statement.id.to_string();
        let tx = self.tx()?;
        tx.execute("DELETE FROM statement_source WHERE statement_id = ?1", [&key])?;
        tx.execute("DELETE FROM statement_source_photo WHERE statement_id = ?1", [&key])?;
        tx.execute("DELETE FROM statement_link WHERE from_id = ?1 OR to_id = ?1", [&key])?;
        tx.execute(
            &format!(
                "INSERT INTO statement ({STATEMENT_COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                         ?21, ?22)
                 ON CONFLICT (id) DO UPDATE SET level = excluded.level, number = excluded.number, text = excluded.text,
                    field_id = excluded.field_id, votes = excluded.votes, owner = excluded.owner,
                    time_frame = excluded.time_frame, status = excluded.status, updated_at = excluded.updated_at,
                    start_date = excluded.start_date, end_date = excluded.end_date, indicator = excluded.indicator,
                    baseline = excluded.baseline, target = excluded.target, resources = excluded.resources,
                    decision_body = excluded.decision_body, decision_date = excluded.decision_date,
                    decision_reference = excluded.decision_reference"
            ),
            params![
                key,
                statement.process_id.map(|p| p.to_string()),
                statement.workshop_id.map(|w| w.to_string()),
                enum_text(&statement.level),
                statement.number,
                statement.text,
                statement.field_id.map(|f| f.to_string()),
                statement.votes,
                statement.owner,
                statement.time_frame,
                enum_text(&statement.status),
                statement.created_at,
                statement.updated_at,
                statement.plan.start_date,
                statement.plan.end_date,
                statement.plan.indicator,
                statement.plan.baseline,
                statement.plan.target,
                statement.plan.resources,
                statement.plan.decision_body,
                statement.plan.decision_date,
                statement.plan.decision_reference
            ],
        )?;
        write_sources(&tx, statement.id, &statement.source_note_ids)?;
        write_photo_sources(&tx, statement.id, &statement.source_photo_ids)?;
        for other in &statement.linked_statement_ids {
            tx.execute(
                "INSERT OR IGNORE INTO statement_link (from_id, to_id) VALUES (?1, ?2)",
                params![key, other.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes a statement with its sources and links.
    pub fn delete_statement(&mut self, statement: StatementId) -> Result<()> {
        touched(self.conn.execute("DELETE FROM statement WHERE id = ?1", [statement.to_string()])?, "statement")
    }
}

fn write_sources(conn: &Connection, statement: StatementId, notes: &[NoteId]) -> Result<()> {
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO statement_source (statement_id, note_id) VALUES (?1, ?2)")?;
    for note in notes {
        insert.execute(params![statement.to_string(), note.to_string()])?;
    }
    Ok(())
}

fn write_photo_sources(conn: &Connection, statement: StatementId, photos: &[AttachmentId]) -> Result<()> {
    let mut insert = conn
        .prepare_cached("INSERT OR IGNORE INTO statement_source_photo (statement_id, attachment_id) VALUES (?1, ?2)")?;
    for photo in photos {
        insert.execute(params![statement.to_string(), photo.to_string()])?;
    }
    Ok(())
}
