//! Validation: each input type cleans itself (see [`crate::text`]) and checks its limits,
//! returning either the cleaned value or every problem at once, per field, so a form can show
//! each message next to its field. Problems are codes with parameters, never prose: the UI
//! translates them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::run::RunFrame;
use crate::text::{char_len, clean_line, clean_text};
use crate::{
    NewWorkshop, NoteInput, ParticipantInput, ProcessTexts, RoundInput, StatementInput, StatementPlan, TableInput,
    WorkshopDetails,
};

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
/// Most topic wishes per person (a first, second and third choice).
pub const MAX_WISHES: u32 = 3;
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
    /// An end (date or time) before its start.
    BeforeStart,
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

    /// An end not before its start (both given); the problem is the end's.
    fn ordered<T: PartialOrd>(&mut self, end_field: &str, start: Option<T>, end: Option<T>) {
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.push(end_field, FieldProblem::BeforeStart);
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
        c.ordered("end_time", self.start_time, self.end_time);
        let cleaned = Self {
            title: c.line("title", &self.title, true),
            date: self.date,
            start_time: self.start_time,
            end_time: self.end_time,
            place: c.line("place", &self.place, false),
            purpose: c.text("purpose", &self.purpose, MAX_TEXT_CHARS),
            language: self.language,
            travel_mode: self.travel_mode,
            organiser: c.line("organiser", &self.organiser, false),
            moderation: c.line("moderation", &self.moderation, false),
            minute_taker: c.line("minute_taker", &self.minute_taker, false),
            distribution: c.text("distribution", &self.distribution, MAX_TEXT_CHARS),
            field_id: self.field_id,
        };
        c.finish(cleaned)
    }
}

impl ProcessTexts {
    /// The cleaned texts, or every problem.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        let description = c.text("description", &self.description, MAX_TEXT_CHARS);
        let vision = c.text("vision", &self.vision, MAX_TEXT_CHARS);
        c.finish(Self { description, vision })
    }
}

/// A field of action's starting situation ("Ausgangslage"), cleaned, or its problem: a text as
/// long as a process's description at most.
pub fn validated_situation(situation: &str) -> Result<String, ValidationError> {
    let mut c = Checker::default();
    let cleaned = c.text("situation", situation, MAX_TEXT_CHARS);
    c.finish(cleaned)
}

impl StatementPlan {
    /// The cleaned plan, or every problem: an end date before the start date is one.
    pub fn validated(&self) -> Result<Self, ValidationError> {
        let mut c = Checker::default();
        c.ordered("end_date", self.start_date, self.end_date);
        let cleaned = Self {
            start_date: self.start_date,
            end_date: self.end_date,
            indicator: c.line("indicator", &self.indicator, false),
            baseline: c.line("baseline", &self.baseline, false),
            target: c.line("target", &self.target, false),
            resources: c.text("resources", &self.resources, MAX_TEXT_CHARS),
            decision_body: c.line("decision_body", &self.decision_body, false),
            decision_date: self.decision_date,
            decision_reference: c.line("decision_reference", &self.decision_reference, false),
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
        let mut wishes: Vec<String> = Vec::new();
        for wish in &self.wishes {
            let wish = c.line("wishes", wish, false);
            if wish.is_empty() {
                continue;
            }
            if wishes.iter().any(|w| crate::text::match_key(w) == crate::text::match_key(&wish)) {
                c.push("wishes", FieldProblem::Taken);
            } else {
                wishes.push(wish);
            }
        }
        if wishes.len() > MAX_WISHES as usize {
            c.push("wishes", FieldProblem::OutOfRange { min: 0, max: MAX_WISHES });
        }
        let cleaned = Self {
            first_name,
            last_name,
            organisation: c.line("organisation", &self.organisation, false),
            group: c.line("group", &self.group, false),
            role: c.line("role", &self.role, false),
            email,
            attributes,
            wishes,
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

    #[test]
    fn a_situation_is_cleaned_and_limited() {
        assert_eq!(
            validated_situation("  - Wenige Plätze\r\n- Lange Wege \n").unwrap(),
            "- Wenige Plätze\n- Lange Wege"
        );
        let e = validated_situation(&"x".repeat(MAX_TEXT_CHARS as usize + 1)).unwrap_err();
        assert_eq!(problems(&e), [("situation", &FieldProblem::TooLong { max: MAX_TEXT_CHARS })]);
    }

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
    fn wishes_are_cleaned_once_each_and_at_most_three() {
        let person = |wishes: &[&str]| ParticipantInput {
            last_name: "Roth".into(),
            wishes: wishes.iter().map(|w| (*w).to_owned()).collect(),
            ..Default::default()
        };
        let ok = person(&[" Wohnen ", "", "Kita"]).validated().unwrap();
        assert_eq!(ok.wishes, ["Wohnen", "Kita"], "blanks dropped, order kept");
        let err = person(&["Wohnen", "wohnen!"]).validated().unwrap_err();
        assert_eq!(problems(&err), vec![("wishes", &FieldProblem::Taken)]);
        let err = person(&["A", "B", "C", "D"]).validated().unwrap_err();
        assert_eq!(problems(&err), vec![("wishes", &FieldProblem::OutOfRange { min: 0, max: MAX_WISHES })]);
    }

    #[test]
    fn a_workshop_ends_after_it_starts_and_names_its_roles() {
        let time = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0);
        let details = WorkshopDetails {
            start_time: time(14),
            end_time: time(9),
            organiser: "x".repeat(201),
            minute_taker: " Jana  Roth ".into(),
            ..WorkshopDetails::titled("Bildung")
        };
        let err = details.validated().unwrap_err();
        assert_eq!(
            problems(&err),
            vec![("end_time", &FieldProblem::BeforeStart), ("organiser", &FieldProblem::TooLong { max: 200 })]
        );
        let ok = WorkshopDetails { end_time: time(17), organiser: "Kreis".into(), ..details }.validated().unwrap();
        assert_eq!(ok.minute_taker, "Jana Roth");
        let open_end = WorkshopDetails { end_time: time(8), ..WorkshopDetails::titled("x") };
        assert!(open_end.validated().is_ok(), "an end without a start is not compared");
    }

    #[test]
    fn a_plan_ends_on_or_after_its_start() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d);
        let plan = StatementPlan { start_date: day(10), end_date: day(9), ..StatementPlan::default() };
        assert_eq!(problems(&plan.validated().unwrap_err()), vec![("end_date", &FieldProblem::BeforeStart)]);
        let same_day = StatementPlan { end_date: day(10), indicator: " Kitas ".into(), ..plan };
        assert_eq!(same_day.validated().unwrap().indicator, "Kitas");
        let long = StatementPlan { resources: "x".repeat(2_001), ..StatementPlan::default() };
        assert_eq!(
            problems(&long.validated().unwrap_err()),
            vec![("resources", &FieldProblem::TooLong { max: 2_000 })]
        );
    }

    #[test]
    fn process_texts_are_limited() {
        let texts = ProcessTexts { description: "Anlass".into(), vision: "x".repeat(2_001) };
        assert_eq!(problems(&texts.validated().unwrap_err()), vec![("vision", &FieldProblem::TooLong { max: 2_000 })]);
    }

    #[test]
    fn formula_like_names_stay_plain_text() {
        let ok = ParticipantInput { last_name: "=HYPERLINK(\"x\")".into(), ..Default::default() }.validated().unwrap();
        assert_eq!(ok.last_name, "=HYPERLINK(\"x\")");
    }
}
