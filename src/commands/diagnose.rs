//! `calibrate diagnose`: answers from flags, a record or the interview; one report.

use super::options::Settings;
use crate::cli::DiagnoseArgs;
use crate::diagnosis::{diagnose, outside_view};
use crate::input::{self, Needs};
use crate::{interview, render};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(global: &Settings, args: DiagnoseArgs) -> Result<ExitCode> {
    let format = args.output.prepare()?;
    let framework = global.framework()?;
    let today = args.today.date();
    let record = args
        .record
        .as_deref()
        .map(|path| input::load_record(path, &framework, today))
        .transpose()?;
    let (answers, interviewed) = input::answers(
        &framework,
        &args.answers.flags(today),
        record,
        Needs::Diagnosis,
    )?;
    let mut diagnosis = diagnose(&framework, &answers)?;
    if !args.track_record.is_empty() {
        let (records, failed) =
            super::calibration::read_records(&framework, &args.track_record, today)?;
        if failed {
            anyhow::bail!(
                "the track record could not all be read (see above): fix or leave out what failed"
            );
        }
        let past = super::calibration::past(&framework, &records, today);
        outside_view(&framework, &mut diagnosis, &past);
    }
    let mut style = args.output.style(global);
    style.brief = args.brief;
    args.output
        .deliver(&render::diagnosis(format, &framework, style, &diagnosis)?)?;
    if interviewed {
        interview::offer_record(&framework, &answers, today)?;
    }
    Ok(ExitCode::SUCCESS)
}
