//! The rules of consolidation: how statements on the three levels relate, and what merging and
//! splitting statements means. The store only writes what these functions decide.
//!
//! Links join neighbouring levels only: a measure serves goals, steering steers measures. A
//! goal is not linked to a goal, nor steering to a goal directly; the chain goal ← measure ←
//! steering is what the concept's chapters are built from.
//!
//! Every statement has a number on its level within its scope (its process, or its workshop when
//! it belongs to none): Z1, Z2 … for goals, M1 … for measures, S1 … for steering. It is given when
//! the statement is made ([`next_number`]) and never changes with votes, edits or the document
//! that shows it; only a change of level (the number is taken on the new level), a merge (the
//! result is a new statement) and the new part of a split get the next number.

use chrono::{DateTime, Utc};

use crate::validation::MAX_VOTES;
use crate::{NoteId, Statement, StatementId, StatementLevel};

/// Whether statements of these two levels may be linked (in either order).
pub fn may_link(a: StatementLevel, b: StatementLevel) -> bool {
    use StatementLevel::{Goal, Measure, Steering};
    matches!((a, b), (Measure, Goal | Steering) | (Goal | Steering, Measure))
}

/// Why two statements may not be linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefused {
    /// A statement cannot be linked to itself.
    #[error("a statement cannot be linked to itself")]
    Itself,
    /// The levels do not fit (only measure–goal and steering–measure).
    #[error("a {first:?} cannot be linked to a {second:?}")]
    Levels {
        /// The first statement's level.
        first: StatementLevel,
        /// The second statement's level.
        second: StatementLevel,
    },
    /// The statements belong to different processes or workshops.
    #[error("the statements belong to different consolidations")]
    OtherScope,
}

/// Checks that `first` and `second` may be linked.
pub fn check_link(first: &Statement, second: &Statement) -> Result<(), LinkRefused> {
    if first.id == second.id {
        return Err(LinkRefused::Itself);
    }
    if (first.process_id, first.workshop_id) != (second.process_id, second.workshop_id) {
        return Err(LinkRefused::OtherScope);
    }
    if !may_link(first.level, second.level) {
        return Err(LinkRefused::Levels { first: first.level, second: second.level });
    }
    Ok(())
}

/// The links a statement of `level` keeps from `links`: those to levels it may link to. Used
/// when a statement changes level or absorbs another's links by a merge.
pub fn fitting_links(
    level: StatementLevel,
    links: impl IntoIterator<Item = StatementId>,
    level_of: impl Fn(StatementId) -> Option<StatementLevel>,
) -> Vec<StatementId> {
    let mut kept: Vec<StatementId> =
        links.into_iter().filter(|id| level_of(*id).is_some_and(|other| may_link(level, other))).collect();
    kept.sort_unstable();
    kept.dedup();
    kept
}

/// The number the next statement of `level` gets in a scope that holds `scope` (the statements
/// of the process, or of the workshop): one more than the highest on that level, 1 for the
/// first. Numbers of statements still there are never given again.
pub fn next_number<'a>(level: StatementLevel, scope: impl IntoIterator<Item = &'a Statement>) -> u32 {
    scope.into_iter().filter(|s| s.level == level).map(|s| s.number).max().unwrap_or(0).saturating_add(1)
}

/// The number `statement` has once its level is `level`: its own while the level stays, else the
/// next on the new level (its old number is not free there).
pub fn number_for_level<'a>(
    statement: &Statement,
    level: StatementLevel,
    scope: impl IntoIterator<Item = &'a Statement>,
) -> u32 {
    if statement.level == level { statement.number } else { next_number(level, scope) }
}

/// `keep` after `other` was merged into it: the texts one after the other, votes added (up to
/// the limit), the sources of both, and the links of both that fit `keep`'s level (never a link
/// to either of the two). `other` is deleted afterwards. The result is a new statement and gets
/// the next number on its level in `scope` (the statements of their scope, both included), so
/// neither old number is given to it or, later, to another.
pub fn merged<'a>(
    keep: &Statement,
    other: &Statement,
    scope: impl IntoIterator<Item = &'a Statement>,
    level_of: impl Fn(StatementId) -> Option<StatementLevel>,
    now: DateTime<Utc>,
) -> Statement {
    let mut sources: Vec<NoteId> = keep.source_note_ids.iter().chain(&other.source_note_ids).copied().collect();
    sources.sort_unstable();
    sources.dedup();
    let links = keep
        .linked_statement_ids
        .iter()
        .chain(&other.linked_statement_ids)
        .copied()
        .filter(|id| *id != keep.id && *id != other.id);
    Statement {
        number: next_number(keep.level, scope),
        text: format!("{}\n\n{}", keep.text, other.text),
        votes: keep.votes.saturating_add(other.votes).min(MAX_VOTES),
        source_note_ids: sources,
        linked_statement_ids: fitting_links(keep.level, links, level_of),
        updated_at: now,
        ..keep.clone()
    }
}

/// `statement` split in two: the notes in `notes` that are its sources move to a new statement
/// with the same wording, level, attributes and links (and no votes, which stay where they were
/// cast). The statement as it remains keeps its number; the new one gets the next on its level
/// in `scope` (the statements of their scope). Returns the statement as it remains and the new one.
pub fn split<'a>(
    statement: &Statement,
    notes: &[NoteId],
    new_id: StatementId,
    scope: impl IntoIterator<Item = &'a Statement>,
    now: DateTime<Utc>,
) -> (Statement, Statement) {
    let (moved, kept): (Vec<NoteId>, Vec<NoteId>) =
        statement.source_note_ids.iter().copied().partition(|n| notes.contains(n));
    let remaining = Statement { source_note_ids: kept, updated_at: now, ..statement.clone() };
    let new = Statement {
        id: new_id,
        number: next_number(statement.level, scope),
        votes: 0,
        source_note_ids: moved,
        created_at: now,
        updated_at: now,
        ..statement.clone()
    };
    (remaining, new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ProcessId, StatementStatus};
    use StatementLevel::{Goal, Measure, Steering};

    fn statement(level: StatementLevel, text: &str, votes: u32) -> Statement {
        Statement {
            id: StatementId::new(),
            process_id: None,
            workshop_id: None,
            level,
            number: 1,
            text: text.into(),
            field_id: None,
            field_of_action: String::new(),
            votes,
            owner: String::new(),
            time_frame: String::new(),
            status: StatementStatus::Draft,
            source_note_ids: Vec::new(),
            linked_statement_ids: Vec::new(),
            plan: crate::StatementPlan::default(),
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        }
    }

    #[test]
    fn measures_serve_goals_and_steering_steers_measures() {
        let allowed = [(Measure, Goal), (Goal, Measure), (Steering, Measure), (Measure, Steering)];
        for a in [Goal, Measure, Steering] {
            for b in [Goal, Measure, Steering] {
                assert_eq!(may_link(a, b), allowed.contains(&(a, b)), "{a:?}–{b:?}");
            }
        }
        let (goal, measure) = (statement(Goal, "g", 0), statement(Measure, "m", 0));
        assert_eq!(check_link(&measure, &goal), Ok(()));
        assert_eq!(check_link(&goal, &goal), Err(LinkRefused::Itself));
        assert_eq!(check_link(&goal, &statement(Goal, "h", 0)), Err(LinkRefused::Levels { first: Goal, second: Goal }));
        let elsewhere = Statement { process_id: Some(ProcessId::new()), ..statement(Goal, "x", 0) };
        assert_eq!(check_link(&measure, &elsewhere), Err(LinkRefused::OtherScope));
    }

    #[test]
    fn a_merge_keeps_every_source_and_only_fitting_links() {
        let goal = statement(Goal, "Ziel", 0);
        let steering = statement(Steering, "Steuerung", 0);
        let (n1, n2, n3) = (NoteId::new(), NoteId::new(), NoteId::new());
        let mut keep = statement(Measure, "Sprachkurse", 3);
        keep.source_note_ids = vec![n1, n2];
        let mut other = statement(Goal, "Sprache", 4);
        other.source_note_ids = vec![n2, n3];
        other.linked_statement_ids = vec![keep.id, goal.id, steering.id];
        keep.linked_statement_ids = vec![other.id];
        let level_of = |id| [&goal, &steering, &keep, &other].into_iter().find(|s| s.id == id).map(|s| s.level);
        let m = merged(&keep, &other, [&keep, &other], level_of, DateTime::default());
        assert_eq!(m.text, "Sprachkurse\n\nSprache");
        assert_eq!(m.votes, 7);
        assert_eq!(m.source_note_ids.len(), 3);
        let mut expected = vec![goal.id, steering.id];
        expected.sort_unstable();
        assert_eq!(m.linked_statement_ids, expected, "no link to either of the two, all others fit a measure");
        let capped =
            merged(&statement(Goal, "a", MAX_VOTES), &statement(Goal, "b", 5), [], level_of, DateTime::default());
        assert_eq!(capped.votes, MAX_VOTES);
    }

    #[test]
    fn a_split_moves_the_chosen_sources_and_keeps_the_links() {
        let (n1, n2, stranger) = (NoteId::new(), NoteId::new(), NoteId::new());
        let mut s = statement(Measure, "m", 5);
        s.source_note_ids = vec![n1, n2];
        s.linked_statement_ids = vec![StatementId::new()];
        let new_id = StatementId::new();
        let (rest, new) = split(&s, &[n2, stranger], new_id, [&s], DateTime::default());
        assert_eq!((rest.source_note_ids, new.source_note_ids), (vec![n1], vec![n2]));
        assert_eq!((rest.votes, new.votes, new.id), (5, 0, new_id));
        assert_eq!(new.linked_statement_ids, s.linked_statement_ids);
        assert_eq!((new.text.as_str(), new.level), ("m", Measure));
        assert_eq!((rest.number, new.number), (1, 2), "the first part keeps the number, the new one the next");
    }

    #[test]
    fn numbers_count_per_level_and_ignore_votes() {
        let mut scope: Vec<Statement> = Vec::new();
        for (level, votes) in [(Goal, 9), (Measure, 0), (Goal, 1), (Steering, 4), (Goal, 3)] {
            let number = next_number(level, &scope);
            scope.push(Statement { number, ..statement(level, "x", votes) });
        }
        let numbers: Vec<(StatementLevel, u32)> = scope.iter().map(|s| (s.level, s.number)).collect();
        assert_eq!(numbers, [(Goal, 1), (Measure, 1), (Goal, 2), (Steering, 1), (Goal, 3)]);
        // A change of level takes the next number there; staying keeps it.
        assert_eq!(number_for_level(&scope[0], Goal, &scope), 1);
        assert_eq!(number_for_level(&scope[0], Measure, &scope), 2);
    }

    /// One step of work on a scope's statements.
    #[derive(Debug, Clone)]
    enum Step {
        Add(StatementLevel),
        Merge(usize, usize),
        Split(usize),
        Relevel(usize, StatementLevel),
        Delete(usize),
        Vote(usize, u32),
    }

    fn level() -> impl proptest::strategy::Strategy<Value = StatementLevel> {
        proptest::prop_oneof![
            proptest::strategy::Just(Goal),
            proptest::strategy::Just(Measure),
            proptest::strategy::Just(Steering)
        ]
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            3 => level().prop_map(Step::Add),
            2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Merge(a, b)),
            1 => any::<usize>().prop_map(Step::Split),
            1 => (any::<usize>(), level()).prop_map(|(a, l)| Step::Relevel(a, l)),
            1 => any::<usize>().prop_map(Step::Delete),
            1 => (any::<usize>(), 0..50u32).prop_map(|(a, v)| Step::Vote(a, v)),
        ]
    }

    proptest::proptest! {
        /// Whatever is done to a scope's statements, the numbers on each level stay unique, a
        /// statement keeps its number through votes, a merge never gives back an old number,
        /// and a split keeps the original's number for the first part.
        #[test]
        fn numbers_stay_unique_and_merges_never_reuse_them(steps in proptest::collection::vec(step(), 1..60)) {
            let mut scope: Vec<Statement> = Vec::new();
            for step in steps {
                let pick = |i: usize| (!scope.is_empty()).then(|| i % scope.len());
                match step {
                    Step::Add(level) => {
                        let number = next_number(level, &scope);
                        scope.push(Statement { number, ..statement(level, "neu", 0) });
                    }
                    Step::Merge(a, b) => {
                        let (Some(a), Some(b)) = (pick(a), pick(b)) else { continue };
                        if a == b {
                            continue;
                        }
                        let (keep, other) = (scope[a].clone(), scope[b].clone());
                        let used: Vec<u32> =
                            scope.iter().filter(|s| s.level == keep.level).map(|s| s.number).collect();
                        let m = merged(&keep, &other, &scope, |_| None, DateTime::default());
                        proptest::prop_assert!(!used.contains(&m.number), "a merge gives a number never given");
                        proptest::prop_assert!(m.number > keep.number && (other.level != keep.level || m.number > other.number));
                        scope[a] = m;
                        scope.remove(b);
                    }
                    Step::Split(a) => {
                        let Some(a) = pick(a) else { continue };
                        let original = scope[a].clone();
                        let (rest, new) = split(&original, &[], StatementId::new(), &scope, DateTime::default());
                        proptest::prop_assert_eq!(rest.number, original.number);
                        scope[a] = rest;
                        scope.push(new);
                    }
                    Step::Relevel(a, level) => {
                        let Some(a) = pick(a) else { continue };
                        let number = number_for_level(&scope[a], level, &scope);
                        scope[a] = Statement { level, number, ..scope[a].clone() };
                    }
                    Step::Delete(a) => {
                        let Some(a) = pick(a) else { continue };
                        scope.remove(a);
                    }
                    Step::Vote(a, votes) => {
                        let Some(a) = pick(a) else { continue };
                        let before = scope[a].number;
                        scope[a].votes = votes;
                        proptest::prop_assert_eq!(scope[a].number, before);
                    }
                }
                let mut seen = std::collections::HashSet::new();
                for s in &scope {
                    proptest::prop_assert!(s.number >= 1);
                    proptest::prop_assert!(seen.insert((s.level, s.number)), "{:?} {} twice", s.level, s.number);
                }
            }
        }
    }
}
