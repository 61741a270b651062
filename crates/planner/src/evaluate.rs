//! Judging a given seating — e.g. one a moderator edited by hand — with the same report as a
//! planned one.

use std::collections::HashMap;

use crate::instance::{self, NONE};
use crate::{PlanError, PlanRequest, QualityReport, RoundSeating, bound, report};

/// The quality report of `seating` (one map per round, table id → participant ids, as in
/// [`crate::PlanOutcome::rounds`]) for the instance `request`.
///
/// The seating is taken as it is, without search: the report counts what it finds, broken rules
/// included. The lower bound is the one of the instance without its held rounds, pins and
/// previous plan, i.e. of the best plan there could be. Ids the request does not know are skipped.
pub fn evaluate(request: &PlanRequest, seating: &[RoundSeating]) -> Result<QualityReport, PlanError> {
    let mut open = request.clone();
    open.held.clear();
    open.pinned.clear();
    open.previous.clear();
    let inst = instance::build(&open)?;
    let bound = bound::lower_bound(&inst, &|| false);
    let people: HashMap<&str, usize> =
        inst.participant_ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let tables: HashMap<&str, u32> =
        inst.table_ids.iter().enumerate().map(|(i, id)| (id.as_str(), instance::u32_of(i))).collect();
    let mut seats = vec![NONE; inst.r * inst.p];
    for (r, round) in seating.iter().enumerate().take(inst.r) {
        for (table, members) in round {
            let Some(&t) = tables.get(table.as_str()) else { continue };
            for person in members {
                if let Some(&x) = people.get(person.as_str()) {
                    seats[r * inst.p + x] = t;
                }
            }
        }
    }
    Ok(report::recount(&inst, &seats, bound, 0))
}
