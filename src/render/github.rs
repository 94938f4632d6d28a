//! GitHub Actions workflow commands, so a pull request shows each problem
//! inline at the line it is about.

use super::renderer::{Renderer, TextStyle};
use super::sanitize::{github_data, github_property};
use crate::check::{CheckReport, Outcome};
use crate::framework::Framework;
use std::fmt::Write;

/// Workflow commands for GitHub Actions.
pub struct Github;

impl Renderer for Github {
    fn check(&self, framework: &Framework, _: TextStyle, report: &CheckReport) -> String {
        check(framework, report)
    }
}

/// `check`'s results as `::error` and `::notice` annotations, and the
/// summary as a last notice. Every line is built by [`command`].
fn check(framework: &Framework, report: &CheckReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        match &file.outcome {
            Outcome::Invalid(problems) => {
                for problem in &problems.0 {
                    let (line, col) = place(problem.place);
                    out.push_str(&command(
                        "error",
                        &[
                            ("file", &problem.path),
                            ("line", &line),
                            ("col", &col),
                            ("title", "calibrate: invalid record"),
                        ],
                        &problem.message,
                    ));
                }
            }
            Outcome::Checked { findings, .. } => {
                for finding in findings {
                    let level = if finding.fails { "error" } else { "notice" };
                    let (line, _) = place(finding.place);
                    out.push_str(&command(
                        level,
                        &[("file", file.path), ("line", &line), ("title", "calibrate")],
                        &finding.message,
                    ));
                }
            }
        }
    }
    out.push_str(&command(
        "notice",
        &[("title", "calibrate")],
        &report.summary(framework),
    ));
    out
}

/// A line and column as properties; empty when not known.
fn place(place: Option<(usize, usize)>) -> (String, String) {
    place.map_or_else(Default::default, |(line, column)| {
        (line.to_string(), column.to_string())
    })
}

/// One workflow command line, `::NAME key=value,...::MESSAGE`, with every
/// property and the message escaped, so no text from a record or a pack can
/// end it early or start another. Empty properties are left out.
fn command(name: &str, properties: &[(&str, &str)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key}={}", github_property(value)))
        .collect();
    let mut line = format!("::{name}");
    if !properties.is_empty() {
        line.push(' ');
        line.push_str(&properties.join(","));
    }
    let _ = writeln!(line, "::{}", github_data(message));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_a_command_is_escaped() {
        assert_eq!(
            command(
                "error",
                &[("file", "a,b:c.yaml"), ("line", "3"), ("col", "")],
                "50%\n::error::forged"
            ),
            "::error file=a%2Cb%3Ac.yaml,line=3::50%25%0A::error::forged\n"
        );
    }
}
