//! `calibrate history`: every committed version of one decision record,
//! placed on the 2x2.

use super::options::Settings;
use crate::cli::HistoryArgs;
use crate::diff;
use crate::git::Repo;
use crate::history::{HistoryReport, Step};
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
                    diff::read(&framework, &shown, &version.path, &text, today).map_err(
                        |problems| {
                            problems
                                .first()
                                .map(ToString::to_string)
                                .unwrap_or_default()
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
