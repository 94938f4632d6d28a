//! `calibrate init`: write a new decision record.

use crate::cli::{GlobalArgs, InitArgs};
use crate::diagnosis::diagnose;
use crate::input::{self, Needs};
use crate::record::{self, Record};
use crate::{sink, terminal};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, args: InitArgs) -> Result<ExitCode> {
    let target = args.file.as_deref().filter(|path| !sink::is_stdout(path));
    if let Some(path) = target {
        // Refuse before the interview, not after five minutes of answers.
        sink::check_writable(path, args.force)?;
    }
    let (text, verdict) = if args.template {
        (record::template(), None)
    } else {
        let framework = global.framework()?;
        let answers = input::answers(&framework, &args.answers.flags(), None, Needs::Record)?;
        let playbook = diagnose(&framework, &answers)?
            .position
            .playbook
            .name
            .clone();
        let mut record = Record::from_answers(&answers, args.today.unwrap_or_else(super::today));
        record.owner = args.owner.clone();
        (record.to_yaml(), Some(playbook))
    };
    match target {
        Some(path) => {
            sink::write_file(path, &text, args.force)?;
            let shown = path.display();
            match verdict {
                Some(playbook) => terminal::status(&format!(
                    "Wrote {shown} (diagnosed {playbook}). Check it in CI with: calibrate check {shown}"
                )),
                None => terminal::status(&format!(
                    "Wrote {shown}. Fill it in, then: calibrate diagnose --record {shown}"
                )),
            }
        }
        None => sink::stdout(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
