//! Every input error: exit 2, one clear line, no panic, nothing on stdout.

mod common;
use common::{assert_input_error, pack_copy, run};

fn diagnose_with(extra: &[&str]) -> common::Run {
    let mut args = vec!["diagnose", "--no-input"];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn bad_horizons() {
    for (horizon, fragment) in [
        (
            "abc",
            "'abc' is not a duration: use a number with an optional unit",
        ),
        ("-3m", "'-3m' is negative"),
        ("0", "'0' is zero"),
        ("51y", "longer than 50 years"),
        ("1e9y", "not a duration"),
        ("soon", "not a duration"),
    ] {
        let out = diagnose_with(&["--horizon", horizon, "--facts", "3"]);
        assert_input_error(&out, fragment);
    }
}

#[test]
fn no_claims() {
    let out = diagnose_with(&["--horizon", "6m"]);
    assert_input_error(
        &out,
        "missing the claims the plan rests on; pass --fact/--assumption TEXT or --facts/--assumptions N",
    );
    let zero = diagnose_with(&["--horizon", "6m", "--facts", "0", "--assumptions", "0"]);
    assert_input_error(&zero, "missing the claims");
}

#[test]
fn no_horizon() {
    let out = diagnose_with(&["--facts", "3"]);
    assert_input_error(&out, "missing the horizon; pass --horizon DURATION");
}

#[test]
fn empty_claim_text() {
    let out = diagnose_with(&["--horizon", "6m", "--assumption", "  "]);
    assert_input_error(&out, "--assumption needs the claim's text");
}

#[test]
fn unknown_or_miscased_current_playbook() {
    let out = diagnose_with(&["--horizon", "6m", "--facts", "3", "--current", "Go-Now"]);
    assert_input_error(&out, "unknown playbook 'Go-Now': did you mean 'go-now'?");
    let out = diagnose_with(&["--horizon", "6m", "--facts", "3", "--current", "yolo"]);
    assert_input_error(
        &out,
        "unknown playbook 'yolo': use one of go-now, predictable, discovery, resilient",
    );
}

#[test]
fn absurd_counts_are_refused() {
    let out = diagnose_with(&["--horizon", "6m", "--facts", "100000"]);
    assert_input_error(&out, "100000 is not in 0..=1000");
    let out = diagnose_with(&["--horizon", "6m", "--facts", "600", "--assumptions", "600"]);
    assert_input_error(&out, "there are 1200 claims; a plan may list at most 1000");
}

#[test]
fn unknown_format_and_flag() {
    assert_input_error(
        &diagnose_with(&["--horizon", "6m", "--facts", "1", "--format", "pdf"]),
        "invalid value 'pdf'",
    );
    assert_input_error(
        &diagnose_with(&["--horizonn", "6m"]),
        "unexpected argument '--horizonn'",
    );
}

#[test]
fn malformed_pack_folder_names_file_line_and_column() {
    let pack = pack_copy();
    let file = pack.path().join("discovery.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("\nsummary:", "\nsumary:")).unwrap();
    let dir = pack.path().to_str().unwrap();
    let out = diagnose_with(&["--playbooks", dir, "--horizon", "6m", "--facts", "1"]);
    let line = text
        .lines()
        .position(|l| l.starts_with("summary:"))
        .unwrap()
        + 1;
    assert_input_error(
        &out,
        &format!("discovery.yaml:{line}:1: unknown field `sumary`"),
    );
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
}

#[test]
fn broken_yaml_in_a_pack() {
    let pack = pack_copy();
    std::fs::write(pack.path().join("framework.yaml"), "name: [unclosed\n").unwrap();
    let out = diagnose_with(&[
        "--playbooks",
        pack.path().to_str().unwrap(),
        "--horizon",
        "6m",
        "--facts",
        "1",
    ]);
    assert_input_error(&out, "framework.yaml:");
}

#[test]
fn a_pack_with_two_playbooks_in_one_quadrant() {
    let pack = pack_copy();
    let file = pack.path().join("resilient.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("  horizon: long", "  horizon: short")).unwrap();
    let out = diagnose_with(&[
        "--playbooks",
        pack.path().to_str().unwrap(),
        "--horizon",
        "6m",
        "--facts",
        "1",
    ]);
    assert_input_error(
        &out,
        "quadrant (short horizon, assumptions) already has playbook 'discovery'",
    );
    assert!(
        out.stderr
            .contains("no playbook for the quadrant (long horizon, assumptions)"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_pack_folder() {
    let out = diagnose_with(&[
        "--playbooks",
        "/no/such/folder",
        "--horizon",
        "6m",
        "--facts",
        "1",
    ]);
    assert_input_error(&out, "/no/such/folder: cannot read the playbook folder");
}

#[test]
fn a_folder_without_framework_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let out = diagnose_with(&[
        "--playbooks",
        dir.path().to_str().unwrap(),
        "--horizon",
        "6m",
        "--facts",
        "1",
    ]);
    assert_input_error(&out, "no framework.yaml in this folder");
}
