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
    #[error("{matches} workshops match \"{query}\"; use the id")]
    AmbiguousWorkshop {
        /// What was asked for.
        query: String,
        /// How many matched.
        matches: u32,
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
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { entity } => Self::NotFound { entity },
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
            Self::Store(StoreError::Conflict { .. }) => "store.conflict",
            Self::Store(_) => "store.failed",
            Self::Csv(CsvError::Empty) => "csv.empty",
            Self::Csv(CsvError::TooLarge { .. }) => "csv.too_large",
            Self::Csv(CsvError::TooManyRows { .. }) => "csv.too_many_rows",
            Self::Csv(CsvError::Malformed { .. }) => "csv.malformed",
            Self::ImportRefused { .. } => "import.refused",
            Self::AmbiguousWorkshop { .. } => "workshop.ambiguous",
            Self::HostNotParticipant => "table.host_not_participant",
            Self::NoDataDir => "data_dir.unknown",
            Self::Plan { code, .. } | Self::SeatRefused { code, .. } => code,
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
        "store.conflict",
        "store.failed",
        "csv.empty",
        "csv.too_large",
        "csv.too_many_rows",
        "csv.malformed",
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
        "planner.internal",
        "seat.table_full",
        "seat.revisit",
        "seat.host",
        "file.write_failed",
        "export.failed",
    ];
}

/// Result of a use case.
pub type Result<T, E = AppError> = std::result::Result<T, E>;
