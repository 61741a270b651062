//! The desktop shell: opens the database, starts the window, and hands every call from the UI to
//! [`cafehost_ipc::dispatch`]. It holds no business logic; what a command does is decided in the
//! app layer, and which commands exist is declared in `cafehost-ipc`.
//!
//! Arguments: `--data-dir DIR` chooses the data folder (else `CAFEHOST_DATA_DIR`, else the OS's
//! per-user data folder); `--export-dir DIR` where printouts are saved (else `Documents/Cafehost`);
//! a file (a double-clicked `.cafehost` bundle) is offered for import with a preview.
//! Tests start every scenario with its own folders this way.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use cafehost_app::{AppError, Cafehost, DataDirLock, os_data_dir, resolve_data_dir};
use cafehost_ipc::{Ipc, IpcError};
use tauri::ipc::{Invoke, InvokeBody};
use tauri::{Emitter as _, Manager as _};

/// The database as the command handler sees it: open, or the reason it could not be opened
/// (every command then answers with that reason, which the UI shows translated). `Cafehost`
/// locks its own connections, so calls run side by side and reads never wait for writes.
type Shared = Arc<Result<Ipc, IpcError>>;

/// Runs the app until its last window closes.
pub fn run() -> ExitCode {
    let data_dir = match resolve_data_dir(data_dir_argument()) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cafehost: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Held until the process ends: a second start on the same folder is refused with a sentence.
    let (held, shared): (_, Shared) = match DataDirLock::acquire(&data_dir) {
        Ok(lock) => (Some(lock), Arc::new(open(&data_dir))),
        Err(e) => {
            eprintln!("cafehost: {e}");
            (None, Arc::new(Err(IpcError::from(e))))
        }
    };
    fold_journal_while_idle(Arc::clone(&shared));
    make_photo_copies_in_background(Arc::clone(&shared));
    let handler_state = Arc::clone(&shared);
    let photo_state = Arc::clone(&shared);
    let closing = Arc::clone(&shared);
    let mut builder = tauri::Builder::default();
    // In the installed app's own data folder, a second start (or a bundle double-clicked while
    // the app runs) goes to the running window, handing over the file. Any other folder (tests,
    // a portable copy) is a separate app; its lock refuses a second start there with a sentence.
    if os_data_dir().as_deref() == Some(data_dir.as_path()) {
        let second_start = Arc::clone(&shared);
        builder = builder.plugin(tauri_plugin_single_instance::init(move |handle, args, cwd| {
            if let (Ok(app), Some(file)) =
                (second_start.as_ref(), file_in(args.into_iter().skip(1), std::path::Path::new(&cwd)))
            {
                app.set_opened_with(file);
                let _ = handle.emit("opened-bundle", ());
            }
            if let Some(window) = handle.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }
    let built = builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(move |invoke| handle(&handler_state, invoke))
        .register_asynchronous_uri_scheme_protocol("photo", move |_context, request, responder| {
            let shared = Arc::clone(&photo_state);
            tauri::async_runtime::spawn_blocking(move || responder.respond(photo(&shared, request.uri().path())));
        })
        .build(tauri::generate_context!());
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            eprintln!("cafehost: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The process ends right after the last window; close the database first, so the journal is
    // folded back and the data folder holds one complete file.
    let code = app.run_return(move |_handle, event| {
        if let tauri::RunEvent::Exit = event
            && let Ok(cafehost) = closing.as_ref()
            && let Err(e) = cafehost.close()
        {
            eprintln!("cafehost: closing the database: {e}");
        }
    });
    drop(held);
    if code == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Every half minute of quiet, the journal is folded into the database file, so that file alone
/// is a complete copy most of the time (someone may copy it to a stick while the app runs).
fn fold_journal_while_idle(shared: Shared) {
    std::thread::spawn(move || {
        let Ok(app) = shared.as_ref() else { return };
        loop {
            std::thread::sleep(std::time::Duration::from_secs(10));
            if let Err(AppError::Closed) = app.fold_journal_when_idle(std::time::Duration::from_secs(30)) {
                return;
            }
        }
    });
}

/// Photos added by an older version get their document copies now, while nobody waits for a
/// document; a failure only means the first document makes them.
fn make_photo_copies_in_background(shared: Shared) {
    std::thread::spawn(move || {
        let Ok(app) = shared.as_ref() else { return };
        if let Err(e) = app.documents().make_missing_photo_copies()
            && !matches!(e, AppError::Closed)
        {
            eprintln!("cafehost: making the photos' document copies: {e}");
        }
    });
}

fn open(data_dir: &std::path::Path) -> Result<Ipc, IpcError> {
    let opened = Cafehost::open(data_dir).and_then(|mut app| {
        if let Some(dir) = path_argument("--export-dir") {
            app.set_export_dir(dir);
        }
        let here = std::env::current_dir().unwrap_or_default();
        if let Some(file) = file_in(std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()), &here) {
            app.set_opened_with(file);
        }
        app.settings().seed_demo_if_empty()?;
        Ok::<_, AppError>(app)
    });
    match opened {
        Ok(app) => Ok(Ipc::new(app)),
        Err(e) => {
            eprintln!("cafehost: {e}");
            Err(IpcError::from(e))
        }
    }
}

/// A file named among the arguments (a double-clicked `.cafehost` bundle): the first that is
/// neither an option nor an option's value, taken relative to `cwd`.
fn file_in(args: impl IntoIterator<Item = String>, cwd: &std::path::Path) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" || arg == "--export-dir" {
            args.next();
        } else if !arg.starts_with("--") {
            return Some(cwd.join(arg));
        }
    }
    None
}

fn data_dir_argument() -> Option<PathBuf> {
    path_argument("--data-dir")
}

/// The value of `--name DIR` or `--name=DIR` on the command line.
fn path_argument(name: &str) -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    let prefix = format!("{name}=");
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix(prefix.as_str())) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// Serves a stored photo for `photo://localhost/<attachment id>`, so the UI can show tablecloth
/// photos with a plain `<img>` without sending their bytes through JSON.
fn photo(shared: &Shared, path: &str) -> tauri::http::Response<Vec<u8>> {
    let found = path.trim_start_matches('/').parse().ok().and_then(|id| match shared.as_ref() {
        Ok(app) => app.notes().attachment_bytes(id).ok(),
        Err(_) => None,
    });
    let response = match found {
        Some((media_type, bytes)) => tauri::http::Response::builder()
            .header(tauri::http::header::CONTENT_TYPE, media_type)
            .header(tauri::http::header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(bytes),
        None => tauri::http::Response::builder().status(tauri::http::StatusCode::NOT_FOUND).body(Vec::new()),
    };
    response.unwrap_or_else(|_| tauri::http::Response::new(Vec::new()))
}

/// Answers one IPC call off the UI thread, so a slow disk never freezes the window.
fn handle(shared: &Shared, invoke: Invoke) -> bool {
    let shared = Arc::clone(shared);
    tauri::async_runtime::spawn_blocking(move || {
        let command = invoke.message.command().to_owned();
        let args = match invoke.message.payload() {
            InvokeBody::Json(value) => value.clone(),
            InvokeBody::Raw(_) => serde_json::Value::Null,
        };
        let outcome = match shared.as_ref() {
            Ok(app) => cafehost_ipc::dispatch(app, &command, args),
            Err(open_error) => Err(open_error.clone()),
        };
        match outcome {
            Ok(value) => invoke.resolver.resolve(value),
            Err(error) => invoke.resolver.reject(error),
        }
    });
    true
}
