//! The planner's benchmark: the cases of the planner issue, each in its own process (so the peak
//! memory is the case's own), printed as one JSON report.
//!
//! Run it in release: `cargo run -p cafehost-planner --release --bin planner-bench`.
//! `planner-bench --case NAME` runs one case and prints its line.

// A benchmark measures time and reads its own memory use; the planner library itself does neither.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use cafehost_planner::{
    Absence, Budget, ParticipantSpec, PlanOutcome, PlanRequest, QualityReport, TableSpec, Travel, plan,
};
use serde_json::{Value, json};

/// A case: its name, the request, the time allowed, and the seeds it runs (1..=seeds; the
/// report shows the worst).
struct Case {
    name: &'static str,
    seconds: u64,
    seeds: u64,
    build: fn() -> Setup,
}

/// What a case plans: the request, and for a re-plan the request planned first (not timed).
struct Setup {
    request: PlanRequest,
    before: Option<fn(&PlanOutcome, &PlanRequest) -> PlanRequest>,
}

fn golfer(tables: usize, capacity: u32, rounds: u32, people: usize) -> PlanRequest {
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

/// A café with a host per table and an organisation per person (a dozen organisations of
/// uneven sizes).
fn cafe(tables: usize, capacity: u32, rounds: u32, people: usize, travel: Travel) -> PlanRequest {
    let mut request = golfer(tables, capacity, rounds, people);
    request.travel = travel;
    for (i, table) in request.tables.iter_mut().enumerate() {
        table.host = Some(format!("p{i}"));
    }
    for (i, person) in request.participants.iter_mut().enumerate() {
        let org = [0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11][(i * 7 + i / 16) % 16];
        person.attributes.insert("organisation".into(), format!("org{org}"));
    }
    request.spread = vec!["organisation".into()];
    request
}

/// Tables `2i` and `2i + 1` share the topic `topic{i}`.
fn paired_topics(mut request: PlanRequest) -> PlanRequest {
    for (i, table) in request.tables.iter_mut().enumerate() {
        table.topic = Some(format!("topic{}", i / 2));
    }
    request
}

/// How popular each of ten topics is (per cent of the wishes drawn), as in a café where a few
/// topics draw most people.
const POPULARITY: [u64; 10] = [32, 20, 12, 9, 7, 6, 5, 4, 3, 2];

/// Three distinct wishes per participant, drawn with [`POPULARITY`] from a fixed sequence (the
/// same every run).
fn skewed_wishes(mut request: PlanRequest) -> PlanRequest {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for person in &mut request.participants {
        let mut wishes: Vec<usize> = Vec::new();
        while wishes.len() < 3 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut draw = state % 100;
            let topic = POPULARITY.iter().position(|&share| {
                if draw < share {
                    true
                } else {
                    draw -= share;
                    false
                }
            });
            if let Some(topic) = topic.filter(|t| !wishes.contains(t)) {
                wishes.push(topic);
            }
        }
        person.wishes = wishes.into_iter().map(|t| format!("topic{t}")).collect();
    }
    request
}

/// The most first choices any plan can grant: per topic, the first choices for it, at most the
/// traveller seats its tables have over all rounds.
fn first_choices_possible(request: &PlanRequest) -> u64 {
    let hosts: Vec<&str> = request.tables.iter().filter_map(|t| t.host.as_deref()).collect();
    let mut seats: BTreeMap<&str, u64> = BTreeMap::new();
    for table in &request.tables {
        let free = u64::from(table.capacity) - u64::from(table.host.is_some());
        *seats.entry(table.topic_name()).or_default() += free * u64::from(request.rounds);
    }
    let mut asked: BTreeMap<&str, u64> = BTreeMap::new();
    for person in request.participants.iter().filter(|p| !hosts.contains(&p.id.as_str())) {
        if let Some(first) = person.wishes.first() {
            *asked.entry(first.as_str()).or_default() += 1;
        }
    }
    asked.iter().map(|(topic, &n)| n.min(seats.get(topic).copied().unwrap_or(0))).sum()
}

fn replan_160(first: &PlanOutcome, request: &PlanRequest) -> PlanRequest {
    let mut again = request.clone();
    again.held = first.rounds[..1].to_vec();
    again.previous.clone_from(&first.rounds);
    for i in 0..5 {
        let id = format!("late{i}");
        again.participants.push(ParticipantSpec { id: id.clone(), attributes: BTreeMap::new(), wishes: Vec::new() });
        again.absent.push(Absence { participant: id, rounds: Some(vec![0]) });
    }
    for id in ["p40", "p77", "p123"] {
        again.absent.push(Absence { participant: id.into(), rounds: Some(vec![1, 2, 3]) });
    }
    again
}

fn cases() -> Vec<Case> {
    fn s(request: PlanRequest) -> Setup {
        Setup { request, before: None }
    }
    vec![
        Case { name: "golfer-5-3-7", seconds: 10, seeds: 1, build: || s(golfer(5, 3, 7, 15)) },
        Case { name: "golfer-8-4-9", seconds: 10, seeds: 1, build: || s(golfer(8, 4, 9, 32)) },
        Case { name: "golfer-8-4-10", seconds: 10, seeds: 1, build: || s(golfer(8, 4, 10, 32)) },
        Case { name: "any-20-4x5-6", seconds: 10, seeds: 1, build: || s(golfer(4, 5, 6, 20)) },
        Case { name: "cafe-24-4x6-3-free", seconds: 1, seeds: 1, build: || s(cafe(4, 6, 3, 24, Travel::Free)) },
        Case { name: "cafe-30-6x5-3-free", seconds: 1, seeds: 1, build: || s(cafe(6, 5, 3, 30, Travel::Free)) },
        Case { name: "cafe-48-8x6-3-tour", seconds: 1, seeds: 1, build: || s(cafe(8, 6, 3, 48, Travel::TopicTour)) },
        Case { name: "cafe-80-10x8-3-free", seconds: 1, seeds: 1, build: || s(cafe(10, 8, 3, 80, Travel::Free)) },
        Case {
            name: "cafe-160-20x8-4-tour",
            seconds: 1,
            seeds: 1,
            build: || s(cafe(20, 8, 4, 160, Travel::TopicTour)),
        },
        Case { name: "cafe-200-40x5-5-free", seconds: 1, seeds: 1, build: || s(cafe(40, 5, 5, 200, Travel::Free)) },
        Case { name: "any-1000-125x8-6", seconds: 10, seeds: 1, build: || s(golfer(125, 8, 6, 1000)) },
        Case {
            name: "replan-160-5-late-3-left",
            seconds: 1,
            seeds: 1,
            build: || Setup { request: cafe(20, 9, 4, 160, Travel::Free), before: Some(replan_160) },
        },
        // The cases of the bounds-and-tours issue.
        Case { name: "tour-12-3x4-3-free", seconds: 1, seeds: 5, build: || s(tour(3, 4, 3, 12, Travel::Free)) },
        Case { name: "tour-29-4x8-4-hosted", seconds: 1, seeds: 5, build: || s(cafe(4, 8, 4, 29, Travel::TopicTour)) },
        Case { name: "refuse-tour-12-6/6/2-3", seconds: 1, seeds: 1, build: || s(tour_6_6_2()) },
        Case {
            name: "cap2-20-4x5-4-hosted",
            seconds: 1,
            seeds: 5,
            build: || s(capped(cafe(4, 5, 4, 20, Travel::Free), 2)),
        },
        Case { name: "tour-43-6x8-6-hosted", seconds: 3, seeds: 5, build: || s(cafe(6, 8, 6, 43, Travel::TopicTour)) },
        Case {
            name: "tour-43-6x8-6-hosted-cap3",
            seconds: 3,
            seeds: 5,
            build: || s(capped(cafe(6, 8, 6, 43, Travel::TopicTour), 3)),
        },
        Case {
            name: "tour-43-6x8-6-hosted-cap2",
            seconds: 3,
            seeds: 5,
            build: || s(capped(cafe(6, 8, 6, 43, Travel::TopicTour), 2)),
        },
        Case { name: "tour-32-6x6-6-hosted", seconds: 3, seeds: 5, build: || s(cafe(6, 6, 6, 32, Travel::TopicTour)) },
        Case { name: "tour-40-5x8-5-hosted", seconds: 3, seeds: 5, build: || s(cafe(5, 8, 5, 40, Travel::TopicTour)) },
        Case { name: "cafe-160-6x27-3-free", seconds: 3, seeds: 1, build: || s(cafe(6, 27, 3, 160, Travel::Free)) },
        Case { name: "golfer-8-4-10-seeds", seconds: 10, seeds: 20, build: || s(golfer(8, 4, 10, 32)) },
        Case { name: "any-5000-625x8-6", seconds: 1, seeds: 1, build: || s(golfer(625, 8, 6, 5000)) },
        Case {
            name: "cafe-5000-500x10-4-free",
            seconds: 1,
            seeds: 1,
            build: || s(cafe(500, 10, 4, 5000, Travel::Free)),
        },
        // One topic at several tables, and the participants' wishes.
        Case {
            name: "topics-160-20x8-3-free",
            seconds: 3,
            seeds: 1,
            build: || s(paired_topics(cafe(20, 8, 3, 160, Travel::Free))),
        },
        Case {
            name: "wishes-160-20x8-3-free",
            seconds: 3,
            seeds: 1,
            build: || s(skewed_wishes(paired_topics(cafe(20, 8, 3, 160, Travel::Free)))),
        },
        Case {
            name: "topics-120-12x10-4-tour",
            seconds: 3,
            seeds: 1,
            build: || s(paired_topics(cafe(12, 10, 4, 120, Travel::TopicTour))),
        },
    ]
}

/// `people` people at `tables` tables of `capacity` without hosts, travelling.
fn tour(tables: usize, capacity: u32, rounds: u32, people: usize, travel: Travel) -> PlanRequest {
    let mut request = golfer(tables, capacity, rounds, people);
    request.travel = travel;
    request
}

/// A topic tour of 12 at tables of 6, 6 and 2 over 3 rounds: everyone must visit the table of
/// 2, which seats 6 visits in all.
fn tour_6_6_2() -> PlanRequest {
    let mut request = tour(3, 6, 3, 12, Travel::TopicTour);
    request.tables[2].capacity = 2;
    request
}

fn capped(mut request: PlanRequest, cap: u32) -> PlanRequest {
    request.max_meetings = Some(cap);
    request
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run_case(case: &Case) -> Result<Value, String> {
    let setup = (case.build)();
    let mut request = setup.request;
    if let Some(next) = setup.before {
        let first = plan(&request, Budget::default()).map_err(|e| e.to_string())?;
        request = next(&first, &request);
    }
    // The setup alone (checks, bounds, start) at full length: no search iteration, no stop.
    let setup_seconds = (request.participants.len() >= 1_000).then(|| {
        let started = Instant::now();
        let _ = plan(&request, Budget::iterations(0));
        (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0
    });
    let mut runs: Vec<(QualityReport, f64)> = Vec::new();
    for seed in 1..=case.seeds {
        request.seed = seed;
        let started = Instant::now();
        let deadline = started + Duration::from_secs(case.seconds);
        let stop = move || Instant::now() >= deadline;
        let budget = Budget { max_iterations: u64::MAX, stall: None, should_stop: Some(&stop) };
        match plan(&request, budget) {
            Ok(outcome) => runs.push((outcome.report, started.elapsed().as_secs_f64())),
            Err(e) => {
                // A refused request: how fast, and why.
                let seconds = started.elapsed().as_secs_f64();
                return Ok(json!({
                    "case": case.name,
                    "people": request.participants.len(),
                    "tables": request.tables.len(),
                    "rounds": request.rounds,
                    "travel": request.travel.as_str(),
                    "refused": e.code(),
                    "suggestion": e.suggestion(),
                    "seconds": (seconds * 1000.0).round() / 1000.0,
                    "time_limit": case.seconds,
                    "peak_rss_mib": peak_rss_mib(),
                }));
            }
        }
    }
    let worst =
        runs.iter().max_by_key(|(report, _)| (report.repeat_encounters, report.max_pair_meetings)).ok_or("no seeds")?;
    let report = &worst.0;
    let seconds = runs.iter().map(|r| r.1).fold(0.0, f64::max);
    Ok(json!({
        "case": case.name,
        "people": request.participants.len(),
        "tables": request.tables.len(),
        "rounds": request.rounds,
        "travel": request.travel.as_str(),
        "seeds": case.seeds,
        "repeats": report.repeat_encounters,
        "repeats_per_seed": runs.iter().map(|r| r.0.repeat_encounters).collect::<Vec<_>>(),
        "optimal_seeds": runs.iter().filter(|r| r.0.optimal).count(),
        "bound": report.lower_bound,
        "bound_method": report.lower_bound_method,
        "max_pair_meetings": report.max_pair_meetings,
        "max_pair_meetings_per_seed": runs.iter().map(|r| r.0.max_pair_meetings).collect::<Vec<_>>(),
        "pairs_meeting_repeatedly": report.pairs_meeting_repeatedly,
        "max_meetings_kept": report.max_meetings_kept,
        "size_spread": report.size_spread,
        "attribute_clashes": report.attribute_clashes,
        "moved": report.moved,
        "topics": request.tables.iter().map(TableSpec::topic_name).collect::<std::collections::BTreeSet<_>>().len(),
        "wishes": report.wishes,
        "first_choices_possible": first_choices_possible(&request),
        "iterations": report.iterations,
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "setup_seconds": setup_seconds,
        "time_limit": case.seconds,
        "peak_rss_mib": peak_rss_mib(),
    }))
}

fn peak_rss_mib() -> Option<f64> {
    peak_rss_kib().map(|k| (f64::from(u32::try_from(k / 100).unwrap_or(u32::MAX)) / 1.024).round() / 10.0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let all = cases();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        let Some(case) = args.get(i + 1).and_then(|name| all.iter().find(|c| c.name == name)) else {
            eprintln!("unknown case; known: {}", all.iter().map(|c| c.name).collect::<Vec<_>>().join(", "));
            return ExitCode::FAILURE;
        };
        return match run_case(case) {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", case.name);
                ExitCode::FAILURE
            }
        };
    }
    let Ok(me) = std::env::current_exe() else {
        eprintln!("cannot find this program's path");
        return ExitCode::FAILURE;
    };
    let only: Vec<&String> = args.iter().skip(1).collect();
    let mut results = Vec::new();
    for case in all.iter().filter(|c| only.is_empty() || only.iter().any(|o| c.name.contains(o.as_str()))) {
        let output = Command::new(&me).args(["--case", case.name]).output();
        let line = match output {
            Ok(out) if out.status.success() => serde_json::from_slice::<Value>(&out.stdout)
                .unwrap_or_else(|e| json!({ "case": case.name, "error": e.to_string() })),
            Ok(out) => json!({ "case": case.name, "error": String::from_utf8_lossy(&out.stderr).trim() }),
            Err(e) => json!({ "case": case.name, "error": e.to_string() }),
        };
        eprintln!("{line}");
        results.push(line);
    }
    match serde_json::to_string_pretty(&json!({ "planner_bench": results })) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("{e}"),
    }
    ExitCode::SUCCESS
}
