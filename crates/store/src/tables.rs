//! Topic tables with their per-round questions.

use cafehost_core::{CafeTable, TableId, TableInput, TableQuestion, WorkshopId};
use rusqlite::{Connection, params};

use crate::convert::{count, found, id, opt_id, touched};
use crate::{Result, Store};

pub(crate) fn list(conn: &Connection, workshop: WorkshopId) -> Result<Vec<CafeTable>> {
    let mut stmt = conn.prepare(
        "SELECT id, workshop_id, number, topic, capacity, host_id FROM cafe_table
         WHERE workshop_id = ?1 ORDER BY number",
    )?;
    let mut tables: Vec<CafeTable> = stmt
        .query_map([workshop.to_string()], |row| {
            Ok(CafeTable {
                id: id(row, "id")?,
                workshop_id: id(row, "workshop_id")?,
                input: TableInput {
                    number: count(row, "number")?,
                    topic: row.get("topic")?,
                    capacity: count(row, "capacity")?,
                    host_id: opt_id(row, "host_id")?,
                    questions: Vec::new(),
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut questions = conn.prepare(
        "SELECT q.table_id, q.round_id, q.text FROM table_question q
         JOIN round r ON r.id = q.round_id
         JOIN cafe_table t ON t.id = q.table_id
         WHERE t.workshop_id = ?1 ORDER BY r.position",
    )?;
    let rows = questions.query_map([workshop.to_string()], |row| {
        Ok((id::<TableId>(row, "table_id")?, TableQuestion { round_id: id(row, "round_id")?, text: row.get("text")? }))
    })?;
    for row in rows {
        let (table_id, question) = row?;
        if let Some(table) = tables.iter_mut().find(|t| t.id == table_id) {
            table.input.questions.push(question);
        }
    }
    Ok(tables)
}

pub(crate) fn insert(conn: &Connection, table: &CafeTable) -> Result<()> {
    conn.execute(
        "INSERT INTO cafe_table (id, workshop_id, number, topic, capacity, host_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            table.id.to_string(),
            table.workshop_id.to_string(),
            table.input.number,
            table.input.topic,
            table.input.capacity,
            table.input.host_id.map(|h| h.to_string())
        ],
    )?;
    write_questions(conn, table)
}

fn write_questions(conn: &Connection, table: &CafeTable) -> Result<()> {
    conn.execute("DELETE FROM table_question WHERE table_id = ?1", [table.id.to_string()])?;
    let mut stmt = conn.prepare("INSERT INTO table_question (table_id, round_id, text) VALUES (?1, ?2, ?3)")?;
    for q in &table.input.questions {
        stmt.execute(params![table.id.to_string(), q.round_id.to_string(), q.text])?;
    }
    Ok(())
}

impl Store {
    /// The tables of a workshop by number.
    pub fn tables(&self, workshop: WorkshopId) -> Result<Vec<CafeTable>> {
        list(&self.conn, workshop)
    }

    /// One table.
    pub fn table(&self, table: TableId) -> Result<CafeTable> {
        let workshop: WorkshopId = found(
            self.conn.query_row("SELECT workshop_id FROM cafe_table WHERE id = ?1", [table.to_string()], |r| {
                id(r, "workshop_id")
            }),
            "table",
        )?;
        list(&self.conn, workshop)?
            .into_iter()
            .find(|t| t.id == table)
            .ok_or(crate::StoreError::NotFound { entity: "table" })
    }

    /// Adds a table.
    pub fn insert_table(&mut self, table: &CafeTable) -> Result<()> {
        let tx = self.tx()?;
        insert(&tx, table)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces what the moderator edits about a table, questions included.
    pub fn update_table(&mut self, table: TableId, input: &TableInput) -> Result<CafeTable> {
        let tx = self.tx()?;
        let workshop_id: WorkshopId = found(
            tx.query_row("SELECT workshop_id FROM cafe_table WHERE id = ?1", [table.to_string()], |r| {
                id(r, "workshop_id")
            }),
            "table",
        )?;
        let rows = tx.execute(
            "UPDATE cafe_table SET number = ?2, topic = ?3, capacity = ?4, host_id = ?5 WHERE id = ?1",
            params![table.to_string(), input.number, input.topic, input.capacity, input.host_id.map(|h| h.to_string())],
        )?;
        touched(rows, "table")?;
        let updated = CafeTable { id: table, workshop_id, input: input.clone() };
        write_questions(&tx, &updated)?;
        tx.commit()?;
        Ok(updated)
    }

    /// Deletes a table with its questions and seats.
    pub fn delete_table(&mut self, table: TableId) -> Result<()> {
        let rows = self.conn.execute("DELETE FROM cafe_table WHERE id = ?1", [table.to_string()])?;
        touched(rows, "table")
    }
}
