//! Word documents (Office Open XML, `.docx`), written directly as a ZIP of XML parts.
//!
//! The parts are what Word, `LibreOffice` and the online viewers expect: content types,
//! relationships, the document, styles (Word's own style ids `Title`, `Heading1`–`Heading3`,
//! `Caption`, `TableGrid`, `TOC1`–`TOC3`, so the navigation pane and the table of contents work;
//! headings are kept with the next paragraph), a bullet numbering, a header with the document's
//! title and a footer "Seite X von Y" (fields `PAGE` and `NUMPAGES`; neither on the title page),
//! the settings (automatic hyphenation, and `updateFields` so Word and `LibreOffice` fill the
//! fields on opening) and the core properties (title, creator, language, and the created date when
//! one is given). After the title page comes a table of contents: a `TOC` field marked dirty,
//! whose placeholder already lists the headings (without page numbers) for viewers that do not
//! update fields. Photos keep their format (JPEG stays JPEG) and are stored in `word/media/`.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use cafehost_core::Language;
use chrono::{DateTime, Utc};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::common::ExportError;
use crate::common::escape::xml;
use crate::documents::content::{Block, Doc};
use crate::documents::labels::MinutesLabels;

/// A4 in twentieths of a point, and the margins.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
const MARGIN: u32 = 1_134;
/// The text width in twentieths of a point.
const TEXT_W: u32 = PAGE_W - 2 * MARGIN;
/// English Metric Units per centimetre.
const EMU_CM: u64 = 360_000;

/// Runs of text with `props` (run properties), line breaks as `<w:br/>`.
fn runs(out: &mut String, text: &str, props: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{props}<w:br/></w:r>");
        }
        let line = line.trim_end_matches('\r');
        if !line.is_empty() {
            let _ = write!(out, "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>", xml(line));
        }
    }
}

fn paragraph(out: &mut String, style: Option<&str>, text: &str, props: &str) {
    out.push_str("<w:p>");
    if let Some(style) = style {
        let _ = write!(out, "<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>");
    }
    runs(out, text, props);
    out.push_str("</w:p>");
}

const QUIET: &str = "<w:rPr><w:i/><w:color w:val=\"595959\"/></w:rPr>";

/// A photo in the document: its relationship id, part name and bytes.
struct Media<'a> {
    id: String,
    name: String,
    bytes: &'a [u8],
}

fn picture(out: &mut String, media: &Media<'_>, number: usize, size: (u32, u32), caption: &str) {
    // Fit into 16 × 10 cm, keeping the aspect ratio (the picture is upright already).
    let (w, h) = (u64::from(size.0.max(1)), u64::from(size.1.max(1)));
    let (box_w, box_h) = (16 * EMU_CM, 10 * EMU_CM);
    let (cx, cy) = if box_w * h <= box_h * w { (box_w, box_w * h / w) } else { (box_h * w / h, box_h) };
    let descr = xml(caption);
    let _ = write!(
        out,
        "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"120\"/></w:pPr><w:r><w:drawing>\
<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
<wp:docPr id=\"{number}\" name=\"Foto {number}\" descr=\"{descr}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"{number}\" name=\"{name}\" descr=\"{descr}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
</wp:inline></w:drawing></w:r></w:p>",
        name = xml(&media.name),
        id = media.id,
    );
    paragraph(out, Some("Caption"), caption, "");
}

fn table(out: &mut String, widths: &[u16], header: &[String], rows: &[Vec<String>]) {
    let total: u32 = widths.iter().map(|w| u32::from(*w)).sum::<u32>().max(1);
    let twips: Vec<u32> = widths.iter().map(|w| TEXT_W * u32::from(*w) / total).collect();
    out.push_str(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" \
w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
    );
    for w in &twips {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let cell = |out: &mut String, width: u32, text: &str, head: bool| {
        let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
        if head {
            out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6EEF4\"/>");
        }
        out.push_str("</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>");
        runs(out, text, if head { "<w:rPr><w:b/></w:rPr>" } else { "" });
        out.push_str("</w:p></w:tc>");
    };
    out.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (i, h) in header.iter().enumerate() {
        cell(out, twips.get(i).copied().unwrap_or(1000), h, true);
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for i in 0..header.len() {
            cell(out, twips.get(i).copied().unwrap_or(1000), row.get(i).map_or("", String::as_str), false);
        }
        out.push_str("</w:tr>");
    }
    // Word needs a paragraph between two tables and after the last one.
    out.push_str("</w:tbl><w:p/>");
}

/// A complex field: `instruction` with `placeholder` as its result until it is updated.
fn field(out: &mut String, instruction: &str, placeholder: &str, props: &str) {
    let _ = write!(
        out,
        "<w:r>{props}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{props}<w:instrText xml:space=\"preserve\"> {instruction} </w:instrText></w:r>\
<w:r>{props}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{props}<w:t>{placeholder}</w:t></w:r><w:r>{props}<w:fldChar w:fldCharType=\"end\"/></w:r>"
    );
}

/// The table of contents on its own page: the heading "Inhalt", then a `TOC` field of the
/// headings of levels 1–3 (with links, page numbers hidden in web view, outline levels used),
/// marked dirty so Word and `LibreOffice` fill in the page numbers when the document is opened.
/// Until then its result lists the headings of levels 1 and 2 in the `TOC` styles.
fn contents(out: &mut String, doc: &Doc, l: &MinutesLabels) {
    paragraph(out, Some("TOCHeading"), l.contents, "");
    let entries: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, text) if *level <= 2 => Some(((*level).max(1), text.as_str())),
            _ => None,
        })
        .collect();
    let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if entries.is_empty() {
        let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr>{begin}{end}</w:p>");
    }
    let last = entries.len().saturating_sub(1);
    for (i, (level, text)) in entries.iter().enumerate() {
        let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"TOC{level}\"/></w:pPr>");
        if i == 0 {
            out.push_str(begin);
        }
        runs(out, text, "");
        if i == last {
            out.push_str(end);
        }
        out.push_str("</w:p>");
    }
    out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

fn body<'a>(doc: &'a Doc, l: &MinutesLabels, media: &mut Vec<Media<'a>>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let has_headings = doc.blocks.iter().any(|b| matches!(b, Block::Heading(..)));
    for block in &doc.blocks {
        match block {
            Block::TitlePage { kind, title, lines, purpose } => {
                paragraph(&mut out, Some("Subtitle"), kind, "");
                paragraph(&mut out, Some("Title"), title, "");
                for line in lines {
                    paragraph(&mut out, None, line, "");
                }
                if !purpose.is_empty() {
                    out.push_str("<w:p/>");
                    paragraph(&mut out, None, purpose, "");
                }
                out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
                if has_headings {
                    contents(&mut out, doc, l);
                }
            }
            Block::Heading(level, text) => {
                paragraph(&mut out, Some(&format!("Heading{}", (*level).clamp(1, 3))), text, "");
            }
            Block::Paragraph(text) => paragraph(&mut out, None, text, ""),
            Block::Quiet(text) => paragraph(&mut out, None, text, QUIET),
            Block::Item { depth, text, meta } => {
                let _ = write!(
                    out,
                    "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{}\"/>\
<w:numId w:val=\"1\"/></w:numPr></w:pPr>",
                    (*depth).min(1)
                );
                runs(&mut out, text, "");
                if !meta.is_empty() {
                    runs(&mut out, &format!(" ({meta})"), QUIET);
                }
                out.push_str("</w:p>");
            }
            Block::Table { widths, header, rows } => table(&mut out, widths, header, rows),
            Block::Photo(photo, caption) => {
                // A photo that could not be cleaned or decoded shows its caption.
                let Some(photo) = photo else {
                    paragraph(&mut out, Some("Caption"), caption, "");
                    continue;
                };
                let ext = if photo.media_type == "image/png" { "png" } else { "jpeg" };
                let n = media.len() + 1;
                media.push(Media { id: format!("rIdImg{n}"), name: format!("image{n}.{ext}"), bytes: &photo.bytes });
                if let Some(m) = media.last() {
                    picture(&mut out, m, n, (photo.width, photo.height), caption);
                }
            }
        }
    }
    let _ = write!(
        out,
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
<w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" \
w:footer=\"567\" w:gutter=\"0\"/>{}</w:sectPr>",
        // The title page has neither header nor footer (its own, empty, "first page" ones).
        if doc.blocks.iter().any(|b| matches!(b, Block::TitlePage { .. })) { "<w:titlePg/>" } else { "" }
    );
    out
}

const DOCUMENT_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn styles(lang: &str) -> String {
    let heading = |n: u8, size: u8, before: u16| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\"/>\
<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"80\"/><w:outlineLvl w:val=\"{}\"/></w:pPr>\
<w:rPr><w:b/><w:color w:val=\"1F3F5B\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            n - 1
        )
    };
    let toc = |n: u16| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"TOC{n}\"><w:name w:val=\"toc {n}\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"39\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{TEXT_W}\"/></w:tabs>\
<w:spacing w:after=\"60\"/><w:ind w:left=\"{}\"/></w:pPr></w:style>",
            (n - 1) * 240
        )
    };
    format!(
        "{HEADER}<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/>\
<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:spacing w:before=\"120\" w:after=\"360\"/></w:pPr>\
<w:rPr><w:b/><w:color w:val=\"1F3F5B\"/><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"11\"/><w:qFormat/><w:pPr><w:spacing w:before=\"2400\"/></w:pPr>\
<w:rPr><w:color w:val=\"1F5F8B\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
{}{}{}\
<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"39\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>\
<w:spacing w:before=\"360\" w:after=\"160\"/></w:pPr>\
<w:rPr><w:b/><w:color w:val=\"1F3F5B\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
{}{}{}\
<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>\
<w:uiPriority w:val=\"99\"/><w:pPr><w:tabs><w:tab w:val=\"center\" w:pos=\"4819\"/><w:tab w:val=\"right\" w:pos=\"9638\"/></w:tabs>\
<w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
<w:uiPriority w:val=\"99\"/><w:pPr><w:tabs><w:tab w:val=\"center\" w:pos=\"4819\"/><w:tab w:val=\"right\" w:pos=\"9638\"/></w:tabs>\
<w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/></w:pPr><w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"35\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr>\
<w:rPr><w:i/><w:color w:val=\"595959\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/>\
<w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>\
<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>\
<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>\
<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
<w:uiPriority w:val=\"39\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/></w:tblBorders><w:tblCellMar>\
<w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/>\
<w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>",
        heading(1, 32, 360),
        heading(2, 26, 240),
        heading(3, 23, 200),
        toc(1),
        toc(2),
        toc(3),
    )
}

const NUMBERING: &str = "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/>\
<w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"–\"/><w:lvlJc w:val=\"left\"/>\
<w:pPr><w:ind w:left=\"1080\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

/// The header: the document's title.
fn header_part(title: &str) -> String {
    let mut out = format!("{HEADER}<w:hdr {DOCUMENT_NS}>");
    paragraph(&mut out, Some("Header"), title, "");
    out.push_str("</w:hdr>");
    out
}

/// The footer: "Seite X von Y" with the fields `PAGE` and `NUMPAGES`.
fn footer_part(l: &MinutesLabels) -> String {
    let mut out = format!("{HEADER}<w:ftr {DOCUMENT_NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
    runs(&mut out, &format!("{} ", l.page_of.0), "");
    field(&mut out, "PAGE", "1", "");
    runs(&mut out, &format!(" {} ", l.page_of.1), "");
    field(&mut out, "NUMPAGES", "1", "");
    out.push_str("</w:p></w:ftr>");
    out
}

/// The settings: fields updated on opening (the table of contents, the page count), automatic
/// hyphenation, the language.
fn settings_part(lang: &str) -> String {
    format!(
        "{HEADER}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"708\"/><w:autoHyphenation w:val=\"true\"/><w:consecutiveHyphenLimit w:val=\"2\"/>\
<w:hyphenationZone w:val=\"425\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:updateFields w:val=\"true\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"{lang}\"/></w:settings>"
    )
}

/// Renders the blocks as a `.docx` file; `created` becomes the core property `dcterms:created`
/// when given.
pub fn render(doc: &Doc, language: Language, created: Option<DateTime<Utc>>) -> Result<Vec<u8>, ExportError> {
    let lang = match language {
        Language::De => "de-DE",
        Language::En => "en-GB",
    };
    let l = MinutesLabels::of(language);
    let mut media = Vec::new();
    let body = body(doc, l, &mut media);
    let document = format!("{HEADER}<w:document {DOCUMENT_NS}><w:body>{body}</w:body></w:document>");
    let mut rels = format!(
        "{HEADER}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
    );
    for m in &media {
        let _ = write!(
            rels,
            "<Relationship Id=\"{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/{}\"/>",
            m.id, m.name
        );
    }
    rels.push_str("</Relationships>");
    let content_types = format!(
        "{HEADER}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>"
    );
    let package_rels = format!(
        "{HEADER}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    );
    let core = format!(
        "{HEADER}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>Cafehost</dc:creator>\
<cp:lastModifiedBy>Cafehost</cp:lastModifiedBy><dc:language>{lang}</dc:language>{}</cp:coreProperties>",
        xml(&doc.title),
        created.map_or_else(String::new, |at| format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created>",
            at.format("%Y-%m-%dT%H:%M:%SZ")
        ))
    );
    let app = format!(
        "{HEADER}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>Cafehost</Application></Properties>"
    );
    let failed = |e: &dyn std::fmt::Display| ExportError::Docx(e.to_string());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(
        body.len() / 4 + media.iter().map(|m| m.bytes.len()).sum::<usize>(),
    )));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let styles = styles(lang);
    let numbering = format!("{HEADER}{NUMBERING}");
    let header = header_part(&doc.title);
    let footer = footer_part(l);
    let settings = settings_part(lang);
    let parts: [(&str, &[u8]); 11] = [
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", package_rels.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("docProps/app.xml", app.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/settings.xml", settings.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("word/footer1.xml", footer.as_bytes()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, deflated).map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    for m in &media {
        zip.start_file(format!("word/media/{}", m.name), stored).map_err(|e| failed(&e))?;
        zip.write_all(m.bytes).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}
