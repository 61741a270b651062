//! Keep-apart and keep-together pairs of a workshop's participants (`participant_pair`).

use cafehost_core::seating::ParticipantPair;
use cafehost_core::{ParticipantId, WorkshopId};
use rusqlite::params;

use crate::convert::{enum_text, enumeration, id};
use crate::{Result, Store};

impl Store {
    /// The pairs of a workshop, in a stable order.
    pub fn pairs(&self, workshop: WorkshopId) -> Result<Vec<ParticipantPair>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pp.first_id, pp.second_id, pp.kind FROM participant_pair pp
             JOIN participant p ON p.id = pp.first_id
             WHERE p.workshop_id = ?1 ORDER BY pp.first_id, pp.second_id",
        )?;
        let rows = stmt.query_map([workshop.to_string()], |r| {
            Ok(ParticipantPair {
                first: id(r, "first_id")?,
                second: id(r, "second_id")?,
                kind: enumeration(r, "kind")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores a pair (a pair asked for again takes the new kind).
    pub fn set_pair(&mut self, pair: &ParticipantPair) -> Result<()> {
        self.conn.execute(
            "INSERT INTO participant_pair (first_id, second_id, kind) VALUES (?1, ?2, ?3)
             ON CONFLICT (first_id, second_id) DO UPDATE SET kind = excluded.kind",
            params![pair.first.to_string(), pair.second.to_string(), enum_text(&pair.kind)],
        )?;
        Ok(())
    }

    /// Forgets the pair of `first` and `second` (in either order); nothing when there is none.
    pub fn remove_pair(&mut self, first: ParticipantId, second: ParticipantId) -> Result<()> {
        let (a, b) = if first < second { (first, second) } else { (second, first) };
        self.conn.execute(
            "DELETE FROM participant_pair WHERE first_id = ?1 AND second_id = ?2",
            params![a.to_string(), b.to_string()],
        )?;
        Ok(())
    }
}
