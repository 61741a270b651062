//! The minutes of one or more workshops, chapter by chapter, in the order a reader needs them:
//! a title page (title; organiser, date, time from–to, place, moderation, minute taker, participants
//! by organisation, distribution; process, purpose); first the results and
//! agreements (each workshop's closing summary, then the statements by level: goals, measures,
//! steering, with their sources and links); then per workshop the programme (the whole
//! timetable, where each round's question is printed, once), attendance by organisation (counts;
//! names only with `include_names`), and the tables: each with its host (named once), the
//! questions it asked that differ from the round's, its summary first, then its notes and photos
//! by round; notes and photos of no table under "Plenum".

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use cafehost_core::run::{StepKind, round_times};
use cafehost_core::{Attendance, CafeTable, NoteKind, Participant, ParticipantId, StatementLevel};

use super::context::in_order;
use super::{Block, Context, question, widths_by_content};
use crate::common::text::{clock_span, sort_key};
use crate::documents::{Photo, WorkshopMinutes};

/// The blocks of a minutes document.
pub fn blocks(ctx: &Context<'_>) -> Vec<Block> {
    let mut out = vec![title_page(ctx)];
    results(ctx, &mut out);
    let several = ctx.input.workshops.len() > 1;
    for w in &ctx.input.workshops {
        if several {
            out.push(Block::Heading(1, format!("W{}: {}", w.number, ctx.text(&w.setup.workshop.details.title))));
        }
        programme(ctx, w, &mut out);
        attendance(ctx, w, &mut out);
        tables(ctx, w, &mut out);
    }
    out
}

/// The head of the minutes, as a county office files them: organiser, date, time from–to, place,
/// moderation, minute taker, the participants by organisation with their total, the distribution
/// list, then the process and the purpose (of the first workshop). Lines with nothing to say are
/// left out.
fn title_page(ctx: &Context<'_>) -> Block {
    let input = ctx.input;
    let l = ctx.l;
    let mut lines = Vec::new();
    let mut purpose = String::new();
    if let Some(w) = input.workshops.first() {
        let d = &w.setup.workshop.details;
        let mut line = |label: &str, value: &str, person: bool| {
            let value = value.trim();
            if !value.is_empty() {
                lines.push(format!("{label}: {}", if person { ctx.person(value) } else { ctx.text(value) }));
            }
        };
        line(l.organiser, &d.organiser, false);
        line(l.date, &d.date.map(|date| ctx.base.date(date)).unwrap_or_default(), false);
        let time = match (d.start_time, d.end_time) {
            (Some(a), Some(b)) => clock_span(Some((a, b))),
            (Some(a), None) => a.format("%H:%M").to_string(),
            (None, _) => String::new(),
        };
        line(l.time, &time, false);
        line(l.place, &d.place, false);
        line(l.moderation, &d.moderation, true);
        line(l.minute_taker, &d.minute_taker, true);
        line(l.participants, &participants_line(ctx, w), false);
        // One recipient a line as typed; in the head they stand in one line.
        let distribution: Vec<&str> = d.distribution.lines().map(str::trim).filter(|r| !r.is_empty()).collect();
        line(l.distribution, &distribution.join("; "), false);
        purpose = ctx.text(d.purpose.trim());
    }
    if let Some(p) = input.process_title.as_deref().filter(|p| !p.trim().is_empty()) {
        lines.push(format!("{}: {}", l.process, ctx.text(p.trim())));
    }
    Block::TitlePage { kind: l.minutes.to_owned(), title: ctx.text(&input.title), lines, purpose }
}

/// "5 (AWO Kreisverband 2, Jobcenter 3)": everyone who came (as the attendance table's
/// "present"), by organisation; empty when nobody is checked in.
fn participants_line(ctx: &Context<'_>, w: &WorkshopMinutes) -> String {
    let mut by_organisation: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let came = w.setup.participants.iter().filter(|p| matches!(p.attendance, Attendance::Present | Attendance::Left));
    let mut total = 0;
    for p in came {
        let org = p.input.organisation.trim();
        let (key, name) = if org.is_empty() {
            ("\u{10FFFF}".to_owned(), ctx.base.no_organisation.to_owned())
        } else {
            (sort_key(org), org.to_owned())
        };
        by_organisation.entry(key).or_insert((name, 0)).1 += 1;
        total += 1;
    }
    if total == 0 {
        return String::new();
    }
    let parts: Vec<String> = by_organisation.values().map(|(name, n)| format!("{name} {n}")).collect();
    format!("{total} ({})", parts.join(", "))
}

/// The workshop's timetable: every step (welcome, rounds with their questions, breaks, harvest)
/// with its clock times when the workshop has a start time, and its length.
fn programme(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.programme.to_owned()));
    let rows: Vec<Vec<String>> = w
        .schedule
        .iter()
        .map(|s| {
            let round = s.step.round.map(|r| r as usize);
            let (name, question) = match s.step.kind {
                StepKind::Welcome => (l.welcome.to_owned(), ""),
                StepKind::Round => (
                    round.map_or_else(|| ctx.base.round.to_owned(), |r| format!("{} {}", ctx.base.round, r + 1)),
                    round.and_then(|r| w.setup.rounds.get(r)).map_or("", |r| r.input.question.trim()),
                ),
                StepKind::Break => (l.pause.to_owned(), ""),
                StepKind::Harvest => (l.harvest.to_owned(), ""),
            };
            vec![
                clock_span(s.starts.zip(s.ends)),
                name,
                ctx.text(question),
                format!("{} {}", s.step.minutes, l.minutes_unit),
            ]
        })
        .collect();
    if rows.is_empty() {
        out.push(Block::Quiet("–".to_owned()));
        return;
    }
    out.push(Block::Table {
        widths: vec![14, 18, 58, 10],
        header: vec![l.time.to_owned(), l.step.to_owned(), l.question.to_owned(), l.duration.to_owned()],
        rows,
    });
}

/// Participants by organisation: registered (on the list before the day), present (everyone who
/// came: registered people and walk-ins), of them walk-ins (came without registration) and those
/// who left early, and cancelled (registered, did not come); names only with `include_names`.
/// A walk-in marked as absent was entered by mistake and counts nowhere.
fn attendance(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.attendance.to_owned()));
    let mut groups: BTreeMap<String, (String, Vec<&Participant>)> = BTreeMap::new();
    for p in &w.setup.participants {
        let org = p.input.organisation.trim();
        let (key, name) = if org.is_empty() {
            ("\u{10FFFF}".to_owned(), ctx.base.no_organisation.to_owned())
        } else {
            (sort_key(org), ctx.text(org))
        };
        groups.entry(key).or_insert_with(|| (name, Vec::new())).1.push(p);
    }
    let came = |p: &Participant| matches!(p.attendance, Attendance::Present | Attendance::Left);
    let columns: [&dyn Fn(&Participant) -> bool; 5] =
        [&|p| !p.walk_in, &came, &|p| p.walk_in && came(p), &|p| p.attendance == Attendance::Left, &|p| {
            !p.walk_in && p.attendance == Attendance::Absent
        }];
    let mut rows = Vec::new();
    let mut totals = [0usize; 5];
    for (name, people) in groups.values() {
        let mut row = vec![name.clone()];
        for (total, counts) in totals.iter_mut().zip(columns) {
            let n = people.iter().filter(|p| counts(p)).count();
            *total += n;
            row.push(n.to_string());
        }
        rows.push(row);
    }
    if rows.is_empty() {
        out.push(Block::Quiet("–".to_owned()));
        return;
    }
    rows.push(std::iter::once(l.total.to_owned()).chain(totals.iter().map(ToString::to_string)).collect());
    out.push(Block::Table {
        widths: vec![30, 14, 14, 14, 14, 14],
        header: [l.organisation, l.registered, l.present, l.walk_ins, l.left_early, l.absent]
            .iter()
            .map(|h| (*h).to_owned())
            .collect(),
        rows,
    });
    if ctx.input.include_names {
        out.push(Block::Heading(2, l.names.to_owned()));
        for (name, people) in groups.values() {
            let names: Vec<String> = people
                .iter()
                .filter(|p| p.attendance != Attendance::Absent)
                .map(|p| ctx.person(&p.display_name()))
                .collect();
            if !names.is_empty() {
                out.push(Block::Item { depth: 0, text: format!("{name}: {}", names.join(", ")), meta: String::new() });
            }
        }
    }
}

/// The table host's name as the document shows it.
fn host_name(ctx: &Context<'_>, w: &WorkshopMinutes, table: &CafeTable) -> Option<String> {
    let host: ParticipantId = table.input.host_id?;
    w.setup.participants.iter().find(|p| p.id == host).map(|p| ctx.person(&p.display_name()))
}

/// "#Sprache · Anna Müller": a note's tags and author.
fn note_meta(ctx: &Context<'_>, note: &cafehost_core::Note) -> String {
    let mut parts = Vec::new();
    let tags: Vec<&str> = note.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    if !tags.is_empty() {
        parts.push(tags.iter().map(|t| format!("#{}", ctx.text(t))).collect::<Vec<_>>().join(" "));
    }
    if !note.author.trim().is_empty() {
        parts.push(ctx.person(&note.author));
    }
    parts.join(" · ")
}

/// A photo captioned "Foto, Tisch 1, Runde 1 (tischdecke.png)"; pseudonymised "Foto 2, Tisch 1,
/// Runde 1": a file's name may be a person's (`Tisch3_Mueller.jpg`), so the photo's number in its
/// place stands instead.
fn photo_block(ctx: &Context<'_>, table: Option<&CafeTable>, round: Option<usize>, photo: &Photo) -> Block {
    let number = ctx.photo_number(photo);
    let mut parts =
        vec![if ctx.input.pseudonymise { format!("{} {number}", ctx.l.photo) } else { ctx.l.photo.to_owned() }];
    if let Some(t) = table {
        parts.push(format!("{} {}", ctx.base.table, t.input.number));
    }
    if let Some(r) = round {
        parts.push(format!("{} {}", ctx.base.round, r + 1));
    }
    let name = photo.file_name.trim();
    let caption = if name.is_empty() || ctx.input.pseudonymise {
        parts.join(", ")
    } else {
        format!("{} ({name})", parts.join(", "))
    };
    Block::Photo(ctx.picture(photo), caption)
}

/// The tables: each with its host (named once), the questions it asked that differ from the
/// round's (the round's own are in the programme), its summary first, then its notes and
/// photos by round (headed with the round's clock times); then "Plenum": notes and photos of no
/// table.
fn tables(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block>) {
    let l = ctx.l;
    out.push(Block::Heading(1, l.tables_and_notes.to_owned()));
    if w.setup.tables.is_empty() {
        out.push(Block::Quiet("–".to_owned()));
    }
    let rounds: HashMap<_, usize> = w.setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for table in &w.setup.tables {
        out.push(Block::Heading(2, table_heading(ctx, table)));
        if let Some(host) = host_name(ctx, w, table) {
            out.push(Block::Quiet(format!("{}: {host}", l.host)));
        }
        for (i, round) in w.setup.rounds.iter().enumerate() {
            let own = question(w, table, i);
            if !own.is_empty() && own != round.input.question.trim() {
                out.push(Block::Quiet(format!("{} ({} {}): {}", l.own_question, ctx.base.round, i + 1, ctx.text(own))));
            }
        }
        let mut summaries: Vec<_> =
            w.notes.iter().filter(|n| n.kind == NoteKind::TableSummary && n.table_id == Some(table.id)).collect();
        summaries.sort_by_key(|n| n.round_id.and_then(|r| rounds.get(&r).copied()).unwrap_or(usize::MAX));
        let summarised = !summaries.is_empty();
        if summarised {
            out.push(Block::Heading(3, l.table_summary.to_owned()));
        }
        for n in summaries {
            out.push(Block::Paragraph(ctx.text(n.text.trim())));
            let mut meta = Vec::new();
            if let Some(i) = n.round_id.and_then(|r| rounds.get(&r)) {
                meta.push(format!("{} {}", ctx.base.round, i + 1));
            }
            let note_meta = note_meta(ctx, n);
            if !note_meta.is_empty() {
                meta.push(note_meta);
            }
            if !meta.is_empty() {
                out.push(Block::Quiet(meta.join(" · ")));
            }
        }
        if !table_notes(ctx, w, table, out) && !summarised {
            out.push(Block::Quiet(l.no_notes.to_owned()));
        }
    }
    plenum(ctx, w, out);
}

/// A table's notes and photos by round, notes of no known round last; whether there were any.
fn table_notes(ctx: &Context<'_>, w: &WorkshopMinutes, table: &CafeTable, out: &mut Vec<Block>) -> bool {
    let times = round_times(&w.schedule);
    let notes: Vec<_> = w.notes.iter().filter(|n| n.kind == NoteKind::Note && n.table_id == Some(table.id)).collect();
    let photos: Vec<&Photo> = w.photos.iter().filter(|p| p.table_id == Some(table.id)).collect();
    let mut slots: Vec<(Option<usize>, Option<cafehost_core::RoundId>)> =
        w.setup.rounds.iter().enumerate().map(|(i, r)| (Some(i), Some(r.id))).collect();
    slots.push((None, None));
    let known_round = |r: Option<cafehost_core::RoundId>| r.is_some_and(|r| w.setup.rounds.iter().any(|x| x.id == r));
    let mut any = false;
    for (index, round) in slots {
        let in_slot = |r: Option<cafehost_core::RoundId>| if round.is_some() { r == round } else { !known_round(r) };
        let ns: Vec<_> = notes.iter().filter(|n| in_slot(n.round_id)).collect();
        let ps = in_order(photos.iter().copied().filter(|p| in_slot(p.round_id)).collect());
        if ns.is_empty() && ps.is_empty() {
            continue;
        }
        any = true;
        match index {
            Some(i) => {
                let time = clock_span(times.get(i).copied().flatten());
                out.push(Block::Heading(
                    3,
                    if time.is_empty() {
                        format!("{} {}", ctx.base.round, i + 1)
                    } else {
                        format!("{} {} · {time}", ctx.base.round, i + 1)
                    },
                ));
            }
            None => out.push(Block::Heading(3, ctx.l.without_round.to_owned())),
        }
        for n in ns {
            out.push(Block::Item { depth: 0, text: ctx.text(n.text.trim()), meta: note_meta(ctx, n) });
        }
        for p in ps {
            out.push(photo_block(ctx, Some(table), index, p));
        }
    }
    any
}

/// Notes and photos of no table (the plenary, the welcome, the harvest): "Plenum".
fn plenum(ctx: &Context<'_>, w: &WorkshopMinutes, out: &mut Vec<Block>) {
    let known_table = |t: Option<cafehost_core::TableId>| t.is_some_and(|t| w.setup.tables.iter().any(|x| x.id == t));
    let rounds: HashMap<_, usize> = w.setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let notes: Vec<_> = w.notes.iter().filter(|n| n.kind == NoteKind::Note && !known_table(n.table_id)).collect();
    let photos = in_order(w.photos.iter().filter(|p| !known_table(p.table_id)).collect());
    if notes.is_empty() && photos.is_empty() {
        return;
    }
    out.push(Block::Heading(2, ctx.l.plenum.to_owned()));
    for n in notes {
        out.push(Block::Item { depth: 0, text: ctx.text(n.text.trim()), meta: note_meta(ctx, n) });
    }
    for p in photos {
        let round = p.round_id.and_then(|r| rounds.get(&r).copied());
        out.push(photo_block(ctx, None, round, p));
    }
}

/// Results and agreements, first: each workshop's closing summary, then the statements by level
/// (goals, measures, steering), each level a table whose statement cell also holds its sources
/// and links, so the table has room.
fn results(ctx: &Context<'_>, out: &mut Vec<Block>) {
    let input = ctx.input;
    let l = ctx.l;
    out.push(Block::Heading(1, l.results.to_owned()));
    let several = input.workshops.len() > 1;
    for w in &input.workshops {
        let closing: Vec<_> = w.notes.iter().filter(|n| n.kind == NoteKind::WorkshopSummary).collect();
        if closing.is_empty() {
            continue;
        }
        out.push(Block::Heading(
            2,
            if several { format!("{} (W{})", l.workshop_summary, w.number) } else { l.workshop_summary.to_owned() },
        ));
        for n in closing {
            out.push(Block::Paragraph(ctx.text(n.text.trim())));
            let meta = note_meta(ctx, n);
            if !meta.is_empty() {
                out.push(Block::Quiet(meta));
            }
        }
    }
    if input.statements.is_empty() {
        out.push(Block::Quiet(l.no_statements.to_owned()));
    }
    for level in [StatementLevel::Goal, StatementLevel::Measure, StatementLevel::Steering] {
        let rows: Vec<Vec<String>> = input
            .statements
            .iter()
            .filter(|s| s.level == level)
            .map(|s| {
                let mut statement = ctx.text(s.text.trim());
                let sources = ctx.sources(s);
                if !sources.is_empty() {
                    let _ = write!(statement, "\n{}: {sources}", l.sources);
                }
                let links = ctx.links_text(s);
                if !links.is_empty() {
                    let _ = write!(statement, "\n{}: {links}", l.links);
                }
                vec![
                    ctx.label(s.id).to_owned(),
                    statement,
                    ctx.text(s.field_of_action.trim()),
                    s.votes.to_string(),
                    ctx.owner(s.owner.trim()),
                    ctx.text(s.time_frame.trim()),
                    l.status_name(s.status).to_owned(),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push(Block::Heading(2, l.level_plural(level).to_owned()));
        let header: Vec<String> = [l.number, l.statement, l.field_of_action, l.votes, l.owner, l.time_frame, l.status]
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        out.push(Block::Table { widths: widths_by_content(&header, &rows), header, rows });
    }
}

/// "Tisch 1: Sprache & Kita".
fn table_heading(ctx: &Context<'_>, table: &CafeTable) -> String {
    let topic = table.input.topic.trim();
    if topic.is_empty() {
        format!("{} {}", ctx.base.table, table.input.number)
    } else {
        format!("{} {}: {}", ctx.base.table, table.input.number, ctx.text(topic))
    }
}
