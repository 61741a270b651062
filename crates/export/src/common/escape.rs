//! Escapers for the text formats: user text (names, notes, questions) is data, never markup, in
//! any format a document is written in.

use cafehost_core::text::spreadsheet_safe;

/// Escapes text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for XML and drops characters XML 1.0 cannot hold (Word refuses such a file).
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes what Markdown would read as markup (emphasis, links, HTML, tables), and what would
/// start a heading, list or quote at the beginning of a line. Line breaks become hard breaks.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push_str("  \n");
        }
        let line = line.trim_end();
        let trimmed = line.trim_start();
        let mut rest = trimmed;
        if trimmed.starts_with(['#', '-', '+', '=']) {
            out.push('\\');
        } else if let Some(dot) = trimmed.find(['.', ')'])
            && dot > 0
            && trimmed[..dot].chars().all(|c| c.is_ascii_digit())
        {
            // "1. " would start a numbered list.
            out.push_str(&trimmed[..dot]);
            out.push('\\');
            rest = &trimmed[dot..];
        }
        out.push_str(&markdown_inline(rest));
    }
    out
}

/// Escapes emphasis, links, HTML and table pipes (text inside a line of Markdown).
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One CSV cell (semicolon-separated): defused when it looks like a formula, quoted when it
/// holds a separator, a quote or a line break.
pub fn csv_cell(text: &str) -> String {
    let safe = spreadsheet_safe(text);
    if safe.contains([';', '"', '\n', '\r']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe.into_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_stays_text() {
        assert_eq!(html("<b>&'\""), "&lt;b&gt;&amp;&#39;&quot;");
        assert_eq!(xml("a\u{1}<b>"), "a&lt;b&gt;");
        assert_eq!(markdown("# 1. *x*"), "\\# 1. \\*x\\*");
        assert_eq!(markdown("1. eins"), "1\\. eins");
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert!(csv_cell("=1+1").starts_with('\''));
    }
}
