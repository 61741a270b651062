//! One person across the lists of a process's workshops, on a real file: recognised by e-mail
//! address or name, decided by hand where that is wrong, kept through a restart, and counted so
//! in the concept draft.

#![allow(clippy::unwrap_used, missing_docs)]

use cafehost_app::{AppError, Cafehost, DocumentKind, ExportFormat, ProcessPeople};
use cafehost_core::*;

fn workshop(app: &Cafehost, title: &str, date: &str) -> WorkshopId {
    let w = app
        .setup()
        .create_workshop(&NewWorkshop { title: title.into(), process_title: Some("Integrationskonzept".into()) })
        .unwrap();
    let mut details = app.setup().workshop_setup(w.id).unwrap().workshop.details;
    details.date = Some(date.parse().unwrap());
    app.setup().update_workshop(w.id, &details).unwrap();
    w.id
}

fn came(app: &Cafehost, workshop: WorkshopId, first: &str, last: &str, email: &str) -> ParticipantId {
    let input = ParticipantInput {
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        ..ParticipantInput::default()
    };
    let p = app.people().add_participant(workshop, &input).unwrap();
    app.run().set_attendance(p.id, Attendance::Present).unwrap();
    p.id
}

/// The people as (workshop numbers of their entries, decided by hand).
fn shape(people: &ProcessPeople) -> Vec<(Vec<u32>, bool)> {
    let number = |w: WorkshopId| people.workshops.iter().find(|x| x.id == w).unwrap().number;
    people.people.iter().map(|p| (p.entries.iter().map(|e| number(e.workshop)).collect(), p.by_hand)).collect()
}

fn concept(app: &Cafehost, workshop: WorkshopId) -> String {
    let bytes =
        app.documents().minutes(workshop, DocumentKind::Concept, ExportFormat::Md, Language::De, false).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn people_across_workshops_are_decided_by_hand_kept_and_counted_in_the_concept() {
    let dir = tempfile::tempdir().unwrap();
    let (second, first, anna_new, jorg_third) = {
        let app = Cafehost::open(dir.path()).unwrap();
        // Created out of order: numbered by date.
        let second = workshop(&app, "Zweiter Workshop", "2026-06-03");
        let first = workshop(&app, "Erster Workshop", "2026-05-12");
        let third = workshop(&app, "Dritter Workshop", "2026-07-01");
        let anna_old = came(&app, first, "Anna", "Müller", "anna@privat.de");
        came(&app, first, "Jörg", "Schmidt", "");
        let anna_new = came(&app, second, "Anna", "Mueller", "a.mueller@kreis.de");
        came(&app, second, "joerg", "schmidt", "");
        let jorg_third = came(&app, third, "Jörg", "Schmidt", "");
        came(&app, third, "Lea", "Wolf", "lea@x.de");

        // Guessed: Anna twice (two addresses), Jörg once on three lists, Lea.
        let people = app.people().process_people(second).unwrap();
        assert_eq!(
            people.workshops.iter().map(|w| w.title.as_str()).collect::<Vec<_>>(),
            ["Erster Workshop", "Zweiter Workshop", "Dritter Workshop"]
        );
        assert_eq!(shape(&people), vec![(vec![1], false), (vec![2], false), (vec![1, 2, 3], false), (vec![3], false)]);
        assert_eq!((people.present, people.present_in_several, people.registered), (4, 1, 4));
        // Anna's two entries share a folded name with no address in common: a hint, not a merge.
        assert!(people.people[0].name_shared && people.people[1].name_shared && !people.people[3].name_shared);
        assert!(concept(&app, first).contains("Beteiligung: 4 Personen in 3 Workshops (davon 1 in mehreren)"));
        // Found across the lists with letters folded.
        let found = app.people().search_process_people(third, "mueller").unwrap();
        assert_eq!(found, vec![anna_old, anna_new]);

        // Anna is one person; the Jörg of the third workshop someone else.
        let people = app.people().merge_people(first, anna_old, anna_new).unwrap();
        assert_eq!(shape(&people)[0], (vec![1, 2], true));
        let people = app.people().separate_person(first, jorg_third).unwrap();
        assert_eq!(shape(&people), vec![(vec![1, 2], true), (vec![1, 2], false), (vec![3], true), (vec![3], false)]);
        assert_eq!((people.present, people.present_in_several), (4, 2));

        // Two entries of one list are two people; an unknown entry is not found.
        let lea = app.people().participants(third).unwrap().into_iter().find(|p| p.input.first_name == "Lea").unwrap();
        assert!(matches!(app.people().merge_people(first, jorg_third, lea.id), Err(AppError::SamePersonRefused)));
        assert!(matches!(
            app.people().separate_person(first, ParticipantId::new()),
            Err(AppError::NotFound { entity: "participant" })
        ));
        // A workshop of another process sees none of these lists.
        let elsewhere = app
            .setup()
            .create_workshop(&NewWorkshop { title: "Anderswo".into(), process_title: Some("Anderes".into()) })
            .unwrap();
        assert!(matches!(app.people().merge_people(elsewhere.id, anna_old, lea.id), Err(AppError::NotFound { .. })));
        app.close().unwrap();
        (second, first, anna_new, jorg_third)
    };

    // After a restart the decisions hold, and the concept counts by them.
    let app = Cafehost::open(dir.path()).unwrap();
    let people = app.people().process_people(second).unwrap();
    assert_eq!(shape(&people), vec![(vec![1, 2], true), (vec![1, 2], false), (vec![3], true), (vec![3], false)]);
    assert!(concept(&app, first).contains("Beteiligung: 4 Personen in 3 Workshops (davon 2 in mehreren)"));

    // An address edited later does not undo a decision.
    let mut anna = app.people().participants(second).unwrap().into_iter().find(|p| p.id == anna_new).unwrap().input;
    anna.email = "neu@kreis.de".into();
    app.people().update_participant(anna_new, &anna).unwrap();
    assert_eq!(shape(&app.people().process_people(first).unwrap())[0], (vec![1, 2], true));

    // Back to the guess for the third Jörg: one Jörg on three lists again.
    let people = app.people().match_person_automatically(first, jorg_third).unwrap();
    assert_eq!(shape(&people), vec![(vec![1, 2], true), (vec![1, 2, 3], false), (vec![3], false)]);
    // Deleting an entry forgets its decision with it.
    app.people().delete_participant(anna_new).unwrap();
    let people = app.people().process_people(first).unwrap();
    assert_eq!(shape(&people), vec![(vec![1], true), (vec![1, 2, 3], false), (vec![3], false)]);
    assert!(concept(&app, first).contains("Beteiligung: 3 Personen in 3 Workshops (davon 1 in mehreren)"));
}
