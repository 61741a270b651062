#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::collections::BTreeMap;

use cafehost_planner::{Absence, Budget, ParticipantSpec, Pin, PlanRequest, TableSpec, Travel, plan};
use common::check;
use proptest::prelude::*;

/// Raw choices that become a request (indices are taken modulo the sizes).
#[derive(Debug, Clone)]
struct Raw {
    tables: Vec<(u32, bool)>,
    people: usize,
    rounds: u32,
    travel: u8,
    absent: Vec<(usize, Option<u32>)>,
    pins: Vec<(usize, u32, usize)>,
    apart: Vec<(usize, usize)>,
    together: Vec<(usize, usize)>,
    orgs: usize,
    seed: u64,
    cap: Option<u32>,
    /// Per table: 0 for a topic of its own, else one of two shared topics.
    topics: Vec<u8>,
    /// Per person (modulo): wished topics, as indices into the topics (duplicates dropped).
    wishes: Vec<Vec<usize>>,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        prop::collection::vec((1u32..7, any::<bool>()), 1..7),
        0usize..40,
        0u32..6,
        0u8..3,
        prop::collection::vec((0usize..40, prop::option::of(0u32..6)), 0..4),
        prop::collection::vec((0usize..40, 0u32..6, 0usize..7), 0..3),
        prop::collection::vec((0usize..40, 0usize..40), 0..4),
        prop::collection::vec((0usize..40, 0usize..40), 0..3),
        (1usize..5, any::<u64>(), prop::option::of(1u32..4)),
        (prop::collection::vec(0u8..3, 7), prop::collection::vec(prop::collection::vec(0usize..7, 0..4), 0..12)),
    )
        .prop_map(
            |(tables, people, rounds, travel, absent, pins, apart, together, (orgs, seed, cap), (topics, wishes))| {
                Raw { tables, people, rounds, travel, absent, pins, apart, together, orgs, seed, cap, topics, wishes }
            },
        )
}

fn request(raw: &Raw) -> PlanRequest {
    let seats: u32 = raw.tables.iter().map(|t| t.0).sum();
    let people = raw.people.min(seats as usize);
    let id = |i: usize| format!("p{}", i % people.max(1));
    let travel = [Travel::Free, Travel::TopicTour, Travel::Any][raw.travel as usize];
    let topic = |i: usize| (raw.topics[i] > 0).then(|| format!("topic{}", raw.topics[i]));
    let mut topics: Vec<String> = Vec::new();
    for i in 0..raw.tables.len() {
        let name = topic(i).unwrap_or_else(|| format!("t{i}"));
        if !topics.contains(&name) {
            topics.push(name);
        }
    }
    let rounds = if travel == Travel::Any { raw.rounds } else { raw.rounds.min(u32::try_from(topics.len()).unwrap()) };
    let mut hosts = 0;
    let tables = raw
        .tables
        .iter()
        .enumerate()
        .map(|(i, &(capacity, hosted))| {
            let host = (hosted && hosts < people).then(|| {
                hosts += 1;
                format!("p{}", hosts - 1)
            });
            TableSpec { id: format!("t{i}"), capacity, host, topic: topic(i) }
        })
        .collect();
    let participants = (0..people)
        .map(|i| {
            let mut attributes = BTreeMap::new();
            attributes.insert("org".to_owned(), format!("o{}", i % raw.orgs));
            let mut wishes: Vec<String> = Vec::new();
            if !raw.wishes.is_empty() {
                for &w in &raw.wishes[i % raw.wishes.len()] {
                    let name = &topics[w % topics.len()];
                    if !wishes.contains(name) {
                        wishes.push(name.clone());
                    }
                }
            }
            ParticipantSpec { id: format!("p{i}"), attributes, wishes }
        })
        .collect();
    let pairs = |list: &[(usize, usize)]| -> Vec<[String; 2]> {
        list.iter().filter(|(a, b)| people > 1 && a % people != b % people).map(|&(a, b)| [id(a), id(b)]).collect()
    };
    PlanRequest {
        rounds,
        travel,
        tables,
        participants,
        spread: vec!["org".into()],
        absent: if people == 0 || rounds == 0 {
            vec![]
        } else {
            raw.absent
                .iter()
                .map(|&(p, r)| Absence { participant: id(p), rounds: r.map(|r| vec![r % rounds]) })
                .collect()
        },
        pinned: if people == 0 || rounds == 0 {
            vec![]
        } else {
            raw.pins
                .iter()
                .map(|&(p, r, t)| Pin {
                    participant: id(p),
                    round: r % rounds,
                    table: format!("t{}", t % raw.tables.len()),
                })
                .collect()
        },
        apart: pairs(&raw.apart),
        together: pairs(&raw.together),
        held: vec![],
        previous: vec![],
        seed: raw.seed,
        max_meetings: raw.cap,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Every hard rule holds, the report equals a recount, the bound is below the plan, the same
    /// seed gives the same plan, and a re-plan keeps the held rounds.
    #[test]
    fn plans_keep_every_rule(raw in raw()) {
        let request = request(&raw);
        match plan(&request, Budget::iterations(300)) {
            Ok(outcome) => {
                check(&request, &outcome);
                // The report's word on the cap is the recount's (`check` recounts the meetings).
                let report = &outcome.report;
                match request.max_meetings {
                    Some(cap) => prop_assert_eq!(report.max_meetings_kept, report.max_pair_meetings <= cap),
                    None => prop_assert!(report.max_meetings_kept),
                }
                prop_assert_eq!(report.max_meetings_kept, report.pairs_over_cap == 0);
                let again = plan(&request, Budget::iterations(300)).unwrap();
                prop_assert_eq!(&again, &outcome);
                if request.rounds > 1 && request.pinned.is_empty() {
                    // The same request with round 0 held as planned and the first plan as the
                    // previous one. The first plan is itself a valid answer, and the planner's
                    // start seats everyone where the previous plan had them, so the re-plan must
                    // succeed. The absences stay as they were: clearing them asks for a different
                    // instance, which can be impossible (e.g. tables of 4 and 1, p0 alone in a
                    // held round 0 at the table of 1, then p0 apart from both p1 and p2 in round 1
                    // with travel `free`), so it would not be a property.
                    let mut replan = request.clone();
                    replan.held = outcome.rounds[..1].to_vec();
                    replan.previous = outcome.rounds.clone();
                    replan.seed = raw.seed.wrapping_add(1);
                    let second = match plan(&replan, Budget::iterations(300)) {
                        Ok(second) => second,
                        Err(err) => {
                            return Err(TestCaseError::fail(format!(
                                "re-plan of a request that was planned failed: {err} ({})",
                                err.code()
                            )));
                        }
                    };
                    check(&replan, &second);
                    prop_assert_eq!(&second.rounds[0], &outcome.rounds[0]);
                }
            }
            Err(err) => {
                prop_assert!(err.code().starts_with("planner."));
                prop_assert!(!err.to_string().is_empty());
            }
        }
    }

    /// Without pins, absences or pairs, a plan that fits always exists in travel mode `any`.
    #[test]
    fn simple_instances_always_get_a_plan(raw in raw()) {
        let mut raw = raw;
        raw.travel = 2;
        raw.pins.clear();
        raw.apart.clear();
        let request = request(&raw);
        let outcome = plan(&request, Budget::iterations(200)).unwrap();
        check(&request, &outcome);
    }
}
