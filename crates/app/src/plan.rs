//! Rotation planning for a workshop: builds the planner's request from the setup (present
//! people, tables with hosts, rounds, travel mode, organisations to spread, pinned seats, rounds
//! already held), stores the result as seats, and reports its quality.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use cafehost_core::{
    Attendance, CafeTable, ParticipantId, RoundId, Seat, TableId, TravelMode, WorkshopId, WorkshopSetup,
};
use cafehost_planner::{
    Absence, Budget, ParticipantSpec, Pin, PlanError, PlanRequest, QualityReport, TableSpec, Travel,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Cafehost, Result};

/// The attribute whose values the planner spreads across the tables.
const SPREAD_BY: &str = "organisation";
/// How long the planner may search in the app; it returns its best plan when the time is up.
const TIME_LIMIT: Duration = Duration::from_secs(3);

/// What to plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanOptions {
    /// Rounds before this one (0-based) are held and stay as they are; 0 plans all rounds.
    pub from_round: u32,
    /// Another seed gives another plan of the same quality.
    pub seed: u32,
}

/// How good a seating plan is, in the numbers a moderator can judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanQuality {
    /// Extra meetings: per pair, the rounds they share a table minus one, summed.
    pub repeat_encounters: u32,
    /// No plan can have fewer repeat encounters than this (proven by counting).
    pub lower_bound: u32,
    /// Pairs who meet more than once.
    pub pairs_meeting_repeatedly: u32,
    /// The most rounds any pair shares a table.
    pub max_pair_meetings: u32,
    /// The largest difference between table sizes within one round.
    pub size_spread: u32,
    /// People above the fair share of their organisation at their table.
    pub organisation_clashes: u32,
    /// Travellers who sit at a table a second time (only counted where the travel mode forbids it).
    pub table_revisits: u32,
    /// People present but without a seat in a round that has not started yet.
    pub unseated: u32,
}

/// A workshop's seating plan and its quality (`None` while nobody is seated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RotationPlan {
    /// Every seat, by round.
    pub seats: Vec<Seat>,
    /// How good the plan is.
    pub quality: Option<PlanQuality>,
    /// What the last planning changed against the plan before it, per round (empty when the
    /// plan was only loaded, or when it was the first plan).
    pub changes: Vec<RoundChange>,
}

/// How one round's seating changed by a re-plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoundChange {
    /// The round (0-based).
    pub round: u32,
    /// People who sit at another table than before.
    pub moved: u32,
    /// People who had no seat in this round before (e.g. latecomers).
    pub seated: u32,
    /// People who had a seat and have none now (e.g. who left).
    pub removed: u32,
}

/// Per round, who moved, who was added and who was taken out between two seatings.
fn changes(round_ids: &[RoundId], before: &[Seat], after: &[Seat]) -> Vec<RoundChange> {
    if before.is_empty() {
        return Vec::new();
    }
    let index = |seats: &[Seat]| -> HashMap<(RoundId, ParticipantId), TableId> {
        seats.iter().map(|s| ((s.round_id, s.participant_id), s.table_id)).collect()
    };
    let (old, new) = (index(before), index(after));
    round_ids
        .iter()
        .enumerate()
        .filter_map(|(r, round)| {
            let in_round = |m: &HashMap<(RoundId, ParticipantId), TableId>| {
                m.iter().filter(|((rid, _), _)| rid == round).map(|((_, p), t)| (*p, *t)).collect::<HashMap<_, _>>()
            };
            let (was, is) = (in_round(&old), in_round(&new));
            let moved = is.iter().filter(|(p, t)| was.get(p).is_some_and(|w| w != *t)).count();
            let seated = is.keys().filter(|p| !was.contains_key(p)).count();
            let removed = was.keys().filter(|p| !is.contains_key(p)).count();
            (moved + seated + removed > 0).then(|| RoundChange {
                round: count(r),
                moved: count(moved),
                seated: count(seated),
                removed: count(removed),
            })
        })
        .collect()
}

fn count(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// The planner's view of one workshop, and the way back from its string ids.
struct Translation {
    request: PlanRequest,
    round_ids: Vec<RoundId>,
    tables: HashMap<String, TableId>,
    people: HashMap<String, ParticipantId>,
}

fn is_away(attendance: Attendance) -> bool {
    matches!(attendance, Attendance::Absent | Attendance::Left)
}

fn translate(setup: &WorkshopSetup, seats: &[Seat], options: PlanOptions) -> Translation {
    let round_ids: Vec<RoundId> = setup.rounds.iter().map(|r| r.id).collect();
    let round_index: HashMap<RoundId, usize> = round_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let rounds = count(round_ids.len());
    let from = options.from_round.min(rounds);
    let travel = match setup.workshop.details.travel_mode {
        TravelMode::Free => Travel::Free,
        TravelMode::TopicTour => Travel::TopicTour,
        TravelMode::Any => Travel::Any,
    };
    let tables = setup
        .tables
        .iter()
        .map(|t| TableSpec {
            id: t.id.to_string(),
            capacity: t.input.capacity,
            host: t.input.host_id.map(|h| h.to_string()),
        })
        .collect();
    let participants = setup
        .participants
        .iter()
        .map(|p| {
            let organisation = p.input.organisation.trim();
            let attributes = if organisation.is_empty() {
                BTreeMap::new()
            } else {
                BTreeMap::from([(SPREAD_BY.to_owned(), organisation.to_lowercase())])
            };
            ParticipantSpec { id: p.id.to_string(), attributes }
        })
        .collect();
    let absent = setup
        .participants
        .iter()
        .filter(|p| is_away(p.attendance))
        .map(|p| Absence { participant: p.id.to_string(), rounds: Some((from..rounds).collect()) })
        .collect();
    let away: Vec<ParticipantId> = setup.participants.iter().filter(|p| is_away(p.attendance)).map(|p| p.id).collect();

    let mut by_round: Vec<BTreeMap<String, Vec<String>>> = vec![BTreeMap::new(); round_ids.len()];
    let mut pinned = Vec::new();
    for seat in seats {
        let Some(&r) = round_index.get(&seat.round_id) else { continue };
        by_round[r].entry(seat.table_id.to_string()).or_default().push(seat.participant_id.to_string());
        if seat.pinned && count(r) >= from && !away.contains(&seat.participant_id) {
            pinned.push(Pin {
                participant: seat.participant_id.to_string(),
                round: count(r),
                table: seat.table_id.to_string(),
            });
        }
    }
    let held = by_round.iter().take(from as usize).cloned().collect();
    let previous = if seats.is_empty() { Vec::new() } else { by_round };

    Translation {
        request: PlanRequest {
            rounds,
            travel,
            tables,
            participants,
            spread: vec![SPREAD_BY.to_owned()],
            absent,
            pinned,
            apart: Vec::new(),
            together: Vec::new(),
            held,
            previous,
            seed: u64::from(options.seed),
        },
        round_ids,
        tables: setup.tables.iter().map(|t| (t.id.to_string(), t.id)).collect(),
        people: setup.participants.iter().map(|p| (p.id.to_string(), p.id)).collect(),
    }
}

fn quality(report: &QualityReport, unseated: u32) -> PlanQuality {
    PlanQuality {
        repeat_encounters: count(report.repeat_encounters),
        lower_bound: count(report.lower_bound),
        pairs_meeting_repeatedly: count(report.pairs_meeting_repeatedly),
        max_pair_meetings: report.max_pair_meetings,
        size_spread: report.size_spread,
        organisation_clashes: count(report.attribute_clashes),
        table_revisits: count(report.table_revisits),
        unseated,
    }
}

/// Names instead of ids, and rounds counted from 1, for the message the user reads.
fn plan_error(error: &PlanError, setup: &WorkshopSetup) -> AppError {
    let names: HashMap<String, String> = setup
        .participants
        .iter()
        .map(|p| (p.id.to_string(), format!("{} {}", p.input.first_name, p.input.last_name).trim().to_owned()))
        .chain(setup.tables.iter().map(|t| (t.id.to_string(), t.input.number.to_string())))
        .collect();
    let round_keys: &[&str] =
        if matches!(error, PlanError::PinRevisit { .. }) { &["round", "first", "second"] } else { &["round"] };
    let params = error
        .params()
        .into_iter()
        .map(|(key, value)| {
            let text = match value {
                serde_json::Value::String(s) => names.get(&s).cloned().unwrap_or(s),
                serde_json::Value::Number(n) if round_keys.contains(&key.as_str()) => {
                    n.as_u64().map_or_else(|| n.to_string(), |r| (r + 1).to_string())
                }
                other => other.to_string(),
            };
            (key, text)
        })
        .collect();
    // Codes the app's own requests cannot cause are bugs, reported as one internal code.
    let code = AppError::ALL_CODES.iter().copied().find(|c| *c == error.code()).unwrap_or("planner.internal");
    AppError::Plan { code, params, detail: error.to_string() }
}

impl Cafehost {
    /// The stored seating plan with its quality.
    pub fn rotation_plan(&mut self, workshop: WorkshopId) -> Result<RotationPlan> {
        let setup = self.store.workshop_setup(workshop)?;
        let seats = self.store.seats(workshop)?;
        // Rounds held or under way can no longer seat anyone; only later gaps are worth a warning.
        let (state, frame) = self.store.run_state(workshop)?;
        let open_from = state
            .first_open_round(&cafehost_core::run::agenda(&setup.rounds, frame))
            .map_or(setup.rounds.len(), |r| r as usize);
        evaluate(&setup, seats, open_from)
    }

    /// Plans the rounds from `options.from_round` on and stores the plan; earlier rounds stay.
    /// Seats the moderator pinned stay where they are; everyone else may move, though as few as
    /// possible compared with the stored plan.
    pub fn plan_rotation(&mut self, workshop: WorkshopId, options: PlanOptions) -> Result<RotationPlan> {
        let setup = self.store.workshop_setup(workshop)?;
        let seats = self.store.seats(workshop)?;
        let t = translate(&setup, &seats, options);
        let deadline = Instant::now() + TIME_LIMIT;
        let stop = || Instant::now() >= deadline;
        let outcome = cafehost_planner::plan(&t.request, Budget::default().with_stop(&stop))
            .map_err(|e| plan_error(&e, &setup))?;
        let from = options.from_round.min(count(t.round_ids.len())) as usize;
        let pinned: Vec<(RoundId, ParticipantId)> =
            seats.iter().filter(|s| s.pinned).map(|s| (s.round_id, s.participant_id)).collect();
        let mut planned = Vec::new();
        for (r, seating) in outcome.rounds.iter().enumerate().skip(from) {
            let round_id = t.round_ids[r];
            for (table, people) in seating {
                let Some(&table_id) = t.tables.get(table) else { continue };
                for person in people {
                    let Some(&participant_id) = t.people.get(person) else { continue };
                    let pinned = pinned.contains(&(round_id, participant_id));
                    planned.push(Seat { round_id, participant_id, table_id, pinned });
                }
            }
        }
        self.store.replace_seats(&t.round_ids[from..], &planned)?;
        let mut plan = self.rotation_plan(workshop)?;
        plan.changes = changes(&t.round_ids, &seats, &plan.seats);
        Ok(plan)
    }

    /// Swaps the tables of two people in one round and pins both seats. Refused when the travel
    /// mode forbids a second visit and either sat at the other's table before.
    pub fn swap_seats(&mut self, round: RoundId, first: ParticipantId, second: ParticipantId) -> Result<RotationPlan> {
        let round = self.store.round(round)?;
        let workshop = self.store.workshop(round.workshop_id)?;
        let seats = self.store.seats(round.workshop_id)?;
        let seat_of = |p: ParticipantId| {
            seats
                .iter()
                .find(|s| s.round_id == round.id && s.participant_id == p)
                .copied()
                .ok_or(AppError::NotFound { entity: "seat" })
        };
        let (a, b) = (seat_of(first)?, seat_of(second)?);
        let tables = self.store.workshop_setup(round.workshop_id)?.tables;
        for (person, to) in [(a.participant_id, b.table_id), (b.participant_id, a.table_id)] {
            check_hand_seat(&tables, &seats, workshop.details.travel_mode, Seat { table_id: to, ..seat_of(person)? })?;
        }
        self.store.set_seats(&[
            Seat { table_id: b.table_id, pinned: true, ..a },
            Seat { table_id: a.table_id, pinned: true, ..b },
        ])?;
        self.rotation_plan(round.workshop_id)
    }

    /// Moves one person to another table in one round and pins them there, so a re-plan keeps
    /// the seat; with `pinned == false` the seat is released for the planner again. Refused when
    /// the table is full, or when the travel mode forbids a second visit and they sat there before.
    pub fn set_seat(&mut self, seat: Seat) -> Result<RotationPlan> {
        let round = self.store.round(seat.round_id)?;
        let table = self.store.table(seat.table_id)?;
        let person = self.store.participant(seat.participant_id)?;
        if table.workshop_id != round.workshop_id || person.workshop_id != round.workshop_id {
            return Err(AppError::NotFound { entity: "seat" });
        }
        let workshop = self.store.workshop(round.workshop_id)?;
        let seats = self.store.seats(round.workshop_id)?;
        let others_there = seats
            .iter()
            .filter(|s| {
                s.round_id == seat.round_id && s.table_id == seat.table_id && s.participant_id != seat.participant_id
            })
            .count();
        if count(others_there) >= table.input.capacity {
            return Err(AppError::SeatRefused { code: "seat.table_full", table: table.input.number });
        }
        let tables = self.store.workshop_setup(round.workshop_id)?.tables;
        check_hand_seat(&tables, &seats, workshop.details.travel_mode, seat)?;
        self.store.set_seat(&seat)?;
        self.rotation_plan(round.workshop_id)
    }
}

/// The rules a seat set by hand must keep (the planner keeps them for its own seats): a host
/// stays at their table, and where the travel mode forbids it nobody returns to a table they
/// sat at in another round.
fn check_hand_seat(tables: &[CafeTable], seats: &[Seat], travel: TravelMode, seat: Seat) -> Result<()> {
    let table = tables.iter().find(|t| t.id == seat.table_id).ok_or(AppError::NotFound { entity: "table" })?;
    let refused = |code| Err(AppError::SeatRefused { code, table: table.input.number });
    if tables.iter().any(|t| t.input.host_id == Some(seat.participant_id) && t.id != seat.table_id) {
        return refused("seat.host");
    }
    let returns = seats
        .iter()
        .any(|s| s.participant_id == seat.participant_id && s.table_id == seat.table_id && s.round_id != seat.round_id);
    let is_host = table.input.host_id == Some(seat.participant_id);
    if returns && !is_host && travel != TravelMode::Any {
        return refused("seat.revisit");
    }
    Ok(())
}

fn evaluate(setup: &WorkshopSetup, seats: Vec<Seat>, open_from: usize) -> Result<RotationPlan> {
    if seats.is_empty() {
        return Ok(RotationPlan { seats, quality: None, changes: Vec::new() });
    }
    let t = translate(setup, &seats, PlanOptions::default());
    let stored = t.request.previous.clone();
    let seated: std::collections::HashSet<(RoundId, ParticipantId)> =
        seats.iter().map(|s| (s.round_id, s.participant_id)).collect();
    let present = setup.participants.iter().filter(|p| !is_away(p.attendance));
    let unseated = present
        .flat_map(|p| t.round_ids.iter().skip(open_from).map(move |r| (*r, p.id)))
        .filter(|key| !seated.contains(key))
        .count();
    let report = cafehost_planner::evaluate(&t.request, &stored).map_err(|e| plan_error(&e, setup))?;
    Ok(RotationPlan { seats, quality: Some(quality(&report, count(unseated))), changes: Vec::new() })
}
