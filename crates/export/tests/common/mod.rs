//! A realistic workshop for the printables' tests and the benchmark: participants with names
//! from many languages, one 40-character name, one 300-character question, hosts, and a seating
//! in which every table gets its host and an equal share of travellers each round.

#![allow(dead_code, clippy::assigning_clones)]

use cafehost_core::run::{RunFrame, ScheduledStep, agenda, schedule};
use cafehost_core::{
    Attendance, CafeTable, Language, Participant, ParticipantId, ParticipantInput, Round, RoundId, RoundInput, Seat,
    TableId, TableInput, TableQuestion, TravelMode, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// The first names and last names are combined so that every last name is different.
const FIRST: [&str; 16] = [
    "Łukasz",
    "Şükrü",
    "Jürgen",
    "Ayşe",
    "François",
    "Zoë",
    "Małgorzata",
    "Björn",
    "Çağla",
    "Oğuz",
    "Grażyna",
    "Håkon",
    "Renée",
    "Dragoș",
    "Iñaki",
    "Søren",
];
const LAST: [&str; 20] = [
    "Wiśniewski",
    "Çelik",
    "Straßer",
    "Öztürk",
    "Dvořák",
    "Kowalczyk",
    "Gümüş",
    "Jäger",
    "Nowak",
    "Brontë",
    "Müller",
    "Żeromski",
    "Yılmaz",
    "Weiß",
    "Schröder",
    "Łęcka",
    "Doğan",
    "Håland",
    "Šimůnek",
    "Köhler",
];
const ORGANISATIONS: [&str; 9] = [
    "Caritasverband Rhein-Erft",
    "AWO Kreisverband",
    "Jobcenter",
    "Kommunales Integrationszentrum",
    "Volkshochschule Brühl",
    "Türkisch-Islamische Gemeinde Kerpen",
    "Polnischer Kulturverein Łódź–Köln",
    "Stadt Hürth, Schulamt",
    "",
];

/// The name that is exactly 40 characters long.
pub const LONG_NAME: (&str, &str) = ("Maria-Magdalena Theresia", "Schäfer-Gößling");

/// A question of 300 characters.
pub fn long_question() -> String {
    let text = "Wie können Kitas, Grundschulen, Jugendhilfe und Migrantenselbstorganisationen im Kreis so \
                zusammenarbeiten, dass Kinder mit Fluchterfahrung und ihre Eltern den Übergang gut bewältigen, \
                welche Unterstützung brauchen pädagogische Fachkräfte dafür, und woran würden wir in drei Jahren \
                merken, dass es gelungen ist?";
    let mut question: String = text.chars().take(300).collect();
    while question.chars().count() < 300 {
        question.push('!');
    }
    question
}

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default()
}

/// The workshop's timetable as the app builds it: the default welcome and harvest around the
/// rounds and their breaks, from the workshop's start time.
pub fn timetable(setup: &WorkshopSetup) -> Vec<ScheduledStep> {
    schedule(&agenda(&setup.rounds, RunFrame::default()), setup.workshop.details.start_time)
}

/// A workshop with `people` participants, `tables` tables (the first `tables` people host) and
/// `rounds` rounds, and its seating.
pub fn workshop(people: usize, tables: usize, rounds: usize) -> (WorkshopSetup, Vec<Seat>) {
    let workshop_id = WorkshopId::new();
    let mut details = WorkshopDetails::titled("Integration durch Bildung – Übergänge gestalten");
    details.date = NaiveDate::from_ymd_opt(2026, 5, 12);
    details.start_time = NaiveTime::from_hms_opt(14, 0, 0);
    details.place = String::from("Kreishaus Bergheim, Großer Sitzungssaal");
    details.language = Language::De;
    details.travel_mode = TravelMode::Free;
    let workshop = Workshop { id: workshop_id, process_id: None, details, created_at: at(), updated_at: at() };

    let participants: Vec<Participant> = (0..people)
        .map(|i| {
            let (first, last) = if i == 7 {
                (LONG_NAME.0.to_owned(), LONG_NAME.1.to_owned())
            } else {
                let first = FIRST[i % FIRST.len()].to_owned();
                let base = LAST[i % LAST.len()];
                let round = i / LAST.len();
                let last =
                    if round == 0 { base.to_owned() } else { format!("{base}-{}", LAST[(i + round) % LAST.len()]) };
                (first, last)
            };
            Participant {
                id: ParticipantId::new(),
                workshop_id,
                input: ParticipantInput {
                    first_name: first,
                    last_name: last,
                    organisation: ORGANISATIONS[i % ORGANISATIONS.len()].to_owned(),
                    role: if i % 3 == 0 { "Sozialarbeiterin".to_owned() } else { String::new() },
                    ..ParticipantInput::default()
                },
                attendance: Attendance::Expected,
                walk_in: false,
                created_at: at(),
                updated_at: at(),
            }
        })
        .collect();

    let round_list: Vec<Round> = (0..rounds)
        .map(|r| Round {
            id: RoundId::new(),
            workshop_id,
            position: u32::try_from(r).unwrap_or_default(),
            input: RoundInput {
                duration_minutes: 20,
                break_after_minutes: if r == 1 { 15 } else { 5 },
                question: format!("Was brauchen Familien in Runde {} für einen guten Start?", r + 1),
            },
        })
        .collect();

    let topics = [
        "Übergang Kita – Grundschule",
        "Sprachförderung für Erwachsene",
        "Anerkennung ausländischer Berufsabschlüsse und Qualifizierung für den Arbeitsmarkt",
        "Elternbeteiligung",
        "Ausbildung & Beruf",
    ];
    let table_list: Vec<CafeTable> = (0..tables)
        .map(|t| {
            let questions = if t == 0 {
                vec![TableQuestion { round_id: round_list[0].id, text: long_question() }]
            } else {
                Vec::new()
            };
            CafeTable {
                id: TableId::new(),
                workshop_id,
                input: TableInput {
                    number: u32::try_from(t + 1).unwrap_or_default(),
                    topic: topics[t % topics.len()].to_owned(),
                    capacity: 8,
                    host_id: participants.get(t).map(|p| p.id),
                    questions,
                },
            }
        })
        .collect();

    // Hosts stay; traveller j (group q = j / tables, slot t = j % tables) sits at
    // (t + round·(q + 1)) mod tables: every table gets one traveller of each group per round.
    let mut seats = Vec::new();
    for (r, round) in round_list.iter().enumerate() {
        for (i, p) in participants.iter().enumerate() {
            let table = if i < tables {
                i
            } else {
                let j = i - tables;
                (j % tables + r * (j / tables + 1)) % tables
            };
            seats.push(Seat {
                round_id: round.id,
                participant_id: p.id,
                table_id: table_list[table].id,
                pinned: false,
            });
        }
    }

    let setup = WorkshopSetup { workshop, process: None, tables: table_list, rounds: round_list, participants };
    (setup, seats)
}

/// A workshop at the limits: 8 rounds, every table asking its own 300-character question each
/// round, long topics and organisations, every name 40 characters.
pub fn extreme() -> (WorkshopSetup, Vec<Seat>) {
    let (mut setup, seats) = workshop(48, 6, 8);
    let rounds: Vec<RoundId> = setup.rounds.iter().map(|r| r.id).collect();
    for (t, table) in setup.tables.iter_mut().enumerate() {
        table.input.topic = format!(
            "Thema {t}: Anerkennung ausländischer Berufsabschlüsse, Qualifizierung und Zugang zum regionalen Arbeitsmarkt"
        );
        table.input.questions = rounds.iter().map(|r| TableQuestion { round_id: *r, text: long_question() }).collect();
    }
    for p in &mut setup.participants {
        p.input.first_name = LONG_NAME.0.to_owned();
        p.input.last_name = LONG_NAME.1.to_owned();
        p.input.organisation =
            "Arbeitsgemeinschaft der Wohlfahrtsverbände im Rhein-Erft-Kreis, Fachbereich Migration und Integration"
                .to_owned();
        p.input.role = "Koordinatorin für Bildungsübergänge und Elternarbeit".to_owned();
    }
    (setup, seats)
}
