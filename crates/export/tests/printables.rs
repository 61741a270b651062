//! The four printables for a workshop of 160, read back with poppler's `pdftotext` and `pdfinfo`:
//! every name is there with its diacritics, the long question is there in full, page counts add up.

// The tests write the PDFs to temporary files for poppler to read back; the library writes none.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::path::Path;
use std::process::Command;

use cafehost_core::{Attendance, Language, WorkshopSetup};
use cafehost_export::{PhoneLink, PrintOptions, Printable, render};
use chrono::NaiveTime;

fn pdf_text(pdf: &[u8], layout: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(&file).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    std::fs::write(&file, pdf).unwrap();
    page_count(&file)
}

fn page_count(file: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(file).output().unwrap();
    assert!(out.status.success(), "pdfinfo: {}", String::from_utf8_lossy(&out.stderr));
    let info = String::from_utf8(out.stdout).unwrap();
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.trim_start_matches("Pages:").trim().parse().unwrap()
}

/// Whitespace (line breaks, layout padding) folded to single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Occurrences of `name` not continued by more of a name ("Nowak" in "Nowak-Weiß" does not count).
fn count_whole(text: &str, name: &str) -> usize {
    text.match_indices(name)
        .filter(|(at, _)| text[at + name.len()..].chars().next().is_none_or(|c| c == ' ' || c == '('))
        .count()
}

fn realistic() -> (WorkshopSetup, Vec<cafehost_core::Seat>) {
    common::workshop(160, 20, 4)
}

fn full_names(setup: &WorkshopSetup) -> Vec<String> {
    setup.participants.iter().map(cafehost_core::Participant::display_name).collect()
}

#[test]
fn the_sample_has_what_the_tests_rely_on() {
    let (setup, seats) = realistic();
    assert_eq!(setup.participants.len(), 160);
    assert_eq!(seats.len(), 160 * 4);
    let long = format!("{} {}", common::LONG_NAME.0, common::LONG_NAME.1);
    assert_eq!(long.chars().count(), 40);
    assert_eq!(common::long_question().chars().count(), 300);
    let names = full_names(&setup);
    for expected in ["Łukasz Wiśniewski", "Şükrü Çelik", "Jürgen Straßer"] {
        assert!(names.iter().any(|n| n == expected), "{expected}");
    }
}

#[test]
fn table_cards_show_number_topic_and_every_question_in_full() {
    let (setup, seats) = realistic();
    let schedule = common::timetable(&setup);
    for tent in [false, true] {
        let pdf = render(
            Printable::TableCards,
            &setup,
            &seats,
            &schedule,
            Language::De,
            PrintOptions { tent, ..PrintOptions::default() },
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pages(&pdf), 20, "one page per table (tent: {tent})");
        let text = words(&pdf_text(&pdf, true));
        assert!(text.contains(&common::long_question()), "the 300-character question, whole (tent: {tent})");
        if tent {
            let upside_down = pdf_text(&pdf, false);
            assert_eq!(upside_down.matches("Tisch").count(), 40, "each tent shows its card twice");
        }
        for r in 2..=4 {
            let q = format!("Was brauchen Familien in Runde {r} für einen guten Start?");
            assert!(text.contains(&q), "{q}");
        }
        assert!(text.contains("Runde 1 · 14:10–14:30"), "round 1 starts after the 10-minute welcome");
        assert!(text.contains("Runde 3 · 15:10–15:30"), "the longer break after round 2 shifts round 3");
        // The number stands beside the topic, so the topic is read in reading order.
        let raw = words(&pdf_text(&pdf, false));
        for table in setup.tables.iter().filter(|_| !tent) {
            let card = format!("Tisch {} {}", table.input.number, table.input.topic);
            assert!(raw.contains(&card), "{card}");
        }
    }
    let english = words(&pdf_text(
        &render(Printable::TableCards, &setup, &[], &schedule, Language::En, PrintOptions::default()).unwrap(),
        true,
    ));
    assert!(english.contains("Round 1 · 14:10–14:30") && english.contains("Table"), "{english:.300}");
}

/// Every QR code on page `page` of `pdf`, decoded from the page rendered at 150 dpi.
fn qr_codes_on_page(pdf: &[u8], page: u32) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cards.pdf");
    std::fs::write(&file, pdf).unwrap();
    let prefix = dir.path().join("page");
    let number = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-png", "-singlefile", "-f", &number, "-l", &number])
        .arg(&file)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm");
    let image = image::open(dir.path().join("page.png")).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    prepared.detect_grids().iter().filter_map(|grid| grid.decode().ok().map(|(_, text)| text)).collect()
}

#[test]
fn table_cards_carry_the_phone_page_as_a_qr_code_that_reads_back() {
    let (setup, _) = realistic();
    let schedule = common::timetable(&setup);
    let url = |n: usize| format!("http://192.168.137.1:8470/t/Code{n}AAAAAAAAAAAAAAAAAAA");
    let phone_links: Vec<PhoneLink> =
        setup.tables.iter().take(2).enumerate().map(|(n, t)| PhoneLink { table_id: t.id, url: url(n) }).collect();
    for tent in [false, true] {
        let options = PrintOptions { tent, phone_links: phone_links.clone(), ..PrintOptions::default() };
        let pdf = render(Printable::TableCards, &setup, &[], &schedule, Language::De, options).unwrap();
        // Kept for looking at: target/tmp/table-cards-phone(-tent).pdf.
        let name = if tent { "table-cards-phone-tent.pdf" } else { "table-cards-phone.pdf" };
        std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join(name), &pdf).unwrap();
        assert_eq!(pages(&pdf), 20);
        for (page, expected) in [(1, url(0)), (2, url(1))] {
            let codes = qr_codes_on_page(&pdf, page);
            assert_eq!(codes.len(), if tent { 2 } else { 1 }, "page {page}, tent {tent}: {codes:?}");
            assert!(codes.iter().all(|c| *c == expected), "page {page}, tent {tent}: {codes:?}");
        }
        assert!(qr_codes_on_page(&pdf, 3).is_empty(), "a table without a link gets no code");
        let text = pdf_text(&pdf, false);
        assert_eq!(text.matches("Notizen per Handy").count(), if tent { 4 } else { 2 }, "tent {tent}");
        assert!(text.contains(&url(0)), "the address is printed for typing it in");
        assert!(words(&text).contains(&common::long_question()), "the questions stay whole beside the code");
    }
}

#[test]
fn route_cards_have_everyone_with_times_and_tables_four_to_a_page() {
    let (setup, seats) = realistic();
    let schedule = common::timetable(&setup);
    let pdf = render(Printable::RouteCards, &setup, &seats, &schedule, Language::De, PrintOptions::default()).unwrap();
    assert_eq!(pages(&pdf), 160_usize.div_ceil(4));
    let layout = words(&pdf_text(&pdf, true));
    let raw = words(&pdf_text(&pdf, false));
    for p in &setup.participants {
        assert!(layout.contains(&p.input.last_name), "last name {} on a route card", p.input.last_name);
        assert!(raw.contains(&p.display_name()), "full name {} on a route card", p.display_name());
    }
    for name in ["Łukasz Wiśniewski", "Şükrü Çelik", "Jürgen Straßer"] {
        assert!(layout.contains(name), "{name}");
    }
    assert!(raw.contains("Maria-Magdalena Theresia Schäfer-Gößling"), "the 40-character name");
    assert!(raw.contains("Polnischer Kulturverein Łódź–Köln"));
    assert!(raw.contains("Laufzettel"));
    for time in ["14:10–14:30", "14:35–14:55", "15:10–15:30", "15:35–15:55"] {
        assert_eq!(raw.matches(time).count(), 160, "every card has round time {time}");
    }
    assert!(raw.contains("Sie sind Gastgeber/in"), "hosts are told they stay");
    assert_eq!(raw.matches("Runde 4").count(), 160);

    // The 21st participant travels: round 1 at table 1, round 2 at table 2, …
    let traveller = &setup.participants[20];
    let at = raw.find(&traveller.display_name()).unwrap();
    let card = &raw[at..(at + 600).min(raw.len())];
    assert!(card.contains("Tisch 1") && card.contains("Tisch 2"), "{card}");

    // Without a plan: still a card for everyone, saying there is none yet.
    let unplanned =
        render(Printable::RouteCards, &setup, &[], &schedule, Language::En, PrintOptions::default()).unwrap();
    assert_eq!(pages(&unplanned), 40);
    let text = words(&pdf_text(&unplanned, false));
    assert!(text.contains("No seating plan yet"), "{text:.400}");
    assert!(text.contains("Route card") && text.contains("Round 1") && text.contains("Şükrü Çelik"));

    // People marked absent get no card.
    let mut fewer = setup.clone();
    fewer.participants[30].attendance = Attendance::Absent;
    let pdf = render(Printable::RouteCards, &fewer, &seats, &schedule, Language::De, PrintOptions::default()).unwrap();
    let text = words(&pdf_text(&pdf, false));
    assert!(!text.contains(&fewer.participants[30].display_name()));
}

#[test]
fn route_cards_for_chosen_people_hold_exactly_their_cards_in_the_same_layout() {
    let (mut setup, seats) = realistic();
    let schedule = common::timetable(&setup);
    // Someone marked absent gets no card even when chosen; an id from elsewhere is ignored.
    setup.participants[37].attendance = Attendance::Absent;
    let chosen: Vec<usize> = vec![0, 5, 21, 37, 100, 118, 159];
    let mut ids: Vec<_> = chosen.iter().map(|&i| setup.participants[i].id).collect();
    ids.push(cafehost_core::ParticipantId::new());
    let options = PrintOptions { route_cards_for: Some(ids), ..PrintOptions::default() };
    let pdf = render(Printable::RouteCards, &setup, &seats, &schedule, Language::De, options).unwrap();
    assert_eq!(pages(&pdf), 2, "six cards, four to a page");
    let raw = words(&pdf_text(&pdf, false));
    for (i, p) in setup.participants.iter().enumerate() {
        let expected = usize::from(chosen.contains(&i) && i != 37);
        assert_eq!(count_whole(&raw, &p.display_name()), expected, "{} (#{i})", p.display_name());
    }
    assert_eq!(raw.matches("Laufzettel").count(), 6, "each card says what it is");
    assert_eq!(raw.matches("Runde 4").count(), 6, "each card has every round");

    // Nobody chosen: one page that says what it is, no card.
    let options = PrintOptions { route_cards_for: Some(Vec::new()), ..PrintOptions::default() };
    let pdf = render(Printable::RouteCards, &setup, &seats, &schedule, Language::De, options).unwrap();
    assert_eq!(pages(&pdf), 1);
    let raw = words(&pdf_text(&pdf, false));
    assert!(raw.contains("Laufzettel") && !raw.contains("Runde 1"), "{raw:.300}");
}

#[test]
fn the_seating_plan_lists_every_table_and_person_each_round_with_the_host_marked() {
    let (setup, seats) = realistic();
    let schedule = common::timetable(&setup);
    let pdf = render(Printable::Seating, &setup, &seats, &schedule, Language::De, PrintOptions::default()).unwrap();
    let raw = words(&pdf_text(&pdf, false));
    for r in 1..=4 {
        assert!(raw.contains(&format!("Sitzplan · Runde {r}")), "round {r}");
    }
    for p in &setup.participants {
        assert_eq!(count_whole(&raw, &p.display_name()), 4, "{} once per round", p.display_name());
    }
    assert!(raw.contains("Łukasz Wiśniewski (Gastgeber/in)"), "host marked");
    assert!(raw.contains("Tisch 20 – "));
    assert!(pages(&pdf) >= 4);

    let unplanned = render(Printable::Seating, &setup, &[], &schedule, Language::De, PrintOptions::default()).unwrap();
    let text = words(&pdf_text(&unplanned, false));
    assert!(text.contains("Noch kein Sitzplan"));
    assert!(text.contains("Tisch 1 – Übergang Kita – Grundschule"));
    assert!(text.contains("Şükrü Çelik (Gastgeber/in)"), "hosts are known without a plan");
}

#[test]
fn the_sign_in_list_has_everyone_by_organisation_with_page_numbers() {
    let (setup, _) = realistic();
    let schedule = common::timetable(&setup);
    let pdf = render(Printable::SignIn, &setup, &[], &schedule, Language::De, PrintOptions::default()).unwrap();
    let n = pages(&pdf);
    let text = pdf_text(&pdf, true);
    let flat = words(&text);
    for p in &setup.participants {
        let listed = format!("{}, {}", p.input.last_name, p.input.first_name);
        assert!(flat.contains(&p.input.last_name), "{}", p.input.last_name);
        assert!(flat.contains(&listed) || p.input.last_name == common::LONG_NAME.1, "{listed}");
    }
    assert!(flat.contains("Schäfer-Gößling, Maria-Magdalena Theresia"), "the 40-character name, whole");
    assert!(flat.contains("Wiśniewski, Łukasz") && flat.contains("Çelik, Şükrü") && flat.contains("Straßer, Jürgen"));
    assert!(flat.contains("Unterschrift") && flat.contains("Anwesenheitsliste"));
    assert!(flat.contains(&format!("Seite {n} von {n}")));
    assert_eq!(flat.matches("Unterschrift").count(), n, "column headings on every page");
    // Groups in order, people without an organisation last.
    let awo = flat.find("AWO Kreisverband ·").unwrap();
    let caritas = flat.find("Caritasverband Rhein-Erft ·").unwrap();
    let none = flat.find("Ohne Organisation ·").unwrap();
    assert!(awo < caritas && caritas < none);

    let english = words(&pdf_text(
        &render(Printable::SignIn, &setup, &[], &schedule, Language::En, PrintOptions::default()).unwrap(),
        true,
    ));
    assert!(english.contains("Signature") && english.contains("Sign-in list") && english.contains("No organisation"));
    assert!(english.contains("12 May 2026"));
}

#[test]
fn an_empty_workshop_still_gives_valid_pdfs() {
    let (mut setup, _) = common::workshop(0, 0, 0);
    setup.workshop.details.start_time = None;
    let schedule = common::timetable(&setup);
    for document in Printable::ALL {
        let pdf = render(document, &setup, &[], &schedule, Language::De, PrintOptions::default()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{document:?}");
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &pdf).unwrap();
        let _ = page_count(file.path());
    }
}

#[test]
fn without_a_start_time_rounds_are_numbered_only() {
    let (mut setup, seats) = common::workshop(12, 3, 3);
    setup.workshop.details.start_time = None;
    let schedule = common::timetable(&setup);
    let pdf = render(Printable::RouteCards, &setup, &seats, &schedule, Language::De, PrintOptions::default()).unwrap();
    let text = words(&pdf_text(&pdf, false));
    assert!(text.contains("Runde 3") && !text.contains(":00"), "{text:.300}");
}

#[test]
fn route_cards_follow_the_one_timetable_welcome_first_and_breaks_counted() {
    let (mut setup, seats) = common::workshop(12, 3, 2);
    setup.workshop.details.start_time = NaiveTime::from_hms_opt(9, 0, 0);
    for round in &mut setup.rounds {
        round.input.duration_minutes = 20;
        round.input.break_after_minutes = 0;
    }
    let card = |setup: &WorkshopSetup| {
        let schedule = common::timetable(setup);
        let pdf = render(Printable::RouteCards, setup, &seats, &schedule, Language::De, PrintOptions::default());
        words(&pdf_text(&pdf.unwrap(), false))
    };
    let text = card(&setup);
    assert_eq!(text.matches("09:10–09:30").count(), 12, "round 1 starts 10 minutes after 09:00, after the welcome");
    assert_eq!(text.matches("09:30–09:50").count(), 12, "without a break round 2 follows at once");
    assert!(!text.contains("09:00–"), "nothing on a route card starts at the start time itself");

    setup.rounds[0].input.break_after_minutes = 15;
    let text = card(&setup);
    assert_eq!(text.matches("09:10–09:30").count(), 12);
    assert_eq!(text.matches("09:45–10:05").count(), 12, "a 15-minute break shifts round 2");
    assert!(!text.contains("09:30–09:50"));
}

/// A word's box on a page, from `pdftotext -bbox`.
#[derive(Debug)]
struct Word {
    page: usize,
    #[allow(dead_code)] // shown in failure messages
    text: String,
    x: (f32, f32),
    y: (f32, f32),
}

fn attribute(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    tag[start..].split('"').next().unwrap().parse().unwrap()
}

/// The words of every page and the page size.
fn word_boxes(pdf: &[u8]) -> (f32, f32, Vec<Word>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-bbox").arg(&file).arg("-").output().unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let (mut w, mut h, mut page) = (0.0, 0.0, 0);
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            (w, h) = (attribute(line, "width"), attribute(line, "height"));
            page += 1;
        } else if line.starts_with("<word ") {
            let text = line.split('>').nth(1).unwrap().trim_end_matches("</word").to_owned();
            words.push(Word {
                page,
                text,
                x: (attribute(line, "xMin"), attribute(line, "xMax")),
                y: (attribute(line, "yMin"), attribute(line, "yMax")),
            });
        }
    }
    (w, h, words)
}

/// No word leaves the printable area of the page (or, on route cards, its card), and no two
/// words of text overlap.
fn assert_laid_out_cleanly(name: &str, pdf: &[u8], cells: (f32, f32)) {
    let (w, h, words) = word_boxes(pdf);
    assert!(!words.is_empty(), "{name}");
    let margin = 8.0;
    for word in &words {
        assert!(word.x.0 >= margin && word.x.1 <= w - margin, "{name}: {word:?} leaves the page sideways");
        assert!(word.y.0 >= margin && word.y.1 <= h - margin, "{name}: {word:?} leaves the page at the top or bottom");
        let (cut_x, cut_y) = (w / cells.0, h / cells.1);
        let crosses = |from: f32, to: f32, cut: f32, page: f32| {
            let mut at = cut;
            while at < page - 1.0 {
                if from < at && to > at {
                    return true;
                }
                at += cut;
            }
            false
        };
        assert!(!crosses(word.x.0, word.x.1, cut_x, w), "{name}: {word:?} crosses a cut");
        assert!(!crosses(word.y.0, word.y.1, cut_y, h), "{name}: {word:?} crosses a cut");
    }
    // The big table number's box reaches far below its digits (the font's descent), so it is
    // left out of the overlap check.
    let text: Vec<&Word> = words.iter().filter(|w| w.y.1 - w.y.0 < 50.0).collect();
    for (i, a) in text.iter().enumerate() {
        for b in text[i + 1..].iter().take_while(|b| b.page == a.page) {
            let x = a.x.1.min(b.x.1) - a.x.0.max(b.x.0);
            let y = a.y.1.min(b.y.1) - a.y.0.max(b.y.0);
            assert!(x <= 0.5 || y <= 0.5, "{name}: {a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn nothing_overlaps_or_leaves_the_page_even_at_the_limits() {
    for (setup, seats) in [realistic(), common::extreme()] {
        let schedule = common::timetable(&setup);
        for language in [Language::De, Language::En] {
            for (document, tent) in [
                (Printable::TableCards, false),
                (Printable::TableCards, true),
                (Printable::RouteCards, false),
                (Printable::Seating, false),
                (Printable::SignIn, false),
            ] {
                let pdf = render(
                    document,
                    &setup,
                    &seats,
                    &schedule,
                    language,
                    PrintOptions { tent, ..PrintOptions::default() },
                )
                .unwrap();
                let cells = if document == Printable::RouteCards { (2.0, 2.0) } else { (1.0, 1.0) };
                assert_laid_out_cleanly(&format!("{document:?} tent={tent} {language:?}"), &pdf, cells);
            }
        }
    }
    // At the limits, the 300-character questions are all there, whole.
    let (setup, seats) = common::extreme();
    let schedule = common::timetable(&setup);
    let pdf = render(Printable::TableCards, &setup, &seats, &schedule, Language::De, PrintOptions::default()).unwrap();
    let text = words(&pdf_text(&pdf, true));
    assert_eq!(text.matches(&common::long_question()).count(), 6 * 8);
    let pdf = render(Printable::RouteCards, &setup, &seats, &schedule, Language::De, PrintOptions::default()).unwrap();
    let text = words(&pdf_text(&pdf, false));
    assert_eq!(text.matches("Runde 8").count(), 48);
}
