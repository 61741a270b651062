//! The commands the desktop UI may call, declared once in [`commands!`] with their argument and
//! result types. From that one list come both the dispatcher that the Tauri shell hands every
//! call to ([`dispatch`]) and the TypeScript client the UI imports ([`typescript_bindings`]), so
//! a command's name or a field's type cannot differ between the two sides. The generated file
//! is committed; a test fails when it is stale.
//!
//! This crate knows nothing of Tauri: the whole IPC surface is tested here with plain JSON.

mod error;
mod typescript;

use cafehost_app::{
    AppInfo, BundleOutcome, Cafehost, DocumentKind, ExportFormat, Harvest, ImportOptions, ImportOutcome, PlanOptions,
    PrintOptions, Printable, RotationPlan, RunView, SavedFile,
};
use cafehost_core::import::{ColumnRole, ImportPreview};
use cafehost_core::run::{RunAction, RunFrame};
use cafehost_core::{
    Attachment, AttachmentId, Attendance, CafeTable, Language, NewWorkshop, Note, NoteId, NoteInput, NoteKind,
    Participant, ParticipantId, ParticipantInput, ProcessGroup, Round, RoundId, RoundInput, Seat, Statement,
    StatementId, StatementInput, TableId, TableInput, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
pub use error::IpcError;
pub use typescript::typescript_bindings;

/// Declares the commands. Each entry becomes a handler function, a branch of [`dispatch`], and a
/// typed function of the TypeScript client (named in camelCase).
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])+
        fn $name:ident($app:ident $(, $arg:ident: $ty:ty)*) -> $ret:ty $body:block
    )*) => {
        mod handlers {
            #[allow(clippy::wildcard_imports)]
            use super::*;
            $(
                $(#[doc = $doc])+
                #[allow(clippy::needless_pass_by_value, clippy::unnecessary_wraps)]
                pub(super) fn $name($app: &mut Cafehost $(, $arg: $ty)*) -> cafehost_app::Result<$ret> $body
            )*
        }

        /// Runs the command called `name` with its arguments as a JSON object, returning the
        /// result as JSON or a translatable error.
        pub fn dispatch(app: &mut Cafehost, name: &str, args: serde_json::Value) -> Result<serde_json::Value, IpcError> {
            let args = if args.is_null() { serde_json::Value::Object(Default::default()) } else { args };
            match name {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(deny_unknown_fields)]
                    struct Args { $($arg: $ty,)* }
                    let Args { $($arg,)* } = serde_json::from_value(args).map_err(IpcError::bad_arguments)?;
                    let result = handlers::$name(app $(, $arg)*)?;
                    serde_json::to_value(result).map_err(IpcError::bad_result)
                })*
                _ => Err(IpcError::unknown_command(name)),
            }
        }

        /// Every command with its documentation, arguments and result types.
        pub(crate) fn signatures() -> Vec<typescript::Signature> {
            vec![$(
                typescript::Signature::new::<$ret>(
                    stringify!($name),
                    concat!($($doc, "\n"),+),
                    vec![$((stringify!($arg), typescript::TypeRef::of::<$ty>()),)*],
                ),
            )*]
        }

        /// Visits every type that crosses the boundary, for the TypeScript declarations.
        pub(crate) fn visit_types(visitor: &mut impl ts_rs::TypeVisitor) {
            $(
                visitor.visit::<$ret>();
                $(visitor.visit::<$ty>();)*
            )*
        }
    };
}

commands! {
    /// Version, database location and the chosen UI language.
    fn app_info(app) -> AppInfo { app.app_info() }

    /// Remembers the UI language.
    fn set_ui_language(app, language: Language) -> () { app.set_ui_language(language) }

    /// All workshops, grouped by process.
    fn workshop_overview(app) -> Vec<ProcessGroup> { app.workshop_overview() }

    /// Creates a workshop with three 20-minute rounds.
    fn create_workshop(app, new_workshop: NewWorkshop) -> Workshop { app.create_workshop(&new_workshop) }

    /// Everything the setup screens show about one workshop.
    fn workshop_setup(app, workshop: WorkshopId) -> WorkshopSetup { app.workshop_setup(workshop) }

    /// Saves the workshop's details.
    fn update_workshop(app, workshop: WorkshopId, details: WorkshopDetails) -> Workshop {
        app.update_workshop(workshop, &details)
    }

    /// Files the workshop under a process (by title; created when new) or under none.
    fn set_workshop_process(app, workshop: WorkshopId, process_title: Option<String>) -> Workshop {
        app.set_workshop_process(workshop, process_title.as_deref())
    }

    /// Copies a workshop's setup into a new workshop.
    fn duplicate_workshop(app, workshop: WorkshopId) -> Workshop { app.duplicate_workshop(workshop) }

    /// Deletes a workshop with everything in it.
    fn delete_workshop(app, workshop: WorkshopId) -> () { app.delete_workshop(workshop) }

    /// Adds a table with the next free number.
    fn add_table(app, workshop: WorkshopId) -> CafeTable { app.add_table(workshop) }

    /// Saves a table.
    fn update_table(app, table: TableId, input: TableInput) -> CafeTable { app.update_table(table, &input) }

    /// Deletes a table.
    fn delete_table(app, table: TableId) -> () { app.delete_table(table) }

    /// Adds a round after the last.
    fn add_round(app, workshop: WorkshopId) -> Round { app.add_round(workshop) }

    /// Saves a round.
    fn update_round(app, round: RoundId, input: RoundInput) -> Round { app.update_round(round, &input) }

    /// Deletes a round.
    fn delete_round(app, round: RoundId) -> () { app.delete_round(round) }

    /// Adds a participant.
    fn add_participant(app, workshop: WorkshopId, input: ParticipantInput) -> Participant {
        app.add_participant(workshop, &input)
    }

    /// Saves a participant.
    fn update_participant(app, participant: ParticipantId, input: ParticipantInput) -> Participant {
        app.update_participant(participant, &input)
    }

    /// Removes a participant.
    fn delete_participant(app, participant: ParticipantId) -> () { app.delete_participant(participant) }

    /// Records check-in, no-show or departure.
    fn set_attendance(app, participant: ParticipantId, attendance: Attendance) -> Participant {
        app.set_attendance(participant, attendance)
    }

    /// What importing a CSV file would do; writes nothing.
    fn preview_import(app, workshop: WorkshopId, bytes: Vec<u8>, mapping: Option<Vec<ColumnRole>>) -> ImportPreview {
        app.preview_import(workshop, &bytes, mapping.as_deref())
    }

    /// Imports a CSV file's participants in one transaction.
    fn import_participants(
        app,
        workshop: WorkshopId,
        bytes: Vec<u8>,
        mapping: Option<Vec<ColumnRole>>,
        options: ImportOptions
    ) -> ImportOutcome {
        app.import_participants(workshop, &bytes, mapping.as_deref(), options)
    }

    /// The stored seating plan and its quality.
    fn rotation_plan(app, workshop: WorkshopId) -> RotationPlan { app.rotation_plan(workshop) }

    /// Plans the rounds from `options.from_round` on, keeping pinned seats, and stores the plan.
    fn plan_rotation(app, workshop: WorkshopId, options: PlanOptions) -> RotationPlan {
        app.plan_rotation(workshop, options)
    }

    /// Moves one person to a table in one round (pinned: kept by later re-plans).
    fn set_seat(app, seat: Seat) -> RotationPlan { app.set_seat(seat) }

    /// Swaps the tables of two people in one round (both seats pinned).
    fn swap_seats(app, round: RoundId, first: ParticipantId, second: ParticipantId) -> RotationPlan {
        app.swap_seats(round, first, second)
    }

    /// Saves a printable (table cards, route cards, seating plan, sign-in list) as PDF in the
    /// export folder.
    fn save_printable(app, workshop: WorkshopId, document: Printable, language: Language, options: PrintOptions) -> SavedFile {
        app.save_printable(workshop, document, language, options)
    }

    /// The notes of a workshop.
    fn notes(app, workshop: WorkshopId) -> Vec<Note> { app.notes(workshop) }

    /// Adds a note at a table in a round (a summary may have no round, a workshop summary no table).
    fn add_note(
        app,
        workshop: WorkshopId,
        table: Option<TableId>,
        round: Option<RoundId>,
        kind: NoteKind,
        input: NoteInput
    ) -> Note {
        app.add_note(workshop, table, round, kind, &input)
    }

    /// Saves a note.
    fn update_note(app, note: NoteId, input: NoteInput) -> Note { app.update_note(note, &input) }

    /// Deletes a note.
    fn delete_note(app, note: NoteId) -> () { app.delete_note(note) }

    /// The photos of a workshop (shown through the `photo:` URL scheme).
    fn attachments(app, workshop: WorkshopId) -> Vec<Attachment> { app.attachments(workshop) }

    /// Stores a photo (JPEG or PNG, base64) at a table in a round.
    fn add_attachment(
        app,
        workshop: WorkshopId,
        table: Option<TableId>,
        round: Option<RoundId>,
        file_name: String,
        base64: String
    ) -> Attachment {
        app.add_attachment(workshop, table, round, &file_name, &base64)
    }

    /// Turns a photo (0, 90, 180, 270 degrees).
    fn rotate_attachment(app, attachment: AttachmentId, degrees: u32) -> () { app.rotate_attachment(attachment, degrees) }

    /// Deletes a photo.
    fn delete_attachment(app, attachment: AttachmentId) -> () { app.delete_attachment(attachment) }

    /// The notes and statements of the workshop's process (or of the workshop).
    fn harvest(app, workshop: WorkshopId) -> Harvest { app.harvest(workshop) }

    /// The notes of the workshop's process that match the typed words, best first.
    fn search_notes(app, workshop: WorkshopId, query: String) -> Vec<NoteId> { app.search_notes(workshop, &query) }

    /// A new statement made from notes.
    fn add_statement(app, workshop: WorkshopId, input: StatementInput, sources: Vec<NoteId>) -> Statement {
        app.add_statement(workshop, &input, &sources)
    }

    /// Saves a statement.
    fn update_statement(app, statement: StatementId, input: StatementInput) -> Statement {
        app.update_statement(statement, &input)
    }

    /// Replaces the notes a statement comes from.
    fn set_statement_sources(app, statement: StatementId, notes: Vec<NoteId>) -> Statement {
        app.set_statement_sources(statement, &notes)
    }

    /// Links or unlinks two statements.
    fn link_statements(app, first: StatementId, second: StatementId, linked: bool) -> () {
        app.link_statements(first, second, linked)
    }

    /// Merges one statement into another, keeping sources and links.
    fn merge_statements(app, keep: StatementId, other: StatementId) -> Statement { app.merge_statements(keep, other) }

    /// Splits sources off a statement into a new statement.
    fn split_statement(app, statement: StatementId, notes: Vec<NoteId>) -> Statement { app.split_statement(statement, &notes) }

    /// Deletes a statement.
    fn delete_statement(app, statement: StatementId) -> () { app.delete_statement(statement) }

    /// Saves the minutes of a workshop or the concept draft of its process in the export folder.
    fn save_minutes(
        app,
        workshop: WorkshopId,
        kind: DocumentKind,
        format: ExportFormat,
        language: Language,
        pseudonymise: bool
    ) -> SavedFile {
        app.save_minutes(workshop, kind, format, language, pseudonymise)
    }

    /// Saves a workshop (or its whole process) as a `.cafehost` bundle in the export folder.
    fn export_bundle(app, workshop: WorkshopId, whole_process: bool) -> SavedFile {
        app.export_bundle(workshop, whole_process, None)
    }

    /// Imports a bundle chosen in the window (base64); what is known already stays as it is.
    fn import_bundle(app, base64: String) -> BundleOutcome { app.import_bundle_bytes(&base64) }

    /// The run clock as of now.
    fn run_view(app, workshop: WorkshopId) -> RunView { app.run_view(workshop) }

    /// Starts, pauses, extends or moves the run on.
    fn run_action(app, workshop: WorkshopId, action: RunAction) -> RunView { app.run_action(workshop, action) }

    /// Changes the minutes of the welcome and the harvest.
    fn set_run_frame(app, workshop: WorkshopId, frame: RunFrame) -> RunView { app.set_run_frame(workshop, frame) }

    /// Adds a walk-in participant, checked in as present.
    fn add_walk_in(app, workshop: WorkshopId, input: ParticipantInput) -> Participant {
        app.add_walk_in(workshop, &input)
    }

    /// Re-plans the rounds that have not started yet (held rounds and the round under way stay).
    fn replan_open_rounds(app, workshop: WorkshopId, seed: u32) -> RotationPlan {
        app.replan_open_rounds(workshop, seed)
    }
}
