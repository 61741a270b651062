//! The rules of capture: which photos are accepted, and the life of a summary (one per table, and
//! one for the workshop, created by typing, changed by typing, gone when emptied).

use crate::validation::{FieldProblem, ValidationError};
use crate::{Note, NoteId, NoteKind, TableId};

/// The largest photo accepted (a phone photo of a tablecloth is 2–8 MB).
pub const MAX_PHOTO_BYTES: usize = 25 * 1024 * 1024;

/// What a photo is, from its first bytes (a file's name can lie): `image/jpeg` or `image/png`.
pub fn photo_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// The media type of an acceptable photo, or the problem with it (field `photo`).
pub fn check_photo(bytes: &[u8]) -> Result<&'static str, ValidationError> {
    if bytes.len() > MAX_PHOTO_BYTES {
        let max = u32::try_from(MAX_PHOTO_BYTES).unwrap_or(u32::MAX);
        return Err(ValidationError::single("photo", FieldProblem::TooLong { max }));
    }
    photo_media_type(bytes).ok_or_else(|| ValidationError::single("photo", FieldProblem::Malformed))
}

/// The summary of kind `kind` at `table` (a workshop summary has no table), if written.
pub fn find_summary(notes: &[Note], kind: NoteKind, table: Option<TableId>) -> Option<&Note> {
    if kind == NoteKind::Note {
        return None;
    }
    notes.iter().find(|n| n.kind == kind && n.table_id == table)
}

/// Where a summary may stand: a table's summary at its table, the workshop's summary at none;
/// an ordinary note is no summary (field `kind`).
pub fn check_summary_place(kind: NoteKind, table: Option<TableId>) -> Result<(), ValidationError> {
    match (kind, table) {
        (NoteKind::TableSummary, Some(_)) | (NoteKind::WorkshopSummary, None) => Ok(()),
        _ => Err(ValidationError::single("kind", FieldProblem::Malformed)),
    }
}

/// What typing `text` into a summary field does to the stored summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryChange {
    /// Nothing stored and nothing typed: nothing to do.
    None,
    /// The first words: a new summary note.
    Create,
    /// Changed words: the stored summary is updated.
    Update(NoteId),
    /// Emptied: the stored summary is deleted.
    Delete(NoteId),
}

/// The summary rule: one summary per field, created by the first words, deleted when emptied.
pub fn summary_change(existing: Option<&Note>, text: &str) -> SummaryChange {
    match (existing, text.trim().is_empty()) {
        (None, true) => SummaryChange::None,
        (None, false) => SummaryChange::Create,
        (Some(n), true) => SummaryChange::Delete(n.id),
        (Some(n), false) => SummaryChange::Update(n.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WorkshopId;
    use chrono::DateTime;

    #[test]
    fn photos_are_recognised_by_their_bytes_not_their_name() {
        assert_eq!(check_photo(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok("image/jpeg"));
        assert_eq!(check_photo(b"\x89PNG\r\n\x1a\nrest"), Ok("image/png"));
        let malformed = ValidationError::single("photo", FieldProblem::Malformed);
        assert_eq!(check_photo(b"GIF89a"), Err(malformed.clone()));
        assert_eq!(check_photo(b""), Err(malformed));
        let huge = vec![0xFF; MAX_PHOTO_BYTES + 1];
        assert!(
            matches!(check_photo(&huge), Err(e) if e.errors[0].problem == FieldProblem::TooLong { max: 26_214_400 })
        );
    }

    #[test]
    fn a_summary_is_created_by_typing_and_deleted_when_emptied() {
        let table = TableId::new();
        let note = Note {
            id: NoteId::new(),
            workshop_id: WorkshopId::new(),
            table_id: Some(table),
            round_id: None,
            kind: NoteKind::TableSummary,
            text: "Kurz".into(),
            tags: Vec::new(),
            author: String::new(),
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
            source: crate::Source::App,
        };
        let notes = vec![note.clone()];
        assert_eq!(find_summary(&notes, NoteKind::TableSummary, Some(table)), Some(&note));
        assert_eq!(find_summary(&notes, NoteKind::WorkshopSummary, None), None);
        assert_eq!(find_summary(&notes, NoteKind::Note, Some(table)), None, "ordinary notes are not summaries");
        assert_eq!(summary_change(None, "  "), SummaryChange::None);
        assert_eq!(summary_change(None, "Erste Worte"), SummaryChange::Create);
        assert_eq!(summary_change(Some(&note), "Mehr"), SummaryChange::Update(note.id));
        assert_eq!(summary_change(Some(&note), " \n"), SummaryChange::Delete(note.id));
        assert_eq!(check_summary_place(NoteKind::TableSummary, Some(table)), Ok(()));
        assert_eq!(check_summary_place(NoteKind::WorkshopSummary, None), Ok(()));
        assert!(check_summary_place(NoteKind::TableSummary, None).is_err());
        assert!(check_summary_place(NoteKind::WorkshopSummary, Some(table)).is_err());
        assert!(check_summary_place(NoteKind::Note, Some(table)).is_err());
    }
}
