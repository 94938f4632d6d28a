//! `calibrate diff`: how the decision records changed between two versions
//! in git.

use super::options::Settings;
use crate::cli::DiffArgs;
use crate::diff::{self, DiffReport, Snapshot};
use crate::framework::Framework;
use crate::git::{Found, Repo, Side};
use crate::problem::Problem;
use crate::render::sanitize::terminal;
use crate::{exit, files, render, sink};
use anyhow::{Result, bail};
use jiff::civil::Date;
use std::process::ExitCode;

pub fn run(global: &Settings, args: DiffArgs) -> Result<ExitCode> {
    let framework = global.framework()?;
    let today = args.today.date();
    let repo = Repo::open("diff")?;
    let (base, head, paths) = sides(&repo, &args)?;
    let paths = paths
        .iter()
        .map(|p| repo.relative(std::path::Path::new(p)))
        .collect::<Result<Vec<_>>>()?;
    let paths = if paths.is_empty() {
        vec![String::new()]
    } else {
        paths
    };
    let (found_base, found_head) = (repo.records(&base, &paths)?, repo.records(&head, &paths)?);
    // A path that names nothing on either side is a mistake, not "no change".
    for path in paths.iter().filter(|p| !p.is_empty()) {
        let under = |f: &Found| {
            f.path == *path
                || f.path
                    .strip_prefix(path.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        if !found_base.iter().chain(&found_head).any(under) {
            bail!(
                "{path}: no YAML file there at {} or in {}; check the path",
                label(&framework, &base),
                label(&framework, &head)
            );
        }
    }
    let (before, base_problems) = read(&repo, &framework, &base, found_base, today);
    let (after, problems) = read(&repo, &framework, &head, found_head, today);
    let (changes, unchanged) = diff::compare(before, after);
    let report = DiffReport {
        base: label(&framework, &base),
        head: label(&framework, &head),
        changes,
        unchanged,
        problems,
        base_problems,
    };
    // A record broken at the base is not this change's fault (it may be
    // the fix): a warning. Broken at the head, it fails the command.
    for problem in &report.base_problems {
        eprintln!("warning: {}", terminal(&problem.to_string()));
    }
    for problem in &report.problems {
        eprintln!("error: {}", terminal(&problem.to_string()));
    }
    let style = crate::terminal::text_style(global.color);
    sink::stdout(&render::diff(args.format, &framework, style, &report)?)?;
    let code = if !report.problems.is_empty() {
        exit::INPUT
    } else if args.fail_on_mismatch && report.changes.iter().any(|c| c.new_mismatch()) {
        exit::PROBLEM
    } else {
        exit::SUCCESS
    };
    Ok(ExitCode::from(code))
}

/// The two sides and the paths: leading arguments that name revisions (at
/// most two), then paths; everything after `--` is a path.
fn sides(repo: &Repo, args: &DiffArgs) -> Result<(Side, Side, Vec<String>)> {
    let mut revisions = Vec::new();
    let mut paths = Vec::new();
    for arg in &args.args {
        let is_path = std::path::Path::new(arg).exists();
        if paths.is_empty() && revisions.len() < 2 && !is_path {
            revisions.push(repo.revision(arg)?);
        } else if paths.is_empty() && revisions.len() < 2 && repo.is_revision(arg) {
            bail!(
                "'{arg}' is both a revision and a path: put paths after `--`, as in calibrate diff {arg} -- PATH"
            );
        } else {
            paths.push(arg.clone());
        }
    }
    paths.extend(args.paths.iter().cloned());
    let mut revisions = revisions.into_iter();
    let base = match revisions.next() {
        Some(revision) => Side::Commit(revision),
        None => Side::Commit(repo.default_base()?),
    };
    let head = revisions.next().map_or(Side::WorkTree, Side::Commit);
    Ok((base, head, paths))
}

/// How a side is named in the report: `main (3f2c1ab)`, or the work tree.
fn label(framework: &Framework, side: &Side) -> String {
    match side {
        Side::Commit(revision) if revision.name.starts_with(&revision.short) => {
            revision.short.clone()
        }
        Side::Commit(revision) => format!("{} ({})", revision.name, revision.short),
        Side::WorkTree => framework.words.diff.work_tree.clone(),
    }
}

/// Every record at one side, placed, and the problems of those that could
/// not be. A YAML file in a folder that is not a record is left out, as
/// `check` leaves it out.
fn read<'a>(
    repo: &Repo,
    framework: &'a Framework,
    side: &Side,
    found: Vec<Found>,
    today: Date,
) -> (Vec<Snapshot<'a>>, Vec<Problem>) {
    let mut snapshots = Vec::new();
    let mut problems = Vec::new();
    for found in found {
        let Some(text) = repo.read(side, &found) else {
            continue;
        };
        let shown = Repo::shown(side, &found.path);
        let text = match text {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if !found.named && !files::looks_like_record(&text) {
            continue;
        }
        let placed = diff::read(framework, &shown, &found.path, &text, today);
        match placed {
            Ok(snapshot) => snapshots.push(snapshot),
            Err(found) => problems.extend(found),
        }
    }
    (snapshots, problems)
}
