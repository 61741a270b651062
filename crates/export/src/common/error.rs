//! The one error of the crate.

/// Why a PDF or a Word document could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// An embedded font could not be read (a broken build, not bad data).
    #[error("an embedded font cannot be read")]
    Font,
    /// The PDF writer refused the document.
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
    /// The PDF does not meet the standard it claims (PDF/UA-1, PDF/A-2u): a bug in the layout,
    /// never to be shipped as if it were conformant. Holds krilla's findings.
    #[error("the PDF does not conform to {standard}: {findings}")]
    Conformance {
        /// "PDF/UA-1" or "PDF/UA-1 and PDF/A-2u".
        standard: &'static str,
        /// What the validator found.
        findings: String,
    },
    /// An archival PDF (PDF/A) must carry the date it was made; the input has none.
    #[error("a PDF/A document needs its creation date")]
    Undated,
    /// The Word document could not be packed.
    #[error("cannot write the Word document: {0}")]
    Docx(String),
}
