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

use crate::common::{portfolio_file, vote_in};
use headless_chrome::protocol::cdp::Browser as BrowserDomain;
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::types::{Bounds, PrintToPdfOptions};
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::io::{Read, Write};
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
pub(crate) struct Page {
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
pub(crate) fn launch() -> Option<Browser> {
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
            "--hide-scrollbars",
        ]
        .map(OsStr::new)
        .to_vec(),
        ..LaunchOptions::default()
    };
    Some(Browser::new(options).expect("headless Chromium starts"))
}

/// Runs the built binary with `args` in `dir`, and checks it succeeded.
/// A diagnosis close to both thresholds, with a declared playbook that
/// does not fit.
pub(crate) const BORDERLINE: &[&str] = &[
    "diagnose",
    "--name",
    "Claims triage pilot",
    "--horizon",
    "11m",
    "--facts",
    "5",
    "--assumptions",
    "5",
    "--current",
    "go-now",
];

pub(crate) fn calibrate(dir: &Path, args: &[&str]) {
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
pub(crate) fn open(path: &Path) -> Option<Page> {
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
pub(crate) fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
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
        self.eval_awaiting(expression, false)
    }

    /// Evaluates `expression`, waiting for the promise it returns, and
    /// returns the promised string.
    pub(crate) fn eval_promised(&self, expression: &str) -> String {
        match self.eval_awaiting(expression, true) {
            serde_json::Value::String(s) => s,
            other => panic!("{expression} did not promise a string: {other}"),
        }
    }

    fn eval_awaiting(&self, expression: &str, await_promise: bool) -> serde_json::Value {
        let result = self
            .tab
            .evaluate(expression, await_promise)
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

    pub(crate) fn eval_string(&self, expression: &str) -> String {
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

/// A report whose chart is checked in every way, and what it holds.
struct Case {
    name: String,
    html: PathBuf,
    svg: PathBuf,
    /// A diagnosis (with a page 1 to print), and whether it has a mismatch.
    diagnosis: bool,
    mismatch: bool,
}

/// Runs `calibrate ARGS -o NAME.html` and `-o NAME.svg` in `dir`.
fn case(dir: &Path, name: &str, args: &[&str], diagnosis: bool, mismatch: bool) -> Case {
    for ext in ["html", "svg"] {
        let mut all = args.to_vec();
        let file = format!("{name}.{ext}");
        all.extend_from_slice(&["-o", &file]);
        calibrate(dir, &all);
    }
    Case {
        name: name.to_string(),
        html: dir.join(format!("{name}.html")),
        svg: dir.join(format!("{name}.svg")),
        diagnosis,
        mismatch,
    }
}

/// Every example record, the Spanish pack on the mismatched one, and a
/// borderline case: close to both thresholds, with a declared playbook that
/// does not fit.
fn diagnosis_cases(dir: &Path) -> Vec<Case> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut cases = Vec::new();
    let mut records: Vec<PathBuf> = std::fs::read_dir(&examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    records.sort();
    assert_eq!(records.len(), 5, "the five example records");
    for record in &records {
        let name = record.file_stem().unwrap().to_str().unwrap();
        let record = record.to_str().unwrap();
        let mismatch = name.starts_with("klarna");
        cases.push(case(
            dir,
            name,
            &["diagnose", "--record", record],
            true,
            mismatch,
        ));
        if mismatch {
            cases.push(case(
                dir,
                &format!("{name}-es"),
                &["--pack", "es", "diagnose", "--record", record],
                true,
                true,
            ));
        }
    }
    // Words longer than any line: a name and a claim with no space to break at.
    let word = "Reconciliation".repeat(12);
    std::fs::write(
        dir.join("long-words.yaml"),
        format!(
            "initiative: {word}\nhorizon: 6m\ncurrent_playbook: go-now\nclaims:\n  - claim: {word}{word}\n    status: fact\n    evidence: vendor\n  - claim: Customers accept it\n    status: assumption\n"
        ),
    )
    .unwrap();
    cases.push(case(
        dir,
        "long-words",
        &["diagnose", "--record", "long-words.yaml"],
        true,
        true,
    ));
    cases.push(case(dir, "borderline", BORDERLINE, true, true));
    cases
}

/// A workshop where two people vote alike, one sits just inside the
/// 12-month line with a long name, and the consensus is borderline; named,
/// anonymous and in Spanish.
fn workshop_case(dir: &Path) -> Vec<Case> {
    calibrate(
        dir,
        &[
            "workshop",
            "new",
            "session.yaml",
            "--name",
            "Claims-handling copilot",
            "--claim",
            "Adjusters will trust the suggested settlements",
            "--claim",
            "Our claims data is clean enough to train on",
            "--claim",
            "Regulators accept automated triage",
            "--claim",
            "Adjusters have time to review every suggestion",
        ],
    );
    for (name, horizon, facts) in [
        ("Ana", "6m", &["c1", "c2"][..]),
        ("Fay (CFO)", "6m", &["c1", "c2"]),
        ("Ben Okafor, Head of Claims Operations", "11m", &["c2"]),
        ("Cy", "2y", &["c2", "c3"]),
        ("Dee", "18m", &[]),
        ("Eve", "13m", &["c2"]),
    ] {
        vote_in(dir, "session.yaml", name, horizon, facts);
    }
    vec![
        case(
            dir,
            "workshop",
            &["workshop", "report", "session.yaml"],
            false,
            false,
        ),
        case(
            dir,
            "workshop-anonymous",
            &["workshop", "report", "session.yaml", "--anonymous"],
            false,
            false,
        ),
        case(
            dir,
            "workshop-es",
            &["--pack", "es", "workshop", "report", "session.yaml"],
            false,
            false,
        ),
    ]
}

/// Portfolios of 5 (the examples), 50 and 400 initiatives, the larger two
/// also in Spanish, whose titles leave the least room beside the counts.
fn portfolio_cases(dir: &Path) -> Vec<Case> {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut cases = vec![case(
        dir,
        "portfolio-5",
        &["portfolio", examples],
        false,
        false,
    )];
    for n in [50, 400] {
        let file = portfolio_file(dir, n);
        let file = file.to_str().unwrap();
        cases.push(case(
            dir,
            &format!("portfolio-{n}"),
            &["portfolio", file],
            false,
            false,
        ));
        cases.push(case(
            dir,
            &format!("portfolio-{n}-es"),
            &["--pack", "es", "portfolio", file],
            false,
            false,
        ));
    }
    cases
}

/// What is wrong with the chart in the page, in words: text outside the
/// drawing, a title outside its quadrant, a label outside its point's
/// quadrant, a point outside the quadrant it stands for, text over text.
const CHART_PROBLEMS: &str = r#"(() => {
    const svg = document.querySelector('svg');
    const problems = [];
    const tol = 0.5;
    const inside = (a, b) => a.left >= b.left - tol && a.right <= b.right + tol
        && a.top >= b.top - tol && a.bottom <= b.bottom + tol;
    const show = el => `${el.getAttribute('class') || el.localName} "${el.textContent}"`;
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '');
    const boxes = texts.map(t => t.getBoundingClientRect());
    texts.forEach((t, i) => {
        if (!inside(boxes[i], frame)) problems.push(`${show(t)} leaves the drawing`);
    });
    const quadrants = [...svg.querySelectorAll('rect.quadrant')]
        .map(q => ({ id: q.dataset.quadrant, box: q.getBoundingClientRect() }));
    if (quadrants.length !== 4) problems.push(`${quadrants.length} quadrants`);
    const at = el => {
        const b = el.getBoundingClientRect();
        const x = b.left + b.width / 2, y = b.top + b.height / 2;
        return quadrants.find(q => x > q.box.left && x < q.box.right && y > q.box.top && y < q.box.bottom);
    };
    for (const t of svg.querySelectorAll('text.title')) {
        const q = quadrants.find(q => q.id === t.dataset.quadrant);
        if (!q || !inside(t.getBoundingClientRect(), q.box)) problems.push(`${show(t)} leaves its quadrant`);
    }
    for (const p of svg.querySelectorAll('[data-point]')) {
        const q = at(p);
        if (!q || q.id !== p.dataset.quadrant) problems.push(`point "${p.textContent}" is drawn outside ${p.dataset.quadrant}`);
    }
    for (const t of svg.querySelectorAll('text.label')) {
        const point = svg.querySelector(`[data-point="${t.dataset.for}"]`);
        const q = point && at(point);
        if (!q) problems.push(`${show(t)} has no point in a quadrant`);
        else if (!inside(t.getBoundingClientRect(), q.box)) problems.push(`${show(t)} leaves its point's quadrant ${q.id}`);
    }
    for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
            const a = boxes[i], b = boxes[j];
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > tol && h > tol) problems.push(`${show(texts[i])} overlaps ${show(texts[j])}`);
        }
    }
    return JSON.stringify(problems);
})()"#;

/// What is wrong with the page on a laptop or a projector: anything wider
/// than the screen, a table that must scroll sideways, or a chart taller
/// than the screen.
const SCREEN_PROBLEMS: &str = r#"(() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
        problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    }
    for (const box of document.querySelectorAll('.scroll')) {
        if (box.scrollWidth > box.clientWidth + 1) {
            problems.push(`a table needs ${box.scrollWidth}px of ${box.clientWidth}px`);
        }
    }
    const chart = document.querySelector('figure svg').getBoundingClientRect();
    if (chart.height > innerHeight) problems.push(`the chart is ${chart.height}px high on a ${innerHeight}px screen`);
    return JSON.stringify(problems);
})()"#;

/// What is wrong with the page on a phone: anything wider than the screen
/// (outside the boxes that scroll sideways), and chart text too small to read.
const PHONE_PROBLEMS: &str = r#"(() => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    if (document.documentElement.scrollWidth > width) {
        problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    }
    const scrolls = el => {
        for (let a = el.parentElement; a; a = a.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
        if (scrolls(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.left < -0.5 || r.right > width + 0.5) {
            problems.push(`${el.localName}.${el.getAttribute('class')} spans ${r.left.toFixed(0)}..${r.right.toFixed(0)}`);
        }
    }
    const svg = document.querySelector('figure svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
        const size = parseFloat(t.getAttribute('font-size')) * scale;
        if (size < 8.5) problems.push(`"${t.textContent}" is ${size.toFixed(1)}px high`);
    }
    return JSON.stringify(problems);
})()"#;

/// A4 less the report's print margins (12 mm and 13 mm top and bottom,
/// 13 mm each side), in CSS pixels: the room on one printed page.
const PAGE_WIDTH: f64 = 184.0 / 25.4 * 96.0;
const PAGE_HEIGHT: f64 = 272.0 / 25.4 * 96.0;

/// With print styles, where page 1's content ends: everything a board
/// needs on page 1 must end within one page.
const PAGE_ONE_PROBLEMS: &str = r#"(() => {
    const problems = [];
    const top = document.querySelector('main').getBoundingClientRect().top;
    for (const selector of ['h1', '.verdict', 'figure', '.mismatch', '.flips']) {
        const el = document.querySelector(selector);
        if (!el) continue;
        const bottom = el.getBoundingClientRect().bottom - top;
        if (bottom > PAGE) problems.push(`${selector} ends ${bottom.toFixed(0)}px down page 1, past ${PAGE.toFixed(0)}px`);
    }
    const details = document.querySelector('.details');
    if (!details || getComputedStyle(details).breakBefore !== 'page') problems.push('the details do not start a new page');
    for (const el of document.querySelectorAll('.mismatch, tr.downgraded td')) {
        if (getComputedStyle(el).printColorAdjust !== 'exact') problems.push(`${el.className} lets the printer drop its background`);
    }
    return JSON.stringify(problems);
})()"#;

impl Page {
    /// Runs a check that returns a JSON list of problems, and asserts it
    /// finds none.
    fn assert_no_problems(&self, check: &str, what: &str) {
        let problems: Vec<String> =
            serde_json::from_str(&self.eval_string(check)).expect("a JSON list");
        assert!(problems.is_empty(), "{what}: {problems:#?}");
    }

    /// Resizes the window, so the page lays out for another screen.
    fn resize(&self, width: f64, height: f64) {
        self.tab
            .set_bounds(Bounds::Normal {
                left: None,
                top: None,
                width: Some(width),
                height: Some(height),
            })
            .expect("the window resizes");
        wait_for("the new width", || {
            (self.eval_number("document.documentElement.clientWidth") - width.floor()).abs() <= 1.0
        });
    }

    /// Lays the page out for print (or back for the screen).
    fn print_media(&self, print: bool) {
        self.tab
            .call_method(Emulation::SetEmulatedMedia {
                media: Some(if print { "print" } else { "" }.to_string()),
                features: None,
            })
            .expect("print media");
    }
}

/// Checks one report's chart on a laptop, on a phone and on paper, and
/// keeps the screenshots.
fn assert_chart_tells_no_lies(case: &Case) {
    let Some(page) = open(&case.html) else { return };
    page.assert_quiet();
    page.assert_no_problems(CHART_PROBLEMS, &case.name);
    page.screenshot(&format!("{}-1280", case.name));

    // A projector.
    page.resize(1280.0, 720.0);
    page.assert_no_problems(SCREEN_PROBLEMS, &format!("{} at 1280x720", case.name));

    page.resize(400.0, 900.0);
    page.assert_no_problems(PHONE_PROBLEMS, &format!("{} at 400 px", case.name));
    page.screenshot(&format!("{}-400", case.name));

    if case.diagnosis {
        page.resize(PAGE_WIDTH.round(), 1200.0);
        page.print_media(true);
        let check = PAGE_ONE_PROBLEMS.replace("PAGE", &format!("{PAGE_HEIGHT:.1}"));
        page.assert_no_problems(&check, &format!("{} printed", case.name));
        page.print_media(false);
        assert_page_one_prints(&page, case);
    }
    drop(page);

    // The chart on its own, as a slide tool would take it.
    let Some(page) = open(&case.svg) else { return };
    page.assert_quiet();
    for attribute in ["width", "height", "viewBox"] {
        assert!(
            page.eval_bool(&format!(
                "document.documentElement.hasAttribute('{attribute}')"
            )),
            "{}.svg has no {attribute}",
            case.name
        );
    }
    page.assert_no_problems(CHART_PROBLEMS, &format!("{}.svg", case.name));
}

/// Prints page 1 alone to PDF as an ordinary print dialog does (background
/// graphics off) and finds the chart's quadrant colours and, when there is
/// one, the mismatch box's background among what it paints.
fn assert_page_one_prints(page: &Page, case: &Case) {
    let pdf = page
        .tab
        .print_to_pdf(Some(PrintToPdfOptions {
            print_background: Some(false),
            prefer_css_page_size: Some(true),
            page_ranges: Some("1".into()),
            ..PrintToPdfOptions::default()
        }))
        .expect("the page prints");
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(format!("{}-page-1.pdf", case.name)), &pdf).unwrap();
    let painted = pdf_fill_colours(&pdf);
    let colour = |css: &str| -> [f64; 3] {
        let numbers: Vec<f64> = css
            .trim_start_matches("rgb(")
            .trim_end_matches(')')
            .split(',')
            .map(|n| n.trim().parse::<f64>().unwrap() / 255.0)
            .collect();
        [numbers[0], numbers[1], numbers[2]]
    };
    let on_page = |rgb: [f64; 3]| {
        painted
            .iter()
            .any(|p| p.iter().zip(rgb).all(|(a, b)| (a - b).abs() < 0.003))
    };
    let quadrant = page.eval_string(
        "getComputedStyle(document.querySelector('rect.quadrant[data-quadrant=\"short-facts\"]')).fill",
    );
    assert!(
        on_page(colour(&quadrant)),
        "{}: page 1 has no chart ({quadrant} not painted)",
        case.name
    );
    if case.mismatch {
        let background = page
            .eval_string("getComputedStyle(document.querySelector('.mismatch')).backgroundColor");
        assert!(
            on_page(colour(&background)),
            "{}: page 1 does not print the mismatch box's background {background}",
            case.name
        );
    }
}

/// Every fill colour a PDF's content streams set (`r g b rg`).
fn pdf_fill_colours(pdf: &[u8]) -> Vec<[f64; 3]> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut colours = Vec::new();
    let mut rest = pdf;
    while let Some(at) = find(rest, b"stream") {
        let mut start = at + b"stream".len();
        if rest[start..].starts_with(b"\r\n") {
            start += 2;
        } else if rest[start..].starts_with(b"\n") {
            start += 1;
        } else {
            rest = &rest[start..];
            continue;
        }
        let Some(length) = find(&rest[start..], b"endstream") else {
            break;
        };
        let mut text = Vec::new();
        if flate2::read::ZlibDecoder::new(&rest[start..start + length])
            .read_to_end(&mut text)
            .is_ok()
        {
            let text = String::from_utf8_lossy(&text);
            let tokens: Vec<&str> = text.split_whitespace().collect();
            for (i, token) in tokens.iter().enumerate().skip(3) {
                if matches!(*token, "rg" | "sc" | "scn") {
                    let numbers: Vec<f64> = tokens[i - 3..i]
                        .iter()
                        .filter_map(|n| n.parse().ok())
                        .collect();
                    if let [r, g, b] = numbers[..] {
                        colours.push([r, g, b]);
                    }
                }
            }
        }
        rest = &rest[start + length + b"endstream".len()..];
    }
    colours
}

#[test]
fn diagnosis_charts_tell_no_lies_on_screen_phone_and_paper() {
    let dir = tempfile::tempdir().unwrap();
    for case in diagnosis_cases(dir.path()) {
        assert_chart_tells_no_lies(&case);
    }
}

#[test]
fn workshop_charts_tell_no_lies_on_screen_and_phone() {
    let dir = tempfile::tempdir().unwrap();
    for case in workshop_case(dir.path()) {
        assert_chart_tells_no_lies(&case);
    }
}

#[test]
fn portfolio_charts_tell_no_lies_on_screen_and_phone() {
    let dir = tempfile::tempdir().unwrap();
    for case in portfolio_cases(dir.path()) {
        assert_chart_tells_no_lies(&case);
    }
}
