//! Rotation planning for a workshop: builds the planner's request from the setup (present
//! people, tables with hosts, rounds, travel mode, organisations to spread, pinned seats, rounds
//! already held), stores the result as seats, and reports its quality. Seats set by hand obey
//! `cafehost_core::seating`; which rounds may be re-planned is `RunState::check_replan`.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use cafehost_core::run::{AgendaStep, RunState, agenda, route_cards_to_reprint};
use cafehost_core::seating::{
    DEFAULT_MEETING_CAP, PairKind, ParticipantPair, SeatOption, SeatRefused, SeatingRules, check_meeting_cap,
};
use cafehost_core::topics::Topics;
use cafehost_core::{Attendance, ParticipantId, RoundId, Seat, TableId, TravelMode, WorkshopId, WorkshopSetup};
use cafehost_planner::{
    Absence, Budget, ParticipantSpec, Pin, PlanError, PlanRequest, QualityReport, TableSpec, Travel,
};
use cafehost_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, BackupReason, Cafehost, Result};

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

/// How the topic wishes of one rank fared: "152 of 160 got their first choice".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WishesGranted {
    /// 1 for first choices, 2 for second, 3 for third.
    pub rank: u32,
    /// People present (hosts aside) with a wish of this rank.
    pub asked: u32,
    /// Of them, those who sit at that topic in at least one round.
    pub granted: u32,
}

/// How good a seating plan is, in the numbers a moderator can judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
    /// How often two people may share a table at most (`None`: no cap), as chosen.
    pub meeting_cap: Option<u32>,
    /// Pairs who share a table more often than the cap allows (0 when it is kept).
    pub pairs_over_cap: u32,
    /// Topic wishes per rank (empty when nobody wished).
    pub wishes: Vec<WishesGranted>,
    /// Whether no seating grants more wishes (first choices first): those missed are what the
    /// topics' seats leave no room for. `false` only says it was not proven.
    pub wishes_best_possible: bool,
    /// Wishes that name neither a topic nor a table of the workshop (a typo, or a table since
    /// removed): not planned for, so the moderator can correct them.
    pub unknown_wishes: u32,
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
    /// Whose route cards the last planning made wrong, to print only theirs again
    /// (`PrintOptions::route_cards_for`): the people in `changes` who are still here, and
    /// walk-ins who had no seat before (`cafehost_core::run::route_cards_to_reprint`). Empty
    /// when `changes` is.
    pub route_cards_to_reprint: Vec<ParticipantId>,
}

/// How one round's seating changed by a re-plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoundChange {
    /// The round (0-based).
    pub round: u32,
    /// People who sit at another table than before.
    pub moved: u32,
    /// People who had no seat in this round before (e.g. latecomers).
    pub seated: u32,
    /// People who had a seat and have none now (e.g. who left).
    pub removed: u32,
    /// Who changes table, by name: what the moderator tells the room and the route cards to
    /// print again.
    pub moves: Vec<SeatMove>,
}

/// One person whose seat in a round changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeatMove {
    /// The person.
    pub participant_id: ParticipantId,
    /// The table before (`None`: had no seat, e.g. came late).
    pub from: Option<TableId>,
    /// The table now (`None`: has no seat, e.g. left).
    pub to: Option<TableId>,
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
            let mut people: Vec<ParticipantId> = was.keys().chain(is.keys()).copied().collect();
            people.sort_unstable();
            people.dedup();
            let who: Vec<SeatMove> = people
                .into_iter()
                .map(|p| SeatMove { participant_id: p, from: was.get(&p).copied(), to: is.get(&p).copied() })
                .filter(|m| m.from != m.to)
                .collect();
            (moved + seated + removed > 0).then(|| RoundChange {
                round: count(r),
                moved: count(moved),
                seated: count(seated),
                removed: count(removed),
                moves: who,
            })
        })
        .collect()
}

fn count(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// The pairs of one kind, as the planner names them.
fn pairs_of(pairs: &[ParticipantPair], kind: PairKind) -> Vec<[String; 2]> {
    pairs.iter().filter(|p| p.kind == kind).map(|p| [p.first.to_string(), p.second.to_string()]).collect()
}

/// The planner's view of one workshop, and the way back from its string ids.
struct Translation {
    request: PlanRequest,
    round_ids: Vec<RoundId>,
    tables: HashMap<String, TableId>,
    people: HashMap<String, ParticipantId>,
    /// Wishes of the people planned for that name no topic.
    unknown_wishes: u32,
}

fn is_away(attendance: Attendance) -> bool {
    matches!(attendance, Attendance::Absent | Attendance::Left)
}

fn translate(
    setup: &WorkshopSetup,
    seats: &[Seat],
    options: PlanOptions,
    cap: Option<u32>,
    pairs: &[ParticipantPair],
) -> Translation {
    let round_ids: Vec<RoundId> = setup.rounds.iter().map(|r| r.id).collect();
    let round_index: HashMap<RoundId, usize> = round_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let rounds = count(round_ids.len());
    let from = options.from_round.min(rounds);
    let travel = match setup.workshop.details.travel_mode {
        TravelMode::Free => Travel::Free,
        TravelMode::TopicTour => Travel::TopicTour,
        TravelMode::Any => Travel::Any,
    };
    let topics = Topics::of(&setup.tables);
    let tables = setup
        .tables
        .iter()
        .map(|t| TableSpec {
            id: t.id.to_string(),
            capacity: t.input.capacity,
            host: t.input.host_id.map(|h| h.to_string()),
            topic: topics.of_table(t.id).map(|topic| topic.key.clone()),
        })
        .collect();
    let hosts: Vec<ParticipantId> = setup.tables.iter().filter_map(|t| t.input.host_id).collect();
    let mut unknown_wishes = 0;
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
            // Hosts stay at their table; people who are away are not planned for.
            let mut wishes: Vec<String> = Vec::new();
            if !hosts.contains(&p.id) && !is_away(p.attendance) {
                for wish in &p.input.wishes {
                    match topics.resolve(wish) {
                        // "Wohnen" and "Tisch 3" may name one topic: it is wished once.
                        Some(topic) if !wishes.contains(&topic.key) => wishes.push(topic.key.clone()),
                        Some(_) => {}
                        None => unknown_wishes += 1,
                    }
                }
            }
            ParticipantSpec { id: p.id.to_string(), attributes, wishes }
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
            apart: pairs_of(pairs, PairKind::Apart),
            together: pairs_of(pairs, PairKind::Together),
            held,
            previous,
            seed: u64::from(options.seed),
            max_meetings: cap,
        },
        round_ids,
        tables: setup.tables.iter().map(|t| (t.id.to_string(), t.id)).collect(),
        people: setup.participants.iter().map(|p| (p.id.to_string(), p.id)).collect(),
        unknown_wishes,
    }
}

fn quality(report: &QualityReport, unseated: u32, cap: Option<u32>, unknown_wishes: u32) -> PlanQuality {
    PlanQuality {
        wishes: report
            .wishes
            .iter()
            .map(|w| WishesGranted { rank: w.rank, asked: w.asked, granted: w.granted })
            .collect(),
        wishes_best_possible: report.wishes_best_possible,
        unknown_wishes,
        meeting_cap: cap,
        pairs_over_cap: count(report.pairs_over_cap),
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

/// What a plan was computed from; a plan is only saved when this is still what is stored.
#[derive(PartialEq)]
struct PlanBasis {
    setup: WorkshopSetup,
    seats: Vec<Seat>,
    state: RunState,
    agenda: Vec<AgendaStep>,
    cap: Option<u32>,
    pairs: Vec<ParticipantPair>,
}

/// Where a workshop's meeting cap is kept (a planning choice of this laptop).
fn cap_key(workshop: WorkshopId) -> String {
    format!("meeting_cap:{workshop}")
}

/// The meeting cap chosen for a workshop: the default until the moderator chose another.
fn stored_cap(s: &Store, workshop: WorkshopId) -> Result<Option<u32>> {
    Ok(match s.setting(&cap_key(workshop))?.as_deref() {
        None => Some(DEFAULT_MEETING_CAP),
        Some("none") => None,
        Some(n) => n.parse().ok().or(Some(DEFAULT_MEETING_CAP)),
    })
}

impl PlanBasis {
    fn load(s: &mut Store, workshop: WorkshopId) -> Result<Self> {
        let setup = s.workshop_setup(workshop)?;
        let seats = s.seats(workshop)?;
        let (state, frame) = s.run_state(workshop)?;
        let agenda = agenda(&setup.rounds, frame);
        let cap = stored_cap(s, workshop)?;
        let pairs = s.pairs(workshop)?;
        Ok(Self { setup, seats, state, agenda, cap, pairs })
    }

    /// The first round that is neither held nor under way; earlier gaps are not worth a warning.
    fn open_from(&self) -> usize {
        self.state.first_open_round(&self.agenda).map_or(self.setup.rounds.len(), |r| r as usize)
    }
}

/// The rotation plan of a workshop and the seats the moderator sets by hand.
pub struct Seating<'a>(pub(crate) &'a Cafehost);

impl Seating<'_> {
    /// The stored seating plan with its quality.
    pub fn rotation_plan(&self, workshop: WorkshopId) -> Result<RotationPlan> {
        let basis = self.0.read(|s| PlanBasis::load(s, workshop))?;
        evaluate(&basis, basis.seats.clone())
    }

    /// Plans the rounds from `options.from_round` on and stores the plan; earlier rounds stay.
    /// Seats the moderator pinned stay where they are; everyone else may move, though as few as
    /// possible compared with the stored plan. Refused when a round from `from_round` on has
    /// begun (the core's rule for every re-plan).
    ///
    /// The planner works on a snapshot and holds no lock while it searches (up to a few
    /// seconds), so notes and edits go on meanwhile. The plan is saved only if nothing it was
    /// computed from changed in the meantime; otherwise it is computed once more.
    pub fn plan_rotation(&self, workshop: WorkshopId, options: PlanOptions) -> Result<RotationPlan> {
        for _ in 0..3 {
            let basis = self.0.read(|s| PlanBasis::load(s, workshop))?;
            basis
                .state
                .check_replan(&basis.agenda, options.from_round)
                .map_err(|e| AppError::RoundsLocked { first_open: e.first_open.map(|r| r + 1) })?;
            let planned = compute_plan(&basis, options)?;
            if !basis.seats.is_empty() {
                self.0.backups().before(BackupReason::Replan)?;
            }
            let from = options.from_round.min(count(basis.setup.rounds.len())) as usize;
            let round_ids: Vec<RoundId> = basis.setup.rounds.iter().map(|r| r.id).collect();
            let saved = self.0.write(|s| {
                if PlanBasis::load(s, workshop)? != basis {
                    return Ok(false);
                }
                s.replace_seats(&round_ids[from..], &planned)?;
                Ok(true)
            })?;
            if saved {
                let mut plan = self.rotation_plan(workshop)?;
                plan.changes = changes(&round_ids, &basis.seats, &plan.seats);
                let moved = plan.changes.iter().flat_map(|c| c.moves.iter().map(|m| m.participant_id));
                plan.route_cards_to_reprint = route_cards_to_reprint(&basis.setup.participants, moved, &basis.seats);
                return Ok(plan);
            }
        }
        Err(AppError::Busy)
    }

    /// How often two people may share a table at most in this workshop's plans (`None`: no cap).
    pub fn meeting_cap(&self, workshop: WorkshopId) -> Result<Option<u32>> {
        self.0.read(|s| {
            s.workshop(workshop)?;
            stored_cap(s, workshop)
        })
    }

    /// Chooses the meeting cap for the next plans (`None`: no cap); the stored plan is judged by
    /// it at once.
    pub fn set_meeting_cap(&self, workshop: WorkshopId, cap: Option<u32>) -> Result<RotationPlan> {
        let cap = check_meeting_cap(cap)?;
        let value = cap.map_or_else(|| "none".to_owned(), |n| n.to_string());
        self.0.write(|s| {
            s.workshop(workshop)?;
            Ok(s.set_setting(&cap_key(workshop), &value)?)
        })?;
        self.rotation_plan(workshop)
    }

    /// The pairs the planner keeps apart or together in this workshop.
    pub fn pairs(&self, workshop: WorkshopId) -> Result<Vec<ParticipantPair>> {
        self.0.read(|s| {
            s.workshop(workshop)?;
            Ok(s.pairs(workshop)?)
        })
    }

    /// Asks the planner to keep two people of the workshop apart or together (`None`: neither
    /// any more), for the next plans; answers the workshop's pairs.
    pub fn set_pair(
        &self,
        first: ParticipantId,
        second: ParticipantId,
        kind: Option<PairKind>,
    ) -> Result<Vec<ParticipantPair>> {
        let pair = ParticipantPair::new(first, second, kind.unwrap_or(PairKind::Apart))?;
        self.0.write(|s| {
            let workshop = s.participant(first)?.workshop_id;
            if s.participant(second)?.workshop_id != workshop {
                return Err(AppError::NotFound { entity: "participant" });
            }
            match kind {
                Some(_) => s.set_pair(&pair)?,
                None => s.remove_pair(first, second)?,
            }
            Ok(s.pairs(workshop)?)
        })
    }

    /// For each table, whether `person` may be moved there in `round`, and why not (the core's
    /// hand-seat rules), for the seating grid.
    pub fn seat_options(&self, round: RoundId, person: ParticipantId) -> Result<Vec<SeatOption>> {
        self.0.read(|s| Ok(SeatingFacts::of_round(s, round)?.rules().options(round, person)))
    }

    /// Swaps the tables of two people in one round and pins both seats. Refused when the core's
    /// hand-seat rules forbid either move.
    pub fn swap_seats(&self, round: RoundId, first: ParticipantId, second: ParticipantId) -> Result<RotationPlan> {
        let workshop = self.0.write(|s| {
            let facts = SeatingFacts::of_round(s, round)?;
            let (a, b) = facts.rules().check_swap(round, first, second).map_err(seat_refused)?;
            s.set_seats(&[
                Seat { table_id: b.table_id, pinned: true, ..a },
                Seat { table_id: a.table_id, pinned: true, ..b },
            ])?;
            Ok(facts.workshop)
        })?;
        self.rotation_plan(workshop)
    }

    /// Moves one person to another table in one round and pins them there, so a re-plan keeps
    /// the seat; with `pinned == false` the seat is released for the planner again. Refused when
    /// the core's hand-seat rules forbid it.
    pub fn set_seat(&self, seat: Seat) -> Result<RotationPlan> {
        let workshop = self.0.write(|s| {
            let round = s.round(seat.round_id)?;
            let table = s.table(seat.table_id)?;
            let person = s.participant(seat.participant_id)?;
            if table.workshop_id != round.workshop_id || person.workshop_id != round.workshop_id {
                return Err(AppError::NotFound { entity: "seat" });
            }
            let facts = SeatingFacts::of_round(s, seat.round_id)?;
            facts.rules().check_move(&seat).map_err(seat_refused)?;
            s.set_seat(&seat)?;
            Ok(facts.workshop)
        })?;
        self.rotation_plan(workshop)
    }
}

/// What the hand-seat rules look at, for the workshop a round belongs to.
struct SeatingFacts {
    workshop: WorkshopId,
    travel: TravelMode,
    tables: Vec<cafehost_core::CafeTable>,
    seats: Vec<Seat>,
}

impl SeatingFacts {
    fn of_round(s: &Store, round: RoundId) -> Result<Self> {
        let round = s.round(round)?;
        Ok(Self {
            workshop: round.workshop_id,
            travel: s.workshop(round.workshop_id)?.details.travel_mode,
            tables: s.tables(round.workshop_id)?,
            seats: s.seats(round.workshop_id)?,
        })
    }

    fn rules(&self) -> SeatingRules<'_> {
        SeatingRules { tables: &self.tables, seats: &self.seats, travel: self.travel }
    }
}

fn seat_refused(e: SeatRefused) -> AppError {
    match e {
        SeatRefused::Rule { reason, table } => AppError::SeatRefused { code: reason.code(), table },
        SeatRefused::UnknownTable => AppError::NotFound { entity: "table" },
        SeatRefused::NoSeat => AppError::NotFound { entity: "seat" },
    }
}

/// Runs the planner on a snapshot (no lock held) and returns the seats of the planned rounds.
fn compute_plan(basis: &PlanBasis, options: PlanOptions) -> Result<Vec<Seat>> {
    let t = translate(&basis.setup, &basis.seats, options, basis.cap, &basis.pairs);
    let deadline = Instant::now() + TIME_LIMIT;
    let stop = || Instant::now() >= deadline;
    let outcome = cafehost_planner::plan(&t.request, Budget::default().with_stop(&stop))
        .map_err(|e| plan_error(&e, &basis.setup))?;
    let from = options.from_round.min(count(t.round_ids.len())) as usize;
    let pinned: Vec<(RoundId, ParticipantId)> =
        basis.seats.iter().filter(|s| s.pinned).map(|s| (s.round_id, s.participant_id)).collect();
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
    Ok(planned)
}

fn evaluate(basis: &PlanBasis, seats: Vec<Seat>) -> Result<RotationPlan> {
    let (setup, open_from, cap) = (&basis.setup, basis.open_from(), basis.cap);
    if seats.is_empty() {
        return Ok(RotationPlan { seats, quality: None, changes: Vec::new(), route_cards_to_reprint: Vec::new() });
    }
    let t = translate(setup, &seats, PlanOptions::default(), cap, &basis.pairs);
    let stored = t.request.previous.clone();
    let seated: std::collections::HashSet<(RoundId, ParticipantId)> =
        seats.iter().map(|s| (s.round_id, s.participant_id)).collect();
    let present = setup.participants.iter().filter(|p| !is_away(p.attendance));
    let unseated = present
        .flat_map(|p| t.round_ids.iter().skip(open_from).map(move |r| (*r, p.id)))
        .filter(|key| !seated.contains(key))
        .count();
    let report = cafehost_planner::evaluate(&t.request, &stored).map_err(|e| plan_error(&e, setup))?;
    Ok(RotationPlan {
        seats,
        quality: Some(quality(&report, count(unseated), cap, t.unknown_wishes)),
        changes: Vec::new(),
        route_cards_to_reprint: Vec::new(),
    })
}
