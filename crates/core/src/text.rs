//! Text hygiene for everything a person types or a file brings in. Names arrive from Word,
//! Excel, Mac keyboards and copy-paste: decomposed umlauts, non-breaking spaces, stray control
//! characters. Normalising them once, on the way in, keeps search, duplicate detection and
//! printing simple everywhere else.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// A single-line field (name, title, topic): NFC, any whitespace or control character becomes
/// one space, trimmed.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
        if c.is_whitespace() || c.is_control() || c == '\u{feff}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A multi-line field (question, note, purpose): NFC, line breaks unified to `\n`, control
/// characters other than line break and tab removed, trailing whitespace trimmed.
pub fn clean_text(s: &str) -> String {
    let unified = s.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String =
        unified.nfc().filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || c == '\u{feff}')).collect();
    cleaned.trim().to_owned()
}

/// Number of characters as a person counts them (Unicode scalar values, after NFC).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Whether a spreadsheet would evaluate this cell as a formula when a CSV is opened.
pub fn looks_like_formula(cell: &str) -> bool {
    matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// The cell as it must be written into a CSV for spreadsheets: an apostrophe defuses anything
/// that would be evaluated (the OWASP recommendation against CSV injection). A spreadsheet may
/// guess another separator than the file uses and split the cell, or ignore its quotes, so
/// every place a cell could start is defused: the beginning, and after each comma, semicolon,
/// tab or line break (and spaces).
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(cell.len() + 2);
    let mut changed = false;
    let mut field_start = true;
    for (i, c) in cell.char_indices() {
        let dangerous = if i == 0 { looks_like_formula(cell) } else { matches!(c, '=' | '+' | '-' | '@') };
        if field_start && dangerous {
            out.push('\'');
            changed = true;
        }
        out.push(c);
        if matches!(c, ',' | ';' | '\t' | '\n' | '\r') {
            field_start = true;
        } else if c != ' ' {
            field_start = false;
        }
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(cell) }
}

/// A cell as written into a CSV for spreadsheets: defused by [`spreadsheet_safe`], and quoted
/// when it was defused or holds a comma, semicolon, tab, quote or line break, so that it stays
/// one cell for a program that reads the file with the other of comma and semicolon.
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    let safe = spreadsheet_safe(cell);
    if safe != cell || safe.contains([',', ';', '\t', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", safe.replace('"', "\"\"")))
    } else {
        safe
    }
}

/// A key for comparing names and column headers loosely: lower case, umlauts and ß spelled
/// out, everything but letters and digits dropped. "Müller-Lüdenscheidt" and
/// "muellerluedenscheidt" compare equal.
pub fn match_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfc().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A name or word as people search for it: lower case, accents dropped (é → e, ş → s, ö → o),
/// letters that have no accent to drop spelled plainly (ß → ss, ł → l, ı → i, ø → o, æ → ae),
/// and the German spellings without umlauts folded too (ae → a, oe → o, ue → u). So "ozturk",
/// "oezturk" and "Öztürk", "schafer" and "Schäfer", "weiss" and "Weiß" all have the same key.
pub fn search_key(s: &str) -> String {
    let mut plain = String::with_capacity(s.len());
    for c in s.nfkd().flat_map(char::to_lowercase) {
        match c {
            c if unicode_normalization::char::is_combining_mark(c) => {}
            'ß' => plain.push_str("ss"),
            'ł' => plain.push('l'),
            'ı' => plain.push('i'),
            'ø' => plain.push('o'),
            'đ' | 'ð' => plain.push('d'),
            'þ' => plain.push_str("th"),
            'æ' => plain.push_str("ae"),
            'œ' => plain.push_str("oe"),
            c => plain.push(c),
        }
    }
    plain.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// Whether every word typed occurs, folded by [`search_key`], somewhere in `haystack`.
pub fn matches_search(typed: &str, haystack: &str) -> bool {
    let hay = search_key(haystack);
    search_key(typed).split_whitespace().all(|word| hay.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_found_however_their_names_are_typed() {
        let names = [
            ("ozturk", "Zeynep Öztürk"),
            ("oezturk", "Zeynep Öztürk"),
            ("yilmaz", "Mehmet Yılmaz"),
            ("celik", "Yusuf Çelik"),
            ("schafer", "Jana Schäfer"),
            ("schaefer", "Jana Schäfer"),
            ("weiss", "Nina Weiß"),
            ("lukasz", "Łukasz Wiśniewski"),
            ("wisniewski", "Łukasz Wiśniewski"),
            ("dogan sukru", "Şükrü Doğan"),
            ("muller", "Anna Müller"),
            ("mueller", "Anna Müller"),
            ("jose garcia", "José García"),
            ("soren", "Søren Kierkegaard"),
            ("STRASSE", "Straße"),
            ("kruger awo", "Sabine Krüger (AWO)"),
        ];
        for (typed, name) in names {
            assert!(matches_search(typed, name), "{typed:?} finds {name:?}");
        }
        assert!(!matches_search("meier", "Anna Müller"));
        assert!(!matches_search("ozturk x", "Zeynep Öztürk"), "every word must occur");
        assert!(matches_search("", "anyone"), "nothing typed finds everyone");
    }

    #[test]
    fn a_formula_is_defused_wherever_a_spreadsheet_may_split_the_cell() {
        assert_eq!(spreadsheet_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(spreadsheet_safe("x,=HYPERLINK(A1)"), "x,'=HYPERLINK(A1)");
        assert_eq!(spreadsheet_safe("a; -1;@b"), "a; '-1;'@b");
        assert_eq!(spreadsheet_safe("\t=1"), "'\t'=1");
        assert_eq!(spreadsheet_safe("Kreis\n=1+1"), "Kreis\n'=1+1", "a line break may start a row");
        assert_eq!(spreadsheet_safe("Müller-Lüdenscheidt, Anna"), "Müller-Lüdenscheidt, Anna", "plain text stays");
        assert!(matches!(spreadsheet_safe("AWO"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_csv_cell_is_quoted_when_it_could_be_split_or_was_defused() {
        assert_eq!(csv_cell("Anna"), "Anna");
        assert!(matches!(csv_cell("Anna"), Cow::Borrowed(_)));
        assert_eq!(csv_cell("x,=HYPERLINK(A1)"), "\"x,'=HYPERLINK(A1)\"");
        assert_eq!(csv_cell("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_cell("AWO; Kreis"), "\"AWO; Kreis\"");
        assert_eq!(csv_cell("Der \"Treff\""), "\"Der \"\"Treff\"\"\"");
    }

    #[test]
    fn clean_line_joins_whitespace_and_drops_controls() {
        assert_eq!(clean_line("  Anna\u{a0}\tMaria \u{7}Müller\n"), "Anna Maria Müller");
        assert_eq!(clean_line("\u{feff}Vorname"), "Vorname");
        assert_eq!(clean_line(""), "");
    }

    #[test]
    fn clean_line_composes_decomposed_umlauts() {
        let decomposed = "Mu\u{308}ller";
        assert_eq!(clean_line(decomposed), "Müller");
        assert_eq!(char_len(&clean_line(decomposed)), 6);
    }

    #[test]
    fn clean_text_keeps_line_breaks() {
        assert_eq!(clean_text("Erste Zeile\r\nZweite\rDritte\u{0}  \n"), "Erste Zeile\nZweite\nDritte");
    }

    #[test]
    fn formulas_are_defused() {
        for cell in ["=SUM(A1)", "+49 221", "-1", "@cmd", "\tx"] {
            assert!(looks_like_formula(cell), "{cell}");
            assert!(spreadsheet_safe(cell).starts_with('\''));
        }
        assert_eq!(spreadsheet_safe("Anna"), "Anna");
    }

    #[test]
    fn match_key_folds_umlauts_and_punctuation() {
        assert_eq!(match_key("E-Mail"), "email");
        assert_eq!(match_key("Träger"), "traeger");
        assert_eq!(match_key("Straße Nr."), "strassenr");
    }
}
