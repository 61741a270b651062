//! The harvest on a real file: notes per table and round, search across a process, photos,
//! and statements traceable to their notes.

#![allow(clippy::unwrap_used, missing_docs)]

use base64::Engine as _;
use cafehost_app::{AppError, Cafehost, DocumentKind, ExportFormat};
use cafehost_core::*;

fn workshop(app: &Cafehost, title: &str, process: Option<&str>) -> WorkshopSetup {
    let w = app
        .setup()
        .create_workshop(&NewWorkshop { title: title.into(), process_title: process.map(Into::into) })
        .unwrap();
    app.setup().add_table(w.id).unwrap();
    app.setup().add_table(w.id).unwrap();
    app.setup().workshop_setup(w.id).unwrap()
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
    let app = Cafehost::open(dir.path()).unwrap();
    let setup = workshop(&app, "Bildung", None);
    let (table, round) = (setup.tables[0].id, setup.rounds[1].id);
    let first = app
        .notes()
        .add_note(
            setup.workshop.id,
            Some(table),
            Some(round),
            NoteKind::Note,
            &note("Mehr Sprachkurse für Eltern", &["Sprache", " sprache ", ""]),
        )
        .unwrap();
    assert_eq!(first.tags, vec!["Sprache"], "tags are trimmed and kept once");
    let edited =
        app.notes().update_note(first.id, &note("Mehr Sprachkurse für Eltern – auch abends", &["Sprache"])).unwrap();
    assert!(edited.text.ends_with("abends"));
    let Err(AppError::Invalid(problems)) =
        app.notes().add_note(setup.workshop.id, Some(table), Some(round), NoteKind::Note, &note("   ", &[]))
    else {
        panic!("an empty note is refused")
    };
    assert_eq!(problems.errors[0].field, "text");
    let other = workshop(&app, "Anderswo", None);
    assert!(matches!(
        app.notes().add_note(setup.workshop.id, Some(other.tables[0].id), None, NoteKind::Note, &note("x", &[])),
        Err(AppError::NotFound { .. })
    ));
    app.notes()
        .add_note(setup.workshop.id, Some(table), None, NoteKind::TableSummary, &note("Zusammenfassung Tisch 1", &[]))
        .unwrap();
    // Killed without closing: what was saved is there.
    std::mem::forget(app);
    let app = Cafehost::open(dir.path()).unwrap();
    let notes = app.notes().notes(setup.workshop.id).unwrap();
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().any(|n| n.kind == NoteKind::TableSummary && n.round_id.is_none()));
    assert!(notes.iter().any(|n| n.id == first.id && n.text.ends_with("abends") && n.round_id == Some(round)));
}

#[test]
fn search_finds_words_across_the_process_ignoring_case_and_umlauts() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let a = workshop(&app, "Bildung", Some("Integrationskonzept"));
    let b = workshop(&app, "Arbeit", Some("Integrationskonzept"));
    let elsewhere = workshop(&app, "Sport", None);
    let n1 = app
        .notes()
        .add_note(
            a.workshop.id,
            Some(a.tables[0].id),
            Some(a.rounds[0].id),
            NoteKind::Note,
            &note("Übergang Kita – Grundschule besser begleiten", &[]),
        )
        .unwrap();
    let n2 = app
        .notes()
        .add_note(
            b.workshop.id,
            Some(b.tables[1].id),
            Some(b.rounds[2].id),
            NoteKind::Note,
            &note("Sprachförderung im Betrieb", &["Ausbildung"]),
        )
        .unwrap();
    app.notes()
        .add_note(elsewhere.workshop.id, None, None, NoteKind::Note, &note("Übergang in den Verein", &[]))
        .unwrap();

    assert_eq!(
        app.harvest().search_notes(a.workshop.id, "ubergang").unwrap(),
        vec![n1.id],
        "umlauts folded, other processes left out"
    );
    assert_eq!(
        app.harvest().search_notes(b.workshop.id, "SPRACH").unwrap(),
        vec![n2.id],
        "prefix, any case, from another workshop of the process"
    );
    assert_eq!(app.harvest().search_notes(a.workshop.id, "ausbildung").unwrap(), vec![n2.id], "tags are searched");
    assert!(
        app.harvest().search_notes(a.workshop.id, "\"*) OR (").unwrap().is_empty(),
        "operators are taken literally"
    );
    let harvest = app.harvest().overview(a.workshop.id).unwrap();
    assert_eq!(harvest.title, "Integrationskonzept");
    assert_eq!((harvest.workshops.len(), harvest.tables.len(), harvest.notes.len()), (2, 4, 2));
}

#[test]
fn statements_keep_their_sources_links_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Bildung", Some("Konzept"));
    let id = w.workshop.id;
    let n: Vec<Note> = ["Elterncafés an Kitas", "Sprachmittler einsetzen", "Netzwerk der Träger"]
        .iter()
        .map(|t| {
            app.notes().add_note(id, Some(w.tables[0].id), Some(w.rounds[0].id), NoteKind::Note, &note(t, &[])).unwrap()
        })
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
    let goal = app
        .harvest()
        .add_statement(id, &input(StatementLevel::Goal, "Eltern früh erreichen"), &[n[0].id, n[1].id])
        .unwrap();
    assert_eq!(goal.process_id, app.setup().workshop_setup(id).unwrap().workshop.process_id);
    let measure = app
        .harvest()
        .add_statement(id, &input(StatementLevel::Measure, "Elterncafés in allen Kitas"), &[n[0].id])
        .unwrap();
    let steering = app
        .harvest()
        .add_statement(id, &input(StatementLevel::Steering, "Lenkungsgruppe prüft jährlich"), &[n[2].id])
        .unwrap();
    app.harvest().link_statements(measure.id, goal.id, true).unwrap();
    app.harvest().link_statements(steering.id, measure.id, true).unwrap();
    let mut agreed = input(StatementLevel::Measure, "Elterncafés in allen Kitas des Kreises");
    agreed.status = StatementStatus::Agreed;
    agreed.votes = 12;
    let measure = app.harvest().update_statement(measure.id, &agreed).unwrap();
    assert_eq!((measure.status, measure.votes), (StatementStatus::Agreed, 12));

    // A second measure saying the same is merged into the first: sources and links are kept.
    let twin =
        app.harvest().add_statement(id, &input(StatementLevel::Measure, "Mehr Elterncafés"), &[n[1].id]).unwrap();
    app.harvest().link_statements(twin.id, goal.id, true).unwrap();
    let merged = app.harvest().merge_statements(measure.id, twin.id).unwrap();
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
    let part = app.harvest().split_statement(merged.id, &[n[1].id]).unwrap();
    assert_eq!((part.level, part.source_note_ids.clone()), (StatementLevel::Measure, vec![n[1].id]));
    assert_eq!(part.linked_statement_ids.len(), 2);
    let rest = app.harvest().overview(id).unwrap().statements.into_iter().find(|s| s.id == merged.id).unwrap();
    assert_eq!(rest.source_note_ids, vec![n[0].id]);
    app.harvest().delete_statement(part.id).unwrap();

    // Deleting a note removes it as a source; the statements stay.
    app.notes().delete_note(n[0].id).unwrap();
    let harvest = app.harvest().overview(id).unwrap();
    assert_eq!(harvest.statements.len(), 3);
    let levels: Vec<StatementLevel> = harvest.statements.iter().map(|s| s.level).collect();
    assert_eq!(levels, vec![StatementLevel::Goal, StatementLevel::Measure, StatementLevel::Steering]);
    assert!(harvest.statements.iter().all(|s| !s.source_note_ids.contains(&n[0].id)));
}

#[test]
fn photos_are_stored_in_the_database_and_odd_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Fotos", None);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[7u8; 1000]);
    let encoded = base64::engine::general_purpose::STANDARD.encode(&png);
    let photo = app
        .notes()
        .add_attachment(w.workshop.id, Some(w.tables[0].id), Some(w.rounds[0].id), "Tisch 1.png", &encoded)
        .unwrap();
    assert_eq!((photo.media_type.as_str(), photo.byte_len), ("image/png", 1008));
    app.notes().rotate_attachment(photo.id, 450).unwrap();
    drop(app);
    let app = Cafehost::open(dir.path()).unwrap();
    let listed = app.notes().attachments(w.workshop.id).unwrap();
    assert_eq!((listed.len(), listed[0].rotation_degrees), (1, 90));
    assert_eq!(app.notes().attachment_bytes(photo.id).unwrap(), ("image/png".to_owned(), png));

    let text = base64::engine::general_purpose::STANDARD.encode(b"Vorname;Nachname");
    assert!(matches!(
        app.notes().add_attachment(w.workshop.id, None, None, "liste.jpg", &text),
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(app.notes().add_attachment(w.workshop.id, None, None, "x.png", "%%%"), Err(AppError::Invalid(_))));
    app.notes().delete_attachment(photo.id).unwrap();
    assert!(app.notes().attachments(w.workshop.id).unwrap().is_empty());
}

#[test]
fn a_statement_traces_to_photos_of_its_process_and_documents_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Bildung", Some("Integrationskonzept"));
    let elsewhere = workshop(&app, "Sport", None);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[7u8; 100]);
    let encoded = base64::engine::general_purpose::STANDARD.encode(&png);
    let (table, round) = (Some(w.tables[0].id), Some(w.rounds[1].id));
    let cloth = app.notes().add_attachment(w.workshop.id, table, round, "Tischdecke.png", &encoded).unwrap();
    let chart = app.notes().add_attachment(w.workshop.id, None, None, "Flipchart.png", &encoded).unwrap();
    let foreign = app.notes().add_attachment(elsewhere.workshop.id, None, None, "Anderswo.png", &encoded).unwrap();
    let input = StatementInput {
        level: StatementLevel::Goal,
        text: "Eltern früh erreichen".into(),
        field_of_action: String::new(),
        votes: 0,
        owner: String::new(),
        time_frame: String::new(),
        status: StatementStatus::Draft,
    };
    let goal = app.harvest().add_statement(w.workshop.id, &input, &[]).unwrap();
    let goal = app.harvest().set_statement_photos(goal.id, &[cloth.id, chart.id]).unwrap();
    assert_eq!(goal.source_photo_ids.len(), 2);
    let refused = app.harvest().set_statement_photos(goal.id, &[foreign.id]).unwrap_err();
    assert_eq!(refused.code(), "not_found", "a photo of another workshop is no source here");
    assert_eq!(app.harvest().overview(w.workshop.id).unwrap().statements[0].source_photo_ids.len(), 2);

    // A merge keeps the photos of both.
    let twin = app.harvest().add_statement(w.workshop.id, &input, &[]).unwrap();
    app.harvest().set_statement_photos(twin.id, &[chart.id]).unwrap();
    let merged = app.harvest().merge_statements(goal.id, twin.id).unwrap();
    assert_eq!(merged.source_photo_ids.len(), 2);

    let concept =
        app.documents().minutes(w.workshop.id, DocumentKind::Concept, ExportFormat::Md, Language::De, false).unwrap();
    let concept = String::from_utf8(concept).unwrap();
    assert!(
        concept.contains("Quellen: Foto: Tisch 1 / Runde 2 (Tischdecke.png); Foto: Plenum (Flipchart.png)"),
        "{concept}"
    );
    let csv = app
        .documents()
        .minutes(w.workshop.id, DocumentKind::Minutes, ExportFormat::CsvStatements, Language::En, false)
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains(";\"Photo: Table 1 / Round 2 (Tischdecke.png); Photo: Plenary (Flipchart.png)\";"), "{csv}");

    // A deleted photo is no source any more.
    app.notes().delete_attachment(cloth.id).unwrap();
    assert_eq!(app.harvest().overview(w.workshop.id).unwrap().statements[0].source_photo_ids, [chart.id]);
}

/// A JPEG of `w` × `h` pixels, left half dark, right half light.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(w, h, |x, y| {
        let v = if x < w / 2 { 30 } else { 220 };
        image::Rgb([v, v, u8::try_from((x + y) % 7).unwrap()])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&picture).unwrap();
    out
}

#[test]
fn a_photos_document_copy_is_made_once_and_kept_through_turns() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Fotos", None);
    let encoded = base64::engine::general_purpose::STANDARD.encode(jpeg(2400, 1800));
    let photo = app.notes().add_attachment(w.workshop.id, Some(w.tables[0].id), None, "tisch.jpg", &encoded).unwrap();
    let input = || {
        app.documents()
            .minutes_input_for(w.workshop.id, DocumentKind::Minutes, ExportFormat::Docx, Language::De, false, false)
            .unwrap()
            .workshops
            .remove(0)
            .photos
            .remove(0)
    };
    let copy = input();
    let size = |bytes: &[u8]| image::load_from_memory(bytes).unwrap().to_rgb8().dimensions();
    assert_eq!((size(&copy.bytes), copy.rotation_degrees), ((1400, 1050), 0), "the copy, not the original");
    let db = rusqlite::Connection::open(dir.path().join("cafehost.db")).unwrap();
    let kept = |db: &rusqlite::Connection| -> (u32, Vec<u8>) {
        db.query_row("SELECT rules, bytes FROM attachment_copy WHERE attachment_id = ?1", [photo.id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    };
    assert_eq!(kept(&db).1, copy.bytes, "made when the photo was added");
    // Turned, the photo keeps its copy; the document turns it.
    app.notes().rotate_attachment(photo.id, 90).unwrap();
    let turned = input();
    assert_eq!((turned.bytes == copy.bytes, turned.rotation_degrees), (true, 90));
    let html = app.documents().minutes(w.workshop.id, DocumentKind::Minutes, ExportFormat::Html, Language::De, false);
    assert!(String::from_utf8(html.unwrap()).unwrap().contains("width=\"1050\" height=\"1400\""));
    // A copy made by other rules (an older version), or none, is made again and kept.
    db.execute("UPDATE attachment_copy SET rules = 0, bytes = x'00'", []).unwrap();
    assert_eq!(size(&input().bytes), (1400, 1050));
    assert_eq!(kept(&db), (cafehost_export::DOCUMENT_COPY_RULES, copy.bytes.clone()));
    db.execute("DELETE FROM attachment_copy", []).unwrap();
    assert_eq!(input().bytes, copy.bytes);
    assert_eq!(kept(&db).1, copy.bytes);
    // After an upgrade the copies are made in the background, before any document asks: only
    // the photos without a current one, once.
    db.execute("UPDATE attachment_copy SET rules = 0, bytes = x'00'", []).unwrap();
    let other = app.notes().add_attachment(w.workshop.id, None, None, "plenum.jpg", &encoded).unwrap();
    db.execute("DELETE FROM attachment_copy WHERE attachment_id = ?1", [other.id.to_string()]).unwrap();
    assert_eq!(app.documents().make_missing_photo_copies().unwrap(), 2);
    assert_eq!(kept(&db), (cafehost_export::DOCUMENT_COPY_RULES, copy.bytes.clone()));
    assert_eq!(app.documents().make_missing_photo_copies().unwrap(), 0, "nothing left to copy");
    app.notes().delete_attachment(other.id).unwrap();
    // The copy goes with its photo.
    app.notes().delete_attachment(photo.id).unwrap();
    let left: i64 = db.query_row("SELECT count(*) FROM attachment_copy", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}

#[test]
fn links_follow_the_levels_and_summaries_live_by_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Regeln", None);
    let input = |level, text: &str| StatementInput {
        level,
        text: text.into(),
        field_of_action: String::new(),
        votes: 0,
        owner: String::new(),
        time_frame: String::new(),
        status: StatementStatus::Draft,
    };
    let goal = app.harvest().add_statement(w.workshop.id, &input(StatementLevel::Goal, "Ziel"), &[]).unwrap();
    let other = app.harvest().add_statement(w.workshop.id, &input(StatementLevel::Goal, "Ziel 2"), &[]).unwrap();
    let measure = app.harvest().add_statement(w.workshop.id, &input(StatementLevel::Measure, "Maßnahme"), &[]).unwrap();
    let refused = app.harvest().link_statements(goal.id, other.id, true).unwrap_err();
    assert_eq!(refused.code(), "statement.link_refused");
    app.harvest().link_statements(measure.id, goal.id, true).unwrap();
    // A measure that becomes a goal cannot keep serving a goal: the link goes with the change.
    let changed = app.harvest().update_statement(measure.id, &input(StatementLevel::Goal, "Jetzt ein Ziel")).unwrap();
    assert!(changed.linked_statement_ids.is_empty(), "{changed:?}");

    let table = Some(w.tables[0].id);
    let text = |t: &str| NoteInput { text: t.into(), tags: Vec::new(), author: String::new() };
    let kind = NoteKind::TableSummary;
    let created = app.notes().set_summary(w.workshop.id, table, kind, &text("Erste Worte")).unwrap().unwrap();
    let updated = app.notes().set_summary(w.workshop.id, table, kind, &text("Mehr Worte")).unwrap().unwrap();
    assert_eq!(created.id, updated.id, "one summary per table");
    assert_eq!(app.notes().set_summary(w.workshop.id, table, kind, &text("  ")).unwrap(), None);
    assert!(app.notes().notes(w.workshop.id).unwrap().iter().all(|n| n.kind != kind), "emptied means gone");
    let wrong = app.notes().set_summary(w.workshop.id, None, kind, &text("ohne Tisch"));
    assert_eq!(wrong.unwrap_err().code(), "invalid");
}

#[test]
fn statements_pick_fields_from_the_ordered_list_that_the_concept_follows() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Bildung", Some("Integrationskonzept")).workshop.id;
    let other = workshop(&app, "Anderswo", Some("Anderer Prozess")).workshop.id;
    let input = |level, text: &str, field: &str| StatementInput {
        level,
        text: text.into(),
        field_of_action: field.into(),
        votes: 0,
        owner: String::new(),
        time_frame: String::new(),
        status: StatementStatus::Draft,
    };
    let arbeit = app.setup().add_field_of_action(w, "Arbeit").unwrap();
    let taken = app.setup().add_field_of_action(w, " arbeit ").unwrap_err();
    assert!(matches!(&taken, AppError::Invalid(e) if e.errors[0].problem == FieldProblem::Taken), "{taken:?}");
    // A statement names its field; a name not on the list yet is added at its end.
    let goal =
        app.harvest().add_statement(w, &input(StatementLevel::Goal, "Kitas für alle", "Frühe Bildung"), &[]).unwrap();
    let measure = app.harvest().add_statement(w, &input(StatementLevel::Measure, "Jobmesse", "ARBEIT"), &[]).unwrap();
    assert_eq!((measure.field_id, measure.field_of_action.as_str()), (Some(arbeit.id), "Arbeit"));
    let list = app.setup().fields_of_action(w).unwrap();
    assert_eq!(
        list.iter().map(|f| (f.name.as_str(), f.position)).collect::<Vec<_>>(),
        [("Arbeit", 0), ("Frühe Bildung", 1)]
    );
    assert_eq!(app.harvest().overview(w).unwrap().fields_of_action, list);

    // The concept follows the list: moved, renamed, its statements follow.
    app.setup().move_field_of_action(list[1].id, 0).unwrap();
    app.setup().rename_field_of_action(list[1].id, "Kita und Schule").unwrap();
    assert_eq!(
        app.harvest().overview(w).unwrap().statements.iter().find(|s| s.id == goal.id).unwrap().field_of_action,
        "Kita und Schule"
    );
    let concept =
        app.documents().minutes(w, DocumentKind::Concept, cafehost_app::ExportFormat::Md, Language::De, false).unwrap();
    let concept = String::from_utf8(concept).unwrap();
    let (kita, work) =
        (concept.find("## Handlungsfeld: Kita und Schule").unwrap(), concept.find("## Handlungsfeld: Arbeit").unwrap());
    assert!(kita < work, "{concept}");

    // A workshop belongs to a field of its own process only, and loses it when filed elsewhere.
    let setup = app.setup().workshop_setup(w).unwrap();
    let details = |field| WorkshopDetails { field_id: field, ..setup.workshop.details.clone() };
    let foreign = app.setup().add_field_of_action(other, "Fremd").unwrap();
    assert_eq!(app.setup().update_workshop(w, &details(Some(foreign.id))).unwrap_err().code(), "not_found");
    assert_eq!(app.setup().update_workshop(w, &details(Some(arbeit.id))).unwrap().details.field_id, Some(arbeit.id));
    assert_eq!(app.setup().set_workshop_process(w, Some("Neuer Prozess")).unwrap().details.field_id, None);

    // Deleting a field leaves its statements without one, the rest closed up.
    let rest = app.setup().delete_field_of_action(arbeit.id).unwrap();
    assert_eq!(rest.iter().map(|f| (f.name.as_str(), f.position)).collect::<Vec<_>>(), [("Kita und Schule", 0)]);
    let scope_statements = app.harvest().overview(other).unwrap().statements;
    assert!(scope_statements.is_empty());
}

#[test]
fn statements_are_numbered_per_field_and_labelled_by_the_lists_order_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Bildung", Some("Integrationskonzept")).workshop.id;
    let input = |level, text: &str, field: &str| StatementInput {
        level,
        text: text.into(),
        field_of_action: field.into(),
        votes: 0,
        owner: String::new(),
        time_frame: String::new(),
        status: StatementStatus::Draft,
    };
    let add = |level, text: &str, field: &str| app.harvest().add_statement(w, &input(level, text, field), &[]).unwrap();
    let work_goal = add(StatementLevel::Goal, "Ausbildung öffnen", "Arbeit");
    let kita_1 = add(StatementLevel::Goal, "Kitas für alle", "Frühe Bildung");
    let kita_2 = add(StatementLevel::Goal, "Sprache früh fördern", "Frühe Bildung");
    let loose = add(StatementLevel::Goal, "Ohne Feld", "");
    let mut measures = Vec::new();
    for text in ["Elterncafés", "Sprachkitas", "Lesepaten"] {
        measures.push(add(StatementLevel::Measure, text, "Frühe Bildung"));
    }
    let steering = add(StatementLevel::Steering, "Lenkungsgruppe", "Frühe Bildung");
    assert_eq!((work_goal.number, kita_1.number, kita_2.number, loose.number), (1, 1, 2, 1), "per field and level");
    assert_eq!(measures.iter().map(|m| m.number).collect::<Vec<_>>(), [1, 2, 3]);
    // The third measure serves both goals of its field and the one of another: the lowest of its field.
    for goal in [&kita_2, &kita_1, &work_goal] {
        app.harvest().link_statements(measures[2].id, goal.id, true).unwrap();
    }
    let labels = app.harvest().overview(w).unwrap().labels;
    let de = |id: StatementId| labels[&id].de.clone();
    assert_eq!(de(work_goal.id), "Z 1.1");
    assert_eq!((de(kita_1.id), de(kita_2.id), de(loose.id)), ("Z 2.1".into(), "Z 2.2".into(), "Z 1".into()));
    assert_eq!((de(measures[0].id), de(measures[2].id)), ("M 2.0.1".into(), "M 2.1.3".into()));
    assert_eq!((de(steering.id), labels[&kita_1.id].en.clone()), ("S 2.1".into(), "G 2.1".into()));
    // Votes and edits keep the number; a change of field takes the next one there.
    let mut voted = input(StatementLevel::Goal, "Kitas für alle!", "Frühe Bildung");
    voted.votes = 40;
    assert_eq!(app.harvest().update_statement(kita_1.id, &voted).unwrap().number, 1);
    let moved = app.harvest().update_statement(kita_2.id, &input(StatementLevel::Goal, "Sprache", "Arbeit")).unwrap();
    assert_eq!(moved.number, 2, "the next goal of Arbeit");

    // The list reordered: the labels follow, in the documents, the ballot and the harvest alike.
    let list = app.setup().fields_of_action(w).unwrap();
    app.setup().move_field_of_action(list[1].id, 0).unwrap();
    assert_eq!(app.harvest().statement_labels(w).unwrap()[&measures[2].id].de, "M 1.1.3");
    let ballot = app.phones().ballot_items(w).unwrap();
    assert_eq!(ballot.iter().find(|b| b.id == work_goal.id).unwrap().label.de, "Z 2.1");
    let concept = app.documents().minutes(w, DocumentKind::Concept, ExportFormat::Md, Language::De, false).unwrap();
    let concept = String::from_utf8(concept).unwrap();
    assert!(concept.contains("### Z 1.1 Kitas für alle!"), "{concept}");
    assert!(concept.contains("- M 1.1.3 Lesepaten") && concept.contains("- → M 1.1.3"), "{concept}");
    assert!(concept.contains("### Z 2.2 Sprache"), "{concept}");
    let csv = app.documents().minutes(w, DocumentKind::Concept, ExportFormat::CsvStatements, Language::En, false);
    assert!(String::from_utf8(csv.unwrap()).unwrap().contains("\r\nG 2.1;Goal;Ausbildung öffnen;"));

    // A deleted field's statements take the next numbers without a field, in the order made.
    let arbeit = app.setup().fields_of_action(w).unwrap().into_iter().find(|f| f.name == "Arbeit").unwrap();
    app.setup().delete_field_of_action(arbeit.id).unwrap();
    let labels = app.harvest().statement_labels(w).unwrap();
    assert_eq!((labels[&work_goal.id].de.as_str(), labels[&kita_2.id].de.as_str()), ("Z 2", "Z 3"));
    assert_eq!(labels[&loose.id].de, "Z 1", "the goal without a field keeps its number");
}

#[test]
fn a_fields_situation_is_drafted_from_the_first_rounds_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let first = workshop(&app, "Bildung I", Some("Integrationskonzept"));
    let second = workshop(&app, "Bildung II", Some("Integrationskonzept"));
    let field = app.setup().add_field_of_action(first.workshop.id, "Frühe Bildung").unwrap();
    assert_eq!(field.situation, "");
    for (setup, day) in [(&first, 3), (&second, 9)] {
        let details = WorkshopDetails {
            field_id: Some(field.id),
            date: chrono::NaiveDate::from_ymd_opt(2026, 5, day),
            ..setup.workshop.details.clone()
        };
        app.setup().update_workshop(setup.workshop.id, &details).unwrap();
    }
    // Nothing said yet: nothing to draft, the situation stays empty.
    assert_eq!(app.setup().draft_field_situation(field.id).unwrap().situation, "");
    let add = |setup: &WorkshopSetup, round: usize, kind, text: &str| {
        let (table, round) = (setup.tables[0].id, setup.rounds[round].id);
        app.notes().add_note(setup.workshop.id, Some(table), Some(round), kind, &note(text, &[])).unwrap();
    };
    add(&second, 0, NoteKind::Note, "Lange Wartelisten");
    add(&first, 0, NoteKind::Note, "Kitas sind voll\n- lange Wartelisten");
    let table = Some(first.tables[0].id);
    app.notes().set_summary(first.workshop.id, table, NoteKind::TableSummary, &note("Zu wenig Plätze", &[])).unwrap();
    add(&first, 1, NoteKind::Note, "Zweite Runde: Ideen, keine Lage");
    let drafted = app.setup().draft_field_situation(field.id).unwrap();
    assert_eq!(drafted.situation, "- Zu wenig Plätze\n- Kitas sind voll\n- lange Wartelisten");
    assert_eq!(app.setup().fields_of_action(first.workshop.id).unwrap()[0].situation, drafted.situation, "saved");

    // Edited by hand, a new draft leaves it as it is.
    let edited = app.setup().update_field_situation(field.id, "  Wir haben 38 Kitas.  ").unwrap();
    assert_eq!(edited.situation, "Wir haben 38 Kitas.");
    assert_eq!(app.setup().draft_field_situation(field.id).unwrap(), edited);
    let too_long = app.setup().update_field_situation(field.id, &"x".repeat(2_001)).unwrap_err();
    assert!(matches!(&too_long, AppError::Invalid(e) if e.errors[0].field == "situation"), "{too_long:?}");
    assert_eq!(
        app.setup().draft_field_situation(FieldOfActionId::new()).unwrap_err().code(),
        "not_found",
        "an unknown field"
    );

    // The concept draft opens the field's chapter with it.
    let concept = app
        .documents()
        .minutes(first.workshop.id, DocumentKind::Concept, cafehost_app::ExportFormat::Md, Language::De, false)
        .unwrap();
    let concept = String::from_utf8(concept).unwrap();
    let chapter = concept.find("## Handlungsfeld: Frühe Bildung").unwrap_or_else(|| panic!("{concept}"));
    let situation = concept.find("### Ausgangslage").unwrap();
    assert!(chapter < situation && concept[situation..].contains("Wir haben 38 Kitas."), "{concept}");
}

#[test]
fn a_plan_ends_after_it_starts_and_is_kept_through_edits() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = workshop(&app, "Plan", None).workshop.id;
    let input = StatementInput {
        level: StatementLevel::Measure,
        text: "Elterncafés".into(),
        field_of_action: String::new(),
        votes: 0,
        owner: String::new(),
        time_frame: String::new(),
        status: StatementStatus::Draft,
    };
    let measure = app.harvest().add_statement(w, &input, &[]).unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 5, d);
    let wrong = StatementPlan { start_date: day(20), end_date: day(2), ..StatementPlan::default() };
    let refused = app.harvest().update_statement_plan(measure.id, &wrong).unwrap_err();
    assert!(matches!(&refused, AppError::Invalid(e) if e.errors[0].field == "end_date"), "{refused:?}");
    let plan = StatementPlan { end_date: day(31), target: " 38 Kitas ".into(), ..wrong };
    let saved = app.harvest().update_statement_plan(measure.id, &plan).unwrap();
    assert_eq!((saved.plan.end_date, saved.plan.target.as_str()), (day(31), "38 Kitas"));
    let edited = app.harvest().update_statement(measure.id, &StatementInput { votes: 3, ..input }).unwrap();
    assert_eq!(edited.plan, saved.plan, "an edit of the wording keeps the plan");
}

#[test]
fn a_process_keeps_its_description_and_vision() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let setup = workshop(&app, "Bildung", Some("Integrationskonzept"));
    let process = setup.process.unwrap().id;
    let texts = ProcessTexts { description: " Anlass ".into(), vision: "Teilhabe".into() };
    let saved = app.setup().update_process(process, &texts).unwrap();
    assert_eq!((saved.description.as_str(), saved.vision.as_str()), ("Anlass", "Teilhabe"));
    assert_eq!(app.setup().workshop_setup(setup.workshop.id).unwrap().process, Some(saved));
    let long = ProcessTexts { vision: "x".repeat(2_001), ..texts };
    assert_eq!(app.setup().update_process(process, &long).unwrap_err().code(), "invalid");
}
