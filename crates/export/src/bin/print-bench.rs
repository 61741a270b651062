//! Times the four printables for a workshop of 160 participants at 20 tables of 8 over 4 rounds
//! and prints one JSON line per document (`document`, `pages`, `bytes`, `seconds`), then the
//! process's peak memory (`VmHWM` from `/proc/self/status`). Run it in release mode:
//! `cargo run --release -p cafehost-export --bin print-bench [-- --out DIR]`; with `--out` the
//! PDFs are also written to DIR for a look.

// A benchmark measures time and writes its report; the export library itself does neither.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

use cafehost_core::Language;
use cafehost_export::{PrintOptions, Printable, render};

/// Counts the page objects of a PDF written by krilla (`/Type/Page` without the `s`).
fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1).filter(|w| w.starts_with(needle) && w[needle.len()] != b's').count()
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        if arg == "--out" {
            out = args.next().map(PathBuf::from);
        }
    }
    let (setup, seats) = common::workshop(160, 20, 4);
    // The one timetable of the workshop, as the app builds it (agenda with the default welcome
    // and harvest, from the start time).
    let schedule = common::timetable(&setup);
    let started = Instant::now();
    let mut runs = vec![(Printable::TableCards, PrintOptions::default(), "table-cards")];
    runs.push((Printable::TableCards, PrintOptions { tent: true, ..PrintOptions::default() }, "table-cards-tent"));
    runs.extend(
        [Printable::RouteCards, Printable::Seating, Printable::SignIn]
            .into_iter()
            .map(|p| (p, PrintOptions::default(), p.name())),
    );
    for (document, options, name) in runs {
        let t = Instant::now();
        let pdf = render(document, &setup, &seats, &schedule, Language::De, options).expect("renders");
        let seconds = t.elapsed().as_secs_f64();
        println!(
            "{{\"document\": \"{name}\", \"pages\": {}, \"bytes\": {}, \"seconds\": {seconds:.3}}}",
            page_count(&pdf),
            pdf.len()
        );
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).expect("output folder");
            std::fs::write(dir.join(format!("{name}.pdf")), &pdf).expect("write");
        }
    }
    println!(
        "{{\"total_seconds\": {:.3}, \"peak_rss_kib\": {}}}",
        started.elapsed().as_secs_f64(),
        peak_rss_kib().map_or_else(|| "null".to_owned(), |k| k.to_string())
    );
}
