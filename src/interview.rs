//! The guided interview: asks, on the terminal, for whatever the flags left
//! out. Prompts go to stderr so the report on stdout stays clean.

use crate::answers::{Claim, DurationText, Horizon, Status};
use crate::exit::Interrupted;
use crate::framework::Framework;
use crate::session::{Session, Vote};
use crate::wording::fill;
use anyhow::Result;
use dialoguer::console::{Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, MultiSelect, Select};

/// What the interview may fill in; `None` or empty means "ask".
#[derive(Debug, Default)]
pub struct Partial {
    pub initiative: Option<String>,
    pub horizon: Option<Horizon>,
    pub claims: Vec<Claim>,
    pub current_playbook: Option<String>,
}

/// Asks for every missing answer and returns the completed set.
/// With `name_required`, the initiative's name must be given (a record needs one).
pub fn complete(
    framework: &Framework,
    mut partial: Partial,
    name_required: bool,
    today: jiff::civil::Date,
) -> Result<Partial> {
    crate::exit::handle_ctrl_c();
    let words = &framework.words.interview;
    let theme = ColorfulTheme::default();
    let term = Term::stderr();
    let width = width(&term);
    let say = |line: String| term.write_line(&line).map_err(interrupted);
    say(format!(
        "{}",
        style(textwrap::fill(&words.intro, width)).dim()
    ))?;
    if partial.initiative.is_none() {
        let prompt = if name_required {
            &words.name
        } else {
            &words.name_optional
        };
        let name: String = Input::with_theme(&theme)
            .with_prompt(prompt)
            .allow_empty(!name_required)
            .interact_text_on(&term)
            .map_err(interrupted)?;
        partial.initiative = Some(name.trim().to_string()).filter(|n| !n.is_empty());
    }
    if partial.horizon.is_none() {
        say(String::new())?;
        say(format!(
            "{}",
            style(textwrap::fill(&framework.horizon.help, width)).dim()
        ))?;
        partial.horizon = Some(ask_horizon(framework, &theme, &term, today)?);
    }
    if partial.claims.is_empty() {
        say(String::new())?;
        say(format!(
            "{}",
            style(textwrap::fill(&framework.knowledge.question, width)).bold()
        ))?;
        say(format!(
            "{}",
            style(textwrap::fill(&framework.knowledge.help, width)).dim()
        ))?;
        say(format!(
            "{}",
            style(textwrap::fill(&words.hypotheses, width)).dim()
        ))?;
        partial.claims = ask_claims(framework, &theme, &term, width)?;
    }
    if partial.current_playbook.is_none() {
        say(String::new())?;
        let mut items = vec![words.not_sure.clone()];
        items.extend(
            framework
                .playbooks
                .iter()
                .map(|p| fit(&format!("{}: {}", p.name, p.summary), width)),
        );
        let chosen = Select::with_theme(&theme)
            .with_prompt(&words.current)
            .items(&items)
            .default(0)
            .interact_on(&term)
            .map_err(interrupted)?;
        partial.current_playbook = chosen
            .checked_sub(1)
            .map(|i| framework.playbooks[i].id.clone());
    }
    say(String::new())?;
    Ok(partial)
}

fn ask_horizon(
    framework: &Framework,
    theme: &ColorfulTheme,
    term: &Term,
    today: jiff::civil::Date,
) -> Result<Horizon> {
    let axis = &framework.horizon;
    let words = &framework.words.interview;
    let mut items: Vec<&str> = axis.choices.iter().map(|c| c.label.as_str()).collect();
    items.push(&words.other_length);
    let chosen = Select::with_theme(theme)
        .with_prompt(&axis.question)
        .items(&items)
        .default(0)
        .interact_on(term)
        .map_err(interrupted)?;
    if let Some(choice) = axis.choices.get(chosen) {
        return framework
            .read_horizon(&choice.horizon, today)
            .map_err(|err| anyhow::anyhow!("the pack's horizon choice '{}': {err}", choice.label));
    }
    let typed: String = Input::with_theme(theme)
        .with_prompt(&words.type_length)
        .validate_with(|text: &String| framework.read_horizon(text, today).map(|_| ()))
        .interact_text_on(term)
        .map_err(interrupted)?;
    framework
        .read_horizon(&typed, today)
        .map_err(anyhow::Error::msg)
}

fn ask_claims(
    framework: &Framework,
    theme: &ColorfulTheme,
    term: &Term,
    width: usize,
) -> Result<Vec<Claim>> {
    let words = &framework.words.interview;
    let mut claims = Vec::new();
    let mut evidence_items: Vec<String> = framework
        .evidence
        .iter()
        .map(|k| fit(&k.name, width))
        .collect();
    // The default: nothing claimed is safer than the strongest evidence.
    let not_recorded = evidence_items.len();
    evidence_items.push(words.not_recorded.clone());
    loop {
        let prompt = if claims.is_empty() {
            words.first_claim.clone()
        } else {
            next_claim(framework, claims.len() + 1)
        };
        let text: String = Input::with_theme(theme)
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text_on(term)
            .map_err(interrupted)?;
        let text = text.trim().to_string();
        if text.is_empty() && claims.is_empty() {
            term.write_line(&format!("{}", style(&words.need_claim).yellow()))
                .map_err(interrupted)?;
            continue;
        }
        if text.is_empty() {
            break;
        }
        let status = Select::with_theme(theme)
            .with_prompt(&words.status)
            .items([&words.status_fact, &words.status_assumption])
            .default(1)
            .interact_on(term)
            .map_err(interrupted)?;
        let mut claim = Claim::new(
            text,
            if status == 0 {
                Status::Fact
            } else {
                Status::Assumption
            },
        );
        if claim.status == Status::Fact {
            term.write_line(&format!(
                "{}",
                style(textwrap::fill(&words.evidence_hint, width)).dim()
            ))
            .map_err(interrupted)?;
            let kind = Select::with_theme(theme)
                .with_prompt(&words.evidence)
                .items(&evidence_items)
                .default(not_recorded)
                .interact_on(term)
                .map_err(interrupted)?;
            if let Some(kind) = framework.evidence.get(kind) {
                if !kind.counts_as_fact {
                    term.write_line(&format!(
                        "{}",
                        style(textwrap::fill(
                            &fill(&words.downgraded, &[("evidence", &kind.name)]),
                            width
                        ))
                        .yellow()
                    ))
                    .map_err(interrupted)?;
                }
                claim = claim.with_evidence(kind.id.clone());
            }
        }
        claims.push(claim);
    }
    Ok(claims)
}

/// Asks for a workshop session's initiative and claims, whichever are missing.
pub fn session(
    framework: &Framework,
    initiative: Option<String>,
    mut claims: Vec<String>,
) -> Result<(String, Vec<String>)> {
    crate::exit::handle_ctrl_c();
    let words = &framework.words.interview;
    let theme = ColorfulTheme::default();
    let term = Term::stderr();
    let initiative = match initiative {
        Some(name) => name,
        None => Input::with_theme(&theme)
            .with_prompt(&words.group_initiative)
            .interact_text_on(&term)
            .map_err(interrupted)?,
    };
    if claims.is_empty() {
        term.write_line(&format!(
            "{}",
            style(textwrap::fill(&words.group_claims, width(&term))).dim()
        ))
        .map_err(interrupted)?;
        loop {
            let text: String = Input::with_theme(&theme)
                .with_prompt(next_claim(framework, claims.len() + 1))
                .allow_empty(!claims.is_empty())
                .interact_text_on(&term)
                .map_err(interrupted)?;
            if text.trim().is_empty() {
                break;
            }
            claims.push(text.trim().to_string());
        }
    }
    Ok((initiative, claims))
}

/// Asks one participant for their vote, in private: their horizon and the
/// claims they hold as proven. `name` is asked for when not given.
pub fn vote(
    framework: &Framework,
    session: &Session,
    name: Option<String>,
    today: jiff::civil::Date,
) -> Result<Vote> {
    crate::exit::handle_ctrl_c();
    let words = &framework.words.interview;
    let theme = ColorfulTheme::default();
    let term = Term::stderr();
    let width = width(&term);
    let participant = match name {
        Some(name) => name,
        None => Input::with_theme(&theme)
            .with_prompt(&words.your_name)
            .interact_text_on(&term)
            .map_err(interrupted)?,
    };
    term.write_line(&format!(
        "{}",
        style(textwrap::fill(&framework.horizon.help, width)).dim()
    ))
    .map_err(interrupted)?;
    let horizon = DurationText(
        ask_horizon(framework, &theme, &term, today)?
            .as_str()
            .to_string(),
    );
    for line in [&words.hypotheses, &words.mark_facts] {
        term.write_line(&format!("{}", style(textwrap::fill(line, width)).dim()))
            .map_err(interrupted)?;
    }
    let items: Vec<String> = session
        .claims
        .iter()
        .map(|c| fit(&c.claim, width))
        .collect();
    // Without colour the colourful theme does not show which item is
    // highlighted; the simple one marks it with '>'.
    let simple = dialoguer::theme::SimpleTheme;
    let list_theme: &dyn dialoguer::theme::Theme = if dialoguer::console::colors_enabled_stderr() {
        &theme
    } else {
        &simple
    };
    let chosen = MultiSelect::with_theme(list_theme)
        .with_prompt(&words.proven)
        .items(&items)
        .interact_on(&term)
        .map_err(interrupted)?;
    Ok(Vote {
        participant: participant.trim().to_string(),
        horizon,
        facts: chosen
            .into_iter()
            .map(|i| session.claims[i].id.clone())
            .collect(),
    })
}

/// Asks who votes next in a pass-the-laptop session; `None` when done.
pub fn next_participant(framework: &Framework, session: &Session) -> Result<Option<String>> {
    crate::exit::handle_ctrl_c();
    let words = &framework.words.interview;
    let theme = ColorfulTheme::default();
    let term = Term::stderr();
    term.clear_screen().map_err(interrupted)?;
    term.write_line(&format!("{}", style(&session.initiative).bold()))
        .map_err(interrupted)?;
    let voters = session.voters();
    let voted = if voters.is_empty() {
        words.nobody_voted.clone()
    } else {
        fill(
            &words.voted_so_far,
            &[
                ("count", &voters.len().to_string()),
                ("names", &voters.join(", ")),
            ],
        )
    };
    term.write_line(&voted).map_err(interrupted)?;
    term.write_line(&format!("{}", style(&words.pass_laptop).dim()))
        .map_err(interrupted)?;
    let name: String = Input::with_theme(&theme)
        .with_prompt(&words.who_next)
        .allow_empty(true)
        .interact_text_on(&term)
        .map_err(interrupted)?;
    Ok(Some(name.trim().to_string()).filter(|n| !n.is_empty()))
}

/// Asks whether to replace the vote of someone who has voted already.
pub fn replace_vote(framework: &Framework, name: &str) -> Result<bool> {
    dialoguer::Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(fill(
            &framework.words.interview.replace_vote,
            &[("name", name)],
        ))
        .default(false)
        .interact_on(&Term::stderr())
        .map_err(interrupted)
}

/// Thanks the person, waits for Enter and clears the screen for the next,
/// so nobody sees an earlier answer.
pub fn hand_over(framework: &Framework, name: &str) -> Result<()> {
    let term = Term::stderr();
    term.write_line(&fill(&framework.words.interview.thanks, &[("name", name)]))
        .map_err(interrupted)?;
    while term.read_key().map_err(interrupted)? != dialoguer::console::Key::Enter {}
    clear(&term)
}

/// "Claim 2 (leave empty when done)".
fn next_claim(framework: &Framework, number: usize) -> String {
    fill(
        &framework.words.interview.next_claim,
        &[("number", &number.to_string())],
    )
}

/// Clears the screen and the scrollback, where earlier answers would linger.
fn clear(term: &Term) -> Result<()> {
    term.clear_screen().map_err(interrupted)?;
    term.write_str("\x1b[3J").map_err(interrupted)
}

/// The width to wrap and cut prompt text to.
fn width(term: &Term) -> usize {
    term.size_checked()
        .map(|(_, columns)| usize::from(columns))
        .filter(|&columns| columns >= 40)
        .unwrap_or(80)
        .min(100)
}

/// One line that fits the terminal, cut with an ellipsis if need be. The
/// list's own marker takes a few columns.
fn fit(text: &str, width: usize) -> String {
    let room = width.saturating_sub(6);
    if text.chars().count() <= room {
        text.to_string()
    } else {
        let cut: String = text.chars().take(room.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Turns a terminal error into [`Interrupted`] when it was Ctrl-C, restoring
/// the cursor that a selection list hides.
fn interrupted(error: impl Into<std::io::Error>) -> anyhow::Error {
    let _ = Term::stderr().show_cursor();
    let io: std::io::Error = error.into();
    if io.kind() == std::io::ErrorKind::Interrupted {
        anyhow::Error::new(Interrupted)
    } else {
        anyhow::Error::new(io).context("the interview could not use the terminal")
    }
}
