//! The quality report, recounted naively from a seating (independently of the search's counts).

use std::collections::HashMap;

use crate::bound::Bounds;
use crate::instance::{Instance, NONE, PAIR_APART, PAIR_TOGETHER, u32_of};
use crate::search::W_WISH;
use crate::{QualityReport, RoundSeating, WishCount};

/// Recounts everything the report says from `seating` (`r * p` tables, `NONE` for absent).
#[allow(clippy::too_many_lines)]
pub fn recount(inst: &Instance, seating: &[u32], bounds: Bounds, iterations: u64) -> QualityReport {
    let (p, t) = (inst.p, inst.t);
    let mut groups: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); t]; inst.r];
    for r in 0..inst.r {
        for x in 0..p {
            let tb = seating[r * p + x];
            if tb != NONE {
                groups[r][tb as usize].push(x);
            }
        }
    }

    let mut meetings: HashMap<(usize, usize), u32> = HashMap::new();
    let mut apart_violations = 0u32;
    for (r, round) in groups.iter().enumerate() {
        for group in round {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    match inst.kind(a, b) {
                        PAIR_TOGETHER => {}
                        PAIR_APART => {
                            if r >= inst.held {
                                apart_violations += 1;
                            }
                        }
                        _ => *meetings.entry((a, b)).or_insert(0) += 1,
                    }
                }
            }
        }
    }
    let repeat_encounters: u64 = meetings.values().map(|&m| u64::from(m.saturating_sub(1))).sum();
    let max_pair_meetings = meetings.values().copied().max().unwrap_or(0);
    let pairs_meeting_repeatedly = meetings.values().filter(|&&m| m > 1).count() as u64;
    let pairs_over_cap = inst.max_meetings.map_or(0, |cap| meetings.values().filter(|&&m| m > cap).count() as u64);
    let max_meetings_kept = pairs_over_cap == 0;
    // The bound of the plans that keep the cap holds for this plan only when it keeps the cap.
    let bound = if max_meetings_kept { bounds.capped } else { bounds.plain };

    let table_sizes: Vec<Vec<u32>> =
        groups.iter().map(|round| round.iter().map(|g| u32_of(g.len())).collect()).collect();
    let size_spread = (inst.held..inst.r)
        .map(|r| {
            let open = (0..t).filter(|&tb| inst.capacity[tb] > 0).map(|tb| table_sizes[r][tb]);
            let (lo, hi) = open.fold((u32::MAX, 0), |(lo, hi), s| (lo.min(s), hi.max(s)));
            hi.saturating_sub(lo)
        })
        .max()
        .unwrap_or(0);

    let open = inst.capacity.iter().filter(|&&c| c > 0).count().max(1);
    let mut attribute_clashes = 0u64;
    for (k, column) in inst.attr.iter().enumerate() {
        let values = inst.attr_values[k];
        for r in inst.held..inst.r {
            let mut total = vec![0usize; values];
            for x in 0..p {
                if seating[r * p + x] != NONE && column[x] != NONE {
                    total[column[x] as usize] += 1;
                }
            }
            for group in &groups[r] {
                let mut here = vec![0usize; values];
                for &x in group {
                    if column[x] != NONE {
                        here[column[x] as usize] += 1;
                    }
                }
                for v in 0..values {
                    attribute_clashes += here[v].saturating_sub(total[v].div_ceil(open)) as u64;
                }
            }
        }
    }

    // Per traveller, the topics they sat at (revisits counted in planned rounds), and the wishes
    // granted.
    let mut table_revisits = 0u64;
    let mut wishes: Vec<WishCount> = Vec::new();
    let mut wishes_missed = 0i64;
    let mut seen = vec![false; inst.k];
    for x in (0..p).filter(|&x| !inst.is_host(x)) {
        seen.fill(false);
        for r in 0..inst.r {
            let tb = seating[r * p + x];
            if tb == NONE {
                continue;
            }
            let topic = inst.topic(tb as usize);
            if seen[topic] && r >= inst.held {
                table_revisits += 1;
            }
            seen[topic] = true;
        }
        if !inst.wishes_count(x) {
            continue;
        }
        for (i, &topic) in inst.wishes[x].iter().enumerate() {
            if wishes.len() <= i {
                wishes.push(WishCount { rank: u32_of(i + 1), asked: 0, granted: 0 });
            }
            wishes[i].asked += 1;
            wishes[i].granted += u32::from(seen[topic as usize]);
            if !seen[topic as usize] {
                wishes_missed += W_WISH.get(i).copied().unwrap_or(0);
            }
        }
    }

    let pins_honoured =
        u32_of(inst.pins.iter().filter(|&&(x, r, tb)| seating[r as usize * p + x as usize] == tb).count());
    let mut together_kept = 0;
    let mut together_total = 0;
    for r in 0..inst.r {
        for &(a, b) in &inst.together {
            let (ta, tb) = (seating[r * p + a as usize], seating[r * p + b as usize]);
            if ta != NONE && tb != NONE {
                together_total += 1;
                if ta == tb {
                    together_kept += 1;
                }
            }
        }
    }
    let moved = u32_of(
        (inst.held * p..inst.r * p)
            .filter(|&i| inst.previous[i] != NONE && seating[i] != NONE && seating[i] != inst.previous[i])
            .count(),
    );

    QualityReport {
        repeat_encounters,
        lower_bound: bound.0,
        lower_bound_method: bound.1,
        optimal: repeat_encounters == bound.0,
        max_pair_meetings,
        pairs_meeting_repeatedly,
        table_sizes,
        size_spread,
        attribute_clashes,
        table_revisits,
        pins_honoured,
        pins_total: u32_of(inst.pins.len()),
        apart_violations,
        together_kept,
        together_total,
        moved,
        iterations,
        max_meetings: inst.max_meetings,
        max_meetings_kept,
        pairs_over_cap,
        wishes,
        wishes_best_possible: wishes_missed == 0 || wishes_missed <= crate::bound::wish_floor(inst, &W_WISH),
    }
}

/// The seating as table id → participant ids, round by round.
pub fn seating_by_table(inst: &Instance, seating: &[u32]) -> Vec<RoundSeating> {
    (0..inst.r)
        .map(|r| {
            let mut round: RoundSeating = inst.table_ids.iter().map(|id| (id.clone(), Vec::new())).collect();
            for x in 0..inst.p {
                let tb = seating[r * inst.p + x];
                if tb != NONE
                    && let Some(list) = round.get_mut(&inst.table_ids[tb as usize])
                {
                    list.push(inst.participant_ids[x].clone());
                }
            }
            round
        })
        .collect()
}
