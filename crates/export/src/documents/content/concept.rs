//! The concept draft of a process, chapter by chapter: a title page (how many workshops, when),
//! the purpose (the process's description and the workshops' purposes), then per field of action
//! the goals, under each its measures with their steering, then the measures and steering linked
//! to no goal, each statement with its sources; last an annex listing the workshops.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use cafehost_core::{Attendance, Statement, StatementId, StatementLevel};

use super::{Block, Context};
use crate::common::text::sort_key;
use crate::documents::WorkshopMinutes;

/// The blocks of a concept draft.
pub fn blocks(ctx: &Context<'_>) -> Vec<Block> {
    let mut out = vec![title_page(ctx)];
    background(ctx, &mut out);
    fields_of_action(ctx, &mut out);
    annex(ctx, &mut out);
    out
}

/// The process's title, "Aus den Ergebnissen von 2 Workshops (12. Mai 2026 – 3. Juni 2026)" and
/// the process's description.
fn title_page(ctx: &Context<'_>) -> Block {
    let input = ctx.input;
    let l = ctx.l;
    let dates: Vec<_> = input.workshops.iter().filter_map(|w| w.setup.workshop.details.date).collect();
    let count = input.workshops.len();
    let mut from = format!("{} {count} {}", l.from_workshops, if count == 1 { "Workshop" } else { "Workshops" });
    if let (Some(a), Some(b)) = (dates.iter().min(), dates.iter().max()) {
        if a == b {
            let _ = write!(from, " ({})", ctx.base.date(*a));
        } else {
            let _ = write!(from, " ({} – {})", ctx.base.date(*a), ctx.base.date(*b));
        }
    }
    Block::TitlePage {
        kind: l.concept.to_owned(),
        title: ctx.text(&input.title),
        lines: vec![from],
        purpose: ctx.text(input.process_description.trim()),
    }
}

/// Purpose: the process's description and each workshop's purpose; left out when neither is
/// known.
fn background(ctx: &Context<'_>, out: &mut Vec<Block>) {
    let input = ctx.input;
    let description = input.process_description.trim();
    let purposes: Vec<&WorkshopMinutes> =
        input.workshops.iter().filter(|w| !w.setup.workshop.details.purpose.trim().is_empty()).collect();
    if description.is_empty() && purposes.is_empty() {
        return;
    }
    out.push(Block::Heading(1, ctx.l.background.to_owned()));
    if !description.is_empty() {
        out.push(Block::Paragraph(ctx.text(description)));
    }
    for w in purposes {
        let d = &w.setup.workshop.details;
        out.push(Block::Item {
            depth: 0,
            text: format!("W{} {}: {}", w.number, ctx.text(d.title.trim()), ctx.text(d.purpose.trim())),
            meta: String::new(),
        });
    }
}

/// The statements and their links, to find what hangs under a goal or a measure.
struct Statements<'c, 'a> {
    ctx: &'c Context<'a>,
    by_id: HashMap<StatementId, &'a Statement>,
}

impl<'a> Statements<'_, 'a> {
    /// The statements of `level` linked to `s` (either direction).
    fn linked(&self, s: &Statement, level: StatementLevel) -> Vec<&'a Statement> {
        self.ctx.linked(s.id).iter().filter_map(|id| self.by_id.get(id).copied()).filter(|o| o.level == level).collect()
    }

    /// "M1 Sprachkurse …" as a list item with its votes, owner, status and sources.
    fn item(&self, depth: u8, s: &Statement) -> Block {
        Block::Item {
            depth,
            text: format!("{} {}", self.ctx.number(s.id), self.ctx.text(s.text.trim())),
            meta: self.ctx.statement_meta(s),
        }
    }

    /// A measure and, one level down, the steering linked to it.
    fn measure(&self, m: &Statement, out: &mut Vec<Block>) {
        out.push(self.item(0, m));
        for s in self.linked(m, StatementLevel::Steering) {
            out.push(self.item(1, s));
        }
    }
}

/// One chapter per field of action (those without one last), in the order of their names.
fn fields_of_action(ctx: &Context<'_>, out: &mut Vec<Block>) {
    let input = ctx.input;
    let l = ctx.l;
    let all = Statements { ctx, by_id: input.statements.iter().map(|s| (s.id, s)).collect() };
    let mut fields: BTreeMap<(bool, String), String> = BTreeMap::new();
    for s in &input.statements {
        let f = s.field_of_action.trim();
        fields.entry((f.is_empty(), sort_key(f))).or_insert_with(|| ctx.text(f));
    }
    if input.statements.is_empty() {
        out.push(Block::Heading(1, l.fields_of_action.to_owned()));
        out.push(Block::Quiet(l.no_statements.to_owned()));
    }
    for ((_, key), name) in &fields {
        let heading = if name.is_empty() { l.no_field.to_owned() } else { format!("{}: {name}", l.field_of_action) };
        out.push(Block::Heading(1, heading));
        let in_field: Vec<&Statement> =
            input.statements.iter().filter(|s| sort_key(s.field_of_action.trim()) == *key).collect();
        goals(&all, &in_field, out);
        further_measures(&all, &in_field, out);
        further_steering(&all, &in_field, out);
    }
}

/// Each goal of a field with its sources, the measures linked to it (each with its steering)
/// and the steering linked to it directly.
fn goals(all: &Statements<'_, '_>, in_field: &[&Statement], out: &mut Vec<Block>) {
    let (ctx, l) = (all.ctx, all.ctx.l);
    for goal in in_field.iter().filter(|s| s.level == StatementLevel::Goal) {
        out.push(Block::Heading(2, format!("{} {}", ctx.number(goal.id), ctx.text(goal.text.trim()))));
        out.push(Block::Quiet(ctx.statement_meta(goal)));
        let measures = all.linked(goal, StatementLevel::Measure);
        let steering = all.linked(goal, StatementLevel::Steering);
        if !measures.is_empty() {
            out.push(Block::Heading(3, l.measures.to_owned()));
        }
        for m in measures {
            all.measure(m, out);
        }
        if !steering.is_empty() {
            out.push(Block::Heading(3, l.steering.to_owned()));
            for s in steering {
                out.push(all.item(0, s));
            }
        }
    }
}

/// The measures of a field linked to no goal, each with its steering.
fn further_measures(all: &Statements<'_, '_>, in_field: &[&Statement], out: &mut Vec<Block>) {
    let loose: Vec<&&Statement> = in_field
        .iter()
        .filter(|s| s.level == StatementLevel::Measure && all.linked(s, StatementLevel::Goal).is_empty())
        .collect();
    if loose.is_empty() {
        return;
    }
    out.push(Block::Heading(2, all.ctx.l.further_measures.to_owned()));
    for m in loose {
        all.measure(m, out);
    }
}

/// The steering of a field linked to neither a goal nor a measure.
fn further_steering(all: &Statements<'_, '_>, in_field: &[&Statement], out: &mut Vec<Block>) {
    let loose: Vec<&&Statement> = in_field
        .iter()
        .filter(|s| {
            s.level == StatementLevel::Steering
                && all.linked(s, StatementLevel::Goal).is_empty()
                && all.linked(s, StatementLevel::Measure).is_empty()
        })
        .collect();
    if loose.is_empty() {
        return;
    }
    out.push(Block::Heading(2, all.ctx.l.further_steering.to_owned()));
    for s in loose {
        out.push(all.item(0, s));
    }
}

/// The annex: every workshop with its date, place, tables and people present.
fn annex(ctx: &Context<'_>, out: &mut Vec<Block>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.annex_workshops.to_owned()));
    let rows: Vec<Vec<String>> = ctx
        .input
        .workshops
        .iter()
        .map(|w| {
            let d = &w.setup.workshop.details;
            let present = w.setup.participants.iter().filter(|p| p.attendance != Attendance::Absent).count();
            vec![
                format!("W{}", w.number),
                ctx.text(d.title.trim()),
                d.date.map(|x| ctx.base.date(x)).unwrap_or_default(),
                ctx.text(d.place.trim()),
                w.setup.tables.len().to_string(),
                present.to_string(),
            ]
        })
        .collect();
    out.push(Block::Table {
        widths: vec![6, 36, 18, 22, 8, 14],
        header: vec![
            l.number.to_owned(),
            l.workshop.to_owned(),
            l.date.to_owned(),
            l.place.to_owned(),
            l.tables.to_owned(),
            l.participants.to_owned(),
        ],
        rows,
    });
}
