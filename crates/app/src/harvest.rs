//! The harvest: notes and photos per table and round, and the statements (goal, measure,
//! steering) consolidated from the notes of a whole process, each traceable to its notes.

use base64::Engine as _;
use cafehost_core::{
    Attachment, AttachmentId, Note, NoteId, NoteInput, NoteKind, RoundId, Statement, StatementId, StatementInput,
    TableId, WorkshopId,
};
use cafehost_store::Scope;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Cafehost, Result};

/// The largest photo accepted (a phone photo of a tablecloth is 2–8 MB).
pub const MAX_PHOTO_BYTES: usize = 25 * 1024 * 1024;

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
pub struct Harvest {
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
}

/// What a photo is, from its first bytes (a file's name can lie).
fn media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

impl Cafehost {
    /// Where a workshop's statements live: its process, or the workshop itself.
    fn scope_of(&self, workshop: WorkshopId) -> Result<Scope> {
        let w = self.store.workshop(workshop)?;
        Ok(w.process_id.map_or(Scope::Workshop(workshop), Scope::Process))
    }

    /// The notes of one workshop (for capture).
    pub fn notes(&self, workshop: WorkshopId) -> Result<Vec<Note>> {
        Ok(self.store.notes(Scope::Workshop(workshop))?)
    }

    /// Adds a note at a table in a round (both optional: a workshop summary has neither).
    pub fn add_note(
        &mut self,
        workshop: WorkshopId,
        table: Option<TableId>,
        round: Option<RoundId>,
        kind: NoteKind,
        input: &NoteInput,
    ) -> Result<Note> {
        let input = input.validated()?;
        if let Some(t) = table
            && self.store.table(t)?.workshop_id != workshop
        {
            return Err(AppError::NotFound { entity: "table" });
        }
        if let Some(r) = round
            && self.store.round(r)?.workshop_id != workshop
        {
            return Err(AppError::NotFound { entity: "round" });
        }
        let now = self.now();
        let note = Note {
            id: NoteId::new(),
            workshop_id: workshop,
            table_id: table,
            round_id: round,
            kind,
            text: input.text,
            tags: input.tags,
            author: input.author,
            created_at: now,
            updated_at: now,
        };
        self.store.insert_note(&note)?;
        Ok(note)
    }

    /// Saves a note's text, tags and author.
    pub fn update_note(&mut self, note: NoteId, input: &NoteInput) -> Result<Note> {
        let input = input.validated()?;
        let now = self.now();
        Ok(self.store.update_note(note, &input, now)?)
    }

    /// Deletes a note.
    pub fn delete_note(&mut self, note: NoteId) -> Result<()> {
        Ok(self.store.delete_note(note)?)
    }

    /// The photos of a workshop.
    pub fn attachments(&self, workshop: WorkshopId) -> Result<Vec<Attachment>> {
        Ok(self.store.attachments(workshop)?)
    }

    /// Stores a photo (JPEG or PNG, sent base64-encoded) at a table in a round.
    pub fn add_attachment(
        &mut self,
        workshop: WorkshopId,
        table: Option<TableId>,
        round: Option<RoundId>,
        file_name: &str,
        base64_bytes: &str,
    ) -> Result<Attachment> {
        let refused = |problem| AppError::Invalid(cafehost_core::ValidationError::single("photo", problem));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(base64_bytes.trim())
            .map_err(|_| refused(cafehost_core::FieldProblem::Malformed))?;
        if bytes.len() > MAX_PHOTO_BYTES {
            return Err(refused(cafehost_core::FieldProblem::TooLong {
                max: u32::try_from(MAX_PHOTO_BYTES).unwrap_or(u32::MAX),
            }));
        }
        let media = media_type(&bytes).ok_or_else(|| refused(cafehost_core::FieldProblem::Malformed))?;
        self.store.workshop(workshop)?;
        let name: String = cafehost_core::text::clean_line(file_name).chars().take(200).collect();
        let attachment = Attachment {
            id: AttachmentId::new(),
            workshop_id: workshop,
            table_id: table,
            round_id: round,
            file_name: if name.is_empty() { "photo".to_owned() } else { name },
            media_type: media.to_owned(),
            byte_len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            rotation_degrees: 0,
            created_at: self.now(),
        };
        self.store.insert_attachment(&attachment, &bytes)?;
        Ok(attachment)
    }

    /// A photo's media type and bytes (for showing it).
    pub fn attachment_bytes(&self, attachment: AttachmentId) -> Result<(String, Vec<u8>)> {
        Ok(self.store.attachment_bytes(attachment)?)
    }

    /// Turns a photo a quarter to the right.
    pub fn rotate_attachment(&mut self, attachment: AttachmentId, degrees: u32) -> Result<()> {
        Ok(self.store.rotate_attachment(attachment, (degrees / 90 % 4) * 90)?)
    }

    /// Deletes a photo.
    pub fn delete_attachment(&mut self, attachment: AttachmentId) -> Result<()> {
        Ok(self.store.delete_attachment(attachment)?)
    }

    /// Everything the consolidation of a workshop's process (or of the workshop) needs.
    pub fn harvest(&mut self, workshop: WorkshopId) -> Result<Harvest> {
        let scope = self.scope_of(workshop)?;
        let (title, ids) = match scope {
            Scope::Process(p) => {
                let process = self.store.process(p)?;
                let ids: Vec<WorkshopId> = self
                    .store
                    .workshop_summaries()?
                    .into_iter()
                    .filter(|(pid, _)| *pid == Some(p))
                    .map(|(_, s)| s.id)
                    .collect();
                (process.title, ids)
            }
            Scope::Workshop(w) => (self.store.workshop(w)?.details.title, vec![w]),
        };
        let mut workshops = Vec::new();
        let mut tables = Vec::new();
        let mut photos = Vec::new();
        for id in ids {
            photos.extend(self.store.attachments(id)?);
            let setup = self.store.workshop_setup(id)?;
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
        Ok(Harvest {
            title,
            workshops,
            tables,
            notes: self.store.notes(scope)?,
            statements: self.store.statements(scope)?,
            photos,
        })
    }

    /// The notes of the workshop's process (or the workshop) that match the typed words.
    pub fn search_notes(&self, workshop: WorkshopId, typed: &str) -> Result<Vec<NoteId>> {
        let scope = self.scope_of(workshop)?;
        Ok(self.store.search_notes(scope, typed)?)
    }

    /// A new statement in the workshop's process (or the workshop), made from `sources`.
    pub fn add_statement(
        &mut self,
        workshop: WorkshopId,
        input: &StatementInput,
        sources: &[NoteId],
    ) -> Result<Statement> {
        let input = input.validated()?;
        let scope = self.scope_of(workshop)?;
        let now = self.now();
        let (process_id, workshop_id) = match scope {
            Scope::Process(p) => (Some(p), None),
            Scope::Workshop(w) => (None, Some(w)),
        };
        let statement = Statement {
            id: StatementId::new(),
            process_id,
            workshop_id,
            level: input.level,
            text: input.text,
            field_of_action: input.field_of_action,
            votes: input.votes,
            owner: input.owner,
            time_frame: input.time_frame,
            status: input.status,
            source_note_ids: sources.to_vec(),
            linked_statement_ids: Vec::new(),
            created_at: now,
            updated_at: now,
        };
        self.store.insert_statement(&statement)?;
        Ok(self.store.statement(statement.id)?)
    }

    /// Saves a statement's text and attributes.
    pub fn update_statement(&mut self, statement: StatementId, input: &StatementInput) -> Result<Statement> {
        let input = input.validated()?;
        let now = self.now();
        Ok(self.store.update_statement(statement, &input, now)?)
    }

    /// Replaces the notes a statement comes from.
    pub fn set_statement_sources(&mut self, statement: StatementId, notes: &[NoteId]) -> Result<Statement> {
        Ok(self.store.set_statement_sources(statement, notes)?)
    }

    /// Links or unlinks two statements (a measure serves a goal; steering steers a measure).
    pub fn link_statements(&mut self, first: StatementId, second: StatementId, linked: bool) -> Result<()> {
        if first == second {
            return Err(AppError::NotFound { entity: "statement" });
        }
        Ok(self.store.set_statement_link(first, second, linked)?)
    }

    /// Merges `other` into `keep`, keeping every source and link.
    pub fn merge_statements(&mut self, keep: StatementId, other: StatementId) -> Result<Statement> {
        let now = self.now();
        Ok(self.store.merge_statements(keep, other, now)?)
    }

    /// Splits the given sources off a statement into a new one (same text and attributes, to be
    /// edited), keeping its links; the sources move to the new statement.
    pub fn split_statement(&mut self, statement: StatementId, notes: &[NoteId]) -> Result<Statement> {
        let now = self.now();
        Ok(self.store.split_statement(statement, StatementId::new(), notes, now)?)
    }

    /// Deletes a statement.
    pub fn delete_statement(&mut self, statement: StatementId) -> Result<()> {
        Ok(self.store.delete_statement(statement)?)
    }
}
