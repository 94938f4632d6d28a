//! The fuzzers' seeds and every input that once made a fuzzer fail
//! (`fuzz/seeds/<target>`, `fuzz/regressions/<target>`), replayed through
//! the binary: each ends with a result or a clean error, never a panic.

use crate::common;
use std::path::{Path, PathBuf};

/// The files under `fuzz/<kind>/<target>`, if any.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for kind in ["seeds", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) {
            files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
        }
    }
    files.sort();
    files
}

/// Runs `args` and asserts a clean ending: exit 0, 1 or 2, no panic, and
/// no more than a few seconds.
fn assert_clean(input: &Path, args: &[&str]) {
    let started = std::time::Instant::now();
    let out = common::run(args);
    // Generous for a debug build; a regression that hangs takes far longer.
    let took = started.elapsed();
    assert!(
        took < std::time::Duration::from_secs(5),
        "{}: {args:?} took {took:?}",
        input.display()
    );
    assert!(
        [0, 1, 2].contains(&out.code),
        "{}: {args:?} exited {}: {}",
        input.display(),
        out.code,
        out.stderr
    );
    assert!(
        !out.stderr.contains("panicked"),
        "{}: {}",
        input.display(),
        out.stderr
    );
}

const FORMATS: [&str; 5] = ["text", "json", "markdown", "html", "svg"];

#[test]
fn horizons() {
    let files = inputs("horizon");
    assert!(!files.is_empty(), "the horizon seeds are missing");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if text.contains('\0') {
            continue; // an argument cannot carry a NUL byte
        }
        let horizon = format!("--horizon={text}");
        assert_clean(&file, &["diagnose", &horizon, "--facts", "1"]);
    }
}

#[test]
fn records() {
    let files = inputs("record");
    assert!(!files.is_empty(), "the record seeds are missing");
    for file in files {
        let path = file.to_str().unwrap();
        for format in FORMATS {
            assert_clean(&file, &["diagnose", "--record", path, "--format", format]);
        }
        assert_clean(&file, &["check", path]);
        assert_clean(&file, &["portfolio", path]);
    }
}

#[test]
fn portfolios() {
    let files = inputs("portfolio");
    assert!(!files.is_empty(), "the portfolio seeds are missing");
    for file in files {
        let path = file.to_str().unwrap();
        for format in FORMATS {
            assert_clean(&file, &["portfolio", path, "--format", format]);
        }
    }
}

#[test]
fn workshop_sessions() {
    let files = inputs("workshop");
    assert!(!files.is_empty(), "the workshop seeds are missing");
    for file in files {
        let path = file.to_str().unwrap();
        for format in FORMATS {
            assert_clean(&file, &["workshop", "report", path, "--format", format]);
        }
    }
}

/// The pack target's input format: files separated by this line, in this order.
const SEPARATOR: &str = "\n---8<---\n";
const NAMES: [&str; 6] = [
    "framework.yaml",
    "wording.yaml",
    "go-now.yaml",
    "predictable.yaml",
    "discovery.yaml",
    "resilient.yaml",
];

/// A built-in pack as the pack target reads it, as `fuzz/run.sh` seeds it.
fn pack_seed(id: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("playbooks")
        .join(id);
    NAMES
        .iter()
        .map(|name| std::fs::read_to_string(dir.join(name)).unwrap())
        .collect::<Vec<_>>()
        .join(SEPARATOR)
}

/// Writes a pack target input out as a pack folder.
fn unpack(text: &str, dir: &Path) {
    for (name, part) in NAMES.iter().zip(text.split(SEPARATOR)) {
        std::fs::write(dir.join(name), part).unwrap();
    }
}

#[test]
fn packs() {
    for file in inputs("pack") {
        let Ok(text) = String::from_utf8(std::fs::read(&file).unwrap()) else {
            continue;
        };
        let dir = tempfile::tempdir().unwrap();
        unpack(&text, dir.path());
        let pack = dir.path().to_str().unwrap();
        assert_clean(&file, &["playbooks", "validate", pack]);
        assert_clean(
            &file,
            &[
                "--playbooks",
                pack,
                "diagnose",
                "--horizon",
                "6m",
                "--facts",
                "1",
                "--format",
                "html",
            ],
        );
    }
}

#[test]
fn the_pack_seeds_are_the_built_in_packs_in_the_targets_format() {
    for id in ["en", "es"] {
        let dir = tempfile::tempdir().unwrap();
        unpack(&pack_seed(id), dir.path());
        let out = common::run(&["playbooks", "validate", dir.path().to_str().unwrap()]);
        assert_eq!(out.code, 0, "{id}: {}", out.stderr);
    }
}

/// No control character but line ends.
fn assert_no_control(input: &Path, what: &str, text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{}: {what} holds a control character: {text:?}",
        input.display()
    );
}

#[test]
fn outputs() {
    let files = inputs("outputs");
    assert!(!files.is_empty(), "the outputs seeds are missing");
    for file in files {
        let path = file.to_str().unwrap();
        assert_clean(&file, &["check", path, "--format", "github"]);
        let github = common::run(&["check", path, "--format", "github", "--strict"]);
        assert_no_control(&file, "GitHub output", &github.stdout);
        for line in github.stdout.lines() {
            assert!(
                line.starts_with("::error ") || line.starts_with("::notice "),
                "{}: not a workflow command: {line:?}",
                file.display()
            );
        }
        for args in [
            vec!["check", path, "--strict", "--color", "never"],
            vec!["diagnose", "--record", path, "--color", "never"],
        ] {
            let out = common::run(&args);
            assert_no_control(&file, "standard output", &out.stdout);
            assert_no_control(&file, "standard error", &out.stderr);
        }
    }
}
