//! Constructive starts from finite-field (affine) designs, for instances where tables are
//! interchangeable groups and nothing else tells people apart (the Social Golfer setting).
//!
//! With `q` tables, `q` a prime or a power of two, person `i` gets the field elements
//! `a = i / q` (row) and `b = i % q` (column); in round `w` (a field element) they sit at table
//! `b + w·a`. Two people in different rows meet in at most one round (`(w - w')(a - a') = 0`
//! forces `w = w'`), two people in the same row never meet, so `q` rounds have no repeat
//! encounter; when the group size `g` divides `q` and every seat is taken, one more round seats
//! each row in `q / g` groups. The search takes the remaining rounds from there. 32 people in
//! fours (8 tables) have a start of their own with ten rounds, one more than the affine nine.
//!
//! Cafés with no revisits and more travellers than pairs of different tables (so every pair of
//! rounds must seat some pairs together again) start from cohorts instead: see
//! [`cohort_rounds`].

use crate::instance::{Instance, NONE, PAIR_NORMAL};

/// Addition and multiplication in GF(q).
#[derive(Clone, Copy)]
enum Field {
    Prime(usize),
    /// GF(2^k) with the reduction polynomial (degree k, as bits).
    Binary {
        q: usize,
        poly: usize,
    },
}

/// Irreducible polynomials of degree 0..=10 over GF(2) (index = degree).
const POLYS: [usize; 11] = [
    0,
    0b11,
    0b111,
    0b1011,
    0b1_0011,
    0b10_0101,
    0b100_0011,
    0b1000_0011,
    0b1_0001_1011,
    0b10_0001_0001,
    0b100_0000_1001,
];

impl Field {
    fn new(q: usize) -> Option<Field> {
        if q >= 2 && q.is_power_of_two() {
            let k = q.trailing_zeros() as usize;
            return POLYS.get(k).map(|&poly| Field::Binary { q, poly });
        }
        let prime = q >= 2 && (2..=q.isqrt()).all(|d| !q.is_multiple_of(d));
        prime.then_some(Field::Prime(q))
    }

    fn add(&self, a: usize, b: usize) -> usize {
        match *self {
            Field::Prime(q) => (a + b) % q,
            Field::Binary { .. } => a ^ b,
        }
    }

    /// `-a`.
    fn neg(&self, a: usize) -> usize {
        match *self {
            Field::Prime(q) => (q - a) % q,
            Field::Binary { .. } => a,
        }
    }

    fn mul(&self, a: usize, b: usize) -> usize {
        match *self {
            Field::Prime(q) => a * b % q,
            Field::Binary { q, poly } => {
                let (mut a, mut b, mut product) = (a, b, 0);
                while b > 0 {
                    if b & 1 == 1 {
                        product ^= a;
                    }
                    b >>= 1;
                    a <<= 1;
                    if a & q != 0 {
                        a ^= poly;
                    }
                }
                product
            }
        }
    }
}

/// Ten rounds for 32 people at 8 tables of 4 in which no two people meet twice: the most there
/// can be (a person meets 3 others a round, and there are 31). The affine start gives nine, and no
/// tenth round extends those nine, so this is built otherwise. Person `8c + x` is the vector `x`
/// of GF(2)^3 in copy `c` (of four); in each kind of round two people meet when their difference
/// (XOR) is one the round uses, and no difference is used twice:
/// - one "transversal" round per vector `v` of [`TRANSVERSAL`]: table `x` seats `x ^ v[c]` of
///   each copy `c`, so copies `c` and `d` meet at difference `v[c] ^ v[d]` (six distinct ones per
///   pair of copies);
/// - three rounds that pair the copies (01|23, 02|13, 03|12): copies `c` and `d` share four tables,
///   `{x, x^u}` of `c` with `{x^a, x^a^u}` of `d` ([`PAIRED`]): difference `u` inside both copies,
///   and `a`, `a^u` between them, the two differences no transversal round uses;
/// - one round that splits each copy into a subspace `W_c` (with 0) and its complement
///   ([`SPLIT`]): the three differences of `W_c` inside the copy.
///
/// Inside each copy, the `u` of its three pairs and the three vectors of `W_c` are six distinct
/// differences of the seven, so everybody meets everybody else but one.
fn golfers_32_in_fours() -> Vec<Vec<u32>> {
    let mut rounds = Vec::with_capacity(10);
    for v in TRANSVERSAL {
        let mut seats = vec![0; 32];
        for x in 0..8 {
            for (c, &shift) in v.iter().enumerate() {
                seats[8 * c + (x ^ shift)] = crate::instance::u32_of(x);
            }
        }
        rounds.push(seats);
    }
    for pairing in [[(0, 1), (2, 3)], [(0, 2), (1, 3)], [(0, 3), (1, 2)]] {
        let mut seats = vec![0; 32];
        let mut table = 0;
        for (c, d) in pairing {
            let (u, a) = PAIRED[c][d];
            for x in (0..8).filter(|&x| x < x ^ u) {
                for person in [8 * c + x, 8 * c + (x ^ u), 8 * d + (x ^ a), 8 * d + (x ^ a ^ u)] {
                    seats[person] = table;
                }
                table += 1;
            }
        }
        rounds.push(seats);
    }
    let split = (0..32).map(|person| {
        let (c, x) = (person / 8, person % 8);
        crate::instance::u32_of(2 * c + usize::from(x != 0 && !SPLIT[c].contains(&x)))
    });
    rounds.push(split.collect());
    rounds
}

/// The shifts of the four copies in the transversal rounds of [`golfers_32_in_fours`].
const TRANSVERSAL: [[usize; 4]; 6] =
    [[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 3, 4], [0, 3, 4, 6], [0, 4, 1, 5], [0, 5, 7, 1]];
/// `(u, a)` for copies `c < d` in the paired rounds of [`golfers_32_in_fours`] (`[c][d]`).
const PAIRED: [[(usize, usize); 4]; 4] =
    [[(0, 0), (1, 6), (3, 5), (5, 2)], [(0, 0), (0, 0), (2, 4), (4, 3)], [(0, 0), (0, 0), (0, 0), (6, 3)], [(0, 0); 4]];
/// The subspace (without 0) each copy is split by in the last round of [`golfers_32_in_fours`].
const SPLIT: [[usize; 3]; 4] = [[2, 4, 6], [3, 5, 6], [1, 4, 5], [1, 2, 3]];

/// Whether nothing but the tables ties the plan down or tells people apart, as the designs
/// assume: no held rounds, everyone there in every round, no previous plan, no keep-apart or
/// keep-together pairs, no wishes. (Hosts and pins are each design's own question.)
fn from_scratch(inst: &Instance) -> bool {
    inst.held == 0
        && inst.present.iter().all(|&here| here)
        && inst.previous.iter().all(|&f| f == NONE)
        && inst.pair_kind.iter().all(|&k| k == PAIR_NORMAL)
        && !inst.has_wishes()
}

/// Seats for the first rounds (per round, per person, the table), when the instance is a plain
/// grouping problem and a field of its number of tables exists (or it is 32 people at 8 tables
/// of 4, which has a design of its own).
#[allow(clippy::many_single_char_names)]
pub fn affine_rounds(inst: &Instance) -> Option<Vec<Vec<u32>>> {
    let (p, q) = (inst.p, inst.t);
    let plain = !inst.no_revisits && inst.fixed.iter().all(|&f| f == NONE) && from_scratch(inst);
    if !plain || p == 0 || q < 2 {
        return None;
    }
    let g = p.div_ceil(q);
    if g > q || inst.capacity.iter().any(|&c| (c as usize) < g) {
        return None;
    }
    if (p, q, g) == (32, 8, 4) {
        let mut rounds = golfers_32_in_fours();
        rounds.truncate(inst.r);
        return Some(rounds);
    }
    let field = Field::new(q)?;
    let row_round = usize::from(p == g * q && q.is_multiple_of(g));
    let rounds = inst.r.min(q + row_round);
    let seat = |w: usize, i: usize| {
        let (a, b) = (i / q, i % q);
        let table = if w < q { field.add(b, field.mul(w, a)) } else { a * (q / g) + b / g };
        crate::instance::u32_of(table)
    };
    Some((0..rounds).map(|w| (0..p).map(|i| seat(w, i)).collect()).collect())
}

/// An idempotent Latin square of order `n >= 3` (`square[a][b]` is a symbol, every symbol once
/// per row and column, `square[a][a] = a`). Odd `n`: `(a + b) / 2` mod `n`. Even `n`: the square
/// of order `n - 1` prolonged along its transversal of cells `(i, i + 1)`, which misses the
/// diagonal: the new symbol `n - 1` takes those cells, and each of their old symbols moves to
/// the new row (same column) and the new column (same row).
pub fn idempotent_latin_square(n: usize) -> Option<Vec<Vec<usize>>> {
    if n < 3 {
        return None;
    }
    let odd = |k: usize| -> Vec<Vec<usize>> {
        let half = k.div_ceil(2);
        (0..k).map(|a| (0..k).map(|b| (a + b) * half % k).collect()).collect()
    };
    if n % 2 == 1 {
        return Some(odd(n));
    }
    let k = n - 1;
    let base = odd(k);
    let mut square = vec![vec![k; n]; n];
    for a in 0..k {
        for b in 0..k {
            square[a][b] = base[a][b];
        }
        let next = (a + 1) % k;
        square[a][next] = k;
        square[a][k] = base[a][next];
        square[k][next] = base[a][next];
    }
    Some(square)
}

/// Seats for a café in which travellers go round in cohorts, when there are more travellers than
/// pairs of different tables, so that every pair of rounds must seat some pairs together again
/// whatever the plan.
///
/// A pair meeting in all `r` rounds pays `r - 1` repeats for `r(r - 1)/2` pairs of rounds, the
/// cheapest way to pay for them. A cohort is a tour over `r` different tables (see
/// [`cohort_tours`]): any two of its tables fix the cohort, so two cohorts share at most one
/// table-round and people of different cohorts meet at most once. The `t(t - 1)` cohorts are the
/// cells of every pair of rounds; each gets the same number of travellers, and the rest go one
/// each to cohorts chosen so that every table takes as many of them as another in every round
/// ([`balanced_cohorts`]). The repeats are then at the round-pairs bound (they depend only on
/// the cohorts' sizes), so the start is optimal when the seats fit. Three rounds work at any
/// number of tables; more rounds (at most as many as tables) need a field of that order. Only
/// for plain requests (no pins, absences, held rounds, pairs, wishes, shared topics or a cap
/// below the rounds); `None` when it does not apply or the seats do not fit.
pub fn cohort_rounds(inst: &Instance) -> Option<Vec<Vec<u32>>> {
    let (p, t, rounds) = (inst.p, inst.t, inst.r);
    let only_hosts_fixed =
        (0..rounds).all(|r| (0..p).all(|x| inst.fixed_at(r, x) == NONE || inst.fixed_at(r, x) == inst.host_of[x]));
    let plain = rounds >= 3
        && inst.no_revisits
        && inst.k == t
        && inst.max_meetings.is_none_or(|cap| cap as usize >= rounds)
        && only_hosts_fixed
        && from_scratch(inst);
    let travellers: Vec<usize> = (0..p).filter(|&x| !inst.is_host(x)).collect();
    if !plain || travellers.len() <= t * t.saturating_sub(1) {
        return None;
    }
    let (cohorts, order) = cohort_tours(t, rounds)?;
    let (level, rest) = (travellers.len() / cohorts.len(), travellers.len() % cohorts.len());
    let mut size = vec![level; cohorts.len()];
    let bigger = match order {
        Some(order) => order.into_iter().take(rest).collect(),
        None => balanced_cohorts(&cohorts, t, rest, inst.seed),
    };
    for c in bigger {
        size[c] += 1;
    }
    // Seats left per round and table once the hosts sit.
    let mut free: Vec<Vec<usize>> = vec![inst.capacity.iter().map(|&c| c as usize).collect(); rounds];
    let mut seats = vec![vec![NONE; p]; rounds];
    for x in (0..p).filter(|&x| inst.is_host(x)) {
        let table = inst.host_of[x];
        for (round, seats) in seats.iter_mut().enumerate() {
            seats[x] = table;
            free[round][table as usize] = free[round][table as usize].checked_sub(1)?;
        }
    }
    let mut travellers = travellers.into_iter();
    for (cohort, &n) in cohorts.iter().zip(&size) {
        for (round, &table) in cohort.iter().enumerate() {
            free[round][table] = free[round][table].checked_sub(n)?;
        }
        for x in travellers.by_ref().take(n) {
            for (round, &table) in cohort.iter().enumerate() {
                seats[round][x] = crate::instance::u32_of(table);
            }
        }
    }
    Some(seats)
}

/// Per cohort its tour (a table per round), and an order of the cohorts that shares them out
/// evenly, where there is one.
type Cohorts = (Vec<Vec<usize>>, Option<Vec<usize>>);

/// The cohorts' tours for `rounds` rounds at `t` tables, one per cell `(a, b)`, `a ≠ b`, row by
/// row (round 0 at `a`, round 1 at `b`), and, where there is one, an order of the cohorts in
/// which every first so many give each table an even share in every round.
///
/// Three rounds: the third at `L[a][b]` of an [`idempotent_latin_square`] (`L[a][b]` is neither
/// `a` nor `b`, and any two of the three fix the third). For an odd `t` that square is
/// `(a + b) / 2`, whose cells `(i, i + c)` for each `c` in `1..t` are a transversal (every row,
/// column and symbol once): whole transversals, then part of the next, is the order. More rounds
/// take the lines of the affine plane over GF(t): round `k ≥ 2` at `λ·a + (1 − λ)·b` for its own
/// `λ` other than 0 and 1 (each such map is an idempotent Latin square, and any two rounds fix
/// the cell); the cells with `b − a = d` are a transversal in every round (`a + (1 − λ)·d`).
fn cohort_tours(t: usize, rounds: usize) -> Option<Cohorts> {
    if rounds < 3 {
        return None;
    }
    let cells = move || (0..t).flat_map(move |a| (0..t).filter(move |&b| b != a).map(move |b| (a, b)));
    let index = move |a: usize, b: usize| a * (t - 1) + if b < a { b } else { b - 1 };
    if rounds == 3 {
        let square = idempotent_latin_square(t)?;
        let tours = cells().map(|(a, b)| vec![a, b, square[a][b]]).collect();
        let order = (t % 2 == 1).then(|| (1..t).flat_map(|c| (0..t).map(move |i| index(i, (i + c) % t))).collect());
        return Some((tours, order));
    }
    let field = Field::new(t)?;
    if rounds > t {
        return None;
    }
    // The field's elements are 0..t with 0 and 1 as such, so 2.. are the other λ.
    let lambdas: Vec<usize> = (2..t).take(rounds - 2).collect();
    let tours = cells()
        .map(|(a, b)| {
            let mut tour = vec![a, b];
            let line = |l: usize| field.add(field.mul(l, a), field.mul(field.add(1, field.neg(l)), b));
            tour.extend(lambdas.iter().map(|&l| line(l)));
            tour
        })
        .collect();
    let order = (1..t).flat_map(|d| (0..t).map(move |a| index(a, field.add(a, d)))).collect();
    Some((tours, Some(order)))
}

/// `count` distinct cohorts such that every table, in every round, is in as many of them as any
/// other table, give or take one, where [`cohort_tours`] has no order for it (three rounds at an
/// even number of tables: the square is prolonged, and of order 6 none has the transversals):
/// a greedy choice, then simulated annealing over swaps of a chosen cohort for another, cooling
/// four times over (a million steps of constant cost at most, a few milliseconds). It found an
/// even share for every count up to order 8; what is left uneven elsewhere, the capacities
/// decide on (the repeats depend only on the cohorts' sizes, not on which are bigger).
fn balanced_cohorts(cohorts: &[Vec<usize>], t: usize, count: usize, seed: u64) -> Vec<usize> {
    let rounds = cohorts.first().map_or(0, Vec::len);
    let share = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let (least, most) = (share(count / t), share(count.div_ceil(t)));
    // Per round and table: how many chosen cohorts sit there.
    let mut uses = vec![vec![0i64; t]; rounds];
    let mut chosen = vec![false; cohorts.len()];
    for _ in 0..count {
        let load = |c: usize| (0..rounds).map(|r| uses[r][cohorts[c][r]]).sum::<i64>();
        let Some(pick) = (0..cohorts.len()).filter(|&c| !chosen[c]).min_by_key(|&c| load(c)) else { break };
        chosen[pick] = true;
        for (r, uses) in uses.iter_mut().enumerate() {
            uses[cohorts[pick][r]] += 1;
        }
    }
    // How far one table's count is from an even share.
    let off = |u: i64| (u - most).max(0) + (least - u).max(0);
    let mut unevenness: i64 = uses.iter().flatten().map(|&u| off(u)).sum();
    let (mut picked, mut left): (Vec<usize>, Vec<usize>) = (0..cohorts.len()).partition(|&c| chosen[c]);
    let mut best = (unevenness, picked.clone());
    let mut rng = crate::rng::Rng::new(seed);
    for step in 0..ANNEALING_STEPS {
        if best.0 == 0 || picked.is_empty() || left.is_empty() {
            break;
        }
        let (out_slot, in_slot) = (rng.below(picked.len()), rng.below(left.len()));
        let (leaving, coming) = (picked[out_slot], left[in_slot]);
        let mut change = 0i64;
        for (r, uses) in uses.iter().enumerate() {
            let (from, to) = (cohorts[leaving][r], cohorts[coming][r]);
            if from != to {
                let (f, g) = (uses[from], uses[to]);
                change += off(f - 1) - off(f) + off(g + 1) - off(g);
            }
        }
        // The temperature falls from 1 to 0.05, four times over.
        let cooled = f64::from(step % ANNEALING_COOLING) / f64::from(ANNEALING_COOLING);
        let temperature = 1.0 - 0.95 * cooled;
        #[allow(clippy::cast_precision_loss)] // `change` is a small integer
        let accept = change <= 0 || rng.unit() <= (-(change as f64) / temperature).exp();
        if accept {
            for (r, uses) in uses.iter_mut().enumerate() {
                uses[cohorts[leaving][r]] -= 1;
                uses[cohorts[coming][r]] += 1;
            }
            unevenness += change;
            picked[out_slot] = coming;
            left[in_slot] = leaving;
            if unevenness < best.0 {
                best = (unevenness, picked.clone());
            }
        }
    }
    let mut result = best.1;
    result.sort_unstable();
    result
}

/// Steps of the annealing in [`balanced_cohorts`] (each of constant cost), and how many of them
/// one cooling takes.
const ANNEALING_STEPS: u32 = 1_000_000;
const ANNEALING_COOLING: u32 = ANNEALING_STEPS / 4;

#[cfg(test)]
mod tests {
    use super::{Field, balanced_cohorts, cohort_tours, golfers_32_in_fours, idempotent_latin_square};

    /// The orders of tables and rounds that have cohorts: three rounds at any number of tables
    /// (annealed shares checked up to 8 tables, constructed ones for odd orders up to 25), more
    /// rounds at the orders of fields.
    fn cases() -> Vec<(usize, usize)> {
        let three = (3..=8).chain((9..=25).step_by(2)).map(|t| (t, 3));
        let more = [4, 5, 7, 8, 11, 13, 16].into_iter().flat_map(|t| (4..=t).map(move |r| (t, r)));
        three.chain(more).collect()
    }

    #[test]
    fn cohorts_tour_different_tables_and_meet_at_most_once() {
        for (t, rounds) in cases() {
            let (tours, _) = cohort_tours(t, rounds).unwrap();
            assert_eq!(tours.len(), t * (t - 1));
            for tour in &tours {
                let mut tables = tour.clone();
                tables.sort_unstable();
                tables.dedup();
                assert_eq!(tables.len(), rounds, "{t} tables, {rounds} rounds: {tour:?} comes back");
            }
            for (i, a) in tours.iter().enumerate() {
                for b in &tours[i + 1..] {
                    let shared = a.iter().zip(b).filter(|(x, y)| x == y).count();
                    assert!(shared <= 1, "{t} tables, {rounds} rounds: {a:?} and {b:?} share {shared}");
                }
            }
        }
        assert!(cohort_tours(6, 4).is_none(), "no field of order 6");
        assert!(cohort_tours(5, 6).is_none(), "more rounds than tables");
    }

    #[test]
    #[allow(clippy::needless_range_loop)] // rounds and tables are numbers here
    fn every_table_takes_an_even_share_of_the_cohorts_left_over() {
        for (t, rounds) in cases() {
            let (tours, order) = cohort_tours(t, rounds).unwrap();
            for count in 0..tours.len() {
                let mut chosen = match &order {
                    Some(order) => order.iter().copied().take(count).collect(),
                    None => balanced_cohorts(&tours, t, count, 1),
                };
                assert_eq!(chosen.len(), count);
                chosen.sort_unstable();
                chosen.dedup();
                assert_eq!(chosen.len(), count, "{t} tables, {count} cohorts: one chosen twice");
                for round in 0..rounds {
                    for table in 0..t {
                        let uses = chosen.iter().filter(|&&c| tours[c][round] == table).count();
                        assert!(
                            (count / t..=count.div_ceil(t)).contains(&uses),
                            "{t} tables, {rounds} rounds, {count} cohorts: table {table} in {uses} in round {round}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    #[allow(clippy::needless_range_loop)] // rows and columns are numbers here
    fn idempotent_latin_squares_of_every_order_from_three() {
        assert!(idempotent_latin_square(2).is_none());
        for n in 3..=40 {
            let square = idempotent_latin_square(n).unwrap();
            for a in 0..n {
                assert_eq!(square[a][a], a, "order {n}");
                let mut row: Vec<usize> = square[a].clone();
                let mut column: Vec<usize> = (0..n).map(|b| square[b][a]).collect();
                row.sort_unstable();
                column.sort_unstable();
                assert_eq!(row, (0..n).collect::<Vec<_>>(), "row {a} of order {n}");
                assert_eq!(column, (0..n).collect::<Vec<_>>(), "column {a} of order {n}");
            }
        }
    }

    #[test]
    fn the_32_golfers_play_ten_rounds_in_fours_and_never_meet_twice() {
        let rounds = golfers_32_in_fours();
        assert_eq!(rounds.len(), 10);
        let mut met = std::collections::HashSet::new();
        for seats in &rounds {
            assert_eq!(seats.len(), 32);
            for table in 0..8 {
                let at: Vec<usize> = (0..32).filter(|&x| seats[x] == table).collect();
                assert_eq!(at.len(), 4, "table {table} of {seats:?}");
                for (i, &x) in at.iter().enumerate() {
                    for &y in &at[i + 1..] {
                        assert!(met.insert((x, y)), "{x} and {y} meet twice");
                    }
                }
            }
        }
        // Everybody meets everybody else but one.
        assert_eq!(met.len(), 32 * 30 / 2);
    }

    #[test]
    fn binary_fields_have_inverses() {
        for q in [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] {
            let field = Field::new(q).unwrap();
            for a in 1..q.min(64) {
                assert!((1..q).any(|b| field.mul(a, b) == 1), "{a} has no inverse in GF({q})");
            }
        }
    }

    #[test]
    fn only_primes_and_powers_of_two() {
        assert!(Field::new(7).is_some());
        assert!(Field::new(8).is_some());
        assert!(Field::new(6).is_none());
        assert!(Field::new(125).is_none());
        assert!(Field::new(1).is_none());
    }
}
