//! Renderers: a [`Diagnosis`](crate::diagnosis::Diagnosis) in, bytes out.
//! One module per format; none of them computes anything the engine should.

pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sanitize;
pub mod svg;
pub mod text;

use crate::diagnosis::{Current, Diagnosis, Reading, ScoredClaim};
use crate::framework::Framework;
use crate::wording::fill;
use crate::{portfolio, workshop};

/// The output formats of `diagnose`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A 2x2 drawn in the terminal and the playbook card.
    #[default]
    Text,
    /// One JSON object, for tools.
    Json,
    /// Markdown with a Mermaid quadrant chart, for strategy documents.
    Markdown,
    /// A self-contained HTML report with the 2x2 drawn in SVG.
    Html,
    /// The 2x2 alone, as SVG for slides.
    Svg,
}

impl Format {
    /// The format a file name asks for by its extension, if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

/// How text output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    /// Whether to use ANSI colour and bold.
    pub color: bool,
    /// The width to fit the card to, in columns.
    pub width: u16,
}

impl TextStyle {
    /// The style for text that is not going to this terminal.
    pub fn piped(self) -> TextStyle {
        TextStyle {
            color: false,
            width: terminal_width_when_piped(),
        }
    }
}

/// The card width when the output is not a terminal, so files diff cleanly.
pub const fn terminal_width_when_piped() -> u16 {
    100
}

/// Renders `diagnosis` in `format`.
pub fn render(
    format: Format,
    framework: &Framework,
    diagnosis: &Diagnosis,
    style: TextStyle,
) -> String {
    match format {
        Format::Text => text::render(framework, diagnosis, style),
        Format::Json => json::render(diagnosis),
        Format::Markdown => markdown::render(framework, diagnosis),
        Format::Html => html::render(framework, diagnosis),
        Format::Svg => svg::render(framework, diagnosis),
    }
}

/// The text with its first letter in upper case, for sentences the engine
/// writes in lower case so they can also sit mid-sentence.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The knowledge answer in words, the same in every format.
pub fn knowledge_summary(framework: &Framework, d: &Diagnosis) -> String {
    let words = &framework.words;
    fill(
        &words.report.knowledge_summary,
        &[
            ("percent", &words.percent(d.knowledge.score)),
            (
                "facts",
                &words.count(
                    d.knowledge.facts,
                    &words.units.facts_one,
                    &words.units.facts_other,
                ),
            ),
            (
                "assumptions",
                &words.count(
                    d.knowledge.assumptions,
                    &words.units.assumptions_one,
                    &words.units.assumptions_other,
                ),
            ),
        ],
    )
}

/// Why the diagnosis is borderline, in words, the same in every format;
/// `None` when it is not.
pub fn borderline_reason(framework: &Framework, d: &Diagnosis) -> Option<String> {
    let words = &framework.words;
    match (d.borderline.horizon, d.borderline.knowledge) {
        (false, false) => None,
        (true, false) => Some(fill(
            &words.report.borderline_horizon,
            &[
                ("band", &words.months(framework.horizon.borderline_months)),
                (
                    "threshold",
                    &words.months(framework.horizon.threshold_months),
                ),
            ],
        )),
        (false, true) => Some(words.report.borderline_knowledge.clone()),
        (true, true) => Some(words.report.borderline_both.clone()),
    }
}

/// "no", or "yes: " and the reason.
pub fn borderline_summary(framework: &Framework, d: &Diagnosis) -> String {
    match borderline_reason(framework, d) {
        None => framework.words.units.no.clone(),
        Some(reason) => fill(
            &framework.words.report.borderline_yes,
            &[("reason", &reason)],
        ),
    }
}

/// What running the declared playbook costs, as a headline: "Go NOW! does
/// not fit: premature action."
pub fn mismatch_headline(framework: &Framework, current: &Current) -> String {
    let words = &framework.words.report;
    match &current.cost {
        None => fill(&words.fits, &[("playbook", &current.playbook.name)]),
        Some(cost) => fill(
            &words.does_not_fit,
            &[
                ("playbook", &current.playbook.name),
                ("cost", cost.kind.name(framework)),
            ],
        ),
    }
}

/// How a claim was held, what backs it and how it was scored, in words.
pub fn claim_reading(framework: &Framework, claim: &ScoredClaim) -> [String; 3] {
    let words = &framework.words.report;
    let evidence = claim
        .claim
        .evidence
        .as_deref()
        .map(|id| {
            framework
                .find_evidence(id)
                .map(|kind| kind.name.clone())
                .unwrap_or_else(|_| id.to_string())
        })
        .unwrap_or_else(|| words.no_evidence.clone());
    let (held, scored) = match claim.reading {
        Reading::Fact(_) => (&words.fact, words.fact.clone()),
        Reading::UnrecordedFact => (&words.fact, words.fact_unrecorded.clone()),
        Reading::Downgraded(kind) => (
            &words.fact,
            fill(
                &words.downgraded,
                &[("evidence", &kind.id), ("evidence_name", &kind.name)],
            ),
        ),
        Reading::Assumption => (&words.assumption, words.assumption.clone()),
    };
    [held.clone(), evidence, scored]
}

/// "Claims copilot: workshop of 4".
pub fn workshop_title(framework: &Framework, report: &workshop::Report) -> String {
    fill(
        &framework.words.workshop.title,
        &[
            ("initiative", report.initiative),
            ("count", &report.placements.len().to_string()),
        ],
    )
}

/// "Verdict: Agreement without alignment."
pub fn workshop_verdict(framework: &Framework, report: &workshop::Report) -> String {
    fill(
        &framework.words.workshop.verdict,
        &[("verdict", &capitalise(report.verdict.name(framework)))],
    )
}

/// "Horizon spread: 3 months to 2 years."
pub fn horizon_spread(framework: &Framework, report: &workshop::Report) -> String {
    let words = &framework.words;
    let (shortest, longest) = report.horizon_spread;
    fill(
        &words.workshop.spread,
        &[
            ("shortest", &words.months(shortest)),
            ("longest", &words.months(longest)),
        ],
    )
}

/// A contested claim and how the group divides on it.
pub fn contested_claim(framework: &Framework, c: &workshop::Contested) -> String {
    fill(
        &framework.words.workshop.contested_claim,
        &[
            ("claim", c.claim),
            ("id", c.id),
            ("facts", &c.fact_votes.len().to_string()),
            ("assumptions", &c.assumption_votes.len().to_string()),
        ],
    )
}

/// Who holds a contested claim as fact and who as assumption.
pub fn contested_by(framework: &Framework, c: &workshop::Contested) -> String {
    fill(
        &framework.words.workshop.who,
        &[
            ("facts", &c.fact_votes.join(", ")),
            ("assumptions", &c.assumption_votes.join(", ")),
        ],
    )
}

/// The portfolio table's column headings.
pub fn portfolio_headings(framework: &Framework) -> [&str; 7] {
    let pw = &framework.words.portfolio;
    [
        &pw.initiative,
        &pw.horizon,
        &pw.facts,
        &pw.playbook,
        &pw.declared,
        &pw.mismatch,
        &pw.borderline,
    ]
    .map(String::as_str)
}

/// One initiative's cells in the portfolio table, unescaped.
pub fn portfolio_cells(framework: &Framework, row: &portfolio::Row) -> [String; 7] {
    let words = &framework.words;
    let id = |i: usize| framework.playbooks[i].id.clone();
    let yes = |flag: bool| {
        if flag {
            words.units.yes.clone()
        } else {
            String::new()
        }
    };
    [
        row.initiative.clone(),
        words.months(row.horizon_months),
        words.percent(row.knowledge_score),
        id(row.playbook),
        row.declared.map(id).unwrap_or_else(|| "-".into()),
        yes(row.mismatch),
        yes(row.borderline),
    ]
}
