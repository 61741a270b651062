//! The two embedded typefaces, `DejaVu` Sans regular and bold, and how wide text set in them is.
//!
//! Text is measured one glyph per character from the font's character map and advance widths (no
//! kerning or ligatures), so a measured line is exactly as wide as the drawn one and every glyph
//! maps back to its character in the PDF's text layer. The fonts are compiled in and embedded
//! as subsets, so any name prints on any computer.

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use super::error::ExportError;

static REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// One embedded typeface: the PDF font and what is needed to measure text in it.
pub struct Face {
    font: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Self, ExportError> {
        let broken = || ExportError::Font;
        let font_ref = FontRef::new(data).map_err(|_| broken())?;
        let font = Font::new(data.into(), 0).ok_or_else(broken)?;
        let units_per_em = font.units_per_em();
        Ok(Self {
            font,
            charmap: font_ref.charmap(),
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
        })
    }

    /// Glyph id and advance (in em) of one character; for a character the font lacks, the
    /// replacement character's glyph ("�"): `.notdef` draws nothing a reader can see and is
    /// forbidden in PDF/UA and PDF/A, so an emoji in a note would otherwise fail the document.
    pub fn glyph(&self, c: char) -> (u32, f32) {
        let id = self.charmap.map(c).or_else(|| self.charmap.map('\u{fffd}')).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        (id.to_u32(), advance)
    }

    /// The PDF font.
    pub fn font(&self) -> &Font {
        &self.font
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }
}

/// Regular and bold.
pub struct Fonts {
    /// `DejaVu` Sans.
    pub regular: Face,
    /// `DejaVu` Sans Bold.
    pub bold: Face,
}

impl Fonts {
    /// Loads the embedded fonts.
    pub fn load() -> Result<Self, ExportError> {
        Ok(Self { regular: Face::load(REGULAR)?, bold: Face::load(BOLD)? })
    }
}
