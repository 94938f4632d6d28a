//! `check`'s judgement of one decision record: does the playbook the team
//! declares still fit, and (with `--strict`) is the record in good order?
//! Pure: today's date is passed in.

use crate::diagnosis::{Diagnosis, Reading};
use crate::record::Record;
use jiff::civil::Date;

/// What a check found in one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// Whether this finding fails the check.
    pub fails: bool,
    /// The line it is about, for annotations.
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// The declared playbook does not fit the diagnosis.
    Mismatch,
    /// No playbook declared: nothing to check against.
    NothingDeclared,
    /// The diagnosis sits close to a threshold (strict).
    Borderline,
    /// The last review is older than the record's own interval (strict).
    ReviewOverdue,
    /// Facts with no evidence recorded (strict).
    UnrecordedEvidence,
}

impl FindingKind {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            FindingKind::Mismatch => "mismatch",
            FindingKind::NothingDeclared => "nothing_declared",
            FindingKind::Borderline => "borderline",
            FindingKind::ReviewOverdue => "review_overdue",
            FindingKind::UnrecordedEvidence => "unrecorded_evidence",
        }
    }
}

/// Checks a record against its diagnosis. `text` is the record's YAML, for
/// the lines findings point at.
pub fn check(
    record: &Record,
    text: &str,
    d: &Diagnosis,
    today: Date,
    strict: bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let line = |key: &str| Record::line_of(text, key);
    match &d.current {
        None => findings.push(Finding {
            kind: FindingKind::NothingDeclared,
            fails: false,
            line: None,
            message: format!(
                "no current_playbook declared, so nothing to check; diagnosed {}",
                d.playbook.id
            ),
        }),
        Some(current) => {
            if let Some(cost) = &current.cost {
                findings.push(Finding {
                    kind: FindingKind::Mismatch,
                    fails: true,
                    line: line("current_playbook"),
                    message: format!(
                        "declared {}, but {}: diagnosed {} ({} if it stays)",
                        current.playbook.id,
                        cost.reason,
                        d.playbook.id,
                        cost.kind.name()
                    ),
                });
            }
        }
    }
    if !strict {
        return findings;
    }
    if d.borderline.any() {
        let axes = match (d.borderline.horizon, d.borderline.knowledge) {
            (true, true) => "on both the horizon and the share of facts",
            (true, false) => "on the horizon",
            _ => "on the share of facts",
        };
        let flips: Vec<&str> = d.flips.iter().map(|f| f.change.as_str()).collect();
        findings.push(Finding {
            kind: FindingKind::Borderline,
            fails: true,
            line: line(if d.borderline.horizon {
                "horizon"
            } else {
                "claims"
            }),
            message: format!("the diagnosis is borderline {axes}: {}", flips.join("; ")),
        });
    }
    if let (Some(due), Some(reviewed)) = (record.review_due(), record.reviewed)
        && due < today
    {
        findings.push(Finding {
            kind: FindingKind::ReviewOverdue,
            fails: true,
            line: line("reviewed"),
            message: format!(
                "the review is overdue: last reviewed {reviewed}, due every {}, so due by {due}",
                record
                    .review_every
                    .as_ref()
                    .map(|h| h.as_str())
                    .unwrap_or_default()
            ),
        });
    }
    for scored in d
        .claims
        .iter()
        .filter(|c| matches!(c.reading, Reading::UnrecordedFact))
    {
        findings.push(Finding {
            kind: FindingKind::UnrecordedEvidence,
            fails: true,
            line: text
                .lines()
                .position(|l| l.contains(&scored.claim.text))
                .map(|i| i + 1),
            message: format!(
                "the fact \"{}\" has no evidence recorded: add evidence (measured or pilot) or mark it an assumption",
                scored.claim.text
            ),
        });
    }
    findings
}

/// One file's result.
#[derive(Debug)]
pub struct FileResult<'a> {
    /// The file as the user named it.
    pub path: &'a str,
    pub outcome: Outcome<'a>,
}

#[derive(Debug)]
pub enum Outcome<'a> {
    /// The record was read and diagnosed.
    Checked {
        diagnosis: Box<Diagnosis<'a>>,
        findings: Vec<Finding>,
    },
    /// The record could not be read or is invalid.
    Invalid(crate::yaml::Problems),
}

/// A record's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    Invalid,
}

impl Verdict {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Invalid => "invalid",
        }
    }
}

impl Outcome<'_> {
    pub fn verdict(&self) -> Verdict {
        match self {
            Outcome::Invalid(_) => Verdict::Invalid,
            Outcome::Checked { findings, .. } if findings.iter().any(|f| f.fails) => Verdict::Fail,
            Outcome::Checked { .. } => Verdict::Pass,
        }
    }
}

/// Everything `check` found, in the order the files were given.
#[derive(Debug)]
pub struct Report<'a> {
    pub today: Date,
    pub strict: bool,
    pub files: Vec<FileResult<'a>>,
    /// YAML files in the folders searched that are not decision records.
    pub skipped: Vec<String>,
}

impl Report<'_> {
    /// How many records have each verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.files
            .iter()
            .filter(|f| f.outcome.verdict() == verdict)
            .count()
    }

    /// 2 if any record is invalid, 1 if any fails, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.count(Verdict::Invalid) > 0 {
            crate::exit::INPUT
        } else if self.count(Verdict::Fail) > 0 {
            crate::exit::PROBLEM
        } else {
            crate::exit::SUCCESS
        }
    }

    /// "5 records: 4 pass, 1 fails." and any skipped files.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} pass", self.count(Verdict::Pass))];
        let fail = self.count(Verdict::Fail);
        if fail > 0 {
            parts.push(format!(
                "{fail} {}",
                if fail == 1 { "fails" } else { "fail" }
            ));
        }
        let invalid = self.count(Verdict::Invalid);
        if invalid > 0 {
            parts.push(format!("{invalid} invalid"));
        }
        let total = self.files.len();
        let mut line = format!(
            "{total} {}: {}.",
            if total == 1 { "record" } else { "records" },
            parts.join(", ")
        );
        if !self.skipped.is_empty() {
            line.push_str(&format!(
                " Skipped {}: {}.",
                if self.skipped.len() == 1 {
                    "1 YAML file that is not a decision record".to_string()
                } else {
                    format!(
                        "{} YAML files that are not decision records",
                        self.skipped.len()
                    )
                },
                self.skipped.join(", ")
            ));
        }
        line
    }
}
