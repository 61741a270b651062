//! The inputs the document tests share: a workshop with six tables, three rounds and notes long
//! enough to fill several pages, and statements on every level whose links make a measure serve
//! two goals and steering hang under measures. Apart from `common`, which the print benchmark
//! shares and which may not use test-only crates.

#![allow(clippy::unwrap_used, dead_code)]

use cafehost_core::consolidation::StatementLabels;
use cafehost_core::run::{RunFrame, agenda, schedule};
use cafehost_core::{
    Attendance, CafeTable, FieldOfAction, FieldOfActionId, Language, Note, NoteId, NoteKind, Participant,
    ParticipantId, ParticipantInput, Round, RoundId, RoundInput, Statement, StatementId, StatementLevel, StatementPlan,
    StatementStatus, TableId, TableInput, TravelMode, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
use cafehost_export::minutes::{DocumentKind, MinutesInput, WorkshopMinutes};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// A note. Built through serde, so the tests compile whatever fields with defaults the core's
/// `Note` gains (where it came from, …).
pub fn note(
    workshop: WorkshopId,
    table: Option<TableId>,
    round: Option<RoundId>,
    kind: NoteKind,
    text: &str,
    tags: &[&str],
    author: &str,
) -> Note {
    serde_json::from_value(serde_json::json!({
        "id": NoteId::new(),
        "workshop_id": workshop,
        "table_id": table,
        "round_id": round,
        "kind": kind,
        "text": text,
        "tags": tags,
        "author": author,
        "created_at": at(),
        "updated_at": at(),
    }))
    .unwrap()
}

pub fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-12T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// A workshop with six tables and three rounds, several notes per table and round (long enough
/// that headings fall near the foot of pages), and a summary.
pub fn input(kind: DocumentKind, language: Language) -> MinutesInput {
    let w = WorkshopId::new();
    let rounds: Vec<Round> = ["Was läuft gut?", "Was fehlt?", "Was tun wir als Nächstes?"]
        .iter()
        .enumerate()
        .map(|(i, q)| Round {
            id: RoundId::new(),
            workshop_id: w,
            position: u32::try_from(i).unwrap(),
            input: RoundInput { duration_minutes: 20, break_after_minutes: 0, question: (*q).into() },
        })
        .collect();
    let participants: Vec<Participant> = (0..12)
        .map(|i| Participant {
            id: ParticipantId::new(),
            workshop_id: w,
            input: ParticipantInput {
                first_name: format!("Person{i}"),
                last_name: "Beispiel".into(),
                organisation: ["Jobcenter", "Jugendamt", "AWO Kreisverband"][i % 3].into(),
                ..ParticipantInput::default()
            },
            attendance: Attendance::Present,
            walk_in: false,
            created_at: at(),
            updated_at: at(),
        })
        .collect();
    let tables: Vec<CafeTable> = (1..=6)
        .map(|n| CafeTable {
            id: TableId::new(),
            workshop_id: w,
            input: TableInput {
                number: n,
                topic: format!("Thema {n} & Übergang"),
                capacity: 8,
                host_id: None,
                questions: Vec::new(),
            },
        })
        .collect();
    let mut notes = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for round in &rounds {
            for k in 0..(2 + (t % 3)) {
                notes.push(note(
                    w,
                    Some(table.id),
                    Some(round.id),
                    NoteKind::Note,
                    &format!(
                        "Beobachtung {k}: Die Sprachförderung in den Kitas braucht mehr Zeit, feste Ansprechpersonen \
                         und eine Abstimmung zwischen Schule, Jugendhilfe und Eltern. {}",
                        "Weitere Einzelheiten folgen. ".repeat(k + t % 4)
                    ),
                    &["Sprache"],
                    "",
                ));
            }
        }
    }
    notes.push(note(w, None, None, NoteKind::WorkshopSummary, "Großer Bedarf an Sprachförderung.", &[], ""));
    let setup = WorkshopSetup {
        workshop: Workshop {
            id: w,
            process_id: None,
            details: WorkshopDetails {
                title: "Arbeit & Übergang".into(),
                date: NaiveDate::from_ymd_opt(2026, 5, 12),
                start_time: NaiveTime::from_hms_opt(14, 0, 0),
                place: "Kreishaus, Saal 2".into(),
                purpose: "Gemeinsam Ziele für den Übergang Schule–Beruf finden.".into(),
                language: Language::De,
                travel_mode: TravelMode::Free,
                ..WorkshopDetails::titled("")
            },
            created_at: at(),
            updated_at: at(),
        },
        process: None,
        tables,
        rounds,
        participants,
    };
    let timetable = schedule(&agenda(&setup.rounds, RunFrame::default()), setup.workshop.details.start_time);
    MinutesInput {
        kind,
        title: "Arbeit & Übergang".into(),
        process_title: None,
        process_description: String::new(),
        process_vision: String::new(),
        chosen_people: cafehost_core::participation::ChosenPeople::new(),
        language,
        workshops: vec![WorkshopMinutes { number: 1, schedule: timetable, setup, notes, photos: Vec::new() }],
        statements: Vec::new(),
        labels: StatementLabels::default(),
        include_names: true,
        pseudonymise: false,
        created: None,
    }
}

/// A statement of `level` numbered `number`, with `links`.
pub fn statement(
    level: StatementLevel,
    number: u32,
    text: &str,
    field: &str,
    owner: &str,
    links: &[StatementId],
) -> Statement {
    Statement {
        id: StatementId::new(),
        process_id: None,
        workshop_id: None,
        level,
        number,
        text: text.into(),
        field_id: None,
        field_of_action: field.into(),
        votes: number,
        owner: owner.into(),
        time_frame: if level == StatementLevel::Measure { "bis Ende 2027".into() } else { String::new() },
        status: StatementStatus::Draft,
        source_note_ids: Vec::new(),
        source_photo_ids: Vec::new(),
        linked_statement_ids: links.to_vec(),
        plan: StatementPlan::default(),
        created_at: at(),
        updated_at: at(),
    }
}

/// `input` with statements in three fields of action (named in the order "Arbeit", "Frühe
/// Bildung", "Wohnen", so neither alphabetical nor reversed): three goals, four measures (M2
/// serves Z1 and Z2, M4 no goal), three steering statements (S1 steers M1 and M2, S3 nothing),
/// with long German words in the narrow columns.
pub fn with_statements(mut input: MinutesInput) -> MinutesInput {
    let z1 = statement(
        StatementLevel::Goal,
        1,
        "Jugendliche finden nach der Schule einen Ausbildungsplatz.",
        "Arbeit",
        "",
        &[],
    );
    let z2 = statement(
        StatementLevel::Goal,
        2,
        "Jedes Kind spricht bei Schuleintritt gut Deutsch.",
        "Frühe Bildung",
        "",
        &[],
    );
    let z3 = statement(StatementLevel::Goal, 3, "Familien finden bezahlbaren Wohnraum.", "Wohnen", "", &[]);
    let m1 = statement(
        StatementLevel::Measure,
        1,
        "Beratung durch den Jugendmigrationsdienst an allen Berufsschulen",
        "Arbeit",
        "Jugendmigrationsdienst",
        &[z1.id],
    );
    let m2 = statement(
        StatementLevel::Measure,
        2,
        "Sprachpatenschaften zwischen Betrieben und Kitas",
        "Arbeit",
        "Integrationsbeauftragte",
        &[z1.id, z2.id],
    );
    let m3 = statement(
        StatementLevel::Measure,
        3,
        "Wohnungsbörse im Rathaus, Straße der Einheit 1",
        "Wohnen",
        "Sozialamt",
        &[z3.id],
    );
    let m4 = statement(
        StatementLevel::Measure,
        4,
        "Lotsendienst für Neuzugewanderte",
        "",
        "Kommunales Integrationszentrum",
        &[],
    );
    let s1 = statement(
        StatementLevel::Steering,
        1,
        "Halbjährlicher Bericht im Jugendhilfeausschuss",
        "Arbeit",
        "Integrationsbeauftragte",
        &[m1.id, m2.id],
    );
    let s2 =
        statement(StatementLevel::Steering, 2, "Jährliche Wohnraumbedarfsanalyse", "Wohnen", "Sozialamt", &[m3.id]);
    let s3 =
        statement(StatementLevel::Steering, 3, "Lenkungsgruppe Integration tagt quartalsweise", "", "Landrat", &[]);
    input.statements = vec![z1, z2, z3, m1, m2, m3, m4, s1, s2, s3];
    on_fields(input, &["Arbeit", "Frühe Bildung", "Wohnen"])
}

/// `input` as the app hands it over: its statements on the fields of action named by their
/// `field_of_action`, a list in the order of `order`; their own numbers counted per field and
/// level in the input's order (as they were made); the labels made by the core from both.
pub fn on_fields(mut input: MinutesInput, order: &[&str]) -> MinutesInput {
    let fields: Vec<FieldOfAction> = order
        .iter()
        .zip(0u32..)
        .map(|(name, position)| FieldOfAction {
            id: FieldOfActionId::new(),
            process_id: None,
            workshop_id: None,
            position,
            name: (*name).into(),
            situation: String::new(),
        })
        .collect();
    let mut counted: std::collections::HashMap<(Option<FieldOfActionId>, StatementLevel), u32> =
        std::collections::HashMap::new();
    for s in &mut input.statements {
        s.field_id = fields.iter().find(|f| f.name == s.field_of_action).map(|f| f.id);
        let number = counted.entry((s.field_id, s.level)).or_insert(0);
        *number += 1;
        s.number = *number;
    }
    input.labels = StatementLabels::new(&input.statements, &fields);
    input
}
