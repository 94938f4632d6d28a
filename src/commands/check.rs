//! `calibrate check`: every record's declared playbook against its diagnosis.

use crate::answers::Answers;
use crate::check::{self, FileResult, Outcome, Report};
use crate::cli::{CheckArgs, CheckFormat, GlobalArgs};
use crate::diagnosis::diagnose;
use crate::framework::Framework;
use crate::input::read_source;
use crate::record::Record;
use crate::render::{github, json, text};
use crate::yaml::{Problem, Problems};
use crate::{sink, terminal};
use anyhow::Result;
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A file found on the command line or in a folder, read or not.
struct Source {
    shown: String,
    text: Result<String, Problems>,
}

pub fn run(global: &GlobalArgs, args: CheckArgs) -> Result<ExitCode> {
    let framework = Framework::load(global.playbooks.as_deref())?;
    let today = args.today.unwrap_or_else(super::today);
    let mut skipped = Vec::new();
    let sources = discover(&args.paths, &mut skipped);
    let records: Vec<Result<Record, Problems>> = sources
        .iter()
        .map(|source| {
            let text = source.text.as_ref().map_err(Clone::clone)?;
            Record::parse(&source.shown, text, &framework)
        })
        .collect();
    // Diagnoses borrow the answers, so they are all made before any is diagnosed.
    let answers: Vec<Option<Answers>> = records
        .iter()
        .map(|r| r.as_ref().ok().map(Record::answers))
        .collect();
    let files = sources
        .iter()
        .zip(&records)
        .zip(&answers)
        .map(|((source, record), answers)| FileResult {
            path: &source.shown,
            outcome: outcome(
                &framework,
                source,
                record,
                answers.as_ref(),
                today,
                args.strict,
            ),
        })
        .collect();
    let report = Report {
        today,
        strict: args.strict,
        files,
        skipped,
    };
    let rendered = match args.format {
        CheckFormat::Text => text::render_check(&report, terminal::text_style(global.color)),
        CheckFormat::Json => json::render_check(&report),
        CheckFormat::Github => github::render_check(&report),
    };
    sink::stdout(&rendered)?;
    Ok(ExitCode::from(report.exit_code()))
}

/// Diagnoses and checks one record, or reports why it could not be.
fn outcome<'a>(
    framework: &'a Framework,
    source: &Source,
    record: &Result<Record, Problems>,
    answers: Option<&'a Answers>,
    today: Date,
    strict: bool,
) -> Outcome<'a> {
    let (record, answers, text) = match (record, answers, &source.text) {
        (Ok(record), Some(answers), Ok(text)) => (record, answers, text),
        (Err(problems), _, _) => return Outcome::Invalid(problems.clone()),
        _ => unreachable!("a parsed record has its text and answers"),
    };
    match diagnose(framework, answers) {
        Ok(diagnosis) => {
            let findings = check::check(record, text, &diagnosis, today, strict);
            Outcome::Checked {
                diagnosis: Box::new(diagnosis),
                findings,
            }
        }
        Err(err) => Outcome::Invalid(Problems(vec![Problem::in_file(&source.shown, err.0)])),
    }
}

/// The files to check: each file named, and every decision record in each
/// folder named (searched recursively, hidden folders left out). YAML files
/// in folders that are not decision records go to `skipped`.
fn discover(paths: &[PathBuf], skipped: &mut Vec<String>) -> Vec<Source> {
    let mut sources = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            for file in found {
                let source = read(&file);
                match &source.text {
                    Ok(text) if !looks_like_record(text) => skipped.push(source.shown),
                    _ => sources.push(source),
                }
            }
        } else {
            sources.push(read(path));
        }
    }
    sources
}

fn walk(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && !hidden {
            walk(&path, found);
        } else if kind.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            )
        {
            found.push(path);
        }
    }
}

fn read(path: &Path) -> Source {
    match read_source(path) {
        Ok((shown, text)) => Source {
            shown,
            text: Ok(text),
        },
        Err(err) => {
            let shown = path.display().to_string();
            let message = format!("{err:#}");
            let message = message
                .strip_prefix(&format!("{shown}: "))
                .unwrap_or(&message)
                .to_string();
            Source {
                text: Err(Problems(vec![Problem::in_file(&shown, message)])),
                shown,
            }
        }
    }
}

/// A YAML file is taken for a decision record when it is a mapping with one
/// of a record's own keys, or when it does not parse (so the error is shown).
fn looks_like_record(text: &str) -> bool {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            ["initiative", "horizon", "claims", "current_playbook"]
                .iter()
                .any(|key| map.contains_key(*key))
        }
        Ok(_) => false,
        Err(_) => true,
    }
}
