//! Opening real files: new, reopened, and every kind of file that must be refused untouched.
//! Upgrades of files that older versions wrote are in `upgrade.rs`, on real fixture files.

#![allow(clippy::unwrap_used, missing_docs)]

use std::path::Path;

use cafehost_core::{Workshop, WorkshopDetails, WorkshopId, WorkshopSetup};
use cafehost_store::{APPLICATION_ID, OpenError, SCHEMA_VERSION, Store};
use chrono::Utc;

fn setup(title: &str) -> WorkshopSetup {
    let now = Utc::now();
    WorkshopSetup {
        workshop: Workshop {
            id: WorkshopId::new(),
            process_id: None,
            details: WorkshopDetails::titled(title),
            created_at: now,
            updated_at: now,
        },
        process: None,
        tables: vec![],
        rounds: vec![],
        participants: vec![],
    }
}

fn assert_untouched(path: &Path, before: &[u8]) {
    assert_eq!(std::fs::read(path).unwrap(), before, "the refused file must stay byte-for-byte the same");
    let name = path.file_name().unwrap().to_string_lossy();
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        assert!(!side.exists() || std::fs::metadata(&side).unwrap().len() == 0, "{suffix} file left behind");
    }
}

#[test]
fn creates_reopens_and_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/cafehost.db");
    let w = setup("Integration durch Bildung");
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_setup(&w).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.workshop(w.workshop.id).unwrap().details.title, "Integration durch Bildung");
    store.check_integrity().unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!((app_id, version, mode.as_str()), (APPLICATION_ID, SCHEMA_VERSION, "wal"));
}

#[test]
fn an_empty_file_or_empty_sqlite_database_is_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    Store::open(&empty).unwrap();
    let blank_sqlite = dir.path().join("blank.db");
    rusqlite::Connection::open(&blank_sqlite).unwrap().execute_batch("PRAGMA user_version = 0; VACUUM;").unwrap();
    let store = Store::open(&blank_sqlite).unwrap();
    assert!(store.is_empty().unwrap());
}

#[test]
fn refuses_a_file_that_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("notes.db", b"Vorname;Nachname\nAnna;M\xc3\xbcller\n".to_vec()),
        ("short.db", b"SQLite".to_vec()),
        ("zeros.db", vec![0u8; 8192]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, OpenError::NotADatabase { .. }), "{name}: {err}");
        assert!(err.to_string().contains("not a Cafehost database"));
        assert_untouched(&path, &bytes);
    }
}

#[test]
fn refuses_another_programs_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firefox.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places VALUES (1, 'x');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, OpenError::Foreign { .. }), "{err}");
    assert_untouched(&path, &before);
}

#[test]
fn refuses_a_database_from_a_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafehost.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}; PRAGMA journal_mode = DELETE;", SCHEMA_VERSION + 1))
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    match &err {
        OpenError::Newer { found, supported, .. } => {
            assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected Newer, got {other}"),
    }
    assert!(err.to_string().contains("newer Cafehost"));
    assert_untouched(&path, &before);
}

#[test]
fn refuses_a_damaged_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafehost.db");
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..40 {
            store.insert_setup(&setup(&format!("Workshop {i} {}", "x".repeat(150)))).unwrap();
        }
    }
    {
        // Checkpoint and leave WAL mode so that all data is in the main file.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4 * 4096);
    // Scribble over the B-tree page headers of pages 3 and 4.
    for page in [2usize, 3] {
        for b in &mut bytes[page * 4096..page * 4096 + 64] {
            *b = 0xA5;
        }
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("damaged"));
    assert_untouched(&path, &bytes);
}

#[test]
fn a_workshop_written_before_a_crash_is_there_after_it() {
    // Simulates a process that dies without closing: the connection is leaked, not dropped.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafehost.db");
    let w = setup("Nach dem Absturz");
    let mut store = Store::open(&path).unwrap();
    store.insert_setup(&w).unwrap();
    std::mem::forget(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.workshop(w.workshop.id).unwrap().details.title, "Nach dem Absturz");
}
