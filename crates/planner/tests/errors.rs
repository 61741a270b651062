#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use cafehost_planner::{Absence, Budget, Pin, PlanError, PlanRequest, Travel, plan};
use common::{cafe, golfer};

fn error_of(request: &PlanRequest) -> PlanError {
    plan(request, Budget::iterations(2_000)).unwrap_err()
}

fn pin(participant: &str, round: u32, table: &str) -> Pin {
    Pin { participant: participant.into(), round, table: table.into() }
}

/// Code, English message and suggestion, as a golden line.
fn golden(err: &PlanError) -> String {
    format!("{} | {} | {}", err.code(), err, err.suggestion().unwrap_or_default())
}

#[test]
fn too_many_rounds_for_the_tables() {
    let err = error_of(&cafe(5, 4, 7, 15, 2, Travel::Free));
    assert_eq!(
        golden(&err),
        "planner.too_many_rounds_for_tour | 7 rounds but 5 tables: travellers would have to return to a table in travel \
         mode `free` | use travel mode `any`, or at most 5 rounds (a traveller there in 7 rounds would return to a table)"
    );
    assert_eq!(err.params()["rounds"], 7);
    assert_eq!(err.params()["tables"], 5);
    let mut request = golfer(5, 3, 7, 15);
    request.travel = Travel::TopicTour;
    assert_eq!(error_of(&request).code(), "planner.too_many_rounds_for_tour");
    request.travel = Travel::Any;
    assert!(plan(&request, Budget::iterations(100)).is_ok());
}

#[test]
fn capacity_too_small() {
    let err = error_of(&golfer(3, 4, 2, 14));
    assert_eq!(
        golden(&err),
        "planner.capacity_too_small | round 0 has 14 people but only 12 seats | add 2 seats, or mark people as absent"
    );
    assert_eq!(err.params()["missing"], 2);
    let mut request = golfer(3, 4, 2, 14);
    request.absent =
        vec![Absence { participant: "p0".into(), rounds: None }, Absence { participant: "p1".into(), rounds: None }];
    assert!(plan(&request, Budget::iterations(100)).is_ok());
}

#[test]
fn host_unknown_twice_and_without_seat() {
    let mut request = golfer(3, 4, 2, 9);
    request.tables[0].host = Some("nobody".into());
    assert_eq!(
        golden(&error_of(&request)),
        "planner.host_unknown | table \"t0\" is hosted by \"nobody\", who is not in the list of participants | "
    );
    request.tables[0].host = Some("p1".into());
    request.tables[1].host = Some("p1".into());
    assert_eq!(
        golden(&error_of(&request)),
        "planner.host_twice | \"p1\" hosts both table \"t0\" and table \"t1\", but a host stays at one table | give one \
         of the tables another host than \"p1\""
    );
    request.tables[1].host = None;
    request.tables[0].capacity = 0;
    assert_eq!(error_of(&request).code(), "planner.host_without_seat");
}

#[test]
fn pins_that_contradict() {
    let mut request = cafe(3, 4, 2, 9, 2, Travel::Free);
    request.pinned = vec![pin("p5", 0, "t0"), pin("p5", 0, "t1")];
    assert_eq!(
        golden(&error_of(&request)),
        "planner.pin_conflict | \"p5\" is fixed to table \"t0\" and to table \"t1\" in round 0 | keep one seat for \"p5\" \
         in round 0 and remove the other pin"
    );
    // A host pinned away from their table.
    request.pinned = vec![pin("p0", 1, "t2")];
    let err = error_of(&request);
    assert_eq!(err.code(), "planner.pin_conflict");
    assert_eq!(err.params()["first"], "t0");
    // Pinned while absent.
    request.pinned = vec![pin("p5", 1, "t2")];
    request.absent = vec![Absence { participant: "p5".into(), rounds: Some(vec![1]) }];
    assert_eq!(error_of(&request).code(), "planner.pinned_absent");
    // Pinned to the same table twice where travellers move on.
    request.absent.clear();
    request.pinned = vec![pin("p5", 0, "t2"), pin("p5", 1, "t2")];
    assert_eq!(
        golden(&error_of(&request)),
        "planner.pin_revisit | \"p5\" would sit at table \"t2\" in round 0 and again in round 1 | pin \"p5\" to another \
         table, or use travel mode `any`"
    );
    // More pins than seats.
    request.pinned = vec![pin("p3", 0, "t1"), pin("p4", 0, "t1"), pin("p5", 0, "t1"), pin("p6", 0, "t1")];
    let err = error_of(&request);
    assert_eq!(err.code(), "planner.pin_over_capacity");
    assert_eq!(err.params()["fixed"], 5);
    assert_eq!(err.params()["capacity"], 4);
}

#[test]
fn apart_pairs_fixed_together() {
    let mut request = cafe(3, 4, 2, 9, 2, Travel::Free);
    request.apart = vec![["p0".into(), "p5".into()]];
    request.pinned = vec![pin("p5", 1, "t0")];
    assert_eq!(
        golden(&error_of(&request)),
        "planner.apart_impossible | \"p0\" and \"p5\" must be kept apart but are both fixed at table \"t0\" in round 1 | \
         remove the keep-apart pair or one of the fixed seats of \"p0\" and \"p5\""
    );
    request.pinned.clear();
    request.apart = vec![["p3".into(), "p3".into()]];
    assert_eq!(error_of(&request).code(), "planner.self_pair");
}

#[test]
fn unknown_ids_rounds_and_duplicates() {
    let mut request = golfer(3, 4, 2, 9);
    request.pinned = vec![pin("ghost", 0, "t0")];
    assert_eq!(
        golden(&error_of(&request)),
        "planner.unknown_participant | pinned names the participant \"ghost\", who is not in the list of participants | "
    );
    request.pinned = vec![pin("p1", 0, "t9")];
    assert_eq!(error_of(&request).code(), "planner.unknown_table");
    request.pinned = vec![pin("p1", 5, "t0")];
    assert_eq!(
        golden(&error_of(&request)),
        "planner.round_out_of_range | pinned names round 5, but there are only 2 rounds (numbered from 0) | "
    );
    request.pinned.clear();
    request.participants[3].id = "p1".into();
    assert_eq!(error_of(&request).code(), "planner.duplicate_id");
    let mut request = golfer(3, 4, 201, 9);
    assert_eq!(error_of(&request).code(), "planner.too_many_rounds");
    request.rounds = 2;
    request.tables[2].id = "t0".into();
    assert_eq!(error_of(&request).params()["kind"], "table");
}

#[test]
fn held_rounds_that_cannot_be() {
    let mut request = golfer(2, 3, 1, 4);
    let round: cafehost_planner::RoundSeating = [
        ("t0".to_owned(), vec!["p0".to_owned(), "p1".to_owned()]),
        ("t1".to_owned(), vec!["p2".to_owned(), "p3".to_owned()]),
    ]
    .into_iter()
    .collect();
    request.held = vec![round.clone(), round.clone()];
    assert_eq!(
        golden(&error_of(&request)),
        "planner.held_exceeds_rounds | 2 rounds are given as held, but there are only 1 rounds | add rounds, or give \
         fewer held rounds"
    );
    let mut twice = round;
    twice.get_mut("t1").unwrap().push("p0".into());
    request.rounds = 2;
    request.held = vec![twice];
    assert_eq!(error_of(&request).code(), "planner.held_seated_twice");
}

#[test]
fn every_code_is_namespaced_and_json_is_checked() {
    let err = PlanRequest::from_json("{").unwrap_err();
    assert_eq!(err.code(), "planner.invalid_json");
    assert!(err.params()["message"].is_string());
    let err =
        PlanRequest::from_json(r#"{"rounds": 1, "travel": "walk", "tables": [], "participants": []}"#).unwrap_err();
    assert!(err.to_string().contains("walk"), "{err}");
}

#[test]
fn a_plan_that_cannot_keep_apart_pairs_is_refused() {
    // Three mutually apart people, two tables: two of them must share a table.
    let mut request = golfer(2, 3, 1, 6);
    request.apart = vec![["p0".into(), "p1".into()], ["p1".into(), "p2".into()], ["p0".into(), "p2".into()]];
    assert_eq!(
        golden(&error_of(&request)),
        "planner.no_plan_found | no plan found that keeps the rule `apart` (1 violations left) | give the planner more \
         time, add seats or tables, or remove keep-apart pairs"
    );
}

/// Tables `t0` and `t1` share the topic "Wohnen"; the others are topics of their own.
fn shared_wohnen(mut request: PlanRequest) -> PlanRequest {
    request.tables[0].topic = Some("Wohnen".into());
    request.tables[1].topic = Some("Wohnen".into());
    request
}

#[test]
fn too_many_rounds_are_counted_in_topics() {
    // Four tables but three topics: a fourth round would send everyone back to a topic.
    let err = error_of(&shared_wohnen(cafe(4, 6, 4, 20, 2, Travel::Free)));
    assert_eq!(
        golden(&err),
        "planner.too_many_rounds_for_tour | 4 rounds but 3 topics (at 4 tables): travellers would have to return to a \
         topic in travel mode `free` | use travel mode `any`, plan at most 3 rounds, or give more tables a topic of \
         their own (a traveller there in 4 rounds would return to a topic)"
    );
    assert_eq!(err.params()["topics"], 3);
    assert_eq!(err.params()["tables"], 4);
    // Each way out can be planned.
    let mut fewer = shared_wohnen(cafe(4, 7, 3, 20, 2, Travel::Free));
    assert!(plan(&fewer, Budget::iterations(2_000)).is_ok());
    fewer.rounds = 4;
    fewer.tables[1].topic = None;
    assert!(plan(&fewer, Budget::iterations(2_000)).is_ok());
    let mut any = shared_wohnen(cafe(4, 6, 4, 20, 2, Travel::Any));
    any.travel = Travel::Any;
    assert!(plan(&any, Budget::iterations(2_000)).is_ok());
}

#[test]
fn pins_and_held_rounds_at_one_topic_twice_are_refused() {
    let mut request = shared_wohnen(cafe(4, 7, 3, 20, 2, Travel::TopicTour));
    request.pinned = vec![pin("p7", 0, "t0"), pin("p7", 2, "t1")];
    let err = error_of(&request);
    assert_eq!(
        golden(&err),
        "planner.pin_revisit | \"p7\" would sit at the topic \"Wohnen\" in round 0 (table \"t0\") and again in round 2 \
         (table \"t1\") | pin \"p7\" to a table of another topic than \"Wohnen\", or use travel mode `any`"
    );
    assert_eq!(err.params()["topic"], "Wohnen");
    assert_eq!(err.params()["first_table"], "t0");
    assert_eq!(err.params()["table"], "t1");
    // Round 0 held as planned, and a traveller who sat at "Wohnen" pinned to its other table.
    request.pinned.clear();
    let first = plan(&request, Budget::iterations(2_000)).unwrap();
    let (at, other) = if first.rounds[0]["t0"].len() > 1 { ("t0", "t1") } else { ("t1", "t0") };
    let traveller = first.rounds[0][at][1].clone();
    request.held = vec![first.rounds[0].clone()];
    request.pinned = vec![pin(&traveller, 1, other)];
    let err = error_of(&request);
    assert_eq!(err.code(), "planner.pin_revisit");
    assert_eq!(err.params()["first_table"], at);
    assert_eq!((err.params()["first"].clone(), err.params()["second"].clone()), (0.into(), 1.into()));
    // Pinned where the first plan seated them, the re-plan holds every rule.
    let table = first.table_of(1, &traveller).unwrap();
    request.pinned = vec![pin(&traveller, 1, table)];
    let outcome = plan(&request, Budget::iterations(2_000)).unwrap();
    common::check(&request, &outcome);
}

#[test]
fn a_tour_the_topics_cannot_take_is_refused_with_a_true_way_out() {
    // 12 travellers, 2 rounds, the topic "Wohnen" at two tables of one seat: everyone would have
    // to sit there once, 12 visits where 4 fit.
    let mut request = shared_wohnen(golfer(3, 1, 2, 12));
    request.travel = Travel::TopicTour;
    request.tables[2].capacity = 12;
    let err = error_of(&request);
    assert_eq!(err.code(), "planner.tour_too_tight");
    assert_eq!(err.params()["min_seats"], 3);
    assert_eq!(err.params()["max_rounds"], 1);
    assert!(err.to_string().contains("visits to topics"), "{err}");
    let mut more_seats = request.clone();
    more_seats.tables[0].capacity = 3;
    more_seats.tables[1].capacity = 3;
    let outcome = plan(&more_seats, Budget::iterations(20_000)).unwrap();
    common::check(&more_seats, &outcome);
    request.rounds = 1;
    assert!(plan(&request, Budget::iterations(1_000)).is_ok());
}

#[test]
fn wishes_for_unknown_topics_or_twice_are_refused() {
    let mut request = shared_wohnen(golfer(3, 4, 2, 9));
    request.participants[4].wishes = vec!["Wohnen".into(), "Verkehr".into()];
    let err = error_of(&request);
    assert_eq!(
        golden(&err),
        "planner.unknown_wish_topic | \"p4\" wishes for the topic \"Verkehr\" (wish 2), but no table has that topic | \
         give a table the topic \"Verkehr\", or remove it from the wishes of \"p4\""
    );
    assert_eq!(err.params()["rank"], 2);
    // A table with a topic is wished for by its topic, not by its id.
    request.participants[4].wishes = vec!["t0".into()];
    assert_eq!(error_of(&request).code(), "planner.unknown_wish_topic");
    request.participants[4].wishes = vec!["t2".into(), "Wohnen".into(), "t2".into()];
    let err = error_of(&request);
    assert_eq!(
        golden(&err),
        "planner.duplicate_wish | \"p4\" wishes for the topic \"t2\" twice (wishes 1 and 3) | remove wish 3 of \"p4\""
    );
    assert_eq!((err.params()["first"].clone(), err.params()["second"].clone()), (1.into(), 3.into()));
    // A table without a topic is wished for by its id; every code is listed.
    request.participants[4].wishes = vec!["t2".into(), "Wohnen".into()];
    assert!(plan(&request, Budget::iterations(1_000)).is_ok());
    for code in ["planner.unknown_wish_topic", "planner.duplicate_wish"] {
        assert!(PlanError::ALL_CODES.contains(&code), "{code}");
    }
    // The JSON names: `topic` on a table, `wishes` on a participant.
    let request = PlanRequest::from_json(
        r#"{"rounds": 1, "tables": [{"id": "a", "capacity": 2, "topic": "x"}],
            "participants": [{"id": "p", "wishes": ["y"]}]}"#,
    )
    .unwrap();
    assert_eq!(error_of(&request).code(), "planner.unknown_wish_topic");
}

#[test]
fn a_replan_the_held_topics_make_impossible_is_refused_at_once() {
    // 12 travellers at tables of 6, 6 and 5 over 3 rounds; round 0 held with six at t0 and six
    // at t1. Everyone still needs t2, 12 visits where 10 fit: the seats alone would do (each
    // table takes 10 or 12 visits), the topics already taken in round 0 do not.
    let mut request = golfer(3, 6, 3, 12);
    request.travel = Travel::TopicTour;
    request.tables[2].capacity = 5;
    let ids = |range: std::ops::Range<usize>| range.map(|i| format!("p{i}")).collect::<Vec<_>>();
    request.held = vec![[("t0".to_owned(), ids(0..6)), ("t1".to_owned(), ids(6..12))].into_iter().collect()];
    let err = error_of(&request);
    assert_eq!(
        golden(&err),
        "planner.tour_too_tight | 12 travellers need 24 visits to topics they have not sat at in travel mode \
         `topic-tour`, but the tables can take at most 22 such visits (table \"t2\" has 5 seats) | give every table at \
         least 6 seats (table \"t2\" has 5), plan at most 2 rounds, or use travel mode `any`"
    );
    // Both ways out can be planned.
    let mut more_seats = request.clone();
    more_seats.tables[2].capacity = 6;
    let outcome = plan(&more_seats, Budget::iterations(20_000)).unwrap();
    common::check(&more_seats, &outcome);
    let mut fewer_rounds = request.clone();
    fewer_rounds.rounds = 2;
    let outcome = plan(&fewer_rounds, Budget::iterations(20_000)).unwrap();
    common::check(&fewer_rounds, &outcome);
    // Held otherwise (three of t1's six at t2), the same seats fit.
    let mut mixed = request.clone();
    mixed.held = vec![
        [("t0".to_owned(), ids(0..6)), ("t1".to_owned(), ids(6..9)), ("t2".to_owned(), ids(9..12))]
            .into_iter()
            .collect(),
    ];
    let outcome = plan(&mixed, Budget::iterations(20_000)).unwrap();
    common::check(&mixed, &outcome);
}
