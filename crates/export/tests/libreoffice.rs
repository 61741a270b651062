//! The Word documents as an office opens them: headless `LibreOffice` (`soffice --headless
//! --convert-to pdf`, Debian's `libreoffice-writer-nogui`, which `scripts/setup` installs)
//! converts a minutes DOCX and a concept DOCX to PDF, which poppler reads back: more than one
//! page, every chapter heading in the text, and the footer's page numbers filled in ("Seite 2
//! von N" on the second page; the title page has no footer). A missing `soffice` fails the test:
//! setup installs it, and a skipped test would say nothing.

// The test writes the documents to a temporary folder and runs `soffice` on them.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cafehost_core::Language;
use cafehost_export::minutes::{self, DocumentKind, MinutesInput};

mod documents;
mod pdf;
use documents::{input, with_statements};
use pdf::poppler;

/// How long one conversion may take: the first start of a fresh profile is slow, more so on a
/// machine busy with builds.
const PATIENCE: Duration = Duration::from_mins(4);

/// Converts `docx` to PDF with headless `LibreOffice` in its own profile; the PDF's bytes.
fn convert(dir: &Path, name: &str, docx: &[u8]) -> Vec<u8> {
    let source = dir.join(format!("{name}.docx"));
    std::fs::write(&source, docx).unwrap();
    // A private profile: no clash with a running office or another test, nothing left behind.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let mut child = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--norestore", "--nologo", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&source)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "soffice (LibreOffice) must be installed to check the Word documents: {e}; \
                 run scripts/setup (Debian package libreoffice-writer-nogui)"
            )
        });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                std::io::Read::read_to_string(&mut e, &mut err).unwrap();
            }
            assert!(status.success(), "soffice failed on {name}: {err}");
            break;
        }
        if start.elapsed() > PATIENCE {
            // The child is this test's own: stop it before failing.
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("soffice took more than {PATIENCE:?} to convert {name}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = dir.join(format!("{name}.pdf"));
    std::fs::read(&out).unwrap_or_else(|e| panic!("soffice wrote no {}: {e}", out.display()))
}

/// The chapter headings (level 1 and 2) of a document, as its Markdown writes them.
fn chapters(input: &MinutesInput) -> Vec<String> {
    minutes::markdown(input)
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .map(|l| l.trim_start_matches('#').trim().replace('\\', ""))
        .collect()
}

#[test]
fn libreoffice_opens_the_word_documents_with_headings_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, language, page_of) in
        [(DocumentKind::Minutes, Language::De, ("Seite", "von")), (DocumentKind::Concept, Language::En, ("Page", "of"))]
    {
        let input = with_statements(input(kind, language));
        let name = format!("{kind:?}").to_lowercase();
        let pdf = convert(dir.path(), &name, &minutes::docx(&input).unwrap());
        if let Some(keep) = std::env::var_os("CAFEHOST_DUMP_DIR") {
            std::fs::write(Path::new(&keep).join(format!("libreoffice-{name}.pdf")), &pdf).unwrap();
        }
        let info = poppler("pdfinfo", &pdf, &[]);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map_or_else(|| panic!("{info}"), |n| n.trim().parse().unwrap());
        assert!(pages > 1, "{name}: {pages} page(s)");
        let text = poppler("pdftotext", &pdf, &[]);
        // Word hyphenates automatically; LibreOffice too, so a heading may break in the table of
        // contents but not in the text, where headings are never hyphenated.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for heading in chapters(&input) {
            assert!(flat.contains(&heading), "{name}: the heading {heading:?} in {flat}");
        }
        let (page, of) = page_of;
        let per_page: Vec<&str> = text.split('\u{c}').collect();
        for n in 2..=pages {
            let footer = format!("{page} {n} {of} {pages}");
            assert!(per_page[n - 1].contains(&footer), "{name}: {footer:?} on page {n}: {}", per_page[n - 1]);
        }
        assert!(!per_page[0].contains(&format!("{page} 1 {of}")), "{name}: the title page has no footer");
    }
}
