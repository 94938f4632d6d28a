//! GitHub Actions workflow commands, so a pull request shows each problem
//! inline at the line it is about.

use super::renderer::{Renderer, TextStyle};
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

/// `check`'s results as `::error` and `::notice` annotations.
fn check(framework: &Framework, report: &CheckReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        match &file.outcome {
            Outcome::Invalid(problems) => {
                for problem in &problems.0 {
                    let place = problem
                        .place
                        .map(|(line, column)| format!(",line={line},col={column}"))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "::error file={}{place},title=calibrate: invalid record::{}",
                        property(&problem.path),
                        data(&problem.message)
                    );
                }
            }
            Outcome::Checked { findings, .. } => {
                for finding in findings {
                    let level = if finding.fails { "error" } else { "notice" };
                    let line = finding
                        .place
                        .map(|(line, _)| format!(",line={line}"))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "::{level} file={}{line},title=calibrate::{}",
                        property(file.path),
                        data(&finding.message)
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "{}", report.summary(framework));
    out
}

/// Escapes a message for a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (a file name) for a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_the_command() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a,b:c.yaml"), "a%2Cb%3Ac.yaml");
    }
}
