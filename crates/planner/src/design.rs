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

use crate::instance::{Instance, NONE, PAIR_NORMAL};

/// Addition and multiplication in GF(q).
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

/// Seats for the first rounds (per round, per person, the table), when the instance is a plain
/// grouping problem and a field of its number of tables exists (or it is 32 people at 8 tables
/// of 4, which has a design of its own).
#[allow(clippy::many_single_char_names)]
pub fn affine_rounds(inst: &Instance) -> Option<Vec<Vec<u32>>> {
    let (p, q) = (inst.p, inst.t);
    let plain = !inst.no_revisits
        && inst.held == 0
        && inst.fixed.iter().all(|&f| f == NONE)
        && inst.present.iter().all(|&here| here)
        && inst.previous.iter().all(|&f| f == NONE)
        && inst.pair_kind.iter().all(|&k| k == PAIR_NORMAL)
        && !inst.has_wishes();
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

#[cfg(test)]
mod tests {
    use super::{Field, golfers_32_in_fours};

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
