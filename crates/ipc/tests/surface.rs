//! The IPC surface driven with plain JSON, exactly as the Tauri shell passes calls through.

#![allow(clippy::unwrap_used, missing_docs)]

use base64::Engine as _;
use cafehost_app::Cafehost;
use cafehost_ipc::{Ipc, IpcError, dispatch, typescript_bindings};
use serde_json::{Value, json};

fn app(dir: &tempfile::TempDir) -> Ipc {
    Ipc::new(Cafehost::open(dir.path()).unwrap())
}

#[test]
fn committed_bindings_are_fresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc/bindings.ts");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == typescript_bindings(),
        "ui/src/lib/ipc/bindings.ts is stale: run `cargo run -p cafehost-ipc --bin write-bindings` and commit it"
    );
}

#[test]
fn a_workshop_is_created_and_edited_through_json() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let created = dispatch(
        &app,
        "create_workshop",
        json!({ "new_workshop": { "title": "Sport und Vereine", "process_title": "Integrationskonzept" } }),
    )
    .unwrap();
    let id = created["id"].clone();
    let mut details = created["details"].clone();
    details["place"] = json!("Kreishaus");
    details["travel_mode"] = json!("topic-tour");
    let updated = dispatch(&app, "update_workshop", json!({ "workshop": id, "details": details })).unwrap();
    assert_eq!(updated["details"]["place"], "Kreishaus");
    let overview = dispatch(&app, "workshop_overview", Value::Null).unwrap();
    assert_eq!(overview[0]["process"]["title"], "Integrationskonzept");
    assert_eq!(overview[0]["workshops"][0]["round_count"], 3);
    let table = dispatch(&app, "add_table", json!({ "workshop": id })).unwrap();
    assert_eq!(table["number"], 1);
    assert_eq!(table["capacity"], 6);
}

#[test]
fn validation_errors_carry_field_problems() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let err = dispatch(&app, "create_workshop", json!({ "new_workshop": { "title": "", "process_title": null } }))
        .unwrap_err();
    assert_eq!(err.code, "invalid");
    let as_json = serde_json::to_value(&err).unwrap();
    assert_eq!(as_json["fields"][0], json!({ "field": "title", "problem": { "code": "required" } }));
}

#[test]
fn import_problems_reach_the_ui_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let w = dispatch(&app, "create_workshop", json!({ "new_workshop": { "title": "Import", "process_title": null } }))
        .unwrap();
    // Files come base64-encoded, as the window sends them.
    let base64 =
        base64::engine::general_purpose::STANDARD.encode("Name;E-Mail\nAnna Müller;anna@x.de\nBen Kaya;kaputt\n");
    let options = json!({ "skip_invalid": false, "include_duplicates": false });
    let preview = dispatch(
        &app,
        "preview_import",
        json!({ "workshop": w["id"], "base64": base64, "mapping": null, "options": options }),
    )
    .unwrap();
    assert_eq!(preview["preview"]["rows"][1]["line"], 3);
    assert_eq!(preview["preview"]["rows"][1]["problems"][0]["column"], 2);
    assert_eq!(preview["decision"]["refusal"], "rows_with_problems", "the dialog shows the core's decision");
    assert_eq!(preview["decision"]["importable"], 1);
    let err = dispatch(
        &app,
        "import_participants",
        json!({ "workshop": w["id"], "base64": base64, "mapping": null, "options": options }),
    )
    .unwrap_err();
    assert_eq!((err.code.as_str(), err.params["count"].as_str()), ("import.refused", "1"));
}

#[test]
fn a_broken_file_is_refused_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let w = dispatch(&app, "create_workshop", json!({ "new_workshop": { "title": "Import", "process_title": null } }))
        .unwrap();
    let base64 = base64::engine::general_purpose::STANDARD.encode("Vorname;Nachname\nAnna;\"Müller\nBen;Kaya\n");
    let options = json!({ "skip_invalid": false, "include_duplicates": false });
    let err = dispatch(
        &app,
        "preview_import",
        json!({ "workshop": w["id"], "base64": base64, "mapping": null, "options": options }),
    )
    .unwrap_err();
    assert_eq!(err.code, "csv.unclosed_quote");
    assert_eq!((err.params["line"].as_str(), err.params["column"].as_str()), ("2", "2"));
}

#[test]
fn unknown_commands_and_malformed_arguments_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let err: IpcError = dispatch(&app, "drop_database", json!({})).unwrap_err();
    assert_eq!(err.code, "ipc.unknown_command");
    let err = dispatch(&app, "workshop_setup", json!({ "workshop": "not-a-uuid" })).unwrap_err();
    assert_eq!(err.code, "ipc.bad_arguments");
    let err = dispatch(&app, "workshop_setup", json!({ "workshop": uuid_like(), "extra": 1 })).unwrap_err();
    assert_eq!(err.code, "ipc.bad_arguments");
    let err = dispatch(&app, "workshop_setup", json!({ "workshop": uuid_like() })).unwrap_err();
    assert_eq!((err.code.as_str(), err.params["entity"].as_str()), ("not_found", "workshop"));
}

fn uuid_like() -> &'static str {
    "6f1c1a54-5d0e-4b8e-9c51-0b6f3f0a9a11"
}
