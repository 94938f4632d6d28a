//! What the user tells us: the horizon, the claims the plan rests on, and the
//! playbook the team runs today. Every input path (flags, records, the
//! interview) produces the same [`Answers`].

use std::fmt;
use std::str::FromStr;

/// The longest horizon we accept. Past this the question stops being a
/// planning horizon at all, and it is almost always a typo (`1e9y`, `5000m`).
pub const MAX_HORIZON_MONTHS: f64 = 50.0 * 12.0;

/// The heaviest weight a single claim may carry. Weights express "this claim
/// matters twice as much as that one"; anything beyond this is a mistake.
pub const MAX_WEIGHT: f64 = 1000.0;

/// The most claims one plan may list. A real plan rests on a handful, or a
/// few dozen; the limit keeps every report readable and every run quick.
pub const MAX_CLAIMS: usize = 1000;

/// The answers to the method's two questions, plus what the team runs today.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// The initiative's name, if given.
    pub initiative: Option<String>,
    /// How long until the investment must pay off.
    pub horizon: Horizon,
    /// What the plan rests on.
    pub claims: Vec<Claim>,
    /// The playbook the team says it runs today (an id or alias, as typed).
    pub current_playbook: Option<String>,
}

/// One thing the plan rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The claim in the user's words.
    pub text: String,
    /// Whether the user holds it as a fact or an assumption.
    pub status: Status,
    /// The kind of evidence behind a fact (an evidence-kind id from the pack).
    pub evidence: Option<String>,
    /// How much the plan rests on it, relative to the other claims.
    pub weight: f64,
    /// The probability, 0 to 1, that the claim holds, if the user said.
    pub confidence: Option<f64>,
    /// The experiment planned to settle it, if any.
    pub test: Option<PlannedTest>,
}

/// The experiment planned to settle a claim, as a report names it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTest {
    /// What the test expects to see.
    pub hypothesis: String,
    /// When its outcome is due.
    pub resolve_by: jiff::civil::Date,
}

impl Claim {
    /// A claim of weight 1 with no evidence recorded.
    pub fn new(text: impl Into<String>, status: Status) -> Self {
        Claim {
            text: text.into(),
            status,
            evidence: None,
            weight: 1.0,
            confidence: None,
            test: None,
        }
    }

    /// The same claim with its evidence kind recorded.
    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = Some(evidence.into());
        self
    }

    /// The same claim with another weight.
    pub fn with_weight(mut self, weight: f64) -> Self {
        self.weight = weight;
        self
    }

    /// The same claim with the probability that it holds.
    pub fn with_confidence(mut self, confidence: f64) -> Self {
        self.confidence = Some(confidence);
        self
    }
}

/// Checks a confidence: the probability that a claim holds, from 0 to 1.
pub fn check_confidence(confidence: f64) -> Result<f64, String> {
    if (0.0..=1.0).contains(&confidence) {
        Ok(confidence)
    } else {
        Err(format!(
            "confidence {confidence} is out of range: give the probability that the claim holds, from 0 to 1 (such as 0.8)"
        ))
    }
}

/// Reads a confidence as people write it: `0.8` or `80%`.
pub fn read_confidence(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let (number, scale) = match text.strip_suffix('%') {
        Some(number) => (number.trim(), 100.0),
        None => (text, 1.0),
    };
    let value: f64 = number.replace(',', ".").parse().map_err(|_| {
        format!("'{text}' is not a confidence: write a probability such as 0.8 or 80%")
    })?;
    if !value.is_finite() {
        return Err(format!(
            "'{text}' is not a confidence: write a probability such as 0.8 or 80%"
        ));
    }
    check_confidence(value / scale)
}

/// Why a plan, record or session with `count` claims is refused; `what`
/// names it, as in "a decision record".
pub fn too_many_claims(count: usize, what: &str) -> String {
    format!(
        "there are {count} claims; {what} may list at most {MAX_CLAIMS}: keep the ones the decision rests on"
    )
}

/// Whether a claim is held as known or believed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Shown in our own situation.
    Fact,
    /// Believed, but not shown here.
    Assumption,
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fact" => Ok(Status::Fact),
            "assumption" => Ok(Status::Assumption),
            other => Err(format!(
                "unknown status '{other}': expected 'fact' or 'assumption'"
            )),
        }
    }
}

/// Checks a claim weight: positive, finite and not absurdly large.
pub fn check_weight(weight: f64) -> Result<f64, String> {
    if weight.is_finite() && weight > 0.0 && weight <= MAX_WEIGHT {
        Ok(weight)
    } else {
        // Very large or very small numbers read better in scientific form.
        let shown = if weight.is_finite() && weight != 0.0 && !(1e-3..1e6).contains(&weight.abs()) {
            format!("{weight:e}")
        } else {
            weight.to_string()
        };
        Err(format!(
            "weight {shown} is out of range: use a number above 0 and at most {MAX_WEIGHT}"
        ))
    }
}

/// How long until the investment must pay off, kept as typed and in months.
#[derive(Debug, Clone, PartialEq)]
pub struct Horizon {
    text: String,
    months: f64,
    /// A 90% range (`9m..18m`), in months, when the horizon was given as one.
    range: Option<(f64, f64)>,
}

/// Half a day, in months: horizons are counted in days, so two that differ
/// by less than this are the same horizon.
pub const HALF_A_DAY: f64 = 0.5 * MONTHS_PER_DAY;

/// A day in months (a year is 365.25 days).
pub const MONTHS_PER_DAY: f64 = 12.0 / 365.25;

/// The units a horizon may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Quarters,
    Years,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Days,
        Unit::Weeks,
        Unit::Months,
        Unit::Quarters,
        Unit::Years,
    ];

    /// The one-letter form every pack accepts: d, w, m, q, y.
    pub fn letter(self) -> &'static str {
        match self {
            Unit::Days => "d",
            Unit::Weeks => "w",
            Unit::Months => "m",
            Unit::Quarters => "q",
            Unit::Years => "y",
        }
    }

    /// How many months one of it is.
    pub fn months(self) -> f64 {
        match self {
            Unit::Days => MONTHS_PER_DAY,
            Unit::Weeks => 7.0 * MONTHS_PER_DAY,
            Unit::Months => 1.0,
            Unit::Quarters => 3.0,
            Unit::Years => 12.0,
        }
    }
}

/// The words a pack accepts for each unit, beside the one-letter forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct UnitWords {
    #[serde(default)]
    pub days: Vec<String>,
    #[serde(default)]
    pub weeks: Vec<String>,
    #[serde(default)]
    pub months: Vec<String>,
    #[serde(default)]
    pub quarters: Vec<String>,
    #[serde(default)]
    pub years: Vec<String>,
}

impl UnitWords {
    /// The words for `unit`, its letter first.
    pub fn words(&self, unit: Unit) -> impl Iterator<Item = &str> {
        let words = match unit {
            Unit::Days => &self.days,
            Unit::Weeks => &self.weeks,
            Unit::Months => &self.months,
            Unit::Quarters => &self.quarters,
            Unit::Years => &self.years,
        };
        std::iter::once(unit.letter()).chain(words.iter().map(String::as_str))
    }

    /// The unit `word` names, in any case.
    fn unit(&self, word: &str) -> Option<Unit> {
        Unit::ALL
            .into_iter()
            .find(|&unit| self.words(unit).any(|w| crate::suggest::same_word(w, word)))
    }
}

impl Horizon {
    /// A horizon of a whole number of months.
    pub fn months(months: u32) -> Horizon {
        Horizon {
            text: format!("{months}m"),
            months: f64::from(months),
            range: None,
        }
    }

    /// Reads a horizon as people write it: a number and a unit (`18m`,
    /// `14 months`, `2 years`, `1yr`, `90d`; months when there is no unit),
    /// with the unit in any of the pack's `words`, or a deadline date
    /// (`2027-06-30`) counted from `today`.
    pub fn read(
        text: &str,
        words: &UnitWords,
        today: jiff::civil::Date,
    ) -> Result<Horizon, String> {
        let text = text.trim();
        let one = |text: &str| {
            if looks_like_date(text) {
                deadline_months(text, today)
            } else {
                span_months(text, words)
            }
        };
        in_range(text, one)
    }

    /// The 90% range the horizon was given as (`9m..18m`), in months.
    pub fn range(&self) -> Option<(f64, f64)> {
        self.range
    }

    /// The horizon in months (days count as 12/365.25 of a month).
    pub fn in_months(&self) -> f64 {
        self.months
    }

    /// The horizon as the user wrote it, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Horizon {
    type Err = String;

    /// A length written with the one-letter units every pack reads (`6m`,
    /// `90d`, `2y`); words and deadlines need the pack and a date
    /// ([`Horizon::read`]).
    fn from_str(text: &str) -> Result<Horizon, String> {
        in_range(text.trim(), |t| span_months(t, &UnitWords::default()))
    }
}

impl serde::Serialize for Horizon {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

const EXAMPLES: &str =
    "use a number and a unit, such as 6m, 18 months or 2y, or a deadline such as 2027-06-30";

/// A horizon, or a 90% range of them written `LOW..HIGH` (`9m..18m`), each
/// end read by `one`. A range is placed at its geometric middle, the median
/// of the log-normal spread the simulation draws from (9m..18m: 12.7 months).
fn in_range(text: &str, one: impl Fn(&str) -> Result<f64, String>) -> Result<Horizon, String> {
    let Some((low, high)) = text.split_once("..") else {
        return Ok(Horizon {
            text: text.to_string(),
            months: one(text)?,
            range: None,
        });
    };
    let (low, high) = (low.trim(), high.trim());
    if low.is_empty() || high.is_empty() {
        return Err(format!(
            "'{text}' is a range with an end missing: write both ends, as in 9m..18m"
        ));
    }
    if low.ends_with('.') || high.starts_with('.') {
        return Err(format!(
            "'{text}' is not a range: put two dots between the ends, as in 9m..18m"
        ));
    }
    let (low_months, high_months) = (one(low)?, one(high)?);
    if low_months == high_months {
        return Err(format!(
            "'{text}' has the same length at both ends: write one duration ({low}) or a range whose ends differ, as in 9m..18m"
        ));
    }
    if low_months > high_months {
        return Err(format!(
            "'{text}' is not a range: write the shorter end first, as in 9m..18m"
        ));
    }
    let (low, high) = (low_months, high_months);
    Ok(Horizon {
        text: text.to_string(),
        months: (low * high).sqrt(),
        range: Some((low, high)),
    })
}

fn looks_like_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
}

/// A calendar date as people write it, YYYY-MM-DD.
pub fn read_date(text: &str) -> Result<jiff::civil::Date, String> {
    let text = text.trim();
    text.parse().map_err(|_| {
        if !looks_like_date(text) {
            return format!("'{text}' is not a date: write it as YYYY-MM-DD, such as 2026-03-31");
        }
        // YYYY-MM-DD with numbers that make no day: say which part is wrong.
        let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
        let (year, month) = (number(0..4), number(5..7));
        match jiff::civil::Date::new(year, month as i8, 1) {
            Ok(first) => format!(
                "'{text}' is not a date: month {} of {year} has {} days",
                &text[5..7],
                first.days_in_month()
            ),
            Err(_) if (1..=12).contains(&month) => {
                format!("'{text}' is not a date: write it as YYYY-MM-DD, such as 2026-03-31")
            }
            Err(_) => format!("'{text}' is not a date: the month is from 01 to 12"),
        }
    })
}

/// Months from `today` to a deadline written as YYYY-MM-DD.
fn deadline_months(text: &str, today: jiff::civil::Date) -> Result<f64, String> {
    let date = read_date(text)?;
    let days = f64::from(
        date.since(today)
            .map_err(|_| format!("the deadline {text} is more than 50 years away"))?
            .get_days(),
    );
    if days <= 0.0 {
        return Err(format!(
            "the deadline {text} is not after today ({today}): give a date still to come"
        ));
    }
    let months = days * MONTHS_PER_DAY;
    if months > MAX_HORIZON_MONTHS {
        return Err(format!("the deadline {text} is more than 50 years away"));
    }
    Ok(months)
}

/// Months in a span written as a number and a unit.
fn span_months(text: &str, words: &UnitWords) -> Result<f64, String> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit = unit.trim();
    if number.is_empty() && text.starts_with('-') {
        return Err(format!("'{text}' is negative: {EXAMPLES}"));
    }
    // "1,5" reads as 1.5 in languages that write a decimal comma.
    let number = number.replace(',', ".");
    let valid_number = !number.is_empty()
        && number.chars().filter(|&c| c == '.').count() <= 1
        && number.chars().any(|c| c.is_ascii_digit());
    let value: f64 = match number.parse() {
        Ok(value) if valid_number => value,
        _ => return Err(format!("'{text}' is not a duration: {EXAMPLES}")),
    };
    let per_unit = if unit.is_empty() {
        1.0
    } else {
        match words.unit(unit) {
            Some(unit) => unit.months(),
            None => {
                let all: Vec<(&str, Unit)> = Unit::ALL
                    .into_iter()
                    .flat_map(|u| words.words(u).map(move |w| (w, u)))
                    .collect();
                let near = crate::suggest::nearest(unit, all.iter().map(|(w, _)| *w))
                    .and_then(|w| all.iter().find(|(word, _)| *word == w))
                    .map(|(_, u)| *u);
                return Err(match near {
                    Some(u) => format!(
                        "'{text}' is not a duration: did you mean {}{}?",
                        number.trim_end_matches('.'),
                        u.letter()
                    ),
                    None => format!("'{text}' is not a duration: {EXAMPLES}"),
                });
            }
        }
    };
    let months = value * per_unit;
    if months <= 0.0 {
        return Err(format!(
            "'{text}' is zero: the payoff needs a deadline after today ({EXAMPLES})"
        ));
    }
    if months > MAX_HORIZON_MONTHS {
        return Err(format!("'{text}' is longer than 50 years: {EXAMPLES}"));
    }
    Ok(months)
}

/// A duration as written in a file or typed in a flag, before it is read
/// with a pack's words and today's date: a string, or a bare number of months.
#[derive(Debug, Clone, PartialEq)]
pub struct DurationText(pub String);

impl DurationText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for DurationText {
    fn from(text: &str) -> DurationText {
        DurationText(text.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for DurationText {
    /// Accepts a string, or a bare number of months.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DurationText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as 6m, 18 months or 2y, or a date")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DurationText, E> {
                Ok(DurationText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DurationText, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DurationText, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DurationText, E> {
                self.visit_str(&v.to_string())
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl serde::Serialize for DurationText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl schemars::JsonSchema for DurationText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number and a unit (d, w, m, q, y, or the words of the pack, such as days, weeks, months, quarters, years), a bare number of months, or a deadline as YYYY-MM-DD; such as 6m, 18 months, 2y or 2027-06-30.",
            "anyOf": [
                { "type": "string" },
                { "type": "number", "exclusiveMinimum": 0 }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> UnitWords {
        let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect();
        UnitWords {
            days: words(&["day", "days"]),
            weeks: words(&["week", "weeks", "wk"]),
            months: words(&["mo", "month", "months"]),
            quarters: words(&["quarter", "quarters"]),
            years: words(&["yr", "yrs", "year", "years"]),
        }
    }

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2026, 11, 22)
    }

    fn months(text: &str) -> f64 {
        Horizon::read(text, &english(), today())
            .unwrap()
            .in_months()
    }

    #[test]
    fn units_convert_to_months() {
        assert_eq!(months("6m"), 6.0);
        assert_eq!(months("18"), 18.0);
        assert_eq!(months("2y"), 24.0);
        assert_eq!(months("1q"), 3.0);
        assert_eq!(months("1.5y"), 18.0);
        assert_eq!(months("1,5y"), 18.0);
        assert_eq!(months(" 12 M "), 12.0);
        assert_eq!(months("14 months"), 14.0);
        assert_eq!(months("2 Years"), 24.0);
        assert_eq!(months("1yr"), 12.0);
        assert_eq!(months("14mo"), 14.0);
        assert_eq!(months("18 m"), 18.0);
        assert!((months("365d") - 365.0 * 12.0 / 365.25).abs() < 1e-12);
        assert!((months("4w") - 28.0 * 12.0 / 365.25).abs() < 1e-12);
    }

    #[test]
    fn a_deadline_counts_from_today() {
        assert!((months("2027-11-22") - 365.0 * MONTHS_PER_DAY).abs() < 1e-9);
        let past = Horizon::read("2026-11-22", &english(), today()).unwrap_err();
        assert_eq!(
            past,
            "the deadline 2026-11-22 is not after today (2026-11-22): give a date still to come"
        );
        let bad = Horizon::read("2027-02-30", &english(), today()).unwrap_err();
        assert_eq!(
            bad,
            "'2027-02-30' is not a date: month 02 of 2027 has 28 days"
        );
    }

    #[test]
    fn bad_horizons_say_what_is_wrong() {
        let error = |text: &str| Horizon::read(text, &english(), today()).unwrap_err();
        assert_eq!(
            error("14 monts"),
            "'14 monts' is not a duration: did you mean 14m?"
        );
        assert_eq!(
            error("2 yeers"),
            "'2 yeers' is not a duration: did you mean 2y?"
        );
        for (input, message) in [
            ("abc", format!("'abc' is not a duration: {EXAMPLES}")),
            ("", format!("'' is not a duration: {EXAMPLES}")),
            ("6x", format!("'6x' is not a duration: {EXAMPLES}")),
            ("1.2.3m", format!("'1.2.3m' is not a duration: {EXAMPLES}")),
            ("-3m", format!("'-3m' is negative: {EXAMPLES}")),
            (
                "0d",
                format!("'0d' is zero: the payoff needs a deadline after today ({EXAMPLES})"),
            ),
            ("51y", format!("'51y' is longer than 50 years: {EXAMPLES}")),
        ] {
            assert_eq!(error(input), message, "{input}");
        }
        assert!(Horizon::read("50y", &english(), today()).is_ok());
    }

    #[test]
    fn weights_must_be_positive_and_finite() {
        assert_eq!(check_weight(2.0), Ok(2.0));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e308] {
            assert!(check_weight(bad).is_err(), "{bad}");
        }
    }
}
