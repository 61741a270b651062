//! The printables of a workshop as PDF: table cards, route cards, seating plan, sign-in list.
//! The layout lives in `cafehost-export`; this loads the workshop and its seating for it.

use cafehost_core::{Language, WorkshopId};
use cafehost_export::ExportError;
pub use cafehost_export::{PrintOptions, Printable};

use crate::{AppError, Cafehost, Result};

/// A PDF that cannot be written means the embedded fonts or the PDF writer failed, not the
/// user's data.
fn export_failed(e: &ExportError) -> AppError {
    AppError::Export(format!("printing failed: {e}"))
}

impl Cafehost {
    /// One printable of a workshop as PDF bytes, in `language`. Without a seating plan the route
    /// cards and the seating plan say so and still list the people and tables. Table cards are
    /// flat; see [`Cafehost::print_with`] for the tent.
    pub fn print(&mut self, workshop: WorkshopId, document: Printable, language: Language) -> Result<Vec<u8>> {
        self.print_with(workshop, document, language, PrintOptions::default())
    }

    /// [`Cafehost::print`] with layout choices (table cards as a tent to fold).
    pub fn print_with(
        &mut self,
        workshop: WorkshopId,
        document: Printable,
        language: Language,
        options: PrintOptions,
    ) -> Result<Vec<u8>> {
        let setup = self.store.workshop_setup(workshop)?;
        let seats = self.store.seats(workshop)?;
        cafehost_export::render(document, &setup, &seats, language, options).map_err(|e| export_failed(&e))
    }
}

#[cfg(test)]
mod tests {
    use cafehost_core::NewWorkshop;

    use super::*;

    #[test]
    fn every_printable_of_a_new_workshop_is_a_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = Cafehost::open(dir.path()).unwrap();
        let workshop =
            app.create_workshop(&NewWorkshop { title: "Arbeit und Übergang".into(), process_title: None }).unwrap();
        for document in Printable::ALL {
            for language in [Language::De, Language::En] {
                let pdf = app.print(workshop.id, document, language).unwrap();
                assert!(pdf.starts_with(b"%PDF-"), "{document:?}");
            }
        }
        let tent = app.print_with(workshop.id, Printable::TableCards, Language::De, PrintOptions { tent: true });
        assert!(tent.is_ok());
        assert!(matches!(
            app.print(WorkshopId::new(), Printable::SignIn, Language::De),
            Err(AppError::NotFound { .. })
        ));
    }
}
