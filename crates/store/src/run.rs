//! The run clock of each workshop, one row per workshop (absent until the first action).

use cafehost_core::WorkshopId;
use cafehost_core::run::{RunFrame, RunState};
use rusqlite::{OptionalExtension, params};

use crate::convert::count;
use crate::{Result, Store};

impl Store {
    /// The stored run clock and agenda frame of a workshop (defaults before the first action).
    pub fn run_state(&self, workshop: WorkshopId) -> Result<(RunState, RunFrame)> {
        let row = self
            .conn
            .query_row(
                "SELECT step, running_since, elapsed_ms, extra_seconds, welcome_minutes, harvest_minutes
                 FROM run_state WHERE workshop_id = ?1",
                [workshop.to_string()],
                |row| {
                    Ok((
                        RunState {
                            step: count(row, "step")?,
                            running_since: row.get("running_since")?,
                            elapsed_ms: row.get("elapsed_ms")?,
                            extra_seconds: row.get("extra_seconds")?,
                        },
                        RunFrame {
                            welcome_minutes: count(row, "welcome_minutes")?,
                            harvest_minutes: count(row, "harvest_minutes")?,
                        },
                    ))
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Stores the run clock and agenda frame of a workshop.
    pub fn set_run_state(&mut self, workshop: WorkshopId, state: &RunState, frame: &RunFrame) -> Result<()> {
        self.conn.execute(
            "INSERT INTO run_state (workshop_id, step, running_since, elapsed_ms, extra_seconds, welcome_minutes, harvest_minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (workshop_id) DO UPDATE SET step = excluded.step, running_since = excluded.running_since,
               elapsed_ms = excluded.elapsed_ms, extra_seconds = excluded.extra_seconds,
               welcome_minutes = excluded.welcome_minutes, harvest_minutes = excluded.harvest_minutes",
            params![
                workshop.to_string(),
                state.step,
                state.running_since,
                state.elapsed_ms,
                state.extra_seconds,
                frame.welcome_minutes,
                frame.harvest_minutes
            ],
        )?;
        Ok(())
    }
}
