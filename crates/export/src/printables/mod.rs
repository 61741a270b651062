//! The printables of the day, each a PDF: table cards, route cards ("Laufzettel"), the seating
//! plan per round and the sign-in list. Each takes the workshop's setup, its seats and its
//! timetable, wraps them in a [`View`] (lookups, labels, fonts and the rounds' clock times from
//! the schedule) and draws its pages directly with the [`crate::common::layout`] helpers: text
//! that does not fit is wrapped and then set smaller, and lists flow onto as many pages as they
//! need, so nothing is cut off.

mod route_cards;
mod seating;
mod sign_in;
mod table_cards;
mod view;

use cafehost_core::run::ScheduledStep;
use cafehost_core::{Language, ParticipantId, Seat, WorkshopSetup};
use krilla::Document;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::ExportError;
use crate::common::layout::{A4_H, A4_W, Canvas, Ink, MM, block_height, finish, fit, page_settings};
pub(crate) use view::View;

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

/// Choices that change how a printable looks and what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrintOptions {
    /// Table cards as a tent to fold along the middle: the card on the lower half and again,
    /// upside down, on the upper half, so both sides of the table can read it.
    pub tent: bool,
    /// Route cards only for these people (e.g. whose route a re-plan changed,
    /// `cafehost_core::run::route_cards_to_reprint`), in the same layout; `None` prints everyone's.
    /// The other printables ignore it.
    #[serde(default)]
    pub route_cards_for: Option<Vec<ParticipantId>>,
    /// The phone page of each table while capture by phone is on: its table card then carries
    /// the address as a QR code. Filled by the app, never sent by the window.
    #[serde(skip)]
    #[ts(skip)]
    pub phone_links: Vec<PhoneLink>,
}

/// A table's phone page (capture by phone), for its table card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneLink {
    /// The table.
    pub table_id: cafehost_core::TableId,
    /// The page's address, with the table's access code.
    pub url: String,
}

/// Renders one printable. `seats` may be empty (no plan yet): route cards and the seating plan
/// then say so and still list the people and tables. `schedule` is the workshop's timetable
/// (`cafehost_core::run::schedule`); the rounds' clock times come from it.
pub fn render(
    document: Printable,
    setup: &WorkshopSetup,
    seats: &[Seat],
    schedule: &[ScheduledStep],
    language: Language,
    options: PrintOptions,
) -> Result<Vec<u8>, ExportError> {
    let PrintOptions { tent, route_cards_for, phone_links } = options;
    match document {
        Printable::TableCards => table_cards(setup, schedule, language, tent, &phone_links),
        Printable::RouteCards => route_cards(setup, seats, schedule, language, route_cards_for.as_deref()),
        Printable::Seating => seating_plan(setup, seats, schedule, language),
        Printable::SignIn => sign_in_list(setup, schedule, language),
    }
}

/// Table cards: one A4 landscape page per table (flat), or a tent to fold.
pub fn table_cards(
    setup: &WorkshopSetup,
    schedule: &[ScheduledStep],
    language: Language,
    tent: bool,
    phone_links: &[PhoneLink],
) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, &[], schedule, language)?;
    let mut doc = view.document(view.labels.table_cards);
    table_cards::draw(&mut doc, &view, tent, phone_links)?;
    finish(doc)
}

/// Route cards: A6, four to an A4 page with cut marks; one per participant who is not marked
/// absent, or with `only` just for those of them named there (ids not on the list are ignored).
pub fn route_cards(
    setup: &WorkshopSetup,
    seats: &[Seat],
    schedule: &[ScheduledStep],
    language: Language,
    only: Option<&[ParticipantId]>,
) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, seats, schedule, language)?;
    let mut doc = view.document(view.labels.route_card);
    route_cards::draw(&mut doc, &view, only)?;
    finish(doc)
}

/// The seating plan: per round, each table with its people, the host first and marked.
pub fn seating_plan(
    setup: &WorkshopSetup,
    seats: &[Seat],
    schedule: &[ScheduledStep],
    language: Language,
) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, seats, schedule, language)?;
    let mut doc = view.document(view.labels.seating_plan);
    seating::draw(&mut doc, &view)?;
    finish(doc)
}

/// The sign-in list: everyone on the list, grouped by organisation, with a signature column.
pub fn sign_in_list(
    setup: &WorkshopSetup,
    schedule: &[ScheduledStep],
    language: Language,
) -> Result<Vec<u8>, ExportError> {
    let view = View::new(setup, &[], schedule, language)?;
    let mut doc = view.document(view.labels.sign_in);
    sign_in::draw(&mut doc, &view)?;
    finish(doc)
}

/// A page with just the title and the workshop, for a printable with nothing to list (a PDF
/// needs at least one page).
fn empty_page(doc: &mut Document, view: &View<'_>, title: &str) -> Result<(), ExportError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_names_are_kebab_case() {
        for p in Printable::ALL {
            assert_eq!(serde_json::to_value(p).ok(), Some(serde_json::Value::String(p.name().to_owned())));
        }
    }
}
