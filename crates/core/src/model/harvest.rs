use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AttachmentId, FieldOfActionId, NoteId, ProcessId, RoundId, StatementId, TableId, WorkshopId};

/// What a note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A contribution written down at a table in a round.
    #[default]
    Note,
    /// What the table host tells the next group.
    TableSummary,
    /// The closing summary of the whole workshop.
    WorkshopSummary,
}

/// Where a note or a photo came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Typed or added in the window (or the command line, or a bundle).
    #[default]
    App,
    /// Sent by a table host's phone over the local network.
    Phone,
}

/// A note taken at a table in a round (or a summary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Note {
    /// Identity.
    pub id: NoteId,
    /// The workshop.
    pub workshop_id: WorkshopId,
    /// The table, absent for a workshop summary.
    pub table_id: Option<TableId>,
    /// The round, absent for a table's overall summary.
    pub round_id: Option<RoundId>,
    /// What kind of text this is.
    pub kind: NoteKind,
    /// The text.
    pub text: String,
    /// Free tags for filtering.
    pub tags: Vec<String>,
    /// Who wrote it (usually the table host).
    pub author: String,
    /// When it was first written.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Where it came from.
    #[serde(default)]
    pub source: Source,
}

/// A photo (tablecloth, flipchart) attached to a table and round. The bytes live in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attachment {
    /// Identity.
    pub id: AttachmentId,
    /// The workshop.
    pub workshop_id: WorkshopId,
    /// The table.
    pub table_id: Option<TableId>,
    /// The round.
    pub round_id: Option<RoundId>,
    /// Original file name.
    pub file_name: String,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Size of the stored bytes.
    pub byte_len: u32,
    /// Clockwise rotation to apply when showing it: 0, 90, 180 or 270.
    pub rotation_degrees: u32,
    /// When it was attached.
    pub created_at: DateTime<Utc>,
    /// Where it came from.
    #[serde(default)]
    pub source: Source,
}

/// The level of a consolidated statement, as in the county's concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatementLevel {
    /// What should be achieved ("Zielebene").
    Goal,
    /// What will be done ("Maßnahmenebene"); serves one or more goals.
    Measure,
    /// Who steers and how progress is checked ("Steuerungsebene").
    Steering,
}

/// How far a statement has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatementStatus {
    /// Being worded by staff.
    #[default]
    Draft,
    /// Agreed with the departments.
    Agreed,
    /// Adopted by the council.
    Adopted,
}

/// A consolidated statement, traceable to the notes it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Statement {
    /// Identity.
    pub id: StatementId,
    /// The process it belongs to (statements usually span workshops).
    pub process_id: Option<ProcessId>,
    /// The workshop, when it belongs to a single one.
    pub workshop_id: Option<WorkshopId>,
    /// Goal, measure or steering.
    pub level: StatementLevel,
    /// Its own number on its level and field of action within its process (or workshop): 3 in
    /// "M 2.1.3". Given when it is made and kept through votes, edits and links
    /// (`consolidation::next_number`); documents and screens show its label
    /// (`consolidation::StatementLabels`).
    pub number: u32,
    /// The wording.
    pub text: String,
    /// Its field of action ("Handlungsfeld"): an entry of its scope's list, if any.
    pub field_id: Option<FieldOfActionId>,
    /// That field's name as stored in the list (empty without one); read only, follows renames.
    pub field_of_action: String,
    /// Dot votes counted by the moderator.
    pub votes: u32,
    /// The organisation responsible.
    pub owner: String,
    /// When it should happen, free text ("bis 2016").
    pub time_frame: String,
    /// Draft, agreed or adopted.
    pub status: StatementStatus,
    /// The notes it was derived from.
    pub source_note_ids: Vec<NoteId>,
    /// The photos it was derived from (a tablecloth, a flipchart), of its scope's workshops.
    #[serde(default)]
    pub source_photo_ids: Vec<AttachmentId>,
    /// Statements it serves or steers (a measure → goals; steering → measures).
    pub linked_statement_ids: Vec<StatementId>,
    /// Dates, indicator, resources and the decision that adopted it.
    pub plan: StatementPlan,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// What is typed about a note.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NoteInput {
    /// The note; may be long (a host's summary), never empty once saved.
    pub text: String,
    /// Keywords to filter by, e.g. "Sprache", "Ehrenamt".
    pub tags: Vec<String>,
    /// Who wrote it (the table host, the moderator …).
    pub author: String,
}

/// A field of action ("Handlungsfeld") of a process (or of a workshop of no process): one entry
/// of an ordered list, which statements and workshops pick from and the concept draft follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldOfAction {
    /// Identity.
    pub id: FieldOfActionId,
    /// The process whose list it is on.
    pub process_id: Option<ProcessId>,
    /// The workshop whose list it is on, when that workshop belongs to no process.
    pub workshop_id: Option<WorkshopId>,
    /// 0-based place in the list.
    pub position: u32,
    /// Its name, e.g. "Frühe Bildung"; unique in its list (spelling folded).
    pub name: String,
    /// Its starting situation ("Ausgangslage"): where things stand before the measures, the
    /// first part of its chapter in the concept draft; empty until written or drafted.
    pub situation: String,
}

/// How a statement is put into practice and the decision that adopted it: the columns of the
/// concept's Maßnahmenplan and its steering chapter. Every part is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StatementPlan {
    /// When it starts.
    pub start_date: Option<NaiveDate>,
    /// When it should be done; not before the start.
    pub end_date: Option<NaiveDate>,
    /// How success is measured ("Anzahl der Elterncafés").
    pub indicator: String,
    /// The indicator's value at the start ("2").
    pub baseline: String,
    /// The value aimed for ("alle 38 Kitas").
    pub target: String,
    /// Money, staff, rooms it needs.
    pub resources: String,
    /// Who decided on it ("Kreistag", "Jugendhilfeausschuss").
    pub decision_body: String,
    /// When it was decided.
    pub decision_date: Option<NaiveDate>,
    /// The decision's reference ("Drucksache 123/2026").
    pub decision_reference: String,
}

/// What staff edit about a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatementInput {
    /// Goal, measure or steering.
    pub level: StatementLevel,
    /// The statement.
    pub text: String,
    /// Field of action ("Handlungsfeld"), e.g. "Frühe Bildung": the name of an entry of the
    /// scope's list (spelling folded); a name not on it yet is added at its end; empty for none.
    pub field_of_action: String,
    /// Dot votes counted by the moderator.
    pub votes: u32,
    /// Who is responsible (organisation).
    pub owner: String,
    /// By when, free text ("bis Ende 2015").
    pub time_frame: String,
    /// Draft, agreed or adopted.
    pub status: StatementStatus,
}
