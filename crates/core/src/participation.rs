//! How many people took part in a whole process: each workshop has its own participant list, so
//! one person who came to three workshops is on three lists. The concept draft counts people,
//! not entries: the same person is recognised by their e-mail address (trimmed, lower-case),
//! else, when an entry has none, by first and last name with the spelling folded
//! ([`crate::text::search_key`]: "Jörg Müller" and "joerg mueller" are one person); an entry
//! with neither is a person of its own. Registered people (not walk-ins) and people who came
//! (checked in, or checked in and left early) are counted apart.
//!
//! An entry with an address and an entry without one are not matched by name: two people of one
//! name are common enough in a county that a name alone must not merge someone whose address
//! says otherwise.

use std::collections::HashMap;

use crate::text::search_key;
use crate::{Attendance, Participant};

/// The people of one kind (registered, or present) across a process's workshops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Distinct people.
    pub people: u32,
    /// Of them, those on the lists of two or more workshops.
    pub in_several: u32,
}

/// The participation in a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Participation {
    /// How many workshops were counted.
    pub workshops: u32,
    /// People registered beforehand (walk-ins are not).
    pub registered: Tally,
    /// People who came (checked in; including those who left early and walk-ins).
    pub present: Tally,
}

/// Who an entry of a list is, across lists: its e-mail, else its name, else itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Person {
    Email(String),
    Name(String),
    Entry(crate::ParticipantId),
}

fn person(p: &Participant) -> Person {
    let email = p.input.email.trim().to_lowercase();
    if !email.is_empty() {
        return Person::Email(email);
    }
    let name = search_key(&format!("{} {}", p.input.first_name, p.input.last_name));
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() { Person::Entry(p.id) } else { Person::Name(name) }
}

/// Whether the person came to the workshop (checked in, possibly left early).
pub fn came(p: &Participant) -> bool {
    matches!(p.attendance, Attendance::Present | Attendance::Left)
}

fn tally(workshops: &[&[Participant]], counts: impl Fn(&Participant) -> bool) -> Tally {
    // person → the workshops (by index) they are on
    let mut seen: HashMap<Person, Vec<usize>> = HashMap::new();
    for (index, list) in workshops.iter().enumerate() {
        for p in list.iter().filter(|p| counts(p)) {
            let on = seen.entry(person(p)).or_default();
            if on.last() != Some(&index) {
                on.push(index);
            }
        }
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Tally { people: count(seen.len()), in_several: count(seen.values().filter(|on| on.len() > 1).count()) }
}

/// The distinct people on the workshops' lists (one list per workshop), registered and present.
pub fn participation(workshops: &[&[Participant]]) -> Participation {
    Participation {
        workshops: u32::try_from(workshops.len()).unwrap_or(u32::MAX),
        registered: tally(workshops, |p| !p.walk_in),
        present: tally(workshops, came),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    use super::*;
    use crate::{ParticipantId, ParticipantInput, WorkshopId};

    fn entry(first: &str, last: &str, email: &str, attendance: Attendance, walk_in: bool) -> Participant {
        let now = Utc.with_ymd_and_hms(2026, 5, 12, 10, 0, 0).unwrap();
        Participant {
            id: ParticipantId::new(),
            workshop_id: WorkshopId::new(),
            input: ParticipantInput {
                first_name: first.into(),
                last_name: last.into(),
                email: email.into(),
                ..ParticipantInput::default()
            },
            attendance,
            walk_in,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn one_person_on_several_lists_is_counted_once() {
        use Attendance::{Absent, Expected, Left, Present};
        let first = vec![
            entry("Anna", "Müller", " Anna.Mueller@Kreis.de ", Present, false),
            entry("Jörg", "Schmidt", "", Present, false),
            entry("", "", "", Present, false),
            entry("Lea", "Wolf", "lea@x.de", Absent, false),
        ];
        let second = vec![
            // Same address, another spelling of the name: the same person.
            entry("Anne", "Mueller", "anna.mueller@kreis.de", Left, false),
            // No address: the name, spelling folded.
            entry("joerg", "  schmidt ", "", Expected, false),
            // Neither: someone else again.
            entry("", "", "", Present, true),
            // The same name with an address: not merged with the entry without one.
            entry("Jörg", "Schmidt", "js@x.de", Present, true),
        ];
        let totals = participation(&[&first, &second]);
        assert_eq!(totals.workshops, 2);
        // Registered: Anna (both), Jörg (both), the nameless one, Lea.
        assert_eq!(totals.registered, Tally { people: 4, in_several: 2 });
        // Present: Anna (both), Jörg in the first, two nameless, Jörg with an address.
        assert_eq!(totals.present, Tally { people: 5, in_several: 1 });
        assert_eq!(participation(&[]), Participation::default());
    }

    fn arbitrary_entry() -> impl Strategy<Value = Participant> {
        let attendance = prop_oneof![
            Just(Attendance::Expected),
            Just(Attendance::Present),
            Just(Attendance::Absent),
            Just(Attendance::Left)
        ];
        // Few names and addresses, so lists share people often.
        (0..4_usize, 0..3_usize, 0..4_usize, attendance, any::<bool>()).prop_map(|(f, l, e, a, w)| {
            let email = ["", "a@x.de", "B@x.de ", "b@x.de"][e];
            entry(["Anna", "anna", "Jörg", ""][f], ["Müller", "Mueller", ""][l], email, a, w)
        })
    }

    proptest! {
        #[test]
        fn totals_lie_between_the_largest_workshop_and_the_sum(
            lists in prop::collection::vec(prop::collection::vec(arbitrary_entry(), 0..8), 0..5)
        ) {
            let lists: Vec<&[Participant]> = lists.iter().map(Vec::as_slice).collect();
            let totals = participation(&lists);
            let alone: Vec<Participation> = lists.iter().map(|l| participation(&[l])).collect();
            for (all, each) in [
                (totals.registered, alone.iter().map(|p| p.registered).collect::<Vec<_>>()),
                (totals.present, alone.iter().map(|p| p.present).collect()),
            ] {
                let sum: u32 = each.iter().map(|t| t.people).sum();
                let largest = each.iter().map(|t| t.people).max().unwrap_or(0);
                prop_assert!(all.people <= sum, "{} > {sum}", all.people);
                prop_assert!(all.people >= largest, "{} < {largest}", all.people);
                prop_assert!(all.in_several <= all.people);
                // Everyone counted twice or more makes the sum exceed the people by at least one.
                prop_assert!(sum - all.people >= all.in_several);
                prop_assert!(each.iter().all(|t| t.in_several == 0), "one list alone has nobody in several");
            }
            prop_assert!(totals.present.people as usize <= lists.iter().map(|l| l.len()).sum::<usize>());
        }
    }
}
