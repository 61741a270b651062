//! The `cafehost` binary as a script would use it.

#![allow(clippy::unwrap_used, missing_docs)]

use std::process::{Command, Output};

fn cafehost(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cafehost")).arg("--data-dir").arg(dir).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn create_list_import_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let created = cafehost(
        dir.path(),
        &["workshop", "create", "--title", "Arbeit und Übergang", "--process", "Integrationskonzept"],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let id = stdout(&created).trim().to_owned();
    assert_eq!(id.len(), 36, "prints the new id: {id}");

    let listed = cafehost(dir.path(), &["workshop", "list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&listed)).unwrap();
    assert_eq!(json[0]["process"]["title"], "Integrationskonzept");
    assert_eq!(json[0]["workshops"][0]["id"], id.as_str());

    let csv = dir.path().join("liste.csv");
    std::fs::write(&csv, "Nachname,Vorname,Organisation\nMüller,Anna,AWO\nKaya,Ben,\"Caritas, Kreis\"\n").unwrap();
    let imported = cafehost(dir.path(), &["participants", "import", "Arbeit und Übergang", csv.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(stdout(&imported).contains("imported 2 participants"));

    let people = cafehost(dir.path(), &["participants", "list", &id, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&people)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["organisation"], "Caritas, Kreis");

    let exported = dir.path().join("export.csv");
    let out = cafehost(dir.path(), &["participants", "export", &id, "--out", exported.to_str().unwrap()]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.starts_with("\u{feff}Vorname;Nachname"), "German Excel layout: {text}");
}

#[test]
fn a_rejected_row_blocks_the_import_and_is_reported_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    cafehost(dir.path(), &["workshop", "create", "--title", "Bildung"]);
    let csv = dir.path().join("liste.csv");
    std::fs::write(&csv, "Vorname;Nachname;E-Mail\nAnna;Müller;anna@x.de\nBen;Kaya;kein-at\n;;x@y.de\n").unwrap();
    let dry = cafehost(dir.path(), &["participants", "import", "Bildung", csv.to_str().unwrap(), "--dry-run"]);
    assert!(!dry.status.success());
    let report = stderr(&dry);
    assert!(report.contains("line 3: column 3 (E-Mail): email is not valid"), "{report}");
    assert!(report.contains("line 4: column 2 (Nachname): last_name is missing"), "{report}");

    let refused = cafehost(dir.path(), &["participants", "import", "Bildung", csv.to_str().unwrap()]);
    assert!(!refused.status.success());
    let people = cafehost(dir.path(), &["participants", "list", "Bildung", "--json"]);
    assert_eq!(stdout(&people).trim(), "[]", "nothing was written");

    let partial = cafehost(dir.path(), &["participants", "import", "Bildung", csv.to_str().unwrap(), "--skip-invalid"]);
    assert!(partial.status.success());
    assert!(stdout(&partial).contains("imported 1 participants (2 rows skipped as invalid"));
}

#[test]
fn ambiguous_titles_and_bad_databases_fail_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    cafehost(dir.path(), &["workshop", "create", "--title", "Gleich"]);
    cafehost(dir.path(), &["workshop", "create", "--title", "Gleich"]);
    let out = cafehost(dir.path(), &["participants", "list", "Gleich"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("several workshops fit \"Gleich\" (name it by its id"), "{}", stderr(&out));
    cafehost(dir.path(), &["workshop", "create", "--title", "Frühe Bildung"]);
    let found = cafehost(dir.path(), &["participants", "list", "fruhe"]);
    assert!(found.status.success(), "a unique start of the title names the workshop: {}", stderr(&found));
    let typo = cafehost(dir.path(), &["participants", "list", "Frühe Bildnug"]);
    assert!(stderr(&typo).contains("did you mean: \"Frühe Bildung\"?"), "{}", stderr(&typo));

    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("cafehost.db"), "kein SQLite").unwrap();
    let out = cafehost(foreign.path(), &["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not a Cafehost database"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(foreign.path().join("cafehost.db")).unwrap(), "kein SQLite");
}

#[test]
fn plan_reads_the_issue_format_and_prints_a_plan_or_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cafe.json");
    std::fs::write(
        &file,
        r#"{ "rounds": 3, "travel": "free",
             "tables": [ {"id": "t1", "capacity": 4, "host": "p1"}, {"id": "t2", "capacity": 4},
                         {"id": "t3", "capacity": 4} ],
             "participants": [ {"id": "p1", "attributes": {"organisation": "AWO"}}, {"id": "p2"}, {"id": "p3"},
                               {"id": "p4"}, {"id": "p5"}, {"id": "p6"}, {"id": "p7"}, {"id": "p8"} ],
             "spread": ["organisation"],
             "absent": [ {"participant": "p2", "rounds": [0]} ],
             "pinned": [ {"participant": "p3", "round": 1, "table": "t2"} ],
             "apart": [["p4", "p5"]], "together": [["p6", "p7"]],
             "held": [ {"t1": ["p1", "p3"], "t2": ["p4", "p6", "p7"], "t3": ["p5", "p8"]} ] }"#,
    )
    .unwrap();
    let planned = cafehost(dir.path(), &["plan", file.to_str().unwrap(), "--seed", "3", "--time-limit", "2"]);
    assert!(planned.status.success(), "{}", stderr(&planned));
    let json: serde_json::Value = serde_json::from_str(&stdout(&planned)).unwrap();
    let rounds = json["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 3);
    assert_eq!(rounds[0]["t1"], serde_json::json!(["p1", "p3"]), "the held round is printed as held");
    assert!(rounds[1]["t2"].as_array().unwrap().contains(&serde_json::json!("p3")), "the pin holds");
    assert!(json["report"]["lower_bound"].is_u64());
    assert!(!dir.path().join("cafehost.db").exists(), "planning a file does not create a database");

    std::fs::write(&file, r#"{ "rounds": 7, "travel": "free", "tables": [ {"id": "a", "capacity": 9} ], "participants": [ {"id": "x"} ] }"#)
        .unwrap();
    let refused = cafehost(dir.path(), &["plan", file.to_str().unwrap()]);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(message.contains("planner.too_many_rounds_for_tour") && message.contains("way out"), "{message}");

    std::fs::write(&file, r#"{ "rounds": 1, "tabels": [] }"#).unwrap();
    let typo = cafehost(dir.path(), &["plan", file.to_str().unwrap()]);
    assert!(stderr(&typo).contains("tabels"), "an unknown field is named: {}", stderr(&typo));
}

fn pdf_text(file: &std::path::Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(file).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", stderr(&out));
    stdout(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn print_writes_the_printables_as_pdf_in_the_workshops_language_or_the_one_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let created = cafehost(dir.path(), &["workshop", "create", "--title", "Arbeit und Übergang"]);
    let id = stdout(&created).trim().to_owned();
    let csv = dir.path().join("liste.csv");
    std::fs::write(
        &csv,
        "Vorname;Nachname;Organisation\nJürgen;Straßer;AWO\nŞükrü;Çelik;Caritas\nŁukasz;Wiśniewski;\n",
    )
    .unwrap();
    assert!(cafehost(dir.path(), &["participants", "import", &id, csv.to_str().unwrap()]).status.success());
    {
        // Tables and questions are set up in the app (the CLI has no commands for them).
        let app = cafehost_app::Cafehost::open(dir.path()).unwrap();
        let workshop = id.parse().unwrap();
        let setup = app.setup().workshop_setup(workshop).unwrap();
        let host = setup.participants.iter().find(|p| p.input.last_name == "Straßer").unwrap().id;
        let table = app.setup().add_table(workshop).unwrap();
        let mut input = table.input.clone();
        input.topic = "Übergang Schule – Beruf".into();
        input.host_id = Some(host);
        app.setup().update_table(table.id, &input).unwrap();
        let round = &setup.rounds[0];
        let mut question = round.input.clone();
        question.question = "Was hilft jungen Geflüchteten beim Einstieg in die Ausbildung?".into();
        app.setup().update_round(round.id, &question).unwrap();
    }

    let cards = dir.path().join("tischkarten.pdf");
    let printed =
        cafehost(dir.path(), &["print", "table-cards", "Arbeit und Übergang", "--out", cards.to_str().unwrap()]);
    assert!(printed.status.success(), "{}", stderr(&printed));
    assert!(std::fs::read(&cards).unwrap().starts_with(b"%PDF-"));
    let text = pdf_text(&cards);
    assert!(text.contains("Übergang Schule – Beruf"), "{text}");
    assert!(text.contains("Runde 1") && text.contains("Tisch"), "German, the workshop's language: {text}");
    assert!(text.contains("Was hilft jungen Geflüchteten beim Einstieg in die Ausbildung?"), "{text}");

    let list = dir.path().join("sign-in.pdf");
    let printed = cafehost(dir.path(), &["print", "sign-in", &id, "--out", list.to_str().unwrap(), "--lang", "en"]);
    assert!(printed.status.success(), "{}", stderr(&printed));
    let text = pdf_text(&list);
    assert!(text.contains("Signature") && text.contains("No organisation"), "{text}");
    for name in ["Straßer, Jürgen", "Çelik, Şükrü", "Wiśniewski, Łukasz"] {
        assert!(text.contains(name), "{name}: {text}");
    }

    let routes = dir.path().join("laufzettel.pdf");
    let printed = cafehost(dir.path(), &["print", "route-cards", &id, "--out", routes.to_str().unwrap()]);
    assert!(printed.status.success(), "{}", stderr(&printed));
    assert!(pdf_text(&routes).contains("Noch kein Sitzplan"), "no plan yet");

    let refused = cafehost(dir.path(), &["print", "menu", &id, "--out", "x.pdf"]);
    assert!(!refused.status.success(), "an unknown printable is refused");
}

#[test]
fn export_minutes_and_concept() {
    let dir = tempfile::tempdir().unwrap();
    let created = cafehost(
        dir.path(),
        &["workshop", "create", "--title", "Arbeit und Übergang", "--process", "Integrationskonzept"],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let md = dir.path().join("protokoll.md");
    let out = cafehost(
        dir.path(),
        &["export", "minutes", "Arbeit und Übergang", "--format", "md", "--out", md.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# Protokoll: Arbeit und Übergang"));

    let concept = dir.path().join("konzept.md");
    let out = cafehost(
        dir.path(),
        &[
            "export",
            "concept",
            "integrationskonzept",
            "--format",
            "md",
            "--lang",
            "en",
            "--out",
            concept.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "the process is found by its title: {}", stderr(&out));
    assert!(std::fs::read_to_string(&concept).unwrap().starts_with("# Concept draft: Integrationskonzept"));

    let csv = dir.path().join("aussagen.csv");
    let out = cafehost(
        dir.path(),
        &[
            "export",
            "concept",
            "Arbeit und Übergang",
            "--format",
            "csv",
            "--pseudonymise",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("\u{feff}Nr.;Ebene;Aussage"));

    let missing = cafehost(dir.path(), &["export", "minutes", "Gibt es nicht", "--format", "md", "--out", "x.md"]);
    assert!(!missing.status.success());
}

#[test]
fn a_bundle_moves_a_workshop_to_another_data_folder_once() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let created = cafehost(a.path(), &["workshop", "create", "--title", "Übergänge", "--process", "Konzept"]);
    assert!(created.status.success(), "{}", stderr(&created));
    let file = a.path().join("uebergaenge.cafehost");
    let exported = cafehost(a.path(), &["bundle", "export", "Übergänge", "--process", "--out", file.to_str().unwrap()]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let first = cafehost(b.path(), &["bundle", "import", file.to_str().unwrap()]);
    assert!(stdout(&first).contains("added 1 workshops (0 already here)"), "{}", stdout(&first));
    let second = cafehost(b.path(), &["bundle", "import", file.to_str().unwrap()]);
    assert!(stdout(&second).contains("added 0 workshops (1 already here)"), "{}", stdout(&second));
    let listed = cafehost(b.path(), &["workshop", "list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&listed)).unwrap();
    assert_eq!(json[0]["process"]["title"], "Konzept");
    assert_eq!(json[0]["workshops"][0]["title"], "Übergänge");
}

#[test]
fn out_never_overwrites_the_database_and_backups_restore() {
    let dir = tempfile::tempdir().unwrap();
    let created = cafehost(dir.path(), &["workshop", "create", "--title", "Sicher"]);
    assert!(created.status.success(), "{}", stderr(&created));
    let db = dir.path().join("cafehost.db");
    let before = std::fs::read(&db).unwrap();
    for target in ["cafehost.db", "cafehost.db-wal", "cafehost.db-journal"] {
        let out = dir.path().join(target);
        let refused =
            cafehost(dir.path(), &["export", "minutes", "Sicher", "--format", "pdf", "--out", out.to_str().unwrap()]);
        assert!(!refused.status.success(), "{target} was overwritten");
        assert!(stderr(&refused).contains("own data"), "{}", stderr(&refused));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database is untouched");
    let checked = cafehost(dir.path(), &["check"]);
    assert!(checked.status.success() && stdout(&checked).contains(": ok"), "{}", stderr(&checked));

    // An output folder that does not exist yet is made.
    let nested = dir.path().join("neu").join("protokoll.md");
    let made =
        cafehost(dir.path(), &["export", "minutes", "Sicher", "--format", "md", "--out", nested.to_str().unwrap()]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(std::fs::read_to_string(&nested).unwrap().contains("Sicher"));

    // A backup to a chosen file, restored into another data folder.
    let backup = dir.path().join("stick").join("sicherung.db");
    let saved = cafehost(dir.path(), &["backup", "--out", backup.to_str().unwrap()]);
    assert!(saved.status.success(), "{}", stderr(&saved));
    let other = tempfile::tempdir().unwrap();
    let preview = cafehost(other.path(), &["restore", backup.to_str().unwrap(), "--dry-run"]);
    assert!(
        stdout(&preview).contains("holds: 1 workshops") && stdout(&preview).contains("Sicher"),
        "{}",
        stdout(&preview)
    );
    // Not while a window works on that folder: it would go on showing the state replaced.
    let window = cafehost_app::DataDirLock::acquire(other.path()).unwrap();
    let refused = cafehost(other.path(), &["restore", backup.to_str().unwrap()]);
    assert!(!refused.status.success() && stderr(&refused).contains("already open"), "{}", stderr(&refused));
    drop(window);
    let restored = cafehost(other.path(), &["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    let listed = cafehost(other.path(), &["workshop", "list"]);
    assert!(stdout(&listed).contains("Sicher"), "{}", stdout(&listed));
}

#[test]
fn a_time_limit_must_be_a_real_number_of_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let instance = dir.path().join("i.json");
    std::fs::write(
        &instance,
        r#"{"rounds": 2, "tables": [{"id": "a", "capacity": 2}, {"id": "b", "capacity": 2}],
        "participants": [{"id": "p1"}, {"id": "p2"}, {"id": "p3"}, {"id": "p4"}]}"#,
    )
    .unwrap();
    for bad in ["inf", "nan", "-1", "0", "abc", "7200"] {
        let refused = cafehost(dir.path(), &["plan", instance.to_str().unwrap(), &format!("--time-limit={bad}")]);
        assert!(!refused.status.success(), "--time-limit {bad} was taken");
        assert!(stderr(&refused).contains("time"), "{bad}: {}", stderr(&refused));
    }
    let planned = cafehost(dir.path(), &["plan", instance.to_str().unwrap(), "--time-limit", "0.5"]);
    assert!(planned.status.success(), "{}", stderr(&planned));
}

/// Runs a freshly copied program. While other tests start processes, a child forked during the
/// copy may still hold the new file open for writing for a moment (Linux then refuses to run it,
/// "text file busy"), so that one refusal is waited out.
fn run_copied(program: &std::path::Path, args: &[&str]) -> Output {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        match Command::new(program).args(args).env_remove("CAFEHOST_DATA_DIR").output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other.unwrap(),
        }
    }
}

#[test]
fn a_portable_copy_keeps_its_data_beside_the_program() {
    let stick = tempfile::tempdir().unwrap();
    let program = stick.path().join("cafehost");
    std::fs::copy(env!("CARGO_BIN_EXE_cafehost"), &program).unwrap();
    std::fs::write(stick.path().join("cafehost-portable"), "").unwrap();
    let created = run_copied(&program, &["workshop", "create", "--title", "Vom Stick"]);
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(stick.path().join("data").join("cafehost.db").is_file(), "the database is beside the program");
    let listed = run_copied(&program, &["workshop", "list"]);
    assert!(stdout(&listed).contains("Vom Stick"), "{}", stdout(&listed));
}
