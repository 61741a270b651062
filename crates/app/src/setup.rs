//! Workshops and their tables and rounds: create, edit, duplicate, delete. What a new workshop,
//! table or round starts with, and what a copy carries over, is decided in `cafehost_core::setup`.

use cafehost_core::fields;
use cafehost_core::{
    CafeTable, FieldOfAction, FieldOfActionId, NewWorkshop, Process, ProcessGroup, ProcessId, ProcessTexts, Round,
    RoundId, RoundInput, TableId, TableInput, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup, group_by_process,
};
use cafehost_store::Store;

use crate::harvest::scope_of;
use crate::{AppError, BackupReason, Cafehost, Result};

/// Whether `field` is on the list of the workshop's scope (its process's, else its own).
fn check_field_in_scope(s: &Store, workshop: &Workshop, field: Option<FieldOfActionId>) -> Result<()> {
    let Some(field) = field else { return Ok(()) };
    let entry = s.field_of_action(field).map_err(|_| AppError::NotFound { entity: "field_of_action" })?;
    if fields::in_scope(&entry, workshop.process_id, workshop.id) {
        Ok(())
    } else {
        Err(AppError::NotFound { entity: "field_of_action" })
    }
}

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

    /// Saves the workshop's details; its field of action must be on its process's list.
    pub fn update_workshop(&self, workshop: WorkshopId, details: &WorkshopDetails) -> Result<Workshop> {
        let details = details.validated()?;
        let now = self.0.now();
        self.0.write(|s| {
            check_field_in_scope(s, &s.workshop(workshop)?, details.field_id)?;
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
            let before = s.workshop(workshop)?;
            let field = fields::field_after_refiling(before.details.field_id, before.process_id, process);
            s.set_workshop_process(workshop, process, field)?;
            s.delete_empty_processes()?;
            Ok(s.workshop(workshop)?)
        })
    }

    /// Saves a process's description and guiding vision ("Leitbild").
    pub fn update_process(&self, process: ProcessId, texts: &ProcessTexts) -> Result<Process> {
        let texts = texts.validated()?;
        self.0.write(|s| {
            s.update_process_texts(process, &texts)?;
            Ok(s.process(process)?)
        })
    }

    /// The fields of action of the workshop's process (or of the workshop), in their order.
    pub fn fields_of_action(&self, workshop: WorkshopId) -> Result<Vec<FieldOfAction>> {
        self.0.read(|s| {
            let scope = scope_of(s, workshop)?;
            Ok(s.fields_of_action(scope)?)
        })
    }

    /// Adds a field of action at the end of the list of the workshop's process (or of the
    /// workshop); its name must be new there.
    pub fn add_field_of_action(&self, workshop: WorkshopId, name: &str) -> Result<FieldOfAction> {
        self.0.write(|s| {
            let w = s.workshop(workshop)?;
            let list = s.fields_of_action(scope_of(s, workshop)?)?;
            let name = fields::check_name(name, &list, None)?;
            let entry = fields::appended(FieldOfActionId::new(), name, w.process_id, Some(workshop), &list);
            s.save_fields_of_action(std::slice::from_ref(&entry))?;
            Ok(entry)
        })
    }

    /// Renames a field of action; every statement and workshop on it shows the new name.
    pub fn rename_field_of_action(&self, field: FieldOfActionId, name: &str) -> Result<FieldOfAction> {
        self.0.write(|s| {
            let list = list_of(s, field)?;
            let name = fields::check_name(name, &list, Some(field))?;
            let renamed = FieldOfAction { name, ..s.field_of_action(field)? };
            s.save_fields_of_action(std::slice::from_ref(&renamed))?;
            Ok(renamed)
        })
    }

    /// Saves a field of action's starting situation ("Ausgangslage").
    pub fn update_field_situation(&self, field: FieldOfActionId, situation: &str) -> Result<FieldOfAction> {
        let situation = cafehost_core::validation::validated_situation(situation)?;
        self.0.write(|s| {
            let entry = FieldOfAction { situation, ..s.field_of_action(field)? };
            s.save_fields_of_action(std::slice::from_ref(&entry))?;
            Ok(entry)
        })
    }

    /// Fills a field of action's empty starting situation with a draft from the first round's
    /// notes of the workshops that name it (`fields::situation_draft`); a situation already
    /// written, or a field with nothing to draft from, stays as it is. Returns the field.
    pub fn draft_field_situation(&self, field: FieldOfActionId) -> Result<FieldOfAction> {
        self.0.write(|s| {
            let entry = s.field_of_action(field)?;
            let mut workshops = Vec::new();
            for w in s.workshops_on_field(field)? {
                workshops.push((s.workshop_setup(w)?, s.notes(cafehost_store::Scope::Workshop(w))?));
            }
            let said: Vec<_> = workshops.iter().map(|(w, notes)| (w, notes.as_slice())).collect();
            let draft = fields::situation_draft(field, &said);
            let Some(situation) = fields::filled_situation(&entry.situation, draft) else { return Ok(entry) };
            let filled = FieldOfAction { situation, ..entry };
            s.save_fields_of_action(std::slice::from_ref(&filled))?;
            Ok(filled)
        })
    }

    /// Moves a field of action to a 0-based place in its list; returns the list in its new order.
    pub fn move_field_of_action(&self, field: FieldOfActionId, position: u32) -> Result<Vec<FieldOfAction>> {
        self.0.write(|s| {
            let list = list_of(s, field)?;
            let ordered =
                fields::moved(&list, field, position).ok_or(AppError::NotFound { entity: "field_of_action" })?;
            s.save_fields_of_action(&ordered)?;
            Ok(ordered)
        })
    }

    /// Deletes a field of action: its statements and workshops keep no field (the statements
    /// take the next numbers without one, `consolidation::numbers_on_field`); the others close up.
    pub fn delete_field_of_action(&self, field: FieldOfActionId) -> Result<Vec<FieldOfAction>> {
        let now = self.0.now();
        self.0.write(|s| {
            let list = list_of(s, field)?;
            let statements = s.statements(scope_of_list(s, field)?)?;
            let moving: Vec<&cafehost_core::Statement> =
                statements.iter().filter(|st| st.field_id == Some(field)).collect();
            let numbers = cafehost_core::consolidation::numbers_on_field(&moving, None, &statements);
            s.move_statements_to_field(&numbers, None, now)?;
            s.delete_field_of_action(field)?;
            let rest = fields::without(&list, field);
            s.save_fields_of_action(&rest)?;
            Ok(rest)
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

/// The scope whose list a field of action is on.
fn scope_of_list(s: &Store, field: FieldOfActionId) -> Result<cafehost_store::Scope> {
    let entry = s.field_of_action(field)?;
    match (entry.process_id, entry.workshop_id) {
        (Some(p), _) => Ok(cafehost_store::Scope::Process(p)),
        (None, Some(w)) => Ok(cafehost_store::Scope::Workshop(w)),
        (None, None) => Err(AppError::NotFound { entity: "field_of_action" }),
    }
}

/// The list a field of action is on.
fn list_of(s: &Store, field: FieldOfActionId) -> Result<Vec<FieldOfAction>> {
    Ok(s.fields_of_action(scope_of_list(s, field)?)?)
}
