//! Constructive starts from finite-field (affine) designs, for instances where tables are
//! interchangeable groups and nothing else tells people apart (the Social Golfer setting).
//!
//! With `q` tables, `q` a prime or a power of two, person `i` gets the field elements
//! `a = i / q` (row) and `b = i % q` (column); in round `w` (a field element) they sit at table
//! `b + w·a`. Two people in different rows meet in at most one round (`(w - w')(a - a') = 0`
//! forces `w = w'`), two people in the same row never meet, so `q` rounds have no repeat
//! encounter; when the group size `g` divides `q` and every seat is taken, one more round seats
//! each row in `q / g` groups. The search takes the remaining rounds from there.

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

/// Seats for the first rounds (per round, per person, the table), when the instance is a plain
/// grouping problem and a field of its number of tables exists.
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
    use super::Field;

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
