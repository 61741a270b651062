//! The printables of a workshop as PDF: table cards, route cards, seating plan, sign-in list.
//! The layout lives in `cafehost-export`; this loads the workshop and its seating for it.

use cafehost_core::run::{ScheduledStep, agenda, schedule};
use cafehost_core::{Language, WorkshopId, WorkshopSetup};
use cafehost_export::ExportError;
pub use cafehost_export::{PhoneLink, PrintOptions, Printable};
use cafehost_store::Store;

use crate::{AppError, Cafehost, Result};

/// A PDF that cannot be written means the embedded fonts or the PDF writer failed, not the
/// user's data.
fn export_failed(e: &ExportError) -> AppError {
    AppError::Export(format!("printing failed: {e}"))
}

/// The timetable of a workshop as the run agenda has it (welcome, rounds, breaks, harvest).
pub(crate) fn workshop_schedule(s: &Store, setup: &WorkshopSetup) -> Result<Vec<ScheduledStep>> {
    let (_, frame) = s.run_state(setup.workshop.id)?;
    Ok(schedule(&agenda(&setup.rounds, frame), setup.workshop.details.start_time))
}

/// Printouts, minutes and concept drafts: loaded from one snapshot, rendered without any lock
/// held, saved through a temporary file.
pub struct Documents<'a>(pub(crate) &'a Cafehost);

impl Documents<'_> {
    /// One printable of a workshop as PDF bytes, in `language`. Without a seating plan the route
    /// cards and the seating plan say so and still list the people and tables. Table cards are
    /// flat; see [`Documents::print_with`] for the tent.
    pub fn print(&self, workshop: WorkshopId, document: Printable, language: Language) -> Result<Vec<u8>> {
        self.print_with(workshop, document, language, PrintOptions::default())
    }

    /// [`Documents::print`] with layout choices (table cards as a tent to fold).
    pub fn print_with(
        &self,
        workshop: WorkshopId,
        document: Printable,
        language: Language,
        options: PrintOptions,
    ) -> Result<Vec<u8>> {
        let (setup, seats, timetable) = self.0.read(|s| {
            let setup = s.workshop_setup(workshop)?;
            let timetable = workshop_schedule(s, &setup)?;
            Ok((setup, s.seats(workshop)?, timetable))
        })?;
        cafehost_export::render(document, &setup, &seats, &timetable, language, options).map_err(|e| export_failed(&e))
    }
}

#[cfg(test)]
mod tests {
    use cafehost_core::NewWorkshop;

    use super::*;

    #[test]
    fn every_printable_of_a_new_workshop_is_a_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let app = Cafehost::open(dir.path()).unwrap();
        let workshop = app
            .setup()
            .create_workshop(&NewWorkshop { title: "Arbeit und Übergang".into(), process_title: None })
            .unwrap();
        for document in Printable::ALL {
            for language in [Language::De, Language::En] {
                let pdf = app.documents().print(workshop.id, document, language).unwrap();
                assert!(pdf.starts_with(b"%PDF-"), "{document:?}");
            }
        }
        let tent = app.documents().print_with(
            workshop.id,
            Printable::TableCards,
            Language::De,
            PrintOptions { tent: true, ..PrintOptions::default() },
        );
        assert!(tent.is_ok());
        assert!(matches!(
            app.documents().print(WorkshopId::new(), Printable::SignIn, Language::De),
            Err(AppError::NotFound { .. })
        ));
    }
}
