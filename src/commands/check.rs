//! `calibrate check`: every record's declared playbook against its diagnosis.

use super::options::Settings;
use crate::answers::Answers;
use crate::check::{self, CheckReport, FileResult, Outcome};
use crate::cli::CheckArgs;
use crate::diagnosis::diagnose;
use crate::files::{self, Entry};
use crate::framework::Framework;
use crate::limits::Kind;
use crate::problem::{Problem, Problems};
use crate::record::Record;
use crate::yaml::Locations;
use crate::{render, sink, terminal};
use anyhow::Result;
use jiff::civil::Date;
use std::process::ExitCode;

/// One file as read and parsed, before it is diagnosed.
struct Read {
    shown: String,
    parsed: Result<(Record, Locations, Answers), Problems>,
}

pub fn run(global: &Settings, args: CheckArgs) -> Result<ExitCode> {
    let framework = global.framework()?;
    let today = args.today.unwrap_or_else(super::options::today);
    let mut skipped = Vec::new();
    let mut read = Vec::new();
    for found in files::discover(&args.paths) {
        match files::read_found(&found, Kind::Record) {
            Entry::Skipped(shown) => skipped.push(shown),
            Entry::Failed(problem) => read.push(Read {
                shown: problem.path.clone(),
                parsed: Err(Problems(vec![problem])),
            }),
            Entry::Read(input) => {
                let parsed = Record::parse_answers(&input.shown, &input.text, &framework, today);
                read.push(Read {
                    shown: input.shown,
                    parsed,
                });
            }
        }
    }
    if read.is_empty() && !args.allow_empty {
        let searched: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        let skipped = match skipped.len() {
            0 => String::new(),
            1 => " (1 YAML file that is not a record)".to_string(),
            n => format!(" ({n} YAML files that are not records)"),
        };
        anyhow::bail!(
            "no decision records found in {}{skipped}: check the path, or pass --allow-empty if none is expected",
            searched.join(", ")
        );
    }
    // Diagnoses borrow the answers, so every file is read before any is diagnosed.
    let files = read
        .iter()
        .map(|file| FileResult {
            path: &file.shown,
            outcome: outcome(&framework, file, today, args.strict),
        })
        .collect();
    let report = CheckReport {
        today,
        strict: args.strict,
        files,
        skipped,
    };
    let style = terminal::text_style(global.color);
    sink::stdout(&render::check(args.format, &framework, style, &report)?)?;
    // On GitHub Actions, the results as Markdown on the run's summary page.
    if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let markdown = render::check(render::Format::Markdown, &framework, style, &report)?;
        if let Err(err) = sink::append(std::path::Path::new(&summary), &format!("{markdown}\n")) {
            terminal::status(&format!("warning: the step summary was not written: {err}"));
        }
    }
    Ok(ExitCode::from(report.exit_code()))
}

/// Diagnoses and checks one record, or reports why it could not be.
fn outcome<'a>(framework: &'a Framework, file: &'a Read, today: Date, strict: bool) -> Outcome<'a> {
    let (record, at, answers) = match &file.parsed {
        Ok(parsed) => parsed,
        Err(problems) => return Outcome::Invalid(problems.clone()),
    };
    match diagnose(framework, answers) {
        Ok(diagnosis) => {
            let findings = check::check(framework, record, at, &diagnosis, today, strict);
            Outcome::Checked {
                diagnosis: Box::new(diagnosis),
                findings,
            }
        }
        Err(err) => Outcome::Invalid(Problems(vec![Problem::in_file(&file.shown, err.0)])),
    }
}
