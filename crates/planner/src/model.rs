//! The interchange format: what the planner reads ([`PlanRequest`]) and what it returns
//! ([`PlanOutcome`]), both plain JSON through serde.
//!
//! Unknown fields are refused (`deny_unknown_fields`), so a typo in a file is an error and not a
//! silently ignored rule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::PlanError;

/// One round's seating: table id → the ids of the people at that table.
pub type RoundSeating = BTreeMap<String, Vec<String>>;

/// An instance to plan.
///
/// ```json
/// { "rounds": 3, "travel": "free",
///   "tables": [ {"id": "t1", "capacity": 6, "host": "p1", "topic": "Wohnen"},
///               {"id": "t2", "capacity": 6, "topic": "Wohnen"},
///               {"id": "t3", "capacity": 6}, {"id": "t4", "capacity": 6} ],
///   "participants": [ {"id": "p1", "attributes": {"organisation": "AWO"}},
///                     {"id": "p2", "wishes": ["t3", "Wohnen"]} ],
///   "spread": ["organisation"],
///   "absent": [ {"participant": "p2", "rounds": [0]} ],
///   "pinned": [ {"participant": "p3", "round": 1, "table": "t3"} ],
///   "apart": [["p4", "p5"]], "together": [["p6", "p7"]],
///   "held": [ {"t1": ["p1", "p3"], "t2": ["p4"]} ] }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// Number of rounds, numbered from 0.
    pub rounds: u32,
    /// How travellers may move between tables.
    #[serde(default)]
    pub travel: Travel,
    /// The tables, in the order they are shown.
    pub tables: Vec<TableSpec>,
    /// Everyone who may be seated, hosts included.
    pub participants: Vec<ParticipantSpec>,
    /// Attribute names whose values should be spread across the tables of each round.
    #[serde(default)]
    pub spread: Vec<String>,
    /// Who is not there in which rounds.
    #[serde(default)]
    pub absent: Vec<Absence>,
    /// Seats fixed in advance.
    #[serde(default)]
    pub pinned: Vec<Pin>,
    /// Pairs that must never share a table (a hard rule).
    #[serde(default)]
    pub apart: Vec<[String; 2]>,
    /// Pairs that should share a table whenever both are there (a wish, not a hard rule).
    #[serde(default)]
    pub together: Vec<[String; 2]>,
    /// The first k rounds exactly as they were held; they never change.
    #[serde(default)]
    pub held: Vec<RoundSeating>,
    /// A previous plan (all rounds, or only some): when re-planning, the planner moves as few
    /// people as possible away from the seats given here.
    #[serde(default)]
    pub previous: Vec<RoundSeating>,
    /// Seed of the planner's random choices: same request and seed, same plan (for the same
    /// number of iterations).
    #[serde(default)]
    pub seed: u64,
    /// The most rounds any pair (not asked to sit together) may share a table, e.g. `Some(2)`:
    /// kept as a hard rule whenever a plan can keep it (the search penalises every meeting over
    /// the cap far more than a repeat); the report says whether it holds. `None`: no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_meetings: Option<u32>,
}

/// How travellers (everyone but the table hosts) move between tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Travel {
    /// A traveller never sits at a table of the same topic twice (a table without
    /// [`TableSpec::topic`] is a topic of its own).
    #[default]
    Free,
    /// Every traveller visits each topic at most once (exactly once when there are as many
    /// rounds as topics and the traveller is there in every round). The planner enforces it with
    /// the same rule as [`Travel::Free`]: no topic twice.
    TopicTour,
    /// Tables are interchangeable groups: a traveller may return to a table; only the people met
    /// count.
    Any,
}

impl Travel {
    /// The name used in the interchange format.
    pub fn as_str(self) -> &'static str {
        match self {
            Travel::Free => "free",
            Travel::TopicTour => "topic-tour",
            Travel::Any => "any",
        }
    }

    /// Whether a traveller may never sit at a table of the same topic twice.
    pub fn forbids_revisits(self) -> bool {
        !matches!(self, Travel::Any)
    }
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// The table's id, unique among the tables.
    pub id: String,
    /// Seats at the table, the host's included.
    pub capacity: u32,
    /// The participant who hosts this table and stays there in every round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The table's topic. Tables that share a topic are parallel copies of it: a traveller who
    /// sat at one of them never sits at another in travel modes `free` and `topic-tour`, and a
    /// wish for the topic is granted at any of them. `None`: the table is a topic of its own,
    /// named by its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

impl TableSpec {
    /// The table's topic: [`TableSpec::topic`], else its id.
    pub fn topic_name(&self) -> &str {
        self.topic.as_deref().unwrap_or(&self.id)
    }
}

/// A participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantSpec {
    /// The participant's id, unique among the participants.
    pub id: String,
    /// Free attributes such as `organisation`; the ones named in [`PlanRequest::spread`] are
    /// spread across tables.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Topics the participant would like to sit at, first choice first (topic names as in
    /// [`TableSpec::topic_name`]; each at most once). A wish is granted when they sit at a table
    /// of that topic in at least one round they are there (held rounds count). The search pursues
    /// the first three (see the crate docs for the weights); hosts stay at their table, so their
    /// wishes are not counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wishes: Vec<String>,
}

/// A participant who is not there in some rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// Who.
    pub participant: String,
    /// The rounds they miss; omitted means every round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounds: Option<Vec<u32>>,
}

/// A seat fixed in advance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// Who.
    pub participant: String,
    /// In which round (from 0).
    pub round: u32,
    /// At which table.
    pub table: String,
}

impl PlanRequest {
    /// Reads a request from JSON text, refusing unknown fields.
    pub fn from_json(text: &str) -> Result<Self, PlanError> {
        serde_json::from_str(text).map_err(|e| PlanError::InvalidJson { message: e.to_string() })
    }
}

/// A plan: every round's seating, held rounds included, and its quality report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanOutcome {
    /// One seating per round; every table appears in every round (possibly empty), and within a
    /// table people are listed in the order of [`PlanRequest::participants`].
    pub rounds: Vec<RoundSeating>,
    /// How good the plan is.
    pub report: QualityReport,
}

impl PlanOutcome {
    /// The table of `participant` in `round`, or `None` when they are not seated then.
    pub fn table_of(&self, round: usize, participant: &str) -> Option<&str> {
        self.rounds
            .get(round)?
            .iter()
            .find(|(_, people)| people.iter().any(|p| p == participant))
            .map(|(t, _)| t.as_str())
    }
}

/// Which argument gave the lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundMethod {
    /// Nothing forces a repeat (the bound is 0).
    None,
    /// Meetings forced by the table sizes exceed the pairs that can meet.
    PairCounting,
    /// The same count for each participant: the people they must meet exceed the people they
    /// can meet.
    PerParticipant,
    /// Pigeonhole between two rounds: a table of the later round holds several people who sat
    /// together in the earlier one (with no revisits: people who all come from tables of other topics).
    Pigeonhole,
    /// Every pair of rounds forces pairs that meet in both; summed over the pairs of rounds this
    /// counts `m(m-1)/2` per pair meeting `m` times, at most `(m-1)·c/2` when no pair meets more
    /// than `c` times (`c`: the cap on meetings, or the number of rounds).
    RoundPairs,
}

/// The quality of a plan, recounted from the seating itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityReport {
    /// Extra meetings: for each pair, the rounds in which they share a table minus one, summed
    /// over the pairs that meet at least once. Pairs asked to sit together are not counted.
    pub repeat_encounters: u64,
    /// A proven lower bound on `repeat_encounters` for this instance (see the crate docs); when
    /// the cap on meetings holds, the bound of the plans that keep it.
    pub lower_bound: u64,
    /// Which argument gave `lower_bound`.
    pub lower_bound_method: BoundMethod,
    /// `repeat_encounters == lower_bound`: no plan can have fewer repeats.
    pub optimal: bool,
    /// The largest number of rounds any pair (not asked to sit together) shares a table.
    pub max_pair_meetings: u32,
    /// How many pairs meet more than once.
    pub pairs_meeting_repeatedly: u64,
    /// Per round, the number of people at each table, in the order of the request's tables.
    pub table_sizes: Vec<Vec<u32>>,
    /// The largest difference between the fullest and the emptiest table (of those with seats)
    /// in any planned round.
    pub size_spread: u32,
    /// For the spread attributes, people above the fair share at their table (the fair share of
    /// a value is the number of people with it in the round divided by the number of tables,
    /// rounded up), summed over planned rounds, tables and values.
    pub attribute_clashes: u64,
    /// Times a traveller sits at a table of a topic they sat at before, in planned rounds (always
    /// 0 unless travel is `any`).
    pub table_revisits: u64,
    /// Pins that hold, of all pins.
    pub pins_honoured: u32,
    /// Number of pins.
    pub pins_total: u32,
    /// Rounds in which a keep-apart pair sits together, in planned rounds (always 0).
    pub apart_violations: u32,
    /// Rounds in which a keep-together pair, both there, shares a table.
    pub together_kept: u32,
    /// Rounds in which a keep-together pair is there together.
    pub together_total: u32,
    /// People seated at another table than in [`PlanRequest::previous`] (over the rounds and
    /// people it lists).
    pub moved: u32,
    /// Search iterations used.
    pub iterations: u64,
    /// The cap on meetings per pair asked for ([`PlanRequest::max_meetings`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_meetings: Option<u32>,
    /// Whether no pair (not asked to sit together) meets more often than the cap, in all rounds
    /// (always `true` without a cap).
    #[serde(default = "yes")]
    pub max_meetings_kept: bool,
    /// Pairs (not asked to sit together) that meet more often than the cap.
    #[serde(default)]
    pub pairs_over_cap: u64,
    /// Per rank of wish (first choice, second, …): how many asked and how many got it, counting
    /// the participants who are no host and are there in at least one round. Empty when nobody
    /// wished.
    #[serde(default)]
    pub wishes: Vec<WishCount>,
    /// Whether no plan grants more of the wishes the planner pursues, weighed by rank (a first
    /// choice before a second and a third together): the wishes missed are what the seats leave
    /// no room for ([`crate::wish_floor`]). `true` when every wish is granted or nobody wished;
    /// `false` says only that this was not proven.
    #[serde(default = "yes")]
    pub wishes_best_possible: bool,
}

/// How the wishes of one rank fared (see [`QualityReport::wishes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WishCount {
    /// 1 for first choices, 2 for second choices, …
    pub rank: u32,
    /// Participants with a wish of this rank.
    pub asked: u32,
    /// Of them, those who sit at a table of that topic in at least one round.
    pub granted: u32,
}

fn yes() -> bool {
    true
}
