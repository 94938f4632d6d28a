//! `calibrate calibration`: the track record over folders of decision records.

use super::options::Settings;
use crate::answers::Status;
use crate::cli::CalibrationArgs;
use crate::diagnosis::position;
use crate::files::{self, Entry};
use crate::framework::Framework;
use crate::limits::Kind;
use crate::record::{ClaimOutcome, Record};
use crate::render::sanitize::terminal;
use crate::track_record::{PastInitiative, ResolvedClaim, track_record};
use crate::{exit, render};
use anyhow::Result;
use jiff::civil::Date;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(global: &Settings, args: CalibrationArgs) -> Result<ExitCode> {
    let format = args.output.prepare()?;
    let framework = global.framework()?;
    let today = args.today.date();
    let (records, failed) = read_records(&framework, &args.paths, today)?;
    if records.is_empty() {
        // Nothing could be read, and each reason is on stderr: an empty
        // report would only hide them.
        return Ok(ExitCode::from(exit::INPUT));
    }
    let past = past(&framework, &records, today);
    let kinds: Vec<&str> = framework.evidence.iter().map(|k| k.id.as_str()).collect();
    let report = track_record(&past, &framework.playbook_ids(), &kinds);
    let style = args.output.style(global);
    args.output
        .deliver(&render::calibration(format, &framework, style, &report)?)?;
    Ok(ExitCode::from(if failed {
        exit::INPUT
    } else {
        exit::SUCCESS
    }))
}

/// Every decision record under `paths`; one that cannot be read is named on
/// stderr and the rest are still read. Whether any failed.
pub fn read_records(
    framework: &Framework,
    paths: &[PathBuf],
    today: Date,
) -> Result<(Vec<Record>, bool)> {
    let mut records = Vec::new();
    let mut failed = false;
    let mut problems = Vec::new();
    for found in files::discover(paths) {
        match files::read_found(&found, Kind::Record) {
            Entry::Read(input) => {
                match Record::parse(&input.shown, &input.text, framework, today) {
                    Ok(parsed) => records.push(parsed.value),
                    Err(found) => problems.extend(found.0),
                }
            }
            Entry::Skipped(_) => {}
            Entry::Failed(problem) => problems.push(problem),
        }
    }
    for problem in &problems {
        failed = true;
        eprintln!("error: {}", terminal(&problem.to_string()));
    }
    if records.is_empty() && !failed {
        let searched: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!(
            "no decision records found in {}: check the path",
            searched.join(", ")
        );
    }
    Ok((records, failed))
}

/// The records as past initiatives: each diagnosed as it was decided (its
/// claims as stated, before any outcome), with its resolved claims.
pub fn past<'a>(
    framework: &'a Framework,
    records: &'a [Record],
    today: Date,
) -> Vec<PastInitiative<'a>> {
    records
        .iter()
        .filter_map(|record| {
            let mut decided = record.clone();
            for claim in &mut decided.claims {
                claim.outcome = None;
            }
            let answers = decided.into_answers(framework, today).ok()?;
            let (placed, _) = position(framework, &answers).ok()?;
            let claims = record
                .claims
                .iter()
                .filter_map(|claim| {
                    let held = claim.outcome? == ClaimOutcome::Held;
                    let evidence = claim
                        .evidence
                        .as_deref()
                        .and_then(|e| framework.find_evidence(e).ok())
                        .map(|k| k.id.as_str());
                    Some(ResolvedClaim {
                        confidence: claim.confidence,
                        held,
                        evidence,
                        fact: claim.status == Status::Fact,
                        owner: record.owner.as_deref(),
                        playbook: &placed.playbook.id,
                    })
                })
                .collect();
            Some(PastInitiative {
                playbook: &placed.playbook.id,
                paid_off: record.outcome.as_ref().map(|o| o.paid_off),
                took_months: record.took_months(framework),
                claims,
            })
        })
        .collect()
}
