//! Renderers: a [`Diagnosis`](crate::diagnosis::Diagnosis) in, bytes out.
//! One module per format; none of them computes anything the engine should.

pub mod json;
pub mod markdown;
pub mod sanitize;
pub mod text;

use crate::diagnosis::Diagnosis;
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
}

/// How text output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    /// Whether to use ANSI colour and bold.
    pub color: bool,
    /// The width to fit the card to, in columns.
    pub width: u16,
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
