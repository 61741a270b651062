//! Markdown (`CommonMark` with pipe tables).

use std::fmt::Write as _;

use crate::common::escape::{markdown as escape, markdown_inline as inline};
use crate::documents::content::{Block, Doc};

/// A table cell on one line: a pipe table row cannot break, so a cell's lines (a statement, its
/// sources, its links) are joined with a middle dot.
fn cell(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    inline(&lines.join(" · "))
}

/// Renders the blocks.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::TitlePage { kind, title, lines, purpose } => {
                let _ = writeln!(out, "# {}: {}\n", escape(kind), escape(title));
                for line in lines {
                    let _ = writeln!(out, "{}  ", escape(line));
                }
                if !lines.is_empty() {
                    out.push('\n');
                }
                if !purpose.is_empty() {
                    let _ = writeln!(out, "{}\n", escape(purpose));
                }
            }
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level) + 1), escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", escape(text));
            }
            Block::Quiet(text) => {
                let _ = writeln!(out, "*{}*\n", inline(&text.replace('\n', " ")));
            }
            Block::Item { depth, text, meta } => {
                let indent = "  ".repeat(usize::from(*depth));
                let body = escape(text).replace("  \n", &format!("  \n{indent}  "));
                if meta.is_empty() {
                    let _ = writeln!(out, "{indent}- {body}");
                } else {
                    let _ = writeln!(out, "{indent}- {body} *({})*", inline(meta));
                }
            }
            Block::Table { header, rows, .. } => {
                let _ = writeln!(out, "| {} |", header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
                for row in rows {
                    let _ = writeln!(out, "| {} |", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
                }
                out.push('\n');
            }
            Block::Photo(_, caption) => {
                // A Markdown file cannot hold the photo: its caption stands in.
                let _ = writeln!(out, "*\\[{}\\]*\n", inline(caption));
            }
        }
    }
    // A list ends with a blank line before the next block.
    tidy(&out)
}

/// Puts a blank line after each list and no more than one blank line anywhere.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut previous_item = false;
    let mut blank = false;
    for line in text.lines() {
        let is_item = line.trim_start().starts_with("- ") || (previous_item && line.starts_with("  "));
        if previous_item && !is_item && !line.is_empty() {
            out.push('\n');
        }
        if line.is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
        previous_item = is_item;
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
