//! The minutes and concept drafts as PDF (A4 portrait), with the printables' fonts and text
//! layout. The blocks are first laid out into pages of drawing operations, then drawn, so every
//! page can say "Seite 3 von 12". A heading is kept with the start of what follows it (three
//! lines of text, a table's header and first row, a photo), so none stands alone at the foot of
//! a page. The document carries its metadata (title, author and creator "Cafehost", language,
//! the creation date when one is given) and an outline (bookmarks) of every heading, nested by
//! level.

use cafehost_core::Language;
use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};

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

/// A heading as the outline shows it: level, text, page index and top.
struct Mark {
    level: u8,
    text: String,
    page: usize,
    y: f32,
}

/// Lays blocks out top to bottom, starting new pages as needed.
struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// The headings in order, for the outline.
    marks: Vec<Mark>,
}

/// A heading's size and the space before it.
fn heading_size(level: u8) -> (f32, f32) {
    match level {
        1 => (15.0, 14.0),
        2 => (12.5, 10.0),
        _ => (11.0, 7.0),
    }
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

    /// The height of a heading with the space under it (and its rule for level 1).
    fn heading_height(&self, level: u8, text: &str) -> f32 {
        let size = heading_size(level).0;
        let lines = wrap(&self.fonts.bold, text, size, WIDTH).len();
        block_height(lines, size) + if level == 1 { 7.0 } else { 3.0 }
    }

    /// How much of `next` must stand on the same page as the heading before it: the heading
    /// (and what it keeps) for a heading, up to three lines of text, a table's header and first
    /// row, a photo with its caption's first line.
    fn lead(&self, next: Option<&Block>) -> f32 {
        let lines = |face: &Face, text: &str, size: f32, width: f32| {
            count(wrap(face, text, size, width).len().clamp(1, 3)) * size * LEADING
        };
        match next {
            None | Some(Block::TitlePage { .. }) => 0.0,
            Some(Block::Heading(level, text)) => {
                heading_size(*level).1 + self.heading_height(*level, text) + 3.0 * BODY * LEADING
            }
            Some(Block::Paragraph(text)) => lines(&self.fonts.regular, text, BODY, WIDTH),
            Some(Block::Quiet(text)) => lines(&self.fonts.regular, text, SMALL + 0.5, WIDTH),
            Some(Block::Item { depth, text, .. }) => {
                lines(&self.fonts.regular, text, BODY, WIDTH - f32::from(*depth) * 14.0 - 11.0)
            }
            Some(Block::Table { widths, rows, .. }) => {
                let total = f32::from(widths.iter().copied().sum::<u16>().max(1));
                let first = rows.first().map_or(1, |cells| {
                    widths
                        .iter()
                        .enumerate()
                        .map(|(i, w)| {
                            let width = WIDTH * f32::from(*w) / total - 2.0 * PAD;
                            wrap(&self.fonts.regular, cells.get(i).map_or("", String::as_str), CELL, width).len()
                        })
                        .max()
                        .unwrap_or(1)
                });
                2.0 + count(first + 1) * CELL * LEADING + 4.0 * PAD
            }
            Some(Block::Photo(photo, _)) => {
                let image = photo.as_ref().map_or(0.0, |p| {
                    #[allow(clippy::cast_precision_loss)]
                    let (w, h) = (p.width.max(1) as f32, p.height.max(1) as f32);
                    let scale = (WIDTH.min(130.0 * MM) / w).min(95.0 * MM / h);
                    4.0 + h * scale + 3.0
                });
                image + SMALL * LEADING
            }
        }
    }

    /// A heading, kept on one page with `lead` points of what follows (see [`Self::lead`]).
    fn heading(&mut self, level: u8, text: &str, lead: f32) {
        let (size, before) = heading_size(level);
        self.gap(before);
        let height = self.heading_height(level, text);
        // Never ask for more than a page holds: a heading before a very tall block starts a page.
        self.ensure(height + lead.min(BOTTOM - TOP - height));
        let page = self.pages.len().saturating_sub(1);
        self.marks.push(Mark { level, text: text.to_owned(), page, y: self.y });
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

/// The outline: every heading, nested by level (a level skipped hangs under the nearest
/// heading above it).
fn outline(marks: Vec<Mark>) -> Outline {
    // The open branch: each heading with the children collected so far.
    let mut open: Vec<(u8, OutlineNode)> = Vec::new();
    let mut outline = Outline::new();
    let close = |open: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline| {
        if let Some((_, node)) = open.pop() {
            match open.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    };
    for mark in marks {
        while open.last().is_some_and(|(level, _)| *level >= mark.level) {
            close(&mut open, &mut outline);
        }
        let destination = XyzDestination::new(mark.page, Point::from_xy(LEFT, mark.y));
        open.push((mark.level, OutlineNode::new(mark.text, destination).with_open(mark.level == 1)));
    }
    while !open.is_empty() {
        close(&mut open, &mut outline);
    }
    outline
}

/// The creation date as the PDF's metadata holds it.
fn pdf_date(at: DateTime<Utc>) -> krilla::metadata::DateTime {
    // Years beyond 65535 do not occur; months, days and times always fit a byte.
    let byte = |n: u32| u8::try_from(n).unwrap_or(0);
    krilla::metadata::DateTime::new(u16::try_from(at.year()).unwrap_or(0))
        .month(byte(at.month()))
        .day(byte(at.day()))
        .hour(byte(at.hour()))
        .minute(byte(at.minute()))
        .second(byte(at.second()))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Renders the blocks as a PDF; `created` becomes its creation date when given.
pub fn render(doc: &Doc, language: Language, created: Option<DateTime<Utc>>) -> Result<Vec<u8>, ExportError> {
    let fonts = Fonts::load()?;
    let labels = Labels::of(language);
    let mut flow = Flow { fonts: &fonts, pages: vec![Vec::new()], y: TOP, marks: Vec::new() };
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::TitlePage { kind, title, lines, purpose } => flow.title_page(kind, title, lines, purpose),
            Block::Heading(level, text) => {
                let lead = flow.lead(doc.blocks.get(i + 1));
                flow.heading(*level, text, lead);
            }
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
    let mut metadata = Metadata::new()
        .title(doc.title.clone())
        .language(labels.code.to_owned())
        .authors(vec!["Cafehost".to_owned()])
        .creator("Cafehost".to_owned());
    if let Some(at) = created {
        metadata = metadata.creation_date(pdf_date(at));
    }
    document.set_metadata(metadata);
    document.set_outline(outline(flow.marks));
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
