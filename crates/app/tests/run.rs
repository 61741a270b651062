//! The run on the day, on a real file with a clock the test moves: the time left survives a
//! restart, and check-in changes re-plan only the rounds that have not started.

#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::{Arc, Mutex};

use cafehost_app::{Cafehost, Clock, PlanOptions, PrintOptions, Printable};
use cafehost_core::run::{RunAction, StepKind};
use cafehost_core::*;
use chrono::{DateTime, Duration, TimeZone, Utc};

#[derive(Clone)]
struct TestClock(Arc<Mutex<DateTime<Utc>>>);
impl TestClock {
    fn new() -> Self {
        Self(Arc::new(Mutex::new(Utc.with_ymd_and_hms(2014, 4, 9, 14, 0, 0).unwrap())))
    }
    fn advance(&self, seconds: i64) {
        *self.0.lock().unwrap() += Duration::seconds(seconds);
    }
}
impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

fn open(dir: &tempfile::TempDir, clock: &TestClock) -> Cafehost {
    Cafehost::open_with_clock(dir.path(), Arc::new(clock.clone())).unwrap()
}

/// Starts round 1; someone who is not a host leaves and a walk-in arrives. Returns who left and
/// the walk-in.
fn round_1_under_way_someone_leaves_and_one_comes(
    app: &Cafehost,
    id: WorkshopId,
    setup: &WorkshopSetup,
) -> (ParticipantId, Participant) {
    app.run().run_action(id, RunAction::NextRound).unwrap();
    app.run().run_action(id, RunAction::Start).unwrap();
    let hosts: Vec<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    let leaving = setup.participants.iter().find(|p| !hosts.contains(&p.id)).unwrap().id;
    app.run().set_attendance(leaving, Attendance::Left).unwrap();
    let walk_in = ParticipantInput {
        first_name: "Şükrü".into(),
        last_name: "Doğan".into(),
        organisation: "DİTİB".into(),
        ..Default::default()
    };
    (leaving, app.run().add_walk_in(id, &walk_in).unwrap())
}

#[test]
fn the_clock_resumes_with_the_right_time_left_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let app = open(&dir, &clock);
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let view = app.run().run_view(id).unwrap();
    assert_eq!(view.agenda.iter().filter(|s| s.kind == StepKind::Round).count(), 3);
    assert_eq!((view.current.unwrap().kind, view.running), (StepKind::Welcome, false));

    app.run().run_action(id, RunAction::NextRound).unwrap();
    let view = app.run().run_action(id, RunAction::Start).unwrap();
    assert_eq!((view.remaining_seconds, view.next_round, view.first_open_round), (20 * 60, Some(1), Some(1)));
    clock.advance(5 * 60);
    drop(app); // as if the app crashed mid-round

    clock.advance(60);
    let app = open(&dir, &clock);
    let view = app.run().run_view(id).unwrap();
    assert!(view.running);
    assert_eq!(view.remaining_seconds, 14 * 60, "six minutes have passed, app closed or not");
    let view = app.run().run_action(id, RunAction::Pause).unwrap();
    clock.advance(600);
    assert_eq!(app.run().run_view(id).unwrap().remaining_seconds, 14 * 60, "paused time does not count");
    let view_after = app.run().run_action(id, RunAction::Extend { minutes: 5 }).unwrap();
    assert_eq!(view_after.remaining_seconds, view.remaining_seconds + 300);
    // A mistaken "+5" is taken back minute by minute, and a step cut short is stored as ended.
    let view_back = app.run().run_action(id, RunAction::Shorten { minutes: 1 }).unwrap();
    assert_eq!(view_back.remaining_seconds, view_after.remaining_seconds - 60);
    app.run().run_action(id, RunAction::Shorten { minutes: 30 }).unwrap();
    drop(app);
    let app = open(&dir, &clock);
    assert_eq!(app.run().run_view(id).unwrap().remaining_seconds, 0, "never below zero, after a restart too");
}

#[test]
fn check_in_changes_replan_only_the_rounds_still_to_come() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let app = open(&dir, &clock);
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let before = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    let setup = app.setup().workshop_setup(id).unwrap();
    let round = |r: usize| setup.rounds[r].id;
    let seats_in = |plan: &cafehost_app::RotationPlan, r: usize| {
        let mut seats: Vec<Seat> = plan.seats.iter().filter(|s| s.round_id == round(r)).copied().collect();
        seats.sort_by_key(|s| s.participant_id.to_string());
        seats
    };

    // Round 1 is under way; a latecomer arrives and someone leaves.
    let (leaving, late) = round_1_under_way_someone_leaves_and_one_comes(&app, id, &setup);
    assert_eq!(late.attendance, Attendance::Present);
    assert!(late.walk_in, "marked as a walk-in, for the minutes");
    assert!(setup.participants.iter().all(|p| !p.walk_in), "the people on the list were registered");

    let after = app.run().replan_open_rounds(id, 0).unwrap();
    assert_eq!(seats_in(&after, 0), seats_in(&before, 0), "the round under way is unchanged");
    for r in 1..3 {
        assert!(
            seats_in(&after, r).iter().any(|s| s.participant_id == late.id),
            "the latecomer is seated in round {}",
            r + 1
        );
        assert!(
            seats_in(&after, r).iter().all(|s| s.participant_id != leaving),
            "who left has no seat in round {}",
            r + 1
        );
    }
    let rounds_changed: Vec<u32> = after.changes.iter().map(|c| c.round).collect();
    assert_eq!(rounds_changed, vec![1, 2], "changes are reported for the re-planned rounds only");
    assert!(after.changes.iter().all(|c| c.seated == 1 && c.removed == 1));
    // Who moves is said by name: the latecomer gets a table, who left loses one, and every other
    // move matches the seats before and after.
    for change in &after.changes {
        let r = change.round as usize;
        let table_of = |plan: &cafehost_app::RotationPlan, p: ParticipantId| {
            seats_in(plan, r).iter().find(|s| s.participant_id == p).map(|s| s.table_id)
        };
        assert_eq!(u32::try_from(change.moves.len()).unwrap(), change.moved + change.seated + change.removed);
        for m in &change.moves {
            assert_eq!(m.from, table_of(&before, m.participant_id));
            assert_eq!(m.to, table_of(&after, m.participant_id));
            assert_ne!(m.from, m.to);
        }
        assert!(change.moves.iter().any(|m| m.participant_id == late.id && m.from.is_none() && m.to.is_some()));
        assert!(change.moves.iter().any(|m| m.participant_id == leaving && m.from.is_some() && m.to.is_none()));
    }
    let quality = after.quality.unwrap();
    assert_eq!(quality.unseated, 0, "a gap in the round under way is not a reason to plan again");
}

/// The text of a saved PDF, read back with poppler's `pdftotext`, whitespace folded.
fn pdf_words(path: &str) -> String {
    let out = std::process::Command::new("pdftotext").arg(path).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn after_a_replan_route_cards_are_printed_only_for_who_moved_and_the_walk_in() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let mut app = open(&dir, &clock);
    app.set_export_dir(dir.path().join("exports"));
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let first = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    assert!(first.route_cards_to_reprint.is_empty(), "after the first plan everyone's card is printed");

    let setup = app.setup().workshop_setup(id).unwrap();
    let (leaving, late) = round_1_under_way_someone_leaves_and_one_comes(&app, id, &setup);
    let replanned = app.run().replan_open_rounds(id, 3).unwrap();

    // Who is told a new table and is still here, and the walk-in; not who left.
    let reprint = replanned.route_cards_to_reprint.clone();
    let mut in_moves: Vec<ParticipantId> =
        replanned.changes.iter().flat_map(|c| c.moves.iter().map(|m| m.participant_id)).collect();
    in_moves.sort_unstable();
    in_moves.dedup();
    in_moves.retain(|p| *p != leaving);
    let mut sorted = reprint.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, in_moves);
    assert!(reprint.contains(&late.id) && !reprint.contains(&leaving));
    assert!(
        setup.tables.iter().filter_map(|t| t.input.host_id).all(|h| !reprint.contains(&h)),
        "hosts stay at their tables"
    );

    // The ids go to the print command as they came: only their cards, in a file of its own.
    let options = PrintOptions { route_cards_for: Some(reprint.clone()), ..PrintOptions::default() };
    let saved = app.documents().save_printable(id, Printable::RouteCards, Language::De, options).unwrap();
    assert!(saved.path.ends_with("Integration durch Bildung – Laufzettel (Auswahl).pdf"), "{}", saved.path);
    let text = pdf_words(&saved.path);
    let people = app.setup().workshop_setup(id).unwrap().participants;
    for p in &people {
        assert_eq!(text.contains(&p.display_name()), reprint.contains(&p.id), "{}", p.display_name());
    }
    assert_eq!(text.matches("Laufzettel ·").count(), reprint.len(), "one card each");
    let all = app.documents().save_printable(id, Printable::RouteCards, Language::De, PrintOptions::default()).unwrap();
    assert!(all.path.ends_with("Integration durch Bildung – Laufzettel.pdf"), "{}", all.path);
    assert!(pdf_words(&all.path).contains(&people[0].display_name()), "everyone's cards still print in full");
}

#[test]
fn no_path_re_plans_the_round_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let app = open(&dir, &clock);
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let first = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    app.run().run_action(id, RunAction::NextRound).unwrap();
    app.run().run_action(id, RunAction::Start).unwrap();

    // The seating tab's "plan again" from round 1 while round 1 runs: refused, nothing changed.
    let refused = app.seating().plan_rotation(id, PlanOptions { from_round: 0, seed: 9 }).unwrap_err();
    assert_eq!(refused.code(), "plan.rounds_locked");
    assert!(matches!(refused, cafehost_app::AppError::RoundsLocked { first_open: Some(2) }), "{refused:?}");
    assert_eq!(app.seating().rotation_plan(id).unwrap().seats, first.seats);

    // From the next round on it is allowed, and round 1 stays as it was.
    let later = app.seating().plan_rotation(id, PlanOptions { from_round: 1, seed: 9 }).unwrap();
    let round_one = app.setup().workshop_setup(id).unwrap().rounds[0].id;
    let in_round_one = |seats: &[Seat]| {
        let mut s: Vec<Seat> = seats.iter().filter(|s| s.round_id == round_one).copied().collect();
        s.sort_by_key(|s| s.participant_id);
        s
    };
    assert_eq!(in_round_one(&later.seats), in_round_one(&first.seats));

    // After the last round has begun, nothing can be re-planned any more.
    for _ in 0..6 {
        app.run().run_action(id, RunAction::Next).unwrap();
    }
    let view = app.run().run_view(id).unwrap();
    assert_eq!(view.current.unwrap().kind, StepKind::Harvest);
    let refused = app.seating().plan_rotation(id, PlanOptions { from_round: 2, seed: 1 }).unwrap_err();
    assert!(matches!(refused, cafehost_app::AppError::RoundsLocked { first_open: None }), "{refused:?}");
}

#[test]
fn the_timetable_starts_the_rounds_after_the_welcome() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let app = open(&dir, &clock);
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let start = app.setup().workshop_setup(id).unwrap().workshop.details.start_time.unwrap();
    let view = app.run().set_run_frame(id, run::RunFrame { welcome_minutes: 15, harvest_minutes: 30 }).unwrap();
    let rounds = run::round_times(&view.schedule);
    assert_eq!(rounds[0].unwrap().0, start + Duration::minutes(15));
    let too_long = app.run().set_run_frame(id, run::RunFrame { welcome_minutes: 601, harvest_minutes: 30 });
    assert_eq!(too_long.unwrap_err().code(), "invalid");
    assert_eq!(app.run().run_view(id).unwrap().frame.welcome_minutes, 15, "a refused frame changes nothing");
}

#[test]
fn a_restart_goes_back_to_a_run_under_way_on_its_tab_and_projector() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let app = open(&dir, &clock);
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    let here = cafehost_app::Place { workshop: id, tab: "run".into(), projector: true };
    app.settings().remember_place(Some(&here)).unwrap();
    assert_eq!(app.settings().place_to_resume().unwrap(), None, "a run that has not begun is not resumed");

    app.run().run_action(id, RunAction::Start).unwrap();
    app.settings().remember_place(Some(&here)).unwrap();
    drop(app);
    clock.advance(600);
    let app = open(&dir, &clock);
    assert_eq!(app.settings().place_to_resume().unwrap(), Some(here.clone()), "back to the run after a restart");

    // Not the next morning, and not after going back to the list.
    clock.advance(13 * 3600);
    assert_eq!(app.settings().place_to_resume().unwrap(), None);
    app.settings().remember_place(Some(&here)).unwrap();
    app.settings().remember_place(None).unwrap();
    assert_eq!(app.settings().place_to_resume().unwrap(), None);

    // A tab name is a plain word.
    let odd = cafehost_app::Place { workshop: id, tab: "<script>".into(), projector: false };
    assert_eq!(app.settings().remember_place(Some(&odd)).unwrap_err().code(), "invalid");
}
