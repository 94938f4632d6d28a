//! `calibrate diagnose`: answers from flags, a record or the interview; one report.

use crate::cli::{DiagnoseArgs, GlobalArgs};
use crate::diagnosis::diagnose;
use crate::framework::Framework;
use crate::input::{self, Needs};
use crate::render::render;
use crate::{sink, terminal};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, args: DiagnoseArgs) -> Result<ExitCode> {
    let framework = Framework::load(global.playbooks.as_deref())?;
    let record = args
        .record
        .as_deref()
        .map(|path| input::load_record(path, &framework))
        .transpose()?;
    let answers = input::answers(&framework, &args.answers, record.as_ref(), Needs::Diagnosis)?;
    let diagnosis = diagnose(&framework, &answers)?;
    let report = render(
        args.format,
        &framework,
        &diagnosis,
        terminal::text_style(global.color),
    );
    sink::stdout(&report)?;
    Ok(ExitCode::SUCCESS)
}
