//! One self-contained HTML page.

use std::fmt::Write as _;

use base64::Engine as _;
use cafehost_core::Language;

use crate::common::escape::html as escape;
use crate::documents::content::{Block, Doc};

/// Escaped, with line breaks kept.
fn text(t: &str) -> String {
    escape(t).replace('\n', "<br>")
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;\
line-height:1.4;color:#111}header{border-bottom:2px solid #1f5f8b;margin-bottom:2em;padding-bottom:1em}\
header p.kind{color:#1f5f8b;font-weight:bold;margin:0}h1,h2,h3,h4{color:#1f3f5b}.quiet{color:#555;font-style:italic}\
.meta{color:#555;font-size:.9em}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}\
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eef3f7}\
figure{margin:1em 0}figure img{max-width:100%;max-height:30em;width:auto;height:auto}figcaption{color:#555;font-size:.9em}\
ul{margin:.3em 0 1em}@media print{header{page-break-after:always}h2{page-break-after:avoid}}";

/// Renders the blocks.
#[allow(clippy::too_many_lines)] // one arm per kind of block
pub fn render(doc: &Doc, language: Language) -> String {
    let lang = match language {
        Language::De => "de",
        Language::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Cafehost\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&doc.title)
    );
    let mut depth_open: Option<u8> = None;
    let close_lists = |out: &mut String, open: &mut Option<u8>| {
        if let Some(d) = open.take() {
            for _ in 0..=d {
                out.push_str("</li></ul>\n");
            }
        }
    };
    for block in &doc.blocks {
        if !matches!(block, Block::Item { .. }) {
            close_lists(&mut out, &mut depth_open);
        }
        match block {
            Block::TitlePage { kind, title, lines, purpose } => {
                let _ = writeln!(out, "<header>\n<p class=\"kind\">{}</p>\n<h1>{}</h1>", escape(kind), escape(title));
                for line in lines {
                    let _ = writeln!(out, "<p>{}</p>", text(line));
                }
                if !purpose.is_empty() {
                    let _ = writeln!(out, "<p>{}</p>", text(purpose));
                }
                out.push_str("</header>\n");
            }
            Block::Heading(level, t) => {
                let _ = writeln!(out, "<h{n}>{}</h{n}>", escape(t), n = level + 1);
            }
            Block::Paragraph(t) => {
                let _ = writeln!(out, "<p>{}</p>", text(t));
            }
            Block::Quiet(t) => {
                let _ = writeln!(out, "<p class=\"quiet\">{}</p>", text(t));
            }
            Block::Item { depth, text: t, meta } => {
                match depth_open {
                    None => {
                        out.push_str("<ul>\n<li>");
                        for _ in 0..*depth {
                            out.push_str("<ul>\n<li>");
                        }
                    }
                    Some(d) if *depth > d => {
                        for _ in d..*depth {
                            out.push_str("<ul>\n<li>");
                        }
                    }
                    Some(d) => {
                        for _ in *depth..d {
                            out.push_str("</li></ul>\n");
                        }
                        out.push_str("</li>\n<li>");
                    }
                }
                depth_open = Some(*depth);
                out.push_str(&text(t));
                if !meta.is_empty() {
                    let _ = write!(out, " <span class=\"meta\">({})</span>", escape(meta));
                }
            }
            Block::Table { header, rows, .. } => {
                out.push_str("<table>\n<thead><tr>");
                for h in header {
                    let _ = write!(out, "<th>{}</th>", escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for c in row {
                        let _ = write!(out, "<td>{}</td>", text(c));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Photo(None, caption) => {
                let _ = writeln!(out, "<figure><figcaption>{}</figcaption></figure>", escape(caption));
            }
            Block::Photo(Some(picture), caption) => {
                let data = base64::engine::general_purpose::STANDARD.encode(&picture.bytes);
                let _ = writeln!(
                    out,
                    "<figure><img src=\"data:{};base64,{data}\" width=\"{}\" height=\"{}\" alt=\"{}\">\
<figcaption>{}</figcaption></figure>",
                    picture.media_type,
                    picture.width,
                    picture.height,
                    escape(caption),
                    escape(caption)
                );
            }
        }
    }
    close_lists(&mut out, &mut depth_open);
    out.push_str("</body>\n</html>\n");
    out
}
