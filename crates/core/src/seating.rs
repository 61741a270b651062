//! The rules for seats set by hand: a table takes no more people than its capacity, a host stays
//! at their own table, and where the travel mode forbids it nobody returns to a table they sat at
//! in another round. The planner keeps the same rules for the seats it chooses (and refuses pins
//! that break them); this module is where they are decided for a person moved or swapped in the
//! seating grid, and where the grid learns which tables it may offer and why not.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::topics::Topics;
use crate::{CafeTable, ParticipantId, RoundId, Seat, TableId, TravelMode};

/// How often two people may share a table unless the moderator chooses otherwise: twice. A
/// second meeting is what a café with few tables and many rounds cannot always avoid; a third
/// makes travel buddies, which defeats the café.
pub const DEFAULT_MEETING_CAP: u32 = 2;
/// The largest cap a moderator may choose (more rounds than this are not held).
pub const MAX_MEETING_CAP: u32 = 20;

/// A moderator's choice of the meeting cap (`None`: no cap), if it is one (field `meeting_cap`).
pub fn check_meeting_cap(cap: Option<u32>) -> Result<Option<u32>, crate::ValidationError> {
    match cap {
        Some(n) if !(1..=MAX_MEETING_CAP).contains(&n) => Err(crate::ValidationError::single(
            "meeting_cap",
            crate::FieldProblem::OutOfRange { min: 1, max: MAX_MEETING_CAP },
        )),
        other => Ok(other),
    }
}

/// What the moderator asks of two people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Never at one table (a hard rule of the planner).
    Apart,
    /// At one table in every round where both are there (as far as the plan allows).
    Together,
}

/// Two people the planner keeps apart or together; the smaller id first, so a pair is one pair
/// whichever way round it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct ParticipantPair {
    /// One of the two (the smaller id).
    pub first: ParticipantId,
    /// The other.
    pub second: ParticipantId,
    /// Apart or together.
    pub kind: PairKind,
}

impl ParticipantPair {
    /// The pair of `a` and `b`, if they are two people (field `second`).
    pub fn new(a: ParticipantId, b: ParticipantId, kind: PairKind) -> Result<Self, crate::ValidationError> {
        if a == b {
            return Err(crate::ValidationError::single("second", crate::FieldProblem::Malformed));
        }
        let (first, second) = if a < b { (a, b) } else { (b, a) };
        Ok(Self { first, second, kind })
    }
}

/// Why a person may not sit at a table in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SeatRefusal {
    /// The table has no free seat in that round.
    TableFull,
    /// The person hosts another table and stays there.
    Host,
    /// The person sat at this table in another round, and the travel mode forbids returning.
    Revisit,
}

impl SeatRefusal {
    /// The stable code a front end translates (`seat.table_full`, `seat.host`, `seat.revisit`).
    pub fn code(self) -> &'static str {
        match self {
            Self::TableFull => "seat.table_full",
            Self::Host => "seat.host",
            Self::Revisit => "seat.revisit",
        }
    }
}

/// Whether a person may be moved to one table in one round, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeatOption {
    /// The table.
    pub table_id: TableId,
    /// Why the move is refused; `None` when it is allowed.
    pub refusal: Option<SeatRefusal>,
}

/// The seating of one workshop as the hand-seat rules see it.
#[derive(Debug, Clone, Copy)]
pub struct SeatingRules<'a> {
    /// The workshop's tables (capacity and host).
    pub tables: &'a [CafeTable],
    /// Every seat of every round.
    pub seats: &'a [Seat],
    /// How travellers move between tables.
    pub travel: TravelMode,
}

impl SeatingRules<'_> {
    /// Whether `person` may sit at `table` in `round` as the seating stands, ignoring their own
    /// current seat in that round. `ignore` is a seat that is about to be vacated (the other
    /// person of a swap), so it does not count towards the table's capacity.
    fn refusal(
        &self,
        person: ParticipantId,
        round: RoundId,
        table: &CafeTable,
        ignore: Option<ParticipantId>,
    ) -> Option<SeatRefusal> {
        if self.tables.iter().any(|t| t.input.host_id == Some(person) && t.id != table.id) {
            return Some(SeatRefusal::Host);
        }
        let is_host = table.input.host_id == Some(person);
        // Returning means coming back to the topic, at whichever of its tables.
        let topics = Topics::of(self.tables);
        let returns = self
            .seats
            .iter()
            .any(|s| s.participant_id == person && s.round_id != round && topics.same(s.table_id, table.id));
        if returns && !is_host && self.travel != TravelMode::Any {
            return Some(SeatRefusal::Revisit);
        }
        let others_there = self
            .seats
            .iter()
            .filter(|s| s.round_id == round && s.table_id == table.id)
            .filter(|s| s.participant_id != person && Some(s.participant_id) != ignore)
            .count();
        (others_there >= table.input.capacity as usize).then_some(SeatRefusal::TableFull)
    }

    /// Checks a move of one person to a table in a round.
    pub fn check_move(&self, seat: &Seat) -> Result<(), SeatRefused> {
        let table = self.table(seat.table_id)?;
        match self.refusal(seat.participant_id, seat.round_id, table, None) {
            None => Ok(()),
            Some(reason) => Err(SeatRefused::Rule { reason, table: table.input.number }),
        }
    }

    /// Checks a swap of two people's tables in one round: each must be allowed at the other's
    /// table (capacity does not change by a swap).
    pub fn check_swap(
        &self,
        round: RoundId,
        first: ParticipantId,
        second: ParticipantId,
    ) -> Result<(Seat, Seat), SeatRefused> {
        let seat_of = |p: ParticipantId| {
            self.seats.iter().find(|s| s.round_id == round && s.participant_id == p).copied().ok_or(SeatRefused::NoSeat)
        };
        let (a, b) = (seat_of(first)?, seat_of(second)?);
        for (person, to, leaving) in
            [(a.participant_id, b.table_id, b.participant_id), (b.participant_id, a.table_id, a.participant_id)]
        {
            let table = self.table(to)?;
            if let Some(reason) = self.refusal(person, round, table, Some(leaving)) {
                return Err(SeatRefused::Rule { reason, table: table.input.number });
            }
        }
        Ok((a, b))
    }

    /// For each table, whether `person` may be moved there in `round`, and why not: what the
    /// seating grid offers when a person is selected.
    pub fn options(&self, round: RoundId, person: ParticipantId) -> Vec<SeatOption> {
        self.tables
            .iter()
            .map(|t| SeatOption { table_id: t.id, refusal: self.refusal(person, round, t, None) })
            .collect()
    }

    fn table(&self, id: TableId) -> Result<&CafeTable, SeatRefused> {
        self.tables.iter().find(|t| t.id == id).ok_or(SeatRefused::UnknownTable)
    }
}

/// A seat set by hand that may not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SeatRefused {
    /// A rule forbids it.
    #[error("cannot seat there ({}, table {table})", .reason.code())]
    Rule {
        /// Which rule.
        reason: SeatRefusal,
        /// The table's number.
        table: u32,
    },
    /// The table is not one of the workshop's.
    #[error("table not found")]
    UnknownTable,
    /// A person of a swap has no seat in that round.
    #[error("seat not found")]
    NoSeat,
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_pair_is_two_people_in_one_order_whichever_way_it_was_asked() {
        let (a, b) = (ParticipantId::new(), ParticipantId::new());
        let one = ParticipantPair::new(a, b, PairKind::Apart).expect("two people");
        let other = ParticipantPair::new(b, a, PairKind::Apart).expect("two people");
        assert_eq!(one, other);
        assert!(one.first < one.second);
        assert!(ParticipantPair::new(a, a, PairKind::Together).is_err(), "nobody is kept apart from themselves");
    }
    use super::*;
    use crate::{TableInput, WorkshopId};

    struct Fixture {
        tables: Vec<CafeTable>,
        rounds: Vec<RoundId>,
        people: Vec<ParticipantId>,
    }

    /// Two tables of two, the first hosted by person 0; three rounds.
    fn cafe() -> Fixture {
        let workshop = WorkshopId::new();
        let people: Vec<ParticipantId> = (0..5).map(|_| ParticipantId::new()).collect();
        let table = |number, host| CafeTable {
            id: TableId::new(),
            workshop_id: workshop,
            input: TableInput { number, topic: String::new(), capacity: 2, host_id: host, questions: Vec::new() },
        };
        Fixture {
            tables: vec![table(1, Some(people[0])), table(2, None)],
            rounds: (0..3).map(|_| RoundId::new()).collect(),
            people,
        }
    }

    fn seat(c: &Fixture, person: usize, round: usize, table: usize) -> Seat {
        Seat {
            round_id: c.rounds[round],
            participant_id: c.people[person],
            table_id: c.tables[table].id,
            pinned: false,
        }
    }

    #[test]
    fn a_host_stays_a_full_table_takes_nobody_and_travellers_do_not_return() {
        let c = cafe();
        let seats = vec![
            seat(&c, 0, 0, 0),
            seat(&c, 1, 0, 0),
            seat(&c, 2, 0, 1),
            seat(&c, 3, 0, 1),
            seat(&c, 0, 1, 0),
            seat(&c, 2, 1, 0),
        ];
        let rules = SeatingRules { tables: &c.tables, seats: &seats, travel: TravelMode::TopicTour };
        let refused = |s: Seat| rules.check_move(&s).err();
        assert_eq!(refused(seat(&c, 0, 0, 1)), Some(SeatRefused::Rule { reason: SeatRefusal::Host, table: 2 }));
        assert_eq!(refused(seat(&c, 1, 0, 1)), Some(SeatRefused::Rule { reason: SeatRefusal::TableFull, table: 2 }));
        assert_eq!(refused(seat(&c, 2, 1, 1)), Some(SeatRefused::Rule { reason: SeatRefusal::Revisit, table: 2 }));
        assert_eq!(refused(seat(&c, 4, 1, 1)), None, "a newcomer may sit at a table with room");
        assert_eq!(refused(seat(&c, 1, 0, 0)), None, "staying where one sits is no move at all");
        let any = SeatingRules { travel: TravelMode::Any, ..rules };
        assert_eq!(any.check_move(&seat(&c, 2, 1, 1)), Ok(()), "with free travel people may return");
        let options = rules.options(c.rounds[1], c.people[2]);
        assert_eq!(options.iter().map(|o| o.refusal).collect::<Vec<_>>(), vec![None, Some(SeatRefusal::Revisit)]);
    }

    #[test]
    fn a_traveller_does_not_return_to_a_topic_at_another_of_its_tables() {
        let mut c = cafe();
        c.tables[1].input.topic = "Wohnen".into();
        let mut third = c.tables[1].clone();
        third.id = TableId::new();
        third.input.number = 3;
        third.input.topic = " wohnen ".into();
        c.tables.push(third);
        let seats = vec![seat(&c, 2, 0, 1)];
        let rules = SeatingRules { tables: &c.tables, seats: &seats, travel: TravelMode::Free };
        assert_eq!(
            rules.check_move(&seat(&c, 2, 1, 2)).err(),
            Some(SeatRefused::Rule { reason: SeatRefusal::Revisit, table: 3 }),
            "table 3 discusses the topic of table 2"
        );
        assert_eq!(rules.check_move(&seat(&c, 2, 0, 2)), Ok(()), "moving within a round to the topic's other table");
        assert_eq!(rules.check_move(&seat(&c, 3, 1, 2)), Ok(()));
    }

    #[test]
    fn a_swap_between_full_tables_is_fine_unless_someone_would_return() {
        let c = cafe();
        let seats = vec![seat(&c, 0, 1, 0), seat(&c, 1, 1, 0), seat(&c, 2, 1, 1), seat(&c, 3, 1, 1), seat(&c, 3, 0, 0)];
        let rules = SeatingRules { tables: &c.tables, seats: &seats, travel: TravelMode::TopicTour };
        assert!(rules.check_swap(c.rounds[1], c.people[1], c.people[2]).is_ok());
        assert_eq!(
            rules.check_swap(c.rounds[1], c.people[1], c.people[3]).err(),
            Some(SeatRefused::Rule { reason: SeatRefusal::Revisit, table: 1 }),
            "person 3 sat at table 1 in round 1"
        );
        assert_eq!(
            rules.check_swap(c.rounds[1], c.people[0], c.people[2]).err(),
            Some(SeatRefused::Rule { reason: SeatRefusal::Host, table: 2 })
        );
        assert_eq!(rules.check_swap(c.rounds[2], c.people[0], c.people[2]).err(), Some(SeatRefused::NoSeat));
    }
}
