//! Shared helpers for the integration tests: run the real binary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The built binary, with a clean environment for colour.
pub fn calibrate() -> Command {
    let mut cmd = Command::cargo_bin("calibrate").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("CALIBRATE_PLAYBOOKS")
        .env_remove("CALIBRATE_PACK");
    cmd
}

/// What a finished run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args` and no standard input.
pub fn run(args: &[&str]) -> Run {
    let output = calibrate().args(args).write_stdin("").output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Runs the binary and parses its standard output as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    let run = run(args);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The repository's default pack, `playbooks/en/`.
pub fn pack_dir() -> PathBuf {
    built_in_dir("en")
}

/// The folder of the built-in pack `id`, such as `playbooks/es/`.
pub fn built_in_dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("playbooks")
        .join(id)
}

/// A copy of the default pack in a temporary folder, to break on purpose.
pub fn pack_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(pack_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Asserts a clean input error: exit 2, a first line starting `error:` that
/// contains `fragment`, no panic, and nothing on stdout.
pub fn assert_input_error(run: &Run, fragment: &str) {
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: "), "first line: {first}");
    assert!(first.contains(fragment), "wanted {fragment:?} in {first:?}");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
}
