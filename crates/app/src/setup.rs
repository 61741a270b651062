//! Workshops and their tables and rounds: create, edit, duplicate, delete.

use std::collections::HashMap;

use cafehost_core::{
    CafeTable, Language, NewWorkshop, ProcessGroup, Round, RoundId, RoundInput, TableId, TableInput, Workshop,
    WorkshopDetails, WorkshopId, WorkshopSetup, group_by_process,
};

use crate::{AppError, Cafehost, Result};

/// Rounds a new workshop starts with: the classic café of three 20-minute rounds.
const DEFAULT_ROUNDS: u32 = 3;
/// Seats at a new table.
const DEFAULT_CAPACITY: u32 = 6;

impl Cafehost {
    /// The workshop list, grouped by process.
    pub fn workshop_overview(&self) -> Result<Vec<ProcessGroup>> {
        Ok(group_by_process(self.store.processes()?, self.store.workshop_summaries()?))
    }

    /// Creates a workshop with three 20-minute rounds, filed under the named process (created
    /// when new).
    pub fn create_workshop(&mut self, new: &NewWorkshop) -> Result<Workshop> {
        let new = new.validated()?;
        let now = self.now();
        let process_id = match &new.process_title {
            Some(title) => Some(self.store.find_or_create_process(title, now)?.id),
            None => None,
        };
        let id = WorkshopId::new();
        let rounds = (0..DEFAULT_ROUNDS)
            .map(|position| Round { id: RoundId::new(), workshop_id: id, position, input: RoundInput::default() })
            .collect();
        let workshop =
            Workshop { id, process_id, details: WorkshopDetails::titled(new.title), created_at: now, updated_at: now };
        self.store.insert_setup(&WorkshopSetup {
            workshop: workshop.clone(),
            process: None,
            tables: Vec::new(),
            rounds,
            participants: Vec::new(),
        })?;
        Ok(workshop)
    }

    /// Everything the setup screens show about a workshop.
    pub fn workshop_setup(&mut self, workshop: WorkshopId) -> Result<WorkshopSetup> {
        Ok(self.store.workshop_setup(workshop)?)
    }

    /// Saves the workshop's details.
    pub fn update_workshop(&mut self, workshop: WorkshopId, details: &WorkshopDetails) -> Result<Workshop> {
        let details = details.validated()?;
        self.store.update_workshop_details(workshop, &details, self.now())?;
        Ok(self.store.workshop(workshop)?)
    }

    /// Files the workshop under the named process (created when new), or under none.
    pub fn set_workshop_process(&mut self, workshop: WorkshopId, process_title: Option<&str>) -> Result<Workshop> {
        let title = NewWorkshop { title: "-".into(), process_title: process_title.map(str::to_owned) }
            .validated()?
            .process_title;
        let process = match title {
            Some(t) => Some(self.store.find_or_create_process(&t, self.now())?.id),
            None => None,
        };
        self.store.set_workshop_process(workshop, process)?;
        self.store.delete_empty_processes()?;
        Ok(self.store.workshop(workshop)?)
    }

    /// Copies a workshop's setup (details, tables with questions and hosts, rounds,
    /// participants) into a new workshop; seats, notes and attendance are not copied.
    pub fn duplicate_workshop(&mut self, workshop: WorkshopId) -> Result<Workshop> {
        let original = self.store.workshop_setup(workshop)?;
        let now = self.now();
        let id = WorkshopId::new();
        let suffix = match original.workshop.details.language {
            Language::De => "Kopie",
            Language::En => "copy",
        };
        let mut details = original.workshop.details.clone();
        details.title =
            truncate_chars(&format!("{} ({suffix})", details.title), cafehost_core::validation::MAX_LINE_CHARS);
        let round_ids: HashMap<RoundId, RoundId> = original.rounds.iter().map(|r| (r.id, RoundId::new())).collect();
        let participant_ids: HashMap<_, _> =
            original.participants.iter().map(|p| (p.id, cafehost_core::ParticipantId::new())).collect();
        let rounds = original
            .rounds
            .iter()
            .map(|r| Round { id: round_ids[&r.id], workshop_id: id, position: r.position, input: r.input.clone() })
            .collect();
        let participants = original
            .participants
            .iter()
            .map(|p| cafehost_core::Participant {
                id: participant_ids[&p.id],
                workshop_id: id,
                input: p.input.clone(),
                attendance: cafehost_core::Attendance::Expected,
                created_at: now,
                updated_at: now,
            })
            .collect();
        let tables = original
            .tables
            .iter()
            .map(|t| {
                let mut input = t.input.clone();
                input.host_id = input.host_id.and_then(|h| participant_ids.get(&h).copied());
                for q in &mut input.questions {
                    q.round_id = round_ids[&q.round_id];
                }
                CafeTable { id: TableId::new(), workshop_id: id, input }
            })
            .collect();
        let workshop =
            Workshop { id, process_id: original.workshop.process_id, details, created_at: now, updated_at: now };
        self.store.insert_setup(&WorkshopSetup {
            workshop: workshop.clone(),
            process: None,
            tables,
            rounds,
            participants,
        })?;
        Ok(workshop)
    }

    /// Deletes a workshop and everything in it; a process left empty goes too.
    pub fn delete_workshop(&mut self, workshop: WorkshopId) -> Result<()> {
        self.store.delete_workshop(workshop)?;
        self.store.delete_empty_processes()?;
        Ok(())
    }

    /// Adds a table with the next free number and default capacity.
    pub fn add_table(&mut self, workshop: WorkshopId) -> Result<CafeTable> {
        let tables = self.store.tables(workshop)?;
        let number = tables.iter().map(|t| t.input.number).max().unwrap_or(0) + 1;
        let capacity = tables.last().map_or(DEFAULT_CAPACITY, |t| t.input.capacity);
        self.store.workshop(workshop)?;
        let table = CafeTable {
            id: TableId::new(),
            workshop_id: workshop,
            input: TableInput { number, topic: String::new(), capacity, host_id: None, questions: Vec::new() },
        };
        self.store.insert_table(&table)?;
        Ok(table)
    }

    /// Saves a table's number, topic, capacity, host and questions.
    pub fn update_table(&mut self, table: TableId, input: &TableInput) -> Result<CafeTable> {
        let current = self.store.table(table)?;
        let tables = self.store.tables(current.workshop_id)?;
        let others: Vec<u32> = tables.iter().filter(|t| t.id != table).map(|t| t.input.number).collect();
        let input = input.validated(&others)?;
        if let Some(host) = input.host_id {
            let p = self.store.participant(host).map_err(|_| AppError::HostNotParticipant)?;
            if p.workshop_id != current.workshop_id {
                return Err(AppError::HostNotParticipant);
            }
        }
        let rounds = self.store.rounds(current.workshop_id)?;
        if input.questions.iter().any(|q| !rounds.iter().any(|r| r.id == q.round_id)) {
            return Err(AppError::NotFound { entity: "round" });
        }
        Ok(self.store.update_table(table, &input)?)
    }

    /// Deletes a table.
    pub fn delete_table(&mut self, table: TableId) -> Result<()> {
        Ok(self.store.delete_table(table)?)
    }

    /// Adds a round after the last, as long as the last one.
    pub fn add_round(&mut self, workshop: WorkshopId) -> Result<Round> {
        let rounds = self.store.rounds(workshop)?;
        if rounds.len() >= cafehost_core::validation::MAX_ROUNDS as usize {
            return Err(cafehost_core::ValidationError::single(
                "rounds",
                cafehost_core::FieldProblem::OutOfRange { min: 1, max: cafehost_core::validation::MAX_ROUNDS },
            )
            .into());
        }
        self.store.workshop(workshop)?;
        let input = RoundInput {
            duration_minutes: rounds.last().map_or(20, |r| r.input.duration_minutes),
            ..RoundInput::default()
        };
        Ok(self.store.append_round(workshop, &input)?)
    }

    /// Saves a round's duration, break and question.
    pub fn update_round(&mut self, round: RoundId, input: &RoundInput) -> Result<Round> {
        let input = input.validated()?;
        Ok(self.store.update_round(round, &input)?)
    }

    /// Deletes a round; the later ones move up.
    pub fn delete_round(&mut self, round: RoundId) -> Result<()> {
        Ok(self.store.delete_round(round)?)
    }
}

fn truncate_chars(s: &str, max: u32) -> String {
    s.chars().take(max as usize).collect()
}
