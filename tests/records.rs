//! Decision records: `diagnose --record`, their errors, and their schema.

use crate::common;
use common::{Test, assert_input_error, json, run};
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
    let out = Test::new(&["diagnose", "--record", "-"])
        .arg("--format")
        .arg("json")
        .stdin(RECORD)
        .stderr("")
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["playbook"]["id"], "resilient");
    // A record on standard input is named as such in its problems.
    Test::new(&["diagnose", "--record", "-"])
        .stdin(RECORD.replace("horizon: 18m", "horizon: soon"))
        .error("<stdin>:3:10: horizon: 'soon' is not a duration: use a number and a unit, such as 6m, 18 months or 2y, or a deadline such as 2027-06-30")
        .run();
}

#[test]
fn record_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "misspelt.yaml",
            RECORD.replace("owner:", "ownr:"),
            "misspelt.yaml:2:1: unknown field `ownr`, did you mean `owner`?",
        ),
        (
            "date.yaml",
            RECORD.replace("2026-10-01", "2026-02-30"),
            "date.yaml:5:11: reviewed: '2026-02-30' is not a date: month 02 of 2026 has 28 days",
        ),
        (
            "soon.yaml",
            RECORD.replace("horizon: 18m", "horizon: soon"),
            "soon.yaml:3:10: horizon: 'soon' is not a duration: use a number and a unit, such as 6m, 18 months or 2y, or a deadline such as 2027-06-30",
        ),
        (
            "status.yaml",
            RECORD.replace("status: assumption", "status: hunch"),
            "status.yaml:17:13: claims[2].status: unknown variant `hunch`, expected `fact` or `assumption`",
        ),
        (
            "kind.yaml",
            RECORD.replace("evidence: vendor", "evidence: rumour"),
            "kind.yaml:14:15: unknown evidence kind 'rumour': use one of measured, pilot, track-record, vendor, peer, opinion",
        ),
        (
            "current.yaml",
            RECORD.replace("current_playbook: discovery", "current_playbook: Discovry"),
            "current.yaml:4:19: unknown playbook 'Discovry': did you mean 'discovery'?",
        ),
        (
            "weight.yaml",
            RECORD.replace("weight: 2", "weight: -2"),
            "weight.yaml:15:13: weight -2 is out of range: use a number above 0 and at most 1000",
        ),
        (
            "percent.yaml",
            RECORD.replace("weight: 2", "confidence: \"80%\""),
            "percent.yaml:15:17: claims[1].confidence: invalid type: string \"80%\", expected a number",
        ),
        (
            "empty.yaml",
            String::new(),
            "empty.yaml: is empty: a decision record needs initiative, horizon and claims (`calibrate init --template` writes one to start from)",
        ),
        (
            "comment.yaml",
            "# nothing yet\n".to_string(),
            "comment.yaml: is empty: a decision record needs initiative, horizon and claims (`calibrate init --template` writes one to start from)",
        ),
        (
            "list.yaml",
            "- a\n- b\n".to_string(),
            "list.yaml:1:1: invalid type: sequence, expected a decision record (initiative, horizon, claims, ...)",
        ),
    ];
    for (name, text, message) in cases {
        let file = write(dir.path(), name, &text);
        let out = run(&["diagnose", "--record", &file]);
        let folder = dir.path().display();
        assert_input_error(&out, &format!("{folder}/{message}"));
    }
}

#[test]
fn every_date_in_a_record_is_checked_and_each_problem_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "dates.yaml",
        "initiative: Refund bot
horizon: 6m
reviewed: 2026-13-01
claims:
  - claim: Customers accept a bot for refunds
    status: assumption
    outcome: held
    resolved: soon
    test:
      hypothesis: Half of refund chats close without an agent
      resolve_by: 2026-02-30
kill_criteria:
  - state: Fewer than 30% close without an agent
    date: next year
outcome:
  paid_off: true
  resolved: 31/12/2026
",
    );
    let out = run(&["check", &file]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "invalid {file}:3:11: reviewed: '2026-13-01' is not a date: the month is from 01 to 12
invalid {file}:8:15: claims[0].resolved: 'soon' is not a date: write it as YYYY-MM-DD, such as 2026-03-31
invalid {file}:11:19: claims[0].test.resolve_by: '2026-02-30' is not a date: month 02 of 2026 has 28 days
invalid {file}:14:11: kill_criteria[0].date: 'next year' is not a date: write it as YYYY-MM-DD, such as 2026-03-31
invalid {file}:17:13: outcome.resolved: '31/12/2026' is not a date: write it as YYYY-MM-DD, such as 2026-03-31

1 record: 0 pass, 1 invalid.
"
        )
    );
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
        &format!("{folder}: is a folder; give the path of a YAML file"),
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

/// Places come from the parser, so text that merely looks like a key, a key
/// written twice inside a claim, and flow style are all located exactly.
#[test]
fn locations_point_at_the_node_whatever_the_text_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display();
    let cases = [
        (
            "block.yaml",
            "initiative: |\n  Pricing engine\n  current_playbook: go-now\nhorizon: 6m\ncurrent_playbook: Go-nwo\nclaims:\n  - claim: Our price data is clean\n    status: fact\n    evidence: measured\n",
            "block.yaml:5:19: unknown playbook 'Go-nwo': did you mean 'go-now'?",
        ),
        (
            "repeat.yaml",
            "initiative: Pricing engine\nhorizon: 6m\nclaims:\n  - claim: Our price data is clean\n    status: fact\n    evidence: measured\n    status: assumption\n",
            "repeat.yaml:7:5: claims[0]: duplicate field `status`",
        ),
        (
            "flow.yaml",
            "initiative: Pricing engine\nhorizon: 6m\nclaims:\n  - claim: Our price data is clean\n    status: fact\n  - {claim: \"\", status: assumption}\n",
            "flow.yaml:6:13: a claim has no text",
        ),
        (
            "weight.yaml",
            "initiative: Pricing engine\nhorizon: 6m\nclaims:\n  - {claim: A, status: fact, weight: 0}\n",
            "weight.yaml:4:38: weight 0 is out of range: use a number above 0 and at most 1000",
        ),
    ];
    for (name, text, message) in cases {
        let file = write(dir.path(), name, text);
        assert_input_error(
            &run(&["diagnose", "--record", &file]),
            &format!("{folder}/{message}"),
        );
    }
}

#[test]
fn a_file_of_another_kind_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let session = write(
        dir.path(),
        "session.yaml",
        "initiative: X\nclaims:\n  - id: c1\n    claim: A\nvotes: []\n",
    );
    assert_input_error(
        &run(&["diagnose", "--record", &session]),
        &format!(
            "{session}: is a workshop session, not a decision record: report on it with `calibrate workshop report FILE`"
        ),
    );
    let letter = write(dir.path(), "letter.yaml", &"Dear board, ".repeat(100));
    assert_input_error(
        &run(&["diagnose", "--record", &letter]),
        &format!(
            "{letter}: is plain text, not a decision record: a decision record is YAML with keys such as initiative, horizon and claims"
        ),
    );
    let record = write(dir.path(), "record.yaml", RECORD);
    assert_input_error(
        &run(&["workshop", "report", &record]),
        &format!(
            "{record}: is a decision record, not a workshop session: diagnose it with `calibrate diagnose --record FILE`"
        ),
    );
}

#[test]
fn the_schema_offers_the_packs_own_ids() {
    let northwind = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/packs/northwind");
    let v = json(&["--playbooks", northwind, "schema"]);
    assert_eq!(
        v["properties"]["current_playbook"]["anyOf"][0]["enum"],
        serde_json::json!(["sprint", "build-out", "probe", "hedge"])
    );
    assert_eq!(
        v["$defs"]["RecordClaim"]["properties"]["evidence"]["anyOf"][0]["enum"],
        serde_json::json!([
            "measured",
            "pilot",
            "track-record",
            "audit",
            "vendor",
            "peer",
            "opinion"
        ])
    );
}

#[test]
fn nesting_on_one_line_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // A megabyte of `- - - …`: each dash opens a list inside the last.
    let file = write(
        dir.path(),
        "deep.yaml",
        &format!("{}a\n", "- ".repeat(500_000)),
    );
    let started = std::time::Instant::now();
    let out = run(&["diagnose", "--record", &file]);
    assert_input_error(
        &out,
        &format!(
            "{file}:1:129: nested more than 64 levels deep; calibrate's files need only a few"
        ),
    );
    assert!(
        started.elapsed().as_millis() < 500,
        "{:?}",
        started.elapsed()
    );
}
