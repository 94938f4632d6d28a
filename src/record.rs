//! Decision records: one YAML file per initiative, kept in git beside the
//! strategy it supports.

use crate::answers::{
    Answers, Claim, DurationText, MAX_CLAIMS, MONTHS_PER_DAY, PlannedTest, Status,
    check_confidence, check_weight, too_many_claims,
};
use crate::framework::Framework;
use crate::problem::{Collector, Problem, Problems};
use crate::shapes;
use crate::yaml::{self, Locations, Node, Parsed};
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::cell::LazyCell;
use std::ops::Deref;

/// Where editors find the record's JSON Schema, for validation and completion.
/// This version's own copy, so a record written today keeps validating
/// against the schema it was written for.
pub const SCHEMA_URL: &str = concat!(
    env!("CARGO_PKG_REPOSITORY"),
    "/raw/v",
    env!("CARGO_PKG_VERSION"),
    "/schema/decision-record.schema.json"
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
    pub horizon: DurationText,
    /// The playbook the team runs today: go-now, predictable, discovery or resilient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_playbook: Option<String>,
    /// The date of the last diagnosis (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IsoDate>")]
    #[serde(deserialize_with = "iso_date::some")]
    pub reviewed: Option<Date>,
    /// How often to diagnose again, such as 90d or 6m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_every: Option<DurationText>,
    /// What the plan rests on.
    pub claims: Vec<RecordClaim>,
    /// Tripwires written in advance: a state of the world that, if reached by
    /// its date, means the initiative should be reviewed (or stopped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kill_criteria: Vec<KillCriterion>,
    /// Whether the initiative paid off, once that is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<RecordOutcome>,
    /// Anything else worth keeping with the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A tripwire: the state that calls for a review, and the date by which to look.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KillCriterion {
    /// The state of the world that means stop or rethink, in your own words.
    pub state: String,
    /// The date by which to check it (YYYY-MM-DD); a review on or after it settles it.
    #[schemars(with = "IsoDate")]
    #[serde(deserialize_with = "iso_date::read")]
    pub date: Date,
}

/// What became of the initiative.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordOutcome {
    /// Whether the investment paid off.
    pub paid_off: bool,
    /// When that was known (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IsoDate>")]
    #[serde(deserialize_with = "iso_date::some")]
    pub resolved: Option<Date>,
    /// How long it took from the decision until it paid off (or was judged
    /// not to), such as 14m or 2y.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took: Option<DurationText>,
    /// What happened, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a claim turned out to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimOutcome {
    /// It held: from now on it counts as a fact shown by a pilot.
    Held,
    /// It failed.
    Failed,
}

/// The experiment that will settle an assumption.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimTest {
    /// What the test expects to see.
    pub hypothesis: String,
    /// What is measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// The result, written in advance, that counts as the claim holding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// The date by which the outcome is to be recorded (YYYY-MM-DD);
    /// `check --strict` fails once it passes with no outcome.
    #[schemars(with = "IsoDate")]
    #[serde(deserialize_with = "iso_date::read")]
    pub resolve_by: Date,
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
    /// The probability, from 0 to 1, that the claim holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 1))]
    pub confidence: Option<f64>,
    /// The experiment that will settle it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<ClaimTest>,
    /// Whether it turned out to hold: held or failed. A claim that held counts as a fact shown by a pilot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ClaimOutcome>,
    /// When the outcome was known (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IsoDate>")]
    #[serde(deserialize_with = "iso_date::some")]
    pub resolved: Option<Date>,
    /// What the outcome was, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl RecordClaim {
    /// The claim as the engine reads it. One whose outcome held counts as a
    /// fact shown by a pilot (the pack's `pilot` kind, or its first kind
    /// that counts); one that failed is an assumption that did not come true.
    pub fn to_claim(&self, framework: &Framework) -> Claim {
        let mut claim = Claim {
            text: self.claim.clone(),
            status: self.status,
            evidence: self.evidence.clone(),
            weight: self.weight,
            confidence: self.confidence,
            test: self.test.as_ref().map(|t| PlannedTest {
                hypothesis: t.hypothesis.clone(),
                resolve_by: t.resolve_by,
            }),
        };
        match self.outcome {
            Some(ClaimOutcome::Held) => {
                let pilot = framework
                    .find_evidence("pilot")
                    .ok()
                    .filter(|k| k.counts_as_fact)
                    .or_else(|| framework.evidence.iter().find(|k| k.counts_as_fact));
                claim.status = Status::Fact;
                claim.evidence = pilot.map(|k| k.id.clone());
                claim.confidence = Some(1.0);
            }
            Some(ClaimOutcome::Failed) => {
                claim.status = Status::Assumption;
                claim.confidence = Some(0.0);
            }
            None => {}
        }
        claim
    }
}

/// Dates in a record, read as YYYY-MM-DD with a message that says so.
mod iso_date {
    use jiff::civil::Date;
    use serde::Deserializer;
    use serde::de::{Error, Visitor};

    struct IsoDate;

    impl Visitor<'_> for IsoDate {
        type Value = Date;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date written YYYY-MM-DD, such as 2026-03-31")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Date, E> {
            crate::answers::read_date(text).map_err(E::custom)
        }
    }

    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_str(IsoDate)
    }

    /// A date that may be left empty (`reviewed:` with nothing after it).
    pub fn some<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        struct Read(Date);
        impl<'de> serde::Deserialize<'de> for Read {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Read, D::Error> {
                read(d).map(Read)
            }
        }
        let date: Option<Read> = serde::Deserialize::deserialize(d)?;
        Ok(date.map(|Read(date)| date))
    }
}

/// A calendar date, YYYY-MM-DD.
#[derive(JsonSchema)]
#[schemars(extend("format" = "date"))]
#[allow(dead_code)]
struct IsoDate(String);

fn one() -> f64 {
    1.0
}

fn is_one(weight: &f64) -> bool {
    *weight == 1.0
}

impl Record {
    /// Parses a record from `text`, read from `path`, and checks it against the
    /// pack: every problem (the first 20) comes with its line and column.
    pub fn parse(
        path: &str,
        text: &str,
        framework: &Framework,
        today: Date,
    ) -> Result<Parsed<Record>, Problems> {
        if yaml::is_blank(text) {
            return Err(Problems(vec![Problem::in_file(path, EMPTY)]));
        }
        let at = yaml::locate(path, text).map_err(|p| Problems(vec![p]))?;
        let mut problems = Collector::default();
        match serde_yaml::from_str::<Record>(text) {
            Ok(record) => {
                check_fields(&fields(&record), framework, today, &&at, &mut problems);
                if problems.is_empty() {
                    return Ok(Parsed { value: record, at });
                }
            }
            // The loader stops at the first mistake: look again for all of them.
            Err(err) => match serde_yaml::from_str::<serde_yaml::Value>(text) {
                Ok(value) if value.is_mapping() => {
                    if let Some(other) = shapes::other_kind(&value, shapes::Kind::Record) {
                        return Err(Problems(vec![Problem::in_file(path, other)]));
                    }
                    let schema = serde_json::to_value(schemars::schema_for!(Record))
                        .expect("a schema always serialises");
                    yaml::shape::check(&value, &schema, &at, &mut problems);
                    check_fields(&value_fields(&value), framework, today, &&at, &mut problems);
                    if problems.is_empty() {
                        problems.add(|| yaml::loader_problem(path, &at, &err));
                    }
                }
                Ok(value) => match shapes::other_kind(&value, shapes::Kind::Record) {
                    Some(other) => problems.add(|| Problem::in_file(path, other)),
                    None => problems.add(|| yaml::loader_problem(path, &at, &err)),
                },
                Err(_) => problems.add(|| yaml::loader_problem(path, &at, &err)),
            },
        }
        let mut problems = problems.finish(path);
        // In the order they appear in the file, whichever check found them.
        problems
            .0
            .sort_by_key(|p| p.place.unwrap_or((usize::MAX, 0)));
        for problem in &mut problems.0 {
            in_plain_words(problem);
        }
        Err(problems)
    }

    /// Reads a record from a node kept from a larger file (an item of a
    /// portfolio file), and checks it against the pack. The places of its
    /// nodes are worked out only if there is a problem to place.
    pub fn from_node(
        path: &str,
        node: &Node,
        framework: &Framework,
        today: Date,
    ) -> Result<Record, Problems> {
        if node.is_null() {
            return Err(Problems(vec![Problem::in_file(path, EMPTY)]));
        }
        let record: Record = yaml::from_node(path, node).map_err(|mut problem| {
            in_plain_words(&mut problem);
            Problems(vec![problem])
        })?;
        let at = LazyCell::new(|| Locations::of_events(path, &node.events));
        let mut problems = Collector::default();
        check_fields(&fields(&record), framework, today, &at, &mut problems);
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems.finish(path))
        }
    }

    /// Parses a record (as [`Record::parse`]) and reads it as answers.
    pub fn parse_answers(
        path: &str,
        text: &str,
        framework: &Framework,
        today: Date,
    ) -> Result<(Record, Locations, Answers), Problems> {
        let Parsed { value, at } = Record::parse(path, text, framework, today)?;
        let answers = value
            .clone()
            .into_answers(framework, today)
            .map_err(|err| Problems(vec![at.problem("horizon", err)]))?;
        Ok((value, at, answers))
    }

    /// The record as answers for the engine, without copying its text; the
    /// horizon is read with the pack's words, a deadline counted from `today`.
    pub fn into_answers(self, framework: &Framework, today: Date) -> Result<Answers, String> {
        let horizon = framework.read_horizon(self.horizon.as_str(), today)?;
        Ok(Answers {
            initiative: Some(self.initiative),
            horizon,
            claims: self.claims.iter().map(|c| c.to_claim(framework)).collect(),
            current_playbook: self.current_playbook,
        })
    }

    /// A record holding `answers`, diagnosed on `today`.
    pub fn from_answers(answers: &Answers, today: Date) -> Record {
        Record {
            initiative: answers.initiative.clone().unwrap_or_default(),
            owner: None,
            horizon: DurationText(answers.horizon.as_str().to_string()),
            current_playbook: answers.current_playbook.clone(),
            reviewed: Some(today),
            review_every: Some(DurationText("90d".to_string())),
            claims: answers
                .claims
                .iter()
                .map(|c| RecordClaim {
                    claim: c.text.clone(),
                    status: c.status,
                    evidence: c.evidence.clone(),
                    source: None,
                    weight: c.weight,
                    confidence: c.confidence,
                    test: None,
                    outcome: None,
                    resolved: None,
                    note: None,
                })
                .collect(),
            kill_criteria: Vec::new(),
            outcome: None,
            notes: None,
        }
    }

    /// The record as YAML, starting with the comment that tells editors
    /// where its `schema` is (a URL, or a path from the record's folder).
    pub fn to_yaml(&self, schema: &str) -> String {
        let body = serde_yaml::to_string(self).expect("a record always serialises");
        format!("{}\n{body}", modeline(schema))
    }

    /// How long the initiative took to pay off (or to be judged), in months,
    /// when its outcome says.
    pub fn took_months(&self, framework: &Framework) -> Option<f64> {
        let took = self.outcome.as_ref()?.took.as_ref()?;
        review_interval(framework, took).ok()
    }

    /// When the next diagnosis is due, if the record says.
    pub fn review_due(&self, framework: &Framework) -> Option<Date> {
        let (reviewed, every) = (self.reviewed?, self.review_every.as_ref()?);
        let months = review_interval(framework, every).ok()?;
        let days = (months / MONTHS_PER_DAY).round() as i64;
        reviewed.checked_add(jiff::Span::new().days(days)).ok()
    }
}

/// What an empty record, or an empty item of a portfolio, is told.
pub const EMPTY: &str = "is empty: a decision record needs initiative, horizon and claims (`calibrate init --template` writes one to start from)";

/// The loader's message with the names of Rust types put in words.
fn in_plain_words(problem: &mut Problem) {
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
}

/// A value in a record that its checks read, with where it sits, however
/// the record was read: into its type, or (when that failed) as plain YAML.
enum Field<'a> {
    Initiative(&'a str),
    Horizon(String),
    ReviewEvery(String),
    /// A date not yet read, at its key path (the loader reads dates when
    /// the record loads).
    Date(String, &'a str),
    Current(&'a str),
    Claims(usize),
    ClaimText(usize, &'a str),
    Evidence(usize, &'a str),
    Weight(usize, f64),
    Confidence(usize, f64),
    Took(String),
}

/// The checked values of a record that loaded.
fn fields(record: &Record) -> Vec<Field<'_>> {
    let mut fields = vec![
        Field::Initiative(&record.initiative),
        Field::Horizon(record.horizon.0.clone()),
        Field::Claims(record.claims.len()),
    ];
    fields.extend(
        record
            .review_every
            .as_ref()
            .map(|e| Field::ReviewEvery(e.0.clone())),
    );
    fields.extend(record.current_playbook.as_deref().map(Field::Current));
    for (i, claim) in record.claims.iter().enumerate() {
        fields.push(Field::ClaimText(i, &claim.claim));
        fields.push(Field::Weight(i, claim.weight));
        fields.extend(claim.evidence.as_deref().map(|e| Field::Evidence(i, e)));
        fields.extend(claim.confidence.map(|c| Field::Confidence(i, c)));
    }
    let took = record.outcome.as_ref().and_then(|o| o.took.as_ref());
    fields.extend(took.map(|t| Field::Took(t.0.clone())));
    fields
}

/// The checked values of a record that did not load, where they have the
/// right type; wrong types are the shape check's to report.
fn value_fields(value: &serde_yaml::Value) -> Vec<Field<'_>> {
    let text = |key: &str| value.get(key).and_then(serde_yaml::Value::as_str);
    let duration = |key: &str| match value.get(key)? {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mut fields = Vec::new();
    fields.extend(text("initiative").map(Field::Initiative));
    fields.extend(duration("horizon").map(Field::Horizon));
    fields.extend(duration("review_every").map(Field::ReviewEvery));
    fields.extend(text("reviewed").map(|d| Field::Date("reviewed".into(), d)));
    fields.extend(text("current_playbook").map(Field::Current));
    if let Some(claims) = value.get("claims").and_then(serde_yaml::Value::as_sequence) {
        fields.push(Field::Claims(claims.len()));
        for (i, claim) in claims.iter().enumerate() {
            let text = |key: &str| claim.get(key).and_then(serde_yaml::Value::as_str);
            fields.extend(text("claim").map(|t| Field::ClaimText(i, t)));
            fields.extend(text("evidence").map(|e| Field::Evidence(i, e)));
            let weight = claim.get("weight").and_then(serde_yaml::Value::as_f64);
            fields.extend(weight.map(|w| Field::Weight(i, w)));
            let confidence = claim.get("confidence").and_then(serde_yaml::Value::as_f64);
            fields.extend(confidence.map(|c| Field::Confidence(i, c)));
            let resolved = text("resolved").map(|d| Field::Date(format!("claims.{i}.resolved"), d));
            fields.extend(resolved);
            let test = claim.get("test").and_then(|t| t.get("resolve_by"));
            fields.extend(
                test.and_then(serde_yaml::Value::as_str)
                    .map(|d| Field::Date(format!("claims.{i}.test.resolve_by"), d)),
            );
        }
    }
    if let Some(kills) = value
        .get("kill_criteria")
        .and_then(serde_yaml::Value::as_sequence)
    {
        for (i, kill) in kills.iter().enumerate() {
            let date = kill.get("date").and_then(serde_yaml::Value::as_str);
            fields.extend(date.map(|d| Field::Date(format!("kill_criteria.{i}.date"), d)));
        }
    }
    if let Some(outcome) = value.get("outcome") {
        let resolved = outcome.get("resolved").and_then(serde_yaml::Value::as_str);
        fields.extend(resolved.map(|d| Field::Date("outcome.resolved".into(), d)));
        let took = match outcome.get("took") {
            Some(serde_yaml::Value::String(s)) => Some(s.clone()),
            Some(serde_yaml::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        fields.extend(took.map(Field::Took));
    }
    fields
}

/// A key path as messages show it: `claims.0.resolved` as `claims[0].resolved`.
fn shown_path(path: &str) -> String {
    let mut shown = String::new();
    for segment in path.split('.') {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            shown.push_str(&format!("[{segment}]"));
        } else {
            if !shown.is_empty() {
                shown.push('.');
            }
            shown.push_str(segment);
        }
    }
    shown
}

/// What each value must be, beyond its type.
fn check_fields(
    fields: &[Field],
    framework: &Framework,
    today: Date,
    at: &impl Deref<Target = Locations>,
    problems: &mut Collector,
) {
    for field in fields {
        match field {
            Field::Initiative(name) if name.trim().is_empty() => problems.add(|| {
                at.problem(
                    "initiative",
                    "initiative is empty: give the initiative a name",
                )
            }),
            Field::Horizon(text) => {
                if let Err(err) = framework.read_horizon(text, today) {
                    problems.add(|| at.problem("horizon", format!("horizon: {err}")));
                }
            }
            Field::ReviewEvery(text) => {
                if let Err(err) = review_interval(framework, &DurationText(text.clone())) {
                    problems.add(|| at.problem("review_every", format!("review_every: {err}")));
                }
            }
            Field::Date(path, text) => {
                if let Err(err) = crate::answers::read_date(text) {
                    problems.add(|| at.problem(path, format!("{}: {err}", shown_path(path))));
                }
            }
            Field::Current(current) => {
                if let Err(err) = framework.find_playbook(current) {
                    problems.add(|| at.problem("current_playbook", err));
                }
            }
            Field::Claims(0) => problems.add(|| {
                at.problem(
                    "claims",
                    "there are no claims: list what the plan rests on, each with claim and status",
                )
            }),
            Field::Claims(count) if *count > MAX_CLAIMS => {
                problems.add(|| at.problem("claims", too_many_claims(*count, "a decision record")))
            }
            Field::ClaimText(i, text) if text.trim().is_empty() => {
                problems.add(|| at.problem(&format!("claims.{i}.claim"), "a claim has no text"))
            }
            Field::Evidence(i, kind) => {
                if let Err(err) = framework.find_evidence(kind) {
                    problems.add(|| at.problem(&format!("claims.{i}.evidence"), err));
                }
            }
            Field::Weight(i, weight) => {
                if let Err(err) = check_weight(*weight) {
                    problems.add(|| at.problem(&format!("claims.{i}.weight"), err));
                }
            }
            Field::Confidence(i, confidence) => {
                if let Err(err) = check_confidence(*confidence) {
                    problems.add(|| at.problem(&format!("claims.{i}.confidence"), err));
                }
            }
            Field::Took(text) => {
                if let Err(err) = review_interval(framework, &DurationText(text.clone())) {
                    problems.add(|| at.problem("outcome.took", format!("took: {err}")));
                }
            }
            _ => {}
        }
    }
}

/// How often a record is to be diagnosed again, in months: a length, not a date.
fn review_interval(framework: &Framework, every: &DurationText) -> Result<f64, String> {
    let text = every.as_str().trim();
    if text.len() == 10 && text.chars().filter(|&c| c == '-').count() == 2 {
        return Err(format!(
            "'{text}' is a date: give how often to review, such as 90d or 6m"
        ));
    }
    // A length reads the same whatever today is.
    let any_day = jiff::civil::date(2000, 1, 1);
    framework
        .read_horizon(text, any_day)
        .map(|every| every.in_months())
}

/// A JSON Schema for decision records, generated from the types above.
/// The comment editors read to find a record's schema.
fn modeline(schema: &str) -> String {
    format!("# yaml-language-server: $schema={schema}")
}

/// A JSON Schema for decision records, generated from the types above, with
/// the pack's playbook ids and evidence kinds as the values editors offer.
pub fn json_schema(framework: &Framework) -> String {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(Record)).expect("a schema always serialises");
    let one_of = |values: Vec<&str>, description: String| {
        serde_json::json!({
            "description": description,
            "anyOf": [{ "type": "string", "enum": values }, { "type": "null" }]
        })
    };
    let playbooks = framework.playbook_ids();
    schema["properties"]["current_playbook"] = one_of(
        playbooks.clone(),
        format!(
            "The playbook the team runs today: {}.",
            framework.words.either(&playbooks)
        ),
    );
    let kinds: Vec<&str> = framework.evidence.iter().map(|k| k.id.as_str()).collect();
    schema["$defs"]["RecordClaim"]["properties"]["evidence"] = one_of(
        kinds.clone(),
        format!(
            "For a fact, the kind of evidence behind it: {}. Only {} make a fact count.",
            framework.words.either(&kinds),
            framework.fact_kind_ids()
        ),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

/// A commented record to fill in by hand.
pub fn template(schema: &str, today: Date) -> String {
    format!(
        "{}
# A decision record: one initiative, diagnosed with `calibrate diagnose --record FILE`
# and checked in CI with `calibrate check`. Replace every value below.

# The initiative's name.
initiative: Customer-service assistant
# Who answers for the diagnosis (optional).
owner: Head of Customer Experience
# How long until the investment must pay off: 90d, 6m, 1q, 2y ... (12 months or less is short).
horizon: 6m
# The playbook the team runs today (optional): go-now, predictable, discovery or resilient.
# `calibrate check` fails when it no longer fits. Here the vendor's claim below counts as
# an assumption, so the plan rests mostly on assumptions: Discovery Planning.
current_playbook: discovery
# When the team last diagnosed this initiative, and how often to do it again (both optional).
reviewed: {today}
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
",
        modeline(schema)
    )
}
