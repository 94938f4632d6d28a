//! The engine: answers plus a pack give a diagnosis. Pure: no I/O, no clock.
//! Everything a report shows is computed here, once, so every format agrees.

use crate::answers::{Answers, Claim, Horizon, Status, check_weight};
use crate::framework::{EvidenceKind, Framework, HorizonSide, KnowledgeSide, Playbook, Quadrant};

/// Where an initiative lands and what follows from it.
#[derive(Debug, Clone)]
pub struct Diagnosis<'a> {
    pub initiative: Option<&'a str>,
    pub horizon: &'a Horizon,
    pub horizon_side: HorizonSide,
    pub knowledge: Knowledge,
    pub quadrant: Quadrant,
    pub playbook: &'a Playbook,
    pub borderline: Borderline,
    /// The smallest change on each axis that moves the diagnosis to a neighbour.
    pub flips: Vec<Flip<'a>>,
    pub warnings: Vec<Warning>,
    /// The playbook the team runs today, if it said.
    pub current: Option<Current<'a>>,
    /// Every claim with how it was scored, in the order given.
    pub claims: Vec<ScoredClaim<'a>>,
    /// Where to draw the initiative on a unit square chart.
    pub chart: ChartPoint,
}

/// The knowledge axis: how much of the plan's weight rests on facts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Knowledge {
    /// Weight of claims that count as facts divided by total weight, 0..=1.
    pub score: f64,
    pub side: KnowledgeSide,
    /// How many claims count as facts after their evidence is weighed.
    pub facts: usize,
    /// How many claims are scored as assumptions.
    pub assumptions: usize,
}

/// Whether each axis sits within its borderline band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Borderline {
    pub horizon: bool,
    pub knowledge: bool,
}

impl Borderline {
    /// Borderline on either axis.
    pub fn any(self) -> bool {
        self.horizon || self.knowledge
    }
}

/// One of the two questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Horizon,
    Knowledge,
}

impl Axis {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Axis::Horizon => "horizon",
            Axis::Knowledge => "knowledge",
        }
    }
}

/// A change that would move the diagnosis across one threshold.
#[derive(Debug, Clone)]
pub struct Flip<'a> {
    pub axis: Axis,
    /// The playbook it would become.
    pub to: &'a Playbook,
    /// How much must change: claims that change status (knowledge), or
    /// months the payoff date moves (horizon).
    pub amount: f64,
    /// The change in plain words.
    pub change: String,
}

/// Something the reader should know about the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
}

/// What a warning is about, for tools that act on warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// A fact rests on evidence that does not count; scored as an assumption.
    Downgraded,
    /// A fact with no evidence recorded; counted, but unsupported.
    UnrecordedEvidence,
}

/// The playbook the team runs today, set against the diagnosis.
#[derive(Debug, Clone)]
pub struct Current<'a> {
    pub playbook: &'a Playbook,
    pub matches: bool,
    /// What running it here costs, when it does not match.
    pub cost: Option<MismatchCost>,
}

/// The two ways the wrong playbook burns money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MismatchCost {
    pub kind: CostKind,
    /// What running the declared playbook here costs.
    pub explanation: String,
    /// Which answers rule the declared playbook out, such as "3 of 5 claims
    /// are assumptions (vendor evidence is not a fact)".
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostKind {
    /// Exploring or planning slowly when the facts and the clock say act.
    OverAnalysis,
    /// Executing on assumptions, or demanding returns before they can come.
    PrematureAction,
}

impl CostKind {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            CostKind::OverAnalysis => "over_analysis",
            CostKind::PrematureAction => "premature_action",
        }
    }

    /// The name shown to readers.
    pub fn name(self) -> &'static str {
        match self {
            CostKind::OverAnalysis => "over-analysis",
            CostKind::PrematureAction => "premature action",
        }
    }
}

/// A claim and how it was scored.
#[derive(Debug, Clone)]
pub struct ScoredClaim<'a> {
    pub claim: &'a Claim,
    pub reading: Reading<'a>,
}

/// How a claim was read.
#[derive(Debug, Clone, Copy)]
pub enum Reading<'a> {
    /// A fact backed by evidence that counts.
    Fact(&'a EvidenceKind),
    /// A fact with no evidence recorded; counted, with a warning.
    UnrecordedFact,
    /// Held as a fact, but its evidence does not count: scored as an assumption.
    Downgraded(&'a EvidenceKind),
    /// Held as an assumption.
    Assumption,
}

impl Reading<'_> {
    /// Whether the claim counts towards the knowledge score.
    pub fn counts(self) -> bool {
        matches!(self, Reading::Fact(_) | Reading::UnrecordedFact)
    }
}

/// A position on a unit square: `x` 0 (now) to 1 (far off), `y` 0 (all
/// assumptions) to 1 (all facts). The thresholds sit at 0.5, and a point
/// always lies strictly inside its own quadrant so charts never mislead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartPoint {
    pub x: f64,
    pub y: f64,
}

/// Why answers could not be diagnosed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Where answers land, without the explanations: what a portfolio of
/// thousands needs from each initiative, computed by the same rules.
#[derive(Debug, Clone)]
pub struct Position<'a> {
    pub months: f64,
    pub horizon_side: HorizonSide,
    pub knowledge: Knowledge,
    pub quadrant: Quadrant,
    pub playbook: &'a Playbook,
    pub borderline: Borderline,
    pub chart: ChartPoint,
    /// The playbook the team says it runs, if it said.
    pub current: Option<&'a Playbook>,
}

impl Position<'_> {
    /// Whether a declared playbook differs from the diagnosis.
    pub fn mismatch(&self) -> bool {
        self.current
            .is_some_and(|current| current.id != self.playbook.id)
    }
}

/// Places `answers` on the 2x2 with the pack `framework`.
pub fn position<'a>(
    framework: &'a Framework,
    answers: &Answers,
) -> Result<Position<'a>, InputError> {
    let (position, _) = weigh(framework, answers)?;
    Ok(position)
}

/// The position and every claim as read.
fn weigh<'a, 'c>(
    framework: &'a Framework,
    answers: &'c Answers,
) -> Result<(Position<'a>, Vec<ScoredClaim<'c>>), InputError>
where
    'a: 'c,
{
    if answers.claims.is_empty() {
        return Err(InputError(
            "there are no claims to weigh: name what the plan rests on with --fact and --assumption (or --facts N and --assumptions N)".into(),
        ));
    }
    let claims = answers
        .claims
        .iter()
        .map(|claim| read_claim(framework, claim).map(|reading| ScoredClaim { claim, reading }))
        .collect::<Result<Vec<_>, _>>()?;
    let current = answers
        .current_playbook
        .as_deref()
        .map(|id| framework.find_playbook(id).map_err(InputError))
        .transpose()?;
    let months = answers.horizon.in_months();
    let horizon_side = horizon_side(framework, months);
    let score = score(&claims);
    let knowledge_side = knowledge_side(framework, score);
    let facts = claims.iter().filter(|c| c.reading.counts()).count();
    let knowledge = Knowledge {
        score,
        side: knowledge_side,
        facts,
        assumptions: claims.len() - facts,
    };
    let quadrant = Quadrant::new(horizon_side, knowledge_side);
    let borderline = Borderline {
        horizon: (months - framework.horizon.threshold_months).abs()
            <= framework.horizon.borderline_months,
        knowledge: (score - framework.knowledge.threshold).abs()
            <= framework.knowledge.borderline + 1e-9,
    };
    let position = Position {
        months,
        horizon_side,
        knowledge,
        quadrant,
        playbook: framework.playbook_for(quadrant),
        borderline,
        chart: chart_point(framework, months, score, quadrant),
        current,
    };
    Ok((position, claims))
}

/// Diagnoses `answers` with the pack `framework`.
pub fn diagnose<'a>(
    framework: &'a Framework,
    answers: &'a Answers,
) -> Result<Diagnosis<'a>, InputError> {
    let (p, claims) = weigh(framework, answers)?;
    let flips = vec![
        knowledge_flip(framework, &claims, p.quadrant),
        horizon_flip(framework, p.months, p.quadrant),
    ];
    let current = p.current.map(|current| {
        let matches = current.id == p.playbook.id;
        Current {
            playbook: current,
            matches,
            cost: (!matches).then(|| {
                let mut cost = mismatch_cost(framework, current, p.playbook, &p.knowledge);
                cost.reason = mismatch_reason(framework, current, &claims, &p.knowledge, p.months);
                cost
            }),
        }
    });
    Ok(Diagnosis {
        initiative: answers.initiative.as_deref(),
        horizon: &answers.horizon,
        horizon_side: p.horizon_side,
        knowledge: p.knowledge,
        quadrant: p.quadrant,
        playbook: p.playbook,
        borderline: p.borderline,
        flips,
        warnings: warnings(&claims),
        current,
        chart: p.chart,
        claims,
    })
}

fn read_claim<'a>(framework: &'a Framework, claim: &Claim) -> Result<Reading<'a>, InputError> {
    check_weight(claim.weight)
        .map_err(|err| InputError(format!("claim '{}': {err}", claim.text)))?;
    let evidence = claim
        .evidence
        .as_deref()
        .map(|id| {
            framework
                .find_evidence(id)
                .map_err(|err| InputError(format!("claim '{}': {err}", claim.text)))
        })
        .transpose()?;
    Ok(match (claim.status, evidence) {
        (Status::Assumption, _) => Reading::Assumption,
        (Status::Fact, None) => Reading::UnrecordedFact,
        (Status::Fact, Some(kind)) if kind.counts_as_fact => Reading::Fact(kind),
        (Status::Fact, Some(kind)) => Reading::Downgraded(kind),
    })
}

fn horizon_side(framework: &Framework, months: f64) -> HorizonSide {
    if months <= framework.horizon.threshold_months {
        HorizonSide::Short
    } else {
        HorizonSide::Long
    }
}

fn knowledge_side(framework: &Framework, score: f64) -> KnowledgeSide {
    // Strictly above: you need to know more than you don't.
    if score > framework.knowledge.threshold {
        KnowledgeSide::Facts
    } else {
        KnowledgeSide::Assumptions
    }
}

fn score(claims: &[ScoredClaim]) -> f64 {
    let total: f64 = claims.iter().map(|c| c.claim.weight).sum();
    // A fold from +0.0: an empty f64 sum is -0.0, which prints as "-0%".
    let facts: f64 = claims
        .iter()
        .filter(|c| c.reading.counts())
        .map(|c| c.claim.weight)
        .fold(0.0, |sum, weight| sum + weight);
    facts / total
}

/// The fewest claims that would have to change status to cross the knowledge
/// threshold, heaviest first.
fn knowledge_flip<'a>(
    framework: &'a Framework,
    claims: &[ScoredClaim],
    quadrant: Quadrant,
) -> Flip<'a> {
    let to = framework.playbook_for(Quadrant::new(quadrant.horizon, quadrant.knowledge.other()));
    let towards_facts = quadrant.knowledge == KnowledgeSide::Assumptions;
    let mut readings: Vec<(f64, bool)> = claims
        .iter()
        .map(|c| (c.claim.weight, c.reading.counts()))
        .collect();
    let mut candidates: Vec<usize> = (0..readings.len())
        .filter(|&i| readings[i].1 != towards_facts)
        .collect();
    candidates.sort_by(|&a, &b| readings[b].0.total_cmp(&readings[a].0));
    let mut changed = 0;
    for index in candidates {
        readings[index].1 = towards_facts;
        changed += 1;
        let total: f64 = readings.iter().map(|r| r.0).sum();
        let facts: f64 = readings.iter().filter(|r| r.1).map(|r| r.0).sum();
        if knowledge_side(framework, facts / total) != quadrant.knowledge {
            break;
        }
    }
    let weighted = claims.iter().any(|c| c.claim.weight != 1.0);
    let which = if weighted { " (heaviest first)" } else { "" };
    let change = if towards_facts {
        format!(
            "prove {changed} more of your assumptions{which} with your own data or a pilot and this becomes {}",
            to.name
        )
    } else if changed == 1 {
        format!(
            "if 1 of your facts{which} turns out to be an assumption, this becomes {}",
            to.name
        )
    } else {
        format!(
            "if {changed} of your facts{which} turn out to be assumptions, this becomes {}",
            to.name
        )
    };
    Flip {
        axis: Axis::Knowledge,
        to,
        amount: changed as f64,
        change,
    }
}

/// How far the payoff date would have to move to cross the horizon threshold.
fn horizon_flip<'a>(framework: &'a Framework, months: f64, quadrant: Quadrant) -> Flip<'a> {
    let to = framework.playbook_for(Quadrant::new(quadrant.horizon.other(), quadrant.knowledge));
    let threshold = framework.horizon.threshold_months;
    let change = match quadrant.horizon {
        HorizonSide::Short if threshold - months < 0.05 => format!(
            "if the payoff slips at all past {}, this becomes {}",
            months_text(threshold),
            to.name
        ),
        HorizonSide::Short => format!(
            "if the payoff slips past {} (more than {} later than now), this becomes {}",
            months_text(threshold),
            months_text(threshold - months),
            to.name
        ),
        HorizonSide::Long => format!(
            "if the payoff must come within {} ({} sooner than now), this becomes {}",
            months_text(threshold),
            months_text(months - threshold),
            to.name
        ),
    };
    Flip {
        axis: Axis::Horizon,
        to,
        amount: (months - threshold).abs(),
        change,
    }
}

fn mismatch_cost(
    framework: &Framework,
    current: &Playbook,
    diagnosed: &Playbook,
    knowledge: &Knowledge,
) -> MismatchCost {
    let threshold = months_text(framework.horizon.threshold_months);
    let assumed = ((1.0 - knowledge.score) * 100.0).round();
    let (kind, explanation) = if current.quadrant.knowledge != diagnosed.quadrant.knowledge {
        if current.quadrant.knowledge == KnowledgeSide::Facts {
            (
                CostKind::PrematureAction,
                format!(
                    "{} acts as if the plan rested on facts, but {assumed}% of its weight is assumption: money goes into a confident commitment that is likely to crumble.",
                    current.name
                ),
            )
        } else {
            (
                CostKind::OverAnalysis,
                format!(
                    "{} keeps testing what you already know: time and money go into experiments and scenarios while the known path waits.",
                    current.name
                ),
            )
        }
    } else if current.quadrant.horizon == HorizonSide::Short {
        (
            CostKind::PrematureAction,
            format!(
                "{} demands results within {threshold} from a bet that takes longer to pay off: it will be judged, or pulled, before it can work.",
                current.name
            ),
        )
    } else {
        (
            CostKind::OverAnalysis,
            format!(
                "{} plans for the long run when results are needed within {threshold}: the window closes while the plan matures.",
                current.name
            ),
        )
    };
    MismatchCost {
        kind,
        explanation,
        reason: String::new(),
    }
}

/// Which answers put the diagnosis on another side than the declared playbook.
fn mismatch_reason(
    framework: &Framework,
    current: &Playbook,
    claims: &[ScoredClaim],
    knowledge: &Knowledge,
    months: f64,
) -> String {
    let mut reasons = Vec::new();
    let total = claims.len();
    let weighted = claims.iter().any(|c| c.claim.weight != 1.0);
    if current.quadrant.knowledge != knowledge.side {
        let share = |part: f64| format!("{:.0}% of the plan's weight", part * 100.0);
        reasons.push(match knowledge.side {
            KnowledgeSide::Assumptions => {
                let mut kinds: Vec<&str> = claims
                    .iter()
                    .filter_map(|c| match c.reading {
                        Reading::Downgraded(kind) => Some(kind.id.as_str()),
                        _ => None,
                    })
                    .collect();
                kinds.dedup();
                kinds.sort_unstable();
                kinds.dedup();
                let head = if weighted {
                    format!("{} rests on assumptions", share(1.0 - knowledge.score))
                } else {
                    format!(
                        "{} of {total} claims are assumptions",
                        knowledge.assumptions
                    )
                };
                match kinds.as_slice() {
                    [] => head,
                    kinds => format!("{head} ({} evidence is not a fact)", kinds.join(" and ")),
                }
            }
            KnowledgeSide::Facts if weighted => {
                format!(
                    "{} rests on facts backed by your own evidence",
                    share(knowledge.score)
                )
            }
            KnowledgeSide::Facts => format!(
                "{} of {total} claims are facts backed by your own evidence",
                knowledge.facts
            ),
        });
    }
    let threshold = framework.horizon.threshold_months;
    match (current.quadrant.horizon, months <= threshold) {
        (HorizonSide::Short, false) => reasons.push(format!(
            "the payoff is {} away, past {}",
            months_text(months),
            months_text(threshold)
        )),
        (HorizonSide::Long, true) => reasons.push(format!(
            "the payoff is due within {}, inside {}",
            months_text(months),
            months_text(threshold)
        )),
        _ => {}
    }
    reasons.join(" and ")
}

fn warnings(claims: &[ScoredClaim]) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = claims
        .iter()
        .filter_map(|c| match c.reading {
            Reading::Downgraded(kind) => Some(Warning {
                kind: WarningKind::Downgraded,
                message: format!(
                    "\"{}\" is held as a fact, but it rests on {} evidence ({}), which says nothing certain about your own outcome: it is scored as an assumption (the Klarna trap). Test it in your own setting to make it a fact.",
                    c.claim.text, kind.id, kind.name
                ),
            }),
            _ => None,
        })
        .collect();
    let unrecorded: Vec<&ScoredClaim> = claims
        .iter()
        .filter(|c| matches!(c.reading, Reading::UnrecordedFact))
        .collect();
    match unrecorded.as_slice() {
        [] => {}
        [only] => warnings.push(Warning {
            kind: WarningKind::UnrecordedEvidence,
            message: format!(
                "\"{}\" is counted as a fact, but no evidence is recorded for it: say how you know it (your own measured data or your own pilot).",
                only.claim.text
            ),
        }),
        many => warnings.push(Warning {
            kind: WarningKind::UnrecordedEvidence,
            message: format!(
                "{} facts are counted with no evidence recorded: say how you know each one (your own measured data or your own pilot).",
                many.len()
            ),
        }),
    }
    warnings
}

/// Maps the answers onto a unit square with both thresholds at 0.5. The
/// horizon is linear up to the threshold and then stretched so four times the
/// threshold (four years by default) reaches the right edge.
fn chart_point(framework: &Framework, months: f64, score: f64, quadrant: Quadrant) -> ChartPoint {
    // Keep the point inside its own quadrant, clear of the edges and the lines.
    let inside = |value: f64, upper: bool| {
        if upper {
            value.clamp(0.54, 0.96)
        } else {
            value.clamp(0.04, 0.46)
        }
    };
    ChartPoint {
        x: inside(
            chart_x(framework, months),
            quadrant.horizon == HorizonSide::Long,
        ),
        y: inside(
            chart_y(framework, score),
            quadrant.knowledge == KnowledgeSide::Facts,
        ),
    }
}

/// The horizon on a chart's 0..1 axis: linear up to the threshold (0.5),
/// then stretched so four times the threshold reaches the right edge.
fn chart_x(framework: &Framework, months: f64) -> f64 {
    let h = framework.horizon.threshold_months;
    if months <= h {
        0.5 * months / h
    } else {
        0.5 + 0.5 * ((months - h) / (3.0 * h)).min(1.0)
    }
}

/// The knowledge score on a chart's 0..1 axis, the threshold at 0.5.
fn chart_y(framework: &Framework, score: f64) -> f64 {
    let t = framework.knowledge.threshold;
    if score <= t {
        0.5 * score / t
    } else {
        0.5 + 0.5 * (score - t) / (1.0 - t)
    }
}

/// The borderline bands on a chart's axes, from the pack's thresholds.
pub fn chart_bands(framework: &Framework) -> ChartBands {
    let (h, hb) = (
        framework.horizon.threshold_months,
        framework.horizon.borderline_months,
    );
    let (k, kb) = (
        framework.knowledge.threshold,
        framework.knowledge.borderline,
    );
    ChartBands {
        horizon: (
            chart_x(framework, (h - hb).max(0.0)),
            chart_x(framework, h + hb),
        ),
        knowledge: (
            chart_y(framework, (k - kb).max(0.0)),
            chart_y(framework, (k + kb).min(1.0)),
        ),
    }
}

/// Where the borderline bands lie on a chart: (low, high) on each 0..1 axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartBands {
    pub horizon: (f64, f64),
    pub knowledge: (f64, f64),
}

/// "6 months", "1 month", "2.5 months".
pub fn months_text(months: f64) -> String {
    let rounded = (months * 10.0).round() / 10.0;
    if rounded == 1.0 {
        "1 month".to_string()
    } else if rounded.fract() == 0.0 {
        format!("{rounded:.0} months")
    } else {
        format!("{rounded:.1} months")
    }
}

/// Where a horizon and a knowledge score land, by the same rules as
/// [`diagnose`]: for placements that do not come from one set of claims,
/// such as a workshop's consensus.
pub fn place(framework: &Framework, months: f64, score: f64) -> (Quadrant, ChartPoint) {
    let quadrant = Quadrant::new(
        horizon_side(framework, months),
        knowledge_side(framework, score),
    );
    (quadrant, chart_point(framework, months, score, quadrant))
}
