//! `calibrate init`: write a new decision record.

use super::options::Settings;
use crate::cli::InitArgs;
use crate::diagnosis::diagnose;
use crate::input::{self, Needs};
use crate::record::{self, Record};
use crate::{sink, terminal};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(global: &Settings, args: InitArgs) -> Result<ExitCode> {
    let target = args.file.as_deref().filter(|path| !sink::is_stdout(path));
    if let Some(path) = target {
        // Refuse before the interview, not after five minutes of answers.
        sink::check_writable(path, args.force)?;
    }
    let today = args.today.unwrap_or_else(super::options::today);
    let schema = args.schema.as_deref().unwrap_or(record::SCHEMA_URL);
    let (text, diagnosed) = if args.template {
        (record::template(schema, today), None)
    } else {
        let framework = global.framework()?;
        let (answers, _) =
            input::answers(&framework, &args.answers.flags(today), None, Needs::Record)?;
        let playbook = diagnose(&framework, &answers)?.position.playbook;
        let mut record = Record::from_answers(&answers, today);
        record.owner = args.owner.clone();
        let declared = record.current_playbook.is_some();
        (
            record.to_yaml(schema),
            Some((playbook.id.clone(), playbook.name.clone(), declared)),
        )
    };
    match target {
        Some(path) => {
            sink::write_file(path, &text, args.force)?;
            let shown = path.display();
            match diagnosed {
                Some((_, name, true)) => terminal::status(&format!(
                    "Wrote {shown} (diagnosed {name}). Check it in CI with: calibrate check {shown}"
                )),
                Some((id, name, false)) => terminal::status(&format!(
                    "Wrote {shown} (diagnosed {name}). It declares no playbook, so `calibrate check` has nothing to compare: add `current_playbook: {id}` once the team runs it"
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
