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
//!
//! Where the guess is wrong, staff decide by hand ([`ChosenPeople`]): entries given one
//! [`PersonId`] are one person, and an entry decided by hand is never matched by address or name
//! again, so a later edit of an address cannot undo the decision. [`merge`], [`separate`] and
//! [`back_to_automatic`] say which entries to change; the store keeps the result.

use std::collections::HashMap;

use crate::text::search_key;
use crate::{Attendance, Participant, ParticipantId, PersonId};

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

/// Entries decided by hand: each names the person it is. Entries not named here are matched by
/// address or name.
pub type ChosenPeople = HashMap<ParticipantId, PersonId>;

/// Who an entry of a list is, across lists: as chosen by hand, else its e-mail, else its name,
/// else itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Person {
    Chosen(PersonId),
    Email(String),
    Name(String),
    Entry(ParticipantId),
}

fn person(p: &Participant, chosen: &ChosenPeople) -> Person {
    if let Some(person) = chosen.get(&p.id) {
        return Person::Chosen(*person);
    }
    let email = p.input.email.trim().to_lowercase();
    if !email.is_empty() {
        return Person::Email(email);
    }
    let name = folded_name(p);
    if name.is_empty() { Person::Entry(p.id) } else { Person::Name(name) }
}

/// First and last name, spelling folded and spaces collapsed: how names are compared.
fn folded_name(p: &Participant) -> String {
    let name = search_key(&format!("{} {}", p.input.first_name, p.input.last_name));
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the person came to the workshop (checked in, possibly left early).
pub fn came(p: &Participant) -> bool {
    matches!(p.attendance, Attendance::Present | Attendance::Left)
}

/// One person across the lists: their entries (in the order of the workshops given) and whether
/// they were decided by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntries<'a> {
    /// The entries that are this person, at most one per workshop unless the lists themselves
    /// name one person twice (the same address twice on one list).
    pub entries: Vec<&'a Participant>,
    /// The person chosen by hand, or `None` when matched by address or name.
    pub chosen: Option<PersonId>,
}

impl PersonEntries<'_> {
    /// Whether `participant` is one of the entries.
    pub fn has(&self, participant: ParticipantId) -> bool {
        self.entries.iter().any(|e| e.id == participant)
    }
}

/// The people on the workshops' lists (one list per workshop), each with their entries, in the
/// order they first appear.
pub fn people<'a>(workshops: &[&'a [Participant]], chosen: &ChosenPeople) -> Vec<PersonEntries<'a>> {
    let mut index: HashMap<Person, usize> = HashMap::new();
    let mut out: Vec<PersonEntries<'a>> = Vec::new();
    for p in workshops.iter().flat_map(|list| list.iter()) {
        let key = person(p, chosen);
        let chosen = if let Person::Chosen(id) = key { Some(id) } else { None };
        let at = *index.entry(key).or_insert_with(|| {
            out.push(PersonEntries { entries: Vec::new(), chosen });
            out.len() - 1
        });
        out[at].entries.push(p);
    }
    out
}

fn tally(workshops: &[&[Participant]], chosen: &ChosenPeople, counts: impl Fn(&Participant) -> bool) -> Tally {
    // person → the workshops (by index) they are on
    let mut seen: HashMap<Person, Vec<usize>> = HashMap::new();
    for (index, list) in workshops.iter().enumerate() {
        for p in list.iter().filter(|p| counts(p)) {
            let on = seen.entry(person(p, chosen)).or_default();
            if on.last() != Some(&index) {
                on.push(index);
            }
        }
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Tally { people: count(seen.len()), in_several: count(seen.values().filter(|on| on.len() > 1).count()) }
}

/// The distinct people on the workshops' lists (one list per workshop), registered and present.
pub fn participation(workshops: &[&[Participant]], chosen: &ChosenPeople) -> Participation {
    Participation {
        workshops: u32::try_from(workshops.len()).unwrap_or(u32::MAX),
        registered: tally(workshops, chosen, |p| !p.walk_in),
        present: tally(workshops, chosen, came),
    }
}

/// Why two entries cannot be made one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MergeRefused {
    /// An entry is on none of the lists.
    #[error("the entry is on none of the process's lists")]
    Unknown,
    /// Both people have an entry on one workshop's list: two entries of one list are two people.
    #[error("both are on the list of one workshop")]
    SameWorkshop,
}

/// What to store for a decision: these entries are now this person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The person the entries are.
    pub person: PersonId,
    /// The entries to give that person.
    pub entries: Vec<ParticipantId>,
}

fn group_of<'p, 'a>(people: &'p [PersonEntries<'a>], entry: ParticipantId) -> Option<&'p PersonEntries<'a>> {
    people.iter().find(|p| p.has(entry))
}

/// Makes the person of entry `a` and the person of entry `b` one person: every entry of both
/// gets one [`PersonId`] (the one chosen before, if either was; else `fresh`). Refused when both
/// have an entry on the list of one workshop.
pub fn merge(
    people: &[PersonEntries<'_>],
    a: ParticipantId,
    b: ParticipantId,
    fresh: PersonId,
) -> Result<Choice, MergeRefused> {
    let first = group_of(people, a).ok_or(MergeRefused::Unknown)?;
    let second = group_of(people, b).ok_or(MergeRefused::Unknown)?;
    let same_group = std::ptr::eq(first, second);
    if !same_group && first.entries.iter().any(|x| second.entries.iter().any(|y| x.workshop_id == y.workshop_id)) {
        return Err(MergeRefused::SameWorkshop);
    }
    let person = first.chosen.or(second.chosen).unwrap_or(fresh);
    let mut entries: Vec<ParticipantId> = first.entries.iter().map(|e| e.id).collect();
    if !same_group {
        entries.extend(second.entries.iter().map(|e| e.id));
    }
    Ok(Choice { person, entries })
}

/// Makes entry `entry` a person of its own (`fresh`), no longer matched with anyone by address
/// or name; the rest of its person stays as it was.
pub fn separate(entry: ParticipantId, fresh: PersonId) -> Choice {
    Choice { person: fresh, entries: vec![entry] }
}

/// The entries of `entry`'s person that were decided by hand: forgetting those decisions hands
/// them back to matching by address and name.
pub fn back_to_automatic(people: &[PersonEntries<'_>], entry: ParticipantId) -> Vec<ParticipantId> {
    group_of(people, entry)
        .filter(|p| p.chosen.is_some())
        .map(|p| p.entries.iter().map(|e| e.id).collect())
        .unwrap_or_default()
}

/// For each person of `people`, whether another person has the same name (spelling folded) as
/// one of their entries: a hint that two people may be one, left to staff to decide.
pub fn names_shared(people: &[PersonEntries<'_>]) -> Vec<bool> {
    let names: Vec<Vec<String>> = people
        .iter()
        .map(|p| {
            let mut names: Vec<String> = p.entries.iter().map(|e| folded_name(e)).filter(|n| !n.is_empty()).collect();
            names.sort_unstable();
            names.dedup();
            names
        })
        .collect();
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for name in names.iter().flatten() {
        *holders.entry(name).or_default() += 1;
    }
    names.iter().map(|own| own.iter().any(|n| holders.get(n.as_str()).is_some_and(|&h| h > 1))).collect()
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
        let totals = participation(&[&first, &second], &ChosenPeople::new());
        assert_eq!(totals.workshops, 2);
        // Registered: Anna (both), Jörg (both), the nameless one, Lea.
        assert_eq!(totals.registered, Tally { people: 4, in_several: 2 });
        // Present: Anna (both), Jörg in the first, two nameless, Jörg with an address.
        assert_eq!(totals.present, Tally { people: 5, in_several: 1 });
        assert_eq!(participation(&[], &ChosenPeople::new()), Participation::default());
    }

    fn apply(chosen: &mut ChosenPeople, choice: &Choice) {
        for entry in &choice.entries {
            chosen.insert(*entry, choice.person);
        }
    }

    fn on(workshop: WorkshopId, mut p: Participant) -> Participant {
        p.workshop_id = workshop;
        p
    }

    #[test]
    fn people_decided_by_hand_are_counted_as_decided() {
        use Attendance::Present;
        let (w1, w2, w3) = (WorkshopId::new(), WorkshopId::new(), WorkshopId::new());
        let first = vec![
            on(w1, entry("Jörg", "Schmidt", "", Present, false)),
            on(w1, entry("Anna", "Müller", "anna@x.de", Present, false)),
        ];
        // A new address for Anna; Jörg as he is.
        let second = vec![
            on(w2, entry("Anna", "Müller", "a.mueller@amt.de", Present, false)),
            on(w2, entry("Jörg", "Schmidt", "", Present, false)),
        ];
        // Another Jörg Schmidt.
        let third = vec![on(w3, entry("Jörg", "Schmidt", "", Present, false))];
        let lists: Vec<&[Participant]> = vec![&first, &second, &third];
        let mut chosen = ChosenPeople::new();
        // Guessed: Anna twice (two addresses), one Jörg on three lists.
        assert_eq!(participation(&lists, &chosen).present, Tally { people: 3, in_several: 1 });
        assert_eq!(names_shared(&people(&lists, &chosen)), vec![false, true, true]);

        // Anna's two entries are one person.
        let all = people(&lists, &chosen);
        let anna = merge(&all, first[1].id, second[0].id, PersonId::new()).unwrap();
        assert_eq!(anna.entries, vec![first[1].id, second[0].id]);
        apply(&mut chosen, &anna);
        // The Jörg of the third workshop is someone else.
        let other = separate(third[0].id, PersonId::new());
        apply(&mut chosen, &other);
        let all = people(&lists, &chosen);
        assert_eq!(all.len(), 3);
        assert_eq!(all.iter().map(|p| p.entries.len()).collect::<Vec<_>>(), vec![2, 2, 1]);
        assert_eq!(all.iter().map(|p| p.chosen.is_some()).collect::<Vec<_>>(), vec![false, true, true]);
        assert_eq!(participation(&lists, &chosen).present, Tally { people: 3, in_several: 2 });
        // The two Jörgs still share a name: the hint stays.
        assert_eq!(names_shared(&all), vec![true, false, true]);

        // Two entries of one list are two people.
        assert_eq!(merge(&all, first[0].id, first[1].id, PersonId::new()), Err(MergeRefused::SameWorkshop));
        assert_eq!(merge(&all, first[0].id, ParticipantId::new(), PersonId::new()), Err(MergeRefused::Unknown));
        // Merging a person with themselves changes nothing.
        let again = merge(&all, first[1].id, second[0].id, PersonId::new()).unwrap();
        assert_eq!(again, anna);
        // Merging into a person decided before keeps that person's id.
        let third_jorg = merge(&all, first[0].id, third[0].id, PersonId::new()).unwrap();
        assert_eq!(third_jorg.person, other.person);
        assert_eq!(third_jorg.entries, vec![first[0].id, second[1].id, third[0].id]);

        // Back to the guess: Anna is two people again.
        for entry in back_to_automatic(&all, second[0].id) {
            chosen.remove(&entry);
        }
        assert!(
            back_to_automatic(&people(&lists, &chosen), first[0].id).is_empty(),
            "guessed people have no decisions"
        );
        assert_eq!(participation(&lists, &chosen).present, Tally { people: 4, in_several: 1 });
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
            let totals = participation(&lists, &ChosenPeople::new());
            let alone: Vec<Participation> = lists.iter().map(|l| participation(&[l], &ChosenPeople::new())).collect();
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

        #[test]
        fn decisions_by_hand_are_kept_and_merging_never_adds_people(
            lists in prop::collection::vec(prop::collection::vec(arbitrary_entry(), 0..6), 1..5),
            steps in prop::collection::vec((any::<bool>(), any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..8),
        ) {
            // Each list is one workshop's.
            let lists: Vec<Vec<Participant>> = lists
                .into_iter()
                .map(|list| {
                    let workshop = WorkshopId::new();
                    list.into_iter().map(|p| on(workshop, p)).collect()
                })
                .collect();
            let views: Vec<&[Participant]> = lists.iter().map(Vec::as_slice).collect();
            let entries: Vec<&Participant> = views.iter().flat_map(|l| l.iter()).collect();
            prop_assume!(!entries.is_empty());
            let mut chosen = ChosenPeople::new();
            for (merging, a, b) in steps {
                let before = people(&views, &chosen);
                let (a, b) = (a.get(&entries).id, b.get(&entries).id);
                if merging {
                    match merge(&before, a, b, PersonId::new()) {
                        Ok(choice) => {
                            apply(&mut chosen, &choice);
                            let after = people(&views, &chosen);
                            prop_assert!(after.len() <= before.len());
                            let with_a = after.iter().find(|p| p.has(a)).expect("a is someone");
                            prop_assert!(with_a.has(b), "merged entries are one person");
                            prop_assert!(with_a.chosen.is_some());
                        }
                        Err(refused) => {
                            prop_assert_eq!(refused, MergeRefused::SameWorkshop);
                            let pa = before.iter().find(|p| p.has(a)).expect("a is someone");
                            let pb = before.iter().find(|p| p.has(b)).expect("b is someone");
                            prop_assert!(pa.entries.iter().any(|x| pb.entries.iter().any(|y| x.workshop_id == y.workshop_id)));
                        }
                    }
                } else {
                    apply(&mut chosen, &separate(a, PersonId::new()));
                    let after = people(&views, &chosen);
                    let alone = after.iter().find(|p| p.has(a)).expect("a is someone");
                    prop_assert_eq!(alone.entries.len(), 1);
                }
                // Every entry is exactly one person's, and the totals agree with the people.
                let after = people(&views, &chosen);
                prop_assert_eq!(after.iter().map(|p| p.entries.len()).sum::<usize>(), entries.len());
                let everyone = tally(&views, &chosen, |_| true);
                prop_assert_eq!(everyone.people as usize, after.len());
            }
        }
    }
}
