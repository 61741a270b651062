//! The domain of Cafehost: what a World Café workshop *is*, and the rules its data must obey.
//!
//! A [`Process`] (e.g. "Integrationskonzept 2014") groups several [`Workshop`]s. A workshop has
//! topic [`CafeTable`]s, [`Round`]s, [`Participant`]s, a seating ([`Seat`]: participant × round →
//! table), the [`Note`]s taken at each table and round with their [`Attachment`]s (photos of
//! tablecloths), and the [`Statement`]s that staff consolidate from the notes at the goal, measure
//! and steering levels.
//!
//! This crate is pure on purpose: no files, no SQL, no clock reads, no UI. Whoever calls it
//! passes time and bytes in. That keeps every rule testable in microseconds and lets the store,
//! the CLI and the desktop shell share one definition of "valid".

pub mod ids;
pub mod import;
pub mod model;
pub mod run;
pub mod text;
pub mod validation;

pub use ids::*;
pub use model::*;
pub use validation::{FieldError, FieldProblem, ValidationError};
