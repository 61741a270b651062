//! The participant list: quick add, inline edit, delete, CSV import and export. Whether an import
//! may go ahead is the core's decision (`ImportPreview::decide`), shown in the dialog and kept here.

use base64::Engine as _;
use cafehost_core::import::{self, ColumnRole, ImportDecision, ImportOptions, ImportPreview};
use cafehost_core::setup::TitleMatch;
use cafehost_core::{
    Attendance, FieldProblem, Participant, ParticipantId, ParticipantInput, ValidationError, WorkshopId,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, BackupReason, Cafehost, Result};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    /// Participants added.
    pub imported: u32,
    /// Rows left out because of problems.
    pub skipped_invalid: u32,
    /// Rows left out as duplicates.
    pub skipped_duplicates: u32,
}

/// A workshop named on a command line: by id, or by a title that matches exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopRef(pub String);

/// Whether a person's name, organisation, group, role or e-mail contains every word typed
/// (letters folded: "ozturk" finds "Öztürk").
pub(crate) fn found(p: &Participant, typed: &str) -> bool {
    let i = &p.input;
    let haystack = format!("{} {} {} {} {} {}", i.first_name, i.last_name, i.organisation, i.group, i.role, i.email);
    cafehost_core::text::matches_search(typed, &haystack)
}

/// The participant list of a workshop: quick add, edit, delete, CSV import and export.
pub struct People<'a>(pub(crate) &'a Cafehost);

impl People<'_> {
    /// Finds the workshop a person named by id or title.
    pub fn resolve_workshop(&self, reference: &WorkshopRef) -> Result<WorkshopId> {
        self.0.read(|s| {
            if let Ok(id) = reference.0.parse::<WorkshopId>() {
                s.workshop(id)?;
                return Ok(id);
            }
            let titles: Vec<(WorkshopId, String)> =
                s.workshop_summaries()?.into_iter().map(|(_, w)| (w.id, w.title)).collect();
            match cafehost_core::setup::match_title(&reference.0, &titles) {
                TitleMatch::One(id) => Ok(id),
                TitleMatch::Several(candidates) => Err(AppError::AmbiguousWorkshop {
                    query: reference.0.clone(),
                    matches: u32::try_from(candidates.len()).unwrap_or(u32::MAX),
                    candidates,
                }),
                TitleMatch::None(candidates) => {
                    Err(AppError::AmbiguousWorkshop { query: reference.0.clone(), matches: 0, candidates })
                }
            }
        })
    }

    /// The participants of a workshop by name.
    pub fn participants(&self, workshop: WorkshopId) -> Result<Vec<Participant>> {
        self.0.read(|s| {
            s.workshop(workshop)?;
            Ok(s.participants(workshop)?)
        })
    }

    /// The people of a workshop whose name, organisation, group, role or e-mail contains every
    /// word typed, with letters folded as the core's `search_key` says ("ozturk" finds
    /// "Öztürk"), in list order.
    pub fn search(&self, workshop: WorkshopId, typed: &str) -> Result<Vec<ParticipantId>> {
        Ok(self.participants(workshop)?.into_iter().filter(|p| found(p, typed)).map(|p| p.id).collect())
    }

    /// Adds one person.
    pub fn add_participant(&self, workshop: WorkshopId, input: &ParticipantInput) -> Result<Participant> {
        let input = input.validated()?;
        let participant = new_participant(workshop, input, self.0.now());
        self.0.write(|s| {
            s.workshop(workshop)?;
            s.insert_participants(std::slice::from_ref(&participant))?;
            Ok(participant)
        })
    }

    /// Saves what was edited about a person.
    pub fn update_participant(&self, participant: ParticipantId, input: &ParticipantInput) -> Result<Participant> {
        let input = input.validated()?;
        let now = self.0.now();
        self.0.write(|s| Ok(s.update_participant(participant, &input, now)?))
    }

    /// Removes a person from the workshop (and from any table they hosted).
    pub fn delete_participant(&self, participant: ParticipantId) -> Result<()> {
        self.0.write(|s| Ok(s.delete_participant(participant)?))
    }

    /// What importing `bytes` with `options` would do, with the given column mapping or a
    /// guessed one: every row with its problems, and the core's decision whether the import may
    /// go ahead. Writes nothing.
    pub fn preview_import(
        &self,
        workshop: WorkshopId,
        bytes: &[u8],
        mapping: Option<&[ColumnRole]>,
        options: ImportOptions,
    ) -> Result<ImportPreviewAndDecision> {
        let sheet = import::read_sheet(bytes)?;
        Ok(check_sheet(sheet, mapping, &self.participants(workshop)?, options))
    }

    /// Imports the rows of `bytes` in one transaction, as the core's import decision says:
    /// refused (writing nothing) when the mapping or any row has a problem, unless
    /// `skip_invalid`; flagged duplicates left out unless `include_duplicates`. The duplicates
    /// are judged against the list as it is inside the write, so two imports at once cannot add
    /// the same people twice.
    pub fn import_participants(
        &self,
        workshop: WorkshopId,
        bytes: &[u8],
        mapping: Option<&[ColumnRole]>,
        options: ImportOptions,
    ) -> Result<ImportOutcome> {
        let sheet = import::read_sheet(bytes)?;
        let now = self.0.now();
        self.0.backups().before(BackupReason::Import)?;
        self.0.write(|s| {
            s.workshop(workshop)?;
            let ImportPreviewAndDecision { mut preview, decision } =
                check_sheet(sheet, mapping, &s.participants(workshop)?, options);
            if decision.refusal.is_some() {
                return Err(AppError::ImportRefused {
                    invalid_rows: decision.skipped_invalid,
                    mapping_problems: std::mem::take(&mut preview.mapping_problems),
                });
            }
            let people: Vec<Participant> =
                preview.into_selected(&decision).map(|p| new_participant(workshop, p, now)).collect();
            s.insert_participants(&people)?;
            Ok(ImportOutcome {
                imported: decision.importable,
                skipped_invalid: decision.skipped_invalid,
                skipped_duplicates: decision.skipped_duplicates,
            })
        })
    }

    /// [`People::preview_import`] as the import dialog needs it, for a file of up to 20 MB:
    /// - the file comes base64-encoded, as the window sends files: as JSON that is a third more
    ///   than the file, where an array of numbers took thirty times as much once parsed; it is
    ///   taken by value, so the encoded copy is gone before the file is read;
    /// - the rows leave out the free attributes: the dialog does not show them, and with up to
    ///   30 long cells a row they would make most of the answer.
    pub fn preview_import_base64(
        &self,
        workshop: WorkshopId,
        base64: String,
        mapping: Option<&[ColumnRole]>,
        options: ImportOptions,
    ) -> Result<ImportPreviewAndDecision> {
        let bytes = decode_file(base64)?;
        let mut checked = self.preview_import(workshop, &bytes, mapping, options)?;
        for row in &mut checked.preview.rows {
            row.participant.attributes.clear();
        }
        Ok(checked)
    }

    /// [`People::import_participants`] for a file sent base64-encoded.
    pub fn import_participants_base64(
        &self,
        workshop: WorkshopId,
        base64: String,
        mapping: Option<&[ColumnRole]>,
        options: ImportOptions,
    ) -> Result<ImportOutcome> {
        let bytes = decode_file(base64)?;
        self.import_participants(workshop, &bytes, mapping, options)
    }

    /// The participant list as a CSV file for spreadsheets, in the workshop's language.
    pub fn export_participants_csv(&self, workshop: WorkshopId) -> Result<Vec<u8>> {
        self.0.read(|s| {
            let language = s.workshop(workshop)?.details.language;
            let people: Vec<ParticipantInput> = s.participants(workshop)?.into_iter().map(|p| p.input).collect();
            Ok(import::write_participants(&people, language))
        })
    }
}

#[allow(clippy::needless_pass_by_value)] // taken to free the encoded copy early
fn decode_file(base64: String) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(base64.trim())
        .map_err(|_| AppError::Invalid(ValidationError::single("file", FieldProblem::Malformed)))
}

/// An import's preview together with what the chosen options would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreviewAndDecision {
    /// Every row with its problems.
    pub preview: ImportPreview,
    /// Whether the import may go ahead, and how many people it adds.
    pub decision: ImportDecision,
}

/// The preview of a read sheet against the list as it is, with the core's decision.
fn check_sheet(
    sheet: import::CsvSheet,
    mapping: Option<&[ColumnRole]>,
    existing: &[Participant],
    options: ImportOptions,
) -> ImportPreviewAndDecision {
    let mapping = mapping.map_or_else(|| import::guess_mapping(&sheet.headers), <[ColumnRole]>::to_vec);
    let existing: Vec<ParticipantInput> = existing.iter().map(|p| p.input.clone()).collect();
    let preview = import::preview(sheet, &mapping, &existing);
    let decision = preview.decide(options);
    ImportPreviewAndDecision { preview, decision }
}

pub(crate) fn new_participant(workshop: WorkshopId, input: ParticipantInput, now: DateTime<Utc>) -> Participant {
    Participant {
        id: ParticipantId::new(),
        workshop_id: workshop,
        input,
        attendance: Attendance::Expected,
        walk_in: false,
        created_at: now,
        updated_at: now,
    }
}
