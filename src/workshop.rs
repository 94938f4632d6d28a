//! Workshops: several people place one initiative on the 2x2 privately, and
//! the report shows where they agree, where they split, and which claims
//! they disagree about. Agreement on the idea is not alignment on it.

use crate::answers::{Answers, Claim, Horizon, MAX_CLAIMS, Status};
use crate::diagnosis::{ChartPoint, diagnose, place};
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Playbook, Quadrant};
use crate::wording::fill;
use crate::yaml::{self, Collector, Problem, Problems};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// A workshop session, as kept in its YAML file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The initiative the group is diagnosing.
    pub initiative: String,
    /// The claims everyone weighs, each with a short id.
    pub claims: Vec<SessionClaim>,
    /// One vote per participant.
    #[serde(default)]
    pub votes: Vec<Vote>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionClaim {
    pub id: String,
    pub claim: String,
}

/// One person's placement: their horizon, and the claims they hold as
/// proven facts (the rest are assumptions to them).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub participant: String,
    pub horizon: Horizon,
    #[serde(default)]
    pub facts: Vec<String>,
}

impl Session {
    /// A new session with claims numbered c1, c2, ...
    pub fn new(initiative: &str, claims: &[String]) -> Result<Session, String> {
        if initiative.trim().is_empty() {
            return Err("the session needs the initiative's name: pass --name TEXT".into());
        }
        if claims.is_empty() {
            return Err(
                "the session needs at least one claim to weigh: pass --claim TEXT (repeatable)"
                    .into(),
            );
        }
        if claims.len() > MAX_CLAIMS {
            return Err(format!(
                "there are {} claims; a session may list at most {MAX_CLAIMS}",
                claims.len()
            ));
        }
        if let Some(blank) = claims.iter().position(|c| c.trim().is_empty()) {
            return Err(format!(
                "claim {} is blank: every --claim needs text",
                blank + 1
            ));
        }
        Ok(Session {
            initiative: initiative.trim().to_string(),
            claims: claims
                .iter()
                .enumerate()
                .map(|(i, text)| SessionClaim {
                    id: format!("c{}", i + 1),
                    claim: text.trim().to_string(),
                })
                .collect(),
            votes: Vec::new(),
        })
    }

    /// Parses and checks a session file; every problem names its line.
    pub fn parse(path: &str, text: &str) -> Result<Session, Problems> {
        if yaml::is_blank(text) {
            return Err(Problems(vec![Problem::in_file(
                path,
                "is empty: a workshop session needs initiative and claims (`calibrate workshop new FILE` writes one)",
            )]));
        }
        let session: Session = yaml::parse(path, text).map_err(|mut p| {
            p.message = p.message.replace(
                "struct Session",
                "a workshop session (initiative, claims, votes)",
            );
            Problems(vec![p])
        })?;
        let mut problems = Collector::default();
        let at = |key: &str, value: &str, nth: usize, message: String| {
            Problem::at_nth_value(path, text, key, value, nth, message)
        };
        if session.initiative.trim().is_empty() {
            problems.add(|| {
                Problem::at_key(
                    path,
                    text,
                    "initiative",
                    "initiative is blank: name the initiative",
                )
            });
        }
        if session.claims.is_empty() {
            problems.add(|| {
                Problem::at_key(
                    path,
                    text,
                    "claims",
                    "the session has no claims: add at least one, each with id and claim",
                )
            });
        }
        if session.claims.len() > MAX_CLAIMS {
            problems.add(|| {
                Problem::at_key(
                    path,
                    text,
                    "claims",
                    format!(
                        "there are {} claims; a session may list at most {MAX_CLAIMS}: keep the ones the decision rests on",
                        session.claims.len()
                    ),
                )
            });
        }
        let mut ids = HashSet::new();
        for claim in &session.claims {
            if claim.id.trim().is_empty() || claim.claim.trim().is_empty() {
                problems.add(|| {
                    at(
                        "id",
                        &claim.id,
                        0,
                        "every claim needs an id and its text".into(),
                    )
                });
            } else if !ids.insert(claim.id.as_str()) {
                problems.add(|| {
                    at(
                        "id",
                        &claim.id,
                        1,
                        format!(
                            "claim id '{}' is used twice: give each claim its own id",
                            claim.id
                        ),
                    )
                });
            }
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for vote in &session.votes {
            let name = vote.participant.trim();
            if name.is_empty() {
                problems.add(|| {
                    at(
                        "participant",
                        &vote.participant,
                        0,
                        "a vote has a blank participant name".into(),
                    )
                });
                continue;
            }
            let count = seen.entry(person_key(name)).or_default();
            if *count > 0 {
                let nth = *count;
                problems.add(|| {
                    let message = format!("{name} has voted twice: keep one vote per participant");
                    match nth_vote_by(text, name, nth) {
                        Some((line, column)) => Problem::at(path, line, column, message),
                        None => at("participant", &vote.participant, 0, message),
                    }
                });
            }
            *count += 1;
            let mut reported = HashSet::new();
            for id in &vote.facts {
                if !ids.contains(id.as_str()) && reported.insert(id.as_str()) {
                    problems.add(|| unknown_claim(path, text, &session, vote, id));
                }
            }
        }
        if problems.is_empty() {
            Ok(session)
        } else {
            Err(problems.finish(path))
        }
    }

    /// Adds a vote, replacing any earlier vote by the same person.
    pub fn cast(&mut self, vote: Vote) -> Result<(), String> {
        let name = vote.participant.trim().to_string();
        if name.is_empty() {
            return Err("the participant's name is blank: pass --participant NAME".into());
        }
        for id in &vote.facts {
            if !self.claims.iter().any(|c| &c.id == id) {
                let known = self
                    .claims
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(format!("there is no claim '{id}': use one of {known}"));
            }
        }
        let vote = Vote {
            participant: name,
            ..vote
        };
        match self
            .votes
            .iter_mut()
            .find(|v| same_person(&v.participant, &vote.participant))
        {
            Some(earlier) => *earlier = vote,
            None => self.votes.push(vote),
        }
        Ok(())
    }

    /// Whether `name` has voted already.
    pub fn has_voted(&self, name: &str) -> bool {
        self.votes.iter().any(|v| same_person(&v.participant, name))
    }

    /// Who has voted, in order.
    pub fn voters(&self) -> Vec<&str> {
        self.votes.iter().map(|v| v.participant.as_str()).collect()
    }

    /// The session as YAML.
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).expect("a session always serialises")
    }

    /// One participant's answers: their horizon, and every claim as a fact
    /// (if they hold it proven) or an assumption.
    fn answers(&self, vote: &Vote) -> Answers {
        Answers {
            initiative: Some(self.initiative.clone()),
            horizon: vote.horizon.clone(),
            claims: self
                .claims
                .iter()
                .map(|c| {
                    let status = if vote.facts.contains(&c.id) {
                        Status::Fact
                    } else {
                        Status::Assumption
                    };
                    // A participant's "proven" is their own judgement of our evidence.
                    let claim = Claim::new(c.claim.clone(), status);
                    if status == Status::Fact {
                        claim.with_evidence("measured")
                    } else {
                        claim
                    }
                })
                .collect(),
            current_playbook: None,
        }
    }
}

/// Where one participant placed the initiative.
#[derive(Debug, Clone)]
pub struct Placement<'a> {
    pub name: String,
    pub playbook: &'a Playbook,
    pub horizon_months: f64,
    pub knowledge_score: f64,
    pub point: ChartPoint,
}

/// The group's overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Everyone in one quadrant.
    Aligned,
    /// Everyone on one side of one threshold, straddling the other: the group
    /// agrees about the initiative but would run different playbooks.
    AgreementWithoutAlignment,
    /// Placements differ on both questions.
    Split,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Aligned => "aligned",
            Verdict::AgreementWithoutAlignment => "agreement_without_alignment",
            Verdict::Split => "split",
        }
    }

    /// What the verdict means for the group, from the pack.
    pub fn meaning(self, framework: &Framework) -> &str {
        let words = &framework.words.workshop;
        match self {
            Verdict::Aligned => &words.aligned_meaning,
            Verdict::AgreementWithoutAlignment => &words.agreement_without_alignment_meaning,
            Verdict::Split => &words.split_meaning,
        }
    }

    /// The verdict's name, from the pack.
    pub fn name(self, framework: &Framework) -> &str {
        let words = &framework.words.workshop;
        match self {
            Verdict::Aligned => &words.aligned,
            Verdict::AgreementWithoutAlignment => &words.agreement_without_alignment,
            Verdict::Split => &words.split,
        }
    }
}

/// A claim the group divides on.
#[derive(Debug, Clone)]
pub struct Contested<'a> {
    pub id: &'a str,
    pub claim: &'a str,
    pub fact_votes: Vec<&'a str>,
    pub assumption_votes: Vec<&'a str>,
}

/// Everything the workshop report shows, computed once.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub initiative: &'a str,
    pub placements: Vec<Placement<'a>>,
    pub consensus: Placement<'a>,
    /// Playbook id → how many people placed the initiative there, every
    /// playbook listed in quadrant order.
    pub split: Vec<(&'a str, usize)>,
    pub verdict: Verdict,
    /// Claims both held as fact and as assumption, most evenly divided first.
    pub contested: Vec<Contested<'a>>,
    /// The shortest and longest horizon, with who gave them.
    pub horizon_spread: (f64, f64),
    /// Questions for the group, built from the disagreements.
    pub prompts: Vec<String>,
    /// Whether names are left out of who said what.
    pub anonymous: bool,
}

/// The report for a session with at least one vote.
/// With `anonymous`, participants are numbered rather than named.
pub fn report<'a>(
    framework: &'a Framework,
    session: &'a Session,
    anonymous: bool,
) -> Result<Report<'a>, String> {
    if session.votes.is_empty() {
        return Err("nobody has voted yet: run `calibrate workshop run FILE` or `calibrate workshop vote FILE ...`".into());
    }
    let mut placements = Vec::new();
    for (i, vote) in session.votes.iter().enumerate() {
        let answers = session.answers(vote);
        let d = diagnose(framework, &answers).map_err(|e| e.0)?;
        placements.push(Placement {
            name: if anonymous {
                fill(
                    &framework.words.workshop.participant_numbered,
                    &[("number", &(i + 1).to_string())],
                )
            } else {
                vote.participant.clone()
            },
            playbook: framework.playbook_for(d.quadrant),
            horizon_months: vote.horizon.in_months(),
            knowledge_score: d.knowledge.score,
            point: d.chart,
        });
    }
    let months = median(placements.iter().map(|p| p.horizon_months).collect());
    let score = median(placements.iter().map(|p| p.knowledge_score).collect());
    let (quadrant, point) = place(framework, months, score);
    let consensus = Placement {
        name: framework.words.workshop.consensus.clone(),
        playbook: framework.playbook_for(quadrant),
        horizon_months: months,
        knowledge_score: score,
        point,
    };
    let split = framework
        .playbooks
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                placements.iter().filter(|x| x.playbook.id == p.id).count(),
            )
        })
        .collect();
    let quadrants: HashSet<Quadrant> = placements.iter().map(|p| p.playbook.quadrant).collect();
    let horizons: HashSet<HorizonSide> = quadrants.iter().map(|q| q.horizon).collect();
    let knowledge: HashSet<KnowledgeSide> = quadrants.iter().map(|q| q.knowledge).collect();
    let verdict = match (quadrants.len(), horizons.len(), knowledge.len()) {
        (1, _, _) => Verdict::Aligned,
        (2, 1, _) | (2, _, 1) => Verdict::AgreementWithoutAlignment,
        _ => Verdict::Split,
    };
    let mut contested: Vec<Contested> = session
        .claims
        .iter()
        .map(|c| {
            let (fact, assumption): (Vec<&Vote>, Vec<&Vote>) =
                session.votes.iter().partition(|v| v.facts.contains(&c.id));
            Contested {
                id: &c.id,
                claim: &c.claim,
                fact_votes: fact.iter().map(|v| v.participant.as_str()).collect(),
                assumption_votes: assumption.iter().map(|v| v.participant.as_str()).collect(),
            }
        })
        .filter(|c| !c.fact_votes.is_empty() && !c.assumption_votes.is_empty())
        .collect();
    // Most evenly divided first; the claims' own order breaks ties (stable sort).
    contested.sort_by_key(|c| c.fact_votes.len().abs_diff(c.assumption_votes.len()));
    let shortest = placements
        .iter()
        .map(|p| p.horizon_months)
        .fold(f64::INFINITY, f64::min);
    let longest = placements
        .iter()
        .map(|p| p.horizon_months)
        .fold(0.0, f64::max);
    let prompts = prompts(framework, &contested, &placements, verdict);
    Ok(Report {
        initiative: &session.initiative,
        placements,
        consensus,
        split,
        verdict,
        contested,
        horizon_spread: (shortest, longest),
        prompts,
        anonymous,
    })
}

fn prompts(
    framework: &Framework,
    contested: &[Contested],
    placements: &[Placement],
    verdict: Verdict,
) -> Vec<String> {
    let words = &framework.words.workshop;
    let mut prompts: Vec<String> = contested
        .iter()
        .take(3)
        .map(|c| {
            fill(
                &words.prompt_claim,
                &[
                    ("claim", c.claim),
                    ("facts", &c.fact_votes.len().to_string()),
                    ("assumptions", &c.assumption_votes.len().to_string()),
                ],
            )
        })
        .collect();
    let threshold = framework.horizon.threshold_months;
    let short = placements
        .iter()
        .filter(|p| p.horizon_months <= threshold)
        .count();
    if short > 0 && short < placements.len() {
        prompts.push(fill(
            &words.prompt_horizon,
            &[
                ("short", &short.to_string()),
                ("threshold", &framework.words.months(threshold)),
                ("long", &(placements.len() - short).to_string()),
            ],
        ));
    }
    if verdict != Verdict::Aligned {
        prompts.push(words.prompt_experiment.clone());
    }
    prompts
}

/// Where the `nth` (0-based) vote by `name` starts, however its case and
/// spacing are written.
fn nth_vote_by(text: &str, name: &str, nth: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let body = line.trim_start_matches([' ', '-']);
            let value = body.strip_prefix("participant:")?;
            let value = value.trim().trim_matches(['"', '\'']);
            same_person(value, name).then(|| {
                let start = line.len() - body.len() + "participant:".len();
                let after = &line[start..];
                (
                    index + 1,
                    start + (after.len() - after.trim_start().len()) + 1,
                )
            })
        })
        .nth(nth)
}

/// A vote naming a claim the session does not have, at the line that names it.
fn unknown_claim(path: &str, text: &str, session: &Session, vote: &Vote, id: &str) -> Problem {
    let mut known = session
        .claims
        .iter()
        .take(10)
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if session.claims.len() > 10 {
        known.push_str(", …");
    }
    let line = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| !l.contains(&format!("participant: {}", vote.participant)))
        .find(|(_, l)| l.contains(id) && !l.contains("participant:"))
        .map(|(i, l)| (i + 1, l.find(id).unwrap_or(0) + 1));
    let message = format!(
        "{}'s vote names claim '{id}', which does not exist: use one of {known}",
        vote.participant.trim()
    );
    match line {
        Some((line, column)) => Problem::at(path, line, column, message),
        None => Problem::in_file(path, message),
    }
}

/// Names that differ only in case or surrounding space are one person, the
/// same way everywhere.
fn person_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn same_person(a: &str, b: &str) -> bool {
    person_key(a) == person_key(b)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}
