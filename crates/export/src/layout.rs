//! Measuring, wrapping and drawing text with the embedded fonts, and a few drawing helpers.
//!
//! Text is laid out one glyph per character from the font's character map and advance widths
//! (no kerning or ligatures), so a measured line is exactly as wide as the drawn one and every
//! glyph maps back to its character in the PDF's text layer.

use krilla::color::{luma, rgb};
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 portrait width in points.
pub const A4_W: f32 = 210.0 * MM;
/// A4 portrait height in points.
pub const A4_H: f32 = 297.0 * MM;

/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.22;

/// One embedded typeface: the PDF font and what is needed to measure text in it.
pub struct Face {
    font: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Self, crate::ExportError> {
        let broken = || crate::ExportError::Font;
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

    /// Glyph id and advance (in em) of one character; `.notdef` for characters the font lacks.
    fn glyph(&self, c: char) -> (u32, f32) {
        let id = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        (id.to_u32(), advance)
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
    pub fn load() -> Result<Self, crate::ExportError> {
        Ok(Self { regular: Face::load(REGULAR)?, bold: Face::load(BOLD)? })
    }
}

/// Breaks `text` into lines no wider than `width` at `size`: at spaces where possible, inside a
/// word only when the word alone is too wide. Explicit line breaks are kept.
pub fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        let space = face.width(" ", size);
        for word in paragraph.split_whitespace() {
            let word_width = face.width(word, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
            } else {
                // A word wider than the line: break it between characters.
                line_width = 0.0;
                for c in word.chars() {
                    let w = face.glyph(c).1 * size;
                    if !line.is_empty() && line_width + w > width {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += w;
                }
            }
        }
        lines.push(line);
    }
    // Drop trailing empty lines from a text that ended in a line break.
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A count as a float (counts of lines and rows are small).
pub fn count(n: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let n = n as f32;
    n
}

/// Height of `lines` lines at `size`.
pub fn block_height(lines: usize, size: f32) -> f32 {
    count(lines) * size * LEADING
}

/// The largest size from `max` down to `min` (in half points) at which `text` wrapped to `width`
/// fits `height`, with its lines; at `min` the text is returned even when it is taller.
pub fn fit(face: &Face, text: &str, width: f32, height: f32, max: f32, min: f32) -> (f32, Vec<String>) {
    let mut size = max;
    loop {
        let lines = wrap(face, text, size, width);
        if block_height(lines.len(), size) <= height || size <= min {
            return (size, lines);
        }
        size = (size - 0.5).max(min);
    }
}

/// The largest size up to `max` at which `text` fits `width` on one line (not below `min`).
pub fn fit_line(face: &Face, text: &str, width: f32, max: f32, min: f32) -> f32 {
    let at_one = face.width(text, 1.0);
    if at_one <= 0.0 {
        return max;
    }
    (width / at_one).clamp(min, max)
}

/// Greys and the one accent colour used.
#[derive(Clone, Copy)]
pub enum Ink {
    /// Text.
    Black,
    /// Secondary text.
    Grey,
    /// Rules and marks.
    Light,
    /// Table numbers.
    Accent,
}

impl Ink {
    fn fill(self) -> Fill {
        let paint = match self {
            Self::Black => luma::Color::black().into(),
            Self::Grey => luma::Color::new(90).into(),
            Self::Light => luma::Color::new(170).into(),
            Self::Accent => rgb::Color::new(0x1f, 0x5f, 0x8b).into(),
        };
        Fill { paint, opacity: NormalizedF32::ONE, rule: krilla::paint::FillRule::default() }
    }
}

/// A page's surface with text and line helpers; y grows downwards, text is placed by baseline.
pub struct Canvas<'a, 'b> {
    /// The krilla surface.
    pub surface: &'a mut Surface<'b>,
}

impl Canvas<'_, '_> {
    /// Draws one line of text with its baseline at `y`.
    pub fn text(&mut self, face: &Face, size: f32, x: f32, y: f32, ink: Ink, text: &str) {
        if text.is_empty() {
            return;
        }
        let glyphs: Vec<KrillaGlyph> = text
            .char_indices()
            .map(|(i, c)| {
                let (id, advance) = face.glyph(c);
                KrillaGlyph::new(GlyphId::new(id), advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect();
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(ink.fill()));
        self.surface.draw_glyphs(Point::from_xy(x, y), &glyphs, face.font.clone(), text, size, false);
    }

    /// Draws text right-aligned to `right`.
    pub fn text_right(&mut self, face: &Face, size: f32, right: f32, y: f32, ink: Ink, text: &str) {
        let w = face.width(text, size);
        self.text(face, size, right - w, y, ink, text);
    }

    /// Draws wrapped lines from the top `top` downwards; returns the y below the last line.
    pub fn lines(&mut self, face: &Face, size: f32, x: f32, top: f32, ink: Ink, lines: &[String]) -> f32 {
        let mut y = top;
        for line in lines {
            self.text(face, size, x, y + size * 0.93, ink, line);
            y += size * LEADING;
        }
        y
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, ink: Ink, dashed: bool) {
        let mut pb = PathBuilder::new();
        pb.move_to(from.0, from.1);
        pb.line_to(to.0, to.1);
        let Some(path) = pb.finish() else { return };
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            paint: ink.fill().paint,
            width,
            dash: dashed.then(|| StrokeDash { array: vec![3.0, 3.0], offset: 0.0 }),
            ..Stroke::default()
        }));
        self.surface.draw_path(&path);
    }

    /// A filled rectangle.
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: u8) {
        let mut pb = PathBuilder::new();
        let Some(rect) = Rect::from_xywh(x, y, w, h) else { return };
        pb.push_rect(rect);
        let Some(path) = pb.finish() else { return };
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill {
            paint: luma::Color::new(grey).into(),
            opacity: NormalizedF32::ONE,
            rule: krilla::paint::FillRule::default(),
        }));
        self.surface.draw_path(&path);
    }

    /// Applies a transform to everything drawn until [`Canvas::pop`].
    pub fn push_transform(&mut self, transform: &Transform) {
        self.surface.push_transform(transform);
    }

    /// Ends the last [`Canvas::push_transform`].
    pub fn pop(&mut self) {
        self.surface.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let fonts = Fonts::load().unwrap_or_else(|_| panic!("fonts load"));
        let text = "Wie gelingt der Übergang von der Kita in die Grundschule für Kinder mit Fluchterfahrung?";
        let lines = wrap(&fonts.regular, text, 12.0, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| fonts.regular.width(l, 12.0) <= 150.0));
        assert_eq!(lines.join(" "), text);
        let long = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung";
        let lines = wrap(&fonts.bold, long, 20.0, 100.0);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| fonts.bold.width(l, 20.0) <= 100.0));
    }

    #[test]
    fn fitting_shrinks_until_the_block_fits() {
        let fonts = Fonts::load().unwrap_or_else(|_| panic!("fonts load"));
        let text = "Wort ".repeat(60);
        let (size, lines) = fit(&fonts.regular, &text, 200.0, 60.0, 30.0, 4.0);
        assert!(size < 30.0);
        assert!(block_height(lines.len(), size) <= 60.0);
        assert!(fonts.regular.width("ßöşłç", 10.0) > 0.0, "the glyphs exist");
    }
}
