//! The structure a public body expects of the minutes and concept drafts: in the DOCX a header
//! with the title, a footer "Seite X von Y" (fields `PAGE` and `NUMPAGES`), a table of contents
//! field filled on opening, automatic hyphenation, headings kept with the next paragraph and the
//! core properties; in the PDF the metadata (`pdfinfo`), an outline holding every heading
//! (`pdftohtml -xml`) and no heading alone at the foot of a page (`pdftotext`). Needs
//! poppler-utils, not `LibreOffice`.

// The tests write documents to temporary files to read them back; the library writes none.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::unwrap_used, missing_docs, clippy::too_many_lines)]

use cafehost_core::run::{RunFrame, agenda, schedule};
use cafehost_core::{
    Attendance, CafeTable, Language, Note, NoteId, NoteKind, Participant, ParticipantId, ParticipantInput, Round,
    RoundId, RoundInput, TableId, TableInput, TravelMode, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
use cafehost_export::minutes::{self, DocumentKind, MinutesInput, WorkshopMinutes};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

mod pdf;
use pdf::poppler;

fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-12T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// A workshop with six tables and three rounds, several notes per table and round (long enough
/// that headings fall near the foot of pages), and a summary.
fn input(kind: DocumentKind, language: Language) -> MinutesInput {
    let w = WorkshopId::new();
    let rounds: Vec<Round> = ["Was läuft gut?", "Was fehlt?", "Was tun wir als Nächstes?"]
        .iter()
        .enumerate()
        .map(|(i, q)| Round {
            id: RoundId::new(),
            workshop_id: w,
            position: u32::try_from(i).unwrap(),
            input: RoundInput { duration_minutes: 20, break_after_minutes: 0, question: (*q).into() },
        })
        .collect();
    let participants: Vec<Participant> = (0..12)
        .map(|i| Participant {
            id: ParticipantId::new(),
            workshop_id: w,
            input: ParticipantInput {
                first_name: format!("Person{i}"),
                last_name: "Beispiel".into(),
                organisation: ["Jobcenter", "Jugendamt", "AWO Kreisverband"][i % 3].into(),
                ..ParticipantInput::default()
            },
            attendance: Attendance::Present,
            walk_in: false,
            created_at: at(),
            updated_at: at(),
        })
        .collect();
    let tables: Vec<CafeTable> = (1..=6)
        .map(|n| CafeTable {
            id: TableId::new(),
            workshop_id: w,
            input: TableInput {
                number: n,
                topic: format!("Thema {n} & Übergang"),
                capacity: 8,
                host_id: None,
                questions: Vec::new(),
            },
        })
        .collect();
    let mut notes = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for round in &rounds {
            for k in 0..(2 + (t % 3)) {
                notes.push(Note {
                    id: NoteId::new(),
                    workshop_id: w,
                    table_id: Some(table.id),
                    round_id: Some(round.id),
                    kind: NoteKind::Note,
                    text: format!(
                        "Beobachtung {k}: Die Sprachförderung in den Kitas braucht mehr Zeit, feste Ansprechpersonen \
                         und eine Abstimmung zwischen Schule, Jugendhilfe und Eltern. {}",
                        "Weitere Einzelheiten folgen. ".repeat(k + t % 4)
                    ),
                    tags: vec!["Sprache".into()],
                    author: String::new(),
                    created_at: at(),
                    updated_at: at(),
                });
            }
        }
    }
    notes.push(Note {
        id: NoteId::new(),
        workshop_id: w,
        table_id: None,
        round_id: None,
        kind: NoteKind::WorkshopSummary,
        text: "Großer Bedarf an Sprachförderung.".into(),
        tags: Vec::new(),
        author: String::new(),
        created_at: at(),
        updated_at: at(),
    });
    let setup = WorkshopSetup {
        workshop: Workshop {
            id: w,
            process_id: None,
            details: WorkshopDetails {
                title: "Arbeit & Übergang".into(),
                date: NaiveDate::from_ymd_opt(2026, 5, 12),
                start_time: NaiveTime::from_hms_opt(14, 0, 0),
                place: "Kreishaus, Saal 2".into(),
                purpose: "Gemeinsam Ziele für den Übergang Schule–Beruf finden.".into(),
                language: Language::De,
                travel_mode: TravelMode::Free,
            },
            created_at: at(),
            updated_at: at(),
        },
        process: None,
        tables,
        rounds,
        participants,
    };
    let timetable = schedule(&agenda(&setup.rounds, RunFrame::default()), setup.workshop.details.start_time);
    MinutesInput {
        kind,
        title: "Arbeit & Übergang".into(),
        process_title: None,
        process_description: String::new(),
        language,
        workshops: vec![WorkshopMinutes { number: 1, schedule: timetable, setup, notes, photos: Vec::new() }],
        statements: Vec::new(),
        include_names: true,
        pseudonymise: false,
        created: None,
    }
}

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
