//! `calibrate workshop`: new sessions, votes, pass-the-laptop runs, reports.

use super::options::Settings;
use crate::answers::DurationText;
use crate::cli::{
    WorkshopCommand, WorkshopFileArg, WorkshopNewArgs, WorkshopReportArgs, WorkshopVoteArgs,
};
use crate::files;
use crate::framework::Framework;
use crate::limits::Kind;
use crate::lock::Lock;
use crate::session::{Session, Vote};
use crate::{exit, interview, render, sink, terminal, workshop};
use anyhow::{Result, bail};
use std::path::Path;
use std::process::ExitCode;

pub fn run(global: &Settings, command: WorkshopCommand) -> Result<ExitCode> {
    match command {
        WorkshopCommand::New(args) => new(global, args),
        WorkshopCommand::Vote(args) => vote(global, args),
        WorkshopCommand::Run(args) => pass_the_laptop(global, args),
        WorkshopCommand::Report(args) => report(global, args),
    }?;
    Ok(ExitCode::SUCCESS)
}

fn new(global: &Settings, args: WorkshopNewArgs) -> Result<()> {
    session_file(&args.file)?;
    sink::check_writable(&args.file, args.force)?;
    let (name, claims) = if args.name.is_some() && !args.claims.is_empty() {
        (args.name.unwrap_or_default(), args.claims)
    } else if !args.no_input && terminal::interactive() {
        interview::session(&global.framework()?, args.name, args.claims)?
    } else {
        bail!(
            "missing the initiative or its claims; pass --name TEXT and --claim TEXT (repeatable)"
        );
    };
    let session = Session::new(&name, &claims).map_err(anyhow::Error::msg)?;
    {
        let _held = Lock::acquire(&args.file)?;
        sink::write_file(&args.file, &session.to_yaml(), args.force)?;
    }
    let claims = match session.claims.len() {
        1 => "1 claim".to_string(),
        n => format!("{n} claims"),
    };
    terminal::status(&format!(
        "Wrote {} with {claims}. Next: calibrate workshop run {}",
        args.file.display(),
        args.file.display()
    ));
    Ok(())
}

fn vote(global: &Settings, args: WorkshopVoteArgs) -> Result<()> {
    session_file(&args.file)?;
    let framework = global.framework()?;
    let today = args.today.date();
    let session = load(&args.file, &framework, today)?;
    let vote = match (&args.participant, &args.horizon) {
        (Some(participant), Some(horizon)) => {
            framework
                .read_horizon(horizon, today)
                .map_err(|err| anyhow::anyhow!("--horizon: {err}"))?;
            Vote {
                participant: participant.clone(),
                horizon: DurationText(horizon.trim().to_string()),
                facts: args.facts.clone(),
            }
        }
        _ if !args.no_input && terminal::interactive() => {
            interview::vote(&framework, &session, args.participant.clone(), today)?
        }
        _ => bail!(
            "missing the vote; pass --participant NAME and --horizon DURATION (and --fact ID for each claim held as proven)"
        ),
    };
    let (cast, session) = cast(&args.file, vote, &framework, today)?;
    let what = match cast {
        Cast::Replaced(earlier) => format!("Replaced {earlier}'s earlier vote"),
        Cast::Added(name) => format!("Saved {name}'s vote"),
    };
    terminal::status(&format!(
        "{what} in {} ({} voted).",
        args.file.display(),
        session.votes.len()
    ));
    Ok(())
}

/// Asks each participant in turn, clearing the screen between people and
/// saving after every vote, so an interruption loses at most one person.
fn pass_the_laptop(global: &Settings, args: WorkshopFileArg) -> Result<()> {
    session_file(&args.file)?;
    if !terminal::interactive() {
        bail!(
            "workshop run asks people in turn and needs a terminal; without one, use `calibrate workshop vote`"
        );
    }
    let framework = global.framework()?;
    let today = args.today.date();
    load(&args.file, &framework, today)?;
    let session = ask_everyone(&framework, &args.file, today)?;
    terminal::status(&format!(
        "{} voted: {}. Next: calibrate workshop report {}",
        session.votes.len(),
        session.voters().join(", "),
        args.file.display()
    ));
    Ok(())
}

/// The pass-the-laptop loop: one person at a time, saved after each. The
/// file is read afresh for each person, so votes cast meanwhile with
/// `workshop vote` are shown and kept.
fn ask_everyone(framework: &Framework, file: &Path, today: jiff::civil::Date) -> Result<Session> {
    loop {
        let session = load(file, framework, today)?;
        exit::set_interrupt_note(Some(format!(
            "Stopped. {} saved in {}; run `calibrate workshop run {}` to carry on.",
            if session.votes.len() == 1 {
                "1 vote is".to_string()
            } else {
                format!("{} votes are", session.votes.len())
            },
            file.display(),
            file.display()
        )));
        let Some(name) = interview::next_participant(framework, &session)? else {
            exit::set_interrupt_note(None);
            return Ok(session);
        };
        if session.has_voted(&name) && !interview::replace_vote(framework, &name)? {
            continue;
        }
        let vote = interview::vote(framework, &session, Some(name.clone()), today)?;
        cast(file, vote, framework, today)?;
        interview::hand_over(framework, &name)?;
    }
}

fn report(global: &Settings, args: WorkshopReportArgs) -> Result<()> {
    let format = args.output.prepare()?;
    let framework = global.framework()?;
    let today = args.today.date();
    let session = load(&args.file, &framework, today)?;
    if session.votes.is_empty() {
        let file = args.file.display();
        bail!(
            "nobody has voted yet: run `calibrate workshop run {file}` or `calibrate workshop vote {file} ...`"
        );
    }
    let report = workshop::report(&framework, &session, args.anonymous, today)
        .map_err(anyhow::Error::msg)?;
    let style = args.output.style(global);
    args.output
        .deliver(&render::workshop(format, &framework, style, &report)?)?;
    Ok(())
}

/// Refuses `-` where a session is written: votes are kept in a file.
fn session_file(path: &Path) -> Result<()> {
    if sink::is_stdout(path) {
        bail!("-: a workshop session is a file that votes are saved in; give its path, not `-`");
    }
    Ok(())
}

fn load(path: &Path, framework: &Framework, today: jiff::civil::Date) -> Result<Session> {
    let input = files::read(path, Kind::Session)?;
    Ok(Session::parse(&input.shown, &input.text, framework, today)?)
}

/// What casting a vote did.
pub enum Cast {
    /// A new vote, under the name as saved.
    Added(String),
    /// The vote replaced this person's earlier one, under the name it had.
    Replaced(String),
}

/// Adds `vote` to the session file at `path`, under its lock: the file is
/// read afresh, the vote cast, and the file replaced whole before anyone
/// else may write, so no vote cast at the same time is lost. Returns what
/// the vote did, and the session as written.
pub fn cast(
    path: &Path,
    vote: Vote,
    framework: &Framework,
    today: jiff::civil::Date,
) -> Result<(Cast, Session)> {
    // A missing or unreadable session is named before any lock file is made.
    files::open(path, &path.display().to_string())?;
    let _held = Lock::acquire(path)?;
    let mut session = load(path, framework, today)?;
    let cast = match session.cast(vote).map_err(anyhow::Error::msg)? {
        Some(earlier) => Cast::Replaced(earlier),
        None => Cast::Added(
            session
                .voters()
                .last()
                .copied()
                .unwrap_or_default()
                .to_string(),
        ),
    };
    sink::write_file(path, &session.to_yaml(), true)?;
    Ok((cast, session))
}
