//! Figures for the day of the event, as a JSON report, through the same use cases the app calls:
//! planning a 160-person café (20 tables of 9 with hosts, 4 rounds, 12 organisations), re-planning
//! the rounds still to come after 5 walk-ins and 3 departures during round 1, and saving all four
//! printables as PDF. Run with `cargo bench -p cafehost-app --bench event [-- --out FILE]`.

#![allow(clippy::unwrap_used, missing_docs, clippy::cast_precision_loss)]

use std::time::Instant;

use cafehost_app::{Cafehost, PlanOptions, PrintOptions, Printable};
use cafehost_core::run::RunAction;
use cafehost_core::{Attendance, Language, NewWorkshop, ParticipantInput, TableInput};
use serde_json::json;

mod support;
use support::{ms, peak_rss_kib};

fn main() {
    let out = std::env::args().skip_while(|a| a != "--out").nth(1);
    let dir = tempfile::tempdir().unwrap();
    let mut app = Cafehost::open(dir.path()).unwrap();
    app.set_export_dir(dir.path().join("exports"));
    let w = app.setup().create_workshop(&NewWorkshop { title: "Großes Café".into(), process_title: None }).unwrap();
    app.setup().add_round(w.id).unwrap();
    let organisations = 12;
    let people: Vec<_> = (0..160)
        .map(|i| {
            app.people()
                .add_participant(
                    w.id,
                    &ParticipantInput {
                        first_name: format!("Vorname{i}"),
                        last_name: format!("Nachname{i}"),
                        organisation: format!("Träger {}", (i * i) % organisations),
                        ..Default::default()
                    },
                )
                .unwrap()
        })
        .collect();
    for (t, host) in people.iter().take(20).enumerate() {
        let table = app.setup().add_table(w.id).unwrap();
        let input =
            TableInput { capacity: 9, host_id: Some(host.id), topic: format!("Thema {t}"), ..table.input.clone() };
        app.setup().update_table(table.id, &input).unwrap();
    }

    let t = Instant::now();
    let plan = app.seating().plan_rotation(w.id, PlanOptions::default()).unwrap();
    let plan_ms = ms(t);
    let quality = plan.quality.unwrap();

    app.run().run_action(w.id, RunAction::NextRound).unwrap();
    app.run().run_action(w.id, RunAction::Start).unwrap();
    for i in 0..5 {
        app.run()
            .add_walk_in(
                w.id,
                &ParticipantInput {
                    first_name: format!("Spät{i}"),
                    last_name: "Gekommen".into(),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    for p in &people[20..23] {
        app.run().set_attendance(p.id, Attendance::Left).unwrap();
    }
    let t = Instant::now();
    let replanned = app.run().replan_open_rounds(w.id, 1).unwrap();
    let replan_ms = ms(t);
    let moved: u32 = replanned.changes.iter().map(|c| c.moved).sum();

    let mut printables = Vec::new();
    let t_all = Instant::now();
    for document in Printable::ALL {
        let t = Instant::now();
        let saved = app.documents().save_printable(w.id, document, Language::De, PrintOptions::default()).unwrap();
        printables.push(json!({ "document": document, "bytes": saved.bytes, "ms": ms(t) }));
    }
    let print_all_ms = ms(t_all);

    let report = json!({
        "people": 160, "tables": 20, "rounds": 4,
        "plan_ms": plan_ms,
        "plan_repeat_encounters": quality.repeat_encounters,
        "plan_lower_bound": quality.lower_bound,
        "replan_after_5_walk_ins_3_left_ms": replan_ms,
        "replan_people_moved": moved,
        "replan_unseated": replanned.quality.unwrap().unseated,
        "printables": printables,
        "print_all_ms": print_all_ms,
        "peak_rss_mib": peak_rss_kib().map(|k| k as f64 / 1024.0),
    });
    let text = serde_json::to_string_pretty(&report).unwrap();
    println!("{text}");
    if let Some(path) = out {
        std::fs::write(path, &text).unwrap();
    }
}
