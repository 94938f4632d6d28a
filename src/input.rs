//! The input stage: flags, a decision record and the interview become one
//! set of [`Answers`].

use crate::answers::{Answers, Claim, Status};
use crate::files;
use crate::framework::Framework;
use crate::interview::{self, Partial};
use crate::limits::Kind;
use crate::record::Record;
use anyhow::{Result, bail};
use std::path::Path;

/// Answers given on the command line, as plain values.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// The initiative's name.
    pub name: Option<String>,
    /// The horizon as typed.
    pub horizon: Option<String>,
    /// Claims held as facts, each perhaps starting with its evidence kind.
    pub facts: Vec<String>,
    /// Claims held as assumptions.
    pub assumptions: Vec<String>,
    /// Quick counts: this many more facts and assumptions, unnamed.
    pub fact_count: Option<u32>,
    pub assumption_count: Option<u32>,
    /// The playbook the team runs today, as typed.
    pub current: Option<String>,
    /// Whether a person is at a terminal to be asked for what is missing.
    pub may_ask: bool,
    /// The day a deadline is counted from.
    pub today: jiff::civil::Date,
}

impl Flags {
    /// Whether any flag gives claims.
    pub fn has_claims(&self) -> bool {
        !self.facts.is_empty()
            || !self.assumptions.is_empty()
            || self.fact_count.is_some()
            || self.assumption_count.is_some()
    }
}

/// What the answers must include beyond the two questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The horizon and at least one claim.
    Diagnosis,
    /// Those, and the initiative's name (a record cannot do without it).
    Record,
}

/// Answers from `record` (if any), overridden by the flags, with the
/// interview filling gaps when a person is at the terminal; and whether
/// the person was interviewed.
pub fn answers(
    framework: &Framework,
    flags: &Flags,
    record: Option<Record>,
    needs: Needs,
) -> Result<(Answers, bool)> {
    if let Some(current) = &flags.current {
        framework
            .find_playbook(current)
            .map_err(anyhow::Error::msg)?;
    }
    let record = record
        .map(|r| r.into_answers(framework, flags.today))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let mut partial = match record {
        Some(base) => Partial {
            initiative: base.initiative,
            horizon: Some(base.horizon),
            claims: base.claims,
            current_playbook: base.current_playbook,
        },
        None => Partial::default(),
    };
    if flags.name.is_some() {
        partial.initiative = flags.name.clone();
    }
    if let Some(text) = &flags.horizon {
        let horizon = framework
            .read_horizon(text, flags.today)
            .map_err(|err| anyhow::anyhow!("--horizon: {err}"))?;
        partial.horizon = Some(horizon);
    }
    if flags.has_claims() {
        partial.claims = claims_from_flags(framework, flags)?;
    }
    if flags.current.is_some() {
        partial.current_playbook = flags.current.clone();
    }
    let missing = missing(&partial, needs);
    let interviewed = !missing.is_empty() && flags.may_ask;
    let partial = if missing.is_empty() {
        partial
    } else if interviewed {
        interview::complete(framework, partial, needs == Needs::Record, flags.today)?
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
    let (Some(horizon), false) = (partial.horizon, partial.claims.is_empty()) else {
        let (what, flag) = self::missing(&Partial::default(), Needs::Diagnosis)[0];
        bail!("missing {what}; pass {flag}");
    };
    if needs == Needs::Record
        && partial
            .initiative
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        bail!("missing the initiative's name; pass --name TEXT");
    }
    let answers = Answers {
        initiative: partial.initiative,
        horizon,
        claims: partial.claims,
        current_playbook: partial.current_playbook,
    };
    Ok((answers, interviewed))
}

/// What is still unanswered, with the flags that answer it.
fn missing(partial: &Partial, needs: Needs) -> Vec<(&'static str, &'static str)> {
    let mut missing = Vec::new();
    if needs == Needs::Record
        && partial
            .initiative
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        missing.push(("the initiative's name", "--name TEXT"));
    }
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
fn claims_from_flags(framework: &Framework, args: &Flags) -> Result<Vec<Claim>> {
    let mut claims = Vec::new();
    for (texts, status, flag) in [
        (&args.facts, Status::Fact, "--fact"),
        (&args.assumptions, Status::Assumption, "--assumption"),
    ] {
        for text in texts {
            if text.trim().is_empty() {
                bail!(
                    "{flag} needs the claim's text, such as {flag} \"Our churn data covers five years\""
                );
            }
            let (text, confidence) = confidence_prefix(flag, text)?;
            let mut claim = match evidence_prefix(framework, flag, &text, status)? {
                Some((kind, rest)) => Claim::new(rest, status).with_evidence(kind),
                None => Claim::new(text.trim(), status),
            };
            claim.confidence = confidence;
            claims.push(claim);
        }
    }
    let units = &framework.words.units;
    for (count, status, label) in [
        (args.fact_count, Status::Fact, &units.fact_number),
        (
            args.assumption_count,
            Status::Assumption,
            &units.assumption_number,
        ),
    ] {
        for n in 1..=count.unwrap_or(0) {
            let text = crate::wording::fill(label, &[("number", &n.to_string())]);
            claims.push(Claim::new(text, status));
        }
    }
    Ok(claims)
}

/// The confidence a typed claim gives before its colon, as in
/// `pilot 80%: Agents are faster` or `0.6: Customers accept it`, and the
/// claim without it. A head whose last word is a number is a confidence.
fn confidence_prefix(flag: &str, text: &str) -> Result<(String, Option<f64>)> {
    let Some((head, rest)) = text.split_once(':') else {
        return Ok((text.to_string(), None));
    };
    let head = head.trim();
    let (kind, last) = match head.rsplit_once(char::is_whitespace) {
        Some((kind, last)) => (kind.trim(), last),
        None => ("", head),
    };
    // 80%, 0.8 or .8: not a year or a phase number ("Q3 2026:", "Phase 2:").
    let looks_like_number =
        (last.ends_with('%') || last.starts_with("0.") || last.starts_with('.'))
            && last
                .chars()
                .all(|c| c.is_ascii_digit() || ".,%".contains(c));
    if !looks_like_number || rest.trim().is_empty() || kind.contains(char::is_whitespace) {
        return Ok((text.to_string(), None));
    }
    let confidence = crate::answers::read_confidence(last)
        .map_err(|err| anyhow::anyhow!("{flag} \"{head}: …\": {err}"))?;
    let text = if kind.is_empty() {
        rest.trim().to_string()
    } else {
        format!("{kind}: {}", rest.trim())
    };
    Ok((text, Some(confidence)))
}

/// The evidence kind a typed claim starts with, as in `pilot: Agents are
/// faster`, and the claim's text after it, in any case and in any of the
/// pack's words for the kind. A fact that starts with one word and a colon
/// names its evidence, so a word that is no kind of evidence is refused: a
/// typo never turns vendor evidence into an unsupported fact. An assumption
/// needs no evidence; a label such as `Adoption:` stays part of its text.
fn evidence_prefix(
    framework: &Framework,
    flag: &str,
    text: &str,
    status: Status,
) -> Result<Option<(String, String)>> {
    let Some((head, rest)) = text.split_once(':') else {
        return Ok(None);
    };
    let (word, rest) = (head.trim(), rest.trim());
    // A word, not a time ("10:30") or a web address ("https://…").
    let one_word = word.chars().next().is_some_and(char::is_alphabetic)
        && word.chars().count() <= 24
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !one_word || rest.is_empty() || rest.starts_with("//") {
        return Ok(None);
    }
    match framework.find_evidence(word) {
        Ok(kind) => Ok(Some((kind.id.clone(), rest.to_string()))),
        Err(_) if status == Status::Assumption => Ok(None),
        Err(_) => {
            let ids: Vec<&str> = framework.evidence.iter().map(|k| k.id.as_str()).collect();
            let names = framework.evidence.iter().flat_map(|k| k.names());
            let kinds = framework.words.either(&ids);
            let advice = match crate::suggest::nearest(word, names) {
                Some(near) => {
                    let kind = framework
                        .find_evidence(near)
                        .map_or(near, |k| k.id.as_str());
                    format!("did you mean '{kind}'? (the kinds are {kinds})")
                }
                None => format!(
                    "use one of {kinds}, or reword the claim so it does not start with one word and a colon"
                ),
            };
            bail!("{flag} \"{word}: …\": '{word}' is not a kind of evidence: {advice}")
        }
    }
}

/// Loads and validates a decision record.
pub fn load_record(path: &Path, framework: &Framework, today: jiff::civil::Date) -> Result<Record> {
    let input = files::read(path, Kind::Record)?;
    Ok(Record::parse(&input.shown, &input.text, framework, today)?.value)
}
