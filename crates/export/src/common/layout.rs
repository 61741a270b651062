//! Wrapping, fitting and drawing text with the embedded fonts on a PDF page, and a few drawing
//! helpers: the toolbox of the printables and of the documents' PDF.
//!
//! Text is laid out one glyph per character (see [`super::fonts`]), so a measured line is
//! exactly as wide as the drawn one. Coordinates are in points with y growing downwards.

use krilla::Document;
use krilla::color::{luma, rgb};
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

use super::error::ExportError;
use super::fonts::Face;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 portrait width in points.
pub const A4_W: f32 = 210.0 * MM;
/// A4 portrait height in points.
pub const A4_H: f32 = 297.0 * MM;

/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.22;

/// The settings of a page of the given size in points.
pub fn page_settings(width: f32, height: f32) -> Result<PageSettings, ExportError> {
    PageSettings::from_wh(width, height).ok_or_else(|| ExportError::Pdf(format!("page size {width}×{height}")))
}

/// Writes the finished PDF.
pub fn finish(doc: Document) -> Result<Vec<u8>, ExportError> {
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

/// Breaks `text` into lines no wider than `width` at `size`: at spaces where possible, inside a
/// word only when the word alone is too wide. Explicit line breaks are kept.
pub fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    wrap_in(face, text, size, width, None)
}

/// The hyphen set where a word is broken: a soft hyphen, which `DejaVu` draws like a hyphen, so
/// the reader sees "Jugendmigrations-" while a copy of the text or a screen reader gets the word
/// whole (PDF/UA's advice for hyphenation).
pub const HYPHEN: char = '\u{ad}';

/// Where a word may be broken: after `at` bytes, with a hyphen added or not (after a dash
/// already in the word).
#[derive(Clone, Copy)]
struct Break {
    at: usize,
    hyphen: bool,
}

/// The places `word` may be broken in `language`, in order: between the syllables of its runs
/// of letters (`TeX`'s patterns through `hypher`), and after a dash or slash inside it.
fn breaks(word: &str, language: hypher::Lang) -> Vec<Break> {
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    let push_run = |out: &mut Vec<Break>, from: usize, to: usize| {
        let mut at = from;
        let run = &word[from..to];
        // Words of four letters or fewer stay whole, as typesetters keep them.
        if run.chars().count() < 5 {
            return;
        }
        let syllables: Vec<&str> = hypher::hyphenate(run, language).collect();
        for syllable in syllables.iter().take(syllables.len().saturating_sub(1)) {
            at += syllable.len();
            out.push(Break { at, hyphen: true });
        }
    };
    for (i, c) in word.char_indices() {
        if c.is_alphabetic() {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(from) = run_start.take() {
            push_run(&mut out, from, i);
        }
        let end = i + c.len_utf8();
        if matches!(c, '-' | '–' | '—' | '/') && end < word.len() && i > 0 {
            out.push(Break { at: end, hyphen: false });
        }
    }
    if let Some(from) = run_start {
        push_run(&mut out, from, word.len());
    }
    out
}

/// The part of `word` before `b`, with its hyphen when the break adds one.
fn head(word: &str, b: Break) -> String {
    let mut s = word[..b.at].to_owned();
    if b.hyphen {
        s.push(HYPHEN);
    }
    s
}

/// As [`wrap`]; with a `language`, a word that does not fit the rest of a line is hyphenated
/// by that language's patterns ("Jugendmigrations-" / "dienst"), and a word broken anywhere
/// always shows a hyphen where it is broken, even when it has to be cut between letters.
pub fn wrap_in(face: &Face, text: &str, size: f32, width: f32, language: Option<hypher::Lang>) -> Vec<String> {
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
            let Some(language) = language else {
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
                continue;
            };
            let mut rest = word;
            loop {
                let rest_width = face.width(rest, size);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_width + gap + rest_width <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(rest);
                    line_width += gap + rest_width;
                    break;
                }
                // The longest head of the word that still fits this line, hyphen included.
                let fitting = breaks(rest, language)
                    .into_iter()
                    .map(|b| (head(rest, b), b))
                    .rfind(|(h, _)| line_width + gap + face.width(h, size) <= width);
                if let Some((h, b)) = fitting {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&h);
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                    rest = &rest[b.at..];
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                    continue;
                }
                // Not even the first syllable fits an empty line: cut between letters, with the
                // hyphen that shows the word goes on.
                let hyphen = face.glyph(HYPHEN).1 * size;
                let mut cut = 0;
                let mut taken = 0.0;
                for (i, c) in rest.char_indices() {
                    let w = face.glyph(c).1 * size;
                    if i > 0 && taken + w + hyphen > width {
                        break;
                    }
                    taken += w;
                    cut = i + c.len_utf8();
                }
                if cut >= rest.len() {
                    line.push_str(rest);
                    line_width = taken;
                    break;
                }
                lines.push(head(rest, Break { at: cut, hyphen: true }));
                rest = &rest[cut..];
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
        self.surface.draw_glyphs(Point::from_xy(x, y), &glyphs, face.font().clone(), text, size, false);
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
    use crate::common::fonts::Fonts;

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
    fn hyphenation_breaks_long_words_at_syllables_and_always_shows_the_hyphen() {
        let fonts = Fonts::load().unwrap_or_else(|_| panic!("fonts load"));
        let face = &fonts.regular;
        for (text, width) in [
            ("Der Jugendmigrationsdienst berät die Integrationsbeauftragte in der Straße.", 70.0),
            ("Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung", 60.0),
            ("Schule–Beruf Jugendmigrationsdienst-Koordination", 55.0),
            // Narrower than any syllable: cut between letters, still with a hyphen.
            ("Straßenbahnhaltestelle", 14.0),
        ] {
            let lines = wrap_in(face, text, 10.0, width, Some(hypher::Lang::German));
            assert!(lines.len() > 2, "{lines:?}");
            for line in &lines {
                assert!(face.width(line, 10.0) <= width + 0.01 || line.chars().count() <= 2, "{line:?} is too wide");
            }
            // Joined again without the hyphens set, the text is whole: no letter lost, none added.
            let mut joined = String::new();
            for line in &lines {
                if !joined.is_empty() && !joined.ends_with(['–', '-', HYPHEN]) {
                    joined.push(' ');
                }
                joined.push_str(line);
            }
            assert_eq!(joined.replace(HYPHEN, ""), text, "{lines:?}");
            // Every line that ends inside a word ends with its hyphen (or the word's own dash).
            let words: Vec<&str> = text.split_whitespace().collect();
            for line in &lines[..lines.len() - 1] {
                let last = line.split_whitespace().last().unwrap_or_default();
                assert!(
                    words.contains(&last) || last.ends_with([HYPHEN, '–', '-']),
                    "{last:?} is broken without a hyphen: {lines:?}"
                );
            }
        }
        // Broken between syllables, by the German patterns.
        for word in ["Jugendmigrationsdienst", "Integrationsbeauftragte", "Straßenbahnhaltestelle"] {
            let mut syllable_ends = Vec::new();
            let mut at = 0;
            for syllable in hypher::hyphenate(word, hypher::Lang::German) {
                at += syllable.len();
                syllable_ends.push(at);
            }
            for width in [45.0, 60.0, 80.0] {
                let lines = wrap_in(face, word, 10.0, width, Some(hypher::Lang::German));
                assert!(lines.len() > 1, "{word} at {width}: {lines:?}");
                let mut at = 0;
                for line in &lines[..lines.len() - 1] {
                    assert!(line.ends_with(HYPHEN), "{lines:?}");
                    at += line.len() - HYPHEN.len_utf8();
                    assert!(syllable_ends.contains(&at), "{word}: {lines:?} breaks inside a syllable");
                }
            }
        }
        // The soft hyphen is drawn: DejaVu has a visible glyph for it, as wide as a hyphen.
        assert!(face.glyph(HYPHEN).0 != 0 && (face.glyph(HYPHEN).1 - face.glyph('-').1).abs() < 0.01);
        // Short words stay whole.
        assert_eq!(wrap_in(face, "Haus Haus", 10.0, 30.0, Some(hypher::Lang::German)), ["Haus", "Haus"]);
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
