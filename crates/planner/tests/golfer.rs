#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use cafehost_planner::{Budget, plan};
use common::{check, golfer};

#[test]
fn social_golfer_5_3_7_has_no_repeats() {
    let request = golfer(5, 3, 7, 15);
    let outcome = plan(&request, Budget::iterations(400_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.lower_bound, 0);
    assert_eq!(outcome.report.repeat_encounters, 0, "{:?}", outcome.report);
}

#[test]
fn social_golfer_8_4_9_has_no_repeats() {
    let request = golfer(8, 4, 9, 32);
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.lower_bound, 0);
    assert_eq!(outcome.report.repeat_encounters, 0, "{:?}", outcome.report);
}

#[test]
fn social_golfer_8_4_10_gets_close() {
    let request = golfer(8, 4, 10, 32);
    let outcome = plan(&request, Budget::iterations(5_000)).unwrap();
    check(&request, &outcome);
    assert!(outcome.report.repeat_encounters <= 24, "{:?}", outcome.report);
}

#[test]
fn a_thousand_people_meet_nobody_twice() {
    let request = golfer(125, 8, 6, 1000);
    let outcome = plan(&request, Budget::iterations(2_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.repeat_encounters, 0);
}
