//! The engine: answers plus a pack give a diagnosis. Pure: no I/O, no clock.
//! Everything a report shows is computed here, once, so every format agrees.

use crate::answers::{
    Answers, Claim, HALF_A_DAY, Horizon, MAX_CLAIMS, MAX_HORIZON_MONTHS, Status, check_confidence,
    check_weight, too_many_claims,
};
use crate::framework::{EvidenceKind, Framework, HorizonSide, KnowledgeSide, Playbook, Quadrant};
use crate::simulate::{self, Outlook, Plan, Uncertain};
use crate::track_record::{self, PastInitiative};
use crate::wording::fill;

/// Where an initiative lands and what follows from it.
#[derive(Debug, Clone)]
pub struct Diagnosis<'a> {
    pub initiative: Option<&'a str>,
    pub horizon: &'a Horizon,
    /// Where the answers land on the 2x2, and the playbook there.
    pub position: Position<'a>,
    /// How many claims count as facts, and how many as assumptions.
    pub counts: Counts,
    /// The smallest change on each axis that moves the diagnosis to a neighbour.
    pub flips: Vec<Flip<'a>>,
    pub warnings: Vec<Warning>,
    /// The playbook the team runs today, if it said.
    pub current: Option<Current<'a>>,
    /// Every claim with how it was scored, in the order given.
    pub claims: Vec<ScoredClaim<'a>>,
    /// The plan played out many times, when a claim carries a confidence or
    /// the horizon is a range.
    pub outlook: Option<Outlook>,
}

/// Where answers land on the 2x2: the horizon, the share of facts, the
/// quadrant and its playbook, and where to draw them.
#[derive(Debug, Clone, Copy)]
pub struct Position<'a> {
    /// How long until the payoff, in months.
    pub months: f64,
    /// Weight of claims that count as facts divided by total weight, 0..=1.
    pub score: f64,
    pub quadrant: Quadrant,
    pub playbook: &'a Playbook,
    pub borderline: Borderline,
    /// Where to draw it on a unit-square chart.
    pub chart: ChartPoint,
}

impl<'a> Position<'a> {
    /// Where a horizon and a share of facts land. Every placement goes
    /// through here: one person's answers, a portfolio's initiatives, and a
    /// workshop's medians.
    pub fn of(framework: &'a Framework, months: f64, score: f64) -> Position<'a> {
        let quadrant = Quadrant::new(
            horizon_side(framework, months),
            knowledge_side(framework, score),
        );
        Position {
            months,
            score,
            quadrant,
            playbook: framework.playbook_for(quadrant),
            borderline: Borderline {
                horizon: (months - framework.horizon.threshold_months).abs()
                    <= framework.horizon.borderline_months,
                knowledge: (score - framework.knowledge.threshold).abs()
                    <= framework.knowledge.borderline + 1e-9,
            },
            chart: chart_point(framework, months, score, quadrant),
        }
    }
}

/// How many claims count as facts once their evidence is weighed, and how
/// many as assumptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub facts: usize,
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
    /// The horizon is shorter than most similar past initiatives took.
    OutsideView,
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
    /// What the declared playbook's card says running it here costs: the
    /// half of its misfit about the question answered differently, or both.
    pub consequence: String,
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

    /// The name shown to readers, from the pack.
    pub fn name(self, framework: &Framework) -> &str {
        match self {
            CostKind::OverAnalysis => &framework.words.mismatch.over_analysis,
            CostKind::PrematureAction => &framework.words.mismatch.premature_action,
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

/// Where answers land, and the playbook they declare: what a portfolio of
/// thousands needs from each initiative, by the same rules as [`diagnose`].
pub fn position<'a>(
    framework: &'a Framework,
    answers: &Answers,
) -> Result<(Position<'a>, Option<&'a Playbook>), InputError> {
    let weighed = weigh(framework, answers)?;
    Ok((weighed.position, weighed.declared))
}

/// Answers weighed: their position, the playbook they declare, and every
/// claim as read.
struct Weighed<'a, 'c> {
    position: Position<'a>,
    declared: Option<&'a Playbook>,
    counts: Counts,
    claims: Vec<ScoredClaim<'c>>,
}

fn weigh<'a, 'c>(
    framework: &'a Framework,
    answers: &'c Answers,
) -> Result<Weighed<'a, 'c>, InputError>
where
    'a: 'c,
{
    if answers.claims.is_empty() {
        return Err(InputError(
            "there are no claims to weigh: name what the plan rests on with --fact and --assumption (or --facts N and --assumptions N)".into(),
        ));
    }
    if answers.claims.len() > MAX_CLAIMS {
        return Err(InputError(too_many_claims(answers.claims.len(), "a plan")));
    }
    let claims = answers
        .claims
        .iter()
        .map(|claim| read_claim(framework, claim).map(|reading| ScoredClaim { claim, reading }))
        .collect::<Result<Vec<_>, _>>()?;
    let declared = answers
        .current_playbook
        .as_deref()
        .map(|id| framework.find_playbook(id).map_err(InputError))
        .transpose()?;
    let facts = claims.iter().filter(|c| c.reading.counts()).count();
    Ok(Weighed {
        position: Position::of(framework, answers.horizon.in_months(), score(&claims)),
        declared,
        counts: Counts {
            facts,
            assumptions: claims.len() - facts,
        },
        claims,
    })
}

/// Diagnoses `answers` with the pack `framework`.
pub fn diagnose<'a>(
    framework: &'a Framework,
    answers: &'a Answers,
) -> Result<Diagnosis<'a>, InputError> {
    let Weighed {
        position: p,
        declared,
        counts,
        claims,
    } = weigh(framework, answers)?;
    let flips = vec![
        knowledge_flip(framework, &claims, p.quadrant),
        horizon_flip(framework, p.months, p.quadrant),
    ];
    let current = declared.map(|current| {
        let matches = current.id == p.playbook.id;
        Current {
            playbook: current,
            matches,
            cost: (!matches).then(|| {
                let mut cost = mismatch_cost(framework, current, p.playbook, p.score);
                cost.reason = mismatch_reason(framework, current, &claims, &p, counts);
                cost
            }),
        }
    });
    Ok(Diagnosis {
        initiative: answers.initiative.as_deref(),
        horizon: &answers.horizon,
        position: p,
        counts,
        flips,
        warnings: warnings(framework, &claims),
        outlook: outlook(framework, answers, &claims, declared),
        current,
        claims,
    })
}

/// Adds the outside view: a warning when most past initiatives diagnosed in
/// the same playbook took longer than this plan's horizon.
pub fn outside_view(framework: &Framework, d: &mut Diagnosis, past: &[PastInitiative]) {
    let playbook = d.position.playbook;
    let Some((typical, count)) =
        track_record::outside_view(past, &playbook.id, d.horizon.in_months())
    else {
        return;
    };
    let words = &framework.words;
    d.warnings.push(Warning {
        kind: WarningKind::OutsideView,
        message: fill(
            &words.warnings.outside_view,
            &[
                ("horizon", &words.months(d.horizon.in_months())),
                ("typical", &words.months(typical)),
                ("count", &count.to_string()),
                ("playbook", &playbook.name),
            ],
        ),
    });
}

/// The plan played out, when anything about it is uncertain: a claim with a
/// confidence, or a horizon given as a range. A claim without a confidence
/// keeps the reading it has today.
fn outlook(
    framework: &Framework,
    answers: &Answers,
    claims: &[ScoredClaim],
    declared: Option<&Playbook>,
) -> Option<Outlook> {
    let uncertain =
        answers.horizon.range().is_some() || answers.claims.iter().any(|c| c.confidence.is_some());
    if !uncertain {
        return None;
    }
    let plan: Vec<Uncertain> = claims
        .iter()
        .map(|c| Uncertain {
            weight: c.claim.weight,
            holds: c
                .claim
                .confidence
                .unwrap_or(if c.reading.counts() { 1.0 } else { 0.0 }),
        })
        .collect();
    Some(simulate::simulate(
        framework,
        Plan {
            months: answers.horizon.in_months(),
            range: answers.horizon.range(),
            claims: &plan,
            declared: declared.map(|p| p.quadrant),
        },
        simulate::RUNS,
        simulate::SEED,
    ))
}

fn read_claim<'a>(framework: &'a Framework, claim: &Claim) -> Result<Reading<'a>, InputError> {
    check_weight(claim.weight)
        .map_err(|err| InputError(format!("claim '{}': {err}", claim.text)))?;
    if let Some(confidence) = claim.confidence {
        check_confidence(confidence)
            .map_err(|err| InputError(format!("claim '{}': {err}", claim.text)))?;
    }
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
    framework.horizon_side(months)
}

fn knowledge_side(framework: &Framework, score: f64) -> KnowledgeSide {
    framework.knowledge_side(score)
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
    // Heaviest first, so the fewest claims change; running sums keep it
    // linear after the sort, however many claims there are.
    let mut candidates: Vec<f64> = claims
        .iter()
        .filter(|c| c.reading.counts() != towards_facts)
        .map(|c| c.claim.weight)
        .collect();
    candidates.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = claims.iter().map(|c| c.claim.weight).sum();
    let mut facts: f64 = claims
        .iter()
        .filter(|c| c.reading.counts())
        .map(|c| c.claim.weight)
        .sum();
    let mut changed = 0;
    for weight in candidates {
        if towards_facts {
            facts += weight;
        } else {
            facts -= weight;
        }
        changed += 1;
        if knowledge_side(framework, facts / total) != quadrant.knowledge {
            break;
        }
    }
    let words = &framework.words.flips;
    let weighted = claims.iter().any(|c| c.claim.weight != 1.0);
    let which = if weighted {
        format!(" {}", words.heaviest_first)
    } else {
        String::new()
    };
    let count = changed.to_string();
    let values = [
        ("count", count.as_str()),
        ("which", which.as_str()),
        ("playbook", to.name.as_str()),
    ];
    // Claims about a payoff years away are mostly about the world outside:
    // no pilot proves them, but a signpost watched shows them holding.
    let far = quadrant.horizon == HorizonSide::Long;
    let template = if towards_facts && changed == 1 {
        if far {
            &words.watch_one
        } else {
            &words.prove_one
        }
    } else if towards_facts {
        if far {
            &words.watch_other
        } else {
            &words.prove_other
        }
    } else if changed == 1 {
        &words.fact_fails_one
    } else {
        &words.fact_fails_other
    };
    let change = fill(template, &values);
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
    let words = &framework.words;
    let (template, margin) = match quadrant.horizon {
        HorizonSide::Short if threshold - months < HALF_A_DAY => (&words.flips.slip_at_all, 0.0),
        HorizonSide::Short => (&words.flips.slip, threshold - months),
        HorizonSide::Long => (&words.flips.sooner, months - threshold),
    };
    let change = fill(
        template,
        &[
            ("threshold", &words.months(threshold)),
            ("margin", &words.months(margin)),
            ("playbook", &to.name),
        ],
    );
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
    score: f64,
) -> MismatchCost {
    let words = &framework.words;
    let threshold = words.months(framework.horizon.threshold_months);
    let assumed = words.percent(1.0 - score);
    let (kind, template) = if current.quadrant.knowledge != diagnosed.quadrant.knowledge {
        if current.quadrant.knowledge == KnowledgeSide::Facts {
            (CostKind::PrematureAction, &words.mismatch.acts_on_facts)
        } else {
            (CostKind::OverAnalysis, &words.mismatch.keeps_testing)
        }
    } else {
        // The horizon alone differs: what that costs depends on whether the
        // plan rests on facts or on assumptions.
        let on_facts = current.quadrant.knowledge == KnowledgeSide::Facts;
        match (current.quadrant.horizon, on_facts) {
            (HorizonSide::Short, true) => {
                (CostKind::PrematureAction, &words.mismatch.demands_results)
            }
            (HorizonSide::Short, false) => (
                CostKind::PrematureAction,
                &words.mismatch.experiments_too_short,
            ),
            (HorizonSide::Long, true) => (CostKind::OverAnalysis, &words.mismatch.plans_long),
            (HorizonSide::Long, false) => {
                (CostKind::OverAnalysis, &words.mismatch.scenarios_too_slow)
            }
        }
    };
    let mut consequence = Vec::new();
    if current.quadrant.knowledge != diagnosed.quadrant.knowledge {
        consequence.push(current.misfit.knowledge.trim());
    }
    if current.quadrant.horizon != diagnosed.quadrant.horizon {
        consequence.push(current.misfit.horizon.trim());
    }
    let explanation = fill(
        template,
        &[
            ("playbook", &current.name),
            ("percent", &assumed),
            ("threshold", &threshold),
        ],
    );
    MismatchCost {
        kind,
        explanation,
        reason: String::new(),
        consequence: consequence.join(" "),
    }
}

/// Which answers put the diagnosis on another side than the declared playbook.
fn mismatch_reason(
    framework: &Framework,
    current: &Playbook,
    claims: &[ScoredClaim],
    position: &Position,
    counts: Counts,
) -> String {
    let (months, score, side) = (position.months, position.score, position.quadrant.knowledge);
    let words = &framework.words;
    let mut reasons = Vec::new();
    let total = claims.len().to_string();
    let weighted = claims.iter().any(|c| c.claim.weight != 1.0);
    if current.quadrant.knowledge != side {
        let (template, share, count) = match side {
            KnowledgeSide::Assumptions if weighted => {
                (&words.mismatch.weight_on_assumptions, 1.0 - score, 0)
            }
            KnowledgeSide::Assumptions => (
                &words.mismatch.claims_are_assumptions,
                0.0,
                counts.assumptions,
            ),
            KnowledgeSide::Facts if weighted => (&words.mismatch.weight_on_facts, score, 0),
            KnowledgeSide::Facts => (&words.mismatch.claims_are_facts, 0.0, counts.facts),
        };
        let reason = fill(
            template,
            &[
                ("percent", &words.percent(share)),
                ("count", &count.to_string()),
                ("total", &total),
            ],
        );
        let mut kinds: Vec<&EvidenceKind> = claims
            .iter()
            .filter_map(|c| match c.reading {
                Reading::Downgraded(kind) => Some(kind),
                _ => None,
            })
            .collect();
        kinds.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        kinds.dedup_by(|a, b| a.id == b.id);
        let ids: Vec<&str> = kinds.iter().map(|k| k.id.as_str()).collect();
        let names: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
        reasons.push(if kinds.is_empty() || side == KnowledgeSide::Facts {
            reason
        } else {
            fill(
                &words.mismatch.not_a_fact,
                &[
                    ("reason", &reason),
                    ("kinds", &words.both(&ids)),
                    ("kind_names", &words.both(&names)),
                ],
            )
        });
    }
    let threshold = framework.horizon.threshold_months;
    let template = match (current.quadrant.horizon, position.quadrant.horizon) {
        (HorizonSide::Short, HorizonSide::Long) => Some(&words.mismatch.payoff_past),
        (HorizonSide::Long, HorizonSide::Short) => Some(&words.mismatch.payoff_inside),
        _ => None,
    };
    if let Some(template) = template {
        reasons.push(fill(
            template,
            &[
                ("months", &words.months(months)),
                ("threshold", &words.months(threshold)),
            ],
        ));
    }
    let reasons: Vec<&str> = reasons.iter().map(String::as_str).collect();
    words.both(&reasons)
}

fn warnings(framework: &Framework, claims: &[ScoredClaim]) -> Vec<Warning> {
    let words = &framework.words.warnings;
    let mut warnings = Vec::new();
    let downgraded: Vec<(&ScoredClaim, &EvidenceKind)> = claims
        .iter()
        .filter_map(|c| match c.reading {
            Reading::Downgraded(kind) => Some((c, kind)),
            _ => None,
        })
        .collect();
    // One warning for them all: the same explanation for each would bury it.
    let message = match downgraded.as_slice() {
        [] => None,
        [(c, kind)] => Some(fill(
            &words.downgraded,
            &[
                ("claim", &c.claim.text),
                ("evidence", &kind.id),
                ("evidence_name", &kind.name),
            ],
        )),
        many => {
            let quoted: Vec<String> = many
                .iter()
                .map(|(c, _)| format!("\"{}\"", c.claim.text))
                .collect();
            let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
            let mut kinds: Vec<&EvidenceKind> = many.iter().map(|(_, kind)| *kind).collect();
            kinds.sort_unstable_by(|a, b| a.id.cmp(&b.id));
            kinds.dedup_by(|a, b| a.id == b.id);
            let ids: Vec<&str> = kinds.iter().map(|k| k.id.as_str()).collect();
            let names: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
            Some(fill(
                &words.downgraded_other,
                &[
                    ("count", &many.len().to_string()),
                    ("claims", &framework.words.both(&quoted)),
                    ("evidence", &framework.words.both(&ids)),
                    ("evidence_names", &framework.words.both(&names)),
                ],
            ))
        }
    };
    if let Some(message) = message {
        warnings.push(Warning {
            kind: WarningKind::Downgraded,
            message,
        });
    }
    let unrecorded: Vec<&ScoredClaim> = claims
        .iter()
        .filter(|c| matches!(c.reading, Reading::UnrecordedFact))
        .collect();
    let fact_kinds = framework.fact_kinds();
    let fact_kind_ids = framework.fact_kind_ids();
    let message = match unrecorded.as_slice() {
        [] => None,
        [only] => Some(fill(
            &words.unrecorded_one,
            &[
                ("claim", &only.claim.text),
                ("fact_kinds", &fact_kinds),
                ("fact_kind_ids", &fact_kind_ids),
            ],
        )),
        many => Some(fill(
            &words.unrecorded_other,
            &[
                ("count", &many.len().to_string()),
                ("fact_kinds", &fact_kinds),
                ("fact_kind_ids", &fact_kind_ids),
            ],
        )),
    };
    if let Some(message) = message {
        warnings.push(Warning {
            kind: WarningKind::UnrecordedEvidence,
            message,
        });
    }
    warnings
}

/// Maps the answers onto a unit square with both thresholds at 0.5, by
/// [`chart_x`] and [`chart_y`], kept inside the answers' own quadrant.
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

/// Where the longest horizon lands on the chart's 0..1 axis: the far end of
/// the drawn scale, inside the frame.
const CHART_FAR: f64 = 0.96;

/// The horizon scale's two parts: linear, the threshold at 0.5, up to the
/// end of the borderline band past the threshold (so the band sits evenly
/// around its line); then compressed (logarithmic) up to the longest
/// horizon accepted, so 5 and 40 years land apart. Returns the months where
/// the compression starts and the longest horizon on the scale.
fn horizon_scale(framework: &Framework) -> (f64, f64) {
    let h = framework.horizon.threshold_months;
    let knee = h + framework.horizon.borderline_months.min(0.5 * h);
    (knee, MAX_HORIZON_MONTHS.max(2.0 * knee))
}

/// The horizon on a chart's 0..1 axis: see [`horizon_scale`].
pub fn chart_x(framework: &Framework, months: f64) -> f64 {
    let h = framework.horizon.threshold_months;
    let (knee, far) = horizon_scale(framework);
    if months <= knee {
        0.5 * months / h
    } else {
        let at_knee = 0.5 * knee / h;
        at_knee + (CHART_FAR - at_knee) * (months / knee).ln() / (far / knee).ln()
    }
}

/// The knowledge score on a chart's 0..1 axis, the threshold at 0.5.
pub fn chart_y(framework: &Framework, score: f64) -> f64 {
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
    let months = ((h - hb).max(0.0), h + hb);
    let scores = ((k - kb).max(0.0), (k + kb).min(1.0));
    ChartBands {
        months,
        scores,
        horizon: (chart_x(framework, months.0), chart_x(framework, months.1)),
        knowledge: (chart_y(framework, scores.0), chart_y(framework, scores.1)),
    }
}

/// Where the borderline bands lie on a chart: (low, high) on each 0..1 axis,
/// and the answers they stand for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartBands {
    /// The borderline horizons, in months.
    pub months: (f64, f64),
    /// The borderline shares of facts.
    pub scores: (f64, f64),
    pub horizon: (f64, f64),
    pub knowledge: (f64, f64),
}

/// A marked value on a chart's axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tick {
    /// Months on the horizon axis, a share of facts on the knowledge axis.
    pub value: f64,
    /// Where it lies on the 0..1 axis.
    pub at: f64,
    /// Whether it is the axis's threshold.
    pub threshold: bool,
}

/// The marks on both axes, and where the horizon scale starts to compress.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartTicks {
    pub horizon: Vec<Tick>,
    pub knowledge: Vec<Tick>,
    /// The months past which the horizon scale is compressed, and where
    /// that lies on the axis.
    pub compressed_from: Tick,
}

/// The ticks of a chart: on the horizon, half the threshold, the threshold,
/// then 2, 5 and 10 times it and the longest horizon, where they fall on
/// the compressed part; on the knowledge axis, none, half the threshold,
/// the threshold, halfway to all, and all.
pub fn chart_ticks(framework: &Framework) -> ChartTicks {
    let h = framework.horizon.threshold_months;
    let (knee, far) = horizon_scale(framework);
    let tick = |value: f64, at: f64, threshold: bool| Tick {
        value,
        at,
        threshold,
    };
    let mut horizon = vec![tick(0.5 * h, 0.25, false), tick(h, 0.5, true)];
    horizon.extend(
        [2.0 * h, 5.0 * h, 10.0 * h, far]
            .into_iter()
            .filter(|&months| months > knee && months <= far)
            .map(|months| tick(months, chart_x(framework, months), false)),
    );
    horizon.dedup_by(|a, b| (a.value - b.value).abs() < 1e-9);
    let t = framework.knowledge.threshold;
    let knowledge = [0.0, 0.5 * t, t, 0.5 * (1.0 + t), 1.0]
        .into_iter()
        .map(|score| tick(score, chart_y(framework, score), score == t))
        .collect();
    ChartTicks {
        horizon,
        knowledge,
        compressed_from: tick(knee, chart_x(framework, knee), false),
    }
}
