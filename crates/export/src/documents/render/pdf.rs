//! The minutes and concept drafts as PDF (A4 portrait), with the printables' fonts and text
//! layout. The blocks are first laid out into pages of drawing operations, then drawn, so every
//! page can say "Seite 3 von 12".

use cafehost_core::Language;
use krilla::Document;
use krilla::geom::{Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;

use crate::common::ExportError;
use crate::common::fonts::{Face, Fonts};
use crate::common::labels::Labels;
use crate::common::layout::{
    A4_H, A4_W, Canvas, Ink, LEADING, MM, block_height, count, finish, fit_line, page_settings, wrap,
};
use crate::documents::content::{Block, Doc, Picture};

const LEFT: f32 = 20.0 * MM;
const WIDTH: f32 = A4_W - 40.0 * MM;
const TOP: f32 = 20.0 * MM;
const BOTTOM: f32 = A4_H - 20.0 * MM;

const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const CELL: f32 = 8.0;
const PAD: f32 = 2.5;

/// One thing to draw on a page.
enum Op {
    Text { bold: bool, size: f32, x: f32, y: f32, ink: Ink, text: String },
    Line { from: (f32, f32), to: (f32, f32) },
    Fill { x: f32, y: f32, w: f32, h: f32 },
    Image { image: Image, x: f32, y: f32, w: f32, h: f32 },
}

/// Lays blocks out top to bottom, starting new pages as needed.
struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Flow<'_> {
    fn face(&self, bold: bool) -> &Face {
        if bold { &self.fonts.bold } else { &self.fonts.regular }
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    /// Wrapped text from the current position; returns nothing, moves down.
    fn text(&mut self, bold: bool, size: f32, x: f32, width: f32, ink: Ink, text: &str) {
        let lines = wrap(self.face(bold), text, size, width);
        for line in lines {
            self.ensure(size * LEADING);
            let y = self.y + size * 0.93;
            self.page().push(Op::Text { bold, size, x, y, ink, text: line });
            self.y += size * LEADING;
        }
    }

    fn gap(&mut self, points: f32) {
        if self.y > TOP {
            self.y += points;
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before) = match level {
            1 => (15.0, 14.0),
            2 => (12.5, 10.0),
            _ => (11.0, 7.0),
        };
        self.gap(before);
        // Keep the heading with at least three lines of what follows.
        let lines = wrap(&self.fonts.bold, text, size, WIDTH).len();
        self.ensure(block_height(lines, size) + 3.0 * BODY * LEADING);
        self.text(true, size, LEFT, WIDTH, if level == 1 { Ink::Accent } else { Ink::Black }, text);
        if level == 1 {
            let y = self.y + 1.5;
            self.page().push(Op::Line { from: (LEFT, y), to: (LEFT + WIDTH, y) });
            self.y += 4.0;
        }
        self.y += 3.0;
    }

    fn item(&mut self, depth: u8, text: &str, meta: &str) {
        let indent = LEFT + f32::from(depth) * 14.0;
        let x = indent + 11.0;
        let width = WIDTH - (x - LEFT);
        self.ensure(BODY * LEADING);
        let y = self.y + BODY * 0.93;
        let bullet = if depth == 0 { "•" } else { "–" };
        self.page().push(Op::Text {
            bold: false,
            size: BODY,
            x: indent + 2.0,
            y,
            ink: Ink::Accent,
            text: bullet.into(),
        });
        self.text(false, BODY, x, width, Ink::Black, text);
        if !meta.is_empty() {
            self.text(false, SMALL, x, width, Ink::Grey, meta);
        }
        self.y += 2.5;
    }

    fn table(&mut self, widths: &[u16], header: &[String], rows: &[Vec<String>]) {
        let total = f32::from(widths.iter().copied().sum::<u16>().max(1));
        let cols: Vec<f32> = widths.iter().map(|w| WIDTH * f32::from(*w) / total).collect();
        let line_h = CELL * LEADING;
        let wrap_row = |flow: &Self, cells: &[String], bold: bool| -> Vec<Vec<String>> {
            cols.iter()
                .enumerate()
                .map(|(i, w)| wrap(flow.face(bold), cells.get(i).map_or("", String::as_str), CELL, w - 2.0 * PAD))
                .collect()
        };
        // Headers are short labels: one line each, set smaller where a column is narrow.
        let head: Vec<Vec<String>> = header.iter().map(|h| vec![h.clone()]).collect();
        let head_h = count(head.iter().map(Vec::len).max().unwrap_or(1)) * line_h + 2.0 * PAD;
        self.gap(2.0);
        // Keep the header with the first row (or as much of it as a page holds).
        let first =
            rows.first().map_or(1, |cells| wrap_row(self, cells, false).iter().map(Vec::len).max().unwrap_or(1));
        let first_h = (count(first) * line_h + 2.0 * PAD).min(BOTTOM - TOP - head_h);
        self.ensure(head_h + first_h);
        self.row(&cols, &head, 0, usize::MAX, true);
        for cells in rows {
            let wrapped = wrap_row(self, cells, false);
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let mut done = 0;
            // A row that fits a fresh page is never split; a taller one continues on the next.
            if self.y + count(lines) * line_h + 2.0 * PAD > BOTTOM {
                self.new_page();
                self.row(&cols, &head, 0, usize::MAX, true);
            }
            while done < lines {
                let room = ((BOTTOM - self.y - 2.0 * PAD) / line_h).floor();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let room = room.max(1.0) as usize;
                let take = room.min(lines - done);
                self.row(&cols, &wrapped, done, take, false);
                done += take;
                if done < lines {
                    self.new_page();
                    self.row(&cols, &head, 0, usize::MAX, true);
                }
            }
        }
        self.y += 6.0;
    }

    /// Draws lines `from..from + take` of each cell as one row with its borders.
    fn row(&mut self, cols: &[f32], cells: &[Vec<String>], from: usize, take: usize, bold: bool) {
        let line_h = CELL * LEADING;
        let lines = cells.iter().map(|c| c.len().saturating_sub(from).min(take)).max().unwrap_or(0).max(1);
        let h = count(lines) * line_h + 2.0 * PAD;
        let top = self.y;
        if bold {
            self.page().push(Op::Fill { x: LEFT, y: top, w: WIDTH, h });
        }
        let mut x = LEFT;
        for (i, w) in cols.iter().enumerate() {
            if let Some(cell) = cells.get(i) {
                for (n, line) in cell.iter().skip(from).take(take).enumerate() {
                    let size = if bold { fit_line(&self.fonts.bold, line, w - 2.0 * PAD, CELL, 5.0) } else { CELL };
                    let y = top + PAD + count(n) * line_h + CELL * 0.93;
                    self.page().push(Op::Text { bold, size, x: x + PAD, y, ink: Ink::Black, text: line.clone() });
                }
            }
            self.page().push(Op::Line { from: (x, top), to: (x, top + h) });
            x += w;
        }
        self.page().push(Op::Line { from: (x, top), to: (x, top + h) });
        self.page().push(Op::Line { from: (LEFT, top), to: (LEFT + WIDTH, top) });
        self.page().push(Op::Line { from: (LEFT, top + h), to: (LEFT + WIDTH, top + h) });
        self.y = top + h;
    }

    fn photo(&mut self, photo: Option<&Picture>, caption: &str) {
        let image = photo.and_then(|p| match p.media_type {
            "image/png" => Image::from_png(p.bytes.clone().into(), true).ok(),
            _ => Image::from_jpeg(p.bytes.clone().into(), true).ok(),
        });
        if let (Some(photo), Some(image)) = (photo, image) {
            // Upright already: no turn.
            #[allow(clippy::cast_precision_loss)]
            let (w, h) = (photo.width as f32, photo.height as f32);
            let scale = (WIDTH.min(130.0 * MM) / w).min(95.0 * MM / h);
            let (dw, dh) = (w * scale, h * scale);
            self.gap(4.0);
            self.ensure(dh + 2.0 * SMALL * LEADING);
            let (x, y) = (LEFT, self.y);
            self.page().push(Op::Image { image, x, y, w: dw, h: dh });
            self.y += dh + 3.0;
        }
        self.text(false, SMALL, LEFT, WIDTH, Ink::Grey, caption);
        self.y += 6.0;
    }

    fn title_page(&mut self, kind: &str, title: &str, lines: &[String], purpose: &str) {
        self.y = 70.0 * MM;
        self.text(false, 16.0, LEFT, WIDTH, Ink::Accent, kind);
        self.y += 6.0;
        self.text(true, 26.0, LEFT, WIDTH, Ink::Black, title);
        self.y += 14.0;
        for line in lines {
            self.text(false, 12.0, LEFT, WIDTH, Ink::Grey, line);
        }
        if !purpose.is_empty() {
            self.y += 14.0;
            self.text(false, 11.0, LEFT, WIDTH, Ink::Black, purpose);
        }
        self.new_page();
    }
}

fn draw(canvas: &mut Canvas<'_, '_>, fonts: &Fonts, op: Op) {
    match op {
        Op::Text { bold, size, x, y, ink, text } => {
            canvas.text(if bold { &fonts.bold } else { &fonts.regular }, size, x, y, ink, &text);
        }
        Op::Line { from, to } => canvas.line(from, to, 0.5, Ink::Light, false),
        Op::Fill { x, y, w, h } => canvas.fill_rect(x, y, w, h, 232),
        Op::Image { image, x, y, w, h } => {
            let Some(size) = Size::from_wh(w, h) else { return };
            canvas.push_transform(&Transform::from_translate(x, y));
            canvas.surface.draw_image(image, size);
            canvas.pop();
        }
    }
}

/// Renders the blocks as a PDF.
pub fn render(doc: &Doc, language: Language) -> Result<Vec<u8>, ExportError> {
    let fonts = Fonts::load()?;
    let labels = Labels::of(language);
    let mut flow = Flow { fonts: &fonts, pages: vec![Vec::new()], y: TOP };
    for block in &doc.blocks {
        match block {
            Block::TitlePage { kind, title, lines, purpose } => flow.title_page(kind, title, lines, purpose),
            Block::Heading(level, text) => flow.heading(*level, text),
            Block::Paragraph(text) => {
                flow.text(false, BODY, LEFT, WIDTH, Ink::Black, text);
                flow.y += 5.0;
            }
            Block::Quiet(text) => {
                flow.text(false, SMALL + 0.5, LEFT, WIDTH, Ink::Grey, text);
                flow.y += 4.0;
            }
            Block::Item { depth, text, meta } => flow.item(*depth, text, meta),
            Block::Table { widths, header, rows } => flow.table(widths, header, rows),
            Block::Photo(photo, caption) => flow.photo(photo.as_ref(), caption),
        }
    }
    let mut pages = flow.pages;
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    let count = pages.len();
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new().title(doc.title.clone()).language(labels.code.to_owned()).creator("Cafehost".to_owned()),
    );
    for (n, ops) in pages.into_iter().enumerate() {
        let mut page = document.start_page_with(page_settings(A4_W, A4_H)?);
        let mut surface = page.surface();
        let mut canvas = Canvas { surface: &mut surface };
        for op in ops {
            draw(&mut canvas, &fonts, op);
        }
        if n > 0 {
            let y = A4_H - 12.0 * MM;
            let size = fit_line(&fonts.regular, &doc.title, WIDTH - 35.0 * MM, 8.0, 5.0);
            canvas.text(&fonts.regular, size, LEFT, y, Ink::Grey, &doc.title);
            canvas.text_right(&fonts.regular, 8.0, LEFT + WIDTH, y, Ink::Grey, &labels.page(n + 1, count));
        }
        surface.finish();
        page.finish();
    }
    finish(document)
}
