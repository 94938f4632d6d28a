//! `calibrate check` for CI: verdicts, exit codes, --strict, and the text,
//! JSON and GitHub formats.

use crate::common;
use common::run;
use std::path::Path;

const FITS: &str = "\
initiative: Supply-chain twin
horizon: 6m
current_playbook: go-now
reviewed: 2026-10-01
review_every: 90d
claims:
  - claim: Our plant data is clean
    status: fact
    evidence: measured
  - claim: The twin answers in hours
    status: fact
    evidence: pilot
  - claim: Planners will use it
    status: assumption
";

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn check(dir: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--today", "2026-11-21"];
    args.extend_from_slice(extra);
    let path = dir.to_str().unwrap().to_string();
    args.push(&path);
    run(&args)
}

#[test]
fn a_fitting_record_passes() {
    let dir = folder(&[("twin.yaml", FITS)]);
    let out = check(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("pass"));
    assert!(out.stdout.contains("twin.yaml: go-now fits"));
    assert!(
        out.stdout.ends_with("1 record: 1 pass.\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_declared_playbook_that_no_longer_fits_fails_with_the_reason() {
    let wrong = FITS.replace("evidence: pilot", "evidence: vendor");
    let dir = folder(&[("twin.yaml", &wrong)]);
    let out = check(dir.path(), &[]);
    assert_eq!(out.code, 1);
    // The line is the claim whose evidence does not count, not the
    // declaration: that is what to fix or to test.
    assert_eq!(
        out.stdout,
        format!(
            "FAIL    {}:10: declared go-now, but 2 of 3 claims are assumptions (vendor evidence is not a fact): diagnosed discovery (premature action if it stays)\n\n1 record: 0 pass, 1 fails.\n",
            dir.path().join("twin.yaml").display()
        )
    );
}

#[test]
fn a_mismatch_on_the_horizon_alone_points_at_the_horizon() {
    let long = FITS.replace("horizon: 6m", "horizon: 3 years");
    let dir = folder(&[("twin.yaml", &long)]);
    let out = check(dir.path(), &["--format", "github"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        format!(
            "::error file={},line=2,title=calibrate::declared go-now, but the payoff is 3 years away, past 12 months: diagnosed predictable (premature action if it stays)\n::notice title=calibrate::1 record: 0 pass, 1 fails.\n",
            dir.path().join("twin.yaml").display()
        )
    );
}

#[test]
fn a_record_without_a_declared_playbook_passes_with_a_note() {
    let dir = folder(&[("open.yaml", &FITS.replace("current_playbook: go-now\n", ""))]);
    let out = check(dir.path(), &[]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("note    "), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("no current_playbook declared, so nothing to check; diagnosed go-now")
    );
}

#[test]
fn invalid_records_exit_2_and_every_other_file_is_still_reported() {
    let wrong = FITS.replace("current_playbook: go-now", "current_playbook: resilient");
    let dir = folder(&[
        ("a-fits.yaml", FITS),
        ("b-misspelt.yaml", &FITS.replace("horizon:", "horizn:")),
        ("c-date.yaml", &FITS.replace("2026-10-01", "2026-02-30")),
        ("d-soon.yaml", &FITS.replace("horizon: 6m", "horizon: soon")),
        ("e-wrong.yaml", &wrong),
    ]);
    let out = check(dir.path(), &[]);
    assert_eq!(out.code, 2);
    let text = &out.stdout;
    assert!(text.contains("a-fits.yaml: go-now fits"));
    assert!(
        text.contains("b-misspelt.yaml:2:1: unknown field `horizn`"),
        "{text}"
    );
    assert!(
        text.contains(
            "c-date.yaml:4:11: reviewed: '2026-02-30' is not a date: month 02 of 2026 has 28 days\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("d-soon.yaml:2:10: horizon: 'soon' is not a duration"),
        "{text}"
    );
    assert!(
        text.contains("e-wrong.yaml:7: declared resilient"),
        "{text}"
    );
    assert!(
        text.contains("5 records: 1 pass, 1 fails, 3 invalid."),
        "{text}"
    );
    assert!(!out.stderr.contains("panicked"));
}

#[test]
fn strict_fails_on_borderline_overdue_and_unrecorded_evidence() {
    let borderline = FITS.replace("horizon: 6m", "horizon: 11m");
    let overdue = FITS.replace("reviewed: 2026-10-01", "reviewed: 2026-05-01");
    let unrecorded = FITS.replace("    evidence: pilot\n", "");
    let dir = folder(&[
        ("border.yaml", &borderline),
        ("overdue.yaml", &overdue),
        ("unrecorded.yaml", &unrecorded),
    ]);
    let relaxed = check(dir.path(), &[]);
    assert_eq!(relaxed.code, 0, "{}", relaxed.stdout);
    let strict = check(dir.path(), &["--strict"]);
    assert_eq!(strict.code, 1);
    let text = &strict.stdout;
    assert!(
        text.contains("border.yaml:2: the diagnosis is borderline on the horizon"),
        "{text}"
    );
    assert!(text.contains("overdue.yaml:4: the review is overdue: last reviewed 2026-05-01, due every 90d, so due by 2026-07-30"), "{text}");
    assert!(
        text.contains(
            "unrecorded.yaml:10: the fact \"The twin answers in hours\" has no evidence recorded"
        ),
        "{text}"
    );
    // The same record is not overdue a day before it falls due.
    let early = run(&[
        "check",
        "--strict",
        "--today",
        "2026-07-30",
        dir.path().join("overdue.yaml").to_str().unwrap(),
    ]);
    assert_eq!(early.code, 0, "{}", early.stdout);
}

#[test]
fn github_format_annotates_the_line_of_the_claim_at_fault() {
    let wrong = FITS.replace("evidence: pilot", "evidence: vendor");
    let dir = folder(&[
        ("twin.yaml", &wrong),
        ("bad.yaml", &FITS.replace("horizon:", "horizn:")),
    ]);
    let out = check(dir.path(), &["--format", "github"]);
    assert_eq!(out.code, 2);
    let twin = dir.path().join("twin.yaml");
    let expected = format!(
        "::error file={},line=10,title=calibrate::declared go-now, but 2 of 3 claims are assumptions",
        twin.display()
    );
    assert!(out.stdout.contains(&expected), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "bad.yaml,line=2,col=1,title=calibrate%3A invalid record::unknown field `horizn`"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn annotations_point_at_the_key_not_at_text_that_looks_like_it() {
    let record = "initiative: |\n  Pricing engine\n  current_playbook: discovery\nhorizon: 6m\ncurrent_playbook: discovery\nclaims:\n  - claim: Our price data is clean\n    status: fact\n    evidence: measured\n  - {claim: Buyers accept dynamic prices, status: fact}\n";
    let dir = folder(&[("pricing.yaml", record)]);
    let out = check(dir.path(), &["--format", "github", "--strict"]);
    let file = dir.path().join("pricing.yaml");
    assert_eq!(
        out.stdout,
        format!(
            "::error file={0},line=7,title=calibrate::declared discovery, but 2 of 2 claims are facts backed by your own evidence: diagnosed go-now (over-analysis if it stays)\n::error file={0},line=10,title=calibrate::the fact \"Buyers accept dynamic prices\" has no evidence recorded: add evidence (measured, pilot or track-record) or mark it an assumption\n::notice title=calibrate::1 record: 0 pass, 1 fails.\n",
            file.display()
        )
    );
    assert_eq!(out.code, 1);
}

#[test]
fn json_format_gives_one_object_per_record() {
    let wrong = FITS.replace("evidence: pilot", "evidence: vendor");
    let dir = folder(&[
        ("a.yaml", FITS),
        ("b.yaml", &wrong),
        ("c.yaml", "initiative: [\n"),
    ]);
    let out = check(dir.path(), &["--format", "json"]);
    assert_eq!(out.code, 2);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["today"], "2026-11-21");
    let records = v["records"].as_array().unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["verdict"], "pass");
    assert_eq!(records[0]["diagnosis"]["playbook"]["id"], "go-now");
    assert_eq!(records[1]["verdict"], "fail");
    assert_eq!(records[1]["findings"][0]["kind"], "mismatch");
    assert_eq!(records[1]["findings"][0]["line"], 10);
    assert_eq!(records[1]["diagnosis"]["playbook"]["id"], "discovery");
    assert_eq!(records[2]["verdict"], "invalid");
    assert!(records[2]["diagnosis"].is_null());
    assert!(records[2]["problems"][0]["line"].is_number());
    assert_eq!(v["summary"]["fail"], 1);
}

#[test]
fn folders_are_searched_recursively_and_other_yaml_is_skipped() {
    let dir = folder(&[
        ("team-a/twin.yaml", FITS),
        ("team-b/nested/twin.yml", FITS),
        ("ci/workflow.yml", "name: CI\non: push\njobs: {}\n"),
        (".hidden/twin.yaml", "not: [valid\n"),
        ("notes.txt", "ignored"),
    ]);
    let out = check(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("2 records: 2 pass. Skipped 1 YAML file that is not a decision record:"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("workflow.yml"));
}

#[test]
fn a_missing_path_is_invalid_and_the_rest_still_run() {
    let dir = folder(&[("twin.yaml", FITS)]);
    let out = run(&[
        "check",
        "--today",
        "2026-11-21",
        "/no/such.yaml",
        dir.path().join("twin.yaml").to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stdout,
        format!(
            "invalid /no/such.yaml: no such file; check the path\npass    {}/twin.yaml: go-now fits\n\n2 records: 1 pass, 1 invalid.\n",
            dir.path().display()
        )
    );
}

#[test]
fn check_needs_a_path() {
    let out = run(&["check"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("required"));
}

#[test]
fn every_mistake_in_a_record_is_listed_in_one_run() {
    let record = "\
initiative: Claims copilot
horizon: 14 monts
current_playbook: discovry
claims:
  - claim: Our claims data is clean
    status: Fact
    evidnce: measured
  - claim: Adjusters will trust it
    status: assumption
";
    let dir = folder(&[("four.yaml", record)]);
    let out = check(dir.path(), &[]);
    let file = dir.path().join("four.yaml");
    let file = file.display();
    assert_eq!(
        out.stdout,
        format!(
            "invalid {file}:2:10: horizon: '14 monts' is not a duration: did you mean 14m?
invalid {file}:3:19: unknown playbook 'discovry': did you mean 'discovery'?
invalid {file}:6:13: claims[0].status: unknown variant `Fact`, did you mean `fact`?
invalid {file}:7:5: claims[0]: unknown field `evidnce`, did you mean `evidence`?

1 record: 0 pass, 1 invalid.
"
        )
    );
    assert_eq!(out.code, 2);
}

#[test]
fn a_folder_without_records_is_an_error_unless_allowed() {
    let dir = folder(&[("ci.yml", "on: push\njobs: {}\n")]);
    let shown = dir.path().display().to_string();
    crate::common::assert_input_error(
        &check(dir.path(), &[]),
        &format!(
            "no decision records found in {shown} (1 YAML file that is not a record): check the path, or pass --allow-empty if none is expected"
        ),
    );
    let allowed = check(dir.path(), &["--allow-empty"]);
    assert_eq!(allowed.code, 0);
    assert_eq!(
        allowed.stdout,
        format!(
            "\n0 records: 0 pass. Skipped 1 YAML file that is not a decision record: {shown}/ci.yml.\n"
        )
    );
}

#[test]
fn ids_are_read_in_any_case_in_records() {
    let dir = folder(&[(
        "twin.yaml",
        &FITS
            .replace("current_playbook: go-now", "current_playbook: Go Now")
            .replace("evidence: measured", "evidence: MEASURED"),
    )]);
    let out = check(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

/// The SARIF 2.1.0 schema, as OASIS publishes it.
fn sarif_schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(path).unwrap();
    // The published `language` patterns have a stray `]` that JavaScript
    // reads as a letter and Rust's regex engines refuse; this is what they mean.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(stray).count(), 2);
    let text = text.replace(stray, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

#[test]
fn sarif_is_valid_against_the_schema_and_points_at_each_finding() {
    let wrong = FITS.replace("evidence: pilot", "evidence: vendor");
    let dir = folder(&[
        ("a fits.yaml", FITS),
        ("b#wrong.yaml", &wrong),
        ("c.yaml", "initiative: [\n"),
    ]);
    let out = run(&[
        "check",
        "--strict",
        "--today",
        "2026-11-21",
        "--format",
        "sarif",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let errors: Vec<String> = sarif_schema()
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    let root = dir.path().to_str().unwrap().trim_start_matches('/');
    let results: Vec<(String, String, String, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let at = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["level"].as_str().unwrap().to_string(),
                at["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                at["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    let uri = |name: &str| format!("/{root}/{name}");
    assert_eq!(
        results,
        vec![
            ("mismatch".into(), "error".into(), uri("b%23wrong.yaml"), 10),
            ("invalid".into(), "error".into(), uri("c.yaml"), 1),
        ]
    );
}

#[test]
fn on_github_actions_the_results_are_added_to_the_step_summary() {
    let wrong = FITS.replace("evidence: pilot", "evidence: vendor");
    let dir = folder(&[("twin.yaml", &wrong)]);
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "Earlier step\n").unwrap();
    let record = dir.path().join("twin.yaml");
    let out = common::Test::new(&["check", "--today", "2026-11-21", record.to_str().unwrap()])
        .env("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())
        .status(1)
        .run();
    assert_eq!(out.stderr, "");
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        format!(
            "Earlier step\n## Decision records\n\n1 record: 0 pass, 1 fails.\n\n| | Record | Diagnosed playbook | Finding |\n|---|---|---|---|\n| FAIL | {}:10 | Discovery Planning | declared go-now, but 2 of 3 claims are assumptions (vendor evidence is not a fact): diagnosed discovery (premature action if it stays) |\n\n",
            record.display()
        )
    );
}

#[test]
fn a_step_summary_that_cannot_be_written_is_a_warning_not_a_lost_result() {
    let dir = folder(&[("twin.yaml", FITS)]);
    let record = dir.path().join("twin.yaml");
    common::Test::new(&["check", "--today", "2026-11-21", record.to_str().unwrap()])
        .env("GITHUB_STEP_SUMMARY", dir.path().to_str().unwrap())
        .status(0)
        .stderr(format!(
            "warning: the step summary was not written: {}: is a folder; give the path of a file to write\n",
            dir.path().display()
        ))
        .run();
}
