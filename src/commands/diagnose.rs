//! `calibrate diagnose`: answers from flags, a record or the interview; one report.

use crate::cli::{DiagnoseArgs, GlobalArgs};
use crate::diagnosis::diagnose;
use crate::framework::Framework;
use crate::input::{self, Needs};
use crate::render::{Format, render};
use crate::{sink, terminal};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, args: DiagnoseArgs) -> Result<ExitCode> {
    if let Some(path) = &args.output {
        // Refuse before the interview, not after it.
        sink::check_writable(path, args.force)?;
    }
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or_default();
    let framework = Framework::load(global.playbooks.as_deref())?;
    let record = args
        .record
        .as_deref()
        .map(|path| input::load_record(path, &framework))
        .transpose()?;
    let answers = input::answers(&framework, &args.answers, record.as_ref(), Needs::Diagnosis)?;
    let diagnosis = diagnose(&framework, &answers)?;
    let style = terminal::text_style(global.color);
    match &args.output {
        Some(path) => {
            // A file is read later and elsewhere: no colour, the standard width.
            let report = render(format, &framework, &diagnosis, style.piped());
            sink::write_file(path, &report, args.force)?;
            eprintln!("Wrote {}", path.display());
        }
        None => sink::stdout(&render(format, &framework, &diagnosis, style))?,
    }
    Ok(ExitCode::SUCCESS)
}
