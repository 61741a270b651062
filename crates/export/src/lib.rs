//! The printables of a World Café as PDF: table cards, route cards ("Laufzettel"), the seating
//! plan per round and the sign-in list, in German or English.
//!
//! Pure like the core: every function takes the workshop's data and returns the PDF's bytes; no
//! files, no clock. The fonts (`DejaVu` Sans, regular and bold) are compiled in and embedded as
//! subsets, so names such as "Jürgen Straßer", "Şükrü Çelik" or "Łukasz Wiśniewski" print on
//! any computer and can be searched and copied from the PDF. Text that does not fit is wrapped
//! and then set smaller, and lists flow onto as many pages as they need, so nothing is cut off.

mod labels;
mod layout;
pub mod minutes;
mod route_cards;
mod seating;
mod sign_in;
mod table_cards;

use std::collections::HashMap;

use cafehost_core::{CafeTable, Language, ParticipantId, RoundId, Seat, TableId, WorkshopSetup};
use chrono::{Duration, NaiveTime};
use krilla::Document;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use minutes::{DocumentKind, MinutesInput, Photo, WorkshopMinutes};

use crate::labels::Labels;
use crate::layout::Fonts;

/// One of the four printables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Printable {
    /// One A4 landscape card per table: number, topic, the question of each round.
    TableCards,
    /// One A6 card per participant, four to an A4 page: where they sit in each round and when.
    RouteCards,
    /// Per round, every table with its people, the host marked (A4).
    Seating,
    /// Everyone by organisation with a signature column (A4).
    SignIn,
}

impl Printable {
    /// All four, in the order a moderator prints them.
    pub const ALL: [Self; 4] = [Self::TableCards, Self::RouteCards, Self::Seating, Self::SignIn];

    /// The kebab-case name (`table-cards`, …), as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::TableCards => "table-cards",
            Self::RouteCards => "route-cards",
            Self::Seating => "seating",
            Self::SignIn => "sign-in",
        }
    }
}

/// Choices that change how a printable looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrintOptions {
    /// Table cards as a tent to fold along the middle: the card on the lower half and again,
    /// upside down, on the upper half, so both sides of the table can read it.
    pub tent: bool,
}

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// An embedded font could not be read (a broken build, not bad data).
    Font,
    /// The PDF writer refused the document.
    Pdf(String),
    /// The Word document could not be packed.
    Docx(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Font => f.write_str("an embedded font cannot be read"),
            Self::Pdf(detail) => write!(f, "cannot write the PDF: {detail}"),
            Self::Docx(detail) => write!(f, "cannot write the Word document: {detail}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// Renders one printable. `seats` may be empty (no plan yet): route cards and the seating plan
/// then say so and still list the people and tables.
pub fn render(
    document: Printable,
    setup: &WorkshopSetup,
    seats: &[Seat],
    language: Language,
    options: PrintOptions,
) -> Result<Vec<u8>, ExportError> {
    match document {
        Printable::TableCards => table_cards(setup, language, options.tent),
        Printable::RouteCards => route_cards(setup, seats, language),
        Printable::Seating => seating_plan(setup, seats, language),
        Printable::SignIn => sign_in_list(setup, language),
    }
}

/// Table cards: one A4 landscape page per table (flat), or a tent to fold.
pub fn table_cards(setup: &WorkshopSetup, language: Language, tent: bool) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, &[], language)?;
    let mut doc = view.document(view.labels.table_cards);
    table_cards::draw(&mut doc, &view, tent)?;
    finish(doc)
}

/// Route cards: A6, four to an A4 page with cut marks; one per participant who is not marked
/// absent.
pub fn route_cards(setup: &WorkshopSetup, seats: &[Seat], language: Language) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, seats, language)?;
    let mut doc = view.document(view.labels.route_card);
    route_cards::draw(&mut doc, &view)?;
    finish(doc)
}

/// The seating plan: per round, each table with its people, the host first and marked.
pub fn seating_plan(setup: &WorkshopSetup, seats: &[Seat], language: Language) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, seats, language)?;
    let mut doc = view.document(view.labels.seating_plan);
    seating::draw(&mut doc, &view)?;
    finish(doc)
}

/// The sign-in list: everyone on the list, grouped by organisation, with a signature column.
pub fn sign_in_list(setup: &WorkshopSetup, language: Language) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, &[], language)?;
    let mut doc = view.document(view.labels.sign_in);
    sign_in::draw(&mut doc, &view)?;
    finish(doc)
}

/// A page with just the title and the workshop, for a printable with nothing to list (a PDF
/// needs at least one page).
fn empty_page(doc: &mut Document, view: &View<'_>, title: &str) -> Result<(), ExportError> {
    use crate::layout::{A4_H, A4_W, Canvas, Ink, MM, block_height, fit};
    let mut page = doc.start_page_with(page_settings(A4_W, A4_H)?);
    let mut surface = page.surface();
    let mut canvas = Canvas { surface: &mut surface };
    let width = A4_W - 30.0 * MM;
    let (size, lines) = fit(&view.fonts.bold, title, width, block_height(2, 16.0), 16.0, 8.0);
    let top = canvas.lines(&view.fonts.bold, size, 15.0 * MM, 15.0 * MM, Ink::Black, &lines);
    let (size, lines) = fit(&view.fonts.regular, &view.workshop_line(), width, block_height(2, 9.0), 9.0, 4.0);
    canvas.lines(&view.fonts.regular, size, 15.0 * MM, top + 2.0, Ink::Grey, &lines);
    surface.finish();
    page.finish();
    Ok(())
}

fn finish(doc: Document) -> Result<Vec<u8>, ExportError> {
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

/// Starts a page of the given size in points.
fn page_settings(width: f32, height: f32) -> Result<PageSettings, ExportError> {
    PageSettings::from_wh(width, height).ok_or_else(|| ExportError::Pdf(format!("page size {width}×{height}")))
}

/// The workshop as the printables see it: lookups and the rounds' clock times.
pub(crate) struct View<'a> {
    pub setup: &'a WorkshopSetup,
    pub labels: &'static Labels,
    pub fonts: Fonts,
    /// Start and end of each round, when the workshop has a start time.
    pub times: Vec<Option<(NaiveTime, NaiveTime)>>,
    seat: HashMap<(ParticipantId, RoundId), TableId>,
    tables: HashMap<TableId, &'a CafeTable>,
    /// Whether any seat exists.
    pub has_plan: bool,
}

impl<'a> View<'a> {
    fn new(setup: &'a WorkshopSetup, seats: &[Seat], language: Language) -> Result<Self, ExportError> {
        let mut times = Vec::with_capacity(setup.rounds.len());
        let mut clock = setup.workshop.details.start_time;
        for round in &setup.rounds {
            times.push(clock.map(|start| {
                let end = start + Duration::minutes(i64::from(round.input.duration_minutes));
                (start, end)
            }));
            clock = clock.map(|start| {
                start
                    + Duration::minutes(i64::from(round.input.duration_minutes))
                    + Duration::minutes(i64::from(round.input.break_after_minutes))
            });
        }
        let tables: HashMap<TableId, &CafeTable> = setup.tables.iter().map(|t| (t.id, t)).collect();
        let seat: HashMap<(ParticipantId, RoundId), TableId> = seats
            .iter()
            .filter(|s| tables.contains_key(&s.table_id))
            .map(|s| ((s.participant_id, s.round_id), s.table_id))
            .collect();
        Ok(Self {
            setup,
            labels: Labels::of(language),
            fonts: Fonts::load()?,
            times,
            has_plan: !seat.is_empty(),
            seat,
            tables,
        })
    }

    fn document(&self, what: &str) -> Document {
        let mut doc = Document::new();
        let title = format!("{} – {}", what, self.setup.workshop.details.title);
        doc.set_metadata(
            Metadata::new().title(title).language(self.labels.code.to_owned()).creator("Cafehost".to_owned()),
        );
        doc
    }

    /// The table a person sits at in a round.
    pub fn table_of(&self, participant: ParticipantId, round: RoundId) -> Option<&'a CafeTable> {
        self.seat.get(&(participant, round)).and_then(|t| self.tables.get(t).copied())
    }

    /// "Runde 2" and, with a start time, "14:25–14:45".
    pub fn round_name(&self, index: usize) -> String {
        format!("{} {}", self.labels.round, index + 1)
    }

    /// "14:25–14:45", or empty without a start time.
    pub fn round_time(&self, index: usize) -> String {
        match self.times.get(index).copied().flatten() {
            Some((start, end)) => format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
            None => String::new(),
        }
    }

    /// "Runde 2 · 14:25–14:45" or "Runde 2".
    pub fn round_heading(&self, index: usize) -> String {
        let time = self.round_time(index);
        if time.is_empty() { self.round_name(index) } else { format!("{} · {time}", self.round_name(index)) }
    }

    /// The question a table asks in a round: its own, else the round's.
    pub fn question(&self, table: &CafeTable, round: usize) -> &'a str {
        let Some(r) = self.setup.rounds.get(round) else { return "" };
        let own = self
            .setup
            .tables
            .iter()
            .find(|t| t.id == table.id)
            .and_then(|t| t.input.questions.iter().find(|q| q.round_id == r.id && !q.text.trim().is_empty()));
        own.map_or(r.input.question.as_str(), |q| q.text.as_str()).trim()
    }

    /// "Workshop title · 12. Mai 2026 · Place", leaving out what is empty.
    pub fn workshop_line(&self) -> String {
        let d = &self.setup.workshop.details;
        let mut parts = vec![d.title.clone()];
        if let Some(date) = d.date {
            parts.push(self.labels.date(date));
        }
        if !d.place.trim().is_empty() {
            parts.push(d.place.clone());
        }
        parts.retain(|p| !p.trim().is_empty());
        parts.join(" · ")
    }

    /// "Tisch 3".
    pub fn table_name(&self, table: &CafeTable) -> String {
        format!("{} {}", self.labels.table, table.input.number)
    }
}

/// A key that sorts names and organisations as a German reader expects (ä with a, ß as ss),
/// case-insensitively.
pub(crate) fn sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => "a",
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ő' => "o",
            'ü' | 'ù' | 'ú' | 'û' | 'ű' | 'ů' => "u",
            'ß' => "ss",
            'ç' | 'ć' | 'č' => "c",
            'ş' | 'ś' | 'š' | 'ș' => "s",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
            'ğ' => "g",
            'ž' | 'ź' | 'ż' => "z",
            'ý' => "y",
            'ř' => "r",
            'ď' => "d",
            'ť' | 'ț' => "t",
            _ => {
                key.push(c);
                continue;
            }
        };
        key.push_str(plain);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_fold_diacritics() {
        assert!(sort_key("Öztürk") < sort_key("Peters"));
        assert!(sort_key("Straßer") < sort_key("Strauch"));
        assert_eq!(sort_key("Łukasz"), "lukasz");
        assert!(sort_key("Çelik") < sort_key("Dietz"));
    }

    #[test]
    fn printable_names_are_kebab_case() {
        for p in Printable::ALL {
            assert_eq!(serde_json::to_value(p).ok(), Some(serde_json::Value::String(p.name().to_owned())));
        }
    }
}
