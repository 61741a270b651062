//! The concept draft of a process, chapter by chapter: a title page (how many workshops, when,
//! how many people took part: `cafehost_core::participation`),
//! the guiding vision ("Leitbild"), the purpose (the process's description, printed here only,
//! and the workshops' purposes),
//! then per field of action (in the order given, else as the statements first name them) its
//! starting situation ("Ausgangslage"), its goals, under each the measures that serve it; then
//! the measures serving no goal, then the numbers of its steering. Steering
//! has its own chapter ("Steuerung und Monitoring": each steering statement with its indicator,
//! dates and resources, then the decisions taken on any statement), the measures a plan
//! (number, measure, goals, responsible, from–to, indicator with baseline → target, status); an
//! annex lists the workshops.
//!
//! Each statement is printed in full once, where it first belongs; wherever it comes up again
//! only its label stands ("→ M 2.1.3", the core's `StatementLabels`), so a measure serving two
//! goals, or the steering of a measure, is not repeated. A field of action with nothing of its own to show gets no heading.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use cafehost_core::participation::participation;
use cafehost_core::{Attendance, Participant, Statement, StatementId, StatementLevel};

use super::{Block, Context, widths_by_content};
use crate::common::text::sort_key;
use crate::documents::WorkshopMinutes;

/// The blocks of a concept draft.
pub fn blocks(ctx: &Context<'_>) -> Vec<Block> {
    let mut out = vec![title_page(ctx)];
    vision(ctx, &mut out);
    background(ctx, &mut out);
    let all = Statements::new(ctx);
    fields_of_action(&all, &mut out);
    measure_plan(&all, &mut out);
    monitoring(&all, &mut out);
    annex(ctx, &mut out);
    out
}

/// The process's title, "Aus den Ergebnissen von 2 Workshops (12. Mai 2026 – 3. Juni 2026)",
/// how many people took part ("Beteiligung: 40 Personen in 2 Workshops (davon 12 in
/// mehreren)", each person once however many lists name them) and how many had registered.
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
    let lists: Vec<&[Participant]> = input.workshops.iter().map(|w| w.setup.participants.as_slice()).collect();
    let people = participation(&lists, &input.chosen_people);
    let mut lines = vec![from];
    for (label, tally) in [(l.participation, people.present), (l.registered_people, people.registered)] {
        if tally.people > 0 {
            lines.push(l.participation_line(label, tally.people, people.workshops, tally.in_several));
        }
    }
    Block::TitlePage {
        kind: l.concept.to_owned(),
        title: ctx.text(&input.title),
        lines,
        // The description is the first paragraph of "Anlass und Ziel"; printed once.
        purpose: String::new(),
    }
}

/// The guiding vision, first: what everything after it works towards; left out when not written.
fn vision(ctx: &Context<'_>, out: &mut Vec<Block>) {
    let vision = ctx.input.process_vision.trim();
    if vision.is_empty() {
        return;
    }
    out.push(Block::Heading(1, ctx.l.vision.to_owned()));
    out.push(Block::Paragraph(ctx.text(vision)));
}

/// "1. März 2026 – 31. Dez. 2027" from a plan's dates, "ab …" / "bis …" with one of them, else
/// the time frame as typed.
fn period(ctx: &Context<'_>, s: &Statement) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| ctx.base.date(d));
    match (date(s.plan.start_date), date(s.plan.end_date)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => format!("{} {a}", ctx.l.from_date),
        (None, Some(b)) => format!("{} {b}", ctx.l.until_date),
        (None, None) => ctx.text(s.time_frame.trim()),
    }
}

/// "Elterncafés: 2 → 38": the indicator with its baseline and target, whichever are given.
fn indicator(ctx: &Context<'_>, s: &Statement) -> String {
    let (name, from, to) = (s.plan.indicator.trim(), s.plan.baseline.trim(), s.plan.target.trim());
    let values = match (from.is_empty(), to.is_empty()) {
        (false, false) => format!("{} → {}", ctx.text(from), ctx.text(to)),
        (true, false) => format!("→ {}", ctx.text(to)),
        (false, true) => ctx.text(from),
        (true, true) => String::new(),
    };
    match (name.is_empty(), values.is_empty()) {
        (false, false) => format!("{}: {values}", ctx.text(name)),
        (false, true) => ctx.text(name),
        _ => values,
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

/// The statements and their links, to find what hangs under a goal or a measure, and which
/// are printed in full already.
struct Statements<'c, 'a> {
    ctx: &'c Context<'a>,
    by_id: HashMap<StatementId, &'a Statement>,
    /// Printed in full so far (in document order).
    printed: std::cell::RefCell<HashSet<StatementId>>,
}

impl<'c, 'a> Statements<'c, 'a> {
    fn new(ctx: &'c Context<'a>) -> Self {
        Self {
            ctx,
            by_id: ctx.input.statements.iter().map(|s| (s.id, s)).collect(),
            printed: std::cell::RefCell::new(HashSet::new()),
        }
    }

    /// The statements of `level` linked to `s` (either direction), in label order.
    fn linked(&self, s: &Statement, level: StatementLevel) -> Vec<&'a Statement> {
        let mut out: Vec<&'a Statement> = self
            .ctx
            .linked(s.id)
            .iter()
            .filter_map(|id| self.by_id.get(id).copied())
            .filter(|o| o.level == level)
            .collect();
        out.sort_by_key(|o| self.ctx.order(o.id));
        out
    }

    /// The statements of a level, in the order of the input.
    fn of(&self, level: StatementLevel) -> impl Iterator<Item = &'a Statement> + '_ {
        self.ctx.input.statements.iter().filter(move |s| s.level == level)
    }

    /// Marks `s` as printed in full; whether it was not yet.
    fn first_time(&self, s: &Statement) -> bool {
        self.printed.borrow_mut().insert(s.id)
    }

    /// "→ M 2.1.3": a statement printed in full elsewhere.
    fn reference(&self, depth: u8, s: &Statement) -> Block {
        Block::Item { depth, text: format!("{} {}", self.ctx.l.see, self.ctx.label(s.id)), meta: String::new() }
    }

    /// "M1 Sprachkurse …" as a list item with its votes, owner, status and sources, the first
    /// time; its number only after that.
    fn item(&self, depth: u8, s: &Statement) -> Block {
        if !self.first_time(s) {
            return self.reference(depth, s);
        }
        Block::Item {
            depth,
            text: format!("{} {}", self.ctx.label(s.id), self.ctx.text(s.text.trim())),
            meta: self.ctx.statement_meta(s),
        }
    }

    /// A measure, and one level down the numbers of its steering (printed in full under
    /// "Steuerung und Monitoring").
    fn measure(&self, m: &Statement, out: &mut Vec<Block>) {
        let first = !self.printed.borrow().contains(&m.id);
        out.push(self.item(0, m));
        if first {
            let steering: Vec<String> = self
                .linked(m, StatementLevel::Steering)
                .iter()
                .map(|s| format!("{} {}", self.ctx.l.see, self.ctx.label(s.id)))
                .collect();
            if !steering.is_empty() {
                out.push(Block::Item {
                    depth: 1,
                    text: format!("{}: {}", self.ctx.l.steering, steering.join(", ")),
                    meta: String::new(),
                });
            }
        }
    }
}

/// The fields of action: those of `DocumentOptions::field_order` in that order, then the others
/// as the statements first name them (goals come first in the input), no field last; each as
/// (sort key, name as the statements first spell it, else as the situations name it). Keys are
/// sort keys, so "Frühe Bildung" and "frühe bildung" are one field; a field in the order that
/// no statement names and that has no starting situation has no chapter.
fn field_order(ctx: &Context<'_>) -> Vec<(String, String)> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut appearing: Vec<String> = Vec::new();
    let by_statements = ctx.input.statements.iter().map(|s| s.field_of_action.trim());
    let situated =
        ctx.options.field_situations.iter().filter(|(_, text)| !text.trim().is_empty()).map(|(name, _)| name.trim());
    for field in by_statements.chain(situated) {
        if field.is_empty() {
            continue;
        }
        let key = sort_key(field);
        if !names.contains_key(&key) {
            names.insert(key.clone(), ctx.text(field));
            appearing.push(key);
        }
    }
    let given = ctx.options.field_order.iter().map(|f| sort_key(f.trim()));
    let mut seen: HashSet<String> = HashSet::new();
    let mut fields: Vec<(String, String)> = given
        .chain(appearing)
        .filter(|key| names.contains_key(key) && seen.insert(key.clone()))
        .map(|key| {
            let name = names.get(&key).cloned().unwrap_or_default();
            (key, name)
        })
        .collect();
    if ctx.input.statements.iter().any(|s| s.field_of_action.trim().is_empty()) {
        fields.push((String::new(), String::new()));
    }
    fields
}

/// The starting situations given, by the sort key of their field's name (empty ones left out).
fn situations<'o>(ctx: &Context<'o>) -> HashMap<String, &'o str> {
    let mut by_key = HashMap::new();
    for (name, text) in &ctx.options.field_situations {
        if !text.trim().is_empty() {
            by_key.entry(sort_key(name.trim())).or_insert(text.trim());
        }
    }
    by_key
}

/// A starting situation under its heading: its "- " lines as a list, other lines as paragraphs.
fn situation(ctx: &Context<'_>, text: &str, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, ctx.l.situation.to_owned()));
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
            Some(item) => out.push(Block::Item { depth: 0, text: ctx.text(item.trim()), meta: String::new() }),
            None => out.push(Block::Paragraph(ctx.text(line))),
        }
    }
}

/// The labels of a field's steering ("→ S 1.1, → S 1.2"), printed in full under "Steuerung und
/// Monitoring"; steering of a measure of the field stands under that measure already.
fn field_steering(all: &Statements<'_, '_>, in_field: &[&Statement], out: &mut Vec<Block>) {
    let (ctx, l) = (all.ctx, all.ctx.l);
    let measures: HashSet<StatementId> =
        in_field.iter().filter(|s| s.level == StatementLevel::Measure).map(|s| s.id).collect();
    let mut steering: Vec<&&Statement> = in_field
        .iter()
        .filter(|s| s.level == StatementLevel::Steering)
        .filter(|s| !all.linked(s, StatementLevel::Measure).iter().any(|m| measures.contains(&m.id)))
        .collect();
    if steering.is_empty() {
        return;
    }
    steering.sort_by_key(|s| ctx.order(s.id));
    let numbers: Vec<String> = steering.iter().map(|s| format!("{} {}", l.see, ctx.label(s.id))).collect();
    out.push(Block::Heading(2, l.steering.to_owned()));
    out.push(Block::Item { depth: 0, text: numbers.join(", "), meta: String::new() });
}

/// One chapter per field of action (see [`field_order`]): its starting situation, its goals and
/// the measures serving them, then its measures serving no goal, then the numbers of its
/// steering; a field with nothing of its own to print (no situation, and only steering or only
/// statements printed under another field's goal) gets no chapter.
fn fields_of_action(all: &Statements<'_, '_>, out: &mut Vec<Block>) {
    let ctx = all.ctx;
    let l = ctx.l;
    let situations = situations(ctx);
    if ctx.input.statements.is_empty() && situations.is_empty() {
        out.push(Block::Heading(1, l.fields_of_action.to_owned()));
        out.push(Block::Quiet(l.no_statements.to_owned()));
        return;
    }
    for (key, name) in field_order(ctx) {
        let in_field: Vec<&Statement> =
            ctx.input.statements.iter().filter(|s| sort_key(s.field_of_action.trim()) == key).collect();
        let mut chapter = Vec::new();
        goals(all, &in_field, &mut chapter);
        further_measures(all, &in_field, &mut chapter);
        if chapter.is_empty() && !situations.contains_key(&key) {
            continue;
        }
        if !chapter.is_empty() {
            field_steering(all, &in_field, &mut chapter);
        }
        if let Some(text) = situations.get(&key).filter(|_| !key.is_empty()) {
            let mut opening = Vec::new();
            situation(ctx, text, &mut opening);
            chapter.splice(0..0, opening);
        }
        out.push(Block::Heading(
            1,
            if name.is_empty() { l.no_field.to_owned() } else { format!("{}: {name}", l.field_of_action) },
        ));
        out.append(&mut chapter);
    }
}

/// Each goal of a field with its sources and the measures serving it (each with the numbers of
/// its steering).
fn goals(all: &Statements<'_, '_>, in_field: &[&Statement], out: &mut Vec<Block>) {
    let (ctx, l) = (all.ctx, all.ctx.l);
    for goal in in_field.iter().filter(|s| s.level == StatementLevel::Goal) {
        if !all.first_time(goal) {
            continue;
        }
        out.push(Block::Heading(2, format!("{} {}", ctx.label(goal.id), ctx.text(goal.text.trim()))));
        out.push(Block::Quiet(ctx.statement_meta(goal)));
        let measures = all.linked(goal, StatementLevel::Measure);
        if !measures.is_empty() {
            out.push(Block::Heading(3, l.measures.to_owned()));
        }
        for m in measures {
            all.measure(m, out);
        }
    }
}

/// The measures of a field serving no goal, each with the numbers of its steering.
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

/// The measures as a plan: number, measure, the goals it serves, who is responsible, from–to
/// (else the time frame as typed), the indicator with baseline → target, status; by number. An overview of what is printed in full above, as a table.
fn measure_plan(all: &Statements<'_, '_>, out: &mut Vec<Block>) {
    let (ctx, l) = (all.ctx, all.ctx.l);
    let mut measures: Vec<&Statement> = all.of(StatementLevel::Measure).collect();
    if measures.is_empty() {
        return;
    }
    measures.sort_by_key(|m| ctx.order(m.id));
    out.push(Block::Heading(1, l.measure_plan.to_owned()));
    let rows: Vec<Vec<String>> = measures
        .iter()
        .map(|m| {
            let goals: Vec<&str> = all.linked(m, StatementLevel::Goal).iter().map(|g| ctx.label(g.id)).collect();
            vec![
                ctx.label(m.id).to_owned(),
                ctx.text(m.text.trim()),
                goals.join(", "),
                ctx.owner(m.owner.trim()),
                period(ctx, m),
                indicator(ctx, m),
                l.status_name(m.status).to_owned(),
            ]
        })
        .collect();
    let header: Vec<String> =
        [l.number, l.level_name(StatementLevel::Measure), l.goals_column, l.owner, l.time_frame, l.indicator, l.status]
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
    out.push(Block::Table { widths: widths_by_content(&header, &rows), header, rows });
}

/// Steering and monitoring: every steering statement in full (its field of action, votes,
/// owner, status, sources), with the numbers of what it steers and, one level down, its
/// indicator, dates and resources; then the decisions taken on any statement (body, date,
/// reference) as a table.
fn monitoring(all: &Statements<'_, '_>, out: &mut Vec<Block>) {
    let (ctx, l) = (all.ctx, all.ctx.l);
    let steering: Vec<&Statement> = all.of(StatementLevel::Steering).collect();
    let decided: Vec<&Statement> = ctx.input.statements.iter().filter(|s| has_decision(s)).collect();
    if steering.is_empty() && decided.is_empty() {
        return;
    }
    out.push(Block::Heading(1, l.monitoring.to_owned()));
    steering_items(all, &steering, out);
    decisions(ctx, decided, out);
}

fn has_decision(s: &Statement) -> bool {
    let p = &s.plan;
    !p.decision_body.trim().is_empty() || p.decision_date.is_some() || !p.decision_reference.trim().is_empty()
}

/// The decisions taken on statements, by level and number: who decided, when, under which
/// reference.
fn decisions(ctx: &Context<'_>, mut decided: Vec<&Statement>, out: &mut Vec<Block>) {
    if decided.is_empty() {
        return;
    }
    let l = ctx.l;
    decided.sort_by_key(|s| ctx.order(s.id));
    out.push(Block::Heading(2, l.decisions.to_owned()));
    let rows: Vec<Vec<String>> = decided
        .iter()
        .map(|s| {
            vec![
                ctx.label(s.id).to_owned(),
                ctx.text(s.text.trim()),
                ctx.text(s.plan.decision_body.trim()),
                s.plan.decision_date.map(|d| ctx.base.date(d)).unwrap_or_default(),
                ctx.text(s.plan.decision_reference.trim()),
            ]
        })
        .collect();
    let header: Vec<String> = [l.number, l.statement, l.decision_body, l.date, l.decision_reference]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    out.push(Block::Table { widths: widths_by_content(&header, &rows), header, rows });
}

/// Each steering statement in full the first time, its number after that.
fn steering_items(all: &Statements<'_, '_>, steering: &[&Statement], out: &mut Vec<Block>) {
    let (ctx, l) = (all.ctx, all.ctx.l);
    for &s in steering {
        if !all.first_time(s) {
            out.push(all.reference(0, s));
            continue;
        }
        let mut meta = Vec::new();
        let field = s.field_of_action.trim();
        if !field.is_empty() {
            meta.push(format!("{}: {}", l.field_of_action, ctx.text(field)));
        }
        meta.push(ctx.statement_meta(s));
        let steers = ctx.links_text(s);
        if !steers.is_empty() {
            meta.push(format!("{}: {steers}", l.links));
        }
        out.push(Block::Item {
            depth: 0,
            text: format!("{} {}", ctx.label(s.id), ctx.text(s.text.trim())),
            meta: meta.join(" · "),
        });
        let mut plan = Vec::new();
        let measured = indicator(ctx, s);
        if !measured.is_empty() {
            plan.push(format!("{}: {measured}", l.indicator));
        }
        if s.plan.start_date.is_some() || s.plan.end_date.is_some() {
            plan.push(format!("{}: {}", l.time_frame, period(ctx, s)));
        }
        if !s.plan.resources.trim().is_empty() {
            plan.push(format!("{}: {}", l.resources, ctx.text(s.plan.resources.trim())));
        }
        for line in plan {
            out.push(Block::Item { depth: 1, text: line, meta: String::new() });
        }
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
