//! Workshops: report logic on sessions with a known answer, the commands,
//! and bad input that never damages the session file.

use crate::common;
use calibrate::packs;
use calibrate::session::{Session, Vote};
use calibrate::workshop::{Alignment, report};
use common::{assert_input_error, run};

fn session(votes: &[(&str, &str, &[&str])]) -> Session {
    let mut s = Session::new(
        "Claims-handling copilot",
        &[
            "Adjusters will trust the suggested settlements".into(),
            "Our claims data is clean".into(),
            "Regulators accept triage".into(),
        ],
    )
    .unwrap();
    for (name, horizon, facts) in votes {
        s.cast(Vote::new(
            name,
            horizon,
            facts.iter().map(|f| f.to_string()).collect(),
        ))
        .unwrap();
    }
    s
}

#[test]
fn a_unanimous_group_is_aligned() {
    let pack = packs::embedded().unwrap();
    let s = session(&[
        ("Ana", "6m", &["c1", "c2"]),
        ("Ben", "3m", &["c1", "c2"]),
        ("Cy", "9m", &["c1", "c2", "c3"]),
    ]);
    let r = report(&pack, &s, false, TODAY).unwrap();
    assert_eq!(r.alignment, Alignment::Aligned);
    assert_eq!(r.consensus.playbook.id, "go-now");
    assert_eq!(
        r.split,
        vec![
            ("go-now", 3),
            ("predictable", 0),
            ("discovery", 0),
            ("resilient", 0)
        ]
    );
    assert_eq!(r.contested.len(), 1, "only c3 divides the group");
    assert_eq!(r.contested[0].id, "c3");
    assert_eq!(r.horizon_spread, (3.0, 9.0));
}

#[test]
fn a_two_two_split_across_both_thresholds_is_split() {
    let pack = packs::embedded().unwrap();
    let s = session(&[
        ("Ana", "6m", &["c1", "c2"]),
        ("Ben", "6m", &["c1", "c2", "c3"]),
        ("Cy", "3y", &[]),
        ("Dee", "2y", &["c3"]),
    ]);
    let r = report(&pack, &s, false, TODAY).unwrap();
    assert_eq!(r.alignment, Alignment::Split);
    assert_eq!(
        r.split,
        vec![
            ("go-now", 2),
            ("predictable", 0),
            ("discovery", 0),
            ("resilient", 2)
        ]
    );
    // Medians: horizon (6 + 24) / 2 = 15 months, score (1/3 + 2/3) / 2 = 0.5.
    assert_eq!(r.consensus.months, 15.0);
    assert!((r.consensus.score - 0.5).abs() < 1e-12);
    assert_eq!(r.consensus.playbook.id, "resilient");
    // Every claim divides them two to two.
    assert_eq!(r.contested.len(), 3);
    assert!(
        r.contested
            .iter()
            .all(|c| c.facts == 2 && c.assumptions == 2)
    );
}

#[test]
fn same_side_of_the_knowledge_threshold_but_split_on_horizon_is_agreement_without_alignment() {
    let pack = packs::embedded().unwrap();
    let s = session(&[
        ("Ana", "6m", &["c1", "c2"]),
        ("Ben", "2y", &["c1", "c2"]),
        ("Cy", "18m", &["c2", "c3"]),
    ]);
    let r = report(&pack, &s, false, TODAY).unwrap();
    assert_eq!(r.alignment, Alignment::AgreementWithoutAlignment);
    assert!(r.participants.iter().all(|p| p.position.score > 0.5));
    assert!(
        r.prompts
            .iter()
            .any(|p| p.contains("1 of you expect the payoff within 12 months and 2 later"))
    );
}

#[test]
fn the_claim_two_hold_as_fact_and_one_does_not_is_first() {
    let pack = packs::embedded().unwrap();
    // c2 splits 2 to 1; c1 and c3 are unanimous.
    let s = session(&[
        ("Ana", "6m", &["c1", "c2"]),
        ("Ben", "6m", &["c1", "c2"]),
        ("Cy", "6m", &["c1"]),
    ]);
    let r = report(&pack, &s, false, TODAY).unwrap();
    assert_eq!(r.contested.len(), 1);
    let first = &r.contested[0];
    assert_eq!(first.id, "c2");
    let who = first.who.as_ref().unwrap();
    assert_eq!(who.facts, ["Ana", "Ben"]);
    assert_eq!(who.assumptions, ["Cy"]);
    assert!(
        r.prompts[0]
            .contains("\"Our claims data is clean\" is proven to 2 of you and an assumption to 1")
    );
}

#[test]
fn the_most_evenly_divided_claim_comes_first() {
    let pack = packs::embedded().unwrap();
    let s = session(&[
        ("Ana", "6m", &["c1", "c2", "c3"]),
        ("Ben", "6m", &["c1", "c2"]),
        ("Cy", "6m", &["c1"]),
        ("Dee", "6m", &["c3"]),
    ]);
    let r = report(&pack, &s, false, TODAY).unwrap();
    // c1 divides 3 to 1, c2 and c3 2 to 2: the even ones first, in claim order.
    let order: Vec<&str> = r.contested.iter().map(|c| c.id).collect();
    assert_eq!(order, ["c2", "c3", "c1"]);
}

#[test]
fn a_divide_in_name_only_ranks_below_one_people_are_sure_of() {
    let pack = packs::embedded().unwrap();
    let mut s = Session::new(
        "Claims-handling copilot",
        &[
            "Adjusters will trust it".into(),
            "Our claims data is clean".into(),
        ],
    )
    .unwrap();
    // c2 divides 2 to 2 by label, but all four think it 80% likely to hold;
    // c1 divides 3 to 1 and nobody said how sure they are.
    for (name, facts) in [
        ("Ana", &["c1", "c2"][..]),
        ("Ben", &["c1", "c2"]),
        ("Cy", &["c1"]),
        ("Dee", &[]),
    ] {
        let mut vote = Vote::new(name, "6m", facts.iter().map(|f| f.to_string()).collect());
        vote.confidence.insert("c2".into(), 0.8);
        s.cast(vote).unwrap();
    }
    let r = report(&pack, &s, false, TODAY).unwrap();
    // c1: 3 people fully on one side, 1 on the other: 2 × 1 / 4 = 0.5.
    // c2: facts weigh 0.8 + 0.8, assumptions (1 − 0.8) × 2 = 0.4: 2 × 0.4 / 4 = 0.2.
    let ranked: Vec<(&str, f64)> = r.contested.iter().map(|c| (c.id, c.tension)).collect();
    assert_eq!(ranked.len(), 2);
    assert_eq!(ranked[0], ("c1", 0.5));
    assert_eq!(ranked[1].0, "c2");
    assert!((ranked[1].1 - 0.2).abs() < 1e-12, "{ranked:?}");
    assert_eq!(r.contested[1].sure, (Some(0.8), Some(0.8)));
    assert_eq!(r.contested[0].sure, (None, None));
}

fn new_session(dir: &std::path::Path) -> String {
    let file = dir.join("session.yaml");
    let out = run(&[
        "workshop",
        "new",
        file.to_str().unwrap(),
        "--name",
        "Claims copilot",
        "--claim",
        "Adjusters will trust it",
        "--claim",
        "Our claims data is clean",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shown = file.display();
    assert_eq!(
        out.stderr,
        format!(
            "Wrote {shown} with 2 claims. Next: `calibrate workshop run {shown}` to pass one laptop round, or `calibrate workshop serve {shown}` for everyone to vote from their own phone\n"
        )
    );
    file.to_str().unwrap().to_string()
}

#[test]
fn vote_adds_and_replaces_and_report_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    for args in [
        ["--participant", "Ana", "--horizon", "6m", "--fact", "c2"].as_slice(),
        &[
            "--participant",
            "Ben",
            "--horizon",
            "18m",
            "--fact",
            "c1",
            "--fact",
            "c2",
        ],
        &["--participant", "Ana", "--horizon", "3m"],
    ] {
        let mut full = vec!["workshop", "vote", &file];
        full.extend_from_slice(args);
        let out = run(&full);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let out = run(&["workshop", "report", &file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let people = v["participants"].as_array().unwrap();
    assert_eq!(people.len(), 2, "Ana's second vote replaced her first");
    assert_eq!(people[0]["name"], "Ana");
    assert_eq!(people[0]["horizon_months"], 3.0);
    assert_eq!(people[0]["knowledge_score"], 0.0);
    assert_eq!(people[0]["playbook"], "discovery");
    assert_eq!(people[1]["playbook"], "predictable");
    assert_eq!(v["consensus"]["horizon_months"], 10.5);
    assert_eq!(v["split"]["discovery"], 1);
    assert_eq!(v["verdict"], "split");
    let contested = v["contested_claims"].as_array().unwrap();
    assert_eq!(contested.len(), 2);
    assert_eq!(contested[0]["fact_votes"], 1);
    assert_eq!(contested[0]["assumption_votes"], 1);
    assert_eq!(contested[0]["fact"][0], "Ben");
}

#[test]
fn vote_takes_how_sure_a_person_is_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    for args in [
        [
            "--participant",
            "Ana",
            "--horizon",
            "6m",
            "--fact",
            "c2",
            "--confidence",
            "c1=30%",
            "--why",
            "c1=Nobody has\x1b[31m asked\nthe adjusters",
        ]
        .as_slice(),
        &[
            "--participant",
            "Ben",
            "--horizon",
            "6m",
            "--fact",
            "c1,c2",
            "--confidence",
            "C1=0.9",
            "--confidence",
            "c2=0,95",
        ],
    ] {
        let mut full = vec!["workshop", "vote", &file];
        full.extend_from_slice(args);
        let out = run(&full);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let out = run(&["workshop", "report", &file]);
    let (_, contested) = out.stdout.split_once("\nContested claims").unwrap();
    let (contested, _) = contested.split_once("\nTo discuss").unwrap();
    assert_eq!(
        contested,
        ", most divided first (each person counted by how sure they are)\n  \
         1. \"Adjusters will trust it\" (c1): 1 as fact, 1 as assumption; likely to hold: 90% say those who\n     \
         call it a fact, 30% the others\n     \
         Fact: Ben. Assumption: Ana.\n     \
         - Ana (assumption, 30% likely to hold): Nobody has[31m asked the adjusters\n"
    );
    // The escape character is kept out of the file too, and the line break.
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("    c1: Nobody has[31m asked the adjusters\n"),
        "{saved}"
    );
}

#[test]
fn anonymous_reports_leave_out_who_said_what() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    run(&[
        "workshop",
        "vote",
        &file,
        "--participant",
        "Ana",
        "--horizon",
        "6m",
        "--fact",
        "c2",
    ]);
    run(&[
        "workshop",
        "vote",
        &file,
        "--participant",
        "Ben",
        "--horizon",
        "6m",
        "--fact",
        "c1",
    ]);
    for format in ["text", "markdown", "html", "json", "svg"] {
        let out = run(&[
            "workshop",
            "report",
            &file,
            "--anonymous",
            "--format",
            format,
        ]);
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        assert!(
            !out.stdout.contains("Ana") && !out.stdout.contains("Ben"),
            "{format}"
        );
        assert!(out.stdout.contains("Participant 1"), "{format}");
    }
}

#[test]
fn html_and_markdown_plot_every_participant() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    for (name, horizon) in [("Ana", "6m"), ("Ben", "2y"), ("Cy", "9m")] {
        run(&[
            "workshop",
            "vote",
            &file,
            "--participant",
            name,
            "--horizon",
            horizon,
        ]);
    }
    let html = run(&["workshop", "report", &file, "--format", "html"]).stdout;
    assert_eq!(html.matches("class=\"point\"").count(), 3);
    assert!(!html.contains("<script"));
    let md = run(&["workshop", "report", &file, "--format", "markdown"]).stdout;
    let chart = md
        .split("```mermaid\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    // Three people and the consensus.
    assert_eq!(chart.lines().filter(|l| l.contains(": [")).count(), 4);
}

#[test]
fn new_refuses_to_overwrite_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    run(&[
        "workshop",
        "vote",
        &file,
        "--participant",
        "Ana",
        "--horizon",
        "6m",
    ]);
    let before = std::fs::read_to_string(&file).unwrap();
    let out = run(&["workshop", "new", &file, "--name", "Other", "--claim", "x"]);
    assert_input_error(
        &out,
        &format!("{file}: already exists; pass --force to overwrite it"),
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn bad_input_is_a_clear_error_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    run(&[
        "workshop",
        "vote",
        &file,
        "--participant",
        "Ana",
        "--horizon",
        "6m",
        "--fact",
        "c2",
    ]);
    let before = std::fs::read_to_string(&file).unwrap();
    for (args, fragment) in [
        (
            vec!["--participant", "Ben", "--horizon", "6m", "--fact", "c9"],
            "there is no claim 'c9': use one of c1, c2",
        ),
        (
            vec!["--participant", "  ", "--horizon", "6m"],
            "the participant's name is blank: pass --participant NAME",
        ),
        (
            vec!["--participant", "Ben"],
            "missing the vote; pass --participant NAME and --horizon DURATION (and --fact ID for each claim held as proven)",
        ),
        (
            vec![
                "--participant",
                "Ben",
                "--horizon",
                "6m",
                "--confidence",
                "c1=1.5",
            ],
            "--confidence c1: confidence 1.5 is out of range: give the probability that the claim holds, from 0 to 1 (such as 0.8)",
        ),
        (
            vec![
                "--participant",
                "Ben",
                "--horizon",
                "6m",
                "--confidence",
                "c1=sure",
            ],
            "--confidence c1: 'sure' is not a confidence: write a probability such as 0.8 or 80%",
        ),
        (
            vec![
                "--participant",
                "Ben",
                "--horizon",
                "6m",
                "--confidence",
                "80%",
            ],
            "--confidence '80%' names no claim: write the claim's id, '=', then the value, as in --confidence c1=0.8",
        ),
        (
            vec![
                "--participant",
                "Ben",
                "--horizon",
                "6m",
                "--confidence",
                "c7=80%",
            ],
            "there is no claim 'c7': use one of c1, c2",
        ),
        (
            vec![
                "--participant",
                "Ben",
                "--horizon",
                "6m",
                "--confidence",
                "c1=0.5",
                "--confidence",
                "C1=0.6",
            ],
            "--confidence C1: claim 'c1' was given a value already; give each claim one",
        ),
        (
            vec![
                "--participant",
                "Ben",
                "--horizon",
                "6m",
                "--why",
                "c2=a",
                "--why",
                "c2=b",
            ],
            "--why c2: claim 'c2' was given a value already; give each claim one",
        ),
    ] {
        let mut full = vec!["workshop", "vote", file.as_str()];
        full.extend_from_slice(&args);
        assert_input_error(&run(&full), fragment);
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn a_hand_written_session_with_problems_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "twice.yaml",
            "initiative: X\nclaims:\n  - id: c1\n    claim: A\nvotes:\n  - participant: Ana\n    horizon: 6m\n  - participant: Ana\n    horizon: 9m\n",
            "twice.yaml:8:18: Ana has voted twice: keep one vote per participant",
        ),
        (
            "ghost.yaml",
            "initiative: X\nclaims:\n  - id: c1\n    claim: A\nvotes:\n  - participant: Ana\n    horizon: 6m\n    facts: [c1, c7]\n",
            "ghost.yaml:8:17: Ana's vote names claim 'c7', which does not exist: use one of c1",
        ),
        (
            "empty.yaml",
            "initiative: X\nclaims: []\n",
            "empty.yaml:2:9: the session has no claims: add at least one, each with id and claim",
        ),
        (
            "blank.yaml",
            "initiative: X\nclaims:\n  - id: c1\n    claim: A\nvotes:\n  - participant: \"\"\n    horizon: 6m\n",
            "blank.yaml:6:18: a vote has a blank participant name",
        ),
        (
            "typo.yaml",
            "initiative: X\nclaim:\n  - id: c1\n",
            "typo.yaml:2:1: unknown field `claim`, did you mean `claims`?",
        ),
    ];
    for (name, text, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let file = path.to_str().unwrap();
        let message = format!("{}/{message}", dir.path().display());
        let fragment = message.as_str();
        assert_input_error(&run(&["workshop", "report", file]), fragment);
        assert_input_error(
            &run(&[
                "workshop",
                "vote",
                file,
                "--participant",
                "Zoe",
                "--horizon",
                "6m",
            ]),
            fragment,
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{name} was changed"
        );
    }
}

#[test]
fn a_report_with_no_votes_says_how_to_get_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    assert_input_error(
        &run(&["workshop", "report", &file]),
        &format!(
            "nobody has voted yet: run `calibrate workshop run {file}` or `calibrate workshop vote {file} ...`"
        ),
    );
}

#[test]
fn names_that_differ_only_in_case_are_one_person_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    run(&[
        "workshop",
        "vote",
        &file,
        "--participant",
        "Élodie",
        "--horizon",
        "6m",
    ]);
    let second = run(&[
        "workshop",
        "vote",
        &file,
        "--participant",
        "élodie",
        "--horizon",
        "2y",
    ]);
    assert_eq!(
        second.stderr,
        format!("Replaced Élodie's earlier vote in {file} (1 voted).\n")
    );
    assert_eq!(second.code, 0);
    let out = run(&["workshop", "report", &file, "--format", "json"]);
    assert_eq!(out.code, 0, "the file still loads: {}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["participants"].as_array().unwrap().len(), 1);
    assert_eq!(v["participants"][0]["name"], "Élodie");
    assert_eq!(v["participants"][0]["horizon_months"], 24.0);
}

#[test]
fn claim_ids_are_read_in_any_case_and_as_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    let out = run(&[
        "workshop",
        "vote",
        &file,
        "--participant",
        "Ana",
        "--horizon",
        "18 months",
        "--fact",
        "C1,c2",
    ]);
    assert_eq!(
        out.stderr,
        format!("Saved Ana's vote in {file} (1 voted).\n")
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.ends_with(
            "votes:\n- participant: Ana\n  horizon: 18 months\n  facts:\n  - c1\n  - c2\n"
        ),
        "{text}"
    );
}

const TODAY: jiff::civil::Date = jiff::civil::date(2026, 11, 22);
