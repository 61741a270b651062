//! The sign-in list: everyone on the list by organisation, with a column to sign in; A4, as many
//! pages as needed, the column headings and the current organisation repeated on each page.

use std::collections::BTreeMap;

use cafehost_core::Participant;
use krilla::Document;

use super::View;
use crate::common::ExportError;
use crate::common::layout::{A4_H, A4_W, Canvas, Ink, MM, block_height, fit, page_settings, wrap};
use crate::common::text::sort_key;

const MARGIN: f32 = 15.0 * MM;
const SIZE: f32 = 10.0;
const MIN_ROW: f32 = 25.0;
const GROUP_ROW: f32 = 20.0;
/// Height of the column headings.
const COLUMNS_H: f32 = 18.0;

/// One row of the list.
enum Row {
    /// An organisation's heading.
    Group { name: String, count: usize },
    /// A person, with the name and role already wrapped to their columns.
    Person { name: Vec<String>, role: Vec<String> },
}

impl Row {
    fn height(&self) -> f32 {
        match self {
            Self::Group { .. } => GROUP_ROW,
            Self::Person { name, role } => (block_height(name.len().max(role.len()), SIZE) + 10.0).max(MIN_ROW),
        }
    }
}

struct Columns {
    name_x: f32,
    name_w: f32,
    role_x: f32,
    role_w: f32,
    sign_x: f32,
    right: f32,
}

pub fn draw(doc: &mut Document, view: &View<'_>) -> Result<(), ExportError> {
    let fonts = &view.fonts;
    let labels = view.labels;
    let width = A4_W - 2.0 * MARGIN;
    let cols = Columns {
        name_x: MARGIN,
        name_w: width * 0.42 - 6.0,
        role_x: MARGIN + width * 0.42,
        role_w: width * 0.23 - 6.0,
        sign_x: MARGIN + width * 0.65,
        right: A4_W - MARGIN,
    };

    let rows = rows(view, &cols);
    let placed_pages = paginate(&rows);
    let total = placed_pages.len();
    for (index, placed) in placed_pages.iter().enumerate() {
        let mut pdf_page = doc.start_page_with(page_settings(A4_W, A4_H)?);
        let mut surface = pdf_page.surface();
        let mut canvas = Canvas { surface: &mut surface };
        let mut top = MARGIN;
        if index == 0 {
            let (size, lines) = fit(&fonts.bold, labels.sign_in, width, block_height(2, 16.0), 16.0, 8.0);
            top = canvas.lines(&fonts.bold, size, MARGIN, top, Ink::Black, &lines);
            let (size, lines) = fit(&fonts.regular, &view.workshop_line(), width, block_height(1, 9.0), 9.0, 4.0);
            top = canvas.lines(&fonts.regular, size, MARGIN, top + 2.0, Ink::Grey, &lines) + 8.0;
        }
        draw_rows(&mut canvas, view, &cols, &rows, placed, top);
        footer(&mut canvas, view, &cols, index, total);
        surface.finish();
        pdf_page.finish();
    }
    Ok(())
}

/// Groups by organisation (sorted; people without one last), people by name.
fn rows(view: &View<'_>, cols: &Columns) -> Vec<Vec<Row>> {
    let fonts = &view.fonts;
    let labels = view.labels;
    let mut groups: BTreeMap<(bool, String), (String, Vec<&Participant>)> = BTreeMap::new();
    for p in &view.setup.participants {
        let org = p.input.organisation.trim();
        let entry = groups.entry((org.is_empty(), sort_key(org))).or_insert_with(|| {
            (if org.is_empty() { labels.no_organisation.to_owned() } else { org.to_owned() }, Vec::new())
        });
        entry.1.push(p);
    }
    let mut rows: Vec<Vec<Row>> = Vec::new();
    for (name, mut people) in groups.into_values() {
        people.sort_by_cached_key(|p| (sort_key(&p.input.last_name), sort_key(&p.input.first_name)));
        let mut group = vec![Row::Group { name, count: people.len() }];
        for p in people {
            let full = match (p.input.last_name.trim(), p.input.first_name.trim()) {
                ("", first) => first.to_owned(),
                (last, "") => last.to_owned(),
                (last, first) => format!("{last}, {first}"),
            };
            group.push(Row::Person {
                name: wrap(&fonts.regular, &full, SIZE, cols.name_w),
                role: wrap(&fonts.regular, p.input.role.trim(), SIZE, cols.role_w),
            });
        }
        rows.push(group);
    }
    rows
}

/// Breaks the rows into pages first, so every page can say "page 2 of 5".
fn paginate(rows: &[Vec<Row>]) -> Vec<Vec<Placed>> {
    let header_h = block_height(2, 16.0) + block_height(1, 9.0) + 10.0;
    let footer_h = 16.0;
    let mut page: Vec<Placed> = Vec::new();
    let mut y = 0.0;
    let body = |first: bool| A4_H - 2.0 * MARGIN - footer_h - COLUMNS_H - if first { header_h } else { 0.0 };
    let mut budget = body(true);
    let mut placed_pages: Vec<Vec<Placed>> = Vec::new();
    for (g, group) in rows.iter().enumerate() {
        for (r, row) in group.iter().enumerate() {
            let h = row.height();
            // A heading stays with the first person below it.
            let need = if matches!(row, Row::Group { .. }) { h + group.get(r + 1).map_or(0.0, Row::height) } else { h };
            if y + need > budget && !page.is_empty() {
                placed_pages.push(std::mem::take(&mut page));
                budget = body(false);
                y = 0.0;
                if matches!(row, Row::Person { .. }) {
                    page.push(Placed::Continued(g));
                    y += GROUP_ROW;
                }
            }
            page.push(Placed::Row(g, r));
            y += h;
        }
    }
    if !page.is_empty() || placed_pages.is_empty() {
        placed_pages.push(page);
    }
    placed_pages
}

/// Draws the column headings and the rows of one page from `top`; returns the y below them.
fn draw_rows(
    canvas: &mut Canvas<'_, '_>,
    view: &View<'_>,
    cols: &Columns,
    rows: &[Vec<Row>],
    placed: &[Placed],
    mut top: f32,
) {
    let fonts = &view.fonts;
    let labels = view.labels;
    let width = cols.right - MARGIN;
    {
        // Column headings.
        let base = top + 10.0;
        canvas.text(&fonts.bold, 9.0, cols.name_x, base, Ink::Grey, labels.name);
        canvas.text(&fonts.bold, 9.0, cols.role_x, base, Ink::Grey, labels.role);
        canvas.text(&fonts.bold, 9.0, cols.sign_x, base, Ink::Grey, labels.signature);
        top += COLUMNS_H;
        canvas.line((MARGIN, top), (cols.right, top), 0.8, Ink::Black, false);

        for item in placed {
            let row = match item {
                Placed::Row(g, r) => rows.get(*g).and_then(|group| group.get(*r)),
                Placed::Continued(g) => rows.get(*g).and_then(|group| group.first()),
            };
            let Some(row) = row else { continue };
            match row {
                Row::Group { name, count } => {
                    let continued = matches!(item, Placed::Continued(_));
                    canvas.fill_rect(MARGIN, top + 3.0, width, GROUP_ROW - 4.0, 232);
                    let suffix = if continued { " (…)".to_owned() } else { format!(" · {}", labels.people(*count)) };
                    let text = format!("{name}{suffix}");
                    let size = crate::common::layout::fit_line(&fonts.bold, &text, width - 8.0, 10.5, 4.0);
                    canvas.text(
                        &fonts.bold,
                        size,
                        MARGIN + 4.0,
                        top + 3.0 + (GROUP_ROW - 4.0) / 2.0 + size * 0.36,
                        Ink::Black,
                        &text,
                    );
                    top += GROUP_ROW;
                }
                Row::Person { name, role } => {
                    let h = row.height();
                    let text_top = top + 6.0;
                    canvas.lines(&fonts.regular, SIZE, cols.name_x + 4.0, text_top, Ink::Black, name);
                    canvas.lines(&fonts.regular, SIZE, cols.role_x, text_top, Ink::Grey, role);
                    top += h;
                    canvas.line((MARGIN, top), (cols.right, top), 0.4, Ink::Light, false);
                    canvas.line(
                        (cols.sign_x - 4.0, top - h + 2.0),
                        (cols.sign_x - 4.0, top - 2.0),
                        0.4,
                        Ink::Light,
                        false,
                    );
                }
            }
        }
    }
}

fn footer(canvas: &mut Canvas<'_, '_>, view: &View<'_>, cols: &Columns, index: usize, total: usize) {
    let fonts = &view.fonts;
    let width = cols.right - MARGIN;
    {
        let footer_y = A4_H - MARGIN + 2.0;
        let footer = view.workshop_line();
        let page_label = view.labels.page(index + 1, total);
        let page_w = fonts.regular.width(&page_label, 8.0);
        let size = crate::common::layout::fit_line(&fonts.regular, &footer, width - page_w - 12.0, 8.0, 4.0);
        canvas.text(&fonts.regular, size, MARGIN, footer_y, Ink::Grey, &footer);
        canvas.text_right(&fonts.regular, 8.0, cols.right, footer_y, Ink::Grey, &page_label);
    }
}

/// A row placed on a page: by group and row index, or a group's heading repeated.
enum Placed {
    Row(usize, usize),
    Continued(usize),
}
