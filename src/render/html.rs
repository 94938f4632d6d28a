//! A self-contained HTML report: inline CSS and SVG, no script, no request
//! of any kind. The template escapes everything it is given; only the SVG,
//! which escapes its own text, goes in unescaped.

use super::sanitize::plain;
use super::{borderline_reason, capitalise, knowledge_summary, svg};
use crate::diagnosis::{Diagnosis, Reading, months_text};
use crate::framework::{Framework, Playbook};
use crate::portfolio::Portfolio;
use crate::workshop;
use askama::Template;

#[derive(Template)]
#[template(path = "report.html")]
struct Report<'a> {
    title: String,
    playbook: &'a Playbook,
    chart: String,
    horizon_question: &'a str,
    horizon_answer: String,
    knowledge_question: &'a str,
    knowledge_answer: String,
    borderline: Option<String>,
    flips: Vec<String>,
    warnings: Vec<&'a str>,
    mismatch: Option<Mismatch<'a>>,
    fits: Option<&'a str>,
    claims: Vec<ClaimRow<'a>>,
    pack: &'a str,
}

struct Mismatch<'a> {
    headline: String,
    explanation: &'a str,
    misfit: &'a str,
}

struct ClaimRow<'a> {
    text: &'a str,
    held: &'static str,
    evidence: String,
    weight: f64,
    scored: String,
    downgraded: bool,
}

mod filters {
    /// Strips control characters and bidirectional overrides before the
    /// template escapes the markup characters.
    #[askama::filter_fn]
    pub fn plain<T: std::fmt::Display>(text: T, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::plain(&text.to_string()))
    }
}

/// Renders the diagnosis as one HTML document.
pub fn render(framework: &Framework, d: &Diagnosis) -> String {
    let report = Report {
        title: d
            .initiative
            .map(plain)
            .unwrap_or_else(|| "Diagnosis".to_string()),
        playbook: d.playbook,
        chart: svg::render(framework, d),
        horizon_question: &framework.horizon.question,
        horizon_answer: format!(
            "{} ({}): {}",
            plain(d.horizon.as_str()),
            months_text(d.horizon.in_months()),
            framework.horizon_label(d.horizon_side)
        ),
        knowledge_question: &framework.knowledge.question,
        knowledge_answer: format!(
            "{}: {}",
            knowledge_summary(d),
            framework.knowledge_label(d.knowledge.side)
        ),
        borderline: borderline_reason(framework, d).map(|reason| capitalise(&reason)),
        flips: d.flips.iter().map(|f| capitalise(&f.change)).collect(),
        warnings: d.warnings.iter().map(|w| w.message.as_str()).collect(),
        mismatch: d.current.as_ref().and_then(|current| {
            current.cost.as_ref().map(|cost| Mismatch {
                headline: format!(
                    "{} does not fit: {}.",
                    current.playbook.name,
                    cost.kind.name()
                ),
                explanation: &cost.explanation,
                misfit: &current.playbook.misfit,
            })
        }),
        fits: d
            .current
            .as_ref()
            .filter(|current| current.matches)
            .map(|current| current.playbook.name.as_str()),
        claims: d
            .claims
            .iter()
            .map(|c| {
                let evidence = c
                    .claim
                    .evidence
                    .clone()
                    .unwrap_or_else(|| "none recorded".to_string());
                let (held, scored, downgraded) = match c.reading {
                    Reading::Fact(_) => ("fact", "fact".to_string(), false),
                    Reading::UnrecordedFact => (
                        "fact",
                        "fact, but no evidence is recorded".to_string(),
                        false,
                    ),
                    Reading::Downgraded(kind) => (
                        "fact",
                        format!(
                            "assumption: {} evidence is not a fact about your outcome",
                            kind.id
                        ),
                        true,
                    ),
                    Reading::Assumption => ("assumption", "assumption".to_string(), false),
                };
                ClaimRow {
                    text: &c.claim.text,
                    held,
                    evidence,
                    weight: c.claim.weight,
                    scored,
                    downgraded,
                }
            })
            .collect(),
        pack: &framework.name,
    };
    let mut html = report.render().expect("the report template always renders");
    html.push('\n');
    html
}

#[derive(Template)]
#[template(path = "workshop.html")]
struct WorkshopPage<'a> {
    title: &'a str,
    verdict: String,
    meaning: &'a str,
    chart: String,
    /// Name, horizon, share of facts, playbook.
    placements: Vec<(String, String, String, String)>,
    consensus: (String, String, String, String),
    split: Vec<(String, usize)>,
    spread: String,
    /// Claim, how the group divides, who said what (unless anonymous).
    contested: Vec<(String, String, Option<String>)>,
    prompts: &'a [String],
    pack: &'a str,
}

/// Renders a workshop report as one HTML document with every participant
/// on the 2x2.
pub fn render_workshop(framework: &Framework, report: &workshop::Report) -> String {
    let row = |p: &workshop::Placement| {
        (
            p.name.clone(),
            months_text(p.horizon_months),
            format!("{:.0}%", p.knowledge_score * 100.0),
            p.playbook.name.clone(),
        )
    };
    let page = WorkshopPage {
        title: report.initiative,
        verdict: capitalise(report.verdict.name()),
        meaning: report.verdict.meaning(),
        chart: svg::render_workshop(framework, report),
        placements: report.placements.iter().map(row).collect(),
        consensus: row(&report.consensus),
        split: report
            .split
            .iter()
            .map(|(id, count)| {
                let name = framework
                    .find_playbook(id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                (name, *count)
            })
            .collect(),
        spread: format!(
            "{} to {}",
            months_text(report.horizon_spread.0),
            months_text(report.horizon_spread.1)
        ),
        contested: report
            .contested
            .iter()
            .map(|c| {
                (
                    format!("\"{}\" ({})", c.claim, c.id),
                    format!(
                        "{} as fact, {} as assumption",
                        c.fact_votes.len(),
                        c.assumption_votes.len()
                    ),
                    (!report.anonymous).then(|| {
                        format!(
                            "Fact: {}. Assumption: {}.",
                            c.fact_votes.join(", "),
                            c.assumption_votes.join(", ")
                        )
                    }),
                )
            })
            .collect(),
        prompts: &report.prompts,
        pack: &framework.name,
    };
    let mut html = page.render().expect("the workshop template always renders");
    html.push('\n');
    html
}

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioPage<'a> {
    total: usize,
    chart: String,
    note: Option<String>,
    counts: Vec<(&'a str, usize)>,
    mismatches: Vec<String>,
    /// Initiative, horizon, facts, playbook, declared, mismatch, borderline.
    rows: Vec<[String; 7]>,
    pack: &'a str,
}

/// Renders a portfolio as one HTML document.
pub fn render_portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let id = |i: usize| framework.playbooks[i].id.clone();
    let total = portfolio.rows.len();
    let page = PortfolioPage {
        total,
        chart: svg::render_portfolio(framework, portfolio),
        note: (total > svg::PORTFOLIO_CHART_LIMIT).then(|| {
            format!(
                "The chart shows the first {} initiatives.",
                svg::PORTFOLIO_CHART_LIMIT
            )
        }),
        counts: framework
            .playbooks
            .iter()
            .map(|p| p.name.as_str())
            .zip(portfolio.counts(framework))
            .collect(),
        mismatches: portfolio
            .mismatches()
            .map(|r| {
                let declared = r.declared.map(id).unwrap_or_default();
                format!(
                    "{}: declared {declared}, diagnosed {}",
                    r.initiative,
                    id(r.playbook)
                )
            })
            .collect(),
        rows: portfolio
            .sorted()
            .into_iter()
            .map(|r| {
                [
                    r.initiative.clone(),
                    months_text(r.horizon_months),
                    format!("{:.0}%", r.knowledge_score * 100.0),
                    id(r.playbook),
                    r.declared.map(id).unwrap_or_else(|| "-".into()),
                    if r.mismatch {
                        "yes".into()
                    } else {
                        String::new()
                    },
                    if r.borderline {
                        "yes".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect(),
        pack: &framework.name,
    };
    let mut html = page
        .render()
        .expect("the portfolio template always renders");
    html.push('\n');
    html
}
