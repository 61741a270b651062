//! Capture by phone under the load of a big café, on loopback against a real database file:
//! 40 table hosts each adding 100 notes (one every `--pace-ms`, 2000 by default, as a fast
//! typist would) and 3 photos of 3 MB, while the moderator re-plans (with its automatic backup)
//! and exports the minutes as DOCX every `--moderator-ms` (10 000 by default; 0: back to back);
//! then 160 phones voting at once. Prints one JSON report: notes lost or doubled, note save
//! times (p50, p99, max), photo upload times, the moderator's times, the vote, and the extra
//! memory.
//!
//! `cargo bench -p cafehost-phones --bench phones [-- --pace-ms 2000 --moderator-ms 10000]`

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation
)]

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use cafehost_app::{Cafehost, DocumentKind, ExportFormat, PlanOptions};
use cafehost_core::phone::DotVote;
use cafehost_core::{
    Language, NewWorkshop, Note, ParticipantInput, Source, StatementId, StatementInput, StatementLevel, StatementStatus,
};
use cafehost_phones::PhoneCapture;
use serde_json::json;

const PHONES: usize = 40;
const NOTES_PER_PHONE: usize = 100;
const PHOTOS_PER_PHONE: usize = 3;
const PHOTO_BYTES: usize = 3 * 1024 * 1024;
const VOTERS: usize = 160;

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// A phone photo's size with JPEG's first bytes (the server checks those, not the picture).
fn photo(seed: u8) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..PHOTO_BYTES).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect();
    bytes[..4].copy_from_slice(&[0xFF, 0xD8, 0xFF, 0xE0]);
    bytes
}

fn argument(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[allow(clippy::too_many_lines)]
fn main() {
    let pace = Duration::from_millis(argument("--pace-ms", 2000));
    let moderator_every = Duration::from_millis(argument("--moderator-ms", 10_000));
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(Cafehost::open(dir.path()).unwrap());
    let w = app.setup().create_workshop(&NewWorkshop { title: "Großes Café".into(), process_title: None }).unwrap();
    for _ in 0..PHONES {
        app.setup().add_table(w.id).unwrap();
    }
    for i in 0..VOTERS {
        let input = ParticipantInput {
            first_name: format!("Person{i}"),
            last_name: format!("Nachname{i}"),
            organisation: format!("Organisation {}", i % 17),
            ..ParticipantInput::default()
        };
        app.people().add_participant(w.id, &input).unwrap();
    }
    let statements: Vec<StatementId> = (0..5)
        .map(|i| {
            let input = StatementInput {
                level: StatementLevel::Goal,
                text: format!("Ziel {i}"),
                field_of_action: String::new(),
                votes: 0,
                owner: String::new(),
                time_frame: String::new(),
                status: StatementStatus::Draft,
            };
            app.harvest().add_statement(w.id, &input, &[]).unwrap().id
        })
        .collect();
    app.seating().plan_rotation(w.id, PlanOptions { from_round: 0, seed: 1 }).unwrap();

    let capture = PhoneCapture::default();
    let rss_before = status_kib("VmRSS:");
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let base = capture.start(Arc::clone(&app), w.id, Some(IpAddr::V4(Ipv4Addr::LOCALHOST))).unwrap().address.unwrap();
    let codes: Vec<String> = capture.access(&app, w.id).unwrap().into_iter().map(|a| a.code).collect();

    // The moderator at work meanwhile: re-planning (with its automatic backup) and exporting.
    let done = Arc::new(AtomicBool::new(false));
    let moderator = {
        let (app, done) = (Arc::clone(&app), Arc::clone(&done));
        std::thread::spawn(move || {
            let (mut plan_ms, mut export_ms) = (Vec::new(), Vec::new());
            let mut seed = 2;
            while !done.load(Ordering::SeqCst) {
                let started = Instant::now();
                app.seating().plan_rotation(w.id, PlanOptions { from_round: 0, seed }).unwrap();
                plan_ms.push(started.elapsed().as_secs_f64() * 1000.0);
                seed += 1;
                let exporting = Instant::now();
                app.documents().minutes(w.id, DocumentKind::Minutes, ExportFormat::Docx, Language::De, false).unwrap();
                export_ms.push(exporting.elapsed().as_secs_f64() * 1000.0);
                while !done.load(Ordering::SeqCst) && started.elapsed() < moderator_every {
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
            (plan_ms, export_ms)
        })
    };

    // One photo's bytes for every phone: the simulated phones share this process, and what is
    // measured is the laptop's memory, not theirs.
    let picture = Arc::new(photo(7));
    let started = Instant::now();
    let phones: Vec<_> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let api = format!("{base}/api/t/{code}");
            let picture = Arc::clone(&picture);
            std::thread::spawn(move || {
                let agent = agent();
                let mut note_ms = Vec::new();
                let mut photo_ms = Vec::new();
                let mut failures = 0u32;
                // Spread the phones over the first interval, as hosts do not type in step.
                std::thread::sleep(pace.mul_f64(i as f64 / PHONES as f64));
                for n in 0..NOTES_PER_PHONE {
                    let id = uuid::Uuid::new_v4();
                    let body =
                        json!({ "text": format!("Tisch {i}, Notiz {n}: was am Tisch gesagt wurde") }).to_string();
                    let sent = Instant::now();
                    let ok = agent
                        .put(&format!("{api}/notes/{id}"))
                        .header("Content-Type", "application/json")
                        .send(&body)
                        .is_ok_and(|r| r.status() == 200);
                    note_ms.push(sent.elapsed().as_secs_f64() * 1000.0);
                    failures += u32::from(!ok);
                    if n % (NOTES_PER_PHONE / PHOTOS_PER_PHONE) == NOTES_PER_PHONE / PHOTOS_PER_PHONE / 2
                        && photo_ms.len() < PHOTOS_PER_PHONE
                    {
                        let sent = Instant::now();
                        let ok = agent
                            .put(&format!("{api}/photos/{}?name=tischdecke.jpg", uuid::Uuid::new_v4()))
                            .header("Content-Type", "image/jpeg")
                            .send(&picture[..])
                            .is_ok_and(|r| r.status() == 200);
                        photo_ms.push(sent.elapsed().as_secs_f64() * 1000.0);
                        failures += u32::from(!ok);
                    }
                    std::thread::sleep(pace.saturating_sub(sent.elapsed()));
                }
                (note_ms, photo_ms, failures)
            })
        })
        .collect();
    let mut note_ms = Vec::new();
    let mut photo_ms = Vec::new();
    let mut failures = 0;
    for phone in phones {
        let (n, p, f) = phone.join().unwrap();
        note_ms.extend(n);
        photo_ms.extend(p);
        failures += f;
    }
    let capture_seconds = started.elapsed().as_secs_f64();
    done.store(true, Ordering::SeqCst);
    let (mut plan_ms, mut export_ms) = moderator.join().unwrap();
    plan_ms.sort_by(f64::total_cmp);
    export_ms.sort_by(f64::total_cmp);
    let peak_kib = status_kib("VmHWM:");

    let stored = app.notes().notes(w.id).unwrap();
    let from_phones: Vec<&Note> = stored.iter().filter(|n| n.source == Source::Phone).collect();
    let distinct: HashSet<&str> = from_phones.iter().map(|n| n.text.as_str()).collect();
    let photos_stored = app.notes().attachments(w.id).unwrap().iter().filter(|a| a.source == Source::Phone).count();
    note_ms.sort_by(f64::total_cmp);
    photo_ms.sort_by(f64::total_cmp);

    // 160 phones voting at once.
    capture.open_vote(DotVote { statements: statements.clone(), dots: 3 }).unwrap();
    let vote_started = Instant::now();
    let voters: Vec<_> = (0..VOTERS)
        .map(|i| {
            let (base, statements) = (base.clone(), statements.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let mut first = agent.get(&format!("{base}/api/vote")).call().unwrap();
                let cookie =
                    first.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
                let _ = first.body_mut().read_to_string();
                let pick = statements[i % statements.len()];
                let given = agent
                    .put(&format!("{base}/api/vote"))
                    .header("Content-Type", "application/json")
                    .header("Cookie", &cookie)
                    .send(json!({ "dots": { pick.to_string(): 3 } }).to_string())
                    .unwrap();
                given.status() == 200
            })
        })
        .collect();
    let accepted = voters.into_iter().map(|v| v.join().unwrap()).filter(|ok| *ok).count();
    let vote_seconds = vote_started.elapsed().as_secs_f64();
    let total_votes: u32 = app.phones().ballot_items(w.id).unwrap().iter().map(|i| i.votes).sum();
    capture.stop();

    let report = json!({
        "phones": PHONES,
        "notes_sent": PHONES * NOTES_PER_PHONE,
        "pace_ms": pace.as_millis(),
        "capture_seconds": capture_seconds,
        "requests_failed": failures,
        "notes_stored": from_phones.len(),
        "notes_lost": (PHONES * NOTES_PER_PHONE).saturating_sub(distinct.len()),
        "notes_doubled": from_phones.len() - distinct.len(),
        "note_save_ms": { "p50": percentile(&note_ms, 0.5), "p99": percentile(&note_ms, 0.99), "max": note_ms.last() },
        "photos_sent": photo_ms.len(),
        "photos_stored": photos_stored,
        "photo_upload_ms": { "p50": percentile(&photo_ms, 0.5), "max": photo_ms.last() },
        "moderator": {
            "every_ms": moderator_every.as_millis(),
            "replans_with_backup": plan_ms.len(),
            "replan_ms": { "p50": percentile(&plan_ms, 0.5), "max": plan_ms.last() },
            "docx_exports": export_ms.len(),
            "docx_export_ms": { "p50": percentile(&export_ms, 0.5), "max": export_ms.last() },
        },
        "memory_mib": { "before": rss_before / 1024, "peak": peak_kib / 1024, "extra": peak_kib.saturating_sub(rss_before) / 1024 },
        "vote": { "voters": VOTERS, "accepted": accepted, "seconds": vote_seconds, "dots_counted": total_votes, "dots_expected": VOTERS * 3 },
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
}
