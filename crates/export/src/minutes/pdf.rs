//! PDF documents.

use cafehost_core::Language;

use super::build::Doc;
use crate::ExportError;

pub fn render(_doc: &Doc<'_>, _language: Language) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::Pdf("the PDF is not written yet".to_owned()))
}
