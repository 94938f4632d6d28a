//! `calibrate history`: every committed version of one decision record,
//! placed on the 2x2.

use super::options::Settings;
use crate::cli::HistoryArgs;
use crate::diff::{self, Version};
use crate::git::Repo;
use crate::history::{HistoryReport, Step};
use crate::record::Record;
use crate::{render, sink};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(global: &Settings, args: HistoryArgs) -> Result<ExitCode> {
    let framework = global.framework()?;
    let today = args.today.date();
    let repo = Repo::open("history")?;
    let path = repo.relative(&args.record)?;
    let steps = repo
        .versions(&path)?
        .into_iter()
        .map(|version| {
            let shown = format!("{}:{}", version.short, version.path);
            let placed = version
                .text
                .map_err(|problem| problem.message)
                .and_then(|text| {
                    Record::parse_answers(&shown, &text, &framework, today).map_err(|problems| {
                        problems
                            .0
                            .first()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    })
                })
                .and_then(|(_, _, answers)| {
                    diff::snapshot(
                        &framework,
                        Version {
                            path: version.path.clone(),
                            answers,
                        },
                    )
                });
            Step {
                commit: version.short,
                date: version.date,
                author: version.author,
                summary: version.summary,
                placed,
            }
        })
        .collect();
    let report = HistoryReport::new(path, steps);
    let style = crate::terminal::text_style(global.color);
    sink::stdout(&render::history(args.format, &framework, style, &report)?)?;
    Ok(ExitCode::SUCCESS)
}
