//! The participant import of a ~20 MB CSV (20,000 rows, the most accepted), in three steps:
//! `app_preview` (the app layer alone, as the CLI calls it), and `preview` and `import` through
//! the IPC surface as the desktop shell drives it: the call's JSON is parsed into a value
//! (Tauri), copied (the shell hands `dispatch` its own value), dispatched, and the result turned
//! into JSON for the window. Each step runs in its own process, so the peak memory (`VmHWM`) is
//! that step's own; it counts the request as the shell holds it. Prints one JSON report; the
//! bound is 200 MiB a step.
//!
//! Run in release: `cargo bench -p cafehost-ipc --bench csv-bench [-- --out FILE]`.

#![allow(clippy::unwrap_used, missing_docs, clippy::cast_precision_loss)]

use std::fmt::Write as _;
use std::process::Command;
use std::time::Instant;

use base64::Engine as _;

use cafehost_app::Cafehost;
use cafehost_core::NewWorkshop;
use cafehost_core::import::ImportOptions;
use cafehost_ipc::dispatch;
use serde_json::{Value, json};

/// The most memory one step may take.
const BOUND_MIB: f64 = 200.0;

/// Rows of a registration export: the usual columns and four free-text answers, about 1 KB a
/// row, so that 20,000 rows (the most accepted) make about 20 MB.
fn csv() -> Vec<u8> {
    let organisations = ["AWO", "Caritas", "Diakonie", "Jobcenter", "VHS", "Stadt Kerpen", "Kreisjugendamt", "DRK"];
    let answer: String = "Bitte vegetarisch, Anreise mit dem Bus; kommt etwa zehn Minuten später. "
        .repeat(3)
        .chars()
        .take(199)
        .collect();
    let mut text = String::from(
        "Vorname;Nachname;Träger;Kommune;Funktion;E-Mail;Telefon;Straße;PLZ;Ort;Essen;\
         Wünsche;Anreise;Anmerkungen;Erfahrungen\n",
    );
    for i in 0..20_000 {
        let _ = writeln!(
            text,
            "Vorname{i};Müller-Lüdenscheidt{i};{};Bergheim;Sachbearbeitung Integration und Teilhabe;person{i}@beispiel.de;\
             +49 2271 {i:06};Hauptstraße {};50126;Bergheim;vegetarisch;\"{answer}\";\"{answer}\";\"{answer}\";\"{answer}\"",
            organisations[i % organisations.len()],
            i % 200,
        );
    }
    text.into_bytes()
}

/// The process's peak memory (`VmHWM`) or, with `"VmRSS:"`, its memory now, in MiB.
fn memory_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: u64 = status.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()?;
    Some((kib as f64 / 1024.0 * 10.0).round() / 10.0)
}

fn peak_rss_mib() -> Option<f64> {
    memory_mib("VmHWM:")
}

/// Starts counting the peak afresh from the memory in use now (Linux: `clear_refs` 5), so that
/// building the test file does not count.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The file as the window sends it (base64), as JSON.
fn file_argument(bytes: &[u8]) -> (&'static str, String) {
    ("base64", serde_json::to_string(&base64::engine::general_purpose::STANDARD.encode(bytes)).unwrap())
}

/// One call as the shell makes it: the window's JSON text is parsed into a value (Tauri), the
/// shell hands `dispatch` a copy, and the answer goes back as JSON text.
fn call(app: &cafehost_ipc::Ipc, command: &str, body: String) -> String {
    let parsed: Value = serde_json::from_str(&body).unwrap();
    drop(body);
    let result = dispatch(app, command, parsed.clone()).unwrap();
    serde_json::to_string(&result).unwrap()
}

fn step(name: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let app = cafehost_ipc::Ipc::new(Cafehost::open(dir.path()).unwrap());
    let w = app.setup().create_workshop(&NewWorkshop { title: "Bench".into(), process_title: None }).unwrap();
    let bytes = csv();
    let csv_bytes = bytes.len();
    if name == "app_preview" {
        // The app layer alone, without the IPC's JSON: what the CLI takes.
        reset_peak();
        let before = memory_mib("VmRSS:");
        let started = Instant::now();
        let checked = app.people().preview_import(w.id, &bytes, None, ImportOptions::default()).unwrap();
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(checked.decision.importable, 20_000);
        return json!({
            "step": name,
            "csv_bytes": csv_bytes,
            "rows": 20_000,
            "seconds": (seconds * 1000.0).round() / 1000.0,
            "rss_mib_before_call": before,
            "peak_rss_mib": peak_rss_mib(),
        });
    }
    let (key, file) = file_argument(&bytes);
    drop(bytes);
    let body = format!(
        r#"{{"workshop":"{}","{key}":{file},"mapping":null,"options":{{"skip_invalid":false,"include_duplicates":false}}}}"#,
        w.id
    );
    drop(file);
    reset_peak();
    let before = memory_mib("VmRSS:");
    let command = if name == "preview" { "preview_import" } else { "import_participants" };
    let started = Instant::now();
    let answer = call(&app, command, body);
    let seconds = started.elapsed().as_secs_f64();
    json!({
        "step": name,
        "csv_bytes": csv_bytes,
        "rows": 20_000,
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "answer_bytes": answer.len(),
        "rss_mib_before_call": before,
        "peak_rss_mib": peak_rss_mib(),
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--step") {
        println!("{}", step(&args[i + 1]));
        return;
    }
    let out = args.iter().skip_while(|a| *a != "--out").nth(1);
    let exe = std::env::current_exe().unwrap();
    let steps: Vec<Value> = ["app_preview", "preview", "import"]
        .iter()
        .map(|name| {
            let output = Command::new(&exe).args(["--step", name]).output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            serde_json::from_slice(&output.stdout).unwrap()
        })
        .collect();
    let within = steps.iter().all(|s| s["peak_rss_mib"].as_f64().is_some_and(|mib| mib < BOUND_MIB));
    let text = serde_json::to_string_pretty(&json!({ "steps": steps, "bound_mib": BOUND_MIB, "within_bound": within }))
        .unwrap();
    println!("{text}");
    if let Some(path) = out {
        std::fs::write(path, &text).unwrap();
    }
}
