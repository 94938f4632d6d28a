//! `check`'s judgement of one decision record: does the playbook the team
//! declares still fit, and (with `--strict`) is the record in good order?
//! Pure: today's date is passed in.

use crate::diagnosis::{Diagnosis, Reading};
use crate::framework::{Framework, KnowledgeSide, Playbook};
use crate::problem::Problems;
use crate::record::Record;
use crate::wording::fill;
use crate::yaml::{Locations, Place};
use jiff::civil::Date;

/// What a check found in one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// Whether this finding fails the check.
    pub fails: bool,
    /// The line and column it is about, for annotations.
    pub place: Option<Place>,
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
    /// A claim's test is past its resolve_by date with no outcome (strict).
    TestOverdue,
    /// A kill criterion's date has passed with no review since (strict).
    TripwirePassed,
    /// The record's outcome is recorded: the initiative is over, and
    /// nothing else is checked.
    Closed,
}

impl FindingKind {
    /// Every kind, for the lists that describe them (SARIF's rules).
    pub const ALL: [FindingKind; 8] = [
        FindingKind::Mismatch,
        FindingKind::NothingDeclared,
        FindingKind::Borderline,
        FindingKind::ReviewOverdue,
        FindingKind::UnrecordedEvidence,
        FindingKind::TestOverdue,
        FindingKind::TripwirePassed,
        FindingKind::Closed,
    ];

    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            FindingKind::Mismatch => "mismatch",
            FindingKind::NothingDeclared => "nothing_declared",
            FindingKind::Borderline => "borderline",
            FindingKind::ReviewOverdue => "review_overdue",
            FindingKind::UnrecordedEvidence => "unrecorded_evidence",
            FindingKind::TestOverdue => "test_overdue",
            FindingKind::TripwirePassed => "tripwire_passed",
            FindingKind::Closed => "closed",
        }
    }
}

/// Checks a record against its diagnosis. `at` holds the places of the
/// record's nodes, for the lines findings point at.
pub fn check(
    framework: &Framework,
    record: &Record,
    at: &Locations,
    d: &Diagnosis,
    today: Date,
    strict: bool,
) -> Vec<Finding> {
    let words = &framework.words.check;
    let line = |path: &str| at.place(path);
    if let Some(outcome) = &record.outcome {
        return vec![Finding {
            kind: FindingKind::Closed,
            fails: false,
            place: line("outcome"),
            message: if outcome.paid_off {
                words.closed_paid_off.clone()
            } else {
                words.closed_not_paid_off.clone()
            },
        }];
    }
    let mut findings = Vec::new();
    match &d.current {
        None => findings.push(Finding {
            kind: FindingKind::NothingDeclared,
            fails: false,
            place: None,
            message: fill(
                &words.nothing_declared,
                &[
                    ("playbook", &d.position.playbook.id),
                    ("playbook_name", &d.position.playbook.name),
                ],
            ),
        }),
        Some(current) => {
            if let Some(message) = mismatch_message(framework, d) {
                findings.push(Finding {
                    kind: FindingKind::Mismatch,
                    fails: true,
                    place: line(&mismatch_cause(current.playbook, d))
                        .or_else(|| line("current_playbook")),
                    message,
                });
            }
        }
    }
    if !strict {
        return findings;
    }
    let borderline = d.position.borderline;
    if borderline.any() {
        let axes = match (borderline.horizon, borderline.knowledge) {
            (true, true) => &words.on_both,
            (true, false) => &words.on_horizon,
            _ => &words.on_knowledge,
        };
        let flips: Vec<&str> = d.flips.iter().map(|f| f.change.as_str()).collect();
        findings.push(Finding {
            kind: FindingKind::Borderline,
            fails: true,
            place: line(if borderline.horizon {
                "horizon"
            } else {
                "claims"
            }),
            message: fill(
                &words.borderline,
                &[("axes", axes), ("flips", &flips.join("; "))],
            ),
        });
    }
    if let (Some(due), Some(reviewed)) = (record.review_due(framework), record.reviewed)
        && due < today
    {
        findings.push(Finding {
            kind: FindingKind::ReviewOverdue,
            fails: true,
            place: line("reviewed"),
            message: fill(
                &words.review_overdue,
                &[
                    ("reviewed", &reviewed.to_string()),
                    (
                        "every",
                        record
                            .review_every
                            .as_ref()
                            .map(|h| h.as_str())
                            .unwrap_or_default(),
                    ),
                    ("due", &due.to_string()),
                ],
            ),
        });
    }
    // The diagnosis keeps the record's claims in order.
    for (i, scored) in d
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.reading, Reading::UnrecordedFact))
    {
        findings.push(Finding {
            kind: FindingKind::UnrecordedEvidence,
            fails: true,
            place: line(&format!("claims.{i}")),
            message: fill(
                &words.unrecorded,
                &[
                    ("claim", &scored.claim.text),
                    ("fact_kinds", &framework.fact_kinds()),
                    ("fact_kind_ids", &framework.fact_kind_ids()),
                ],
            ),
        });
    }
    findings.extend(tripwires(framework, record, at, today));
    findings
}

/// The commitments a record made in advance and has let pass: a claim's
/// test past its `resolve_by` with no outcome, and a kill criterion whose
/// date has passed with no review on or after it.
fn tripwires(framework: &Framework, record: &Record, at: &Locations, today: Date) -> Vec<Finding> {
    let words = &framework.words.check;
    let tests = record.claims.iter().enumerate().filter_map(|(i, claim)| {
        let test = claim.test.as_ref()?;
        (claim.outcome.is_none() && test.resolve_by < today).then(|| Finding {
            kind: FindingKind::TestOverdue,
            fails: true,
            place: at.place(&format!("claims.{i}.test.resolve_by")),
            message: fill(
                &words.test_overdue,
                &[
                    ("claim", &claim.claim),
                    ("resolve_by", &test.resolve_by.to_string()),
                ],
            ),
        })
    });
    let criteria = record
        .kill_criteria
        .iter()
        .enumerate()
        .filter_map(|(i, kill)| {
            let reviewed_since = record.reviewed.is_some_and(|r| r >= kill.date);
            (kill.date < today && !reviewed_since).then(|| Finding {
                kind: FindingKind::TripwirePassed,
                fails: true,
                place: at.place(&format!("kill_criteria.{i}.date")),
                message: fill(
                    &words.tripwire_passed,
                    &[("state", &kill.state), ("date", &kill.date.to_string())],
                ),
            })
        });
    tests.chain(criteria).collect()
}

/// The key path of what rules the declared playbook out, for the line an
/// annotation points at: on the knowledge axis, the claim that weighs most
/// against the declared side (a fact whose evidence does not count first:
/// the claim the team believes and should not); on the horizon alone, the
/// horizon.
fn mismatch_cause(declared: &Playbook, d: &Diagnosis) -> String {
    let wanted = declared.quadrant.knowledge;
    if wanted == d.position.quadrant.knowledge {
        return "horizon".to_string();
    }
    let against = |reading: Reading| match wanted {
        KnowledgeSide::Facts => !reading.counts(),
        KnowledgeSide::Assumptions => reading.counts(),
    };
    let downgraded = d
        .claims
        .iter()
        .position(|c| matches!(c.reading, Reading::Downgraded(_)));
    let heaviest = d
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| against(c.reading))
        .fold(None::<(usize, f64)>, |best, (i, c)| match best {
            Some((_, weight)) if weight >= c.claim.weight => best,
            _ => Some((i, c.claim.weight)),
        })
        .map(|(i, _)| i);
    let cause = match wanted {
        KnowledgeSide::Facts => downgraded.or(heaviest),
        KnowledgeSide::Assumptions => heaviest,
    };
    cause.map_or_else(|| "claims".to_string(), |i| format!("claims.{i}"))
}

/// Why the declared playbook does not fit, when it does not: "declared
/// go-now, but …: diagnosed discovery (premature action if it stays)".
pub fn mismatch_message(framework: &Framework, d: &Diagnosis) -> Option<String> {
    let current = d.current.as_ref()?;
    let cost = current.cost.as_ref()?;
    Some(fill(
        &framework.words.check.mismatch,
        &[
            ("declared", &current.playbook.id),
            ("declared_name", &current.playbook.name),
            ("reason", &cost.reason),
            ("diagnosed", &d.position.playbook.id),
            ("diagnosed_name", &d.position.playbook.name),
            ("cost", cost.kind.name(framework)),
        ],
    ))
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
    Invalid(Problems),
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
pub struct CheckReport<'a> {
    pub today: Date,
    pub strict: bool,
    pub files: Vec<FileResult<'a>>,
    /// YAML files in the folders searched that are not decision records.
    pub skipped: Vec<String>,
}

impl CheckReport<'_> {
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
    pub fn summary(&self, framework: &Framework) -> String {
        let words = &framework.words;
        let count = |n: usize, template: &str| fill(template, &[("count", &n.to_string())]);
        let mut parts = vec![count(self.count(Verdict::Pass), &words.check.passed)];
        let fail = self.count(Verdict::Fail);
        if fail > 0 {
            parts.push(words.count(fail, &words.check.failed_one, &words.check.failed_other));
        }
        let invalid = self.count(Verdict::Invalid);
        if invalid > 0 {
            parts.push(count(invalid, &words.check.invalid_count));
        }
        let records = words.count(
            self.files.len(),
            &words.units.records_one,
            &words.units.records_other,
        );
        let mut line = fill(
            &words.check.summary,
            &[("records", &records), ("results", &parts.join(", "))],
        );
        if !self.skipped.is_empty() {
            let skipped = words.count(
                self.skipped.len(),
                &words.check.skipped_one,
                &words.check.skipped_other,
            );
            line.push(' ');
            line.push_str(&fill(&skipped, &[("files", &self.skipped.join(", "))]));
        }
        line
    }
}
