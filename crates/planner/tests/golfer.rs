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
    assert!(outcome.report.repeat_encounters <= 16, "{:?}", outcome.report);
}
