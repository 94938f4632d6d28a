//! `calibrate init`: new records from flags or as a template, written whole
//! and never over an existing file without --force.

use crate::common;
use common::{assert_input_error, run};

const FLAGS: [&str; 12] = [
    "--name",
    "Claims copilot",
    "--horizon",
    "6m",
    "--fact",
    "measured: Claims volumes are stable",
    "--assumption",
    "Adjusters will trust it",
    "--current",
    "discovery",
    "--today",
    "2026-11-21",
];

fn init(path: &str, extra: &[&str]) -> common::Run {
    let mut args = vec!["init", path];
    args.extend_from_slice(&FLAGS);
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn init_writes_a_record_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let file = path.to_str().unwrap();
    let out = init(file, &["--owner", "Head of Claims"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("Wrote"), "{}", out.stderr);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=https://"),
        "{text}"
    );
    assert!(text.contains("schema/decision-record.schema.json\n"));
    assert!(text.contains("initiative: Claims copilot\nowner: Head of Claims\nhorizon: 6m\ncurrent_playbook: discovery\nreviewed: 2026-11-21\nreview_every: 90d\n"), "{text}");
    assert!(text.contains("  evidence: measured\n"));
    let checked = run(&["check", "--today", "2026-11-21", file]);
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    assert!(checked.stdout.contains("discovery fits"));
}

#[test]
fn init_refuses_to_overwrite_and_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let file = path.to_str().unwrap();
    assert_eq!(init(file, &[]).code, 0);
    std::fs::write(&path, "kept: as it was\n").unwrap();
    let again = init(file, &[]);
    assert_input_error(
        &again,
        &format!("{file}: already exists; pass --force to overwrite it"),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept: as it was\n");
    let forced = init(file, &["--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("initiative: Claims copilot")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn init_without_a_file_prints_the_record() {
    let out = run(&["init"].into_iter().chain(FLAGS).collect::<Vec<_>>());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("initiative: Claims copilot"));
}

#[test]
fn init_needs_a_name_without_a_terminal() {
    let out = run(&["init", "--horizon", "6m", "--facts", "2"]);
    assert_input_error(
        &out,
        "missing the initiative's name; pass --name TEXT (or run in a terminal without --no-input to be asked)",
    );
}

#[test]
fn the_template_is_a_valid_commented_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.yaml");
    let file = path.to_str().unwrap();
    let out = run(&["init", file, "--template"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 10,
        "commented"
    );
    let v = common::json(&["diagnose", "--record", file, "--format", "json"]);
    assert_eq!(v["initiative"], "Customer-service assistant");
    assert_eq!(v["playbook"]["id"], "discovery");
    // As written, it passes even the strict check.
    let checked = run(&["check", "--strict", file]);
    assert_eq!(
        checked.stdout,
        format!("pass    {file}: discovery fits\n\n1 record: 1 pass.\n")
    );
    assert_eq!(checked.code, 0);
}

#[test]
fn a_record_without_a_playbook_says_what_to_add_for_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let file = path.to_str().unwrap();
    let out = run(&[
        "init",
        file,
        "--name",
        "Claims copilot",
        "--horizon",
        "6m",
        "--facts",
        "3",
    ]);
    assert_eq!(
        out.stderr,
        format!(
            "Wrote {file} (diagnosed Go NOW!). It declares no playbook, so `calibrate check` has nothing to compare: add `current_playbook: go-now` once the team runs it\n"
        )
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(&format!(
            "# yaml-language-server: $schema=https://github.com/calibrate-cli/calibrate/raw/v{}/schema/decision-record.schema.json\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{text}"
    );
    let local = dir.path().join("local.yaml");
    let local = local.to_str().unwrap();
    run(&[
        "init",
        local,
        "--name",
        "X",
        "--horizon",
        "6m",
        "--facts",
        "3",
        "--schema",
        "../schema.json",
    ]);
    assert!(
        std::fs::read_to_string(local)
            .unwrap()
            .starts_with("# yaml-language-server: $schema=../schema.json\n")
    );
}

#[test]
fn init_into_a_missing_folder_is_a_clear_error() {
    let out = init("/no/such/folder/plan.yaml", &[]);
    assert_input_error(
        &out,
        "/no/such/folder/plan.yaml: the folder /no/such/folder does not exist; create it first",
    );
}
