//! The structure a public body expects of the minutes and concept drafts: in the DOCX a header
//! with the title, a footer "Seite X von Y" (fields `PAGE` and `NUMPAGES`), a table of contents
//! field filled on opening, automatic hyphenation, headings kept with the next paragraph and the
//! core properties; in the PDF the metadata (`pdfinfo`), an outline holding every heading
//! (`pdftohtml -xml`) and no heading alone at the foot of a page (`pdftotext`); long words
//! hyphenated, never broken without a hyphen (`pdftotext -bbox`); every PDF tagged and valid
//! PDF/UA-1 (krilla validates while writing; `pdfinfo -struct`), PDF/A-2u on request
//! (`pdfinfo -meta`); the minutes' and concept drafts' order of chapters, each statement in full
//! once. Needs poppler-utils; the conversion by `LibreOffice` is in `libreoffice.rs`.

// The tests write documents to temporary files to read them back; the library writes none.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::unwrap_used, missing_docs, clippy::too_many_lines)]

use cafehost_core::{Language, NoteKind};
use cafehost_export::ExportError;
use cafehost_export::minutes::{self, DocumentKind, DocumentOptions, MinutesInput, Photo};

mod documents;
mod pdf;
use documents::{at, input, note, with_statements};
use pdf::poppler;

/// Keeps a rendered file for a person to look at when `CAFEHOST_DUMP_DIR` is set.
fn dump(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("CAFEHOST_DUMP_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

/// The named part of a ZIP file as text, if it is there.
fn zip_part(bytes: &[u8], name: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name(name).ok()?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).unwrap();
    Some(text)
}

/// The headings of the document (levels 1–3) as the Markdown writes them ("## Programm").
fn headings(input: &MinutesInput) -> Vec<(usize, String)> {
    minutes::markdown(input)
        .lines()
        .filter(|l| l.starts_with("##"))
        .map(|l| {
            let hashes = l.chars().take_while(|c| *c == '#').count();
            let mut text = String::new();
            let mut escaped = false;
            for c in l[hashes..].trim().chars() {
                if c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                escaped = false;
                text.push(c);
            }
            (hashes - 1, text)
        })
        .collect()
}

fn unescape(xml: &str) -> String {
    xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

#[test]
fn docx_has_header_footer_contents_hyphenation_and_properties() {
    for (kind, language, contents, page, of) in [
        (DocumentKind::Minutes, Language::De, "Inhalt", "Seite", "von"),
        (DocumentKind::Concept, Language::En, "Contents", "Page", "of"),
    ] {
        let input = input(kind, language);
        let docx = minutes::docx(&input).unwrap();
        dump(&format!("structure-{kind:?}.docx"), &docx);
        let part = |name: &str| zip_part(&docx, name).unwrap_or_else(|| panic!("{name} is missing"));
        let document = part("word/document.xml");
        let rels = part("word/_rels/document.xml.rels");
        let types = part("[Content_Types].xml");

        // Header and footer: parts, relationships, content types, references in the section.
        for (id, kind, target) in [("rIdHeader", "header", "header1.xml"), ("rIdFooter", "footer", "footer1.xml")] {
            assert!(
                rels.contains(&format!(
                    "Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}\" \
                     Target=\"{target}\""
                )),
                "{rels}"
            );
            assert!(types.contains(&format!("PartName=\"/word/{target}\"")), "{types}");
            assert!(document.contains(&format!("<w:{kind}Reference w:type=\"default\" r:id=\"{id}\"/>")));
        }
        assert!(document.contains("<w:titlePg/>"), "no header or footer on the title page");
        let header = part("word/header1.xml");
        assert!(header.contains("<w:hdr ") && header.contains("Arbeit &amp; Übergang"), "{header}");
        let footer = part("word/footer1.xml");
        assert!(footer.contains(&format!(">{page} </w:t>")) && footer.contains(&format!("> {of} </w:t>")));
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"), "{footer}");
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText>"), "{footer}");
        assert!(footer.find(" PAGE ").unwrap() < footer.find(" NUMPAGES ").unwrap());

        // The table of contents: after the title page, a heading and a dirty TOC field whose
        // placeholder already lists the headings of level 1.
        let toc = document
            .find("TOC \\o &quot;1-3&quot; \\h \\z \\u")
            .or_else(|| document.find("TOC \\o \"1-3\" \\h \\z \\u"));
        let toc = toc.expect("TOC field");
        let title_page_end = document.find("<w:br w:type=\"page\"/>").unwrap();
        assert!(title_page_end < toc, "the contents follow the title page");
        assert!(document.contains(&format!(
            "<w:pStyle w:val=\"TOCHeading\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{contents}</w:t>"
        )));
        assert!(document.contains("<w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/>"));
        let first_heading = document.find("<w:pStyle w:val=\"Heading1\"/>").unwrap();
        assert!(toc < first_heading);
        for (level, text) in headings(&input).iter().filter(|(l, _)| *l == 1) {
            let entry = format!("<w:pStyle w:val=\"TOC{level}\"/>");
            let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(
                document[..first_heading].contains(&entry) && document[..first_heading].contains(&escaped),
                "{text}"
            );
        }

        // Settings: fields updated on opening, automatic hyphenation; the relationship to them.
        let settings = part("word/settings.xml");
        assert!(settings.contains("<w:autoHyphenation w:val=\"true\"/>"), "{settings}");
        assert!(settings.contains("<w:updateFields w:val=\"true\"/>"), "{settings}");
        assert!(rels.contains("relationships/settings\" Target=\"settings.xml\""));
        assert!(types.contains("PartName=\"/word/settings.xml\""));

        // Headings keep with the next paragraph.
        let styles = part("word/styles.xml");
        for n in 1..=3 {
            let at = styles.find(&format!("w:styleId=\"Heading{n}\"")).unwrap();
            let style = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
            assert!(style.contains("<w:keepNext/>"), "Heading{n}: {style}");
        }

        // Core properties.
        let core = part("docProps/core.xml");
        let title = match kind {
            DocumentKind::Minutes => "Protokoll – Arbeit &amp; Übergang",
            DocumentKind::Concept => "Concept draft – Arbeit &amp; Übergang",
        };
        assert!(
            core.contains(&format!("<dc:title>{title}</dc:title>"))
                || core.contains("Arbeit &amp; Übergang</dc:title>"),
            "{core}"
        );
        assert!(core.contains("<dc:creator>Cafehost</dc:creator>"), "{core}");
        let lang = if language == Language::De { "de-DE" } else { "en-GB" };
        assert!(core.contains(&format!("<dc:language>{lang}</dc:language>")), "{core}");
    }
}

/// The PDF's outline as (depth, title, page), from `pdftohtml -xml`.
fn outline(pdf: &[u8]) -> Vec<(usize, String, usize)> {
    let xml = poppler("pdftohtml", pdf, &["-xml", "-i", "-stdout", "-q"]);
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut rest = xml.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("<outline") {
            depth += 1;
        } else if rest.starts_with("</outline>") {
            depth -= 1;
        } else if rest.starts_with("<item") {
            let open_end = rest.find('>').unwrap();
            let tag = &rest[..open_end];
            let page = tag.split("page=\"").nth(1).and_then(|p| p.split('"').next()).map_or(0, |p| p.parse().unwrap());
            let close = rest.find("</item>").unwrap();
            items.push((depth, unescape(&rest[open_end + 1..close]), page));
        }
        rest = &rest[1..];
    }
    items
}

#[test]
fn pdf_has_metadata_and_every_heading_in_its_outline() {
    for (kind, language) in [(DocumentKind::Minutes, Language::De), (DocumentKind::Concept, Language::En)] {
        let input = input(kind, language);
        let pdf = minutes::pdf(&input).unwrap();
        dump(&format!("structure-{kind:?}.pdf"), &pdf);
        let info = poppler("pdfinfo", &pdf, &[]);
        let field = |name: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}:")).map(|v| v.trim().to_owned()))
                .unwrap_or_default()
        };
        assert!(field("Title").contains("Arbeit & Übergang"), "{info}");
        assert_eq!(field("Author"), "Cafehost", "{info}");
        assert_eq!(field("Creator"), "Cafehost", "{info}");

        let expected = headings(&input);
        assert!(!expected.is_empty());
        let outline = outline(&pdf);
        let titles: Vec<(usize, &str)> = outline.iter().map(|(d, t, _)| (*d, t.as_str())).collect();
        let wanted: Vec<(usize, &str)> = expected.iter().map(|(l, t)| (*l, t.as_str())).collect();
        assert_eq!(titles, wanted, "every heading, in order and nested by level");

        // Each bookmark leads to the page that shows its heading.
        let text = poppler("pdftotext", &pdf, &[]);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        for (_, title, page) in &outline {
            assert!(pages[page - 1].contains(title.as_str()), "{title} on page {page}");
        }
    }
}

#[test]
fn no_pdf_heading_stands_alone_at_the_foot_of_a_page() {
    for kind in [DocumentKind::Minutes, DocumentKind::Concept] {
        let input = input(kind, Language::De);
        let pdf = minutes::pdf(&input).unwrap();
        let headings: Vec<String> = headings(&input).into_iter().map(|(_, t)| t).collect();
        let text = poppler("pdftotext", &pdf, &[]);
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        if kind == DocumentKind::Minutes {
            assert!(pages.len() > 3, "the minutes run over several pages");
        }
        for (n, page) in pages.iter().enumerate().skip(1) {
            // The last two lines are the footer: the title and "Seite n von m".
            let lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            let body = &lines[..lines.len().saturating_sub(2)];
            let last = body.last().copied().unwrap_or_default();
            assert!(!headings.iter().any(|h| h == last), "page {}: heading {last:?} ends the page", n + 1);
        }
    }
}

/// A word as `pdftotext -bbox` places it.
struct Word {
    page: usize,
    x0: f32,
    x1: f32,
    y: f32,
    text: String,
}

/// The words of a PDF as `pdftotext -bbox` places them.
fn bbox_words(pdf: &[u8]) -> Vec<Word> {
    let xml = poppler("pdftotext", pdf, &["-bbox"]);
    let attr = |tag: &str, name: &str| -> f32 {
        tag.split(&format!("{name}=\"")).nth(1).and_then(|v| v.split('"').next()).unwrap().parse().unwrap()
    };
    let mut words = Vec::new();
    for (page, part) in xml.split("<page ").skip(1).enumerate() {
        for w in part.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = unescape(rest.split("</word").next().unwrap());
            words.push(Word { page, x0: attr(tag, "xMin"), x1: attr(tag, "xMax"), y: attr(tag, "yMin"), text });
        }
    }
    words
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{ad}')
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && !is_hyphen(c))
}

#[test]
fn pdf_hyphenates_long_words_and_never_breaks_one_without_a_hyphen() {
    let mut input = with_statements(input(DocumentKind::Minutes, Language::De));
    // Long words where columns are narrow: the owner, the field of action, the time frame.
    for s in &mut input.statements {
        s.owner = "Integrationsbeauftragte Jugendmigrationsdienst".into();
        s.field_of_action = "Jugendmigrationsdienst".into();
        s.time_frame = "Straße Straßenbahnhaltestelle".into();
    }
    for kind in [DocumentKind::Minutes, DocumentKind::Concept] {
        input.kind = kind;
        let pdf = minutes::pdf(&input).unwrap();
        dump(&format!("hyphenation-{kind:?}.pdf"), &pdf);
        // Every word the document may print whole (its Markdown says the same), and the parts
        // of words joined by a dash.
        let markdown = minutes::markdown(&input);
        let mut vocabulary: std::collections::HashSet<String> = std::collections::HashSet::new();
        for word in markdown.split(|c: char| c.is_whitespace() || c == '|') {
            let word = word.replace('\\', "");
            for part in std::iter::once(word.as_str()).chain(word.split(['-', '–', '/'])) {
                vocabulary.insert(bare(part).trim_matches(is_hyphen).to_owned());
            }
        }
        // The footer: the title (in the Markdown too), "Seite 3 von 9".
        vocabulary.extend(["Seite", "von"].map(String::from));
        vocabulary.extend((1..=99).map(|n| n.to_string()));
        let known = |w: &str| vocabulary.contains(w);
        let words = bbox_words(&pdf);
        let mut heads = 0;
        for word in &words {
            let token = bare(&word.text);
            let whole = token.trim_end_matches(is_hyphen);
            if token.ends_with(is_hyphen) {
                // The head of a broken word (or a word ending in a dash) ends its line: the
                // next word on that line is in another cell, further than a space away.
                let next = words.iter().find(|w| {
                    w.page == word.page && (w.y - word.y).abs() < 0.5 && w.x0 > word.x1 && w.x0 - word.x1 < 4.0
                });
                assert!(next.is_none(), "{kind:?}: {:?} does not end its line", word.text);
                if !known(whole) {
                    heads += 1;
                }
                continue;
            }
            if known(token) {
                continue;
            }
            // A tail: the line above it in its cell ends with the head it completes.
            let head = words.iter().find(|h| {
                h.page == word.page
                    && (4.0..16.0).contains(&(word.y - h.y))
                    && h.x0 >= word.x0 - 0.5
                    && h.text.ends_with(is_hyphen)
                    && vocabulary
                        .iter()
                        .any(|v| v.ends_with(&format!("{}{token}", bare(&h.text).trim_end_matches(is_hyphen))))
            });
            assert!(head.is_some(), "{kind:?}: {:?} is part of a word broken without a hyphen", word.text);
        }
        assert!(heads > 3, "{kind:?}: long words in narrow columns are hyphenated ({heads})");
        // Broken at syllables, not anywhere: "Straßen-bahnhaltestelle", "Straßenbahn-haltestelle".
        let heads: Vec<&str> = words
            .iter()
            .map(|w| w.text.as_str())
            .filter(|w| w.starts_with("Straßen") && w.ends_with(is_hyphen))
            .collect();
        assert!(!heads.is_empty(), "{kind:?}: the long word is hyphenated");
        for head in heads {
            assert!(
                ["Straßen", "Straßenbahn", "Straßenbahnhal"].contains(&head.trim_end_matches(is_hyphen)),
                "{kind:?}: {head}"
            );
        }
    }
}

/// Whether `bytes` hold `needle`.
fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The structure tree as `pdfinfo -struct-text` prints it.
fn structure(pdf: &[u8]) -> String {
    poppler("pdfinfo", pdf, &["-struct-text"])
}

/// A 40 × 30 PNG.
fn png() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([u8::try_from(x * 6).unwrap(), 90, u8::try_from(y * 8).unwrap()])
    });
    let mut out = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

#[test]
fn every_document_pdf_is_tagged_and_valid_pdf_ua() {
    for kind in [DocumentKind::Minutes, DocumentKind::Concept] {
        for language in [Language::De, Language::En] {
            let mut input = with_statements(input(kind, language));
            let w = &mut input.workshops[0];
            let (table, round) = (w.setup.tables[0].id, w.setup.rounds[0].id);
            w.photos.push(Photo {
                id: cafehost_core::AttachmentId::new(),
                table_id: Some(table),
                round_id: Some(round),
                file_name: "flipchart.png".into(),
                media_type: "image/png".into(),
                bytes: png(),
                rotation_degrees: 0,
            });
            // Characters the font lacks and control characters typed into a note: still a
            // conformant document (no `.notdef` glyph, no forbidden code point).
            w.notes.push(note(
                w.setup.workshop.id,
                None,
                None,
                NoteKind::Note,
                "Gute Stimmung 🎉\u{7}\u{feff} 漢字",
                &[],
                "",
            ));
            // krilla validates PDF/UA-1 while writing: a finding is an error, not a file.
            let pdf = minutes::pdf(&input).unwrap_or_else(|e| panic!("{kind:?} {language:?}: {e}"));
            dump(&format!("tagged-{kind:?}-{language:?}.pdf"), &pdf);
            let info = poppler("pdfinfo", &pdf, &[]);
            assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{info}");
            let tree = structure(&pdf);
            for element in
                ["H1 ", "H2 ", "P (block)", "Table", "THead", "TH", "TBody", "TD", "L (block)", "LI", "Lbl", "LBody"]
            {
                assert!(tree.contains(element), "{kind:?} {language:?}: no {element} in {tree}");
            }
            if kind == DocumentKind::Minutes {
                assert!(tree.contains("H3 "), "{tree}");
                let figure = tree.find("Figure").unwrap_or_else(|| panic!("a photo is a figure: {tree}"));
                let caption = match language {
                    Language::De => "Foto, Tisch 1, Runde 1 (flipchart.png)",
                    Language::En => "Photo, Table 1, Round 1 (flipchart.png)",
                };
                let after = &tree[figure..];
                assert!(
                    after.contains(&format!("Caption\n    \"{caption}\"")),
                    "the caption follows the figure: {after}"
                );
                // Its alternate text is the caption (`pdfinfo` does not print it; the struct
                // element's dictionary holds it as a plain string).
                assert!(holds(&pdf, &format!("/Alt({caption})")), "{caption} as /Alt");
            }
            // Headings carry their text (`pdfinfo` garbles a title with umlauts, so the text
            // under it is compared); the document has its language; the page footer is no
            // part of the structure.
            let heading = match (kind, language) {
                (DocumentKind::Minutes, Language::De) => "Programm",
                (DocumentKind::Minutes, Language::En) => "Programme",
                (DocumentKind::Concept, Language::De) => "Maßnahmenplan",
                (DocumentKind::Concept, Language::En) => "Action plan",
            };
            assert!(
                tree.contains(&format!("(block)\n    \"{heading}\"\n")) && tree.contains("  H1 "),
                "{heading} in {tree}"
            );
            let lang = if language == Language::De { "/Lang(de)" } else { "/Lang(en)" };
            assert!(holds(&pdf, lang), "{lang}");
            let page = if language == Language::De { "Seite 2 von" } else { "Page 2 of" };
            assert!(poppler("pdftotext", &pdf, &[]).contains(page));
            assert!(!tree.contains(page), "the footer is an artifact: {tree}");
        }
    }
}

#[test]
fn a_pdf_for_the_archive_is_pdf_a_2u_and_dated() {
    let mut input = with_statements(input(DocumentKind::Minutes, Language::De));
    let archive = DocumentOptions { pdf_archive: true, ..DocumentOptions::default() };
    assert_eq!(minutes::pdf_with(&input, &archive), Err(ExportError::Undated), "PDF/A needs a date");
    input.created = Some(at());
    let plain = poppler("pdfinfo", &minutes::pdf(&input).unwrap(), &["-meta"]);
    assert!(!plain.contains("pdfaid"), "PDF/A only on request: {plain}");
    assert!(plain.contains("pdfuaid:part"), "{plain}");
    for kind in [DocumentKind::Minutes, DocumentKind::Concept] {
        input.kind = kind;
        let pdf = minutes::pdf_with(&input, &archive).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        dump(&format!("archive-{kind:?}.pdf"), &pdf);
        let xmp = poppler("pdfinfo", &pdf, &["-meta"]);
        let part = xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\"");
        let conformance =
            xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>") || xmp.contains("pdfaid:conformance=\"U\"");
        assert!(part && conformance, "{kind:?}: {xmp}");
        assert!(xmp.contains("pdfuaid:part"), "still PDF/UA-1: {xmp}");
        let info = poppler("pdfinfo", &pdf, &[]);
        assert!(info.contains("Tagged:          yes") && info.contains("CreationDate:"), "{info}");
    }
}

/// The headings of a Markdown document, in order, without their marks.
fn md_headings(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim().replace('\\', ""))
        .collect()
}

/// The position of the first heading that starts with `text`.
fn heading_at(headings: &[String], text: &str) -> usize {
    headings.iter().position(|h| h.starts_with(text)).unwrap_or_else(|| panic!("{text} in {headings:?}"))
}

#[test]
fn minutes_put_results_first_print_round_questions_once_and_name_each_host_once() {
    let mut input = with_statements(input(DocumentKind::Minutes, Language::De));
    let w = &mut input.workshops[0];
    let host = w.setup.participants[4].id;
    w.setup.tables[1].input.host_id = Some(host);
    let (t2, r1, r3) = (w.setup.tables[1].id, w.setup.rounds[0].id, w.setup.rounds[2].id);
    let workshop = w.setup.workshop.id;
    let note = |table, round, kind, text: &str| note(workshop, table, round, kind, text, &[], "");
    let extra = [
        note(Some(t2), Some(r3), NoteKind::TableSummary, "Tisch zwei fasst zusammen."),
        note(None, None, NoteKind::Note, "Im Plenum wurde ein Folgetermin vereinbart."),
    ];
    w.notes.extend(extra);
    for (name, table, round) in
        [("b-zweites.png", Some(t2), Some(r1)), ("a-erstes.png", Some(t2), Some(r1)), ("plenum.png", None, None)]
    {
        w.photos.push(Photo {
            id: cafehost_core::AttachmentId::new(),
            table_id: table,
            round_id: round,
            file_name: name.into(),
            media_type: "image/png".into(),
            bytes: Vec::new(),
            rotation_degrees: 0,
        });
    }
    let md = minutes::markdown(&input);
    let headings = md_headings(&md);
    let results = heading_at(&headings, "Ergebnisse und Vereinbarungen");
    assert!(results < heading_at(&headings, "Programm"), "results first: {headings:?}");
    assert!(heading_at(&headings, "Programm") < heading_at(&headings, "Tische und Notizen"));
    assert!(results < heading_at(&headings, "Zusammenfassung des Workshops"));
    assert!(heading_at(&headings, "Zusammenfassung des Workshops") < heading_at(&headings, "Programm"));
    // Each round's question once, in the programme; each host once.
    for question in ["Was läuft gut?", "Was fehlt?", "Was tun wir als Nächstes?"] {
        assert_eq!(md.matches(question).count(), 1, "{question}: {md}");
    }
    assert_eq!(md.matches("Person4 Beispiel").count(), 2, "named once as host, once in the attendance: {md}");
    assert_eq!(md.matches("Gastgeber/in: Person4 Beispiel").count(), 1);
    // Table 2: its summary first, then its notes by round; its photos by file name.
    let table2 = md.find("### Tisch 2: Thema 2 & Übergang").unwrap();
    let table3 = md.find("### Tisch 3:").unwrap();
    let section = &md[table2..table3];
    let summary = section.find("#### Zusammenfassung").unwrap();
    assert!(summary < section.find("#### Runde 1").unwrap(), "{section}");
    assert!(section.contains("Tisch zwei fasst zusammen.\n\n*Runde 3*"), "{section}");
    let first = section.find("(a-erstes.png)").unwrap();
    assert!(first < section.find("(b-zweites.png)").unwrap(), "{section}");
    assert!(section.contains("Foto, Tisch 2, Runde 1 (a-erstes.png)"));
    // Notes and photos of no table: "Plenum".
    let plenum = md.find("### Plenum").unwrap();
    assert!(
        md[plenum..].contains("- Im Plenum wurde ein Folgetermin vereinbart.")
            && md[plenum..].contains("Foto (plenum.png)")
    );
    // The results table: the statement column is the widest, the numbers the narrowest.
    let docx = minutes::docx(&input).unwrap();
    let document = zip_part(&docx, "word/document.xml").unwrap();
    let grid = document.split("<w:tblGrid>").nth(1).unwrap().split("</w:tblGrid>").next().unwrap();
    let widths: Vec<u32> =
        grid.split("w:w=\"").skip(1).map(|w| w.split('"').next().unwrap().parse().unwrap()).collect();
    assert_eq!(widths.len(), 7, "{grid}");
    assert_eq!(widths.iter().max(), Some(&widths[1]), "{widths:?}");
    assert_eq!(widths.iter().min(), Some(&widths[0]), "{widths:?}");
}

/// The Markdown of a concept draft with its plan of measures cut out.
fn without_plan(markdown: &str, plan: &str, next: &str) -> String {
    let a = markdown.find(&format!("## {plan}")).unwrap();
    let b = markdown.find(&format!("## {next}")).unwrap();
    format!("{}{}", &markdown[..a], &markdown[b..])
}

#[test]
fn a_concept_prints_each_statement_once_in_full_and_refers_to_it_by_number() {
    let mut input = with_statements(input(DocumentKind::Concept, Language::De));
    input.process_description = "Ein Konzept für die Integration im Kreis.".into();
    let md = minutes::markdown(&input);
    dump("concept.md", md.as_bytes());
    let headings = md_headings(&md);
    let chapters: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).map(|l| &l[3..]).collect();
    assert_eq!(
        chapters,
        [
            "Anlass und Ziel",
            "Handlungsfeld: Arbeit",
            "Handlungsfeld: Frühe Bildung",
            "Handlungsfeld: Wohnen",
            "Ohne Handlungsfeld",
            "Maßnahmenplan",
            "Steuerung und Monitoring",
            "Anhang: Workshops",
        ],
        "fields of action as the statements first name them, not alphabetical: {md}"
    );
    assert!(!headings.iter().any(|h| h.trim_end() == "Handlungsfeld:"), "no empty field heading");
    assert_eq!(md.matches("Ein Konzept für die Integration im Kreis.").count(), 1, "the description once: {md}");
    // Every statement once in full outside the plan; the plan lists each measure once.
    let body = without_plan(&md, "Maßnahmenplan", "Steuerung und Monitoring");
    for s in &input.statements {
        assert_eq!(body.matches(s.text.as_str()).count(), 1, "{} in {body}", s.text);
    }
    // Each with its label: the field's place in the list (Arbeit 1, Frühe Bildung 2, Wohnen 3),
    // for a measure the goal it serves on its field, its own number; none without a field.
    for (label, text) in [
        ("### Z 1.1 ", "Jugendliche finden"),
        ("### Z 2.1 ", "Jedes Kind spricht"),
        ("### Z 3.1 ", "Familien finden"),
        ("- M 1.1.1 ", "Beratung durch"),
        ("- M 1.1.2 ", "Sprachpatenschaften"),
        ("- M 3.1.1 ", "Wohnungsbörse"),
        ("- M 1 ", "Lotsendienst"),
        ("- S 1.1 ", "Halbjährlicher Bericht"),
        ("- S 3.1 ", "Jährliche Wohnraumbedarfsanalyse"),
        ("- S 1 ", "Lenkungsgruppe"),
    ] {
        assert_eq!(body.matches(&format!("{label}{text}")).count(), 1, "{label}{text} in {body}");
    }
    let plan = &md[md.find("## Maßnahmenplan").unwrap()..md.find("## Steuerung und Monitoring").unwrap()];
    assert!(plan.contains("| Nr. | Maßnahme | Ziele | Verantwortlich | Zeitraum | Indikator | Status |"), "{plan}");
    assert!(
        plan.contains(
            "| M 1.1.2 | Sprachpatenschaften zwischen Betrieben und Kitas | Z 1.1, Z 2.1 | Integrationsbeauftragte | bis Ende 2027 |  | Entwurf |"
        ),
        "{plan}"
    );
    assert_eq!(plan.matches("\n| M").count(), 4, "{plan}");
    let rows: Vec<&str> =
        plan.lines().filter_map(|l| l.strip_prefix("| M")).map(|l| &l[..l.find(" |").unwrap()]).collect();
    assert_eq!(rows, [" 1.1.1", " 1.1.2", " 3.1.1", " 1"], "in label order: {plan}");
    // M 1.1.2 serves Z 1.1 and Z 2.1: in full under Z 1.1 (first), its label under Z 2.1; S 1.1
    // steers M 1.1.1 and M 1.1.2: in full under "Steuerung und Monitoring", its label under each.
    let z2 = &md[md.find("### Z 2.1 ").unwrap()..md.find("## Handlungsfeld: Wohnen").unwrap()];
    assert!(z2.contains("- → M 1.1.2\n"), "{z2}");
    let arbeit = &md[md.find("## Handlungsfeld: Arbeit").unwrap()..md.find("## Handlungsfeld: Frühe").unwrap()];
    assert!(arbeit.contains("- M 1.1.2 Sprachpatenschaften"), "{arbeit}");
    assert_eq!(arbeit.matches("  - Steuerung: → S 1.1").count(), 2, "{arbeit}");
    let steering = &md[md.find("## Steuerung und Monitoring").unwrap()..md.find("## Anhang").unwrap()];
    assert!(steering.contains("- S 1.1 Halbjährlicher Bericht im Jugendhilfeausschuss *(Handlungsfeld: Arbeit ·"));
    assert!(steering.contains("Bezüge: M 1.1.1, M 1.1.2)*"), "{steering}");
    assert!(steering.contains("- S 1 Lenkungsgruppe"), "steering of nothing is listed too");
    // The measure of no field and no goal.
    let none = &md[md.find("## Ohne Handlungsfeld").unwrap()..md.find("## Maßnahmenplan").unwrap()];
    assert!(none.contains("### Weitere Maßnahmen") && none.contains("- M 1 Lotsendienst"), "{none}");

    // An order given by the app comes first; the rest as they appear. The app's order is the
    // process's list, which the labels follow too.
    let reordered = documents::on_fields(input.clone(), &["Wohnen", "Frühe Bildung", "Arbeit"]);
    let options =
        DocumentOptions { field_order: vec!["Wohnen".into(), "frühe bildung".into()], ..DocumentOptions::default() };
    let ordered = minutes::markdown_with(&reordered, &options);
    let fields: Vec<&str> = ordered.lines().filter(|l| l.starts_with("## Handlungsfeld")).collect();
    assert_eq!(fields, ["## Handlungsfeld: Wohnen", "## Handlungsfeld: Frühe Bildung", "## Handlungsfeld: Arbeit"]);
    // Now Z 2.1 (Frühe Bildung) comes first: M 3.1.2 in full under it, its label under Z 3.1.
    let z2 = &ordered[ordered.find("### Z 2.1 ").unwrap()..ordered.find("## Handlungsfeld: Arbeit").unwrap()];
    let z1 = &ordered[ordered.find("### Z 3.1 ").unwrap()..ordered.find("## Ohne Handlungsfeld").unwrap()];
    assert!(z2.contains("- M 3.1.2 Sprachpatenschaften") && z1.contains("- → M 3.1.2\n"), "{ordered}");
    assert!(ordered.contains("### Z 1.1 Familien finden"), "{ordered}");

    // Word and PDF say the same: each statement once in the Word document's text outside the plan.
    let docx = minutes::docx(&input).unwrap();
    let document = zip_part(&docx, "word/document.xml").unwrap();
    // After the table of contents, which lists the goals' headings.
    let document = &document[document.find("<w:pStyle w:val=\"Heading1\"/>").unwrap()..];
    let plan_at = document.find(">Maßnahmenplan<").unwrap();
    let steering_at = document.find(">Steuerung und Monitoring<").unwrap();
    let outside = format!("{}{}", &document[..plan_at], &document[steering_at..]);
    for s in &input.statements {
        assert_eq!(outside.matches(s.text.as_str()).count(), 1, "{} in the DOCX", s.text);
    }
}
