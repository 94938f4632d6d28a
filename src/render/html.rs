//! A self-contained HTML report: inline CSS and SVG, no script, no request
//! of any kind. The template escapes everything it is given; only the SVG,
//! which escapes its own text, goes in unescaped.

use super::sanitize::plain;
use super::{borderline_reason, capitalise, knowledge_summary, svg};
use crate::diagnosis::{Diagnosis, Reading, months_text};
use crate::framework::{Framework, Playbook};
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
