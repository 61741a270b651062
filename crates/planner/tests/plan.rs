#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use cafehost_planner::{Absence, Budget, Pin, PlanRequest, Travel, plan};
use common::{cafe, check, golfer};

#[test]
fn a_small_cafe_is_planned_at_the_lower_bound() {
    let request = cafe(6, 5, 3, 30, 5, Travel::Free);
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.repeat_encounters, outcome.report.lower_bound);
    assert!(outcome.report.optimal);
    assert_eq!(outcome.report.size_spread, 0);
}

#[test]
fn same_seed_same_plan() {
    let request = cafe(5, 6, 4, 27, 4, Travel::TopicTour);
    let a = plan(&request, Budget::iterations(3_000)).unwrap();
    let b = plan(&request, Budget::iterations(3_000)).unwrap();
    assert_eq!(a, b);
    check(&request, &a);
}

#[test]
fn twenty_people_in_four_tables_of_five_for_six_rounds_have_bound_fifty() {
    let request = golfer(4, 5, 6, 20);
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.report.lower_bound, 50);
    assert!(outcome.report.repeat_encounters <= 60, "{}", outcome.report.repeat_encounters);
}

#[test]
fn absences_pins_and_pairs_hold() {
    let mut request = cafe(4, 6, 3, 22, 3, Travel::Free);
    request.absent = vec![
        Absence { participant: "p10".into(), rounds: Some(vec![0]) },
        Absence { participant: "p11".into(), rounds: None },
    ];
    request.pinned = vec![Pin { participant: "p12".into(), round: 1, table: "t2".into() }];
    request.apart = vec![["p13".into(), "p14".into()], ["p0".into(), "p15".into()]];
    request.together = vec![["p16".into(), "p17".into()]];
    let outcome = plan(&request, Budget::iterations(10_000)).unwrap();
    check(&request, &outcome);
    assert_eq!(outcome.table_of(1, "p12"), Some("t2"));
    assert_eq!(outcome.table_of(0, "p10"), None);
    assert_eq!(outcome.table_of(2, "p11"), None);
}

#[test]
fn replanning_keeps_held_rounds_and_moves_few_people() {
    let request = cafe(8, 6, 4, 44, 6, Travel::Free);
    let first = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &first);
    let mut again = request.clone();
    again.held = first.rounds[..1].to_vec();
    again.previous = first.rounds.clone();
    again.absent = vec![Absence { participant: "p20".into(), rounds: Some(vec![1, 2, 3]) }];
    again.participants.push(cafehost_planner::ParticipantSpec {
        id: "late".into(),
        attributes: std::collections::BTreeMap::default(),
        wishes: vec![],
    });
    again.absent.push(Absence { participant: "late".into(), rounds: Some(vec![0]) });
    let second = plan(&again, Budget::iterations(20_000)).unwrap();
    check(&again, &second);
    assert_eq!(second.rounds[0], first.rounds[0]);
    assert!(second.report.moved <= 12, "moved {}", second.report.moved);
}

#[test]
fn the_interchange_format_of_the_issue_is_read() {
    let text = r#"{ "rounds": 3,
      "travel": "free",
      "tables": [ {"id": "t1", "capacity": 6, "host": "p1"}, {"id": "t2", "capacity": 6}, {"id": "t3", "capacity": 6} ],
      "participants": [ {"id": "p1", "attributes": {"organisation": "AWO"}}, {"id": "p2"}, {"id": "p3"},
                        {"id": "p4"}, {"id": "p5"}, {"id": "p6"}, {"id": "p7"} ],
      "spread": ["organisation"],
      "absent": [ {"participant": "p2", "rounds": [0]} ],
      "pinned": [ {"participant": "p3", "round": 1, "table": "t2"} ],
      "apart": [["p4", "p5"]], "together": [["p6", "p7"]],
      "held": [ {"t1": ["p1", "p3"], "t2": ["p4"], "t3": ["p5", "p6", "p7"]} ] }"#;
    let request = PlanRequest::from_json(text).unwrap();
    let outcome = plan(&request, Budget::iterations(5_000)).unwrap();
    check(&request, &outcome);
    let json = serde_json::to_value(&outcome).unwrap();
    assert!(json["rounds"][0]["t1"].is_array());
    assert!(json["report"]["repeat_encounters"].is_u64());
    assert!(json["report"]["lower_bound"].is_u64());
    assert!(json["report"]["max_pair_meetings"].is_u64());
}

#[test]
fn the_readme_example_with_topics_and_wishes_is_planned() {
    // The README's request, with the participants it names.
    let text = r#"{ "rounds": 3,
      "travel": "free",
      "tables": [ {"id": "t1", "capacity": 6, "host": "p1", "topic": "Wohnen"},
                  {"id": "t2", "capacity": 6, "topic": "Wohnen"},
                  {"id": "t3", "capacity": 6}, {"id": "t4", "capacity": 6} ],
      "participants": [ {"id": "p1", "attributes": {"organisation": "AWO"}},
                        {"id": "p2", "wishes": ["Wohnen", "t3"]}, {"id": "p3"}, {"id": "p4"},
                        {"id": "p5"}, {"id": "p6"}, {"id": "p7"} ],
      "spread": ["organisation"],
      "absent": [ {"participant": "p2", "rounds": [0]} ],
      "pinned": [ {"participant": "p3", "round": 1, "table": "t3"} ],
      "apart": [["p4", "p5"]], "together": [["p6", "p7"]],
      "held": [ {"t1": ["p1", "p3"], "t2": ["p4"]} ],
      "previous": [],
      "seed": 1,
      "max_meetings": 2 }"#;
    let request = PlanRequest::from_json(text).unwrap();
    assert_eq!(request.tables[1].topic.as_deref(), Some("Wohnen"));
    let outcome = plan(&request, Budget::iterations(5_000)).unwrap();
    check(&request, &outcome);
    // p2 (absent in round 0) gets both wishes in rounds 1 and 2.
    let json = serde_json::to_value(&outcome).unwrap();
    assert_eq!(
        json["report"]["wishes"],
        serde_json::json!([{"rank": 1, "asked": 1, "granted": 1}, {"rank": 2, "asked": 1, "granted": 1}])
    );
}

#[test]
fn unknown_fields_are_refused() {
    let err = PlanRequest::from_json(r#"{"rounds": 1, "tables": [], "participants": [], "tabels": []}"#).unwrap_err();
    assert_eq!(err.code(), "planner.invalid_json");
}

#[test]
fn zero_rounds_and_nobody_are_fine() {
    let request = golfer(2, 3, 0, 4);
    let outcome = plan(&request, Budget::default()).unwrap();
    assert!(outcome.rounds.is_empty());
    let request = golfer(2, 3, 2, 0);
    let outcome = plan(&request, Budget::default()).unwrap();
    assert_eq!(outcome.rounds.len(), 2);
}
