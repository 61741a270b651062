//! Bundles between two laptops (two data folders): everything arrives, a second import changes
//! nothing, the same process on both laptops becomes one, and a newer bundle is refused untouched.

#![allow(clippy::unwrap_used, missing_docs)]

use base64::Engine as _;
use cafehost_app::{AppError, Cafehost, PlanOptions};
use cafehost_core::seating::PairKind;
use cafehost_core::*;

fn statement(level: StatementLevel, text: &str) -> StatementInput {
    StatementInput {
        level,
        text: text.into(),
        field_of_action: "Bildung".into(),
        votes: 2,
        owner: String::new(),
        time_frame: String::new(),
        status: StatementStatus::Draft,
    }
}

#[test]
fn a_workshop_travels_to_another_laptop_and_joins_the_same_process() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Cafehost::open(dir_a.path()).unwrap();
    let demo = a.settings().seed_demo_if_empty().unwrap().unwrap();
    a.seating().plan_rotation(demo, PlanOptions::default()).unwrap();
    let setup = a.setup().workshop_setup(demo).unwrap();
    let note = a
        .notes()
        .add_note(
            demo,
            Some(setup.tables[0].id),
            Some(setup.rounds[0].id),
            NoteKind::Note,
            &NoteInput { text: "Elterncafés stärken".into(), ..Default::default() },
        )
        .unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[1u8; 64]);
    a.notes()
        .add_attachment(
            demo,
            Some(setup.tables[0].id),
            Some(setup.rounds[0].id),
            "tisch1.png",
            &base64::engine::general_purpose::STANDARD.encode(&png),
        )
        .unwrap();
    let goal =
        a.harvest().add_statement(demo, &statement(StatementLevel::Goal, "Eltern früh erreichen"), &[note.id]).unwrap();
    // Two people kept apart, one decided to be someone of their own.
    let (p1, p2) = (setup.participants[3].id, setup.participants[4].id);
    let pairs = a.seating().set_pair(p1, p2, Some(PairKind::Apart)).unwrap();
    a.people().separate_person(demo, p1).unwrap();
    let bundle = dir_a.path().join("bildung.cafehost");
    let saved = a.bundles().export_bundle(demo, true, Some(bundle.clone())).unwrap();
    assert!(saved.bytes > 0);
    // One self-contained file: rollback journal (header byte 18 is 1; a write-ahead log is 2).
    assert_eq!(std::fs::read(&bundle).unwrap()[18], 1, "the bundle is not in WAL mode");

    // Laptop B has the same process under its own id, with a workshop of its own.
    let b = Cafehost::open(dir_b.path()).unwrap();
    let own = b
        .setup()
        .create_workshop(&NewWorkshop {
            title: "Arbeit".into(),
            process_title: Some("beispiel: integrationskonzept rhein-erft 2014".into()),
        })
        .unwrap();
    let own_goal =
        b.harvest().add_statement(own.id, &statement(StatementLevel::Goal, "Ausbildung öffnen"), &[]).unwrap();
    assert_eq!(own_goal.number, 1);

    let first = b.bundles().import_bundle(&bundle).unwrap();
    assert_eq!((first.workshops_added, first.notes_added, first.photos_added, first.statements_added), (1, 1, 1, 1));
    let again = b.bundles().import_bundle(&bundle).unwrap();
    assert_eq!((again.workshops_added, again.workshops_known, again.notes_added, again.statements_added), (0, 1, 0, 0));

    let overview = b.setup().workshop_overview().unwrap();
    assert_eq!(overview.len(), 1, "one process, not two: {overview:?}");
    assert_eq!(overview[0].workshops.len(), 2);
    let imported = b.setup().workshop_setup(demo).unwrap();
    assert_eq!((imported.tables.len(), imported.participants.len()), (6, 30));
    assert_eq!(b.seating().rotation_plan(demo).unwrap().seats.len(), 90);
    assert_eq!(b.seating().pairs(demo).unwrap(), pairs, "the pair travels");
    let people = b.people().process_people(demo).unwrap();
    let by_hand: Vec<_> =
        people.people.iter().filter(|p| p.by_hand).flat_map(|p| &p.entries).map(|e| e.participant).collect();
    assert_eq!(by_hand, vec![p1], "the decision travels");
    assert_eq!(b.notes().attachment_bytes(b.notes().attachments(demo).unwrap()[0].id).unwrap().1, png);
    let harvest = b.harvest().overview(own.id).unwrap();
    assert_eq!(harvest.statements.len(), 2, "both laptops' statements in the one process");
    let carried = harvest.statements.iter().find(|s| s.id == goal.id).unwrap();
    assert_eq!(carried.source_note_ids, vec![note.id]);
    // The goal was Z{n} on laptop A; where that number is taken here it gets the next free one,
    // and the goal this laptop had keeps its own.
    let goals: Vec<u32> =
        harvest.statements.iter().filter(|s| s.level == StatementLevel::Goal).map(|s| s.number).collect();
    assert_eq!(harvest.statements.iter().find(|s| s.id == own_goal.id).unwrap().number, 1);
    if goal.number == 1 {
        assert_eq!(carried.number, 2, "Z1 is taken here: {goals:?}");
    } else {
        assert_eq!(carried.number, goal.number, "a free number is kept: {goals:?}");
    }
    // Both on "Bildung", the first field of the list here: labelled apart.
    assert_eq!(harvest.labels[&carried.id].de, format!("Z 1.{}", carried.number));
    assert_eq!(harvest.labels[&own_goal.id].de, "Z 1.1");
    let next = b.harvest().add_statement(own.id, &statement(StatementLevel::Goal, "Noch ein Ziel"), &[]).unwrap();
    assert_eq!(next.number, goals.iter().max().unwrap() + 1, "new statements count on after the imported ones");
    assert_eq!(b.harvest().search_notes(own.id, "elterncafe").unwrap(), vec![note.id], "imported notes are searchable");
}

#[test]
fn a_bundle_from_a_newer_version_or_another_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(&dir.path().join("data")).unwrap();
    let demo = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let bundle = dir.path().join("demo.cafehost");
    app.bundles().export_bundle(demo, false, Some(bundle.clone())).unwrap();
    {
        let conn = rusqlite::Connection::open(&bundle).unwrap();
        conn.execute_batch("PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;").unwrap();
    }
    let before = std::fs::read(&bundle).unwrap();
    assert!(matches!(app.bundles().import_bundle(&bundle), Err(AppError::Open(_))));
    assert_eq!(std::fs::read(&bundle).unwrap(), before);

    let csv = dir.path().join("liste.cafehost");
    std::fs::write(&csv, "Vorname;Nachname\n").unwrap();
    assert!(matches!(app.bundles().import_bundle(&csv), Err(AppError::Open(_))));
}

/// A bundle of the demo, then changed by `tamper` as a hostile or broken file would be.
fn tampered_bundle(dir: &std::path::Path, tamper: &str) -> std::path::PathBuf {
    let app = Cafehost::open(&dir.join("source")).unwrap();
    let demo = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let saved = app.bundles().export_bundle(demo, false, Some(dir.join("paket.cafehost"))).unwrap();
    drop(app);
    let conn = rusqlite::Connection::open(&saved.path).unwrap();
    conn.execute_batch(tamper).unwrap();
    drop(conn);
    std::path::PathBuf::from(saved.path)
}

#[test]
fn a_bundle_that_is_not_what_cafehost_writes_is_refused_and_nothing_changes() {
    let work = tempfile::tempdir().unwrap();
    let laptop = tempfile::tempdir().unwrap();
    let app = Cafehost::open(laptop.path()).unwrap();
    let mine = app.setup().create_workshop(&NewWorkshop { title: "Meiner".into(), process_title: None }).unwrap();
    let cases = [
        // A view that never ends, in place of nothing Cafehost has.
        "CREATE VIEW endless AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n;",
        // A trigger of its own.
        "CREATE TRIGGER sneaky AFTER INSERT ON note BEGIN SELECT 1; END;",
        // A row the app could not read back: an id that is no id, a date that is no date.
        "UPDATE participant SET id = 'kaputt' WHERE rowid = (SELECT min(rowid) FROM participant);",
        "UPDATE workshop SET created_at = 'gestern';",
    ];
    for (i, tamper) in cases.iter().enumerate() {
        let dir = work.path().join(format!("case{i}"));
        let bundle = tampered_bundle(&dir, tamper);
        let before = std::fs::read(&bundle).unwrap();
        let refused = app.bundles().import_bundle(&bundle).unwrap_err();
        assert_eq!(refused.code(), "open.corrupt", "case {i}: {refused}");
        assert!(refused.to_string().contains("paket.cafehost"), "the refusal names the user's file: {refused}");
        assert_eq!(std::fs::read(&bundle).unwrap(), before, "the bundle is only read");
        let titles: Vec<String> = app
            .setup()
            .workshop_overview()
            .unwrap()
            .into_iter()
            .flat_map(|g| g.workshops.into_iter().map(|w| w.title))
            .collect();
        assert_eq!(titles, vec!["Meiner".to_owned()], "case {i}: nothing was imported");
    }
    assert_eq!(app.setup().workshop_setup(mine.id).unwrap().workshop.details.title, "Meiner");

    // Not a file with content: refused at once, without waiting on a pipe.
    let empty = work.path().join("leer.cafehost");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(app.bundles().import_bundle(&empty).unwrap_err().code(), "open.not_a_database");
    assert_eq!(app.bundles().import_bundle(work.path()).unwrap_err().code(), "open.not_a_database");
    let fifo = work.path().join("rohr.cafehost");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    assert_eq!(app.bundles().import_bundle(&fifo).unwrap_err().code(), "open.not_a_database");
}

/// The participants of `workshop` that sit somewhere in a round of another workshop, or seats
/// whose table belongs elsewhere: must always be none.
fn seats_across_workshops(dir: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("cafehost.db")).unwrap();
    conn.query_row(
        "SELECT count(*) FROM seat s JOIN round r ON r.id = s.round_id JOIN participant p ON p.id = s.participant_id
         JOIN cafe_table t ON t.id = s.table_id
         WHERE p.workshop_id <> r.workshop_id OR t.workshop_id <> r.workshop_id",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn an_id_that_belongs_to_other_content_here_is_skipped_and_never_attached_elsewhere() {
    let work = tempfile::tempdir().unwrap();
    let laptop = work.path().join("laptop");
    let app = Cafehost::open(&laptop).unwrap();
    let mine = app.setup().create_workshop(&NewWorkshop { title: "Meiner".into(), process_title: None }).unwrap();
    let anna = app
        .people()
        .add_participant(
            mine.id,
            &ParticipantInput { first_name: "Anna".into(), last_name: "Hier".into(), ..Default::default() },
        )
        .unwrap();
    let own_note = app
        .notes()
        .add_note(mine.id, None, None, NoteKind::Note, &NoteInput { text: "Meine Notiz".into(), ..Default::default() })
        .unwrap();

    // The bundle's workshop has a participant (with seats) and a note under ids this laptop
    // already uses for other content.
    let bundle = tampered_bundle(
        &work.path().join("other"),
        &format!(
            "UPDATE seat SET participant_id = '{anna}' WHERE participant_id = (SELECT id FROM participant WHERE rowid = (SELECT min(rowid) FROM participant));
             UPDATE participant SET id = '{anna}' WHERE rowid = (SELECT min(rowid) FROM participant);
             INSERT INTO note (id, workshop_id, kind, text, created_at, updated_at)
                 SELECT '{note}', id, 'note', 'Fremde Notiz', created_at, updated_at FROM workshop;",
            anna = anna.id,
            note = own_note.id,
        ),
    );
    let outcome = app.bundles().import_bundle(&bundle).unwrap();
    assert_eq!(outcome.workshops_added, 1);
    // The participant, their seats and the note: left out, and said so.
    assert!(outcome.skipped >= 2, "{outcome:?}");
    assert_eq!(seats_across_workshops(&laptop), 0, "no seat joins two workshops");
    let here = app.setup().workshop_setup(mine.id).unwrap();
    assert_eq!(here.participants.len(), 1);
    assert_eq!(here.participants[0].input.last_name, "Hier");
    let notes = app.notes().notes(mine.id).unwrap();
    assert_eq!((notes.len(), notes[0].text.as_str()), (1, "Meine Notiz"));
    let conn = rusqlite::Connection::open(laptop.join("cafehost.db")).unwrap();
    let foreign: i64 =
        conn.query_row("SELECT count(*) FROM note WHERE text = 'Fremde Notiz'", [], |r| r.get(0)).unwrap();
    assert_eq!(foreign, 0, "the colliding note is not taken in");
    assert_eq!(app.settings().check().unwrap(), None, "the file is sound");
}

#[test]
fn a_table_recreated_on_the_other_laptop_is_the_same_table_here() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Cafehost::open(dir_a.path()).unwrap();
    let demo = a.settings().seed_demo_if_empty().unwrap().unwrap();
    a.seating().plan_rotation(demo, PlanOptions::default()).unwrap();
    let bundle = dir_a.path().join("demo.cafehost");
    a.bundles().export_bundle(demo, false, Some(bundle.clone())).unwrap();
    let b = Cafehost::open(dir_b.path()).unwrap();
    b.bundles().import_bundle(&bundle).unwrap();

    // On laptop A, table 6 is deleted and added again (a new id under the same number), the
    // café planned again and a note taken at the new table.
    let setup = a.setup().workshop_setup(demo).unwrap();
    let last = setup.tables.iter().max_by_key(|t| t.input.number).unwrap().clone();
    a.setup().delete_table(last.id).unwrap();
    let again = a.setup().add_table(demo).unwrap();
    assert_eq!(again.input.number, last.input.number);
    a.setup().update_table(again.id, &last.input).unwrap();
    a.seating().plan_rotation(demo, PlanOptions::default()).unwrap();
    a.notes()
        .add_note(
            demo,
            Some(again.id),
            Some(setup.rounds[0].id),
            NoteKind::Note,
            &NoteInput { text: "Am neuen Tisch".into(), ..Default::default() },
        )
        .unwrap();
    let later = dir_a.path().join("demo-später.cafehost");
    a.bundles().export_bundle(demo, false, Some(later.clone())).unwrap();

    let outcome = b.bundles().import_bundle(&later).unwrap();
    assert_eq!((outcome.workshops_known, outcome.notes_added), (1, 1), "{outcome:?}");
    assert!(outcome.matched >= 1, "the re-created table is recognised: {outcome:?}");
    let here = b.setup().workshop_setup(demo).unwrap();
    assert_eq!(here.tables.len(), setup.tables.len(), "no second table {}", last.input.number);
    let note = b.notes().notes(demo).unwrap().into_iter().find(|n| n.text == "Am neuen Tisch").unwrap();
    assert_eq!(note.table_id, Some(here.tables.iter().find(|t| t.input.number == last.input.number).unwrap().id));
    assert_eq!(seats_across_workshops(dir_b.path()), 0);
    assert_eq!(b.settings().check().unwrap(), None);
}

#[test]
fn what_the_documents_need_travels_and_fields_join_by_name() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Cafehost::open(dir_a.path()).unwrap();
    let demo = a.settings().seed_demo_if_empty().unwrap().unwrap();
    let setup = a.setup().workshop_setup(demo).unwrap();
    let goal = a.harvest().add_statement(demo, &statement(StatementLevel::Goal, "Eltern früh erreichen"), &[]).unwrap();
    // What the documents need travels too: roles, end time, the process's texts, its ordered
    // fields of action (the workshop on one of them) and a statement's plan.
    let arbeit = a.setup().add_field_of_action(demo, "Arbeit").unwrap();
    a.setup().move_field_of_action(arbeit.id, 0).unwrap();
    let details = WorkshopDetails {
        end_time: chrono::NaiveTime::from_hms_opt(18, 0, 0),
        organiser: "Kreis".into(),
        moderation: "Jana Roth".into(),
        minute_taker: "Tom Berg".into(),
        distribution: "Dezernat III".into(),
        field_id: Some(arbeit.id),
        ..setup.workshop.details.clone()
    };
    a.setup().update_workshop(demo, &details).unwrap();
    let process = setup.workshop.process_id.unwrap();
    let texts = ProcessTexts { description: "Anlass".into(), vision: "Teilhabe für alle".into() };
    a.setup().update_process(process, &texts).unwrap();
    let plan = StatementPlan {
        start_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        indicator: "Elterncafés".into(),
        decision_reference: "DS 7/2026".into(),
        ..StatementPlan::default()
    };
    a.harvest().update_statement_plan(goal.id, &plan).unwrap();
    // Each field's starting situation travels with it.
    let bildung = a.setup().fields_of_action(demo).unwrap().into_iter().find(|f| f.name == "Bildung").unwrap();
    a.setup().update_field_situation(bildung.id, "- Kitas sind voll").unwrap();
    a.setup().update_field_situation(arbeit.id, "- Wenige Ausbildungsplätze").unwrap();
    let bundle = dir_a.path().join("bildung.cafehost");
    a.bundles().export_bundle(demo, true, Some(bundle.clone())).unwrap();

    // Laptop B has the same process, with "Bildung" on its list already.
    let b = Cafehost::open(dir_b.path()).unwrap();
    let process_title = setup.process.as_ref().unwrap().title.to_lowercase();
    let own =
        b.setup().create_workshop(&NewWorkshop { title: "Arbeit".into(), process_title: Some(process_title) }).unwrap();
    let own_goal =
        b.harvest().add_statement(own.id, &statement(StatementLevel::Goal, "Ausbildung öffnen"), &[]).unwrap();
    b.bundles().import_bundle(&bundle).unwrap();
    let harvest = b.harvest().overview(own.id).unwrap();
    let carried = harvest.statements.iter().find(|s| s.id == goal.id).unwrap();

    // The fields: "Bildung" is the one this laptop had (found by name), "Arbeit" comes after it.
    let fields = b.setup().fields_of_action(own.id).unwrap();
    assert_eq!(
        fields.iter().map(|f| (f.name.as_str(), f.position)).collect::<Vec<_>>(),
        [("Bildung", 0), ("Arbeit", 1)]
    );
    assert_eq!((carried.field_of_action.as_str(), carried.field_id), ("Bildung", own_goal.field_id));
    // A field new here brings its situation; one known here takes it only while its own is empty.
    assert_eq!(
        fields.iter().map(|f| f.situation.as_str()).collect::<Vec<_>>(),
        ["- Kitas sind voll", "- Wenige Ausbildungsplätze"]
    );
    b.setup().update_field_situation(fields[0].id, "Hier geschrieben").unwrap();
    b.bundles().import_bundle(&bundle).unwrap();
    assert_eq!(b.setup().fields_of_action(own.id).unwrap()[0].situation, "Hier geschrieben", "never replaced");
    assert_eq!(carried.plan, plan);
    let travelled = b.setup().workshop_setup(demo).unwrap();
    assert_eq!(travelled.workshop.details, WorkshopDetails { field_id: Some(arbeit.id), ..details });
    assert_eq!(travelled.workshop.details.field_id, Some(fields[1].id));
    let process_b = travelled.process.unwrap();
    assert_eq!(process_b.vision, "", "a process known here keeps its own texts");
    // A process new here brings its texts.
    let dir_c = tempfile::tempdir().unwrap();
    let c = Cafehost::open(dir_c.path()).unwrap();
    c.bundles().import_bundle(&bundle).unwrap();
    let fresh = c.setup().workshop_setup(demo).unwrap();
    assert_eq!(fresh.process.map(|p| (p.description, p.vision)), Some(("Anlass".into(), "Teilhabe für alle".into())));
    let names: Vec<String> = c.setup().fields_of_action(demo).unwrap().into_iter().map(|f| f.name).collect();
    assert_eq!(names, ["Arbeit", "Bildung"], "in the order of the other laptop");
}
