//! The use cases end to end on a real database file, as the shell and the CLI call them.

#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::Arc;

use cafehost_app::{AppError, Cafehost, Clock, DEMO_TITLE, WorkshopRef};
use cafehost_core::import::ColumnRole;
use cafehost_core::import::ImportOptions;
use cafehost_core::*;
use chrono::{DateTime, TimeZone, Utc};

struct FixedClock;
impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2014, 4, 9, 12, 0, 0).unwrap()
    }
}

fn open(dir: &tempfile::TempDir) -> Cafehost {
    Cafehost::open_with_clock(dir.path(), Arc::new(FixedClock)).unwrap()
}

fn new_workshop(app: &Cafehost, title: &str, process: Option<&str>) -> Workshop {
    app.setup().create_workshop(&NewWorkshop { title: title.into(), process_title: process.map(Into::into) }).unwrap()
}

#[test]
fn the_demo_is_added_once_to_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    assert_eq!(app.settings().seed_demo_if_empty().unwrap(), None);
    let setup = app.setup().workshop_setup(id).unwrap();
    assert_eq!(setup.workshop.details.title, DEMO_TITLE);
    assert_eq!(
        setup.process.unwrap().title,
        "Beispiel: Integrationskonzept Rhein-Erft 2014",
        "in a process of its own"
    );
    let listed = app.setup().workshop_overview().unwrap();
    assert!(listed[0].workshops[0].is_example, "the list knows it is the example");
    assert_eq!((setup.tables.len(), setup.rounds.len(), setup.participants.len()), (6, 3, 30));
    assert!(setup.tables.iter().all(|t| t.input.host_id.is_some()), "every demo table has its host");
    let organisations: std::collections::HashSet<_> =
        setup.participants.iter().map(|p| &p.input.organisation).collect();
    assert!(organisations.len() >= 10);
    // Every demo participant passes validation as if typed in.
    assert!(setup.participants.iter().all(|p| p.input.validated().unwrap() == p.input));
}

#[test]
fn a_new_workshop_starts_with_three_rounds_and_is_grouped_by_process() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a = new_workshop(&app, "Arbeit", Some("Integrationskonzept 2014"));
    new_workshop(&app, "Bildung", Some("integrationskonzept 2014"));
    new_workshop(&app, "Einzelstück", None);
    assert_eq!(app.setup().workshop_setup(a.id).unwrap().rounds.len(), 3);
    let overview = app.setup().workshop_overview().unwrap();
    assert_eq!(overview.len(), 2);
    assert_eq!(overview[0].workshops.len(), 2);
    assert_eq!(overview[1].process, None);
    let err = app.setup().create_workshop(&NewWorkshop { title: " ".into(), process_title: None }).unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[test]
fn duplicating_copies_the_setup_with_new_identities() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let demo = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let copy = app.setup().duplicate_workshop(demo).unwrap();
    assert_eq!(copy.details.title, "Integration durch Bildung (Kopie)");
    let original = app.setup().workshop_setup(demo).unwrap();
    let copied = app.setup().workshop_setup(copy.id).unwrap();
    assert_eq!(copied.participants.len(), original.participants.len());
    let copied_ids: Vec<_> = copied.participants.iter().map(|p| p.id).collect();
    for table in &copied.tables {
        let host = table.input.host_id.unwrap();
        assert!(copied_ids.contains(&host), "hosts point at the copy's participants");
    }
    let first_question = &copied.tables[0].input.questions[0];
    assert!(copied.rounds.iter().any(|r| r.id == first_question.round_id));
    app.setup().delete_workshop(demo).unwrap();
    assert_eq!(app.setup().workshop_setup(copy.id).unwrap().participants.len(), 30, "the copy is independent");
}

#[test]
fn tables_and_rounds_are_edited_with_rules() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let w = new_workshop(&app, "Tische", None);
    let t1 = app.setup().add_table(w.id).unwrap();
    let t2 = app.setup().add_table(w.id).unwrap();
    assert_eq!((t1.input.number, t2.input.number), (1, 2));
    let clash = TableInput { number: 1, ..t2.input.clone() };
    match app.setup().update_table(t2.id, &clash).unwrap_err() {
        AppError::Invalid(e) => assert_eq!(e.errors[0].problem, FieldProblem::Taken),
        other => panic!("{other}"),
    }
    let stranger = new_workshop(&app, "Andere", None);
    let outsider = app
        .people()
        .add_participant(stranger.id, &ParticipantInput { last_name: "Fremd".into(), ..Default::default() })
        .unwrap();
    let with_outsider = TableInput { host_id: Some(outsider.id), ..t1.input.clone() };
    assert_eq!(app.setup().update_table(t1.id, &with_outsider).unwrap_err().code(), "table.host_not_participant");
    let round = app.setup().add_round(w.id).unwrap();
    assert_eq!(round.position, 3);
    let long = RoundInput { duration_minutes: 30, break_after_minutes: 10, question: "Was nun?".into() };
    assert_eq!(app.setup().update_round(round.id, &long).unwrap().input, long);
    app.setup().delete_round(round.id).unwrap();
    assert_eq!(app.setup().workshop_setup(w.id).unwrap().rounds.len(), 3);
}

#[test]
fn seats_are_spread_so_everyone_on_the_list_fits() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let w = new_workshop(&app, "Plätze", None);
    let t1 = app.setup().add_table(w.id).unwrap();
    let t2 = app.setup().add_table(w.id).unwrap();
    let small = TableInput { capacity: 4, topic: "Sprache".into(), ..t2.input.clone() };
    app.setup().update_table(t2.id, &small).unwrap();
    for i in 0..13 {
        app.people()
            .add_participant(w.id, &ParticipantInput { last_name: format!("N{i}"), ..Default::default() })
            .unwrap();
    }
    // 6 + 4 seats for 13 people: the smaller table gets two seats, then the first one the third.
    let tables = app.setup().spread_seats(w.id).unwrap();
    let capacities: Vec<(TableId, u32)> = tables.iter().map(|t| (t.id, t.input.capacity)).collect();
    assert_eq!(capacities, vec![(t1.id, 7), (t2.id, 6)]);
    assert_eq!(tables[1].input.topic, "Sprache", "only the capacity changes");
    assert_eq!(app.setup().workshop_setup(w.id).unwrap().tables, tables, "stored");
    assert_eq!(app.setup().spread_seats(w.id).unwrap(), tables, "once everyone fits nothing changes");
    assert_eq!(app.setup().spread_seats(WorkshopId::new()).unwrap_err().code(), "not_found");
}

const LIST_WITH_A_BAD_ROW: &str = "Vorname;Nachname;Träger;E-Mail\n\
    Anna;Müller;AWO;anna@awo.de\n\
    Ben;Kaya;Caritas;ben-at-caritas\n\
    Clara;Schmitz;VHS;\n";

#[test]
fn an_import_with_a_bad_row_writes_nothing_until_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let w = new_workshop(&app, "Import", None);
    let preview = app
        .people()
        .preview_import(w.id, LIST_WITH_A_BAD_ROW.as_bytes(), None, ImportOptions::default())
        .unwrap()
        .preview;
    assert_eq!(preview.invalid_count(), 1);
    assert_eq!(preview.rows[1].line, 3);
    assert_eq!(preview.rows[1].problems[0].column, Some(4));
    let err = app
        .people()
        .import_participants(w.id, LIST_WITH_A_BAD_ROW.as_bytes(), None, ImportOptions::default())
        .unwrap_err();
    assert_eq!(err.code(), "import.refused");
    assert!(app.people().participants(w.id).unwrap().is_empty(), "nothing is written when a row is refused");
    let fixed = LIST_WITH_A_BAD_ROW.replace("ben-at-caritas", "ben@caritas.de");
    let outcome = app.people().import_participants(w.id, fixed.as_bytes(), None, ImportOptions::default()).unwrap();
    assert_eq!(outcome.imported, 3);
    // Importing the same file again flags everyone as a duplicate and adds nobody.
    let again = app.people().import_participants(w.id, fixed.as_bytes(), None, ImportOptions::default()).unwrap();
    assert_eq!((again.imported, again.skipped_duplicates), (0, 3));
    assert_eq!(app.people().participants(w.id).unwrap().len(), 3);
}

#[test]
fn skip_invalid_imports_only_the_good_rows() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let w = new_workshop(&app, "Import", None);
    let options = ImportOptions { skip_invalid: true, include_duplicates: false };
    let outcome = app.people().import_participants(w.id, LIST_WITH_A_BAD_ROW.as_bytes(), None, options).unwrap();
    assert_eq!((outcome.imported, outcome.skipped_invalid), (2, 1));
}

#[test]
fn a_manual_mapping_overrides_the_guess() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let w = new_workshop(&app, "Import", None);
    let csv = "Person,Kürzel\nAnna Müller,AM\n";
    let mapping = [ColumnRole::FullName, ColumnRole::Ignore];
    let preview =
        app.people().preview_import(w.id, csv.as_bytes(), Some(&mapping), ImportOptions::default()).unwrap().preview;
    assert!(preview.rows[0].participant.attributes.is_empty());
    let wrong = [ColumnRole::FullName];
    let err =
        app.people().import_participants(w.id, csv.as_bytes(), Some(&wrong), ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), "import.refused");
}

#[test]
fn workshops_are_found_by_id_or_unambiguous_title() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a = new_workshop(&app, "Bildung", None);
    new_workshop(&app, "Arbeit", None);
    new_workshop(&app, "Arbeit", None);
    assert_eq!(app.people().resolve_workshop(&WorkshopRef("bildung".into())).unwrap(), a.id);
    assert_eq!(app.people().resolve_workshop(&WorkshopRef(a.id.to_string())).unwrap(), a.id);
    assert_eq!(app.people().resolve_workshop(&WorkshopRef("Arbeit".into())).unwrap_err().code(), "workshop.ambiguous");
    assert_eq!(app.people().resolve_workshop(&WorkshopRef("Nichts".into())).unwrap_err().code(), "workshop.ambiguous");
    assert_eq!(
        app.people().resolve_workshop(&WorkshopRef(WorkshopId::new().to_string())).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn participants_are_edited_checked_in_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let w = new_workshop(&app, "Liste", None);
    let p = app
        .people()
        .add_participant(
            w.id,
            &ParticipantInput { first_name: "Ana".into(), last_name: "García".into(), ..Default::default() },
        )
        .unwrap();
    let edited = app
        .people()
        .update_participant(p.id, &ParticipantInput { organisation: "VHS".into(), ..p.input.clone() })
        .unwrap();
    assert_eq!(edited.input.organisation, "VHS");
    assert_eq!(app.run().set_attendance(p.id, Attendance::Present).unwrap().attendance, Attendance::Present);
    let bad = ParticipantInput { email: "nope".into(), ..p.input.clone() };
    assert_eq!(app.people().update_participant(p.id, &bad).unwrap_err().code(), "invalid");
    app.people().delete_participant(p.id).unwrap();
    assert!(app.people().participants(w.id).unwrap().is_empty());
    assert_eq!(app.people().delete_participant(p.id).unwrap_err().code(), "not_found");
}

#[test]
fn error_codes_are_unique() {
    let mut codes = AppError::ALL_CODES.to_vec();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), AppError::ALL_CODES.len());
}

#[test]
fn export_round_trips_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let demo = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let csv = app.people().export_participants_csv(demo).unwrap();
    let target = new_workshop(&app, "Ziel", None);
    let outcome = app.people().import_participants(target.id, &csv, None, ImportOptions::default()).unwrap();
    assert_eq!(outcome.imported, 30);
    let mut a: Vec<_> = app.people().participants(demo).unwrap().into_iter().map(|p| p.input).collect();
    let mut b: Vec<_> = app.people().participants(target.id).unwrap().into_iter().map(|p| p.input).collect();
    a.sort_by_key(ParticipantInput::display_name);
    b.sort_by_key(ParticipantInput::display_name);
    assert_eq!(a, b);
}

#[test]
fn the_data_folder_is_chosen_by_argument_then_portable_marker_then_environment_then_os() {
    use cafehost_app::choose_data_dir;
    use std::path::PathBuf;
    let p = PathBuf::from;
    let all = || (Some(p("/arg")), Some(p("/stick/cafehost")), Some(p("/env")), Some(p("/home/x/.local/share/c")));
    let (arg, portable, env, os) = all();
    assert_eq!(choose_data_dir(arg, portable.clone(), env.clone(), os.clone()).unwrap(), p("/arg"));
    assert_eq!(
        choose_data_dir(None, portable, env.clone(), os.clone()).unwrap(),
        p("/stick/cafehost/data"),
        "a portable copy keeps its data beside it"
    );
    assert_eq!(choose_data_dir(None, None, env, os.clone()).unwrap(), p("/env"));
    assert_eq!(choose_data_dir(None, None, None, os).unwrap(), p("/home/x/.local/share/c"));
    assert!(matches!(choose_data_dir(None, None, None, None), Err(AppError::NoDataDir)));
}
