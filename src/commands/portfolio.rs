//! `calibrate portfolio`: every initiative on one 2x2.

use super::options::Settings;
use crate::cli::PortfolioArgs;
use crate::files::{self, Entry};
use crate::framework::Framework;
use crate::git::{Repo, Revision, Side};
use crate::limits::Kind;
use crate::portfolio::Portfolio;
use crate::render::sanitize::terminal;
use crate::{exit, render};
use anyhow::Result;
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn run(global: &Settings, args: PortfolioArgs) -> Result<ExitCode> {
    let format = args.output.prepare()?;
    let framework = global.framework()?;
    let progress = progress_bar();
    let today = args.today.date();
    // A revision that cannot be read is refused before any work.
    let since = match &args.since {
        Some(spec) => {
            let repo = Repo::open("portfolio --since")?;
            let revision = repo.revision(spec)?;
            Some((repo, revision))
        }
        None => None,
    };
    let mut portfolio = Portfolio::default();
    let placed = |n: usize| progress.inc(n as u64);
    // One file at a time: each is read, placed and let go before the next.
    // A file named on the command line is read as a stream; one found in a
    // folder is read whole first, to tell a record from other YAML.
    for found in files::discover(&args.paths) {
        if !found.searched {
            match files::open_stream(&found.path, Kind::Portfolio) {
                Ok(stream) => portfolio.add(&framework, &stream.shown, &stream, today, &placed),
                Err(problem) => portfolio.problems.push(problem),
            }
            continue;
        }
        match files::read_found(&found, Kind::Portfolio) {
            Entry::Read(input) => {
                portfolio.add_file(&framework, &input.shown, &input.text, today, &placed)
            }
            Entry::Skipped(shown) => portfolio.skipped.push(shown),
            Entry::Failed(problem) => portfolio.problems.push(problem),
        }
    }
    progress.finish_and_clear();
    if let Some((repo, revision)) = since {
        let earlier = at_revision(&repo, &revision, &framework, &args.paths, today)?;
        let label = format!("{} ({})", revision.name, revision.short);
        portfolio.compare_with(label, &earlier);
    }
    for problem in &portfolio.problems {
        eprintln!("error: {}", terminal(&problem.to_string()));
    }
    let style = args.output.style(global);
    args.output.deliver_with(&render::portfolio_writer(
        format, &framework, style, &portfolio,
    )?)?;
    let code = if !portfolio.problems.is_empty() {
        exit::INPUT
    } else if args.fail_on_mismatch && portfolio.mismatches().next().is_some() {
        exit::PROBLEM
    } else {
        exit::SUCCESS
    };
    Ok(ExitCode::from(code))
}

/// A spinner with a count on stderr, only on a terminal, and only shown
/// once the work has taken a moment.
fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message("initiatives placed");
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}

/// The same paths' portfolio as the revision holds it. What cannot be read
/// there is left out: only what moved is asked of it.
fn at_revision<'a>(
    repo: &Repo,
    revision: &Revision,
    framework: &'a Framework,
    paths: &[std::path::PathBuf],
    today: jiff::civil::Date,
) -> Result<Portfolio<'a>> {
    let paths = paths
        .iter()
        .map(|p| repo.relative(p))
        .collect::<Result<Vec<_>>>()?;
    let side = Side::Commit(revision.clone());
    let mut earlier = Portfolio::default();
    for found in repo.records(&side, &paths)? {
        if let Some(Ok(text)) = repo.read(&side, &found) {
            let shown = Repo::shown(&side, &found.path);
            earlier.add_file(framework, &shown, &text, today, &|_| {});
        }
    }
    Ok(earlier)
}
