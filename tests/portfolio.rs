//! `calibrate portfolio`: many initiatives on one 2x2, one broken initiative
//! named while the rest are placed, and agreement with the reference script.

use crate::common;
use common::run;
use std::path::Path;

fn generate(dir: &Path, n: usize) -> String {
    common::portfolio_file(dir, n).to_str().unwrap().to_string()
}

#[test]
fn every_playbook_agrees_with_the_reference_script() {
    let dir = tempfile::tempdir().unwrap();
    let file = generate(dir.path(), 400);
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/reference_portfolio.py");
    let theirs = std::process::Command::new("python3")
        .arg(reference)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        theirs.status.success(),
        "{}",
        String::from_utf8_lossy(&theirs.stderr)
    );
    let theirs: serde_json::Value = serde_json::from_slice(&theirs.stdout).unwrap();
    let ours = run(&["portfolio", &file, "--format", "json"]);
    assert_eq!(ours.code, 0, "{}", ours.stderr);
    let ours: serde_json::Value = serde_json::from_str(&ours.stdout).unwrap();
    let (a, b) = (
        theirs["initiatives"].as_array().unwrap(),
        ours["initiatives"].as_array().unwrap(),
    );
    assert_eq!(a.len(), 400);
    assert_eq!(a.len(), b.len());
    for (theirs, ours) in a.iter().zip(b) {
        assert_eq!(theirs["initiative"], ours["initiative"], "input order");
        assert_eq!(
            theirs["playbook"], ours["playbook"],
            "{}",
            ours["initiative"]
        );
        assert_eq!(
            theirs["mismatch"], ours["mismatch"],
            "{}",
            ours["initiative"]
        );
        let (x, y) = (
            theirs["knowledge_score"].as_f64().unwrap(),
            ours["knowledge_score"].as_f64().unwrap(),
        );
        assert!((x - y).abs() < 1e-4, "{}: {x} vs {y}", ours["initiative"]);
    }
    let counts = &ours["counts"];
    let total: u64 = ["go-now", "predictable", "discovery", "resilient"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum();
    assert_eq!(total, 400);
}

/// The line (1-based) of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// A generated portfolio of 500 with initiative 250 changed by `change`,
/// run as JSON: the run, the file's name and its text.
fn break_one_of_500(change: impl Fn(&str) -> String) -> (common::Run, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = generate(dir.path(), 500);
    let text = change(&std::fs::read_to_string(&file).unwrap());
    std::fs::write(&file, &text).unwrap();
    let out = run(&["portfolio", &file, "--format", "json"]);
    (out, file, text)
}

/// The initiatives a JSON portfolio lists, by name.
fn names(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    v["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["initiative"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn one_broken_initiative_among_500_is_named_and_the_rest_are_placed() {
    let (out, file, text) = break_one_of_500(|text| {
        let at = text.find("Initiative 000250").unwrap();
        let horizon = at + text[at..].find("horizon: ").unwrap() + "horizon: ".len();
        let end = horizon + text[horizon..].find('\n').unwrap();
        format!("{}soon{}", &text[..horizon], &text[end..])
    });
    let line = line_of(&text, "Initiative 000250") + 1;
    let name = text.lines().nth(line - 2).unwrap();
    let name = name.split('"').nth(1).unwrap();
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        format!(
            "error: {file}:{line}:14: initiative \"{name}\": horizon: 'soon' is not a duration: use a number and a unit, such as 6m, 18 months or 2y, or a deadline such as 2027-06-30\n"
        )
    );
    let placed = names(&out.stdout);
    assert_eq!(placed.len(), 499);
    assert!(!placed.iter().any(|n| n.starts_with("Initiative 000250")));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 1);
}

#[test]
fn one_initiative_among_500_that_is_not_valid_yaml_is_named_and_the_rest_are_placed() {
    // An unclosed quote: the parser reads to the end of the file looking
    // for its end, and says where it started.
    let (out, file, text) = break_one_of_500(|text| {
        let at = text.find("Initiative 000250").unwrap();
        let claim = at + text[at..].find("- claim: \"").unwrap() + "- claim: ".len();
        format!("{}'{}", &text[..claim], &text[claim + 1..])
    });
    let start = line_of(&text, "Initiative 000250");
    let quote = text
        .lines()
        .skip(start)
        .position(|l| l.contains("- claim: '"))
        .unwrap()
        + start
        + 1;
    let end = text.lines().count() + 1;
    let name = text.lines().nth(start - 1).unwrap();
    let name = name.split('"').nth(1).unwrap();
    assert_eq!(
        out.stderr,
        format!(
            "error: {file}:{end}:1: initiative \"{name}\": found unexpected end of stream, while scanning a quoted scalar at line {quote} column 16\n"
        )
    );
    assert_eq!(out.code, 2);
    let placed = names(&out.stdout);
    assert_eq!(placed.len(), 499);
    assert!(!placed.iter().any(|n| n.starts_with("Initiative 000250")));
}

#[test]
fn folders_of_records_work_and_fail_on_mismatch_names_the_exit() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let examples = examples.to_str().unwrap();
    let out = run(&["portfolio", examples, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["initiatives"].as_array().unwrap().len(), 17);
    assert_eq!(v["counts"]["discovery"], 5);
    let klarna = v["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["mismatch"] == true)
        .unwrap();
    assert_eq!(klarna["initiative"], "AI customer-service assistant");
    assert_eq!(klarna["declared"], "go-now");
    let strict = run(&["portfolio", examples, "--fail-on-mismatch"]);
    assert_eq!(strict.code, 1);
    let (_, counts) = strict.stdout.split_once("Count per playbook\n").unwrap();
    assert_eq!(
        counts,
        "  Go NOW!               4\n  Predictable Planning  4\n  Discovery Planning    5\n  Resilient Strategy    4\n\nMismatches (1)\n  ! AI customer-service assistant: declared Go NOW!, diagnosed Discovery Planning\n"
    );
}

#[test]
fn text_shows_counts_in_the_grid_sorted_rows_and_mismatches() {
    let dir = tempfile::tempdir().unwrap();
    let file = generate(dir.path(), 30);
    let out = run(&["portfolio", &file]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("initiatives"));
    assert!(out.stdout.contains("Count per playbook"));
    assert!(
        out.stdout.lines().all(|l| !l.ends_with(' ')),
        "no trailing spaces"
    );
    assert!(
        out.stderr.is_empty(),
        "no progress output in a pipe: {}",
        out.stderr
    );
}

#[test]
fn html_svg_and_markdown_plot_the_initiatives() {
    let dir = tempfile::tempdir().unwrap();
    let file = generate(dir.path(), 40);
    let svg = run(&["portfolio", &file, "--format", "svg"]).stdout;
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Dense: one small dot per initiative, mismatches among them as rings.
    let points = |class: &str| {
        doc.descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == class))
            })
            .count()
    };
    assert_eq!(points("point"), 40);
    assert!(points("mismatch") > 0);
    let html = run(&["portfolio", &file, "--format", "html"]).stdout;
    assert!(html.contains("Portfolio: 40 initiatives") && !html.contains("<script"));
    let md = run(&["portfolio", &file, "--format", "markdown"]).stdout;
    let chart = md
        .split("```mermaid\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    assert_eq!(chart.lines().filter(|l| l.contains(": [")).count(), 40);
}

/// A portfolio file in a temporary folder, named `name`.
fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// One initiative as an item of a block list.
fn item(name: &str, horizon: &str) -> String {
    format!(
        "  - initiative: {name}\n    horizon: {horizon}\n    claims:\n      - claim: Our volumes are stable\n        status: fact\n        evidence: measured\n"
    )
}

#[test]
fn a_portfolio_file_holds_only_initiatives() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "title: Q3\ninitiatives:\n{}owner: Strategy office\n",
        item("A", "6m")
    );
    let path = file(&dir, "p.yaml", &text);
    let out = run(&["portfolio", &path, "--format", "json"]);
    let field = "unknown top-level field: a portfolio file holds only `initiatives:`, a list of decision records";
    assert_eq!(
        out.stderr,
        format!("error: {path}:1:1: {field}\nerror: {path}:9:1: {field}\n")
    );
    assert_eq!(out.code, 2);
    // The initiatives themselves are still placed.
    assert_eq!(names(&out.stdout), ["A"]);
}

#[test]
fn an_empty_list_a_second_list_and_a_second_document_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (text, error) in [
        (
            "initiatives: []\n".to_string(),
            "1:1: initiatives is empty: list at least one decision record",
        ),
        (
            "# nothing yet\ninitiatives:\n".to_string(),
            "2:1: initiatives is empty: list at least one decision record",
        ),
        (
            "initiatives:\n  first: A\n".to_string(),
            "2:3: initiatives must be a list: start each initiative with `- `",
        ),
        (
            format!(
                "initiatives:\n{}initiatives:\n{}",
                item("A", "6m"),
                item("B", "2y")
            ),
            "8:1: `initiatives:` is given a second time here: list every initiative under one `initiatives:`",
        ),
        (
            format!(
                "---\ninitiatives:\n{}---\ninitiatives:\n{}",
                item("A", "6m"),
                item("B", "2y")
            ),
            "9:1: a second YAML document starts here: a portfolio file is one document, with every initiative under one `initiatives:`",
        ),
    ] {
        let path = file(&dir, "p.yaml", &text);
        let out = run(&["portfolio", &path, "--format", "json"]);
        assert_eq!(out.stderr, format!("error: {path}:{error}\n"), "{text}");
        assert_eq!(out.code, 2);
    }
}

#[test]
fn an_alias_that_cannot_be_resolved_is_refused_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "initiatives:\n{}  - initiative: B\n    horizon: 6m\n    claims: *shared\n{}",
        item("A", "6m"),
        item("C", "2y")
    );
    let path = file(&dir, "p.yaml", &text);
    let out = run(&["portfolio", &path, "--format", "json"]);
    assert_eq!(
        out.stderr,
        format!(
            "error: {path}:10:13: initiative \"B\": unknown anchor: *shared is not defined before it is used (anchors from earlier initiatives are kept up to 1 MB in all)\n"
        )
    );
    assert_eq!(out.code, 2);
    assert_eq!(names(&out.stdout), ["A", "C"]);
    // An alias inside the very node its anchor names cannot be read either.
    let text = format!(
        "initiatives:\n  - &loop\n    initiative: Loop\n    horizon: 6m\n    claims: [*loop]\n{}",
        item("C", "2y")
    );
    let path = file(&dir, "p.yaml", &text);
    let out = run(&["portfolio", &path, "--format", "json"]);
    assert_eq!(
        out.stderr,
        format!(
            "error: {path}:5:14: initiative \"Loop\": *loop is inside the node &loop names: an alias cannot refer to what holds it\n"
        )
    );
    assert_eq!(names(&out.stdout), ["C"]);
}

#[test]
fn nesting_past_64_inside_one_initiative_names_it_and_places_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "  - initiative: Deep\n    horizon: 6m\n    claims: {}{}\n",
        "[".repeat(65),
        "]".repeat(65)
    );
    let text = format!("initiatives:\n{}{deep}{}", item("A", "6m"), item("C", "2y"));
    let path = file(&dir, "p.yaml", &text);
    let out = run(&["portfolio", &path, "--format", "json"]);
    // The initiative is the first level, so its 64th bracket is one too many.
    assert_eq!(
        out.stderr,
        format!(
            "error: {path}:10:76: initiative \"Deep\": nested more than 64 levels deep; calibrate's files need only a few\n"
        )
    );
    assert_eq!(names(&out.stdout), ["A", "C"]);
    // 64 levels inside one initiative are fine.
    let fine = format!(
        "  - initiative: Fine\n    horizon: 6m\n    notes: {}{}\n    claims:\n      - claim: x\n        status: fact\n",
        "[".repeat(63),
        "]".repeat(63)
    );
    let path = file(&dir, "fine.yaml", &format!("initiatives:\n{fine}"));
    let out = run(&["portfolio", &path, "--format", "json"]);
    assert_eq!(
        out.stderr,
        format!(
            "error: {path}:4:12: initiative \"Fine\": notes: invalid type: sequence, expected a string\n"
        )
    );
}

#[test]
fn an_initiative_over_a_record_s_size_is_named_and_the_rest_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "  - initiative: Big\n    horizon: 6m\n    notes: {}\n    claims: []\n",
        "x".repeat(1_200_000)
    );
    let text = format!("initiatives:\n{}{big}{}", item("A", "6m"), item("C", "2y"));
    let path = file(&dir, "p.yaml", &text);
    let out = run(&["portfolio", &path, "--format", "json"]);
    assert_eq!(
        out.stderr,
        format!(
            "error: {path}:8:5: initiative \"Big\": the initiative here is too large (1.1 MB); a decision record may be at most 1 MB\n"
        )
    );
    assert_eq!(names(&out.stdout), ["A", "C"]);
}

#[test]
fn text_that_is_not_utf8_is_refused_as_the_file_s_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = format!("initiatives:\n{}", item("A", "6m")).into_bytes();
    let bad = bytes.len() + 17;
    bytes.extend(b"  - initiative: \xff\n");
    let path = dir.path().join("p.yaml");
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_str().unwrap();
    let out = run(&["portfolio", path, "--format", "json"]);
    assert_eq!(
        out.stderr,
        format!("error: {path}: is not UTF-8 text (byte {bad}); save it as UTF-8\n")
    );
    assert_eq!(out.code, 2);
}

#[test]
fn a_portfolio_on_standard_input_is_read_as_a_stream_too() {
    let text = format!("initiatives:\n{}{}", item("A", "6m"), item("B", "2y"));
    let out = common::Test::new(&["portfolio", "-", "--format", "json"])
        .stdin(text)
        .run();
    assert_eq!(names(&out.stdout), ["A", "B"]);
}

/// What the reference script (PyYAML) makes of `file`: its initiatives'
/// names, playbooks, mismatches and knowledge scores. `None`, saying so,
/// when python3 or PyYAML is missing (which CI does not allow).
fn reference(file: &str) -> Option<Vec<(String, String, bool, f64)>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/reference_portfolio.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(file)
        .output();
    let missing = match &output {
        Err(err) => Some(format!("python3 cannot be run: {err}")),
        Ok(out) if String::from_utf8_lossy(&out.stderr).contains("No module named 'yaml'") => {
            Some("PyYAML is not installed".to_string())
        }
        Ok(_) => None,
    };
    if let Some(why) = missing {
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("skipped: {why}");
        return None;
    }
    let output = output.unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(rows(&String::from_utf8(output.stdout).unwrap()))
}

/// The rows of a JSON portfolio as the reference script writes them.
fn rows(json: &str) -> Vec<(String, String, bool, f64)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["initiative"].as_str().unwrap().to_string(),
                i["playbook"].as_str().unwrap().to_string(),
                i["mismatch"].as_bool().unwrap(),
                (i["knowledge_score"].as_f64().unwrap() * 1e4).round() / 1e4,
            )
        })
        .collect()
}

/// Requires calibrate to read `text` without a problem and to find the
/// initiatives the reference script finds, with the same playbooks.
fn agrees_with_the_reference(text: &str, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "p.yaml", text);
    let out = run(&["portfolio", &path, "--format", "json"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{text}");
    let ours = rows(&out.stdout);
    let names: Vec<&str> = ours.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, expected, "{text}");
    if let Some(theirs) = reference(&path) {
        assert_eq!(ours, theirs, "{text}");
    }
}

#[test]
fn valid_yaml_of_any_style_gives_the_initiatives_pyyaml_gives() {
    // A quoted note that holds a line like an item is text, not an item.
    agrees_with_the_reference(
        &format!(
            "initiatives:\n  - initiative: Quoted\n    horizon: 6m\n    notes: \"one\n  - initiative: Phantom\n    horizon: 2y\"\n    current_playbook: go-now\n    claims:\n      - claim: x\n        status: fact\n        evidence: measured\n{}",
            item("B", "2y")
        ),
        &["Quoted", "B"],
    );
    // Flow style, on one line or several.
    agrees_with_the_reference(
        "{initiatives: [{initiative: A, horizon: 6m, claims: [{claim: x, status: fact, evidence: measured}]},\n  {initiative: B, horizon: 2y, current_playbook: go-now,\n claims: [{claim: y, status: assumption}]}]}\n",
        &["A", "B"],
    );
    // Anchors shared between initiatives, down to a whole initiative.
    agrees_with_the_reference(
        "initiatives:\n  - initiative: A\n    horizon: &h 6m\n    claims: &common\n      - claim: x\n        status: fact\n        evidence: measured\n      - claim: y\n        status: assumption\n  - initiative: B\n    horizon: 2y\n    claims: *common\n  - &c\n    initiative: C\n    horizon: *h\n    claims: *common\n  - *c\n",
        &["A", "B", "C", "C"],
    );
    // Document markers and comments anywhere.
    agrees_with_the_reference(
        &format!(
            "# Q3 portfolio\n---\ninitiatives:   # every one\n  # the first\n{}\n  # the second\n{}...\n# the end\n",
            item("A", "6m"),
            item("B", "2y")
        ),
        &["A", "B"],
    );
    // Windows line ends, a byte-order mark, and tabs inside text.
    let crlf =
        format!("initiatives:\n{}{}", item("A", "6m"), item("B", "2y")).replace('\n', "\r\n");
    agrees_with_the_reference(&crlf, &["A", "B"]);
    agrees_with_the_reference(
        &format!("\u{feff}initiatives:\n{}", item("A", "6m")),
        &["A"],
    );
    agrees_with_the_reference(
        "initiatives:\n  - initiative: \"Tab\there\"\n    horizon: 6m\n    notes: \"a\tb\"\n    claims:\n      - claim: \"x\ty\"\n        status: fact\n        evidence: measured\n",
        &["Tab\there"],
    );
    // A list level with its key, and an item whose content starts below
    // its dash.
    agrees_with_the_reference(
        "initiatives:\n- initiative: A\n  horizon: 6m\n  claims:\n  - {claim: x, status: fact, evidence: measured}\n-\n  initiative: B\n  horizon: 2y\n  claims:\n  - claim: y\n    status: assumption\n",
        &["A", "B"],
    );
}

#[test]
fn a_large_portfolio_read_on_every_core_agrees_with_the_reference_script() {
    // Large enough to be split between cores; near its middle a quoted
    // note holds lines like items, and near its end an initiative refers
    // to an anchor in the first one.
    let dir = tempfile::tempdir().unwrap();
    let generated = generate(dir.path(), 3000);
    let text = std::fs::read_to_string(&generated).unwrap();
    let text = text.replacen("    claims:\n", "    claims: &first\n", 1);
    let middle = text.find("Initiative 001500").unwrap();
    let middle = middle + text[middle..].find("    claims:").unwrap();
    let note = "    notes: \"a note\n  - initiative: Phantom\n    horizon: 2y\n    claims: []\"\n";
    let text = format!("{}{note}{}", &text[..middle], &text[middle..]);
    let end = text.find("Initiative 002900").unwrap();
    let end = end + text[end..].find("    claims:").unwrap();
    let text = format!(
        "{}    claims: *first\n  - initiative: After\n    horizon: 1y\n{}",
        &text[..end],
        &text[end..]
    );
    std::fs::write(&generated, &text).unwrap();
    let out = run(&["portfolio", &generated, "--format", "json"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let ours = rows(&out.stdout);
    assert_eq!(ours.len(), 3001);
    assert!(!ours.iter().any(|r| r.0 == "Phantom"));
    if let Some(theirs) = reference(&generated) {
        assert_eq!(ours, theirs);
    }
}
