//! Reading a rendered PDF back with poppler's tools (poppler-utils), for the document tests.
//! Apart from `common`, which the print benchmark shares and which may not use test-only crates.

#![allow(clippy::unwrap_used, clippy::disallowed_methods)]

/// Runs a poppler tool on a PDF and returns its standard output.
pub fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    // Lossy: `pdfinfo -struct-text` prints some strings in the PDF's own encoding.
    String::from_utf8_lossy(&out.stdout).into_owned()
}
