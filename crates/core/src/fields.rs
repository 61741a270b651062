//! The fields of action ("Handlungsfelder") of a process: an ordered list that statements and
//! workshops pick from and the concept draft follows. A workshop of no process has a list of its
//! own, as it has statements of its own. Names are unique in a list with their spelling folded
//! ([`crate::text::search_key`]: "Frühe Bildung" and "fruehe bildung" are one field).
//!
//! Each field has a starting situation ("Ausgangslage"); [`situation_draft`] drafts one from
//! what was said in the first round of the field's workshops, and [`filled_situation`] decides
//! that a draft only ever fills an empty one.

use std::collections::HashSet;

use crate::text::{char_len, clean_line, search_key};
use crate::validation::{FieldProblem, MAX_LINE_CHARS, MAX_TEXT_CHARS, ValidationError};
use crate::{FieldOfAction, FieldOfActionId, Note, NoteKind, ProcessId, WorkshopId, WorkshopSetup};

/// Longest list of one process: more fields than a concept has chapters is a mistake.
pub const MAX_FIELDS: u32 = 100;

/// The entry of `list` that `name` names, spelling folded.
pub fn find<'a>(name: &str, list: &'a [FieldOfAction]) -> Option<&'a FieldOfAction> {
    let key = search_key(&clean_line(name));
    list.iter().find(|f| search_key(&f.name) == key)
}

/// What a statement's typed field of action means for the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// No field.
    None,
    /// An entry of the list.
    Existing(FieldOfActionId),
    /// A name not on the list: it is added at the end (as typed, cleaned).
    New(String),
}

/// The field a statement names (already validated as a line): none when empty, else the entry
/// of that name, else a new one. So a name typed on the command line or left from a bundle
/// finds its entry instead of making a second spelling.
pub fn pick(name: &str, list: &[FieldOfAction]) -> Pick {
    let name = clean_line(name);
    if name.is_empty() {
        return Pick::None;
    }
    find(&name, list).map_or(Pick::New(name), |f| Pick::Existing(f.id))
}

/// The cleaned name for an entry of `list` (a new one, or `renamed` under a new name), or the
/// problem: empty, too long, or the name of another entry. A new entry also needs room on the
/// list.
pub fn check_name(
    name: &str,
    list: &[FieldOfAction],
    renamed: Option<FieldOfActionId>,
) -> Result<String, ValidationError> {
    let name = clean_line(name);
    let problem = if name.is_empty() {
        Some(FieldProblem::Required)
    } else if crate::text::char_len(&name) > MAX_LINE_CHARS as usize {
        Some(FieldProblem::TooLong { max: MAX_LINE_CHARS })
    } else if find(&name, list).is_some_and(|f| Some(f.id) != renamed) {
        Some(FieldProblem::Taken)
    } else if renamed.is_none() && list.len() >= MAX_FIELDS as usize {
        Some(FieldProblem::OutOfRange { min: 0, max: MAX_FIELDS })
    } else {
        None
    };
    problem.map_or(Ok(name), |p| Err(ValidationError::single("name", p)))
}

/// A new entry at the end of `list`: the list of `process`, or of `workshop` when that is none.
pub fn appended(
    id: FieldOfActionId,
    name: String,
    process: Option<ProcessId>,
    workshop: Option<WorkshopId>,
    list: &[FieldOfAction],
) -> FieldOfAction {
    let position = list.iter().map(|f| f.position + 1).max().unwrap_or(0);
    FieldOfAction {
        id,
        process_id: process,
        workshop_id: workshop.filter(|_| process.is_none()),
        position,
        name,
        situation: String::new(),
    }
}

/// The list in its order, numbered 0, 1, 2 … (positions left by deletions closed up).
fn renumbered(mut list: Vec<FieldOfAction>) -> Vec<FieldOfAction> {
    list.sort_by_key(|f| f.position);
    for (i, f) in list.iter_mut().enumerate() {
        f.position = u32::try_from(i).unwrap_or(u32::MAX);
    }
    list
}

/// The list with `field` moved to the 0-based place `to` (the end when beyond it), everything
/// renumbered; `None` when the field is not on the list.
pub fn moved(list: &[FieldOfAction], field: FieldOfActionId, to: u32) -> Option<Vec<FieldOfAction>> {
    let mut ordered = renumbered(list.to_vec());
    let from = ordered.iter().position(|f| f.id == field)?;
    let entry = ordered.remove(from);
    let to = (to as usize).min(ordered.len());
    ordered.insert(to, entry);
    for (i, f) in ordered.iter_mut().enumerate() {
        f.position = u32::try_from(i).unwrap_or(u32::MAX);
    }
    Some(ordered)
}

/// The list without `field`, the others closed up.
pub fn without(list: &[FieldOfAction], field: FieldOfActionId) -> Vec<FieldOfAction> {
    renumbered(list.iter().filter(|f| f.id != field).cloned().collect())
}

/// Whether `field` is on the list of a workshop's scope: its process's list, else its own.
pub fn in_scope(field: &FieldOfAction, process: Option<ProcessId>, workshop: WorkshopId) -> bool {
    match process {
        Some(p) => field.process_id == Some(p),
        None => field.process_id.is_none() && field.workshop_id == Some(workshop),
    }
}

/// A workshop's field after it is filed under another process (or none): kept only while the
/// process stays the same, since the field is an entry of the old process's list.
pub fn field_after_refiling(
    field: Option<FieldOfActionId>,
    before: Option<ProcessId>,
    after: Option<ProcessId>,
) -> Option<FieldOfActionId> {
    field.filter(|_| before == after)
}

/// Where a note's text stands in a draft: summaries (0) before notes (1), then by workshop (its
/// place by date), table number, when it was written, and its id (for notes written at once).
type DraftOrder = (u8, usize, u32, chrono::DateTime<chrono::Utc>, crate::NoteId);

/// Longest line of a drafted starting situation: a draft is a list to edit, not the notes again.
pub const DRAFT_LINE_CHARS: usize = 160;

/// A draft of `field`'s starting situation from the workshops that name it as their field: what
/// was said in each one's first round (the first round asks where things stand): the tables'
/// summaries first (a table's summary belongs to no round, or to the first), then the first
/// round's notes; each line of them once (spelling folded), shortened, as "- " lines, at most as
/// long as a situation may be. Deterministic: the workshops are taken by
/// date (undated last), tables by number, notes as they were written, whatever order they come
/// in. Empty when there is nothing to draft from.
pub fn situation_draft(field: FieldOfActionId, workshops: &[(&WorkshopSetup, &[Note])]) -> String {
    let mut on_field: Vec<&(&WorkshopSetup, &[Note])> =
        workshops.iter().filter(|(w, _)| w.workshop.details.field_id == Some(field)).collect();
    on_field.sort_by_key(|(w, _)| {
        (w.workshop.details.date.is_none(), w.workshop.details.date, w.workshop.created_at, w.workshop.id)
    });
    let mut said: Vec<(DraftOrder, &str)> = Vec::new();
    for (index, (setup, notes)) in on_field.iter().enumerate() {
        let Some(first) = setup.rounds.iter().min_by_key(|r| r.position) else { continue };
        let table_number = |n: &Note| {
            n.table_id.and_then(|t| setup.tables.iter().find(|x| x.id == t)).map_or(u32::MAX, |t| t.input.number)
        };
        for n in notes.iter().filter(|n| n.workshop_id == setup.workshop.id) {
            let kind = match (n.kind, n.round_id) {
                (NoteKind::TableSummary, None) => 0,
                (NoteKind::TableSummary, Some(r)) if r == first.id => 0,
                (NoteKind::Note, Some(r)) if r == first.id => 1,
                _ => continue,
            };
            said.push(((kind, index, table_number(n), n.created_at, n.id), &n.text));
        }
    }
    said.sort_by_key(|(key, _)| *key);
    let mut seen = HashSet::new();
    let mut draft = String::new();
    for line in said.iter().flat_map(|(_, text)| text.lines()).filter_map(draft_line) {
        if !seen.insert(search_key(line.trim_end_matches(['.', '!', ';', ',']))) {
            continue;
        }
        let bullet = format!("- {line}");
        let separator = usize::from(!draft.is_empty());
        // Stop before the draft is longer than a situation may be: it must save as it is.
        if char_len(&draft) + separator + char_len(&bullet) > MAX_TEXT_CHARS as usize {
            break;
        }
        if separator == 1 {
            draft.push('\n');
        }
        draft.push_str(&bullet);
    }
    draft
}

/// One line of a note as a draft's line: without a bullet of its own, cleaned, shortened at a
/// word to [`DRAFT_LINE_CHARS`] with "…"; `None` when nothing is left.
fn draft_line(line: &str) -> Option<String> {
    let line = clean_line(line.trim_start().trim_start_matches(['-', '*', '•', '–', '·']));
    if line.is_empty() {
        return None;
    }
    if char_len(&line) <= DRAFT_LINE_CHARS {
        return Some(line);
    }
    let cut: String = line.chars().take(DRAFT_LINE_CHARS - 1).collect();
    // At the last space, unless that would leave too little of the line.
    let at_word = cut.rfind(' ').filter(|&i| i > DRAFT_LINE_CHARS / 2).map_or(cut.as_str(), |i| &cut[..i]);
    Some(format!("{}…", at_word.trim_end()))
}

/// What a field's starting situation becomes when a draft is asked for: the draft, only when
/// the situation is still empty (a draft never replaces what someone wrote) and the draft is
/// not; `None` leaves it as it is.
pub fn filled_situation(current: &str, draft: String) -> Option<String> {
    (current.trim().is_empty() && !draft.trim().is_empty()).then_some(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<FieldOfAction> {
        let process = Some(ProcessId::new());
        names
            .iter()
            .enumerate()
            .map(|(i, n)| FieldOfAction {
                id: FieldOfActionId::new(),
                process_id: process,
                workshop_id: None,
                position: u32::try_from(i).unwrap(),
                name: (*n).into(),
                situation: String::new(),
            })
            .collect()
    }

    fn names(list: &[FieldOfAction]) -> Vec<(&str, u32)> {
        list.iter().map(|f| (f.name.as_str(), f.position)).collect()
    }

    #[test]
    fn a_statement_finds_its_field_with_the_spelling_folded() {
        let fields = list(&["Frühe Bildung", "Arbeit"]);
        assert_eq!(pick("  fruehe  bildung ", &fields), Pick::Existing(fields[0].id));
        assert_eq!(pick("Wohnen", &fields), Pick::New("Wohnen".into()));
        assert_eq!(pick(" \t", &fields), Pick::None);
    }

    #[test]
    fn names_are_required_unique_and_limited() {
        let fields = list(&["Frühe Bildung", "Arbeit"]);
        let problem = |r: Result<String, ValidationError>| r.unwrap_err().errors[0].problem.clone();
        assert_eq!(problem(check_name("  ", &fields, None)), FieldProblem::Required);
        assert_eq!(problem(check_name("ARBEIT", &fields, None)), FieldProblem::Taken);
        assert_eq!(problem(check_name(&"x".repeat(201), &fields, None)), FieldProblem::TooLong { max: 200 });
        assert_eq!(check_name("arbeit", &fields, Some(fields[1].id)).unwrap(), "arbeit", "its own name, re-spelled");
        assert_eq!(problem(check_name("Arbeit", &fields, Some(fields[0].id))), FieldProblem::Taken);
        let full = list(&vec!["x"; MAX_FIELDS as usize]);
        assert_eq!(problem(check_name("y", &full, None)), FieldProblem::OutOfRange { min: 0, max: MAX_FIELDS });
    }

    #[test]
    fn moving_and_deleting_keep_the_list_numbered() {
        let fields = list(&["A", "B", "C", "D"]);
        assert_eq!(names(&moved(&fields, fields[3].id, 0).unwrap()), [("D", 0), ("A", 1), ("B", 2), ("C", 3)]);
        assert_eq!(names(&moved(&fields, fields[0].id, 99).unwrap()), [("B", 0), ("C", 1), ("D", 2), ("A", 3)]);
        assert_eq!(names(&moved(&fields, fields[1].id, 2).unwrap()), [("A", 0), ("C", 1), ("B", 2), ("D", 3)]);
        assert_eq!(moved(&fields, FieldOfActionId::new(), 0), None);
        assert_eq!(names(&without(&fields, fields[1].id)), [("A", 0), ("C", 1), ("D", 2)]);
        let after =
            appended(FieldOfActionId::new(), "E".into(), fields[0].process_id, Some(WorkshopId::new()), &fields);
        assert_eq!((after.position, after.workshop_id), (4, None));
    }

    #[test]
    fn a_field_belongs_to_one_scope() {
        let fields = list(&["A"]);
        let (w, p) = (WorkshopId::new(), fields[0].process_id);
        assert!(in_scope(&fields[0], p, w));
        assert!(!in_scope(&fields[0], Some(ProcessId::new()), w));
        assert!(!in_scope(&fields[0], None, w));
        let own = appended(FieldOfActionId::new(), "B".into(), None, Some(w), &[]);
        assert!(in_scope(&own, None, w) && !in_scope(&own, None, WorkshopId::new()));
        let id = Some(fields[0].id);
        assert_eq!(field_after_refiling(id, p, p), id);
        assert_eq!(field_after_refiling(id, p, None), None);
    }

    mod drafts {
        use chrono::{DateTime, NaiveDate, TimeZone, Utc};

        use super::super::*;
        use crate::setup::{new_workshop, next_table};
        use crate::{Note, NoteId, NoteKind, Source, WorkshopSetup};

        fn at(minute: u32) -> DateTime<Utc> {
            Utc.with_ymd_and_hms(2026, 5, 12, 10, minute, 0).unwrap()
        }

        fn workshop(field: Option<FieldOfActionId>, day: u32, tables: usize) -> WorkshopSetup {
            let mut w = new_workshop("W".into(), None, at(0));
            w.workshop.details.field_id = field;
            w.workshop.details.date = NaiveDate::from_ymd_opt(2026, 5, day);
            for _ in 0..tables {
                let t = next_table(w.workshop.id, &w.tables);
                w.tables.push(t);
            }
            w
        }

        fn note(w: &WorkshopSetup, table: usize, round: usize, kind: NoteKind, minute: u32, text: &str) -> Note {
            Note {
                id: NoteId::new(),
                workshop_id: w.workshop.id,
                table_id: Some(w.tables[table].id),
                round_id: Some(w.rounds[round].id),
                kind,
                text: text.into(),
                tags: Vec::new(),
                author: String::new(),
                created_at: at(minute),
                updated_at: at(minute),
                source: Source::App,
            }
        }

        #[test]
        fn a_draft_takes_the_first_round_summaries_first_each_line_once() {
            let field = FieldOfActionId::new();
            let (early, late, other) = (workshop(Some(field), 3, 2), workshop(Some(field), 9, 1), workshop(None, 1, 1));
            let late_notes = vec![
                note(&late, 0, 0, NoteKind::Note, 1, "Sprachkurse sind voll."),
                note(&late, 0, 1, NoteKind::Note, 2, "Second round: not drafted"),
            ];
            let early_notes = vec![
                note(&early, 1, 0, NoteKind::Note, 5, "- Wenige Kitaplätze\n• sprachkurse sind voll"),
                note(&early, 0, 0, NoteKind::Note, 9, "Ehrenamt trägt viel"),
                note(&early, 1, 0, NoteKind::TableSummary, 30, "Zu wenig Plätze in Kursen"),
                note(&early, 1, 1, NoteKind::TableSummary, 31, "A summary of the second round"),
                Note { round_id: None, ..note(&early, 0, 0, NoteKind::TableSummary, 40, "Table one's summary") },
                Note { table_id: None, round_id: None, ..note(&early, 0, 0, NoteKind::WorkshopSummary, 41, "All") },
            ];
            let other_notes = vec![note(&other, 0, 0, NoteKind::TableSummary, 1, "Another field")];
            // Given in any order, the draft is the same.
            let draft = situation_draft(field, &[(&late, &late_notes), (&other, &other_notes), (&early, &early_notes)]);
            assert_eq!(
                draft,
                "- Table one's summary\n- Zu wenig Plätze in Kursen\n- Ehrenamt trägt viel\n- Wenige Kitaplätze\n\
                 - sprachkurse sind voll"
            );
            let again = situation_draft(field, &[(&early, &early_notes), (&late, &late_notes), (&other, &other_notes)]);
            assert_eq!(draft, again);
            assert_eq!(situation_draft(FieldOfActionId::new(), &[(&early, &early_notes)]), "");
        }

        #[test]
        fn a_draft_has_short_lines_and_fits_a_situation() {
            let field = FieldOfActionId::new();
            let w = workshop(Some(field), 3, 1);
            let long = format!("{} Ende", "Wort ".repeat(60));
            let notes: Vec<Note> =
                (0..200).map(|i| note(&w, 0, 0, NoteKind::Note, 1, &format!("Punkt {i}: {long}"))).collect();
            let draft = situation_draft(field, &[(&w, &notes)]);
            assert!(char_len(&draft) <= MAX_TEXT_CHARS as usize);
            assert!(crate::validation::validated_situation(&draft).is_ok(), "the draft saves as it is");
            for line in draft.lines() {
                assert!(line.starts_with("- Punkt ") && line.ends_with("Wort…"), "{line}");
                assert!(char_len(line) <= DRAFT_LINE_CHARS + 2, "{line}");
            }
            assert!(draft.lines().count() > 5);
        }

        #[test]
        fn a_draft_fills_only_an_empty_situation() {
            assert_eq!(filled_situation(" \n", "- A".into()), Some("- A".into()));
            assert_eq!(filled_situation("Written by staff", "- A".into()), None);
            assert_eq!(filled_situation("", String::new()), None);
        }
    }
}
