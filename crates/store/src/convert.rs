//! Moving values between Rust types and SQLite columns. Ids are stored as hyphenated UUID text
//! and enums as their serde names, so the file stays readable with any SQLite tool.

use rusqlite::Row;
use serde::{Serialize, de::DeserializeOwned};
use uuid::Uuid;

use crate::StoreError;

/// Reads an id column.
pub(crate) fn id<T: From<Uuid>>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    Uuid::parse_str(&text).map(T::from).map_err(|e| bad_column(column, &e))
}

/// Reads an optional id column.
pub(crate) fn opt_id<T: From<Uuid>>(row: &Row<'_>, column: &str) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| Uuid::parse_str(&t).map(T::from).map_err(|e| bad_column(column, &e))).transpose()
}

/// Reads an enum column stored as its serde name.
pub(crate) fn enumeration<T: DeserializeOwned>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_value(serde_json::Value::String(text)).map_err(|e| bad_column(column, &e))
}

/// Reads a JSON column.
pub(crate) fn json<T: DeserializeOwned>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|e| bad_column(column, &e))
}

/// Reads a non-negative integer column.
pub(crate) fn count(row: &Row<'_>, column: &str) -> rusqlite::Result<u32> {
    let n: i64 = row.get(column)?;
    u32::try_from(n).map_err(|e| bad_column(column, &e))
}

/// The serde name of an enum value, as stored.
pub(crate) fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A JSON text of a value, as stored.
pub(crate) fn json_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

fn bad_column(column: &str, e: &dyn std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(StoreError::BadData(format!("{column}: {e}"))),
    )
}

/// Turns "no row" into a typed not-found.
pub(crate) fn found<T>(result: rusqlite::Result<T>, entity: &'static str) -> crate::Result<T> {
    match result {
        Ok(v) => Ok(v),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(StoreError::NotFound { entity }),
        Err(e) => Err(e.into()),
    }
}

/// Fails with not-found when an update or delete touched no row.
pub(crate) fn touched(rows: usize, entity: &'static str) -> crate::Result<()> {
    if rows == 0 { Err(StoreError::NotFound { entity }) } else { Ok(()) }
}
