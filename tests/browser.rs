//! The HTML report and the SVG in a real browser: headless Chromium through
//! the `headless_chrome` crate (never its downloader: the browser comes from
//! the system, `apt-get install chromium`).
//!
//! Each test generates a report with the built binary, opens it from a
//! file:// URL and checks what a reader would notice: the point in the right
//! quadrant, no script, no request, nothing in the console, hostile text shown
//! as text. Screenshots go to `$CARGO_TARGET_TMPDIR/browser-screenshots/`.
//!
//! Without /usr/bin/chromium the tests print a note and pass, except under CI
//! (the `CI` variable set), where they fail.

use headless_chrome::protocol::cdp::Browser as BrowserDomain;
use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// What the page said on its console: messages at error level (console
/// errors, uncaught exceptions, CSP violations and failed loads reported by
/// the browser), and whether the settle marker has come through.
#[derive(Default)]
struct Console {
    errors: Vec<String>,
    settled: bool,
}

/// The console.debug text that marks the end of the events to wait for.
const SETTLED: &str = "calibrate-browser-test:settled";

/// One page open in a browser of its own.
struct Page {
    tab: Arc<Tab>,
    console: Arc<Mutex<Console>>,
    browser: Option<Browser>,
}

impl Drop for Page {
    /// Asks Chromium to quit and waits for it, so that it cleans up after
    /// itself; the crate's drop alone kills it mid-shutdown, leaving its
    /// helper processes writing into a profile that is being removed and a
    /// /tmp/org.chromium.Chromium.* folder behind.
    fn drop(&mut self) {
        let Some(browser) = self.browser.take() else {
            return;
        };
        let pid = browser.get_process_id();
        let closed = self.tab.call_method(BrowserDomain::Close(None));
        if let (Some(pid), Ok(_)) = (pid, closed) {
            let start = Instant::now();
            while running(pid) && start.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        drop(browser);
    }
}

/// Whether process `pid` is still running (not gone, not a zombie).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

/// Starts headless Chromium with no network chatter and a fresh temporary
/// profile, or `None` (after a note on stderr) when it is not installed and
/// this is not CI.
fn launch() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHROMIUM} is missing: CI must install chromium (apt-get install chromium)"
        );
        // Straight to stderr, past the test harness's capture, and once.
        static NOTE: Once = Once::new();
        NOTE.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "browser tests skipped: chromium is not installed (apt-get install chromium)"
            );
        });
        return None;
    }
    let options = LaunchOptions {
        path: Some(PathBuf::from(CHROMIUM)),
        headless: true,
        sandbox: false,
        window_size: Some((1280, 1600)),
        // None: the crate makes a fresh temporary profile and removes it.
        user_data_dir: None,
        args: [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .map(OsStr::new)
        .to_vec(),
        ..LaunchOptions::default()
    };
    Some(Browser::new(options).expect("headless Chromium starts"))
}

/// Runs the built binary with `args` in `dir`, and checks it succeeded.
fn calibrate(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_calibrate"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CALIBRATE_PLAYBOOKS")
        .output()
        .expect("the calibrate binary runs");
    assert!(
        output.status.success(),
        "calibrate {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Writes `calibrate diagnose ARGS -o FILE` into `dir` and returns the file.
fn report_for(dir: &Path, file: &str, args: &[&str]) -> PathBuf {
    let mut all = vec!["diagnose"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", file]);
    calibrate(dir, &all);
    let path = dir.join(file);
    assert!(path.is_file(), "calibrate wrote no {}", path.display());
    path
}

/// A file:// URL for an absolute path, percent-encoding anything unusual.
fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("the file exists");
    let mut url = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// Opens `path` in a new browser, collecting console errors from before the
/// first byte, and waits until the document has loaded.
fn open(path: &Path) -> Option<Page> {
    let browser = launch()?;
    let tab = browser.new_tab().expect("a new tab");
    let console = Arc::new(Mutex::new(Console::default()));
    let sink = Arc::clone(&console);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let mut console = sink.lock().unwrap();
        match event {
            Event::LogEntryAdded(added) if added.params.entry.level == LogEntryLevel::Error => {
                let entry = &added.params.entry;
                console
                    .errors
                    .push(format!("{:?}: {}", entry.source, entry.text));
            }
            Event::RuntimeConsoleAPICalled(call) => {
                let text: Vec<String> = call
                    .params
                    .args
                    .iter()
                    .map(|arg| match &arg.value {
                        Some(serde_json::Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                        None => arg.description.clone().unwrap_or_default(),
                    })
                    .collect();
                let text = text.join(" ");
                match call.params.Type {
                    ConsoleAPICalledEventTypeOption::Debug if text == SETTLED => {
                        console.settled = true;
                    }
                    ConsoleAPICalledEventTypeOption::Error
                    | ConsoleAPICalledEventTypeOption::Assert => {
                        console.errors.push(format!("console.error: {text}"));
                    }
                    _ => {}
                }
            }
            Event::RuntimeExceptionThrown(thrown) => {
                let details = &thrown.params.exception_details;
                console
                    .errors
                    .push(format!("uncaught exception: {}", details.text));
            }
            _ => {}
        }
    }))
    .expect("an event listener");
    tab.enable_log().expect("the Log domain");
    tab.enable_runtime().expect("the Runtime domain");

    let url = file_url(path);
    tab.navigate_to(&url).expect("navigation starts");
    let page = Page {
        tab,
        console,
        browser: Some(browser),
    };
    // Poll rather than wait_until_navigated: a file loads fast enough to race
    // the crate's navigation flag.
    let loaded = format!(
        "document.readyState === 'complete' && location.href === {}",
        serde_json::Value::String(url.clone())
    );
    wait_for("the page to load", || {
        page.tab
            .evaluate(&loaded, false)
            .ok()
            .and_then(|result| result.value)
            == Some(serde_json::Value::Bool(true))
    });
    Some(page)
}

/// Polls `done` for up to twenty seconds.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

impl Page {
    /// Evaluates `expression` in the page and returns its JSON value.
    fn eval(&self, expression: &str) -> serde_json::Value {
        let result = self
            .tab
            .evaluate(expression, false)
            .unwrap_or_else(|e| panic!("{expression} could not run: {e}"));
        result.value.unwrap_or_else(|| {
            panic!(
                "{expression} gave no value: {}",
                result.description.unwrap_or_default()
            )
        })
    }

    fn eval_bool(&self, expression: &str) -> bool {
        match self.eval(expression) {
            serde_json::Value::Bool(b) => b,
            other => panic!("{expression} is not a boolean: {other}"),
        }
    }

    fn eval_number(&self, expression: &str) -> f64 {
        self.eval(expression)
            .as_f64()
            .unwrap_or_else(|| panic!("{expression} is not a number"))
    }

    fn eval_string(&self, expression: &str) -> String {
        match self.eval(expression) {
            serde_json::Value::String(s) => s,
            other => panic!("{expression} is not a string: {other}"),
        }
    }

    /// Everything logged at error level so far. Logs a marker and waits for
    /// it first, so every event before it has reached the listener.
    fn console_errors(&self) -> Vec<String> {
        self.eval(&format!("console.debug('{SETTLED}'), true"));
        wait_for("the console events", || {
            self.console.lock().unwrap().settled
        });
        let mut console = self.console.lock().unwrap();
        console.settled = false;
        console.errors.clone()
    }

    /// Asserts no script element, no request beyond the document itself and
    /// nothing at error level on the console.
    fn assert_quiet(&self) {
        assert_eq!(
            self.eval_number("document.querySelectorAll('script').length"),
            0.0
        );
        assert_eq!(
            self.eval_number("performance.getEntriesByType('resource').length"),
            0.0,
            "requests: {}",
            self.eval_string(
                "JSON.stringify(performance.getEntriesByType('resource').map(e => e.name))"
            )
        );
        let errors = self.console_errors();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }

    /// A PNG screenshot of the viewport, written to the screenshots folder
    /// as `name.png` and checked to be a real picture.
    fn screenshot(&self, name: &str) {
        let png = self
            .tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("a screenshot");
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "the screenshot is not a PNG"
        );
        assert!(
            png.len() > 10_000,
            "the screenshot is nearly empty ({} bytes)",
            png.len()
        );
        let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
    }
}

/// Opens the report for `args` and checks the point lands in `quadrant`.
fn assert_point_in_quadrant(name: &str, quadrant: &str, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let report = report_for(dir.path(), "report.html", args);
    let Some(page) = open(&report) else { return };

    page.assert_quiet();
    assert_eq!(
        page.eval_number("document.querySelectorAll('circle.point').length"),
        1.0
    );
    let inside = format!(
        "(() => {{
            const q = document.querySelector('rect.quadrant[data-quadrant=\"{quadrant}\"]')
                .getBoundingClientRect();
            const p = document.querySelector('circle.point').getBoundingClientRect();
            const x = p.left + p.width / 2, y = p.top + p.height / 2;
            return q.width > 0 && q.height > 0
                && x > q.left && x < q.right && y > q.top && y < q.bottom;
        }})()"
    );
    assert!(
        page.eval_bool(&inside),
        "the point is not inside {quadrant}: point {}, quadrant {}",
        page.eval_string(
            "JSON.stringify(document.querySelector('circle.point').getBoundingClientRect())"
        ),
        page.eval_string(&format!(
            "JSON.stringify(document.querySelector('rect.quadrant[data-quadrant=\"{quadrant}\"]').getBoundingClientRect())"
        ))
    );
    page.screenshot(name);
}

#[test]
fn go_now_point_sits_in_the_short_horizon_facts_quadrant() {
    assert_point_in_quadrant(
        "go-now",
        "short-facts",
        &["--horizon", "6m", "--facts", "7", "--assumptions", "3"],
    );
}

#[test]
fn predictable_point_sits_in_the_long_horizon_facts_quadrant() {
    assert_point_in_quadrant(
        "predictable",
        "long-facts",
        &["--horizon", "2y", "--facts", "7", "--assumptions", "3"],
    );
}

#[test]
fn discovery_point_sits_in_the_short_horizon_assumptions_quadrant() {
    assert_point_in_quadrant(
        "discovery",
        "short-assumptions",
        &["--horizon", "6m", "--facts", "2", "--assumptions", "8"],
    );
}

#[test]
fn resilient_point_sits_in_the_long_horizon_assumptions_quadrant() {
    assert_point_in_quadrant(
        "resilient",
        "long-assumptions",
        &["--horizon", "2y", "--facts", "2", "--assumptions", "8"],
    );
}

/// Every kind of text that could break out of HTML, Markdown or the line.
const HOSTILE: &str = r#"<script>alert(1)</script> \"quotes' & ampersands\" | pipes | `backticks` <img src=x onerror=alert(1)> \u202Ereversed\nsecond line"#;

#[test]
fn hostile_record_text_is_shown_as_text_and_never_runs() {
    let dir = tempfile::tempdir().unwrap();
    let record = format!(
        "initiative: \"{HOSTILE}\"
horizon: 6m
current_playbook: go-now
claims:
  - claim: \"fact {HOSTILE}\"
    status: fact
    evidence: vendor
  - claim: \"assumption {HOSTILE}\"
    status: assumption
"
    );
    std::fs::write(dir.path().join("hostile.yaml"), record).unwrap();
    let report = report_for(dir.path(), "hostile.html", &["--record", "hostile.yaml"]);
    let Some(page) = open(&report) else { return };

    page.assert_quiet();
    assert_eq!(
        page.eval_number("document.querySelectorAll('img').length"),
        0.0
    );
    assert_eq!(
        page.eval_number("document.querySelectorAll('[onerror]').length"),
        0.0
    );
    assert_eq!(
        page.eval_number("document.querySelectorAll('circle.point').length"),
        1.0
    );
    let text = page.eval_string("document.body.innerText");
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the script tag is not shown as text: {text}"
    );
    assert!(
        text.contains("<img src=x onerror=alert(1)>"),
        "the img tag is not shown as text"
    );
    assert!(
        !text.contains('\u{202E}'),
        "a right-to-left override reached the page"
    );
    page.screenshot("hostile");
}

#[test]
fn svg_on_its_own_renders_with_a_viewbox() {
    let dir = tempfile::tempdir().unwrap();
    let chart = report_for(
        dir.path(),
        "chart.svg",
        &[
            "--horizon",
            "6m",
            "--facts",
            "7",
            "--assumptions",
            "3",
            "--format",
            "svg",
        ],
    );
    let Some(page) = open(&chart) else { return };

    assert_eq!(
        page.eval_string("document.documentElement.localName"),
        "svg"
    );
    assert!(page.eval_bool("document.documentElement.hasAttribute('viewBox')"));
    assert_eq!(
        page.eval_number("document.querySelectorAll('circle.point').length"),
        1.0
    );
    page.assert_quiet();
    page.screenshot("svg");
}

/// The console check must see what it is meant to catch: a page with the
/// report's policy that tries an inline script and an outside image.
#[test]
fn console_check_catches_a_blocked_script() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blocked.html");
    std::fs::write(
        &path,
        r#"<!DOCTYPE html>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>blocked</title>
<script>document.title = 'ran';</script>
<img src="https://calibrate.invalid/pixel.png" alt="">
"#,
    )
    .unwrap();
    let Some(page) = open(&path) else { return };

    assert_eq!(page.eval_string("document.title"), "blocked");
    let errors = page.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "no CSP violation seen: {errors:#?}"
    );
}

/// Every piece of text in the chart stays inside the drawing, even a long
/// initiative name at a quarter of the way across, or a point at an extreme.
#[test]
fn every_chart_label_stays_inside_the_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 3] = [
        &[
            "--name",
            "AI customer-service assistant for every market we serve",
            "--horizon",
            "6m",
            "--facts",
            "1",
            "--assumptions",
            "3",
        ],
        &[
            "--name",
            "Edge case",
            "--horizon",
            "1d",
            "--assumptions",
            "3",
        ],
        &[
            "--name",
            "A long-running energy transition scenario programme",
            "--horizon",
            "50y",
            "--facts",
            "3",
        ],
    ];
    for (i, args) in cases.iter().enumerate() {
        let mut args = args.to_vec();
        args.extend_from_slice(&["--format", "svg"]);
        let chart = report_for(dir.path(), &format!("chart-{i}.svg"), &args);
        let Some(page) = open(&chart) else { return };
        let outside = page.eval_number(
            "(() => { const box = document.documentElement.getBoundingClientRect(); \
             return [...document.querySelectorAll('text')].filter(t => { const r = t.getBoundingClientRect(); \
             return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5; }).length; })()",
        );
        assert_eq!(outside, 0.0, "case {i}: text outside the drawing");
        page.assert_quiet();
    }
}
