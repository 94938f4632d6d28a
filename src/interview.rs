//! The guided interview: asks, on the terminal, for whatever the flags left
//! out. Prompts go to stderr so the report on stdout stays clean.

use crate::answers::{Claim, DurationText, Horizon, Status};
use crate::exit::Interrupted;
use crate::framework::Framework;
use crate::render::sanitize::plain;
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

/// The weight of a claim marked as one the plan depends on most.
const MATTERS_MOST: f64 = 2.0;

/// Asks for every missing answer, then shows them all for review, and
/// returns the completed set. With `name_required`, the initiative's name
/// must be given (a record needs one).
pub fn complete(
    framework: &Framework,
    mut partial: Partial,
    name_required: bool,
    today: jiff::civil::Date,
) -> Result<Partial> {
    crate::exit::handle_ctrl_c();
    let ask = Asker::new(framework, today);
    let words = &framework.words.interview;
    ask.note(&words.intro)?;
    if partial.initiative.is_none() {
        partial.initiative = ask.name(name_required, None)?;
    }
    if partial.horizon.is_none() {
        ask.say("")?;
        ask.note(&framework.horizon.help)?;
        partial.horizon = Some(ask.horizon()?);
    }
    if partial.claims.is_empty() {
        ask.say("")?;
        ask.say(&format!(
            "{}",
            style(textwrap::fill(&framework.knowledge.question, ask.width)).bold()
        ))?;
        ask.note(&framework.knowledge.help)?;
        ask.note(&words.hypotheses)?;
        partial.claims = ask.claims()?;
        ask.weights(&mut partial.claims)?;
    }
    if partial.current_playbook.is_none() {
        ask.say("")?;
        partial.current_playbook = ask.current()?;
    }
    ask.review(&mut partial, name_required)?;
    Ok(partial)
}

/// Offers, after the report, to save interview answers as a decision record,
/// so five minutes of answers are not lost; writes it, or says how to later.
pub fn offer_record(
    framework: &Framework,
    answers: &crate::answers::Answers,
    today: jiff::civil::Date,
) -> Result<()> {
    let ask = Asker::new(framework, today);
    let words = &framework.words.interview;
    ask.say("")?;
    ask.say(&textwrap::fill(&words.save_record, ask.width))?;
    let suggested = suggested_file(answers.initiative.as_deref().unwrap_or_default());
    let file: String = Input::with_theme(&ask.theme)
        .with_prompt(&words.file_name)
        .with_initial_text(suggested)
        .allow_empty(true)
        .interact_text_on(&ask.term)
        .map_err(interrupted)?;
    let file = file.trim();
    if file.is_empty() {
        let command = init_command(answers);
        return ask.say(&fill(&words.not_saved, &[("command", &command)]));
    }
    let path = std::path::Path::new(file);
    let replace = path.exists()
        && dialoguer::Confirm::with_theme(&ask.theme)
            .with_prompt(fill(&words.replace_file, &[("file", file)]))
            .default(false)
            .interact_on(&ask.term)
            .map_err(interrupted)?;
    if path.exists() && !replace {
        let command = init_command(answers);
        return ask.say(&fill(&words.not_saved, &[("command", &command)]));
    }
    let mut record = crate::record::Record::from_answers(answers, today);
    if record.initiative.trim().is_empty() {
        record.initiative = file.trim_end_matches(".yaml").to_string();
    }
    crate::sink::write_file(path, &record.to_yaml(crate::record::SCHEMA_URL), replace)?;
    ask.say(&fill(&words.saved, &[("file", file)]))
}

/// A file name for a record from the initiative's name: "claims-copilot.yaml".
fn suggested_file(initiative: &str) -> String {
    let mut slug = String::new();
    for c in initiative.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "decision.yaml".into()
    } else {
        format!("{slug}.yaml")
    }
}

/// The `calibrate init` command that writes these answers as a record.
fn init_command(answers: &crate::answers::Answers) -> String {
    let quote = |text: &str| format!("'{}'", text.replace('\'', "'\\''"));
    let mut words = vec!["calibrate init".to_string()];
    let name = answers.initiative.as_deref().unwrap_or_default();
    words.push(format!(
        "{} --name {}",
        quote(&suggested_file(name)),
        quote(name)
    ));
    words.push(format!("--horizon {}", quote(answers.horizon.as_str())));
    for claim in &answers.claims {
        let text = match &claim.evidence {
            Some(kind) => format!("{kind}: {}", claim.text),
            None => claim.text.clone(),
        };
        let flag = match claim.status {
            Status::Fact => "--fact",
            Status::Assumption => "--assumption",
        };
        words.push(format!("{flag} {}", quote(&text)));
    }
    if let Some(current) = &answers.current_playbook {
        words.push(format!("--current {current}"));
    }
    words.join(" ")
}

/// One interview on the terminal: the pack's words, the theme, and the day
/// deadlines count from.
struct Asker<'a> {
    framework: &'a Framework,
    theme: ColorfulTheme,
    term: Term,
    width: usize,
    today: jiff::civil::Date,
}

impl<'a> Asker<'a> {
    fn new(framework: &'a Framework, today: jiff::civil::Date) -> Asker<'a> {
        let term = Term::stderr();
        Asker {
            framework,
            theme: ColorfulTheme::default(),
            width: width(&term),
            term,
            today,
        }
    }

    fn words(&self) -> &'a crate::wording::Interview {
        &self.framework.words.interview
    }

    fn say(&self, line: &str) -> Result<()> {
        self.term.write_line(line).map_err(interrupted)
    }

    /// An answer given, the way the prompts show one: "✔ question · answer",
    /// cut at a word to fit the line.
    fn echo(&self, prompt: &str, answer: &str) -> Result<()> {
        let room = self.width.saturating_sub(prompt.chars().count() + 5);
        let answer = fit(answer, room + 6);
        self.say(&format!(
            "{} {prompt} {} {answer}",
            style("✔").green(),
            style("·").dim()
        ))
    }

    /// A paragraph of help, dimmed and wrapped.
    fn note(&self, text: &str) -> Result<()> {
        self.say(&format!(
            "{}",
            style(textwrap::fill(text, self.width)).dim()
        ))
    }

    fn name(&self, required: bool, current: Option<&str>) -> Result<Option<String>> {
        let words = self.words();
        let prompt = if required {
            &words.name
        } else {
            &words.name_optional
        };
        let name: String = Input::with_theme(&self.theme)
            .with_prompt(prompt)
            .with_initial_text(current.unwrap_or_default())
            .allow_empty(!required)
            .interact_text_on(&self.term)
            .map_err(interrupted)?;
        Ok(Some(name.trim().to_string()).filter(|n| !n.is_empty()))
    }

    /// The horizon: a ready answer, or one typed. Nothing is picked until the
    /// person moves, so Enter pressed by reflex chooses nothing.
    fn horizon(&self) -> Result<Horizon> {
        let framework = self.framework;
        let axis = &framework.horizon;
        let words = self.words();
        let mut items: Vec<&str> = axis.choices.iter().map(|c| c.label.as_str()).collect();
        items.push(&words.other_length);
        self.note(&words.choose)?;
        let chosen = Select::with_theme(&self.theme)
            .with_prompt(&axis.question)
            .items(&items)
            .report(false)
            .interact_on(&self.term)
            .map_err(interrupted)?;
        // The hint has done its work; the answer takes its place.
        self.term.clear_last_lines(1).map_err(interrupted)?;
        self.echo(&axis.question, items[chosen])?;
        if let Some(choice) = axis.choices.get(chosen) {
            return framework
                .read_horizon(&choice.horizon, self.today)
                .map_err(|err| {
                    anyhow::anyhow!("the pack's horizon choice '{}': {err}", choice.label)
                });
        }
        self.text_until(&words.type_length, "", |text| {
            framework.read_horizon(text, self.today)
        })
    }

    /// Asks for text until `read` accepts it, showing only the latest
    /// reason it was refused.
    fn text_until<T>(
        &self,
        prompt: &str,
        initial: &str,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T> {
        let mut refused = false;
        loop {
            let typed: String = Input::with_theme(&self.theme)
                .with_prompt(prompt)
                .with_initial_text(initial)
                .interact_text_on(&self.term)
                .map_err(interrupted)?;
            if refused {
                // The earlier answer and why it was refused.
                self.term.clear_last_lines(3).map_err(interrupted)?;
                self.echo(prompt, typed.trim())?;
            }
            match read(&typed) {
                Ok(value) => return Ok(value),
                Err(why) => {
                    self.say(&format!(
                        "{}",
                        style(textwrap::fill(&why, self.width)).red()
                    ))?;
                    refused = true;
                }
            }
        }
    }

    /// Claims, one at a time, until an empty answer.
    fn claims(&self) -> Result<Vec<Claim>> {
        let words = self.words();
        let mut claims: Vec<Claim> = Vec::new();
        loop {
            let prompt = if claims.is_empty() {
                words.first_claim.clone()
            } else {
                next_claim(self.framework, claims.len() + 1)
            };
            let text: String = Input::with_theme(&self.theme)
                .with_prompt(prompt)
                .allow_empty(true)
                .interact_text_on(&self.term)
                .map_err(interrupted)?;
            let text = text.trim().to_string();
            if text.is_empty() && claims.is_empty() {
                self.say(&format!("{}", style(&words.need_claim).yellow()))?;
                continue;
            }
            if text.is_empty() {
                return Ok(claims);
            }
            claims.push(self.status(Claim::new(text, Status::Assumption))?);
        }
    }

    /// Whether a claim is known or believed, and for a fact what shows it.
    fn status(&self, claim: Claim) -> Result<Claim> {
        let words = self.words();
        let framework = self.framework;
        let status = Select::with_theme(&self.theme)
            .with_prompt(&words.status)
            .items([
                fit(&words.status_fact, self.width),
                fit(&words.status_assumption, self.width),
            ])
            .default(usize::from(claim.status == Status::Assumption))
            .interact_on(&self.term)
            .map_err(interrupted)?;
        let mut claim = Claim {
            status: if status == 0 {
                Status::Fact
            } else {
                Status::Assumption
            },
            evidence: None,
            ..claim
        };
        if claim.status == Status::Assumption {
            return self.confidence(claim);
        }
        self.note(&words.evidence_hint)?;
        let mut items: Vec<String> = framework
            .evidence
            .iter()
            .map(|k| fit(&k.name, self.width))
            .collect();
        // The default: nothing claimed is safer than the strongest evidence.
        let not_recorded = items.len();
        items.push(words.not_recorded.clone());
        let kind = Select::with_theme(&self.theme)
            .with_prompt(&words.evidence)
            .items(&items)
            .default(not_recorded)
            .interact_on(&self.term)
            .map_err(interrupted)?;
        if let Some(kind) = framework.evidence.get(kind) {
            if !kind.counts_as_fact {
                let said = fill(&words.downgraded, &[("evidence", &kind.name)]);
                self.say(&format!(
                    "{}",
                    style(textwrap::fill(&said, self.width)).yellow()
                ))?;
            }
            claim.evidence = Some(kind.id.clone());
        }
        self.confidence(claim)
    }

    /// How sure the person is that the claim holds, in the pack's plain
    /// words; "I can't say" (the default) leaves it without a confidence.
    fn confidence(&self, mut claim: Claim) -> Result<Claim> {
        claim.confidence = ask_confidence(
            self.framework,
            (&self.theme, &self.term, self.width),
            &claim.text,
            claim.confidence,
        )?;
        Ok(claim)
    }

    /// Which claims the plan depends on most: those count twice.
    fn weights(&self, claims: &mut [Claim]) -> Result<()> {
        if claims.len() < 2 {
            return Ok(());
        }
        let items: Vec<String> = claims.iter().map(|c| fit(&c.text, self.width)).collect();
        let marked: Vec<bool> = claims.iter().map(|c| c.weight > 1.0).collect();
        let chosen = MultiSelect::with_theme(self.list_theme())
            .with_prompt(textwrap::fill(
                &self.words().matters_most,
                self.width.saturating_sub(4),
            ))
            .items(&items)
            .defaults(&marked)
            .report(false)
            .interact_on(&self.term)
            .map_err(interrupted)?;
        let names: Vec<&str> = chosen.iter().map(|&i| claims[i].text.as_str()).collect();
        let label = crate::render::phrases::capitalise(&self.words().matters_most_label);
        self.echo(&label, &self.framework.words.both(&names))?;
        for (i, claim) in claims.iter_mut().enumerate() {
            claim.weight = if chosen.contains(&i) {
                MATTERS_MOST
            } else {
                1.0
            };
        }
        Ok(())
    }

    fn current(&self) -> Result<Option<String>> {
        let framework = self.framework;
        let mut items = vec![self.words().not_sure.clone()];
        items.extend(
            framework
                .playbooks
                .iter()
                .map(|p| fit(&format!("{}: {}", p.name, p.summary), self.width)),
        );
        let chosen = Select::with_theme(&self.theme)
            .with_prompt(&self.words().current)
            .items(&items)
            .default(0)
            .report(false)
            .interact_on(&self.term)
            .map_err(interrupted)?;
        let playbook = chosen.checked_sub(1).map(|i| &framework.playbooks[i]);
        self.echo(
            &self.words().current,
            playbook.map_or(self.words().not_sure.as_str(), |p| p.name.as_str()),
        )?;
        Ok(playbook.map(|p| p.id.clone()))
    }

    /// Shows every answer and lets the person change any of them, until
    /// they say it is right.
    fn review(&self, partial: &mut Partial, name_required: bool) -> Result<()> {
        let words = self.words();
        loop {
            self.say("")?;
            self.say(&format!("{}", style(&words.review).bold()))?;
            for line in self.summary(partial) {
                self.say(&line)?;
            }
            let done = if name_required {
                &words.review_done_record
            } else {
                &words.review_done
            };
            let mut items = vec![
                done.as_str(),
                &words.change_name,
                &words.change_horizon,
                &words.change_claim,
                &words.add_claim,
            ];
            let several = partial.claims.len() > 1;
            if several {
                items.push(&words.remove_claim);
                items.push(&words.change_weights);
            }
            items.push(&words.change_current);
            let chosen = Select::with_theme(&self.theme)
                .with_prompt(&words.review_prompt)
                .items(&items)
                .default(0)
                .interact_on(&self.term)
                .map_err(interrupted)?;
            match items[chosen] {
                _ if chosen == 0 => return self.say(""),
                item if item == words.change_name => {
                    partial.initiative = self.name(name_required, partial.initiative.as_deref())?
                }
                item if item == words.change_horizon => partial.horizon = Some(self.horizon()?),
                item if item == words.change_claim => {
                    let i = self.which_claim(&partial.claims)?;
                    let current = partial.claims[i].clone();
                    let text = self.claim_text(&current.text)?;
                    partial.claims[i] = self.status(Claim { text, ..current })?;
                }
                item if item == words.add_claim => {
                    let text = self.claim_text("")?;
                    let claim = self.status(Claim::new(text, Status::Assumption))?;
                    partial.claims.push(claim);
                }
                item if item == words.remove_claim => {
                    let i = self.which_claim(&partial.claims)?;
                    partial.claims.remove(i);
                }
                item if item == words.change_weights => self.weights(&mut partial.claims)?,
                _ => partial.current_playbook = self.current()?,
            }
        }
    }

    /// A claim's text, starting from `initial`; it may not be empty.
    fn claim_text(&self, initial: &str) -> Result<String> {
        let need_claim = &self.words().need_claim;
        self.text_until(&self.words().claim_text, initial, |text| {
            let text = text.trim();
            if text.is_empty() {
                Err(need_claim.clone())
            } else {
                Ok(text.to_string())
            }
        })
    }

    fn which_claim(&self, claims: &[Claim]) -> Result<usize> {
        let items: Vec<String> = claims.iter().map(|c| fit(&c.text, self.width)).collect();
        Select::with_theme(&self.theme)
            .with_prompt(&self.words().which_claim)
            .items(&items)
            .default(0)
            .interact_on(&self.term)
            .map_err(interrupted)
    }

    /// The answers as lines: a label, then the answer.
    fn summary(&self, partial: &Partial) -> Vec<String> {
        let framework = self.framework;
        let words = self.words();
        let report = &framework.words.report;
        let labels = [
            &words.label_name,
            &report.horizon,
            &words.label_claims,
            &words.label_current,
        ];
        let pad = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 2;
        let lead = |label: &str| format!("  {label}{}", " ".repeat(pad - label.chars().count()));
        let indent = " ".repeat(pad + 2);
        let mut lines = Vec::new();
        let mut add = |label: &str, text: &str| {
            let first = lead(label);
            let options = textwrap::Options::new(self.width)
                .initial_indent(&first)
                .subsequent_indent(&indent);
            lines.extend(
                textwrap::wrap(text, options)
                    .into_iter()
                    .map(|l| l.into_owned()),
            );
        };
        add(
            &words.label_name,
            partial.initiative.as_deref().unwrap_or("-"),
        );
        if let Some(horizon) = &partial.horizon {
            let length = framework.words.months(horizon.in_months());
            let shown = if length == horizon.as_str() {
                length
            } else {
                format!("{} ({length})", horizon.as_str())
            };
            add(&report.horizon, &shown);
        }
        for (i, claim) in partial.claims.iter().enumerate() {
            let held = match (claim.status, &claim.evidence) {
                (Status::Assumption, _) => report.assumption.clone(),
                (Status::Fact, None) => format!("{}, {}", report.fact, report.no_evidence),
                (Status::Fact, Some(kind)) => {
                    let name = framework
                        .find_evidence(kind)
                        .map_or(kind.clone(), |k| k.name.clone());
                    format!("{}, {name}", report.fact)
                }
            };
            let sure = claim.confidence.map_or(String::new(), |c| {
                format!("; {}", crate::render::phrases::likely(framework, c))
            });
            let most = if claim.weight > 1.0 {
                format!("; {}", words.matters_most_label)
            } else {
                String::new()
            };
            let label = if i == 0 {
                words.label_claims.as_str()
            } else {
                ""
            };
            add(
                label,
                &format!("{}. {} ({held}{sure}{most})", i + 1, claim.text),
            );
        }
        let current = partial
            .current_playbook
            .as_deref()
            .and_then(|id| framework.find_playbook(id).ok())
            .map_or(words.not_sure.clone(), |p| p.name.clone());
        add(&words.label_current, &current);
        lines
    }

    /// The colourful theme, or the simple one when colour is off: without
    /// colour, the colourful one does not show which item is highlighted.
    fn list_theme(&self) -> &dyn dialoguer::theme::Theme {
        if dialoguer::console::colors_enabled_stderr() {
            &self.theme
        } else {
            &dialoguer::theme::SimpleTheme
        }
    }
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
    let horizon = DurationText(Asker::new(framework, today).horizon()?.as_str().to_string());
    for line in [&words.hypotheses, &words.mark_facts] {
        term.write_line(&format!("{}", style(textwrap::fill(line, width)).dim()))
            .map_err(interrupted)?;
    }
    let items: Vec<String> = session
        .claims
        .iter()
        .map(|c| fit(&plain(&c.claim), width))
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
    let facts = chosen
        .into_iter()
        .map(|i| session.claims[i].id.clone())
        .collect();
    let mut vote = Vote::new(participant.trim(), horizon.as_str(), facts);
    for claim in &session.claims {
        if let Some(sure) = ask_confidence(framework, (&theme, &term, width), &claim.claim, None)? {
            vote.confidence.insert(claim.id.clone(), sure);
        }
    }
    Ok(vote)
}

/// How sure the person is that the claim `text` holds, in the pack's plain
/// words, starting on `current`; "I can't say" (the default) gives `None`,
/// as does a pack with no words for confidence.
fn ask_confidence(
    framework: &Framework,
    (theme, term, width): (&ColorfulTheme, &Term, usize),
    text: &str,
    current: Option<f64>,
) -> Result<Option<f64>> {
    let choices = &framework.knowledge.confidence;
    if choices.is_empty() {
        return Ok(None);
    }
    let words = &framework.words.interview;
    let mut items: Vec<String> = choices.iter().map(|c| fit(&c.label, width)).collect();
    items.push(words.confidence_unsure.clone());
    let current = current
        .and_then(|value| choices.iter().position(|c| c.value == value))
        .unwrap_or(choices.len());
    let prompt = fill(&words.confidence, &[("claim", &plain(text))]);
    let chosen = Select::with_theme(theme)
        .with_prompt(textwrap::fill(&prompt, width.saturating_sub(4)))
        .items(&items)
        .default(current)
        .interact_on(term)
        .map_err(interrupted)?;
    Ok(choices.get(chosen).map(|c| c.value))
}

/// Asks who votes next in a pass-the-laptop session; `None` when done.
pub fn next_participant(framework: &Framework, session: &Session) -> Result<Option<String>> {
    crate::exit::handle_ctrl_c();
    let words = &framework.words.interview;
    let theme = ColorfulTheme::default();
    let term = Term::stderr();
    term.clear_screen().map_err(interrupted)?;
    term.write_line(&format!("{}", style(plain(&session.initiative)).bold()))
        .map_err(interrupted)?;
    let voters = session.voters();
    let voted = if voters.is_empty() {
        words.nobody_voted.clone()
    } else {
        fill(
            &words.voted_so_far,
            &[
                ("count", &voters.len().to_string()),
                ("names", &plain(&voters.join(", "))),
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
            &[("name", &plain(name))],
        ))
        .default(false)
        .interact_on(&Term::stderr())
        .map_err(interrupted)
}

/// Thanks the person, waits for Enter and clears the screen for the next,
/// so nobody sees an earlier answer.
pub fn hand_over(framework: &Framework, name: &str) -> Result<()> {
    let term = Term::stderr();
    term.write_line(&fill(
        &framework.words.interview.thanks,
        &[("name", &plain(name))],
    ))
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

/// One line that fits the terminal, cut at a word with an ellipsis if need
/// be. The list's own marker takes a few columns.
fn fit(text: &str, width: usize) -> String {
    let room = width.saturating_sub(6).max(10);
    if text.chars().count() <= room {
        return text.to_string();
    }
    let first = textwrap::wrap(text, room.saturating_sub(2));
    match first.first() {
        Some(line) => format!("{}…", line.trim_end_matches([',', ';', ':', ' '])),
        None => String::new(),
    }
}

/// Turns a terminal error into [`Interrupted`] when it was Ctrl-C, restoring
/// the cursor that a selection list hides and ending the prompt's line, so
/// the shell's prompt starts on a line of its own.
fn interrupted(error: impl Into<std::io::Error>) -> anyhow::Error {
    let term = Term::stderr();
    let _ = term.show_cursor();
    let io: std::io::Error = error.into();
    if io.kind() == std::io::ErrorKind::Interrupted {
        let _ = term.write_line("");
        anyhow::Error::new(Interrupted)
    } else {
        anyhow::Error::new(io).context("the interview could not use the terminal")
    }
}
