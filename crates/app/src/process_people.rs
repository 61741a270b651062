//! One person across the lists of a process's workshops: who Cafehost takes to be the same
//! person (by e-mail address or name, `cafehost_core::participation`), and the decisions staff
//! make where that guess is wrong (these entries are one person; this entry is someone else).
//! The concept draft's participation totals count people as shown here.

use cafehost_core::participation::{self, ChosenPeople, MergeRefused, PersonEntries};
use cafehost_core::text::search_key;
use cafehost_core::{Participant, ParticipantId, PersonId, WorkshopId};
use cafehost_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, People, Result};

/// A workshop of the process as the people list names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeopleWorkshop {
    /// The workshop.
    pub id: WorkshopId,
    /// Its number in the order they took place (W1, W2, …), as documents number them.
    pub number: u32,
    /// Its title.
    pub title: String,
}

/// One entry of a workshop's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonEntry {
    /// The entry.
    pub participant: ParticipantId,
    /// The workshop whose list it is on.
    pub workshop: WorkshopId,
    /// First and last name.
    pub name: String,
    /// E-mail address as written.
    pub email: String,
    /// Organisation.
    pub organisation: String,
    /// Checked in (possibly left early).
    pub came: bool,
    /// Came without registering.
    pub walk_in: bool,
}

/// One person across the workshops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProcessPerson {
    /// Their entries, in the order the workshops took place.
    pub entries: Vec<PersonEntry>,
    /// Decided by hand (else matched by address or name).
    pub by_hand: bool,
    /// Another person has the same name: perhaps one person, for staff to decide.
    pub name_shared: bool,
}

/// The people of a workshop's process (or of the workshop alone), with the totals the concept
/// draft prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProcessPeople {
    /// The workshops counted, in the order they took place.
    pub workshops: Vec<PeopleWorkshop>,
    /// The people, by name.
    pub people: Vec<ProcessPerson>,
    /// People who came to at least one workshop.
    pub present: u32,
    /// Of them, those who came to two or more.
    pub present_in_several: u32,
    /// People registered for at least one workshop.
    pub registered: u32,
}

/// The lists of the workshop's process (or the workshop alone), in the order they took place,
/// with the decisions made about them.
fn lists(s: &Store, workshop: WorkshopId) -> Result<(Vec<PeopleWorkshop>, Vec<Vec<Participant>>, ChosenPeople)> {
    let order = crate::harvest::workshops_in_order(s, workshop)?;
    let ids: Vec<WorkshopId> = order.iter().map(|w| w.id).collect();
    let mut lists = Vec::with_capacity(ids.len());
    for id in &ids {
        lists.push(s.participants(*id)?);
    }
    let chosen = s.person_choices(&ids)?;
    let workshops = order
        .into_iter()
        .zip(1_u32..)
        .map(|(w, number)| PeopleWorkshop { id: w.id, number, title: w.details.title })
        .collect();
    Ok((workshops, lists, chosen))
}

fn entry(p: &Participant) -> PersonEntry {
    PersonEntry {
        participant: p.id,
        workshop: p.workshop_id,
        name: p.display_name(),
        email: p.input.email.clone(),
        organisation: p.input.organisation.clone(),
        came: participation::came(p),
        walk_in: p.walk_in,
    }
}

fn read_people(s: &Store, workshop: WorkshopId) -> Result<ProcessPeople> {
    let (workshops, lists, chosen) = lists(s, workshop)?;
    let views: Vec<&[Participant]> = lists.iter().map(Vec::as_slice).collect();
    let all = participation::people(&views, &chosen);
    let shared = participation::names_shared(&all);
    let mut people: Vec<ProcessPerson> = all
        .iter()
        .zip(shared)
        .map(|(person, name_shared)| ProcessPerson {
            entries: person.entries.iter().map(|e| entry(e)).collect(),
            by_hand: person.chosen.is_some(),
            name_shared,
        })
        .collect();
    // By name, then by the workshop they first came to.
    let number = |w: WorkshopId| workshops.iter().position(|x: &PeopleWorkshop| x.id == w);
    people.sort_by_cached_key(|p| {
        p.entries.first().map(|e| (search_key(&e.name), number(e.workshop), e.email.to_lowercase()))
    });
    let totals = participation::participation(&views, &chosen);
    Ok(ProcessPeople {
        workshops,
        people,
        present: totals.present.people,
        present_in_several: totals.present.in_several,
        registered: totals.registered.people,
    })
}

/// Reads the lists, decides with `decide` on the people as they are now, and keeps the decision.
fn decide(
    s: &mut Store,
    workshop: WorkshopId,
    decide: impl FnOnce(&[PersonEntries<'_>]) -> Result<Decision>,
) -> Result<ProcessPeople> {
    let decision = {
        let (_, lists, chosen) = lists(s, workshop)?;
        let views: Vec<&[Participant]> = lists.iter().map(Vec::as_slice).collect();
        decide(&participation::people(&views, &chosen))?
    };
    match decision {
        Decision::Choose(choice) => s.choose_person(&choice)?,
        Decision::Forget(entries) => s.forget_person_choices(&entries)?,
    }
    read_people(s, workshop)
}

enum Decision {
    Choose(participation::Choice),
    Forget(Vec<ParticipantId>),
}

impl People<'_> {
    /// The people of the workshop's process across its workshops (or of the workshop when it
    /// belongs to none), each once, with the process's participation totals.
    pub fn process_people(&self, workshop: WorkshopId) -> Result<ProcessPeople> {
        self.0.read(|s| read_people(s, workshop))
    }

    /// The entries of the process's lists (see [`People::process_people`]) that contain every
    /// word typed, as [`People::search`] finds them.
    pub fn search_process_people(&self, workshop: WorkshopId, typed: &str) -> Result<Vec<ParticipantId>> {
        self.0.read(|s| {
            let (_, lists, _) = lists(s, workshop)?;
            Ok(lists.iter().flatten().filter(|p| crate::participants::found(p, typed)).map(|p| p.id).collect())
        })
    }

    /// Decides that the person of entry `first` and the person of entry `second` are one person.
    /// Refused when both are on the list of one workshop.
    pub fn merge_people(
        &self,
        workshop: WorkshopId,
        first: ParticipantId,
        second: ParticipantId,
    ) -> Result<ProcessPeople> {
        self.0.write(|s| {
            decide(s, workshop, |people| {
                participation::merge(people, first, second, PersonId::new()).map(Decision::Choose).map_err(
                    |e| match e {
                        MergeRefused::Unknown => AppError::NotFound { entity: "participant" },
                        MergeRefused::SameWorkshop => AppError::SamePersonRefused,
                    },
                )
            })
        })
    }

    /// Decides that entry `participant` is a person of their own, whoever shares their address
    /// or name.
    pub fn separate_person(&self, workshop: WorkshopId, participant: ParticipantId) -> Result<ProcessPeople> {
        self.0.write(|s| {
            decide(s, workshop, |people| {
                if !people.iter().any(|p| p.has(participant)) {
                    return Err(AppError::NotFound { entity: "participant" });
                }
                Ok(Decision::Choose(participation::separate(participant, PersonId::new())))
            })
        })
    }

    /// Forgets what was decided about the person of entry `participant`: their entries are
    /// matched by address and name again.
    pub fn match_person_automatically(
        &self,
        workshop: WorkshopId,
        participant: ParticipantId,
    ) -> Result<ProcessPeople> {
        self.0.write(|s| {
            decide(s, workshop, |people| Ok(Decision::Forget(participation::back_to_automatic(people, participant))))
        })
    }
}
