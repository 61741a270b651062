//! The seating plan: who sits at which table in which round.

use cafehost_core::{RoundId, Seat, WorkshopId};
use rusqlite::{Connection, Row, params};

use crate::convert::id;
use crate::{Result, Store};

fn from_row(row: &Row<'_>) -> rusqlite::Result<Seat> {
    Ok(Seat {
        round_id: id(row, "round_id")?,
        participant_id: id(row, "participant_id")?,
        table_id: id(row, "table_id")?,
        pinned: row.get("pinned")?,
    })
}

fn list(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Seat>> {
    let mut stmt = conn.prepare(
        "SELECT s.round_id, s.participant_id, s.table_id, s.pinned
         FROM seat s JOIN round r ON r.id = s.round_id
         WHERE r.workshop_id = ?1
         ORDER BY r.position, s.table_id, s.participant_id",
    )?;
    let rows = stmt.query_map([workshop.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Every seat of a workshop, by round.
    pub fn seats(&self, workshop: WorkshopId) -> Result<Vec<Seat>> {
        list(&self.conn, workshop)
    }

    /// Replaces the seats of the given rounds with `seats` in one transaction; the seats of other
    /// rounds (e.g. rounds already held) stay as they are.
    pub fn replace_seats(&mut self, rounds: &[RoundId], seats: &[Seat]) -> Result<()> {
        let tx = self.tx()?;
        {
            let mut clear = tx.prepare("DELETE FROM seat WHERE round_id = ?1")?;
            for round in rounds {
                clear.execute([round.to_string()])?;
            }
            let mut insert =
                tx.prepare("INSERT INTO seat (round_id, participant_id, table_id, pinned) VALUES (?1, ?2, ?3, ?4)")?;
            for seat in seats {
                insert.execute(params![
                    seat.round_id.to_string(),
                    seat.participant_id.to_string(),
                    seat.table_id.to_string(),
                    seat.pinned
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes several seats in one transaction (e.g. the two of a swap), each replacing that
    /// person's seat in that round.
    pub fn set_seats(&mut self, seats: &[Seat]) -> Result<()> {
        let tx = self.tx()?;
        for seat in seats {
            upsert(&tx, seat)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Puts one person at a table in one round, replacing their seat in that round.
    pub fn set_seat(&mut self, seat: &Seat) -> Result<()> {
        upsert(&self.conn, seat)
    }
}

fn upsert(conn: &Connection, seat: &Seat) -> Result<()> {
    conn.execute(
        "INSERT INTO seat (round_id, participant_id, table_id, pinned) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (round_id, participant_id) DO UPDATE SET table_id = excluded.table_id, pinned = excluded.pinned",
        params![seat.round_id.to_string(), seat.participant_id.to_string(), seat.table_id.to_string(), seat.pinned],
    )?;
    Ok(())
}
