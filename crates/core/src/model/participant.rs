use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{ParticipantId, RoundId, TableId, WorkshopId};

/// A person on the participant list of one workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Participant {
    /// Identity.
    pub id: ParticipantId,
    /// The workshop whose list they are on.
    pub workshop_id: WorkshopId,
    /// The editable part.
    #[serde(flatten)]
    pub input: ParticipantInput,
    /// Whether they are in the room.
    pub attendance: Attendance,
    /// Came on the day without being registered (added at check-in as a walk-in), so the minutes
    /// count them apart from the registered people.
    pub walk_in: bool,
    /// When they were added.
    pub created_at: DateTime<Utc>,
    /// When their data last changed.
    pub updated_at: DateTime<Utc>,
}

impl Participant {
    /// "First Last", or whichever part exists.
    pub fn display_name(&self) -> String {
        self.input.display_name()
    }
}

/// What can be typed or imported about a person. Missing fields read as empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ParticipantInput {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Organisation ("Träger"), used to spread people across tables.
    pub organisation: String,
    /// Municipality or group.
    pub group: String,
    /// Role or function, free text.
    pub role: String,
    /// E-mail address, optional.
    pub email: String,
    /// Any further columns of an imported list, by column name.
    pub attributes: BTreeMap<String, String>,
    /// Topics they would like to discuss, first choice first (at most
    /// [`crate::validation::MAX_WISHES`]); a topic's title or a table's number, matched to the
    /// workshop's tables by [`crate::topics::Topics::resolve`].
    pub wishes: Vec<String>,
}

impl ParticipantInput {
    /// "First Last", or whichever part exists.
    pub fn display_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            _ => self.last_name.clone(),
        }
    }
}

/// Where a participant is on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Registered, not (yet) checked in.
    #[default]
    Expected,
    /// Checked in.
    Present,
    /// Did not come.
    Absent,
    /// Came and left early.
    Left,
}

/// Where one participant sits in one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Seat {
    /// The round.
    pub round_id: RoundId,
    /// The person.
    pub participant_id: ParticipantId,
    /// The table.
    pub table_id: TableId,
    /// Fixed by the moderator; the planner must keep it.
    pub pinned: bool,
}
