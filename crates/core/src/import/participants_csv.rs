use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::{clean_line, match_key, spreadsheet_safe};
use crate::validation::FieldProblem;
use crate::{Language, ParticipantInput};

/// Largest file accepted (a list of thousands of people is far smaller).
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows accepted.
pub const MAX_CSV_ROWS: usize = 20_000;

/// How the file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceEncoding {
    /// UTF-8 without byte order mark.
    Utf8,
    /// UTF-8 with byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 with byte order mark (Excel's "Unicode text").
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
    /// The CSV structure is broken at a line (e.g. a quote never closed).
    #[error("line {line}: {detail}")]
    Malformed {
        /// 1-based line in the file.
        line: u32,
        /// What the parser said.
        detail: String,
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
        return Err(CsvError::TooLarge { max_bytes: u32::try_from(MAX_CSV_BYTES).unwrap_or(u32::MAX) });
    }
    let (text, encoding) = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv crate does not count the blank lines it skips, so lines are counted here from
    // byte offsets, as an editor would show them.
    let mut lines = LineCounter::new(&text);
    for result in reader.records() {
        let record = result.map_err(|e| CsvError::Malformed {
            line: e.position().map_or(0, |p| lines.line_at(p.byte())),
            detail: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        rows.push(CsvRecord { line, cells: record.iter().map(str::to_owned).collect() });
        if rows.len() > MAX_CSV_ROWS + 1 {
            return Err(CsvError::TooManyRows { max_rows: u32::try_from(MAX_CSV_ROWS).unwrap_or(u32::MAX) });
        }
    }
    let mut rows = rows.into_iter();
    let headers = rows.next().ok_or(CsvError::Empty)?.cells.iter().map(|h| clean_line(h)).collect();
    Ok(CsvSheet { encoding, delimiter: char::from(delimiter).to_string(), headers, records: rows.collect() })
}

/// Turns increasing byte offsets into 1-based line numbers in one pass over the text.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self { text: text.as_bytes(), offset: 0, line: 1 }
    }

    fn line_at(&mut self, byte: u64) -> u32 {
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        // A record's position may point at the blank lines before it.
        while target < self.text.len() && matches!(self.text[target], b'\r' | b'\n') {
            target += 1;
        }
        if target > self.offset {
            #[allow(clippy::naive_bytecount)] // a few kilobytes: not worth a dependency
            let newlines = self.text[self.offset..target].iter().filter(|&&b| b == b'\n').count();
            self.line = self.line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            self.offset = target;
        }
        self.line
    }
}

fn decode(bytes: &[u8]) -> (String, SourceEncoding) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let kind = if encoding == encoding_rs::UTF_8 { SourceEncoding::Utf8Bom } else { SourceEncoding::Utf16 };
        return (text.into_owned(), kind);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), SourceEncoding::Utf8)
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        (text.into_owned(), SourceEncoding::Windows1252)
    }
}

/// The separator that occurs most often in the header line, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
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
            if role != ColumnRole::Attribute && role != ColumnRole::Ignore && !used.insert(role) {
                ColumnRole::Attribute
            } else {
                role
            }
        })
        .collect()
}

fn role_for_key(key: &str) -> Option<ColumnRole> {
    use ColumnRole::{Email, FirstName, FullName, Group, LastName, Organisation, Role};
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
    },
    /// An earlier row of the same file.
    EarlierRow {
        /// That row's line.
        line: u32,
    },
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
        let go = decision.refusal.is_none();
        let include_duplicates = decision.options.include_duplicates;
        self.valid_rows()
            .filter(move |r| go && (include_duplicates || r.duplicate_of.is_none()))
            .map(|r| &r.participant)
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
/// duplicate detection.
pub fn preview(sheet: &CsvSheet, mapping: &[ColumnRole], existing: &[ParticipantInput]) -> ImportPreview {
    let mapping_problems = check_mapping(sheet, mapping);
    let mut seen: HashMap<String, (u32, String)> = HashMap::new();
    let existing_keys: HashMap<String, &ParticipantInput> = existing.iter().map(|p| (duplicate_key(p), p)).collect();
    let rows = sheet
        .records
        .iter()
        .map(|record| {
            let (participant, mut problems) = map_record(sheet, mapping, record);
            let participant = match participant.validated() {
                Ok(clean) => clean,
                Err(e) => {
                    problems.extend(e.errors.into_iter().map(|fe| {
                        let column = column_of_field(mapping, &fe.field);
                        RowProblem {
                            column: column.map(|c| u32::try_from(c + 1).unwrap_or(u32::MAX)),
                            column_name: column.and_then(|c| sheet.headers.get(c).cloned()),
                            kind: RowProblemKind::Field { field: fe.field, problem: fe.problem },
                        }
                    }));
                    participant
                }
            };
            let key = duplicate_key(&participant);
            let duplicate_of = if key.is_empty() {
                None
            } else if let Some(known) = existing_keys.get(&key).filter(|k| same_email(k, &participant)) {
                Some(DuplicateOf::Existing { name: known.display_name() })
            } else if let Some((line, _)) =
                seen.get(&key).filter(|(_, email)| same_email_str(email, &participant.email))
            {
                Some(DuplicateOf::EarlierRow { line: *line })
            } else {
                seen.insert(key, (record.line, participant.email.clone()));
                None
            };
            ImportRow { line: record.line, participant, problems, duplicate_of }
        })
        .collect();
    ImportPreview {
        encoding: sheet.encoding,
        delimiter: sheet.delimiter.clone(),
        headers: sheet.headers.clone(),
        mapping: mapping.to_vec(),
        mapping_problems,
        rows,
    }
}

fn check_mapping(sheet: &CsvSheet, mapping: &[ColumnRole]) -> Vec<MappingProblem> {
    let mut problems = Vec::new();
    if mapping.len() != sheet.headers.len() {
        problems.push(MappingProblem::WrongColumnCount {
            expected: u32::try_from(sheet.headers.len()).unwrap_or(u32::MAX),
            found: u32::try_from(mapping.len()).unwrap_or(u32::MAX),
        });
    }
    if !mapping.iter().any(|r| matches!(r, ColumnRole::FirstName | ColumnRole::LastName | ColumnRole::FullName)) {
        problems.push(MappingProblem::NoNameColumn);
    }
    let mut seen = std::collections::HashSet::new();
    for role in mapping {
        if !matches!(role, ColumnRole::Ignore | ColumnRole::Attribute) && !seen.insert(*role) {
            problems.push(MappingProblem::RoleTwice { role: *role });
        }
    }
    problems
}

fn map_record(sheet: &CsvSheet, mapping: &[ColumnRole], record: &CsvRecord) -> (ParticipantInput, Vec<RowProblem>) {
    let mut problems = Vec::new();
    let expected = sheet.headers.len();
    let found = record.cells.len();
    // A trailing empty cell or two (a stray separator at the end of a line) is harmless.
    let extra_is_blank = found > expected && record.cells[expected..].iter().all(|c| c.trim().is_empty());
    if found != expected && !extra_is_blank {
        problems.push(RowProblem {
            column: None,
            column_name: None,
            kind: RowProblemKind::CellCount {
                expected: u32::try_from(expected).unwrap_or(u32::MAX),
                found: u32::try_from(found).unwrap_or(u32::MAX),
            },
        });
    }
    let mut p = ParticipantInput::default();
    let mut attributes = BTreeMap::new();
    for (i, role) in mapping.iter().enumerate() {
        let Some(cell) = record.cells.get(i) else { continue };
        let value = cell.clone();
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
                let key = sheet.headers.get(i).cloned().unwrap_or_default();
                let key = if key.is_empty() { format!("#{}", i + 1) } else { key };
                attributes.insert(key, value);
            }
        }
    }
    p.attributes = attributes;
    (p, problems)
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
        _ => &[ColumnRole::Attribute],
    };
    mapping.iter().position(|r| wanted.contains(r))
}

fn duplicate_key(p: &ParticipantInput) -> String {
    let (first, last) = (match_key(&p.first_name), match_key(&p.last_name));
    if first.is_empty() && last.is_empty() { String::new() } else { format!("{first}|{last}") }
}

fn same_email(a: &ParticipantInput, b: &ParticipantInput) -> bool {
    same_email_str(&a.email, &b.email)
}

/// Two people of the same name are told apart by different e-mail addresses; a missing
/// address decides nothing.
fn same_email_str(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a.eq_ignore_ascii_case(b)
}

/// Writes participants as a CSV that German Excel opens correctly (UTF-8 with BOM, semicolons),
/// with formula-looking cells defused.
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
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
        let header_row: Vec<&str> = headers.iter().copied().chain(attribute_keys.iter().map(|k| k.as_str())).collect();
        // Writing into a Vec cannot fail for IO reasons; the csv crate reports none for in-memory buffers.
        let _ = writer.write_record(header_row.iter().map(|h| spreadsheet_safe(h).into_owned()));
        for p in participants {
            let fixed = [&p.first_name, &p.last_name, &p.organisation, &p.group, &p.role, &p.email];
            let attrs = attribute_keys.iter().map(|k| p.attributes.get(*k).map_or("", String::as_str));
            let row: Vec<String> =
                fixed.into_iter().map(String::as_str).chain(attrs).map(|c| spreadsheet_safe(c).into_owned()).collect();
            let _ = writer.write_record(&row);
        }
        let _ = writer.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> CsvSheet {
        read_sheet(text.as_bytes()).unwrap()
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
        let p = preview(&s, &mapping, &[]);
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
        let p = preview(&s, &guess_mapping(&s.headers), &[]);
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
        let p = preview(&s, &guess_mapping(&s.headers), &[]);
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
        let p = preview(&s, &guess_mapping(&s.headers), &[]);
        assert_eq!(p.rows[0].problems[0].column, Some(2));
    }

    #[test]
    fn duplicates_are_flagged_not_rejected() {
        let s = sheet("Name;E-Mail\nAnna Müller;\nanna mueller;\nAnna Müller;other@x.de\nBen Kaya;ben@x.de\n");
        let existing = [ParticipantInput { first_name: "Ben".into(), last_name: "Kaya".into(), ..Default::default() }];
        let p = preview(&s, &guess_mapping(&s.headers), &existing);
        assert_eq!(p.rows[0].duplicate_of, None);
        assert_eq!(p.rows[1].duplicate_of, Some(DuplicateOf::EarlierRow { line: 2 }));
        assert_eq!(p.rows[2].duplicate_of, Some(DuplicateOf::EarlierRow { line: 2 }), "the first Anna had no address");
        assert_eq!(p.rows[3].duplicate_of, Some(DuplicateOf::Existing { name: "Ben Kaya".into() }));
        assert_eq!(p.invalid_count(), 0);
    }

    #[test]
    fn mapping_without_a_name_is_refused() {
        let s = sheet("Organisation\nAWO\n");
        let p = preview(&s, &[ColumnRole::Organisation], &[]);
        assert_eq!(p.mapping_problems, vec![MappingProblem::NoNameColumn]);
    }

    #[test]
    fn quoted_cells_with_separators_and_line_breaks() {
        let s = sheet("Name,Organisation\n\"Müller, Anna\",\"Kreis, Amt 50\nIntegration\"\nBen Kaya,VHS\n");
        let p = preview(&s, &guess_mapping(&s.headers), &[]);
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
        let p = preview(&s, &guess_mapping(&s.headers), &[]);
        assert_eq!(p.rows[0].participant.last_name, "Öztürk");
        assert_eq!(p.rows[0].participant.organisation, "AWO; Kreis");
        assert_eq!(p.rows[0].participant.attributes.get("Raum").map(String::as_str), Some("12"));
    }
}
