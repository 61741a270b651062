//! Participants' topic wishes: granted where the seats allow, never above the hard rules, and
//! counted in the report from the seating.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use cafehost_planner::{Budget, PlanRequest, Travel, WishCount, evaluate, plan};
use common::{check, golfer};

/// Six tables of five, paired into the topics A (t0, t1), B (t2, t3) and C (t4, t5).
fn three_topics(rounds: u32, people: usize, travel: Travel) -> PlanRequest {
    let mut request = golfer(6, 5, rounds, people);
    request.travel = travel;
    for (i, table) in request.tables.iter_mut().enumerate() {
        table.topic = Some(["A", "B", "C"][i / 2].into());
    }
    request
}

fn wish(request: &mut PlanRequest, person: usize, topics: &[&str]) {
    request.participants[person].wishes = topics.iter().map(|&t| t.to_owned()).collect();
}

#[test]
fn every_wish_is_granted_where_the_seats_allow() {
    // 24 people, 2 rounds: a third of them wish A then B, a third B then C, a third C then A.
    // Each topic seats 10 a round, so everyone can get both wishes (8 a topic and round).
    for travel in [Travel::Free, Travel::TopicTour, Travel::Any] {
        let mut request = three_topics(2, 24, travel);
        for x in 0..24 {
            let order = [["A", "B"], ["B", "C"], ["C", "A"]][x % 3];
            wish(&mut request, x, &order);
        }
        let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
        check(&request, &outcome);
        assert_eq!(
            outcome.report.wishes,
            vec![WishCount { rank: 1, asked: 24, granted: 24 }, WishCount { rank: 2, asked: 24, granted: 24 }],
            "{travel:?}"
        );
    }
}

#[test]
fn first_choices_beyond_the_seats_are_missed_but_the_plan_holds() {
    // Everyone's first choice is A (one table of 4, so 8 places in 2 rounds), second B, third C.
    let mut request = golfer(3, 4, 2, 12);
    request.travel = Travel::Free;
    request.tables[0].topic = Some("A".into());
    request.tables[1].topic = Some("B".into());
    request.tables[2].topic = Some("C".into());
    for x in 0..12 {
        wish(&mut request, x, &["A", "B", "C"]);
    }
    let outcome = plan(&request, Budget::iterations(20_000)).unwrap();
    check(&request, &outcome);
    let first = outcome.report.wishes[0];
    assert_eq!((first.asked, first.granted), (12, 8), "{:?}", outcome.report.wishes);
    // Nobody sat at A twice to let more in, and every first choice that fits was granted.
    assert_eq!(outcome.report.table_revisits, 0);
    // The four who missed A got both B and C (2 rounds, nothing else to sit at).
    assert_eq!(outcome.report.wishes[1].granted + outcome.report.wishes[2].granted, 8 + 8);
}

#[test]
fn first_choices_go_first() {
    // One round, one seat at each of A, B and C: p0 wishes A, then B, then C; p1 wishes B, then
    // C; p2 wishes C. Everyone gets their first choice.
    let mut request = golfer(3, 1, 1, 3);
    request.tables[0].topic = Some("A".into());
    request.tables[1].topic = Some("B".into());
    request.tables[2].topic = Some("C".into());
    wish(&mut request, 0, &["A", "B", "C"]);
    wish(&mut request, 1, &["B", "C"]);
    wish(&mut request, 2, &["C"]);
    for seed in 0..8 {
        request.seed = seed;
        let outcome = plan(&request, Budget::iterations(1_000)).unwrap();
        check(&request, &outcome);
        assert_eq!(outcome.report.wishes[0], WishCount { rank: 1, asked: 3, granted: 3 }, "seed {seed}");
    }
    // p0 wishes A, B, C; p1 A, B; p2 B, A. Two first choices (p1 at A, p2 at B) beat one, even
    // though p0 then gets none of their three: a first choice outweighs a second and a third.
    wish(&mut request, 1, &["A", "B"]);
    wish(&mut request, 2, &["B", "A"]);
    for seed in 0..8 {
        request.seed = seed;
        let outcome = plan(&request, Budget::iterations(1_000)).unwrap();
        check(&request, &outcome);
        let seats: Vec<_> = (0..3).map(|x| outcome.table_of(0, &format!("p{x}")).unwrap().to_owned()).collect();
        assert_eq!(seats, ["t2", "t0", "t1"], "seed {seed}");
    }
}

#[test]
fn hosts_wishes_do_not_count_and_held_rounds_do() {
    let mut request = three_topics(3, 20, Travel::Free);
    request.tables[0].host = Some("p0".into());
    wish(&mut request, 0, &["C"]);
    for x in 1..20 {
        wish(&mut request, x, &["A"]);
    }
    let first = plan(&request, Budget::iterations(5_000)).unwrap();
    check(&request, &first);
    assert_eq!(first.report.wishes, vec![WishCount { rank: 1, asked: 19, granted: 19 }]);
    assert_eq!(first.table_of(1, "p0"), Some("t0"));
    // Round 0 held: who sat at A then keeps their wish granted without sitting there again.
    let mut again = request.clone();
    again.held = first.rounds[..1].to_vec();
    again.previous.clone_from(&first.rounds);
    let second = plan(&again, Budget::iterations(5_000)).unwrap();
    check(&again, &second);
    assert_eq!(second.report.wishes, vec![WishCount { rank: 1, asked: 19, granted: 19 }]);
    // Someone away in every round asks for nothing.
    again.absent = vec![cafehost_planner::Absence { participant: "p5".into(), rounds: None }];
    again.held.clear();
    let third = plan(&again, Budget::iterations(5_000)).unwrap();
    check(&again, &third);
    assert_eq!(third.report.wishes[0].asked, 18);
}

#[test]
fn evaluate_counts_the_wishes_of_a_given_seating() {
    let mut request = three_topics(1, 6, Travel::Free);
    wish(&mut request, 0, &["A", "B"]);
    wish(&mut request, 1, &["B"]);
    wish(&mut request, 2, &["C", "A", "B"]);
    let round = std::collections::BTreeMap::from([
        ("t0".to_owned(), vec!["p0".to_owned(), "p2".to_owned()]),
        ("t3".to_owned(), vec!["p1".to_owned()]),
        ("t5".to_owned(), vec!["p3".to_owned(), "p4".to_owned(), "p5".to_owned()]),
    ]);
    let judged = evaluate(&request, &[round]).unwrap();
    assert_eq!(
        judged.wishes,
        vec![
            WishCount { rank: 1, asked: 3, granted: 2 },
            WishCount { rank: 2, asked: 2, granted: 1 },
            WishCount { rank: 3, asked: 1, granted: 0 },
        ]
    );
    let json = serde_json::to_value(&judged).unwrap();
    assert_eq!(json["wishes"][0], serde_json::json!({"rank": 1, "asked": 3, "granted": 2}));
    // Nobody wished: an empty list.
    let plain = evaluate(&three_topics(1, 6, Travel::Free), &[]).unwrap();
    assert!(plain.wishes.is_empty());
}
