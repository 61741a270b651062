//! Errors of the use cases, each with a stable code that front ends translate.

use cafehost_core::ValidationError;
use cafehost_core::import::{CsvError, MappingProblem};
use cafehost_store::{OpenError, StoreError};

/// Why a use case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input broke a rule; per field.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The thing asked for does not exist (any more).
    #[error("{entity} not found")]
    NotFound {
        /// Which kind of thing.
        entity: &'static str,
    },
    /// The database could not be opened; it was left untouched.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// A query failed.
    #[error("database error: {0}")]
    Store(StoreError),
    /// The CSV file could not be read at all.
    #[error("cannot read the CSV file: {0}")]
    Csv(#[from] CsvError),
    /// An import was not carried out because rows or the mapping have problems.
    #[error("import refused: {invalid_rows} rows with problems{}", if mapping_problems.is_empty() { String::new() } else { format!(", mapping: {mapping_problems:?}") })]
    ImportRefused {
        /// Rows that cannot be imported.
        invalid_rows: u32,
        /// Problems of the column mapping.
        mapping_problems: Vec<MappingProblem>,
    },
    /// A workshop was named by a title that matches none or several.
    #[error(
        "{} \"{query}\"{}",
        if *matches == 0 { "no workshop is called" } else { "several workshops fit" },
        if candidates.is_empty() || *matches > 0 && candidates.windows(2).any(|w| w[0] == w[1]) {
            String::from(" (name it by its id: cafehost workshop list)")
        } else {
            format!("; did you mean: {}?", candidates.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "))
        }
    )]
    AmbiguousWorkshop {
        /// What was asked for.
        query: String,
        /// How many matched (0: none).
        matches: u32,
        /// The titles that fit, or those that look most like it.
        candidates: Vec<String>,
    },
    /// A host must be on the same workshop's participant list.
    #[error("the table host is not a participant of this workshop")]
    HostNotParticipant,
    /// The rotation planner cannot keep a hard rule with this setup.
    #[error("cannot plan the rotation: {detail}")]
    Plan {
        /// The planner's code (`planner.*`).
        code: &'static str,
        /// Its numbers and names, for the translated message (rounds counted from 1).
        params: std::collections::BTreeMap<String, String>,
        /// The planner's English explanation.
        detail: String,
    },
    /// A seat set by hand breaks a rule (`seat.table_full`, `seat.revisit`, `seat.host`).
    #[error("cannot seat there ({code}, table {table})")]
    SeatRefused {
        /// Which rule.
        code: &'static str,
        /// The table's number.
        table: u32,
    },
    /// A re-plan would change rounds that are held or under way.
    #[error("rounds that are held or under way are never re-planned (first open round: {first_open:?})")]
    RoundsLocked {
        /// The first round that may still be planned (counted from 1); `None` when every round
        /// has begun.
        first_open: Option<u32>,
    },
    /// Two statements may not be linked (only measure–goal and steering–measure).
    #[error("cannot link these statements: {detail}")]
    LinkRefused {
        /// Why.
        detail: String,
    },
    /// Two entries of one workshop's list cannot be one person.
    #[error("both are on the list of one workshop, so they are two people")]
    SamePersonRefused,
    /// The database was closed (the app is quitting).
    #[error("the database is closed")]
    Closed,
    /// A file would be written over the database, its journal or a backup.
    #[error("{} is Cafehost's own data; choose another file", path.display())]
    ProtectedPath {
        /// The file asked for.
        path: std::path::PathBuf,
    },
    /// The data changed again and again while a long computation ran; nothing was saved.
    #[error("the data kept changing while planning; nothing was saved")]
    Busy,
    /// A file could not be written (printouts, exports).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A document could not be rendered (minutes, concept draft): the embedded fonts or the
    /// writer failed, not the user's data.
    #[error("the export failed: {0}")]
    Export(String),
    /// No per-user data folder is known on this system.
    #[error("no data folder: pass --data-dir or set CAFEHOST_DATA_DIR")]
    NoDataDir,
    /// A table host's phone asked for something its code does not allow
    /// (`phone.unknown_code`, `phone.round_over`, …: `cafehost_core::phone::PhoneRefusal`).
    #[error("refused to the phone: {code}")]
    PhoneRefused {
        /// Which rule.
        code: &'static str,
    },
    /// Another Cafehost window works on this data folder already.
    #[error("Cafehost is already open with the data folder {}; switch to that window", dir.display())]
    AlreadyOpen {
        /// The data folder.
        dir: std::path::PathBuf,
    },
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { entity } => Self::NotFound { entity },
            StoreError::Io { path, source } => Self::Write { path, source },
            other => Self::Store(other),
        }
    }
}

impl AppError {
    /// A stable, dotted code for this kind of error; front ends map it to a translated message.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid",
            Self::NotFound { .. } => "not_found",
            Self::Open(OpenError::NotADatabase { .. }) => "open.not_a_database",
            Self::Open(OpenError::Foreign { .. }) => "open.foreign",
            Self::Open(OpenError::Newer { .. }) => "open.newer",
            Self::Open(OpenError::Corrupt { .. }) => "open.corrupt",
            Self::Open(OpenError::Io { .. }) => "open.io",
            Self::Open(OpenError::Migration { .. }) => "open.migration",
            Self::Open(OpenError::StraySidecar { .. }) => "open.stray_sidecar",
            Self::Store(StoreError::Conflict { .. }) => "store.conflict",
            Self::Store(_) => "store.failed",
            Self::Csv(CsvError::Empty) => "csv.empty",
            Self::Csv(CsvError::TooLarge { .. }) => "csv.too_large",
            Self::Csv(CsvError::TooManyRows { .. }) => "csv.too_many_rows",
            Self::Csv(CsvError::Malformed { .. }) => "csv.malformed",
            Self::Csv(CsvError::UnclosedQuote { .. }) => "csv.unclosed_quote",
            Self::Csv(CsvError::TooManyColumns { .. }) => "csv.too_many_columns",
            Self::ImportRefused { .. } => "import.refused",
            Self::AmbiguousWorkshop { .. } => "workshop.ambiguous",
            Self::HostNotParticipant => "table.host_not_participant",
            Self::NoDataDir => "data_dir.unknown",
            Self::AlreadyOpen { .. } => "open.already_open",
            Self::Plan { code, .. } | Self::SeatRefused { code, .. } | Self::PhoneRefused { code } => code,
            Self::RoundsLocked { .. } => "plan.rounds_locked",
            Self::LinkRefused { .. } => "statement.link_refused",
            Self::SamePersonRefused => "people.same_workshop",
            Self::Busy => "app.busy",
            Self::Closed => "app.closed",
            Self::ProtectedPath { .. } => "file.protected",
            Self::Write { .. } => "file.write_failed",
            Self::Export(_) => "export.failed",
        }
    }

    /// Every code [`AppError::code`] can return, so that front ends can check their translations.
    pub const ALL_CODES: &'static [&'static str] = &[
        "invalid",
        "not_found",
        "open.not_a_database",
        "open.foreign",
        "open.newer",
        "open.corrupt",
        "open.io",
        "open.migration",
        "open.stray_sidecar",
        "open.already_open",
        "store.conflict",
        "store.failed",
        "csv.empty",
        "csv.too_large",
        "csv.too_many_rows",
        "csv.malformed",
        "csv.unclosed_quote",
        "csv.too_many_columns",
        "import.refused",
        "workshop.ambiguous",
        "table.host_not_participant",
        "data_dir.unknown",
        "planner.capacity_too_small",
        "planner.too_many_rounds_for_tour",
        "planner.too_many_rounds",
        "planner.host_twice",
        "planner.host_without_seat",
        "planner.pin_over_capacity",
        "planner.pin_revisit",
        "planner.pin_conflict",
        "planner.pinned_absent",
        "planner.no_plan_found",
        "planner.tour_too_tight",
        "planner.too_many_participants",
        "planner.apart_impossible",
        "planner.internal",
        "seat.table_full",
        "seat.revisit",
        "seat.host",
        "plan.rounds_locked",
        "statement.link_refused",
        "people.same_workshop",
        "app.busy",
        "app.closed",
        "file.protected",
        "file.write_failed",
        "export.failed",
        "phone.unknown_code",
        "phone.not_open",
        "phone.not_this_table",
        "phone.round_over",
        "phone.id_taken",
        "phone.ballot_refused",
    ];
}

/// Result of a use case.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use cafehost_core::seating::SeatRefusal;
    use std::path::PathBuf;

    /// One error of every kind. The `match` has no wildcard, so a new variant does not compile
    /// until it is added here, and then its code must be in `ALL_CODES`.
    fn one_of_each() -> Vec<AppError> {
        let path = PathBuf::from("x");
        let io = || std::io::Error::other("x");
        let mut all = vec![
            AppError::Invalid(ValidationError { errors: Vec::new() }),
            AppError::NotFound { entity: "x" },
            AppError::Open(OpenError::NotADatabase { path: path.clone() }),
            AppError::Open(OpenError::Foreign { path: path.clone() }),
            AppError::Open(OpenError::Newer { path: path.clone(), found: 9, supported: 3 }),
            AppError::Open(OpenError::Corrupt { path: path.clone(), detail: String::new() }),
            AppError::Open(OpenError::Io { path: path.clone(), source: io() }),
            AppError::Open(OpenError::Migration { path: path.clone(), detail: String::new() }),
            AppError::Open(OpenError::StraySidecar { path: path.clone(), sidecar: path.clone() }),
            AppError::Store(StoreError::Conflict { constraint: String::new() }),
            AppError::Store(StoreError::BadData(String::new())),
            AppError::Csv(CsvError::Empty),
            AppError::Csv(CsvError::TooLarge { max_bytes: 1 }),
            AppError::Csv(CsvError::TooManyRows { max_rows: 1 }),
            AppError::Csv(CsvError::Malformed { line: 1, detail: String::new() }),
            AppError::Csv(CsvError::UnclosedQuote { line: 1, column: 1 }),
            AppError::Csv(CsvError::TooManyColumns { columns: 40, max: 36, delimiter: ",".into() }),
            AppError::ImportRefused { invalid_rows: 1, mapping_problems: Vec::new() },
            AppError::AmbiguousWorkshop { query: String::new(), matches: 2, candidates: Vec::new() },
            AppError::HostNotParticipant,
            AppError::RoundsLocked { first_open: None },
            AppError::LinkRefused { detail: String::new() },
            AppError::SamePersonRefused,
            AppError::Busy,
            AppError::Closed,
            AppError::ProtectedPath { path: path.clone() },
            AppError::Write { path, source: io() },
            AppError::Export(String::new()),
            AppError::NoDataDir,
            AppError::AlreadyOpen { dir: PathBuf::from("x") },
        ];
        for refusal in cafehost_core::phone::PhoneRefusal::ALL {
            all.push(AppError::PhoneRefused { code: refusal.code() });
        }
        for refusal in [SeatRefusal::TableFull, SeatRefusal::Host, SeatRefusal::Revisit] {
            all.push(AppError::SeatRefused { code: refusal.code(), table: 1 });
        }
        for e in &all {
            match e {
                AppError::Invalid(_)
                | AppError::NotFound { .. }
                | AppError::Open(_)
                | AppError::Store(_)
                | AppError::Csv(_)
                | AppError::ImportRefused { .. }
                | AppError::AmbiguousWorkshop { .. }
                | AppError::HostNotParticipant
                | AppError::Plan { .. }
                | AppError::SeatRefused { .. }
                | AppError::PhoneRefused { .. }
                | AppError::RoundsLocked { .. }
                | AppError::LinkRefused { .. }
                | AppError::SamePersonRefused
                | AppError::Busy
                | AppError::Closed
                | AppError::ProtectedPath { .. }
                | AppError::Write { .. }
                | AppError::Export(_)
                | AppError::NoDataDir
                | AppError::AlreadyOpen { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_planner_refusal_the_app_can_meet_has_its_own_code() {
        // The app builds its requests itself: malformed JSON, unknown ids, pairs or held rounds
        // that do not fit are its own bugs and become `planner.internal`.
        let bugs = [
            "planner.invalid_json",
            "planner.duplicate_id",
            "planner.unknown_participant",
            "planner.unknown_table",
            "planner.round_out_of_range",
            "planner.self_pair",
            "planner.host_unknown",
            "planner.held_exceeds_rounds",
            "planner.held_seated_twice",
            // The app passes only wishes that name a topic, each once (`core::topics`).
            "planner.unknown_wish_topic",
            "planner.duplicate_wish",
        ];
        for code in cafehost_planner::PlanError::ALL_CODES {
            assert!(AppError::ALL_CODES.contains(code) || bugs.contains(code), "{code} has no translation");
        }
    }

    #[test]
    fn every_code_an_error_can_have_is_listed() {
        for e in one_of_each() {
            assert!(AppError::ALL_CODES.contains(&e.code()), "{} is missing from ALL_CODES", e.code());
        }
        let mut codes = AppError::ALL_CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AppError::ALL_CODES.len(), "codes are unique");
    }
}
