//! The rules of consolidation: how statements on the three levels relate, and what merging and
//! splitting statements means. The store only writes what these functions decide.
//!
//! Links join neighbouring levels only: a measure serves goals, steering steers measures. A
//! goal is not linked to a goal, nor steering to a goal directly; the chain goal ← measure ←
//! steering is what the concept's chapters are built from.
//!
//! Every statement has its own number on its level within its scope (its process, or its
//! workshop when it belongs to none) and its field of action (or none). It is given when the
//! statement is made ([`next_number`]) and never changes with votes, edits, links or the
//! document that shows it; only a change of level or field (the number is taken there), a merge
//! (the result is a new statement) and the new part of a split get the next number.
//!
//! What every document and screen shows is the statement's label ([`StatementLabels`]), built
//! from that number and the field's place in the process's ordered list: "Z 2.1" (the first
//! goal of the second field), "M 2.1.3" (measure 3 of that field, serving goal 1 there), "S 2.1";
//! without a field "Z 1", "M 1.3"; a measure serving no goal of its field "M 2.0.4".

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::{DateTime, Utc};

use crate::validation::MAX_VOTES;
use crate::{AttachmentId, FieldOfAction, FieldOfActionId, Language, NoteId, Statement, StatementId, StatementLevel};

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

/// The number the next statement of `level` on `field` (or on none) gets in a scope that holds
/// `scope` (the statements of the process, or of the workshop): one more than the highest there,
/// 1 for the first. Numbers of statements still there are never given again.
pub fn next_number<'a>(
    level: StatementLevel,
    field: Option<FieldOfActionId>,
    scope: impl IntoIterator<Item = &'a Statement>,
) -> u32 {
    scope
        .into_iter()
        .filter(|s| s.level == level && s.field_id == field)
        .map(|s| s.number)
        .max()
        .unwrap_or(0)
        .saturating_add(1)
}

/// The number `statement` has once its level is `level` and its field `field`: its own while
/// both stay, else the next there (its old number is not free there).
pub fn number_for<'a>(
    statement: &Statement,
    level: StatementLevel,
    field: Option<FieldOfActionId>,
    scope: impl IntoIterator<Item = &'a Statement>,
) -> u32 {
    if statement.level == level && statement.field_id == field {
        statement.number
    } else {
        next_number(level, field, scope)
    }
}

/// The numbers `moving` (statements of `scope`) take when they all go to `field` (or to none, when
/// their field is deleted): each, in the order they were made, the next on its level there.
pub fn numbers_on_field(
    moving: &[&Statement],
    field: Option<FieldOfActionId>,
    scope: &[Statement],
) -> Vec<(StatementId, u32)> {
    let mut order: Vec<&Statement> = moving.to_vec();
    order.sort_by_key(|s| (s.created_at, s.id));
    let mut next: HashMap<StatementLevel, u32> = HashMap::new();
    order
        .into_iter()
        .map(|s| {
            let number = next.entry(s.level).or_insert_with(|| {
                // Those that move free nothing there: they were on another field.
                let staying = scope.iter().filter(|o| !moving.iter().any(|m| m.id == o.id));
                next_number(s.level, field, staying)
            });
            let given = *number;
            *number = number.saturating_add(1);
            (s.id, given)
        })
        .collect()
}

/// `keep` after `other` was merged into it: the texts one after the other, votes added (up to
/// the limit), the sources of both (notes and photos), and the links of both that fit `keep`'s level (never a link
/// to either of the two). `other` is deleted afterwards. The result is a new statement and gets
/// the next number on `keep`'s level and field in `scope` (the statements of their scope, both
/// included), so neither old number is given to it or, later, to another.
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
    let mut photos: Vec<AttachmentId> = keep.source_photo_ids.iter().chain(&other.source_photo_ids).copied().collect();
    photos.sort_unstable();
    photos.dedup();
    let links = keep
        .linked_statement_ids
        .iter()
        .chain(&other.linked_statement_ids)
        .copied()
        .filter(|id| *id != keep.id && *id != other.id);
    Statement {
        number: next_number(keep.level, keep.field_id, scope),
        text: format!("{}\n\n{}", keep.text, other.text),
        votes: keep.votes.saturating_add(other.votes).min(MAX_VOTES),
        source_note_ids: sources,
        source_photo_ids: photos,
        linked_statement_ids: fitting_links(keep.level, links, level_of),
        updated_at: now,
        ..keep.clone()
    }
}

/// `statement` split in two: the notes in `notes` that are its sources move to a new statement
/// with the same wording, level, attributes and links (and no votes, which stay where they were
/// cast; nor photos, which stay with the statement as it remains). The statement as it remains keeps its number; the new one gets the next on its level
/// and field in `scope` (the statements of their scope). Returns the statement as it remains and the new one.
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
        number: next_number(statement.level, statement.field_id, scope),
        votes: 0,
        source_note_ids: moved,
        source_photo_ids: Vec::new(),
        created_at: now,
        updated_at: now,
        ..statement.clone()
    };
    (remaining, new)
}

/// "Z" for a goal ("G" in English), "M" for a measure, "S" for steering: how a label starts.
pub fn level_prefix(level: StatementLevel, language: Language) -> &'static str {
    match (level, language) {
        (StatementLevel::Goal, Language::De) => "Z",
        (StatementLevel::Goal, Language::En) => "G",
        (StatementLevel::Measure, _) => "M",
        (StatementLevel::Steering, _) => "S",
    }
}

/// A statement's label, in parts: the 1-based place of its field of action in the process's
/// list (none without a field), for a measure the number of the goal it serves on that field
/// (the lowest of several; 0 when it serves none there), and its own number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label {
    /// Goal, measure or steering.
    pub level: StatementLevel,
    /// The place of its field in the list, from 1.
    pub field: Option<u32>,
    /// For a measure, the number of the goal it serves on its field.
    pub goal: Option<u32>,
    /// Its own number on its level and field.
    pub own: u32,
}

impl Label {
    /// The numbers after the prefix: [field] [goal] own. A measure on a field that serves no goal
    /// there has goal 0 ("M 2.0.3"), so it never reads like a measure of no field serving goal 2
    /// ("M 2.3").
    pub fn parts(&self) -> Vec<u32> {
        let goal = match (self.level, self.field, self.goal) {
            (StatementLevel::Measure, Some(_), None) => Some(0),
            (_, _, goal) => goal,
        };
        self.field.into_iter().chain(goal).chain([self.own]).collect()
    }

    /// "Z 2.1", "M 2.1.3", "S 1" ("G 2.1" in English).
    pub fn text(&self, language: Language) -> String {
        let parts: Vec<String> = self.parts().iter().map(u32::to_string).collect();
        format!("{} {}", level_prefix(self.level, language), parts.join("."))
    }

    /// The order documents list statements in: by level, then field (none last), then goal
    /// (a measure serving none after those that serve one), then own number.
    fn order(&self) -> (u8, bool, Option<u32>, bool, Option<u32>, u32) {
        let level = match self.level {
            StatementLevel::Goal => 0,
            StatementLevel::Measure => 1,
            StatementLevel::Steering => 2,
        };
        (level, self.field.is_none(), self.field, self.goal.is_none(), self.goal, self.own)
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Label {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order().cmp(&other.order())
    }
}

/// A label in each language the app speaks, for screens that switch language without asking
/// again (the moderator's window, a voter's phone).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LabelTexts {
    /// "Z 2.1".
    pub de: String,
    /// "G 2.1".
    pub en: String,
}

impl LabelTexts {
    /// The label in both languages.
    pub fn of(label: &Label) -> Self {
        Self { de: label.text(Language::De), en: label.text(Language::En) }
    }
}

/// The labels of a scope's statements: the one place a label is made, for every document and
/// screen. Built from all the statements of the scope (a measure's label names its goal, which
/// a document may not show) and the scope's fields of action in their order; a label follows
/// when the fields are reordered or the links change, while the own numbers stay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementLabels(HashMap<StatementId, Label>);

impl StatementLabels {
    /// The labels of `scope` (every statement of a process, or of a workshop of no process)
    /// with `fields`, the scope's fields of action (ordered by their position here).
    pub fn new(scope: &[Statement], fields: &[FieldOfAction]) -> Self {
        let mut ordered: Vec<&FieldOfAction> = fields.iter().collect();
        ordered.sort_by_key(|f| f.position);
        let place: HashMap<FieldOfActionId, u32> = ordered.iter().zip(1u32..).map(|(f, place)| (f.id, place)).collect();
        let by_id: HashMap<StatementId, &Statement> = scope.iter().map(|s| (s.id, s)).collect();
        let labels = scope
            .iter()
            .map(|s| {
                let goal = (s.level == StatementLevel::Measure)
                    .then(|| {
                        s.linked_statement_ids
                            .iter()
                            .filter_map(|id| by_id.get(id))
                            .filter(|g| g.level == StatementLevel::Goal && g.field_id == s.field_id)
                            .map(|g| g.number)
                            .min()
                    })
                    .flatten();
                let field = s.field_id.and_then(|f| place.get(&f).copied());
                (s.id, Label { level: s.level, field, goal, own: s.number })
            })
            .collect();
        Self(labels)
    }

    /// The label of a statement of the scope.
    pub fn get(&self, statement: StatementId) -> Option<&Label> {
        self.0.get(&statement)
    }

    /// "Z 2.1" in `language`; empty for a statement not in the scope.
    pub fn text(&self, statement: StatementId, language: Language) -> String {
        self.get(statement).map(|l| l.text(language)).unwrap_or_default()
    }

    /// Every label in both languages, for the UI and the phones.
    pub fn texts(&self) -> BTreeMap<StatementId, LabelTexts> {
        self.0.iter().map(|(id, label)| (*id, LabelTexts::of(label))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ProcessId, StatementStatus};
    use StatementLevel::{Goal, Measure, Steering};
    use chrono::TimeZone as _;

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
            source_photo_ids: Vec::new(),
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
        let (p1, p2) = (AttachmentId::new(), AttachmentId::new());
        keep.source_photo_ids = vec![p1];
        other.source_photo_ids = vec![p2, p1];
        other.linked_statement_ids = vec![keep.id, goal.id, steering.id];
        keep.linked_statement_ids = vec![other.id];
        let level_of = |id| [&goal, &steering, &keep, &other].into_iter().find(|s| s.id == id).map(|s| s.level);
        let m = merged(&keep, &other, [&keep, &other], level_of, DateTime::default());
        assert_eq!(m.text, "Sprachkurse\n\nSprache");
        assert_eq!(m.votes, 7);
        assert_eq!(m.source_note_ids.len(), 3);
        assert_eq!(m.source_photo_ids.len(), 2, "the photos of both, each once");
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
        s.source_photo_ids = vec![AttachmentId::new()];
        s.linked_statement_ids = vec![StatementId::new()];
        let new_id = StatementId::new();
        let (rest, new) = split(&s, &[n2, stranger], new_id, [&s], DateTime::default());
        assert_eq!((rest.source_note_ids, new.source_note_ids), (vec![n1], vec![n2]));
        assert_eq!((rest.source_photo_ids, new.source_photo_ids), (s.source_photo_ids.clone(), vec![]));
        assert_eq!((rest.votes, new.votes, new.id), (5, 0, new_id));
        assert_eq!(new.linked_statement_ids, s.linked_statement_ids);
        assert_eq!((new.text.as_str(), new.level), ("m", Measure));
        assert_eq!((rest.number, new.number), (1, 2), "the first part keeps the number, the new one the next");
    }

    #[test]
    fn numbers_count_per_level_and_field_and_ignore_votes() {
        let (f1, f2) = (Some(FieldOfActionId::new()), Some(FieldOfActionId::new()));
        let mut scope: Vec<Statement> = Vec::new();
        for (level, field, votes) in
            [(Goal, f1, 9), (Measure, f1, 0), (Goal, f1, 1), (Goal, f2, 3), (Steering, None, 4), (Goal, None, 3)]
        {
            let number = next_number(level, field, &scope);
            scope.push(Statement { number, field_id: field, ..statement(level, "x", votes) });
        }
        let numbers: Vec<(StatementLevel, u32)> = scope.iter().map(|s| (s.level, s.number)).collect();
        assert_eq!(numbers, [(Goal, 1), (Measure, 1), (Goal, 2), (Goal, 1), (Steering, 1), (Goal, 1)]);
        // A change of level or field takes the next number there; staying keeps it.
        assert_eq!(number_for(&scope[0], Goal, f1, &scope), 1);
        assert_eq!(number_for(&scope[0], Measure, f1, &scope), 2);
        assert_eq!(number_for(&scope[0], Goal, f2, &scope), 2);
        assert_eq!(number_for(&scope[0], Goal, None, &scope), 2);
    }

    #[test]
    fn statements_of_a_deleted_field_take_the_next_numbers_without_one_in_the_order_they_were_made() {
        let field = Some(FieldOfActionId::new());
        let made = |minute: u32| Utc.with_ymd_and_hms(2026, 5, 12, 12, minute, 0).single().unwrap_or_default();
        let scope = vec![
            Statement { number: 1, created_at: made(0), ..statement(Goal, "ohne", 0) },
            Statement { number: 2, field_id: field, created_at: made(3), ..statement(Goal, "später", 0) },
            Statement { number: 1, field_id: field, created_at: made(1), ..statement(Goal, "früher", 0) },
            Statement { number: 1, field_id: field, created_at: made(2), ..statement(Measure, "m", 0) },
        ];
        let moving: Vec<&Statement> = scope.iter().filter(|s| s.field_id == field).collect();
        let numbers = numbers_on_field(&moving, None, &scope);
        assert_eq!(numbers, [(scope[2].id, 2), (scope[3].id, 1), (scope[1].id, 3)]);
    }

    fn field(position: u32) -> FieldOfAction {
        FieldOfAction {
            id: FieldOfActionId::new(),
            process_id: None,
            workshop_id: None,
            position,
            name: format!("Feld {position}"),
            situation: String::new(),
        }
    }

    #[test]
    fn labels_name_the_field_the_goal_served_and_the_own_number() {
        let (work, school) = (field(0), field(1));
        let on =
            |f: &FieldOfAction, level, number| Statement { number, field_id: Some(f.id), ..statement(level, "x", 0) };
        let g1 = on(&school, Goal, 1);
        let g2 = on(&school, Goal, 2);
        let elsewhere = on(&work, Goal, 1);
        let mut m = on(&school, Measure, 3);
        m.linked_statement_ids = vec![g2.id, elsewhere.id, g1.id];
        let lonely = on(&school, Measure, 4);
        let s = on(&school, Steering, 1);
        let loose_goal = Statement { number: 1, ..statement(Goal, "ohne Feld", 0) };
        let mut loose = Statement { number: 3, ..statement(Measure, "ohne Feld", 0) };
        loose.linked_statement_ids = vec![loose_goal.id, g1.id];
        let scope = vec![
            g1.clone(),
            g2,
            elsewhere.clone(),
            m.clone(),
            lonely.clone(),
            s.clone(),
            loose_goal.clone(),
            loose.clone(),
        ];
        let fields = vec![work.clone(), school.clone()];
        let labels = StatementLabels::new(&scope, &fields);
        let text = |id| labels.text(id, Language::De);
        assert_eq!(text(g1.id), "Z 2.1");
        assert_eq!(text(elsewhere.id), "Z 1.1");
        assert_eq!(text(m.id), "M 2.1.3", "serving goals 1 and 2 of its field (and one elsewhere): the lowest");
        assert_eq!(
            text(lonely.id),
            "M 2.0.4",
            "serving no goal on its field: goal 0, never read as goal 2 of no field"
        );
        assert_eq!(text(s.id), "S 2.1");
        assert_eq!((text(loose_goal.id), text(loose.id)), ("Z 1".to_owned(), "M 1.3".to_owned()), "without a field");
        assert_eq!(labels.text(g1.id, Language::En), "G 2.1");
        assert_eq!(labels.text(StatementId::new(), Language::De), "", "not of the scope");
        assert_eq!(labels.texts()[&m.id], LabelTexts { de: "M 2.1.3".into(), en: "M 2.1.3".into() });

        // The fields reordered: the labels follow the list, the own numbers stay.
        let reordered = vec![FieldOfAction { position: 1, ..work }, FieldOfAction { position: 0, ..school }];
        let labels = StatementLabels::new(&scope, &reordered);
        assert_eq!(labels.text(g1.id, Language::De), "Z 1.1");
        assert_eq!(labels.text(m.id, Language::De), "M 1.1.3");
        assert_eq!(labels.text(elsewhere.id, Language::De), "Z 2.1");
        // Listed in label order: by level, field (none last), goal (none last), own number.
        let mut order: Vec<&Label> = scope.iter().filter_map(|s| labels.get(s.id)).collect();
        order.sort();
        let texts: Vec<String> = order.iter().map(|l| l.text(Language::De)).collect();
        assert_eq!(texts, ["Z 1.1", "Z 1.2", "Z 2.1", "Z 1", "M 1.1.3", "M 1.0.4", "M 1.3", "S 1.1"]);
    }

    /// One step of work on a scope's statements; fields are 0 (none), 1 and 2.
    #[derive(Debug, Clone)]
    enum Step {
        Add(StatementLevel, usize),
        Merge(usize, usize),
        Split(usize),
        Move(usize, StatementLevel, usize),
        Delete(usize),
        Vote(usize, u32),
        Link(usize, usize),
        DeleteField(usize),
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
            3 => (level(), 0..3usize).prop_map(|(l, f)| Step::Add(l, f)),
            2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Merge(a, b)),
            1 => any::<usize>().prop_map(Step::Split),
            1 => (any::<usize>(), level(), 0..3usize).prop_map(|(a, l, f)| Step::Move(a, l, f)),
            1 => any::<usize>().prop_map(Step::Delete),
            1 => (any::<usize>(), 0..50u32).prop_map(|(a, v)| Step::Vote(a, v)),
            1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Link(a, b)),
            1 => (1..3usize).prop_map(Step::DeleteField),
        ]
    }

    proptest::proptest! {
        /// Whatever is done to a scope's statements, the numbers on each level and field stay
        /// unique, a statement keeps its number through votes and links, a merge never gives back
        /// a number given before on its level and field, and a split keeps the original's number
        /// for the first part.
        #[test]
        fn numbers_stay_unique_and_merges_never_reuse_them(steps in proptest::collection::vec(step(), 1..60)) {
            let fields = [None, Some(FieldOfActionId::new()), Some(FieldOfActionId::new())];
            let mut scope: Vec<Statement> = Vec::new();
            for step in steps {
                let pick = |i: usize| (!scope.is_empty()).then(|| i % scope.len());
                match step {
                    Step::Add(level, f) => {
                        let number = next_number(level, fields[f], &scope);
                        scope.push(Statement { number, field_id: fields[f], ..statement(level, "neu", 0) });
                    }
                    Step::Merge(a, b) => {
                        let (Some(a), Some(b)) = (pick(a), pick(b)) else { continue };
                        if a == b {
                            continue;
                        }
                        let (keep, other) = (scope[a].clone(), scope[b].clone());
                        let m = merged(&keep, &other, &scope, |_| None, DateTime::default());
                        proptest::prop_assert!(
                            !scope.iter().any(|s| (s.level, s.field_id, s.number) == (m.level, m.field_id, m.number)),
                            "a merge gives a number no statement there has"
                        );
                        proptest::prop_assert!(m.number > keep.number);
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
                    Step::Move(a, level, f) => {
                        let Some(a) = pick(a) else { continue };
                        let before = scope[a].clone();
                        let number = number_for(&before, level, fields[f], &scope);
                        if (before.level, before.field_id) == (level, fields[f]) {
                            proptest::prop_assert_eq!(number, before.number, "staying keeps the number");
                        }
                        scope[a] = Statement { level, field_id: fields[f], number, ..before };
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
                    Step::Link(a, b) => {
                        let (Some(a), Some(b)) = (pick(a), pick(b)) else { continue };
                        let before: Vec<u32> = scope.iter().map(|s| s.number).collect();
                        let other = scope[b].id;
                        scope[a].linked_statement_ids.push(other);
                        let after: Vec<u32> = scope.iter().map(|s| s.number).collect();
                        proptest::prop_assert_eq!(before, after, "links change no number");
                    }
                    Step::DeleteField(f) => {
                        let moving: Vec<&Statement> = scope.iter().filter(|s| s.field_id == fields[f]).collect();
                        let numbers = numbers_on_field(&moving, None, &scope);
                        for (id, number) in numbers {
                            if let Some(s) = scope.iter_mut().find(|s| s.id == id) {
                                s.field_id = None;
                                s.number = number;
                            }
                        }
                    }
                }
                let mut seen = std::collections::HashSet::new();
                for s in &scope {
                    proptest::prop_assert!(s.number >= 1);
                    proptest::prop_assert!(
                        seen.insert((s.level, s.field_id, s.number)),
                        "{:?} {} twice on one field", s.level, s.number
                    );
                }
                // Labels are made for every statement, whatever the links.
                let labels = StatementLabels::new(&scope, &[]);
                for s in &scope {
                    proptest::prop_assert_eq!(labels.get(s.id).map(|l| l.own), Some(s.number));
                }
            }
        }
    }
}
