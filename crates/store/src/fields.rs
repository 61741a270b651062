//! The fields of action of a process (or of a workshop of no process): an ordered list.

use cafehost_core::{FieldOfAction, FieldOfActionId, WorkshopId};
use rusqlite::{Row, params};

use crate::convert::{count, found, id, opt_id, touched};
use crate::harvest::Scope;
use crate::{Result, Store};

const FIELD_COLUMNS: &str = "id, process_id, workshop_id, position, name, situation";

fn field_from_row(row: &Row<'_>) -> rusqlite::Result<FieldOfAction> {
    Ok(FieldOfAction {
        id: id(row, "id")?,
        process_id: opt_id(row, "process_id")?,
        workshop_id: opt_id(row, "workshop_id")?,
        position: count(row, "position")?,
        name: row.get("name")?,
        situation: row.get("situation")?,
    })
}

impl Store {
    /// The list of a process (or of a workshop of no process), in its order.
    pub fn fields_of_action(&self, scope: Scope) -> Result<Vec<FieldOfAction>> {
        let (filter, key) = match scope {
            Scope::Process(p) => ("process_id = ?1", p.to_string()),
            Scope::Workshop(w) => ("workshop_id = ?1 AND process_id IS NULL", w.to_string()),
        };
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {FIELD_COLUMNS} FROM field_of_action WHERE {filter} ORDER BY position, name"))?;
        let rows = stmt.query_map([key], field_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One entry.
    pub fn field_of_action(&self, field: FieldOfActionId) -> Result<FieldOfAction> {
        found(
            self.conn.query_row(
                &format!("SELECT {FIELD_COLUMNS} FROM field_of_action WHERE id = ?1"),
                [field.to_string()],
                field_from_row,
            ),
            "field_of_action",
        )
    }

    /// Writes entries as given: new ones are added, known ones get the given name, position and
    /// starting situation.
    pub fn save_fields_of_action(&mut self, fields: &[FieldOfAction]) -> Result<()> {
        let tx = self.tx()?;
        {
            let mut stmt = tx.prepare_cached(&format!(
                "INSERT INTO field_of_action ({FIELD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE
                 SET position = excluded.position, name = excluded.name, situation = excluded.situation"
            ))?;
            for f in fields {
                stmt.execute(params![
                    f.id.to_string(),
                    f.process_id.map(|p| p.to_string()),
                    f.workshop_id.map(|w| w.to_string()),
                    f.position,
                    f.name,
                    f.situation
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The workshops that name `field` as theirs, by date (undated last), then as created.
    pub fn workshops_on_field(&self, field: FieldOfActionId) -> Result<Vec<WorkshopId>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM workshop WHERE field_id = ?1 ORDER BY date IS NULL, date, created_at, id")?;
        let rows = stmt.query_map([field.to_string()], |r| id(r, "id"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes an entry; its statements and workshops keep no field.
    pub fn delete_field_of_action(&mut self, field: FieldOfActionId) -> Result<()> {
        touched(self.conn.execute("DELETE FROM field_of_action WHERE id = ?1", [field.to_string()])?, "field_of_action")
    }
}
