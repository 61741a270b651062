//! The error every command returns to the UI: a stable code to translate, parameters for the
//! message, per-field problems for forms, and an English detail for the log.

use std::collections::BTreeMap;

use cafehost_app::AppError;
use cafehost_core::FieldError;
use cafehost_core::import::CsvError;
use serde::Serialize;
use ts_rs::TS;

/// A failed command as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    /// Stable code; the UI translates `errors.<code>`.
    pub code: String,
    /// Values for the translated message (e.g. `line`, `max_bytes`).
    pub params: BTreeMap<String, String>,
    /// Per-field problems, for messages next to form fields.
    pub fields: Vec<FieldError>,
    /// English detail for logs and bug reports.
    pub detail: String,
}

impl IpcError {
    fn new(code: &str, detail: String) -> Self {
        Self { code: code.to_owned(), params: BTreeMap::new(), fields: Vec::new(), detail }
    }

    fn with(mut self, key: &str, value: impl std::fmt::Display) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }

    pub(crate) fn unknown_command(name: &str) -> Self {
        Self::new("ipc.unknown_command", format!("unknown command {name}")).with("command", name)
    }

    #[allow(clippy::needless_pass_by_value)] // used as a `map_err` function
    pub(crate) fn bad_arguments(e: serde_json::Error) -> Self {
        Self::new("ipc.bad_arguments", e.to_string())
    }

    #[allow(clippy::needless_pass_by_value)] // used as a `map_err` function
    pub(crate) fn bad_result(e: serde_json::Error) -> Self {
        Self::new("ipc.bad_result", e.to_string())
    }

    /// Codes produced here rather than by the app layer.
    pub const OWN_CODES: &'static [&'static str] = &["ipc.unknown_command", "ipc.bad_arguments", "ipc.bad_result"];
}

impl From<cafehost_phones::CaptureError> for IpcError {
    fn from(e: cafehost_phones::CaptureError) -> Self {
        match e {
            cafehost_phones::CaptureError::App(app) => app.into(),
            cafehost_phones::CaptureError::StartFailed { ref address, .. } => {
                let address = address.clone();
                Self::new(e.code(), e.to_string()).with("address", address)
            }
            other => Self::new(other.code(), other.to_string()),
        }
    }
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        let base = Self::new(e.code(), e.to_string());
        match e {
            AppError::Invalid(v) => Self { fields: v.errors, ..base },
            AppError::NotFound { entity } => base.with("entity", entity),
            AppError::Csv(CsvError::TooLarge { max_bytes }) => base.with("max_mb", max_bytes / (1024 * 1024)),
            AppError::Csv(CsvError::TooManyRows { max_rows }) => base.with("max_rows", max_rows),
            AppError::Csv(CsvError::Malformed { line, .. }) => base.with("line", line),
            AppError::Csv(CsvError::UnclosedQuote { line, column }) => base.with("line", line).with("column", column),
            AppError::Csv(CsvError::TooManyColumns { columns, max, delimiter }) => {
                base.with("columns", columns).with("max", max).with("delimiter", delimiter)
            }
            AppError::ImportRefused { invalid_rows, .. } => base.with("count", invalid_rows),
            AppError::AmbiguousWorkshop { query, matches, .. } => base.with("query", query).with("count", matches),
            AppError::Plan { params, .. } => Self { params, ..base },
            AppError::SeatRefused { table, .. } => base.with("table", table),
            AppError::RoundsLocked { first_open: Some(round) } => base.with("round", round),
            _ => base,
        }
    }
}
