//! What reaches a terminal or a CI log: whatever a record holds, no control
//! character from it gets into GitHub annotations, the text report or an
//! error line, and every GitHub line is one workflow command. The escaping
//! functions are held to the same on any text.
#![no_main]

use calibrate::check::{self, CheckReport, FileResult, Outcome};
use calibrate::diagnosis::diagnose;
use calibrate::framework::Framework;
use calibrate::packs;
use calibrate::record::Record;
use calibrate::render::sanitize;
use calibrate::render::{self, Format, TextStyle};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static FRAMEWORK: LazyLock<Framework> =
    LazyLock::new(|| packs::embedded().expect("the built-in pack loads"));

/// No control character but the line ends a report is made of.
fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("{what} holds U+{:04X}: {text:?}", c as u32);
    }
}

/// Every line a workflow command, with nothing else on the line.
fn assert_commands(text: &str) {
    assert_clean("GitHub output", text);
    for line in text.lines() {
        assert!(
            line.starts_with("::error ") || line.starts_with("::notice "),
            "not a workflow command: {line:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The escaping functions, on any text.
    let terminal = sanitize::terminal(&text);
    assert!(!terminal.chars().any(sanitize::is_invisible), "{terminal:?}");
    assert_clean("github data", &sanitize::github_data(&text));
    assert_clean("github property", &sanitize::github_property(&text));
    assert!(!sanitize::github_property(&text).contains([',', ':']));
    assert_clean("plain text", &sanitize::plain(&text).replace('\n', "?"));
    assert!(!sanitize::plain(&text).contains('\n'));
    assert!(!sanitize::mermaid_label(&text).contains("%%"));
    let xml = sanitize::xml(&text);
    assert!(!xml.contains(['\u{fffe}', '\u{ffff}']) && !xml.chars().any(char::is_control));

    // A record, through check, in the formats a terminal and CI show.
    let framework = &*FRAMEWORK;
    let today = jiff::civil::date(2026, 1, 1);
    let outcome = match Record::parse("fuzz.yaml", &text, framework, today) {
        Err(problems) => {
            for problem in &problems.0 {
                assert_clean("an error line", &sanitize::terminal(&problem.to_string()));
            }
            Outcome::Invalid(problems)
        }
        Ok(parsed) => {
            let Ok(answers) = parsed.value.clone().into_answers(framework, today) else {
                return;
            };
            let Ok(diagnosis) = diagnose(framework, &answers) else {
                return;
            };
            let findings = check::check(framework, &parsed.value, &parsed.at, &diagnosis, today, true);
            // The diagnosis borrows the answers; render before they go.
            let report = CheckReport {
                today,
                strict: true,
                files: vec![FileResult {
                    path: &text,
                    outcome: Outcome::Checked {
                        diagnosis: Box::new(diagnosis),
                        findings,
                    },
                }],
                skipped: vec![text.to_string()],
            };
            render_and_check(framework, &report);
            return;
        }
    };
    let report = CheckReport {
        today,
        strict: false,
        files: vec![FileResult {
            path: &text,
            outcome,
        }],
        skipped: vec![text.to_string()],
    };
    render_and_check(framework, &report);
});

fn render_and_check(framework: &Framework, report: &CheckReport) {
    let style = TextStyle {
        color: false,
        width: 100,
        brief: false,
    };
    let github = render::check(Format::Github, framework, style, report).expect("renders");
    assert_commands(&github);
    let text = render::check(Format::Text, framework, style, report).expect("renders");
    assert_clean("the text report", &text);
}
