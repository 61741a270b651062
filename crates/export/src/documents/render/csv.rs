//! Notes and statements as CSV for spreadsheets (German Excel: semicolons, UTF-8 with BOM).

use std::collections::HashMap;

use crate::common::escape::csv_cell as cell;
use crate::documents::content::{Context, question};
use crate::documents::{DocumentOptions, MinutesInput};

fn write_row(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&line.join(";"));
    out.push_str("\r\n");
}

/// Every note: workshop, table, topic, round, question, kind, text, tags, author.
pub fn notes(input: &MinutesInput) -> String {
    let options = DocumentOptions::default();
    let ctx = Context::new(input, &options, HashMap::new());
    let l = ctx.l;
    let mut out = String::from("\u{feff}");
    write_row(
        &mut out,
        &[
            l.number.to_owned(),
            l.workshop.to_owned(),
            ctx.base.table.to_owned(),
            l.topic.to_owned(),
            ctx.base.round.to_owned(),
            l.question.to_owned(),
            l.kind.to_owned(),
            l.text.to_owned(),
            l.tags.to_owned(),
            l.author.to_owned(),
        ],
    );
    for w in &input.workshops {
        let tables: HashMap<_, _> = w.setup.tables.iter().map(|t| (t.id, t)).collect();
        let rounds: HashMap<_, usize> = w.setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut notes: Vec<_> = w.notes.iter().collect();
        notes.sort_by_key(|n| {
            (
                n.table_id.and_then(|t| tables.get(&t)).map_or(u32::MAX, |t| t.input.number),
                n.round_id.and_then(|r| rounds.get(&r).copied()).unwrap_or(usize::MAX),
                n.kind as u8,
                n.created_at,
            )
        });
        for n in notes {
            let table = n.table_id.and_then(|t| tables.get(&t).copied());
            let round = n.round_id.and_then(|r| rounds.get(&r).copied());
            write_row(
                &mut out,
                &[
                    // The workshop's number in its process, as the documents' sources name it.
                    format!("W{}", w.number),
                    ctx.text(&w.setup.workshop.details.title),
                    table.map(|t| t.input.number.to_string()).unwrap_or_default(),
                    table.map(|t| ctx.text(&t.input.topic)).unwrap_or_default(),
                    round.map(|r| (r + 1).to_string()).unwrap_or_default(),
                    match (table, round) {
                        (Some(t), Some(r)) => ctx.text(question(w, t, r)),
                        _ => String::new(),
                    },
                    l.note_kind(n.kind).to_owned(),
                    ctx.text(&n.text),
                    ctx.text(&n.tags.join(", ")),
                    if n.author.trim().is_empty() { String::new() } else { ctx.person(&n.author) },
                ],
            );
        }
    }
    out
}

/// Every statement: label, level, text, field of action, votes, owner, time frame, status,
/// sources (the notes' places, then the photos, one column each), links, then its plan: start, end (dates as YYYY-MM-DD, which every spreadsheet
/// reads), indicator, baseline, target, resources, and the decision's body, date and reference.
pub fn statements(input: &MinutesInput) -> String {
    let options = DocumentOptions::default();
    let ctx = Context::new(input, &options, HashMap::new());
    let l = ctx.l;
    let mut out = String::from("\u{feff}");
    write_row(
        &mut out,
        &[
            l.number.to_owned(),
            l.level.to_owned(),
            l.statement.to_owned(),
            l.field_of_action.to_owned(),
            l.votes.to_owned(),
            l.owner.to_owned(),
            l.time_frame.to_owned(),
            l.status.to_owned(),
            l.sources.to_owned(),
            l.photo_sources.to_owned(),
            l.links.to_owned(),
            l.start_date.to_owned(),
            l.end_date.to_owned(),
            l.indicator.to_owned(),
            l.baseline.to_owned(),
            l.target.to_owned(),
            l.resources.to_owned(),
            l.decision_body.to_owned(),
            l.decision_date.to_owned(),
            l.decision_reference.to_owned(),
        ],
    );
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    for s in &input.statements {
        let p = &s.plan;
        write_row(
            &mut out,
            &[
                ctx.label(s.id).to_owned(),
                l.level_name(s.level).to_owned(),
                ctx.text(&s.text),
                ctx.text(&s.field_of_action),
                s.votes.to_string(),
                ctx.owner(&s.owner),
                ctx.text(&s.time_frame),
                l.status_name(s.status).to_owned(),
                ctx.note_sources(s),
                ctx.photo_sources(s),
                ctx.links_text(s),
                date(p.start_date),
                date(p.end_date),
                ctx.text(&p.indicator),
                ctx.text(&p.baseline),
                ctx.text(&p.target),
                ctx.text(&p.resources),
                ctx.text(&p.decision_body),
                date(p.decision_date),
                ctx.text(&p.decision_reference),
            ],
        );
    }
    out
}
