//! The participant list of a workshop.

use cafehost_core::{Attendance, Participant, ParticipantId, ParticipantInput, WorkshopId};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use crate::convert::{enum_text, enumeration, found, id, json, json_text, touched};
use crate::{Result, Store};

const COLUMNS: &str = "id, workshop_id, first_name, last_name, organisation, group_name, role, email, attributes,
                       attendance, walk_in, created_at, updated_at, wishes";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Participant> {
    Ok(Participant {
        id: id(row, "id")?,
        workshop_id: id(row, "workshop_id")?,
        input: ParticipantInput {
            first_name: row.get("first_name")?,
            last_name: row.get("last_name")?,
            organisation: row.get("organisation")?,
            group: row.get("group_name")?,
            role: row.get("role")?,
            email: row.get("email")?,
            attributes: json(row, "attributes")?,
            wishes: json(row, "wishes")?,
        },
        attendance: enumeration(row, "attendance")?,
        walk_in: row.get("walk_in")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

pub(crate) fn list(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Participant>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM participant WHERE workshop_id = ?1
         ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, created_at"
    ))?;
    let rows = stmt.query_map([workshop.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_all(conn: &Connection, participants: &[Participant]) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "INSERT INTO participant ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    ))?;
    for p in participants {
        stmt.execute(params![
            p.id.to_string(),
            p.workshop_id.to_string(),
            p.input.first_name,
            p.input.last_name,
            p.input.organisation,
            p.input.group,
            p.input.role,
            p.input.email,
            json_text(&p.input.attributes),
            enum_text(&p.attendance),
            p.walk_in,
            p.created_at,
            p.updated_at,
            json_text(&p.input.wishes)
        ])?;
    }
    Ok(())
}

impl Store {
    /// The participants of a workshop by name.
    pub fn participants(&self, workshop: WorkshopId) -> Result<Vec<Participant>> {
        list(&self.conn, workshop)
    }

    /// One participant.
    pub fn participant(&self, participant: ParticipantId) -> Result<Participant> {
        found(
            self.conn.query_row(
                &format!("SELECT {COLUMNS} FROM participant WHERE id = ?1"),
                [participant.to_string()],
                from_row,
            ),
            "participant",
        )
    }

    /// Adds participants, all or none (an import is one transaction).
    pub fn insert_participants(&mut self, participants: &[Participant]) -> Result<()> {
        let tx = self.tx()?;
        insert_all(&tx, participants)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces what can be edited about a participant.
    pub fn update_participant(
        &mut self,
        participant: ParticipantId,
        input: &ParticipantInput,
        now: DateTime<Utc>,
    ) -> Result<Participant> {
        let rows = self.conn.execute(
            "UPDATE participant SET first_name = ?2, last_name = ?3, organisation = ?4, group_name = ?5, role = ?6,
                    email = ?7, attributes = ?8, updated_at = ?9, wishes = ?10
             WHERE id = ?1",
            params![
                participant.to_string(),
                input.first_name,
                input.last_name,
                input.organisation,
                input.group,
                input.role,
                input.email,
                json_text(&input.attributes),
                now,
                json_text(&input.wishes)
            ],
        )?;
        touched(rows, "participant")?;
        self.participant(participant)
    }

    /// Records check-in, no-show or departure.
    pub fn set_attendance(
        &mut self,
        participant: ParticipantId,
        attendance: Attendance,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let rows = self.conn.execute(
            "UPDATE participant SET attendance = ?2, updated_at = ?3 WHERE id = ?1",
            params![participant.to_string(), enum_text(&attendance), now],
        )?;
        touched(rows, "participant")
    }

    /// Deletes a participant with their seats; a table they hosted keeps no host.
    pub fn delete_participant(&mut self, participant: ParticipantId) -> Result<()> {
        let rows = self.conn.execute("DELETE FROM participant WHERE id = ?1", [participant.to_string()])?;
        touched(rows, "participant")
    }
}
