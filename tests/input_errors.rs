//! Every input error: exit 2, one clear line, no panic, nothing on stdout.
//! Messages are part of the interface, so each is compared whole.

use crate::common::{Test, assert_errors, assert_input_error, pack_copy, run};

fn diagnose_with(extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["diagnose", "--no-input"];
    args.extend_from_slice(extra);
    run(&args)
}

/// What clap prints for a value it refuses.
fn invalid_value(value: &str, flag: &str, why: &str) -> String {
    format!(
        "error: invalid value '{value}' for '{flag}': {why}\n\nFor more information, try '--help'.\n"
    )
}

const UNITS: &str =
    "use a number and a unit, such as 6m, 18 months or 2y, or a deadline such as 2027-06-30";

#[test]
fn bad_horizons() {
    for (horizon, why) in [
        ("abc", format!("'abc' is not a duration: {UNITS}")),
        ("-3m", format!("'-3m' is negative: {UNITS}")),
        (
            "0",
            format!("'0' is zero: the payoff needs a deadline after today ({UNITS})"),
        ),
        ("51y", format!("'51y' is longer than 50 years: {UNITS}")),
        ("1e9y", format!("'1e9y' is not a duration: {UNITS}")),
        ("soon", format!("'soon' is not a duration: {UNITS}")),
        (
            "14 monts",
            "'14 monts' is not a duration: did you mean 14m?".into(),
        ),
        (
            "2020-01-01",
            "the deadline 2020-01-01 is not after today (2026-11-22): give a date still to come"
                .into(),
        ),
    ] {
        Test::new(&[
            "diagnose",
            "--no-input",
            "--facts",
            "3",
            "--today",
            "2026-11-22",
        ])
        .arg("--horizon")
        .arg(horizon)
        .error(&format!("--horizon: {why}"))
        .run();
    }
}

#[test]
fn durations_as_people_write_them() {
    for (pack, horizon, months) in [
        ("en", "14 months", 14.0),
        ("en", "2 years", 24.0),
        ("en", "1yr", 12.0),
        ("en", "14mo", 14.0),
        ("en", "18 m", 18.0),
        ("en", "2027-05-22", 181.0 * 12.0 / 365.25),
        ("es", "18 meses", 18.0),
        ("es", "2 años", 24.0),
        ("es", "2a", 24.0),
        ("es", "1,5 años", 18.0),
        ("es", "6m", 6.0),
    ] {
        let out = Test::new(&[
            "--pack", pack, "diagnose", "--facts", "1", "--format", "json",
        ])
        .arg("--today")
        .arg("2026-11-22")
        .arg("--horizon")
        .arg(horizon)
        .stderr("")
        .run();
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let got = v["horizon"]["months"].as_f64().unwrap();
        assert!((got - months).abs() < 1e-3, "{pack} {horizon}: {got}");
        assert_eq!(v["horizon"]["text"], horizon);
    }
}

#[test]
fn no_claims() {
    let missing = "missing the claims the plan rests on; pass --fact/--assumption TEXT or --facts/--assumptions N (or run in a terminal without --no-input to be asked)";
    assert_input_error(&diagnose_with(&["--horizon", "6m"]), missing);
    let zero = diagnose_with(&["--horizon", "6m", "--facts", "0", "--assumptions", "0"]);
    assert_input_error(&zero, missing);
}

#[test]
fn no_horizon() {
    Test::new(&["diagnose", "--no-input", "--facts", "3"])
        .error("missing the horizon; pass --horizon DURATION (or run in a terminal without --no-input to be asked)")
        .run();
}

#[test]
fn empty_claim_text() {
    let out = diagnose_with(&["--horizon", "6m", "--assumption", "  "]);
    assert_input_error(
        &out,
        "--assumption needs the claim's text, such as --assumption \"Our churn data covers five years\"",
    );
}

#[test]
fn unknown_or_miscased_current_playbook() {
    for typed in ["Go-Now", " go now ", "DISCOVERY"] {
        let out = diagnose_with(&["--horizon", "6m", "--facts", "3", "--current", typed]);
        assert_eq!(out.code, 0, "{typed}: {}", out.stderr);
    }
    let out = diagnose_with(&["--horizon", "6m", "--facts", "3", "--current", "Go-Nwo"]);
    assert_input_error(&out, "unknown playbook 'Go-Nwo': did you mean 'go-now'?");
    let out = diagnose_with(&["--horizon", "6m", "--facts", "3", "--current", "yolo"]);
    assert_input_error(
        &out,
        "unknown playbook 'yolo': use one of go-now, predictable, discovery, resilient",
    );
}

#[test]
fn absurd_counts_are_refused() {
    Test::new(&["diagnose", "--horizon", "6m", "--facts", "100000"])
        .status(2)
        .stdout("")
        .stderr(invalid_value(
            "100000",
            "--facts <N>",
            "100000 is not in 0..=1000",
        ))
        .run();
    let out = diagnose_with(&["--horizon", "6m", "--facts", "600", "--assumptions", "600"]);
    assert_input_error(
        &out,
        "there are 1200 claims; a plan may list at most 1000: keep the ones the decision rests on",
    );
}

#[test]
fn unknown_format_and_flag() {
    Test::new(&["diagnose", "--horizon", "6m", "--facts", "1", "--format", "pdf"])
        .status(2)
        .stdout("")
        .stderr(
            "error: invalid value 'pdf' for '--format <FORMAT>'\n  [possible values: text, json, markdown, html, svg]\n\nFor more information, try '--help'.\n",
        )
        .run();
    Test::new(&["diagnose", "--horizonn", "6m"])
        .status(2)
        .stdout("")
        .stderr(
            "error: unexpected argument '--horizonn' found\n\n  tip: a similar argument exists: '--horizon'\n\nUsage: calibrate diagnose --horizon <DURATION>\n\nFor more information, try '--help'.\n",
        )
        .run();
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
        &format!("{dir}/discovery.yaml:{line}:1: unknown field `sumary`, did you mean `summary`?"),
    );
}

#[test]
fn broken_yaml_in_a_pack() {
    let pack = pack_copy();
    let dir = pack.path().to_str().unwrap();
    std::fs::write(pack.path().join("framework.yaml"), "name: [unclosed\n").unwrap();
    let out = diagnose_with(&["--playbooks", dir, "--horizon", "6m", "--facts", "1"]);
    assert_input_error(
        &out,
        &format!("{dir}/framework.yaml:1:7: name: invalid type: sequence, expected a string"),
    );
}

#[test]
fn a_pack_with_two_playbooks_in_one_quadrant() {
    let pack = pack_copy();
    let dir = pack.path().to_str().unwrap();
    let file = pack.path().join("resilient.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("  horizon: long", "  horizon: short")).unwrap();
    let out = diagnose_with(&["--playbooks", dir, "--horizon", "6m", "--facts", "1"]);
    assert_errors(
        &out,
        &[
            &format!(
                "{dir}/resilient.yaml:4:1: quadrant (short horizon, assumptions) already has playbook 'discovery': a pack has exactly one playbook per quadrant"
            ),
            &format!(
                "{dir}: no playbook for the quadrant (long horizon, assumptions): a pack needs exactly one playbook per quadrant"
            ),
        ],
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
    assert_input_error(
        &out,
        "/no/such/folder: cannot read the playbook folder: No such file or directory (os error 2)",
    );
}

#[test]
fn a_folder_without_framework_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().to_str().unwrap();
    let out = diagnose_with(&["--playbooks", shown, "--horizon", "6m", "--facts", "1"]);
    assert_input_error(
        &out,
        &format!(
            "{shown}: no framework.yaml in this folder: a playbook pack needs one beside its playbook files"
        ),
    );
}
