//! Help that teaches: every command shows real examples.

use crate::common;
use calibrate::cli::Cli;
use clap::CommandFactory;

/// Every command path, such as ["workshop", "vote"].
fn paths(command: &clap::Command, at: Vec<String>, out: &mut Vec<Vec<String>>) {
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut path = at.clone();
        path.push(sub.get_name().to_string());
        out.push(path.clone());
        paths(sub, path, out);
    }
}

#[test]
fn every_command_shows_at_least_two_examples_that_run_calibrate() {
    let mut all = Vec::new();
    paths(&Cli::command(), Vec::new(), &mut all);
    assert!(all.len() >= 15, "{all:?}");
    for path in all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = common::run(&args);
        assert_eq!(out.code, 0, "{path:?}: {}", out.stderr);
        let examples = out
            .stdout
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{path:?} has no examples"));
        let commands = examples
            .lines()
            .filter(|l| l.starts_with("  calibrate ") || l.starts_with("  source <(calibrate"))
            .count();
        assert!(commands >= 2, "{path:?}: {commands} examples");
    }
}

#[test]
fn a_command_shows_only_the_options_it_uses_and_its_own_exit_codes() {
    let help = |args: &[&str]| crate::common::run(args).stdout;
    let diagnose = help(&["diagnose", "--help"]);
    assert!(diagnose.contains("--pack <ID>") && diagnose.contains("--color <WHEN>"));
    assert!(diagnose.ends_with(
        "Exit codes:\n  0    success\n  2    usage or input error (the message says what to fix)\n  130  interrupted (Ctrl-C); nothing was written\n"
    ), "{diagnose}");
    let schema = help(&["schema", "--help"]);
    assert!(
        schema.contains("--pack <ID>") && !schema.contains("--color"),
        "{schema}"
    );
    assert!(schema.ends_with(
        "Exit codes:\n  0    success\n  2    usage or input error (the message says what to fix)\n"
    ), "{schema}");
    for args in [["completions", "--help"], ["man", "--help"]] {
        let text = help(&args);
        assert!(
            !text.contains("--pack") && !text.contains("--color"),
            "{text}"
        );
    }
    let validate = help(&["playbooks", "validate", "--help"]);
    assert!(!validate.contains("--pack"), "{validate}");
    let vote = help(&["workshop", "vote", "--help"]);
    assert!(
        vote.ends_with("  130  interrupted (Ctrl-C); the votes already given are saved\n"),
        "{vote}"
    );
}

#[test]
fn man_writes_a_page_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = crate::common::run(&["man", "--dir", folder]);
    assert_eq!(out.stderr, format!("Wrote 22 manual pages to {folder}\n"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 22);
    for page in ["calibrate-workshop-vote.1", "calibrate-workshop-serve.1"] {
        assert!(names.contains(&page.to_string()), "{names:?}");
    }
    let top = std::fs::read_to_string(dir.path().join("calibrate.1")).unwrap();
    // Every page the top page points at is there.
    for name in [
        "calibrate\\-diagnose",
        "calibrate\\-workshop",
        "calibrate\\-playbooks",
    ] {
        assert!(top.contains(name), "{name}");
    }
    let vote = std::fs::read_to_string(dir.path().join("calibrate-workshop-vote.1")).unwrap();
    assert!(vote.contains("calibrate workshop vote"), "{vote}");
    let again = crate::common::run(&["man", "--dir", folder]);
    crate::common::assert_input_error(
        &again,
        &format!("{folder}/calibrate.1: already exists; pass --force to overwrite it"),
    );
}
