//! The harvest on a real file: notes per table and round, search across a process, photos,
//! and statements traceable to their notes.

#![allow(clippy::unwrap_used, missing_docs)]

use base64::Engine as _;
use cafehost_app::{AppError, Cafehost};
use cafehost_core::*;

fn workshop(app: &mut Cafehost, title: &str, process: Option<&str>) -> WorkshopSetup {
    let w = app.create_workshop(&NewWorkshop { title: title.into(), process_title: process.map(Into::into) }).unwrap();
    app.add_table(w.id).unwrap();
    app.add_table(w.id).unwrap();
    app.workshop_setup(w.id).unwrap()
}

fn note(text: &str, tags: &[&str]) -> NoteInput {
    NoteInput {
        text: text.into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        author: "Tischgastgeberin".into(),
    }
}

#[test]
fn notes_are_kept_per_table_and_round_and_survive_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Cafehost::open(dir.path()).unwrap();
    let setup = workshop(&mut app, "Bildung", None);
    let (table, round) = (setup.tables[0].id, setup.rounds[1].id);
    let first = app
        .add_note(
            setup.workshop.id,
            Some(table),
            Some(round),
            NoteKind::Note,
            &note("Mehr Sprachkurse für Eltern", &["Sprache", " sprache ", ""]),
        )
        .unwrap();
    assert_eq!(first.tags, vec!["Sprache"], "tags are trimmed and kept once");
    let edited = app.update_note(first.id, &note("Mehr Sprachkurse für Eltern – auch abends", &["Sprache"])).unwrap();
    assert!(edited.text.ends_with("abends"));
    let Err(AppError::Invalid(problems)) =
        app.add_note(setup.workshop.id, Some(table), Some(round), NoteKind::Note, &note("   ", &[]))
    else {
        panic!("an empty note is refused")
    };
    assert_eq!(problems.errors[0].field, "text");
    let other = workshop(&mut app, "Anderswo", None);
    assert!(matches!(
        app.add_note(setup.workshop.id, Some(other.tables[0].id), None, NoteKind::Note, &note("x", &[])),
        Err(AppError::NotFound { .. })
    ));
    app.add_note(setup.workshop.id, Some(table), None, NoteKind::TableSummary, &note("Zusammenfassung Tisch 1", &[]))
        .unwrap();
    // Killed without closing: what was saved is there.
    std::mem::forget(app);
    let app = Cafehost::open(dir.path()).unwrap();
    let notes = app.notes(setup.workshop.id).unwrap();
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().any(|n| n.kind == NoteKind::TableSummary && n.round_id.is_none()));
    assert!(notes.iter().any(|n| n.id == first.id && n.text.ends_with("abends") && n.round_id == Some(round)));
}

#[test]
fn search_finds_words_across_the_process_ignoring_case_and_umlauts() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Cafehost::open(dir.path()).unwrap();
    let a = workshop(&mut app, "Bildung", Some("Integrationskonzept"));
    let b = workshop(&mut app, "Arbeit", Some("Integrationskonzept"));
    let elsewhere = workshop(&mut app, "Sport", None);
    let n1 = app
        .add_note(
            a.workshop.id,
            Some(a.tables[0].id),
            Some(a.rounds[0].id),
            NoteKind::Note,
            &note("Übergang Kita – Grundschule besser begleiten", &[]),
        )
        .unwrap();
    let n2 = app
        .add_note(
            b.workshop.id,
            Some(b.tables[1].id),
            Some(b.rounds[2].id),
            NoteKind::Note,
            &note("Sprachförderung im Betrieb", &["Ausbildung"]),
        )
        .unwrap();
    app.add_note(elsewhere.workshop.id, None, None, NoteKind::Note, &note("Übergang in den Verein", &[])).unwrap();

    assert_eq!(
        app.search_notes(a.workshop.id, "ubergang").unwrap(),
        vec![n1.id],
        "umlauts folded, other processes left out"
    );
    assert_eq!(
        app.search_notes(b.workshop.id, "SPRACH").unwrap(),
        vec![n2.id],
        "prefix, any case, from another workshop of the process"
    );
    assert_eq!(app.search_notes(a.workshop.id, "ausbildung").unwrap(), vec![n2.id], "tags are searched");
    assert!(app.search_notes(a.workshop.id, "\"*) OR (").unwrap().is_empty(), "operators are taken literally");
    let harvest = app.harvest(a.workshop.id).unwrap();
    assert_eq!(harvest.title, "Integrationskonzept");
    assert_eq!((harvest.workshops.len(), harvest.tables.len(), harvest.notes.len()), (2, 4, 2));
}

#[test]
fn statements_keep_their_sources_links_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&mut app, "Bildung", Some("Konzept"));
    let id = w.workshop.id;
    let n: Vec<Note> = ["Elterncafés an Kitas", "Sprachmittler einsetzen", "Netzwerk der Träger"]
        .iter()
        .map(|t| app.add_note(id, Some(w.tables[0].id), Some(w.rounds[0].id), NoteKind::Note, &note(t, &[])).unwrap())
        .collect();
    let input = |level, text: &str| StatementInput {
        level,
        text: text.into(),
        field_of_action: "Frühe Bildung".into(),
        votes: 3,
        owner: "Kreis".into(),
        time_frame: "2015".into(),
        status: StatementStatus::Draft,
    };
    let goal =
        app.add_statement(id, &input(StatementLevel::Goal, "Eltern früh erreichen"), &[n[0].id, n[1].id]).unwrap();
    assert_eq!(goal.process_id, app.workshop_setup(id).unwrap().workshop.process_id);
    let measure =
        app.add_statement(id, &input(StatementLevel::Measure, "Elterncafés in allen Kitas"), &[n[0].id]).unwrap();
    let steering =
        app.add_statement(id, &input(StatementLevel::Steering, "Lenkungsgruppe prüft jährlich"), &[n[2].id]).unwrap();
    app.link_statements(measure.id, goal.id, true).unwrap();
    app.link_statements(steering.id, measure.id, true).unwrap();
    let mut agreed = input(StatementLevel::Measure, "Elterncafés in allen Kitas des Kreises");
    agreed.status = StatementStatus::Agreed;
    agreed.votes = 12;
    let measure = app.update_statement(measure.id, &agreed).unwrap();
    assert_eq!((measure.status, measure.votes), (StatementStatus::Agreed, 12));

    // A second measure saying the same is merged into the first: sources and links are kept.
    let twin = app.add_statement(id, &input(StatementLevel::Measure, "Mehr Elterncafés"), &[n[1].id]).unwrap();
    app.link_statements(twin.id, goal.id, true).unwrap();
    let merged = app.merge_statements(measure.id, twin.id).unwrap();
    assert!(merged.text.contains("Mehr Elterncafés"));
    assert_eq!(merged.votes, 15);
    let mut sources = merged.source_note_ids.clone();
    sources.sort_by_key(ToString::to_string);
    let mut expected = vec![n[0].id, n[1].id];
    expected.sort_by_key(ToString::to_string);
    assert_eq!(sources, expected);
    let mut links = merged.linked_statement_ids.clone();
    links.sort_by_key(ToString::to_string);
    let mut expected_links = vec![goal.id, steering.id];
    expected_links.sort_by_key(ToString::to_string);
    assert_eq!(links, expected_links);

    // Splitting a source off makes a new statement with that source and the same links.
    let part = app.split_statement(merged.id, &[n[1].id]).unwrap();
    assert_eq!((part.level, part.source_note_ids.clone()), (StatementLevel::Measure, vec![n[1].id]));
    assert_eq!(part.linked_statement_ids.len(), 2);
    let rest = app.harvest(id).unwrap().statements.into_iter().find(|s| s.id == merged.id).unwrap();
    assert_eq!(rest.source_note_ids, vec![n[0].id]);
    app.delete_statement(part.id).unwrap();

    // Deleting a note removes it as a source; the statements stay.
    app.delete_note(n[0].id).unwrap();
    let harvest = app.harvest(id).unwrap();
    assert_eq!(harvest.statements.len(), 3);
    let levels: Vec<StatementLevel> = harvest.statements.iter().map(|s| s.level).collect();
    assert_eq!(levels, vec![StatementLevel::Goal, StatementLevel::Measure, StatementLevel::Steering]);
    assert!(harvest.statements.iter().all(|s| !s.source_note_ids.contains(&n[0].id)));
}

#[test]
fn photos_are_stored_in_the_database_and_odd_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&mut app, "Fotos", None);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[7u8; 1000]);
    let encoded = base64::engine::general_purpose::STANDARD.encode(&png);
    let photo =
        app.add_attachment(w.workshop.id, Some(w.tables[0].id), Some(w.rounds[0].id), "Tisch 1.png", &encoded).unwrap();
    assert_eq!((photo.media_type.as_str(), photo.byte_len), ("image/png", 1008));
    app.rotate_attachment(photo.id, 450).unwrap();
    drop(app);
    let mut app = Cafehost::open(dir.path()).unwrap();
    let listed = app.attachments(w.workshop.id).unwrap();
    assert_eq!((listed.len(), listed[0].rotation_degrees), (1, 90));
    assert_eq!(app.attachment_bytes(photo.id).unwrap(), ("image/png".to_owned(), png));

    let text = base64::engine::general_purpose::STANDARD.encode(b"Vorname;Nachname");
    assert!(matches!(app.add_attachment(w.workshop.id, None, None, "liste.jpg", &text), Err(AppError::Invalid(_))));
    assert!(matches!(app.add_attachment(w.workshop.id, None, None, "x.png", "%%%"), Err(AppError::Invalid(_))));
    app.delete_attachment(photo.id).unwrap();
    assert!(app.attachments(w.workshop.id).unwrap().is_empty());
}
