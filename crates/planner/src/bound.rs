//! Proven lower bounds on the number of repeat encounters of any plan of an instance.
//!
//! Every plan that keeps the hard rules is counted, so a bound here can never exceed what the
//! search finds; see the crate docs for the four arguments.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::BoundMethod;
use crate::instance::{Instance, NONE, PAIR_APART, PAIR_TOGETHER};

/// Adds `n` people one at a time, each to the emptiest table that still has room, starting from
/// `start`; returns the final sizes. With a cost per table that is convex in its size (the
/// marginal cost depends only on the size and never falls), this gives the minimum total cost.
pub fn water_fill(n: u64, start: &[u64], cap: &[u64]) -> Vec<u64> {
    let mut sizes = start.to_vec();
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> =
        sizes.iter().enumerate().filter(|&(t, &s)| s < cap[t]).map(|(t, &s)| Reverse((s, t))).collect();
    let already: u64 = start.iter().sum();
    let mut left = n.saturating_sub(already);
    while left > 0 {
        let Some(Reverse((s, t))) = heap.pop() else { break };
        sizes[t] = s + 1;
        left -= 1;
        if s + 1 < cap[t] {
            heap.push(Reverse((s + 1, t)));
        }
    }
    sizes
}

fn pairs(s: u64) -> u64 {
    s * s.saturating_sub(1) / 2
}

/// Per round: the table sizes that make the fewest pairs (held rounds: the sizes as held).
pub fn min_sizes(inst: &Instance, round: usize) -> Vec<u64> {
    let mut start = vec![0u64; inst.t];
    let mut n = 0u64;
    for x in 0..inst.p {
        if inst.is_present(round, x) {
            n += 1;
            let f = inst.fixed_at(round, x);
            if f != NONE {
                start[f as usize] += 1;
            }
        }
    }
    if round < inst.held {
        return start;
    }
    let cap: Vec<u64> = inst.capacity.iter().map(|&c| u64::from(c)).collect();
    water_fill(n, &start, &cap)
}

/// The bounds of an instance: one valid for every plan that keeps the hard rules, and one valid
/// for the plans that also keep the cap on meetings per pair (the same when there is no cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Valid for every plan that keeps the hard rules.
    pub plain: (u64, BoundMethod),
    /// Valid for every plan that also keeps [`Instance::max_meetings`].
    pub capped: (u64, BoundMethod),
    /// Every argument's value, for the tests: the four plain ones, then the round pairs with the
    /// cap (the plans that keep it).
    pub each: [(u64, BoundMethod); 5],
}

/// At most this many people-steps are spent on the pairs of rounds (the bound stays valid with
/// fewer pairs of rounds; only very large instances with many rounds get fewer).
const ROUND_PAIR_WORK: u64 = 40_000_000;

/// Per round, whether a person counts for the pairs-of-rounds arguments, and the table caps.
struct RoundPairs<'a> {
    inst: &'a Instance,
}

impl RoundPairs<'_> {
    /// Whether `x` is left out of the pairs of rounds `r1 < r2` because they cannot meet anyone
    /// twice there: with no revisits, a host at their own table in both rounds meets only
    /// travellers who were not at that table's topic in the other round. A host who sat at
    /// another table of their own topic in a held `r1` is left out too (the relaxation forbids
    /// that cell to everyone); leaving someone out only weakens the bound.
    fn host_left_out(&self, r1: usize, x: usize) -> bool {
        let inst = self.inst;
        inst.no_revisits
            && inst.is_host(x)
            && (r1 >= inst.held || {
                let f = inst.fixed[r1 * inst.p + x];
                f != NONE && inst.topic_of[f as usize] == inst.topic_of[inst.host_of[x] as usize]
            })
    }

    /// The fewest pairs that sit together in both `r1` and `r2` (`r1 < r2`, `r2` planned), over
    /// every plan that keeps the capacities and, where travel forbids it, never sends a traveller
    /// back to a topic.
    ///
    /// Let `n[i][j]` be the people (who count, see [`Self::host_left_out`]) at table `i` in `r1`
    /// and at table `j` in `r2`; each cell makes `n(n-1)/2` pairs that met twice. A cell holds at
    /// most the people table `i` can take in `r1`, a column at most what table `j` can take in
    /// `r2`, and with no revisits `n[i][j] = 0` where `i` and `j` share a topic (`i = j` among
    /// them). Relaxing the row sums to per-cell limits, the cost is separable and convex, so the
    /// cheapest filling takes the `N` cheapest unit costs: column `j` offers, at level `L`, one
    /// unit per row with more than `L` places (cost `L`), as many as the column holds.
    fn forced(&self, r1: usize, r2: usize) -> u64 {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        // Seats taken by people who do not count (fixed there), per table of r1 and of r2.
        let mut row_taken = vec![0u64; t];
        let mut col_taken = vec![0u64; t];
        let mut row_held = vec![0u64; t];
        let mut n = 0u64;
        let mut counted = vec![false; p];
        for x in 0..p {
            let (in1, in2) = (inst.is_present(r1, x), inst.is_present(r2, x));
            if in1 && in2 && !self.host_left_out(r1, x) {
                counted[x] = true;
                n += 1;
                if r1 < inst.held {
                    row_held[inst.fixed[r1 * p + x] as usize] += 1;
                }
                continue;
            }
            if in1 && r1 >= inst.held && inst.fixed_at(r1, x) != NONE {
                row_taken[inst.fixed_at(r1, x) as usize] += 1;
            }
            if in2 && inst.fixed_at(r2, x) != NONE {
                col_taken[inst.fixed_at(r2, x) as usize] += 1;
            }
        }
        if n < 2 {
            return 0;
        }
        let row: Vec<u64> = if r1 < inst.held {
            row_held
        } else {
            (0..t).map(|i| u64::from(inst.capacity[i]).saturating_sub(row_taken[i]).min(n)).collect()
        };
        let col: Vec<u64> = (0..t).map(|j| u64::from(inst.capacity[j]).saturating_sub(col_taken[j]).min(n)).collect();
        let forced = cheapest_units(n, &row, &col, inst.no_revisits.then_some((&inst.topic_of[..], inst.k)));
        let together =
            inst.together.iter().filter(|&&(a, b)| counted[a as usize] && counted[b as usize]).count() as u64;
        forced.saturating_sub(together)
    }

    /// Pairs (not asked to sit together) that share a table in both held rounds `r1 < r2`.
    fn held_pairs(&self, r1: usize, r2: usize) -> u64 {
        let inst = self.inst;
        let p = inst.p;
        let mut cells: std::collections::HashMap<(u32, u32), u64> = std::collections::HashMap::new();
        for x in 0..p {
            if inst.is_present(r1, x) && inst.is_present(r2, x) {
                *cells.entry((inst.fixed[r1 * p + x], inst.fixed[r2 * p + x])).or_insert(0) += 1;
            }
        }
        let together = inst
            .together
            .iter()
            .filter(|&&(a, b)| {
                let (a, b) = (a as usize, b as usize);
                let both = |r: usize| inst.is_present(r, a) && inst.is_present(r, b);
                both(r1)
                    && both(r2)
                    && inst.fixed[r1 * p + a] == inst.fixed[r1 * p + b]
                    && inst.fixed[r2 * p + a] == inst.fixed[r2 * p + b]
            })
            .count() as u64;
        cells.values().map(|&c| pairs(c)).sum::<u64>().saturating_sub(together)
    }
}

/// The sum of the `n` cheapest unit costs (see [`RoundPairs::forced`]): column `j` offers at
/// level `L` one unit per row `i` with `row[i] > L`, up to `col[j]` units; with
/// `topics = Some((topic_of, k))` (no revisits) only rows of another topic than `j`'s.
fn cheapest_units(n: u64, row: &[u64], col: &[u64], topics: Option<(&[u32], usize)>) -> u64 {
    let top = row.iter().copied().max().unwrap_or(0);
    let Ok(levels) = usize::try_from(top) else { return 0 };
    // above(rows)[L] = rows among `rows` with more than L places (no longer than needed).
    let above = |rows: &[usize]| {
        let most = rows.iter().map(|&i| usize::try_from(row[i]).unwrap_or(levels)).max().unwrap_or(0);
        let mut count = vec![0u64; most.min(levels) + 1];
        for &i in rows {
            for slot in count.iter_mut().take(usize::try_from(row[i]).unwrap_or(levels)) {
                *slot += 1;
            }
        }
        count
    };
    let every_row: Vec<usize> = (0..row.len()).collect();
    let mut rows_above = above(&every_row);
    rows_above.resize(levels + 1, 0);
    // The columns by topic: each topic's own rows are counted once for all its columns.
    let (topic_of, k) = topics.unwrap_or((&[], 0));
    let mut columns_of: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut plain_columns = Vec::new();
    for j in 0..col.len() {
        match topic_of.get(j) {
            Some(&topic) if (topic as usize) < k => {
                columns_of[topic as usize].push(j);
                if j < row.len() {
                    rows_of[topic as usize].push(j);
                }
            }
            _ => plain_columns.push(j),
        }
    }
    let mut units_at = vec![0u64; levels + 1];
    let mut fill = |columns: &[usize], same_topic: &[u64]| {
        for &j in columns {
            let mut left = col[j];
            for (level, &rows) in rows_above.iter().enumerate() {
                if left == 0 {
                    break;
                }
                let offered = rows - same_topic.get(level).copied().unwrap_or(0);
                let take = offered.min(left);
                units_at[level] += take;
                left -= take;
            }
        }
    };
    fill(&plain_columns, &[]);
    for topic in 0..k {
        if !columns_of[topic].is_empty() {
            let same_topic = above(&rows_of[topic]);
            fill(&columns_of[topic], &same_topic);
        }
    }
    let mut need = n;
    let mut cost = 0u64;
    for (level, &units) in units_at.iter().enumerate() {
        if need == 0 {
            break;
        }
        let take = units.min(need);
        cost = cost.saturating_add(take.saturating_mul(level as u64));
        need -= take;
    }
    cost
}

/// The best bounds, with the argument that gave each (see the crate docs).
///
/// `should_stop` is polled as the work goes on (at thousands of people the arguments take a noticeable
/// part of a short time limit): once it says stop, the arguments not yet finished are left out
/// or cut short where a part of them is still a bound, so the result stays valid, only weaker.
#[allow(clippy::too_many_lines, clippy::many_single_char_names)]
pub fn lower_bound(inst: &Instance, should_stop: &dyn Fn() -> bool) -> Bounds {
    let p = inst.p;
    let mut stopped = false;
    // How often each pair can meet at most, for the counting arguments: 0 when it never can,
    // the rounds they share for a keep-together pair (not counted as repeats), else 1. Summed per
    // person and in all, without keeping a matrix.
    let both = |r: usize, a: usize, b: usize| inst.is_present(r, a) && inst.is_present(r, b);
    let mut can_per_person = vec![0u64; p];
    let mut absorb = 0u64;
    for a in 0..p {
        if a % 64 == 0 && should_stop() {
            stopped = true;
            break;
        }
        for b in a + 1..p {
            let kind = inst.kind(a, b);
            let c = if kind == PAIR_TOGETHER {
                (0..inst.r).filter(|&r| both(r, a, b)).count() as u64
            } else {
                let can_later = kind != PAIR_APART
                    && (inst.held..inst.r).any(|r| {
                        both(r, a, b) && {
                            let (fa, fb) = (inst.fixed_at(r, a), inst.fixed_at(r, b));
                            fa == NONE || fb == NONE || fa == fb
                        }
                    });
                let met_held =
                    || (0..inst.held).any(|r| both(r, a, b) && inst.fixed[r * p + a] == inst.fixed[r * p + b]);
                u64::from(can_later || met_held())
            };
            can_per_person[a] += c;
            can_per_person[b] += c;
            absorb += c;
        }
    }

    // 1. Pair counting: the meetings forced by the table sizes, less what the pairs can absorb.
    let mut meetings = 0u64;
    for r in 0..inst.r {
        meetings += min_sizes(inst, r).iter().map(|&s| pairs(s)).sum::<u64>();
    }
    // Cut short, `absorb` would undercount what the pairs can absorb: no bound then.
    let counting = if stopped { 0 } else { meetings.saturating_sub(absorb) };

    // 2. Per participant: the people they must meet, less the people they can meet.
    let open: Vec<usize> = (0..inst.t).filter(|&t| inst.capacity[t] > 0).collect();
    let seats: u64 = inst.capacity.iter().map(|&c| u64::from(c)).sum();
    // Per round and table: people fixed there (held rounds: people seated there).
    let mut fixed_count = vec![0u64; inst.r * inst.t];
    let mut present_count = vec![0u64; inst.r];
    for r in 0..inst.r {
        for x in 0..p {
            if inst.is_present(r, x) {
                present_count[r] += 1;
                let f = if r < inst.held { inst.fixed[r * p + x] } else { inst.fixed_at(r, x) };
                if f != NONE {
                    fixed_count[r * inst.t + f as usize] += 1;
                }
            }
        }
    }
    // The smallest table a person can be at: at least the people fixed there, and at least
    // what the other tables cannot take.
    let at_least = |r: usize, t: usize, extra: u64| {
        let forced = (present_count[r] + u64::from(inst.capacity[t])).saturating_sub(seats);
        forced.max(fixed_count[r * inst.t + t] + extra).max(1)
    };
    let smallest_unfixed: Vec<u64> = (0..inst.r)
        .map(|r| {
            open.iter()
                .filter(|&&t| fixed_count[r * inst.t + t] < u64::from(inst.capacity[t]))
                .map(|&t| at_least(r, t, 1))
                .min()
                .unwrap_or(1)
        })
        .collect();
    let mut excess = 0u64;
    for x in 0..p {
        let mut must = 0u64;
        for r in 0..inst.r {
            if !inst.is_present(r, x) {
                continue;
            }
            let smallest_possible = if r < inst.held {
                fixed_count[r * inst.t + inst.fixed[r * p + x] as usize]
            } else {
                let f = inst.fixed_at(r, x);
                if f == NONE { smallest_unfixed[r] } else { at_least(r, f as usize, 0) }
            };
            must += smallest_possible.saturating_sub(1);
        }
        excess += must.saturating_sub(can_per_person[x]);
    }
    let per_participant = if stopped { 0 } else { excess.div_ceil(2) };

    // 3. Pairs of rounds: for r1 < r2, the fewest pairs at one table in both (travel-aware: with
    // no revisits the people at a table in r2 come from the tables of other topics in r1).
    // 3a. Pigeonhole: each such pair is a repeat that happens in r2; the best r1 per r2, summed.
    // 3b. Round pairs: summed over every r1 < r2 this counts m(m-1)/2 per pair meeting m times,
    //     and m(m-1)/2 <= (m-1) c/2 when no pair meets more than c times.
    let pairs_of_rounds = RoundPairs { inst };
    let mut pigeonhole = 0u64;
    let mut all_pairs = 0u64;
    // The pairs of rounds at distance 1, 2, ... as long as the work allows (at least distance 1).
    let step = (p as u64 + inst.t as u64).saturating_add(seats.min(p as u64)).max(1);
    let mut reach = 1usize;
    let mut work = (inst.r.saturating_sub(1) as u64).saturating_mul(step);
    while reach + 1 < inst.r {
        work = work.saturating_add(((inst.r - reach - 1) as u64).saturating_mul(step));
        if work > ROUND_PAIR_WORK {
            break;
        }
        reach += 1;
    }
    // Each `r2` adds to both sums, so stopping after any of them leaves valid bounds.
    for r2 in 1..inst.r {
        if stopped || should_stop() {
            break;
        }
        let mut best = 0u64;
        for r1 in r2.saturating_sub(reach)..r2 {
            let forced =
                if r2 < inst.held { pairs_of_rounds.held_pairs(r1, r2) } else { pairs_of_rounds.forced(r1, r2) };
            all_pairs += forced;
            best = best.max(forced);
        }
        if r2 < inst.held {
            // Exactly as held: pairs at a table in r2 that met in an earlier round.
            let mut events = 0u64;
            for a in 0..p {
                for b in a + 1..p {
                    if both(r2, a, b)
                        && inst.kind(a, b) != PAIR_TOGETHER
                        && inst.fixed[r2 * p + a] == inst.fixed[r2 * p + b]
                        && (0..r2).any(|r1| both(r1, a, b) && inst.fixed[r1 * p + a] == inst.fixed[r1 * p + b])
                    {
                        events += 1;
                    }
                }
            }
            best = best.max(events);
        }
        pigeonhole += best;
    }
    let rounds = inst.r as u64;
    let round_pairs = if rounds >= 2 { (2 * all_pairs).div_ceil(rounds) } else { 0 };

    let each_plain = [
        (counting, BoundMethod::PairCounting),
        (per_participant, BoundMethod::PerParticipant),
        (pigeonhole, BoundMethod::Pigeonhole),
        (round_pairs, BoundMethod::RoundPairs),
    ];
    let plain = best_of(&each_plain);
    let with_cap = match inst.max_meetings {
        Some(cap) if u64::from(cap) < rounds => (2 * all_pairs).div_ceil(u64::from(cap.max(1))),
        _ => round_pairs,
    };
    let capped = best_of(&[plain, (with_cap, BoundMethod::RoundPairs)]);
    let [a, b, c, d] = each_plain;
    Bounds { plain, capped, each: [a, b, c, d, (with_cap, BoundMethod::RoundPairs)] }
}

fn best_of(candidates: &[(u64, BoundMethod)]) -> (u64, BoundMethod) {
    let mut result = (0, BoundMethod::None);
    for &(value, method) in candidates {
        if value > result.0 {
            result = (value, method);
        }
    }
    result
}

/// The smallest possible sum of squared table sizes per planned round (for the balance target).
pub fn min_square_sum(inst: &Instance) -> u64 {
    (inst.held..inst.r).map(|r| min_sizes(inst, r).iter().map(|&s| s * s).sum::<u64>()).sum()
}

/// A lower bound on the weighted wishes no plan can grant (`weights` per rank, as the search
/// counts them). A wish is surely granted when its person has a fixed seat (held, pinned) at a
/// table of that topic. Every other wish needs a seat at that topic in a round where its person's
/// seat is not fixed; a topic has only so many of those (its tables' seats minus the fixed ones,
/// summed over the rounds), so at best each topic grants its heaviest requests. Dropping the
/// rule that a person sits at one table per round only loosens the bound; it is exact when
/// everyone has at least as many free rounds as wishes, as at a café without pins.
pub fn wish_floor(inst: &Instance, weights: &[i64]) -> i64 {
    let (p, t) = (inst.p, inst.t);
    let mut free_seats = vec![0u64; inst.k];
    for r in 0..inst.r {
        let mut fixed_here = vec![0u64; t];
        for x in 0..p {
            let table = inst.fixed_at(r, x);
            if table != NONE && inst.is_present(r, x) {
                fixed_here[table as usize] += 1;
            }
        }
        for table in 0..t {
            free_seats[inst.topic(table)] += u64::from(inst.capacity[table]).saturating_sub(fixed_here[table]);
        }
    }
    let mut requests: Vec<Vec<i64>> = vec![Vec::new(); inst.k];
    let mut floor = 0;
    for x in (0..p).filter(|&x| inst.wishes_count(x)) {
        let fixed_topics: Vec<usize> = (0..inst.r)
            .filter(|&r| inst.is_present(r, x) && inst.fixed_at(r, x) != NONE)
            .map(|r| inst.topic(inst.fixed_at(r, x) as usize))
            .collect();
        let free_rounds = (0..inst.r).filter(|&r| inst.is_present(r, x) && inst.fixed_at(r, x) == NONE).count();
        for (&topic, &weight) in inst.wishes[x].iter().zip(weights) {
            if fixed_topics.contains(&(topic as usize)) {
                continue;
            }
            if free_rounds == 0 {
                floor += weight;
            } else {
                requests[topic as usize].push(weight);
            }
        }
    }
    for (topic, mut wanted) in requests.into_iter().enumerate() {
        let seats = usize::try_from(free_seats[topic]).unwrap_or(usize::MAX);
        if wanted.len() > seats {
            wanted.sort_unstable_by(|a, b| b.cmp(a));
            floor += wanted[seats..].iter().sum::<i64>();
        }
    }
    floor
}
