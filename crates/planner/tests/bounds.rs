//! Bounds that know the travel rule and the cap on meetings, stopping at the bound, the tour
//! pre-check, and the stated limits.

#![allow(clippy::unwrap_used, clippy::many_single_char_names, clippy::items_after_statements, missing_docs)]

mod common;

use cafehost_planner::{Budget, PlanRequest, TableSpec, Travel, all_bounds, plan};
use common::{cafe, check, golfer};
use proptest::prelude::*;

fn tour(tables: usize, capacity: u32, rounds: u32, people: usize, travel: Travel) -> PlanRequest {
    let mut request = golfer(tables, capacity, rounds, people);
    request.travel = travel;
    request
}

#[test]
fn twelve_people_touring_three_tables_are_proven_optimal_at_twelve() {
    let request = tour(3, 4, 3, 12, Travel::Free);
    let outcome = plan(&request, Budget::iterations(1_000_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.lower_bound, 12);
    assert_eq!(outcome.report.repeat_encounters, 12);
    assert!(outcome.report.optimal);
    // Stopped at the bound rather than running the budget out.
    assert!(outcome.report.iterations < 20_000, "{}", outcome.report.iterations);
}

#[test]
fn a_full_topic_tour_of_29_has_bound_42() {
    let request = cafe(4, 8, 4, 29, 5, Travel::TopicTour);
    let bounds = all_bounds(&request).unwrap();
    assert_eq!(bounds.iter().map(|b| b.0).max(), Some(42), "{bounds:?}");
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.lower_bound, 42);
}

#[test]
fn a_full_topic_tour_of_29_reaches_its_bound() {
    // Every traveller visits every table: only trades of two rounds and chains can move anyone.
    for seed in 1..=3 {
        let mut request = cafe(4, 8, 4, 29, 5, Travel::TopicTour);
        request.seed = seed;
        let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
        check(&request, &outcome);
        assert_eq!(outcome.report.repeat_encounters, 42, "seed {seed}: {:?}", outcome.report);
        assert!(outcome.report.optimal);
    }
}

#[test]
fn a_full_topic_tour_of_43_at_six_tables_stays_below_90_repeats() {
    // 37 travellers and 6 hosts at tables of 8 for 6 rounds (before trades of two rounds and the
    // seat-wise tabu: 106 to 122 repeats in 3 s).
    let request = cafe(6, 8, 6, 43, 12, Travel::TopicTour);
    let outcome = plan(&request, Budget::iterations(8_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.table_revisits, 0);
    assert!(outcome.report.repeat_encounters <= 90, "{:?}", outcome.report);
}

#[test]
fn tables_of_one_topic_count_as_one_for_the_pigeonhole() {
    // 12 people at two topics of two tables of 3, for 2 rounds: each table of round 1 takes 3
    // people from the two tables of the other topic, so two of them met before: 4 in all
    // (counted table by table, the bound would be 0).
    let mut request = tour(4, 3, 2, 12, Travel::Free);
    for (i, table) in request.tables.iter_mut().enumerate() {
        table.topic = Some(["A", "B"][i / 2].into());
    }
    let bounds = all_bounds(&request).unwrap();
    assert_eq!(bounds[2].0, 4, "{bounds:?}");
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.repeat_encounters, 4);
    assert!(outcome.report.optimal);
    // The same tables as four topics: nothing forces a repeat.
    for table in &mut request.tables {
        table.topic = None;
    }
    assert_eq!(all_bounds(&request).unwrap().iter().map(|b| b.0).max(), Some(0));
}

#[test]
fn a_cap_of_two_meetings_is_kept_and_proven_optimal() {
    let mut request = cafe(4, 5, 4, 20, 5, Travel::Free);
    request.max_meetings = Some(2);
    let outcome = plan(&request, Budget::iterations(200_000)).unwrap();
    check(&request, &outcome);
    assert!(outcome.report.max_meetings_kept);
    assert!(outcome.report.max_pair_meetings <= 2);
    assert_eq!(outcome.report.lower_bound, 24);
    assert_eq!(outcome.report.repeat_encounters, 24);
    assert!(outcome.report.optimal);
    // The JSON field is read.
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["max_meetings"], 2);
    let again = PlanRequest::from_json(&json.to_string()).unwrap();
    assert_eq!(again.max_meetings, Some(2));
}

#[test]
fn an_impossible_cap_is_reported_broken_with_the_plain_bound() {
    // Two tables of 3, six people, four rounds: some pair must meet at least twice.
    let mut request = golfer(2, 3, 4, 6);
    request.max_meetings = Some(1);
    let outcome = plan(&request, Budget::iterations(5_000)).unwrap();
    check(&request, &outcome);
    assert!(!outcome.report.max_meetings_kept);
    assert!(outcome.report.pairs_over_cap > 0);
    assert!(outcome.report.lower_bound <= outcome.report.repeat_encounters);
}

#[test]
fn a_tour_the_tables_cannot_take_is_refused_at_once_with_a_true_way_out() {
    let mut request = tour(3, 6, 3, 12, Travel::TopicTour);
    request.tables[2].capacity = 2;
    let err = plan(&request, Budget::iterations(1_000_000)).unwrap_err();
    assert_eq!(err.code(), "planner.tour_too_tight");
    let params = err.params();
    assert_eq!(params["min_seats"], 4);
    assert_eq!(params["max_rounds"], 2);
    assert_eq!(params["table"], "t2");
    assert_eq!(params["seats"], 2);
    assert!(cafehost_planner::PlanError::ALL_CODES.contains(&err.code()));
    assert!(err.suggestion().unwrap().contains("at least 4 seats"), "{err}");
    // Each way out is true.
    let mut more_seats = request.clone();
    more_seats.tables[2].capacity = 4;
    let outcome = plan(&more_seats, Budget::iterations(50_000)).unwrap();
    check(&more_seats, &outcome);
    let mut fewer_rounds = request.clone();
    fewer_rounds.rounds = 2;
    let outcome = plan(&fewer_rounds, Budget::iterations(50_000)).unwrap();
    check(&fewer_rounds, &outcome);
    let mut any = request;
    any.travel = Travel::Any;
    assert!(plan(&any, Budget::iterations(1_000)).is_ok());
}

#[test]
fn huge_capacities_do_not_wrap_around() {
    let mut request = golfer(2, 1 << 31, 2, 5);
    request.travel = Travel::Free;
    let outcome = plan(&request, Budget::iterations(1_000)).unwrap();
    check(&request, &outcome);
    request.tables.push(TableSpec { id: "t2".into(), capacity: u32::MAX, host: None, topic: None });
    assert!(plan(&request, Budget::iterations(1_000)).is_ok());
}

#[test]
fn the_setup_polls_the_stop_function_and_still_returns_a_valid_plan() {
    // 2,000 people at 250 hosted tables: once told to stop, the bounds are cut short and the
    // start looks at a few tables per person, but every hard rule still holds.
    let request = cafe(250, 9, 4, 2_000, 12, Travel::Free);
    let calls = std::cell::Cell::new(0u32);
    let stop = || {
        calls.set(calls.get() + 1);
        true
    };
    let outcome = plan(&request, Budget::iterations(1_000_000).with_stop(&stop)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.iterations, 0);
    assert_eq!(outcome.report.table_revisits, 0);
    // The bounds, the start (once per 64 people until it stops) and the search each asked.
    assert!(calls.get() >= 3, "the stop function was asked {} times", calls.get());
}

#[test]
fn too_many_participants_are_refused() {
    let request = golfer(700, 8, 2, 5_001);
    let err = plan(&request, Budget::iterations(1)).unwrap_err();
    assert_eq!(err.code(), "planner.too_many_participants");
    assert_eq!(err.params()["max"], 5_000);
}

/// A tiny instance: people, per table (capacity, hosted, topic: 0 its own, else shared), rounds,
/// travel, cap.
#[derive(Debug, Clone)]
struct Tiny {
    people: usize,
    tables: Vec<(u32, bool, u8)>,
    rounds: u32,
    free: bool,
    cap: Option<u32>,
}

fn tiny() -> impl Strategy<Value = Tiny> {
    (
        2usize..8,
        // Per table: seats, hosted, and a topic of its own (0) or one of two shared ones.
        prop::collection::vec(
            (1u32..5, prop::bool::weighted(0.3), prop_oneof![2 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)]),
            2..5,
        ),
        1u32..4,
        any::<bool>(),
        prop::option::of(1u32..3),
        // Half the instances nearly full (seats less 0 to 2 people), where the bounds bite.
        prop::option::of(0usize..3),
        // Most free instances have no more rounds than topics (the others are refused).
        prop::bool::weighted(0.8),
    )
        .prop_map(|(people, tables, rounds, free, cap, slack, fit)| {
            let seats: usize = tables.iter().map(|t| t.0 as usize).sum();
            let people = slack.map_or(people, |slack| seats.saturating_sub(slack).clamp(2, 9));
            // Topics: the shared ones used, plus one per table of its own.
            let mut topics: Vec<u8> = tables.iter().map(|t| t.2).filter(|&t| t > 0).collect();
            topics.sort_unstable();
            topics.dedup();
            topics.extend(tables.iter().map(|t| t.2).filter(|&t| t == 0));
            let rounds = if free && fit { rounds.min(u32::try_from(topics.len()).unwrap()) } else { rounds };
            Tiny { people, tables, rounds, free, cap }
        })
        // The exhaustive search tries up to (seatings of one round)^rounds seatings: keep it to
        // what a debug build searches in well under a second, so the test command stays fast.
        .prop_filter("small enough to search every seating", |t| {
            let caps: Vec<usize> = t.tables.iter().map(|&(c, _, _)| c as usize).collect();
            let seatings = one_round(t.people, &caps).checked_pow(t.rounds);
            seatings.is_some_and(|n| n <= EXHAUSTIVE_LIMIT)
        })
}

/// The most seatings the exhaustive search may have to try.
const EXHAUSTIVE_LIMIT: u64 = 1_000_000;

/// The ways to seat `people` (told apart) at tables of `caps` seats in one round.
fn one_round(people: usize, caps: &[usize]) -> u64 {
    let choose = |n: usize, k: usize| (0..k).fold(1u64, |acc, i| acc * (n - i) as u64 / (i as u64 + 1));
    // ways[m]: the ways to seat m of them at the tables so far.
    let mut ways = vec![0u64; people + 1];
    ways[0] = 1;
    for &cap in caps {
        let mut next = vec![0u64; people + 1];
        for (m, &w) in ways.iter().enumerate() {
            for k in 0..=cap.min(people - m) {
                next[m + k] = next[m + k].saturating_add(w.saturating_mul(choose(m + k, k)));
            }
        }
        ways = next;
    }
    ways[people]
}

fn tiny_request(tiny: &Tiny) -> PlanRequest {
    let mut request = golfer(tiny.tables.len(), 1, tiny.rounds, tiny.people);
    request.travel = if tiny.free { Travel::Free } else { Travel::Any };
    let mut hosts = 0;
    for (i, &(capacity, hosted, topic)) in tiny.tables.iter().enumerate() {
        request.tables[i].capacity = capacity;
        request.tables[i].topic = (topic > 0).then(|| format!("topic{topic}"));
        if hosted && hosts < tiny.people {
            request.tables[i].host = Some(format!("p{hosts}"));
            hosts += 1;
        }
    }
    request.max_meetings = tiny.cap;
    request
}

/// The fewest repeats of any plan keeping the hard rules, and of those also keeping the cap
/// (`None`: no such plan), by exhaustive search.
fn exhaustive(request: &PlanRequest) -> (Option<u64>, Option<u64>) {
    exhaustive_after(request, &[])
}

/// As [`exhaustive`], with the first rounds' seats (per round, per person, the table) given.
fn exhaustive_after(request: &PlanRequest, given: &[usize]) -> (Option<u64>, Option<u64>) {
    let p = request.participants.len();
    let t = request.tables.len();
    let r = request.rounds as usize;
    let cap: Vec<usize> = request.tables.iter().map(|t| t.capacity as usize).collect();
    let topic: Vec<&str> = request.tables.iter().map(TableSpec::topic_name).collect();
    let host: Vec<Option<usize>> =
        (0..p).map(|x| request.tables.iter().position(|t| t.host.as_deref() == Some(&format!("p{x}")))).collect();
    let free = request.travel != Travel::Any;
    let limit = request.max_meetings.map_or(usize::MAX, |c| c as usize);
    let mut seat = vec![usize::MAX; r * p];
    seat[..given.len()].copy_from_slice(given);
    let mut best = (None, None);
    #[allow(clippy::too_many_arguments)]
    fn go(
        i: usize,
        p: usize,
        t: usize,
        seat: &mut Vec<usize>,
        cap: &[usize],
        topic: &[&str],
        host: &[Option<usize>],
        free: bool,
        limit: usize,
        best: &mut (Option<u64>, Option<u64>),
    ) {
        if i == seat.len() {
            let r = seat.len() / p;
            let mut repeats = 0u64;
            let mut most = 0usize;
            for a in 0..p {
                for b in a + 1..p {
                    let m = (0..r).filter(|&k| seat[k * p + a] == seat[k * p + b]).count();
                    repeats += m.saturating_sub(1) as u64;
                    most = most.max(m);
                }
            }
            best.0 = Some(best.0.map_or(repeats, |b: u64| b.min(repeats)));
            if most <= limit {
                best.1 = Some(best.1.map_or(repeats, |b: u64| b.min(repeats)));
            }
            return;
        }
        let (round, x) = (i / p, i % p);
        let options: Vec<usize> = match host[x] {
            Some(h) => vec![h],
            None => (0..t).collect(),
        };
        for table in options {
            let here = (0..x).filter(|&y| seat[round * p + y] == table).count();
            if here >= cap[table] {
                continue;
            }
            if free && host[x].is_none() && (0..round).any(|k| topic[seat[k * p + x]] == topic[table]) {
                continue;
            }
            seat[i] = table;
            go(i + 1, p, t, seat, cap, topic, host, free, limit, best);
            seat[i] = usize::MAX;
        }
    }
    go(given.len(), p, t, &mut seat, &cap, &topic, &host, free, limit, &mut best);
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    /// On tiny instances every bound is at most the true optimum (found exhaustively), the bound
    /// with the cap at most the optimum of the plans that keep it, and the planner's report never
    /// says the cap holds when it does not.
    #[test]
    fn every_bound_is_at_most_the_true_optimum(tiny in tiny()) {
        let request = tiny_request(&tiny);
        let (all, capped) = exhaustive(&request);
        match plan(&request, Budget::iterations(3_000)) {
            Ok(outcome) => {
                check(&request, &outcome);
                let all = all.expect("the planner found a plan, so one exists");
                let bounds = all_bounds(&request).unwrap();
                for &(value, method) in &bounds[..4] {
                    prop_assert!(value <= all, "{method:?} bound {value} above the optimum {all}");
                }
                if let Some(capped) = capped {
                    prop_assert!(bounds[4].0 <= capped, "capped bound {} above {capped}", bounds[4].0);
                }
                let report = &outcome.report;
                if report.max_meetings_kept {
                    if let Some(cap) = request.max_meetings {
                        prop_assert!(report.max_pair_meetings <= cap);
                    }
                    prop_assert!(report.lower_bound <= capped.unwrap_or(u64::MAX));
                } else {
                    prop_assert!(request.max_meetings.is_some_and(|cap| report.max_pair_meetings > cap));
                }
                prop_assert!(report.lower_bound <= report.repeat_encounters);
                // A proven optimum must be a true one.
                if report.optimal && report.max_meetings_kept {
                    prop_assert_eq!(Some(report.repeat_encounters), capped);
                }
            }
            Err(err) => {
                if err.code() == "planner.no_plan_found" {
                    // Only a search that ran out of budget says so: an impossible instance is
                    // refused by the checks, at once, with a way out that helps.
                    prop_assert!(all.is_some(), "an impossible instance was refused only by the search");
                } else {
                    // A refusal before the search must be right: no plan keeps the hard rules.
                    prop_assert!(all.is_none(), "refused ({}) but a plan exists", err.code());
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    /// With round 0 held (any seating the tables take), a tour is refused by the checks exactly
    /// when no plan of the other rounds exists (found exhaustively): the topics travellers took
    /// in the held round count, and without absences or pins the check is exact.
    #[test]
    fn a_held_round_is_refused_exactly_when_nothing_fits_after_it(
        tiny in tiny().prop_filter("a round to plan after the held one", |t| t.free && t.rounds >= 2),
        choices in prop::collection::vec(0usize..4, 9),
    ) {
        let mut request = tiny_request(&tiny);
        let (p, t) = (request.participants.len(), request.tables.len());
        // Round 0: hosts at their tables, everyone else at their choice or the next table with
        // room.
        let mut seat = vec![usize::MAX; p];
        let mut used = vec![0u32; t];
        for (x, slot) in seat.iter_mut().enumerate() {
            let host = request.tables.iter().position(|tb| tb.host.as_deref() == Some(format!("p{x}").as_str()));
            if let Some(h) = host {
                *slot = h;
                used[h] += 1;
            }
        }
        for x in 0..p {
            if seat[x] != usize::MAX {
                continue;
            }
            let Some(table) = (0..t).map(|i| (choices[x] + i) % t).find(|&i| used[i] < request.tables[i].capacity)
            else {
                return Ok(());
            };
            seat[x] = table;
            used[table] += 1;
        }
        let mut held = cafehost_planner::RoundSeating::new();
        for (x, &table) in seat.iter().enumerate() {
            held.entry(request.tables[table].id.clone()).or_default().push(format!("p{x}"));
        }
        request.held = vec![held];
        let (all, _) = exhaustive_after(&request, &seat);
        match plan(&request, Budget::iterations(3_000)) {
            Ok(outcome) => check(&request, &outcome),
            Err(err) if err.code() == "planner.no_plan_found" => {
                prop_assert!(all.is_some(), "an impossible re-plan was refused only by the search");
            }
            Err(err) => prop_assert!(all.is_none(), "refused ({}) but a plan exists", err.code()),
        }
    }
}
