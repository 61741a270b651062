//! The lookups every chapter needs: the labels, the statements' numbers ("Z3") and links, and
//! where each note was taken, for source references.

use std::collections::{HashMap, HashSet};

use cafehost_core::pseudonym::{Names, initials};
use cafehost_core::{CafeTable, NoteId, NoteKind, Statement, StatementId};

use super::Picture;
use crate::common::labels::Labels;
use crate::documents::labels::MinutesLabels;
use crate::documents::{DocumentOptions, MinutesInput, Photo, WorkshopMinutes};

/// Where a note was taken, for source references.
struct Origin {
    /// The workshop's number in its process (W2).
    workshop: u32,
    table: Option<u32>,
    round: Option<usize>,
    kind: NoteKind,
}

/// Lookups shared by all parts of a document.
pub struct Context<'a> {
    pub input: &'a MinutesInput,
    pub options: &'a DocumentOptions,
    pub l: &'static MinutesLabels,
    pub base: &'static Labels,
    origins: HashMap<NoteId, Origin>,
    numbers: HashMap<StatementId, String>,
    links: HashMap<StatementId, Vec<StatementId>>,
    /// The people whose names a pseudonymised document hides; `None` when it shows them.
    names: Option<Names>,
    /// The photos ready to embed, by their address in the input (none for captions only).
    pictures: HashMap<*const Photo, Picture>,
}

/// Everyone whose name the document may mention: the participants of its workshops (the table
/// hosts among them), and whoever the note authors and statement owners name.
fn known_names(input: &MinutesInput) -> Names {
    let mut names = Names::new();
    for w in &input.workshops {
        for p in &w.setup.participants {
            names.add(&p.input.first_name, &p.input.last_name);
        }
        for n in &w.notes {
            names.learn(&n.author);
        }
    }
    for s in &input.statements {
        names.learn(&s.owner);
    }
    names
}

impl<'a> Context<'a> {
    pub fn new(
        input: &'a MinutesInput,
        options: &'a DocumentOptions,
        pictures: HashMap<*const Photo, Picture>,
    ) -> Self {
        let mut origins = HashMap::new();
        for workshop in &input.workshops {
            let tables: HashMap<_, u32> = workshop.setup.tables.iter().map(|t| (t.id, t.input.number)).collect();
            let rounds: HashMap<_, usize> = workshop.setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
            for note in &workshop.notes {
                origins.insert(
                    note.id,
                    Origin {
                        workshop: workshop.number,
                        table: note.table_id.and_then(|t| tables.get(&t).copied()),
                        round: note.round_id.and_then(|r| rounds.get(&r).copied()),
                        kind: note.kind,
                    },
                );
            }
        }
        let l = MinutesLabels::of(input.language);
        // The stored numbers, so a statement is "Z3" in every document, whatever its votes.
        let numbers: HashMap<StatementId, String> =
            input.statements.iter().map(|s| (s.id, format!("{}{}", l.level_prefix(s.level), s.number))).collect();
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
        let names = input.pseudonymise.then(|| known_names(input));
        Self { input, options, l, base: Labels::of(input.language), origins, numbers, links, names, pictures }
    }

    /// A photo of the input ready to embed; `None` for captions only or when it cannot be shown.
    pub fn picture(&self, photo: &Photo) -> Option<Picture> {
        self.pictures.get(&std::ptr::from_ref(photo)).cloned()
    }

    /// A person's name as the document shows it (initials when pseudonymised).
    pub fn person(&self, name: &str) -> String {
        if self.input.pseudonymise { initials(name) } else { name.trim().to_owned() }
    }

    /// Text typed about the workshop (a note, a topic, a statement …) as the document shows it:
    /// when pseudonymised, with the known people's names as initials.
    pub fn text(&self, text: &str) -> String {
        match &self.names {
            Some(names) => names.hide(text),
            None => text.to_owned(),
        }
    }

    /// A statement's owner, which may itself be a person's name: when pseudonymised, also
    /// whatever reads as one becomes initials ("Lisa Schmitz"; "Jugendamt" stays).
    pub fn owner(&self, text: &str) -> String {
        match &self.names {
            Some(names) => names.hide_owner(text),
            None => text.to_owned(),
        }
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
        let mut known: Vec<(u32, u32, usize, String)> = Vec::new();
        let mut elsewhere = 0;
        for note in &statement.source_note_ids {
            let Some(o) = self.origins.get(note) else {
                elsewhere += 1;
                continue;
            };
            let mut parts = Vec::new();
            if several {
                parts.push(format!("W{}", o.workshop));
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

    /// "Punkte: 5 · Verantwortlich: Jugendamt · Zeitraum: bis 2027 · Status: Entwurf".
    pub fn statement_meta(&self, s: &Statement) -> String {
        let mut parts = vec![format!("{}: {}", self.l.votes, s.votes)];
        if !s.owner.trim().is_empty() {
            parts.push(format!("{}: {}", self.l.owner, self.owner(s.owner.trim())));
        }
        if !s.time_frame.trim().is_empty() {
            parts.push(format!("{}: {}", self.l.time_frame, self.text(s.time_frame.trim())));
        }
        parts.push(format!("{}: {}", self.l.status, self.l.status_name(s.status)));
        let sources = self.sources(s);
        if !sources.is_empty() {
            parts.push(format!("{}: {sources}", self.l.sources));
        }
        parts.join(" · ")
    }
}

/// The question a table asks in a round: its own, else the round's; as typed, so callers pass it
/// through [`Context::text`].
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
