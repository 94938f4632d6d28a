//! The real cases in examples/ keep the verdicts the README promises, so the
//! examples can never drift from the tool.

use crate::common;
use common::{json, run};
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

#[test]
fn each_case_lands_in_its_playbook() {
    for (file, playbook, fits) in [
        ("general-mills-supply-chain.yaml", "go-now", true),
        ("morgan-stanley-advisor-assistant.yaml", "discovery", true),
        ("lilly-ai-drug-discovery.yaml", "predictable", true),
        ("shell-energy-scenarios.yaml", "resilient", true),
        ("klarna-customer-service.yaml", "discovery", false),
    ] {
        let path = example(file);
        let v = json(&[
            "diagnose",
            "--record",
            path.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(v["playbook"]["id"], playbook, "{file}");
        assert_eq!(v["current"]["matches"], fits, "{file}");
        assert_eq!(
            v["borderline"], false,
            "{file} should sit clearly in its quadrant"
        );
        let checked = run(&["check", "--today", "2026-11-21", path.to_str().unwrap()]);
        assert_eq!(
            checked.code,
            if fits { 0 } else { 1 },
            "{file}: {}",
            checked.stdout
        );
    }
}

#[test]
fn klarna_fails_because_its_facts_rest_on_vendor_evidence() {
    let path = example("klarna-customer-service.yaml");
    let v = json(&[
        "diagnose",
        "--record",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(v["current"]["id"], "go-now");
    assert_eq!(v["current"]["cost"], "premature_action");
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert_eq!(
        warnings,
        [
            "3 claims held as facts rest on evidence that is not yours (Vendor specifications or demos), which says nothing certain about your own outcome, so each is scored as an assumption: \"The AI assistant will handle two thirds of customer-service chats\", \"The assistant will do work equivalent to 700 full-time customer-service agents\" and \"The assistant meets its specifications for answer accuracy and response time\". Klarna, for one, scaled its assistant on technical specifications and its first weeks' numbers. Test them in your own setting to make them facts."
        ]
    );
}

#[test]
fn checking_the_examples_folder_names_only_klarna() {
    let out = run(&[
        "check",
        "--today",
        "2026-11-21",
        example("").to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let failing: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("FAIL"))
        .collect();
    assert_eq!(failing.len(), 1, "{}", out.stdout);
    assert!(failing[0].contains("klarna-customer-service.yaml"));
    assert!(failing[0].contains("vendor evidence is not a fact"));
    assert!(out.stdout.contains("17 records: 16 pass, 1 fails."));
}

#[test]
fn the_ci_script_passes_calibrate_exit_codes_through() {
    let script = example("ci/check-strategy.sh");
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("calibrate check"));
    let workflow = std::fs::read_to_string(example("ci/calibrate.yml")).unwrap();
    assert!(workflow.contains("calibrate check --format github strategy/"));
    // Run the script against the examples folder with the built binary first on PATH.
    let bin = Path::new(env!("CARGO_BIN_EXE_calibrate")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = std::process::Command::new("sh")
        .arg(&script)
        .arg(example(""))
        .env("PATH", path)
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn the_action_and_the_example_workflow_install_this_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
    let yaml = |path: &str| -> serde_yaml::Value { serde_yaml::from_str(&read(path)).unwrap() };
    let version = env!("CARGO_PKG_VERSION");
    let action = yaml("action.yml");
    assert_eq!(
        action["inputs"]["version"]["default"].as_str(),
        Some(version)
    );
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let workflow = yaml("examples/ci/calibrate.yml");
    let uses: Vec<&str> = workflow["jobs"]["check"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|step| step["uses"].as_str())
        .filter(|uses| uses.starts_with("calibrate-cli/"))
        .collect();
    assert_eq!(uses, [format!("calibrate-cli/calibrate@v{version}")]);
    let release = yaml(".github/workflows/release.yml");
    let targets: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap())
        .collect();
    // Every platform the action can install for is built by the release.
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&target), "{target} is not built");
        assert!(
            read("action.yml").contains(&format!("target={target} ;;")),
            "the action does not install {target}"
        );
    }
}
