//! The workshop as the printables see it.

use std::collections::HashMap;

use cafehost_core::run::{ScheduledStep, round_times};
use cafehost_core::{CafeTable, Language, ParticipantId, RoundId, Seat, TableId, WorkshopSetup};
use chrono::NaiveTime;
use krilla::Document;
use krilla::metadata::Metadata;

use crate::common::ExportError;
use crate::common::fonts::Fonts;
use crate::common::labels::Labels;
use crate::common::text::clock_span;

/// Lookups, labels, fonts and the rounds' clock times of one workshop.
pub(crate) struct View<'a> {
    pub setup: &'a WorkshopSetup,
    pub labels: &'static Labels,
    pub fonts: Fonts,
    /// Start and end of each round by the schedule, when the workshop has a start time.
    times: Vec<Option<(NaiveTime, NaiveTime)>>,
    seat: HashMap<(ParticipantId, RoundId), TableId>,
    tables: HashMap<TableId, &'a CafeTable>,
    /// Whether any seat exists.
    pub has_plan: bool,
}

impl<'a> View<'a> {
    /// The view of `setup` with its seats and its timetable.
    pub fn new(
        setup: &'a WorkshopSetup,
        seats: &[Seat],
        schedule: &[ScheduledStep],
        language: Language,
    ) -> Result<Self, ExportError> {
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
            times: round_times(schedule),
            has_plan: !seat.is_empty(),
            seat,
            tables,
        })
    }

    /// An empty PDF with the title "Laufzettel – Workshop title" and the language set.
    pub fn document(&self, what: &str) -> Document {
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

    /// "Runde 2".
    pub fn round_name(&self, index: usize) -> String {
        format!("{} {}", self.labels.round, index + 1)
    }

    /// "14:25–14:45", or empty without a start time.
    pub fn round_time(&self, index: usize) -> String {
        clock_span(self.times.get(index).copied().flatten())
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
