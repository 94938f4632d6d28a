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
