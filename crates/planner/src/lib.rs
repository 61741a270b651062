//! Rotation planning for World Café rounds: who sits at which table in which round.
//!
//! [`plan`] takes a [`PlanRequest`] (tables and their topics, participants and their topic
//! wishes, rounds, travel mode, pins, keep-apart and keep-together pairs, absences, rounds already
//! held, a previous plan and a seed) and
//! returns a [`PlanOutcome`]: every round's seating and a [`QualityReport`]. It never returns a
//! plan that breaks a hard rule; when the input makes one impossible it returns a [`PlanError`]
//! that names the rule, its numbers and, where there is one, the way out.
//!
//! The crate is pure: no files, no clock. The caller bounds the work with a [`Budget`] (a number
//! of iterations and, if it likes, a `should_stop` callback that may read a clock).
//!
//! # Topics
//!
//! Every table has a topic: [`TableSpec::topic`], or else its own id. Tables that share a topic
//! are parallel copies of it (a big café runs a popular topic at two or three tables). The travel
//! rule and the wishes speak of topics: a traveller who sat at one table of "Wohnen" never sits
//! at another, a full tour visits every topic once (as many rounds as topics), and a wish for
//! "Wohnen" is granted at any of its tables. Moving between two tables of one topic within a
//! round never breaks the travel rule.
//!
//! # Rules
//!
//! Hard, never broken: everyone present is seated exactly once per round; capacities hold; a
//! table's host sits at that table in every round they are there; in travel modes `free` and
//! `topic-tour` no traveller sits at a table of the same topic twice; pins hold; keep-apart pairs
//! never share a table; held rounds are returned exactly as held.
//!
//! Soft, in this order (the weights in [`search`](crate) make the order lexicographic in
//! practice: one repeat encounter outweighs any realistic amount of the others):
//! 1. **repeat encounters** — for each pair, the rounds in which they share a table minus one,
//!    summed over the pairs that meet (weight 10,000 each); pairs asked to sit together are not
//!    counted. A pair's third and later meetings cost a little more each (500 × (m − 2) for the
//!    m-th), so unavoidable repeats are shared out rather than piled on one pair;
//! 2. **wishes** — a participant's [`ParticipantSpec::wishes`] not granted (no round at a table
//!    of that topic): 4,000 for a first choice, 2,000 for a second, 1,000 for a third; later
//!    wishes are reported but not pursued, and hosts' wishes do not count (they stay). A first
//!    choice outweighs a second and a third together, and one person's three wishes together
//!    weigh less than one repeat: the search never makes a pair meet again to grant one
//!    person's wishes, but it does for three first choices. In a café with more topics than
//!    rounds this grants nearly every first choice the seats allow with no more repeats (see the
//!    benchmark in the README);
//! 3. **balance** — the sum of squared table sizes per round (weight 100 per unit), smallest when
//!    the sizes differ by at most one within the capacities;
//! 4. **spread** — per attribute named in `spread`, people above the fair share of their value at
//!    their table (fair share: the people with that value in the round divided by the number of
//!    tables, rounded up; weight 30 each) and keep-together pairs seated apart (30 per round);
//! 5. **moves** — people seated elsewhere than in the previous plan (weight 1 each).
//!
//! # Method
//!
//! 1. *Checks.* Everything that can be refused without searching is refused first with its own
//!    error code: unknown or duplicate ids, hosts, pins against hosts, held seats, absences or
//!    each other (a pin at a topic the traveller already sat at, in a pinned or held round, is
//!    refused too), too many people for the seats, too many rounds for the topics in `free` and
//!    `topic-tour`, keep-apart pairs fixed at one table, wishes for unknown topics or for one
//!    topic twice.
//! 2. *Constructive start.* Where tables are interchangeable groups and nothing else tells people
//!    apart (travel `any`, no hosts, pins, pairs, absences or held rounds) and the number of tables
//!    `q` is a prime or a power of two with groups no larger than `q`, the first `q` rounds come
//!    from an affine design over the field GF(q) (person `(a, b)` sits at table `b + w·a` in round
//!    `w`; no pair meets twice), plus one round of rows when the groups divide `q` — this alone
//!    solves e.g. the Social Golfer instance 8-4-9. 32 people in fours have a design of their own
//!    with ten rounds (`design::golfers_32_in_fours`: 8-4-10, which no extension of the affine
//!    nine reaches). Cafés with no revisits and more travellers than pairs of different tables
//!    (so every pair of rounds must seat some pairs together again) start from cohorts
//!    (`design::cohort_rounds`): for three rounds the tours `(a, b, L[a][b])` of an idempotent
//!    Latin square `L`, for more rounds (at most as many as tables, a field of their number) the
//!    lines of the affine plane; evenly filled. People of different cohorts meet at most once,
//!    and the repeats, paid by pairs meeting in every round, are at the round-pairs bound (plain
//!    requests only: no pins, absences, pairs, wishes, shared topics, or a cap below the rounds).
//!    The other rounds start greedily:
//!    round by round: held and fixed seats, then previous seats where they still
//!    fit (re-planning), then everyone else in random order at the table where they add the
//!    least cost (fewest people met before, a wished topic not yet granted, smallest table, fair
//!    share of their attribute). Wishes also tell people apart, so they turn the design start
//!    off.
//!    Only the people someone met and their keep-apart partners make a table cost more, so those
//!    are visited rather than every table's members (the start stays fast at 500 tables). With
//!    no revisits, a person the start had to send back to a topic is moved along the shortest
//!    chain of people to a free seat, each to a table of a topic new to them or another table of
//!    the topic they are at (an augmenting path). Once the
//!    stop function fires, the start still finishes (a plan is needed) but looks at a random
//!    48 tables per person.
//! 3. *Tabu search* in the style of Dotú and Van Hentenryck's search for the Social Golfer
//!    Problem. A pair-meeting matrix, per-person table visits and per-table attribute counts are
//!    kept up to date (visits per person and topic, which also tell which wishes are granted),
//!    so the cost change of a move is computed in time proportional to the two tables' sizes.
//!    Each iteration collects the seats in conflict (in a repeat, a clash, a broken rule, a split
//!    pair, moved from the previous plan, at an oversized table, or of a person with a wish not
//!    granted), samples
//!    at most 48 of them, and evaluates for each every swap with a movable person at another
//!    table of the same round and every move to a table with a free seat (with more than 48
//!    tables, at a random 48 of them, so an iteration costs the same at 500 tables as at 50); it
//!    takes the best move that is not tabu (moving someone back to the table they just left is
//!    tabu for a random 4 to 16 + tables iterations), unless the move gives a new best plan
//!    (aspiration). After a stall it restarts from the best plan with a few random swaps.
//!    Where a swap would send someone back to a topic (travel `free`/`topic-tour`, above all in
//!    full tours), the two swap their tables in every round of the Kempe chain that keeps the
//!    topics each of them visits (two rounds: the traveller trades the topics of two rounds and a
//!    partner makes the opposite trade); its cost change is computed without moving anyone. A
//!    swap or move between two tables of one topic never sends anyone back. A chain through
//!    every round is skipped (it only swaps who is who). With no revisits a traveller may also
//!    trade the tables of two of their rounds (the topics they visit stay the same, only the
//!    tour's order changes: in a full tour the one move of a single person),
//!    half of the sample comes from the hot seats (a broken rule, or a table-mate met three
//!    times or more), and a seat just moved is tabu whatever the table (else the search cycles
//!    through moves that only shift balance and spread and never leaves a valley of repeats).
//!    After a few kicks without a better plan, the planned rounds start afresh from the greedy
//!    start (the best plan is kept).
//! 4. *Stop* as soon as the plan is at the lower bound with no hard rule broken (and the cap on
//!    meetings kept) and the lower-ranked terms stop improving for a short polish (or reach their
//!    floor; while wishes that some plan could still grant are missed, the polish is as long as
//!    a stall), or when the budget ends. Which wishes no plan can grant is counted per topic: a
//!    topic has as many places as its tables' free seats over the rounds (seats not held,
//!    pinned or a host's), and at best it grants its heaviest requests; a wish at a topic its
//!    person has a fixed seat at is granted anyway. Leaving out that a person sits at one
//!    table a round only makes this floor lower, so it stays below every plan (a property test
//!    compares it with an exhaustive search); it is exact when everyone has a free round for
//!    each wish.
//!
//! # Lower bound
//!
//! The report's `lower_bound` is the largest of these counting arguments, each valid for every
//! plan that keeps the capacities, fixed seats, keep-apart pairs and the travel rule:
//! - *pair counting*: in each planned round, the fewest pairs that can share tables (people
//!   poured into the emptiest table with room, which minimises the sum of `s(s-1)/2` over table
//!   sizes `s`), plus the pairs of held rounds, minus the number of pairs that can meet at all
//!   (a keep-together pair may meet once per round without a repeat; a keep-apart pair or two
//!   hosts never meet). Every meeting beyond what the pairs can absorb is a repeat;
//! - *per participant*: the people each one must meet (the smallest table they can sit at, per
//!   round) minus the people they can meet, summed and halved (each repeat involves two people);
//! - *pigeonhole* (travel-aware): for rounds `r1 < r2`, let `n[i][j]` be the people at table `i`
//!   in `r1` and `j` in `r2`; the pairs in the cells met twice. A cell holds at most what table
//!   `i` takes in `r1` (seats less hosts and fixed people; in a held round the people there), a
//!   column at most what table `j` takes in `r2`, and with no revisits `n[i][j] = 0` whenever `i`
//!   and `j` share a topic (travellers coming to a table come from the tables of other topics;
//!   hosts, who stay, then meet nobody twice and are left out, and so is a host who sat at
//!   another table of their topic in a held round). The cheapest filling of this convex
//!   separable problem is exact and cheap;
//!   less the keep-together pairs, it is `L(r1, r2)`. Each such pair is a repeat in `r2`, so the
//!   best `r1` per `r2`, summed over `r2`, is a bound;
//! - *round pairs*: summed over all `r1 < r2`, `L` counts `m(m-1)/2` per pair meeting `m` times,
//!   which is at most `(m-1)·c/2` if no pair meets more than `c` times: repeats are at least
//!   `⌈2·ΣL / c⌉`, with `c` the number of rounds, or, for the plans that keep the cap on meetings,
//!   the cap (with a cap of 2 every pair of rounds' forced pairs is a repeat).
//!
//! The report gives the cap's bound when the plan keeps the cap, else the plain one.
//!
//! The first two do not use the travel rule; the last two use it only through the topics, so
//! they hold with shared topics.
//!
//! Example: 20 people, 4 tables of 5, 6 rounds, travel `any`: 6 × 4 × 10 = 240 meetings but only
//! 190 pairs, so at least 50 repeat encounters. 12 people touring 3 tables of 4 in 3 rounds: each
//! table's 4 newcomers come from the 2 other tables, so at least 2 of them met before: 6 per round
//! from round 1, 12 in all, which a plan reaches. 12 people at two topics of two tables of 3 for
//! 2 rounds: each table's 3 newcomers come from the other topic's 2 tables: 4 repeats, reached.
//!
//! # Limits
//!
//! At most 5,000 participants ([`PlanError::TooManyParticipants`]) and 200 rounds; seat totals
//! are summed in 64 bits. Memory: two `p × p` byte matrices (pair kinds and meeting counts) plus
//! per-round arrays, so about 50 MB at 5,000 people (the cap on participants is what bounds it).
//! Before searching, a tour the tables cannot take (distinct topics for every traveller with the
//! seats their tables have) is refused at once with [`PlanError::TourTooTight`] and the seats or
//! rounds that would make it fit. It counts the topics a traveller already sat at in held rounds
//! (a maximum flow from the travellers through the topics each may still visit to the topics'
//! places), so a re-plan those make impossible is refused at once too. The setup polls the stop
//! function too: once it fires, the bounds not
//! yet finished are left out or cut short (what is left is still a bound) and the start takes its
//! quick form, so a time limit holds at 5,000 people.

mod bound;
mod design;
mod error;
mod evaluate;
mod instance;
mod model;
mod report;
mod rng;
mod search;

pub use error::PlanError;
pub use evaluate::evaluate;
pub use model::{
    Absence, BoundMethod, ParticipantSpec, Pin, PlanOutcome, PlanRequest, QualityReport, RoundSeating, TableSpec,
    Travel, WishCount,
};

/// How much work the planner may do.
///
/// The search is *anytime*: whenever it stops, it returns the best plan found so far. With the
/// same request, seed and `max_iterations` (and a `should_stop` that never fires) the plan is
/// always the same.
#[derive(Clone, Copy)]
pub struct Budget<'a> {
    /// The most search iterations (one move each).
    pub max_iterations: u64,
    /// Iterations without a better plan before the search restarts from its best plan; `None`
    /// chooses from the size of the instance.
    pub stall: Option<u64>,
    /// Polled before every search iteration and, every few dozen people, during the setup (the
    /// bounds and the start); the planner stops when it returns `true` (e.g. a deadline) and
    /// returns the best plan so far. At thousands of people one iteration takes milliseconds and
    /// the setup a few hundred, so a coarser poll would overrun a short limit.
    pub should_stop: Option<&'a dyn Fn() -> bool>,
}

impl std::fmt::Debug for Budget<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("max_iterations", &self.max_iterations)
            .field("stall", &self.stall)
            .field("should_stop", &self.should_stop.is_some())
            .finish()
    }
}

impl Default for Budget<'_> {
    /// One million iterations, no callback.
    fn default() -> Self {
        Budget { max_iterations: 1_000_000, stall: None, should_stop: None }
    }
}

impl<'a> Budget<'a> {
    /// At most `max_iterations` iterations.
    pub fn iterations(max_iterations: u64) -> Self {
        Budget { max_iterations, ..Budget::default() }
    }

    /// Also stop when `should_stop` returns `true` (see [`Budget::should_stop`]).
    #[must_use]
    pub fn with_stop(self, should_stop: &'a dyn Fn() -> bool) -> Self {
        Budget { should_stop: Some(should_stop), ..self }
    }
}

/// Every lower bound of `request`, for tests: pair counting, per participant, pigeonhole and
/// round pairs (all valid for every plan that keeps the hard rules), then the round pairs for
/// the plans that also keep the cap on meetings.
#[doc(hidden)]
pub fn all_bounds(request: &PlanRequest) -> Result<[(u64, BoundMethod); 5], PlanError> {
    Ok(bound::lower_bound(&instance::build(request)?, &|| false).each)
}

/// The weighted wishes (4,000 a first choice, 2,000 a second, 1,000 a third) that no plan of
/// `request` can grant, for tests: the planner stops polishing once its plan is there.
#[doc(hidden)]
pub fn wish_floor(request: &PlanRequest) -> Result<i64, PlanError> {
    Ok(bound::wish_floor(&instance::build(request)?, &search::W_WISH))
}

/// Plans every round of `request` within `budget`.
///
/// Held rounds are returned as held; the others are planned. Fails with a [`PlanError`] when a
/// hard rule cannot hold, either found by the checks before the search or (rarely, for very
/// tight instances) still broken by the best plan when the budget ends.
pub fn plan(request: &PlanRequest, budget: Budget<'_>) -> Result<PlanOutcome, PlanError> {
    let inst = instance::build(request)?;
    // The setup polls the stop function too: at thousands of people it takes a good part of a
    // short time limit.
    let stop = budget.should_stop.unwrap_or(&|| false);
    let bounds = bound::lower_bound(&inst, stop);
    let mut search = search::Search::new(&inst);
    search.construct(stop);
    let repeats = |b: u64| i64::try_from(b).unwrap_or(i64::MAX / 4);
    let squares = i64::try_from(bound::min_square_sum(&inst)).unwrap_or(i64::MAX / 4);
    let wishes = bound::wish_floor(&inst, &search::W_WISH);
    let targets = search::Targets {
        repeats_capped: repeats(bounds.capped.0),
        repeats_plain: repeats(bounds.plain.0),
        wishes,
        floor: repeats(bounds.capped.0)
            .saturating_mul(search::W_REPEAT)
            .saturating_add(squares.saturating_mul(search::W_BALANCE))
            .saturating_add(wishes),
    };
    search.improve(&budget, targets);
    let seating = search.seating();
    let report = report::recount(&inst, seating, bounds, search.iterations());
    if report.table_revisits > 0 && inst.no_revisits {
        return Err(PlanError::NoPlanFound {
            rule: "travel",
            violations: u32::try_from(report.table_revisits).unwrap_or(u32::MAX),
        });
    }
    if report.apart_violations > 0 {
        return Err(PlanError::NoPlanFound { rule: "apart", violations: report.apart_violations });
    }
    Ok(PlanOutcome { rounds: report::seating_by_table(&inst, seating), report })
}
