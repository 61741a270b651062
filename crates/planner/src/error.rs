//! Why no plan can be made: one variant per broken rule, each with a stable [`PlanError::code`],
//! its numbers ([`PlanError::params`]) and, where there is one, a way out
//! ([`PlanError::suggestion`]).

use serde_json::{Map, Value, json};
use thiserror::Error;

/// A request the planner cannot fulfil, and why.
///
/// The English message (`Display`) is for the CLI; the app shows its own translation of
/// [`PlanError::code`] with [`PlanError::params`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The text is not a valid request.
    #[error("the request is not valid JSON for a plan: {message}")]
    InvalidJson {
        /// The parser's message.
        message: String,
    },
    /// Two tables or two participants share an id.
    #[error("the {kind} id \"{id}\" is used twice")]
    DuplicateId {
        /// `table` or `participant`.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// A participant id that is not in the list of participants.
    #[error("{context} names the participant \"{id}\", who is not in the list of participants")]
    UnknownParticipant {
        /// Where it was found, e.g. `pinned`.
        context: &'static str,
        /// The id.
        id: String,
    },
    /// A table id that is not in the list of tables.
    #[error("{context} names the table \"{id}\", which is not in the list of tables")]
    UnknownTable {
        /// Where it was found.
        context: &'static str,
        /// The id.
        id: String,
    },
    /// A round number at or beyond the number of rounds.
    #[error("{context} names round {round}, but there are only {rounds} rounds (numbered from 0)")]
    RoundOutOfRange {
        /// Where it was found.
        context: &'static str,
        /// The round.
        round: u32,
        /// The number of rounds.
        rounds: u32,
    },
    /// More rounds than the planner handles.
    #[error("{rounds} rounds are more than the planner handles (at most {max})")]
    TooManyRounds {
        /// Rounds asked for.
        rounds: u32,
        /// The most the planner takes.
        max: u32,
    },
    /// A pair names the same person twice.
    #[error("the pair in {context} names \"{id}\" twice")]
    SelfPair {
        /// `apart` or `together`.
        context: &'static str,
        /// The id.
        id: String,
    },
    /// A table's host is not a participant.
    #[error("table \"{table}\" is hosted by \"{host}\", who is not in the list of participants")]
    HostUnknown {
        /// The table.
        table: String,
        /// The host's id.
        host: String,
    },
    /// One person hosts two tables.
    #[error("\"{host}\" hosts both table \"{first}\" and table \"{second}\", but a host stays at one table")]
    HostTwice {
        /// The host.
        host: String,
        /// One table.
        first: String,
        /// The other.
        second: String,
    },
    /// A host sits at a table with no seats.
    #[error("table \"{table}\" has no seats, so its host \"{host}\" cannot sit there")]
    HostWithoutSeat {
        /// The table.
        table: String,
        /// The host.
        host: String,
    },
    /// More people than seats in a round.
    #[error("round {round} has {people} people but only {seats} seats")]
    CapacityTooSmall {
        /// The round.
        round: u32,
        /// People there.
        people: u32,
        /// Seats at all tables together.
        seats: u32,
    },
    /// Travellers would have to return to a topic.
    #[error("{}", too_many_rounds_text(*.rounds, *.tables, *.topics, .travel))]
    TooManyRoundsForTour {
        /// The most rounds any traveller is there.
        rounds: u32,
        /// Tables with seats.
        tables: u32,
        /// Topics with seats (at most `tables`; fewer where tables share a topic). At most this
        /// many rounds can be planned.
        topics: u32,
        /// The travel mode.
        travel: &'static str,
    },
    /// The tables cannot take every traveller at distinct tables in every round they are there.
    #[error(
        "{travellers} travellers need {visits} visits to topics they have not sat at in travel mode `{travel}`, but the \
         tables can take at most {places} such visits (table \"{table}\" has {seats} seats)"
    )]
    TourTooTight {
        /// The travel mode.
        travel: &'static str,
        /// Travellers (not hosts) there in at least one planned round.
        travellers: u32,
        /// Visits needed by the travellers that make it fail.
        visits: u32,
        /// The most distinct visits the tables can take from them.
        places: u32,
        /// The table with the fewest seats.
        table: String,
        /// Its seats.
        seats: u32,
        /// With at least this many seats at every table, the check passes.
        min_seats: u32,
        /// With at most this many rounds, the check passes.
        max_rounds: u32,
    },
    /// More participants than the planner takes.
    #[error("{participants} participants are more than the planner takes (at most {max})")]
    TooManyParticipants {
        /// Participants given.
        participants: u32,
        /// The most the planner takes.
        max: u32,
    },
    /// Two pins for one person in one round, or a pin against a host's or a held seat.
    #[error("\"{participant}\" is fixed to table \"{first}\" and to table \"{second}\" in round {round}")]
    PinConflict {
        /// Who.
        participant: String,
        /// The round.
        round: u32,
        /// One table (for a host: their own table; in a held round: where they sat).
        first: String,
        /// The other table.
        second: String,
    },
    /// A pin for someone who is absent in that round.
    #[error("\"{participant}\" is pinned in round {round} but is absent then")]
    PinnedAbsent {
        /// Who.
        participant: String,
        /// The round.
        round: u32,
    },
    /// More people fixed at a table than it has seats.
    #[error("{fixed} people are fixed at table \"{table}\" in round {round}, which has {capacity} seats")]
    PinOverCapacity {
        /// The table.
        table: String,
        /// The round.
        round: u32,
        /// People pinned there, the host included.
        fixed: u32,
        /// Its seats.
        capacity: u32,
    },
    /// Pins (or a pin and a held round) send a traveller to the same topic twice where travel
    /// forbids it.
    #[error("{}", pin_revisit_text(.participant, .topic, .first_table, .table, *.first, *.second))]
    PinRevisit {
        /// Who.
        participant: String,
        /// The table of the later round.
        table: String,
        /// The table of the earlier round (the same as `table`, or another table of its topic).
        first_table: String,
        /// The topic of both tables.
        topic: String,
        /// The earlier round.
        first: u32,
        /// The later round.
        second: u32,
    },
    /// A keep-apart pair is fixed at the same table.
    #[error("\"{first}\" and \"{second}\" must be kept apart but are both fixed at table \"{table}\" in round {round}")]
    ApartImpossible {
        /// One of the pair.
        first: String,
        /// The other.
        second: String,
        /// The round.
        round: u32,
        /// The table.
        table: String,
    },
    /// More held rounds than rounds.
    #[error("{held} rounds are given as held, but there are only {rounds} rounds")]
    HeldExceedsRounds {
        /// Held rounds given.
        held: u32,
        /// Rounds.
        rounds: u32,
    },
    /// Someone appears twice in one held round.
    #[error("\"{participant}\" appears twice in held round {round}")]
    HeldSeatedTwice {
        /// Who.
        participant: String,
        /// The round.
        round: u32,
    },
    /// A wish names a topic no table has.
    #[error("\"{participant}\" wishes for the topic \"{topic}\" (wish {rank}), but no table has that topic")]
    UnknownWishTopic {
        /// Who.
        participant: String,
        /// The topic named.
        topic: String,
        /// The wish's rank, from 1 (first choice).
        rank: u32,
    },
    /// A participant names one topic twice among their wishes.
    #[error("\"{participant}\" wishes for the topic \"{topic}\" twice (wishes {first} and {second})")]
    DuplicateWish {
        /// Who.
        participant: String,
        /// The topic.
        topic: String,
        /// The rank of its first mention, from 1.
        first: u32,
        /// The rank of its second mention.
        second: u32,
    },
    /// The search ended with a hard rule still broken (the instance is too tight for the budget,
    /// or impossible in a way the checks before the search do not see).
    #[error("no plan found that keeps the rule `{rule}` ({violations} violations left)")]
    NoPlanFound {
        /// `travel` or `apart`.
        rule: &'static str,
        /// How many violations the best plan had.
        violations: u32,
    },
}

impl PlanError {
    /// Every code [`PlanError::code`] returns.
    pub const ALL_CODES: &'static [&'static str] = &[
        "planner.invalid_json",
        "planner.duplicate_id",
        "planner.unknown_participant",
        "planner.unknown_table",
        "planner.round_out_of_range",
        "planner.too_many_rounds",
        "planner.self_pair",
        "planner.host_unknown",
        "planner.host_twice",
        "planner.host_without_seat",
        "planner.capacity_too_small",
        "planner.too_many_rounds_for_tour",
        "planner.pin_conflict",
        "planner.pinned_absent",
        "planner.pin_over_capacity",
        "planner.pin_revisit",
        "planner.apart_impossible",
        "planner.held_exceeds_rounds",
        "planner.held_seated_twice",
        "planner.no_plan_found",
        "planner.tour_too_tight",
        "planner.too_many_participants",
        "planner.unknown_wish_topic",
        "planner.duplicate_wish",
    ];

    /// A stable code for translations, e.g. `planner.capacity_too_small`.
    pub fn code(&self) -> &'static str {
        match self {
            PlanError::InvalidJson { .. } => "planner.invalid_json",
            PlanError::DuplicateId { .. } => "planner.duplicate_id",
            PlanError::UnknownParticipant { .. } => "planner.unknown_participant",
            PlanError::UnknownTable { .. } => "planner.unknown_table",
            PlanError::RoundOutOfRange { .. } => "planner.round_out_of_range",
            PlanError::TooManyRounds { .. } => "planner.too_many_rounds",
            PlanError::SelfPair { .. } => "planner.self_pair",
            PlanError::HostUnknown { .. } => "planner.host_unknown",
            PlanError::HostTwice { .. } => "planner.host_twice",
            PlanError::HostWithoutSeat { .. } => "planner.host_without_seat",
            PlanError::CapacityTooSmall { .. } => "planner.capacity_too_small",
            PlanError::TooManyRoundsForTour { .. } => "planner.too_many_rounds_for_tour",
            PlanError::PinConflict { .. } => "planner.pin_conflict",
            PlanError::PinnedAbsent { .. } => "planner.pinned_absent",
            PlanError::PinOverCapacity { .. } => "planner.pin_over_capacity",
            PlanError::PinRevisit { .. } => "planner.pin_revisit",
            PlanError::ApartImpossible { .. } => "planner.apart_impossible",
            PlanError::HeldExceedsRounds { .. } => "planner.held_exceeds_rounds",
            PlanError::HeldSeatedTwice { .. } => "planner.held_seated_twice",
            PlanError::NoPlanFound { .. } => "planner.no_plan_found",
            PlanError::TourTooTight { .. } => "planner.tour_too_tight",
            PlanError::TooManyParticipants { .. } => "planner.too_many_participants",
            PlanError::UnknownWishTopic { .. } => "planner.unknown_wish_topic",
            PlanError::DuplicateWish { .. } => "planner.duplicate_wish",
        }
    }

    /// The numbers and names behind the message, for a translated text.
    pub fn params(&self) -> Map<String, Value> {
        let value = match self {
            PlanError::InvalidJson { message } => json!({ "message": message }),
            PlanError::DuplicateId { kind, id } => json!({ "kind": kind, "id": id }),
            PlanError::UnknownParticipant { context, id } | PlanError::UnknownTable { context, id } => {
                json!({ "context": context, "id": id })
            }
            PlanError::RoundOutOfRange { context, round, rounds } => {
                json!({ "context": context, "round": round, "rounds": rounds })
            }
            PlanError::TooManyRounds { rounds, max } => json!({ "rounds": rounds, "max": max }),
            PlanError::SelfPair { context, id } => json!({ "context": context, "id": id }),
            PlanError::HostUnknown { table, host } | PlanError::HostWithoutSeat { table, host } => {
                json!({ "table": table, "host": host })
            }
            PlanError::HostTwice { host, first, second } => json!({ "host": host, "first": first, "second": second }),
            PlanError::CapacityTooSmall { round, people, seats } => {
                json!({ "round": round, "people": people, "seats": seats, "missing": people - seats })
            }
            PlanError::TooManyRoundsForTour { rounds, tables, topics, travel } => {
                json!({ "rounds": rounds, "tables": tables, "topics": topics, "travel": travel })
            }
            PlanError::PinConflict { participant, round, first, second } => {
                json!({ "participant": participant, "round": round, "first": first, "second": second })
            }
            PlanError::PinnedAbsent { participant, round } | PlanError::HeldSeatedTwice { participant, round } => {
                json!({ "participant": participant, "round": round })
            }
            PlanError::PinOverCapacity { table, round, fixed, capacity } => {
                json!({ "table": table, "round": round, "fixed": fixed, "capacity": capacity })
            }
            PlanError::PinRevisit { participant, table, first_table, topic, first, second } => {
                json!({ "participant": participant, "table": table, "first_table": first_table, "topic": topic,
                    "first": first, "second": second })
            }
            PlanError::ApartImpossible { first, second, round, table } => {
                json!({ "first": first, "second": second, "round": round, "table": table })
            }
            PlanError::HeldExceedsRounds { held, rounds } => json!({ "held": held, "rounds": rounds }),
            PlanError::NoPlanFound { rule, violations } => json!({ "rule": rule, "violations": violations }),
            PlanError::TourTooTight { travel, travellers, visits, places, table, seats, min_seats, max_rounds } => {
                json!({ "travel": travel, "travellers": travellers, "visits": visits, "places": places,
                    "table": table, "seats": seats, "min_seats": min_seats, "max_rounds": max_rounds })
            }
            PlanError::TooManyParticipants { participants, max } => {
                json!({ "participants": participants, "max": max })
            }
            PlanError::UnknownWishTopic { participant, topic, rank } => {
                json!({ "participant": participant, "topic": topic, "rank": rank })
            }
            PlanError::DuplicateWish { participant, topic, first, second } => {
                json!({ "participant": participant, "topic": topic, "first": first, "second": second })
            }
        };
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// The way out, in English, where there is one.
    pub fn suggestion(&self) -> Option<String> {
        Some(match self {
            PlanError::CapacityTooSmall { people, seats, .. } => {
                format!("add {} seats, or mark people as absent", people - seats)
            }
            PlanError::TooManyRoundsForTour { rounds, tables, topics, .. } if topics < tables => format!(
                "use travel mode `any`, plan at most {topics} rounds, or give more tables a topic of their own (a \
                 traveller there in {rounds} rounds would return to a topic)"
            ),
            PlanError::TooManyRoundsForTour { rounds, topics, .. } => format!(
                "use travel mode `any`, or at most {topics} rounds (a traveller there in {rounds} rounds would return to a table)"
            ),
            PlanError::HostTwice { host, .. } => format!("give one of the tables another host than \"{host}\""),
            PlanError::HostWithoutSeat { table, .. } => format!("give table \"{table}\" at least one seat"),
            PlanError::PinConflict { participant, round, .. } => {
                format!("keep one seat for \"{participant}\" in round {round} and remove the other pin")
            }
            PlanError::PinnedAbsent { participant, round } => {
                format!("remove the pin or the absence of \"{participant}\" in round {round}")
            }
            PlanError::PinOverCapacity { table, .. } => format!("pin fewer people at table \"{table}\", or add seats"),
            PlanError::PinRevisit { participant, table, first_table, .. } if table == first_table => {
                format!("pin \"{participant}\" to another table, or use travel mode `any`")
            }
            PlanError::PinRevisit { participant, topic, .. } => {
                format!("pin \"{participant}\" to a table of another topic than \"{topic}\", or use travel mode `any`")
            }
            PlanError::UnknownWishTopic { participant, topic, .. } => {
                format!("give a table the topic \"{topic}\", or remove it from the wishes of \"{participant}\"")
            }
            PlanError::DuplicateWish { participant, second, .. } => {
                format!("remove wish {second} of \"{participant}\"")
            }
            PlanError::ApartImpossible { first, second, .. } => {
                format!("remove the keep-apart pair or one of the fixed seats of \"{first}\" and \"{second}\"")
            }
            PlanError::HeldExceedsRounds { .. } => "add rounds, or give fewer held rounds".to_owned(),
            PlanError::TooManyRounds { max, .. } => format!("plan at most {max} rounds"),
            PlanError::TourTooTight { table, seats, min_seats, max_rounds, .. } => format!(
                "give every table at least {min_seats} seats (table \"{table}\" has {seats}), plan at most {max_rounds} \
                 rounds, or use travel mode `any`"
            ),
            PlanError::TooManyParticipants { max, .. } => {
                format!("plan at most {max} participants at once, e.g. split the café into groups")
            }
            PlanError::NoPlanFound { .. } => {
                "give the planner more time, add seats or tables, or remove keep-apart pairs".to_owned()
            }
            _ => return None,
        })
    }
}

/// The message of [`PlanError::TooManyRoundsForTour`]: in tables alone while every table is a
/// topic of its own.
fn too_many_rounds_text(rounds: u32, tables: u32, topics: u32, travel: &str) -> String {
    if topics < tables {
        format!(
            "{rounds} rounds but {topics} topics (at {tables} tables): travellers would have to return to a topic in \
             travel mode `{travel}`"
        )
    } else {
        format!(
            "{rounds} rounds but {tables} tables: travellers would have to return to a table in travel mode `{travel}`"
        )
    }
}

/// The message of [`PlanError::PinRevisit`]: the topic is named where the two tables differ.
fn pin_revisit_text(participant: &str, topic: &str, first_table: &str, table: &str, first: u32, second: u32) -> String {
    if first_table == table {
        format!("\"{participant}\" would sit at table \"{table}\" in round {first} and again in round {second}")
    } else {
        format!(
            "\"{participant}\" would sit at the topic \"{topic}\" in round {first} (table \"{first_table}\") and again \
             in round {second} (table \"{table}\")"
        )
    }
}
