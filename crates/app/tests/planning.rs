//! Planning the rotation of a workshop on a real database file: the plan keeps every hard rule,
//! is stored, survives reopening, honours seats set by hand, and re-planning leaves held rounds
//! alone.

#![allow(clippy::unwrap_used, missing_docs)]

use std::collections::{HashMap, HashSet};

use cafehost_app::{AppError, Cafehost, PlanOptions, RotationPlan};
use cafehost_core::seating::PairKind;
use cafehost_core::*;

fn demo(dir: &tempfile::TempDir) -> (Cafehost, WorkshopId) {
    let app = Cafehost::open(dir.path()).unwrap();
    let id = app.settings().seed_demo_if_empty().unwrap().unwrap();
    (app, id)
}

/// Checks the hard rules of a stored plan against the setup and returns round → person → table.
fn check_rules(setup: &WorkshopSetup, plan: &RotationPlan) -> Vec<HashMap<ParticipantId, TableId>> {
    let mut rounds: Vec<HashMap<ParticipantId, TableId>> = vec![HashMap::new(); setup.rounds.len()];
    let index: HashMap<RoundId, usize> = setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for seat in &plan.seats {
        let previous = rounds[index[&seat.round_id]].insert(seat.participant_id, seat.table_id);
        assert!(previous.is_none(), "one seat per person and round");
    }
    let present: Vec<&Participant> =
        setup.participants.iter().filter(|p| !matches!(p.attendance, Attendance::Absent | Attendance::Left)).collect();
    for (r, seating) in rounds.iter().enumerate() {
        for table in &setup.tables {
            let size = seating.values().filter(|t| **t == table.id).count();
            assert!(size <= table.input.capacity as usize, "round {r}: table {} over capacity", table.input.number);
            if let Some(host) = table.input.host_id
                && present.iter().any(|p| p.id == host)
            {
                assert_eq!(seating.get(&host), Some(&table.id), "round {r}: the host stays at their table");
            }
        }
        for p in &present {
            assert!(seating.contains_key(&p.id), "round {r}: {} {} is seated", p.input.first_name, p.input.last_name);
        }
    }
    // Travel mode `free`: a traveller never sits at the same table twice.
    let hosts: HashSet<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    for p in present.iter().filter(|p| !hosts.contains(&p.id)) {
        let tables: Vec<_> = rounds.iter().filter_map(|s| s.get(&p.id)).collect();
        let distinct: HashSet<_> = tables.iter().collect();
        assert_eq!(distinct.len(), tables.len(), "no table twice");
    }
    rounds
}

#[test]
fn the_demo_is_planned_at_the_lower_bound_and_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    assert_eq!(
        app.seating().rotation_plan(id).unwrap(),
        RotationPlan { seats: Vec::new(), quality: None, changes: Vec::new(), route_cards_to_reprint: Vec::new() }
    );

    let plan = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    let setup = app.setup().workshop_setup(id).unwrap();
    check_rules(&setup, &plan);
    let quality = plan.quality.clone().unwrap();
    assert_eq!(quality.repeat_encounters, quality.lower_bound, "{quality:?}");
    assert_eq!(quality.unseated, 0);
    assert!(quality.size_spread <= 1);

    // Same seed, same plan; and the plan is on disk.
    let again = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    assert_eq!(again.seats, plan.seats);
    drop(app);
    let reopened = Cafehost::open(dir.path()).unwrap();
    assert_eq!(reopened.seating().rotation_plan(id).unwrap(), plan);
}

#[test]
fn a_seat_set_by_hand_is_kept_and_held_rounds_stay_when_planning_again() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    let plan = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    let setup = app.setup().workshop_setup(id).unwrap();
    let before = check_rules(&setup, &plan);

    // Move a traveller in round 3 to another table that has room, which pins the seat.
    let hosts: HashSet<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    let round3 = setup.rounds[2].id;
    let (&mover, &origin) = before[2].iter().find(|(p, _)| !hosts.contains(p)).unwrap();
    let visited: HashSet<TableId> = before.iter().filter_map(|s| s.get(&mover).copied()).collect();
    let target = setup.tables.iter().find(|t| !visited.contains(&t.id)).map(|t| t.id);
    // With 3 rounds and 6 tables there is always a table not visited yet.
    let target = target.unwrap();
    assert_ne!(target, origin);
    let after_move = app
        .seating()
        .set_seat(Seat { round_id: round3, participant_id: mover, table_id: target, pinned: true })
        .unwrap();
    assert!(
        after_move
            .seats
            .iter()
            .any(|s| s.round_id == round3 && s.participant_id == mover && s.table_id == target && s.pinned)
    );

    // Two people leave after round 1; plan rounds 2 and 3 again.
    let leaving: Vec<ParticipantId> =
        setup.participants.iter().filter(|p| !hosts.contains(&p.id) && p.id != mover).take(2).map(|p| p.id).collect();
    for p in &leaving {
        app.run().set_attendance(*p, Attendance::Left).unwrap();
    }
    let replanned = app.seating().plan_rotation(id, PlanOptions { from_round: 1, seed: 7 }).unwrap();
    let setup = app.setup().workshop_setup(id).unwrap();
    let after = check_rules(&setup, &replanned);
    assert_eq!(after[0], before[0], "the held round is unchanged");
    assert_eq!(after[2].get(&mover), Some(&target), "the pinned seat is kept");
    for p in &leaving {
        assert!(!after[1].contains_key(p) && !after[2].contains_key(p), "people who left are not seated");
    }
    assert_eq!(replanned.quality.unwrap().unseated, 0);
}

#[test]
fn impossible_setups_are_refused_with_a_code_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    let setup = app.setup().workshop_setup(id).unwrap();

    // 30 people, 6 tables of 4 seats.
    for table in &setup.tables {
        let mut input = table.input.clone();
        input.capacity = 4;
        app.setup().update_table(table.id, &input).unwrap();
    }
    let Err(AppError::Plan { code, params, .. }) = app.seating().plan_rotation(id, PlanOptions::default()) else {
        panic!("capacity must be refused")
    };
    assert_eq!(code, "planner.capacity_too_small");
    assert_eq!(params["round"], "1", "rounds are counted from 1 for people");
    assert_eq!((params["people"].as_str(), params["seats"].as_str(), params["missing"].as_str()), ("30", "24", "6"));
    for table in &setup.tables {
        app.setup().update_table(table.id, &table.input).unwrap();
    }

    // Seven rounds at six topic tables: someone would have to return to a table.
    for _ in 0..4 {
        app.setup().add_round(id).unwrap();
    }
    let Err(AppError::Plan { code, params, .. }) = app.seating().plan_rotation(id, PlanOptions::default()) else {
        panic!("too many rounds must be refused")
    };
    assert_eq!(code, "planner.too_many_rounds_for_tour");
    assert_eq!((params["rounds"].as_str(), params["tables"].as_str()), ("7", "6"));

    // In travel mode `any` the same setup can be planned.
    let mut details = setup.workshop.details.clone();
    details.travel_mode = TravelMode::Any;
    app.setup().update_workshop(id, &details).unwrap();
    let plan = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    assert_eq!(plan.seats.len(), 30 * 7);
    assert!(app.seating().rotation_plan(id).unwrap().quality.is_some());
}

#[test]
fn a_seat_set_by_hand_may_not_overfill_a_table_or_return_a_traveller() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    let plan = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    let setup = app.setup().workshop_setup(id).unwrap();
    let rounds = check_rules(&setup, &plan);
    let hosts: HashSet<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    let travellers: Vec<ParticipantId> = rounds[1].keys().filter(|p| !hosts.contains(p)).copied().collect();

    // Back to the table of round 1 in round 2: refused in travel mode `free`.
    let person = travellers[0];
    let first_table = rounds[0][&person];
    let back = Seat { round_id: setup.rounds[1].id, participant_id: person, table_id: first_table, pinned: true };
    let Err(AppError::SeatRefused { code, .. }) = app.seating().set_seat(back) else {
        panic!("a return must be refused")
    };
    assert_eq!(code, "seat.revisit");

    // Fill one table of round 3 up to its capacity, then one more is refused.
    let last_round = setup.rounds[2].id;
    let table = &setup.tables[0];
    let mut seated = rounds[2].values().filter(|t| **t == table.id).count();
    let mut overflow = None;
    for person in rounds[2].keys().filter(|p| !hosts.contains(p) && rounds[2][p] != table.id) {
        if rounds[0][person] == table.id || rounds[1][person] == table.id {
            continue;
        }
        let result = app.seating().set_seat(Seat {
            round_id: last_round,
            participant_id: *person,
            table_id: table.id,
            pinned: true,
        });
        if seated < table.input.capacity as usize {
            result.unwrap();
            seated += 1;
        } else {
            overflow = Some(result);
            break;
        }
    }
    let Some(Err(AppError::SeatRefused { code, table: number })) = overflow else { panic!("a full table must refuse") };
    assert_eq!((code, number), ("seat.table_full", table.input.number));
    let plan = app.seating().rotation_plan(id).unwrap();
    assert_eq!(plan.seats.iter().filter(|s| s.round_id == last_round && s.table_id == table.id).count(), 6);
}

#[test]
fn two_travellers_swap_tables_and_both_seats_are_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    let plan = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    let setup = app.setup().workshop_setup(id).unwrap();
    let rounds = check_rules(&setup, &plan);
    let hosts: HashSet<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    // Two travellers of round 3 at different tables, neither of whom sat at the other's before.
    let travellers: Vec<ParticipantId> = rounds[2].keys().filter(|p| !hosts.contains(p)).copied().collect();
    let visited = |p: ParticipantId, t: TableId| rounds[..2].iter().any(|s| s.get(&p) == Some(&t));
    let (a, b) = travellers
        .iter()
        .flat_map(|a| travellers.iter().map(move |b| (*a, *b)))
        .find(|(a, b)| rounds[2][a] != rounds[2][b] && !visited(*a, rounds[2][b]) && !visited(*b, rounds[2][a]))
        .unwrap();
    let swapped = app.seating().swap_seats(setup.rounds[2].id, a, b).unwrap();
    let seat = |p: ParticipantId| {
        *swapped.seats.iter().find(|s| s.round_id == setup.rounds[2].id && s.participant_id == p).unwrap()
    };
    assert_eq!((seat(a).table_id, seat(b).table_id), (rounds[2][&b], rounds[2][&a]));
    assert!(seat(a).pinned && seat(b).pinned);

    // A host cannot be swapped away from their table.
    let host = setup.tables[0].input.host_id.unwrap();
    // Someone the first swap did not move, so their table is still the one planned.
    let other = *travellers.iter().find(|p| **p != a && **p != b && rounds[2][p] != setup.tables[0].id).unwrap();
    let Err(AppError::SeatRefused { code, .. }) = app.seating().swap_seats(setup.rounds[2].id, host, other) else {
        panic!("a host stays")
    };
    assert_eq!(code, "seat.host");
}

/// How many rounds each pair shares a table in a stored plan, counted here from the seats.
fn meetings(plan: &RotationPlan) -> HashMap<(ParticipantId, ParticipantId), u32> {
    let mut tables: HashMap<(RoundId, TableId), Vec<ParticipantId>> = HashMap::new();
    for seat in &plan.seats {
        tables.entry((seat.round_id, seat.table_id)).or_default().push(seat.participant_id);
    }
    let mut pairs: HashMap<(ParticipantId, ParticipantId), u32> = HashMap::new();
    for people in tables.values() {
        for (i, a) in people.iter().enumerate() {
            for b in &people[i + 1..] {
                *pairs.entry(if a < b { (*a, *b) } else { (*b, *a) }).or_default() += 1;
            }
        }
    }
    pairs
}

fn most_meetings(plan: &RotationPlan) -> u32 {
    meetings(plan).values().copied().max().unwrap_or(0)
}

#[test]
fn the_meeting_cap_is_two_by_default_chosen_per_workshop_and_reported_truthfully() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    assert_eq!(app.seating().meeting_cap(id).unwrap(), Some(2), "twice at most unless chosen otherwise");
    // Four rounds at six tables: without a cap a pair could meet in every round.
    app.setup().add_round(id).unwrap();
    let plan = app.seating().plan_rotation(id, PlanOptions { from_round: 0, seed: 3 }).unwrap();
    let quality = plan.quality.clone().unwrap();
    assert_eq!(quality.meeting_cap, Some(2));
    assert_eq!(quality.pairs_over_cap, 0, "the demo can keep the cap");
    assert!(most_meetings(&plan) <= 2, "the report's word is checked against the seats");
    assert_eq!(quality.max_pair_meetings, most_meetings(&plan));

    // A cap of one asks for no repeats at all: the stored plan is judged by it at once, and the
    // pairs it names as over the cap are exactly the pairs that meet twice or more.
    let judged = app.seating().set_meeting_cap(id, Some(1)).unwrap();
    let quality = judged.quality.clone().unwrap();
    assert_eq!(quality.meeting_cap, Some(1));
    let over = meetings(&judged).values().filter(|m| **m > 1).count();
    assert_eq!(quality.pairs_over_cap as usize, over);
    let replanned = app.seating().plan_rotation(id, PlanOptions { from_round: 0, seed: 4 }).unwrap();
    let over = meetings(&replanned).values().filter(|m| **m > 1).count();
    assert_eq!(replanned.quality.unwrap().pairs_over_cap as usize, over);

    let other = app.setup().create_workshop(&NewWorkshop { title: "Anderer".into(), process_title: None }).unwrap();
    assert_eq!(app.seating().meeting_cap(other.id).unwrap(), Some(2), "the choice belongs to one workshop");
    app.seating().set_meeting_cap(id, None).unwrap();
    drop(app);
    let app = Cafehost::open(dir.path()).unwrap();
    assert_eq!(app.seating().meeting_cap(id).unwrap(), None, "the choice is kept");
    assert_eq!(app.seating().rotation_plan(id).unwrap().quality.unwrap().meeting_cap, None);
    for bad in [Some(0), Some(21)] {
        assert!(matches!(app.seating().set_meeting_cap(id, bad), Err(AppError::Invalid(_))), "{bad:?}");
    }
    assert!(matches!(app.seating().meeting_cap(WorkshopId::new()), Err(AppError::NotFound { .. })));
}

#[test]
fn pairs_are_kept_apart_or_together_by_every_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    let setup = app.setup().workshop_setup(id).unwrap();
    let hosts: HashSet<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    let travellers: Vec<ParticipantId> =
        setup.participants.iter().map(|p| p.id).filter(|p| !hosts.contains(p)).collect();
    let (boss, staff, guest, interpreter) = (travellers[0], travellers[1], travellers[2], travellers[3]);
    app.seating().set_pair(boss, staff, Some(PairKind::Apart)).unwrap();
    let pairs = app.seating().set_pair(interpreter, guest, Some(PairKind::Together)).unwrap();
    assert_eq!(pairs.len(), 2);
    for seed in [1, 2, 3] {
        let plan = app.seating().plan_rotation(id, PlanOptions { from_round: 0, seed }).unwrap();
        let rounds = check_rules(&setup, &plan);
        for (r, seating) in rounds.iter().enumerate() {
            assert_ne!(seating[&boss], seating[&staff], "seed {seed}, round {r}: kept apart");
            assert_eq!(seating[&guest], seating[&interpreter], "seed {seed}, round {r}: kept together");
        }
    }
    // Asked the other way round, it is the same pair, now with another wish; then none.
    let pairs = app.seating().set_pair(staff, boss, Some(PairKind::Together)).unwrap();
    assert_eq!(pairs.len(), 2);
    assert!(pairs.iter().any(|p| p.kind == PairKind::Together && [p.first, p.second].contains(&boss)));
    let pairs = app.seating().set_pair(boss, staff, None).unwrap();
    assert_eq!(pairs.len(), 1);
    assert!(matches!(app.seating().set_pair(boss, boss, Some(PairKind::Apart)), Err(AppError::Invalid(_))));
    let other = app.setup().create_workshop(&NewWorkshop { title: "Anderer".into(), process_title: None }).unwrap();
    let stranger = app
        .people()
        .add_participant(other.id, &ParticipantInput { last_name: "Fremd".into(), ..ParticipantInput::default() })
        .unwrap();
    assert!(
        matches!(app.seating().set_pair(boss, stranger.id, Some(PairKind::Apart)), Err(AppError::NotFound { .. })),
        "a pair lies within one workshop"
    );
    // Deleting a person deletes their pairs; the choice survives reopening.
    app.people().delete_participant(guest).unwrap();
    drop(app);
    let app = Cafehost::open(dir.path()).unwrap();
    assert!(app.seating().pairs(id).unwrap().is_empty());
}

#[test]
fn a_topic_at_two_tables_is_visited_once_and_wishes_are_planned_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    let setup = app.setup().workshop_setup(id).unwrap();
    // Table 3 discusses the topic of table 2, spelled a little differently.
    let (second, third) = (&setup.tables[1], &setup.tables[2]);
    let topic = format!(" {} ", second.input.topic.to_uppercase());
    app.setup().update_table(third.id, &TableInput { topic, ..third.input.clone() }).unwrap();
    let hosts: HashSet<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    let traveller = setup.participants.iter().find(|p| !hosts.contains(&p.id)).unwrap();
    let wishes = vec![format!("Tisch {}", setup.tables[0].input.number), "Gibt es nicht".into()];
    app.people().update_participant(traveller.id, &ParticipantInput { wishes, ..traveller.input.clone() }).unwrap();

    let plan = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    let setup = app.setup().workshop_setup(id).unwrap();
    let rounds = check_rules(&setup, &plan);
    for p in setup.participants.iter().filter(|p| !hosts.contains(&p.id)) {
        let visits = rounds.iter().filter(|r| matches!(r.get(&p.id), Some(t) if *t == second.id || *t == third.id));
        assert!(visits.count() <= 1, "{} discusses the shared topic at most once", p.display_name());
    }
    let quality = plan.quality.unwrap();
    assert_eq!(
        quality.wishes,
        [cafehost_app::WishesGranted { rank: 1, asked: 1, granted: 1 }],
        "table 1's topic is granted; the wish naming nothing is not planned for"
    );
    assert_eq!(quality.unknown_wishes, 1);
    let first_table = setup.tables[0].id;
    assert!(rounds.iter().any(|r| r.get(&traveller.id) == Some(&first_table)), "the seats agree with the report");
}

#[test]
fn wishes_beyond_a_topics_seats_are_reported_as_the_most_possible() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(&dir);
    let setup = app.setup().workshop_setup(id).unwrap();
    let hosts: HashSet<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    let first = &setup.tables[0];
    let wish = vec![format!("Tisch {}", first.input.number)];
    let travellers: Vec<_> = setup.participants.iter().filter(|p| !hosts.contains(&p.id)).collect();
    for p in &travellers {
        app.people().update_participant(p.id, &ParticipantInput { wishes: wish.clone(), ..p.input.clone() }).unwrap();
    }
    // Everyone wishes table 1: its seats (the host's aside) over the rounds are all it can grant.
    let places = (first.input.capacity as usize - usize::from(first.input.host_id.is_some())) * setup.rounds.len();
    assert!(travellers.len() > places, "the demo has more travellers than table 1 has places");
    let plan = app.seating().plan_rotation(id, PlanOptions::default()).unwrap();
    check_rules(&app.setup().workshop_setup(id).unwrap(), &plan);
    let quality = plan.quality.unwrap();
    let asked = u32::try_from(travellers.len()).unwrap();
    let granted = u32::try_from(places).unwrap();
    assert_eq!(quality.wishes, [cafehost_app::WishesGranted { rank: 1, asked, granted }]);
    assert!(quality.wishes_best_possible);

    // One wish for a topic with room: still the most possible, once it is granted too.
    let other = travellers[0];
    let second = vec![format!("Tisch {}", first.input.number), format!("Tisch {}", setup.tables[1].input.number)];
    app.people().update_participant(other.id, &ParticipantInput { wishes: second, ..other.input.clone() }).unwrap();
    let quality = app.seating().plan_rotation(id, PlanOptions::default()).unwrap().quality.unwrap();
    assert_eq!(quality.wishes[1], cafehost_app::WishesGranted { rank: 2, asked: 1, granted: 1 });
    assert!(quality.wishes_best_possible);
}
