//! Capture by phone over real HTTP on loopback, against a real database file: what a code opens
//! and what it does not, notes sent again after a dropped connection stored once, photos, the
//! dot vote (one ballot per browser), the limits, the security headers, and a stop that closes
//! every connection.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use cafehost_app::Cafehost;
use cafehost_core::phone::DotVote;
use cafehost_core::*;
use cafehost_phones::{CaptureStatus, PhoneCapture};
use serde_json::{Value, json};
use ureq::Agent;

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

struct Cafe {
    _dir: tempfile::TempDir,
    app: Arc<Cafehost>,
    capture: PhoneCapture,
    workshop: WorkshopSetup,
    base: String,
    codes: Vec<String>,
}

fn cafe() -> Cafe {
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(Cafehost::open(dir.path()).unwrap());
    let w = app
        .setup()
        .create_workshop(&NewWorkshop { title: "Bildung".into(), process_title: Some("Integration".into()) })
        .unwrap();
    for topic in ["Sprache", "Schule"] {
        let t = app.setup().add_table(w.id).unwrap();
        app.setup().update_table(t.id, &TableInput { topic: topic.into(), ..t.input }).unwrap();
    }
    let workshop = app.setup().workshop_setup(w.id).unwrap();
    let capture = PhoneCapture::default();
    let status = capture.start(Arc::clone(&app), w.id, Some(LOOPBACK)).unwrap();
    let base = status.address.clone().unwrap();
    let codes = capture.access(&app, w.id).unwrap().into_iter().map(|a| a.code).collect();
    Cafe { _dir: dir, app, capture, workshop, base, codes }
}

fn agent() -> Agent {
    Agent::config_builder().http_status_as_error(false).build().into()
}

struct Answer {
    status: u16,
    body: Value,
    headers: Vec<(String, String)>,
}

impl Answer {
    fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = result.expect("the server answers");
    let status = response.status().as_u16();
    let headers =
        response.headers().iter().map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())).collect();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    Answer { status, body: serde_json::from_str(&text).unwrap_or(Value::String(text)), headers }
}

fn get(url: &str) -> Answer {
    answer(agent().get(url).call())
}

fn put_json(url: &str, body: &Value) -> Answer {
    answer(agent().put(url).header("Content-Type", "application/json").send(body.to_string()))
}

fn phone_notes(cafe: &Cafe) -> Vec<Note> {
    cafe.app
        .notes()
        .notes(cafe.workshop.workshop.id)
        .unwrap()
        .into_iter()
        .filter(|n| n.source == Source::Phone)
        .collect()
}

#[test]
fn a_code_opens_its_table_and_nothing_else() {
    let cafe = cafe();
    let (mine, other) = (&cafe.codes[0], &cafe.codes[1]);
    assert_ne!(mine, other, "every table has its own code");
    assert!(mine.len() >= 22, "at least 128 bits");

    let page = get(&format!("{}/t/{mine}", cafe.base));
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").expect("a CSP on every page");
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"), "the code is in the address");
    assert_eq!(page.header("set-cookie"), None, "no cookie but the vote's");

    let view = get(&format!("{}/api/t/{mine}", cafe.base));
    assert_eq!(view.status, 200);
    assert_eq!(view.body["topic"], "Sprache");
    assert_eq!(view.body["round"]["number"], 1, "before the café, the first round");
    let text = view.body.to_string();
    assert!(!text.contains("Schule"), "no other table's topic: {text}");

    for bad in ["AAAAAAAAAAAAAAAAAAAAAAAA", "short", "..%2F..%2Fetc%2Fpasswd"] {
        let refused = get(&format!("{}/api/t/{bad}", cafe.base));
        assert_eq!((refused.status, refused.code()), (404, "phone.unknown_code"), "{bad}");
    }

    // A note written from the first table cannot be deleted or changed with the second's code.
    let id = uuid::Uuid::new_v4();
    let saved =
        put_json(&format!("{}/api/t/{mine}/notes/{id}", cafe.base), &json!({"text": "Sprachcafé im Stadtteil"}));
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    let stolen = answer(agent().delete(&format!("{}/api/t/{other}/notes/{id}", cafe.base)).call());
    assert_eq!((stolen.status, stolen.code()), (403, "phone.not_this_table"));
    let clash = put_json(&format!("{}/api/t/{other}/notes/{id}", cafe.base), &json!({"text": "überschrieben"}));
    assert_eq!((clash.status, clash.code()), (409, "phone.id_taken"));
    let notes = phone_notes(&cafe);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Sprachcafé im Stadtteil");
    assert_eq!(notes[0].table_id, Some(cafe.workshop.tables[0].id));
    assert_eq!(notes[0].round_id, Some(cafe.workshop.rounds[0].id));

    // A note the moderator typed at that table is shown, but is not the phone's to change.
    let typed = cafe
        .app
        .notes()
        .add_note(
            cafe.workshop.workshop.id,
            Some(cafe.workshop.tables[0].id),
            Some(cafe.workshop.rounds[0].id),
            NoteKind::Note,
            &NoteInput { text: "Vom Laptop".into(), ..NoteInput::default() },
        )
        .unwrap();
    let refused = answer(agent().delete(&format!("{}/api/t/{mine}/notes/{}", cafe.base, typed.id)).call());
    assert_eq!(refused.status, 403);
    let view = get(&format!("{}/api/t/{mine}", cafe.base));
    let notes = view.body["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes.iter().map(|n| n["editable"].as_bool().unwrap()).collect::<Vec<_>>(), vec![true, false]);
    assert!(!view.body.to_string().contains("author"), "no names on the phone");

    // A renewed code is dead at once.
    let renewed = cafe.app.phones().renew_access_code(cafe.workshop.tables[0].id).unwrap();
    assert_eq!(get(&format!("{}/api/t/{mine}", cafe.base)).code(), "phone.unknown_code");
    assert_eq!(get(&format!("{}/api/t/{}", cafe.base, renewed.code)).status, 200);
}

#[test]
fn a_code_of_another_workshop_opens_nothing() {
    let cafe = cafe();
    let other = cafe.app.setup().create_workshop(&NewWorkshop { title: "Andere".into(), process_title: None }).unwrap();
    cafe.app.setup().add_table(other.id).unwrap();
    let code = cafe.app.phones().access_codes(other.id).unwrap()[0].code.clone();
    let refused = get(&format!("{}/api/t/{code}", cafe.base));
    assert_eq!((refused.status, refused.code()), (403, "phone.not_open"));
}

#[test]
fn notes_sent_again_after_a_dropped_connection_are_stored_once() {
    let cafe = cafe();
    let code = &cafe.codes[0];
    let ids: Vec<uuid::Uuid> = (0..20).map(|_| uuid::Uuid::new_v4()).collect();
    // The connection drops after note 10: the phone does not know whether notes 8–10 arrived and
    // sends them again, with the rest, once the laptop is back (here: capture restarted).
    for (i, id) in ids.iter().enumerate().take(10) {
        let saved = put_json(&format!("{}/api/t/{code}/notes/{id}", cafe.base), &json!({"text": format!("Notiz {i}")}));
        assert_eq!(saved.status, 200);
    }
    cafe.capture.stop();
    assert!(agent().get(&format!("{}/api/t/{code}", cafe.base)).call().is_err(), "nothing listens after stop");
    let base =
        cafe.capture.start(Arc::clone(&cafe.app), cafe.workshop.workshop.id, Some(LOOPBACK)).unwrap().address.unwrap();
    for (i, id) in ids.iter().enumerate().skip(7) {
        for _ in 0..2 {
            let saved = put_json(&format!("{base}/api/t/{code}/notes/{id}"), &json!({"text": format!("Notiz {i}")}));
            assert_eq!(saved.status, 200, "{:?}", saved.body);
        }
    }
    let notes = phone_notes(&cafe);
    assert_eq!(notes.len(), 20, "all 20 arrived, none twice");
    let mut texts: Vec<_> = notes.iter().map(|n| n.text.clone()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), 20);

    // Editing while the round is being written, deleting, and deleting again (a retry).
    let id = ids[0];
    assert_eq!(put_json(&format!("{base}/api/t/{code}/notes/{id}"), &json!({"text": "geändert"})).status, 200);
    assert!(phone_notes(&cafe).iter().any(|n| n.text == "geändert"));
    for _ in 0..2 {
        assert_eq!(answer(agent().delete(&format!("{base}/api/t/{code}/notes/{id}")).call()).status, 204);
    }
    assert_eq!(phone_notes(&cafe).len(), 19);
}

#[test]
fn a_note_of_a_round_that_is_over_is_the_moderators() {
    let cafe = cafe();
    let (code, w) = (&cafe.codes[0], cafe.workshop.workshop.id);
    let id = uuid::Uuid::new_v4();
    assert_eq!(put_json(&format!("{}/api/t/{code}/notes/{id}", cafe.base), &json!({"text": "Runde 1"})).status, 200);
    cafe.app.run().run_action(w, run::RunAction::NextRound).unwrap();
    cafe.app.run().run_action(w, run::RunAction::NextRound).unwrap();
    let view = get(&format!("{}/api/t/{code}", cafe.base));
    assert_eq!(view.body["round"]["number"], 2);
    assert_eq!(view.body["notes"][0]["editable"], false);
    let late = put_json(&format!("{}/api/t/{code}/notes/{id}", cafe.base), &json!({"text": "später geändert"}));
    assert_eq!((late.status, late.code()), (409, "phone.round_over"));
    let again = put_json(&format!("{}/api/t/{code}/notes/{id}", cafe.base), &json!({"text": "Runde 1"}));
    assert_eq!(again.status, 200, "a retry of what is stored is fine");
}

#[test]
fn bad_bodies_get_codes_and_change_nothing() {
    let cafe = cafe();
    let code = &cafe.codes[0];
    let id = uuid::Uuid::new_v4();
    let url = format!("{}/api/t/{code}/notes/{id}", cafe.base);
    let empty = put_json(&url, &json!({"text": "   "}));
    assert_eq!((empty.status, empty.code()), (422, "invalid"));
    let unknown = put_json(&url, &json!({"text": "x", "author": "Eve"}));
    assert_eq!((unknown.status, unknown.code()), (422, "phone.bad_request"));
    let huge = put_json(&url, &json!({"text": "x".repeat(100_000)}));
    assert_eq!((huge.status, huge.code()), (413, "phone.too_large"));
    let not_json = answer(agent().put(&url).header("Content-Type", "application/json").send("{"));
    assert_eq!(not_json.status, 400);
    let bad_id = put_json(&format!("{}/api/t/{code}/notes/not-a-uuid", cafe.base), &json!({"text": "x"}));
    assert_eq!(bad_id.status, 400);
    assert!(phone_notes(&cafe).is_empty());
}

fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, 4, 3);
    encoder.set_color(png::ColorType::Rgb);
    encoder.write_header().unwrap().write_image_data(&[200; 36]).unwrap();
    bytes
}

#[test]
fn photos_and_the_summary_arrive_marked_as_from_the_phone() {
    let cafe = cafe();
    let code = &cafe.codes[1];
    let id = uuid::Uuid::new_v4();
    let url = format!("{}/api/t/{code}/photos/{id}?name=tischdecke.png", cafe.base);
    for _ in 0..2 {
        let sent = answer(agent().put(&url).header("Content-Type", "image/png").send(&png()[..]));
        assert_eq!(sent.status, 200, "{:?}", sent.body);
    }
    let photos = cafe.app.notes().attachments(cafe.workshop.workshop.id).unwrap();
    assert_eq!(photos.len(), 1, "a photo sent twice is stored once");
    assert_eq!((photos[0].source, photos[0].table_id), (Source::Phone, Some(cafe.workshop.tables[1].id)));
    assert_eq!(photos[0].file_name, "tischdecke.png");
    let not_a_photo = answer(
        agent().put(&format!("{}/api/t/{code}/photos/{}", cafe.base, uuid::Uuid::new_v4())).send(&b"GIF89a"[..]),
    );
    assert_eq!((not_a_photo.status, not_a_photo.code()), (422, "invalid"));
    let too_big = vec![0xFF; cafehost_core::capture::MAX_PHOTO_BYTES + 2];
    let refused =
        answer(agent().put(&format!("{}/api/t/{code}/photos/{}", cafe.base, uuid::Uuid::new_v4())).send(&too_big[..]));
    assert_eq!(refused.status, 413);

    assert_eq!(put_json(&format!("{}/api/t/{code}/summary", cafe.base), &json!({"text": "Kurz gesagt"})).status, 204);
    let view = get(&format!("{}/api/t/{code}", cafe.base));
    assert_eq!((view.body["summary"].as_str(), view.body["photos"].as_u64()), (Some("Kurz gesagt"), Some(1)));
    let status: CaptureStatus = cafe.capture.status();
    let table = status.tables.iter().find(|t| t.table_id == cafe.workshop.tables[1].id).unwrap();
    assert_eq!((table.photos, table.notes), (1, 1));
    assert!(table.last_sent.is_some() && table.last_seen >= table.last_sent);
    assert!(status.revision >= 2);
}

#[test]
fn a_runaway_client_is_held_back() {
    let cafe = cafe();
    let url = format!("{}/api/t/{}", cafe.base, cafe.codes[0]);
    let statuses: Vec<u16> = (0..150).map(|_| get(&url).status).collect();
    assert!(statuses.contains(&429), "150 requests at once are limited");
    assert_eq!(statuses[0], 200, "a burst passes first");
    let other = get(&format!("{}/api/t/{}", cafe.base, cafe.codes[1]));
    assert_eq!(other.status, 200, "another table is not held back");
}

fn voter_cookie(answer: &Answer) -> String {
    answer.header("set-cookie").expect("a new browser gets its voter cookie").split(';').next().unwrap().to_owned()
}

fn vote(base: &str, cookie: &str, dots: &Value) -> Answer {
    answer(
        agent()
            .put(&format!("{base}/api/vote"))
            .header("Content-Type", "application/json")
            .header("Cookie", cookie)
            .send(json!({ "dots": dots }).to_string()),
    )
}

#[test]
fn one_ballot_per_browser_and_every_dot_counted_once() {
    let cafe = cafe();
    let w = cafe.workshop.workshop.id;
    let statement = |text: &str, votes| {
        let input = StatementInput {
            level: StatementLevel::Goal,
            text: text.into(),
            field_of_action: String::new(),
            votes,
            owner: String::new(),
            time_frame: String::new(),
            status: StatementStatus::Draft,
        };
        cafe.app.harvest().add_statement(w, &input, &[]).unwrap().id
    };
    let (a, b) = (statement("Sprachkurse", 2), statement("Lernpaten", 0));
    assert_eq!(get(&format!("{}/api/vote", cafe.base)).code(), "phone.no_vote");
    cafe.capture.open_vote(DotVote { statements: vec![a, b], dots: 3 }).unwrap();

    let voters: Vec<String> = (0..160).map(|_| voter_cookie(&get(&format!("{}/api/vote", cafe.base)))).collect();
    std::thread::scope(|scope| {
        for chunk in voters.chunks(40) {
            let base = cafe.base.clone();
            scope.spawn(move || {
                for cookie in chunk {
                    let given = vote(&base, cookie, &json!({ a.to_string(): 2, b.to_string(): 1 }));
                    assert_eq!(given.status, 200, "{:?}", given.body);
                }
            });
        }
    });
    // A browser changing its mind replaces its ballot; too many dots or a foreign statement is
    // refused; a made-up voter is refused.
    assert_eq!(vote(&cafe.base, &voters[0], &json!({ b.to_string(): 3 })).status, 200);
    assert_eq!(vote(&cafe.base, &voters[1], &json!({ a.to_string(): 4 })).code(), "phone.ballot_refused");
    let foreign = StatementId::new();
    assert_eq!(vote(&cafe.base, &voters[1], &json!({ foreign.to_string(): 1 })).code(), "phone.ballot_refused");
    assert_eq!(vote(&cafe.base, "cafehost_vote=made-up", &json!({ a.to_string(): 1 })).code(), "phone.ballot_refused");
    // The same browser asking again keeps its cookie and sees its ballot.
    let again = answer(agent().get(&format!("{}/api/vote", cafe.base)).header("Cookie", &voters[0]).call());
    assert_eq!(again.header("set-cookie"), None);
    assert_eq!(again.body["mine"][b.to_string()], 3);

    let stored = cafe.app.harvest().overview(w).unwrap();
    let votes_of = |id| stored.statements.iter().find(|s| s.id == id).unwrap().votes;
    assert_eq!(votes_of(a), 2 + 159 * 2, "what it had, plus every dot once");
    assert_eq!(votes_of(b), 159 + 3);
    let status = cafe.capture.status().vote.unwrap();
    assert_eq!(status.ballots, 160);
    assert_eq!(status.items.iter().map(|i| i.votes).collect::<Vec<_>>(), vec![votes_of(a), votes_of(b)]);
    assert!(status.qr_svg.contains("<svg"));
    cafe.capture.close_vote();
    assert_eq!(vote(&cafe.base, &voters[2], &json!({ a.to_string(): 1 })).code(), "phone.ballot_refused");
}

#[test]
fn stopping_closes_every_connection_and_nothing_listens_when_off() {
    let cafe = cafe();
    let url = format!("{}/api/t/{}", cafe.base, cafe.codes[0]);
    // A keep-alive connection is open in the agent's pool.
    let kept = agent();
    assert_eq!(answer(kept.get(&url).call()).status, 200);
    cafe.capture.stop();
    assert!(kept.get(&url).call().is_err(), "the open connection is closed too");
    assert_eq!(cafe.capture.status().workshop, None);
    assert!(std::net::TcpStream::connect(cafe.base.trim_start_matches("http://")).is_err());
}
