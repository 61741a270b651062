//! The tables' access codes for the phone page (`table_access`): one per table, replaced when
//! renewed. A code is a secret of this laptop, so bundles do not carry it.

use cafehost_core::{TableId, WorkshopId};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use crate::convert::id;
use crate::{Result, Store};

impl Store {
    /// The access codes of a workshop's tables that have one, by table number.
    pub fn access_codes(&self, workshop: WorkshopId) -> Result<Vec<(TableId, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.table_id, a.code FROM table_access a JOIN cafe_table t ON t.id = a.table_id
             WHERE t.workshop_id = ?1 ORDER BY t.number",
        )?;
        let rows = stmt.query_map([workshop.to_string()], |r| Ok((id(r, "table_id")?, r.get("code")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Gives `table` the access code `code`, replacing the one it had (which stops working).
    pub fn set_access_code(&mut self, table: TableId, code: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO table_access (table_id, code, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (table_id) DO UPDATE SET code = excluded.code, created_at = excluded.created_at",
            params![table.to_string(), code, now],
        )?;
        Ok(())
    }

    /// The workshop and table an access code opens, if it is a current code.
    pub fn table_with_access_code(&self, code: &str) -> Result<Option<(WorkshopId, TableId)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT t.workshop_id, t.id FROM table_access a JOIN cafe_table t ON t.id = a.table_id
                 WHERE a.code = ?1",
                [code],
                |r| Ok((id(r, "workshop_id")?, id(r, "id")?)),
            )
            .optional()?)
    }
}
