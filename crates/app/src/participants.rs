//! The participant list: quick add, inline edit, delete, attendance, CSV import and export.

use cafehost_core::import::{self, ColumnRole, ImportPreview};
use cafehost_core::{Attendance, Participant, ParticipantId, ParticipantInput, WorkshopId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Cafehost, Result};

/// How to treat rows that cannot or should not be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// Import the good rows even when others have problems (otherwise nothing is imported).
    pub skip_invalid: bool,
    /// Import rows flagged as duplicates too (otherwise they are left out).
    pub include_duplicates: bool,
}

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

impl Cafehost {
    /// Finds the workshop a person named by id or title.
    pub fn resolve_workshop(&self, reference: &WorkshopRef) -> Result<WorkshopId> {
        if let Ok(id) = reference.0.parse::<WorkshopId>() {
            self.store.workshop(id)?;
            return Ok(id);
        }
        match self.store.workshop_by_title(reference.0.trim())? {
            Ok(id) => Ok(id),
            Err(matches) => Err(AppError::AmbiguousWorkshop {
                query: reference.0.clone(),
                matches: u32::try_from(matches).unwrap_or(u32::MAX),
            }),
        }
    }

    /// The participants of a workshop by name.
    pub fn participants(&self, workshop: WorkshopId) -> Result<Vec<Participant>> {
        self.store.workshop(workshop)?;
        Ok(self.store.participants(workshop)?)
    }

    /// Adds one person.
    pub fn add_participant(&mut self, workshop: WorkshopId, input: &ParticipantInput) -> Result<Participant> {
        let input = input.validated()?;
        self.store.workshop(workshop)?;
        let participant = self.new_participant(workshop, input);
        self.store.insert_participants(std::slice::from_ref(&participant))?;
        Ok(participant)
    }

    /// Saves what was edited about a person.
    pub fn update_participant(&mut self, participant: ParticipantId, input: &ParticipantInput) -> Result<Participant> {
        let input = input.validated()?;
        Ok(self.store.update_participant(participant, &input, self.now())?)
    }

    /// Removes a person from the workshop (and from any table they hosted).
    pub fn delete_participant(&mut self, participant: ParticipantId) -> Result<()> {
        Ok(self.store.delete_participant(participant)?)
    }

    /// Records check-in, no-show or departure.
    pub fn set_attendance(&mut self, participant: ParticipantId, attendance: Attendance) -> Result<Participant> {
        self.store.set_attendance(participant, attendance, self.now())?;
        Ok(self.store.participant(participant)?)
    }

    /// What importing `bytes` would do, with the given column mapping or a guessed one.
    /// Writes nothing.
    pub fn preview_import(
        &self,
        workshop: WorkshopId,
        bytes: &[u8],
        mapping: Option<&[ColumnRole]>,
    ) -> Result<ImportPreview> {
        let sheet = import::read_sheet(bytes)?;
        let mapping = mapping.map_or_else(|| import::guess_mapping(&sheet.headers), <[ColumnRole]>::to_vec);
        let existing: Vec<ParticipantInput> = self.participants(workshop)?.into_iter().map(|p| p.input).collect();
        Ok(import::preview(&sheet, &mapping, &existing))
    }

    /// Imports the rows of `bytes` in one transaction. Refuses (writing nothing) when any row
    /// has a problem, unless `skip_invalid`; leaves out flagged duplicates unless
    /// `include_duplicates`.
    pub fn import_participants(
        &mut self,
        workshop: WorkshopId,
        bytes: &[u8],
        mapping: Option<&[ColumnRole]>,
        options: ImportOptions,
    ) -> Result<ImportOutcome> {
        let preview = self.preview_import(workshop, bytes, mapping)?;
        let invalid = u32::try_from(preview.invalid_count()).unwrap_or(u32::MAX);
        if !preview.mapping_problems.is_empty() || (invalid > 0 && !options.skip_invalid) {
            return Err(AppError::ImportRefused { invalid_rows: invalid, mapping_problems: preview.mapping_problems });
        }
        let mut skipped_duplicates = 0;
        let mut people = Vec::new();
        for row in preview.valid_rows() {
            if row.duplicate_of.is_some() && !options.include_duplicates {
                skipped_duplicates += 1;
            } else {
                people.push(self.new_participant(workshop, row.participant.clone()));
            }
        }
        self.store.insert_participants(&people)?;
        Ok(ImportOutcome {
            imported: u32::try_from(people.len()).unwrap_or(u32::MAX),
            skipped_invalid: invalid,
            skipped_duplicates,
        })
    }

    /// The participant list as a CSV file for spreadsheets, in the workshop's language.
    pub fn export_participants_csv(&self, workshop: WorkshopId) -> Result<Vec<u8>> {
        let language = self.store.workshop(workshop)?.details.language;
        let people: Vec<ParticipantInput> = self.store.participants(workshop)?.into_iter().map(|p| p.input).collect();
        Ok(import::write_participants(&people, language))
    }

    fn new_participant(&self, workshop: WorkshopId, input: ParticipantInput) -> Participant {
        let now = self.now();
        Participant {
            id: ParticipantId::new(),
            workshop_id: workshop,
            input,
            attendance: Attendance::Expected,
            created_at: now,
            updated_at: now,
        }
    }
}
