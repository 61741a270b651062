//! Figures for the foundation, as a JSON report: importing a 1,000-row CSV (preview and commit),
//! opening the database, and loading a workshop of 1,000 participants for the setup screens.
//! Run with `cargo bench -p cafehost-app --bench foundation [-- --out FILE]`.

#![allow(clippy::unwrap_used, missing_docs, clippy::cast_precision_loss)]

use std::fmt::Write as _;
use std::time::Instant;

use cafehost_app::Cafehost;
use cafehost_core::NewWorkshop;
use cafehost_core::import::ImportOptions;
use serde_json::json;

mod support;
use support::peak_rss_kib;

fn csv(rows: usize) -> Vec<u8> {
    let organisations = ["AWO", "Caritas", "Diakonie", "Jobcenter", "VHS", "Stadt Kerpen", "Kreisjugendamt", "DRK"];
    let mut text = String::from("Vorname;Nachname;Träger;Kommune;E-Mail\n");
    for i in 0..rows {
        let _ = writeln!(
            text,
            "Vorname{i};Müller-Lüdenscheidt{i};{};Bergheim;person{i}@beispiel.de",
            organisations[i % organisations.len()]
        );
    }
    text.into_bytes()
}

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let out = std::env::args().skip_while(|a| a != "--out").nth(1);
    let bytes = csv(1_000);
    let runs = 5;
    let (mut preview_ms, mut import_ms, mut open_ms, mut load_ms) = (vec![], vec![], vec![], vec![]);
    for _ in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        let app = Cafehost::open(dir.path()).unwrap();
        let w = app.setup().create_workshop(&NewWorkshop { title: "Bench".into(), process_title: None }).unwrap();
        let t = Instant::now();
        let preview = app.people().preview_import(w.id, &bytes, None, ImportOptions::default()).unwrap().preview;
        preview_ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(preview.rows.len(), 1_000);
        let t = Instant::now();
        let outcome = app.people().import_participants(w.id, &bytes, None, ImportOptions::default()).unwrap();
        import_ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(outcome.imported, 1_000);
        drop(app);
        let t = Instant::now();
        let app = Cafehost::open(dir.path()).unwrap();
        open_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let setup = app.setup().workshop_setup(w.id).unwrap();
        load_ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(setup.participants.len(), 1_000);
    }
    let report = json!({
        "runs": runs,
        "csv_rows": 1_000,
        "csv_bytes": bytes.len(),
        "import_preview_ms_median": median_ms(preview_ms),
        "import_commit_ms_median": median_ms(import_ms),
        "open_database_ms_median": median_ms(open_ms),
        "load_setup_1000_participants_ms_median": median_ms(load_ms),
        "peak_rss_mib": peak_rss_kib().map(|k| k as f64 / 1024.0),
    });
    let text = serde_json::to_string_pretty(&report).unwrap();
    println!("{text}");
    if let Some(path) = out {
        std::fs::write(path, &text).unwrap();
    }
}
