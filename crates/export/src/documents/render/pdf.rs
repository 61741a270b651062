//! The minutes and concept drafts as PDF (A4 portrait), with the printables' fonts and text
//! layout. The blocks are first laid out into pages of drawing operations, then drawn, so every
//! page can say "Seite 3 von 12". A heading is kept with the start of what follows it (three
//! lines of text, a table's header and first row, a photo), so none stands alone at the foot of
//! a page. Long words are hyphenated by the document's language (`TeX` patterns), and a word is
//! never broken without a hyphen. The document carries its metadata (title, author and creator
//! "Cafehost", language, the creation date when one is given) and an outline (bookmarks) of
//! every heading, nested by level.
//!
//! Every PDF is tagged and checked against PDF/UA-1 by krilla's validator while it is written:
//! headings `H1`–`H3` with their titles, paragraphs, lists (label and body), tables with header
//! cells, figures whose alternate text is their caption; rules, fills, page footers and a
//! table's header repeated on a new page are artifacts. A document the validator refuses is an
//! error, not a file. On request it is also PDF/A-2u, for archiving.

use std::num::NonZeroU16;

use cafehost_core::Language;
use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::{Document, SerializeSettings};

use crate::common::ExportError;
use crate::common::fonts::{Face, Fonts};
use crate::common::labels::Labels;
use crate::common::layout::{
    A4_H, A4_W, Canvas, Ink, LEADING, MM, block_height, count, fit_line, page_settings, wrap_in,
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

/// What a piece of drawn content is to the structure: a leaf of an element of the tag tree
/// (by its index among the leaves), or an artifact a screen reader skips.
#[derive(Clone, Copy)]
enum Mark {
    Leaf(usize),
    Artifact(ArtifactType),
}

/// One thing to draw on a page.
enum Op {
    Text {
        bold: bool,
        size: f32,
        x: f32,
        y: f32,
        ink: Ink,
        text: String,
        mark: Mark,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Image {
        image: Image,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        mark: Mark,
    },
    /// An empty table cell: content-less, so the cell still has its place in the row.
    Empty {
        mark: Mark,
    },
}

/// A structure element while the document is laid out.
enum Kind {
    Title,
    P,
    H(u8, String),
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    TH,
    TD,
    Figure(String),
    Caption,
}

#[derive(Clone, Copy)]
enum Child {
    Elem(usize),
    Leaf(usize),
}

struct Elem {
    kind: Kind,
    children: Vec<Child>,
}

/// The tag tree as the layout builds it, with leaves still to be drawn; drawing gives each
/// leaf its identifier ([`Tree::finish`]).
#[derive(Default)]
struct Tree {
    elems: Vec<Elem>,
    root: Vec<Child>,
    leaves: usize,
}

impl Tree {
    /// A new element under `parent` (the document when `None`).
    fn elem(&mut self, parent: Option<usize>, kind: Kind) -> usize {
        let id = self.elems.len();
        self.elems.push(Elem { kind, children: Vec::new() });
        self.attach(parent, Child::Elem(id));
        id
    }

    /// A new leaf of `parent`.
    fn leaf(&mut self, parent: usize) -> Mark {
        let id = self.leaves;
        self.leaves += 1;
        self.attach(Some(parent), Child::Leaf(id));
        Mark::Leaf(id)
    }

    fn attach(&mut self, parent: Option<usize>, child: Child) {
        match parent.and_then(|p| self.elems.get_mut(p)) {
            Some(p) => p.children.push(child),
            None => self.root.push(child),
        }
    }

    /// The tag tree, with each leaf's identifier from drawing it (leaves never drawn are left
    /// out; krilla drops elements left without children).
    fn finish(self, drawn: &mut [Option<Identifier>], language: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(language.to_owned()));
        let mut elems: Vec<Option<Elem>> = self.elems.into_iter().map(Some).collect();
        for child in self.root {
            if let Some(node) = node(child, &mut elems, drawn) {
                tree.push(node);
            }
        }
        tree
    }
}

fn node(child: Child, elems: &mut [Option<Elem>], drawn: &mut [Option<Identifier>]) -> Option<Node> {
    match child {
        Child::Leaf(id) => drawn.get_mut(id).and_then(Option::take).map(Node::from),
        Child::Elem(id) => {
            let elem = elems.get_mut(id).and_then(Option::take)?;
            let children: Vec<Node> = elem.children.into_iter().filter_map(|c| node(c, elems, drawn)).collect();
            Some(TagGroup::with_children(tag(elem.kind), children).into())
        }
    }
}

fn tag(kind: Kind) -> TagKind {
    match kind {
        Kind::Title => Tag::Title.into(),
        Kind::P => Tag::P.into(),
        Kind::H(level, title) => Tag::Hn(NonZeroU16::new(level.into()).unwrap_or(NonZeroU16::MIN), Some(title)).into(),
        Kind::L => Tag::L(ListNumbering::Disc).into(),
        Kind::LI => Tag::LI.into(),
        Kind::Lbl => Tag::Lbl.into(),
        Kind::LBody => Tag::LBody.into(),
        Kind::Table => Tag::Table.into(),
        Kind::THead => Tag::THead.into(),
        Kind::TBody => Tag::TBody.into(),
        Kind::TR => Tag::TR.into(),
        Kind::TH => Tag::TH(TableHeaderScope::Column).into(),
        Kind::TD => Tag::TD.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt)).into(),
        Kind::Caption => Tag::Caption.into(),
    }
}

/// A heading as the outline shows it: level, text, page index and top.
struct Bookmark {
    level: u8,
    text: String,
    page: usize,
    y: f32,
}

/// Lays blocks out top to bottom, starting new pages as needed.
struct Flow<'f> {
    fonts: &'f Fonts,
    /// The language whose patterns hyphenate long words.
    hyphenation: hypher::Lang,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// The headings in order, for the outline.
    marks: Vec<Bookmark>,
    tree: Tree,
    /// The open lists by depth: the list element and the body of its last item.
    lists: Vec<(usize, Option<usize>)>,
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

    fn wrap(&self, bold: bool, text: &str, size: f32, width: f32) -> Vec<String> {
        wrap_in(self.face(bold), text, size, width, Some(self.hyphenation))
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

    /// Wrapped text from the current position, each line a leaf of `parent`; moves down.
    #[allow(clippy::too_many_arguments)] // one text run: font, size, box, ink, where it belongs
    fn text(&mut self, bold: bool, size: f32, x: f32, width: f32, ink: Ink, text: &str, parent: usize) {
        for line in self.wrap(bold, text, size, width) {
            self.ensure(size * LEADING);
            let y = self.y + size * 0.93;
            let mark = self.tree.leaf(parent);
            self.page().push(Op::Text { bold, size, x, y, ink, text: line, mark });
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
        let lines = self.wrap(true, text, size, WIDTH).len();
        block_height(lines, size) + if level == 1 { 7.0 } else { 3.0 }
    }

    /// The widths of a table's columns in points.
    fn columns(widths: &[u16]) -> Vec<f32> {
        let total = f32::from(widths.iter().copied().sum::<u16>().max(1));
        widths.iter().map(|w| WIDTH * f32::from(*w) / total).collect()
    }

    /// The lines of each cell of a row.
    fn wrap_row(&self, cols: &[f32], cells: &[String], bold: bool) -> Vec<Vec<String>> {
        cols.iter()
            .enumerate()
            .map(|(i, w)| self.wrap(bold, cells.get(i).map_or("", String::as_str), CELL, w - 2.0 * PAD))
            .collect()
    }

    /// How much of `next` must stand on the same page as the heading before it: the heading
    /// (and what it keeps) for a heading, up to three lines of text, a table's header and first
    /// row, a photo with its caption's first line.
    fn lead(&self, next: Option<&Block>) -> f32 {
        let lines = |text: &str, size: f32, width: f32| {
            count(self.wrap(false, text, size, width).len().clamp(1, 3)) * size * LEADING
        };
        match next {
            None | Some(Block::TitlePage { .. }) => 0.0,
            Some(Block::Heading(level, text)) => {
                heading_size(*level).1 + self.heading_height(*level, text) + 3.0 * BODY * LEADING
            }
            Some(Block::Paragraph(text)) => lines(text, BODY, WIDTH),
            Some(Block::Quiet(text)) => lines(text, SMALL + 0.5, WIDTH),
            Some(Block::Item { depth, text, .. }) => lines(text, BODY, WIDTH - f32::from(*depth) * 14.0 - 11.0),
            Some(Block::Table { widths, header, rows }) => {
                let cols = Self::columns(widths);
                let tallest = |cells: &[String], bold: bool| {
                    self.wrap_row(&cols, cells, bold).iter().map(Vec::len).max().unwrap_or(1)
                };
                let head = tallest(header, true);
                let first = rows.first().map_or(1, |cells| tallest(cells, false));
                2.0 + count(head + first) * CELL * LEADING + 4.0 * PAD
            }
            Some(Block::Photo(photo, _)) => {
                let image = photo.as_ref().map_or(0.0, |p| {
                    let (_, h) = photo_size(p);
                    4.0 + h + 3.0
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
        self.marks.push(Bookmark { level, text: text.to_owned(), page, y: self.y });
        let elem = self.tree.elem(None, Kind::H(level, text.to_owned()));
        self.text(true, size, LEFT, WIDTH, if level == 1 { Ink::Accent } else { Ink::Black }, text, elem);
        if level == 1 {
            let y = self.y + 1.5;
            self.page().push(Op::Line { from: (LEFT, y), to: (LEFT + WIDTH, y) });
            self.y += 4.0;
        }
        self.y += 3.0;
    }

    /// A paragraph (plain or quiet) of its own.
    fn paragraph(&mut self, size: f32, ink: Ink, text: &str, after: f32) {
        let elem = self.tree.elem(None, Kind::P);
        self.text(false, size, LEFT, WIDTH, ink, text, elem);
        self.y += after;
    }

    /// The list an item at `depth` belongs to: the open one at that depth, or a new one (a
    /// nested list inside the body of the item above it).
    fn list(&mut self, depth: u8) -> usize {
        let depth = usize::from(depth);
        self.lists.truncate(depth + 1);
        while self.lists.len() <= depth {
            let parent = self.lists.last().and_then(|(_, body)| *body);
            let list = self.tree.elem(parent, Kind::L);
            self.lists.push((list, None));
        }
        self.lists.get(depth).map_or(0, |(list, _)| *list)
    }

    fn item(&mut self, depth: u8, text: &str, meta: &str) {
        let list = self.list(depth);
        let li = self.tree.elem(Some(list), Kind::LI);
        let label = self.tree.elem(Some(li), Kind::Lbl);
        let body = self.tree.elem(Some(li), Kind::LBody);
        if let Some(open) = self.lists.last_mut() {
            open.1 = Some(body);
        }
        let indent = LEFT + f32::from(depth) * 14.0;
        let x = indent + 11.0;
        let width = WIDTH - (x - LEFT);
        self.ensure(BODY * LEADING);
        let y = self.y + BODY * 0.93;
        let bullet = if depth == 0 { "•" } else { "–" };
        let mark = self.tree.leaf(label);
        self.page().push(Op::Text {
            bold: false,
            size: BODY,
            x: indent + 2.0,
            y,
            ink: Ink::Accent,
            text: bullet.into(),
            mark,
        });
        self.text(false, BODY, x, width, Ink::Black, text, body);
        if !meta.is_empty() {
            self.text(false, SMALL, x, width, Ink::Grey, meta, body);
        }
        self.y += 2.5;
    }

    fn table(&mut self, widths: &[u16], header: &[String], rows: &[Vec<String>]) {
        let cols = Self::columns(widths);
        let line_h = CELL * LEADING;
        let table = self.tree.elem(None, Kind::Table);
        let thead = self.tree.elem(Some(table), Kind::THead);
        let head_row = self.tree.elem(Some(thead), Kind::TR);
        let head_cells: Vec<usize> = header.iter().map(|_| self.tree.elem(Some(head_row), Kind::TH)).collect();
        let head = self.wrap_row(&cols, header, true);
        let head_lines = head.iter().map(Vec::len).max().unwrap_or(1);
        let head_h = count(head_lines) * line_h + 2.0 * PAD;
        self.gap(2.0);
        // Keep the header with the first row (or as much of it as a page holds).
        let first =
            rows.first().map_or(1, |cells| self.wrap_row(&cols, cells, false).iter().map(Vec::len).max().unwrap_or(1));
        let first_h = (count(first) * line_h + 2.0 * PAD).min(BOTTOM - TOP - head_h);
        self.ensure(head_h + first_h);
        self.row(&cols, &head, 0, usize::MAX, true, Some(&head_cells));
        let body = self.tree.elem(Some(table), Kind::TBody);
        for cells in rows {
            let tr = self.tree.elem(Some(body), Kind::TR);
            let tds: Vec<usize> = cols.iter().map(|_| self.tree.elem(Some(tr), Kind::TD)).collect();
            let wrapped = self.wrap_row(&cols, cells, false);
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let mut done = 0;
            // A row that fits a fresh page is never split; a taller one continues on the next.
            // The header repeated on a new page is an artifact: the table has it once.
            if self.y + count(lines) * line_h + 2.0 * PAD > BOTTOM {
                self.new_page();
                self.row(&cols, &head, 0, usize::MAX, true, None);
            }
            while done < lines {
                let room = ((BOTTOM - self.y - 2.0 * PAD) / line_h).floor();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let room = room.max(1.0) as usize;
                let take = room.min(lines - done);
                self.row(&cols, &wrapped, done, take, false, Some(&tds));
                done += take;
                if done < lines {
                    self.new_page();
                    self.row(&cols, &head, 0, usize::MAX, true, None);
                }
            }
        }
        self.y += 6.0;
    }

    /// Draws lines `from..from + take` of each cell as one row with its borders; each cell's
    /// lines are leaves of its element in `cells`, or artifacts without.
    #[allow(clippy::too_many_arguments)] // a slice of a row: its lines, its look, its cells
    fn row(
        &mut self,
        cols: &[f32],
        lines: &[Vec<String>],
        from: usize,
        take: usize,
        bold: bool,
        cells: Option<&[usize]>,
    ) {
        let line_h = CELL * LEADING;
        let height = lines.iter().map(|c| c.len().saturating_sub(from).min(take)).max().unwrap_or(0).max(1);
        let h = count(height) * line_h + 2.0 * PAD;
        let top = self.y;
        if bold {
            self.page().push(Op::Fill { x: LEFT, y: top, w: WIDTH, h });
        }
        let mut x = LEFT;
        for (i, w) in cols.iter().enumerate() {
            let cell = cells.and_then(|c| c.get(i)).copied();
            let shown: Vec<String> =
                lines.get(i).map(|l| l.iter().skip(from).take(take).cloned().collect()).unwrap_or_default();
            // An empty cell keeps its place in the structure: once, on its first slice.
            if shown.iter().all(String::is_empty)
                && from == 0
                && let Some(cell) = cell
            {
                let mark = self.tree.leaf(cell);
                self.page().push(Op::Empty { mark });
            }
            for (n, line) in shown.into_iter().enumerate() {
                if line.is_empty() {
                    continue;
                }
                let y = top + PAD + count(n) * line_h + CELL * 0.93;
                let mark = cell.map_or(Mark::Artifact(ArtifactType::PaginationOther), |c| self.tree.leaf(c));
                self.page().push(Op::Text { bold, size: CELL, x: x + PAD, y, ink: Ink::Black, text: line, mark });
            }
            self.page().push(Op::Line { from: (x, top), to: (x, top + h) });
            x += w;
        }
        self.page().push(Op::Line { from: (x, top), to: (x, top + h) });
        self.page().push(Op::Line { from: (LEFT, top), to: (LEFT + WIDTH, top) });
        self.page().push(Op::Line { from: (LEFT, top + h), to: (LEFT + WIDTH, top + h) });
        self.y = top + h;
    }

    /// A photo as a figure whose alternate text is its caption, the caption after it; a photo
    /// that cannot be shown leaves its caption as a paragraph.
    fn photo(&mut self, photo: Option<&Picture>, caption: &str) {
        let image = photo.and_then(|p| match p.media_type {
            "image/png" => Image::from_png(p.bytes.clone().into(), true).ok(),
            _ => Image::from_jpeg(p.bytes.clone().into(), true).ok(),
        });
        let caption_elem = if let (Some(photo), Some(image)) = (photo, image) {
            // Upright already: no turn.
            let (dw, dh) = photo_size(photo);
            self.gap(4.0);
            self.ensure(dh + 2.0 * SMALL * LEADING);
            let (x, y) = (LEFT, self.y);
            let figure = self.tree.elem(None, Kind::Figure(caption.to_owned()));
            let mark = self.tree.leaf(figure);
            self.page().push(Op::Image { image, x, y, w: dw, h: dh, mark });
            self.y += dh + 3.0;
            self.tree.elem(None, Kind::Caption)
        } else {
            self.tree.elem(None, Kind::P)
        };
        self.text(false, SMALL, LEFT, WIDTH, Ink::Grey, caption, caption_elem);
        self.y += 6.0;
    }

    fn title_page(&mut self, kind: &str, title: &str, lines: &[String], purpose: &str) {
        self.y = 70.0 * MM;
        let p = self.tree.elem(None, Kind::P);
        self.text(false, 16.0, LEFT, WIDTH, Ink::Accent, kind, p);
        self.y += 6.0;
        let t = self.tree.elem(None, Kind::Title);
        self.text(true, 26.0, LEFT, WIDTH, Ink::Black, title, t);
        self.y += 14.0;
        for line in lines {
            let p = self.tree.elem(None, Kind::P);
            self.text(false, 12.0, LEFT, WIDTH, Ink::Grey, line, p);
        }
        if !purpose.is_empty() {
            self.y += 14.0;
            let p = self.tree.elem(None, Kind::P);
            self.text(false, 11.0, LEFT, WIDTH, Ink::Black, purpose, p);
        }
        self.new_page();
    }
}

/// A photo's size on the page: at most the text width (and 130 mm) wide and 95 mm high.
fn photo_size(p: &Picture) -> (f32, f32) {
    #[allow(clippy::cast_precision_loss)]
    let (w, h) = (p.width.max(1) as f32, p.height.max(1) as f32);
    let scale = (WIDTH.min(130.0 * MM) / w).min(95.0 * MM / h);
    (w * scale, h * scale)
}

/// Draws `op`, marked as its leaf or artifact; returns the leaf's index and identifier.
fn draw(canvas: &mut Canvas<'_, '_>, fonts: &Fonts, op: Op) -> Option<(usize, Identifier)> {
    let (mark, content) = match &op {
        Op::Text { mark, .. } | Op::Empty { mark } => (*mark, ContentTag::Span(SpanTag::empty())),
        Op::Image { mark, .. } => (*mark, ContentTag::Other),
        Op::Line { .. } | Op::Fill { .. } => (Mark::Artifact(ArtifactType::Layout), ContentTag::Other),
    };
    let id = match mark {
        Mark::Artifact(kind) => {
            canvas.surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
            None
        }
        Mark::Leaf(leaf) => Some((leaf, canvas.surface.start_tagged(content))),
    };
    match op {
        Op::Text { bold, size, x, y, ink, text, .. } => {
            canvas.text(if bold { &fonts.bold } else { &fonts.regular }, size, x, y, ink, &text);
        }
        Op::Line { from, to } => canvas.line(from, to, 0.5, Ink::Light, false),
        Op::Fill { x, y, w, h } => canvas.fill_rect(x, y, w, h, 232),
        Op::Image { image, x, y, w, h, .. } => {
            if let Some(size) = Size::from_wh(w, h) {
                canvas.push_transform(&Transform::from_translate(x, y));
                canvas.surface.draw_image(image, size);
                canvas.pop();
            }
        }
        Op::Empty { .. } => {}
    }
    canvas.surface.end_tagged();
    id
}

/// The outline: every heading, nested by level (a level skipped hangs under the nearest
/// heading above it).
fn outline(marks: Vec<Bookmark>) -> Outline {
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

/// Text as the PDF may hold it: control characters (and the byte-order marks PDF/UA forbids)
/// become spaces, line breaks stay.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{fffe}') { ' ' } else { c })
        .collect()
}

/// The validators every document is written under: PDF/UA-1, and PDF/A-2u when `archive`.
fn settings(archive: bool) -> Result<(SerializeSettings, &'static str), ExportError> {
    let mut builder = ConfigurationBuilder::new().set_validator(Validator::Ua(krilla::configure::Accessibility::UA1));
    let standard = if archive {
        builder = builder.with_archival_validator(Archival::A2_U);
        "PDF/UA-1 and PDF/A-2u"
    } else {
        "PDF/UA-1"
    };
    let configuration = builder.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    Ok((SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() }, standard))
}

/// Renders the blocks as a tagged PDF/UA-1 (and PDF/A-2u with `archive`); `created` becomes its
/// creation date when given (PDF/A requires one).
pub fn render(
    doc: &Doc,
    language: Language,
    created: Option<DateTime<Utc>>,
    archive: bool,
) -> Result<Vec<u8>, ExportError> {
    if archive && created.is_none() {
        return Err(ExportError::Undated);
    }
    let fonts = Fonts::load()?;
    let labels = Labels::of(language);
    let hyphenation = match language {
        Language::De => hypher::Lang::German,
        Language::En => hypher::Lang::English,
    };
    let mut flow = Flow {
        fonts: &fonts,
        hyphenation,
        pages: vec![Vec::new()],
        y: TOP,
        marks: Vec::new(),
        tree: Tree::default(),
        lists: Vec::new(),
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        if !matches!(block, Block::Item { .. }) {
            flow.lists.clear();
        }
        match block {
            Block::TitlePage { kind, title, lines, purpose } => {
                let lines: Vec<String> = lines.iter().map(|l| printable(l)).collect();
                flow.title_page(&printable(kind), &printable(title), &lines, &printable(purpose));
            }
            Block::Heading(level, text) => {
                let lead = flow.lead(doc.blocks.get(i + 1));
                flow.heading(*level, &printable(text), lead);
            }
            Block::Paragraph(text) => flow.paragraph(BODY, Ink::Black, &printable(text), 5.0),
            Block::Quiet(text) => flow.paragraph(SMALL + 0.5, Ink::Grey, &printable(text), 4.0),
            Block::Item { depth, text, meta } => flow.item(*depth, &printable(text), &printable(meta)),
            Block::Table { widths, header, rows } => {
                let header: Vec<String> = header.iter().map(|h| printable(h)).collect();
                let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| printable(c)).collect()).collect();
                flow.table(widths, &header, &rows);
            }
            Block::Photo(photo, caption) => flow.photo(photo.as_ref(), &printable(caption)),
        }
    }
    let mut pages = flow.pages;
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    let count = pages.len();
    let title = printable(&doc.title);
    let (settings, standard) = settings(archive)?;
    let mut document = Document::new_with(settings);
    let mut metadata = Metadata::new()
        .title(title.clone())
        .language(labels.code.to_owned())
        .authors(vec!["Cafehost".to_owned()])
        .creator("Cafehost".to_owned());
    if let Some(at) = created {
        metadata = metadata.creation_date(pdf_date(at));
    }
    document.set_metadata(metadata);
    document.set_outline(outline(flow.marks));
    let mut drawn: Vec<Option<Identifier>> = vec![None; flow.tree.leaves];
    for (n, ops) in pages.into_iter().enumerate() {
        let mut page = document.start_page_with(page_settings(A4_W, A4_H)?);
        let mut surface = page.surface();
        let mut canvas = Canvas { surface: &mut surface };
        for op in ops {
            if let Some((leaf, id)) = draw(&mut canvas, &fonts, op)
                && let Some(slot) = drawn.get_mut(leaf)
            {
                *slot = Some(id);
            }
        }
        if n > 0 {
            // The running title and page number repeat on every page: pagination artifacts.
            canvas.surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)));
            let y = A4_H - 12.0 * MM;
            let size = fit_line(&fonts.regular, &title, WIDTH - 35.0 * MM, 8.0, 5.0);
            canvas.text(&fonts.regular, size, LEFT, y, Ink::Grey, &title);
            canvas.text_right(&fonts.regular, 8.0, LEFT + WIDTH, y, Ink::Grey, &labels.page(n + 1, count));
            canvas.surface.end_tagged();
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(flow.tree.finish(&mut drawn, labels.code));
    document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(findings) => ExportError::Conformance {
            standard,
            findings: findings.iter().map(|(finding, _)| format!("{finding:?}")).collect::<Vec<_>>().join("; "),
        },
        other => ExportError::Pdf(format!("{other:?}")),
    })
}
