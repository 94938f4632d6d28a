//! `calibrate portfolio`: every initiative on one 2x2.

use crate::cli::{GlobalArgs, PortfolioArgs};
use crate::exit;
use crate::input;
use crate::portfolio;
use crate::render::{Format, html, json, markdown, svg, text};
use anyhow::Result;
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, args: PortfolioArgs) -> Result<ExitCode> {
    let format = args.output.prepare()?;
    let framework = global.framework()?;
    let mut skipped = Vec::new();
    let sources = input::discover(&args.paths, crate::limits::Kind::Portfolio, &mut skipped);
    let progress = progress_bar();
    let mut portfolio = portfolio::load(&framework, &sources, &|n| progress.inc(n as u64));
    progress.finish_and_clear();
    portfolio.skipped = skipped;
    for problem in &portfolio.problems {
        eprintln!("error: {problem}");
    }
    let style = args.output.style(global);
    let rendered = match format {
        Format::Text => text::render_portfolio(&framework, &portfolio, style),
        Format::Json => json::render_portfolio(&framework, &portfolio),
        Format::Markdown => markdown::render_portfolio(&framework, &portfolio),
        Format::Html => html::render_portfolio(&framework, &portfolio),
        Format::Svg => svg::render_portfolio(&framework, &portfolio),
    };
    args.output.deliver(&rendered)?;
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
