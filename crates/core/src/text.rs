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

/// The cell as it must be written into a CSV for spreadsheets: a leading apostrophe defuses
/// anything that would be evaluated (the OWASP recommendation against CSV injection).
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
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

#[cfg(test)]
mod tests {
    use super::*;

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
