//! Processes and workshops, and whole-workshop operations (insert a complete setup, delete).

use cafehost_core::{
    FieldOfActionId, Process, ProcessId, ProcessTexts, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
    WorkshopSummary,
};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::convert::{count, enum_text, enumeration, found, id, opt_id, touched};
use crate::{Result, Store};

const WORKSHOP_COLUMNS: &str = "id, process_id, title, date, start_time, place, purpose, language, travel_mode, \
     created_at, updated_at, end_time, organiser, moderation, minute_taker, distribution, field_id";

const PROCESS_COLUMNS: &str = "id, title, description, vision";

fn workshop_from_row(row: &Row<'_>) -> rusqlite::Result<Workshop> {
    Ok(Workshop {
        id: id(row, "id")?,
        process_id: opt_id(row, "process_id")?,
        details: WorkshopDetails {
            title: row.get("title")?,
            date: row.get("date")?,
            start_time: row.get("start_time")?,
            end_time: row.get("end_time")?,
            place: row.get("place")?,
            purpose: row.get("purpose")?,
            language: enumeration(row, "language")?,
            travel_mode: enumeration(row, "travel_mode")?,
            organiser: row.get("organiser")?,
            moderation: row.get("moderation")?,
            minute_taker: row.get("minute_taker")?,
            distribution: row.get("distribution")?,
            field_id: opt_id(row, "field_id")?,
        },
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

fn process_from_row(row: &Row<'_>) -> rusqlite::Result<Process> {
    Ok(Process {
        id: id(row, "id")?,
        title: row.get("title")?,
        description: row.get("description")?,
        vision: row.get("vision")?,
    })
}

/// How many of each thing a database holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Workshops.
    pub workshops: u32,
    /// Participants of all workshops.
    pub participants: u32,
    /// Notes and summaries.
    pub notes: u32,
    /// Photos.
    pub photos: u32,
    /// Statements.
    pub statements: u32,
}

impl Store {
    /// The process with this title (compared case-insensitively), created if there is none.
    pub fn find_or_create_process(&mut self, title: &str, now: DateTime<Utc>) -> Result<Process> {
        let tx = self.tx()?;
        let existing = tx
            .query_row(
                &format!("SELECT {PROCESS_COLUMNS} FROM process WHERE title = ?1 COLLATE NOCASE"),
                [title],
                process_from_row,
            )
            .optional()?;
        let process = match existing {
            Some(p) => p,
            None => {
                let p = Process {
                    id: ProcessId::new(),
                    title: title.to_owned(),
                    description: String::new(),
                    vision: String::new(),
                };
                tx.execute(
                    "INSERT INTO process (id, title, description, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![p.id.to_string(), p.title, p.description, now],
                )?;
                p
            }
        };
        tx.commit()?;
        Ok(process)
    }

    /// All processes by title.
    pub fn processes(&self) -> Result<Vec<Process>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {PROCESS_COLUMNS} FROM process ORDER BY title COLLATE NOCASE"))?;
        let rows = stmt.query_map([], process_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One process.
    pub fn process(&self, process: ProcessId) -> Result<Process> {
        found(
            self.conn.query_row(
                &format!("SELECT {PROCESS_COLUMNS} FROM process WHERE id = ?1"),
                [process.to_string()],
                process_from_row,
            ),
            "process",
        )
    }

    /// Changes a process's description and guiding vision.
    pub fn update_process_texts(&mut self, process: ProcessId, texts: &ProcessTexts) -> Result<()> {
        let rows = self.conn.execute(
            "UPDATE process SET description = ?2, vision = ?3 WHERE id = ?1",
            params![process.to_string(), texts.description, texts.vision],
        )?;
        touched(rows, "process")
    }

    /// Removes processes that no workshop or statement refers to any more.
    pub fn delete_empty_processes(&mut self) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM process WHERE id NOT IN (SELECT process_id FROM workshop WHERE process_id IS NOT NULL)
             AND id NOT IN (SELECT process_id FROM statement WHERE process_id IS NOT NULL)",
            [],
        )?)
    }

    /// One workshop.
    pub fn workshop(&self, workshop: WorkshopId) -> Result<Workshop> {
        found(
            self.conn.query_row(
                &format!("SELECT {WORKSHOP_COLUMNS} FROM workshop WHERE id = ?1"),
                [workshop.to_string()],
                workshop_from_row,
            ),
            "workshop",
        )
    }

    /// Every workshop with its process id and the counts the workshop list shows.
    pub fn workshop_summaries(&self) -> Result<Vec<(Option<ProcessId>, WorkshopSummary)>> {
        let mut stmt = self.conn.prepare(
            "SELECT w.id, w.process_id, w.title, w.date, w.place,
                    (SELECT count(*) FROM cafe_table t WHERE t.workshop_id = w.id) AS table_count,
                    (SELECT count(*) FROM round r WHERE r.workshop_id = w.id) AS round_count,
                    (SELECT count(*) FROM participant p WHERE p.workshop_id = w.id) AS participant_count,
                    EXISTS (SELECT 1 FROM setting s WHERE s.key = 'demo.workshop' AND s.value = w.id) AS is_example
             FROM workshop w
             ORDER BY w.date IS NULL, w.date DESC, w.title COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                opt_id(row, "process_id")?,
                WorkshopSummary {
                    id: id(row, "id")?,
                    title: row.get("title")?,
                    date: row.get("date")?,
                    place: row.get("place")?,
                    table_count: count(row, "table_count")?,
                    round_count: count(row, "round_count")?,
                    participant_count: count(row, "participant_count")?,
                    is_example: row.get("is_example")?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the database holds no workshop at all (a first start).
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM workshop)", [], |r| r.get(0))?)
    }

    /// How much the database holds, for a backup's preview.
    pub fn totals(&self) -> Result<Totals> {
        let count = |table: &str| -> Result<u32> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(Totals {
            workshops: count("workshop")?,
            participants: count("participant")?,
            notes: count("note")?,
            photos: count("attachment")?,
            statements: count("statement")?,
        })
    }

    /// Changes what the moderator edits about a workshop.
    pub fn update_workshop_details(
        &mut self,
        workshop: WorkshopId,
        details: &WorkshopDetails,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let rows = self.conn.execute(
            "UPDATE workshop SET title = ?2, date = ?3, start_time = ?4, place = ?5, purpose = ?6,
                    language = ?7, travel_mode = ?8, updated_at = ?9, end_time = ?10, organiser = ?11,
                    moderation = ?12, minute_taker = ?13, distribution = ?14, field_id = ?15
             WHERE id = ?1",
            params![
                workshop.to_string(),
                details.title,
                details.date,
                details.start_time,
                details.place,
                details.purpose,
                enum_text(&details.language),
                enum_text(&details.travel_mode),
                now,
                details.end_time,
                details.organiser,
                details.moderation,
                details.minute_taker,
                details.distribution,
                details.field_id.map(|f| f.to_string())
            ],
        )?;
        touched(rows, "workshop")
    }

    /// Files a workshop under a process, or under none, with the field of action it keeps there
    /// (`cafehost_core::fields::field_after_refiling`).
    pub fn set_workshop_process(
        &mut self,
        workshop: WorkshopId,
        process: Option<ProcessId>,
        field: Option<FieldOfActionId>,
    ) -> Result<()> {
        let rows = self.conn.execute(
            "UPDATE workshop SET process_id = ?2, field_id = ?3 WHERE id = ?1",
            params![workshop.to_string(), process.map(|p| p.to_string()), field.map(|f| f.to_string())],
        )?;
        touched(rows, "workshop")
    }

    /// Deletes a workshop with everything in it (tables, rounds, participants, seats, notes,
    /// photos, statements of that workshop).
    pub fn delete_workshop(&mut self, workshop: WorkshopId) -> Result<()> {
        let rows = self.conn.execute("DELETE FROM workshop WHERE id = ?1", [workshop.to_string()])?;
        touched(rows, "workshop")
    }

    /// Everything the setup screens show, read in one transaction so the parts agree.
    pub fn workshop_setup(&mut self, workshop: WorkshopId) -> Result<WorkshopSetup> {
        let tx = self.read_tx()?;
        let w = found(
            tx.query_row(
                &format!("SELECT {WORKSHOP_COLUMNS} FROM workshop WHERE id = ?1"),
                [workshop.to_string()],
                workshop_from_row,
            ),
            "workshop",
        )?;
        let process = match w.process_id {
            Some(p) => Some(found(
                tx.query_row(
                    &format!("SELECT {PROCESS_COLUMNS} FROM process WHERE id = ?1"),
                    [p.to_string()],
                    process_from_row,
                ),
                "process",
            )?),
            None => None,
        };
        let tables = crate::tables::list(&tx, workshop)?;
        let rounds = crate::rounds::list(&tx, workshop)?;
        let participants = crate::participants::list(&tx, workshop)?;
        tx.commit()?;
        Ok(WorkshopSetup { workshop: w, process, tables, rounds, participants })
    }

    /// Inserts a complete workshop (details, rounds, participants, tables) in one transaction:
    /// a new workshop, a duplicate, or the demo. All or nothing.
    pub fn insert_setup(&mut self, setup: &WorkshopSetup) -> Result<()> {
        let tx = self.tx()?;
        let w = &setup.workshop;
        tx.execute(
            &format!(
                "INSERT INTO workshop ({WORKSHOP_COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
            ),
            params![
                w.id.to_string(),
                w.process_id.map(|p| p.to_string()),
                w.details.title,
                w.details.date,
                w.details.start_time,
                w.details.place,
                w.details.purpose,
                enum_text(&w.details.language),
                enum_text(&w.details.travel_mode),
                w.created_at,
                w.updated_at,
                w.details.end_time,
                w.details.organiser,
                w.details.moderation,
                w.details.minute_taker,
                w.details.distribution,
                w.details.field_id.map(|f| f.to_string())
            ],
        )?;
        for round in &setup.rounds {
            crate::rounds::insert(&tx, round)?;
        }
        crate::participants::insert_all(&tx, &setup.participants)?;
        for table in &setup.tables {
            crate::tables::insert(&tx, table)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The id of the workshop whose title is exactly `title` (case-insensitively), if exactly
    /// one has it; `Err(n)` with the number of matches otherwise.
    pub fn workshop_by_title(&self, title: &str) -> Result<std::result::Result<WorkshopId, usize>> {
        let mut stmt = self.conn.prepare("SELECT id FROM workshop WHERE title = ?1 COLLATE NOCASE")?;
        let ids: Vec<WorkshopId> = stmt.query_map([title], |r| id(r, "id"))?.collect::<rusqlite::Result<_>>()?;
        Ok(match ids.as_slice() {
            [one] => Ok(*one),
            _ => Err(ids.len()),
        })
    }
}
