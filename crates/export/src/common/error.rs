//! The one error of the crate.

/// Why a PDF or a Word document could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// An embedded font could not be read (a broken build, not bad data).
    Font,
    /// The PDF writer refused the document.
    Pdf(String),
    /// The Word document could not be packed.
    Docx(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Font => f.write_str("an embedded font cannot be read"),
            Self::Pdf(detail) => write!(f, "cannot write the PDF: {detail}"),
            Self::Docx(detail) => write!(f, "cannot write the Word document: {detail}"),
        }
    }
}

impl std::error::Error for ExportError {}
