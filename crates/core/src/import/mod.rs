//! Bringing participant lists in (and out) as the spreadsheets of German offices really are:
//! comma or semicolon or tab (or what Excel's `sep=` line names), UTF-8 with or without BOM,
//! UTF-16 from Excel's "Unicode text" (with or without BOM), or Windows-1252; line ends of any
//! system; German or English column names; formula-looking cells. What cannot be read right is
//! said by line and column: a stray byte, a quote that swallows rows, letters already lost.
//!
//! Import is two-step and pure: [`read_sheet`] turns bytes into cells, [`preview`] maps the
//! cells to participants and reports every problem row by line and column. Nothing is written
//! anywhere here; the caller commits the preview's good rows only when the user confirms.

mod participants_csv;

pub use participants_csv::*;
