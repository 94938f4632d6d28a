//! `calibrate calibration`: Brier scores and calibration tables worked by
//! hand, hit rates, and the outside view in `diagnose --track-record`.

use crate::common::{Test, json, run};
use calibrate::track_record::{ResolvedClaim, calibrate};

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn claim(confidence: f64, held: bool) -> ResolvedClaim<'static> {
    ResolvedClaim {
        confidence: Some(confidence),
        held,
        evidence: None,
        fact: false,
        owner: None,
        playbook: "discovery",
    }
}

#[test]
fn brier_scores_known_answers() {
    let score = |claims: &[ResolvedClaim]| calibrate(claims.iter()).brier.unwrap();
    // Always certain and always right: 0.
    assert_eq!(score(&[claim(1.0, true), claim(0.0, false)]), 0.0);
    // Always a coin flip: 0.25, whatever happens.
    assert_eq!(score(&[claim(0.5, true), claim(0.5, false)]), 0.25);
    // Certain and always wrong: 1.
    assert_eq!(score(&[claim(1.0, false), claim(0.0, true)]), 1.0);
    // (0.1^2 + 0.9^2 + 0.4^2 + 0.2^2) / 4 = (0.01 + 0.81 + 0.16 + 0.04) / 4 = 0.255
    let mixed = [
        claim(0.9, true),
        claim(0.9, false),
        claim(0.6, true),
        claim(0.2, false),
    ];
    assert!((score(&mixed) - 0.255).abs() < 1e-12);
    // The table: 90% said twice, held once; 60% once, held; 20% once, failed.
    let table = calibrate(mixed.iter());
    let bins: Vec<(usize, usize, f64)> = table
        .bins
        .iter()
        .map(|b| (b.tenth, b.claims, b.held))
        .collect();
    assert_eq!(bins, [(2, 1, 0.0), (6, 1, 1.0), (9, 2, 0.5)]);
    // Nothing stated, nothing scored.
    let unstated = ResolvedClaim {
        confidence: None,
        ..claim(0.5, true)
    };
    let none = calibrate([unstated].iter());
    assert_eq!((none.brier, none.resolved, none.held), (None, 1, 1));
}

const VENDOR_BET: &str = "\
initiative: Vendor bet
owner: Ana
horizon: 6m
claims:
  - claim: The vendor's model resolves two thirds of queries
    status: fact
    evidence: vendor
    confidence: 0.9
    outcome: failed
  - claim: The vendor's model answers within a second
    status: fact
    evidence: vendor
    confidence: 0.9
    outcome: held
  - claim: Our volumes are stable
    status: fact
    evidence: measured
    confidence: 0.6
    outcome: held
outcome:
  paid_off: false
  took: 14m
";

const PILOT: &str = "\
initiative: Pilot first
owner: Ben
horizon: 6m
claims:
  - claim: Customers accept the bot
    status: assumption
    confidence: 0.2
    outcome: failed
  - claim: Agents adopt it
    status: assumption
  - claim: Our tickets are tagged
    status: fact
    evidence: measured
outcome:
  paid_off: true
  took: 11m
";

#[test]
fn the_track_record_scores_resolved_claims_by_kind_owner_and_playbook() {
    let dir = folder(&[("a.yaml", VENDOR_BET), ("b.yaml", PILOT)]);
    let path = dir.path().to_str().unwrap();
    let out = json(&["calibration", path, "--format", "json"]);
    assert_eq!(out["initiatives"], 2);
    let overall = &out["overall"];
    assert_eq!(overall["scored"], 4);
    assert_eq!(overall["resolved"], 4);
    assert!((overall["brier"].as_f64().unwrap() - 0.255).abs() < 1e-12);
    let keys = |group: &str| -> Vec<(String, u64)> {
        out[group]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["key"].as_str().unwrap_or("none").to_string(),
                    g["calibration"]["held"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        keys("by_evidence"),
        [
            ("measured".to_string(), 1),
            ("vendor".to_string(), 1),
            ("none".to_string(), 0)
        ]
    );
    assert_eq!(
        keys("by_owner"),
        [("Ana".to_string(), 2), ("Ben".to_string(), 0)]
    );
    // Vendor bet: one counting fact in three, so Discovery Planning as
    // decided; Pilot first: one in three, also Discovery Planning.
    assert_eq!(keys("by_playbook"), [("discovery".to_string(), 2)]);
    assert_eq!(
        out["hit_rates"],
        serde_json::json!([
            {"playbook": "discovery", "judged": 2, "paid_off": 1, "median_took": 12.5}
        ])
    );
}

#[test]
fn the_text_report_says_how_often_each_kind_held() {
    let dir = folder(&[("a.yaml", VENDOR_BET), ("b.yaml", PILOT)]);
    let path = dir.path().to_str().unwrap();
    let out = run(&["calibration", path]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tail: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("How often each kind"))
        .collect();
    assert_eq!(
        tail.join("\n"),
        "How often each kind of evidence held
  • Our own measured data: the \"facts\" held in 1 of 1 cases
  • Vendor specifications or demos: the \"facts\" held in 1 of 2 cases

How often each playbook paid off
  • Discovery Planning: paid off in 1 of 2 cases; half took 12.5 months or more"
    );
    // Four claims have an outcome, all with a confidence: (0.9 − 0)² +
    // (0.9 − 1)² + (0.6 − 1)² + (0.2 − 0)² = 1.02, over 4.
    let head: Vec<&str> = out.stdout.lines().take(4).collect();
    assert_eq!(
        head.join("\n"),
        "Track record
2 initiatives; 4 claims with a recorded outcome, 4 of them with a stated confidence

Brier score: 0.255"
    );
}

#[test]
fn the_outside_view_warns_when_most_similar_initiatives_took_longer() {
    let third = PILOT.replace("took: 11m", "took: 16m");
    let dir = folder(&[
        ("a.yaml", VENDOR_BET),
        ("b.yaml", PILOT),
        ("c.yaml", &third),
    ]);
    let path = dir.path().to_str().unwrap();
    let args = |horizon: &'static str| {
        vec![
            "diagnose",
            "--horizon",
            horizon,
            "--fact",
            "measured: Our volumes are stable",
            "--assumptions",
            "2",
            "--track-record",
            path,
            "--format",
            "json",
        ]
    };
    let out = json(&args("6m"));
    assert_eq!(
        out["warnings"],
        serde_json::json!([
            "The payoff is expected in 6 months, but most of the 3 past initiatives diagnosed Discovery Planning in your track record took longer (half took 14 months or more): plan from how long such initiatives take, not from how long this one ought to take."
        ])
    );
    // 12 months: two of the three took longer still, so still warned;
    // with no track record, no warning.
    assert_eq!(json(&args("12m"))["warnings"].as_array().unwrap().len(), 1);
    let mut without = args("6m");
    without.drain(7..9);
    assert_eq!(json(&without)["warnings"], serde_json::json!([]));
}

#[test]
fn the_illustrative_track_record_is_meaningful_in_every_format() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/track-record");
    let out = json(&["calibration", examples, "--format", "json"]);
    assert_eq!(out["initiatives"], 12);
    assert!(out["overall"]["scored"].as_u64().unwrap() >= 40);
    for format in ["text", "markdown", "html"] {
        let run = run(&["calibration", examples, "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
    }
    Test::new(&["calibration", examples, "--format", "svg"])
        .error("the svg format cannot show a track record: use text, json, markdown, html")
        .run();
}

#[test]
fn one_initiative_and_one_claim_are_counted_in_the_singular() {
    let dir = folder(&[(
        "one.yaml",
        "initiative: One bet
horizon: 6m
claims:
  - claim: Customers accept the bot
    status: assumption
    confidence: 0.6
    outcome: held
",
    )]);
    let out = run(&["calibration", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let head: Vec<&str> = out.stdout.lines().take(2).collect();
    assert_eq!(
        head.join("\n"),
        "Track record\n1 initiative; 1 claim with a recorded outcome, 1 of them with a stated confidence"
    );
}

#[test]
fn a_track_record_that_cannot_be_read_is_an_error_not_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let missing = missing.to_str().unwrap();
    Test::new(&["calibration", missing])
        .status(2)
        .stdout("")
        .stderr(format!("error: {missing}: no such file; check the path\n"))
        .run();
    Test::new(&["diagnose", "--horizon", "6m", "--facts", "1", "--track-record", missing])
        .status(2)
        .stdout("")
        .stderr(format!(
            "error: {missing}: no such file; check the path\nerror: the track record could not all be read (see above): fix or leave out what failed\n"
        ))
        .run();
}
