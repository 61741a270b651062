//! The search: a greedy start, then tabu search with swap and move neighbourhoods over an
//! incrementally kept pair-meeting matrix (see the crate docs).
//!
//! Indices and counts are far below `u32::MAX` and `i64::MAX` (instances are checked to have at
//! most a few hundred rounds, and people and tables fit in memory as dense matrices), so plain
//! casts between them are exact here.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::many_single_char_names)]

use crate::Budget;
use crate::instance::{Instance, NONE, PAIR_APART, PAIR_TOGETHER};
use crate::rng::Rng;

/// A hard rule broken (a traveller back at a table, a keep-apart pair together).
pub const W_HARD: i64 = 1_000_000;
/// One repeat encounter.
pub const W_REPEAT: i64 = 10_000;
/// One meeting of a pair beyond the cap on meetings ([`Instance::max_meetings`]).
pub const W_CAP: i64 = 300_000;
/// Each further meeting of a pair that already met twice costs this much more than the last
/// (so repeats are spread over many pairs rather than one pair meeting every round).
pub const W_HEAVY: i64 = 500;
/// Kicks from the best plan without a better one before a fresh greedy start.
const RESTART_AFTER_KICKS: u32 = 4;
/// The most tables a seat's moves and swaps are tried with per iteration (a random sample when
/// there are more).
const TABLE_SAMPLE: usize = 48;
/// Seats per iteration whose chain swaps are tried (see [`Search::chain`]).
const CHAIN_SEATS: usize = 2;
/// One unit of the sum of squared table sizes of a round (balance).
pub const W_BALANCE: i64 = 100;
/// One person above the fair share of their attribute value at a table.
pub const W_SPREAD: i64 = 30;
/// A keep-together pair at different tables in one round.
pub const W_TOGETHER: i64 = 30;
/// One person seated elsewhere than in the previous plan.
pub const W_MOVE: i64 = 1;
/// A wish of rank 1, 2 and 3 not granted (later wishes carry no weight). The first is worth more
/// than the second and third together, and all three together less than one repeat encounter.
pub const W_WISH: [i64; 3] = [4_000, 2_000, 1_000];
const _: () = assert!(W_WISH[0] > W_WISH[1] + W_WISH[2] && W_WISH[1] > W_WISH[2] && W_WISH[2] > 0);
const _: () = assert!(W_WISH[0] + W_WISH[1] + W_WISH[2] < W_REPEAT);

/// The cost of a plan, by part (unweighted counts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Breakdown {
    pub hard: i64,
    pub repeats: i64,
    /// Per pair meeting `m` times, `(m - 1)(m - 2) / 2`.
    pub heavy: i64,
    /// Meetings beyond the cap on meetings, summed over the pairs.
    pub over_cap: i64,
    pub squares: i64,
    pub spread: i64,
    pub together: i64,
    pub moves: i64,
    /// Wishes not granted, already weighted by rank ([`W_WISH`]).
    pub wishes: i64,
}

impl Breakdown {
    pub fn total(&self) -> i64 {
        self.hard * W_HARD
            + self.repeats * W_REPEAT
            + self.heavy * W_HEAVY
            + self.over_cap * W_CAP
            + self.squares * W_BALANCE
            + self.spread * W_SPREAD
            + self.together * W_TOGETHER
            + self.moves * W_MOVE
            + self.wishes
    }
}

/// The search state: one seating of every round plus the counts that make a move's cost cheap.
pub struct Search<'a> {
    inst: &'a Instance,
    rng: Rng,
    /// `r * p`: the person's table, or `NONE`.
    table: Vec<u32>,
    /// `r * t`: the people at the table.
    members: Vec<Vec<u32>>,
    /// `r * p`: index in `members`.
    pos: Vec<u32>,
    /// `p * p`: rounds in which the pair shares a table.
    meet: Vec<u8>,
    /// `p * k`: rounds in which the person sits at a table of the topic.
    visits: Vec<u8>,
    /// Per person: the wishes the search pursues, as (topic, weight).
    wish: Vec<Vec<(u32, i64)>>,
    /// The weights of the wishes not granted, kept with every move.
    wish_cost: i64,
    /// Per attribute: `r * t * values` counts.
    spread: Vec<Vec<u16>>,
    /// Per attribute: `r * values` fair share.
    fair: Vec<Vec<u16>>,
    /// `r * p`: may the search move this seat?
    movable: Vec<bool>,
    /// `r * p`: the table the person last left, and until which iteration they may not return.
    tabu_table: Vec<u32>,
    tabu_until: Vec<u64>,
    cost: i64,
    iteration: u64,
    /// Kept with every move: repeats, broken hard rules, meetings over the cap.
    repeats: i64,
    hard: i64,
    over_cap: i64,
    /// The same counts of the held rounds alone (no plan can do better than these).
    hard_floor: i64,
    over_floor: i64,
    /// The cap on meetings (`u8::MAX` when none).
    cap: u8,
    /// Scratch space for chains.
    chain_rounds: Vec<usize>,
    /// Per topic, the change in visits of one person in a chain.
    topic_change: Vec<(usize, i64)>,
    pair_shift: Vec<i32>,
    touched: Vec<usize>,
    /// Scratch space for the greedy start: per table, the pair cost of joining it; per person,
    /// the last `stamp` that counted them.
    table_pairs: Vec<i64>,
    seen: Vec<u32>,
    stamp: u32,
    /// Scratch space for [`Search::scan`]: the tables in a random order.
    table_order: Vec<u32>,
}

/// When the search may stop: the repeats of the bounds (for the plans that keep the cap on
/// meetings, and for all plans) and the cost at which nothing can improve.
#[derive(Debug, Clone, Copy)]
pub struct Targets {
    pub repeats_capped: i64,
    pub repeats_plain: i64,
    /// The weighted wishes no plan can grant ([`crate::bound::wish_floor`]).
    pub wishes: i64,
    pub floor: i64,
}

/// A candidate move: `x` to table `to` in `round`, and `y` (or `NONE`) back to `x`'s table (see
/// [`Kind`] for the moves over several rounds).
#[derive(Debug, Clone, Copy)]
struct Move {
    round: usize,
    x: u32,
    to: u32,
    y: u32,
    delta: i64,
    kind: Kind,
}

/// What a [`Move`] changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One round: `x` moves (or swaps with `y`).
    Plain,
    /// `x` and `y` swap their tables in every round of the chain that starts in `round` (see
    /// [`Search::chain`]), which keeps the tables each of them visits.
    Chain,
    /// `x` trades the tables of two rounds: `to` (its table in round `s`) in `round`, and its
    /// table of `round` in `s`; the tables it visits stay the same (a tour's order changes).
    Rounds(u32),
}

impl<'a> Search<'a> {
    pub fn new(inst: &'a Instance) -> Self {
        let (p, t, r) = (inst.p, inst.t, inst.r);
        let open = inst.capacity.iter().filter(|&&c| c > 0).count().max(1);
        let mut fair = Vec::with_capacity(inst.attr.len());
        let mut spread = Vec::with_capacity(inst.attr.len());
        for (k, column) in inst.attr.iter().enumerate() {
            let values = inst.attr_values[k];
            let mut share = vec![0u16; r * values];
            for round in 0..r {
                let mut count = vec![0usize; values];
                for (x, &v) in column.iter().enumerate() {
                    if v != NONE && inst.is_present(round, x) {
                        count[v as usize] += 1;
                    }
                }
                for v in 0..values {
                    share[round * values + v] = u16::try_from(count[v].div_ceil(open)).unwrap_or(u16::MAX);
                }
            }
            fair.push(share);
            spread.push(vec![0u16; r * t * values]);
        }
        let wish: Vec<Vec<(u32, i64)>> = (0..p)
            .map(|x| {
                if inst.wishes_count(x) {
                    inst.wishes[x].iter().zip(W_WISH).map(|(&topic, w)| (topic, w)).collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        let wish_cost = wish.iter().flatten().map(|&(_, w)| w).sum();
        let movable = (0..r * p)
            .map(|i| {
                let round = i / p;
                round >= inst.held && inst.present[i] && inst.fixed[i] == NONE
            })
            .collect();
        Search {
            inst,
            rng: Rng::new(inst.seed),
            table: vec![NONE; r * p],
            members: vec![Vec::new(); r * t],
            pos: vec![0; r * p],
            meet: vec![0; p * p],
            visits: vec![0; p * inst.k],
            wish,
            wish_cost,
            spread,
            fair,
            movable,
            tabu_table: vec![NONE; r * p],
            tabu_until: vec![0; r * p],
            cost: 0,
            iteration: 0,
            repeats: 0,
            hard: 0,
            over_cap: 0,
            hard_floor: 0,
            over_floor: 0,
            cap: inst.max_meetings.map_or(u8::MAX, |c| u8::try_from(c).unwrap_or(u8::MAX)),
            chain_rounds: Vec::new(),
            topic_change: Vec::new(),
            pair_shift: Vec::new(),
            touched: Vec::new(),
            table_pairs: vec![0; t],
            seen: vec![0; p],
            stamp: 0,
            table_order: (0..t).map(crate::instance::u32_of).collect(),
        }
    }

    /// The seating found: `r * p` tables (`NONE` for absent people).
    pub fn seating(&self) -> &[u32] {
        &self.table
    }

    pub fn iterations(&self) -> u64 {
        self.iteration
    }

    fn place(&mut self, r: usize, x: usize, to: usize) {
        let (p, t) = (self.inst.p, self.inst.t);
        let topic = self.inst.topic(to);
        let wish = self.wish_weight(x, topic);
        let group = &mut self.members[r * t + to];
        for &y in group.iter() {
            let y = y as usize;
            let m = self.meet[x * p + y];
            match self.inst.pair_kind[x * p + y] {
                PAIR_APART => self.hard += 1,
                PAIR_TOGETHER => {}
                _ => {
                    self.repeats += i64::from(m >= 1);
                    self.over_cap += i64::from(m >= self.cap);
                }
            }
            self.meet[x * p + y] = m.saturating_add(1);
            self.meet[y * p + x] = m.saturating_add(1);
        }
        let v = x * self.inst.k + topic;
        if self.visits[v] == 0 {
            self.wish_cost -= wish;
        } else if self.inst.no_revisits && !self.inst.is_host(x) {
            self.hard += 1;
        }
        self.pos[r * p + x] = crate::instance::u32_of(group.len());
        group.push(crate::instance::u32_of(x));
        self.table[r * p + x] = crate::instance::u32_of(to);
        self.visits[v] = self.visits[v].saturating_add(1);
        for (k, column) in self.inst.attr.iter().enumerate() {
            let v = column[x];
            if v != NONE {
                let values = self.inst.attr_values[k];
                self.spread[k][(r * t + to) * values + v as usize] += 1;
            }
        }
    }

    fn remove(&mut self, r: usize, x: usize) {
        let (p, t) = (self.inst.p, self.inst.t);
        let from = self.table[r * p + x] as usize;
        let group = &mut self.members[r * t + from];
        let at = self.pos[r * p + x] as usize;
        group.swap_remove(at);
        if let Some(&moved) = group.get(at) {
            self.pos[r * p + moved as usize] = crate::instance::u32_of(at);
        }
        for &y in group.iter() {
            let y = y as usize;
            let m = self.meet[x * p + y];
            match self.inst.pair_kind[x * p + y] {
                PAIR_APART => self.hard -= 1,
                PAIR_TOGETHER => {}
                _ => {
                    self.repeats -= i64::from(m >= 2);
                    self.over_cap -= i64::from(m > self.cap);
                }
            }
            self.meet[x * p + y] = m - 1;
            self.meet[y * p + x] = m - 1;
        }
        self.table[r * p + x] = NONE;
        let v = x * self.inst.k + self.inst.topic(from);
        self.visits[v] -= 1;
        if self.visits[v] == 0 {
            self.wish_cost += self.wish_weight(x, self.inst.topic(from));
        } else if self.inst.no_revisits && !self.inst.is_host(x) {
            self.hard -= 1;
        }
        for (k, column) in self.inst.attr.iter().enumerate() {
            let v = column[x];
            if v != NONE {
                let values = self.inst.attr_values[k];
                self.spread[k][(r * t + from) * values + v as usize] -= 1;
            }
        }
    }

    fn size(&self, r: usize, table: usize) -> usize {
        self.members[r * self.inst.t + table].len()
    }

    /// The weight of the wish of `x` for `topic` (0 when it is not one the search pursues).
    #[inline]
    fn wish_weight(&self, x: usize, topic: usize) -> i64 {
        self.wish[x].iter().find(|&&(w, _)| w as usize == topic).map_or(0, |&(_, weight)| weight)
    }

    /// Rounds in which `x` sits at a table of `topic`.
    #[inline]
    fn visits_of(&self, x: usize, topic: usize) -> u8 {
        self.visits[x * self.inst.k + topic]
    }

    /// The travel and wish terms of `x` going from `before` to `after` visits of `topic`.
    fn topic_term(&self, x: usize, topic: usize, before: i64, after: i64) -> i64 {
        let mut delta = 0;
        if self.inst.no_revisits && !self.inst.is_host(x) {
            delta += W_HARD * ((after - 1).max(0) - (before - 1).max(0));
        }
        if (before == 0) != (after == 0) {
            let w = self.wish_weight(x, topic);
            delta += if after == 0 { w } else { -w };
        }
        delta
    }

    /// Cost change for the pair `(x, y)` meeting once more.
    #[inline]
    fn inc(&self, x: usize, y: usize) -> i64 {
        let i = x * self.inst.p + y;
        match self.inst.pair_kind[i] {
            PAIR_APART => W_HARD,
            PAIR_TOGETHER => 0,
            _ => {
                let m = self.meet[i];
                let over = if m >= self.cap { W_CAP } else { 0 };
                let m = i64::from(m);
                over + if m >= 1 { W_REPEAT + W_HEAVY * (m - 1) } else { 0 }
            }
        }
    }

    /// Cost change for the pair `(x, y)` meeting once less.
    #[inline]
    fn dec(&self, x: usize, y: usize) -> i64 {
        let i = x * self.inst.p + y;
        match self.inst.pair_kind[i] {
            PAIR_APART => -W_HARD,
            PAIR_TOGETHER => 0,
            _ => {
                let m = self.meet[i];
                let over = if m > self.cap { W_CAP } else { 0 };
                let m = i64::from(m);
                -over - if m >= 2 { W_REPEAT + W_HEAVY * (m - 2) } else { 0 }
            }
        }
    }

    /// Pairs: `x` joins `table` (without meeting `skip`).
    fn pair_join(&self, r: usize, x: usize, table: usize, skip: u32) -> i64 {
        self.members[r * self.inst.t + table].iter().filter(|&&y| y != skip).map(|&y| self.inc(x, y as usize)).sum()
    }

    /// Pairs: `x` leaves its table.
    fn pair_leave(&self, r: usize, x: usize) -> i64 {
        let from = self.table[r * self.inst.p + x] as usize;
        self.members[r * self.inst.t + from]
            .iter()
            .filter(|&&y| y as usize != x)
            .map(|&y| self.dec(x, y as usize))
            .sum()
    }

    /// Travel, wish and previous-plan terms of `x` moving from `from` to `to` (nothing but the
    /// previous plan between two tables of one topic).
    fn person_term(&self, r: usize, x: usize, from: usize, to: usize) -> i64 {
        let (a, b) = (self.inst.topic(from), self.inst.topic(to));
        let mut delta = self.previous_term(r, x, from, to);
        // The travel and wish terms are 0 unless travellers may not return or `x` has wishes.
        if a != b && (self.inst.no_revisits || !self.wish[x].is_empty()) {
            let (va, vb) = (i64::from(self.visits_of(x, a)), i64::from(self.visits_of(x, b)));
            delta += self.topic_term(x, a, va, va - 1) + self.topic_term(x, b, vb, vb + 1);
        }
        delta
    }

    /// Previous-plan term of `x` moving from `from` to `to` in round `r`.
    fn previous_term(&self, r: usize, x: usize, from: usize, to: usize) -> i64 {
        let prev = self.inst.previous[r * self.inst.p + x];
        if prev == NONE {
            return 0;
        }
        W_MOVE * (i64::from(to as u32 != prev) - i64::from(from as u32 != prev))
    }

    /// Spread: `x` leaves `from` and joins `to`; `other` is a person of the same move going the
    /// other way (a swap), whose own values are handled here too.
    fn spread_term(&self, r: usize, x: usize, from: usize, to: usize, other: Option<usize>) -> i64 {
        let t = self.inst.t;
        let mut delta = 0;
        for (k, column) in self.inst.attr.iter().enumerate() {
            let values = self.inst.attr_values[k];
            let counts = &self.spread[k];
            let fair = &self.fair[k];
            let vx = column[x];
            let vy = other.map_or(NONE, |y| column[y]);
            if vx == vy {
                continue;
            }
            let mut shift = |v: u32, from: usize, to: usize| {
                if v == NONE {
                    return;
                }
                let share = fair[r * values + v as usize];
                if counts[(r * t + from) * values + v as usize] > share {
                    delta -= W_SPREAD;
                }
                if counts[(r * t + to) * values + v as usize] >= share {
                    delta += W_SPREAD;
                }
            };
            shift(vx, from, to);
            shift(vy, to, from);
        }
        delta
    }

    /// Keep-together: `x` goes to `to`; `other` = `(y, y's new table)` moves at the same time.
    fn together_term(&self, r: usize, x: usize, to: usize, other: Option<(usize, usize)>) -> i64 {
        let inst = self.inst;
        if inst.together_of[x].is_empty() {
            return 0;
        }
        let p = inst.p;
        let from = self.table[r * p + x] as usize;
        let mut split = 0i64;
        for &q in &inst.together_of[x] {
            let q = q as usize;
            let tq = self.table[r * p + q];
            if tq == NONE {
                continue;
            }
            let before = tq as usize;
            let after = match other {
                Some((y, ty)) if y == q => ty,
                _ => before,
            };
            split += i64::from(after != to) - i64::from(before != from);
        }
        split * W_TOGETHER
    }

    fn relocate_delta(&self, r: usize, x: usize, to: usize) -> i64 {
        let from = self.table[r * self.inst.p + x] as usize;
        let (sa, sb) = (self.size(r, from) as i64, self.size(r, to) as i64);
        self.pair_leave(r, x)
            + self.pair_join(r, x, to, NONE)
            + self.person_term(r, x, from, to)
            + self.spread_term(r, x, from, to, None)
            + self.together_term(r, x, to, None)
            + W_BALANCE * 2 * (sb - sa + 1)
    }

    /// Swap of `x` (at `a`) and `y` (at `b`), given `x`'s pair terms for leaving `a` and
    /// joining all of `b`.
    fn swap_delta(&self, r: usize, x: usize, y: usize, x_leave: i64, x_join_all: i64) -> i64 {
        let p = self.inst.p;
        let a = self.table[r * p + x] as usize;
        let b = self.table[r * p + y] as usize;
        x_leave + x_join_all - self.inc(x, y)
            + self.pair_leave(r, y)
            + self.pair_join(r, y, a, crate::instance::u32_of(x))
            + self.person_term(r, x, a, b)
            + self.person_term(r, y, b, a)
            + self.spread_term(r, x, a, b, Some(y))
            + self.together_term(r, x, b, Some((y, a)))
            + self.together_term(r, y, a, Some((x, b)))
    }

    /// Recounts the cost from scratch.
    pub fn breakdown(&self) -> Breakdown {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let mut b = Breakdown::default();
        // Each person's table-mates over all rounds (each pair once, from its smaller end) and
        // tables: proportional to the seats, not to the square of the people.
        let mut mate_seen = vec![usize::MAX; p];
        let mut topic_seen = vec![usize::MAX; inst.k];
        for x in 0..p {
            for r in 0..inst.r {
                let a = self.table[r * p + x];
                if a == NONE {
                    continue;
                }
                for &y in &self.members[r * t + a as usize] {
                    let y = y as usize;
                    if y <= x || mate_seen[y] == x {
                        continue;
                    }
                    mate_seen[y] = x;
                    let m = i64::from(self.meet[x * p + y]);
                    match inst.kind(x, y) {
                        PAIR_APART => b.hard += m,
                        PAIR_TOGETHER => {}
                        _ => {
                            b.repeats += (m - 1).max(0);
                            b.heavy += (m - 1).max(0) * (m - 2).max(0) / 2;
                            b.over_cap += (m - i64::from(self.cap)).max(0);
                        }
                    }
                }
                let topic = inst.topic(a as usize);
                if inst.no_revisits && !inst.is_host(x) && topic_seen[topic] != x {
                    topic_seen[topic] = x;
                    b.hard += (i64::from(self.visits_of(x, topic)) - 1).max(0);
                }
            }
            b.wishes += self.wish[x]
                .iter()
                .filter(|&&(topic, _)| self.visits_of(x, topic as usize) == 0)
                .map(|w| w.1)
                .sum::<i64>();
        }
        for r in inst.held..inst.r {
            for tb in 0..t {
                let s = self.size(r, tb) as i64;
                b.squares += s * s;
            }
            for (k, counts) in self.spread.iter().enumerate() {
                let values = inst.attr_values[k];
                for tb in 0..t {
                    for v in 0..values {
                        let c = counts[(r * t + tb) * values + v];
                        b.spread += i64::from(c.saturating_sub(self.fair[k][r * values + v]));
                    }
                }
            }
            for &(x, y) in &inst.together {
                let (tx, ty) = (self.table[r * p + x as usize], self.table[r * p + y as usize]);
                if tx != NONE && ty != NONE && tx != ty {
                    b.together += 1;
                }
            }
            for x in 0..p {
                let prev = inst.previous[r * p + x];
                let now = self.table[r * p + x];
                if prev != NONE && now != NONE && prev != now {
                    b.moves += 1;
                }
            }
        }
        b
    }

    /// Seats everyone: held and fixed seats, then previous seats where they still fit, then the
    /// rest one by one (in random order) at the table where they add the least cost (see
    /// [`Search::fill_round`] for what `stop` changes: a plan is needed, so it always finishes).
    pub fn construct(&mut self, stop: &dyn Fn() -> bool) {
        let inst = self.inst;
        let p = inst.p;
        let design =
            crate::design::affine_rounds(inst).or_else(|| crate::design::cohort_rounds(inst)).unwrap_or_default();
        for r in 0..inst.r {
            if r == inst.held {
                self.hard_floor = self.hard;
                self.over_floor = self.over_cap;
            }
            if let Some(seats) = design.get(r) {
                for (x, &to) in seats.iter().enumerate() {
                    self.place(r, x, to as usize);
                }
                continue;
            }
            for x in 0..p {
                let f = inst.fixed_at(r, x);
                if inst.is_present(r, x) && f != NONE {
                    self.place(r, x, f as usize);
                }
            }
            if r < inst.held {
                continue;
            }
            self.fill_round(r, stop);
        }
        if inst.held >= inst.r {
            self.hard_floor = self.hard;
            self.over_floor = self.over_cap;
        }
        self.cost = self.breakdown().total();
    }

    /// Seats the movable people of planned round `r` (nobody of them seated yet): previous seats
    /// where they still fit, then the rest one by one (in random order) at the table where they
    /// add the least cost. Once `stop` says stop (polled every 64 people), each person looks
    /// at a random few tables only, unless none of them fits without breaking a hard rule.
    fn fill_round(&mut self, r: usize, stop: &dyn Fn() -> bool) {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let mut order: Vec<usize> = (0..p).filter(|&x| self.movable[r * p + x]).collect();
        self.rng.shuffle(&mut order);
        let mut rest = Vec::with_capacity(order.len());
        for &x in &order {
            let prev = inst.previous[r * p + x];
            if prev != NONE && self.size(r, prev as usize) < inst.capacity[prev as usize] as usize {
                self.place(r, x, prev as usize);
            } else {
                rest.push(x);
            }
        }
        let mut quick = false;
        let mut tables = std::mem::take(&mut self.table_order);
        for (i, x) in rest.into_iter().enumerate() {
            if !quick && t > TABLE_SAMPLE && i % 64 == 0 && stop() {
                quick = true;
            }
            self.pairs_by_table(r, x);
            let mut best = (i64::MAX, NONE as usize);
            if quick {
                for i in 0..TABLE_SAMPLE {
                    let j = i + self.rng.below(t - i);
                    tables.swap(i, j);
                }
                best = self.best_table(r, x, &tables[..TABLE_SAMPLE]);
            }
            // A broken rule costs `W_HARD` (less a granted wish at most): look at every table.
            if best.0 >= W_HARD / 2 {
                best = self.best_table(r, x, &tables);
            }
            // Some table has a free seat (the checks count the seats), so `NONE` never comes.
            self.place(r, x, if best.1 == NONE as usize { 0 } else { best.1 });
        }
        self.table_order = tables;
        if inst.no_revisits {
            for x in 0..p {
                if self.movable[r * p + x] && !inst.is_host(x) {
                    let a = self.table[r * p + x] as usize;
                    if self.visits_of(x, inst.topic(a)) >= 2 {
                        self.reroute(r, x);
                    }
                }
            }
        }
    }

    /// Moves `x`, back at a table in round `r`, to a table it has not sat at, shifting others
    /// along the shortest chain that ends at a free seat (an augmenting path: `x` takes a seat
    /// at `b₁`, someone there moves on to `b₂`, …), each person to a table new to them. The
    /// greedy start seats people one by one and can paint itself into a corner in tight tours
    /// (every seat taken, everyone's last table full); such a chain exists whenever the round
    /// can be seated without revisits given the other rounds, and the search could take long to
    /// find it with single moves.
    fn reroute(&mut self, r: usize, x: usize) {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let a0 = self.table[r * p + x] as usize;
        // Per table: who moves into it, and from which table (`NONE` for `x`'s own step).
        let mut via: Vec<(u32, u32)> = vec![(NONE, NONE); t];
        let mut reached = vec![false; t];
        let mut queue = std::collections::VecDeque::new();
        // `who`, now at `at`, may take a seat at `c`: a topic new to them, or the one they are at.
        let opens = |search: &Self, who: usize, at: usize, c: usize| {
            inst.capacity[c] > 0 && (inst.topic(c) == inst.topic(at) || search.visits_of(who, inst.topic(c)) == 0)
        };
        for c in 0..t {
            if inst.topic(c) != inst.topic(a0) && opens(self, x, a0, c) {
                reached[c] = true;
                via[c] = (crate::instance::u32_of(x), NONE);
                queue.push_back(c);
            }
        }
        let mut end = None;
        while let Some(b) = queue.pop_front() {
            // `x` leaves `a0`, so a seat there is free for whoever comes next.
            if self.size(r, b) < inst.capacity[b] as usize || (b == a0 && via[b].0 as usize != x) {
                end = Some(b);
                break;
            }
            for i in 0..self.members[r * t + b].len() {
                let y = self.members[r * t + b][i] as usize;
                if !self.movable[r * p + y] || inst.is_host(y) || y == x {
                    continue;
                }
                for c in 0..t {
                    if !reached[c] && c != b && opens(self, y, b, c) {
                        reached[c] = true;
                        via[c] = (crate::instance::u32_of(y), crate::instance::u32_of(b));
                        queue.push_back(c);
                    }
                }
            }
        }
        let Some(mut c) = end else { return };
        // Walk back from the free seat: each step's person moves into its table.
        loop {
            let (who, from) = via[c];
            let who = who as usize;
            self.remove(r, who);
            self.place(r, who, c);
            if from == NONE {
                break;
            }
            c = from as usize;
        }
    }

    /// The table among `tables` with a free seat in round `r` where `x` adds the least cost (given
    /// [`Search::table_pairs`]), with that cost; ties broken at random. `(i64::MAX, NONE)` when
    /// none has a free seat.
    fn best_table(&mut self, r: usize, x: usize, tables: &[u32]) -> (i64, usize) {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let mut best = (i64::MAX, NONE as usize, 0usize);
        for &to in tables {
            let to = to as usize;
            let s = self.size(r, to);
            if s >= inst.capacity[to] as usize {
                continue;
            }
            let mut delta = self.table_pairs[to] + W_BALANCE * (2 * s as i64 + 1);
            let topic = inst.topic(to);
            let seen = i64::from(self.visits_of(x, topic));
            delta += self.topic_term(x, topic, seen, seen + 1);
            for (k, column) in inst.attr.iter().enumerate() {
                let v = column[x];
                if v != NONE {
                    let values = inst.attr_values[k];
                    if self.spread[k][(r * t + to) * values + v as usize] >= self.fair[k][r * values + v as usize] {
                        delta += W_SPREAD;
                    }
                }
            }
            for &q in &inst.together_of[x] {
                let tq = self.table[r * p + q as usize];
                if tq != NONE && tq as usize != to {
                    delta += W_TOGETHER;
                }
            }
            // Ties are broken at random (reservoir sampling).
            if delta < best.0 {
                best = (delta, to, 1);
            } else if delta == best.0 {
                best.2 += 1;
                if self.rng.below(best.2) == 0 {
                    best.1 = to;
                }
            }
        }
        (best.0, best.1)
    }

    /// Sets [`Search::table_pairs`] to the pair cost of `x` (not seated in round `r`) joining
    /// each table of round `r`. Only the people `x` met in other rounds and their keep-apart
    /// partners cost anything, so they are visited instead of every table's members: with
    /// hundreds of tables this is what keeps the start fast.
    fn pairs_by_table(&mut self, r: usize, x: usize) {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        self.table_pairs.fill(0);
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill(0);
            self.stamp = 1;
        }
        let stamp = self.stamp;
        for other in (0..inst.r).filter(|&o| o != r) {
            let a = self.table[other * p + x];
            if a == NONE {
                continue;
            }
            for i in 0..self.members[other * t + a as usize].len() {
                let y = self.members[other * t + a as usize][i] as usize;
                let b = self.table[r * p + y];
                if y != x && b != NONE && self.seen[y] != stamp {
                    self.seen[y] = stamp;
                    self.table_pairs[b as usize] += self.inc(x, y);
                }
            }
        }
        for &y in &inst.apart_of[x] {
            let y = y as usize;
            let b = self.table[r * p + y];
            if b != NONE && self.seen[y] != stamp {
                self.seen[y] = stamp;
                self.table_pairs[b as usize] += self.inc(x, y);
            }
        }
    }

    /// A fresh start for the planned rounds: everyone movable seated again greedily.
    fn rebuild(&mut self, stop: &dyn Fn() -> bool) {
        let inst = self.inst;
        let p = inst.p;
        for r in inst.held..inst.r {
            for x in 0..p {
                if self.movable[r * p + x] {
                    self.remove(r, x);
                }
            }
        }
        for r in inst.held..inst.r {
            self.fill_round(r, stop);
        }
        self.cost = self.breakdown().total();
    }

    /// Seats of movable people that add to the cost; with no revisits the hot ones first (a
    /// broken hard rule, or a table-mate met three times or more, or more often than the cap).
    /// Returns how many are hot.
    fn conflicts(&self, out: &mut Vec<(usize, usize)>) -> usize {
        out.clear();
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let heavy = self.cap.min(2);
        let mut hot = 0;
        for r in inst.held..inst.r {
            let smallest_with_room = (0..t)
                .filter(|&tb| self.size(r, tb) < inst.capacity[tb] as usize)
                .map(|tb| self.size(r, tb))
                .min()
                .unwrap_or(usize::MAX);
            for x in 0..p {
                if !self.movable[r * p + x] {
                    continue;
                }
                let a = self.table[r * p + x] as usize;
                let prev = inst.previous[r * p + x];
                // The most meetings with a table-mate (`u8::MAX` for a keep-apart pair).
                let worst = self.members[r * t + a]
                    .iter()
                    .map(|&y| {
                        let i = x * p + y as usize;
                        match inst.pair_kind[i] {
                            _ if y as usize == x => 0,
                            PAIR_APART => u8::MAX,
                            PAIR_TOGETHER => 0,
                            _ => self.meet[i],
                        }
                    })
                    .max()
                    .unwrap_or(0);
                let revisit = inst.no_revisits && !inst.is_host(x) && self.visits_of(x, inst.topic(a)) >= 2;
                // Hot seats go first only where they are sampled first (tours).
                if inst.no_revisits && (revisit || worst > heavy) {
                    out.push((r, x));
                    let last = out.len() - 1;
                    out.swap(hot, last);
                    hot += 1;
                    continue;
                }
                let mut hit = worst >= 2
                    || revisit
                    || self.wish[x].iter().any(|&(topic, _)| self.visits_of(x, topic as usize) == 0)
                    || (prev != NONE && prev as usize != a)
                    || self.size(r, a) >= smallest_with_room.saturating_add(2);
                if !hit {
                    hit = inst.attr.iter().enumerate().any(|(k, column)| {
                        let v = column[x];
                        let values = inst.attr_values[k];
                        v != NONE
                            && self.spread[k][(r * t + a) * values + v as usize] > self.fair[k][r * values + v as usize]
                    });
                }
                if !hit {
                    hit = inst.together_of[x].iter().any(|&q| {
                        let tq = self.table[r * p + q as usize];
                        tq != NONE && tq as usize != a
                    });
                }
                if hit {
                    out.push((r, x));
                }
            }
        }
        hot
    }

    /// Whether moving `x` to `to` in round `r` is tabu. With no revisits the seat itself is tabu
    /// for a while, whatever the table: otherwise the search cycles forever through moves that
    /// only shift balance and spread (in a full tour every move is a trade over two rounds or a
    /// chain, and cheap ones abound), never taking the step up in repeats that leaves a valley.
    fn is_tabu(&self, r: usize, x: usize, to: usize) -> bool {
        let i = r * self.inst.p + x;
        self.tabu_until[i] > self.iteration && (self.inst.no_revisits || self.tabu_table[i] as usize == to)
    }

    /// Tries one move for the seat `(r, x)` and records it in `best` if better.
    fn scan(&mut self, r: usize, x: usize, chains: bool, best_cost: i64, best: &mut Option<Move>, ties: &mut usize) {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let a = self.table[r * p + x] as usize;
        let x_leave = self.pair_leave(r, x);
        // With many tables, a random few of them: an iteration then costs the same at 500
        // tables as at 50, and a seat's way out of a conflict is at most tables.
        let mut order = std::mem::take(&mut self.table_order);
        let tables = t.min(TABLE_SAMPLE);
        if tables < t {
            for i in 0..tables {
                let j = i + self.rng.below(t - i);
                order.swap(i, j);
            }
        }
        for &b in &order[..tables] {
            let b = b as usize;
            if b == a || inst.capacity[b] == 0 {
                continue;
            }
            let x_tabu = self.is_tabu(r, x, b);
            if self.size(r, b) < inst.capacity[b] as usize {
                let delta = self.relocate_delta(r, x, b);
                let candidate = Move { round: r, x: x as u32, to: b as u32, y: NONE, delta, kind: Kind::Plain };
                self.consider(candidate, x_tabu, best_cost, best, ties);
            }
            // In a tour, every swap at a topic `x` already sat at sends someone back: only chains
            // can take them.
            if !chains && inst.no_revisits && inst.topic(b) != inst.topic(a) && self.visits_of(x, inst.topic(b)) >= 1 {
                continue;
            }
            // Computed at the first plain swap (in tours most swaps are chains).
            let mut x_join_all = None;
            for i in 0..self.members[r * t + b].len() {
                let y = self.members[r * t + b][i] as usize;
                if !self.movable[r * p + y] {
                    continue;
                }
                let tabu = x_tabu || self.is_tabu(r, y, a);
                let candidate = if self.sends_back(r, x, y) {
                    if !chains {
                        continue;
                    }
                    let Some(delta) = self.chain_delta(r, x, y) else { continue };
                    Move { round: r, x: x as u32, to: b as u32, y: y as u32, delta, kind: Kind::Chain }
                } else {
                    let x_join_all = *x_join_all.get_or_insert_with(|| self.pair_join(r, x, b, NONE));
                    let delta = self.swap_delta(r, x, y, x_leave, x_join_all);
                    Move { round: r, x: x as u32, to: b as u32, y: y as u32, delta, kind: Kind::Plain }
                };
                self.consider(candidate, tabu, best_cost, best, ties);
            }
        }
        self.table_order = order;
        if inst.no_revisits && !inst.is_host(x) {
            for s in inst.held..inst.r {
                let b = self.table[s * p + x] as usize;
                if s == r || !self.movable[s * p + x] || b == a {
                    continue;
                }
                let Some(delta) = self.rounds_delta(r, s, x) else { continue };
                let tabu = self.is_tabu(r, x, b) || self.is_tabu(s, x, a);
                let candidate =
                    Move { round: r, x: x as u32, to: b as u32, y: NONE, delta, kind: Kind::Rounds(s as u32) };
                self.consider(candidate, tabu, best_cost, best, ties);
            }
        }
    }

    /// The cost change of `x` trading its tables of rounds `r` and `s` (see [`Kind::Rounds`]), or
    /// `None` when a table has no free seat for it. The tables `x` visits stay the same, so only
    /// its pairs (summed over both rounds: someone met in both is met as often as before), the
    /// table sizes, spread, keep-together and previous-plan terms change.
    fn rounds_delta(&mut self, r: usize, s: usize, x: usize) -> Option<i64> {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let (a, b) = (self.table[r * p + x] as usize, self.table[s * p + x] as usize);
        if self.size(r, b) >= inst.capacity[b] as usize || self.size(s, a) >= inst.capacity[a] as usize {
            return None;
        }
        let mut shift = std::mem::take(&mut self.pair_shift);
        shift.resize(2 * p, 0);
        let mut touched = std::mem::take(&mut self.touched);
        touched.clear();
        for (round, from, to) in [(r, a, b), (s, b, a)] {
            for (table, d) in [(from, -1), (to, 1)] {
                for &z in &self.members[round * t + table] {
                    let z = z as usize;
                    if z != x {
                        if shift[z] == 0 {
                            touched.push(z);
                        }
                        shift[z] += d;
                    }
                }
            }
        }
        let mut delta = 0i64;
        for &z in &touched {
            let d = i64::from(shift[z]);
            shift[z] = 0;
            if d != 0 {
                let m = i64::from(self.meet[x * p + z]);
                let kind = inst.pair_kind[x * p + z];
                delta += self.pair_cost(kind, m + d) - self.pair_cost(kind, m);
            }
        }
        self.pair_shift = shift;
        self.touched = touched;
        for (round, from, to) in [(r, a, b), (s, b, a)] {
            let (sa, sb) = (self.size(round, from) as i64, self.size(round, to) as i64);
            delta += W_BALANCE * 2 * (sb - sa + 1)
                + self.previous_term(round, x, from, to)
                + self.spread_term(round, x, from, to, None)
                + self.together_term(round, x, to, None);
        }
        Some(delta)
    }

    fn consider(&mut self, m: Move, tabu: bool, best_cost: i64, best: &mut Option<Move>, ties: &mut usize) {
        if tabu && self.cost + m.delta >= best_cost {
            return;
        }
        match best {
            Some(b) if m.delta > b.delta => {}
            Some(b) if m.delta == b.delta => {
                *ties += 1;
                if self.rng.below(*ties) == 0 {
                    *best = Some(m);
                }
            }
            _ => {
                *best = Some(m);
                *ties = 1;
            }
        }
    }

    /// Whether swapping `x` and `y` in round `r` sends one of them back to a table they sat at.
    fn sends_back(&self, r: usize, x: usize, y: usize) -> bool {
        let inst = self.inst;
        if !inst.no_revisits {
            return false;
        }
        let p = inst.p;
        let (a, b) = (inst.topic(self.table[r * p + x] as usize), inst.topic(self.table[r * p + y] as usize));
        a != b && (self.visits_of(x, b) >= 1 || self.visits_of(y, a) >= 1)
    }

    /// The rounds in which `x` and `y` swap their tables so that neither sits at a topic twice
    /// more than before, starting with round `r`: swapping in a round gives `x` the table of `y`;
    /// if `x` sits at that table's topic in another round, they swap there too, and so on (a
    /// Kempe chain over topics). `false` when the chain reaches a round where one of them is
    /// absent or fixed, or where they sit at the same topic.
    fn chain(&self, r: usize, x: usize, y: usize, rounds: &mut Vec<usize>) -> bool {
        let inst = self.inst;
        let p = inst.p;
        rounds.clear();
        rounds.push(r);
        let mut i = 0;
        while i < rounds.len() {
            let s = rounds[i];
            i += 1;
            let (tx, ty) = (self.table[s * p + x], self.table[s * p + y]);
            if tx == NONE
                || ty == NONE
                || inst.topic_of[tx as usize] == inst.topic_of[ty as usize]
                || !self.movable[s * p + x]
                || !self.movable[s * p + y]
            {
                return false;
            }
            for (who, gets) in [(x, inst.topic_of[ty as usize]), (y, inst.topic_of[tx as usize])] {
                for q in inst.held..inst.r {
                    let at = self.table[q * p + who];
                    if at != NONE && inst.topic_of[at as usize] == gets && !rounds.contains(&q) {
                        rounds.push(q);
                    }
                }
            }
        }
        true
    }

    /// Swaps `x` and `y` (at different tables) in round `r`; returns the cost change.
    fn swap_now(&mut self, r: usize, x: usize, y: usize) -> i64 {
        let p = self.inst.p;
        let (a, b) = (self.table[r * p + x] as usize, self.table[r * p + y] as usize);
        let delta = self.swap_delta(r, x, y, self.pair_leave(r, x), self.pair_join(r, x, b, NONE));
        self.remove(r, x);
        self.remove(r, y);
        self.place(r, y, a);
        self.place(r, x, b);
        delta
    }

    /// The cost of a pair that meets `m` times.
    fn pair_cost(&self, kind: u8, m: i64) -> i64 {
        match kind {
            PAIR_APART => W_HARD * m,
            PAIR_TOGETHER => 0,
            _ => {
                let extra = (m - 1).max(0);
                W_REPEAT * extra + W_HEAVY * extra * (m - 2).max(0) / 2 + W_CAP * (m - i64::from(self.cap)).max(0)
            }
        }
    }

    /// The cost change of the chain swap of `x` and `y` starting in round `r`, or `None` when
    /// there is no chain. Computed without moving anyone: the pair counts of `x` and `y` change by
    /// the sum over the chain's rounds, the travel term by their visits before and after, and the
    /// other terms round by round.
    fn chain_delta(&mut self, r: usize, x: usize, y: usize) -> Option<i64> {
        let inst = self.inst;
        let (p, t) = (inst.p, inst.t);
        let mut rounds = std::mem::take(&mut self.chain_rounds);
        // A chain through every round only swaps who is who: the same meetings under other names.
        if !self.chain(r, x, y, &mut rounds) || rounds.len() == inst.r {
            self.chain_rounds = rounds;
            return None;
        }
        let mut shift = std::mem::take(&mut self.pair_shift);
        shift.resize(2 * p, 0);
        let mut touched = std::mem::take(&mut self.touched);
        touched.clear();
        let mut delta = 0i64;
        for &s in &rounds {
            let (a, b) = (self.table[s * p + x] as usize, self.table[s * p + y] as usize);
            for (who, off, from, to, other) in [(x, 0, a, b, y), (y, p, b, a, x)] {
                for &z in &self.members[s * t + from] {
                    let z = z as usize;
                    if z != who {
                        if shift[off + z] == 0 {
                            touched.push(off + z);
                        }
                        shift[off + z] -= 1;
                    }
                }
                for &z in &self.members[s * t + to] {
                    let z = z as usize;
                    if z != other {
                        if shift[off + z] == 0 {
                            touched.push(off + z);
                        }
                        shift[off + z] += 1;
                    }
                }
            }
            delta += self.spread_term(s, x, a, b, Some(y))
                + self.together_term(s, x, b, Some((y, a)))
                + self.together_term(s, y, a, Some((x, b)));
            for (who, from, to) in [(x, a, b), (y, b, a)] {
                let prev = inst.previous[s * p + who];
                if prev != NONE {
                    delta += W_MOVE * (i64::from(to as u32 != prev) - i64::from(from as u32 != prev));
                }
            }
        }
        for &k in &touched {
            let (who, z) = if k < p { (x, k) } else { (y, k - p) };
            let d = i64::from(shift[k]);
            shift[k] = 0;
            if d != 0 {
                let m = i64::from(self.meet[who * p + z]);
                let kind = inst.pair_kind[who * p + z];
                delta += self.pair_cost(kind, m + d) - self.pair_cost(kind, m);
            }
        }
        // Visits of topics after the swap: x takes y's tables in the chain's rounds and y takes
        // x's (the travel rule and the wishes).
        let mut change = std::mem::take(&mut self.topic_change);
        for (who, other) in [(x, y), (y, x)] {
            change.clear();
            for &s in &rounds {
                change.push((inst.topic(self.table[s * p + who] as usize), -1));
                change.push((inst.topic(self.table[s * p + other] as usize), 1));
            }
            change.sort_unstable();
            let mut i = 0;
            while i < change.len() {
                let topic = change[i].0;
                let mut d = 0;
                while i < change.len() && change[i].0 == topic {
                    d += change[i].1;
                    i += 1;
                }
                let v = i64::from(self.visits_of(who, topic));
                delta += self.topic_term(who, topic, v, v + d);
            }
        }
        self.topic_change = change;
        self.pair_shift = shift;
        self.touched = touched;
        self.chain_rounds = rounds;
        Some(delta)
    }

    fn apply(&mut self, m: Move, tenure: u64) {
        let p = self.inst.p;
        let r = m.round;
        let x = m.x as usize;
        let a = self.table[r * p + x] as usize;
        if m.kind == Kind::Chain {
            let y = m.y as usize;
            let mut rounds = std::mem::take(&mut self.chain_rounds);
            if self.chain(r, x, y, &mut rounds) {
                let before = self.cost;
                for &s in &rounds {
                    // Neither may go back to the table they leave, in any round of the chain.
                    self.tabu_table[s * p + x] = self.table[s * p + x];
                    self.tabu_until[s * p + x] = self.iteration + tenure;
                    self.tabu_table[s * p + y] = self.table[s * p + y];
                    self.tabu_until[s * p + y] = self.iteration + tenure;
                    self.cost += self.swap_now(s, x, y);
                }
                debug_assert_eq!(self.cost - before, m.delta, "chain delta");
            }
            self.chain_rounds = rounds;
            return;
        }
        if let Kind::Rounds(s) = m.kind {
            let (s, b) = (s as usize, m.to as usize);
            self.remove(r, x);
            self.place(r, x, b);
            self.remove(s, x);
            self.place(s, x, a);
            self.tabu_table[r * p + x] = crate::instance::u32_of(a);
            self.tabu_until[r * p + x] = self.iteration + tenure;
            self.tabu_table[s * p + x] = m.to;
            self.tabu_until[s * p + x] = self.iteration + tenure;
            self.cost += m.delta;
            debug_assert_eq!(self.cost, self.breakdown().total(), "rounds delta");
            return;
        }
        self.remove(r, x);
        if m.y != NONE {
            let y = m.y as usize;
            self.remove(r, y);
            self.place(r, y, a);
            self.tabu_table[r * p + y] = m.to;
            self.tabu_until[r * p + y] = self.iteration + tenure;
        }
        self.place(r, x, m.to as usize);
        self.tabu_table[r * p + x] = crate::instance::u32_of(a);
        self.tabu_until[r * p + x] = self.iteration + tenure;
        self.cost += m.delta;
    }

    /// Replaces the seating of the planned rounds by `seating` (rebuilding every count).
    fn restore(&mut self, seating: &[u32]) {
        let inst = self.inst;
        for r in inst.held..inst.r {
            for x in 0..inst.p {
                if self.movable[r * inst.p + x] && self.table[r * inst.p + x] != seating[r * inst.p + x] {
                    self.remove(r, x);
                    self.place(r, x, seating[r * inst.p + x] as usize);
                }
            }
        }
        self.cost = self.breakdown().total();
    }

    /// A few random swaps, to leave a local minimum.
    fn perturb(&mut self, count: usize) {
        let inst = self.inst;
        let p = inst.p;
        if inst.held >= inst.r {
            return;
        }
        for _ in 0..count {
            let r = inst.held + self.rng.below(inst.r - inst.held);
            let x = self.rng.below(p);
            let y = self.rng.below(p);
            if !self.movable[r * p + x] || !self.movable[r * p + y] {
                continue;
            }
            let (a, b) = (self.table[r * p + x] as usize, self.table[r * p + y] as usize);
            if a == b {
                continue;
            }
            if self.sends_back(r, x, y) {
                if let Some(delta) = self.chain_delta(r, x, y) {
                    self.apply(Move { round: r, x: x as u32, to: b as u32, y: y as u32, delta, kind: Kind::Chain }, 0);
                }
                continue;
            }
            let delta = self.swap_delta(r, x, y, self.pair_leave(r, x), self.pair_join(r, x, b, NONE));
            self.apply(Move { round: r, x: x as u32, to: b as u32, y: y as u32, delta, kind: Kind::Plain }, 0);
        }
    }

    /// Whether the plan is at a bound: no hard rule broken beyond the held rounds, and the
    /// repeats at the bound of the plans that keep the cap on meetings (or, when the held rounds
    /// already break the cap, at the bound of all plans).
    fn at_bound(&self, targets: &Targets) -> bool {
        self.hard <= self.hard_floor
            && if self.over_floor == 0 {
                self.over_cap == 0 && self.repeats <= targets.repeats_capped
            } else {
                self.repeats <= targets.repeats_plain
            }
    }

    /// Tabu search until the plan is at the bound and nothing else can improve (the cost at its
    /// floor), the budget ends, or the plan is at the bound and the rest stops improving.
    pub fn improve(&mut self, budget: &Budget<'_>, targets: Targets) {
        let inst = self.inst;
        let movable_count = self.movable.iter().filter(|&&m| m).count();
        if movable_count == 0 {
            return;
        }
        let stall = budget.stall.unwrap_or(1_000 + 4 * movable_count as u64);
        // Once at the bound, only the lower-ranked terms can improve: a short polish, unless
        // wishes can still be granted (worth far more than balance and spread, and granted over
        // many moves).
        let short_polish = stall.min(200 + movable_count as u64);
        let polish = |wish_cost: i64| if wish_cost > targets.wishes { stall } else { short_polish };
        let mut best_cost = self.cost;
        let mut best_wish_cost = self.wish_cost;
        let mut best_seating = self.table.clone();
        let mut best_at_bound = self.at_bound(&targets);
        let mut since_best = 0u64;
        // Kicks since the best plan last improved; after a few, a fresh greedy start.
        let mut kicks = 0u32;
        let mut conflicts = Vec::new();
        let sample = 48usize;
        let mut started = 0u64;
        while started < budget.max_iterations {
            if best_at_bound && (best_cost <= targets.floor || since_best >= polish(best_wish_cost)) {
                break;
            }
            // Every iteration: at thousands of people one iteration takes milliseconds.
            if budget.should_stop.is_some_and(|stop| stop()) {
                break;
            }
            started += 1;
            self.iteration += 1;
            let hot = self.conflicts(&mut conflicts);
            if conflicts.is_empty() {
                break;
            }
            if conflicts.len() > sample {
                // A random sample keeps an iteration cheap on large instances; up to half of it
                // from the hot seats.
                let from_hot = if inst.no_revisits { hot.min(sample / 2) } else { 0 };
                for i in 0..from_hot {
                    let j = i + self.rng.below(hot - i);
                    conflicts.swap(i, j);
                }
                for i in from_hot..sample {
                    let j = i + self.rng.below(conflicts.len() - i);
                    conflicts.swap(i, j);
                }
                conflicts.truncate(sample);
            }
            let mut best: Option<Move> = None;
            let mut ties = 0usize;
            // Chains cost a few rounds' worth of work each: only the first few seats try them.
            for (i, &(r, x)) in conflicts.iter().enumerate() {
                self.scan(r, x, i < CHAIN_SEATS, best_cost, &mut best, &mut ties);
            }
            let tenure = 4 + self.rng.below(12 + inst.t) as u64;
            if let Some(m) = best {
                self.apply(m, tenure);
            } else {
                self.perturb(1);
            }
            let at_bound = self.at_bound(&targets);
            // A plan at the bound beats any plan that is not, whatever the lower terms.
            if (at_bound && !best_at_bound) || (self.cost < best_cost && (at_bound || !best_at_bound)) {
                best_cost = self.cost;
                best_wish_cost = self.wish_cost;
                best_seating.clone_from(&self.table);
                best_at_bound = at_bound;
                since_best = 0;
                kicks = 0;
            } else {
                since_best += 1;
                if since_best >= stall {
                    kicks += 1;
                    if kicks >= RESTART_AFTER_KICKS {
                        self.rebuild(budget.should_stop.unwrap_or(&|| false));
                        kicks = 0;
                    } else {
                        self.restore(&best_seating);
                        let kick = 2 + self.rng.below(1 + movable_count / 20);
                        self.perturb(kick);
                    }
                    since_best = 0;
                }
            }
        }
        if self.table != best_seating {
            self.restore(&best_seating);
        }
        debug_assert_eq!(self.cost, self.breakdown().total());
    }
}
