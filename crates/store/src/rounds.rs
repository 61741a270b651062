//! Rounds of a workshop, kept numbered 0, 1, 2 … without gaps.

use cafehost_core::{Round, RoundId, RoundInput, WorkshopId};
use rusqlite::{Connection, Row, params};

use crate::convert::{count, found, id, touched};
use crate::{Result, Store};

fn from_row(row: &Row<'_>) -> rusqlite::Result<Round> {
    Ok(Round {
        id: id(row, "id")?,
        workshop_id: id(row, "workshop_id")?,
        position: count(row, "position")?,
        input: RoundInput {
            duration_minutes: count(row, "duration_minutes")?,
            break_after_minutes: count(row, "break_after_minutes")?,
            question: row.get("question")?,
        },
    })
}

pub(crate) fn list(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Round>> {
    let mut stmt = conn.prepare(
        "SELECT id, workshop_id, position, duration_minutes, break_after_minutes, question
         FROM round WHERE workshop_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([workshop.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert(conn: &Connection, round: &Round) -> Result<()> {
    conn.execute(
        "INSERT INTO round (id, workshop_id, position, duration_minutes, break_after_minutes, question)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            round.id.to_string(),
            round.workshop_id.to_string(),
            round.position,
            round.input.duration_minutes,
            round.input.break_after_minutes,
            round.input.question
        ],
    )?;
    Ok(())
}

impl Store {
    /// The rounds of a workshop in order.
    pub fn rounds(&self, workshop: WorkshopId) -> Result<Vec<Round>> {
        list(&self.conn, workshop)
    }

    /// One round.
    pub fn round(&self, round: RoundId) -> Result<Round> {
        found(
            self.conn.query_row(
                "SELECT id, workshop_id, position, duration_minutes, break_after_minutes, question FROM round WHERE id = ?1",
                [round.to_string()],
                from_row,
            ),
            "round",
        )
    }

    /// Appends a round after the last one and returns it.
    pub fn append_round(&mut self, workshop: WorkshopId, input: &RoundInput) -> Result<Round> {
        let tx = self.tx()?;
        let next: i64 = tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM round WHERE workshop_id = ?1",
            [workshop.to_string()],
            |r| r.get(0),
        )?;
        let round = Round {
            id: RoundId::new(),
            workshop_id: workshop,
            position: u32::try_from(next).unwrap_or(u32::MAX),
            input: input.clone(),
        };
        insert(&tx, &round)?;
        tx.commit()?;
        Ok(round)
    }

    /// Changes a round's duration, break or question.
    pub fn update_round(&mut self, round: RoundId, input: &RoundInput) -> Result<Round> {
        let rows = self.conn.execute(
            "UPDATE round SET duration_minutes = ?2, break_after_minutes = ?3, question = ?4 WHERE id = ?1",
            params![round.to_string(), input.duration_minutes, input.break_after_minutes, input.question],
        )?;
        touched(rows, "round")?;
        found(
            self.conn.query_row(
                "SELECT id, workshop_id, position, duration_minutes, break_after_minutes, question FROM round WHERE id = ?1",
                [round.to_string()],
                from_row,
            ),
            "round",
        )
    }

    /// Deletes a round (with its seats and table questions) and closes the gap in the numbering.
    pub fn delete_round(&mut self, round: RoundId) -> Result<()> {
        let tx = self.tx()?;
        let (workshop, position): (String, i64) = found(
            tx.query_row("SELECT workshop_id, position FROM round WHERE id = ?1", [round.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            }),
            "round",
        )?;
        tx.execute("DELETE FROM round WHERE id = ?1", [round.to_string()])?;
        tx.execute(
            "UPDATE round SET position = position - 1 WHERE workshop_id = ?1 AND position > ?2",
            params![workshop, position],
        )?;
        tx.commit()?;
        Ok(())
    }
}
