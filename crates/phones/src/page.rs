//! The pages phones load: plain HTML, one stylesheet, small scripts without any framework (they
//! must run on a five-year-old phone's browser), all compiled into the app. Texts are in
//! `page/strings.js`, German and English; a page follows the phone's language.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Which page.
#[derive(Clone, Copy)]
pub(crate) enum Page {
    /// `/`: what this is; scan the QR code of your table.
    Start,
    /// `/t/{code}`: the table host's page.
    Host,
    /// `/v`: the dot vote.
    Vote,
}

pub(crate) fn html(page: Page) -> Response {
    // Each page's own part after the head all pages share (`page/head.html`).
    let body = match page {
        Page::Start => concat!(include_str!("../page/head.html"), include_str!("../page/start.html")),
        Page::Host => concat!(include_str!("../page/head.html"), include_str!("../page/host.html")),
        Page::Vote => concat!(include_str!("../page/head.html"), include_str!("../page/vote.html")),
    };
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// A file under `/assets/`: its media type and bytes.
pub(crate) fn asset(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "page.css" => ("text/css; charset=utf-8", include_str!("../page/page.css")),
        "strings.js" => ("text/javascript; charset=utf-8", include_str!("../page/strings.js")),
        "common.js" => ("text/javascript; charset=utf-8", include_str!("../page/common.js")),
        "host.js" => ("text/javascript; charset=utf-8", include_str!("../page/host.js")),
        "vote.js" => ("text/javascript; charset=utf-8", include_str!("../page/vote.js")),
        _ => return None,
    })
}
