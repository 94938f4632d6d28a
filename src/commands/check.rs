//! `calibrate check`: every record's declared playbook against its diagnosis.

use crate::answers::Answers;
use crate::check::{self, FileResult, Outcome, Report};
use crate::cli::{CheckArgs, CheckFormat, GlobalArgs};
use crate::diagnosis::diagnose;
use crate::framework::Framework;
use crate::input::{self, Source};
use crate::record::Record;
use crate::render::{github, json, text};
use crate::yaml::{Problem, Problems};
use crate::{sink, terminal};
use anyhow::Result;
use jiff::civil::Date;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, args: CheckArgs) -> Result<ExitCode> {
    let framework = global.framework()?;
    let today = args.today.unwrap_or_else(super::today);
    let mut skipped = Vec::new();
    let sources = input::discover(&args.paths, crate::limits::Kind::Record, &mut skipped);
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
        CheckFormat::Text => {
            text::render_check(&framework, &report, terminal::text_style(global.color))
        }
        CheckFormat::Json => json::render_check(&report),
        CheckFormat::Github => github::render_check(&framework, &report),
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
            let findings = check::check(framework, record, text, &diagnosis, today, strict);
            Outcome::Checked {
                diagnosis: Box::new(diagnosis),
                findings,
            }
        }
        Err(err) => Outcome::Invalid(Problems(vec![Problem::in_file(&source.shown, err.0)])),
    }
}
