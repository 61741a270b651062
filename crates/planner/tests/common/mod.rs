#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};

use cafehost_planner::{ParticipantSpec, PlanOutcome, PlanRequest, TableSpec, Travel, WishCount};

/// `tables` tables of `capacity` seats and `people` participants `p0..`, no hosts.
pub fn golfer(tables: usize, capacity: u32, rounds: u32, people: usize) -> PlanRequest {
    PlanRequest {
        rounds,
        travel: Travel::Any,
        tables: (0..tables).map(|i| TableSpec { id: format!("t{i}"), capacity, host: None, topic: None }).collect(),
        participants: (0..people)
            .map(|i| ParticipantSpec { id: format!("p{i}"), attributes: BTreeMap::new(), wishes: Vec::new() })
            .collect(),
        spread: vec![],
        absent: vec![],
        pinned: vec![],
        apart: vec![],
        together: vec![],
        held: vec![],
        previous: vec![],
        seed: 1,
        max_meetings: None,
    }
}

/// A café: `tables` tables of `capacity`, each hosted by `p{i}` for table `i`, `people` people
/// with an `organisation` among `orgs`.
pub fn cafe(tables: usize, capacity: u32, rounds: u32, people: usize, orgs: usize, travel: Travel) -> PlanRequest {
    let mut request = golfer(tables, capacity, rounds, people);
    request.travel = travel;
    for (i, table) in request.tables.iter_mut().enumerate() {
        table.host = Some(format!("p{i}"));
    }
    for (i, person) in request.participants.iter_mut().enumerate() {
        person.attributes.insert("organisation".into(), format!("org{}", (i * 7) % orgs.max(1)));
    }
    request.spread = vec!["organisation".into()];
    request
}

/// Checks every hard rule of `outcome` against `request` and recounts the report's numbers.
pub fn check(request: &PlanRequest, outcome: &PlanOutcome) {
    assert_eq!(outcome.report.wishes, recount_wishes(request, &outcome.rounds), "wish counts");
    check_topics(request, outcome);
    let rounds = request.rounds as usize;
    assert_eq!(outcome.rounds.len(), rounds);
    let capacity: HashMap<&str, u32> = request.tables.iter().map(|t| (t.id.as_str(), t.capacity)).collect();
    let host_of: HashMap<&str, &str> =
        request.tables.iter().filter_map(|t| t.host.as_deref().map(|h| (h, t.id.as_str()))).collect();
    let absent = |person: &str, round: usize| {
        request.absent.iter().any(|a| {
            a.participant == person && a.rounds.as_ref().is_none_or(|rs| rs.contains(&u32::try_from(round).unwrap()))
        })
    };
    let mut meetings: HashMap<(String, String), u64> = HashMap::new();
    for (r, seating) in outcome.rounds.iter().enumerate() {
        // Held rounds come back exactly as held.
        if let Some(held) = request.held.get(r) {
            for (table, people) in seating {
                let mut got = people.clone();
                let mut want = held.get(table).cloned().unwrap_or_default();
                got.sort();
                want.sort();
                assert_eq!(got, want, "held round {r} table {table} changed");
            }
        }
        let mut seated: HashMap<&str, &str> = HashMap::new();
        for (table, people) in seating {
            assert!(capacity.contains_key(table.as_str()), "unknown table {table}");
            if request.held.get(r).is_none() {
                assert!(
                    u32::try_from(people.len()).unwrap() <= capacity[table.as_str()],
                    "round {r} table {table} over capacity"
                );
            }
            for person in people {
                assert!(seated.insert(person, table).is_none(), "{person} seated twice in round {r}");
            }
            for (i, a) in people.iter().enumerate() {
                for b in &people[i + 1..] {
                    let key = if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
                    *meetings.entry(key).or_default() += 1;
                }
            }
        }
        if request.held.get(r).is_some() {
            continue;
        }
        for person in &request.participants {
            let id = person.id.as_str();
            if absent(id, r) {
                assert!(!seated.contains_key(id), "{id} absent in round {r} but seated");
            } else {
                assert!(seated.contains_key(id), "{id} present in round {r} but not seated");
            }
            if let (Some(&host_table), Some(&table)) = (host_of.get(id), seated.get(id)) {
                assert_eq!(host_table, table, "host {id} left their table in round {r}");
            }
        }
        for pin in &request.pinned {
            if pin.round as usize == r {
                assert_eq!(seated.get(pin.participant.as_str()).copied(), Some(pin.table.as_str()), "pin broken");
            }
        }
        for [a, b] in &request.apart {
            if let (Some(ta), Some(tb)) = (seated.get(a.as_str()), seated.get(b.as_str())) {
                assert_ne!(ta, tb, "apart pair {a} {b} together in round {r}");
            }
        }
    }
    let together = |a: &str, b: &str| {
        request.together.iter().any(|[x, y]| (x == a && y == b) || (x == b && y == a))
            && !request.apart.iter().any(|[x, y]| (x == a && y == b) || (x == b && y == a))
    };
    let counted: Vec<u64> = meetings.iter().filter(|((a, b), _)| !together(a, b)).map(|(_, &m)| m).collect();
    let repeats: u64 = counted.iter().map(|m| m - 1).sum();
    let report = &outcome.report;
    assert_eq!(report.repeat_encounters, repeats, "repeat count");
    assert_eq!(u64::from(report.max_pair_meetings), counted.iter().copied().max().unwrap_or(0));
    let over_cap = request.max_meetings.map_or(0, |cap| counted.iter().filter(|&&m| m > u64::from(cap)).count());
    assert_eq!(report.pairs_over_cap, over_cap as u64, "pairs over the cap");
    assert_eq!(report.max_meetings_kept, over_cap == 0, "whether the cap holds");
    assert_eq!(report.pairs_meeting_repeatedly, counted.iter().filter(|&&m| m > 1).count() as u64);
    assert!(report.lower_bound <= report.repeat_encounters, "bound above the plan");
    assert_eq!(report.optimal, report.lower_bound == report.repeat_encounters);
    assert_eq!(report.apart_violations, 0);
    assert_eq!(report.pins_honoured, report.pins_total);
    for (r, seating) in outcome.rounds.iter().enumerate() {
        let sizes: Vec<u32> = request.tables.iter().map(|t| u32::try_from(seating[&t.id].len()).unwrap()).collect();
        assert_eq!(report.table_sizes[r], sizes);
    }
}

/// Checks that no traveller sits at a topic twice (in planned rounds, where travel forbids it)
/// and recounts the report's revisits.
fn check_topics(request: &PlanRequest, outcome: &PlanOutcome) {
    let hosts: Vec<&str> = request.tables.iter().filter_map(|t| t.host.as_deref()).collect();
    let topic_of: HashMap<&str, &str> = request.tables.iter().map(|t| (t.id.as_str(), t.topic_name())).collect();
    // Per (person, topic): the returns in planned rounds, and the rounds there in all.
    let mut visits: HashMap<(&str, &str), (u32, u32)> = HashMap::new();
    for (r, seating) in outcome.rounds.iter().enumerate() {
        for (table, people) in seating {
            for person in people.iter().filter(|p| !hosts.contains(&p.as_str())) {
                let seen = visits.entry((person.as_str(), topic_of[table.as_str()])).or_default();
                // Held rounds are history: only a planned round can break the rule.
                if request.held.get(r).is_none() {
                    seen.0 += u32::from(seen.1 > 0);
                }
                seen.1 += 1;
            }
        }
    }
    let revisits: u32 = visits.values().map(|v| v.0).sum();
    assert_eq!(outcome.report.table_revisits, u64::from(revisits), "revisits of a topic");
    if request.travel != Travel::Any {
        for ((person, topic), (again, n)) in &visits {
            assert_eq!(*again, 0, "{person} at topic {topic} {n} times");
        }
    }
}

/// The wish counts of a seating, recounted from the request alone: per rank, the participants
/// (no host, not absent in every round) who wished, and of them those seated at a table of the
/// topic in some round.
pub fn recount_wishes(request: &PlanRequest, rounds: &[cafehost_planner::RoundSeating]) -> Vec<WishCount> {
    let hosts: Vec<&str> = request.tables.iter().filter_map(|t| t.host.as_deref()).collect();
    let topic_of: HashMap<&str, &str> = request.tables.iter().map(|t| (t.id.as_str(), t.topic_name())).collect();
    let away_everywhere = |person: &str| {
        (0..request.rounds).all(|r| {
            if let Some(held) = request.held.get(r as usize) {
                return !held.values().flatten().any(|p| p == person);
            }
            request.absent.iter().any(|a| a.participant == person && a.rounds.as_ref().is_none_or(|rs| rs.contains(&r)))
        })
    };
    let mut counts: Vec<WishCount> = Vec::new();
    for person in &request.participants {
        if person.wishes.is_empty() || hosts.contains(&person.id.as_str()) || away_everywhere(&person.id) {
            continue;
        }
        for (i, wish) in person.wishes.iter().enumerate() {
            if counts.len() <= i {
                counts.push(WishCount { rank: u32::try_from(i + 1).unwrap(), asked: 0, granted: 0 });
            }
            counts[i].asked += 1;
            let granted = rounds.iter().any(|round| {
                round.iter().any(|(table, people)| {
                    topic_of.get(table.as_str()) == Some(&wish.as_str()) && people.contains(&person.id)
                })
            });
            counts[i].granted += u32::from(granted);
        }
    }
    counts
}
