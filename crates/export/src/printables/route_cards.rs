//! Route cards ("Laufzettel"): A6, four to an A4 page, with cut marks. Each says who it is for
//! and, per round, when and at which table.

use cafehost_core::{Attendance, CafeTable, Participant, ParticipantId};
use krilla::Document;

use super::View;
use crate::common::ExportError;
use crate::common::layout::{A4_H, A4_W, Canvas, Ink, LEADING, MM, block_height, fit, page_settings, wrap};
use crate::common::text::sort_key;

/// One A6 card: a quarter of the A4 page.
const CARD_W: f32 = A4_W / 2.0;
const CARD_H: f32 = A4_H / 2.0;
const PAD: f32 = 9.0 * MM;

/// One card per participant not marked absent; with `only`, just for those named there.
pub fn draw(doc: &mut Document, view: &View<'_>, only: Option<&[ParticipantId]>) -> Result<(), ExportError> {
    let mut people: Vec<&Participant> = view
        .setup
        .participants
        .iter()
        .filter(|p| p.attendance != Attendance::Absent)
        .filter(|p| only.is_none_or(|ids| ids.contains(&p.id)))
        .collect();
    people.sort_by_cached_key(|p| (sort_key(&p.input.last_name), sort_key(&p.input.first_name)));
    if people.is_empty() {
        return super::empty_page(doc, view, labels_title(view));
    }
    for four in people.chunks(4) {
        let mut page = doc.start_page_with(page_settings(A4_W, A4_H)?);
        let mut surface = page.surface();
        let mut canvas = Canvas { surface: &mut surface };
        cut_marks(&mut canvas);
        for (i, person) in four.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)] // 0 or 1
            let (x, y) = ((i % 2) as f32 * CARD_W, (i / 2) as f32 * CARD_H);
            card(&mut canvas, view, person, x, y);
        }
        surface.finish();
        page.finish();
    }
    Ok(())
}

fn labels_title<'v>(view: &'v View<'_>) -> &'v str {
    view.labels.route_card
}

/// Marks at the page edges where the cuts go, a cross in the middle, and light dashed guides.
fn cut_marks(canvas: &mut Canvas<'_, '_>) {
    let (cx, cy) = (A4_W / 2.0, A4_H / 2.0);
    canvas.line((cx, 0.0), (cx, A4_H), 0.3, Ink::Light, true);
    canvas.line((0.0, cy), (A4_W, cy), 0.3, Ink::Light, true);
    let (from, to) = (4.0 * MM, 11.0 * MM);
    for (a, b) in [
        ((cx, from), (cx, to)),
        ((cx, A4_H - from), (cx, A4_H - to)),
        ((from, cy), (to, cy)),
        ((A4_W - from, cy), (A4_W - to, cy)),
        ((cx - 4.0 * MM, cy), (cx + 4.0 * MM, cy)),
        ((cx, cy - 4.0 * MM), (cx, cy + 4.0 * MM)),
    ] {
        canvas.line(a, b, 0.6, Ink::Black, false);
    }
}

/// What one round's row says.
enum Where<'a> {
    Seated(&'a CafeTable),
    NotSeated,
    Unplanned,
}

/// The card's head: what it is, whose it is and their organisation; returns the y below it.
fn head(canvas: &mut Canvas<'_, '_>, view: &View<'_>, person: &Participant, left: f32, top: f32) -> f32 {
    let fonts = &view.fonts;
    let width = CARD_W - 2.0 * PAD;
    let header = format!("{} · {}", view.labels.route_card, view.workshop_line());
    let (size, lines) = fit(&fonts.regular, &header, width, block_height(2, 8.0), 8.0, 4.0);
    let mut top = canvas.lines(&fonts.regular, size, left, top, Ink::Grey, &lines) + 4.0;

    let (size, lines) = fit(&fonts.bold, &person.display_name(), width, block_height(2, 17.0), 17.0, 6.0);
    top = canvas.lines(&fonts.bold, size, left, top, Ink::Black, &lines);
    let organisation = person.input.organisation.trim();
    if !organisation.is_empty() {
        let (size, lines) = fit(&fonts.regular, organisation, width, block_height(2, 10.0), 10.0, 5.0);
        top = canvas.lines(&fonts.regular, size, left, top + 1.0, Ink::Grey, &lines);
    }
    top += 5.0;
    canvas.line((left, top), (left + width, top), 0.6, Ink::Light, false);
    top + 6.0
}

fn card(canvas: &mut Canvas<'_, '_>, view: &View<'_>, person: &Participant, x: f32, y: f32) {
    let fonts = &view.fonts;
    let labels = view.labels;
    let left = x + PAD;
    let width = CARD_W - 2.0 * PAD;
    let bottom = y + CARD_H - PAD;
    let mut top = head(canvas, view, person, left, y + PAD);

    let hosts = view.setup.tables.iter().find(|t| t.input.host_id == Some(person.id));
    let rows: Vec<Where<'_>> = view
        .setup
        .rounds
        .iter()
        .map(|round| match (view.table_of(person.id, round.id), hosts) {
            (Some(table), _) | (None, Some(table)) => Where::Seated(table),
            (None, None) if view.has_plan => Where::NotSeated,
            (None, None) => Where::Unplanned,
        })
        .collect();
    let mut notes = Vec::new();
    if hosts.is_some() {
        notes.push(labels.host_stays);
    }
    if !view.has_plan && rows.iter().any(|r| matches!(r, Where::Unplanned)) {
        notes.push(labels.no_plan);
    }

    // Rows: round and time on the left, table number and topic on the right; shrunk together
    // until they fit the card.
    // The left column is as wide as its widest entry at the scale in use.
    let time_width = |scale: f32| -> f32 {
        (0..rows.len())
            .map(|i| {
                fonts
                    .bold
                    .width(&view.round_name(i), 10.0 * scale)
                    .max(fonts.regular.width(&view.round_time(i), 9.0 * scale))
            })
            .fold(0.0, f32::max)
            + 8.0 * scale
    };
    let layout = |scale: f32| -> (f32, Vec<Vec<String>>, Vec<Vec<String>>) {
        let table_w = width - time_width(scale);
        let note_lines: Vec<Vec<String>> = notes.iter().map(|n| wrap(&fonts.regular, n, 8.5 * scale, width)).collect();
        let topic_lines: Vec<Vec<String>> = rows
            .iter()
            .map(|r| match r {
                Where::Seated(t) => wrap(&fonts.regular, &t.input.topic, 8.5 * scale, table_w),
                Where::NotSeated | Where::Unplanned => Vec::new(),
            })
            .collect();
        let mut height: f32 = note_lines.iter().map(|l| block_height(l.len(), 8.5 * scale) + 4.0 * scale).sum();
        for (i, topic) in topic_lines.iter().enumerate() {
            let left_h = block_height(1, 10.0 * scale)
                + if view.round_time(i).is_empty() { 0.0 } else { block_height(1, 9.0 * scale) };
            let right_h = block_height(1, 12.0 * scale) + block_height(topic.len(), 8.5 * scale);
            height += left_h.max(right_h) + 6.0 * scale;
        }
        (height, note_lines, topic_lines)
    };
    let mut scale = 1.3;
    let (mut height, mut note_lines, mut topic_lines) = layout(scale);
    while height > bottom - top && scale > 0.3 {
        scale -= 0.05;
        (height, note_lines, topic_lines) = layout(scale);
    }

    for lines in &note_lines {
        top = canvas.lines(&fonts.regular, 8.5 * scale, left, top, Ink::Black, lines) + 4.0 * scale;
    }
    for (i, (row, topic)) in rows.iter().zip(&topic_lines).enumerate() {
        let row_top = top;
        let mut left_y = canvas.lines(&fonts.bold, 10.0 * scale, left, row_top, Ink::Black, &[view.round_name(i)]);
        let time = view.round_time(i);
        if !time.is_empty() {
            left_y = canvas.lines(&fonts.regular, 9.0 * scale, left, left_y, Ink::Grey, &[time]);
        }
        let tx = left + time_width(scale);
        let right_y = match row {
            Where::Seated(table) => {
                let y = canvas.lines(&fonts.bold, 12.0 * scale, tx, row_top, Ink::Accent, &[view.table_name(table)]);
                canvas.lines(&fonts.regular, 8.5 * scale, tx, y, Ink::Black, topic)
            }
            Where::NotSeated => {
                canvas.lines(&fonts.regular, 10.0 * scale, tx, row_top, Ink::Grey, &[labels.not_seated.to_owned()])
            }
            Where::Unplanned => {
                let label = format!("{}:", labels.table);
                let size = 12.0 * scale;
                canvas.text(&fonts.bold, size, tx, row_top + size * 0.93, Ink::Grey, &label);
                let after = tx + fonts.bold.width(&label, size) + 4.0;
                let line_y = row_top + size * 0.93 + 1.0;
                canvas.line((after, line_y), (left + width, line_y), 0.5, Ink::Light, false);
                row_top + size * LEADING
            }
        };
        top = left_y.max(right_y) + 6.0 * scale;
        if i + 1 < rows.len() {
            canvas.line((left, top - 3.0 * scale), (left + width, top - 3.0 * scale), 0.3, Ink::Light, false);
        }
    }
}
