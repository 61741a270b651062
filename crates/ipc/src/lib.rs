//! The commands the desktop UI may call, declared once in [`commands!`] with their argument and
//! result types, grouped by workflow as the app layer is (`setup`, `people`, `seating`, `run`,
//! `notes`, `harvest`, `documents`, `backups`, `bundles`, `settings`): the UI calls
//! `commands.harvest.updateStatement(…)`. From that one list come both the dispatcher that the Tauri shell hands every
//! call to ([`dispatch`]) and the TypeScript client the UI imports ([`typescript_bindings`]), so
//! a command's name or a field's type cannot differ between the two sides. The generated file
//! is committed; a test fails when it is stale.
//!
//! This crate knows nothing of Tauri: the whole IPC surface is tested here with plain JSON.

mod error;
mod typescript;

use std::collections::BTreeMap;
use std::sync::Arc;

use cafehost_app::{
    AppError, AppInfo, BackupInfo, BackupPreview, BallotItem, BundleOutcome, Cafehost, DocumentKind, ExportFormat,
    HarvestOverview, ImportOutcome, ImportPreviewAndDecision, Place, PlanOptions, PrintOptions, Printable,
    ProcessPeople, RotationPlan, RunView, SavedFile,
};
use cafehost_core::consolidation::LabelTexts;
use cafehost_core::import::{ColumnRole, ImportOptions};
use cafehost_core::phone::DotVote;
use cafehost_core::run::{RunAction, RunFrame};
use cafehost_core::seating::{PairKind, ParticipantPair, SeatOption};
use cafehost_core::{
    Attachment, AttachmentId, Attendance, CafeTable, FieldOfAction, FieldOfActionId, Language, NewWorkshop, Note,
    NoteId, NoteInput, NoteKind, Participant, ParticipantId, ParticipantInput, Process, ProcessGroup, ProcessId,
    ProcessTexts, Round, RoundId, RoundInput, Seat, Statement, StatementId, StatementInput, StatementPlan, TableId,
    TableInput, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
use cafehost_phones::{CaptureStatus, NetworkAddress, PhoneAccess, PhoneCapture};
pub use error::IpcError;
pub use typescript::typescript_bindings;

/// Set (to anything) to offer the loopback address for phone capture: tests, and a demo on the
/// laptop itself. Phones cannot reach it, so it is not offered otherwise.
pub const PHONES_LOOPBACK_ENV: &str = "CAFEHOST_PHONES_LOOPBACK";

/// What every command works on: the open app, and phone capture (which is switched on and off
/// from the window and needs the app shared with its server).
pub struct Ipc {
    app: Arc<Cafehost>,
    phones: PhoneCapture,
}

impl Ipc {
    /// Wraps an open app; phone capture starts switched off.
    pub fn new(app: Cafehost) -> Self {
        Self { app: Arc::new(app), phones: PhoneCapture::default() }
    }

    /// Phone capture.
    pub fn phones(&self) -> &PhoneCapture {
        &self.phones
    }

    /// Each table's phone page while capture serves `workshop` (else none), for its table card.
    pub fn phone_links(&self, workshop: WorkshopId) -> Vec<cafehost_app::PhoneLink> {
        if self.phones.status().workshop != Some(workshop) {
            return Vec::new();
        }
        self.phones
            .access(&self.app, workshop)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| a.url.map(|url| cafehost_app::PhoneLink { table_id: a.table_id, url }))
            .collect()
    }

    /// Stops phone capture and closes the database (the window is closing).
    pub fn close(&self) -> cafehost_app::Result<()> {
        self.phones.stop();
        self.app.close()
    }
}

impl std::ops::Deref for Ipc {
    type Target = Cafehost;

    fn deref(&self) -> &Cafehost {
        &self.app
    }
}

/// Declares the commands, grouped by workflow. Each entry becomes a handler function, a branch
/// of [`dispatch`] (by its name, unique across groups), and a typed function of the TypeScript
/// client under its group (named in camelCase).
macro_rules! commands {
    ($(
        $(#[doc = $group_doc:literal])+
        $group:ident {
            $(
                $(#[doc = $doc:literal])+
                fn $name:ident($app:ident $(, $arg:ident: $ty:ty)*) -> $ret:ty $body:block
            )*
        }
    )*) => {
        mod handlers {
            #[allow(clippy::wildcard_imports)]
            use super::*;
            $($(
                $(#[doc = $doc])+
                #[allow(clippy::needless_pass_by_value, clippy::unnecessary_wraps)]
                pub(super) fn $name($app: &Ipc $(, $arg: $ty)*) -> Result<$ret, impl Into<IpcError>> $body
            )*)*
        }

        /// Runs the command called `name` with its arguments as a JSON object, returning the
        /// result as JSON or a translatable error.
        pub fn dispatch(app: &Ipc, name: &str, args: serde_json::Value) -> Result<serde_json::Value, IpcError> {
            let args = if args.is_null() { serde_json::Value::Object(Default::default()) } else { args };
            match name {
                $($(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(deny_unknown_fields)]
                    struct Args { $($arg: $ty,)* }
                    let Args { $($arg,)* } = serde_json::from_value(args).map_err(IpcError::bad_arguments)?;
                    let result = handlers::$name(app $(, $arg)*).map_err(Into::into)?;
                    serde_json::to_value(result).map_err(IpcError::bad_result)
                })*)*
                _ => Err(IpcError::unknown_command(name)),
            }
        }

        /// Every group with its documentation and commands.
        pub(crate) fn groups() -> Vec<typescript::Group> {
            vec![$(
                typescript::Group {
                    name: stringify!($group),
                    doc: concat!($($group_doc, "\n"),+),
                    commands: vec![$(
                        typescript::Signature::new::<$ret>(
                            stringify!($name),
                            concat!($($doc, "\n"),+),
                            vec![$((stringify!($arg), typescript::TypeRef::of::<$ty>()),)*],
                        ),
                    )*],
                },
            )*]
        }

        /// Visits every type that crosses the boundary, for the TypeScript declarations.
        pub(crate) fn visit_types(visitor: &mut impl ts_rs::TypeVisitor) {
            $($(
                visitor.visit::<$ret>();
                $(visitor.visit::<$ty>();)*
            )*)*
        }
    };
}

commands! {
    /// Version, preferences.
    settings {
        /// Version, database location and the chosen UI language.
        fn app_info(app) -> AppInfo { app.settings().app_info() }

        /// Remembers the UI language.
        fn set_ui_language(app, language: Language) -> () { app.settings().set_ui_language(language) }

        /// The day's full check of the database (run once a day): `null` when it is sound.
        fn daily_check(app) -> Option<String> { app.settings().daily_check() }

        /// Remembers where the window is (`null`: on the list), for a restart mid-café.
        fn remember_place(app, place: Option<Place>) -> () { app.settings().remember_place(place.as_ref()) }

        /// Where to go at start: the running workshop's tab (and projector), or `null`.
        fn place_to_resume(app) -> Option<Place> { app.settings().place_to_resume() }
    }

    /// Workshops, tables and rounds.
    setup {
        /// All workshops, grouped by process.
        fn workshop_overview(app) -> Vec<ProcessGroup> { app.setup().workshop_overview() }

        /// Creates a workshop with three 20-minute rounds.
        fn create_workshop(app, new_workshop: NewWorkshop) -> Workshop { app.setup().create_workshop(&new_workshop) }

        /// Everything the setup screens show about one workshop.
        fn workshop_setup(app, workshop: WorkshopId) -> WorkshopSetup { app.setup().workshop_setup(workshop) }

        /// Saves the workshop's details.
        fn update_workshop(app, workshop: WorkshopId, details: WorkshopDetails) -> Workshop {
            app.setup().update_workshop(workshop, &details)
        }

        /// Files the workshop under a process (by title; created when new) or under none.
        fn set_workshop_process(app, workshop: WorkshopId, process_title: Option<String>) -> Workshop {
            app.setup().set_workshop_process(workshop, process_title.as_deref())
        }

        /// Saves a process's description and guiding vision ("Leitbild").
        fn update_process(app, process: ProcessId, texts: ProcessTexts) -> Process {
            app.setup().update_process(process, &texts)
        }

        /// The fields of action of the workshop's process (or of the workshop), in their order.
        fn fields_of_action(app, workshop: WorkshopId) -> Vec<FieldOfAction> { app.setup().fields_of_action(workshop) }

        /// Adds a field of action at the end of the list.
        fn add_field_of_action(app, workshop: WorkshopId, name: String) -> FieldOfAction {
            app.setup().add_field_of_action(workshop, &name)
        }

        /// Renames a field of action (every statement on it shows the new name).
        fn rename_field_of_action(app, field: FieldOfActionId, name: String) -> FieldOfAction {
            app.setup().rename_field_of_action(field, &name)
        }

        /// Saves a field of action's starting situation ("Ausgangslage").
        fn update_field_situation(app, field: FieldOfActionId, situation: String) -> FieldOfAction {
            app.setup().update_field_situation(field, &situation)
        }

        /// Fills an empty starting situation with a draft from the first round's notes of the
        /// field's workshops; a written one stays. Returns the field.
        fn draft_field_situation(app, field: FieldOfActionId) -> FieldOfAction {
            app.setup().draft_field_situation(field)
        }

        /// Moves a field of action to a 0-based place; returns the list in its new order.
        fn move_field_of_action(app, field: FieldOfActionId, position: u32) -> Vec<FieldOfAction> {
            app.setup().move_field_of_action(field, position)
        }

        /// Deletes a field of action (its statements keep no field); returns the rest in order.
        fn delete_field_of_action(app, field: FieldOfActionId) -> Vec<FieldOfAction> {
            app.setup().delete_field_of_action(field)
        }

        /// Copies a workshop's setup into a new workshop.
        fn duplicate_workshop(app, workshop: WorkshopId) -> Workshop { app.setup().duplicate_workshop(workshop) }

        /// Deletes a workshop with everything in it.
        fn delete_workshop(app, workshop: WorkshopId) -> () { app.setup().delete_workshop(workshop) }

        /// Adds a table with the next free number.
        fn add_table(app, workshop: WorkshopId) -> CafeTable { app.setup().add_table(workshop) }

        /// Saves a table.
        fn update_table(app, table: TableId, input: TableInput) -> CafeTable { app.setup().update_table(table, &input) }

        /// Deletes a table.
        fn delete_table(app, table: TableId) -> () { app.setup().delete_table(table) }

        /// Adds a round after the last.
        fn add_round(app, workshop: WorkshopId) -> Round { app.setup().add_round(workshop) }

        /// Saves a round.
        fn update_round(app, round: RoundId, input: RoundInput) -> Round { app.setup().update_round(round, &input) }

        /// Raises the smallest tables' capacities until everyone on the participant list has a
        /// seat; returns the workshop's tables.
        fn spread_seats(app, workshop: WorkshopId) -> Vec<CafeTable> { app.setup().spread_seats(workshop) }

        /// Deletes a round.
        fn delete_round(app, round: RoundId) -> () { app.setup().delete_round(round) }
    }

    /// The participant list.
    people {
        /// Adds a participant.
        fn add_participant(app, workshop: WorkshopId, input: ParticipantInput) -> Participant {
            app.people().add_participant(workshop, &input)
        }

        /// Saves a participant.
        fn update_participant(app, participant: ParticipantId, input: ParticipantInput) -> Participant {
            app.people().update_participant(participant, &input)
        }

        /// The people whose name, organisation, group, role or e-mail contains every word typed
        /// (letters folded: "ozturk" finds "Öztürk").
        fn search_participants(app, workshop: WorkshopId, query: String) -> Vec<ParticipantId> {
            app.people().search(workshop, &query)
        }

        /// Removes a participant.
        fn delete_participant(app, participant: ParticipantId) -> () { app.people().delete_participant(participant) }

        /// What importing a CSV file (its bytes, base64-encoded) with these options would do, and
        /// whether it may; writes nothing. The rows come without the free attributes.
        fn preview_import(
            app,
            workshop: WorkshopId,
            base64: String,
            mapping: Option<Vec<ColumnRole>>,
            options: ImportOptions
        ) -> ImportPreviewAndDecision {
            app.people().preview_import_base64(workshop, base64, mapping.as_deref(), options)
        }

        /// Imports a CSV file's participants (its bytes, base64-encoded) in one transaction.
        fn import_participants(
            app,
            workshop: WorkshopId,
            base64: String,
            mapping: Option<Vec<ColumnRole>>,
            options: ImportOptions
        ) -> ImportOutcome {
            app.people().import_participants_base64(workshop, base64, mapping.as_deref(), options)
        }

        /// The people of the workshop's process across its workshops, each once (matched by
        /// e-mail address or name, or as decided by hand), with the process's totals.
        fn process_people(app, workshop: WorkshopId) -> ProcessPeople { app.people().process_people(workshop) }

        /// The entries of the process's lists that contain every word typed (letters folded).
        fn search_process_people(app, workshop: WorkshopId, query: String) -> Vec<ParticipantId> {
            app.people().search_process_people(workshop, &query)
        }

        /// Decides that the people of two entries are one person.
        fn merge_people(app, workshop: WorkshopId, first: ParticipantId, second: ParticipantId) -> ProcessPeople {
            app.people().merge_people(workshop, first, second)
        }

        /// Decides that an entry is a person of their own.
        fn separate_person(app, workshop: WorkshopId, participant: ParticipantId) -> ProcessPeople {
            app.people().separate_person(workshop, participant)
        }

        /// Forgets the decisions about an entry's person: matched by address and name again.
        fn match_person_automatically(app, workshop: WorkshopId, participant: ParticipantId) -> ProcessPeople {
            app.people().match_person_automatically(workshop, participant)
        }
    }

    /// The rotation plan and seats set by hand.
    seating {
        /// The stored seating plan and its quality.
        fn rotation_plan(app, workshop: WorkshopId) -> RotationPlan { app.seating().rotation_plan(workshop) }

        /// Plans the rounds from `options.from_round` on, keeping pinned seats, and stores the
        /// plan; refused when one of those rounds has begun.
        fn plan_rotation(app, workshop: WorkshopId, options: PlanOptions) -> RotationPlan {
            app.seating().plan_rotation(workshop, options)
        }

        /// The pairs the planner keeps apart or together.
        fn participant_pairs(app, workshop: WorkshopId) -> Vec<ParticipantPair> { app.seating().pairs(workshop) }

        /// Keeps two people apart or together in the next plans (`null`: neither any more).
        fn set_participant_pair(app, first: ParticipantId, second: ParticipantId, kind: Option<PairKind>) -> Vec<ParticipantPair> {
            app.seating().set_pair(first, second, kind)
        }

        /// How often two people may share a table at most in this workshop's plans (`null`: no cap).
        fn meeting_cap(app, workshop: WorkshopId) -> Option<u32> { app.seating().meeting_cap(workshop) }

        /// Chooses the meeting cap for the next plans; answers the stored plan judged by it.
        fn set_meeting_cap(app, workshop: WorkshopId, cap: Option<u32>) -> RotationPlan {
            app.seating().set_meeting_cap(workshop, cap)
        }

        /// For each table, whether a person may be moved there in a round, and why not.
        fn seat_options(app, round: RoundId, participant: ParticipantId) -> Vec<SeatOption> {
            app.seating().seat_options(round, participant)
        }

        /// Moves one person to a table in one round (pinned: kept by later re-plans).
        fn set_seat(app, seat: Seat) -> RotationPlan { app.seating().set_seat(seat) }

        /// Swaps the tables of two people in one round (both seats pinned).
        fn swap_seats(app, round: RoundId, first: ParticipantId, second: ParticipantId) -> RotationPlan {
            app.seating().swap_seats(round, first, second)
        }
    }

    /// The day of the café: clock, check-in, re-planning.
    run {
        /// The run clock as of now.
        fn run_view(app, workshop: WorkshopId) -> RunView { app.run().run_view(workshop) }

        /// Starts, pauses, extends, shortens or moves the run on.
        fn run_action(app, workshop: WorkshopId, action: RunAction) -> RunView { app.run().run_action(workshop, action) }

        /// Changes the minutes of the welcome and the harvest.
        fn set_run_frame(app, workshop: WorkshopId, frame: RunFrame) -> RunView { app.run().set_run_frame(workshop, frame) }

        /// Records check-in, no-show or departure.
        fn set_attendance(app, participant: ParticipantId, attendance: Attendance) -> Participant {
            app.run().set_attendance(participant, attendance)
        }

        /// Adds a walk-in participant, checked in as present.
        fn add_walk_in(app, workshop: WorkshopId, input: ParticipantInput) -> Participant {
            app.run().add_walk_in(workshop, &input)
        }

        /// Re-plans the rounds that have not started yet (held rounds and the round under way stay).
        fn replan_open_rounds(app, workshop: WorkshopId, seed: u32) -> RotationPlan {
            app.run().replan_open_rounds(workshop, seed)
        }
    }

    /// Notes, photos and summaries per table and round.
    notes {
        /// The notes of a workshop.
        fn workshop_notes(app, workshop: WorkshopId) -> Vec<Note> { app.notes().notes(workshop) }

        /// Adds a note at a table in a round (a summary may have no round, a workshop summary no table).
        fn add_note(
            app,
            workshop: WorkshopId,
            table: Option<TableId>,
            round: Option<RoundId>,
            kind: NoteKind,
            input: NoteInput
        ) -> Note {
            app.notes().add_note(workshop, table, round, kind, &input)
        }

        /// Saves a note.
        fn update_note(app, note: NoteId, input: NoteInput) -> Note { app.notes().update_note(note, &input) }

        /// Deletes a note.
        fn delete_note(app, note: NoteId) -> () { app.notes().delete_note(note) }

        /// Sets a table's or the workshop's summary: created by the first words, deleted when emptied.
        fn set_summary(app, workshop: WorkshopId, table: Option<TableId>, kind: NoteKind, input: NoteInput) -> Option<Note> {
            app.notes().set_summary(workshop, table, kind, &input)
        }

        /// The photos of a workshop (shown through the `photo:` URL scheme).
        fn attachments(app, workshop: WorkshopId) -> Vec<Attachment> { app.notes().attachments(workshop) }

        /// Stores a photo (JPEG or PNG, base64) at a table in a round.
        fn add_attachment(
            app,
            workshop: WorkshopId,
            table: Option<TableId>,
            round: Option<RoundId>,
            file_name: String,
            base64: String
        ) -> Attachment {
            app.notes().add_attachment(workshop, table, round, &file_name, &base64)
        }

        /// Turns a photo (0, 90, 180, 270 degrees).
        fn rotate_attachment(app, attachment: AttachmentId, degrees: u32) -> () {
            app.notes().rotate_attachment(attachment, degrees)
        }

        /// Deletes a photo.
        fn delete_attachment(app, attachment: AttachmentId) -> () { app.notes().delete_attachment(attachment) }
    }

    /// Statements consolidated from the notes of a process.
    harvest {
        /// The notes and statements of the workshop's process (or of the workshop).
        fn harvest_overview(app, workshop: WorkshopId) -> HarvestOverview { app.harvest().overview(workshop) }

        /// The notes of the workshop's process that match the typed words, best first.
        fn search_notes(app, workshop: WorkshopId, query: String) -> Vec<NoteId> {
            app.harvest().search_notes(workshop, &query)
        }

        /// A new statement made from notes.
        fn add_statement(app, workshop: WorkshopId, input: StatementInput, sources: Vec<NoteId>) -> Statement {
            app.harvest().add_statement(workshop, &input, &sources)
        }

        /// Saves a statement.
        fn update_statement(app, statement: StatementId, input: StatementInput) -> Statement {
            app.harvest().update_statement(statement, &input)
        }

        /// Saves a statement's dates, indicator, resources and decision record.
        fn update_statement_plan(app, statement: StatementId, plan: StatementPlan) -> Statement {
            app.harvest().update_statement_plan(statement, &plan)
        }

        /// Replaces the notes a statement comes from.
        fn set_statement_sources(app, statement: StatementId, notes: Vec<NoteId>) -> Statement {
            app.harvest().set_statement_sources(statement, &notes)
        }

        /// Replaces the photos a statement comes from (photos of the workshops of its process).
        fn set_statement_photos(app, statement: StatementId, photos: Vec<AttachmentId>) -> Statement {
            app.harvest().set_statement_photos(statement, &photos)
        }

        /// Links or unlinks two statements (a measure serves a goal, steering steers a measure).
        fn link_statements(app, first: StatementId, second: StatementId, linked: bool) -> () {
            app.harvest().link_statements(first, second, linked)
        }

        /// Merges one statement into another, keeping sources and links.
        fn merge_statements(app, keep: StatementId, other: StatementId) -> Statement {
            app.harvest().merge_statements(keep, other)
        }

        /// Splits sources off a statement into a new statement.
        fn split_statement(app, statement: StatementId, notes: Vec<NoteId>) -> Statement {
            app.harvest().split_statement(statement, &notes)
        }

        /// Deletes a statement.
        fn delete_statement(app, statement: StatementId) -> () { app.harvest().delete_statement(statement) }

        /// Every statement's label ("Z 2.1") in both languages, asked again after an edit that
        /// may change labels (a field, a level, a link).
        fn statement_labels(app, workshop: WorkshopId) -> BTreeMap<StatementId, LabelTexts> {
            app.harvest().statement_labels(workshop)
        }
    }

    /// Printouts, minutes and concept drafts.
    documents {
        /// Saves a printable (table cards, route cards, seating plan, sign-in list) as PDF in the
        /// export folder.
        fn save_printable(app, workshop: WorkshopId, document: Printable, language: Language, options: PrintOptions) -> SavedFile {
            // While capture by phone serves this workshop, table cards carry each table's QR code.
            let options = PrintOptions { phone_links: app.phone_links(workshop), ..options };
            app.documents().save_printable(workshop, document, language, options)
        }

        /// Saves the minutes of a workshop or the concept draft of its process in the export folder.
        fn save_minutes(
            app,
            workshop: WorkshopId,
            kind: DocumentKind,
            format: ExportFormat,
            language: Language,
            pseudonymise: bool
        ) -> SavedFile {
            app.documents().save_minutes(workshop, kind, format, language, pseudonymise)
        }
    }

    /// Backups of the whole database.
    backups {
        /// The automatic backups, newest first.
        fn list_backups(app) -> Vec<BackupInfo> { app.backups().list() }

        /// Saves a backup of everything to `path` (chosen in the system's file chooser), or in
        /// the export folder.
        fn save_backup(app, path: Option<String>) -> SavedFile {
            app.backups().save(path.as_deref().map(std::path::Path::new))
        }

        /// What a backup holds; changes nothing.
        fn preview_backup(app, path: String) -> BackupPreview { app.backups().preview(std::path::Path::new(&path)) }

        /// Replaces everything with a backup, after keeping the current state as a backup.
        fn restore_backup(app, path: String) -> BackupPreview { app.backups().restore(std::path::Path::new(&path)) }
    }

    /// Capture by phone: table hosts write notes and send photos from their phones over the
    /// local network; participants give dot votes.
    phones {
        /// The laptop's addresses phones could reach, best first.
        fn phone_networks(_app) -> Vec<NetworkAddress> {
            Ok::<_, AppError>(cafehost_phones::network_addresses(std::env::var_os(PHONES_LOOPBACK_ENV).is_some()))
        }

        /// Switches capture on for a workshop, on `address` (else the best one).
        fn start_phone_capture(app, workshop: WorkshopId, address: Option<String>) -> CaptureStatus {
            let address = match address.as_deref().map(str::parse) {
                Some(Ok(ip)) => Some(ip),
                Some(Err(_)) => return Err(cafehost_phones::CaptureError::NoNetwork),
                None => None,
            };
            app.phones.start(Arc::clone(&app.app), workshop, address)
        }

        /// Switches capture off: every connection closes at once.
        fn stop_phone_capture(app) -> CaptureStatus {
            app.phones.stop();
            Ok::<_, AppError>(app.phones.status())
        }

        /// Whether capture is on, and what the phones did.
        fn phone_capture_status(app) -> CaptureStatus { Ok::<_, AppError>(app.phones.status()) }

        /// The tables' access codes (with address and QR code while capture is on).
        fn phone_access(app, workshop: WorkshopId) -> Vec<PhoneAccess> { app.phones.access(&app.app, workshop) }

        /// New codes for every table of a workshop (or one table): the old ones stop working at once.
        fn renew_phone_codes(app, workshop: WorkshopId, table: Option<TableId>) -> Vec<PhoneAccess> {
            match table {
                Some(t) => app.app.phones().renew_access_code(t).map(|_| ()),
                None => app.app.phones().renew_all_access_codes(workshop).map(|_| ()),
            }
            .map_err(cafehost_phones::CaptureError::from)?;
            app.phones.access(&app.app, workshop)
        }

        /// The statements a dot vote can be held on.
        fn ballot_items(app, workshop: WorkshopId) -> Vec<BallotItem> { app.app.phones().ballot_items(workshop) }

        /// Opens a dot vote on the served workshop's statements.
        fn open_dot_vote(app, vote: DotVote) -> CaptureStatus { app.phones.open_vote(vote) }

        /// Closes the dot vote (its counts are stored already).
        fn close_dot_vote(app) -> CaptureStatus { Ok::<_, AppError>(app.phones.close_vote()) }
    }

    /// Workshops as `.cafehost` bundles.
    bundles {
        /// Saves a workshop (or its whole process) as a `.cafehost` bundle in the export folder.
        fn export_bundle(app, workshop: WorkshopId, whole_process: bool) -> SavedFile {
            app.bundles().export_bundle(workshop, whole_process, None)
        }

        /// Imports a bundle chosen in the window (base64); what is known already stays as it is.
        fn import_bundle(app, base64: String) -> BundleOutcome { app.bundles().import_bundle_bytes(&base64) }

        /// The bundle the app was opened with (a double-clicked `.cafehost` file) and not yet
        /// offered, if any.
        fn opened_bundle(app) -> Option<String> {
            Ok::<_, AppError>(app.take_opened_with().map(|p| p.display().to_string()))
        }

        /// What the bundle file at `path` holds; imports nothing.
        fn preview_bundle_file(app, path: String) -> BackupPreview { app.bundles().preview(std::path::Path::new(&path)) }

        /// Imports the bundle file at `path`.
        fn import_bundle_file(app, path: String) -> BundleOutcome {
            app.bundles().import_bundle(std::path::Path::new(&path))
        }
    }
}
