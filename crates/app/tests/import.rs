//! Participant imports against a real database file: duplicates judged against the stored list,
//! imports running at the same time, files sent as the window sends them.

#![allow(clippy::unwrap_used, missing_docs)]

use std::fmt::Write as _;
use std::sync::Barrier;

use base64::Engine as _;
use cafehost_app::Cafehost;
use cafehost_core::import::{DuplicateBy, DuplicateOf, ImportOptions, RowProblemKind};
use cafehost_core::{NewWorkshop, ParticipantInput, Workshop};

fn new_workshop(app: &Cafehost) -> Workshop {
    app.setup().create_workshop(&NewWorkshop { title: "Import".into(), process_title: None }).unwrap()
}

fn list(people: usize) -> String {
    let mut text = String::from("Vorname;Nachname;E-Mail\n");
    for i in 0..people {
        let _ = writeln!(text, "Vorname{i};Nachname{i};person{i}@beispiel.de");
    }
    text
}

#[test]
fn a_known_address_is_a_duplicate_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = new_workshop(&app);
    let anna = ParticipantInput {
        first_name: "Anna".into(),
        last_name: "Müller".into(),
        email: "anna.mueller@awo.de".into(),
        ..Default::default()
    };
    app.people().add_participant(w.id, &anna).unwrap();
    let csv = "Name;E-Mail\nAnna Müller-Kaya; Anna.Mueller@AWO.de \nBen Kaya;ben@vhs.de\n";
    let checked = app.people().preview_import(w.id, csv.as_bytes(), None, ImportOptions::default()).unwrap();
    assert_eq!(
        checked.preview.rows[0].duplicate_of,
        Some(DuplicateOf::Existing { name: "Anna Müller".into(), by: DuplicateBy::Email })
    );
    let outcome = app.people().import_participants(w.id, csv.as_bytes(), None, ImportOptions::default()).unwrap();
    assert_eq!((outcome.imported, outcome.skipped_duplicates), (1, 1));
}

/// Both imports judge duplicates inside their write, so whichever comes second sees the first's
/// people and adds none of them again.
fn import_twice_at_once(first: &Cafehost, second: &Cafehost, workshop: &Workshop) {
    let csv = list(200);
    let start = Barrier::new(2);
    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let threads: Vec<_> = [first, second]
            .into_iter()
            .map(|app| {
                let (csv, start) = (&csv, &start);
                scope.spawn(move || {
                    start.wait();
                    app.people().import_participants(workshop.id, csv.as_bytes(), None, ImportOptions::default())
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap().unwrap()).collect()
    });
    let imported: u32 = outcomes.iter().map(|o| o.imported).sum();
    let skipped: u32 = outcomes.iter().map(|o| o.skipped_duplicates).sum();
    assert_eq!((imported, skipped), (200, 200), "{outcomes:?}");
    assert_eq!(first.people().participants(workshop.id).unwrap().len(), 200);
    assert_eq!(second.people().participants(workshop.id).unwrap().len(), 200);
}

#[test]
fn two_imports_at_once_through_one_app_add_everyone_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = new_workshop(&app);
    import_twice_at_once(&app, &app, &w);
}

#[test]
fn two_imports_at_once_through_two_apps_on_one_file_add_everyone_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = Cafehost::open(dir.path()).unwrap();
    let second = Cafehost::open(dir.path()).unwrap();
    let w = new_workshop(&first);
    import_twice_at_once(&first, &second, &w);
}

#[test]
fn a_file_sent_as_base64_is_read_like_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = new_workshop(&app);
    // UTF-8 but for one byte of Windows-1252 in line 3: only that row is refused.
    let mut bytes = "Vorname;Nachname\nAyşe;Öztürk\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"J\xfcrgen;Kaya\n");
    let base64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let checked = app.people().preview_import_base64(w.id, base64.clone(), None, ImportOptions::default()).unwrap();
    assert_eq!(checked.preview.rows[0].participant.last_name, "Öztürk");
    assert_eq!(checked.preview.rows[1].problems[0].kind, RowProblemKind::Unreadable);
    assert_eq!(checked.preview.rows[1].problems[0].column, Some(1));
    let err = app.people().import_participants_base64(w.id, base64, None, ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), "import.refused");
    let options = ImportOptions { skip_invalid: true, include_duplicates: false };
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let outcome = app.people().import_participants_base64(w.id, encoded, None, options).unwrap();
    assert_eq!((outcome.imported, outcome.skipped_invalid), (1, 1));
    let err = app.people().preview_import_base64(w.id, "not base64!".into(), None, options).unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[test]
fn the_dialog_preview_leaves_out_attributes_that_the_import_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = new_workshop(&app);
    let base64 = || base64::engine::general_purpose::STANDARD.encode("Name;Raum\nAnna Müller;12\n");
    let checked = app.people().preview_import_base64(w.id, base64(), None, ImportOptions::default()).unwrap();
    assert_eq!(checked.preview.rows[0].participant.last_name, "Müller");
    assert!(checked.preview.rows[0].participant.attributes.is_empty());
    app.people().import_participants_base64(w.id, base64(), None, ImportOptions::default()).unwrap();
    let stored = &app.people().participants(w.id).unwrap()[0];
    assert_eq!(stored.input.attributes.get("Raum").map(String::as_str), Some("12"));
}
