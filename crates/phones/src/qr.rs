//! QR codes of the pages' addresses, as SVG (crisp on the projector and in print).

use qrcode::QrCode;
use qrcode::render::svg;

/// `text` as a QR code in SVG, black on white with the quiet zone; an empty string only when
/// the text is too long for any QR code (an address never is).
pub fn qr_svg(text: &str) -> String {
    QrCode::new(text.as_bytes()).map_or_else(
        |_| String::new(),
        |code| code.render::<svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_an_svg_qr_code() {
        let svg = super::qr_svg("http://192.168.137.1:8470/t/abcdefghijklmnopqrstuvwx");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg") && svg.contains("<path"), "{svg}");
    }
}
