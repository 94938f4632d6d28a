//! `calibrate diagnose`: answers from flags (and the interview), one report.

use crate::answers::{Answers, Claim, Status};
use crate::cli::{DiagnoseArgs, GlobalArgs};
use crate::diagnosis::diagnose;
use crate::framework::Framework;
use crate::interview::{self, Partial};
use crate::render::render;
use crate::{sink, terminal};
use anyhow::{Result, bail};
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, args: DiagnoseArgs) -> Result<ExitCode> {
    let framework = Framework::load(global.playbooks.as_deref())?;
    let answers = gather(&framework, &args)?;
    let diagnosis = diagnose(&framework, &answers)?;
    let report = render(
        args.format,
        &framework,
        &diagnosis,
        terminal::text_style(global.color),
    );
    sink::stdout(&report)?;
    Ok(ExitCode::SUCCESS)
}

/// Answers from the flags, with the interview filling gaps when a person is there.
fn gather(framework: &Framework, args: &DiagnoseArgs) -> Result<Answers> {
    if let Some(current) = &args.current {
        framework
            .find_playbook(current)
            .map_err(anyhow::Error::msg)?;
    }
    let partial = Partial {
        initiative: args.name.clone(),
        horizon: args.horizon.clone(),
        claims: claims_from_flags(framework, args)?,
        current_playbook: args.current.clone(),
    };
    let missing = missing_answers(&partial);
    let partial = if missing.is_empty() {
        partial
    } else if !args.no_input && terminal::interactive() {
        interview::complete(framework, partial)?
    } else {
        bail!(
            "missing {}; pass {} (or run in a terminal without --no-input to be asked)",
            missing
                .iter()
                .map(|(what, _)| *what)
                .collect::<Vec<_>>()
                .join(" and "),
            missing
                .iter()
                .map(|(_, flags)| *flags)
                .collect::<Vec<_>>()
                .join(" and ")
        );
    };
    match partial.horizon {
        Some(horizon) if !partial.claims.is_empty() => Ok(Answers {
            initiative: partial.initiative,
            horizon,
            claims: partial.claims,
            current_playbook: partial.current_playbook,
        }),
        _ => bail!("the interview ended before both questions were answered"),
    }
}

/// What is still unanswered, with the flags that answer it.
fn missing_answers(partial: &Partial) -> Vec<(&'static str, &'static str)> {
    let mut missing = Vec::new();
    if partial.horizon.is_none() {
        missing.push(("the horizon", "--horizon DURATION"));
    }
    if partial.claims.is_empty() {
        missing.push((
            "the claims the plan rests on",
            "--fact/--assumption TEXT or --facts/--assumptions N",
        ));
    }
    missing
}

/// Claims from `--fact`, `--assumption` and the quick counts. A fact may
/// start with an evidence kind from the pack, as in `pilot: Agents are faster`.
fn claims_from_flags(framework: &Framework, args: &DiagnoseArgs) -> Result<Vec<Claim>> {
    let mut claims = Vec::new();
    for (texts, status, flag) in [
        (&args.fact_texts, Status::Fact, "--fact"),
        (&args.assumption_texts, Status::Assumption, "--assumption"),
    ] {
        for text in texts {
            if text.trim().is_empty() {
                bail!(
                    "{flag} needs the claim's text, such as {flag} \"Our churn data covers five years\""
                );
            }
            let evidence = text.split_once(':').and_then(|(kind, rest)| {
                framework
                    .evidence
                    .iter()
                    .find(|k| k.id == kind.trim())
                    .map(|k| (k.id.clone(), rest.trim()))
            });
            claims.push(match evidence {
                Some((kind, rest)) if !rest.is_empty() => {
                    Claim::new(rest, status).with_evidence(kind)
                }
                _ => Claim::new(text.trim(), status),
            });
        }
    }
    for (count, status, label) in [
        (args.facts, Status::Fact, "Fact"),
        (args.assumptions, Status::Assumption, "Assumption"),
    ] {
        for n in 1..=count.unwrap_or(0) {
            claims.push(Claim::new(format!("{label} {n}"), status));
        }
    }
    Ok(claims)
}
