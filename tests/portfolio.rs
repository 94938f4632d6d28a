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

#[test]
fn one_broken_initiative_among_500_is_named_and_the_rest_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    let file = generate(dir.path(), 500);
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen(
        "Initiative 000250: AI rollout in unit",
        "Initiative 000250: broken unit",
        1,
    );
    let line = broken
        .lines()
        .position(|l| l.contains("Initiative 000250"))
        .unwrap()
        + 1;
    let horizon_line = line + 1;
    let broken = broken
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == horizon_line {
                "    horizon: soon".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, broken).unwrap();
    let out = run(&["portfolio", &file, "--format", "json"]);
    assert_eq!(out.code, 2);
    let errors: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    let expected = format!("{file}:{horizon_line}:14: initiative \"Initiative 000250: broken unit");
    assert!(
        errors[0].starts_with(&format!("error: {expected}")),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("'soon' is not a duration"));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["initiatives"].as_array().unwrap().len(), 499);
    assert_eq!(v["problems"].as_array().unwrap().len(), 1);
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
    assert!(strict.stdout.contains("Mismatches (1)"));
    assert!(
        strict
            .stdout
            .contains("AI customer-service assistant: declared go-now, diagnosed discovery")
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

#[test]
fn a_portfolio_file_holds_only_initiatives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.yaml");
    std::fs::write(&path, "title: Q3\ninitiatives:\n  - initiative: A\n    horizon: 6m\n    claims:\n      - claim: x\n        status: fact\n").unwrap();
    let out = run(&["portfolio", path.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("p.yaml:1:1: unknown top-level field"),
        "{}",
        out.stderr
    );
}
