//! The domain of Cafehost: what a World Café workshop *is*, and the rules its data must obey.
//!
//! A [`Process`] (e.g. "Integrationskonzept 2014") groups several [`Workshop`]s. A workshop has
//! topic [`CafeTable`]s, [`Round`]s, [`Participant`]s, a seating ([`Seat`]: participant × round →
//! table), the [`Note`]s taken at each table and round with their [`Attachment`]s (photos of
//! tablecloths), and the [`Statement`]s that staff consolidate from the notes at the goal, measure
//! and steering levels.
//!
//! Every rule has one home here, named by the workflow it belongs to: [`setup`] (what a new
//! workshop, table or round starts with; copying a workshop), [`validation`] (limits of every
//! input), [`import`] (reading participant lists and deciding whether an import may go ahead),
//! [`seating`] (seats set by hand), [`topics`] (one topic at several tables, and what a
//! participant's topic wish names), [`run`] (the agenda, its timetable, the clock, and which
//! rounds may still be re-planned), [`capture`] (photos, summaries), [`consolidation`]
//! (statement levels, links, merge and split), [`fields`] (the ordered fields of action and their
//! starting situations), [`participation`] (how many people took part in a process) and
//! [`pseudonym`] (which names a pseudonymised
//! document hides, and how). The rotation itself is planned by the
//! `cafehost-planner` crate.
//!
//! This crate is pure on purpose: no files, no SQL, no clock reads, no UI. Whoever calls it
//! passes time and bytes in. That keeps every rule testable in microseconds and lets the store,
//! the CLI and the desktop shell share one definition of "valid".

pub mod capture;
pub mod consolidation;
pub mod fields;
pub mod ids;
pub mod import;
pub mod model;
pub mod participation;
pub mod phone;
pub mod pseudonym;
pub mod run;
pub mod seating;
pub mod setup;
pub mod text;
pub mod topics;
pub mod validation;

pub use ids::*;
pub use model::*;
pub use validation::{FieldError, FieldProblem, ValidationError};
