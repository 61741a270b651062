// Generated from the Rust types by `cargo run -p cafehost-ipc --bin write-bindings`. Do not edit by hand.
/* eslint-disable */

/**
 * One step of the agenda.
 */
export type AgendaStep = { 
/**
 * What it is.
 */
kind: StepKind, 
/**
 * For a round, its 0-based index; for a break, the round it follows.
 */
round: number | null, 
/**
 * Planned length.
 */
minutes: number, };

/**
 * What the UI needs to know at start.
 */
export type AppInfo = { 
/**
 * Version of this build.
 */
version: string, 
/**
 * The database file in use.
 */
database_path: string, 
/**
 * The UI language chosen by the user; `None` until they choose (then the OS locale decides).
 */
ui_language: Language | null, };

/**
 * A photo (tablecloth, flipchart) attached to a table and round. The bytes live in the store.
 */
export type Attachment = { 
/**
 * Identity.
 */
id: AttachmentId, 
/**
 * The workshop.
 */
workshop_id: WorkshopId, 
/**
 * The table.
 */
table_id: TableId | null, 
/**
 * The round.
 */
round_id: RoundId | null, 
/**
 * Original file name.
 */
file_name: string, 
/**
 * `image/jpeg` or `image/png`.
 */
media_type: string, 
/**
 * Size of the stored bytes.
 */
byte_len: number, 
/**
 * Clockwise rotation to apply when showing it: 0, 90, 180 or 270.
 */
rotation_degrees: number, 
/**
 * When it was attached.
 */
created_at: string, 
/**
 * Where it came from.
 */
source: Source, };

/**
 * Identifies an [`crate::Attachment`].
 */
export type AttachmentId = string;

/**
 * Where a participant is on the day.
 */
export type Attendance = "expected" | "present" | "absent" | "left";

/**
 * One automatic backup.
 */
export type BackupInfo = { 
/**
 * Where it is.
 */
path: string, 
/**
 * When it was made.
 */
created_at: string, 
/**
 * Why.
 */
reason: BackupReason, 
/**
 * Its size.
 */
bytes: number, };

/**
 * What a backup holds, shown before it is restored.
 */
export type BackupPreview = { 
/**
 * The file.
 */
path: string, 
/**
 * Its workshops, newest first.
 */
workshops: Array<WorkshopSummary>, 
/**
 * Participants of all workshops.
 */
participants: number, 
/**
 * Notes and summaries.
 */
notes: number, 
/**
 * Photos.
 */
photos: number, 
/**
 * Statements.
 */
statements: number, };

/**
 * Why a backup was made.
 */
export type BackupReason = "daily_start" | "import" | "bundle_import" | "replan" | "merge" | "delete_workshop" | "restore";

/**
 * A statement as the ballot shows it.
 */
export type BallotItem = { 
/**
 * The statement.
 */
id: StatementId, 
/**
 * Its level.
 */
level: StatementLevel, 
/**
 * Its label ("Z 2.1"; "G 2.1" in English): each page shows the one of its language.
 */
label: LabelTexts, 
/**
 * Its text.
 */
text: string, 
/**
 * Its votes now.
 */
votes: number, };

/**
 * What importing a bundle added.
 */
export type BundleOutcome = { 
/**
 * Workshops new to this laptop.
 */
workshops_added: number, 
/**
 * Workshops it already had (left as they are).
 */
workshops_known: number, 
/**
 * Notes added.
 */
notes_added: number, 
/**
 * Photos added.
 */
photos_added: number, 
/**
 * Statements added.
 */
statements_added: number, 
/**
 * Of the notes, photos and statements added, those in workshops this laptop already had
 * (new on the other laptop, or deleted here and now back).
 */
added_to_known: number, 
/**
 * Tables and rounds re-created on the other laptop under a number this laptop has: taken as
 * the same.
 */
matched: number, 
/**
 * Entries left out because their id belongs to other content here.
 */
skipped: number, };

/**
 * A topic table ("Thementisch").
 */
export type CafeTable = { 
/**
 * Identity.
 */
id: TableId, 
/**
 * The workshop it stands in.
 */
workshop_id: WorkshopId, 
/**
 * Number on the table card, unique within the workshop.
 */
number: number, 
/**
 * Topic, e.g. "Übergang Kita – Grundschule".
 */
topic: string, 
/**
 * Seats, host included.
 */
capacity: number, 
/**
 * The table host, who stays for all rounds.
 */
host_id: ParticipantId | null, 
/**
 * The question asked at this table in a given round (absent: the round's general question).
 */
questions: Array<TableQuestion>, };

/**
 * Whether capture is on, where, and what the phones did.
 */
export type CaptureStatus = { 
/**
 * The workshop served; `None` while capture is off.
 */
workshop: WorkshopId | null, 
/**
 * The server's address (`http://192.168.1.20:8470`) while on.
 */
address: string | null, 
/**
 * Every table that was in touch, by table.
 */
tables: Array<TableActivity>, 
/**
 * Grows with every write from a phone: the window reloads its notes when it changes.
 */
revision: number, 
/**
 * The open dot vote, if any.
 */
vote: VoteStatus | null, };

/**
 * What a column of the file means.
 */
export type ColumnRole = "ignore" | "first_name" | "last_name" | "full_name" | "organisation" | "group" | "role" | "email" | "attribute" | "wish";

/**
 * Which document to make.
 */
export type DocumentKind = "minutes" | "concept";

/**
 * A dot vote opened by the moderator: which statements, and how many dots each phone has.
 */
export type DotVote = { 
/**
 * The statements on the ballot, in the order shown.
 */
statements: Array<StatementId>, 
/**
 * Dots per person (1 to [`MAX_DOTS`]); several may go to one statement.
 */
dots: number, };

/**
 * What two rows have in common that makes them look like one person.
 */
export type DuplicateBy = "name" | "email";

/**
 * Why a row looks like someone already on the list.
 */
export type DuplicateOf = { "kind": "existing", 
/**
 * Their name.
 */
name: string, 
/**
 * What is the same.
 */
by: DuplicateBy, } | { "kind": "earlier_row", 
/**
 * That row's line.
 */
line: number, 
/**
 * What is the same.
 */
by: DuplicateBy, };

/**
 * The file format of an export.
 */
export type ExportFormat = "docx" | "pdf" | "md" | "html" | "csv-notes" | "csv-statements";

/**
 * A problem with a named field of an input.
 */
export type FieldError = { 
/**
 * The field's name as in the input type (`title`, `capacity`, `first_name` …).
 */
field: string, 
/**
 * What is wrong.
 */
problem: FieldProblem, };

/**
 * A field of action ("Handlungsfeld") of a process (or of a workshop of no process): one entry
 * of an ordered list, which statements and workshops pick from and the concept draft follows.
 */
export type FieldOfAction = { 
/**
 * Identity.
 */
id: FieldOfActionId, 
/**
 * The process whose list it is on.
 */
process_id: ProcessId | null, 
/**
 * The workshop whose list it is on, when that workshop belongs to no process.
 */
workshop_id: WorkshopId | null, 
/**
 * 0-based place in the list.
 */
position: number, 
/**
 * Its name, e.g. "Frühe Bildung"; unique in its list (spelling folded).
 */
name: string, 
/**
 * Its starting situation ("Ausgangslage"): where things stand before the measures, the
 * first part of its chapter in the concept draft; empty until written or drafted.
 */
situation: string, };

/**
 * Identifies a [`crate::FieldOfAction`].
 */
export type FieldOfActionId = string;

/**
 * What is wrong with one field.
 */
export type FieldProblem = { "code": "required" } | { "code": "too_long", 
/**
 * The limit in characters.
 */
max: number, } | { "code": "out_of_range", 
/**
 * Smallest allowed value.
 */
min: number, 
/**
 * Largest allowed value.
 */
max: number, } | { "code": "malformed" } | { "code": "taken" } | { "code": "before_start" };

/**
 * Everything the consolidation screen shows: the notes of every workshop of the process (or of
 * the one workshop), and the statements made from them.
 */
export type HarvestOverview = { 
/**
 * The process's title, or the workshop's when it belongs to none.
 */
title: string, 
/**
 * The workshops, newest first.
 */
workshops: Array<HarvestWorkshop>, 
/**
 * Their tables.
 */
tables: Array<HarvestTable>, 
/**
 * Every note.
 */
notes: Array<Note>, 
/**
 * Every statement, goals first.
 */
statements: Array<Statement>, 
/**
 * The photos of every workshop (without their bytes), to show beside a statement's sources.
 */
photos: Array<Attachment>, 
/**
 * The fields of action statements pick from, in their order.
 */
fields_of_action: Array<FieldOfAction>, 
/**
 * Every statement's label ("Z 2.1", "M 2.1.3") in both languages
 * (`cafehost_core::consolidation::StatementLabels`).
 */
labels: { [key in StatementId]: LabelTexts }, };

/**
 * One table of a workshop in a harvest, with the workshop it stands in.
 */
export type HarvestTable = { 
/**
 * The table.
 */
id: TableId, 
/**
 * Its workshop.
 */
workshop_id: WorkshopId, 
/**
 * Its number.
 */
number: number, 
/**
 * Its topic.
 */
topic: string, };

/**
 * One workshop of a harvest.
 */
export type HarvestWorkshop = { 
/**
 * The workshop.
 */
id: WorkshopId, 
/**
 * Its title.
 */
title: string, 
/**
 * Its rounds in order.
 */
round_ids: Array<RoundId>, };

/**
 * What an import with given options would do.
 */
export type ImportDecision = { 
/**
 * The options decided on.
 */
options: ImportOptions, 
/**
 * People that would be added.
 */
importable: number, 
/**
 * Rows left out because of problems.
 */
skipped_invalid: number, 
/**
 * Rows left out as duplicates.
 */
skipped_duplicates: number, 
/**
 * Why nothing may be imported; `None` when the import may go ahead.
 */
refusal: ImportRefusal | null, };

/**
 * How to treat rows that cannot or should not be imported.
 */
export type ImportOptions = { 
/**
 * Import the good rows even when others have problems (otherwise nothing is imported).
 */
skip_invalid: boolean, 
/**
 * Import rows flagged as duplicates too (otherwise they are left out).
 */
include_duplicates: boolean, };

/**
 * What an import did.
 */
export type ImportOutcome = { 
/**
 * Participants added.
 */
imported: number, 
/**
 * Rows left out because of problems.
 */
skipped_invalid: number, 
/**
 * Rows left out as duplicates.
 */
skipped_duplicates: number, };

/**
 * What an import would do, shown to the user before anything is written.
 */
export type ImportPreview = { 
/**
 * How the file was decoded.
 */
encoding: SourceEncoding, 
/**
 * The separator found.
 */
delimiter: string, 
/**
 * The file's column headers.
 */
headers: Array<string>, 
/**
 * The role of each column.
 */
mapping: Array<ColumnRole>, 
/**
 * Problems of the mapping; when any, no row is importable.
 */
mapping_problems: Array<MappingProblem>, 
/**
 * Every data row.
 */
rows: Array<ImportRow>, };

/**
 * An import's preview together with what the chosen options would do.
 */
export type ImportPreviewAndDecision = { 
/**
 * Every row with its problems.
 */
preview: ImportPreview, 
/**
 * Whether the import may go ahead, and how many people it adds.
 */
decision: ImportDecision, };

/**
 * Why an import may not go ahead.
 */
export type ImportRefusal = "mapping" | "rows_with_problems";

/**
 * One data row as it would be imported.
 */
export type ImportRow = { 
/**
 * 1-based line in the file.
 */
line: number, 
/**
 * The person, cleaned.
 */
participant: ParticipantInput, 
/**
 * Why the row cannot be imported; empty when it can.
 */
problems: Array<RowProblem>, 
/**
 * What the user should check although the row can be imported.
 */
warnings: Array<RowProblem>, 
/**
 * Set when the row probably repeats a known person (a warning, not an error).
 */
duplicate_of: DuplicateOf | null, };

/**
 * A failed command as the UI receives it.
 */
export type IpcError = { 
/**
 * Stable code; the UI translates `errors.<code>`.
 */
code: string, 
/**
 * Values for the translated message (e.g. `line`, `max_bytes`).
 */
params: { [key in string]: string }, 
/**
 * Per-field problems, for messages next to form fields.
 */
fields: Array<FieldError>, 
/**
 * English detail for logs and bug reports.
 */
detail: string, };

/**
 * A label in each language the app speaks, for screens that switch language without asking
 * again (the moderator's window, a voter's phone).
 */
export type LabelTexts = { 
/**
 * "Z 2.1".
 */
de: string, 
/**
 * "G 2.1".
 */
en: string, };

/**
 * Language of a workshop's printables and minutes (the UI language is chosen separately).
 */
export type Language = "de" | "en";

/**
 * Something wrong with the mapping as a whole.
 */
export type MappingProblem = { "code": "no_name_column" } | { "code": "wrong_column_count", 
/**
 * Columns in the file.
 */
expected: number, 
/**
 * Roles given.
 */
found: number, } | { "code": "role_twice", 
/**
 * The role.
 */
role: ColumnRole, } | { "code": "same_header", 
/**
 * The header.
 */
header: string, 
/**
 * Its columns, 1-based.
 */
columns: Array<number>, };

/**
 * An address of this laptop, with the name of its network interface.
 */
export type NetworkAddress = { 
/**
 * The interface (`wlan0`, `Wi-Fi`).
 */
interface: string, 
/**
 * The address.
 */
ip: string, };

/**
 * What is needed to create a workshop: a title and, optionally, the process to file it under
 * (found by title, created when new).
 */
export type NewWorkshop = { 
/**
 * Title of the new workshop.
 */
title: string, 
/**
 * Title of the process; empty or absent for a stand-alone workshop.
 */
process_title: string | null, };

/**
 * A note taken at a table in a round (or a summary).
 */
export type Note = { 
/**
 * Identity.
 */
id: NoteId, 
/**
 * The workshop.
 */
workshop_id: WorkshopId, 
/**
 * The table, absent for a workshop summary.
 */
table_id: TableId | null, 
/**
 * The round, absent for a table's overall summary.
 */
round_id: RoundId | null, 
/**
 * What kind of text this is.
 */
kind: NoteKind, 
/**
 * The text.
 */
text: string, 
/**
 * Free tags for filtering.
 */
tags: Array<string>, 
/**
 * Who wrote it (usually the table host).
 */
author: string, 
/**
 * When it was first written.
 */
created_at: string, 
/**
 * When it last changed.
 */
updated_at: string, 
/**
 * Where it came from.
 */
source: Source, };

/**
 * Identifies a [`crate::Note`].
 */
export type NoteId = string;

/**
 * What is typed about a note.
 */
export type NoteInput = { 
/**
 * The note; may be long (a host's summary), never empty once saved.
 */
text: string, 
/**
 * Keywords to filter by, e.g. "Sprache", "Ehrenamt".
 */
tags: Array<string>, 
/**
 * Who wrote it (the table host, the moderator …).
 */
author: string, };

/**
 * What a note records.
 */
export type NoteKind = "note" | "table_summary" | "workshop_summary";

/**
 * What the moderator asks of two people.
 */
export type PairKind = "apart" | "together";

/**
 * A person on the participant list of one workshop.
 */
export type Participant = { 
/**
 * Identity.
 */
id: ParticipantId, 
/**
 * The workshop whose list they are on.
 */
workshop_id: WorkshopId, 
/**
 * Whether they are in the room.
 */
attendance: Attendance, 
/**
 * Came on the day without being registered (added at check-in as a walk-in), so the minutes
 * count them apart from the registered people.
 */
walk_in: boolean, 
/**
 * When they were added.
 */
created_at: string, 
/**
 * When their data last changed.
 */
updated_at: string, 
/**
 * Given name.
 */
first_name: string, 
/**
 * Family name.
 */
last_name: string, 
/**
 * Organisation ("Träger"), used to spread people across tables.
 */
organisation: string, 
/**
 * Municipality or group.
 */
group: string, 
/**
 * Role or function, free text.
 */
role: string, 
/**
 * E-mail address, optional.
 */
email: string, 
/**
 * Any further columns of an imported list, by column name.
 */
attributes: { [key in string]: string }, 
/**
 * Topics they would like to discuss, first choice first (at most
 * [`crate::validation::MAX_WISHES`]); a topic's title or a table's number, matched to the
 * workshop's tables by [`crate::topics::Topics::resolve`].
 */
wishes: Array<string>, };

/**
 * Identifies a [`crate::Participant`].
 */
export type ParticipantId = string;

/**
 * What can be typed or imported about a person. Missing fields read as empty.
 */
export type ParticipantInput = { 
/**
 * Given name.
 */
first_name: string, 
/**
 * Family name.
 */
last_name: string, 
/**
 * Organisation ("Träger"), used to spread people across tables.
 */
organisation: string, 
/**
 * Municipality or group.
 */
group: string, 
/**
 * Role or function, free text.
 */
role: string, 
/**
 * E-mail address, optional.
 */
email: string, 
/**
 * Any further columns of an imported list, by column name.
 */
attributes: { [key in string]: string }, 
/**
 * Topics they would like to discuss, first choice first (at most
 * [`crate::validation::MAX_WISHES`]); a topic's title or a table's number, matched to the
 * workshop's tables by [`crate::topics::Topics::resolve`].
 */
wishes: Array<string>, };

/**
 * Two people the planner keeps apart or together; the smaller id first, so a pair is one pair
 * whichever way round it was asked for.
 */
export type ParticipantPair = { 
/**
 * One of the two (the smaller id).
 */
first: ParticipantId, 
/**
 * The other.
 */
second: ParticipantId, 
/**
 * Apart or together.
 */
kind: PairKind, };

/**
 * A workshop of the process as the people list names it.
 */
export type PeopleWorkshop = { 
/**
 * The workshop.
 */
id: WorkshopId, 
/**
 * Its number in the order they took place (W1, W2, …), as documents number them.
 */
number: number, 
/**
 * Its title.
 */
title: string, };

/**
 * One entry of a workshop's list.
 */
export type PersonEntry = { 
/**
 * The entry.
 */
participant: ParticipantId, 
/**
 * The workshop whose list it is on.
 */
workshop: WorkshopId, 
/**
 * First and last name.
 */
name: string, 
/**
 * E-mail address as written.
 */
email: string, 
/**
 * Organisation.
 */
organisation: string, 
/**
 * Checked in (possibly left early).
 */
came: boolean, 
/**
 * Came without registering.
 */
walk_in: boolean, };

/**
 * A table's way in: its code, and while capture is on, its address and QR code.
 */
export type PhoneAccess = { 
/**
 * The table.
 */
table_id: TableId, 
/**
 * Its number.
 */
number: number, 
/**
 * Its topic.
 */
topic: string, 
/**
 * The access code.
 */
code: string, 
/**
 * The page's address (only while capture is on: it depends on the network).
 */
url: string | null, 
/**
 * The address as a QR code (SVG), while capture is on.
 */
qr_svg: string | null, };

/**
 * Where the moderator was in the window, to go back there after a restart in the middle of a
 * café (a crash, a closed lid, a flat battery).
 */
export type Place = { 
/**
 * The workshop open in the window.
 */
workshop: WorkshopId, 
/**
 * Its tab, as the UI names it (`run`, `notes` …).
 */
tab: string, 
/**
 * Whether the projector window was shown.
 */
projector: boolean, };

/**
 * What to plan.
 */
export type PlanOptions = { 
/**
 * Rounds before this one (0-based) are held and stay as they are; 0 plans all rounds.
 */
from_round: number, 
/**
 * Another seed gives another plan of the same quality.
 */
seed: number, };

/**
 * How good a seating plan is, in the numbers a moderator can judge.
 */
export type PlanQuality = { 
/**
 * Extra meetings: per pair, the rounds they share a table minus one, summed.
 */
repeat_encounters: number, 
/**
 * No plan can have fewer repeat encounters than this (proven by counting).
 */
lower_bound: number, 
/**
 * Pairs who meet more than once.
 */
pairs_meeting_repeatedly: number, 
/**
 * The most rounds any pair shares a table.
 */
max_pair_meetings: number, 
/**
 * The largest difference between table sizes within one round.
 */
size_spread: number, 
/**
 * People above the fair share of their organisation at their table.
 */
organisation_clashes: number, 
/**
 * Travellers who sit at a table a second time (only counted where the travel mode forbids it).
 */
table_revisits: number, 
/**
 * People present but without a seat in a round that has not started yet.
 */
unseated: number, 
/**
 * How often two people may share a table at most (`None`: no cap), as chosen.
 */
meeting_cap: number | null, 
/**
 * Pairs who share a table more often than the cap allows (0 when it is kept).
 */
pairs_over_cap: number, 
/**
 * Topic wishes per rank (empty when nobody wished).
 */
wishes: Array<WishesGranted>, 
/**
 * Whether no seating grants more wishes (first choices first): those missed are what the
 * topics' seats leave no room for. `false` only says it was not proven.
 */
wishes_best_possible: boolean, 
/**
 * Wishes that name neither a topic nor a table of the workshop (a typo, or a table since
 * removed): not planned for, so the moderator can correct them.
 */
unknown_wishes: number, };

/**
 * Choices that change how a printable looks and what it holds.
 */
export type PrintOptions = { 
/**
 * Table cards as a tent to fold along the middle: the card on the lower half and again,
 * upside down, on the upper half, so both sides of the table can read it.
 */
tent: boolean, 
/**
 * Route cards only for these people (e.g. whose route a re-plan changed,
 * `cafehost_core::run::route_cards_to_reprint`), in the same layout; `None` prints everyone's.
 * The other printables ignore it.
 */
route_cards_for: Array<ParticipantId> | null, };

/**
 * One of the four printables.
 */
export type Printable = "table-cards" | "route-cards" | "seating" | "sign-in";

/**
 * A series of workshops that feed one result, e.g. the five workshops of an integration concept.
 */
export type Process = { 
/**
 * Identity.
 */
id: ProcessId, 
/**
 * Name shown in the workshop list, unique (case-insensitively) among processes.
 */
title: string, 
/**
 * What the process is for; the concept draft's "Anlass und Ziel" starts with it.
 */
description: string, 
/**
 * The guiding vision ("Leitbild") the process works towards; the concept draft opens with it.
 */
vision: string, };

/**
 * The workshop list: workshops grouped by process, stand-alone workshops last.
 */
export type ProcessGroup = { 
/**
 * The process, or `None` for the workshops that belong to none.
 */
process: Process | null, 
/**
 * Its workshops, newest date first.
 */
workshops: Array<WorkshopSummary>, };

/**
 * Identifies a [`crate::Process`].
 */
export type ProcessId = string;

/**
 * The people of a workshop's process (or of the workshop alone), with the totals the concept
 * draft prints.
 */
export type ProcessPeople = { 
/**
 * The workshops counted, in the order they took place.
 */
workshops: Array<PeopleWorkshop>, 
/**
 * The people, by name.
 */
people: Array<ProcessPerson>, 
/**
 * People who came to at least one workshop.
 */
present: number, 
/**
 * Of them, those who came to two or more.
 */
present_in_several: number, 
/**
 * People registered for at least one workshop.
 */
registered: number, };

/**
 * One person across the workshops.
 */
export type ProcessPerson = { 
/**
 * Their entries, in the order the workshops took place.
 */
entries: Array<PersonEntry>, 
/**
 * Decided by hand (else matched by address or name).
 */
by_hand: boolean, 
/**
 * Another person has the same name: perhaps one person, for staff to decide.
 */
name_shared: boolean, };

/**
 * What staff edit about a process besides its title (which files workshops under it).
 */
export type ProcessTexts = { 
/**
 * What the process is for.
 */
description: string, 
/**
 * The guiding vision ("Leitbild").
 */
vision: string, };

/**
 * A workshop's seating plan and its quality (`None` while nobody is seated).
 */
export type RotationPlan = { 
/**
 * Every seat, by round.
 */
seats: Array<Seat>, 
/**
 * How good the plan is.
 */
quality: PlanQuality | null, 
/**
 * What the last planning changed against the plan before it, per round (empty when the
 * plan was only loaded, or when it was the first plan).
 */
changes: Array<RoundChange>, 
/**
 * Whose route cards the last planning made wrong, to print only theirs again
 * (`PrintOptions::route_cards_for`): the people in `changes` who are still here, and
 * walk-ins who had no seat before (`cafehost_core::run::route_cards_to_reprint`). Empty
 * when `changes` is.
 */
route_cards_to_reprint: Array<ParticipantId>, };

/**
 * One conversation round.
 */
export type Round = { 
/**
 * Identity.
 */
id: RoundId, 
/**
 * The workshop.
 */
workshop_id: WorkshopId, 
/**
 * 0-based order within the workshop.
 */
position: number, 
/**
 * Length of the conversation.
 */
duration_minutes: number, 
/**
 * Break after the round (0: people move straight on).
 */
break_after_minutes: number, 
/**
 * The question of the round, shown on the projector (tables may ask their own).
 */
question: string, };

/**
 * How one round's seating changed by a re-plan.
 */
export type RoundChange = { 
/**
 * The round (0-based).
 */
round: number, 
/**
 * People who sit at another table than before.
 */
moved: number, 
/**
 * People who had no seat in this round before (e.g. latecomers).
 */
seated: number, 
/**
 * People who had a seat and have none now (e.g. who left).
 */
removed: number, 
/**
 * Who changes table, by name: what the moderator tells the room and the route cards to
 * print again.
 */
moves: Array<SeatMove>, };

/**
 * Identifies a [`crate::Round`].
 */
export type RoundId = string;

/**
 * What the moderator edits about a round.
 */
export type RoundInput = { 
/**
 * Length of the conversation.
 */
duration_minutes: number, 
/**
 * Break after the round (0: people move straight on).
 */
break_after_minutes: number, 
/**
 * The question of the round, shown on the projector (tables may ask their own).
 */
question: string, };

/**
 * A problem in one row, located by line and (where it belongs to one) column.
 */
export type RowProblem = { 
/**
 * 1-based column, when the problem belongs to one cell.
 */
column: number | null, 
/**
 * That column's header.
 */
column_name: string | null, 
/**
 * What is wrong.
 */
kind: RowProblemKind, };

/**
 * What is wrong with one row.
 */
export type RowProblemKind = { "code": "cell_count", 
/**
 * Cells in the header.
 */
expected: number, 
/**
 * Cells in this row.
 */
found: number, } | { "code": "field", 
/**
 * The participant field.
 */
field: string, 
/**
 * The rule.
 */
problem: FieldProblem, } | { "code": "unreadable" } | { "code": "quote_spans_lines", 
/**
 * 1-based line where the quote opens.
 */
opened: number, 
/**
 * 1-based line where the cell ends.
 */
closed: number, } | { "code": "lost_letters", 
/**
 * The participant field.
 */
field: string, };

/**
 * What the moderator does with the clock.
 */
export type RunAction = { "action": "start" } | { "action": "pause" } | { "action": "extend", 
/**
 * Minutes to add.
 */
minutes: number, } | { "action": "shorten", 
/**
 * Minutes to take away.
 */
minutes: number, } | { "action": "next" } | { "action": "next_round" } | { "action": "back" } | { "action": "reset" };

/**
 * Minutes of the welcome and of the harvest, which the rounds do not say.
 */
export type RunFrame = { 
/**
 * Welcome before the first round.
 */
welcome_minutes: number, 
/**
 * Harvest after the last round.
 */
harvest_minutes: number, };

/**
 * The stored state of the run clock.
 */
export type RunState = { 
/**
 * Index of the current step in the agenda.
 */
step: number, 
/**
 * When the countdown was last started; `None` while it stands.
 */
running_since: string | null, 
/**
 * Milliseconds counted in this step before `running_since`.
 */
elapsed_ms: number, 
/**
 * Seconds added to this step by extensions.
 */
extra_seconds: number, };

/**
 * Everything the run screen and the projector show about the clock.
 */
export type RunView = { 
/**
 * Welcome, rounds, breaks, harvest.
 */
agenda: Array<AgendaStep>, 
/**
 * The agenda with clock times (when the workshop has a start time): the one timetable.
 */
schedule: Array<ScheduledStep>, 
/**
 * Minutes of the welcome and the harvest.
 */
frame: RunFrame, 
/**
 * The stored clock.
 */
state: RunState, 
/**
 * The current step.
 */
current: AgendaStep | null, 
/**
 * Seconds left in the current step when this view was made; negative when over time.
 */
remaining_seconds: number, 
/**
 * Whether the countdown runs.
 */
running: boolean, 
/**
 * The round people go to next (0-based), if any.
 */
next_round: number | null, 
/**
 * The first round a re-plan may change (0-based); earlier rounds are held or under way.
 */
first_open_round: number | null, 
/**
 * When this view was made, so a front end can count down from it.
 */
now: string, };

/**
 * A file Cafehost wrote.
 */
export type SavedFile = { 
/**
 * Where it is.
 */
path: string, 
/**
 * Its size.
 */
bytes: number, };

/**
 * One step of the agenda with its clock times, when the workshop has a start time.
 */
export type ScheduledStep = { 
/**
 * The step.
 */
step: AgendaStep, 
/**
 * When it starts by the plan.
 */
starts: string | null, 
/**
 * When it ends by the plan.
 */
ends: string | null, };

/**
 * Where one participant sits in one round.
 */
export type Seat = { 
/**
 * The round.
 */
round_id: RoundId, 
/**
 * The person.
 */
participant_id: ParticipantId, 
/**
 * The table.
 */
table_id: TableId, 
/**
 * Fixed by the moderator; the planner must keep it.
 */
pinned: boolean, };

/**
 * One person whose seat in a round changed.
 */
export type SeatMove = { 
/**
 * The person.
 */
participant_id: ParticipantId, 
/**
 * The table before (`None`: had no seat, e.g. came late).
 */
from: TableId | null, 
/**
 * The table now (`None`: has no seat, e.g. left).
 */
to: TableId | null, };

/**
 * Whether a person may be moved to one table in one round, and if not, why.
 */
export type SeatOption = { 
/**
 * The table.
 */
table_id: TableId, 
/**
 * Why the move is refused; `None` when it is allowed.
 */
refusal: SeatRefusal | null, };

/**
 * Why a person may not sit at a table in a round.
 */
export type SeatRefusal = "table_full" | "host" | "revisit";

/**
 * Where a note or a photo came from.
 */
export type Source = "app" | "phone";

/**
 * How the file's bytes were decoded.
 */
export type SourceEncoding = "utf8" | "utf8_bom" | "utf16" | "windows1252";

/**
 * A consolidated statement, traceable to the notes it came from.
 */
export type Statement = { 
/**
 * Identity.
 */
id: StatementId, 
/**
 * The process it belongs to (statements usually span workshops).
 */
process_id: ProcessId | null, 
/**
 * The workshop, when it belongs to a single one.
 */
workshop_id: WorkshopId | null, 
/**
 * Goal, measure or steering.
 */
level: StatementLevel, 
/**
 * Its own number on its level and field of action within its process (or workshop): 3 in
 * "M 2.1.3". Given when it is made and kept through votes, edits and links
 * (`consolidation::next_number`); documents and screens show its label
 * (`consolidation::StatementLabels`).
 */
number: number, 
/**
 * The wording.
 */
text: string, 
/**
 * Its field of action ("Handlungsfeld"): an entry of its scope's list, if any.
 */
field_id: FieldOfActionId | null, 
/**
 * That field's name as stored in the list (empty without one); read only, follows renames.
 */
field_of_action: string, 
/**
 * Dot votes counted by the moderator.
 */
votes: number, 
/**
 * The organisation responsible.
 */
owner: string, 
/**
 * When it should happen, free text ("bis 2016").
 */
time_frame: string, 
/**
 * Draft, agreed or adopted.
 */
status: StatementStatus, 
/**
 * The notes it was derived from.
 */
source_note_ids: Array<NoteId>, 
/**
 * The photos it was derived from (a tablecloth, a flipchart), of its scope's workshops.
 */
source_photo_ids: Array<AttachmentId>, 
/**
 * Statements it serves or steers (a measure → goals; steering → measures).
 */
linked_statement_ids: Array<StatementId>, 
/**
 * Dates, indicator, resources and the decision that adopted it.
 */
plan: StatementPlan, 
/**
 * When it was created.
 */
created_at: string, 
/**
 * When it last changed.
 */
updated_at: string, };

/**
 * Identifies a [`crate::Statement`].
 */
export type StatementId = string;

/**
 * What staff edit about a statement.
 */
export type StatementInput = { 
/**
 * Goal, measure or steering.
 */
level: StatementLevel, 
/**
 * The statement.
 */
text: string, 
/**
 * Field of action ("Handlungsfeld"), e.g. "Frühe Bildung": the name of an entry of the
 * scope's list (spelling folded); a name not on it yet is added at its end; empty for none.
 */
field_of_action: string, 
/**
 * Dot votes counted by the moderator.
 */
votes: number, 
/**
 * Who is responsible (organisation).
 */
owner: string, 
/**
 * By when, free text ("bis Ende 2015").
 */
time_frame: string, 
/**
 * Draft, agreed or adopted.
 */
status: StatementStatus, };

/**
 * The level of a consolidated statement, as in the county's concept.
 */
export type StatementLevel = "goal" | "measure" | "steering";

/**
 * How a statement is put into practice and the decision that adopted it: the columns of the
 * concept's Maßnahmenplan and its steering chapter. Every part is optional.
 */
export type StatementPlan = { 
/**
 * When it starts.
 */
start_date: string | null, 
/**
 * When it should be done; not before the start.
 */
end_date: string | null, 
/**
 * How success is measured ("Anzahl der Elterncafés").
 */
indicator: string, 
/**
 * The indicator's value at the start ("2").
 */
baseline: string, 
/**
 * The value aimed for ("alle 38 Kitas").
 */
target: string, 
/**
 * Money, staff, rooms it needs.
 */
resources: string, 
/**
 * Who decided on it ("Kreistag", "Jugendhilfeausschuss").
 */
decision_body: string, 
/**
 * When it was decided.
 */
decision_date: string | null, 
/**
 * The decision's reference ("Drucksache 123/2026").
 */
decision_reference: string, };

/**
 * How far a statement has come.
 */
export type StatementStatus = "draft" | "agreed" | "adopted";

/**
 * What happens in one step of the agenda.
 */
export type StepKind = "welcome" | "round" | "break" | "harvest";

/**
 * What a table's phone has done, for the moderator's panel.
 */
export type TableActivity = { 
/**
 * The table.
 */
table_id: TableId, 
/**
 * When its page last asked for anything (the phone is connected).
 */
last_seen: string | null, 
/**
 * When it last sent a note, summary or photo.
 */
last_sent: string | null, 
/**
 * Notes and summaries written from it since capture started.
 */
notes: number, 
/**
 * Photos sent from it since capture started.
 */
photos: number, };

/**
 * Identifies a [`crate::CafeTable`].
 */
export type TableId = string;

/**
 * What the moderator edits about a table.
 */
export type TableInput = { 
/**
 * Number on the table card, unique within the workshop.
 */
number: number, 
/**
 * Topic, e.g. "Übergang Kita – Grundschule".
 */
topic: string, 
/**
 * Seats, host included.
 */
capacity: number, 
/**
 * The table host, who stays for all rounds.
 */
host_id: ParticipantId | null, 
/**
 * The question asked at this table in a given round (absent: the round's general question).
 */
questions: Array<TableQuestion>, };

/**
 * The question a table asks in one round.
 */
export type TableQuestion = { 
/**
 * The round.
 */
round_id: RoundId, 
/**
 * The question.
 */
text: string, };

/**
 * How travellers may move between tables; decides the planner's hard rule.
 */
export type TravelMode = "free" | "topic-tour" | "any";

/**
 * An open dot vote, as the moderator and the projector see it.
 */
export type VoteStatus = { 
/**
 * The ballot page's address.
 */
url: string, 
/**
 * That address as a QR code (SVG), for the projector.
 */
qr_svg: string, 
/**
 * Dots per person.
 */
dots: number, 
/**
 * Ballots given (one per browser).
 */
ballots: number, 
/**
 * The statements with their votes now.
 */
items: Array<BallotItem>, };

/**
 * How the topic wishes of one rank fared: "152 of 160 got their first choice".
 */
export type WishesGranted = { 
/**
 * 1 for first choices, 2 for second, 3 for third.
 */
rank: number, 
/**
 * People present (hosts aside) with a wish of this rank.
 */
asked: number, 
/**
 * Of them, those who sit at that topic in at least one round.
 */
granted: number, };

/**
 * A workshop as stored.
 */
export type Workshop = { 
/**
 * Identity.
 */
id: WorkshopId, 
/**
 * The process it belongs to, if any.
 */
process_id: ProcessId | null, 
/**
 * The editable part.
 */
details: WorkshopDetails, 
/**
 * When it was created.
 */
created_at: string, 
/**
 * When anything in its details last changed.
 */
updated_at: string, };

/**
 * What the moderator fills in about a workshop; everything a user may edit in one form.
 */
export type WorkshopDetails = { 
/**
 * Title, e.g. "Integration durch Bildung".
 */
title: string, 
/**
 * Day of the workshop, if fixed.
 */
date: string | null, 
/**
 * Start time; the rounds' clock times are computed from it.
 */
start_time: string | null, 
/**
 * When it ends, as announced (the minutes' "Zeit: 9:00–12:30"); not before the start.
 */
end_time: string | null, 
/**
 * Venue.
 */
place: string, 
/**
 * Why the workshop takes place; printed on the minutes.
 */
purpose: string, 
/**
 * Language of the printables and minutes.
 */
language: Language, 
/**
 * How travellers move between tables.
 */
travel_mode: TravelMode, 
/**
 * Who holds the workshop ("Veranstalter"), e.g. "Kreis Mettmann, Kommunales Integrationszentrum".
 */
organiser: string, 
/**
 * Who moderates ("Moderation").
 */
moderation: string, 
/**
 * Who takes the minutes ("Protokollführung").
 */
minute_taker: string, 
/**
 * Who receives the minutes ("Verteiler"), free text, one recipient a line.
 */
distribution: string, 
/**
 * The field of action of its process the workshop belongs to, if one.
 */
field_id: FieldOfActionId | null, };

/**
 * Identifies a [`crate::Workshop`].
 */
export type WorkshopId = string;

/**
 * Everything the setup screens show about one workshop, loaded in one call.
 */
export type WorkshopSetup = { 
/**
 * The workshop.
 */
workshop: Workshop, 
/**
 * Its process, if any.
 */
process: Process | null, 
/**
 * Tables by number.
 */
tables: Array<CafeTable>, 
/**
 * Rounds in order.
 */
rounds: Array<Round>, 
/**
 * Participants by last name, first name.
 */
participants: Array<Participant>, };

/**
 * One line of the workshop list.
 */
export type WorkshopSummary = { 
/**
 * Identity.
 */
id: WorkshopId, 
/**
 * Title.
 */
title: string, 
/**
 * Day, if fixed.
 */
date: string | null, 
/**
 * Venue.
 */
place: string, 
/**
 * Number of topic tables.
 */
table_count: number, 
/**
 * Number of rounds.
 */
round_count: number, 
/**
 * Number of participants (hosts included).
 */
participant_count: number, 
/**
 * The example workshop Cafehost brings on its first start (not real data).
 */
is_example: boolean, };

/** Every error code a command can fail with; each has a translation `errors.<code>`. */
export const ERROR_CODES = [
  "invalid",
  "not_found",
  "open.not_a_database",
  "open.foreign",
  "open.newer",
  "open.corrupt",
  "open.io",
  "open.migration",
  "open.stray_sidecar",
  "open.already_open",
  "store.conflict",
  "store.failed",
  "csv.empty",
  "csv.too_large",
  "csv.too_many_rows",
  "csv.malformed",
  "csv.unclosed_quote",
  "csv.too_many_columns",
  "import.refused",
  "workshop.ambiguous",
  "table.host_not_participant",
  "data_dir.unknown",
  "planner.capacity_too_small",
  "planner.too_many_rounds_for_tour",
  "planner.too_many_rounds",
  "planner.host_twice",
  "planner.host_without_seat",
  "planner.pin_over_capacity",
  "planner.pin_revisit",
  "planner.pin_conflict",
  "planner.pinned_absent",
  "planner.no_plan_found",
  "planner.tour_too_tight",
  "planner.too_many_participants",
  "planner.apart_impossible",
  "planner.internal",
  "seat.table_full",
  "seat.revisit",
  "seat.host",
  "plan.rounds_locked",
  "statement.link_refused",
  "people.same_workshop",
  "app.busy",
  "app.closed",
  "file.protected",
  "file.write_failed",
  "export.failed",
  "phone.unknown_code",
  "phone.not_open",
  "phone.not_this_table",
  "phone.round_over",
  "phone.id_taken",
  "phone.ballot_refused",
  "ipc.unknown_command",
  "ipc.bad_arguments",
  "ipc.bad_result",
  "phone.no_network",
  "phone.start_failed",
  "phone.off",
] as const;

/** An error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Sends one command over the IPC bridge; injected so the client can be tested without a window. */
export type Invoke = <T>(command: string, args: Record<string, unknown>) => Promise<T>;

/** The typed commands, bound to an `invoke` function. */
export function makeCommands(invoke: Invoke) {
  return {
    /** Version, preferences. */
    settings: {
      /** Version, database location and the chosen UI language. */
      appInfo: () => invoke<AppInfo>("app_info", {  }),
      /** Remembers the UI language. */
      setUiLanguage: (language: Language) => invoke<void>("set_ui_language", { language }),
      /** The day's full check of the database (run once a day): `null` when it is sound. */
      dailyCheck: () => invoke<string | null>("daily_check", {  }),
      /** Remembers where the window is (`null`: on the list), for a restart mid-café. */
      rememberPlace: (place: Place | null) => invoke<void>("remember_place", { place }),
      /** Where to go at start: the running workshop's tab (and projector), or `null`. */
      placeToResume: () => invoke<Place | null>("place_to_resume", {  }),
    },
    /** Workshops, tables and rounds. */
    setup: {
      /** All workshops, grouped by process. */
      workshopOverview: () => invoke<Array<ProcessGroup>>("workshop_overview", {  }),
      /** Creates a workshop with three 20-minute rounds. */
      createWorkshop: (new_workshop: NewWorkshop) => invoke<Workshop>("create_workshop", { new_workshop }),
      /** Everything the setup screens show about one workshop. */
      workshopSetup: (workshop: WorkshopId) => invoke<WorkshopSetup>("workshop_setup", { workshop }),
      /** Saves the workshop's details. */
      updateWorkshop: (workshop: WorkshopId, details: WorkshopDetails) => invoke<Workshop>("update_workshop", { workshop, details }),
      /** Files the workshop under a process (by title; created when new) or under none. */
      setWorkshopProcess: (workshop: WorkshopId, process_title: string | null) => invoke<Workshop>("set_workshop_process", { workshop, process_title }),
      /** Saves a process's description and guiding vision ("Leitbild"). */
      updateProcess: (process: ProcessId, texts: ProcessTexts) => invoke<Process>("update_process", { process, texts }),
      /** The fields of action of the workshop's process (or of the workshop), in their order. */
      fieldsOfAction: (workshop: WorkshopId) => invoke<Array<FieldOfAction>>("fields_of_action", { workshop }),
      /** Adds a field of action at the end of the list. */
      addFieldOfAction: (workshop: WorkshopId, name: string) => invoke<FieldOfAction>("add_field_of_action", { workshop, name }),
      /** Renames a field of action (every statement on it shows the new name). */
      renameFieldOfAction: (field: FieldOfActionId, name: string) => invoke<FieldOfAction>("rename_field_of_action", { field, name }),
      /** Saves a field of action's starting situation ("Ausgangslage"). */
      updateFieldSituation: (field: FieldOfActionId, situation: string) => invoke<FieldOfAction>("update_field_situation", { field, situation }),
      /** Fills an empty starting situation with a draft from the first round's notes of the field's workshops; a written one stays. Returns the field. */
      draftFieldSituation: (field: FieldOfActionId) => invoke<FieldOfAction>("draft_field_situation", { field }),
      /** Moves a field of action to a 0-based place; returns the list in its new order. */
      moveFieldOfAction: (field: FieldOfActionId, position: number) => invoke<Array<FieldOfAction>>("move_field_of_action", { field, position }),
      /** Deletes a field of action (its statements keep no field); returns the rest in order. */
      deleteFieldOfAction: (field: FieldOfActionId) => invoke<Array<FieldOfAction>>("delete_field_of_action", { field }),
      /** Copies a workshop's setup into a new workshop. */
      duplicateWorkshop: (workshop: WorkshopId) => invoke<Workshop>("duplicate_workshop", { workshop }),
      /** Deletes a workshop with everything in it. */
      deleteWorkshop: (workshop: WorkshopId) => invoke<void>("delete_workshop", { workshop }),
      /** Adds a table with the next free number. */
      addTable: (workshop: WorkshopId) => invoke<CafeTable>("add_table", { workshop }),
      /** Saves a table. */
      updateTable: (table: TableId, input: TableInput) => invoke<CafeTable>("update_table", { table, input }),
      /** Deletes a table. */
      deleteTable: (table: TableId) => invoke<void>("delete_table", { table }),
      /** Adds a round after the last. */
      addRound: (workshop: WorkshopId) => invoke<Round>("add_round", { workshop }),
      /** Saves a round. */
      updateRound: (round: RoundId, input: RoundInput) => invoke<Round>("update_round", { round, input }),
      /** Raises the smallest tables' capacities until everyone on the participant list has a seat; returns the workshop's tables. */
      spreadSeats: (workshop: WorkshopId) => invoke<Array<CafeTable>>("spread_seats", { workshop }),
      /** Deletes a round. */
      deleteRound: (round: RoundId) => invoke<void>("delete_round", { round }),
    },
    /** The participant list. */
    people: {
      /** Adds a participant. */
      addParticipant: (workshop: WorkshopId, input: ParticipantInput) => invoke<Participant>("add_participant", { workshop, input }),
      /** Saves a participant. */
      updateParticipant: (participant: ParticipantId, input: ParticipantInput) => invoke<Participant>("update_participant", { participant, input }),
      /** The people whose name, organisation, group, role or e-mail contains every word typed (letters folded: "ozturk" finds "Öztürk"). */
      searchParticipants: (workshop: WorkshopId, query: string) => invoke<Array<ParticipantId>>("search_participants", { workshop, query }),
      /** Removes a participant. */
      deleteParticipant: (participant: ParticipantId) => invoke<void>("delete_participant", { participant }),
      /** What importing a CSV file (its bytes, base64-encoded) with these options would do, and whether it may; writes nothing. The rows come without the free attributes. */
      previewImport: (workshop: WorkshopId, base64: string, mapping: Array<ColumnRole> | null, options: ImportOptions) => invoke<ImportPreviewAndDecision>("preview_import", { workshop, base64, mapping, options }),
      /** Imports a CSV file's participants (its bytes, base64-encoded) in one transaction. */
      importParticipants: (workshop: WorkshopId, base64: string, mapping: Array<ColumnRole> | null, options: ImportOptions) => invoke<ImportOutcome>("import_participants", { workshop, base64, mapping, options }),
      /** The people of the workshop's process across its workshops, each once (matched by e-mail address or name, or as decided by hand), with the process's totals. */
      processPeople: (workshop: WorkshopId) => invoke<ProcessPeople>("process_people", { workshop }),
      /** The entries of the process's lists that contain every word typed (letters folded). */
      searchProcessPeople: (workshop: WorkshopId, query: string) => invoke<Array<ParticipantId>>("search_process_people", { workshop, query }),
      /** Decides that the people of two entries are one person. */
      mergePeople: (workshop: WorkshopId, first: ParticipantId, second: ParticipantId) => invoke<ProcessPeople>("merge_people", { workshop, first, second }),
      /** Decides that an entry is a person of their own. */
      separatePerson: (workshop: WorkshopId, participant: ParticipantId) => invoke<ProcessPeople>("separate_person", { workshop, participant }),
      /** Forgets the decisions about an entry's person: matched by address and name again. */
      matchPersonAutomatically: (workshop: WorkshopId, participant: ParticipantId) => invoke<ProcessPeople>("match_person_automatically", { workshop, participant }),
    },
    /** The rotation plan and seats set by hand. */
    seating: {
      /** The stored seating plan and its quality. */
      rotationPlan: (workshop: WorkshopId) => invoke<RotationPlan>("rotation_plan", { workshop }),
      /** Plans the rounds from `options.from_round` on, keeping pinned seats, and stores the plan; refused when one of those rounds has begun. */
      planRotation: (workshop: WorkshopId, options: PlanOptions) => invoke<RotationPlan>("plan_rotation", { workshop, options }),
      /** The pairs the planner keeps apart or together. */
      participantPairs: (workshop: WorkshopId) => invoke<Array<ParticipantPair>>("participant_pairs", { workshop }),
      /** Keeps two people apart or together in the next plans (`null`: neither any more). */
      setParticipantPair: (first: ParticipantId, second: ParticipantId, kind: PairKind | null) => invoke<Array<ParticipantPair>>("set_participant_pair", { first, second, kind }),
      /** How often two people may share a table at most in this workshop's plans (`null`: no cap). */
      meetingCap: (workshop: WorkshopId) => invoke<number | null>("meeting_cap", { workshop }),
      /** Chooses the meeting cap for the next plans; answers the stored plan judged by it. */
      setMeetingCap: (workshop: WorkshopId, cap: number | null) => invoke<RotationPlan>("set_meeting_cap", { workshop, cap }),
      /** For each table, whether a person may be moved there in a round, and why not. */
      seatOptions: (round: RoundId, participant: ParticipantId) => invoke<Array<SeatOption>>("seat_options", { round, participant }),
      /** Moves one person to a table in one round (pinned: kept by later re-plans). */
      setSeat: (seat: Seat) => invoke<RotationPlan>("set_seat", { seat }),
      /** Swaps the tables of two people in one round (both seats pinned). */
      swapSeats: (round: RoundId, first: ParticipantId, second: ParticipantId) => invoke<RotationPlan>("swap_seats", { round, first, second }),
    },
    /** The day of the café: clock, check-in, re-planning. */
    run: {
      /** The run clock as of now. */
      runView: (workshop: WorkshopId) => invoke<RunView>("run_view", { workshop }),
      /** Starts, pauses, extends, shortens or moves the run on. */
      runAction: (workshop: WorkshopId, action: RunAction) => invoke<RunView>("run_action", { workshop, action }),
      /** Changes the minutes of the welcome and the harvest. */
      setRunFrame: (workshop: WorkshopId, frame: RunFrame) => invoke<RunView>("set_run_frame", { workshop, frame }),
      /** Records check-in, no-show or departure. */
      setAttendance: (participant: ParticipantId, attendance: Attendance) => invoke<Participant>("set_attendance", { participant, attendance }),
      /** Adds a walk-in participant, checked in as present. */
      addWalkIn: (workshop: WorkshopId, input: ParticipantInput) => invoke<Participant>("add_walk_in", { workshop, input }),
      /** Re-plans the rounds that have not started yet (held rounds and the round under way stay). */
      replanOpenRounds: (workshop: WorkshopId, seed: number) => invoke<RotationPlan>("replan_open_rounds", { workshop, seed }),
    },
    /** Notes, photos and summaries per table and round. */
    notes: {
      /** The notes of a workshop. */
      workshopNotes: (workshop: WorkshopId) => invoke<Array<Note>>("workshop_notes", { workshop }),
      /** Adds a note at a table in a round (a summary may have no round, a workshop summary no table). */
      addNote: (workshop: WorkshopId, table: TableId | null, round: RoundId | null, kind: NoteKind, input: NoteInput) => invoke<Note>("add_note", { workshop, table, round, kind, input }),
      /** Saves a note. */
      updateNote: (note: NoteId, input: NoteInput) => invoke<Note>("update_note", { note, input }),
      /** Deletes a note. */
      deleteNote: (note: NoteId) => invoke<void>("delete_note", { note }),
      /** Sets a table's or the workshop's summary: created by the first words, deleted when emptied. */
      setSummary: (workshop: WorkshopId, table: TableId | null, kind: NoteKind, input: NoteInput) => invoke<Note | null>("set_summary", { workshop, table, kind, input }),
      /** The photos of a workshop (shown through the `photo:` URL scheme). */
      attachments: (workshop: WorkshopId) => invoke<Array<Attachment>>("attachments", { workshop }),
      /** Stores a photo (JPEG or PNG, base64) at a table in a round. */
      addAttachment: (workshop: WorkshopId, table: TableId | null, round: RoundId | null, file_name: string, base64: string) => invoke<Attachment>("add_attachment", { workshop, table, round, file_name, base64 }),
      /** Turns a photo (0, 90, 180, 270 degrees). */
      rotateAttachment: (attachment: AttachmentId, degrees: number) => invoke<void>("rotate_attachment", { attachment, degrees }),
      /** Deletes a photo. */
      deleteAttachment: (attachment: AttachmentId) => invoke<void>("delete_attachment", { attachment }),
    },
    /** Statements consolidated from the notes of a process. */
    harvest: {
      /** The notes and statements of the workshop's process (or of the workshop). */
      harvestOverview: (workshop: WorkshopId) => invoke<HarvestOverview>("harvest_overview", { workshop }),
      /** The notes of the workshop's process that match the typed words, best first. */
      searchNotes: (workshop: WorkshopId, query: string) => invoke<Array<NoteId>>("search_notes", { workshop, query }),
      /** A new statement made from notes. */
      addStatement: (workshop: WorkshopId, input: StatementInput, sources: Array<NoteId>) => invoke<Statement>("add_statement", { workshop, input, sources }),
      /** Saves a statement. */
      updateStatement: (statement: StatementId, input: StatementInput) => invoke<Statement>("update_statement", { statement, input }),
      /** Saves a statement's dates, indicator, resources and decision record. */
      updateStatementPlan: (statement: StatementId, plan: StatementPlan) => invoke<Statement>("update_statement_plan", { statement, plan }),
      /** Replaces the notes a statement comes from. */
      setStatementSources: (statement: StatementId, notes: Array<NoteId>) => invoke<Statement>("set_statement_sources", { statement, notes }),
      /** Replaces the photos a statement comes from (photos of the workshops of its process). */
      setStatementPhotos: (statement: StatementId, photos: Array<AttachmentId>) => invoke<Statement>("set_statement_photos", { statement, photos }),
      /** Links or unlinks two statements (a measure serves a goal, steering steers a measure). */
      linkStatements: (first: StatementId, second: StatementId, linked: boolean) => invoke<void>("link_statements", { first, second, linked }),
      /** Merges one statement into another, keeping sources and links. */
      mergeStatements: (keep: StatementId, other: StatementId) => invoke<Statement>("merge_statements", { keep, other }),
      /** Splits sources off a statement into a new statement. */
      splitStatement: (statement: StatementId, notes: Array<NoteId>) => invoke<Statement>("split_statement", { statement, notes }),
      /** Deletes a statement. */
      deleteStatement: (statement: StatementId) => invoke<void>("delete_statement", { statement }),
      /** Every statement's label ("Z 2.1") in both languages, asked again after an edit that may change labels (a field, a level, a link). */
      statementLabels: (workshop: WorkshopId) => invoke<{ [key in StatementId]: LabelTexts }>("statement_labels", { workshop }),
    },
    /** Printouts, minutes and concept drafts. */
    documents: {
      /** Saves a printable (table cards, route cards, seating plan, sign-in list) as PDF in the export folder. */
      savePrintable: (workshop: WorkshopId, document: Printable, language: Language, options: PrintOptions) => invoke<SavedFile>("save_printable", { workshop, document, language, options }),
      /** Saves the minutes of a workshop or the concept draft of its process in the export folder. */
      saveMinutes: (workshop: WorkshopId, kind: DocumentKind, format: ExportFormat, language: Language, pseudonymise: boolean) => invoke<SavedFile>("save_minutes", { workshop, kind, format, language, pseudonymise }),
    },
    /** Backups of the whole database. */
    backups: {
      /** The automatic backups, newest first. */
      listBackups: () => invoke<Array<BackupInfo>>("list_backups", {  }),
      /** Saves a backup of everything to `path` (chosen in the system's file chooser), or in the export folder. */
      saveBackup: (path: string | null) => invoke<SavedFile>("save_backup", { path }),
      /** What a backup holds; changes nothing. */
      previewBackup: (path: string) => invoke<BackupPreview>("preview_backup", { path }),
      /** Replaces everything with a backup, after keeping the current state as a backup. */
      restoreBackup: (path: string) => invoke<BackupPreview>("restore_backup", { path }),
    },
    /** Capture by phone: table hosts write notes and send photos from their phones over the local network; participants give dot votes. */
    phones: {
      /** The laptop's addresses phones could reach, best first. */
      phoneNetworks: () => invoke<Array<NetworkAddress>>("phone_networks", {  }),
      /** Switches capture on for a workshop, on `address` (else the best one). */
      startPhoneCapture: (workshop: WorkshopId, address: string | null) => invoke<CaptureStatus>("start_phone_capture", { workshop, address }),
      /** Switches capture off: every connection closes at once. */
      stopPhoneCapture: () => invoke<CaptureStatus>("stop_phone_capture", {  }),
      /** Whether capture is on, and what the phones did. */
      phoneCaptureStatus: () => invoke<CaptureStatus>("phone_capture_status", {  }),
      /** The tables' access codes (with address and QR code while capture is on). */
      phoneAccess: (workshop: WorkshopId) => invoke<Array<PhoneAccess>>("phone_access", { workshop }),
      /** New codes for every table of a workshop (or one table): the old ones stop working at once. */
      renewPhoneCodes: (workshop: WorkshopId, table: TableId | null) => invoke<Array<PhoneAccess>>("renew_phone_codes", { workshop, table }),
      /** The statements a dot vote can be held on. */
      ballotItems: (workshop: WorkshopId) => invoke<Array<BallotItem>>("ballot_items", { workshop }),
      /** Opens a dot vote on the served workshop's statements. */
      openDotVote: (vote: DotVote) => invoke<CaptureStatus>("open_dot_vote", { vote }),
      /** Closes the dot vote (its counts are stored already). */
      closeDotVote: () => invoke<CaptureStatus>("close_dot_vote", {  }),
    },
    /** Workshops as `.cafehost` bundles. */
    bundles: {
      /** Saves a workshop (or its whole process) as a `.cafehost` bundle in the export folder. */
      exportBundle: (workshop: WorkshopId, whole_process: boolean) => invoke<SavedFile>("export_bundle", { workshop, whole_process }),
      /** Imports a bundle chosen in the window (base64); what is known already stays as it is. */
      importBundle: (base64: string) => invoke<BundleOutcome>("import_bundle", { base64 }),
      /** The bundle the app was opened with (a double-clicked `.cafehost` file) and not yet offered, if any. */
      openedBundle: () => invoke<string | null>("opened_bundle", {  }),
      /** What the bundle file at `path` holds; imports nothing. */
      previewBundleFile: (path: string) => invoke<BackupPreview>("preview_bundle_file", { path }),
      /** Imports the bundle file at `path`. */
      importBundleFile: (path: string) => invoke<BundleOutcome>("import_bundle_file", { path }),
    },
  } as const;
}

/** The command client's type. */
export type Commands = ReturnType<typeof makeCommands>;
