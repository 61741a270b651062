//! A small harness for driving the real Cafehost window: a private X display (Xvfb), one
//! `tauri-driver` (which proxies W3C WebDriver to WebKitWebDriver), and a minimal WebDriver
//! client.
//!
//! Why a hand-written client instead of fantoccini or thirtyfour: on these machines
//! tauri-driver's pooled connection is reset in about one session of three, and the fix that
//! measured reliable is to retry that one request once — only on a connection error, never on a
//! WebDriver error answer. That retry has to sit in the single function every request passes
//! through ([`Session::request`]), which the full clients do not expose. The W3C protocol is
//! plain JSON over HTTP, so the client stays short.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// Result of harness operations; errors are descriptive strings for test output.
pub type Result<T> = std::result::Result<T, String>;

/// The W3C key for an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The X server and tauri-driver, started once and shared by all scenarios (one at a time).
pub struct Environment {
    xvfb: Child,
    driver: Child,
    port: u16,
    app: PathBuf,
    screenshots: PathBuf,
    display: String,
}

impl Environment {
    /// Starts Xvfb on a free display and tauri-driver on a free port, and waits until both are
    /// ready.
    pub fn start(app: PathBuf, screenshots: PathBuf) -> Result<Self> {
        if !app.exists() {
            return Err(format!("app binary {} not found: run `cargo build -p cafehost-desktop` first", app.display()));
        }
        std::fs::create_dir_all(&screenshots).map_err(|e| e.to_string())?;
        // -displayfd lets Xvfb choose a free display and tell us which: no stale lock files.
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Xvfb (apt-get install xvfb): {e}"))?;
        let mut line = String::new();
        let stdout = xvfb.stdout.take().ok_or("Xvfb has no stdout")?;
        BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
        let display = format!(":{}", line.trim());
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{}", line.trim()));
        wait_for(PATIENCE, || Ok(socket.exists().then_some(())))
            .map_err(|e| format!("Xvfb display {display} did not appear: {e}"))?;
        let port = free_port()?;
        let native_port = free_port()?;
        // Its own process group, so that stopping it also stops the WebKitWebDriver and app
        // processes it starts.
        let driver = Command::new(tauri_driver_path())
            .process_group(0)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display)
            // Phone capture may serve on loopback, where the tests reach it.
            .env("CAFEHOST_PHONES_LOOPBACK", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver (cargo install tauri-driver): {e}"))?;
        let env = Self { xvfb, driver, port, app, screenshots, display };
        let status_url = format!("http://127.0.0.1:{port}/status");
        wait_for(PATIENCE, || Ok(ureq::get(&status_url).call().ok().map(|_| ())))
            .map_err(|e| format!("tauri-driver did not answer: {e}"))?;
        Ok(env)
    }

    /// Starts the app a second time on `data_dir`, outside WebDriver (as a user double-clicking
    /// it again would), and returns the first line it prints on standard error that contains
    /// `needle` within `wait`; then ends that process (which this function started, by its id).
    pub fn start_again(&self, data_dir: &Path, needle: &str, wait: Duration) -> Result<String> {
        let mut child = Command::new(&self.app)
            .args([Path::new("--data-dir"), data_dir])
            .env("DISPLAY", &self.display)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.app.display()))?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(std::result::Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let deadline = std::time::Instant::now() + wait;
        let mut said = Vec::new();
        let found = loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(needle) => break Ok(line),
                Ok(line) => said.push(line),
                Err(_) => break Err(format!("the second start never said \"{needle}\"; it said {said:?}")),
            }
        };
        let _ = child.kill();
        let _ = child.wait();
        found
    }

    /// Starts the app with its data in `data_dir` and returns the WebDriver session.
    pub fn launch(&self, data_dir: &Path) -> Result<Session> {
        self.launch_with(data_dir, &[])
    }

    /// Starts the app with its data in `data_dir` and `extra` arguments (a file to open).
    pub fn launch_with(&self, data_dir: &Path, extra: &[&str]) -> Result<Session> {
        let mut args =
            vec![json!("--data-dir"), json!(data_dir), json!("--export-dir"), json!(data_dir.join("exports"))];
        args.extend(extra.iter().map(|a| json!(a)));
        let caps = json!({ "capabilities": { "alwaysMatch": { "tauri:options": {
            "application": self.app,
            "args": args,
        }}}});
        let base = format!("http://127.0.0.1:{}", self.port);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut session = Session { agent, base, id: String::new(), screenshots: self.screenshots.clone() };
        let created = session.request("POST", "/session", Some(&caps))?;
        let id = created["sessionId"].as_str().ok_or_else(|| format!("no session id in {created}"))?;
        id.clone_into(&mut session.id);
        session.wait_for_css("[data-testid=app-title]", Duration::from_secs(20))?;
        Ok(session)
    }
}

impl Drop for Environment {
    fn drop(&mut self) {
        // Stop each process and wait for it, so no lock file or stray process is left for the next
        // run: first the driver's whole process group, then the X server.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.driver.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

fn tauri_driver_path() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    cargo_bin.filter(|p| p.exists()).unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// How long a state may take to show: generous, because the tests share a busy machine (a wait
/// ends as soon as the state is there, so a fast machine does not pay for it).
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Polls `probe` every 100 ms until it yields a value or `timeout` passes.
pub fn wait_for<T>(timeout: Duration, mut probe: impl FnMut() -> Result<Option<T>>) -> Result<T> {
    let start = Instant::now();
    let mut last_error = String::from("condition not met");
    loop {
        match probe() {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => {}
            Err(e) => last_error = e,
        }
        if start.elapsed() > timeout {
            return Err(format!("timed out after {timeout:?}: {last_error}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// One running app, driven over WebDriver.
pub struct Session {
    agent: ureq::Agent,
    base: String,
    id: String,
    screenshots: PathBuf,
}

/// An element in the app window.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Element {
    /// The element as a script argument for [`Session::execute`].
    pub fn as_argument(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

impl Session {
    /// Every WebDriver call passes here. A connection dropped without an answer is retried once;
    /// an answer that is a WebDriver error is returned as an error, never retried.
    pub fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
        let url = format!("{}{}", self.base, path);
        let send = || -> std::result::Result<(u16, Value), ureq::Error> {
            let mut response = match method {
                "GET" => self.agent.get(&url).call()?,
                "DELETE" => self.agent.delete(&url).call()?,
                _ => self.agent.post(&url).send_json(body.unwrap_or(&json!({})))?,
            };
            let status = response.status().as_u16();
            let value: Value = response.body_mut().read_json().unwrap_or(Value::Null);
            Ok((status, value))
        };
        let (status, value) = match send() {
            Ok(answer) => answer,
            Err(first) if is_connection_drop(&first) => {
                send().map_err(|e| format!("{method} {path}: {e} (after retry of: {first})"))?
            }
            Err(e) => return Err(format!("{method} {path}: {e}")),
        };
        if status >= 400 {
            return Err(format!("{method} {path}: WebDriver error {status}: {}", value["value"]));
        }
        Ok(value.get("value").cloned().unwrap_or(Value::Null))
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    /// Ends the session; the app exits.
    pub fn quit(mut self) -> Result<()> {
        let result = self.request("DELETE", &self.session_path(""), None).map(|_| ());
        self.id.clear();
        result
    }

    /// Closes the main window the way its close button does (a close request to the window,
    /// after which the app quits by itself), then ends the session. Ending a session instead
    /// kills the app, as a power cut would.
    pub fn close_window(mut self) -> Result<()> {
        // Answered before the window goes; the app's own exit follows.
        let script = "const done = arguments[0]; \
            window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' }).then(() => done(true), (e) => done(String(e)));";
        let closed =
            self.request("POST", &self.session_path("/execute/async"), Some(&json!({ "script": script, "args": [] })));
        // The browser is gone once the app has quit; ending the session then is only tidying up.
        let _ = self.request("DELETE", &self.session_path(""), None);
        self.id.clear();
        match closed {
            // The app may quit before the answer is sent: a lost answer is no failure.
            Ok(Value::Bool(true)) | Err(_) => Ok(()),
            Ok(other) => Err(format!("the window did not close: {other}")),
        }
    }

    /// Loads `url` in the window (a phone page served by the app, say).
    pub fn navigate(&self, url: &str) -> Result<()> {
        self.request("POST", &self.session_path("/url"), Some(&json!({ "url": url }))).map(|_| ())
    }

    /// The address of the page the window shows.
    pub fn current_url(&self) -> Result<String> {
        Ok(self.request("GET", &self.session_path("/url"), None)?.as_str().unwrap_or_default().to_owned())
    }

    /// The first element matching a CSS selector, if any.
    pub fn try_find(&self, css: &str) -> Result<Option<Element>> {
        Ok(self.find_all(css)?.into_iter().next())
    }

    /// All elements matching a CSS selector.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let found = self.request(
            "POST",
            &self.session_path("/elements"),
            Some(&json!({ "using": "css selector", "value": css })),
        )?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned())))
            .collect())
    }

    /// Waits up to 30 s for an element (a busy machine can be slow to show one).
    pub fn find(&self, css: &str) -> Result<Element> {
        self.wait_for_css(css, PATIENCE)
    }

    /// Waits for an element to appear.
    pub fn wait_for_css(&self, css: &str, timeout: Duration) -> Result<Element> {
        wait_for(timeout, || self.try_find(css)).map_err(|e| format!("no element {css}: {e}"))
    }

    /// Waits for a selector to match nothing.
    pub fn wait_gone(&self, css: &str) -> Result<()> {
        wait_for(PATIENCE, || Ok(self.find_all(css)?.is_empty().then_some(())))
            .map_err(|e| format!("{css} is still there: {e}"))
    }

    /// Elements matching `css` inside `parent`.
    pub fn find_in(&self, parent: &Element, css: &str) -> Result<Vec<Element>> {
        let found = self.request(
            "POST",
            &self.session_path(&format!("/element/{}/elements", parent.0)),
            Some(&json!({ "using": "css selector", "value": css })),
        )?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned())))
            .collect())
    }

    /// The first element matching `css` inside `parent`.
    pub fn find_one_in(&self, parent: &Element, css: &str) -> Result<Element> {
        self.find_in(parent, css)?.into_iter().next().ok_or_else(|| format!("no {css} inside element"))
    }

    /// Clicks an element.
    pub fn click(&self, element: &Element) -> Result<()> {
        // WebDriver scrolls an element just into view, where the app's sticky header may cover
        // it ("element click intercepted"); the middle of the window is never covered.
        self.execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })", &[element.as_argument()])?;
        self.request("POST", &self.session_path(&format!("/element/{}/click", element.0)), Some(&json!({})))
            .map(|_| ())
            .map_err(|e| {
                let what = self.execute("return arguments[0].outerHTML.slice(0, 160)", &[element.as_argument()]);
                format!("{e} (clicking {})", what.map(|v| v.to_string()).unwrap_or_default())
            })
    }

    /// Ticks a checkbox and waits until it says so. The app polls (timer, phones) and may shift
    /// the layout between scrolling and clicking, so a click can land beside the box; it is
    /// clicked again only when the box stays unticked for a few seconds, never toggled back.
    pub fn check_box(&self, element: &Element) -> Result<()> {
        let ticked = || -> Result<bool> { Ok(self.property(element, "checked")? == Value::Bool(true)) };
        wait_for(PATIENCE, || {
            if ticked()? {
                return Ok(Some(()));
            }
            self.click(element)?;
            Ok(wait_for(Duration::from_secs(3), || Ok(ticked()?.then_some(()))).ok())
        })
        .map_err(|e| format!("the checkbox is ticked: {e}"))
    }

    /// Waits for and clicks the element with this test id.
    pub fn click_id(&self, test_id: &str) -> Result<()> {
        let element = self.find(&by_id(test_id))?;
        self.click(&element)
    }

    /// Types into an element (it keeps its focus).
    pub fn type_into(&self, element: &Element, text: &str) -> Result<()> {
        self.request(
            "POST",
            &self.session_path(&format!("/element/{}/value", element.0)),
            Some(&json!({ "text": text })),
        )
        .map(|_| ())
    }

    /// Empties an input.
    pub fn clear(&self, element: &Element) -> Result<()> {
        self.request("POST", &self.session_path(&format!("/element/{}/clear", element.0)), Some(&json!({}))).map(|_| ())
    }

    /// Replaces an input's content, as a person selecting all and typing would.
    pub fn fill(&self, element: &Element, text: &str) -> Result<()> {
        self.clear(element)?;
        self.type_into(element, text)
    }

    /// The visible text of an element.
    pub fn text(&self, element: &Element) -> Result<String> {
        let v = self.request("GET", &self.session_path(&format!("/element/{}/text", element.0)), None)?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// A DOM property (e.g. `value`, `checked`, `disabled`).
    pub fn property(&self, element: &Element, name: &str) -> Result<Value> {
        self.request("GET", &self.session_path(&format!("/element/{}/property/{name}", element.0)), None)
    }

    /// An attribute's value.
    pub fn attribute(&self, element: &Element, name: &str) -> Result<Option<String>> {
        let v = self.request("GET", &self.session_path(&format!("/element/{}/attribute/{name}", element.0)), None)?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// Runs a script in the page and returns its result.
    pub fn execute(&self, script: &str, args: &[Value]) -> Result<Value> {
        self.request("POST", &self.session_path("/execute/sync"), Some(&json!({ "script": script, "args": args })))
    }

    /// Runs axe-core (the WCAG 2.1 A and AA rules) on the page as it is now and returns the
    /// violations as (impact, rule and where, number of elements). `axe_source` is axe-core's script
    /// (`ui/node_modules/axe-core/axe.min.js`); it is put into the page once.
    pub fn accessibility_violations(&self, axe_source: &str) -> Result<Vec<(String, String, usize)>> {
        let present = self.execute("return typeof window.axe === 'object';", &[])?;
        if present != Value::Bool(true) {
            self.execute(&format!("{axe_source}\nreturn true;"), &[])?;
        }
        self.execute(
            "window.__axeResult = null;
             window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => { window.__axeResult = r.violations.map(v => [v.impact || 'unknown', v.id + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '), v.nodes.length]); })
               .catch(e => { window.__axeResult = String(e); });
             return true;",
            &[],
        )?;
        // Generous: axe walks the whole page, and the machine may be busy.
        let result = wait_for(Duration::from_secs(120), || {
            let v = self.execute("return window.__axeResult;", &[])?;
            Ok((!v.is_null()).then_some(v))
        })?;
        let rows = result.as_array().ok_or_else(|| format!("axe failed: {result}"))?;
        rows.iter()
            .map(|row| {
                let field = |i: usize| row.get(i).cloned().unwrap_or(Value::Null);
                Ok((
                    field(0).as_str().unwrap_or_default().to_owned(),
                    field(1).as_str().unwrap_or_default().to_owned(),
                    usize::try_from(field(2).as_u64().unwrap_or_default()).unwrap_or(usize::MAX),
                ))
            })
            .collect()
    }

    /// The handles of the app's open windows.
    pub fn window_handles(&self) -> Result<Vec<String>> {
        let v = self.request("GET", &self.session_path("/window/handles"), None)?;
        Ok(v.as_array().map(|a| a.iter().filter_map(|h| h.as_str().map(str::to_owned)).collect()).unwrap_or_default())
    }

    /// The handle of the window commands go to.
    pub fn window_handle(&self) -> Result<String> {
        Ok(self.request("GET", &self.session_path("/window"), None)?.as_str().unwrap_or_default().to_owned())
    }

    /// Sends the following commands to another window.
    pub fn switch_to_window(&self, handle: &str) -> Result<()> {
        self.request("POST", &self.session_path("/window"), Some(&json!({ "handle": handle }))).map(|_| ())
    }

    /// Sets the window's size (the X screen is 1920×1080).
    pub fn resize(&self, width: u32, height: u32) -> Result<()> {
        self.request(
            "POST",
            &self.session_path("/window/rect"),
            Some(&json!({ "x": 0, "y": 0, "width": width, "height": height })),
        )
        .map(|_| ())
    }

    /// Saves a PNG of the window under the screenshot folder and returns its path.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // The DOM may be ahead of the last painted frame; wait for two frames so the picture
        // shows what the test just found.
        self.request(
            "POST",
            &self.session_path("/execute/async"),
            Some(&json!({
                "script": "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                "args": [],
            })),
        )?;
        let v = self.request("GET", &self.session_path("/screenshot"), None)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .map_err(|e| format!("screenshot is not base64: {e}"))?;
        let path = self.screenshots.join(format!("{name}.png"));
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// Waits until the header's save indicator reports that everything typed is on disk.
    pub fn wait_saved(&self) -> Result<()> {
        wait_for(PATIENCE, || {
            let status = self.find(&by_id("save-status"))?;
            let state = self.attribute(&status, "data-state")?.unwrap_or_default();
            if state == "error" {
                return Err(format!("save failed: {}", self.text(&status)?));
            }
            Ok((state == "saved").then_some(()))
        })
    }
}

impl Drop for Session {
    /// A scenario that failed half-way still closes its window, so the next one starts clean.
    fn drop(&mut self) {
        if !self.id.is_empty() {
            let _ = self.request("DELETE", &self.session_path(""), None);
        }
    }
}

fn is_connection_drop(error: &ureq::Error) -> bool {
    matches!(error, ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::Protocol(_))
}

/// CSS selector for a `data-testid`.
pub fn by_id(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}
