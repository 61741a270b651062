//! Upgrading files that older versions of Cafehost wrote. As in Mozilla's application-services,
//! each old schema version has a real database file, `tests/fixtures/v{N}.db`, made once by that
//! version's migrations and filled with a small workshop (see `tests/fixtures/make_fixtures.py`,
//! which documents how). Each test opens a copy with this build and reads everything back through
//! the store's public API.

#![allow(clippy::unwrap_used, missing_docs)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cafehost_core::run::{RunFrame, RunState};
use cafehost_core::*;
use cafehost_store::{APPLICATION_ID, SCHEMA_VERSION, Scope, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

// The ids in the fixtures (make_fixtures.py).
const PROCESS: &str = "bc341952-a100-429f-ad03-9d31aab12263";
const WORKSHOP: &str = "13f5a021-5cbb-4f47-8d98-d80dba685d29";
const ROUNDS: [&str; 3] = [
    "bad0c496-4441-4a9b-bd44-63d982d9498a",
    "e2d83125-1882-41a0-9776-b4daa9aaaaa3",
    "c08749e5-b453-474f-88af-fb77a0f687fd",
];
const PEOPLE: [&str; 8] = [
    "464605dc-09e1-4cdd-8545-151fec429b27",
    "7d33a986-5384-4c07-823d-f8ef600667bd",
    "ae7d29a3-bba0-41bf-9837-b7c8da272585",
    "7818d09a-1733-4dad-aac0-ce982d07bbec",
    "499c2263-c3c7-46b0-928e-cd4c4e156e3e",
    "71723d4a-816b-4ddd-8764-ab38eb091c9e",
    "e2e1cce8-ebfd-4b4b-a17f-58bc3e353333",
    "91e20f06-a3e3-4110-bf50-3bbee78dcdd2",
];
const TABLES: [&str; 3] = [
    "b41e4d34-cd0d-4af9-ba5b-77538a2e1c64",
    "60251be1-f87b-4765-8afd-66f0c5acaf17",
    "f483b412-8dd1-4778-ae33-c8d5395106d9",
];
const NOTES: [&str; 5] = [
    "f6a5e969-ad64-4b32-95c3-27438b3705ff",
    "caaff187-1a4c-4bde-9905-0ace0b24cc6b",
    "9304a91f-4377-425c-8322-151e0bd6e513",
    "5a02459b-1623-48f1-940e-db088320f6ec",
    "17696d7f-44f7-4e83-9841-2f307ca1e27e",
];
const PHOTO: &str = "0a7c2aec-ea16-4af0-ab54-7711a740bc1f";
const STATEMENTS: [&str; 2] = ["46fbd247-955b-4c24-b390-f6db06b44da5", "d6bcd42b-795f-4e38-829c-c8cfb4c050fa"];

fn id<T: From<Uuid>>(text: &str) -> T {
    Uuid::parse_str(text).unwrap().into()
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
}

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{version}.db"))
}

/// A big-endian number from the 100-byte SQLite file header (read without opening the file, so
/// the fixture in the source tree never gets a `-wal` or `-shm` next to it).
fn header_u32(bytes: &[u8], offset: usize) -> u32 {
    u32::from_be_bytes(bytes[offset..offset + 4].try_into().unwrap())
}

/// The fixture copied into a fresh folder as `cafehost.db`, and its bytes.
fn user_file(version: u32) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let bytes = std::fs::read(fixture(version)).unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    assert_eq!(header_u32(&bytes, 60), version, "the fixture's user_version");
    assert_eq!(header_u32(&bytes, 68).cast_signed(), APPLICATION_ID, "the fixture's application_id");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafehost.db");
    std::fs::write(&path, &bytes).unwrap();
    (dir, path, bytes)
}

fn pragma(path: &Path, name: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
}

/// Rows per table of a database file (SQLite's own tables and the FTS index's left out).
fn row_counts(path: &Path) -> BTreeMap<String, i64> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'note_search%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    names
        .into_iter()
        .map(|name| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| r.get(0)).unwrap();
            (name, n)
        })
        .collect()
}

/// Every table, index, trigger and view of a file with the SQL that made it.
fn schema(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The header fields (offset ranges) that SQLite's online backup, which `Store::open` uses to keep
/// the copy, writes anew in the copy: the file change counter, the schema cookie, the
/// version-valid-for number and the version number of the SQLite that wrote it.
const REWRITTEN_BY_BACKUP: [std::ops::Range<usize>; 3] = [24..28, 40..44, 92..100];

/// `kept` is `original` byte for byte, apart from the header fields a backup rewrites.
fn assert_same_file(kept: &[u8], original: &[u8], version: u32) {
    assert_eq!(kept.len(), original.len(), "the .v{version}.bak copy has the size of the file before the upgrade");
    let rewritten = |i: usize| REWRITTEN_BY_BACKUP.iter().any(|r| r.contains(&i));
    let differing: Vec<usize> = (0..kept.len()).filter(|&i| kept[i] != original[i] && !rewritten(i)).collect();
    assert!(
        differing.is_empty(),
        "the .v{version}.bak copy differs from the file before the upgrade at {} bytes, first at offset {:?}",
        differing.len(),
        differing.first()
    );
}

/// The row counts of a fixture, read from a scratch copy so the fixture itself is never opened.
fn row_counts_of_fixture(version: u32, bytes: &[u8]) -> BTreeMap<String, i64> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("v{version}.db"));
    std::fs::write(&path, bytes).unwrap();
    row_counts(&path)
}

/// The `.bak` files next to the database.
fn backups(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bak"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------
// What the fixtures hold, written out independently of the script that made them.

fn expected_setup() -> WorkshopSetup {
    let workshop = Workshop {
        id: id(WORKSHOP),
        process_id: Some(id(PROCESS)),
        details: WorkshopDetails {
            title: "Bildung für alle – Übergänge gestalten".into(),
            date: NaiveDate::from_ymd_opt(2025, 10, 14),
            start_time: NaiveTime::from_hms_opt(17, 30, 0),
            place: "Bürgerhaus Hürth, Saal 2".into(),
            purpose: "Ideen für gute Übergänge von der Kita in die Schule sammeln.".into(),
            language: Language::De,
            travel_mode: TravelMode::Free,
            ..WorkshopDetails::titled("")
        },
        created_at: at("2025-09-02T08:15:30.125Z"),
        updated_at: at("2025-10-14T19:02:11.5Z"),
    };
    let rounds = [(20, 5, "Was gelingt heute schon?"), (20, 5, "Was fehlt noch?"), (25, 0, "Was tun wir als Erstes?")]
        .into_iter()
        .zip(0..)
        .map(|((duration_minutes, break_after_minutes, question), position)| Round {
            id: id(ROUNDS[position as usize]),
            workshop_id: workshop.id,
            position,
            input: RoundInput { duration_minutes, break_after_minutes, question: question.into() },
        })
        .collect();
    let tables = [
        ("Sprache & Bildung", "Welche Sprachangebote fehlen?"),
        ("Übergang Kita – Schule", "Wer begleitet den Übergang?"),
        ("Eltern erreichen", "Wie erreichen wir Väter?"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (topic, question))| CafeTable {
        id: id(TABLES[i]),
        workshop_id: workshop.id,
        input: TableInput {
            number: u32::try_from(i).unwrap() + 1,
            topic: topic.into(),
            capacity: 4,
            // Table i is hosted by person i and has its own question in round i.
            host_id: Some(id(PEOPLE[i])),
            questions: vec![TableQuestion { round_id: id(ROUNDS[i]), text: question.into() }],
        },
    })
    .collect();
    let process = Process {
        id: id(PROCESS),
        title: "Integrationskonzept Rhein-Erft 2025".into(),
        description: String::new(),
        vision: String::new(),
    };
    WorkshopSetup { participants: expected_participants(workshop.id), workshop, process: Some(process), tables, rounds }
}

/// First name, last name, organisation, group, role, e-mail, attributes, attendance.
type Person = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    Attendance,
);

fn expected_participants(workshop: WorkshopId) -> Vec<Participant> {
    let people: [Person; 8] = [
        (
            "Jürgen",
            "Straßer",
            "Caritas",
            "Träger",
            "Gastgeber",
            "j.strasser@caritas.example",
            &[("Kommune", "Hürth")],
            Attendance::Present,
        ),
        (
            "Özlem",
            "Şahin",
            "AWO",
            "Träger",
            "Gastgeberin",
            "oezlem.sahin@awo.example",
            &[("Kommune", "Kerpen")],
            Attendance::Present,
        ),
        ("Bärbel", "Müller", "Stadt Hürth", "Verwaltung", "Gastgeberin", "", &[], Attendance::Present),
        (
            "Łukasz",
            "Wiśniewski",
            "Stadtsportbund",
            "Vereine",
            "",
            "lukasz@ssb.example",
            &[("Kommune", "Brühl")],
            Attendance::Present,
        ),
        ("Zeynep", "Öztürk", "VHS", "Bildung", "Übungsleiterin", "", &[], Attendance::Present),
        (
            "Klaus",
            "Öhler",
            "Jobcenter",
            "Verwaltung",
            "",
            "",
            &[("Kommune", "Hürth"), ("Sprache", "Deutsch")],
            Attendance::Absent,
        ),
        ("Fatma", "Yıldız", "DİTİB", "Migrantenorganisationen", "", "fatma@ditib.example", &[], Attendance::Left),
        ("Renée", "Lévêque", "Elternrat", "Eltern", "", "", &[], Attendance::Expected),
    ];
    people
        .iter()
        .enumerate()
        .map(|(i, &(first, last, organisation, group, role, email, attributes, attendance))| {
            let created = at(&format!("2025-09-{:02}T10:0{i}:00Z", 10 + i));
            Participant {
                id: id(PEOPLE[i]),
                workshop_id: workshop,
                input: ParticipantInput {
                    first_name: first.into(),
                    last_name: last.into(),
                    organisation: organisation.into(),
                    group: group.into(),
                    role: role.into(),
                    email: email.into(),
                    attributes: attributes.iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect(),
                    // Wishes came with version 11: older files have none.
                    wishes: Vec::new(),
                },
                attendance,
                walk_in: false,
                created_at: created,
                updated_at: created,
            }
        })
        .collect()
}

fn expected_seats() -> Vec<Seat> {
    let seating: [[&[usize]; 3]; 3] =
        [[&[0, 3, 4], &[1, 5, 6], &[2, 7]], [&[0, 5, 7], &[1, 3], &[2, 4, 6]], [&[0, 6], &[1, 4, 7], &[2, 3, 5]]];
    let mut seats = Vec::new();
    for (r, tables) in seating.iter().enumerate() {
        for (t, people) in tables.iter().enumerate() {
            for &p in *people {
                seats.push(Seat {
                    round_id: id(ROUNDS[r]),
                    participant_id: id(PEOPLE[p]),
                    table_id: id(TABLES[t]),
                    pinned: (r, p) == (2, 7),
                });
            }
        }
    }
    seats
}

/// Table, round, kind, text, tags, author, time of day.
type NoteRow =
    (Option<usize>, Option<usize>, NoteKind, &'static str, &'static [&'static str], &'static str, &'static str);

fn expected_notes() -> Vec<Note> {
    let notes: [NoteRow; 5] = [
        (
            Some(0),
            Some(0),
            NoteKind::Note,
            "Elterncafés in den Kitas stärken",
            &["Eltern", "Kita"],
            "Jürgen",
            "17:41:02.250",
        ),
        (
            Some(1),
            Some(1),
            NoteKind::Note,
            "Übergänge brauchen feste Ansprechpersonen",
            &["Übergang"],
            "Özlem",
            "18:04:47",
        ),
        (Some(2), Some(2), NoteKind::Note, "Väter gezielt über Sportvereine ansprechen", &[], "", "18:29:13.75"),
        (
            Some(0),
            None,
            NoteKind::TableSummary,
            "Sprache früh fördern und Eltern in ihrer Sprache einbeziehen.",
            &[],
            "Jürgen",
            "18:51:00",
        ),
        (
            None,
            None,
            NoteKind::WorkshopSummary,
            "Übergänge gelingen mit festen Ansprechpersonen und mehrsprachiger Elternarbeit.",
            &["Ergebnis"],
            "Moderation",
            "19:01:30",
        ),
    ];
    notes
        .iter()
        .enumerate()
        .map(|(i, &(table, round, kind, text, tags, author, time))| {
            let when = at(&format!("2025-10-14T{time}Z"));
            Note {
                id: id(NOTES[i]),
                workshop_id: id(WORKSHOP),
                table_id: table.map(|t| id(TABLES[t])),
                round_id: round.map(|r| id(ROUNDS[r])),
                kind,
                text: text.into(),
                tags: tags.iter().map(|&t| t.to_owned()).collect(),
                author: author.into(),
                created_at: when,
                updated_at: when,
                source: cafehost_core::Source::App,
            }
        })
        .collect()
}

/// The photo's bytes, as `make_fixtures.py` builds them: JPEG start and JFIF header, filler, end.
fn expected_photo_bytes() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    bytes.extend((0..400u32).map(|i| u8::try_from((i * 37 + 11) % 256).unwrap()));
    bytes.extend([0xFF, 0xD9]);
    bytes
}

fn expected_statements() -> Vec<Statement> {
    let statement = |i: usize, level, text: &str, votes, owner: &str, time_frame: &str, status, time: &str| Statement {
        id: id(STATEMENTS[i]),
        process_id: Some(id(PROCESS)),
        workshop_id: None,
        level,
        // One statement per level: each is the first on its level.
        number: 1,
        text: text.into(),
        field_id: None,
        field_of_action: "Bildung".into(),
        votes,
        owner: owner.into(),
        time_frame: time_frame.into(),
        status,
        source_note_ids: Vec::new(),
        source_photo_ids: Vec::new(),
        linked_statement_ids: vec![id(STATEMENTS[1 - i])],
        plan: StatementPlan::default(),
        created_at: at(&format!("2025-10-14T{time}Z")),
        updated_at: at(&format!("2025-10-14T{time}Z")),
    };
    let mut goal = statement(
        0,
        StatementLevel::Goal,
        "Eltern früh erreichen",
        5,
        "Jugendamt",
        "bis Sommer 2026",
        StatementStatus::Agreed,
        "19:10:00",
    );
    goal.source_note_ids = vec![id(NOTES[0]), id(NOTES[1]), id(NOTES[3])];
    goal.source_note_ids.sort();
    let mut measure = statement(
        1,
        StatementLevel::Measure,
        "Elterncafés in allen Kitas des Kreises",
        7,
        "Kita-Träger",
        "2026",
        StatementStatus::Draft,
        "19:12:30.5",
    );
    measure.source_note_ids = vec![id(NOTES[0])];
    vec![goal, measure]
}

fn by_id<T: Clone, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut sorted = items.to_vec();
    sorted.sort_by_key(key);
    sorted
}

// ---------------------------------------------------------------------------------------------

/// Everything in the fixture, read through the store's public API, is what was written.
fn assert_fixture_content(store: &mut Store, version: u32) {
    let workshop: WorkshopId = id(WORKSHOP);
    let process = Scope::Process(id(PROCESS));
    let want = expected_setup();
    let got = store.workshop_setup(workshop).unwrap();
    assert_eq!(got.workshop, want.workshop);
    assert_eq!(store.workshop(workshop).unwrap(), want.workshop);
    assert_eq!(got.process, want.process);
    assert_eq!(store.processes().unwrap(), vec![want.process.clone().unwrap()]);
    assert_eq!(got.rounds, want.rounds);
    assert_eq!(got.tables, want.tables);
    assert_eq!(by_id(&got.participants, |p| p.id), by_id(&want.participants, |p| p.id));
    let seat_key = |s: &Seat| (s.round_id, s.participant_id);
    assert_eq!(by_id(&store.seats(workshop).unwrap(), seat_key), by_id(&expected_seats(), seat_key));

    assert_eq!(store.notes(process).unwrap(), expected_notes());
    assert_eq!(store.notes(Scope::Workshop(workshop)).unwrap(), expected_notes());
    for note in expected_notes() {
        assert_eq!(store.note(note.id).unwrap(), note);
    }

    let photos = store.attachments(workshop).unwrap();
    let bytes = expected_photo_bytes();
    assert_eq!(
        photos,
        vec![Attachment {
            id: id(PHOTO),
            workshop_id: workshop,
            table_id: Some(id(TABLES[0])),
            round_id: Some(id(ROUNDS[0])),
            file_name: "Tischdecke 1 – Runde 1.jpg".into(),
            media_type: "image/jpeg".into(),
            byte_len: u32::try_from(bytes.len()).unwrap(),
            rotation_degrees: 90,
            created_at: at("2025-10-14T17:58:20.031Z"),
            source: cafehost_core::Source::App,
        }]
    );
    let (media_type, stored) = store.attachment_bytes(id(PHOTO)).unwrap();
    assert_eq!(media_type, "image/jpeg");
    assert!(stored.starts_with(&[0xFF, 0xD8, 0xFF]), "the photo is still a JPEG");
    assert_eq!(stored, bytes, "the photo's bytes");

    // The field typed on the statements became the process's list (schema 7), with an id of its own.
    let fields = store.fields_of_action(process).unwrap();
    assert_eq!(fields.iter().map(|f| (f.name.as_str(), f.position)).collect::<Vec<_>>(), [("Bildung", 0)]);
    assert_eq!(fields[0].process_id, Some(id(PROCESS)));
    let statements = store.statements(process).unwrap();
    let expected: Vec<Statement> =
        expected_statements().into_iter().map(|s| Statement { field_id: Some(fields[0].id), ..s }).collect();
    assert_eq!(statements, expected);
    for statement in &statements {
        assert_eq!(&store.statement(statement.id).unwrap(), statement);
    }

    assert_eq!(store.setting("ui.language").unwrap().as_deref(), Some("de"));

    let run = store.run_state(workshop).unwrap();
    if version >= 2 {
        let state = RunState { step: 3, running_since: None, elapsed_ms: 754_250, extra_seconds: 60 };
        assert_eq!(run, (state, RunFrame { welcome_minutes: 15, harvest_minutes: 25 }));
    } else {
        assert_eq!(run, (RunState::default(), RunFrame::default()), "no run clock before schema 2");
    }
}

/// The rows read above are all the rows there are: nothing in the file went unchecked.
fn assert_every_row_was_read(path: &Path, version: u32) {
    let want = expected_setup();
    let questions: usize = want.tables.iter().map(|t| t.input.questions.len()).sum();
    let sources: usize = expected_statements().iter().map(|s| s.source_note_ids.len()).sum();
    let mut expected = BTreeMap::from([
        ("process", 1),
        ("workshop", 1),
        ("round", want.rounds.len()),
        ("participant", want.participants.len()),
        ("cafe_table", want.tables.len()),
        ("table_question", questions),
        ("seat", expected_seats().len()),
        ("note", expected_notes().len()),
        ("attachment", 1),
        ("statement", expected_statements().len()),
        ("statement_source", sources),
        // One row per linked pair (the API shows it on both statements).
        ("statement_link", 1),
        // The fixture's language, and the identity every database gets when it is opened.
        ("setting", 2),
        ("run_state", usize::from(version >= 2)),
        ("field_of_action", 1),
    ]);
    // Tables that later versions add must still be empty after an upgrade.
    let counts = row_counts(path);
    for name in counts.keys() {
        expected.entry(name.as_str()).or_insert(0);
    }
    let expected: BTreeMap<String, i64> =
        expected.into_iter().map(|(k, v)| (k.to_owned(), i64::try_from(v).unwrap())).collect();
    assert_eq!(counts, expected);
}

/// A workshop of no process, written into an old file as that version wrote it.
fn insert_workshop_without_process(conn: &rusqlite::Connection, id: &str) {
    conn.execute(
        "INSERT INTO workshop (id, title, language, travel_mode, created_at, updated_at)
         VALUES (?1, 'Ohne Prozess', 'de', 'free', '2025-10-01 08:00:00+00:00', '2025-10-01 08:00:00+00:00')",
        [id],
    )
    .unwrap();
}

fn upgrade_keeps_everything(version: u32) {
    let (dir, path, original) = user_file(version);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(pragma(&path, "user_version"), i64::from(SCHEMA_VERSION), "migrated to the current schema");
    assert_eq!(pragma(&path, "application_id"), i64::from(APPLICATION_ID));
    store.check_integrity().unwrap();

    // The file as it was before the migration is kept next to it: every page as it was, and
    // restoring it gives back the old version's file with everything in it.
    let backup = dir.path().join(format!("cafehost.db.v{version}.bak"));
    assert_eq!(backups(dir.path()), [format!("cafehost.db.v{version}.bak")]);
    let kept = std::fs::read(&backup).unwrap();
    assert_same_file(&kept, &original, version);
    let restored = dir.path().join("restored").join("cafehost.db");
    std::fs::create_dir_all(restored.parent().unwrap()).unwrap();
    std::fs::write(&restored, &kept).unwrap();
    assert_eq!(pragma(&restored, "user_version"), i64::from(version), "the copy is still a version {version} file");
    assert_eq!(row_counts(&restored), row_counts_of_fixture(version, &original));
    assert_fixture_content(&mut Store::open(&restored).unwrap(), version);

    assert_fixture_content(&mut store, version);
    assert_every_row_was_read(&path, version);

    // The full-text search of schema 3 covers the notes that were there before it: case and
    // accents are folded, so words typed without umlauts find them.
    let process = Scope::Process(id(PROCESS));
    assert_eq!(store.search_notes(process, "vater").unwrap(), vec![id::<NoteId>(NOTES[2])]);
    assert_eq!(store.search_notes(process, "ELTERNCAFES").unwrap(), vec![id::<NoteId>(NOTES[0])]);
    let mut found = store.search_notes(process, "ubergange ansprechpersonen").unwrap();
    found.sort();
    let mut want: Vec<NoteId> = vec![id(NOTES[1]), id(NOTES[4])];
    want.sort();
    assert_eq!(found, want);
    assert_eq!(store.search_notes(process, "Schwimmbad").unwrap(), Vec::<NoteId>::new());

    // The upgraded file has exactly the schema of a file this build creates: no migration was
    // changed after the fixtures were made, and none is missing.
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    assert_eq!(schema(&path), schema(&fresh));
    std::fs::remove_file(&fresh).unwrap();
    drop(store);

    // A second open finds the current schema: no migration, no new copy, the old copy unchanged.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(backups(dir.path()), [format!("cafehost.db.v{version}.bak")], "no second copy");
    assert!(std::fs::read(&backup).unwrap() == kept, "the kept copy is left as it was");
    assert_eq!(pragma(&path, "user_version"), i64::from(SCHEMA_VERSION));
    assert_fixture_content(&mut store, version);
}

#[test]
fn a_version_1_file_is_upgraded_and_keeps_everything() {
    upgrade_keeps_everything(1);
}

#[test]
fn a_version_2_file_is_upgraded_and_keeps_everything() {
    upgrade_keeps_everything(2);
}

#[test]
fn a_version_3_file_is_upgraded_and_keeps_everything() {
    upgrade_keeps_everything(3);
}

#[test]
fn a_version_4_file_is_upgraded_and_keeps_everything() {
    upgrade_keeps_everything(4);
}

#[test]
fn an_upgraded_file_numbers_its_statements_per_level_and_field_in_the_order_they_were_made() {
    let (_dir, path, _) = user_file(4);
    // More goals written as version 4 wrote them: made before, between and after the fixture's
    // (a goal on "Bildung" at 19:10), with votes that would put them in another order, on the
    // fixture's field, on another and on none, and one in a workshop of no process (a scope of
    // its own). Version 5 numbered them per level (the fixture's goal 2nd), version 10 per level
    // and field of action.
    let other_workshop = "0b0c3e4e-7a5f-4a8e-9a57-1d2c3b4a5f60";
    let added = [
        ("1f0e4a52-0c38-4a1c-9b5e-2f6f6b0e7d11", Some(PROCESS), None, "2025-10-14 19:05:00+00:00", 9, ""),
        ("ff6d7b21-4b8e-4a5c-8d1e-3a2b1c0d9e8f", Some(PROCESS), None, "2025-10-14 19:11:00+00:00", 0, "bildung"),
        ("05a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b", Some(PROCESS), None, "2025-10-14 19:30:00.25+00:00", 3, ""),
        ("2a1b2c3d-d4e5-4f60-8a7b-9c0d1e2f3a4b", Some(PROCESS), None, "2025-10-14 19:31:00+00:00", 5, "Wohnen"),
        ("7c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", None, Some(other_workshop), "2025-10-14 19:40:00+00:00", 1, ""),
    ];
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        insert_workshop_without_process(&conn, other_workshop);
        for (statement, process, workshop, at, votes, field) in added {
            conn.execute(
                "INSERT INTO statement
                        (id, process_id, workshop_id, level, text, votes, field_of_action, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'goal', 'Noch ein Ziel', ?4, ?5, ?6, ?6)",
                rusqlite::params![statement, process, workshop, votes, field, at],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    store.check_integrity().unwrap();
    let numbers = |scope| -> Vec<(String, StatementLevel, String, u32)> {
        let mut all: Vec<_> = store
            .statements(scope)
            .unwrap()
            .into_iter()
            .map(|s| (s.id.to_string(), s.level, s.field_of_action, s.number))
            .collect();
        all.sort_by_key(|(_, level, field, number)| (*level as u8, field.clone(), *number));
        all
    };
    let goal = |id: &str, field: &str, number| (id.to_owned(), StatementLevel::Goal, field.to_owned(), number);
    assert_eq!(
        numbers(Scope::Process(id(PROCESS))),
        vec![
            goal(added[0].0, "", 1),
            goal(added[2].0, "", 2),
            goal(STATEMENTS[0], "Bildung", 1),
            goal(added[1].0, "Bildung", 2),
            goal(added[3].0, "Wohnen", 1),
            (STATEMENTS[1].to_owned(), StatementLevel::Measure, "Bildung".to_owned(), 1),
        ],
        "numbered per level and field in the order they were made, not by votes"
    );
    assert_eq!(
        numbers(Scope::Workshop(id(other_workshop))),
        vec![goal(added[4].0, "", 1)],
        "a workshop of no process counts on its own"
    );
}

#[test]
fn an_upgraded_file_takes_walk_ins_and_counts_everyone_before_as_registered() {
    let (_dir, path, _) = user_file(3);
    let workshop: WorkshopId = id(WORKSHOP);
    let walk_in = Participant {
        id: ParticipantId::new(),
        attendance: Attendance::Present,
        walk_in: true,
        created_at: at("2025-10-14T17:45:00Z"),
        updated_at: at("2025-10-14T17:45:00Z"),
        ..expected_participants(workshop)[0].clone()
    };
    Store::open(&path).unwrap().insert_participants(std::slice::from_ref(&walk_in)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.participant(walk_in.id).unwrap(), walk_in);
    let registered = store.participants(workshop).unwrap().into_iter().filter(|p| !p.walk_in).count();
    assert_eq!(registered, expected_participants(workshop).len(), "everyone on the list before was registered");
}

#[test]
fn an_upgraded_file_takes_new_run_clocks_and_notes() {
    let (_dir, path, _) = user_file(1);
    let workshop: WorkshopId = id(WORKSHOP);
    let state =
        RunState { step: 2, running_since: Some(at("2025-10-14T17:55:00Z")), elapsed_ms: 5_000, extra_seconds: 0 };
    let frame = RunFrame { welcome_minutes: 5, harvest_minutes: 30 };
    let note = Note {
        id: NoteId::new(),
        text: "Schulweg-Paten für neue Familien".into(),
        tags: vec!["Übergang".into()],
        created_at: at("2025-10-14T19:20:00Z"),
        updated_at: at("2025-10-14T19:20:00Z"),
        source: cafehost_core::Source::App,
        ..expected_notes()[1].clone()
    };
    {
        let mut store = Store::open(&path).unwrap();
        store.set_run_state(workshop, &state, &frame).unwrap();
        store.insert_note(&note).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.run_state(workshop).unwrap(), (state, frame));
    assert_eq!(store.note(note.id).unwrap(), note);
    assert_eq!(store.search_notes(Scope::Workshop(workshop), "schulweg paten").unwrap(), vec![note.id]);
    // Found by its tag too, and the old notes with the same tag still are.
    let mut tagged = store.search_notes(Scope::Workshop(workshop), "ubergang").unwrap();
    tagged.sort();
    let mut want = vec![note.id, id(NOTES[1]), id(NOTES[4])];
    want.sort();
    assert_eq!(tagged, want);
}

#[test]
fn an_upgraded_file_lists_the_fields_typed_so_far_in_the_order_they_first_appeared() {
    let (_dir, path, _) = user_file(4);
    // Statements as version 4 wrote them, their field typed freely: a new field before the
    // fixture's "Bildung" (made at 19:10), the same field in other case, blanks, and a workshop of
    // no process with a list of its own.
    let other_workshop = "0b0c3e4e-7a5f-4a8e-9a57-1d2c3b4a5f60";
    let added = [
        ("1f0e4a52-0c38-4a1c-9b5e-2f6f6b0e7d11", Some(PROCESS), None, "2025-10-14 19:05:00+00:00", " Arbeit "),
        ("ff6d7b21-4b8e-4a5c-8d1e-3a2b1c0d9e8f", Some(PROCESS), None, "2025-10-14 19:11:00+00:00", "BILDUNG"),
        ("05a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b", Some(PROCESS), None, "2025-10-14 19:30:00+00:00", "Wohnen"),
        ("2a1b2c3d-d4e5-4f60-8a7b-9c0d1e2f3a4b", Some(PROCESS), None, "2025-10-14 19:31:00+00:00", "  "),
        ("7c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", None, Some(other_workshop), "2025-10-14 19:40:00+00:00", "Arbeit"),
    ];
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        insert_workshop_without_process(&conn, other_workshop);
        for (statement, process, workshop, at, field) in added {
            conn.execute(
                "INSERT INTO statement (id, process_id, workshop_id, level, text, field_of_action, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'goal', 'Noch ein Ziel', ?4, ?5, ?5)",
                rusqlite::params![statement, process, workshop, field, at],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    store.check_integrity().unwrap();
    let process = Scope::Process(id(PROCESS));
    let list = store.fields_of_action(process).unwrap();
    assert_eq!(
        list.iter().map(|f| (f.name.as_str(), f.position)).collect::<Vec<_>>(),
        [("Arbeit", 0), ("Bildung", 1), ("Wohnen", 2)],
        "in the order they first appeared, trimmed, spelled as first typed"
    );
    assert!(list.iter().all(|f| f.id.0.get_version_num() == 4), "random ids");
    assert!(list.iter().all(|f| f.situation.is_empty()), "no starting situation until one is written");
    let field_of = |statement: &str| store.statement(id(statement)).unwrap().field_of_action;
    assert_eq!(field_of(added[1].0), "Bildung", "another case is the same field");
    assert_eq!(store.statement(id(added[3].0)).unwrap().field_id, None, "a blank field is none");
    let own = store.fields_of_action(Scope::Workshop(id(other_workshop))).unwrap();
    assert_eq!(
        own.iter().map(|f| (f.name.as_str(), f.workshop_id)).collect::<Vec<_>>(),
        [("Arbeit", Some(id(other_workshop)))]
    );
    assert_ne!(own[0].id, list[0].id, "each scope has its own list");
    assert_eq!(store.statement(id(added[4].0)).unwrap().field_id, Some(own[0].id));
}
