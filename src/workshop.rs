//! A workshop's report: several people placed one initiative on the 2x2 in
//! private; the report shows where they agree, where they split, and which
//! claims they disagree about. Agreement on the idea is not alignment on it.
//! Pure: the session is read elsewhere.

use crate::diagnosis::{Position, position};
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Quadrant};
use crate::session::{Round, Session, Vote, same_person};
use crate::wording::fill;
use std::collections::HashSet;

/// Where one participant placed the initiative.
#[derive(Debug, Clone)]
pub struct Participant<'a> {
    /// Their name, or "Participant 3" in an anonymous report.
    pub name: String,
    pub position: Position<'a>,
    /// For each of the session's claims, in its order, whether this person
    /// holds it as a fact.
    pub holds: Vec<bool>,
}

/// How far the group's placements agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// Everyone in one quadrant.
    Aligned,
    /// Everyone on one side of one threshold, straddling the other: the group
    /// agrees about the initiative but would run different playbooks.
    AgreementWithoutAlignment,
    /// Placements differ on both questions.
    Split,
}

impl Alignment {
    pub fn id(self) -> &'static str {
        match self {
            Alignment::Aligned => "aligned",
            Alignment::AgreementWithoutAlignment => "agreement_without_alignment",
            Alignment::Split => "split",
        }
    }

    /// What it means for the group, from the pack.
    pub fn meaning(self, framework: &Framework) -> &str {
        let words = &framework.words.workshop;
        match self {
            Alignment::Aligned => &words.aligned_meaning,
            Alignment::AgreementWithoutAlignment => &words.agreement_without_alignment_meaning,
            Alignment::Split => &words.split_meaning,
        }
    }

    /// Its name, from the pack.
    pub fn name(self, framework: &Framework) -> &str {
        let words = &framework.words.workshop;
        match self {
            Alignment::Aligned => &words.aligned,
            Alignment::AgreementWithoutAlignment => &words.agreement_without_alignment,
            Alignment::Split => &words.split,
        }
    }
}

/// A claim the group divides on.
#[derive(Debug, Clone)]
pub struct Contested<'a> {
    pub id: &'a str,
    pub claim: &'a str,
    /// How many hold it as a fact, and how many as an assumption.
    pub facts: usize,
    pub assumptions: usize,
    /// Who holds it which way; `None` in an anonymous report.
    pub who: Option<Who<'a>>,
    /// Why people read it as they do, for those who said: in the order
    /// they voted, or (anonymous) facts first, then by the reason's text.
    pub reasons: Vec<Reason<'a>>,
    /// How sure each side is that the claim holds, on average, among those
    /// who gave a confidence; `None` for a side where nobody did.
    pub sure: (Option<f64>, Option<f64>),
    /// How divided the group is, 0 to 1, each person counted by how sure
    /// they are of their side (see [`tension`]).
    pub tension: f64,
}

/// How divided a group is on a claim, from 0 (not at all) to 1 (two equal
/// sides, each sure of itself). Each person counts by how sure they are of
/// their side: one who holds the claim as a fact by the chance they give it
/// of holding, one who holds it as an assumption by the chance they give it
/// of failing, and one who gave no confidence fully. So two people who
/// label a claim differently but both think it 90% likely barely disagree,
/// and a fact at 95% against an assumption at 10% is a real divide.
/// `votes` holds, per person, whether they hold it as a fact and their
/// confidence.
pub fn tension(votes: &[(bool, Option<f64>)]) -> f64 {
    let (mut facts, mut assumptions) = (0.0, 0.0);
    for &(fact, confidence) in votes {
        match (fact, confidence) {
            (true, sure) => facts += sure.unwrap_or(1.0),
            (false, sure) => assumptions += 1.0 - sure.unwrap_or(0.0),
        }
    }
    if votes.is_empty() {
        return 0.0;
    }
    2.0 * f64::min(facts, assumptions) / votes.len() as f64
}

/// The mean of the confidences given, if any were.
fn mean_given(confidences: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let given: Vec<f64> = confidences.flatten().collect();
    (!given.is_empty()).then(|| given.iter().sum::<f64>() / given.len() as f64)
}

/// One person's reason for reading a claim as they do.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason<'a> {
    /// `None` in an anonymous report.
    pub name: Option<&'a str>,
    /// Whether they hold the claim as a fact.
    pub fact: bool,
    /// The probability, 0 to 1, they give the claim of holding.
    pub confidence: Option<f64>,
    pub why: &'a str,
}

/// The names on each side of a contested claim.
#[derive(Debug, Clone)]
pub struct Who<'a> {
    pub facts: Vec<&'a str>,
    pub assumptions: Vec<&'a str>,
}

/// One claim and how each participant holds it: a row of the person ×
/// claim grid.
#[derive(Debug, Clone)]
pub struct ClaimVotes<'a> {
    pub id: &'a str,
    pub claim: &'a str,
    /// How many hold it as a fact, and how many as an assumption.
    pub facts: usize,
    pub assumptions: usize,
    /// For each participant, in the report's order, whether they hold it
    /// as a fact.
    pub held: Vec<bool>,
}

impl ClaimVotes<'_> {
    /// Whether the group divides on it.
    pub fn contested(&self) -> bool {
        self.facts > 0 && self.assumptions > 0
    }
}

/// Everything the workshop report shows, computed once.
#[derive(Debug, Clone)]
pub struct WorkshopReport<'a> {
    pub initiative: &'a str,
    pub participants: Vec<Participant<'a>>,
    /// Where the medians of everyone's answers land.
    pub consensus: Position<'a>,
    /// Playbook id → how many people placed the initiative there, every
    /// playbook listed in quadrant order.
    pub split: Vec<(&'a str, usize)>,
    pub alignment: Alignment,
    /// Claims both held as fact and as assumption, most divided first (see
    /// [`tension`]).
    pub contested: Vec<Contested<'a>>,
    /// Every claim with each participant's reading: the contested ones in
    /// the order of `contested`, then those the whole group reads alike, in
    /// the session's order.
    pub grid: Vec<ClaimVotes<'a>>,
    /// The shortest and longest horizon given, in months.
    pub horizon_spread: (f64, f64),
    /// Questions for the group, built from the disagreements.
    pub prompts: Vec<String>,
    /// Whether names are left out.
    pub anonymous: bool,
    /// The round this report is on.
    pub round: Round,
    /// In the second round, how far the group moved since the first.
    pub convergence: Option<Convergence<'a>>,
}

/// How far a group converged between the first round and the second.
#[derive(Debug, Clone)]
pub struct Convergence<'a> {
    pub before: Summary,
    pub after: Summary,
    /// Each claim, in the session's order, with how much of the group read
    /// it the majority's way in each round.
    pub claims: Vec<Shift<'a>>,
    /// How many of those who voted in both rounds landed on another
    /// playbook the second time, and (unless anonymous) who.
    pub moved: usize,
    pub moved_names: Vec<&'a str>,
}

/// One round in a few numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub alignment: Alignment,
    pub voters: usize,
    /// The most people who placed the initiative on one playbook.
    pub largest_group: usize,
    /// How many claims the group divided on.
    pub contested: usize,
    /// The shortest and longest horizon, in months.
    pub horizon_spread: (f64, f64),
    /// The lowest and highest share of facts.
    pub score_spread: (f64, f64),
}

/// How much of the group read a claim the majority's way, in each round:
/// from one half (evenly divided) to one (everyone alike).
#[derive(Debug, Clone, PartialEq)]
pub struct Shift<'a> {
    pub id: &'a str,
    pub claim: &'a str,
    pub before: f64,
    pub after: f64,
}

/// The report on a session's latest round with votes (see
/// [`report_on`]).
pub fn report<'a>(
    framework: &'a Framework,
    session: &'a Session,
    anonymous: bool,
    today: jiff::civil::Date,
) -> Result<WorkshopReport<'a>, String> {
    report_on(framework, session, session.latest_round(), anonymous, today)
}

/// The report on one round of a session, which needs at least one vote; in
/// the second round, with how far the group converged since the first.
///
/// With `anonymous`, nothing in the report can tell who said what: people
/// are numbered in the order of their answers, not the order they voted,
/// and contested claims carry counts without names.
pub fn report_on<'a>(
    framework: &'a Framework,
    session: &'a Session,
    round: Round,
    anonymous: bool,
    today: jiff::civil::Date,
) -> Result<WorkshopReport<'a>, String> {
    let votes = session.round_votes(round);
    if votes.is_empty() {
        return Err("nobody has voted yet: run `calibrate workshop run FILE` or `calibrate workshop vote FILE ...`".into());
    }
    let mut report = build(framework, session, votes, anonymous, today)?;
    report.round = round;
    if round == Round::Second && !session.votes.is_empty() {
        let first = build(framework, session, &session.votes, anonymous, today)?;
        report.convergence = Some(convergence(framework, session, &first, &report, today)?);
    }
    Ok(report)
}

/// The report on one round's `votes`.
fn build<'a>(
    framework: &'a Framework,
    session: &'a Session,
    votes: &'a [Vote],
    anonymous: bool,
    today: jiff::civil::Date,
) -> Result<WorkshopReport<'a>, String> {
    let index = session.claim_index();
    // Who holds which claim proven, vote by vote, in the claims' order.
    let proven: Vec<Vec<bool>> = votes
        .iter()
        .map(|vote| session.proven(vote, &index))
        .collect();
    let mut participants = Vec::new();
    for (vote, proven) in votes.iter().zip(&proven) {
        let answers = session.answers(vote, proven, framework, today)?;
        // The diagnosis borrows these answers; the position is taken again
        // from its numbers, so it borrows only the pack.
        let score = position(framework, &answers).map_err(|e| e.0)?.0.score;
        participants.push(Participant {
            name: vote.participant.clone(),
            position: Position::of(framework, answers.horizon.in_months(), score),
            holds: proven.clone(),
        });
    }
    if anonymous {
        participants.sort_by(|a, b| {
            let key = |p: &Participant| {
                (
                    p.position.quadrant.index(),
                    p.position.months,
                    p.position.score,
                )
            };
            let (a, b) = (key(a), key(b));
            a.0.cmp(&b.0)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.total_cmp(&b.2))
        });
        for (i, p) in participants.iter_mut().enumerate() {
            p.name = fill(
                &framework.words.workshop.participant_numbered,
                &[("number", &(i + 1).to_string())],
            );
        }
    }
    let months = median(participants.iter().map(|p| p.position.months).collect());
    let score = median(participants.iter().map(|p| p.position.score).collect());
    let consensus = Position::of(framework, months, score);
    let split = framework
        .playbooks
        .iter()
        .map(|p| {
            let count = participants
                .iter()
                .filter(|x| x.position.playbook.id == p.id)
                .count();
            (p.id.as_str(), count)
        })
        .collect();
    let alignment = alignment(&participants);
    let mut contested: Vec<Contested> = session
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let (facts, assumptions): (Vec<&str>, Vec<&str>) = votes
                .iter()
                .zip(&proven)
                .map(|(vote, proven)| (vote.participant.as_str(), proven[i]))
                .fold((Vec::new(), Vec::new()), |(mut f, mut a), (name, fact)| {
                    if fact {
                        f.push(name)
                    } else {
                        a.push(name)
                    }
                    (f, a)
                });
            let held: Vec<(bool, Option<f64>)> = votes
                .iter()
                .zip(&proven)
                .map(|(vote, proven)| (proven[i], vote.confidence.get(&c.id).copied()))
                .collect();
            let side = |fact: bool| {
                mean_given(
                    held.iter()
                        .filter(move |(f, _)| *f == fact)
                        .map(|(_, sure)| *sure),
                )
            };
            (!facts.is_empty() && !assumptions.is_empty()).then(|| Contested {
                id: &c.id,
                claim: &c.claim,
                facts: facts.len(),
                assumptions: assumptions.len(),
                who: (!anonymous).then_some(Who { facts, assumptions }),
                reasons: reasons(votes, &proven, i, &c.id, anonymous),
                sure: (side(true), side(false)),
                tension: tension(&held),
            })
        })
        .collect();
    // Most divided first, weighed by how sure people are; the claims' own
    // order breaks ties (stable sort).
    contested.sort_by(|a, b| b.tension.total_cmp(&a.tension));
    let grid = grid(session, &participants, &contested);
    let months = participants.iter().map(|p| p.position.months);
    let horizon_spread = (
        months.clone().fold(f64::INFINITY, f64::min),
        months.fold(0.0, f64::max),
    );
    let prompts = prompts(framework, &contested, &participants, alignment);
    Ok(WorkshopReport {
        initiative: &session.initiative,
        participants,
        consensus,
        split,
        alignment,
        contested,
        grid,
        horizon_spread,
        prompts,
        anonymous,
        round: Round::First,
        convergence: None,
    })
}

/// Every claim with each participant's reading, contested claims first in
/// `contested`'s order.
fn grid<'a>(
    session: &'a Session,
    participants: &[Participant],
    contested: &[Contested],
) -> Vec<ClaimVotes<'a>> {
    let mut rows: Vec<ClaimVotes> = session
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let held: Vec<bool> = participants.iter().map(|p| p.holds[i]).collect();
            let facts = held.iter().filter(|&&fact| fact).count();
            ClaimVotes {
                id: &c.id,
                claim: &c.claim,
                facts,
                assumptions: held.len() - facts,
                held,
            }
        })
        .collect();
    let rank = |row: &ClaimVotes| {
        contested
            .iter()
            .position(|c| c.id == row.id)
            .unwrap_or(contested.len())
    };
    rows.sort_by_cached_key(rank);
    rows
}

/// One quadrant for everyone, one side of one threshold, or neither.
fn alignment(participants: &[Participant]) -> Alignment {
    let quadrants: HashSet<Quadrant> = participants.iter().map(|p| p.position.quadrant).collect();
    let horizons: HashSet<HorizonSide> = quadrants.iter().map(|q| q.horizon).collect();
    let knowledge: HashSet<KnowledgeSide> = quadrants.iter().map(|q| q.knowledge).collect();
    match (quadrants.len(), horizons.len(), knowledge.len()) {
        (1, _, _) => Alignment::Aligned,
        (2, 1, _) | (2, _, 1) => Alignment::AgreementWithoutAlignment,
        _ => Alignment::Split,
    }
}

fn prompts(
    framework: &Framework,
    contested: &[Contested],
    participants: &[Participant],
    alignment: Alignment,
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
                    ("facts", &c.facts.to_string()),
                    ("assumptions", &c.assumptions.to_string()),
                ],
            )
        })
        .collect();
    let short = participants
        .iter()
        .filter(|p| p.position.quadrant.horizon == HorizonSide::Short)
        .count();
    if short > 0 && short < participants.len() {
        prompts.push(fill(
            &words.prompt_horizon,
            &[
                ("short", &short.to_string()),
                (
                    "threshold",
                    &framework.words.months(framework.horizon.threshold_months),
                ),
                ("long", &(participants.len() - short).to_string()),
            ],
        ));
    }
    if alignment != Alignment::Aligned {
        prompts.push(words.prompt_experiment.clone());
    }
    prompts
}

/// Why people read claim `id` (the session's `i`th) as they do, for
/// those who said why.
fn reasons<'a>(
    votes: &'a [Vote],
    proven: &[Vec<bool>],
    i: usize,
    id: &str,
    anonymous: bool,
) -> Vec<Reason<'a>> {
    let mut reasons: Vec<Reason> = votes
        .iter()
        .zip(proven)
        .filter_map(|(vote, proven)| {
            vote.why.get(id).map(|why| Reason {
                name: (!anonymous).then_some(vote.participant.as_str()),
                fact: proven[i],
                confidence: vote.confidence.get(id).copied(),
                why,
            })
        })
        .collect();
    if anonymous {
        reasons.sort_by(|a, b| b.fact.cmp(&a.fact).then(a.why.cmp(b.why)));
    }
    reasons
}

/// How the second round compares with the first.
fn convergence<'a>(
    framework: &Framework,
    session: &'a Session,
    first: &WorkshopReport,
    second: &WorkshopReport,
    today: jiff::civil::Date,
) -> Result<Convergence<'a>, String> {
    let agreement = |row: &ClaimVotes| {
        let total = (row.facts + row.assumptions).max(1) as f64;
        row.facts.max(row.assumptions) as f64 / total
    };
    let share = |report: &WorkshopReport, id: &str| {
        report
            .grid
            .iter()
            .find(|row| row.id == id)
            .map(agreement)
            .unwrap_or(1.0)
    };
    let claims = session
        .claims
        .iter()
        .map(|c| Shift {
            id: &c.id,
            claim: &c.claim,
            before: share(first, &c.id),
            after: share(second, &c.id),
        })
        .collect();
    // Who moved: the same person, by name, on another playbook. Worked out
    // from the votes, as an anonymous report's names are numbers.
    let index = session.claim_index();
    let playbook = |vote: &Vote| -> Result<&str, String> {
        let proven = session.proven(vote, &index);
        let answers = session.answers(vote, &proven, framework, today)?;
        let score = position(framework, &answers).map_err(|e| e.0)?.0.score;
        Ok(Position::of(framework, answers.horizon.in_months(), score)
            .playbook
            .id
            .as_str())
    };
    let mut moved_names = Vec::new();
    for after in session.round_votes(Round::Second) {
        let earlier = session
            .votes
            .iter()
            .find(|v| same_person(&v.participant, &after.participant));
        if let Some(before) = earlier
            && playbook(before)? != playbook(after)?
        {
            moved_names.push(after.participant.as_str());
        }
    }
    let moved = moved_names.len();
    if second.anonymous {
        moved_names.clear();
    }
    Ok(Convergence {
        before: summary(first),
        after: summary(second),
        claims,
        moved,
        moved_names,
    })
}

/// A round in a few numbers.
fn summary(report: &WorkshopReport) -> Summary {
    let scores = report.participants.iter().map(|p| p.position.score);
    Summary {
        alignment: report.alignment,
        voters: report.participants.len(),
        largest_group: report.split.iter().map(|(_, n)| *n).max().unwrap_or(0),
        contested: report.contested.len(),
        horizon_spread: report.horizon_spread,
        score_spread: (
            scores.clone().fold(f64::INFINITY, f64::min),
            scores.fold(0.0, f64::max),
        ),
    }
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
