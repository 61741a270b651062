//! The rules of capture by phone: what a table's access code looks like, which round a host's
//! phone writes into, what a phone may change, and how dot votes given on phones are checked and
//! counted. The server that applies them lives in `cafehost-phones`; the app's use cases
//! (`cafehost_app::Phones`) ask these functions, so the window and the phones share one rule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::run::{AgendaStep, RunState, StepKind};
use crate::{Note, RoundId, Source, StatementId, TableId};

/// Random bytes in an access code: 144 bits, far beyond guessing over a café's Wi-Fi.
pub const ACCESS_CODE_BYTES: usize = 18;
/// Characters of an access code: the bytes in base64url without padding.
pub const ACCESS_CODE_LEN: usize = 24;

/// Whether `text` has the shape of an access code (checked before any lookup, so odd paths cost
/// nothing).
pub fn is_access_code(text: &str) -> bool {
    text.len() == ACCESS_CODE_LEN && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The round (0-based) a host's phone writes into at this point of the run: the round under way;
/// in the break after a round, that round (its last words still come in); during the harvest,
/// the last round; before the first round, the first. `None` when the workshop has no rounds.
pub fn writing_round(state: &RunState, agenda: &[AgendaStep]) -> Option<u32> {
    let rounds = u32::try_from(agenda.iter().filter(|s| s.kind == StepKind::Round).count()).ok()?;
    let last = rounds.checked_sub(1)?;
    let step = state.current(agenda)?;
    Some(match step.kind {
        StepKind::Welcome => 0,
        StepKind::Round | StepKind::Break => step.round.unwrap_or(0).min(last),
        StepKind::Harvest => last,
    })
}

/// Why a phone may not do what it asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PhoneRefusal {
    /// The access code is unknown: mistyped, renewed, or of a deleted table.
    UnknownCode,
    /// Phone capture is not switched on for this workshop.
    NotOpen,
    /// The note or photo belongs to another table (or was written in the window).
    NotThisTable,
    /// The note was written in an earlier round; it is the moderator's to change now.
    RoundOver,
    /// The id the phone chose is taken by something else.
    IdTaken,
    /// No vote is open, or the ballot names statements outside it or has too many dots.
    BallotRefused,
}

impl PhoneRefusal {
    /// The stable code a front end translates (`phone.unknown_code`, …).
    pub fn code(self) -> &'static str {
        match self {
            Self::UnknownCode => "phone.unknown_code",
            Self::NotOpen => "phone.not_open",
            Self::NotThisTable => "phone.not_this_table",
            Self::RoundOver => "phone.round_over",
            Self::IdTaken => "phone.id_taken",
            Self::BallotRefused => "phone.ballot_refused",
        }
    }

    /// Every refusal, for checking translations.
    pub const ALL: [Self; 6] =
        [Self::UnknownCode, Self::NotOpen, Self::NotThisTable, Self::RoundOver, Self::IdTaken, Self::BallotRefused];
}

/// Whether a host's phone (holding `table`'s code, writing into `round`) may edit or delete
/// `note`: only notes sent from a phone at that table, and only while their round is the one
/// being written. Everything else is the moderator's, in the window.
pub fn check_phone_change(note: &Note, table: TableId, round: Option<RoundId>) -> Result<(), PhoneRefusal> {
    if note.table_id != Some(table) || note.source != Source::Phone {
        return Err(PhoneRefusal::NotThisTable);
    }
    if note.round_id != round {
        return Err(PhoneRefusal::RoundOver);
    }
    Ok(())
}

/// Whether a note sent again with the same id is the same write (a retry after a dropped
/// connection, answered with what is stored) rather than a clash with another note.
pub fn is_retry_of(stored: &Note, table: TableId) -> bool {
    stored.table_id == Some(table) && stored.source == Source::Phone
}

/// The most dots a vote may give each person.
pub const MAX_DOTS: u32 = 20;

/// A dot vote opened by the moderator: which statements, and how many dots each phone has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DotVote {
    /// The statements on the ballot, in the order shown.
    pub statements: Vec<StatementId>,
    /// Dots per person (1 to [`MAX_DOTS`]); several may go to one statement.
    pub dots: u32,
}

/// One phone's dots: statement → dots given.
pub type Ballot = BTreeMap<StatementId, u32>;

impl DotVote {
    /// The vote, if it can be held: at least one statement (no repeats) and 1 to [`MAX_DOTS`]
    /// dots.
    pub fn validated(mut self) -> Result<Self, crate::ValidationError> {
        let mut seen = std::collections::HashSet::new();
        self.statements.retain(|s| seen.insert(*s));
        if self.statements.is_empty() {
            return Err(crate::ValidationError::single("statements", crate::FieldProblem::Required));
        }
        if !(1..=MAX_DOTS).contains(&self.dots) {
            return Err(crate::ValidationError::single(
                "dots",
                crate::FieldProblem::OutOfRange { min: 1, max: MAX_DOTS },
            ));
        }
        Ok(self)
    }

    /// Checks a ballot: only statements of this vote, at most `dots` in all. Zero entries are
    /// dropped, so an emptied choice is no choice.
    pub fn check_ballot(&self, ballot: &Ballot) -> Result<Ballot, PhoneRefusal> {
        let mut total: u64 = 0;
        let mut kept = Ballot::new();
        for (&statement, &dots) in ballot {
            if !self.statements.contains(&statement) {
                return Err(PhoneRefusal::BallotRefused);
            }
            total += u64::from(dots);
            if dots > 0 {
                kept.insert(statement, dots);
            }
        }
        if total > u64::from(self.dots) {
            return Err(PhoneRefusal::BallotRefused);
        }
        Ok(kept)
    }
}

/// The votes of each statement of `vote` after these ballots: the votes it had when the vote
/// opened plus every dot given now. One ballot per browser, so a changed ballot replaces the
/// earlier one rather than adding to it.
pub fn tally<'a>(
    vote: &DotVote,
    before: &BTreeMap<StatementId, u32>,
    ballots: impl IntoIterator<Item = &'a Ballot>,
) -> BTreeMap<StatementId, u32> {
    let mut votes: BTreeMap<StatementId, u32> =
        vote.statements.iter().map(|s| (*s, before.get(s).copied().unwrap_or(0))).collect();
    for ballot in ballots {
        for (statement, dots) in ballot {
            if let Some(v) = votes.get_mut(statement) {
                *v = v.saturating_add(*dots);
            }
        }
    }
    votes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{RunFrame, agenda};
    use crate::{NoteId, NoteKind, Round, RoundInput, WorkshopId};
    use chrono::DateTime;
    use proptest::prelude::*;

    fn rounds(n: u32) -> Vec<Round> {
        (0..n)
            .map(|i| Round {
                id: RoundId::new(),
                workshop_id: WorkshopId::new(),
                position: i,
                input: RoundInput { duration_minutes: 20, break_after_minutes: 5, ..RoundInput::default() },
            })
            .collect()
    }

    fn at_step(step: u32) -> RunState {
        RunState { step, running_since: None, elapsed_ms: 0, extra_seconds: 0 }
    }

    #[test]
    fn a_phone_writes_into_the_round_under_way_or_the_one_just_held() {
        let steps = agenda(&rounds(3), RunFrame::default());
        let kinds: Vec<_> = steps.iter().map(|s| (s.kind, s.round)).collect();
        for (index, (kind, round)) in kinds.iter().enumerate() {
            let expected = match kind {
                StepKind::Welcome => 0,
                StepKind::Round | StepKind::Break => round.expect("rounds and breaks name their round"),
                StepKind::Harvest => 2,
            };
            let step = u32::try_from(index).expect("a short agenda");
            assert_eq!(writing_round(&at_step(step), &steps), Some(expected), "step {index}: {kind:?}");
        }
        assert_eq!(writing_round(&at_step(0), &agenda(&[], RunFrame::default())), None);
    }

    fn note(table: Option<TableId>, round: Option<RoundId>, source: Source) -> Note {
        Note {
            id: NoteId::new(),
            workshop_id: WorkshopId::new(),
            table_id: table,
            round_id: round,
            kind: NoteKind::Note,
            text: "x".into(),
            tags: Vec::new(),
            author: String::new(),
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
            source,
        }
    }

    #[test]
    fn a_phone_changes_only_its_tables_phone_notes_of_the_round_being_written() {
        let (table, other) = (TableId::new(), TableId::new());
        let (round, earlier) = (Some(RoundId::new()), Some(RoundId::new()));
        assert_eq!(check_phone_change(&note(Some(table), round, Source::Phone), table, round), Ok(()));
        assert_eq!(
            check_phone_change(&note(Some(other), round, Source::Phone), table, round),
            Err(PhoneRefusal::NotThisTable)
        );
        assert_eq!(
            check_phone_change(&note(Some(table), round, Source::App), table, round),
            Err(PhoneRefusal::NotThisTable),
            "what the moderator typed is not the phone's"
        );
        assert_eq!(
            check_phone_change(&note(Some(table), earlier, Source::Phone), table, round),
            Err(PhoneRefusal::RoundOver)
        );
        assert!(is_retry_of(&note(Some(table), earlier, Source::Phone), table));
        assert!(!is_retry_of(&note(Some(other), round, Source::Phone), table));
        assert!(!is_retry_of(&note(Some(table), round, Source::App), table));
    }

    #[test]
    fn access_codes_have_one_shape() {
        assert!(is_access_code("abcdefghijklmnopqrstuv-_"));
        assert!(!is_access_code("abcdefghijklmnopqrstuv-"), "too short");
        assert!(!is_access_code("abcdefghijklmnopqrstuv/_"), "not base64url");
        assert!(!is_access_code("../../../../etc/passwd.."));
        assert_eq!(ACCESS_CODE_LEN, ACCESS_CODE_BYTES * 4 / 3);
        let codes: std::collections::HashSet<_> = PhoneRefusal::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), PhoneRefusal::ALL.len());
    }

    #[test]
    fn a_vote_needs_statements_and_a_sensible_number_of_dots() {
        let s = StatementId::new();
        assert!(DotVote { statements: vec![], dots: 3 }.validated().is_err());
        assert!(DotVote { statements: vec![s], dots: 0 }.validated().is_err());
        assert!(DotVote { statements: vec![s], dots: MAX_DOTS + 1 }.validated().is_err());
        let vote = DotVote { statements: vec![s, s], dots: 3 }.validated().expect("valid");
        assert_eq!(vote.statements, vec![s], "a statement is on the ballot once");
    }

    proptest! {
        /// A checked ballot never gives more dots than allowed, nor dots outside the vote, and
        /// the tally adds exactly the dots of the checked ballots to what was there.
        #[test]
        fn ballots_are_checked_and_counted_exactly(
            dots in 1u32..=MAX_DOTS,
            given in proptest::collection::vec(proptest::collection::vec((0usize..5, 0u32..8), 0..6), 0..30),
            before in proptest::collection::vec(0u32..50, 4),
        ) {
            let statements: Vec<StatementId> = (0..4).map(|_| StatementId::new()).collect();
            let outsider = StatementId::new();
            let vote = DotVote { statements: statements.clone(), dots };
            let before: BTreeMap<_, _> = statements.iter().copied().zip(before).collect();
            let mut accepted = Vec::new();
            for entries in &given {
                let mut ballot = Ballot::new();
                for &(index, d) in entries {
                    *ballot.entry(statements.get(index).copied().unwrap_or(outsider)).or_insert(0) += d;
                }
                let total: u32 = ballot.values().sum();
                let outside = ballot.contains_key(&outsider);
                match vote.check_ballot(&ballot) {
                    Ok(kept) => {
                        prop_assert!(total <= dots && !outside);
                        prop_assert_eq!(kept.values().sum::<u32>(), total);
                        prop_assert!(kept.values().all(|d| *d > 0));
                        accepted.push(kept);
                    }
                    Err(refusal) => {
                        prop_assert_eq!(refusal, PhoneRefusal::BallotRefused);
                        prop_assert!(total > dots || outside);
                    }
                }
            }
            let counted = tally(&vote, &before, &accepted);
            let added: u32 = accepted.iter().flat_map(|b| b.values()).sum();
            prop_assert_eq!(counted.values().sum::<u32>(), before.values().sum::<u32>() + added);
            for s in &statements {
                let mine: u32 = accepted.iter().filter_map(|b| b.get(s)).sum();
                prop_assert_eq!(counted[s], before[s] + mine);
            }
        }
    }
}
