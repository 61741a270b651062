//! Which entries of several workshops' lists are one person, as decided by hand
//! (`person_choice`; the rule is `cafehost_core::participation`).

use cafehost_core::participation::{Choice, ChosenPeople};
use cafehost_core::{ParticipantId, WorkshopId};
use rusqlite::params;

use crate::convert::id;
use crate::{Result, Store};

impl Store {
    /// The decisions about the entries of these workshops' lists.
    pub fn person_choices(&self, workshops: &[WorkshopId]) -> Result<ChosenPeople> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pc.participant_id, pc.person_id FROM person_choice pc
             JOIN participant p ON p.id = pc.participant_id
             WHERE p.workshop_id = ?1",
        )?;
        let mut chosen = ChosenPeople::new();
        for workshop in workshops {
            let rows =
                stmt.query_map([workshop.to_string()], |r| Ok((id(r, "participant_id")?, id(r, "person_id")?)))?;
            for row in rows {
                let (participant, person) = row?;
                chosen.insert(participant, person);
            }
        }
        Ok(chosen)
    }

    /// Stores a decision: these entries are this person (replacing what was decided about them).
    pub fn choose_person(&mut self, choice: &Choice) -> Result<()> {
        let tx = self.tx()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO person_choice (participant_id, person_id) VALUES (?1, ?2)
                 ON CONFLICT (participant_id) DO UPDATE SET person_id = excluded.person_id",
            )?;
            for entry in &choice.entries {
                stmt.execute(params![entry.to_string(), choice.person.to_string()])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets the decisions about these entries: they are matched by address and name again.
    pub fn forget_person_choices(&mut self, entries: &[ParticipantId]) -> Result<()> {
        let tx = self.tx()?;
        {
            let mut stmt = tx.prepare_cached("DELETE FROM person_choice WHERE participant_id = ?1")?;
            for entry in entries {
                stmt.execute([entry.to_string()])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
