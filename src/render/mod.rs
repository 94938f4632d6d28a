//! Renderers: a computed report in, text out. One module per format, each a
//! small [`Renderer`]; none computes anything the engine should. Each report
//! has one entry point here that picks the format, and [`REGISTRY`] is the
//! one place a format is registered.

pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
mod metrics;
pub mod phrases;
mod renderer;
pub mod sanitize;
pub mod sarif;
pub mod svg;
pub mod text;

pub use renderer::{Renderer, TextStyle, terminal_width_when_piped};

use crate::check::CheckReport;
use crate::diagnosis::Diagnosis;
use crate::diff::DiffReport;
use crate::framework::{Framework, Playbook};
use crate::history::HistoryReport;
use crate::portfolio::Portfolio;
use crate::track_record::TrackRecord;
use crate::workshop::WorkshopReport;

/// Every output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// For a terminal: a 2x2 drawn in text, tables and lists.
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
    /// GitHub Actions workflow annotations.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

/// The reports calibrate writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    Diagnosis,
    Workshop,
    Portfolio,
    Check,
    Card,
    Calibration,
    Diff,
    History,
}

impl Report {
    /// What the report is called in messages.
    fn name(self) -> &'static str {
        match self {
            Report::Diagnosis => "a diagnosis",
            Report::Workshop => "a workshop report",
            Report::Portfolio => "a portfolio",
            Report::Check => "check's results",
            Report::Card => "a playbook card",
            Report::Calibration => "a track record",
            Report::Diff => "how records changed",
            Report::History => "a record's history",
        }
    }
}

/// A format's entry in the registry.
pub struct Registration {
    pub format: Format,
    pub renderer: &'static dyn Renderer,
    /// The reports it writes.
    pub reports: &'static [Report],
    /// The file extensions that ask for it with `-o`.
    pub extensions: &'static [&'static str],
}

/// Every format. A new format is a module and an entry here.
pub const REGISTRY: &[Registration] = {
    use Report::*;
    &[
        Registration {
            format: Format::Text,
            renderer: &text::Text,
            reports: &[
                Diagnosis,
                Workshop,
                Portfolio,
                Check,
                Card,
                Calibration,
                Diff,
                History,
            ],
            extensions: &["txt", "text"],
        },
        Registration {
            format: Format::Json,
            renderer: &json::Json,
            reports: &[
                Diagnosis,
                Workshop,
                Portfolio,
                Check,
                Card,
                Calibration,
                Diff,
                History,
            ],
            extensions: &["json"],
        },
        Registration {
            format: Format::Markdown,
            renderer: &markdown::Markdown,
            reports: &[
                Diagnosis,
                Workshop,
                Portfolio,
                Check,
                Card,
                Calibration,
                Diff,
                History,
            ],
            extensions: &["md", "markdown"],
        },
        Registration {
            format: Format::Html,
            renderer: &html::Html,
            reports: &[Diagnosis, Workshop, Portfolio, Calibration, History],
            extensions: &["html", "htm"],
        },
        Registration {
            format: Format::Svg,
            renderer: &svg::Svg,
            reports: &[Diagnosis, Workshop, Portfolio, History],
            extensions: &["svg"],
        },
        Registration {
            format: Format::Github,
            renderer: &github::Github,
            reports: &[Check],
            extensions: &[],
        },
        Registration {
            format: Format::Sarif,
            renderer: &sarif::Sarif,
            reports: &[Check],
            extensions: &["sarif"],
        },
    ]
};

impl Format {
    /// The formats `report` can be written in.
    pub fn for_report(report: Report) -> Vec<Format> {
        REGISTRY
            .iter()
            .filter(|entry| entry.reports.contains(&report))
            .map(|entry| entry.format)
            .collect()
    }

    /// The format a file name asks for by its extension, if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        REGISTRY
            .iter()
            .find(|entry| entry.extensions.contains(&extension.as_str()))
            .map(|entry| entry.format)
    }

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Github => "github",
            Format::Sarif => "sarif",
        }
    }

    /// The renderer for `report`, or why this format cannot write it.
    fn renderer(self, report: Report) -> Result<&'static dyn Renderer, Unsupported> {
        REGISTRY
            .iter()
            .find(|entry| entry.format == self && entry.reports.contains(&report))
            .map(|entry| entry.renderer)
            .ok_or(Unsupported {
                format: self,
                report,
            })
    }
}

/// A format asked for a report it does not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported {
    pub format: Format,
    pub report: Report,
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = Format::for_report(self.report)
            .into_iter()
            .map(Format::name)
            .collect();
        write!(
            f,
            "the {} format cannot show {}: use {}",
            self.format.name(),
            self.report.name(),
            names.join(", ")
        )
    }
}

impl std::error::Error for Unsupported {}

/// A diagnosis in `format`.
pub fn diagnosis(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    d: &Diagnosis,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::Diagnosis)?
        .diagnosis(framework, style, d))
}

/// A workshop report in `format`.
pub fn workshop(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    report: &WorkshopReport,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::Workshop)?
        .workshop(framework, style, report))
}

/// A portfolio in `format`.
pub fn portfolio(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    portfolio: &Portfolio,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::Portfolio)?
        .portfolio(framework, style, portfolio))
}

/// A portfolio in `format`, as a function that writes it out as it is
/// made: a large portfolio's report need not be held whole.
pub fn portfolio_writer<'r>(
    format: Format,
    framework: &'r Framework,
    style: TextStyle,
    portfolio: &'r Portfolio<'r>,
) -> Result<impl Fn(&mut dyn std::io::Write) -> std::io::Result<()> + 'r, Unsupported> {
    let renderer = format.renderer(Report::Portfolio)?;
    Ok(move |out: &mut dyn std::io::Write| {
        renderer.write_portfolio(framework, style, portfolio, out)
    })
}

/// How records changed between two versions, in `format`.
pub fn diff(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    report: &DiffReport,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::Diff)?
        .diff(framework, style, report))
}

/// A record's history in `format`.
pub fn history(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    report: &HistoryReport,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::History)?
        .history(framework, style, report))
}

/// `check`'s results in `format`.
pub fn check(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    report: &CheckReport,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::Check)?
        .check(framework, style, report))
}

/// A track record in `format`.
pub fn calibration(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    report: &TrackRecord,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::Calibration)?
        .calibration(framework, style, report))
}

/// A playbook's card in `format`.
pub fn card(
    format: Format,
    framework: &Framework,
    style: TextStyle,
    playbook: &Playbook,
) -> Result<String, Unsupported> {
    Ok(format
        .renderer(Report::Card)?
        .card(framework, style, playbook))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_registered_once_under_its_own_name() {
        use clap::ValueEnum;
        for format in Format::value_variants() {
            let rows = REGISTRY.iter().filter(|e| e.format == *format).count();
            assert_eq!(rows, 1, "{format:?}");
            let name = format.to_possible_value().unwrap();
            assert_eq!(name.get_name(), format.name());
        }
    }

    #[test]
    fn extensions_choose_formats() {
        let format = |name: &str| Format::from_path(std::path::Path::new(name));
        assert_eq!(format("r.HTML"), Some(Format::Html));
        assert_eq!(format("r.md"), Some(Format::Markdown));
        assert_eq!(format("r.pdf"), None);
    }
}
