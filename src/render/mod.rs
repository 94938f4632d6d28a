//! Renderers: a [`Diagnosis`](crate::diagnosis::Diagnosis) in, bytes out.
//! One module per format; none of them computes anything the engine should.

pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sanitize;
pub mod svg;
pub mod text;

use crate::diagnosis::{Diagnosis, months_text};
use crate::framework::Framework;

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

/// "1 fact", "3 facts".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The knowledge answer in words, the same in every format.
pub fn knowledge_summary(d: &Diagnosis) -> String {
    format!(
        "{:.0}% of the plan's weight is fact ({}, {})",
        d.knowledge.score * 100.0,
        count(d.knowledge.facts, "fact", "facts"),
        count(d.knowledge.assumptions, "assumption", "assumptions")
    )
}

/// Why the diagnosis is borderline, in words, the same in every format;
/// `None` when it is not.
pub fn borderline_reason(framework: &Framework, d: &Diagnosis) -> Option<String> {
    match (d.borderline.horizon, d.borderline.knowledge) {
        (false, false) => None,
        (true, false) => Some(format!(
            "the horizon is within {} of the {} threshold",
            months_text(framework.horizon.borderline_months),
            months_text(framework.horizon.threshold_months)
        )),
        (false, true) => Some("the share of facts is close to the threshold".to_string()),
        (true, true) => Some(
            "the horizon and the share of facts are both close to their thresholds".to_string(),
        ),
    }
}

/// "no", or "yes: " and the reason.
pub fn borderline_summary(framework: &Framework, d: &Diagnosis) -> String {
    match borderline_reason(framework, d) {
        None => "no".to_string(),
        Some(reason) => format!("yes: {reason}"),
    }
}
