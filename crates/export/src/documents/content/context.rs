//! The lookups every chapter needs: the labels, the statements' labels ("Z 2.1") and links, and
//! where each note was taken, for source references.

use std::collections::{HashMap, HashSet};

use cafehost_core::consolidation::Label;
use cafehost_core::pseudonym::{Names, initials};
use cafehost_core::{AttachmentId, CafeTable, NoteId, NoteKind, RoundId, Statement, StatementId, TableId};

use super::Picture;
use crate::common::labels::Labels;
use crate::common::text::sort_key;
use crate::documents::labels::MinutesLabels;
use crate::documents::{DocumentOptions, MinutesInput, Photo, WorkshopMinutes};

/// Where a photo was taken and how the minutes caption it, for source references.
struct PhotoOrigin {
    /// The workshop's number in its process (W2).
    workshop: u32,
    table: Option<u32>,
    round: Option<usize>,
    /// Its number among the photos of its place, as the minutes number them.
    number: usize,
    file_name: String,
}

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
    photos: HashMap<AttachmentId, PhotoOrigin>,
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
        let mut photos = HashMap::new();
        for workshop in &input.workshops {
            let tables: HashMap<_, u32> = workshop.setup.tables.iter().map(|t| (t.id, t.input.number)).collect();
            let rounds: HashMap<_, usize> = workshop.setup.rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
            for (photo, number) in photo_numbers(workshop) {
                photos.insert(
                    photo.id,
                    PhotoOrigin {
                        workshop: workshop.number,
                        table: photo.table_id.and_then(|t| tables.get(&t).copied()),
                        round: photo.round_id.and_then(|r| rounds.get(&r).copied()),
                        number,
                        file_name: photo.file_name.trim().to_owned(),
                    },
                );
            }
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
        // The core's labels, so a statement is "Z 2.1" in every document and screen.
        let numbers: HashMap<StatementId, String> =
            input.statements.iter().map(|s| (s.id, input.labels.text(s.id, input.language))).collect();
        let shown: HashSet<StatementId> = input.statements.iter().map(|s| s.id).collect();
        let mut links: HashMap<StatementId, Vec<StatementId>> = HashMap::new();
        for s in &input.statements {
            for other in &s.linked_statement_ids {
                if shown.contains(other) {
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
        Self { input, options, l, base: Labels::of(input.language), origins, photos, numbers, links, names, pictures }
    }

    /// A photo of the input ready to embed; `None` for captions only or when it cannot be shown.
    pub fn picture(&self, photo: &Photo) -> Option<Picture> {
        self.pictures.get(&std::ptr::from_ref(photo)).cloned()
    }

    /// A photo's number among the photos of its place, as the minutes caption it when
    /// pseudonymised ("Foto 2, Tisch 1, Runde 1").
    pub fn photo_number(&self, photo: &Photo) -> usize {
        self.photos.get(&photo.id).map_or(1, |o| o.number)
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

    /// "Z 2.1": a statement's label.
    pub fn label(&self, statement: StatementId) -> &str {
        self.numbers.get(&statement).map_or("", String::as_str)
    }

    /// Where a statement stands in lists: by its label's order (level, field, goal, own number).
    pub fn order(&self, statement: StatementId) -> Option<Label> {
        self.input.labels.get(statement).copied()
    }

    /// The statements linked to `statement` (either direction).
    pub fn linked(&self, statement: StatementId) -> &[StatementId] {
        self.links.get(&statement).map_or(&[], Vec::as_slice)
    }

    /// "Z 1.1, M 1.1.2": the labels of the linked statements, in label order.
    pub fn links_text(&self, statement: &Statement) -> String {
        let mut linked: Vec<StatementId> = self.linked(statement.id).to_vec();
        linked.sort_by_key(|id| self.order(*id));
        linked.iter().map(|id| self.label(*id)).collect::<Vec<_>>().join(", ")
    }

    /// "W1 / Tisch 3 / Runde 2", the place parts of a source (the workshop only when the
    /// document has several).
    fn place(&self, workshop: u32, table: Option<u32>, round: Option<usize>) -> Vec<String> {
        let mut parts = Vec::new();
        if self.input.workshops.len() > 1 {
            parts.push(format!("W{workshop}"));
        }
        if let Some(t) = table {
            parts.push(format!("{} {t}", self.base.table));
        }
        if let Some(r) = round {
            parts.push(format!("{} {}", self.base.round, r + 1));
        }
        parts
    }

    /// "W1 / Tisch 3 / Runde 2; W2 / Tisch 1 / Runde 1": where the statement's notes were taken.
    pub fn note_sources(&self, statement: &Statement) -> String {
        let mut known: Vec<(u32, u32, usize, String)> = Vec::new();
        let mut elsewhere = 0;
        for note in &statement.source_note_ids {
            let Some(o) = self.origins.get(note) else {
                elsewhere += 1;
                continue;
            };
            let mut parts = self.place(o.workshop, o.table, o.round);
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

    /// "Foto: W1 / Tisch 3 / Runde 2 (tischdecke.jpg)": each photo the statement comes from, by
    /// its place and file name, or (pseudonymised, as the minutes caption it) by its number there:
    /// "Foto 2: Tisch 3 / Runde 2"; a photo of no table is the plenary's.
    pub fn photo_sources(&self, statement: &Statement) -> String {
        let mut known: Vec<(u32, u32, usize, usize, String)> = Vec::new();
        let mut elsewhere = 0;
        for photo in &statement.source_photo_ids {
            let Some(o) = self.photos.get(photo) else {
                elsewhere += 1;
                continue;
            };
            let mut parts = self.place(o.workshop, o.table, o.round);
            if o.table.is_none() {
                parts.insert(usize::from(self.input.workshops.len() > 1), self.l.plenum.to_owned());
            }
            let name = if self.input.pseudonymise {
                format!("{} {}: {}", self.l.photo, o.number, parts.join(" / "))
            } else if o.file_name.is_empty() {
                format!("{}: {}", self.l.photo, parts.join(" / "))
            } else {
                format!("{}: {} ({})", self.l.photo, parts.join(" / "), o.file_name)
            };
            known.push((o.workshop, o.table.unwrap_or(u32::MAX), o.round.unwrap_or(usize::MAX), o.number, name));
        }
        known.sort();
        known.dedup();
        let mut out: Vec<String> = known.into_iter().map(|k| k.4).collect();
        if elsewhere > 0 {
            out.push(format!("{} {} ({elsewhere})", self.l.photo, self.l.other_workshops));
        }
        out.join("; ")
    }

    /// Where a statement comes from: its notes' places, then its photos ([`Context::note_sources`],
    /// [`Context::photo_sources`]).
    pub fn sources(&self, statement: &Statement) -> String {
        let parts: Vec<String> = [self.note_sources(statement), self.photo_sources(statement)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        parts.join("; ")
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

/// Photos in the order a reader looks for them: by file name (cameras and phones number them
/// as they are taken), the input's order among equal names.
pub(super) fn in_order(mut photos: Vec<&Photo>) -> Vec<&Photo> {
    photos.sort_by_cached_key(|p| sort_key(p.file_name.trim()));
    photos
}

/// A photo's place: its table (none for the plenary) and round (none when not known).
type Place = (Option<TableId>, Option<RoundId>);

/// Each photo of a workshop with its number among the photos of its place, as the minutes show
/// them: a table's by round (those of no known round together), those of no table together
/// ("Plenum"); each place in [`in_order`].
fn photo_numbers(workshop: &WorkshopMinutes) -> Vec<(&Photo, usize)> {
    let setup = &workshop.setup;
    let known_table = |t: Option<TableId>| t.filter(|t| setup.tables.iter().any(|x| x.id == *t));
    let known_round = |r: Option<RoundId>| r.filter(|r| setup.rounds.iter().any(|x| x.id == *r));
    let mut places: Vec<(Place, Vec<&Photo>)> = Vec::new();
    for p in &workshop.photos {
        let key = match known_table(p.table_id) {
            Some(t) => (Some(t), known_round(p.round_id)),
            None => (None, None),
        };
        match places.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(p),
            None => places.push((key, vec![p])),
        }
    }
    places.into_iter().flat_map(|(_, list)| in_order(list).into_iter().zip(1..)).collect()
}
