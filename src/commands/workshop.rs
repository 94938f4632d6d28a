//! `calibrate workshop`: new sessions, votes, pass-the-laptop runs, reports,
//! and live workshops.

use super::options::Settings;
use crate::ballot::{cast, load};
use crate::cli::{
    WorkshopCommand, WorkshopFileArg, WorkshopNewArgs, WorkshopReportArgs, WorkshopServeArgs,
    WorkshopVoteArgs,
};
use crate::framework::Framework;
use crate::lock::Lock;
use crate::session::{Round, Session, Vote};
use crate::{exit, interview, render, sink, suggest, terminal, workshop};
use anyhow::{Result, bail};
use std::path::Path;
use std::process::ExitCode;

pub fn run(global: &Settings, command: WorkshopCommand) -> Result<ExitCode> {
    match command {
        WorkshopCommand::New(args) => new(global, args),
        WorkshopCommand::Vote(args) => vote(global, args),
        WorkshopCommand::Run(args) => pass_the_laptop(global, args),
        WorkshopCommand::Report(args) => report(global, args),
        WorkshopCommand::Serve(args) => serve(global, args),
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
    let file = args.file.display();
    terminal::status(&format!(
        "Wrote {file} with {claims}. Next: `calibrate workshop run {file}` to pass one laptop round, or `calibrate workshop serve {file}` for everyone to vote from their own phone"
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
            let mut vote = Vote::new(participant, horizon.trim(), args.facts.clone());
            for given in &args.confidence {
                let (id, sure) = id_and("--confidence", given, "c1=0.8")?;
                once("--confidence", id, vote.confidence.keys())?;
                let sure = crate::answers::read_confidence(sure)
                    .map_err(|err| anyhow::anyhow!("--confidence {id}: {err}"))?;
                vote.confidence.insert(id.to_string(), sure);
            }
            for given in &args.why {
                let (id, why) = id_and("--why", given, "c1=\"we measured it\"")?;
                once("--why", id, vote.why.keys())?;
                vote.why.insert(id.to_string(), why.to_string());
            }
            vote
        }
        _ if !args.no_input && terminal::interactive() => {
            interview::vote(&framework, &session, args.participant.clone(), today)?
        }
        _ => bail!(
            "missing the vote; pass --participant NAME and --horizon DURATION (and --fact ID for each claim held as proven)"
        ),
    };
    let (cast, session) = cast(&args.file, vote, &framework, today)?;
    terminal::status(&format!(
        "{} in {} ({} voted).",
        cast.said(),
        args.file.display(),
        session.current_votes().len()
    ));
    Ok(())
}

/// Splits `ID=VALUE` as given to `flag`.
fn id_and<'a>(flag: &str, given: &'a str, example: &str) -> Result<(&'a str, &'a str)> {
    match given.split_once('=') {
        Some((id, value)) if !id.trim().is_empty() => Ok((id.trim(), value)),
        _ => bail!(
            "{flag} '{given}' names no claim: write the claim's id, '=', then the value, as in {flag} {example}"
        ),
    }
}

/// Refuses a claim `flag` already gave a value for, however its id was typed.
fn once<'a>(flag: &str, id: &str, given: impl IntoIterator<Item = &'a String>) -> Result<()> {
    if let Some(earlier) = given.into_iter().find(|earlier| suggest::same(earlier, id)) {
        bail!("{flag} {id}: claim '{earlier}' was given a value already; give each claim one");
    }
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
        session.current_votes().len(),
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
        // Before anyone answers: a round the facilitator has closed takes no votes.
        session.check_open().map_err(anyhow::Error::msg)?;
        exit::set_interrupt_note(Some(format!(
            "Stopped. {} saved in {}; run `calibrate workshop run {}` to carry on.",
            if session.current_votes().len() == 1 {
                "1 vote is".to_string()
            } else {
                format!("{} votes are", session.current_votes().len())
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
    let file = args.file.display();
    if session.votes.is_empty() {
        bail!(
            "nobody has voted yet: run `calibrate workshop run {file}` or `calibrate workshop vote {file} ...`"
        );
    }
    let round = match args.round {
        None => session.latest_round(),
        Some(1) => Round::First,
        Some(_) if session.round_votes(Round::Second).is_empty() => {
            bail!("--round 2: nobody has voted in the second round of {file} yet")
        }
        Some(_) => Round::Second,
    };
    let report = workshop::report_on(&framework, &session, round, args.anonymous, today)
        .map_err(anyhow::Error::msg)?;
    let style = args.output.style(global);
    args.output
        .deliver(&render::workshop(format, &framework, style, &report)?)?;
    Ok(())
}

/// Serves the session to everyone's phones until Ctrl-C.
fn serve(global: &Settings, args: WorkshopServeArgs) -> Result<()> {
    session_file(&args.file)?;
    crate::live::serve(
        global.framework()?,
        crate::live::Options {
            file: args.file,
            bind: args.bind,
            port: args.port,
            today: args.today.date(),
        },
    )
}

/// Refuses `-` where a session is written: votes are kept in a file.
fn session_file(path: &Path) -> Result<()> {
    if sink::is_stdout(path) {
        bail!("-: a workshop session is a file that votes are saved in; give its path, not `-`");
    }
    Ok(())
}
