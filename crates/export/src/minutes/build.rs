//! The content of a minutes document or concept draft as a list of blocks, which each format
//! renders in its own way.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use cafehost_core::{
    Attendance, CafeTable, NoteId, NoteKind, Participant, ParticipantId, Statement, StatementId, StatementLevel,
};
use chrono::{Duration, NaiveTime};

use super::labels::MinutesLabels;
use super::{DocumentKind, MinutesInput, Photo, WorkshopMinutes};
use crate::labels::Labels;
use crate::sort_key;

/// A document: its title (for metadata) and its blocks in reading order.
pub struct Doc<'a> {
    /// "Protokoll – Arbeit und Übergang".
    pub title: String,
    /// The content.
    pub blocks: Vec<Block<'a>>,
}

/// One piece of content.
pub enum Block<'a> {
    /// The title page; what follows starts on a new page.
    TitlePage {
        /// "Protokoll".
        kind: String,
        /// The workshop's or process's title.
        title: String,
        /// Date, place, process, one per line.
        lines: Vec<String>,
        /// The purpose, when known.
        purpose: String,
    },
    /// A heading of level 1 to 3.
    Heading(u8, String),
    /// A paragraph of text (may contain line breaks).
    Paragraph(String),
    /// Secondary text: a question, who wrote a note, sources.
    Quiet(String),
    /// A list item at a depth (0 or 1), with secondary text after it.
    Item {
        /// 0 or 1.
        depth: u8,
        /// The text.
        text: String,
        /// Tags, author, sources; may be empty.
        meta: String,
    },
    /// A table with a header row; `widths` are relative column widths.
    Table {
        /// Relative widths, one per column.
        widths: Vec<u16>,
        /// Column headers.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
    /// A photo with a caption.
    Photo(&'a Photo, String),
}

/// "A. M." for "Anna Müller".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a note was taken, for source references.
struct Origin {
    workshop: usize,
    table: Option<u32>,
    round: Option<usize>,
    kind: NoteKind,
}

/// Lookups shared by all parts of a document.
pub struct Context<'a> {
    pub input: &'a MinutesInput,
    pub l: &'static MinutesLabels,
    pub base: &'static Labels,
    origins: HashMap<NoteId, Origin>,
    numbers: HashMap<StatementId, String>,
    links: HashMap<StatementId, Vec<StatementId>>,
}

impl<'a> Context<'a> {
    pub fn new(input: &'a MinutesInput) -> Self {
        let mut origins = HashMap::new();
        for (w, workshop) in input.workshops.iter().enumerate() {
            let tables: HashMap<_, u32> = workshop.setup.tables.iter().map(|t| (t.id, t.input.number)).collect();
            let rounds: HashMap<_, usize> = workshop.setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
            for note in &workshop.notes {
                origins.insert(
                    note.id,
                    Origin {
                        workshop: w,
                        table: note.table_id.and_then(|t| tables.get(&t).copied()),
                        round: note.round_id.and_then(|r| rounds.get(&r).copied()),
                        kind: note.kind,
                    },
                );
            }
        }
        let l = MinutesLabels::of(input.language);
        let mut numbers = HashMap::new();
        let mut counts = [0u32; 3];
        for s in &input.statements {
            let slot = match s.level {
                StatementLevel::Goal => 0,
                StatementLevel::Measure => 1,
                StatementLevel::Steering => 2,
            };
            counts[slot] += 1;
            numbers.insert(s.id, format!("{}{}", l.level_prefix(s.level), counts[slot]));
        }
        let mut links: HashMap<StatementId, Vec<StatementId>> = HashMap::new();
        for s in &input.statements {
            for other in &s.linked_statement_ids {
                if numbers.contains_key(other) {
                    links.entry(s.id).or_default().push(*other);
                    links.entry(*other).or_default().push(s.id);
                }
            }
        }
        for list in links.values_mut() {
            let mut seen = HashSet::new();
            list.retain(|id| seen.insert(*id));
        }
        Self { input, l, base: Labels::of(input.language), origins, numbers, links }
    }

    /// A person's name as the document shows it (initials when pseudonymised).
    pub fn person(&self, name: &str) -> String {
        if self.input.pseudonymise { initials(name) } else { name.trim().to_owned() }
    }

    /// "Z3".
    pub fn number(&self, statement: StatementId) -> &str {
        self.numbers.get(&statement).map_or("", String::as_str)
    }

    /// The statements linked to `statement` (either direction).
    pub fn linked(&self, statement: StatementId) -> &[StatementId] {
        self.links.get(&statement).map_or(&[], Vec::as_slice)
    }

    /// "Z1, M2": the numbers of the linked statements.
    pub fn links_text(&self, statement: &Statement) -> String {
        let mut numbers: Vec<&str> = self.linked(statement.id).iter().map(|id| self.number(*id)).collect();
        numbers.sort_by_key(|n| (n.chars().next(), n.get(1..).and_then(|d| d.parse::<u32>().ok())));
        numbers.join(", ")
    }

    /// "W1 / Tisch 3 / Runde 2; W2 / Tisch 1 / Runde 1": where the statement's notes were taken.
    pub fn sources(&self, statement: &Statement) -> String {
        let several = self.input.workshops.len() > 1;
        let mut known: Vec<(usize, u32, usize, String)> = Vec::new();
        let mut elsewhere = 0;
        for note in &statement.source_note_ids {
            let Some(o) = self.origins.get(note) else {
                elsewhere += 1;
                continue;
            };
            let mut parts = Vec::new();
            if several {
                parts.push(format!("W{}", o.workshop + 1));
            }
            if let Some(t) = o.table {
                parts.push(format!("{} {t}", self.base.table));
            }
            if let Some(r) = o.round {
                parts.push(format!("{} {}", self.base.round, r + 1));
            }
            if o.kind == NoteKind::WorkshopSummary || parts.is_empty() {
                parts.push(self.l.closing.to_owned());
            }
            let key = (o.workshop, o.table.unwrap_or(u32::MAX), o.round.unwrap_or(usize::MAX), parts.join(" / "));
            if !known.contains(&key) {
                known.push(key);
            }
        }
        known.sort();
        let mut out: Vec<String> = known.into_iter().map(|k| k.3).collect();
        if elsewhere > 0 {
            out.push(format!("{} ({elsewhere})", self.l.other_workshops));
        }
        out.join("; ")
    }

    /// "Stimmen: 5 · Verantwortlich: Jugendamt · Zeitraum: bis 2027 · Status: Entwurf".
    pub fn statement_meta(&self, s: &Statement) -> String {
        let mut parts = vec![format!("{}: {}", self.l.votes, s.votes)];
        if !s.owner.trim().is_empty() {
            parts.push(format!("{}: {}", self.l.owner, s.owner.trim()));
        }
        if !s.time_frame.trim().is_empty() {
            parts.push(format!("{}: {}", self.l.time_frame, s.time_frame.trim()));
        }
        parts.push(format!("{}: {}", self.l.status, self.l.status_name(s.status)));
        let sources = self.sources(s);
        if !sources.is_empty() {
            parts.push(format!("{}: {sources}", self.l.sources));
        }
        parts.join(" · ")
    }
}

/// Start and end of each round, when the workshop has a start time.
pub fn round_times(workshop: &WorkshopMinutes) -> Vec<Option<(NaiveTime, NaiveTime)>> {
    let mut clock = workshop.setup.workshop.details.start_time;
    workshop
        .setup
        .rounds
        .iter()
        .map(|round| {
            let span = clock.map(|start| (start, start + Duration::minutes(i64::from(round.input.duration_minutes))));
            clock = span.map(|(_, end)| end + Duration::minutes(i64::from(round.input.break_after_minutes)));
            span
        })
        .collect()
}

fn time_text(span: Option<(NaiveTime, NaiveTime)>) -> String {
    span.map(|(a, b)| format!("{}–{}", a.format("%H:%M"), b.format("%H:%M"))).unwrap_or_default()
}

/// The question a table asks in a round: its own, else the round's.
pub fn question<'w>(workshop: &'w WorkshopMinutes, table: &'w CafeTable, round: usize) -> &'w str {
    let Some(r) = workshop.setup.rounds.get(round) else { return "" };
    table
        .input
        .questions
        .iter()
        .find(|q| q.round_id == r.id && !q.text.trim().is_empty())
        .map_or(r.input.question.as_str(), |q| q.text.as_str())
        .trim()
}

fn table_heading(ctx: &Context<'_>, table: &CafeTable) -> String {
    let topic = table.input.topic.trim();
    if topic.is_empty() {
        format!("{} {}", ctx.base.table, table.input.number)
    } else {
        format!("{} {}: {topic}", ctx.base.table, table.input.number)
    }
}

/// The document for the input's kind.
pub fn document(input: &MinutesInput) -> Doc<'_> {
    let ctx = Context::new(input);
    let kind = match input.kind {
        DocumentKind::Minutes => ctx.l.minutes,
        DocumentKind::Concept => ctx.l.concept,
    };
    let blocks = match input.kind {
        DocumentKind::Minutes => minutes(&ctx),
        DocumentKind::Concept => concept(&ctx),
    };
    Doc { title: format!("{kind} – {}", input.title), blocks }
}

fn minutes<'a>(ctx: &Context<'a>) -> Vec<Block<'a>> {
    let input = ctx.input;
    let l = ctx.l;
    let mut out = Vec::new();
    let first = input.workshops.first();
    let mut lines = Vec::new();
    let mut purpose = String::new();
    if let Some(w) = first {
        let d = &w.setup.workshop.details;
        if let Some(date) = d.date {
            let time = d.start_time.map(|t| format!(", {}", t.format("%H:%M"))).unwrap_or_default();
            lines.push(format!("{}: {}{time}", l.date, ctx.base.date(date)));
        }
        if !d.place.trim().is_empty() {
            lines.push(format!("{}: {}", l.place, d.place.trim()));
        }
        d.purpose.trim().clone_into(&mut purpose);
    }
    if let Some(p) = input.process_title.as_deref().filter(|p| !p.trim().is_empty()) {
        lines.push(format!("{}: {}", l.process, p.trim()));
    }
    out.push(Block::TitlePage { kind: l.minutes.to_owned(), title: input.title.clone(), lines, purpose });
    let several = input.workshops.len() > 1;
    for (i, w) in input.workshops.iter().enumerate() {
        if several {
            out.push(Block::Heading(1, format!("W{}: {}", i + 1, w.setup.workshop.details.title)));
        }
        programme(ctx, w, &mut out);
        attendance(ctx, w, &mut out);
        tables_and_questions(ctx, w, &mut out);
        notes(ctx, w, &mut out);
        summaries(ctx, w, &mut out);
    }
    out.push(Block::Heading(1, l.results.to_owned()));
    if input.statements.is_empty() {
        out.push(Block::Quiet(l.no_statements.to_owned()));
    }
    for level in [StatementLevel::Goal, StatementLevel::Measure, StatementLevel::Steering] {
        let rows: Vec<Vec<String>> = input
            .statements
            .iter()
            .filter(|s| s.level == level)
            .map(|s| {
                vec![
                    ctx.number(s.id).to_owned(),
                    s.text.trim().to_owned(),
                    s.field_of_action.trim().to_owned(),
                    s.votes.to_string(),
                    s.owner.trim().to_owned(),
                    s.time_frame.trim().to_owned(),
                    l.status_name(s.status).to_owned(),
                    ctx.sources(s),
                    ctx.links_text(s),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push(Block::Heading(2, l.level_plural(level).to_owned()));
        out.push(Block::Table {
            widths: vec![5, 23, 13, 8, 14, 9, 9, 12, 7],
            header: [
                l.number,
                l.statement,
                l.field_of_action,
                l.votes,
                l.owner,
                l.time_frame,
                l.status,
                l.sources,
                l.links,
            ]
            .iter()
            .map(|h| (*h).to_owned())
            .collect(),
            rows,
        });
    }
    out
}

fn programme(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block<'_>>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.programme.to_owned()));
    let times = round_times(w);
    let rows: Vec<Vec<String>> = w
        .setup
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                time_text(times.get(i).copied().flatten()),
                format!("{} {}", ctx.base.round, i + 1),
                r.input.question.trim().to_owned(),
                format!("{} {}", r.input.duration_minutes, l.minutes_unit),
            ]
        })
        .collect();
    if rows.is_empty() {
        out.push(Block::Quiet("–".to_owned()));
        return;
    }
    out.push(Block::Table {
        widths: vec![14, 10, 62, 10],
        header: vec![l.time.to_owned(), ctx.base.round.to_owned(), l.question.to_owned(), l.duration.to_owned()],
        rows,
    });
}

fn attendance(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block<'_>>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.attendance.to_owned()));
    let mut groups: BTreeMap<String, (String, Vec<&Participant>)> = BTreeMap::new();
    for p in &w.setup.participants {
        let org = p.input.organisation.trim();
        let (key, name) =
            if org.is_empty() { ("\u{10FFFF}".to_owned(), ctx.base.no_organisation) } else { (sort_key(org), org) };
        groups.entry(key).or_insert_with(|| (name.to_owned(), Vec::new())).1.push(p);
    }
    let count = |people: &[&Participant], f: fn(Attendance) -> bool| people.iter().filter(|p| f(p.attendance)).count();
    let present = |a: Attendance| matches!(a, Attendance::Present | Attendance::Left);
    let absent = |a: Attendance| a == Attendance::Absent;
    let mut rows = Vec::new();
    let mut totals = [0usize; 3];
    for (name, people) in groups.values() {
        let c = [people.len(), count(people, present), count(people, absent)];
        for (t, n) in totals.iter_mut().zip(c) {
            *t += n;
        }
        rows.push(vec![name.clone(), c[0].to_string(), c[1].to_string(), c[2].to_string()]);
    }
    if rows.is_empty() {
        out.push(Block::Quiet("–".to_owned()));
        return;
    }
    rows.push(vec![l.total.to_owned(), totals[0].to_string(), totals[1].to_string(), totals[2].to_string()]);
    out.push(Block::Table {
        widths: vec![52, 16, 16, 16],
        header: vec![l.organisation.to_owned(), l.registered.to_owned(), l.present.to_owned(), l.absent.to_owned()],
        rows,
    });
    if ctx.input.include_names {
        out.push(Block::Heading(2, l.names.to_owned()));
        for (name, people) in groups.values() {
            let names: Vec<String> =
                people.iter().filter(|p| !absent(p.attendance)).map(|p| ctx.person(&p.display_name())).collect();
            if !names.is_empty() {
                out.push(Block::Item { depth: 0, text: format!("{name}: {}", names.join(", ")), meta: String::new() });
            }
        }
    }
}

fn host_name(ctx: &Context<'_>, w: &WorkshopMinutes, table: &CafeTable) -> Option<String> {
    let host: ParticipantId = table.input.host_id?;
    w.setup.participants.iter().find(|p| p.id == host).map(|p| ctx.person(&p.display_name()))
}

fn tables_and_questions(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block<'_>>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.tables_and_questions.to_owned()));
    if w.setup.tables.is_empty() {
        out.push(Block::Quiet("–".to_owned()));
    }
    for table in &w.setup.tables {
        out.push(Block::Heading(2, table_heading(ctx, table)));
        if let Some(host) = host_name(ctx, w, table) {
            out.push(Block::Quiet(format!("{}: {host}", l.host)));
        }
        for i in 0..w.setup.rounds.len() {
            let q = question(w, table, i);
            if !q.is_empty() {
                out.push(Block::Item {
                    depth: 0,
                    text: format!("{} {}: {q}", ctx.base.round, i + 1),
                    meta: String::new(),
                });
            }
        }
    }
}

fn note_meta(ctx: &Context<'_>, note: &cafehost_core::Note) -> String {
    let mut parts = Vec::new();
    let tags: Vec<&str> = note.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    if !tags.is_empty() {
        parts.push(tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
    }
    if !note.author.trim().is_empty() {
        parts.push(ctx.person(&note.author));
    }
    parts.join(" · ")
}

fn photo_caption(ctx: &Context<'_>, table: Option<&CafeTable>, round: Option<usize>, photo: &Photo) -> String {
    let mut parts = vec![ctx.l.photo.to_owned()];
    if let Some(t) = table {
        parts.push(format!("{} {}", ctx.base.table, t.input.number));
    }
    if let Some(r) = round {
        parts.push(format!("{} {}", ctx.base.round, r + 1));
    }
    let name = photo.file_name.trim();
    if name.is_empty() { parts.join(", ") } else { format!("{} ({name})", parts.join(", ")) }
}

fn notes<'a>(ctx: &Context<'a>, w: &'a WorkshopMinutes, out: &mut Vec<Block<'a>>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.notes.to_owned()));
    let times = round_times(w);
    let is_note = |n: &&cafehost_core::Note| n.kind == NoteKind::Note;
    let mut any = false;
    for table in &w.setup.tables {
        let table_notes: Vec<_> = w.notes.iter().filter(is_note).filter(|n| n.table_id == Some(table.id)).collect();
        let table_photos: Vec<&Photo> = w.photos.iter().filter(|p| p.table_id == Some(table.id)).collect();
        if table_notes.is_empty() && table_photos.is_empty() {
            continue;
        }
        any = true;
        out.push(Block::Heading(2, table_heading(ctx, table)));
        let mut slots: Vec<(Option<usize>, Option<cafehost_core::RoundId>)> =
            w.setup.rounds.iter().enumerate().map(|(i, r)| (Some(i), Some(r.id))).collect();
        slots.push((None, None));
        let known_round =
            |r: Option<cafehost_core::RoundId>| r.is_some_and(|r| w.setup.rounds.iter().any(|x| x.id == r));
        for (index, round) in slots {
            let in_slot =
                |r: Option<cafehost_core::RoundId>| if round.is_some() { r == round } else { !known_round(r) };
            let ns: Vec<_> = table_notes.iter().filter(|n| in_slot(n.round_id)).collect();
            let ps: Vec<&&Photo> = table_photos.iter().filter(|p| in_slot(p.round_id)).collect();
            if ns.is_empty() && ps.is_empty() {
                continue;
            }
            match index {
                Some(i) => {
                    let time = time_text(times.get(i).copied().flatten());
                    let heading = if time.is_empty() {
                        format!("{} {}", ctx.base.round, i + 1)
                    } else {
                        format!("{} {} · {time}", ctx.base.round, i + 1)
                    };
                    out.push(Block::Heading(3, heading));
                    let q = question(w, table, i);
                    if !q.is_empty() {
                        out.push(Block::Quiet(format!("{}: {q}", l.question)));
                    }
                }
                None => out.push(Block::Heading(3, l.without_round.to_owned())),
            }
            for n in ns {
                out.push(Block::Item { depth: 0, text: n.text.trim().to_owned(), meta: note_meta(ctx, n) });
            }
            for p in ps {
                out.push(Block::Photo(p, photo_caption(ctx, Some(table), index, p)));
            }
        }
    }
    let known_table = |t: Option<cafehost_core::TableId>| t.is_some_and(|t| w.setup.tables.iter().any(|x| x.id == t));
    let loose: Vec<_> = w.notes.iter().filter(is_note).filter(|n| !known_table(n.table_id)).collect();
    let loose_photos: Vec<&Photo> = w.photos.iter().filter(|p| !known_table(p.table_id)).collect();
    if !loose.is_empty() || !loose_photos.is_empty() {
        any = true;
        out.push(Block::Heading(2, l.without_table.to_owned()));
        for n in loose {
            out.push(Block::Item { depth: 0, text: n.text.trim().to_owned(), meta: note_meta(ctx, n) });
        }
        for p in loose_photos {
            out.push(Block::Photo(p, photo_caption(ctx, None, None, p)));
        }
    }
    if !any {
        out.push(Block::Quiet(l.no_notes.to_owned()));
    }
}

fn summaries(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block<'_>>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.summaries.to_owned()));
    let rounds: HashMap<_, usize> = w.setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut any = false;
    for table in &w.setup.tables {
        let mut ns: Vec<_> =
            w.notes.iter().filter(|n| n.kind == NoteKind::TableSummary && n.table_id == Some(table.id)).collect();
        if ns.is_empty() {
            continue;
        }
        ns.sort_by_key(|n| n.round_id.and_then(|r| rounds.get(&r).copied()).unwrap_or(usize::MAX));
        any = true;
        out.push(Block::Heading(2, table_heading(ctx, table)));
        for n in ns {
            if let Some(i) = n.round_id.and_then(|r| rounds.get(&r)) {
                out.push(Block::Heading(3, format!("{} {}", ctx.base.round, i + 1)));
            }
            out.push(Block::Paragraph(n.text.trim().to_owned()));
            let meta = note_meta(ctx, n);
            if !meta.is_empty() {
                out.push(Block::Quiet(meta));
            }
        }
    }
    let closing: Vec<_> = w.notes.iter().filter(|n| n.kind == NoteKind::WorkshopSummary).collect();
    if !closing.is_empty() {
        any = true;
        out.push(Block::Heading(2, l.workshop_summary.to_owned()));
        for n in closing {
            out.push(Block::Paragraph(n.text.trim().to_owned()));
            let meta = note_meta(ctx, n);
            if !meta.is_empty() {
                out.push(Block::Quiet(meta));
            }
        }
    }
    if !any {
        out.push(Block::Quiet("–".to_owned()));
    }
}

#[allow(clippy::too_many_lines)] // one section after the other
fn concept<'a>(ctx: &Context<'a>) -> Vec<Block<'a>> {
    let input = ctx.input;
    let l = ctx.l;
    let mut out = Vec::new();
    let mut lines = Vec::new();
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
    lines.push(from);
    let description = input.process_description.trim();
    out.push(Block::TitlePage {
        kind: l.concept.to_owned(),
        title: input.title.clone(),
        lines,
        purpose: description.to_owned(),
    });
    let purposes: Vec<(usize, &WorkshopMinutes)> = input
        .workshops
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.setup.workshop.details.purpose.trim().is_empty())
        .collect();
    if !description.is_empty() || !purposes.is_empty() {
        out.push(Block::Heading(1, l.background.to_owned()));
        if !description.is_empty() {
            out.push(Block::Paragraph(description.to_owned()));
        }
        for (i, w) in purposes {
            let d = &w.setup.workshop.details;
            out.push(Block::Item {
                depth: 0,
                text: format!("W{} {}: {}", i + 1, d.title.trim(), d.purpose.trim()),
                meta: String::new(),
            });
        }
    }
    let by_id: HashMap<StatementId, &Statement> = input.statements.iter().map(|s| (s.id, s)).collect();
    let linked_of = |s: &Statement, level: StatementLevel| -> Vec<&Statement> {
        ctx.linked(s.id).iter().filter_map(|id| by_id.get(id).copied()).filter(|o| o.level == level).collect()
    };
    let mut fields: BTreeMap<(bool, String), String> = BTreeMap::new();
    for s in &input.statements {
        let f = s.field_of_action.trim();
        fields.entry((f.is_empty(), sort_key(f))).or_insert_with(|| f.to_owned());
    }
    if input.statements.is_empty() {
        out.push(Block::Heading(1, l.fields_of_action.to_owned()));
        out.push(Block::Quiet(l.no_statements.to_owned()));
    }
    let item = |depth: u8, s: &Statement| Block::Item {
        depth,
        text: format!("{} {}", ctx.number(s.id), s.text.trim()),
        meta: ctx.statement_meta(s),
    };
    for ((_, key), name) in &fields {
        let in_field = |s: &&Statement| sort_key(s.field_of_action.trim()) == *key;
        let heading = if name.is_empty() { l.no_field.to_owned() } else { format!("{}: {name}", l.field_of_action) };
        out.push(Block::Heading(1, heading));
        let goals: Vec<&Statement> =
            input.statements.iter().filter(in_field).filter(|s| s.level == StatementLevel::Goal).collect();
        for goal in &goals {
            out.push(Block::Heading(2, format!("{} {}", ctx.number(goal.id), goal.text.trim())));
            out.push(Block::Quiet(ctx.statement_meta(goal)));
            let measures = linked_of(goal, StatementLevel::Measure);
            let steering = linked_of(goal, StatementLevel::Steering);
            if !measures.is_empty() {
                out.push(Block::Heading(3, l.measures.to_owned()));
            }
            for m in measures {
                out.push(item(0, m));
                for s in linked_of(m, StatementLevel::Steering) {
                    out.push(item(1, s));
                }
            }
            if !steering.is_empty() {
                out.push(Block::Heading(3, l.steering.to_owned()));
                for s in steering {
                    out.push(item(0, s));
                }
            }
        }
        let loose_measures: Vec<&Statement> = input
            .statements
            .iter()
            .filter(in_field)
            .filter(|s| s.level == StatementLevel::Measure && linked_of(s, StatementLevel::Goal).is_empty())
            .collect();
        if !loose_measures.is_empty() {
            out.push(Block::Heading(2, l.further_measures.to_owned()));
            for m in loose_measures {
                out.push(item(0, m));
                for s in linked_of(m, StatementLevel::Steering) {
                    out.push(item(1, s));
                }
            }
        }
        let loose_steering: Vec<&Statement> = input
            .statements
            .iter()
            .filter(in_field)
            .filter(|s| {
                s.level == StatementLevel::Steering
                    && linked_of(s, StatementLevel::Goal).is_empty()
                    && linked_of(s, StatementLevel::Measure).is_empty()
            })
            .collect();
        if !loose_steering.is_empty() {
            out.push(Block::Heading(2, l.further_steering.to_owned()));
            for s in loose_steering {
                out.push(item(0, s));
            }
        }
    }
    out.push(Block::Heading(1, l.annex_workshops.to_owned()));
    let rows: Vec<Vec<String>> = input
        .workshops
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let d = &w.setup.workshop.details;
            let present = w.setup.participants.iter().filter(|p| p.attendance != Attendance::Absent).count();
            vec![
                format!("W{}", i + 1),
                d.title.trim().to_owned(),
                d.date.map(|x| ctx.base.date(x)).unwrap_or_default(),
                d.place.trim().to_owned(),
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
    out
}
