//! `evaluate` judges a given seating with the same numbers the planner reports for its own.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use cafehost_planner::{Budget, Travel, evaluate, plan};

#[test]
fn a_planned_seating_is_judged_as_the_planner_judged_it() {
    let request = common::cafe(6, 6, 3, 32, 5, Travel::Free);
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    let judged = evaluate(&request, &outcome.rounds).unwrap();
    assert_eq!(judged.repeat_encounters, outcome.report.repeat_encounters);
    assert_eq!(judged.lower_bound, outcome.report.lower_bound);
    assert_eq!(judged.table_sizes, outcome.report.table_sizes);
    assert_eq!(judged.attribute_clashes, outcome.report.attribute_clashes);
}

#[test]
fn a_seating_edited_by_hand_is_counted_as_it_is() {
    let request = common::golfer(2, 3, 2, 6);
    // The same two groups in both rounds: every pair in a group meets twice.
    let round = std::collections::BTreeMap::from([
        ("t0".to_owned(), vec!["p0".to_owned(), "p1".to_owned(), "p2".to_owned()]),
        ("t1".to_owned(), vec!["p3".to_owned(), "p4".to_owned(), "p5".to_owned()]),
    ]);
    let judged = evaluate(&request, &[round.clone(), round]).unwrap();
    assert_eq!(judged.repeat_encounters, 6);
    assert_eq!(judged.pairs_meeting_repeatedly, 6);
    assert_eq!(judged.max_pair_meetings, 2);
    assert!(judged.lower_bound < 6, "the bound is the instance's, not the seating's");
}
