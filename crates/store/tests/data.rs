//! Queries and updates on a real file: round trips, cascades, numbering, conflicts, and two
//! connections writing at once.

#![allow(clippy::unwrap_used, missing_docs)]

use std::collections::BTreeMap;

use cafehost_core::*;
use cafehost_store::{Store, StoreError};
use chrono::Utc;

fn participant(workshop: WorkshopId, first: &str, last: &str, org: &str) -> Participant {
    let now = Utc::now();
    Participant {
        id: ParticipantId::new(),
        workshop_id: workshop,
        input: ParticipantInput {
            first_name: first.into(),
            last_name: last.into(),
            organisation: org.into(),
            attributes: BTreeMap::from([("Kommune".into(), "Bergheim".into())]),
            wishes: vec!["Wohnen".into(), "Tisch 3".into()],
            ..Default::default()
        },
        attendance: Attendance::Expected,
        walk_in: false,
        created_at: now,
        updated_at: now,
    }
}

fn sample(title: &str) -> WorkshopSetup {
    let now = Utc::now();
    let id = WorkshopId::new();
    let rounds: Vec<Round> = (0..3)
        .map(|i| Round {
            id: RoundId::new(),
            workshop_id: id,
            position: i,
            input: RoundInput { duration_minutes: 20, break_after_minutes: 5, question: format!("Frage {i}") },
        })
        .collect();
    let participants = vec![participant(id, "Özlem", "Şahin", "AWO"), participant(id, "Jürgen", "Straßer", "Caritas")];
    let tables = vec![CafeTable {
        id: TableId::new(),
        workshop_id: id,
        input: TableInput {
            number: 1,
            topic: "Sprache & Bildung".into(),
            capacity: 6,
            host_id: Some(participants[0].id),
            questions: vec![TableQuestion { round_id: rounds[1].id, text: "Was brauchen Kitas?".into() }],
        },
    }];
    WorkshopSetup {
        workshop: Workshop {
            id,
            process_id: None,
            details: WorkshopDetails {
                date: chrono::NaiveDate::from_ymd_opt(2014, 4, 9),
                ..WorkshopDetails::titled(title)
            },
            created_at: now,
            updated_at: now,
        },
        process: None,
        tables,
        rounds,
        participants,
    }
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cafehost.db")).unwrap();
    (dir, store)
}

#[test]
fn a_whole_setup_round_trips() {
    let (_dir, mut store) = open();
    let setup = sample("Bildung");
    store.insert_setup(&setup).unwrap();
    let loaded = store.workshop_setup(setup.workshop.id).unwrap();
    assert_eq!(loaded.workshop, setup.workshop);
    assert_eq!(loaded.rounds, setup.rounds);
    assert_eq!(loaded.tables, setup.tables);
    let mut expected = setup.participants.clone();
    expected.sort_by(|a, b| a.input.last_name.cmp(&b.input.last_name));
    assert_eq!(loaded.participants, expected);
    let summaries = store.workshop_summaries().unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!((summaries[0].1.table_count, summaries[0].1.round_count, summaries[0].1.participant_count), (1, 3, 2));
}

#[test]
fn a_field_keeps_its_situation_and_knows_its_workshops() {
    let (_dir, mut store) = open();
    let now = Utc::now();
    let process = store.find_or_create_process("Integrationskonzept", now).unwrap();
    let (later, earlier, undated) = (sample("Später"), sample("Früher"), sample("Ohne Datum"));
    let field = cafehost_core::fields::appended(FieldOfActionId::new(), "Bildung".into(), Some(process.id), None, &[]);
    store.save_fields_of_action(std::slice::from_ref(&field)).unwrap();
    for (setup, day) in [(&later, Some(20)), (&earlier, Some(3)), (&undated, None)] {
        store.insert_setup(setup).unwrap();
        store.set_workshop_process(setup.workshop.id, Some(process.id), None).unwrap();
        let details = WorkshopDetails {
            field_id: Some(field.id),
            date: day.and_then(|d| chrono::NaiveDate::from_ymd_opt(2026, 5, d)),
            ..setup.workshop.details.clone()
        };
        store.update_workshop_details(setup.workshop.id, &details, now).unwrap();
    }
    let elsewhere = sample("Anderes Feld");
    store.insert_setup(&elsewhere).unwrap();
    assert_eq!(
        store.workshops_on_field(field.id).unwrap(),
        [earlier.workshop.id, later.workshop.id, undated.workshop.id],
        "by date, undated last"
    );
    let written = FieldOfAction { situation: "- Wenige Plätze\n- Lange Wege".into(), ..field.clone() };
    store.save_fields_of_action(std::slice::from_ref(&written)).unwrap();
    assert_eq!(store.field_of_action(field.id).unwrap(), written);
    // A rename or move writes the entry as read, so its situation stays.
    let renamed = FieldOfAction { name: "Frühe Bildung".into(), ..store.field_of_action(field.id).unwrap() };
    store.save_fields_of_action(std::slice::from_ref(&renamed)).unwrap();
    assert_eq!(store.field_of_action(field.id).unwrap().situation, written.situation);
}

#[test]
fn processes_are_found_by_title_regardless_of_case() {
    let (_dir, mut store) = open();
    let now = Utc::now();
    let a = store.find_or_create_process("Integrationskonzept 2014", now).unwrap();
    let b = store.find_or_create_process("INTEGRATIONSKONZEPT 2014", now).unwrap();
    assert_eq!(a, b);
    assert_eq!(store.processes().unwrap().len(), 1);
    let setup = sample("Bildung");
    store.insert_setup(&setup).unwrap();
    store.set_workshop_process(setup.workshop.id, Some(a.id), None).unwrap();
    assert_eq!(store.delete_empty_processes().unwrap(), 0);
    store.delete_workshop(setup.workshop.id).unwrap();
    assert_eq!(store.delete_empty_processes().unwrap(), 1);
}

#[test]
fn deleting_a_workshop_removes_everything_in_it() {
    let (_dir, mut store) = open();
    let keep = sample("Bleibt");
    let gone = sample("Geht");
    store.insert_setup(&keep).unwrap();
    store.insert_setup(&gone).unwrap();
    store.delete_workshop(gone.workshop.id).unwrap();
    assert!(matches!(store.workshop(gone.workshop.id), Err(StoreError::NotFound { entity: "workshop" })));
    assert!(store.participants(gone.workshop.id).unwrap().is_empty());
    assert!(store.tables(gone.workshop.id).unwrap().is_empty());
    assert_eq!(store.participants(keep.workshop.id).unwrap().len(), 2);
    assert!(matches!(store.delete_workshop(gone.workshop.id), Err(StoreError::NotFound { .. })));
}

#[test]
fn rounds_stay_numbered_without_gaps() {
    let (_dir, mut store) = open();
    let setup = sample("Runden");
    store.insert_setup(&setup).unwrap();
    store.delete_round(setup.rounds[0].id).unwrap();
    let added = store.append_round(setup.workshop.id, &RoundInput::default()).unwrap();
    let positions: Vec<u32> = store.rounds(setup.workshop.id).unwrap().iter().map(|r| r.position).collect();
    assert_eq!(positions, vec![0, 1, 2]);
    assert_eq!(added.position, 2);
    // The table question of the deleted round went with it; the other one stayed.
    assert_eq!(store.tables(setup.workshop.id).unwrap()[0].input.questions.len(), 1);
}

#[test]
fn a_table_number_can_be_used_once_per_workshop() {
    let (_dir, mut store) = open();
    let setup = sample("Tische");
    store.insert_setup(&setup).unwrap();
    let twin = CafeTable { id: TableId::new(), ..setup.tables[0].clone() };
    assert!(matches!(store.insert_table(&twin), Err(StoreError::Conflict { .. })));
    let other = sample("Andere");
    store.insert_setup(&other).unwrap();
    assert_eq!(store.tables(other.workshop.id).unwrap()[0].input.number, 1, "numbers are per workshop");
}

#[test]
fn deleting_a_host_leaves_the_table_without_host() {
    let (_dir, mut store) = open();
    let setup = sample("Gastgeber");
    store.insert_setup(&setup).unwrap();
    store.delete_participant(setup.participants[0].id).unwrap();
    assert_eq!(store.tables(setup.workshop.id).unwrap()[0].input.host_id, None);
}

#[test]
fn participant_updates_and_attendance_persist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafehost.db");
    let setup = sample("Teilnahme");
    let pid = setup.participants[1].id;
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_setup(&setup).unwrap();
        let input = ParticipantInput {
            role: "Integrationsbeauftragter".into(),
            wishes: vec!["Kita".into(), "Sprache \"B1\"".into()],
            ..setup.participants[1].input.clone()
        };
        store.update_participant(pid, &input, Utc::now()).unwrap();
        store.set_attendance(pid, Attendance::Present, Utc::now()).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let p = store.participant(pid).unwrap();
    assert_eq!(p.input.role, "Integrationsbeauftragter");
    assert_eq!(p.attendance, Attendance::Present);
    assert_eq!(p.input.attributes.get("Kommune").map(String::as_str), Some("Bergheim"));
    assert_eq!(p.input.wishes, ["Kita", "Sprache \"B1\""], "wishes kept in their order");
    let inserted = store.participant(setup.participants[0].id).unwrap();
    assert_eq!(inserted.input.wishes, ["Wohnen", "Tisch 3"]);
}

#[test]
fn two_connections_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafehost.db");
    let setup = sample("Gleichzeitig");
    Store::open(&path).unwrap().insert_setup(&setup).unwrap();
    let workshop = setup.workshop.id;
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..50 {
                    store
                        .insert_participants(&[participant(workshop, &format!("W{w}"), &format!("P{i}"), "X")])
                        .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(Store::open(&path).unwrap().participants(workshop).unwrap().len(), 102);
}

#[test]
fn an_import_is_all_or_nothing() {
    let (_dir, mut store) = open();
    let setup = sample("Import");
    store.insert_setup(&setup).unwrap();
    let fresh = participant(setup.workshop.id, "Neu", "Person", "VHS");
    // The second one repeats an existing id: the whole batch must be rejected.
    let result = store.insert_participants(&[fresh.clone(), setup.participants[0].clone()]);
    assert!(result.is_err());
    assert_eq!(store.participants(setup.workshop.id).unwrap().len(), 2);
}

#[test]
fn settings_are_kept_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafehost.db");
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.setting("ui.language").unwrap(), None);
        store.set_setting("ui.language", "en").unwrap();
        store.set_setting("ui.language", "de").unwrap();
    }
    assert_eq!(Store::open(&path).unwrap().setting("ui.language").unwrap().as_deref(), Some("de"));
}

#[test]
fn seats_are_replaced_per_round_moved_one_by_one_and_removed_with_their_person() {
    let (dir, mut store) = open();
    let setup = sample("Sitzplan");
    store.insert_setup(&setup).unwrap();
    let table = setup.tables[0].id;
    let seat = |round: usize, person: usize, pinned: bool| Seat {
        round_id: setup.rounds[round].id,
        participant_id: setup.participants[person].id,
        table_id: table,
        pinned,
    };
    let all: Vec<Seat> = (0..3).flat_map(|r| (0..2).map(move |p| (r, p))).map(|(r, p)| seat(r, p, false)).collect();
    store.replace_seats(&setup.rounds.iter().map(|r| r.id).collect::<Vec<_>>(), &all).unwrap();
    assert_eq!(store.seats(setup.workshop.id).unwrap().len(), 6);

    // Re-planning rounds 2 and 3 leaves round 1 alone.
    let later = [setup.rounds[1].id, setup.rounds[2].id];
    store.replace_seats(&later, &[seat(1, 0, false)]).unwrap();
    let seats = store.seats(setup.workshop.id).unwrap();
    assert_eq!(seats.len(), 3);
    assert_eq!(seats.iter().filter(|s| s.round_id == setup.rounds[0].id).count(), 2);

    // Setting a seat replaces that person's seat in that round.
    store.set_seat(&seat(1, 0, true)).unwrap();
    store.set_seat(&seat(1, 1, true)).unwrap();
    drop(store);
    let mut store = Store::open(&dir.path().join("cafehost.db")).unwrap();
    let seats = store.seats(setup.workshop.id).unwrap();
    assert_eq!(seats.len(), 4);
    assert_eq!(seats.iter().filter(|s| s.pinned).count(), 2, "pins survive reopening");

    store.delete_participant(setup.participants[1].id).unwrap();
    assert!(store.seats(setup.workshop.id).unwrap().iter().all(|s| s.participant_id != setup.participants[1].id));
}

/// A photo of `setup`'s first table in its first round.
fn photo(setup: &WorkshopSetup, name: &str) -> Attachment {
    Attachment {
        id: AttachmentId::new(),
        workshop_id: setup.workshop.id,
        table_id: Some(setup.tables[0].id),
        round_id: Some(setup.rounds[0].id),
        file_name: name.into(),
        media_type: "image/jpeg".into(),
        byte_len: 0,
        rotation_degrees: 0,
        created_at: Utc::now(),
        source: Source::App,
    }
}

/// A goal of the workshop (of no process) `setup`, from `photos`.
fn goal_from(setup: &WorkshopSetup, number: u32, photos: &[AttachmentId]) -> Statement {
    let now = Utc::now();
    Statement {
        id: StatementId::new(),
        process_id: None,
        workshop_id: Some(setup.workshop.id),
        level: StatementLevel::Goal,
        number,
        text: "Jedes Kind spricht gut Deutsch".into(),
        field_id: None,
        field_of_action: String::new(),
        votes: 0,
        owner: String::new(),
        time_frame: String::new(),
        status: StatementStatus::Draft,
        source_note_ids: Vec::new(),
        source_photo_ids: photos.to_vec(),
        linked_statement_ids: Vec::new(),
        plan: StatementPlan::default(),
        created_at: now,
        updated_at: now,
    }
}

#[test]
fn photos_a_statement_comes_from_round_trip_go_with_the_photo_and_travel_in_a_bundle() {
    let (dir, mut store) = open();
    let setup = sample("Fotos");
    store.insert_setup(&setup).unwrap();
    let (cloth, chart) = (photo(&setup, "tischdecke.jpg"), photo(&setup, "flipchart.jpg"));
    store.insert_attachment(&cloth, b"\xff\xd8\xff cloth").unwrap();
    store.insert_attachment(&chart, b"\xff\xd8\xff chart").unwrap();
    let mut ids = vec![cloth.id, chart.id];
    ids.sort_unstable();
    let goal = goal_from(&setup, 1, &ids);
    store.save_statement(&goal).unwrap();
    let read = store.statement(goal.id).unwrap();
    assert_eq!(read.source_photo_ids, ids, "saved with the statement");
    let scope = cafehost_store::Scope::Workshop(setup.workshop.id);
    assert_eq!(store.statements(scope).unwrap()[0].source_photo_ids, ids);
    assert_eq!(store.set_statement_photos(goal.id, &[chart.id, chart.id]).unwrap().source_photo_ids, [chart.id]);
    store.set_statement_photos(goal.id, &ids).unwrap();

    // Into a bundle and onto another laptop: the statement names the same photos there.
    let bundle = dir.path().join("fotos.cafehost");
    store.export_bundle(&[setup.workshop.id], &bundle).unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = Store::open(&other_dir.path().join("cafehost.db")).unwrap();
    let imported = other.import_bundle(&bundle).unwrap();
    assert_eq!((imported.photos_added, imported.statements_added), (2, 1));
    assert_eq!(other.statement(goal.id).unwrap().source_photo_ids, ids);
    // Known already: importing again adds nothing and leaves the sources as they are.
    other.set_statement_photos(goal.id, &[cloth.id]).unwrap();
    other.import_bundle(&bundle).unwrap();
    assert_eq!(other.statement(goal.id).unwrap().source_photo_ids, [cloth.id], "a known statement's stay ours");

    // A deleted photo is no statement's source any more; the statement stays.
    store.delete_attachment(cloth.id).unwrap();
    assert_eq!(store.statement(goal.id).unwrap().source_photo_ids, [chart.id]);
    // A deleted statement takes its rows with it: the photo can go on its own.
    store.delete_statement(goal.id).unwrap();
    store.delete_attachment(chart.id).unwrap();
    store.check_integrity().unwrap();
}
