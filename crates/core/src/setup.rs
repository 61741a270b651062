//! The rules of setting a workshop up: what a new workshop, table or round starts with, and what a
//! copy of a workshop carries over. Ids are made here; the clock is passed in.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::validation::{FieldProblem, MAX_LINE_CHARS, MAX_ROUNDS, MAX_TABLE_CAPACITY, ValidationError};
use crate::{
    Attendance, CafeTable, Language, Participant, ParticipantId, ProcessId, Round, RoundId, RoundInput, TableId,
    TableInput, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};

/// Rounds a new workshop starts with: the classic café of three 20-minute rounds.
pub const DEFAULT_ROUNDS: u32 = 3;
/// Seats at the first table of a workshop (later tables copy the last table's capacity).
pub const DEFAULT_CAPACITY: u32 = 6;

/// A new workshop titled `title` with the default rounds, filed under `process`.
pub fn new_workshop(title: String, process: Option<ProcessId>, now: DateTime<Utc>) -> WorkshopSetup {
    let id = WorkshopId::new();
    let rounds = (0..DEFAULT_ROUNDS)
        .map(|position| Round { id: RoundId::new(), workshop_id: id, position, input: RoundInput::default() })
        .collect();
    WorkshopSetup {
        workshop: Workshop {
            id,
            process_id: process,
            details: WorkshopDetails::titled(title),
            created_at: now,
            updated_at: now,
        },
        process: None,
        tables: Vec::new(),
        rounds,
        participants: Vec::new(),
    }
}

/// The table added after `tables`: the next free number, the last table's capacity.
pub fn next_table(workshop: WorkshopId, tables: &[CafeTable]) -> CafeTable {
    let number = tables.iter().map(|t| t.input.number).max().unwrap_or(0) + 1;
    let capacity = tables.last().map_or(DEFAULT_CAPACITY, |t| t.input.capacity);
    CafeTable {
        id: TableId::new(),
        workshop_id: workshop,
        input: TableInput { number, topic: String::new(), capacity, host_id: None, questions: Vec::new() },
    }
}

/// The round added after `rounds`: as long as the last one; refused beyond [`MAX_ROUNDS`].
pub fn next_round(rounds: &[Round]) -> Result<RoundInput, ValidationError> {
    if rounds.len() >= MAX_ROUNDS as usize {
        return Err(ValidationError::single("rounds", FieldProblem::OutOfRange { min: 1, max: MAX_ROUNDS }));
    }
    Ok(RoundInput {
        duration_minutes: rounds.last().map_or(RoundInput::default().duration_minutes, |r| r.input.duration_minutes),
        ..RoundInput::default()
    })
}

/// The capacities after giving tables seats until `people` fit: one seat at a time to the
/// table with the fewest (the first of them on a tie), so the tables that get seats end up
/// within one seat of each other and the total is exactly `people`. No table loses a seat; a
/// total that already fits is left as it is, and no table goes beyond [`MAX_TABLE_CAPACITY`]
/// (so with too few tables for the people even at that size, the total stays short).
pub fn spread_capacities(capacities: &[u32], people: u32) -> Vec<u32> {
    let mut out = capacities.to_vec();
    let mut total: u64 = out.iter().map(|c| u64::from(*c)).sum();
    while total < u64::from(people) {
        let Some((_, smallest)) =
            out.iter_mut().enumerate().filter(|(_, c)| **c < MAX_TABLE_CAPACITY).min_by_key(|(i, c)| (**c, *i))
        else {
            break;
        };
        *smallest += 1;
        total += 1;
    }
    out
}

/// The tables whose capacity rises so that everyone on the participant list has a seat (see
/// [`spread_capacities`]), with their new capacity; the other tables stay as they are. Everyone
/// on the list counts, as the tables screen counts them: a seat kept for someone who cancels
/// does no harm, a missing seat stops the planner.
pub fn spread_seats(tables: &[CafeTable], participants: &[Participant]) -> Vec<CafeTable> {
    let people = u32::try_from(participants.len()).unwrap_or(u32::MAX);
    let capacities: Vec<u32> = tables.iter().map(|t| t.input.capacity).collect();
    tables
        .iter()
        .zip(spread_capacities(&capacities, people))
        .filter(|(t, capacity)| t.input.capacity != *capacity)
        .map(|(t, capacity)| CafeTable { input: TableInput { capacity, ..t.input.clone() }, ..t.clone() })
        .collect()
}

/// A copy of a workshop's setup under new ids, titled "… (Kopie)" / "… (copy)": details,
/// tables with their questions and hosts, rounds and participants. Seats, notes, photos and
/// check-in are of the day and are not copied; everyone is expected again, walk-ins included
/// (on the copy's list they are registered).
pub fn duplicate(original: &WorkshopSetup, now: DateTime<Utc>) -> WorkshopSetup {
    let id = WorkshopId::new();
    let suffix = match original.workshop.details.language {
        Language::De => "Kopie",
        Language::En => "copy",
    };
    let mut details = original.workshop.details.clone();
    details.title = format!("{} ({suffix})", details.title).chars().take(MAX_LINE_CHARS as usize).collect();
    let round_ids: HashMap<RoundId, RoundId> = original.rounds.iter().map(|r| (r.id, RoundId::new())).collect();
    let people: HashMap<ParticipantId, ParticipantId> =
        original.participants.iter().map(|p| (p.id, ParticipantId::new())).collect();
    let rounds = original
        .rounds
        .iter()
        .map(|r| Round { id: round_ids[&r.id], workshop_id: id, position: r.position, input: r.input.clone() })
        .collect();
    let participants = original
        .participants
        .iter()
        .map(|p| Participant {
            id: people[&p.id],
            workshop_id: id,
            input: p.input.clone(),
            attendance: Attendance::Expected,
            walk_in: false,
            created_at: now,
            updated_at: now,
        })
        .collect();
    let tables = original
        .tables
        .iter()
        .map(|t| {
            let mut input = t.input.clone();
            input.host_id = input.host_id.and_then(|h| people.get(&h).copied());
            input.questions.retain_mut(|q| match round_ids.get(&q.round_id) {
                Some(new) => {
                    q.round_id = *new;
                    true
                }
                None => false,
            });
            CafeTable { id: TableId::new(), workshop_id: id, input }
        })
        .collect();
    WorkshopSetup {
        workshop: Workshop { id, process_id: original.workshop.process_id, details, created_at: now, updated_at: now },
        process: None,
        tables,
        rounds,
        participants,
    }
}

/// How a title typed on a command line names a workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TitleMatch<T> {
    /// Exactly one workshop: its title, or the only title starting with what was typed (letters
    /// folded as in a search, so "fruhe" names "Frühe Bildung").
    One(T),
    /// Several workshops fit; their titles.
    Several(Vec<String>),
    /// None fits; the titles that look most like what was typed, best first.
    None(Vec<String>),
}

/// Which of `workshops` (id, title) a typed title names: an exact title (ignoring case), else
/// the only title that starts with it, else the only one that contains it.
pub fn match_title<T: Copy>(typed: &str, workshops: &[(T, String)]) -> TitleMatch<T> {
    let wanted = crate::text::search_key(typed.trim());
    let keyed: Vec<(T, &String, String)> =
        workshops.iter().map(|(id, title)| (*id, title, crate::text::search_key(title.trim()))).collect();
    let tests: [&dyn Fn(&str) -> bool; 3] =
        [&|k| k == wanted, &|k| k.starts_with(&wanted), &|k| !wanted.is_empty() && k.contains(&wanted)];
    for test in tests {
        let fitting: Vec<&(T, &String, String)> = keyed.iter().filter(|(_, _, k)| test(k)).collect();
        match fitting.as_slice() {
            [] => {}
            [(id, _, _)] => return TitleMatch::One(*id),
            several => return TitleMatch::Several(several.iter().map(|(_, t, _)| (*t).clone()).collect()),
        }
    }
    let mut near: Vec<(f64, &String)> =
        keyed.iter().map(|(_, t, k)| (strsim::normalized_damerau_levenshtein(&wanted, k), *t)).collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    TitleMatch::None(near.into_iter().filter(|(score, _)| *score >= 0.5).take(3).map(|(_, t)| t.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_title_names_one_workshop_or_says_which_it_might_be() {
        let workshops = vec![
            (1, "Frühe Bildung".to_owned()),
            (2, "Arbeit und Übergang".to_owned()),
            (3, "Arbeit und Beruf".to_owned()),
        ];
        assert_eq!(match_title("frühe bildung", &workshops), TitleMatch::One(1));
        assert_eq!(match_title("fruhe", &workshops), TitleMatch::One(1), "a unique start, letters folded");
        assert_eq!(match_title("Übergang", &workshops), TitleMatch::One(2), "a unique part");
        assert_eq!(
            match_title("Arbeit", &workshops),
            TitleMatch::Several(vec!["Arbeit und Übergang".into(), "Arbeit und Beruf".into()])
        );
        assert_eq!(match_title("Frühe Bildnug", &workshops), TitleMatch::None(vec!["Frühe Bildung".into()]));
        assert_eq!(match_title("Sport", &workshops), TitleMatch::None(Vec::new()));
    }
    use crate::{ParticipantInput, TableQuestion};

    #[test]
    fn tables_and_rounds_continue_the_last_ones() {
        let setup = new_workshop("Bildung".into(), None, DateTime::default());
        assert_eq!(setup.rounds.len(), DEFAULT_ROUNDS as usize);
        let first = next_table(setup.workshop.id, &[]);
        assert_eq!((first.input.number, first.input.capacity), (1, DEFAULT_CAPACITY));
        let mut big = first.clone();
        big.input.capacity = 9;
        big.input.number = 4;
        let next = next_table(setup.workshop.id, &[first, big]);
        assert_eq!((next.input.number, next.input.capacity), (5, 9));
        let mut rounds = setup.rounds.clone();
        rounds[2].input.duration_minutes = 35;
        assert_eq!(next_round(&rounds).map(|r| r.duration_minutes), Ok(35));
        let many: Vec<Round> = (0..MAX_ROUNDS).map(|_| setup.rounds[0].clone()).collect();
        assert!(next_round(&many).is_err());
    }

    #[test]
    fn seats_are_spread_over_the_smallest_tables_until_everyone_fits() {
        assert_eq!(spread_capacities(&[6, 6, 6], 20), vec![7, 7, 6], "two more seats, first tables first");
        assert_eq!(spread_capacities(&[4, 8, 5], 20), vec![6, 8, 6], "the smallest tables first");
        assert_eq!(spread_capacities(&[4, 8, 5], 22), vec![7, 8, 7]);
        assert_eq!(spread_capacities(&[4, 8, 5], 24), vec![8, 8, 8]);
        assert_eq!(spread_capacities(&[6, 6], 10), vec![6, 6], "enough seats: nothing changes, nothing shrinks");
        assert_eq!(spread_capacities(&[], 10), Vec::<u32>::new(), "no tables, no seats");
        assert_eq!(spread_capacities(&[49, 10], 200), vec![50, 50], "never beyond the largest table");

        let setup = new_workshop("Bildung".into(), None, DateTime::default());
        let first = next_table(setup.workshop.id, &[]);
        let second = next_table(setup.workshop.id, std::slice::from_ref(&first));
        let people: Vec<Participant> = (0..13)
            .map(|i| Participant {
                id: ParticipantId::new(),
                workshop_id: setup.workshop.id,
                input: ParticipantInput { first_name: format!("P{i}"), ..ParticipantInput::default() },
                attendance: Attendance::Expected,
                walk_in: false,
                created_at: DateTime::default(),
                updated_at: DateTime::default(),
            })
            .collect();
        let changed = spread_seats(&[first.clone(), second.clone()], &people);
        assert_eq!(changed.len(), 1, "only the table that gets a seat");
        assert_eq!((changed[0].id, changed[0].input.capacity), (first.id, 7));
        assert_eq!(changed[0].input.number, first.input.number, "nothing else changes");
        assert!(spread_seats(&[first, second], &people[..12]).is_empty());
    }

    #[test]
    fn a_copy_has_new_ids_everywhere_and_keeps_hosts_and_questions() {
        let mut setup = new_workshop("Bildung".into(), Some(ProcessId::new()), DateTime::default());
        let person = Participant {
            id: ParticipantId::new(),
            workshop_id: setup.workshop.id,
            input: ParticipantInput { first_name: "Ayşe".into(), ..ParticipantInput::default() },
            attendance: Attendance::Present,
            walk_in: true,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        };
        let mut table = next_table(setup.workshop.id, &[]);
        table.input.host_id = Some(person.id);
        table.input.questions = vec![TableQuestion { round_id: setup.rounds[1].id, text: "Was hilft?".into() }];
        setup.participants.push(person);
        setup.tables.push(table);
        let copy = duplicate(&setup, DateTime::default());
        assert_eq!(copy.workshop.details.title, "Bildung (Kopie)");
        assert_ne!(copy.workshop.id, setup.workshop.id);
        assert_eq!(copy.workshop.process_id, setup.workshop.process_id);
        let host = copy.tables[0].input.host_id;
        assert_eq!(host, Some(copy.participants[0].id), "the host is the copied person");
        assert_eq!(copy.tables[0].input.questions[0].round_id, copy.rounds[1].id);
        assert_eq!(copy.participants[0].attendance, Attendance::Expected);
        assert!(!copy.participants[0].walk_in, "on the copy's list they are registered");
        assert!(
            copy.rounds.iter().all(|r| r.workshop_id == copy.workshop.id && !setup.rounds.iter().any(|o| o.id == r.id))
        );
        let long = WorkshopSetup {
            workshop: Workshop { details: WorkshopDetails::titled("x".repeat(200)), ..setup.workshop.clone() },
            ..setup
        };
        assert_eq!(duplicate(&long, DateTime::default()).workshop.details.title.chars().count(), 200);
    }
}
