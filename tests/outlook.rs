//! Confidence on claims, the simulation of a plan, "test this first", and
//! the tripwires `check --strict` holds a record to.

use crate::common::{Test, assert_input_error, json, run};
use calibrate::simulate::{self, Plan, Uncertain};

fn pack() -> calibrate::framework::Framework {
    calibrate::packs::embedded().expect("the built-in pack is valid")
}

/// Shares in the order of `Quadrant::ALL`: go-now, predictable, discovery,
/// resilient.
fn shares(plan: Plan, runs: u32) -> [f64; 4] {
    simulate::simulate(&pack(), plan, runs, simulate::SEED).shares
}

/// A measured fact (always holds), a vendor "fact" held at 0.6 and an
/// assumption held at 0.7, all of weight 1, with the payoff somewhere in
/// 8m..18m (a 90% range).
///
/// Worked by hand:
/// - Knowledge: the facts side needs more than half of 3, so 2 of the 3
///   claims; the measured one always holds, so at least one of the other
///   two: 1 - 0.4 x 0.3 = 0.88.
/// - Horizon: log-normal with 5th and 95th percentiles 8 and 18 months, so
///   its median is sqrt(8 x 18) = 12 and sigma = ln(18/8) / (2 x 1.6449) =
///   0.246505. The short side runs to 12 months plus half a day (0.016427
///   months): z = ln(12.016427 / 12) / 0.246505 = 0.005553, and
///   Phi(z) = 0.502215.
/// - Go NOW! 0.88 x 0.502215 = 0.441949; Predictable 0.88 x 0.497785 =
///   0.438051; Discovery 0.12 x 0.502215 = 0.060266; Resilient 0.059734.
const EXACT: [f64; 4] = [0.441949, 0.438051, 0.060266, 0.059734];

fn worked_plan(claims: &[Uncertain]) -> Plan<'_> {
    Plan {
        months: 12.0,
        range: Some((8.0, 18.0)),
        claims,
        declared: None,
    }
}

const WORKED: [Uncertain; 3] = [
    Uncertain {
        weight: 1.0,
        holds: 1.0,
    },
    Uncertain {
        weight: 1.0,
        holds: 0.6,
    },
    Uncertain {
        weight: 1.0,
        holds: 0.7,
    },
];

#[test]
fn the_simulation_converges_to_the_shares_worked_by_hand() {
    // Tolerance: three standard errors of a share near one half, which
    // shrinks as one over the square root of the runs.
    for runs in [10_000u32, 100_000, 1_000_000] {
        let tolerance = 3.0 * (0.25 / f64::from(runs)).sqrt();
        let got = shares(worked_plan(&WORKED), runs);
        for (q, (got, exact)) in got.iter().zip(EXACT).enumerate() {
            assert!(
                (got - exact).abs() <= tolerance,
                "{runs} runs, quadrant {q}: {got} against {exact} (tolerance {tolerance})"
            );
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_runs() {
    let first = simulate::simulate(&pack(), worked_plan(&WORKED), 5_000, 42);
    let again = simulate::simulate(&pack(), worked_plan(&WORKED), 5_000, 42);
    assert_eq!(first, again);
    let other = simulate::simulate(&pack(), worked_plan(&WORKED), 5_000, 43);
    assert_ne!(first.shares, other.shares);
}

#[test]
fn a_diagnosis_reports_the_shares_and_the_chance_the_declared_playbook_does_not_fit() {
    let out = json(&[
        "diagnose",
        "--horizon",
        "8m..18m",
        "--fact",
        "measured: Our volumes are stable",
        "--fact",
        "vendor 60%: The bot resolves two thirds of queries",
        "--assumption",
        "0.7: Customers accept the bot",
        "--current",
        "go-now",
        "--format",
        "json",
    ]);
    let outlook = &out["outlook"];
    assert_eq!(outlook["runs"], 10_000);
    assert_eq!(outlook["horizon_range"], serde_json::json!([8.0, 18.0]));
    let share = |id: &str| outlook["shares"][id].as_f64().unwrap();
    // 10,000 runs: within three standard errors (0.015) of the hand-worked shares.
    for (id, exact) in ["go-now", "predictable", "discovery", "resilient"]
        .into_iter()
        .zip(EXACT)
    {
        assert!((share(id) - exact).abs() <= 0.015, "{id}: {}", share(id));
    }
    let misfit = outlook["declared_misfit"].as_f64().unwrap();
    assert!((misfit - (1.0 - share("go-now"))).abs() < 1e-9);
    // A 90% range is placed at its geometric middle, 12 months.
    assert_eq!(out["horizon"]["months"], 12.0);
    assert_eq!(out["claims"][1]["confidence"], 0.6);
    assert_eq!(out["claims"][2]["confidence"], 0.7);
    assert_eq!(out["claims"][0]["confidence"], serde_json::Value::Null);
}

#[test]
fn without_confidences_or_a_range_there_is_no_simulation() {
    let out = json(&[
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "2",
        "--assumptions",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(out["outlook"], serde_json::Value::Null);
}

/// Value of information, worked by hand. Six months (short side fixed);
/// four claims of weight 1: a measured fact, and assumptions A (held at
/// 0.5), B (0.9) and C (0.2). Go NOW! needs more than 2 of the 4 weights,
/// so the fact and two of A, B, C.
///
/// The value of learning a claim held at q is 2 q (1 - q) times the
/// distance between the playbook shares when it holds and when it fails:
/// - A: holds -> one of B, C: 1 - 0.1 x 0.8 = 0.92; fails -> both: 0.18;
///   distance 0.74; value 2 x 0.5 x 0.5 x 0.74 = 0.37.
/// - B: holds -> one of A, C: 1 - 0.5 x 0.8 = 0.6; fails -> both: 0.1;
///   distance 0.5; value 2 x 0.9 x 0.1 x 0.5 = 0.09.
/// - C: holds -> one of A, B: 1 - 0.5 x 0.1 = 0.95; fails -> both: 0.45;
///   distance 0.5; value 2 x 0.2 x 0.8 x 0.5 = 0.16.
///
/// So A first, then C, then B: the claim held most confidently is the least
/// worth testing, and a coin flip the most.
#[test]
fn test_this_first_ranks_claims_by_the_value_of_learning_them() {
    let out = json(&[
        "diagnose",
        "--horizon",
        "6m",
        "--fact",
        "measured: Our volumes are stable",
        "--assumption",
        "50%: A. Agents adopt it",
        "--assumption",
        "90%: B. The data is clean enough",
        "--assumption",
        "20%: C. Customers accept the bot",
        "--format",
        "json",
    ]);
    let tests = out["outlook"]["test_first"].as_array().unwrap();
    let ranked: Vec<(&str, f64)> = tests
        .iter()
        .map(|t| (t["claim"].as_str().unwrap(), t["value"].as_f64().unwrap()))
        .collect();
    let names: Vec<&str> = ranked.iter().map(|(claim, _)| *claim).collect();
    assert_eq!(
        names,
        [
            "A. Agents adopt it",
            "C. Customers accept the bot",
            "B. The data is clean enough"
        ]
    );
    for ((_, got), exact) in ranked.iter().zip([0.37, 0.16, 0.09]) {
        assert!((got - exact).abs() <= 0.015, "{got} against {exact}");
    }
    assert_eq!(tests[0]["index"], 1);
    assert_eq!(tests[0]["confidence"], 0.5);
}

#[test]
fn the_text_report_names_the_claims_to_test_first() {
    let out = run(&[
        "diagnose",
        "--horizon",
        "6m",
        "--fact",
        "measured: Our volumes are stable",
        "--assumption",
        "50%: Agents adopt it",
        "--assumption",
        "90%: The data is clean enough",
        "--assumption",
        "20%: Customers accept the bot",
        "--current",
        "discovery",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let section: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("How stable"))
        .take_while(|l| !l.starts_with('╭'))
        .collect();
    // The hand-worked values are 55% and 45%, and 37%, 16% and 9%.
    assert_eq!(
        section.join("\n"),
        r#"How stable the diagnosis is
  • Go NOW! in 54% of outcomes
  • Discovery Planning in 46% of outcomes
  The chance that Discovery Planning, the playbook you run today, does not fit: 54%
  The plan played out 10000 times, each claim holding with the confidence given (a claim without one
  stays as it is scored today)

Test this first
  1. "Agents adopt it" (50% sure): knowing whether it holds would move 37% of outcomes to another
     playbook
  2. "Customers accept the bot" (20% sure): knowing whether it holds would move 16% of outcomes to
     another playbook
  3. "The data is clean enough" (90% sure): knowing whether it holds would move 9% of outcomes to
     another playbook
  Test it with a small experiment in your own setting, within weeks, with its success criterion
  written before it starts.
"#
    );
}

#[test]
fn a_confidence_is_written_before_the_colon_as_a_percentage_or_a_decimal() {
    let out = json(&[
        "diagnose",
        "--horizon",
        "6m",
        "--fact",
        "pilot 80%: Agents resolve tickets faster",
        "--fact",
        "Q3 2026: volumes peak",
        "--assumption",
        ".25: Customers accept the bot",
        "--format",
        "json",
    ]);
    let claims = out["claims"].as_array().unwrap();
    assert_eq!(claims[0]["claim"], "Agents resolve tickets faster");
    assert_eq!(claims[0]["evidence"], "pilot");
    assert_eq!(claims[0]["confidence"], 0.8);
    // A year is not a confidence.
    assert_eq!(claims[1]["claim"], "Q3 2026: volumes peak");
    assert_eq!(claims[1]["confidence"], serde_json::Value::Null);
    assert_eq!(claims[2]["claim"], "Customers accept the bot");
    assert_eq!(claims[2]["confidence"], 0.25);
}

#[test]
fn a_confidence_out_of_range_is_refused() {
    let out = run(&[
        "diagnose",
        "--horizon",
        "6m",
        "--fact",
        "pilot 180%: Agents resolve tickets faster",
    ]);
    assert_input_error(
        &out,
        "--fact \"pilot 180%: …\": confidence 1.8 is out of range: give the probability that the claim holds, from 0 to 1 (such as 0.8)",
    );
    for (horizon, message) in [
        (
            "6m..3m",
            "--horizon: '6m..3m' is not a range: write the shorter end first, as in 9m..18m",
        ),
        (
            "9m..",
            "--horizon: '9m..' is a range with an end missing: write both ends, as in 9m..18m",
        ),
        (
            "..",
            "--horizon: '..' is a range with an end missing: write both ends, as in 9m..18m",
        ),
        (
            "9m...18m",
            "--horizon: '9m...18m' is not a range: put two dots between the ends, as in 9m..18m",
        ),
        (
            "12m..1y",
            "--horizon: '12m..1y' has the same length at both ends: write one duration (12m) or a range whose ends differ, as in 9m..18m",
        ),
    ] {
        let out = run(&["diagnose", "--horizon", horizon, "--facts", "1"]);
        assert_input_error(&out, message);
    }
}

const RECORD: &str = "\
initiative: Refund assistant
horizon: 6m
current_playbook: discovery
reviewed: 2026-01-10
claims:
  - claim: Our refund volumes are stable
    status: fact
    evidence: measured
  - claim: Customers accept a bot for refunds
    status: assumption
    confidence: 0.7
    test:
      hypothesis: Half of refund chats close without an agent
      metric: share of refund chats closed by the bot
      success: at least 50% over four weeks
      resolve_by: 2026-03-31
  - claim: Agents trust the bot's answers
    status: assumption
kill_criteria:
  - state: Fewer than 30% of refund chats close without an agent
    date: 2026-06-30
";

fn record_in(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("refunds.yaml");
    std::fs::write(&path, text).unwrap();
    let shown = path.to_str().unwrap().to_string();
    (dir, shown)
}

#[test]
fn strict_check_fails_on_overdue_tests_and_tripwires_passed_without_review() {
    let (_dir, path) = record_in(RECORD);
    Test::new(&["check", "--strict", "--today", "2026-07-15", &path])
        .status(1)
        .stdout(format!(
            "FAIL    {path}:16: the test of \"Customers accept a bot for refunds\" was to be resolved by 2026-03-31 and has no outcome: record outcome (held or failed) and resolved, or move resolve_by\n\
             FAIL    {path}:21: the kill criterion \"Fewer than 30% of refund chats close without an agent\" fell due on 2026-06-30 with no review since: review the initiative against it and update reviewed\n\
             \n\
             1 record: 0 pass, 1 fails.\n"
        ))
        .run();
    // Before the dates, and without --strict, nothing is due.
    Test::new(&["check", "--strict", "--today", "2026-03-01", &path])
        .stdout(format!(
            "pass    {path}: discovery fits\n\n1 record: 1 pass.\n"
        ))
        .run();
    Test::new(&["check", "--today", "2026-07-15", &path])
        .stdout(format!(
            "pass    {path}: discovery fits\n\n1 record: 1 pass.\n"
        ))
        .run();
}

#[test]
fn an_outcome_and_a_review_settle_the_tripwires() {
    let settled = RECORD
        .replace("reviewed: 2026-01-10", "reviewed: 2026-07-01")
        .replace(
            "      resolve_by: 2026-03-31\n",
            "      resolve_by: 2026-03-31\n    outcome: failed\n    resolved: 2026-03-28\n    note: 31% closed without an agent\n",
        );
    let (_dir, path) = record_in(&settled);
    Test::new(&["check", "--strict", "--today", "2026-07-15", &path])
        .stdout(format!(
            "pass    {path}: discovery fits\n\n1 record: 1 pass.\n"
        ))
        .run();
}

#[test]
fn a_closed_initiative_is_noted_and_not_held_to_its_dates() {
    let closed =
        format!("{RECORD}outcome:\n  paid_off: false\n  resolved: 2026-09-01\n  took: 8m\n");
    let (_dir, path) = record_in(&closed);
    Test::new(&["check", "--strict", "--today", "2026-11-15", &path])
        .stdout(format!(
            "note    {path}:22: closed: the initiative did not pay off, so nothing is left to check\n\n1 record: 1 pass.\n"
        ))
        .run();
}

#[test]
fn a_share_too_small_to_round_to_one_percent_is_not_called_zero() {
    // 14m..2y is a 90% range: a few runs fall under 12 months, fewer than
    // one in two hundred, so those playbooks are rare, not impossible.
    let out = run(&[
        "diagnose",
        "--horizon",
        "14m..2y",
        "--fact",
        "vendor 25%: The model reads handwriting",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shares: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "How stable the diagnosis is")
        .skip(1)
        .take_while(|l| l.starts_with("  • "))
        .collect();
    assert_eq!(
        shares,
        [
            "  • Resilient Strategy in 75% of outcomes",
            "  • Predictable Planning in 25% of outcomes",
            "  • Discovery Planning in under 1% of outcomes",
            "  • Go NOW! in under 1% of outcomes",
        ]
    );
}

#[test]
fn a_claim_that_held_counts_as_a_pilot_fact() {
    let held = RECORD.replace(
        "      resolve_by: 2026-03-31\n",
        "      resolve_by: 2026-03-31\n    outcome: held\n    resolved: 2026-03-28\n",
    );
    let (_dir, path) = record_in(&held);
    let out = json(&["diagnose", "--record", &path, "--format", "json"]);
    assert_eq!(out["claims"][1]["status"], "fact");
    assert_eq!(out["claims"][1]["evidence"], "pilot");
    assert_eq!(out["claims"][1]["counted_as"], "fact");
    assert_eq!(out["playbook"]["id"], "go-now");
}

#[test]
fn a_record_confidence_out_of_range_names_its_line() {
    let (_dir, path) = record_in(&RECORD.replace("confidence: 0.7", "confidence: 7"));
    let out = run(&["check", "--today", "2026-03-01", &path]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stdout,
        format!(
            "invalid {path}:11:17: confidence 7 is out of range: give the probability that the claim holds, from 0 to 1 (such as 0.8)\n\n1 record: 0 pass, 1 invalid.\n"
        )
    );
}

#[test]
fn the_chart_prints_the_share_of_outcomes_in_each_quadrant() {
    let out = run(&[
        "diagnose",
        "--horizon",
        "6m",
        "--fact",
        "measured: Our volumes are stable",
        "--assumption",
        "50%: Agents adopt it",
        "--assumption",
        "90%: The data is clean enough",
        "--assumption",
        "20%: Customers accept the bot",
        "--format",
        "svg",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = roxmltree::Document::parse(&out.stdout).unwrap();
    let counts: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("count"))
        .map(|n| {
            (
                n.attribute("data-quadrant").unwrap().to_string(),
                n.text().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let shown: Vec<(&str, &str)> = counts
        .iter()
        .map(|(q, t)| (q.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("short-facts", "54%"),
            ("long-facts", "0%"),
            ("short-assumptions", "46%"),
            ("long-assumptions", "0%")
        ]
    );
    assert!(
        out.stdout
            .contains(">Share of simulated outcomes in each quadrant</text>"),
        "{}",
        out.stdout
    );
}

#[test]
fn claims_to_test_first_stay_text_in_html_and_markdown() {
    let args = |format: &'static str| {
        run(&[
            "diagnose",
            "--horizon",
            "6m",
            "--fact",
            "measured: Our volumes are stable",
            "--assumption",
            "50%: <script>alert(1)</script> | `x`",
            "--format",
            format,
        ])
    };
    let html = args("html");
    assert!(!html.stdout.contains("<script>"), "{}", html.stdout);
    assert!(
        html.stdout
            .contains("&#34;&#60;script&#62;alert(1)&#60;/script&#62; | `x`&#34; (50% sure)"),
        "{}",
        html.stdout
    );
    let markdown = args("markdown");
    assert!(
        markdown
            .stdout
            .contains("1. \"\\<script\\>alert(1)\\</script\\> \\| \\`x\\`\" (50% sure)"),
        "{}",
        markdown.stdout
    );
}
