//! Minutes and concept drafts in every format, read back: Markdown as a snapshot, HTML escaping,
//! CSV defusing, the DOCX's XML and media, the PDF's text and images (poppler-utils).

// The tests write documents to temporary files to read them back; the library writes none.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::unwrap_used, missing_docs, clippy::too_many_lines, clippy::needless_raw_string_hashes)]

use cafehost_core::run::{RunFrame, ScheduledStep, agenda, schedule};
use cafehost_core::{
    Attendance, CafeTable, Language, Note, NoteId, NoteKind, Participant, ParticipantId, ParticipantInput, Process,
    ProcessId, Round, RoundId, RoundInput, Statement, StatementId, StatementLevel, StatementPlan, StatementStatus,
    TableId, TableInput, TableQuestion, TravelMode, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
use cafehost_export::minutes::{self, DocumentKind, DocumentOptions, MinutesInput, Photo, WorkshopMinutes};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

mod documents;
mod pdf;
use pdf::poppler;

fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-12T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// A small RGB PNG with a pattern, `w` × `h` pixels.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..w * h * 3).map(|i| u8::try_from((i * 7 + i / (w * 3) * 13) % 251).unwrap()).collect();
        writer.write_image_data(&data).unwrap();
    }
    out
}

/// The workshop's timetable as the app builds it: default welcome (10 minutes) and harvest (20)
/// around the rounds and their breaks, from the start time.
fn timetable(setup: &WorkshopSetup) -> Vec<ScheduledStep> {
    schedule(&agenda(&setup.rounds, RunFrame::default()), setup.workshop.details.start_time)
}

fn person(workshop: WorkshopId, first: &str, last: &str, org: &str, attendance: Attendance) -> Participant {
    Participant {
        id: ParticipantId::new(),
        workshop_id: workshop,
        input: ParticipantInput {
            first_name: first.into(),
            last_name: last.into(),
            organisation: org.into(),
            ..ParticipantInput::default()
        },
        attendance,
        walk_in: false,
        created_at: at(),
        updated_at: at(),
    }
}

fn note(
    workshop: WorkshopId,
    table: Option<TableId>,
    round: Option<RoundId>,
    kind: NoteKind,
    text: &str,
    author: &str,
) -> Note {
    let tags: &[&str] = if kind == NoteKind::Note { &["Sprache"] } else { &[] };
    documents::note(workshop, table, round, kind, text, tags, author)
}

fn statement(
    level: StatementLevel,
    text: &str,
    field: &str,
    votes: u32,
    owner: &str,
    sources: &[NoteId],
    links: &[StatementId],
) -> Statement {
    Statement {
        id: StatementId::new(),
        process_id: None,
        workshop_id: None,
        level,
        number: 1,
        text: text.into(),
        field_id: None,
        field_of_action: field.into(),
        votes,
        owner: owner.into(),
        time_frame: if level == StatementLevel::Measure { "bis 2027".into() } else { String::new() },
        status: StatementStatus::Draft,
        source_note_ids: sources.to_vec(),
        source_photo_ids: Vec::new(),
        linked_statement_ids: links.to_vec(),
        plan: StatementPlan::default(),
        created_at: at(),
        updated_at: at(),
    }
}

/// One workshop of the process "Integrationskonzept" with two tables, two rounds, four people,
/// notes (one with a script tag, one looking like a formula), summaries, a photo and three levels
/// of statements.
pub fn sample(kind: DocumentKind, language: Language) -> MinutesInput {
    let w = WorkshopId::new();
    let process = Process {
        id: ProcessId::new(),
        title: "Integrationskonzept".into(),
        description: String::new(),
        vision: String::new(),
    };
    let rounds: Vec<Round> = [("Was läuft gut?", 10), ("Was fehlt?", 0)]
        .iter()
        .enumerate()
        .map(|(i, (q, pause))| Round {
            id: RoundId::new(),
            workshop_id: w,
            position: u32::try_from(i).unwrap(),
            input: RoundInput { duration_minutes: 20, break_after_minutes: *pause, question: (*q).into() },
        })
        .collect();
    let anna = person(w, "Anna", "Müller", "AWO Kreisverband", Attendance::Present);
    let people = vec![
        anna.clone(),
        person(w, "Jürgen", "Straßer", "Jobcenter", Attendance::Present),
        person(w, "Ayşe", "Öztürk", "AWO Kreisverband", Attendance::Absent),
        person(w, "Ben", "Kaya", "", Attendance::Expected),
    ];
    let tables = vec![
        CafeTable {
            id: TableId::new(),
            workshop_id: w,
            input: TableInput {
                number: 1,
                topic: "Sprache & Kita".into(),
                capacity: 8,
                host_id: Some(anna.id),
                questions: Vec::new(),
            },
        },
        CafeTable {
            id: TableId::new(),
            workshop_id: w,
            input: TableInput {
                number: 2,
                topic: "Ausbildung".into(),
                capacity: 8,
                host_id: None,
                questions: vec![TableQuestion { round_id: rounds[1].id, text: "Welche Betriebe fehlen?".into() }],
            },
        },
    ];
    let (t1, t2) = (tables[0].id, tables[1].id);
    let (r1, r2) = (rounds[0].id, rounds[1].id);
    let notes = vec![
        note(w, Some(t1), Some(r1), NoteKind::Note, "Sprachkurse für Eltern in der Kita", "Anna Müller"),
        note(w, Some(t1), Some(r2), NoteKind::Note, "Übersetzung <script>alert(1)</script> & mehr", "Anna Müller"),
        note(w, Some(t2), Some(r1), NoteKind::Note, "=SUMME(A1:A3) bitte prüfen; \"Zitat\"", "Jürgen Straßer"),
        note(w, Some(t2), Some(r2), NoteKind::TableSummary, "Betriebe früh einbinden.", "Jürgen Straßer"),
        note(w, None, None, NoteKind::WorkshopSummary, "Großer Bedarf an Sprachförderung.", ""),
    ];
    let g1 = statement(
        StatementLevel::Goal,
        "Jedes Kind spricht bei Schuleintritt gut Deutsch.",
        "Frühe Bildung",
        7,
        "",
        &[notes[0].id, notes[1].id],
        &[],
    );
    let m1 = statement(
        StatementLevel::Measure,
        "Sprachkurse für Eltern in allen Kitas",
        "Frühe Bildung",
        5,
        "Jugendamt",
        &[notes[0].id],
        &[g1.id],
    );
    let s1 = statement(
        StatementLevel::Steering,
        "Jährlicher Bericht im Ausschuss",
        "Frühe Bildung",
        0,
        "Kommunales Integrationszentrum",
        &[],
        &[m1.id],
    );
    let g2 = statement(
        StatementLevel::Goal,
        "Mehr Ausbildungsplätze für Geflüchtete",
        "Arbeit",
        3,
        "",
        &[notes[2].id, notes[3].id, NoteId::new()],
        &[],
    );
    let setup = WorkshopSetup {
        workshop: Workshop {
            id: w,
            process_id: Some(process.id),
            details: WorkshopDetails {
                title: "Arbeit und Übergang".into(),
                date: NaiveDate::from_ymd_opt(2026, 5, 12),
                start_time: NaiveTime::from_hms_opt(14, 0, 0),
                place: "Rathaus Hürth, Saal 1".into(),
                purpose: "Gemeinsam Ziele für den Übergang Schule–Beruf finden.".into(),
                language: Language::De,
                travel_mode: TravelMode::Free,
                ..WorkshopDetails::titled("")
            },
            created_at: at(),
            updated_at: at(),
        },
        process: Some(process.clone()),
        tables,
        rounds,
        participants: people,
    };
    let photo = Photo {
        id: cafehost_core::AttachmentId::new(),
        table_id: Some(t1),
        round_id: Some(r1),
        file_name: "tischdecke.png".into(),
        media_type: "image/png".into(),
        bytes: png(40, 30),
        rotation_degrees: 0,
    };
    // The goal also comes from the photo of the tablecloth.
    let g1 = Statement { source_photo_ids: vec![photo.id], ..g1 };
    let input = MinutesInput {
        kind,
        title: match kind {
            DocumentKind::Minutes => "Arbeit und Übergang".into(),
            DocumentKind::Concept => process.title.clone(),
        },
        process_title: Some(process.title),
        process_description: String::new(),
        process_vision: String::new(),
        chosen_people: cafehost_core::participation::ChosenPeople::new(),
        language,
        workshops: vec![WorkshopMinutes { number: 1, schedule: timetable(&setup), setup, notes, photos: vec![photo] }],
        statements: vec![g1, g2, m1, s1],
        labels: cafehost_core::consolidation::StatementLabels::default(),
        include_names: false,
        pseudonymise: false,
        created: None,
    };
    documents::on_fields(input, &["Frühe Bildung", "Arbeit"])
}

#[test]
fn markdown_minutes_snapshot() {
    let md = minutes::markdown(&sample(DocumentKind::Minutes, Language::De));
    assert_eq!(md, MINUTES_MD);
}

#[test]
fn markdown_concept_snapshot() {
    let md = minutes::markdown(&sample(DocumentKind::Concept, Language::De));
    assert_eq!(md, CONCEPT_MD);
}

const MINUTES_MD: &str = r#"# Protokoll: Arbeit und Übergang

Datum: 12. Mai 2026  
Zeit: 14:00  
Ort: Rathaus Hürth, Saal 1  
Teilnehmende: 2 (AWO Kreisverband 1, Jobcenter 1)  
Prozess: Integrationskonzept  

Gemeinsam Ziele für den Übergang Schule–Beruf finden.

## Ergebnisse und Vereinbarungen

### Zusammenfassung des Workshops

Großer Bedarf an Sprachförderung.

### Ziele

| Nr. | Aussage | Handlungsfeld | Punkte | Verantwortlich | Zeitraum | Status |
|---|---|---|---|---|---|---|
| Z 1.1 | Jedes Kind spricht bei Schuleintritt gut Deutsch. · Quellen: Tisch 1 / Runde 1; Tisch 1 / Runde 2; Foto: Tisch 1 / Runde 1 (tischdecke.png) · Bezüge: M 1.1.1 | Frühe Bildung | 7 |  |  | Entwurf |
| Z 2.1 | Mehr Ausbildungsplätze für Geflüchtete · Quellen: Tisch 2 / Runde 1; Tisch 2 / Runde 2; andere Workshops (1) | Arbeit | 3 |  |  | Entwurf |

### Maßnahmen

| Nr. | Aussage | Handlungsfeld | Punkte | Verantwortlich | Zeitraum | Status |
|---|---|---|---|---|---|---|
| M 1.1.1 | Sprachkurse für Eltern in allen Kitas · Quellen: Tisch 1 / Runde 1 · Bezüge: Z 1.1, S 1.1 | Frühe Bildung | 5 | Jugendamt | bis 2027 | Entwurf |

### Steuerung

| Nr. | Aussage | Handlungsfeld | Punkte | Verantwortlich | Zeitraum | Status |
|---|---|---|---|---|---|---|
| S 1.1 | Jährlicher Bericht im Ausschuss · Bezüge: M 1.1.1 | Frühe Bildung | 0 | Kommunales Integrationszentrum |  | Entwurf |

## Programm

| Zeit | Programmpunkt | Frage | Dauer |
|---|---|---|---|
| 14:00–14:10 | Begrüßung |  | 10 Min. |
| 14:10–14:30 | Runde 1 | Was läuft gut? | 20 Min. |
| 14:30–14:40 | Pause |  | 10 Min. |
| 14:40–15:00 | Runde 2 | Was fehlt? | 20 Min. |
| 15:00–15:20 | Ernte im Plenum |  | 20 Min. |

## Teilnehmende nach Organisation

| Organisation | Angemeldet | Anwesend | davon ohne Anmeldung | davon früher gegangen | Abgesagt |
|---|---|---|---|---|---|
| AWO Kreisverband | 2 | 1 | 0 | 0 | 1 |
| Jobcenter | 1 | 1 | 0 | 0 | 0 |
| Ohne Organisation | 1 | 0 | 0 | 0 | 0 |
| Gesamt | 4 | 2 | 0 | 0 | 1 |

## Tische und Notizen

### Tisch 1: Sprache & Kita

*Gastgeber/in: Anna Müller*

#### Runde 1 · 14:10–14:30

- Sprachkurse für Eltern in der Kita *(#Sprache · Anna Müller)*

*\[Foto, Tisch 1, Runde 1 (tischdecke.png)\]*

#### Runde 2 · 14:40–15:00

- Übersetzung \<script\>alert(1)\</script\> & mehr *(#Sprache · Anna Müller)*

### Tisch 2: Ausbildung

*Eigene Frage des Tisches (Runde 2): Welche Betriebe fehlen?*

#### Zusammenfassung

Betriebe früh einbinden.

*Runde 2 · Jürgen Straßer*

#### Runde 1 · 14:10–14:30

- \=SUMME(A1:A3) bitte prüfen; "Zitat" *(#Sprache · Jürgen Straßer)*
"#;
const CONCEPT_MD: &str = r#"# Konzeptentwurf: Integrationskonzept

Aus den Ergebnissen von 1 Workshop (12. Mai 2026)  
Beteiligung: 2 Personen in 1 Workshop  
Angemeldet: 4 Personen in 1 Workshop  

## Anlass und Ziel

- W1 Arbeit und Übergang: Gemeinsam Ziele für den Übergang Schule–Beruf finden.

## Handlungsfeld: Frühe Bildung

### Z 1.1 Jedes Kind spricht bei Schuleintritt gut Deutsch.

*Punkte: 7 · Status: Entwurf · Quellen: Tisch 1 / Runde 1; Tisch 1 / Runde 2; Foto: Tisch 1 / Runde 1 (tischdecke.png)*

#### Maßnahmen

- M 1.1.1 Sprachkurse für Eltern in allen Kitas *(Punkte: 5 · Verantwortlich: Jugendamt · Zeitraum: bis 2027 · Status: Entwurf · Quellen: Tisch 1 / Runde 1)*
  - Steuerung: → S 1.1

## Handlungsfeld: Arbeit

### Z 2.1 Mehr Ausbildungsplätze für Geflüchtete

*Punkte: 3 · Status: Entwurf · Quellen: Tisch 2 / Runde 1; Tisch 2 / Runde 2; andere Workshops (1)*

## Maßnahmenplan

| Nr. | Maßnahme | Ziele | Verantwortlich | Zeitraum | Indikator | Status |
|---|---|---|---|---|---|---|
| M 1.1.1 | Sprachkurse für Eltern in allen Kitas | Z 1.1 | Jugendamt | bis 2027 |  | Entwurf |

## Steuerung und Monitoring

- S 1.1 Jährlicher Bericht im Ausschuss *(Handlungsfeld: Frühe Bildung · Punkte: 0 · Verantwortlich: Kommunales Integrationszentrum · Status: Entwurf · Bezüge: M 1.1.1)*

## Anhang: Workshops

| Nr. | Workshop | Datum | Ort | Tische | Teilnehmende |
|---|---|---|---|---|---|
| W1 | Arbeit und Übergang | 12. Mai 2026 | Rathaus Hürth, Saal 1 | 2 | 3 |
"#;

#[test]
fn html_is_escaped_and_self_contained() {
    let html = minutes::html(&sample(DocumentKind::Minutes, Language::De));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"de\">"));
    assert!(!html.contains("<script>"), "the note's script tag is escaped");
    assert!(html.contains("Übersetzung &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr"));
    assert!(html.contains("Sprache &amp; Kita"));
    assert!(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"), "the photo is inline");
    assert!(!html.contains("src=\"http"), "nothing is loaded from elsewhere");
    assert!(
        html.contains("<td>Z 1.1</td>")
            && html.contains(
                "<br>Quellen: Tisch 1 / Runde 1; Tisch 1 / Runde 2; Foto: Tisch 1 / Runde 1 (tischdecke.png)<br>"
            )
    );
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn csv_has_a_bom_semicolons_and_defused_formulas() {
    let input = sample(DocumentKind::Minutes, Language::De);
    let notes = minutes::csv_notes(&input);
    assert!(notes.starts_with("\u{feff}Nr.;Workshop;Tisch;Thema;Runde;Frage;Art;Text;Schlagworte;Verfasst von\r\n"));
    assert!(notes.contains(";\"'=SUMME(A1:A3) bitte prüfen; \"\"Zitat\"\"\";"), "{notes}");
    assert!(notes.contains("W1;Arbeit und Übergang;2;Ausbildung;2;Welche Betriebe fehlen?;Tischzusammenfassung;"));
    assert!(notes.contains(";Workshopzusammenfassung;Großer Bedarf an Sprachförderung.;;\r\n"));
    assert_eq!(notes.matches("\r\n").count(), 6, "header and five notes");
    let statements = minutes::csv_statements(&input);
    assert!(statements.starts_with("\u{feff}Nr.;Ebene;Aussage;Handlungsfeld;Punkte;"));
    assert!(statements.contains(
        "M 1.1.1;Maßnahme;Sprachkurse für Eltern in allen Kitas;Frühe Bildung;5;Jugendamt;bis 2027;Entwurf;Tisch 1 / Runde 1;;Z 1.1, S 1.1;;;;;;;;;\r\n"
    ));
    // The goal's photo in a column of its own.
    assert!(
        statements.contains(
            ";Entwurf;\"Tisch 1 / Runde 1; Tisch 1 / Runde 2\";Foto: Tisch 1 / Runde 1 (tischdecke.png);M 1.1.1;"
        ),
        "{statements}"
    );
    let english = minutes::csv_statements(&sample(DocumentKind::Minutes, Language::En));
    assert!(english.contains("G 1.1;Goal;") && english.contains("Table 1 / Round 1; Table 1 / Round 2"));
    assert!(
        english.contains(";Sources;Photos;Links;") && english.contains(";Photo: Table 1 / Round 1 (tischdecke.png);")
    );
}

#[test]
fn the_statements_csv_carries_each_plan_defused() {
    let mut input = sample(DocumentKind::Concept, Language::De);
    let m1 = input.statements.iter_mut().find(|s| s.text.starts_with("Sprachkurse")).unwrap();
    m1.plan = cafehost_core::StatementPlan {
        start_date: NaiveDate::from_ymd_opt(2026, 3, 1),
        end_date: NaiveDate::from_ymd_opt(2027, 12, 31),
        indicator: "=HYPERLINK(\"http://x\")".into(),
        baseline: "-2".into(),
        target: "+38".into(),
        resources: "2 Stellen; @Sachmittel".into(),
        decision_body: "Jugendhilfeausschuss".into(),
        decision_date: NaiveDate::from_ymd_opt(2026, 2, 10),
        decision_reference: "DS 12/2026".into(),
    };
    let csv = minutes::csv_statements(&input);
    assert!(
        csv.lines().next().unwrap().ends_with(
            ";Quellen;Fotos;Bezüge;Beginn;Ende;Indikator;Ausgangswert;Zielwert;Ressourcen;Gremium;Beschlussdatum;\
             Vorlage / Aktenzeichen"
        ),
        "{csv}"
    );
    assert!(
        csv_line(&csv, "Sprachkurse").ends_with(
            ";Z 1.1, S 1.1;2026-03-01;2027-12-31;\"'=HYPERLINK(\"\"http://x\"\")\";'-2;'+38;\"2 Stellen; '@Sachmittel\";\
             Jugendhilfeausschuss;2026-02-10;DS 12/2026"
        ),
        "{csv}"
    );
    // A statement without a plan has its columns, empty.
    assert!(csv_line(&csv, "Jährlicher Bericht").ends_with(";;;;;;;;;"), "{csv}");
    let english = minutes::csv_statements(&sample(DocumentKind::Minutes, Language::En));
    assert!(
        english
            .lines()
            .next()
            .unwrap()
            .ends_with(";Start;End;Indicator;Baseline;Target;Resources;Body;Decision date;Reference")
    );
}

#[test]
fn the_concept_opens_each_field_with_its_situation_and_counts_people_once() {
    let mut input = sample(DocumentKind::Concept, Language::De);
    // A second workshop with the same people (no addresses: known by their names), all present.
    let mut second = input.workshops[0].clone();
    second.number = 2;
    second.setup.workshop.id = WorkshopId::new();
    second.notes.clear();
    second.photos.clear();
    for p in &mut second.setup.participants {
        p.id = cafehost_core::ParticipantId::new();
        p.attendance = cafehost_core::Attendance::Present;
    }
    input.workshops.push(second);
    // Steering in a field whose measure stands in another: its number closes the field's chapter.
    let s1 = input.statements.iter_mut().find(|s| s.level == StatementLevel::Steering).unwrap();
    s1.field_of_action = "Arbeit".into();
    // The process's list in the order the chapters follow: the labels follow it too.
    let input = documents::on_fields(input, &["Wohnen", "Arbeit", "Frühe Bildung"]);
    let options = DocumentOptions {
        field_order: vec!["Wohnen".into(), "Arbeit".into(), "Frühe Bildung".into()],
        field_situations: vec![
            ("frühe bildung".into(), "38 Kitas, 12 mit Wartelisten.\n- Wenige Sprachkurse\n\n- Lange Wege".into()),
            ("Wohnen".into(), "- Kaum Wohnraum".into()),
            ("Arbeit".into(), "  ".into()),
        ],
        ..DocumentOptions::default()
    };
    let md = minutes::markdown_with(&input, &options);
    let at = |text: &str| md.find(text).unwrap_or_else(|| panic!("{text} in {md}"));
    // A field with a situation has its chapter before any statement names it.
    assert!(at("## Handlungsfeld: Wohnen\n\n### Ausgangslage\n\n- Kaum Wohnraum") < at("## Handlungsfeld: Arbeit"));
    // The situation first, then the goals; its lines as a list, others as paragraphs.
    let bildung = at("## Handlungsfeld: Frühe Bildung");
    assert!(
        md[bildung..].starts_with(
            "## Handlungsfeld: Frühe Bildung\n\n### Ausgangslage\n\n38 Kitas, 12 mit Wartelisten.\n\n\
             - Wenige Sprachkurse\n- Lange Wege\n\n### Z 3.1 Jedes Kind"
        ),
        "{md}"
    );
    // An empty situation prints nothing.
    let arbeit = at("## Handlungsfeld: Arbeit");
    assert_eq!(md[arbeit..bildung].matches("Ausgangslage").count(), 0, "{md}");
    assert!(md[arbeit..bildung].ends_with("### Steuerung\n\n- → S 2.1\n\n"), "{md}");
    assert!(!md[bildung..at("## Maßnahmenplan")].contains("### Steuerung"), "under its measure only: {md}");
    let people = input.workshops[0].setup.participants.len();
    assert!(md.contains(&format!("Angemeldet: {people} Personen in 2 Workshops (davon {people} in mehreren)")), "{md}");
    assert!(md.contains(&format!("Beteiligung: {people} Personen in 2 Workshops (davon ")), "{md}");
    let english = minutes::markdown_with(&MinutesInput { language: Language::En, ..input }, &options);
    let registered = format!("Registered: {people} people in 2 workshops ({people} of them in more than one)");
    assert!(english.contains("### Starting situation") && english.contains(&registered), "{english}");
}

/// The line of the statements CSV that holds `text`.
fn csv_line<'a>(csv: &'a str, text: &str) -> &'a str {
    csv.lines().find(|l| l.contains(text)).unwrap_or_default()
}

#[test]
fn a_statement_has_its_stored_number_in_every_document_whatever_its_votes() {
    let goal = "Mehr Ausbildungsplätze für Geflüchtete";
    for votes in [3, 99] {
        let mut documents = Vec::new();
        for kind in [DocumentKind::Minutes, DocumentKind::Concept] {
            let mut input = sample(kind, Language::De);
            // More votes put it first, as the harvest lists them; its number stays.
            let g2 = input.statements.iter_mut().find(|s| s.text == goal).unwrap();
            g2.votes = votes;
            input.statements.sort_by_key(|s| (s.level as u8, std::cmp::Reverse(s.votes)));
            documents.push(minutes::markdown(&input));
            let csv = minutes::csv_statements(&input);
            assert!(csv_line(&csv, goal).starts_with("Z 2.1;Ziel;"), "{csv}");
            assert!(csv_line(&csv, "Jedes Kind spricht").starts_with("Z 1.1;Ziel;"), "{csv}");
        }
        let [minutes_md, concept_md] = &documents[..] else { unreachable!() };
        assert!(minutes_md.contains(&format!("| Z 2.1 | {goal} · ")), "{minutes_md}");
        assert!(concept_md.contains(&format!("### Z 2.1 {goal}")), "{concept_md}");
        for derived in ["Z 1.2", "Z 2.2", "Z 2 "] {
            assert!(
                !minutes_md.contains(derived) && !concept_md.contains(derived),
                "no number is derived from the order"
            );
        }
    }
}

#[test]
fn the_notes_csv_names_a_workshop_by_its_number_in_the_process_as_the_sources_do() {
    // The minutes of the process's second workshop: alone in the document, still "W2".
    let mut input = sample(DocumentKind::Minutes, Language::De);
    input.workshops[0].number = 2;
    let notes = minutes::csv_notes(&input);
    assert!(notes.contains("\r\nW2;Arbeit und Übergang;2;Ausbildung;2;"), "{notes}");
    assert!(!notes.contains("\r\nW1;"), "{notes}");

    // The concept draft of both: the sources name the same workshop "W2".
    let mut input = sample(DocumentKind::Concept, Language::De);
    let second = input.workshops.remove(0);
    let mut first = WorkshopMinutes { number: 1, notes: Vec::new(), photos: Vec::new(), ..second.clone() };
    first.setup.workshop.id = WorkshopId::new();
    first.setup.workshop.details.title = "Auftakt".into();
    input.workshops = vec![first, WorkshopMinutes { number: 2, ..second }];
    let concept = minutes::markdown(&input);
    assert!(concept.contains("W2 / Tisch 1 / Runde 1"), "{concept}");
    assert!(concept.contains("; Foto: W2 / Tisch 1 / Runde 1 (tischdecke.png)*"), "its photo too: {concept}");
    assert!(!concept.contains("W1 / Tisch"), "{concept}");
    let notes = minutes::csv_notes(&input);
    assert!(notes.contains("\r\nW2;Arbeit und Übergang;1;"), "{notes}");
    assert!(!notes.contains("\r\nW1;"), "the first workshop has no notes: {notes}");
}

#[test]
fn pseudonymised_exports_show_initials_only() {
    let mut input = sample(DocumentKind::Minutes, Language::De);
    input.include_names = true;
    let named = minutes::markdown(&input);
    assert!(named.contains("- AWO Kreisverband: Anna Müller\n"), "absent people are not listed");
    assert!(named.contains("- Jobcenter: Jürgen Straßer\n"));
    input.pseudonymise = true;
    for text in [minutes::markdown(&input), minutes::html(&input), minutes::csv_notes(&input)] {
        for name in ["Müller", "Straßer", "Öztürk", "Kaya"] {
            assert!(!text.contains(name), "{name} in {text}");
        }
    }
    let md = minutes::markdown(&input);
    assert!(md.contains("- AWO Kreisverband: A. M.\n"));
    assert!(md.contains("*Gastgeber/in: A. M.*"));
    assert!(md.contains("(#Sprache · J. S.)"));
}

#[test]
fn attendance_counts_walk_ins_apart_from_the_registered() {
    let mut input = sample(DocumentKind::Minutes, Language::De);
    let setup = &mut input.workshops[0].setup;
    let w = setup.workshop.id;
    // Registered and came, then left early; a walk-in who stayed and one who left early; a
    // walk-in marked absent was entered by mistake and counts nowhere.
    setup.participants.push(person(w, "Dragoș", "Popescu", "Jobcenter", Attendance::Left));
    for (first, attendance) in
        [("Olena", Attendance::Present), ("Mykola", Attendance::Left), ("Irrtum", Attendance::Absent)]
    {
        setup
            .participants
            .push(Participant { walk_in: true, ..person(w, first, "Kovalenko", "Jobcenter", attendance) });
    }
    let md = minutes::markdown(&input);
    let table = "\
| Organisation | Angemeldet | Anwesend | davon ohne Anmeldung | davon früher gegangen | Abgesagt |
|---|---|---|---|---|---|
| AWO Kreisverband | 2 | 1 | 0 | 0 | 1 |
| Jobcenter | 2 | 4 | 2 | 2 | 0 |
| Ohne Organisation | 1 | 0 | 0 | 0 | 0 |
| Gesamt | 5 | 5 | 2 | 2 | 1 |
";
    assert!(md.contains(table), "{md}");
    input.include_names = true;
    let named = minutes::markdown(&input);
    assert!(
        named.contains("- Jobcenter: Jürgen Straßer, Dragoș Popescu, Olena Kovalenko, Mykola Kovalenko\n"),
        "everyone who came is named, walk-ins too: {named}"
    );
    input.language = Language::En;
    let english = minutes::markdown(&input);
    assert!(
        english.contains("| Organisation | Registered | Present | of them walk-ins | of them left early | Cancelled |")
    );
}

#[test]
fn english_labels() {
    let md = minutes::markdown(&sample(DocumentKind::Minutes, Language::En));
    assert!(md.starts_with("# Minutes: Arbeit und Übergang\n\nDate: 12 May 2026  \nTime: 14:00  \n"), "{md}");
    for heading in ["## Programme", "## Participants by organisation", "### Goals", "### Measures", "### Steering"] {
        assert!(md.contains(heading), "{heading}");
    }
    let concept = minutes::markdown(&sample(DocumentKind::Concept, Language::En));
    assert!(concept.contains("## Field of action: Frühe Bildung"));
    assert!(concept.contains("## Annex: workshops"));
}

#[test]
fn the_programme_is_the_one_timetable_welcome_rounds_breaks_harvest() {
    let mut input = sample(DocumentKind::Minutes, Language::En);
    let md = minutes::markdown(&input);
    for row in [
        "| Time | Item | Question | Duration |",
        "| 14:00–14:10 | Welcome |  | 10 min |",
        "| 14:10–14:30 | Round 1 | Was läuft gut? | 20 min |",
        "| 14:30–14:40 | Break |  | 10 min |",
        "| 14:40–15:00 | Round 2 | Was fehlt? | 20 min |",
        "| 15:00–15:20 | Harvest |  | 20 min |",
    ] {
        assert!(md.contains(row), "{row} in {md}");
    }
    assert!(md.contains("#### Round 1 · 14:10–14:30"), "round 1 starts 10 minutes after 14:00, after the welcome");
    assert!(md.contains("#### Round 2 · 14:40–15:00"), "the 10-minute break shifts round 2");

    // Without the break, round 2 follows round 1 at once.
    let w = &mut input.workshops[0];
    w.setup.rounds[0].input.break_after_minutes = 0;
    w.schedule = timetable(&w.setup);
    let md = minutes::markdown(&input);
    assert!(md.contains("| 14:30–14:50 | Round 2 | Was fehlt? | 20 min |") && !md.contains("| Break |"), "{md}");
    assert!(md.contains("#### Round 2 · 14:30–14:50"));

    // Without a start time the steps are listed without clock times.
    let w = &mut input.workshops[0];
    w.setup.workshop.details.start_time = None;
    w.schedule = timetable(&w.setup);
    let md = minutes::markdown(&input);
    assert!(md.contains("|  | Welcome |  | 10 min |") && md.contains("|  | Round 1 | Was läuft gut? | 20 min |"));
    assert!(md.contains("#### Round 1\n\n"), "the notes' round headings have no time");
}

/// Keeps a rendered file for a person to look at when `CAFEHOST_DUMP_DIR` is set.
fn dump(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("CAFEHOST_DUMP_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

/// The named part of a ZIP file as text.
fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name(name).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).unwrap();
    text
}

#[test]
fn docx_reads_back_with_umlauts_tables_and_the_photo() {
    let docx = minutes::docx(&sample(DocumentKind::Minutes, Language::De)).unwrap();
    dump("minutes.docx", &docx);
    assert!(docx.starts_with(b"PK"));
    let document = zip_part(&docx, "word/document.xml");
    for text in [
        "Arbeit und Übergang",
        "Rathaus Hürth, Saal 1",
        "Sprachkurse für Eltern in der Kita",
        "Übersetzung &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr",
        "Jedes Kind spricht bei Schuleintritt gut Deutsch.",
        "Tisch 1 / Runde 1; Tisch 1 / Runde 2",
        "Großer Bedarf an Sprachförderung.",
    ] {
        assert!(document.contains(text), "{text}");
    }
    assert!(document.contains("<w:pStyle w:val=\"Heading1\"/>") && document.contains("<w:tbl>"));
    assert!(!document.contains("<script>"));
    assert!(document.contains("r:embed=\"rIdImg1\""));
    let rels = zip_part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains("Target=\"media/image1.png\""));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let media: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert_eq!(media, ["word/media/image1.png"]);
    let mut photo = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name("word/media/image1.png").unwrap(), &mut photo).unwrap();
    assert_eq!(photo, png(40, 30), "the photo is stored as it is");
    assert!(zip_part(&docx, "[Content_Types].xml").contains("Extension=\"png\""));
    assert!(zip_part(&docx, "docProps/core.xml").contains("<dc:title>Protokoll – Arbeit und Übergang</dc:title>"));

    let concept = minutes::docx(&sample(DocumentKind::Concept, Language::En)).unwrap();
    dump("concept.docx", &concept);
    let document = zip_part(&concept, "word/document.xml");
    assert!(document.contains("Concept draft") && document.contains("Field of action: Frühe Bildung"));
    assert!(document.contains("S 1.1 Jährlicher Bericht im Ausschuss"));
}

#[test]
fn pdf_reads_back_with_umlauts_statements_and_the_photo() {
    let pdf = minutes::pdf(&sample(DocumentKind::Minutes, Language::De)).unwrap();
    dump("minutes.pdf", &pdf);
    assert!(pdf.starts_with(b"%PDF-"));
    let text = poppler("pdftotext", &pdf, &["-layout"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Protokoll",
        "Arbeit und Übergang",
        "Rathaus Hürth, Saal 1",
        "Teilnehmende nach Organisation",
        "Sprachkurse für Eltern in der Kita",
        "Übersetzung <script>alert(1)</script> & mehr",
        "Großer Bedarf an Sprachförderung.",
        "Ziele",
        "Maßnahmen",
        "Steuerung",
        "Foto, Tisch 1, Runde 1 (tischdecke.png)",
    ] {
        assert!(flat.contains(wanted), "{wanted} in {flat}");
    }
    // Statements wrap (and hyphenate) inside their table cells. The tagged structure reads
    // cell by cell (`pdfinfo` leaves the soft hyphens at the line ends out): each statement is
    // there whole, spaces aside.
    let tree = poppler("pdfinfo", &pdf, &["-struct-text"]);
    let cells: String = tree
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"').and_then(|l| l.strip_suffix('"')))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect();
    for statement in
        ["Jedes Kind spricht bei Schuleintritt gut Deutsch.", "Jährlicher Bericht im Ausschuss", "Jugendamt"]
    {
        assert!(cells.contains(&statement.replace(' ', "")), "{statement} in {cells}");
    }
    let images = poppler("pdfimages", &pdf, &["-list"]);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!((cols[3], cols[4]), ("40", "30"), "the photo at its size: {images}");

    let concept = minutes::pdf(&sample(DocumentKind::Concept, Language::De)).unwrap();
    dump("concept.pdf", &concept);
    let flat = poppler("pdftotext", &concept, &[]).split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in
        ["Konzeptentwurf", "Handlungsfeld: Frühe Bildung", "M 1.1.1 Sprachkurse für Eltern", "Anhang: Workshops"]
    {
        assert!(flat.contains(wanted), "{wanted} in {flat}");
    }
}

// Pseudonymised documents name nobody: not in the people's lists, not inside the texts typed
// about the workshop, not in a photo's file name or metadata.

/// Everyone whose name the leaky sample mentions somewhere: its participants, an owner and a
/// note author who are on no list, and the camera's owner in the photos' metadata.
const NAMES: &str = "Anna Müller Jürgen Straßer Ayşe Öztürk Ben Kaya Weber Lisa Schmitz Petra Lindqvist";

/// The 16 × 8 JPEG of `tests/fixtures` with what a phone writes into a photo: EXIF with an
/// orientation and the camera owner's name, XMP naming the person tagged, a comment, and a
/// second picture after the end that has its own EXIF.
fn phone_jpeg(orientation: u16) -> Vec<u8> {
    let segment = |marker: u8, payload: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    };
    // Big-endian TIFF: two entries, orientation (SHORT) and artist (ASCII, at offset 38).
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x02".to_vec();
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    exif.extend_from_slice(&orientation.to_be_bytes());
    exif.extend_from_slice(&[0, 0, 0x01, 0x3B, 0, 2, 0, 0, 0, 16, 0, 0, 0, 38, 0, 0, 0, 0]);
    exif.extend_from_slice(b"Petra Lindqvist\0");
    let fixture = include_bytes!("fixtures/photo-16x8.jpg");
    let mut jpeg = fixture[..2].to_vec();
    jpeg.extend(segment(0xE1, &exif));
    jpeg.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<rdf:li>Petra Lindqvist</rdf:li>"));
    jpeg.extend(segment(0xFE, b"Petra Lindqvist"));
    jpeg.extend_from_slice(&fixture[2..]);
    jpeg.extend_from_slice(&[0xFF, 0xD8]);
    jpeg.extend(segment(0xE1, &exif));
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

/// A 40 × 30 PNG whose text chunks name its author.
fn tagged_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 4, 3);
    encoder.set_color(png::ColorType::Rgb);
    encoder.add_text_chunk("Author".into(), "Petra Lindqvist".into()).unwrap();
    encoder.add_itxt_chunk("Description".into(), "Tischdecke von Petra Lindqvist".into()).unwrap();
    encoder.write_header().unwrap().write_image_data(&[90; 4 * 3 * 3]).unwrap();
    out
}

/// The sample with people's names wherever text can be typed, an owner and an author on no
/// list, and photos whose file names and metadata name people.
fn leaky(kind: DocumentKind) -> MinutesInput {
    let mut input = sample(kind, Language::De);
    input.include_names = true;
    input.process_description = "Begleitet von Anna Müller.".into();
    let w = &mut input.workshops[0];
    let d = &mut w.setup.workshop.details;
    d.place = "Rathaus, Büro von Jürgen Straßer".into();
    d.purpose = "Mit Ben Kaya geplant.".into();
    w.setup.participants[3].input.organisation = "Praxis Dr. Weber".into();
    w.setup.tables[0].input.topic = "Sprache bei Frau Öztürk".into();
    w.setup.tables[1].input.questions[0].text = "Was sagt Herr Kaya?".into();
    w.setup.rounds[0].input.question = "Was läuft gut, Anna?".into();
    w.notes[0].text = "Frau Müller schlägt vor, mit jürgen strasser zu sprechen (Müllerstraße 3).".into();
    w.notes[0].tags = vec!["Kaya".into()];
    w.notes[1].author = "Protokoll: Petra Lindqvist".into();
    w.notes[3].text = "Straßers Gruppe: Betriebe früh einbinden.".into();
    w.notes[4].text = "Dank an Öztürk, Ayşe und Anna Müller.".into();
    let (t1, r1, r2) = (w.setup.tables[0].id, w.setup.rounds[0].id, w.setup.rounds[1].id);
    w.photos[0].file_name = "Tisch1_Anna_Mueller.png".into();
    w.photos[0].bytes = tagged_png();
    w.photos.push(Photo {
        id: cafehost_core::AttachmentId::new(),
        table_id: Some(t1),
        round_id: Some(r2),
        file_name: "Tisch3_Müller.jpg".into(),
        media_type: "image/jpeg".into(),
        bytes: phone_jpeg(6),
        rotation_degrees: 0,
    });
    w.photos.push(Photo {
        id: cafehost_core::AttachmentId::new(),
        table_id: Some(t1),
        round_id: Some(r1),
        file_name: "IMG_2024.jpg".into(),
        media_type: "image/jpeg".into(),
        bytes: phone_jpeg(1),
        rotation_degrees: 0,
    });
    let s = &mut input.statements;
    s[0].owner = "Lisa Schmitz".into();
    s[0].text = "Jedes Kind spricht gut Deutsch; Abstimmung mit Frau Schmitz.".into();
    s[2].text = "Sprachkurse wie bei Ben Kaya".into();
    s[3].time_frame = "nach Rücksprache mit Lindqvist".into();
    input
}

/// The names in `text` as whole words, however spelled ("Mueller", "STRASSER"), a genitive
/// ("Straßers") included.
fn names_in(text: &str) -> Vec<&'static str> {
    let words: std::collections::HashSet<String> =
        text.split(|c: char| !c.is_alphanumeric()).map(cafehost_core::text::search_key).collect();
    NAMES
        .split_whitespace()
        .filter(|name| {
            let key = cafehost_core::text::search_key(name);
            words.contains(&key) || words.contains(&format!("{key}s"))
        })
        .collect()
}

/// Whether `bytes` hold `needle`.
fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The photos a page holds as `data:` URIs, decoded, and the page without them.
fn html_photos(html: &str) -> (Vec<Vec<u8>>, String) {
    use base64::Engine as _;
    let mut photos = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(";base64,") {
        text.push_str(&rest[..at]);
        let data = &rest[at + 8..];
        let end = data.find('"').unwrap();
        photos.push(base64::engine::general_purpose::STANDARD.decode(&data[..end]).unwrap());
        rest = &data[end..];
    }
    text.push_str(rest);
    (photos, text)
}

/// The photos of a Word document.
fn docx_media(docx: &[u8]) -> Vec<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    (0..archive.len())
        .filter_map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
            part.name().unwrap().starts_with("word/media/").then_some(bytes)
        })
        .collect()
}

#[test]
fn pseudonymised_documents_name_nobody_in_any_format() {
    for kind in [DocumentKind::Minutes, DocumentKind::Concept] {
        let mut input = leaky(kind);
        input.pseudonymise = true;
        let (photos, page) = html_photos(&minutes::html(&input));
        let docx = minutes::docx(&input).unwrap();
        let pdf = minutes::pdf(&input).unwrap();
        dump(&format!("pseudonymised-{kind:?}.pdf"), &pdf);
        dump(&format!("pseudonymised-{kind:?}.docx"), &docx);
        for (format, text) in [
            ("md", minutes::markdown(&input)),
            ("html", page),
            ("csv notes", minutes::csv_notes(&input)),
            ("csv statements", minutes::csv_statements(&input)),
            ("docx", zip_part(&docx, "word/document.xml")),
            ("docx properties", zip_part(&docx, "docProps/core.xml")),
            ("pdf", poppler("pdftotext", &pdf, &[])),
        ] {
            assert_eq!(names_in(&text), Vec::<&str>::new(), "{kind:?} {format}: {text}");
            assert!(!text.contains("Tisch3") && !text.contains("IMG_2024"), "no file names: {kind:?} {format}");
        }
        for photo in photos.iter().chain(&docx_media(&docx)) {
            assert!(!holds(photo, "Lindqvist"), "{kind:?}: a photo keeps its metadata");
        }
        assert!(!holds(&pdf, "Lindqvist"), "{kind:?}: the PDF embeds a photo with its metadata");
    }
}

#[test]
fn pseudonymised_minutes_show_initials_and_keep_offices_and_words() {
    let mut input = leaky(DocumentKind::Minutes);
    input.pseudonymise = true;
    let md = minutes::markdown(&input);
    for shown in [
        "Frau M. schlägt vor, mit J. S. zu sprechen (Müllerstraße 3).",
        "(#K. · A. M.)",
        "*(#Sprache · P. P. L.)*",
        "S.s Gruppe: Betriebe früh einbinden.",
        "Dank an Ö., A. und A. M.",
        "- Praxis Dr. W.: B. K.",
        "### Tisch 1: Sprache bei Frau Ö.",
        "Eigene Frage des Tisches (Runde 2): Was sagt Herr K.?",
        "Ort: Rathaus, Büro von J. S.",
        "*\\[Foto 1, Tisch 1, Runde 1\\]*",
        "*\\[Foto 2, Tisch 1, Runde 1\\]*",
        "*\\[Foto 1, Tisch 1, Runde 2\\]*",
        "| Z 1.1 | Jedes Kind spricht gut Deutsch; Abstimmung mit Frau S. · Quellen: ",
        // The goal's photo (Tisch1_Anna_Mueller.png, after IMG_2024.jpg) by its number, as captioned.
        "Quellen: Tisch 1 / Runde 1; Tisch 1 / Runde 2; Foto 2: Tisch 1 / Runde 1 · ",
        " | Frühe Bildung | 7 | L. S. |",
        "| 5 | Jugendamt | bis 2027 |",
        "| 0 | Kommunales Integrationszentrum | nach Rücksprache mit L. |",
    ] {
        assert!(md.contains(shown), "{shown} in {md}");
    }
    let statements = minutes::csv_statements(&input);
    assert!(statements.contains(";Frühe Bildung;7;L. S.;;Entwurf;"), "{statements}");
    let concept = minutes::markdown(&leaky(DocumentKind::Concept));
    assert!(concept.contains("Verantwortlich: Lisa Schmitz"), "{concept}");
    let mut concept = leaky(DocumentKind::Concept);
    concept.pseudonymise = true;
    let concept = minutes::markdown(&concept);
    assert!(concept.contains("Verantwortlich: L. S.") && concept.contains("Verantwortlich: Jugendamt"), "{concept}");
    assert!(concept.contains("Begleitet von A. M."), "{concept}");
}

#[test]
fn documents_that_are_not_pseudonymised_still_name_everyone_but_photos_lose_their_metadata() {
    let input = leaky(DocumentKind::Minutes);
    let md = minutes::markdown(&input);
    for shown in [
        "Frau Müller schlägt vor, mit jürgen strasser zu sprechen",
        "*(#Sprache · Protokoll: Petra Lindqvist)*",
        "- Praxis Dr. Weber: Ben Kaya",
        "*\\[Foto, Tisch 1, Runde 2 (Tisch3\\_Müller.jpg)\\]*",
        "| Lisa Schmitz |",
    ] {
        assert!(md.contains(shown), "{shown} in {md}");
    }
    // The goal's photo by its file name, which names someone too.
    assert_eq!(
        names_in(&minutes::csv_statements(&input)),
        ["Anna", "Müller", "Ben", "Kaya", "Lisa", "Schmitz", "Lindqvist"]
    );
    let docx = minutes::docx(&input).unwrap();
    assert!(zip_part(&docx, "word/document.xml").contains("Frau Müller schlägt vor"));
    let pdf = minutes::pdf(&input).unwrap();
    let text = poppler("pdftotext", &pdf, &[]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Frau Müller schlägt vor") && text.contains("Tisch3_Müller.jpg"), "{text}");
    // No document carries a photo's metadata: nobody reads it there, and it may hold a GPS
    // position or the camera owner's name.
    let (photos, _) = html_photos(&minutes::html(&input));
    assert_eq!(photos.len(), 3);
    for photo in photos.iter().chain(&docx_media(&docx)) {
        assert!(!holds(photo, "Lindqvist"));
    }
    assert!(!holds(&pdf, "Lindqvist"));
    let images = poppler("pdfimages", &pdf, &["-list"]);
    let sizes: Vec<(String, String)> = images
        .lines()
        .skip(2)
        .map(|row| {
            let cols: Vec<&str> = row.split_whitespace().collect();
            (cols[3].to_owned(), cols[4].to_owned())
        })
        .collect();
    assert_eq!(sizes.len(), 3, "the stripped photos are still pictures: {images}");
    // The photo with EXIF orientation 6 stands upright: turned in its pixels.
    let size = |w: &str, h: &str| sizes.iter().filter(|s| *s == &(w.to_owned(), h.to_owned())).count();
    assert!(size("16", "8") == 1 && size("8", "16") == 1, "{images}");
}

/// The pixel size of a JPEG or PNG.
fn dimensions(bytes: &[u8]) -> (u32, u32) {
    image::load_from_memory(bytes).unwrap().to_rgb8().dimensions()
}

#[test]
fn a_photo_turns_by_its_exif_orientation_and_its_own_rotation_in_its_pixels() {
    let mut input = leaky(DocumentKind::Minutes);
    let photos = &mut input.workshops[0].photos;
    photos.truncate(2);
    // EXIF 6 (turn 90° clockwise) and the user's 90°: upside down, 16 × 8 as stored; EXIF 5
    // mirrors, then turns 270°: 8 × 16.
    photos[1].rotation_degrees = 90;
    photos.push(Photo { id: cafehost_core::AttachmentId::new(), bytes: phone_jpeg(5), ..photos[1].clone() });
    photos[2].rotation_degrees = 0;
    let html = minutes::html(&input);
    let (embedded, page) = html_photos(&html);
    let sizes: Vec<(u32, u32)> = embedded.iter().map(|p| dimensions(p)).collect();
    assert_eq!(sizes, [(4, 3), (16, 8), (8, 16)]);
    // No format turns a picture: the pixels are upright, and the layout box is the picture's.
    assert!(!page.contains("transform") && !page.contains("rotate"), "{page}");
    assert!(page.contains("width=\"8\" height=\"16\""), "{page}");
    let docx = minutes::docx(&input).unwrap();
    let document = zip_part(&docx, "word/document.xml");
    assert!(!document.contains("rot=") && !document.contains("flipH"), "{document}");
    let media: Vec<(u32, u32)> = docx_media(&docx).iter().map(|p| dimensions(p)).collect();
    assert_eq!(media, [(4, 3), (16, 8), (8, 16)]);
}

// Phone-size photos: documents embed downsampled, upright copies.

/// A photo as a phone takes it: `w` × `h` pixels of a scene with soft light, edges and fine
/// grain (a deterministic pattern, so the bytes are the same on every run), as a JPEG of quality
/// 90, which makes a 4000 × 3000 photo about as large as a phone's (2–3 MB); each `seed` gives
/// other bytes (documents embed the same bytes only once). The upper left
/// quarter is red and the rest blue-grey, so a turn can be seen in the pixels.
fn camera_jpeg(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(w, h, |x, y| {
        let grain = (x.wrapping_mul(374_761_393) ^ y.wrapping_mul(668_265_263) ^ seed.wrapping_mul(2_246_822_519))
            .wrapping_mul(1_274_126_177)
            >> 28;
        let (fx, fy) = (f64::from(x) / f64::from(w), f64::from(y) / f64::from(h));
        let light = 60.0 + 120.0 * (1.0 - (fx - 0.4).hypot(fy - 0.3)).max(0.0);
        let stripes = if (x / 97 + y / 61) % 5 == 0 { 40.0 } else { 0.0 };
        let wave = 18.0 * (f64::from(x) / 23.0).sin() * (f64::from(y) / 31.0).cos();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let v = |base: f64| (base + light + stripes + wave + f64::from(grain)).clamp(0.0, 255.0) as u8;
        if x < w / 2 && y < h / 2 {
            image::Rgb([v(90.0), v(-40.0), v(-40.0)])
        } else {
            image::Rgb([v(0.0), v(10.0), v(30.0)])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&picture).unwrap();
    out
}

/// The minutes of one workshop with `count` photos of `w` × `h` pixels spread over its tables
/// and rounds.
fn with_camera_photos(count: usize, w: u32, h: u32) -> MinutesInput {
    let mut input = sample(DocumentKind::Minutes, Language::De);
    let workshop = &mut input.workshops[0];
    let (tables, rounds) = (workshop.setup.tables.clone(), workshop.setup.rounds.clone());
    workshop.photos = (0..count)
        .map(|n| Photo {
            id: cafehost_core::AttachmentId::new(),
            table_id: Some(tables[n % tables.len()].id),
            round_id: Some(rounds[n / tables.len() % rounds.len()].id),
            file_name: format!("IMG_{n:04}.jpg"),
            media_type: "image/jpeg".into(),
            bytes: camera_jpeg(w, h, u32::try_from(n).unwrap()),
            rotation_degrees: 0,
        })
        .collect();
    input
}

/// Sizes and render times of the minutes of one workshop with 12 phone-size photos (4000 ×
/// 3000): `cargo test --release -p cafehost-export --test minutes -- --ignored --nocapture
/// twelve_phone_photos`.
#[test]
#[ignore = "a measurement: run it in release"]
fn twelve_phone_photos() {
    let input = with_camera_photos(12, 4000, 3000);
    let photos: usize = input.workshops[0].photos.iter().map(|p| p.bytes.len()).sum();
    println!("12 photos: {photos} bytes");
    let time = |name: &str, render: &dyn Fn() -> usize| {
        let mut runs: Vec<(f64, usize)> = (0..3)
            .map(|_| {
                let start = std::time::Instant::now();
                let bytes = render();
                (start.elapsed().as_secs_f64(), bytes)
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!("{{\"format\":\"{name}\",\"bytes\":{},\"seconds\":{:.3}}}", runs[1].1, runs[1].0);
    };
    time("docx", &|| minutes::docx(&input).unwrap().len());
    time("pdf", &|| minutes::pdf(&input).unwrap().len());
    time("html", &|| minutes::html(&input).len());
    time("md", &|| minutes::markdown(&input).len());
}

/// The pixel sizes of a PDF's images (`pdfimages -list`) and their bytes.
fn pdf_images(pdf: &[u8]) -> Vec<(u32, u32, String)> {
    poppler("pdfimages", pdf, &["-list"])
        .lines()
        .skip(2)
        .map(|row| {
            let cols: Vec<&str> = row.split_whitespace().collect();
            (cols[3].parse().unwrap(), cols[4].parse().unwrap(), cols[14].to_owned())
        })
        .collect()
}

#[test]
fn a_phone_photo_is_embedded_at_most_1400_pixels_wide_and_small() {
    let input = with_camera_photos(1, 4000, 3000);
    let original = input.workshops[0].photos[0].bytes.len();
    assert!(original > 1_500_000, "a phone-size photo: {original} bytes");
    let (html_photos, _) = html_photos(&minutes::html(&input));
    let docx = minutes::docx(&input).unwrap();
    let docx_photos = docx_media(&docx);
    for (format, photos) in [("html", html_photos), ("docx", docx_photos)] {
        assert_eq!(photos.len(), 1, "{format}");
        assert_eq!(dimensions(&photos[0]), (1400, 1050), "{format}");
        assert!(photos[0].len() < 400_000, "{format}: {} bytes", photos[0].len());
        assert!(photos[0].starts_with(&[0xFF, 0xD8]), "{format}: a JPEG");
    }
    assert!(docx.len() < 400_000, "the whole DOCX: {} bytes", docx.len());
    let pdf = minutes::pdf(&input).unwrap();
    dump("phone-photo.pdf", &pdf);
    let images = pdf_images(&pdf);
    assert_eq!(images.len(), 1);
    assert_eq!((images[0].0, images[0].1), (1400, 1050));
    assert!(pdf.len() < 450_000, "the whole PDF: {} bytes", pdf.len());
}

#[test]
fn a_photo_turned_a_quarter_is_embedded_upright_with_width_and_height_swapped() {
    let mut input = with_camera_photos(1, 2000, 1500);
    input.workshops[0].photos[0].rotation_degrees = 90;
    let (photos, page) = html_photos(&minutes::html(&input));
    assert!(!page.contains("transform"), "{page}");
    assert!(page.contains("width=\"1050\" height=\"1400\""), "the layout box is the upright picture's");
    let docx = minutes::docx(&input).unwrap();
    let pdf = minutes::pdf(&input).unwrap();
    let images = pdf_images(&pdf);
    assert_eq!((images[0].0, images[0].1), (1050, 1400), "PDF");
    for photo in photos.iter().chain(&docx_media(&docx)) {
        let picture = image::load_from_memory(photo).unwrap().to_rgb8();
        assert_eq!(picture.dimensions(), (1050, 1400));
        // The red upper left quarter, turned clockwise, is the upper right one.
        let red = |x: u32, y: u32| {
            let p = picture.get_pixel(x, y);
            i32::from(p[0]) - i32::from(p[2]) > 60
        };
        assert!(red(950, 100) && !red(100, 100) && !red(950, 1300) && !red(100, 1300));
    }
}

#[test]
fn markdown_and_csv_need_no_photo_bytes() {
    // Photos whose bytes were not loaded (the app leaves them out for these formats) give the
    // same documents as with their bytes.
    let input = leaky(DocumentKind::Minutes);
    let mut without = input.clone();
    for p in &mut without.workshops[0].photos {
        p.bytes = Vec::new();
    }
    assert_eq!(minutes::markdown(&without), minutes::markdown(&input));
    assert_eq!(minutes::csv_notes(&without), minutes::csv_notes(&input));
    assert_eq!(minutes::csv_statements(&without), minutes::csv_statements(&input));
}

#[test]
fn the_minutes_head_names_the_roles_and_the_concept_opens_with_the_vision_and_plans() {
    let mut input = sample(DocumentKind::Minutes, Language::De);
    {
        let d = &mut input.workshops[0].setup.workshop.details;
        d.end_time = NaiveTime::from_hms_opt(17, 30, 0);
        d.organiser = "Rhein-Erft-Kreis, Kommunales Integrationszentrum".into();
        d.moderation = "Jana Roth".into();
        d.minute_taker = "Jürgen Straßer".into();
        d.distribution = "Teilnehmende\n\n  Dezernat III ".into();
    }
    let md = minutes::markdown(&input);
    let head = &md[..md.find("## Ergebnisse").unwrap()];
    assert_eq!(
        head,
        "# Protokoll: Arbeit und Übergang\n\n\
         Veranstalter: Rhein-Erft-Kreis, Kommunales Integrationszentrum  \n\
         Datum: 12. Mai 2026  \nZeit: 14:00–17:30  \nOrt: Rathaus Hürth, Saal 1  \n\
         Moderation: Jana Roth  \nProtokollführung: Jürgen Straßer  \n\
         Teilnehmende: 2 (AWO Kreisverband 1, Jobcenter 1)  \n\
         Verteiler: Teilnehmende; Dezernat III  \nProzess: Integrationskonzept  \n\n\
         Gemeinsam Ziele für den Übergang Schule–Beruf finden.\n\n"
    );
    input.pseudonymise = true;
    let hidden = minutes::markdown(&input);
    assert!(hidden.contains("Moderation: J. R.") && hidden.contains("Protokollführung: J. S."), "{hidden}");
    input.language = Language::En;
    input.pseudonymise = false;
    let english = minutes::markdown(&input);
    assert!(english.contains("Organiser: Rhein-Erft-Kreis") && english.contains("Minutes taken by: Jürgen Straßer"));
    assert!(english.contains("Distribution: Teilnehmende; Dezernat III"));

    let mut concept = sample(DocumentKind::Concept, Language::De);
    concept.process_vision = "Alle Kinder wachsen mit guten Chancen auf.".into();
    concept.process_description = "Ein Konzept für den Kreis.".into();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    for s in &mut concept.statements {
        match s.level {
            StatementLevel::Measure => {
                s.plan = StatementPlan {
                    start_date: day(2026, 9, 1),
                    end_date: day(2027, 7, 31),
                    indicator: "Kitas mit Sprachkurs".into(),
                    baseline: "3".into(),
                    target: "38".into(),
                    ..StatementPlan::default()
                };
            }
            StatementLevel::Steering => {
                s.plan = StatementPlan {
                    indicator: "Berichte".into(),
                    target: "1 im Jahr".into(),
                    start_date: day(2026, 1, 1),
                    resources: "0,5 Stelle im KI".into(),
                    ..StatementPlan::default()
                };
            }
            StatementLevel::Goal if s.number == 1 => {
                s.plan = StatementPlan {
                    decision_body: "Jugendhilfeausschuss".into(),
                    decision_date: day(2026, 6, 18),
                    decision_reference: "DS 41/2026".into(),
                    ..StatementPlan::default()
                };
            }
            StatementLevel::Goal => {}
        }
    }
    let md = minutes::markdown(&concept);
    let vision = md.find("## Leitbild\n\nAlle Kinder wachsen mit guten Chancen auf.").expect("the vision");
    let purpose = md.find("## Anlass und Ziel\n\nEin Konzept für den Kreis.").expect("the description");
    assert!(vision < purpose && purpose < md.find("## Handlungsfeld").unwrap(), "the vision comes first: {md}");
    assert!(md.contains("| Nr. | Maßnahme | Ziele | Verantwortlich | Zeitraum | Indikator | Status |"), "{md}");
    assert!(
        md.contains(
            "| M 1.1.1 | Sprachkurse für Eltern in allen Kitas | Z 1.1 | Jugendamt | 1. September 2026 – 31. Juli 2027 \
             | Kitas mit Sprachkurs: 3 → 38 | Entwurf |"
        ),
        "{md}"
    );
    let steering = &md[md.find("## Steuerung und Monitoring").unwrap()..md.find("## Anhang").unwrap()];
    assert!(
        steering.contains(
            "  - Indikator: Berichte: → 1 im Jahr\n  - Zeitraum: ab 1. Januar 2026\n  - Ressourcen: 0,5 Stelle im KI"
        ),
        "{steering}"
    );
    assert!(steering.contains("### Beschlusslage"), "{steering}");
    assert!(
        steering.contains("| Z 1.1 | Jedes Kind spricht bei Schuleintritt gut Deutsch. | Jugendhilfeausschuss | 18. Juni 2026 | DS 41/2026 |"),
        "{steering}"
    );
}
