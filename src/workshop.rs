//! A workshop's report: several people placed one initiative on the 2x2 in
//! private; the report shows where they agree, where they split, and which
//! claims they disagree about. Agreement on the idea is not alignment on it.
//! Pure: the session is read elsewhere.

use crate::diagnosis::{Position, position};
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Quadrant};
use crate::session::Session;
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
    /// Claims both held as fact and as assumption, most evenly divided first.
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
}

/// The report for a session with at least one vote.
///
/// With `anonymous`, nothing in the report can tell who said what: people
/// are numbered in the order of their answers, not the order they voted,
/// and contested claims carry counts without names.
pub fn report<'a>(
    framework: &'a Framework,
    session: &'a Session,
    anonymous: bool,
    today: jiff::civil::Date,
) -> Result<WorkshopReport<'a>, String> {
    if session.votes.is_empty() {
        return Err("nobody has voted yet: run `calibrate workshop run FILE` or `calibrate workshop vote FILE ...`".into());
    }
    let index = session.claim_index();
    // Who holds which claim proven, vote by vote, in the claims' order.
    let proven: Vec<Vec<bool>> = session
        .votes
        .iter()
        .map(|vote| session.proven(vote, &index))
        .collect();
    let mut participants = Vec::new();
    for (vote, proven) in session.votes.iter().zip(&proven) {
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
            let (facts, assumptions): (Vec<&str>, Vec<&str>) = session
                .votes
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
            (!facts.is_empty() && !assumptions.is_empty()).then(|| Contested {
                id: &c.id,
                claim: &c.claim,
                facts: facts.len(),
                assumptions: assumptions.len(),
                who: (!anonymous).then_some(Who { facts, assumptions }),
            })
        })
        .collect();
    // Most evenly divided first; the claims' own order breaks ties (stable sort).
    contested.sort_by_key(|c| c.facts.abs_diff(c.assumptions));
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

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}
