//! `-o FILE`: the format follows the extension, the file is written whole,
//! and nothing is overwritten without --force.

use crate::common;
use common::{assert_input_error, run};

const ANSWERS: [&str; 7] = [
    "diagnose",
    "--horizon",
    "6m",
    "--facts",
    "7",
    "--assumptions",
    "3",
];

fn write(path: &std::path::Path, extra: &[&str]) -> common::Run {
    let mut args = ANSWERS.to_vec();
    args.extend_from_slice(&["-o", path.to_str().unwrap()]);
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn the_extension_chooses_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("r.html", "<!DOCTYPE html>"),
        (
            "r.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"",
        ),
        ("r.md", "# Diagnosis\n"),
        ("r.json", "{\n  \"schema_version\": 1"),
        ("r.txt", "                     Payoff within 12 months"),
        ("report", "                     Payoff within 12 months"),
    ] {
        let path = dir.path().join(name);
        let out = write(&path, &[]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        assert!(
            out.stdout.is_empty(),
            "{name}: the report goes to the file only"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(starts),
            "{name}: {}",
            &text[..text.len().min(80)]
        );
        assert!(!text.contains('\u{1b}'), "{name}: no colour in files");
    }
}

#[test]
fn format_beats_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    assert_eq!(write(&path, &["--format", "json"]).code, 0);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["playbook"]["id"], "go-now");
}

#[test]
fn an_existing_file_is_refused_and_left_untouched_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(&path, "my own notes\n").unwrap();
    let out = write(&path, &[]);
    assert_input_error(
        &out,
        &format!(
            "{}: already exists; pass --force to overwrite it",
            path.display()
        ),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own notes\n");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    let forced = write(&path, &["--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn an_extension_calibrate_does_not_write_is_refused_unless_the_format_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    assert_input_error(
        &write(&path, &[]),
        &format!(
            "{}: calibrate does not write .pdf files: name it .html, .svg, .md, .json or .txt, or pass --format",
            path.display()
        ),
    );
    assert!(!path.exists());
    assert_eq!(write(&path, &["--format", "html"]).code, 0);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let folder = dir.path().to_str().unwrap();
    assert_input_error(
        &write(dir.path(), &["--force"]),
        &format!("{folder}: is a folder; give the name of the file to write the report to"),
    );
}

#[test]
fn force_needs_an_output_file() {
    let mut args = ANSWERS.to_vec();
    args.push("--force");
    let out = run(&args);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: the following required arguments were not provided:\n  --output <FILE>\n\nUsage: calibrate diagnose --output <FILE> --horizon <DURATION> --facts <N> --assumptions <N> --force\n\nFor more information, try '--help'.\n"
    );
}

#[test]
fn a_folder_that_does_not_exist_is_a_clear_error() {
    let out = write(std::path::Path::new("/no/such/folder/report.html"), &[]);
    assert_input_error(
        &out,
        "/no/such/folder/report.html: the folder /no/such/folder does not exist; create it first",
    );
}
