//! SARIF 2.1.0, the format code-scanning services read: each of `check`'s
//! findings as a result at its file and line, under a rule per kind.

use super::renderer::{Renderer, TextStyle};
use crate::check::{CheckReport, Outcome};
use crate::framework::Framework;
use serde_json::{Value, json};

/// SARIF for code scanning.
pub struct Sarif;

impl Renderer for Sarif {
    fn check(&self, _: &Framework, _: TextStyle, report: &CheckReport) -> String {
        let mut out = serde_json::to_string_pretty(&check(report)).expect("JSON always serialises");
        out.push('\n');
        out
    }
}

/// The rules, one per kind of finding and one for a record that cannot be
/// read: id, name and what it means. Results point at them by index.
const RULES: &[(&str, &str, &str)] = &[
    (
        "invalid",
        "InvalidRecord",
        "The decision record cannot be read or breaks the pack's rules.",
    ),
    (
        "mismatch",
        "PlaybookMismatch",
        "The declared playbook does not fit the diagnosis.",
    ),
    (
        "nothing_declared",
        "NoPlaybookDeclared",
        "The record declares no current playbook, so there is nothing to check.",
    ),
    (
        "borderline",
        "BorderlineDiagnosis",
        "The diagnosis sits close to a threshold: a small change would change the playbook.",
    ),
    (
        "review_overdue",
        "ReviewOverdue",
        "The record's last review is older than its own review interval.",
    ),
    (
        "unrecorded_evidence",
        "UnrecordedEvidence",
        "A claim held as a fact has no evidence recorded.",
    ),
    (
        "test_overdue",
        "TestOverdue",
        "A claim's test is past its resolve_by date and no outcome is recorded.",
    ),
    (
        "tripwire_passed",
        "TripwirePassed",
        "A kill criterion's date has passed with no review on or after it.",
    ),
    (
        "closed",
        "ClosedInitiative",
        "The record's outcome is recorded: the initiative is over and nothing else is checked.",
    ),
];

fn rule_index(id: &str) -> usize {
    RULES
        .iter()
        .position(|(rule, ..)| *rule == id)
        .expect("every kind has a rule")
}

fn check(report: &CheckReport) -> Value {
    let mut results = Vec::new();
    for file in &report.files {
        match &file.outcome {
            Outcome::Invalid(problems) => {
                for problem in &problems.0 {
                    results.push(result(
                        "invalid",
                        "error",
                        &problem.path,
                        problem.place,
                        &problem.message,
                    ));
                }
            }
            Outcome::Checked { findings, .. } => {
                for finding in findings {
                    let level = if finding.fails { "error" } else { "note" };
                    let place = finding.place.map(|(line, _)| (line, 1));
                    results.push(result(
                        finding.kind.id(),
                        level,
                        file.path,
                        place,
                        &finding.message,
                    ));
                }
            }
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "calibrate",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": RULES.iter().map(|(id, name, text)| json!({
                        "id": id,
                        "name": name,
                        "shortDescription": { "text": text },
                    })).collect::<Vec<_>>(),
                }
            },
            "results": results,
        }],
    })
}

/// One result: a rule, a level, a message, and where.
fn result(
    rule: &str,
    level: &str,
    path: &str,
    place: Option<(usize, usize)>,
    message: &str,
) -> Value {
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path) },
        }
    });
    if let Some((line, column)) = place {
        location["physicalLocation"]["region"] = json!({
            "startLine": line.max(1),
            "startColumn": column.max(1),
        });
    }
    json!({
        "ruleId": rule,
        "ruleIndex": rule_index(rule),
        "level": level,
        "message": { "text": message },
        "locations": [location],
    })
}

/// A path as a relative URI reference: `/` between folders, and every byte
/// that is not a letter, a digit or one of `-._~/` percent-encoded, so a
/// space or a `#` in a file name cannot change what the URI names.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uris() {
        assert_eq!(uri("./records/a b#1.yaml"), "records/a%20b%231.yaml");
        assert_eq!(uri("año.yaml"), "a%C3%B1o.yaml");
    }

    #[test]
    fn every_kind_of_finding_has_its_own_rule() {
        let ids: Vec<&str> = crate::check::FindingKind::ALL
            .iter()
            .map(|kind| kind.id())
            .collect();
        let rules: Vec<&str> = RULES.iter().skip(1).map(|(id, ..)| *id).collect();
        assert_eq!(rules, ids);
    }
}
