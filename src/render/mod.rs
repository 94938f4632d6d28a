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
