use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{FieldOfActionId, ParticipantId, ProcessId, RoundId, TableId, WorkshopId};

/// A series of workshops that feed one result, e.g. the five workshops of an integration concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Process {
    /// Identity.
    pub id: ProcessId,
    /// Name shown in the workshop list, unique (case-insensitively) among processes.
    pub title: String,
    /// What the process is for; the concept draft's "Anlass und Ziel" starts with it.
    pub description: String,
    /// The guiding vision ("Leitbild") the process works towards; the concept draft opens with it.
    pub vision: String,
}

/// What staff edit about a process besides its title (which files workshops under it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProcessTexts {
    /// What the process is for.
    pub description: String,
    /// The guiding vision ("Leitbild").
    pub vision: String,
}

/// Language of a workshop's printables and minutes (the UI language is chosen separately).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// German, the default: the app was made for German municipal processes.
    #[default]
    De,
    /// English.
    En,
}

/// How travellers may move between tables; decides the planner's hard rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum TravelMode {
    /// A traveller never sits at the same table twice (each table has its own topic).
    #[default]
    Free,
    /// Every traveller visits each topic table once (at most once when there are fewer rounds).
    TopicTour,
    /// Tables are interchangeable groups; only whom one meets matters.
    Any,
}

/// What the moderator fills in about a workshop; everything a user may edit in one form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopDetails {
    /// Title, e.g. "Integration durch Bildung".
    pub title: String,
    /// Day of the workshop, if fixed.
    pub date: Option<NaiveDate>,
    /// Start time; the rounds' clock times are computed from it.
    pub start_time: Option<NaiveTime>,
    /// When it ends, as announced (the minutes' "Zeit: 9:00–12:30"); not before the start.
    pub end_time: Option<NaiveTime>,
    /// Venue.
    pub place: String,
    /// Why the workshop takes place; printed on the minutes.
    pub purpose: String,
    /// Language of the printables and minutes.
    pub language: Language,
    /// How travellers move between tables.
    pub travel_mode: TravelMode,
    /// Who holds the workshop ("Veranstalter"), e.g. "Kreis Mettmann, Kommunales Integrationszentrum".
    pub organiser: String,
    /// Who moderates ("Moderation").
    pub moderation: String,
    /// Who takes the minutes ("Protokollführung").
    pub minute_taker: String,
    /// Who receives the minutes ("Verteiler"), free text, one recipient a line.
    pub distribution: String,
    /// The field of action of its process the workshop belongs to, if one.
    pub field_id: Option<FieldOfActionId>,
}

impl WorkshopDetails {
    /// Details with just a title, everything else empty or default.
    pub fn titled(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            date: None,
            start_time: None,
            end_time: None,
            place: String::new(),
            purpose: String::new(),
            language: Language::default(),
            travel_mode: TravelMode::default(),
            organiser: String::new(),
            moderation: String::new(),
            minute_taker: String::new(),
            distribution: String::new(),
            field_id: None,
        }
    }
}

/// A workshop as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Workshop {
    /// Identity.
    pub id: WorkshopId,
    /// The process it belongs to, if any.
    pub process_id: Option<ProcessId>,
    /// The editable part.
    pub details: WorkshopDetails,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When anything in its details last changed.
    pub updated_at: DateTime<Utc>,
}

/// What is needed to create a workshop: a title and, optionally, the process to file it under
/// (found by title, created when new).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewWorkshop {
    /// Title of the new workshop.
    pub title: String,
    /// Title of the process; empty or absent for a stand-alone workshop.
    pub process_title: Option<String>,
}

/// One line of the workshop list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopSummary {
    /// Identity.
    pub id: WorkshopId,
    /// Title.
    pub title: String,
    /// Day, if fixed.
    pub date: Option<NaiveDate>,
    /// Venue.
    pub place: String,
    /// Number of topic tables.
    pub table_count: u32,
    /// Number of rounds.
    pub round_count: u32,
    /// Number of participants (hosts included).
    pub participant_count: u32,
    /// The example workshop Cafehost brings on its first start (not real data).
    pub is_example: bool,
}

/// The workshop list: workshops grouped by process, stand-alone workshops last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProcessGroup {
    /// The process, or `None` for the workshops that belong to none.
    pub process: Option<Process>,
    /// Its workshops, newest date first.
    pub workshops: Vec<WorkshopSummary>,
}

/// A topic table ("Thementisch").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CafeTable {
    /// Identity.
    pub id: TableId,
    /// The workshop it stands in.
    pub workshop_id: WorkshopId,
    /// The editable part.
    #[serde(flatten)]
    pub input: TableInput,
}

/// What the moderator edits about a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableInput {
    /// Number on the table card, unique within the workshop.
    pub number: u32,
    /// Topic, e.g. "Übergang Kita – Grundschule".
    pub topic: String,
    /// Seats, host included.
    pub capacity: u32,
    /// The table host, who stays for all rounds.
    pub host_id: Option<ParticipantId>,
    /// The question asked at this table in a given round (absent: the round's general question).
    pub questions: Vec<TableQuestion>,
}

/// The question a table asks in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableQuestion {
    /// The round.
    pub round_id: RoundId,
    /// The question.
    pub text: String,
}

/// One conversation round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Round {
    /// Identity.
    pub id: RoundId,
    /// The workshop.
    pub workshop_id: WorkshopId,
    /// 0-based order within the workshop.
    pub position: u32,
    /// The editable part.
    #[serde(flatten)]
    pub input: RoundInput,
}

/// What the moderator edits about a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoundInput {
    /// Length of the conversation.
    pub duration_minutes: u32,
    /// Break after the round (0: people move straight on).
    pub break_after_minutes: u32,
    /// The question of the round, shown on the projector (tables may ask their own).
    pub question: String,
}

impl Default for RoundInput {
    fn default() -> Self {
        Self { duration_minutes: 20, break_after_minutes: 0, question: String::new() }
    }
}

/// Everything the setup screens show about one workshop, loaded in one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopSetup {
    /// The workshop.
    pub workshop: Workshop,
    /// Its process, if any.
    pub process: Option<Process>,
    /// Tables by number.
    pub tables: Vec<CafeTable>,
    /// Rounds in order.
    pub rounds: Vec<Round>,
    /// Participants by last name, first name.
    pub participants: Vec<crate::Participant>,
}

/// Builds the workshop list: one group per process that has workshops, ordered by title, then
/// the stand-alone workshops. Workshops keep the order they come in.
pub fn group_by_process(
    processes: Vec<Process>,
    workshops: Vec<(Option<ProcessId>, WorkshopSummary)>,
) -> Vec<ProcessGroup> {
    let mut groups: Vec<ProcessGroup> =
        processes.into_iter().map(|p| ProcessGroup { process: Some(p), workshops: Vec::new() }).collect();
    groups.sort_by_key(|g| g.process.as_ref().map(|p| p.title.to_lowercase()));
    let mut loose = ProcessGroup { process: None, workshops: Vec::new() };
    for (process_id, summary) in workshops {
        let group = groups.iter_mut().find(|g| g.process.as_ref().map(|p| p.id) == process_id && process_id.is_some());
        match group {
            Some(g) => g.workshops.push(summary),
            None => loose.workshops.push(summary),
        }
    }
    groups.retain(|g| !g.workshops.is_empty());
    if !loose.workshops.is_empty() {
        groups.push(loose);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(title: &str) -> WorkshopSummary {
        WorkshopSummary {
            id: WorkshopId::new(),
            title: title.into(),
            date: None,
            place: String::new(),
            table_count: 0,
            round_count: 0,
            participant_count: 0,
            is_example: false,
        }
    }

    #[test]
    fn workshops_are_grouped_by_process_with_loose_ones_last() {
        let concept = Process {
            id: ProcessId::new(),
            title: "Integrationskonzept".into(),
            description: String::new(),
            vision: String::new(),
        };
        let unused =
            Process { id: ProcessId::new(), title: "Alt".into(), description: String::new(), vision: String::new() };
        let groups = group_by_process(
            vec![concept.clone(), unused],
            vec![
                (None, summary("Einzeln")),
                (Some(concept.id), summary("Bildung")),
                (Some(concept.id), summary("Arbeit")),
            ],
        );
        assert_eq!(groups.len(), 2, "a process without workshops is not listed");
        assert_eq!(groups[0].process.as_ref().map(|p| p.title.as_str()), Some("Integrationskonzept"));
        assert_eq!(groups[0].workshops.iter().map(|w| w.title.as_str()).collect::<Vec<_>>(), ["Bildung", "Arbeit"]);
        assert_eq!(groups[1].process, None);
    }
}
