use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::{clean_line, csv_cell, match_key};
use crate::validation::{FieldProblem, MAX_ATTRIBUTES, MAX_WISHES};
use crate::{Language, ParticipantInput};

/// Largest file accepted (a list of thousands of people is far smaller).
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows accepted.
pub const MAX_CSV_ROWS: usize = 20_000;
/// Most named columns accepted: every role once, a column per wish and as many free attributes
/// as a person may have. A file with more is another kind of table, or was split at the wrong separator.
pub const MAX_CSV_COLUMNS: usize = 6 + MAX_WISHES as usize + MAX_ATTRIBUTES as usize;

/// How the file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceEncoding {
    /// UTF-8 without byte order mark.
    Utf8,
    /// UTF-8 with byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16, little or big endian, with or without byte order mark (Excel's "Unicode text").
    Utf16,
    /// Windows-1252 (Excel's classic "CSV" on German Windows).
    Windows1252,
}

/// A file that could not be read as a table at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CsvError {
    /// No bytes, or only blank lines.
    #[error("the file is empty")]
    Empty,
    /// Larger than [`MAX_CSV_BYTES`].
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge {
        /// The limit.
        max_bytes: u32,
    },
    /// More than [`MAX_CSV_ROWS`] data rows.
    #[error("the file has more than {max_rows} rows")]
    TooManyRows {
        /// The limit.
        max_rows: u32,
    },
    /// The CSV structure is broken at a line.
    #[error("line {line}: {detail}")]
    Malformed {
        /// 1-based line in the file.
        line: u32,
        /// What the parser said.
        detail: String,
    },
    /// A cell opens with a quote that nothing closes: everything after it would be one cell.
    #[error("line {line}, column {column}: a quote opens here and never closes; close or remove it")]
    UnclosedQuote {
        /// 1-based line of the opening quote.
        line: u32,
        /// 1-based column of the cell it opens.
        column: u32,
    },
    /// More named columns than [`MAX_CSV_COLUMNS`]: not a participant list, or split at the
    /// wrong separator.
    #[error(
        "the header has {columns} columns (split at {delimiter:?}), a participant list at most {max}: \
         check the separator, or keep only the participants' columns"
    )]
    TooManyColumns {
        /// Named columns in the header.
        columns: u32,
        /// The limit.
        max: u32,
        /// The separator the columns were split at.
        delimiter: String,
    },
}

/// A file decoded into a header row and data rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvSheet {
    /// How the bytes were decoded.
    pub encoding: SourceEncoding,
    /// The field separator found.
    pub delimiter: String,
    /// The first non-blank row.
    pub headers: Vec<String>,
    /// The data rows, blank ones skipped.
    pub records: Vec<CsvRecord>,
}

/// One data row with the line it starts on (as a text editor counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvRecord {
    /// 1-based line in the file.
    pub line: u32,
    /// Cells as found, not yet cleaned.
    pub cells: Vec<String>,
}

/// Decodes bytes and splits them into rows and cells.
pub fn read_sheet(bytes: &[u8]) -> Result<CsvSheet, CsvError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(CsvError::TooLarge { max_bytes: count(MAX_CSV_BYTES) });
    }
    // Borrowed when the file is valid UTF-8: a large file is not copied just to be read.
    let (text, encoding) = decode(bytes);
    // Excel's hint line `sep=;` names the separator; it is not part of the table.
    let (body, first_line, delimiter) = match separator_hint(&text) {
        Some((delimiter, rest)) => (&text[rest..], 2, delimiter),
        None => (&text[..], 1, sniff_delimiter(&text)),
    };
    // The csv reader takes a quote that never closes as a cell running to the end of the file.
    if let Some((line, column)) = unclosed_quote(body.as_bytes(), delimiter, first_line) {
        return Err(CsvError::UnclosedQuote { line, column });
    }
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(body.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut records = Vec::new();
    // The csv crate does not count the blank lines it skips, so lines are counted here from
    // byte offsets, as an editor would show them.
    let mut lines = LineCounter::new(body, first_line);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(first_line, |p| lines.line_at(p.byte()));
                return Err(CsvError::Malformed { line, detail: e.to_string() });
            }
        }
        let line = record.position().map_or(first_line, |p| lines.line_at(p.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if headers.is_none() {
            let cleaned: Vec<String> = record.iter().map(clean_line).collect();
            let named = cleaned.iter().filter(|h| !h.is_empty()).count();
            if named > MAX_CSV_COLUMNS {
                return Err(CsvError::TooManyColumns {
                    columns: count(named),
                    max: count(MAX_CSV_COLUMNS),
                    delimiter: char::from(delimiter).to_string(),
                });
            }
            headers = Some(cleaned);
            continue;
        }
        if records.len() == MAX_CSV_ROWS {
            return Err(CsvError::TooManyRows { max_rows: count(MAX_CSV_ROWS) });
        }
        records.push(CsvRecord { line, cells: record.iter().map(str::to_owned).collect() });
    }
    let headers = headers.ok_or(CsvError::Empty)?;
    Ok(CsvSheet { encoding, delimiter: char::from(delimiter).to_string(), headers, records })
}

/// Whether `bytes[i]` ends a line: a line feed, or a carriage return not followed by one (old
/// Mac Excel ends lines with a carriage return alone).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The number of line ends in `text`.
fn line_ends(text: &str) -> u32 {
    let bytes = text.as_bytes();
    count((0..bytes.len()).filter(|&i| ends_line(bytes, i)).count())
}

/// Turns increasing byte offsets into 1-based line numbers in one pass over the text.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, first_line: u32) -> Self {
        Self { text: text.as_bytes(), offset: 0, line: first_line }
    }

    fn line_at(&mut self, byte: u64) -> u32 {
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        // A record's position may point at the blank lines before it.
        while target < self.text.len() && matches!(self.text[target], b'\r' | b'\n') {
            target += 1;
        }
        if target > self.offset {
            let ends = (self.offset..target).filter(|&i| ends_line(self.text, i)).count();
            self.line = self.line.saturating_add(count(ends));
            self.offset = target;
        }
        self.line
    }
}

fn decode(bytes: &[u8]) -> (Cow<'_, str>, SourceEncoding) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let kind = if encoding == encoding_rs::UTF_8 { SourceEncoding::Utf8Bom } else { SourceEncoding::Utf16 };
        return (text, kind);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding.decode_without_bom_handling(bytes).0, SourceEncoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), SourceEncoding::Utf8),
        // The bytes that are not UTF-8 become U+FFFD, which the preview reports per cell.
        Err(_) if mostly_utf8(bytes) => (String::from_utf8_lossy(bytes), SourceEncoding::Utf8),
        Err(_) => (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0, SourceEncoding::Windows1252),
    }
}

/// Whether a file that is not wholly valid UTF-8 is still meant as UTF-8: it has more valid
/// multi-byte letters than invalid sequences. Windows-1252 text has almost none (its "ü" is one
/// byte, which UTF-8 never allows before plain letters), while a UTF-8 file with a line pasted
/// from elsewhere has a few stray bytes among many valid letters. Decoding such a file as
/// Windows-1252 would garble every one of those letters without a word.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut letters, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        // Lead bytes of multi-byte sequences: one per letter outside ASCII.
        letters += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    letters > invalid
}

/// UTF-16 without a byte order mark, told by its zero bytes: a participant list is mostly
/// ASCII, and in UTF-16 every ASCII character has a zero byte, on the same side each time
/// (second in little endian, first in big endian). UTF-8 and Windows-1252 text has none.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let units = sample.len() / 2;
    let zeros = |side: usize| sample.iter().skip(side).step_by(2).filter(|&&b| b == 0).count();
    let (first, second) = (zeros(0), zeros(1));
    // Many units with a zero on one side (a quarter: names in other scripts have fewer), hardly
    // any on the other (a letter such as U+0100).
    if units >= 2 && second * 4 > units && first * 10 < second {
        Some(encoding_rs::UTF_16LE)
    } else if units >= 2 && first * 4 > units && second * 10 < first {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Excel's first line `sep=;` (any single separator character): the separator and where the
/// table starts after that line.
fn separator_hint(text: &str) -> Option<(u8, usize)> {
    let end = text.find(['\r', '\n']).unwrap_or(text.len());
    let line = text[..end].trim();
    let prefix = line.get(..4)?;
    let &[delimiter] = &line.as_bytes()[4..] else { return None };
    if !prefix.eq_ignore_ascii_case("sep=") || delimiter == b'"' || delimiter.is_ascii_alphanumeric() {
        return None;
    }
    let rest = if text[end..].starts_with("\r\n") { end + 2 } else { (end + 1).min(text.len()) };
    Some((delimiter, rest))
}

/// The separator that occurs most often in the header line, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.split(['\r', '\n']).find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for b in header.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (d, n) in &mut counts {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts.iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n).map_or(b',', |(d, _)| *d)
}

/// Line and column of a quote that opens a cell and is never closed, read as the csv reader
/// reads: a quote opens a cell only at its start, and `""` inside stands for one quote.
fn unclosed_quote(bytes: &[u8], delimiter: u8, first_line: u32) -> Option<(u32, u32)> {
    let (mut line, mut column) = (first_line, 1);
    let mut cell_start = true;
    let mut open: Option<(u32, u32)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if open.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            } else if ends_line(bytes, i) {
                line += 1;
            }
        } else if b == b'"' && cell_start {
            open = Some((line, column));
            cell_start = false;
        } else if b == delimiter {
            column += 1;
            cell_start = true;
        } else if ends_line(bytes, i) {
            (line, column, cell_start) = (line + 1, 1, true);
        } else if b != b'\r' {
            cell_start = false;
        }
        i += 1;
    }
    open
}

/// What a column of the file means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// Not imported.
    Ignore,
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// "First Last" or "Last, First" in one cell.
    FullName,
    /// Organisation.
    Organisation,
    /// Municipality or group.
    Group,
    /// Role or function.
    Role,
    /// E-mail address.
    Email,
    /// Kept as a free attribute under the column's header.
    Attribute,
    /// Topic wishes: one per column ("1. Wunsch", "2. Wunsch") in column order, or several in
    /// one cell separated by semicolons or line breaks.
    Wish,
}

/// Proposes a role for each header from common German and English column names. Unknown
/// columns become free attributes; a plain "Name" is the last name when there is also a first
/// name column, the full name otherwise.
pub fn guess_mapping(headers: &[String]) -> Vec<ColumnRole> {
    let keys: Vec<String> = headers.iter().map(|h| match_key(h)).collect();
    let has_first = keys.iter().any(|k| role_for_key(k) == Some(ColumnRole::FirstName));
    let mut used = std::collections::HashSet::new();
    keys.iter()
        .map(|key| {
            let role = match role_for_key(key) {
                Some(ColumnRole::FullName) if key == "name" && has_first => ColumnRole::LastName,
                Some(role) => role,
                None if key.is_empty() => ColumnRole::Ignore,
                None => ColumnRole::Attribute,
            };
            // A second column with the same role is kept as an attribute rather than lost.
            if !role.may_repeat() && !used.insert(role) { ColumnRole::Attribute } else { role }
        })
        .collect()
}

impl ColumnRole {
    /// Whether several columns may have this role.
    fn may_repeat(self) -> bool {
        matches!(self, Self::Ignore | Self::Attribute | Self::Wish)
    }
}

/// Headers of wish columns: "Wunsch", "1. Wunsch", "Erstwunsch", "Themenwünsche", "Wish 2",
/// "First choice", "Präferenz".
fn is_wish_key(key: &str) -> bool {
    ["wunsch", "wuensch", "wish", "choice", "praeferenz", "preference"].iter().any(|w| key.contains(w))
}

fn role_for_key(key: &str) -> Option<ColumnRole> {
    use ColumnRole::{Email, FirstName, FullName, Group, LastName, Organisation, Role, Wish};
    if is_wish_key(key) {
        return Some(Wish);
    }
    Some(match key {
        "vorname" | "rufname" | "firstname" | "givenname" | "first" | "forename" => FirstName,
        "nachname" | "familienname" | "zuname" | "lastname" | "surname" | "familyname" | "last" => LastName,
        "name" | "vollstaendigername" | "teilnehmer" | "teilnehmerin" | "teilnehmerinnen" | "teilnehmende"
        | "fullname" | "participant" | "person" => FullName,
        "organisation" | "organization" | "org" | "traeger" | "institution" | "einrichtung" | "verband" | "firma"
        | "behoerde" | "dienststelle" | "verein" | "company" | "agency" => Organisation,
        "gruppe" | "kommune" | "gemeinde" | "stadt" | "municipality" | "group" | "bereich" | "ort" | "city"
        | "town" | "stadtgemeinde" => Group,
        "rolle" | "funktion" | "position" | "role" | "function" | "jobtitle" => Role,
        "email" | "mail" | "emailadresse" | "mailadresse" | "emailaddress" => Email,
        _ => return None,
    })
}

/// Something wrong with the mapping as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum MappingProblem {
    /// No column gives a name.
    NoNameColumn,
    /// The mapping lists more or fewer columns than the file has.
    WrongColumnCount {
        /// Columns in the file.
        expected: u32,
        /// Roles given.
        found: u32,
    },
    /// One role is given to two columns.
    RoleTwice {
        /// The role.
        role: ColumnRole,
    },
    /// Several columns kept as free attributes have the same header, so only one of them
    /// would be kept.
    SameHeader {
        /// The header.
        header: String,
        /// Its columns, 1-based.
        columns: Vec<u32>,
    },
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowProblemKind {
    /// The row has more or fewer cells than the header.
    CellCount {
        /// Cells in the header.
        expected: u32,
        /// Cells in this row.
        found: u32,
    },
    /// A value breaks a rule.
    Field {
        /// The participant field.
        field: String,
        /// The rule.
        problem: FieldProblem,
    },
    /// The cell holds characters that could not be read (bytes that are not UTF-8 in a UTF-8
    /// file, shown as �): its letters are lost.
    Unreadable,
    /// A quoted cell runs over several lines that look like rows of their own: a quote was
    /// probably opened by mistake and closed only by a later one.
    QuoteSpansLines {
        /// 1-based line where the quote opens.
        opened: u32,
        /// 1-based line where the cell ends.
        closed: u32,
    },
    /// A name holds "?": the file went through an encoding that could not represent some
    /// letters ("Ay?e" for "Ayşe") before it reached us. A warning: the row can be imported.
    LostLetters {
        /// The participant field.
        field: String,
    },
}

/// A problem in one row, located by line and (where it belongs to one) column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    /// 1-based column, when the problem belongs to one cell.
    pub column: Option<u32>,
    /// That column's header.
    pub column_name: Option<String>,
    /// What is wrong.
    pub kind: RowProblemKind,
}

/// Why a row looks like someone already on the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DuplicateOf {
    /// A participant already in the workshop.
    Existing {
        /// Their name.
        name: String,
        /// What is the same.
        by: DuplicateBy,
    },
    /// An earlier row of the same file.
    EarlierRow {
        /// That row's line.
        line: u32,
        /// What is the same.
        by: DuplicateBy,
    },
}

/// What two rows have in common that makes them look like one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateBy {
    /// The name, spelled alike (and no different e-mail addresses).
    Name,
    /// The e-mail address, whatever the names.
    Email,
}

/// One data row as it would be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRow {
    /// 1-based line in the file.
    pub line: u32,
    /// The person, cleaned.
    pub participant: ParticipantInput,
    /// Why the row cannot be imported; empty when it can.
    pub problems: Vec<RowProblem>,
    /// What the user should check although the row can be imported.
    pub warnings: Vec<RowProblem>,
    /// Set when the row probably repeats a known person (a warning, not an error).
    pub duplicate_of: Option<DuplicateOf>,
}

/// What an import would do, shown to the user before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    /// How the file was decoded.
    pub encoding: SourceEncoding,
    /// The separator found.
    pub delimiter: String,
    /// The file's column headers.
    pub headers: Vec<String>,
    /// The role of each column.
    pub mapping: Vec<ColumnRole>,
    /// Problems of the mapping; when any, no row is importable.
    pub mapping_problems: Vec<MappingProblem>,
    /// Every data row.
    pub rows: Vec<ImportRow>,
}

impl ImportPreview {
    /// Rows without problems.
    pub fn valid_rows(&self) -> impl Iterator<Item = &ImportRow> {
        self.rows.iter().filter(|r| r.problems.is_empty())
    }

    /// Number of rows with problems.
    pub fn invalid_count(&self) -> usize {
        self.rows.iter().filter(|r| !r.problems.is_empty()).count()
    }

    /// Number of rows flagged as duplicates.
    pub fn duplicate_count(&self) -> usize {
        self.rows.iter().filter(|r| r.duplicate_of.is_some()).count()
    }

    /// What importing with `options` would do: the rule that decides whether an import may go
    /// ahead, shared by the app, the CLI and the import dialog (which shows this decision). An
    /// import that would add nobody (every row a known person) is not refused: it does nothing
    /// and says so, so importing the same file twice is harmless.
    pub fn decide(&self, options: ImportOptions) -> ImportDecision {
        let invalid = count(self.invalid_count());
        let (mut importable, mut skipped_duplicates) = (0, 0);
        for row in self.valid_rows() {
            if row.duplicate_of.is_some() && !options.include_duplicates {
                skipped_duplicates += 1;
            } else {
                importable += 1;
            }
        }
        let refusal = if !self.mapping_problems.is_empty() {
            Some(ImportRefusal::Mapping)
        } else if invalid > 0 && !options.skip_invalid {
            Some(ImportRefusal::RowsWithProblems)
        } else {
            None
        };
        ImportDecision { options, importable, skipped_invalid: invalid, skipped_duplicates, refusal }
    }

    /// The people an import with `decision` adds, in file order; empty when it is refused.
    pub fn selected<'a>(&'a self, decision: &ImportDecision) -> impl Iterator<Item = &'a ParticipantInput> + 'a {
        let decision = *decision;
        self.rows.iter().filter(move |r| r.is_selected(&decision)).map(|r| &r.participant)
    }

    /// Like [`ImportPreview::selected`], taking the people out of the preview rather than
    /// copying them (a large list is then held once).
    pub fn into_selected(self, decision: &ImportDecision) -> impl Iterator<Item = ParticipantInput> {
        let decision = *decision;
        self.rows.into_iter().filter(move |r| r.is_selected(&decision)).map(|r| r.participant)
    }
}

impl ImportRow {
    fn is_selected(&self, decision: &ImportDecision) -> bool {
        decision.refusal.is_none()
            && self.problems.is_empty()
            && (decision.options.include_duplicates || self.duplicate_of.is_none())
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How to treat rows that cannot or should not be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// Import the good rows even when others have problems (otherwise nothing is imported).
    pub skip_invalid: bool,
    /// Import rows flagged as duplicates too (otherwise they are left out).
    pub include_duplicates: bool,
}

/// Why an import may not go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportRefusal {
    /// The column mapping has problems (e.g. no name column).
    Mapping,
    /// Rows have problems and the user did not choose to skip them.
    RowsWithProblems,
}

/// What an import with given options would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportDecision {
    /// The options decided on.
    pub options: ImportOptions,
    /// People that would be added.
    pub importable: u32,
    /// Rows left out because of problems.
    pub skipped_invalid: u32,
    /// Rows left out as duplicates.
    pub skipped_duplicates: u32,
    /// Why nothing may be imported; `None` when the import may go ahead.
    pub refusal: Option<ImportRefusal>,
}

/// Maps every row with `mapping` and checks it; `existing` are the workshop's participants, for
/// duplicate detection. Takes the sheet: each row's cells move into its person rather than
/// being copied, so a large file is not held twice.
pub fn preview(sheet: CsvSheet, mapping: &[ColumnRole], existing: &[ParticipantInput]) -> ImportPreview {
    let CsvSheet { encoding, delimiter, headers, records } = sheet;
    let mapping_problems = check_mapping(&headers, mapping);
    let mut known = KnownPeople::default();
    for person in existing {
        known.add(person, Known::Existing(person.display_name()));
    }
    let rows = records
        .into_iter()
        .map(|record| {
            let line = record.line;
            let (participant, mut problems) = map_record(&headers, &delimiter, mapping, record);
            let participant = match participant.validated() {
                Ok(clean) => clean,
                Err(e) => {
                    problems.extend(e.errors.into_iter().map(|fe| {
                        let column = column_of_field(mapping, &fe.field);
                        cell_problem(&headers, column, RowProblemKind::Field { field: fe.field, problem: fe.problem })
                    }));
                    participant
                }
            };
            let warnings = lost_letters(&headers, mapping, &participant);
            let duplicate_of = known.find(&participant);
            if duplicate_of.is_none() {
                known.add(&participant, Known::Row(line));
            }
            ImportRow { line, participant, problems, warnings, duplicate_of }
        })
        .collect();
    ImportPreview { encoding, delimiter, headers, mapping: mapping.to_vec(), mapping_problems, rows }
}

/// A problem located at a column (0-based `column`), or at the whole row.
fn cell_problem(headers: &[String], column: Option<usize>, kind: RowProblemKind) -> RowProblem {
    RowProblem { column: column.map(|c| count(c + 1)), column_name: column.and_then(|c| headers.get(c).cloned()), kind }
}

/// "?" inside a name: what an export to an encoding without "ş" or "ö" leaves of them
/// ("Ay?e Öztürk" → "Ay?e ?zt?rk"). No name has a real question mark, so it is worth a look.
fn lost_letters(headers: &[String], mapping: &[ColumnRole], person: &ParticipantInput) -> Vec<RowProblem> {
    [("first_name", &person.first_name), ("last_name", &person.last_name)]
        .into_iter()
        .filter(|(_, name)| name.contains('?'))
        .map(|(field, _)| {
            cell_problem(
                headers,
                column_of_field(mapping, field),
                RowProblemKind::LostLetters { field: field.to_owned() },
            )
        })
        .collect()
}

/// Where a person already seen came from.
#[derive(Clone)]
enum Known {
    Existing(String),
    Row(u32),
}

impl Known {
    fn duplicate(&self, by: DuplicateBy) -> DuplicateOf {
        match self {
            Self::Existing(name) => DuplicateOf::Existing { name: name.clone(), by },
            Self::Row(line) => DuplicateOf::EarlierRow { line: *line, by },
        }
    }
}

/// The people seen so far (the workshop's, then the file's rows), by name and by e-mail.
#[derive(Default)]
struct KnownPeople {
    /// Name key → each person of that name with their e-mail key.
    by_name: HashMap<String, Vec<(String, Known)>>,
    by_email: HashMap<String, Known>,
}

impl KnownPeople {
    fn add(&mut self, person: &ParticipantInput, known: Known) {
        let (name, email) = (duplicate_key(person), email_key(&person.email));
        if !email.is_empty() {
            self.by_email.entry(email.clone()).or_insert_with(|| known.clone());
        }
        if !name.is_empty() {
            self.by_name.entry(name).or_default().push((email, known));
        }
    }

    /// The first person already seen that `person` repeats: the same name (two people of the
    /// same name are told apart by different e-mail addresses; a missing address decides
    /// nothing), or else the same e-mail address.
    fn find(&self, person: &ParticipantInput) -> Option<DuplicateOf> {
        let email = email_key(&person.email);
        let same_name = self.by_name.get(&duplicate_key(person)).and_then(|people| {
            people.iter().find(|(known_email, _)| email.is_empty() || known_email.is_empty() || *known_email == email)
        });
        if let Some((_, known)) = same_name {
            return Some(known.duplicate(DuplicateBy::Name));
        }
        if email.is_empty() { None } else { self.by_email.get(&email).map(|known| known.duplicate(DuplicateBy::Email)) }
    }
}

fn check_mapping(headers: &[String], mapping: &[ColumnRole]) -> Vec<MappingProblem> {
    let mut problems = Vec::new();
    if mapping.len() != headers.len() {
        problems.push(MappingProblem::WrongColumnCount { expected: count(headers.len()), found: count(mapping.len()) });
    }
    if !mapping.iter().any(|r| matches!(r, ColumnRole::FirstName | ColumnRole::LastName | ColumnRole::FullName)) {
        problems.push(MappingProblem::NoNameColumn);
    }
    let mut seen = std::collections::HashSet::new();
    for role in mapping {
        if !role.may_repeat() && !seen.insert(*role) {
            problems.push(MappingProblem::RoleTwice { role: *role });
        }
    }
    // Attributes are kept under their column's header; under one header only one would stay.
    let mut attribute_columns: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, role) in mapping.iter().enumerate() {
        if *role == ColumnRole::Attribute {
            attribute_columns.entry(attribute_key(headers, i)).or_default().push(count(i + 1));
        }
    }
    problems.extend(
        attribute_columns
            .into_iter()
            .filter(|(_, columns)| columns.len() > 1)
            .map(|(header, columns)| MappingProblem::SameHeader { header, columns }),
    );
    problems
}

/// The key a column's values are kept under as free attributes: its header, or its number.
fn attribute_key(headers: &[String], column: usize) -> String {
    match headers.get(column) {
        Some(header) if !header.is_empty() => header.clone(),
        _ => format!("#{}", column + 1),
    }
}

fn map_record(
    headers: &[String],
    delimiter: &str,
    mapping: &[ColumnRole],
    record: CsvRecord,
) -> (ParticipantInput, Vec<RowProblem>) {
    let mut problems = Vec::new();
    let expected = headers.len();
    let found = record.cells.len();
    // A trailing empty cell or two (a stray separator at the end of a line) is harmless.
    let extra_is_blank = found > expected && record.cells[expected..].iter().all(|c| c.trim().is_empty());
    if found != expected && !extra_is_blank {
        problems.push(RowProblem {
            column: None,
            column_name: None,
            kind: RowProblemKind::CellCount { expected: count(expected), found: count(found) },
        });
    }
    problems.extend(swallowed_lines(headers, delimiter, &record));
    let mut p = ParticipantInput::default();
    let mut attributes = BTreeMap::new();
    for ((i, value), role) in record.cells.into_iter().enumerate().zip(mapping) {
        if *role != ColumnRole::Ignore && value.contains(char::REPLACEMENT_CHARACTER) {
            problems.push(cell_problem(headers, Some(i), RowProblemKind::Unreadable));
        }
        match role {
            ColumnRole::Ignore => {}
            ColumnRole::FirstName => p.first_name = value,
            ColumnRole::LastName => p.last_name = value,
            ColumnRole::FullName => {
                let (first, last) = split_full_name(&value);
                p.first_name = first;
                p.last_name = last;
            }
            ColumnRole::Organisation => p.organisation = value,
            ColumnRole::Group => p.group = value,
            ColumnRole::Role => p.role = value,
            ColumnRole::Email => p.email = value,
            ColumnRole::Attribute => {
                attributes.insert(attribute_key(headers, i), value);
            }
            ColumnRole::Wish => p.wishes.extend(value.split([';', '\n', '\r']).map(str::to_owned)),
        }
    }
    p.attributes = attributes;
    (p, problems)
}

/// Quoted cells that run over lines looking like rows of their own (as many separators as a
/// row has): a stray quote swallowed those rows until another quote closed it. A line break
/// in an ordinary quoted cell ("Kreis Bergheim\nAmt 50") has no such line after it.
fn swallowed_lines(headers: &[String], delimiter: &str, record: &CsvRecord) -> Vec<RowProblem> {
    let separators = headers.len().saturating_sub(1);
    let mut line = record.line;
    let mut problems = Vec::new();
    for (i, cell) in record.cells.iter().enumerate() {
        let breaks = line_ends(cell);
        let looks_like_rows = cell
            .split(['\r', '\n'])
            .skip(1)
            .any(|l| !l.trim().is_empty() && l.matches(delimiter).count() >= separators);
        if breaks > 0 && looks_like_rows {
            let kind = RowProblemKind::QuoteSpansLines { opened: line, closed: line + breaks };
            problems.push(cell_problem(headers, Some(i), kind));
        }
        line += breaks;
    }
    problems
}

/// "Müller, Anna" → ("Anna", "Müller"); "Anna Maria Müller" → ("Anna Maria", "Müller").
pub fn split_full_name(full: &str) -> (String, String) {
    let full = clean_line(full);
    if let Some((last, first)) = full.split_once(',') {
        return (first.trim().to_owned(), last.trim().to_owned());
    }
    match full.rsplit_once(' ') {
        Some((first, last)) => (first.to_owned(), last.to_owned()),
        None => (String::new(), full),
    }
}

fn column_of_field(mapping: &[ColumnRole], field: &str) -> Option<usize> {
    let wanted: &[ColumnRole] = match field {
        "first_name" => &[ColumnRole::FirstName, ColumnRole::FullName],
        "last_name" => &[ColumnRole::LastName, ColumnRole::FullName],
        "organisation" => &[ColumnRole::Organisation],
        "group" => &[ColumnRole::Group],
        "role" => &[ColumnRole::Role],
        "email" => &[ColumnRole::Email],
        "wishes" => &[ColumnRole::Wish],
        _ => &[ColumnRole::Attribute],
    };
    mapping.iter().position(|r| wanted.contains(r))
}

fn duplicate_key(p: &ParticipantInput) -> String {
    let (first, last) = (match_key(&p.first_name), match_key(&p.last_name));
    if first.is_empty() && last.is_empty() { String::new() } else { format!("{first}|{last}") }
}

/// An e-mail address as compared: trimmed, case ignored.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Writes participants as a CSV that German Excel opens correctly (UTF-8 with BOM, semicolons),
/// every cell written as [`csv_cell`] says.
pub fn write_participants(participants: &[ParticipantInput], language: Language) -> Vec<u8> {
    let headers: [&str; 6] = match language {
        Language::De => ["Vorname", "Nachname", "Organisation", "Gruppe", "Rolle", "E-Mail"],
        Language::En => ["First name", "Last name", "Organisation", "Group", "Role", "E-mail"],
    };
    let attribute_keys: Vec<&String> = {
        let mut keys: Vec<&String> = participants.iter().flat_map(|p| p.attributes.keys()).collect();
        keys.sort();
        keys.dedup();
        keys
    };
    // The wishes in one column, read back by the same rule that imports them.
    let wishes_header = participants.iter().any(|p| !p.wishes.is_empty()).then_some(match language {
        Language::De => "Themenwünsche",
        Language::En => "Topic wishes",
    });
    let mut out = String::from("\u{feff}");
    push_row(&mut out, headers.iter().copied().chain(wishes_header).chain(attribute_keys.iter().map(|k| k.as_str())));
    for p in participants {
        let fixed = [&p.first_name, &p.last_name, &p.organisation, &p.group, &p.role, &p.email];
        let wishes = wishes_header.map(|_| p.wishes.join("; "));
        let attrs = attribute_keys.iter().map(|k| p.attributes.get(*k).map_or("", String::as_str));
        push_row(&mut out, fixed.into_iter().map(String::as_str).chain(wishes.as_deref()).chain(attrs));
    }
    out.into_bytes()
}

/// One line of a semicolon-separated file, ended as Excel ends lines.
fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(&csv_cell(cell));
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> CsvSheet {
        read_sheet(text.as_bytes()).unwrap()
    }

    /// The preview with the guessed mapping.
    fn guessed(s: CsvSheet, existing: &[ParticipantInput]) -> ImportPreview {
        let mapping = guess_mapping(&s.headers);
        preview(s, &mapping, existing)
    }

    #[test]
    fn wishes_come_from_one_column_per_choice_or_one_column_for_all() {
        let s = sheet("Name,1. Wunsch,2. Wunsch,Zweitwunsch Raum\nAnna Roth,Wohnen,Kita,\n");
        assert_eq!(guess_mapping(&s.headers)[1..], [ColumnRole::Wish, ColumnRole::Wish, ColumnRole::Wish]);
        let p = guessed(s, &[]);
        assert!(p.mapping_problems.is_empty(), "several wish columns are fine: {:?}", p.mapping_problems);
        assert_eq!(p.rows[0].participant.wishes, ["Wohnen", "Kita"]);

        let p = guessed(sheet("Name;Themenwünsche\nAnna Roth;\"Wohnen; Tisch 4\"\nBen Ali;\"A;B;C;D\"\n"), &[]);
        assert_eq!(p.rows[0].participant.wishes, ["Wohnen", "Tisch 4"]);
        let too_many = &p.rows[1].problems;
        assert!(
            too_many.iter().any(|r| r.column == Some(2)
                && r.kind
                    == RowProblemKind::Field {
                        field: "wishes".into(),
                        problem: FieldProblem::OutOfRange { min: 0, max: 3 }
                    }),
            "{too_many:?}"
        );
    }

    #[test]
    fn semicolon_file_with_german_headers() {
        let s = sheet("Vorname;Nachname;Träger;E-Mail;Lieblingsessen\nAnna;Müller;AWO;anna@awo.de;Pizza\n");
        assert_eq!(s.delimiter, ";");
        let mapping = guess_mapping(&s.headers);
        assert_eq!(
            mapping,
            vec![
                ColumnRole::FirstName,
                ColumnRole::LastName,
                ColumnRole::Organisation,
                ColumnRole::Email,
                ColumnRole::Attribute
            ]
        );
        let p = preview(s, &mapping, &[]);
        assert!(p.mapping_problems.is_empty());
        let row = &p.rows[0];
        assert_eq!(row.line, 2);
        assert_eq!(row.participant.organisation, "AWO");
        assert_eq!(row.participant.attributes.get("Lieblingsessen").map(String::as_str), Some("Pizza"));
    }

    #[test]
    fn windows_1252_is_decoded() {
        let bytes = b"Name,Organisation\r\nJ\xfcrgen Stra\xdfer,Caritas\r\n";
        let s = read_sheet(bytes).unwrap();
        assert_eq!(s.encoding, SourceEncoding::Windows1252);
        let p = guessed(s, &[]);
        assert_eq!(p.rows[0].participant.first_name, "Jürgen");
        assert_eq!(p.rows[0].participant.last_name, "Straßer");
    }

    #[test]
    fn utf8_bom_and_utf16_are_decoded() {
        let s = read_sheet("\u{feff}Vorname,Nachname\nÖzlem,Şahin\n".as_bytes()).unwrap();
        assert_eq!(s.encoding, SourceEncoding::Utf8Bom);
        assert_eq!(s.headers[0], "Vorname");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Vorname\tNachname\nŁukasz\tNowak\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let s = read_sheet(&utf16).unwrap();
        assert_eq!(s.encoding, SourceEncoding::Utf16);
        assert_eq!(s.delimiter, "\t");
        assert_eq!(s.records[0].cells, vec!["Łukasz", "Nowak"]);
    }

    #[test]
    fn plain_name_column_is_last_name_only_beside_a_first_name() {
        assert_eq!(guess_mapping(&["Name".into()]), vec![ColumnRole::FullName]);
        assert_eq!(
            guess_mapping(&["Vorname".into(), "Name".into()]),
            vec![ColumnRole::FirstName, ColumnRole::LastName]
        );
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_column() {
        let s = sheet(
            "Vorname;Nachname;E-Mail\nAnna;Müller;anna@x.de\n;;\n\nBen;;ben-at-home\nCarla;Schmidt;c@x.de;extra\n",
        );
        let p = guessed(s, &[]);
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 5, 6], "blank rows are skipped");
        let ben = &p.rows[1];
        assert_eq!(ben.line, 5);
        assert_eq!(
            ben.problems,
            vec![RowProblem {
                column: Some(3),
                column_name: Some("E-Mail".into()),
                kind: RowProblemKind::Field { field: "email".into(), problem: FieldProblem::Malformed }
            }]
        );
        let carla = &p.rows[2];
        assert_eq!(carla.line, 6);
        assert_eq!(carla.problems[0].kind, RowProblemKind::CellCount { expected: 3, found: 4 });
        assert_eq!(p.invalid_count(), 2);
    }

    #[test]
    fn missing_name_points_at_the_name_column() {
        let s = sheet("Vorname,Nachname,Organisation\n,,AWO\n");
        let p = guessed(s, &[]);
        assert_eq!(p.rows[0].problems[0].column, Some(2));
    }

    #[test]
    fn duplicates_are_flagged_not_rejected() {
        let s = sheet("Name;E-Mail\nAnna Müller;\nanna mueller;\nAnna Müller;other@x.de\nBen Kaya;ben@x.de\n");
        let existing = [ParticipantInput { first_name: "Ben".into(), last_name: "Kaya".into(), ..Default::default() }];
        let p = guessed(s, &existing);
        assert_eq!(p.rows[0].duplicate_of, None);
        let by_name = DuplicateBy::Name;
        assert_eq!(p.rows[1].duplicate_of, Some(DuplicateOf::EarlierRow { line: 2, by: by_name }));
        assert_eq!(
            p.rows[2].duplicate_of,
            Some(DuplicateOf::EarlierRow { line: 2, by: by_name }),
            "the first Anna had no address"
        );
        assert_eq!(p.rows[3].duplicate_of, Some(DuplicateOf::Existing { name: "Ben Kaya".into(), by: by_name }));
        assert_eq!(p.invalid_count(), 0);
    }

    #[test]
    fn mapping_without_a_name_is_refused() {
        let s = sheet("Organisation\nAWO\n");
        let p = preview(s, &[ColumnRole::Organisation], &[]);
        assert_eq!(p.mapping_problems, vec![MappingProblem::NoNameColumn]);
    }

    #[test]
    fn quoted_cells_with_separators_and_line_breaks() {
        let s = sheet("Name,Organisation\n\"Müller, Anna\",\"Kreis, Amt 50\nIntegration\"\nBen Kaya,VHS\n");
        let p = guessed(s, &[]);
        assert_eq!(p.rows[0].participant.first_name, "Anna");
        assert_eq!(p.rows[0].participant.organisation, "Kreis, Amt 50 Integration");
        assert_eq!(p.rows[1].line, 4, "line numbers count the line break inside the quoted cell");
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert_eq!(read_sheet(b""), Err(CsvError::Empty));
        assert_eq!(read_sheet(b"\n\n"), Err(CsvError::Empty));
        let big = vec![b'a'; MAX_CSV_BYTES + 1];
        assert!(matches!(read_sheet(&big), Err(CsvError::TooLarge { .. })));
    }

    #[test]
    fn export_defuses_formulas_and_reads_back() {
        let people = vec![ParticipantInput {
            first_name: "=cmd".into(),
            last_name: "Öztürk".into(),
            organisation: "AWO; Kreis".into(),
            attributes: BTreeMap::from([("Raum".into(), "12".into())]),
            ..Default::default()
        }];
        let bytes = write_participants(&people, Language::De);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("'=cmd"));
        let s = read_sheet(&bytes).unwrap();
        let p = guessed(s, &[]);
        assert_eq!(p.rows[0].participant.last_name, "Öztürk");
        assert_eq!(p.rows[0].participant.organisation, "AWO; Kreis");
        assert_eq!(p.rows[0].participant.attributes.get("Raum").map(String::as_str), Some("12"));
    }

    /// Lines 2.. of a file with one header and `rows`, as UTF-8 bytes.
    fn names_file(rows: &[&str]) -> Vec<u8> {
        let mut text = String::from("Vorname;Nachname;Organisation\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        text.into_bytes()
    }

    #[test]
    fn a_stray_byte_in_a_utf8_file_spoils_only_its_own_row() {
        // Most rows are UTF-8; line 4 was pasted from a Windows-1252 file ("Jürgen" with 0xFC).
        let mut bytes = names_file(&["Ayşe;Öztürk;AWO", "Łukasz;Wiśniewski;VHS"]);
        bytes.extend_from_slice(b"J\xfcrgen;Stra\xdfer;Caritas\n");
        bytes.extend_from_slice("Zoë;Müller;DRK\n".as_bytes());
        let s = read_sheet(&bytes).unwrap();
        assert_eq!(s.encoding, SourceEncoding::Utf8, "the valid UTF-8 letters outnumber the stray bytes");
        let p = guessed(s, &[]);
        assert_eq!(p.rows[0].participant.first_name, "Ayşe");
        assert_eq!(p.rows[3].participant.last_name, "Müller");
        let stray = &p.rows[2];
        assert_eq!(stray.line, 4);
        let unreadable: Vec<(Option<u32>, &RowProblemKind)> =
            stray.problems.iter().map(|pr| (pr.column, &pr.kind)).collect();
        assert_eq!(unreadable, vec![(Some(1), &RowProblemKind::Unreadable), (Some(2), &RowProblemKind::Unreadable)]);
        assert_eq!(p.invalid_count(), 1, "only the row with the stray bytes");
    }

    #[test]
    fn a_file_wholly_in_windows_1252_is_still_read_as_such() {
        let bytes = b"Vorname;Nachname\nJ\xfcrgen;Stra\xdfer\n\xd6zlem;G\xfcl\nRen\xe9;M\xfcller\n";
        let s = read_sheet(bytes).unwrap();
        assert_eq!(s.encoding, SourceEncoding::Windows1252);
        let p = guessed(s, &[]);
        assert_eq!(p.rows[1].participant.first_name, "Özlem");
        assert_eq!(p.invalid_count(), 0);
    }

    #[test]
    fn an_unbalanced_quote_is_reported_where_it_opens() {
        // The quote before "Müller" never closes: it would swallow every row after it.
        let bytes = names_file(&["Anna;\"Müller;AWO", "Ben;Kaya;VHS", "Carla;Schmidt;DRK", "Dora;Ernst;VHS"]);
        assert_eq!(read_sheet(&bytes), Err(CsvError::UnclosedQuote { line: 2, column: 2 }));
    }

    #[test]
    fn a_quote_closed_only_rows_later_is_a_problem_of_its_row() {
        // The stray quote in line 3 is closed by the one in line 5: lines 3 to 5 became one cell.
        let bytes = names_file(&[
            "Anna;Müller;AWO",
            "Ben;\"Kaya;VHS",
            "Carla;Schmidt;DRK",
            "Dora;Ernst;\"Caritas\"",
            "Emil;Fuchs;VHS",
        ]);
        let s = read_sheet(&bytes).unwrap();
        let p = guessed(s, &[]);
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3, 6]);
        let ben = &p.rows[1];
        assert!(
            ben.problems.contains(&RowProblem {
                column: Some(2),
                column_name: Some("Nachname".into()),
                kind: RowProblemKind::QuoteSpansLines { opened: 3, closed: 5 },
            }),
            "{:?}",
            ben.problems
        );
        assert_eq!(p.rows[2].participant.first_name, "Emil", "the rows after the closing quote are read");
    }

    #[test]
    fn a_line_break_inside_a_quoted_cell_is_no_problem() {
        let s = sheet("Name;Organisation\nAnna Müller;\"Kreis Bergheim\nAmt 50\"\nBen Kaya;VHS\n");
        let p = guessed(s, &[]);
        assert_eq!(p.invalid_count(), 0, "{:?}", p.rows);
        assert_eq!(p.rows[0].participant.organisation, "Kreis Bergheim Amt 50");
    }

    #[test]
    fn same_headers_kept_as_attributes_are_a_mapping_problem() {
        let s = sheet("Name;Raum;Notiz;Raum\nAnna Müller;12;x;14\n");
        let mapping = guess_mapping(&s.headers);
        let p = preview(s.clone(), &mapping, &[]);
        assert_eq!(p.mapping_problems, vec![MappingProblem::SameHeader { header: "Raum".into(), columns: vec![2, 4] }]);
        // Leaving one of them out keeps every value that is imported.
        let mut chosen = mapping;
        chosen[3] = ColumnRole::Ignore;
        assert!(preview(s, &chosen, &[]).mapping_problems.is_empty());
    }

    #[test]
    fn question_marks_in_names_are_warned_about() {
        let s = sheet("Vorname;Nachname;Organisation\nAy?e;?zt?rk;AWO\nAnna;Müller;Was tun?\n");
        let p = guessed(s, &[]);
        let kinds: Vec<(Option<u32>, &RowProblemKind)> =
            p.rows[0].warnings.iter().map(|w| (w.column, &w.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (Some(1), &RowProblemKind::LostLetters { field: "first_name".into() }),
                (Some(2), &RowProblemKind::LostLetters { field: "last_name".into() }),
            ]
        );
        assert!(p.rows[0].problems.is_empty(), "a warning does not block the row");
        assert!(p.rows[1].warnings.is_empty(), "a question mark elsewhere is fine");
        assert_eq!(p.decide(ImportOptions::default()).importable, 2);
    }

    #[test]
    fn duplicates_are_found_by_email_too() {
        let s = sheet(
            "Name;E-Mail\nAnna Müller;anna@awo.de\nA. Müller; ANNA@awo.de \nBen Kaya;ben@vhs.de\nBenjamin Kaya;Ben@VHS.de\n",
        );
        let existing = [ParticipantInput {
            first_name: "Benni".into(),
            last_name: "K.".into(),
            email: "ben@vhs.de".into(),
            ..Default::default()
        }];
        let p = guessed(s, &existing);
        let by_email = DuplicateBy::Email;
        assert_eq!(p.rows[0].duplicate_of, None);
        assert_eq!(p.rows[1].duplicate_of, Some(DuplicateOf::EarlierRow { line: 2, by: by_email }));
        assert_eq!(p.rows[2].duplicate_of, Some(DuplicateOf::Existing { name: "Benni K.".into(), by: by_email }));
        assert_eq!(p.rows[3].duplicate_of, Some(DuplicateOf::Existing { name: "Benni K.".into(), by: by_email }));
    }

    #[test]
    fn the_same_name_with_another_address_is_not_hidden_by_a_third_row() {
        let s = sheet("Name;E-Mail\nAnna Müller;a@x.de\nAnna Müller;b@x.de\nAnna Mueller;a@x.de\n");
        let p = guessed(s, &[]);
        assert_eq!(p.rows[1].duplicate_of, None, "another address: another Anna");
        assert_eq!(p.rows[2].duplicate_of, Some(DuplicateOf::EarlierRow { line: 2, by: DuplicateBy::Name }));
    }

    #[test]
    fn excel_separator_hint_is_honoured_and_skipped() {
        let s = sheet("sep=;\nVorname;Nachname\nAnna;Müller, geb. Kaya\n");
        assert_eq!(s.delimiter, ";");
        assert_eq!(s.headers, vec!["Vorname", "Nachname"]);
        assert_eq!(s.records[0].line, 3);
        assert_eq!(s.records[0].cells, vec!["Anna", "Müller, geb. Kaya"]);
        let s = sheet("SEP=,\r\nName,Organisation\r\n");
        assert_eq!((s.delimiter.as_str(), s.headers.len()), (",", 2));
    }

    #[test]
    fn utf16_without_byte_order_mark_is_recognised() {
        let text = "Vorname\tNachname\nŁukasz\tNowak\nAyşe\tÖztürk\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let s = read_sheet(&bytes).unwrap();
            assert_eq!(s.encoding, SourceEncoding::Utf16);
            assert_eq!(s.delimiter, "\t");
            assert_eq!(s.records[1].cells, vec!["Ayşe", "Öztürk"]);
        }
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let s = sheet("Vorname;Nachname\rAnna;Müller\rBen;\rCarla;Schmidt\r");
        assert_eq!(s.records.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert_eq!(s.records[2].cells, vec!["Carla", "Schmidt"]);
        let p = guessed(s, &[]);
        assert_eq!(p.invalid_count(), 0);
    }

    #[test]
    fn too_many_columns_are_refused_with_the_separator_named() {
        let header: Vec<String> = (1..=40).map(|i| format!("Frage {i}")).collect();
        let text = format!("{}\n{}\n", header.join(","), vec!["x"; 40].join(","));
        assert_eq!(
            read_sheet(text.as_bytes()),
            Err(CsvError::TooManyColumns { columns: 40, max: 39, delimiter: ",".into() })
        );
        // Empty columns that Excel adds at the end do not count.
        let wide = format!("Vorname;Nachname{}\nAnna;Müller\n", ";".repeat(60));
        assert!(read_sheet(wide.as_bytes()).is_ok());
    }

    #[test]
    fn exported_cells_that_could_start_a_formula_are_quoted_and_defused() {
        let people = vec![ParticipantInput {
            first_name: "x,=HYPERLINK(A1)".into(),
            last_name: "Kaya; +1".into(),
            organisation: "AWO\n@SUM(1)".into(),
            ..Default::default()
        }];
        let bytes = write_participants(&people, Language::De);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("Vorname;Nachname;"), "plain cells stay plain: {text}");
        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("\"x,'=HYPERLINK(A1)\";\"Kaya; '+1\";\"AWO"), "{row}");
        for delimiter in [b',', b';'] {
            let mut reader =
                csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(text.as_bytes());
            for record in reader.records() {
                for cell in &record.unwrap() {
                    for part in cell.split(['\n', '\r']) {
                        let start = part.trim_start_matches([' ', '"']);
                        assert!(
                            !start.starts_with(['=', '+', '-', '@']),
                            "{cell:?} read with {}",
                            char::from(delimiter)
                        );
                    }
                }
            }
        }
    }
}
