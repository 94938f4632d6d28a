//! JSON: one object per diagnosis, for tools and CI. Field names are a
//! contract (`schema_version` 1); fields may be added, never renamed.

use super::renderer::{Renderer, TextStyle};
use crate::answers::Status;
use crate::check::{CheckReport, Outcome, Verdict};
use crate::diagnosis::{Diagnosis, Position};
use crate::diff::{Change, ClaimState, DiffReport, Snapshot};
use crate::framework::{Framework, Playbook};
use crate::history::HistoryReport;
use crate::portfolio::Portfolio;
use crate::track_record::TrackRecord;
use crate::workshop::{Summary, WorkshopReport};
use serde::Serialize;

/// JSON for tools: field names are a contract.
pub struct Json;

impl Renderer for Json {
    fn diagnosis(&self, framework: &Framework, _: TextStyle, d: &Diagnosis) -> String {
        pretty(&report(framework, d))
    }

    fn workshop(&self, _: &Framework, _: TextStyle, report: &WorkshopReport) -> String {
        workshop(report)
    }

    fn portfolio(&self, framework: &Framework, style: TextStyle, portfolio: &Portfolio) -> String {
        let mut out = Vec::new();
        self.write_portfolio(framework, style, portfolio, &mut out)
            .expect("writing to memory does not fail");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    fn write_portfolio(
        &self,
        framework: &Framework,
        _: TextStyle,
        portfolio: &Portfolio,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        self::portfolio(framework, portfolio, out)
    }

    fn check(&self, framework: &Framework, _: TextStyle, report: &CheckReport) -> String {
        check(framework, report)
    }

    fn card(&self, _: &Framework, _: TextStyle, playbook: &Playbook) -> String {
        pretty(playbook)
    }

    fn calibration(&self, _: &Framework, _: TextStyle, report: &TrackRecord) -> String {
        #[derive(Serialize)]
        struct TrackRecordJson<'a> {
            schema_version: u32,
            #[serde(flatten)]
            report: &'a TrackRecord<'a>,
        }
        pretty(&TrackRecordJson {
            schema_version: SCHEMA_VERSION,
            report,
        })
    }

    fn diff(&self, _: &Framework, _: TextStyle, report: &DiffReport) -> String {
        pretty(&diff(report))
    }

    fn history(&self, _: &Framework, _: TextStyle, report: &HistoryReport) -> String {
        pretty(&history(report))
    }
}

/// The version of the JSON shape below.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct DiagnosisJson<'a> {
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
    outlook: Option<OutlookJson<'a>>,
}

#[derive(Serialize)]
struct OutlookJson<'a> {
    runs: u32,
    seed: u64,
    horizon_range: Option<[f64; 2]>,
    shares: std::collections::BTreeMap<&'a str, f64>,
    declared_misfit: Option<f64>,
    test_first: Vec<LearningJson<'a>>,
}

#[derive(Serialize)]
struct LearningJson<'a> {
    claim: &'a str,
    index: usize,
    confidence: Option<f64>,
    value: f64,
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
    confidence: Option<f64>,
    counted_as: &'static str,
}

fn pretty(value: &impl Serialize) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("a report always serialises");
    out.push('\n');
    out
}

fn report<'a>(framework: &'a Framework, d: &'a Diagnosis) -> DiagnosisJson<'a> {
    DiagnosisJson {
        schema_version: SCHEMA_VERSION,
        initiative: d.initiative,
        horizon: HorizonJson {
            text: d.horizon.as_str(),
            months: round(d.horizon.in_months(), 4),
            side: d.position.quadrant.horizon.id(),
        },
        knowledge: KnowledgeJson {
            score: round(d.position.score, 4),
            side: d.position.quadrant.knowledge.id(),
            facts: d.counts.facts,
            assumptions: d.counts.assumptions,
        },
        playbook: PlaybookJson {
            id: &d.position.playbook.id,
            name: &d.position.playbook.name,
            summary: &d.position.playbook.summary,
        },
        borderline: d.position.borderline.any(),
        borderline_axes: [
            ("horizon", d.position.borderline.horizon),
            ("knowledge", d.position.borderline.knowledge),
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
                confidence: c.claim.confidence,
                counted_as: if c.reading.counts() {
                    "fact"
                } else {
                    "assumption"
                },
            })
            .collect(),
        outlook: d.outlook.as_ref().map(|o| OutlookJson {
            runs: o.runs,
            seed: crate::simulate::SEED,
            horizon_range: d
                .horizon
                .range()
                .map(|(low, high)| [round(low, 4), round(high, 4)]),
            shares: crate::framework::Quadrant::ALL
                .iter()
                .map(|&q| (framework.playbook_for(q).id.as_str(), round(o.share(q), 4)))
                .collect(),
            declared_misfit: o.misfit.map(|m| round(m, 4)),
            test_first: o
                .tests
                .iter()
                .map(|l| LearningJson {
                    claim: &d.claims[l.claim].claim.text,
                    index: l.claim,
                    confidence: d.claims[l.claim].claim.confidence,
                    value: round(l.value, 4),
                })
                .collect(),
        }),
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
    diagnosis: Option<DiagnosisJson<'a>>,
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

/// `check`'s results: one object per record with its verdict, findings or
/// problems, and diagnosis.
fn check(framework: &Framework, report: &CheckReport) -> String {
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
                            line: f.place.map(|(line, _)| line),
                            message: &f.message,
                        })
                        .collect(),
                    Vec::new(),
                    Some(self::report(framework, diagnosis)),
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
    participants: Vec<PlacementJson>,
    consensus: PlacementJson,
    split: std::collections::BTreeMap<&'a str, usize>,
    verdict: &'static str,
    contested_claims: Vec<ContestedJson<'a>>,
    horizon_spread: HorizonSpreadJson,
    prompts: &'a [String],
    round: u8,
    convergence: Option<ConvergenceJson<'a>>,
}

#[derive(Serialize)]
struct ReasonJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    held: &'static str,
    confidence: Option<f64>,
    why: &'a str,
}

#[derive(Serialize)]
struct ConvergenceJson<'a> {
    before: RoundJson,
    after: RoundJson,
    claims: Vec<ShiftJson<'a>>,
    moved: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_names: Option<&'a [&'a str]>,
}

#[derive(Serialize)]
struct RoundJson {
    verdict: &'static str,
    participants: usize,
    largest_group: usize,
    contested_claims: usize,
    horizon_spread: HorizonSpreadJson,
    knowledge_spread: [f64; 2],
}

#[derive(Serialize)]
struct ShiftJson<'a> {
    id: &'a str,
    claim: &'a str,
    agreement_before: f64,
    agreement_after: f64,
}

#[derive(Serialize)]
struct PlacementJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    playbook: String,
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
    /// How divided the group is, 0 to 1, each person counted by how sure
    /// they are of their side.
    tension: f64,
    /// How likely each side thinks the claim is to hold, on average, among
    /// those who gave a confidence.
    fact_confidence: Option<f64>,
    assumption_confidence: Option<f64>,
    reasons: Vec<ReasonJson<'a>>,
}

#[derive(Serialize)]
struct HorizonSpreadJson {
    shortest_months: f64,
    longest_months: f64,
}

/// A workshop report as JSON.
fn workshop(report: &WorkshopReport) -> String {
    let placement = |name: Option<&str>, p: &Position| PlacementJson {
        name: name.map(str::to_string),
        playbook: p.playbook.id.clone(),
        horizon_months: round(p.months, 4),
        knowledge_score: round(p.score, 4),
    };
    pretty(&WorkshopJson {
        schema_version: SCHEMA_VERSION,
        initiative: report.initiative,
        participants: report
            .participants
            .iter()
            .map(|p| placement(Some(&p.name), &p.position))
            .collect(),
        consensus: placement(None, &report.consensus),
        split: report.split.iter().copied().collect(),
        verdict: report.alignment.id(),
        contested_claims: report
            .contested
            .iter()
            .map(|c| ContestedJson {
                id: c.id,
                claim: c.claim,
                fact_votes: c.facts,
                assumption_votes: c.assumptions,
                fact: c.who.as_ref().map(|who| who.facts.as_slice()),
                assumption: c.who.as_ref().map(|who| who.assumptions.as_slice()),
                tension: round(c.tension, 3),
                fact_confidence: c.sure.0.map(|p| round(p, 3)),
                assumption_confidence: c.sure.1.map(|p| round(p, 3)),
                reasons: c
                    .reasons
                    .iter()
                    .map(|r| ReasonJson {
                        name: r.name,
                        held: if r.fact { "fact" } else { "assumption" },
                        confidence: r.confidence,
                        why: r.why,
                    })
                    .collect(),
            })
            .collect(),
        horizon_spread: spread(report.horizon_spread),
        prompts: &report.prompts,
        round: report.round.number(),
        convergence: report.convergence.as_ref().map(|c| ConvergenceJson {
            before: summary(&c.before),
            after: summary(&c.after),
            claims: c
                .claims
                .iter()
                .map(|shift| ShiftJson {
                    id: shift.id,
                    claim: shift.claim,
                    agreement_before: round(shift.before, 4),
                    agreement_after: round(shift.after, 4),
                })
                .collect(),
            moved: c.moved,
            moved_names: (!report.anonymous).then_some(c.moved_names.as_slice()),
        }),
    })
}

fn spread((shortest, longest): (f64, f64)) -> HorizonSpreadJson {
    HorizonSpreadJson {
        shortest_months: round(shortest, 4),
        longest_months: round(longest, 4),
    }
}

fn summary(s: &Summary) -> RoundJson {
    RoundJson {
        verdict: s.alignment.id(),
        participants: s.voters,
        largest_group: s.largest_group,
        contested_claims: s.contested,
        horizon_spread: spread(s.horizon_spread),
        knowledge_spread: [round(s.score_spread.0, 4), round(s.score_spread.1, 4)],
    }
}

#[derive(Serialize)]
struct PortfolioJson<'a> {
    schema_version: u32,
    initiatives: Rows<'a>,
    counts: std::collections::BTreeMap<&'a str, usize>,
    problems: Vec<String>,
    /// With --since: the revision, and the initiatives that changed quadrant.
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<SinceJson<'a>>,
}

#[derive(Serialize)]
struct SinceJson<'a> {
    revision: &'a str,
    moved: Vec<MovedJson<'a>>,
}

#[derive(Serialize)]
struct MovedJson<'a> {
    initiative: &'a str,
    before: &'a str,
    after: &'a str,
}

/// The rows, each made as it is written.
struct Rows<'a>(&'a Portfolio<'a>);

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.rows.iter().map(|r| RowJson {
            initiative: &r.initiative,
            playbook: &r.position.playbook.id,
            declared: r.declared.map(|p| p.id.as_str()),
            horizon_months: round(r.position.months, 4),
            knowledge_score: round(r.position.score, 4),
            mismatch: r.mismatch(),
            borderline: r.position.borderline.any(),
        }))
    }
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

/// A portfolio as JSON: every initiative in input order, and the count per
/// playbook, written out as it is made.
fn portfolio(
    framework: &Framework,
    portfolio: &Portfolio,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let json = PortfolioJson {
        schema_version: SCHEMA_VERSION,
        initiatives: Rows(portfolio),
        counts: framework
            .playbooks
            .iter()
            .map(|p| p.id.as_str())
            .zip(portfolio.counts())
            .collect(),
        problems: portfolio.problems.iter().map(ToString::to_string).collect(),
        since: portfolio.since.as_ref().map(|(revision, moved)| SinceJson {
            revision,
            moved: moved
                .iter()
                .map(|(i, was)| MovedJson {
                    initiative: &portfolio.rows[*i].initiative,
                    before: &was.id,
                    after: &portfolio.rows[*i].position.playbook.id,
                })
                .collect(),
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct DiffJson<'a> {
    schema_version: u32,
    base: &'a str,
    head: &'a str,
    changes: Vec<ChangeJson<'a>>,
    summary: DiffSummaryJson,
}

#[derive(Serialize)]
struct DiffSummaryJson {
    moved: usize,
    changed_in_place: usize,
    added: usize,
    removed: usize,
    unchanged: usize,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    /// added, removed, moved or changed.
    change: &'static str,
    initiative: &'a str,
    path: &'a str,
    before: Option<SnapshotJson<'a>>,
    after: Option<SnapshotJson<'a>>,
    new_mismatch: bool,
    claims: Vec<ClaimChangeJson<'a>>,
}

#[derive(Serialize)]
struct SnapshotJson<'a> {
    path: &'a str,
    playbook: &'a str,
    declared: Option<&'a str>,
    horizon_months: f64,
    knowledge_score: f64,
    mismatch: bool,
}

#[derive(Serialize)]
struct ClaimChangeJson<'a> {
    claim: &'a str,
    before: Option<ClaimStateJson<'a>>,
    after: Option<ClaimStateJson<'a>>,
}

#[derive(Serialize)]
struct ClaimStateJson<'a> {
    status: Status,
    evidence: Option<&'a str>,
}

fn diff<'a>(report: &'a DiffReport) -> DiffJson<'a> {
    let state = |c: &'a ClaimState| ClaimStateJson {
        status: c.status,
        evidence: c.evidence.as_deref(),
    };
    let changes = report
        .changes
        .iter()
        .map(|change| {
            let (kind, before, after, claims) = match change {
                Change::Added(s) => ("added", None, Some(s), &[][..]),
                Change::Removed(s) => ("removed", Some(s), None, &[][..]),
                Change::Changed {
                    before,
                    after,
                    claims,
                } => (
                    if change.moved() { "moved" } else { "changed" },
                    Some(before),
                    Some(after),
                    claims.as_slice(),
                ),
            };
            let latest = change.latest();
            ChangeJson {
                change: kind,
                initiative: &latest.initiative,
                path: &latest.path,
                before: before.map(snapshot_json),
                after: after.map(snapshot_json),
                new_mismatch: change.new_mismatch(),
                claims: claims
                    .iter()
                    .map(|c| ClaimChangeJson {
                        claim: &c.text,
                        before: c.before.as_ref().map(state),
                        after: c.after.as_ref().map(state),
                    })
                    .collect(),
            }
        })
        .collect();
    DiffJson {
        schema_version: SCHEMA_VERSION,
        base: &report.base,
        head: &report.head,
        changes,
        summary: DiffSummaryJson {
            moved: report.moved(),
            changed_in_place: report.changed_in_place(),
            added: report.added(),
            removed: report.removed(),
            unchanged: report.unchanged,
        },
    }
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    schema_version: u32,
    record: &'a str,
    initiative: &'a str,
    versions: Vec<VersionJson<'a>>,
}

#[derive(Serialize)]
struct VersionJson<'a> {
    commit: &'a str,
    date: String,
    author: &'a str,
    summary: &'a str,
    /// The version as placed; null when it cannot be read.
    placed: Option<SnapshotJson<'a>>,
    problem: Option<&'a str>,
}

fn history<'a>(report: &'a HistoryReport) -> HistoryJson<'a> {
    HistoryJson {
        schema_version: SCHEMA_VERSION,
        record: &report.record,
        initiative: &report.initiative,
        versions: report
            .steps
            .iter()
            .map(|step| VersionJson {
                commit: &step.commit,
                date: step.date.to_string(),
                author: &step.author,
                summary: &step.summary,
                placed: step.placed.as_ref().ok().map(snapshot_json),
                problem: step.placed.as_ref().err().map(String::as_str),
            })
            .collect(),
    }
}

fn snapshot_json<'a>(s: &'a Snapshot) -> SnapshotJson<'a> {
    SnapshotJson {
        path: &s.path,
        playbook: &s.position.playbook.id,
        declared: s.declared.map(|p| p.id.as_str()),
        horizon_months: s.position.months,
        knowledge_score: s.position.score,
        mismatch: s.mismatch(),
    }
}
