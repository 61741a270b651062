//! Capture: the notes of each table and round, the photos of the tablecloths, and the summaries
//! (one per table, one for the workshop). Which photos are accepted and how a summary lives are
//! the core's rules (`cafehost_core::capture`).

use base64::Engine as _;
use cafehost_core::capture::{self, SummaryChange};
use cafehost_core::{
    Attachment, AttachmentId, FieldProblem, Note, NoteId, NoteInput, NoteKind, RoundId, Source, TableId,
    ValidationError, WorkshopId,
};
use cafehost_store::{Scope, Store};
use chrono::{DateTime, Utc};

use crate::{AppError, Cafehost, Result};

/// Notes, photos and summaries per table and round.
pub struct Notes<'a>(pub(crate) &'a Cafehost);

/// Checks that a table and a round (either may be absent) belong to `workshop`.
pub(crate) fn check_place(
    s: &Store,
    workshop: WorkshopId,
    table: Option<TableId>,
    round: Option<RoundId>,
) -> Result<()> {
    s.workshop(workshop)?;
    if let Some(t) = table
        && s.table(t)?.workshop_id != workshop
    {
        return Err(AppError::NotFound { entity: "table" });
    }
    if let Some(r) = round
        && s.round(r)?.workshop_id != workshop
    {
        return Err(AppError::NotFound { entity: "round" });
    }
    Ok(())
}

/// Where a new note stands and where it came from.
#[derive(Clone, Copy)]
pub(crate) struct NotePlace {
    pub(crate) workshop: WorkshopId,
    pub(crate) table: Option<TableId>,
    pub(crate) round: Option<RoundId>,
    pub(crate) source: Source,
}

pub(crate) fn new_note(id: NoteId, place: &NotePlace, kind: NoteKind, input: NoteInput, now: DateTime<Utc>) -> Note {
    let NotePlace { workshop, table, round, source } = *place;
    Note {
        id,
        workshop_id: workshop,
        table_id: table,
        round_id: round,
        kind,
        text: input.text,
        tags: input.tags,
        author: input.author,
        created_at: now,
        updated_at: now,
        source,
    }
}

impl Notes<'_> {
    /// The notes of one workshop.
    pub fn notes(&self, workshop: WorkshopId) -> Result<Vec<Note>> {
        self.0.read(|s| Ok(s.notes(Scope::Workshop(workshop))?))
    }

    /// Adds a note at a table in a round (both optional: a workshop summary has neither).
    pub fn add_note(
        &self,
        workshop: WorkshopId,
        table: Option<TableId>,
        round: Option<RoundId>,
        kind: NoteKind,
        input: &NoteInput,
    ) -> Result<Note> {
        let input = input.validated()?;
        let now = self.0.now();
        self.0.write(|s| {
            check_place(s, workshop, table, round)?;
            let place = NotePlace { workshop, table, round, source: Source::App };
            let note = new_note(NoteId::new(), &place, kind, input, now);
            s.insert_note(&note)?;
            Ok(note)
        })
    }

    /// Saves a note's text, tags and author.
    pub fn update_note(&self, note: NoteId, input: &NoteInput) -> Result<Note> {
        let input = input.validated()?;
        let now = self.0.now();
        self.0.write(|s| Ok(s.update_note(note, &input, now)?))
    }

    /// Deletes a note.
    pub fn delete_note(&self, note: NoteId) -> Result<()> {
        self.0.write(|s| Ok(s.delete_note(note)?))
    }

    /// Sets the summary of a table (`table_summary`) or of the workshop (`workshop_summary`, no
    /// table) to `text`: the first words create it, later words change it, an emptied field
    /// deletes it. Returns the summary as stored, or `None` when there is none.
    pub fn set_summary(
        &self,
        workshop: WorkshopId,
        table: Option<TableId>,
        kind: NoteKind,
        input: &NoteInput,
    ) -> Result<Option<Note>> {
        self.set_summary_from(Source::App, workshop, table, kind, input)
    }

    /// [`Notes::set_summary`], from the window or a host's phone.
    pub(crate) fn set_summary_from(
        &self,
        source: Source,
        workshop: WorkshopId,
        table: Option<TableId>,
        kind: NoteKind,
        input: &NoteInput,
    ) -> Result<Option<Note>> {
        capture::check_summary_place(kind, table)?;
        let now = self.0.now();
        self.0.write(|s| {
            check_place(s, workshop, table, None)?;
            let notes = s.notes(Scope::Workshop(workshop))?;
            match capture::summary_change(capture::find_summary(&notes, kind, table), &input.text) {
                SummaryChange::None => Ok(None),
                SummaryChange::Delete(id) => {
                    s.delete_note(id)?;
                    Ok(None)
                }
                SummaryChange::Update(id) => Ok(Some(s.update_note(id, &input.validated()?, now)?)),
                SummaryChange::Create => {
                    let place = NotePlace { workshop, table, round: None, source };
                    let note = new_note(NoteId::new(), &place, kind, input.validated()?, now);
                    s.insert_note(&note)?;
                    Ok(Some(note))
                }
            }
        })
    }

    /// The photos of a workshop.
    pub fn attachments(&self, workshop: WorkshopId) -> Result<Vec<Attachment>> {
        self.0.read(|s| Ok(s.attachments(workshop)?))
    }

    /// Stores a photo (JPEG or PNG, sent base64-encoded) at a table in a round.
    pub fn add_attachment(
        &self,
        workshop: WorkshopId,
        table: Option<TableId>,
        round: Option<RoundId>,
        file_name: &str,
        base64_bytes: &str,
    ) -> Result<Attachment> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(base64_bytes.trim())
            .map_err(|_| AppError::Invalid(ValidationError::single("photo", FieldProblem::Malformed)))?;
        let attachment = self.new_photo(
            AttachmentId::new(),
            &NotePlace { workshop, table, round, source: Source::App },
            file_name,
            &bytes,
        )?;
        // Its document copy is made now, unlocked, so no document decodes the original again.
        let copy = crate::minutes::kept_copy(&attachment, bytes.clone());
        self.0.write(|s| {
            check_place(s, workshop, table, round)?;
            s.insert_attachment(&attachment, &bytes)?;
            s.save_attachment_copies(&[copy])?;
            Ok(attachment)
        })
    }

    /// A photo's description, once the core accepted its bytes.
    pub(crate) fn new_photo(
        &self,
        id: AttachmentId,
        place: &NotePlace,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Attachment> {
        let media = capture::check_photo(bytes)?;
        let name: String = cafehost_core::text::clean_line(file_name).chars().take(200).collect();
        Ok(Attachment {
            id,
            workshop_id: place.workshop,
            table_id: place.table,
            round_id: place.round,
            file_name: if name.is_empty() { "photo".to_owned() } else { name },
            media_type: media.to_owned(),
            byte_len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            rotation_degrees: 0,
            created_at: self.0.now(),
            source: place.source,
        })
    }

    /// A photo's media type and bytes (for showing it).
    pub fn attachment_bytes(&self, attachment: AttachmentId) -> Result<(String, Vec<u8>)> {
        self.0.read(|s| Ok(s.attachment_bytes(attachment)?))
    }

    /// Turns a photo to 0, 90, 180 or 270 degrees (other values are rounded down to a quarter).
    pub fn rotate_attachment(&self, attachment: AttachmentId, degrees: u32) -> Result<()> {
        self.0.write(|s| Ok(s.rotate_attachment(attachment, (degrees / 90 % 4) * 90)?))
    }

    /// Deletes a photo.
    pub fn delete_attachment(&self, attachment: AttachmentId) -> Result<()> {
        self.0.write(|s| Ok(s.delete_attachment(attachment)?))
    }
}
