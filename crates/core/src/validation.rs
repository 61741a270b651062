//! Validation: each input type cleans itself (see [`crate::text`]) and checks its limits,
//! returning either the cleaned value or every problem at once, per field, so a form can show
//! each message next to its field. Problems are codes with parameters, never prose: the UI
//! translates them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::run::RunFrame;
use crate::text::{char_len, clean_line, clean_text};
use crate::{NewWorkshop, NoteInput, ParticipantInput, RoundInput, StatementInput, TableInput, WorkshopDetails};

/// Longest title, topic, name or other single-line field, in characters.
pub const MAX_LINE_CHARS: u32 = 200;
/// Longest question, purpose or other multi-line field, in characters.
pub const MAX_TEXT_CHARS: u32 = 2_000;
/// Longest note, in characters (a long harvest summary fits; a pasted book does not).
pub const MAX_NOTE_CHARS: u32 = 100_000;
/// Most seats at one table, host included.
pub const MAX_TABLE_CAPACITY: u32 = 50;
/// Highest table number.
pub const MAX_TABLE_NUMBER: u32 = 999;
/// Longest round or break, in minutes.
pub const MAX_ROUND_MINUTES: u32 = 240;
/// Most rounds in one workshop.
pub const MAX_ROUNDS: u32 = 12;
/// Most free attributes per participant.
pub const MAX_ATTRIBUTES: u32 = 30;
/// Most tags on one note.
pub const MAX_TAGS: u32 = 20;
/// Longest tag.
pub const MAX_TAG_CHARS: u32 = 40;
/// Most dot votes on one statement.
pub const MAX_VOTES: u32 = 10_000;
/// Longest welcome or harvest of the run agenda, in minutes.
pub const MAX_FRAME_MINUTES: u32 = 600;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FieldProblem {
    /// Must not be empty.
    Required,
    /// Longer than allowed.
    TooLong {
        /// The limit in characters.
        max: u32,
    },
    /// A number outside its range.
    OutOfRange {
        /// Smallest allowed value.
        min: u32,
        /// Largest allowed value.
        max: u32,
    },
    /// Not of the expected form (e.g. an e-mail address without `@`).
    Malformed,
    /// Already used by another entity where it must be unique.
    Taken,
}

/// A problem with a named field of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The field's name as in the input type (`title`, `capacity`, `first_name` …).
    pub field: String,
    /// What is wrong.
    pub problem: FieldProblem,
}

/// All problems of one input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[error("invalid input: {}", .errors.iter().map(|e| format!("{} ({:?})", e.field, e.problem)).collect::<Vec<_>>().join(", "))]
pub struct ValidationError {
    /// One entry per problem; a field may appear more than once.
    pub errors: Vec<FieldError>,
}

impl ValidationError {
    /// A single problem.
    pub fn single(field: &str, problem: FieldProblem) -> Self {
        Self { errors: vec![FieldError { field: field.to_owned(), problem }] }
    }
}

/// Collects problems while an input is cleaned.
#[derive(Default)]
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, field: &str, problem: FieldProblem) {
        self.errors.push(FieldError { field: field.to_owned(), problem });
    }

    fn line(&mut self, field: &str, value: &str, required: bool) -> String {
        let cleaned = clean_line(value);
        self.limit(field, &cleaned, required, MAX_LINE_CHARS);
        cleaned
    }

    fn text(&mut self, field: &str, value: &str, max: u32) -> String {
        let cleaned = clean_text(value);
        self.limit(field, &cleaned, false, max);
        cleaned
    }

    fn limit(&mut self, field: &str, value: &str, required: bool, max: u32) {
        if required && value.is_empty() {
            self.push(field, FieldProblem::Required);
        } else if char_len(value) > max as usize {
            self.push(field, FieldProblem::TooLong { max });
        }
    }

    fn range(&mut self, field: &str, value: u32, min: u32, max: u32) {
        if !(min..=max).contains(&value) {
            self.push(field, FieldProblem::OutOfRange { min, max });
        }
    }

    fn finish<T>(self, value: T) -> Result<T, ValidationError> {
        if self.errors.is_empty() { Ok(value) } else { Err(ValidationError { errors: self.errors }) }
    }
}

impl NewWorkshop {
    /// The cleaned input, or every problem.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        let title = c.line("title", &self.title, true);
        let process_title =
            self.process_title.as_deref().map(|p| c.line("process_title", p, false)).filter(|p| !p.is_empty());
        c.finish(Self { title, process_title })
    }
}

impl WorkshopDetails {
    /// The cleaned input, or every problem.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        let cleaned = Self {
            title: c.line("title", &self.title, true),
            date: self.date,
            start_time: self.start_time,
            place: c.line("place", &self.place, false),
            purpose: c.text("purpose", &self.purpose, MAX_TEXT_CHARS),
            language: self.language,
            travel_mode: self.travel_mode,
        };
        c.finish(cleaned)
    }
}

impl TableInput {
    /// The cleaned input, or every problem. `other_numbers` are the numbers of the workshop's
    /// other tables, which this one must not repeat.
    pub fn validated(&self, other_numbers: &[u32]) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        c.range("number", self.number, 1, MAX_TABLE_NUMBER);
        if other_numbers.contains(&self.number) {
            c.push("number", FieldProblem::Taken);
        }
        c.range("capacity", self.capacity, 1, MAX_TABLE_CAPACITY);
        let topic = c.line("topic", &self.topic, false);
        let mut questions = Vec::with_capacity(self.questions.len());
        for q in &self.questions {
            let text = c.text("questions", &q.text, MAX_TEXT_CHARS);
            if !text.is_empty() {
                questions.push(crate::TableQuestion { round_id: q.round_id, text });
            }
        }
        c.finish(Self { number: self.number, topic, capacity: self.capacity, host_id: self.host_id, questions })
    }
}

impl RunFrame {
    /// The frame, or the problem with each of its fields.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        c.range("welcome_minutes", self.welcome_minutes, 0, MAX_FRAME_MINUTES);
        c.range("harvest_minutes", self.harvest_minutes, 0, MAX_FRAME_MINUTES);
        c.finish(*self)
    }
}

impl RoundInput {
    /// The cleaned input, or every problem.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        c.range("duration_minutes", self.duration_minutes, 1, MAX_ROUND_MINUTES);
        c.range("break_after_minutes", self.break_after_minutes, 0, MAX_ROUND_MINUTES);
        let question = c.text("question", &self.question, MAX_TEXT_CHARS);
        c.finish(Self { question, ..self.clone() })
    }
}

impl NoteInput {
    /// The cleaned note, or every problem. Tags are trimmed, emptied ones dropped, duplicates
    /// (ignoring case) removed.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        let text = c.text("text", &self.text, MAX_NOTE_CHARS);
        if text.trim().is_empty() {
            c.push("text", FieldProblem::Required);
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in &self.tags {
            let tag = clean_line(tag);
            if char_len(&tag) > MAX_TAG_CHARS as usize {
                c.push("tags", FieldProblem::TooLong { max: MAX_TAG_CHARS });
            } else if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                tags.push(tag);
            }
        }
        if tags.len() > MAX_TAGS as usize {
            c.push("tags", FieldProblem::OutOfRange { min: 0, max: MAX_TAGS });
        }
        let author = c.line("author", &self.author, false);
        c.finish(Self { text, tags, author })
    }
}

impl StatementInput {
    /// The cleaned statement, or every problem.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        let text = c.text("text", &self.text, MAX_TEXT_CHARS);
        if text.trim().is_empty() {
            c.push("text", FieldProblem::Required);
        }
        c.range("votes", self.votes, 0, MAX_VOTES);
        let cleaned = Self {
            level: self.level,
            text,
            field_of_action: c.line("field_of_action", &self.field_of_action, false),
            votes: self.votes,
            owner: c.line("owner", &self.owner, false),
            time_frame: c.line("time_frame", &self.time_frame, false),
            status: self.status,
        };
        c.finish(cleaned)
    }
}

impl ParticipantInput {
    /// The cleaned input, or every problem. A person needs a first or a last name.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        let first_name = c.line("first_name", &self.first_name, false);
        let last_name = c.line("last_name", &self.last_name, false);
        if first_name.is_empty() && last_name.is_empty() {
            c.push("last_name", FieldProblem::Required);
        }
        let email = c.line("email", &self.email, false);
        if !email.is_empty() && !is_plausible_email(&email) {
            c.push("email", FieldProblem::Malformed);
        }
        let mut attributes = std::collections::BTreeMap::new();
        for (key, value) in &self.attributes {
            let key = c.line("attributes", key, false);
            let value = c.line("attributes", value, false);
            if !key.is_empty() && !value.is_empty() {
                attributes.insert(key, value);
            }
        }
        if attributes.len() > MAX_ATTRIBUTES as usize {
            c.push("attributes", FieldProblem::OutOfRange { min: 0, max: MAX_ATTRIBUTES });
        }
        let cleaned = Self {
            first_name,
            last_name,
            organisation: c.line("organisation", &self.organisation, false),
            group: c.line("group", &self.group, false),
            role: c.line("role", &self.role, false),
            email,
            attributes,
        };
        c.finish(cleaned)
    }
}

/// One `@` with something on both sides and a dot in the domain: enough to catch a name typed
/// into the e-mail column, without rejecting real addresses.
fn is_plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(' ')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RoundId;

    fn problems(e: &ValidationError) -> Vec<(&str, &FieldProblem)> {
        e.errors.iter().map(|f| (f.field.as_str(), &f.problem)).collect()
    }

    #[test]
    fn the_welcome_and_harvest_last_at_most_ten_hours() {
        let ok = RunFrame { welcome_minutes: 0, harvest_minutes: MAX_FRAME_MINUTES };
        assert_eq!(ok.validated(), Ok(ok));
        let err = RunFrame { welcome_minutes: 601, harvest_minutes: 20 }.validated().unwrap_err();
        assert_eq!(problems(&err), vec![("welcome_minutes", &FieldProblem::OutOfRange { min: 0, max: 600 })]);
    }

    #[test]
    fn workshop_title_is_required_and_cleaned() {
        let err = NewWorkshop { title: "  \t ".into(), process_title: None }.validated().unwrap_err();
        assert_eq!(problems(&err), vec![("title", &FieldProblem::Required)]);
        let ok = NewWorkshop { title: " Bildung\u{a0} ".into(), process_title: Some("  ".into()) }.validated().unwrap();
        assert_eq!(ok.title, "Bildung");
        assert_eq!(ok.process_title, None);
    }

    #[test]
    fn overlong_title_is_reported_with_its_limit() {
        let err = WorkshopDetails::titled("x".repeat(201)).validated().unwrap_err();
        assert_eq!(problems(&err), vec![("title", &FieldProblem::TooLong { max: MAX_LINE_CHARS })]);
        assert!(WorkshopDetails::titled("ä".repeat(200)).validated().is_ok(), "the limit counts characters, not bytes");
    }

    #[test]
    fn table_reports_all_problems_at_once() {
        let input = TableInput {
            number: 3,
            topic: "Sprache".into(),
            capacity: 0,
            host_id: None,
            questions: vec![crate::TableQuestion { round_id: RoundId::new(), text: "   ".into() }],
        };
        let err = input.validated(&[1, 3]).unwrap_err();
        assert_eq!(
            problems(&err),
            vec![("number", &FieldProblem::Taken), ("capacity", &FieldProblem::OutOfRange { min: 1, max: 50 })]
        );
        let ok = TableInput { capacity: 6, ..input }.validated(&[1, 2]).unwrap();
        assert!(ok.questions.is_empty(), "blank questions are dropped");
    }

    #[test]
    fn round_limits() {
        let err = RoundInput { duration_minutes: 0, break_after_minutes: 241, question: String::new() }
            .validated()
            .unwrap_err();
        assert_eq!(err.errors.len(), 2);
        assert!(RoundInput::default().validated().is_ok());
    }

    #[test]
    fn participant_needs_a_name_and_a_plausible_email() {
        let err = ParticipantInput { email: "Anna Müller".into(), ..Default::default() }.validated().unwrap_err();
        assert_eq!(problems(&err), vec![("last_name", &FieldProblem::Required), ("email", &FieldProblem::Malformed)]);
        let ok =
            ParticipantInput { first_name: "Anna".into(), email: "a.mueller@kreis.de".into(), ..Default::default() }
                .validated()
                .unwrap();
        assert_eq!(ok.display_name(), "Anna");
    }

    #[test]
    fn formula_like_names_stay_plain_text() {
        let ok = ParticipantInput { last_name: "=HYPERLINK(\"x\")".into(), ..Default::default() }.validated().unwrap();
        assert_eq!(ok.last_name, "=HYPERLINK(\"x\")");
    }
}
