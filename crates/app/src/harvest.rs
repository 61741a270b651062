//! The harvest: the statements (goal, measure, steering) consolidated from the notes of a whole
//! process, each traceable to its notes.

use std::collections::BTreeMap;

use cafehost_core::consolidation::{self, LabelTexts, StatementLabels};
use cafehost_core::fields::{self, Pick};
use cafehost_core::{
    Attachment, AttachmentId, FieldOfAction, FieldOfActionId, Note, NoteId, RoundId, Statement, StatementId,
    StatementInput, StatementPlan, TableId, WorkshopId,
};
use cafehost_store::{Scope, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, BackupReason, Cafehost, Result};

/// One table of a workshop in a harvest, with the workshop it stands in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HarvestTable {
    /// The table.
    pub id: TableId,
    /// Its workshop.
    pub workshop_id: WorkshopId,
    /// Its number.
    pub number: u32,
    /// Its topic.
    pub topic: String,
}

/// One workshop of a harvest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HarvestWorkshop {
    /// The workshop.
    pub id: WorkshopId,
    /// Its title.
    pub title: String,
    /// Its rounds in order.
    pub round_ids: Vec<RoundId>,
}

/// Everything the consolidation screen shows: the notes of every workshop of the process (or of
/// the one workshop), and the statements made from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HarvestOverview {
    /// The process's title, or the workshop's when it belongs to none.
    pub title: String,
    /// The workshops, newest first.
    pub workshops: Vec<HarvestWorkshop>,
    /// Their tables.
    pub tables: Vec<HarvestTable>,
    /// Every note.
    pub notes: Vec<Note>,
    /// Every statement, goals first.
    pub statements: Vec<Statement>,
    /// The photos of every workshop (without their bytes), to show beside a statement's sources.
    pub photos: Vec<Attachment>,
    /// The fields of action statements pick from, in their order.
    pub fields_of_action: Vec<FieldOfAction>,
    /// Every statement's label ("Z 2.1", "M 2.1.3") in both languages
    /// (`cafehost_core::consolidation::StatementLabels`).
    pub labels: BTreeMap<StatementId, LabelTexts>,
}

/// The labels of a scope's statements, from its statements and its fields of action in their
/// order: the one way every screen and document gets them.
pub(crate) fn labels(s: &Store, scope: Scope) -> Result<StatementLabels> {
    Ok(StatementLabels::new(&s.statements(scope)?, &s.fields_of_action(scope)?))
}

/// Where a workshop's statements live: its process, or the workshop itself.
pub(crate) fn scope_of(s: &Store, workshop: WorkshopId) -> Result<Scope> {
    let w = s.workshop(workshop)?;
    Ok(w.process_id.map_or(Scope::Workshop(workshop), Scope::Process))
}

/// The scope a statement belongs to: its process, else its workshop.
fn scope_of_statement(statement: &Statement) -> Result<Scope> {
    match (statement.process_id, statement.workshop_id) {
        (Some(p), _) => Ok(Scope::Process(p)),
        (None, Some(w)) => Ok(Scope::Workshop(w)),
        (None, None) => Err(AppError::NotFound { entity: "statement" }),
    }
}

/// The field of action a statement's typed name picks on the list of `scope`, added at the end of
/// the list when new (`cafehost_core::fields::pick`). Runs inside the caller's write.
fn pick_field(s: &mut Store, scope: Scope, name: &str) -> Result<Option<FieldOfActionId>> {
    let list = s.fields_of_action(scope)?;
    match fields::pick(name, &list) {
        Pick::None => Ok(None),
        Pick::Existing(id) => Ok(Some(id)),
        Pick::New(name) => {
            let name = fields::check_name(&name, &list, None)?;
            let (process, workshop) = match scope {
                Scope::Process(p) => (Some(p), None),
                Scope::Workshop(w) => (None, Some(w)),
            };
            let entry = fields::appended(FieldOfActionId::new(), name, process, workshop, &list);
            s.save_fields_of_action(std::slice::from_ref(&entry))?;
            Ok(Some(entry.id))
        }
    }
}

/// Consolidation across a process: the notes of all its workshops, and the statements (goal,
/// measure, steering) made from them. The rules of links, merges and splits are the core's
/// (`cafehost_core::consolidation`); this applies them and writes the outcome.
pub struct Harvest<'a>(pub(crate) &'a Cafehost);

impl Harvest<'_> {
    /// Everything the consolidation of a workshop's process (or of the workshop) needs.
    pub fn overview(&self, workshop: WorkshopId) -> Result<HarvestOverview> {
        self.0.read(|s| overview(s, workshop))
    }

    /// The notes of the workshop's process (or the workshop) that match the typed words.
    pub fn search_notes(&self, workshop: WorkshopId, typed: &str) -> Result<Vec<NoteId>> {
        self.0.read(|s| {
            let scope = scope_of(s, workshop)?;
            Ok(s.search_notes(scope, typed)?)
        })
    }

    /// A new statement in the workshop's process (or the workshop), made from `sources`.
    pub fn add_statement(&self, workshop: WorkshopId, input: &StatementInput, sources: &[NoteId]) -> Result<Statement> {
        let input = input.validated()?;
        let now = self.0.now();
        self.0.write(|s| {
            let scope = scope_of(s, workshop)?;
            let (process_id, workshop_id) = match scope {
                Scope::Process(p) => (Some(p), None),
                Scope::Workshop(w) => (None, Some(w)),
            };
            let field_id = pick_field(s, scope, &input.field_of_action)?;
            let statement = Statement {
                id: StatementId::new(),
                process_id,
                workshop_id,
                level: input.level,
                number: consolidation::next_number(input.level, field_id, &s.statements(scope)?),
                text: input.text,
                field_id,
                field_of_action: String::new(),
                votes: input.votes,
                owner: input.owner,
                time_frame: input.time_frame,
                status: input.status,
                source_note_ids: sources.to_vec(),
                source_photo_ids: Vec::new(),
                linked_statement_ids: Vec::new(),
                plan: StatementPlan::default(),
                created_at: now,
                updated_at: now,
            };
            s.save_statement(&statement)?;
            Ok(s.statement(statement.id)?)
        })
    }

    /// Saves a statement's text and attributes; its number stays. Its field of action is the
    /// entry of that name on its scope's list (added when new). When its level or field
    /// changes, it gets the next number there, and links that no longer fit a new level (the
    /// core's rules) are removed with it.
    pub fn update_statement(&self, statement: StatementId, input: &StatementInput) -> Result<Statement> {
        let input = input.validated()?;
        let now = self.0.now();
        self.0.write(|s| {
            let before = s.statement(statement)?;
            let field = pick_field(s, scope_of_statement(&before)?, &input.field_of_action)?;
            let number = if before.level == input.level && before.field_id == field {
                before.number
            } else {
                consolidation::number_for(&before, input.level, field, &s.statements(scope_of_statement(&before)?)?)
            };
            let updated = s.update_statement(statement, &input, field, number, now)?;
            if before.level == updated.level {
                return Ok(updated);
            }
            let kept = consolidation::fitting_links(updated.level, updated.linked_statement_ids.clone(), |id| {
                s.statement(id).ok().map(|other| other.level)
            });
            s.save_statement(&Statement { linked_statement_ids: kept, ..updated })?;
            Ok(s.statement(statement)?)
        })
    }

    /// Saves a statement's dates, indicator, resources and decision record (the end not before
    /// the start: `StatementPlan::validated`).
    pub fn update_statement_plan(&self, statement: StatementId, plan: &StatementPlan) -> Result<Statement> {
        let plan = plan.validated()?;
        let now = self.0.now();
        self.0.write(|s| Ok(s.update_statement_plan(statement, &plan, now)?))
    }

    /// Replaces the notes a statement comes from.
    pub fn set_statement_sources(&self, statement: StatementId, notes: &[NoteId]) -> Result<Statement> {
        self.0.write(|s| Ok(s.set_statement_sources(statement, notes)?))
    }

    /// Replaces the photos a statement comes from: photos of the workshops of its scope (its
    /// process's, or its workshop's); another photo is not found.
    pub fn set_statement_photos(&self, statement: StatementId, photos: &[AttachmentId]) -> Result<Statement> {
        self.0.write(|s| {
            let workshops = workshops_of(s, scope_of_statement(&s.statement(statement)?)?)?;
            for photo in photos {
                let known = s.find_attachment(*photo)?.is_some_and(|a| workshops.contains(&a.workshop_id));
                if !known {
                    return Err(AppError::NotFound { entity: "attachment" });
                }
            }
            Ok(s.set_statement_photos(statement, photos)?)
        })
    }

    /// Links or unlinks two statements: a measure serves a goal, steering steers a measure. Any
    /// other link is refused (`statement.link_refused`); unlinking is always allowed.
    pub fn link_statements(&self, first: StatementId, second: StatementId, linked: bool) -> Result<()> {
        self.0.write(|s| {
            let (a, b) = (s.statement(first)?, s.statement(second)?);
            if linked {
                consolidation::check_link(&a, &b).map_err(|e| AppError::LinkRefused { detail: e.to_string() })?;
            }
            Ok(s.set_statement_link(first, second, linked)?)
        })
    }

    /// Merges `other` into `keep` as the core's merge rule says (texts joined, votes added,
    /// every source and the fitting links kept, the next number), then deletes `other`. One
    /// transaction.
    pub fn merge_statements(&self, keep: StatementId, other: StatementId) -> Result<Statement> {
        let now = self.0.now();
        self.0.backups().before(BackupReason::Merge)?;
        self.0.write(|s| {
            if keep == other {
                return Err(AppError::NotFound { entity: "statement" });
            }
            let (k, o) = (s.statement(keep)?, s.statement(other)?);
            let scope = s.statements(scope_of_statement(&k)?)?;
            let merged = consolidation::merged(&k, &o, &scope, |id| s.statement(id).ok().map(|x| x.level), now);
            s.delete_statement(other)?;
            s.save_statement(&merged)?;
            Ok(s.statement(keep)?)
        })
    }

    /// Splits the given sources off a statement into a new one (same text and attributes, to be
    /// edited, and the next number), keeping its links; the sources move to the new statement.
    /// One transaction.
    pub fn split_statement(&self, statement: StatementId, notes: &[NoteId]) -> Result<Statement> {
        let now = self.0.now();
        self.0.write(|s| {
            let original = s.statement(statement)?;
            let scope = s.statements(scope_of_statement(&original)?)?;
            let (rest, new) = consolidation::split(&original, notes, StatementId::new(), &scope, now);
            s.save_statement(&rest)?;
            s.save_statement(&new)?;
            Ok(s.statement(new.id)?)
        })
    }

    /// Deletes a statement.
    pub fn delete_statement(&self, statement: StatementId) -> Result<()> {
        self.0.write(|s| Ok(s.delete_statement(statement)?))
    }

    /// The labels of the statements of the workshop's process (or the workshop), in both
    /// languages: asked again after an edit that may change them (a field, a level, a link).
    pub fn statement_labels(&self, workshop: WorkshopId) -> Result<BTreeMap<StatementId, LabelTexts>> {
        self.0.read(|s| Ok(labels(s, scope_of(s, workshop)?)?.texts()))
    }
}

/// The workshops whose notes and photos a scope's statements may come from, newest first.
fn workshops_of(s: &Store, scope: Scope) -> Result<Vec<WorkshopId>> {
    Ok(match scope {
        Scope::Process(p) => {
            s.workshop_summaries()?.into_iter().filter(|(pid, _)| *pid == Some(p)).map(|(_, w)| w.id).collect()
        }
        Scope::Workshop(w) => vec![w],
    })
}

/// The workshops of a workshop's process (or the workshop alone) in the order they took place
/// (by date, then as they were made): the numbers W1, W2 … every screen and document uses.
pub(crate) fn workshops_in_order(s: &Store, workshop: WorkshopId) -> Result<Vec<cafehost_core::Workshop>> {
    let mut workshops = Vec::new();
    for id in workshops_of(s, scope_of(s, workshop)?)? {
        workshops.push(s.workshop(id)?);
    }
    workshops.sort_by_key(|w| (w.details.date, w.created_at, w.id));
    Ok(workshops)
}

/// The harvest of a workshop's process (or of the workshop), read from one snapshot.
pub(crate) fn overview(s: &mut Store, workshop: WorkshopId) -> Result<HarvestOverview> {
    let scope = scope_of(s, workshop)?;
    let title = match scope {
        Scope::Process(p) => s.process(p)?.title,
        Scope::Workshop(w) => s.workshop(w)?.details.title,
    };
    let ids = workshops_of(s, scope)?;
    let mut workshops = Vec::new();
    let mut tables = Vec::new();
    let mut photos = Vec::new();
    for id in ids {
        photos.extend(s.attachments(id)?);
        let setup = s.workshop_setup(id)?;
        tables.extend(setup.tables.iter().map(|t| HarvestTable {
            id: t.id,
            workshop_id: id,
            number: t.input.number,
            topic: t.input.topic.clone(),
        }));
        workshops.push(HarvestWorkshop {
            id,
            title: setup.workshop.details.title,
            round_ids: setup.rounds.iter().map(|r| r.id).collect(),
        });
    }
    let statements = s.statements(scope)?;
    let fields_of_action = s.fields_of_action(scope)?;
    let labels = StatementLabels::new(&statements, &fields_of_action).texts();
    Ok(HarvestOverview {
        title,
        workshops,
        tables,
        notes: s.notes(scope)?,
        statements,
        photos,
        fields_of_action,
        labels,
    })
}
