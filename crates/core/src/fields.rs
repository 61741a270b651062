//! The fields of action ("Handlungsfelder") of a process: an ordered list that statements and
//! workshops pick from and the concept draft follows. A workshop of no process has a list of its
//! own, as it has statements of its own. Names are unique in a list with their spelling folded
//! ([`crate::text::search_key`]: "Frühe Bildung" and "fruehe bildung" are one field).

use crate::text::{clean_line, search_key};
use crate::validation::{FieldProblem, MAX_LINE_CHARS, ValidationError};
use crate::{FieldOfAction, FieldOfActionId, ProcessId, WorkshopId};

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
    FieldOfAction { id, process_id: process, workshop_id: workshop.filter(|_| process.is_none()), position, name }
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
}
