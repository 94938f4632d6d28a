//! `calibrate workshop`: new sessions, votes, pass-the-laptop runs, reports.

use crate::cli::{
    GlobalArgs, WorkshopCommand, WorkshopFileArg, WorkshopNewArgs, WorkshopReportArgs,
    WorkshopVoteArgs,
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

pub fn run(global: &GlobalArgs, command: WorkshopCommand) -> Result<ExitCode> {
    match command {
        WorkshopCommand::New(args) => new(global, args),
        WorkshopCommand::Vote(args) => vote(global, args),
        WorkshopCommand::Run(args) => pass_the_laptop(global, args),
        WorkshopCommand::Report(args) => report(global, args),
    }?;
    Ok(ExitCode::SUCCESS)
}

fn new(global: &GlobalArgs, args: WorkshopNewArgs) -> Result<()> {
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
    terminal::status(&format!(
        "Wrote {} with {} claims. Next: calibrate workshop run {}",
        args.file.display(),
        session.claims.len(),
        args.file.display()
    ));
    Ok(())
}

fn vote(global: &GlobalArgs, args: WorkshopVoteArgs) -> Result<()> {
    session_file(&args.file)?;
    let vote = match (&args.participant, &args.horizon) {
        (Some(participant), Some(horizon)) => Vote {
            participant: participant.clone(),
            horizon: horizon.clone(),
            facts: args.facts.clone(),
        },
        _ if !args.no_input && terminal::interactive() => {
            let framework = global.framework()?;
            let session = load(&args.file)?;
            interview::vote(&framework, &session, args.participant.clone())?
        }
        _ => {
            // Read anyway, so a missing or broken file is named first.
            load(&args.file)?;
            bail!(
                "missing the vote; pass --participant NAME and --horizon DURATION (and --fact ID for each claim held as proven)"
            )
        }
    };
    let (name, session) = cast(&args.file, vote)?;
    terminal::status(&format!(
        "Saved {name}'s vote in {} ({} voted).",
        args.file.display(),
        session.votes.len()
    ));
    Ok(())
}

/// Asks each participant in turn, clearing the screen between people and
/// saving after every vote, so an interruption loses at most one person.
fn pass_the_laptop(global: &GlobalArgs, args: WorkshopFileArg) -> Result<()> {
    session_file(&args.file)?;
    if !terminal::interactive() {
        bail!(
            "workshop run asks people in turn and needs a terminal; without one, use `calibrate workshop vote`"
        );
    }
    let framework = global.framework()?;
    load(&args.file)?;
    let session = ask_everyone(&framework, &args.file)?;
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
fn ask_everyone(framework: &Framework, file: &Path) -> Result<Session> {
    loop {
        let session = load(file)?;
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
        let vote = interview::vote(framework, &session, Some(name))?;
        let (name, _) = cast(file, vote)?;
        interview::hand_over(framework, &name)?;
    }
}

fn report(global: &GlobalArgs, args: WorkshopReportArgs) -> Result<()> {
    let format = args.output.prepare()?;
    let framework = global.framework()?;
    let session = load(&args.file)?;
    let report =
        workshop::report(&framework, &session, args.anonymous).map_err(anyhow::Error::msg)?;
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

fn load(path: &Path) -> Result<Session> {
    let input = files::read(path, Kind::Session)?;
    Ok(Session::parse(&input.shown, &input.text)?)
}

/// Adds `vote` to the session file at `path`, under its lock: the file is
/// read afresh, the vote cast, and the file replaced whole before anyone
/// else may write, so no vote cast at the same time is lost. Returns the
/// voter's name as saved, and the session as written.
pub fn cast(path: &Path, vote: Vote) -> Result<(String, Session)> {
    // A missing or unreadable session is named before any lock file is made.
    files::open(path, &path.display().to_string())?;
    let _held = Lock::acquire(path)?;
    let mut session = load(path)?;
    let name = session.cast(vote).map_err(anyhow::Error::msg)?;
    sink::write_file(path, &session.to_yaml(), true)?;
    Ok((name, session))
}
