//! Proven lower bounds on the number of repeat encounters of any plan of an instance.
//!
//! Every plan that keeps the hard rules is counted, so a bound here can never exceed what the
//! search finds; see the crate docs for the three arguments.

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

/// The fewest pairs that sit together among `s` people who come from at most `k` groups.
fn min_pairs_from_groups(s: u64, k: u64) -> u64 {
    if k == 0 {
        return pairs(s);
    }
    let q = s / k;
    let rem = s % k;
    rem * pairs(q + 1) + (k - rem) * pairs(q)
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

/// The best of the three bounds, with the argument that gave it.
#[allow(clippy::too_many_lines, clippy::many_single_char_names)]
pub fn lower_bound(inst: &Instance) -> (u64, BoundMethod) {
    let p = inst.p;
    // How often each pair can meet at most, for the counting arguments: 0 when it never can,
    // the rounds they share for a keep-together pair (not counted as repeats), else 1.
    let mut can_meet = vec![0u32; p * p];
    let both = |r: usize, a: usize, b: usize| inst.is_present(r, a) && inst.is_present(r, b);
    for a in 0..p {
        for b in a + 1..p {
            let kind = inst.kind(a, b);
            let c = if kind == PAIR_TOGETHER {
                crate::instance::u32_of((0..inst.r).filter(|&r| both(r, a, b)).count())
            } else {
                let met_held = (0..inst.held).any(|r| both(r, a, b) && inst.fixed[r * p + a] == inst.fixed[r * p + b]);
                let can_later = kind != PAIR_APART
                    && (inst.held..inst.r).any(|r| {
                        both(r, a, b) && {
                            let (fa, fb) = (inst.fixed_at(r, a), inst.fixed_at(r, b));
                            fa == NONE || fb == NONE || fa == fb
                        }
                    });
                u32::from(met_held || can_later)
            };
            can_meet[a * p + b] = c;
            can_meet[b * p + a] = c;
        }
    }

    // 1. Pair counting: the meetings forced by the table sizes, less what the pairs can absorb.
    let mut meetings = 0u64;
    let mut sizes_per_round = Vec::with_capacity(inst.r);
    for r in 0..inst.r {
        let sizes = min_sizes(inst, r);
        meetings += sizes.iter().map(|&s| pairs(s)).sum::<u64>();
        sizes_per_round.push(sizes);
    }
    let absorb: u64 = can_meet.iter().map(|&c| u64::from(c)).sum::<u64>() / 2;
    let counting = meetings.saturating_sub(absorb);

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
        let can: u64 = (0..p).map(|y| u64::from(can_meet[x * p + y])).sum();
        excess += must.saturating_sub(can);
    }
    let per_participant = excess.div_ceil(2);

    // 3. Pigeonhole between rounds: in round r2, a table of s people who were spread over k
    // tables in an earlier round r1 holds at least min_pairs(s, k) pairs that met before.
    let mut pigeonhole = 0u64;
    for r2 in 1..inst.r {
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
            pigeonhole += events;
            continue;
        }
        let mut best = 0u64;
        for r1 in 0..r2 {
            let co: Vec<usize> = (0..p).filter(|&x| both(r1, x, x) && both(r2, x, x)).collect();
            let k = if r1 < inst.held {
                let mut tables: Vec<u32> = co.iter().map(|&x| inst.fixed[r1 * p + x]).collect();
                tables.sort_unstable();
                tables.dedup();
                tables.len() as u64
            } else {
                open.len() as u64
            };
            let cap: Vec<u64> = inst.capacity.iter().map(|&c| u64::from(c)).collect();
            let sizes = water_fill(co.len() as u64, &vec![0; inst.t], &cap);
            let forced: u64 = sizes.iter().map(|&s| min_pairs_from_groups(s, k)).sum();
            let together = inst
                .together
                .iter()
                .filter(|&&(a, b)| {
                    let (a, b) = (a as usize, b as usize);
                    both(r1, a, b) && both(r2, a, b)
                })
                .count() as u64;
            best = best.max(forced.saturating_sub(together));
        }
        pigeonhole += best;
    }

    let mut result = (0, BoundMethod::None);
    for (value, method) in [
        (counting, BoundMethod::PairCounting),
        (per_participant, BoundMethod::PerParticipant),
        (pigeonhole, BoundMethod::Pigeonhole),
    ] {
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
