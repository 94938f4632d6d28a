//! A self-contained HTML report: inline CSS and SVG, no script, no request
//! of any kind. The template escapes everything it is given; only the SVG,
//! which escapes its own text, goes in unescaped.

use super::sanitize::plain;
use super::{
    borderline_reason, capitalise, claim_reading, knowledge_summary, mismatch_headline, svg,
};
use crate::diagnosis::{Diagnosis, Reading};
use crate::framework::{Framework, Playbook};
use crate::portfolio::Portfolio;
use crate::wording::{Wording, fill};
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
    fits: Option<String>,
    claims: Vec<ClaimRow<'a>>,
    borderline_label: &'a str,
    w: &'a Wording,
    footer: String,
}

struct Mismatch<'a> {
    headline: String,
    explanation: &'a str,
    misfit: &'a str,
}

struct ClaimRow<'a> {
    text: &'a str,
    held: String,
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

/// The line at the foot of every page, naming the pack.
fn footer(framework: &Framework) -> String {
    let pack = format!("{} {}", framework.name, framework.version);
    fill(&framework.words.report.footer, &[("pack", &pack)])
}

/// Renders the diagnosis as one HTML document.
pub fn render(framework: &Framework, d: &Diagnosis) -> String {
    let words = &framework.words;
    let report = Report {
        title: plain(d.initiative.unwrap_or(&words.report.title)),
        playbook: d.playbook,
        chart: svg::render(framework, d),
        horizon_question: &framework.horizon.question,
        horizon_answer: format!(
            "{} ({}): {}",
            plain(d.horizon.as_str()),
            words.months(d.horizon.in_months()),
            framework.horizon_label(d.horizon_side)
        ),
        knowledge_question: &framework.knowledge.question,
        knowledge_answer: format!(
            "{}: {}",
            knowledge_summary(framework, d),
            framework.knowledge_label(d.knowledge.side)
        ),
        borderline: borderline_reason(framework, d).map(|reason| {
            fill(
                &words.report.borderline_explained,
                &[("reason", &capitalise(&reason))],
            )
        }),
        borderline_label: &words.report.borderline,
        flips: d.flips.iter().map(|f| capitalise(&f.change)).collect(),
        warnings: d.warnings.iter().map(|w| w.message.as_str()).collect(),
        mismatch: d.current.as_ref().and_then(|current| {
            current.cost.as_ref().map(|cost| Mismatch {
                headline: mismatch_headline(framework, current),
                explanation: &cost.explanation,
                misfit: &current.playbook.misfit,
            })
        }),
        fits: d
            .current
            .as_ref()
            .filter(|current| current.matches)
            .map(|current| mismatch_headline(framework, current)),
        claims: d
            .claims
            .iter()
            .map(|c| {
                let [held, evidence, scored] = claim_reading(framework, c);
                let downgraded = matches!(c.reading, Reading::Downgraded(_));
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
        w: words,
        footer: footer(framework),
    };
    let mut html = report.render().expect("the report template always renders");
    html.push('\n');
    html
}

#[derive(Template)]
#[template(path = "workshop.html")]
struct WorkshopPage<'a> {
    title: String,
    verdict: String,
    meaning: &'a str,
    chart: String,
    /// Name, horizon, share of facts, playbook.
    placements: Vec<(String, String, String, String)>,
    consensus: (String, String, String, String),
    split: Vec<(String, usize)>,
    spread: String,
    /// Claim, how the group divides, who said what (unless anonymous).
    contested: Vec<(String, Option<String>)>,
    prompts: &'a [String],
    playbook_label: &'a str,
    w: &'a Wording,
    footer: String,
}

/// Renders a workshop report as one HTML document with every participant
/// on the 2x2.
pub fn render_workshop(framework: &Framework, report: &workshop::Report) -> String {
    let words = &framework.words;
    let row = |p: &workshop::Placement| {
        (
            p.name.clone(),
            words.months(p.horizon_months),
            words.percent(p.knowledge_score),
            p.playbook.name.clone(),
        )
    };
    let page = WorkshopPage {
        title: super::workshop_title(framework, report),
        verdict: super::workshop_verdict(framework, report),
        meaning: report.verdict.meaning(framework),
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
        spread: super::horizon_spread(framework, report),
        contested: report
            .contested
            .iter()
            .map(|c| {
                (
                    super::contested_claim(framework, c),
                    (!report.anonymous).then(|| super::contested_by(framework, c)),
                )
            })
            .collect(),
        prompts: &report.prompts,
        playbook_label: &words.report.playbook,
        w: words,
        footer: footer(framework),
    };
    let mut html = page.render().expect("the workshop template always renders");
    html.push('\n');
    html
}

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioPage<'a> {
    title: String,
    chart: String,
    note: Option<String>,
    counts: Vec<(&'a str, usize)>,
    mismatches_heading: String,
    mismatches: Vec<String>,
    /// Initiative, horizon, facts, playbook, declared, mismatch, borderline.
    headings: [&'a str; 7],
    rows: Vec<[String; 7]>,
    w: &'a Wording,
    footer: String,
}

/// Renders a portfolio as one HTML document.
pub fn render_portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let words = &framework.words;
    let pw = &words.portfolio;
    let total = portfolio.rows.len();
    let mismatches: Vec<String> = portfolio
        .mismatches()
        .map(|r| super::text::mismatch_line(framework, r))
        .collect();
    let page = PortfolioPage {
        title: fill(
            &pw.title,
            &[(
                "initiatives",
                &words.count(
                    total,
                    &words.units.initiatives_one,
                    &words.units.initiatives_other,
                ),
            )],
        ),
        chart: svg::render_portfolio(framework, portfolio),
        note: (total > svg::PORTFOLIO_CHART_LIMIT).then(|| {
            fill(
                &pw.chart_limit,
                &[("count", &svg::PORTFOLIO_CHART_LIMIT.to_string())],
            )
        }),
        counts: framework
            .playbooks
            .iter()
            .map(|p| p.name.as_str())
            .zip(portfolio.counts(framework))
            .collect(),
        mismatches_heading: fill(&pw.mismatches, &[("count", &mismatches.len().to_string())]),
        mismatches,
        headings: super::portfolio_headings(framework),
        rows: portfolio
            .sorted()
            .into_iter()
            .map(|r| super::portfolio_cells(framework, r))
            .collect(),
        w: words,
        footer: footer(framework),
    };
    let mut html = page
        .render()
        .expect("the portfolio template always renders");
    html.push('\n');
    html
}
