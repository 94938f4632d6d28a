//! JSON: one object per diagnosis, for tools and CI. Field names are a
//! contract (`schema_version` 1); fields may be added, never renamed.

use crate::answers::Status;
use crate::check::{self, Outcome, Verdict};
use crate::diagnosis::Diagnosis;
use crate::framework::Framework;
use crate::portfolio::Portfolio;
use crate::workshop;
use serde::Serialize;

/// The version of the JSON shape below.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    initiative: Option<&'a str>,
    horizon: HorizonJson<'a>,
    knowledge: KnowledgeJson,
    playbook: PlaybookJson<'a>,
    borderline: bool,
    borderline_axes: Vec<&'static str>,
    flips: Vec<FlipJson<'a>>,
    current: Option<CurrentJson<'a>>,
    warnings: Vec<&'a str>,
    claims: Vec<ClaimJson<'a>>,
}

#[derive(Serialize)]
struct HorizonJson<'a> {
    text: &'a str,
    months: f64,
    side: &'static str,
}

#[derive(Serialize)]
struct KnowledgeJson {
    score: f64,
    side: &'static str,
    facts: usize,
    assumptions: usize,
}

#[derive(Serialize)]
struct PlaybookJson<'a> {
    id: &'a str,
    name: &'a str,
    summary: &'a str,
}

#[derive(Serialize)]
struct FlipJson<'a> {
    axis: &'static str,
    to: &'a str,
    amount: f64,
    change: &'a str,
}

#[derive(Serialize)]
struct CurrentJson<'a> {
    id: &'a str,
    matches: bool,
    cost: Option<&'static str>,
    explanation: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    claim: &'a str,
    status: &'static str,
    evidence: Option<&'a str>,
    weight: f64,
    counted_as: &'static str,
}

/// Renders a diagnosis as pretty-printed JSON with a trailing newline.
pub fn render(diagnosis: &Diagnosis) -> String {
    pretty(&report(diagnosis))
}

fn pretty(value: &impl Serialize) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("a report always serialises");
    out.push('\n');
    out
}

fn report<'a>(d: &'a Diagnosis) -> Report<'a> {
    Report {
        schema_version: SCHEMA_VERSION,
        initiative: d.initiative,
        horizon: HorizonJson {
            text: d.horizon.as_str(),
            months: round(d.horizon.in_months(), 4),
            side: d.horizon_side.id(),
        },
        knowledge: KnowledgeJson {
            score: round(d.knowledge.score, 4),
            side: d.knowledge.side.id(),
            facts: d.knowledge.facts,
            assumptions: d.knowledge.assumptions,
        },
        playbook: PlaybookJson {
            id: &d.playbook.id,
            name: &d.playbook.name,
            summary: &d.playbook.summary,
        },
        borderline: d.borderline.any(),
        borderline_axes: [
            ("horizon", d.borderline.horizon),
            ("knowledge", d.borderline.knowledge),
        ]
        .into_iter()
        .filter_map(|(axis, on)| on.then_some(axis))
        .collect(),
        flips: d
            .flips
            .iter()
            .map(|f| FlipJson {
                axis: f.axis.id(),
                to: &f.to.id,
                amount: round(f.amount, 4),
                change: &f.change,
            })
            .collect(),
        current: d.current.as_ref().map(|c| CurrentJson {
            id: &c.playbook.id,
            matches: c.matches,
            cost: c.cost.as_ref().map(|cost| cost.kind.id()),
            explanation: c.cost.as_ref().map(|cost| cost.explanation.as_str()),
        }),
        warnings: d.warnings.iter().map(|w| w.message.as_str()).collect(),
        claims: d
            .claims
            .iter()
            .map(|c| ClaimJson {
                claim: &c.claim.text,
                status: match c.claim.status {
                    Status::Fact => "fact",
                    Status::Assumption => "assumption",
                },
                evidence: c.claim.evidence.as_deref(),
                weight: c.claim.weight,
                counted_as: if c.reading.counts() {
                    "fact"
                } else {
                    "assumption"
                },
            })
            .collect(),
    }
}

/// Rounds for stable output: 0.7 rather than 0.7000000000000001.
fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

#[derive(Serialize)]
struct CheckJson<'a> {
    schema_version: u32,
    today: String,
    strict: bool,
    records: Vec<CheckedFileJson<'a>>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct CheckedFileJson<'a> {
    file: &'a str,
    verdict: &'static str,
    findings: Vec<FindingJson<'a>>,
    problems: Vec<ProblemJson<'a>>,
    diagnosis: Option<Report<'a>>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    kind: &'static str,
    fails: bool,
    line: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct SummaryJson {
    records: usize,
    pass: usize,
    fail: usize,
    invalid: usize,
    skipped: Vec<String>,
}

/// Renders `check`'s results: one object per record with its verdict,
/// findings or problems, and diagnosis.
pub fn render_check(report: &check::Report) -> String {
    let records = report
        .files
        .iter()
        .map(|file| {
            let (findings, problems, diagnosis) = match &file.outcome {
                Outcome::Checked {
                    diagnosis,
                    findings,
                } => (
                    findings
                        .iter()
                        .map(|f| FindingJson {
                            kind: f.kind.id(),
                            fails: f.fails,
                            line: f.line,
                            message: &f.message,
                        })
                        .collect(),
                    Vec::new(),
                    Some(self::report(diagnosis)),
                ),
                Outcome::Invalid(problems) => (
                    Vec::new(),
                    problems
                        .0
                        .iter()
                        .map(|p| ProblemJson {
                            line: p.place.map(|(line, _)| line),
                            column: p.place.map(|(_, column)| column),
                            message: &p.message,
                        })
                        .collect(),
                    None,
                ),
            };
            CheckedFileJson {
                file: file.path,
                verdict: file.outcome.verdict().id(),
                findings,
                problems,
                diagnosis,
            }
        })
        .collect();
    pretty(&CheckJson {
        schema_version: SCHEMA_VERSION,
        today: report.today.to_string(),
        strict: report.strict,
        records,
        summary: SummaryJson {
            records: report.files.len(),
            pass: report.count(Verdict::Pass),
            fail: report.count(Verdict::Fail),
            invalid: report.count(Verdict::Invalid),
            skipped: report.skipped.clone(),
        },
    })
}

#[derive(Serialize)]
struct WorkshopJson<'a> {
    schema_version: u32,
    initiative: &'a str,
    participants: Vec<PlacementJson<'a>>,
    consensus: PlacementJson<'a>,
    split: std::collections::BTreeMap<&'a str, usize>,
    verdict: &'static str,
    contested_claims: Vec<ContestedJson<'a>>,
    horizon_spread: HorizonSpreadJson,
    prompts: &'a [String],
}

#[derive(Serialize)]
struct PlacementJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    playbook: &'a str,
    horizon_months: f64,
    knowledge_score: f64,
}

#[derive(Serialize)]
struct ContestedJson<'a> {
    id: &'a str,
    claim: &'a str,
    fact_votes: usize,
    assumption_votes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<&'a [&'a str]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assumption: Option<&'a [&'a str]>,
}

#[derive(Serialize)]
struct HorizonSpreadJson {
    shortest_months: f64,
    longest_months: f64,
}

/// Renders a workshop report as JSON.
pub fn render_workshop<'a>(report: &'a workshop::Report<'a>) -> String {
    let placement = |p: &'a workshop::Placement<'a>, named: bool| PlacementJson {
        name: named.then_some(p.name.as_str()),
        playbook: &p.playbook.id,
        horizon_months: round(p.horizon_months, 4),
        knowledge_score: round(p.knowledge_score, 4),
    };
    let named = !report.anonymous;
    pretty(&WorkshopJson {
        schema_version: SCHEMA_VERSION,
        initiative: report.initiative,
        participants: report
            .placements
            .iter()
            .map(|p| placement(p, true))
            .collect(),
        consensus: placement(&report.consensus, false),
        split: report.split.iter().copied().collect(),
        verdict: report.verdict.id(),
        contested_claims: report
            .contested
            .iter()
            .map(|c| ContestedJson {
                id: c.id,
                claim: c.claim,
                fact_votes: c.fact_votes.len(),
                assumption_votes: c.assumption_votes.len(),
                fact: named.then_some(c.fact_votes.as_slice()),
                assumption: named.then_some(c.assumption_votes.as_slice()),
            })
            .collect(),
        horizon_spread: HorizonSpreadJson {
            shortest_months: round(report.horizon_spread.0, 4),
            longest_months: round(report.horizon_spread.1, 4),
        },
        prompts: &report.prompts,
    })
}

#[derive(Serialize)]
struct PortfolioJson<'a> {
    schema_version: u32,
    initiatives: Vec<RowJson<'a>>,
    counts: std::collections::BTreeMap<&'a str, usize>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct RowJson<'a> {
    initiative: &'a str,
    playbook: &'a str,
    declared: Option<&'a str>,
    horizon_months: f64,
    knowledge_score: f64,
    mismatch: bool,
    borderline: bool,
}

/// Renders a portfolio as JSON: every initiative in input order, and the
/// count per playbook.
pub fn render_portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let id = |i: usize| framework.playbooks[i].id.as_str();
    pretty(&PortfolioJson {
        schema_version: SCHEMA_VERSION,
        initiatives: portfolio
            .rows
            .iter()
            .map(|r| RowJson {
                initiative: &r.initiative,
                playbook: id(r.playbook),
                declared: r.declared.map(id),
                horizon_months: round(r.horizon_months, 4),
                knowledge_score: round(r.knowledge_score, 4),
                mismatch: r.mismatch,
                borderline: r.borderline,
            })
            .collect(),
        counts: framework
            .playbooks
            .iter()
            .map(|p| p.id.as_str())
            .zip(portfolio.counts(framework))
            .collect(),
        problems: portfolio.problems.iter().map(ToString::to_string).collect(),
    })
}
