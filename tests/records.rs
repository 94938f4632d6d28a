//! Decision records: `diagnose --record`, their errors, and their schema.

mod common;
use common::{assert_input_error, calibrate, json, run};
use std::path::Path;

const RECORD: &str = "\
initiative: Claims-handling copilot
owner: Head of Claims
horizon: 18m
current_playbook: discovery
reviewed: 2026-10-01
review_every: 90d
claims:
  - claim: Our claims data is clean enough to train on
    status: fact
    evidence: measured
    source: Data-quality audit, 2026
  - claim: The vendor's model settles 60% of claims unaided
    status: fact
    evidence: vendor
    weight: 2
  - claim: Adjusters will trust the suggested settlements
    status: assumption
notes: A record for the tests.
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn diagnose_reads_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "copilot.yaml", RECORD);
    let v = json(&["diagnose", "--record", &file, "--format", "json"]);
    assert_eq!(v["initiative"], "Claims-handling copilot");
    assert_eq!(v["horizon"]["months"], 18.0);
    assert_eq!(v["knowledge"]["score"], 0.25); // 1 of 4 by weight
    assert_eq!(v["playbook"]["id"], "resilient");
    assert_eq!(v["current"]["id"], "discovery");
    assert_eq!(v["current"]["matches"], false);
    assert_eq!(v["claims"][1]["counted_as"], "assumption");
}

#[test]
fn flags_beside_a_record_override_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "copilot.yaml", RECORD);
    let v = json(&[
        "diagnose",
        "--record",
        &file,
        "--horizon",
        "6m",
        "--name",
        "Renamed",
        "--current",
        "discovery",
        "--format",
        "json",
    ]);
    assert_eq!(v["initiative"], "Renamed");
    assert_eq!(v["playbook"]["id"], "discovery");
    assert_eq!(v["current"]["matches"], true);
    let claims = json(&[
        "diagnose", "--record", &file, "--facts", "3", "--format", "json",
    ]);
    assert_eq!(
        claims["knowledge"]["facts"], 3,
        "claim flags replace the record's claims"
    );
    assert_eq!(claims["playbook"]["id"], "predictable");
}

#[test]
fn a_record_can_come_from_stdin() {
    let output = calibrate()
        .args(["diagnose", "--record", "-", "--format", "json"])
        .write_stdin(RECORD)
        .output()
        .unwrap();
    assert!(output.status.success());
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["playbook"]["id"], "resilient");
}

#[test]
fn record_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "misspelt.yaml",
            RECORD.replace("owner:", "ownr:"),
            "misspelt.yaml:2:1: unknown field `ownr`",
        ),
        (
            "date.yaml",
            RECORD.replace("2026-10-01", "2026-02-30"),
            "date.yaml:5:11: reviewed: parsed date is not valid",
        ),
        (
            "soon.yaml",
            RECORD.replace("horizon: 18m", "horizon: soon"),
            "soon.yaml:3:10: horizon: 'soon' is not a duration",
        ),
        (
            "status.yaml",
            RECORD.replace("status: assumption", "status: hunch"),
            "status.yaml:17:13: claims[2].status: unknown variant `hunch`",
        ),
        (
            "kind.yaml",
            RECORD.replace("evidence: vendor", "evidence: rumour"),
            "kind.yaml:14:15: unknown evidence kind 'rumour'",
        ),
        (
            "current.yaml",
            RECORD.replace("current_playbook: discovery", "current_playbook: Discovery"),
            "current.yaml:4:19: unknown playbook 'Discovery': did you mean 'discovery'?",
        ),
        (
            "weight.yaml",
            RECORD.replace("weight: 2", "weight: -2"),
            "weight.yaml:12:5: claims[1]: weight -2 is out of range",
        ),
        (
            "empty.yaml",
            String::new(),
            "empty.yaml: is empty: a decision record needs initiative, horizon and claims",
        ),
        (
            "comment.yaml",
            "# nothing yet\n".to_string(),
            "comment.yaml: is empty",
        ),
        (
            "list.yaml",
            "- a\n- b\n".to_string(),
            "list.yaml:1:1: invalid type: sequence, expected a decision record",
        ),
    ];
    for (name, text, fragment) in cases {
        let file = write(dir.path(), name, &text);
        let out = run(&["diagnose", "--record", &file]);
        assert_input_error(&out, fragment);
    }
}

#[test]
fn a_missing_or_folder_record_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    assert_input_error(
        &run(&["diagnose", "--record", "/no/such/record.yaml"]),
        "/no/such/record.yaml: no such file; check the path",
    );
    let folder = dir.path().to_str().unwrap();
    assert_input_error(
        &run(&["diagnose", "--record", folder]),
        "is a folder; give the path of a YAML file",
    );
}

#[test]
fn the_schema_in_the_repository_is_current() {
    let printed = run(&["schema"]);
    assert_eq!(printed.code, 0);
    let kept = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/decision-record.schema.json"),
    )
    .unwrap();
    assert_eq!(
        printed.stdout, kept,
        "run `calibrate schema > schema/decision-record.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["initiative", "horizon", "claims"]);
}
