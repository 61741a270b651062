//! Power loss, in a loop: a child process runs a sequence of edits on a data folder and is
//! killed (SIGKILL, no chance to clean up) at a random point — during the first start, a
//! migration, an automatic backup, a bulk import or a single edit. Afterwards the folder must
//! open without a refusal, pass the full integrity check, and hold exactly the first k edits
//! for some k no smaller than the number the child had reported as saved.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cafehost_app::Cafehost;
use cafehost_core::import::ImportOptions;
use cafehost_core::{NewWorkshop, NoteInput, NoteKind, ParticipantInput, WorkshopId};
use proptest::prelude::*;

const OPS: &str = "CAFEHOST_KILL_OPS";
const DIR: &str = "CAFEHOST_KILL_DIR";
/// People in one bulk import: all of them or none must be there.
const IMPORTED: usize = 40;

/// One edit of the sequence; its index `i` makes its trace unique.
fn apply(app: &Cafehost, op: char, i: usize, workshop: &mut Option<WorkshopId>) {
    match (op, *workshop) {
        ('p', Some(w)) => {
            let person =
                ParticipantInput { first_name: "Eva".into(), last_name: format!("P{i}"), ..Default::default() };
            app.people().add_participant(w, &person).unwrap();
        }
        ('i', Some(w)) => {
            let rows: Vec<String> = (0..IMPORTED).map(|k| format!("Person{k};I{i}")).collect();
            let csv = format!("Vorname;Nachname\n{}\n", rows.join("\n"));
            let options = ImportOptions { skip_invalid: false, include_duplicates: true };
            app.people().import_participants(w, csv.as_bytes(), None, options).unwrap();
        }
        ('n', Some(w)) => {
            let note = NoteInput { text: format!("N{i}"), ..Default::default() };
            app.notes().add_note(w, None, None, NoteKind::WorkshopSummary, &note).unwrap();
        }
        _ => {
            let new = NewWorkshop { title: format!("W{i}"), process_title: None };
            *workshop = Some(app.setup().create_workshop(&new).unwrap().id);
        }
    }
}

/// The child: runs the sequence in `CAFEHOST_KILL_OPS` on `CAFEHOST_KILL_DIR` step by step,
/// each step (the open, then every edit) when the parent writes a line, and prints `saved` once
/// the step has returned.
#[test]
#[ignore = "run as a child process by the kill tests"]
fn worker() {
    let (Ok(ops), Ok(dir)) = (std::env::var(OPS), std::env::var(DIR)) else { return };
    let mut steps = std::io::stdin().lines();
    let mut out = std::io::stdout();
    let mut saved = || {
        writeln!(out, "saved").unwrap();
        out.flush().unwrap();
    };
    let Some(Ok(_)) = steps.next() else { return };
    let app = Cafehost::open(Path::new(&dir)).unwrap();
    saved();
    let mut workshop = None;
    for (i, op) in ops.chars().enumerate() {
        let Some(Ok(_)) = steps.next() else { return };
        apply(&app, op, i, &mut workshop);
        saved();
    }
}

/// Which edits of `ops` the folder holds, in order of the sequence.
fn traces(dir: &Path, ops: &str) -> Vec<bool> {
    let app = Cafehost::open(dir).unwrap_or_else(|e| panic!("the folder is refused after a kill: {e}"));
    assert_eq!(app.settings().check().unwrap(), None, "the file is sound after a kill");
    let mut titles = Vec::new();
    let mut last_names = Vec::new();
    let mut notes = Vec::new();
    for group in app.setup().workshop_overview().unwrap() {
        for w in group.workshops {
            titles.push(w.title.clone());
            last_names.extend(app.people().participants(w.id).unwrap().into_iter().map(|p| p.input.last_name));
            notes.extend(app.notes().notes(w.id).unwrap().into_iter().map(|n| n.text));
        }
    }
    ops.chars()
        .enumerate()
        .map(|(i, op)| match op {
            'p' => last_names.contains(&format!("P{i}")),
            'i' => {
                let n = last_names.iter().filter(|l| **l == format!("I{i}")).count();
                assert!(n == 0 || n == IMPORTED, "an import is all or nothing, found {n} of {IMPORTED}");
                n == IMPORTED
            }
            'n' => notes.contains(&format!("N{i}")),
            _ => titles.contains(&format!("W{i}")),
        })
        .collect()
}

/// Runs the open and the first `steps - 1` edits of `ops` in a child, one after the other, then
/// starts one more step and kills the child `delay` later (often in the middle of that step).
/// Returns how many steps the child reported done (the open counts as one).
fn run_and_kill(dir: &Path, ops: &str, steps: usize, delay: Duration) -> usize {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["worker", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(OPS, ops)
        .env(DIR, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // The first one shares its line with the test harness's "test worker ... ".
            if line.ends_with("saved") {
                let _ = tx.send(());
            }
        }
    });
    let mut acknowledged = 0;
    for step in 0..=steps {
        writeln!(stdin, "go").unwrap();
        stdin.flush().unwrap();
        if step == steps {
            break;
        }
        // Generous: the machine may be busy with other work.
        rx.recv_timeout(Duration::from_secs(120)).expect("the child finishes a step");
        acknowledged += 1;
    }
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
    reader.join().unwrap();
    acknowledged + rx.try_iter().count()
}

fn sequence() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![Just('w'), Just('p'), Just('i'), Just('n')], 1..8)
        .prop_map(|rest| std::iter::once('w').chain(rest).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_kill_at_any_point_leaves_a_prefix_of_the_edits(
        ops in sequence(),
        steps in 0usize..9,
        delay_us in 0u64..4_000,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let steps = steps.min(ops.len());
        // The first step reported is the open.
        let saved = run_and_kill(dir.path(), &ops, steps, Duration::from_micros(delay_us)).saturating_sub(1);
        let held = traces(dir.path(), &ops);
        let k = held.iter().take_while(|h| **h).count();
        prop_assert!(held[k..].iter().all(|h| !h), "not a prefix: {ops} held {held:?}");
        prop_assert!(k >= saved, "{saved} edits were reported saved, only {k} are there: {ops} {held:?}");
        prop_assert!(k <= steps, "edit {k} was never started: {ops} {held:?}");
    }
}

/// A kill early in the very first start (while the file is created and migrated) must never
/// leave a file that is later refused as another program's.
#[test]
fn a_kill_during_the_first_start_never_leaves_a_refused_file() {
    // The first open takes a few milliseconds: kill points every quarter of one, then coarser.
    for delay_us in (0..10_000).step_by(250).chain((10_000..40_000).step_by(5_000)) {
        let dir = tempfile::tempdir().unwrap();
        run_and_kill(dir.path(), "w", 0, Duration::from_micros(delay_us));
        let held = traces(dir.path(), "w");
        assert_eq!(held.len(), 1);
    }
}
