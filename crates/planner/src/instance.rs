//! Checking a [`PlanRequest`] and turning it into dense indices for the search.

use std::collections::{BTreeMap, HashMap};

use crate::{PlanError, PlanRequest};

/// The most rounds the planner takes (pair meeting counts are kept in a byte).
pub const MAX_ROUNDS: u32 = 200;

/// The most participants the planner takes: its pair matrices grow with the square of this
/// (two bytes per pair, 50 MB at the maximum), and the search must stay responsive.
pub const MAX_PARTICIPANTS: usize = 5_000;

/// No table / no value.
pub const NONE: u32 = u32::MAX;

/// How two people relate, for the pair matrix.
pub const PAIR_NORMAL: u8 = 0;
/// A keep-apart pair.
pub const PAIR_APART: u8 = 1;
/// A keep-together pair.
pub const PAIR_TOGETHER: u8 = 2;

/// A checked request in dense indices: people `0..p`, tables `0..t`, rounds `0..r`, topics
/// `0..k`.
#[derive(Debug, Clone)]
pub struct Instance {
    pub p: usize,
    pub t: usize,
    pub r: usize,
    /// Number of distinct topics.
    pub k: usize,
    /// Per table: its topic.
    pub topic_of: Vec<u32>,
    /// Rounds `0..held` are fixed as held.
    pub held: usize,
    pub no_revisits: bool,
    pub capacity: Vec<u32>,
    /// Per person: the table they host.
    pub host_of: Vec<u32>,
    /// `r * p`: whether the person is seated in the round.
    pub present: Vec<bool>,
    /// `r * p`: the table the person must sit at (held seat, host's table or pin), or `NONE`.
    pub fixed: Vec<u32>,
    /// `r * p`: the seat in the previous plan, or `NONE`.
    pub previous: Vec<u32>,
    /// `p * p`: `PAIR_*`.
    pub pair_kind: Vec<u8>,
    pub together: Vec<(u32, u32)>,
    /// Per person, their keep-together partners.
    pub together_of: Vec<Vec<u32>>,
    /// Per person, their keep-apart partners.
    pub apart_of: Vec<Vec<u32>>,
    /// Per spread attribute: per person its value index, or `NONE`.
    pub attr: Vec<Vec<u32>>,
    /// Per spread attribute: number of distinct values.
    pub attr_values: Vec<usize>,
    /// Pins as (person, round, table), for the report.
    pub pins: Vec<(u32, u32, u32)>,
    /// Per person: the topics they wish for, first choice first (hosts' wishes included; they
    /// are left out where wishes count).
    pub wishes: Vec<Vec<u32>>,
    pub participant_ids: Vec<String>,
    pub table_ids: Vec<String>,
    pub seed: u64,
    /// The cap on meetings per pair, if any.
    pub max_meetings: Option<u32>,
}

impl Instance {
    pub fn is_present(&self, round: usize, person: usize) -> bool {
        self.present[round * self.p + person]
    }

    pub fn fixed_at(&self, round: usize, person: usize) -> u32 {
        self.fixed[round * self.p + person]
    }

    pub fn kind(&self, a: usize, b: usize) -> u8 {
        self.pair_kind[a * self.p + b]
    }

    pub fn is_host(&self, person: usize) -> bool {
        self.host_of[person] != NONE
    }

    /// The topic of `table`.
    pub fn topic(&self, table: usize) -> usize {
        self.topic_of[table] as usize
    }

    /// Whether anyone whose wishes count (no host, there in some round) wishes for something.
    pub fn has_wishes(&self) -> bool {
        (0..self.p).any(|x| self.wishes_count(x))
    }

    /// Whether the wishes of `x` count: not a host, and there in at least one round.
    pub fn wishes_count(&self, x: usize) -> bool {
        !self.wishes[x].is_empty() && !self.is_host(x) && (0..self.r).any(|r| self.is_present(r, x))
    }
}

fn index_of(map: &HashMap<&str, u32>, id: &str) -> Option<u32> {
    map.get(id).copied()
}

/// Checks every rule that can be checked before searching, and builds the [`Instance`].
#[allow(clippy::too_many_lines, clippy::many_single_char_names)]
pub fn build(req: &PlanRequest) -> Result<Instance, PlanError> {
    if req.rounds > MAX_ROUNDS {
        return Err(PlanError::TooManyRounds { rounds: req.rounds, max: MAX_ROUNDS });
    }
    if req.participants.len() > MAX_PARTICIPANTS {
        return Err(PlanError::TooManyParticipants {
            participants: u32_of(req.participants.len()),
            max: u32_of(MAX_PARTICIPANTS),
        });
    }
    let r = req.rounds as usize;
    let mut tables: HashMap<&str, u32> = HashMap::new();
    for (i, table) in req.tables.iter().enumerate() {
        if tables.insert(table.id.as_str(), u32_of(i)).is_some() {
            return Err(PlanError::DuplicateId { kind: "table", id: table.id.clone() });
        }
    }
    let mut people: HashMap<&str, u32> = HashMap::new();
    for (i, person) in req.participants.iter().enumerate() {
        if people.insert(person.id.as_str(), u32_of(i)).is_some() {
            return Err(PlanError::DuplicateId { kind: "participant", id: person.id.clone() });
        }
    }
    let p = req.participants.len();
    let t = req.tables.len();
    // Topics, in the order of their first table.
    let mut topics: HashMap<&str, u32> = HashMap::new();
    let topic_of: Vec<u32> = req
        .tables
        .iter()
        .map(|table| {
            let next = u32_of(topics.len());
            *topics.entry(table.topic_name()).or_insert(next)
        })
        .collect();
    let k = topics.len();
    let mut wishes = Vec::with_capacity(p);
    for person in &req.participants {
        let mut list: Vec<u32> = Vec::with_capacity(person.wishes.len());
        for (i, wish) in person.wishes.iter().enumerate() {
            let Some(&topic) = topics.get(wish.as_str()) else {
                return Err(PlanError::UnknownWishTopic {
                    participant: person.id.clone(),
                    topic: wish.clone(),
                    rank: u32_of(i + 1),
                });
            };
            if let Some(first) = list.iter().position(|&w| w == topic) {
                return Err(PlanError::DuplicateWish {
                    participant: person.id.clone(),
                    topic: wish.clone(),
                    first: u32_of(first + 1),
                    second: u32_of(i + 1),
                });
            }
            list.push(topic);
        }
        wishes.push(list);
    }
    let person = |context: &'static str, id: &str| {
        index_of(&people, id).ok_or_else(|| PlanError::UnknownParticipant { context, id: id.to_owned() })
    };
    let table = |context: &'static str, id: &str| {
        index_of(&tables, id).ok_or_else(|| PlanError::UnknownTable { context, id: id.to_owned() })
    };
    let round_ok = |context: &'static str, round: u32| {
        if round < req.rounds {
            Ok(round as usize)
        } else {
            Err(PlanError::RoundOutOfRange { context, round, rounds: req.rounds })
        }
    };

    // Hosts.
    let capacity: Vec<u32> = req.tables.iter().map(|t| t.capacity).collect();
    let mut host_of = vec![NONE; p];
    for (ti, spec) in req.tables.iter().enumerate() {
        let Some(host) = &spec.host else { continue };
        let h = index_of(&people, host)
            .ok_or_else(|| PlanError::HostUnknown { table: spec.id.clone(), host: host.clone() })?;
        if host_of[h as usize] != NONE {
            return Err(PlanError::HostTwice {
                host: host.clone(),
                first: req.tables[host_of[h as usize] as usize].id.clone(),
                second: spec.id.clone(),
            });
        }
        if spec.capacity == 0 {
            return Err(PlanError::HostWithoutSeat { table: spec.id.clone(), host: host.clone() });
        }
        host_of[h as usize] = u32_of(ti);
    }

    // Held rounds: presence and seats as they were.
    if req.held.len() > r {
        return Err(PlanError::HeldExceedsRounds { held: u32_of(req.held.len()), rounds: req.rounds });
    }
    let held = req.held.len();
    let mut present = vec![true; r * p];
    let mut fixed = vec![NONE; r * p];
    for (ri, seating) in req.held.iter().enumerate() {
        present[ri * p..(ri + 1) * p].fill(false);
        for (tid, ids) in seating {
            let ti = table("held", tid)?;
            for id in ids {
                let x = person("held", id)? as usize;
                if present[ri * p + x] {
                    return Err(PlanError::HeldSeatedTwice { participant: id.clone(), round: u32_of(ri) });
                }
                present[ri * p + x] = true;
                fixed[ri * p + x] = ti;
            }
        }
    }

    // Absences (held rounds are as they were).
    for absence in &req.absent {
        let x = person("absent", &absence.participant)? as usize;
        match &absence.rounds {
            None => (held..r).for_each(|ri| present[ri * p + x] = false),
            Some(rounds) => {
                for &round in rounds {
                    let ri = round_ok("absent", round)?;
                    if ri >= held {
                        present[ri * p + x] = false;
                    }
                }
            }
        }
    }

    // Hosts stay at their table.
    for ri in held..r {
        for x in 0..p {
            if host_of[x] != NONE && present[ri * p + x] {
                fixed[ri * p + x] = host_of[x];
            }
        }
    }

    // Pins.
    let mut pins = Vec::with_capacity(req.pinned.len());
    for pin in &req.pinned {
        let x = person("pinned", &pin.participant)? as usize;
        let ri = round_ok("pinned", pin.round)?;
        let ti = table("pinned", &pin.table)?;
        pins.push((u32_of(x), pin.round, ti));
        if !present[ri * p + x] {
            return Err(PlanError::PinnedAbsent { participant: pin.participant.clone(), round: pin.round });
        }
        let current = fixed[ri * p + x];
        if current != NONE && current != ti {
            return Err(PlanError::PinConflict {
                participant: pin.participant.clone(),
                round: pin.round,
                first: req.tables[current as usize].id.clone(),
                second: pin.table.clone(),
            });
        }
        fixed[ri * p + x] = ti;
    }
    for ri in held..r {
        let mut count = vec![0u32; t];
        for x in 0..p {
            let f = fixed[ri * p + x];
            if f != NONE {
                count[f as usize] += 1;
            }
        }
        for ti in 0..t {
            if count[ti] > capacity[ti] {
                return Err(PlanError::PinOverCapacity {
                    table: req.tables[ti].id.clone(),
                    round: u32_of(ri),
                    fixed: count[ti],
                    capacity: capacity[ti],
                });
            }
        }
        let people_there = u32_of((0..p).filter(|&x| present[ri * p + x]).count());
        // Summed in 64 bits: capacities near `u32::MAX` must not wrap around.
        let seats: u64 = capacity.iter().map(|&c| u64::from(c)).sum();
        if u64::from(people_there) > seats {
            let seats = u32::try_from(seats).unwrap_or(u32::MAX);
            return Err(PlanError::CapacityTooSmall { round: u32_of(ri), people: people_there, seats });
        }
    }

    // Travel: no topic twice.
    let no_revisits = req.travel.forbids_revisits();
    if no_revisits {
        let open_tables = u32_of(capacity.iter().filter(|&&c| c > 0).count());
        let mut open_topic = vec![false; k];
        for (ti, &c) in capacity.iter().enumerate() {
            if c > 0 {
                open_topic[topic_of[ti] as usize] = true;
            }
        }
        let open_topics = u32_of(open_topic.iter().filter(|&&open| open).count());
        let mut worst = 0u32;
        for x in (0..p).filter(|&x| host_of[x] == NONE) {
            // Per topic: the first round and table where `x` is fixed there.
            let mut seen: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
            for ri in 0..r {
                let f = fixed[ri * p + x];
                if f == NONE {
                    continue;
                }
                let topic = topic_of[f as usize];
                if let Some(&(first, first_table)) = seen.get(&topic) {
                    if ri >= held {
                        return Err(PlanError::PinRevisit {
                            participant: req.participants[x].id.clone(),
                            table: req.tables[f as usize].id.clone(),
                            first_table: req.tables[first_table as usize].id.clone(),
                            topic: req.tables[f as usize].topic_name().to_owned(),
                            first,
                            second: u32_of(ri),
                        });
                    }
                } else {
                    seen.insert(topic, (u32_of(ri), f));
                }
            }
            let planned = u32_of((held..r).filter(|&ri| present[ri * p + x]).count());
            let held_topics = (0..held)
                .map(|ri| fixed[ri * p + x])
                .filter(|&f| f != NONE)
                .map(|f| topic_of[f as usize])
                .filter(|&topic| open_topic[topic as usize])
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let free_topics = open_topics - u32_of(held_topics);
            if planned > free_topics {
                let there = u32_of((0..r).filter(|&ri| present[ri * p + x]).count());
                worst = worst.max(there);
            }
        }
        if worst > 0 {
            return Err(PlanError::TooManyRoundsForTour {
                rounds: worst,
                tables: open_tables,
                topics: open_topics,
                travel: req.travel.as_str(),
            });
        }
        tour_fits(req, &capacity, &host_of, &present, &fixed, held, &topic_of, k)?;
    }

    // Pairs.
    let mut pair_kind = vec![PAIR_NORMAL; p * p];
    let mut apart_of = vec![Vec::new(); p];
    for [a, b] in &req.apart {
        let (x, y) = (person("apart", a)?, person("apart", b)?);
        if x == y {
            return Err(PlanError::SelfPair { context: "apart", id: a.clone() });
        }
        for ri in held..r {
            let (fx, fy) = (fixed[ri * p + x as usize], fixed[ri * p + y as usize]);
            if fx != NONE && fx == fy {
                return Err(PlanError::ApartImpossible {
                    first: a.clone(),
                    second: b.clone(),
                    round: u32_of(ri),
                    table: req.tables[fx as usize].id.clone(),
                });
            }
        }
        if pair_kind[x as usize * p + y as usize] != PAIR_APART {
            apart_of[x as usize].push(y);
            apart_of[y as usize].push(x);
        }
        pair_kind[x as usize * p + y as usize] = PAIR_APART;
        pair_kind[y as usize * p + x as usize] = PAIR_APART;
    }
    let mut together = Vec::new();
    let mut together_of = vec![Vec::new(); p];
    for [a, b] in &req.together {
        let (x, y) = (person("together", a)?, person("together", b)?);
        if x == y {
            return Err(PlanError::SelfPair { context: "together", id: a.clone() });
        }
        // A pair both apart and together: apart wins.
        if pair_kind[x as usize * p + y as usize] != PAIR_NORMAL {
            continue;
        }
        pair_kind[x as usize * p + y as usize] = PAIR_TOGETHER;
        pair_kind[y as usize * p + x as usize] = PAIR_TOGETHER;
        together.push((x.min(y), x.max(y)));
        together_of[x as usize].push(y);
        together_of[y as usize].push(x);
    }

    // Spread attributes.
    let mut attr = Vec::new();
    let mut attr_values = Vec::new();
    for name in &req.spread {
        let mut values: HashMap<&str, u32> = HashMap::new();
        let column: Vec<u32> = req
            .participants
            .iter()
            .map(|person| match person.attributes.get(name) {
                Some(v) if !v.trim().is_empty() => {
                    let next = u32_of(values.len());
                    *values.entry(v.trim()).or_insert(next)
                }
                _ => NONE,
            })
            .collect();
        attr_values.push(values.len());
        attr.push(column);
    }

    // The previous plan: a hint only, so unknown ids are skipped.
    let mut previous = vec![NONE; r * p];
    for (ri, seating) in req.previous.iter().enumerate().take(r) {
        for (tid, ids) in seating {
            let Some(ti) = index_of(&tables, tid) else { continue };
            for id in ids {
                if let Some(x) = index_of(&people, id) {
                    previous[ri * p + x as usize] = ti;
                }
            }
        }
    }

    Ok(Instance {
        p,
        t,
        r,
        k,
        topic_of,
        held,
        no_revisits,
        capacity,
        host_of,
        present,
        fixed,
        previous,
        pair_kind,
        together,
        together_of,
        apart_of,
        attr,
        attr_values,
        pins,
        wishes,
        participant_ids: req.participants.iter().map(|p| p.id.clone()).collect(),
        table_ids: req.tables.iter().map(|t| t.id.clone()).collect(),
        seed: req.seed,
        max_meetings: req.max_meetings,
    })
}

/// Whether the travellers can visit distinct topics in every planned round they are there, with
/// the seats the tables have: a necessary condition, refused at once with its way out.
///
/// Each traveller `x` there in `d_x` planned rounds needs `d_x` distinct topics; topic `τ` can
/// take at most `U_τ` visits (the traveller seats of its tables, summed over the planned rounds)
/// and at most one per traveller. By the Gale–Ryser theorem such a choice of topics exists only
/// if, for every `k`, the `k` largest demands sum to at most `Σ_τ min(U_τ, k)`. (Without
/// absences, pins and held rounds the condition is also sufficient: the chosen visits split into
/// rounds with at most `⌈U_τ / rounds⌉` per topic and round, by de Werra's equitable edge
/// colouring, and a topic's visitors of a round share out over its tables.)
///
/// With held rounds a traveller may not take the topics they already sat at there, so the
/// topics differ by traveller and Gale–Ryser no longer applies: the choice is then a flow from
/// the travellers (grouped by demand and held topics; people alike in both are interchangeable)
/// through the topics each may still visit to the topics' places, and it fails when the
/// largest flow is below the visits needed (see [`held_tour_flow`]).
#[allow(clippy::too_many_arguments)]
fn tour_fits(
    req: &PlanRequest,
    capacity: &[u32],
    host_of: &[u32],
    present: &[bool],
    fixed: &[u32],
    held: usize,
    topic_of: &[u32],
    topics: usize,
) -> Result<(), PlanError> {
    let (p, t, r) = (req.participants.len(), capacity.len(), req.rounds as usize);
    // Hosts present per planned round and table.
    let mut hosts = vec![0u64; r * t];
    let mut demands: Vec<u64> = Vec::new();
    // Travellers alike in demand and held topics: (demand, held topics) -> how many.
    let mut kinds: BTreeMap<(u64, Vec<u32>), u64> = BTreeMap::new();
    for x in 0..p {
        if host_of[x] == NONE {
            let d = (held..r).filter(|&ri| present[ri * p + x]).count() as u64;
            if d > 0 {
                demands.push(d);
                let mut seen: Vec<u32> = (0..held)
                    .map(|ri| fixed[ri * p + x])
                    .filter(|&f| f != NONE)
                    .map(|f| topic_of[f as usize])
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                *kinds.entry((d, seen)).or_default() += 1;
            }
        } else {
            for ri in held..r {
                if present[ri * p + x] {
                    hosts[ri * t + host_of[x] as usize] += 1;
                }
            }
        }
    }
    demands.sort_unstable_by(|a, b| b.cmp(a));
    // Visits per topic over the first `rounds` planned rounds, every table given at least `min`
    // seats.
    let places = |rounds: usize, min: u64| -> Vec<u64> {
        let mut per_topic = vec![0u64; topics];
        for ti in 0..t {
            let visits: u64 = (held..r.min(held + rounds))
                .map(|ri| {
                    u64::from(capacity[ti])
                        .max(if capacity[ti] > 0 { min } else { 0 })
                        .saturating_sub(hosts[ri * t + ti])
                })
                .sum();
            per_topic[topic_of[ti] as usize] = per_topic[topic_of[ti] as usize].saturating_add(visits);
        }
        per_topic
    };
    // With held topics (and a flow network of a size the check can afford), the flow decides.
    let kinds: Vec<(u64, u64, Vec<u32>)> = kinds.into_iter().map(|((d, seen), n)| (n, d, seen)).collect();
    let by_flow = kinds.iter().any(|kind| !kind.2.is_empty()) && kinds.len().saturating_mul(topics) <= MAX_FLOW_EDGES;
    // The first k (1-based) where the condition fails, with the demands capped at `cap`.
    let gale_ryser = |places: &[u64], cap: u64| -> Option<(u64, u64)> {
        let mut sorted = places.to_vec();
        sorted.sort_unstable();
        let mut below = 0usize;
        let mut below_sum = 0u64;
        let mut need = 0u64;
        for (i, &d) in demands.iter().enumerate() {
            let k = i as u64 + 1;
            need += d.min(cap);
            while below < sorted.len() && sorted[below] < k {
                below_sum += sorted[below];
                below += 1;
            }
            let can = below_sum + k * (sorted.len() - below) as u64;
            if need > can {
                return Some((need, can));
            }
        }
        None
    };
    let fails = |places: &[u64], cap: u64| -> Option<(u64, u64)> {
        if by_flow { held_tour_flow(&kinds, places, cap) } else { gale_ryser(places, cap) }
    };
    let planned = r - held;
    let Some((visits, can)) = fails(&places(planned, 0), u64::MAX) else { return Ok(()) };
    // The way out: every table at least this many seats, or fewer rounds.
    let most = demands.len() as u64 + 1;
    let (mut lo, mut hi) = (1u64, most + u64::from(capacity.iter().copied().max().unwrap_or(0)));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if fails(&places(planned, mid), u64::MAX).is_none() { hi = mid } else { lo = mid + 1 }
    }
    let max_rounds = (0..planned).rev().find(|&k| fails(&places(k, 0), k as u64).is_none()).unwrap_or(0);
    let (smallest, seats) = (0..t)
        .filter(|&ti| capacity[ti] > 0)
        .map(|ti| (ti, capacity[ti]))
        .min_by_key(|&(ti, c)| (c, ti))
        .unwrap_or((0, 0));
    Err(PlanError::TourTooTight {
        travel: req.travel.as_str(),
        travellers: u32_of(demands.len()),
        visits: u32::try_from(visits).unwrap_or(u32::MAX),
        places: u32::try_from(can).unwrap_or(u32::MAX),
        table: req.tables.get(smallest).map(|t| t.id.clone()).unwrap_or_default(),
        seats,
        min_seats: u32::try_from(lo).unwrap_or(u32::MAX),
        max_rounds: u32_of(held + max_rounds),
    })
}

/// The most edges (kinds of traveller × topics) of the flow in [`tour_fits`]; larger instances
/// with held rounds are checked without their held topics (Gale–Ryser, still necessary).
const MAX_FLOW_EDGES: usize = 1 << 18;

/// Whether travellers of the given kinds (`(how many, visits each, topics they may not take)`)
/// can take distinct topics, at most `places[τ]` visits to topic `τ` and at most `cap` visits
/// each: `None` if so, else the visits needed and the most that fit (a maximum flow from the
/// kinds to the topics they may take, at most one visit per traveller and topic, to the places).
/// Exact: a kind's flow to each topic is at most its number of travellers, so it splits over
/// them with the same number of visits each (filling the topics round-robin).
fn held_tour_flow(kinds: &[(u64, u64, Vec<u32>)], places: &[u64], cap: u64) -> Option<(u64, u64)> {
    let (n, k) = (kinds.len(), places.len());
    // Nodes: source, kinds, topics, sink.
    let (source, sink) = (0, n + k + 1);
    let mut flow = Flow::new(n + k + 2);
    let mut need = 0u64;
    for (i, (count, d, seen)) in kinds.iter().enumerate() {
        let want = count.saturating_mul((*d).min(cap));
        need = need.saturating_add(want);
        flow.edge(source, 1 + i, want);
        for topic in (0..k).filter(|&topic| seen.binary_search(&u32_of(topic)).is_err()) {
            flow.edge(1 + i, 1 + n + topic, *count);
        }
    }
    for (topic, &place) in places.iter().enumerate() {
        flow.edge(1 + n + topic, sink, place);
    }
    let can = flow.max(source, sink);
    (can < need).then_some((need, can))
}

/// A maximum flow (Dinic's algorithm) on a small network.
struct Flow {
    /// Per edge: head, remaining capacity; edge `e ^ 1` is its reverse.
    head: Vec<usize>,
    left: Vec<u64>,
    /// Per node: its edges.
    out: Vec<Vec<usize>>,
}

impl Flow {
    fn new(nodes: usize) -> Self {
        Flow { head: Vec::new(), left: Vec::new(), out: vec![Vec::new(); nodes] }
    }

    fn edge(&mut self, from: usize, to: usize, capacity: u64) {
        self.out[from].push(self.head.len());
        self.head.push(to);
        self.left.push(capacity);
        self.out[to].push(self.head.len());
        self.head.push(from);
        self.left.push(0);
    }

    fn max(&mut self, source: usize, sink: usize) -> u64 {
        let nodes = self.out.len();
        let mut total = 0u64;
        loop {
            // Levels by breadth-first search over edges with capacity left.
            let mut level = vec![usize::MAX; nodes];
            level[source] = 0;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(v) = queue.pop_front() {
                for &e in &self.out[v] {
                    let w = self.head[e];
                    if self.left[e] > 0 && level[w] == usize::MAX {
                        level[w] = level[v] + 1;
                        queue.push_back(w);
                    }
                }
            }
            if level[sink] == usize::MAX {
                return total;
            }
            let mut next = vec![0usize; nodes];
            loop {
                let pushed = self.push(source, sink, u64::MAX, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                total = total.saturating_add(pushed);
            }
        }
    }

    /// One blocking-flow path from `v` (depth-first along the levels), at most `limit`.
    fn push(&mut self, v: usize, sink: usize, limit: u64, level: &[usize], next: &mut [usize]) -> u64 {
        if v == sink {
            return limit;
        }
        while next[v] < self.out[v].len() {
            let e = self.out[v][next[v]];
            let w = self.head[e];
            if self.left[e] > 0 && level[w] == level[v] + 1 {
                let pushed = self.push(w, sink, limit.min(self.left[e]), level, next);
                if pushed > 0 {
                    self.left[e] -= pushed;
                    self.left[e ^ 1] += pushed;
                    return pushed;
                }
            }
            next[v] += 1;
        }
        0
    }
}

/// Converts an index or count to `u32` (instances are far smaller than `u32::MAX`).
pub fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
