//! Figures for data safety, as a JSON report: a process of 5 workshops (160 participants, 6
//! tables and 3 rounds each, planned seating, 1,350 notes, 200 photos of 1–2 MB, about 300 MB in
//! all) built through the app, then each of these timed a few times (median and max): the full
//! integrity check, a backup to a chosen file, its preview and restore, an automatic backup,
//! opening the data folder (as usual, at the first start of a day, and after a crash with a
//! journal left beside the file), and a bundle of the whole process exported and imported (on an
//! empty laptop and on the one that has it all).
//! Run with `cargo bench -p cafehost-app --bench data-safety [-- --out FILE]`.

#![allow(clippy::unwrap_used, missing_docs, clippy::cast_precision_loss)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use cafehost_app::{BackupReason, Cafehost, DATABASE_FILE, PlanOptions};
use cafehost_core::{NewWorkshop, NoteInput, NoteKind, ParticipantInput, TableInput};
use serde_json::{Value, json};

mod support;
use support::{ms, peak_rss_kib};

const WORKSHOPS: usize = 5;
const PEOPLE: usize = 32;
const TABLES: usize = 6;
const NOTES: usize = 270;
const PHOTOS: usize = 40;
/// Repeats of the cheaper measurements (a second or less each).
const RUNS: usize = 5;
/// Repeats of those that copy the whole file more than once.
const SLOW_RUNS: usize = 3;

/// A noisy RGB PNG of 1000 × 350–680 pixels, stored without compression: 1.05–2.04 MB, a valid
/// image the size of a phone photo (whose JPEG data does not compress either).
fn photo(seed: u64) -> Vec<u8> {
    let (width, height) = (1000u32, 350 + u32::try_from(seed * 97 % 331).unwrap());
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut data = Vec::with_capacity((width * height * 3) as usize + 8);
    while data.len() < (width * height * 3) as usize {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        data.extend_from_slice(&state.to_le_bytes());
    }
    data.truncate((width * height * 3) as usize);
    let mut out = Vec::with_capacity(data.len() + 64 * 1024);
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::NoCompression);
        encoder.write_header().unwrap().write_image_data(&data).unwrap();
    }
    out
}

const WORDS: [&str; 12] = [
    "Sprachförderung",
    "Übergang",
    "Kita",
    "Ehrenamt",
    "Ausbildungsplätze",
    "Elternarbeit",
    "Beratung",
    "Wohnraum",
    "Jugendhilfe",
    "Netzwerk",
    "Anerkennung",
    "Mobilität",
];

/// `<name>_ms_median` and `<name>_ms_max` of the samples.
fn figures(report: &mut serde_json::Map<String, Value>, name: &str, mut samples: Vec<f64>) {
    samples.sort_by(f64::total_cmp);
    report.insert(format!("{name}_ms_median"), json!(samples[samples.len() / 2]));
    report.insert(format!("{name}_ms_max"), json!(samples[samples.len() - 1]));
}

fn file_len(path: impl AsRef<Path>) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Removes the automatic backups (every measured call may add one of the whole file), so the
/// disk does not fill up; keeps the newest when `keep_newest`, so the next start of the day is
/// not its first.
fn clear_backups(app: &Cafehost, keep_newest: bool) {
    for backup in app.backups().list().unwrap().into_iter().skip(usize::from(keep_newest)) {
        std::fs::remove_file(backup.path).unwrap();
    }
}

/// Builds the process through the app, as the moderator would; returns a workshop of it.
fn build(app: &Cafehost) -> (cafehost_core::WorkshopId, usize) {
    let organisations = ["AWO", "Caritas", "Diakonie", "Jobcenter", "VHS", "Stadt Kerpen", "Kreisjugendamt", "DRK"];
    let mut photo_bytes = 0;
    let mut first = None;
    for w in 0..WORKSHOPS {
        let workshop = app
            .setup()
            .create_workshop(&NewWorkshop {
                title: format!("Werkstatt {} – Integration vor Ort", w + 1),
                process_title: Some("Integrationskonzept Rhein-Erft".into()),
            })
            .unwrap();
        first.get_or_insert(workshop.id);
        let people: Vec<_> = (0..PEOPLE)
            .map(|p| {
                let input = ParticipantInput {
                    first_name: format!("Jürgen{p}"),
                    last_name: format!("Öztürk-Straßer{w}"),
                    organisation: organisations[p % organisations.len()].into(),
                    ..ParticipantInput::default()
                };
                app.people().add_participant(workshop.id, &input).unwrap()
            })
            .collect();
        let mut tables = Vec::new();
        for (t, host) in people.iter().take(TABLES).enumerate() {
            let table = app.setup().add_table(workshop.id).unwrap();
            let input = TableInput {
                topic: format!("Thema {} – {}", t + 1, WORDS[t % WORDS.len()]),
                host_id: Some(host.id),
                ..table.input
            };
            tables.push(app.setup().update_table(table.id, &input).unwrap().id);
        }
        let plan = app.seating().plan_rotation(workshop.id, PlanOptions::default()).unwrap();
        assert_eq!(plan.quality.unwrap().unseated, 0);
        let rounds: Vec<_> = app.setup().workshop_setup(workshop.id).unwrap().rounds.iter().map(|r| r.id).collect();
        for n in 0..NOTES {
            let table = tables[n % TABLES];
            let round = rounds[(n / TABLES) % rounds.len()];
            // The last note of each table is its summary.
            let kind = if n >= NOTES - TABLES { NoteKind::TableSummary } else { NoteKind::Note };
            let input = NoteInput {
                text: format!(
                    "Wir brauchen mehr {} und {} im Kreis; das gelingt nur gemeinsam (Beitrag {n}).",
                    WORDS[n % WORDS.len()],
                    WORDS[(n / 5) % WORDS.len()]
                ),
                tags: vec![WORDS[n % WORDS.len()].to_owned()],
                author: format!("Anna Müller{}", n % TABLES),
            };
            app.notes().add_note(workshop.id, Some(table), Some(round), kind, &input).unwrap();
        }
        for p in 0..PHOTOS {
            let bytes = photo((w * PHOTOS + p) as u64);
            photo_bytes += bytes.len();
            let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
            let (table, round) = (tables[p % TABLES], rounds[p % rounds.len()]);
            app.notes()
                .add_attachment(workshop.id, Some(table), Some(round), &format!("foto-{p}.png"), &encoded)
                .unwrap();
        }
    }
    (first.unwrap(), photo_bytes)
}

#[allow(clippy::too_many_lines)]
fn main() {
    let out = std::env::args().skip_while(|a| a != "--out").nth(1);
    let bench_start = Instant::now();
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let stick = root.path().join("stick");
    let mut report = serde_json::Map::new();

    let app = Cafehost::open(&data).unwrap();
    let setup_start = Instant::now();
    let (workshop, photo_bytes) = build(&app);
    let setup_seconds = setup_start.elapsed().as_secs_f64();
    assert!(app.fold_journal_when_idle(Duration::ZERO).unwrap());
    let database = data.join(DATABASE_FILE);
    report.insert("workshops".into(), json!(WORKSHOPS));
    report.insert("participants".into(), json!(WORKSHOPS * PEOPLE));
    report.insert("notes".into(), json!(WORKSHOPS * NOTES));
    report.insert("photos".into(), json!(WORKSHOPS * PHOTOS));
    report.insert("photo_bytes_total".into(), json!(photo_bytes));
    report.insert("database_bytes".into(), json!(file_len(&database)));
    report.insert("database_mib".into(), json!(file_len(&database) as f64 / 1_048_576.0));
    report.insert("setup_seconds".into(), json!(setup_seconds));
    report.insert("runs".into(), json!(RUNS));
    report.insert("slow_runs".into(), json!(SLOW_RUNS));

    // 1. The full check (integrity_check and foreign_key_check).
    let samples = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            assert_eq!(app.settings().check().unwrap(), None);
            ms(t)
        })
        .collect();
    figures(&mut report, "check", samples);

    // 2. A backup to a chosen file, its preview, and restoring it (which first backs up the
    // state before automatically).
    let saved = stick.join("sicherung-0.db");
    let mut samples = Vec::new();
    for i in 0..RUNS {
        let path = stick.join(format!("sicherung-{i}.db"));
        let t = Instant::now();
        let file = app.backups().save(Some(&path)).unwrap();
        samples.push(ms(t));
        report.insert("backup_bytes".into(), json!(file.bytes));
        if i > 0 {
            std::fs::remove_file(path).unwrap();
        }
    }
    figures(&mut report, "backup_save", samples);
    let samples = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let preview = app.backups().preview(&saved).unwrap();
            let elapsed = ms(t);
            assert_eq!(preview.photos as usize, WORKSHOPS * PHOTOS);
            elapsed
        })
        .collect();
    figures(&mut report, "backup_preview", samples);
    let samples = (0..SLOW_RUNS)
        .map(|_| {
            let t = Instant::now();
            let restored = app.backups().restore(&saved).unwrap();
            let elapsed = ms(t);
            assert_eq!(restored.notes as usize, WORKSHOPS * NOTES);
            clear_backups(&app, false);
            elapsed
        })
        .collect();
    figures(&mut report, "backup_restore", samples);

    // 3. An automatic backup, as before every bulk change.
    let samples = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let made = app.backups().before(BackupReason::Import).unwrap().unwrap();
            let elapsed = ms(t);
            report.insert("automatic_backup_bytes".into(), json!(made.bytes));
            clear_backups(&app, true);
            elapsed
        })
        .collect();
    figures(&mut report, "automatic_backup", samples);

    // 4. Opening the data folder: as on any start (today's backup is there), at the first start
    // of a day (the daily backup is made), and after a crash (a journal left beside the file).
    drop(app);
    let samples = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let app = Cafehost::open(&data).unwrap();
            let elapsed = ms(t);
            assert_eq!(app.backups().list().unwrap().len(), 1, "no daily backup: one was made today");
            elapsed
        })
        .collect();
    figures(&mut report, "open", samples);
    let samples = (0..SLOW_RUNS)
        .map(|_| {
            for backup in std::fs::read_dir(data.join("backups")).unwrap() {
                std::fs::remove_file(backup.unwrap().path()).unwrap();
            }
            let t = Instant::now();
            let app = Cafehost::open(&data).unwrap();
            let elapsed = ms(t);
            assert_eq!(app.backups().list().unwrap().len(), 1, "the day's first start backs up");
            elapsed
        })
        .collect();
    figures(&mut report, "open_first_of_day", samples);
    let app = Cafehost::open(&data).unwrap();
    let today = app.backups().list().unwrap().remove(0);
    let samples = (0..SLOW_RUNS)
        .map(|i| {
            // A note written, then the power goes: the database and its journal as they are.
            let input = NoteInput { text: format!("Kurz vor dem Absturz {i}"), ..NoteInput::default() };
            app.notes().add_note(workshop, None, None, NoteKind::Note, &input).unwrap();
            let crashed = root.path().join(format!("crashed-{i}"));
            std::fs::create_dir_all(crashed.join("backups")).unwrap();
            for suffix in ["", "-wal", "-shm"] {
                std::fs::copy(
                    format!("{}{suffix}", database.display()),
                    crashed.join(format!("{DATABASE_FILE}{suffix}")),
                )
                .unwrap();
            }
            assert!(file_len(crashed.join(format!("{DATABASE_FILE}-wal"))) > 0);
            // Today's backup is there (a hard link: no copy needed), so no daily backup is timed.
            std::fs::hard_link(&today.path, crashed.join("backups").join(Path::new(&today.path).file_name().unwrap()))
                .unwrap();
            let t = Instant::now();
            let reopened = Cafehost::open(&crashed).unwrap();
            let elapsed = ms(t);
            assert_eq!(reopened.backups().list().unwrap().len(), 1);
            drop(reopened);
            std::fs::remove_dir_all(&crashed).unwrap();
            elapsed
        })
        .collect();
    figures(&mut report, "open_after_crash", samples);

    // 5. The whole process as a bundle: exported, imported on an empty laptop, and imported again
    // where it came from (everything known; an automatic backup first).
    let bundle = stick.join("prozess.cafehost");
    let samples: Vec<f64> = (0..SLOW_RUNS)
        .map(|i| {
            let path: PathBuf = stick.join(format!("prozess-{i}.cafehost"));
            let t = Instant::now();
            let file = app.bundles().export_bundle(workshop, true, Some(path.clone())).unwrap();
            let elapsed = ms(t);
            report.insert("bundle_bytes".into(), json!(file.bytes));
            std::fs::rename(path, &bundle).unwrap();
            elapsed
        })
        .collect();
    figures(&mut report, "bundle_export", samples);
    let samples = (0..SLOW_RUNS)
        .map(|i| {
            let elsewhere = root.path().join(format!("other-laptop-{i}"));
            let other = Cafehost::open(&elsewhere).unwrap();
            let t = Instant::now();
            let outcome = other.bundles().import_bundle(&bundle).unwrap();
            let elapsed = ms(t);
            assert_eq!(outcome.workshops_added as usize, WORKSHOPS);
            assert_eq!(outcome.photos_added as usize, WORKSHOPS * PHOTOS);
            drop(other);
            std::fs::remove_dir_all(elsewhere).unwrap();
            elapsed
        })
        .collect();
    figures(&mut report, "bundle_import_new", samples);
    let samples = (0..SLOW_RUNS)
        .map(|_| {
            let t = Instant::now();
            let outcome = app.bundles().import_bundle(&bundle).unwrap();
            let elapsed = ms(t);
            assert_eq!((outcome.workshops_known as usize, outcome.notes_added), (WORKSHOPS, 0));
            clear_backups(&app, true);
            elapsed
        })
        .collect();
    figures(&mut report, "bundle_import_known", samples);

    report.insert("peak_rss_mib".into(), json!(peak_rss_kib().map(|k| k as f64 / 1024.0)));
    report.insert("bench_seconds".into(), json!(bench_start.elapsed().as_secs_f64()));
    let text = serde_json::to_string_pretty(&Value::Object(report)).unwrap();
    println!("{text}");
    if let Some(path) = out {
        std::fs::write(path, text).unwrap();
    }
}
