//! The seating plan: per round, every table with its people, the host first and marked; in two
//! columns, onto as many A4 pages as needed.

use cafehost_core::{CafeTable, Participant};
use krilla::Document;

use super::View;
use crate::common::ExportError;
use crate::common::fonts::Face;
use crate::common::layout::{A4_H, A4_W, Canvas, Ink, MM, block_height, fit, page_settings, wrap};
use crate::common::text::sort_key;

const MARGIN: f32 = 15.0 * MM;
const GAP: f32 = 8.0 * MM;
const NAME: f32 = 10.0;
const HEAD: f32 = 11.0;

/// One line of a table's box.
struct Line {
    text: String,
    face: Which,
    size: f32,
    ink: Ink,
    /// Space above the line.
    before: f32,
}

#[derive(Clone, Copy)]
enum Which {
    Regular,
    Bold,
}

impl Which {
    fn face<'f>(self, view: &'f View<'_>) -> &'f Face {
        match self {
            Self::Regular => &view.fonts.regular,
            Self::Bold => &view.fonts.bold,
        }
    }
}

/// A section: one round (or, without a plan, the list of tables), with its heading and boxes.
struct Section {
    heading: String,
    subheading: Vec<String>,
    boxes: Vec<Vec<Line>>,
}

pub fn draw(doc: &mut Document, view: &View<'_>) -> Result<(), ExportError> {
    let column_w = (A4_W - 2.0 * MARGIN - GAP) / 2.0;
    let sections = if view.has_plan {
        (0..view.setup.rounds.len()).map(|i| round_section(view, i, column_w)).collect()
    } else {
        vec![unplanned_section(view, column_w)]
    };
    for section in &sections {
        draw_section(doc, view, section, column_w)?;
    }
    Ok(())
}

fn host_of<'a>(view: &View<'a>, table: &CafeTable) -> Option<&'a Participant> {
    table.input.host_id.and_then(|id| view.setup.participants.iter().find(|p| p.id == id))
}

fn table_header(view: &View<'_>, table: &CafeTable, column_w: f32) -> Vec<Line> {
    let title = if table.input.topic.trim().is_empty() {
        view.table_name(table)
    } else {
        format!("{} – {}", view.table_name(table), table.input.topic.trim())
    };
    wrap(&view.fonts.bold, &title, HEAD, column_w - 8.0)
        .into_iter()
        .map(|text| Line { text, face: Which::Bold, size: HEAD, ink: Ink::Accent, before: 0.0 })
        .collect()
}

fn name_lines(view: &View<'_>, person: &Participant, host: bool, column_w: f32) -> Vec<Line> {
    let text = if host { format!("{} ({})", person.display_name(), view.labels.host) } else { person.display_name() };
    let face = if host { Which::Bold } else { Which::Regular };
    wrap(face.face(view), &text, NAME, column_w - 14.0)
        .into_iter()
        .map(|text| Line { text, face, size: NAME, ink: Ink::Black, before: 0.0 })
        .collect()
}

fn round_section(view: &View<'_>, round: usize, column_w: f32) -> Section {
    let Some(r) = view.setup.rounds.get(round) else {
        return Section { heading: String::new(), subheading: Vec::new(), boxes: Vec::new() };
    };
    let mut boxes = Vec::new();
    for table in &view.setup.tables {
        let host = host_of(view, table);
        let mut people: Vec<&Participant> = view
            .setup
            .participants
            .iter()
            .filter(|p| view.table_of(p.id, r.id).is_some_and(|t| t.id == table.id))
            .collect();
        people.sort_by_cached_key(|p| {
            (host.is_none_or(|h| h.id != p.id), sort_key(&p.input.last_name), sort_key(&p.input.first_name))
        });
        let mut lines = table_header(view, table, column_w);
        lines.push(Line {
            text: if people.is_empty() { view.labels.empty_table.to_owned() } else { view.labels.people(people.len()) },
            face: Which::Regular,
            size: 8.0,
            ink: Ink::Grey,
            before: 0.0,
        });
        for (i, person) in people.iter().enumerate() {
            let mut name = name_lines(view, person, host.is_some_and(|h| h.id == person.id), column_w);
            if let Some(first) = name.first_mut() {
                first.before = if i == 0 { 3.0 } else { 0.0 };
            }
            lines.extend(name);
        }
        boxes.push(lines);
    }
    let mut subheading = vec![view.workshop_line()];
    if !r.input.question.trim().is_empty() {
        subheading.push(r.input.question.trim().to_owned());
    }
    Section { heading: format!("{} · {}", view.labels.seating_plan, view.round_heading(round)), subheading, boxes }
}

fn unplanned_section(view: &View<'_>, column_w: f32) -> Section {
    let boxes = view
        .setup
        .tables
        .iter()
        .map(|table| {
            let mut lines = table_header(view, table, column_w);
            if let Some(host) = host_of(view, table) {
                let mut name = name_lines(view, host, true, column_w);
                if let Some(first) = name.first_mut() {
                    first.before = 3.0;
                }
                lines.extend(name);
            }
            lines
        })
        .collect();
    Section {
        heading: view.labels.seating_plan.to_owned(),
        subheading: vec![view.workshop_line(), view.labels.no_plan.to_owned()],
        boxes,
    }
}

fn line_height(line: &Line) -> f32 {
    line.before + block_height(1, line.size)
}

/// Lays the section's boxes out in two columns, keeping a box together when it fits a column.
fn draw_section(doc: &mut Document, view: &View<'_>, section: &Section, column_w: f32) -> Result<(), ExportError> {
    let fonts = &view.fonts;
    let bottom = A4_H - MARGIN;
    let mut boxes = section.boxes.iter().peekable();
    let mut first_page = true;
    // Lines of a box that did not fit the last column, to continue with.
    let mut pending: Option<&[Line]> = None;
    while first_page || pending.is_some() || boxes.peek().is_some() {
        let mut page = doc.start_page_with(page_settings(A4_W, A4_H)?);
        let mut surface = page.surface();
        let mut canvas = Canvas { surface: &mut surface };
        let mut top = MARGIN;
        let (size, lines) = fit(&fonts.bold, &section.heading, A4_W - 2.0 * MARGIN, block_height(2, 16.0), 16.0, 8.0);
        top = canvas.lines(&fonts.bold, size, MARGIN, top, Ink::Black, &lines);
        if first_page {
            for (i, text) in section.subheading.iter().enumerate() {
                let size = if i == 0 { 9.0 } else { 9.5 };
                let lines = wrap(&fonts.regular, text, size, A4_W - 2.0 * MARGIN);
                top = canvas.lines(
                    &fonts.regular,
                    size,
                    MARGIN,
                    top + 2.0,
                    if i == 0 { Ink::Grey } else { Ink::Black },
                    &lines,
                );
            }
        }
        top += 8.0;
        first_page = false;
        let column_top = top;
        let column_h = bottom - column_top;
        for column in 0..2u8 {
            let x = MARGIN + f32::from(column) * (column_w + GAP);
            let mut y = column_top;
            loop {
                let lines: &[Line] = match pending.take() {
                    Some(rest) => rest,
                    None => match boxes.peek() {
                        Some(b) => {
                            let height: f32 = b.iter().map(line_height).sum::<f32>() + 10.0;
                            if height > bottom - y && height <= column_h && y > column_top {
                                break; // starts the next column whole
                            }
                            boxes.next().map_or(&[][..], Vec::as_slice)
                        }
                        None => break,
                    },
                };
                // Draw as many of its lines as fit.
                let mut drawn = 0;
                let box_top = y;
                for line in lines {
                    if y + line_height(line) > bottom && drawn > 0 {
                        break;
                    }
                    y += line.before;
                    let indent = if matches!(line.ink, Ink::Black) { 10.0 } else { 4.0 };
                    canvas.text(
                        line.face.face(view),
                        line.size,
                        x + indent,
                        y + line.size * 0.93,
                        line.ink,
                        &line.text,
                    );
                    y += block_height(1, line.size);
                    drawn += 1;
                }
                canvas.line((x, box_top), (x, y + 2.0), 1.2, Ink::Light, false);
                y += 10.0;
                if drawn < lines.len() {
                    pending = lines.get(drawn..);
                    break;
                }
            }
        }
        surface.finish();
        page.finish();
    }
    Ok(())
}
