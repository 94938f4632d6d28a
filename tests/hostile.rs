//! Text from users and packs can carry markup, quotes, pipes, backticks,
//! newlines, terminal escapes and right-to-left overrides. In every format
//! it stays text: it cannot change what the reader sees outside itself.

use crate::common;
use common::{pack_copy, run};

/// Everything at once, as a YAML double-quoted string.
const NASTY: &str = r#"<script>alert(1)</script> \"quoted\" 'single' & | pipe | `tick` [link](x) \e[31mred\e[0m \u202Eevil\u202C line\nbreak <img src=x onerror=alert(1)>"#;

fn record(dir: &std::path::Path) -> String {
    let text = format!(
        "initiative: \"{NASTY}\"\nhorizon: 6m\ncurrent_playbook: go-now\nnotes: \"{NASTY}\"\nclaims:\n  - claim: \"{NASTY} one\"\n    status: fact\n    evidence: vendor\n    source: \"{NASTY}\"\n  - claim: \"{NASTY} two\"\n    status: assumption\n"
    );
    let path = dir.join("hostile.yaml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn render(file: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["--record", file];
    args.extend_from_slice(extra);
    diagnose(format, &args)
}

fn diagnose(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["diagnose", "--format", format, "--color", "always"];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.code, 0, "{format}: {}", out.stderr);
    out.stdout
}

/// No escape byte but our own colour codes, no bidirectional override.
fn assert_terminal_safe(text: &str) {
    for (i, _) in text.match_indices('\u{1b}') {
        let rest = &text[i..];
        let ours = [
            "\u{1b}[0m",
            "\u{1b}[1m",
            "\u{1b}[2m",
            "\u{1b}[32m",
            "\u{1b}[33m",
            "\u{1b}[31m",
        ];
        assert!(
            ours.iter().any(|code| rest.starts_with(code)),
            "foreign escape at {:?}",
            &rest[..rest.len().min(12)]
        );
    }
    assert!(
        !text.contains("\u{1b}[31mred"),
        "the user's own colour code survived"
    );
    assert!(!text.contains('\u{202E}') && !text.contains('\u{202C}'));
}

#[test]
fn text_strips_escapes_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let file = record(dir.path());
    let text = render(&file, "text", &[]);
    assert_terminal_safe(&text);
    assert!(text.contains("<script>alert(1)</script>"), "shown as text");
}

#[test]
fn markdown_keeps_one_chart_point_and_whole_table_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = record(dir.path());
    let md = render(&file, "markdown", &[]);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202E}'));
    assert!(
        !md.contains("<script>"),
        "markup is escaped, in the chart too"
    );
    let chart = md
        .split("```mermaid\n")
        .nth(1)
        .unwrap()
        .split("\n```")
        .next()
        .unwrap();
    let points: Vec<&str> = chart.lines().filter(|l| l.contains(": [")).collect();
    assert_eq!(points.len(), 1, "{chart}");
    let label = points[0].trim();
    assert!(
        label.starts_with('"') && label.matches('"').count() == 2,
        "one quoted label: {label}"
    );
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && (l.contains(" one |") || l.contains(" two |")))
        .collect();
    assert_eq!(rows.len(), 2, "both claims in the table");
    for row in rows {
        let unescaped = row
            .match_indices('|')
            .filter(|(i, _)| *i == 0 || &row[i - 1..*i] != "\\")
            .count();
        assert_eq!(unescaped, 6, "five cells: {row}");
    }
}

#[test]
fn html_has_no_live_markup() {
    let dir = tempfile::tempdir().unwrap();
    let file = record(dir.path());
    let html = render(&file, "html", &[]);
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img"), "no image element");
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202E}'));
}

#[test]
fn svg_is_well_formed_with_one_point() {
    let dir = tempfile::tempdir().unwrap();
    let file = record(dir.path());
    let svg = render(&file, "svg", &[]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
    let points = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("point"))
        .count();
    assert_eq!(points, 1);
    assert!(doc.root_element().attribute("viewBox").is_some());
}

#[test]
fn json_keeps_the_text_exactly_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = record(dir.path());
    let v: serde_json::Value = serde_json::from_str(&render(&file, "json", &[])).unwrap();
    let name = v["initiative"].as_str().unwrap();
    assert!(name.starts_with("<script>alert(1)</script> \"quoted\""));
    assert!(
        name.contains('\n'),
        "JSON is data: the newline is kept, escaped by JSON itself"
    );
}

#[test]
fn a_hostile_pack_is_just_as_harmless() {
    let pack = pack_copy();
    let file = pack.path().join("go-now.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let nasty_yaml = format!("name: \"{NASTY}\"");
    std::fs::write(&file, text.replacen("name: \"Go NOW!\"", &nasty_yaml, 1)).unwrap();
    let dir = pack.path().to_str().unwrap();
    let args = [
        "--playbooks",
        dir,
        "--horizon",
        "6m",
        "--facts",
        "7",
        "--assumptions",
        "3",
    ];
    for format in ["text", "markdown", "html", "svg"] {
        let rendered = diagnose(format, &args);
        assert!(!rendered.contains('\u{202E}'), "{format}");
        if format == "text" {
            assert_terminal_safe(&rendered);
        } else {
            // Markdown escapes with a backslash; the others with entities.
            assert!(!rendered.replace("\\<", "").contains("<script"), "{format}");
        }
    }
}

/// Runs `args`, returning what it printed.
fn calibrate_in(dir: &std::path::Path, args: &[&str]) -> common::Run {
    let output = common::calibrate()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn every_github_line_is_one_escaped_workflow_command() {
    let dir = tempfile::tempdir().unwrap();
    let klarna = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/klarna-customer-service.yaml"
    );
    std::fs::copy(klarna, dir.path().join("k.yaml")).unwrap();
    // A file that is not a record, named to inject a command of its own.
    std::fs::write(
        dir.path().join("evil\n::error file=x::forged.yaml"),
        "name: x\n",
    )
    .unwrap();
    let out = calibrate_in(dir.path(), &["check", ".", "--format", "github"]);
    assert_eq!(
        out.stdout,
        "::error file=./k.yaml,line=9,title=calibrate::declared go-now, but 88%25 of the plan's weight rests on assumptions (vendor evidence is not a fact): diagnosed discovery (premature action if it stays)\n\
         ::notice title=calibrate::1 record: 0 pass, 1 fails. Skipped 1 YAML file that is not a decision record: ./evil%0A::error file=x::forged.yaml.\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn stderr_shows_hostile_text_without_acting_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let made = calibrate_in(
        dir.path(),
        &[
            "workshop", "new", "s.yaml", "--name", "X", "--claim", "A", "--claim", "B",
        ],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    // A name's escapes and line break are gone from the saved name.
    let vote = calibrate_in(
        dir.path(),
        &[
            "workshop",
            "vote",
            "s.yaml",
            "--participant",
            "Ana\u{1b}]0;pwned\u{7}\nOK: all records pass",
            "--horizon",
            "6m",
        ],
    );
    assert_eq!(
        vote.stderr,
        "Saved Ana]0;pwned OK: all records pass's vote in s.yaml (1 voted).\n"
    );
    // What is quoted back in an error is shown, not obeyed.
    let fact = calibrate_in(
        dir.path(),
        &[
            "workshop",
            "vote",
            "s.yaml",
            "--participant",
            "Ben",
            "--horizon",
            "6m",
            "--fact",
            "c9\u{1b}[2J\nOK: all records pass",
        ],
    );
    common::assert_input_error(
        &fact,
        "there is no claim 'c9\\u{1b}[2J\\nOK: all records pass': use one of c1, c2",
    );
    // A look-alike id shows how it differs.
    let current = calibrate_in(
        dir.path(),
        &[
            "diagnose",
            "--horizon",
            "6m",
            "--facts",
            "1",
            "--current",
            "go-now\u{200b}",
        ],
    );
    common::assert_input_error(
        &current,
        "unknown playbook 'go-now\\u{200b}': did you mean 'go-now'?",
    );
}

#[test]
fn names_that_look_the_same_are_one_person_and_invisible_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let made = calibrate_in(
        dir.path(),
        &["workshop", "new", "s.yaml", "--name", "X", "--claim", "A"],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let vote = |name: &str| {
        calibrate_in(
            dir.path(),
            &[
                "workshop",
                "vote",
                "s.yaml",
                "--participant",
                name,
                "--horizon",
                "6m",
            ],
        )
    };
    assert_eq!(
        vote("Ana").stderr,
        "Saved Ana's vote in s.yaml (1 voted).\n"
    );
    assert_eq!(
        vote("Ana\u{200b}").stderr,
        "Replaced Ana's earlier vote in s.yaml (1 voted).\n"
    );
    assert_eq!(
        vote("ＡＮＡ").stderr,
        "Replaced Ana's earlier vote in s.yaml (1 voted).\n"
    );
    assert_eq!(
        vote("Jose\u{301}").stderr,
        "Saved José's vote in s.yaml (2 voted).\n"
    );
    assert_eq!(
        vote("José").stderr,
        "Replaced José's earlier vote in s.yaml (2 voted).\n"
    );
    common::assert_input_error(
        &vote("\u{200b}\u{202e}"),
        "the participant's name '\\u{200b}\\u{202e}' shows nothing: pass --participant with a name people can read",
    );
}

#[test]
fn a_hostile_pack_name_is_shown_harmlessly_by_validate() {
    let pack = pack_copy();
    let file = pack.path().join("framework.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("\nname: ").unwrap() + 1;
    let end = start + text[start..].find('\n').unwrap();
    let hostile = "name: \"Evil\\e]0;title\\a\\nOK: all records pass\"";
    std::fs::write(
        &file,
        format!("{}{hostile}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    let dir = pack.path().to_str().unwrap();
    let out = run(&["playbooks", "validate", dir]);
    assert_eq!(
        out.stdout,
        format!(
            "{dir}: a valid pack (Evil\\u{{1b}}]0;title\\u{{7}}\\nOK: all records pass 1.0) with 4 playbooks: go-now, predictable, discovery, resilient\n"
        )
    );
}

#[test]
fn markdown_keeps_addresses_and_directives_as_text() {
    let md = diagnose(
        "markdown",
        &[
            "--name",
            "Ana www.evil.com https://evil.com/x ana@evil.com %%{init: {'theme':'dark'}}%%",
            "--horizon",
            "6m",
            "--facts",
            "1",
        ],
    );
    let mut lines = md.lines();
    assert_eq!(
        lines.next().unwrap(),
        "# Ana www\\.evil.com https\\://evil.com/x ana@<!-- -->evil.com %%{init: {'theme':'dark'}}%%"
    );
    // The label is cut to fit its half of the chart.
    let point = md.lines().find(|l| l.contains(": [0.")).unwrap();
    assert_eq!(
        point,
        "    \"Ana www.evil.com https://evil.com/x ana@e…\":::plain: [0.25, 0.90]"
    );
    let short = diagnose(
        "markdown",
        &[
            "--name",
            "%%{init: {}}%%",
            "--horizon",
            "6m",
            "--facts",
            "1",
        ],
    );
    let point = short.lines().find(|l| l.contains(": [0.")).unwrap();
    assert_eq!(point, "    \"% %{init: {}}% %\":::plain: [0.25, 0.90]");
    let chart = md
        .split("```mermaid")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    assert!(!chart.contains("%%"), "no directive in the chart: {chart}");
}

#[test]
fn characters_xml_refuses_are_left_out_of_the_svg() {
    let svg = diagnose(
        "svg",
        &[
            "--name",
            "A\u{fffe}B\u{ffff}C",
            "--horizon",
            "6m",
            "--facts",
            "1",
        ],
    );
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let title = doc
        .descendants()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|n| n.text())
        .unwrap();
    assert!(title.contains("ABC"), "{title}");
}
