//! Minutes and concept drafts in every format, read back: Markdown as a snapshot, HTML escaping,
//! CSV defusing, the DOCX's XML and media, the PDF's text and images (poppler-utils).

// The tests write documents to temporary files to read them back; the library writes none.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::unwrap_used, missing_docs, clippy::too_many_lines, clippy::needless_raw_string_hashes)]

use cafehost_core::run::{RunFrame, ScheduledStep, agenda, schedule};
use cafehost_core::{
    Attendance, CafeTable, Language, Note, NoteId, NoteKind, Participant, ParticipantId, ParticipantInput, Process,
    ProcessId, Round, RoundId, RoundInput, Statement, StatementId, StatementLevel, StatementStatus, TableId,
    TableInput, TableQuestion, TravelMode, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
use cafehost_export::minutes::{self, DocumentKind, MinutesInput, Photo, WorkshopMinutes};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

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
    Note {
        id: NoteId::new(),
        workshop_id: workshop,
        table_id: table,
        round_id: round,
        kind,
        text: text.into(),
        tags: if kind == NoteKind::Note { vec!["Sprache".into()] } else { Vec::new() },
        author: author.into(),
        created_at: at(),
        updated_at: at(),
    }
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
        text: text.into(),
        field_of_action: field.into(),
        votes,
        owner: owner.into(),
        time_frame: if level == StatementLevel::Measure { "bis 2027".into() } else { String::new() },
        status: StatementStatus::Draft,
        source_note_ids: sources.to_vec(),
        linked_statement_ids: links.to_vec(),
        created_at: at(),
        updated_at: at(),
    }
}

/// One workshop of the process "Integrationskonzept" with two tables, two rounds, four people,
/// notes (one with a script tag, one looking like a formula), summaries, a photo and three levels
/// of statements.
pub fn sample(kind: DocumentKind, language: Language) -> MinutesInput {
    let w = WorkshopId::new();
    let process = Process { id: ProcessId::new(), title: "Integrationskonzept".into(), description: String::new() };
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
        table_id: Some(t1),
        round_id: Some(r1),
        file_name: "tischdecke.png".into(),
        media_type: "image/png".into(),
        bytes: png(40, 30),
        rotation_degrees: 0,
    };
    MinutesInput {
        kind,
        title: match kind {
            DocumentKind::Minutes => "Arbeit und Übergang".into(),
            DocumentKind::Concept => process.title.clone(),
        },
        process_title: Some(process.title),
        process_description: String::new(),
        language,
        workshops: vec![WorkshopMinutes { schedule: timetable(&setup), setup, notes, photos: vec![photo] }],
        statements: vec![g1, g2, m1, s1],
        include_names: false,
        pseudonymise: false,
    }
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

Datum: 12. Mai 2026, 14:00  
Ort: Rathaus Hürth, Saal 1  
Prozess: Integrationskonzept  

Gemeinsam Ziele für den Übergang Schule–Beruf finden.

## Programm

| Zeit | Programmpunkt | Frage | Dauer |
|---|---|---|---|
| 14:00–14:10 | Begrüßung |  | 10 Min. |
| 14:10–14:30 | Runde 1 | Was läuft gut? | 20 Min. |
| 14:30–14:40 | Pause |  | 10 Min. |
| 14:40–15:00 | Runde 2 | Was fehlt? | 20 Min. |
| 15:00–15:20 | Ernte im Plenum |  | 20 Min. |

## Teilnehmende nach Organisation

| Organisation | Angemeldet | Anwesend | Abgesagt |
|---|---|---|---|
| AWO Kreisverband | 2 | 1 | 1 |
| Jobcenter | 1 | 1 | 0 |
| Ohne Organisation | 1 | 0 | 0 |
| Gesamt | 4 | 2 | 1 |

## Tische und Fragen

### Tisch 1: Sprache & Kita

*Gastgeber·in: Anna Müller*

- Runde 1: Was läuft gut?
- Runde 2: Was fehlt?

### Tisch 2: Ausbildung

- Runde 1: Was läuft gut?
- Runde 2: Welche Betriebe fehlen?

## Notizen nach Tisch und Runde

### Tisch 1: Sprache & Kita

#### Runde 1 · 14:10–14:30

*Frage: Was läuft gut?*

- Sprachkurse für Eltern in der Kita *(#Sprache · Anna Müller)*

*\[Foto, Tisch 1, Runde 1 (tischdecke.png)\]*

#### Runde 2 · 14:40–15:00

*Frage: Was fehlt?*

- Übersetzung \<script\>alert(1)\</script\> & mehr *(#Sprache · Anna Müller)*

### Tisch 2: Ausbildung

#### Runde 1 · 14:10–14:30

*Frage: Was läuft gut?*

- \=SUMME(A1:A3) bitte prüfen; "Zitat" *(#Sprache · Jürgen Straßer)*

## Zusammenfassungen

### Tisch 2: Ausbildung

#### Runde 2

Betriebe früh einbinden.

*Jürgen Straßer*

### Zusammenfassung des Workshops

Großer Bedarf an Sprachförderung.

## Ergebnisse: Ziele, Maßnahmen, Steuerung

### Ziele

| Nr. | Aussage | Handlungsfeld | Stimmen | Verantwortlich | Zeitraum | Status | Quellen | Bezüge |
|---|---|---|---|---|---|---|---|---|
| Z1 | Jedes Kind spricht bei Schuleintritt gut Deutsch. | Frühe Bildung | 7 |  |  | Entwurf | Tisch 1 / Runde 1; Tisch 1 / Runde 2 | M1 |
| Z2 | Mehr Ausbildungsplätze für Geflüchtete | Arbeit | 3 |  |  | Entwurf | Tisch 2 / Runde 1; Tisch 2 / Runde 2; andere Workshops (1) |  |

### Maßnahmen

| Nr. | Aussage | Handlungsfeld | Stimmen | Verantwortlich | Zeitraum | Status | Quellen | Bezüge |
|---|---|---|---|---|---|---|---|---|
| M1 | Sprachkurse für Eltern in allen Kitas | Frühe Bildung | 5 | Jugendamt | bis 2027 | Entwurf | Tisch 1 / Runde 1 | S1, Z1 |

### Steuerung

| Nr. | Aussage | Handlungsfeld | Stimmen | Verantwortlich | Zeitraum | Status | Quellen | Bezüge |
|---|---|---|---|---|---|---|---|---|
| S1 | Jährlicher Bericht im Ausschuss | Frühe Bildung | 0 | Kommunales Integrationszentrum |  | Entwurf |  | M1 |
"#;
const CONCEPT_MD: &str = r#"# Konzeptentwurf: Integrationskonzept

Aus den Ergebnissen von 1 Workshop (12. Mai 2026)  

## Anlass und Ziel

- W1 Arbeit und Übergang: Gemeinsam Ziele für den Übergang Schule–Beruf finden.

## Handlungsfeld: Arbeit

### Z2 Mehr Ausbildungsplätze für Geflüchtete

*Stimmen: 3 · Status: Entwurf · Quellen: Tisch 2 / Runde 1; Tisch 2 / Runde 2; andere Workshops (1)*

## Handlungsfeld: Frühe Bildung

### Z1 Jedes Kind spricht bei Schuleintritt gut Deutsch.

*Stimmen: 7 · Status: Entwurf · Quellen: Tisch 1 / Runde 1; Tisch 1 / Runde 2*

#### Maßnahmen

- M1 Sprachkurse für Eltern in allen Kitas *(Stimmen: 5 · Verantwortlich: Jugendamt · Zeitraum: bis 2027 · Status: Entwurf · Quellen: Tisch 1 / Runde 1)*
  - S1 Jährlicher Bericht im Ausschuss *(Stimmen: 0 · Verantwortlich: Kommunales Integrationszentrum · Status: Entwurf)*

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
    assert!(html.contains("<td>Z1</td>") && html.contains("<td>Tisch 1 / Runde 1; Tisch 1 / Runde 2</td>"));
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
    assert!(statements.starts_with("\u{feff}Nr.;Ebene;Aussage;Handlungsfeld;Stimmen;"));
    assert!(statements.contains(
        "M1;Maßnahme;Sprachkurse für Eltern in allen Kitas;Frühe Bildung;5;Jugendamt;bis 2027;Entwurf;Tisch 1 / Runde 1;S1, Z1\r\n"
    ));
    let english = minutes::csv_statements(&sample(DocumentKind::Minutes, Language::En));
    assert!(english.contains("G1;Goal;") && english.contains("Table 1 / Round 1; Table 1 / Round 2"));
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
    assert!(md.contains("*Gastgeber·in: A. M.*"));
    assert!(md.contains("(#Sprache · J. S.)"));
}

#[test]
fn english_labels() {
    let md = minutes::markdown(&sample(DocumentKind::Minutes, Language::En));
    assert!(md.starts_with("# Minutes: Arbeit und Übergang\n\nDate: 12 May 2026, 14:00"));
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
    assert!(document.contains("S1 Jährlicher Bericht im Ausschuss"));
}

/// Runs a poppler tool on a PDF and returns its standard output.
fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
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
    // Statements wrap inside their table cells; every word is there.
    for statement in
        ["Jedes Kind spricht bei Schuleintritt gut Deutsch.", "Jährlicher Bericht im Ausschuss", "Jugendamt"]
    {
        for word in statement.split_whitespace() {
            assert!(flat.contains(word), "{word} in {flat}");
        }
    }
    let images = poppler("pdfimages", &pdf, &["-list"]);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!((cols[3], cols[4]), ("40", "30"), "the photo at its size: {images}");

    let concept = minutes::pdf(&sample(DocumentKind::Concept, Language::De)).unwrap();
    dump("concept.pdf", &concept);
    let flat = poppler("pdftotext", &concept, &[]).split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in ["Konzeptentwurf", "Handlungsfeld: Frühe Bildung", "M1 Sprachkurse für Eltern", "Anhang: Workshops"]
    {
        assert!(flat.contains(wanted), "{wanted} in {flat}");
    }
}
