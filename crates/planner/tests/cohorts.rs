//! Cafés with more travellers than pairs of different tables start from cohorts (tours of an
//! idempotent Latin square for three rounds, lines of an affine plane for more): every pair of
//! rounds must seat some pairs together again, and cohorts pay for that at the round-pairs
//! bound, so the start is already optimal.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use cafehost_planner::{Budget, PlanOutcome, PlanRequest, Travel, plan};
use common::{cafe, check, golfer};
use proptest::prelude::*;

#[test]
fn a_big_three_round_cafe_is_optimal_from_the_start() {
    // 160 people at 6 hosted tables of 27: 154 travellers for 30 pairs of different tables.
    let request = cafe(6, 27, 3, 160, 12, Travel::Free);
    let outcome = optimal_without_search(&request, 640);
    let report = &outcome.report;
    // Repeats are paid by pairs meeting in all three rounds, the cheapest way (two repeats for
    // three pairs of rounds): no pair meets exactly twice.
    assert_eq!(report.max_pair_meetings, 3);
    assert_eq!(report.pairs_meeting_repeatedly * 2, report.repeat_encounters);
    // The search keeps the optimum while it spreads the organisations.
    let searched = plan(&request, Budget::iterations(2_000)).unwrap();
    check(&request, &searched);
    assert_eq!(searched.report.repeat_encounters, 640);
    assert!(searched.report.attribute_clashes <= report.attribute_clashes);
}

#[test]
fn a_full_tour_of_five_topics_is_optimal_from_the_start() {
    // 40 people at 5 hosted tables of 8, each topic once in 5 rounds: 35 travellers for 20 pairs
    // of tables; cohorts from the lines of the affine plane over GF(5).
    let request = cafe(5, 8, 5, 40, 12, Travel::TopicTour);
    optimal_without_search(&request, 60);
}

/// Plans `request` without a single search step and asserts that the plan keeps every rule and
/// has exactly `repeats` repeats, its lower bound, reported as optimal.
fn optimal_without_search(request: &PlanRequest, repeats: u64) -> PlanOutcome {
    let outcome = plan(request, Budget::iterations(0)).unwrap();
    check(request, &outcome);
    assert_eq!(outcome.report.lower_bound, repeats);
    assert_eq!(outcome.report.repeat_encounters, repeats);
    assert!(outcome.report.optimal);
    outcome
}

#[test]
fn cohorts_are_left_out_where_they_do_not_belong() {
    // Fewer travellers than pairs of tables: no pair has to meet twice, so no cohorts.
    let request = cafe(8, 6, 3, 48, 12, Travel::TopicTour);
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.repeat_encounters, 0);
    // A cap of two forbids pairs meeting three times: no cohorts, and the cap holds (54
    // travellers for 30 pairs of tables, at most two of each pair's travellers can go on to
    // any of the other 4 tables).
    let mut capped = cafe(6, 10, 3, 60, 12, Travel::Free);
    capped.max_meetings = Some(2);
    let outcome = plan(&capped, Budget::iterations(20_000)).unwrap();
    check(&capped, &outcome);
    assert!(outcome.report.max_meetings_kept);
    assert!(outcome.report.max_pair_meetings <= 2);
}

/// A café: `tables` tables, `travellers` travellers, every table with `slack` seats more than an
/// even share needs, hosted or not, free travel or a topic tour, with or without a cap that lets
/// pairs meet in every round.
fn cafe_of(
    tables: usize,
    rounds: u32,
    travellers: usize,
    slack: u32,
    hosted: bool,
    tour: bool,
    cap: bool,
) -> PlanRequest {
    let hosts = if hosted { tables } else { 0 };
    let share = u32::try_from(travellers.div_ceil(tables)).unwrap();
    let mut request = golfer(tables, share + slack + u32::from(hosted), rounds, travellers + hosts);
    request.travel = if tour { Travel::TopicTour } else { Travel::Free };
    if hosted {
        for (i, table) in request.tables.iter_mut().enumerate() {
            table.host = Some(format!("p{i}"));
        }
    }
    request.max_meetings = cap.then_some(rounds);
    request
}

/// Cafés with cohorts: three rounds at 3–8 tables, or up to as many rounds as tables at 4, 5, 7
/// or 8 (the orders of fields), with more travellers than pairs of tables.
fn cafes() -> impl Strategy<Value = PlanRequest> {
    (3usize..=8, 0u32..=5, 1usize..=300, 0u32..=2, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(tables, more, extra, slack, hosted, tour, cap)| {
            let field = [4, 5, 7, 8].contains(&tables);
            let rounds = if field { 3 + more % u32::try_from(tables - 2).unwrap() } else { 3 };
            let pairs = tables * (tables - 1);
            let travellers = pairs + 1 + extra % (3 * pairs);
            cafe_of(tables, rounds, travellers, slack, hosted, tour, cap)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Without a single search step, the plan keeps every rule and meets its lower bound.
    #[test]
    fn cohorts_start_at_the_bound(request in cafes()) {
        let outcome = plan(&request, Budget::iterations(0)).unwrap();
        check(&request, &outcome);
        let report = &outcome.report;
        prop_assert_eq!(report.repeat_encounters, report.lower_bound);
        prop_assert!(report.optimal);
        prop_assert!(report.max_meetings_kept);
        prop_assert!(report.max_pair_meetings <= request.rounds);
    }
}
