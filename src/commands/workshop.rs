//! `calibrate workshop`: new sessions, votes, pass-the-laptop runs, reports.

use super::options::Settings;
use crate::answers::DurationText;
use crate::cli::{
    WorkshopCommand, WorkshopFileArg, WorkshopNewArgs, WorkshopReportArgs, WorkshopVoteArgs,
};
use crate::files;
use crate::framework::Framework;
use crate::limits::Kind;
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
    sink::write_file(&args.file, &session.to_yaml(), args.force)?;
    let claims = match session.claims.len() {
        1 => "1 claim".to_string(),
        n => format!("{n} claims"),
    };
    eprintln!(
        "Wrote {} with {claims}. Next: calibrate workshop run {}",
        args.file.display(),
        args.file.display()
    );
    Ok(())
}

fn vote(global: &Settings, args: WorkshopVoteArgs) -> Result<()> {
    let framework = global.framework()?;
    let today = args.today.date();
    let mut session = load(&args.file, &framework, today)?;
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
    let name = vote.participant.trim().to_string();
    let replaced = session.cast(vote).map_err(anyhow::Error::msg)?;
    save(&args.file, &session)?;
    let what = match replaced {
        Some(earlier) => format!("Replaced {earlier}'s earlier vote"),
        None => format!("Saved {name}'s vote"),
    };
    eprintln!(
        "{what} in {} ({} voted).",
        args.file.display(),
        session.votes.len()
    );
    Ok(())
}

/// Asks each participant in turn, clearing the screen between people and
/// saving after every vote, so an interruption loses at most one person.
fn pass_the_laptop(global: &Settings, args: WorkshopFileArg) -> Result<()> {
    if !terminal::interactive() {
        bail!(
            "workshop run asks people in turn and needs a terminal; without one, use `calibrate workshop vote`"
        );
    }
    let framework = global.framework()?;
    let today = args.today.date();
    let mut session = load(&args.file, &framework, today)?;
    ask_everyone(&framework, &mut session, &args.file, today)?;
    eprintln!(
        "{} voted: {}. Next: calibrate workshop report {}",
        session.votes.len(),
        session.voters().join(", "),
        args.file.display()
    );
    Ok(())
}

/// The pass-the-laptop loop: one person at a time, saved after each.
fn ask_everyone(
    framework: &Framework,
    session: &mut Session,
    file: &Path,
    today: jiff::civil::Date,
) -> Result<()> {
    loop {
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
        let Some(name) = interview::next_participant(framework, session)? else {
            break;
        };
        if session.has_voted(&name) && !interview::replace_vote(framework, &name)? {
            continue;
        }
        let vote = interview::vote(framework, session, Some(name.clone()), today)?;
        session.cast(vote).map_err(anyhow::Error::msg)?;
        save(file, session)?;
        interview::hand_over(framework, &name)?;
    }
    exit::set_interrupt_note(None);
    Ok(())
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

fn load(path: &Path, framework: &Framework, today: jiff::civil::Date) -> Result<Session> {
    let input = files::read(path, Kind::Session)?;
    Ok(Session::parse(&input.shown, &input.text, framework, today)?)
}

/// Replaces the session file whole: a crash mid-write leaves the old one.
fn save(path: &Path, session: &Session) -> Result<()> {
    sink::write_file(path, &session.to_yaml(), true)
}
