//! Table cards: A4 landscape, one per table, flat or as a tent folded along the middle. While
//! capture by phone is on, each card carries its table's phone page as a QR code.

use cafehost_core::CafeTable;
use krilla::Document;
use krilla::geom::Transform;

use super::{PhoneLink, View};
use crate::common::ExportError;
use crate::common::layout::{A4_H, A4_W, Canvas, Ink, LEADING, MM, block_height, fit, fit_line, page_settings, wrap};

/// Landscape: width and height swapped.
const W: f32 = A4_H;
const H: f32 = A4_W;

pub fn draw(doc: &mut Document, view: &View<'_>, tent: bool, phone_links: &[PhoneLink]) -> Result<(), ExportError> {
    if view.setup.tables.is_empty() {
        return super::empty_page(doc, view, view.labels.table_cards);
    }
    for table in &view.setup.tables {
        let link = phone_links.iter().find(|l| l.table_id == table.id).map(|l| l.url.as_str());
        let mut page = doc.start_page_with(page_settings(W, H)?);
        let mut surface = page.surface();
        let mut canvas = Canvas { surface: &mut surface };
        if tent {
            let half = H / 2.0;
            // Lower half as is; upper half turned by 180°, so it reads right from the other side.
            canvas.push_transform(&Transform::from_translate(0.0, half));
            card(&mut canvas, view, table, half, link);
            canvas.pop();
            canvas.push_transform(&Transform::from_row(-1.0, 0.0, 0.0, -1.0, W, half));
            card(&mut canvas, view, table, half, link);
            canvas.pop();
            canvas.line((0.0, half), (W, half), 0.5, Ink::Light, true);
        } else {
            card(&mut canvas, view, table, H, link);
        }
        surface.finish();
        page.finish();
    }
    Ok(())
}

/// Draws one card into the box (0, 0, W, h).
fn card(canvas: &mut Canvas<'_, '_>, view: &View<'_>, table: &CafeTable, h: f32, link: Option<&str>) {
    let fonts = &view.fonts;
    let k = h / H;
    let margin = 15.0 * MM * k.max(0.7);
    let inner = W - 2.0 * margin;

    // The number, large, with its label above it.
    let label_size = 16.0 * k;
    let number = table.input.number.to_string();
    let number_size = fit_line(&fonts.bold, &number, 220.0 * k, 120.0 * k, 20.0 * k);
    let number_width = fonts.bold.width(&number, number_size).max(fonts.regular.width(view.labels.table, label_size));
    canvas.text(&fonts.regular, label_size, margin, margin + label_size, Ink::Grey, view.labels.table);
    let number_baseline = margin + label_size * 1.3 + number_size * 0.74 + 2.0 * k;
    canvas.text(&fonts.bold, number_size, margin, number_baseline, Ink::Accent, &number);

    // The topic beside it, as large as fits.
    let band = number_baseline - margin + 6.0 * k;
    let topic_x = margin + number_width + 18.0 * k;
    let topic_w = W - margin - topic_x;
    let (topic_size, topic_lines) = fit(&fonts.bold, &table.input.topic, topic_w, band, 40.0 * k, 6.0);
    let topic_top = margin + (band - block_height(topic_lines.len(), topic_size)).max(0.0) / 2.0;
    canvas.lines(&fonts.bold, topic_size, topic_x, topic_top, Ink::Black, &topic_lines);

    let rule_y = margin + band + 4.0 * k;
    canvas.line((margin, rule_y), (W - margin, rule_y), 1.0 * k, Ink::Light, false);

    // Footer: the workshop.
    let footer_size = (9.0 * k).max(6.0);
    let footer_y = h - margin * 0.6;
    let footer = view.workshop_line();
    let footer_size = fit_line(&fonts.regular, &footer, inner, footer_size, 4.0);
    canvas.text(&fonts.regular, footer_size, margin, footer_y, Ink::Grey, &footer);

    // The questions, one block per round, all at one size that fits the space.
    // The phone page's QR code in the lower right corner, with what it is for and its address;
    // the questions keep to the left of it.
    let qr_side = 46.0 * MM * k;
    let inner = match link {
        Some(url) => {
            let caption = (8.0 * k).max(5.0);
            let url_size = fit_line(&fonts.regular, url, qr_side * 1.6, (6.0 * k).max(4.0), 3.0);
            let url_y = footer_y - footer_size * 1.6;
            let qr_top = url_y - url_size * 1.4 - qr_side;
            let x = W - margin - qr_side;
            draw_qr(canvas, url, x, qr_top, qr_side);
            canvas.text_right(
                &fonts.bold,
                caption,
                W - margin,
                qr_top - caption * 0.5,
                Ink::Accent,
                view.labels.phone_notes,
            );
            canvas.text_right(&fonts.regular, url_size, W - margin, url_y, Ink::Grey, url);
            inner - qr_side - 10.0 * MM * k
        }
        None => inner,
    };
    let questions: Vec<(String, &str)> = (0..view.setup.rounds.len())
        .map(|i| (view.round_heading(i), view.question(table, i)))
        .filter(|(_, q)| !q.is_empty())
        .collect();
    if questions.is_empty() {
        return;
    }
    let top = rule_y + 12.0 * k;
    let available = footer_y - footer_size * 1.5 - top;
    let gap = |size: f32| size * 0.7;
    let measure = |size: f32| -> f32 {
        questions
            .iter()
            .map(|(_, q)| block_height(1, size * 0.7) + block_height(wrap(&fonts.regular, q, size, inner).len(), size))
            .sum::<f32>()
            + gap(size) * crate::common::layout::count(questions.len() - 1)
    };
    let mut size = 28.0 * k;
    while size > 4.0 && measure(size) > available {
        size -= 0.5;
    }
    let mut y = top;
    for (heading, question) in &questions {
        let label = size * 0.7;
        canvas.text(&fonts.bold, label, margin, y + label * 0.93, Ink::Accent, heading);
        y += label * LEADING;
        let lines = wrap(&fonts.regular, question, size, inner);
        y = canvas.lines(&fonts.regular, size, margin, y, Ink::Black, &lines);
        y += gap(size);
    }
}

/// `url` as a QR code, black modules on white (with the quiet zone the standard asks for), in
/// the square at (x, y) of side `side`. Nothing is drawn for a text too long for a QR code.
fn draw_qr(canvas: &mut Canvas<'_, '_>, url: &str, x: f32, y: f32, side: f32) {
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else { return };
    let width = code.width();
    let quiet = 4;
    #[allow(clippy::cast_precision_loss)] // a QR code is at most 177 modules wide
    let module = side / (width + 2 * quiet) as f32;
    canvas.fill_rect(x, y, side, side, 255);
    for (index, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (row, column) = (index / width + quiet, index % width + quiet);
            #[allow(clippy::cast_precision_loss)]
            canvas.fill_rect(x + column as f32 * module, y + row as f32 * module, module + 0.05, module + 0.05, 0);
        }
    }
}
