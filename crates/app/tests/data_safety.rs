//! Nothing next to the database, no backup and no file written on request may cost the
//! moderator her data: a closed database is one complete file, a journal that does not belong is
//! refused untouched, backups restore what they hold, and nothing is written over the database.

#![allow(clippy::unwrap_used, missing_docs)]

use std::path::Path;

use cafehost_app::{AppError, BackupReason, Cafehost, DATABASE_FILE};
use cafehost_core::*;

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A workshop with a table and a note, so there is something to lose.
fn fill(app: &Cafehost, title: &str) -> WorkshopId {
    let w = app.setup().create_workshop(&NewWorkshop { title: title.into(), process_title: None }).unwrap();
    let table = app.setup().add_table(w.id).unwrap();
    let text = NoteInput { text: format!("Notiz in {title}"), tags: Vec::new(), author: String::new() };
    app.notes().add_note(w.id, Some(table.id), None, NoteKind::Note, &text).unwrap();
    w.id
}

fn titles(app: &Cafehost) -> Vec<String> {
    let mut t: Vec<String> = app
        .setup()
        .workshop_overview()
        .unwrap()
        .into_iter()
        .flat_map(|g| g.workshops.into_iter().map(|w| w.title))
        .collect();
    t.sort();
    t
}

#[test]
fn a_closed_database_is_one_complete_file_that_can_be_copied_alone() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    fill(&app, "Bildung");
    fill(&app, "Arbeit");
    app.close().unwrap();
    assert_eq!(files_in(dir.path()), vec![DATABASE_FILE.to_owned()], "no journal is left beside it");
    assert_eq!(app.setup().workshop_overview().unwrap_err().code(), "app.closed");
    drop(app);

    // The file alone, copied to another folder (a stick), holds everything.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join(DATABASE_FILE), elsewhere.path().join(DATABASE_FILE)).unwrap();
    let copy = Cafehost::open(elsewhere.path()).unwrap();
    assert_eq!(titles(&copy), vec!["Arbeit", "Bildung"]);
    let w = copy.people().resolve_workshop(&cafehost_app::WorkshopRef("Bildung".into())).unwrap();
    assert_eq!(copy.notes().notes(w).unwrap().len(), 1);
}

/// Leaves a database with its write-ahead log as a crash would: the connections are never
/// closed, so the log still holds the last writes.
fn crashed_with_journal(dir: &Path, title: &str) -> Vec<u8> {
    let app = Cafehost::open(dir).unwrap();
    fill(&app, title);
    let wal = std::fs::read(dir.join(format!("{DATABASE_FILE}-wal"))).unwrap();
    std::mem::forget(app);
    assert!(!wal.is_empty(), "the crash leaves a journal");
    wal
}

#[test]
fn a_journal_that_does_not_belong_is_refused_and_nothing_is_touched() {
    // Last night's copy, restored from a stick: a sound database of its own.
    let restored = tempfile::tempdir().unwrap();
    let app = Cafehost::open(restored.path()).unwrap();
    fill(&app, "Gestern");
    app.close().unwrap();
    drop(app);
    let db = restored.path().join(DATABASE_FILE);
    let db_before = std::fs::read(&db).unwrap();

    // Another database's journal lies beside it (the crashed laptop's, another file's).
    let crashed = tempfile::tempdir().unwrap();
    let stray = crashed_with_journal(crashed.path(), "Heute");
    let wal = restored.path().join(format!("{DATABASE_FILE}-wal"));
    std::fs::write(&wal, &stray).unwrap();

    let refused = Cafehost::open(restored.path()).err().unwrap();
    assert_eq!(refused.code(), "open.stray_sidecar", "{refused}");
    assert_eq!(std::fs::read(&db).unwrap(), db_before, "the database is byte for byte as it was");
    assert_eq!(std::fs::read(&wal).unwrap(), stray, "the journal is kept as it was");

    // The way out the message names: move the journal aside, and yesterday's data is there.
    std::fs::rename(&wal, crashed.path().join("kept-journal")).unwrap();
    let _ = std::fs::remove_file(restored.path().join(format!("{DATABASE_FILE}-shm")));
    assert_eq!(titles(&Cafehost::open(restored.path()).unwrap()), vec!["Gestern"]);
}

#[test]
fn a_journal_that_belongs_is_applied_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    fill(&app, "Vorher");
    app.close().unwrap();
    drop(app);
    // A crash after more writes: the journal belongs to this very file.
    let crash_copy = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join(DATABASE_FILE), crash_copy.path().join(DATABASE_FILE)).unwrap();
    let wal = crashed_with_journal(crash_copy.path(), "Während");
    let db = std::fs::read(crash_copy.path().join(DATABASE_FILE)).unwrap();
    let after = tempfile::tempdir().unwrap();
    std::fs::write(after.path().join(DATABASE_FILE), db).unwrap();
    std::fs::write(after.path().join(format!("{DATABASE_FILE}-wal")), wal).unwrap();
    assert_eq!(titles(&Cafehost::open(after.path()).unwrap()), vec!["Vorher", "Während"], "nothing saved is lost");
}

#[test]
fn backups_are_made_before_bulk_changes_and_restore_what_they_hold() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    assert!(app.backups().list().unwrap().is_empty(), "an empty database is not backed up");
    let keep = fill(&app, "Bleibt");
    let gone = fill(&app, "Wird gelöscht");
    app.setup().delete_workshop(gone).unwrap();
    let automatic = app.backups().list().unwrap();
    assert_eq!(automatic.len(), 1);
    assert_eq!(automatic[0].reason, BackupReason::DeleteWorkshop);
    assert!(automatic[0].bytes > 0);

    // The backup before the deletion still holds the deleted workshop, and restores it.
    let backup = std::path::PathBuf::from(&automatic[0].path);
    let preview = app.backups().preview(&backup).unwrap();
    assert_eq!(preview.workshops.len(), 2);
    assert_eq!(preview.notes, 2);
    let restored = app.backups().restore(&backup).unwrap();
    assert_eq!(restored.workshops.len(), 2);
    assert_eq!(titles(&app), vec!["Bleibt", "Wird gelöscht"]);
    assert_eq!(app.notes().notes(keep).unwrap().len(), 1);
    // The state before the restore was kept too.
    assert!(app.backups().list().unwrap().iter().any(|b| b.reason == BackupReason::Restore));

    // A chosen backup on a "stick", restored into a fresh data folder.
    let stick = tempfile::tempdir().unwrap();
    let saved = app.backups().save(Some(&stick.path().join("sicherung.db"))).unwrap();
    assert!(saved.bytes > 0);
    let other = tempfile::tempdir().unwrap();
    let fresh = Cafehost::open(other.path()).unwrap();
    fresh.backups().restore(Path::new(&saved.path)).unwrap();
    assert_eq!(titles(&fresh), vec!["Bleibt", "Wird gelöscht"]);

    // Anything that is not a Cafehost database is refused, naming the user's file.
    let junk = stick.path().join("kein-backup.db");
    std::fs::write(&junk, b"no database").unwrap();
    let refused = fresh.backups().restore(&junk).unwrap_err();
    assert_eq!(refused.code(), "open.not_a_database");
    assert!(refused.to_string().contains("kein-backup.db"), "{refused}");
    assert_eq!(titles(&fresh), vec!["Bleibt", "Wird gelöscht"], "a refused restore changes nothing");
}

#[test]
fn nothing_is_written_over_the_database_its_journal_or_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = fill(&app, "Bildung");
    app.setup().delete_workshop(fill(&app, "Weg")).unwrap();
    let before = std::fs::read(dir.path().join(DATABASE_FILE)).unwrap_or_default();
    let backup = app.backups().list().unwrap()[0].path.clone();
    for target in [
        dir.path().join(DATABASE_FILE),
        dir.path().join(format!("{DATABASE_FILE}-wal")),
        dir.path().join(format!("{DATABASE_FILE}-journal")),
        dir.path().join("backups").join("x.pdf"),
        std::path::PathBuf::from(&backup),
        dir.path().join(".").join(DATABASE_FILE),
    ] {
        let refused = app.save_output(&target, b"%PDF-").unwrap_err();
        assert!(matches!(refused, AppError::ProtectedPath { .. }), "{}: {refused}", target.display());
    }
    assert_eq!(std::fs::read(dir.path().join(DATABASE_FILE)).unwrap_or_default(), before);
    // A file in a folder that does not exist yet: the folder is made.
    let out = dir.path().join("neu").join("protokoll.md");
    app.save_output(&out, b"# Protokoll").unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"# Protokoll");
    assert!(app.settings().check().unwrap().is_none(), "the database is sound");
    assert_eq!(app.notes().notes(w).unwrap().len(), 1);
}

#[test]
fn the_check_finds_an_index_that_no_longer_matches_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let w = fill(&app, "Bildung");
    for last in ["Zyxwvutsrq", "Anders"] {
        let input = ParticipantInput { last_name: last.into(), ..ParticipantInput::default() };
        app.people().add_participant(w, &input).unwrap();
    }
    assert_eq!(app.settings().check().unwrap(), None);
    app.close().unwrap();
    drop(app);

    // Change one letter of a name inside the index's page only: the table still says
    // "Zyxwvutsrq", the index "Zyxwvutsrz". SQLite's quick check does not compare the two.
    let db = dir.path().join(DATABASE_FILE);
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let root = conn
            .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'participant_workshop'", [], |r| r.get(0))
            .unwrap();
        let size = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(&db).unwrap();
    let start = usize::try_from((root - 1) * page_size).unwrap();
    let page = &mut bytes[start..start + usize::try_from(page_size).unwrap()];
    let at = page.windows(10).position(|w| w == b"Zyxwvutsrq").expect("the name is in the index page");
    page[at + 9] = b'z';
    std::fs::write(&db, &bytes).unwrap();

    let conn = rusqlite::Connection::open(&db).unwrap();
    let quick: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
    assert_eq!(quick, "ok", "the quick check misses it");
    drop(conn);
    let app = Cafehost::open(dir.path()).unwrap();
    let problems = app.settings().check().unwrap().expect("the full check finds it");
    assert!(problems.contains("participant_workshop"), "{problems}");
    assert_eq!(app.settings().daily_check().unwrap(), Some(problems.clone()), "the day's check says so");
    assert_eq!(app.settings().daily_check().unwrap(), Some(problems), "and remembers it for the day");
}

#[test]
fn automatic_backups_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    fill(&app, "Viele Änderungen");
    for _ in 0..25 {
        app.backups().before(BackupReason::Replan).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let kept = app.backups().list().unwrap();
    assert_eq!(kept.len(), cafehost_app::KEEP_AUTOMATIC, "only the newest are kept");
    assert!(kept.windows(2).all(|w| w[0].created_at >= w[1].created_at), "newest first");
}

#[test]
fn a_document_saved_again_never_replaces_the_one_saved_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Cafehost::open(dir.path()).unwrap();
    app.set_export_dir(dir.path().join("out"));
    let w = fill(&app, "Bildung");
    let language = Language::De;
    let first = app
        .documents()
        .save_printable(w, cafehost_app::Printable::SignIn, language, cafehost_app::PrintOptions::default())
        .unwrap();
    let before = std::fs::read(&first.path).unwrap();
    let second = app
        .documents()
        .save_printable(w, cafehost_app::Printable::SignIn, language, cafehost_app::PrintOptions::default())
        .unwrap();
    assert_ne!(first.path, second.path);
    assert!(second.path.ends_with("Bildung – Anmeldeliste (2).pdf"), "{}", second.path);
    assert_eq!(std::fs::read(&first.path).unwrap(), before, "the first file is as it was");
    let third = app
        .documents()
        .save_printable(w, cafehost_app::Printable::SignIn, language, cafehost_app::PrintOptions::default())
        .unwrap();
    assert!(third.path.ends_with("(3).pdf"), "{}", third.path);
}

#[test]
fn after_a_quiet_moment_the_database_file_alone_is_complete_while_the_app_runs() {
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let workshop = app
        .setup()
        .create_workshop(&cafehost_core::NewWorkshop { title: "Während".into(), process_title: None })
        .unwrap();
    let wal = dir.path().join("cafehost.db-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 0, "the write sits in the journal");
    assert!(!app.fold_journal_when_idle(std::time::Duration::from_secs(3600)).unwrap(), "not quiet long enough");
    assert!(app.fold_journal_when_idle(std::time::Duration::ZERO).unwrap());
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0, "folded into the database file");
    // A copy of the database file alone, made while the app still runs, holds the workshop.
    let stick = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("cafehost.db"), stick.path().join("cafehost.db")).unwrap();
    let copy = Cafehost::open(stick.path()).unwrap();
    assert_eq!(copy.setup().workshop_setup(workshop.id).unwrap().workshop.details.title, "Während");
    drop(app);
}
