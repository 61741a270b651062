//! Workshops and their tables and rounds: create, edit, duplicate, delete. What a new workshop,
//! table or round starts with, and what a copy carries over, is decided in `cafehost_core::setup`.

use cafehost_core::{
    CafeTable, NewWorkshop, ProcessGroup, Round, RoundId, RoundInput, TableId, TableInput, Workshop, WorkshopDetails,
    WorkshopId, WorkshopSetup, group_by_process,
};

use crate::{AppError, BackupReason, Cafehost, Result};

/// Setting workshops up: the workshop list, details, tables and rounds.
pub struct Setup<'a>(pub(crate) &'a Cafehost);

impl Setup<'_> {
    /// The workshop list, grouped by process.
    pub fn workshop_overview(&self) -> Result<Vec<ProcessGroup>> {
        self.0.read(|s| Ok(group_by_process(s.processes()?, s.workshop_summaries()?)))
    }

    /// Creates a workshop with three 20-minute rounds, filed under the named process (created
    /// when new).
    pub fn create_workshop(&self, new: &NewWorkshop) -> Result<Workshop> {
        let new = new.validated()?;
        let now = self.0.now();
        self.0.write(|s| {
            let process = match &new.process_title {
                Some(title) => Some(s.find_or_create_process(title, now)?.id),
                None => None,
            };
            let setup = cafehost_core::setup::new_workshop(new.title, process, now);
            s.insert_setup(&setup)?;
            Ok(setup.workshop)
        })
    }

    /// Everything the setup screens show about a workshop.
    pub fn workshop_setup(&self, workshop: WorkshopId) -> Result<WorkshopSetup> {
        self.0.read(|s| Ok(s.workshop_setup(workshop)?))
    }

    /// Saves the workshop's details.
    pub fn update_workshop(&self, workshop: WorkshopId, details: &WorkshopDetails) -> Result<Workshop> {
        let details = details.validated()?;
        let now = self.0.now();
        self.0.write(|s| {
            s.update_workshop_details(workshop, &details, now)?;
            Ok(s.workshop(workshop)?)
        })
    }

    /// Files the workshop under the named process (created when new), or under none; a process
    /// left empty goes.
    pub fn set_workshop_process(&self, workshop: WorkshopId, process_title: Option<&str>) -> Result<Workshop> {
        let title = NewWorkshop { title: "-".into(), process_title: process_title.map(str::to_owned) }
            .validated()?
            .process_title;
        let now = self.0.now();
        self.0.write(|s| {
            let process = match title {
                Some(t) => Some(s.find_or_create_process(&t, now)?.id),
                None => None,
            };
            s.set_workshop_process(workshop, process)?;
            s.delete_empty_processes()?;
            Ok(s.workshop(workshop)?)
        })
    }

    /// Copies a workshop's setup (details, tables with questions and hosts, rounds,
    /// participants) into a new workshop; seats, notes and attendance are not copied.
    pub fn duplicate_workshop(&self, workshop: WorkshopId) -> Result<Workshop> {
        let now = self.0.now();
        self.0.write(|s| {
            let copy = cafehost_core::setup::duplicate(&s.workshop_setup(workshop)?, now);
            s.insert_setup(&copy)?;
            Ok(copy.workshop)
        })
    }

    /// Deletes a workshop and everything in it; a process left empty goes too.
    pub fn delete_workshop(&self, workshop: WorkshopId) -> Result<()> {
        self.0.backups().before(BackupReason::DeleteWorkshop)?;
        self.0.write(|s| {
            s.delete_workshop(workshop)?;
            s.delete_empty_processes()?;
            Ok(())
        })
    }

    /// Adds a table with the next free number and the last table's capacity.
    pub fn add_table(&self, workshop: WorkshopId) -> Result<CafeTable> {
        self.0.write(|s| {
            s.workshop(workshop)?;
            let table = cafehost_core::setup::next_table(workshop, &s.tables(workshop)?);
            s.insert_table(&table)?;
            Ok(table)
        })
    }

    /// Saves a table's number, topic, capacity, host and questions.
    pub fn update_table(&self, table: TableId, input: &TableInput) -> Result<CafeTable> {
        self.0.write(|s| {
            let current = s.table(table)?;
            let others: Vec<u32> =
                s.tables(current.workshop_id)?.iter().filter(|t| t.id != table).map(|t| t.input.number).collect();
            let input = input.validated(&others)?;
            if let Some(host) = input.host_id {
                let p = s.participant(host).map_err(|_| AppError::HostNotParticipant)?;
                if p.workshop_id != current.workshop_id {
                    return Err(AppError::HostNotParticipant);
                }
            }
            let rounds = s.rounds(current.workshop_id)?;
            if input.questions.iter().any(|q| !rounds.iter().any(|r| r.id == q.round_id)) {
                return Err(AppError::NotFound { entity: "round" });
            }
            Ok(s.update_table(table, &input)?)
        })
    }

    /// Raises the capacities of the smallest tables until everyone on the participant list has a
    /// seat (`cafehost_core::setup::spread_seats`; no table loses a seat), in one transaction.
    /// Returns every table of the workshop as it is now.
    pub fn spread_seats(&self, workshop: WorkshopId) -> Result<Vec<CafeTable>> {
        self.0.write(|s| {
            s.workshop(workshop)?;
            let tables = s.tables(workshop)?;
            for table in cafehost_core::setup::spread_seats(&tables, &s.participants(workshop)?) {
                s.update_table(table.id, &table.input)?;
            }
            Ok(s.tables(workshop)?)
        })
    }

    /// Deletes a table.
    pub fn delete_table(&self, table: TableId) -> Result<()> {
        self.0.write(|s| Ok(s.delete_table(table)?))
    }

    /// Adds a round after the last, as long as the last one.
    pub fn add_round(&self, workshop: WorkshopId) -> Result<Round> {
        self.0.write(|s| {
            s.workshop(workshop)?;
            let input = cafehost_core::setup::next_round(&s.rounds(workshop)?)?;
            Ok(s.append_round(workshop, &input)?)
        })
    }

    /// Saves a round's duration, break and question.
    pub fn update_round(&self, round: RoundId, input: &RoundInput) -> Result<Round> {
        let input = input.validated()?;
        self.0.write(|s| Ok(s.update_round(round, &input)?))
    }

    /// Deletes a round; the later ones move up.
    pub fn delete_round(&self, round: RoundId) -> Result<()> {
        self.0.write(|s| Ok(s.delete_round(round)?))
    }
}
