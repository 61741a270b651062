//! Figures for the export, as a JSON report: a process of 5 workshops with 160 participants,
//! 2,000 notes and 200 photos (about 50 KB each). Times the minutes (one workshop, and all five
//! in one document with every note and photo) and the concept draft as DOCX and PDF, full-text
//! search over the notes, and states the peak memory.
//! Run with `cargo bench -p cafehost-app --bench minutes [-- --out FILE]`.

#![allow(clippy::unwrap_used, missing_docs, clippy::cast_precision_loss)]

use std::time::Instant;

use base64::Engine as _;
use cafehost_app::{Cafehost, DocumentKind, ExportFormat};
use cafehost_core::{
    Language, NewWorkshop, NoteInput, NoteKind, ParticipantInput, StatementInput, StatementLevel, StatementStatus,
    TableInput,
};
use cafehost_export::minutes;
use serde_json::json;

mod support;
use support::peak_rss_kib;

const WORKSHOPS: usize = 5;
const PEOPLE: usize = 32;
const TABLES: u32 = 8;
const NOTES: usize = 400;
const PHOTOS: usize = 40;

/// A noisy 128 × 128 RGB PNG: noise does not compress, so it is about 50 KB like a small photo.
fn photo(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let data: Vec<u8> = (0..128 * 128 * 3)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 128, 128);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header().unwrap().write_image_data(&data).unwrap();
    }
    out
}

const WORDS: [&str; 16] = [
    "Sprachförderung",
    "Übergang",
    "Kita",
    "Ehrenamt",
    "Ausbildungsplätze",
    "Elternarbeit",
    "Beratung",
    "Wohnraum",
    "Jugendhilfe",
    "Schulsozialarbeit",
    "Netzwerk",
    "Dolmetscher",
    "Anerkennung",
    "Begegnung",
    "Gesundheit",
    "Mobilität",
];

fn sentence(i: usize) -> String {
    format!(
        "Wir brauchen mehr {} und {} im Kreis; {} gelingt nur gemeinsam mit {} (Beitrag {i}).",
        WORDS[i % 16],
        WORDS[(i / 3) % 16],
        WORDS[(i / 7) % 16],
        WORDS[(i / 11) % 16]
    )
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed().as_secs_f64())
}

#[allow(clippy::too_many_lines)]
fn main() {
    let out = std::env::args().skip_while(|a| a != "--out").nth(1);
    let dir = tempfile::tempdir().unwrap();
    let app = Cafehost::open(dir.path()).unwrap();
    let setup_start = Instant::now();
    let organisations = ["AWO", "Caritas", "Diakonie", "Jobcenter", "VHS", "Stadt Kerpen", "Kreisjugendamt", "DRK"];
    let mut workshops = Vec::new();
    let mut all_notes = Vec::new();
    let mut photo_bytes = 0usize;
    for w in 0..WORKSHOPS {
        let workshop = app
            .setup()
            .create_workshop(&NewWorkshop {
                title: format!("Werkstatt {} – Integration vor Ort", w + 1),
                process_title: Some("Integrationskonzept Rhein-Erft".into()),
            })
            .unwrap();
        let mut tables = Vec::new();
        for t in 0..TABLES {
            let table = app.setup().add_table(workshop.id).unwrap();
            let input = TableInput { topic: format!("Thema {} – {}", t + 1, WORDS[t as usize % 16]), ..table.input };
            tables.push(app.setup().update_table(table.id, &input).unwrap());
        }
        for p in 0..PEOPLE {
            let input = ParticipantInput {
                first_name: format!("Jürgen{p}"),
                last_name: format!("Öztürk-Straßer{w}"),
                organisation: organisations[p % organisations.len()].into(),
                ..ParticipantInput::default()
            };
            app.people().add_participant(workshop.id, &input).unwrap();
        }
        let rounds: Vec<_> = app.setup().workshop_setup(workshop.id).unwrap().rounds.iter().map(|r| r.id).collect();
        for n in 0..NOTES {
            let table = &tables[n % tables.len()];
            let round = rounds[(n / tables.len()) % rounds.len()];
            let kind = if n % 50 == 49 { NoteKind::TableSummary } else { NoteKind::Note };
            let input = NoteInput {
                text: sentence(w * NOTES + n),
                tags: vec![WORDS[n % 16].to_owned()],
                author: format!("Anna Müller{}", n % 8),
            };
            all_notes.push(app.notes().add_note(workshop.id, Some(table.id), Some(round), kind, &input).unwrap().id);
        }
        for p in 0..PHOTOS {
            let bytes = photo(u32::try_from(w * PHOTOS + p).unwrap());
            photo_bytes += bytes.len();
            let table = &tables[p % tables.len()];
            let round = rounds[p % rounds.len()];
            let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
            app.notes()
                .add_attachment(workshop.id, Some(table.id), Some(round), &format!("foto-{p}.png"), &encoded)
                .unwrap();
        }
        workshops.push(workshop.id);
    }
    let first = workshops[0];
    let statement = |level, i: usize| StatementInput {
        level,
        text: format!("{} für alle Kommunen des Kreises ({i})", WORDS[i % 16]),
        field_of_action: WORDS[i % 5].into(),
        votes: u32::try_from(i % 9).unwrap(),
        owner: organisations[i % organisations.len()].into(),
        time_frame: "bis 2028".into(),
        status: StatementStatus::Draft,
    };
    let mut goals = Vec::new();
    for i in 0..30 {
        let sources = &all_notes[i * 60..i * 60 + 4];
        goals.push(app.harvest().add_statement(first, &statement(StatementLevel::Goal, i), sources).unwrap().id);
    }
    for i in 0..60 {
        let sources = &all_notes[i * 30 + 7..i * 30 + 9];
        let measure = app.harvest().add_statement(first, &statement(StatementLevel::Measure, i), sources).unwrap().id;
        app.harvest().link_statements(measure, goals[i % goals.len()], true).unwrap();
        if i % 2 == 0 {
            let steering = app.harvest().add_statement(first, &statement(StatementLevel::Steering, i), &[]).unwrap().id;
            app.harvest().link_statements(steering, measure, true).unwrap();
        }
    }
    let setup_seconds = setup_start.elapsed().as_secs_f64();

    let mut results = Vec::new();
    for (name, kind, workshop) in
        [("minutes of one workshop", DocumentKind::Minutes, first), ("concept draft", DocumentKind::Concept, first)]
    {
        for format in [ExportFormat::Docx, ExportFormat::Pdf] {
            let (bytes, seconds) =
                timed(|| app.documents().minutes(workshop, kind, format, Language::De, false).unwrap());
            results.push(json!({"document": name, "format": format, "bytes": bytes.len(), "seconds": seconds}));
        }
    }
    // Markdown and CSV show no photo, so their bytes are not loaded: the data of one workshop
    // (40 photos) with and without them.
    for (format, label) in [(ExportFormat::Docx, "load with photo bytes"), (ExportFormat::Md, "load for markdown")] {
        let (input, seconds) = timed(|| {
            app.documents().minutes_input_for(first, DocumentKind::Minutes, format, Language::De, false, false).unwrap()
        });
        let bytes: usize = input.workshops.iter().flat_map(|w| &w.photos).map(|p| p.bytes.len()).sum();
        results.push(
            json!({"document": "minutes of one workshop", "format": label, "photo_bytes": bytes, "seconds": seconds}),
        );
    }
    // Everything in one document: all five workshops with every note and photo.
    let (input, load_seconds) = timed(|| {
        let mut input = app
            .documents()
            .minutes_input_for(first, DocumentKind::Concept, ExportFormat::Docx, Language::De, false, false)
            .unwrap();
        input.kind = DocumentKind::Minutes;
        input.workshops = workshops
            .iter()
            .map(|w| {
                app.documents()
                    .minutes_input_for(*w, DocumentKind::Minutes, ExportFormat::Docx, Language::De, false, false)
                    .unwrap()
                    .workshops
                    .remove(0)
            })
            .collect();
        input
    });
    let notes: usize = input.workshops.iter().map(|w| w.notes.len()).sum();
    let photos: usize = input.workshops.iter().map(|w| w.photos.len()).sum();
    let (docx, docx_seconds) = timed(|| minutes::docx(&input).unwrap());
    let (pdf, pdf_seconds) = timed(|| minutes::pdf(&input).unwrap());
    results.push(
        json!({"document": "all five workshops (2,000 notes, 200 photos)", "format": "load", "seconds": load_seconds}),
    );
    results.push(json!({"document": "all five workshops (2,000 notes, 200 photos)", "format": "docx", "bytes": docx.len(), "seconds": docx_seconds}));
    results.push(json!({"document": "all five workshops (2,000 notes, 200 photos)", "format": "pdf", "bytes": pdf.len(), "seconds": pdf_seconds}));
    drop((docx, pdf, input));

    let mut search = Vec::new();
    for query in ["Sprachförderung", "sprachforderung", "Kita Übergang", "Beitrag 1234", "Ehren", "Mobilität Netzwerk"]
    {
        let mut samples = Vec::new();
        let mut hits = 0;
        for _ in 0..5 {
            let (found, seconds) = timed(|| app.harvest().search_notes(first, query).unwrap());
            hits = found.len();
            samples.push(seconds * 1000.0);
        }
        samples.sort_by(f64::total_cmp);
        search.push(json!({"query": query, "hits": hits, "median_ms": samples[2], "max_ms": samples[4]}));
    }
    let report = json!({
        "workshops": WORKSHOPS,
        "participants": WORKSHOPS * PEOPLE,
        "notes": notes,
        "photos": photos,
        "photo_bytes_total": photo_bytes,
        "setup_seconds": setup_seconds,
        "exports": results,
        "search": search,
        "peak_rss_mib": peak_rss_kib().map(|k| k as f64 / 1024.0),
    });
    let text = serde_json::to_string_pretty(&report).unwrap();
    println!("{text}");
    if let Some(path) = out {
        std::fs::write(path, text).unwrap();
    }
}
