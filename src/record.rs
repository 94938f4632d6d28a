//! Decision records: one YAML file per initiative, kept in git beside the
//! strategy it supports.

use crate::answers::{Answers, Claim, Horizon, MAX_CLAIMS, Status, check_weight, too_many_claims};
use crate::framework::Framework;
use crate::problem::{Collector, Problem, Problems};
use crate::yaml::{self, Locations, Node, Parsed};
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::cell::LazyCell;
use std::ops::Deref;

/// Where editors find the record's JSON Schema, for validation and completion.
pub const SCHEMA_URL: &str = concat!(
    env!("CARGO_PKG_REPOSITORY"),
    "/raw/main/schema/decision-record.schema.json"
);

/// One initiative's diagnosis inputs, as kept in a YAML file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "calibrate decision record")]
pub struct Record {
    /// The initiative's name.
    pub initiative: String,
    /// Who answers for the diagnosis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// How long until the investment must pay off.
    pub horizon: Horizon,
    /// The playbook the team runs today: go-now, predictable, discovery or resilient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_playbook: Option<String>,
    /// The date of the last diagnosis (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IsoDate>")]
    pub reviewed: Option<Date>,
    /// How often to diagnose again, such as 90d or 6m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_every: Option<Horizon>,
    /// What the plan rests on.
    pub claims: Vec<RecordClaim>,
    /// Anything else worth keeping with the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One claim in a decision record.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordClaim {
    /// The claim in your own words.
    pub claim: String,
    /// Whether you know it (fact) or believe it (assumption).
    pub status: Status,
    /// For a fact, the kind of evidence behind it: measured, pilot, track-record, vendor, peer or opinion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Where the evidence can be found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// How much the plan rests on this claim relative to the others (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1000, "default" = 1))]
    pub weight: f64,
}

/// A calendar date, YYYY-MM-DD.
#[derive(JsonSchema)]
#[schemars(extend("format" = "date"))]
#[allow(dead_code)]
struct IsoDate(String);

/// What an empty record, or an empty item of a portfolio, is told.
pub const EMPTY: &str = "is empty: a decision record needs initiative, horizon and claims (`calibrate init --template` writes one to start from)";

/// The loader's message with the names of Rust types put in words.
fn in_plain_words(mut problem: Problem) -> Problem {
    problem.message = problem
        .message
        .replace(
            "struct RecordClaim",
            "a claim (claim, status, evidence, weight)",
        )
        .replace(
            "struct Record",
            "a decision record (initiative, horizon, claims, ...)",
        );
    problem
}

fn one() -> f64 {
    1.0
}

fn is_one(weight: &f64) -> bool {
    *weight == 1.0
}

impl Record {
    /// Parses a record from `text`, read from `path`, and checks it against the
    /// pack: every problem comes with its line and column where known.
    pub fn parse(
        path: &str,
        text: &str,
        framework: &Framework,
    ) -> Result<Parsed<Record>, Problems> {
        if yaml::is_blank(text) {
            return Err(Problems(vec![Problem::in_file(path, EMPTY)]));
        }
        let parsed: Parsed<Record> =
            yaml::parse(path, text).map_err(|p| Problems(vec![in_plain_words(p)]))?;
        parsed.value.check(path, framework, &&parsed.at)?;
        Ok(parsed)
    }

    /// Reads a record from a node kept from a larger file (an item of a
    /// portfolio file), and checks it against the pack. The places of its
    /// nodes are worked out only if there is a problem to place.
    pub fn from_node(path: &str, node: &Node, framework: &Framework) -> Result<Record, Problems> {
        if node.is_null() {
            return Err(Problems(vec![Problem::in_file(path, EMPTY)]));
        }
        let record: Record =
            yaml::from_node(path, node).map_err(|p| Problems(vec![in_plain_words(p)]))?;
        let at = LazyCell::new(|| Locations::of_events(path, &node.events));
        record.check(path, framework, &at)?;
        Ok(record)
    }

    /// Checks the record against the pack, placing problems with `at`.
    fn check(
        &self,
        path: &str,
        framework: &Framework,
        at: &impl Deref<Target = Locations>,
    ) -> Result<(), Problems> {
        let record = self;
        let mut problems = Collector::default();
        if record.initiative.trim().is_empty() {
            problems.add(|| {
                at.problem(
                    "initiative",
                    "initiative is empty: give the initiative a name",
                )
            });
        }
        if record.claims.len() > MAX_CLAIMS {
            problems.add(|| {
                at.problem(
                    "claims",
                    too_many_claims(record.claims.len(), "a decision record"),
                )
            });
            return Err(problems.finish(path));
        }
        if record.claims.is_empty() {
            problems.add(|| {
                at.problem(
                    "claims",
                    "there are no claims: list what the plan rests on, each with claim and status",
                )
            });
        }
        for (i, claim) in record.claims.iter().enumerate() {
            if claim.claim.trim().is_empty() {
                problems.add(|| at.problem(&format!("claims.{i}.claim"), "a claim has no text"));
            }
            if let Err(err) = check_weight(claim.weight) {
                problems.add(|| at.problem(&format!("claims.{i}.weight"), err));
            }
            if let Some(kind) = &claim.evidence
                && let Err(err) = framework.find_evidence(kind)
            {
                problems.add(|| at.problem(&format!("claims.{i}.evidence"), err));
            }
        }
        if let Some(current) = &record.current_playbook
            && let Err(err) = framework.find_playbook(current)
        {
            problems.add(|| at.problem("current_playbook", err));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.finish(path))
        }
    }

    /// The record as answers for the engine, without copying its text.
    pub fn into_answers(self) -> Answers {
        Answers {
            initiative: Some(self.initiative),
            horizon: self.horizon,
            claims: self
                .claims
                .into_iter()
                .map(|c| Claim {
                    text: c.claim,
                    status: c.status,
                    evidence: c.evidence,
                    weight: c.weight,
                })
                .collect(),
            current_playbook: self.current_playbook,
        }
    }

    /// A record holding `answers`, diagnosed on `today`.
    pub fn from_answers(answers: &Answers, today: Date) -> Record {
        Record {
            initiative: answers.initiative.clone().unwrap_or_default(),
            owner: None,
            horizon: answers.horizon.clone(),
            current_playbook: answers.current_playbook.clone(),
            reviewed: Some(today),
            review_every: Some("90d".parse().expect("a valid duration")),
            claims: answers
                .claims
                .iter()
                .map(|c| RecordClaim {
                    claim: c.text.clone(),
                    status: c.status,
                    evidence: c.evidence.clone(),
                    source: None,
                    weight: c.weight,
                })
                .collect(),
            notes: None,
        }
    }

    /// The record as YAML, starting with the schema comment editors read.
    pub fn to_yaml(&self) -> String {
        let body = serde_yaml::to_string(self).expect("a record always serialises");
        format!("# yaml-language-server: $schema={SCHEMA_URL}\n{body}")
    }

    /// When the next diagnosis is due, if the record says.
    pub fn review_due(&self) -> Option<Date> {
        let (reviewed, every) = (self.reviewed?, self.review_every.as_ref()?);
        let days = (every.in_months() * 365.25 / 12.0).round() as i64;
        reviewed.checked_add(jiff::Span::new().days(days)).ok()
    }
}

/// A JSON Schema for decision records, generated from the types above.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Record);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

/// A commented record to fill in by hand.
pub fn template() -> String {
    format!(
        "# yaml-language-server: $schema={SCHEMA_URL}
# A decision record: one initiative, diagnosed with `calibrate diagnose --record FILE`
# and checked in CI with `calibrate check`. Replace every value below.

# The initiative's name.
initiative: Customer-service assistant
# Who answers for the diagnosis (optional).
owner: Head of Customer Experience
# How long until the investment must pay off: 90d, 6m, 1q, 2y ... (12 months or less is short).
horizon: 6m
# The playbook the team runs today (optional): go-now, predictable, discovery or resilient.
current_playbook: go-now
# When the team last diagnosed this initiative, and how often to do it again (both optional).
reviewed: 2026-01-15
review_every: 90d

# What the plan rests on. A fact is something you have shown in your own situation;
# anything else is an assumption. For a fact, say what shows it:
#   measured      our own measured data      pilot    our own pilot or experiment
#   track-record  our own track record in this same setting
#   vendor        specifications and demos   peer     another organisation's result
#   opinion       one person's conviction, or experience elsewhere
# Only measured, pilot and track-record make a fact count; the others are scored as
# assumptions.
claims:
  - claim: Our contact volumes and handling times are stable month to month
    status: fact
    evidence: measured
    source: Contact-centre dashboard, last 24 months
  - claim: The assistant resolves two thirds of customer queries
    status: fact
    evidence: vendor
    source: Vendor benchmark deck
    # How much the plan rests on this claim compared with the others (default 1).
    weight: 2
  - claim: Customers will accept an assistant for refunds and complaints
    status: assumption

# Anything else worth keeping with the record (optional).
notes: >-
  Free text.
"
    )
}
